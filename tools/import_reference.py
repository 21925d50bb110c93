"""Build ``editions/2021`` and ``editions/2023`` from the team's fact sheet (``../shared/reference``).

Run from the project root: ``python tools/import_reference.py [FACTS_JSON]``. The fact sheet (version 2,
``facts.json``) is the only source; this script adds no fact. Since the v2 import the edition folders are
the project's source of truth: this script documents how they were made and rebuilds them for review.

Text fields of the sheet are ``{zh, en, note}``: ``zh``/``en`` (the standard's claimed wording, or null
where unknown) become :class:`~bpsstd.model.Text`, and the team's ``note`` becomes a
:class:`~bpsstd.model.FieldProvenance` of the item (or of the edition, for implementation requirements),
so that the wording never carries a remark. What it derives, it derives by rule:

* aspect, category, agency and quantity keys are slugs chosen here (identity, not facts);
* an item whose ``fields_2023`` is null repeats its 2021 row in 2023, with ``inherited_from: "2021"``
  in its provenance, because the reference says that means "no known change", not "verified identical";
* an item the reference rates above low for its name but with no source at all is rated low, as the
  reference's own merge review did for its siblings (a note on the item says so);
* a quantity belongs to an edition when the reference tags it with that edition, or when it is tagged
  with the other edition and this edition's row is that same row (inherited or identical) or still
  states the number, and no quantity with the same key is tagged with this edition.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

from bpsstd.model import (
    Agency,
    Aspect,
    Better,
    Category,
    Comparator,
    Confidence,
    Departments,
    Edition,
    EditionProvenance,
    Expenditure,
    ExpenditureClass,
    FactNote,
    FactRating,
    FieldProvenance,
    Provenance,
    Quantity,
    Range,
    Ratio,
    ServiceItem,
    Source,
    Text,
    Totals,
    Value,
)
from bpsstd.serde import dump_folder

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "facts.json"
#: The fact sheet's version this script reads.
SCHEMA_VERSION = 2

ASPECT_KEYS = {
    1: "childcare",
    2: "education",
    3: "employment",
    4: "healthcare",
    5: "elderly-care",
    6: "housing",
    7: "vulnerable-groups",
    8: "military-services",
    9: "culture-sports",
}
CATEGORY_KEYS = {
    1: "pregnancy-birth",
    2: "child-health",
    3: "child-care-protection",
    4: "preschool-aid",
    5: "compulsory-education",
    6: "senior-high-aid",
    7: "vocational-aid",
    8: "employment-entrepreneurship",
    9: "injury-unemployment-insurance",
    10: "public-health",
    11: "medical-insurance",
    12: "family-planning-assistance",
    13: "elderly-care-assistance",
    14: "pension-insurance",
    15: "public-rental-housing",
    16: "housing-renovation",
    17: "social-assistance",
    18: "public-legal",
    19: "disability-services",
    20: "military-preferential",
    21: "public-culture",
    22: "public-sports",
}
# Official English names of the agencies, as the agencies publish them.
AGENCIES = {
    "国家发展改革委": ("ndrc", "National Development and Reform Commission"),
    "国家卫生健康委": ("nhc", "National Health Commission"),
    "国家疾控局": ("ndcpa", "National Disease Control and Prevention Administration"),
    "国家医保局": ("nhsa", "National Healthcare Security Administration"),
    "国家药监局": ("nmpa", "National Medical Products Administration"),
    "市场监管总局": ("samr", "State Administration for Market Regulation"),
    "教育部": ("moe", "Ministry of Education"),
    "人力资源社会保障部": ("mohrss", "Ministry of Human Resources and Social Security"),
    "民政部": ("mca", "Ministry of Civil Affairs"),
    "财政部": ("mof", "Ministry of Finance"),
    "司法部": ("moj", "Ministry of Justice"),
    "住房城乡建设部": ("mohurd", "Ministry of Housing and Urban-Rural Development"),
    "退役军人事务部": ("mva", "Ministry of Veterans Affairs"),
    "应急管理部": ("mem", "Ministry of Emergency Management"),
    "文化和旅游部": ("mct", "Ministry of Culture and Tourism"),
    "中央宣传部": ("publicity-department", "Publicity Department of the CPC Central Committee"),
    "国家广电总局": ("nrta", "National Radio and Television Administration"),
    "国家体育总局": ("gas", "General Administration of Sport of China"),
    "中国残联": ("cdpf", "China Disabled Persons' Federation"),
}
TITLES_EN = {
    "title": "National Basic Public Service Standards ({id} Edition)",
    "notice_title": "Notice on Issuing the National Basic Public Service Standards ({id} Edition)",
}
# Reference confidence keys -> the edition facts of the model.
FACTS = {
    "publishing_date": "published",
    "issuing_date": "issued",
    "departments_count": "departments",
    "totals": "declared",
    "implementation_requirements": "requirements",
}


def slug(text: str) -> str:
    """Make a key from an English description: drop asides, keep words."""
    text = re.split(r" - |\(", text)[0]
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)


TEXT_FIELDS = ("target", "content", "standard", "expenditure")


def _states(row: dict[str, Any], value: float) -> bool:
    number = f"{value:g}"
    texts = [row[f]["zh"] for f in TEXT_FIELDS if row[f]["zh"] is not None]
    return any(re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", t) for t in texts)


def wording(row: dict[str, Any] | None) -> object:
    """A row without the team's notes: what the standard says, for comparing two rows."""
    if row is None:
        return None
    return {
        k: ({f: v for f, v in x.items() if f != "note"} if isinstance(x, dict) else x) for k, x in row.items()
    }


