"""The catalogue of an edition as reStructuredText, in Chinese or English, for the documentation site.

The output is plain docutils reST (it declares the few roles it uses), so it renders with Sphinx, where
``bpsstd.sphinxext`` styles the badges, and with bare docutils alike. Every piece of data text is escaped:
nothing an edition says can turn into markup.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bpsstd.model import Confidence, Lang
from bpsstd.present import (
    Word,
    cite,
    escape_rst,
    fact_word,
    field_notes,
    item_marks,
    label,
    show,
    show_quantity,
)

if TYPE_CHECKING:
    from bpsstd.model import Aspect, Category, Edition, ServiceItem

__all__ = ["BADGE_CLASSES", "LABEL_PREFIX", "edition_rst", "item_label"]

#: The CSS classes of the badges, from the mildest to the strongest warning.
BADGE_CLASSES = (
    "bpsstd-badge-ok",
    "bpsstd-badge-inherited",
    "bpsstd-badge-low",
    "bpsstd-badge-reconstructed",
)

#: Every label of a catalogue starts with this; :mod:`bpsstd.sphinxext` turns the rest into the anchor.
LABEL_PREFIX = "bpsstd-"

_CN_DIGITS = "零一二三四五六七八九"


def item_label(edition_id: str, lang: Lang | str, key: str) -> str:
    """The label of an item in a catalogue, e.g. ``bpsstd-2021-zh-rural-student-nutrition``.

    Labels are global to a Sphinx project, so they name the edition and the language as well as the key;
    the page's anchor is the bare key (``catalogue-2021.html#rural-student-nutrition``).
    """
    return f"{LABEL_PREFIX}{edition_id}-{Lang(lang).value}-{key}"


def _section_label(edition_id: str, lang: Lang, kind: str, key: str) -> str:
    return item_label(edition_id, lang, f"{kind}-{key}")


# ---------------------------------------------------------------------------------------------
# Escaping: data text must never become markup; bpsstd.present.escape_rst is the one escaper.


def _cited(source: object, lang: Lang) -> str:
    """Render a source for a page in *lang*, as :func:`bpsstd.present.cite` chooses; addresses are links."""
    text = cite(str(source), lang)
    if lang is Lang.ZH and re.fullmatch(r"https?://\S+(?: https?://\S+)*", text):
        return " ".join(_link(url) for url in text.split(" "))
    return _link(text)


def _link(source: str) -> str:
    """Render a source: its leading URL as a link, the rest as escaped text."""
    match = re.match(r"(https?://\S+)(.*)", source.strip(), re.DOTALL)
    if not match:
        return escape_rst(source)
    url, rest = match.groups()
    shown = url.replace("`", "%60").replace("<", "%3C").replace(">", "%3E")
    return f"`{escape_rst(shown)} <{shown}>`__" + (f" {escape_rst(rest)}" if rest.strip() else "")


def _width(text: str) -> int:
    """Columns that docutils counts for a title: East Asian characters take two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _title(text: str, char: str, *, overline: bool = False) -> list[str]:
    rule = char * (_width(text) + 2)
    return [rule, text, rule, ""] if overline else [text, rule, ""]


