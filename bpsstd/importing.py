"""Building a new edition from a base edition and a matched document (layer 4 of ``bpsstd import``).

This is the only import module that knows :mod:`bpsstd.model`: readers, layout parsers, matching and
number extraction are model-free, so a change of the model is adapted here alone.

Rules: every field the document has replaces the base wording (and is rated high with the document as
source); a field it words the same way is confirmed and keeps the base wording; a field it lacks keeps the
base wording and rating; a field cut off is reported and not imported. Item provenance is per row in the
current model, so a row is rated high only when every one of its fields came from the document.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

import attrs

from bpsstd.amounts import Mention, place
from bpsstd.checks import check
from bpsstd.import_report import (
    FieldOutcome,
    FieldStatus,
    ImportReport,
    LooseNumber,
    Note,
    QuantityOutcome,
    QuantityStatus,
)
from bpsstd.layouts import FIELDS, ParsedDocument, ParsedField, parse_document
from bpsstd.matching import ItemMatch, Node, Outline, match, normalise
from bpsstd.model import (
    Confidence,
    Edition,
    Expenditure,
    ExpenditureClass,
    Provenance,
    Range,
    Ratio,
    ServiceItem,
    Text,
    Value,
)
from bpsstd.problems import Severity

if TYPE_CHECKING:
    from bpsstd.reading import Document

__all__ = ["ImportResult", "import_document", "outline"]


@attrs.frozen(kw_only=True)
class ImportResult:
    """The edition built and the report of how."""

    edition: Edition
    report: ImportReport


def outline(edition: Edition) -> Outline:
    """The names of *edition* for :func:`bpsstd.matching.match`."""
    return Outline(
        aspects=[
            Node(
                key=a.key,
                name=a.name.zh,
                children=[
                    Node(
                        key=c.key, name=c.name.zh, children=[Node(key=i.key, name=i.name.zh) for i in c.items]
                    )
                    for c in a.categories
                ],
            )
            for a in edition.aspects
        ]
    )


def _same(document: str, base: str) -> bool:
    """Whether two wordings agree up to punctuation width, spaces and a final full stop."""
    return normalise(document) == normalise(base)


_UNIT_SPLIT = re.compile(r"[、，,；;\s]+")


def _agencies(text: str, edition: Edition) -> tuple[tuple[str, ...], list[str]]:
    """Agency keys for the names in a 牵头负责单位 field, and the names the registry does not know."""
    keys: list[str] = []
    unknown: list[str] = []
    by_name = {normalise(a.name.zh): a.key for a in edition.agencies}
    for name in _UNIT_SPLIT.split(unicodedata.normalize("NFKC", text).rstrip("。.")):
        if not name:
            continue
        key = by_name.get(normalise(name))
        if key is None:
            unknown.append(name)
        elif key not in keys:
            keys.append(key)
    return tuple(keys), unknown


def _expenditure_class(text: str) -> ExpenditureClass:
    """A coarse class for a new item's 支出责任 (base items keep theirs)."""
    if "基金" in text:
        return ExpenditureClass.INSURANCE_FUND
    if "共同" in text:
        return ExpenditureClass.SHARED
    if "中央财政" in text and "地方" not in text:
        return ExpenditureClass.CENTRAL
    if "地方" in text:
        return ExpenditureClass.LOCAL
    return ExpenditureClass.MIXED


def _wording(item: ServiceItem, name: str, edition: Edition | None = None) -> str:
    if name == "lead_units":
        names = {a.key: a.name.zh for a in edition.agencies} if edition else {}
        return "、".join(names.get(k, k) for k in item.lead_units)
    value: Text = item.expenditure.text if name == "expenditure" else getattr(item, name)
    return value.zh


def _with_field(item: ServiceItem, name: str, zh: str, lead_units: tuple[str, ...]) -> ServiceItem:
    # The English rendering of new wording is unknown; the current model has no "unknown", so it is empty.
    if name == "lead_units":
        return attrs.evolve(item, lead_units=lead_units)
    if name == "expenditure":
        return attrs.evolve(item, expenditure=Expenditure(kind=item.expenditure.kind, zh=zh, en=""))
    text = Text(zh=zh, en="")
    if name == "target":
        return attrs.evolve(item, target=text)
    if name == "content":
        return attrs.evolve(item, content=text)
    return attrs.evolve(item, standard=text)


