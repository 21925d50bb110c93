"""An :class:`~bpsstd.changes.EditionDiff` as text, JSON, Markdown or reStructuredText, in Chinese or English.

Human formats group the changes the way a reader of the standard thinks: items added or removed,
standards raised or lowered, target populations, expenditure and lead units, wording, names and
places, edition facts, and renumbering last. Words, values and escaping come from :mod:`bpsstd.present`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from attrs import frozen

from bpsstd.changes import (
    ChangeHeader,
    ChangeKind,
    Direction,
    ExpenditureClassChange,
    LeadUnitsChange,
    MetadataChange,
    NotRecorded,
    PlacementChange,
    QuantityChange,
    Reading,
    Side,
    SpanOp,
    StructureChange,
    TextChange,
    UnitChange,
)
from bpsstd.model import Lang
from bpsstd.present import (
    Word,
    escape_markdown,
    escape_rst,
    fact_word,
    field_word,
    item_title,
    label,
    show,
    show_quantity,
)
from bpsstd.serde import unstructure

if TYPE_CHECKING:
    from collections.abc import Callable

    from bpsstd.changes import Change, EditionDiff, FactValue, Place
    from bpsstd.model import Value

__all__ = ["diff_json", "diff_markdown", "diff_rst", "diff_text"]


@frozen
class _Style:
    """How one output format marks code and headings, and escapes text from the data."""

    code: Callable[[str], str]
    escape: Callable[[str], str]
    heading: Callable[[str, int], str]
    bullet: str
    indent: str
    nested_gap: bool = False
    """Whether a nested list needs blank lines around it (reST does)."""


def _rst_heading(title: str, level: int) -> str:
    # Chinese characters are two columns wide; reST counts characters, so a generous rule is safe.
    return f"{title}\n{'=-~'[level] * (2 * len(title) + 4)}\n"


_TEXT = _Style(
    code=lambda s: f"[{s}]",
    escape=lambda s: s,
    heading=lambda t, _: f"{t}\n",
    bullet="- ",
    indent="    ",
)
_MARKDOWN = _Style(
    code=lambda s: f"`{s}`",
    escape=escape_markdown,
    heading=lambda t, lv: f"{'#' * (lv + 1)} {t}\n",
    bullet="- ",
    indent="  ",
)
_RST = _Style(
    # The escaped space lets a literal end before full-width punctuation such as "（", which reST
    # would not otherwise accept after an end-string.
    code=lambda s: f"``{s}``\\ ",
    escape=escape_rst,
    heading=_rst_heading,
    bullet="- ",
    indent="  ",
    nested_gap=True,
)

_ARROWS = {Direction.RAISED: ("↑", Word.RAISED), Direction.LOWERED: ("↓", Word.LOWERED)}


class _Writer:
    """Builds the grouped report for one format and language."""

    def __init__(self, d: EditionDiff, lang: Lang, style: _Style) -> None:
        self.d, self.lang, self.s = d, lang, style

    def w(self, word: Word, **values: object) -> str:
        return label(word, self.lang, **values)

    def t(self, value: Value | FactValue | Place) -> str:
        """A value from the data, formatted and escaped."""
        return self.s.escape(show(value, self.lang))

    def paren(self, text: str) -> str:
        return f"（{text}）" if self.lang is Lang.ZH else f" ({text})"

    @property
    def colon(self) -> str:
        return "：" if self.lang is Lang.ZH else ": "

    def join(self, parts: list[str]) -> str:
        return ("；" if self.lang is Lang.ZH else "; ").join(parts)

    def who(self, c: Change | NotRecorded) -> str:
        """The item (or category, aspect) concerned: 5.（4）name in Chinese, name and key in English."""
        badge = ""
        if isinstance(c, ChangeHeader) and c.confidence is not None and not c.confidence.verified:
            badge = self.paren(self.w(Word.UNVERIFIED))
        if self.lang is Lang.ZH:
            return f"{self.s.escape(item_title(c.name, c.at if c.item else None, self.lang))}{badge}"
        name = (c.name.get(self.lang) or "") if c.name else ""
        return f"{self.s.escape(name)} {self.s.code(c.item or c.category or '')}{badge}"

    def how(self, direction: Direction | None, reading: Reading | None) -> list[str]:
        """The words of a direction and of the reading it was made in (提高，按受益方向)."""
        if direction is None:
            return []
        words = [self.w(_ARROWS.get(direction, ("", Word.CHANGED))[1])]
        if reading is not None:
            words.append(
                self.w(Word.READING_GENEROSITY if reading is Reading.GENEROSITY else Word.READING_NUMERIC)
            )
        return words

    def key_code(self, key: str | None) -> str:
        """A key shown in English reports only: Chinese reports name things as the document does."""
        return "" if self.lang is Lang.ZH or not key else f" {self.s.code(key)}"

    def agencies(self, keys: tuple[str, ...]) -> str:
        sep = "、" if self.lang is Lang.ZH else ", "
        return sep.join(self.s.escape(show(self.d.agency_name(k), self.lang)) for k in keys)

    def spans(self, c: TextChange) -> str:
        parts = []
        for span in c.spans:
            old, new = self.s.escape(span.old), self.s.escape(span.new)
            if span.op is SpanOp.DELETE:
                parts.append(f"−「{old}」")
            elif span.op is SpanOp.INSERT:
                parts.append(f"+「{new}」")
            else:
                parts.append(f"「{old}」→「{new}」")
        return self.join(parts)

    def line(self, c: Change) -> tuple[str, list[str]]:  # noqa: PLR0911, C901  # one answer per record type
        """One headline and its detail lines for change *c*."""
        match c:
            case QuantityChange():
                return self.quantity(c), []
            case UnitChange():
                head = f"{self.who(c)}{self.colon}{self.s.escape(self.what(c.what, c.what_zh))}{self.colon}"
                if self.lang is Lang.ZH:
                    old, new = c.old_zh or c.old, c.new_zh or c.new
                    return f"{head}{self.s.escape(old)} → {self.s.escape(new)}", []
                return f"{head}{self.t(c.old)} → {self.t(c.new)}", []
            case LeadUnitsChange():
                return self.lead_units(c), []
            case ExpenditureClassChange():
                old, new = label(c.old, self.lang), label(c.new, self.lang)
                return (
                    f"{self.who(c)}{self.colon}{self.w(Word.EXPENDITURE_CLASS)}{self.colon}{old} → {new}",
                    [],
                )
            case TextChange() if c.kind is ChangeKind.FIELD_CHANGED:
                return self.text_field(c)
            case TextChange():
                return self.renamed(c), []
            case PlacementChange():
                return self.place(c), []
            case StructureChange():
                what = f"{self.w(Word.CHANGED)}{self.key_code(c.category)}"
                return f"{what}{self.colon}{self.t(c.old)} → {self.t(c.new)}", []
            case MetadataChange():
                return self.metadata(c)

    def what(self, what: str, what_zh: str | None) -> str:
        return what_zh if self.lang is Lang.ZH and what_zh else what

    def amount(self, c: QuantityChange, value: Value | None, *, new: bool) -> str:
        """A value of *c* as the row states it: comparator, number and unit (不少于15套)."""
        if value is None:
            return self.t(value)
        comparator = c.new_comparator if new else c.old_comparator
        return self.s.escape(
            show_quantity(value, self.lang, comparator=comparator, unit=c.unit, unit_zh=c.unit_zh)
        )

    def quantity(self, c: QuantityChange) -> str:
        head = f"{self.who(c)}{self.colon}{self.s.escape(self.what(c.what, c.what_zh))}{self.colon}"
        if c.direction is Direction.ADDED:
            return f"{head}{self.w(Word.QUANTITY_ADDED)} {self.amount(c, c.new, new=True)}"
        if c.direction is Direction.REMOVED:
            return f"{head}{self.w(Word.QUANTITY_REMOVED)}{self.paren(self.amount(c, c.old, new=False))}"
        arrow = _ARROWS.get(c.direction or Direction.CHANGED, ("↕", Word.CHANGED))[0]
        how = ("，" if self.lang is Lang.ZH else ", ").join(
            self.how(c.direction or Direction.CHANGED, c.reading)
        )
        old, new = self.amount(c, c.old, new=False), self.amount(c, c.new, new=True)
        return f"{arrow} {head}{old} → {new}{self.paren(how)}"

    def lead_units(self, c: LeadUnitsChange) -> str:
        bits = []
        if c.added:
            bits.append(f"{self.w(Word.UNITS_ADDED)} {self.agencies(c.added)}")
        if c.removed:
            bits.append(f"{self.w(Word.UNITS_REMOVED)} {self.agencies(c.removed)}")
        return f"{self.who(c)}{self.colon}{self.w(Word.LEAD_UNITS)}{self.colon}{self.join(bits)}"

    def text_field(self, c: TextChange) -> tuple[str, list[str]]:
        field_label = self.w(field_word(c.field or "content"))
        if c.old.zh == c.new.zh:
            # Only the English rendering moved: say so; a Chinese report shows no English.
            if self.lang is Lang.ZH:
                return (
                    f"{self.who(c)}{self.colon}{field_label}{self.paren(self.w(Word.TRANSLATION_ONLY))}",
                    [],
                )
            details = [
                f"{self.w(Word.OLD)}{self.colon}{self.s.escape(show(c.old, Lang.EN))}",
                f"{self.w(Word.NEW)}{self.colon}{self.s.escape(show(c.new, Lang.EN))}",
            ]
            return (
                f"{self.who(c)}{self.colon}{field_label}{self.paren(self.w(Word.TRANSLATION_ONLY))}",
                details,
            )
        nature = ("，" if self.lang is Lang.ZH else ", ").join(
            [self.w(Word.SUBSTANTIVE if c.substantive else Word.WORDING), *self.how(c.direction, c.reading)]
        )
        details = [
            f"{self.w(Word.OLD)}{self.colon}{self.t(c.old)}",
            f"{self.w(Word.NEW)}{self.colon}{self.t(c.new)}",
        ]
        # Changed runs help where a few words moved; where most of the text (over 60%) was rewritten they only
        # repeat the two texts in pieces.
        changed = sum(len(s.old) + len(s.new) for s in c.spans)
        if (
            c.spans
            and self.lang is Lang.ZH
            and changed * 5 <= (len(c.old.zh or "") + len(c.new.zh or "")) * 3
        ):
            details.insert(0, f"{self.w(Word.SPANS)}{self.colon}{self.spans(c)}")
        return f"{self.who(c)}{self.colon}{field_label}{self.paren(nature)}", details

    def renamed(self, c: TextChange) -> str:
        if c.kind is ChangeKind.ITEM_RENAMED:
            verb = self.w(Word.RENAMED)
            return f"{self.who(c)}{self.colon}{verb}{self.colon}{self.t(c.old)} → {self.t(c.new)}"
        # Aspects and categories.
        what = f"{self.w(Word.CHANGED)}{self.key_code(c.category)}"
        return f"{what}{self.colon}{self.t(c.old)} → {self.t(c.new)}"

    def place(self, c: PlacementChange) -> str:
        k = c.kind
        if k in {ChangeKind.ITEM_ADDED, ChangeKind.ITEM_REMOVED}:
            where = c.new if k is ChangeKind.ITEM_ADDED else c.old
            return f"{self.who(c)}{self.colon}{self.w(Word.IN)} {self.t(where)}"
        if k is ChangeKind.ITEM_MOVED:
            assert c.old is not None  # noqa: S101  # a moved item has both places
            assert c.new is not None  # noqa: S101
            was = self.paren(self.w(Word.OLD) + self.colon + self.t(c.old.category_name))
            return f"{self.who(c)}{self.colon}{self.w(Word.MOVED)} {self.t(c.new.category_name)}{was}"
        verb = self.w(Word.REORDERED if k is ChangeKind.ITEM_REORDERED else Word.RENUMBERED)
        old = c.old.number if c.old else "?"
        new = c.new.number if c.new else "?"
        return f"{self.who(c)}{self.colon}{verb} {old} → {new}"

    def metadata(self, c: MetadataChange) -> tuple[str, list[str]]:
        fact = c.field or ""
        word = fact_word(fact)
        fact_label = self.w(word) if word else self.s.escape(fact)
        if fact == "requirements":
            old = c.old if isinstance(c.old, tuple) else ()
            new = c.new if isinstance(c.new, tuple) else ()
            return f"{fact_label}{self.colon}{self.w(Word.CHANGED)}", [
                *(f"{self.w(Word.OLD)}{self.colon}{self.t(r)}" for r in old),
                *(f"{self.w(Word.NEW)}{self.colon}{self.t(r)}" for r in new),
            ]
        if fact == "departments.named":
            old_keys = tuple(str(k) for k in c.old) if isinstance(c.old, tuple) else ()
            new_keys = tuple(str(k) for k in c.new) if isinstance(c.new, tuple) else ()
            return f"{fact_label}{self.colon}{self.agencies(old_keys)} → {self.agencies(new_keys)}", []
        return f"{fact_label}{self.colon}{self.t(c.old)} → {self.t(c.new)}", []

    def blind(self, n: NotRecorded) -> str:
        """One value that only one edition records."""
        edition = self.d.new if n.unknown_in is Side.NEW else self.d.old
        where = self.w(Word.NOT_RECORDED_IN, edition=edition)
        if n.item is None:
            word = fact_word(n.field)
            return f"{self.w(word) if word else self.s.escape(n.field)}{self.colon}{where}"
        # A quantity is named by what it measures; a field by its label.
        shown = self.what(n.what.en or "", n.what.zh) if n.what is not None else self.w(field_word(n.field))
        return f"{self.who(n)}{self.colon}{self.s.escape(shown)}{self.colon}{where}"

    def sections(self) -> list[tuple[str, list[Change]]]:
        groups: dict[Word, list[Change]] = {name: [] for name in _ORDER}
        for c in self.d.changes:
            groups[_group(c)].append(c)
        return [(self.w(name), changes) for name, changes in groups.items() if changes]


_ORDER = (
    Word.GROUP_ADDED,
    Word.GROUP_REMOVED,
    Word.GROUP_LEVELS,
    Word.GROUP_TARGET,
    Word.GROUP_MONEY,
    Word.GROUP_TEXT,
    Word.GROUP_PLACES,
    Word.GROUP_STRUCTURE,
    Word.GROUP_META,
    Word.GROUP_RENUMBERED,
)


def _group(c: Change) -> Word:  # noqa: PLR0911  # one answer per group
    k = c.kind
    if k is ChangeKind.ITEM_ADDED:
        return Word.GROUP_ADDED
    if k is ChangeKind.ITEM_REMOVED:
        return Word.GROUP_REMOVED
    if k is ChangeKind.ITEM_RENUMBERED:
        return Word.GROUP_RENUMBERED
    if k in {ChangeKind.ITEM_RENAMED, ChangeKind.ITEM_MOVED, ChangeKind.ITEM_REORDERED}:
        return Word.GROUP_PLACES
    if isinstance(c, MetadataChange):
        return Word.GROUP_META
    if k is not ChangeKind.FIELD_CHANGED:
        return Word.GROUP_STRUCTURE
    if isinstance(c, (QuantityChange, UnitChange)):
        return Word.GROUP_LEVELS
    if c.field == "target":
        return Word.GROUP_TARGET
    if isinstance(c, (ExpenditureClassChange, LeadUnitsChange)) or c.field == "expenditure":
        return Word.GROUP_MONEY
    return Word.GROUP_TEXT


def _render(d: EditionDiff, lang: Lang | str, style: _Style) -> str:
    writer = _Writer(d, Lang(lang), style)
    out = [style.heading(writer.w(Word.REPORT_TITLE, old=d.old, new=d.new), 0)]
    if not d.changes:
        out.append(writer.w(Word.REPORT_NONE) + "\n")
        _not_recorded(d, writer, style, out)
        return "\n".join(out).rstrip("\n") + "\n"
    summary = d.summary
    out.append(
        writer.w(
            Word.REPORT_SUMMARY, total=summary.total, substantive=summary.substantive, wording=summary.wording
        )
        + "\n"
    )
    if d.unverified:
        out.append(writer.w(Word.UNVERIFIED_ROWS, n=len(d.unverified), new=d.new) + "\n")
    for title, changes in writer.sections():
        out.append(style.heading(f"{title}{writer.paren(str(len(changes)))}", 1))
        for c in changes:
            headline, details = writer.line(c)
            out.append(f"{style.bullet}{headline}")
            if details and style.nested_gap:
                out.append("")
            out.extend(f"{style.indent}{style.bullet}{detail}" for detail in details)
            if details and style.nested_gap:
                out.append("")
        out.append("")
    _not_recorded(d, writer, style, out)
    return "\n".join(out).rstrip("\n") + "\n"


def _not_recorded(d: EditionDiff, writer: _Writer, style: _Style, out: list[str]) -> None:
    """The short section of values only one edition records: where the comparison is blind."""
    if not d.not_recorded:
        return
    title = writer.w(Word.GROUP_NOT_RECORDED)
    out.append(style.heading(f"{title}{writer.paren(str(len(d.not_recorded)))}", 1))
    out.append(writer.w(Word.NOT_RECORDED_INTRO) + "\n")
    out.extend(f"{style.bullet}{writer.blind(n)}" for n in d.not_recorded)
    out.append("")


def diff_text(d: EditionDiff, lang: Lang | str = Lang.ZH) -> str:
    """Render *d* for a terminal, grouped for a reader, in Chinese (default) or English."""
    return _render(d, lang, _TEXT)


def diff_markdown(d: EditionDiff, lang: Lang | str = Lang.ZH) -> str:
    """Render *d* as Markdown."""
    return _render(d, lang, _MARKDOWN)


def diff_rst(d: EditionDiff, lang: Lang | str = Lang.ZH) -> str:
    """Render *d* as reStructuredText (the documentation site's changelog uses it)."""
    return _render(d, lang, _RST)


def diff_json(d: EditionDiff) -> str:
    """Render *d* as JSON: the converter's form, valid against ``bpsstd/schemas/diff.schema.json``."""
    return json.dumps(unstructure(d), ensure_ascii=False, indent=2) + "\n"
