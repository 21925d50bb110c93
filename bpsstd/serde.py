"""Reading and writing edition folders: one strict cattrs converter, built by one factory.

An edition folder holds ``edition.yaml`` (metadata, declared totals, the list of aspect files),
``agencies.yaml`` (the registry of responsible units) and one YAML file per aspect. Files are read
by :mod:`bpsstd._yaml`, which executes nothing and keeps the line of every value, then structured in
one pass so that every wrong type, missing field and unknown key of every file is reported at once.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import typing
from pathlib import Path
from typing import Any

import attrs
import yaml
from cattrs import Converter
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from bpsstd._yaml import Located, YamlProblem, read_yaml
from bpsstd.errors import LoadError
from bpsstd.model import (
    Agency,
    Confidence,
    Edition,
    EditionProvenance,
    Expenditure,
    FactNote,
    FactRating,
    FieldProvenance,
    LineTable,
    Origin,
    Provenance,
    Quantity,
    Range,
    Ratio,
    Value,
)
from bpsstd.problems import Problem, Severity

__all__ = [
    "AGENCIES_FILE",
    "EDITION_FILE",
    "aspect_file_name",
    "dump_folder",
    "load_folder",
    "make_converter",
    "structure",
    "unstructure",
    "unstructure_value",
]

EDITION_FILE = "edition.yaml"
AGENCIES_FILE = "agencies.yaml"
_ASPECT_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml")
_YAML_HEADER = "# Part of a bpsstd edition folder. After editing, run: bpsstd check FOLDER\n"


class _WrongTypeError(TypeError):
    """A value of the wrong type; the message says what was found and what was expected."""


class _InvalidValueError(ValueError):
    """A value outside its vocabulary; the message lists the choices."""


class _FactError(ValueError):
    """A bad value for one fact of a ``{fact: value}`` mapping."""

    def __init__(self, fact: str, cause: Exception) -> None:
        super().__init__(str(cause.args[0]) if cause.args else str(cause))
        self.fact = fact
        self.cause = cause


def _kind(value: object) -> str:
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


def _strict(expected: type, label: str) -> typing.Callable[[object, type], object]:
    def hook(value: object, _: type) -> object:
        if isinstance(value, bool) and expected is not bool:
            raise _WrongTypeError(f"expected {label}, found a boolean ({value!r})")
        if not isinstance(value, expected):
            raise _WrongTypeError(f"expected {label}, found {_kind(value)} ({value!r:.60})")
        return value

    return hook


_STRING = typing.cast("typing.Callable[[object, type], str]", _strict(str, "a string"))


def _number(value: object, _: type) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _WrongTypeError(f"expected a number, found {_kind(value)} ({value!r:.60})")
    return value


def _quantity_value(value: object, _: type) -> Value:
    """A number, a list of numbers, ``{min, max}`` or ``{numerator, denominator}``."""
    if isinstance(value, list):
        return tuple(_number(v, float) for v in value)
    if isinstance(value, dict):
        if set(value) == {"min", "max"}:
            return Range(min=_number(value["min"], float), max=_number(value["max"], float))
        if set(value) == {"numerator", "denominator"}:
            return Ratio(
                numerator=typing.cast("int", _strict(int, "an integer")(value["numerator"], int)),
                denominator=typing.cast("int", _strict(int, "an integer")(value["denominator"], int)),
            )
        raise _WrongTypeError(
            f"expected {{min, max}} or {{numerator, denominator}}, found keys {sorted(map(str, value))}"
        )
    return _number(value, float)


def unstructure_value(value: Value) -> Any:  # noqa: ANN401  # JSON data
    """Return a quantity's value in its JSON form: a number, a list, ``{min, max}`` or a ratio."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Range):
        return {"min": value.min, "max": value.max}
    if isinstance(value, Ratio):
        return {"numerator": value.numerator, "denominator": value.denominator}
    return value


def _date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _WrongTypeError(f"expected a date (YYYY-MM-DD), found {_kind(value)} ({value!r:.60})")


def _enum_hook(cls: type[enum.Enum]) -> typing.Callable[[object, type], enum.Enum]:
    choices = ", ".join(str(m.value) for m in cls)

    def hook(value: object, _: type) -> enum.Enum:
        try:
            return cls(value)
        except ValueError:
            raise _InvalidValueError(f"{value!r:.60} is not one of: {choices}") from None

    return hook


_CONFIDENCE = typing.cast("typing.Callable[[object, type], Confidence]", _enum_hook(Confidence))


