"""Issue 13, "never a traceback, never a false green": each hostile case ends as its located problem.

The cases are numbered as in the issue. The command line's side (cases 6 to 10: terminals, broken output,
Ctrl-C, closed pipes, crashes) is tested in tests/test_contract.py; the reader's YAML 1.2 readings and its
node limit in tests/test_yaml.py; one fixture per code in tests/test_serde.py and tests/test_checks.py.
Here: each case from a folder, through the public functions and ``bpsstd check``, with its code and message.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest

from bpsstd import Limits, LoadError, check, diff, dump_folder, load, load_folder
from bpsstd.cli import main
from bpsstd.render import diff_text

from strategies import replace_item

if TYPE_CHECKING:
    from conftest import EditionFolder

_ED, _AG, _A1, _A2 = "edition.yaml", "agencies.yaml", "01-childcare.yaml", "02-education.yaml"
_AID = "$.aspects[1].categories[0].items[0]"
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
Found = tuple[str, str, str, str | None, int | None]


def _problems(folder: EditionFolder, limits: Limits | None = None) -> list[Found]:
    """The loader's problems of *folder* as (code, message, path, file, line)."""
    with pytest.raises(LoadError) as info:
        load_folder(folder.path, limits=limits)
    return [(p.code, p.message, p.path, p.file, p.line) for p in info.value.problems]


def _checked(folder: EditionFolder) -> list[Found]:
    """The problems check() finds in *folder*, as (code, message, path, file, line)."""
    return [(p.code, p.message, p.path, p.file, p.line) for p in check(load_folder(folder.path)).problems]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestReading:
    """Cases 1 to 3: what the reader and the converter refuse is a located problem."""

    def test_control_character_in_a_comment(self, minimal_copy: EditionFolder) -> None:
        """Case 1: a NUL in a comment is yaml-control-character at its line, not a ReaderError."""
        (minimal_copy.path / _A2).write_text(minimal_copy.text(_A2) + "# \x00\n", encoding="utf-8")
        line = minimal_copy.text(_A2).count("\n")
        message = (
            f"control character '\\x00' (U+0000) at line {line}, column 3 is not allowed in an edition file;"
            " delete it"
        )
        assert [("yaml-control-character", message, "$.aspects[1]", minimal_copy.file(_A2), line)] == (
            _problems(minimal_copy)
        )

    @pytest.mark.parametrize(
        ("token", "message"),
        [
            ("!!bool maybe", "bad value 'maybe': a boolean (true or false) was expected"),
            ("!!timestamp soon", "bad value 'soon': a date (YYYY-MM-DD) was expected"),
        ],
    )
    def test_bad_scalars(self, minimal_copy: EditionFolder, token: str, message: str) -> None:
        """Case 2: a value that does not fit its core tag is yaml-bad-scalar, not a KeyError."""
        minimal_copy.edit(_ED, "addressed_to: null", f"addressed_to: {token}")
        line = minimal_copy.line_of(_ED, "addressed_to:")
        assert [("yaml-bad-scalar", message, "$", minimal_copy.file(_ED), line)] == _problems(minimal_copy)

    @pytest.mark.parametrize(
        ("key", "shown", "at"),
        [
            ("1", "1", "mapping"),
            ("null", "null", "mapping"),
            ("2024-01-01", "2024-01-01", "mapping"),
            ("yes", "yes", "key"),
        ],
    )
    def test_keys_that_are_not_strings(
        self, minimal_copy: EditionFolder, key: str, shown: str, at: str
    ) -> None:
        """Case 3: an unknown key of any type is unknown-field naming it as written, not a TypeError."""
        minimal_copy.edit(_A2, "    content:\n", f"    {key}: a\n    content:\n", after="key: preschool-aid")
        message = f"unknown field(s) {shown}; check the spelling against the schema"
        # A string key is located at itself; another at its mapping (paths name keys as strings).
        path, line = (
            (f"{_AID}.{key}", minimal_copy.line_of(_A2, f"{key}: a"))
            if at == "key"
            else (_AID, minimal_copy.line_of(_A2, "- key: preschool-aid"))
        )
        assert [("unknown-field", message, path, minimal_copy.file(_A2), line)] == _problems(minimal_copy)

    def test_many_unknown_keys_are_not_all_listed(self, minimal_copy: EditionFolder) -> None:
        """Names of unknown keys are capped at three, so a stray secrets file is not copied to a log."""
        keys = "".join(f"    secret_{n}: x\n" for n in range(6))
        minimal_copy.edit(_A2, "    content:\n", keys + "    content:\n", after="key: preschool-aid")
        [(code, message, *_)] = _problems(minimal_copy)
        expected = (
            "unknown field(s) secret_0, secret_1, secret_2 and 3 more; check the spelling against the schema"
        )
        assert ("unknown-field", expected) == (code, message)


