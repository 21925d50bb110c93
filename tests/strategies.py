"""Hypothesis strategies for every record of :mod:`bpsstd.model`, and for whole valid editions.

Every strategy builds records that are valid on their own; :func:`editions` builds editions that
:func:`bpsstd.check` finds clean (no error and no warning): keys unique per kind, numbering contiguous,
declared totals equal to the counts, lead units drawn from the registry and every agency referred to.
Sizes are small by default and can be raised through keyword arguments.

Besides the strategies, a few helpers rebuild an edition with one item changed (for injecting
corruptions, or building the "new" side of a diff), keeping everything else as it was.
"""

from __future__ import annotations

import functools
import operator
import re
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

from bpsstd._wording import find_remark, mismatch
from bpsstd.checks import _visible
from bpsstd.model import (
    Agency,
    Aspect,
    Better,
    Category,
    Comparator,
    Confidence,
    Departments,
    Edition,
    EditionProvenance,
    Expenditure,
    ExpenditureClass,
    FactNote,
    FactRating,
    FieldProvenance,
    Provenance,
    Quantity,
    Range,
    Ratio,
    ServiceItem,
    Source,
    Text,
    Totals,
    Value,
)

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Sequence

    from hypothesis.strategies import SearchStrategy

__all__ = [
    "EDITS",
    "NULLABLE_FACTS",
    "RATED_FACTS",
    "agencies",
    "aspects",
    "categories",
    "confidences",
    "dates",
    "departments",
    "edited_pairs",
    "edition_ids",
    "edition_provenances",
    "editions",
    "expenditures",
    "fact_names",
    "field_provenances",
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
    "sources",
    "strings",
    "texts",
    "totals",
    "values",
    "wordings",
]

#: Edition facts that must be rated when they have a value (see ``bpsstd.checks``).
RATED_FACTS = ("title", "doc_number", "published", "issued", "approving_body", "declared")
#: Edition facts that may be null, with a note saying why.
NULLABLE_FACTS = ("doc_number", "published", "issued")

# Characters that exercise YAML quoting, and Chinese (the authoritative language), mixed into any text.
_TRICKY = "国家基本公共服务标准幼有所育（）、；：。-#:&*!|>'\"%@`{}[],? \n"
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# Hyphens are squeezed and stripped afterwards: cheaper to draw than a list of words.
_KEY_TEXT = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=16)
_FACT_WORD = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)


@functools.cache
def keys() -> SearchStrategy[str]:
    """Stable keys: lower-case ASCII words joined by single hyphens (``KEY_PATTERN``)."""
    return _KEY_TEXT.map(lambda text: re.sub("-+", "-", text).strip("-") or "k")


@functools.cache
def edition_ids() -> SearchStrategy[str]:
    """Edition ids, such as ``2021`` or ``2023-rev.1``."""
    return st.builds(operator.add, st.sampled_from(_ALNUM), st.text(_ALNUM + "._-", max_size=7))


@functools.cache
def fact_names() -> SearchStrategy[str]:
    """Names of edition facts that are not attributes of :class:`Edition` (``fields_per_item``)."""
    return (
        st.lists(_FACT_WORD, min_size=1, max_size=3)
        .map("_".join)
        .filter(lambda name: not hasattr(Edition, name))
    )


@functools.cache
def strings(*, blank: bool = False, max_size: int = 12) -> SearchStrategy[str]:
    """Printable text, Chinese and YAML-significant characters included; never blank unless *blank*."""
    alphabet = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(_TRICKY)
    text = st.text(alphabet, min_size=0 if blank else 1, max_size=max_size)
    return text if blank else text.filter(str.strip)


def _no_remark(text: str) -> bool:
    return find_remark(text) is None


# Wording states no number by chance (digits of any script, Chinese numerals) and holds no remark, so
# that a valid edition's quantities and its two languages agree (the checks remark-in-wording,
# quantity-not-in-text and number-mismatch).
_NUMERAL = re.compile(r"\d|[零〇一二两三四五六七八九十百千万亿]")


@functools.cache
def _plain(*, blank: bool = False) -> SearchStrategy[str]:
    return strings(blank=blank).filter(
        lambda s: (
            _no_remark(s) and not _NUMERAL.search(s) and _states_no_number(s) and (blank or bool(_visible(s)))
        )
    )


def _states_no_number(text: str) -> bool:
    """Whether the checks' reader finds no number in *text*, read as Chinese or as English ("ten", "X")."""
    nothing: tuple[set[float], set[float]] = (set(), set())
    return mismatch(text, "") == nothing and mismatch("", text) == nothing


