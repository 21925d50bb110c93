"""The comparison tables (新旧对照表) on the documentation site, and links from changes to the catalogue.

- ``.. bpsstd-table:: OLD NEW`` renders the table of two editions (:func:`bpsstd.render.table_html`:
  ``<ins>``/``<del>``, the legend, the summary counts) under the table's title; every item, category and
  aspect heading of the table links to its entry in its edition's catalogue page (``catalogue-ID`` beside
  the page, anchor the key).
- ``.. bpsstd-tables::`` lists a link to the page ``table-OLD-NEW`` (beside the page that uses it) for
  every consecutive pair of shipped editions, so a pair without its page breaks the build.
- On the changelog pages (``changelog-OLD-NEW``), every item or category key links to its catalogue
  entry: the keys the changelog shows as code become links to the catalogue's labels
  (:func:`bpsstd.render.item_label`), resolved when the page is written.

Kept apart from :mod:`bpsstd.sphinxext`, which loads it with one line.
"""

from __future__ import annotations

import itertools
import posixpath
import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri

from bpsstd import __version__
from bpsstd.diff import diff
from bpsstd.editions import editions, load
from bpsstd.model import Lang
from bpsstd.present import Word, escape_rst, label
from bpsstd.render import comparison_table, item_label, table_html
from bpsstd.sphinxext import _DataDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

    from bpsstd.model import Edition

__all__ = ["TableDirective", "TablesDirective", "setup"]

_CHANGELOG = re.compile(r"(?:^|/)changelog-([^/]+)-([^/]+)$")


def _anchors(edition: Edition) -> dict[str, str]:
    """The catalogue anchor of every item, category and aspect key of *edition* (items by bare key)."""
    anchors = {aspect.key: f"aspect-{aspect.key}" for aspect in edition.aspects}
    anchors.update({category.key: f"category-{category.key}" for category in edition.categories})
    anchors.update({item.key: item.key for item in edition.service_items})
    return anchors


class TableDirective(_DataDirective):
    """``.. bpsstd-table:: OLD NEW``: the 新旧对照表 from one edition to another, as an HTML table."""

    required_arguments = 2

    def run(self) -> list[nodes.Node]:
        """Build the table, give the page its title, and link its headings to the catalogues."""
        old, new = self.load(self.arguments[0]), self.load(self.arguments[1])
        table = comparison_table(diff(old, new), old, new, self.lang)
        title = escape_rst(table.title)
        found = self.parse(f"{title}\n{'=' * (2 * len(table.title) + 4)}\n")
        html = table_html(table, title=False, links=self._links(old, new))
        section = found[0] if found and isinstance(found[0], nodes.section) else None
        raw = nodes.raw("", html, format="html")
        if section is None:  # pragma: no cover  # a title always parses into a section
            return [*found, raw]
        section += raw
        return found

    def _links(self, old: Edition, new: Edition) -> dict[str, str]:
        """Catalogue addresses by key: in the new edition where it has the key, else in the old."""
        here = self.env.docname
        builder = self.env.app.builder
        links: dict[str, str] = {}
        for edition in (old, new):  # the new edition's entries overwrite the old's
            doc = posixpath.join(posixpath.dirname(here), f"catalogue-{edition.id}")
            if doc not in self.env.found_docs:
                continue
            try:
                uri = builder.get_relative_uri(here, doc)
            except NoUri:  # a builder without addresses (e.g. text): no links
                return {}
            links.update({key: f"{uri}#{anchor}" for key, anchor in _anchors(edition).items()})
        return links


class TablesDirective(_DataDirective):
    """``.. bpsstd-tables::``: links to the comparison table of every consecutive pair of shipped editions."""

    def run(self) -> list[nodes.Node]:
        """List one link per pair, ``table-OLD-NEW`` beside this page."""
        ids = editions()
        word = label(Word.COMPARE_LINK, self.lang)
        lines = [f"- :doc:`{word} {a} → {b} <table-{a}-{b}>`" for a, b in itertools.pairwise(ids)]
        return self.parse("\n".join(lines) + "\n") if lines else []


def _link_changelog(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On a changelog page, make every item or category key shown as code a link to its catalogue entry."""
    match = _CHANGELOG.search(docname)
    if match is None or not {match[1], match[2]} <= set(editions()):
        return
    lang = Lang.EN if docname.startswith("en/") else Lang.ZH
    labels = app.env.get_domain("std").labels  # type: ignore[attr-defined]  # StandardDomain
    targets: dict[str, str] = {}
    for edition_id in (match[1], match[2]):  # the new edition's entries win
        for key, anchor in _anchors(load(edition_id)).items():
            targets[key] = item_label(edition_id, lang, anchor)
    for literal in list(doctree.findall(nodes.literal)):
        found = labels.get(targets.get(literal.astext(), ""))
        if found is None or isinstance(literal.parent, nodes.reference):
            continue
        target_doc, anchor, _ = found
        try:
            uri = app.builder.get_relative_uri(docname, target_doc)
        except NoUri:
            return
        reference = nodes.reference("", "", internal=True, refuri=f"{uri}#{anchor}")
        literal.replace_self(reference)
        reference += literal


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register ``bpsstd-table``, ``bpsstd-tables`` and the changelog's links."""
    app.add_directive("bpsstd-table", TableDirective)
    app.add_directive("bpsstd-tables", TablesDirective)
    app.connect("doctree-resolved", _link_changelog)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
