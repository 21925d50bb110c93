"""The presentation layer: every word, value and escape that a report or page shows, in one place.

Every renderer (:mod:`bpsstd.render`) and the Sphinx extension turn records into words through this
module and nowhere else:

- :class:`Word` names every word of the user interface; :func:`label` gives it in a :class:`~bpsstd.Lang` from
  one table per language, which also names the members of the model's vocabularies
  (:class:`~bpsstd.model.Confidence`, :class:`~bpsstd.model.ExpenditureClass`).
- :func:`show` formats any value a record holds (a text, a quantity value, a place, a class, ...).
- :func:`escape_rst`, :func:`escape_markdown` and :func:`escape_html` are the one escaper of each
  markup format: any text from the data renders literally, whatever characters it holds.
- :func:`item_marks` is the one rule for what an item's provenance leaves unconfirmed.

It imports the model and the change records, never the diff engine or the command line.
"""

from __future__ import annotations

import enum
import html
import re
from typing import TYPE_CHECKING

from bpsstd.changes import Place
from bpsstd.model import Comparator, Confidence, ExpenditureClass, Lang, Text, format_value

if TYPE_CHECKING:
    from bpsstd.changes import FactValue
    from bpsstd.model import FieldProvenance, Provenance, Value

__all__ = [
    "LABELS",
    "Word",
    "cite",
    "escape_html",
    "escape_markdown",
    "escape_rst",
    "fact_word",
    "field_notes",
    "field_word",
    "item_marks",
    "item_title",
    "label",
    "show",
    "show_quantity",
]


class Word(enum.Enum):
    """Every word of the user interface; values are stable names (``"doc_number"``) for tests and tables."""

    # Parts of an edition and of an item.
    EDITION = "edition"
    ASPECTS = "aspects"
    CATEGORIES = "categories"
    ITEMS = "items"
    LOCATION = "location"
    ITEM_NO = "item_no"
    NAME = "name"
    TARGET = "target"
    CONTENT = "content"
    STANDARD = "standard"
    EXPENDITURE = "expenditure"
    LEAD_UNITS = "lead_units"
    QUANTITIES = "quantities"
    NUMBER = "number"
    CATEGORY = "category"
    # Edition facts (their values are the fact names a metadata change reports).
    TITLE = "title"
    NOTICE_TITLE = "notice_title"
    DOC_NUMBER = "doc_number"
    PUBLISHED = "published"
    ISSUED = "issued"
    ADDRESSED_TO = "addressed_to"
    APPROVING_BODY = "approving_body"
    REQUIREMENTS = "requirements"
    DECLARED_ASPECTS = "declared.aspects"
    DECLARED_CATEGORIES = "declared.categories"
    DECLARED_ITEMS = "declared.items"
    DEPARTMENTS = "departments"
    DEPARTMENTS_COUNT = "departments.count"
    DEPARTMENTS_NAMED = "departments.named"
    TOTALS = "totals"
    # Provenance.
    UNKNOWN = "unknown"
    CONFIDENCE = "confidence"
    NAME_CONFIDENCE = "name_conf"
    FIELDS_CONFIDENCE = "fields_conf"
    SOURCES = "sources"
    NOTES = "notes"
    INHERITED = "inherited"
    RECONSTRUCTED = "reconstructed"
    UNVERIFIED = "unverified"
    SHIPPED = "shipped"
    # The catalogue page.
    CATALOGUE = "catalogue"
    CATALOGUE_LINK = "catalogue_link"
    CHANGES = "changes"
    INTRO = "intro"
    ABOUT = "about"
    DEPARTMENTS_VALUE = "departments_value"
    DEPARTMENTS_NAMED_VALUE = "departments_named"
    TOTALS_VALUE = "totals_value"
    DECLARED_DIFFERS = "declared_differs"
    EDITION_SOURCES = "edition_sources"
    LEGEND = "legend"
    LEGEND_OK = "legend_ok"
    LEGEND_INHERITED = "legend_inherited"
    LEGEND_LOW = "legend_low"
    LEGEND_RECONSTRUCTED = "legend_reconstructed"
    UNVERIFIED_COUNT = "unverified_count"
    BADGE_OK = "badge_ok"
    BADGE_NAME_LOW = "badge_name_low"
    BADGE_FIELDS_LOW = "badge_fields_low"
    BADGE_INHERITED = "badge_inherited"
    BADGE_RECONSTRUCTED = "badge_reconstructed"
    PROVENANCE = "provenance"
    NO_SOURCES = "no_sources"
    # The diff report.
    REPORT_TITLE = "report_title"
    REPORT_SUMMARY = "report_summary"
    REPORT_NONE = "report_none"
    UNVERIFIED_ROWS = "unverified_rows"
    GROUP_ADDED = "group_added"
    GROUP_REMOVED = "group_removed"
    GROUP_LEVELS = "group_levels"
    GROUP_TARGET = "group_target"
    GROUP_MONEY = "group_money"
    GROUP_TEXT = "group_text"
    GROUP_PLACES = "group_places"
    GROUP_STRUCTURE = "group_structure"
    GROUP_META = "group_meta"
    GROUP_RENUMBERED = "group_renumbered"
    RAISED = "raised"
    LOWERED = "lowered"
    CHANGED = "changed"
    QUANTITY_ADDED = "q_added"
    QUANTITY_REMOVED = "q_removed"
    SUBSTANTIVE = "substantive"
    WORDING = "wording"
    IN = "in"
    UNITS_ADDED = "units_added"
    UNITS_REMOVED = "units_removed"
    EXPENDITURE_CLASS = "class"
    RENAMED = "renamed"
    MOVED = "moved"
    REORDERED = "reordered"
    RENUMBERED = "renumber"
    SPANS = "spans"
    TRANSLATION_ONLY = "translation"
    OLD = "old"
    NEW = "new"

    # --- Diff semantics and Chinese throughout (issue 8): readings, not-recorded values, items. ---
    READING_GENEROSITY = "reading_generosity"
    READING_NUMERIC = "reading_numeric"
    GROUP_NOT_RECORDED = "group_not_recorded"
    NOT_RECORDED_INTRO = "not_recorded_intro"
    NOT_RECORDED_IN = "not_recorded_in"
    ITEM_AT = "item_at"
    SOURCE_IN_ENGLISH = "source_in_english"


