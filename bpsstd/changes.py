"""The records of a diff: :class:`EditionDiff` holds :class:`Change` records, each of a :class:`ChangeKind`.

They are plain data, built by :func:`bpsstd.diff.diff` and read by the renderers; nothing here knows how
the changes were found.
"""

from __future__ import annotations

import enum
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs
from attrs import frozen
from attrs.validators import instance_of, optional

from bpsstd.model import Agency, Confidence, Text, freeze

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Change", "ChangeKind", "Direction", "EditionDiff", "Span"]


class ChangeKind(enum.Enum):
    """What kind of change a :class:`Change` records; values are the stable strings of the JSON."""

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


class Direction(enum.Enum):
    """Which way a value moved."""

    RAISED = "raised"
    LOWERED = "lowered"
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    """Moved neither up nor down as a whole (a unit change, a range that widened both ways, ...)."""


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


@frozen(kw_only=True)
class Span:
    """One changed run of characters in a text: deleted, inserted or replaced."""

    op: str = attrs.field(validator=instance_of(str))
    """``"delete"``, ``"insert"`` or ``"replace"``."""
    old: str = attrs.field(validator=instance_of(str))
    new: str = attrs.field(validator=instance_of(str))
    at_old: int = attrs.field(validator=instance_of(int))
    """Offset of the run in the old text."""
    at_new: int = attrs.field(validator=instance_of(int))

    def mirrored(self) -> Span:
        """The same run seen from the other side."""
        op = {"delete": "insert", "insert": "delete"}.get(self.op, self.op)
        return Span(op=op, old=self.new, new=self.old, at_old=self.at_new, at_new=self.at_old)


@frozen(kw_only=True)
class Change:
    """One change between two editions.

    Attributes:
        kind: what kind of change.
        item: the item key, for item and field changes.
        category: the key of the item's category (in the new edition where it exists), or of the
            category that changed.
        field: which field changed: ``target``, ``content``, ``standard``, ``expenditure``,
            ``expenditure.class``, ``lead_units``, ``quantities.<key>``, ``quantities.<key>.unit``,
            ``name``, ``category``, ``number``; for metadata, the fact (``declared.items``).
        direction: raised or lowered (numbers), added or removed (quantities, lead units), changed.
        old, new: the values before and after, in their JSON form.
        substantive: whether something of substance changed (a number, a class, an agency, a
            population, the existence or place of an item) rather than the wording.
        unit: the unit of a quantity.
        added, removed: agency keys added to or removed from the lead units.
        spans: the changed runs of the Chinese text, for text changes.
        name: the name of the item (or category, aspect) concerned.
        what: what a changed quantity measures.
        confidence: the lower of the two editions' confidence in what changed (row, or name).
    """

    kind: ChangeKind = attrs.field(validator=instance_of(ChangeKind))
    item: str | None = None
    category: str | None = None
    field: str | None = None
    direction: Direction | None = attrs.field(default=None, validator=optional(instance_of(Direction)))
    old: Any = None
    new: Any = None
    substantive: bool = attrs.field(validator=instance_of(bool))
    unit: str | None = None
    added: tuple[str, ...] = attrs.field(default=(), converter=freeze)
    removed: tuple[str, ...] = attrs.field(default=(), converter=freeze)
    spans: tuple[Span, ...] = attrs.field(default=(), converter=freeze)
    name: Text | None = None
    what: str | None = None
    confidence: Confidence | None = None

    def mirrored(self) -> Change:
        """The change as ``diff(new, old)`` reports it.

        ``name``, ``category`` and ``what`` are kept: they name things as the newer edition does, so
        a renamed or moved item's mirror names it as the older edition did only in ``old``.
        """
        return Change(
            kind=_MIRROR_KIND.get(self.kind, self.kind),
            item=self.item,
            category=self.category,
            field=self.field,
            direction=_MIRROR_DIRECTION.get(self.direction, self.direction) if self.direction else None,
            old=self.new,
            new=self.old,
            substantive=self.substantive,
            unit=self.unit,
            added=self.removed,
            removed=self.added,
            spans=tuple(s.mirrored() for s in self.spans),
            name=self.name,
            what=self.what,
            confidence=self.confidence,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (see ``bpsstd/schemas/diff.schema.json``)."""
        return {
            "kind": self.kind.value,
            "item": self.item,
            "category": self.category,
            "field": self.field,
            "direction": self.direction.value if self.direction else None,
            "old": self.old,
            "new": self.new,
            "substantive": self.substantive,
            "unit": self.unit,
            "added": list(self.added),
            "removed": list(self.removed),
            "spans": [
                {"op": s.op, "old": s.old, "new": s.new, "at_old": s.at_old, "at_new": s.at_new}
                for s in self.spans
            ],
            "name": {"zh": self.name.zh, "en": self.name.en} if self.name else None,
            "what": self.what,
            "confidence": self.confidence.value if self.confidence else None,
        }


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

    def agency_name(self, key: str) -> Text:
        """The name of agency *key*, or the key itself when neither registry has it."""
        return next((a.name for a in self.agencies if a.key == key), Text(zh=key, en=key))

    @property
    def summary(self) -> dict[str, Any]:
        """Counts by kind, by field, by direction, and substantive against wording-only."""
        fields = Counter(_field_group(c.field) for c in self.changes if c.field)
        return {
            "total": len(self.changes),
            "substantive": sum(c.substantive for c in self.changes),
            "wording": sum(not c.substantive for c in self.changes),
            "by_kind": dict(sorted(Counter(c.kind.value for c in self.changes).items())),
            "by_field": dict(sorted(fields.items())),
            "by_direction": dict(
                sorted(Counter(c.direction.value for c in self.changes if c.direction).items())
            ),
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form, valid against ``bpsstd/schemas/diff.schema.json``."""
        return {
            "old": self.old,
            "new": self.new,
            "changes": [c.to_dict() for c in self.changes],
            "summary": self.summary,
            "unverified": list(self.unverified),
        }


def _field_group(name: str) -> str:
    return "quantities" if name.startswith("quantities.") else name
