"""The ``bpsstd`` command: parse arguments, call the library, render, print. Nothing else.

Exit status (the contract is kept by :mod:`bpsstd._console`): 0 success; 1 problems found (``check``) or a
``--fail-on`` kind of change occurred (``diff``); 2 usage errors, input that cannot be read, output that
cannot be written; 3 an internal error (a bug); 130 interrupted.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from typing import TYPE_CHECKING, TextIO

from bpsstd import __version__, _cli_parsers
from bpsstd._cli_parsers import DIFF_FORMATS
from bpsstd._console import DEBUG_ENV, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, NON_FINITE, Console, json_text

# Nothing else is imported here: every command imports what it uses when it runs (the parsers come
# from the argparse-only _cli_parsers), so that --help and --version pay for none of it.

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from bpsstd.changes import Change
    from bpsstd.model import Edition
    from bpsstd.problems import Problem

__all__ = ["main", "run"]

EPILOG = f"""\
exit status:
  0    success
  1    problems found (check), or a change matched --fail-on (diff)
  2    usage error, input that cannot be read, or output that cannot be written
  3    internal error: a bug in bpsstd (--debug or {DEBUG_ENV}=1 shows the traceback)
  130  interrupted (Ctrl-C)
The code never depends on the output: piping into a program that stops reading (| head) leaves it as the
checks gave it. JSON output writes non-finite numbers as the strings {", ".join(NON_FINITE.values())}.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bpsstd",
        description="National Basic Public Service Standards (国家基本公共服务标准) as checked data.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help=f"show the traceback of an internal error (or {DEBUG_ENV}=1)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("list", help="list the shipped editions with their totals")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("show", help="show an edition's catalogue, or one item")
    p.add_argument("edition", help="a shipped edition id (e.g. 2021) or an edition folder")
    p.add_argument("item", nargs="?", help="an item key, e.g. rural-student-nutrition")
    _cli_parsers.add_lang_option(p)

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
    p.add_argument("--format", choices=("text", "json", "markdown", "rst", *DIFF_FORMATS), default="text")
    _cli_parsers.add_lang_option(p, "language of human formats")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE (needed for docx and xlsx)")
    p.add_argument(
        "--fail-on",
        type=_fail_on,
        default=(),
        metavar="KINDS",
        help="exit 1 when a change of these comma-separated kinds occurs: change kinds "
        "(item-added, item-removed, field-changed, ...), directions (raised, lowered, added, "
        "removed, changed; of item fields), 'substantive' or 'any'",
    )

    _cli_parsers.add_export_parser(sub)
    _cli_parsers.add_find_parsers(sub)
    _cli_parsers.add_import_parser(sub)
    _cli_parsers.add_region_parser(sub)
    _cli_parsers.add_region_import_parser(sub)
    return parser


def fail_on_choices() -> tuple[str, ...]:
    """The kinds ``--fail-on`` accepts: change kinds, directions, ``substantive`` and ``any``.

    Built when ``--fail-on`` is given, not when the parser is, since it needs :mod:`bpsstd.changes`.
    """
    from bpsstd.changes import ChangeKind, Direction  # noqa: PLC0415  # imported on use: see the top

    return (*(k.value for k in ChangeKind), *(d.value for d in Direction), "substantive", "any")


def _fail_on(value: str) -> tuple[str, ...]:
    choices = fail_on_choices()
    kinds = tuple(v.strip() for v in value.split(",") if v.strip())
    unknown = [k for k in kinds if k not in choices]
    if unknown or not kinds:
        given = ", ".join(unknown) or "(none given)"
        msg = f"unknown kind(s) {given}; choose from: {', '.join(choices)}"
        raise argparse.ArgumentTypeError(msg)
    return kinds


def _matches(change: Change, kinds: tuple[str, ...]) -> bool:
    from bpsstd.changes import ChangeKind  # noqa: PLC0415  # imported on use: see the top

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
    return json_text(data)


