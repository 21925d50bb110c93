"""Invariants: valid editions are clean, and every broken rule yields its code, path, file and line."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bpsstd import CODES, check, load_folder, unstructure
from bpsstd.model import Agency, Confidence, Edition, Quantity, Range, ServiceItem, Text, Value
from bpsstd.problems import Problem, Report, Severity, Stage

from strategies import editions, keys, numbers, replace_item, strings

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import EditionFolder

#: Small editions with room for every corruption most of the time (two aspects, a few items).
SMALL = editions(min_aspects=2, max_aspects=2, max_categories=2, max_items=2, min_items=3)


class TestValidEditions:
    """Editions that keep every rule are clean."""

    @given(editions())
    def test_generated_editions_are_clean(self, edition: Edition) -> None:
        """check() finds no problem at all, not even a warning, in a valid edition."""
        report = check(edition)
        assert () == report.problems
        assert report.ok

    def test_the_minimal_fixture_is_clean(self, minimal_dir: Path) -> None:
        """The minimal fixture edition has no problem."""
        assert () == check(load_folder(minimal_dir)).problems


# ---------------------------------------------------------------------------------------------
# Injected corruptions: each takes a valid edition and returns a broken one and the path to blame.

Corrupted = tuple[Edition, str]


def _pick_item(data: st.DataObject, edition: Edition) -> tuple[str, ServiceItem]:
    path, _, _, item = data.draw(st.sampled_from(list(edition.walk())))
    return path, item


def _fresh_key(data: st.DataObject, taken: set[str]) -> str:
    return data.draw(keys().filter(lambda k: k not in taken))


def _with_items(edition: Edition, category_key: str, items: list[ServiceItem]) -> Edition:
    return attrs.evolve(
        edition,
        aspects=[
            attrs.evolve(
                a,
                categories=[
                    attrs.evolve(c, service_items=items) if c.key == category_key else c for c in a.categories
                ],
            )
            for a in edition.aspects
        ],
    )


def _with_category(edition: Edition, a: int, c: int, **changes: Any) -> Edition:
    categories = list(edition.aspects[a].categories)
    categories[c] = attrs.evolve(categories[c], **changes)
    aspects = list(edition.aspects)
    aspects[a] = attrs.evolve(aspects[a], categories=categories)
    return attrs.evolve(edition, aspects=aspects)


def _with_aspect(edition: Edition, a: int, **changes: Any) -> Edition:
    aspects = list(edition.aspects)
    aspects[a] = attrs.evolve(aspects[a], **changes)
    return attrs.evolve(edition, aspects=aspects)


def _category_positions(edition: Edition) -> list[tuple[int, int]]:
    return [(a, c) for a, aspect in enumerate(edition.aspects) for c in range(len(aspect.categories))]


def _add_quantities(data: st.DataObject, edition: Edition, *quantities: Quantity) -> tuple[Edition, str]:
    """Append *quantities* to a random item; return the edition and the path of the last one."""
    path, item = _pick_item(data, edition)
    broken = replace_item(edition, item.key, quantities=(*item.quantities, *quantities))
    return broken, f"{path}.quantities[{len(item.quantities) + len(quantities) - 1}]"


def _quantity(
    key: str = "added", value: Value = 1, unit: str = "yuan", confidence: Confidence | None = None
) -> Quantity:
    return Quantity(key=key, what="added", value=value, unit=unit, confidence=confidence)


def _provenance(data: st.DataObject, edition: Edition, **changes: Any) -> tuple[Edition, str]:
    path, item = _pick_item(data, edition)
    provenance = attrs.evolve(item.provenance, **changes)
    return replace_item(edition, item.key, provenance=provenance), f"{path}.provenance"


def drop_item(data: st.DataObject, edition: Edition) -> Corrupted:
    """Remove one item: the declared item total no longer holds."""
    category = data.draw(st.sampled_from([c for c in edition.categories if c.service_items]))
    at = data.draw(st.integers(min_value=0, max_value=len(category.service_items) - 1))
    items = list(category.service_items)
    del items[at]
    return _with_items(edition, category.key, items), "$.declared.items"


def drop_item_before_another(data: st.DataObject, edition: Edition) -> Corrupted | None:
    """Remove an item that is not the last of its category: the numbers after it skip one."""
    candidates = [(path, c, i) for path, _, c, i in edition.walk() if i.number < len(c.service_items)]
    if not candidates:
        return None
    path, category, item = data.draw(st.sampled_from(candidates))
    return _with_items(
        edition, category.key, [i for i in category.service_items if i is not item]
    ), f"{path}.number"


def duplicate_item_key(data: st.DataObject, edition: Edition) -> Corrupted:
    """Give an item the key of an earlier item: the later one is reported."""
    walked = list(edition.walk())
    positions = st.lists(st.sampled_from(range(len(walked))), min_size=2, max_size=2, unique=True)
    first, second = sorted(data.draw(positions))
    path, _, category, item = walked[second]
    renamed = attrs.evolve(item, key=walked[first][3].key)
    return _with_items(
        edition, category.key, [renamed if i is item else i for i in category.service_items]
    ), f"{path}.key"


def unknown_lead_unit(data: st.DataObject, edition: Edition) -> Corrupted:
    """Replace a lead unit by a key that the registry does not hold."""
    path, item = _pick_item(data, edition)
    at = data.draw(st.integers(min_value=0, max_value=len(item.lead_units) - 1))
    units = list(item.lead_units)
    units[at] = _fresh_key(data, {a.key for a in edition.agencies})
    return replace_item(edition, item.key, lead_units=units), f"{path}.lead_units[{at}]"


def unknown_department(data: st.DataObject, edition: Edition) -> Corrupted:
    """Name an issuing department that the registry does not hold."""
    named = edition.departments.named
    key = _fresh_key(data, {a.key for a in edition.agencies})
    departments = attrs.evolve(edition.departments, named=(*named, key))
    return attrs.evolve(edition, departments=departments), f"$.departments.named[{len(named)}]"


def no_lead_unit(data: st.DataObject, edition: Edition) -> Corrupted:
    """Empty an item's lead units."""
    path, item = _pick_item(data, edition)
    return replace_item(edition, item.key, lead_units=()), f"{path}.lead_units"


