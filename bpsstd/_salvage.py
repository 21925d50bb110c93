"""All problems at once: check what can be read of an edition folder that does not load whole.

:func:`bpsstd.load_folder` refuses a folder with any problem, as a library must: it never returns half an
edition. But a maintainer fixing a folder wants every problem in one run, not the next file's problems
only after this one is fixed. So ``bpsstd check`` sets aside what cannot be read or structured -- an
aspect file that is not valid YAML, an item with a wrong type, an agency without a key -- and runs the
checks on the rest, reporting the problems of both.

What is set aside is the smallest record holding a problem (an item, else its category, its aspect, or an
agency); a problem of the edition's own fields (its title, its declared totals) leaves nothing to check.
The rest keeps its paths and lines as written: a checked record's problem names the place in the file.
Checks whose answer depends on what was set aside are left out or redone on the data as read: the declared
totals are compared with the records as listed, numbering is checked only in lists that lost nothing, and
unused or unknown agencies only when no record that could name one was set aside.
"""

from __future__ import annotations

import re
import typing
from typing import TYPE_CHECKING, Any

import attrs

from bpsstd.checks import check
from bpsstd.errors import LoadError
from bpsstd.folder import open_folder, read_folder
from bpsstd.model import Origin
from bpsstd.problems import Problem, Report

if TYPE_CHECKING:
    from pathlib import Path

    from bpsstd.folder import RawFolder
    from bpsstd.model import Edition, Lines

__all__ = ["check_readable"]

#: The record a problem's path falls in: an item, a category, an aspect or an agency (longest first).
_RECORD = re.compile(r"\$\.(?:aspects\[\d+\](?:\.categories\[\d+\](?:\.items\[\d+\])?)?|agencies\[\d+\])")
_INDEX = re.compile(r"\[(\d+)\]")
#: Each pass sets aside records; one more pass than the levels (item, category, aspect) is enough.
_PASSES = 4

#: Which original indexes each shortened list keeps, by the list's path as written.
Kept = dict[str, list[int]]


def _original(path: str, kept: Kept) -> str:
    """The path as written in the files of *path* in the shortened data."""
    out, at = "", 0
    for match in _INDEX.finditer(path):
        out += path[at : match.start()]
        index = int(match[1])
        indexes = kept.get(out)
        out += f"[{indexes[index] if indexes is not None and index < len(indexes) else index}]"
        at = match.end()
    return out + path[at:]


@attrs.frozen
class _Shifted:
    """The lines of the files, looked up by paths of the shortened data."""

    table: Lines
    kept: Kept

    def get(self, path: str, /) -> tuple[str, int] | None:
        """Return ``(file, line)`` of the value the shortened *path* names."""
        return self.table.get(_original(path, self.kept))


def _keep(values: list[Any], path: str, aside: set[str], kept: Kept) -> list[Any]:
    indexes = [i for i in range(len(values)) if f"{path}[{i}]" not in aside]
    if len(indexes) != len(values):
        kept[path] = indexes
    return [values[i] for i in indexes]


def _shortened(data: dict[str, Any], aside: set[str]) -> tuple[dict[str, Any], Kept]:
    """*data* without the records set *aside* (and without the aspect files not read)."""
    kept: Kept = {}
    aspects = []
    _keep(data["aspects"], "$.aspects", aside, kept)
    for i in kept.get("$.aspects", range(len(data["aspects"]))):
        aspect, path = data["aspects"][i], f"$.aspects[{i}]"
        if isinstance(aspect, dict) and isinstance(aspect.get("categories"), list):
            categories = []
            indexes = range(len(aspect["categories"]))
            for j, category in zip(indexes, aspect["categories"], strict=True):
                cpath = f"{path}.categories[{j}]"
                items = category.get("items") if isinstance(category, dict) else None
                if cpath in aside or not isinstance(items, list):
                    categories.append(category)
                else:
                    categories.append({**category, "items": _keep(items, f"{cpath}.items", aside, kept)})
            aspect = {**aspect, "categories": _keep(categories, f"{path}.categories", aside, kept)}
        aspects.append(aspect)
    shortened = {**data, "aspects": aspects}
    if isinstance(data.get("agencies"), list):
        shortened["agencies"] = _keep(data["agencies"], "$.agencies", aside, kept)
    return shortened, kept


def _records(problems: list[Problem]) -> set[str] | None:
    """The records holding *problems*, or None when one lies outside every record."""
    records = set()
    for problem in problems:
        match = _RECORD.match(problem.path)
        if match is None:
            return None
        records.add(match[0])
    return records


