"""Sphinx configuration of the bpsstd documentation site (``nox -s docs``).

The catalogues and the editions changelog are rendered from the data at build time by the project's own
extension, :mod:`bpsstd.sphinxext`; nothing about an edition is written here by hand.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import jieba

import bpsstd

if TYPE_CHECKING:
    from sphinx.application import Sphinx

project = "bpsstd"
author = "bpsstd developers"
copyright = "bpsstd developers"  # no year: it would only go stale
release = bpsstd.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "myst_parser",
    "bpsstd.sphinxext",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]

# Chinese first: the standard's authoritative language. English pages live under en/.
language = "zh_CN"
# Chinese search: Sphinx splits Chinese words with jieba (a dependency of the docs group, and offline:
# its dictionary ships inside the package). Without jieba, Chinese words would not be indexed at all.
html_search_language = "zh"
jieba.setLogLevel(logging.WARNING)  # not its progress messages on every build

html_theme = "furo"
html_title = "bpsstd · 国家基本公共服务标准"
html_show_sourcelink = False

# The docstrings are Google style (STYLE.md).
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = False
autodoc_member_order = "bysource"
autodoc_typehints = "description"

# -n (nitpicky) without network: there is no intersphinx inventory of the standard library, so these
# names from it cannot be linked. They are the only references allowed to stay unresolved.
nitpick_ignore = [
    # attrs documents its protocol as attrs.AttrsInstance; autodoc resolves it under attr.
    ("py:class", "attr.AttrsInstance"),
    ("py:class", "collections.abc.Iterator"),
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "datetime.date"),
    ("py:class", "os.PathLike"),
    ("py:class", "pathlib.Path"),
]

myst_enable_extensions = ["colon_fence"]


def _keep_attribute_terms(  # noqa: PLR0913, PLR0917  # the signature of Sphinx's event
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: object,
    lines: list[str],
) -> None:
    """Undo napoleon's reading of ``"term: text"`` at the start of an attribute docstring as a type.

    Our attribute docstrings often start with the standard's term (``服务对象: who is served``); types
    come from annotations, never from docstrings, so the ``:type:`` napoleon made of the term goes back
    into the sentence.
    """
    del app, name, obj, options
    if what in {"attribute", "data", "property"} and len(lines) >= 3 and lines[-1].startswith(":type: "):
        term = lines[-1].removeprefix(":type: ")
        del lines[-2:]
        lines[0] = f"{term}: {lines[0]}"


def setup(app: Sphinx) -> None:
    """Run :func:`_keep_attribute_terms` after napoleon (priority 500)."""
    app.connect("autodoc-process-docstring", _keep_attribute_terms, priority=600)
