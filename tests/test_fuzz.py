"""The fuzz campaign: hostile edits of real edition folders end as success or located problems, never a crash.

Two fuzzers feed :func:`bpsstd.load_folder` then :func:`bpsstd.check`:

- a mutation fuzzer over copies of the shipped folders (byte flips, control characters, lines deleted,
  duplicated or swapped, keys renamed, values replaced by hostile tokens, files truncated), seeded, so a
  failing case is reproduced by its number;
- a Hypothesis strategy that places an arbitrary value (huge integers, non-string keys, NaN, dates,
  invisible text) anywhere in the minimal edition's data.

An outcome is acceptable when loading raises :class:`bpsstd.LoadError` carrying problems (and checking what
can be read, as ``bpsstd check`` does, reports them and maybe more), or returns an edition whose
:func:`bpsstd.check` returns a :class:`bpsstd.Report`. Any other exception is a crash.

``BPSSTD_FUZZ_CASES`` sets the number of mutation cases (default 300, a few seconds; ``nox -s fuzz`` runs
5,000); the Hypothesis fuzzer runs a fifth as many examples.

Crashes found and not yet fixed are listed in :data:`KNOWN_CRASHES`, each with a fixture in
``tests/fixtures/crashes/`` and a strict xfail test: the campaign tolerates exactly those signatures, so a new
crash fails CI, and a fixed one fails its xfail until its entry is removed.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bpsstd
from bpsstd import LoadError, Report, check, load_folder
from bpsstd._salvage import check_readable

if TYPE_CHECKING:
    from collections.abc import Callable

TESTS = Path(__file__).resolve().parent
EDITIONS = TESTS.parent / "editions"
MINIMAL = TESTS / "fixtures" / "minimal"
CRASHES = TESTS / "fixtures" / "crashes"
CASES = int(os.environ.get("BPSSTD_FUZZ_CASES", "300"))
PACKAGE = Path(bpsstd.__file__).resolve().parent

# Tokens a hostile or careless editor might leave where a value belongs.
HOSTILE = (
    "",
    "~",
    "null",
    "[]",
    "{}",
    "-1",
    "0",
    "1e999",
    "-.inf",
    ".nan",
    "9" * 400,
    "0777",
    "0x28A",
    "10:50",
    "yes",
    "2024-02-30",
    "2021-04-20",
    "!!binary aGk=",
    "!!bool maybe",
    "!!timestamp soon",
    "!!int x",
    "!!float x",
    "!!python/object:os.system ls",
    "&a 1",
    "*a",
    "<<: {a: 1}",
    "|\n  text",
    "'unterminated",
    '"\\ud800"',
    "\u200b",
    "\ufeff",
    "\u202e",
    "- a\n- b",
    "{1: a, null: b}",
    "? [a]\n: b",
    "%YAML 1.1",
    "---",
    "...",
)
CONTROL = tuple(chr(c) for c in (*range(0x20), 0x7F, 0x85, 0x9F) if c != 0x0A)


def _signature(exc: BaseException) -> str:
    """Name a crash by its exception type and the innermost frame of bpsstd it passed through."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(str(PACKAGE))]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].name}" if frames else "?"
    return f"{type(exc).__name__} in {where}"


# case name (a folder of tests/fixtures/crashes/) -> (crash signature, who fixes it). Empty: the five
# crashes found so far are fixed, each with a regression test (see tests/fixtures/crashes/README.md).
KNOWN_CRASHES: dict[str, tuple[str, str]] = {}


def outcome(folder: Path) -> str:
    """Load and check *folder*; return "ok", "problems" or "load-error", or raise what escaped."""
    try:
        edition = load_folder(folder)
    except LoadError as exc:
        problems = exc.problems
        # `bpsstd check` then checks what can be read (case 14 of issue 13): that path must not crash either.
        partial = check_readable(folder)
        assert partial is None or (isinstance(partial, Report) and set(problems) <= set(partial.problems))
    else:
        report = check(edition)
        assert isinstance(report, Report)
        return "ok" if not report.problems else "problems"
    assert problems, "a LoadError must carry at least one problem"
    assert all(p.code and p.path for p in problems)
    return "load-error"


