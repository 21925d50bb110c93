"""``bpsstd-check-changed FILE...``: run ``bpsstd check`` on every edition folder the given files belong to.

The entry point of the pre-commit hook and of the GitHub Action (``.pre-commit-hooks.yaml``, ``action.yml``):
both pass the files a change touches; a file belongs to the nearest folder above it holding ``edition.yaml``.
Files outside any edition folder are ignored. The exit code is the worst of the checks' codes, under the
contract of :mod:`bpsstd._console` (130 > 3 > 2 > 1 > 0).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bpsstd.cli import main as bpsstd
from bpsstd.serde import EDITION_FILE

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["edition_folders", "main"]


def edition_folders(paths: Iterable[str]) -> tuple[Path, ...]:
    """Return the edition folders that hold *paths* (files or folders, existing or deleted), in order."""
    found: dict[Path, None] = {}
    for name in paths:
        if not name:  # an empty list of changed files can arrive as one empty name
            continue
        path = Path(name)
        for folder in (path, *path.parents):
            if (folder / EDITION_FILE).is_file():
                found.setdefault(folder, None)
                break
    return tuple(found)


def main(argv: Sequence[str] | None = None) -> int:
    """Check the edition folders of *argv* (default: ``sys.argv[1:]``); return the worst exit code."""
    folders = edition_folders(sys.argv[1:] if argv is None else argv)
    return max((bpsstd(["check", str(folder)]) for folder in folders), default=0)
