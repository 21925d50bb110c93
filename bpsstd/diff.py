"""What changed between two editions, said the way the standard says it.

``diff(old, new)`` returns an :class:`EditionDiff` of :class:`Change` records: items added, removed,
renamed, moved to another category, renumbered or reordered; field changes of the target population,
content, service standard, expenditure responsibility, lead units and quantities (raised or lowered);
metadata and structure changes. Every change says whether it is substantive or wording only.

This is the only module that imports deepdiff. It runs on unstructured editions whose item, quantity,
category and aspect lists are re-keyed by their stable keys (so nothing is compared by position), and
its findings are mapped into our own records: no deepdiff type or ``root[...]`` path reaches users.
"""

from __future__ import annotations

import difflib
import functools
import gc
import json
import re
import typing
from importlib import resources
from typing import TYPE_CHECKING, Any

from deepdiff import DeepDiff
from deepdiff.helper import number_to_string

from bpsstd.changes import (
    Change,
    ChangeKind,
    Direction,
    EditionDiff,
    ExpenditureClassChange,
    FactValue,
    LeadUnitsChange,
    MetadataChange,
    NotRecorded,
    Place,
    PlacementChange,
    QuantityChange,
    Reading,
    Side,
    Span,
    SpanOp,
    StructureChange,
    TextChange,
    UnitChange,
)
from bpsstd.model import Better, Confidence, Range, Ratio, Text, Value
from bpsstd.serde import unstructure

if TYPE_CHECKING:
    from collections.abc import Callable

    from bpsstd.model import Edition, Quantity, ServiceItem

# The records are re-exported: ``from bpsstd.diff import Change`` reads naturally.
__all__ = ["Change", "ChangeKind", "Direction", "EditionDiff", "Span", "diff", "direction_of", "schema"]

_ChangeType = TextChange | QuantityChange | UnitChange | ExpenditureClassChange | LeadUnitsChange
#: What a field comparison finds: a change, or a value only one side records.
_Found = _ChangeType | NotRecorded


# ---------------------------------------------------------------------------------------------
# Re-keying: lists become mappings by key, so that deepdiff never compares by position.

_ITEM_FIELDS = ("name", "target", "content", "standard", "expenditure", "lead_units", "quantities")
_META_SKIP = {"id", "aspects", "agencies", "provenance", "declared", "departments"}


def _rekey(edition: Edition) -> dict[str, Any]:
    data = unstructure(edition)
    items: dict[str, Any] = {}
    categories: dict[str, Any] = {}
    aspects: dict[str, Any] = {}
    for aspect in data["aspects"]:
        aspects[aspect["key"]] = {"name": aspect["name"]}
        for category in aspect["categories"]:
            categories[category["key"]] = {"name": category["name"]}
            for item in category["items"]:
                entry = {name: item[name] for name in _ITEM_FIELDS}
                entry["lead_units"] = frozenset(item["lead_units"])
                # Provenance of a number is not the number, and a note is not the standard: value, unit
                # and comparator (不少于 ...) are compared.
                entry["quantities"] = {
                    q["key"]: {"value": q["value"], "unit": q["unit"], "comparator": q["comparator"]}
                    for q in item["quantities"]
                }
                items[item["key"]] = entry
    meta = {k: v for k, v in data.items() if k not in _META_SKIP}
    meta.update({f"declared.{k}": v for k, v in data["declared"].items()})
    meta["departments.count"] = data["departments"]["count"]
    meta["departments.named"] = frozenset(data["departments"]["named"])
    return {"meta": meta, "aspects": aspects, "categories": categories, "items": items}