def _lines(mutate: Callable[[list[bytes], random.Random], None]) -> Callable[[bytes, random.Random], bytes]:
    def apply(data: bytes, rng: random.Random) -> bytes:
        lines = data.splitlines(keepends=True) or [b""]
        mutate(lines, rng)
        return b"".join(lines)

    return apply


def _flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return b"\xff"
    at = rng.randrange(len(data))
    return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :]


def _control(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(CONTROL).encode() + data[at:]


def _delete(lines: list[bytes], rng: random.Random) -> None:
    del lines[rng.randrange(len(lines))]


def _duplicate(lines: list[bytes], rng: random.Random) -> None:
    at = rng.randrange(len(lines))
    lines.insert(at, lines[at])


def _swap(lines: list[bytes], rng: random.Random) -> None:
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]


KEY = re.compile(rb"^(\s*(?:- )?)([A-Za-z_][\w-]*):", re.MULTILINE)


def _rename_key(data: bytes, rng: random.Random) -> bytes:
    keys = list(KEY.finditer(data))
    if not keys:
        return data
    m = rng.choice(keys)
    new = rng.choice([b"1", b"null", b"yes", b"2024-01-01", b"name\xe2\x80\x8b", m.group(2) + b"x", b"NAME"])
    return data[: m.start(2)] + new + data[m.end(2) :]


VALUE = re.compile(rb"^(\s*(?:- )?(?:[\w-]+: )?)(\S.*)$", re.MULTILINE)


def _replace_value(data: bytes, rng: random.Random) -> bytes:
    values = list(VALUE.finditer(data))
    if not values:
        return data
    m = rng.choice(values)
    indent = b" " * (len(m.group(1)) + 2)
    token = rng.choice(HOSTILE).encode().replace(b"\n", b"\n" + indent)
    return data[: m.start(2)] + token + data[m.end(2) :]


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "flip": _flip,
    "control": _control,
    "delete-line": _lines(_delete),
    "duplicate-line": _lines(_duplicate),
    "swap-lines": _lines(_swap),
    "rename-key": _rename_key,
    "replace-value": _replace_value,
    "truncate": _truncate,
}


def _trimmed(edition: str, target: str, work: Path) -> None:
    """Copy *edition* into *work* with one aspect file (the target, or the smallest): fast to load."""
    source = EDITIONS / edition
    aspect = target if target not in ("edition.yaml", "agencies.yaml") else "06-housing.yaml"
    text = (source / "edition.yaml").read_text(encoding="utf-8")
    head = text[: text.index("\naspects:\n")]
    (work / "edition.yaml").write_text(f"{head}\naspects:\n- {aspect}\n", encoding="utf-8")
    for name in ("agencies.yaml", aspect):
        shutil.copyfile(source / name, work / name)


def mutation_case(number: int, work: Path) -> tuple[str, str, Path]:
    """Build fuzz case *number* in the empty folder *work*; return its mutation, the file and the path."""
    rng = random.Random(number)  # noqa: S311  # reproducible test data, not security
    edition = rng.choice(["2021", "2023"])
    target = rng.choice(sorted(p.name for p in (EDITIONS / edition).glob("*.yaml")))
    _trimmed(edition, target, work)
    name = rng.choice(sorted(MUTATIONS))
    data = (work / target).read_bytes()
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        data = MUTATIONS[name](data, rng)
    (work / target).write_bytes(data)
    return name, f"{edition}/{target}", work


def _known(signature: str) -> bool:
    return any(signature == known for known, _ in KNOWN_CRASHES.values())


