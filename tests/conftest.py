"""Shared fixtures and Hypothesis profiles.

Profiles: ``default`` for development, ``ci`` with fewer examples; choose one with the
``HYPOTHESIS_PROFILE`` environment variable, or let ``CI=true`` choose ``ci``.

``tests/fixtures/minimal`` is a small valid edition written by :func:`bpsstd.dump_folder` from the edition
that ``test_serde.minimal_edition()`` builds in code (a test keeps the two identical). Invalid editions are
derived from it at test time, in a temporary copy, by editing the text of one file.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from collections.abc import Callable

# Whole editions are costly to generate (a few dozen ms each), so even the default profile is modest.
settings.register_profile("default", max_examples=50, deadline=dt.timedelta(seconds=2))
settings.register_profile("ci", max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "default")
)

# Compiled editions go to a fresh folder for each run, never to the user's cache (bpsstd.editions).
os.environ["BPSSTD_CACHE_DIR"] = tempfile.mkdtemp(prefix="bpsstd-test-cache-")
atexit.register(shutil.rmtree, os.environ["BPSSTD_CACHE_DIR"], ignore_errors=True)

TESTS = Path(__file__).resolve().parent
MINIMAL = TESTS / "fixtures" / "minimal"
EDITIONS = TESTS.parent / "editions"


class EditionFolder:
    """A copy of an edition folder in a temporary directory, with helpers to edit its text."""

    def __init__(self, path: Path) -> None:
        """Wrap the folder at *path*."""
        self.path = path

    def __str__(self) -> str:
        """Return the folder's path as a string, as a user would type it."""
        return str(self.path)

    def file(self, name: str) -> str:
        """Return the path of the file *name* as the loader reports it."""
        return str(self.path / name)

    def text(self, name: str) -> str:
        """Return the text of the file *name*."""
        return (self.path / name).read_text(encoding="utf-8")

    def edit(self, name: str, old: str, new: str, *, after: str = "") -> None:
        """Replace the first *old* that follows the first *after* in file *name* by *new*."""
        text = self.text(name)
        start = text.index(after) if after else 0
        at = text.index(old, start)
        (self.path / name).write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")

    def line_of(self, name: str, needle: str, *, after: str = "") -> int:
        """Return the 1-based line of the first *needle* that follows the first *after* in file *name*."""
        text = self.text(name)
        start = text.index(after) if after else 0
        return text.count("\n", 0, text.index(needle, start)) + 1

    def snapshot(self) -> dict[str, bytes]:
        """Return the bytes of every file in the folder, by relative path."""
        return {
            str(p.relative_to(self.path)): p.read_bytes() for p in sorted(self.path.rglob("*")) if p.is_file()
        }


@pytest.fixture
def minimal_dir() -> Path:
    """The committed minimal edition folder (read it, never write to it)."""
    return MINIMAL


@pytest.fixture
def copy_edition(tmp_path: Path) -> Callable[[str | Path], EditionFolder]:
    """A factory copying an edition folder (``minimal``, ``2021``, ``2023`` or a path) into tmp_path."""

    def copy(source: str | Path) -> EditionFolder:
        origin = (
            Path(source)
            if isinstance(source, Path)
            else (MINIMAL if source == "minimal" else EDITIONS / source)
        )
        target = tmp_path / (origin.name if origin != MINIMAL else "minimal")
        shutil.copytree(origin, target)
        return EditionFolder(target)

    return copy


@pytest.fixture
def minimal_copy(copy_edition: Callable[[str | Path], EditionFolder]) -> EditionFolder:
    """A fresh copy of the minimal edition folder, free to edit."""
    return copy_edition("minimal")
