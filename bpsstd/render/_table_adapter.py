"""Build a :class:`~bpsstd.render._table.ComparisonTable` from today's :func:`bpsstd.diff` output.

This is the only module that reads :class:`~bpsstd.changes.Change` records for the table; the writers
read the table alone. When the change records become typed (old and new as typed values rather than
their JSON form), only this module follows.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any

from bpsstd.changes import Change, ChangeKind, Direction
from bpsstd.model import Confidence, Edition, ExpenditureClass, ServiceItem
from bpsstd.render._labels import EXPENDITURE, FIELDS, pick
from bpsstd.render._table import (
    Cell,
    ComparisonTable,
    Count,
    DataRow,
    LegendEntry,
    Mark,
    Row,
    Run,
    SectionRow,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bpsstd.changes import EditionDiff

__all__ = ["change_row", "comparison_table", "numbered"]

_W: dict[str, tuple[str, str]] = {
    "title": ("《{old}》与《{new}》新旧对照表", "Comparison table: {old} and {new}"),
    "old_col": ("原标准（{ed}）", "Old ({ed})"),
    "new_col": ("新标准（{ed}）", "New ({ed})"),
    "note_col": ("修改说明", "What changed"),
    "meta": (
        "{which}：{title}；文号：{doc}；发布日期：{date}",
        "{which}: {title}; document number: {doc}; published: {date}",
    ),
    "old": ("原标准", "Old"),
    "new": ("新标准", "New"),
    "unknown": ("未知", "unknown"),
    "inherited": (
        "注：{new}有 {n} 项的内容沿用{old}（未知有变化，但未核实两版相同），这些项目如有变化，本表无法列出。",
        (
            "Note: {n} items of {new} repeat the row of {old} (no change known, not verified identical); "
            "changes to them, if any, cannot show in this table."
        ),
    ),
    "total": ("变化合计", "All changes"),
    "substantive": ("其中实质性", "of substance"),
    "wording": ("其中仅措辞", "wording only"),
    "facts": ("版本信息", "Edition facts"),
    "unrecorded": (
        "一个版本未载明的信息（不计为修改）",
        "Not recorded in one edition (not counted as changes)",
    ),
    "unrecorded_line": ("{label}：{old}为“{ov}”，{new}为“{nv}”", "{label}: {old} “{ov}”, {new} “{nv}”"),
    "not_recorded": ("未载明", "not recorded"),
    "raised": ("提高", "raised"),
    "lowered": ("降低", "lowered"),
    "changed": ("调整", "changed"),
    "q_added": ("新增数值", "number added"),
    "q_removed": ("不再载明此数值", "number no longer stated"),
    "is_substantive": ("实质性修改", "change of substance"),
    "is_wording": ("仅措辞调整", "wording only"),
    "translation": ("仅英文译文调整，中文未变", "English rendering only; the Chinese is unchanged"),
    "item_added": ("新增服务项目", "item added"),
    "item_removed": ("删除服务项目", "item removed"),
    "renamed": ("更名", "renamed"),
    "moved": ("改列其他类别", "moved to another category"),
    "renumbered": ("仅序号变化", "position only"),
    "reordered": ("顺序调整", "order changed"),
    "number": ("序号", "position"),
    "class": ("支出责任类别", "expenditure class"),
    "category_col": ("类别", "category"),
    "legend_ins": ("新增内容", "added text"),
    "legend_del": ("删除内容", "deleted text"),
    "legend_wording": ("仅措辞调整（含义未变）", "wording only (meaning unchanged)"),
    "legend_unverified": ("内容未经来源核实", "facts not confirmed by a source"),
    "legend_added": ("新增服务项目", "item added"),
    "legend_removed": ("删除服务项目", "item removed"),
    "sample_ins": ("新增", "added"),
    "sample_del": ("删除", "deleted"),
    "sample_wording": ("措辞", "wording"),
}
_KINDS: dict[ChangeKind, tuple[str, str]] = {
    ChangeKind.ITEM_ADDED: ("新增服务项目", "items added"),
    ChangeKind.ITEM_REMOVED: ("删除服务项目", "items removed"),
    ChangeKind.ITEM_RENAMED: ("项目更名", "items renamed"),
    ChangeKind.ITEM_MOVED: ("项目改列", "items moved"),
    ChangeKind.ITEM_RENUMBERED: ("仅序号变化", "renumbered only"),
    ChangeKind.ITEM_REORDERED: ("顺序调整", "reordered"),
    ChangeKind.FIELD_CHANGED: ("项目内容修改", "item fields changed"),
    ChangeKind.METADATA_CHANGED: ("版本信息变化", "edition facts changed"),
    ChangeKind.CATEGORY_ADDED: ("新增类别", "categories added"),
    ChangeKind.CATEGORY_REMOVED: ("删除类别", "categories removed"),
    ChangeKind.CATEGORY_RENAMED: ("类别更名", "categories renamed"),
    ChangeKind.ASPECT_ADDED: ("新增方面", "aspects added"),
    ChangeKind.ASPECT_REMOVED: ("删除方面", "aspects removed"),
    ChangeKind.ASPECT_RENAMED: ("方面更名", "aspects renamed"),
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
#: Fields in the order the official document writes them; renumbering and moves come first.
_FIELD_ORDER = ("category", "number", "name", "target", "content", "standard", "expenditure", "lead_units")
_ZH_DIGITS = "零一二三四五六七八九"
_TOKEN = re.compile(r"[0-9][0-9.,]*|[A-Za-z]+|\s+|.", re.DOTALL)
#: A date or a bare number: shown replaced whole, never digit by digit.
_FIGURE = re.compile(r"[0-9][0-9 .,/:-]*")
#: Below this similarity (difflib's ratio) two texts are shown as wholly replaced.
_REWRITTEN = 0.4


def _zh_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (aspects and categories stay well under 100)."""
    if n < 10:
        return _ZH_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + (_ZH_DIGITS[ones] if ones else "")


