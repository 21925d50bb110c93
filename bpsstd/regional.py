"""Regional implementation standards (基本公共服务实施标准) as frozen records, and their folders.

A province, city or county publishes its own list of items implementing the national standard "no
lower than" it. Its rows are Chinese documents: the texts are kept as printed (``str``, no English),
and ``None`` means the text was not recorded (a row cut off in the source). Each local item names the
national item keys it implements; an empty tuple means a local-only item (地方新增).

A regional folder holds ``standard.yaml`` (region, id, date, the national edition it implements,
completeness, not-applicable declarations, the list of item files) and one YAML file per aspect,
read by the project's safe YAML reader and structured by the project's converter.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing
from pathlib import Path
from typing import Any

import attrs
from attrs import field, frozen
from attrs.validators import and_, instance_of, matches_re, min_len, optional
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_unstructure_fn, override

from bpsstd._yaml import YamlProblem, read_yaml
from bpsstd.errors import EditionNotFoundError, LoadError
from bpsstd.folder import to_yaml
from bpsstd.model import KEY_PATTERN, Comparator, Confidence, Origin, Value, _value, freeze

if typing.TYPE_CHECKING:
    from cattrs import Converter

    from bpsstd.model import Edition, ServiceItem
from bpsstd._regional_names import STANDARD_FILE, is_regional_folder, regional_root, regional_standards
from bpsstd._structure_errors import problems_of
from bpsstd.problems import Problem, Severity
from bpsstd.serde import converter

__all__ = [
    "STANDARD_FILE",
    "Level",
    "LocalAgency",
    "LocalAspect",
    "LocalItem",
    "LocalQuantity",
    "Match",
    "NotApplicable",
    "NotRecorded",
    "Region",
    "RegionalStandard",
    "aspect_file",
    "copy_of",
    "dump_regional_folder",
    "is_regional_folder",
    "load_regional",
    "load_regional_folder",
    "regional_root",
    "regional_standards",
    "unstructure_regional",
]

_key = matches_re(KEY_PATTERN)
_text = and_(instance_of(str), min_len(1))


class Level(enum.Enum):
    """The level of government that issues the standard."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


@frozen(kw_only=True)
class Region:
    """The issuing region: its Chinese and English names and its level."""

    zh: str = field(validator=_text)
    en: str = field(validator=instance_of(str))
    level: Level = field(validator=instance_of(Level))


@frozen(kw_only=True)
class LocalAgency:
    """A local lead unit (市卫生健康委) and the national registry key it corresponds to, if any."""

    zh: str = field(validator=_text)
    national: str | None = field(default=None, validator=optional(_key))


@frozen(kw_only=True)
class LocalQuantity:
    """A number the local row states, under the key of the national quantity it states, if any.

    Attributes:
        key: the national quantity's key (``antenatal-care-visits``), or a key of the row's own.
        what: what is counted, as the row says it.
        quote: the words of the row that state it (9次孕妇产前检查).
        national_item: which national item's quantity, when the row implements several.
        better: the local file's own reading of the generous direction, used only while the national
            quantity does not say.
    """

    key: str = field(validator=_key)
    what: str = field(validator=instance_of(str))
    value: Value = field(converter=_value)
    unit: str = field(validator=instance_of(str))
    comparator: Comparator = field(default=Comparator.EXACTLY, validator=instance_of(Comparator))
    quote: str | None = field(default=None, validator=optional(instance_of(str)))
    national_item: str | None = field(default=None, validator=optional(_key))


@frozen(kw_only=True)
class Match:
    """How sure the mapping to national items is, and why."""

    confidence: Confidence = field(validator=instance_of(Confidence))
    why: str = field(default="", validator=instance_of(str))


@frozen(kw_only=True)
class LocalItem:
    """One row of a regional standard."""

    key: str = field(validator=_key)
    name: str = field(validator=_text)
    target: str | None = None
    """服务对象."""
    content: str | None = None
    """服务内容."""
    standard: str | None = None
    """服务标准."""
    expenditure: str | None = None
    """支出责任, as the row words it (区财政负担): local by nature, never compared with the national."""
    lead_units: tuple[LocalAgency, ...] = field(default=(), converter=freeze)
    quantities: tuple[LocalQuantity, ...] = field(default=(), converter=freeze)
    implements: tuple[str, ...] = field(default=(), converter=freeze)
    """National item keys; empty for a local-only item (地方新增)."""
    match: Match | None = None
    complete: bool = field(default=True, validator=instance_of(bool))
    """False when the source cut the row off."""
    sources: tuple[str, ...] = field(default=(), converter=freeze)
    notes: str = field(default="", validator=instance_of(str))

    @property
    def local_only(self) -> bool:
        """Whether the item implements no national item (地方新增)."""
        return not self.implements


