"""A regional document (table or labelled layout) read into a :class:`~bpsstd.regional.RegionalStandard`.

The importer's readers and layout parsers (:mod:`bpsstd.reading`, :mod:`bpsstd.layouts`) turn the
file into rows; this module places each row on the national edition it implements by name: the
exact name first, then the name normalised (:func:`bpsstd.matching.normalise`: punctuation width,
spaces, trailing marks). A row whose name matches no national item becomes a local-only item
(地方新增) and is reported, so that a person can map it by hand (a renamed item such as 孕前优生健康检查
for 农村免费孕前优生健康检查 cannot be told from a new one by its name alone). Quantities are not read:
the floor of an imported standard is "not stated" until they are added.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from attrs import field, frozen

from bpsstd.matching import new_key, normalise
from bpsstd.model import freeze
from bpsstd.problems import Problem
from bpsstd.regional import LocalAgency, LocalAspect, LocalItem, RegionalStandard

if TYPE_CHECKING:
    import datetime as dt

    from bpsstd.layouts import ParsedDocument, ParsedItem
    from bpsstd.model import Edition
    from bpsstd.regional import Region

__all__ = ["RegionalImport", "import_regional"]

# Lead units are listed with 、 (or commas, semicolons, spaces in copies).
_UNITS = re.compile(r"[、，,；;\s]+")
_LOCAL_ASPECT = ("local-only", "地方新增项目")


@frozen(kw_only=True)
class RegionalImport:
    """The standard read from a document, and what the reading noticed (codes of the one registry)."""

    standard: RegionalStandard
    problems: tuple[Problem, ...] = field(converter=freeze)


def _by_name(name: str, candidates: dict[str, str]) -> str | None:
    """The key named *name* exactly, else the one whose normalised name is; None if none or several."""
    if name in candidates:
        return candidates[name]
    found = {key for text, key in candidates.items() if normalise(text) == normalise(name)}
    return found.pop() if len(found) == 1 else None


def _agencies(text: str, national: Edition) -> tuple[LocalAgency, ...]:
    names: dict[str, str] = {}
    for agency in national.agencies:
        for shown in (agency.name.zh, agency.printed):
            if shown:
                names[shown] = agency.key
    return tuple(LocalAgency(zh=unit, national=_by_name(unit, names)) for unit in _UNITS.split(text) if unit)


def _row(parsed: ParsedItem, key: str, implements: str | None, national: Edition) -> LocalItem:
    def text(name: str) -> str | None:
        found = parsed.get(name)
        return found.text if found is not None and found.text else None

    units = parsed.get("lead_units")
    return LocalItem(
        key=key,
        name=parsed.name,
        target=text("target"),
        content=text("content"),
        standard=text("standard"),
        expenditure=text("expenditure"),
        lead_units=_agencies(units.text, national) if units is not None else (),
        implements=(implements,) if implements else (),
        complete=not any(f.cut for f in parsed.fields),
    )


class _Run:
    """The state of one import: keys taken, rows placed per aspect, problems."""

    def __init__(self, national: Edition, file: str | None) -> None:
        self.national = national
        self.file = file
        self.items = {i.name.zh: i.key for i in national.service_items if i.name.zh}
        self.aspect_names = {a.name.zh: a.key for a in national.aspects if a.name.zh}
        self.aspect_of = {i.key: a.key for _, a, _, i in national.walk()}
        self.taken: set[str] = set()
        self.groups: dict[str, tuple[str, list[LocalItem]]] = {}
        self.problems: list[Problem] = []

    def key(self, wanted: str | None, name: str) -> str:
        key = wanted if wanted is not None and wanted not in self.taken else new_key(name, self.taken)
        self.taken.add(key)
        return key

    def place(self, aspect_name: str, parsed: ParsedItem) -> None:
        implements = _by_name(parsed.name, self.items)
        row = _row(parsed, self.key(implements, parsed.name), implements, self.national)
        if aspect_name:
            aspect_key = _by_name(aspect_name, self.aspect_names) or new_key(aspect_name, set(self.groups))
        elif implements is not None:  # a page per aspect, no heading: the national item's aspect
            aspect_key = self.aspect_of[implements]
            aspect_name = next(a.name.zh or a.key for a in self.national.aspects if a.key == aspect_key)
        else:
            aspect_key, aspect_name = _LOCAL_ASPECT
        self.groups.setdefault(aspect_key, (aspect_name, []))[1].append(row)
        where = str(parsed.where)
        if implements is None:
            self.problems.append(
                Problem.of(
                    "regional-import-local-only",
                    f"row {parsed.name!r} ({where}) matches no item of national edition {self.national.id} "
                    "by name; imported as a local-only item (地方新增): map it by hand if it implements one",
                    f"$.items[{row.key}]",
                    self.file,
                )
            )
        for cut in (f for f in parsed.fields if f.cut):
            self.problems.append(
                Problem.of(
                    "field-cut-off",
                    f"row {parsed.name!r}: the document stops inside its {cut.name} ({cut.where})",
                    f"$.items[{row.key}].{cut.name}",
                    self.file,
                )
            )


def import_regional(  # noqa: PLR0913  # the metadata a document does not state, by keyword
    document: ParsedDocument,
    national: Edition,
    *,
    id: str,  # noqa: A002  # the record's own field name
    title: str,
    region: Region,
    date: dt.date | None = None,
    file: str | None = None,
) -> RegionalImport:
    """Read the rows of a parsed regional *document* as a standard implementing *national*.

    Args:
        document: the document as :func:`bpsstd.layouts.parse_document` returns it.
        national: the national edition the document implements.
        id: the standard's id.
        title: its title.
        region: the issuing region.
        date: its date, when known (documents do not state it in a fixed place).
        file: the document's name, for the problems.
    """
    run = _Run(national, file)
    for aspect in document.aspects:
        for category in aspect.categories:
            for parsed in category.items:
                run.place(aspect.name, parsed)
    aspects = tuple(
        LocalAspect(key=key, name=name, items=tuple(rows)) for key, (name, rows) in run.groups.items()
    )
    standard = RegionalStandard(
        id=id,
        title=title,
        region=region,
        date=date,
        implements=national.id,
        complete=True,
        completeness_note="imported from a document; completeness not reviewed",
        aspects=aspects,
        sources=(file,) if file else (),
    )
    return RegionalImport(standard=standard, problems=run.problems)
