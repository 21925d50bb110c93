"""``bpsstd region`` and the regional side of ``bpsstd check``: load, conform, render, print.

Kept out of :mod:`bpsstd.cli` so that the command's code lives in one place; ``cli`` dispatches here
(the options are declared in :mod:`bpsstd._cli_parsers`).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bpsstd._regional_names import is_regional
from bpsstd.conformance import Conformance, MatrixRow, Status, conform, unstructure_conformance
from bpsstd.editions import editions, load
from bpsstd.errors import EditionNotFoundError, LoadError
from bpsstd.floor import Outcome
from bpsstd.model import Lang
from bpsstd.present import Word, escape_markdown, label
from bpsstd.problems import Severity
from bpsstd.regional import (
    Level,
    Region,
    dump_regional_folder,
    is_regional_folder,
    load_regional,
)
from bpsstd.serde import unstructure

if TYPE_CHECKING:
    import argparse

    from bpsstd.model import Edition
    from bpsstd.regional import RegionalStandard
    from bpsstd.render._region_xlsx import Sheet

__all__ = [
    "check_regional",
    "diff_pair",
    "is_regional",
    "render_markdown",
    "render_text",
    "run",
]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

# Every word of these reports comes from the one label table (bpsstd.present), Chinese by default.
_STATUS_WORDS = {
    Status.MET: Word.REGION_MET,
    Status.ABOVE: Word.REGION_ABOVE,
    Status.BELOW: Word.REGION_BELOW,
    Status.NOT_STATED: Word.REGION_NOT_STATED,
    Status.MISSING: Word.REGION_MISSING,
    Status.NOT_APPLICABLE: Word.REGION_NOT_APPLICABLE,
    Status.NOT_RECORDED: Word.REGION_NOT_RECORDED_STATUS,
}
_SEVERITY_WORDS = {
    Severity.ERROR: Word.REGION_SEVERITY_ERROR,
    Severity.WARNING: Word.REGION_SEVERITY_WARNING,
    Severity.INFO: Word.REGION_SEVERITY_INFO,
}


def _w(word: Word, lang: str) -> str:
    return label(word, Lang(lang))


def status_label(status: Status, lang: str) -> str:
    """The label of a matrix status in *lang* (``zh`` or ``en``)."""
    return _w(_STATUS_WORDS[status], lang)


def problem_lines(result: Conformance, lang: str, severity: Severity) -> list[str]:
    """The problems of *severity*, each as ``file:line: severity [code] message @ path`` in *lang*."""
    lines = []
    for problem, finding in zip(result.report.problems, result.findings, strict=True):
        if problem.severity is not severity:
            continue
        where = ""
        if problem.file is not None:
            where = f"{problem.file}:{problem.line}: " if problem.line is not None else f"{problem.file}: "
        words = finding.text(Lang(lang))
        lines.append(
            f"{where}{_w(_SEVERITY_WORDS[severity], lang)} [{problem.code}] {words} @ {problem.path}"
        )
    return lines


def run_import(args: argparse.Namespace) -> int:
    """Run ``bpsstd region-import``; return the exit status."""
    from bpsstd.layouts import parse_document  # noqa: PLC0415  # the importer loads on use
    from bpsstd.reading import DocumentError, read_document  # noqa: PLC0415
    from bpsstd.regional_import import import_regional  # noqa: PLC0415

    output = Path(args.output)
    if output.exists():
        _emit(f"bpsstd: {output} exists; give a new folder", sys.stderr)
        return EXIT_USAGE
    try:
        national = load(args.implements)
        document = parse_document(read_document(args.file))
    except EditionNotFoundError as exc:
        _emit(f"bpsstd: {exc}", sys.stderr)
        return EXIT_USAGE
    except DocumentError as exc:
        _emit(f"bpsstd: {exc}", sys.stderr)
        return EXIT_USAGE
    if not document.items:
        _emit(f"bpsstd: {args.file}: no row in the table or labelled layout", sys.stderr)
        return EXIT_USAGE
    name = output.name if re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]*", output.name) else "regional"
    result = import_regional(
        document,
        national,
        id=args.standard_id or name,
        title=args.title or Path(args.file).stem,
        region=Region(zh=args.region or "未注明", en="", level=Level(args.level)),
        file=str(args.file),
    )
    try:
        dump_regional_folder(result.standard, output)
    except OSError as exc:
        _emit(f"bpsstd: cannot write {output}: {exc.strerror or exc}", sys.stderr)
        return EXIT_USAGE
    for problem in result.problems:
        _emit(str(problem), sys.stderr)
    rows = len(result.standard.items)
    local = sum(row.local_only for row in result.standard.items)
    _emit(f"{output}: {rows} row(s), {rows - local} matched by name, {local} local-only")
    return EXIT_OK


def _expand(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        path = Path(name)
        if not is_regional(name) and path.is_dir():
            out.extend(str(p) for p in sorted(path.iterdir()) if is_regional_folder(p))
        else:
            out.append(name)
    return out


def _national(standard: RegionalStandard, against: str | None) -> Edition:
    return load(against or standard.implements or editions()[-1])


def _quantities(row: MatrixRow, lang: str) -> str:
    parts = []
    for q in row.quantities:
        if q.outcome in (Outcome.ABOVE, Outcome.BELOW, Outcome.UNKNOWN) or (q.local is None and q.better):
            local = q.local if q.local is not None else _w(Word.REGION_UNSTATED, lang)
            local_word, national_word = (
                _w(Word.REGION_LOCAL_VALUE, lang),
                _w(Word.REGION_NATIONAL_VALUE, lang),
            )
            parts.append(f"{q.what or q.quantity}: {local_word} {local} / {national_word} {q.national}")
    return f"（{'；'.join(parts)}）" if parts else ""


def matrix_rows(result: Conformance, lang: str) -> list[tuple[str, str, str]]:
    """The coverage matrix as (national item, local items, status with its quantities) in *lang*."""
    return _lines(result, lang)[1]


def _lines(result: Conformance, lang: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    against = _w(Word.REGION_AGAINST, lang)
    head = [f"{result.title} ({result.standard}) — {result.region}, {against} {result.against}"]
    if result.synthetic:
        head.append(_w(Word.REGION_SYNTHETIC, lang))
    if not result.complete:
        head.append(_w(Word.REGION_PARTIAL, lang))
    rows = [
        (
            r.name,
            "、".join(r.local) or "—",
            status_label(r.status, lang)
            + _quantities(r, lang)
            + (f"：{r.reason}" if r.reason and r.status is Status.NOT_APPLICABLE else ""),
        )
        for r in result.rows
        if r.status is not Status.NOT_RECORDED
    ]
    return head, rows


def _not_recorded(result: Conformance) -> list[tuple[str, int, str]]:
    seen: dict[str, tuple[int, str]] = {}
    for r in result.rows:
        if r.status is Status.NOT_RECORDED:
            count, reason = seen.get(r.aspect, (0, r.reason))
            seen[r.aspect] = (count + 1, reason)
    return [(aspect, n, reason) for aspect, (n, reason) in seen.items()]


def _lists(result: Conformance, lang: str) -> list[tuple[str, list[str]]]:
    return [
        (_w(Word.REGION_ERRORS, lang), problem_lines(result, lang, Severity.ERROR)),
        (_w(Word.REGION_WARNINGS, lang), problem_lines(result, lang, Severity.WARNING)),
        (_w(Word.REGION_REVIEW, lang), problem_lines(result, lang, Severity.INFO)),
    ]


def _summary(result: Conformance, lang: str) -> str:
    sep = "，" if lang == "zh" else ", "
    return sep.join(f"{status_label(s, lang)} {result.count(s)}" for s in Status)


def render_text(result: Conformance, lang: str = "zh") -> str:
    """Render one result as plain text: header, matrix, not-recorded aspects, summary, lists."""
    head, rows = _lines(result, lang)
    national, local_word, status = (
        _w(Word.REGION_NATIONAL, lang),
        _w(Word.REGION_LOCAL, lang),
        _w(Word.REGION_STATUS, lang),
    )
    out = [*head, "", _w(Word.REGION_MATRIX, lang), f"{national} → {local_word}: {status}"]
    out += [f"  {name} → {local}: {status}" for name, local, status in rows]
    recorded = _not_recorded(result)
    items, none = label(Word.ITEMS, Lang(lang)), _w(Word.REGION_NONE, lang)
    if recorded:
        out += ["", _w(Word.REGION_NOT_RECORDED, lang)]
        out += [f"  {aspect} ({n} {items}): {reason}" for aspect, n, reason in recorded]
    out += ["", f"{_w(Word.REGION_SUMMARY, lang)}: {_summary(result, lang)}"]
    for title, lines in _lists(result, lang):
        out += ["", f"{title}:"] + ([f"  {line}" for line in lines] or [f"  {none}"])
    return "\n".join(out) + "\n"


def render_markdown(result: Conformance, lang: str = "zh") -> str:
    """Render one result as Markdown: a matrix table and the lists."""
    head, rows = _lines(result, lang)
    national, local, status = (
        _w(Word.REGION_NATIONAL, lang),
        _w(Word.REGION_LOCAL, lang),
        _w(Word.REGION_STATUS, lang),
    )
    out = [f"# {escape_markdown(head[0])}", "", *(f"**{escape_markdown(h)}**\n" for h in head[1:])]
    out += [f"## {_w(Word.REGION_MATRIX, lang)}", "", f"| {national} | {local} | {status} |", "|---|---|---|"]
    out += [f"| {escape_markdown(a)} | {escape_markdown(b)} | {escape_markdown(c)} |" for a, b, c in rows]
    recorded = _not_recorded(result)
    items, none = label(Word.ITEMS, Lang(lang)), _w(Word.REGION_NONE, lang)
    if recorded:
        out += ["", f"## {_w(Word.REGION_NOT_RECORDED, lang)}", ""]
        out += [
            f"- {escape_markdown(aspect)} ({n} {items}): {escape_markdown(reason)}"
            for aspect, n, reason in recorded
        ]
    out += ["", f"{_w(Word.REGION_SUMMARY, lang)}: {_summary(result, lang)}"]
    for title, lines in _lists(result, lang):
        out += ["", f"## {title}", ""] + ([f"- {escape_markdown(line)}" for line in lines] or [f"- {none}"])
    return "\n".join(out) + "\n"


def _table(results: list[Conformance], lang: str) -> str:
    header = [
        _w(Word.REGION_REGION, lang),
        _w(Word.REGION_STANDARD, lang),
        *(status_label(s, lang) for s in Status),
        _w(Word.REGION_OUTCOME, lang),
    ]
    lines = ["\t".join(header)]
    for r in results:
        region = r.region + (_w(Word.REGION_SYNTHETIC, lang) if r.synthetic else "")
        counts = [str(r.count(s)) for s in Status]
        verdict = _w(Word.REGION_PASSED if r.ok else Word.REGION_FAILED, lang)
        lines.append("\t".join([region, r.standard, *counts, verdict]))
    return "\n".join(lines) + "\n"


def _emit(text: str, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(text if text.endswith("\n") else text + "\n")


def _conform(name: str, against: str | None) -> Conformance | int:
    try:
        standard = load_regional(name)
        return conform(standard, _national(standard, against))
    except EditionNotFoundError as exc:
        _emit(f"bpsstd: {exc}", sys.stderr)
    except LoadError as exc:
        _emit("\n".join(str(p) for p in exc.problems), sys.stderr)
    return EXIT_USAGE


def _sheets(results: list[Conformance], lang: str) -> list[Sheet]:
    """The workbook: the coverage matrix and the problems of one result, or the overview of several."""
    from bpsstd.render._region_xlsx import Sheet  # noqa: PLC0415  # openpyxl loads on use

    if len(results) > 1:
        lines = _table(results, lang).splitlines()
        header, *overview = (tuple(line.split("\t")) for line in lines)
        return [Sheet(name=_w(Word.REGION_SUMMARY, lang), lead=(), header=header, rows=overview)]
    result = results[0]
    head, rows = _lines(result, lang)
    header = (_w(Word.REGION_NATIONAL, lang), _w(Word.REGION_LOCAL, lang), _w(Word.REGION_STATUS, lang))
    items = label(Word.ITEMS, Lang(lang))
    recorded = [(a, f"{n} {items}", reason) for a, n, reason in _not_recorded(result)]
    problems = [(title, line) for title, lines in _lists(result, lang) for line in lines]
    sheets = [
        Sheet(name=_w(Word.REGION_MATRIX, lang), lead=head, header=header, rows=rows),
        Sheet(
            name=_w(Word.REGION_PROBLEMS, lang),
            lead=(head[0],),
            header=(_w(Word.REGION_LIST, lang), _w(Word.REGION_PROBLEMS, lang)),
            rows=problems,
        ),
    ]
    if recorded:
        sheets.insert(
            1,
            Sheet(
                name=_w(Word.REGION_NOT_RECORDED, lang),
                lead=(head[0],),
                header=(label(Word.ASPECTS, Lang(lang)), items, _w(Word.REGION_REASON, lang)),
                rows=recorded,
            ),
        )
    return sheets


def _write_xlsx(args: argparse.Namespace, results: list[Conformance]) -> int:
    from bpsstd.render._region_xlsx import sheets_xlsx  # noqa: PLC0415  # openpyxl loads on use

    try:
        Path(args.output).write_bytes(sheets_xlsx(_sheets(results, args.lang)))
    except OSError as exc:
        _emit(f"bpsstd: cannot write {args.output}: {exc.strerror or exc}", sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run ``bpsstd region``; return the exit status."""
    if args.format == "xlsx":
        from bpsstd._cli_office import check_output  # noqa: PLC0415  # the office check, shared

        refused = check_output(args)
        if refused is not None:
            return refused
    names = _expand(args.standards)
    if not names:
        _emit(f"bpsstd: no regional standard in {', '.join(args.standards)}", sys.stderr)
        return EXIT_USAGE
    results = []
    for name in names:
        got = _conform(name, args.against)
        if isinstance(got, int):
            return got
        results.append(got)
    if args.format == "xlsx":
        written = _write_xlsx(args, results)
        if written:
            return written
    elif args.format == "json":
        data = [unstructure_conformance(r) for r in results]
        _emit(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
    elif len(results) > 1:
        _emit(_table(results, args.lang))
    else:
        render = render_markdown if args.format == "markdown" else render_text
        _emit(render(results[0], args.lang))
    return EXIT_OK if all(r.ok for r in results) else EXIT_PROBLEMS


def diff_pair(old: str, new: str) -> tuple[Edition, Edition] | int | None:
    """``bpsstd diff`` of two regional standards: both laid out as editions for the one engine.

    None when neither names a regional standard (the national diff goes on); an exit status when
    one cannot be loaded or only one of the two is regional.
    """
    regional = [is_regional(old), is_regional(new)]
    if not any(regional):
        return None
    if not all(regional):
        which = old if not regional[0] else new
        _emit(f"bpsstd: {which} is not a regional standard; diff compares two of a kind", sys.stderr)
        return EXIT_USAGE
    from bpsstd.regional_diff import as_edition  # noqa: PLC0415  # the diff engine loads on use

    try:
        return as_edition(load_regional(old)), as_edition(load_regional(new))
    except EditionNotFoundError as exc:
        _emit(f"bpsstd: {exc}", sys.stderr)
    except LoadError as exc:
        _emit("\n".join(str(p) for p in exc.problems), sys.stderr)
    return EXIT_USAGE


def check_regional(name: str, fmt: str) -> int:
    """``bpsstd check`` on a regional folder: the problems of :func:`conform`; exit 1 on an error."""
    got = _conform(name, None)
    if isinstance(got, int):
        return got
    report = got.report
    if fmt == "json":
        _emit(json.dumps(unstructure(report), ensure_ascii=False, indent=2))
    else:
        lines = [str(p) for p in report.problems]
        errors = sum(p.severity is Severity.ERROR for p in report.problems)
        label = " (synthetic)" if got.synthetic else ""
        lines.append(f"{name}{label}: {errors} error(s), {len(report.problems) - errors} other problem(s)")
        _emit("\n".join(lines))
    return EXIT_OK if report.ok else EXIT_PROBLEMS
