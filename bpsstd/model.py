"""The frozen records of an edition: Edition > Aspect > Category > ServiceItem.

Every record is immutable and compares by value; collections are tuples. Identity is a stable ``key``
(kebab-case) that survives renumbering and renaming; ``number`` is position, and position is data.
Rules that span several fields or records live in :mod:`bpsstd.checks`, where every problem is collected.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum

# Imported at run time, not under TYPE_CHECKING: cattrs (even its default converter) resolves the
# string annotations of these records, and must find every name they use.
from array import array
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol

import attrs
from attrs import field, frozen
from attrs.validators import ge, instance_of, matches_re, optional

if TYPE_CHECKING:
    from bpsstd._table import ItemRow

__all__ = [
    "KEY_PATTERN",
    "Agency",
    "Aspect",
    "Better",
    "Category",
    "Comparator",
    "Confidence",
    "Departments",
    "Edition",
    "EditionProvenance",
    "Expenditure",
    "ExpenditureClass",
    "FactNote",
    "FactRating",
    "FieldProvenance",
    "Lang",
    "LineTable",
    "Lines",
    "Origin",
    "Provenance",
    "Quantity",
    "Range",
    "Ratio",
    "ServiceItem",
    "Source",
    "Text",
    "Totals",
    "Value",
    "format_value",
]

#: The shape of every stable key: lower-case ASCII words joined by single hyphens.
KEY_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"

_key = matches_re(KEY_PATTERN)


def freeze(value: Iterable[Any]) -> tuple[Any, ...]:
    """Freeze a collection into a tuple (the converter of every collection field)."""
    return tuple(value)


class Confidence(enum.Enum):
    """How well a fact is established, as ``../shared/reference`` grades it."""

    HIGH = "high"
    """Seen in the official text or an official release."""
    MEDIUM = "medium"
    """Confirmed by a secondary source: a provincial standard, a policy notice, a news report."""
    LOW = "low"
    """Background knowledge or reconstruction: unverified."""
    UNKNOWN = "unknown"
    """Not found (edition facts only); the value is null."""

    @property
    def verified(self) -> bool:
        """Whether the fact may be presented as confirmed by a source."""
        return self in {Confidence.HIGH, Confidence.MEDIUM}


class ExpenditureClass(enum.Enum):
    """Who pays (支出责任), coarsely; the text of :class:`Expenditure` holds the detail."""

    CENTRAL = "central"
    """中央财政事权: the central budget."""
    LOCAL = "local"
    """地方财政事权: local budgets, sometimes with a central subsidy."""
    SHARED = "shared"
    """中央与地方共同财政事权: shared by the central and local budgets."""
    INSURANCE_FUND = "insurance_fund"
    """A social-insurance fund pays."""
    MIXED = "mixed"
    """Different payers for different parts of the population or the service."""


class Comparator(enum.Enum):
    """How a row states a number: exactly it, at least it, about it ..."""

    EXACTLY = "exactly"
    """The number itself (每生每天5元)."""
    AT_LEAST = "at_least"
    """不少于 / 不低于 / 以上."""
    AT_MOST = "at_most"
    """不超过 / 以内."""
    ABOUT = "about"
    """左右."""
    UNDER = "under"
    """不满 / 未满: strictly below."""
    OVER = "over"
    """超过: strictly above."""


class Better(enum.Enum):
    """Which direction of a number is more generous to the people served."""

    HIGHER = "higher"
    """More is more generous (a higher meal subsidy)."""
    LOWER = "lower"
    """Less is more generous (a lower age threshold for an old-age allowance)."""


class Lang(enum.Enum):
    """A language of the texts and of every report: Chinese (authoritative) or English."""

    ZH = "zh"
    EN = "en"


@frozen(kw_only=True)
class Text:
    """Words of the standard: Chinese (authoritative) and an English rendering.

    Only the standard's claimed wording, never a remark about it (remarks are notes, kept in
    :class:`FieldProvenance` or ``Quantity.note``). ``None`` means the wording is unknown, which is
    not the same as empty; names and titles are always known (``bpsstd check`` enforces it).
    """

    zh: str | None = field(validator=optional(instance_of(str)))
    en: str | None = field(validator=optional(instance_of(str)))

    @property
    def known(self) -> bool:
        """Whether the Chinese wording is known."""
        return self.zh is not None

    def get(self, lang: Lang | str) -> str | None:
        """Return the text in *lang* (:class:`Lang`, or its value ``"zh"`` or ``"en"``); None where unknown.

        Raises:
            ValueError: *lang* is not a language of the texts (``"fr"`` does not quietly give Chinese).
        """
        return self.en if Lang(lang) is Lang.EN else self.zh


@frozen(kw_only=True)
class Agency:
    """A responsible unit (牵头负责单位) of the registry, named as the standard names it.

    Attributes:
        key: stable identity.
        name: the canonical name (Chinese) and the agency's official English name.
        printed: the short name this edition's official text prints in 牵头负责单位 (退役军人部), where
            it was seen verbatim; None where it was not seen.
    """

    key: str = field(validator=_key)
    name: Text
    printed: str | None = field(default=None, validator=optional(instance_of(str)))

    @property
    def label(self) -> str:
        """The Chinese name to display: the printed short name where known, else the canonical one."""
        return self.printed or self.name.zh or self.key


@frozen(kw_only=True)
class Expenditure:
    """Expenditure responsibility (支出责任): a coarse class and the row's own words."""

    kind: ExpenditureClass | None = field(validator=optional(instance_of(ExpenditureClass)))
    """None where the wording is unknown, and so the class too."""
    zh: str | None = field(validator=optional(instance_of(str)))
    en: str | None = field(validator=optional(instance_of(str)))

    @property
    def text(self) -> Text:
        """The row's words as :class:`Text`."""
        return Text(zh=self.zh, en=self.en)