def _structured(raw: RawFolder) -> tuple[Edition | None, list[Problem], Kept]:
    """Structure what can be: the edition of the records without problems, the problems, the cuts."""
    from bpsstd import serde  # noqa: PLC0415  # imports bpsstd.folder, which imports nothing of ours back

    data = typing.cast("dict[str, Any]", raw.data)
    aside = {f"$.aspects[{i}]" for i in raw.unread}
    if (records := _records(raw.problems)) is None:
        return None, [], {}
    aside |= records
    found: list[Problem] = []
    for _ in range(_PASSES):
        shortened, kept = _shortened(data, aside)
        try:
            edition = serde.structure(shortened, locations=typing.cast("Any", _Shifted(raw.locations, kept)))
        except LoadError as exc:
            problems = [attrs.evolve(p, path=_original(p.path, kept)) for p in exc.problems]
            # The first pass finds every problem of the data; later ones only what setting aside left
            # (a category without items): not the user's to read.
            found = found or problems
            records = _records(problems)
            if records is None or records <= aside:
                return None, found, kept
            aside |= records
        else:
            return edition, found, kept
    return None, found, {}  # pragma: no cover  # each pass sets aside a record of a higher level


#: For the checks whose answer depends on what was set aside: whether it still holds, by what was cut.
_STILL_VALID: dict[str, typing.Callable[[Problem, Kept], bool]] = {
    # Redone on the data as read (_totals).
    "total-mismatch": lambda _, kept: not kept,
    # An agency set aside is not unknown; a record set aside may name an agency.
    "unknown-agency": lambda _, kept: "$.agencies" not in kept,
    "unused-agency": lambda _, kept: all(path == "$.agencies" for path in kept),
    # Numbering is checked only in lists that lost nothing.
    "aspect-numbering": lambda _, kept: "$.aspects" not in kept,
    "category-numbering": lambda _, kept: (
        not any(path == "$.aspects" or path.endswith(".categories") for path in kept)
    ),
    "item-numbering": lambda p, kept: p.path[: p.path.rfind("[")] not in kept,
}


def _still_valid(problem: Problem, kept: Kept) -> bool:
    """Whether a check's problem holds for the folder as written, though records were set aside."""
    rule = _STILL_VALID.get(problem.code)
    return rule is None or rule(problem, kept)


def _counted(data: dict[str, Any], unread: set[int]) -> dict[str, int | None]:
    """The records of the data as read, by kind; None where an unread file hides the count."""
    aspects = data["aspects"]
    counts: dict[str, int | None] = {"aspects": len(aspects), "categories": None, "items": None}
    if unread or not all(isinstance(a, dict) and isinstance(a.get("categories"), list) for a in aspects):
        return counts
    categories = [c for a in aspects for c in a["categories"]]
    counts["categories"] = len(categories)
    if all(isinstance(c, dict) and isinstance(c.get("items"), list) for c in categories):
        counts["items"] = sum(len(c["items"]) for c in categories)
    return counts


def _totals(edition: Edition, raw: RawFolder, origin: Origin) -> list[Problem]:
    problems = []
    counts = _counted(typing.cast("dict[str, Any]", raw.data), raw.unread)
    for kind, counted in counts.items():
        declared = getattr(edition.declared, kind)
        if counted is not None and declared != counted:
            path = f"$.declared.{kind}"
            file, line = origin.locate(path) or (None, None)
            message = f"{declared} {kind} declared, {counted} found"
            problems.append(Problem.of("total-mismatch", message, path, file, line))
    return problems


def check_readable(folder: Path) -> Report | None:
    """Check an edition folder that does not load whole: every problem of what can be read, at once.

    Returns:
        The report of the loader's problems and of the checks that can run on the rest; None when
        nothing can be checked (the folder or ``edition.yaml`` cannot be read, or a problem lies in the
        edition's own fields).
    """
    try:
        open_folder(folder)
    except LoadError:
        return None
    raw = read_folder(folder)
    if raw.data is None:
        return None
    edition, structure_problems, kept = _structured(raw)
    if edition is None:
        return None
    origin = Origin(folder=str(folder), locations=_Shifted(raw.locations, kept))
    edition = attrs.evolve(edition, origin=origin)
    located = (attrs.evolve(p, path=_original(p.path, kept)) for p in check(edition).problems)
    checked = [p for p in located if _still_valid(p, kept)]
    return Report(problems=(*raw.problems, *structure_problems, *checked, *_totals(edition, raw, origin)))
