"""Exact-output tests of the diff renderers on a small hand-made pair of editions (tests/pair.py).

The expected outputs live in tests/fixtures/golden/; each was read and checked by a person against the
pair's known differences. To review a deliberate change of output, regenerate them with
``python tests/test_render.py`` and read the git diff before committing.
"""

from __future__ import annotations

import ast
import html
import json
import re
import string
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import docutils.core
import docutils.nodes
import jsonschema
import markdown_it
import pytest

import bpsstd
from bpsstd.diff import diff, schema
from bpsstd.model import Comparator, Confidence, ExpenditureClass, Lang, Text
from bpsstd.present import LABELS, Word, escape_html, escape_markdown, escape_rst
from bpsstd.render import diff_json, diff_markdown, diff_rst, diff_text, edition_text, item_text
from bpsstd.serde import unstructure

from pair import NEW, OLD
from strategies import replace_item

if TYPE_CHECKING:
    from collections.abc import Callable

    from bpsstd.changes import EditionDiff

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
RENDERINGS: dict[str, Callable[[], str]] = {
    "diff-zh.txt": lambda: diff_text(diff(OLD, NEW)),
    "diff-en.txt": lambda: diff_text(diff(OLD, NEW), "en"),
    "diff-zh.md": lambda: diff_markdown(diff(OLD, NEW)),
    "diff-en.md": lambda: diff_markdown(diff(OLD, NEW), "en"),
    "diff-zh.rst": lambda: diff_rst(diff(OLD, NEW)),
    "diff-en.rst": lambda: diff_rst(diff(OLD, NEW), "en"),
    "diff.json": lambda: diff_json(diff(OLD, NEW)),
}


class TestGolden:
    """Each renderer prints exactly the reviewed output."""

    @pytest.mark.parametrize("name", sorted(RENDERINGS))
    def test_output_is_exactly_the_reviewed_one(self, name: str) -> None:
        """The rendering equals its golden file byte for byte."""
        assert (GOLDEN / name).read_text(encoding="utf-8") == RENDERINGS[name]()


class TestContent:
    """What the renderings say, checked independently of the golden files."""

    def test_chinese_comes_first_and_names_the_raise(self) -> None:
        """The Chinese report names the raised item, both values and the unit, and marks the direction."""
        text = diff_text(diff(OLD, NEW))
        assert (
            "↑ 1.（2）营养膳食补助：subsidy per pupil per day：4 CNY/day → 5 CNY/day（提高，按数值大小）"
            in text
        )
        assert text.index("新增服务项目") < text.index("服务标准提高或降低") < text.index("仅序号变化")

    def test_unverified_changes_are_labelled(self) -> None:
        """A change on an item rated low carries the unverified label in both languages."""
        assert "1.（3）产后访视（未核实）" in diff_text(diff(OLD, NEW))
        assert "Postpartum visit [postpartum-visit] (unverified)" in diff_text(diff(OLD, NEW), "en")

    def test_lead_units_are_named_from_the_registry(self) -> None:
        """An added lead unit is shown by its registry name, not its key."""
        assert "牵头负责单位：增加 财政部" in diff_text(diff(OLD, NEW))
        assert "lead units: added Ministry of Finance" in diff_text(diff(OLD, NEW), "en")

    def test_rows_repeated_without_verification_are_announced(self) -> None:
        """When new rows only repeat old ones unverified, the report says how many changes it cannot see."""
        repeated = attrs.evolve(
            NEW,
            aspects=[
                attrs.evolve(
                    a,
                    categories=[
                        attrs.evolve(
                            c,
                            service_items=[
                                attrs.evolve(i, provenance=attrs.evolve(i.provenance, inherited_from="2001"))
                                if i.key == "folic-acid"
                                else i
                                for i in c.service_items
                            ],
                        )
                        for c in a.categories
                    ],
                )
                for a in NEW.aspects
            ],
        )
        result = diff(OLD, repeated)
        assert ("folic-acid",) == result.unverified
        assert "注意：2002年版有 1 项的内容沿用上一版" in diff_text(result)
        assert "Note: 1 items of the 2002 edition repeat the previous edition's row" in diff_markdown(
            result, "en"
        )
        assert "沿用上一版" not in diff_text(diff(OLD, NEW))

    def test_no_change_says_so(self) -> None:
        """The report of an edition against itself says there is no difference."""
        assert "两个版本没有差别。" in diff_text(diff(OLD, OLD))
        assert "The two editions do not differ." in diff_markdown(diff(NEW, NEW), "en")

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_rst_parses_without_warnings(self, lang: str) -> None:
        """The reST output is valid reStructuredText (docutils halts on any warning)."""
        source = diff_rst(diff(OLD, NEW), lang)
        settings = {"halt_level": 2, "report_level": 5}
        docutils.core.publish_doctree(source, settings_overrides=settings)

    def test_json_is_the_library_result_and_validates(self) -> None:
        """The JSON rendering is the converter's form of the diff, and it follows the shipped schema."""
        data = json.loads(diff_json(diff(OLD, NEW)))
        assert unstructure(diff(OLD, NEW)) == data
        jsonschema.validate(data, schema())


