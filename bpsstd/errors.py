"""The exception hierarchy. Exceptions are control flow; what went wrong is data (:mod:`bpsstd.problems`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bpsstd.problems import Problem, Report

__all__ = ["BpsstdError", "EditionNotFoundError", "InvariantError", "LoadError"]


class BpsstdError(Exception):
    """The base of every error this library raises on purpose."""


class LoadError(BpsstdError, ValueError):
    """An edition folder could not be read or structured.

    Carries every problem found (not just the first), each with its file, line and data path.
    """

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        """Keep the folder or file that failed and its located problems."""
        self.source = source
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"cannot load {source}: {len(self.problems)} problem(s)\n{lines}")


class EditionNotFoundError(BpsstdError, LookupError):
    """No shipped edition has the id asked for, and no folder exists at that path."""

    def __init__(self, wanted: str, choices: Iterable[str]) -> None:
        """Keep what was asked for and what there is."""
        self.wanted = wanted
        self.choices: tuple[str, ...] = tuple(choices)
        super().__init__(
            f"no edition {wanted!r}: shipped editions are {', '.join(self.choices) or 'none'}, "
            "and no edition folder exists at that path"
        )

    def __str__(self) -> str:
        """Show the message without the quotes that LookupError adds to a single argument."""
        return str(self.args[0])


class InvariantError(BpsstdError, ValueError):
    """An edition broke invariants where a clean one was required."""

    def __init__(self, edition: str, report: Report) -> None:
        """Keep the edition id and the report."""
        self.edition = edition
        self.report = report
        lines = "\n".join(f"  {p}" for p in report.problems)
        super().__init__(f"edition {edition} breaks {len(report.problems)} invariant(s)\n{lines}")
