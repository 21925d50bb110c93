"""Reading numbers and remarks in the standard's wording, for the fidelity checks of :mod:`bpsstd.checks`.

Chinese policy text writes numbers three ways: Arabic (每生每天5元), Chinese numerals (一级、三分之一,
第三版) and words (全额 = 100%). English renderings write ordinals (3rd edition), number words (one third)
and ratios in another scale (8:2 / 80:20). These helpers turn all of them into plain numbers, so that a
quantity can be found in its row and the two languages of a field can be compared.
"""

from __future__ import annotations

import re

__all__ = ["find_remark", "mismatch", "numbers_en", "numbers_zh", "states"]

#: Words that mark a remark about the wording (certainty, sources, guesses), never the wording itself.
REMARK_MARKERS = (
    r"未经\S{0,8}?证实",
    r"未核实",
    r"待核实",
    r"待确认",
    r"未证实",
    r"假定",
    r"据知",
    r"推测",
    r"应为",
    r"\bunverified\b",
    r"\bnot confirmed\b",
    r"\bunconfirmed\b",
    r"\bto be verified\b",
    r"\bassumed\b",
    r"\bas far as known\b",
    r"\bpresumably\b",
)
_REMARK = re.compile("|".join(REMARK_MARKERS), re.IGNORECASE)


def find_remark(text: str) -> str | None:
    """Return the first remark marker in *text*, or None."""
    match = _REMARK.search(text)
    return match[0] if match else None


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千]+")


def cn_number(run: str) -> int:
    """Read a run of Chinese numerals below ten thousand: 三 = 3, 十二 = 12, 一百二十 = 120."""
    total, digit = 0, None
    for char in run:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char] if digit is None else digit * 10 + _CN_DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[char]
            digit = None
    return total + (digit or 0)


# Measure words after which a Chinese numeral is a number, not part of a word (一般, 统一, 五保).
_MEASURES = "个次年月日天周岁元名人类项级倍套件册场份台部种批轮所户张本期届位档分"
_CN_COUNTED = re.compile(
    rf"(第|每)?([零〇一二两三四五六七八九十百千]+)(?=[{_MEASURES}])|第([零〇一二两三四五六七八九十百千]+)"
)
_CN_FRACTION = re.compile(r"([零〇一二两三四五六七八九十百千\d]+)分之([零〇一二两三四五六七八九十百千\d]+)")
_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_RATIO = re.compile(r"(\d+(?:\.\d+)?)\s*[:：]\s*(\d+(?:\.\d+)?)")
# Citations are not statements of the standard's numbers: document numbers and standard codes.
_CITATIONS = re.compile(
    r"〔\d{4}〕\s*\d+\s*号|\[\d{4}\]\s*No\.\s*\d+|\b(?:GB|WS|JGJ|CJJ|GB/T|WS/T)\s*\d+(?:[.-]\d+)*"
)


def _read(token: str) -> float:
    return float(token.replace(",", ""))


def _either(token: str) -> float:
    return _read(token) if token[0].isdigit() else float(cn_number(token))


def _shares(match: re.Match[str]) -> str:
    """Rewrite a ratio a:b as its shares in percent, so that 8:2 and 80:20 read alike."""
    x, y = float(match[1]), float(match[2])
    if not x + y:
        return match[0]
    return f" {100 * x / (x + y):g} {100 * y / (x + y):g} "


def _numbers(text: str) -> set[float]:
    return {_read(n) for n in _ARABIC.findall(text)}


_MONTHS = (
    "January", "February", "March", "April", r"\bMay\b", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip


def _spans(text: str) -> set[float]:
    """Every whole number of a short span (tiers 1-5 = 1, 2, 3, 4, 5)."""
    out: set[float] = set()
    for a, b in re.findall(r"(\d+)\s*[-–~至到]\s*(\d+)", text):
        if 0 <= int(b) - int(a) <= 20:
            out |= {float(n) for n in range(int(a), int(b) + 1)}
    return out


def numbers_zh(text: str) -> tuple[set[float], set[float]]:
    """The numbers a Chinese text states, and other readings of them.

    Returns:
        ``(stated, readings)``: *stated* are the numbers as written (Arabic, counted Chinese numerals
        such as 一级 or 第三, fractions, ten-thousands multiplied out, ratios as percent shares);
        *readings* are what else the words may mean (3万 = 3; 全额 = 100; every run of Chinese
        numerals, 一 in 一次性 too), accepted where a number is looked for but never required.
    """
    text = _CITATIONS.sub(" ", text)
    readings = {_read(m[1]) for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(?:万|亿)", text)}
    text = re.sub(
        r"(\d+(?:\.\d+)?)\s*(万|亿)",
        lambda m: f" {float(m[1]) * (10_000 if m[2] == '万' else 100_000_000):g} ",
        text,
    )
    text = _RATIO.sub(_shares, text)
    stated = _numbers(text)
    for match in _CN_COUNTED.finditer(text):
        # A lone 一 is as often a word (一次性, 统一调整一次) as a number: a reading only.
        (readings if match[2] == "一" else stated).add(float(cn_number(match[2] or match[3])))
    for num, den in _CN_FRACTION.findall(text):
        stated |= {_either(num), _either(den)}
    if "全额" in text or "全部" in text:
        readings.add(100.0)
    if "一半" in text or "半数" in text:
        readings.add(50.0)
    readings |= {float(cn_number(run)) for run in _CN_RUN.findall(text)}
    return stated, readings | _spans(text)


_EN_WORDS = {
    "once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "first": 1, "second": 2, "third": 3,
    "fourth": 4, "fifth": 5, "sixth": 6, "half": 2, "quarter": 4,
}  # fmt: skip
_EN_WORD = re.compile(r"\b(" + "|".join(_EN_WORDS) + r")\b", re.IGNORECASE)


def numbers_en(text: str) -> tuple[set[float], set[float]]:
    """The numbers an English text states, and other readings of them (see :func:`numbers_zh`)."""
    text = _CITATIONS.sub(" ", text)
    text = re.sub(
        r"(\d+(?:\.\d+)?)\s*(thousand|million|billion)",
        lambda m: f" {float(m[1]) * {'thousand': 1e3, 'million': 1e6, 'billion': 1e9}[m[2]]:g} ",
        text,
    )
    text = _RATIO.sub(_shares, text)
    words = {float(_EN_WORDS[w.lower()]) for w in _EN_WORD.findall(text)}
    # "one", "once" and "first" are as often words as numbers (one's, once the wife is 49): readings.
    stated = _numbers(text) | (words - {1.0})
    readings = words | _spans(text)
    readings |= {
        float(i) for i, month in enumerate(_MONTHS, start=1) if re.search(month, text, re.IGNORECASE)
    }
    if re.search(r"\b(?:full|fully|in full|entire|all)\b", text, re.IGNORECASE):
        readings.add(100.0)
    if re.search(r"\bhalf\b", text, re.IGNORECASE):
        readings.add(50.0)
    return stated, readings


def mismatch(zh: str, en: str) -> tuple[set[float], set[float]]:
    """The numbers only the Chinese states, and those only the English states, after normalising."""
    zh_stated, zh_readings = numbers_zh(zh)
    en_stated, en_readings = numbers_en(en)
    return zh_stated - en_stated - en_readings, en_stated - zh_stated - zh_readings


def states(text: str, number: float) -> bool:
    """Whether the Chinese *text* states *number* (in any notation)."""
    stated, readings = numbers_zh(text)
    return round(float(number), 6) in {round(n, 6) for n in stated | readings}
