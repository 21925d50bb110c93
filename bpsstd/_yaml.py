"""A safe YAML reader for untrusted edition files: plain data only, with the line of every value.

PyYAML's ``safe_load`` already constructs no objects, but it accepts aliases (so a small file can
expand into billions of nodes), silently keeps the last of two equal mapping keys, and forgets where
each value stood. This reader composes the node graph itself and refuses all three.
"""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING, Any, TypeAlias

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Located", "YamlProblem", "read_yaml"]

#: Larger files are refused before parsing: the biggest aspect file of an edition is a few dozen KiB.
MAX_BYTES = 2 * 1024 * 1024
#: Deeper nesting is refused: an edition nests about eight levels.
MAX_DEPTH = 40

_CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)

PathPart: TypeAlias = str | int
Located: TypeAlias = dict[tuple[PathPart, ...], int]


class YamlProblem(Exception):  # noqa: N818  # an internal signal, turned into a Problem by serde
    """A file is not plain, safe YAML; *code* is the problem code, *line* 1-based or None."""

    def __init__(self, code: str, message: str, line: int | None) -> None:
        """Keep the code, message and line."""
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


def _line(event: Event) -> int | None:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else None


class _Loader(Reader, Scanner, Parser, Composer, Resolver):
    """PyYAML's pure composing pipeline, refusing aliases and limiting depth."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        Resolver.__init__(self)
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


_scalars = SafeConstructor()


def _value(node: Node, path: tuple[PathPart, ...], located: Located) -> Any:  # noqa: ANN401
    line = node.start_mark.line + 1
    located[path] = line
    if node.tag == "tag:yaml.org,2002:value" and isinstance(node, ScalarNode):
        # YAML 1.1 resolves a lone "=" to the obscure "value" type; in an edition it is just text.
        node = ScalarNode("tag:yaml.org,2002:str", node.value, node.start_mark, node.end_mark)
    if node.tag not in _CORE_TAGS:
        raise YamlProblem(
            "yaml-tag", f"tag {node.tag!r} is not allowed: edition files hold plain data only", line
        )
    if isinstance(node, ScalarNode):
        try:
            return _scalars.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            raise YamlProblem("yaml-syntax", f"bad scalar {node.value!r}: {exc}", line) from None
        finally:
            # The shared constructor caches every node it builds; forget it, or every load leaks.
            _scalars.constructed_objects.pop(node, None)
    if isinstance(node, SequenceNode):
        return [_value(child, (*path, i), located) for i, child in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem("yaml-key", "mapping keys must be plain scalars (no merge keys)", key_line)
            key = _value(key_node, (*path, "<key>"), located)
            if key in result:
                first = located[(*path, key)]
                raise YamlProblem(
                    "yaml-duplicate-key",
                    f"key {key!r} appears twice in one mapping (first on line {first}); "
                    "YAML would silently keep only the last",
                    key_line,
                )
            result[key] = _value(value_node, (*path, key), located)
            # A value is found at its key's line: that is where a reader looks for it.
            located[(*path, key)] = key_line
        located.pop((*path, "<key>"), None)
        return result
    raise YamlProblem("yaml-syntax", f"unexpected node {node!r}", line)  # pragma: no cover


def read_yaml(file: Path) -> tuple[Any, Located]:
    """Read one YAML document from *file* as plain data, with the line of every data path.

    Returns:
        The value, and a map from data paths (tuples of keys and indexes) to 1-based lines.

    Raises:
        YamlProblem: the file is missing, too large, not UTF-8, empty, not YAML, or uses a feature
            that edition files must not use (aliases, tags, duplicate keys, deep nesting).
        OSError: the file could not be read for a reason other than its absence.
    """
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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
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
    finally:
        loader.dispose()
    if node is None:  # pragma: no cover  # ruled out by the emptiness test above
        raise YamlProblem("empty-file", "the file is empty; expected a YAML mapping", 1)
    located: Located = {}
    return _value(node, (), located), located