#: What a label table names: a word of the interface, or a member of a vocabulary of the model.
LabelKey = Word | Confidence | ExpenditureClass | Comparator

_ZH: dict[LabelKey, str] = {
    Word.EDITION: "版本",
    Word.ASPECTS: "方面",
    Word.CATEGORIES: "类",
    Word.ITEMS: "项",
    Word.LOCATION: "位置",
    Word.ITEM_NO: "第{n}项",
    Word.NAME: "名称",
    Word.TARGET: "服务对象",
    Word.CONTENT: "服务内容",
    Word.STANDARD: "服务标准",
    Word.EXPENDITURE: "支出责任",
    Word.LEAD_UNITS: "牵头负责单位",
    Word.QUANTITIES: "数量",
    Word.NUMBER: "序号",
    Word.CATEGORY: "所属类别",
    Word.TITLE: "标题",
    Word.NOTICE_TITLE: "印发通知",
    Word.DOC_NUMBER: "文号",
    Word.PUBLISHED: "发布日期",
    Word.ISSUED: "印发日期",
    Word.ADDRESSED_TO: "主送",
    Word.APPROVING_BODY: "批准机关",
    Word.REQUIREMENTS: "实施要求",
    Word.DECLARED_ASPECTS: "方面数",
    Word.DECLARED_CATEGORIES: "类别数",
    Word.DECLARED_ITEMS: "服务项目数",
    Word.DEPARTMENTS: "印发部门",
    Word.DEPARTMENTS_COUNT: "印发部门数",
    Word.DEPARTMENTS_NAMED: "来源列名的印发部门",
    Word.TOTALS: "规模",
    Word.UNKNOWN: "未知",
    Word.CONFIDENCE: "可信度",
    Word.NAME_CONFIDENCE: "名称",
    Word.FIELDS_CONFIDENCE: "内容",
    Word.SOURCES: "来源",
    Word.NOTES: "备注",
    Word.INHERITED: "本版内容沿用{edition}年版（未知有变化，但未核实两版相同）",
    Word.RECONSTRUCTED: "重建项：未见于标准原文",
    Word.UNVERIFIED: "未核实",
    Word.SHIPPED: "已收录版本",
    Word.CATALOGUE: "服务项目目录（{edition}年版）",
    Word.CATALOGUE_LINK: "目录",
    Word.CHANGES: "变化",
    Word.INTRO: (
        "《{title}》的全部服务项目。本页由 bpsstd 在构建时根据 {edition} 年版数据生成，"
        "共 {aspects} 个方面、{categories} 类、{items} 项服务项目。每个服务项目列出服务对象、服务内容、"
        "服务标准、支出责任和牵头负责单位五项内容，以及标准中的数量和资料来源。"
    ),
    Word.ABOUT: "本版信息",
    Word.DEPARTMENTS_VALUE: "{count}个部门",
    Word.DEPARTMENTS_NAMED_VALUE: "，其中见于来源：{names}",
    Word.TOTALS_VALUE: "{aspects}个方面、{categories}类、{items}项",
    Word.DECLARED_DIFFERS: "（标准声明：{declared}）",
    Word.EDITION_SOURCES: "本版信息的来源与备注",
    Word.LEGEND: "标记说明",
    Word.LEGEND_OK: "名称和内容均有来源证实（官方文本或二手来源）。",
    Word.LEGEND_INHERITED: "本版内容沿用上一版：未知有变化，但未核实两版相同。",
    Word.LEGEND_LOW: "名称或内容未经来源证实（背景知识或推断），请以标准原文为准。",
    Word.LEGEND_RECONSTRUCTED: "未见于任何文本，为补足该类声明的项数而据前期清单重建。",
    Word.UNVERIFIED_COUNT: (
        "本版{items}项中，{low}项的名称或内容未核实，{inherited}项沿用上一版内容，{reconstructed}项为重建项。"
    ),
    Word.BADGE_OK: "已有来源",
    Word.BADGE_NAME_LOW: "名称未核实",
    Word.BADGE_FIELDS_LOW: "内容未核实",
    Word.BADGE_INHERITED: "沿用{edition}年版",
    Word.BADGE_RECONSTRUCTED: "重建项",
    Word.PROVENANCE: "来源与可信度",
    Word.NO_SOURCES: "未记录来源",
    Word.REPORT_TITLE: "国家基本公共服务标准 {old} → {new} 变化",
    Word.REPORT_SUMMARY: "共 {total} 处变化：实质性 {substantive} 处，仅措辞 {wording} 处。",
    Word.REPORT_NONE: "两个版本没有差别。",
    Word.UNVERIFIED_ROWS: (
        "注意：{new}年版有 {n} 项的内容沿用上一版（未知有变化，但未核实两版相同）；"
        "这些项目如有变化，本报告无法列出。"
    ),
    Word.GROUP_ADDED: "新增服务项目",
    Word.GROUP_REMOVED: "取消的服务项目",
    Word.GROUP_LEVELS: "服务标准提高或降低",
    Word.GROUP_TARGET: "服务对象调整",
    Word.GROUP_MONEY: "支出责任与牵头负责单位调整",
    Word.GROUP_TEXT: "服务内容与服务标准表述调整",
    Word.GROUP_PLACES: "名称与归类调整",
    Word.GROUP_STRUCTURE: "方面与类别调整",
    Word.GROUP_META: "版本信息",
    Word.GROUP_RENUMBERED: "仅序号变化",
    Word.RAISED: "提高",
    Word.LOWERED: "降低",
    Word.CHANGED: "调整",
    Word.QUANTITY_ADDED: "新增数值",
    Word.QUANTITY_REMOVED: "本版行文未载此数值",
    Word.SUBSTANTIVE: "实质性",
    Word.WORDING: "仅措辞",
    Word.IN: "位于",
    Word.UNITS_ADDED: "增加",
    Word.UNITS_REMOVED: "不再列",
    Word.EXPENDITURE_CLASS: "支出责任类别",
    Word.RENAMED: "更名",
    Word.MOVED: "改列",
    Word.REORDERED: "顺序调整",
    Word.RENUMBERED: "序号",
    Word.SPANS: "改动",
    Word.TRANSLATION_ONLY: "仅英文译文调整，中文未变",
    Word.OLD: "原",
    Word.NEW: "现",
    Confidence.HIGH: "高（见于官方文本）",
    Confidence.MEDIUM: "中（二手来源证实）",
    Confidence.LOW: "低（未核实）",
    Confidence.UNKNOWN: "未知",
    ExpenditureClass.CENTRAL: "中央财政事权",
    ExpenditureClass.LOCAL: "地方财政事权",
    ExpenditureClass.SHARED: "中央与地方共同财政事权",
    ExpenditureClass.INSURANCE_FUND: "社会保险基金",
    ExpenditureClass.MIXED: "混合",
    # --- Diff semantics and Chinese throughout (issue 8). ---
    Word.READING_GENEROSITY: "按受益方向",
    Word.READING_NUMERIC: "按数值大小",
    Word.GROUP_NOT_RECORDED: "本版未录入",
    Word.NOT_RECORDED_INTRO: "以下内容只有一个版本录入，另一版本未录入，无法比较，不计为变化。",
    Word.NOT_RECORDED_IN: "{edition}年版未录入",
    Word.ITEM_AT: "{category}.（{number}）{name}",
    Word.SOURCE_IN_ENGLISH: "（此来源仅有英文说明，见英文版）",
    Comparator.EXACTLY: "{v}",
    Comparator.AT_LEAST: "不少于{v}",
    Comparator.AT_MOST: "不超过{v}",
    Comparator.ABOUT: "{v}左右",
    Comparator.UNDER: "不满{v}",
    Comparator.OVER: "超过{v}",
}

