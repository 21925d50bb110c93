"""``bpsstd region`` and the regional side of ``bpsstd check``: load, conform, render, print.

Kept out of :mod:`bpsstd.cli` so that the command's code lives in one place; ``cli`` dispatches here
(the options are declared in :mod:`bpsstd._cli_parsers`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bpsstd.conformance import Conformance, Status, conform, unstructure_conformance
from bpsstd.editions import editions, load
from bpsstd.errors import EditionNotFoundError, LoadError
from bpsstd.floor import Outcome
from bpsstd.problems import Severity
from bpsstd.regional import is_regional_folder, load_regional, regional_standards

if TYPE_CHECKING:
    import argparse

    from bpsstd.model import Edition
    from bpsstd.regional import RegionalStandard

__all__ = ["check_regional", "is_regional", "render_markdown", "render_text", "run"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

_STATUS: dict[str, dict[Status, str]] = {
    "zh": {
        Status.MET: "达到",
        Status.ABOVE: "高于国家标准",
        Status.BELOW: "低于国家标准",
        Status.NOT_STATED: "未载明",
        Status.MISSING: "缺失",
        Status.NOT_APPLICABLE: "不适用",
        Status.NOT_RECORDED: "未收录",
    },
    "en": {s: s.value for s in Status},
}
_WORDS = {
    "zh": {
        "against": "对照国家标准",
        "synthetic": "【合成示例，非真实标准】",
        "partial": "【部分数据：本数据未收录该标准的全部内容】",
        "matrix": "覆盖矩阵",
        "national": "国家项目",
        "local": "地方项目",
        "status": "结果",
        "not_recorded": "未收录的方面",
        "items": "项",
        "summary": "汇总",
        "errors": "错误（覆盖或底线不达标）",
        "warnings": "警告",
        "review": "需财政承受能力评估",
        "local_only": "地方新增项目",
        "none": "无",
        "region": "地区",
        "standard": "标准",
        "outcome": "结论",
        "pass": "通过",
        "fail": "不通过",
        "national_v": "国家",
        "local_v": "地方",
        "unstated": "未载明",
    },
    "en": {
        "against": "against national edition",
        "synthetic": "[SYNTHETIC example, not a real standard]",
        "partial": "[PARTIAL data: not all of this standard is recorded here]",
        "matrix": "Coverage matrix",
        "national": "National item",
        "local": "Local item(s)",
        "status": "Status",
        "not_recorded": "Aspects not recorded",
        "items": "items",
        "summary": "Summary",
        "errors": "Errors (coverage or floor)",
        "warnings": "Warnings",
        "review": "Needs fiscal-affordability review",
        "local_only": "Local-only items",
        "none": "none",
        "region": "Region",
        "standard": "Standard",
        "outcome": "Outcome",
        "pass": "pass",
        "fail": "fail",
        "national_v": "national",
        "local_v": "local",
        "unstated": "not stated",
    },
}


def is_regional(name: str) -> bool:
    """Whether *name* is a shipped regional id or a regional folder."""
    return name in regional_standards() or is_regional_folder(name)


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


def _quantities(row: object, lang: str) -> str:
    w = _WORDS[lang]
    parts = []
    for q in getattr(row, "quantities", ()):
        if q.outcome in (Outcome.ABOVE, Outcome.BELOW, Outcome.UNKNOWN) or (q.local is None and q.better):
            local = q.local if q.local is not None else w["unstated"]
            parts.append(f"{q.quantity}: {w['local_v']} {local} / {w['national_v']} {q.national}")
    return f"（{'；'.join(parts)}）" if parts else ""


def _lines(result: Conformance, lang: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    w, labels = _WORDS[lang], _STATUS[lang]
    head = [f"{result.title} ({result.standard}) — {result.region}, {w['against']} {result.against}"]
    if result.synthetic:
        head.append(w["synthetic"])
    if not result.complete:
        head.append(w["partial"])
    rows = [
        (
            r.name,
            "、".join(r.local) or "—",
            labels[r.status]
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
    w = _WORDS[lang]
    problems = result.report.problems
    return [
        (w["errors"], [str(p) for p in problems if p.severity is Severity.ERROR]),
        (w["warnings"], [str(p) for p in problems if p.severity is Severity.WARNING]),
        (w["review"], [str(p) for p in problems if p.severity is Severity.INFO]),
    ]


def _summary(result: Conformance, lang: str) -> str:
    labels = _STATUS[lang]
    return "，".join(f"{labels[s]} {result.count(s)}" for s in Status)


def render_text(result: Conformance, lang: str = "zh") -> str:
    """Render one result as plain text: header, matrix, not-recorded aspects, summary, lists."""
    w = _WORDS[lang]
    head, rows = _lines(result, lang)
    out = [*head, "", w["matrix"], f"{w['national']} → {w['local']}: {w['status']}"]
    out += [f"  {name} → {local}: {status}" for name, local, status in rows]
    recorded = _not_recorded(result)
    if recorded:
        out += ["", w["not_recorded"]]
        out += [f"  {aspect} ({n} {w['items']}): {reason}" for aspect, n, reason in recorded]
    out += ["", f"{w['summary']}: {_summary(result, lang)}"]
    for title, lines in _lists(result, lang):
        out += ["", f"{title}:"] + ([f"  {line}" for line in lines] or [f"  {w['none']}"])
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\n", " ")
        .replace("*", "\\*")
        .replace("_", "\\_")
    )


def render_markdown(result: Conformance, lang: str = "zh") -> str:
    """Render one result as Markdown: a matrix table and the lists."""
    w = _WORDS[lang]
    head, rows = _lines(result, lang)
    out = [f"# {_md(head[0])}", "", *(f"**{_md(h)}**\n" for h in head[1:])]
    out += [f"## {w['matrix']}", "", f"| {w['national']} | {w['local']} | {w['status']} |", "|---|---|---|"]
    out += [f"| {_md(a)} | {_md(b)} | {_md(c)} |" for a, b, c in rows]
    recorded = _not_recorded(result)
    if recorded:
        out += ["", f"## {w['not_recorded']}", ""]
        out += [f"- {_md(aspect)} ({n} {w['items']}): {_md(reason)}" for aspect, n, reason in recorded]
    out += ["", f"{w['summary']}: {_summary(result, lang)}"]
    for title, lines in _lists(result, lang):
        out += ["", f"## {title}", ""] + ([f"- {_md(line)}" for line in lines] or [f"- {w['none']}"])
    return "\n".join(out) + "\n"


def _table(results: list[Conformance], lang: str) -> str:
    w, labels = _WORDS[lang], _STATUS[lang]
    header = [w["region"], w["standard"], *(labels[s] for s in Status), w["outcome"]]
    lines = ["\t".join(header)]
    for r in results:
        region = r.region + (w["synthetic"] if r.synthetic else "")
        counts = [str(r.count(s)) for s in Status]
        lines.append("\t".join([region, r.standard, *counts, w["pass"] if r.ok else w["fail"]]))
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


def run(args: argparse.Namespace) -> int:
    """Run ``bpsstd region``; return the exit status."""
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
    if args.format == "json":
        data = [unstructure_conformance(r) for r in results]
        _emit(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
    elif len(results) > 1:
        _emit(_table(results, args.lang))
    else:
        render = render_markdown if args.format == "markdown" else render_text
        _emit(render(results[0], args.lang))
    return EXIT_OK if all(r.ok for r in results) else EXIT_PROBLEMS


def check_regional(name: str, fmt: str) -> int:
    """``bpsstd check`` on a regional folder: the problems of :func:`conform`; exit 1 on an error."""
    got = _conform(name, None)
    if isinstance(got, int):
        return got
    report = got.report
    if fmt == "json":
        _emit(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        lines = [str(p) for p in report.problems]
        errors = sum(p.severity is Severity.ERROR for p in report.problems)
        label = " (synthetic)" if got.synthetic else ""
        lines.append(f"{name}{label}: {errors} error(s), {len(report.problems) - errors} other problem(s)")
        _emit("\n".join(lines))
    return EXIT_OK if report.ok else EXIT_PROBLEMS
