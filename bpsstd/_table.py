"""An edition as a flat table: one row of plain values per service item, for pandas, CSV and spreadsheets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

if TYPE_CHECKING:
    from bpsstd.model import Aspect, Category, Edition, ServiceItem

__all__ = ["ItemRow", "table"]


@frozen(kw_only=True)
class ItemRow:
    """One service item as a flat row of plain values, for tables (pandas, CSV, spreadsheets).

    Unknown wording is None. ``lead_units`` are agency keys joined by ``", "``; confidences are their
    on-disk values (``"high"``).
    """

    edition: str
    aspect_number: int
    aspect: str
    category_number: int
    category: str
    number: int
    key: str
    name_zh: str
    name_en: str
    target_zh: str | None
    target_en: str | None
    content_zh: str | None
    content_en: str | None
    standard_zh: str | None
    standard_en: str | None
    expenditure_class: str | None
    expenditure_zh: str | None
    expenditure_en: str | None
    lead_units: str
    quantities: int
    name_confidence: str
    fields_confidence: str
    inherited_from: str | None


def table(edition: Edition) -> tuple[ItemRow, ...]:
    """Return one :class:`ItemRow` per item of *edition*, in document order."""
    return tuple(
        _row(edition.id, aspect, category, item)
        for aspect in edition.aspects
        for category in aspect.categories
        for item in category.service_items
    )


def _row(edition: str, aspect: Aspect, category: Category, item: ServiceItem) -> ItemRow:
    prov = item.provenance
    return ItemRow(
        edition=edition,
        aspect_number=aspect.number,
        aspect=aspect.name.zh or "",
        category_number=category.number,
        category=category.name.zh or "",
        number=item.number,
        key=item.key,
        name_zh=item.name.zh or "",
        name_en=item.name.en or "",
        target_zh=item.target.zh,
        target_en=item.target.en,
        content_zh=item.content.zh,
        content_en=item.content.en,
        standard_zh=item.standard.zh,
        standard_en=item.standard.en,
        expenditure_class=item.expenditure.kind.value if item.expenditure.kind else None,
        expenditure_zh=item.expenditure.zh,
        expenditure_en=item.expenditure.en,
        lead_units=", ".join(item.lead_units),
        quantities=len(item.quantities),
        name_confidence=prov.name.value,
        fields_confidence=prov.fields.value,
        inherited_from=prov.inherited_from,
    )
