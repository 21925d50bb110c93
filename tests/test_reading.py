"""Tests for the document readers (layer 1 of the import): lines and tables with their locations."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import docx
import openpyxl
import pytest

from bpsstd.reading import INSTALL_HINT, DocumentError, Location, decode_text, read_document

if TYPE_CHECKING:
    from pathlib import Path

# Synthetic text in the labelled layout (not wording of the standard).
SAMPLE = "一、示例方面\n1.示例类别\n（1）示例项目\n服务对象：示例对象。\n"


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF showing *text* (ASCII) in Helvetica, built by hand with a correct xref table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


class TestText:
    """Plain text and Markdown files."""

    @pytest.mark.parametrize(
        ("data", "encoding"),
        [
            (SAMPLE.encode("utf-8"), "utf-8"),
            (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
            (SAMPLE.encode("gb18030"), "gb18030"),
            (SAMPLE.encode("gbk"), "gb18030"),
        ],
    )
    def test_encodings(self, tmp_path: Path, data: bytes, encoding: str) -> None:
        """UTF-8 with or without a BOM and GBK/GB18030 all decode to the same lines, naming the encoding."""
        path = tmp_path / "doc.txt"
        path.write_bytes(data)
        document = read_document(path)
        assert encoding == document.encoding
        assert SAMPLE.splitlines() == [line.text for line in document.lines]
        assert Location(line=4) == document.lines[3].where

    def test_not_text(self) -> None:
        """Bytes that are neither UTF-8 nor GB18030 raise UnicodeDecodeError from decode_text."""
        with pytest.raises(UnicodeDecodeError):
            decode_text(b"\x81\x30\xff\xff")

    def test_binary_is_an_error(self, tmp_path: Path) -> None:
        """A .txt holding binary data is one clear DocumentError."""
        path = tmp_path / "doc.txt"
        path.write_bytes(b"\x00\x01\x02")
        with pytest.raises(DocumentError, match="binary data"):
            read_document(path)

    def test_markdown(self, tmp_path: Path) -> None:
        """Markdown heading marks and emphasis are dropped; a pipe table becomes a table."""
        path = tmp_path / "doc.md"
        path.write_text(
            "## 一、示例方面\n**服务对象**：示例。\n\n| 服务项目 | 服务对象 |\n|---|---|\n| 甲 | 乙 |\n"
        )
        document = read_document(path)
        assert ["一、示例方面", "服务对象：示例。", ""] == [line.text for line in document.lines]
        assert [["服务项目", "服务对象"], ["甲", "乙"]] == [
            [c.text for c in r] for r in document.tables[0].rows
        ]
        assert Location(line=6, table=1, row=2, column=2) == document.tables[0].rows[1][1].where

    def test_sha256(self, tmp_path: Path) -> None:
        """The digest is the SHA-256 of the file's bytes."""
        path = tmp_path / "doc.txt"
        path.write_bytes(b"abc")
        assert (
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" == read_document(path).sha256
        )


