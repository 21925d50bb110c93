"""Plain-text views of an edition and of one item, for the terminal (``bpsstd show``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpsstd.model import Confidence, format_value
from bpsstd.render._labels import CONFIDENCE, EXPENDITURE, label, pick

if TYPE_CHECKING:
    from bpsstd.model import Edition, ServiceItem

__all__ = ["edition_text", "item_text"]


def _badge(item: ServiceItem, lang: str) -> str:
    prov = item.provenance
    marks = []
    if prov.reconstructed:
        marks.append(label("reconstructed", lang))
    elif Confidence.LOW in (prov.name, prov.fields) or prov.inherited_from:
        marks.append(label("unverified", lang))
    return f"  [{'; '.join(marks)}]" if marks else ""


def edition_text(edition: Edition, lang: str = "zh") -> str:
    """Render the catalogue of *edition*: metadata, then aspects > categories > items with keys."""
    unknown = label("unknown", lang)
    lines = [
        f"{edition.title.get(lang)} [{edition.id}]",
        (
            f"{label('doc_number', lang)}: {edition.doc_number or unknown} · "
            f"{label('published', lang)}: {edition.published or unknown} · "
            f"{len(edition.aspects)} {label('aspects', lang)} / {len(edition.categories)} "
            f"{label('categories', lang)} / {len(edition.items)} {label('items', lang)}"
        ),
        "",
    ]
    for aspect in edition.aspects:
        lines.append(f"{aspect.number}. {aspect.name.get(lang)} ({aspect.key})")
        for category in aspect.categories:
            lines.append(f"  {category.number}. {category.name.get(lang)} ({category.key})")
            lines.extend(
                f"    ({item.number}) {item.name.get(lang)}  {item.key}{_badge(item, lang)}"
                for item in category.items
            )
    return "\n".join(lines) + "\n"


def item_text(edition: Edition, key: str, lang: str = "zh") -> str:
    """Render one item of *edition* with its five fields, quantities and provenance.

    Raises:
        KeyError: *edition* has no item *key*.
    """
    item = edition.item(key)
    category = edition.category_of(key)
    aspect = next(a for a in edition.aspects if category in a.categories)
    prov = item.provenance
    units = "、" if lang == "zh" else ", "
    names = {a.key: a.name for a in edition.agencies}
    kind = pick(EXPENDITURE[item.expenditure.kind], lang) if item.expenditure.kind else ""
    lines = [
        f"{item.name.get(lang)} ({item.key}) [{edition.id}]",
        (
            f"{label('location', lang)}: {aspect.number}. {aspect.name.get(lang)} > "
            f"{category.number}. {category.name.get(lang)} > {label('item_no', lang, n=item.number)}"
        ),
        f"{label('target', lang)}: {item.target.get(lang) or ''}",
        f"{label('content', lang)}: {item.content.get(lang) or ''}",
        f"{label('standard', lang)}: {item.standard.get(lang) or ''}",
        f"{label('expenditure', lang)}: [{kind}] {item.expenditure.text.get(lang) or ''}",
        f"{label('lead_units', lang)}: "
        + units.join((names[u].get(lang) or u) if u in names else u for u in item.lead_units),
    ]
    if item.quantities:
        lines.append(f"{label('quantities', lang)}:")
        for q in item.quantities:
            level = f" [{pick(CONFIDENCE[q.confidence], lang)}]" if q.confidence else ""
            lines.append(f"  - {q.what}: {format_value(q.value)} {q.unit}{level}")
    lines.append(
        f"{label('confidence', lang)}: {label('name_conf', lang)} {pick(CONFIDENCE[prov.name], lang)}; "
        f"{label('fields_conf', lang)} {pick(CONFIDENCE[prov.fields], lang)}"
    )
    if prov.inherited_from:
        lines.append(f"  {label('inherited', lang, edition=prov.inherited_from)}")
    if prov.reconstructed:
        lines.append(f"  {label('reconstructed', lang)}")
    if prov.sources:
        lines.append(f"{label('sources', lang)}:")
        lines.extend(f"  - {s}" for s in prov.sources)
    if prov.notes:
        lines.append(f"{label('notes', lang)}: {prov.notes}")
    return "\n".join(lines) + "\n"
