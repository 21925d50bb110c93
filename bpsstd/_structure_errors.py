"""cattrs' structuring errors as located :class:`~bpsstd.problems.Problem` records.

The converter (:mod:`bpsstd.serde`) is built with ``detailed_validation``, so a failed structure raises one
exception group holding every error with its path; :func:`cattrs.transform_error` walks it. Each leaf error
becomes a problem: its code from the exception's type, its path from cattrs (with the field an attrs
validator names appended, and names as the file writes them), its file and line from the reader's
locations.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.v import transform_error

from bpsstd.model import Origin
from bpsstd.problems import Problem

__all__ = [
    "FactError",
    "InvalidValueError",
    "WrongTypeError",
    "key_name",
    "kind_of",
    "path_string",
    "problems_of",
]


class WrongTypeError(TypeError):
    """A value of the wrong type; the message says what was found and what was expected."""


class InvalidValueError(ValueError):
    """A value outside its vocabulary; the message lists the choices."""


class FactError(ValueError):
    """A bad value for one fact of a ``{fact: value}`` mapping."""

    def __init__(self, fact: str, cause: Exception) -> None:
        super().__init__(str(cause.args[0]) if cause.args else str(cause))
        self.fact = fact
        self.cause = cause


def kind_of(value: object) -> str:
    """What a value is, in words: ``a mapping``, ``a string``, ``null``, ..."""
    names = {
        dict: "a mapping",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        dt.date: "a date",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def path_string(parts: tuple[str | int, ...]) -> str:
    """The data path of *parts*: ``$.aspects[1].name``."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


#: How attrs' own validators (``ge``, ``matches_re``, ...) name their field: "'number' must be >= 1".
#: tests/test_serde.py pins this wording; attrs passes the field as an argument only to instance_of.
NAMED_FIELD = re.compile(r"'([a-z_]+)' must ")


def _attrs_field(exc: BaseException) -> str | None:
    """The field an error is about, so that it is located at that field's own line.

    attrs passes the Attribute as second argument of instance_of errors; other validators (ge,
    matches_re) only name it in their message; an unknown key names itself; a bad fact names its fact.
    """
    if isinstance(exc, FactError):
        return exc.fact
    if isinstance(exc, ForbiddenExtraKeysError) and len(exc.extra_fields) == 1:
        # Located at the key's own line; a key that is not a string is located at its mapping.
        key = next(iter(exc.extra_fields))
        return key if isinstance(key, str) else None
    if len(exc.args) > 1 and isinstance(exc.args[1], attrs.Attribute):
        return exc.args[1].name
    if isinstance(exc, ValueError) and exc.args and isinstance(exc.args[0], str):
        match = NAMED_FIELD.match(exc.args[0])
        return match[1] if match else None
    return None


#: How many unknown keys a message names, and how much of each: a file that is not an edition's (a
#: secrets file listed by mistake) must not have its key names copied into a CI log.
_SHOWN_KEYS = 3
_KEY_EXCERPT = 40


def key_name(key: object) -> str:
    """A mapping key as a message shows it: a string as written (truncated), another as YAML reads it."""
    if isinstance(key, str):
        return key if len(key) <= _KEY_EXCERPT else key[:_KEY_EXCERPT] + "…"
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, dt.date):
        return key.isoformat()
    return f"{key!r:.{_KEY_EXCERPT}}"


def _unknown_keys(keys: set[object]) -> str:
    # Keys of any type (1, null, a date): sorted by how they are shown, since they do not compare.
    names = sorted(key_name(k) for k in keys)
    shown = ", ".join(names[:_SHOWN_KEYS])
    more = f" and {len(names) - _SHOWN_KEYS} more" if len(names) > _SHOWN_KEYS else ""
    return f"unknown field(s) {shown}{more}; check the spelling against the schema"


def _describe(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, ForbiddenExtraKeysError):
        return "unknown-field", _unknown_keys(set(exc.extra_fields))
    if isinstance(exc, KeyError):
        return "missing-field", "required field missing"
    if isinstance(exc, FactError):
        return _describe(exc.cause)
    if isinstance(exc, WrongTypeError):
        return "wrong-type", str(exc)
    if isinstance(exc, (ValueError, TypeError)):
        message = str(exc.args[0]) if exc.args else str(exc)
        return "invalid-value", message
    return "invalid-value", f"{type(exc).__name__}: {exc}"  # pragma: no cover


#: Fields whose name on disk differs from the attribute's, so that paths name what the file says
#: (cattrs names the attribute): an expenditure's ``kind`` is written ``class``.
_DISK_NAMES = {".expenditure.kind": ".expenditure.class"}

#: A category's ``service_items`` are written ``items``, anywhere in a path (items have fields below).
_CATEGORY_ITEMS = re.compile(r"(\.categories\[\d+\])\.service_items\b")

# transform_error formats each leaf as "{description} @ {path}"; the description carries the code and
# the field, separated by a character no message or path holds.
_SEP = "\x1f"


def _format(exc: BaseException, _: object) -> str:
    code, message = _describe(exc)
    return f"{code}{_SEP}{_attrs_field(exc) or ''}{_SEP}{message}"


def problems_of(exc: BaseException, locations: dict[str, tuple[str, int]] | None) -> list[Problem]:
    """The located problems of a failed structure, one per leaf error of *exc*."""
    problems = []
    for entry in transform_error(exc, "$", _format):
        code, name, rest = entry.split(_SEP, 2)
        message, _, path = rest.rpartition(" @ ")
        for attribute, disk in _DISK_NAMES.items():
            if path.endswith(attribute):
                path = path.removesuffix(attribute) + disk
        # Before the field an error names is appended: an unknown key is named as written.
        path = _CATEGORY_ITEMS.sub(r"\1.items", path)
        if name:
            # A missing key's KeyError comes with a note naming the field, already the last step.
            path = f"{path}.{name}"
        file = line = None
        if locations is not None:
            where = Origin(folder="", locations=locations).locate(path)
            if where is not None:
                file, line = where
        problems.append(Problem.of(code, message, path, file, line))
    return problems