_EN: dict[LabelKey, str] = {
    Word.EDITION: "edition",
    Word.ASPECTS: "aspects",
    Word.CATEGORIES: "categories",
    Word.ITEMS: "items",
    Word.LOCATION: "location",
    Word.ITEM_NO: "item {n}",
    Word.NAME: "name",
    Word.TARGET: "target population",
    Word.CONTENT: "content",
    Word.STANDARD: "service standard",
    Word.EXPENDITURE: "expenditure responsibility",
    Word.LEAD_UNITS: "lead units",
    Word.QUANTITIES: "quantities",
    Word.NUMBER: "position",
    Word.CATEGORY: "category",
    Word.TITLE: "title",
    Word.NOTICE_TITLE: "notice",
    Word.DOC_NUMBER: "document number",
    Word.PUBLISHED: "publication date",
    Word.ISSUED: "issuing date",
    Word.ADDRESSED_TO: "addressed to",
    Word.APPROVING_BODY: "approving body",
    Word.REQUIREMENTS: "requirements on implementation",
    Word.DECLARED_ASPECTS: "declared aspects",
    Word.DECLARED_CATEGORIES: "declared categories",
    Word.DECLARED_ITEMS: "declared items",
    Word.DEPARTMENTS: "issuing departments",
    Word.DEPARTMENTS_COUNT: "issuing departments",
    Word.DEPARTMENTS_NAMED: "issuing departments named by sources",
    Word.TOTALS: "size",
    Word.UNKNOWN: "unknown",
    Word.CONFIDENCE: "confidence",
    Word.NAME_CONFIDENCE: "name",
    Word.FIELDS_CONFIDENCE: "row",
    Word.SOURCES: "sources",
    Word.NOTES: "notes",
    Word.INHERITED: "row repeated from the {edition} edition (no change known, not verified identical)",
    Word.RECONSTRUCTED: "reconstructed: not seen in the standard's text",
    Word.UNVERIFIED: "unverified",
    Word.SHIPPED: "shipped editions",
    Word.CATALOGUE: "Catalogue of the {edition} edition",
    Word.CATALOGUE_LINK: "catalogue",
    Word.CHANGES: "changes",
    Word.INTRO: (
        "Every service item of the {title}. This page is generated by bpsstd at build time from the "
        "data of the {edition} edition: {aspects} aspects, {categories} categories, {items} service "
        "items. Each item shows its five fields (target population, content, service standard, "
        "expenditure responsibility, lead units), the numbers it states, and where its facts come from."
    ),
    Word.ABOUT: "About this edition",
    Word.DEPARTMENTS_VALUE: "{count} departments",
    Word.DEPARTMENTS_NAMED_VALUE: "; named by sources: {names}",
    Word.TOTALS_VALUE: "{aspects} aspects, {categories} categories, {items} items",
    Word.DECLARED_DIFFERS: " (the standard declares: {declared})",
    Word.EDITION_SOURCES: "Sources and notes on this edition",
    Word.LEGEND: "How to read the badges",
    Word.LEGEND_OK: "name and row are both confirmed by a source (the official text or a secondary source).",
    Word.LEGEND_INHERITED: (
        "the row repeats the previous edition's: no change is known, but the two are not verified identical."
    ),
    Word.LEGEND_LOW: (
        "the name or the row is not confirmed by any source (background knowledge or inference): check "
        "the official text before relying on it."
    ),
    Word.LEGEND_RECONSTRUCTED: (
        "seen in no text; rebuilt from earlier lists so that the category reaches its declared number "
        "of items."
    ),
    Word.UNVERIFIED_COUNT: (
        "Of the {items} items of this edition, {low} have an unverified name or row, {inherited} repeat "
        "the previous edition's row, and {reconstructed} are reconstructed."
    ),
    Word.BADGE_OK: "sourced",
    Word.BADGE_NAME_LOW: "name unverified",
    Word.BADGE_FIELDS_LOW: "row unverified",
    Word.BADGE_INHERITED: "repeats {edition}",
    Word.BADGE_RECONSTRUCTED: "reconstructed",
    Word.PROVENANCE: "Sources and confidence",
    Word.NO_SOURCES: "no source recorded",
    Word.REPORT_TITLE: "National Basic Public Service Standards: {old} → {new}",
    Word.REPORT_SUMMARY: "{total} changes: {substantive} of substance, {wording} of wording only.",
    Word.REPORT_NONE: "The two editions do not differ.",
    Word.UNVERIFIED_ROWS: (
        "Note: {n} items of the {new} edition repeat the previous edition's row (no change is known, "
        "but the rows are not verified identical); changes to them, if any, cannot be listed here."
    ),
    Word.GROUP_ADDED: "Items added",
    Word.GROUP_REMOVED: "Items removed",
    Word.GROUP_LEVELS: "Standards raised or lowered",
    Word.GROUP_TARGET: "Target population changes",
    Word.GROUP_MONEY: "Expenditure and lead-unit changes",
    Word.GROUP_TEXT: "Content and standard wording",
    Word.GROUP_PLACES: "Names and places",
    Word.GROUP_STRUCTURE: "Aspects and categories",
    Word.GROUP_META: "Edition facts",
    Word.GROUP_RENUMBERED: "Renumbering only",
    Word.RAISED: "raised",
    Word.LOWERED: "lowered",
    Word.CHANGED: "changed",
    Word.QUANTITY_ADDED: "new number",
    Word.QUANTITY_REMOVED: "number no longer stated",
    Word.SUBSTANTIVE: "substantive",
    Word.WORDING: "wording only",
    Word.IN: "in",
    Word.UNITS_ADDED: "added",
    Word.UNITS_REMOVED: "removed",
    Word.EXPENDITURE_CLASS: "expenditure class",
    Word.RENAMED: "renamed",
    Word.MOVED: "moved to",
    Word.REORDERED: "reordered",
    Word.RENUMBERED: "number",
    Word.SPANS: "changed text",
    Word.TRANSLATION_ONLY: "English rendering only; the Chinese is unchanged",
    Word.OLD: "was",
    Word.NEW: "now",
    Confidence.HIGH: "high (official text)",
    Confidence.MEDIUM: "medium (secondary source)",
    Confidence.LOW: "low (unverified)",
    Confidence.UNKNOWN: "unknown",
    ExpenditureClass.CENTRAL: "central",
    ExpenditureClass.LOCAL: "local",
    ExpenditureClass.SHARED: "shared central/local",
    ExpenditureClass.INSURANCE_FUND: "insurance fund",
    ExpenditureClass.MIXED: "mixed",
    # --- Diff semantics and Chinese throughout (issue 8). ---
    Word.READING_GENEROSITY: "by generosity",
    Word.READING_NUMERIC: "by value",
    Word.GROUP_NOT_RECORDED: "Not recorded",
    Word.NOT_RECORDED_INTRO: (
        "Only one edition records these values: they cannot be compared and are not counted as changes."
    ),
    Word.NOT_RECORDED_IN: "not recorded in the {edition} edition",
    Word.ITEM_AT: "{category}.({number}) {name}",
    Word.SOURCE_IN_ENGLISH: "(described in English only)",
    Comparator.EXACTLY: "{v}",
    Comparator.AT_LEAST: "at least {v}",
    Comparator.AT_MOST: "at most {v}",
    Comparator.ABOUT: "about {v}",
    Comparator.UNDER: "under {v}",
    Comparator.OVER: "over {v}",
}

