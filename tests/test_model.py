"""The frozen records: validators of single fields, conversions, look-ups and queries."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bpsstd
from bpsstd import load_folder
from bpsstd.model import (
    Agency,
    Category,
    Confidence,
    Departments,
    Edition,
    Expenditure,
    ExpenditureClass,
    FactRating,
    FieldProvenance,
    Lang,
    Origin,
    Provenance,
    Quantity,
    Range,
    Ratio,
    ServiceItem,
    Text,
    Totals,
    format_value,
)

from strategies import editions

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def minimal(minimal_dir: Path) -> Edition:
    """The minimal fixture edition."""
    return load_folder(minimal_dir)


def _text(zh: str = "文", en: str = "text") -> Text:
    return Text(zh=zh, en=en)


def _item(**changes: Any) -> ServiceItem:
    fields: dict[str, Any] = {
        "key": "an-item",
        "number": 1,
        "name": _text(),
        "target": _text(),
        "content": _text(),
        "standard": _text(),
        "expenditure": Expenditure(kind=ExpenditureClass.LOCAL, zh="地方", en="local"),
        "lead_units": ["moe"],
        "provenance": Provenance(name=Confidence.LOW, fields=Confidence.LOW),
    }
    return ServiceItem(**{**fields, **changes})


def _resolve(edition: Edition, path: str) -> object:
    """Follow a data path such as ``$.aspects[1].categories[0]`` through the records' attributes.

    Paths name keys as the files write them: a category's ``items`` are its ``service_items``.
    """
    node: object = edition
    for name, index in re.findall(r"\.(\w+)|\[(\d+)\]", path.removeprefix("$")):
        attribute = "service_items" if name == "items" and isinstance(node, Category) else name
        node = getattr(node, attribute) if name else node[int(index)]  # type: ignore[index]
    return node


class TestRecords:
    """Records are immutable values whose collections are tuples."""

    def test_records_are_frozen(self) -> None:
        """Assigning to a field raises instead of mutating the record."""
        text = _text()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            text.zh = "改"  # type: ignore[misc]

    def test_lists_become_tuples(self) -> None:
        """Lists given for collections, and for a quantity's value, are frozen into tuples."""
        item = _item(
            lead_units=["moe", "mof"],
            quantities=[Quantity(key="tiers", what="tiers", value=[80, 60], unit="%")],
        )
        assert ("moe", "mof") == item.lead_units
        assert (80, 60) == item.quantities[0].value
        assert isinstance(item.quantities, tuple)

    def test_equal_fields_make_equal_records(self) -> None:
        """Records compare by value, so two separately built items are equal."""
        assert _item() == _item()
        assert _item() != _item(number=2)

    def test_the_origin_is_not_part_of_an_editions_value(self, minimal: Edition) -> None:
        """Two editions that differ only by where they were loaded from are equal."""
        assert minimal.origin is not None
        assert minimal == attrs.evolve(minimal, origin=Origin(folder="elsewhere", locations={}))
        assert minimal == attrs.evolve(minimal, origin=None)


