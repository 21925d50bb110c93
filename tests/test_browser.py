"""The changelog page as a person sees it: opened in headless Chromium, checked, and photographed.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: no port, no network),
which reports console errors, uncaught exceptions and failed loads with their level, the text the page
shows, and the fonts that draw it. The screenshot is saved in the test's temporary folder and copied to
``<tmp>/bpsstd-changelog.png``. Without a Chromium binary the tests skip, saying what to install.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import re
import select
import shutil
import struct
import subprocess
import tempfile
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import bpsstd
from bpsstd.render import SectionRow, comparison_table, diff_rst

from docsite import site

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = [pytest.mark.docs, pytest.mark.browser]

WIDTH, HEIGHT = 1280, 2000
#: Families of fonts that hold Chinese glyphs (fonts-noto-cjk provides "Noto Sans CJK SC").
CJK_FONT = re.compile(r"CJK|WenQuanYi|Droid Sans Fallback|AR PL|Source Han|Hei|Song|Ming|Kai", re.IGNORECASE)
SCREENSHOT_COPY = Path(tempfile.gettempdir()) / "bpsstd-changelog.png"


def _chromium() -> str | None:
    """The Chromium binary: Debian's ``chromium`` first."""
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)


class _DevTools:
    """A minimal DevTools-protocol client over Chromium's pipe (fd 3 in, fd 4 out; JSON ending in NUL)."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_child, self._to_chrome = os.pipe()
        self._from_chrome, from_child = os.pipe()
        # Chromium wants the pipe on fds 3 and 4: move both ends above 9 first, so that placing one
        # cannot overwrite the other, then let the child put them in place.
        high_in = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10)
        high_out = fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)
        os.close(to_child)
        os.close(from_child)

        def place_pipe() -> None:
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        args = [
            binary,
            "--headless",
            "--no-sandbox",  # CI runs as root
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--remote-debugging-pipe",
            f"--window-size={WIDTH},{HEIGHT}",
            "about:blank",
        ]
        self.process = subprocess.Popen(  # noqa: S603  # a fixed argument list
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4, high_in, high_out),
            preexec_fn=place_pipe,  # noqa: PLW1509  # the test process starts no threads of its own
        )
        os.close(high_in)
        os.close(high_out)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send a command and return its result, collecting the events that arrive meanwhile."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        for reply in self._messages():
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    msg = f"{method}: {reply['error']}"
                    raise AssertionError(msg)
                result: dict[str, Any] = reply["result"]
                return result
        msg = f"no reply to {method}"  # pragma: no cover  # _messages raises on timeout
        raise AssertionError(msg)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        """Wait for the event *method* (it may already have arrived)."""
        for event in self.events:
            if event["method"] == method:
                return event
        for message in self._messages(timeout):
            if message.get("method") == method:
                return message
        msg = f"no {method} event"  # pragma: no cover
        raise AssertionError(msg)

    def _messages(self, timeout: float = 30) -> Iterator[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "method" in message:
                    self.events.append(message)
                yield message
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self._from_chrome], [], [], max(remaining, 0))
            if not ready:
                msg = f"Chromium did not answer within {timeout} s"
                raise AssertionError(msg)
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                msg = f"Chromium closed the pipe (exit status {self.process.poll()})"
                raise AssertionError(msg)
            self._buffer += chunk

    def close(self) -> None:
        """Ask the browser to quit, and make sure it has."""
        with contextlib.suppress(AssertionError, OSError):  # it may be gone already
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover  # a hung browser
            self.process.kill()
            self.process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


@attrs.frozen
class Rendered:
    """What Chromium reported about a page: its errors, its visible text, its fonts, its picture."""

    errors: tuple[str, ...]
    title: str
    main_text: str
    title_fonts: tuple[str, ...]
    screenshot: Path
    probe: Any = None
    """What the *probe* script passed to :func:`render` returned (JSON values)."""


def _errors(events: list[dict[str, Any]]) -> tuple[str, ...]:
    """Console errors, uncaught exceptions and failed loads, from the collected events."""
    found = []
    for event in events:
        params = event.get("params", {})
        if event["method"] == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            found.append(f"{details.get('text')}: {details.get('exception', {}).get('description')}")
        elif event["method"] == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
            found.append(f"console.{params['type']}: {[a.get('value') for a in params.get('args', [])]}")
        elif event["method"] == "Log.entryAdded" and params["entry"].get("level") == "error":
            found.append(f"{params['entry'].get('source')}: {params['entry'].get('text')}")
    return tuple(found)


def render(binary: str, url: str, screenshot: Path, profile: Path, probe: str | None = None) -> Rendered:
    """Open *url* in headless Chromium at 1280 x 2000 and report what it shows (and what *probe* returns)."""
    chrome = _DevTools(binary, profile)
    try:
        target = chrome.send("Target.createTarget", url="about:blank")["targetId"]
        session = chrome.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "DOM", "CSS"):
            chrome.send(f"{domain}.enable", session)
        chrome.send(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )
        chrome.send("Page.navigate", session, url=url)
        chrome.wait_for("Page.loadEventFired")
        chrome.send(
            "Runtime.evaluate", session, expression="document.fonts.ready.then(() => 1)", awaitPromise=True
        )

        def text_of(selector: str) -> str:
            js = f"(document.querySelector({json.dumps(selector)}) || {{innerText: ''}}).innerText"
            value = chrome.send("Runtime.evaluate", session, expression=js, returnByValue=True)["result"]
            return str(value.get("value", ""))

        main_text = text_of("article[role=main]")
        title = text_of("article[role=main] h1")
        root = chrome.send("DOM.getDocument", session)["root"]["nodeId"]
        h1 = chrome.send("DOM.querySelector", session, nodeId=root, selector="article[role=main] h1")[
            "nodeId"
        ]
        fonts = chrome.send("CSS.getPlatformFontsForNode", session, nodeId=h1)["fonts"] if h1 else []
        probed = None
        if probe is not None:
            result = chrome.send("Runtime.evaluate", session, expression=probe, returnByValue=True)["result"]
            probed = result.get("value")
        shot = chrome.send("Page.captureScreenshot", session, format="png")
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        errors = _errors(chrome.events)
    finally:
        chrome.close()
    return Rendered(
        errors=errors,
        title=title,
        main_text=main_text,
        title_fonts=tuple(f["familyName"] for f in fonts if f.get("glyphCount", 0) > 0),
        screenshot=screenshot,
        probe=probed,
    )


@pytest.fixture(scope="module")
def changelog(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The built 2021 -> 2023 changelog page, opened in Chromium; its screenshot is also copied out."""
    binary = _chromium()
    if binary is None:
        pytest.skip(
            "no Chromium binary (chromium or chromium-browser) on PATH: .ci/run installs Debian's chromium "
            "and fonts-noto-cjk with apt-get; install them to run the browser check"
        )
    built = site(tmp_path_factory)
    folder = tmp_path_factory.mktemp("browser")
    page = built.html / "changelog-2021-2023.html"
    rendered = render(binary, page.as_uri(), folder / "changelog-2021-2023.png", folder / "profile")
    shutil.copyfile(rendered.screenshot, SCREENSHOT_COPY)
    return rendered


