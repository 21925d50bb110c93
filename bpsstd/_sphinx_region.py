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
from bpsstd._cli_region import _STATUS, _WORDS, _not_recorded
from bpsstd.conformance import Conformance, conform
from bpsstd.editions import editions, load
from bpsstd.errors import BpsstdError
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


def _lists(result: Conformance, lang: str) -> list[nodes.Node]:
    """The not-recorded aspects, then errors, warnings and the review list."""
    w = _WORDS[lang]
    out: list[nodes.Node] = []
    recorded = _not_recorded(result)
    if recorded:
        out.append(nodes.paragraph(text=w["not_recorded"]))
        out.append(
            nodes.bullet_list(
                "",
                *(
                    nodes.list_item("", nodes.paragraph(text=f"{aspect} ({n} {w['items']}): {reason}"))
                    for aspect, n, reason in recorded
                ),
            )
        )
    sections = (
        (w["errors"], Severity.ERROR),
        (w["warnings"], Severity.WARNING),
        (w["review"], Severity.INFO),
    )
    for title, severity in sections:
        out.append(nodes.paragraph(text=title))
        found = [p for p in result.report.problems if p.severity is severity]
        lines = [
            nodes.list_item("", nodes.paragraph(text=f"[{p.code}] {p.message} @ {p.path}")) for p in found
        ]
        out.append(nodes.bullet_list("", *lines) if lines else nodes.paragraph(text=w["none"]))
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
        w, labels = _WORDS[lang], _STATUS[lang]
        out: list[nodes.Node] = []
        for flag, word in ((result.synthetic, "synthetic"), (not result.complete, "partial")):
            if flag:
                note = nodes.warning()
                note += nodes.paragraph(
                    text=w[word] + (" " + standard.completeness_note if word == "partial" else "")
                )
                out.append(note)
        out.append(nodes.paragraph(text=f"{result.title} — {result.region}, {w['against']} {result.against}"))
        rows = []
        for r in result.rows:
            if r.status.value == "not recorded":
                continue
            detail = "; ".join(
                f"{q.quantity}: {w['local_v']} {q.local or w['unstated']} / {w['national_v']} {q.national}"
                for q in r.quantities
                if q.better is not None
            )
            rows.append([r.name, "、".join(r.local) or "—", labels[r.status], detail or r.reason])
        out.append(_table([w["national"], w["local"], w["status"], ""], rows))
        return [*out, *_lists(result, lang)]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register ``bpsstd-region``."""
    app.add_directive("bpsstd-region", RegionDirective)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
