"""The import report: what ``bpsstd import`` did with each field, quantity and name, as text or JSON.

Layer 5 of the import. The records are neutral (no :mod:`bpsstd.model`): keys, field names, wording and
locations as strings, so the report reads the same whatever the edition model holds.
"""

from __future__ import annotations

import enum
from typing import Any

from attrs import field, frozen

from bpsstd.model import freeze
from bpsstd.problems import Severity, Stage, codes_of

__all__ = [
    "IMPORT_CODES",
    "FieldOutcome",
    "FieldStatus",
    "ImportReport",
    "LooseNumber",
    "Note",
    "QuantityOutcome",
    "QuantityStatus",
    "report_json",
    "report_text",
]


#: Every code a note of the import report can carry: (severity, meaning), a view of the one registry.
#: None of them is an error: the import goes on and says so.
IMPORT_CODES: dict[str, tuple[Severity, str]] = codes_of(Stage.IMPORT)


class FieldStatus(enum.Enum):
    """What became of one field of a matched row."""

    REPLACED = "replaced"
    """The document words it differently: its wording is imported and rated high."""
    CONFIRMED = "confirmed"
    """The document words it as the base does (up to punctuation width, spaces and a final 。)."""
    PARTIAL = "partial"
    """The document stops inside it: reported, not imported."""
    NOT_FOUND = "not-found"
    """The document does not have it: the base wording and rating are kept."""
    UNKNOWN_AGENCY = "unknown-agency"
    """A lead unit the registry does not know: the base lead units are kept."""


class QuantityStatus(enum.Enum):
    """What became of one quantity of a matched row."""

    UPDATED = "updated"
    CONFIRMED = "confirmed"
    NOT_FOUND = "not-found"


@frozen(kw_only=True)
class FieldOutcome:
    """One field of one item: its status, the wording before and after, where the document has it."""

    item: str
    field: str
    status: FieldStatus
    old: str | None
    """The base wording; None where the base did not know it."""
    new: str
    where: str
    cleared_note: str = ""
    """The team's note on the field, cleared because the field now comes from the official text."""


@frozen(kw_only=True)
class QuantityOutcome:
    """One quantity of one item: its value before and after, and how the document states it."""

    item: str
    quantity: str
    status: QuantityStatus
    old: str
    new: str
    unit_zh: str = ""
    comparator: str = ""
    old_comparator: str = ""


@frozen(kw_only=True)
class LooseNumber:
    """A number of an imported field that no quantity of the row accounts for."""

    item: str
    field: str
    text: str
    where: str


@frozen(kw_only=True)
class Note:
    """A finding of the reader, the parser or the matcher (unmatched names, new items, cut fields...)."""

    code: str
    message: str
    where: str

    @property
    def severity(self) -> Severity:
        """The severity :data:`bpsstd.import_report.IMPORT_CODES` declares (a warning if undeclared)."""
        return IMPORT_CODES.get(self.code, (Severity.WARNING, ""))[0]


@frozen(kw_only=True)
class ImportReport:
    """Everything an import did, and whether the folder it built passes ``bpsstd check``.

    Attributes:
        document: the file name; ``sha256`` its digest; ``layout`` the layouts found; ``encoding`` of text.
        base: the base edition id; ``edition`` the id written.
        check_errors: the number of errors ``bpsstd check`` finds in the built edition.
        check_problems: those problems, rendered.
    """

    document: str
    sha256: str
    layout: str
    encoding: str | None
    base: str
    edition: str
    items_found: int
    items_matched: int
    fields: tuple[FieldOutcome, ...] = field(default=(), converter=freeze)
    quantities: tuple[QuantityOutcome, ...] = field(default=(), converter=freeze)
    loose_numbers: tuple[LooseNumber, ...] = field(default=(), converter=freeze)
    notes: tuple[Note, ...] = field(default=(), converter=freeze)
    check_errors: int = 0
    check_problems: tuple[str, ...] = field(default=(), converter=freeze)

    def count(self, status: FieldStatus) -> int:
        """How many fields have *status*."""
        return sum(f.status is status for f in self.fields)

    @property
    def ok(self) -> bool:
        """Whether the built edition passes ``bpsstd check``."""
        return self.check_errors == 0


