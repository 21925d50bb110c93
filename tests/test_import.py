"""Tests for ``bpsstd import``: round trips, one document per quirk with its report, the CLI, acceptance."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import documents
import pytest

from bpsstd.checks import check
from bpsstd.cli import main
from bpsstd.diff import diff
from bpsstd.editions import load
from bpsstd.import_report import IMPORT_CODES, FieldStatus, QuantityStatus, report_json, report_text
from bpsstd.importing import ImportResult, import_document
from bpsstd.model import Comparator, Confidence, ExpenditureClass, Source
from bpsstd.reading import Document, Line, Location, read_document

if TYPE_CHECKING:
    from collections.abc import Callable

    from bpsstd.model import Edition

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
FACTS = Path(__file__).resolve().parents[2] / "shared" / "reference" / "facts.json"


def rows(edition: Edition) -> dict[str, Any]:
    """Every item's fields and quantity values by key: what an import must bring back equal."""
    return {
        i.key: (
            i.number,
            i.name,
            i.target,
            i.content,
            i.standard,
            i.expenditure,
            i.lead_units,
            tuple((q.key, q.what, q.value, q.unit) for q in i.quantities),
        )
        for i in edition.service_items
    }


def text_document(lines: list[str]) -> Document:
    """A text document of *lines* (numbered from 1)."""
    return Document(
        name="doc.txt",
        sha256="0" * 64,
        kind="text",
        encoding="utf-8",
        lines=[Line(text=t, where=Location(line=n)) for n, t in enumerate(lines, start=1)],
    )


def first_aspects(edition: Edition, count: int = 1) -> list[str]:
    """The labelled layout of the first *count* aspects of *edition* (the shipped wording)."""
    lines = documents.labelled_lines(edition)
    headings = [
        k
        for k, line in enumerate(lines)
        if line.startswith(tuple(f"{documents.numeral(n)}、" for n in range(1, 10)))
    ]
    return lines[: headings[count]]


def statuses(result: ImportResult) -> dict[str, int]:
    """The count of fields per status."""
    return {s.value: result.report.count(s) for s in FieldStatus if result.report.count(s)}


def codes(result: ImportResult) -> list[str]:
    """The codes of the report's notes (each one declared in IMPORT_CODES)."""
    found = [n.code for n in result.report.notes]
    assert set(found) <= set(IMPORT_CODES)
    return found


def known(edition: Edition) -> dict[str, list[str]]:
    """The fields of each item whose Chinese wording is known (lead units always are)."""
    return {
        i.key: [
            name
            for name in ("target", "content", "standard", "expenditure", "lead_units")
            if name == "lead_units"
            or (i.expenditure.text if name == "expenditure" else getattr(i, name)).zh is not None
        ]
        for i in edition.service_items
    }


WRITERS: dict[str, Callable[[Path, Edition], Path]] = {
    "txt": documents.write_text,
    "docx": documents.write_docx,
    "xlsx": documents.write_xlsx,
}


_ROW = ("target", "content", "standard", "expenditure", "lead_units")