def _differing(side: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    return {
        section: {k: v for k, v in records.items() if k not in other[section] or other[section][k] != v}
        for section, records in side.items()
    }


def _expand(section: str, old: dict[str, Any], new: dict[str, Any]) -> set[tuple[str, ...]]:
    """The paths of one section's differing records, found by plain comparison."""
    found: set[tuple[str, ...]] = set()
    for key in {*old, *new}:
        if key not in old or key not in new or section == "meta":
            found.add((section, key))
            continue
        for name in {*old[key], *new[key]}:
            if old[key].get(name) == new[key].get(name):
                continue
            if name == "quantities":
                quantities = (old[key][name], new[key][name])
                found.update(
                    (section, key, name, q)
                    for q in {*quantities[0], *quantities[1]}
                    if quantities[0].get(q) != quantities[1].get(q)
                )
            else:
                found.add((section, key, name))
    return found


def _number_text(number: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401  # deepdiff's hook
    """Deepdiff's number formatting, exact for an integer too large for a float (no OverflowError)."""
    try:
        return number_to_string(number, *args, **kwargs)
    except OverflowError:
        return str(number)


def _touched(old: dict[str, Any], new: dict[str, Any]) -> set[tuple[str, ...]]:
    """Ask deepdiff which records and fields differ; answer with our own paths."""
    found: set[tuple[str, ...]] = set()
    # Records equal as plain data are dropped first: an equality test is far cheaper than deepdiff's
    # walk, and between two editions most records are unchanged. What is left is what deepdiff sees.
    old, new = _differing(old, new), _differing(new, old)
    # threshold_to_diff_deeper=0: deepdiff otherwise reports a whole mapping as one changed value
    # when few of its keys are shared, which would hide which records changed.
    tree = DeepDiff(
        old,
        new,
        view="tree",
        ignore_numeric_type_changes=True,
        threshold_to_diff_deeper=0,
        number_to_string_func=_number_text,
    )
    for report in tree.values():
        for level in report:
            path = [p for p in level.path(output_format="list") if p is not None]
            if len(path) < 2:  # pragma: no cover  # deepdiff reported a whole section: compare it here
                for section in path or list(old):
                    found.update(_expand(section, old[section], new[section]))
                continue
            section = path[0]
            if section == "items" and len(path) > 3 and path[2] == "quantities":
                found.add(("items", path[1], "quantities", path[3]))
            else:
                found.add(tuple(str(p) for p in path[: 2 if section == "meta" else 3]))
    return found


# ---------------------------------------------------------------------------------------------
# Classifying.

# A number of the text, except years that only name an edition ("2021年版"): a remark such as
# "（2021年版具体引用未核实）" is not a change of substance.
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?!\d|年版)")


def _numbers(text: str) -> list[str]:
    return sorted(_NUMBER.findall(text))


_TOKEN = re.compile(r"\d+(?:\.\d+)?|[A-Za-z]+|\s+|.", re.DOTALL)


def _raw_spans(old: str, new: str) -> tuple[Span, ...]:
    # Numbers and Latin words are compared whole ("350" -> "460", not "35" -> "46"); changes
    # separated by a single unchanged token are merged into one span, which reads better.
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    starts_a = [0]
    for token in a:
        starts_a.append(starts_a[-1] + len(token))
    starts_b = [0]
    for token in b:
        starts_b.append(starts_b[-1] + len(token))
    runs: list[list[int]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if runs and i1 - runs[-1][1] <= 1 and j1 - runs[-1][3] <= 1:
            runs[-1][1], runs[-1][3] = i2, j2
        else:
            runs.append([i1, i2, j1, j2])
    spans = []
    for i1, i2, j1, j2 in runs:
        gone, came = "".join(a[i1:i2]), "".join(b[j1:j2])
        kind = SpanOp.REPLACE if gone and came else SpanOp.DELETE if gone else SpanOp.INSERT
        spans.append(Span(op=kind, old=gone, new=came, at_old=starts_a[i1], at_new=starts_b[j1]))
    return tuple(spans)


def _spans(old: str, new: str) -> tuple[Span, ...]:
    """The changed runs from *old* to *new*; computed in one canonical order so that they mirror."""
    if old <= new:
        return _raw_spans(old, new)
    return tuple(span.mirrored() for span in _raw_spans(new, old))


def _magnitudes(value: Value) -> tuple[float, ...]:
    if isinstance(value, tuple):
        return value
    if isinstance(value, Range):
        return (value.min, value.max)
    if isinstance(value, Ratio):
        return (value.numerator / value.denominator,)
    return (value,)


def direction_of(old: Value, new: Value) -> Direction:
    """Compare two numbers or quantity values: raised, lowered, or changed when neither."""
    a, b = _magnitudes(old), _magnitudes(new)
    if len(a) != len(b):
        return Direction.CHANGED
    if all(y >= x for x, y in zip(a, b, strict=True)) and a != b:
        return Direction.RAISED
    if all(y <= x for x, y in zip(a, b, strict=True)) and a != b:
        return Direction.LOWERED
    return Direction.CHANGED


def _generous(direction: Direction, better: Better | None) -> tuple[Direction, Reading | None]:
    """Read a numeric direction as generosity where *better* is known; say which reading was used."""
    if direction not in {Direction.RAISED, Direction.LOWERED}:
        return direction, None
    if better is None:
        return direction, Reading.NUMERIC
    return (direction if better is Better.HIGHER else direction.mirrored()), Reading.GENEROSITY


def _in_order(text: str) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text)]


