"""A regional standard against the national edition: coverage, the floor, items above, wording dropped.

:func:`conform` returns a :class:`Conformance`: one :class:`MatrixRow` per national item (which local
rows implement it, and its :class:`Status`), the local-only rows, and a :class:`~bpsstd.problems.Report`
whose codes are declared in :data:`CODES`. Coverage and floor failures are errors; a floor that cannot
be confirmed and national wording dropped are warnings; what needs the fiscal-affordability review
(财政承受能力评估) is info.
"""

from __future__ import annotations

import enum
import functools
import typing
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from bpsstd.changes import Span, SpanOp
from bpsstd.diff import _spans  # the engine's character-level diff, not a copy
from bpsstd.floor import Better, Comparator, Outcome, compare
from bpsstd.model import Lang, format_value, freeze
from bpsstd.present import Word, label
from bpsstd.problems import Problem, Report, Severity, Stage, codes_of
from bpsstd.serde import converter

if TYPE_CHECKING:
    from bpsstd.model import Edition, Quantity, ServiceItem, Text
    from bpsstd.regional import LocalItem, LocalQuantity, RegionalStandard

__all__ = [
    "CODES",
    "Conformance",
    "Finding",
    "MatrixRow",
    "Placeholder",
    "QuantityResult",
    "Status",
    "conform",
    "unstructure_conformance",
]

#: Every code :func:`conform` can report: (severity, meaning), a view of the one registry.
CODES: dict[str, tuple[Severity, str]] = codes_of(Stage.REGION)


class Status(enum.Enum):
    """Where a national item stands in the regional standard."""

    MET = "met"
    ABOVE = "above"
    BELOW = "below"
    NOT_STATED = "not stated"
    MISSING = "missing"
    NOT_APPLICABLE = "not applicable"
    NOT_RECORDED = "not recorded"


@frozen(kw_only=True)
class QuantityResult:
    """One national quantity against the local statement of it (None when not stated)."""

    item: str
    quantity: str
    what: str = ""
    """What the national quantity counts, in Chinese when known (孕妇产前检查次数)."""
    national: str
    local: str | None
    local_item: str | None
    better: Better | None
    """The national quantity's generous direction; None: no floor to check."""
    outcome: Outcome | None
    """None when the national quantity's better direction is unknown: no floor to check."""


@frozen(kw_only=True)
class MatrixRow:
    """One national item: the local rows implementing it, its status, its quantities."""

    item: str
    name: str
    aspect: str
    local: tuple[str, ...] = field(converter=freeze)
    """Names of the local rows that implement it."""
    status: Status
    quantities: tuple[QuantityResult, ...] = field(default=(), converter=freeze)
    reason: str = ""


@frozen(kw_only=True)
class Placeholder:
    """One placeholder of a finding's template and the text it takes (data, shown literally)."""

    name: str
    text: str


@frozen(kw_only=True)
class Finding:
    """What one problem of the report says, as words a report renders in any language.

    The problem's own message is this finding in English; a Chinese report renders the same
    template from the Chinese label table (:mod:`bpsstd.present`).

    Attributes:
        template: the :class:`~bpsstd.present.Word` value of the message template.
        values: the template's placeholders and their values (data text, shown literally).
        unverified: whether the national wording it compares with is unverified.
    """

    template: str
    values: tuple[Placeholder, ...] = field(converter=freeze)
    unverified: bool = False

    def text(self, lang: Lang) -> str:
        """The message in *lang*."""
        words = label(Word(self.template), lang, **{v.name: v.text for v in self.values})
        return words + (label(Word.REGION_WORDING_UNVERIFIED, lang) if self.unverified else "")


@frozen(kw_only=True)
class Conformance:
    """The whole result of a regional standard against a national edition."""

    standard: str
    title: str
    region: str
    against: str
    synthetic: bool
    complete: bool
    rows: tuple[MatrixRow, ...] = field(converter=freeze)
    local_only: tuple[str, ...] = field(converter=freeze)
    report: Report
    findings: tuple[Finding, ...] = field(default=(), converter=freeze)
    """One per problem of the report, in the same order: its words in any language."""

    @property
    def ok(self) -> bool:
        """Whether coverage and floor hold (no error)."""
        return self.report.ok

    def count(self, status: Status) -> int:
        """How many national items have *status*."""
        return sum(r.status is status for r in self.rows)


