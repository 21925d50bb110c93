"""Public names imported on first use (PEP 562), for packages that re-export their modules' names.

``import bpsstd`` and ``bpsstd.render`` would otherwise import every module behind their names, and a
command would pay for deepdiff, cattrs or the office writers it never uses.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["attach"]


def attach(
    package: str, where: Mapping[str, tuple[str, str]]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of *package*, whose public names live where *where* says.

    *where* maps each public name to ``(module, name in that module)``. A name is imported the first
    time it is used and kept in the package, so later uses cost a plain lookup; ``dir()`` lists the
    package's ``__all__`` too, though most of it is not imported yet.
    """
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> object:  # noqa: N807  # the module hook's own name
        try:
            module, attribute = where[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module), attribute)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:  # noqa: N807
        return sorted({*namespace, *namespace.get("__all__", ())})

    return __getattr__, __dir__