def duplicate_lead_unit(data: st.DataObject, edition: Edition) -> Corrupted:
    """List one of an item's lead units twice."""
    path, item = _pick_item(data, edition)
    units = (*item.lead_units, data.draw(st.sampled_from(item.lead_units)))
    return replace_item(edition, item.key, lead_units=units), f"{path}.lead_units[{len(units) - 1}]"


def unused_agency(data: st.DataObject, edition: Edition) -> Corrupted:
    """Add an agency that nothing refers to (a warning)."""
    agency = Agency(
        key=_fresh_key(data, {a.key for a in edition.agencies}), name=Text(zh="部", en="Ministry")
    )
    return attrs.evolve(edition, agencies=(*edition.agencies, agency)), f"$.agencies[{len(edition.agencies)}]"


def duplicate_agency_key(data: st.DataObject, edition: Edition) -> Corrupted:
    """Register an agency twice."""
    agency = data.draw(st.sampled_from(edition.agencies))
    return attrs.evolve(
        edition, agencies=(*edition.agencies, agency)
    ), f"$.agencies[{len(edition.agencies)}].key"


def empty_chinese(data: st.DataObject, edition: Edition) -> Corrupted:
    """Blank the Chinese of an item's name, target, content or standard."""
    path, item = _pick_item(data, edition)
    field = data.draw(st.sampled_from(["name", "target", "content", "standard"]))
    blank = data.draw(st.sampled_from(["", " ", "\n", "\u3000", "\u200b", "\ufeff\u2060", "\u200d "]))
    text = attrs.evolve(getattr(item, field), zh=blank)
    return replace_item(edition, item.key, **{field: text}), f"{path}.{field}.zh"


def empty_english_name(data: st.DataObject, edition: Edition) -> Corrupted:
    """Blank the English of an aspect's name (names need both languages)."""
    at = data.draw(st.integers(min_value=0, max_value=len(edition.aspects) - 1))
    name = attrs.evolve(edition.aspects[at].name, en="")
    return _with_aspect(edition, at, name=name), f"$.aspects[{at}].name.en"


def empty_title(data: st.DataObject, edition: Edition) -> Corrupted:
    """Blank the Chinese title of the edition."""
    blank = data.draw(st.sampled_from(["", "  "]))
    return attrs.evolve(edition, title=attrs.evolve(edition.title, zh=blank)), "$.title.zh"


def unknown_name(data: st.DataObject, edition: Edition) -> Corrupted:
    """Make an item's Chinese name unknown: wording may be unknown, names may not."""
    path, item = _pick_item(data, edition)
    return replace_item(edition, item.key, name=attrs.evolve(item.name, zh=None)), f"{path}.name.zh"


def remark_in_wording(data: st.DataObject, edition: Edition) -> Corrupted:
    """Write a remark (synthetic) into the wording of an item's field, in either language."""
    path, item = _pick_item(data, edition)
    field = data.draw(st.sampled_from(["target", "content", "standard"]))
    lang, remark = data.draw(
        st.sampled_from([("zh", "（待核实）"), ("zh", "——未经原文证实"), ("en", " - not confirmed")])
    )
    text = Text(zh="合成示例", en="synthetic example")
    text = attrs.evolve(text, **{lang: getattr(text, lang) + remark})
    return replace_item(edition, item.key, **{field: text}), f"{path}.{field}.{lang}"


def quantity_not_in_text(data: st.DataObject, edition: Edition) -> Corrupted:
    """Add a quantity whose number the row does not state (the strategies never state this one)."""
    path, item = _pick_item(data, edition)
    content = Text(zh="合成示例", en="synthetic example")
    quantity = _quantity(key=_fresh_key(data, {q.key for q in item.quantities}), value=987654321)
    broken = replace_item(edition, item.key, content=content, quantities=(*item.quantities, quantity))
    return broken, f"{path}.quantities[{len(item.quantities)}].value"