@frozen(kw_only=True)
class LocalAspect:
    """A group of rows, as the regional document groups them (usually the national aspects)."""

    key: str = field(validator=_key)
    name: str = field(validator=_text)
    items: tuple[LocalItem, ...] = field(converter=freeze)
    complete: bool = field(default=True, validator=instance_of(bool))
    source: str | None = field(default=None, validator=optional(instance_of(str)))


@frozen(kw_only=True)
class NotApplicable:
    """A national item the region declares not applicable, with the reason."""

    item: str = field(validator=_key)
    reason: str = field(validator=instance_of(str))


@frozen(kw_only=True)
class NotRecorded:
    """A national aspect whose local rows this data does not hold, with the reason."""

    aspect: str = field(validator=_key)
    reason: str = field(validator=instance_of(str))


@frozen(kw_only=True)
class RegionalStandard:
    """A regional implementation standard: its region, metadata, declarations and rows.

    Attributes:
        implements: the national edition id it implements, or None when the document does not say.
        synthetic: True for made-up examples; every report and page says so.
        complete: whether this data holds the whole document.
    """

    id: str = field(validator=matches_re(r"[0-9A-Za-z][0-9A-Za-z._-]*"))
    title: str = field(validator=_text)
    region: Region
    date: dt.date | None = field(default=None, validator=optional(instance_of(dt.date)))
    implements: str | None = field(default=None, validator=optional(instance_of(str)))
    synthetic: bool = field(default=False, validator=instance_of(bool))
    complete: bool = field(validator=instance_of(bool))
    completeness_note: str = field(default="", validator=instance_of(str))
    not_recorded: tuple[NotRecorded, ...] = field(default=(), converter=freeze)
    not_applicable: tuple[NotApplicable, ...] = field(default=(), converter=freeze)
    aspects: tuple[LocalAspect, ...] = field(converter=freeze)
    sources: tuple[str, ...] = field(default=(), converter=freeze)
    notes: str = field(default="", validator=instance_of(str))
    origin: Origin | None = field(default=None, eq=False, repr=False)

    @property
    def items(self) -> tuple[LocalItem, ...]:
        """All rows in document order."""
        return tuple(i for a in self.aspects for i in a.items)

    def walk(self) -> typing.Iterator[tuple[str, LocalItem]]:
        """Yield ``(path, item)`` for every row, with its data path."""
        for a, aspect in enumerate(self.aspects):
            for i, item in enumerate(aspect.items):
                yield f"$.aspects[{a}].items[{i}]", item


# ---------------------------------------------------------------------------------------------
# Folders. The project's converter already structures attrs records, enums, dates and quantity
# values strictly; a regional standard adds only how its rows are written.


@functools.cache
def _converter() -> Converter:
    """The library's one converter, taught on first use to write a regional folder's records."""
    conv = converter()
    # Files list only what a row states: defaults (no quantities, complete) are left out.
    for cl in (LocalAgency, LocalQuantity, LocalItem, LocalAspect, Match):
        conv.register_unstructure_hook(cl, make_dict_unstructure_fn(cl, conv, _cattrs_omit_if_default=True))
    conv.register_unstructure_hook(
        RegionalStandard, make_dict_unstructure_fn(RegionalStandard, conv, origin=override(omit=True))
    )
    return conv


_HEADER = "# Part of a bpsstd regional standard folder. After editing, run: bpsstd check FOLDER\n"


def unstructure_regional(standard: RegionalStandard) -> dict[str, Any]:
    """Return the standard as plain, JSON-ready data (dates as ISO strings, enums as their values)."""
    return typing.cast("dict[str, Any]", _converter().unstructure(standard))


def aspect_file(number: int, key: str) -> str:
    """Return the file name of an aspect's rows, e.g. ``01-childcare.yaml``."""
    return f"{number:02d}-{key}.yaml"


