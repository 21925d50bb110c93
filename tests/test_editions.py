"""The shipped editions: finding and caching them, their totals, their keys, and that they check clean."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import bpsstd
from bpsstd import Confidence, EditionNotFoundError, check, load
from bpsstd.editions import editions_root

SHIPPED = {
    "2021": bpsstd.Totals(aspects=9, categories=22, items=80),
    "2023": bpsstd.Totals(aspects=9, categories=22, items=81),
}


class TestFinding:
    """Which editions ship, and loading one by id or by folder."""

    def test_the_shipped_editions(self) -> None:
        """The 2021 and 2023 editions ship, oldest first."""
        assert ("2021", "2023") == bpsstd.editions()

    def test_shipped_editions_are_cached(self) -> None:
        """Loading a shipped edition twice returns the very same object."""
        assert load("2021") is load("2021")

    def test_folders_are_read_afresh(self) -> None:
        """A folder given by path is read afresh each time (it may be changing); it equals the shipped one."""
        folder = editions_root() / "2021"
        first, second = load(folder), load(str(folder))
        assert first is not second
        assert load("2021") == first == second

    @pytest.mark.parametrize("wanted", ["2019", "editions/2019", "2021/", "", " "])
    def test_an_unknown_edition(self, wanted: str) -> None:
        """Neither a shipped id nor a folder: EditionNotFoundError (a LookupError) names it and the ids."""
        with pytest.raises(LookupError) as info:
            load(wanted)
        assert isinstance(info.value, EditionNotFoundError)
        assert (wanted, ("2021", "2023")) == (info.value.wanted, info.value.choices)
        choices = "shipped editions are 2021, 2023, and no edition folder exists at that path"
        expected = f"no edition {wanted!r}: {choices}"
        assert expected == str(info.value)

    def test_a_file_is_not_an_edition(self, tmp_path: Path) -> None:
        """A path to a file, not a folder, is not an edition."""
        file = tmp_path / "edition.yaml"
        file.write_text("id: x\n", encoding="utf-8")
        with pytest.raises(EditionNotFoundError):
            load(file)

    def test_a_folder_named_like_an_id_is_still_a_folder(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, minimal_dir: Path
    ) -> None:
        """Only a str is looked up among the shipped ids; a Path always names a folder."""
        (tmp_path / "2021").symlink_to(minimal_dir)
        monkeypatch.chdir(tmp_path)
        assert "mini" == load(Path("2021")).id
        assert "2021" == load("2021").id

    def test_the_package_docstring_example_runs(self) -> None:
        """The examples in bpsstd's docstring give what they show."""
        results = doctest.testmod(bpsstd)
        assert 0 == results.failed
        assert results.attempted >= 3


@pytest.mark.parametrize("edition_id", SHIPPED)
class TestShipped:
    """Each shipped edition is complete and keeps every invariant."""

    def test_declared_and_counted_totals(self, edition_id: str) -> None:
        """The declared totals are the standard's, and the data has that many records."""
        edition = load(edition_id)
        assert (SHIPPED[edition_id], SHIPPED[edition_id]) == (edition.declared, edition.totals)

    def test_checks_clean(self, edition_id: str) -> None:
        """check() finds no error; the one warning is the fact sheet's: its English omits 第三版."""
        report = check(load(edition_id))
        assert report.ok
        expected = {
            "2021": ("$.aspects[0].categories[1].items[0].standard", "zh only: 3"),
            "2023": ("$.aspects[0].categories[1].items[0].standard", "zh only: 3"),
        }[edition_id]
        assert [("number-mismatch", *expected)] == [
            (p.code, p.path, p.message.split("(")[-1].rstrip(")")) for p in report.problems
        ]

    def test_keys_are_unique(self, edition_id: str) -> None:
        """Item, category, aspect and agency keys are unique within the edition."""
        edition = load(edition_id)
        for records in (edition.items, edition.categories, edition.aspects, edition.agencies):
            keys = [r.key for r in records]
            assert sorted(set(keys)) == sorted(keys)

    def test_document_order(self, edition_id: str) -> None:
        """Categories are numbered 1..22 across the edition, and items come in walk order."""
        edition = load(edition_id)
        assert list(range(1, 23)) == [c.number for c in edition.categories]
        assert [item for _, _, _, item in edition.walk()] == list(edition.items)
        assert SHIPPED[edition_id].items == len({path for path, _, _, _ in edition.walk()})

    def test_reading_writes_nothing(self, edition_id: str) -> None:
        """Loading a shipped folder afresh and checking it leave its files byte for byte as they were."""
        folder = editions_root() / edition_id
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        check(load(folder))
        assert before == {p.name: p.read_bytes() for p in folder.iterdir()}

    def test_located_in_its_files(self, edition_id: str) -> None:
        """A shipped edition knows the folder, file and line of its values."""
        edition = load(edition_id)
        assert edition.origin is not None
        folder = editions_root() / edition_id
        assert str(folder) == edition.origin.folder
        text = (folder / "01-childcare.yaml").read_text(encoding="utf-8").splitlines()
        file, line = edition.origin.locate("$.aspects[0].categories[0].items[0].key") or ("", 0)
        assert str(folder / "01-childcare.yaml") == file
        assert f"  - key: {edition.items[0].key}" == text[line - 1]

    def test_lookups(self, edition_id: str) -> None:
        """Every item is found by key, in the category that holds it, with its lead units in the registry."""
        edition = load(edition_id)
        registry = {a.key for a in edition.agencies}
        for item in edition.items:
            assert item is edition.item(item.key)
            assert item in edition.category_of(item.key).items
            assert set(item.lead_units) <= registry


class TestAcrossEditions:
    """Keys are stable across editions."""

    def test_keys_survive_the_revision(self) -> None:
        """Every 2021 item key is a 2023 item key; 2023 adds one item."""
        old = {i.key for i in load("2021").items}
        new = {i.key for i in load("2023").items}
        assert old <= new
        assert 1 == len(new - old)

    def test_the_readme_example(self) -> None:
        """The README's example item reads as the README says."""
        item = load("2021").item("rural-student-nutrition")
        assert "每生每天4元（全年按在校200天计）" == item.standard.zh
        assert Confidence.MEDIUM is item.provenance.fields
        assert item in load("2021").query(text="营养")

    @pytest.mark.parametrize("edition_id", SHIPPED)
    def test_query_by_agency_and_confidence(self, edition_id: str) -> None:
        """Queries on real data return only matching items, and together partition by lead unit."""
        edition = load(edition_id)
        for agency in edition.agencies:
            found = edition.query(agency=agency.key)
            assert all(agency.key in i.lead_units for i in found)
        assert sum(len(edition.query(agency=a.key)) for a in edition.agencies) == sum(
            len(i.lead_units) for i in edition.items
        )
        high = edition.query(min_confidence=Confidence.HIGH)
        assert all({i.provenance.name, i.provenance.fields} == {Confidence.HIGH} for i in high)
