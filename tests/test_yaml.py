"""The safe YAML reader: plain data with the line of every value, and refusals of unsafe YAML.

Every test runs on both YAML paths (libyaml's composer and the pure-Python one), and a class of
tests requires the two to give identical results, value for value and problem for problem.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from bpsstd import LoadError, load_folder
from bpsstd._yaml import (
    LIBYAML,
    MAX_BYTES,
    MAX_DEPTH,
    YamlPath,
    YamlProblem,
    read_yaml,
)
from bpsstd.editions import editions_root
from bpsstd.folder import to_yaml
from bpsstd.problems import CODES, Stage

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import EditionFolder

    from bpsstd.problems import Problem

PATHS: tuple[YamlPath, ...] = ("libyaml", "python") if LIBYAML else ("python",)


@pytest.fixture(params=PATHS)
def yaml_path(request: pytest.FixtureRequest) -> YamlPath:
    """Each test taking this fixture runs once on every YAML path this PyYAML offers."""
    path: YamlPath = request.param
    return path


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.dates()
    | st.text(st.characters(codec="utf-8"))
)
_DATA = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _write(folder: Path, content: str | bytes, name: str = "file.yaml") -> Path:
    file = folder / name
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_text(content, encoding="utf-8")
    return file


def _problem(folder: Path, content: str | bytes, path: YamlPath) -> YamlProblem:
    with pytest.raises(YamlProblem) as info:
        read_yaml(_write(folder, content), path=path)
    return info.value


def _refusal(folder: Path, content: str | bytes, path: YamlPath) -> tuple[str, int | None]:
    problem = _problem(folder, content, path)
    return problem.code, problem.line


def _read(folder: Path, content: str, path: YamlPath) -> Any:  # YAML data
    return read_yaml(_write(folder, content), path=path)[0]


def _lookup(data: Any, path: tuple[str | int, ...]) -> Any:  # YAML data
    for part in path:
        data = data[part]
    return data


def _outcome(file: Path, path: YamlPath) -> str:
    """What reading *file* gives, as text that compares NaN, types and problems exactly."""
    try:
        value, located = read_yaml(file, path=path)
    except YamlProblem as exc:
        return f"problem {exc.code} {exc.line} {exc.message}"
    return f"ok {value!r} {sorted(located.items(), key=repr)!r}"


class TestPlainData:
    """What the reader returns for files it accepts."""

    def test_values_and_the_line_of_every_path(self, tmp_path: Path, yaml_path: YamlPath) -> None:
        """Every value comes with the 1-based line where it (or its key) stands."""
        text = "# a comment\na: 1\nb:\n  - x\n  - c: 2\n    d: [3, 4]\n"
        value, located = read_yaml(_write(tmp_path, text), path=yaml_path)
        assert {"a": 1, "b": ["x", {"c": 2, "d": [3, 4]}]} == value
        expected = {
            (): 2,
            ("a",): 2,
            ("b",): 3,
            ("b", 0): 4,
            ("b", 1): 5,
            ("b", 1, "c"): 5,
            ("b", 1, "d"): 6,
            ("b", 1, "d", 0): 6,
            ("b", 1, "d", 1): 6,
        }
        assert expected == located

    @pytest.mark.parametrize("path", PATHS)
    @given(data=_DATA)
    def test_reads_back_what_was_written(
        self, tmp_path_factory: pytest.TempPathFactory, path: YamlPath, data: Any
    ) -> None:
        """Plain data written by the folders' writer (quoting what YAML 1.2 needs) reads back unchanged."""
        text = to_yaml(data, "")
        value, located = read_yaml(_write(tmp_path_factory.mktemp("yaml"), text), path=path)
        assert data == value
        for where, line in located.items():
            _lookup(value, where)
            assert 1 <= line <= text.count("\n") + 1

    def test_a_byte_order_mark_is_ignored(self, tmp_path: Path, yaml_path: YamlPath) -> None:
        """A UTF-8 byte order mark, as some Windows editors write, is not data."""
        assert {"a": 1} == _read(tmp_path, "\ufeffa: 1\n", yaml_path)

    def test_a_lone_equals_sign_is_text(self, tmp_path: Path, yaml_path: YamlPath) -> None:
        """A plain "=" (YAML 1.1's obscure value type) reads as the text it is."""
        assert {"a": "=", "b": ["=", "x"]} == _read(tmp_path, "a: =\nb: [=, x]\n", yaml_path)

    def test_an_anchor_without_alias_is_harmless(self, tmp_path: Path, yaml_path: YamlPath) -> None:
        """Only aliases multiply data: an anchor that nothing refers to is accepted."""
        assert {"a": 1, "b": 2} == _read(tmp_path, "a: &x 1\nb: 2\n", yaml_path)

    def test_nesting_up_to_the_limit_is_accepted(self, tmp_path: Path, yaml_path: YamlPath) -> None:
        """MAX_DEPTH levels of nesting are read."""
        value = _read(tmp_path, "[" * MAX_DEPTH + "]" * MAX_DEPTH, yaml_path)
        for _ in range(MAX_DEPTH - 1):
            value = value[0]
        assert [] == value

    def test_the_size_limit_is_inclusive(
        self, tmp_path: Path, yaml_path: YamlPath, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file of exactly MAX_BYTES is read; one byte more is refused (a small limit keeps this quick)."""
        monkeypatch.setattr("bpsstd._yaml.MAX_BYTES", 16)
        assert {"a": 1} == _read(tmp_path, "a: 1\n#" + "x" * 10, yaml_path)
        assert ("file-too-large", None) == _refusal(tmp_path, "a: 1\n#" + "x" * 11, yaml_path)

    def test_the_node_limit_is_inclusive(
        self, tmp_path: Path, yaml_path: YamlPath, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file of exactly MAX_NODES nodes is read; one node more is refused, tagged or not."""
        monkeypatch.setattr("bpsstd._yaml.MAX_NODES", 4)
        assert [0, 1, 2] == _read(tmp_path, "[0, 1, 2]", yaml_path)
        assert ("yaml-too-many-nodes", None) == _refusal(tmp_path, "[0, 1, 2, 3]", yaml_path)
        tagged = "[!!int 0, !!int 1, !!int 2, !!int 3]"
        assert ("yaml-too-many-nodes", None) == _refusal(tmp_path, tagged, yaml_path)


class TestCoreSchema:
    """Plain scalars are read by the YAML 1.2 core schema, and dates only when written as dates."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("yes", "yes"),
            ("no", "no"),
            ("on", "on"),
            ("off", "off"),
            ("y", "y"),
            ("Yes", "Yes"),
            ("tRUE", "tRUE"),
            ("true", True),
            ("True", True),
            ("FALSE", False),
            ("null", None),
            ("NULL", None),
            ("~", None),
            ("", None),
            ("nULL", "nULL"),
            ("0777", 777),
            ("0o17", 15),
            ("0x28A", 650),
            ("0b101", "0b101"),
            ("10:50", "10:50"),
            ("1_000", "1_000"),
            ("+12", 12),
            ("-0", 0),
            ("20210420", 20210420),
            ("1.5", 1.5),
            ("1.", 1.0),
            (".5", 0.5),
            ("1e3", 1000.0),
            ("-2.5E-1", -0.25),
            (".inf", math.inf),
            ("-.Inf", -math.inf),
            ("2021-04-20", dt.date(2021, 4, 20)),
            ("2021-4-20", "2021-4-20"),
            ("2021-04-20 10:00:00", "2021-04-20 10:00:00"),
            ("2021-04-20T10:00:00Z", "2021-04-20T10:00:00Z"),
            ("=", "="),
            ("国家基本公共服务标准", "国家基本公共服务标准"),
        ],
    )
    def test_plain_scalar(self, tmp_path: Path, yaml_path: YamlPath, text: str, expected: object) -> None:
        """A plain scalar as a value and as a key reads as the core schema says, type and all."""
        value = _read(tmp_path, f"a: {text}\n", yaml_path)["a"]
        assert (type(expected), expected) == (type(value), value)
        if text:
            (key,) = _read(tmp_path, f"{text}: a\n", yaml_path)
            assert (type(expected), expected) == (type(key), key)

    def test_not_a_number(self, tmp_path: Path, yaml_path: YamlPath) -> None:
        """.nan is the float NaN (the checks report it where a number must be finite)."""
        assert math.isnan(_read(tmp_path, "a: .NaN\n", yaml_path)["a"])

    @pytest.mark.parametrize(
        "text", ["'20210420'", "'2021-04-20'", '"yes"', "'0777'", "'true'", "'~'", "|\n  12\n"]
    )
    def test_quoted_scalars_are_strings(self, tmp_path: Path, yaml_path: YamlPath, text: str) -> None:
        """Quoted and block scalars are strings whatever they look like."""
        assert isinstance(_read(tmp_path, f"a: {text}\n", yaml_path)["a"], str)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("!!str 0777", "0777"),
            ("!!str yes", "yes"),
            ("!!int 12", 12),
            ("!!int 0x1F", 31),
            ("!!float 1", 1.0),
            ("!!float -.inf", -math.inf),
            ("!!bool true", True),
            ("!!null ~", None),
            ("!!timestamp 2021-04-20", dt.date(2021, 4, 20)),
        ],
    )
    def test_explicit_core_tags(
        self, tmp_path: Path, yaml_path: YamlPath, text: str, expected: object
    ) -> None:
        """A core tag is obeyed when the value is written in one of its forms."""
        value = _read(tmp_path, f"a: {text}\n", yaml_path)["a"]
        assert (type(expected), expected) == (type(value), value)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("!!bool maybe", "bad value 'maybe': a boolean (true or false) was expected"),
            ("!!timestamp soon", "bad value 'soon': a date (YYYY-MM-DD) was expected"),
            (
                "!!timestamp 2021-04-20 10:00:00",
                "bad value '2021-04-20 10:00:00': a date (YYYY-MM-DD) was expected",
            ),
            ("!!int 1.5", "bad value '1.5': an integer (e.g. 12, 0o14 or 0xC) was expected"),
            ("!!int 0777.", "bad value '0777.': an integer (e.g. 12, 0o14 or 0xC) was expected"),
            ("!!float ten", "bad value 'ten': a number (e.g. 1.5, 2e3 or .inf) was expected"),
            ("!!null 0", "bad value '0': null (null, Null, NULL, ~ or nothing) was expected"),
            ("2021-02-30", "bad value '2021-02-30': day is out of range for month"),
        ],
    )
    def test_bad_scalars(self, tmp_path: Path, yaml_path: YamlPath, text: str, message: str) -> None:
        """A value that does not fit its tag, or a date no calendar has, is a located problem."""
        problem = _problem(tmp_path, f"x: 1\na: {text}\n", yaml_path)
        assert ("yaml-bad-scalar", 2, message) == (problem.code, problem.line, problem.message)

    def test_an_integer_beyond_python_s_digit_limit(self, tmp_path: Path, yaml_path: YamlPath) -> None:
        """An integer of 5,000 digits is a bad scalar, not a ValueError traceback."""
        assert ("yaml-bad-scalar", 1) == _refusal(tmp_path, "a: " + "9" * 5000 + "\n", yaml_path)


_BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


class TestRefusals:
    """Files that are not plain, safe YAML are refused with a code and the line to look at."""

    @pytest.mark.parametrize(
        ("content", "code", "line"),
        [
            pytest.param("a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", 3, id="duplicate-key"),
            pytest.param("a:\n  b: 1\n  b: 2\n", "yaml-duplicate-key", 3, id="nested-duplicate-key"),
            pytest.param("a: 1\n1: 2\n01: 3\n", "yaml-duplicate-key", 3, id="same-number"),
            pytest.param("a: &x [1]\nb: *x\n", "yaml-alias", 2, id="alias"),
            pytest.param("a: &x 1\nb: *x\n", "yaml-alias", 2, id="scalar-alias"),
            pytest.param(_BILLION_LAUGHS, "yaml-alias", 2, id="billion-laughs"),
            pytest.param("a: !!binary aGVsbG8=\n", "yaml-tag", 1, id="binary-tag"),
            pytest.param("a: !!set {x: null}\n", "yaml-tag", 1, id="set-tag"),
            pytest.param("a: !!str {x: 1}\n", "yaml-tag", 1, id="string-tag-on-mapping"),
            pytest.param("a: !!map x\n", "yaml-tag", 1, id="mapping-tag-on-scalar"),
            pytest.param("a: 1\nb: !custom x\n", "yaml-tag", 2, id="local-tag"),
            pytest.param("a: !!python/name:os.system\n", "yaml-tag", 1, id="python-name"),
            pytest.param("? [a, b]\n: 1\n", "yaml-key", 1, id="complex-key"),
            pytest.param("a: 1\n<<: {b: 2}\n", "yaml-key", 2, id="merge-key"),
            pytest.param("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "yaml-too-deep", 1, id="too-deep"),
            pytest.param("[" * 100_000 + "]" * 100_000, "yaml-too-deep", 1, id="far-too-deep"),
            pytest.param("a: 1\n\tb: 2\n", "yaml-syntax", 2, id="tab"),
            pytest.param("a: [1, 2\nb: 3\n", "yaml-syntax", 2, id="unclosed-bracket"),
            pytest.param("a: 1\nb: 'open\n", "yaml-syntax", 3, id="unclosed-quote"),
            pytest.param("a: 1\n---\nb: 2\n", "yaml-syntax", 2, id="two-documents"),
            pytest.param(b"a: 1\nb: caf\xe9\n", "not-utf8", 2, id="latin-1"),
            pytest.param("a: 1\n# \x00\n", "yaml-control-character", 2, id="nul-in-comment"),
            pytest.param("a: b\x07c\n", "yaml-control-character", 1, id="bell-in-value"),
            pytest.param("a: '\x1b[31m'\n", "yaml-control-character", 1, id="escape-in-quotes"),
            pytest.param("a: 1\n\ufeffb: 2\n", "yaml-control-character", 2, id="inner-byte-order-mark"),
            pytest.param("", "empty-file", 1, id="empty"),
            pytest.param("  \n\n", "empty-file", 1, id="blank"),
            pytest.param("# only\n  # comments\n", "empty-file", 1, id="comments-only"),
        ],
    )
    def test_refused(
        self, tmp_path: Path, yaml_path: YamlPath, content: str | bytes, code: str, line: int
    ) -> None:
        """The reader raises YamlProblem with the expected code and line."""
        assert (code, line) == _refusal(tmp_path, content, yaml_path)

    def test_every_code_is_declared(self) -> None:
        """Every code the refusals above show is declared in the one registry as a loader code."""
        shown = {
            "yaml-duplicate-key",
            "yaml-alias",
            "yaml-tag",
            "yaml-key",
            "yaml-too-deep",
            "yaml-syntax",
            "not-utf8",
            "yaml-control-character",
            "empty-file",
            "yaml-bad-scalar",
            "yaml-too-many-nodes",
            "file-too-large",
            "file-not-found",
        }
        assert shown <= {c for c, declared in CODES.items() if declared.stage is Stage.LOAD}

    def test_the_control_character_message(self, tmp_path: Path, yaml_path: YamlPath) -> None:
        """The message shows the character escaped, with its code point, line and column."""
        problem = _problem(tmp_path, "a: 1\n# \x00\n", yaml_path)
        expected = (
            "control character '\\x00' (U+0000) at line 2, column 3 "
            "is not allowed in an edition file; delete it"
        )
        assert expected == problem.message

    def test_the_node_limit_stops_composing(
        self, tmp_path: Path, yaml_path: YamlPath, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The limit is checked while composing: what follows it (here a syntax error) is never read."""
        monkeypatch.setattr("bpsstd._yaml.MAX_NODES", 10)
        content = "[" + ", ".join(["0"] * 20) + "\n]]]\n"
        assert ("yaml-too-many-nodes", None) == _refusal(tmp_path, content, yaml_path)

    def test_python_tags_execute_nothing(self, tmp_path: Path, yaml_path: YamlPath) -> None:
        """A python/object/apply tag is refused before anything could run it."""
        marker = tmp_path / "pwned"
        content = f"a: 1\nb: !!python/object/apply:os.system ['touch {marker}']\n"
        assert ("yaml-tag", 2) == _refusal(tmp_path, content, yaml_path)
        assert not marker.exists()

    def test_a_file_above_the_size_limit_is_not_parsed(self, tmp_path: Path, yaml_path: YamlPath) -> None:
        """One byte over MAX_BYTES is refused, without a line (the file is not read)."""
        assert ("file-too-large", None) == _refusal(tmp_path, "a: 1\n#" + "x" * (MAX_BYTES - 5), yaml_path)

    def test_a_missing_file(self, tmp_path: Path, yaml_path: YamlPath) -> None:
        """A missing file is refused with its name in the message."""
        with pytest.raises(YamlProblem) as info:
            read_yaml(tmp_path / "absent.yaml", path=yaml_path)
        assert ("file-not-found", None) == (info.value.code, info.value.line)
        assert "absent.yaml" in info.value.message

    def test_the_duplicate_key_message_names_the_first_line(
        self, tmp_path: Path, yaml_path: YamlPath
    ) -> None:
        """The message tells where the first occurrence of the key stands."""
        problem = _problem(tmp_path, "x: 1\na: 1\nb: 2\na: 3\n", yaml_path)
        assert "'a'" in problem.message
        assert "first on line 2" in problem.message

    def test_the_alias_message_names_the_anchor(self, tmp_path: Path, yaml_path: YamlPath) -> None:
        """The message names the alias, on either path (libyaml's leaves the pure path to word it)."""
        problem = _problem(tmp_path, "a: &first [1]\nb: *first\n", yaml_path)
        assert "(*first)" in problem.message

    def test_the_not_utf8_message_names_the_byte(self, tmp_path: Path, yaml_path: YamlPath) -> None:
        """The message shows the offending byte and its offset."""
        assert "0xff at offset 4" in _problem(tmp_path, b"ab: \xff\n", yaml_path).message


#: Characters from which the agreement property builds texts: YAML's indicators and a few letters.
_YAMLISH = st.lists(
    st.sampled_from([*"ab01.-: []{},\n'\"#&*!?|>~\t<=%@`", "yes", "!!int ", "!!str ", "\n  ", "\n- "])
).map("".join)


@pytest.mark.skipif(not LIBYAML, reason="PyYAML was built without libyaml")
class TestBothPathsAgree:
    """The libyaml and pure-Python paths give identical results: values, lines and problems."""

    @pytest.mark.parametrize(
        "file", sorted((editions_root()).glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}"
    )
    def test_on_the_shipped_files(self, file: Path) -> None:
        """Every shipped file reads the same, with the same line for every value."""
        assert _outcome(file, "python") == _outcome(file, "libyaml")

    @given(text=_YAMLISH)
    @example(text="|#")  # a comment right after a block scalar's header: libyaml alone accepted it
    @example(text="a: >+#\n")
    def test_on_any_text(self, tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
        """Any text of YAML indicators reads the same, or is refused with the same code, line and message."""
        file = _write(tmp_path_factory.mktemp("yaml"), text)
        assert _outcome(file, "python") == _outcome(file, "libyaml")

    @given(
        data=_DATA,
        style=st.sampled_from([None, "'", '"']),
        flow=st.sampled_from([None, True, False]),
    )
    def test_on_any_data(
        self,
        tmp_path_factory: pytest.TempPathFactory,
        data: Any,
        style: str | None,
        flow: bool | None,  # noqa: FBT001
    ) -> None:
        """Any data, written in any style, reads the same on both paths."""
        text = yaml.safe_dump(data, allow_unicode=True, default_style=style, default_flow_style=flow)
        file = _write(tmp_path_factory.mktemp("yaml"), text)
        assert _outcome(file, "python") == _outcome(file, "libyaml")

    @given(
        which=st.integers(0, 21),
        at=st.floats(0, 1),
        insert=st.sampled_from(
            ["\x00", "\t", ": ", "- ", "&a ", "*a", "!!int ", "\n  ", "'", "{", "yes", "<<: "]
        ),
    )
    def test_on_mutated_shipped_files(
        self, tmp_path_factory: pytest.TempPathFactory, which: int, at: float, insert: str
    ) -> None:
        """A shipped file with a hostile fragment inserted anywhere reads the same on both paths."""
        files = sorted(editions_root().glob("*/*.yaml"))
        text = files[which % len(files)].read_text(encoding="utf-8")
        cut = int(at * len(text))
        file = _write(tmp_path_factory.mktemp("yaml"), text[:cut] + insert + text[cut:])
        assert _outcome(file, "python") == _outcome(file, "libyaml")


def _loader_cases() -> dict[str, Callable[[EditionFolder], list[tuple[str, str, str | None, int | None]]]]:
    """The loader fixtures of test_serde, one per problem code, and this module's new codes."""
    from test_serde import LOADER_CASES  # noqa: PLC0415  # the fixtures live with the loader's tests

    def control_character(f: EditionFolder) -> list[tuple[str, str, str | None, int | None]]:
        f.edit("01-childcare.yaml", "  en: Childcare\n", "  en: Childcare\n# \x00\n")
        line = f.line_of("01-childcare.yaml", "# \x00")
        return [("yaml-control-character", "$.aspects[0]", f.file("01-childcare.yaml"), line)]

    def bad_scalar(f: EditionFolder) -> list[tuple[str, str, str | None, int | None]]:
        f.edit("edition.yaml", "addressed_to: null", "addressed_to: !!bool maybe")
        return [("yaml-bad-scalar", "$", f.file("edition.yaml"), f.line_of("edition.yaml", "addressed_to:"))]

    return {**LOADER_CASES, "yaml-control-character": control_character, "yaml-bad-scalar": bad_scalar}


class TestLoadingFolders:
    """Whole folders load alike on both paths: every loader fixture gives its exact problems."""

    @pytest.mark.parametrize("case", _loader_cases().values(), ids=_loader_cases().keys())
    def test_loader_fixture(
        self,
        minimal_copy: EditionFolder,
        yaml_path: YamlPath,
        monkeypatch: pytest.MonkeyPatch,
        case: Callable[[EditionFolder], list[tuple[str, str, str | None, int | None]]],
    ) -> None:
        """Loading the broken copy through this path raises LoadError with exactly the expected problems."""
        monkeypatch.setattr("bpsstd._yaml.DEFAULT_PATH", yaml_path)
        expected = case(minimal_copy)
        with pytest.raises(LoadError) as info:
            load_folder(minimal_copy.path)
        assert sorted(expected, key=str) == sorted(map(_located, info.value.problems), key=str)

    @pytest.mark.parametrize("edition_id", ["2021", "2023"])
    def test_shipped_editions(
        self, yaml_path: YamlPath, monkeypatch: pytest.MonkeyPatch, edition_id: str
    ) -> None:
        """A shipped edition loads to the same value on this path as on the default one."""
        expected = load_folder(editions_root() / edition_id)
        monkeypatch.setattr("bpsstd._yaml.DEFAULT_PATH", yaml_path)
        assert expected == load_folder(editions_root() / edition_id)


def _located(problem: Problem) -> tuple[str, str, str | None, int | None]:
    return problem.code, problem.path, problem.file, problem.line
