"""The CLI's ways of finding things: ``find``, ``history``, items by name, the ``--fail-on`` listing.

Items can be named by key or exact Chinese name; a failed ``--fail-on`` gate lists what matched.

Kept out of :mod:`bpsstd.cli`, which dispatches here (the options are in :mod:`bpsstd._cli_parsers`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from attrs import frozen

from bpsstd.diff import diff
from bpsstd.editions import editions, load
from bpsstd.model import Lang
from bpsstd.present import Word, label
from bpsstd.render._table import Mark, cell_text
from bpsstd.render._table_adapter import change_row

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from bpsstd.changes import Change, EditionDiff
    from bpsstd.model import Category, Edition, ServiceItem

__all__ = [
    "Hit",
    "fail_on_report",
    "find",
    "history",
    "resolve_item",
    "search",
]

EXIT_OK, EXIT_FOUND_NOTHING, EXIT_USAGE = 0, 1, 2
#: Fields searched, in rank order: a match in the name comes before one in the target, and so on.
SEARCHED = ("name", "target", "content", "standard", "expenditure")
SHOWN = 20
_SNIPPET = 18


@frozen(kw_only=True)
class Hit:
    """One match of ``bpsstd find``: where, in which field, and the text around it."""

    edition: str
    key: str
    position: str
    name: str
    field: str
    snippet: str


def resolve_item(edition: Edition, text: str) -> str | None:
    """The key of the item whose key, Chinese name or English name is exactly *text*, or None."""
    for item in edition.service_items:
        if text in {item.key, item.name.zh} or text.casefold() == (item.name.en or "").casefold():
            return item.key
    return None


def _position(category: Category, item: ServiceItem) -> str:
    return f"{category.number}.({item.number})"


def _snippet(text: str, at: int, length: int) -> str:
    start, end = max(0, at - _SNIPPET), min(len(text), at + length + _SNIPPET)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def search(words: str, edition_ids: Sequence[str], lang: Lang | str = Lang.ZH) -> list[Hit]:
    """Items whose name or fields contain *words* (Chinese as written, English ignoring case).

    One hit per item, at its best-ranked field; hits ranked by field (name first), then by edition and
    document order.
    """
    lang = Lang(lang)
    needle = words.casefold()
    ranked = []
    for order, edition_id in enumerate(edition_ids):
        edition = load(edition_id)
        for index, (_, _, category, item) in enumerate(edition.walk()):
            for rank, name in enumerate(SEARCHED):
                text = item.expenditure.text if name == "expenditure" else getattr(item, name)
                found = [(t, t.casefold().find(needle)) for t in (text.zh, text.en) if t is not None]
                match = next(((t, at) for t, at in found if at >= 0), None)
                if match is None:
                    continue
                hit = Hit(
                    edition=edition.id,
                    key=item.key,
                    position=_position(category, item),
                    name=item.name.get(lang) or item.key,
                    field=label(Word(name), lang),
                    snippet=_snippet(match[0], match[1], len(words)),
                )
                ranked.append(((rank, order, index), hit))
                break
    return [hit for _, hit in sorted(ranked, key=lambda pair: pair[0])]


def find(args: argparse.Namespace) -> int:
    """Print the items matching ``args.words``; exit 1 when none matches."""
    words = " ".join(args.words)
    chosen = args.edition or list(editions())
    unknown = [e for e in chosen if e not in editions()]
    if unknown:
        sys.stderr.write(f"bpsstd: no shipped edition {unknown[0]!r}; choose from: {', '.join(editions())}\n")
        return EXIT_USAGE
    hits = search(words, chosen, args.lang)
    if not hits:
        sys.stderr.write(f"bpsstd: no item mentions {words!r}\n")
        return EXIT_FOUND_NOTHING
    colon = "：" if args.lang == Lang.ZH.value else ": "
    for hit in hits:
        sys.stdout.write(
            f"{hit.edition}  {hit.key}  {hit.position}  {hit.name}  {hit.field}{colon}{hit.snippet}\n"
        )
    return EXIT_OK


def _describe(d: EditionDiff, old: Edition, new: Edition, change: Change, lang: Lang) -> str:
    row = change_row(d, old, new, change, lang)
    before, after, note = cell_text(row.old), cell_text(row.new), cell_text(row.note)
    # Both cells start with the same field label; say it once.
    head = next((r.text for r in row.new if r.mark is Mark.LABEL), "")
    if head and before.startswith(head) and after.startswith(head):
        before, after = before.removeprefix(head), after.removeprefix(head)
    else:
        head = ""
    arrow = f"{before or '—'} → {after or '—'}".replace("\n", " ")
    return f"{head}{arrow}（{note}）" if lang is Lang.ZH else f"{head}{arrow} ({note})"


def history(args: argparse.Namespace) -> int:
    """Print one item in every shipped edition, and its changes between consecutive editions."""
    shipped = [load(e) for e in editions()]
    key = next((k for e in shipped if (k := resolve_item(e, args.item)) is not None), None)
    if key is None:
        sys.stderr.write(f"bpsstd: no shipped edition has an item {args.item!r}\n")
        return EXIT_USAGE
    lang = Lang(args.lang)
    absent = label(Word.HISTORY_ABSENT, lang)
    out = [key]
    previous: Edition | None = None
    for edition in shipped:
        try:
            item = edition.item(key)
        except KeyError:
            out.append(f"{edition.id}  {absent}")
            previous = None
            continue
        if previous is not None:
            d = diff(previous, edition)
            mine = [c for c in d.changes if c.item == key]
            head = f"  {previous.id} → {edition.id}: "
            if not mine:
                out.append(head + label(Word.HISTORY_NO_CHANGE, lang))
            out.extend(head + _describe(d, previous, edition, change, lang) for change in mine)
        category = edition.category_of(key)
        out.append(f"{edition.id}  {_position(category, item)}  {item.name.get(lang)}")
        colon = "：" if lang is Lang.ZH else ": "
        standard = item.standard.get(lang) or label(Word.NOT_RECORDED, lang)
        out.append(f"      {label(Word.STANDARD, lang)}{colon}{standard}")
        previous = edition
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK


def fail_on_report(failing: Sequence[Change], kinds: Sequence[str]) -> str:
    """The stderr message of a failed ``--fail-on`` gate: the first changes that matched, then a count."""
    lines = [f"bpsstd: {len(failing)} change(s) match --fail-on {','.join(kinds)}:"]
    for change in failing[:SHOWN]:
        where = " ".join(p for p in (change.item or change.category, change.field) if p)
        name = f" {change.name.zh}" if change.name else ""
        direction = f" ({change.direction.value})" if change.direction else ""
        lines.append(f"  {change.kind.value} {where}{name}{direction}".rstrip())
    if len(failing) > SHOWN:
        lines.append(f"  … and {len(failing) - SHOWN} more")
    return "\n".join(lines) + "\n"
