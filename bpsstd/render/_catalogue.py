"""Plain-text views of an edition and of one item, for the terminal (``bpsstd show``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpsstd.model import Lang
from bpsstd.present import Word, cite, field_notes, item_marks, label, show, show_quantity

if TYPE_CHECKING:
    from bpsstd.model import Edition, ServiceItem

__all__ = ["edition_text", "item_text"]


def _badge(item: ServiceItem, lang: Lang) -> str:
    # The terminal says it in one word: reconstructed, or unverified for any other mark.
    marks = item_marks(item.provenance)
    if not marks:
        return ""
    word = Word.RECONSTRUCTED if Word.BADGE_RECONSTRUCTED in marks else Word.UNVERIFIED
    return f"  [{label(word, lang)}]"


def edition_text(edition: Edition, lang: Lang | str = Lang.ZH) -> str:
    """Render the catalogue of *edition*: metadata, then aspects > categories > items with keys."""
    lang = Lang(lang)
    unknown = label(Word.UNKNOWN, lang)
    lines = [
        f"{edition.title.get(lang)} [{edition.id}]",
        (
            f"{label(Word.DOC_NUMBER, lang)}: {edition.doc_number or unknown} · "
            f"{label(Word.PUBLISHED, lang)}: {edition.published or unknown} · "
            f"{len(edition.aspects)} {label(Word.ASPECTS, lang)} / {len(edition.categories)} "
            f"{label(Word.CATEGORIES, lang)} / {len(edition.service_items)} {label(Word.ITEMS, lang)}"
        ),
        "",
    ]
    for aspect in edition.aspects:
        # Aspect and category keys are English words: Chinese lists only the item keys, which `show` takes.
        lines.append(f"{aspect.number}. {aspect.name.get(lang)}{_key(aspect.key, lang)}")
        for category in aspect.categories:
            lines.append(f"  {category.number}. {category.name.get(lang)}{_key(category.key, lang)}")
            lines.extend(
                f"    ({item.number}) {item.name.get(lang)}  {item.key}{_badge(item, lang)}"
                for item in category.service_items
            )
    return "\n".join(lines) + "\n"


def _key(key: str, lang: Lang) -> str:
    return "" if lang is Lang.ZH else f" ({key})"


def item_text(edition: Edition, key: str, lang: Lang | str = Lang.ZH) -> str:
    """Render one item of *edition* with its five fields, quantities and provenance.

    Raises:
        KeyError: *edition* has no item *key*.
    """
    lang = Lang(lang)
    item = edition.item(key)
    category = edition.category_of(key)
    aspect = next(a for a in edition.aspects if category in a.categories)
    prov = item.provenance
    units = "、" if lang is Lang.ZH else ", "
    names = {a.key: a.name for a in edition.agencies}
    title = (
        f"{category.number}.（{item.number}）{item.name.get(lang)}"
        if lang is Lang.ZH
        else f"{item.name.get(lang)} ({item.key})"
    )
    lines = [
        f"{title} [{edition.id}]",
        (
            f"{label(Word.LOCATION, lang)}: {aspect.number}. {aspect.name.get(lang)} > "
            f"{category.number}. {category.name.get(lang)} > {label(Word.ITEM_NO, lang, n=item.number)}"
        ),
        f"{label(Word.TARGET, lang)}: {show(item.target, lang)}",
        f"{label(Word.CONTENT, lang)}: {show(item.content, lang)}",
        f"{label(Word.STANDARD, lang)}: {show(item.standard, lang)}",
        (
            f"{label(Word.EXPENDITURE, lang)}: [{show(item.expenditure.kind, lang)}] "
            f"{show(item.expenditure.text, lang)}"
        ),
        f"{label(Word.LEAD_UNITS, lang)}: "
        + units.join(show(names[u], lang) if u in names else u for u in item.lead_units),
    ]
    if item.quantities:
        lines.append(f"{label(Word.QUANTITIES, lang)}:")
        for q in item.quantities:
            level = f" [{label(q.confidence, lang)}]" if q.confidence else ""
            what = q.what_zh if lang is Lang.ZH and q.what_zh else q.what
            amount = show_quantity(q.value, lang, comparator=q.comparator, unit=q.unit, unit_zh=q.unit_zh)
            lines.append(f"  - {what}: {amount}{level}")
    lines.append(
        f"{label(Word.CONFIDENCE, lang)}: {label(Word.NAME_CONFIDENCE, lang)} {label(prov.name, lang)}; "
        f"{label(Word.FIELDS_CONFIDENCE, lang)} {label(prov.fields, lang)}"
    )
    if prov.inherited_from:
        lines.append(f"  {label(Word.INHERITED, lang, edition=prov.inherited_from)}")
    if prov.reconstructed:
        lines.append(f"  {label(Word.RECONSTRUCTED, lang)}")
    if prov.sources:
        lines.append(f"{label(Word.SOURCES, lang)}:")
        lines.extend(f"  - {cite(s.text, lang)}" for s in prov.sources)
    notes = field_notes(prov.field_notes, lang)
    if notes:
        lines.append(f"{label(Word.NOTES, lang)}:")
        lines.extend(f"  - {field}: {text}" for field, text in notes)
    # The item's own remarks are written in English only: an English view shows them.
    if prov.notes and lang is Lang.EN:
        lines.append(f"{label(Word.NOTES, lang)}: {prov.notes}")
    return "\n".join(lines) + "\n"