def _value(mention: Mention, old: Value) -> Value | None:
    """The new value for a quantity of the same shape as *old*, or None when the shapes differ."""
    value = mention.value
    if isinstance(old, Range) and mention.kind == "range" and isinstance(value, tuple):
        return Range(min=value[0], max=value[1])
    if isinstance(old, Ratio) and mention.kind == "ratio" and isinstance(value, tuple):
        numerator, denominator = value
        if isinstance(numerator, int) and isinstance(denominator, int) and denominator >= 1:
            return Ratio(numerator=numerator, denominator=denominator)
        return None
    if isinstance(old, (int, float)) and mention.kind == "number":
        return value
    return None


def _plain(value: object) -> object:
    if isinstance(value, Range):
        return (value.min, value.max)
    if isinstance(value, Ratio):
        return (value.numerator, value.denominator)
    return value


class _Builder:
    """Applies one document to one base edition, collecting the report (a mutable build buffer)."""

    def __init__(self, document: Document, base: Edition) -> None:
        self.document, self.base = document, base
        self.fields: list[FieldOutcome] = []
        self.quantities: list[QuantityOutcome] = []
        self.loose: list[LooseNumber] = []
        self.notes: list[Note] = []

    def source(self, match: ItemMatch) -> str:
        where = [str(match.parsed.where), *(str(f.where) for f in match.parsed.fields)]
        span = where[0] if len(set(where)) == 1 else f"{where[0]} to {where[-1]}"
        return f"{self.document.name} (sha256:{self.document.sha256}), {span}"

    def item(self, item: ServiceItem, match: ItemMatch) -> ServiceItem:
        parsed = match.parsed
        updated = item
        from_document = 0
        replaced: list[str] = []
        for name in FIELDS:
            found = parsed.get(name)
            old = _wording(item, name, self.base)
            status, new = self._field(found, old)
            if status is FieldStatus.REPLACED and found is not None:
                keys: tuple[str, ...] = ()
                if name == "lead_units":
                    keys, unknown = _agencies(found.text, self.base)
                    if unknown or not keys:
                        status = FieldStatus.UNKNOWN_AGENCY
                        new = f"{found.text} (not in the registry: {'、'.join(unknown) or '-'})"
                    elif keys == item.lead_units:
                        status = FieldStatus.CONFIRMED
                if status is FieldStatus.REPLACED:
                    updated = _with_field(updated, name, found.text, keys)
                    replaced.append(name)
            from_document += status in {FieldStatus.REPLACED, FieldStatus.CONFIRMED}
            where = str(found.where) if found else ""
            self.fields.append(
                FieldOutcome(item=item.key, field=name, status=status, old=old, new=new, where=where)
            )
        updated = self._quantities(item, updated, match, replaced)
        complete = from_document == len(FIELDS)
        prov = item.provenance
        if from_document or match.new:
            # An item the document names is no longer a reconstruction; the old note is kept as history.
            notes = (
                f"seen in {self.document.name}; before: {prov.notes}" if prov.reconstructed else prov.notes
            )
            prov = attrs.evolve(
                prov,
                notes=notes,
                name=Confidence.HIGH,
                fields=Confidence.HIGH if complete else prov.fields,
                sources=(*prov.sources, self.source(match)),
                inherited_from=None if complete else prov.inherited_from,
            )
        return attrs.evolve(updated, provenance=prov)

    def _field(self, found: ParsedField | None, old: str) -> tuple[FieldStatus, str]:
        if found is None:
            return FieldStatus.NOT_FOUND, ""
        if found.cut:
            return FieldStatus.PARTIAL, found.text
        if found.name == "lead_units":
            return FieldStatus.REPLACED, found.text  # compared as agency keys by the caller
        if _same(found.text, old):
            return FieldStatus.CONFIRMED, found.text
        return FieldStatus.REPLACED, found.text

    def _quantities(
        self, item: ServiceItem, updated: ServiceItem, match: ItemMatch, replaced: list[str]
    ) -> ServiceItem:
        texts = ("target", "content", "standard", "expenditure")
        old_text = "\n".join(_wording(item, n) for n in texts)
        new_text = "\n".join(_wording(updated, n) for n in texts)
        found_text = "\n".join(f.text for f in match.parsed.fields if f.name in texts and not f.cut)
        placements, loose = place(tuple(_plain(q.value) for q in item.quantities), old_text, new_text)
        quantities = []
        source = self.source(match)
        for quantity, placement in zip(item.quantities, placements, strict=True):
            mention = placement.new
            value = None if mention is None else _value(mention, quantity.value)
            in_document = mention is not None and mention.text in found_text
            if mention is None or value is None or not in_document:
                status, new, result = QuantityStatus.NOT_FOUND, "", quantity
            else:
                status = QuantityStatus.CONFIRMED if value == quantity.value else QuantityStatus.UPDATED
                new = mention.text
                result = attrs.evolve(quantity, value=value, confidence=Confidence.HIGH, source=source)
            quantities.append(result)
            self.quantities.append(
                QuantityOutcome(
                    item=item.key,
                    quantity=quantity.key,
                    status=status,
                    old=str(_plain(quantity.value)),
                    new=new,
                    unit_zh=mention.unit if mention else "",
                    comparator=mention.comparator if mention else "",
                )
            )
        if replaced:
            for mention in loose:
                where = next(
                    (f for f in match.parsed.fields if f.name in replaced and mention.text in f.text), None
                )
                if where is not None:
                    self.loose.append(
                        LooseNumber(
                            item=item.key, field=where.name, text=mention.text, where=str(where.where)
                        )
                    )
        return attrs.evolve(updated, quantities=quantities)

    def new_item(self, match: ItemMatch, number: int) -> ServiceItem:
        parsed = match.parsed
        expenditure = parsed.get("expenditure")
        item = ServiceItem(
            key=match.key,
            number=number,
            name=Text(zh=parsed.name, en=""),
            target=Text(zh="", en=""),
            content=Text(zh="", en=""),
            standard=Text(zh="", en=""),
            expenditure=Expenditure(
                kind=_expenditure_class(expenditure.text if expenditure else ""), zh="", en=""
            ),
            lead_units=(),
            provenance=Provenance(name=Confidence.LOW, fields=Confidence.LOW),
        )
        return self.item(item, match)


