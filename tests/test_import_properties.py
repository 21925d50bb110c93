"""Properties of ``bpsstd import``: round trips of the labelled layout, and damaged documents.

Any edition written in the labelled layout imports back equal; a damaged document yields a report or one
clear error, never a traceback or a silently failing folder.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import attrs
import documents
from hypothesis import assume, given
from hypothesis import strategies as st
from test_import import rows, text_document

from bpsstd.checks import check
from bpsstd.cli import main
from bpsstd.editions import load
from bpsstd.importing import import_document
from bpsstd.matching import normalise
from bpsstd.model import Agency, Edition, Expenditure, ServiceItem, Text

import strategies

# What the labelled layout can hold: no colon (it would read as a label), no line break; Chinese, Latin,
# digits, full-width punctuation and spaces. Synthetic wording.
_WORDING = st.text(
    st.sampled_from("国家基本公共服务标准幼有所育老有所养（）《》、，；。.% AaBb0123456789元套周岁"),
    min_size=1,
    max_size=14,
).filter(lambda t: bool(normalise(t)))
# Agency names are listed with 、: no separators in a name.
_AGENCY = st.text(st.sampled_from("国家卫生健康委教育部民政局AB12"), min_size=1, max_size=8)
# A category line is "3.name": a name starting with a digit, a dot or % would read as a wrapped number.
_CATEGORY = _WORDING.filter(lambda t: not t.lstrip()[:1].isdigit() and t.lstrip()[:1] not in ".%")


@st.composite
def writable_editions(draw: st.DrawFn) -> Edition:
    """Valid editions whose Chinese wording the labelled layout can hold, names unique when normalised."""
    edition = draw(strategies.editions(min_items=1, max_aspects=2, max_categories=2, max_items=3))
    agencies = [
        attrs.evolve(a, name=Text(zh=draw(_AGENCY), en=a.name.en), printed=draw(st.none() | _AGENCY))
        for a in edition.agencies
    ]

    def item(i: ServiceItem) -> ServiceItem:
        return attrs.evolve(
            i,
            name=Text(zh=draw(_WORDING), en=i.name.en),
            target=Text(zh=draw(_WORDING), en=i.target.en),
            content=Text(zh=draw(_WORDING), en=i.content.en),
            standard=Text(zh=draw(_WORDING), en=i.standard.en),
            expenditure=Expenditure(kind=i.expenditure.kind, zh=draw(_WORDING), en=i.expenditure.en),
        )

    aspects = [
        attrs.evolve(
            a,
            name=Text(zh=draw(_WORDING), en=a.name.en),
            categories=[
                attrs.evolve(
                    c,
                    name=Text(zh=draw(_CATEGORY), en=c.name.en),
                    service_items=[item(i) for i in c.service_items],
                )
                for c in a.categories
            ],
        )
        for a in edition.aspects
    ]
    built = attrs.evolve(edition, agencies=agencies, aspects=aspects)
    for names in (
        [a.name.zh for a in built.aspects],
        [c.name.zh for c in built.categories],
        [i.name.zh for i in built.service_items],
        # The document prints an agency's short name where it has one; every name must stay one agency's.
        [n for a in built.agencies for n in {a.name.zh, a.printed} if n is not None],
    ):
        assume(len({normalise(n or "") for n in names}) == len(names))
    assume(all(isinstance(a, Agency) for a in built.agencies))
    return built


@given(writable_editions())
def test_labelled_round_trip(edition: Edition) -> None:
    """Any edition written in the labelled layout and imported onto itself comes back field for field."""
    result = import_document(text_document(documents.labelled_lines(edition)), edition)
    assert rows(edition) == rows(result.edition)
    assert len(edition.service_items) == result.report.items_matched

    def errors(e: Edition) -> set[tuple[str, str]]:
        # Synthetic wording need not state the synthetic quantities: the import adds no error of its own.
        return {(p.code, p.path) for p in check(e).problems if p.severity.value == "error"}

    assert errors(result.edition) <= errors(edition)


_BASE_LINES = documents.labelled_lines(load("2021"))[:60]


@st.composite
def damaged(draw: st.DrawFn) -> list[str]:
    """The first lines of 2021 in the labelled layout, with lines dropped, duplicated or truncated."""
    lines = list(_BASE_LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        if not lines:
            break
        at = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "truncate"]))
        if action == "drop":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        else:
            lines[at] = lines[at][: draw(st.integers(min_value=0, max_value=len(lines[at])))]
    return lines


@given(damaged(), st.booleans())
def test_damage_is_reported(lines: list[str], cut_bytes: bool) -> None:  # noqa: FBT001  # drawn by @given
    """A damaged document gives exit 0 with a clean folder, 1 with FAILS said, or 2 with nothing written."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.txt"
        data = ("\n".join(lines)).encode()
        path.write_bytes(data[: len(data) * 2 // 3] if cut_bytes else data)
        out = Path(tmp) / "out"
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            status = main(["import", str(path), "--base", "2021", "--output", str(out)])
        assert status in {0, 1, 2}
        if status == 2:
            assert not out.exists()
            assert 1 == len(stderr.getvalue().splitlines())
        elif status == 1:
            assert "检查 check: FAILS" in stdout.getvalue()
        else:
            assert check(load(out)).ok