def numbered(level: str, number: int, name: str, lang: str) -> str:
    """Number a heading as the official document does: 一、 aspect; 1. category; （1） item."""
    if lang == "en":
        return {"aspect": f"{number}. {name}", "category": f"{number}. {name}"}.get(
            level, f"({number}) {name}"
        )
    if level == "aspect":
        return f"{_zh_number(number)}、{name}"
    if level == "category":
        return f"{number}.{name}"
    return f"（{number}）{name}"


def _edition_label(edition: Edition, lang: str) -> str:
    if edition.id.isdigit():
        return f"{edition.id}年版" if lang == "zh" else f"{edition.id} edition"
    return edition.id


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


class _Builder:
    """Turns one diff into rows, in one language."""

    def __init__(self, d: EditionDiff, old: Edition, new: Edition, lang: str) -> None:
        self.d, self.old, self.new, self.lang = d, old, new, lang

    def w(self, word: str, **values: object) -> str:
        return pick(_W[word], self.lang).format(**values)

    def value(self, value: Any) -> str:  # noqa: ANN401, PLR0911  # a change's JSON-form value; one return per shape
        """One value of a change in its JSON form, as words."""
        if value is None:
            return self.w("not_recorded")
        if isinstance(value, dict) and "zh" in value:
            return str(value["en"] if self.lang == "en" else value["zh"])
        if isinstance(value, dict) and "min" in value:
            return f"{_number(value['min'])}-{_number(value['max'])}"
        if isinstance(value, dict) and "numerator" in value:
            return f"{value['numerator']}/{value['denominator']}"
        if isinstance(value, list):
            if all(isinstance(v, (int, float)) for v in value):
                return "/".join(_number(v) for v in value)
            return "\n".join(self.value(v) for v in value)
        return _number(value)

    def agencies(self, keys: Iterable[str], marked: Iterable[str], mark: Mark) -> Cell:
        runs: list[Run] = []
        marked = set(marked)
        for i, key in enumerate(keys):
            if i:
                runs.append(Run(text="、" if self.lang == "zh" else ", "))
            runs.append(
                Run(text=self.d.agency_name(key).get(self.lang), mark=mark if key in marked else Mark.PLAIN)
            )
        return tuple(runs)

    def texts(self, old: str, new: str, *, wording: bool) -> tuple[Cell, Cell]:
        """The two texts with the changed runs marked: struck in the old, red (or underlined) in the new."""
        # Chinese compares by character, numbers and Latin words whole: 4 -> 5 and 80 -> 81 are marked
        # as whole numbers, not as one changed digit.
        a, b = _TOKEN.findall(old), _TOKEN.findall(new)
        inserted = Mark.WORDING if wording else Mark.INSERTED
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        if matcher.ratio() < _REWRITTEN or (_FIGURE.fullmatch(old) and _FIGURE.fullmatch(new)):
            # Mostly rewritten, or a figure: marking the few shared characters would only scatter it.
            return _merge([Run(text=old, mark=Mark.DELETED)]), _merge([Run(text=new, mark=inserted)])
        old_runs: list[Run] = []
        new_runs: list[Run] = []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                old_runs.append(Run(text="".join(a[i1:i2])))
                new_runs.append(Run(text="".join(b[j1:j2])))
                continue
            if i2 > i1:
                old_runs.append(Run(text="".join(a[i1:i2]), mark=Mark.DELETED))
            if j2 > j1:
                new_runs.append(Run(text="".join(b[j1:j2]), mark=inserted))
        return _merge(old_runs), _merge(new_runs)

    def label(self, text: str) -> Run:
        return Run(text=text + ("：" if self.lang == "zh" else ": "), mark=Mark.LABEL)

    def note(self, c: Change, *words: str) -> Cell:
        runs = [Run(text=("；" if self.lang == "zh" else "; ").join(w for w in words if w))]
        if c.confidence in {Confidence.LOW, Confidence.UNKNOWN}:
            runs.append(Run(text=pick(("未核实", "unverified"), self.lang), mark=Mark.UNVERIFIED))
        return tuple(runs)

    def item_text(self, item: ServiceItem, mark: Mark) -> Cell:
        """A whole item as the official document sets it out, every run with *mark*."""
        sep = "。" if self.lang == "zh" else "."
        runs: list[Run] = [Run(text=item.name.get(self.lang) + "\n", mark=mark)]
        for name, text in (
            ("target", item.target.get(self.lang)),
            ("content", item.content.get(self.lang)),
            ("standard", item.standard.get(self.lang)),
            ("expenditure", item.expenditure.text.get(self.lang)),
        ):
            runs.extend((self.label(pick(FIELDS[name], self.lang)), Run(text=text + sep + "\n", mark=mark)))
        units = ("、" if self.lang == "zh" else ", ").join(
            self.d.agency_name(k).get(self.lang) for k in item.lead_units
        )
        runs.extend((self.label(pick(FIELDS["lead_units"], self.lang)), Run(text=units + sep, mark=mark)))
        return tuple(runs)

    def row(self, c: Change) -> DataRow:  # noqa: C901, PLR0911, PLR0912  # one branch per kind of change
        base: dict[str, Any] = {"kind": c.kind.value, "item": c.item, "field": c.field}
        k, field = c.kind, c.field or ""
        if k is ChangeKind.ITEM_ADDED:
            item = self.new.item(c.item or "")
            added = (Run(text=pick(("新增", "new"), self.lang), mark=Mark.ADDED),)
            return DataRow(
                old=added,
                new=self.item_text(item, Mark.INSERTED),
                note=self.note(c, self.w("item_added")),
                **base,
            )
        if k is ChangeKind.ITEM_REMOVED:
            item = self.old.item(c.item or "")
            removed = (Run(text=pick(("删除", "removed"), self.lang), mark=Mark.REMOVED),)
            old = (*self.item_text(item, Mark.DELETED), Run(text="\n"), *removed)
            return DataRow(old=old, new=(), note=self.note(c, self.w("item_removed")), **base)
        if k is ChangeKind.METADATA_CHANGED and field == "departments.named":
            label = self.label(pick(_META[field], self.lang))
            mark = Mark.INSERTED if c.substantive else Mark.WORDING
            return DataRow(
                old=(label, *self.agencies(c.old or (), c.removed, Mark.DELETED)),
                new=(label, *self.agencies(c.new or (), c.added, mark)),
                note=self.note(c, self.w("changed")),
                **base,
            )
        if k is ChangeKind.METADATA_CHANGED:
            label = self.label(pick(_META.get(field, (field, field)), self.lang))
            old_cell, new_cell = self.texts(self.value(c.old), self.value(c.new), wording=not c.substantive)
            return DataRow(
                old=(label, *old_cell), new=(label, *new_cell), note=self.note(c, self.w("changed")), **base
            )
        if field == "lead_units":
            label = self.label(pick(FIELDS["lead_units"], self.lang))
            return DataRow(
                old=(label, *self.agencies(c.old or (), c.removed, Mark.DELETED)),
                new=(label, *self.agencies(c.new or (), c.added, Mark.INSERTED)),
                note=self.note(c, self.w("is_substantive")),
                **base,
            )
        if field == "expenditure.class":
            label = self.label(self.w("class"))
            old_word = pick(EXPENDITURE[ExpenditureClass(c.old)], self.lang)
            new_word = pick(EXPENDITURE[ExpenditureClass(c.new)], self.lang)
            return DataRow(
                old=(label, Run(text=old_word, mark=Mark.DELETED)),
                new=(label, Run(text=new_word, mark=Mark.INSERTED)),
                note=self.note(c, self.w("is_substantive")),
                **base,
            )
        if field.startswith("quantities."):
            return self.quantity(c, base)
        if k in {ChangeKind.ITEM_RENUMBERED, ChangeKind.ITEM_REORDERED}:
            label = self.label(self.w("number"))
            verb = self.w("renumbered" if k is ChangeKind.ITEM_RENUMBERED else "reordered")
            return DataRow(
                old=(label, Run(text=_number(c.old), mark=Mark.DELETED)),
                new=(label, Run(text=_number(c.new), mark=Mark.INSERTED)),
                note=self.note(c, verb),
                **base,
            )
        # Text: names, fields, moves, categories and aspects.
        old_text, new_text = self.value(c.old), self.value(c.new)
        words: list[str] = []
        if k is ChangeKind.ITEM_RENAMED or k.value.endswith("-renamed"):
            label_text, words = pick(FIELDS["name"], self.lang), [self.w("renamed")]
        elif k is ChangeKind.ITEM_MOVED:
            label_text, words = pick(FIELDS["category"], self.lang), [self.w("moved")]
        else:
            label_text = pick(FIELDS.get(field, (field, field)), self.lang)
        if isinstance(c.old, dict) and isinstance(c.new, dict) and c.old.get("zh") == c.new.get("zh"):
            words.append(self.w("translation"))
        elif k is ChangeKind.FIELD_CHANGED:
            words.append(self.w("is_substantive" if c.substantive else "is_wording"))
        old_cell, new_cell = self.texts(old_text, new_text, wording=not c.substantive)
        label = self.label(label_text)
        return DataRow(old=(label, *old_cell), new=(label, *new_cell), note=self.note(c, *words), **base)

    def quantity(self, c: Change, base: dict[str, Any]) -> DataRow:
        label = self.label(c.what or c.field or "")
        unit = f" {c.unit}" if c.unit else ""
        if (c.field or "").endswith(".unit"):
            old_cell: Cell = (label, Run(text=self.value(c.old), mark=Mark.DELETED))
            new_cell: Cell = (label, Run(text=self.value(c.new), mark=Mark.INSERTED))
            return DataRow(old=old_cell, new=new_cell, note=self.note(c, self.w("changed")), **base)
        old_cell = (label, Run(text=self.value(c.old) + unit, mark=Mark.DELETED)) if c.old is not None else ()
        new_cell = (
            (label, Run(text=self.value(c.new) + unit, mark=Mark.INSERTED)) if c.new is not None else ()
        )
        verb = {
            Direction.RAISED: "raised",
            Direction.LOWERED: "lowered",
            Direction.ADDED: "q_added",
            Direction.REMOVED: "q_removed",
        }.get(c.direction or Direction.CHANGED, "changed")
        return DataRow(old=old_cell, new=new_cell, note=self.note(c, self.w(verb)), **base)