#: Names and texts that are markup in some format; each must render as the very characters it holds.
TRICKY = [
    ".. x 测试",
    "*a*",
    "`b`",
    "|c|",
    "[d](e)",
    "<script>alert(1)</script>",
    "_f_",
    "# g",
    "h\\",
    "1. i",
    "- j",
    "a. k",
    "&amp; l",
    ":m: n",
]


def _renamed(name: str, standard: str) -> EditionDiff:
    """The diff of the pair with the meal subsidy renamed *name* and its standard reworded *standard*."""
    texts = {"name": Text(zh=name, en=name), "standard": Text(zh=standard, en=standard)}
    return diff(OLD, replace_item(NEW, "meal-subsidy", **texts))


def _rst_text(source: str) -> str:
    """The text docutils reads in *source*; any warning (halt level 2) fails the test."""
    doctree = docutils.core.publish_doctree(source, settings_overrides={"halt_level": 2, "report_level": 5})
    assert not list(doctree.findall(docutils.nodes.comment))
    return doctree.astext()


def _markdown_text(source: str) -> str:
    """The text a CommonMark reader shows for *source*, with no raw HTML let through."""
    rendered = markdown_it.MarkdownIt("commonmark").render(source)
    assert "<script>" not in rendered
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


class TestLiteralText:
    """Text from the data renders as the characters it holds, in every format: never as markup."""

    @pytest.mark.parametrize("name", TRICKY)
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_rst(self, name: str, lang: str) -> None:
        """Docutils reads the reST changelog's name and texts back literally (no comment, no markup)."""
        result = _renamed(name, f"{name} 每生每天5元")
        text = _rst_text(diff_rst(result, lang))
        # Chinese names an item by its numbers as the document does (1.（2）name); English by name and key.
        assert (f"{name} meal-subsidy" if lang == "en" else f"）{name}") in text
        assert f"{name} 每生每天5元" in text

    @pytest.mark.parametrize("name", TRICKY)
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_markdown(self, name: str, lang: str) -> None:
        """A CommonMark reader shows the Markdown report's name and texts literally."""
        result = _renamed(name, f"{name} 每生每天5元")
        text = _markdown_text(diff_markdown(result, lang))
        assert (f"{name} meal-subsidy" if lang == "en" else f"）{name}") in text
        assert f"{name} 每生每天5元" in text

    @pytest.mark.parametrize("name", TRICKY)
    def test_text_and_json(self, name: str) -> None:
        """The terminal report prints the name as it is; the JSON holds it as it is."""
        result = _renamed(name, f"{name} 每生每天5元")
        assert f"{name} [meal-subsidy]" in diff_text(result, "en")
        assert f"）{name}：" in diff_text(result)
        names = {c["name"]["zh"] for c in json.loads(diff_json(result))["changes"] if c["name"]}
        assert name in names

    def test_a_renamed_copy_of_a_shipped_edition(self) -> None:
        """An item renamed '.. x 测试' in a copy of the 2023 edition shows literally in the reST changelog."""
        edition = bpsstd.load("2023")
        renamed = replace_item(edition, "rural-student-nutrition", name=Text(zh=".. x 测试", en=".. x test"))
        result = diff(edition, renamed)
        assert "5.（4）.. x 测试：" in _rst_text(diff_rst(result))
        assert ".. x test rural-student-nutrition" in _rst_text(diff_rst(result, "en"))
        assert "5.（4）.. x 测试：" in _markdown_text(diff_markdown(result))
        assert "5.（4）.. x 测试：" in diff_text(result)


