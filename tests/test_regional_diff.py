"""``bpsstd diff`` between two editions of a regional standard: the one engine over an adapter."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING, Any

import attrs

from bpsstd.changes import ChangeKind, Direction, QuantityChange
from bpsstd.cli import main
from bpsstd.regional import (
    LocalAgency,
    dump_regional_folder,
    load_regional,
    load_regional_folder,
    regional_root,
)
from bpsstd.regional_diff import MappingChange, agency_key, as_edition, diff_regional, mapping_changes
from bpsstd.serde import unstructure

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

    from bpsstd.regional import RegionalStandard


def _raised_copy(tmp_path: Path) -> Path:
    """A copy of the synthetic county whose meal subsidy reads 7 元 instead of 6 元 (one local quantity)."""
    folder = tmp_path / "county"
    shutil.copytree(regional_root() / "synthetic-county-2023", folder)
    path = folder / "02-education.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "key: meal-subsidy-per-pupil-per-day"
    head, tail = text.split(marker, 1)
    assert "value: 6\n" in tail  # the county's own figure, raised above the national 5 in its build
    path.write_text(head + marker + tail.replace("value: 6\n", "value: 7\n", 1), encoding="utf-8")
    return folder


def _edit_row(standard: RegionalStandard, key: str, **changes: Any) -> RegionalStandard:
    aspects = tuple(
        attrs.evolve(a, items=tuple(attrs.evolve(i, **changes) if i.key == key else i for i in a.items))
        for a in standard.aspects
    )
    return attrs.evolve(standard, aspects=aspects)


class TestEngine:
    """The adapter hands regional rows to the diff engine unchanged in meaning."""

    def test_same_standard_has_no_change(self) -> None:
        """A regional standard compared with itself has no change and no mapping change."""
        county = load_regional("synthetic-county-2023")
        assert ((), ()) == (tuple(diff_regional(county, county).changes), mapping_changes(county, county))

    def test_one_local_quantity_raised(self, tmp_path: Path) -> None:
        """Raising one local quantity is exactly one raised quantity change, naming both values."""
        old = load_regional("synthetic-county-2023")
        new = load_regional_folder(_raised_copy(tmp_path))
        (change,) = diff_regional(old, new).changes
        assert isinstance(change, QuantityChange)
        assert (
            "rural-student-nutrition",
            "quantities.meal-subsidy-per-pupil-per-day",
            Direction.RAISED,
            6,
            7,
        ) == (change.item, change.field, change.direction, change.old, change.new)

    def test_renamed_lead_unit_is_a_lead_units_change(self) -> None:
        """A row's local lead unit renamed is one lead-units change from the old key to the new."""
        old = load_regional("shanghai-2024")
        row = old.items[0]
        new = _edit_row(old, row.key, lead_units=(LocalAgency(zh="市卫生健康委员会", national="nhc"),))
        (change,) = diff_regional(old, new).changes
        assert (ChangeKind.FIELD_CHANGED, "lead_units") == (change.kind, change.field)
        names = {a.key: a.name.zh for a in as_edition(new).agencies}
        assert "市卫生健康委员会" == names[agency_key(new.items[0].lead_units[0])]

    def test_mapping_change_is_reported(self) -> None:
        """A row that now implements another national item is one mapping change, old and new keys."""
        old = load_regional("synthetic-county-2023")
        row = old.items[0]
        new = _edit_row(old, row.key, implements=(*row.implements, "folic-acid-ntd-prevention"))
        expected = MappingChange(
            item=row.key,
            name=row.name,
            old=row.implements,
            new=(*row.implements, "folic-acid-ntd-prevention"),
        )
        assert (expected,) == mapping_changes(old, new)

    def test_dumped_and_reloaded_is_unchanged(self, tmp_path: Path) -> None:
        """Dumping a regional standard and loading it back makes no diff."""
        old = load_regional("shanghai-2024")
        new = load_regional_folder(dump_regional_folder(old, tmp_path / "sh"))
        assert () == tuple(diff_regional(old, new).changes)


class TestCli:
    """``bpsstd diff OLD NEW`` recognises regional ids and folders."""

    def test_json_is_the_library_result(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--format json prints the engine's result for the two standards; exit 0."""
        folder = _raised_copy(tmp_path)
        code = main(["diff", "synthetic-county-2023", str(folder), "--format", "json"])
        out = capsys.readouterr().out
        expected = unstructure(
            diff_regional(load_regional("synthetic-county-2023"), load_regional_folder(folder))
        )
        assert (0, json.loads(json.dumps(expected, ensure_ascii=False))) == (code, json.loads(out))

    def test_fail_on_raised(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--fail-on raised exits 1 on the raised quantity, and the text report shows 6 → 7."""
        code = main(["diff", "synthetic-county-2023", str(_raised_copy(tmp_path)), "--fail-on", "raised"])
        out = capsys.readouterr().out
        assert 1 == code
        assert "每生每天6元 → 每生每天7元（提高" in out

    def test_regional_against_national_is_refused(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A regional standard against a national edition is a usage error (exit 2) saying which is which."""
        code = main(["diff", "2023", "synthetic-county-2023"])
        assert (2, "bpsstd: 2023 is not a regional standard; diff compares two of a kind\n") == (
            code,
            capsys.readouterr().err,
        )
