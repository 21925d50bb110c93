"""The shipped editions are exactly what the team's fact sheet says, built by tools/import_reference.py.

The fact sheet lives outside the repository (``../shared/reference/editions.json``); where it is absent,
these tests skip and say so.
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
REFERENCE = ROOT.parent / "shared" / "reference" / "editions.json"

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
    return data


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
    assert set(expected) == {i.key for i in shipped.items}
    for item in shipped.items:
        name, confidence = expected[item.key]
        assert name == item.name.zh
        assert order.index(item.provenance.name.value) <= order.index(confidence["name"])
        assert order.index(item.provenance.fields.value) <= order.index(confidence[f"fields_{edition}"])
