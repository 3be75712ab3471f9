r"""Losses, each beside its derivative with respect to an output, and the table every engine reads.

A loss here is the error of **one** output neuron; the total error sums them over the outputs,
$E_{total} = \sum_o E_o$. Derivatives are $\frac{\partial E_{total}}{\partial out_o}$, which
equals $\frac{\partial E_o}{\partial out_o}$ because no other output's error depends on $out_o$.

[`LOSSES`][backprop_steps.losses.LOSSES] is the one place a loss is defined: its value and
derivative for floats and for NumPy arrays, its LaTeX, and, where the chain rule cancels (cross-
entropy after a sigmoid or a softmax), the short form of the output deltas.

Introduced in [The total error][total-error].
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from backprop_steps.activations import Array, ArrayFunction, Vector

__all__ = [
    "HUBER_DELTA",
    "LOSSES",
    "LOSS_NAMES",
    "Loss",
    "binary_cross_entropy",
    "binary_cross_entropy_derivative",
    "categorical_cross_entropy",
    "categorical_cross_entropy_derivative",
    "huber",
    "huber_derivative",
    "output_loss",
    "sigmoid_cross_entropy_deltas",
    "softmax_cross_entropy_deltas",
    "squared_error",
    "squared_error_derivative",
]


def _log(x: float) -> float:
    return math.log(x) if x > 0.0 else -math.inf


def _ratio(a: float, b: float) -> float:
    """Return a / b, infinite (not an exception) when an output has saturated to exactly 0 or 1."""
    return a / b if b != 0.0 else math.copysign(math.inf, a)


def squared_error(target: float, out: float) -> float:
    r"""$E_o = \frac{1}{2}(target_o - out_o)^2$.

    Only arithmetic, so it serves NumPy arrays as it is (and so does its derivative).

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


HUBER_DELTA = 1.0
"""Where [`huber`][backprop_steps.losses.huber] turns from a parabola into a straight line."""
_D = f"{HUBER_DELTA:g}"


def huber(target: float, out: float) -> float:
    r"""$E_o = \frac{1}{2}(target_o - out_o)^2$ if $|target_o - out_o| \le 1$, else
    $|target_o - out_o| - \frac{1}{2}$.

    Squared error near the target, absolute error far from it: one far-off output cannot
    dominate the gradient.

    Args:
        target: What the output should be.
        out: What the output is.

    Returns:
        The error of this output.

    Examples:
        >>> huber(0.0, 0.5), huber(0.0, 3.0)
        (0.125, 2.5)

    Introduced in [The total error][total-error].
    """
    gap = abs(target - out)
    return 0.5 * gap * gap if gap <= HUBER_DELTA else HUBER_DELTA * (gap - 0.5 * HUBER_DELTA)


def huber_derivative(target: float, out: float) -> float:
    r"""$\frac{\partial E_{total}}{\partial out_o} = -(target_o - out_o)$, clipped to $[-1, 1]$.

    Args:
        target: What the output should be.
        out: What the output is.

    Returns:
        How fast the total error grows with this output.

    Introduced in [The total error][total-error].
    """
    gap = target - out
    if abs(gap) > HUBER_DELTA:  # beyond the parabola (a NaN stays NaN)
        gap = math.copysign(HUBER_DELTA, gap)
    return -gap


def _huber_array(Y: Array, Y_hat: Array) -> Array:
    import numpy as np

    gap = np.abs(Y - Y_hat)
    return np.where(gap <= HUBER_DELTA, 0.5 * gap * gap, HUBER_DELTA * (gap - 0.5 * HUBER_DELTA))


def _huber_derivative_array(Y: Array, Y_hat: Array) -> Array:
    import numpy as np

    return -np.clip(Y - Y_hat, -HUBER_DELTA, HUBER_DELTA)


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


def _log_array(A: Array) -> Array:
    import numpy as np

    with np.errstate(divide="ignore"):
        return np.log(A)


