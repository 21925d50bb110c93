"""``bpsstd import FILE --base EDITION --output FOLDER``: the command (options: :mod:`bpsstd._cli_parsers`).

Exit status: 0 the folder is written and passes ``bpsstd check``; 1 it is written but fails the check (the
report says so and lists the problems); 2 nothing is written (usage, unreadable or malformed document,
unknown base, existing output folder without ``--force``).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from bpsstd.editions import load
from bpsstd.errors import EditionNotFoundError, LoadError
from bpsstd.import_report import report_json, report_text
from bpsstd.importing import import_document
from bpsstd.reading import DocumentError, read_document
from bpsstd.serde import dump_folder

if TYPE_CHECKING:
    import argparse

    from bpsstd.model import Edition

__all__ = ["run"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _error(message: str) -> int:
    sys.stderr.write(f"bpsstd import: {message}\n")
    return EXIT_USAGE


def _replaceable(folder: Path) -> bool:
    """Whether --force may replace *folder*: an empty folder or one holding only YAML files."""
    return folder.is_dir() and all(p.is_file() and p.suffix == ".yaml" for p in folder.iterdir())


def _refuse(output: Path, *, force: bool) -> str | None:
    """Why *output* may not be written, or None."""
    if output.exists() and not force:
        return f"{output} already exists; use --force to replace it"
    if output.exists() and not _replaceable(output):
        return f"{output} is not an edition folder (it holds other files); not replacing it"
    return None


def _write(edition: Edition, output: Path) -> None:
    """Write next to the target and move into place, so a failure never leaves half a folder."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".bpsstd-import-", dir=output.parent))
    try:
        dump_folder(edition, staging)
        if output.exists():
            shutil.rmtree(output)
        staging.rename(output)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def run(args: argparse.Namespace) -> int:
    """Run ``bpsstd import``; return the exit status."""
    output = Path(args.output)
    if (refusal := _refuse(output, force=args.force)) is not None:
        return _error(refusal)
    try:
        base = load(args.base)
    except (EditionNotFoundError, LoadError) as exc:
        return _error(str(exc))
    try:
        document = read_document(args.file)
    except DocumentError as exc:
        return _error(str(exc))
    result = import_document(document, base, edition_id=args.edition_id)
    report = result.report
    if report.items_found == 0 or report.items_matched == 0:
        return _error(
            f"cannot read {document.name}: no service items found, neither in the labelled layout "
            "(（1）name / 服务对象：…) nor in a table with a 服务项目 column"
            if report.items_found == 0
            else f"no item of {document.name} matches an item of edition {base.id} by name"
        )
    _write(result.edition, output)
    if args.format == "json":
        data = {**report_json(report), "output": str(output)}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(report_text(report) + f"写入 written: {output}\n")
    return EXIT_OK if report.ok else EXIT_PROBLEMS
