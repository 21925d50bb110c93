"""The shipped editions: finding and caching them, their totals, their keys, and that they check clean."""

from __future__ import annotations

import doctest
import importlib
import importlib.metadata
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import bpsstd
from bpsstd import Confidence, EditionNotFoundError, check, load
from bpsstd import editions as bpsstd_editions_function  # noqa: F401  # the lazy name resolves
from bpsstd.editions import editions_root
from bpsstd.model import LineTable, Origin

if TYPE_CHECKING:
    from collections.abc import Iterator

bpsstd_editions = importlib.import_module("bpsstd.editions")
bpsstd_serde = importlib.import_module("bpsstd.serde")
bpsstd_folder = importlib.import_module("bpsstd.folder")  # after serde, which imports it

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
        for records in (edition.service_items, edition.categories, edition.aspects, edition.agencies):
            keys = [r.key for r in records]
            assert sorted(set(keys)) == sorted(keys)

    def test_document_order(self, edition_id: str) -> None:
        """Categories are numbered 1..22 across the edition, and items come in walk order."""
        edition = load(edition_id)
        assert list(range(1, 23)) == [c.number for c in edition.categories]
        assert [item for _, _, _, item in edition.walk()] == list(edition.service_items)
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
        assert f"  - key: {edition.service_items[0].key}" == text[line - 1]

    def test_lookups(self, edition_id: str) -> None:
        """Every item is found by key, in the category that holds it, with its lead units in the registry."""
        edition = load(edition_id)
        registry = {a.key for a in edition.agencies}
        for item in edition.service_items:
            assert item is edition.item(item.key)
            assert item in edition.category_of(item.key).service_items
            assert set(item.lead_units) <= registry


class TestAcrossEditions:
    """Keys are stable across editions."""

    def test_keys_survive_the_revision(self) -> None:
        """Every 2021 item key is a 2023 item key; 2023 adds one item."""
        old = {i.key for i in load("2021").service_items}
        new = {i.key for i in load("2023").service_items}
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
            len(i.lead_units) for i in edition.service_items
        )
        high = edition.query(min_confidence=Confidence.HIGH)
        assert all({i.provenance.name, i.provenance.fields} == {Confidence.HIGH} for i in high)