def _text_direction(
    old: str, new: str, quantities: tuple[tuple[Quantity, ...], tuple[Quantity, ...]]
) -> tuple[Direction | None, Reading | None]:
    """Which way the numbers of a text moved (5元 -> 4元 is lowered), with no quantity needed behind them.

    Numbers are paired in order; all that differ moving up is raised, all down lowered, else changed.
    Where a quantity of the item holds one of the moved numbers and says which way is more generous,
    generosity is the reading.
    """
    a, b = _in_order(old), _in_order(new)
    if a == b:
        return None, None
    if len(a) != len(b):
        return Direction.CHANGED, None
    moved = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    direction = (
        Direction.RAISED
        if all(y > x for x, y in moved)
        else Direction.LOWERED
        if all(y < x for x, y in moved)
        else Direction.CHANGED
    )
    # First the quantities that moved the same way (old value x, new value y); failing those, any quantity
    # that holds a moved number and says which way is better (a text lowered alone, the quantity untouched).
    old_q, new_q = quantities
    news = {q.key: set(_magnitudes(q.value)) for q in new_q}
    strict = {
        q.better for q in old_q for x, y in moved if x in _magnitudes(q.value) and y in news.get(q.key, set())
    }
    numbers = {n for pair in moved for n in pair}
    loose = {
        q.better for q in (*old_q, *new_q) if q.better is not None and set(_magnitudes(q.value)) & numbers
    }
    betters = strict or loose
    better = betters.pop() if len(betters) == 1 else None
    return _generous(direction, better)


def _lowest(*levels: Confidence) -> Confidence:
    order = [Confidence.UNKNOWN, Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH]
    return min(levels, key=order.index)


class _Pair:
    """Both editions, indexed by key, with what the classifiers need."""

    def __init__(self, old: Edition, new: Edition) -> None:
        self.old, self.new = old, new
        self.old_items = {i.key: i for i in old.service_items}
        self.new_items = {i.key: i for i in new.service_items}
        self.old_cat = {i.key: c for c in old.categories for i in c.service_items}
        self.new_cat = {i.key: c for c in new.categories for i in c.service_items}
        self.order = {i.key: n for n, i in enumerate(new.service_items)}
        self.order.update({i.key: n for n, i in enumerate(old.service_items) if i.key not in self.order})

    def header(self, key: str) -> dict[str, Any]:
        """The header fields that name item *key*: its key, category and name."""
        item = self.new_items.get(key) or self.old_items[key]
        category = self.new_cat.get(key) or self.old_cat[key]
        return {
            "item": key,
            "category": category.key,
            "name": item.name,
            "at": self.place(key, new=key in self.new_items),
        }

    def blind(self, key: str, name: str, *, unknown_in: Side, what: Text | None = None) -> NotRecorded:
        """Field *name* of item *key* is recorded by one edition only."""
        return NotRecorded(field=name, unknown_in=unknown_in, what=what, **self.header(key))

    def quantities(self, key: str) -> tuple[tuple[Quantity, ...], tuple[Quantity, ...]]:
        """The quantities item *key* has in the old and in the new edition."""
        return self.old_items[key].quantities, self.new_items[key].quantities

    def place(self, key: str, *, new: bool) -> Place:
        """Where item *key* sits in the new (or old) edition."""
        item = (self.new_items if new else self.old_items)[key]
        category = (self.new_cat if new else self.old_cat)[key]
        return Place(
            category=category.key,
            category_name=category.name,
            category_number=category.number,
            number=item.number,
        )

    def row_confidence(self, key: str) -> Confidence:
        return _lowest(self.old_items[key].provenance.fields, self.new_items[key].provenance.fields)

    def name_confidence(self, key: str) -> Confidence:
        return _lowest(self.old_items[key].provenance.name, self.new_items[key].provenance.name)


