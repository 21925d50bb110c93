"""The comparison table as an Excel workbook (openpyxl): one sheet, rich-text runs for the marks.

Also the helpers the catalogue's XLSX export shares: header styling and print setup.
"""

from __future__ import annotations

import io
import math
import unicodedata
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties

from bpsstd.render._office import BODY_FONT, HEADING_FONT, INSERTED_RGB, UNVERIFIED_RGB
from bpsstd.render._table import Cell, ComparisonTable, DataRow, Mark, Run

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["print_setup", "rich_text", "table_xlsx"]

_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTHS = (60, 60, 30)
_LINE_HEIGHT = 15.0  # points per line of 11-point text
_SECTION_HEIGHT = 20.0  # a heading row of 12-point bold text with some air


def _columns(text: str) -> int:
    """Width of *text* in Excel's character columns: full-width (Chinese) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def row_height(texts: tuple[str, ...], widths: tuple[int, ...]) -> float:
    """The height (points) that shows every wrapped line of the tallest cell.

    Excel sets heights when it opens a file, but LibreOffice and printing keep what the file says, and
    openpyxl writes none: without this, wrapped cells show their first line only.
    """
    lines = 1
    for text, width in zip(texts, widths, strict=False):
        usable = max(int((width - 2) * 0.9), 1)  # CJK may render a little wider than two columns
        lines = max(lines, sum(max(1, math.ceil(_columns(line) / usable)) for line in text.split("\n")))
    # A few points of padding, so that one-line rows do not sit on their bottom border.
    return lines * _LINE_HEIGHT + 4


def _font(mark: Mark) -> InlineFont:
    base = {"rFont": BODY_FONT, "sz": 11.0}
    extras: dict[Mark, dict[str, object]] = {
        Mark.INSERTED: {"b": True, "color": INSERTED_RGB},
        Mark.DELETED: {"strike": True},
        Mark.WORDING: {"u": "single"},
        Mark.UNVERIFIED: {"i": True, "color": UNVERIFIED_RGB},
        Mark.ADDED: {"b": True},
        Mark.REMOVED: {"b": True},
        Mark.LABEL: {"rFont": HEADING_FONT},
    }
    return InlineFont(**{**base, **extras.get(mark, {})})  # type: ignore[arg-type]


def _shown(run: Run) -> str:
    if run.mark is Mark.UNVERIFIED:
        return f"〔{run.text}〕"
    if run.mark in {Mark.ADDED, Mark.REMOVED}:
        return f"【{run.text}】"
    return run.text


def rich_text(cell: Cell) -> CellRichText | str:
    """A cell's runs as Excel rich text (plain text when nothing is marked)."""
    if all(run.mark is Mark.PLAIN for run in cell):
        return "".join(run.text for run in cell)
    return CellRichText(*(TextBlock(_font(run.mark), _shown(run)) for run in cell))


def print_setup(sheet: Worksheet, header_row: int) -> None:
    """Landscape A4, fit to one page wide, the header row repeated on every printed page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = f"A{header_row + 1}"
    footer = sheet.oddFooter.center if sheet.oddFooter is not None else None
    if footer is not None:
        footer.text = "&P / &N"


def _top_matter(sheet: Worksheet, table: ComparisonTable, body: Font) -> int:
    """Write title, meta lines, summary and legend, each across the three columns; return the rows used."""
    colon = "：" if table.lang == "zh" else ": "
    lines: list[tuple[str | CellRichText, Font]] = [
        (table.title, Font(name=HEADING_FONT, size=16, bold=True))
    ]
    lines += [(line, body) for line in table.meta]
    sep = "；" if table.lang == "zh" else "; "
    lines.append((sep.join(f"{c.label}{colon}{c.count}" for c in table.summary), body))
    legend: list[TextBlock] = []
    for entry in table.legend:
        legend.append(TextBlock(_font(entry.mark), _shown(Run(text=entry.sample, mark=entry.mark))))
        legend.append(TextBlock(_font(Mark.PLAIN), f" {entry.meaning}　"))
    lines.append((CellRichText(*legend), body))
    for number, (value, font) in enumerate(lines, start=1):
        _wide_line(sheet, number, value, font)
    return len(lines)


def _wide_line(sheet: Worksheet, number: int, value: str | CellRichText, font: Font) -> None:
    """Write a line across the three columns, wrapped.

    Wrapped because LibreOffice prints text that overflows a merged cell, and then scales the whole sheet
    down to fit it.
    """
    cell = sheet.cell(row=number, column=1, value=value)
    cell.font = font
    cell.alignment = _WRAP
    sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=3)
    scale = font.sz / 11 if font.sz else 1.0
    sheet.row_dimensions[number].height = row_height((str(value),), (sum(_WIDTHS),)) * scale


def table_xlsx(table: ComparisonTable) -> bytes:
    """Render *table* as an .xlsx file's bytes."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its one sheet  # noqa: S101
    sheet.title = "新旧对照表" if table.lang == "zh" else "comparison"
    body = Font(name=BODY_FONT, size=11)
    header_row = _top_matter(sheet, table, body) + 2
    for column, text in enumerate(table.header, start=1):
        cell = sheet.cell(row=header_row, column=column, value=text)
        cell.font = Font(name=HEADING_FONT, size=12, bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
    row_number = header_row
    for row in table.rows:
        row_number += 1
        if isinstance(row, DataRow):
            cells = (row.old, row.new, row.note)
            for column, runs in enumerate(cells, start=1):
                cell = sheet.cell(row=row_number, column=column, value=rich_text(runs))
                cell.alignment = _WRAP
                cell.font = body
                cell.border = _BORDER
            shown = tuple("".join(_shown(run) for run in runs) for runs in cells)
            sheet.row_dimensions[row_number].height = row_height(shown, _WIDTHS)
            continue
        cell = sheet.cell(row=row_number, column=1, value=row.text)
        cell.font = Font(name=HEADING_FONT, size=12 if row.level != "item" else 11, bold=row.level != "item")
        cell.alignment = Alignment(vertical="center")
        sheet.row_dimensions[row_number].height = _SECTION_HEIGHT
        for column in (1, 2, 3):
            sheet.cell(row=row_number, column=column).border = _BORDER
            if row.level != "item":
                sheet.cell(row=row_number, column=column).fill = _SECTION_FILL
        sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=3)
    if table.unrecorded:
        row_number += 2
        sheet.cell(row=row_number, column=1, value=table.unrecorded_title).font = Font(
            name=HEADING_FONT, size=12, bold=True
        )
        for line in table.unrecorded:
            row_number += 1
            _wide_line(sheet, row_number, line, body)
    # Widths in characters: Chinese characters are two wide; 60 + 60 + 30 fits A4 landscape at fit-to-width.
    for letter, width in zip("ABC", _WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    print_setup(sheet, header_row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
