"""The ``bpsstd`` command: parse arguments, call the library, render, print. Nothing else.

Exit status: 0 success; 1 problems found (``check``) or a ``--fail-on`` kind of change occurred
(``diff``); 2 usage errors and input that cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, TextIO

from bpsstd import __version__
from bpsstd.checks import check
from bpsstd.diff import Change, ChangeKind, Direction, diff
from bpsstd.editions import editions, load
from bpsstd.errors import EditionNotFoundError, LoadError
from bpsstd.problems import Problem, Report, Severity
from bpsstd.render import diff_json, diff_markdown, diff_rst, diff_text, edition_text, item_text
from bpsstd.serde import unstructure

if TYPE_CHECKING:
    from collections.abc import Sequence

    from bpsstd.model import Edition

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bpsstd",
        description="National Basic Public Service Standards (国家基本公共服务标准) as checked data.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("list", help="list the shipped editions with their totals")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("show", help="show an edition's catalogue, or one item")
    p.add_argument("edition", help="a shipped edition id (e.g. 2021) or an edition folder")
    p.add_argument("item", nargs="?", help="an item key, e.g. rural-student-nutrition")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")

    p = sub.add_parser("check", help="check an edition's invariants; exit 1 when any is broken")
    p.add_argument("edition", help="a shipped edition id (e.g. 2021) or an edition folder")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser(
        "diff",
        help="what changed between two editions",
        description="Compare two editions (shipped ids or folders) and report every change.",
    )
    p.add_argument("old", help="the older edition: a shipped id (e.g. 2021) or a folder")
    p.add_argument("new", help="the newer edition: a shipped id (e.g. 2023) or a folder")
    p.add_argument("--format", choices=("text", "json", "markdown", "rst"), default="text")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of human formats")
    p.add_argument(
        "--fail-on",
        type=_fail_on,
        default=(),
        metavar="KINDS",
        help="exit 1 when a change of these comma-separated kinds occurs: change kinds "
        "(item-added, item-removed, field-changed, ...), directions (raised, lowered, added, "
        "removed, changed; of item fields), 'substantive' or 'any'",
    )

    p = sub.add_parser("export", help="print an edition as JSON")
    p.add_argument("edition", help="a shipped edition id (e.g. 2021) or an edition folder")
    return parser


FAIL_ON_CHOICES = (
    *(k.value for k in ChangeKind),
    *(d.value for d in Direction),
    "substantive",
    "any",
)


def _fail_on(value: str) -> tuple[str, ...]:
    kinds = tuple(v.strip() for v in value.split(",") if v.strip())
    unknown = [k for k in kinds if k not in FAIL_ON_CHOICES]
    if unknown or not kinds:
        given = ", ".join(unknown) or "(none given)"
        msg = f"unknown kind(s) {given}; choose from: {', '.join(FAIL_ON_CHOICES)}"
        raise argparse.ArgumentTypeError(msg)
    return kinds


def _matches(change: Change, kinds: tuple[str, ...]) -> bool:
    return (
        "any" in kinds
        or change.kind.value in kinds
        # Directions gate the items' own fields: a lowered count of issuing departments is not a
        # lowered service standard.
        or (
            change.kind is ChangeKind.FIELD_CHANGED
            and change.direction is not None
            and change.direction.value in kinds
        )
        or ("substantive" in kinds and change.substantive)
    )


def _emit(text: str, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(text if text.endswith("\n") else text + "\n")


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _problems_text(source: str, problems: Sequence[Problem]) -> str:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    lines = [str(p) for p in problems]
    lines.append(f"{source}: {errors} error(s), {warnings} warning(s)")
    return "\n".join(lines) + "\n"


def _load(name: str, fmt: str = "text", *, report: bool = False) -> Edition | int:
    """Load an edition or say why not; an int is the exit status to return.

    With *report* (``check``), the loader's problems are the command's report and go to stdout like
    any other problem; elsewhere they go to stderr, keeping stdout for the command's own output.
    """
    try:
        return load(name)
    except EditionNotFoundError as exc:
        _emit(f"bpsstd: {exc}", sys.stderr)
    except LoadError as exc:
        if fmt == "json":
            _emit(_json(unstructure(Report(problems=exc.problems))))
        else:
            _emit(_problems_text(name, exc.problems), None if report else sys.stderr)
    return EXIT_USAGE


def _list(args: argparse.Namespace) -> int:
    rows = []
    for edition_id in editions():
        edition = load(edition_id)
        rows.append(
            {
                "id": edition.id,
                "title": edition.title.zh,
                "published": edition.published.isoformat() if edition.published else None,
                "aspects": len(edition.aspects),
                "categories": len(edition.categories),
                "items": len(edition.items),
            }
        )
    if args.format == "json":
        _emit(_json(rows))
    else:
        for r in rows:
            _emit(
                f"{r['id']}  {r['title']}  {r['published'] or '-'}  "
                f"{r['aspects']} aspects / {r['categories']} categories / {r['items']} items"
            )
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    edition = _load(args.edition)
    if isinstance(edition, int):
        return edition
    if args.item is None:
        _emit(edition_text(edition, args.lang))
        return EXIT_OK
    try:
        _emit(item_text(edition, args.item, args.lang))
    except KeyError:
        close = [i.key for i in edition.items if args.item in i.key or i.key in args.item][:5]
        hint = f"; did you mean: {', '.join(close)}" if close else ""
        _emit(f"bpsstd: edition {edition.id} has no item {args.item!r}{hint}", sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    edition = _load(args.edition, args.format, report=True)
    if isinstance(edition, int):
        return edition
    report = check(edition)
    if args.format == "json":
        _emit(_json(unstructure(report)))
    elif report.problems:
        _emit(_problems_text(args.edition, report.problems))
    else:
        _emit(f"{args.edition}: ok ({len(edition.items)} items, no problems)")
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _diff(args: argparse.Namespace) -> int:
    old = _load(args.old)
    if isinstance(old, int):
        return old
    new = _load(args.new)
    if isinstance(new, int):
        return new
    result = diff(old, new)
    if args.format == "json":
        _emit(diff_json(result))
    else:
        render = {"text": diff_text, "markdown": diff_markdown, "rst": diff_rst}[args.format]
        _emit(render(result, args.lang))
    failing = [c for c in result.changes if _matches(c, args.fail_on)]
    if failing:
        _emit(
            f"bpsstd: {len(failing)} change(s) match --fail-on {','.join(args.fail_on)}",
            sys.stderr,
        )
        return EXIT_PROBLEMS
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    edition = _load(args.edition)
    if isinstance(edition, int):
        return edition
    _emit(_json(unstructure(edition)))
    return EXIT_OK


_COMMANDS = {"list": _list, "show": _show, "check": _check, "diff": _diff, "export": _export}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return _COMMANDS[args.command](args)
    except BrokenPipeError:  # `bpsstd show 2021 | head` closes the pipe early; that is not an error
        return EXIT_OK
