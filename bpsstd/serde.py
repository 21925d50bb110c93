"""The library's one cattrs converter, built by one factory, and structuring/unstructuring through it.

The converter is strict (types as written, no unknown keys, every error at once) and serialises every
record the library reports: editions, diffs and their change records (a tagged union keyed by
``shape``), problems and reports. Failed structures become located problems in
:mod:`bpsstd._structure_errors`; edition folders are read and written by :mod:`bpsstd.folder`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import typing
from typing import Any

import attrs
from attrs import AttrsInstance
from cattrs import Converter
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from bpsstd import _lazy
from bpsstd._structure_errors import FactError, InvalidValueError, WrongTypeError, kind_of, problems_of
from bpsstd.changes import CHANGE_TYPES, Change, ChangeHeader, EditionDiff, FactValue
from bpsstd.errors import LoadError
from bpsstd.model import (
    Agency,
    Aspect,
    Category,
    Confidence,
    Edition,
    EditionProvenance,
    Expenditure,
    FactNote,
    FactRating,
    FieldProvenance,
    Provenance,
    Quantity,
    Range,
    Ratio,
    Text,
    Value,
)
from bpsstd.problems import Problem, Report

if typing.TYPE_CHECKING:
    from bpsstd.folder import AGENCIES_FILE, EDITION_FILE, aspect_file_name, dump_folder, load_folder

__all__ = [
    "AGENCIES_FILE",
    "EDITION_FILE",
    "aspect_file_name",
    "converter",
    "dump_folder",
    "load_folder",
    "make_converter",
    "structure",
    "structure_aspect",
    "structure_diff",
    "unstructure",
    "unstructure_value",
]


def _strict(expected: type, label: str) -> typing.Callable[[object, type], object]:
    def hook(value: object, _: type) -> object:
        if isinstance(value, bool) and expected is not bool:
            raise WrongTypeError(f"expected {label}, found a boolean ({value!r})")
        if not isinstance(value, expected):
            raise WrongTypeError(f"expected {label}, found {kind_of(value)} ({value!r:.60})")
        return value

    return hook


_STRING = typing.cast("typing.Callable[[object, type], str]", _strict(str, "a string"))


def _number(value: object, _: type) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise WrongTypeError(f"expected a number, found {kind_of(value)} ({value!r:.60})")
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
        raise WrongTypeError(
            f"expected {{min, max}} or {{numerator, denominator}}, found keys {sorted(map(str, value))}"
        )
    return _number(value, float)


def unstructure_value(value: Value | None) -> Any:  # noqa: ANN401  # JSON data
    """Return a quantity's value in its JSON form: a number, a list, ``{min, max}`` or a ratio."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Range):
        return {"min": value.min, "max": value.max}
    if isinstance(value, Ratio):
        return {"numerator": value.numerator, "denominator": value.denominator}
    return value


def _optional_value(value: object, _: type) -> Value | None:
    return None if value is None else _quantity_value(value, float)


def _fact_value(value: object, _: type) -> FactValue:
    """An edition fact's value in a metadata change: a text, texts, agency keys, a string or a count."""
    if isinstance(value, dict):
        return Text(zh=_STRING(value.get("zh"), str), en=_STRING(value.get("en"), str))
    if isinstance(value, list):
        if all(isinstance(v, dict) for v in value) and value:
            return tuple(typing.cast("Text", _fact_value(v, Text)) for v in value)
        return tuple(_STRING(v, str) for v in value)
    if value is None or (isinstance(value, (str, int)) and not isinstance(value, bool)):
        return value
    raise WrongTypeError(f"expected a fact's value, found {kind_of(value)} ({value!r:.60})")


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    # A string is a date only when written as one (the JSON form): fromisoformat also takes
    # '20210420', which a quoted string in YAML means as text, not as a date.
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise WrongTypeError(f"expected a date (YYYY-MM-DD), found {kind_of(value)} ({value!r:.60})")


def _enum_hook(cls: type[enum.Enum]) -> typing.Callable[[object, type], enum.Enum]:
    choices = ", ".join(str(m.value) for m in cls)

    def hook(value: object, _: type) -> enum.Enum:
        try:
            return cls(value)
        except ValueError:
            raise InvalidValueError(f"{value!r:.60} is not one of: {choices}") from None

    return hook


_CONFIDENCE = typing.cast("typing.Callable[[object, type], Confidence]", _enum_hook(Confidence))


