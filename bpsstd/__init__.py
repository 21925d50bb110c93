"""bpsstd: China's National Basic Public Service Standards (国家基本公共服务标准) as typed, checked data.

>>> import bpsstd
>>> edition = bpsstd.load("2021")
>>> len(edition.service_items)
80
>>> edition.item("rural-student-nutrition").standard.zh
'每生每天4元（全年按在校200天计）'
"""

# Public names are imported on first use (PEP 562), so that ``import bpsstd`` and ``bpsstd --help``
# do not pay for deepdiff, cattrs and the converter; the version is a literal, read by the build
# (hatch's version source), so that no importlib.metadata scan runs at import time either.

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

from bpsstd import _lazy

__version__ = "0.1.0"

if TYPE_CHECKING:
    from bpsstd._boundary import Limits
    from bpsstd._table import ItemRow
    from bpsstd.changes import (
        Change,
        ChangeHeader,
        ChangeKind,
        Direction,
        EditionDiff,
        ExpenditureClassChange,
        LeadUnitsChange,
        MetadataChange,
        NotRecorded,
        Place,
        PlacementChange,
        QuantityChange,
        Reading,
        Side,
        Span,
        SpanOp,
        StructureChange,
        Summary,
        TextChange,
        UnitChange,
    )
    from bpsstd.checks import Fidelity, Tally, check, fidelity
    from bpsstd.diff import diff
    from bpsstd.diff import schema as diff_schema  # bpsstd.diff names the function, not the module
    from bpsstd.editions import editions, load
    from bpsstd.errors import BpsstdError, EditionNotFoundError, InvariantError, LoadError
    from bpsstd.folder import dump_folder, load_folder
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
        Lang,
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
    from bpsstd.problems import CODES, Problem, ProblemCode, Report, Severity, Stage
    from bpsstd.reading import DocumentError, read_document
    from bpsstd.serde import structure, structure_diff, unstructure

#: Which module holds each public name.
_MODULES: dict[str, tuple[str, ...]] = {
    "bpsstd._boundary": ("Limits",),
    "bpsstd._table": ("ItemRow",),
    "bpsstd.changes": (
        "Change",
        "ChangeHeader",
        "ChangeKind",
        "Direction",
        "EditionDiff",
        "ExpenditureClassChange",
        "LeadUnitsChange",
        "MetadataChange",
        "NotRecorded",
        "Place",
        "PlacementChange",
        "QuantityChange",
        "Reading",
        "Side",
        "Span",
        "SpanOp",
        "StructureChange",
        "Summary",
        "TextChange",
        "UnitChange",
    ),
    "bpsstd.checks": ("Fidelity", "Tally", "check", "fidelity"),
    "bpsstd.diff": ("diff",),
    "bpsstd.editions": ("editions", "load"),
    "bpsstd.errors": ("BpsstdError", "EditionNotFoundError", "InvariantError", "LoadError"),
    # Through serde, which imports bpsstd.folder once its converter exists: importing bpsstd.folder
    # first would meet serde's import of it half-initialised.
    "bpsstd.serde": ("dump_folder", "load_folder", "structure", "structure_diff", "unstructure"),
    "bpsstd.import_report": ("ImportReport",),
    "bpsstd.importing": ("ImportResult", "import_document"),
    "bpsstd.model": (
        "Agency",
        "Aspect",
        "Better",
        "Category",
        "Comparator",
        "Confidence",
        "Departments",
        "Edition",
        "EditionProvenance",
        "Expenditure",
        "ExpenditureClass",
        "FactNote",
        "FactRating",
        "FieldProvenance",
        "Lang",
        "Provenance",
        "Quantity",
        "Range",
        "Ratio",
        "ServiceItem",
        "Source",
        "Text",
        "Totals",
        "format_value",
    ),
    "bpsstd.problems": ("CODES", "Problem", "ProblemCode", "Report", "Severity", "Stage"),
    "bpsstd.reading": ("DocumentError", "read_document"),
}

#: Where each public name lives: (module, name in that module).
_LAZY: dict[str, tuple[str, str]] = {
    **{name: (module, name) for module, names in _MODULES.items() for name in names},
    "diff_schema": ("bpsstd.diff", "schema"),
}


__getattr__, __dir__ = _lazy.attach(__name__, _LAZY)


class _Package(types.ModuleType):
    """The package, keeping ``bpsstd.diff`` and ``bpsstd.editions`` the functions of those names.

    Importing a submodule sets it as an attribute of its package; where a public function has the
    submodule's name, the function must win (as it did when ``__init__`` imported it eagerly).
    """

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and name in _LAZY:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "CODES",
    "Agency",
    "Aspect",
    "Better",
    "BpsstdError",
    "Category",
    "Change",
    "ChangeHeader",
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
    "ExpenditureClassChange",
    "FactNote",
    "FactRating",
    "Fidelity",
    "FieldProvenance",
    "ImportReport",
    "ImportResult",
    "InvariantError",
    "ItemRow",
    "Lang",
    "LeadUnitsChange",
    "Limits",
    "LoadError",
    "MetadataChange",
    "NotRecorded",
    "Place",
    "PlacementChange",
    "Problem",
    "ProblemCode",
    "Provenance",
    "Quantity",
    "QuantityChange",
    "Range",
    "Ratio",
    "Reading",
    "Report",
    "ServiceItem",
    "Severity",
    "Side",
    "Source",
    "Span",
    "SpanOp",
    "Stage",
    "StructureChange",
    "Summary",
    "Tally",
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
    "fidelity",
    "format_value",
    "import_document",
    "load",
    "load_folder",
    "read_document",
    "structure",
    "structure_diff",
    "unstructure",
]
