r"""How large the numbers of a step are, layer by layer: where gradients vanish.

For each weighted layer (the first hidden layer first), the mean $|\delta|$ of its neurons, the
mean $|\frac{\partial E_{total}}{\partial w}|$ of the weights into it, and the mean $|x|$ of the
values those weights carry (and the share of them that are 0), averaged over several steps (networks drawn from several seeds,
say), so one lucky draw does not decide the picture.

Introduced in [Deeper networks and other activations][deeper-networks].

Examples:
    >>> from backprop_steps import MAZUR, trace
    >>> sizes = mean_magnitudes([trace(MAZUR.network, *MAZUR.example)])
    >>> [round(d, 6) for d in sizes.deltas]  # the hidden layer, the output layer
    [0.009363, 0.088298]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backprop_steps.scalar import Trace

__all__ = ["Magnitudes", "mean_magnitudes"]


@dataclass(frozen=True)
class Magnitudes:
    """Mean sizes per weighted layer, the first hidden layer first, the output layer last.

    Introduced in [Deeper networks and other activations][deeper-networks].
    """

    deltas: tuple[float, ...]
    r"""The mean $|\delta|$ of the layer's neurons."""
    gradients: tuple[float, ...]
    r"""The mean $|\frac{\partial E_{total}}{\partial w}|$ of the weights into the layer."""
    carried: tuple[float, ...]
    """The mean $|x|$ of the values the weights into the layer carry: the inputs for the first
    layer, the outputs of the layer before for the others."""
    zeros: tuple[float, ...]
    """The share of those values that are exactly 0 (the outputs of inactive ReLU neurons)."""


def _mean_size(values: Sequence[float]) -> float:
    return sum(abs(x) for x in values) / len(values)


def _zero_share(values: Sequence[float]) -> float:
    return sum(x == 0.0 for x in values) / len(values)


def mean_magnitudes(steps: Sequence[Trace]) -> Magnitudes:
    r"""The mean sizes of each layer's deltas, gradients and carried values, averaged over steps.

    Args:
        steps: Steps of networks of one shape.

    Returns:
        For each weighted layer, each mean size averaged over the steps.

    Raises:
        ValueError: If there are no steps.

    Introduced in [Deeper networks and other activations][deeper-networks].
    """
    if not steps:
        raise ValueError("steps: expected at least one step, got none")
    layers = len(steps[0].layers)
    deltas, gradients, carried, zeros = ([0.0] * layers for _ in range(4))
    for step in steps:
        values = [step.inputs, *(layer.out for layer in step.layers)]
        for l, layer in enumerate(step.deltas):
            deltas[l] += _mean_size(layer) / len(steps)
            weights = [g for row in step.gradients.weights[l] for g in row]
            gradients[l] += _mean_size(weights) / len(steps)
            carried[l] += _mean_size(values[l]) / len(steps)
            zeros[l] += _zero_share(values[l]) / len(steps)
    return Magnitudes(tuple(deltas), tuple(gradients), tuple(carried), tuple(zeros))
