"""Tests of the diff engine: its laws as properties, single mutations, and the real 2021 -> 2023 pair."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, Phase, assume, find, given, settings
from hypothesis import strategies as st

import bpsstd
from bpsstd.changes import (
    CHANGE_TYPES,
    LeadUnitsChange,
    NotRecorded,
    PlacementChange,
    QuantityChange,
    Reading,
    Side,
    TextChange,
)
from bpsstd.diff import Change, ChangeKind, Direction, diff, direction_of, schema
from bpsstd.model import (
    Better,
    Category,
    Comparator,
    Edition,
    Quantity,
    Range,
    Ratio,
    ServiceItem,
    Text,
    Value,
)
from bpsstd.serde import structure_diff, unstructure

from strategies import edited_pairs, editions, keys, map_items, replace_item, service_items

if TYPE_CHECKING:
    from collections.abc import Iterable

SCHEMA = schema()
#: Searching for an example is not a property: a fixed, generous budget, no health checks, and no
#: shrinking (the first example found will do; shrinking whole editions is slow).
FIND = settings(
    max_examples=1000, database=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck)
)


def canon(changes: Iterable[Change | NotRecorded], *, seen_from_new: bool = True) -> list[str]:
    """Changes as sorted JSON strings, to compare collections whatever their order.

    With *seen_from_new* false, the attributes that name things as the newer edition names them
    (``name``, ``category``, ``what``) are left out: they differ between mirrors of a renamed or moved
    item, or of a quantity whose description changed.
    """
    forms = []
    for change in changes:
        # Not-recorded entries are no change: the library's unstructure() is typed for changes only.
        form = attrs.asdict(change) if isinstance(change, NotRecorded) else unstructure(change)
        if not seen_from_new:
            for name in ("name", "category", "what", "what_zh", "at"):
                form.pop(name, None)
        forms.append(json.dumps(form, sort_keys=True, ensure_ascii=False, default=str))
    return sorted(forms)


def numbers(change: Change) -> tuple[int | None, int | None, Direction | None]:
    """The old and new numbers of a placement change, and its direction."""
    assert isinstance(change, PlacementChange)
    old = change.old.number if change.old else None
    new = change.new.number if change.new else None
    return old, new, change.direction


def renumber(category: Category, items: list[ServiceItem]) -> Category:
    """Return *category* holding *items*, numbered 1..n in order."""
    return attrs.evolve(category, service_items=[attrs.evolve(i, number=n) for n, i in enumerate(items, 1)])


def with_category(edition: Edition, key: str, change: Any) -> Edition:
    """Return *edition* with category *key* replaced by ``change(category)``."""
    return attrs.evolve(
        edition,
        aspects=[
            attrs.evolve(a, categories=[change(c) if c.key == key else c for c in a.categories])
            for a in edition.aspects
        ],
    )


def non_empty_categories(edition: Edition) -> list[Category]:
    """The categories of *edition* that hold at least one item."""
    return [c for c in edition.categories if c.service_items]


class TestLaws:
    """The laws every diff obeys, on generated editions."""

    @given(editions())
    def test_diff_of_an_edition_with_itself_is_empty(self, edition: Edition) -> None:
        """diff(e, e) reports no change at all."""
        result = diff(edition, edition)
        assert list(result.changes) == []
        assert not result

    @given(edited_pairs())
    def test_reverse_diff_mirrors(self, pair: tuple[Edition, Edition]) -> None:
        """diff(b, a) holds exactly the mirror images of diff(a, b)'s changes."""
        a, b = pair
        mirrored = canon((c.mirrored() for c in diff(a, b)), seen_from_new=False)
        assert mirrored == canon(diff(b, a), seen_from_new=False)

    @given(edited_pairs())
    def test_reverse_diff_mirrors_what_is_not_recorded(self, pair: tuple[Edition, Edition]) -> None:
        """diff(b, a) lists the same values as not recorded, with the other side unknown."""
        a, b = pair
        mirrored = canon((n.mirrored() for n in diff(a, b).not_recorded), seen_from_new=False)
        assert mirrored == canon(diff(b, a).not_recorded, seen_from_new=False)

    @given(edited_pairs(edits=["notes"]))
    def test_a_change_of_notes_alone_is_no_change(self, pair: tuple[Edition, Edition]) -> None:
        """Editing only the team's notes (fields, quantities, edition) yields an empty diff."""
        result = diff(*pair)
        assert ([], []) == (list(result.changes), list(result.not_recorded))

    @given(editions(), editions())
    def test_reverse_diff_of_unrelated_editions_mirrors(self, a: Edition, b: Edition) -> None:
        """The mirror law holds too between editions that share nothing."""
        mirrored = canon((c.mirrored() for c in diff(a, b)), seen_from_new=False)
        assert mirrored == canon(diff(b, a), seen_from_new=False)

    @given(edited_pairs())
    def test_json_follows_the_shipped_schema(self, pair: tuple[Edition, Edition]) -> None:
        """Every diff's JSON form (the converter's) validates against the schema the package ships."""
        jsonschema.validate(json.loads(json.dumps(unstructure(diff(*pair)))), SCHEMA)

    @given(edited_pairs())
    def test_json_round_trips(self, pair: tuple[Edition, Edition]) -> None:
        """Structuring a diff's JSON form gives the diff back (less the agencies, which it omits)."""
        result = diff(*pair)
        data = json.loads(json.dumps(unstructure(result)))
        assert attrs.evolve(result, agencies=()) == structure_diff(data)

    @given(edited_pairs())
    def test_summary_counts_every_change(self, pair: tuple[Edition, Edition]) -> None:
        """The summary's counts by kind add up to the number of changes."""
        result = diff(*pair)
        summary = result.summary
        assert len(result) == summary.total == sum(summary.by_kind.values())
        assert summary.total == summary.substantive + summary.wording

    @given(editions(min_items=1))
    def test_diff_ignores_where_the_edition_was_loaded_from(self, edition: Edition) -> None:
        """Provenance of numbers and the origin of an edition are not changes of the standard."""
        changed = map_items(
            edition,
            lambda i: attrs.evolve(i, quantities=[attrs.evolve(q, source="elsewhere") for q in i.quantities]),
        )
        assert list(diff(edition, changed).changes) == []