def _is_homogenous_tuple(t: object) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _fact_map(record: type[FactRating | FactNote]) -> typing.Callable[[object, type], tuple[Any, ...]]:
    """Structure ``{fact: value}`` mappings, which read better on disk than lists of pairs."""

    def hook(value: object, _: type) -> tuple[Any, ...]:
        if not isinstance(value, dict):
            raise _WrongTypeError(f"expected a mapping of fact to value, found {_kind(value)}")
        out: list[FactRating | FactNote] = []
        for fact, raw in value.items():
            if not isinstance(fact, str):
                raise _WrongTypeError(f"expected fact names as strings, found {fact!r}")
            try:
                if record is FactRating:
                    out.append(FactRating(fact=fact, level=_CONFIDENCE(raw, Confidence)))
                else:
                    out.append(FactNote(fact=fact, text=_STRING(raw, str)))
            except (TypeError, ValueError) as exc:
                # Reported at the fact, so that the file's line is the fact's own.
                raise _FactError(fact, exc) from None
        return tuple(out)

    return hook


def make_converter() -> Converter:
    """Build the library's one converter: strict types, no unknown keys, all errors at once.

    Strings stay strings (cattrs would ``str()`` a number), booleans are not numbers, lists are not
    strings, and enums list their choices when a value is not among them.
    """
    conv = Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict(str, "a string"))
    conv.register_structure_hook(int, _strict(int, "an integer"))
    conv.register_structure_hook(bool, _strict(bool, "a boolean"))
    conv.register_structure_hook_func(lambda t: t == (int | float), _number)
    conv.register_structure_hook_func(lambda t: t == Value, _quantity_value)
    conv.register_unstructure_hook_func(lambda t: t == Value, unstructure_value)
    conv.register_structure_hook(dt.date, _date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )

    def tuple_factory(t: Any, c: Converter) -> typing.Callable[[object, type], tuple[Any, ...]]:  # noqa: ANN401
        base = homogenous_tuple_structure_factory(t, c)

        def hook(value: object, target: type) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise _WrongTypeError(f"expected a list, found {_kind(value)} ({value!r:.60})")
            return typing.cast("tuple[Any, ...]", base(value, target))

        return hook

    conv.register_structure_hook_factory(_is_homogenous_tuple, tuple_factory)

    def record_factory(cl: type, c: Converter) -> typing.Callable[[object, type], object]:
        overrides: dict[str, Any] = {}
        if cl is Expenditure:
            overrides["kind"] = override(rename="class")
        base = typing.cast(
            "typing.Callable[[object, type], object]", make_dict_structure_fn(cl, c, **overrides)
        )

        def hook(value: object, target: type) -> object:
            if not isinstance(value, dict):
                raise _WrongTypeError(f"expected a mapping, found {_kind(value)} ({value!r:.60})")
            return base(value, target)

        return hook

    conv.register_structure_hook_factory(attrs.has, record_factory)
    conv.register_unstructure_hook(
        Expenditure, make_dict_unstructure_fn(Expenditure, conv, kind=override(rename="class"))
    )

    rated = tuple[FactRating, ...]
    noted = tuple[FactNote, ...]
    conv.register_structure_hook_func(lambda t: t == rated, _fact_map(FactRating))
    conv.register_structure_hook_func(lambda t: t == noted, _fact_map(FactNote))
    conv.register_unstructure_hook_func(lambda t: t == rated, lambda v: {r.fact: r.level.value for r in v})
    conv.register_unstructure_hook_func(lambda t: t == noted, lambda v: {n.fact: n.text for n in v})
    # Generated last: these functions bind the hooks of their fields when they are made.
    for cl in (FieldProvenance, Agency, Provenance):
        conv.register_unstructure_hook(cl, make_dict_unstructure_fn(cl, conv, _cattrs_omit_if_default=True))
    # A quantity's comparator is written even when it is the default: "exactly" is a reading, not filler.
    conv.register_unstructure_hook(
        Quantity,
        make_dict_unstructure_fn(
            Quantity, conv, _cattrs_omit_if_default=True, comparator=override(omit_if_default=False)
        ),
    )
    conv.register_unstructure_hook(
        EditionProvenance,
        make_dict_unstructure_fn(EditionProvenance, conv, field_notes=override(omit_if_default=True)),
    )
    conv.register_unstructure_hook(
        Edition, make_dict_unstructure_fn(Edition, conv, origin=override(omit=True))
    )
    return conv


_CONVERTER = make_converter()


# ---------------------------------------------------------------------------------------------
# Errors: cattrs' exception groups become located Problems.


def _path_string(parts: tuple[str | int, ...]) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


_NAMED_FIELD = re.compile(r"'([a-z_]+)' must ")


