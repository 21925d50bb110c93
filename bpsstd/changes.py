"""The records of a diff: an :class:`EditionDiff` holds :data:`Change` records, one class per payload.

Every change record shares one header (:class:`ChangeHeader`: kind, item, category, field, direction,
substantive, name, confidence) and adds the payload of its shape: two texts and their changed runs
(:class:`TextChange`), two quantity values (:class:`QuantityChange`), the lead units added and removed
(:class:`LeadUnitsChange`), two places of an item (:class:`PlacementChange`), ... Users match on the record
type (``isinstance(change, QuantityChange)``, ``match change: case QuantityChange(): ...``) or on ``kind``.

They are plain data, built by :func:`bpsstd.diff.diff` and read by the renderers; nothing here knows how
the changes were found. Their JSON form comes from the library's one converter (:mod:`bpsstd.serde`), where
``shape`` names the record type (a tagged union).
"""

from __future__ import annotations

import enum
from collections import Counter
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

import attrs
from attrs import frozen
from attrs.validators import ge, instance_of, optional

from bpsstd.model import Agency, Better, Comparator, Confidence, ExpenditureClass, Text, Value, freeze

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "CHANGE_TYPES",
    "C",
    "Change",
    "ChangeHeader",
    "ChangeKind",
    "Direction",
    "EditionDiff",
    "ExpenditureClassChange",
    "FactValue",
    "LeadUnitsChange",
    "MetadataChange",
    "NotRecorded",
    "Place",
    "PlacementChange",
    "QuantityChange",
    "Reading",
    "Side",
    "Span",
    "SpanOp",
    "Summary",
    "TextChange",
    "UnitChange",
]


class ChangeKind(enum.Enum):
    """What kind of change a record reports; values are the stable strings of the JSON."""

    ITEM_ADDED = "item-added"
    ITEM_REMOVED = "item-removed"
    ITEM_RENAMED = "item-renamed"
    ITEM_MOVED = "item-moved"
    """The item is now in another category."""
    ITEM_RENUMBERED = "item-renumbered"
    """Only its position changed, because items were inserted or removed before it."""
    ITEM_REORDERED = "item-reordered"
    """Its order among the category's other items changed."""
    FIELD_CHANGED = "field-changed"
    METADATA_CHANGED = "metadata-changed"
    CATEGORY_ADDED = "category-added"
    CATEGORY_REMOVED = "category-removed"
    CATEGORY_RENAMED = "category-renamed"
    ASPECT_ADDED = "aspect-added"
    ASPECT_REMOVED = "aspect-removed"
    ASPECT_RENAMED = "aspect-renamed"

    def mirrored(self) -> ChangeKind:
        """The kind as the reverse diff reports it (added <-> removed; the rest unchanged)."""
        return _MIRROR_KIND.get(self, self)


class Direction(enum.Enum):
    """Which way a value moved."""

    RAISED = "raised"
    LOWERED = "lowered"
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    """Moved neither up nor down as a whole (a unit change, a range that widened both ways, ...)."""

    def mirrored(self) -> Direction:
        """The direction seen from the other side (raised <-> lowered, added <-> removed)."""
        return _MIRROR_DIRECTION.get(self, self)


_MIRROR_KIND = {
    ChangeKind.ITEM_ADDED: ChangeKind.ITEM_REMOVED,
    ChangeKind.ITEM_REMOVED: ChangeKind.ITEM_ADDED,
    ChangeKind.CATEGORY_ADDED: ChangeKind.CATEGORY_REMOVED,
    ChangeKind.CATEGORY_REMOVED: ChangeKind.CATEGORY_ADDED,
    ChangeKind.ASPECT_ADDED: ChangeKind.ASPECT_REMOVED,
    ChangeKind.ASPECT_REMOVED: ChangeKind.ASPECT_ADDED,
}
_MIRROR_DIRECTION = {
    Direction.RAISED: Direction.LOWERED,
    Direction.LOWERED: Direction.RAISED,
    Direction.ADDED: Direction.REMOVED,
    Direction.REMOVED: Direction.ADDED,
}


class Reading(enum.Enum):
    """How a raised or lowered direction was read.

    Where a quantity says which way is more generous to the people served (``Quantity.better``), raised
    means more generous and lowered less (a higher age threshold for an allowance is lowered); only where
    it does not is the direction the number's own.
    """

    GENEROSITY = "generosity"
    NUMERIC = "numeric"


class Side(enum.Enum):
    """One of the two editions a diff compares."""

    OLD = "old"
    NEW = "new"

    def mirrored(self) -> Side:
        """The other side."""
        return Side.NEW if self is Side.OLD else Side.OLD