# Copies of regional pages often carry ASCII punctuation where the page has full-width marks; neither
# those nor a dropped mark alone is a departure from the national wording.
_ASCII_MARKS = str.maketrans({"(": "（", ")": "）", ";": "；", ",": "，", ":": "：", "?": "？", "!": "！"})
_MARKS = " \n\t。，；：、？！（）《》“”‘’"


def _punctuation(text: str) -> str:
    return text.translate(_ASCII_MARKS)


def _known_wording(item: ServiceItem, name: str) -> str | None:
    """The national wording of *name*, or None when unknown (the v2 model keeps notes apart)."""
    text: Text = getattr(item, name)
    return text.zh or None


def _show(value: object, unit: str, comparator: Comparator) -> str:
    words = {
        Comparator.EXACTLY: "",
        Comparator.AT_LEAST: "不少于",
        Comparator.AT_MOST: "不超过",
        Comparator.ABOUT: "约",
        Comparator.UNDER: "未满",
        Comparator.OVER: "超过",
    }
    return f"{words[comparator]}{format_value(value)} {unit}".strip()  # type: ignore[arg-type]


class _Run:
    def __init__(self, standard: RegionalStandard, national: Edition) -> None:
        self.standard = standard
        self.national = national
        self.problems: list[Problem] = []
        self.findings: list[Finding] = []

    def add(self, code: str, template: Word, path: str, *, unverified: bool = False, **values: str) -> None:
        origin = self.standard.origin
        where = origin.locate(path) if origin is not None else None
        file, line = where if where is not None else (None, None)
        severity = CODES[code][0]
        placeholders = tuple(Placeholder(name=k, text=v) for k, v in values.items())
        finding = Finding(template=template.value, values=placeholders, unverified=unverified)
        self.findings.append(finding)
        self.problems.append(
            Problem(
                code=code, severity=severity, message=finding.text(Lang.EN), path=path, file=file, line=line
            )
        )

    def statement(
        self, item: ServiceItem, quantity: Quantity, local: list[tuple[str, LocalItem]]
    ) -> tuple[str, LocalItem, LocalQuantity] | None:
        for path, row in local:
            for q, stated in enumerate(row.quantities):
                if stated.key == quantity.key and stated.national_item in (None, item.key):
                    return f"{path}.quantities[{q}]", row, stated
        return None

    def quantities(self, item: ServiceItem, local: list[tuple[str, LocalItem]]) -> tuple[QuantityResult, ...]:
        results = []
        for quantity in item.quantities:
            national_cmp, better = quantity.comparator, quantity.better
            what = quantity.what_zh or quantity.what
            national_text = _show(quantity.value, quantity.unit_zh or quantity.unit, national_cmp)
            found = self.statement(item, quantity, local)
            local_text: str | None = None
            local_item: str | None = None
            outcome: Outcome | None = None
            if found is None:
                if better is not None:
                    self.add(
                        "regional-floor-unconfirmed",
                        Word.REGION_FLOOR_UNSTATED,
                        local[0][0],
                        item=item.name.zh or item.key,
                        what=what,
                        national=national_text,
                        rows=", ".join(r.name for _, r in local),
                    )
            else:
                path, row, stated = found
                local_text, local_item = _show(stated.value, stated.unit, stated.comparator), row.key
                if better is not None:
                    outcome = compare(
                        (stated.value, stated.comparator), (quantity.value, national_cmp), better
                    )
                    words = {"row": row.name, "what": what, "local": local_text, "national": national_text}
                    self.floor(outcome, path, words)
            results.append(
                QuantityResult(
                    item=item.key,
                    quantity=quantity.key,
                    what=what,
                    national=national_text,
                    local=local_text,
                    local_item=local_item,
                    better=better,
                    outcome=outcome,
                )
            )
        return tuple(results)

    def floor(self, outcome: Outcome, path: str, words: dict[str, str]) -> None:
        found = {
            Outcome.BELOW: ("regional-below-floor", Word.REGION_BELOW_FLOOR),
            Outcome.ABOVE: ("regional-above-national", Word.REGION_ABOVE_NATIONAL),
            Outcome.UNKNOWN: ("regional-floor-unconfirmed", Word.REGION_FLOOR_INCOMPARABLE),
        }.get(outcome)
        if found is not None:
            code, template = found
            row, what, local, national = words["row"], words["what"], words["local"], words["national"]
            self.add(code, template, path, row=row, what=what, local=local, national=national)

    def wording(self, item: ServiceItem, path: str, row: LocalItem) -> None:
        for name in ("target", "content"):
            national = _known_wording(item, name)
            local = getattr(row, name)
            if national is None or local is None:
                continue
            spans = _spans(_punctuation(national), _punctuation(local))
            dropped = [s for s in spans if s.op is not SpanOp.INSERT and s.old.strip(_MARKS)]
            if dropped:
                shown = "、".join(f"「{s.old}」" for s in dropped if isinstance(s, Span))
                self.add(
                    "regional-wording-dropped",
                    Word.REGION_DROPS_TARGET if name == "target" else Word.REGION_DROPS_CONTENT,
                    f"{path}.{name}",
                    unverified=not item.provenance.level(name).verified,
                    row=row.name,
                    item=item.name.zh or item.key,
                    spans=shown,
                )