# find() builds the repr of the example it found, which for a whole edition can pass Hypothesis's size
# warning; the example is not shown to anyone, so the warning says nothing here.
@pytest.mark.filterwarnings("ignore:Generating overly large repr")
class TestEditedPairs:
    """The edited pairs that the laws run on see every kind of change and every record type."""

    @pytest.mark.parametrize("kind", list(ChangeKind), ids=lambda k: k.value)
    def test_every_kind_of_change_is_generated(self, kind: ChangeKind) -> None:
        """Some edited pair's diff holds a change of *kind*."""
        pair = find(edited_pairs(), lambda p: kind in {c.kind for c in diff(*p)}, settings=FIND)
        assert kind in {c.kind for c in diff(*pair)}

    @pytest.mark.parametrize("record", CHANGE_TYPES, ids=lambda t: t.SHAPE)
    def test_every_record_type_is_generated(self, record: type[Change]) -> None:
        """Some edited pair's diff holds a change of record type *record*."""
        pair = find(edited_pairs(), lambda p: any(isinstance(c, record) for c in diff(*p)), settings=FIND)
        assert any(isinstance(c, record) for c in diff(*pair))


class TestSingleMutations:
    """Each single mutation is reported once, with the right kind and direction, and nothing else."""

    @given(editions(min_items=1), st.data())
    def test_adding_an_item_at_the_end_of_a_category(self, edition: Edition, data: st.DataObject) -> None:
        """An item appended to a category is one item-added change."""
        category = data.draw(st.sampled_from(edition.categories))
        taken = {i.key for i in edition.service_items}
        key = data.draw(keys().filter(lambda k: k not in taken))
        units = [a.key for a in edition.agencies]
        new_item = data.draw(
            service_items(lead_units=units, key=st.just(key), number=len(category.service_items) + 1)
        )
        changed = with_category(
            edition, category.key, lambda c: attrs.evolve(c, service_items=[*c.service_items, new_item])
        )
        [change] = diff(edition, changed).changes
        assert (ChangeKind.ITEM_ADDED, key, category.key) == (change.kind, change.item, change.category)
        assert isinstance(change, PlacementChange)
        assert change.new is not None
        assert change.new.number == len(category.service_items) + 1

    @given(editions(min_items=1), st.data())
    def test_inserting_an_item_renumbers_the_ones_after_it(
        self, edition: Edition, data: st.DataObject
    ) -> None:
        """Inserting an item reports it added and the later items renumbered, with no content change."""
        category = data.draw(st.sampled_from(non_empty_categories(edition)))
        at = data.draw(st.integers(min_value=0, max_value=len(category.service_items)))
        taken = {i.key for i in edition.service_items}
        key = data.draw(keys().filter(lambda k: k not in taken))
        new_item = data.draw(service_items(lead_units=[a.key for a in edition.agencies], key=st.just(key)))
        items = [*category.service_items[:at], new_item, *category.service_items[at:]]
        changed = with_category(edition, category.key, lambda c: renumber(c, items))
        result = diff(edition, changed)
        assert [c.kind for c in result.changes if c.item == key] == [ChangeKind.ITEM_ADDED]
        renumbered = {c.item: numbers(c) for c in result.of_kind(ChangeKind.ITEM_RENUMBERED)}
        expected = {i.key: (i.number, i.number + 1, Direction.RAISED) for i in category.service_items[at:]}
        assert expected == renumbered
        assert len(result) == 1 + len(expected)

    @given(editions(min_items=1), st.data())
    def test_removing_an_item_renumbers_the_ones_after_it(
        self, edition: Edition, data: st.DataObject
    ) -> None:
        """Removing an item reports it removed and the later items renumbered down, nothing else."""
        category = data.draw(st.sampled_from(non_empty_categories(edition)))
        at = data.draw(st.integers(min_value=0, max_value=len(category.service_items) - 1))
        gone = category.service_items[at]
        items = [*category.service_items[:at], *category.service_items[at + 1 :]]
        changed = with_category(edition, category.key, lambda c: renumber(c, items))
        result = diff(edition, changed)
        assert [c.kind for c in result.changes if c.item == gone.key] == [ChangeKind.ITEM_REMOVED]
        renumbered = {c.item: numbers(c) for c in result.of_kind(ChangeKind.ITEM_RENUMBERED)}
        assert {i.key: (i.number, i.number - 1, Direction.LOWERED) for i in items[at:]} == renumbered
        assert len(result) == 1 + len(items[at:])

    @given(editions(min_items=1), st.data())
    def test_renaming_an_item(self, edition: Edition, data: st.DataObject) -> None:
        """A new Chinese name under the same key is one item-renamed change."""
        item = data.draw(st.sampled_from(edition.service_items))
        name = Text(zh=(item.name.zh or "") + "（新）", en=item.name.en)
        [change] = diff(edition, replace_item(edition, item.key, name=name)).changes
        assert isinstance(change, TextChange)
        assert (
            TextChange(
                kind=ChangeKind.ITEM_RENAMED,
                item=item.key,
                category=change.category,
                field="name",
                substantive=False,
                name=name,
                confidence=item.provenance.name,
                old=item.name,
                new=name,
                spans=change.spans,
                at=change.at,
            )
            == change
        )

    @given(editions(min_items=1, min_aspects=1, max_categories=3), st.data())
    def test_moving_the_last_item_to_another_category(self, edition: Edition, data: st.DataObject) -> None:
        """An item moved to the end of another category is one item-moved change."""
        source = data.draw(st.sampled_from(non_empty_categories(edition)))
        others = [c for c in edition.categories if c.key != source.key]
        assume(others)
        target = data.draw(st.sampled_from(others))
        item = source.service_items[-1]
        moved = with_category(
            edition, source.key, lambda c: attrs.evolve(c, service_items=c.service_items[:-1])
        )
        moved = with_category(
            moved,
            target.key,
            lambda c: attrs.evolve(
                c, service_items=[*c.service_items, attrs.evolve(item, number=len(c.service_items) + 1)]
            ),
        )
        [change] = diff(edition, moved).changes
        assert (ChangeKind.ITEM_MOVED, item.key, target.key) == (change.kind, change.item, change.category)
        assert isinstance(change, PlacementChange)
        assert change.old is not None
        assert change.new is not None
        assert (source.key, target.key) == (change.old.category, change.new.category)

    @given(editions(min_items=1), st.data(), st.sampled_from(["target", "content", "standard"]))
    def test_rewording_a_field(self, edition: Edition, data: st.DataObject, name: str) -> None:
        """New words without new numbers are one wording-only field change with the changed span."""
        item = data.draw(st.sampled_from(edition.service_items))
        old: Text = getattr(item, name)
        assume(old.zh is not None)  # unknown wording that becomes known is not a change
        new = Text(zh=(old.zh or "") + "（修订）", en=old.en)
        [change] = diff(edition, replace_item(edition, item.key, **{name: new})).changes
        assert (ChangeKind.FIELD_CHANGED, item.key, name) == (change.kind, change.item, change.field)
        assert change.substantive is (name == "target")
        assert isinstance(change, TextChange)
        assert "（修订）" in "".join(s.new for s in change.spans)

    @given(
        editions(min_items=1),
        st.data(),
        st.integers(min_value=-(10**6), max_value=10**6),
        st.integers(min_value=1, max_value=10**6),
    )
    def test_changing_a_number_up_or_down(
        self, edition: Edition, data: st.DataObject, value: int, step: int
    ) -> None:
        """A quantity moving up or down is one raised or lowered change with both values and the unit."""
        item = data.draw(st.sampled_from(edition.service_items))
        up = data.draw(st.booleans())
        quantity = Quantity(key="amount", what="amount", value=value, unit="CNY/month")
        before = replace_item(edition, item.key, quantities=[quantity])
        after = replace_item(
            edition, item.key, quantities=[attrs.evolve(quantity, value=value + (step if up else -step))]
        )
        [change] = diff(before, after).changes
        assert isinstance(change, QuantityChange)
        assert (change.kind, change.field, change.unit) == (
            ChangeKind.FIELD_CHANGED,
            "quantities.amount",
            "CNY/month",
        )
        assert (Direction.RAISED if up else Direction.LOWERED) is change.direction
        assert (value, value + (step if up else -step)) == (change.old, change.new)
        assert change.substantive

    @given(editions(min_items=1, max_agencies=4), st.data())
    def test_swapping_an_agency(self, edition: Edition, data: st.DataObject) -> None:
        """Replacing a lead unit by another agency reports which was added and which removed."""
        item = data.draw(st.sampled_from(edition.service_items))
        spare = [a.key for a in edition.agencies if a.key not in item.lead_units]
        assume(spare)
        new_unit = data.draw(st.sampled_from(spare))
        units = (new_unit, *item.lead_units[1:])
        [change] = diff(edition, replace_item(edition, item.key, lead_units=units)).changes
        assert isinstance(change, LeadUnitsChange)
        assert (change.kind, change.field) == (ChangeKind.FIELD_CHANGED, "lead_units")
        assert ((new_unit,), (item.lead_units[0],)) == (change.added, change.removed)
        assert Direction.CHANGED is change.direction

    @given(editions(min_items=2), st.data())
    def test_swapping_two_items_is_a_reorder(self, edition: Edition, data: st.DataObject) -> None:
        """Two items of a category that swap places are reordered, not renumbered."""
        candidates = [c for c in edition.categories if len(c.service_items) >= 2]
        assume(candidates)
        category = data.draw(st.sampled_from(candidates))
        items = [category.service_items[1], category.service_items[0], *category.service_items[2:]]
        result = diff(edition, with_category(edition, category.key, lambda c: renumber(c, items)))
        assert [c.kind for c in result.changes] == [ChangeKind.ITEM_REORDERED] * 2