def _is_homogenous_tuple(t: object) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _fact_map(record: type[FactRating | FactNote]) -> typing.Callable[[object, type], tuple[Any, ...]]:
    """Structure ``{fact: value}`` mappings, which read better on disk than lists of pairs."""

    def hook(value: object, _: type) -> tuple[Any, ...]:
        if not isinstance(value, dict):
            raise WrongTypeError(f"expected a mapping of fact to value, found {kind_of(value)}")
        out: list[FactRating | FactNote] = []
        for fact, raw in value.items():
            if not isinstance(fact, str):
                raise WrongTypeError(f"expected fact names as strings, found {fact!r}")
            try:
                if record is FactRating:
                    out.append(FactRating(fact=fact, level=_CONFIDENCE(raw, Confidence)))
                else:
                    out.append(FactNote(fact=fact, text=_STRING(raw, str)))
            except (TypeError, ValueError) as exc:
                # Reported at the fact, so that the file's line is the fact's own.
                raise FactError(fact, exc) from None
        return tuple(out)

    return hook


def _record_factory(cl: type, c: Converter) -> typing.Callable[[object, type], object]:
    overrides: dict[str, Any] = {}
    if cl is Expenditure:
        overrides["kind"] = override(rename="class")
    if cl is Category:
        # Written ``items`` on disk and in the JSON export; the attribute is not named like dict.items.
        overrides["service_items"] = override(rename="items")
    base = typing.cast("typing.Callable[[object, type], object]", make_dict_structure_fn(cl, c, **overrides))

    def hook(value: object, target: type) -> object:
        if type(value) is target:  # built already, from one file (bpsstd.folder.load_folder)
            return value
        if not isinstance(value, dict):
            raise WrongTypeError(f"expected a mapping, found {kind_of(value)} ({value!r:.60})")
        return base(value, target)

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
    conv.register_unstructure_hook_func(lambda t: t in (Value, Value | None), unstructure_value)
    conv.register_structure_hook_func(lambda t: t == Value | None, _optional_value)
    conv.register_structure_hook_func(lambda t: t == FactValue, _fact_value)
    conv.register_unstructure_hook_func(lambda t: t == FactValue, conv.unstructure)
    conv.register_structure_hook(dt.date, _date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )

    def tuple_factory(t: Any, c: Converter) -> typing.Callable[[object, type], tuple[Any, ...]]:  # noqa: ANN401
        base = homogenous_tuple_structure_factory(t, c)

        def hook(value: object, target: type) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise WrongTypeError(f"expected a list, found {kind_of(value)} ({value!r:.60})")
            return typing.cast("tuple[Any, ...]", base(value, target))

        return hook

    conv.register_structure_hook_factory(_is_homogenous_tuple, tuple_factory)

    conv.register_structure_hook_factory(attrs.has, _record_factory)
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
    # After the hooks of its items' records (bound when made), before the edition's (which binds it).
    conv.register_unstructure_hook(
        Category, make_dict_unstructure_fn(Category, conv, service_items=override(rename="items"))
    )
    conv.register_unstructure_hook(
        Edition, make_dict_unstructure_fn(Edition, conv, origin=override(omit=True))
    )
    _configure_reports(conv)
    return conv


def _configure_reports(conv: Converter) -> None:
    """Diffs, their changes, problems and reports: the JSON forms the command line prints.

    Registered as factories, which cattrs calls the first time a type is met: a command that never
    prints a diff (``bpsstd list``, loading an edition) does not generate their functions.
    """
    conv.register_unstructure_hook_factory(_is_change, _unstructure_change_factory(conv))

    def unstructure_diff_factory(_: object) -> typing.Callable[[EditionDiff], dict[str, Any]]:
        diff_fn = make_dict_unstructure_fn(EditionDiff, conv, agencies=override(omit=True))

        def unstructure_diff(d: EditionDiff) -> dict[str, Any]:
            data = diff_fn(d)
            # The summary is computed from the changes; it is written, and ignored when read back.
            return {
                "old": data["old"],
                "new": data["new"],
                "changes": data["changes"],
                "summary": conv.unstructure(d.summary),
                "unverified": data["unverified"],
                "not_recorded": data["not_recorded"],
            }

        return unstructure_diff

    def structure_diff_factory(_: object) -> typing.Callable[[object, type], EditionDiff]:
        diff_structure = make_dict_structure_fn(EditionDiff, conv)

        def structure_diff(value: object, target: type) -> EditionDiff:
            if not isinstance(value, dict):
                raise WrongTypeError(f"expected a mapping, found {kind_of(value)} ({value!r:.60})")
            return diff_structure({k: v for k, v in value.items() if k != "summary"}, target)

        return structure_diff

    conv.register_unstructure_hook_factory(lambda t: t is EditionDiff, unstructure_diff_factory)
    conv.register_structure_hook_factory(lambda t: t is EditionDiff, structure_diff_factory)

    def unstructure_report_factory(_: object) -> typing.Callable[[Report], dict[str, Any]]:
        problem_fn = make_dict_unstructure_fn(Problem, conv)
        return lambda r: {"ok": r.ok, "problems": [problem_fn(p) for p in r.problems]}

    conv.register_unstructure_hook_factory(lambda t: t is Report, unstructure_report_factory)