def _status(results: tuple[QuantityResult, ...]) -> Status:
    outcomes = {r.outcome for r in results}
    if Outcome.BELOW in outcomes:
        return Status.BELOW
    # A known floor left unstated, or stated incomparably, cannot be called met.
    if Outcome.UNKNOWN in outcomes or any(r.local is None and r.better is not None for r in results):
        return Status.NOT_STATED
    if Outcome.ABOVE in outcomes:
        return Status.ABOVE
    return Status.MET


def conform(standard: RegionalStandard, national: Edition) -> Conformance:
    """Check *standard* against the *national* edition: coverage, floor, above national, wording."""
    run = _Run(standard, national)
    keys = {i.key for i in national.service_items}
    implementers: dict[str, list[tuple[str, LocalItem]]] = {}
    local_only = []
    for path, row in standard.walk():
        if not row.complete:
            run.add("regional-incomplete-row", Word.REGION_INCOMPLETE_ROW, path, row=row.name)
        if row.local_only:
            local_only.append(row.name)
            run.add("regional-local-only", Word.REGION_LOCAL_ONLY_REVIEW, path, row=row.name)
        for n, key in enumerate(row.implements):
            if key in keys:
                implementers.setdefault(key, []).append((path, row))
            else:
                run.add(
                    "regional-unknown-item",
                    Word.REGION_UNKNOWN_ITEM,
                    f"{path}.implements[{n}]",
                    row=row.name,
                    item_key=key,
                    edition=national.id,
                )
    return _result(run, implementers, tuple(local_only))


def _result(
    run: _Run, implementers: dict[str, list[tuple[str, LocalItem]]], local_only: tuple[str, ...]
) -> Conformance:
    """The matrix, national item by national item, and the whole result."""
    standard, national = run.standard, run.national
    not_applicable = {d.item: d.reason for d in standard.not_applicable}
    not_recorded = {d.aspect: d.reason for d in standard.not_recorded}
    rows = []
    for _, aspect, _, item in national.walk():
        local = implementers.get(item.key, [])
        row_of = functools.partial(
            MatrixRow, item=item.key, name=item.name.zh or item.key, aspect=aspect.name.zh or aspect.key
        )
        if local:
            results = run.quantities(item, local)
            for path, row in local:
                run.wording(item, path, row)
            status = _status(results)
            rows.append(row_of(local=tuple(r.name for _, r in local), status=status, quantities=results))
        elif item.key in not_applicable:
            rows.append(row_of(local=(), status=Status.NOT_APPLICABLE, reason=not_applicable[item.key]))
        elif aspect.key in not_recorded:
            rows.append(row_of(local=(), status=Status.NOT_RECORDED, reason=not_recorded[aspect.key]))
        else:
            rows.append(row_of(local=(), status=Status.MISSING))
            run.add(
                "regional-missing-item",
                Word.REGION_MISSING_ITEM,
                "$.aspects",
                item=item.name.zh or item.key,
                item_key=item.key,
            )
    return Conformance(
        standard=standard.id,
        title=standard.title,
        region=standard.region.zh,
        against=national.id,
        synthetic=standard.synthetic,
        complete=standard.complete,
        rows=tuple(rows),
        local_only=local_only,
        report=Report(problems=run.problems),
        findings=run.findings,
    )


def unstructure_conformance(result: Conformance) -> dict[str, Any]:
    """Return *result* as plain, JSON-ready data, through the project's converter."""
    return typing.cast("dict[str, Any]", converter().unstructure(result))