def _known(item: ServiceItem, name: str) -> bool:
    return getattr(item, name).zh is not None


class TestUnknownValues:
    """Known -> unknown and unknown -> known are not changes: each is listed once as not recorded."""

    @given(editions(min_items=1), st.data(), st.sampled_from(["target", "content"]))
    def test_a_value_turned_unknown_is_one_not_recorded_entry(
        self, edition: Edition, data: st.DataObject, name: str
    ) -> None:
        """A known wording turned unknown yields no change and one not-recorded entry, unknown in the new."""
        known = [i for i in edition.service_items if _known(i, name)]
        assume(known)
        item = data.draw(st.sampled_from(known))
        result = diff(edition, replace_item(edition, item.key, **{name: Text(zh=None, en=None)}))
        assert [] == list(result.changes)
        [entry] = result.not_recorded
        assert (item.key, name, Side.NEW) == (entry.item, entry.field, entry.unknown_in)

    @given(editions(min_items=1))
    def test_an_edition_fact_turned_unknown_is_not_a_change(self, edition: Edition) -> None:
        """A document number that becomes unknown is listed as not recorded, never as a change."""
        assume(edition.doc_number is not None)
        result = diff(edition, attrs.evolve(edition, doc_number=None))
        assert [] == list(result.changes)
        assert [("doc_number", Side.NEW)] == [(n.field, n.unknown_in) for n in result.not_recorded]

    @given(edited_pairs(edits=["unknown"]))
    def test_unknown_edits_yield_no_change(self, pair: tuple[Edition, Edition]) -> None:
        """Turning values unknown never yields a change, only not-recorded entries."""
        assert [] == list(diff(*pair).changes)