@functools.cache
def texts() -> SearchStrategy[Text]:
    """Texts with non-blank Chinese and English, no remark: valid as names and titles, hence everywhere."""
    shown = strings().filter(lambda s: _no_remark(s) and bool(_visible(s)))
    return st.builds(Text, zh=shown, en=shown)


@functools.cache
def wordings() -> SearchStrategy[Text]:
    """A field's wording: known in both languages (stating no number), or unknown (None)."""
    return st.builds(Text, zh=_plain(), en=_plain()) | st.just(Text(zh=None, en=None))


@functools.cache
def notes() -> SearchStrategy[Text]:
    """The team's notes: any text, remarks included (a note is where remarks belong)."""
    return st.builds(Text, zh=strings(), en=strings())


@functools.cache
def sources() -> SearchStrategy[Source]:
    """Sources with the editions they support."""
    return st.builds(Source, text=strings(), editions=st.lists(edition_ids(), max_size=2, unique=True))


@functools.cache
def field_provenances() -> SearchStrategy[FieldProvenance]:
    """The team's records on one field: a note, maybe a rating of its own and sources."""
    name = st.sampled_from(["target", "content", "standard", "expenditure", "lead_units"])
    return st.builds(
        FieldProvenance,
        field_name=name,
        note=st.none() | notes(),
        confidence=st.none() | item_levels(),
        sources=st.lists(strings(), max_size=2),
    )


@functools.cache
def confidences() -> SearchStrategy[Confidence]:
    """Any confidence, ``unknown`` included (valid for edition facts that are null)."""
    return st.sampled_from(Confidence)


@functools.cache
def item_levels() -> SearchStrategy[Confidence]:
    """The confidences an item or a quantity may have: high, medium or low."""
    return st.sampled_from([Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW])


@functools.cache
def dates() -> SearchStrategy[dt.date]:
    """Calendar dates."""
    return st.dates()


def agencies(key: SearchStrategy[str] | None = None) -> SearchStrategy[Agency]:
    """Agencies of a registry."""
    return st.builds(
        Agency, key=key if key is not None else keys(), name=texts(), printed=st.none() | strings()
    )


@functools.cache
def expenditures() -> SearchStrategy[Expenditure]:
    """Expenditure responsibilities: a class and non-blank Chinese wording, or nothing known."""
    known = st.builds(Expenditure, kind=st.sampled_from(ExpenditureClass), zh=_plain(), en=_plain(blank=True))
    return known | st.just(Expenditure(kind=None, zh=None, en=None))


@functools.cache
def numbers() -> SearchStrategy[int | float]:
    """Finite numbers, integers and floats."""
    return st.integers() | st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def ranges(draw: st.DrawFn) -> Range:
    """Ranges whose minimum is at most their maximum."""
    low, high = sorted((draw(numbers()), draw(numbers())))
    return Range(min=low, max=high)


@functools.cache
def ratios() -> SearchStrategy[Ratio]:
    """Exact fractions with a positive denominator."""
    return st.builds(Ratio, numerator=st.integers(), denominator=st.integers(min_value=1))


@functools.cache
def values() -> SearchStrategy[Value]:
    """Every kind of quantity value: a number, a range, a ratio, or a non-empty tuple of numbers."""
    return st.one_of(numbers(), ranges(), ratios(), st.lists(numbers(), min_size=1, max_size=4).map(tuple))


def quantities(key: SearchStrategy[str] | None = None) -> SearchStrategy[Quantity]:
    """Quantities with a finite value, a non-blank unit and a confidence other than ``unknown``."""
    return st.builds(
        Quantity,
        key=key if key is not None else keys(),
        what=strings(blank=True).filter(_no_remark),
        what_zh=st.none() | strings().filter(_no_remark),
        value=values(),
        unit=strings(),
        unit_zh=st.none() | strings(),
        comparator=st.sampled_from(Comparator),
        better=st.none() | st.sampled_from(Better),
        confidence=_OPTIONAL_LEVEL,
        source=_OPTIONAL_STRING,
        note=st.none() | notes(),
    )


# Values a row can state and the checks read back: non-negative whole numbers.
_WHOLE = st.integers(min_value=0, max_value=10**6)
_STATED_VALUES = st.one_of(
    _WHOLE,
    st.tuples(_WHOLE, _WHOLE).map(lambda p: Range(min=min(p), max=max(p))),
    st.builds(Ratio, numerator=_WHOLE, denominator=st.integers(min_value=1, max_value=10**6)),
    st.lists(_WHOLE, min_size=1, max_size=3).map(tuple),
)


