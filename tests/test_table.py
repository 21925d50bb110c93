"""The comparison table (新旧对照表): the model built from a diff, and its Markdown and HTML writers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import bpsstd
from bpsstd.model import Comparator, Edition, Lang, Quantity, Text
from bpsstd.present import show_amount
from bpsstd.render import (
    ComparisonTable,
    DataRow,
    Mark,
    SectionRow,
    cell_text,
    comparison_table,
    not_recorded,
    table_html,
    table_markdown,
)

from pair import NEW, OLD

GOLDEN = Path(__file__).parent / "fixtures" / "golden"


def _table(old: Edition = OLD, new: Edition = NEW, lang: str = "zh") -> ComparisonTable:
    return comparison_table(bpsstd.diff(old, new), old, new, lang)


def _shipped() -> tuple[Edition, Edition, ComparisonTable]:
    old, new = bpsstd.load("2021"), bpsstd.load("2023")
    return old, new, comparison_table(bpsstd.diff(old, new), old, new)


class TestModel:
    """What the adapter puts in the table."""

    def test_every_change_has_a_row_or_an_unrecorded_line(self) -> None:
        """Each change of the shipped diff is a data row; each value one edition lacks is a listed line."""
        old, new, table = _shipped()
        d = bpsstd.diff(old, new)
        lines = not_recorded(d, old, new)
        assert len(d.not_recorded) == len(lines) > 0
        assert len(d.changes) == len(table.data_rows)
        assert lines == table.unrecorded
        shown = [(r.kind, r.item, r.field) for r in table.data_rows]
        expected = [(c.kind.value, c.item, c.field) for c in d.changes]
        assert sorted(expected, key=str) == sorted(shown, key=str)

    def test_unknown_wording_is_listed_not_changed(self) -> None:
        """2023 does not record maternity-insurance's content: listed as 未录入, not a data row."""
        _, _, table = _shipped()
        assert not any(r.item == "maternity-insurance" and r.field == "content" for r in table.data_rows)
        line = next(line for line in table.unrecorded if "生育保险" in line and "服务内容" in line)
        assert line.endswith("2023年版为“未录入”")

    def test_summary_counts_are_the_diffs(self) -> None:
        """The summary's total and per-kind counts equal the diff's summary over the changes shown as rows."""
        old, new, table = _shipped()
        d = bpsstd.diff(old, new)
        summary = d.summary
        counts = {c.kind: c.count for c in table.summary}
        assert summary.total == counts["total"]
        assert summary.substantive == counts["substantive"]
        assert summary.by_kind == {k: v for k, v in counts.items() if k in summary.by_kind}
        assert len(d.not_recorded) == counts["unrecorded"]

    def test_rows_sit_under_their_item_heading(self) -> None:
        """Every item's data rows follow the section row of that item."""
        _, _, table = _shipped()
        current: str | None = None
        for row in table.rows:
            if isinstance(row, SectionRow):
                current = row.key if row.level == "item" else None
            elif row.item is not None:
                assert row.item == current

    def test_meal_subsidy_four_to_five(self) -> None:
        """2021→2023: the nutrition subsidy's standard shows 4 struck and 5 inserted."""
        _, _, table = _shipped()
        row = next(
            r for r in table.data_rows if r.item == "rural-student-nutrition" and r.field == "standard"
        )
        assert any(run.mark is Mark.DELETED and "4" in run.text for run in row.old)
        assert any(run.mark is Mark.INSERTED and run.text == "5" for run in row.new)
        assert "每生每天5元" in cell_text(row.new)

    def test_wording_only_changes_are_underlined_not_red(self) -> None:
        """A change of wording only marks its new text WORDING, never INSERTED."""
        _, _, table = _shipped()
        row = next(
            r for r in table.data_rows if r.item == "national-fitness-services" and r.field == "standard"
        )
        marks = {run.mark for run in row.new}
        assert Mark.WORDING in marks
        assert Mark.INSERTED not in marks

    def test_unverified_rows_are_marked(self) -> None:
        """A change whose facts have low confidence carries the 未核实 marker in its note."""
        _, _, table = _shipped()
        row = next(r for r in table.data_rows if r.item == "health-education-literacy")
        assert [run.text for run in row.note if run.mark is Mark.UNVERIFIED] == ["未核实"]

    def test_added_item_marked_in_the_empty_old_cell(self) -> None:
        """An added item's old cell is the 新增 marker alone; its new cell is the whole item, inserted."""
        row = next(r for r in _table().data_rows if r.kind == "item-added")
        assert [(run.text, run.mark) for run in row.old] == [("新增", Mark.ADDED)]
        assert {run.mark for run in row.new} == {Mark.INSERTED, Mark.LABEL}

    def test_removed_item_struck_and_marked(self) -> None:
        """A removed item (the pair read backwards) is struck through and marked 删除, its new cell empty."""
        row = next(r for r in _table(NEW, OLD).data_rows if r.kind == "item-removed")
        assert () == row.new
        assert (row.old[-1].text, row.old[-1].mark) == ("删除", Mark.REMOVED)
        assert Mark.DELETED in {run.mark for run in row.old}

    def test_a_fact_one_edition_lacks_is_listed_not_changed(self) -> None:
        """2023 records no document number: that is an unrecorded line, not a data row."""
        _, _, table = _shipped()
        assert not any(r.field == "doc_number" for r in table.data_rows)
        assert any("发改社会〔2021〕443号" in line for line in table.unrecorded)

    def test_header_names_the_editions(self) -> None:
        """Columns 原标准（2021年版）| 新标准（2023年版）| 修改说明; in English old / new / what changed."""
        _, _, table = _shipped()
        assert ("原标准（2021年版）", "新标准（2023年版）", "修改说明") == table.header
        assert ("Old (2001 edition)", "New (2002 edition)", "What changed") == _table(lang="en").header