class TestNumbers:
    """Case 4: an integer too large for a float is a check problem, and diffs and renders."""

    def test_check(self, minimal_copy: EditionFolder) -> None:
        """check() reports quantity-too-large at the value's line, not an OverflowError."""
        minimal_copy.edit(_A1, "value: 1\n", "value: " + "9" * 400 + "\n")
        message = "quantity 'check-ups' is an integer too large for a number (the limit is about 1.8e308)"
        path = "$.aspects[0].categories[0].items[0].quantities[0].value"
        line = minimal_copy.line_of(_A1, "value: 999")
        assert [("quantity-too-large", message, path, minimal_copy.file(_A1), line)] == _checked(minimal_copy)

    def test_diff(self, minimal_copy: EditionFolder, minimal_dir: Path) -> None:
        """diff() reports the one changed quantity both ways, and its text renders."""
        minimal_copy.edit(_A1, "value: 1\n", "value: " + "9" * 400 + "\n")
        old, new = load_folder(minimal_dir), load_folder(minimal_copy.path)
        forward, backward = diff(old, new), diff(new, old)
        assert (1, 1) == (len(forward.changes), len(backward.changes))
        assert "9" * 400 in diff_text(forward, "en")

    def test_diff_command(
        self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder, minimal_dir: Path
    ) -> None:
        """`bpsstd diff --format json` exits 0 and writes the integer exactly."""
        minimal_copy.edit(_A1, "value: 1\n", "value: " + "9" * 400 + "\n")
        code, out, err = _run(capsys, "diff", str(minimal_dir), str(minimal_copy), "--format", "json")
        assert (0, "", True) == (code, err, int("9" * 400) in _values(json.loads(out)))


def _values(data: object) -> list[object]:
    if isinstance(data, dict):
        return [v for value in data.values() for v in _values(value)]
    if isinstance(data, list):
        return [v for value in data for v in _values(value)]
    return [data]


