"""Invariants of an edition: ``check(edition)`` collects every broken rule as a located Problem.

Each rule has a stable kebab-case code, declared in :data:`bpsstd.problems.CODES` with its severity;
CI scripts may rely on them.
Rules about one field alone live in the model's validators; the rules here span fields and records.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from attrs import frozen

from bpsstd._wording import find_remark, mismatch, states
from bpsstd.model import Confidence, Range, Ratio, Text
from bpsstd.problems import CODES, Problem, Report

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from bpsstd.model import Edition, Quantity, ServiceItem

__all__ = ["CODES", "Fidelity", "Tally", "check", "fidelity"]

_ROW_FIELDS = ("target", "content", "standard", "expenditure")

_NULLABLE_FACTS = ("doc_number", "published", "issued")
_RATED_FACTS = ("title", "doc_number", "published", "issued", "approving_body", "declared")


class _Collector:
    """Gathers problems and locates them through the edition's origin, when it has one."""

    def __init__(self, edition: Edition) -> None:
        self.origin = edition.origin
        self.problems: list[Problem] = []

    def add(self, code: str, message: str, path: str) -> None:
        where = self.origin.locate(path) if self.origin is not None else None
        file, line = where if where is not None else (None, None)
        # The severity is the code's declared one: a rule cannot contradict the documentation.
        self.problems.append(Problem.of(code, message, path, file, line))


def _finite(number: float) -> bool:
    """Whether *number* is a finite float; an integer too large for a float is not (no OverflowError)."""
    try:
        return math.isfinite(number)
    except OverflowError:
        return False


def _visible(text: str) -> str:
    """*text* without whitespace and invisible format characters (zero-width spaces, joiners, BOM)."""
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def _numbering(out: _Collector, code: str, what: str, numbered: Sequence[tuple[int, str]]) -> None:
    """Report the first of *numbered* ``(number, path)`` pairs that breaks the sequence 1..n."""
    numbers = [number for number, _ in numbered]
    for expected, (number, path) in enumerate(numbered, start=1):
        if number != expected:
            shown = ", ".join(map(str, numbers))
            out.add(
                code,
                f"{what} numbered {number} where {expected} was expected "
                f"(numbers in document order: {shown}; expected 1..{len(numbers)})",
                f"{path}.number",
            )
            return


def _unique(out: _Collector, what: str, keyed: Iterable[tuple[str, str]]) -> None:
    first: dict[str, str] = {}
    for key, path in keyed:
        if key in first:
            out.add(
                "duplicate-key", f"{what} key {key!r} is used again (first at {first[key]})", f"{path}.key"
            )
        else:
            first[key] = path


def _text(out: _Collector, text: Text | None, path: str, *, english: bool) -> None:
    """Check one text: not empty; known where it is a name or title (*english*); no remark inside."""
    if text is None:
        return
    for lang, value in (("zh", text.zh), ("en", text.en)):
        if value is None:
            if english:
                out.add(
                    "empty-text", f"a name or title must be known; its {lang} text is null", f"{path}.{lang}"
                )
            continue
        if not _visible(value) and (lang == "zh" or english):
            # Only invisible characters (U+200B, U+FEFF ...) is as empty as nothing, and harder to see.
            hidden = " (it holds only invisible characters)" if value.strip() else ""
            what = "the Chinese text is empty; Chinese is the authoritative language"
            out.add(
                "empty-text",
                (what if lang == "zh" else "the English text of a name or title is empty") + hidden,
                f"{path}.{lang}",
            )
        if (marker := find_remark(value)) is not None:
            out.add(
                "remark-in-wording",
                f"the wording holds the remark {marker!r}; move it to the field's note"
                " (provenance.field_notes)",
                f"{path}.{lang}",
            )
    # Names are official and their English a rendering: only wording is held to the same numbers.
    if not english and text.zh is not None and text.en is not None:
        try:
            only_zh, only_en = mismatch(text.zh, text.en)
        except (ValueError, OverflowError):  # a number past what int() or float() reads: not comparable
            return
        if only_zh or only_en:
            shown = ", ".join(
                f"{lang} only: {', '.join(f'{n:g}' for n in sorted(nums))}"
                for lang, nums in (("zh", only_zh), ("en", only_en))
                if nums
            )
            out.add(
                "number-mismatch",
                f"the Chinese and English state different numbers ({shown})",
                path,
            )


