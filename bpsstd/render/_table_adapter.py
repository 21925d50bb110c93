"""Build a :class:`~bpsstd.render._table.ComparisonTable` from the typed change records of a diff.

This is the only module that reads change records for the table; the writers read the table alone. Words
and values come from the presentation layer (:mod:`bpsstd.present`); this module only decides which runs
are marked how.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from bpsstd.changes import (
    ChangeKind,
    Direction,
    ExpenditureClassChange,
    LeadUnitsChange,
    MetadataChange,
    PlacementChange,
    QuantityChange,
    Side,
    StructureChange,
    TextChange,
    UnitChange,
)
from bpsstd.model import Confidence, Lang, Text
from bpsstd.present import Word, fact_word, field_word, label, quantity_what, show, show_amount
from bpsstd.render._table import (
    Cell,
    ComparisonTable,
    Count,
    DataRow,
    LegendEntry,
    Mark,
    Row,
    Run,
    SectionRow,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bpsstd.changes import Change, EditionDiff, FactValue
    from bpsstd.model import Edition, Quantity, ServiceItem, Value

__all__ = ["change_row", "comparison_table", "not_recorded", "numbered"]

_KIND_WORDS: dict[ChangeKind, Word] = {
    ChangeKind.ITEM_ADDED: Word.KIND_ITEM_ADDED,
    ChangeKind.ITEM_REMOVED: Word.KIND_ITEM_REMOVED,
    ChangeKind.ITEM_RENAMED: Word.KIND_ITEM_RENAMED,
    ChangeKind.ITEM_MOVED: Word.KIND_ITEM_MOVED,
    ChangeKind.ITEM_RENUMBERED: Word.KIND_ITEM_RENUMBERED,
    ChangeKind.ITEM_REORDERED: Word.KIND_ITEM_REORDERED,
    ChangeKind.FIELD_CHANGED: Word.KIND_FIELD_CHANGED,
    ChangeKind.METADATA_CHANGED: Word.KIND_METADATA_CHANGED,
    ChangeKind.CATEGORY_ADDED: Word.KIND_CATEGORY_ADDED,
    ChangeKind.CATEGORY_REMOVED: Word.KIND_CATEGORY_REMOVED,
    ChangeKind.CATEGORY_RENAMED: Word.KIND_CATEGORY_RENAMED,
    ChangeKind.ASPECT_ADDED: Word.KIND_ASPECT_ADDED,
    ChangeKind.ASPECT_REMOVED: Word.KIND_ASPECT_REMOVED,
    ChangeKind.ASPECT_RENAMED: Word.KIND_ASPECT_RENAMED,
}
_QUANTITY_VERBS: dict[Direction, Word] = {
    Direction.RAISED: Word.RAISED,
    Direction.LOWERED: Word.LOWERED,
    Direction.ADDED: Word.QUANTITY_ADDED,
    Direction.REMOVED: Word.NOTE_QUANTITY_REMOVED,
}
#: Fields in the order the official document writes them; renumbering and moves come first.
_FIELD_ORDER = ("category", "number", "name", "target", "content", "standard", "expenditure", "lead_units")
#: The worded fields of an item, whose wording may be unknown in one edition.
_WORDED = ("target", "content", "standard", "expenditure")
_ZH_DIGITS = "零一二三四五六七八九"
_TOKEN = re.compile(r"[0-9][0-9.,]*|[A-Za-z]+|\s+|.", re.DOTALL)
#: A date or a bare number: shown replaced whole, never digit by digit.
_FIGURE = re.compile(r"[0-9][0-9 .,/:-]*")
#: Below this similarity (difflib's ratio) two texts are shown as wholly replaced.
_REWRITTEN = 0.4


def _zh_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (aspects and categories stay well under 100)."""
    if n < 10:  # the digits
        return _ZH_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + (_ZH_DIGITS[ones] if ones else "")


def numbered(level: str, number: int, name: str, lang: Lang | str) -> str:
    """Number a heading as the official document does: 一、 aspect; 1. category; （1） item."""
    if Lang(lang) is Lang.EN:
        return f"({number}) {name}" if level == "item" else f"{number}. {name}"
    if level == "aspect":
        return f"{_zh_number(number)}、{name}"
    if level == "category":
        return f"{number}.{name}"
    return f"（{number}）{name}"


