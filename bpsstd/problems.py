"""Problems are data: one record per broken rule, with a stable code and a location.

Both the loader (a file that cannot be read or structured) and :func:`bpsstd.check` (a broken invariant)
report :class:`Problem` records, so a user sees one format whatever went wrong.
"""

from __future__ import annotations

import enum

from attrs import field, frozen
from attrs.validators import instance_of, matches_re, optional

from bpsstd.model import freeze

__all__ = ["Problem", "Report", "Severity"]


class Severity(enum.Enum):
    """How bad a problem is: an error fails ``bpsstd check``, a warning or an info does not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    """Worth listing, not wrong: e.g. a regional item above national needing a fiscal review."""


@frozen(kw_only=True)
class Problem:
    """One broken rule, located.

    Attributes:
        code: stable kebab-case identifier, e.g. ``unknown-agency``.
        severity: error or warning.
        message: what was found and what was expected.
        path: the data path, e.g. ``$.aspects[2].categories[0].items[3].lead_units[0]``.
        file: the file the data came from, when it came from a file.
        line: the 1-based line in *file*.
    """

    code: str = field(validator=matches_re(r"[a-z0-9]+(-[a-z0-9]+)*"))
    severity: Severity = field(validator=instance_of(Severity))
    message: str = field(validator=instance_of(str))
    path: str = field(default="$", validator=instance_of(str))
    file: str | None = field(default=None, validator=optional(instance_of(str)))
    line: int | None = field(default=None, validator=optional(instance_of(int)))

    def __str__(self) -> str:
        """Render as ``file:line: severity [code] message @ path``."""
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        return f"{where}{self.severity.value} [{self.code}] {self.message} @ {self.path}"

    def to_dict(self) -> dict[str, object]:
        """Return the JSON form: code, severity, message, path, file, line."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "file": self.file,
            "line": self.line,
        }


@frozen(kw_only=True)
class Report:
    """Every problem found in one edition, in a stable order."""

    problems: tuple[Problem, ...] = field(default=(), converter=freeze)

    @property
    def ok(self) -> bool:
        """Whether no problem is an error."""
        return not any(p.severity is Severity.ERROR for p in self.problems)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the problems, in order (handy in tests and CI gates)."""
        return tuple(p.code for p in self.problems)

    def to_dict(self) -> dict[str, object]:
        """Return the JSON form: ``{"ok": bool, "problems": [...]}``."""
        return {"ok": self.ok, "problems": [p.to_dict() for p in self.problems]}