class SpanOp(enum.Enum):
    """What happened to a run of characters."""

    DELETE = "delete"
    INSERT = "insert"
    REPLACE = "replace"


_MIRROR_OP = {SpanOp.DELETE: SpanOp.INSERT, SpanOp.INSERT: SpanOp.DELETE, SpanOp.REPLACE: SpanOp.REPLACE}


@frozen(kw_only=True)
class Span:
    """One changed run of characters in a text: deleted, inserted or replaced."""

    op: SpanOp = attrs.field(validator=instance_of(SpanOp))
    old: str = attrs.field(validator=instance_of(str))
    new: str = attrs.field(validator=instance_of(str))
    at_old: int = attrs.field(validator=[instance_of(int), ge(0)])
    """Offset of the run in the old text."""
    at_new: int = attrs.field(validator=[instance_of(int), ge(0)])

    def mirrored(self) -> Span:
        """The same run seen from the other side."""
        return Span(
            op=_MIRROR_OP[self.op], old=self.new, new=self.old, at_old=self.at_new, at_new=self.at_old
        )


@frozen(kw_only=True)
class Place:
    """Where an item sits: its category (key, name, number) and its number inside it."""

    category: str = attrs.field(validator=instance_of(str))
    category_name: Text = attrs.field(validator=instance_of(Text))
    category_number: int = attrs.field(validator=instance_of(int))
    number: int = attrs.field(validator=instance_of(int))


#: The value of an edition fact: a string (an ISO date too), a count, a text, texts (requirements) or
#: agency keys (issuing departments named by sources); None when unknown.
FactValue = str | int | Text | tuple[Text, ...] | tuple[str, ...] | None


@frozen(kw_only=True)
class ChangeHeader:
    """What every change record says, whatever its payload.

    Attributes:
        kind: what kind of change.
        item: the item key, for item and field changes.
        category: the key of the item's category (in the new edition where it exists), or of the
            category that changed.
        field: which field changed: ``target``, ``content``, ``standard``, ``expenditure``,
            ``expenditure.class``, ``lead_units``, ``quantities.<key>``, ``quantities.<key>.unit``,
            ``name``, ``category``, ``number``; for metadata, the fact (``declared.items``).
        direction: raised or lowered (numbers), added or removed (quantities, lead units), changed.
        substantive: whether something of substance changed (a number, a class, an agency, a
            population, the existence or place of an item) rather than the wording.
        name: the name of the item (or category, aspect) concerned, as the newer edition says it.
        confidence: the lower of the two editions' confidence in what changed (row, or name).
        reading: for a raised or lowered number, whether the direction is generosity or numeric.
        at: where the item sits (in the newer edition, or the older when it was removed), so that a
            Chinese report names it the way the document does (5.(4) ...).
    """

    #: The JSON tag of the record type (the ``shape`` key); each subclass sets its own.
    SHAPE: ClassVar[str] = ""

    kind: ChangeKind = attrs.field(validator=instance_of(ChangeKind))
    item: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    category: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    field: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    direction: Direction | None = attrs.field(default=None, validator=optional(instance_of(Direction)))
    substantive: bool = attrs.field(validator=instance_of(bool))
    name: Text | None = attrs.field(default=None, validator=optional(instance_of(Text)))
    confidence: Confidence | None = attrs.field(default=None, validator=optional(instance_of(Confidence)))
    reading: Reading | None = attrs.field(default=None, validator=optional(instance_of(Reading)))
    at: Place | None = attrs.field(default=None, validator=optional(instance_of(Place)))

    #: The fields a mirror swaps: every record's ``old`` and ``new``, and the pairs of its own that
    #: belong to one side each (a comparator, a Chinese unit, what was added and removed).
    MIRRORED: ClassVar[tuple[tuple[str, str], ...]] = (("old", "new"),)

    def mirrored(self) -> Self:
        """The change as ``diff(new, old)`` reports it.

        Name, category (and a quantity's what) name things as the newer edition does: a mirror keeps
        them; the sides swap, and the kind and direction turn round.
        """
        swapped: dict[str, Any] = {}  # each pair has its own type
        for one, other in self.MIRRORED:
            swapped[one], swapped[other] = getattr(self, other), getattr(self, one)
        direction = self.direction.mirrored() if self.direction else None
        return attrs.evolve(self, **swapped, kind=self.kind.mirrored(), direction=direction)


