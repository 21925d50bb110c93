"""Regional standards: folders, the conformance checks (one test per code) and their laws."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bpsstd import LoadError, Severity, load
from bpsstd.conformance import CODES, Status, conform
from bpsstd.model import Better, Comparator, Ratio, Value
from bpsstd.regional import (
    Level,
    LocalItem,
    NotApplicable,
    NotRecorded,
    Region,
    RegionalStandard,
    copy_of,
    dump_regional_folder,
    load_regional,
    load_regional_folder,
    regional_standards,
)

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "regional" / "shanghai-2024.json"
NATIONAL = load("2023")
COUNTY = Region(zh="测试县（合成）", en="Test County (synthetic)", level=Level.COUNTY)


def copy() -> RegionalStandard:
    """A synthetic copy of the 2023 edition."""
    return copy_of(NATIONAL, id="test-county", title="测试（合成）", region=COUNTY)


def edit(standard: RegionalStandard, key: str, **changes: Any) -> RegionalStandard:
    """Return *standard* with the row *key* changed."""

    def row(item: LocalItem) -> LocalItem:
        return attrs.evolve(item, **changes) if item.key == key else item

    aspects = tuple(attrs.evolve(a, items=tuple(row(i) for i in a.items)) for a in standard.aspects)
    return attrs.evolve(standard, aspects=aspects)


def drop(standard: RegionalStandard, key: str) -> RegionalStandard:
    """Return *standard* without the row *key*."""
    aspects = tuple(
        attrs.evolve(a, items=tuple(i for i in a.items if i.key != key)) for a in standard.aspects
    )
    return attrs.evolve(standard, aspects=aspects)


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


BETTER_KNOWN = [
    (item.key, q.key) for item in NATIONAL.service_items for q in item.quantities if q.better is not None
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
        path.write_text(
            path.read_text(encoding="utf-8").replace("implements:\n  - maternal-health", "implements: 5", 1),
            encoding="utf-8",
        )
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
        """Return the path and message of the one problem with *code*, checking its severity."""
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
        assert (
            "$.aspects",
            "national item 孕产妇健康服务 (maternal-health) is implemented by no local item",
        ) == self.only(drop(copy(), "maternal-health"), "regional-missing-item")

    def test_not_applicable_and_not_recorded_are_not_missing(self) -> None:
        """A not-applicable declaration or an aspect declared not recorded is no coverage error."""
        standard = attrs.evolve(
            drop(drop(copy(), "maternal-health"), "radio-listening"),
            not_applicable=(NotApplicable(item="maternal-health", reason="测试"),),
            not_recorded=(NotRecorded(aspect="culture-sports", reason="测试"),),
        )
        result = conform(standard, NATIONAL)
        assert result.ok
        statuses = {r.item: r.status for r in result.rows}
        assert (Status.NOT_APPLICABLE, Status.NOT_RECORDED) == (
            statuses["maternal-health"],
            statuses["radio-listening"],
        )

    def test_unknown_item(self) -> None:
        """Implementing a key the national edition lacks is an error."""
        standard = edit(copy(), "radio-listening", implements=("radio-listening", "no-such-item"))
        assert (
            "$.aspects[8].items[2].implements[1]",
            "收听广播 implements 'no-such-item', which edition 2023 does not have",
        ) == self.only(standard, "regional-unknown-item")

    def test_below_floor(self) -> None:
        """A lowered quantity is an error naming both values."""
        q = copy().aspects[1].items[4].quantities
        lowered = (attrs.evolve(q[0], value=4), *q[1:])
        assert (
            "$.aspects[1].items[4].quantities[0]",
            (
                "below the national floor: 农村义务教育学生营养膳食补助 营养膳食补助标准: "
                "local 4 元/生·天, national 5 元/生·天"
            ),
        ) == self.only(edit(copy(), "rural-student-nutrition", quantities=lowered), "regional-below-floor")

    def test_floor_unconfirmed(self) -> None:
        """A better-known national quantity the row leaves unstated cannot confirm the floor: a warning."""
        standard = edit(
            copy(), "rural-student-nutrition", quantities=copy().aspects[1].items[4].quantities[1:]
        )
        assert (
            "$.aspects[1].items[4]",
            (
                "cannot confirm the floor: 农村义务教育学生营养膳食补助 营养膳食补助标准 "
                "(national 5 元/生·天) is not stated by 农村义务教育学生营养膳食补助"
            ),
        ) == self.only(standard, "regional-floor-unconfirmed")

    def test_floor_unconfirmed_when_incomparable(self) -> None:
        """A statement bounding the other side (不超过) cannot confirm a 不少于 floor."""
        q = copy().aspects[8].items[2].quantities
        changed = (attrs.evolve(q[0], comparator=Comparator.AT_MOST), *q[1:])
        standard = edit(copy(), "radio-listening", quantities=changed)
        path, message = self.only(standard, "regional-floor-unconfirmed")
        assert "$.aspects[8].items[2].quantities[0]" == path
        assert (
            "cannot confirm the floor: 收听广播 广播节目套数: local 不超过15 套, national 不少于15 套"
            == message
        )

    def test_above_national(self) -> None:
        """A raised quantity is listed for the fiscal-affordability review."""
        q = copy().aspects[0].items[9].quantities
        raised = (attrs.evolve(q[0], value=18), *q[1:])
        assert (
            "$.aspects[0].items[9].quantities[0]",
            (
                "needs fiscal-affordability review: 农村留守儿童关爱保护 农村留守儿童年龄: "
                "local 未满18 周岁, national 未满16 周岁"
            ),
        ) == self.only(
            edit(copy(), "rural-left-behind-children", quantities=raised), "regional-above-national"
        )

    def test_local_only(self) -> None:
        """A row implementing nothing is 地方新增, listed for the review."""
        standard = edit(copy(), "radio-listening", implements=())
        standard = attrs.evolve(
            standard, not_applicable=(NotApplicable(item="radio-listening", reason="测试"),)
        )
        assert (
            "$.aspects[8].items[2]",
            "needs fiscal-affordability review: 收听广播 (地方新增)",
        ) == self.only(standard, "regional-local-only")

    def test_incomplete_row(self) -> None:
        """A row the source cut off is a warning."""
        standard = edit(copy(), "radio-listening", complete=False)
        assert ("$.aspects[8].items[2]", "收听广播: the source cut this row off") == self.only(
            standard, "regional-incomplete-row"
        )

    def test_wording_dropped(self) -> None:
        """Content dropping verified national words is a warning listing the spans dropped."""
        standard = edit(copy(), "radio-listening", content="提供广播节目。")
        assert (
            "$.aspects[8].items[2].content",
            "收听广播 content drops national wording of 收听广播: 「和突发事件应急广播服务」",
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
            attrs.evolve(q, value=_worse(target)) if q.key == quantity_key else q for q in row.quantities
        )
        result = conform(edit(copy(), item_key, quantities=quantities), NATIONAL)
        errors = [p for p in result.report.problems if p.severity is Severity.ERROR]
        assert ["regional-below-floor"] == [p.code for p in errors]
        quantity = NATIONAL.item(item_key).quantity(quantity_key)
        assert (quantity.what_zh or quantity.what) in errors[0].message

    @given(st.sampled_from(BETTER_KNOWN))
    def test_raising_one_quantity_is_one_above_entry(self, target: tuple[str, str]) -> None:
        """Raising any single better-known quantity yields exactly one above-national entry and no error."""
        item_key, quantity_key = target
        row = next(i for i in copy().items if i.key == item_key)
        quantities = tuple(
            attrs.evolve(q, value=_better_value(target)) if q.key == quantity_key else q
            for q in row.quantities
        )
        result = conform(edit(copy(), item_key, quantities=quantities), NATIONAL)
        assert ("regional-above-national",) == result.report.codes

    @given(st.sampled_from([i.key for i in NATIONAL.service_items]))
    def test_removing_a_mapping_is_one_coverage_error(self, key: str) -> None:
        """Removing the mapping of any one item yields exactly one coverage error (and a local-only entry)."""
        result = conform(edit(copy(), key, implements=()), NATIONAL)
        assert ["regional-missing-item"] == [
            p.code for p in result.report.problems if p.severity is Severity.ERROR
        ]


def _shift(value: Value, step: int) -> Value:
    """Move a scalar or a ratio by *step* (a numerator step for ratios)."""
    if isinstance(value, Ratio):
        return attrs.evolve(value, numerator=value.numerator + step)
    if isinstance(value, (int, float)):
        return value + step
    raise TypeError(value)


def _worse(target: tuple[str, str]) -> Value:
    """The national value made one step less generous."""
    quantity = NATIONAL.item(target[0]).quantity(target[1])
    return _shift(quantity.value, -1 if quantity.better is Better.HIGHER else 1)


def _better_value(target: tuple[str, str]) -> Value:
    """The national value made one step more generous."""
    quantity = NATIONAL.item(target[0]).quantity(target[1])
    return _shift(quantity.value, 1 if quantity.better is Better.HIGHER else -1)
