"""The command line's contract with CI and terminals: exit codes, odd encodings, broken output, Ctrl-C.

Pipes, closed streams, full disks and signals are exercised with real subprocesses, because only a real
process has a real file descriptor to lose; the rest calls ``main([...])`` in-process.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import bpsstd
import bpsstd.cli
from bpsstd._changed import edition_folders
from bpsstd._cli_find import fail_on_report
from bpsstd._console import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    NON_FINITE,
    Console,
    SafeStream,
    json_text,
    safe_text,
)
from bpsstd.cli import EPILOG, main
from bpsstd.render import diff_json

# The commands import the library on use (cli.py's imports are lazy): a test patches a function
# where it lives. ``bpsstd.editions`` is the function the package exports, so the module is fetched.
EDITIONS_MODULE = importlib.import_module("bpsstd.editions")
#: The last line of ``bpsstd check`` on the minimal edition (as tests/test_cli.py pins it).
MINIMAL_FIDELITY = (
    "fidelity: fields 10 high, 5 medium, 10 low, 0 unknown; quantities 3 high, 2 medium, 1 low, 0 unknown"
)

if TYPE_CHECKING:
    from conftest import EditionFolder

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BIN = Path(sys.executable).parent
BPSSTD = f"{shlex.quote(sys.executable)} -m bpsstd"
INTERNAL = (
    "bpsstd: internal error (RuntimeError: boom); this is a bug in bpsstd, not a problem in your data: "
    "please report it to the bpsstd issue tracker with the command you ran"
)
HINT = " (--debug or BPSSTD_DEBUG=1 shows the traceback)"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "BPSSTD_DEBUG")}
    return {**env, **extra}


def _bpsstd(*argv: str | bytes, encoding: str | None = None) -> subprocess.CompletedProcess[bytes]:
    env = _env(PYTHONIOENCODING=encoding) if encoding else _env()
    return subprocess.run(  # noqa: S603  # our own interpreter and arguments
        [sys.executable, "-m", "bpsstd", *argv], capture_output=True, env=env, check=False
    )


def _bash(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603  # a fixed script of ours
        ["/bin/bash", "-c", script], capture_output=True, text=True, env=_env(), check=False
    )


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def broken(minimal_copy: EditionFolder) -> EditionFolder:
    """A copy of the minimal edition with one broken invariant (an unknown lead unit)."""
    minimal_copy.edit("02-education.yaml", "    - mof\n", "    - nobody\n", after="key: preschool-aid")
    return minimal_copy


class TestExitCodes:
    """Every command keeps the contract 0 ok, 1 problems, 2 usage or unreadable, 3 bug, 130 interrupted."""

    @pytest.mark.parametrize(
        ("argv", "expected"),
        [
            (["list"], 0),
            (["list", "--format", "xml"], 2),
            (["show", "2021"], 0),
            (["show", "2021", "no-such-item"], 2),
            (["show", "no-such-edition"], 2),
            (["check", "2021"], 0),
            (["check", "BROKEN"], 1),
            (["check", "no-such-edition"], 2),
            (["diff", "2021", "2023"], 0),
            (["diff", "2021", "2023", "--fail-on", "any"], 1),
            (["diff", "2021", "2021", "--fail-on", "any"], 0),
            (["diff", "2021", "2023", "--fail-on", "bogus"], 2),
            (["diff", "2021", "no-such-edition"], 2),
            (["export", "2021"], 0),
            (["export", "no-such-edition"], 2),
        ],
    )
    def test_outcomes(
        self, capsys: pytest.CaptureFixture[str], broken: EditionFolder, argv: list[str], expected: int
    ) -> None:
        """Each command's success, problem and usage cases exit with the documented code."""
        code, _, err = _run(capsys, *(str(broken) if a == "BROKEN" else a for a in argv))
        assert expected == code
        assert "Traceback" not in err

    @pytest.mark.parametrize(
        "command",
        [["list"], ["show", "2021"], ["check", "2021"], ["diff", "2021", "2023"], ["export", "2021"]],
    )
    def test_internal_error(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
    ) -> None:
        """A bug anywhere in a command exits 3 with one line that says so and where to report it."""
        # `list` reads each edition's facts (header) and loads none: both are where a command starts.
        for name in ("load", "header"):
            monkeypatch.setattr(EDITIONS_MODULE, name, _raise(RuntimeError("boom")))
        assert (EXIT_INTERNAL, "", f"{INTERNAL}{HINT}\n") == _run(capsys, *command)

    @pytest.mark.parametrize(
        "command",
        [["list"], ["show", "2021"], ["check", "2021"], ["diff", "2021", "2023"], ["export", "2021"]],
    )
    def test_interrupted(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
    ) -> None:
        """Ctrl-C during any command exits 130 with one line."""
        # `list` reads each edition's facts (header) and loads none: both are where a command starts.
        for name in ("load", "header"):
            monkeypatch.setattr(EDITIONS_MODULE, name, _raise(KeyboardInterrupt()))
        assert (EXIT_INTERRUPTED, "", "bpsstd: interrupted\n") == _run(capsys, *command)

    def test_debug_flag_shows_traceback(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--debug prints the traceback before the one-line summary."""
        monkeypatch.setattr(EDITIONS_MODULE, "load", _raise(RuntimeError("boom")))
        code, out, err = _run(capsys, "--debug", "export", "2021")
        assert (EXIT_INTERNAL, "") == (code, out)
        assert err.startswith("Traceback (most recent call last):\n")
        assert err.endswith(f"RuntimeError: boom\n{INTERNAL}\n")

    def test_debug_env_shows_traceback(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """BPSSTD_DEBUG=1 does what --debug does."""
        monkeypatch.setattr(EDITIONS_MODULE, "load", _raise(RuntimeError("boom")))
        monkeypatch.setenv("BPSSTD_DEBUG", "1")
        code, _, err = _run(capsys, "export", "2021")
        assert (EXIT_INTERNAL, True) == (code, err.startswith("Traceback"))

    def test_crash_in_a_real_process(self) -> None:
        """A real process that crashes exits 3, not 1 (which means problems found), without a traceback."""
        script = (
            "import bpsstd.checks as k, bpsstd.cli as c\n"
            "def boom(*a, **k): raise RuntimeError('boom')\n"
            "k.check = boom\n"
            "raise SystemExit(c.main(['check', '2021']))\n"
        )
        done = subprocess.run(  # noqa: S603  # our own interpreter
            [sys.executable, "-c", script], capture_output=True, text=True, env=_env(), check=False
        )
        assert (3, "", f"{INTERNAL}{HINT}\n") == (done.returncode, done.stdout, done.stderr)

    def test_help_documents_codes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The output of --help ends with the exit-code table."""
        code, out, _ = _run(capsys, "--help")
        assert (0, True) == (code, out.endswith(EPILOG))
        for line in (
            "  0    success",
            "  1    problems found",
            "  2    usage error",
            "  3    internal error",
        ):
            assert line in out

    def test_readme_documents_codes(self) -> None:
        """The README carries the same exit-code table as --help."""
        readme = README.read_text(encoding="utf-8")
        assert all(line in readme for line in EPILOG.splitlines())


def _raise(exc: BaseException) -> object:
    def boom(*_: object, **__: object) -> object:
        raise exc

    return boom


class TestCtrlC:
    """Case 8: Ctrl-C prints one line and exits 130, not a KeyboardInterrupt traceback."""

    def test_real_signal(self) -> None:
        """A real SIGINT delivered while a command runs ends the process with 130 and one line."""
        script = (
            "import importlib, os, signal, bpsstd.cli as c\n"
            "e = importlib.import_module('bpsstd.editions')\n"
            "def stop(*a, **k): os.kill(os.getpid(), signal.SIGINT)\n"
            "e.load = stop\n"
            "raise SystemExit(c.main(['export', '2021']))\n"
        )
        done = subprocess.run(  # noqa: S603  # our own interpreter
            [sys.executable, "-c", script], capture_output=True, text=True, env=_env(), check=False
        )
        assert (130, "", "bpsstd: interrupted\n") == (done.returncode, done.stdout, done.stderr)


COMMANDS = [
    ["list"],
    ["list", "--format", "json"],
    ["show", "2021"],
    ["show", "2023", "rural-student-nutrition"],
    ["check", "2021"],
    ["diff", "2021", "2023"],
    ["diff", "2021", "2023", "--lang", "en"],
    ["diff", "2021", "2023", "--format", "markdown"],
    ["diff", "2021", "2023", "--format", "json"],
    ["export", "2021"],
    ["--help"],
]


class TestTerminals:
    """Case 6: output never crashes on the stream's encoding."""

    @pytest.mark.parametrize("encoding", ["ascii", "latin-1", "gbk"])
    @pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
    def test_encodings(self, encoding: str, argv: list[str]) -> None:
        """Every command exits 0 with nothing on stderr under an ASCII, Latin-1 or GBK stream."""
        done = _bpsstd(*argv, encoding=encoding)
        assert (0, b"") == (done.returncode, done.stderr)
        done.stdout.decode(encoding)  # strictly decodable: nothing unencodable slipped through
        if "json" in argv or "export" in argv:
            json.loads(done.stdout.decode(encoding))  # escapes keep the JSON valid and lossless

    def test_gbk_minus_sign(self) -> None:
        """Under GBK, the diff's minus sign (U+2212, which GBK lacks) is written as an ASCII hyphen."""
        utf8 = _bpsstd("diff", "2021", "2023", encoding="utf-8").stdout.decode("utf-8")
        assert "\u2212" in utf8
        gbk = _bpsstd("diff", "2021", "2023", encoding="gbk").stdout.decode("gbk")
        assert utf8.replace("\u2212", "-") == gbk

    def test_ascii_arrows(self) -> None:
        """Under ASCII, arrows become -> and ^, and Chinese text becomes escapes."""
        out = _bpsstd("diff", "2021", "2023", encoding="ascii").stdout.decode("ascii")
        assert "200\\u5143 -> \\u6bcf" in out  # 每生每年200元 → 每生每年300元
        assert "\\u56fd\\u5bb6" in out  # 国家

    def test_non_utf8_folder_name(self, tmp_path: Path, minimal_dir: Path) -> None:
        r"""A folder name with a byte that is not UTF-8 is shown as \xNN on a strict UTF-8 stream."""
        folder = os.fsencode(tmp_path) + b"/mini\xff"
        shutil.copytree(minimal_dir, os.fsdecode(folder))
        done = _bpsstd("check", folder, encoding="utf-8:strict")
        shown = f"{tmp_path}/mini\\xff"
        expected = f"{shown}: ok (5 items, no problems)\n{shown}: {MINIMAL_FIDELITY}\n".encode()
        assert (0, expected, b"") == (done.returncode, done.stdout, done.stderr)

    def test_non_utf8_folder_name_in_problems(self, tmp_path: Path, minimal_dir: Path) -> None:
        """Problem lines name the file with the undecodable byte escaped, and the exit is still 1."""
        folder = os.fsdecode(os.fsencode(tmp_path) + b"/mini\xff")
        shutil.copytree(minimal_dir, folder)
        education = Path(folder) / "02-education.yaml"
        text = education.read_text(encoding="utf-8")
        at = text.index("    - mof\n", text.index("key: preschool-aid"))
        education.write_text(text[:at] + "    - nobody\n" + text[at + 10 :], encoding="utf-8")
        done = _bpsstd("check", os.fsencode(folder), encoding="utf-8:strict")
        lines = done.stdout.decode("utf-8").splitlines()
        assert (1, b"") == (done.returncode, done.stderr)
        assert lines[0].startswith(f"{tmp_path}/mini\\xff/02-education.yaml:")
        assert "[unknown-agency]" in lines[0]

    def test_control_characters_are_escaped(
        self, capsys: pytest.CaptureFixture[str], broken: EditionFolder
    ) -> None:
        """A control character in a folder name is shown escaped, never sent raw to the terminal."""
        target = broken.path.with_name("mini\x1b[31m")
        broken.path.rename(target)
        code, out, _ = _run(capsys, "check", str(target))
        assert (1, True, False) == (code, "mini\\x1b[31m/02-education.yaml:" in out, "\x1b" in out)


class TestBrokenOutput:
    """Cases 7 and 9: a closed, full or abandoned output never changes the outcome, and never a traceback."""

    def test_closed_stdout(self) -> None:
        """`bpsstd list >&-` exits 2 and says the output could not be written."""
        done = _bash(f"{BPSSTD} list >&-")
        assert (2, "bpsstd: cannot write the output: standard output is closed\n") == (
            done.returncode,
            done.stderr,
        )

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
    def test_full_disk(self) -> None:
        """`bpsstd export 2021 > /dev/full` exits 2 and says why."""
        done = _bash(f"{BPSSTD} export 2021 > /dev/full")
        assert (2, "bpsstd: cannot write the output: No space left on device\n") == (
            done.returncode,
            done.stderr,
        )

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
    def test_full_disk_keeps_problems(self, broken: EditionFolder) -> None:
        """Problems found still exit 1 when the report cannot be written."""
        done = _bash(f"{BPSSTD} check {shlex.quote(str(broken))} > /dev/full")
        assert (1, "") == (done.returncode, done.stderr)

    def test_gate_through_a_closed_pipe_pipefail(self) -> None:
        """`set -o pipefail; bpsstd diff 2021 2023 --fail-on any | true` exits 1: the gate still trips."""
        done = _bash(f"set -o pipefail; {BPSSTD} diff 2021 2023 --fail-on any | true")
        assert (1, _gate_message()) == (done.returncode, done.stderr)

    def test_gate_through_a_closed_pipe_pipestatus(self) -> None:
        """${PIPESTATUS[0]} of `bpsstd diff 2021 2023 --fail-on any | true` is 1."""
        done = _bash(f'{BPSSTD} diff 2021 2023 --fail-on any | true; echo "${{PIPESTATUS[0]}}"')
        assert "1\n" == done.stdout

    def test_check_through_a_closed_pipe(self, broken: EditionFolder) -> None:
        """`bpsstd check BAD | true` exits 1 under pipefail, not 0."""
        done = _bash(f"set -o pipefail; {BPSSTD} check {shlex.quote(str(broken))} | true")
        assert (1, "") == (done.returncode, done.stderr)

    def test_reader_stops_early(self) -> None:
        """`bpsstd diff 2021 2023 | head -1` is a success: a reader that stops is not an error."""
        done = _bash(f"set -o pipefail; {BPSSTD} diff 2021 2023 | head -1")
        assert (0, "", 1) == (done.returncode, done.stderr, done.stdout.count("\n"))

    def test_gate_when_the_write_fails_in_process(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A write that raises BrokenPipeError mid-report leaves the gate's code (1), not 0."""
        monkeypatch.setattr(sys, "stdout", _Failing(errno.EPIPE))
        code = main(["diff", "2021", "2023", "--fail-on", "any"])
        assert (1, _gate_message()) == (code, capsys.readouterr().err)


def _gate_message() -> str:
    """What the gate of ``diff 2021 2023 --fail-on any`` writes to stderr: every change matches."""
    changes = bpsstd.diff(bpsstd.load("2021"), bpsstd.load("2023")).changes
    return fail_on_report(changes, ("any",))


class _Failing:
    """A stand-in for a stream whose every write fails with *error*."""

    encoding = "utf-8"

    def __init__(self, error: int) -> None:
        self.error = error

    def write(self, _: str) -> int:
        raise OSError(self.error, os.strerror(self.error))

    def flush(self) -> None:
        """Nothing to flush."""


class TestSafeStream:
    """The safe stream and the console's run, without a subprocess."""

    def test_broken_pipe_is_kept_and_later_writes_dropped(self) -> None:
        """The first failure is kept, every write still reports its full length."""
        stream = SafeStream(_Failing(errno.EPIPE), "output")  # type: ignore[arg-type]
        assert (3, 3, True) == (stream.write("abc"), stream.write("def"), stream.broken_pipe)

    @pytest.mark.parametrize(
        ("error", "code", "expected"), [(errno.EPIPE, 0, 0), (errno.ENOSPC, 0, 2), (errno.ENOSPC, 1, 1)]
    )
    def test_outcome(self, monkeypatch: pytest.MonkeyPatch, error: int, code: int, expected: int) -> None:
        """A lost reader never changes the code; lost output turns only a success into 2."""
        monkeypatch.setattr(sys, "stdout", _Failing(error))

        def command() -> int:
            sys.stdout.write("report\n")
            return code

        with Console() as console:
            assert expected == console.run(command)

    def test_streams_are_restored(self) -> None:
        """Leaving the console puts the original streams back."""
        before = (sys.stdout, sys.stderr)
        with Console():
            assert isinstance(sys.stdout, SafeStream)
        assert before == (sys.stdout, sys.stderr)


ENCODINGS = ["ascii", "latin-1", "gbk", "utf-8", "cp1252", "shift_jis"]


class TestSafeText:
    """Laws of safe_text."""

    @given(st.text(), st.sampled_from(ENCODINGS))
    def test_always_encodable(self, text: str, encoding: str) -> None:
        """Whatever the text, the result encodes strictly in the stream's encoding."""
        safe_text(text, encoding).encode(encoding)

    @given(st.text(st.characters(codec="gbk", exclude_categories=["Cc"])))
    def test_identity_when_encodable(self, text: str) -> None:
        """Text the stream can encode, without control characters, is written unchanged."""
        assert text == safe_text(text, "gbk")

    def test_fallbacks(self) -> None:
        """Arrows, the minus sign and full-width punctuation have ASCII spellings; the rest is escaped."""
        assert "^ 200 -> 300, -5 (x) \\u56fd \\xff \\x07" == safe_text(
            "↑ 200 → 300, −5 （x） 国 \udcff \x07", "ascii"
        )


class TestJson:
    """JSON output never holds NaN or Infinity."""

    @staticmethod
    def _strict(text: str) -> object:
        def refuse(name: str) -> object:
            raise ValueError(name)

        return json.loads(text, parse_constant=refuse)

    def test_export_infinity(self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder) -> None:
        """An infinite quantity is exported as the string "Infinity", and the JSON is strict."""
        minimal_copy.edit("01-childcare.yaml", "value: 1\n", "value: .inf\n")
        code, out, _ = _run(capsys, "export", str(minimal_copy))
        assert (0, True) == (code, f'"value": "{NON_FINITE["inf"]}"' in out)
        self._strict(out)

    def test_diff_nan(
        self, capsys: pytest.CaptureFixture[str], minimal_copy: EditionFolder, minimal_dir: Path
    ) -> None:
        """A NaN in a diff is written as the string "NaN", and the JSON is strict."""
        minimal_copy.edit("01-childcare.yaml", "value: 1\n", "value: .nan\n")
        code, out, _ = _run(capsys, "diff", str(minimal_dir), str(minimal_copy), "--format", "json")
        assert (0, True) == (code, '"NaN"' in out)
        self._strict(out)

    def test_library_agrees(self, capsys: pytest.CaptureFixture[str]) -> None:
        """For finite data, the command's JSON is exactly the library's diff."""
        code, out, _ = _run(capsys, "diff", "2021", "2023", "--format", "json")
        result = bpsstd.diff(bpsstd.load("2021"), bpsstd.load("2023"))
        assert (0, bpsstd.unstructure(result)) == (code, json.loads(out))
        assert json_text(bpsstd.unstructure(result)) == diff_json(result) == out


def _hook(hook_id: str) -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(h for h in hooks if h["id"] == hook_id)


def _action_step(name: str) -> dict[str, Any]:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return next(s for s in action["runs"]["steps"] if s.get("name") == name)


def _run_step(step: dict[str, Any], **env: str) -> subprocess.CompletedProcess[str]:
    path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    return subprocess.run(  # noqa: S603  # the action's own script
        ["/bin/bash", "-c", step["run"]],
        capture_output=True,
        text=True,
        env=_env(PATH=path, **env),
        check=False,
    )


class TestCiIntegration:
    """The pre-commit hook and the GitHub Action run bpsstd check on the edition folders a change touches."""

    def test_hook_on_clean_folder(self, minimal_copy: EditionFolder) -> None:
        """The hook's entry, given a changed file of a clean folder, exits 0 and says it is ok."""
        entry = _hook("bpsstd-check")["entry"].split()
        done = subprocess.run(  # noqa: S603  # the hook's own entry
            [str(BIN / entry[0]), *entry[1:], minimal_copy.file("02-education.yaml")],
            capture_output=True,
            text=True,
            env=_env(),
            check=False,
        )
        expected = f"{minimal_copy}: ok (5 items, no problems)\n{minimal_copy}: {MINIMAL_FIDELITY}\n"
        assert (0, expected, "") == (
            done.returncode,
            done.stdout,
            done.stderr,
        )

    def test_hook_on_broken_folder(self, broken: EditionFolder) -> None:
        """The hook's entry exits 1 and prints the located problem of a broken folder."""
        entry = _hook("bpsstd-check")["entry"].split()
        done = subprocess.run(  # noqa: S603  # the hook's own entry
            [str(BIN / entry[0]), *entry[1:], broken.file("02-education.yaml"), broken.file("edition.yaml")],
            capture_output=True,
            text=True,
            env=_env(),
            check=False,
        )
        line = broken.line_of("02-education.yaml", "- nobody")
        assert (1, "") == (done.returncode, done.stderr)
        assert done.stdout.startswith(f"{broken.file('02-education.yaml')}:{line}: error [unknown-agency] ")
        assert done.stdout.endswith(f"{broken}: 1 error(s), 0 warning(s)\n{broken}: {MINIMAL_FIDELITY}\n")

    def test_folders_of_changed_files(self, tmp_path: Path, minimal_dir: Path) -> None:
        """Changed files map to their nearest edition folder, once each; other files are ignored."""
        repo = tmp_path / "repo"
        shutil.copytree(minimal_dir, repo / "editions" / "2099")
        (repo / "docs").mkdir()
        files = [
            str(repo / "editions" / "2099" / "01-childcare.yaml"),
            str(repo / "editions" / "2099" / "deleted.yaml"),
            str(repo / "docs" / "x.yaml"),
            "",
        ]
        assert (repo / "editions" / "2099",) == edition_folders(files)

    def test_diff_hook_is_the_command(self) -> None:
        """The diff hook runs `bpsstd diff` with the user's arguments and no file names."""
        hook = _hook("bpsstd-diff")
        assert ("bpsstd diff", False) == (hook["entry"], hook["pass_filenames"])

    def test_action_check_step(self, broken: EditionFolder, tmp_path: Path, minimal_dir: Path) -> None:
        """The action's check step exits 0 on a clean folder and 1 on a broken one."""
        step = _action_step("Check the changed edition folders")
        clean = _run_step(step, PATHS=str(minimal_dir / "edition.yaml"), BASE="")
        failed = _run_step(step, PATHS=f"{tmp_path}/README.md\n{broken.file('02-education.yaml')}", BASE="")
        assert (0, 1) == (clean.returncode, failed.returncode)
        assert "[unknown-agency]" in failed.stdout

    @pytest.mark.parametrize(("fail_on", "expected"), [("any", 1), ("", 0)])
    def test_action_diff_step(self, fail_on: str, expected: int) -> None:
        """The action's diff gate exits 1 when a change matches fail-on, and 0 without a gate."""
        step = _action_step("Gate the changes between two editions")
        done = _run_step(step, OLD="2021", NEW="2023", FAIL_ON=fail_on)
        assert expected == done.returncode

    def test_action_inputs_are_declared(self) -> None:
        """Every input the action's steps use is declared with a description."""
        text = (ROOT / "action.yml").read_text(encoding="utf-8")
        action = yaml.safe_load(text)
        used = set(re.findall(r"inputs\.([\w-]+)", text))
        assert used == set(action["inputs"])
        assert all(spec["description"] for spec in action["inputs"].values())
