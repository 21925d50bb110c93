"""The DOCX and XLSX outputs as a reader sees them: LibreOffice prints them to PDF, pdftotext reads the PDF.

Skips (with the reason) where LibreOffice or poppler-utils is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

import bpsstd
from bpsstd.render import catalogue_docx, comparison_table, table_docx, table_xlsx

if TYPE_CHECKING:
    from pathlib import Path

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")

pytestmark = pytest.mark.skipif(
    not (LIBREOFFICE and PDFTOTEXT and PDFINFO),
    reason="needs libreoffice (libreoffice-writer-nogui, libreoffice-calc-nogui) and poppler-utils",
)


def _pdf(tmp_path: Path, name: str, data: bytes) -> tuple[int, str]:
    """Convert *data* (a file called *name*) to PDF; return its page count and its text."""
    source = tmp_path / name
    source.write_bytes(data)
    # A private profile: LibreOffice refuses to start twice on one profile, and tests may run in parallel.
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(  # noqa: S603  # fixed arguments, our own files
        [
            str(LIBREOFFICE),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "pdf" / (source.stem + ".pdf")
    info = subprocess.run([str(PDFINFO), str(pdf)], check=True, capture_output=True, text=True).stdout  # noqa: S603
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(  # noqa: S603
        [str(PDFTOTEXT), "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return pages, text


def _squeeze(text: str) -> str:
    """The text without whitespace: PDF lines break titles and names anywhere."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def table() -> object:
    """The 2021→2023 comparison table."""
    old, new = bpsstd.load("2021"), bpsstd.load("2023")
    return comparison_table(bpsstd.diff(old, new), old, new)


@pytest.mark.parametrize(("name", "write"), [("t.docx", table_docx), ("t.xlsx", table_xlsx)])
def test_comparison_table_prints(tmp_path: Path, table: object, name: str, write: object) -> None:
    """The printed table has pages, the title, and the names of changed items."""
    pages, text = _pdf(tmp_path, name, write(table))  # type: ignore[operator]
    assert pages >= 1
    flat = _squeeze(text)
    assert "新旧对照表" in flat
    assert "国家基本公共服务标准（2023年版）" in flat
    for item in ("农村义务教育学生营养膳食补助", "增补叶酸预防神经管缺陷服务"):
        assert item in flat
    assert "每生每天5元" in flat


def test_catalogue_prints(tmp_path: Path) -> None:
    """The 2023 catalogue document prints with its title and items."""
    edition = bpsstd.load("2023")
    pages, text = _pdf(tmp_path, "c.docx", catalogue_docx(edition))
    assert pages >= 5
    flat = _squeeze(text)
    assert _squeeze(edition.title.zh or "") in flat
    assert "农村义务教育学生营养膳食补助" in flat