def _cn_number(n: int) -> str:
    """Chinese numerals as the standard numbers its aspects: 一 .. 九, 十, 十一 .."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def _roman(n: int) -> str:
    """Roman numerals for the English aspects, as Chinese numerals number them in Chinese."""
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V")):
        out, n = out + letters * (n // value), n % value
    return out + ("IV" if n == 4 else "I" * n)


def _field(name: str, body: str) -> str:
    """A field of a field list; English names get a capital, as labels do."""
    name = escape_rst(name[:1].upper() + name[1:])
    return f":{name}: {body}" if body else f":{name}:"


def _indent(lines: list[str], by: int = 3) -> list[str]:
    return [" " * by + line if line else "" for line in lines]


# ---------------------------------------------------------------------------------------------
# Badges.


def _badge(css: str, text: str) -> str:
    return f":{css}:`{escape_rst(text)}`"


_BADGE_CSS = {
    Word.BADGE_OK: "bpsstd-badge-ok",
    Word.BADGE_INHERITED: "bpsstd-badge-inherited",
    Word.BADGE_NAME_LOW: "bpsstd-badge-low",
    Word.BADGE_FIELDS_LOW: "bpsstd-badge-low",
    Word.BADGE_RECONSTRUCTED: "bpsstd-badge-reconstructed",
}


def _badges(item: ServiceItem, lang: Lang) -> list[str]:
    """The badges of *item*, as reST roles: why its facts are not (yet) confirmed, or that they are."""
    marks = item_marks(item.provenance) or (Word.BADGE_OK,)
    edition = item.provenance.inherited_from
    return [_badge(_BADGE_CSS[mark], label(mark, lang, edition=edition)) for mark in marks]


def _roles() -> list[str]:
    lines = [f".. role:: {css}" for css in BADGE_CLASSES]
    lines.append(".. role:: bpsstd-key(literal)")
    return [*lines, ""]


# ---------------------------------------------------------------------------------------------
# The page.


def _agency_names(edition: Edition, keys: tuple[str, ...], lang: Lang) -> str:
    known = {a.key: a.name for a in edition.agencies}
    sep = "、" if lang is Lang.ZH else ", "
    return sep.join(show(known[k], lang) if k in known else k for k in keys)


def _fact(edition: Edition, fact: str, value: str | None, lang: Lang) -> str:
    """A metadata value, or *unknown*, followed by its confidence when it is not high."""
    level = edition.provenance.level(fact)
    shown = escape_rst(value) if value else label(Word.UNKNOWN, lang)
    if level is not None and level is not Confidence.HIGH and (value or level is not Confidence.UNKNOWN):
        shown += " " + _badge(
            "bpsstd-badge-low" if not level.verified else "bpsstd-badge-ok", label(level, lang)
        )
    return shown


def _about(edition: Edition, lang: Lang) -> list[str]:
    totals, declared = edition.totals, edition.declared
    size = label(Word.TOTALS_VALUE, lang, **_counts(totals.aspects, totals.categories, totals.items))
    if totals != declared:
        size += label(
            Word.DECLARED_DIFFERS,
            lang,
            declared=label(
                Word.TOTALS_VALUE, lang, **_counts(declared.aspects, declared.categories, declared.items)
            ),
        )
    departments = edition.departments
    dept = label(Word.DEPARTMENTS_VALUE, lang, count=departments.count) if departments.count else ""
    if departments.named:
        dept += label(
            Word.DEPARTMENTS_NAMED_VALUE, lang, names=_agency_names(edition, departments.named, lang)
        )
    fields = [_field(label(Word.TITLE, lang), _fact(edition, "title", edition.title.get(lang), lang))]
    if edition.notice_title is not None:
        notice = edition.notice_title.get(lang)
        fields.append(_field(label(Word.NOTICE_TITLE, lang), _fact(edition, "notice_title", notice, lang)))
    fields += [
        _field(label(Word.DOC_NUMBER, lang), _fact(edition, "doc_number", edition.doc_number, lang)),
        _field(label(Word.PUBLISHED, lang), _fact(edition, "published", _date(edition.published), lang)),
        _field(label(Word.ISSUED, lang), _fact(edition, "issued", _date(edition.issued), lang)),
        _field(
            label(Word.APPROVING_BODY, lang), _fact(edition, "approving_body", edition.approving_body, lang)
        ),
    ]
    if edition.addressed_to:
        fields.append(
            _field(label(Word.ADDRESSED_TO, lang), _fact(edition, "addressed_to", edition.addressed_to, lang))
        )
    fields += [
        _field(label(Word.DEPARTMENTS, lang), _fact(edition, "departments", dept or None, lang)),
        _field(label(Word.TOTALS, lang), _fact(edition, "declared", size, lang)),
    ]
    lines = [f".. _{item_label(edition.id, lang, 'about')}:", "", *_title(label(Word.ABOUT, lang), "=")]
    lines += [".. container:: bpsstd-fields", "", *_indent(fields), ""]
    if edition.requirements:
        rubric = label(Word.REQUIREMENTS, lang)
        lines += [f".. rubric:: {escape_rst(rubric[:1].upper() + rubric[1:])}", ""]
        lines += [f"#. {escape_rst(show(r, lang))}" for r in edition.requirements]
        lines.append("")
    prov = edition.provenance
    if prov.notes or prov.sources:
        lines += [".. container:: bpsstd-provenance", ""]
        block = [f".. rubric:: {escape_rst(label(Word.EDITION_SOURCES, lang))}", ""]
        # The notes on edition facts are written in English only: a Chinese page shows the notes on its
        # texts, which the team wrote in both languages.
        if lang is Lang.EN:
            block += [_field(_fact_name(note.fact, lang), escape_rst(note.text)) for note in prov.notes]
        block += [_field(name, escape_rst(text)) for name, text in field_notes(prov.field_notes, lang)]
        if prov.sources:
            block += [_field(label(Word.SOURCES, lang), ""), ""]
            block += _indent([f"- {_cited(s, lang)}" for s in prov.sources])
        lines += [*_indent(block), ""]
    return lines


def _intro(edition: Edition, lang: Lang, counts: dict[str, int]) -> str:
    """The opening paragraph, which names the edition by its title."""
    text = label(Word.INTRO, lang, edition=edition.id, title=edition.title.get(lang), **counts)
    return escape_rst(text)


def _fact_name(fact: str, lang: Lang) -> str:
    """The words for an edition fact (``doc_number`` is 文号), or the fact's own key."""
    word = Word.TOTALS if fact == "declared" else fact_word(fact)
    return label(word, lang) if word else fact.replace("_", " ")