class TestRoundTrip:
    """An edition written as a document and imported onto itself comes back equal."""

    @pytest.mark.parametrize("edition_id", ["2021", "2023"])
    @pytest.mark.parametrize("suffix", sorted(WRITERS))
    def test_round_trip(self, tmp_path: Path, edition_id: str, suffix: str) -> None:
        """Every known field and quantity comes back equal, confirmed and rated high; unknown ones stay."""
        base = load(edition_id)
        path = WRITERS[suffix](tmp_path / f"{edition_id}.{suffix}", base)
        result = import_document(read_document(path), base)
        assert rows(base) == rows(result.edition)
        fields = known(base)
        count = sum(len(names) for names in fields.values())
        assert {"confirmed": count, "not-found": 5 * len(base.service_items) - count} == statuses(result)
        assert (len(base.service_items), len(base.service_items)) == (
            result.report.items_found,
            result.report.items_matched,
        )
        assert result.report.ok
        cite = f"{path.name} (sha256:{read_document(path).sha256}), "
        for item in result.edition.service_items:
            prov, before = item.provenance, base.item(item.key).provenance
            assert all(prov.level(name) is Confidence.HIGH for name in fields[item.key])
            assert all(prov.about(name).sources[-1].startswith(cite) for name in fields[item.key])  # type: ignore[union-attr]
            unknown = set(_ROW) - set(fields[item.key])
            assert {n: before.level(n) for n in unknown} == {n: prov.level(n) for n in unknown}
            assert (Confidence.HIGH if not unknown else before.fields) is prov.fields
        assert {q.status for q in result.report.quantities} <= {
            QuantityStatus.CONFIRMED,
            QuantityStatus.NOT_FOUND,
        }

    def test_notes_cleared_and_reported(self, tmp_path: Path) -> None:
        """The team's notes on fields now from the text are cleared in the data and listed in the report."""
        base = load("2021")
        result = import_document(read_document(documents.write_text(tmp_path / "2021.txt", base)), base)
        fields = known(base)
        expected = {
            (i.key, f.field_name): (f.note.zh or "")
            for i in base.service_items
            for f in i.provenance.field_notes
            if f.note is not None and f.field_name in fields[i.key]
        }
        assert expected
        assert expected == {(f.item, f.field): f.cleared_note for f in result.report.fields if f.cleared_note}
        for key, name in expected:
            assert result.edition.item(key).provenance.about(name).note is None  # type: ignore[union-attr]
        assert (
            f"已清除的备注 notes cleared (the field now comes from the text): {len(expected)}"
            in report_text(result.report)
        )

    def test_gbk_text(self, tmp_path: Path) -> None:
        """A GBK-encoded copy imports the same, and the report names the encoding."""
        base = load("2021")
        path = documents.write_text(tmp_path / "2021.txt", base, encoding="gb18030")
        result = import_document(read_document(path), base)
        assert ("gb18030", rows(base)) == (result.report.encoding, rows(result.edition))