def number_mismatch(data: st.DataObject, edition: Edition) -> Corrupted:
    """Make an item's Chinese and English wording state different numbers (a warning)."""
    path, item = _pick_item(data, edition)
    text = Text(zh="每人每月987654321元", en="987654322 yuan a month")
    return replace_item(edition, item.key, content=text), f"{path}.content"


def renumber_item(data: st.DataObject, edition: Edition) -> Corrupted:
    """Give an item a number other than its position."""
    path, item = _pick_item(data, edition)
    number = data.draw(st.integers(min_value=1, max_value=50).filter(lambda n: n != item.number))
    return replace_item(edition, item.key, number=number), f"{path}.number"


def renumber_category(data: st.DataObject, edition: Edition) -> Corrupted | None:
    """Give a category a number other than its position across the edition."""
    positions = _category_positions(edition)
    if not positions:
        return None
    a, c = data.draw(st.sampled_from(positions))
    current = edition.aspects[a].categories[c].number
    number = data.draw(st.integers(min_value=1, max_value=50).filter(lambda n: n != current))
    return _with_category(edition, a, c, number=number), f"$.aspects[{a}].categories[{c}].number"


def renumber_aspect(data: st.DataObject, edition: Edition) -> Corrupted:
    """Give an aspect a number other than its position."""
    at = data.draw(st.integers(min_value=0, max_value=len(edition.aspects) - 1))
    number = data.draw(st.integers(min_value=1, max_value=50).filter(lambda n: n != at + 1))
    return _with_aspect(edition, at, number=number), f"$.aspects[{at}].number"


def duplicate_aspect_key(data: st.DataObject, edition: Edition) -> Corrupted:
    """Give an aspect the key of an earlier one."""
    second = data.draw(st.integers(min_value=1, max_value=len(edition.aspects) - 1))
    first = data.draw(st.integers(min_value=0, max_value=second - 1))
    return _with_aspect(edition, second, key=edition.aspects[first].key), f"$.aspects[{second}].key"


def duplicate_category_key(data: st.DataObject, edition: Edition) -> Corrupted | None:
    """Give a category the key of an earlier one, possibly in another aspect."""
    positions = _category_positions(edition)
    if len(positions) < 2:
        return None
    first, (a, c) = sorted(
        data.draw(st.lists(st.sampled_from(positions), min_size=2, max_size=2, unique=True))
    )
    key = edition.aspects[first[0]].categories[first[1]].key
    return _with_category(edition, a, c, key=key), f"$.aspects[{a}].categories[{c}].key"


def wrong_total(data: st.DataObject, edition: Edition) -> Corrupted:
    """Declare a total other than the count."""
    kind = data.draw(st.sampled_from(["aspects", "categories", "items"]))
    actual = getattr(edition.totals, kind)
    declared = data.draw(st.integers(min_value=0, max_value=1000).filter(lambda n: n != actual))
    return attrs.evolve(
        edition, declared=attrs.evolve(edition.declared, **{kind: declared})
    ), f"$.declared.{kind}"


def not_finite(data: st.DataObject, edition: Edition) -> Corrupted:
    """Add a quantity holding NaN or an infinity, alone, in a range or in a list."""
    bad = data.draw(st.sampled_from([math.nan, math.inf, -math.inf]))
    values: list[Value] = [bad, Range(min=bad, max=bad), (1, bad)]
    value = data.draw(st.sampled_from(values))
    broken, path = _add_quantities(data, edition, _quantity(key=_fresh_key(data, set()), value=value))
    return broken, f"{path}.value"


def too_large(data: st.DataObject, edition: Edition) -> Corrupted:
    """Add a quantity holding an integer past a float's range (case 4 of issue 13: once an OverflowError)."""
    huge = data.draw(st.integers(min_value=2**1024, max_value=10**400))
    values: list[Value] = [huge, -huge, Range(min=1, max=huge), (1, huge)]
    value = data.draw(st.sampled_from(values))
    broken, path = _add_quantities(data, edition, _quantity(key=_fresh_key(data, set()), value=value))
    return broken, f"{path}.value"


def duplicate_item_name(data: st.DataObject, edition: Edition) -> Corrupted | None:
    """Give an item the Chinese name of an earlier one (perhaps plus U+200B): the later one is reported."""
    walked = [w for w in edition.walk() if w[3].name.zh]
    if len(walked) < 2:
        return None
    positions = st.lists(st.sampled_from(range(len(walked))), min_size=2, max_size=2, unique=True)
    first, second = sorted(data.draw(positions))
    path, _, _, item = walked[second]
    zh = (walked[first][3].name.zh or "") + data.draw(st.sampled_from(["", "\u200b"]))
    return replace_item(edition, item.key, name=attrs.evolve(item.name, zh=zh)), f"{path}.name.zh"


def no_unit(data: st.DataObject, edition: Edition) -> Corrupted:
    """Add a quantity whose unit is blank."""
    unit = data.draw(st.sampled_from(["", " ", "\t"]))
    broken, path = _add_quantities(data, edition, _quantity(key=_fresh_key(data, set()), unit=unit))
    return broken, f"{path}.unit"


