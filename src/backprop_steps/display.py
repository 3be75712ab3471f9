"""How numbers print: one rule for every page, table, drawing and doctest.

[`number`][backprop_steps.display.number] is the one formatter: the pages' equations, the tables
of the command line, the calculator and the pages, the diagrams and the doctests all print
through it, and [`scientific`][backprop_steps.display.scientific] is the one scientific form it
uses. The rule, as [the notation page][number-format] states it for a reader:

- a **given** value (an input, a target, a starting weight or bias, the learning rate) prints as
  it was given: `0.15`, `0.5`, `10`;
- a **computed** value prints at [`DECIMALS`][backprop_steps.display.DECIMALS] places, as the
  posts print theirs: `0.593269992`;
- a computed value smaller than [`SMALL`][backprop_steps.display.SMALL] (but not zero) prints in
  scientific notation with [`SIGNIFICANT`][backprop_steps.display.SIGNIFICANT] significant
  digits, `3.510e-05`; so does a quantity read for its power of ten (the gap between two
  computations, a tolerance, a step size), whatever its size.

Every number in a result of [`trace`][backprop_steps.scalar.trace] is a
[`Rounded`][backprop_steps.display.Rounded]: a `float` in every way (full precision in arithmetic
and in JSON) that prints by the rule, so a doctest does not depend on the last bits that `exp()`
gives on one platform.

Introduced in [The forward pass][forward-pass].
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "DECIMALS",
    "SIGNIFICANT",
    "SMALL",
    "Rounded",
    "number",
    "plain",
    "rounded",
    "scientific",
]

DECIMALS = 9
"""Decimal places of a computed value: the posts print 9 (`0.593269992`)."""

SMALL = 1e-4
"""Below this size a computed value prints in scientific notation: at 9 decimals it would keep
at most 5 significant digits behind a row of zeros (`0.000035102`), or none at all."""

SIGNIFICANT = 4
"""Significant digits of the scientific form: `3.510e-05`, enough to tell apart the Mazur
post's final error (`3.511e-05`) from the one its text describes (`3.510e-05`)."""


def number(x: float, given: bool = False, decimals: int = DECIMALS) -> str:
    """A number as every page, table and diagram shows it.

    A computed value prints at [`DECIMALS`][backprop_steps.display.DECIMALS] places, never as a
    negative zero; one smaller than [`SMALL`][backprop_steps.display.SMALL], but not zero,
    prints in [`scientific`][backprop_steps.display.scientific] notation. A given value (an
    input, a target, a starting weight, the learning rate) keeps the form it was given in
    (`0.15`, `10`), unless that is longer than a computed value's.

    Args:
        x: The number.
        given: Whether the reader typed it in, rather than the library computing it.
        decimals: Decimal places, for the few places that compare with a figure printed at
            another precision (the Mazur post prints its final error at 10, the neuralblog post
            its values at 5); these print in fixed point, and scientific only what would show
            as zero.

    Returns:
        The text.

    Examples:
        >>> number(0.15), number(0.15, given=True), number(10.0, given=True)
        ('0.150000000', '0.15', '10')
        >>> number(0.000035102), number(-1e-16), number(-0.0)
        ('3.510e-05', '-1.000e-16', '0.000000000')
        >>> number(0.000035102, decimals=10)
        '0.0000351020'

    Introduced in [The forward pass][forward-pass].
    """
    if given and (short := _given(x)) is not None:
        return short
    small = SMALL if decimals == DECIMALS else 0.5 * 10.0**-decimals
    if 0 < abs(x) < small:
        return scientific(x)
    text = f"{float(x):.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def _given(x: float) -> str | None:
    """The shortest form of a given value (`0.15`, `10`, `1e-05`), or None when it needs more
    digits than a computed value shows.
    """
    text = repr(float(x))
    if "e" in text:
        mantissa = text.partition("e")[0]
        return text if len(mantissa.lstrip("-")) <= SIGNIFICANT + 1 else None
    text = text.removesuffix(".0")
    return text if len(text.partition(".")[2]) <= DECIMALS else None


def scientific(x: float) -> str:
    """A number in scientific notation with [`SIGNIFICANT`][backprop_steps.display.SIGNIFICANT]
    significant digits (`3.510e-05`): a computed value too small for 9 decimals, and a quantity
    read for its power of ten, such as the gap between two ways of computing a gradient.

    Examples:
        >>> scientific(0.000035101877), scientific(2.0**-52)
        ('3.510e-05', '2.220e-16')

    Introduced in [The forward pass][forward-pass].
    """
    return f"{float(x):.{SIGNIFICANT - 1}e}"


class Rounded(float):
    """A float that prints as a computed value: [`number`][backprop_steps.display.number].

    Examples:
        >>> Rounded(0.1) + Rounded(0.2)
        0.30000000000000004
        >>> Rounded(0.1 + 0.2)
        0.300000000

    Introduced in [The forward pass][forward-pass].
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return number(self)

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self) if not spec else format(float(self), spec)


def rounded(value: Any) -> Any:
    """`value` with every float made [`Rounded`][backprop_steps.display.Rounded], through tuples.

    Introduced in [The forward pass][forward-pass].
    """
    if isinstance(value, tuple):
        return tuple(rounded(x) for x in value)
    if isinstance(value, float):
        return Rounded(value)
    return value


def plain(value: Any) -> Any:
    """`value` as JSON wants it: tuples and arrays as lists, every number a plain `float`.

    Introduced in [Check your own calculation][check-your-own].
    """
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list | tuple):
        return [plain(x) for x in value]
    return float(value)
