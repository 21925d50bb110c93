"""The edition folder as a boundary: which of its files may be read, and how much of them.

An edition folder may come from anyone (a pull request, a download), and CI prints what the loader says
about it. So a file is read only when it is a regular file of the folder (a symbolic link is followed only
when it stays inside the folder; FIFOs, sockets, devices and files that report no size are refused
unread), each file at most once, and within budgets for the whole folder, in bytes and in YAML values,
checked before the cost is paid: the sizes are added up before any aspect file is read, and each file is
composed with what is left of the folder's value budget.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

from attrs import field, frozen
from attrs.validators import ge, instance_of

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["MAX_FOLDER_BYTES", "MAX_FOLDER_NODES", "Boundary", "Limits", "Refusal"]

#: The most bytes the files of one folder may hold together: a shipped edition holds about 220 KB.
MAX_FOLDER_BYTES = 16 * 1024 * 1024
#: The most YAML values the files of one folder may hold together: a shipped edition holds about 9,000
#: (keys and values, as the reader counts them).
MAX_FOLDER_NODES = 250_000


@frozen
class Limits:
    """How much of an edition folder the loader reads before it refuses the folder.

    The defaults are far above what a standard needs (a shipped edition holds about 220 KB and 9,000
    values) and bound what a hostile folder can cost. A program that
    loads larger data on purpose (a benchmark's synthetic edition of 8,000 items) raises them:
    ``load_folder(folder, limits=Limits(folder_bytes=64 * 2**20, folder_values=2_000_000))``.
    """

    #: The most bytes the folder's files may hold together.
    folder_bytes: int = field(default=MAX_FOLDER_BYTES, validator=[instance_of(int), ge(1)])
    #: The most YAML values (keys and values, as the reader counts them) the folder's files may hold.
    folder_values: int = field(default=MAX_FOLDER_NODES, validator=[instance_of(int), ge(1)])


#: (code, message): why a file is not read.
Refusal = tuple[str, str]

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


class Boundary:
    """What may still be read from one edition folder: its files once each, within its budgets."""

    def __init__(self, folder: Path, limits: Limits | None = None) -> None:
        """Start with the folder's whole budget (*limits*, by default :class:`Limits`) and nothing read."""
        self.folder = folder
        self.limits = limits if limits is not None else Limits()
        self.node_budget = self.limits.folder_values
        self.nodes_left = self.node_budget
        self._root: Path | None = None
        self._read: dict[tuple[int, int], str] = {}

    def _inside(self, target: Path) -> bool:
        if self._root is None:
            self._root = self.folder.resolve()
        return target.is_relative_to(self._root)

    def _target(self, name: str) -> os.stat_result | Refusal | None:
        """The status of the file *name* (of its target, for a link inside the folder), or a refusal."""
        file = self.folder / name
        try:
            info = file.lstat()
        except FileNotFoundError:
            return None
        except OSError as exc:
            return "file-unreadable", f"cannot read {name}: {exc.strerror or exc}"
        if not stat.S_ISLNK(info.st_mode):
            return info
        try:
            target = file.resolve(strict=True)
        except (OSError, RuntimeError):
            return "file-not-found", f"{name} is a symbolic link to nothing"
        if not self._inside(target):
            # Refused unread, and the target is not named: it is nobody's business what it was.
            return (
                "file-outside-folder",
                f"{name} is a symbolic link leading outside the edition folder; not read",
            )
        return target.stat()

    def refusal(self, name: str) -> Refusal | None:
        """Why the file *name* must not be read, or None (a missing file is the reader's to report).

        A file that may be read is counted as read: asking again about it, or about another name of the
        same file (a hard or symbolic link), refuses it.
        """
        info = self._target(name)
        if not isinstance(info, os.stat_result):
            return info
        refused: Refusal | None = None
        identity = (info.st_dev, info.st_ino)
        if not stat.S_ISREG(info.st_mode):
            refused = "file-not-regular", f"{name} is {_kind(info.st_mode)}; only regular files are read"
        elif info.st_size == 0:
            # Also what /proc and /sys files report, whatever they would yield: never read them.
            refused = "empty-file", "the file is empty; expected a YAML mapping"
        elif identity in self._read:
            refused = "file-listed-twice", f"{name} is the same file as {self._read[identity]}; read once"
        else:
            self._read[identity] = name
        return refused

    def size(self, name: str) -> int:
        """The size in bytes of the file *name* (following a link), 0 when it cannot be known."""
        try:
            return (self.folder / name).stat().st_size
        except OSError:
            return 0

    @property
    def file_nodes(self) -> int:
        """The most values the next file may hold by the folder's budget (the reader has its own)."""
        return max(1, self.nodes_left)