def _categorical_array(Y: Array, Y_hat: Array) -> Array:
    import numpy as np

    return np.where(Y != 0.0, -Y * _log_array(np.where(Y != 0.0, Y_hat, 1.0)), 0.0)


def _categorical_derivative_array(Y: Array, Y_hat: Array) -> Array:
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(Y != 0.0, -Y / Y_hat, 0.0)


def binary_cross_entropy(target: float, out: float) -> float:
    r"""$E_o = -target_o \ln out_o - (1 - target_o)\ln(1 - out_o)$.

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


def _binary_array(Y: Array, Y_hat: Array) -> Array:
    import numpy as np

    no = np.where(Y != 1.0, -(1.0 - Y) * _log_array(np.where(Y != 1.0, 1.0 - Y_hat, 1.0)), 0.0)
    return _categorical_array(Y, Y_hat) + no


def _binary_derivative_array(Y: Array, Y_hat: Array) -> Array:
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        no = np.where(Y != 1.0, (1.0 - Y) / (1.0 - Y_hat), 0.0)
    return _categorical_derivative_array(Y, Y_hat) + no


def sigmoid_cross_entropy_deltas(targets: Sequence[float], outs: Sequence[float]) -> Vector:
    r"""$\delta_o = out_o - target_o$ for sigmoid outputs with binary cross-entropy.

    The chain rule gives $\left(-\frac{t}{o} + \frac{1 - t}{1 - o}\right) \cdot o(1 - o)
    = -t(1 - o) + (1 - t)\,o = o - t$: the logistic slope cancels the loss's denominators. The
    short form is also the safe one: it stays finite when an output saturates to exactly 1.
    Only arithmetic on each pair, so the NumPy engine uses it on arrays as it is.

    Args:
        targets: The targets, in $[0, 1]$.
        outs: The sigmoid outputs.

    Returns:
        The output neurons' deltas.

    Examples:
        >>> print(f"{sigmoid_cross_entropy_deltas([0.01], [0.75136507])[0]:.9f}")
        0.741365070

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    return tuple(o - t for t, o in zip(targets, outs, strict=True))


def softmax_cross_entropy_deltas(targets: Sequence[float], outs: Sequence[float]) -> Vector:
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


def _softmax_deltas_array(Y: Array, Y_hat: Array) -> Array:
    return Y_hat * Y.sum(axis=1, keepdims=True) - Y


# --- the table --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Loss:
    r"""A loss in every spelling the library uses.

    Examples:
        >>> loss = output_loss("squared_error", "sigmoid")
        >>> print(f"{loss.derivative(0.01, 0.75136507):.9f}")
        0.741365070
        >>> loss.latex("t", "o")
        '\\tfrac{1}{2}(t - o)^2'

    Introduced in [The total error][total-error].
    """

    name: str
    """The name a network gives, such as `"squared_error"`."""
    error: Callable[[float, float], float]
    """$E_o$ from the target and the output."""
    derivative: Callable[[float, float], float]
    r"""$\frac{\partial E_{total}}{\partial out_o}$ from the target and the output."""
    latex: Callable[[str, str], str]
    """$E_o$ written with the LaTeX of the target and of the output."""
    latex_derivative: Callable[[str, str], str]
    r"""$\frac{\partial E_{total}}{\partial out_o}$ written likewise."""
    array_error: ArrayFunction
    """`error` on `(batch, outputs)` arrays of targets and outputs."""
    array_derivative: ArrayFunction
    """`derivative` on such arrays."""
    outputs: tuple[str, ...] | None = None
    """The output activations this form belongs to; `None` for any."""
    probabilities: bool = False
    """Whether targets must lie in $[0, 1]$."""
    deltas: Callable[[Sequence[float], Sequence[float]], Vector] | None = None
    r"""The output layer's deltas in one step from its targets and outputs, when the chain rule
    cancels to $out_o - target_o$; `None` to multiply by the activation's slope."""
    array_deltas: ArrayFunction | None = None
    """`deltas` on arrays."""
    latex_delta: Callable[[str, str, str], str] | None = None
    r"""$\delta_o$ in its short form, written with the LaTeX of the target, of the output and of
    the sum of the layer's targets."""


