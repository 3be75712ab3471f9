r"""Losses, each beside its derivative with respect to an output.

A loss here is the error of **one** output neuron; the total error sums them over the outputs,
$E_{total} = \sum_o E_o$. Derivatives are $\frac{\partial E_{total}}{\partial out_o}$, which
equals $\frac{\partial E_o}{\partial out_o}$ because no other output's error depends on $out_o$.

Introduced in [The total error][total-error].
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

__all__ = [
    "LOSSES",
    "binary_cross_entropy",
    "binary_cross_entropy_derivative",
    "categorical_cross_entropy",
    "categorical_cross_entropy_derivative",
    "output_loss",
    "sigmoid_cross_entropy_delta",
    "softmax_cross_entropy_deltas",
    "squared_error",
    "squared_error_derivative",
]

LOSSES: tuple[str, ...] = ("squared_error", "cross_entropy")
"""The loss names a network accepts. `cross_entropy` takes its form from the output layer."""


def _log(x: float) -> float:
    return math.log(x) if x > 0.0 else -math.inf


def _ratio(a: float, b: float) -> float:
    """Return a / b, infinite (not an exception) when an output has saturated to exactly 0 or 1."""
    return a / b if b != 0.0 else math.copysign(math.inf, a)


def squared_error(target: float, out: float) -> float:
    r"""$E_o = \frac{1}{2}(target_o - out_o)^2$.

    Args:
        target: What the output should be.
        out: What the output is.

    Returns:
        The error of this output.

    Examples:
        >>> print(f"{squared_error(0.01, 0.75136507):.9f}")
        0.274811083

    Introduced in [The total error][total-error].
    """
    return 0.5 * (target - out) * (target - out)


def squared_error_derivative(target: float, out: float) -> float:
    r"""$\frac{\partial E_{total}}{\partial out_o} = -(target_o - out_o)$.

    Args:
        target: What the output should be.
        out: What the output is.

    Returns:
        How fast the total error grows with this output.

    Examples:
        >>> print(f"{squared_error_derivative(0.01, 0.75136507):.9f}")
        0.741365070

    Introduced in [The output layer][output-layer].
    """
    return -(target - out)


def categorical_cross_entropy(target: float, out: float) -> float:
    r"""$E_o = -target_o \ln out_o$, one term of the cross-entropy of a softmax layer.

    A term whose target is 0 is 0, whatever the output.

    Args:
        target: The target probability of this class.
        out: The softmax output for this class.

    Returns:
        This output's share of the cross-entropy.

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    return -target * _log(out) if target != 0.0 else 0.0


def categorical_cross_entropy_derivative(target: float, out: float) -> float:
    r"""$\frac{\partial E_{total}}{\partial out_o} = -\frac{target_o}{out_o}$.

    Args:
        target: The target probability of this class.
        out: The softmax output for this class.

    Returns:
        How fast the total error grows with this output.

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    return _ratio(-target, out) if target != 0.0 else 0.0


def binary_cross_entropy(target: float, out: float) -> float:
    r"""$E_o = -\left[target_o \ln out_o + (1 - target_o)\ln(1 - out_o)\right]$.

    The loss of one sigmoid output read as the probability of a yes/no answer.

    Args:
        target: The target, in $[0, 1]$.
        out: The sigmoid output, in $(0, 1)$.

    Returns:
        The error of this output.

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    yes = -target * _log(out) if target != 0.0 else 0.0
    no = -(1.0 - target) * _log(1.0 - out) if target != 1.0 else 0.0
    return yes + no


def binary_cross_entropy_derivative(target: float, out: float) -> float:
    r"""$\frac{\partial E_{total}}{\partial out_o} = -\frac{target_o}{out_o} +
    \frac{1 - target_o}{1 - out_o}$.

    Args:
        target: The target, in $[0, 1]$.
        out: The sigmoid output, in $(0, 1)$.

    Returns:
        How fast the total error grows with this output.

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    yes = _ratio(-target, out) if target != 0.0 else 0.0
    no = _ratio(1.0 - target, 1.0 - out) if target != 1.0 else 0.0
    return yes + no


def sigmoid_cross_entropy_delta(target: float, out: float) -> float:
    r"""$\delta_o = out_o - target_o$ for a sigmoid output with binary cross-entropy.

    The chain rule gives $\left(-\frac{t}{o} + \frac{1 - t}{1 - o}\right) \cdot o(1 - o)
    = -t(1 - o) + (1 - t)\,o = o - t$: the logistic slope cancels the loss's denominators. The
    short form is also the safe one: it stays finite when an output saturates to exactly 1.

    Args:
        target: The target, in $[0, 1]$.
        out: The sigmoid output.

    Returns:
        The output neuron's delta.

    Examples:
        >>> print(f"{sigmoid_cross_entropy_delta(0.01, 0.75136507):.9f}")
        0.741365070

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    return out - target


def softmax_cross_entropy_deltas(
    targets: Sequence[float], outs: Sequence[float]
) -> tuple[float, ...]:
    r"""$\delta_j = out_j \sum_k target_k - target_j$, i.e. $out_j - target_j$ when the targets
    sum to 1, for a softmax layer with categorical cross-entropy.

    Args:
        targets: The targets of the layer.
        outs: The softmax outputs.

    Returns:
        Each output neuron's delta.

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    total = sum(targets)
    return tuple(o * total - t for t, o in zip(targets, outs, strict=True))


LossPair = tuple[Callable[[float, float], float], Callable[[float, float], float]]


def output_loss(loss: str, activation: str) -> LossPair:
    """The per-output loss and its derivative for a loss name and an output activation.

    `cross_entropy` means the categorical form after a softmax layer and the binary form after
    sigmoid outputs; it is not defined for other output activations.

    Args:
        loss: `"squared_error"` or `"cross_entropy"`.
        activation: The output layer's activation name.

    Returns:
        The pair (loss of one output, its derivative with respect to that output).

    Raises:
        ValueError: If the loss is unknown or does not fit the output activation.

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    if loss == "squared_error":
        return squared_error, squared_error_derivative
    if loss != "cross_entropy":
        raise ValueError(f"loss: unknown loss {loss!r}; expected one of {', '.join(LOSSES)}")
    if activation == "softmax":
        return categorical_cross_entropy, categorical_cross_entropy_derivative
    if activation in ("sigmoid", "logistic"):
        return binary_cross_entropy, binary_cross_entropy_derivative
    raise ValueError(
        f"loss: cross_entropy needs a sigmoid or softmax output layer, not {activation!r}"
    )