class TestQuirks:
    """Documents with one quirk each, built from the shipped 2021 wording, and the report each gets."""

    def test_ascii_punctuation(self) -> None:
        """ASCII colons and brackets: every field confirmed, nothing noted."""
        base = load("2021")
        lines = [t.replace("：", ":").replace("（", "(").replace("）", ")") for t in first_aspects(base)]
        result = import_document(text_document(lines), base)
        assert ({"confirmed": 45}, []) == (statuses(result), codes(result))

    def test_word_broken_across_lines(self) -> None:
        """Every line broken in two in its middle (a web copy): every field confirmed."""
        base = load("2021")
        lines = [part for t in first_aspects(base) for part in (t[: len(t) // 2], t[len(t) // 2 :]) if part]
        result = import_document(text_document(lines), base)
        assert ({"confirmed": 45}, []) == (statuses(result), codes(result))

    def test_two_fields_on_one_line(self) -> None:
        """Each 支出责任 on the line of its 服务标准: every field confirmed."""
        base = load("2021")
        lines: list[str] = []
        for t in first_aspects(base):
            if t.startswith("支出责任"):
                lines[-1] += t
            else:
                lines.append(t)
        result = import_document(text_document(lines), base)
        assert ({"confirmed": 45}, []) == (statuses(result), codes(result))

    def test_field_cut_off(self) -> None:
        """A copy that stops inside the last item's 服务标准: partial, reported, not imported."""
        base = load("2021")
        lines = first_aspects(base)[:-2]
        lines[-1] = lines[-1][:12]
        result = import_document(text_document(lines), base)
        last = base.aspects[0].categories[-1].service_items[-1]
        assert ({"confirmed": 42, "partial": 1, "not-found": 2}, ["field-cut-off"]) == (
            statuses(result),
            codes(result),
        )
        (partial,) = [f for f in result.report.fields if f.status is FieldStatus.PARTIAL]
        assert (last.key, "standard", lines[-1][5:]) == (partial.item, partial.field, partial.new)
        assert result.edition.item(last.key) == base.item(last.key) or (
            result.edition.item(last.key).provenance.fields is base.item(last.key).provenance.fields
        )
        assert rows(base) == rows(result.edition)

    def test_categories_renumbered_per_aspect(self) -> None:
        """Categories numbered 1.. in each aspect: noted once per restart; matched by name all the same."""
        base = load("2021")
        lines, number = [], 0
        for line in first_aspects(base, 2):
            if line.startswith(tuple(f"{documents.numeral(n)}、" for n in range(1, 10))):
                number = 0
            elif line[0].isdigit():
                number += 1
                lines.append(f"{number}.{line.split('.', 1)[1]}")
                continue
            lines.append(line)
        result = import_document(text_document(lines), base)
        assert ["categories-renumbered"] == codes(result)
        assert 0 == result.report.count(FieldStatus.REPLACED)

    def test_item_not_in_the_base(self) -> None:
        """A synthetic item the base lacks is added with a generated key, a warning, and a failing check."""
        base = load("2021")
        synthetic = [
            "（99）合成示例项目（测试用，非标准原文）",
            "服务对象：合成对象。",
            "牵头负责单位：国家卫生健康委。",
        ]
        result = import_document(text_document(first_aspects(base) + synthetic), base)
        assert ["new-item"] == codes(result)
        added = result.edition.aspects[0].categories[-1].service_items[-1]
        assert ("合成示例项目（测试用，非标准原文）", ("nhc",)) == (added.name.zh, added.lead_units)
        assert added.key.startswith("new-")
        assert not result.report.ok
        assert any("[empty-text]" in p for p in result.report.check_problems)

    def test_item_twice(self) -> None:
        """An item repeated in the document is imported once and the repeat reported."""
        base = load("2021")
        lines = first_aspects(base)
        result = import_document(text_document(lines + lines[2:8]), base)
        assert ["matched-twice"] == codes(result)

    def test_unmatched_aspect(self) -> None:
        """A heading that names no aspect of the base is reported; its items are matched anywhere."""
        base = load("2021")
        lines = ["一、合成示例方面（非标准原文）", *first_aspects(base)[1:]]
        result = import_document(text_document(lines), base)
        assert ["unmatched-name"] == codes(result)
        assert 45 == result.report.count(FieldStatus.CONFIRMED)

    def test_unknown_agency(self) -> None:
        """A lead unit the registry lacks is reported and the base lead units kept."""
        base = load("2021")
        lines = first_aspects(base)
        lines[7] = "牵头负责单位：合成示例部。"
        result = import_document(text_document(lines), base)
        assert {"confirmed": 44, "unknown-agency": 1} == statuses(result)
        assert rows(base) == rows(result.edition)

    def test_replaced_field_updates_its_quantity(self) -> None:
        """A synthetic change of 4元 to 5元 replaces the wording and updates the matching quantity."""
        base = load("2021")
        key = "rural-student-nutrition"
        item = base.item(key)
        lines = documents.labelled_lines(base)
        assert item.standard.zh is not None
        at = lines.index(f"服务标准：{documents.sentence(item.standard.zh)}")
        lines[at] = lines[at].replace("每天4元", "每天5元")
        result = import_document(text_document(lines), base)
        (replaced,) = [f for f in result.report.fields if f.status is FieldStatus.REPLACED]
        assert (key, "standard") == (replaced.item, replaced.field)
        updated = result.edition.item(key)
        assert "每生每天5元（全年按在校200天计）。" == updated.standard.zh
        meal = updated.quantity("meal-subsidy-per-pupil-per-day")
        assert (5, Confidence.HIGH) == (meal.value, meal.confidence)
        outcomes = {q.quantity: q for q in result.report.quantities if q.item == key}
        assert (QuantityStatus.UPDATED, "5元", "元") == (
            outcomes[meal.key].status,
            outcomes[meal.key].new,
            outcomes[meal.key].unit_zh,
        )
        assert QuantityStatus.CONFIRMED is outcomes["school-days-counted-per-year"].status
        assert updated.provenance.fields is Confidence.HIGH
        assert (
            Source(text=f"doc.txt (sha256:{'0' * 64}), line {at - 2} to line {at + 3}", editions=("2021",))
            == updated.provenance.sources[-1]
        )
        standard = updated.provenance.about("standard")
        assert standard is not None
        assert (None, Confidence.HIGH, f"doc.txt (sha256:{'0' * 64}), line {at + 1}") == (
            updated.standard.en,
            standard.confidence,
            standard.sources[-1],
        )


class TestNewModel:
    """What the fact-sheet-v2 model adds: unknown wording, per-field ratings, printed names, comparators."""

    def test_unknown_wording_is_supplied(self) -> None:
        """Wording unknown in the base is imported with unknown English, and its unknown class inferred."""
        base, source = load("2023"), load("2021")
        key = "maternal-health"
        lines = documents.labelled_lines(base)
        at = lines.index(f"（{base.item(key).number}）{base.item(key).name.zh}")
        # Synthetic: the 2021 row's 支出责任 stands in for the 2023 wording, which is unknown.
        wording = source.item(key).expenditure.zh
        assert wording is not None
        supplied = documents.sentence(wording)
        lines.insert(at + 2, f"支出责任：{supplied}")
        result = import_document(text_document(lines), base)
        outcome = next(f for f in result.report.fields if (f.item, f.field) == (key, "expenditure"))
        assert (FieldStatus.REPLACED, None, supplied) == (outcome.status, outcome.old, outcome.new)
        item = result.edition.item(key)
        assert (supplied, None, ExpenditureClass.SHARED) == (
            item.expenditure.zh,
            item.expenditure.en,
            item.expenditure.kind,
        )
        assert ["expenditure-class-inferred"] == codes(result)
        assert Confidence.HIGH is item.provenance.level("expenditure")
        # content and standard are still unknown: the row keeps the sheet's rating.
        assert base.item(key).provenance.fields is item.provenance.fields
        assert Confidence.LOW is item.provenance.level("content")

    @pytest.mark.parametrize("printed", [True, False])
    def test_printed_agency_names(self, printed: bool) -> None:  # noqa: FBT001  # a parameter
        """The short name the text prints (退役军人部) and the canonical name both map to the registry key."""
        base = load("2021")
        names = [a.printed if printed else a.name.zh for a in (base.agency("mva"), base.agency("mohrss"))]
        lines = [
            "八、优军服务保障",
            "20.优军优抚服务",
            "（3）退役军人就业创业服务",
            f"牵头负责单位：{'、'.join(n or '' for n in names)}。",
        ]
        result = import_document(text_document(lines), base)
        (outcome,) = [f for f in result.report.fields if f.field == "lead_units"]
        assert FieldStatus.CONFIRMED is outcome.status
        assert ("mva", "mohrss") == result.edition.item("veteran-employment-entrepreneurship").lead_units

    def test_comparator_change_is_reported(self) -> None:
        """A synthetic 至少 changed to 不超过 updates the quantity's comparator and the report says so."""
        base = load("2021")
        key = "veteran-employment-entrepreneurship"
        item = base.item(key)
        assert item.standard.zh is not None
        lines = [
            "八、优军服务保障",
            "20.优军优抚服务",
            f"（3）{item.name.zh}",
            # Synthetic wording (not the standard): the number is kept, its comparator changed.
            f"服务标准：{item.standard.zh.replace('至少组织2次', '组织不超过2次')}",
        ]
        result = import_document(text_document(lines), base)
        (quantity,) = result.edition.item(key).quantities
        assert (2, Comparator.AT_MOST, "次/年") == (quantity.value, quantity.comparator, quantity.unit_zh)
        (outcome,) = [q for q in result.report.quantities if q.item == key]
        assert (QuantityStatus.UPDATED, "at_least", "at_most") == (
            outcome.status,
            outcome.old_comparator,
            outcome.comparator,
        )
        assert "(comparator at_least -> at_most)" in report_text(result.report)


class TestCodes:
    """Every note code the import can emit is declared once, with its severity and meaning."""

    def test_every_code_is_declared(self) -> None:
        """The code literals of the parser, matcher and builder are exactly the declared codes."""
        root = Path(__file__).resolve().parents[1] / "bpsstd"
        sources = "".join(
            (root / f"{m}.py").read_text(encoding="utf-8")
            for m in ("layouts", "matching", "importing", "regional_import")
        )
        found = set(re.findall(r'code="([a-z-]+)"', sources))
        found |= set(re.findall(r'Problem\.of\(\s*"([a-z-]+)"', sources))  # regional_import
        found |= set(re.findall(r'\("((?:ambiguous|unmatched)-name)"', sources))
        assert set(IMPORT_CODES) == found

    def test_json_notes_carry_severity(self) -> None:
        """The JSON report gives each note its declared severity."""
        base = load("2021")
        result = import_document(
            text_document(["一、合成示例方面（非标准原文）", *first_aspects(base)[1:]]), base
        )
        (note,) = report_json(result.report)["notes"]
        assert ("unmatched-name", "warning") == (note["code"], note["severity"])


class TestCommand:
    """``bpsstd import`` on the command line."""

    def test_text_report(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The folder is written, passes check, and the report ends saying so."""
        path = documents.write_text(tmp_path / "doc.txt", load("2023"))
        out = tmp_path / "out"
        assert 0 == main(
            ["import", str(path), "--base", "2023", "--output", str(out), "--id", "2023-official"]
        )
        text = capsys.readouterr().out
        count = sum(len(names) for names in known(load("2023")).values())
        assert (
            f"字段 fields: 0 replaced, {count} confirmed, 0 partial, {405 - count} not-found, "
            "0 unknown-agency" in text
        )
        assert text.endswith(
            f"检查 check: ok, edition 2023-official passes bpsstd check\n写入 written: {out}\n"
        )
        assert rows(load("2023")) == rows(load(out))
        assert "2023-official" == load(out).id

    def test_json_equals_library(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--format json prints the library's report, plus the output folder."""
        path = FIXTURES / "official-2021-high.txt"
        out = tmp_path / "out"
        assert 0 == main(["import", str(path), "--base", "2021", "--output", str(out), "--format", "json"])
        expected = report_json(import_document(read_document(path), load("2021")).report)
        assert {**expected, "output": str(out)} == json.loads(capsys.readouterr().out)

    def test_existing_folder(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An existing output folder is kept unless --force; with --force it is replaced."""
        path = FIXTURES / "official-2021-high.txt"
        out = tmp_path / "out"
        out.mkdir()
        (out / "stale.yaml").write_text("x: 1\n")
        assert 2 == main(["import", str(path), "--base", "2021", "--output", str(out)])
        assert "already exists; use --force" in capsys.readouterr().err
        assert ["stale.yaml"] == [p.name for p in out.iterdir()]
        assert 0 == main(["import", str(path), "--base", "2021", "--output", str(out), "--force"])
        assert not (out / "stale.yaml").exists()
        assert check(load(out)).ok

    def test_force_refuses_a_folder_of_other_files(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--force replaces only an edition folder (YAML files), never a folder of other files."""
        out = tmp_path / "out"
        out.mkdir()
        (out / "notes.md").write_text("keep me\n")
        args = [
            "import",
            str(FIXTURES / "official-2021-high.txt"),
            "--base",
            "2021",
            "--output",
            str(out),
            "--force",
        ]
        assert 2 == main(args)
        assert "not an edition folder" in capsys.readouterr().err
        assert (out / "notes.md").exists()

    @pytest.mark.parametrize(
        ("name", "data", "message"),
        [
            ("doc.docx", b"garbage", "not a valid DOCX file"),
            ("doc.txt", "没有条目的文字。\n".encode(), "no service items found"),
            ("doc.txt", "（1）合成示例项目\n服务对象：合成。\n".encode(), "no item of doc.txt matches"),
            ("doc.rtf", b"{\\rtf1}", "unknown document format"),
        ],
    )
    def test_bad_documents(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
    ) -> None:
        """Unreadable or malformed documents: one clear error, exit 2, nothing written, input untouched."""
        path = tmp_path / name
        path.write_bytes(data)
        out = tmp_path / "out"
        assert 2 == main(["import", str(path), "--base", "2021", "--output", str(out)])
        err = capsys.readouterr().err
        assert message in err
        assert 1 == len(err.splitlines())
        assert not out.exists()
        assert [name] == [p.name for p in tmp_path.iterdir()]
        assert data == path.read_bytes()

    def test_unknown_base(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown base edition is a usage error."""
        args = [
            "import",
            str(FIXTURES / "official-2021-high.txt"),
            "--base",
            "1999",
            "--output",
            str(tmp_path / "o"),
        ]
        assert 2 == main(args)
        assert "no edition '1999'" in capsys.readouterr().err

    def test_failing_folder_is_said(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A folder that fails check is written, the report says FAILS, and the exit status is 1."""
        path = tmp_path / "doc.txt"
        lines = [*first_aspects(load("2021")), "（99）合成示例项目（测试用）", "服务对象：合成。"]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = tmp_path / "out"
        assert 1 == main(["import", str(path), "--base", "2021", "--output", str(out)])
        assert "检查 check: FAILS with" in capsys.readouterr().out
        assert (out / "edition.yaml").exists()


class TestAcceptance:
    """The official wording of the 2021 rows the fact sheet rates high, imported onto the shipped 2021."""

    def sheet_rows(self) -> dict[str, dict[str, Any]]:
        """The 2021 rows the fact sheet rates high, by item key."""
        facts = json.loads(FACTS.read_text(encoding="utf-8"))
        return {
            i["key"]: i["fields_2021"]
            for a in facts["aspects"]
            for c in a["categories"]
            for i in c["items"]
            if i["fields_2021"] and i["confidence"]["fields_2021"] == "high"
        }

    @pytest.mark.skipif(not FACTS.exists(), reason="the fact sheet is not beside the repository")
    def test_fixture_is_the_sheet(self) -> None:
        """The fixture's wording is exactly the sheet's (nothing invented)."""
        parsed = import_document(read_document(FIXTURES / "official-2021-high.txt"), load("2021"))
        sheet = self.sheet_rows()
        for item in parsed.edition.service_items:
            if item.key in sheet:
                wording = {
                    f: sheet[item.key][f]["zh"] for f in ("target", "content", "standard", "expenditure")
                }
                assert wording == {
                    "target": item.target.zh,
                    "content": item.content.zh,
                    "standard": item.standard.zh,
                    "expenditure": item.expenditure.zh,
                }

    @pytest.mark.skipif(not FACTS.exists(), reason="the fact sheet is not beside the repository")
    def test_fixture_prints_the_sheet_agency_names(self) -> None:
        """The fixture's 牵头负责单位 are the sheet's lead units as the 2021 text prints them."""
        facts = json.loads(FACTS.read_text(encoding="utf-8"))
        printed = facts["printed_agency_names"]["2021"]
        sheet = self.sheet_rows()
        expected = [
            "、".join(printed.get(n, n) for n in sheet[key]["lead_units"])
            for key in (
                "preferential-treatment-and-pensions",
                "veteran-resettlement",
                "veteran-employment-entrepreneurship",
            )
        ]
        text = (FIXTURES / "official-2021-high.txt").read_text(encoding="utf-8")
        assert expected == re.findall(r"^牵头负责单位：(.+)。$", text, flags=re.MULTILINE)

    def test_import_check_diff(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The folder passes check, rows are high with the document as source, diff lists the replacements."""
        path = FIXTURES / "official-2021-high.txt"
        out = tmp_path / "out"
        assert 0 == main(["import", str(path), "--base", "2021", "--output", str(out), "--format", "json"])
        report = json.loads(capsys.readouterr().out)
        assert 0 == main(["check", str(out)])
        imported = load(out)
        digest = read_document(path).sha256
        keys = {
            "preferential-treatment-and-pensions",
            "veteran-resettlement",
            "veteran-employment-entrepreneurship",
        }
        for key in keys:
            provenance = imported.item(key).provenance
            assert (Confidence.HIGH, Confidence.HIGH) == (provenance.name, provenance.fields)
            cite = f"official-2021-high.txt (sha256:{digest}), line "
            assert provenance.sources[-1].text.startswith(cite)
            assert ("2021",) == provenance.sources[-1].editions
            for name in _ROW:
                own = provenance.about(name)
                assert own is not None
                assert (Confidence.HIGH, True) == (own.confidence, own.sources[-1].startswith(cite))
        replaced = {(f["item"], f["field"]) for f in report["fields"] if f["status"] == "replaced"}
        changed = {
            (c.item, c.field.split(".")[0])
            for c in diff(load("2021"), imported).changes
            if c.item is not None and c.field is not None
        }
        assert replaced == changed
        shipped = load("2021")
        # Only the rows with a replaced field differ from the shipped ones (none, when they already agree).
        assert {item for item, _ in replaced} == {
            i.key for i in imported.service_items if rows(shipped)[i.key] != rows(imported)[i.key]
        }