class TestEscapers:
    """The one escaper of each format, on its own."""

    @pytest.mark.parametrize("text", [*TRICKY, "plain", "多 行\n文本"])
    def test_rst_round_trips_through_docutils(self, text: str) -> None:
        """An escaped text, alone on a line, reads back as the text (whitespace runs as one space)."""
        assert " ".join(text.split()) == _rst_text(escape_rst(text) + "\n")

    def test_empty_text_stays_empty(self) -> None:
        """Nothing to escape gives nothing, in every format."""
        assert ("", "", "") == (escape_rst(""), escape_markdown(""), escape_html(""))

    @pytest.mark.parametrize("text", [*TRICKY, "plain", "多 行\n文本"])
    def test_markdown_round_trips_through_commonmark(self, text: str) -> None:
        """An escaped text, alone on a line, reads back as the text."""
        assert " ".join(text.split()) == _markdown_text(escape_markdown(text)).strip()

    def test_html(self) -> None:
        """HTML escaping leaves no tag and no unquoted attribute."""
        assert "&lt;script&gt;&quot;x&quot; &amp;amp;" == escape_html('<script>"x" &amp;')


class TestLabels:
    """The one label table of each language."""

    def test_every_key_has_a_label_in_every_language(self) -> None:
        """Each word of the interface and each member of a labelled vocabulary is named in zh and en."""
        keys = {*Word, *Confidence, *ExpenditureClass, *Comparator}
        assert {Lang.ZH: keys, Lang.EN: keys} == {lang: set(table) for lang, table in LABELS.items()}

    def test_both_languages_take_the_same_placeholders(self) -> None:
        """A label's {placeholders} are the same in Chinese and English, so either can be filled."""

        def fields(text: str) -> set[str]:
            return {name for _, name, _, _ in string.Formatter().parse(text) if name}

        assert {k: fields(v) for k, v in LABELS[Lang.ZH].items()} == {
            k: fields(v) for k, v in LABELS[Lang.EN].items()
        }

    def test_languages_are_a_closed_vocabulary(self) -> None:
        """Renderers take a Lang or its value, and refuse any other language instead of falling back."""
        assert diff_text(diff(OLD, NEW), Lang.EN) == diff_text(diff(OLD, NEW), "en")
        with pytest.raises(ValueError, match="'fr' is not a valid Lang"):
            diff_text(diff(OLD, NEW), "fr")