def _problems_text(source: str, problems: Sequence[Problem]) -> str:
    from bpsstd.problems import Severity  # noqa: PLC0415  # imported on use: see the top

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
    from bpsstd.editions import load  # noqa: PLC0415  # imported on use: see the top
    from bpsstd.errors import EditionNotFoundError, LoadError  # noqa: PLC0415
    from bpsstd.problems import Report  # noqa: PLC0415
    from bpsstd.serde import unstructure  # noqa: PLC0415

    try:
        return load(name)
    except EditionNotFoundError as exc:
        _emit(f"bpsstd: {exc}", sys.stderr)
    except LoadError as exc:
        problems, status = exc.problems, EXIT_USAGE
        if report:
            # All problems at once: the checks run on what can be read; exit 2 only if nothing can.
            from pathlib import Path  # noqa: PLC0415

            from bpsstd._salvage import check_readable  # noqa: PLC0415

            readable = check_readable(Path(name))
            if readable is not None:
                problems, status = readable.problems, EXIT_PROBLEMS
        if fmt == "json":
            _emit(_json(unstructure(Report(problems=problems))))
        else:
            _emit(_problems_text(name, problems), None if report else sys.stderr)
        return status
    return EXIT_USAGE


def _list_row(edition_id: str) -> dict[str, object]:
    """One row of ``bpsstd list``, from the edition's own facts (:func:`bpsstd.editions.header`).

    A shipped edition's declared totals are its counts (``bpsstd check`` holds them to it, and the
    tests check every shipped edition), so the edition is not structured; it is loaded only when its
    facts do not read as a valid edition's would.
    """
    from bpsstd.editions import header, load  # noqa: PLC0415  # imported on use: see the top

    data = header(edition_id) or {}
    title, published, declared = data.get("title"), data.get("published"), data.get("declared")
    counts = (
        [declared.get(k) for k in ("aspects", "categories", "items")] if isinstance(declared, dict) else []
    )
    if (
        data.get("id") == edition_id
        and isinstance(title, dict)
        and isinstance(title.get("zh"), str)
        and (published is None or isinstance(published, str))
        and counts
        and all(isinstance(n, int) and not isinstance(n, bool) for n in counts)
    ):
        aspects, categories, items = counts
        zh = title["zh"]
    else:  # not what a valid edition file holds: load the edition, which says what is wrong
        edition = load(edition_id)
        zh = edition.title.zh
        published = edition.published.isoformat() if edition.published else None
        aspects, categories, items = len(edition.aspects), len(edition.categories), len(edition.service_items)
    return {
        "id": edition_id,
        "title": zh,
        "published": published,
        "aspects": aspects,
        "categories": categories,
        "items": items,
    }