def _attrs_field(exc: BaseException) -> str | None:
    """The field an error is about, so that it is located at that field's own line.

    attrs passes the Attribute as second argument of instance_of errors; other validators (ge,
    matches_re) only name it in their message; an unknown key names itself; a bad fact names its fact.
    """
    if isinstance(exc, _FactError):
        return exc.fact
    if isinstance(exc, ForbiddenExtraKeysError) and len(exc.extra_fields) == 1:
        return next(iter(exc.extra_fields))
    if len(exc.args) > 1 and isinstance(exc.args[1], attrs.Attribute):
        return exc.args[1].name
    if isinstance(exc, ValueError) and exc.args and isinstance(exc.args[0], str):
        match = _NAMED_FIELD.match(exc.args[0])
        return match[1] if match else None
    return None


def _describe(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, ForbiddenExtraKeysError):
        names = ", ".join(sorted(exc.extra_fields))
        return "unknown-field", f"unknown field(s) {names}; check the spelling against the schema"
    if isinstance(exc, KeyError):
        return "missing-field", "required field missing"
    if isinstance(exc, _FactError):
        return _describe(exc.cause)
    if isinstance(exc, _WrongTypeError):
        return "wrong-type", str(exc)
    if isinstance(exc, (ValueError, TypeError)):
        message = str(exc.args[0]) if exc.args else str(exc)
        return "invalid-value", message
    return "invalid-value", f"{type(exc).__name__}: {exc}"  # pragma: no cover


#: Fields whose name on disk differs from the attribute's, so that paths name what the file says.
_DISK_NAMES: dict[tuple[type, str], str] = {(Expenditure, "kind"): "class"}


def _flatten(
    exc: BaseException, parts: tuple[str | int, ...]
) -> list[tuple[tuple[str | int, ...], str, str]]:
    if isinstance(exc, (IterableValidationError, ClassValidationError)):
        found: list[tuple[tuple[str | int, ...], str, str]] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            step: str | int
            if isinstance(note, IterableValidationNote):
                step = typing.cast("int", note.index)
            else:
                step = _DISK_NAMES.get((exc.cl, note.name), note.name)
            found.extend(_flatten(sub, (*parts, step)))
        for sub in without:
            found.extend(_flatten(sub, parts))
        return found
    # A missing key's KeyError comes with a note naming the field, already the last step of the path.
    name = _attrs_field(exc)
    code, message = _describe(exc)
    return [((*parts, name) if name else parts, code, message)]


def _problems(exc: BaseException, locations: dict[str, tuple[str, int]] | None) -> list[Problem]:
    problems = []
    for parts, code, message in _flatten(exc, ()):
        path = _path_string(parts)
        file = line = None
        if locations is not None:
            where = Origin(folder="", locations=locations).locate(path)
            if where is not None:
                file, line = where
        problems.append(
            Problem(code=code, severity=Severity.ERROR, message=message, path=path, file=file, line=line)
        )
    return problems


def structure(data: object, *, locations: dict[str, tuple[str, int]] | None = None) -> Edition:
    """Build an :class:`~bpsstd.model.Edition` from unstructured data (as :func:`unstructure` gives).

    Raises:
        LoadError: with one located problem for every wrong type, missing field or unknown key.
    """
    try:
        return _CONVERTER.structure(data, Edition)
    except (ClassValidationError, IterableValidationError, TypeError, ValueError) as exc:
        raise LoadError("edition data", _problems(exc, locations)) from None


def unstructure(edition: Edition) -> dict[str, Any]:
    """Return the edition as plain, JSON-ready data (dates as ISO strings, enums as their values)."""
    return typing.cast("dict[str, Any]", _CONVERTER.unstructure(edition))


# ---------------------------------------------------------------------------------------------
# Folders.


def aspect_file_name(number: int, key: str) -> str:
    """Return the file name of an aspect, e.g. ``03-employment.yaml``."""
    return f"{number:02d}-{key}.yaml"


def _display(folder: Path, name: str) -> str:
    return str(folder / name)


def _read(folder: Path, name: str, problems: list[Problem], where: str) -> tuple[Any, Located] | None:
    try:
        return read_yaml(folder / name)
    except YamlProblem as exc:
        problems.append(
            Problem(
                code=exc.code,
                severity=Severity.ERROR,
                message=exc.message,
                path=where,
                file=_display(folder, name),
                line=exc.line,
            )
        )
    except OSError as exc:
        problems.append(
            Problem(
                code="file-unreadable",
                severity=Severity.ERROR,
                message=f"cannot read: {exc.strerror or exc}",
                path=where,
                file=_display(folder, name),
            )
        )
    return None


def _merge(
    into: dict[str, tuple[str, int]], located: Located, prefix: tuple[str | int, ...], file: str
) -> None:
    for parts, line in located.items():
        into[_path_string((*prefix, *parts))] = (file, line)


def _problem(code: str, message: str, path: str, file: str, line: int | None) -> Problem:
    return Problem(code=code, severity=Severity.ERROR, message=message, path=path, file=file, line=line)


