"""The safe YAML reader: plain data with the line of every value, and refusals of unsafe YAML."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bpsstd import _yaml
from bpsstd._yaml import MAX_BYTES, MAX_DEPTH, YamlProblem, read_yaml

if TYPE_CHECKING:
    from pathlib import Path

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
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


def _refusal(folder: Path, content: str | bytes) -> tuple[str, int | None]:
    with pytest.raises(YamlProblem) as info:
        read_yaml(_write(folder, content))
    return info.value.code, info.value.line


def _lookup(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


class TestPlainData:
    """What the reader returns for files it accepts."""

    def test_values_and_the_line_of_every_path(self, tmp_path: Path) -> None:
        """Every value comes with the 1-based line where it (or its key) stands."""
        text = "# a comment\na: 1\nb:\n  - x\n  - c: 2\n    d: [3, 4]\n"
        value, located = read_yaml(_write(tmp_path, text))
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

    @given(_DATA)
    def test_agrees_with_safe_load(self, tmp_path_factory: pytest.TempPathFactory, data: Any) -> None:
        """On plain data without aliases, the reader returns what yaml.safe_load returns."""
        text = yaml.safe_dump(data, allow_unicode=True)
        parsed = yaml.safe_load(text)
        value, located = read_yaml(_write(tmp_path_factory.mktemp("yaml"), text))
        assert parsed == value
        for path, line in located.items():
            _lookup(value, path)
            assert 1 <= line <= text.count("\n") + 1

    def test_a_byte_order_mark_is_ignored(self, tmp_path: Path) -> None:
        """A UTF-8 byte order mark, as some Windows editors write, is not data."""
        value, _ = read_yaml(_write(tmp_path, "\ufeffa: 1\n"))
        assert {"a": 1} == value

    def test_dates_are_dates(self, tmp_path: Path) -> None:
        """An ISO date reads as a date, a timestamp as a datetime (which the converter refuses later)."""
        value, _ = read_yaml(_write(tmp_path, "d: 2021-04-20\nt: 2021-04-20 10:00:00\n"))
        assert {"d": dt.date(2021, 4, 20), "t": dt.datetime(2021, 4, 20, 10, 0)} == value  # noqa: DTZ001

    def test_a_lone_equals_sign_is_text(self, tmp_path: Path) -> None:
        """A plain "=" (YAML 1.1's obscure value type) reads as the text it is."""
        value, _ = read_yaml(_write(tmp_path, "a: =\nb: [=, x]\n"))
        assert {"a": "=", "b": ["=", "x"]} == value

    def test_an_anchor_without_alias_is_harmless(self, tmp_path: Path) -> None:
        """Only aliases multiply data: an anchor that nothing refers to is accepted."""
        value, _ = read_yaml(_write(tmp_path, "a: &x 1\nb: 2\n"))
        assert {"a": 1, "b": 2} == value

    def test_nesting_up_to_the_limit_is_accepted(self, tmp_path: Path) -> None:
        """MAX_DEPTH levels of nesting are read."""
        value, _ = read_yaml(_write(tmp_path, "[" * MAX_DEPTH + "]" * MAX_DEPTH))
        for _ in range(MAX_DEPTH - 1):
            value = value[0]
        assert [] == value

    def test_the_size_limit_is_inclusive(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file of exactly MAX_BYTES is read; one byte more is refused (a small limit keeps this quick)."""
        monkeypatch.setattr(_yaml, "MAX_BYTES", 16)
        value, _ = read_yaml(_write(tmp_path, "a: 1\n#" + "x" * 10))
        assert {"a": 1} == value
        assert ("file-too-large", None) == _refusal(tmp_path, "a: 1\n#" + "x" * 11)

    def test_the_shared_constructor_keeps_nothing(self, tmp_path: Path) -> None:
        """Reading a file leaves no node cached in the module's constructor (no leak across loads)."""
        read_yaml(_write(tmp_path, "a: [1, 2, 3]\nb: {c: x}\n"))
        assert {} == _yaml._scalars.constructed_objects


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
            pytest.param("a: &x [1]\nb: *x\n", "yaml-alias", 2, id="alias"),
            pytest.param(_BILLION_LAUGHS, "yaml-alias", 2, id="billion-laughs"),
            pytest.param("a: !!binary aGVsbG8=\n", "yaml-tag", 1, id="binary-tag"),
            pytest.param("a: !!set {x: null}\n", "yaml-tag", 1, id="set-tag"),
            pytest.param("a: 1\nb: !custom x\n", "yaml-tag", 2, id="local-tag"),
            pytest.param("a: !!python/name:os.system\n", "yaml-tag", 1, id="python-name"),
            pytest.param("? [a, b]\n: 1\n", "yaml-key", 1, id="complex-key"),
            pytest.param("a: 1\n<<: {b: 2}\n", "yaml-key", 2, id="merge-key"),
            pytest.param("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "yaml-too-deep", 1, id="too-deep"),
            pytest.param("[" * 100_000 + "]" * 100_000, "yaml-too-deep", 1, id="far-too-deep"),
            pytest.param("a: 1\n\tb: 2\n", "yaml-syntax", 2, id="tab"),
            pytest.param("a: [1, 2\nb: 3\n", "yaml-syntax", 2, id="unclosed-bracket"),
            pytest.param("a: 1\nb: 'open\n", "yaml-syntax", 3, id="unclosed-quote"),
            pytest.param("a: 2021-13-45\n", "yaml-syntax", 1, id="impossible-date"),
            pytest.param("a: 1\n---\nb: 2\n", "yaml-syntax", 2, id="two-documents"),
            pytest.param(b"a: 1\nb: caf\xe9\n", "not-utf8", 2, id="latin-1"),
            pytest.param("", "empty-file", 1, id="empty"),
            pytest.param("  \n\n", "empty-file", 1, id="blank"),
            pytest.param("# only\n  # comments\n", "empty-file", 1, id="comments-only"),
        ],
    )
    def test_refused(self, tmp_path: Path, content: str | bytes, code: str, line: int) -> None:
        """The reader raises YamlProblem with the expected code and line."""
        assert (code, line) == _refusal(tmp_path, content)

    def test_python_tags_execute_nothing(self, tmp_path: Path) -> None:
        """A python/object/apply tag is refused before anything could run it."""
        marker = tmp_path / "pwned"
        content = f"a: 1\nb: !!python/object/apply:os.system ['touch {marker}']\n"
        assert ("yaml-tag", 2) == _refusal(tmp_path, content)
        assert not marker.exists()

    def test_a_file_above_the_size_limit_is_not_parsed(self, tmp_path: Path) -> None:
        """One byte over MAX_BYTES is refused, without a line (the file is not read)."""
        assert ("file-too-large", None) == _refusal(tmp_path, "a: 1\n#" + "x" * (MAX_BYTES - 5))

    def test_a_missing_file(self, tmp_path: Path) -> None:
        """A missing file is refused with its name in the message."""
        with pytest.raises(YamlProblem) as info:
            read_yaml(tmp_path / "absent.yaml")
        assert ("file-not-found", None) == (info.value.code, info.value.line)
        assert "absent.yaml" in info.value.message

    def test_the_duplicate_key_message_names_the_first_line(self, tmp_path: Path) -> None:
        """The message tells where the first occurrence of the key stands."""
        with pytest.raises(YamlProblem) as info:
            read_yaml(_write(tmp_path, "x: 1\na: 1\nb: 2\na: 3\n"))
        assert "'a'" in info.value.message
        assert "first on line 2" in info.value.message

    def test_the_not_utf8_message_names_the_byte(self, tmp_path: Path) -> None:
        """The message shows the offending byte and its offset."""
        with pytest.raises(YamlProblem) as info:
            read_yaml(_write(tmp_path, b"ab: \xff\n"))
        assert "0xff at offset 4" in info.value.message