@frozen(kw_only=True)
class TextChange(ChangeHeader):
    """A text changed: an item's name or row field, or the name of a category or aspect."""

    SHAPE: ClassVar[str] = "text"

    old: Text = attrs.field(validator=instance_of(Text))
    new: Text = attrs.field(validator=instance_of(Text))
    spans: tuple[Span, ...] = attrs.field(default=(), converter=freeze)
    """The changed runs of the Chinese text."""

    def mirrored(self) -> Self:
        """The change as ``diff(new, old)`` reports it, its changed spans turned round too."""
        return attrs.evolve(super().mirrored(), spans=tuple(s.mirrored() for s in self.spans))


@frozen(kw_only=True)
class QuantityChange(ChangeHeader):
    """A number of a row changed, appeared (``old`` None) or is no longer stated (``new`` None)."""

    SHAPE: ClassVar[str] = "quantity"
    MIRRORED: ClassVar[tuple[tuple[str, str], ...]] = (("old", "new"), ("old_comparator", "new_comparator"))

    old: Value | None = None
    new: Value | None = None
    unit: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    """The unit of both values; None when the unit changed too (a :class:`UnitChange` holds both)."""
    what: str = attrs.field(validator=instance_of(str))
    """What the quantity measures, as the newer edition says."""
    what_zh: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    unit_zh: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    old_comparator: Comparator = attrs.field(default=Comparator.EXACTLY, validator=instance_of(Comparator))
    """How the old row states the number (不少于 ...); a change of comparator alone is a change."""
    new_comparator: Comparator = attrs.field(default=Comparator.EXACTLY, validator=instance_of(Comparator))
    better: Better | None = attrs.field(default=None, validator=optional(instance_of(Better)))
    """Which way is more generous, as the newer edition says; None where generosity is not the reading."""


@frozen(kw_only=True)
class UnitChange(ChangeHeader):
    """The unit of a quantity changed."""

    SHAPE: ClassVar[str] = "unit"
    MIRRORED: ClassVar[tuple[tuple[str, str], ...]] = (("old", "new"), ("old_zh", "new_zh"))

    old: str = attrs.field(validator=instance_of(str))
    new: str = attrs.field(validator=instance_of(str))
    what: str = attrs.field(validator=instance_of(str))
    what_zh: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    old_zh: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    """The old unit as Chinese documents write it."""
    new_zh: str | None = attrs.field(default=None, validator=optional(instance_of(str)))


@frozen(kw_only=True)
class ExpenditureClassChange(ChangeHeader):
    """The class of an item's expenditure responsibility changed (e.g. local to shared)."""

    SHAPE: ClassVar[str] = "expenditure-class"

    old: ExpenditureClass = attrs.field(validator=instance_of(ExpenditureClass))
    new: ExpenditureClass = attrs.field(validator=instance_of(ExpenditureClass))


@frozen(kw_only=True)
class LeadUnitsChange(ChangeHeader):
    """The lead units of an item changed: agency keys before and after, added and removed."""

    SHAPE: ClassVar[str] = "lead-units"
    MIRRORED: ClassVar[tuple[tuple[str, str], ...]] = (("old", "new"), ("added", "removed"))

    old: tuple[str, ...] = attrs.field(converter=freeze)
    new: tuple[str, ...] = attrs.field(converter=freeze)
    added: tuple[str, ...] = attrs.field(default=(), converter=freeze)
    removed: tuple[str, ...] = attrs.field(default=(), converter=freeze)


@frozen(kw_only=True)
class PlacementChange(ChangeHeader):
    """An item was added (``old`` None), removed (``new`` None), moved, renumbered or reordered."""

    SHAPE: ClassVar[str] = "placement"

    old: Place | None = attrs.field(default=None, validator=optional(instance_of(Place)))
    new: Place | None = attrs.field(default=None, validator=optional(instance_of(Place)))


@frozen(kw_only=True)
class StructureChange(ChangeHeader):
    """An aspect or category was added (``old`` None) or removed (``new`` None); renames are texts."""

    SHAPE: ClassVar[str] = "structure"

    old: Text | None = attrs.field(default=None, validator=optional(instance_of(Text)))
    new: Text | None = attrs.field(default=None, validator=optional(instance_of(Text)))


@frozen(kw_only=True)
class MetadataChange(ChangeHeader):
    """A fact of the edition changed (its title, document number, declared totals, ...)."""

    SHAPE: ClassVar[str] = "metadata"
    MIRRORED: ClassVar[tuple[tuple[str, str], ...]] = (("old", "new"), ("added", "removed"))

    old: FactValue = None
    new: FactValue = None
    added: tuple[str, ...] = attrs.field(default=(), converter=freeze)
    """Agency keys added, for facts that list agencies."""
    removed: tuple[str, ...] = attrs.field(default=(), converter=freeze)