def _stated(value: Value) -> str:
    """The numbers of *value*, as a row would write them."""
    if isinstance(value, Range):
        return f"{value.min} {value.max}"
    if isinstance(value, Ratio):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, tuple):
        return " ".join(map(str, value))
    return str(value)


sources_strategy = sources
notes_strategy = notes

# Strategies are built once: building one inside a draw costs ten times the draw itself.
_OPTIONAL_LEVEL = st.none() | item_levels()
_OPTIONAL_STRING = st.none() | strings()
_OPTIONAL_TEXT = st.none() | texts()
_OPTIONAL_DATE = st.none() | dates()
_QUANTITIES = quantities()
_NOTES = strings(blank=True).filter(lambda s: not s.startswith("reconstructed:"))
_SOURCES = st.lists(strings(), max_size=3)
_ITEM_SOURCES = st.lists(sources(), max_size=3)
_FIELD_NOTES = st.lists(field_provenances(), max_size=2, unique_by=lambda f: f.field_name)
_COUNT = st.none() | st.integers(min_value=1, max_value=100)
_OPTIONAL_ID = st.none() | edition_ids()


@functools.cache
def _key_lists(min_size: int, max_size: int) -> SearchStrategy[list[str]]:
    return st.lists(keys(), min_size=min_size, max_size=max_size, unique=True)


def _provenance(draw: st.DrawFn, edition_id: str | None) -> Provenance:
    reconstructed = draw(st.booleans())
    name, fields = (
        (Confidence.LOW, Confidence.LOW) if reconstructed else (draw(item_levels()), draw(item_levels()))
    )
    sources = draw(_ITEM_SOURCES)
    if not sources and (name.verified or fields.verified):
        sources = [draw(sources_strategy())]
    notes = "reconstructed: " + draw(strings(blank=True)) if reconstructed else draw(_NOTES)
    inherited = draw(_OPTIONAL_ID)
    if inherited == edition_id:
        inherited = None
    return Provenance(
        name=name,
        fields=fields,
        sources=sources,
        notes=notes,
        field_notes=draw(_FIELD_NOTES),
        inherited_from=inherited,
    )


@st.composite
def provenances(draw: st.DrawFn, *, edition_id: str | None = None) -> Provenance:
    """Item provenances that are consistent: sourced when verified, low when reconstructed.

    Args:
        draw: Hypothesis' draw function.
        edition_id: the id of the item's edition, which ``inherited_from`` must not name.
    """
    return _provenance(draw, edition_id)


def _item(
    draw: st.DrawFn,
    *,
    key: str,
    number: int,
    lead_units: Sequence[str],
    edition_id: str | None,
    max_quantities: int,
) -> ServiceItem:
    units = draw(st.lists(st.sampled_from(lead_units), min_size=1, max_size=3, unique=True))
    quantity_keys = draw(_key_lists(0, max_quantities))
    quantities = [attrs.evolve(draw(_QUANTITIES), key=k, value=draw(_STATED_VALUES)) for k in quantity_keys]
    standard = draw(wordings())
    if quantities:
        # A quantity is a number the row states: the standard states them all, in both languages.
        stated = " ".join(_stated(q.value) for q in quantities)
        standard = Text(zh=f"{standard.zh or '标准'} {stated}", en=f"{standard.en or 'standard'} {stated}")
    return ServiceItem(
        key=key,
        number=number,
        name=draw(texts()),
        target=draw(wordings()),
        content=draw(wordings()),
        standard=standard,
        expenditure=draw(expenditures()),
        lead_units=units,
        quantities=quantities,
        provenance=_provenance(draw, edition_id),
    )


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
    return _item(
        draw,
        key=draw(key if key is not None else keys()),
        number=number,
        lead_units=list(lead_units),
        edition_id=edition_id,
        max_quantities=max_quantities,
    )


def _unique_keys(draw: st.DrawFn, count: int) -> list[str]:
    return draw(_key_lists(count, count))


def _category(
    draw: st.DrawFn,
    *,
    key: str,
    number: int,
    item_keys: Sequence[str],
    lead_units: Sequence[str],
    edition_id: str | None,
) -> Category:
    items = [
        _item(draw, key=k, number=n, lead_units=lead_units, edition_id=edition_id, max_quantities=3)
        for n, k in enumerate(item_keys, start=1)
    ]
    return Category(key=key, number=number, name=draw(texts()), service_items=items)


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
    item_keys = draw(_key_lists(0, max_items))
    return _category(
        draw,
        key=draw(keys()),
        number=number,
        item_keys=item_keys,
        lead_units=list(lead_units),
        edition_id=edition_id,
    )