def reversed_range(data: st.DataObject, edition: Edition) -> Corrupted:
    """Add a quantity whose range has its minimum above its maximum."""
    low, high = sorted(data.draw(st.lists(numbers(), min_size=2, max_size=2, unique=True)))
    broken, path = _add_quantities(
        data, edition, _quantity(key=_fresh_key(data, set()), value=Range(min=high, max=low))
    )
    return broken, f"{path}.value"


def duplicate_quantity_key(data: st.DataObject, edition: Edition) -> Corrupted:
    """Add two quantities with one key to an item."""
    key = _fresh_key(data, set())
    broken, path = _add_quantities(data, edition, _quantity(key=key), _quantity(key=key, value=2))
    return broken, f"{path}.key"


def unknown_quantity_confidence(data: st.DataObject, edition: Edition) -> Corrupted:
    """Add a quantity rated 'unknown', though it has a value."""
    quantity = _quantity(key=_fresh_key(data, set()), confidence=Confidence.UNKNOWN)
    broken, path = _add_quantities(data, edition, quantity)
    return broken, f"{path}.confidence"


def unknown_item_confidence(data: st.DataObject, edition: Edition) -> Corrupted:
    """Rate an item's name or row 'unknown'."""
    field = data.draw(st.sampled_from(["name", "fields"]))
    broken, path = _provenance(data, edition, **{field: Confidence.UNKNOWN})
    return broken, f"{path}.{field}"


def overclaimed(data: st.DataObject, edition: Edition) -> Corrupted:
    """Mark an item reconstructed while rating its name or row above low (with a source)."""
    field = data.draw(st.sampled_from(["name", "fields"]))
    level = data.draw(st.sampled_from([Confidence.HIGH, Confidence.MEDIUM]))
    notes = "reconstructed: " + data.draw(strings(blank=True))
    broken, path = _provenance(data, edition, notes=notes, sources=("s",), **{field: level})
    return broken, f"{path}.{field}"


def unsourced(data: st.DataObject, edition: Edition) -> Corrupted:
    """Rate an item's name or row medium or high and drop its sources."""
    field = data.draw(st.sampled_from(["name", "fields"]))
    level = data.draw(st.sampled_from([Confidence.HIGH, Confidence.MEDIUM]))
    broken, path = _provenance(data, edition, sources=(), notes="", **{field: level})
    return broken, f"{path}.sources"


def self_inheritance(data: st.DataObject, edition: Edition) -> Corrupted:
    """Say an item's row is inherited from its own edition."""
    broken, path = _provenance(data, edition, inherited_from=edition.id)
    return broken, f"{path}.inherited_from"


def unexplained_null(data: st.DataObject, edition: Edition) -> Corrupted:
    """Null a nullable fact and drop the note that would explain it."""
    fact = data.draw(st.sampled_from(["doc_number", "published", "issued"]))
    prov = edition.provenance
    provenance = attrs.evolve(prov, notes=[n for n in prov.notes if n.fact != fact])
    null: dict[str, Any] = {fact: None}
    return attrs.evolve(edition, provenance=provenance, **null), f"$.{fact}"


def unrated_fact(data: st.DataObject, edition: Edition) -> Corrupted:
    """Drop the rating of a fact that always has a value."""
    fact = data.draw(st.sampled_from(["title", "declared"]))
    prov = edition.provenance
    provenance = attrs.evolve(prov, confidence=[r for r in prov.confidence if r.fact != fact])
    return attrs.evolve(edition, provenance=provenance), "$.provenance.confidence"


def unknown_fact_confidence(data: st.DataObject, edition: Edition) -> Corrupted:
    """Rate a fact that has a value as 'unknown'."""
    fact = data.draw(st.sampled_from(["title", "declared"]))
    prov = edition.provenance
    ratings = [attrs.evolve(r, level=Confidence.UNKNOWN) if r.fact == fact else r for r in prov.confidence]
    return attrs.evolve(
        edition, provenance=attrs.evolve(prov, confidence=ratings)
    ), f"$.provenance.confidence.{fact}"


#: Each corruption with the code it must yield.
#: The codes that check() can report, as the library declares them.
CHECK_CODES = {c.code for c in CODES.values() if c.stage is Stage.CHECK}