class TestPaths:
    """Case 5: a path that cannot be opened is a located problem, never an OSError."""

    def test_a_name_too_long(self, tmp_path: Path) -> None:
        """load() of a 300-character name raises LoadError with folder-unreadable."""
        name = str(tmp_path / ("x" * 300))
        with pytest.raises(LoadError) as info:
            load(name)
        message = "cannot open the edition folder: File name too long"
        assert [("folder-unreadable", message, "$", name, None)] == [
            (p.code, p.message, p.path, p.file, p.line) for p in info.value.problems
        ]

    def test_a_name_too_long_on_the_command_line(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """`bpsstd check` of a 300-character name exits 2 with the problem, no traceback."""
        name = str(tmp_path / ("x" * 300))
        code, out, err = _run(capsys, "check", name)
        expected = (
            f"{name}: error [folder-unreadable] cannot open the edition folder: File name too long @ $\n"
        )
        assert (2, expected + f"{name}: 1 error(s), 0 warning(s)\n", "") == (code, out, err)

    def test_a_folder_that_cannot_be_entered(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A folder on the way that cannot be entered is folder-unreadable (simulated: tests run as root)."""
        folder = tmp_path / "locked" / "edition"

        is_dir = Path.is_dir

        def refuse(self: Path) -> bool:
            if self.is_relative_to(tmp_path):
                raise PermissionError(13, "Permission denied", str(self))
            return is_dir(self)

        monkeypatch.setattr(Path, "is_dir", refuse)
        with pytest.raises(LoadError) as info:
            load(str(folder))
        assert [("folder-unreadable", "cannot open the edition folder: Permission denied")] == [
            (p.code, p.message) for p in info.value.problems
        ]


class TestBoundary:
    """Case 11 and 13: nothing is read through a link leading out, or twice, or past the folder's budgets."""

    def test_edition_file_linked_to_passwd(self, minimal_copy: EditionFolder) -> None:
        """edition.yaml linked to /etc/passwd is refused unread; the message quotes none of it."""
        (minimal_copy.path / _ED).unlink()
        (minimal_copy.path / _ED).symlink_to("/etc/passwd")
        message = "edition.yaml is a symbolic link leading outside the edition folder; not read"
        assert [("file-outside-folder", message, "$", minimal_copy.file(_ED), None)] == _problems(
            minimal_copy
        )

    def test_registry_linked_to_a_secrets_file(self, minimal_copy: EditionFolder) -> None:
        """agencies.yaml linked to a secrets file elsewhere: refused, and no key name of it is shown."""
        secrets = minimal_copy.path.parent / "secrets.yaml"
        secrets.write_text("AWS_SECRET_ACCESS_KEY: abc\nDB_PASSWORD: def\n", encoding="utf-8")
        (minimal_copy.path / _AG).unlink()
        (minimal_copy.path / _AG).symlink_to(secrets)
        problems = _problems(minimal_copy)
        assert [("file-outside-folder", "$.agencies")] == [(p[0], p[2]) for p in problems]
        assert not any("SECRET" in p[1] or "PASSWORD" in p[1] for p in problems)

    def test_a_proc_file(self, minimal_copy: EditionFolder) -> None:
        """An aspect file linked to /proc (size 0, endless content) is refused unread."""
        (minimal_copy.path / _A2).unlink()
        (minimal_copy.path / _A2).symlink_to("/proc/self/status")
        assert [("file-outside-folder", "$.aspects[1]")] == [(p[0], p[2]) for p in _problems(minimal_copy)]

    def test_a_link_inside_the_folder_is_read(self, minimal_copy: EditionFolder) -> None:
        """A symbolic link to a file of the folder itself is followed: the folder is its own boundary."""
        (minimal_copy.path / "real.yaml").write_bytes((minimal_copy.path / _A2).read_bytes())
        (minimal_copy.path / _A2).unlink()
        (minimal_copy.path / _A2).symlink_to("real.yaml")
        assert load_folder(minimal_copy.path) == load_folder(minimal_copy.path)

    def test_an_empty_regular_file(self, minimal_copy: EditionFolder) -> None:
        """A file of size 0 is empty-file without being opened (which is how /proc files look)."""
        (minimal_copy.path / _A2).write_bytes(b"")
        message = "the file is empty; expected a YAML mapping"
        assert [("empty-file", message, "$.aspects[1]", minimal_copy.file(_A2), None)] == _problems(
            minimal_copy
        )

    def test_a_file_listed_twenty_times(self, minimal_copy: EditionFolder) -> None:
        """Case 13: a file listed 20 times is read once; each repeat is file-listed-twice at its line."""
        minimal_copy.edit(_ED, "- 02-education.yaml\n", "- 02-education.yaml\n" * 20)
        first = minimal_copy.line_of(_ED, "- 02-education.yaml")
        message = (
            "aspect file '02-education.yaml' is listed again (first: $.aspects[1]); each file is read once"
        )
        expected = [
            ("file-listed-twice", message, f"$.aspects[{i}]", minimal_copy.file(_ED), first + i - 1)
            for i in range(2, 21)
        ]
        assert expected == _problems(minimal_copy)

    def test_the_folder_size_limit(self, minimal_copy: EditionFolder) -> None:
        """A folder larger than the limit in all is folder-too-large, before any aspect file is read."""
        total = sum((minimal_copy.path / n).stat().st_size for n in (_ED, _AG, _A1, _A2))
        message = f"the folder's files total {total} bytes; the limit for an edition is 1000"
        found = _problems(minimal_copy, Limits(folder_bytes=1000))
        assert [("folder-too-large", message, "$", minimal_copy.file(_ED), None)] == found

    def test_the_folder_node_limit(self, minimal_copy: EditionFolder) -> None:
        """The folder's YAML values are counted across its files: the file that runs over is refused."""
        message = (
            "the folder's files hold more than 300 YAML values together, this one past the limit;"
            " an edition needs far fewer"
        )
        found = _problems(minimal_copy, Limits(folder_values=300))
        assert ("folder-too-many-nodes", message) == found[0][:2]
        assert {"folder-too-many-nodes"} == {p[0] for p in found}


class TestWording:
    """Case 12: invisible text, strict dates, duplicate names, and dumping for the 1.2 reader."""

    def test_invisible_characters_are_escaped(self, minimal_copy: EditionFolder) -> None:
        r"""An unknown key "name" + U+200B is shown as name\u200b, so it cannot pass for "name"."""
        minimal_copy.edit(
            _A2, "    content:\n", "    name\u200b: x\n    content:\n", after="key: preschool-aid"
        )
        [(code, message, *_)] = _problems(minimal_copy)
        assert ("unknown-field", "unknown field(s) name\\u200b; check the spelling against the schema") == (
            code,
            message,
        )

    def test_an_invisible_name(self, minimal_copy: EditionFolder) -> None:
        """A name of only U+200B, U+200D, U+FEFF and U+2060 is empty-text."""
        minimal_copy.edit(_A2, "zh: 学前教育幼儿资助", 'zh: "\\u200b\\u200d\\ufeff\\u2060"')
        message = (
            "the Chinese text is empty; Chinese is the authoritative language"
            " (it holds only invisible characters)"
        )
        line = minimal_copy.line_of(_A2, 'zh: "\\u200b')
        assert [("empty-text", message, f"{_AID}.name.zh", minimal_copy.file(_A2), line)] == _checked(
            minimal_copy
        )

    def test_two_items_named_alike(self, minimal_copy: EditionFolder) -> None:
        """Two items with one Chinese name are duplicate-name at the second."""
        minimal_copy.edit(_A2, "zh: 学前教育幼儿资助", "zh: 孕产妇健康服务")
        message = (
            "item name '孕产妇健康服务' is used again (first at $.aspects[0].categories[0].items[1]);"
            " names tell records apart"
        )
        line = minimal_copy.line_of(_A2, "zh: 孕产妇健康服务")
        assert [("duplicate-name", message, f"{_AID}.name.zh", minimal_copy.file(_A2), line)] == _checked(
            minimal_copy
        )

    def test_a_quoted_compact_date_is_not_a_date(self, minimal_copy: EditionFolder) -> None:
        """'20210420' (quoted) in a date field is a string, which is wrong-type, not 2021-04-20."""
        text = minimal_copy.text(_ED)
        written = next(line for line in text.splitlines() if line.startswith("published: "))
        minimal_copy.edit(_ED, written, "published: '20210420'")
        message = "expected a date (YYYY-MM-DD), found a string ('20210420')"
        line = minimal_copy.line_of(_ED, "published: '2021")
        assert [("wrong-type", message, "$.published", minimal_copy.file(_ED), line)] == _problems(
            minimal_copy
        )

    @pytest.mark.parametrize(
        "text", ["0o17", "0x1F", "1e3", ".NaN", "0777", "2021-04-20", "null", "true", ""]
    )
    def test_dump_quotes_what_would_read_as_another_type(self, tmp_path: Path, text: str) -> None:
        """A string that plain YAML 1.2 reads as a number, date, null or boolean is written quoted."""
        edition = load_folder(MINIMAL)
        item = edition.service_items[0]
        edited = replace_item(edition, item.key, target=attrs.evolve(item.target, en=text))
        assert edited == load_folder(dump_folder(edited, tmp_path / "edition"))
        assert text == load_folder(tmp_path / "edition").service_items[0].target.en


class TestAllAtOnce:
    """Case 14: a structural problem does not hide the checks that can still run."""

    def test_every_problem_in_one_run(
        self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder
    ) -> None:
        """A wrong type in one file, an unknown agency in another and a wrong total: all three, exit 1."""
        minimal_copy.edit(_A1, "    number: 2\n", "    number: two\n")
        minimal_copy.edit(_A2, "    - mof\n", "    - nobody\n", after="key: preschool-aid")
        minimal_copy.edit(_ED, "  items: 5", "  items: 6")
        code, out, _ = _run(capsys, "check", str(minimal_copy))
        a1, a2, ed = (minimal_copy.file(n) for n in (_A1, _A2, _ED))
        assert 1 == code
        wrong = "expected an integer, found a string ('two') @ $.aspects[0].categories[0].items[1].number"
        unknown = (
            "lead unit 'nobody' of item 'preschool-aid' is not in the agency registry (agencies.yaml)"
            f" @ {_AID}.lead_units[1]"
        )
        total = "6 items declared, 5 found @ $.declared.items"
        assert [
            f"{a1}:{minimal_copy.line_of(_A1, 'number: two')}: error [wrong-type] {wrong}",
            f"{a2}:{minimal_copy.line_of(_A2, '- nobody')}: error [unknown-agency] {unknown}",
            f"{ed}:{minimal_copy.line_of(_ED, 'items: 6')}: error [total-mismatch] {total}",
            f"{minimal_copy}: 3 error(s), 0 warning(s)",
        ] == out.splitlines()

    def test_an_unreadable_file_does_not_hide_the_others(
        self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder
    ) -> None:
        """A file that is not YAML is reported with the unknown agency of another file, as JSON too."""
        (minimal_copy.path / _A1).write_text(minimal_copy.text(_A1) + "# \x07\n", encoding="utf-8")
        minimal_copy.edit(_A2, "    - mof\n", "    - nobody\n", after="key: preschool-aid")
        code, out, _ = _run(capsys, "check", str(minimal_copy), "--format", "json")
        report = json.loads(out)
        assert (1, False) == (code, report["ok"])
        assert ["yaml-control-character", "unknown-agency"] == [p["code"] for p in report["problems"]]

    def test_nothing_readable_exits_2(
        self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder
    ) -> None:
        """When edition.yaml itself cannot be read, nothing can be checked: exit 2 with its problem."""
        (minimal_copy.path / _ED).write_text("title: [\n", encoding="utf-8")
        code, out, _ = _run(capsys, "check", str(minimal_copy))
        assert (2, True) == (code, "[yaml-syntax]" in out)

    def test_the_library_still_refuses_half_an_edition(self, minimal_copy: EditionFolder) -> None:
        """load_folder() raises for the same folder: only `check` reports on what it could read."""
        minimal_copy.edit(_A1, "    number: 2\n", "    number: two\n")
        assert ["wrong-type"] == [p[0] for p in _problems(minimal_copy)]
