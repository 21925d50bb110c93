"""``bpsstd region-import``: a regional document (table or labelled layout) becomes a regional folder.

The documents are built here from Shanghai's real rows (``regional/shanghai-2024``), in the layouts
the regional README describes: Shanghai's table (项目名称 | 服务对象 | 服务内容 | 服务标准 | 支出责任 |
牵头负责单位) and the model text's labelled lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bpsstd import load
from bpsstd.cli import main
from bpsstd.layouts import parse_document
from bpsstd.reading import read_document
from bpsstd.regional import Level, Region, load_regional, load_regional_folder
from bpsstd.regional_import import import_regional

if TYPE_CHECKING:
    from pathlib import Path

    from bpsstd.regional import LocalItem, RegionalStandard

HEADER = ("项目名称", "服务对象", "服务内容", "服务标准", "支出责任", "牵头负责单位")
NUMERALS = "一二三四五六七八九"


def _cells(row: LocalItem) -> tuple[str, ...]:
    units = "、".join(a.zh for a in row.lead_units)
    texts = (row.target, row.content, row.standard, row.expenditure)
    return (row.name, *(t or "" for t in texts), units)


def _docx(standard: RegionalStandard, path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for n, aspect in enumerate(standard.aspects):
        heading = table.add_row().cells
        heading[0].merge(heading[-1]).text = f"{NUMERALS[n]}、{aspect.name}"
        for row in aspect.items:
            for cell, text in zip(table.add_row().cells, _cells(row), strict=True):
                cell.text = text
    document.save(str(path))
    return path


def _xlsx(standard: RegionalStandard, path: Path) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for n, aspect in enumerate(standard.aspects):
        sheet.append((f"{NUMERALS[n]}、{aspect.name}",))
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=6)
        for row in aspect.items:
            sheet.append(_cells(row))
    book.save(path)
    return path


def _labelled(standard: RegionalStandard, path: Path) -> Path:
    labels = ("服务对象", "服务内容", "服务标准", "支出责任", "牵头负责单位")
    lines = []
    for n, aspect in enumerate(standard.aspects):
        lines.append(f"{NUMERALS[n]}、{aspect.name}")
        for k, row in enumerate(aspect.items, start=1):
            lines.append(f"（{k}）{row.name}")
            lines += [f"{label}：{text}" for label, text in zip(labels, _cells(row)[1:], strict=True) if text]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _flat(text: str | None) -> str | None:
    """A cell's text as the readers give it: lines joined, each stripped (layout breaks are not data)."""
    return None if text is None else "".join(line.strip() for line in text.splitlines())


def _row_view(row: LocalItem) -> tuple[object, ...]:
    texts = (row.target, row.content, row.standard, row.expenditure)
    return (row.name, *(_flat(t) for t in texts), tuple(a.zh for a in row.lead_units))


WRITERS = {"docx": _docx, "xlsx": _xlsx, "txt": _labelled}


class TestRoundTrip:
    """Shanghai exported to a document and imported back holds the same rows."""

    @pytest.mark.parametrize("kind", sorted(WRITERS))
    def test_same_rows(self, kind: str, tmp_path: Path) -> None:
        """Names, the five fields and the lead units come back row for row, aspect by aspect."""
        shanghai = load_regional("shanghai-2024")
        path = WRITERS[kind](shanghai, tmp_path / f"shanghai.{kind}")
        result = import_regional(
            parse_document(read_document(path)),
            load("2023"),
            id="shanghai-imported",
            title=shanghai.title,
            region=Region(zh="上海市", en="Shanghai", level=Level.PROVINCE),
        )
        got = result.standard
        assert [(a.key, a.name) for a in shanghai.aspects] == [(a.key, a.name) for a in got.aspects]
        assert [_row_view(r) for r in shanghai.items] == [_row_view(r) for r in got.items]

    def test_matches_by_name_and_reports_the_rest(self, tmp_path: Path) -> None:
        """Rows named as national items implement them; the others are local-only, each with a warning."""
        shanghai, national = load_regional("shanghai-2024"), load("2023")
        names = {i.name.zh for i in national.service_items}
        result = import_regional(
            parse_document(read_document(_docx(shanghai, tmp_path / "s.docx"))),
            national,
            id="s",
            title="t",
            region=Region(zh="上海市", en="", level=Level.PROVINCE),
        )
        # Where the name is the national one, the import finds the mapping the reviewed data has.
        assert [r.implements for r in shanghai.items if r.name in names] == [
            r.implements for r in result.standard.items if r.name in names
        ]
        unmatched = [r.name for r in shanghai.items if r.name not in names]
        assert [r.name for r in result.standard.items if r.local_only] == unmatched
        warned = [p for p in result.problems if p.code == "regional-import-local-only"]
        assert len(unmatched) == len(warned)
        assert all(f"row {name!r}" in p.message for name, p in zip(unmatched, warned, strict=True))

    def test_cut_row_is_incomplete_in_labelled_text(self, tmp_path: Path) -> None:
        """In the labelled layout the row whose 支出责任 stops mid-word (区财政负) is read as cut off."""
        shanghai = load_regional("shanghai-2024")
        result = import_regional(
            parse_document(read_document(_labelled(shanghai, tmp_path / "s.txt"))),
            load("2023"),
            id="s",
            title="t",
            region=Region(zh="上海市", en="", level=Level.PROVINCE),
        )
        cut = [r.name for r in result.standard.items if not r.complete]
        assert "再生育技术服务" in cut
        assert any(p.code == "field-cut-off" and "再生育技术服务" in p.message for p in result.problems)


class TestCli:
    """The command writes a folder that loads and can be checked."""

    def test_writes_a_loadable_folder(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Exit 0; the folder loads, implements 2023, and holds Shanghai's rows; warnings go to stderr."""
        shanghai = load_regional("shanghai-2024")
        source = _xlsx(shanghai, tmp_path / "shanghai.xlsx")
        out = tmp_path / "shanghai-imported"
        code = main(
            ["region-import", str(source), "--implements", "2023", "--output", str(out), "--region", "上海市"]
        )
        _, err = capsys.readouterr()
        assert 0 == code
        loaded = load_regional_folder(out)
        assert ("shanghai-imported", "2023", "上海市") == (loaded.id, loaded.implements, loaded.region.zh)
        assert [_row_view(r) for r in shanghai.items] == [_row_view(r) for r in loaded.items]
        assert "[regional-import-local-only]" in err
        # Two aspects of the document cover few of the 80 national items: the region report fails it.
        assert 1 == main(["region", str(out)])
        assert "[regional-missing-item]" in capsys.readouterr().out

    def test_existing_output_is_refused(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An existing output folder is not overwritten: exit 2."""
        source = _labelled(load_regional("shanghai-2024"), tmp_path / "s.txt")
        assert 2 == main(["region-import", str(source), "--implements", "2023", "--output", str(tmp_path)])
        assert "exists" in capsys.readouterr().err

    def test_document_without_rows(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A document with no row of either layout writes nothing: exit 2."""
        source = tmp_path / "empty.txt"
        source.write_text("没有表格。\n", encoding="utf-8")
        out = tmp_path / "out"
        assert 2 == main(["region-import", str(source), "--implements", "2023", "--output", str(out)])
        assert not out.exists()
        assert "no row" in capsys.readouterr().err
