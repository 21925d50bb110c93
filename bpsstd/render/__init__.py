"""Renderers: editions and diffs as text, JSON, Markdown and reStructuredText, in Chinese or English.

They read records (an :class:`~bpsstd.model.Edition`, an :class:`~bpsstd.changes.EditionDiff`) and say them
through :mod:`bpsstd.present`; none of them imports the diff engine.
"""

from bpsstd.render._catalogue import edition_text, item_text
from bpsstd.render._catalogue_rst import edition_rst, item_label
from bpsstd.render._diff import diff_json, diff_markdown, diff_rst, diff_text

__all__ = [
    "diff_json",
    "diff_markdown",
    "diff_rst",
    "diff_text",
    "edition_rst",
    "edition_text",
    "item_label",
    "item_text",
]
