"""The "no lower than national" floor (不低于国家标准), over plain values.

A stated quantity is a value with a comparator (不少于9次 is ``at_least 9``; 未满16周岁 is ``under 16``)
and, for the national side, a direction of generosity (``better``: a higher count of check-ups is
better; a lower qualifying age for an old-age allowance is better). :func:`compare` says whether a
local statement is at, above or below the national one, or that the two cannot be compared.

How comparators count. Each statement is reduced to one *position* on the number line and a *side*:

- ``exactly v`` and ``about v`` stand at ``v`` and fit either side ("about" is read as its value: the
  standard gives no tolerance, and inventing one would invent a fact);
- ``at_least v`` stands at ``v`` and ``over v`` just above ``v``: both bound the value from below;
- ``at_most v`` stands at ``v`` and ``under v`` just below ``v``: both bound it from above.

Two statements are compared by position when they bound the same side (or either is a point): a
local 不少于9次 (9, from below) against a national 5次 (5, a point) is above when higher is better; a
local 未满18周岁 (just below 18, from above) against a national 未满16周岁 (just below 16) is above when
higher is better, which it is for an age *limit* of eligibility (a higher limit serves more people).
A lower bound against an upper bound (不少于5次 against 不超过5次) says nothing about the other's
guarantee, so the result is :attr:`Outcome.UNKNOWN` and the floor cannot be confirmed.

Values that are lists (tiers such as 460/590 元) compare tier by tier: below when any tier is below,
above when none is below and one is above. Ranges compare only when equal. Ratios compare as numbers.
"""

from __future__ import annotations

import enum
import math

# Comparator and Better are the model's own (the v2 Quantity); re-exported for callers of compare().
from bpsstd.model import Better, Comparator, Range, Ratio, Value

__all__ = ["Better", "Comparator", "Outcome", "compare"]


class Outcome(enum.Enum):
    """A local statement against the national one."""

    MET = "met"
    """As generous as the national statement."""
    ABOVE = "above"
    """More generous: needs the fiscal-affordability review."""
    BELOW = "below"
    """Less generous: below the national floor."""
    UNKNOWN = "unknown"
    """The two statements cannot be compared; the floor cannot be confirmed."""


class _Side(enum.Enum):
    POINT = 0
    FROM_BELOW = 1
    FROM_ABOVE = 2


# A strict bound stands an infinitesimal step past its value: "over 5" beats "at least 5", and
# "under 18" is below "at most 18" but above "at most 17.9".
_PLACE: dict[Comparator, tuple[_Side, int]] = {
    Comparator.EXACTLY: (_Side.POINT, 0),
    Comparator.ABOUT: (_Side.POINT, 0),
    Comparator.AT_LEAST: (_Side.FROM_BELOW, 0),
    Comparator.OVER: (_Side.FROM_BELOW, 1),
    Comparator.AT_MOST: (_Side.FROM_ABOVE, 0),
    Comparator.UNDER: (_Side.FROM_ABOVE, -1),
}


def _numbers(value: Value) -> tuple[float, ...] | None:
    if isinstance(value, tuple):
        return tuple(float(v) for v in value)
    if isinstance(value, Ratio):
        return (value.numerator / value.denominator,)
    if isinstance(value, Range):
        return None
    return (float(value),)


def _sign(local: tuple[float, int], national: tuple[float, int]) -> int:
    """-1, 0 or 1 as the local position is left of, at or right of the national one."""
    return (local > national) - (local < national)


def compare(
    local: tuple[Value, Comparator],
    national: tuple[Value, Comparator],
    better: Better,
) -> Outcome:
    """Compare a local statement with the national one, whose more generous direction is *better*.

    Args:
        local: the local value and its comparator.
        national: the national value and its comparator.
        better: which direction of the national quantity is more generous.

    Returns:
        MET, ABOVE or BELOW; UNKNOWN when the statements bound opposite sides, when tier lists differ
        in length, when a range meets anything but an equal range, or when a value is not finite.
    """
    (local_value, local_cmp), (national_value, national_cmp) = local, national
    if isinstance(local_value, Range) or isinstance(national_value, Range):
        same = local_value == national_value and local_cmp is national_cmp
        return Outcome.MET if same else Outcome.UNKNOWN
    side_l, step_l = _PLACE[local_cmp]
    side_n, step_n = _PLACE[national_cmp]
    if _Side.POINT not in (side_l, side_n) and side_l is not side_n:
        return Outcome.UNKNOWN
    a, b = _numbers(local_value), _numbers(national_value)
    if a is None or b is None or len(a) != len(b) or not all(map(math.isfinite, a + b)):
        return Outcome.UNKNOWN
    direction = 1 if better is Better.HIGHER else -1
    signs = {direction * _sign((x, step_l), (y, step_n)) for x, y in zip(a, b, strict=True)}
    if -1 in signs:
        return Outcome.BELOW
    if 1 in signs:
        return Outcome.ABOVE
    return Outcome.MET
