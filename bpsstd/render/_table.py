"""The comparison table (新旧对照表) as neutral data, which every writer (DOCX, XLSX, HTML, Markdown) reads.

The table knows nothing about how changes were found: an adapter builds it (today
:mod:`bpsstd.render._table_adapter` from :func:`bpsstd.diff`), and writers only turn its marked runs into
their own formatting. Keeping the two apart lets the adapter follow the change records as they evolve
while the writers stay as they are.
"""

from __future__ import annotations

import enum

from attrs import field, frozen
from attrs.validators import in_, instance_of

from bpsstd.model import freeze

__all__ = [
    "Cell",
    "ComparisonTable",
    "Count",
    "DataRow",
    "LegendEntry",
    "Mark",
    "Row",
    "Run",
    "SectionRow",
    "cell_text",
]


class Mark(enum.Enum):
    """How a run of text is marked in the table; every writer renders each mark its own way."""

    PLAIN = "plain"
    INSERTED = "inserted"
    """Text the new edition adds: red and bold (bold survives black-and-white printing)."""
    DELETED = "deleted"
    """Text the new edition drops: struck through."""
    WORDING = "wording"
    """Text reworded without a change of meaning: underlined."""
    UNVERIFIED = "unverified"
    """The marker 未核实: the facts of this row are not confirmed by a source."""
    ADDED = "added"
    """The marker 新增 in the empty old cell of an added item."""
    REMOVED = "removed"
    """The marker 删除 beside a removed item."""
    LABEL = "label"
    """A field label such as 服务标准：, set apart from the provision's words."""


@frozen(kw_only=True)
class Run:
    """A run of text with one mark."""

    text: str = field(validator=instance_of(str))
    mark: Mark = field(default=Mark.PLAIN, validator=instance_of(Mark))


#: A cell is a sequence of marked runs; an empty tuple is an empty cell.
Cell = tuple[Run, ...]


def cell_text(cell: Cell) -> str:
    """The plain text of *cell*, marks dropped."""
    return "".join(run.text for run in cell)


@frozen(kw_only=True)
class SectionRow:
    """A row spanning the table that opens a group: an aspect, a category, an item, or edition facts.

    Attributes:
        level: ``"facts"``, ``"aspect"``, ``"category"`` or ``"item"``.
        text: the heading as the official document numbers it (一、幼有所育 / 1.优孕优生服务 / （1）…).
        key: the key of the aspect, category or item, for links to the catalogue.
    """

    level: str = field(validator=in_(("facts", "aspect", "category", "item")))
    text: str = field(validator=instance_of(str))
    key: str | None = None


@frozen(kw_only=True)
class DataRow:
    """One changed field: the old provision, the new one, and what changed.

    Attributes:
        old, new, note: the three cells (原标准 | 新标准 | 修改说明).
        kind: the kind of change (a :class:`~bpsstd.changes.ChangeKind` value) the row shows.
        item: the key of the item concerned, if any.
        field: the field that changed, if any (``standard``, ``quantities.<key>``, ...).
    """

    old: Cell = field(converter=freeze)
    new: Cell = field(converter=freeze)
    note: Cell = field(converter=freeze)
    kind: str = field(validator=instance_of(str))
    item: str | None = None
    field: str | None = None


Row = SectionRow | DataRow


@frozen(kw_only=True)
class Count:
    """One line of the summary: a label and how many changes it counts."""

    label: str = field(validator=instance_of(str))
    count: int = field(validator=instance_of(int))
    kind: str = field(validator=instance_of(str))
    """The change kind counted (a ``ChangeKind`` value), or ``"total"``."""


@frozen(kw_only=True)
class LegendEntry:
    """What a mark means, shown in the mark itself."""

    mark: Mark = field(validator=instance_of(Mark))
    sample: str = field(validator=instance_of(str))
    meaning: str = field(validator=instance_of(str))


def _three(value: tuple[str, str, str] | list[str]) -> tuple[str, str, str]:
    old, new, note = value
    return (old, new, note)


@frozen(kw_only=True)
class ComparisonTable:
    """A whole 新旧对照表: heading matter, then rows, then what one edition does not record.

    Attributes:
        title: the document's title.
        meta: lines under the title (the two editions' document numbers and dates where known, notes).
        summary: counts by kind of change; the first is the total.
        legend: what each mark means.
        header: the three column headings (old, new, what changed).
        rows: section rows and data rows in document order.
        unrecorded: facts one edition does not record (shown as a list, not as changes).
        lang: ``"zh"`` or ``"en"``.
    """

    title: str = field(validator=instance_of(str))
    meta: tuple[str, ...] = field(default=(), converter=freeze)
    summary: tuple[Count, ...] = field(default=(), converter=freeze)
    legend: tuple[LegendEntry, ...] = field(default=(), converter=freeze)
    header: tuple[str, str, str] = field(converter=_three)
    rows: tuple[Row, ...] = field(default=(), converter=freeze)
    unrecorded_title: str = ""
    unrecorded: tuple[str, ...] = field(default=(), converter=freeze)
    lang: str = field(default="zh", validator=in_(("zh", "en")))

    @property
    def data_rows(self) -> tuple[DataRow, ...]:
        """The data rows only, in order."""
        return tuple(r for r in self.rows if isinstance(r, DataRow))