def report_json(report: ImportReport) -> dict[str, Any]:
    """The report as JSON data (enums as their values)."""
    return {
        "document": report.document,
        "sha256": report.sha256,
        "layout": report.layout,
        "encoding": report.encoding,
        "base": report.base,
        "edition": report.edition,
        "items_found": report.items_found,
        "items_matched": report.items_matched,
        "summary": {s.value: report.count(s) for s in FieldStatus},
        "fields": [
            {
                "item": f.item,
                "field": f.field,
                "status": f.status.value,
                "old": f.old,
                "new": f.new,
                "where": f.where,
                "cleared_note": f.cleared_note,
            }
            for f in report.fields
        ],
        "quantities": [
            {
                "item": q.item,
                "quantity": q.quantity,
                "status": q.status.value,
                "old": q.old,
                "new": q.new,
                "unit_zh": q.unit_zh,
                "comparator": q.comparator,
                "old_comparator": q.old_comparator,
            }
            for q in report.quantities
        ],
        "loose_numbers": [
            {"item": n.item, "field": n.field, "text": n.text, "where": n.where} for n in report.loose_numbers
        ],
        "notes": [
            {"code": n.code, "severity": n.severity.value, "message": n.message, "where": n.where}
            for n in report.notes
        ],
        "check": {"ok": report.ok, "errors": report.check_errors, "problems": list(report.check_problems)},
    }


def _comparator(q: QuantityOutcome) -> str:
    changed = q.comparator and q.old_comparator and q.comparator != q.old_comparator
    return f" (comparator {q.old_comparator} -> {q.comparator})" if changed else ""


def report_text(report: ImportReport) -> str:
    """The report for people: a summary, then every field not simply confirmed, quantities and notes."""
    encoding = f", {report.encoding}" if report.encoding else ""
    lines = [
        f"导入 import: {report.document} (sha256 {report.sha256[:16]}…, {report.layout}{encoding})",
        f"基础版本 base: {report.base} -> {report.edition}",
        f"条目 items: {report.items_found} found, {report.items_matched} matched",
        "字段 fields: " + ", ".join(f"{report.count(s)} {s.value}" for s in FieldStatus),
    ]
    for f in report.fields:
        if f.status is FieldStatus.CONFIRMED or f.status is FieldStatus.NOT_FOUND:
            continue
        lines.append(f"  {f.status.value:<15}{f.item}.{f.field} ({f.where})")
        if f.status is FieldStatus.REPLACED:
            lines.extend((f"    - {'(unknown)' if f.old is None else f.old}", f"    + {f.new}"))
        elif f.new:
            lines.append(f"    ? {f.new}")
    cleared = [f for f in report.fields if f.cleared_note]
    if cleared:
        lines.append(f"已清除的备注 notes cleared (the field now comes from the text): {len(cleared)}")
        lines.extend(f"  {f.item}.{f.field}: {f.cleared_note}" for f in cleared)
    lines.extend(
        f"  quantity {q.status.value:<10}{q.item}.{q.quantity}: {q.old} -> {q.new or '-'}{_comparator(q)}"
        for q in report.quantities
        if q.status is not QuantityStatus.CONFIRMED
    )
    if report.loose_numbers:
        lines.append(f"未归位数字 numbers not placed: {len(report.loose_numbers)}")
        lines.extend(f"  {n.item}.{n.field}: {n.text} ({n.where})" for n in report.loose_numbers)
    if report.notes:
        lines.append(f"提示 notes: {len(report.notes)}")
        lines.extend(f"  {n.severity.value} [{n.code}] {n.message} ({n.where})" for n in report.notes)
    if report.ok:
        lines.append(f"检查 check: ok, edition {report.edition} passes bpsstd check")
    else:
        lines.append(f"检查 check: FAILS with {report.check_errors} error(s); fix them before committing:")
        lines.extend(f"  {p}" for p in report.check_problems)
    return "\n".join(lines) + "\n"