def _png(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed scanlines of a PNG."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            chunks.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


class TestChangelogInBrowser:
    """The changelog page renders in a real browser: no errors, visible content, Chinese glyphs, a picture."""

    def test_no_console_error(self, changelog: Rendered) -> None:
        """Loading the page logs no console error, uncaught exception or failed resource."""
        assert () == changelog.errors

    def test_main_section_shows_the_changes(self, changelog: Rendered) -> None:
        """The main section shows the changelog's title and the Chinese name of every changed item.

        Chinese pages name items as the document does (number and name); keys are for JSON and English.
        """
        d = bpsstd.diff(bpsstd.load("2021"), bpsstd.load("2023"))
        title = diff_rst(d, "zh").splitlines()[0]
        assert title == changelog.title.rstrip("#¶ \n")
        names = {c.name.zh for c in d.changes if c.item and c.name is not None and c.name.zh}
        assert len(names) > 10
        missing = sorted(name for name in names if name not in changelog.main_text)
        assert [] == missing

    def test_chinese_is_drawn_with_a_cjk_font(self, changelog: Rendered) -> None:
        """The Chinese title is drawn with a font that has Chinese glyphs (fonts-noto-cjk), not tofu."""
        assert any(CJK_FONT.search(f) for f in changelog.title_fonts), (
            f"the title is drawn with {changelog.title_fonts}: install fonts-noto-cjk"
        )

    def test_screenshot_is_a_full_non_blank_picture(self, changelog: Rendered) -> None:
        """The screenshot is a 1280 x 2000 PNG with many colours, saved and copied for people to look at."""
        data = changelog.screenshot.read_bytes()
        width, height, pixels = _png(data)
        assert (WIDTH, HEIGHT) == (width, height)
        assert len(set(pixels)) > 32
        assert data == SCREENSHOT_COPY.read_bytes()


TABLE_SCREENSHOT_COPY = Path(tempfile.gettempdir()) / "bpsstd-table.png"
#: What the comparison table page shows: the legend's box and text, how the marks are styled, the links.
TABLE_PROBE = """(() => {
  const style = (selector) => {
    const element = document.querySelector(selector);
    return element ? getComputedStyle(element) : null;
  };
  const legend = document.querySelector(".bpsstd-compare-doc ul.bpsstd-legend");
  const box = legend ? legend.getBoundingClientRect() : null;
  const ins = style("table.bpsstd-compare ins");
  const del = style("table.bpsstd-compare del");
  const wording = style("table.bpsstd-compare u.wording");
  return {
    legend: box && {top: box.top, width: box.width, height: box.height, text: legend.innerText,
                     visibility: getComputedStyle(legend).visibility},
    ins: ins && {color: ins.color, weight: ins.fontWeight, line: ins.textDecorationLine},
    del: del && {line: del.textDecorationLine},
    wording: wording && {line: wording.textDecorationLine},
    links: [...document.querySelectorAll("table.bpsstd-compare tr.section.item a")].map(
      (a) => a.getAttribute("href")),
  };
})()"""


@pytest.fixture(scope="module")
def table_page(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The built 2021 -> 2023 comparison table page, opened in Chromium; its screenshot is copied out."""
    binary = _chromium()
    if binary is None:
        pytest.skip("no Chromium binary (chromium or chromium-browser) on PATH: .ci/run installs it")
    built = site(tmp_path_factory)
    folder = tmp_path_factory.mktemp("browser-table")
    page = built.html / "table-2021-2023.html"
    shot = folder / "table-2021-2023.png"
    rendered = render(binary, page.as_uri(), shot, folder / "profile", probe=TABLE_PROBE)
    shutil.copyfile(rendered.screenshot, TABLE_SCREENSHOT_COPY)
    return rendered


class TestTableInBrowser:
    """The 新旧对照表 page: no errors, the legend on screen, the marks styled, the items linked."""

    def test_no_console_error(self, table_page: Rendered) -> None:
        """Loading the page logs no console error, uncaught exception or failed resource."""
        assert () == table_page.errors

    def test_title_and_rows(self, table_page: Rendered) -> None:
        """The page's title is the table's, and every section heading (aspect, category, item) appears."""
        old, new = bpsstd.load("2021"), bpsstd.load("2023")
        table = comparison_table(bpsstd.diff(old, new), old, new)
        assert table.title == table_page.title.rstrip("#¶ \n")
        headings = {r.text for r in table.rows if isinstance(r, SectionRow)}
        missing = sorted(h for h in headings if h not in table_page.main_text)
        assert [] == missing

    def test_legend_is_visible_above_the_fold(self, table_page: Rendered) -> None:
        """The legend is drawn, in the first screen, and names every mark."""
        legend = table_page.probe["legend"]
        assert legend is not None
        assert legend["visibility"] == "visible"
        assert legend["width"] > 0
        assert legend["height"] > 0
        assert 0 <= legend["top"] < HEIGHT
        for word in ("新增内容", "删除内容", "仅措辞调整", "未核实"):
            assert word in legend["text"]

    def test_marks_are_styled(self, table_page: Rendered) -> None:
        """Insertions are red and bold without underline, deletions struck, wording changes underlined."""
        probe = table_page.probe
        assert {"color": "rgb(192, 0, 0)", "weight": "700", "line": "none"} == probe["ins"]
        assert {"line": "line-through"} == probe["del"]
        assert {"line": "underline"} == probe["wording"]

    def test_item_headings_link_to_the_catalogue(self, table_page: Rendered) -> None:
        """Every item heading of the table links to the item's anchor in a catalogue page."""
        links = table_page.probe["links"]
        assert links
        assert all(re.fullmatch(r"catalogue-20\d\d\.html#[a-z0-9-]+", link) for link in links)

    def test_screenshot_is_a_full_non_blank_picture(self, table_page: Rendered) -> None:
        """The screenshot is a 1280 x 2000 PNG with many colours, copied for people to look at."""
        data = table_page.screenshot.read_bytes()
        width, height, pixels = _png(data)
        assert (WIDTH, HEIGHT) == (width, height)
        assert len(set(pixels)) > 32
        assert data == TABLE_SCREENSHOT_COPY.read_bytes()
