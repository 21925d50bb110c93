"""The shipped editions are what the team's fact sheet (version 2) says, built by tools/import_reference.py.

The fact sheet lives outside the repository (``../shared/reference/facts.json``); where it is absent,
these tests skip and say so. The edition folders are the source of truth; these tests keep them honest
to the sheet they were imported from.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import bpsstd

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "facts.json"

pytestmark = pytest.mark.skipif(not REFERENCE.is_file(), reason=f"no fact sheet at {REFERENCE}")


@pytest.fixture(scope="module")
def importer() -> ModuleType:
    """The import script, loaded as a module."""
    spec = importlib.util.spec_from_file_location("import_reference", ROOT / "tools" / "import_reference.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    """The fact sheet."""
    data: dict[str, Any] = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert 2 == data["schema_version"]
    return data


def _rows(reference: dict[str, Any], edition: str) -> dict[str, dict[str, Any]]:
    """Each item's row in *edition*, keyed by item key (a null 2023 row repeats the 2021 one)."""
    rows = {}
    for aspect in reference["aspects"]:
        for category in aspect["categories"]:
            for item in category["items"]:
                if item[f"number_{edition}"] is not None:
                    rows[item["key"]] = item[f"fields_{edition}"] or item["fields_2021"]
    return rows


@pytest.mark.parametrize("edition", ["2021", "2023"])
def test_the_data_is_what_the_fact_sheet_builds(
    importer: ModuleType, reference: dict[str, Any], edition: str
) -> None:
    """Rebuilding an edition from the fact sheet gives the shipped edition, field for field."""
    assert importer.build_edition(reference, edition) == bpsstd.load(edition)


@pytest.mark.parametrize("edition", ["2021", "2023"])
def test_official_names_and_confidence_are_the_fact_sheets(reference: dict[str, Any], edition: str) -> None:
    """Every item's Chinese name is the official one, and no item claims more confidence than the sheet."""
    order = ["low", "medium", "high"]
    shipped = bpsstd.load(edition)
    expected = {}
    for aspect in reference["aspects"]:
        for category in aspect["categories"]:
            for item in category["items"]:
                if item[f"number_{edition}"] is not None:
                    name = (edition == "2023" and item["name_zh_2023"]) or item["name_zh"]
                    expected[item["key"]] = (name, item["confidence"])
    assert set(expected) == {i.key for i in shipped.service_items}
    for item in shipped.service_items:
        name, confidence = expected[item.key]
        assert name == item.name.zh
        assert order.index(item.provenance.name.value) <= order.index(confidence["name"])
        assert order.index(item.provenance.fields.value) <= order.index(confidence[f"fields_{edition}"])


@pytest.mark.parametrize("edition", ["2021", "2023"])
def test_wording_and_notes_are_apart(reference: dict[str, Any], edition: str) -> None:
    """Every field's wording is the sheet's zh/en (null stays None) and its note is the sheet's note."""
    rows = _rows(reference, edition)
    for item in bpsstd.load(edition).service_items:
        row = rows[item.key]
        for name in ("target", "content", "standard", "expenditure"):
            text = item.expenditure.text if name == "expenditure" else getattr(item, name)
            assert (row[name]["zh"], row[name]["en"]) == (text.zh, text.en)
            record = item.provenance.about(name)
            note = (
                None
                if record is None or record.note is None
                else {"zh": record.note.zh, "en": record.note.en}
            )
            assert row[name]["note"] == note


def test_unknown_wording_is_none_and_its_class_too() -> None:
    """The two items NDRC names as reworded in 2023 have unknown 2023 wording: None, not '' or 未知."""
    edition = bpsstd.load("2023")
    for key in ("maternal-health", "maternity-insurance"):
        item = edition[key]
        assert (None, None, None) == (item.content.zh, item.standard.zh, item.expenditure.zh)
        assert item.expenditure.kind is None


def test_printed_agency_names(reference: dict[str, Any]) -> None:
    """The registry shows the short names the official text prints, where seen, and only those."""
    for edition in ("2021", "2023"):
        printed = reference["printed_agency_names"][edition]
        shipped = {a.name.zh: a.printed for a in bpsstd.load(edition).agencies}
        assert printed == {name: short for name, short in shipped.items() if short is not None}
    assert "退役军人部" == bpsstd.load("2021").agency("mva").label