def _edition_label(edition: Edition, lang: Lang) -> str:
    if edition.id.isdigit():
        return f"{edition.id}年版" if lang is Lang.ZH else f"{edition.id} edition"
    return edition.id


def _worded(item: ServiceItem, name: str) -> Text:
    return item.expenditure.text if name == "expenditure" else getattr(item, name)


def _quantity(edition: Edition, item: str | None, field: str | None) -> Quantity | None:
    """The quantity that a change's field (``quantities.<key>[.unit]``) names in *edition*, or None."""
    key = (field or "").split(".")[1] if (field or "").count(".") else ""
    try:
        return edition.item(item or "").quantity(key)
    except KeyError:
        return None


def _merge(runs: list[Run]) -> Cell:
    """Join neighbouring runs of the same mark and drop empty ones."""
    out: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if out and out[-1].mark is run.mark:
            out[-1] = Run(text=out[-1].text + run.text, mark=run.mark)
        else:
            out.append(run)
    return tuple(out)


def marked_texts(old: str, new: str, *, wording: bool) -> tuple[Cell, Cell]:
    """The two texts with the changed runs marked: struck in the old, red (or underlined) in the new."""
    # Chinese compares by character, numbers and Latin words whole: 4 -> 5 and 80 -> 81 are marked as
    # whole numbers, not as one changed digit.
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    inserted = Mark.WORDING if wording else Mark.INSERTED
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < _REWRITTEN or (_FIGURE.fullmatch(old) and _FIGURE.fullmatch(new)):
        # Mostly rewritten, or a figure: marking the few shared characters would only scatter it.
        return _merge([Run(text=old, mark=Mark.DELETED)]), _merge([Run(text=new, mark=inserted)])
    old_runs: list[Run] = []
    new_runs: list[Run] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            old_runs.append(Run(text="".join(a[i1:i2])))
            new_runs.append(Run(text="".join(b[j1:j2])))
            continue
        if i2 > i1:
            old_runs.append(Run(text="".join(a[i1:i2]), mark=Mark.DELETED))
        if j2 > j1:
            new_runs.append(Run(text="".join(b[j1:j2]), mark=inserted))
    return _merge(old_runs), _merge(new_runs)