@frozen(kw_only=True)
class Range:
    """An inclusive range of numbers, such as an age band (16-24 years)."""

    min: int | float = field(validator=instance_of((int, float)))
    max: int | float = field(validator=instance_of((int, float)))

    def __str__(self) -> str:
        """Render as ``min-max``."""
        return f"{_number(self.min)}-{_number(self.max)}"


@frozen(kw_only=True)
class Ratio:
    """An exact fraction, such as one third of screenings (1/3)."""

    numerator: int = field(validator=instance_of(int))
    denominator: int = field(validator=[instance_of(int), ge(1)])

    def __str__(self) -> str:
        """Render as ``numerator/denominator``."""
        return f"{self.numerator}/{self.denominator}"


#: What a quantity holds: one number, a range, an exact ratio, or a list (tiers, grades).
Value = int | float | Range | Ratio | tuple[int | float, ...]


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def format_value(value: Value) -> str:
    """Render a quantity's value as the standard writes it: ``4``, ``0.4``, ``16-24``, ``1/3``, ``80/60``."""
    if isinstance(value, tuple):
        return "/".join(_number(v) for v in value)
    if isinstance(value, (Range, Ratio)):
        return str(value)
    return _number(value)


def _value(value: Value | list[int | float]) -> Value:
    """Freeze lists of numbers into tuples; leave other values alone."""
    if isinstance(value, list):
        return tuple(value)
    return value


def _is_value(_: object, attribute: Any, value: Value) -> None:  # noqa: ANN401  # attrs' Attribute
    ok = (isinstance(value, (int, float, Range, Ratio)) and not isinstance(value, bool)) or (
        isinstance(value, tuple)
        and len(value) > 0
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    )
    if not ok:
        msg = f"a quantity's value must be a number, a range, a ratio or a list of numbers, not {value!r}"
        raise TypeError(msg, attribute, Value, value)