class TestValidators:
    """Rules about one field are enforced when a record is built."""

    @pytest.mark.parametrize(
        "key", ["Upper", "snake_case", "-leading", "trailing-", "double--hyphen", "", "汉字"]
    )
    def test_keys_are_kebab_case(self, key: str) -> None:
        """A key that is not lower-case ASCII words joined by single hyphens is refused."""
        with pytest.raises(ValueError, match="must match regex"):
            Agency(key=key, name=_text())

    @pytest.mark.parametrize("key", ["a", "ndrc", "rural-student-nutrition", "2021-x1"])
    def test_kebab_case_keys_are_accepted(self, key: str) -> None:
        """Kebab-case keys, digits included, are accepted."""
        assert key == Agency(key=key, name=_text()).key

    @pytest.mark.parametrize(
        ("build", "error"),
        [
            pytest.param(lambda: _item(number=0), ValueError, id="item-number-zero"),
            pytest.param(lambda: _item(number="1"), TypeError, id="item-number-string"),
            pytest.param(lambda: Ratio(numerator=1, denominator=0), ValueError, id="ratio-denominator-zero"),
            pytest.param(
                lambda: Ratio(numerator=0.5, denominator=2),  # type: ignore[arg-type]
                TypeError,
                id="ratio-float",
            ),
            pytest.param(
                lambda: Range(min="1", max=2),  # type: ignore[arg-type]
                TypeError,
                id="range-string",
            ),
            pytest.param(
                lambda: Text(zh=1, en=""),  # type: ignore[arg-type]
                TypeError,
                id="text-not-a-string",
            ),
            pytest.param(lambda: Totals(aspects=-1, categories=0, items=0), ValueError, id="negative-total"),
            pytest.param(lambda: Departments(count=0), ValueError, id="no-departments"),
            pytest.param(
                lambda: FactRating(fact="doc-number", level=Confidence.HIGH), ValueError, id="fact-name"
            ),
            pytest.param(
                lambda: Provenance(name="high", fields=Confidence.LOW),  # type: ignore[arg-type]
                TypeError,
                id="confidence-string",
            ),
            pytest.param(
                lambda: Expenditure(kind="local", zh="地方", en="local"),  # type: ignore[arg-type]
                TypeError,
                id="expenditure-class-string",
            ),
        ],
    )
    def test_invalid_fields_are_refused(self, build: Any, error: type[Exception]) -> None:
        """Building a record with an invalid field raises the matching builtin error."""
        with pytest.raises(error):
            build()

    @pytest.mark.parametrize("value", [True, (), (1, True), ("1",), "4", None, [1, "2"]])
    def test_quantity_values_are_numbers_ranges_ratios_or_lists_of_numbers(self, value: object) -> None:
        """Booleans, strings, None and empty or mixed lists are not quantity values."""
        with pytest.raises(TypeError, match="a quantity's value must be"):
            Quantity(key="q", what="q", value=value, unit="u")  # type: ignore[arg-type]

    @pytest.mark.parametrize("edition_id", ["", " 2021", "-x", "2021/1"])
    def test_edition_ids(self, edition_id: str, minimal: Edition) -> None:
        """An edition id starts with a letter or digit and holds no spaces or slashes."""
        with pytest.raises(ValueError, match="must match regex"):
            attrs.evolve(minimal, id=edition_id)


class TestFormatValue:
    """Values are written as the standard writes them."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (4, "4"),
            (0.4, "0.4"),
            (4.0, "4"),
            (-3, "-3"),
            (Range(min=16, max=24), "16-24"),
            (Range(min=0.5, max=1.5), "0.5-1.5"),
            (Ratio(numerator=1, denominator=3), "1/3"),
            ((80, 60, 50), "80/60/50"),
            ((2.5,), "2.5"),
        ],
    )
    def test_examples(self, value: Any, expected: str) -> None:
        """Numbers, ranges, ratios and tiers render as in the standard's text."""
        assert expected == format_value(value)

    @given(st.lists(st.integers(), min_size=1))
    def test_integer_tiers_are_slash_separated(self, tiers: list[int]) -> None:
        """A tuple of integers renders as its members joined by slashes."""
        assert "/".join(str(t) for t in tiers) == format_value(tuple(tiers))