def _with_quantity(edition: Edition, key: str, quantity: Quantity, standard: str) -> Edition:
    return replace_item(edition, key, quantities=[quantity], standard=Text(zh=standard, en=standard))


class TestGenerosity:
    """Raised and lowered mean more and less generous where a quantity says which way is better."""

    @given(editions(min_items=1), st.data(), st.sampled_from(Better), st.booleans())
    def test_direction_follows_better(
        self,
        edition: Edition,
        data: st.DataObject,
        better: Better,
        up: bool,  # noqa: FBT001  # drawn by @given
    ) -> None:
        """A number moving the generous way is raised, the other way lowered, read as generosity."""
        item = data.draw(st.sampled_from(edition.service_items))
        old_q = Quantity(key="age", what="age", value=80, unit="years", better=better)
        new_q = attrs.evolve(old_q, value=85 if up else 75)
        before = _with_quantity(edition, item.key, old_q, "80岁")
        after = _with_quantity(edition, item.key, new_q, "85岁" if up else "75岁")
        changes = diff(before, after).changes
        generous = up is (better is Better.HIGHER)
        expected = Direction.RAISED if generous else Direction.LOWERED
        assert [(expected, Reading.GENEROSITY)] * 2 == [(c.direction, c.reading) for c in changes]

    @given(editions(min_items=1), st.data())
    def test_numeric_reading_where_better_is_unknown(self, edition: Edition, data: st.DataObject) -> None:
        """Where no quantity says which way is better, the direction is the number's, and says so."""
        item = data.draw(st.sampled_from(edition.service_items))
        quantity = Quantity(key="share", what="share", value=60, unit="%")
        before = replace_item(edition, item.key, quantities=[quantity])
        after = replace_item(edition, item.key, quantities=[attrs.evolve(quantity, value=80)])
        [change] = diff(before, after).changes
        assert (Direction.RAISED, Reading.NUMERIC) == (change.direction, change.reading)

    @given(editions(min_items=1), st.data())
    def test_a_number_lowered_in_the_text_alone_is_lowered(
        self, edition: Edition, data: st.DataObject
    ) -> None:
        """每生每天5元 -> 每生每天4元 with the quantity untouched is a lowered (substantive) text change."""
        item = data.draw(st.sampled_from(edition.service_items))
        quantity = Quantity(key="meal", what="meal", value=5, unit="CNY", better=Better.HIGHER)
        before = _with_quantity(edition, item.key, quantity, "每生每天5元")
        after = _with_quantity(edition, item.key, quantity, "每生每天4元")
        [change] = diff(before, after).changes
        assert isinstance(change, TextChange)
        assert (Direction.LOWERED, Reading.GENEROSITY, True) == (
            change.direction,
            change.reading,
            change.substantive,
        )

    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            ((Comparator.AT_LEAST, 15), (Comparator.AT_LEAST, 17), Direction.RAISED),
            ((Comparator.EXACTLY, 5), (Comparator.AT_LEAST, 5), Direction.CHANGED),
        ],
    )
    def test_comparators_take_part(
        self, old: tuple[Comparator, int], new: tuple[Comparator, int], expected: Direction
    ) -> None:
        """不少于15套 -> 不少于17套 is raised; exactly 5 -> at least 5 is a change with both comparators."""
        edition = bpsstd.load("2023")
        key = edition.service_items[0].key
        quantity = Quantity(key="q", what="sets", value=old[1], unit="sets", comparator=old[0])
        before = replace_item(edition, key, quantities=[quantity])
        after = replace_item(
            edition, key, quantities=[attrs.evolve(quantity, comparator=new[0], value=new[1])]
        )
        [change] = diff(before, after).changes
        assert isinstance(change, QuantityChange)
        assert (expected, old[0], new[0]) == (change.direction, change.old_comparator, change.new_comparator)