def _unknown_side(old: Text, new: Text) -> Side | None:
    """The side that does not record a text another records, in either language; None if none."""
    for lang in ("zh", "en"):
        before, after = getattr(old, lang), getattr(new, lang)
        if (before is None) != (after is None):
            return Side.OLD if before is None else Side.NEW
    return None


def _text_change(pair: _Pair, key: str, name: str, old: Text, new: Text) -> list[_Found]:
    """A field's wording changed; known on one side only, it is not recorded; unknown on both, nothing."""
    side = _unknown_side(old, new)
    if side is not None:
        return [pair.blind(key, name, unknown_in=side)]
    if old.zh is None or new.zh is None:
        return []
    substantive = old.zh != new.zh and (name == "target" or _numbers(old.zh) != _numbers(new.zh))
    direction, reading = _text_direction(old.zh, new.zh, pair.quantities(key))
    return [
        TextChange(
            kind=ChangeKind.FIELD_CHANGED,
            field=name,
            direction=direction,
            reading=reading,
            old=old,
            new=new,
            substantive=substantive,
            spans=_spans(old.zh, new.zh),
            confidence=pair.row_confidence(key),
            **pair.header(key),
        )
    ]


def _field_changes(pair: _Pair, key: str, name: str) -> list[_Found]:
    old, new = pair.old_items[key], pair.new_items[key]
    confidence = pair.row_confidence(key)
    if name == "name":
        return [
            TextChange(
                kind=ChangeKind.ITEM_RENAMED,
                field="name",
                old=old.name,
                new=new.name,
                substantive=False,
                spans=_spans(old.name.zh or "", new.name.zh or ""),
                confidence=pair.name_confidence(key),
                **pair.header(key),
            )
        ]
    if name in {"target", "content", "standard"}:
        return _text_change(pair, key, name, getattr(old, name), getattr(new, name))
    if name == "expenditure":
        out: list[_Found] = []
        old_class, new_class = old.expenditure.kind, new.expenditure.kind
        old_text, new_text = old.expenditure.text, new.expenditure.text
        wording_blind = _unknown_side(old_text, new_text) is not None
        # A class that one edition does not record is not a change of class; it is listed once, with
        # the wording when that is unknown too.
        if (old_class is None) != (new_class is None) and not wording_blind:
            side = Side.OLD if old_class is None else Side.NEW
            out.append(pair.blind(key, "expenditure.class", unknown_in=side))
        if old_class is not None and new_class is not None and old_class is not new_class:
            out.append(
                ExpenditureClassChange(
                    kind=ChangeKind.FIELD_CHANGED,
                    field="expenditure.class",
                    direction=Direction.CHANGED,
                    old=old_class,
                    new=new_class,
                    substantive=True,
                    confidence=confidence,
                    **pair.header(key),
                )
            )
        if old_text != new_text:
            out.extend(_text_change(pair, key, "expenditure", old_text, new_text))
        return out
    if name == "lead_units":
        added = [u for u in new.lead_units if u not in old.lead_units]
        removed = [u for u in old.lead_units if u not in new.lead_units]
        direction = Direction.ADDED if not removed else Direction.REMOVED if not added else Direction.CHANGED
        return [
            LeadUnitsChange(
                kind=ChangeKind.FIELD_CHANGED,
                field="lead_units",
                direction=direction,
                old=old.lead_units,
                new=new.lead_units,
                substantive=True,
                added=added,
                removed=removed,
                confidence=confidence,
                **pair.header(key),
            )
        ]
    raise AssertionError(name)  # pragma: no cover