class TestSmallRecords:
    """Helpers of Text, Expenditure, Confidence, Provenance, Quantity and EditionProvenance."""

    def test_text_in_either_language(self) -> None:
        """Text.get gives the text in a Lang (or its value), and refuses a language it does not hold."""
        text = _text("中文", "English")
        assert ("中文", "English", "中文") == (text.get("zh"), text.get("en"), text.get(Lang.ZH))
        with pytest.raises(ValueError, match="'fr' is not a valid Lang"):
            text.get("fr")

    def test_expenditure_text(self) -> None:
        """An expenditure's words are available as a Text."""
        assert _text("地方", "local") == Expenditure(kind=ExpenditureClass.LOCAL, zh="地方", en="local").text

    def test_verified_confidences(self) -> None:
        """High and medium confidences are verified; low and unknown are not."""
        assert [True, True, False, False] == [c.verified for c in Confidence]

    @pytest.mark.parametrize(
        ("notes", "expected"),
        [("reconstructed: completes the category", True), ("not reconstructed:", False), ("", False)],
    )
    def test_reconstructed_items_say_so_first(self, notes: str, expected: bool) -> None:  # noqa: FBT001
        """An item is reconstructed when its notes start with 'reconstructed:'."""
        assert expected == Provenance(name=Confidence.LOW, fields=Confidence.LOW, notes=notes).reconstructed

    @pytest.mark.parametrize(
        ("name", "fields", "inherited_from", "expected"),
        [
            (Confidence.HIGH, Confidence.MEDIUM, None, True),
            (Confidence.HIGH, Confidence.LOW, None, False),
            (Confidence.LOW, Confidence.HIGH, None, False),
            (Confidence.HIGH, Confidence.HIGH, "2021", False),
        ],
    )
    def test_verified_provenance(
        self,
        name: Confidence,
        fields: Confidence,
        inherited_from: str | None,
        expected: bool,  # noqa: FBT001
    ) -> None:
        """A provenance is verified when name and row are verified and the row is not inherited."""
        provenance = Provenance(name=name, fields=fields, sources=["s"], inherited_from=inherited_from)
        assert expected == provenance.verified

    def test_item_quantity_by_key(self, minimal: Edition) -> None:
        """An item's quantity is found by key; an unknown key raises KeyError."""
        item = minimal.item("rural-student-nutrition")
        assert Range(min=6, max=15) == item.quantity("ages").value
        with pytest.raises(KeyError):
            item.quantity("nope")

    def test_edition_fact_levels_and_notes(self, minimal: Edition) -> None:
        """Edition facts' ratings and notes are looked up by fact name, None when absent."""
        provenance = minimal.provenance
        assert (Confidence.UNKNOWN, Confidence.MEDIUM, None) == (
            provenance.level("issued"),
            provenance.level("doc_number"),
            provenance.level("addressed_to"),
        )
        assert ("未见印发日期", None) == (provenance.note("issued"), provenance.note("title"))


class TestLookups:
    """An edition's items and categories in document order, and look-ups by key."""

    def test_document_order(self, minimal: Edition) -> None:
        """Categories and items come in document order, across aspects."""
        assert ["pregnancy-birth", "preschool", "compulsory"] == [c.key for c in minimal.categories]
        expected = [
            "preconception-checkup",
            "maternal-health",
            "preschool-aid",
            "rural-student-nutrition",
            "school-bus",
        ]
        assert expected == [i.key for i in minimal.service_items]

    def test_totals_count_the_records(self, minimal: Edition) -> None:
        """The actual totals count aspects, categories and items."""
        assert Totals(aspects=2, categories=3, items=5) == minimal.totals

    def test_lookups_by_key(self, minimal: Edition) -> None:
        """Items, agencies and an item's category are found by key."""
        assert "学前教育幼儿资助" == minimal.item("preschool-aid").name.zh
        assert "教育部" == minimal.agency("moe").name.zh
        assert "compulsory" == minimal.category_of("school-bus").key

    @pytest.mark.parametrize("method", ["item", "agency", "category_of"])
    def test_unknown_keys_raise_key_error(self, minimal: Edition, method: str) -> None:
        """Looking up a key that is not there raises KeyError naming it."""
        with pytest.raises(KeyError, match="no-such-key"):
            getattr(minimal, method)("no-such-key")

    @given(editions())
    def test_walk_yields_every_item_with_its_path(self, edition: Edition) -> None:
        """walk() yields every item in document order, with a data path that leads to it."""
        walked = list(edition.walk())
        assert list(edition.service_items) == [item for _, _, _, item in walked]
        for path, aspect, category, item in walked:
            assert item is _resolve(edition, path)
            assert category is _resolve(edition, path.rsplit(".items", 1)[0])
            assert aspect is _resolve(edition, path.split(".categories", 1)[0])

    @given(editions())
    def test_every_item_is_found_by_its_key(self, edition: Edition) -> None:
        """Every item is found by its own key, inside the category that holds it."""
        for item in edition.service_items:
            assert item is edition.item(item.key)
            assert item in edition.category_of(item.key).service_items