CORRUPTIONS: dict[str, tuple[str, Callable[[st.DataObject, Edition], Corrupted | None]]] = {
    f.__name__: (code, f)
    for code, f in (
        ("total-mismatch", drop_item),
        ("item-numbering", drop_item_before_another),
        ("duplicate-key", duplicate_item_key),
        ("unknown-agency", unknown_lead_unit),
        ("unknown-agency", unknown_department),
        ("no-lead-unit", no_lead_unit),
        ("duplicate-lead-unit", duplicate_lead_unit),
        ("unused-agency", unused_agency),
        ("duplicate-key", duplicate_agency_key),
        ("empty-text", empty_chinese),
        ("empty-text", empty_english_name),
        ("empty-text", empty_title),
        ("item-numbering", renumber_item),
        ("category-numbering", renumber_category),
        ("aspect-numbering", renumber_aspect),
        ("duplicate-key", duplicate_aspect_key),
        ("duplicate-key", duplicate_category_key),
        ("total-mismatch", wrong_total),
        ("quantity-not-finite", not_finite),
        ("quantity-no-unit", no_unit),
        ("quantity-too-large", too_large),
        ("duplicate-name", duplicate_item_name),
        ("quantity-bad-range", reversed_range),
        ("duplicate-key", duplicate_quantity_key),
        ("invalid-confidence", unknown_quantity_confidence),
        ("invalid-confidence", unknown_item_confidence),
        ("invalid-confidence", unknown_fact_confidence),
        ("overclaimed-confidence", overclaimed),
        ("unsourced-confidence", unsourced),
        ("self-inheritance", self_inheritance),
        ("unexplained-null", unexplained_null),
        ("unrated-fact", unrated_fact),
        ("empty-text", unknown_name),
        ("remark-in-wording", remark_in_wording),
        ("quantity-not-in-text", quantity_not_in_text),
        ("number-mismatch", number_mismatch),
    )
}

#: The codes reported as warnings; every other code is an error.
WARNINGS = {"unused-agency", "number-mismatch"}


class TestInjectedCorruptions:
    """Breaking one rule of a valid edition yields that rule's code at the broken place."""

    def test_every_code_is_injected(self) -> None:
        """The corruptions cover every code that check() can report."""
        assert CHECK_CODES == {code for code, _ in CORRUPTIONS.values()}

    @given(edition=SMALL, data=st.data())
    def test_each_corruption_yields_its_code(self, edition: Edition, data: st.DataObject) -> None:
        """Every corruption of one valid edition yields its code at its path, with the right severity."""
        # All corruptions are applied, one at a time, to each generated edition: generating editions is
        # what costs, checking is cheap. A corruption that does not fit the edition (it needs two
        # categories, say) returns None and is skipped for that edition.
        failures = []
        for name, (code, corrupt) in CORRUPTIONS.items():
            corrupted = corrupt(data, edition)
            if corrupted is None:
                continue
            broken, path = corrupted
            report = check(broken)
            warning = code in WARNINGS
            severity = Severity.WARNING if warning else Severity.ERROR
            found = {(p.code, p.path, p.severity) for p in report.problems}
            if (code, path, severity) not in found or report.ok is not warning:
                failures.append((name, (code, path), sorted((c, p) for c, p, _ in found)))
            assert all(p.file is None and p.line is None for p in report.problems)
        assert [] == failures


# ---------------------------------------------------------------------------------------------
# Fixtures: one edit of the minimal folder per code, located in the user's own files.

Expected = tuple[str, str, str, int]
_ED, _AG, _A1, _A2 = "edition.yaml", "agencies.yaml", "01-childcare.yaml", "02-education.yaml"
_MATERNAL = "$.aspects[0].categories[0].items[1]"
_AID = "$.aspects[1].categories[0].items[0]"
_NUTRITION = "$.aspects[1].categories[1].items[0]"
_BUS = "$.aspects[1].categories[1].items[1]"


def _total_mismatch(f: EditionFolder) -> list[Expected]:
    f.edit(_ED, "  items: 5", "  items: 6")
    return [("total-mismatch", "$.declared.items", _ED, f.line_of(_ED, "  items: 6"))]


def _aspect_numbering(f: EditionFolder) -> list[Expected]:
    f.edit(_A2, "\nnumber: 2\n", "\nnumber: 3\n")
    return [("aspect-numbering", "$.aspects[1].number", _A2, f.line_of(_A2, "\nnumber: 3") + 1)]


def _category_numbering(f: EditionFolder) -> list[Expected]:
    f.edit(_A2, "  number: 2\n", "  number: 4\n", after="- key: preschool")
    return [("category-numbering", "$.aspects[1].categories[0].number", _A2, f.line_of(_A2, "  number: 4"))]


def _item_numbering(f: EditionFolder) -> list[Expected]:
    f.edit(_A1, "    number: 2\n", "    number: 3\n", after="key: maternal-health")
    return [("item-numbering", f"{_MATERNAL}.number", _A1, f.line_of(_A1, "    number: 3"))]


def _duplicate_key(f: EditionFolder) -> list[Expected]:
    f.edit(_A2, "key: school-bus", "key: rural-student-nutrition")
    line = f.line_of(_A2, "key: rural-student-nutrition", after="key: allowance")
    return [("duplicate-key", f"{_BUS}.key", _A2, line)]


def _empty_text(f: EditionFolder) -> list[Expected]:
    f.edit(_A2, "zh: 减免保育教育费", "zh: ''")
    return [("empty-text", f"{_AID}.content.zh", _A2, f.line_of(_A2, "zh: ''"))]