def _wording_unknown(item: ServiceItem) -> bool:
    texts = (item.target, item.content, item.standard, item.expenditure.text)
    return any(t.zh is None for t in texts)


def _quantity_changes(pair: _Pair, key: str, qkey: str) -> list[_Found]:  # one case each

    old_item, new_item = pair.old_items[key], pair.new_items[key]
    old = next((q for q in old_item.quantities if q.key == qkey), None)
    new = next((q for q in new_item.quantities if q.key == qkey), None)
    present = new or old
    assert present is not None  # noqa: S101  # deepdiff reported a difference
    base: dict[str, Any] = {
        "kind": ChangeKind.FIELD_CHANGED,
        "substantive": True,
        "confidence": pair.row_confidence(key),
        "what": present.what,
        "what_zh": present.what_zh,
        **pair.header(key),
    }
    if old is None or new is None:
        # A number missing from a row whose wording that edition does not record is not "no longer
        # stated": the comparison is blind there.
        lacking = old_item if old is None else new_item
        if _wording_unknown(lacking):
            what = Text(zh=present.what_zh, en=present.what)
            side = Side.OLD if old is None else Side.NEW
            return [pair.blind(key, f"quantities.{qkey}", unknown_in=side, what=what)]
        return [
            QuantityChange(
                field=f"quantities.{qkey}",
                direction=Direction.ADDED if old is None else Direction.REMOVED,
                old=None if old is None else old.value,
                new=None if new is None else new.value,
                unit=present.unit,
                unit_zh=present.unit_zh,
                old_comparator=present.comparator,
                new_comparator=present.comparator,
                better=present.better,
                **base,
            )
        ]
    out: list[_Found] = []
    if old.value != new.value or old.comparator is not new.comparator:
        numeric = (
            direction_of(old.value, new.value)
            if old.unit == new.unit and old.comparator is new.comparator
            else Direction.CHANGED
        )
        better = new.better if new.better is not None else old.better
        direction, reading = _generous(numeric, better)
        out.append(
            QuantityChange(
                field=f"quantities.{qkey}",
                direction=direction,
                reading=reading,
                old=old.value,
                new=new.value,
                # Across a unit change the value has no one unit: the unit change holds both.
                unit=new.unit if old.unit == new.unit else None,
                unit_zh=new.unit_zh if old.unit == new.unit else None,
                old_comparator=old.comparator,
                new_comparator=new.comparator,
                better=better,
                **base,
            )
        )
    if old.unit != new.unit:
        out.append(
            UnitChange(
                field=f"quantities.{qkey}.unit",
                direction=Direction.CHANGED,
                old=old.unit,
                new=new.unit,
                old_zh=old.unit_zh,
                new_zh=new.unit_zh,
                **base,
            )
        )
    return out


def _positions(pair: _Pair) -> list[PlacementChange]:
    """Moves to another category, then renumbering and reordering inside a category."""
    out = []
    for key, new_item in pair.new_items.items():
        old_item = pair.old_items.get(key)
        if old_item is None:
            continue
        old_cat, new_cat = pair.old_cat[key], pair.new_cat[key]
        if old_cat.key != new_cat.key:
            out.append(
                PlacementChange(
                    kind=ChangeKind.ITEM_MOVED,
                    field="category",
                    old=pair.place(key, new=False),
                    new=pair.place(key, new=True),
                    substantive=True,
                    confidence=pair.name_confidence(key),
                    **pair.header(key),
                )
            )
            continue
        if old_item.number == new_item.number:
            continue
        # Rank among the items this category holds in both editions: unchanged rank means the
        # number moved only because something was inserted or removed before the item.
        stayed_old = [i.key for i in old_cat.service_items if pair.new_cat.get(i.key) is new_cat]
        stayed_new = [
            i.key
            for i in new_cat.service_items
            if i.key in pair.old_items and pair.old_cat[i.key].key == new_cat.key
        ]
        kind = (
            ChangeKind.ITEM_RENUMBERED
            if stayed_old.index(key) == stayed_new.index(key)
            else ChangeKind.ITEM_REORDERED
        )
        out.append(
            PlacementChange(
                kind=kind,
                field="number",
                direction=direction_of(old_item.number, new_item.number),
                old=pair.place(key, new=False),
                new=pair.place(key, new=True),
                substantive=False,
                confidence=pair.name_confidence(key),
                **pair.header(key),
            )
        )
    return out