@frozen(kw_only=True)
class Quantity:
    """A number that the row's own wording states (an amount, a rate, an age, a count), kept as data.

    Attributes:
        key: stable identity inside the item.
        what: what is counted, in English; ``what_zh`` as Chinese policy documents say it.
        value: the number (a range, a ratio, a list of tiers).
        unit: the unit, in English; ``unit_zh`` as Chinese documents write it (元/生·年, 周岁).
        comparator: how the row states the number (exactly, at least ...).
        better: the direction more generous to the people served; None where generosity is not the
            reading (fiscal splits, clinical doses, ranges, sets).
        confidence: the quantity's own rating, where it differs from the row's.
        source: where the number was seen, where the item's sources do not say.
        note: the team's remark on the number; never part of the standard.
    """

    key: str = field(validator=_key)
    what: str = field(validator=instance_of(str))
    what_zh: str | None = field(default=None, validator=optional(instance_of(str)))
    value: Value = field(converter=_value, validator=_is_value)
    unit: str = field(validator=instance_of(str))
    unit_zh: str | None = field(default=None, validator=optional(instance_of(str)))
    comparator: Comparator = field(default=Comparator.EXACTLY, validator=instance_of(Comparator))
    better: Better | None = field(default=None, validator=optional(instance_of(Better)))
    confidence: Confidence | None = field(default=None, validator=optional(instance_of(Confidence)))
    source: str | None = field(default=None, validator=optional(instance_of(str)))
    note: Text | None = field(default=None, validator=optional(instance_of(Text)))


#: The shape of a field name that provenance may be kept for: ``standard``, ``requirements[2]``.
FIELD_NAME_PATTERN = r"[a-z_]+(\[[0-9]+\])?"


@frozen(kw_only=True)
class FieldProvenance:
    """The team's record on one field of a record: its note, and its own rating and sources if any.

    Attributes:
        field_name: the field it is about (``target``, ``standard``, ``expenditure``, ``requirements[2]``).
        note: the team's remark on that field (unverified, a guess, assumed equal to the other edition,
            where a number came from ...). Not part of the standard: a change of note is not a change
            of the standard.
        confidence: this field's rating where it differs from the row's (None: the row's applies).
        sources: the documents that support this field in particular.
    """

    field_name: str = field(validator=matches_re(FIELD_NAME_PATTERN))
    note: Text | None = field(default=None, validator=optional(instance_of(Text)))
    confidence: Confidence | None = field(default=None, validator=optional(instance_of(Confidence)))
    sources: tuple[str, ...] = field(default=(), converter=freeze)


@frozen(kw_only=True)
class Source:
    """Where facts were seen, and which editions it supports."""

    text: str = field(validator=instance_of(str))
    """An address with what it shows, or a document citation."""
    editions: tuple[str, ...] = field(default=(), converter=freeze)
    """The editions the source supports (ids such as ``"2021"``)."""

    def __str__(self) -> str:
        """Render as the source's text."""
        return self.text


def _sources(value: Iterable[Source | str]) -> tuple[Source, ...]:
    """Freeze sources; a bare string is a source that names no edition (handy in code and tests)."""
    return tuple(Source(text=s) if isinstance(s, str) else s for s in value)


@frozen(kw_only=True)
class Provenance:
    """Where an item's facts come from and how far they are established.

    Attributes:
        name: confidence that the item exists under this name in this edition.
        fields: confidence in this edition's row (target, content, standard, expenditure, lead units).
        sources: where the facts were seen, each with the editions it supports.
        notes: what is unconfirmed, alternatives, review remarks (the item as a whole).
        field_notes: the team's per-field records (note, own rating, sources), keyed by field name.
        inherited_from: the edition whose row this one repeats because no change is known; the two
            rows are *not* verified identical.
    """

    name: Confidence = field(validator=instance_of(Confidence))
    fields: Confidence = field(validator=instance_of(Confidence))
    sources: tuple[Source, ...] = field(default=(), converter=_sources)
    notes: str = field(default="", validator=instance_of(str))
    field_notes: tuple[FieldProvenance, ...] = field(default=(), converter=freeze)
    inherited_from: str | None = field(default=None, validator=optional(instance_of(str)))

    def about(self, name: str) -> FieldProvenance | None:
        """Return the team's record on field *name*, or None."""
        return next((f for f in self.field_notes if f.field_name == name), None)

    def level(self, name: str) -> Confidence:
        """Return the confidence of field *name*: its own rating, else the row's."""
        own = self.about(name)
        return own.confidence if own is not None and own.confidence is not None else self.fields

    @property
    def reconstructed(self) -> bool:
        """Whether the item was not seen in any text and completes a category to its declared total."""
        return self.notes.startswith("reconstructed:")

    @property
    def verified(self) -> bool:
        """Whether both the name and the row are confirmed by a source."""
        return self.name.verified and self.fields.verified and self.inherited_from is None