def _invisible_name(f: EditionFolder) -> list[Expected]:
    # Case 12 of issue 13: a name of zero-width characters only looks like no name at all.
    f.edit(_A2, "zh: 学前教育幼儿资助", 'zh: "\\u200b\\u200d\\ufeff\\u2060"')
    return [("empty-text", f"{_AID}.name.zh", _A2, f.line_of(_A2, 'zh: "\\u200b'))]


def _duplicate_name(f: EditionFolder) -> list[Expected]:
    # Case 12 of issue 13: two items named alike (here the second one with a trailing zero-width space).
    f.edit(_A2, "zh: 学前教育幼儿资助", 'zh: "孕产妇健康服务\\u200b"')
    return [("duplicate-name", f"{_AID}.name.zh", _A2, f.line_of(_A2, 'zh: "孕产妇健康服务'))]


def _quantity_too_large(f: EditionFolder) -> list[Expected]:
    # Case 4 of issue 13: 400 digits, past a float's range, once an OverflowError in check and diff.
    f.edit(_A1, "value: 1\n", "value: " + "9" * 400 + "\n")
    return [
        (
            "quantity-too-large",
            "$.aspects[0].categories[0].items[0].quantities[0].value",
            _A1,
            f.line_of(_A1, "value: 999"),
        )
    ]


def _empty_english_name(f: EditionFolder) -> list[Expected]:
    f.edit(_AG, "en: Ministry of Finance", "en: ' '")
    return [("empty-text", "$.agencies[3].name.en", _AG, f.line_of(_AG, "en: ' '"))]


def _unknown_name(f: EditionFolder) -> list[Expected]:
    f.edit(_A2, "zh: 学前教育幼儿资助", "zh: null")
    return [("empty-text", f"{_AID}.name.zh", _A2, f.line_of(_A2, "zh: null"))]


def _remark_in_wording(f: EditionFolder) -> list[Expected]:
    """Synthetic: the v1 fact sheet's way of writing a remark into the wording."""
    f.edit(_A2, "zh: 提供校车", "zh: 提供校车——未经原文证实")
    line = f.line_of(_A2, "zh: 提供校车——未经原文证实")
    return [("remark-in-wording", f"{_BUS}.content.zh", _A2, line)]


def _quantity_not_in_text(f: EditionFolder) -> list[Expected]:
    """The text-only lowering: the Chinese standard says 3 yuan, the quantity and English still 4."""
    f.edit(_A2, "zh: 每生每天4元", "zh: 每生每天3元")
    return [
        (
            "number-mismatch",
            f"{_NUTRITION}.standard",
            _A2,
            f.line_of(_A2, "standard:", after="key: rural-student-nutrition"),
        ),
        ("quantity-not-in-text", f"{_NUTRITION}.quantities[0].value", _A2, f.line_of(_A2, "value: 4")),
    ]


def _number_mismatch(f: EditionFolder) -> list[Expected]:
    """Normalised notation does not count (一/1, 8:2/80:20); a different number does."""
    f.edit(_A2, "zh: 减免保育教育费", "zh: 减免保育教育费，按8:2分担，一次性发放")
    f.edit(_A2, "en: Fee waivers", "en: Fee waivers, split 80:20, paid once, 3 times a year")
    return [
        ("number-mismatch", f"{_AID}.content", _A2, f.line_of(_A2, "content:", after="key: preschool-aid"))
    ]


def _no_lead_unit(f: EditionFolder) -> list[Expected]:
    f.edit(_A2, "    lead_units:\n    - moe\n    - mof\n", "    lead_units: []\n")
    return [("no-lead-unit", f"{_AID}.lead_units", _A2, f.line_of(_A2, "lead_units: []"))]


def _duplicate_lead_unit(f: EditionFolder) -> list[Expected]:
    f.edit(_A2, "    - mof\n", "    - moe\n", after="key: preschool-aid")
    return [
        (
            "duplicate-lead-unit",
            f"{_AID}.lead_units[1]",
            _A2,
            f.line_of(_A2, "- moe", after="key: preschool-aid") + 1,
        )
    ]


def _unknown_agency(f: EditionFolder) -> list[Expected]:
    f.edit(_A2, "    - mof\n", "    - nobody\n", after="key: preschool-aid")
    return [("unknown-agency", f"{_AID}.lead_units[1]", _A2, f.line_of(_A2, "- nobody"))]


def _unknown_department(f: EditionFolder) -> list[Expected]:
    f.edit(_ED, "  - ndrc", "  - nobody")
    return [
        ("unknown-agency", "$.departments.named[0]", _ED, f.line_of(_ED, "- nobody")),
        ("unused-agency", "$.agencies[0]", _AG, f.line_of(_AG, "- key: ndrc")),
    ]


def _unused_agency(f: EditionFolder) -> list[Expected]:
    extra = "- key: mem\n  name:\n    zh: 应急管理部\n    en: Ministry of Emergency Management\n"
    (f.path / _AG).write_text(f.text(_AG) + extra, encoding="utf-8")
    return [("unused-agency", "$.agencies[4]", _AG, f.line_of(_AG, "- key: mem"))]