@st.composite
def aspects(
    draw: st.DrawFn,
    *,
    lead_units: Sequence[str],
    number: int = 1,
    first_category: int = 1,
    max_categories: int = 3,
    max_items: int = 3,
    edition_id: str | None = None,
) -> Aspect:
    """Aspects with categories numbered from *first_category* on; keys unique within the aspect."""
    counts = draw(st.lists(st.integers(min_value=0, max_value=max_items), max_size=max_categories))
    category_keys = _unique_keys(draw, len(counts))
    item_keys = iter(_unique_keys(draw, sum(counts)))
    cats = [
        _category(
            draw,
            key=k,
            number=n,
            item_keys=[next(item_keys) for _ in range(count)],
            lead_units=list(lead_units),
            edition_id=edition_id,
        )
        for n, (k, count) in enumerate(zip(category_keys, counts, strict=True), start=first_category)
    ]
    return Aspect(key=draw(keys()), number=number, name=draw(texts()), categories=cats)


@functools.cache
def totals() -> SearchStrategy[Totals]:
    """Declared totals (any non-negative counts)."""
    count = st.integers(min_value=0, max_value=1000)
    return st.builds(Totals, aspects=count, categories=count, items=count)


def departments(named: SearchStrategy[Sequence[str]] | None = None) -> SearchStrategy[Departments]:
    """Issuing departments: an optional count and the agency keys that sources name."""
    return st.builds(
        Departments,
        count=_COUNT,
        named=named if named is not None else st.lists(keys(), max_size=3, unique=True),
    )


def _edition_provenance(draw: st.DrawFn, known: Sequence[str], null: Sequence[str]) -> EditionProvenance:
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
        sources=draw(_SOURCES),
        field_notes=[FieldProvenance(field_name="requirements[0]", note=draw(notes_strategy()))]
        if draw(st.booleans())
        else [],
    )


@st.composite
def edition_provenances(
    draw: st.DrawFn, *, known: Sequence[str] = (), null: Sequence[str] = ()
) -> EditionProvenance:
    """Edition provenances that rate every fact in *known* and explain every fact in *null*.

    Args:
        draw: Hypothesis' draw function.
        known: facts that have a value: rated high, medium or low.
        null: facts that are null: each has a note, and maybe a rating (``unknown`` included).
    """
    return _edition_provenance(draw, known, null)


def _distinct(name: Text, seen: set[str]) -> Text:
    """*name*, its Chinese made distinct from *seen* by a suffix (two records named alike fail check)."""
    zh = name.zh or ""
    candidate, n = zh, 1
    while candidate in seen:
        n += 1
        candidate = f"{zh}{n}"
    seen.add(candidate)
    return name if candidate == zh else attrs.evolve(name, zh=candidate)


