"""The editions that ship with the package, and loading an edition by id or by folder.

A shipped edition is compiled once: its structured data is kept as JSON in the user's cache folder,
under a key that hashes the bytes of every file of the edition and of the package's own modules. A
later load reads the JSON back through the converter, which costs a fraction of reading the YAML, and
can never be stale: any edit of a file, or of the code that reads it, changes the key. The YAML stays
the source of truth; when the cache cannot be read or written, loading falls back to it silently.
Locations (file and line of each value) are not cached: a cached edition reads them from its folder
the first time a problem needs one, and only if the folder still holds what was compiled.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bpsstd.errors import EditionNotFoundError, LoadError

if TYPE_CHECKING:
    from bpsstd.model import Edition, Lines

__all__ = ["cache_folder", "editions", "editions_root", "header", "load", "shipped_folder"]

#: The edition folder's own file, whose presence makes a folder an edition (as serde names it).
_EDITION_FILE = "edition.yaml"
#: Bumped when the layout of a cache file changes.
_CACHE_FORMAT = 1


def editions_root() -> Path:
    """Return the folder holding the shipped editions.

    A built wheel carries them inside the package (``bpsstd/_editions``); a source checkout keeps them
    at the top of the repository (``editions/``), as the design card fixes.
    """
    return shipped_folder("_editions", "editions")


def shipped_folder(packaged: str, checkout: str) -> Path:
    """Return the folder of shipped data: *packaged* inside a built wheel's package, else *checkout*.

    A wheel carries the data inside the package; a source checkout keeps it at the top of the repository.
    """
    # The package's own folder, as importlib.resources would give for an installed package; read from
    # __file__ because importlib.resources costs more to import than `bpsstd list` takes otherwise.
    package = Path(__file__).resolve().parent
    inside = package / packaged
    return inside if inside.is_dir() else package.parent / checkout


def editions() -> tuple[str, ...]:
    """Return the ids of the shipped editions, oldest first."""
    root = editions_root()
    if not root.is_dir():  # pragma: no cover  # a broken install
        return ()
    return tuple(sorted(p.name for p in root.iterdir() if (p / _EDITION_FILE).is_file()))


def header(edition_id: str) -> dict[str, Any] | None:
    """Return a shipped edition's own facts (id, title, dates, declared totals) as plain data, or None.

    What ``bpsstd list`` shows, without structuring the edition or importing the converter: read from
    the compiled cache when it holds the edition (JSON, as the converter writes it), otherwise from the
    edition's own file (``edition.yaml``) alone through the safe YAML reader, with its dates written as
    ISO text as the converter would. Only the edition's facts are certain to be there, not its aspects.
    None when *edition_id* is not shipped or its file cannot be read as a mapping; the caller then loads
    the edition, which says what is wrong.
    """
    if edition_id not in editions():
        return None
    folder = editions_root() / edition_id
    cache = cache_folder()
    if cache is not None:
        try:
            fingerprint = _fingerprint(folder)
        except OSError:  # pragma: no cover  # an unreadable install: the YAML reader says what is wrong
            pass
        else:
            stored = _stored(_cache_file(cache, edition_id, fingerprint), fingerprint)
            if isinstance(stored, dict):
                return stored
    # Imported only here: a cached edition's facts cost no YAML (PyYAML's import compiles regexes).
    import datetime as dt  # noqa: PLC0415

    from bpsstd._yaml import YamlProblem, read_yaml  # noqa: PLC0415

    try:
        data, _ = read_yaml(folder / _EDITION_FILE)
    except (YamlProblem, OSError):
        return None
    if not isinstance(data, dict):
        return None
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}


def cache_folder() -> Path | None:
    """Return the folder for compiled editions, or None when caching is switched off.

    ``BPSSTD_CACHE_DIR`` chooses it (empty: no cache); otherwise the platform's user cache folder
    (``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux, ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%``
    on Windows), with a ``bpsstd`` folder inside.
    """
    chosen = os.environ.get("BPSSTD_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    if sys.platform == "win32":  # pragma: no cover  # exercised on Windows only
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "bpsstd" / "Cache"
    if sys.platform == "darwin":  # pragma: no cover  # exercised on macOS only
        return Path.home() / "Library" / "Caches" / "bpsstd"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bpsstd"


def _hash_files(files: list[Path]) -> str:
    import hashlib  # noqa: PLC0415  # the cache's modules are imported on use, so `bpsstd list` skips them

    digest = hashlib.sha256(f"bpsstd-cache-{_CACHE_FORMAT}\0".encode())
    for file in files:
        if file.is_file():
            digest.update(f"{file.name}\0".encode())
            digest.update(file.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


@functools.cache
def _code_fingerprint() -> str:
    """A hash of the package's modules: the code that reads an edition (hashed once a process)."""
    package = Path(__file__).resolve().parent
    return _hash_files(sorted(package.glob("*.py")))