class _Builder:
    """Turns the changes of one diff into rows, in one language."""

    def __init__(self, d: EditionDiff, old: Edition, new: Edition, lang: Lang) -> None:
        self.d, self.old, self.new, self.lang = d, old, new, lang

    def w(self, word: Word, **values: object) -> str:
        return label(word, self.lang, **values)

    def text(self, text: Text | None) -> str:
        """A text of the data; unknown wording is 未录入 (not recorded), never an empty cell."""
        value = None if text is None else text.get(self.lang)
        return self.w(Word.NOT_RECORDED) if value is None else value

    def fact(self, value: FactValue) -> str:
        return self.w(Word.NOT_RECORDED) if value is None else show(value, self.lang)

    @property
    def sep(self) -> str:
        return "、" if self.lang is Lang.ZH else ", "

    def agencies(self, keys: Iterable[str], marked: Iterable[str], mark: Mark) -> Cell:
        runs: list[Run] = []
        chosen = set(marked)
        for i, key in enumerate(keys):
            if i:
                runs.append(Run(text=self.sep))
            name = self.text(self.d.agency_name(key))
            runs.append(Run(text=name, mark=mark if key in chosen else Mark.PLAIN))
        return tuple(runs)

    def label(self, text: str) -> Run:
        return Run(text=text + ("：" if self.lang is Lang.ZH else ": "), mark=Mark.LABEL)

    def note(self, c: Change, *words: Word) -> Cell:
        said = ("；" if self.lang is Lang.ZH else "; ").join(self.w(w) for w in words)
        runs = [Run(text=said)]
        if c.confidence in {Confidence.LOW, Confidence.UNKNOWN}:
            runs.append(Run(text=self.w(Word.UNVERIFIED), mark=Mark.UNVERIFIED))
        return _merge(runs)

    def item_text(self, item: ServiceItem, mark: Mark) -> Cell:
        """A whole item as the official document sets it out, every run with *mark*."""
        end = "。" if self.lang is Lang.ZH else "."
        runs: list[Run] = [Run(text=self.text(item.name) + "\n", mark=mark)]
        for name in _WORDED:
            runs.extend(
                (
                    self.label(self.w(Word(name))),
                    Run(text=self.text(_worded(item, name)) + end + "\n", mark=mark),
                )
            )
        units = self.sep.join(self.text(self.d.agency_name(k)) for k in item.lead_units)
        runs.extend((self.label(self.w(Word.LEAD_UNITS)), Run(text=units + end, mark=mark)))
        return tuple(runs)

    def row(self, c: Change) -> DataRow:
        old, new, note = self.cells(c)
        return DataRow(old=old, new=new, note=note, kind=c.kind.value, item=c.item, field=c.field)

    def cells(self, c: Change) -> tuple[Cell, Cell, Cell]:  # noqa: PLR0911  # one answer per record type
        match c:
            case PlacementChange():
                return self.placement(c)
            case QuantityChange():
                return self.quantity(c)
            case UnitChange():
                return self.unit(c)
            case LeadUnitsChange():
                head = self.label(self.w(Word.LEAD_UNITS))
                return (
                    (head, *self.agencies(c.old, c.removed, Mark.DELETED)),
                    (head, *self.agencies(c.new, c.added, Mark.INSERTED)),
                    self.note(c, Word.IS_SUBSTANTIVE),
                )
            case ExpenditureClassChange():
                head = self.label(self.w(Word.EXPENDITURE_CLASS))
                return (
                    (head, Run(text=show(c.old, self.lang), mark=Mark.DELETED)),
                    (head, Run(text=show(c.new, self.lang), mark=Mark.INSERTED)),
                    self.note(c, Word.IS_SUBSTANTIVE),
                )
            case MetadataChange():
                return self.metadata(c)
            case TextChange():
                return self.text_change(c)
            case StructureChange():
                head = self.label(self.w(Word.NAME))
                old = (head, Run(text=self.text(c.old), mark=Mark.DELETED)) if c.old else ()
                new = (head, Run(text=self.text(c.new), mark=Mark.INSERTED)) if c.new else ()
                return old, new, self.note(c, _KIND_WORDS[c.kind])

    def placement(self, c: PlacementChange) -> tuple[Cell, Cell, Cell]:
        k = c.kind
        if k is ChangeKind.ITEM_ADDED:
            added = (Run(text=self.w(Word.MARK_ADDED), mark=Mark.ADDED),)
            item = self.new.item(c.item or "")
            return added, self.item_text(item, Mark.INSERTED), self.note(c, Word.NOTE_ITEM_ADDED)
        if k is ChangeKind.ITEM_REMOVED:
            removed = Run(text=self.w(Word.MARK_REMOVED), mark=Mark.REMOVED)
            item = self.old.item(c.item or "")
            old = (*self.item_text(item, Mark.DELETED), Run(text="\n"), removed)
            return old, (), self.note(c, Word.NOTE_ITEM_REMOVED)
        if k is ChangeKind.ITEM_MOVED:
            head = self.label(self.w(Word.CATEGORY))
            old_cell, new_cell = marked_texts(
                self.text(c.old.category_name if c.old else None),
                self.text(c.new.category_name if c.new else None),
                wording=False,
            )
            return (head, *old_cell), (head, *new_cell), self.note(c, Word.NOTE_MOVED)
        head = self.label(self.w(Word.NUMBER))
        verb = Word.NOTE_RENUMBERED if k is ChangeKind.ITEM_RENUMBERED else Word.REORDERED
        return (
            (head, Run(text=str(c.old.number) if c.old else "", mark=Mark.DELETED)),
            (head, Run(text=str(c.new.number) if c.new else "", mark=Mark.INSERTED)),
            self.note(c, verb),
        )

    def amount(self, value: Value, quantity: Quantity | None, c: QuantityChange) -> str:
        if quantity is None:  # not in that edition's record: the change's own unit, in English
            return show(value, self.lang) + (f" {c.unit}" if c.unit else "")
        return show_amount(value, quantity, self.lang)

    def quantity_label(self, c: QuantityChange | UnitChange) -> Run:
        quantity = _quantity(self.new, c.item, c.field) or _quantity(self.old, c.item, c.field)
        return self.label(quantity_what(quantity, self.lang) if quantity else c.what)

    def quantity(self, c: QuantityChange) -> tuple[Cell, Cell, Cell]:
        head = self.quantity_label(c)
        old_q, new_q = _quantity(self.old, c.item, c.field), _quantity(self.new, c.item, c.field)
        old: Cell = () if c.old is None else (head, Run(text=self.amount(c.old, old_q, c), mark=Mark.DELETED))
        new: Cell = (
            () if c.new is None else (head, Run(text=self.amount(c.new, new_q, c), mark=Mark.INSERTED))
        )
        verb = _QUANTITY_VERBS.get(c.direction or Direction.CHANGED, Word.CHANGED)
        return old, new, self.note(c, verb)

    def unit(self, c: UnitChange) -> tuple[Cell, Cell, Cell]:
        head = self.quantity_label(c)
        old_q, new_q = _quantity(self.old, c.item, c.field), _quantity(self.new, c.item, c.field)
        zh = self.lang is Lang.ZH
        old = (old_q.unit_zh if zh and old_q and old_q.unit_zh else None) or c.old
        new = (new_q.unit_zh if zh and new_q and new_q.unit_zh else None) or c.new
        return (
            (head, Run(text=old, mark=Mark.DELETED)),
            (head, Run(text=new, mark=Mark.INSERTED)),
            self.note(c, Word.CHANGED),
        )

    def metadata(self, c: MetadataChange) -> tuple[Cell, Cell, Cell]:
        word = fact_word(c.field or "")
        head = self.label(self.w(word) if word else c.field or "")
        if c.field == "departments.named":
            mark = Mark.INSERTED if c.substantive else Mark.WORDING
            old_keys = c.old if isinstance(c.old, tuple) else ()
            new_keys = c.new if isinstance(c.new, tuple) else ()
            return (
                (head, *self.agencies(_strs(old_keys), c.removed, Mark.DELETED)),
                (head, *self.agencies(_strs(new_keys), c.added, mark)),
                self.note(c, Word.CHANGED),
            )
        if c.field == "requirements":
            old_text, new_text = _lines(c.old, self.lang), _lines(c.new, self.lang)
        else:
            old_text, new_text = self.fact(c.old), self.fact(c.new)
        old_cell, new_cell = marked_texts(old_text, new_text, wording=not c.substantive)
        return (head, *old_cell), (head, *new_cell), self.note(c, Word.CHANGED)

    def text_change(self, c: TextChange) -> tuple[Cell, Cell, Cell]:
        k = c.kind
        words: list[Word] = []
        if k is ChangeKind.FIELD_CHANGED:
            head_word = field_word(c.field or "content")
        else:  # a renamed item, category or aspect
            head_word, words = Word.NAME, [Word.RENAMED]
        if c.old.zh == c.new.zh:
            words.append(Word.TRANSLATION_ONLY)
            # Only the English moved: show it, whatever the language of the table.
            old_text, new_text = self.text_in(c.old, Lang.EN), self.text_in(c.new, Lang.EN)
        else:
            if k is ChangeKind.FIELD_CHANGED:
                words.append(Word.IS_SUBSTANTIVE if c.substantive else Word.IS_WORDING)
            old_text, new_text = self.text(c.old), self.text(c.new)
        old_cell, new_cell = marked_texts(old_text, new_text, wording=not c.substantive)
        head = self.label(self.w(head_word))
        return (head, *old_cell), (head, *new_cell), self.note(c, *words)

    def text_in(self, text: Text, lang: Lang) -> str:
        value = text.get(lang)
        return self.w(Word.NOT_RECORDED) if value is None else value


