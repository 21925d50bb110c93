"""The argument parsers of the sub-commands whose code lives outside :mod:`bpsstd.cli`.

This module imports nothing but :mod:`argparse`, so that building the whole command line (for
``bpsstd --help``, ``--version``, or any command) costs no library import; each command's module
(``_cli_find``, ``_cli_import``, ``_cli_office``, ``_cli_region``) is imported by :mod:`bpsstd.cli`
only when that command runs. A command's options are declared here, its behaviour there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]  # noqa: SLF001  # argparse's own type

__all__ = [
    "DIFF_FORMATS",
    "EXPORT_FORMATS",
    "LANGS",
    "add_export_parser",
    "add_find_parsers",
    "add_import_parser",
    "add_lang_option",
    "add_region_import_parser",
    "add_region_parser",
]

#: The languages of every report, as :class:`bpsstd.model.Lang` spells them (a test keeps the two equal).
LANGS = ("zh", "en")


def add_lang_option(p: argparse.ArgumentParser, what: str | None = None) -> None:
    """Give *p* the ``--lang`` option (Chinese by default), with *what* as its help."""
    p.add_argument("--lang", choices=LANGS, default="zh", help=what)


#: Formats of ``bpsstd diff`` that :mod:`bpsstd._cli_office` writes (the comparison table).
DIFF_FORMATS = ("docx", "xlsx", "html")
#: Formats of ``bpsstd export``.
EXPORT_FORMATS = ("json", "csv", "xlsx", "docx")


def add_export_parser(sub: Subparsers) -> None:
    """Register ``bpsstd export`` (run by :func:`bpsstd._cli_office.export`)."""
    p = sub.add_parser(
        "export",
        help="write an edition as JSON, CSV, Excel or Word",
        description="Write an edition's catalogue: JSON (the data, to stdout by default), CSV or XLSX "
        "(one row per item), or DOCX (laid out like the official document).",
    )
    p.add_argument("edition", help="a shipped edition id (e.g. 2021) or an edition folder")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    p.add_argument("--output", "-o", metavar="FILE", help="the file to write (needed for xlsx and docx)")
    add_lang_option(p, "language of csv, xlsx and docx")


def add_find_parsers(sub: Subparsers) -> None:
    """Register ``bpsstd find`` and ``bpsstd history`` (run by :mod:`bpsstd._cli_find`)."""
    p = sub.add_parser(
        "find",
        help="find items by a word of their name or text",
        description="Search item names and texts (Chinese or English, substring); names rank first.",
    )
    p.add_argument("words", nargs="+", help="what to look for, e.g. 营养 or nutrition")
    p.add_argument("--edition", action="append", help="search only this edition (repeatable)")
    add_lang_option(p)

    p = sub.add_parser(
        "history",
        help="one item across the shipped editions, with the changes between them",
    )
    p.add_argument("item", help="an item key (rural-student-nutrition) or its exact Chinese name")
    add_lang_option(p)


def add_import_parser(sub: Subparsers) -> None:
    """Register ``bpsstd import`` (run by :func:`bpsstd._cli_import.run`)."""
    p = sub.add_parser(
        "import",
        help="build an edition folder from an official document (text, Markdown, DOCX, XLSX, PDF)",
        description="Read the official text of an edition, match its rows to a base edition by name, "
        "and write the base edition with every field found replaced by the document's wording.",
    )
    p.add_argument("file", help="the document: .txt, .md, .docx, .xlsx or a text .pdf")
    p.add_argument(
        "--base", required=True, help="the edition to update: a shipped id (e.g. 2021) or a folder"
    )
    p.add_argument("--output", required=True, help="the edition folder to write (must not exist)")
    p.add_argument("--id", dest="edition_id", help="the id of the edition written (default: the base's id)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--force", action="store_true", help="replace an existing edition folder")


def add_region_parser(sub: Subparsers) -> None:
    """Register ``bpsstd region`` (run by :func:`bpsstd._cli_region.run`)."""
    p = sub.add_parser(
        "region",
        help="check regional implementation standards against the national edition",
        description="Coverage matrix and the 'no lower than national' floor of regional standards "
        "(folders, shipped ids, or directories of them). Exit 1 when coverage or the floor fails.",
    )
    p.add_argument(
        "standards", nargs="+", metavar="FOLDER", help="regional folders, shipped ids or directories"
    )
    p.add_argument("--against", help="national edition (default: the one it implements, else the latest)")
    p.add_argument("--format", choices=("text", "json", "markdown", "xlsx"), default="text")
    add_lang_option(p)
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE (needed for xlsx)")


#: The levels of a region, as :class:`bpsstd.regional.Level` spells them (a test keeps the two equal).
REGION_LEVELS = ("province", "city", "county")


def add_region_import_parser(sub: Subparsers) -> None:
    """Register ``bpsstd region-import`` (run by :func:`bpsstd._cli_region.run_import`)."""
    p = sub.add_parser(
        "region-import",
        help="build a regional folder from a regional document (text, DOCX, XLSX)",
        description="Read a regional implementation standard (table or labelled layout), place each row "
        "on the national item of the same name, and write a regional folder. Rows whose names match "
        "no national item become local-only items (地方新增), with a warning. Exit 0 when written, "
        "2 when nothing is written.",
    )
    p.add_argument("file", help="the document: .txt, .md, .docx or .xlsx")
    p.add_argument("--implements", required=True, metavar="EDITION", help="the national edition, e.g. 2023")
    p.add_argument("--output", required=True, metavar="FOLDER", help="the regional folder (must not exist)")
    p.add_argument("--id", dest="standard_id", help="the standard's id (default: the folder's name)")
    p.add_argument("--title", help="the standard's title (default: the file's name)")
    p.add_argument("--region", default="", help="the region's Chinese name, e.g. 上海市")
    p.add_argument("--level", choices=REGION_LEVELS, default="province")
