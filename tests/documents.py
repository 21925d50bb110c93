"""Writers of test documents: an edition in the labelled layout (text, DOCX) or the 7-column table (XLSX).

These stand in for the exporters of the office-formats issue; the import tests read what they write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import docx
import openpyxl

if TYPE_CHECKING:
    from pathlib import Path

    from bpsstd.model import Edition, ServiceItem

_NUMERALS = "一二三四五六七八九十"
_END = ("。", ".", "；", ";", "！", "!", "？", "?")


def numeral(n: int) -> str:
    """Write 1..99 as a Chinese numeral (一, 十, 十二, 二十二)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + (_NUMERALS[ones - 1] if ones else "")


def sentence(text: str) -> str:
    """End a field with 。 as the official text does (unless it already ends a sentence)."""
    return text if text.endswith(_END) else text + "。"


def unit_names(edition: Edition, item: ServiceItem) -> str:
    """The 牵头负责单位 of *item* as the document prints them (the printed short name where known)."""
    return "、".join(edition.agency(k).label for k in item.lead_units)


def fields(edition: Edition, item: ServiceItem) -> list[tuple[str, str | None]]:
    """The labelled fields of *item*, as (label, wording); the wording is None where it is unknown."""
    return [
        ("服务对象", item.target.zh),
        ("服务内容", item.content.zh),
        ("服务标准", item.standard.zh),
        ("支出责任", item.expenditure.zh),
        ("牵头负责单位", unit_names(edition, item)),
    ]


def known_fields(edition: Edition, item: ServiceItem) -> list[tuple[str, str]]:
    """The labelled fields of *item* whose wording is known: a document cannot print the others."""
    return [(label, text) for label, text in fields(edition, item) if text is not None]


def labelled_lines(edition: Edition, *, colon: str = "：") -> list[str]:
    """*edition* in the labelled layout of the 2021 national document, one line per heading and field."""
    lines = []
    for aspect in edition.aspects:
        lines.append(f"{numeral(aspect.number)}、{aspect.name.zh}")
        for category in aspect.categories:
            lines.append(f"{category.number}.{category.name.zh}")
            for item in category.service_items:
                lines.append(f"（{item.number}）{item.name.zh}")
                lines.extend(f"{label}{colon}{sentence(text)}" for label, text in known_fields(edition, item))
    return lines


def write_text(path: Path, edition: Edition, *, encoding: str = "utf-8") -> Path:
    """Write the labelled layout as a text file."""
    path.write_text("\n".join(labelled_lines(edition)) + "\n", encoding=encoding)
    return path


def write_docx(path: Path, edition: Edition) -> Path:
    """Write the labelled layout as DOCX body paragraphs."""
    document = docx.Document()
    for line in labelled_lines(edition):
        document.add_paragraph(line)
    document.save(str(path))
    return path


HEADERS = ("序号", "服务项目", "服务对象", "服务内容", "服务标准", "支出责任", "牵头负责单位")


def write_xlsx(path: Path, edition: Edition) -> Path:
    """Write the 7-column table, aspects and categories as rows merged across all columns."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    for aspect in edition.aspects:
        for title in (f"{numeral(aspect.number)}、{aspect.name.zh}",):
            sheet.append([title])
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=7)
        for category in aspect.categories:
            sheet.append([f"{category.number}.{category.name.zh}"])
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=7)
            for item in category.service_items:
                # An unknown field is an empty cell, which the reader skips.
                sheet.append([item.number, item.name.zh, *(text or "" for _, text in fields(edition, item))])
    book.save(str(path))
    return path