def _counts(aspects: int, categories: int, items: int) -> dict[str, int]:
    return {"aspects": aspects, "categories": categories, "items": items}


def _date(value: object) -> str | None:
    return None if value is None else str(value)


def _legend(edition: Edition, lang: Lang) -> list[str]:
    items = edition.service_items
    low = sum(not (i.provenance.name.verified and i.provenance.fields.verified) for i in items)
    inherited = sum(i.provenance.inherited_from is not None for i in items)
    reconstructed = sum(i.provenance.reconstructed for i in items)
    rows = [
        (Word.BADGE_OK, Word.LEGEND_OK),
        (Word.BADGE_INHERITED, Word.LEGEND_INHERITED),
        (Word.BADGE_FIELDS_LOW, Word.LEGEND_LOW),
        (Word.BADGE_RECONSTRUCTED, Word.LEGEND_RECONSTRUCTED),
    ]
    block = [f".. rubric:: {escape_rst(label(Word.LEGEND, lang))}", ""]
    for badge, text in rows:
        shown = label(badge, lang, edition="…")
        block.append(f"- {_badge(_BADGE_CSS[badge], shown)} {escape_rst(label(text, lang))}")
    block += [
        "",
        escape_rst(
            label(
                Word.UNVERIFIED_COUNT,
                lang,
                items=len(items),
                low=low,
                inherited=inherited,
                reconstructed=reconstructed,
            )
        ),
    ]
    return [".. container:: bpsstd-legend", "", *_indent(block), ""]


