"""Regional standards: folders, the conformance checks (one test per code) and their laws."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bpsstd import LoadError, Severity, load
from bpsstd.conformance import CODES, Status, conform
from bpsstd.floor import Better, Comparator
from bpsstd.model import Quantity, Range
from bpsstd.regional import (
    LocalItem,
    NotApplicable,
    Region,
    RegionalStandard,
    copy_of,
    dump_regional_folder,
    load_regional,
    load_regional_folder,
    regional_standards,
)

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "regional" / "shanghai-2024.json"
NATIONAL = load("2023")
COUNTY = Region(zh="测试县（合成）", en="Test County (synthetic)", level=attrs.fields(Region).level.type.COUNTY)  # type: ignore[union-attr]


def _better(quantity: Quantity) -> Better | None:
    return None if isinstance(quantity.value, Range) else Better.HIGHER


def copy() -> RegionalStandard:
    """A synthetic copy of 2023 whose scalar quantities are read as higher-is-better."""
    return copy_of(NATIONAL, id="test-county", title="测试（合成）", region=COUNTY, better=_better)


def edit(standard: RegionalStandard, key: str, **changes: object) -> RegionalStandard:
    """Return *standard* with the row *key* changed."""

    def row(item: LocalItem) -> LocalItem:
        return attrs.evolve(item, **changes) if item.key == key else item

    aspects = tuple(attrs.evolve(a, items=tuple(row(i) for i in a.items)) for a in standard.aspects)
    return attrs.evolve(standard, aspects=aspects)


def drop(standard: RegionalStandard, key: str) -> RegionalStandard:
    """Return *standard* without the row *key*."""
    aspects = tuple(attrs.evolve(a, items=tuple(i for i in a.items if i.key != key)) for a in standard.aspects)
    return attrs.evolve(standard, aspects=aspects)


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


BETTER_KNOWN = [
    (item.key, q.key) for item in NATIONAL.items for q in item.quantities if not isinstance(q.value, Range)
]


class TestFolders:
    """Regional folders load, round-trip and ship."""

    def test_shipped(self) -> None:
        """Both shipped standards are listed and load by id."""
        assert ("shanghai-2024", "synthetic-county-2023") == regional_standards()
        assert load_regional("synthetic-county-2023").synthetic
        assert not load_regional("shanghai-2024").synthetic

    def test_round_trip(self, tmp_path: Path) -> None:
        """Dumping a standard and loading it back gives the same standard."""
        standard = copy()
        assert standard == load_regional_folder(dump_regional_folder(standard, tmp_path / "c"))

    def test_bad_file_is_located(self, tmp_path: Path) -> None:
        """A wrong type in an item file is a located problem, not a traceback."""
        folder = dump_regional_folder(copy(), tmp_path / "c")
        path = folder / "01-childcare.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("implements:\n  - maternal-health", "implements: 5", 1), encoding="utf-8")
        with pytest.raises(LoadError) as info:
            load_regional_folder(folder)
        [problem] = info.value.problems
        assert ("wrong-type", "$.aspects[0].items[2].implements", str(path)) == (
            problem.code,
            problem.path,
            problem.file,
        )

    @pytest.mark.skipif(not REFERENCE.is_file(), reason="../shared is absent")
    def test_shanghai_is_rebuilt_exactly(self, tmp_path: Path) -> None:
        """The shipped Shanghai folder is exactly what the tool builds from the reference."""
        _tool("build_shanghai").main([str(REFERENCE), str(tmp_path / "sh")])
        shipped = ROOT / "regional" / "shanghai-2024"
        for built in sorted((tmp_path / "sh").iterdir()):
            assert (shipped / built.name).read_text(encoding="utf-8") == built.read_text(encoding="utf-8")

    def test_county_is_rebuilt_exactly(self, tmp_path: Path) -> None:
        """The shipped synthetic county is exactly what its tool builds from the 2023 edition."""
        _tool("build_synthetic_county").main([str(tmp_path / "c")])
        shipped = ROOT / "regional" / "synthetic-county-2023"
        assert sorted(p.name for p in shipped.iterdir()) == sorted(p.name for p in (tmp_path / "c").iterdir())
        for built in (tmp_path / "c").iterdir():
            assert (shipped / built.name).read_text(encoding="utf-8") == built.read_text(encoding="utf-8")


class TestCodes:
    """One case per declared code, asserting its exact code, path and message."""

    def only(self, standard: RegionalStandard, code: str) -> tuple[str, str]:
        found = [p for p in conform(standard, NATIONAL).report.problems if p.code == code]
        assert 1 == len(found)
        assert CODES[code][0] is found[0].severity
        return found[0].path, found[0].message

    def test_copy_is_clean(self) -> None:
        """A copy of the national edition has no problem at all, and every item is met."""
        result = conform(copy(), NATIONAL)
        assert () == result.report.problems
        assert {Status.MET} == {r.status for r in result.rows}

    def test_missing_item(self) -> None:
        """A national item with no local row is an error naming it."""
        assert ("$.aspects", "national item 孕产妇健康服务 (maternal-health) is implemented by no local item") == self.only(
            drop(copy(), "maternal-health"), "regional-missing-item"
        )

    def test_not_applicable_and_not_recorded_are_not_missing(self) -> None:
        """A not-applicable declaration or an aspect declared not recorded is no coverage error."""
        from bpsstd.regional import NotRecorded

        standard = attrs.evolve(
            drop(drop(copy(), "maternal-health"), "radio-listening"),
            not_applicable=(NotApplicable(item="maternal-health", reason="测试"),),
            not_recorded=(NotRecorded(aspect="culture-sports", reason="测试"),),
        )
        result = conform(standard, NATIONAL)
        assert result.ok
        statuses = {r.item: r.status for r in result.rows}
        assert (Status.NOT_APPLICABLE, Status.NOT_RECORDED) == (statuses["maternal-health"], statuses["radio-listening"])

    def test_unknown_item(self) -> None:
        """Implementing a key the national edition lacks is an error."""
        standard = edit(copy(), "radio-listening", implements=("radio-listening", "no-such-item"))
        assert (
            "$.aspects[8].items[2].implements[1]",
            "收听广播 implements 'no-such-item', which edition 2023 does not have",
        ) == self.only(standard, "regional-unknown-item")

    def test_below_floor(self) -> None:
        """A lowered quantity is an error naming both values."""
        row = NATIONAL.item("maternal-health")
        lowered = (attrs.evolve(copy().aspects[0].items[2].quantities[0], value=4), *copy().aspects[0].items[2].quantities[1:])
        del row
        assert (
            "$.aspects[0].items[2].quantities[0]",
            "below the national floor: 孕产妇健康服务 antenatal care visits: local 4 visits, national 5 visits",
        ) == self.only(edit(copy(), "maternal-health", quantities=lowered), "regional-below-floor")

    def test_floor_unconfirmed(self) -> None:
        """A quantity stated incomparably (a different range) cannot confirm the floor: a warning."""
        q = copy().aspects[2].items[4].quantities
        changed = (attrs.evolve(q[0], value=Range(min=16, max=29), better=Better.HIGHER), *q[1:])
        standard = edit(copy(), "employment-internship", quantities=changed)
        path, message = self.only(standard, "regional-floor-unconfirmed")
        assert "$.aspects[2].items[4].quantities[0]" == path
        assert message.startswith("cannot confirm the floor: 就业见习服务")

    def test_above_national(self) -> None:
        """A raised quantity is listed for the fiscal-affordability review."""
        q = copy().aspects[0].items[2].quantities
        raised = (attrs.evolve(q[0], value=9, comparator=Comparator.AT_LEAST), *q[1:])
        assert (
            "$.aspects[0].items[2].quantities[0]",
            "needs fiscal-affordability review: 孕产妇健康服务 antenatal care visits: local 不少于9 visits, national 5 visits",
        ) == self.only(edit(copy(), "maternal-health", quantities=raised), "regional-above-national")

    def test_local_only(self) -> None:
        """A row implementing nothing is 地方新增, listed for the review."""
        standard = edit(copy(), "radio-listening", implements=())
        standard = attrs.evolve(standard, not_applicable=(NotApplicable(item="radio-listening", reason="测试"),))
        assert ("$.aspects[8].items[2]", "needs fiscal-affordability review: 收听广播 (地方新增)") == self.only(
            standard, "regional-local-only"
        )

    def test_incomplete_row(self) -> None:
        """A row the source cut off is a warning."""
        standard = edit(copy(), "radio-listening", complete=False)
        assert ("$.aspects[8].items[2]", "收听广播: the source cut this row off") == self.only(
            standard, "regional-incomplete-row"
        )

    def test_wording_dropped(self) -> None:
        """Content dropping verified national words is a warning listing the spans dropped."""
        standard = edit(copy(), "radio-listening", content="提供广播节目")
        assert (
            "$.aspects[8].items[2].content",
            "收听广播 content drops national wording of 收听广播: 「，并提供突发事件应急广播服务」",
        ) == self.only(standard, "regional-wording-dropped")

    @pytest.mark.parametrize("funding", ["区财政负担", "市与区财政分别负担(按照事项)"])
    def test_local_funding_is_not_a_departure(self, funding: str) -> None:
        """Local funding wording in place of the national expenditure is no problem."""
        assert () == conform(edit(copy(), "radio-listening", expenditure=funding), NATIONAL).report.problems

    def test_every_code_is_declared_with_a_severity(self) -> None:
        """Errors are coverage and floor; the review list is info."""
        errors = {c for c, (s, _) in CODES.items() if s is Severity.ERROR}
        assert {"regional-missing-item", "regional-unknown-item", "regional-below-floor"} == errors


class TestLaws:
    """Properties over the 2023 edition."""

    @given(st.sampled_from(BETTER_KNOWN))
    def test_lowering_one_quantity_is_one_floor_error(self, target: tuple[str, str]) -> None:
        """Lowering any single better-known quantity yields exactly one floor error, naming it."""
        item_key, quantity_key = target
        row = next(i for i in copy().items if i.key == item_key)
        quantities = tuple(
            attrs.evolve(q, value=_lower(q.value)) if q.key == quantity_key else q for q in row.quantities
        )
        result = conform(edit(copy(), item_key, quantities=quantities), NATIONAL)
        errors = [p for p in result.report.problems if p.severity is Severity.ERROR]
        assert ["regional-below-floor"] == [p.code for p in errors]
        assert NATIONAL.item(item_key).quantity(quantity_key).what in errors[0].message

    @given(st.sampled_from(BETTER_KNOWN))
    def test_raising_one_quantity_is_one_above_entry(self, target: tuple[str, str]) -> None:
        """Raising any single better-known quantity yields exactly one above-national entry and no error."""
        item_key, quantity_key = target
        row = next(i for i in copy().items if i.key == item_key)
        quantities = tuple(
            attrs.evolve(q, value=_raise(q.value)) if q.key == quantity_key else q for q in row.quantities
        )
        result = conform(edit(copy(), item_key, quantities=quantities), NATIONAL)
        assert ("regional-above-national",) == result.report.codes

    @given(st.sampled_from([i.key for i in NATIONAL.items]))
    def test_removing_a_mapping_is_one_coverage_error(self, key: str) -> None:
        """Removing the mapping of any one item yields exactly one coverage error (and a local-only entry)."""
        result = conform(edit(copy(), key, implements=()), NATIONAL)
        assert ["regional-missing-item"] == [p.code for p in result.report.problems if p.severity is Severity.ERROR]


def _lower(value: object) -> object:
    if isinstance(value, tuple):
        return (value[0] - 1, *value[1:])
    if isinstance(value, (int, float)):
        return value - 1
    return attrs.evolve(value, numerator=value.numerator - 1)  # type: ignore[arg-type]


def _raise(value: object) -> object:
    if isinstance(value, tuple):
        return (value[0] + 1, *value[1:])
    if isinstance(value, (int, float)):
        return value + 1
    return attrs.evolve(value, numerator=value.numerator + 1)  # type: ignore[arg-type]
