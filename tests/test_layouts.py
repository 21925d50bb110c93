"""Tests for the layout parsers (layer 2) and number extraction: synthetic wording, each quirk on its own."""

from __future__ import annotations

import pytest

from bpsstd.amounts import mentions, place
from bpsstd.layouts import (
    ParsedField,
    chinese_number,
    parse_document,
    parse_labelled,
    parse_table,
)
from bpsstd.reading import Cell, Document, Line, Location, Table


def lines(text: str) -> list[Line]:
    """Lines of *text*, numbered from 1."""
    return [Line(text=t, where=Location(line=n)) for n, t in enumerate(text.splitlines(), start=1)]


def table(*rows: tuple[str, ...], merged: frozenset[tuple[int, int]] = frozenset()) -> Table:
    """A table of *rows*; cells listed in *merged* (row, column, from 1) continue a merged cell."""
    return Table(
        rows=[
            tuple(
                Cell(text=t, where=Location(table=1, row=r, column=c), merged=(r, c) in merged)
                for c, t in enumerate(row, start=1)
            )
            for r, row in enumerate(rows, start=1)
        ]
    )


# Synthetic wording in the labelled layout (not the standard's text).
LABELLED = """一、甲方面
1.乙类别
（1）丙项目
服务对象：丁对象。
服务内容：戊内容。
服务标准：己标准。
支出责任：庚责任。
牵头负责单位：辛部、壬部。
"""


