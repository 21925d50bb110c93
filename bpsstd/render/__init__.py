"""Renderers: editions and diffs as text, JSON, Markdown and reStructuredText, in Chinese or English.

They read records (an :class:`~bpsstd.model.Edition`, an :class:`~bpsstd.changes.EditionDiff`) and say them
through :mod:`bpsstd.present`; none of them imports the diff engine.

The comparison table (新旧对照表) and the catalogue exports also render to DOCX and XLSX when the
``office`` extra is installed (``pip install "bpsstd[office]"``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpsstd import _lazy

if TYPE_CHECKING:
    from bpsstd.render._catalogue import edition_text, item_text
    from bpsstd.render._catalogue_export import (
        COLUMNS,
        catalogue_csv,
        catalogue_docx,
        catalogue_rows,
        catalogue_xlsx,
    )
    from bpsstd.render._catalogue_rst import edition_rst, item_label
    from bpsstd.render._diff import diff_json, diff_markdown, diff_rst, diff_text
    from bpsstd.render._office import OfficeMissingError, table_docx, table_xlsx
    from bpsstd.render._table import (
        Cell,
        ComparisonTable,
        Count,
        DataRow,
        LegendEntry,
        Mark,
        Run,
        SectionRow,
        cell_text,
    )
    from bpsstd.render._table_adapter import comparison_table, not_recorded
    from bpsstd.render._table_markup import table_html, table_markdown

#: Which module holds each public name: imported on first use (PEP 562), so that a command
#: printing a diff does not pay for the catalogue, the comparison table and the office writers.
_MODULES: dict[str, tuple[str, ...]] = {
    "bpsstd.render._catalogue": (
        "edition_text",
        "item_text",
    ),
    "bpsstd.render._catalogue_export": (
        "COLUMNS",
        "catalogue_csv",
        "catalogue_docx",
        "catalogue_rows",
        "catalogue_xlsx",
    ),
    "bpsstd.render._catalogue_rst": (
        "edition_rst",
        "item_label",
    ),
    "bpsstd.render._diff": (
        "diff_json",
        "diff_markdown",
        "diff_rst",
        "diff_text",
    ),
    "bpsstd.render._office": (
        "OfficeMissingError",
        "table_docx",
        "table_xlsx",
    ),
    "bpsstd.render._table": (
        "Cell",
        "ComparisonTable",
        "Count",
        "DataRow",
        "LegendEntry",
        "Mark",
        "Run",
        "SectionRow",
        "cell_text",
    ),
    "bpsstd.render._table_adapter": (
        "comparison_table",
        "not_recorded",
    ),
    "bpsstd.render._table_markup": (
        "table_html",
        "table_markdown",
    ),
}
_LAZY = {name: (module, name) for module, names in _MODULES.items() for name in names}


__getattr__, __dir__ = _lazy.attach(__name__, _LAZY)

__all__ = [
    "COLUMNS",
    "Cell",
    "ComparisonTable",
    "Count",
    "DataRow",
    "LegendEntry",
    "Mark",
    "OfficeMissingError",
    "Run",
    "SectionRow",
    "catalogue_csv",
    "catalogue_docx",
    "catalogue_rows",
    "catalogue_xlsx",
    "cell_text",
    "comparison_table",
    "diff_json",
    "diff_markdown",
    "diff_rst",
    "diff_text",
    "edition_rst",
    "edition_text",
    "item_label",
    "item_text",
    "not_recorded",
    "table_docx",
    "table_html",
    "table_markdown",
    "table_xlsx",
]