class TestMutationFuzzer:
    """Byte- and line-level mutations of the shipped folders."""

    def test_campaign(self, tmp_path: Path) -> None:
        """Every mutated folder loads or yields located problems; only recorded crashes are tolerated."""
        unexpected: dict[str, list[str]] = {}
        tolerated = 0
        for number in range(CASES):
            work = tmp_path / str(number)
            work.mkdir()
            mutation, file, folder = mutation_case(number, work)
            try:
                outcome(folder)
            except Exception as exc:  # noqa: BLE001  # a crash is what this test looks for
                signature = _signature(exc)
                if _known(signature):
                    tolerated += 1
                else:
                    unexpected.setdefault(signature, []).append(f"case {number} ({mutation} of {file})")
            shutil.rmtree(work)
        assert {} == {k: v[:3] for k, v in unexpected.items()}, f"{tolerated} known crash(es) tolerated"

    def test_cases_are_reproducible(self, tmp_path: Path) -> None:
        """A case number always builds the same folder, so a crash report is enough to reproduce it."""
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        first = mutation_case(7, tmp_path / "a")
        second = mutation_case(7, tmp_path / "b")
        assert first[:2] == second[:2]
        assert {p.name: p.read_bytes() for p in first[2].iterdir()} == {
            p.name: p.read_bytes() for p in second[2].iterdir()
        }


INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202e"
KEYS = st.one_of(
    st.text(max_size=8),
    st.integers(),
    st.none(),
    st.booleans(),
    st.dates(),
    st.floats(allow_nan=False),
)
SCALARS = st.one_of(
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(),  # NaN and infinities included
    st.dates(),
    st.datetimes(),
    st.booleans(),
    st.none(),
    st.text(alphabet=INVISIBLE, max_size=4),
    st.text(max_size=20),
    st.binary(max_size=8),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=3)),
    max_leaves=6,
)
FILES = sorted(p.name for p in MINIMAL.glob("*.yaml"))


def _place(data: Any, draw: Callable[..., Any], value: Any) -> Any:  # YAML data
    """Return *data* with *value* at a position drawn from it (replacing a value or adding a key)."""
    if isinstance(data, dict) and data and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(data, key=str)))
        return {**data, key: _place(data[key], draw, value)}
    if isinstance(data, list) and data and draw(st.booleans()):
        at = draw(st.integers(0, len(data) - 1))
        return [*data[:at], _place(data[at], draw, value), *data[at + 1 :]]
    if isinstance(data, dict) and draw(st.booleans()):
        return {**data, draw(KEYS): value}
    return value


class TestValueFuzzer:
    """Arbitrary values placed anywhere in an edition's data, written back as YAML."""

    @settings(
        max_examples=max(20, CASES // 5),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(file=st.sampled_from(FILES), value=VALUES, data=st.data())
    def test_any_value_anywhere(self, tmp_path: Path, file: str, value: Any, data: st.DataObject) -> None:
        """Loading and checking end in success or located problems, whatever the value and its place."""
        work = tmp_path / "edition"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(MINIMAL, work)
        original = yaml.safe_load((MINIMAL / file).read_text(encoding="utf-8"))
        placed = _place(original, data.draw, value)
        (work / file).write_text(yaml.safe_dump(placed, allow_unicode=True), encoding="utf-8")
        try:
            outcome(work)
        except Exception as exc:
            if not _known(_signature(exc)):
                raise


def _crash_cases() -> list[Any]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, raises=Exception, reason=f"{sig}: {who}"))
        for name, (sig, who) in sorted(KNOWN_CRASHES.items())
    ]


class TestRecordedCrashes:
    """Each crash the fuzzers found, kept as a fixture folder until the loader is fixed."""

    @pytest.mark.parametrize("name", _crash_cases())
    def test_crash_fixture(self, tmp_path: Path, name: str) -> None:
        """The fixture, laid over a copy of the minimal edition, loads or yields located problems."""
        work = tmp_path / "edition"
        shutil.copytree(MINIMAL, work)
        for fixture in (CRASHES / name).iterdir():
            shutil.copyfile(fixture, work / fixture.name)
        assert outcome(work) in ("ok", "problems", "load-error")

    def test_every_fixture_is_listed(self) -> None:
        """Each folder of tests/fixtures/crashes is a known crash, and each known crash has its folder."""
        folders = {p.name for p in CRASHES.iterdir() if p.is_dir()} if CRASHES.is_dir() else set()
        assert sorted(KNOWN_CRASHES) == sorted(folders)
