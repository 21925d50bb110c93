"""Which names are regional standards: the shipped ids and the folders holding a ``standard.yaml``.

Kept apart from :mod:`bpsstd.regional` (its records, converter and loader) so that ``bpsstd check``
and ``bpsstd diff`` on national editions can tell a regional name from a national one without
importing any of that.
"""

from __future__ import annotations

from pathlib import Path

from bpsstd.editions import shipped_folder

__all__ = ["STANDARD_FILE", "is_regional", "is_regional_folder", "regional_root", "regional_standards"]

STANDARD_FILE = "standard.yaml"


def is_regional_folder(folder: str | Path) -> bool:
    """Whether *folder* holds a regional standard (it has a ``standard.yaml``)."""
    try:
        return (Path(folder) / STANDARD_FILE).is_file()
    except OSError:  # a name too long, a folder that cannot be entered: the edition loader says which
        return False


def regional_root() -> Path:
    """Return the folder holding the shipped regional standards (``bpsstd/_regional`` in a wheel)."""
    return shipped_folder("_regional", "regional")


def regional_standards() -> tuple[str, ...]:
    """Return the ids of the shipped regional standards, sorted."""
    root = regional_root()
    if not root.is_dir():  # pragma: no cover  # a broken install
        return ()
    return tuple(sorted(p.name for p in root.iterdir() if is_regional_folder(p)))


def is_regional(name: str) -> bool:
    """Whether *name* is a shipped regional id or a regional folder."""
    return name in regional_standards() or is_regional_folder(name)
