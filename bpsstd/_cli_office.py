"""The CLI's file outputs: ``bpsstd diff --format docx|xlsx|html --output FILE`` and ``bpsstd export``.

Kept out of :mod:`bpsstd.cli`, which dispatches here (the options are in :mod:`bpsstd._cli_parsers`),
so the two can change apart.
Binary formats are written only to a file named with ``--output``, never to a terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bpsstd._cli_parsers import DIFF_FORMATS, EXPORT_FORMATS
from bpsstd._console import json_text
from bpsstd.render._office import OfficeMissingError, require_office, table_docx, table_xlsx
from bpsstd.serde import unstructure

if TYPE_CHECKING:
    import argparse

    from bpsstd.changes import EditionDiff
    from bpsstd.model import Edition

__all__ = [
    "BINARY",
    "DIFF_FORMATS",
    "EXPORT_FORMATS",
    "check_output",
    "export",
    "write_diff",
]

EXIT_OK, EXIT_USAGE = 0, 2
BINARY = ("docx", "xlsx")
_NEEDS = {"docx": "docx", "xlsx": "openpyxl"}


def _error(message: str) -> int:
    sys.stderr.write(f"bpsstd: {message}\n")
    return EXIT_USAGE


def check_output(args: argparse.Namespace) -> int | None:
    """Refuse a binary format without ``--output`` (exit 2), or a missing office extra; None when fine."""
    fmt = args.format
    if fmt in BINARY and args.output is None:
        return _error(f"--format {fmt} writes a file, not text for a terminal: add --output FILE")
    if fmt in _NEEDS:
        try:
            require_office(_NEEDS[fmt])
        except OfficeMissingError as exc:
            return _error(str(exc))
    return None


def _write(path: str | None, data: bytes | str) -> int:
    if path is None:
        if isinstance(data, str):
            sys.stdout.write(data)
        else:  # CSV: the same bytes as the file, BOM included, so `> file.csv` equals --output
            _write_bytes(data)
        return EXIT_OK
    try:
        if isinstance(data, str):
            Path(path).write_text(data, encoding="utf-8")
        else:
            Path(path).write_bytes(data)
    except OSError as exc:
        return _error(f"cannot write {path}: {exc.strerror or exc}")
    return EXIT_OK


def _write_bytes(data: bytes) -> None:
    # The console puts a text stream that never raises in front of stdout (its ``target``); bytes go to
    # the binary buffer behind it, or, where there is none, as text (the BOM as U+FEFF).
    stream = sys.stdout
    target = getattr(stream, "target", stream)
    buffer = getattr(target, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8"))
        return
    stream.flush()
    try:
        buffer.write(data)
        buffer.flush()
    except OSError as exc:  # a closed pipe: say so as the console does for text
        sys.stderr.write(f"bpsstd: cannot write the output: {exc.strerror or exc}\n")


def write_diff(args: argparse.Namespace, result: EditionDiff, old: Edition, new: Edition) -> int:
    """Write the comparison table of *result* in ``args.format`` to ``args.output`` (or stdout for HTML)."""
    from bpsstd.render._table_adapter import comparison_table  # noqa: PLC0415  # office libraries load lazily

    table = comparison_table(result, old, new, args.lang)
    if args.format == "docx":
        return _write(args.output, table_docx(table))
    if args.format == "xlsx":
        return _write(args.output, table_xlsx(table))
    from bpsstd.render._table_markup import table_html  # noqa: PLC0415

    return _write(args.output, table_html(table, page=True))


def export(args: argparse.Namespace, edition: Edition) -> int:
    """Write *edition* in ``args.format``."""
    refused = check_output(args)
    if refused is not None:
        return refused
    from bpsstd.render import _catalogue_export as cat  # noqa: PLC0415  # office libraries load lazily

    if args.format == "json":
        return _write(args.output, json_text(unstructure(edition)))
    write = {"csv": cat.catalogue_csv, "xlsx": cat.catalogue_xlsx, "docx": cat.catalogue_docx}[args.format]
    return _write(args.output, write(edition, args.lang))