class TestDirection:
    """How values compare."""

    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            (1, 2, Direction.RAISED),
            (2, 1, Direction.LOWERED),
            (Range(min=16, max=24), Range(min=16, max=35), Direction.RAISED),
            (Range(min=16, max=24), Range(min=18, max=22), Direction.CHANGED),
            (Ratio(numerator=1, denominator=3), Ratio(numerator=1, denominator=2), Direction.RAISED),
            ((80, 60), (80, 50), Direction.LOWERED),
            ((80, 60), (80, 60, 50), Direction.CHANGED),
            (4, 4.5, Direction.RAISED),
        ],
    )
    def test_direction_of_values(self, old: Value, new: Value, expected: Direction) -> None:
        """Numbers, ranges, ratios and tiers compare element by element."""
        assert expected is direction_of(old, new)

    @given(st.integers(), st.integers())
    def test_direction_mirrors(self, a: int, b: int) -> None:
        """Swapping old and new swaps raised and lowered."""
        assume(a != b)
        assert {direction_of(a, b), direction_of(b, a)} == {Direction.RAISED, Direction.LOWERED}

    def test_range_and_ratio_values_reach_the_json_as_mappings(self) -> None:
        """Range and ratio values of a quantity change are written as {min, max} and a ratio mapping."""
        change = QuantityChange(
            kind=ChangeKind.FIELD_CHANGED,
            item="k",
            field="quantities.q",
            direction=Direction.CHANGED,
            substantive=True,
            old=Range(min=16, max=24),
            new=Ratio(numerator=1, denominator=3),
            unit="years",
            what="age",
        )
        data = unstructure(change)
        assert ({"min": 16, "max": 24}, {"numerator": 1, "denominator": 3}) == (data["old"], data["new"])
        jsonschema.validate(data, {"$defs": SCHEMA["$defs"], "$ref": "#/$defs/change"})