class TestOrigin:
    """Where a loaded edition's data paths stand in its files."""

    def test_nearest_located_ancestor(self) -> None:
        """A path without a location of its own takes its nearest located ancestor's."""
        origin = Origin(
            folder="f",
            locations={"$": ("e.yaml", 1), "$.aspects[0]": ("a.yaml", 2), "$.aspects[0].key": ("a.yaml", 3)},
        )
        assert ("a.yaml", 3) == origin.locate("$.aspects[0].key")
        assert ("a.yaml", 2) == origin.locate("$.aspects[0].categories[4].items[1].name.zh")
        assert ("e.yaml", 1) == origin.locate("$.declared.items")

    def test_nothing_located(self) -> None:
        """Without any location, locate returns None."""
        assert Origin(folder="f", locations={}).locate("$.aspects[0]") is None


class TestQuery:
    """Edition.query filters items by text, agency, expenditure class and confidence."""

    @pytest.mark.parametrize(
        ("criteria", "expected"),
        [
            (
                {},
                [
                    "preconception-checkup",
                    "maternal-health",
                    "preschool-aid",
                    "rural-student-nutrition",
                    "school-bus",
                ],
            ),
            ({"text": "农村"}, ["preconception-checkup", "rural-student-nutrition", "school-bus"]),
            ({"text": "RURAL"}, ["preconception-checkup", "rural-student-nutrition", "school-bus"]),
            ({"text": "每生每天"}, ["rural-student-nutrition"]),
            ({"text": "nothing like this"}, []),
            ({"agency": "mof"}, ["maternal-health", "preschool-aid"]),
            ({"agency": "ndrc"}, []),
            ({"expenditure": ExpenditureClass.LOCAL}, ["preschool-aid", "school-bus"]),
            ({"min_confidence": Confidence.HIGH}, ["preconception-checkup", "rural-student-nutrition"]),
            (
                {"min_confidence": Confidence.MEDIUM},
                ["preconception-checkup", "maternal-health", "rural-student-nutrition"],
            ),
            ({"agency": "moe", "expenditure": ExpenditureClass.LOCAL, "text": "校车"}, ["school-bus"]),
        ],
    )
    def test_examples(self, minimal: Edition, criteria: dict[str, Any], expected: list[str]) -> None:
        """Each criterion narrows the items; every given criterion must hold; order is document order."""
        assert expected == [i.key for i in minimal.query(**criteria)]

    @given(editions(min_items=1), st.data())
    def test_agency_filter(self, edition: Edition, data: st.DataObject) -> None:
        """An agency query returns exactly the items that the agency leads, in document order."""
        agency = data.draw(st.sampled_from([a.key for a in edition.agencies]))
        assert [i for i in edition.service_items if agency in i.lead_units] == list(
            edition.query(agency=agency)
        )

    @given(editions(min_items=1), st.data())
    def test_an_items_own_name_finds_it(self, edition: Edition, data: st.DataObject) -> None:
        """Querying the Chinese name of an item returns that item among the results."""
        item = data.draw(st.sampled_from(edition.service_items))
        assert item in edition.query(text=item.name.zh)