def _distinct_names(aspects: list[Aspect]) -> list[Aspect]:
    """The aspects with every aspect, category and item named apart from the others of its kind."""
    seen: dict[str, set[str]] = {"aspect": set(), "category": set(), "item": set()}
    return [
        attrs.evolve(
            aspect,
            name=_distinct(aspect.name, seen["aspect"]),
            categories=[
                attrs.evolve(
                    category,
                    name=_distinct(category.name, seen["category"]),
                    service_items=[
                        attrs.evolve(item, name=_distinct(item.name, seen["item"]))
                        for item in category.service_items
                    ],
                )
                for category in aspect.categories
            ],
        )
        for aspect in aspects
    ]


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
        max_items: the most items per category (the first category gets more to reach *min_items*).
        min_items: the fewest items in the whole edition.
        max_agencies: the most agencies in the registry (at least one when there are items).
    """
    edition_id = draw(edition_ids())
    fewest = max(min_aspects, 1 if min_items else 0)
    shape = draw(
        st.lists(
            st.lists(st.integers(min_value=0, max_value=max_items), max_size=max_categories),
            min_size=fewest,
            max_size=max(max_aspects, fewest),
        )
    )
    missing = min_items - sum(map(sum, shape))
    if missing > 0:
        if not shape[0]:
            shape[0].append(0)
        shape[0][0] += missing
    item_count = sum(map(sum, shape))
    agency_count = draw(st.integers(min_value=1 if item_count else 0, max_value=max(max_agencies, 1)))
    registry = [Agency(key=k, name=draw(texts())) for k in _unique_keys(draw, agency_count)]
    agency_keys = [a.key for a in registry]
    item_keys = iter(_unique_keys(draw, item_count))
    category_keys = iter(_unique_keys(draw, sum(map(len, shape))))
    category_numbers = iter(range(1, sum(map(len, shape)) + 1))
    built = [
        Aspect(
            key=aspect_key,
            number=aspect_number,
            name=draw(texts()),
            categories=[
                _category(
                    draw,
                    key=next(category_keys),
                    number=next(category_numbers),
                    item_keys=[next(item_keys) for _ in range(count)],
                    lead_units=agency_keys,
                    edition_id=edition_id,
                )
                for count in counts
            ],
        )
        for aspect_number, (aspect_key, counts) in enumerate(
            zip(_unique_keys(draw, len(shape)), shape, strict=True), start=1
        )
    ]
    built = _distinct_names(built)
    used = {u for a in built for c in a.categories for i in c.service_items for u in i.lead_units}
    # Agencies that no item leads are named as issuing departments, so that every agency is referred to.
    also = draw(st.lists(st.sampled_from(agency_keys), max_size=2, unique=True)) if agency_keys else []
    named = list(dict.fromkeys([*(k for k in agency_keys if k not in used), *also]))
    facts: dict[str, Any] = {
        "doc_number": draw(_OPTIONAL_STRING),
        "published": draw(_OPTIONAL_DATE),
        "issued": draw(_OPTIONAL_DATE),
        "approving_body": draw(_OPTIONAL_STRING),
    }
    # The title and the declared totals always have a value.
    known = [f for f in RATED_FACTS if facts.get(f, True) is not None]
    null = [f for f in NULLABLE_FACTS if facts[f] is None]
    edition = Edition(
        id=edition_id,
        title=draw(texts()),
        notice_title=draw(_OPTIONAL_TEXT),
        addressed_to=draw(_OPTIONAL_STRING),
        departments=Departments(count=draw(_COUNT), named=named),
        declared=Totals(aspects=0, categories=0, items=0),
        requirements=draw(st.lists(st.builds(Text, zh=_plain(), en=_plain()), max_size=2)),
        agencies=registry,
        aspects=built,
        provenance=_edition_provenance(draw, known, null),
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
                categories=[
                    attrs.evolve(c, service_items=[change(i) for i in c.service_items])
                    for c in aspect.categories
                ],
            )
            for aspect in edition.aspects
        ],
    )


def replace_item(edition: Edition, key: str, **changes: Any) -> Edition:
    """Return *edition* with the item *key* evolved by *changes* (every item with that key, if several)."""
    return map_items(edition, lambda item: attrs.evolve(item, **changes) if item.key == key else item)


# ---------------------------------------------------------------------------------------------
# Pairs of editions that share their items: one edition and a few edits of it (for the diff's laws).


def _map_categories(edition: Edition, change: Callable[[Category], Category | None]) -> Edition:
    """Return *edition* with each category replaced by ``change(category)`` (dropped when None)."""
    aspects = []
    for aspect in edition.aspects:
        kept = [c for c in (change(c) for c in aspect.categories) if c is not None]
        aspects.append(attrs.evolve(aspect, categories=kept))
    return attrs.evolve(edition, aspects=aspects)


def _numbered(items: Sequence[ServiceItem]) -> list[ServiceItem]:
    return [attrs.evolve(item, number=n) for n, item in enumerate(items, start=1)]


def _fresh_key(draw: st.DrawFn, taken: set[str]) -> str:
    return draw(keys().filter(lambda k: k not in taken))


def _edit_item(draw: st.DrawFn, edition: Edition) -> Edition:
    """Change one item's name, one of its texts, its expenditure class or its lead units."""
    if not edition.service_items:
        return edition
    item = draw(st.sampled_from(edition.service_items))
    what = draw(st.sampled_from(["name", "target", "content", "standard", "expenditure", "class", "units"]))
    if what == "class":
        kind = draw(st.sampled_from([k for k in ExpenditureClass if k is not item.expenditure.kind]))
        return replace_item(edition, item.key, expenditure=attrs.evolve(item.expenditure, kind=kind))
    if what == "units":
        registry = [a.key for a in edition.agencies]
        units = draw(st.lists(st.sampled_from(registry), min_size=1, max_size=3, unique=True))
        return replace_item(edition, item.key, lead_units=units)
    new = draw(texts())
    if what == "expenditure":
        return replace_item(
            edition, item.key, expenditure=attrs.evolve(item.expenditure, zh=new.zh, en=new.en)
        )
    # Sometimes only the English moves: a translation-only change.
    if draw(st.booleans()):
        new = Text(zh=getattr(item, what).zh, en=new.en)
    return replace_item(edition, item.key, **{what: new})