def _is_change(t: object) -> bool:
    return t == Change


def _unstructure_change_factory(
    conv: Converter,
) -> typing.Callable[[object], typing.Callable[[ChangeHeader], dict[str, Any]]]:
    def factory(_: object) -> typing.Callable[[ChangeHeader], dict[str, Any]]:
        records = {cl: make_dict_unstructure_fn(cl, conv) for cl in CHANGE_TYPES}

        def unstructure_change(change: ChangeHeader) -> dict[str, Any]:
            # The tag goes right after the kind, where a reader looks for it (cattrs would put it last).
            data = records[type(change)](change)
            return {"kind": data.pop("kind"), "shape": change.SHAPE, **data}

        return unstructure_change

    return factory


@functools.cache
def converter() -> Converter:
    """The library's converter, built on first use (building it generates code: not at import)."""
    return make_converter()


@functools.cache
def _diff_converter() -> Converter:
    """The converter, able to read changes back: their record type is their ``shape`` key.

    cattrs' tagged-union strategy generates the functions of every change record when it is
    configured, and registering hooks from inside a hook factory would change cattrs' dispatch while
    it runs; so it is configured here, once, by the one function that reads diffs back.
    """
    conv = converter()
    configure_tagged_union(
        Change, conv, tag_generator=lambda cl: typing.cast("type[ChangeHeader]", cl).SHAPE, tag_name="shape"
    )
    # The strategy registers its own unstructuring too; ours (the tag right after the kind) wins.
    conv.register_unstructure_hook_factory(_is_change, _unstructure_change_factory(conv))
    return conv


def structure(data: object, *, locations: dict[str, tuple[str, int]] | None = None) -> Edition:
    """Build an :class:`~bpsstd.model.Edition` from unstructured data (as :func:`unstructure` gives).

    Raises:
        LoadError: with one located problem for every wrong type, missing field or unknown key.
    """
    try:
        return converter().structure(data, Edition)
    except (ClassValidationError, IterableValidationError, TypeError, ValueError) as exc:
        raise LoadError("edition data", problems_of(exc, locations)) from None


def structure_aspect(data: object) -> Aspect | None:
    """Build one :class:`~bpsstd.model.Aspect` from an aspect file's data, or None when it is not valid.

    The loader's early step, which lets an aspect file's plain data go as soon as it is read; the
    problems of a file that fails are found, located, by :func:`structure` of the whole edition.
    """
    try:
        return converter().structure(data, Aspect)
    except (ClassValidationError, IterableValidationError, TypeError, ValueError):
        return None


def unstructure(record: AttrsInstance) -> dict[str, Any]:
    """Return a record as plain, JSON-ready data (dates as ISO strings, enums as their values).

    An edition gives its folder's data; a diff the form of ``bpsstd diff --format json`` (valid against
    :func:`bpsstd.diff_schema`); a report the form of ``bpsstd check --format json``; any other record of
    the library (a :class:`~bpsstd.Fidelity`, a change) its plain fields.
    """
    # A change is unstructured as the union, so that its JSON names its shape.
    as_type = Change if isinstance(record, CHANGE_TYPES) else type(record)
    return typing.cast("dict[str, Any]", converter().unstructure(record, unstructure_as=as_type))


def structure_diff(data: object) -> EditionDiff:
    """Build an :class:`~bpsstd.changes.EditionDiff` from its JSON form (its summary is recomputed)."""
    return _diff_converter().structure(data, EditionDiff)


# Folder reading and writing live in bpsstd.folder (which structures through this module); they are
# re-exported here, where they were first published, and imported on first use: the YAML reader and
# writer are not needed to structure or unstructure records.
__getattr__, __dir__ = _lazy.attach(
    __name__,
    {
        name: ("bpsstd.folder", name)
        for name in ("AGENCIES_FILE", "EDITION_FILE", "aspect_file_name", "dump_folder", "load_folder")
    },
)