def _item_presence(pair: _Pair, key: str) -> PlacementChange:
    added = key in pair.new_items
    item: ServiceItem = pair.new_items[key] if added else pair.old_items[key]
    place = pair.place(key, new=added)
    return PlacementChange(
        kind=ChangeKind.ITEM_ADDED if added else ChangeKind.ITEM_REMOVED,
        old=None if added else place,
        new=place if added else None,
        substantive=True,
        confidence=item.provenance.name,
        **pair.header(key),
    )


_STRUCTURE_KINDS = {
    "aspects": (ChangeKind.ASPECT_ADDED, ChangeKind.ASPECT_REMOVED, ChangeKind.ASPECT_RENAMED),
    "categories": (ChangeKind.CATEGORY_ADDED, ChangeKind.CATEGORY_REMOVED, ChangeKind.CATEGORY_RENAMED),
}


def _text(value: dict[str, str]) -> Text:
    return Text(zh=value["zh"], en=value["en"])


def _named(section: str, old: dict[str, Any], new: dict[str, Any], key: str) -> Change:
    """An aspect or category (*section*) added, removed or renamed."""
    added, removed, renamed = _STRUCTURE_KINDS[section]
    before, after = old.get(key), new.get(key)
    shown = _text((after if after is not None else old[key])["name"])
    category = key if section == "categories" else None
    if before is not None and after is not None:
        return TextChange(
            kind=renamed,
            category=category,
            field="name",
            old=_text(before["name"]),
            new=_text(after["name"]),
            substantive=False,
            name=shown,
        )
    return StructureChange(
        kind=added if before is None else removed,
        category=category,
        old=_text(before["name"]) if before else None,
        new=_text(after["name"]) if after else None,
        substantive=True,
        name=shown,
    )


def _fact_value(value: object) -> FactValue:
    """A fact in its JSON form (as the re-keyed edition holds it) as a typed value."""
    if isinstance(value, frozenset):
        return tuple(sorted(value))
    if isinstance(value, dict):
        return _text(value)
    if isinstance(value, list):
        return tuple(_text(v) for v in value)
    return typing.cast("str | int | None", value)


def _fact_unknown(value: FactValue) -> bool:
    return value is None or (isinstance(value, Text) and value.zh is None)


def _metadata(old: dict[str, Any], new: dict[str, Any], fact: str) -> MetadataChange | NotRecorded | None:
    before, after = _fact_value(old.get(fact)), _fact_value(new.get(fact))
    if _fact_unknown(before) or _fact_unknown(after):
        # An edition fact one side does not know (a document number, an addressee) is not a change.
        if _fact_unknown(before) and _fact_unknown(after):
            return None
        return NotRecorded(field=fact, unknown_in=Side.OLD if _fact_unknown(before) else Side.NEW)
    if isinstance(before, Text) and isinstance(after, Text):
        side = _unknown_side(before, after)
        if side is not None:
            return NotRecorded(field=fact, unknown_in=side)
    if isinstance(old.get(fact), frozenset) or isinstance(new.get(fact), frozenset):
        b = typing.cast("tuple[str, ...]", before or ())
        a = typing.cast("tuple[str, ...]", after or ())
        return MetadataChange(
            kind=ChangeKind.METADATA_CHANGED,
            field=fact,
            old=b,
            new=a,
            added=[k for k in a if k not in b],
            removed=[k for k in b if k not in a],
            substantive=False,
        )
    return MetadataChange(
        kind=ChangeKind.METADATA_CHANGED,
        field=fact,
        direction=direction_of(before, after) if isinstance(before, int) and isinstance(after, int) else None,
        old=before,
        new=after,
        substantive=fact.startswith(("declared.", "departments."))
        or fact in {"doc_number", "published", "issued"},
    )


