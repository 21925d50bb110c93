"""The documentation site: built from the data, complete, and strict about broken references.

The site is built once per session (see ``docsite.py``) with the command of ``nox -s docs``; every page
about an edition must then show everything the data holds, and every change that ``diff()`` finds.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from typing import TYPE_CHECKING

import attrs
import docutils.core
import pytest
from docutils import nodes
from test_render import stray_latin

import bpsstd
from bpsstd import (
    ChangeKind,
    Confidence,
    Direction,
    FieldProvenance,
    LeadUnitsChange,
    MetadataChange,
    PlacementChange,
    QuantityChange,
    Text,
    TextChange,
    UnitChange,
    format_value,
)
from bpsstd.cli import main
from bpsstd.folder import dump_folder
from bpsstd.model import Lang
from bpsstd.present import Word, cite, field_notes, label, show_quantity
from bpsstd.render import edition_rst, item_label

from docsite import DOCS, ROOT, Build, build, page, site
from strategies import replace_item

if TYPE_CHECKING:
    from pathlib import Path

    from bpsstd import Change, Edition, ServiceItem

    from docsite import Page

pytestmark = pytest.mark.docs

LANGS = ("zh", "en")
EDITIONS = bpsstd.editions()


@pytest.fixture(scope="session")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The project's documentation site, built once."""
    return site(tmp_path_factory)


def _page_name(name: str, lang: str) -> str:
    return name if lang == "zh" else f"en/{name}"


def _squash(text: str) -> str:
    return " ".join(text.split())


def _doctree(text: str) -> nodes.document:
    """Parse reST with bare docutils, raising on any warning."""
    settings = {"report_level": 2, "halt_level": 2, "warning_stream": False}
    return docutils.core.publish_doctree(text, settings_overrides=settings)


#: Text that would be markup if it were not escaped: emphasis, literals, references, substitutions,
#: a footnote, a role, a list and an enumeration at the start, a literal-block marker at the end.
HOSTILE = "1. *not emphasis* `x` ``y`` link_ |sub| [1]_ :role:`z` - <a> \\ end::"


class TestCatalogueRst:
    """edition_rst is plain docutils reST that escapes every piece of data text."""

    @pytest.mark.parametrize("lang", LANGS)
    @pytest.mark.parametrize("edition_id", EDITIONS)
    def test_shipped_editions_parse_without_warning(self, edition_id: str, lang: str) -> None:
        """Each shipped edition renders to reST that bare docutils parses with no warning."""
        tree = _doctree(edition_rst(bpsstd.load(edition_id), lang))
        assert [] == list(tree.findall(nodes.system_message))

    @pytest.mark.parametrize("lang", LANGS)
    def test_markup_in_the_data_is_shown_as_text(self, lang: str) -> None:
        """Markup characters in names and fields come out as the same characters, never as markup."""
        hostile = Text(zh=HOSTILE, en=HOSTILE)
        edition = replace_item(
            bpsstd.load("2021"),
            "rural-student-nutrition",
            name=hostile,
            target=hostile,
            standard=hostile,
            provenance=attrs.evolve(
                bpsstd.load("2021").item("rural-student-nutrition").provenance,
                notes=HOSTILE,
                # A Chinese page shows the notes on fields (both languages), not the English-only remarks.
                field_notes=(FieldProvenance(field_name="content", note=hostile),),
                sources=(f"https://example.org/a_b {HOSTILE}",),
            ),
        )
        tree = _doctree(edition_rst(edition, lang))
        assert [] == list(tree.findall(nodes.system_message))
        assert [] == [n for n in tree.findall(nodes.emphasis) if "not emphasis" in n.astext()]
        assert [] == [n for n in tree.findall(nodes.literal) if n.astext() in {"x", "y"}]
        text = tree.astext()
        assert text.count(HOSTILE) >= (5 if lang == "en" else 4)
        assert "https://example.org/a_b" in [n.get("refuri") for n in tree.findall(nodes.reference)]