@pytest.fixture
def compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache folder for compiled editions, and shipped editions copied where they can be edited."""
    root = tmp_path / "editions"
    shutil.copytree(editions_root() / "2021", root / "2021")
    cache = tmp_path / "cache"
    monkeypatch.setenv("BPSSTD_CACHE_DIR", str(cache))
    monkeypatch.setattr(bpsstd_editions, "editions_root", lambda: root)
    bpsstd_editions._load_shipped.cache_clear()
    yield cache
    bpsstd_editions._load_shipped.cache_clear()


def _fresh(edition_id: str = "2021") -> bpsstd.Edition:
    """Load a shipped edition as a new process would: nothing kept in memory."""
    bpsstd_editions._load_shipped.cache_clear()
    return load(edition_id)


class TestCompiledEditions:
    """Shipped editions are compiled once to JSON in the user's cache, never stale, never required."""

    def test_the_compiled_edition_is_the_yaml_edition(self, compiled: Path) -> None:
        """The first load writes the cache, the second reads it, and both equal the YAML read afresh."""
        first = _fresh()
        (file,) = compiled.glob("edition-2021-*.json")
        second = _fresh()
        assert bpsstd.load_folder(bpsstd_editions.editions_root() / "2021") == first == second
        stored = json.loads(file.read_text(encoding="utf-8"))
        assert bpsstd.unstructure(first) == stored["edition"]
        assert {"format", "fingerprint", "edition"} == set(stored)

    def test_an_edited_file_is_read_again(self, compiled: Path) -> None:
        """Editing any file of the edition changes the key: the next load reads the YAML, not the cache."""
        _fresh()
        aspect = bpsstd_editions.editions_root() / "2021" / "01-childcare.yaml"
        text = aspect.read_text(encoding="utf-8")
        aspect.write_text(text.replace("(support for the young)", "(edited)", 1), encoding="utf-8")
        assert "Childcare and early childhood (edited)" == _fresh().aspects[0].name.en
        assert 1 == len(list(compiled.glob("edition-2021-*.json")))

    def test_a_tampered_cache_file_is_ignored(self, compiled: Path) -> None:
        """A cache file not as written (garbled, or holding other data) is ignored: the YAML is read."""
        expected = _fresh()
        (file,) = compiled.glob("edition-2021-*.json")
        stored = json.loads(file.read_text(encoding="utf-8"))
        stored["edition"]["aspects"] = "garbled"
        file.write_text(json.dumps(stored), encoding="utf-8")
        assert expected == _fresh()
        file.write_text("{not json", encoding="utf-8")
        assert expected == _fresh()

    def test_an_unwritable_cache_is_no_error(self, compiled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A cache folder that cannot be made (a file is in the way) just means reading the YAML each time."""
        blocker = compiled.parent / "blocker"
        blocker.write_text("not a folder", encoding="utf-8")
        monkeypatch.setenv("BPSSTD_CACHE_DIR", str(blocker / "cache"))
        assert 80 == len(_fresh().service_items)

    def test_an_empty_setting_switches_the_cache_off(
        self, compiled: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """BPSSTD_CACHE_DIR set to nothing writes no cache."""
        monkeypatch.setenv("BPSSTD_CACHE_DIR", "")
        assert bpsstd_editions.cache_folder() is None
        _fresh()
        assert not compiled.exists()

    def test_the_default_cache_folder(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """Without the setting, compiled editions go to the user's cache folder (XDG on Linux)."""
        monkeypatch.delenv("BPSSTD_CACHE_DIR")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        monkeypatch.setattr(bpsstd_editions.sys, "platform", "linux")
        assert tmp_path / "bpsstd" == bpsstd_editions.cache_folder()

    @pytest.mark.usefixtures("compiled")
    def test_a_compiled_edition_locates_its_values(self) -> None:
        """A cached edition finds the line of a value in its folder, as a freshly read one does."""
        _fresh()
        edition = _fresh()
        assert edition.origin is not None
        assert not isinstance(edition.origin.locations, LineTable)  # read from the cache, located lazily
        path = "$.aspects[0].categories[0].items[0].key"
        folder = bpsstd_editions.editions_root() / "2021"
        expected = bpsstd.load_folder(folder).origin
        assert expected is not None
        assert expected.locate(path) == edition.origin.locate(path)
        assert str(folder / "01-childcare.yaml") == (edition.origin.locate(path) or ("", 0))[0]

    @pytest.mark.usefixtures("compiled")
    def test_a_compiled_edition_never_points_into_edited_files(self) -> None:
        """If the folder changed since the edition was compiled, its values are not located at all."""
        _fresh()
        edition = _fresh()
        assert edition.origin is not None
        aspect = bpsstd_editions.editions_root() / "2021" / "01-childcare.yaml"
        aspect.write_text("# a new first line\n" + aspect.read_text(encoding="utf-8"), encoding="utf-8")
        assert edition.origin.locate("$.aspects[0].key") is None


class TestLineTable:
    """Origin keeps the line of every value compactly, and finds each as a dict of paths would."""

    @pytest.mark.parametrize("edition_id", ["2021", "2023"])
    def test_every_path_is_found(self, edition_id: str) -> None:
        """A loaded edition's table gives every path's file and line as a dict of them would, nothing else."""
        located: dict[str, tuple[str, int]] = {}
        merge = bpsstd_folder._merge  # watched, to know every path the loader located

        def spy(into: Any, found: Any, prefix: tuple[str | int, ...], file: str) -> None:
            merge(into, found, prefix, file)
            merge(located, found, prefix, file)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(bpsstd_folder, "_merge", spy)
            origin = bpsstd.load_folder(editions_root() / edition_id).origin
        assert origin is not None
        table = origin.locations
        assert isinstance(table, LineTable)
        assert len(located) == len(table) > 1000
        assert all(where == table.get(path) for path, where in located.items())
        assert table.get("$.aspects[99]") is None

    def test_the_last_setting_wins(self) -> None:
        """Setting a path twice keeps the second place, as a dict would."""
        table = LineTable({"$.a": ("a.yaml", 1)})
        table["$.b"] = ("b.yaml", 2)
        table["$.a"] = ("c.yaml", 3)
        assert (("c.yaml", 3), ("b.yaml", 2), None, 2) == (
            table.get("$.a"),
            table.get("$.b"),
            table.get("$.c"),
            len(table),
        )

    def test_origin_compacts_a_mapping(self) -> None:
        """An Origin given a dict keeps a LineTable, which locates as the dict did."""
        origin = Origin(folder="f", locations={"$": ("e.yaml", 1), "$.a": ("a.yaml", 7)})
        assert isinstance(origin.locations, LineTable)
        assert ("a.yaml", 7) == origin.locate("$.a.b[2]")


class TestPayOnlyForUse:
    """Importing the package and asking for help import no more than they need."""

    @pytest.mark.parametrize(
        "code",
        [
            "import bpsstd",
            "import bpsstd; bpsstd.__version__",
            "from bpsstd.cli import main; main(['--help'])",
            "from bpsstd.cli import main; main(['--version'])",
        ],
    )
    def test_nothing_heavy_is_imported(self, code: str) -> None:
        """deepdiff, cattrs, the converter and importlib.metadata stay unimported."""
        heavy = ("deepdiff", "cattrs", "bpsstd.serde", "bpsstd.diff", "importlib.metadata", "yaml")
        probe = f"import sys\ntry:\n    {code}\nexcept SystemExit:\n    pass\n"
        probe += f"print('imported:' + ','.join(m for m in {heavy!r} if m in sys.modules))"
        command = [sys.executable, "-c", probe]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
        assert "imported:" == out.strip().rsplit("\n", 1)[-1]

    @pytest.mark.parametrize("cache", ["on", "off"])
    def test_list_structures_nothing(self, cache: str, tmp_path: Path) -> None:
        """The list command reads the editions' own facts: no converter or diff engine, cached or not."""
        heavy: tuple[str, ...] = ("deepdiff", "cattrs", "bpsstd.serde", "bpsstd.diff", "bpsstd.folder")
        heavy += ("bpsstd._yaml",) if cache == "on" else ()  # a compiled edition's facts need no YAML
        folder = str(tmp_path) if cache == "on" else ""
        probe = (
            "import os, sys\n"
            f"os.environ['BPSSTD_CACHE_DIR'] = {folder!r}\n"
            "import bpsstd\n"
            "if os.environ['BPSSTD_CACHE_DIR']:\n"
            "    bpsstd.load('2021'), bpsstd.load('2023')  # compiled into the cache\n"
            "    for name in [m for m in sys.modules if m.startswith(('bpsstd', 'deepdiff', 'cattrs'))]:\n"
            "        del sys.modules[name]\n"
            "from bpsstd.cli import main\n"
            "main(['list'])\n"
            f"print('imported:' + ','.join(m for m in {heavy!r} if m in sys.modules))"
        )
        command = [sys.executable, "-c", probe]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
        assert "imported:" == out.strip().rsplit("\n", 1)[-1]
        assert "2021  国家基本公共服务标准（2021年版）  2021-04-20  9 aspects / 22 categories / 80 items" in (
            out
        )

    @pytest.mark.parametrize(
        ("argv", "unused"),
        [
            (
                ["diff", "2021", "2023"],
                # the YAML reader (both editions come compiled), the regional side, the other renderers
                (
                    *("yaml", "bpsstd.folder", "bpsstd._yaml", "bpsstd.regional", "bpsstd.conformance"),
                    *("bpsstd.render._catalogue", "bpsstd.render._table", "bpsstd.render._office"),
                ),
            ),
            (["check", "2021"], ("deepdiff", "bpsstd.diff", "bpsstd.regional", "bpsstd.conformance")),
        ],
    )
    def test_a_command_imports_what_it_uses(
        self, tmp_path: Path, argv: list[str], unused: tuple[str, ...]
    ) -> None:
        """With the editions compiled, a national diff or check imports none of what it does not use."""
        probe = (
            "import os, sys\n"
            f"os.environ['BPSSTD_CACHE_DIR'] = {str(tmp_path)!r}\n"
            "import bpsstd\n"
            "bpsstd.load('2021'), bpsstd.load('2023')  # compiled into the cache\n"
            "for name in [m for m in sys.modules if m.startswith(('bpsstd', 'deepdiff', 'cattrs'))]:\n"
            "    del sys.modules[name]\n"
            "sys.modules.pop('yaml', None)\n"
            "from bpsstd.cli import main\n"
            f"code = main({argv!r})\n"
            f"print('imported:' + ','.join(m for m in {unused!r} if m in sys.modules), code)"
        )
        command = [sys.executable, "-c", probe]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
        assert "imported: 0" == out.strip().rsplit("\n", 1)[-1]

    def test_the_version_is_the_installed_one(self) -> None:
        """The literal __version__ is the version the installed distribution reports."""
        assert importlib.metadata.version("bpsstd") == bpsstd.__version__

    def test_public_names_are_the_library_s(self) -> None:
        """Every name in __all__ resolves, and bpsstd.diff stays the function after its module is imported."""
        import bpsstd.diff as by_import  # noqa: PLC0415  # the case under test

        assert callable(bpsstd.diff)
        assert by_import is bpsstd.diff  # type: ignore[comparison-overlap]  # mypy sees the module
        assert bpsstd.editions() == ("2021", "2023")
        assert all(getattr(bpsstd, name) is not None for name in bpsstd.__all__)
        with pytest.raises(AttributeError, match="no attribute 'nothing'"):
            _ = bpsstd.nothing