#: Any change record; the closed family the diff reports.
Change = (
    TextChange
    | QuantityChange
    | UnitChange
    | ExpenditureClassChange
    | LeadUnitsChange
    | PlacementChange
    | StructureChange
    | MetadataChange
)

#: Every change record type, in the order the JSON Schema lists them.
CHANGE_TYPES: tuple[type[ChangeHeader], ...] = (
    TextChange,
    QuantityChange,
    UnitChange,
    ExpenditureClassChange,
    LeadUnitsChange,
    PlacementChange,
    StructureChange,
    MetadataChange,
)


@frozen(kw_only=True)
class NotRecorded:
    """A value one edition records and the other does not (unknown wording, class or edition fact).

    Not a change: the comparison is blind there. A diff lists each such field once, so that a reader
    sees where; ``unknown_in`` says which side does not record it.
    """

    item: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    category: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    field: str = attrs.field(validator=instance_of(str))
    """As a change names it: ``content``, ``expenditure.class``, ``quantities.<key>``, ``doc_number`` ..."""
    name: Text | None = attrs.field(default=None, validator=optional(instance_of(Text)))
    at: Place | None = attrs.field(default=None, validator=optional(instance_of(Place)))
    what: Text | None = attrs.field(default=None, validator=optional(instance_of(Text)))
    """What a quantity measures (Chinese and English), for ``quantities.<key>``."""
    unknown_in: Side = attrs.field(validator=instance_of(Side))

    def mirrored(self) -> NotRecorded:
        """The entry as ``diff(new, old)`` lists it."""
        return attrs.evolve(self, unknown_in=self.unknown_in.mirrored())


@frozen(kw_only=True)
class Summary:
    """Counts of a diff's changes: by kind, by field, by direction, substantive against wording-only."""

    total: int
    substantive: int
    wording: int
    by_kind: dict[str, int]
    by_field: dict[str, int]
    by_direction: dict[str, int]


C = TypeVar("C", bound=ChangeHeader)
"""A type of change record (for :meth:`EditionDiff.of_type`)."""


@frozen(kw_only=True)
class EditionDiff:
    """Every change from edition *old* to edition *new*, in a stable order."""

    old: str
    new: str
    changes: tuple[Change, ...] = attrs.field(converter=freeze)
    agencies: tuple[Agency, ...] = attrs.field(default=(), converter=freeze)
    """The agencies of both registries (the new edition's names win), to name lead units."""
    unverified: tuple[str, ...] = attrs.field(default=(), converter=freeze)
    """Keys of the new edition's items whose row repeats an earlier edition's because no change is
    known (``provenance.inherited_from``): a change to them, if there was one, cannot show here."""
    not_recorded: tuple[NotRecorded, ...] = attrs.field(default=(), converter=freeze)
    """Values one edition records and the other does not: not changes, but where the comparison is blind."""

    def __bool__(self) -> bool:
        """Whether anything changed."""
        return bool(self.changes)

    def __len__(self) -> int:
        """The number of changes."""
        return len(self.changes)

    def __iter__(self) -> Iterator[Change]:
        """Iterate over the changes."""
        return iter(self.changes)

    def of_kind(self, *kinds: ChangeKind) -> tuple[Change, ...]:
        """The changes of the given kinds, in order."""
        return tuple(c for c in self.changes if c.kind in kinds)

    def of_type(self, cls: type[C]) -> tuple[C, ...]:
        """The changes of record type *cls* (e.g. :class:`QuantityChange`), in order."""
        return tuple(c for c in self.changes if isinstance(c, cls))

    def agency_name(self, key: str) -> Text:
        """The name of agency *key*, or the key itself when neither registry has it."""
        return next((a.name for a in self.agencies if a.key == key), Text(zh=key, en=key))

    @property
    def summary(self) -> Summary:
        """Counts by kind, by field, by direction, and substantive against wording-only."""
        fields = Counter(_field_group(c.field) for c in self.changes if c.field)
        return Summary(
            total=len(self.changes),
            substantive=sum(c.substantive for c in self.changes),
            wording=sum(not c.substantive for c in self.changes),
            by_kind=dict(sorted(Counter(c.kind.value for c in self.changes).items())),
            by_field=dict(sorted(fields.items())),
            by_direction=dict(
                sorted(Counter(c.direction.value for c in self.changes if c.direction).items())
            ),
        )


def _field_group(name: str) -> str:
    return "quantities" if name.startswith("quantities.") else name
