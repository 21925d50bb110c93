"""Exact-output tests of the diff renderers on a small hand-made pair of editions (tests/pair.py).

The expected outputs live in tests/fixtures/golden/; each was read and checked by a person against the
pair's known differences. To review a deliberate change of output, regenerate them with
``python tests/test_render.py`` and read the git diff before committing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import docutils.core
import jsonschema
import pytest

from bpsstd.diff import diff, schema
from bpsstd.render import diff_json, diff_markdown, diff_rst, diff_text

from pair import NEW, OLD

if TYPE_CHECKING:
    from collections.abc import Callable

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
        assert "↑ 营养膳食补助 [meal-subsidy]：subsidy per pupil per day：4 → 5 CNY/day（提高）" in text
        assert text.index("新增服务项目") < text.index("服务标准提高或降低") < text.index("仅序号变化")

    def test_unverified_changes_are_labelled(self) -> None:
        """A change on an item rated low carries the unverified label in both languages."""
        assert "产后访视 [postpartum-visit]（未核实）" in diff_text(diff(OLD, NEW))
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
                            items=[
                                attrs.evolve(i, provenance=attrs.evolve(i.provenance, inherited_from="2001"))
                                if i.key == "folic-acid"
                                else i
                                for i in c.items
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
        """The JSON rendering is the diff's dict form, and it follows the shipped schema."""
        data = json.loads(diff_json(diff(OLD, NEW)))
        assert diff(OLD, NEW).to_dict() == data
        jsonschema.validate(data, schema())


if __name__ == "__main__":  # regenerate the golden files after a deliberate change of output
    for file_name, render in RENDERINGS.items():
        (GOLDEN / file_name).write_text(render(), encoding="utf-8")
    sys.exit(0)
