"""How results print: at 9 decimal places, the precision of the posts.

Every number in a result of [`trace`][backprop_steps.scalar.trace] is a
[`Rounded`][backprop_steps.display.Rounded]: a `float` in every way (full precision in arithmetic
and in JSON) that shows 9 decimals when printed, so a doctest does not depend on the last bits
that `exp()` gives on one platform.

Introduced in [The forward pass][forward-pass].
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backprop_steps.network import Network

__all__ = ["DECIMALS", "Rounded", "plain", "rounded", "rounded_network"]

DECIMALS = 9
"""Decimal places shown: the posts print 9 (`0.593269992`)."""


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
        text = f"{float(self):.{DECIMALS}f}"
        return "0.000000000" if text == "-0.000000000" else text

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


def rounded_network(network: Network) -> Network:
    """`network` with every weight, bias and the learning rate made `Rounded`.

    Introduced in [The forward pass][forward-pass].
    """
    layers = tuple(
        replace(layer, weights=rounded(layer.weights), biases=rounded(layer.biases))
        for layer in network.layers
    )
    return replace(network, layers=layers, learning_rate=Rounded(network.learning_rate))
