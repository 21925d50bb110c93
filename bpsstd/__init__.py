"""bpsstd: China's National Basic Public Service Standards (国家基本公共服务标准) as typed, checked data.

>>> import bpsstd
>>> edition = bpsstd.load("2021")
>>> len(edition.items)
80
>>> edition.item("rural-student-nutrition").standard.zh
'每生每天4元（全年按在校200天计）'
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bpsstd")
except PackageNotFoundError:  # pragma: no cover  # running from a checkout that was never installed
    __version__ = "0.0.0+unknown"

# Imported after __version__: the CLI module reads it.
from bpsstd._table import ItemRow
from bpsstd.checks import CODES, Fidelity, Tally, check, fidelity
from bpsstd.diff import Change, ChangeKind, Direction, EditionDiff, Span, diff
from bpsstd.diff import schema as diff_schema  # bpsstd.diff names the function, not the module
from bpsstd.editions import editions, load
from bpsstd.errors import BpsstdError, EditionNotFoundError, InvariantError, LoadError
from bpsstd.import_report import ImportReport
from bpsstd.importing import ImportResult, import_document
from bpsstd.model import (
    Agency,
    Aspect,
    Better,
    Category,
    Comparator,
    Confidence,
    Departments,
    Edition,
    EditionProvenance,
    Expenditure,
    ExpenditureClass,
    FactNote,
    FactRating,
    FieldProvenance,
    Provenance,
    Quantity,
    Range,
    Ratio,
    ServiceItem,
    Source,
    Text,
    Totals,
    format_value,
)
from bpsstd.problems import Problem, Report, Severity
from bpsstd.reading import DocumentError, read_document
from bpsstd.serde import dump_folder, load_folder, structure, unstructure

__all__ = [
    "CODES",
    "Agency",
    "Aspect",
    "Better",
    "BpsstdError",
    "Category",
    "Change",
    "ChangeKind",
    "Comparator",
    "Confidence",
    "Departments",
    "Direction",
    "DocumentError",
    "Edition",
    "EditionDiff",
    "EditionNotFoundError",
    "EditionProvenance",
    "Expenditure",
    "ExpenditureClass",
    "FactNote",
    "FactRating",
    "Fidelity",
    "FieldProvenance",
    "ImportReport",
    "ImportResult",
    "InvariantError",
    "ItemRow",
    "LoadError",
    "Problem",
    "Provenance",
    "Quantity",
    "Range",
    "Ratio",
    "Report",
    "ServiceItem",
    "Severity",
    "Source",
    "Span",
    "Tally",
    "Text",
    "Totals",
    "__version__",
    "check",
    "diff",
    "diff_schema",
    "dump_folder",
    "editions",
    "fidelity",
    "format_value",
    "import_document",
    "load",
    "load_folder",
    "read_document",
    "structure",
    "unstructure",
]
