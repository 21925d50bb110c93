"""An :class:`~bpsstd.diff.EditionDiff` as text, JSON, Markdown or reStructuredText, in Chinese or English.

Human formats group the changes the way a reader of the standard thinks: items added or removed,
standards raised or lowered, target populations, expenditure and lead units, wording, names and
places, edition facts, and renumbering last.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from attrs import frozen

from bpsstd.diff import Change, ChangeKind, Direction
from bpsstd.model import Confidence, ExpenditureClass
from bpsstd.render._labels import EXPENDITURE, FIELDS, pick

if TYPE_CHECKING:
    from collections.abc import Callable

    from bpsstd.diff import EditionDiff

__all__ = ["diff_json", "diff_markdown", "diff_rst", "diff_text"]

_W: dict[str, tuple[str, str]] = {
    "title": (
        "国家基本公共服务标准 {old} → {new} 变化",
        "National Basic Public Service Standards: {old} → {new}",
    ),
    "summary": (
        "共 {total} 处变化：实质性 {substantive} 处，仅措辞 {wording} 处。",
        "{total} changes: {substantive} of substance, {wording} of wording only.",
    ),
    "none": ("两个版本没有差别。", "The two editions do not differ."),
    "unverified_rows": (
        (
            "注意：{new}年版有 {n} 项的内容沿用上一版（未知有变化，但未核实两版相同）；"
            "这些项目如有变化，本报告无法列出。"
        ),
        (
            "Note: {n} items of the {new} edition repeat the previous edition's row (no change is known, "
            "but the rows are not verified identical); changes to them, if any, cannot be listed here."
        ),
    ),
    "added": ("新增服务项目", "Items added"),
    "removed": ("取消的服务项目", "Items removed"),
    "levels": ("服务标准提高或降低", "Standards raised or lowered"),
    "target": ("服务对象调整", "Target population changes"),
    "money": ("支出责任与牵头负责单位调整", "Expenditure and lead-unit changes"),
    "text": ("服务内容与服务标准表述调整", "Content and standard wording"),
    "places": ("名称与归类调整", "Names and places"),
    "structure": ("方面与类别调整", "Aspects and categories"),
    "meta": ("版本信息", "Edition facts"),
    "renumbered": ("仅序号变化", "Renumbering only"),
    "raised": ("提高", "raised"),
    "lowered": ("降低", "lowered"),
    "changed": ("调整", "changed"),
    "q_added": ("新增数值", "new number"),
    "q_removed": ("本版行文未载此数值", "number no longer stated"),
    "substantive": ("实质性", "substantive"),
    "wording": ("仅措辞", "wording only"),
    "unverified": ("未核实", "unverified"),
    "in": ("位于", "in"),
    "item_no": ("第{n}项", "item {n}"),
    "units_added": ("增加", "added"),
    "units_removed": ("不再列", "removed"),
    "class": ("支出责任类别", "expenditure class"),
    "renamed": ("更名", "renamed"),
    "moved": ("改列", "moved to"),
    "reordered": ("顺序调整", "reordered"),
    "renumber": ("序号", "number"),
    "unknown": ("未知", "unknown"),
    "spans": ("改动", "changed text"),
    "translation": ("仅英文译文调整，中文未变", "English rendering only; the Chinese is unchanged"),
    "old": ("原", "was"),
    "new": ("现", "now"),
}
_META: dict[str, tuple[str, str]] = {
    "title": ("标题", "title"),
    "notice_title": ("通知标题", "notice title"),
    "doc_number": ("文号", "document number"),
    "published": ("发布日期", "publication date"),
    "issued": ("印发日期", "issuing date"),
    "addressed_to": ("主送", "addressed to"),
    "approving_body": ("批准机关", "approving body"),
    "requirements": ("实施要求", "implementation requirements"),
    "declared.aspects": ("方面数", "declared aspects"),
    "declared.categories": ("类别数", "declared categories"),
    "declared.items": ("服务项目数", "declared items"),
    "departments.count": ("印发部门数", "issuing departments"),
    "departments.named": ("来源列名的印发部门", "issuing departments named by sources"),
}


@frozen
class _Style:
    """How one output format marks code, emphasis, insertions and deletions."""

    code: Callable[[str], str]
    escape: Callable[[str], str]
    heading: Callable[[str, int], str]
    bullet: str
    indent: str
    nested_gap: bool = False
    """Whether a nested list needs blank lines around it (reST does)."""


def _rst_escape(text: str) -> str:
    for char in ("\\", "*", "`", "|", "_", "[", ":"):
        text = text.replace(char, "\\" + char)
    return text


def _md_escape(text: str) -> str:
    for char in ("\\", "*", "_", "`", "[", "]", "<", ">", "#", "|"):
        text = text.replace(char, "\\" + char)
    return text


def _rst_heading(title: str, level: int) -> str:
    # Chinese characters are two columns wide; reST counts characters, so a generous rule is safe.
    return f"{title}\n{'=-~'[level] * (2 * len(title) + 4)}\n"


_TEXT = _Style(
    code=lambda s: f"[{s}]",
    escape=lambda s: s,
    heading=lambda t, _: f"{t}\n",
    bullet="- ",
    indent="    ",
)
_MARKDOWN = _Style(
    code=lambda s: f"`{s}`",
    escape=_md_escape,
    heading=lambda t, lv: f"{'#' * (lv + 1)} {t}\n",
    bullet="- ",
    indent="  ",
)
_RST = _Style(
    # The escaped space lets a literal end before full-width punctuation such as "（", which reST
    # would not otherwise accept after an end-string.
    code=lambda s: f"``{s}``\\ ",
    escape=_rst_escape,
    heading=_rst_heading,
    bullet="- ",
    indent="  ",
    nested_gap=True,
)


class _Writer:
    """Builds the grouped report for one format and language."""

    def __init__(self, d: EditionDiff, lang: str, style: _Style) -> None:
        self.d, self.lang, self.s = d, lang, style

    def w(self, word: str, **values: object) -> str:
        return pick(_W[word], self.lang).format(**values)

    def t(self, value: Any) -> str:  # noqa: ANN401  # a {zh, en} mapping or plain value
        if isinstance(value, dict) and "zh" in value:
            return self.s.escape(str(value["en"] if self.lang == "en" else value["zh"]))
        if value is None:
            return self.w("unknown")
        if isinstance(value, list):
            return self.s.escape("/".join(_number(v) for v in value))
        if isinstance(value, dict) and "min" in value:
            return self.s.escape(f"{_number(value['min'])}-{_number(value['max'])}")
        if isinstance(value, dict) and "numerator" in value:
            return self.s.escape(f"{value['numerator']}/{value['denominator']}")
        return self.s.escape(_number(value))

    def paren(self, text: str) -> str:
        return f"（{text}）" if self.lang == "zh" else f" ({text})"

    def who(self, c: Change) -> str:
        name = (c.name.get(self.lang) or "") if c.name else ""
        badge = ""
        if c.confidence in {Confidence.LOW, Confidence.UNKNOWN}:
            badge = self.paren(self.w("unverified"))
        return f"{self.s.escape(name)} {self.s.code(c.item or c.category or '')}{badge}"

    def agencies(self, keys: tuple[str, ...]) -> str:
        sep = "、" if self.lang == "zh" else ", "
        return sep.join(self.s.escape(self.d.agency_name(k).get(self.lang) or k) for k in keys)

    def spans(self, c: Change) -> str:
        parts = []
        for span in c.spans:
            old, new = self.s.escape(span.old), self.s.escape(span.new)
            if span.op == "delete":
                parts.append(f"−「{old}」")
            elif span.op == "insert":
                parts.append(f"+「{new}」")
            else:
                parts.append(f"「{old}」→「{new}」")
        return "；".join(parts) if self.lang == "zh" else "; ".join(parts)

    @property
    def colon(self) -> str:
        return "：" if self.lang == "zh" else ": "

    def join(self, parts: list[str]) -> str:
        return ("；" if self.lang == "zh" else "; ").join(parts)

    def line(self, c: Change) -> tuple[str, list[str]]:
        """One headline and its detail lines for change *c*."""
        k, field = c.kind, c.field or ""
        if k is ChangeKind.FIELD_CHANGED:
            special = {"lead_units": self.lead_units, "expenditure.class": self.expenditure_class}
            if field.startswith("quantities."):
                return self.quantity(c), []
            if field in special:
                return special[field](c), []
            return self.text_field(c)
        if k in {ChangeKind.ITEM_ADDED, ChangeKind.ITEM_REMOVED}:
            return self.presence(c), []
        if k is ChangeKind.METADATA_CHANGED:
            return self.metadata(c)
        return self.place(c), []

    def presence(self, c: Change) -> str:
        place = c.new if c.kind is ChangeKind.ITEM_ADDED else c.old
        return (
            f"{self.who(c)}{self.colon}{self.w('in')} {place['category_number']}. "
            f"{self.t(place['category_name'])} {self.w('item_no', n=place['number'])}"
        )

    def quantity(self, c: Change) -> str:
        head = f"{self.who(c)}{self.colon}{self.s.escape(c.what or c.field or '')}{self.colon}"
        unit = self.s.escape(c.unit or "")
        if (c.field or "").endswith(".unit"):
            return f"{head}{self.t(c.old)} → {self.t(c.new)}"
        if c.direction is Direction.ADDED:
            return f"{head}{self.w('q_added')} {self.t(c.new)} {unit}"
        if c.direction is Direction.REMOVED:
            return f"{head}{self.w('q_removed')}{self.paren(f'{self.t(c.old)} {unit}')}"
        arrow, verb = _ARROWS.get(c.direction or Direction.CHANGED, ("↕", "changed"))
        return f"{arrow} {head}{self.t(c.old)} → {self.t(c.new)} {unit}{self.paren(self.w(verb))}"

    def lead_units(self, c: Change) -> str:
        bits = []
        if c.added:
            bits.append(f"{self.w('units_added')} {self.agencies(c.added)}")
        if c.removed:
            bits.append(f"{self.w('units_removed')} {self.agencies(c.removed)}")
        return (
            f"{self.who(c)}{self.colon}{pick(FIELDS['lead_units'], self.lang)}{self.colon}{self.join(bits)}"
        )

    def expenditure_class(self, c: Change) -> str:
        # An unknown class (None) shows as empty for now; how unknowns read is a later task.
        old = pick(EXPENDITURE[ExpenditureClass(c.old)], self.lang) if c.old else ""
        new = pick(EXPENDITURE[ExpenditureClass(c.new)], self.lang) if c.new else ""
        return f"{self.who(c)}{self.colon}{self.w('class')}{self.colon}{old} → {new}"

    def text_field(self, c: Change) -> tuple[str, list[str]]:
        label = pick(FIELDS[c.field or "content"], self.lang)
        if c.old["zh"] == c.new["zh"]:
            # Only the English rendering moved: say so, and show the English even in Chinese.
            nature = self.w("translation")
            details = [
                f"{self.w('old')}{self.colon}{self.s.escape(c.old['en'])}",
                f"{self.w('new')}{self.colon}{self.s.escape(c.new['en'])}",
            ]
            return f"{self.who(c)}{self.colon}{label}{self.paren(nature)}", details
        nature = self.w("substantive" if c.substantive else "wording")
        details = [
            f"{self.w('old')}{self.colon}{self.t(c.old)}",
            f"{self.w('new')}{self.colon}{self.t(c.new)}",
        ]
        # Changed runs help where a few words moved; where most of the text (over 60%) was rewritten they only
        # repeat the two texts in pieces.
        changed = sum(len(s.old) + len(s.new) for s in c.spans)
        if c.spans and self.lang == "zh" and changed * 5 <= (len(c.old["zh"]) + len(c.new["zh"])) * 3:
            details.insert(0, f"{self.w('spans')}{self.colon}{self.spans(c)}")
        return f"{self.who(c)}{self.colon}{label}{self.paren(nature)}", details

    def place(self, c: Change) -> str:
        k = c.kind
        if k is ChangeKind.ITEM_RENAMED:
            return (
                f"{self.who(c)}{self.colon}{self.w('renamed')}{self.colon}{self.t(c.old)} → {self.t(c.new)}"
            )
        if k is ChangeKind.ITEM_MOVED:
            was = self.paren(self.w("old") + self.colon + self.t(c.old))
            return f"{self.who(c)}{self.colon}{self.w('moved')} {self.t(c.new)}{was}"
        if k in {ChangeKind.ITEM_RENUMBERED, ChangeKind.ITEM_REORDERED}:
            verb = self.w("reordered" if k is ChangeKind.ITEM_REORDERED else "renumber")
            return f"{self.who(c)}{self.colon}{verb} {c.old} → {c.new}"
        # Aspects and categories.
        what = f"{self.w('changed')} {self.s.code(c.category or '')}"
        return f"{what}{self.colon}{self.t(c.old)} → {self.t(c.new)}"

    def metadata(self, c: Change) -> tuple[str, list[str]]:
        field = c.field or ""
        label = pick(_META.get(field, (field, field)), self.lang)
        if field == "requirements":
            return f"{label}{self.colon}{self.w('changed')}", [
                *(f"{self.w('old')}{self.colon}{self.t(r)}" for r in c.old or []),
                *(f"{self.w('new')}{self.colon}{self.t(r)}" for r in c.new or []),
            ]
        if field == "departments.named":
            return f"{label}{self.colon}{self.agencies(tuple(c.old))} → {self.agencies(tuple(c.new))}", []
        return f"{label}{self.colon}{self.t(c.old)} → {self.t(c.new)}", []

    def sections(self) -> list[tuple[str, list[Change]]]:
        groups: dict[str, list[Change]] = {name: [] for name in _ORDER}
        for c in self.d.changes:
            groups[_group(c)].append(c)
        return [(self.w(name), changes) for name, changes in groups.items() if changes]


_ARROWS = {Direction.RAISED: ("↑", "raised"), Direction.LOWERED: ("↓", "lowered")}
_ORDER = (
    "added",
    "removed",
    "levels",
    "target",
    "money",
    "text",
    "places",
    "structure",
    "meta",
    "renumbered",
)


def _group(c: Change) -> str:  # noqa: PLR0911  # one answer per group
    k = c.kind
    if k is ChangeKind.ITEM_ADDED:
        return "added"
    if k is ChangeKind.ITEM_REMOVED:
        return "removed"
    if k is ChangeKind.ITEM_RENUMBERED:
        return "renumbered"
    if k in {ChangeKind.ITEM_RENAMED, ChangeKind.ITEM_MOVED, ChangeKind.ITEM_REORDERED}:
        return "places"
    if k is ChangeKind.METADATA_CHANGED:
        return "meta"
    if k is not ChangeKind.FIELD_CHANGED:
        return "structure"
    field = c.field or ""
    if field.startswith("quantities."):
        return "levels"
    if field == "target":
        return "target"
    if field in {"expenditure", "expenditure.class", "lead_units"}:
        return "money"
    return "text"


def _number(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _render(d: EditionDiff, lang: str, style: _Style) -> str:
    writer = _Writer(d, lang, style)
    out = [style.heading(writer.w("title", old=d.old, new=d.new), 0)]
    if not d.changes:
        out.append(writer.w("none") + "\n")
        return "\n".join(out)
    out.append(writer.w("summary", **d.summary) + "\n")
    if d.unverified:
        out.append(writer.w("unverified_rows", n=len(d.unverified), new=d.new) + "\n")
    for title, changes in writer.sections():
        out.append(style.heading(f"{title}{writer.paren(str(len(changes)))}", 1))
        for c in changes:
            headline, details = writer.line(c)
            out.append(f"{style.bullet}{headline}")
            if details and style.nested_gap:
                out.append("")
            out.extend(f"{style.indent}{style.bullet}{detail}" for detail in details)
            if details and style.nested_gap:
                out.append("")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def diff_text(d: EditionDiff, lang: str = "zh") -> str:
    """Render *d* for a terminal, grouped for a reader, in Chinese (default) or English."""
    return _render(d, lang, _TEXT)


def diff_markdown(d: EditionDiff, lang: str = "zh") -> str:
    """Render *d* as Markdown."""
    return _render(d, lang, _MARKDOWN)


def diff_rst(d: EditionDiff, lang: str = "zh") -> str:
    """Render *d* as reStructuredText (the documentation site's changelog uses it)."""
    return _render(d, lang, _RST)


def diff_json(d: EditionDiff) -> str:
    """Render *d* as JSON, valid against ``bpsstd/schemas/diff.schema.json``."""
    return json.dumps(d.to_dict(), ensure_ascii=False, indent=2) + "\n"
