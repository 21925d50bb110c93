"""``bpsstd region`` and ``bpsstd check`` on regional folders: exit codes, exact output, JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from bpsstd import load
from bpsstd.cli import main
from bpsstd.conformance import conform, unstructure_conformance
from bpsstd.model import Lang
from bpsstd.regional import load_regional

if TYPE_CHECKING:
    import pytest

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
        assert (0, SHANGHAI_TEXT.read_text(encoding="utf-8"), "") == _run(
            capsys, "region", "shanghai-2024", "--against", "2023"
        )

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

    def test_markdown_escapes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Markdown output is a table whose header is the Chinese one."""
        code, out, _ = _run(capsys, "region", "synthetic-county-2023", "--format", "markdown")
        assert 1 == code
        assert "| 国家项目 | 地方项目 | 结果 |" in out


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