def dump_regional_folder(standard: RegionalStandard, folder: str | Path) -> Path:
    """Write *standard* as a regional folder (created if needed); return the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = unstructure_regional(standard)
    names = [aspect_file(n, a.key) for n, a in enumerate(standard.aspects, start=1)]
    for name, aspect in zip(names, data.pop("aspects"), strict=True):
        (folder / name).write_text(_HEADER + _yaml_text(aspect), encoding="utf-8")
    (folder / STANDARD_FILE).write_text(_HEADER + _yaml_text({**data, "aspects": names}), encoding="utf-8")
    return folder


def _yaml_text(data: object) -> str:
    # The edition folders' writer: strings the YAML 1.2 reader would take for a number are quoted.
    return to_yaml(data, "")


def _error(code: str, message: str, path: str, file: str | None, line: int | None = None) -> Problem:
    return Problem(code=code, severity=Severity.ERROR, message=message, path=path, file=file, line=line)


def load_regional_folder(folder: str | Path, *, relative_to: Path | None = None) -> RegionalStandard:
    """Load the regional standard stored in *folder*, safely.

    Problems name files as *folder* is given, or relative to *relative_to* when given (shipped
    standards are named ``regional/shanghai-2024/...`` wherever the package is installed).

    Raises:
        LoadError: a file is missing, unreadable or not valid regional data; every problem is reported.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    locations: dict[str, tuple[str, int]] = {}

    shown = folder.relative_to(relative_to) if relative_to is not None else folder

    def read(name: str, where: str, prefix: tuple[str | int, ...]) -> Any:  # noqa: ANN401  # YAML data
        file = str(shown / name)
        try:
            data, located = read_yaml(folder / name)
        except YamlProblem as exc:
            problems.append(_error(exc.code, exc.message, where, file, exc.line))
            return None
        except OSError as exc:
            problems.append(_error("file-unreadable", f"cannot read: {exc.strerror or exc}", where, file))
            return None
        for parts, line in located.items():
            path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in (*prefix, *parts))
            locations[path] = (file, line)
        return data

    meta = read(STANDARD_FILE, "$", ())
    if meta is not None and not isinstance(meta, dict):
        problems.append(_error("wrong-type", "expected a mapping", "$", str(shown / STANDARD_FILE), 1))
        meta = None
    if meta is not None:
        names = meta.get("aspects")
        if not isinstance(names, list) or not all(isinstance(n, str) and "/" not in n for n in names):
            problems.append(
                _error(
                    "wrong-type",
                    "expected 'aspects' to list the item files, e.g. [01-childcare.yaml, ...]",
                    "$.aspects",
                    str(shown / STANDARD_FILE),
                    1,
                )
            )
            names = []
        meta["aspects"] = [read(n, f"$.aspects[{i}]", ("aspects", i)) for i, n in enumerate(names)]
    if problems:
        raise LoadError(str(folder), problems)
    try:
        standard = _converter().structure(meta, RegionalStandard)
    except (ClassValidationError, IterableValidationError, TypeError, ValueError) as exc:
        raise LoadError(str(folder), problems_of(exc, locations)) from None
    return attrs.evolve(standard, origin=Origin(folder=str(folder), locations=locations))


@functools.cache
def _load_shipped(standard_id: str) -> RegionalStandard:
    root = regional_root()
    return load_regional_folder(root / standard_id, relative_to=root.parent)


def load_regional(standard: str | Path) -> RegionalStandard:
    """Load a regional standard: a shipped one by id (``"shanghai-2024"``) or a folder by path.

    Raises:
        EditionNotFoundError: neither a shipped id nor a regional folder.
        LoadError: the folder does not hold valid regional data.
    """
    text = str(standard)
    if isinstance(standard, str) and text in regional_standards():
        return _load_shipped(text)
    if text.strip() and is_regional_folder(text):
        return load_regional_folder(text)
    raise EditionNotFoundError(text, regional_standards())


def copy_of(
    edition: Edition,
    *,
    id: str,  # noqa: A002  # the record's own field name
    title: str,
    region: Region,
) -> RegionalStandard:
    """Return a regional standard that repeats *edition* row for row, labelled synthetic.

    Each national item becomes one local item with the same key, Chinese wording and quantities, and
    implements that item alone; its quantities are stated as the national ones are.
    """
    names = {a.key: a.name.zh for a in edition.agencies}

    def row(item: ServiceItem) -> LocalItem:
        return LocalItem(
            key=item.key,
            name=item.name.zh or item.key,  # names are always known (bpsstd check)
            target=item.target.zh,
            content=item.content.zh,
            standard=item.standard.zh,
            expenditure=item.expenditure.zh,
            lead_units=tuple(LocalAgency(zh=names.get(u) or u, national=u) for u in item.lead_units),
            quantities=tuple(
                LocalQuantity(
                    key=q.key,
                    what=q.what_zh or q.what,
                    value=q.value,
                    unit=q.unit_zh or q.unit,
                    comparator=q.comparator,
                )
                for q in item.quantities
            ),
            implements=(item.key,),
        )

    return RegionalStandard(
        id=id,
        title=title,
        region=region,
        date=edition.published,
        implements=edition.id,
        synthetic=True,
        complete=True,
        aspects=tuple(
            LocalAspect(
                key=a.key,
                name=a.name.zh or a.key,
                items=tuple(row(i) for c in a.categories for i in c.service_items),
            )
            for a in edition.aspects
        ),
    )