def _same_names(out: _Collector, what: str, named: Iterable[tuple[Text, str]]) -> None:
    """Two records of one kind with the same Chinese name (invisible characters ignored) are one too many."""
    first: dict[str, str] = {}
    for name, path in named:
        if name.zh is None or not (zh := _visible(name.zh)):
            continue  # unknown or empty: reported as empty-text
        if zh in first:
            out.add(
                "duplicate-name",
                f"{what} name {name.zh!r} is used again (first at {first[zh]}); names tell records apart",
                f"{path}.name.zh",
            )
        else:
            first[zh] = path


def _totals(out: _Collector, edition: Edition) -> None:
    actual = edition.totals
    for kind in ("aspects", "categories", "items"):
        declared, counted = getattr(edition.declared, kind), getattr(actual, kind)
        if declared != counted:
            out.add(
                "total-mismatch",
                f"{declared} {kind} declared, {counted} found",
                f"$.declared.{kind}",
            )


def _metadata(out: _Collector, edition: Edition) -> None:
    _text(out, edition.title, "$.title", english=True)
    _text(out, edition.notice_title, "$.notice_title", english=True)
    for i, requirement in enumerate(edition.requirements):
        _text(out, requirement, f"$.requirements[{i}]", english=False)
    prov = edition.provenance
    for fact in _NULLABLE_FACTS:
        if getattr(edition, fact) is None and not (prov.note(fact) or "").strip():
            out.add("unexplained-null", f"{fact} is null and no note says why", f"$.{fact}")
    for fact in _RATED_FACTS:
        if getattr(edition, fact) is not None and prov.level(fact) is None:
            out.add("unrated-fact", f"{fact} has a value but no confidence", "$.provenance.confidence")
    for rating in prov.confidence:
        value = getattr(edition, rating.fact, "not a field")
        if rating.level is Confidence.UNKNOWN and value not in (None, "not a field"):
            out.add(
                "invalid-confidence",
                f"{rating.fact} has a value but is rated 'unknown'; rate it high, medium or low",
                f"$.provenance.confidence.{rating.fact}",
            )


def _agencies(out: _Collector, edition: Edition) -> None:
    _unique(out, "agency", ((a.key, f"$.agencies[{i}]") for i, a in enumerate(edition.agencies)))
    for i, agency in enumerate(edition.agencies):
        _text(out, agency.name, f"$.agencies[{i}].name", english=True)
    known = {a.key for a in edition.agencies}
    used: Counter[str] = Counter()
    for j, key in enumerate(edition.departments.named):
        used[key] += 1
        if key not in known:
            out.add(
                "unknown-agency",
                f"issuing department {key!r} is not in the agency registry (agencies.yaml)",
                f"$.departments.named[{j}]",
            )
    for path, _, _, item in edition.walk():
        used.update(item.lead_units)
        for j, key in enumerate(item.lead_units):
            if key not in known:
                out.add(
                    "unknown-agency",
                    f"lead unit {key!r} of item {item.key!r} is not in the agency registry (agencies.yaml)",
                    f"{path}.lead_units[{j}]",
                )
    for i, agency in enumerate(edition.agencies):
        if not used[agency.key]:
            out.add(
                "unused-agency",
                f"agency {agency.key!r} is in the registry but nothing refers to it",
                f"$.agencies[{i}]",
            )


def _numbers(quantity: Quantity) -> tuple[float, ...]:
    value = quantity.value
    if isinstance(value, Range):
        return (value.min, value.max)
    if isinstance(value, Ratio):
        return (value.numerator, value.denominator)
    if isinstance(value, tuple):
        return value
    return (value,)