class TestPythonApi:
    """What a developer expects of an edition: cattrs' default converter, a mapping-like API, a table."""

    def test_cattrs_default_converter_unstructures_an_edition(self) -> None:
        """The global converter of cattrs resolves every annotation of the records (none hidden)."""
        data = cattrs.unstructure(bpsstd.load("2021"))
        assert "2021" == data["id"]
        # cattrs' own converter names attributes; the library's (bpsstd.unstructure) writes them as on disk.
        first = data["aspects"][0]["categories"][0]["service_items"][0]["key"]
        assert bpsstd.load("2021").service_items[0].key == first
        assert (
            first == bpsstd.unstructure(bpsstd.load("2021"))["aspects"][0]["categories"][0]["items"][0]["key"]
        )

    def test_len_contains_getitem(self) -> None:
        """len() counts items; ``in`` and ``[]`` look items up by key; a missing key is a KeyError."""
        edition = bpsstd.load("2023")
        assert 81 == len(edition)
        assert "rural-student-nutrition" in edition
        assert "no-such-item" not in edition
        assert edition.item("rural-student-nutrition") == edition["rural-student-nutrition"]
        assert [i.key for i in edition.service_items] == [i.key for i in edition]
        with pytest.raises(KeyError):
            edition["no-such-item"]

    @pytest.mark.parametrize("record", ["edition", "category"])
    def test_no_attribute_is_named_like_a_mapping_method(self, record: str) -> None:
        """An edition reads like a mapping of its items: ``edition.items`` would read like dict.items().

        Its service items (and a category's) are ``service_items``; no attribute of either takes the
        name of a Mapping's or a dict's method without being one.
        """
        edition = bpsstd.load("2023")
        target = edition if record == "edition" else edition.categories[0]
        names = {n for n in (*dir(Mapping), *dir(dict)) if not n.startswith("_")}
        assert {"items", "keys", "values", "get"} <= names
        assert set() == {n for n in names if hasattr(target, n)}
        assert edition.service_items == tuple(i for c in edition.categories for i in c.service_items)

    def test_table_has_one_flat_row_per_item(self) -> None:
        """table() gives one frozen row per item in document order; table_dicts() the same as plain dicts."""
        edition = bpsstd.load("2023")
        rows = edition.table()
        assert [i.key for i in edition.service_items] == [r.key for r in rows]
        nutrition = next(r for r in rows if r.key == "rural-student-nutrition")
        assert ("2023", 2, 5, "农村义务教育学生营养膳食补助") == (
            nutrition.edition,
            nutrition.aspect_number,
            nutrition.category_number,
            nutrition.name_zh,
        )
        dicts = edition.table_dicts()
        assert len(rows) == len(dicts)
        assert all(v is None or isinstance(v, (str, int)) for d in dicts for v in d.values())
        unknown = next(d for d in dicts if d["key"] == "maternal-health")
        assert (None, None) == (unknown["standard_zh"], unknown["expenditure_class"])

    def test_field_level_confidence_overrides_the_rows(self) -> None:
        """A field rated on its own (a source naming a document) keeps its rating; others take the row's."""
        prov = Provenance(
            name=Confidence.HIGH,
            fields=Confidence.LOW,
            field_notes=[FieldProvenance(field_name="standard", confidence=Confidence.HIGH, sources=["doc"])],
        )
        assert (Confidence.HIGH, Confidence.LOW) == (prov.level("standard"), prov.level("target"))

    def test_agency_label_prefers_the_printed_name(self) -> None:
        """An agency shows its printed short name where known, else its canonical name."""
        name = Text(zh="退役军人事务部", en="Ministry of Veterans Affairs")
        assert "退役军人部" == Agency(key="mva", name=name, printed="退役军人部").label
        assert "退役军人事务部" == Agency(key="mva", name=name).label

    def test_unknown_wording_is_none(self) -> None:
        """Unknown wording is None, distinct from empty text, and get() says so."""
        text = Text(zh=None, en=None)
        assert (False, None) == (text.known, text.get("zh"))
        assert Text(zh="", en="").known