def _edit_quantity(draw: st.DrawFn, edition: Edition) -> Edition:
    """Change one item's quantities: a value, a unit, one added or one removed."""
    if not edition.service_items:
        return edition
    item = draw(st.sampled_from(edition.service_items))
    found = list(item.quantities)
    what = draw(st.sampled_from(["value", "unit", "both", "add", "remove", "comparator"]))
    if what == "add" or not found:
        taken = {q.key for q in found}
        found.append(attrs.evolve(draw(_QUANTITIES), key=_fresh_key(draw, taken)))
    else:
        at = draw(st.integers(min_value=0, max_value=len(found) - 1))
        if what == "remove":
            del found[at]
        elif what == "comparator":
            others = [c for c in Comparator if c is not found[at].comparator]
            found[at] = attrs.evolve(found[at], comparator=draw(st.sampled_from(others)))
        else:
            value = draw(values()) if what != "unit" else found[at].value
            unit = draw(strings()) if what != "value" else found[at].unit
            found[at] = attrs.evolve(found[at], value=value, unit=unit)
    return replace_item(edition, item.key, quantities=found)


def _edit_placement(draw: st.DrawFn, edition: Edition) -> Edition:
    """Add, remove, move or swap items, renumbering their categories."""
    what = draw(st.sampled_from(["add", "remove", "move", "swap"]))
    filled = [c for c in edition.categories if c.service_items]
    if what == "add" or not filled:
        if not edition.categories or not edition.agencies:
            return edition
        target = draw(st.sampled_from(edition.categories))
        key = _fresh_key(draw, {i.key for i in edition.service_items})
        units = [a.key for a in edition.agencies]
        item = draw(service_items(lead_units=units, key=st.just(key)))
        at = draw(st.integers(min_value=0, max_value=len(target.service_items)))
        items = [*target.service_items[:at], item, *target.service_items[at:]]
        return _map_categories(
            edition, lambda c: attrs.evolve(c, service_items=_numbered(items)) if c is target else c
        )
    source = draw(st.sampled_from(filled))
    at = draw(st.integers(min_value=0, max_value=len(source.service_items) - 1))
    rest = [*source.service_items[:at], *source.service_items[at + 1 :]]
    if what == "swap" and len(source.service_items) >= 2:
        swapped = [*source.service_items]
        swapped[0], swapped[-1] = swapped[-1], swapped[0]
        return _map_categories(
            edition, lambda c: attrs.evolve(c, service_items=_numbered(swapped)) if c is source else c
        )
    others = [c for c in edition.categories if c is not source]
    if what == "move" and others:
        target = draw(st.sampled_from(others))
        moved = source.service_items[at]

        def move(c: Category) -> Category:
            if c is source:
                return attrs.evolve(c, service_items=_numbered(rest))
            if c is target:
                return attrs.evolve(c, service_items=_numbered([*c.service_items, moved]))
            return c

        return _map_categories(edition, move)
    return _map_categories(
        edition, lambda c: attrs.evolve(c, service_items=_numbered(rest)) if c is source else c
    )


def _edit_structure(draw: st.DrawFn, edition: Edition) -> Edition:
    """Rename, add or remove a category or an aspect."""
    what = draw(st.sampled_from(["rename-category", "rename-aspect", "add-category", "add-aspect", "remove"]))
    if what == "add-aspect" or not edition.aspects:
        key = _fresh_key(draw, {a.key for a in edition.aspects})
        aspect = Aspect(key=key, number=len(edition.aspects) + 1, name=draw(texts()), categories=[])
        return attrs.evolve(edition, aspects=[*edition.aspects, aspect])
    if what == "rename-aspect":
        target = draw(st.sampled_from(edition.aspects))
        renamed = attrs.evolve(target, name=draw(texts()))
        return attrs.evolve(edition, aspects=[renamed if a is target else a for a in edition.aspects])
    if what == "remove":
        # The last aspect goes, with whatever it holds.
        return attrs.evolve(edition, aspects=edition.aspects[:-1])
    if what == "rename-category" and edition.categories:
        target_category = draw(st.sampled_from(edition.categories))
        name = draw(texts())
        return _map_categories(edition, lambda c: attrs.evolve(c, name=name) if c is target_category else c)
    key = _fresh_key(draw, {c.key for c in edition.categories})
    category = Category(key=key, number=len(edition.categories) + 1, name=draw(texts()), service_items=[])
    last = edition.aspects[-1]
    grown = attrs.evolve(last, categories=[*last.categories, category])
    return attrs.evolve(edition, aspects=[*edition.aspects[:-1], grown])