def _stated(out: _Collector, item: ServiceItem, quantity: Quantity, path: str) -> None:
    """A quantity is a number the row's own wording states: find each of its numbers there."""
    texts = {name: getattr(item, name).zh for name in _ROW_FIELDS if getattr(item, name).zh is not None}
    if not texts:
        return  # the row's wording is unknown: nothing to compare with
    try:
        missing = [
            n for n in _numbers(quantity) if _finite(n) and not any(states(t, n) for t in texts.values())
        ]
    except (ValueError, OverflowError):  # wording with a number past what int() reads: not comparable
        return
    if missing:
        label = quantity.what_zh or quantity.what
        out.add(
            "quantity-not-in-text",
            f"quantity {quantity.key!r} ({label}) is {', '.join(f'{n:g}' for n in missing)}"
            f" {quantity.unit_zh or quantity.unit}, but the Chinese wording of item {item.key!r}"
            f" ({', '.join(texts)}) does not state it",
            f"{path}.value",
        )


def _quantity(out: _Collector, quantity: Quantity, path: str) -> None:
    value = quantity.value
    numbers: tuple[float, ...]
    if isinstance(value, Range):
        numbers = (value.min, value.max)
        if value.min > value.max:
            out.add("quantity-bad-range", f"range {value} has its minimum above its maximum", f"{path}.value")
    elif isinstance(value, Ratio):
        numbers = (value.numerator, value.denominator)
    elif isinstance(value, tuple):
        numbers = value
    else:
        numbers = (value,)
    if any(isinstance(n, int) and not _finite(n) for n in numbers):
        out.add(
            "quantity-too-large",
            f"quantity {quantity.key!r} is an integer too large for a number (the limit is about 1.8e308)",
            f"{path}.value",
        )
    elif not all(_finite(n) for n in numbers):
        out.add("quantity-not-finite", f"quantity {quantity.key!r} is not a finite number", f"{path}.value")
    if not _visible(quantity.unit):
        out.add("quantity-no-unit", f"quantity {quantity.key!r} has no unit", f"{path}.unit")
    if quantity.confidence is Confidence.UNKNOWN:
        out.add(
            "invalid-confidence",
            "a quantity with a value cannot be rated 'unknown'",
            f"{path}.confidence",
        )


def _item(out: _Collector, edition: Edition, item: ServiceItem, path: str) -> None:
    _text(out, item.name, f"{path}.name", english=True)
    for name in ("target", "content", "standard"):
        _text(out, getattr(item, name), f"{path}.{name}", english=False)
    _text(out, item.expenditure.text, f"{path}.expenditure", english=False)
    for k, quantity in enumerate(item.quantities):
        qpath = f"{path}.quantities[{k}]"
        for name in ("what", "what_zh"):
            value = getattr(quantity, name)
            if value is not None and (marker := find_remark(value)) is not None:
                out.add(
                    "remark-in-wording",
                    f"the label holds the remark {marker!r}; move it to the note",
                    f"{qpath}.{name}",
                )
        _stated(out, item, quantity, qpath)
    if not item.lead_units:
        out.add("no-lead-unit", f"item {item.key!r} names no lead unit (牵头负责单位)", f"{path}.lead_units")
    seen: set[str] = set()
    for j, key in enumerate(item.lead_units):
        if key in seen:
            out.add("duplicate-lead-unit", f"lead unit {key!r} is listed twice", f"{path}.lead_units[{j}]")
        seen.add(key)
    _unique(out, "quantity", ((q.key, f"{path}.quantities[{k}]") for k, q in enumerate(item.quantities)))
    for k, quantity in enumerate(item.quantities):
        _quantity(out, quantity, f"{path}.quantities[{k}]")
    _provenance(out, edition, item, path)


def _provenance(out: _Collector, edition: Edition, item: ServiceItem, path: str) -> None:
    prov, ppath = item.provenance, f"{path}.provenance"
    for name in ("name", "fields"):
        level = getattr(prov, name)
        if level is Confidence.UNKNOWN:
            out.add(
                "invalid-confidence",
                "items are rated high, medium or low, never 'unknown'",
                f"{ppath}.{name}",
            )
        if prov.reconstructed and level is not Confidence.LOW:
            out.add(
                "overclaimed-confidence",
                f"a reconstructed item must be rated low; {name} is rated {level.value}",
                f"{ppath}.{name}",
            )
    if not prov.sources and any(lv.verified for lv in (prov.name, prov.fields)):
        out.add(
            "unsourced-confidence",
            f"item {item.key!r} is rated above low but cites no source",
            f"{ppath}.sources",
        )
    if prov.inherited_from == edition.id:
        out.add(
            "self-inheritance",
            f"the row is said to be inherited from edition {edition.id}, which is this edition",
            f"{ppath}.inherited_from",
        )