class TestDocx:
    """DOCX body paragraphs and tables."""

    def test_paragraphs_and_merged_cells(self, tmp_path: Path) -> None:
        """Paragraphs become lines; a merged cell's text appears once, the other slots are marked merged."""
        document = docx.Document()
        document.add_paragraph("一、示例方面")
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "序号", "服务项目", "支出责任"
        table.cell(1, 0).merge(table.cell(1, 2)).text = "1.示例类别"
        table.cell(2, 0).text, table.cell(2, 1).text = "1", "示例项目"
        path = tmp_path / "doc.docx"
        document.save(str(path))
        read = read_document(path)
        assert ["一、示例方面"] == [line.text for line in read.lines]
        rows = read.tables[0].rows
        assert ["1.示例类别", "", ""] == [c.text for c in rows[1]]
        assert [False, True, True] == [c.merged for c in rows[1]]

    def test_vertical_merge(self, tmp_path: Path) -> None:
        """A cell merged down a column is read once, in its first row."""
        document = docx.Document()
        table = document.add_table(rows=3, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "服务项目", "支出责任"
        table.cell(1, 1).merge(table.cell(2, 1)).text = "共同"
        path = tmp_path / "doc.docx"
        document.save(str(path))
        rows = read_document(path).tables[0].rows
        assert [("共同", False), ("", True)] == [
            (rows[1][1].text, rows[1][1].merged),
            (rows[2][1].text, rows[2][1].merged),
        ]

    def test_corrupt(self, tmp_path: Path) -> None:
        """A .docx that is not a zip is one clear DocumentError."""
        path = tmp_path / "doc.docx"
        path.write_bytes(b"not a zip")
        with pytest.raises(DocumentError, match="not a valid DOCX"):
            read_document(path)

    def test_missing_extra(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without python-docx the error names the install command."""
        monkeypatch.setitem(sys.modules, "docx", None)
        path = tmp_path / "doc.docx"
        path.write_bytes(b"")
        with pytest.raises(DocumentError, match="python-docx") as info:
            read_document(path)
        assert INSTALL_HINT in str(info.value)


class TestXlsx:
    """XLSX sheets."""

    def test_merged_range(self, tmp_path: Path) -> None:
        """A merged range keeps its text in the top-left cell; the other cells are marked merged."""
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["服务项目", "服务对象", "服务内容"])
        sheet.append(["一、示例方面"])
        sheet.merge_cells("A2:C2")
        sheet.append(["甲", "乙", "丙"])
        path = tmp_path / "doc.xlsx"
        book.save(str(path))
        rows = read_document(path).tables[0].rows
        assert [("一、示例方面", False), ("", True), ("", True)] == [(c.text, c.merged) for c in rows[1]]
        assert Location(page=1, table=1, row=3, column=2) == rows[2][1].where

    def test_corrupt(self, tmp_path: Path) -> None:
        """A .xlsx that is not a workbook is one clear DocumentError."""
        path = tmp_path / "doc.xlsx"
        path.write_bytes(b"not a zip")
        with pytest.raises(DocumentError, match="not a valid XLSX"):
            read_document(path)


class TestPdf:
    """Text PDFs, and PDFs without usable text."""

    def test_text(self, tmp_path: Path) -> None:
        """A text PDF gives its lines with page and line numbers."""
        path = tmp_path / "doc.pdf"
        path.write_bytes(pdf_bytes("Hello PDF"))
        lines = read_document(path).lines
        assert [("Hello PDF", Location(page=1, line=1))] == [(line.text, line.where) for line in lines]

    @pytest.mark.parametrize("text", ["", "(cid:12)(cid:34)(cid:56)"])
    def test_no_text(self, tmp_path: Path, text: str) -> None:
        """Empty text or (cid:...) glyphs give one error suggesting a DOCX or text copy."""
        path = tmp_path / "doc.pdf"
        path.write_bytes(pdf_bytes(text.replace("(", r"\(").replace(")", r"\)")))
        with pytest.raises(DocumentError, match="use a DOCX or plain-text copy"):
            read_document(path)

    def test_corrupt(self, tmp_path: Path) -> None:
        """A .pdf that is not a PDF is one clear DocumentError."""
        path = tmp_path / "doc.pdf"
        path.write_bytes(b"not a pdf")
        with pytest.raises(DocumentError, match="PDF"):
            read_document(path)


class TestFiles:
    """Files that cannot be read at all."""

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """An unknown suffix names the known ones."""
        with pytest.raises(DocumentError, match=r"unknown document format '\.odt'; known: \.docx"):
            read_document(tmp_path / "doc.odt")

    def test_missing(self, tmp_path: Path) -> None:
        """A missing file is a DocumentError naming it."""
        with pytest.raises(DocumentError, match=r"doc\.txt"):
            read_document(tmp_path / "doc.txt")