_KIND_ORDER = {kind: n for n, kind in enumerate(ChangeKind)}


def _gc_paused(
    compare: Callable[[Edition, Edition], EditionDiff],
) -> Callable[[Edition, Edition], EditionDiff]:
    """Run *compare* with the cyclic garbage collector paused, and resume it as it was.

    A comparison makes hundreds of thousands of short-lived containers (the re-keyed copies, deepdiff's
    tree); each collection they trigger walks every object alive, both editions included, so the
    time per item grew with the editions' size (a quarter more at 8,000 items). Nothing is lost:
    cycles made meanwhile are collected by the next collection after.
    """

    @functools.wraps(compare)
    def paused(old: Edition, new: Edition) -> EditionDiff:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return compare(old, new)
        finally:
            if enabled:
                gc.enable()

    return paused


@_gc_paused
def diff(old: Edition, new: Edition) -> EditionDiff:
    """Compare two editions and return every change from *old* to *new*.

    Items are matched by key, never by position; ``diff(e, e)`` is empty and ``diff(b, a)`` mirrors
    ``diff(a, b)``.
    """
    pair = _Pair(old, new)
    before, after = _rekey(old), _rekey(new)
    blind: list[tuple[int, int, NotRecorded]] = []
    meta_changes: list[Change] = []
    structure_changes: list[Change] = []
    item_changes: list[tuple[int, int, Change]] = []
    for path in sorted(_touched(before, after)):
        section, key = path[0], path[1]
        if section == "meta":
            fact = _metadata(before["meta"], after["meta"], key)
            if isinstance(fact, NotRecorded):
                blind.append((-1, 0, fact))
            elif fact is not None:
                meta_changes.append(fact)
        elif section in _STRUCTURE_KINDS:
            structure_changes.append(_named(section, before[section], after[section], key))
        elif len(path) == 2:
            change = _item_presence(pair, key)
            item_changes.append((pair.order[key], -1, change))
        else:
            found = (
                _quantity_changes(pair, key, path[3])
                if path[2] == "quantities"
                else _field_changes(pair, key, path[2])
            )
            rank = _ITEM_FIELDS.index(path[2])
            for one in found:
                if isinstance(one, NotRecorded):
                    blind.append((pair.order[key], rank, one))
                else:
                    item_changes.append((pair.order[key], rank, one))
    for change in _positions(pair):
        assert change.item is not None  # noqa: S101
        item_changes.append((pair.order[change.item], len(_ITEM_FIELDS), change))
    item_changes.sort(key=lambda t: (t[0], t[1], t[2].field or "", _KIND_ORDER[t[2].kind]))
    agencies = {a.key: a for a in old.agencies} | {a.key: a for a in new.agencies}
    return EditionDiff(
        old=old.id,
        new=new.id,
        changes=[*meta_changes, *structure_changes, *(c for _, _, c in item_changes)],
        agencies=agencies.values(),
        unverified=[i.key for i in new.service_items if i.provenance.inherited_from is not None],
        not_recorded=[b for _, _, b in sorted(blind, key=lambda t: (t[0], t[1], t[2].field))],
    )


def schema() -> dict[str, Any]:
    """Return the JSON Schema that the JSON form of an :class:`EditionDiff` follows.

    That form is ``bpsstd.unstructure(diff)``, which ``bpsstd diff --format json`` prints.
    """
    text = resources.files("bpsstd").joinpath("schemas/diff.schema.json").read_text(encoding="utf-8")
    return typing.cast("dict[str, Any]", json.loads(text))