def _merge(runs: list[Run]) -> Cell:
    """Join neighbouring runs of the same mark and drop empty ones."""
    out: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if out and out[-1].mark is run.mark:
            out[-1] = Run(text=out[-1].text + run.text, mark=run.mark)
        else:
            out.append(run)
    return tuple(out)


def _position(c: Change, old: Edition, new: Edition) -> tuple[Edition, int, int, int] | None:
    """Where a change sits in document order: the edition holding its item, aspect, category, item numbers."""
    for edition in (new, old):
        for aspect in edition.aspects:
            for category in aspect.categories:
                if c.item is None and c.category == category.key:
                    return edition, aspect.number, category.number, 0
                for item in category.items:
                    if item.key == c.item:
                        return edition, aspect.number, category.number, item.number
    return None


def _field_rank(c: Change) -> int:
    field = (c.field or "").split(".")[0]
    if field == "quantities":
        return len(_FIELD_ORDER) + 1
    return _FIELD_ORDER.index(field) if field in _FIELD_ORDER else len(_FIELD_ORDER)


def comparison_table(
    d: EditionDiff, old: Edition, new: Edition, lang: str = "zh"
) -> ComparisonTable:  # one pass per part of the table
    """Build the 新旧对照表 of *d*, the diff from *old* to *new*, in Chinese (default) or English.

    Every change of *d* becomes one data row, except an edition fact that one edition does not
    record (its value is null): that is listed under :attr:`ComparisonTable.unrecorded` instead.
    """
    b = _Builder(d, old, new, lang)
    old_label, new_label = _edition_label(old, lang), _edition_label(new, lang)
    meta = [
        b.w(
            "meta",
            which=b.w(which),
            title=ed.title.get(lang),
            doc=ed.doc_number or b.w("unknown"),
            date=ed.published.isoformat() if ed.published else b.w("unknown"),
        )
        for which, ed in (("old", old), ("new", new))
    ]
    if d.unverified:
        meta.append(b.w("inherited", n=len(d.unverified), old=old_label, new=new_label))

    rows: list[Row] = []
    facts = [c for c in d.changes if c.kind is ChangeKind.METADATA_CHANGED]
    unrecorded = [
        b.w(
            "unrecorded_line",
            label=pick(_META.get(c.field or "", (c.field or "", c.field or "")), lang),
            old=old_label,
            new=new_label,
            ov=b.value(c.old),
            nv=b.value(c.new),
        )
        for c in facts
        if c.old is None or c.new is None
    ]
    shown_facts = [c for c in facts if c.old is not None and c.new is not None]
    if shown_facts:
        rows.append(SectionRow(level="facts", text=b.w("facts")))
        rows.extend(b.row(c) for c in shown_facts)

    placed = []
    for index, c in enumerate(d.changes):
        if c.kind is ChangeKind.METADATA_CHANGED:
            continue
        where = _position(c, old, new)
        order = (where[1], where[2], where[3]) if where else (10**6, 0, 0)
        placed.append((order, _field_rank(c), index, c, where))
    placed.sort(key=lambda p: p[:3])
    seen: set[tuple[str, str | None]] = set()
    for _, _, _, c, where in placed:
        if where is not None:
            rows.extend(_sections(where, c, seen, lang))
        rows.append(b.row(c))

    counts = [Count(label=b.w("total"), count=len(d.changes), kind="total")]
    counts += [
        Count(label=b.w("substantive"), count=sum(c.substantive for c in d.changes), kind="substantive"),
        Count(label=b.w("wording"), count=sum(not c.substantive for c in d.changes), kind="wording"),
    ]
    for kind, words in _KINDS.items():
        n = sum(c.kind is kind for c in d.changes)
        if n:
            counts.append(Count(label=pick(words, lang), count=n, kind=kind.value))
    legend = (
        LegendEntry(mark=Mark.INSERTED, sample=b.w("sample_ins"), meaning=b.w("legend_ins")),
        LegendEntry(mark=Mark.DELETED, sample=b.w("sample_del"), meaning=b.w("legend_del")),
        LegendEntry(mark=Mark.WORDING, sample=b.w("sample_wording"), meaning=b.w("legend_wording")),
        LegendEntry(
            mark=Mark.UNVERIFIED,
            sample=pick(("未核实", "unverified"), lang),
            meaning=b.w("legend_unverified"),
        ),
        LegendEntry(mark=Mark.ADDED, sample=pick(("新增", "new"), lang), meaning=b.w("legend_added")),
        LegendEntry(mark=Mark.REMOVED, sample=pick(("删除", "removed"), lang), meaning=b.w("legend_removed")),
    )
    return ComparisonTable(
        title=b.w("title", old=old.title.get(lang), new=new.title.get(lang)),
        meta=meta,
        summary=counts,
        legend=legend,
        header=(b.w("old_col", ed=old_label), b.w("new_col", ed=new_label), b.w("note_col")),
        rows=rows,
        unrecorded_title=b.w("unrecorded"),
        unrecorded=unrecorded,
        lang=lang,
    )


