"""The command line through main([...]): exit codes, text output, and JSON equal to the library's results."""

from __future__ import annotations

import importlib
import json
import re
from typing import TYPE_CHECKING

import pytest

import bpsstd
from bpsstd import check, load, load_folder, structure
from bpsstd.checks import fidelity
from bpsstd.cli import main
from bpsstd.serde import unstructure

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import EditionFolder

    CopyEdition = Callable[[str], EditionFolder]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestUsage:
    """Arguments that argparse refuses, and --version."""

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the installed version and exits 0."""
        assert (0, f"bpsstd {bpsstd.__version__}\n", "") == _run(capsys, "--version")

    @pytest.mark.parametrize(
        "argv",
        [[], ["bogus"], ["check"], ["show"], ["list", "--format", "xml"], ["show", "2021", "--lang", "fr"]],
    )
    def test_usage_errors(self, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
        """A missing command or argument, or an unknown choice, exits 2 with a usage message on stderr."""
        code, out, err = _run(capsys, *argv)
        assert (2, "") == (code, out)
        assert err.startswith("usage: bpsstd")

    def test_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--help lists the commands and exits 0."""
        code, out, _ = _run(capsys, "--help")
        assert 0 == code
        assert all(command in out for command in ("list", "show", "check", "export"))


class TestList:
    """bpsstd list."""

    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """One line per shipped edition: id, title, publication date and totals."""
        expected = (
            "2021  国家基本公共服务标准（2021年版）  2021-04-20  9 aspects / 22 categories / 80 items\n"
            "2023  国家基本公共服务标准（2023年版）  2023-08-09  9 aspects / 22 categories / 81 items\n"
        )
        assert (0, expected, "") == _run(capsys, "list")

    def test_unreadable_facts_fall_back_to_the_edition(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When an edition's own facts cannot be read alone, its row comes from the loaded edition."""
        editions_module = importlib.import_module("bpsstd.editions")  # bpsstd.editions names the function
        monkeypatch.setattr(editions_module, "header", lambda _: {"id": "other"})
        expected = _run(capsys, "list", "--format", "json")
        monkeypatch.undo()
        assert expected == _run(capsys, "list", "--format", "json")

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The JSON rows agree with the loaded editions."""
        code, out, _ = _run(capsys, "list", "--format", "json")
        expected = [
            {
                "id": e.id,
                "title": e.title.zh,
                "published": e.published.isoformat() if e.published else None,
                "aspects": len(e.aspects),
                "categories": len(e.categories),
                "items": len(e.service_items),
            }
            for e in map(load, bpsstd.editions())
        ]
        assert (0, expected) == (code, json.loads(out))


class TestShow:
    """bpsstd show: an edition's catalogue, or one item."""

    def test_catalogue(self, capsys: pytest.CaptureFixture[str], minimal_dir: Path) -> None:
        """The catalogue lists aspects, categories and items (with keys), and marks unverified items."""
        expected = """\
最小测试版本 [mini]
文号: 测〔2099〕1号 · 发布日期: 2099-01-02 · 2 方面 / 3 类 / 5 项

1. 幼有所育
  1. 优孕优生服务
    (1) 农村免费孕前优生健康检查  preconception-checkup
    (2) 孕产妇健康服务  maternal-health  [未核实]
2. 学有所教
  2. 学前教育助学服务
    (1) 学前教育幼儿资助  preschool-aid  [未核实]
  3. 义务教育服务
    (1) 农村义务教育学生营养改善  rural-student-nutrition
    (2) 农村学生校车服务  school-bus  [重建项：未见于标准原文]
"""
        assert (0, expected, "") == _run(capsys, "show", str(minimal_dir))

    def test_catalogue_in_english(self, capsys: pytest.CaptureFixture[str], minimal_dir: Path) -> None:
        """--lang en renders names and labels in English."""
        code, out, _ = _run(capsys, "show", str(minimal_dir), "--lang", "en")
        assert 0 == code
        assert out.startswith("Minimal test edition [mini]\n")
        bus = (
            "(2) School buses for rural pupils  school-bus  [reconstructed: not seen in the standard's text]"
        )
        assert f"\n    {bus}\n" in out

    def test_item_in_english(self, capsys: pytest.CaptureFixture[str], minimal_dir: Path) -> None:
        """One item with its five fields, its quantities as the standard writes them, and its provenance."""
        expected = """\
Nutrition for rural pupils (rural-student-nutrition) [mini]
location: 2. Education > 3. Compulsory education > item 1
target population: Rural pupils in compulsory education (aged 6 to 15)
content: A nutrition meal allowance
service standard: 4 yuan per pupil per day, plus 0.25 litres of milk
expenditure responsibility: [central] Central budget
lead units: Ministry of Education
quantities:
  - allowance per pupil per day: 4 yuan [high (official text)]
  - ages of pupils: 6-15 years
  - milk per day: 0.25 litres [low (unverified)]
confidence: name high (official text); row high (official text)
sources:
  - https://example.org/d
  - https://example.org/e
"""
        assert (0, expected, "") == _run(
            capsys, "show", str(minimal_dir), "rural-student-nutrition", "--lang", "en"
        )

    def test_item_in_chinese(self, capsys: pytest.CaptureFixture[str], minimal_dir: Path) -> None:
        """An inherited row says so, lead units are named from the registry, tiers are slash-separated."""
        expected = """\
1.（2）孕产妇健康服务 [mini]
位置: 1. 幼有所育 > 1. 优孕优生服务 > 第2项
服务对象: 孕产妇
服务内容: 孕期保健和产后访视
服务标准: 按规范执行
支出责任: [混合] 分档补助（中央分担80%、60%、50%）
牵头负责单位: 国家卫生健康委、财政部
数量:
  - central share by tier: 80/60/50 percent
可信度: 名称 高（见于官方文本）; 内容 中（二手来源证实）
  本版内容沿用2098年版（未知有变化，但未核实两版相同）
来源:
  - https://example.org/b
"""
        assert (0, expected, "") == _run(capsys, "show", str(minimal_dir), "maternal-health")

    def test_reconstructed_item(self, capsys: pytest.CaptureFixture[str], minimal_dir: Path) -> None:
        """A reconstructed item says so and shows its notes."""
        code, out, _ = _run(capsys, "show", str(minimal_dir), "school-bus", "--lang", "en")
        assert 0 == code
        assert out.endswith(
            "confidence: name low (unverified); row low (unverified)\n"
            "  reconstructed: not seen in the standard's text\n"
            "notes: reconstructed: completes category 3 to its declared total\n"
        )

    def test_shipped_item(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A shipped edition's item shows its standard as the data holds it."""
        code, out, _ = _run(capsys, "show", "2021", "rural-student-nutrition")
        standard = load("2021").item("rural-student-nutrition").standard.zh
        assert (0, True) == (code, f"服务标准: {standard}\n" in out)

    @pytest.mark.parametrize(
        ("key", "hint"),
        [("school", "; did you mean: preschool-aid, school-bus"), ("nothing-like-it", "")],
    )
    def test_unknown_item(
        self, capsys: pytest.CaptureFixture[str], minimal_dir: Path, key: str, hint: str
    ) -> None:
        """An unknown item key exits 2 and suggests keys that contain it, if any."""
        expected = (2, "", f"bpsstd: edition mini has no item {key!r}{hint}\n")
        assert expected == _run(capsys, "show", str(minimal_dir), key)

    def test_unknown_edition(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An edition that is neither shipped nor a folder exits 2 and names the shipped ones."""
        missing = str(tmp_path / "nowhere")
        message = (
            f"bpsstd: no edition {missing!r}: shipped editions are 2021, 2023, "
            "and no edition folder exists at that path\n"
        )
        assert (2, "", message) == _run(capsys, "show", missing)


#: The key of the first item of 儿童健康服务 in 2021, whose standard has the one known warning.
CHILD_HEALTH_FIRST = load("2021").aspects[0].categories[1].service_items[0].key

MINIMAL_FIDELITY = (
    "fidelity: fields 10 high, 5 medium, 10 low, 0 unknown; quantities 3 high, 2 medium, 1 low, 0 unknown"
)


class TestCheck:
    """bpsstd check: exit 0 clean, 1 problems found, 2 unreadable input."""

    def test_clean(self, capsys: pytest.CaptureFixture[str], minimal_dir: Path) -> None:
        """A clean edition exits 0 with a one-line summary, then the fidelity line."""
        assert (
            0,
            f"{minimal_dir}: ok (5 items, no problems)\n{minimal_dir}: {MINIMAL_FIDELITY}\n",
            "",
        ) == _run(capsys, "check", str(minimal_dir))

    @pytest.mark.parametrize(
        ("edition_id", "fidelity"),
        [
            (
                "2021",
                (
                    "fidelity: fields 15 high, 40 medium, 342 low, 3 unknown; "
                    "quantities 2 high, 15 medium, 33 low, 0 unknown"
                ),
            ),
            (
                "2023",
                (
                    "fidelity: fields 0 high, 30 medium, 363 low, 12 unknown; "
                    "quantities 1 high, 18 medium, 33 low, 0 unknown"
                ),
            ),
        ],
    )
    def test_shipped(self, capsys: pytest.CaptureFixture[str], edition_id: str, fidelity: str) -> None:
        """The shipped editions have no error (one known warning each) and end with their fidelity."""
        code, out, err = _run(capsys, "check", edition_id)
        assert (0, "") == (code, err)
        assert out.endswith(f"{edition_id}: 0 error(s), 1 warning(s)\n{edition_id}: {fidelity}\n")

    def test_problems(self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder) -> None:
        """Problems exit 1 and print one located line each, then a count."""
        minimal_copy.edit("02-education.yaml", "    - mof\n", "    - nobody\n", after="key: preschool-aid")
        line = minimal_copy.line_of("02-education.yaml", "- nobody")
        expected = (
            f"{minimal_copy.file('02-education.yaml')}:{line}: error [unknown-agency] "
            "lead unit 'nobody' of item "
            "'preschool-aid' is not in the agency registry (agencies.yaml) "
            "@ $.aspects[1].categories[0].items[0].lead_units[1]\n"
            f"{minimal_copy}: 1 error(s), 0 warning(s)\n"
            f"{minimal_copy}: {MINIMAL_FIDELITY}\n"
        )
        assert (1, expected, "") == _run(capsys, "check", str(minimal_copy))

    def test_warnings_do_not_fail(
        self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder
    ) -> None:
        """An edition with only warnings exits 0 but lists them."""
        agencies = minimal_copy.path / "agencies.yaml"
        agencies.write_text(
            minimal_copy.text("agencies.yaml") + "- key: mem\n  name:\n    zh: 应急管理部\n    en: MEM\n"
        )
        code, out, _ = _run(capsys, "check", str(minimal_copy))
        assert 0 == code
        assert out.endswith(f"{minimal_copy}: 0 error(s), 1 warning(s)\n{minimal_copy}: {MINIMAL_FIDELITY}\n")
        assert "warning [unused-agency]" in out

    def test_json(self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder) -> None:
        """--format json prints exactly the library's report, and its fidelity counts."""
        minimal_copy.edit("edition.yaml", "  items: 5", "  items: 7")
        minimal_copy.edit("01-childcare.yaml", "value: 1\n", "value: .inf\n")
        code, out, _ = _run(capsys, "check", str(minimal_copy), "--format", "json")
        edition = load(minimal_copy.path)
        expected = {**unstructure(check(edition)), "fidelity": unstructure(fidelity(edition))}
        assert (1, expected) == (code, json.loads(out))
        assert ["total-mismatch", "quantity-not-finite"] == [p["code"] for p in json.loads(out)["problems"]]

    def test_json_clean(self, capsys: pytest.CaptureFixture[str], minimal_dir: Path) -> None:
        """A clean edition's JSON report is ok with no problems, and counts fields and quantities."""
        code, out, _ = _run(capsys, "check", str(minimal_dir), "--format", "json")
        counts = {
            "fields": {"high": 10, "medium": 5, "low": 10, "unknown": 0},
            "quantities": {"high": 3, "medium": 2, "low": 1, "unknown": 0},
        }
        assert (0, {"ok": True, "problems": [], "fidelity": counts}) == (code, json.loads(out))

    def test_unreadable(self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder) -> None:
        """A folder that cannot be loaded exits 2 and reports the loader's problems on stdout."""
        (minimal_copy.path / "agencies.yaml").unlink()
        minimal_copy.edit("02-education.yaml", "number: 1\n", "number: 1\nnumber: 2\n")
        with pytest.raises(bpsstd.LoadError) as info:
            load_folder(minimal_copy.path)
        expected_out = (
            "".join(f"{p}\n" for p in info.value.problems) + f"{minimal_copy}: 2 error(s), 0 warning(s)\n"
        )
        assert (2, expected_out, "") == _run(capsys, "check", str(minimal_copy))

    def test_unreadable_json(self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder) -> None:
        """With --format json, the loader's problems are a report on stdout; exit 2 if nothing is checked."""
        minimal_copy.edit("edition.yaml", "title:", "title: [", after="")
        with pytest.raises(bpsstd.LoadError) as info:
            load_folder(minimal_copy.path)
        code, out, _ = _run(capsys, "check", str(minimal_copy), "--format", "json")
        problems = [unstructure(p) for p in info.value.problems]
        assert (2, {"ok": False, "problems": problems}) == (code, json.loads(out))
        assert ["yaml-syntax"] == [p["code"] for p in problems]

    def test_partly_unreadable_json(
        self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder
    ) -> None:
        """A refused aspect file is reported, the rest is checked (issue 13, case 14): exit 1, not 2."""
        minimal_copy.edit("edition.yaml", "- 02-education.yaml", "- ../x.yaml")
        with pytest.raises(bpsstd.LoadError) as info:
            load_folder(minimal_copy.path)
        code, out, _ = _run(capsys, "check", str(minimal_copy), "--format", "json")
        problems = [unstructure(p) for p in info.value.problems]
        assert (1, {"ok": False, "problems": problems}) == (code, json.loads(out))
        assert ["bad-file-name"] == [p["code"] for p in problems]

    def test_missing_folder(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A folder that does not exist exits 2."""
        code, out, err = _run(capsys, "check", str(tmp_path / "none"))
        assert (2, "") == (code, out)
        assert "no edition" in err

    def test_nothing_is_written(
        self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder
    ) -> None:
        """Checking, showing and exporting leave the user's files byte for byte as they were."""
        minimal_copy.edit("02-education.yaml", "    - mof\n", "    - nobody\n", after="key: preschool-aid")
        before = minimal_copy.snapshot()
        for argv in (
            ["check", str(minimal_copy)],
            ["show", str(minimal_copy)],
            ["export", str(minimal_copy)],
        ):
            main(argv)
        capsys.readouterr()
        assert before == minimal_copy.snapshot()


class TestExport:
    """bpsstd export."""

    @pytest.mark.parametrize("edition", ["2021", "2023", "minimal"])
    def test_structures_back(
        self, capsys: pytest.CaptureFixture[str], minimal_dir: Path, edition: str
    ) -> None:
        """The exported JSON structures back into an edition equal to the loaded one."""
        name = str(minimal_dir) if edition == "minimal" else edition
        code, out, _ = _run(capsys, "export", name)
        assert (0, load(name)) == (code, structure(json.loads(out)))

    def test_unreadable(self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder) -> None:
        """An edition that cannot be loaded exits 2 and prints no JSON."""
        (minimal_copy.path / "edition.yaml").write_text("", encoding="utf-8")
        code, out, err = _run(capsys, "export", str(minimal_copy))
        assert (2, "") == (code, out)
        assert "[empty-file]" in err


def _drop_item(text: str, key: str) -> str:
    """Remove the item *key* (its whole block) from an aspect file's text."""
    start = text.index(f"  - key: {key}\n")
    match = re.compile(r"^(  - key: |- key: )", re.MULTILINE).search(text, start + 1)
    return text[:start] + (text[match.start() :] if match else "")


class TestDoneWhen:
    """The issue's scenario: a copy of 2021 with an item removed, a key duplicated and an unknown agency."""

    @pytest.fixture
    def broken(self, copy_edition: CopyEdition) -> tuple[EditionFolder, list[tuple[str, str, str, int]]]:
        """The broken copy of 2021, and the problems it must yield (code, path, file, line)."""
        folder = copy_edition("2021")
        childcare, education, employment = "01-childcare.yaml", "02-education.yaml", "03-employment.yaml"
        duplicate_line = folder.line_of(education, "  - key: free-textbooks\n")
        (folder.path / childcare).write_text(
            _drop_item(folder.text(childcare), "maternal-health"), encoding="utf-8"
        )
        folder.edit(education, "  - key: free-textbooks\n", "  - key: compulsory-ed-fee-exemption\n")
        folder.edit(employment, "    - mohrss\n", "    - no-such-agency\n")
        expected = [
            (
                "total-mismatch",
                "$.declared.items",
                "edition.yaml",
                folder.line_of("edition.yaml", "  items: 80"),
            ),
            (
                "unknown-agency",
                "$.aspects[2].categories[0].items[0].lead_units[0]",
                employment,
                folder.line_of(employment, "    - no-such-agency"),
            ),
            (
                "duplicate-key",
                "$.aspects[1].categories[1].items[1].key",
                education,
                duplicate_line,
            ),
            (
                "item-numbering",
                "$.aspects[0].categories[0].items[1].number",
                childcare,
                folder.line_of(childcare, "    number: 3", after="key: basic-contraception"),
            ),
            (
                # The shipped data's one warning: the fact sheet's English omits 第三版.
                "number-mismatch",
                "$.aspects[0].categories[1].items[0].standard",
                childcare,
                folder.line_of(childcare, "    standard:", after=f"key: {CHILD_HEALTH_FIRST}"),
            ),
        ]
        return folder, [(code, path, folder.file(name), line) for code, path, name, line in expected]

    def test_text(
        self,
        capsys: pytest.CaptureFixture[str],
        broken: tuple[EditionFolder, list[tuple[str, str, str, int]]],
    ) -> None:
        """Check exits 1 and reports all the problems, each with its file and line."""
        folder, expected = broken
        code, out, _ = _run(capsys, "check", str(folder))
        report = check(load(folder.path))
        assert 1 == code
        assert sorted(expected) == sorted((p.code, p.path, p.file, p.line) for p in report.problems)
        lines = out.splitlines()
        assert [str(p) for p in report.problems] == lines[:-2]
        assert all(
            re.match(rf"{re.escape(str(folder))}/[0-9a-z-]+\.yaml:\d+: (error|warning) \[", line)
            for line in lines[:-2]
        )
        assert f"{folder}: 4 error(s), 1 warning(s)" == lines[-2]
        assert lines[-1].startswith(f"{folder}: fidelity: fields ")

    def test_json(
        self,
        capsys: pytest.CaptureFixture[str],
        broken: tuple[EditionFolder, list[tuple[str, str, str, int]]],
    ) -> None:
        """--format json prints the library's report: not ok, with the four located problems."""
        folder, expected = broken
        code, out, _ = _run(capsys, "check", str(folder), "--format", "json")
        data = json.loads(out)
        edition = load(folder.path)
        expected_report = {**unstructure(check(edition)), "fidelity": unstructure(fidelity(edition))}
        assert (1, expected_report) == (code, data)
        assert sorted(expected) == sorted(
            (p["code"], p["path"], p["file"], p["line"]) for p in data["problems"]
        )
        assert data["ok"] is False


def test_the_parsers_languages_are_the_models() -> None:
    """Every `--lang` offers exactly the languages of :class:`bpsstd.model.Lang`, Chinese first."""
    from bpsstd._cli_parsers import LANGS  # noqa: PLC0415
    from bpsstd.model import Lang  # noqa: PLC0415

    assert tuple(lang.value for lang in Lang) == LANGS
