"""Layout parsers: the lines and tables of a document as aspects, categories and items with labelled fields.

Layer 2 of the import. Two layouts are known:

* the labelled prose of the 2021 national document: ``一、幼有所育`` / ``1.优孕优生服务`` /
  ``（1）农村免费孕前优生健康检查`` / ``服务对象：…`` ``服务内容：…`` ``服务标准：…`` ``支出责任：…``
  ``牵头负责单位：…``, with full-width or ASCII punctuation, words broken across lines, several fields on one
  line, and copies that stop in the middle of a field;
* the table of provincial documents: 序号 | 服务项目 | 服务对象 | 服务内容 | 服务标准 (or 保障标准) |
  支出责任 | 牵头负责单位, columns optional except the name, with merged rows for aspects and categories;
  regional lists name the first column 项目名称 (Shanghai: 项目名称 | 服务对象 | 服务内容 | 服务标准 |
  支出责任 | 牵头负责单位, no 序号).

The records here are neutral (no :mod:`bpsstd.model`): names and wording as written, each with its
:class:`~bpsstd.reading.Location`, and findings for what looked wrong.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

import attrs
from attrs import field, frozen

from bpsstd.model import freeze

if TYPE_CHECKING:
    from collections.abc import Sequence

    from bpsstd.reading import Cell, Document, Line, Location, Table

__all__ = [
    "FIELDS",
    "Finding",
    "ParsedAspect",
    "ParsedCategory",
    "ParsedDocument",
    "ParsedField",
    "ParsedItem",
    "parse_document",
    "parse_labelled",
    "parse_table",
]

#: The fields of a row, in the order the standard prints them.
FIELDS = ("target", "content", "standard", "expenditure", "lead_units")

#: The labels (prose) and column headers (tables) of each field.
LABELS = {
    "服务对象": "target",
    "服务内容": "content",
    "服务标准": "standard",
    "保障标准": "standard",
    "支出责任": "expenditure",
    "牵头负责单位": "lead_units",
    "牵头单位": "lead_units",
    "责任单位": "lead_units",
}


@frozen(kw_only=True)
class Finding:
    """Something the parser noticed: a code, a message and where."""

    code: str
    message: str
    where: Location


@frozen(kw_only=True)
class ParsedField:
    """One labelled field of an item as the document words it; ``cut`` when the document stops inside it."""

    name: str
    text: str
    where: Location
    cut: bool = False


@frozen(kw_only=True)
class ParsedItem:
    """A service item: number and name as written, and the fields found."""

    number: int | None
    name: str
    where: Location
    fields: tuple[ParsedField, ...] = field(default=(), converter=freeze)

    def get(self, name: str) -> ParsedField | None:
        """Return the field called *name* (one of :data:`FIELDS`), or None."""
        return next((f for f in self.fields if f.name == name), None)


@frozen(kw_only=True)
class ParsedCategory:
    """A category heading and its items."""

    number: int | None
    name: str
    where: Location
    items: tuple[ParsedItem, ...] = field(default=(), converter=freeze)


@frozen(kw_only=True)
class ParsedAspect:
    """An aspect heading and its categories (name empty when items came before any aspect heading)."""

    number: int | None
    name: str
    where: Location
    categories: tuple[ParsedCategory, ...] = field(default=(), converter=freeze)


@frozen(kw_only=True)
class ParsedDocument:
    """What a document holds: the aspects found (labelled prose first, then tables) and the findings."""

    layout: str
    aspects: tuple[ParsedAspect, ...] = field(default=(), converter=freeze)
    findings: tuple[Finding, ...] = field(default=(), converter=freeze)

    @property
    def items(self) -> tuple[ParsedItem, ...]:
        """Every item in document order."""
        return tuple(i for a in self.aspects for c in a.categories for i in c.items)


_NUMERALS = "一二三四五六七八九十"
_ASPECT = re.compile(rf"^([{_NUMERALS}]{{1,3}})\s*[、.．,，]\s*(.*)$")
# A category name never starts with a digit: "1.5元" is a wrapped number, not a heading.
_DIGIT = "0-9０-９"
_CATEGORY = re.compile(rf"^([{_DIGIT}]{{1,2}})\s*(?:[.．、]|\s)\s*(?![{_DIGIT}.．%％])(\S.*)$")
_ITEM = re.compile(rf"^[（(]\s*([{_DIGIT}]{{1,2}})\s*[)）]\s*(.*)$")
_LABEL = re.compile("(" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\s*[:：]")
_TERMINAL = ("。", ".", "；", ";", "！", "!", "？", "?")


def chinese_number(text: str) -> int:
    """Read a Chinese numeral up to 99 (一, 十, 十二, 二十, 二十二)."""
    if "十" not in text:
        return _NUMERALS.index(text) + 1 if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    return (_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (_NUMERALS.index(ones) + 1 if ones else 0)


def _join(left: str, right: str) -> str:
    """Join two wrapped lines: Chinese has no spaces between words, Latin words keep one."""
    if (
        left
        and right
        and left[-1].isascii()
        and left[-1].isalnum()
        and right[0].isascii()
        and right[0].isalnum()
    ):
        return left + " " + right
    return left + right


class _Node:
    """A heading and the lines after it, before the next heading (a mutable parse buffer)."""

    def __init__(self, kind: str, number: int, first: str, where: Location) -> None:
        self.kind, self.number, self.where = kind, number, where
        self.text = ""
        self.offsets: list[tuple[int, Location]] = []
        self.add(first, where)

    def add(self, text: str, where: Location) -> None:
        joined = _join(self.text, text)
        self.offsets.append((len(joined) - len(text), where))
        self.text = joined

    def locate(self, offset: int) -> Location:
        found = self.where
        for start, where in self.offsets:
            if start <= offset:
                found = where
        return found


def _int(digits: str) -> int:
    return int(unicodedata.normalize("NFKC", digits))


def _heading(text: str) -> tuple[str, int, str] | None:
    # Full-width and ASCII numbering both match; the name is kept exactly as written.
    if m := _ITEM.match(text):
        return "item", _int(m[1]), m[2]
    if m := _ASPECT.match(text):
        return "aspect", chinese_number(m[1]), m[2]
    if m := _CATEGORY.match(text):
        return "category", _int(m[1]), m[2]
    return None


def _nodes(lines: Sequence[Line]) -> list[_Node]:
    nodes: list[_Node] = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        heading = _heading(text)
        if heading is not None:
            kind, number, rest = heading
            nodes.append(_Node(kind, number, rest.strip(), line.where))
        elif nodes:
            nodes[-1].add(text, line.where)
    return nodes


def _item(node: _Node, *, last: bool, findings: list[Finding]) -> ParsedItem:
    labels = list(_LABEL.finditer(node.text))
    name = node.text[: labels[0].start()] if labels else node.text
    fields: list[ParsedField] = []
    for k, m in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(node.text)
        text = node.text[m.end() : end].strip()
        field_name = LABELS[m[1]]
        where = node.locate(m.start())
        if any(f.name == field_name for f in fields):
            findings.append(
                Finding(
                    code="duplicate-field",
                    message=f"item {name.strip()!r} has a second {m[1]}; the first is kept",
                    where=where,
                )
            )
            continue
        later_missing = k + 1 == len(labels) and FIELDS.index(field_name) < len(FIELDS) - 1
        # The document stopped inside this field: no closing 。 and nothing after it (end of the
        # document, or fields of the row missing before the next heading).
        cut = not text or (not text.endswith(_TERMINAL) and k + 1 == len(labels) and (last or later_missing))
        fields.append(ParsedField(name=field_name, text=text, where=where, cut=cut))
    return ParsedItem(number=node.number, name=name.strip(), where=node.where, fields=fields)


class _Tree:
    """Builds aspects > categories > items from headings met in order (a mutable parse buffer)."""

    def __init__(self) -> None:
        self.aspects: list[
            tuple[int | None, str, Location, list[tuple[int | None, str, Location, list[ParsedItem]]]]
        ] = []

    def aspect(self, number: int | None, name: str, where: Location) -> None:
        self.aspects.append((number, name, where, []))

    def category(self, number: int | None, name: str, where: Location) -> None:
        if not self.aspects:
            self.aspect(None, "", where)
        self.aspects[-1][3].append((number, name, where, []))

    def item(self, item: ParsedItem) -> None:
        if not self.aspects or not self.aspects[-1][3]:
            self.category(None, "", item.where)
        self.aspects[-1][3][-1][3].append(item)

    def build(self) -> list[ParsedAspect]:
        return [
            ParsedAspect(
                number=number,
                name=name,
                where=where,
                categories=[
                    ParsedCategory(number=cn, name=cname, where=cwhere, items=items)
                    for cn, cname, cwhere, items in categories
                    if items
                ],
            )
            for number, name, where, categories in self.aspects
            if any(items for *_, items in categories)
        ]


def parse_labelled(lines: Sequence[Line]) -> tuple[list[ParsedAspect], list[Finding]]:
    """Parse running text in the labelled layout; return the aspects found and the findings."""
    findings: list[Finding] = []
    tree = _Tree()
    nodes = _nodes(lines)
    previous: int | None = None
    for k, node in enumerate(nodes):
        if node.kind == "aspect":
            tree.aspect(node.number, node.text.strip(), node.where)
        elif node.kind == "category":
            if previous is not None and node.number <= previous:
                findings.append(
                    Finding(
                        code="categories-renumbered",
                        message=f"category {node.number} {node.text.strip()} restarts the numbering; "
                        "categories are matched by name",
                        where=node.where,
                    )
                )
            previous = node.number
            tree.category(node.number, node.text.strip(), node.where)
        else:
            tree.item(_item(node, last=k + 1 == len(nodes), findings=findings))
    _mark_unfinished(tree)
    return tree.build(), findings


_OPEN_CLOSE = (("《", "》"), ("（", "）"), ("(", ")"), ("“", "”"))


def _unfinished(text: str) -> bool:
    """Whether *text* opens a bracket or quote it never closes (a line cut in the middle)."""
    return any(text.count(o) > text.count(c) for o, c in _OPEN_CLOSE)


def _mark_unfinished(tree: _Tree) -> None:
    """Mark cut the fields that stop mid-way inside the document, not only at its end.

    A field with an unclosed bracket is cut. In a copy whose fields end with 。 (the official style, at
    least nine in ten), a field without it is cut too: a line lost its end.
    """
    items = [i for *_, categories in tree.aspects for *_, found in categories for i in found]
    fields = [f for i in items for f in i.fields if f.name != "lead_units"]
    styled = len(fields) >= 5 and sum(f.text.endswith(_TERMINAL) for f in fields) * 10 >= len(fields) * 9
    for _, _, _, categories in tree.aspects:
        for *_, found in categories:
            for k, item in enumerate(found):
                marked = tuple(
                    attrs.evolve(f, cut=True)
                    if not f.cut
                    and (
                        _unfinished(f.text)
                        or (styled and f.name != "lead_units" and not f.text.endswith(_TERMINAL))
                    )
                    else f
                    for f in item.fields
                )
                found[k] = attrs.evolve(item, fields=marked)


def _header(row: Sequence[Cell]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for k, cell in enumerate(row):
        text = re.sub(r"\s+", "", cell.text)
        if text in ("服务项目", "项目名称"):  # 项目名称: Shanghai's list (no 序号 column)
            columns["name"] = k
        elif text == "序号":
            columns["number"] = k
        elif text in LABELS:
            columns[LABELS[text]] = k
    return columns if "name" in columns and len(columns) > 1 else None


def _cell_text(text: str) -> str:
    return "".join(part.strip() for part in text.splitlines())


def _heading_row(texts: list[str], name: str) -> str | None:
    """The text of a row merged across the table (an aspect or category heading), or None."""
    filled = {t for t in texts if t}
    if len(texts) > 1 and len(filled) == 1 and (not name or all(t in {"", name} for t in texts)):
        return filled.pop()
    return None


def _table_item(
    row: Sequence[Cell], texts: list[str], columns: dict[str, int], carried: dict[int, str]
) -> ParsedItem:
    name_at = columns["name"]
    name = texts[name_at] if name_at < len(texts) else ""
    number = None
    if (at := columns.get("number")) is not None and at < len(texts) and texts[at].isdigit():
        number = _int(texts[at])
    if m := _ITEM.match(name):
        number, name = number or _int(m[1]), m[2]
    fields = []
    for field_name in FIELDS:
        at = columns.get(field_name)
        if at is None or at >= len(row):
            continue
        text = texts[at]
        if not text and row[at].merged:  # a cell merged down a column: the text of the first row
            text = carried.get(at, "")
        carried[at] = text
        if text:
            fields.append(ParsedField(name=field_name, text=text, where=row[at].where))
    return ParsedItem(
        number=number, name=name.strip(), where=row[min(name_at, len(row) - 1)].where, fields=fields
    )


def parse_table(table: Table) -> list[ParsedAspect]:
    """Parse one table of the 7-column layout (columns found by their headers); [] if it is not one."""
    columns: dict[str, int] | None = None
    tree = _Tree()
    pending: list[tuple[str | None, int | None, str, Location]] = []
    carried: dict[int, str] = {}
    for row in table.rows:
        if columns is None:
            columns = _header(row)
            continue
        texts = [_cell_text(c.text) for c in row]
        if not any(texts) or _header(row) == columns:  # empty, or the header repeated on every page
            continue
        name = texts[columns["name"]] if columns["name"] < len(texts) else ""
        heading = _heading_row(texts, name)
        if heading is not None:
            found = _heading(heading)
            kind, number, rest = found if found and found[0] != "item" else (None, None, heading)
            pending.append((kind, number, rest.strip(), row[texts.index(heading)].where))
            continue
        _place_headings(tree, pending)
        pending = []
        tree.item(_table_item(row, texts, columns, carried))
    return tree.build()


def _place_headings(tree: _Tree, pending: list[tuple[str | None, int | None, str, Location]]) -> None:
    for k, (kind, number, name, where) in enumerate(pending):
        # An unnumbered merged row followed by another heading is an aspect; the last one, a category.
        level = kind or ("aspect" if k + 1 < len(pending) else "category")
        if level == "aspect":
            tree.aspect(number, name, where)
        else:
            tree.category(number, name, where)


def parse_document(document: Document) -> ParsedDocument:
    """Parse a document: labelled prose in its lines, and every table of the 7-column layout."""
    aspects, findings = parse_labelled(document.lines)
    layouts = ["labelled"] if aspects else []
    for table in document.tables:
        found = parse_table(table)
        if found:
            layouts.append("table")
        aspects.extend(found)
    return ParsedDocument(
        layout="+".join(dict.fromkeys(layouts)) or "none", aspects=aspects, findings=findings
    )
