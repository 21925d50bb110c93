"""Building a new edition from a base edition and a matched document (layer 4 of ``bpsstd import``).

This is the only import module that knows :mod:`bpsstd.model`: readers, layout parsers, matching and
number extraction are model-free, so a change of the model is adapted here alone.

Rules: every field the document has replaces the base wording, and unknown wording (None) counts as absent,
so the document supplies it; a field it words the same way is confirmed and keeps the base wording. Both are
rated high on their own (a :class:`~bpsstd.model.FieldProvenance` with the document as source), and the
team's note on such a field is cleared (the report keeps it). A field the document lacks keeps the base
wording and rating; a field cut off is reported and not imported. The row's rating
(``Provenance.fields``) stays as it was unless every field is now high.
"""

from __future__ import annotations

import re
import unicodedata

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
    Comparator,
    Confidence,
    Edition,
    Expenditure,
    ExpenditureClass,
    FieldProvenance,
    Provenance,
    Quantity,
    Range,
    Ratio,
    ServiceItem,
    Source,
    Text,
    Value,
)
from bpsstd.problems import Severity

# At run time, not under TYPE_CHECKING: autodoc resolves the annotations of the public import_document.
from bpsstd.reading import Document  # noqa: TC001

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
                name=a.name.zh or "",
                children=[
                    Node(
                        key=c.key,
                        name=c.name.zh or "",
                        children=[Node(key=i.key, name=i.name.zh or "") for i in c.service_items],
                    )
                    for c in a.categories
                ],
            )
            for a in edition.aspects
        ]
    )


def _same(document: str, base: str | None) -> bool:
    """Whether two wordings agree up to punctuation width, spaces and a final full stop (None: unknown)."""
    return base is not None and normalise(document) == normalise(base)


_UNIT_SPLIT = re.compile(r"[、，,；;\s]+")


def _agencies(text: str, edition: Edition) -> tuple[tuple[str, ...], list[str]]:
    """Agency keys for the names in a 牵头负责单位 field, and the names the registry does not know.

    A name matches an agency's canonical name or the short name the official text prints (退役军人部).
    """
    keys: list[str] = []
    unknown: list[str] = []
    by_name: dict[str, str] = {}
    for agency in edition.agencies:
        for name in (agency.name.zh, agency.printed):
            if name:
                by_name.setdefault(normalise(name), agency.key)
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
    """A coarse class for 支出责任 wording, where the base does not know the class."""
    if "基金" in text:
        return ExpenditureClass.INSURANCE_FUND
    if "共同" in text:
        return ExpenditureClass.SHARED
    if "中央财政" in text and "地方" not in text:
        return ExpenditureClass.CENTRAL
    if "地方" in text:
        return ExpenditureClass.LOCAL
    return ExpenditureClass.MIXED


def _wording(item: ServiceItem, name: str, edition: Edition | None = None) -> str | None:
    """The base wording of field *name* (lead units as the text prints them); None where unknown."""
    if name == "lead_units":
        labels = {a.key: a.label for a in edition.agencies} if edition else {}
        return "、".join(labels.get(k, k) for k in item.lead_units)
    value: Text = item.expenditure.text if name == "expenditure" else getattr(item, name)
    return value.zh


def _with_field(item: ServiceItem, name: str, zh: str, lead_units: tuple[str, ...]) -> ServiceItem:
    # The English of new wording is not in the document: unknown (None), not empty.
    if name == "lead_units":
        return attrs.evolve(item, lead_units=lead_units)
    if name == "expenditure":
        return attrs.evolve(item, expenditure=attrs.evolve(item.expenditure, zh=zh, en=None))
    text = Text(zh=zh, en=None)
    if name == "target":
        return attrs.evolve(item, target=text)
    if name == "content":
        return attrs.evolve(item, content=text)
    return attrs.evolve(item, standard=text)


def _note_text(note: Text | None) -> str:
    if note is None:
        return ""
    return note.zh or note.en or ""


def _rated(prov: Provenance, name: str, source: str) -> tuple[Provenance, str]:
    """Rate field *name* high with *source*, clearing the team's note; return it and the note cleared."""
    own = prov.about(name) or FieldProvenance(field_name=name)
    sources = own.sources if source in own.sources else (*own.sources, source)
    rated = attrs.evolve(own, note=None, confidence=Confidence.HIGH, sources=sources)
    others = tuple(f for f in prov.field_notes if f.field_name != name)
    order = {f.field_name: k for k, f in enumerate(prov.field_notes)}
    notes = sorted((*others, rated), key=lambda f: order.get(f.field_name, len(order)))
    return attrs.evolve(prov, field_notes=notes), _note_text(own.note)


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