def note(raw: dict[str, str] | None) -> Text | None:
    """A sheet ``note`` (null or ``{zh, en}``)."""
    return None if raw is None else Text(zh=raw["zh"], en=raw["en"])


def field_notes(row: dict[str, Any]) -> list[FieldProvenance]:
    """The team's notes on the row's text fields, one record per noted field."""
    return [FieldProvenance(field_name=f, note=note(row[f]["note"])) for f in TEXT_FIELDS if row[f]["note"]]


def value(raw: object, where: str) -> Value | list[int | float]:
    """The reference writes ranges, tiers and ratios as strings; make them typed values."""
    if isinstance(raw, (int, float)):
        return raw
    if isinstance(raw, list):
        return [v for v in raw if isinstance(v, (int, float))]
    if isinstance(raw, str):
        if m := re.fullmatch(r"(\d+)-(\d+)", raw):
            return Range(min=int(m[1]), max=int(m[2]))
        if m := re.fullmatch(r"(\d+)/(\d+)", raw):
            return Ratio(numerator=int(m[1]), denominator=int(m[2]))
        if re.fullmatch(r"\d+(/\d+){2,}", raw):
            return [int(v) for v in raw.split("/")]
    raise SystemExit(f"{where}: cannot read quantity value {raw!r}")


def quantities(item: dict[str, Any], edition: str, row: dict[str, Any], *, same_row: bool) -> list[Quantity]:
    """The quantities of *item* in *edition* (see the module docstring for the rule)."""
    own = [q for q in item["quantities"] if q["edition"] == edition]
    own_keys = {slug(q["what"]) for q in own}
    carried = [
        q
        for q in item["quantities"]
        if q["edition"] != edition
        and slug(q["what"]) not in own_keys
        and (same_row or (isinstance(q["value"], (int, float)) and _states(row, q["value"])))
    ]
    chosen = [q for q in item["quantities"] if q in own or q in carried]
    out = [
        Quantity(
            key=slug(q["what"]),
            what=q["what"],
            what_zh=q["what_zh"],
            value=value(q["value"], item["key"]),
            unit=q["unit"],
            unit_zh=q["unit_zh"],
            comparator=Comparator(q["comparator"]),
            better=Better(q["better"]) if q["better"] else None,
            confidence=Confidence(q["confidence"]) if q.get("confidence") else None,
            source=q.get("source"),
            note=note(q["note"]),
        )
        for q in chosen
    ]
    keys = [q.key for q in out]
    if len(set(keys)) != len(keys):
        raise SystemExit(f"{item['key']}: quantity keys collide in {edition}: {keys}")
    return out


def text(value: dict[str, Any]) -> Text:
    """The wording of a sheet ``{zh, en, note}`` text (its note is kept apart)."""
    return Text(zh=value["zh"], en=value["en"])


