"""The frozen records of an edition: Edition > Aspect > Category > ServiceItem.

Every record is immutable and compares by value; collections are tuples. Identity is a stable ``key``
(kebab-case) that survives renumbering and renaming; ``number`` is position, and position is data.
Rules that span several fields or records live in :mod:`bpsstd.checks`, where every problem is collected.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

from attrs import field, frozen
from attrs.validators import ge, instance_of, matches_re, optional

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

__all__ = [
    "KEY_PATTERN",
    "Agency",
    "Aspect",
    "Category",
    "Confidence",
    "Departments",
    "Edition",
    "EditionProvenance",
    "Expenditure",
    "ExpenditureClass",
    "FactNote",
    "FactRating",
    "Lang",
    "Origin",
    "Provenance",
    "Quantity",
    "Range",
    "Ratio",
    "ServiceItem",
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


class Lang(enum.Enum):
    """A language of the texts and of every report: Chinese (authoritative) or English."""

    ZH = "zh"
    EN = "en"


@frozen(kw_only=True)
class Text:
    """Text that people read: Chinese (authoritative) and an English rendering."""

    zh: str = field(validator=instance_of(str))
    en: str = field(validator=instance_of(str))

    def get(self, lang: Lang | str) -> str:
        """Return the text in *lang* (:class:`Lang`, or its value ``"zh"`` or ``"en"``).

        Raises:
            ValueError: *lang* is not a language of the texts (``"fr"`` does not quietly give Chinese).
        """
        return self.en if Lang(lang) is Lang.EN else self.zh


@frozen(kw_only=True)
class Agency:
    """A responsible unit (牵头负责单位) of the registry, named as the standard names it."""

    key: str = field(validator=_key)
    name: Text


@frozen(kw_only=True)
class Expenditure:
    """Expenditure responsibility (支出责任): a coarse class and the row's own words."""

    kind: ExpenditureClass = field(validator=instance_of(ExpenditureClass))
    zh: str = field(validator=instance_of(str))
    en: str = field(validator=instance_of(str))

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
    """A number stated by a row (an amount, a rate, an age, a count), kept as data."""

    key: str = field(validator=_key)
    what: str = field(validator=instance_of(str))
    value: Value = field(converter=_value, validator=_is_value)
    unit: str = field(validator=instance_of(str))
    confidence: Confidence | None = field(default=None, validator=optional(instance_of(Confidence)))
    source: str | None = field(default=None, validator=optional(instance_of(str)))


@frozen(kw_only=True)
class Provenance:
    """Where an item's facts come from and how far they are established.

    Attributes:
        name: confidence that the item exists under this name in this edition.
        fields: confidence in this edition's row (target, content, standard, expenditure, lead units).
        sources: where the facts were seen.
        notes: what is unconfirmed, alternatives, review remarks.
        inherited_from: the edition whose row this one repeats because no change is known; the two
            rows are *not* verified identical.
    """

    name: Confidence = field(validator=instance_of(Confidence))
    fields: Confidence = field(validator=instance_of(Confidence))
    sources: tuple[str, ...] = field(default=(), converter=freeze)
    notes: str = field(default="", validator=instance_of(str))
    inherited_from: str | None = field(default=None, validator=optional(instance_of(str)))

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
    items: tuple[ServiceItem, ...] = field(converter=freeze)


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

    def level(self, fact: str) -> Confidence | None:
        """Return the confidence recorded for *fact*, or None."""
        return next((r.level for r in self.confidence if r.fact == fact), None)

    def note(self, fact: str) -> str | None:
        """Return the note recorded for *fact*, or None."""
        return next((n.text for n in self.notes if n.fact == fact), None)


@frozen(kw_only=True)
class Origin:
    """Where a loaded edition came from: its folder and the file and line of every data path.

    Not part of an edition's value: two editions loaded from different folders compare equal.
    """

    folder: str
    locations: Mapping[str, tuple[str, int]] = field(repr=False)

    def locate(self, path: str) -> tuple[str, int] | None:
        """Return ``(file, line)`` for a data path, or for its nearest located ancestor."""
        while path:
            if path in self.locations:
                return self.locations[path]
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                break
            path = path[:cut]
        return self.locations.get("$")


@frozen(kw_only=True)
class Edition:
    """One edition of the standard (e.g. ``"2021"``): its metadata, agency registry and aspects."""

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

    @property
    def categories(self) -> tuple[Category, ...]:
        """All categories in document order."""
        return tuple(c for a in self.aspects for c in a.categories)

    @property
    def items(self) -> tuple[ServiceItem, ...]:
        """All service items in document order."""
        return tuple(i for c in self.categories for i in c.items)

    @property
    def totals(self) -> Totals:
        """The actual counts (compare the ``declared`` totals)."""
        return Totals(aspects=len(self.aspects), categories=len(self.categories), items=len(self.items))

    def item(self, key: str) -> ServiceItem:
        """Return the service item with *key*.

        Raises:
            KeyError: no item has that key.
        """
        for item in self.items:
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
            if any(i.key == key for i in category.items):
                return category
        raise KeyError(key)

    def walk(self) -> Iterator[tuple[str, Aspect, Category, ServiceItem]]:
        """Yield ``(path, aspect, category, item)`` for every item, with its data path."""
        for a, aspect in enumerate(self.aspects):
            for c, category in enumerate(aspect.categories):
                for i, item in enumerate(category.items):
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
                if not any(text in t.zh or text.lower() in t.en.lower() for t in texts):
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

        return tuple(i for i in self.items if keep(i))