class TestLabelled:
    """The labelled prose layout."""

    def test_plain(self) -> None:
        """Headings become aspect, category and item; each labelled field keeps its wording and line."""
        aspects, findings = parse_labelled(lines(LABELLED))
        assert [] == findings
        assert (1, "甲方面") == (aspects[0].number, aspects[0].name)
        category = aspects[0].categories[0]
        assert (1, "乙类别") == (category.number, category.name)
        item = category.items[0]
        assert (1, "丙项目", Location(line=3)) == (item.number, item.name, item.where)
        assert ParsedField(name="target", text="丁对象。", where=Location(line=4)) == item.fields[0]
        assert ["target", "content", "standard", "expenditure", "lead_units"] == [f.name for f in item.fields]

    def test_ascii_punctuation(self) -> None:
        """ASCII colons, brackets and a half-width category dot read as their full-width forms."""
        text = LABELLED.replace("：", ":").replace("（", "(").replace("）", ")").replace("1.", "1．")
        aspects, _ = parse_labelled(lines(text))
        item = aspects[0].categories[0].items[0]
        assert ("丙项目", "丁对象。") == (item.name, item.fields[0].text)

    def test_word_broken_across_lines(self) -> None:
        """A name and a field broken across lines are joined without a space, labels included."""
        text = LABELLED.replace("（1）丙项目", "（1）丙\n项目").replace(
            "服务内容：戊内容。", "服务\n内容：戊内\n容。"
        )
        item = parse_labelled(lines(text))[0][0].categories[0].items[0]
        assert "丙项目" == item.name
        content = item.get("content")
        assert content is not None
        assert ("戊内容。", Location(line=6)) == (content.text, content.where)

    def test_latin_words_keep_a_space(self) -> None:
        """Latin words broken across lines keep one space between them."""
        text = LABELLED.replace("服务内容：戊内容。", "服务内容：ABC\nDEF。")
        item = parse_labelled(lines(text))[0][0].categories[0].items[0]
        assert "ABC DEF。" == item.fields[1].text

    def test_two_fields_on_one_line(self) -> None:
        """Two labelled fields on one line are two fields, with the same line."""
        text = LABELLED.replace("己标准。\n支出责任", "己标准。支出责任")
        item = parse_labelled(lines(text))[0][0].categories[0].items[0]
        assert [("己标准。", 6), ("庚责任。", 6)] == [(f.text, f.where.line) for f in item.fields[2:4]]

    def test_cut_off_at_the_end(self) -> None:
        """A document that stops inside a field marks that field cut."""
        text = LABELLED.split("支出责任", maxsplit=1)[0] + "支出责任：庚责"
        item = parse_labelled(lines(text))[0][0].categories[0].items[0]
        assert [False, False, False, True] == [f.cut for f in item.fields]

    def test_cut_off_before_the_next_item(self) -> None:
        """A field without its full stop, followed by a new item while the row lacks fields, is cut."""
        text = LABELLED.split("服务标准", maxsplit=1)[0] + "服务标准：己标\n（2）癸项目\n服务对象：子。\n"
        items = parse_labelled(lines(text))[0][0].categories[0].items
        assert [False, False, True] == [f.cut for f in items[0].fields]
        assert [False] == [f.cut for f in items[1].fields]

    def test_unterminated_but_complete(self) -> None:
        """A field without a full stop, followed by another labelled field, is not cut."""
        text = LABELLED.replace("丁对象。", "丁对象")
        item = parse_labelled(lines(text))[0][0].categories[0].items[0]
        assert not any(f.cut for f in item.fields)

    def test_renumbered_per_aspect(self) -> None:
        """Category numbers that restart in an aspect are noted, not an error."""
        second = LABELLED.replace("一、甲方面", "二、子方面").replace("乙类别", "丑类别")
        aspects, findings = parse_labelled(lines(LABELLED + second))
        assert [1, 1] == [a.categories[0].number for a in aspects]
        assert ["categories-renumbered"] == [f.code for f in findings]

    def test_duplicate_field(self) -> None:
        """A second field with the same label in one item is noted and the first kept."""
        text = LABELLED.replace("服务内容：戊内容。", "服务内容：戊内容。\n服务对象：重复。")
        aspects, findings = parse_labelled(lines(text))
        assert ["duplicate-field"] == [f.code for f in findings]
        assert "丁对象。" == aspects[0].categories[0].items[0].fields[0].text

    def test_wrapped_number_is_not_a_heading(self) -> None:
        """A wrapped line starting with a number such as 1.5元 continues the field."""
        text = LABELLED.replace("戊内容。", "每人\n1.5元。")
        item = parse_labelled(lines(text))[0][0].categories[0].items[0]
        assert "每人1.5元。" == item.fields[1].text

    def test_items_without_headings(self) -> None:
        """Items before any heading belong to an unnamed aspect and category."""
        aspects, _ = parse_labelled(lines(LABELLED.split("\n", 2)[2]))
        assert ("", "") == (aspects[0].name, aspects[0].categories[0].name)

    @pytest.mark.parametrize(
        ("text", "number"), [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十二", 22)]
    )
    def test_chinese_numbers(self, text: str, number: int) -> None:
        """Chinese numerals up to 99 read as numbers."""
        assert number == chinese_number(text)


HEADERS = ("序号", "服务项目", "服务对象", "服务内容", "服务标准", "支出责任", "牵头负责单位")


class TestTable:
    """The 7-column table layout."""

    def test_seven_columns(self) -> None:
        """Merged heading rows are aspect and category; item rows give their fields by column."""
        t = table(
            HEADERS, ("一、甲方面",) * 7, ("1.乙类别",) * 7, ("1", "丙项目", "丁", "戊", "己", "庚", "辛部")
        )
        aspects = parse_table(t)
        assert ("甲方面", "乙类别") == (aspects[0].name, aspects[0].categories[0].name)
        item = aspects[0].categories[0].items[0]
        assert (1, "丙项目") == (item.number, item.name)
        assert [("target", "丁"), ("lead_units", "辛部")] == [(f.name, f.text) for f in item.fields[::4]]
        assert Location(table=1, row=4, column=3) == item.fields[0].where

    def test_without_number_and_expenditure_with_protection_standard(self) -> None:
        """Without 序号 and 支出责任, with 保障标准 for 服务标准, unnumbered headings still nest."""
        t = table(
            ("服务项目", "服务对象", "服务内容", "保障标准", "牵头负责单位"),
            ("甲方面", "", "", "", ""),
            ("乙类别", "", "", "", ""),
            ("（1）丙项目", "丁", "戊", "己", "辛部"),
        )
        aspects = parse_table(t)
        item = aspects[0].categories[0].items[0]
        assert ("甲方面", "乙类别", 1, "丙项目") == (
            aspects[0].name,
            aspects[0].categories[0].name,
            item.number,
            item.name,
        )
        assert ["target", "content", "standard", "lead_units"] == [f.name for f in item.fields]

    def test_merged_down_a_column(self) -> None:
        """A field merged down a column applies to every row it spans."""
        t = table(
            HEADERS,
            ("1", "甲", "丁", "戊", "己", "共同", "辛部"),
            ("2", "乙", "丁", "戊", "己", "", "辛部"),
            merged=frozenset({(3, 6)}),
        )
        items = parse_table(t)[0].categories[0].items
        assert ["共同", "共同"] == [i.get("expenditure").text for i in items]  # type: ignore[union-attr]

    def test_not_a_table_of_items(self) -> None:
        """A table without a 服务项目 header yields nothing."""
        assert [] == parse_table(table(("甲", "乙"), ("丙", "丁")))

    def test_document_layouts(self) -> None:
        """A document with labelled prose and a table reports both layouts."""
        t = table(HEADERS, ("1", "丙项目", "丁", "戊", "己", "庚", "辛部"))
        parsed = parse_document(Document(name="d", sha256="", kind="docx", lines=lines(LABELLED), tables=[t]))
        assert ("labelled+table", 2) == (parsed.layout, len(parsed.items))


class TestAmounts:
    """Numbers in wording: value, unit, comparator."""

    @pytest.mark.parametrize(
        ("text", "value", "unit", "comparator"),
        [
            ("每生每年720元", 720, "元", "exactly"),
            ("不少于15套", 15, "套", "at_least"),
            ("每天不少于2小时", 2, "小时", "at_least"),
            ("未满16周岁", 16, "周岁", "under"),
            ("0.4毫克", 0.4, "毫克", "exactly"),
            ("16-24岁", (16, 24), "岁", "exactly"),
            ("1/3", (1, 3), "", "exactly"),
            ("60周岁以上", 60, "周岁", "at_least"),
            ("至少组织2次", 2, "次", "at_least"),
        ],
    )
    def test_mentions(self, text: str, value: object, unit: str, comparator: str) -> None:
        """Each way the standard writes a number reads as value, unit and comparator."""
        (mention,) = mentions(text)
        assert (value, unit, comparator) == (mention.value, mention.unit, mention.comparator)

    def test_place_follows_the_wording(self) -> None:
        """A value no longer written is placed on the new number with the same unit and preceding words."""
        placements, loose = place((800, 15), "每生每年800元；不少于15套", "每生每年720元；不少于15套；另3次")
        assert [720, 15] == [p.new.value for p in placements if p.new]
        assert ["3次"] == [m.text for m in loose]

    def test_place_not_found(self) -> None:
        """A value the new wording does not state, and the old wording did not either, is not placed."""
        placements, _ = place((5,), "无数字", "每年2次")
        assert placements[0].new is None