def _edit_metadata(draw: st.DrawFn, edition: Edition) -> Edition:  # noqa: PLR0911  # one per fact
    """Change a fact of the edition: its title, document number, dates, totals, requirements, departments."""
    what = draw(
        st.sampled_from(["title", "doc_number", "published", "declared", "requirements", "count", "named"])
    )
    if what == "title":
        return attrs.evolve(edition, title=draw(texts()))
    if what == "doc_number":
        return attrs.evolve(edition, doc_number=draw(_OPTIONAL_STRING))
    if what == "published":
        return attrs.evolve(edition, published=draw(_OPTIONAL_DATE))
    if what == "declared":
        return attrs.evolve(edition, declared=draw(totals()))
    if what == "requirements":
        return attrs.evolve(edition, requirements=draw(st.lists(texts(), max_size=2)))
    if what == "count":
        return attrs.evolve(edition, departments=attrs.evolve(edition.departments, count=draw(_COUNT)))
    registry = [a.key for a in edition.agencies]
    named = draw(st.lists(st.sampled_from(registry), max_size=3, unique=True)) if registry else []
    return attrs.evolve(edition, departments=attrs.evolve(edition.departments, named=named))


def _edit_notes(draw: st.DrawFn, edition: Edition) -> Edition:
    """Change the team's notes only: a field's note, a quantity's note, an edition's notes."""
    what = draw(st.sampled_from(["field", "quantity", "edition"]))
    if what == "edition" or not edition.service_items:
        provenance = attrs.evolve(
            edition.provenance,
            field_notes=draw(_FIELD_NOTES),
            notes=[attrs.evolve(n, text=draw(strings())) for n in edition.provenance.notes],
        )
        return attrs.evolve(edition, provenance=provenance)
    item = draw(st.sampled_from(edition.service_items))
    if what == "quantity" and item.quantities:
        noted = [attrs.evolve(q, note=draw(st.none() | notes())) for q in item.quantities]
        return replace_item(edition, item.key, quantities=noted)
    return replace_item(
        edition, item.key, provenance=attrs.evolve(item.provenance, field_notes=draw(_FIELD_NOTES))
    )


_UNKNOWN_TEXT = Text(zh=None, en=None)


def _edit_unknown(draw: st.DrawFn, edition: Edition) -> Edition:
    """Turn a value unknown: a field's wording (with its numbers), an expenditure, an edition fact."""
    what = draw(
        st.sampled_from(["target", "content", "standard", "expenditure", "doc_number", "addressed_to"])
    )
    if what in {"doc_number", "addressed_to"} or not edition.service_items:
        if what == "addressed_to":
            return attrs.evolve(edition, addressed_to=None)
        return attrs.evolve(edition, doc_number=None)
    item = draw(st.sampled_from(edition.service_items))
    if what == "expenditure":
        return replace_item(edition, item.key, expenditure=Expenditure(kind=None, zh=None, en=None))
    # A row whose wording is unknown states no number that the data could hold.
    quantities = () if what == "standard" else item.quantities
    return replace_item(edition, item.key, **{what: _UNKNOWN_TEXT, "quantities": quantities})


#: Every way :func:`edited_pairs` changes an edition, by name.
EDITS: dict[str, Callable[[st.DrawFn, Edition], Edition]] = {
    "item": _edit_item,
    "quantity": _edit_quantity,
    "placement": _edit_placement,
    "structure": _edit_structure,
    "metadata": _edit_metadata,
    "notes": _edit_notes,
    "unknown": _edit_unknown,
}


@st.composite
def edited_pairs(draw: st.DrawFn, *, edits: Sequence[str] = tuple(EDITS)) -> tuple[Edition, Edition]:
    """An edition and a copy of it with 1 to 4 edits of the kinds named by *edits* (see :data:`EDITS`).

    Independent editions share almost no item, so their diffs hold few field changes; an edited copy
    shares everything but the edits, so its diff sees every kind of change.
    """
    old = draw(editions(min_items=1))
    new = old
    for name in draw(st.lists(st.sampled_from(list(edits)), min_size=1, max_size=4)):
        new = EDITS[name](draw, new)
    return old, new


# ---------------------------------------------------------------------------------------------
# Regional implementation standards (bpsstd.regional; issue 11). Appended as its own block.

from bpsstd.regional import (  # noqa: E402  # the regional block stays apart from the edition one
    Level,
    LocalAgency,
    LocalAspect,
    LocalItem,
    LocalQuantity,
    Match,
    NotApplicable,
    NotRecorded,
    Region,
    RegionalStandard,
)

