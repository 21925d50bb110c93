"""Build the documentation site once per test session, and read its pages.

``test_docs.py`` and ``test_browser.py`` share one build: the first fixture that asks for the site builds
it into a temporary folder with the command of ``nox -s docs`` (warnings are errors, nitpicky, keep going).
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: The command of ``nox -s docs``, less the two folders.
SPHINX = [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-b", "html", "-q"]


@attrs.frozen
class Build:
    """The outcome of one ``sphinx-build``: its exit status, what it printed, and where it wrote."""

    returncode: int
    stderr: str
    html: Path


def build(source: Path, out: Path) -> Build:
    """Build the site in *source* into *out*/html, with doctrees beside it."""
    html = out / "html"
    result = subprocess.run(  # noqa: S603  # our own interpreter running Sphinx
        [*SPHINX, "-d", str(out / "doctrees"), str(source), str(html)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    return Build(returncode=result.returncode, stderr=result.stderr, html=html)


_BUILT: dict[str, Build] = {}


def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The project's documentation, built once per session; fail with Sphinx's warnings if it breaks."""
    if "docs" not in _BUILT:
        _BUILT["docs"] = build(DOCS, tmp_path_factory.mktemp("docs"))
    built = _BUILT["docs"]
    if built.returncode != 0:
        pytest.fail(f"sphinx-build failed ({built.returncode}):\n{built.stderr}")
    return built


class _Main(HTMLParser):
    """Collects the text of the page's main article and of each of its list items and sections."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article role="main"> while > 0
        self.text: list[str] = []
        self.open_items: list[list[str]] = []
        self.items: list[str] = []
        self.open_sections: list[tuple[str, list[str]]] = []
        self.sections: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "article" and found.get("role") == "main":
            self.depth = 1
        elif self.depth and tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag == "li":
            self.open_items.append([])
        elif tag == "section":
            self.open_sections.append((found.get("id") or "", []))

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == "article":
            self.depth -= 1
        elif tag == "li" and self.open_items:
            self.items.append(_squash("".join(self.open_items.pop())))
        elif tag == "section" and self.open_sections:
            key, parts = self.open_sections.pop()
            self.sections[key] = _squash("".join(parts))

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)
            for parts in self.open_items:
                parts.append(data)
            for _, parts in self.open_sections:
                parts.append(data)


def _squash(text: str) -> str:
    return " ".join(text.split())


@attrs.frozen
class Page:
    """The readable text of a built page's main article, whole, by list item and by section id."""

    html: str
    text: str
    items: tuple[str, ...]
    sections: dict[str, str]

    def section_html(self, anchor: str) -> str:
        """The HTML of the innermost section whose first id is *anchor* (items hold no sections)."""
        match = re.search(rf'<section id="{re.escape(anchor)}"(.*?)</section>', self.html, re.DOTALL)
        assert match is not None, f"no section #{anchor}"
        return match.group(1)


def page(built: Build, name: str) -> Page:
    """Read the built page *name* (``"catalogue-2021"``, ``"en/catalogue-2021"``)."""
    html = (built.html / f"{name}.html").read_text(encoding="utf-8")
    parser = _Main()
    parser.feed(html)
    return Page(
        html=html,
        text=_squash("".join(parser.text)),
        items=tuple(parser.items),
        sections=parser.sections,
    )
