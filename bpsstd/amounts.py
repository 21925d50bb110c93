"""Numbers in the wording of a row: 每生每年720元, 不少于15套, 每天不少于2小时, 未满16周岁.

Used by the import to update a row's quantities from the official text. Independent of
:mod:`bpsstd.model`: a mention is a value, a Chinese unit, a comparator and where it stands.
"""

from __future__ import annotations

import re

from attrs import frozen

__all__ = ["Mention", "Placement", "mentions", "place"]

# Longest first, so 周岁 wins over 岁 and 万元 over 元.
_UNITS = sorted(
    [
        "元",
        "万元",
        "亿元",
        "套",
        "小时",
        "分钟",
        "周岁",
        "岁",
        "次",
        "场",
        "个",
        "天",
        "日",
        "月",
        "年",
        "周",
        "人",
        "名",
        "册",
        "种",
        "项",
        "张",
        "份",
        "本",
        "所",
        "户",
        "台",
        "部",
        "间",
        "床",
        "公里",
        "平方米",
        "毫克",
        "克",
        "倍",
        "%",
        "％",
        "孩次",
        "课时",
        "学时",
        "期",
    ],
    key=len,
    reverse=True,
)
_BEFORE = {
    "不少于": "at_least",
    "不低于": "at_least",
    "至少": "at_least",
    "不超过": "at_most",
    "不高于": "at_most",
    "未满": "under",
    "不满": "under",
    "超过": "over",
}
_AFTER = {"以上": "at_least", "及以上": "at_least", "以内": "at_most", "以下": "at_most", "左右": "about"}
_NUMBER = r"\d+(?:\.\d+)?"
_PATTERN = re.compile(
    rf"(?P<cmp>{'|'.join(_BEFORE)})?\s*(?P<a>{_NUMBER})(?:\s*(?P<sep>[-~～—至到/])\s*(?P<b>{_NUMBER}))?"
    rf"\s*(?P<unit>{'|'.join(re.escape(u) for u in _UNITS)})?(?P<after>{'|'.join(_AFTER)})?"
)


@frozen(kw_only=True)
class Mention:
    """A number in a text: its value (a number, an inclusive range, or a fraction), unit and comparator.

    Attributes:
        value: an int or float; for ``16-24`` a ``(16, 24)`` pair with ``kind == "range"``; for ``1/3`` a
            ``(1, 3)`` pair with ``kind == "ratio"``.
        kind: ``number``, ``range`` or ``ratio``.
        unit: the Chinese unit written after it, or ``""``.
        comparator: ``exactly``, ``at_least``, ``at_most``, ``under``, ``over`` or ``about``.
        context: up to six characters before it (without digits), to tell two numbers of a row apart.
        text: the mention as written.
    """

    value: int | float | tuple[int | float, int | float]
    kind: str
    unit: str
    comparator: str
    context: str
    text: str


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


_NEAR = re.compile(rf"({'|'.join(_BEFORE)})[^\d，。；、,;]{{1,3}}$")


def _near(text: str, start: int) -> str | None:
    """A comparator a few words before the number: 至少组织2次, 不少于提供15套."""
    m = _NEAR.search(text[max(0, start - 7) : start])
    return _BEFORE[m[1]] if m else None


def mentions(text: str) -> tuple[Mention, ...]:
    """Every number written in *text*, in order."""
    found = []
    for m in _PATTERN.finditer(text):
        a = _number(m["a"])
        value: int | float | tuple[int | float, int | float] = a
        kind = "number"
        if m["b"] is not None:
            value = (a, _number(m["b"]))
            kind = "ratio" if m["sep"] == "/" else "range"
        comparator = (
            _BEFORE.get(m["cmp"] or "") or _AFTER.get(m["after"] or "") or _near(text, m.start()) or "exactly"
        )
        context = re.sub(r"[\d.\s]", "", text[max(0, m.start() - 8) : m.start()])[-6:]
        found.append(
            Mention(
                value=value,
                kind=kind,
                unit=m["unit"] or "",
                comparator=comparator,
                context=context,
                text=m[0].strip(),
            )
        )
    return tuple(found)


def _same(a: object, b: object) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    # Exact: 720 == 720.0, but a tiny float is not zero (Hypothesis found 1e-218 placed on "0").
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and a == b


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


@frozen(kw_only=True)
class Placement:
    """Where a known value went in the new text: the mention that states it now, if any."""

    old: object
    new: Mention | None


def place(
    values: tuple[object, ...], old_text: str, new_text: str
) -> tuple[tuple[Placement, ...], tuple[Mention, ...]]:
    """Find each of *values* (a row's quantities) in *new_text*, using *old_text* to recognise it.

    A value still written in the new text is placed as is. A value written in the old text but not in
    the new one is placed on the new mention with the same unit whose preceding words match best (so
    ``每生每年720元`` follows ``每生每年800元``). Values are int, float or (a, b) pairs.

    Returns:
        one placement per value, and the mentions of the new text that no value accounts for.
    """
    new = list(mentions(new_text))
    old = mentions(old_text)
    used: set[int] = set()
    placements = []
    for value in values:
        hit = next((k for k, m in enumerate(new) if k not in used and _same(m.value, value)), None)
        if hit is None:
            anchor = next((m for m in old if _same(m.value, value)), None)
            if anchor is not None:
                candidates = [
                    (_common_suffix(anchor.context, m.context), k)
                    for k, m in enumerate(new)
                    if k not in used and m.unit == anchor.unit and m.kind == anchor.kind
                ]
                if candidates:
                    hit = max(candidates)[1]
        if hit is not None:
            used.add(hit)
        placements.append(Placement(old=value, new=None if hit is None else new[hit]))
    old_values = [m.value for m in old]
    # Numbers the old wording already had are not news; numbers new to the row are reported.
    loose = tuple(
        m for k, m in enumerate(new) if k not in used and not any(_same(m.value, v) for v in old_values)
    )
    return tuple(placements), loose
