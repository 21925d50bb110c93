"""``.. bpsstd-region:: ID``: a shipped regional standard's coverage matrix and lists, for the docs site.

Kept apart from :mod:`bpsstd.sphinxext` (which loads it) so the two can change independently. The page
is built from docutils nodes, so every text from the data renders literally (no markup is parsed).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from bpsstd import __version__
from bpsstd._cli_region import _not_recorded, problem_lines, status_label
from bpsstd.conformance import Conformance, conform
from bpsstd.editions import editions, load
from bpsstd.errors import BpsstdError
from bpsstd.model import Lang
from bpsstd.present import Word, label
from bpsstd.problems import Severity
from bpsstd.regional import load_regional

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata, OptionSpec

__all__ = ["RegionDirective", "setup"]


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", nodes.paragraph(text=cell))
    return row


def _table(header: list[str], rows: list[list[str]]) -> nodes.table:
    table = nodes.table(classes=["bpsstd-region-matrix"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in header)
    group += nodes.thead("", _row(header))
    group += nodes.tbody("", *(_row(r) for r in rows))
    return table


def _w(word: Word, lang: str) -> str:
    return label(word, Lang(lang))


def _lists(result: Conformance, lang: str) -> list[nodes.Node]:
    """The not-recorded aspects, then errors, warnings and the review list."""
    out: list[nodes.Node] = []
    recorded = _not_recorded(result)
    if recorded:
        out.append(nodes.paragraph(text=_w(Word.REGION_NOT_RECORDED, lang)))
        out.append(
            nodes.bullet_list(
                "",
                *(
                    nodes.list_item(
                        "", nodes.paragraph(text=f"{aspect} ({n} {_w(Word.ITEMS, lang)}): {reason}")
                    )
                    for aspect, n, reason in recorded
                ),
            )
        )
    sections = (
        (_w(Word.REGION_ERRORS, lang), Severity.ERROR),
        (_w(Word.REGION_WARNINGS, lang), Severity.WARNING),
        (_w(Word.REGION_REVIEW, lang), Severity.INFO),
    )
    for title, severity in sections:
        out.append(nodes.paragraph(text=title))
        lines = [
            nodes.list_item("", nodes.paragraph(text=line)) for line in problem_lines(result, lang, severity)
        ]
        out.append(
            nodes.bullet_list("", *lines) if lines else nodes.paragraph(text=_w(Word.REGION_NONE, lang))
        )
    return out


class RegionDirective(SphinxDirective):
    """``.. bpsstd-region:: ID`` with ``:lang:`` and ``:against:`` (default: implemented, else latest)."""

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {
        "lang": lambda a: directives.choice(a, ("zh", "en")),
        "against": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        """Load, conform and build the page's nodes."""
        lang = str(self.options.get("lang", "zh"))
        try:
            standard = load_regional(self.arguments[0])
            national = load(self.options.get("against") or standard.implements or editions()[-1])
        except BpsstdError as exc:
            raise self.error(f"{self.name}: {exc}") from exc
        if standard.origin is not None:
            for path in sorted(Path(standard.origin.folder).glob("*.yaml")):
                self.env.note_dependency(str(path.resolve()))
        result = conform(standard, national)
        out: list[nodes.Node] = []
        flags = ((result.synthetic, Word.REGION_SYNTHETIC), (not result.complete, Word.REGION_PARTIAL))
        for flag, word in flags:
            if flag:
                note = nodes.warning()
                extra = " " + standard.completeness_note if word is Word.REGION_PARTIAL else ""
                note += nodes.paragraph(text=_w(word, lang) + extra)
                out.append(note)
        against = _w(Word.REGION_AGAINST, lang)
        out.append(nodes.paragraph(text=f"{result.title} — {result.region}, {against} {result.against}"))
        local_word, national_word = _w(Word.REGION_LOCAL_VALUE, lang), _w(Word.REGION_NATIONAL_VALUE, lang)
        unstated = _w(Word.REGION_UNSTATED, lang)
        rows = []
        for r in result.rows:
            if r.status.value == "not recorded":
                continue
            detail = "; ".join(
                f"{q.what or q.quantity}: {local_word} {q.local or unstated} / {national_word} {q.national}"
                for q in r.quantities
                if q.better is not None
            )
            rows.append([r.name, "、".join(r.local) or "—", status_label(r.status, lang), detail or r.reason])
        header = [
            _w(Word.REGION_NATIONAL, lang),
            _w(Word.REGION_LOCAL, lang),
            _w(Word.REGION_STATUS, lang),
            "",
        ]
        out.append(_table(header, rows))
        return [*out, *_lists(result, lang)]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register ``bpsstd-region``."""
    app.add_directive("bpsstd-region", RegionDirective)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
