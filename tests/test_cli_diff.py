"""The ``bpsstd diff`` command, called through ``main([...])``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

import bpsstd
from bpsstd.cli import main
from bpsstd.diff import diff, schema
from bpsstd.editions import editions_root
from bpsstd.render import diff_markdown, diff_rst, diff_text
from bpsstd.serde import dump_folder, unstructure

from pair import NEW, OLD


@pytest.fixture
def folders(tmp_path: Path) -> tuple[str, str]:
    """The hand-made pair written as two edition folders."""
    return str(dump_folder(OLD, tmp_path / "old")), str(dump_folder(NEW, tmp_path / "new"))


def _copy_2023(tmp_path: Path, name: str, old: str, new: str) -> str:
    """A copy of the shipped 2023 folder with *old* replaced by *new*, once, in file *name*."""
    folder = tmp_path / "copy"
    shutil.copytree(editions_root() / "2023", folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return str(folder)


class TestDiffCommand:
    """Formats, languages and exit codes."""

    def test_json_of_shipped_editions_is_the_library_result(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`bpsstd diff 2021 2023 --format json` prints diff(load(2021), load(2023)) and validates."""
        assert main(["diff", "2021", "2023", "--format", "json"]) == 0
        printed = json.loads(capsys.readouterr().out)
        assert unstructure(diff(bpsstd.load("2021"), bpsstd.load("2023"))) == printed
        jsonschema.validate(printed, schema())

    def test_json_keeps_its_documented_keys(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Every change of `bpsstd diff 2021 2023 --format json` has the keys the README documents."""
        assert main(["diff", "2021", "2023", "--format", "json"]) == 0
        printed = json.loads(capsys.readouterr().out)
        documented = {"kind", "item", "field", "direction", "old", "new", "substantive"}
        assert {"old", "new", "changes", "summary", "unverified", "not_recorded"} == set(printed)
        assert all(documented <= set(change) for change in printed["changes"])

    @pytest.mark.parametrize(
        ("fmt", "lang", "render"),
        [
            ("text", "zh", diff_text),
            ("text", "en", diff_text),
            ("markdown", "zh", diff_markdown),
            ("rst", "en", diff_rst),
        ],
    )
    def test_folders_in_every_human_format(
        self,
        folders: tuple[str, str],
        capsys: pytest.CaptureFixture[str],
        fmt: str,
        lang: str,
        render: object,
    ) -> None:
        """Edition folders are accepted, and each format prints what its renderer returns."""
        assert main(["diff", *folders, "--format", fmt, "--lang", lang]) == 0
        assert render(diff(OLD, NEW), lang) == capsys.readouterr().out  # type: ignore[operator]

    def test_the_readme_shows_the_real_report(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The report quoted in README.md is the start of what `bpsstd diff 2021 2023` prints."""
        readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
        quoted = readme.split("```text\n", 1)[1].split("```", 1)[0]
        assert 0 == main(["diff", "2021", "2023"])
        assert capsys.readouterr().out.startswith(quoted)

    def test_chinese_is_the_default(
        self, folders: tuple[str, str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without --lang the report is in Chinese."""
        assert main(["diff", *folders]) == 0
        assert capsys.readouterr().out.startswith("国家基本公共服务标准 2001 → 2002 变化")

    @pytest.mark.parametrize(
        ("kinds", "expected"),
        [
            ("item-removed", 0),
            ("lowered", 0),
            ("raised", 1),
            ("item-added", 1),
            ("lowered,item-removed", 0),
            ("lowered,item-added", 1),
            ("substantive", 1),
            ("any", 1),
        ],
    )
    def test_fail_on_gates_on_kinds(
        self, folders: tuple[str, str], capsys: pytest.CaptureFixture[str], kinds: str, expected: int
    ) -> None:
        """--fail-on exits 1 exactly when a change of a listed kind or direction occurs."""
        assert expected == main(["diff", *folders, "--fail-on", kinds])
        err = capsys.readouterr().err
        assert (f"match --fail-on {kinds}" in err) is bool(expected)

    def test_lowered_metadata_does_not_trip_lowered(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A lowered count of issuing departments is not a lowered service standard."""
        assert main(["diff", "2021", "2023", "--fail-on", "lowered,item-removed"]) == 0
        assert "21 → 10" in capsys.readouterr().out

    def test_a_lowering_in_the_text_alone_trips_lowered(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """每生每天5元 -> 每生每天4元 in standard.zh only (English and quantity untouched) exits 1."""
        copy = _copy_2023(tmp_path, "02-education.yaml", "每生每天5元", "每生每天4元")
        assert 1 == main(["diff", "2023", copy, "--fail-on", "lowered"])
        assert "field-changed rural-student-nutrition standard" in capsys.readouterr().err

    def test_an_older_age_threshold_trips_lowered(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The old-age allowance age moved from 80 to 85 (better: lower) is lowered, read as generosity."""
        copy = _copy_2023(tmp_path, "05-elderly-care.yaml", "\n      value: 80\n", "\n      value: 85\n")
        assert 1 == main(["diff", "2023", copy, "--fail-on", "lowered", "--lang", "en"])
        out, err = capsys.readouterr()
        assert "quantities.minimum-age-for-old-age" in err
        assert "at least 80 years → at least 85 years (lowered, by generosity)" in out

    def test_unknown_fail_on_kind_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown kind exits 2 and lists the choices."""
        assert main(["diff", "2021", "2023", "--fail-on", "worse"]) == 2
        assert "unknown kind(s) worse; choose from: item-added" in capsys.readouterr().err

    def test_missing_edition_exits_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A name that is neither a shipped edition nor a folder exits 2 with the choices."""
        assert main(["diff", "2021", str(tmp_path / "nowhere")]) == 2
        assert "shipped editions are 2021, 2023" in capsys.readouterr().err

    def test_broken_folder_exits_2_with_located_problems(
        self, folders: tuple[str, str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A folder whose YAML does not parse exits 2 and names the file and line."""
        old, new = folders
        aspect = next(p for p in sorted(Path(new).iterdir()) if p.name.startswith("01-"))
        aspect.write_text(aspect.read_text(encoding="utf-8") + "oops: [\n", encoding="utf-8")
        assert main(["diff", old, new]) == 2
        err = capsys.readouterr().err
        assert f"{aspect}:" in err
        assert "[yaml-syntax]" in err
