"""DOCX and XLSX outputs read back with python-docx and openpyxl; the CSV export read back with csv."""

from __future__ import annotations

import csv
import importlib.util
import io
from typing import TYPE_CHECKING

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import RGBColor
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock

import bpsstd
from bpsstd.cli import main
from bpsstd.render import (
    COLUMNS,
    ComparisonTable,
    DataRow,
    Mark,
    _office,
    catalogue_csv,
    catalogue_docx,
    cell_text,
    comparison_table,
    table_docx,
    table_xlsx,
)

if TYPE_CHECKING:
    from pathlib import Path

    from docx.table import Table

_RED = RGBColor.from_string(_office.INSERTED_RGB)


@pytest.fixture(scope="module")
def shipped() -> ComparisonTable:
    """The 2021→2023 comparison table."""
    old, new = bpsstd.load("2021"), bpsstd.load("2023")
    return comparison_table(bpsstd.diff(old, new), old, new)


def _docx_table(data: bytes) -> Table:
    return Document(io.BytesIO(data)).tables[0]


class TestDocx:
    """The comparison table as Word."""

    def test_every_data_row_in_order_with_its_text(self, shipped: ComparisonTable) -> None:
        """Row i+1 of the Word table (after the header) holds row i of the model, cell by cell."""
        table = _docx_table(table_docx(shipped))
        assert len(shipped.rows) + 1 == len(table.rows)
        for model_row, row in zip(shipped.rows, table.rows[1:], strict=True):
            if isinstance(model_row, DataRow):
                got = [c.text for c in row.cells]
                want = [cell_text(c) for c in (model_row.old, model_row.new, model_row.note)]
                # Markers are shown in brackets in Word: compare without them.
                assert [w.replace("\n", "") for w in want] == [
                    g.replace("\n", "")
                    .replace("【", "")
                    .replace("】", "")
                    .replace("〔", "")
                    .replace("〕", "")
                    for g in got
                ]
            else:
                assert model_row.text == row.cells[0].text

    def test_run_formatting_follows_the_marks(self, shipped: ComparisonTable) -> None:
        """Deleted runs are struck, inserted ones red and bold, wording-only ones underlined."""
        table = _docx_table(table_docx(shipped))
        seen = set()
        for model_row, row in zip(shipped.rows, table.rows[1:], strict=True):
            if not isinstance(model_row, DataRow):
                continue
            for model_cell, cell in zip((model_row.old, model_row.new), row.cells[:2], strict=True):
                runs = cell.paragraphs[0].runs
                assert len(model_cell) == len(runs)
                for model_run, run in zip(model_cell, runs, strict=True):
                    seen.add(model_run.mark)
                    assert (model_run.mark is Mark.DELETED) == bool(run.font.strike)
                    red_bold = bool(run.bold) and run.font.color.rgb == _RED
                    assert (model_run.mark is Mark.INSERTED) == red_bold
                    assert (model_run.mark is Mark.WORDING) == bool(run.underline)
        assert {Mark.DELETED, Mark.INSERTED, Mark.WORDING} <= seen

    def test_header_row_repeats_and_page_is_landscape(self, shipped: ComparisonTable) -> None:
        """The first row carries w:tblHeader; the section is A4 landscape."""
        document = Document(io.BytesIO(table_docx(shipped)))
        header = document.tables[0].rows[0]._tr
        assert header.trPr is not None
        assert header.trPr.find(qn("w:tblHeader")) is not None
        section = document.sections[0]
        assert section.page_width is not None
        assert section.page_height is not None
        assert section.page_width > section.page_height
        assert 297 == round(section.page_width.mm)
        assert ["原标准（2021年版）", "新标准（2023年版）", "修改说明"] == [
            c.text for c in document.tables[0].rows[0].cells
        ]

    def test_top_matter_and_fonts(self, shipped: ComparisonTable) -> None:
        """Title, meta, summary and legend come first; runs name 仿宋 for East-Asian text; a PAGE field."""
        document = Document(io.BytesIO(table_docx(shipped)))
        texts = [p.text for p in document.paragraphs]
        assert shipped.title == texts[0]
        assert list(shipped.meta) == texts[1 : 1 + len(shipped.meta)]
        total = shipped.summary[0]
        assert texts[1 + len(shipped.meta)].startswith(f"{total.label}：{total.count}")
        fonts = document.tables[0].rows[2].cells[0].paragraphs[0].runs[-1]._element.rPr.rFonts
        assert "仿宋" == fonts.get(qn("w:eastAsia"))
        assert "Noto Serif CJK SC" == fonts.get(qn("w:ascii"))
        footer = document.sections[0].footer._element.xml
        assert "PAGE" in footer