def _list(args: argparse.Namespace) -> int:
    from bpsstd.editions import editions  # noqa: PLC0415  # imported on use: see the top

    rows = [_list_row(edition_id) for edition_id in editions()]
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
    from bpsstd._cli_find import resolve_item  # noqa: PLC0415  # imported on use: see the top
    from bpsstd.render import edition_text, item_text  # noqa: PLC0415

    edition = _load(args.edition)
    if isinstance(edition, int):
        return edition
    if args.item is None:
        _emit(edition_text(edition, args.lang))
        return EXIT_OK
    try:
        _emit(item_text(edition, resolve_item(edition, args.item) or args.item, args.lang))
    except KeyError:
        close = [i.key for i in edition.service_items if args.item in i.key or i.key in args.item][:5]
        hint = f"; did you mean: {', '.join(close)}" if close else ""
        _emit(f"bpsstd: edition {edition.id} has no item {args.item!r}{hint}", sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from bpsstd._regional_names import is_regional  # noqa: PLC0415  # imported on use: see the top

    if is_regional(args.edition):  # a regional folder has standard.yaml, not edition.yaml
        from bpsstd._cli_region import check_regional  # noqa: PLC0415

        return check_regional(args.edition, args.format)
    from bpsstd.checks import check, fidelity  # noqa: PLC0415  # imported on use: see the top
    from bpsstd.serde import unstructure  # noqa: PLC0415

    edition = _load(args.edition, args.format, report=True)
    if isinstance(edition, int):
        return edition
    report = check(edition)
    counts = fidelity(edition)
    if args.format == "json":
        _emit(_json({**unstructure(report), "fidelity": unstructure(counts)}))
    elif report.problems:
        _emit(_problems_text(args.edition, report.problems) + f"{args.edition}: {counts}")
    else:
        _emit(
            f"{args.edition}: ok ({len(edition.service_items)} items, no problems)\n{args.edition}: {counts}"
        )
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _pair(old_name: str, new_name: str) -> tuple[Edition, Edition] | int:
    """The two editions to compare, or the exit status; regional standards are laid out as editions."""
    from bpsstd._regional_names import is_regional  # noqa: PLC0415  # imported on use: see the top

    if is_regional(old_name) or is_regional(new_name):
        from bpsstd._cli_region import diff_pair  # noqa: PLC0415

        pair = diff_pair(old_name, new_name)
        if pair is not None:
            return pair
    old = _load(old_name)
    if isinstance(old, int):
        return old
    new = _load(new_name)
    if isinstance(new, int):
        return new
    return old, new


def _diff(args: argparse.Namespace) -> int:
    if args.format in DIFF_FORMATS:  # a file format: refused before any work if it cannot be written
        from bpsstd._cli_office import check_output  # noqa: PLC0415  # imported on use: see the top

        refused = check_output(args)
        if refused is not None:
            return refused
    from bpsstd.diff import diff  # noqa: PLC0415  # imported on use: see the top
    from bpsstd.render import diff_markdown, diff_rst, diff_text  # noqa: PLC0415
    from bpsstd.serde import unstructure  # noqa: PLC0415

    pair = _pair(args.old, args.new)
    if isinstance(pair, int):
        return pair
    old, new = pair
    result = diff(old, new)
    if args.format in DIFF_FORMATS:
        from bpsstd._cli_office import write_diff  # noqa: PLC0415

        written = write_diff(args, result, old, new)
        if written:
            return written
    elif args.format == "json":
        _emit(_json(unstructure(result)))
    else:
        render = {"text": diff_text, "markdown": diff_markdown, "rst": diff_rst}[args.format]
        _emit(render(result, args.lang))
    failing = [c for c in result.changes if _matches(c, args.fail_on)]
    if failing:
        from bpsstd._cli_find import fail_on_report  # noqa: PLC0415  # imported on use: see the top

        _emit(fail_on_report(failing, args.fail_on), sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from bpsstd import _cli_office  # noqa: PLC0415  # imported on use: see the top

    edition = _load(args.edition)
    if isinstance(edition, int):
        return edition
    return _cli_office.export(args, edition)


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": _list,
    "show": _show,
    "check": _check,
    "diff": _diff,
    "export": _export,
}
#: Commands whose code lives in a module of its own, imported when the command runs: (module, function).
_ELSEWHERE = {
    "find": ("bpsstd._cli_find", "find"),
    "history": ("bpsstd._cli_find", "history"),
    "import": ("bpsstd._cli_import", "run"),
    "region": ("bpsstd._cli_region", "run"),
    "region-import": ("bpsstd._cli_region", "run_import"),
}


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    if name in _COMMANDS:
        return _COMMANDS[name]
    module, function = _ELSEWHERE[name]
    run: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), function)
    return run


def _run(argv: Sequence[str] | None, console: Console) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    console.debug = console.debug or args.debug
    return _command(args.command)(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status.

    Output goes through safe streams and the exit status follows the contract of :mod:`bpsstd._console`:
    never a traceback (unless ``--debug``), never an outcome changed by what happened to the output.
    """
    with Console() as console:
        return console.run(lambda: _run(argv, console))


def run() -> None:
    """The ``bpsstd`` program: :func:`main` on the process's arguments, then exit with its status."""
    code = main()
    # The process ends here: the collector need not walk, at exit, everything the command made
    # (an edition, a diff: tens of thousands of objects, a sixth of a short command's time).
    gc.freeze()
    raise SystemExit(code)