def _quantity_not_finite(f: EditionFolder) -> list[Expected]:
    f.edit(_A1, "value: 1\n", "value: .nan\n")
    return [
        (
            "quantity-not-finite",
            "$.aspects[0].categories[0].items[0].quantities[0].value",
            _A1,
            f.line_of(_A1, ".nan"),
        )
    ]


def _quantity_infinite_range(f: EditionFolder) -> list[Expected]:
    f.edit(_A2, "max: 15", "max: .inf")
    return [
        (
            "quantity-not-finite",
            f"{_NUTRITION}.quantities[1].value",
            _A2,
            f.line_of(_A2, "value:", after="key: ages"),
        )
    ]


def _quantity_no_unit(f: EditionFolder) -> list[Expected]:
    f.edit(_A2, "unit: litres", "unit: ' '")
    return [("quantity-no-unit", f"{_NUTRITION}.quantities[2].unit", _A2, f.line_of(_A2, "unit: ' '"))]


def _quantity_bad_range(f: EditionFolder) -> list[Expected]:
    f.edit(_A2, "min: 6\n", "min: 16\n")
    # The wording states the range too, in both languages: only the range itself is wrong.
    f.edit(_A2, "（6至15岁）", "（16至15岁）")
    f.edit(_A2, "aged 6 to 15", "aged 16 to 15")
    return [
        (
            "quantity-bad-range",
            f"{_NUTRITION}.quantities[1].value",
            _A2,
            f.line_of(_A2, "value:", after="key: ages"),
        )
    ]


def _invalid_confidence(f: EditionFolder) -> list[Expected]:
    f.edit(_A2, "confidence: low", "confidence: unknown")
    return [
        (
            "invalid-confidence",
            f"{_NUTRITION}.quantities[2].confidence",
            _A2,
            f.line_of(_A2, "confidence: unknown"),
        )
    ]


def _invalid_item_confidence(f: EditionFolder) -> list[Expected]:
    f.edit(_A2, "name: medium", "name: unknown")
    return [("invalid-confidence", f"{_AID}.provenance.name", _A2, f.line_of(_A2, "name: unknown"))]


def _invalid_fact_confidence(f: EditionFolder) -> list[Expected]:
    f.edit(_ED, "doc_number: medium", "doc_number: unknown")
    return [
        (
            "invalid-confidence",
            "$.provenance.confidence.doc_number",
            _ED,
            f.line_of(_ED, "doc_number: unknown"),
        )
    ]


def _unsourced_confidence(f: EditionFolder) -> list[Expected]:
    f.edit(
        _A2, "      sources:\n      - text: https://example.org/c\n        editions:\n        - mini\n", ""
    )
    return [
        (
            "unsourced-confidence",
            f"{_AID}.provenance.sources",
            _A2,
            f.line_of(_A2, "provenance:", after="key: preschool-aid"),
        )
    ]


def _overclaimed_confidence(f: EditionFolder) -> list[Expected]:
    f.edit(
        _A2,
        "      fields: low\n      notes: 'reconstructed",
        "      fields: medium\n      sources:\n      - text: https://example.org/f\n"
        "      notes: 'reconstructed",
    )
    return [
        (
            "overclaimed-confidence",
            f"{_BUS}.provenance.fields",
            _A2,
            f.line_of(_A2, "fields: medium", after="key: school-bus"),
        )
    ]


def _self_inheritance(f: EditionFolder) -> list[Expected]:
    f.edit(_A1, "inherited_from: '2098'", "inherited_from: mini")
    return [
        (
            "self-inheritance",
            f"{_MATERNAL}.provenance.inherited_from",
            _A1,
            f.line_of(_A1, "inherited_from: mini"),
        )
    ]


def _unexplained_null(f: EditionFolder) -> list[Expected]:
    f.edit(_ED, "    issued: 未见印发日期\n", "")
    return [("unexplained-null", "$.issued", _ED, f.line_of(_ED, "issued: null"))]


def _unrated_fact(f: EditionFolder) -> list[Expected]:
    f.edit(_ED, "    published: high\n", "")
    return [("unrated-fact", "$.provenance.confidence", _ED, f.line_of(_ED, "  confidence:"))]


#: One fixture per check code (some codes have a second one for another kind of record).
CHECK_CASES: dict[str, Callable[[EditionFolder], list[Expected]]] = {
    "total-mismatch": _total_mismatch,
    "aspect-numbering": _aspect_numbering,
    "category-numbering": _category_numbering,
    "item-numbering": _item_numbering,
    "duplicate-key": _duplicate_key,
    "empty-text": _empty_text,
    "empty-text/english-name": _empty_english_name,
    "empty-text/unknown-name": _unknown_name,
    "empty-text/invisible": _invisible_name,
    "duplicate-name": _duplicate_name,
    "quantity-too-large": _quantity_too_large,
    "remark-in-wording": _remark_in_wording,
    "quantity-not-in-text": _quantity_not_in_text,
    "number-mismatch": _number_mismatch,
    "no-lead-unit": _no_lead_unit,
    "duplicate-lead-unit": _duplicate_lead_unit,
    "unknown-agency": _unknown_agency,
    "unknown-agency/department": _unknown_department,
    "unused-agency": _unused_agency,
    "quantity-not-finite": _quantity_not_finite,
    "quantity-not-finite/range": _quantity_infinite_range,
    "quantity-no-unit": _quantity_no_unit,
    "quantity-bad-range": _quantity_bad_range,
    "invalid-confidence": _invalid_confidence,
    "invalid-confidence/item": _invalid_item_confidence,
    "invalid-confidence/fact": _invalid_fact_confidence,
    "unsourced-confidence": _unsourced_confidence,
    "overclaimed-confidence": _overclaimed_confidence,
    "self-inheritance": _self_inheritance,
    "unexplained-null": _unexplained_null,
    "unrated-fact": _unrated_fact,
}