@pytest.fixture(scope="module")
def pair() -> tuple[Edition, Edition]:
    """The two shipped editions."""
    return bpsstd.load("2021"), bpsstd.load("2023")


class TestShippedEditions:
    """The real pair: what diff(2021, 2023) must report, derived from the data itself."""

    def test_the_added_item_is_reported(self, pair: tuple[Edition, Edition]) -> None:
        """Every item key only the 2023 edition has is reported as added, and nothing is removed."""
        old, new = pair
        result = diff(old, new)
        only_new = {i.key for i in new.service_items} - {i.key for i in old.service_items}
        assert only_new == {c.item for c in result.of_kind(ChangeKind.ITEM_ADDED)}
        assert sorted(only_new) == ["folic-acid-ntd-prevention"]
        assert list(result.of_kind(ChangeKind.ITEM_REMOVED)) == []

    def test_every_changed_row_is_reported_and_no_other(self, pair: tuple[Edition, Edition]) -> None:
        """Items whose rows differ get field changes; items whose rows are equal get none."""
        old, new = pair
        result = diff(old, new)
        row = ("name", "target", "content", "standard", "expenditure", "lead_units")
        changed = {
            i.key
            for i in new.service_items
            if i.key in {o.key for o in old.service_items}
            and (
                any(getattr(i, f) != getattr(old.item(i.key), f) for f in row)
                or {(q.key, q.value, q.unit) for q in i.quantities}
                != {(q.key, q.value, q.unit) for q in old.item(i.key).quantities}
            )
        }
        reported = {c.item for c in result.of_kind(ChangeKind.FIELD_CHANGED, ChangeKind.ITEM_RENAMED)}
        # A row that differs only where one edition records nothing is listed as not recorded instead.
        blind = {n.item for n in result.not_recorded}
        assert (set(), set()) == (reported - changed, changed - reported - blind)

    def test_raised_standards_carry_old_and_new_values(self, pair: tuple[Edition, Edition]) -> None:
        """Each quantity whose value differs between the editions is reported with both values."""
        old, new = pair
        result = diff(old, new)
        expected = {
            (i.key, q.key, o.value, q.value)
            for i in new.service_items
            if i.key in {x.key for x in old.service_items}
            for q in i.quantities
            for o in old.item(i.key).quantities
            if o.key == q.key and o.value != q.value
        }
        reported = {
            (c.item, (c.field or "").removeprefix("quantities."), c.old, c.new)
            for c in result.changes
            if c.direction in {Direction.RAISED, Direction.LOWERED}
            and (c.field or "").startswith("quantities.")
        }
        assert expected == reported
        assert expected  # the shipped pair does raise standards

    def test_items_repeating_their_2021_row_are_unchanged(self, pair: tuple[Edition, Edition]) -> None:
        """A 2023 item inherited from 2021 is never reported as changed."""
        _, new = pair
        result = diff(*pair)
        inherited = {i.key for i in new.service_items if i.provenance.inherited_from}
        touched = {c.item for c in result.of_kind(ChangeKind.FIELD_CHANGED, ChangeKind.ITEM_RENAMED)}
        assert inherited
        assert set() == inherited & touched

    def test_unverified_rows_are_the_inherited_ones(self, pair: tuple[Edition, Edition]) -> None:
        """The diff names every new item whose row repeats the old one without verification."""
        _, new = pair
        inherited = tuple(i.key for i in new.service_items if i.provenance.inherited_from == "2021")
        assert inherited == diff(*pair).unverified
        assert unstructure(diff(*pair))["unverified"] == list(inherited)

    def test_declared_totals_change_is_reported(self, pair: tuple[Edition, Edition]) -> None:
        """The declared item count rising from 80 to 81 is a raised metadata change."""
        [change] = [c for c in diff(*pair).changes if c.field == "declared.items"]
        assert (change.old, change.new, change.direction) == (80, 81, Direction.RAISED)

    def test_no_change_comes_from_an_unknown_value(self, pair: tuple[Edition, Edition]) -> None:
        """No text change holds unknown wording, and the unknown 2023 rows are listed as not recorded."""
        result = diff(*pair)
        texts = result.of_type(TextChange)
        assert [] == [c.item for c in texts if None in {c.old.zh, c.new.zh, c.old.en, c.new.en}]
        blind = {(n.item, n.field) for n in result.not_recorded}
        assert ("maternal-health", "quantities.antenatal-care-visits") in blind
        assert {("maternal-health", f) for f in ("content", "standard", "expenditure")} <= blind
        assert ("maternal-health", "quantities.antenatal-care-visits") not in {
            (c.item, c.field) for c in result
        }
        assert {(None, "doc_number"), (None, "addressed_to")} <= blind

    def test_json_validates(self, pair: tuple[Edition, Edition]) -> None:
        """The real diff validates against the shipped schema."""
        jsonschema.validate(unstructure(diff(*pair)), SCHEMA)