#: The one label table of each language.
LABELS: dict[Lang, dict[LabelKey, str]] = {Lang.ZH: _ZH, Lang.EN: _EN}


def label(key: LabelKey, lang: Lang, **values: object) -> str:
    """Return the label of *key* in *lang*, with its ``{placeholders}`` filled from *values*."""
    return LABELS[lang][key].format(**values)


# "元/生·年" is read "每生每年…元": a unit per one or two things puts 每 before each.
_PER_UNIT = re.compile(r"^([^/·]+)/([^/·]+)(?:·([^/·]+))?$")


def show_quantity(
    value: Value, lang: Lang, *, comparator: Comparator, unit: str | None, unit_zh: str | None = None
) -> str:
    """A quantity as a row states it: 不少于15套, 每生每年720元 (Chinese); at least 15 sets (English).

    Chinese uses the Chinese unit (``unit_zh``), falling back to *unit* only where none is recorded.
    """
    number = format_value(value)
    if lang is Lang.EN:
        return label(comparator, lang, v=f"{number} {unit}".strip() if unit else number)
    if unit_zh is None:
        # No Chinese unit recorded: the number and the unit as the data writes it.
        return label(comparator, lang, v=f"{number} {unit}" if unit else number)
    per = _PER_UNIT.match(unit_zh)
    if per is None:
        return label(comparator, lang, v=f"{number}{unit_zh}")
    each = "".join(f"每{part}" for part in per.groups()[1:] if part)
    return each + label(comparator, lang, v=f"{number}{per[1]}")