def _fingerprint(folder: Path) -> str:
    """A hash of every file of the edition folder, by name and bytes, and of the package's code."""
    return _hash_files(sorted(folder.iterdir())) + _code_fingerprint()[:16]


class _FolderLines:
    """The locations of a cached edition, read from its folder when a problem first needs one.

    The folder is read only if its fingerprint is still the one compiled; otherwise nothing is
    located, since lines read from edited files would point at the wrong values.
    """

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self._folder = folder
        self._fingerprint = fingerprint
        self._lines: Lines | None = None

    def _read(self) -> Lines:
        lines: Lines = {}
        try:
            if _fingerprint(self._folder) == self._fingerprint:
                origin = _read_folder(self._folder).origin
                if origin is not None:
                    lines = origin.locations
        except (LoadError, OSError):
            pass
        return lines

    def get(self, path: str, /) -> tuple[str, int] | None:
        """Return ``(file, line)`` for *path*, reading the folder the first time."""
        if self._lines is None:
            self._lines = self._read()
        return self._lines.get(path)


def _cache_file(cache: Path, edition_id: str, fingerprint: str) -> Path:
    return cache / f"edition-{edition_id}-{fingerprint[:16]}.json"


def _stored(file: Path, fingerprint: str) -> object:
    """The plain data of the edition compiled into *file* under *fingerprint*, or None."""
    try:
        stored = json.loads(file.read_text(encoding="utf-8"))
        if stored.get("format") != _CACHE_FORMAT or stored.get("fingerprint") != fingerprint:
            return None
        return stored["edition"]
    except Exception:  # noqa: BLE001  # a cache that cannot be read is no cache: read the YAML
        return None


def _from_cache(file: Path, fingerprint: str) -> Edition | None:
    from bpsstd.serde import structure  # noqa: PLC0415  # imported on use: see the package's __init__

    data = _stored(file, fingerprint)
    if data is None:
        return None
    try:
        return structure(data)
    except Exception:  # noqa: BLE001  # a cache that cannot be read is no cache: read the YAML
        return None


def _to_cache(folder: Path, edition_id: str, file: Path, fingerprint: str, edition: Edition) -> None:
    import contextlib  # noqa: PLC0415  # imported on use, as hashlib is
    import tempfile  # noqa: PLC0415

    from bpsstd.serde import unstructure  # noqa: PLC0415  # imported on use: see the package's __init__

    data: dict[str, Any] = {
        "format": _CACHE_FORMAT,
        "fingerprint": fingerprint,
        "edition": unstructure(edition),
    }
    with contextlib.suppress(OSError, ValueError, TypeError):  # unwritable: the next load reads the YAML
        folder.mkdir(parents=True, exist_ok=True)
        # Written whole under a temporary name, then renamed: a reader never sees half a file.
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=folder, prefix=f".{edition_id}-", suffix=".tmp", delete=False
        ) as out:
            json.dump(data, out, ensure_ascii=False)
        try:
            Path(out.name).replace(file)
        finally:
            Path(out.name).unlink(missing_ok=True)
        for old in folder.glob(f"edition-{edition_id}-*.json"):
            if old != file:
                old.unlink(missing_ok=True)


def _read_folder(folder: Path) -> Edition:
    # Imported on use: the YAML reader is not needed when a shipped edition comes from its cache.
    from bpsstd.folder import load_folder  # noqa: PLC0415

    return load_folder(folder)


@functools.cache
def _load_shipped(edition_id: str) -> Edition:
    import attrs  # noqa: PLC0415  # imported on use: see the package's __init__

    from bpsstd.model import Origin  # noqa: PLC0415

    folder = editions_root() / edition_id
    cache = cache_folder()
    try:
        fingerprint = _fingerprint(folder)
    except OSError:  # pragma: no cover  # an unreadable install: let the loader say what is wrong
        return _read_folder(folder)
    if cache is not None:
        file = _cache_file(cache, edition_id, fingerprint)
        edition = _from_cache(file, fingerprint)
        if edition is not None:
            lines = _FolderLines(folder, fingerprint)
            return attrs.evolve(edition, origin=Origin(folder=str(folder), locations=lines))
    edition = _read_folder(folder)
    if cache is not None:
        _to_cache(cache, edition_id, file, fingerprint, edition)
    return edition


def load(edition: str | os.PathLike[str]) -> Edition:
    """Load an edition: a shipped one by id (``"2021"``), or any edition folder by path.

    Shipped editions are compiled once (see the module's docstring) and kept for the process, so
    loading one twice is free; folders are read afresh each time, since they may be being edited.

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
    try:
        found = path.is_dir()
    except OSError:  # a name too long, a folder on the way that cannot be entered: load_folder says which
        found = True
    if found:
        return _read_folder(path)
    raise EditionNotFoundError(text, editions())