class TestXlsx:
    """The comparison table as Excel."""

    def test_rows_rich_text_and_print_setup(self, shipped: ComparisonTable) -> None:
        """Every data row is a sheet row with rich-text runs formatted by mark; header frozen and repeated."""
        book = load_workbook(io.BytesIO(table_xlsx(shipped)), rich_text=True)
        sheet = book.active
        assert sheet is not None
        header_row = next(r for r in range(1, 20) if sheet.cell(row=r, column=1).value == shipped.header[0])
        assert list(shipped.header) == [sheet.cell(row=header_row, column=c).value for c in (1, 2, 3)]
        assert f"A{header_row + 1}" == sheet.freeze_panes
        assert f"${header_row}:${header_row}" in str(sheet.print_title_rows)
        assert "landscape" == sheet.page_setup.orientation
        assert 1 == sheet.page_setup.fitToWidth
        seen = set()
        for offset, model_row in enumerate(shipped.rows, start=1):
            if not isinstance(model_row, DataRow):
                assert model_row.text == sheet.cell(row=header_row + offset, column=1).value
                continue
            for column, model_cell in enumerate((model_row.old, model_row.new), start=1):
                value = sheet.cell(row=header_row + offset, column=column).value
                assert cell_text(model_cell).replace("新增", "") in str(value).replace("【新增】", "")
                if not isinstance(value, CellRichText):
                    assert all(r.mark is Mark.PLAIN for r in model_cell)
                    continue
                blocks = [b for b in value if isinstance(b, TextBlock)]
                for model_run, block in zip(model_cell, blocks, strict=True):
                    seen.add(model_run.mark)
                    assert (model_run.mark is Mark.DELETED) == bool(block.font.strike)
                    assert (model_run.mark is Mark.INSERTED) == (
                        bool(block.font.b)
                        and block.font.color is not None
                        and str(block.font.color.rgb).endswith(_office.INSERTED_RGB)
                    )
                    assert (model_run.mark is Mark.WORDING) == (block.font.u == "single")
        assert {Mark.DELETED, Mark.INSERTED, Mark.WORDING} <= seen

    def test_summary_line_has_the_counts(self, shipped: ComparisonTable) -> None:
        """The summary line above the table states each count of the model."""
        sheet = load_workbook(io.BytesIO(table_xlsx(shipped))).active
        assert sheet is not None
        cells = [str(sheet.cell(row=r, column=1).value) for r in range(1, 8)]
        line = next(c for c in cells if c.startswith("变化合计"))
        for count in shipped.summary:
            assert f"{count.label}：{count.count}" in line


class TestCatalogue:
    """Catalogue exports."""

    def test_csv_has_81_rows_a_bom_and_chinese(self) -> None:
        """The 2023 CSV starts with a BOM, has the stable header and 81 item rows with Chinese intact."""
        data = catalogue_csv(bpsstd.load("2023"))
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert list(COLUMNS) == rows[0]
        assert 81 == len(rows) - 1
        nutrition = next(r for r in rows if r[0] == "rural-student-nutrition")
        assert "农村义务教育学生营养膳食补助" == nutrition[COLUMNS.index("name")]
        assert "每生每天5元（全年按在校200天计）" == nutrition[COLUMNS.index("standard")]

    def test_docx_is_laid_out_like_the_official_document(self) -> None:
        """Headings 一、/1./（1）, then the five fields, each 标签：…。."""
        edition = bpsstd.load("2023")
        texts = [p.text for p in Document(io.BytesIO(catalogue_docx(edition))).paragraphs]
        assert edition.title.zh == texts[0]
        assert "一、幼有所育" == texts[1]
        assert "1.优孕优生服务" == texts[2]
        assert "（1）农村免费孕前优生健康检查" == texts[3]
        labels = ["服务对象：", "服务内容：", "服务标准：", "支出责任：", "牵头负责单位："]
        for label, text in zip(labels, texts[4:9], strict=True):
            assert text.startswith(label)
            assert text.endswith("。")
        assert 81 == sum(t.startswith("牵头负责单位：") for t in texts)

    def test_cli_csv_and_xlsx(self, tmp_path: Path) -> None:
        """`bpsstd export 2023 --format csv|xlsx --output FILE` writes the library's bytes / 81 item rows."""
        assert 0 == main(["export", "2023", "--format", "csv", "--output", str(tmp_path / "c.csv")])
        assert catalogue_csv(bpsstd.load("2023")) == (tmp_path / "c.csv").read_bytes()
        assert 0 == main(["export", "2023", "--format", "xlsx", "--output", str(tmp_path / "c.xlsx")])
        sheet = load_workbook(tmp_path / "c.xlsx").active
        assert sheet is not None
        assert 81 + 2 == sheet.max_row
        assert list(COLUMNS) == [c.value for c in sheet[2]]


class TestCommand:
    """`bpsstd diff --format docx|xlsx` and the missing extra."""

    @pytest.mark.parametrize("fmt", ["docx", "xlsx"])
    def test_binary_needs_output(self, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --output a binary format is a usage error (exit 2), and nothing reaches stdout."""
        assert 2 == main(["diff", "2021", "2023", "--format", fmt])
        captured = capsys.readouterr()
        assert "" == captured.out
        assert "--output FILE" in captured.err

    @pytest.mark.parametrize("fmt", ["docx", "xlsx"])
    def test_writes_the_library_result(self, fmt: str, tmp_path: Path) -> None:
        """The file written is a readable document of the 2021→2023 table."""
        out = tmp_path / f"t.{fmt}"
        assert 0 == main(["diff", "2021", "2023", "--format", fmt, "--output", str(out)])
        if fmt == "docx":
            assert "修改说明" == Document(str(out)).tables[0].rows[0].cells[2].text
        else:
            assert load_workbook(out).active is not None

    def test_missing_extra_is_one_line(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """When python-docx cannot be found, the command says how to install it, in one line, exit 2."""
        real = importlib.util.find_spec
        monkeypatch.setattr(
            importlib.util,
            "find_spec",
            lambda name, *a: None if name == "docx" else real(name, *a),
        )
        assert 2 == main(["diff", "2021", "2023", "--format", "docx", "--output", str(tmp_path / "t.docx")])
        err = capsys.readouterr().err
        assert 1 == err.count("\n")
        assert 'pip install "bpsstd[office]"' in err
        assert not (tmp_path / "t.docx").exists()
