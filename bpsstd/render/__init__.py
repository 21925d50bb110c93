"""Renderers: editions and diffs as text, JSON, Markdown and reStructuredText, in Chinese or English."""

from bpsstd.render._catalogue import edition_text, item_text

__all__ = ["edition_text", "item_text"]