def _difference(target: str, out: str, total: str) -> str:
    return f"{out} - {target}"


def _softmax_difference(target: str, out: str, total: str) -> str:
    return f"{out} - {target}" if total == "1" else rf"{out} \cdot {total} - {target}"


LOSSES: tuple[Loss, ...] = (
    Loss(
        "squared_error",
        squared_error,
        squared_error_derivative,
        lambda t, o: rf"\tfrac{{1}}{{2}}({t} - {o})^2",
        lambda t, o: f"-({t} - {o})",
        squared_error,
        squared_error_derivative,
    ),
    Loss(
        "cross_entropy",
        binary_cross_entropy,
        binary_cross_entropy_derivative,
        lambda t, o: rf"-{t} \ln {o} - (1 - {t}) \ln(1 - {o})",
        lambda t, o: rf"-\frac{{{t}}}{{{o}}} + \frac{{1 - {t}}}{{1 - {o}}}",
        _binary_array,
        _binary_derivative_array,
        outputs=("sigmoid",),
        probabilities=True,
        deltas=sigmoid_cross_entropy_deltas,
        array_deltas=lambda Y, Y_hat: Y_hat - Y,
        latex_delta=_difference,
    ),
    Loss(
        "cross_entropy",
        categorical_cross_entropy,
        categorical_cross_entropy_derivative,
        lambda t, o: rf"-{t} \ln {o}",
        lambda t, o: rf"-\frac{{{t}}}{{{o}}}",
        _categorical_array,
        _categorical_derivative_array,
        outputs=("softmax",),
        probabilities=True,
        deltas=softmax_cross_entropy_deltas,
        array_deltas=_softmax_deltas_array,
        latex_delta=_softmax_difference,
    ),
    Loss(
        "huber",
        huber,
        huber_derivative,
        lambda t, o: (
            rf"\begin{{cases}} \tfrac{{1}}{{2}}({t} - {o})^2 & \lvert {t} - {o} \rvert \le {_D} \\"
            rf" {_D} (\lvert {t} - {o} \rvert - \tfrac{{{_D}}}{{2}}) & \text{{else}} \end{{cases}}"
        ),
        lambda t, o: rf"-\operatorname{{clip}}({t} - {o}, -{_D}, {_D})",
        _huber_array,
        _huber_derivative_array,
    ),
)
"""Every loss, one entry per form. `cross_entropy` has two: binary after sigmoid outputs,
categorical after a softmax layer."""

LOSS_NAMES: tuple[str, ...] = tuple(dict.fromkeys(loss.name for loss in LOSSES))
"""The loss names a network accepts."""


@cache
def output_loss(loss: str, activation: str) -> Loss:
    """The table entry for a loss name and an output activation.

    `cross_entropy` means the categorical form after a softmax layer and the binary form after
    sigmoid outputs; it is not defined for other output activations.

    Args:
        loss: A name of [`LOSS_NAMES`][backprop_steps.losses.LOSS_NAMES].
        activation: The output layer's activation name (already resolved from any alias).

    Returns:
        The loss.

    Raises:
        ValueError: If the loss is unknown or does not fit the output activation.

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    forms = [entry for entry in LOSSES if entry.name == loss]
    if not forms:
        raise ValueError(f"loss: unknown loss {loss!r}; expected one of {', '.join(LOSS_NAMES)}")
    for entry in forms:
        if entry.outputs is None or activation in entry.outputs:
            return entry
    accepted = " or ".join(a for entry in forms for a in entry.outputs or ())
    raise ValueError(f"loss: {loss} needs a {accepted} output layer, not {activation!r}")