def _sections(
    where: tuple[Edition, int, int, int], c: Change, seen: set[tuple[str, str | None]], lang: str
) -> list[SectionRow]:
    """The aspect, category and item headings a change's row needs that the table has not shown yet."""
    edition, aspect_no, category_no, item_no = where
    aspect = next(a for a in edition.aspects if a.number == aspect_no)
    category = next(cat for cat in aspect.categories if cat.number == category_no)
    out = []
    if ("aspect", aspect.key) not in seen:
        seen.add(("aspect", aspect.key))
        out.append(
            SectionRow(
                level="aspect",
                text=numbered("aspect", aspect.number, aspect.name.get(lang), lang),
                key=aspect.key,
            )
        )
    if ("category", category.key) not in seen:
        seen.add(("category", category.key))
        out.append(
            SectionRow(
                level="category",
                text=numbered("category", category.number, category.name.get(lang), lang),
                key=category.key,
            )
        )
    if c.item is not None and ("item", c.item) not in seen:
        seen.add(("item", c.item))
        item = next(i for i in category.items if i.key == c.item)
        out.append(
            SectionRow(level="item", text=numbered("item", item_no, item.name.get(lang), lang), key=item.key)
        )
    return out


def change_row(d: EditionDiff, old: Edition, new: Edition, change: Change, lang: str = "zh") -> DataRow:
    """The data row the table shows for one *change* of *d* (``bpsstd history`` prints it as a line)."""
    return _Builder(d, old, new, lang).row(change)