def check(edition: Edition) -> Report:
    """Check every invariant of *edition* and return all problems found.

    The order is stable: edition facts and totals first, then the agency registry, numbering and keys,
    then each item in document order.

    Never raises for a broken invariant: a broken rule is a :class:`~bpsstd.problems.Problem`.
    """
    out = _Collector(edition)
    _metadata(out, edition)
    _totals(out, edition)
    _agencies(out, edition)
    aspects = edition.aspects
    _unique(out, "aspect", ((a.key, f"$.aspects[{i}]") for i, a in enumerate(aspects)))
    _numbering(
        out, "aspect-numbering", "aspect", [(a.number, f"$.aspects[{i}]") for i, a in enumerate(aspects)]
    )
    category_paths = [
        (c, f"$.aspects[{i}].categories[{j}]")
        for i, a in enumerate(aspects)
        for j, c in enumerate(a.categories)
    ]
    _unique(out, "category", ((c.key, p) for c, p in category_paths))
    _numbering(out, "category-numbering", "category", [(c.number, p) for c, p in category_paths])
    _unique(out, "item", ((item.key, path) for path, _, _, item in edition.walk()))
    for category, cpath in category_paths:
        _numbering(
            out,
            "item-numbering",
            f"an item of category {category.number} ({category.name.zh})",
            [(item.number, f"{cpath}.items[{k}]") for k, item in enumerate(category.service_items)],
        )
        _text(out, category.name, f"{cpath}.name", english=True)
    for i, aspect in enumerate(aspects):
        _text(out, aspect.name, f"$.aspects[{i}].name", english=True)
    _same_names(out, "aspect", ((a.name, f"$.aspects[{i}]") for i, a in enumerate(aspects)))
    _same_names(out, "category", ((c.name, p) for c, p in category_paths))
    _same_names(out, "item", ((item.name, path) for path, _, _, item in edition.walk()))
    for path, _, _, item in edition.walk():
        _item(out, edition, item, path)
    return Report(problems=out.problems)


@frozen(kw_only=True)
class Tally:
    """How many facts are rated high, medium, low, or are unknown."""

    high: int = 0
    medium: int = 0
    low: int = 0
    unknown: int = 0

    def __str__(self) -> str:
        """Render as ``3 high, 2 medium, 1 low, 0 unknown``."""
        return f"{self.high} high, {self.medium} medium, {self.low} low, {self.unknown} unknown"


@frozen(kw_only=True)
class Fidelity:
    """How far an edition's rows and quantities are established (the last line of ``bpsstd check``).

    ``fields`` counts the five fields of every row (target, content, standard, expenditure, lead units),
    a field being unknown where its wording is; ``quantities`` counts quantities, each rated by its own
    confidence or else its row's.
    """

    fields: Tally
    quantities: Tally

    def __str__(self) -> str:
        """Render as one line."""
        return f"fidelity: fields {self.fields}; quantities {self.quantities}"


def _tally(levels: Iterable[Confidence]) -> Tally:
    counts = Counter(level.value for level in levels)
    return Tally(high=counts["high"], medium=counts["medium"], low=counts["low"], unknown=counts["unknown"])


def fidelity(edition: Edition) -> Fidelity:
    """Count the row fields and quantities of *edition* by confidence (unknown where the wording is)."""
    fields: list[Confidence] = []
    quantities: list[Confidence] = []
    for item in edition.service_items:
        prov = item.provenance
        for name in _ROW_FIELDS:
            known = getattr(item, name).zh is not None
            fields.append(prov.level(name) if known else Confidence.UNKNOWN)
        fields.append(prov.level("lead_units") if item.lead_units else Confidence.UNKNOWN)
        quantities.extend(q.confidence or prov.fields for q in item.quantities)
    return Fidelity(fields=_tally(fields), quantities=_tally(quantities))