def _strs(values: tuple[object, ...]) -> tuple[str, ...]:
    return tuple(v for v in values if isinstance(v, str))


def _lines(value: FactValue, lang: Lang) -> str:
    if isinstance(value, tuple):
        return "\n".join(show(v, lang) for v in value if isinstance(v, Text))
    return show(value, lang)


def not_recorded(d: EditionDiff, old: Edition, new: Edition, lang: Lang | str = Lang.ZH) -> tuple[str, ...]:
    """What one edition does not record, as the lines the table lists apart from its rows.

    The diff engine keeps such fields out of its changes
    (``EditionDiff.not_recorded``); the table names each one with what the other
    edition records.

    Returns:
        One line per field or fact that one edition does not record.
    """
    lang = Lang(lang)
    b = _Builder(d, old, new, lang)
    old_label, new_label = _edition_label(old, lang), _edition_label(new, lang)
    missing = b.w(Word.NOT_RECORDED)
    lines: list[str] = []
    for entry in d.not_recorded:
        known = new if entry.unknown_in is Side.OLD else old
        field = entry.field
        if entry.item is None:  # an edition fact
            word = fact_word(field)
            what = b.w(word) if word else field
            value = show(getattr(known, field, None), lang) if hasattr(known, field) else missing
        elif field.startswith("quantities."):
            quantity = _quantity(known, entry.item, field)
            what = f"{b.text(entry.name)} {quantity_what(quantity, lang) if quantity else field}"
            value = show_amount(quantity.value, quantity, lang) if quantity else missing
        else:
            what = f"{b.text(entry.name)} {b.w(field_word(field))}"
            value = _known_field(known, entry.item, field, b)
        ov, nv = (missing, value) if entry.unknown_in is Side.OLD else (value, missing)
        lines.append(b.w(Word.TABLE_UNRECORDED_LINE, what=what, old=old_label, new=new_label, ov=ov, nv=nv))
    return tuple(lines)