@frozen(kw_only=True)
class ServiceItem:
    """One service item (服务项目): a row of the standard's table."""

    key: str = field(validator=_key)
    number: int = field(validator=[instance_of(int), ge(1)])
    name: Text
    target: Text
    """服务对象: who is served."""
    content: Text
    """服务内容: what is provided."""
    standard: Text
    """服务标准: at what level."""
    expenditure: Expenditure
    """支出责任: who pays."""
    lead_units: tuple[str, ...] = field(converter=freeze)
    """牵头负责单位: keys of the edition's agency registry."""
    quantities: tuple[Quantity, ...] = field(default=(), converter=freeze)
    provenance: Provenance

    def quantity(self, key: str) -> Quantity:
        """Return the quantity with *key*.

        Raises:
            KeyError: no quantity of this item has that key.
        """
        for quantity in self.quantities:
            if quantity.key == key:
                return quantity
        raise KeyError(key)


@frozen(kw_only=True)
class Category:
    """A category (服务类别); numbered across the whole edition (1..22 in 2021 and 2023)."""

    key: str = field(validator=_key)
    number: int = field(validator=[instance_of(int), ge(1)])
    name: Text
    service_items: tuple[ServiceItem, ...] = field(converter=freeze)


@frozen(kw_only=True)
class Aspect:
    """An aspect (方面) such as 幼有所育, grouping categories."""

    key: str = field(validator=_key)
    number: int = field(validator=[instance_of(int), ge(1)])
    name: Text
    categories: tuple[Category, ...] = field(converter=freeze)


@frozen(kw_only=True)
class Totals:
    """Counts of aspects, categories and items, as an edition declares them."""

    aspects: int = field(validator=[instance_of(int), ge(0)])
    categories: int = field(validator=[instance_of(int), ge(0)])
    items: int = field(validator=[instance_of(int), ge(0)])


@frozen(kw_only=True)
class Departments:
    """The issuing departments: how many, and those that sources name (agency keys)."""

    count: int | None = field(default=None, validator=optional([instance_of(int), ge(1)]))
    named: tuple[str, ...] = field(default=(), converter=freeze)


@frozen(kw_only=True)
class FactRating:
    """The confidence in one edition fact (``fact`` is a key such as ``doc_number``)."""

    fact: str = field(validator=matches_re(r"[a-z0-9]+(_[a-z0-9]+)*"))
    level: Confidence = field(validator=instance_of(Confidence))


@frozen(kw_only=True)
class FactNote:
    """A remark on one edition fact: why it is null, what is unconfirmed."""

    fact: str = field(validator=matches_re(r"[a-z0-9]+(_[a-z0-9]+)*"))
    text: str = field(validator=instance_of(str))


@frozen(kw_only=True)
class EditionProvenance:
    """Confidence, notes and sources for an edition's metadata."""

    confidence: tuple[FactRating, ...] = field(default=(), converter=freeze)
    notes: tuple[FactNote, ...] = field(default=(), converter=freeze)
    sources: tuple[str, ...] = field(default=(), converter=freeze)
    field_notes: tuple[FieldProvenance, ...] = field(default=(), converter=freeze)
    """The team's notes on edition texts, keyed by field name such as ``requirements[2]``."""

    def level(self, fact: str) -> Confidence | None:
        """Return the confidence recorded for *fact*, or None."""
        return next((r.level for r in self.confidence if r.fact == fact), None)

    def note(self, fact: str) -> str | None:
        """Return the note recorded for *fact*, or None."""
        return next((n.text for n in self.notes if n.fact == fact), None)


class Lines(Protocol):
    """Where data paths stand: ``get(path)`` gives ``(file, line)``, or None for an unlocated path."""

    def get(self, path: str, /) -> tuple[str, int] | None:
        """Return ``(file, line)`` for *path*, or None."""