def item_title(name: Text | None, place: Place | None, lang: Lang) -> str:
    """An item named the way the document does in Chinese (5.（4）name), by its name in English."""
    shown = (name.get(lang) if name else None) or ""
    if place is None:
        return shown
    return label(Word.ITEM_AT, lang, category=place.category_number, number=place.number, name=shown)


_URL = re.compile(r"https?://[\x21-\x7e]+")


_TITLE = re.compile(r"《[^》]+》(?:\s*[（(][^()（）]*〔\d+〕[^()（）]*[)）])?")
_LATIN = re.compile(r"[A-Za-z]{2,}")


def cite(text: str, lang: Lang) -> str:
    """A source as a reader of *lang* sees it.

    The team described its sources in English. In Chinese a source shows its addresses where it has any,
    else the documents it names (《…》 with their numbers), else the citation if it holds no English, else
    a word saying the description is in English only.
    """
    if lang is Lang.EN or not _LATIN.search(text):
        return text
    urls = _URL.findall(text)
    if urls:
        return " ".join(urls)
    titles = _TITLE.findall(text)
    return "；".join(titles) if titles else label(Word.SOURCE_IN_ENGLISH, lang)


def field_notes(notes: tuple[FieldProvenance, ...], lang: Lang) -> list[tuple[str, str]]:
    """The team's notes on fields, as (field label, note) in *lang*; fields without a note left out."""
    out = []
    for record in notes:
        text = record.note.get(lang) if record.note else None
        if text:
            name = record.field_name.split("[", 1)[0]
            try:
                shown = label(field_word(name), lang)
            except ValueError:
                shown = name
            out.append((shown, text))
    return out