class TestMarkup:
    """Exact output of the Markdown and HTML writers on the hand-made pair."""

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_markdown(self, lang: str) -> None:
        """The Markdown table is exactly the golden file."""
        assert (GOLDEN / f"table-{lang}.md").read_text(encoding="utf-8") == table_markdown(_table(lang=lang))

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_html(self, lang: str) -> None:
        """The HTML fragment is exactly the golden file."""
        assert (GOLDEN / f"table-{lang}.html").read_text(encoding="utf-8") == table_html(_table(lang=lang))

    def test_html_page_is_a_whole_document(self) -> None:
        """With page=True the fragment is wrapped in a document with its stylesheet."""
        page = table_html(_table(), page=True)
        assert page.startswith("<!DOCTYPE html>")
        assert "<style>" in page
        assert table_html(_table()) in page


HOSTILE = ".. x", "*a*", "<script>alert(1)</script>", "|c|", "a_b_", "[l](u)", "# h", "1. n"


def _hostile_pair(name: str) -> tuple[Edition, Edition]:
    """The synthetic pair with the meal item renamed to a name full of markup characters."""
    meal = NEW.item("meal-subsidy")
    renamed = attrs.evolve(meal, name=Text(zh=name, en=name), standard=Text(zh=name + "每生每天5元", en=name))
    category = attrs.evolve(
        NEW.aspects[0].categories[0], service_items=[NEW.service_items[0], renamed, NEW.service_items[2]]
    )
    new = attrs.evolve(
        NEW, aspects=[attrs.evolve(NEW.aspects[0], categories=[category])], published=dt.date(2002, 6, 1)
    )
    return OLD, new


class TestEscaping:
    """Text from the data renders literally."""

    @pytest.mark.parametrize("name", HOSTILE)
    def test_html_escapes(self, name: str) -> None:
        """No name from the data reaches the HTML as markup."""
        page = table_html(_table(*_hostile_pair(name)))
        assert "<script>" not in page
        if name.startswith("<"):
            assert "&lt;script&gt;" in page

    @pytest.mark.parametrize("name", HOSTILE)
    def test_markdown_escapes(self, name: str) -> None:
        """Markup characters of a name are backslash-escaped in the Markdown; the row keeps three cells."""
        text = table_markdown(_table(*_hostile_pair(name)))
        rows = [
            line for line in text.splitlines() if line.startswith("| ") and name[:2] in line.replace("\\", "")
        ]
        assert rows
        for row in rows:
            unescaped_pipes = row.replace("\\|", "").count("|")
            assert 4 == unescaped_pipes
        assert "<script>" not in text


def test_data_rows_are_data_rows() -> None:
    """The table's data_rows property keeps only DataRow records, in order."""
    table = _table()
    assert all(isinstance(r, DataRow) for r in table.data_rows)
    assert [r for r in table.rows if isinstance(r, DataRow)] == list(table.data_rows)


def _quantity(comparator: Comparator, unit: str, unit_zh: str | None) -> Quantity:
    """A synthetic quantity (not from the standard) with the given comparator and units."""
    return Quantity(
        key="q", what="sets", what_zh="套数", value=15, unit=unit, unit_zh=unit_zh, comparator=comparator
    )


class TestAmounts:
    """Quantities as the table shows them: the comparator, the number and the unit, Chinese first."""

    @pytest.mark.parametrize(
        ("comparator", "zh", "en"),
        [
            (Comparator.EXACTLY, "15套", "15 sets"),
            (Comparator.AT_LEAST, "不少于15套", "at least 15 sets"),
            (Comparator.AT_MOST, "不超过15套", "at most 15 sets"),
            (Comparator.ABOUT, "15套左右", "about 15 sets"),
            (Comparator.UNDER, "不满15套", "under 15 sets"),
            (Comparator.OVER, "超过15套", "over 15 sets"),
        ],
    )
    def test_comparator_and_unit(self, comparator: Comparator, zh: str, en: str) -> None:
        """Each comparator reads as Chinese documents write it; English puts the unit after a space."""
        quantity = _quantity(comparator, "sets", "套")
        assert zh == show_amount(15, quantity, Lang.ZH)
        assert en == show_amount(15, quantity, Lang.EN)

    def test_without_a_chinese_unit(self) -> None:
        """Where the data has no Chinese unit, Chinese shows the English one after a space; % stays close."""
        assert "15 sets" == show_amount(15, _quantity(Comparator.EXACTLY, "sets", None), Lang.ZH)
        assert "15%" == show_amount(15, _quantity(Comparator.EXACTLY, "%", None), Lang.EN)

    def test_shipped_subsidy_row(self) -> None:
        """2021→2023: the meal subsidy row reads 营养膳食补助标准：4元/生·天 → 5元/生·天, raised."""
        _, _, table = _shipped()
        row = next(
            r
            for r in table.data_rows
            if r.item == "rural-student-nutrition" and r.field == "quantities.meal-subsidy-per-pupil-per-day"
        )
        assert "营养膳食补助标准：4元/生·天" == cell_text(row.old)
        assert "营养膳食补助标准：5元/生·天" == cell_text(row.new)
        assert "提高" == cell_text(row.note)
