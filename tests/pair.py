"""A small hand-made pair of editions whose differences are known, for exact-output tests."""

from __future__ import annotations

import datetime as dt

import attrs

from bpsstd.model import (
    Agency,
    Aspect,
    Category,
    Confidence,
    Edition,
    EditionProvenance,
    Expenditure,
    ExpenditureClass,
    FactNote,
    FactRating,
    Provenance,
    Quantity,
    ServiceItem,
    Text,
    Totals,
)

AGENCIES = (
    Agency(key="moe", name=Text(zh="教育部", en="Ministry of Education")),
    Agency(key="mof", name=Text(zh="财政部", en="Ministry of Finance")),
    Agency(key="nhc", name=Text(zh="国家卫生健康委", en="National Health Commission")),
)
SOURCED = Provenance(name=Confidence.HIGH, fields=Confidence.MEDIUM, sources=("a notice",))
UNSOURCED = Provenance(name=Confidence.LOW, fields=Confidence.LOW)

MEAL = ServiceItem(
    key="meal-subsidy",
    number=1,
    name=Text(zh="营养膳食补助", en="Meal subsidy"),
    target=Text(zh="农村义务教育学生", en="Rural pupils"),
    content=Text(zh="提供营养膳食补助", en="A meal subsidy"),
    standard=Text(zh="每生每天4元", en="4 CNY per pupil per day"),
    expenditure=Expenditure(kind=ExpenditureClass.CENTRAL, zh="中央财政承担", en="Central budget"),
    lead_units=("moe",),
    quantities=(Quantity(key="daily-subsidy", what="subsidy per pupil per day", value=4, unit="CNY/day"),),
    provenance=SOURCED,
)
VISIT = ServiceItem(
    key="postpartum-visit",
    number=2,
    name=Text(zh="产后访视", en="Postpartum visit"),
    target=Text(zh="产妇", en="Mothers"),
    content=Text(zh="产后上门访视", en="A home visit after birth"),
    standard=Text(zh="按规范执行", en="Per the specification"),
    expenditure=Expenditure(kind=ExpenditureClass.SHARED, zh="中央与地方共同承担", en="Shared"),
    lead_units=("nhc",),
    provenance=UNSOURCED,
)
FOLIC = ServiceItem(
    key="folic-acid",
    number=1,
    name=Text(zh="增补叶酸", en="Folic acid"),
    target=Text(zh="计划怀孕妇女", en="Women planning a pregnancy"),
    content=Text(zh="免费发放叶酸", en="Free folic acid"),
    standard=Text(zh="每日0.4毫克", en="0.4 mg a day"),
    expenditure=Expenditure(kind=ExpenditureClass.SHARED, zh="中央与地方共同承担", en="Shared"),
    lead_units=("nhc",),
    quantities=(Quantity(key="dose", what="daily dose", value=0.4, unit="mg/day"),),
    provenance=SOURCED,
)


def _edition(
    edition_id: str, items: list[ServiceItem], published: dt.date, agencies: tuple[Agency, ...]
) -> Edition:
    category = Category(
        key="pregnancy-birth",
        number=1,
        name=Text(zh="优孕优生服务", en="Pregnancy and birth"),
        service_items=items,
    )
    aspect = Aspect(
        key="childcare", number=1, name=Text(zh="幼有所育", en="Childcare"), categories=[category]
    )
    return Edition(
        id=edition_id,
        title=Text(zh=f"示例标准（{edition_id}年版）", en=f"Sample standard ({edition_id})"),
        published=published,
        declared=Totals(aspects=1, categories=1, items=len(items)),
        agencies=agencies,
        aspects=[aspect],
        provenance=EditionProvenance(
            confidence=[
                FactRating(fact="title", level=Confidence.HIGH),
                FactRating(fact="declared", level=Confidence.HIGH),
                FactRating(fact="published", level=Confidence.HIGH),
            ],
            notes=[
                FactNote(fact="doc_number", text="not found"),
                FactNote(fact="issued", text="not found"),
            ],
        ),
    )


OLD = _edition("2001", [MEAL, VISIT], dt.date(2001, 1, 1), (AGENCIES[0], AGENCIES[2]))
NEW = _edition(
    "2002",
    [
        FOLIC,
        attrs.evolve(
            MEAL,
            number=2,
            standard=Text(zh="每生每天5元", en="5 CNY per pupil per day"),
            lead_units=("moe", "mof"),
            quantities=(attrs.evolve(MEAL.quantities[0], value=5),),
        ),
        attrs.evolve(VISIT, number=3, target=Text(zh="产妇及新生儿", en="Mothers and newborns")),
    ],
    dt.date(2002, 6, 1),
    AGENCIES,
)
