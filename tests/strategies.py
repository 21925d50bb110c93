"""Hypothesis strategies for every record of :mod:`bpsstd.model`, and for whole valid editions.

Every strategy builds records that are valid on their own; :func:`editions` builds editions that
:func:`bpsstd.check` finds clean (no error and no warning): keys unique per kind, numbering contiguous,
declared totals equal to the counts, lead units drawn from the registry and every agency referred to.
Sizes are small by default and can be raised through keyword arguments.

Besides the strategies, a few helpers rebuild an edition with one item changed (for injecting
corruptions, or building the "new" side of a diff), keeping everything else as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

from bpsstd.model import (
    Agency,
    Aspect,
    Category,
    Confidence,
    Departments,
    Edition,
    EditionProvenance,
    Expenditure,
    ExpenditureClass,
    FactNote,
    FactRating,
    Provenance,
    Quantity,
    Range,
    Ratio,
    ServiceItem,
    Text,
    Totals,
    Value,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from hypothesis.strategies import SearchStrategy

__all__ = [
    "RATED_FACTS",
    "agencies",
    "aspects",
    "categories",
    "confidences",
    "dates",
    "departments",
    "edition_ids",
    "edition_provenances",
    "editions",
    "expenditures",
    "fact_names",
    "item_levels",
    "keys",
    "map_items",
    "numbers",
    "provenances",
    "quantities",
    "ranges",
    "ratios",
    "replace_item",
    "service_items",
    "strings",
    "texts",
    "totals",
    "values",
]

#: Edition facts that must be rated when they have a value (see ``bpsstd.checks``).
RATED_FACTS = ("title", "doc_number", "published", "issued", "approving_body", "declared")
#: Edition facts that may be null, with a note saying why.
NULLABLE_FACTS = ("doc_number", "published", "issued")

# Characters that exercise YAML quoting and the authoritative Chinese text, mixed into any printable text.
_TRICKY = "国家基本公共服务标准幼有所育（）、；：。-#:&*!|>'\"%@`{}[],? \n"
_KEY_WORD = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)
_FACT_WORD = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)


def keys() -> SearchStrategy[str]:
    """Stable keys: lower-case ASCII words joined by single hyphens (``KEY_PATTERN``)."""
    return st.lists(_KEY_WORD, min_size=1, max_size=3).map("-".join)


def edition_ids() -> SearchStrategy[str]:
    """Edition ids, such as ``2021`` or ``2023-rev.1``."""
    return st.from_regex(r"[0-9A-Za-z][0-9A-Za-z._-]{0,7}", fullmatch=True)


def fact_names() -> SearchStrategy[str]:
    """Names of edition facts that are not attributes of :class:`Edition` (``fields_per_item``)."""
    return (
        st.lists(_FACT_WORD, min_size=1, max_size=3)
        .map("_".join)
        .filter(lambda name: not hasattr(Edition, name))
    )


def strings(*, blank: bool = False, max_size: int = 24) -> SearchStrategy[str]:
    """Printable text, Chinese and YAML-significant characters included; never blank unless *blank*."""
    alphabet = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(_TRICKY)
    text = st.text(alphabet, min_size=0 if blank else 1, max_size=max_size)
    return text if blank else text.filter(str.strip)


def texts() -> SearchStrategy[Text]:
    """Texts with non-blank Chinese and English (valid as names and titles, hence everywhere)."""
    return st.builds(Text, zh=strings(), en=strings())


def confidences() -> SearchStrategy[Confidence]:
    """Any confidence, ``unknown`` included (valid for edition facts that are null)."""
    return st.sampled_from(Confidence)


def item_levels() -> SearchStrategy[Confidence]:
    """The confidences an item or a quantity may have: high, medium or low."""
    return st.sampled_from([Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW])


def dates() -> SearchStrategy[dt.date]:
    """Calendar dates."""
    return st.dates()


def agencies(key: SearchStrategy[str] | None = None) -> SearchStrategy[Agency]:
    """Agencies of a registry."""
    return st.builds(Agency, key=key if key is not None else keys(), name=texts())


def expenditures() -> SearchStrategy[Expenditure]:
    """Expenditure responsibilities with non-blank Chinese wording."""
    return st.builds(
        Expenditure, kind=st.sampled_from(ExpenditureClass), zh=strings(), en=strings(blank=True)
    )


def numbers() -> SearchStrategy[int | float]:
    """Finite numbers, integers and floats."""
    return st.integers() | st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def ranges(draw: st.DrawFn) -> Range:
    """Ranges whose minimum is at most their maximum."""
    low, high = sorted((draw(numbers()), draw(numbers())))
    return Range(min=low, max=high)


def ratios() -> SearchStrategy[Ratio]:
    """Exact fractions with a positive denominator."""
    return st.builds(Ratio, numerator=st.integers(), denominator=st.integers(min_value=1))


def values() -> SearchStrategy[Value]:
    """Every kind of quantity value: a number, a range, a ratio, or a non-empty tuple of numbers."""
    return st.one_of(
        numbers(), ranges(), ratios(), st.lists(numbers(), min_size=1, max_size=4).map(tuple)
    )


def quantities(key: SearchStrategy[str] | None = None) -> SearchStrategy[Quantity]:
    """Quantities with a finite value, a non-blank unit and a confidence other than ``unknown``."""
    return st.builds(
        Quantity,
        key=key if key is not None else keys(),
        what=strings(blank=True),
        value=values(),
        unit=strings(),
        confidence=st.none() | item_levels(),
        source=st.none() | strings(),
    )


@st.composite
def provenances(draw: st.DrawFn, *, edition_id: str | None = None) -> Provenance:
    """Item provenances that are consistent: sourced when verified, low when reconstructed.

    Args:
        draw: Hypothesis' draw function.
        edition_id: the id of the item's edition, which ``inherited_from`` must not name.
    """
    reconstructed = draw(st.booleans())
    levels = st.just(Confidence.LOW) if reconstructed else item_levels()
    name, fields = draw(levels), draw(levels)
    verified = name.verified or fields.verified
    sources = draw(st.lists(strings(), min_size=1 if verified else 0, max_size=3))
    if reconstructed:
        notes = "reconstructed: " + draw(strings(blank=True))
    else:
        notes = draw(strings(blank=True).filter(lambda s: not s.startswith("reconstructed:")))
    inherited = draw(st.none() | edition_ids().filter(lambda i: i != edition_id))
    return Provenance(name=name, fields=fields, sources=sources, notes=notes, inherited_from=inherited)


@st.composite
def service_items(
    draw: st.DrawFn,
    *,
    lead_units: Sequence[str],
    key: SearchStrategy[str] | None = None,
    number: int = 1,
    edition_id: str | None = None,
    max_quantities: int = 3,
) -> ServiceItem:
    """Service items whose lead units are drawn from *lead_units* (at least one, none twice).

    Args:
        draw: Hypothesis' draw function.
        lead_units: the agency keys of the registry; must not be empty.
        key: the strategy for the item's key.
        number: the item's position in its category.
        edition_id: the id of the item's edition (see :func:`provenances`).
        max_quantities: the largest number of quantities.
    """
    units = draw(st.lists(st.sampled_from(list(lead_units)), min_size=1, max_size=3, unique=True))
    quantity_keys = draw(st.lists(keys(), max_size=max_quantities, unique=True))
    return ServiceItem(
        key=draw(key if key is not None else keys()),
        number=number,
        name=draw(texts()),
        target=draw(texts()),
        content=draw(texts()),
        standard=draw(texts()),
        expenditure=draw(expenditures()),
        lead_units=units,
        quantities=[draw(quantities(key=st.just(k))) for k in quantity_keys],
        provenance=draw(provenances(edition_id=edition_id)),
    )


@st.composite
def categories(
    draw: st.DrawFn,
    *,
    lead_units: Sequence[str],
    number: int = 1,
    max_items: int = 3,
    edition_id: str | None = None,
) -> Category:
    """Categories of items numbered 1..n with unique keys (*lead_units* as in :func:`service_items`)."""
    item_keys = draw(st.lists(keys(), max_size=max_items, unique=True))
    items = [
        draw(service_items(lead_units=lead_units, key=st.just(k), number=n, edition_id=edition_id))
        for n, k in enumerate(item_keys, start=1)
    ]
    return Category(key=draw(keys()), number=number, name=draw(texts()), items=items)


@st.composite
def aspects(
    draw: st.DrawFn,
    *,
    lead_units: Sequence[str],
    number: int = 1,
    first_category: int = 1,
    max_categories: int = 3,
    max_items: int = 3,
) -> Aspect:
    """Aspects whose categories are numbered from *first_category* on (keys unique within the aspect)."""
    category_keys = draw(st.lists(keys(), max_size=max_categories, unique=True))
    cats = [
        attrs.evolve(draw(categories(lead_units=lead_units, number=n, max_items=max_items)), key=k)
        for n, k in enumerate(category_keys, start=first_category)
    ]
    return Aspect(key=draw(keys()), number=number, name=draw(texts()), categories=cats)


def totals() -> SearchStrategy[Totals]:
    """Declared totals (any non-negative counts)."""
    count = st.integers(min_value=0, max_value=1000)
    return st.builds(Totals, aspects=count, categories=count, items=count)


def departments(named: SearchStrategy[Sequence[str]] | None = None) -> SearchStrategy[Departments]:
    """Issuing departments: an optional count and the agency keys that sources name."""
    return st.builds(
        Departments,
        count=st.none() | st.integers(min_value=1, max_value=100),
        named=named if named is not None else st.lists(keys(), max_size=3, unique=True),
    )


@st.composite
def edition_provenances(draw: st.DrawFn, *, known: Sequence[str] = (), null: Sequence[str] = ()) -> EditionProvenance:
    """Edition provenances that rate every fact in *known* and explain every fact in *null*.

    Args:
        draw: Hypothesis' draw function.
        known: facts that have a value: rated high, medium or low.
        null: facts that are null: each has a note, and maybe a rating (``unknown`` included).
    """
    extra = draw(st.lists(fact_names(), max_size=3, unique=True))
    ratings = [FactRating(fact=f, level=draw(item_levels())) for f in known]
    ratings += [FactRating(fact=f, level=draw(confidences())) for f in null if draw(st.booleans())]
    ratings += [FactRating(fact=f, level=draw(confidences())) for f in extra]
    notes = [FactNote(fact=f, text=draw(strings())) for f in null]
    notes += [FactNote(fact=f, text=draw(strings(blank=True))) for f in extra if draw(st.booleans())]
    order = draw(st.permutations(range(len(ratings))))
    return EditionProvenance(
        confidence=[ratings[i] for i in order],
        notes=notes,
        sources=draw(st.lists(strings(), max_size=3)),
    )


def _unique_keys(draw: st.DrawFn, count: int) -> list[str]:
    return draw(st.lists(keys(), min_size=count, max_size=count, unique=True))


@st.composite
def editions(
    draw: st.DrawFn,
    *,
    min_aspects: int = 0,
    max_aspects: int = 3,
    max_categories: int = 3,
    max_items: int = 3,
    min_items: int = 0,
    max_agencies: int = 4,
) -> Edition:
    """Valid editions: :func:`bpsstd.check` reports no problem at all, not even a warning.

    Args:
        draw: Hypothesis' draw function.
        min_aspects: the fewest aspects.
        max_aspects: the most aspects.
        max_categories: the most categories per aspect.
        max_items: the most items per category (a category may get more to reach *min_items*).
        min_items: the fewest items in the whole edition.
        max_agencies: the most agencies in the registry (at least one when there are items).
    """
    edition_id = draw(edition_ids())
    shape = draw(
        st.lists(
            st.lists(st.integers(min_value=0, max_value=max_items), max_size=max_categories),
            min_size=max(min_aspects, 1 if min_items else 0),
            max_size=max(max_aspects, min_aspects, 1 if min_items else 0),
        )
    )
    missing = min_items - sum(map(sum, shape))
    if missing > 0:
        if not shape[0]:
            shape[0].append(0)
        shape[0][0] += missing
    item_count = sum(map(sum, shape))
    registry = [
        Agency(key=k, name=draw(texts()))
        for k in _unique_keys(draw, draw(st.integers(min_value=1 if item_count else 0, max_value=max_agencies)))
    ]
    agency_keys = [a.key for a in registry]
    item_keys = iter(_unique_keys(draw, item_count))
    category_keys = iter(_unique_keys(draw, sum(map(len, shape))))
    built: list[Aspect] = []
    category_number = 0
    for aspect_number, (aspect_key, counts) in enumerate(zip(_unique_keys(draw, len(shape)), shape, strict=True), 1):
        cats = []
        for count in counts:
            category_number += 1
            items = [
                draw(service_items(lead_units=agency_keys, key=st.just(next(item_keys)), number=n, edition_id=edition_id))
                for n in range(1, count + 1)
            ]
            cats.append(Category(key=next(category_keys), number=category_number, name=draw(texts()), items=items))
        built.append(Aspect(key=aspect_key, number=aspect_number, name=draw(texts()), categories=cats))
    used = {u for a in built for c in a.categories for i in c.items for u in i.lead_units}
    # Agencies that no item leads are named as issuing departments, so that every agency is referred to.
    unused = [k for k in agency_keys if k not in used]
    named = unused + draw(st.lists(st.sampled_from(agency_keys), max_size=2, unique=True)) if agency_keys else []
    facts: dict[str, Any] = {
        "doc_number": draw(st.none() | strings()),
        "published": draw(st.none() | dates()),
        "issued": draw(st.none() | dates()),
        "approving_body": draw(st.none() | strings()),
    }
    known = ["title", "declared", *(f for f, v in facts.items() if v is not None)]
    null = [f for f in NULLABLE_FACTS if facts[f] is None]
    edition = Edition(
        id=edition_id,
        title=draw(texts()),
        notice_title=draw(st.none() | texts()),
        addressed_to=draw(st.none() | strings()),
        departments=Departments(count=draw(st.none() | st.integers(min_value=1, max_value=100)), named=named),
        declared=Totals(aspects=0, categories=0, items=0),
        requirements=draw(st.lists(texts(), max_size=2)),
        agencies=registry,
        aspects=built,
        provenance=draw(edition_provenances(known=known, null=null)),
        **facts,
    )
    return attrs.evolve(edition, declared=edition.totals)


# ---------------------------------------------------------------------------------------------
# Rebuilding an edition with some items changed.


def map_items(edition: Edition, change: Callable[[ServiceItem], ServiceItem]) -> Edition:
    """Return *edition* with every item replaced by ``change(item)``, all else kept."""
    return attrs.evolve(
        edition,
        aspects=[
            attrs.evolve(
                aspect,
                categories=[attrs.evolve(c, items=[change(i) for i in c.items]) for c in aspect.categories],
            )
            for aspect in edition.aspects
        ],
    )


def replace_item(edition: Edition, key: str, **changes: Any) -> Edition:
    """Return *edition* with the item *key* evolved by *changes* (every item with that key, if several)."""
    return map_items(edition, lambda item: attrs.evolve(item, **changes) if item.key == key else item)
