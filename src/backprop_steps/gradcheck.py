r"""Gradient checking: backpropagation against central finite differences.

Nudge one parameter by $\pm h$, run the forward pass twice, and the slope of the total error is
$\frac{\partial E_{total}}{\partial w} \approx \frac{E(w + h) - E(w - h)}{2h}$, with an error of
order $h^2$. It needs no calculus, so it checks the calculus: if backpropagation and this agree
for every parameter, the gradients are right.

Introduced in [The hidden layer][hidden-layer].

Examples:
    >>> from backprop_steps.examples import MAZUR
    >>> check = check_gradients(MAZUR.network, MAZUR.inputs, MAZUR.targets)
    >>> check.max_relative_error < 1e-7
    True
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from backprop_steps.network import Layer, Network
from backprop_steps.scalar import Gradients
from backprop_steps.training import loss, step

__all__ = ["GradientCheck", "check_gradients", "numerical_gradients", "relative_error"]


def relative_error(analytic: float, numerical: float, floor: float = 1e-4) -> float:
    r"""$\frac{|a - n|}{\max(|a| + |n|, floor)}$: 0 when they agree, about 1 when unrelated.

    The floor keeps two gradients that are both almost zero from counting as a disagreement:
    finite differences carry an absolute error of about $10^{-10}$, which is large next to a
    gradient of $10^{-8}$.

    Introduced in [The hidden layer][hidden-layer].
    """
    return abs(analytic - numerical) / max(abs(analytic) + abs(numerical), floor)


def _parameters(network: Network) -> Iterator[tuple[int, int, int | None]]:
    """(layer, neuron, input) for each weight, then (layer, neuron, None) for each bias."""
    for l, layer in enumerate(network.layers):
        for j in range(layer.width):
            for k in range(layer.fan_in):
                yield l, j, k
        for j in range(1 if layer.shared_bias else layer.width):
            yield l, j, None


def _nudged(network: Network, l: int, j: int, k: int | None, h: float) -> Network:
    layer = network.layers[l]
    if k is not None:
        rows = [list(row) for row in layer.weights]
        rows[j][k] += h
        new = Layer(tuple(map(tuple, rows)), layer.biases, layer.activation)
    elif isinstance(layer.biases, tuple):
        biases = list(layer.biases)
        biases[j] += h
        new = Layer(layer.weights, tuple(biases), layer.activation)
    else:
        new = Layer(layer.weights, layer.biases + h, layer.activation)
    layers = list(network.layers)
    layers[l] = new
    return replace(network, layers=tuple(layers))


def numerical_gradients(
    network: Network, inputs: Sequence[Any], targets: Sequence[Any], h: float = 1e-5
) -> Gradients:
    r"""$\frac{E(w + h) - E(w - h)}{2h}$ for every weight and bias, shaped like the network.

    Args:
        network: The network.
        inputs: One example, or a batch (one row per example).
        targets: What the outputs should be.
        h: The nudge.

    Returns:
        The estimated gradients.

    Introduced in [The hidden layer][hidden-layer].
    """
    weights = [[[0.0] * layer.fan_in for _ in range(layer.width)] for layer in network.layers]
    biases: list[Any] = [
        0.0 if layer.shared_bias else [0.0] * layer.width for layer in network.layers
    ]
    for l, j, k in _parameters(network):
        up = loss(_nudged(network, l, j, k, h), inputs, targets)
        down = loss(_nudged(network, l, j, k, -h), inputs, targets)
        slope = (up - down) / (2.0 * h)
        if k is not None:
            weights[l][j][k] = slope
        elif isinstance(biases[l], list):
            biases[l][j] = slope
        else:
            biases[l] = slope
    return Gradients(
        tuple(tuple(map(tuple, w)) for w in weights),
        tuple(tuple(b) if isinstance(b, list) else b for b in biases),
    )


@dataclass(frozen=True)
class GradientCheck:
    """Backpropagation's gradients beside the finite-difference estimates.

    Introduced in [The hidden layer][hidden-layer].
    """

    analytic: Gradients
    """The gradients from backpropagation."""
    numerical: Gradients
    """The central finite-difference estimates."""
    max_relative_error: float
    """The largest [`relative_error`][backprop_steps.gradcheck.relative_error] over all
    parameters."""


def _flat(gradients: Gradients) -> list[float]:
    values = [g for layer in gradients.weights for row in layer for g in row]
    for b in gradients.biases:
        values += list(b) if isinstance(b, tuple) else [b]
    return [float(v) for v in values]


def check_gradients(
    network: Network, inputs: Sequence[Any], targets: Sequence[Any], h: float = 1e-5
) -> GradientCheck:
    """Compare backpropagation with finite differences for every parameter of any network.

    Args:
        network: The network.
        inputs: One example, or a batch (one row per example).
        targets: What the outputs should be.
        h: The nudge for the finite differences.

    Returns:
        Both sets of gradients and the largest relative error between them.

    Introduced in [The hidden layer][hidden-layer].
    """
    analytic = step(network, inputs, targets).gradients
    numerical = numerical_gradients(network, inputs, targets, h)
    worst = max(
        relative_error(a, n) for a, n in zip(_flat(analytic), _flat(numerical), strict=True)
    )
    return GradientCheck(analytic, numerical, worst)
