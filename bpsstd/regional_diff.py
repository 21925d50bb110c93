"""What a region changed between two editions of its implementation standard, by the one diff engine.

The diff engine (:func:`bpsstd.diff.diff`) compares national editions. :func:`as_edition` lays a
:class:`~bpsstd.regional.RegionalStandard` out as one, so that :func:`diff_regional` is that engine
unchanged: each local aspect becomes an aspect holding one category of the same key and name, each
row an item (same key, Chinese wording, local lead units, quantities as the row states them). What
an edition has no place for, the national items a row implements, is compared here and returned
as :class:`MappingChange` records by :func:`mapping_changes`.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from attrs import field, frozen

from bpsstd.diff import diff
from bpsstd.model import (
    Agency,
    Aspect,
    Category,
    Confidence,
    Edition,
    Expenditure,
    Provenance,
    Quantity,
    ServiceItem,
    Text,
    Totals,
    freeze,
)

if TYPE_CHECKING:
    from bpsstd.changes import EditionDiff
    from bpsstd.regional import LocalAgency, LocalItem, RegionalStandard

__all__ = ["MappingChange", "agency_key", "as_edition", "diff_regional", "mapping_changes"]


@frozen(kw_only=True)
class MappingChange:
    """A row whose national items changed: ``old`` and ``new`` are the national item keys it implements."""

    item: str
    name: str
    old: tuple[str, ...] = field(converter=freeze)
    new: tuple[str, ...] = field(converter=freeze)


def agency_key(agency: LocalAgency) -> str:
    """A stable key for a local lead unit, from its Chinese name.

    Two local units may share one national counterpart (市卫生健康委, 区卫生健康委), so the key is
    the name's, not the counterpart's: renaming the unit is a change of lead units.
    """
    return "local-" + hashlib.sha1(agency.zh.encode(), usedforsecurity=False).hexdigest()[:10]


def _text(value: str | None) -> Text:
    return Text(zh=value, en=None)


def _confidence(standard: RegionalStandard, row: LocalItem) -> Confidence:
    # Rows are copies of the region's own document: as sure as the document, except rows the source
    # cut off; a synthetic example has no document to be sure of.
    if standard.synthetic:
        return Confidence.UNKNOWN
    return Confidence.HIGH if row.complete else Confidence.LOW


def _quantities(row: LocalItem) -> tuple[Quantity, ...]:
    out: list[Quantity] = []
    seen: set[str] = set()
    for q in row.quantities:
        # One row implementing two national items may state the same quantity for each.
        key = q.key if q.key not in seen else f"{q.key}-{q.national_item or len(out)}"
        seen.add(key)
        out.append(
            Quantity(
                key=key,
                what=q.what,
                what_zh=q.what,
                value=q.value,
                unit=q.unit,
                unit_zh=q.unit,
                comparator=q.comparator,
            )
        )
    return tuple(out)


def _item(standard: RegionalStandard, number: int, row: LocalItem) -> ServiceItem:
    confidence = _confidence(standard, row)
    return ServiceItem(
        key=row.key,
        number=number,
        name=_text(row.name),
        target=_text(row.target),
        content=_text(row.content),
        standard=_text(row.standard),
        expenditure=Expenditure(kind=None, zh=row.expenditure, en=None),
        lead_units=tuple(agency_key(a) for a in row.lead_units),
        quantities=_quantities(row),
        provenance=Provenance(name=confidence, fields=confidence, sources=row.sources),
    )


def as_edition(standard: RegionalStandard) -> Edition:
    """Lay *standard* out as an edition, for the diff engine and the comparison-table renderers."""
    agencies = {agency_key(a): a.zh for row in standard.items for a in row.lead_units}
    aspects = tuple(
        Aspect(
            key=aspect.key,
            number=n,
            name=_text(aspect.name),
            categories=(
                Category(
                    key=aspect.key,
                    number=n,
                    name=_text(aspect.name),
                    service_items=tuple(
                        _item(standard, i, row) for i, row in enumerate(aspect.items, start=1)
                    ),
                ),
            ),
        )
        for n, aspect in enumerate(standard.aspects, start=1)
    )
    return Edition(
        id=standard.id,
        title=_text(standard.title),
        published=standard.date,
        declared=Totals(
            aspects=len(standard.aspects), categories=len(standard.aspects), items=len(standard.items)
        ),
        agencies=tuple(Agency(key=k, name=_text(name)) for k, name in sorted(agencies.items())),
        aspects=aspects,
    )


def diff_regional(old: RegionalStandard, new: RegionalStandard) -> EditionDiff:
    """Every change from *old* to *new*, as the engine reports changes between editions."""
    return diff(as_edition(old), as_edition(new))


def mapping_changes(old: RegionalStandard, new: RegionalStandard) -> tuple[MappingChange, ...]:
    """The rows present in both whose national items changed, in the new document's order."""
    before = {row.key: row for row in old.items}
    return tuple(
        MappingChange(item=row.key, name=row.name, old=before[row.key].implements, new=row.implements)
        for row in new.items
        if row.key in before and before[row.key].implements != row.implements
    )
