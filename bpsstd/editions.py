"""The editions that ship with the package, and loading an edition by id or by folder."""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from bpsstd.errors import EditionNotFoundError
from bpsstd.serde import EDITION_FILE, load_folder

if TYPE_CHECKING:
    from bpsstd.model import Edition

__all__ = ["editions", "editions_root", "load"]


def editions_root() -> Path:
    """Return the folder holding the shipped editions.

    A built wheel carries them inside the package (``bpsstd/_editions``); a source checkout keeps them
    at the top of the repository (``editions/``), as the design card fixes.
    """
    packaged = Path(str(resources.files("bpsstd"))) / "_editions"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "editions"


def editions() -> tuple[str, ...]:
    """Return the ids of the shipped editions, oldest first."""
    root = editions_root()
    if not root.is_dir():  # pragma: no cover  # a broken install
        return ()
    return tuple(sorted(p.name for p in root.iterdir() if (p / EDITION_FILE).is_file()))


@functools.cache
def _load_shipped(edition_id: str) -> Edition:
    return load_folder(editions_root() / edition_id)


def load(edition: str | os.PathLike[str]) -> Edition:
    """Load an edition: a shipped one by id (``"2021"``), or any edition folder by path.

    Shipped editions are cached, so loading one twice is free; folders are read afresh each time,
    since they may be being edited.

    Raises:
        EditionNotFoundError: *edition* is neither a shipped id nor an existing folder.
        LoadError: the folder exists but does not hold valid edition data.
    """
    text = os.fspath(edition)
    if not text.strip():  # Path("") is the current folder, which is never what an empty name means
        raise EditionNotFoundError(text, editions())
    if isinstance(edition, str) and text in editions():
        return _load_shipped(text)
    path = Path(text)
    if path.is_dir():
        return load_folder(path)
    raise EditionNotFoundError(text, editions())