def _unit_zh(mention: Mention, quantity: Quantity) -> str | None:
    """The Chinese unit after import: the document's, unless the base's already holds it (次 in 次/年)."""
    if not mention.unit or (quantity.unit_zh is not None and mention.unit in quantity.unit_zh):
        return quantity.unit_zh
    return mention.unit


def _comparator(mention: Mention, quantity: Quantity) -> Comparator:
    """The comparator after import: the document's where its words state one (不少于, 以上, 未满 ...).

    A number written bare reads as ``exactly`` to :mod:`bpsstd.amounts`, but bare numbers often carry
    their comparator in words it does not parse (年满60周岁, 最长24个月): a bare number keeps the base's.
    """
    if mention.comparator == Comparator.EXACTLY.value:
        return quantity.comparator
    return Comparator(mention.comparator)


def _plain(value: object) -> object:
    if isinstance(value, Range):
        return (value.min, value.max)
    if isinstance(value, Ratio):
        return (value.numerator, value.denominator)
    return value


class _Builder:
    """Applies one document to one base edition, collecting the report (a mutable build buffer)."""

    def __init__(self, document: Document, base: Edition, edition_id: str) -> None:
        self.document, self.base, self.edition_id = document, base, edition_id
        self.fields: list[FieldOutcome] = []
        self.quantities: list[QuantityOutcome] = []
        self.loose: list[LooseNumber] = []
        self.notes: list[Note] = []

    def cite(self, where: str) -> str:
        """The citation of the document at *where*: file name, SHA-256 and location."""
        return f"{self.document.name} (sha256:{self.document.sha256}), {where}"

    def source(self, match: ItemMatch) -> str:
        where = [str(match.parsed.where), *(str(f.where) for f in match.parsed.fields)]
        span = where[0] if len(set(where)) == 1 else f"{where[0]} to {where[-1]}"
        return self.cite(span)

    def item(self, item: ServiceItem, match: ItemMatch) -> ServiceItem:
        parsed = match.parsed
        updated = item
        prov = item.provenance
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
                    if name == "expenditure":
                        updated = self._infer_class(updated, found)
            cleared = ""
            if found is not None and status in {FieldStatus.REPLACED, FieldStatus.CONFIRMED}:
                from_document += 1
                prov, cleared = _rated(prov, name, self.cite(str(found.where)))
            self.fields.append(
                FieldOutcome(
                    item=item.key,
                    field=name,
                    status=status,
                    old=old,
                    new=new,
                    where=str(found.where) if found else "",
                    cleared_note=cleared,
                )
            )
        updated = self._quantities(item, updated, match, replaced)
        if from_document or match.new:
            prov = self._row(prov, match)
        return attrs.evolve(updated, provenance=prov)

    def _row(self, prov: Provenance, match: ItemMatch) -> Provenance:
        """The row's provenance once the document names it: name high, the document among its sources."""
        # An item the document names is no longer a reconstruction; the old note is kept as history.
        notes = f"seen in {self.document.name}; before: {prov.notes}" if prov.reconstructed else prov.notes
        source = Source(text=self.source(match), editions=(self.edition_id,))
        complete = all(prov.level(name) is Confidence.HIGH for name in FIELDS)
        return attrs.evolve(
            prov,
            notes=notes,
            name=Confidence.HIGH,
            fields=Confidence.HIGH if complete else prov.fields,
            sources=prov.sources if source in prov.sources else (*prov.sources, source),
            inherited_from=None if complete else prov.inherited_from,
        )

    def _infer_class(self, item: ServiceItem, found: ParsedField) -> ServiceItem:
        """Give an unknown expenditure class one inferred from the wording supplied, and say so."""
        if item.expenditure.kind is not None:
            return item
        kind = _expenditure_class(found.text)
        self.notes.append(
            Note(
                code="expenditure-class-inferred",
                message=f"{item.key}.expenditure: the class was unknown; inferred {kind.value!r} from "
                f"{found.text!r}; review it",
                where=str(found.where),
            )
        )
        return attrs.evolve(item, expenditure=attrs.evolve(item.expenditure, kind=kind))

    def _field(self, found: ParsedField | None, old: str | None) -> tuple[FieldStatus, str]:
        if found is not None and found.cut:
            return FieldStatus.PARTIAL, found.text
        if found is None or not found.text.strip():
            return FieldStatus.NOT_FOUND, ""
        if found.name == "lead_units":
            return FieldStatus.REPLACED, found.text  # compared as agency keys by the caller
        if _same(found.text, old):
            return FieldStatus.CONFIRMED, found.text
        return FieldStatus.REPLACED, found.text

    def _quantities(
        self, item: ServiceItem, updated: ServiceItem, match: ItemMatch, replaced: list[str]
    ) -> ServiceItem:
        texts = ("target", "content", "standard", "expenditure")
        old_text = "\n".join(_wording(item, n) or "" for n in texts)
        new_text = "\n".join(_wording(updated, n) or "" for n in texts)
        found_text = "\n".join(f.text for f in match.parsed.fields if f.name in texts and not f.cut)
        placements, loose = place(tuple(_plain(q.value) for q in item.quantities), old_text, new_text)
        quantities = []
        source = self.source(match)
        for quantity, placement in zip(item.quantities, placements, strict=True):
            mention = placement.new
            value = None if mention is None else _value(mention, quantity.value)
            if mention is None or value is None or mention.text not in found_text:
                quantities.append(quantity)
                self.quantities.append(
                    QuantityOutcome(
                        item=item.key,
                        quantity=quantity.key,
                        status=QuantityStatus.NOT_FOUND,
                        old=str(_plain(quantity.value)),
                        new="",
                        old_comparator=quantity.comparator.value,
                    )
                )
                continue
            result = attrs.evolve(
                quantity,
                value=value,
                unit_zh=_unit_zh(mention, quantity),
                comparator=_comparator(mention, quantity),
                confidence=Confidence.HIGH,
                source=source,
            )
            same = (result.value, result.unit_zh, result.comparator) == (
                quantity.value,
                quantity.unit_zh,
                quantity.comparator,
            )
            quantities.append(result)
            self.quantities.append(
                QuantityOutcome(
                    item=item.key,
                    quantity=quantity.key,
                    status=QuantityStatus.CONFIRMED if same else QuantityStatus.UPDATED,
                    old=str(_plain(quantity.value)),
                    new=mention.text,
                    unit_zh=mention.unit,
                    comparator=result.comparator.value,
                    old_comparator=quantity.comparator.value,
                )
            )
        if replaced:
            self._loose(item, match, replaced, loose)
        return attrs.evolve(updated, quantities=quantities)

    def _loose(
        self, item: ServiceItem, match: ItemMatch, replaced: list[str], loose: tuple[Mention, ...]
    ) -> None:
        for mention in loose:
            where = next(
                (f for f in match.parsed.fields if f.name in replaced and mention.text in f.text), None
            )
            if where is not None:
                self.loose.append(
                    LooseNumber(item=item.key, field=where.name, text=mention.text, where=str(where.where))
                )

    def new_item(self, match: ItemMatch, number: int) -> ServiceItem:
        # What the document does not say of a new item is unknown (None), not empty.
        unknown = Text(zh=None, en=None)
        item = ServiceItem(
            key=match.key,
            number=number,
            name=Text(zh=match.parsed.name, en=None),
            target=unknown,
            content=unknown,
            standard=unknown,
            expenditure=Expenditure(kind=None, zh=None, en=None),
            lead_units=(),
            provenance=Provenance(name=Confidence.LOW, fields=Confidence.LOW),
        )
        return self.item(item, match)


