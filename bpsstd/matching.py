"""Matching a parsed document to a base edition by name: exact first, then normalised.

Layer 3 of the import. The base edition comes in as an :class:`Outline` of keys and Chinese names, so this
module does not depend on :mod:`bpsstd.model` (the regional import passes its own outline).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

from attrs import field, frozen

from bpsstd.layouts import Finding, ParsedDocument, ParsedItem
from bpsstd.model import freeze

if TYPE_CHECKING:
    from bpsstd.reading import Location

__all__ = ["ItemMatch", "Matching", "Node", "Outline", "match", "normalise"]


@frozen(kw_only=True)
class Node:
    """A named thing of the base edition (aspect, category or item) and what it holds."""

    key: str
    name: str
    children: tuple[Node, ...] = field(default=(), converter=freeze)


@frozen(kw_only=True)
class Outline:
    """The names of a base edition: aspects > categories > items."""

    aspects: tuple[Node, ...] = field(converter=freeze)


@frozen(kw_only=True)
class ItemMatch:
    """A parsed item and the base item it updates (``new``: a generated key, added to ``category``)."""

    parsed: ParsedItem
    key: str
    category: str
    new: bool = False


@frozen(kw_only=True)
class Matching:
    """Every item placed, and the findings (unmatched, ambiguous, matched twice, new items)."""

    items: tuple[ItemMatch, ...] = field(default=(), converter=freeze)
    findings: tuple[Finding, ...] = field(default=(), converter=freeze)


_SPACE = re.compile(r"\s+")
_TRAILING = re.compile(r"[。.；;，,：:、]+$")


def normalise(name: str) -> str:
    """Fold punctuation width (NFKC), drop spaces and line breaks and trailing punctuation."""
    return _TRAILING.sub("", _SPACE.sub("", unicodedata.normalize("NFKC", name)))


def _find(name: str, nodes: tuple[Node, ...]) -> list[Node]:
    exact = [n for n in nodes if n.name == name]
    return exact or [n for n in nodes if normalise(n.name) == normalise(name)]


def new_key(name: str, taken: set[str]) -> str:
    """A stable key for an item the base does not have: ``new-`` and a digest of its normalised name."""
    digest = hashlib.sha256(normalise(name).encode()).hexdigest()
    for width in range(8, 65, 4):
        key = f"new-{digest[:width]}"
        if key not in taken:
            return key
    return f"new-{digest}"  # pragma: no cover  # 64 hex digits never collide with a base key


def _pick(what: str, name: str, found: list[Node], where: Location, findings: list[Finding]) -> Node | None:
    if len(found) == 1:
        return found[0]
    code, says = (
        ("ambiguous-name", f"matches {len(found)} {what}s") if found else ("unmatched-name", "matches none")
    )
    findings.append(Finding(code=code, message=f"{what} {name!r} {says} of the base edition", where=where))
    return None


def match(document: ParsedDocument, outline: Outline) -> Matching:
    """Place every parsed item on a base item by name, within its category first, then anywhere.

    An item no base item matches becomes a new item of its (matched) category, with a generated key and a
    ``new-item`` finding; an item matched twice, or ambiguous, is reported and not placed.
    """
    findings: list[Finding] = []
    items: list[ItemMatch] = []
    categories = tuple(c for a in outline.aspects for c in a.children)
    everywhere = tuple(i for c in categories for i in c.children)
    owner = {i.key: c.key for c in categories for i in c.children}
    taken = {n.key for n in everywhere}
    placed: dict[str, ParsedItem] = {}
    for aspect in document.aspects:
        base_aspect = None
        if aspect.name:
            base_aspect = _pick(
                "aspect", aspect.name, _find(aspect.name, outline.aspects), aspect.where, findings
            )
        for category in aspect.categories:
            base_category = None
            if category.name:
                scope = base_aspect.children if base_aspect else ()
                found = _find(category.name, scope) or _find(category.name, categories)
                base_category = _pick("category", category.name, found, category.where, findings)
            for item in category.items:
                scope = base_category.children if base_category else ()
                found = _find(item.name, scope) or _find(item.name, everywhere)
                if len(found) > 1:
                    _pick("item", item.name, found, item.where, findings)
                    continue
                if found:
                    key = found[0].key
                    if key in placed:
                        findings.append(
                            Finding(
                                code="matched-twice",
                                message=f"item {item.name!r} appears twice in the document; the first "
                                f"(at {placed[key].where}) is imported",
                                where=item.where,
                            )
                        )
                        continue
                    placed[key] = item
                    items.append(ItemMatch(parsed=item, key=key, category=owner[key]))
                elif base_category is None or not item.name:
                    findings.append(
                        Finding(
                            code="unmatched-name",
                            message=f"item {item.name!r} matches no base item and its category is "
                            "unknown; not imported",
                            where=item.where,
                        )
                    )
                else:
                    key = new_key(item.name, taken)
                    taken.add(key)
                    findings.append(
                        Finding(
                            code="new-item",
                            message=f"item {item.name!r} is not in the base edition; added to category "
                            f"{base_category.name!r} as {key!r}",
                            where=item.where,
                        )
                    )
                    items.append(ItemMatch(parsed=item, key=key, category=base_category.key, new=True))
    return Matching(items=items, findings=findings)
