"""How numbers print: at 9 decimal places, the precision of the posts.

[`number`][backprop_steps.display.number] is the one formatter: the pages' equations, the tables
of the command line and the pages, the diagrams and the doctests all print through it. Every
number in a result of [`trace`][backprop_steps.scalar.trace] is a
[`Rounded`][backprop_steps.display.Rounded]: a `float` in every way (full precision in arithmetic
and in JSON) that shows 9 decimals when printed, so a doctest does not depend on the last bits
that `exp()` gives on one platform.

Introduced in [The forward pass][forward-pass].
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "DECIMALS",
    "Rounded",
    "number",
    "plain",
    "rounded",
    "scientific",
    "significant",
]

DECIMALS = 9
"""Decimal places shown: the posts print 9 (`0.593269992`)."""


def number(x: float, given: bool = False, decimals: int = DECIMALS) -> str:
    """A number as every page, table and diagram shows it.

    A computed value prints at [`DECIMALS`][backprop_steps.display.DECIMALS] places, never as a
    negative zero; one too small to show there, but not zero, prints in scientific notation
    (`-1.110e-16`), so a reader never sees `0.000000000` for something that is not zero. A
    given value (an input, a target, a starting weight) keeps its shortest form (`0.15`) when
    that has at most as many decimals.

    Args:
        x: The number.
        given: Whether the reader typed it in, rather than the library computing it.
        decimals: Decimal places, for the few places that compare with another precision
            (the Mazur post prints its final error at 10).

    Returns:
        The text.

    Examples:
        >>> number(0.15), number(0.15, given=True), number(-1e-12), number(-0.0)
        ('0.150000000', '0.15', '-1.000e-12', '0.000000000')

    Introduced in [The forward pass][forward-pass].
    """
    if 0 < abs(x) < 0.5 * 10.0**-decimals:
        return scientific(x)
    text = repr(float(x))
    if not given or "e" in text or len(text.split(".")[-1]) > decimals:
        text = f"{float(x):.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def scientific(x: float, digits: int = 3) -> str:
    """A number in scientific notation with `digits` decimals, for values that span powers of
    ten (`3.510e-05`).

    Introduced in [Training][training].
    """
    return f"{float(x):.{digits}e}"


def significant(x: float, digits: int = 10) -> str:
    """A number to `digits` significant digits, as the posts print some of theirs.

    Introduced in [Training][training].
    """
    return f"{float(x):.{digits}g}"


class Rounded(float):
    """A float that prints at [`DECIMALS`][backprop_steps.display.DECIMALS] places.

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