def _item(edition: Edition, item: ServiceItem, lang: Lang) -> list[str]:
    prov = item.provenance
    name = show(item.name, lang)
    heading = f"（{item.number}）{name}" if lang is Lang.ZH else f"({item.number}) {name}"
    lines = [f".. _{item_label(edition.id, lang, item.key)}:", "", *_title(escape_rst(heading), "~")]
    lines += [" ".join([f":bpsstd-key:`{item.key}`", *_badges(item, lang)]), ""]
    expenditure = f"{show(item.expenditure.kind, lang)} — {show(item.expenditure.text, lang)}"
    fields = [
        _field(label(Word.TARGET, lang), escape_rst(show(item.target, lang))),
        _field(label(Word.CONTENT, lang), escape_rst(show(item.content, lang))),
        _field(label(Word.STANDARD, lang), escape_rst(show(item.standard, lang))),
        _field(label(Word.EXPENDITURE, lang), escape_rst(expenditure)),
        _field(label(Word.LEAD_UNITS, lang), escape_rst(_agency_names(edition, item.lead_units, lang))),
    ]
    if item.quantities:
        fields += [_field(label(Word.QUANTITIES, lang), ""), ""]
        for q in item.quantities:
            what = q.what_zh if lang is Lang.ZH and q.what_zh else q.what
            amount = show_quantity(q.value, lang, comparator=q.comparator, unit=q.unit, unit_zh=q.unit_zh)
            line = f"- {escape_rst(what)}: **{escape_rst(amount)}**"
            if q.confidence is not None:
                css = "bpsstd-badge-ok" if q.confidence.verified else "bpsstd-badge-low"
                line += " " + _badge(css, label(q.confidence, lang))
            fields += _indent([line])
    lines += [".. container:: bpsstd-fields", "", *_indent(fields), ""]
    block = [
        f".. rubric:: {escape_rst(label(Word.PROVENANCE, lang))}",
        "",
        _field(
            label(Word.CONFIDENCE, lang),
            escape_rst(
                f"{label(Word.NAME_CONFIDENCE, lang)} {label(prov.name, lang)}; "
                f"{label(Word.FIELDS_CONFIDENCE, lang)} {label(prov.fields, lang)}"
            ),
        ),
    ]
    if prov.inherited_from:
        block.append(
            _field(
                label(Word.BADGE_INHERITED, lang, edition=prov.inherited_from),
                escape_rst(label(Word.INHERITED, lang, edition=prov.inherited_from)),
            )
        )
    if prov.sources:
        block += [_field(label(Word.SOURCES, lang), ""), ""]
        block += _indent([f"- {_cited(s, lang)}" for s in prov.sources])
    else:
        block.append(_field(label(Word.SOURCES, lang), escape_rst(label(Word.NO_SOURCES, lang))))
    # The item's own remarks are in English only; the notes on its fields are in both languages.
    if prov.notes and lang is Lang.EN:
        block.append(_field(label(Word.NOTES, lang), escape_rst(prov.notes)))
    block += [
        _field(
            f"{label(Word.NOTES, lang)}（{name}）"
            if lang is Lang.ZH
            else f"{label(Word.NOTES, lang)} ({name})",
            escape_rst(text),
        )
        for name, text in field_notes(prov.field_notes, lang)
    ]
    return [*lines, ".. container:: bpsstd-provenance", "", *_indent(block), ""]


def _aspect_heading(aspect: Aspect, lang: Lang) -> str:
    name = aspect.name.get(lang)
    return f"{_cn_number(aspect.number)}、{name}" if lang is Lang.ZH else f"{_roman(aspect.number)}. {name}"


def _category_heading(category: Category, lang: Lang) -> str:
    name = category.name.get(lang)
    return f"（{_cn_number(category.number)}）{name}" if lang is Lang.ZH else f"{category.number}. {name}"


def edition_rst(edition: Edition, lang: Lang | str = Lang.ZH) -> str:
    """Render the catalogue of *edition* as a reST document, in Chinese (``"zh"``) or English (``"en"``).

    The document's title names the edition; then come its metadata, a legend of the confidence badges,
    and the aspects > categories > items, each item under a label made by :func:`item_label`, with its
    key, badges, five fields, quantities, lead units (named from the edition's registry), confidence,
    sources and notes.

    Args:
        edition: the edition to render.
        lang: ``"zh"`` (the default: Chinese is authoritative) or ``"en"``.

    Returns:
        reStructuredText that docutils and Sphinx parse without warnings.
    """
    lang = Lang(lang)
    lines = [
        *_roles(),
        *_title(escape_rst(label(Word.CATALOGUE, lang, edition=edition.id)), "#", overline=True),
    ]
    counts = _counts(len(edition.aspects), len(edition.categories), len(edition.service_items))
    lines += [_intro(edition, lang, counts), ""]
    lines += _legend(edition, lang)
    lines += _about(edition, lang)
    for aspect in edition.aspects:
        lines += [f".. _{_section_label(edition.id, lang, 'aspect', aspect.key)}:", ""]
        lines += _title(escape_rst(_aspect_heading(aspect, lang)), "=")
        for category in aspect.categories:
            lines += [f".. _{_section_label(edition.id, lang, 'category', category.key)}:", ""]
            lines += _title(escape_rst(_category_heading(category, lang)), "-")
            for item in category.service_items:
                lines += _item(edition, item, lang)
    return "\n".join(lines) + "\n"
