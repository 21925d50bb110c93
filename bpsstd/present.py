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
    from bpsstd.model import FieldProvenance, Provenance, Quantity, Value

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
    "quantity_what",
    "show",
    "show_amount",
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

    # The comparison table (新旧对照表), catalogue exports, find and history (issue 9).
    TABLE_TITLE = "table_title"
    TABLE_OLD_COL = "table_old_col"
    TABLE_NEW_COL = "table_new_col"
    TABLE_NOTE_COL = "table_note_col"
    TABLE_META = "table_meta"
    TABLE_OLD = "table_old"
    TABLE_NEW = "table_new"
    TABLE_INHERITED = "table_inherited"
    TABLE_TOTAL = "table_total"
    TABLE_SUBSTANTIVE = "table_substantive"
    TABLE_WORDING = "table_wording"
    TABLE_UNRECORDED = "table_unrecorded"
    TABLE_UNRECORDED_LINE = "table_unrecorded_line"
    TABLE_UNRECORDED_COUNT = "table_unrecorded_count"
    NOT_RECORDED = "not_recorded"
    IS_SUBSTANTIVE = "is_substantive"
    IS_WORDING = "is_wording"
    NOTE_ITEM_ADDED = "note_item_added"
    NOTE_ITEM_REMOVED = "note_item_removed"
    NOTE_MOVED = "note_moved"
    NOTE_RENUMBERED = "note_renumbered"
    NOTE_QUANTITY_REMOVED = "note_q_removed"
    KIND_ITEM_ADDED = "kind_item_added"
    KIND_ITEM_REMOVED = "kind_item_removed"
    KIND_ITEM_RENAMED = "kind_item_renamed"
    KIND_ITEM_MOVED = "kind_item_moved"
    KIND_ITEM_RENUMBERED = "kind_item_renumbered"
    KIND_ITEM_REORDERED = "kind_item_reordered"
    KIND_FIELD_CHANGED = "kind_field_changed"
    KIND_METADATA_CHANGED = "kind_metadata_changed"
    KIND_CATEGORY_ADDED = "kind_category_added"
    KIND_CATEGORY_REMOVED = "kind_category_removed"
    KIND_CATEGORY_RENAMED = "kind_category_renamed"
    KIND_ASPECT_ADDED = "kind_aspect_added"
    KIND_ASPECT_REMOVED = "kind_aspect_removed"
    KIND_ASPECT_RENAMED = "kind_aspect_renamed"
    LEGEND_INSERTED = "legend_inserted"
    LEGEND_DELETED = "legend_deleted"
    LEGEND_WORDING = "legend_wording"
    LEGEND_UNVERIFIED = "legend_unverified"
    LEGEND_ITEM_ADDED = "legend_item_added"
    LEGEND_ITEM_REMOVED = "legend_item_removed"
    SAMPLE_INSERTED = "sample_inserted"
    SAMPLE_DELETED = "sample_deleted"
    SAMPLE_WORDING = "sample_wording"
    MARK_ADDED = "mark_added"
    MARK_REMOVED = "mark_removed"
    COMPARE_LINK = "compare_link"
    COL_KEY = "col_key"
    COL_ASPECT_NUMBER = "col_aspect_number"
    COL_ASPECT = "col_aspect"
    COL_CATEGORY_NUMBER = "col_category_number"
    COL_CATEGORY = "col_category"
    COL_ITEM_NUMBER = "col_item_number"
    COL_ITEM = "col_item"
    COL_NAME_CONFIDENCE = "col_name_confidence"
    COL_FIELDS_CONFIDENCE = "col_fields_confidence"
    HISTORY_ABSENT = "history_absent"
    HISTORY_NO_CHANGE = "history_no_change"
    # --- Regional reports (bpsstd region; issue 11). Other blocks may follow: append, don't merge. ---
    REGION_AGAINST = "region_against"
    REGION_SYNTHETIC = "region_synthetic"
    REGION_PARTIAL = "region_partial"
    REGION_MATRIX = "region_matrix"
    REGION_NATIONAL = "region_national"
    REGION_LOCAL = "region_local"
    REGION_STATUS = "region_status"
    REGION_NOT_RECORDED = "region_not_recorded"
    REGION_SUMMARY = "region_summary"
    REGION_ERRORS = "region_errors"
    REGION_WARNINGS = "region_warnings"
    REGION_REVIEW = "region_review"
    REGION_LOCAL_ONLY = "region_local_only"
    REGION_NONE = "region_none"
    REGION_REGION = "region_region"
    REGION_STANDARD = "region_standard"
    REGION_OUTCOME = "region_outcome"
    REGION_PASSED = "region_passed"
    REGION_FAILED = "region_failed"
    REGION_NATIONAL_VALUE = "region_national_value"
    REGION_LOCAL_VALUE = "region_local_value"
    REGION_UNSTATED = "region_unstated"
    REGION_SEVERITY_ERROR = "region_severity_error"
    REGION_SEVERITY_WARNING = "region_severity_warning"
    REGION_SEVERITY_INFO = "region_severity_info"
    # Matrix statuses (values are conformance.Status values with a prefix).
    REGION_MET = "region_status_met"
    REGION_ABOVE = "region_status_above"
    REGION_BELOW = "region_status_below"
    REGION_NOT_STATED = "region_status_not_stated"
    REGION_MISSING = "region_status_missing"
    REGION_NOT_APPLICABLE = "region_status_not_applicable"
    REGION_NOT_RECORDED_STATUS = "region_status_not_recorded"
    # Finding templates: the English ones are the problem messages themselves.
    REGION_INCOMPLETE_ROW = "region_incomplete_row"
    REGION_LOCAL_ONLY_REVIEW = "region_local_only_review"
    REGION_UNKNOWN_ITEM = "region_unknown_item"
    REGION_MISSING_ITEM = "region_missing_item"
    REGION_FLOOR_UNSTATED = "region_floor_unstated"
    REGION_FLOOR_INCOMPARABLE = "region_floor_incomparable"
    REGION_BELOW_FLOOR = "region_below_floor"
    REGION_ABOVE_NATIONAL = "region_above_national"
    REGION_DROPS_TARGET = "region_drops_target"
    REGION_DROPS_CONTENT = "region_drops_content"
    REGION_WORDING_UNVERIFIED = "region_wording_unverified"
    # Workbook sheets and columns.
    REGION_PROBLEMS = "region_problems"
    REGION_LIST = "region_list"
    REGION_REASON = "region_reason"
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
    # The comparison table (新旧对照表), catalogue exports, find and history (issue 9).
    Word.TABLE_TITLE: "《{old}》与《{new}》新旧对照表",
    Word.TABLE_OLD_COL: "原标准（{ed}）",
    Word.TABLE_NEW_COL: "新标准（{ed}）",
    Word.TABLE_NOTE_COL: "修改说明",
    Word.TABLE_META: "{which}：{title}；文号：{doc}；发布日期：{date}",
    Word.TABLE_OLD: "原标准",
    Word.TABLE_NEW: "新标准",
    Word.TABLE_INHERITED: (
        "注：{new}有 {n} 项的内容沿用{old}（未知有变化，但未核实两版相同），这些项目如有变化，本表无法列出。"
    ),
    Word.TABLE_TOTAL: "变化合计",
    Word.TABLE_SUBSTANTIVE: "其中实质性",
    Word.TABLE_WORDING: "其中仅措辞",
    Word.TABLE_UNRECORDED: "一个版本未录入的内容（不计为修改）",
    Word.TABLE_UNRECORDED_LINE: "{what}：{old}为“{ov}”，{new}为“{nv}”",
    Word.TABLE_UNRECORDED_COUNT: "一个版本未录入（另列）",
    Word.NOT_RECORDED: "未录入",
    Word.IS_SUBSTANTIVE: "实质性修改",
    Word.IS_WORDING: "仅措辞调整",
    Word.NOTE_ITEM_ADDED: "新增服务项目",
    Word.NOTE_ITEM_REMOVED: "删除服务项目",
    Word.NOTE_MOVED: "改列其他类别",
    Word.NOTE_RENUMBERED: "仅序号变化",
    Word.NOTE_QUANTITY_REMOVED: "不再载明此数值",
    Word.KIND_ITEM_ADDED: "新增服务项目",
    Word.KIND_ITEM_REMOVED: "删除服务项目",
    Word.KIND_ITEM_RENAMED: "项目更名",
    Word.KIND_ITEM_MOVED: "项目改列",
    Word.KIND_ITEM_RENUMBERED: "仅序号变化",
    Word.KIND_ITEM_REORDERED: "顺序调整",
    Word.KIND_FIELD_CHANGED: "项目内容修改",
    Word.KIND_METADATA_CHANGED: "版本信息变化",
    Word.KIND_CATEGORY_ADDED: "新增类别",
    Word.KIND_CATEGORY_REMOVED: "删除类别",
    Word.KIND_CATEGORY_RENAMED: "类别更名",
    Word.KIND_ASPECT_ADDED: "新增方面",
    Word.KIND_ASPECT_REMOVED: "删除方面",
    Word.KIND_ASPECT_RENAMED: "方面更名",
    Word.LEGEND_INSERTED: "新增内容",
    Word.LEGEND_DELETED: "删除内容",
    Word.LEGEND_WORDING: "仅措辞调整（含义未变）",
    Word.LEGEND_UNVERIFIED: "内容未经来源核实",
    Word.LEGEND_ITEM_ADDED: "新增服务项目",
    Word.LEGEND_ITEM_REMOVED: "删除服务项目",
    Word.SAMPLE_INSERTED: "新增",
    Word.SAMPLE_DELETED: "删除",
    Word.SAMPLE_WORDING: "措辞",
    Word.MARK_ADDED: "新增",
    Word.MARK_REMOVED: "删除",
    Word.COMPARE_LINK: "新旧对照表",
    Word.COL_KEY: "键",
    Word.COL_ASPECT_NUMBER: "方面序号",
    Word.COL_ASPECT: "方面",
    Word.COL_CATEGORY_NUMBER: "类别序号",
    Word.COL_CATEGORY: "服务类别",
    Word.COL_ITEM_NUMBER: "项目序号",
    Word.COL_ITEM: "服务项目",
    Word.COL_NAME_CONFIDENCE: "名称可信度",
    Word.COL_FIELDS_CONFIDENCE: "内容可信度",
    Word.HISTORY_ABSENT: "（本版无此项）",
    Word.HISTORY_NO_CHANGE: "无变化",
    # --- Regional reports (bpsstd region; issue 11). ---
    Word.REGION_AGAINST: "对照国家标准",
    Word.REGION_SYNTHETIC: "【合成示例，非真实标准】",
    Word.REGION_PARTIAL: "【部分数据：本数据未收录该标准的全部内容】",
    Word.REGION_MATRIX: "覆盖矩阵",
    Word.REGION_NATIONAL: "国家项目",
    Word.REGION_LOCAL: "地方项目",
    Word.REGION_STATUS: "结果",
    Word.REGION_NOT_RECORDED: "未收录的方面",
    Word.REGION_SUMMARY: "汇总",
    Word.REGION_ERRORS: "错误（覆盖或底线不达标）",
    Word.REGION_WARNINGS: "警告",
    Word.REGION_REVIEW: "需财政承受能力评估",
    Word.REGION_LOCAL_ONLY: "地方新增项目",
    Word.REGION_NONE: "无",
    Word.REGION_REGION: "地区",
    Word.REGION_STANDARD: "标准",
    Word.REGION_OUTCOME: "结论",
    Word.REGION_PASSED: "通过",
    Word.REGION_FAILED: "不通过",
    Word.REGION_NATIONAL_VALUE: "国家",
    Word.REGION_LOCAL_VALUE: "地方",
    Word.REGION_UNSTATED: "未载明",
    Word.REGION_SEVERITY_ERROR: "错误",
    Word.REGION_SEVERITY_WARNING: "警告",
    Word.REGION_SEVERITY_INFO: "提示",
    Word.REGION_MET: "达到",
    Word.REGION_ABOVE: "高于国家标准",
    Word.REGION_BELOW: "低于国家标准",
    Word.REGION_NOT_STATED: "未载明",
    Word.REGION_MISSING: "缺失",
    Word.REGION_NOT_APPLICABLE: "不适用",
    Word.REGION_NOT_RECORDED_STATUS: "未收录",
    Word.REGION_INCOMPLETE_ROW: "{row}：来源截断了此行",
    Word.REGION_LOCAL_ONLY_REVIEW: "需财政承受能力评估：{row}（地方新增）",
    Word.REGION_UNKNOWN_ITEM: "{row} 所实施的“{item_key}”不是国家标准 {edition} 版的项目",
    Word.REGION_MISSING_ITEM: "国家项目 {item}（{item_key}）没有任何地方项目实施",
    Word.REGION_FLOOR_UNSTATED: "无法确认底线：{item} {what}（国家 {national}）未在 {rows} 中载明",
    Word.REGION_FLOOR_INCOMPARABLE: "无法确认底线：{row} {what}：地方 {local}，国家 {national}",
    Word.REGION_BELOW_FLOOR: "低于国家底线：{row} {what}：地方 {local}，国家 {national}",
    Word.REGION_ABOVE_NATIONAL: "需财政承受能力评估：{row} {what}：地方 {local}，国家 {national}",
    Word.REGION_DROPS_TARGET: "{row} 的服务对象删去了国家项目 {item} 的表述：{spans}",
    Word.REGION_DROPS_CONTENT: "{row} 的服务内容删去了国家项目 {item} 的表述：{spans}",
    Word.REGION_WORDING_UNVERIFIED: "（国家表述未核实）",
    Word.REGION_PROBLEMS: "问题",
    Word.REGION_LIST: "清单",
    Word.REGION_REASON: "原因",
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
    # The comparison table (新旧对照表), catalogue exports, find and history (issue 9).
    Word.TABLE_TITLE: "Comparison table: {old} and {new}",
    Word.TABLE_OLD_COL: "Old ({ed})",
    Word.TABLE_NEW_COL: "New ({ed})",
    Word.TABLE_NOTE_COL: "What changed",
    Word.TABLE_META: "{which}: {title}; document number: {doc}; published: {date}",
    Word.TABLE_OLD: "Old",
    Word.TABLE_NEW: "New",
    Word.TABLE_INHERITED: (
        "Note: {n} items of the {new} repeat the row of the {old} (no change known, not verified "
        "identical); changes to them, if any, cannot show in this table."
    ),
    Word.TABLE_TOTAL: "All changes",
    Word.TABLE_SUBSTANTIVE: "of substance",
    Word.TABLE_WORDING: "wording only",
    Word.TABLE_UNRECORDED: "Not recorded in one edition (not counted as changes)",
    Word.TABLE_UNRECORDED_LINE: "{what}: {old} “{ov}”, {new} “{nv}”",
    Word.TABLE_UNRECORDED_COUNT: "not recorded in one edition (listed apart)",
    Word.NOT_RECORDED: "not recorded",
    Word.IS_SUBSTANTIVE: "change of substance",
    Word.IS_WORDING: "wording only",
    Word.NOTE_ITEM_ADDED: "item added",
    Word.NOTE_ITEM_REMOVED: "item removed",
    Word.NOTE_MOVED: "moved to another category",
    Word.NOTE_RENUMBERED: "position only",
    Word.NOTE_QUANTITY_REMOVED: "number no longer stated",
    Word.KIND_ITEM_ADDED: "items added",
    Word.KIND_ITEM_REMOVED: "items removed",
    Word.KIND_ITEM_RENAMED: "items renamed",
    Word.KIND_ITEM_MOVED: "items moved",
    Word.KIND_ITEM_RENUMBERED: "renumbered only",
    Word.KIND_ITEM_REORDERED: "reordered",
    Word.KIND_FIELD_CHANGED: "item fields changed",
    Word.KIND_METADATA_CHANGED: "edition facts changed",
    Word.KIND_CATEGORY_ADDED: "categories added",
    Word.KIND_CATEGORY_REMOVED: "categories removed",
    Word.KIND_CATEGORY_RENAMED: "categories renamed",
    Word.KIND_ASPECT_ADDED: "aspects added",
    Word.KIND_ASPECT_REMOVED: "aspects removed",
    Word.KIND_ASPECT_RENAMED: "aspects renamed",
    Word.LEGEND_INSERTED: "added text",
    Word.LEGEND_DELETED: "deleted text",
    Word.LEGEND_WORDING: "wording only (meaning unchanged)",
    Word.LEGEND_UNVERIFIED: "facts not confirmed by a source",
    Word.LEGEND_ITEM_ADDED: "item added",
    Word.LEGEND_ITEM_REMOVED: "item removed",
    Word.SAMPLE_INSERTED: "added",
    Word.SAMPLE_DELETED: "deleted",
    Word.SAMPLE_WORDING: "wording",
    Word.MARK_ADDED: "new",
    Word.MARK_REMOVED: "removed",
    Word.COMPARE_LINK: "comparison table",
    Word.COL_KEY: "key",
    Word.COL_ASPECT_NUMBER: "aspect no.",
    Word.COL_ASPECT: "aspect",
    Word.COL_CATEGORY_NUMBER: "category no.",
    Word.COL_CATEGORY: "category",
    Word.COL_ITEM_NUMBER: "item no.",
    Word.COL_ITEM: "item",
    Word.COL_NAME_CONFIDENCE: "name confidence",
    Word.COL_FIELDS_CONFIDENCE: "row confidence",
    Word.HISTORY_ABSENT: "(not in this edition)",
    Word.HISTORY_NO_CHANGE: "no change",
    # --- Regional reports (bpsstd region; issue 11). ---
    Word.REGION_AGAINST: "against national edition",
    Word.REGION_SYNTHETIC: "[SYNTHETIC example, not a real standard]",
    Word.REGION_PARTIAL: "[PARTIAL data: not all of this standard is recorded here]",
    Word.REGION_MATRIX: "Coverage matrix",
    Word.REGION_NATIONAL: "National item",
    Word.REGION_LOCAL: "Local item(s)",
    Word.REGION_STATUS: "Status",
    Word.REGION_NOT_RECORDED: "Aspects not recorded",
    Word.REGION_SUMMARY: "Summary",
    Word.REGION_ERRORS: "Errors (coverage or floor)",
    Word.REGION_WARNINGS: "Warnings",
    Word.REGION_REVIEW: "Needs fiscal-affordability review",
    Word.REGION_LOCAL_ONLY: "Local-only items",
    Word.REGION_NONE: "none",
    Word.REGION_REGION: "Region",
    Word.REGION_STANDARD: "Standard",
    Word.REGION_OUTCOME: "Outcome",
    Word.REGION_PASSED: "pass",
    Word.REGION_FAILED: "fail",
    Word.REGION_NATIONAL_VALUE: "national",
    Word.REGION_LOCAL_VALUE: "local",
    Word.REGION_UNSTATED: "not stated",
    Word.REGION_SEVERITY_ERROR: "error",
    Word.REGION_SEVERITY_WARNING: "warning",
    Word.REGION_SEVERITY_INFO: "info",
    Word.REGION_MET: "met",
    Word.REGION_ABOVE: "above",
    Word.REGION_BELOW: "below",
    Word.REGION_NOT_STATED: "not stated",
    Word.REGION_MISSING: "missing",
    Word.REGION_NOT_APPLICABLE: "not applicable",
    Word.REGION_NOT_RECORDED_STATUS: "not recorded",
    Word.REGION_INCOMPLETE_ROW: "{row}: the source cut this row off",
    Word.REGION_LOCAL_ONLY_REVIEW: "needs fiscal-affordability review: {row} (地方新增)",
    Word.REGION_UNKNOWN_ITEM: "{row} implements '{item_key}', which edition {edition} does not have",
    Word.REGION_MISSING_ITEM: "national item {item} ({item_key}) is implemented by no local item",
    Word.REGION_FLOOR_UNSTATED: (
        "cannot confirm the floor: {item} {what} (national {national}) is not stated by {rows}"
    ),
    Word.REGION_FLOOR_INCOMPARABLE: (
        "cannot confirm the floor: {row} {what}: local {local}, national {national}"
    ),
    Word.REGION_BELOW_FLOOR: "below the national floor: {row} {what}: local {local}, national {national}",
    Word.REGION_ABOVE_NATIONAL: (
        "needs fiscal-affordability review: {row} {what}: local {local}, national {national}"
    ),
    Word.REGION_DROPS_TARGET: "{row} target drops national wording of {item}: {spans}",
    Word.REGION_DROPS_CONTENT: "{row} content drops national wording of {item}: {spans}",
    Word.REGION_WORDING_UNVERIFIED: " (national wording unverified)",
    Word.REGION_PROBLEMS: "Problems",
    Word.REGION_LIST: "List",
    Word.REGION_REASON: "Reason",
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


# ---------------------------------------------------------------------------------------------
# Amounts (issue 9): a quantity's value with its comparator and unit, as the standard writes it.


def quantity_what(quantity: Quantity, lang: Lang) -> str:
    """What *quantity* measures, in Chinese where the data says it (营养膳食补助标准), else in English."""
    return quantity.what_zh if lang is Lang.ZH and quantity.what_zh else quantity.what


def show_amount(value: Value, quantity: Quantity, lang: Lang) -> str:
    """*value* as *quantity* states it, with its comparator and unit: ``不少于15套``, ``5元/生·天``.

    Chinese uses the Chinese unit, written against the number; where the data has none, and in English,
    the English unit follows after a space (``%`` stays against the number).
    """
    unit_zh = quantity.unit_zh if lang is Lang.ZH else None
    number = format_value(value)
    if unit_zh is not None or quantity.unit == "%":
        text = number + (unit_zh if unit_zh is not None else quantity.unit)
    else:
        text = f"{number} {quantity.unit}"
    return label(quantity.comparator, lang, v=text)
