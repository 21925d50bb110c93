"""An edition's catalogue as a spreadsheet (CSV, XLSX) and as a Word document laid out like the official one.

The CSV and XLSX have one row per item with stable columns (``COLUMNS``), so scripts can rely on
them. The DOCX follows the official document's layout (一、 aspect / 1. category / （1） item, then one
paragraph per field, 服务对象：…。), which the importer of official documents reads back.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from bpsstd.model import Lang
from bpsstd.present import Word, label, show
from bpsstd.render._office import require_office
from bpsstd.render._table_adapter import numbered

if TYPE_CHECKING:
    from bpsstd.model import Edition, ServiceItem, Text

__all__ = ["COLUMNS", "catalogue_csv", "catalogue_docx", "catalogue_rows", "catalogue_xlsx"]

#: The columns of the CSV and XLSX exports, in order; their names never change.
COLUMNS = (
    "key",
    "aspect_number",
    "aspect",
    "category_number",
    "category",
    "item_number",
    "name",
    "target",
    "content",
    "standard",
    "expenditure",
    "expenditure_class",
    "lead_units",
    "name_confidence",
    "fields_confidence",
)
_HEADINGS: dict[str, Word] = {
    "key": Word.COL_KEY,
    "aspect_number": Word.COL_ASPECT_NUMBER,
    "aspect": Word.COL_ASPECT,
    "category_number": Word.COL_CATEGORY_NUMBER,
    "category": Word.COL_CATEGORY,
    "item_number": Word.COL_ITEM_NUMBER,
    "name": Word.COL_ITEM,
    "target": Word.TARGET,
    "content": Word.CONTENT,
    "standard": Word.STANDARD,
    "expenditure": Word.EXPENDITURE,
    "expenditure_class": Word.EXPENDITURE_CLASS,
    "lead_units": Word.LEAD_UNITS,
    "name_confidence": Word.COL_NAME_CONFIDENCE,
    "fields_confidence": Word.COL_FIELDS_CONFIDENCE,
}
#: The five fields of an item, in the official document's order.
_FIVE = ("target", "content", "standard", "expenditure", "lead_units")


def _text(text: Text, lang: Lang) -> str:
    """A text of the data; unknown wording is 未录入 (not recorded), never an empty cell."""
    value = text.get(lang)
    return label(Word.NOT_RECORDED, lang) if value is None else value


def _units(edition: Edition, item: ServiceItem, lang: Lang) -> str:
    names = []
    for key in item.lead_units:
        try:
            names.append(_text(edition.agency(key).name, lang))
        except KeyError:  # checks.py reports unknown agencies; the export shows the key
            names.append(key)
    return ("、" if lang is Lang.ZH else ", ").join(names)


def _field(edition: Edition, item: ServiceItem, name: str, lang: Lang) -> str:
    if name == "lead_units":
        return _units(edition, item, lang)
    if name == "expenditure":
        return _text(item.expenditure.text, lang)
    text: Text = getattr(item, name)
    return _text(text, lang)


def catalogue_rows(edition: Edition, lang: Lang | str = Lang.ZH) -> list[tuple[str, ...]]:
    """One tuple per item, in document order, with the values of ``COLUMNS`` as strings."""
    lang = Lang(lang)
    rows = []
    for _, aspect, category, item in edition.walk():
        kind = item.expenditure.kind
        rows.append(
            (
                item.key,
                str(aspect.number),
                _text(aspect.name, lang),
                str(category.number),
                _text(category.name, lang),
                str(item.number),
                _text(item.name, lang),
                *(_field(edition, item, name, lang) for name in _FIVE[:4]),
                label(Word.NOT_RECORDED, lang) if kind is None else show(kind, lang),
                _field(edition, item, "lead_units", lang),
                show(item.provenance.name, lang),
                show(item.provenance.fields, lang),
            )
        )
    return rows


def catalogue_csv(edition: Edition, lang: Lang | str = Lang.ZH) -> bytes:
    """The catalogue as CSV bytes: UTF-8 with a byte-order mark, so that Excel reads the Chinese right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(catalogue_rows(edition, lang))
    return out.getvalue().encode("utf-8-sig")


def catalogue_xlsx(edition: Edition, lang: Lang | str = Lang.ZH) -> bytes:
    """The catalogue as an .xlsx file's bytes: one sheet, a frozen header, wrapped text, printable."""
    require_office("openpyxl")
    from openpyxl import Workbook  # noqa: PLC0415  # the office extra is optional
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    from bpsstd.render._office import BODY_FONT, HEADING_FONT  # noqa: PLC0415
    from bpsstd.render._xlsx import print_setup  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101  # a new workbook always has its one sheet
    sheet.title = edition.id
    lang = Lang(lang)
    sheet.append([label(_HEADINGS[c], lang) for c in COLUMNS])
    # A second header row with the stable column names, for scripts reading the workbook.
    sheet.append(list(COLUMNS))
    for row in catalogue_rows(edition, lang):
        sheet.append([int(v) if c.endswith("_number") else v for c, v in zip(COLUMNS, row, strict=True)])
    fill = PatternFill("solid", fgColor="D9D9D9")
    for cell in sheet[1]:
        cell.font = Font(name=HEADING_FONT, bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for cell in sheet[2]:
        cell.font = Font(name="Consolas", size=8, color="808080")
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet_row in sheet.iter_rows(min_row=3):
        for body_cell in sheet_row:
            body_cell.alignment = wrap
            body_cell.font = Font(name=BODY_FONT)
    widths = (28, 6, 12, 6, 16, 6, 24, 30, 50, 40, 30, 14, 20, 12, 12)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    print_setup(sheet, 1)
    sheet.print_title_rows = "1:2"
    sheet.freeze_panes = "B3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sentence(text: str, lang: Lang) -> str:
    end = "。" if lang is Lang.ZH else "."
    return text if text.endswith(("。", ".", "！", "？")) else text + end


def catalogue_docx(edition: Edition, lang: Lang | str = Lang.ZH) -> bytes:
    """The edition as a Word document laid out like the official text."""
    require_office("docx")
    from bpsstd.render._docx import heading, new_document, set_font  # noqa: PLC0415  # optional extra

    lang = Lang(lang)
    document = new_document(landscape=False)
    heading(document, _text(edition.title, lang), 20, center=True)
    colon = "：" if lang is Lang.ZH else ": "
    for aspect in edition.aspects:
        heading(document, numbered("aspect", aspect.number, _text(aspect.name, lang), lang), 16)
        for category in aspect.categories:
            heading(document, numbered("category", category.number, _text(category.name, lang), lang), 14)
            for item in category.service_items:
                heading(document, numbered("item", item.number, _text(item.name, lang), lang), 12)
                for name in _FIVE:
                    paragraph = document.add_paragraph()
                    label_run = paragraph.add_run(label(Word(name), lang) + colon)
                    set_font(label_run, heading=True, size=12)
                    text = _sentence(_field(edition, item, name, lang), lang)
                    set_font(paragraph.add_run(text), size=12)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
