r"""A figure: a number as a person writes it, and the rules a person shortens a number by.

A figure is kept as a string, so that its digits count: `"0.5930"` says the writer kept four
decimals (and four significant digits). A person shortens a value to the digits they write by
one of three [`RULES`][backprop_steps.figures.RULES]: rounding half up (school rounding: a tie
goes away from zero), rounding half to even, or truncating. [`rules`][backprop_steps.figures.rules]
says which of them turn a value into a figure, and [`matches`][backprop_steps.figures.matches]
whether any does: the rule the check of a reader's numbers applies. The errata classify each
figure the posts print with [`agreement`][backprop_steps.figures.agreement], from the same rules,
so a reader and a post are judged alike.

A tie is decided on the decimal value the step stands for, not on the binary double that
computed it: $0.25 \cdot 0.05 + 0.30 \cdot 0.10 + 0.35$ is $0.3925$ exactly, computed as the double
just below it, and rounded half up to three decimals it is $0.393$. A value within
[`TIE_ULPS`][backprop_steps.figures.TIE_ULPS] units in the last place of a tie (or of a figure
with fewer digits) is taken as that tie. [`Rounding`][backprop_steps.figures.Rounding] rounds the
same way, for a person who rounds every intermediate result and carries it forward.

Examples:
    >>> rules("0.393", 0.25 * 0.05 + 0.30 * 0.10 + 0.35)  # 0.3925, a tie
    ('half-up',)
    >>> agreement("0.45187", 0.451878125)  # rounded it would be 0.45188
    'truncation'
    >>> agreement("0.23456", 0.234563602)  # rounded or truncated, it is 0.23456
    'ambiguous'

Introduced in [The neuralblog example][neuralblog].
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from functools import lru_cache
from typing import Any

__all__ = [
    "AGREEMENTS",
    "FIGURE",
    "MOST_DECIMALS",
    "RULES",
    "SHOWN",
    "TIE_ULPS",
    "Rounding",
    "agreement",
    "decimals",
    "describe",
    "half_unit",
    "matches",
    "parse_figure",
    "parse_given",
    "rules",
    "shortened",
    "significant_digits",
    "stated",
    "written_forms",
]


FIGURE = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
"""A number as a reader writes it: `0.5930`, `-.25`, `4.386e-4`."""

SHOWN = 24
"""The most characters of a bad figure an error message repeats."""


def stated(text: str) -> str:
    """A figure as an error message repeats it: cut to its first digits when it is long.

    Examples:
        >>> stated("1" * 5000)
        "'111111111111111111111111'... (5000 characters)"

    Introduced in [Check your own calculation][check-your-own].
    """
    if len(text) <= SHOWN:
        return repr(text)
    return f"{text[:SHOWN]!r}... ({len(text)} characters)"


def parse_figure(name: str, value: object) -> str:
    """A reader's figure as written, checked to be a finite number in floating-point range.

    Args:
        name: The quantity it is given for, to name in an error.
        value: The figure: a string (a JSON number is read as its text).

    Returns:
        The figure, stripped, with all its digits: `"0.5930"` keeps its 4 decimals.

    Raises:
        ValueError: One line naming the quantity (a long figure cut to its first digits).

    Examples:
        >>> parse_figure("out_h1", " 0.5930 ")
        '0.5930'

    Introduced in [Check your own calculation][check-your-own].
    """
    if isinstance(value, bool) or not isinstance(value, str):
        shown = json.dumps(value)
        raise ValueError(
            f"{name}: expected a number, got {shown if len(shown) <= SHOWN else '...'}"
        )
    text = value.strip()
    if not FIGURE.fullmatch(text):
        raise ValueError(f"{name}: expected a number, got {stated(value)}")
    if not math.isfinite(float(text)):
        shown = text if len(text) <= SHOWN else stated(text)
        raise ValueError(f"{name}: {shown} is beyond the range of floating-point numbers")
    return text


def parse_given(text: str) -> dict[str, str]:
    r"""The reader's numbers: a JSON object, or `name value` lines (`#` starts a comment).

    Values are kept as written (a JSON number's text too), so `0.5930` keeps its 4 decimals.

    Raises:
        ValueError: One line naming the quantity (or the line) and the problem.

    Examples:
        >>> parse_given('{"out_h1": 0.5933, "w5+": "0.3589"}')
        {'out_h1': '0.5933', 'w5+': '0.3589'}
        >>> parse_given("out_h1 0.5933\nE_total = 0.2984")
        {'out_h1': '0.5933', 'E_total': '0.2984'}

    Introduced in [Check your own calculation][check-your-own].
    """
    text = text.removeprefix("\ufeff")  # a byte-order mark, as Notepad writes
    if text.lstrip()[:1] in ("{", "["):
        try:
            data = json.loads(text, parse_float=str, parse_int=str, object_pairs_hook=_no_repeats)
        except json.JSONDecodeError as error:
            raise ValueError(
                f"your numbers: not valid JSON ({error.msg} at line {error.lineno}, "
                f"column {error.colno})"
            ) from None
        if not isinstance(data, dict):
            raise ValueError("your numbers: expected a JSON object of name: value")
        return {str(k): parse_figure(k, v) for k, v in data.items()}
    given: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.partition("#")[0].replace("=", " ").replace(":", " ", 1).strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            raise ValueError(f"line {n}: expected a name and a number, got {stated(line)}")
        if parts[0] in given:
            raise ValueError(f"{parts[0]}: given twice (line {n})")
        given[parts[0]] = parse_figure(parts[0], parts[1])
    return given


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"{key}: given twice")
        seen[key] = value
    return seen


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


def significant_digits(figure: str) -> int:
    """How many significant digits a figure has: `"0.08020"` has 4, `"4.386e-4"` 4, `"0.000"` 0.

    Introduced in [Check your own calculation][check-your-own].
    """
    digits = Decimal(figure).as_tuple().digits
    return 0 if not any(digits) else len(digits)


RULES: tuple[str, ...] = ("half-up", "half-even", "truncation")
"""How a person shortens a value to the digits they write: rounded half up (a tie away from zero,
as taught at school and as a spreadsheet rounds), rounded half to even (a tie to the even digit),
or truncated (the further digits cut off, towards zero)."""

_MODES = {"half-up": ROUND_HALF_UP, "half-even": ROUND_HALF_EVEN, "truncation": ROUND_DOWN}

TIE_ULPS = 16
"""How many units in the last place of a double (`math.ulp`) may separate it from a decimal tie,
or from a shorter decimal, for it to be taken as that decimal: the few roundings of a step's
arithmetic move a value that is a tie on paper by a unit or two."""

_EXACT = Context(prec=800, Emax=999_999, Emin=-999_999)
"""Enough digits for any double at any quantum (a double has at most 767 significant digits)."""


def _quantum(figure: str) -> Decimal:
    return Decimal(1).scaleb(-decimals(figure))


def _decimal(value: float, quantum: Decimal) -> Decimal:
    """The decimal a computed value stands for at a quantum: the nearest multiple of half the
    quantum when the double lies within `TIE_ULPS` of it (a tie, or a shorter decimal), else the
    double's exact value.
    """
    exact = Decimal(value)
    half = quantum / 2
    nearest = _EXACT.multiply(_EXACT.divide(exact, half).to_integral_value(ROUND_HALF_EVEN), half)
    if abs(_EXACT.subtract(exact, nearest)) <= Decimal(TIE_ULPS * math.ulp(value)):
        return nearest
    return exact


def shortened(value: float, quantum: Decimal, rule: str) -> Decimal:
    """The value shortened to a quantum by a rule, a tie decided on its decimal value."""
    return _decimal(value, quantum).quantize(quantum, _MODES[rule], _EXACT)


def rules(figure: str, value: float) -> tuple[str, ...]:
    """The rules of [`RULES`][backprop_steps.figures.RULES] that shorten the value to the figure.

    Args:
        figure: The number as written, e.g. `"0.393"`.
        value: The value computed in full precision.

    Returns:
        Those rules, in the order of `RULES`; none when the figure is not the value shortened.

    Examples:
        >>> rules("0.3925", 0.3925), rules("0.392", 0.3925), rules("0.5932", 0.593269992)
        (('half-up', 'half-even', 'truncation'), ('half-even', 'truncation'), ('truncation',))

    Introduced in [Check your own calculation][check-your-own].
    """
    if not math.isfinite(value):
        return ()
    written, quantum = Decimal(figure), _quantum(figure)
    return tuple(rule for rule in RULES if shortened(value, quantum, rule) == written)


MOST_DECIMALS = 12
"""The most decimals [`written_forms`][backprop_steps.figures.written_forms] lists: a pocket
calculator shows 10 to 12 digits."""


def written_forms(value: float, fewest: int = 1, most: int = MOST_DECIMALS) -> tuple[str, ...]:
    """Every figure a careful person may write for a value: the value shortened by each of the
    `RULES` to each count of decimals, from one, that keeps at least `fewest` significant
    digits, up to `most` decimals. A figure of at most `most` decimals
    [`matches`][backprop_steps.figures.matches] the value exactly when it is one of these (once
    written as these are: no `+`, no exponent, a `0` before the point).

    Args:
        value: The value computed in full precision.
        fewest: The fewest significant digits a figure must keep.
        most: The most decimals.

    Returns:
        The figures, shortest first.

    Examples:
        >>> written_forms(0.3925, fewest=3, most=4)
        ('0.393', '0.392', '0.3925')
        >>> written_forms(-0.000438568, fewest=2, most=6)
        ('-0.00044', '-0.00043', '-0.000439', '-0.000438')

    Introduced in [Exercises][exercises].
    """
    if not math.isfinite(value) or value == 0:
        return ()
    first = max(1, fewest - 2 - _exponent(value))  # a rounding up may add a digit: 0.0996 -> 0.100
    forms: dict[str, None] = {}
    for places in range(first, most + 1):
        quantum = Decimal(1).scaleb(-places)
        for rule in RULES:
            text = f"{shortened(value, quantum, rule):f}"
            if significant_digits(text) >= fewest:
                forms[text] = None
    return tuple(forms)


AGREEMENTS: tuple[str, ...] = ("exact", "rounding", "ambiguous", "truncation", "wrong")
"""How a printed figure can relate to the value: the value itself; the value rounded to the
printed decimals where truncating would give other digits; rounded and truncated alike (the
figure cannot tell which the post did); truncated where rounding would give other digits; or
none of these."""


def _exact(figure: str, value: float) -> bool:
    return math.isclose(float(figure), value, rel_tol=1e-12, abs_tol=1e-15)


def agreement(figure: str, value: float) -> str:
    """How a printed figure relates to the computed value.

    Truncating cuts the further digits off (towards zero, as a hand calculation does); rounding
    is to the nearest, a tie either way (half up or half to even, see
    [`rules`][backprop_steps.figures.rules]). A figure counts as rounded or as truncated only when
    the other would have printed different digits, so a post's habit shows in its figures: one
    that truncates has no `"rounding"` figure, one that rounds no `"truncation"`.

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
    if _exact(figure, value):
        return "exact"
    found = rules(figure, value)
    rounds = "half-up" in found or "half-even" in found
    truncates = "truncation" in found
    if rounds and truncates:
        return "ambiguous"
    if rounds:
        return "rounding"
    if truncates:
        return "truncation"
    return "wrong"


def matches(figure: str, value: float) -> bool:
    """Whether a reader's figure is the value, or the value shortened by one of the `RULES`.

    A figure without a decimal point or an exponent is a whole number, taken as exact.

    Examples:
        >>> matches("0.7514", 0.751365070), matches("0.7513", 0.751365070)
        (True, True)
        >>> matches("0.7515", 0.751365070)
        False
        >>> matches("0.393", 0.3925), matches("0.392", 0.3925), matches("0.391", 0.3925)
        (True, True, False)

    Introduced in [Check your own calculation][check-your-own].
    """
    return math.isfinite(value) and _window(figure).holds(value)


@dataclass(frozen=True)
class _Window:
    """The values a figure matches: exactly `exact` (to 12 digits), or a magnitude in
    `[low, high)` (a tie at `low` rounds up to the figure, `high` truncates to the next one) of
    the figure's sign.
    """

    exact: float
    low: float
    high: float
    sign: int
    whole: bool

    def holds(self, value: float) -> bool:
        if math.isclose(self.exact, value, rel_tol=1e-12, abs_tol=1e-9 if self.whole else 1e-15):
            return True
        if self.whole or (self.sign and math.copysign(1.0, value) != self.sign):
            return False
        size, slack = abs(value), TIE_ULPS * math.ulp(value)
        return self.low - slack <= size < self.high - slack


@lru_cache(maxsize=4096)
def _window(figure: str) -> _Window:
    written = Decimal(figure)
    whole = "." not in figure and "e" not in figure.lower()
    quantum = _quantum(figure)
    size = abs(written)
    sign = 0 if size == 0 else (1 if written > 0 else -1)
    low = float(size - quantum / 2) if size else 0.0
    return _Window(float(written), low, float(size + quantum), sign, whole)


# --- a person who rounds as they go -----------------------------------------------------------


@dataclass(frozen=True)
class Rounding:
    """How a person rounds each intermediate result before carrying it forward: to a number of
    decimals or of significant digits, by one of the `RULES` (school rounding by default), a tie
    decided on the decimal value (see [`TIE_ULPS`][backprop_steps.figures.TIE_ULPS]).

    Examples:
        >>> net_h2 = 0.25 * 0.05 + 0.30 * 0.10 + 0.35  # 0.3925 on paper
        >>> Rounding(3)(net_h2), round(net_h2, 3)  # Python rounds the double just below
        (0.393, 0.392)
        >>> Rounding(3, significant=True)(0.000438568), Rounding(2, rule="truncation")(-0.019)
        (0.000439, -0.01)

    Introduced in [Check your own calculation][check-your-own].
    """

    digits: int
    """How many decimals (or significant digits) the person keeps."""
    significant: bool = False
    """Whether `digits` counts significant digits instead of decimals."""
    rule: str = "half-up"
    """How the further digits go: one of [`RULES`][backprop_steps.figures.RULES]."""

    def __call__(self, value: float) -> float:
        """The value as the person writes it down, and carries it forward."""
        if value == 0.0 or not math.isfinite(value):
            return value
        places = self.digits
        if self.significant:
            places -= _exponent(value) + 1
        size = abs(value)
        if not 0 <= places <= 22 or size * 10.0**places > 1e15:
            return float(shortened(value, Decimal(1).scaleb(-places), self.rule))
        scale = 10.0**places  # exact: a power of ten up to 1e22 is a double
        whole = math.floor(size * scale)
        slack = TIE_ULPS * math.ulp(size)
        if abs(size - (whole + 1) / scale) <= slack:  # a multiple of the quantum, just above
            whole += 1
        elif abs(size - whole / scale) > slack:
            tie = (whole + 0.5) / scale
            if abs(size - tie) <= slack:
                whole += self.rule == "half-up" or (self.rule == "half-even" and whole % 2 == 1)
            elif size > tie and self.rule != "truncation":
                whole += 1
        return math.copysign(whole / scale, value)

    def written(self, value: float) -> str:
        """The value as the person writes it on paper: rounded, its trailing zeros kept.

        Examples:
            >>> Rounding(4).written(0.59327), Rounding(3, significant=True).written(0.0004)
            ('0.5933', '0.000400')
        """
        shown = self(value)
        places = self.digits
        if self.significant and shown:
            places -= _exponent(shown) + 1
        return f"{shown + 0.0:.{max(places, 0)}f}"

    def __str__(self) -> str:
        unit = "significant digit" if self.significant else "decimal"
        return f"{self.digits} {unit}{'s' if self.digits != 1 else ''}"


def _exponent(value: float) -> int:
    """The power of ten of a value's first significant digit: -4 for 0.000438568."""
    return Decimal(value).adjusted()


_DESCRIBED = {
    frozenset({"half-up"}): "rounded half up",
    frozenset({"half-even"}): "rounded half to even",
    frozenset({"truncation"}): "truncated",
    frozenset({"half-up", "half-even"}): "rounded",
}


def describe(fitted: Iterable[tuple[str, ...]]) -> str:
    """The rule a reader's figures follow, from the rules each figure fits.

    Returns:
        `"rounded half up"`, `"rounded half to even"`, `"truncated"`, `"rounded"` (half up or
        half to even: no figure was a tie), `"rounded or truncated"` (the figures do not tell),
        or `"mixed"` (no one rule gives every figure).

    Examples:
        >>> describe([rules("0.393", 0.3925), rules("0.5933", 0.593269992)])
        'rounded half up'

    Introduced in [Check your own calculation][check-your-own].
    """
    common = set(RULES)
    for found in fitted:
        common &= set(found)
    if not common:
        return "mixed"
    return _DESCRIBED.get(frozenset(common), "rounded or truncated")
