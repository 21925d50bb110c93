"""A Sphinx extension that renders editions and their changelog from the data, at build time.

Add ``"bpsstd.sphinxext"`` to ``extensions`` in ``conf.py``; then, in any reST page::

    .. bpsstd-editions::
       :lang: zh

    .. bpsstd-catalogue:: 2021
       :lang: zh

    .. bpsstd-changelog:: 2021 2023
       :lang: en

    .. bpsstd-help:: diff

    .. bpsstd-problem-codes::

``bpsstd-catalogue`` renders an edition's catalogue (:func:`bpsstd.render.edition_rst`), and
``bpsstd-changelog`` what changed between two editions (:func:`bpsstd.render.diff_rst` over
:func:`bpsstd.diff`); each emits the page's title, so a page may hold nothing else. ``bpsstd-editions``
lists the shipped editions with links to the pages ``catalogue-ID`` and ``changelog-OLD-NEW`` beside the
page that uses it, so a shipped edition without its pages breaks the build. ``bpsstd-help`` prints the
``--help`` of the command line or of one of its commands, and ``bpsstd-problem-codes`` the codes that
``bpsstd check`` reports. An edition is a shipped id or a folder relative to the page. Every directive
generates reST and parses it, so the pages say what the library's renderers say, and nothing is copied
by hand; a page that shows an edition is rebuilt whenever one of the edition's files changes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from bpsstd import __version__
from bpsstd.diff import diff
from bpsstd.editions import editions, load
from bpsstd.errors import BpsstdError
from bpsstd.import_report import IMPORT_CODES
from bpsstd.model import Lang
from bpsstd.present import Word, escape_rst, label
from bpsstd.problems import CODES
from bpsstd.render import diff_rst, edition_rst, item_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata, OptionSpec

    from bpsstd.model import Edition

__all__ = [
    "CatalogueDirective",
    "ChangelogDirective",
    "EditionsDirective",
    "HelpDirective",
    "ProblemCodesDirective",
    "setup",
]

_STATIC = Path(__file__).parent / "_static"


def _lang(argument: str) -> Lang:
    """The ``:lang:`` option: ``zh`` or ``en``."""
    return Lang(directives.choice(argument, [lang.value for lang in Lang]))


class _DataDirective(SphinxDirective):
    """Shared parts: loading editions, recording them as dependencies, parsing generated reST."""

    option_spec: ClassVar[OptionSpec] = {"lang": _lang}

    @property
    def lang(self) -> Lang:
        """The page's language (``zh`` unless ``:lang:`` says otherwise)."""
        return Lang(self.options.get("lang", Lang.ZH))

    def load(self, name: str) -> Edition:
        """Load edition *name* (a shipped id or a folder relative to the page) and depend on its files.

        Raises:
            docutils.parsers.rst.DirectiveError: the edition cannot be found or read.
        """
        try:
            edition = load(name) if name in editions() else load(Path(self.env.relfn2path(name)[1]))
        except BpsstdError as exc:
            msg = f"{self.name}: {exc}"
            raise self.error(msg) from exc
        if edition.origin is not None:
            # Rebuild the page whenever the data changes: the site must never drift from it.
            for path in sorted(Path(edition.origin.folder).glob("*.yaml")):
                self.env.note_dependency(str(path.resolve()))
        return edition

    def parse(self, text: str) -> list[nodes.Node]:
        """Parse generated reST, which may hold sections (their titles start at the page's top level)."""
        return self.parse_text_to_nodes(text, allow_section_headings=True)


def _anchor_sections(found: list[nodes.Node], prefix: str) -> None:
    """Give the section that follows each label ``PREFIX<rest>`` the anchor ``<rest>``.

    Chinese titles make anchors such as ``#id7``; a stable key makes ``#rural-student-nutrition``. The
    label comes right before its section's title, so the section is the next node in document order
    outside the label (a sibling, or a sibling of an ancestor when the label ends the previous section).
    """
    for top in found:
        if not isinstance(top, nodes.Element):
            continue
        for target in top.findall(nodes.target):
            name = next((n for n in target["names"] if n.startswith(prefix)), None)
            section = target.next_node(descend=False, siblings=True, ascend=True)
            document = target.document
            if name is None or not isinstance(section, nodes.section) or document is None:
                continue
            anchor = name.removeprefix(prefix)
            if anchor not in document.ids:
                section["ids"].insert(0, anchor)
                document.ids[anchor] = section
                # References to the label then point at the key too: page.html#rural-student-nutrition.
                document.nameids[name] = anchor