def field_word(name: str) -> Word:
    """The word of an item field as a change names it (``quantities.<key>`` is a quantity)."""
    return Word(name.split(".", 1)[0])


def fact_word(fact: str) -> Word | None:
    """The word of an edition fact (``declared.items``), or None for a fact without one."""
    try:
        return Word(fact)
    except ValueError:
        return None


def item_marks(provenance: Provenance) -> tuple[Word, ...]:
    """What an item's provenance leaves unconfirmed, as badge words; empty when all is sourced.

    This is the one rule of "unverified" that every output follows: a reconstructed item; a name or a
    row that no source confirms (:attr:`~bpsstd.Confidence.verified`); a row repeated from an
    earlier edition.
    """
    marks: list[Word] = []
    if provenance.reconstructed:
        marks.append(Word.BADGE_RECONSTRUCTED)
    else:
        if not provenance.name.verified:
            marks.append(Word.BADGE_NAME_LOW)
        if not provenance.fields.verified:
            marks.append(Word.BADGE_FIELDS_LOW)
    if provenance.inherited_from:
        marks.append(Word.BADGE_INHERITED)
    return tuple(marks)


def show(  # noqa: PLR0911  # one answer per kind of value
    value: Value | Text | Place | ExpenditureClass | Confidence | FactValue, lang: Lang
) -> str:
    """Format one value of a record as a reader sees it, unescaped.

    Texts in *lang*; quantity values as the standard writes them (``4``, ``16-24``, ``1/3``, ``80/60``);
    places as ``3. category item 2``; vocabulary members by their label; None as *unknown*; a list of texts
    or of keys joined.
    """
    if value is None:
        return label(Word.UNKNOWN, lang)
    if isinstance(value, Text):
        text = value.get(lang)
        return label(Word.UNKNOWN, lang) if text is None else text
    if isinstance(value, (Confidence, ExpenditureClass)):
        return label(value, lang)
    if isinstance(value, Place):
        where = label(Word.ITEM_NO, lang, n=value.number)
        return f"{value.category_number}. {value.category_name.get(lang)} {where}"
    if isinstance(value, tuple) and value and isinstance(value[0], (Text, str)):
        sep = "; " if isinstance(value[0], Text) else ("、" if lang is Lang.ZH else ", ")
        return sep.join(show(v, lang) for v in value)
    if isinstance(value, str):
        return value
    return format_value(value)  # type: ignore[arg-type]  # what is left is a quantity value