def import_document(document: Document, base: Edition, *, edition_id: str | None = None) -> ImportResult:
    """Apply *document* to *base*: parse, match by name, replace the fields found, check the result.

    Args:
        document: a document read by :func:`bpsstd.read_document`.
        base: the edition to update.
        edition_id: the id of the edition built (default: the base's id).
    """
    parsed: ParsedDocument = parse_document(document)
    matching = match(parsed, outline(base))
    new_id = edition_id or base.id
    builder = _Builder(document, base, new_id)
    by_key = {m.key: m for m in matching.items if not m.new}
    additions: dict[str, list[ItemMatch]] = {}
    for m in matching.items:
        if m.new:
            additions.setdefault(m.category, []).append(m)
    aspects = []
    for aspect in base.aspects:
        categories = []
        for category in aspect.categories:
            items = [builder.item(i, by_key[i.key]) if i.key in by_key else i for i in category.service_items]
            for m in additions.get(category.key, []):
                items.append(builder.new_item(m, len(items) + 1))
            categories.append(attrs.evolve(category, service_items=items))
        aspects.append(attrs.evolve(aspect, categories=categories))
    edition = attrs.evolve(base, id=new_id, aspects=aspects, origin=None)
    found_notes = [
        Note(code=finding.code, message=finding.message, where=str(finding.where))
        for finding in (*parsed.findings, *matching.findings)
    ]
    builder.notes[:0] = found_notes
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
