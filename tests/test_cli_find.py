"""`bpsstd find`, `history`, `show` by Chinese name, `export` JSON, and --fail-on listings."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import bpsstd
from bpsstd._cli_find import SHOWN, fail_on_report, resolve_item, search
from bpsstd.changes import ChangeKind, PlacementChange
from bpsstd.cli import main
from bpsstd.serde import unstructure

if TYPE_CHECKING:
    import pytest


class TestFind:
    """Searching names and texts."""

    def test_finds_the_nutrition_item_in_both_editions(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`bpsstd find 营养` lists 农村义务教育学生营养膳食补助 in 2021 and in 2023, by name."""
        assert 0 == main(["find", "营养"])
        lines = capsys.readouterr().out.splitlines()
        hits = [line for line in lines if "rural-student-nutrition" in line]
        assert ["2021", "2023"] == [line.split()[0] for line in hits]
        assert all("农村义务教育学生营养膳食补助" in line and "名称：" in line for line in hits)

    def test_names_rank_before_texts(self) -> None:
        """Hits in names come before hits in other fields."""
        hits = search("营养", ["2023"])
        fields = [h.field for h in hits]
        assert fields == sorted(fields, key=lambda f: f != "名称")
        assert "名称" == fields[0]

    def test_english_ignores_case(self) -> None:
        """English words match whatever their case."""
        assert {h.key for h in search("NUTRITION", ["2023"])} >= {"rural-student-nutrition"}

    def test_one_edition_only(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--edition limits the search."""
        assert 0 == main(["find", "营养", "--edition", "2023"])
        assert all(line.startswith("2023") for line in capsys.readouterr().out.splitlines())

    def test_nothing_found_exits_1(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No match prints a message on stderr and exits 1."""
        assert 1 == main(["find", "没有这个词"])
        assert "no item mentions" in capsys.readouterr().err

    def test_unknown_edition_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An edition that does not ship is a usage error."""
        assert 2 == main(["find", "营养", "--edition", "1999"])
        assert "1999" in capsys.readouterr().err


class TestShowAndHistory:
    """Items by name, and across editions."""

    def test_show_accepts_the_chinese_name(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`bpsstd show 2023 农村义务教育学生营养膳食补助` shows the same as by key."""
        assert 0 == main(["show", "2023", "rural-student-nutrition"])
        by_key = capsys.readouterr().out
        assert 0 == main(["show", "2023", "农村义务教育学生营养膳食补助"])
        assert by_key == capsys.readouterr().out

    def test_resolve_item(self) -> None:
        """Keys, exact Chinese names and English names (any case) resolve; a part of a name does not."""
        edition = bpsstd.load("2023")
        assert "rural-student-nutrition" == resolve_item(edition, "农村义务教育学生营养膳食补助")
        assert "rural-student-nutrition" == resolve_item(edition, "rural-student-nutrition")
        assert resolve_item(edition, "营养") is None

    def test_history_shows_four_to_five(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`bpsstd history rural-student-nutrition` shows both editions and the 4 → 5 元/生·天 change."""
        assert 0 == main(["history", "rural-student-nutrition"])
        out = capsys.readouterr().out
        assert out.startswith("rural-student-nutrition\n2021  5.(4)  农村义务教育学生营养膳食补助\n")
        assert (
            "2021 → 2023: 服务标准：每生每天4元（全年按在校200天计） → "
            "每生每天5元（全年按在校200天计）（实质性修改）" in out
        )
        assert "营养膳食补助标准：4元/生·天 → 5元/生·天（提高）" in out
        assert "\n2023  5.(4)  农村义务教育学生营养膳食补助\n" in out

    def test_history_of_an_added_item(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An item new in 2023 is shown absent from 2021."""
        assert 0 == main(["history", "增补叶酸预防神经管缺陷服务"])
        assert "2021  （本版无此项）" in capsys.readouterr().out

    def test_history_unknown_item(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An item no edition has is a usage error."""
        assert 2 == main(["history", "no-such-item"])
        assert "no-such-item" in capsys.readouterr().err


class TestFailOnAndExport:
    """The --fail-on message and the JSON export."""

    def test_fail_on_lists_the_matches(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A failing gate names each matching change on stderr."""
        assert 1 == main(["diff", "2021", "2023", "--fail-on", "item-added"])
        err = capsys.readouterr().err
        assert "bpsstd: 1 change(s) match --fail-on item-added:\n" in err
        assert "  item-added folic-acid-ntd-prevention 增补叶酸预防神经管缺陷服务\n" in err

    def test_fail_on_shows_twenty_then_a_count(self) -> None:
        """Past 20 matches the message ends with how many more there are."""
        changes = [
            PlacementChange(kind=ChangeKind.ITEM_ADDED, item=f"i{n}", substantive=True) for n in range(25)
        ]
        lines = fail_on_report(changes, ["any"]).splitlines()
        assert 1 + SHOWN + 1 == len(lines)
        assert "  … and 5 more" == lines[-1]

    def test_export_json_is_the_converter_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`bpsstd export 2023` still prints the edition's JSON."""
        assert 0 == main(["export", "2023"])
        assert unstructure(bpsstd.load("2023")) == json.loads(capsys.readouterr().out)

    def test_export_csv_to_stdout_keeps_the_bom(self, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
        """CSV may go to stdout, byte for byte what --output writes."""
        assert 0 == main(["export", "2023", "--format", "csv"])
        assert capsysbinary.readouterr().out.startswith(b"\xef\xbb\xbfkey,")
