"""The comparison table as a Word document (python-docx): A4 landscape, a real table, header row repeated.

Also the small helpers the catalogue's DOCX export shares: fonts set for East-Asian text, page numbers.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from bpsstd.render._office import (
    BODY_FALLBACK,
    BODY_FONT,
    HEADING_FALLBACK,
    HEADING_FONT,
    INSERTED_RGB,
    UNVERIFIED_RGB,
)
from bpsstd.render._table import ComparisonTable, DataRow, Mark, Run

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run as DocxRun

__all__ = ["add_page_numbers", "new_document", "set_font", "table_docx"]


def set_font(run: DocxRun, *, heading: bool = False, size: float | None = None) -> None:
    """Name the run's fonts: 仿宋 (or 黑体) for East-Asian text, the Noto CJK fallback for the rest."""
    east, fallback = (HEADING_FONT, HEADING_FALLBACK) if heading else (BODY_FONT, BODY_FALLBACK)
    run.font.name = fallback
    r_pr = run._element.get_or_add_rPr()  # noqa: SLF001  # python-docx has no API for w:eastAsia
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:  # pragma: no cover  # font.name above always adds it
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east)
    fonts.set(qn("w:hint"), "eastAsia")
    if size is not None:
        run.font.size = Pt(size)


def _style_fonts(document: DocumentObject) -> None:
    """Set the Normal style's fonts too, so text without direct formatting (empty cells) matches."""
    style = document.styles["Normal"]
    style.font.name = BODY_FALLBACK
    style.font.size = Pt(12)
    r_pr = style.element.get_or_add_rPr()
    r_pr.rFonts.set(qn("w:eastAsia"), BODY_FONT)


def new_document(*, landscape: bool) -> DocumentObject:
    """A blank A4 document, landscape or portrait, with official fonts and page numbers."""
    document = Document()
    section = document.sections[0]
    width, height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    section.top_margin = section.bottom_margin = Mm(20)
    _style_fonts(document)
    add_page_numbers(document)
    return document


def add_page_numbers(document: DocumentObject) -> None:
    """Put "- N -" in the centre of every page's footer (a PAGE field, filled in by the reader)."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(paragraph.add_run("- "), size=10)
    run = paragraph.add_run()
    set_font(run, size=10)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._element.append(element)  # noqa: SLF001  # fields have no python-docx API
    set_font(paragraph.add_run(" -"), size=10)


def heading(document: DocumentObject, text: str, size: float, *, center: bool = False) -> Paragraph:
    """A heading paragraph in 黑体."""
    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(paragraph.add_run(text), heading=True, size=size)
    paragraph.runs[0].bold = True
    return paragraph


def add_run(paragraph: Paragraph, run: Run, size: float = 11) -> None:
    """Add one marked run: inserted red and bold, deleted struck, wording underlined."""
    out = paragraph.add_run(run.text)
    set_font(out, heading=run.mark is Mark.LABEL, size=size)
    mark = run.mark
    if mark is Mark.INSERTED:
        out.bold = True
        out.font.color.rgb = RGBColor.from_string(INSERTED_RGB)
    elif mark is Mark.DELETED:
        out.font.strike = True
    elif mark is Mark.WORDING:
        out.underline = True
    elif mark is Mark.UNVERIFIED:
        out.text = f"〔{run.text}〕"
        out.italic = True
        out.font.color.rgb = RGBColor.from_string(UNVERIFIED_RGB)
    elif mark in {Mark.ADDED, Mark.REMOVED}:
        out.text = f"【{run.text}】"
        out.bold = True


def _fill(cell: _Cell, runs: tuple[Run, ...]) -> None:
    paragraph = cell.paragraphs[0]
    for run in runs:
        add_run(paragraph, run)


def _repeat_header(row_element: object) -> None:
    tr_pr = row_element.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    _keep_whole(row_element)


def _keep_whole(row_element: object) -> None:
    # A row is one provision: printed on one page where it fits (Word splits a row taller than a page).
    tr_pr = row_element.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(OxmlElement("w:cantSplit"))


def _shade(cell: _Cell, fill: str) -> None:
    tc_pr = cell._element.get_or_add_tcPr()  # noqa: SLF001  # shading has no python-docx API
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _top_matter(document: DocumentObject, table: ComparisonTable) -> None:
    """Title, meta lines, summary counts and legend, before the table."""
    # 16 points: the title of two editions fits one landscape line instead of breaking inside a word.
    heading(document, table.title, 16, center=True)
    for line in table.meta:
        paragraph = document.add_paragraph()
        set_font(paragraph.add_run(line), size=11)
    paragraph = document.add_paragraph()
    sep = "；" if table.lang == "zh" else "; "
    colon = "：" if table.lang == "zh" else ": "
    set_font(paragraph.add_run(sep.join(f"{c.label}{colon}{c.count}" for c in table.summary)), size=11)
    paragraph = document.add_paragraph()
    for i, entry in enumerate(table.legend):
        if i:
            set_font(paragraph.add_run("　"), size=11)
        add_run(paragraph, Run(text=entry.sample, mark=entry.mark))
        set_font(paragraph.add_run(f" {entry.meaning}"), size=11)


def table_docx(table: ComparisonTable) -> bytes:
    """Render *table* as a .docx file's bytes."""
    document = new_document(landscape=True)
    _top_matter(document, table)
    widths = (Mm(108), Mm(108), Mm(41))
    grid = document.add_table(rows=1, cols=3)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    # LibreOffice and Word lay the table out from the grid columns; cell widths alone are not enough.
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    header = grid.rows[0]
    _repeat_header(header._tr)  # noqa: SLF001  # w:tblHeader has no python-docx API
    for cell, text, width in zip(header.cells, table.header, widths, strict=True):
        cell.width = width
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(paragraph.add_run(text), heading=True, size=12)
        _shade(cell, "D9D9D9")
    for row in table.rows:
        added = grid.add_row()
        _keep_whole(added._tr)  # noqa: SLF001  # w:cantSplit has no python-docx API
        cells = added.cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        if isinstance(row, DataRow):
            for cell, runs in zip(cells, (row.old, row.new, row.note), strict=True):
                _fill(cell, runs)
        else:
            merged = cells[0].merge(cells[2])
            size = {"facts": 13, "aspect": 13, "category": 12}.get(row.level, 11)
            # A heading row stays on the page of the row it heads.
            merged.paragraphs[0].paragraph_format.keep_with_next = True
            run = merged.paragraphs[0].add_run(row.text)
            set_font(run, heading=True, size=size)
            run.bold = row.level != "item"
            if row.level != "item":
                _shade(merged, "F2F2F2")
    if table.unrecorded:
        heading(document, table.unrecorded_title, 13)
        for line in table.unrecorded:
            paragraph = document.add_paragraph()
            set_font(paragraph.add_run(f"· {line}"), size=11)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