def build_item(item: dict[str, Any], edition: str, used: set[str]) -> ServiceItem | None:
    """The item as it stands in *edition*, or None where it is absent."""
    number = item[f"number_{edition}"]
    if number is None:
        return None
    row = item[f"fields_{edition}"]
    inherited = None
    if row is None and edition == "2023":
        row, inherited = item["fields_2021"], "2021"
    same_row = inherited is not None or wording(item["fields_2021"]) == wording(item["fields_2023"])
    name_zh = item["name_zh_2023"] if edition == "2023" and item["name_zh_2023"] else item["name_zh"]
    used.update(row["lead_units"])
    name_level, notes = Confidence(item["confidence"]["name"]), item["notes"]
    if not item["sources"] and name_level.verified:
        # The reference's own rule (medium = confirmed by a secondary source) and its merge review
        # lower unsourced names to low; three items escaped that review.
        notes += (
            f" bpsstd review: name (existence) confidence lowered from {name_level.value} to low:"
            " the reference cites no source for this item."
        )
        name_level = Confidence.LOW
    return ServiceItem(
        key=item["key"],
        number=number,
        name=Text(zh=name_zh, en=item["name_en"]),
        target=text(row["target"]),
        content=text(row["content"]),
        standard=text(row["standard"]),
        expenditure=Expenditure(
            kind=ExpenditureClass(row["expenditure"]["class"]) if row["expenditure"]["class"] else None,
            zh=row["expenditure"]["zh"],
            en=row["expenditure"]["en"],
        ),
        lead_units=[AGENCIES[name][0] for name in row["lead_units"]],
        quantities=quantities(item, edition, row, same_row=same_row),
        provenance=Provenance(
            name=name_level,
            fields=Confidence(item["confidence"][f"fields_{edition}"]),
            sources=[Source(text=s["text"], editions=s["editions"]) for s in item["sources"]],
            notes=notes,
            field_notes=field_notes(row),
            inherited_from=inherited,
        ),
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def build_edition(ref: dict[str, Any], edition: str) -> Edition:
    """The whole edition *edition* from the reference document."""
    meta = ref["editions"][edition]
    used: set[str] = set()
    aspects = []
    for a in ref["aspects"]:
        categories = []
        for c in a["categories"]:
            items = [i for i in (build_item(i, edition, used) for i in c["items"]) if i is not None]
            items.sort(key=lambda i: i.number)
            categories.append(
                Category(
                    key=CATEGORY_KEYS[c["number"]],
                    number=c["number"],
                    name=Text(zh=c["name_zh"], en=c["name_en"]),
                    service_items=items,
                )
            )
        aspects.append(
            Aspect(
                key=ASPECT_KEYS[a["number"]],
                number=a["number"],
                name=Text(zh=a["name_zh"], en=a["name_en"]),
                categories=categories,
            )
        )
    departments = meta["issuing_departments"]
    named = [AGENCIES[n][0] for n in departments["named_in_sources"]]
    used.update(departments["named_in_sources"])
    notes = {
        "doc_number": meta.get("doc_number_note"),
        "issued": meta.get("issuing_date_note"),
        "published": meta.get("publishing_note"),
        "departments": departments.get("note"),
        "other_facts": " ".join(meta.get("other_facts", [])) or None,
    }
    if meta.get("is_first_revision"):
        notes["is_first_revision"] = "This edition is the first revision of the standard."
    printed = ref["printed_agency_names"][edition]
    ratings = [FactRating(fact=FACTS.get(k, k), level=Confidence(v)) for k, v in meta["confidence"].items()]
    return Edition(
        id=edition,
        title=Text(zh=meta["title"], en=TITLES_EN["title"].format(id=edition)),
        notice_title=Text(zh=meta["notice_title"], en=TITLES_EN["notice_title"].format(id=edition)),
        doc_number=meta["doc_number"],
        published=_date(meta["publishing_date"]),
        issued=_date(meta["issuing_date"]),
        addressed_to=meta.get("addressed_to"),
        approving_body=meta["approving_body"],
        departments=Departments(count=departments["count"], named=named),
        declared=Totals(**meta["declared_totals"]),
        requirements=[text(r) for r in meta["implementation_requirements"]],
        agencies=[
            Agency(key=key, name=Text(zh=zh, en=en), printed=printed.get(zh))
            for zh, (key, en) in AGENCIES.items()
            if zh in used
        ],
        aspects=aspects,
        provenance=EditionProvenance(
            confidence=ratings,
            notes=[FactNote(fact=k, text=v) for k, v in notes.items() if v],
            sources=meta["sources"],
            field_notes=[
                FieldProvenance(field_name=f"requirements[{i}]", note=note(r["note"]))
                for i, r in enumerate(meta["implementation_requirements"])
                if r["note"]
            ],
        ),
    )


def main() -> None:
    """Write both editions under ``editions/``."""
    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_REFERENCE
    ref = json.loads(reference.read_text(encoding="utf-8"))
    if ref.get("schema_version") != SCHEMA_VERSION:
        raise SystemExit(f"{reference}: expected fact sheet schema_version {SCHEMA_VERSION}")
    for edition in ("2021", "2023"):
        built = build_edition(ref, edition)
        folder = dump_folder(built, ROOT / "editions" / edition)
        print(
            f"{folder}: {len(built.aspects)} aspects, {len(built.categories)} categories, "
            f"{len(built.service_items)} items"
        )


if __name__ == "__main__":
    main()
