"""bpsstd: China's National Basic Public Service Standards (国家基本公共服务标准) as typed, checked data.

>>> import bpsstd
>>> edition = bpsstd.load("2021")
>>> len(edition.items)
80
>>> edition.item("rural-student-nutrition").standard.zh
'每生每天4元（全年按在校200天计）'
"""

# Public names are imported on first use (PEP 562), so that ``import bpsstd`` and ``bpsstd --help``
# do not pay for deepdiff, cattrs and the converter; the version is a literal, read by the build
# (hatch's version source), so that no importlib.metadata scan runs at import time either.

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from bpsstd._table import ItemRow
    from bpsstd.checks import CODES, Fidelity, Tally, check, fidelity
    from bpsstd.diff import Change, ChangeKind, Direction, EditionDiff, Span, diff
    from bpsstd.diff import schema as diff_schema  # bpsstd.diff names the function, not the module
    from bpsstd.editions import editions, load
    from bpsstd.errors import BpsstdError, EditionNotFoundError, InvariantError, LoadError
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
    from bpsstd.serde import dump_folder, load_folder, structure, unstructure

#: Where each public name lives: (module, name in that module).
_LAZY: dict[str, tuple[str, str]] = {
    "ItemRow": ("bpsstd._table", "ItemRow"),
    **{n: ("bpsstd.checks", n) for n in ("CODES", "Fidelity", "Tally", "check", "fidelity")},
    **{n: ("bpsstd.diff", n) for n in ("Change", "ChangeKind", "Direction", "EditionDiff", "Span", "diff")},
    "diff_schema": ("bpsstd.diff", "schema"),
    **{n: ("bpsstd.editions", n) for n in ("editions", "load")},
    **{
        n: ("bpsstd.errors", n)
        for n in ("BpsstdError", "EditionNotFoundError", "InvariantError", "LoadError")
    },
    **{
        n: ("bpsstd.model", n)
        for n in (
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
            "Provenance",
            "Quantity",
            "Range",
            "Ratio",
            "ServiceItem",
            "Source",
            "Text",
            "Totals",
            "format_value",
        )
    },
    **{n: ("bpsstd.problems", n) for n in ("Problem", "Report", "Severity")},
    **{n: ("bpsstd.serde", n) for n in ("dump_folder", "load_folder", "structure", "unstructure")},
}


def __getattr__(name: str) -> object:
    """Import a public name on first use, and keep it, so later uses cost a plain lookup."""
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'bpsstd' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """List the public names too, though most are not imported yet."""
    return sorted({*globals(), *__all__})


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
    "ChangeKind",
    "Comparator",
    "Confidence",
    "Departments",
    "Direction",
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
    "load",
    "load_folder",
    "structure",
    "unstructure",
]
