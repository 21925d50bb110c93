"""Regional reports as an Excel workbook (openpyxl): the coverage matrix and the lists, one sheet each.

The words come already made by the presentation layer (:mod:`bpsstd.present`, through the region
command); this module only lays them out: a frozen, styled header row, wrapped cells, column widths
that fit their text (Chinese characters count two), row heights that show every wrapped line, and
landscape A4 printing with the header repeated.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from attrs import field, frozen
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from bpsstd.model import freeze
from bpsstd.render._office import BODY_FONT, HEADING_FONT
from bpsstd.render._xlsx import _columns, print_setup, row_height

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Sheet", "sheets_xlsx"]

_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_MIN_WIDTH, _MAX_WIDTH = 8, 60  # columns; a longer text wraps instead of widening its column


@frozen(kw_only=True)
class Sheet:
    """One sheet: its name, lines above the table (title, labels), the header and the rows."""

    name: str
    lead: tuple[str, ...] = field(converter=freeze)
    header: tuple[str, ...] = field(converter=freeze)
    rows: tuple[tuple[str, ...], ...] = field(converter=freeze)


def _widths(sheet: Sheet) -> tuple[int, ...]:
    """Each column as wide as its longest line plus a margin, within bounds."""
    widths = []
    for n, title in enumerate(sheet.header):
        texts = [title, *(row[n] for row in sheet.rows if n < len(row))]
        longest = max(_columns(line) for text in texts for line in text.split("\n"))
        widths.append(min(max(longest + 2, _MIN_WIDTH), _MAX_WIDTH))
    return tuple(widths)


def _write(book: Workbook, sheet: Sheet, *, first: bool) -> None:
    page = book.active if first else book.create_sheet()
    assert page is not None  # a new workbook always has its one sheet  # noqa: S101
    page.title = sheet.name[:31]  # Excel's limit on sheet names
    body, bold = Font(name=BODY_FONT, size=11), Font(name=HEADING_FONT, size=12, bold=True)
    for number, line in enumerate(sheet.lead, start=1):
        page.cell(row=number, column=1, value=line).font = bold if number == 1 else body
    header_row = len(sheet.lead) + 2 if sheet.lead else 1
    widths = _widths(sheet)
    for column, text in enumerate(sheet.header, start=1):
        cell = page.cell(row=header_row, column=column, value=text)
        cell.font, cell.fill, cell.border = bold, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for number, row in enumerate(sheet.rows, start=header_row + 1):
        for column, text in enumerate(row, start=1):
            cell = page.cell(row=number, column=column, value=text)
            cell.data_type = "s"  # data text stays text: a cell starting with "=" is not a formula
            cell.font, cell.alignment, cell.border = body, _WRAP, _BORDER
        page.row_dimensions[number].height = row_height(row, widths)
    for column, width in enumerate(widths, start=1):
        page.column_dimensions[get_column_letter(column)].width = width
    print_setup(page, header_row)


def sheets_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """Render *sheets* (at least one) as an .xlsx file's bytes."""
    book = Workbook()
    for n, sheet in enumerate(sheets):
        _write(book, sheet, first=n == 0)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
