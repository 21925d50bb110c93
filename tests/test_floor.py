"""The floor over plain values: comparators and the direction of generosity."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bpsstd.floor import Better, Comparator, Outcome, compare
from bpsstd.model import Range, Ratio

E, AL, AM, UN, OV, AB = (
    Comparator.EXACTLY,
    Comparator.AT_LEAST,
    Comparator.AT_MOST,
    Comparator.UNDER,
    Comparator.OVER,
    Comparator.ABOUT,
)
HI, LO = Better.HIGHER, Better.LOWER

numbers = st.integers(min_value=-1000, max_value=1000) | st.floats(
    min_value=-1e6, max_value=1e6, allow_nan=False
)
comparators = st.sampled_from(Comparator)
betters = st.sampled_from(Better)

_FLIP = {Outcome.ABOVE: Outcome.BELOW, Outcome.BELOW: Outcome.ABOVE}


class TestExamples:
    """The cases the issue names, and their neighbours."""

    @pytest.mark.parametrize(
        ("local", "national", "better", "expected"),
        [
            ((9, AL), (5, E), HI, Outcome.ABOVE),  # 不少于9次 against 5次
            ((5, AL), (5, E), HI, Outcome.MET),
            ((4, E), (5, E), HI, Outcome.BELOW),
            ((18, UN), (16, UN), HI, Outcome.ABOVE),  # 未满18周岁 against 未满16周岁: an age limit
            ((18, UN), (16, UN), LO, Outcome.BELOW),
            ((70, AL), (80, AL), LO, Outcome.ABOVE),  # 年满70周岁 against 年满80周岁 (a qualifying age)
            ((5, OV), (5, AL), HI, Outcome.ABOVE),
            ((5, UN), (5, AM), HI, Outcome.BELOW),
            ((5, AL), (5, AM), HI, Outcome.UNKNOWN),  # bounds on opposite sides say nothing
            ((5, AB), (5, E), HI, Outcome.MET),
            (((350, 450), E), ((460, 590), E), HI, Outcome.BELOW),  # tiers, tier by tier
            (((460, 600), E), ((460, 590), E), HI, Outcome.ABOVE),
            (((460,), E), ((460, 590), E), HI, Outcome.UNKNOWN),
            (
                (Ratio(numerator=1, denominator=2), E),
                (Ratio(numerator=1, denominator=3), E),
                HI,
                Outcome.ABOVE,
            ),
            ((Range(min=16, max=24), E), (Range(min=16, max=24), E), HI, Outcome.MET),
            ((Range(min=16, max=29), E), (Range(min=16, max=24), E), HI, Outcome.UNKNOWN),
            ((float("nan"), E), (5, E), HI, Outcome.UNKNOWN),
        ],
    )
    def test_outcome(self, local: tuple, national: tuple, better: Better, expected: Outcome) -> None:  # type: ignore[type-arg]
        """Each named pair of statements compares as the module docstring says."""
        assert expected == compare(local, national, better)


class TestLaws:
    """Properties that hold for every pair of statements."""

    @given(numbers, comparators, betters)
    def test_same_statement_is_met(self, value: float, comparator: Comparator, better: Better) -> None:
        """A statement always meets itself."""
        assert Outcome.MET == compare((value, comparator), (value, comparator), better)

    @given(numbers, comparators, numbers, comparators, betters)
    def test_flipping_better_mirrors(
        self, a: float, ca: Comparator, b: float, cb: Comparator, better: Better
    ) -> None:
        """Reversing the generous direction turns above into below and back, and keeps the rest."""
        other = Better.LOWER if better is Better.HIGHER else Better.HIGHER
        outcome = compare((a, ca), (b, cb), better)
        assert _FLIP.get(outcome, outcome) == compare((a, ca), (b, cb), other)

    @given(numbers, comparators, numbers, comparators, betters)
    def test_swapping_sides_mirrors(
        self, a: float, ca: Comparator, b: float, cb: Comparator, better: Better
    ) -> None:
        """If local is above national, national is below local (antisymmetry)."""
        outcome = compare((a, ca), (b, cb), better)
        assert _FLIP.get(outcome, outcome) == compare((b, cb), (a, ca), better)

    @given(numbers, numbers, st.sampled_from([E, AL, AB]))
    def test_exact_values_order_like_numbers(self, a: float, b: float, national: Comparator) -> None:
        """With higher better, a local exact value is below, at or above the national one as numbers are."""
        expected = Outcome.BELOW if a < b else Outcome.ABOVE if a > b else Outcome.MET
        assert expected == compare((a, E), (b, national), HI)
