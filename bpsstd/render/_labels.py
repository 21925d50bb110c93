"""Words of the user interface in Chinese (first) and English, shared by every renderer."""

from __future__ import annotations

from bpsstd.model import Confidence, ExpenditureClass

__all__ = ["CONFIDENCE", "EXPENDITURE", "FIELDS", "LANGS", "label"]

LANGS = ("zh", "en")

_WORDS: dict[str, tuple[str, str]] = {
    "aspects": ("方面", "aspects"),
    "categories": ("类", "categories"),
    "items": ("项", "items"),
    "edition": ("版本", "edition"),
    "doc_number": ("文号", "document number"),
    "published": ("发布日期", "published"),
    "issued": ("印发日期", "issued"),
    "unknown": ("未知", "unknown"),
    "location": ("位置", "location"),
    "item_no": ("第{n}项", "item {n}"),
    "quantities": ("数量", "quantities"),
    "confidence": ("可信度", "confidence"),
    "name_conf": ("名称", "name"),
    "fields_conf": ("内容", "row"),
    "sources": ("来源", "sources"),
    "notes": ("备注", "notes"),
    "inherited": (
        "本版内容沿用{edition}年版（未知有变化，但未核实两版相同）",
        "row repeated from the {edition} edition (no change known, not verified identical)",
    ),
    "reconstructed": ("重建项：未见于标准原文", "reconstructed: not seen in the standard's text"),
    "unverified": ("未核实", "unverified"),
    "shipped": ("已收录版本", "shipped editions"),
}

FIELDS: dict[str, tuple[str, str]] = {
    "name": ("名称", "name"),
    "target": ("服务对象", "target population"),
    "content": ("服务内容", "content"),
    "standard": ("服务标准", "service standard"),
    "expenditure": ("支出责任", "expenditure responsibility"),
    "lead_units": ("牵头负责单位", "lead units"),
    "quantities": ("数量", "quantities"),
    "number": ("序号", "position"),
    "category": ("所属类别", "category"),
}

CONFIDENCE: dict[Confidence, tuple[str, str]] = {
    Confidence.HIGH: ("高（见于官方文本）", "high (official text)"),
    Confidence.MEDIUM: ("中（二手来源证实）", "medium (secondary source)"),
    Confidence.LOW: ("低（未核实）", "low (unverified)"),
    Confidence.UNKNOWN: ("未知", "unknown"),
}

EXPENDITURE: dict[ExpenditureClass, tuple[str, str]] = {
    ExpenditureClass.CENTRAL: ("中央财政事权", "central"),
    ExpenditureClass.LOCAL: ("地方财政事权", "local"),
    ExpenditureClass.SHARED: ("中央与地方共同财政事权", "shared central/local"),
    ExpenditureClass.INSURANCE_FUND: ("社会保险基金", "insurance fund"),
    ExpenditureClass.MIXED: ("混合", "mixed"),
}


def label(word: str, lang: str, **values: object) -> str:
    """Return the UI word *word* in *lang*, with ``{placeholders}`` filled from *values*."""
    pair = _WORDS.get(word) or FIELDS[word]
    return pair[1 if lang == "en" else 0].format(**values)


def pick(pair: tuple[str, str], lang: str) -> str:
    """Return the Chinese or English member of *pair*."""
    return pair[1 if lang == "en" else 0]
