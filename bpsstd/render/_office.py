"""What the DOCX and XLSX writers share: fonts, colours, and the check that the office extra is installed.

python-docx and openpyxl are an optional extra (``pip install "bpsstd[office]"``): only the office
formats need them, and the data library and the CI gates should not pull them in.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

from bpsstd.errors import BpsstdError

if TYPE_CHECKING:
    from bpsstd.render._table import ComparisonTable

__all__ = [
    "BODY_FALLBACK",
    "BODY_FONT",
    "HEADING_FALLBACK",
    "HEADING_FONT",
    "INSERTED_RGB",
    "INSTALL",
    "OfficeMissingError",
    "require_office",
    "table_docx",
    "table_xlsx",
]

#: Official documents set body text in 仿宋 (FangSong) and headings in 黑体 (SimHei). Word finds them by
#: these names on Chinese Windows; the fallback (Noto CJK, free, in every Linux distribution) names the
#: Latin and complex-script faces so a machine without them still shows Chinese.
BODY_FONT, BODY_FALLBACK = "仿宋", "Noto Serif CJK SC"
HEADING_FONT, HEADING_FALLBACK = "黑体", "Noto Sans CJK SC"
INSERTED_RGB = "C00000"
UNVERIFIED_RGB = "7F4F00"
INSTALL = 'pip install "bpsstd[office]"'


class OfficeMissingError(BpsstdError, ImportError):
    """python-docx or openpyxl, which the DOCX and XLSX formats need, is not installed."""

    def __init__(self, module: str) -> None:
        self.module = module
        super().__init__(f"the {module} package is needed for this format; install it with: {INSTALL}")


def require_office(module: str) -> None:
    """Raise :class:`OfficeMissingError` unless *module* (``docx`` or ``openpyxl``) can be imported."""
    if importlib.util.find_spec(module) is None:
        raise OfficeMissingError({"docx": "python-docx"}.get(module, module))


def table_docx(table: ComparisonTable) -> bytes:
    """Render the comparison table as a .docx file's bytes.

    Raises:
        OfficeMissingError: python-docx is not installed.
    """
    require_office("docx")
    from bpsstd.render._docx import table_docx as write  # noqa: PLC0415  # the extra loads on demand

    return write(table)


def table_xlsx(table: ComparisonTable) -> bytes:
    """Render the comparison table as an .xlsx file's bytes.

    Raises:
        OfficeMissingError: openpyxl is not installed.
    """
    require_office("openpyxl")
    from bpsstd.render._xlsx import table_xlsx as write  # noqa: PLC0415  # the extra loads on demand

    return write(table)
