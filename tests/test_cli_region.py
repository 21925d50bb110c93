"""``bpsstd region`` and ``bpsstd check`` on regional folders: exit codes, exact output, JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bpsstd import load
from bpsstd._cli_region import matrix_rows
from bpsstd.cli import main
from bpsstd.conformance import conform, unstructure_conformance
from bpsstd.model import Lang
from bpsstd.regional import load_regional, regional_root

ROOT = Path(__file__).resolve().parent.parent
SHANGHAI_TEXT = Path(__file__).resolve().parent / "fixtures" / "shanghai-2024-region.txt"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestShanghai:
    """The real, partial example: reviewed and pinned."""

    def test_matrix_is_pinned(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The Chinese report of Shanghai against 2023 is exactly the reviewed one, and exits 0."""
        code, out, err = _run(capsys, "region", "shanghai-2024", "--against", "2023")
        # File names start at the shipped folder: regional/ in a checkout, bpsstd/_regional/ in a wheel.
        shown = out.replace(f"{regional_root().name}/shanghai-2024/", "regional/shanghai-2024/")
        assert (0, SHANGHAI_TEXT.read_text(encoding="utf-8"), "") == (code, shown, err)

    def test_against_2021_its_nine_checks_are_above(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The 2021 data states 5 antenatal visits, so Shanghai's 9 are above it."""
        code, out, _ = _run(capsys, "region", "shanghai-2024", "--against", "2021")
        assert 0 == code
        assert "孕产妇健康服务 → 孕产期保健: 高于国家标准（孕期保健次数: 地方 9 次 / 国家 5 次）" in out

    def test_json_is_the_library_result(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format json prints what conform() returns, through the converter."""
        code, out, _ = _run(capsys, "region", "shanghai-2024", "--format", "json")
        expected = unstructure_conformance(conform(load_regional("shanghai-2024"), load("2023")))
        assert (0, expected) == (code, json.loads(out))


class TestCounty:
    """The synthetic county shows every outcome and fails its one floor violation."""

    def test_fails_naming_both_values(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Exit 1; the one error names the local 350 and the national 460; the report says synthetic."""
        code, out, _ = _run(capsys, "region", "synthetic-county-2023")
        assert 1 == code
        assert "【合成示例，非真实标准】" in out
        errors = out.split("错误（覆盖或底线不达标）:\n")[1].split("\n\n")[0].splitlines()
        assert 1 == len(errors)
        assert "地方 350 元/人·月，国家 460 元/人·月" in errors[0]

    def test_every_outcome_shows(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Met, above, below, not stated and not applicable all appear in the summary counts."""
        _, out, _ = _run(capsys, "region", "synthetic-county-2023", "--lang", "en")
        summary = next(line for line in out.splitlines() if line.startswith("Summary"))
        assert (
            "Summary: met 75, above 3, below 1, not stated 1, missing 0, not applicable 1, not recorded 0"
            == summary
        )

    def test_markdown_escapes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Markdown output is a table whose header is the Chinese one, and a row's name is shown literally.

        The names go through the one Markdown escaper (bpsstd.present.escape_markdown): HTML, links and
        table pipes in a regional file stay text.
        """
        code, out, _ = _run(capsys, "region", "synthetic-county-2023", "--format", "markdown")
        assert 1 == code
        assert "| 国家项目 | 地方项目 | 结果 |" in out
        folder = tmp_path / "county"
        shutil.copytree(regional_root() / "synthetic-county-2023", folder)
        file = folder / "05-elderly-care.yaml"
        text = file.read_text(encoding="utf-8")
        hostile = "<b>老年</b>[健康](x)|管理"
        file.write_text(text.replace("name: 老年人健康管理", f"name: '{hostile}'", 1), encoding="utf-8")
        _, out, _ = _run(capsys, "region", str(folder), "--format", "markdown")
        assert r"\<b\>老年\</b\>\[健康\](x)\|管理" in out
        assert hostile not in out


class TestMany:
    """Several standards: a table of regions x outcomes."""

    def test_directory_of_standards(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A directory expands to its standards; one failing makes the exit 1."""
        code, out, _ = _run(capsys, "region", str(ROOT / "regional"))
        assert 1 == code
        assert [
            "地区\t标准\t达到\t高于国家标准\t低于国家标准\t未载明\t缺失\t不适用\t未收录\t结论",
            "上海市\tshanghai-2024\t6\t0\t0\t1\t0\t0\t74\t通过",
            "示例县（合成示例，非真实标准）【合成示例，非真实标准】\tsynthetic-county-2023\t75\t3\t1\t1\t0\t1\t0\t不通过",
        ] == out.splitlines()

    def test_unknown_name(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A name that is neither shipped nor a folder is a usage error, not a traceback."""
        code, out, err = _run(capsys, "region", "atlantis-2024")
        assert (2, "") == (code, out)
        assert "atlantis-2024" in err


class TestCheck:
    """``bpsstd check`` recognises a regional folder by its standard.yaml."""

    def test_county_fails(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The county's floor error fails the check; the summary says synthetic."""
        code, out, _ = _run(capsys, "check", str(ROOT / "regional" / "synthetic-county-2023"))
        assert 1 == code
        assert out.splitlines()[-1].endswith(
            "synthetic-county-2023 (synthetic): 1 error(s), 5 other problem(s)"
        )

    def test_shanghai_passes_as_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Shanghai has warnings and review items but no error."""
        code, out, _ = _run(capsys, "check", "shanghai-2024", "--format", "json")
        assert (0, True) == (code, json.loads(out)["ok"])


class TestLanguage:
    """Region reports speak Chinese by default and English under --lang en, from the one label table."""

    ENGLISH = ("cannot confirm", "needs fiscal", "the source cut", "drops national", "below the national")

    def test_findings_in_english_are_the_problem_messages(self) -> None:
        """Each finding rendered in English is its problem's message, so one template serves both."""
        for name in ("shanghai-2024", "synthetic-county-2023"):
            result = conform(load_regional(name), load("2023"))
            assert [p.message for p in result.report.problems] == [f.text(Lang.EN) for f in result.findings]

    def test_chinese_report_has_no_english_messages(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The default (zh) reports of both shipped standards carry none of the English message words."""
        for name in ("shanghai-2024", "synthetic-county-2023"):
            _, out, _ = _run(capsys, "region", name, "--against", "2023")
            assert [] == [w for w in self.ENGLISH if w in out]

    def test_english_report_has_english_messages(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Under --lang en the county's below-floor error reads in English, with both values."""
        _, out, _ = _run(capsys, "region", "synthetic-county-2023", "--lang", "en")
        assert "below the national floor: 计划生育家庭特别扶助" in out
        assert "local 350 元/人·月, national 460 元/人·月" in out


class TestWorkbook:
    """``--format xlsx --output FILE``: the coverage matrix as a sheet, read back with openpyxl."""

    def test_shanghai_matrix_sheet(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The matrix sheet: the report's rows, frozen header, wrapped cells, landscape, fitting widths."""
        openpyxl = pytest.importorskip("openpyxl")
        out = tmp_path / "sh.xlsx"
        assert 0 == main(["region", "shanghai-2024", "--against", "2023", "--format", "xlsx", "-o", str(out)])
        assert ("", "") == capsys.readouterr()
        book = openpyxl.load_workbook(out)
        assert ["覆盖矩阵", "未收录的方面", "问题"] == book.sheetnames
        sheet = book["覆盖矩阵"]
        result = conform(load_regional("shanghai-2024"), load("2023"))
        values = [tuple(r) for r in sheet.iter_rows(min_row=4, values_only=True)]
        assert [("国家项目", "地方项目", "结果"), *matrix_rows(result, "zh")] == values
        assert ("A5", "landscape", "$4:$4") == (
            sheet.freeze_panes,
            sheet.page_setup.orientation,
            sheet.print_title_rows,
        )
        assert all(sheet.cell(row=r, column=3).alignment.wrap_text for r in range(5, sheet.max_row + 1))
        widths = [sheet.column_dimensions[c].width for c in "ABC"]
        assert [26, 46, 60] == widths  # the longest name (12 characters) + 2; the status column capped

    def test_problem_sheet_lists_every_problem(self, tmp_path: Path) -> None:
        """The problems sheet has one row per problem, in Chinese, with the list it belongs to."""
        openpyxl = pytest.importorskip("openpyxl")
        out = tmp_path / "county.xlsx"
        assert 1 == main(["region", "synthetic-county-2023", "--format", "xlsx", "--output", str(out)])
        rows = list(openpyxl.load_workbook(out)["问题"].iter_rows(min_row=4, values_only=True))
        result = conform(load_regional("synthetic-county-2023"), load("2023"))
        assert len(result.report.problems) == len(rows)
        assert 1 == sum(r[0] == "错误（覆盖或底线不达标）" for r in rows)

    def test_cell_starting_with_equals_stays_text(self, tmp_path: Path) -> None:
        """Data text that looks like a formula is written as text."""
        openpyxl = pytest.importorskip("openpyxl")
        from bpsstd.render._region_xlsx import Sheet, sheets_xlsx  # noqa: PLC0415  # needs openpyxl

        out = tmp_path / "x.xlsx"
        out.write_bytes(sheets_xlsx([Sheet(name="s", lead=(), header=("a",), rows=[("=1+1",)])]))
        cell = openpyxl.load_workbook(out)["s"]["A2"]
        assert ("=1+1", "s") == (cell.value, cell.data_type)

    def test_needs_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --output the workbook is refused with exit 2."""
        assert 2 == main(["region", "shanghai-2024", "--format", "xlsx"])
        assert "add --output FILE" in capsys.readouterr().err

    def test_missing_extra_is_one_line(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without openpyxl the command says which extra to install, in one line, exit 2."""
        import importlib.util  # noqa: PLC0415

        real = importlib.util.find_spec
        monkeypatch.setattr(
            importlib.util, "find_spec", lambda name, *a: None if name == "openpyxl" else real(name, *a)
        )
        out = tmp_path / "x.xlsx"
        assert 2 == main(["region", "shanghai-2024", "--format", "xlsx", "-o", str(out)])
        err = capsys.readouterr().err
        expected = "the openpyxl package is needed for this format; install it with: pip install"
        assert f'bpsstd: {expected} "bpsstd[office]"\n' == err
        assert not out.exists()


def test_region_levels_of_the_parser_are_the_models() -> None:
    """`bpsstd region-import --level` offers exactly the levels of :class:`bpsstd.regional.Level`."""
    from bpsstd._cli_parsers import REGION_LEVELS  # noqa: PLC0415
    from bpsstd.regional import Level  # noqa: PLC0415

    assert tuple(level.value for level in Level) == REGION_LEVELS