__all__ += [  # appended by the regional block
    "local_agencies",
    "local_aspects",
    "local_items",
    "local_quantities",
    "matches",
    "not_applicables",
    "not_recordeds",
    "regional_standards",
    "regions",
]


def regions() -> SearchStrategy[Region]:
    """Issuing regions of every level."""
    return st.builds(Region, zh=strings(), en=strings(blank=True), level=st.sampled_from(Level))


def local_agencies() -> SearchStrategy[LocalAgency]:
    """Local lead units, with or without a national counterpart."""
    return st.builds(LocalAgency, zh=strings(), national=st.none() | keys())


def local_quantities(key: SearchStrategy[str] | None = None) -> SearchStrategy[LocalQuantity]:
    """Numbers a local row states, with any comparator."""
    return st.builds(
        LocalQuantity,
        key=key if key is not None else keys(),
        what=strings(blank=True),
        value=values(),
        unit=strings(blank=True),
        comparator=st.sampled_from(Comparator),
        quote=st.none() | strings(),
        national_item=st.none() | keys(),
    )


def matches() -> SearchStrategy[Match]:
    """How sure a mapping to national items is."""
    return st.builds(Match, confidence=st.sampled_from(Confidence), why=strings(blank=True))


@st.composite
def local_items(draw: st.DrawFn, *, key: str | None = None) -> LocalItem:
    """One regional row: any of its texts may be unknown; local-only when it implements nothing."""
    quantity_keys = draw(st.lists(keys(), max_size=3, unique=True))
    optional_text = st.none() | strings(max_size=30)
    return LocalItem(
        key=key if key is not None else draw(keys()),
        name=draw(strings()),
        target=draw(optional_text),
        content=draw(optional_text),
        standard=draw(optional_text),
        expenditure=draw(optional_text),
        lead_units=draw(st.lists(local_agencies(), max_size=3)),
        quantities=[draw(local_quantities(st.just(k))) for k in quantity_keys],
        implements=draw(st.lists(keys(), max_size=3, unique=True)),
        match=draw(st.none() | matches()),
        complete=draw(st.booleans()),
        sources=draw(st.lists(strings(), max_size=2)),
        notes=draw(strings(blank=True)),
    )


@st.composite
def local_aspects(draw: st.DrawFn, *, key: str | None = None, item_keys: Sequence[str] = ()) -> LocalAspect:
    """A group of rows with the given (unique) row keys, or up to three drawn ones."""
    row_keys = list(item_keys) or draw(st.lists(keys(), min_size=1, max_size=3, unique=True))
    return LocalAspect(
        key=key if key is not None else draw(keys()),
        name=draw(strings()),
        items=[draw(local_items(key=k)) for k in row_keys],
        complete=draw(st.booleans()),
        source=draw(st.none() | strings()),
    )


def not_applicables() -> SearchStrategy[NotApplicable]:
    """National items declared not applicable, with a reason."""
    return st.builds(NotApplicable, item=keys(), reason=strings(blank=True))


def not_recordeds() -> SearchStrategy[NotRecorded]:
    """National aspects whose rows the data does not hold, with a reason."""
    return st.builds(NotRecorded, aspect=keys(), reason=strings(blank=True))


@st.composite
def regional_standards(draw: st.DrawFn) -> RegionalStandard:
    """Regional standards: unique aspect keys, row keys unique across the whole standard."""
    aspect_keys = draw(st.lists(keys(), min_size=1, max_size=3, unique=True))
    row_keys = draw(st.lists(keys(), min_size=len(aspect_keys), max_size=6, unique=True))
    # Dealt round the aspects: each gets at least one row, every row key once.
    groups = [row_keys[n :: len(aspect_keys)] for n in range(len(aspect_keys))]
    return RegionalStandard(
        id=draw(edition_ids()),
        title=draw(strings()),
        region=draw(regions()),
        date=draw(st.none() | dates()),
        implements=draw(st.none() | edition_ids()),
        synthetic=draw(st.booleans()),
        complete=draw(st.booleans()),
        completeness_note=draw(strings(blank=True)),
        not_recorded=draw(st.lists(not_recordeds(), max_size=2)),
        not_applicable=draw(st.lists(not_applicables(), max_size=2)),
        aspects=[draw(local_aspects(key=k, item_keys=g)) for k, g in zip(aspect_keys, groups, strict=True)],
        sources=draw(st.lists(strings(), max_size=2)),
        notes=draw(strings(blank=True)),
    )