class LineTable:
    """The file and line of every data path, in about 16 bytes a path instead of about 250.

    A loaded edition locates every value it holds (a few thousand paths an edition), and kept as a
    dict of path strings this was most of its memory, and most of the peak of loading it. The
    table keeps the hash of each path and its place (file number and line) packed in one integer,
    in two arrays sorted by hash, and finds a path by bisection. Paths themselves are not kept: a
    table answers ``get``, ``len`` and ``table[path] = (file, line)`` (the last setting of a path
    wins, as in a dict), nothing more. Hashes of strings vary between processes, so a table lives
    only in the process that made it.
    """

    __slots__ = ("_files", "_hashes", "_names", "_places", "_settled")

    def __init__(self, locations: Mapping[str, tuple[str, int]] | None = None) -> None:
        """Start a table, holding *locations* if given (a mapping of data paths to ``(file, line)``)."""
        self._files: dict[str, int] = {}
        self._names: list[str] = []
        self._hashes = array("q")
        self._places = array("q")
        self._settled = True
        for path, where in (locations or {}).items():
            self[path] = where

    def __setitem__(self, path: str, where: tuple[str, int]) -> None:
        """Locate *path* at ``(file, line)``."""
        file, line = where
        number = self._files.get(file)
        if number is None:
            number = self._files[file] = len(self._names)
            self._names.append(file)
        self._hashes.append(hash(path))
        self._places.append(number << 32 | line)
        self._settled = False

    def _settle(self) -> None:
        """Sort by hash, keeping only the last place set for each path."""
        hashes, places = self._hashes, self._places
        order = sorted(range(len(hashes)), key=hashes.__getitem__)  # stable: settings stay in order
        kept = [i for n, i in enumerate(order) if n + 1 == len(order) or hashes[order[n + 1]] != hashes[i]]
        self._hashes = array("q", [hashes[i] for i in kept])
        self._places = array("q", [places[i] for i in kept])
        self._settled = True

    def get(self, path: str, default: tuple[str, int] | None = None, /) -> tuple[str, int] | None:
        """Return ``(file, line)`` for *path*, or *default* when it was not located."""
        if not self._settled:
            self._settle()
        wanted = hash(path)
        at = bisect.bisect_left(self._hashes, wanted)
        if at == len(self._hashes) or self._hashes[at] != wanted:
            return default
        place = self._places[at]
        return self._names[place >> 32], place & 0xFFFFFFFF

    def __len__(self) -> int:
        """Return the number of located paths."""
        if not self._settled:
            self._settle()
        return len(self._hashes)


def _compact(locations: Lines | Mapping[str, tuple[str, int]]) -> Lines:
    return LineTable(locations) if isinstance(locations, Mapping) else locations


@frozen(kw_only=True)
class Origin:
    """Where a loaded edition came from: its folder and the file and line of every data path.

    Not part of an edition's value: two editions loaded from different folders compare equal.
    A mapping of locations is kept as a compact :class:`LineTable`; any other :class:`Lines`
    (for example one that reads the folder on first use) is kept as it is.
    """

    folder: str
    locations: Lines = field(repr=False, converter=_compact)

    def locate(self, path: str) -> tuple[str, int] | None:
        """Return ``(file, line)`` for a data path, or for its nearest located ancestor."""
        while path:
            where = self.locations.get(path)
            if where is not None:
                return where
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                break
            path = path[:cut]
        return self.locations.get("$")


