"""Build regional/shanghai-2024 from ../shared/reference/regional/shanghai-2024.json, reproducibly.

Only what the reference rows say goes in: cell texts exactly as copied, the national match with its
confidence and reason, completeness as declared (the aspects not in the file are "not recorded"; the
cut-off row is flagged incomplete), and quantities only where the row's own words state a number.

Usage: python tools/build_shanghai.py [REFERENCE_JSON] [OUT_FOLDER]
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from bpsstd import Confidence, load
from bpsstd.model import Comparator
from bpsstd.regional import (
    Level,
    LocalAgency,
    LocalAspect,
    LocalItem,
    LocalQuantity,
    Match,
    NotRecorded,
    Region,
    RegionalStandard,
    dump_regional_folder,
)

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "regional" / "shanghai-2024.json"
OUT = ROOT / "regional" / "shanghai-2024"

#: Stable keys for the local rows (identifiers we choose, not facts of the page).
ROW_KEYS = {
    "孕前优生健康检查": "preconception-checkup",
    "孕产期保健": "maternity-care",
    "生育指导咨询和宣传服务": "birth-guidance-and-publicity",
    "计划生育临床医疗服务": "family-planning-clinical-services",
    "再生育技术服务": "re-childbearing-technical-services",
    "优待抚恤": "preferential-treatment-and-pensions",
    "退役军人安置": "veteran-resettlement",
    "退役军人就业创业服务": "veteran-employment-entrepreneurship",
    "重点优抚对象集中供养": "centralized-support-key-entitled-groups",
}
#: The aspects the file holds, by the national aspect key they match.
ASPECT_KEYS = {"幼有所育": "childcare", "优军服务保障": "military-services"}
#: Local lead units and their national counterparts in the 2023 registry.
AGENCIES = {"市卫生健康委": "nhc", "市退役军人事务局": "mva", "市人力资源社会保障局": "mohrss"}
#: Numbers the rows' own words state: (row, key, what, value, unit, comparator, quote).
#: Keys are the national quantity's where the row states the same number (job fairs a year); else
#: the row's own (the national 2023 data states no antenatal or postnatal count, so Shanghai's 9 and 2
#: are recorded but not compared).
QUANTITIES: tuple[tuple[str, str, str, int, str, Comparator, str], ...] = (
    (
        "孕产期保健",
        "antenatal-care-visits",
        "孕妇产前检查",
        9,
        "次",
        Comparator.EXACTLY,
        "开展9次孕妇产前检查",
    ),
    ("孕产期保健", "postpartum-home-visits", "产后访视", 2, "次", Comparator.EXACTLY, "产后访视开展\n2次"),
    (
        "退役军人就业创业服务",
        "dedicated-veteran-recruitment-events-a-year-by-county-level-and-higher-governments",
        "退役军人专场招聘活动",
        2,
        "次/年",
        Comparator.AT_LEAST,
        "每年至少组织2次退役军人专场招聘活动",
    ),
)


def _row(row: dict[str, Any], national: dict[str, str]) -> LocalItem:
    match = row["national_match"]
    quantities = tuple(
        LocalQuantity(key=key, what=what, value=value, unit=unit, comparator=cmp, quote=quote)
        for name, key, what, value, unit, cmp, quote in QUANTITIES
        if name == row["name"]
    )
    for q in quantities:
        if q.quote is None or q.quote not in row["standard"]:  # never invent a number
            raise ValueError(f"{q.key}: its quote is not in the row's 服务标准")
    notes = [row[k] for k in ("note", "cell_boundaries") if row.get(k)]
    return LocalItem(
        key=ROW_KEYS[row["name"]],
        name=row["name"],
        target=row["target"],
        content=row["content"],
        standard=row["standard"],
        expenditure=row["expenditure"],
        lead_units=tuple(LocalAgency(zh=u, national=AGENCIES.get(u)) for u in row["lead_units"]),
        quantities=quantities,
        implements=tuple(national[n] for n in match["items"]),
        match=Match(confidence=Confidence(match["confidence"]), why=match["why"]),
        complete=row["complete"],
        sources=(row["source_url"],),
        notes="; ".join(notes),
    )


def build(reference: Path) -> RegionalStandard:
    """Return the Shanghai standard that *reference* describes."""
    data = json.loads(reference.read_text(encoding="utf-8"))
    edition = load("2023")
    national = {i.name.zh: i.key for i in edition.service_items if i.name.zh is not None}
    aspects = tuple(
        LocalAspect(
            key=ASPECT_KEYS[a["name"]],
            name=a["name"],
            items=tuple(_row(r, national) for r in a["items"]),
            complete=a["complete"],
            source=a["source_url"],
        )
        for a in data["aspects"]
    )
    held = {a.key for a in aspects if a.complete}
    not_recorded = tuple(
        NotRecorded(
            aspect=a.key,
            reason=(
                # Chinese, like every text of a regional standard: the report shows it as written.
                "参考资料只收录了该方面的部分行（列表被截断）"
                if a.key in {x.key for x in aspects}
                else "参考资料未收录该方面的页面"
            ),
        )
        for a in edition.aspects
        if a.key not in held
    )
    return RegionalStandard(
        id="shanghai-2024",
        title=data["title"],
        region=Region(zh="上海市", en="Shanghai", level=Level.PROVINCE),
        date=dt.date.fromisoformat(data["date"]),
        implements=None,
        synthetic=False,
        complete=data["complete"],
        completeness_note=data["completeness_note"],
        not_recorded=not_recorded,
        aspects=aspects,
        sources=tuple(data["urls"]),
        notes=(
            f"{data['date_note']} The pages do not say which national edition they implement. "
            f"{data['text_note']} Issuer: {data['issuer']}"
        ),
    )


def main(argv: list[str]) -> int:
    """Build the folder; return the exit status."""
    reference = Path(argv[0]) if argv else REFERENCE
    out = Path(argv[1]) if len(argv) > 1 else OUT
    if out.exists():
        shutil.rmtree(out)
    dump_regional_folder(build(reference), out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
