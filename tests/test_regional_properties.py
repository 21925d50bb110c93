"""Laws of regional standards over generated records: the folder and the converter round-trip."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given

from bpsstd.regional import (
    RegionalStandard,
    dump_regional_folder,
    load_regional_folder,
    unstructure_regional,
)
from bpsstd.regional_diff import diff_regional
from bpsstd.serde import make_converter

from strategies import regional_standards

_CONVERTER = make_converter()


class TestRoundTrip:
    """What is written is what is read."""

    @given(regional_standards())
    def test_folder_round_trip(self, standard: RegionalStandard) -> None:
        """Dumping a regional standard to a folder and loading it back gives the same standard."""
        with tempfile.TemporaryDirectory() as folder:
            loaded = load_regional_folder(dump_regional_folder(standard, Path(folder) / "s"))
        assert standard == loaded

    @given(regional_standards())
    def test_converter_round_trip(self, standard: RegionalStandard) -> None:
        """Structuring the unstructured form gives the same standard."""
        assert standard == _CONVERTER.structure(unstructure_regional(standard), RegionalStandard)

    @given(regional_standards())
    def test_diff_with_itself_is_empty(self, standard: RegionalStandard) -> None:
        """A regional standard diffed with itself through the adapter has no change."""
        assert () == tuple(diff_regional(standard, standard).changes)