def import_document(document: Document, base: Edition, *, edition_id: str | None = None) -> ImportResult:
    """Apply *document* to *base*: parse, match by name, replace the fields found, check the result.

    Args:
        document: a document read by :func:`bpsstd.reading.read_document`.
        base: the edition to update.
        edition_id: the id of the edition built (default: the base's id).
    """
    parsed: ParsedDocument = parse_document(document)
    matching = match(parsed, outline(base))
    builder = _Builder(document, base)
    by_key = {m.key: m for m in matching.items if not m.new}
    additions: dict[str, list[ItemMatch]] = {}
    for m in matching.items:
        if m.new:
            additions.setdefault(m.category, []).append(m)
    aspects = []
    for aspect in base.aspects:
        categories = []
        for category in aspect.categories:
            items = [builder.item(i, by_key[i.key]) if i.key in by_key else i for i in category.items]
            for m in additions.get(category.key, []):
                items.append(builder.new_item(m, len(items) + 1))
            categories.append(attrs.evolve(category, items=items))
        aspects.append(attrs.evolve(aspect, categories=categories))
    edition = attrs.evolve(base, id=edition_id or base.id, aspects=aspects, origin=None)
    for finding in (*parsed.findings, *matching.findings):
        builder.notes.append(Note(code=finding.code, message=finding.message, where=str(finding.where)))
    for f in builder.fields:
        if f.status is FieldStatus.PARTIAL:
            builder.notes.append(
                Note(
                    code="field-cut-off",
                    message=f"{f.item}.{f.field} stops mid-way; not imported",
                    where=f.where,
                )
            )
    problems = check(edition).problems
    errors = [p for p in problems if p.severity is Severity.ERROR]
    report = ImportReport(
        document=document.name,
        sha256=document.sha256,
        layout=parsed.layout,
        encoding=document.encoding,
        base=base.id,
        edition=edition.id,
        items_found=len(parsed.items),
        items_matched=len(matching.items),
        fields=builder.fields,
        quantities=builder.quantities,
        loose_numbers=builder.loose,
        notes=builder.notes,
        check_errors=len(errors),
        check_problems=[str(p) for p in errors],
    )
    return ImportResult(edition=edition, report=report)
