"""The comparison table as HTML (``<ins>``/``<del>``) and as Markdown; every text from the data escaped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpsstd.present import escape_html, escape_markdown
from bpsstd.render._table import Cell, ComparisonTable, DataRow, Mark, Run

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["table_html", "table_markdown"]

_HTML_TAGS: dict[Mark, tuple[str, str]] = {
    Mark.PLAIN: ("", ""),
    Mark.LABEL: ('<span class="label">', "</span>"),
    Mark.INSERTED: ("<ins>", "</ins>"),
    Mark.DELETED: ("<del>", "</del>"),
    Mark.WORDING: ('<u class="wording">', "</u>"),
    Mark.UNVERIFIED: ('<span class="unverified">〔', "〕</span>"),
    Mark.ADDED: ('<span class="marker added">【', "】</span>"),
    Mark.REMOVED: ('<span class="marker removed">【', "】</span>"),
}
# Colours the marks the way the documents do; a page of the documentation site may restyle them.
_CSS = """\
table.bpsstd-compare { border-collapse: collapse; width: 100%; }
table.bpsstd-compare th, table.bpsstd-compare td {
  border: 1px solid #888; padding: .3em .5em; vertical-align: top;
}
table.bpsstd-compare td { white-space: pre-wrap; }
table.bpsstd-compare ins { color: #c00000; font-weight: bold; text-decoration: none; }
table.bpsstd-compare del { text-decoration: line-through; }
table.bpsstd-compare .unverified, .bpsstd-legend .unverified { color: #7f4f00; font-style: italic; }
table.bpsstd-compare tr.section th { text-align: left; background: #eee; }
"""


def _html_cell(cell: Cell) -> str:
    out = []
    for run in cell:
        start, end = _HTML_TAGS[run.mark]
        out.append(start + escape_html(run.text).replace("\n", "<br>") + end)
    return "".join(out)


def _html_legend_sample(run: Run) -> str:
    return _html_cell((run,))


def table_html(
    table: ComparisonTable,
    *,
    page: bool = False,
    title: bool = True,
    links: Mapping[str, str] | None = None,
) -> str:
    """Render *table* as an HTML fragment (or, with *page*, a whole page with its stylesheet).

    Args:
        table: the comparison table.
        page: wrap the fragment in a whole HTML document with its stylesheet.
        title: start with the title as ``<h1>`` (a documentation page sets its own title instead).
        links: addresses by section key (an item's, a category's, an aspect's): the section row links
            there (the item's entry in its edition's catalogue).
    """
    esc = escape_html
    out = [f'<div class="bpsstd-compare-doc" lang="{"zh-CN" if table.lang == "zh" else "en"}">']
    if title:
        out.append(f"<h1>{esc(table.title)}</h1>")
    out.extend(f'<p class="meta">{esc(line)}</p>' for line in table.meta)
    out.append('<ul class="bpsstd-summary">')
    colon = "：" if table.lang == "zh" else ": "
    out.extend(f"<li>{esc(c.label)}{colon}{c.count}</li>" for c in table.summary)
    out.append("</ul>")
    out.append('<ul class="bpsstd-legend">')
    for entry in table.legend:
        sample = _html_legend_sample(Run(text=entry.sample, mark=entry.mark))
        out.append(f"<li>{sample} {esc(entry.meaning)}</li>")
    out.append("</ul>")
    out.append('<table class="bpsstd-compare">')
    out.append("<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in table.header) + "</tr></thead>")
    out.append("<tbody>")
    for row in table.rows:
        if isinstance(row, DataRow):
            cells = "".join(f"<td>{_html_cell(c)}</td>" for c in (row.old, row.new, row.note))
            anchor = f' data-item="{esc(row.item)}"' if row.item else ""
            out.append(f"<tr{anchor}>{cells}</tr>")
        else:
            key = f' id="{esc(row.level)}-{esc(row.key)}"' if row.key else ""
            href = (links or {}).get(row.key or "")
            text = f'<a href="{esc(href)}">{esc(row.text)}</a>' if href else esc(row.text)
            out.append(f'<tr class="section {esc(row.level)}"{key}><th colspan="3">{text}</th></tr>')
    out.append("</tbody></table>")
    if table.unrecorded:
        out.append(f"<h2>{esc(table.unrecorded_title)}</h2>")
        out.append("<ul>" + "".join(f"<li>{esc(line)}</li>" for line in table.unrecorded) + "</ul>")
    out.append("</div>")
    body = "\n".join(out) + "\n"
    if not page:
        return body
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{esc(table.title)}</title>\n<style>\n{_CSS}</style></head>\n<body>\n{body}</body></html>\n"
    )


def _md_line(line: str) -> str:
    # escape_markdown flattens whitespace, which would glue a label to the run after it: keep the ends.
    core = line.strip()
    if not core:
        return line
    start = line.index(core[0])
    return line[:start] + escape_markdown(core) + line[start + len(core) :]


def _md_escape(text: str) -> str:
    # The one Markdown escaper, line by line: a table cell is one line, so line breaks become <br>.
    return "<br>".join(_md_line(line) for line in text.split("\n"))


_MD_MARKS: dict[Mark, tuple[str, str]] = {
    Mark.PLAIN: ("", ""),
    Mark.LABEL: ("", ""),
    # Tags rather than ** and ~~: CommonMark's flanking rules refuse emphasis next to full-width
    # punctuation (天**（5）**元), which Chinese text is full of.
    Mark.INSERTED: ("<b>", "</b>"),
    Mark.DELETED: ("<del>", "</del>"),
    Mark.WORDING: ("<u>", "</u>"),
    Mark.UNVERIFIED: ("〔<i>", "</i>〕"),
    Mark.ADDED: ("【", "】"),
    Mark.REMOVED: ("【", "】"),
}


def _md_cell(cell: Cell) -> str:
    out = []
    for run in cell:
        start, end = _MD_MARKS[run.mark]
        # Emphasis cannot span a line break in a table cell: mark each line on its own.
        lines = [_md_escape(line) for line in run.text.split("\n")]
        out.append("<br>".join(f"{start}{line}{end}" if line.strip() else line for line in lines))
    return "".join(out)


def table_markdown(table: ComparisonTable) -> str:
    """Render *table* as Markdown (GitHub-flavoured: a pipe table; marks as inline HTML tags)."""
    out = [f"# {_md_escape(table.title)}", ""]
    out.extend(f"{_md_escape(line)}  " for line in table.meta)
    out.append("")
    colon = "：" if table.lang == "zh" else ": "
    out.extend(f"- {_md_escape(c.label)}{colon}{c.count}" for c in table.summary)
    out.append("")
    out.extend(
        f"- {_md_cell((Run(text=e.sample, mark=e.mark),))} {_md_escape(e.meaning)}" for e in table.legend
    )
    out.append("")
    out.append("| " + " | ".join(_md_escape(h) for h in table.header) + " |")
    out.append("| --- | --- | --- |")
    for row in table.rows:
        if isinstance(row, DataRow):
            out.append("| " + " | ".join(_md_cell(c) for c in (row.old, row.new, row.note)) + " |")
        else:
            out.append(f"| **{_md_escape(row.text)}** | | |")
    if table.unrecorded:
        out.extend(["", f"## {_md_escape(table.unrecorded_title)}", ""])
        out.extend(f"- {_md_escape(line)}" for line in table.unrecorded)
    return "\n".join(out) + "\n"
