r"""A figure: a number as a person writes it, and whether it is a value, rounded or truncated.

A figure is kept as a string, so that its decimals count: `"0.5930"` says the writer kept four.
[`agreement`][backprop_steps.figures.agreement] says how a figure relates to the value computed
in full precision: the value itself, the value rounded or truncated to the figure's decimals
(or either, when both give the same digits), or none of these.
[`matches`][backprop_steps.figures.matches] is the rule the check of a reader's numbers applies
(anything but `"wrong"`), and the errata classify each figure the posts print with the same
function, so a reader and a post are judged alike.

Examples:
    >>> agreement("0.45187", 0.451878125)  # rounded it would be 0.45188
    'truncation'
    >>> agreement("0.75136507", 0.7513650695523157)  # truncated it would be 0.75136506
    'rounding'
    >>> agreement("0.23456", 0.234563602)  # rounded or truncated, it is 0.23456
    'ambiguous'

Introduced in [The neuralblog example][neuralblog].
"""

from __future__ import annotations

import json
import math
import re
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from functools import lru_cache

__all__ = [
    "AGREEMENTS",
    "FIGURE",
    "agreement",
    "decimals",
    "half_unit",
    "matches",
    "parse_figure",
]


FIGURE = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
"""A number as a reader writes it: `0.5930`, `-.25`, `4.386e-4`."""


def parse_figure(name: str, value: object) -> str:
    """A reader's figure as written, checked to be a finite number in floating-point range.

    Args:
        name: The quantity it is given for, to name in an error.
        value: The figure: a string (a JSON number is read as its text).

    Returns:
        The figure, stripped, with all its digits: `"0.5930"` keeps its 4 decimals.

    Raises:
        ValueError: One line naming the quantity.

    Examples:
        >>> parse_figure("out_h1", " 0.5930 ")
        '0.5930'

    Introduced in [Check your own calculation][check-your-own].
    """
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError(f"{name}: expected a number, got {json.dumps(value)}")
    text = value.strip()
    if not FIGURE.fullmatch(text):
        raise ValueError(f"{name}: expected a number, got {value!r}")
    if not math.isfinite(float(text)):
        raise ValueError(f"{name}: {text} is beyond the range of floating-point numbers")
    return text


def decimals(figure: str) -> int:
    """How many decimals a printed figure has: `decimals("0.08020")` is 5, `decimals("1.5e-5")` 6.

    Introduced in [The neuralblog example][neuralblog].
    """
    exponent = Decimal(figure).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def half_unit(figure: str) -> float:
    """Half a unit in the last place of a printed figure: how far from its value a rounded
    figure can be. A truncated figure can be up to a whole unit away.

    Examples:
        >>> half_unit("0.3775"), half_unit("0.593269992")
        (5e-05, 5e-10)

    Introduced in [Test vectors][test-vectors].
    """
    return float(Decimal(5).scaleb(-decimals(figure) - 1))


AGREEMENTS: tuple[str, ...] = ("exact", "rounding", "ambiguous", "truncation", "wrong")
"""How a printed figure can relate to the value: the value itself; the value rounded to the
printed decimals where truncating would give other digits; rounded and truncated alike (the
figure cannot tell which the post did); truncated where rounding would give other digits; or
none of these."""


def agreement(figure: str, value: float) -> str:
    """How a printed figure relates to the computed value.

    Truncating cuts the further digits off (towards zero, as a hand calculation does); rounding
    is to the nearest, ties to even. A figure counts as rounded or as truncated only when the
    other would have printed different digits, so a post's habit shows in its figures: one that
    truncates has no `"rounding"` figure, one that rounds no `"truncation"`.

    Args:
        figure: The number as printed, e.g. `"0.45187"`.
        value: The value computed in full precision.

    Returns:
        `"exact"` if the figure is the value (to 12 significant digits); `"rounding"` if it is
        the value rounded to the figure's decimals and truncating would give another figure;
        `"ambiguous"` if rounding and truncating both give it; `"truncation"` if it is the value
        with the further digits cut off and rounding would give another figure; else `"wrong"`.

    Examples:
        >>> agreement("-0.01760", -0.017606526), agreement("-0.00049", -0.000491642)
        ('truncation', 'ambiguous')

    Introduced in [The neuralblog example][neuralblog].
    """
    printed = Decimal(figure)
    if math.isclose(float(printed), value, rel_tol=1e-12, abs_tol=1e-15):
        return "exact"
    quantum = Decimal(1).scaleb(-decimals(figure))
    exact = Decimal(value)
    rounds = exact.quantize(quantum, ROUND_HALF_EVEN) == printed
    truncates = exact.quantize(quantum, ROUND_DOWN) == printed
    if rounds and truncates:
        return "ambiguous"
    if rounds:
        return "rounding"
    if truncates:
        return "truncation"
    return "wrong"


def matches(figure: str, value: float) -> bool:
    """Whether a reader's figure is the value, rounded or truncated to the figure's decimals.

    Examples:
        >>> matches("0.7514", 0.751365070), matches("0.7513", 0.751365070)
        (True, True)
        >>> matches("0.7515", 0.751365070)
        False

    Introduced in [Check your own calculation][check-your-own].
    """
    return math.isfinite(value) and _agrees(figure, value)


@lru_cache(maxsize=65536)
def _agrees(figure: str, value: float) -> bool:
    """`agreement` is not `"wrong"`; far-off values are refused without it (it is slower)."""
    if "." not in figure and "e" not in figure.lower():  # a whole number: taken as exact
        return math.isclose(float(figure), value, rel_tol=1e-12, abs_tol=1e-9)
    unit = 10.0 ** -decimals(figure)
    if abs(float(figure) - value) > 2.0 * unit + 1e-12 * abs(value):
        return False
    return agreement(figure, value) != "wrong"