# ---------------------------------------------------------------------------------------------
# Escapers: one per markup format. Data text must never become markup.

_RST_SPECIAL = re.compile(r"([\\`*_|:\[\]<>])")
# A text that starts with a letter, and not with an enumerator such as "a." or "IV)", cannot open a block.
_RST_PLAIN_START = re.compile(r"(?![A-Za-z]{1,5}[.)](?:\s|$))[^\W\d_]")


def escape_rst(text: str) -> str:
    """Escape *text* for reStructuredText inline content (a paragraph, a list item, a title, a field body).

    Every character that can open inline markup is backslash-escaped; whitespace runs become one space
    (a line break would end the paragraph); and a text that does not start with a letter (or starts with
    an enumerator) starts with an escaped space, which docutils drops, so that ``.. x``, ``#``, ``1.``,
    ``a.``, ``-`` or ``|c|`` at the start of a line never becomes a comment, a list or a substitution.
    """
    flat = " ".join(text.split())
    escaped = _RST_SPECIAL.sub(r"\\\1", flat)
    if flat and not _RST_PLAIN_START.match(flat):
        return "\\ " + escaped
    return escaped


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&~])")
_MD_LEADING = re.compile(r"^(\d+)([.)])|^([-+=])")


def escape_markdown(text: str) -> str:
    """Escape *text* for Markdown (CommonMark and GitHub) inline content, on one line.

    Every ASCII punctuation character that can open inline markup, a link, HTML or an entity is
    backslash-escaped, and so is a leading list or heading marker (``1.``, ``-``, ``+``, ``=``).
    """
    flat = " ".join(text.split())
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    return _MD_LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped, count=1)


def escape_html(text: str) -> str:
    """Escape *text* for HTML element content or a quoted attribute."""
    return html.escape(text, quote=True)