class CatalogueDirective(_DataDirective):
    """``.. bpsstd-catalogue:: EDITION``: an edition's catalogue, aspects > categories > items."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        """Render the catalogue as reST and parse it."""
        edition = self.load(self.arguments[0])
        found = self.parse(edition_rst(edition, self.lang))
        _anchor_sections(found, item_label(edition.id, self.lang, ""))
        return found


class ChangelogDirective(_DataDirective):
    """``.. bpsstd-changelog:: OLD NEW``: every change from one edition to another, grouped for readers."""

    required_arguments = 2

    def run(self) -> list[nodes.Node]:
        """Compare the editions, render the diff as reST and parse it."""
        old, new = self.load(self.arguments[0]), self.load(self.arguments[1])
        return self.parse(diff_rst(diff(old, new), self.lang))


def _heading(word: Word, lang: Lang) -> str:
    """A column heading: the word, with a capital in English."""
    text = label(word, lang)
    return text[:1].upper() + text[1:]


class EditionsDirective(_DataDirective):
    """``.. bpsstd-editions::``: a table of the shipped editions, linking to their pages."""

    def run(self) -> list[nodes.Node]:
        """List every shipped edition with its totals, its catalogue and its changes from the previous one."""
        ids = editions()
        lang = self.lang
        columns = (Word.EDITION, Word.TITLE, Word.PUBLISHED, Word.TOTALS, Word.CATALOGUE_LINK, Word.CHANGES)
        lines = [".. list-table::", "   :header-rows: 1", ""]
        lines += [f"   {'*' if n == 0 else ' '} - {_heading(word, lang)}" for n, word in enumerate(columns)]
        catalogue, unknown = _heading(Word.CATALOGUE_LINK, lang), label(Word.UNKNOWN, lang)
        for n, edition_id in enumerate(ids):
            edition = self.load(edition_id)
            totals = label(
                Word.TOTALS_VALUE,
                lang,
                aspects=len(edition.aspects),
                categories=len(edition.categories),
                items=len(edition.service_items),
            )
            previous = (
                f":doc:`{ids[n - 1]} → {edition_id} <changelog-{ids[n - 1]}-{edition_id}>`" if n else "—"
            )
            lines += [
                f"   * - {edition_id}",
                f"     - {escape_rst(edition.title.get(lang) or edition.id)}",
                f"     - {edition.published or unknown}",
                f"     - {totals}",
                f"     - :doc:`{catalogue} <catalogue-{edition_id}>`",
                f"     - {previous}",
            ]
        return self.parse("\n".join(lines) + "\n")


class HelpDirective(SphinxDirective):
    """``.. bpsstd-help:: [COMMAND]``: the ``--help`` of ``bpsstd`` or of one of its commands."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        """Run ``bpsstd [COMMAND] --help`` and show what it prints as a literal block.

        The command runs as users run it, in a process of its own: the extension does not import the CLI.
        """
        argv = [*self.arguments, "--help"]
        # The command is this interpreter running this package, with arguments given by the page.
        run = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "bpsstd", *argv],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            # A fixed width and encoding: the page must not depend on the terminal that built it.
            env={**os.environ, "COLUMNS": "80", "PYTHONIOENCODING": "utf-8"},
        )
        if run.returncode != 0:
            msg = f"{self.name}: 'bpsstd {' '.join(argv)}' exited with {run.returncode}"
            raise self.error(msg)
        block = nodes.literal_block(run.stdout, run.stdout, language="text")
        self.set_source_info(block)
        return [block]


class ProblemCodesDirective(SphinxDirective):
    """``.. bpsstd-problem-codes::``: the table of the codes that ``bpsstd check`` reports."""

    def run(self) -> list[nodes.Node]:
        """List every code of :data:`bpsstd.CODES` with its stage, severity and meaning."""
        lines = [
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 2 1 1 5",
            "",
            "   * - code",
            "     - reported by",
            "     - severity",
            "     - meaning",
        ]
        for code in CODES.values():
            lines += [
                f"   * - ``{code.code}``",
                f"     - {code.stage.value}",
                f"     - {code.severity.value}",
                f"     - {escape_rst(code.meaning)}",
            ]
        return self.parse_text_to_nodes("\n".join(lines) + "\n")


class ImportCodesDirective(SphinxDirective):
    """``.. bpsstd-import-codes::``: the table of the codes of the notes of ``bpsstd import``."""

    def run(self) -> list[nodes.Node]:
        """List every code of :data:`bpsstd.import_report.IMPORT_CODES` with its severity and meaning."""
        lines = [
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 1 1 3",
            "",
            "   * - code",
            "     - severity",
            "     - meaning",
        ]
        for code, (severity, meaning) in IMPORT_CODES.items():
            lines += [f"   * - ``{code}``", f"     - {severity.value}", f"     - {escape_rst(meaning)}"]
        return self.parse_text_to_nodes("\n".join(lines) + "\n")


def _add_static(app: Sphinx) -> None:
    """Serve ``bpsstd.css`` beside the theme's files (HTML builders only)."""
    if app.builder.format == "html":
        app.config.html_static_path.append(str(_STATIC))
        app.add_css_file("bpsstd.css")


def _page_language(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, object], doctree: object
) -> None:
    """Declare English pages (under ``en/``) as ``lang="en"``; the site's language is Chinese."""
    del app, templatename, doctree  # the signature of the event
    if pagename.startswith("en/"):
        context["language"] = "en"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives and the badges' stylesheet."""
    app.add_directive("bpsstd-catalogue", CatalogueDirective)
    app.add_directive("bpsstd-changelog", ChangelogDirective)
    app.add_directive("bpsstd-editions", EditionsDirective)
    app.add_directive("bpsstd-help", HelpDirective)
    app.add_directive("bpsstd-problem-codes", ProblemCodesDirective)
    app.add_directive("bpsstd-import-codes", ImportCodesDirective)
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", _page_language)
    app.setup_extension("bpsstd._sphinx_region")  # bpsstd-region: regional standards' pages
    app.setup_extension("bpsstd._sphinx_table")  # bpsstd-table(s): 新旧对照表 pages, changelog links
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