def _known_field(edition: Edition, key: str, field: str, b: _Builder) -> str:
    """The value of an item's field (``content``, ``expenditure.class`` ...) in *edition*, as shown."""
    try:
        item = edition.item(key)
    except KeyError:
        return b.w(Word.NOT_RECORDED)
    if field == "expenditure.class":
        kind = item.expenditure.kind
        return b.w(Word.NOT_RECORDED) if kind is None else show(kind, b.lang)
    return b.text(_worded(item, field.split(".", 1)[0]))


def _position(c: Change, old: Edition, new: Edition) -> tuple[Edition, int, int, int] | None:
    """Where a change sits in document order: the edition holding its item, aspect, category, item numbers."""
    for edition in (new, old):
        for aspect in edition.aspects:
            for category in aspect.categories:
                if c.item is None and c.category == category.key:
                    return edition, aspect.number, category.number, 0
                for item in category.service_items:
                    if item.key == c.item:
                        return edition, aspect.number, category.number, item.number
    return None


def _field_rank(c: Change) -> int:
    field = (c.field or "").split(".")[0]
    if field == "quantities":
        return len(_FIELD_ORDER) + 1
    return _FIELD_ORDER.index(field) if field in _FIELD_ORDER else len(_FIELD_ORDER)


def _counts(changes: tuple[Change, ...], unrecorded: int, b: _Builder) -> list[Count]:
    counts = [
        Count(label=b.w(Word.TABLE_TOTAL), count=len(changes), kind="total"),
        Count(
            label=b.w(Word.TABLE_SUBSTANTIVE), count=sum(c.substantive for c in changes), kind="substantive"
        ),
        Count(label=b.w(Word.TABLE_WORDING), count=sum(not c.substantive for c in changes), kind="wording"),
    ]
    for kind, word in _KIND_WORDS.items():
        n = sum(c.kind is kind for c in changes)
        if n:
            counts.append(Count(label=b.w(word), count=n, kind=kind.value))
    if unrecorded:
        counts.append(Count(label=b.w(Word.TABLE_UNRECORDED_COUNT), count=unrecorded, kind="unrecorded"))
    return counts


def _legend(b: _Builder) -> tuple[LegendEntry, ...]:
    return tuple(
        LegendEntry(mark=mark, sample=b.w(sample), meaning=b.w(meaning))
        for mark, sample, meaning in (
            (Mark.INSERTED, Word.SAMPLE_INSERTED, Word.LEGEND_INSERTED),
            (Mark.DELETED, Word.SAMPLE_DELETED, Word.LEGEND_DELETED),
            (Mark.WORDING, Word.SAMPLE_WORDING, Word.LEGEND_WORDING),
            (Mark.UNVERIFIED, Word.UNVERIFIED, Word.LEGEND_UNVERIFIED),
            (Mark.ADDED, Word.MARK_ADDED, Word.LEGEND_ITEM_ADDED),
            (Mark.REMOVED, Word.MARK_REMOVED, Word.LEGEND_ITEM_REMOVED),
        )
    )


