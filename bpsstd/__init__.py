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
from bpsstd.changes import (
    Change,
    ChangeHeader,
    ChangeKind,
    Direction,
    EditionDiff,
    ExpenditureClassChange,
    LeadUnitsChange,
    MetadataChange,
    Place,
    PlacementChange,
    QuantityChange,
    Span,
    SpanOp,
    StructureChange,
    Summary,
    TextChange,
    UnitChange,
)
from bpsstd.checks import check
from bpsstd.diff import diff
from bpsstd.diff import schema as diff_schema  # bpsstd.diff names the function, not the module
from bpsstd.editions import editions, load
from bpsstd.errors import BpsstdError, EditionNotFoundError, InvariantError, LoadError
from bpsstd.folder import dump_folder, load_folder
from bpsstd.model import (
    Agency,
    Aspect,
    Category,
    Confidence,
    Departments,
    Edition,
    EditionProvenance,
    Expenditure,
    ExpenditureClass,
    FactNote,
    FactRating,
    Lang,
    Provenance,
    Quantity,
    Range,
    Ratio,
    ServiceItem,
    Text,
    Totals,
    format_value,
)
from bpsstd.problems import CODES, Problem, ProblemCode, Report, Severity, Stage
from bpsstd.serde import structure, structure_diff, unstructure

__all__ = [
    "CODES",
    "Agency",
    "Aspect",
    "BpsstdError",
    "Category",
    "Change",
    "ChangeHeader",
    "ChangeKind",
    "Confidence",
    "Departments",
    "Direction",
    "Edition",
    "EditionDiff",
    "EditionNotFoundError",
    "EditionProvenance",
    "Expenditure",
    "ExpenditureClass",
    "ExpenditureClassChange",
    "FactNote",
    "FactRating",
    "InvariantError",
    "Lang",
    "LeadUnitsChange",
    "LoadError",
    "MetadataChange",
    "Place",
    "PlacementChange",
    "Problem",
    "ProblemCode",
    "Provenance",
    "Quantity",
    "QuantityChange",
    "Range",
    "Ratio",
    "Report",
    "ServiceItem",
    "Severity",
    "Span",
    "SpanOp",
    "Stage",
    "StructureChange",
    "Summary",
    "Text",
    "TextChange",
    "Totals",
    "UnitChange",
    "__version__",
    "check",
    "diff",
    "diff_schema",
    "dump_folder",
    "editions",
    "format_value",
    "load",
    "load_folder",
    "structure",
    "structure_diff",
    "unstructure",
]
