"""Document readers: a published file (text, Markdown, DOCX, XLSX, PDF) as neutral lines and tables.

This is layer 1 of the import (``bpsstd import``): it knows file formats and nothing of the standard.
Every piece of text keeps where it was found (page, line, paragraph, table cell), so later layers can
say where a field came from. The records here do not depend on :mod:`bpsstd.model`.

The office libraries (python-docx, openpyxl, pypdf) are imported only when a file of their format is
read; a missing one is a :class:`DocumentError` naming the install command.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from attrs import field, frozen

from bpsstd.errors import BpsstdError
from bpsstd.model import freeze

__all__ = [
    "Cell",
    "Document",
    "DocumentError",
    "Line",
    "Location",
    "Table",
    "decode_text",
    "read_document",
]

#: The extra that holds the office readers, named in the error for a missing one.
INSTALL_HINT = "pip install 'bpsstd[office]'"


class DocumentError(BpsstdError, ValueError):
    """A document could not be read: unreadable, malformed, of an unknown format, or without text."""

    def __init__(self, path: str, reason: str) -> None:
        """Keep the file and why it could not be read."""
        self.path = path
        self.reason = reason
        super().__init__(f"cannot read {path}: {reason}")


@frozen(kw_only=True)
class Location:
    """Where a piece of text was found; the fields that do not apply are None."""

    page: int | None = None
    line: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        """Render as ``page 2, line 14`` or ``table 1, row 3, column 4``."""
        parts = [
            f"{name} {value}"
            for name, value in (
                ("page", self.page),
                ("line", self.line),
                ("paragraph", self.paragraph),
                ("table", self.table),
                ("row", self.row),
                ("column", self.column),
            )
            if value is not None
        ]
        return ", ".join(parts) or "document"


@frozen(kw_only=True)
class Line:
    """One line (text, PDF) or paragraph (DOCX) of running text."""

    text: str
    where: Location


@frozen(kw_only=True)
class Cell:
    """One table cell; ``merged`` when it continues a merged cell whose text is held elsewhere."""

    text: str
    where: Location
    merged: bool = False


@frozen(kw_only=True)
class Table:
    """A table as rows of cells, merged cells de-duplicated (their text appears once)."""

    rows: tuple[tuple[Cell, ...], ...] = field(converter=freeze)


@frozen(kw_only=True)
class Document:
    """A document read into neutral lines and tables.

    Attributes:
        name: the file name (no folder).
        sha256: hex digest of the file's bytes.
        kind: ``text``, ``markdown``, ``docx``, ``xlsx`` or ``pdf``.
        encoding: for text files, the encoding used (``utf-8``, ``utf-8-sig``, ``gb18030``); else None.
        lines: running text in reading order.
        tables: tables in reading order.
    """

    name: str
    sha256: str
    kind: str
    encoding: str | None = None
    lines: tuple[Line, ...] = field(default=(), converter=freeze)
    tables: tuple[Table, ...] = field(default=(), converter=freeze)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file: UTF-8 with or without a BOM, else GB18030 (a superset of GBK and GB2312).

    Returns:
        the text and the encoding used.

    Raises:
        UnicodeDecodeError: neither encoding fits.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


_MD_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?=\S))")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _markdown(text: str) -> str:
    """Strip Markdown decoration that is not wording: heading marks, quotes, list bullets, emphasis."""
    return _MD_EMPHASIS.sub("", _MD_PREFIX.sub("", text))


def _read_text(path: Path, data: bytes, kind: str) -> Document:
    try:
        text, encoding = decode_text(data)
    except UnicodeDecodeError:
        raise DocumentError(str(path), "the file is neither UTF-8 nor GB18030 (GBK) text") from None
    if "\x00" in text:
        raise DocumentError(str(path), "the file holds binary data, not text")
    lines: list[Line] = []
    rows: list[tuple[Cell, ...]] = []
    tables: list[Table] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        # Markdown tables (| a | b |) are tables; the rule under the header row is decoration.
        if kind == "markdown" and raw.strip().startswith("|"):
            if not _MD_RULE.match(raw):
                cells = raw.strip().strip("|").split("|")
                rows.append(
                    tuple(
                        Cell(
                            text=_markdown(c).strip(),
                            where=Location(line=number, table=len(tables) + 1, row=len(rows) + 1, column=k),
                        )
                        for k, c in enumerate(cells, start=1)
                    )
                )
            continue
        if rows:
            tables.append(Table(rows=rows))
            rows = []
        clean = _markdown(raw) if kind == "markdown" else raw
        lines.append(Line(text=clean, where=Location(line=number)))
    if rows:
        tables.append(Table(rows=rows))
    return Document(
        name=path.name, sha256=_digest(data), kind=kind, encoding=encoding, lines=lines, tables=tables
    )


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _missing(path: Path, package: str) -> DocumentError:
    return DocumentError(str(path), f"reading this format needs {package}: {INSTALL_HINT}")


def _read_docx(path: Path, data: bytes) -> Document:
    try:
        import docx  # noqa: PLC0415  # optional dependency, imported when a DOCX is read
    except ImportError:
        raise _missing(path, "python-docx") from None
    from docx.table import Table as DocxTable  # noqa: PLC0415
    from docx.text.paragraph import Paragraph  # noqa: PLC0415

    try:
        document = docx.Document(str(path))
    # python-docx raises its own, lxml's and zipfile's exceptions on a malformed package: one error for all.
    except Exception as exc:  # noqa: BLE001
        raise DocumentError(str(path), f"not a valid DOCX file ({exc})") from None
    lines: list[Line] = []
    tables: list[Table] = []
    paragraph = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraph += 1
            # A paragraph may hold soft line breaks; each is a line of the labelled layout.
            lines.extend(
                Line(text=part, where=Location(paragraph=paragraph)) for part in block.text.split("\n")
            )
        elif isinstance(block, DocxTable):
            tables.append(_docx_table(block, len(tables) + 1))
    return Document(name=path.name, sha256=_digest(data), kind="docx", lines=lines, tables=tables)


def _docx_table(table: object, number: int) -> Table:
    """Read a python-docx table; python-docx repeats a merged cell in every grid slot it spans."""
    rows: list[tuple[Cell, ...]] = []
    above: list[object] = []
    for r, row in enumerate(table.rows, start=1):  # type: ignore[attr-defined]
        cells: list[Cell] = []
        seen: list[object] = []
        current = list(row.cells)
        for c, cell in enumerate(current, start=1):
            tc = cell._tc  # noqa: SLF001  # the XML element is the only identity of a merged cell
            where = Location(table=number, row=r, column=c)
            # Repeated across columns (gridSpan) or down rows (vMerge): text once, the rest merged.
            merged = any(tc is s for s in seen) or (c <= len(above) and tc is above[c - 1])
            seen.append(tc)
            cells.append(Cell(text="" if merged else cell.text.strip(), where=where, merged=merged))
        above = [cell._tc for cell in current]  # noqa: SLF001
        rows.append(tuple(cells))
    return Table(rows=rows)


def _read_xlsx(path: Path, data: bytes) -> Document:
    try:
        import openpyxl  # noqa: PLC0415  # optional dependency, imported when an XLSX is read
    except ImportError:
        raise _missing(path, "openpyxl") from None
    try:
        book = openpyxl.load_workbook(str(path), read_only=False, data_only=True)
    # openpyxl raises zipfile's, lxml's and its own exceptions on a malformed workbook: one error for all.
    except Exception as exc:  # noqa: BLE001
        raise DocumentError(str(path), f"not a valid XLSX file ({exc})") from None
    tables: list[Table] = []
    for number, sheet in enumerate(book.worksheets, start=1):
        # openpyxl keeps a merged range's value in its top-left cell only; mark the rest merged.
        covered = {
            (r, c)
            for merged in sheet.merged_cells.ranges
            for r in range(merged.min_row, merged.max_row + 1)
            for c in range(merged.min_col, merged.max_col + 1)
            if (r, c) != (merged.min_row, merged.min_col)
        }
        rows: list[tuple[Cell, ...]] = []
        for r, row in enumerate(sheet.iter_rows(), start=1):
            cells = tuple(
                Cell(
                    text="" if cell.value is None else str(cell.value).strip(),
                    where=Location(page=number, table=number, row=r, column=c),
                    merged=(r, c) in covered,
                )
                for c, cell in enumerate(row, start=1)
            )
            if any(cell.text for cell in cells):
                rows.append(cells)
        if rows:
            tables.append(Table(rows=rows))
    return Document(name=path.name, sha256=_digest(data), kind="xlsx", tables=tables)


_CID = re.compile(r"\(cid:\d+\)")


def _read_pdf(path: Path, data: bytes) -> Document:
    try:
        import pypdf  # noqa: PLC0415  # optional dependency, imported when a PDF is read
    except ImportError:
        raise _missing(path, "pypdf") from None
    try:
        reader = pypdf.PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    # pypdf raises many exception types on damaged files: one error for all.
    except Exception as exc:  # noqa: BLE001
        raise DocumentError(str(path), f"not a readable PDF file ({exc})") from None
    text = "".join(pages)
    glyphs = sum(len(m) for m in _CID.findall(text))
    # Mostly (cid:N) means the fonts have no Unicode map: the "text" is glyph numbers, not wording.
    if not text.strip() or glyphs * 2 >= len("".join(text.split())):
        raise DocumentError(
            str(path),
            "the PDF has no extractable text (a scan, or glyphs without a Unicode map such as "
            "(cid:…)); use a DOCX or plain-text copy of the document instead",
        )
    lines = [
        Line(text=line, where=Location(page=p, line=n))
        for p, page in enumerate(pages, start=1)
        for n, line in enumerate(page.splitlines(), start=1)
    ]
    return Document(name=path.name, sha256=_digest(data), kind="pdf", lines=lines)


_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".pdf": "pdf",
}


def read_document(path: str | Path) -> Document:
    """Read *path* into lines and tables; the format is chosen by the file's suffix.

    Raises:
        DocumentError: the file is missing, unreadable, of an unknown format, malformed, or has no text.
    """
    path = Path(path)
    kind = _KINDS.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(_KINDS))
        raise DocumentError(str(path), f"unknown document format {path.suffix!r}; known: {known}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), exc.strerror or str(exc)) from None
    if kind in {"text", "markdown"}:
        return _read_text(path, data, kind)
    readers = {"docx": _read_docx, "xlsx": _read_xlsx, "pdf": _read_pdf}
    return readers[kind](path, data)
