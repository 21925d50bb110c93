"""A safe YAML reader for untrusted edition files: plain data only, with the line of every value.

PyYAML's ``safe_load`` already constructs no objects, but it accepts aliases (so a small file can
expand into billions of nodes), silently keeps the last of two equal mapping keys, forgets where
each value stood, and reads scalars by YAML 1.1 (``yes`` is true, ``0777`` is 511, ``10:50`` is 650).
This reader composes the node graph itself, refuses aliases, duplicate keys, merge keys, non-core
tags, control characters, deep nesting and too many nodes, and reads every scalar by the YAML 1.2
core schema, plus dates written as dates (``2021-04-20``).

Two paths compose the nodes: libyaml's (``yaml._yaml.CParser``, in PyYAML's wheels), about ten
times faster, and PyYAML's pure-Python pipeline, the fallback. Both call this module's resolver, so
both tag nodes alike, and both are walked by the same code. A file in which the libyaml path finds
any problem is read again by the pure path, whose report is the one given: the two paths cannot
word a problem differently, and a good file costs only the fast read.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import typing
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

if TYPE_CHECKING:
    from pathlib import Path

try:
    from yaml._yaml import CParser

    LIBYAML = True
except ImportError:  # pragma: no cover  # a PyYAML built without libyaml
    LIBYAML = False

__all__ = [
    "LIBYAML",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Located",
    "YamlPath",
    "YamlProblem",
    "read_yaml",
    "resolve_plain",
]

#: Larger files are refused before parsing: the biggest aspect file of an edition is a few dozen KiB.
MAX_BYTES = 2 * 1024 * 1024
#: Deeper nesting is refused: an edition nests about eight levels.
MAX_DEPTH = 40
#: More nodes in one file are refused while composing, before building values: the biggest aspect
#: file of an edition has about 1,500; a 2 MiB file of ``[0,0,0,...]`` would have a million.
MAX_NODES = 100_000

#: Which composer :func:`read_yaml` uses by default: libyaml's when PyYAML was built with it.
YamlPath: TypeAlias = Literal["libyaml", "python"]
DEFAULT_PATH: YamlPath = "libyaml" if LIBYAML else "python"

PathPart: TypeAlias = str | int
Located: TypeAlias = dict[tuple[PathPart, ...], int]

_CORE = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (f"{_CORE}{n}" for n in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _MAP, _SEQ = f"{_CORE}timestamp", f"{_CORE}map", f"{_CORE}seq"
#: The tag our resolver gives an untagged plain scalar, read later by :func:`resolve_plain`.
_PLAIN = "bpsstd:plain"


class YamlProblem(Exception):  # noqa: N818  # an internal signal, turned into a Problem by serde
    """A file is not plain, safe YAML; *code* is the problem code, *line* 1-based or None."""

    def __init__(self, code: str, message: str, line: int | None) -> None:
        """Keep the code, message and line."""
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


def _too_many_nodes(limit: int) -> YamlProblem:
    # No line: the whole file is the problem, and neither path knows where the count ran over.
    return YamlProblem(
        "yaml-too-many-nodes",
        f"the file holds more than {limit} YAML values; an edition file needs far fewer",
        None,
    )


class _Resolver(BaseResolver):
    """Tags untagged nodes for our own reading, and counts them, so composing stops at the limit.

    Both composers call ``resolve`` for every node without an explicit tag (libyaml's from C).
    YAML 1.1's implicit resolvers are not used: plain scalars are read by the 1.2 core schema.
    """

    def __init__(self) -> None:
        super().__init__()
        self._untagged = 0
        #: Lowered by read_yaml's max_nodes: what is left of a whole folder's budget.
        self.node_limit = MAX_NODES

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:  # noqa: ANN401, ARG002  # PyYAML's
        self._untagged += 1
        if self._untagged > self.node_limit:
            raise _too_many_nodes(self.node_limit)
        if kind is ScalarNode:
            # (False, True) is a quoted scalar; (False, False) only libyaml gives, for an empty
            # scalar tagged "!", which PyYAML reads as plain: read it as plain on both paths.
            return _STR if implicit == (False, True) else _PLAIN
        return _SEQ if kind is SequenceNode else _MAP


def _line(event: Event) -> int | None:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else None


class _PythonLoader(Reader, Scanner, Parser, Composer, _Resolver):
    """PyYAML's pure composing pipeline, refusing aliases and limiting depth."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            alias = typing.cast("AliasEvent", self.peek_event())  # type: ignore[no-untyped-call]
            raise YamlProblem(
                "yaml-alias",
                f"YAML aliases (*{alias.anchor}) are not allowed in edition files; write the value out",
                _line(alias),
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = typing.cast("Event", self.peek_event())  # type: ignore[no-untyped-call]
                raise YamlProblem(
                    "yaml-too-deep",
                    f"nesting deeper than {MAX_DEPTH} levels; an edition file never needs that many",
                    _line(event),
                )
            node: Node | None = super().compose_node(parent, index)
            return node
        finally:
            self._depth -= 1


if LIBYAML:

    class _LibyamlLoader(CParser, _Resolver):
        """libyaml's parser and composer (in C), calling our resolver for every untagged node."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)


#: What libyaml accepts and PyYAML's pure reader refuses: a tab inside a plain scalar (which libyaml
#: rightly reads as a space), and a comment right after a block scalar's header (``key: |#``, which
#: YAML requires a space before). Edition files hold neither, so a file with one takes the pure path
#: and both paths agree; a match inside a quoted string only costs that file the slower reader.
_PURE_ONLY = re.compile(r"\t|[|>][0-9+-]{0,2}#")


class _Retry(Exception):  # noqa: N818  # control flow inside this module only
    """The libyaml path met something the pure path reports better (an alias, deep nesting)."""


# ---------------------------------------------------------------------------------------------
# Scalars: the YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), and dates.

_CORE_FORMS = re.compile(
    r"""(?P<null>null|Null|NULL|~|)
    |(?P<bool>true|True|TRUE|false|False|FALSE)
    |(?P<int>[-+]?[0-9]+)
    |(?P<oct>0o[0-7]+)
    |(?P<hex>0x[0-9a-fA-F]+)
    |(?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)
    |(?P<inf>[-+]?\.(?:inf|Inf|INF))
    |(?P<nan>\.(?:nan|NaN|NAN))
    |(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})""",
    re.VERBOSE,
)
#: Only a plain scalar starting with one of these can be anything but a string: a quick exit for text.
_NOT_TEXT_START = frozenset("-+.0123456789~nNtTfF")
#: The forms each explicit core tag accepts.
_TAG_FORMS: dict[str, frozenset[str]] = {
    _NULL: frozenset({"null"}),
    _BOOL: frozenset({"bool"}),
    _INT: frozenset({"int", "oct", "hex"}),
    _FLOAT: frozenset({"float", "int", "inf", "nan"}),
    _TIMESTAMP: frozenset({"date"}),
}
_TAG_WANTS = {
    _NULL: "null (null, Null, NULL, ~ or nothing)",
    _BOOL: "a boolean (true or false)",
    _INT: "an integer (e.g. 12, 0o14 or 0xC)",
    _FLOAT: "a number (e.g. 1.5, 2e3 or .inf)",
    _TIMESTAMP: "a date (YYYY-MM-DD)",
}


#: How to read each core form. An integer past Python's 4,300-digit limit raises ValueError, which
#: is reported as a bad scalar.
_READ_FORM: dict[str | None, typing.Callable[[str], object]] = {
    "null": lambda _: None,
    "bool": lambda text: text[0] in "tT",
    "int": lambda text: int(text, 10),
    "oct": lambda text: int(text, 0),  # 0o17
    "hex": lambda text: int(text, 0),  # 0x1F
    "float": float,
    "inf": lambda text: -math.inf if text[0] == "-" else math.inf,
    "nan": lambda _: math.nan,
    "date": dt.date.fromisoformat,
    None: lambda text: text,
}


def resolve_plain(text: str) -> object:
    """Return what an untagged plain scalar means: YAML 1.2 core readings, and ISO dates.

    ``yes``, ``on``, ``0777``-as-octal, ``10:50``-as-sexagesimal and ``1_000`` are YAML 1.1 readings
    and stay strings (``0777`` is the decimal 777, as YAML 1.2 says); ``0o17`` and ``0x1F`` are
    integers; ``2021-04-20`` is a date.

    Raises:
        ValueError: the text is written as a date or an integer but is none (``2021-02-30``, or an
            integer of more digits than Python converts).
    """
    if text and text[0] not in _NOT_TEXT_START:
        return text
    match = _CORE_FORMS.fullmatch(text)
    return _READ_FORM[match.lastgroup if match else None](text)


def _tagged(tag: str, text: str, line: int) -> object:
    """The value of a scalar with a tag (ours for untagged ones); ValueError when it does not fit."""
    if tag == _PLAIN:
        return resolve_plain(text)
    if tag == _STR:
        return text
    forms = _TAG_FORMS.get(tag)
    if forms is None:
        raise YamlProblem("yaml-tag", f"tag {tag!r} is not allowed: edition files hold plain data only", line)
    match = _CORE_FORMS.fullmatch(text)
    form = match.lastgroup if match else None
    if form not in forms:
        raise ValueError(f"{_TAG_WANTS[tag]} was expected")
    if tag == _FLOAT and form == "int":
        return float(text)  # from the text: an integer too big for a float still reads as inf
    return _READ_FORM[form](text)


def _scalar(node: ScalarNode, line: int) -> object:
    try:
        return _tagged(node.tag, node.value, line)
    except ValueError as exc:
        raise YamlProblem("yaml-bad-scalar", f"bad value {node.value!r:.60}: {exc}", line) from None


# ---------------------------------------------------------------------------------------------
# From nodes to plain data, located.


class _Walk:
    """Turns a composed node graph into plain data, with the line of every data path."""

    def __init__(self, *, shared: bool, limit: int) -> None:
        self.limit = limit
        self.located: Located = {}
        self.nodes = 0
        # libyaml returns an alias as the very node it names: only then must identities be kept.
        self.seen: set[int] | None = set() if shared else None

    def value(self, node: Node, path: tuple[PathPart, ...], depth: int) -> Any:  # noqa: ANN401
        self.nodes += 1
        if self.nodes > self.limit:
            raise _too_many_nodes(self.limit)
        if depth >= MAX_DEPTH:  # the root is at depth 0, and the composer counts it as level 1
            raise _Retry
        if self.seen is not None:
            if id(node) in self.seen:
                raise _Retry
            self.seen.add(id(node))
        line = node.start_mark.line + 1
        self.located[path] = line
        if isinstance(node, ScalarNode):
            return _scalar(node, line)
        if isinstance(node, SequenceNode) and node.tag == _SEQ:
            return [self.value(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode) and node.tag == _MAP:
            return self.mapping(node, path, depth)
        raise YamlProblem(
            "yaml-tag", f"tag {node.tag!r} is not allowed: edition files hold plain data only", line
        )

    def mapping(self, node: MappingNode, path: tuple[PathPart, ...], depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        located = self.located
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode) or (key_node.tag == _PLAIN and key_node.value == "<<"):
                raise YamlProblem("yaml-key", "mapping keys must be plain scalars (no merge keys)", key_line)
            key = self.value(key_node, (*path, "<key>"), depth + 1)
            if key in result:
                first = located[(*path, key)]
                raise YamlProblem(
                    "yaml-duplicate-key",
                    f"key {key!r:.60} appears twice in one mapping (first on line {first}); "
                    "YAML would silently keep only the last",
                    key_line,
                )
            result[key] = self.value(value_node, (*path, key), depth + 1)
            # A value is found at its key's line: that is where a reader looks for it.
            located[(*path, key)] = key_line
        located.pop((*path, "<key>"), None)
        return result


def _compose(text: str, path: YamlPath, limit: int) -> Node | None:
    """Compose the one document of *text*; YAML errors become located problems."""
    loader: _PythonLoader | _LibyamlLoader
    try:
        # Built inside the try: the pure reader checks the whole text when it is made.
        loader = _LibyamlLoader(text) if path == "libyaml" else _PythonLoader(text)
        loader.node_limit = limit
        try:
            node: Node | None = loader.get_single_node()
        finally:
            loader.dispose()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = mark.line + 1 if mark is not None else None
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlProblem("yaml-syntax", f"not valid YAML: {what}", where) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("yaml-syntax", f"not valid YAML: {exc}", None) from None
    except RecursionError:
        raise YamlProblem("yaml-too-deep", "nesting too deep to read", None) from None
    return node


def _parse(text: str, path: YamlPath, limit: int) -> tuple[Any, Located]:
    node = _compose(text, path, limit)
    if node is None:  # pragma: no cover  # ruled out by the emptiness test of read_yaml
        raise YamlProblem("empty-file", "the file is empty; expected a YAML mapping", 1)
    walk = _Walk(shared=path == "libyaml" and "*" in text, limit=limit)
    return walk.value(node, (), 0), walk.located


#: YAML's non-printable characters, and a byte order mark past the start (where libyaml and PyYAML
#: disagree on what it means: it is never data).
_FORBIDDEN = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def _control_character(text: str) -> YamlProblem | None:
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    at = found.start()
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    char = found.group()
    return YamlProblem(
        "yaml-control-character",
        f"control character {char!r} (U+{ord(char):04X}) at line {line}, column {column} "
        "is not allowed in an edition file; delete it",
        line,
    )


def _text(file: Path) -> str:
    if not file.is_file():
        raise YamlProblem("file-not-found", f"no such file: {file.name}", None)
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise YamlProblem(
            "file-too-large", f"file is {size} bytes; the limit for an edition file is {MAX_BYTES}", None
        )
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(
            "not-utf8", f"byte 0x{raw[exc.start]:02x} at offset {exc.start} is not UTF-8", line
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlProblem("empty-file", "the file is empty; expected a YAML mapping", 1)
    problem = _control_character(text)
    if problem is not None:
        raise problem
    return text


def read_yaml(
    file: Path, *, path: YamlPath | None = None, max_nodes: int | None = None
) -> tuple[Any, Located]:
    """Read one YAML document from *file* as plain data, with the line of every data path.

    Args:
        file: the file to read.
        path: ``"libyaml"`` or ``"python"``; by default libyaml's when PyYAML has it. Both give the
            same result for every file.
        max_nodes: refuse the file past this many values (default and at most :data:`MAX_NODES`): a
            folder passes what is left of its own budget, so that its limit is kept while composing.

    Returns:
        The value, and a map from data paths (tuples of keys and indexes) to 1-based lines.

    Raises:
        YamlProblem: the file is missing, too large, not UTF-8, empty, not YAML, or uses a feature
            that edition files must not use (aliases, tags, duplicate keys, deep nesting, control
            characters, too many nodes); or a value does not fit its tag.
        OSError: the file could not be read for a reason other than its absence.
    """
    chosen = DEFAULT_PATH if path is None else path
    if chosen == "libyaml" and not LIBYAML:  # pragma: no cover  # a PyYAML built without libyaml
        chosen = "python"
    limit = MAX_NODES if max_nodes is None else min(max_nodes, MAX_NODES)
    text = _text(file)
    if chosen == "python" or _PURE_ONLY.search(text):
        return _parse(text, "python", limit)
    try:
        return _parse(text, "libyaml", limit)
    except _Retry:
        pass
    except YamlProblem as exc:
        if exc.code == "yaml-too-many-nodes":
            raise  # worded alike on both paths, and the pure path would pay the cost the limit spares
    # The pure path words every problem; if it finds none, libyaml was merely stricter.
    return _parse(text, "python", limit)