class TestBuild:
    """The site builds cleanly, with Chinese search."""

    def test_build_has_no_warning(self, docs: Build) -> None:
        """sphinx-build -W -n --keep-going exits 0 and prints no warning."""
        assert (0, "") == (docs.returncode, docs.stderr.strip())

    def test_pages_exist(self, docs: Build) -> None:
        """Every page of the issue is built: overview, catalogues, changelogs, guide, CLI, API, changelog."""
        names = [
            "index",
            "en/index",
            "guide/adding-an-edition",
            "reference/cli",
            "reference/api",
            "changelog",
        ]
        names += [_page_name(f"catalogue-{e}", lang) for e in EDITIONS for lang in LANGS]
        names += [_page_name("changelog-2021-2023", lang) for lang in LANGS]
        missing = [n for n in names if not (docs.html / f"{n}.html").is_file()]
        assert [] == missing

    def test_chinese_search_indexes_chinese_words(self, docs: Build) -> None:
        """The search index holds Chinese words cut by jieba, not only Latin ones."""
        raw = (docs.html / "searchindex.js").read_text(encoding="utf-8")
        index = json.loads(raw.removeprefix("Search.setIndex(").removesuffix(")"))
        assert {"营养", "义务教育", "公共服务", "学杂费"} <= set(index["terms"])

    def test_library_changelog_is_included(self, docs: Build) -> None:
        """The library's CHANGELOG.md is rendered, not only linked."""
        changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        heading = next(line for line in changelog.splitlines() if line.startswith("## "))
        assert heading.removeprefix("## ").strip("[] ") in page(docs, "changelog").text

    def test_cli_reference_shows_every_command_help(self, docs: Build) -> None:
        """The CLI page shows the usage line of every command, printed by the command itself."""
        text = page(docs, "reference/cli").text
        for command in ("list", "show", "check", "export", "diff"):
            assert f"usage: bpsstd {command}" in text

    def test_problem_codes_table_lists_every_declared_code(self, docs: Build) -> None:
        """The guide's table of problem codes holds every code of bpsstd.CODES, loader and checks alike."""
        text = page(docs, "guide/adding-an-edition").text
        assert [] == [code for code in bpsstd.CODES if code not in text]

    def test_check_prints_only_documented_codes(
        self, docs: Build, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`bpsstd check` on a folder with loader problems prints codes, each listed in the documentation."""
        folder = dump_folder(bpsstd.load("2021"), tmp_path / "broken")
        (folder / "agencies.yaml").write_text("agencies: [\n", encoding="utf-8")
        edition_file = folder / "edition.yaml"
        edition_file.write_text(edition_file.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
        assert 2 == main(["check", str(folder)])
        printed = set(re.findall(r"\[([a-z0-9-]+)\]", capsys.readouterr().out))
        text = page(docs, "guide/adding-an-edition").text
        assert {"yaml-syntax"} <= printed
        assert [] == [code for code in printed if code not in text]

    def test_api_reference_documents_the_public_api(self, docs: Build) -> None:
        """Every name in bpsstd.__all__ has an entry in the API reference."""
        html = page(docs, "reference/api").html
        missing = [n for n in bpsstd.__all__ if n != "__version__" and f'id="bpsstd.{n}"' not in html]
        assert [] == missing


def _expected_badges(item: ServiceItem) -> set[str]:
    prov = item.provenance
    expected = set()
    if prov.reconstructed:
        expected.add("bpsstd-badge-reconstructed")
    elif not (prov.name.verified and prov.fields.verified):
        expected.add("bpsstd-badge-low")
    if prov.inherited_from is not None:
        expected.add("bpsstd-badge-inherited")
    return expected or {"bpsstd-badge-ok"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("edition_id", EDITIONS)
class TestCatalogue:
    """Each shipped edition has a catalogue page per language that lists everything the data holds."""

    def test_lists_every_item(self, docs: Build, edition_id: str, lang: str) -> None:
        """Every item's key and name appear, and the key is the item's anchor."""
        edition = bpsstd.load(edition_id)
        shown = page(docs, _page_name(f"catalogue-{edition_id}", lang))
        missing = [
            item.key
            for item in edition.service_items
            if item.key not in shown.sections
            or _squash(item.name.get(lang) or "") not in shown.sections[item.key]
        ]
        assert [] == missing

    def test_items_follow_document_order(self, docs: Build, edition_id: str, lang: str) -> None:
        """Aspects, categories and items appear in the edition's order, items under their category."""
        edition = bpsstd.load(edition_id)
        html = page(docs, _page_name(f"catalogue-{edition_id}", lang)).html
        anchors = []
        for aspect in edition.aspects:
            anchors.append(f"aspect-{aspect.key}")
            for category in aspect.categories:
                anchors.append(f"category-{category.key}")
                anchors.extend(item.key for item in category.service_items)
        positions = [html.index(f'<section id="{anchor}"') for anchor in anchors]
        assert sorted(positions) == positions

    def test_every_item_shows_its_five_fields_and_lead_units(
        self, docs: Build, edition_id: str, lang: str
    ) -> None:
        """Target, content, standard, expenditure and the lead units' names appear in the item's section."""
        edition = bpsstd.load(edition_id)
        shown = page(docs, _page_name(f"catalogue-{edition_id}", lang))
        for item in edition.service_items:
            section = shown.sections[item.key]
            for text in (item.target, item.content, item.standard, item.expenditure.text):
                assert _squash(text.get(lang) or "") in section, (item.key, text)
            for unit in item.lead_units:
                assert (edition.agency(unit).name.get(lang) or "") in section, (item.key, unit)

    def test_every_quantity_shows_its_value_and_unit(self, docs: Build, edition_id: str, lang: str) -> None:
        """Each quantity appears with its formatted value and its unit."""
        edition = bpsstd.load(edition_id)
        shown = page(docs, _page_name(f"catalogue-{edition_id}", lang))
        for item in edition.service_items:
            for q in item.quantities:
                what = q.what_zh if lang == "zh" and q.what_zh else q.what
                amount = show_quantity(
                    q.value, Lang(lang), comparator=q.comparator, unit=q.unit, unit_zh=q.unit_zh
                )
                expected = f"{_squash(what)}: {_squash(amount)}"
                assert expected in shown.sections[item.key], (item.key, q.key)

    def test_badges_mark_what_is_not_confirmed(self, docs: Build, edition_id: str, lang: str) -> None:
        """Low-confidence, inherited and reconstructed items carry their badges; confirmed ones say so."""
        edition = bpsstd.load(edition_id)
        shown = page(docs, _page_name(f"catalogue-{edition_id}", lang))
        for item in edition.service_items:
            header = shown.section_html(item.key).split("<dl", 1)[0]
            found = set(re.findall(r"bpsstd-badge-[a-z]+", header))
            assert _expected_badges(item) == found, item.key

    def test_provenance_is_shown(self, docs: Build, edition_id: str, lang: str) -> None:
        """Every item's sources and notes appear in its section, in the page's language."""
        edition = bpsstd.load(edition_id)
        shown = page(docs, _page_name(f"catalogue-{edition_id}", lang))
        for item in edition.service_items:
            section = shown.sections[item.key]
            for source in item.provenance.sources:
                assert _squash(cite(str(source), Lang(lang))) in section, (item.key, source)
            if lang == "en":
                assert _squash(item.provenance.notes) in section, item.key
            for _, note in field_notes(item.provenance.field_notes, Lang(lang)):
                assert _squash(note) in section, item.key


def _expected_bits(change: Change, old: Edition, new: Edition, lang: str) -> list[str]:
    """What the changelog must show of *change*, as strings that one list item holds together."""
    # A Chinese page names items by their numbers as the document does; an English one by key too.
    bits = [change.item] if change.item and lang == "en" else []
    if change.name is not None:
        bits.append(_squash(change.name.get(lang) or ""))
    match change:
        case UnitChange():
            bits += (
                [change.old_zh or change.old, change.new_zh or change.new]
                if lang == "zh"
                else [change.old, change.new]
            )
        case QuantityChange():
            bits += [format_value(v) for v in (change.old, change.new) if v is not None]
        case LeadUnitsChange():
            agencies = {a.key: a.name for a in (*old.agencies, *new.agencies)}
            bits += [agencies[k].get(lang) or k for k in (*change.added, *change.removed)]
        case TextChange(kind=ChangeKind.FIELD_CHANGED):
            # Where only the English moved, the Chinese page says so and shows no English.
            if change.old.zh != change.new.zh or lang == "en":
                bits += [_squash(v.get(lang) or "") for v in (change.old, change.new)]
        case PlacementChange(kind=ChangeKind.ITEM_RENUMBERED | ChangeKind.ITEM_REORDERED):
            bits += [str(p.number) for p in (change.old, change.new) if p is not None]
        case MetadataChange():
            bits += _metadata_bits(change, old, new, lang)
    return bits


def _metadata_bits(change: MetadataChange, old: Edition, new: Edition, lang: str) -> list[str]:
    """The old and new values of an edition fact: texts in *lang*, agency names, or plain values."""
    agencies = {a.key: a.name for a in (*old.agencies, *new.agencies)}
    bits = []
    for value in (change.old, change.new):
        if isinstance(value, Text):
            bits.append(_squash(value.get(lang) or ""))
        elif isinstance(value, tuple):
            bits += [
                _squash(v.get(lang) or "") if isinstance(v, Text) else agencies[v].get(lang) or v
                for v in value
            ]
        elif value is not None:
            bits.append(str(value))
    return bits


@pytest.fixture(scope="module")
def editions_diff() -> tuple[Edition, Edition, tuple[Change, ...]]:
    """The 2021 and 2023 editions and every change between them."""
    old, new = bpsstd.load("2021"), bpsstd.load("2023")
    return old, new, bpsstd.diff(old, new).changes


@pytest.mark.parametrize("lang", LANGS)
class TestChangelog:
    """The 2021 -> 2023 page shows every change of diff(2021, 2023), grouped for a reader."""

    def test_every_change_is_shown(
        self, docs: Build, editions_diff: tuple[Edition, Edition, tuple[Change, ...]], lang: str
    ) -> None:
        """For each change, one list item holds its item key and name and its old and new values."""
        old, new, changes = editions_diff
        shown = page(docs, _page_name("changelog-2021-2023", lang))
        assert changes
        missing = []
        for change in changes:
            bits = _expected_bits(change, old, new, lang)
            if not any(all(bit in li for bit in bits) for li in shown.items):
                missing.append((change.kind.value, change.item, change.field, bits))
        assert [] == missing

    def test_raised_standards_show_old_and_new_values(
        self, docs: Build, editions_diff: tuple[Edition, Edition, tuple[Change, ...]], lang: str
    ) -> None:
        """A raised quantity reads 'old → new' on the line of its item."""
        _, _, changes = editions_diff
        shown = page(docs, _page_name("changelog-2021-2023", lang))
        raised = [c for c in changes if isinstance(c, QuantityChange) and c.direction is Direction.RAISED]
        assert raised
        for change in raised:
            assert change.old is not None
            assert change.new is not None
            amounts = [
                show_quantity(v, Lang(lang), comparator=c, unit=change.unit, unit_zh=change.unit_zh)
                for v, c in ((change.old, change.old_comparator), (change.new, change.new_comparator))
            ]
            arrow = " → ".join(amounts)
            assert any(arrow in li for li in shown.items), (change.item, arrow)

    def test_grouped_added_first_renumbering_last(
        self, docs: Build, editions_diff: tuple[Edition, Edition, tuple[Change, ...]], lang: str
    ) -> None:
        """Added items open the page and renumbering closes the changes; what is not recorded comes last."""
        _, _, changes = editions_diff
        shown = page(docs, _page_name("changelog-2021-2023", lang))
        groups = _groups(shown)
        added = {c.item for c in changes if c.kind is ChangeKind.ITEM_ADDED}
        renumbered = {c.item for c in changes if c.kind is ChangeKind.ITEM_RENUMBERED}
        assert added
        assert renumbered
        assert label(Word.GROUP_NOT_RECORDED, Lang(lang)) in groups[-1]
        if lang == "en":
            assert added == set(_keys(groups[0]))
            assert renumbered == set(_keys(groups[-2]))
        else:
            names = {c.item: c.name.zh if c.name else None for c in changes}
            assert all(str(names[k]) in groups[0] for k in added)
            assert all(str(names[k]) in groups[-2] for k in renumbered)

    def test_unverified_changes_are_flagged(
        self, docs: Build, editions_diff: tuple[Edition, Edition, tuple[Change, ...]], lang: str
    ) -> None:
        """A change that rests on low-confidence data says it is unverified, on its own line."""
        _, _, changes = editions_diff
        shown = page(docs, _page_name("changelog-2021-2023", lang))
        word = "未核实" if lang == "zh" else "unverified"
        low = [c for c in changes if c.item and c.confidence is Confidence.LOW]
        assert low
        for change in low:
            # A Chinese page names the item by its name (and numbers), an English one by its key too.
            who = change.item if lang == "en" else _squash(change.name.zh or "") if change.name else ""
            assert any(f"{who}" in li and word in li for li in shown.items), change.item


def _groups(shown: Page) -> list[str]:
    """The HTML of the changelog's sections (the groups), in order."""
    body = shown.html.split('<article role="main"', 1)[1]
    return re.split(r"<section id=", body)[2:]


def _keys(group_html: str) -> list[str]:
    return re.findall(r'<span class="pre">([a-z0-9-]+)</span>', group_html)


class TestEditionsTable:
    """The overview lists every shipped edition and links it to its pages."""

    @pytest.mark.parametrize("lang", LANGS)
    def test_overview_links_every_edition(self, docs: Build, lang: str) -> None:
        """Each shipped edition links to its catalogue, and each consecutive pair to its changelog."""
        html = page(docs, _page_name("index", lang)).html
        for edition_id in EDITIONS:
            assert f'href="catalogue-{edition_id}.html"' in html
        for old, new in itertools.pairwise(EDITIONS):
            assert f'href="changelog-{old}-{new}.html"' in html


def _minimal_project(tmp_path: Path, body: str) -> Path:
    """A one-page project with the site's own conf.py, so it builds with the same settings."""
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(DOCS / "conf.py", source / "conf.py")
    (source / "index.rst").write_text(f"Test\n====\n\n{body}\n", encoding="utf-8")
    return source


class TestReferences:
    """References to catalogue items resolve to the item's key; a broken reference fails the build."""

    @pytest.mark.parametrize("lang", LANGS)
    def test_item_label_links_to_the_key_anchor(self, docs: Build, lang: str) -> None:
        """The overview's reference to an item's label links to the catalogue at the item's key."""
        html = page(docs, _page_name("index", lang)).html
        assert 'href="catalogue-2023.html#rural-student-nutrition"' in html

    BROKEN = (
        "no-such-label",
        "no-such-page",
        "bpsstd.no_such_function",
        item_label("2021", "zh", "no-such-item"),
    )

    def test_broken_references_fail_the_build(self, tmp_path: Path) -> None:
        """A missing label, page, API object or catalogue item each fails the build and is named."""
        label, doc, func, item = self.BROKEN
        body = f"See :ref:`{label}`, :doc:`{doc}`, :func:`{func}` and :ref:`{item}`."
        result = build(_minimal_project(tmp_path, body), tmp_path / "out")
        assert result.returncode != 0
        assert [] == [target for target in self.BROKEN if target not in result.stderr]


class TestLanguages:
    """Chinese pages hold no English but keys, codes and URLs; English pages say they are English."""

    @pytest.mark.parametrize("name", [*(f"catalogue-{e}" for e in EDITIONS), "changelog-2021-2023"])
    def test_chinese_pages_have_no_english(self, docs: Build, name: str) -> None:
        """The Chinese catalogue and changelog pages show no stray Latin word."""
        assert [] == stray_latin(page(docs, name).text)

    @pytest.mark.parametrize("name", ["index", *(f"catalogue-{e}" for e in EDITIONS), "changelog-2021-2023"])
    def test_english_pages_declare_english(self, docs: Build, name: str) -> None:
        """Pages under en/ declare lang="en"; the Chinese ones the site's Chinese."""
        english = page(docs, f"en/{name}").html
        chinese = page(docs, name).html
        assert ('lang="en"', 'lang="zh-CN"') == (
            re.search(r'<html[^>]*\b(lang="[^"]*")', english)[1],  # type: ignore[index]
            re.search(r'<html[^>]*\b(lang="[^"]*")', chinese)[1],  # type: ignore[index]
        )