def _aspect_files(
    meta: dict[str, Any], edition_file: str, locations: dict[str, tuple[str, int]], problems: list[Problem]
) -> list[tuple[int, str]]:
    """The aspect files that ``edition.yaml`` lists, by index; bad entries become problems."""
    names = meta.get("aspects")
    line = locations.get("$.aspects", (edition_file, 1))[1]
    if names is None:
        problems.append(
            _problem(
                "missing-field",
                "required field missing: 'aspects' lists the aspect files, e.g. [01-childcare.yaml, ...]",
                "$.aspects",
                edition_file,
                1,
            )
        )
        return []
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        problems.append(
            _problem(
                "wrong-type",
                "expected 'aspects' to list the aspect files, e.g. [01-childcare.yaml, ...]",
                "$.aspects",
                edition_file,
                line,
            )
        )
        return []
    files = []
    for index, name in enumerate(names):
        if _ASPECT_FILE.fullmatch(name):
            files.append((index, name))
            continue
        # A name with a folder in it could read files outside the edition: refuse it unread.
        path = f"$.aspects[{index}]"
        problems.append(
            _problem(
                "bad-file-name",
                f"aspect file {name!r} must be a plain .yaml name inside the edition folder",
                path,
                edition_file,
                locations.get(path, (edition_file, line))[1],
            )
        )
    return files


def _registry(
    folder: Path, locations: dict[str, tuple[str, int]], problems: list[Problem]
) -> list[Any] | None:
    """The agencies listed in ``agencies.yaml``, or None when it cannot be read."""
    got = _read(folder, AGENCIES_FILE, problems, "$.agencies")
    if got is None:
        return None
    registry, located = got
    agencies_file = _display(folder, AGENCIES_FILE)
    if isinstance(registry, dict) and set(registry) == {"agencies"}:
        _merge(locations, located, (), agencies_file)
        return typing.cast("list[Any]", registry["agencies"])
    problems.append(
        _problem(
            "wrong-type",
            "expected a mapping with one key, 'agencies', holding the list of agencies",
            "$.agencies",
            agencies_file,
            1,
        )
    )
    return None


def load_folder(folder: str | Path) -> Edition:
    """Load the edition stored in *folder*, safely: nothing in it is executed.

    Raises:
        LoadError: the folder or one of its files is missing, unreadable or not valid edition data;
            every problem of every file is reported, each with its file and line.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise LoadError(
            str(folder),
            [_problem("folder-not-found", f"no edition folder at {folder}", "$", str(folder), None)],
        )
    problems: list[Problem] = []
    # A compact table used as a dict (set and get): a dict of every value's path was most of the peak.
    locations = typing.cast("dict[str, tuple[str, int]]", LineTable())
    edition_file = _display(folder, EDITION_FILE)
    read = _read(folder, EDITION_FILE, problems, "$")
    meta: Any = None
    if read is not None:
        meta, located = read
        _merge(locations, located, (), edition_file)
        if not isinstance(meta, dict):
            problems.append(
                _problem("wrong-type", f"expected a mapping, found {_kind(meta)}", "$", edition_file, 1)
            )
            meta = None
    if meta is not None:
        aspects = []
        for index, name in _aspect_files(meta, edition_file, locations, problems):
            got = _read(folder, name, problems, f"$.aspects[{index}]")
            if got is not None:
                aspects.append(got[0])
                _merge(locations, got[1], ("aspects", index), _display(folder, name))
        meta["aspects"] = aspects
        registry = _registry(folder, locations, problems)
        if registry is not None:
            meta["agencies"] = registry
    if problems:
        raise LoadError(str(folder), problems)
    try:
        edition = structure(meta, locations=locations)
    except LoadError as exc:
        raise LoadError(str(folder), exc.problems) from None
    return attrs.evolve(edition, origin=Origin(folder=str(folder), locations=locations))


class _Dumper(yaml.SafeDumper):
    """Block style, Chinese kept as written, long lines left unwrapped."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def _to_yaml(data: object, header: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return header + body


def dump_folder(edition: Edition, folder: str | Path) -> Path:
    """Write *edition* as an edition folder (created if needed); return the folder.

    Files are written whole; an existing folder's other files are left alone.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = unstructure(edition)
    header = _YAML_HEADER
    names = [aspect_file_name(a.number, a.key) for a in edition.aspects]
    for name, aspect in zip(names, data.pop("aspects"), strict=True):
        (folder / name).write_text(_to_yaml(aspect, header), encoding="utf-8")
    (folder / AGENCIES_FILE).write_text(
        _to_yaml({"agencies": data.pop("agencies")}, header), encoding="utf-8"
    )
    # Dates go back to YAML dates (unquoted), which read better than the ISO strings of JSON.
    meta = {**data, "published": edition.published, "issued": edition.issued, "aspects": names}
    (folder / EDITION_FILE).write_text(_to_yaml(meta, header), encoding="utf-8")
    return folder
