"""A reader's figures: the rules a person shortens a number by, ties decided as on paper.

The figures here are written as a person writes them, with `decimal` (school rounding is
`ROUND_HALF_UP` on the value as written on paper), never with Python's `round` or `format`,
which round the binary double.
"""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_steps.figures import (
    RULES,
    Rounding,
    describe,
    matches,
    parse_figure,
    rules,
    significant_digits,
)
from strategies import examples

MODES = {"half-up": ROUND_HALF_UP, "half-even": ROUND_HALF_EVEN, "truncation": ROUND_DOWN}


def by_hand(paper: str, places: int, rule: str = "half-up") -> str:
    """A value as written on paper, shortened by a person to some decimals."""
    return str(Decimal(paper).quantize(Decimal(1).scaleb(-places), MODES[rule]))


@pytest.mark.parametrize(
    ("paper", "computed", "places"),
    [
        ("0.3925", 0.25 * 0.05 + 0.30 * 0.10 + 0.35, 3),  # net_h2 of the Mazur example
        ("0.3065", 0.15 * 0.1 + 0.2 * 0.3 + 0.2315, 3),
        ("0.35895", 0.4 - 0.5 * 0.0821, 4),  # a learning rate of 0.5 halves a 4-decimal figure
        ("-0.02105", -0.5 * 0.0421, 4),
    ],
)
@pytest.mark.parametrize("rule", RULES)
def test_a_tie_on_paper_is_judged_on_paper(
    paper: str, computed: float, places: int, rule: str
) -> None:
    assert computed != float(paper) or Decimal(computed) != Decimal(paper)  # a double off the tie
    figure = by_hand(paper, places, rule)
    assert matches(figure, computed)
    assert rule in rules(figure, computed)


def test_school_rounding_of_net_h2_is_not_the_doubles() -> None:
    net_h2 = 0.25 * 0.05 + 0.30 * 0.10 + 0.35
    assert f"{net_h2:.3f}" == "0.392"  # what Python prints: the double is below the tie
    assert rules("0.393", net_h2) == ("half-up",)
    assert rules("0.392", net_h2) == ("half-even", "truncation")
    assert not matches("0.394", net_h2) and not matches("0.391", net_h2)


def test_a_short_decimal_is_itself_when_truncated() -> None:
    # 0.35 is stored as 0.34999999999999997...: truncated on paper it is still 0.35
    assert matches("0.35", 0.35) and rules("0.35", 0.35) == RULES
    assert not matches("0.34", 0.35)
    assert rules("0.3", 0.1 + 0.2) == RULES  # 0.30000000000000004 is 0.3


@settings(max_examples=examples(200))
@given(
    st.decimals(min_value=-20, max_value=20, places=6, allow_nan=False, allow_infinity=False),
    st.integers(1, 5),
    st.sampled_from(RULES),
)
def test_a_figure_shortened_by_any_rule_matches(paper: Decimal, places: int, rule: str) -> None:
    computed = float(paper)
    figure = by_hand(str(paper), places, rule)
    assert matches(figure, computed), (figure, computed)
    assert rule in rules(figure, computed)


@settings(max_examples=examples(200))
@given(
    st.floats(-50, 50, allow_nan=False).filter(lambda v: abs(v) > 1e-9),
    st.integers(0, 8),
    st.integers(-2, 2),
)
def test_matches_is_exactly_some_rule_gives_the_figure(value: float, places: int, off: int) -> None:
    figure = f"{Decimal(f'{value:.{places}f}') + Decimal(off).scaleb(-places)}"
    if "." not in figure and "e" not in figure.lower():
        figure += ".0" if places == 0 else ""
    exact = math.isclose(float(figure), value, rel_tol=1e-12, abs_tol=1e-15)
    assert matches(figure, value) == (exact or bool(rules(figure, value))), figure


@pytest.mark.parametrize(
    ("digits", "significant", "rule", "value", "written"),
    [
        (3, False, "half-up", 0.25 * 0.05 + 0.30 * 0.10 + 0.35, "0.393"),
        (3, False, "half-even", 0.25 * 0.05 + 0.30 * 0.10 + 0.35, "0.392"),
        (3, False, "truncation", 0.5932699921, "0.593"),
        (4, False, "half-up", -0.0190491182, "-0.0190"),
        (3, True, "half-up", 0.000438568, "0.000439"),
        (3, True, "half-up", 0.0999996, "0.100"),
        (2, True, "half-up", 12.5, "13"),
        (2, True, "truncation", -0.0218, "-0.021"),
    ],
)
def test_rounding_as_a_person_carries_it(
    digits: int, significant: bool, rule: str, value: float, written: str
) -> None:
    assert Rounding(digits, significant, rule)(value) == float(written)


@settings(max_examples=examples(200))
@given(
    st.decimals(min_value=-9, max_value=9, places=7, allow_nan=False, allow_infinity=False),
    st.integers(2, 6),
    st.booleans(),
)
def test_rounding_is_school_rounding_of_the_paper_value(
    paper: Decimal, digits: int, significant: bool
) -> None:
    if paper == 0:
        return
    places = digits - paper.adjusted() - 1 if significant else digits
    expected = float(paper.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))
    assert Rounding(digits, significant)(float(paper)) == expected


def test_significant_digits_count_trailing_zeros() -> None:
    assert significant_digits("0.08020") == 4
    assert significant_digits("4.386e-4") == 4
    assert significant_digits("0.000") == 0


def test_the_rule_of_a_worksheet_is_named() -> None:
    net_h2 = 0.25 * 0.05 + 0.30 * 0.10 + 0.35
    assert describe([rules("0.393", net_h2), rules("0.5933", 0.593269992)]) == "rounded half up"
    assert describe([rules("0.392", net_h2), rules("0.5933", 0.593269992)]) == (
        "rounded half to even"
    )
    assert describe([rules("0.5932", 0.593269992)]) == "truncated"
    assert describe([rules("0.5932", 0.593269992), rules("0.7514", 0.751365070)]) == "mixed"
    assert describe([rules("0.12", 0.12)]) == "rounded or truncated"


def test_a_huge_figure_is_cut_in_its_error_line() -> None:
    with pytest.raises(ValueError) as error:
        parse_figure("out_h1", "9" * 5000)
    assert len(str(error.value)) < 120
    assert str(error.value).startswith("out_h1: '999999")
    assert "(5000 characters)" in str(error.value)
    with pytest.raises(ValueError, match=r"^out_h1: expected a number, got 'x{24}'\.\.\. \(5000"):
        parse_figure("out_h1", "x" * 5000)