def comparison_table(
    d: EditionDiff, old: Edition, new: Edition, lang: Lang | str = Lang.ZH
) -> ComparisonTable:
    """Build the 新旧对照表 of *d*, the diff from *old* to *new*, in Chinese (default) or English.

    Every change of *d* becomes one data row, except what one edition does not record
    (:func:`not_recorded`): that is listed under :attr:`ComparisonTable.unrecorded` instead, and the
    summary counts the rows shown.
    """
    lang = Lang(lang)
    b = _Builder(d, old, new, lang)
    old_label, new_label = _edition_label(old, lang), _edition_label(new, lang)
    meta = [
        b.w(
            Word.TABLE_META,
            which=b.w(which),
            title=b.text(ed.title),
            doc=ed.doc_number or b.w(Word.UNKNOWN),
            date=ed.published.isoformat() if ed.published else b.w(Word.UNKNOWN),
        )
        for which, ed in ((Word.TABLE_OLD, old), (Word.TABLE_NEW, new))
    ]
    if d.unverified:
        meta.append(b.w(Word.TABLE_INHERITED, n=len(d.unverified), old=old_label, new=new_label))

    unrecorded = not_recorded(d, old, new, lang)
    shown = d.changes
    rows: list[Row] = []
    facts = [c for c in shown if isinstance(c, MetadataChange)]
    if facts:
        rows.append(SectionRow(level="facts", text=b.w(Word.GROUP_META)))
        rows.extend(b.row(c) for c in facts)

    placed = []
    for index, c in enumerate(shown):
        if isinstance(c, MetadataChange):
            continue
        where = _position(c, old, new)
        order = (where[1], where[2], where[3]) if where else (10**6, 0, 0)
        placed.append((order, _field_rank(c), index, c, where))
    placed.sort(key=lambda p: p[:3])
    seen: set[tuple[str, str | None]] = set()
    for _, _, _, c, where in placed:
        if where is not None:
            rows.extend(_sections(where, c, seen, b))
        rows.append(b.row(c))

    return ComparisonTable(
        title=b.w(Word.TABLE_TITLE, old=b.text(old.title), new=b.text(new.title)),
        meta=meta,
        summary=_counts(shown, len(unrecorded), b),
        legend=_legend(b),
        header=(
            b.w(Word.TABLE_OLD_COL, ed=old_label),
            b.w(Word.TABLE_NEW_COL, ed=new_label),
            b.w(Word.TABLE_NOTE_COL),
        ),
        rows=rows,
        unrecorded_title=b.w(Word.TABLE_UNRECORDED),
        unrecorded=unrecorded,
        lang=lang.value,
    )


def _sections(
    where: tuple[Edition, int, int, int], c: Change, seen: set[tuple[str, str | None]], b: _Builder
) -> list[SectionRow]:
    """The aspect, category and item headings a change's row needs that the table has not shown yet."""
    edition, aspect_no, category_no, item_no = where
    aspect = next(a for a in edition.aspects if a.number == aspect_no)
    category = next(cat for cat in aspect.categories if cat.number == category_no)
    out = []
    if ("aspect", aspect.key) not in seen:
        seen.add(("aspect", aspect.key))
        text = numbered("aspect", aspect.number, b.text(aspect.name), b.lang)
        out.append(SectionRow(level="aspect", text=text, key=aspect.key))
    if ("category", category.key) not in seen:
        seen.add(("category", category.key))
        text = numbered("category", category.number, b.text(category.name), b.lang)
        out.append(SectionRow(level="category", text=text, key=category.key))
    if c.item is not None and ("item", c.item) not in seen:
        seen.add(("item", c.item))
        item = next(i for i in category.service_items if i.key == c.item)
        out.append(
            SectionRow(level="item", text=numbered("item", item_no, b.text(item.name), b.lang), key=item.key)
        )
    return out


def change_row(
    d: EditionDiff, old: Edition, new: Edition, change: Change, lang: Lang | str = Lang.ZH
) -> DataRow:
    """The data row the table shows for one *change* of *d* (``bpsstd history`` prints it as a line)."""
    return _Builder(d, old, new, Lang(lang)).row(change)