class TestFixtures:
    """Each fixture edition yields exactly its problems, located in the files the user wrote."""

    def test_every_code_has_a_fixture(self) -> None:
        """There is a fixture for every code that check() can report."""
        assert CHECK_CODES == {name.split("/")[0] for name in CHECK_CASES}

    @pytest.mark.parametrize("case", CHECK_CASES.values(), ids=CHECK_CASES.keys())
    def test_fixture(
        self, minimal_copy: EditionFolder, case: Callable[[EditionFolder], list[Expected]]
    ) -> None:
        """check() reports exactly the expected codes, paths, files and lines, and changes no file."""
        expected = [
            (code, path, minimal_copy.file(name), line) for code, path, name, line in case(minimal_copy)
        ]
        before = minimal_copy.snapshot()
        report = check(load_folder(minimal_copy.path))
        assert expected == [(p.code, p.path, p.file, p.line) for p in report.problems]
        assert report.ok is all(p.severity is Severity.WARNING for p in report.problems)
        assert before == minimal_copy.snapshot()

    @pytest.mark.parametrize(
        ("case", "says"),
        [
            (_total_mismatch, "6 items declared, 5 found"),
            (_duplicate_key, "item key 'rural-student-nutrition' is used again (first at $.aspects[1]"),
            (_unknown_agency, "lead unit 'nobody' of item 'preschool-aid' is not in the agency registry"),
            (
                _item_numbering,
                "numbered 3 where 2 was expected (numbers in document order: 1, 3; expected 1..2)",
            ),
            (_quantity_bad_range, "range 16-15 has its minimum above its maximum"),
            (_unused_agency, "agency 'mem' is in the registry but nothing refers to it"),
            (_remark_in_wording, "the wording holds the remark '未经原文证实'; move it to the field's note"),
            (_number_mismatch, "the Chinese and English state different numbers (en only: 3)"),
        ],
    )
    def test_messages_say_what_and_where(
        self, minimal_copy: EditionFolder, case: Callable[[EditionFolder], list[Expected]], says: str
    ) -> None:
        """A message says what was found and what was expected."""
        case(minimal_copy)
        [problem] = check(load_folder(minimal_copy.path)).problems
        assert says in problem.message

    def test_all_problems_are_collected(self, minimal_copy: EditionFolder) -> None:
        """Several broken rules in several files are all reported, each once, in a stable order."""
        cases = (_total_mismatch, _item_numbering, _unknown_agency, _quantity_bad_range)
        expected = [e for case in cases for e in case(minimal_copy)]
        edition = load_folder(minimal_copy.path)
        found = [(p.code, p.path, p.file, p.line) for p in check(edition).problems]
        assert sorted((c, p, minimal_copy.file(n), line) for c, p, n, line in expected) == sorted(found)
        assert found == [(p.code, p.path, p.file, p.line) for p in check(edition).problems]


class TestReport:
    """Problems and reports as data."""

    def test_problem_text(self) -> None:
        """A problem renders as file:line: severity [code] message @ path, with what location it has."""
        problem = Problem(code="x-y", severity=Severity.ERROR, message="m", path="$.a", file="f.yaml", line=3)
        assert "f.yaml:3: error [x-y] m @ $.a" == str(problem)
        assert "f.yaml: error [x-y] m @ $.a" == str(attrs.evolve(problem, line=None))
        assert "warning [x-y] m @ $" == str(Problem(code="x-y", severity=Severity.WARNING, message="m"))

    def test_report_json(self) -> None:
        """A report's JSON form lists its problems with every field; ok ignores warnings."""
        warning = Problem(code="w", severity=Severity.WARNING, message="m", path="$.a", file="f", line=1)
        report = Report(problems=[warning])
        expected = {
            "ok": True,
            "problems": [
                {"code": "w", "severity": "warning", "message": "m", "path": "$.a", "file": "f", "line": 1}
            ],
        }
        assert expected == unstructure(report)
        assert ("w",) == report.codes

    def test_an_error_makes_a_report_not_ok(self) -> None:
        """One error among warnings makes the report not ok."""
        problems = [
            Problem(code=c, severity=s, message="m")
            for c, s in (("w", Severity.WARNING), ("e", Severity.ERROR))
        ]
        assert not Report(problems=problems).ok