@frozen(kw_only=True)
class Edition:
    """One edition of the standard (e.g. ``"2021"``): its metadata, agency registry and aspects.

    An edition is also a read-only collection of its service items by key: ``len(edition)``,
    ``key in edition``, ``edition[key]`` and ``iter(edition)`` (items in document order).
    """

    id: str = field(validator=matches_re(r"[0-9A-Za-z][0-9A-Za-z._-]*"))
    title: Text
    notice_title: Text | None = None
    doc_number: str | None = field(default=None, validator=optional(instance_of(str)))
    published: dt.date | None = field(default=None, validator=optional(instance_of(dt.date)))
    issued: dt.date | None = field(default=None, validator=optional(instance_of(dt.date)))
    addressed_to: str | None = field(default=None, validator=optional(instance_of(str)))
    approving_body: str | None = field(default=None, validator=optional(instance_of(str)))
    departments: Departments = Departments()
    declared: Totals
    requirements: tuple[Text, ...] = field(default=(), converter=freeze)
    agencies: tuple[Agency, ...] = field(converter=freeze)
    aspects: tuple[Aspect, ...] = field(converter=freeze)
    provenance: EditionProvenance = EditionProvenance()
    origin: Origin | None = field(default=None, eq=False, repr=False)

    def __len__(self) -> int:
        """Return the number of service items."""
        return sum(len(c.service_items) for c in self.categories)

    def __contains__(self, key: object) -> bool:
        """Return whether an item has *key*."""
        return any(i.key == key for i in self.service_items)

    def __getitem__(self, key: str) -> ServiceItem:
        """Return the service item with *key* (see :meth:`item`).

        Raises:
            KeyError: no item has that key.
        """
        return self.item(key)

    def __iter__(self) -> Iterator[ServiceItem]:
        """Iterate over the service items in document order."""
        return iter(self.service_items)

    def table(self) -> tuple[ItemRow, ...]:
        """Return one flat :class:`~bpsstd.ItemRow` per item, in document order."""
        from bpsstd._table import table  # noqa: PLC0415  # the table module builds on this one

        return table(self)

    def table_dicts(self) -> list[dict[str, str | int | None]]:
        """Return :meth:`table` as plain dicts: ``pandas.DataFrame(edition.table_dicts())``, CSV rows."""
        return [attrs.asdict(row) for row in self.table()]

    @property
    def categories(self) -> tuple[Category, ...]:
        """All categories in document order."""
        return tuple(c for a in self.aspects for c in a.categories)

    @property
    def service_items(self) -> tuple[ServiceItem, ...]:
        """All service items in document order."""
        return tuple(i for c in self.categories for i in c.service_items)

    @property
    def totals(self) -> Totals:
        """The actual counts (compare the ``declared`` totals)."""
        return Totals(
            aspects=len(self.aspects), categories=len(self.categories), items=len(self.service_items)
        )

    def item(self, key: str) -> ServiceItem:
        """Return the service item with *key*.

        Raises:
            KeyError: no item has that key.
        """
        for item in self.service_items:
            if item.key == key:
                return item
        raise KeyError(key)

    def agency(self, key: str) -> Agency:
        """Return the registry's agency with *key*.

        Raises:
            KeyError: the registry has no such agency.
        """
        for agency in self.agencies:
            if agency.key == key:
                return agency
        raise KeyError(key)

    def category_of(self, key: str) -> Category:
        """Return the category holding the item with *key*.

        Raises:
            KeyError: no item has that key.
        """
        for category in self.categories:
            if any(i.key == key for i in category.service_items):
                return category
        raise KeyError(key)

    def walk(self) -> Iterator[tuple[str, Aspect, Category, ServiceItem]]:
        """Yield ``(path, aspect, category, item)`` for every item, with its data path."""
        for a, aspect in enumerate(self.aspects):
            for c, category in enumerate(aspect.categories):
                for i, item in enumerate(category.service_items):
                    yield f"$.aspects[{a}].categories[{c}].items[{i}]", aspect, category, item

    def query(
        self,
        *,
        text: str | None = None,
        agency: str | None = None,
        expenditure: ExpenditureClass | None = None,
        min_confidence: Confidence | None = None,
    ) -> tuple[ServiceItem, ...]:
        """Return the items that match every given criterion, in document order.

        Args:
            text: a substring of the name, target, content or standard, in Chinese or English.
            agency: an agency key among the lead units.
            expenditure: the expenditure class.
            min_confidence: the lowest confidence accepted for both the name and the row.
        """
        order = [Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH]

        def keep(item: ServiceItem) -> bool:
            if text is not None:
                texts = (item.name, item.target, item.content, item.standard)
                if not any(text in (t.zh or "") or text.lower() in (t.en or "").lower() for t in texts):
                    return False
            if agency is not None and agency not in item.lead_units:
                return False
            if expenditure is not None and item.expenditure.kind is not expenditure:
                return False
            if min_confidence is not None:
                floor = order.index(min_confidence) if min_confidence in order else 0
                levels = (item.provenance.name, item.provenance.fields)
                if any(lv not in order or order.index(lv) < floor for lv in levels):
                    return False
            return True

        return tuple(i for i in self.service_items if keep(i))