def _imports(module: Path) -> set[str]:
    """The modules that the source file *module* imports, at any depth of its code."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


PACKAGE = Path(bpsstd.__file__).parent


class TestLayers:
    """Imports go one way: model, loading and checks, diff, presentation, then the CLI and the site."""

    @pytest.mark.parametrize("module", sorted((PACKAGE / "render").glob("*.py")), ids=lambda p: p.name)
    def test_renderers_do_not_import_the_engine(self, module: Path) -> None:
        """A renderer reads change records; it never imports the diff engine (nor deepdiff) or the CLI."""
        assert set() == _imports(module) & {"bpsstd.diff", "deepdiff", "bpsstd.cli"}

    def test_presentation_imports_only_records(self) -> None:
        """The presentation layer imports the model and the change records, nothing above them."""
        assert {"bpsstd.changes", "bpsstd.model"} == {
            m for m in _imports(PACKAGE / "present.py") if "bpsstd" in m
        }

    def test_the_sphinx_extension_does_not_import_the_cli(self) -> None:
        """The documentation runs the command line as users do, in a process, not by importing it."""
        imported = _imports(PACKAGE / "sphinxext.py")
        assert "bpsstd.cli" not in imported
        assert not {m for m in imported if m.startswith("bpsstd.render._")}


if __name__ == "__main__":  # regenerate the golden files after a deliberate change of output
    for file_name, render in RENDERINGS.items():
        (GOLDEN / file_name).write_text(render(), encoding="utf-8")
    sys.exit(0)


# ---------------------------------------------------------------------------------------------
# Chinese throughout: a Chinese report holds no English but keys, codes and addresses.

_URL = re.compile(r"https?://[\x21-\x7e]+")
#: Codes of standards (GB 55019-2021, GB/T 50378) and the tool's own name are not English prose.
_CODE = re.compile(r"\b(?:GB|GB/T|WS|WS/T|JGJ|CJJ)\s?[\d.\-—]+|\bbpsstd\b")


def stray_latin(text: str) -> list[str]:
    """The Latin words of *text* other than item keys, codes of standards and URLs."""
    keys = sorted(
        {i.key for e in bpsstd.editions() for i in bpsstd.load(e).service_items}, key=len, reverse=True
    )
    text = _CODE.sub(" ", _URL.sub(" ", text))
    for key in keys:
        text = re.sub(rf"(?<![\w-]){re.escape(key)}(?![\w-])", " ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


class TestChineseThroughout:
    """With --lang zh, reports and `bpsstd show` contain no English words but keys, codes and URLs."""

    @pytest.mark.parametrize("render", [diff_text, diff_markdown, diff_rst], ids=["text", "md", "rst"])
    def test_the_chinese_diff_report_has_no_english(self, render: Callable[..., str]) -> None:
        """The 2021 -> 2023 report in Chinese holds no stray Latin word, in every human format."""
        report = render(diff(bpsstd.load("2021"), bpsstd.load("2023")), Lang.ZH)
        assert [] == stray_latin(report)

    @pytest.mark.parametrize("edition_id", bpsstd.editions())
    def test_show_in_chinese_has_no_english(self, edition_id: str) -> None:
        """`bpsstd show` of the catalogue and of every item holds no stray Latin word in Chinese."""
        edition = bpsstd.load(edition_id)
        shown = [
            edition_text(edition, Lang.ZH),
            *(item_text(edition, i.key, Lang.ZH) for i in edition.service_items),
        ]
        assert [] == [(n, stray_latin(t)) for n, t in enumerate(shown) if stray_latin(t)]

    def test_quantities_show_their_chinese_label_comparator_and_unit(self) -> None:
        """A quantity in a Chinese view reads as the row writes it: label, comparator, number, unit."""
        shown = item_text(bpsstd.load("2023"), "rural-student-nutrition", Lang.ZH)
        assert "  - 营养膳食补助标准: 每生每天5元" in shown.splitlines()
        report = diff_text(diff(bpsstd.load("2021"), bpsstd.load("2023")), Lang.ZH)
        assert "营养膳食补助标准：每生每天4元 → 每生每天5元（提高，按受益方向）" in report
        assert "5.（4）农村义务教育学生营养膳食补助" in report

    def test_the_scanner_finds_english(self) -> None:
        """The scan is not vacuous: English words are found, keys, codes and URLs are not."""
        text = "rural-student-nutrition GB 55019 https://example.org/a 已核实 not confirmed"
        assert ["not", "confirmed"] == stray_latin(text)
