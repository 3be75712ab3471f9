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

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from backprop_steps.network import Layer, Network
from backprop_steps.scalar import Gradients
from backprop_steps.training import loss, step

__all__ = [
    "STEP",
    "GradientCheck",
    "ParameterCheck",
    "StepSizeSweep",
    "central_difference",
    "check_gradients",
    "nudged",
    "numerical_gradients",
    "parameter_checks",
    "relative_error",
    "step_size_sweep",
]


STEP = 1e-5
"""The default nudge $h$ of the central differences."""


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
    network: Network, inputs: Sequence[Any], targets: Sequence[Any], h: float = STEP
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
    network: Network, inputs: Sequence[Any], targets: Sequence[Any], h: float = STEP
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


# --- one parameter by name, and the choice of h -----------------------------------------------


def _position(network: Network, name: str) -> tuple[int, int, int | None]:
    """(layer, neuron, input) of a weight, (layer, neuron, None) of a bias, by its name."""
    names = network.names
    if name in names.weights:
        return names.weight(name)
    if name not in names.biases:
        known = ", ".join([*names.weights, *names.biases])
        raise ValueError(f"name: unknown weight or bias {name!r}; this network has {known}")
    l, j = names.bias(name)
    return l, j or 0, None


def _positive(h: object, path: str) -> float:
    if isinstance(h, bool) or not isinstance(h, int | float) or not h > 0.0:
        raise ValueError(f"{path}: expected a positive number, got {h!r}")
    return float(h)


def nudged(network: Network, name: str, h: float) -> Network:
    r"""The network with one weight or bias moved by `h`: $w \to w + h$.

    Args:
        network: The network.
        name: A weight or bias name, such as `"w5"` or `"b1"`.
        h: How far to move it (negative to move it down).

    Returns:
        A new network; `network` is unchanged.

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> nudged(MAZUR.network, "w5", 0.01).parameter("w5")
        0.41000000000000003

    Introduced in [Checking gradients][gradient-checking].
    """
    l, j, k = _position(network, name)
    return _nudged(network, l, j, k, h)


def central_difference(
    network: Network, inputs: Sequence[Any], targets: Sequence[Any], name: str, h: float
) -> float:
    r"""$\frac{E(w + h) - E(w - h)}{2h}$ for one weight or bias, by its name.

    Args:
        network: The network.
        inputs: One example, or a batch (one row per example).
        targets: What the outputs should be.
        name: A weight or bias name, such as `"w5"` or `"b1"`.
        h: The nudge; positive.

    Returns:
        The estimate of $\frac{\partial E_{total}}{\partial w}$.

    Raises:
        ValueError: For an unknown name, or a nudge that is not a positive number.

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> print(f"{central_difference(MAZUR.network, *MAZUR.example, 'w5', 1e-5):.9f}")
        0.082167041

    Introduced in [Checking gradients][gradient-checking].
    """
    h = _positive(h, "h")
    up = loss(nudged(network, name, h), inputs, targets)
    down = loss(nudged(network, name, -h), inputs, targets)
    return (up - down) / (2.0 * h)


@dataclass(frozen=True)
class ParameterCheck:
    """One parameter's gradient from backpropagation beside its finite-difference estimate.

    Introduced in [Checking gradients][gradient-checking].
    """

    name: str
    """The parameter's name, such as `w5` or `b1`."""
    analytic: float
    r"""$\frac{\partial E_{total}}{\partial w}$ from backpropagation."""
    numerical: float
    r"""$\frac{E(w + h) - E(w - h)}{2h}$."""

    @property
    def absolute_error(self) -> float:
        """$|numerical - analytic|$."""
        return abs(self.numerical - self.analytic)

    @property
    def relative_error(self) -> float:
        """The [`relative_error`][backprop_steps.gradcheck.relative_error] of the two."""
        return relative_error(self.analytic, self.numerical)


def parameter_checks(
    network: Network, inputs: Sequence[Any], targets: Sequence[Any], h: float = STEP
) -> tuple[ParameterCheck, ...]:
    """Backpropagation against central differences for every weight and bias, by name.

    Args:
        network: The network.
        inputs: One example, or a batch (one row per example).
        targets: What the outputs should be.
        h: The nudge.

    Returns:
        One check per parameter: the weights in the naming's order, then the biases.

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> checks = parameter_checks(MAZUR.network, *MAZUR.example)
        >>> [c.name for c in checks]
        ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'b1', 'b2']

    Introduced in [Checking gradients][gradient-checking].
    """
    backprop = step(network, inputs, targets)
    names = network.names
    return tuple(
        ParameterCheck(
            name,
            float(backprop.grad(name)),
            central_difference(network, inputs, targets, name, h),
        )
        for name in [*names.weights, *names.biases]
    )


@dataclass(frozen=True)
class StepSizeSweep:
    """How far the central difference of one parameter lands from backpropagation, for each h.

    Introduced in [Checking gradients][gradient-checking].
    """

    name: str
    """The parameter, such as `w5`."""
    analytic: float
    """Its gradient from backpropagation."""
    steps: tuple[float, ...]
    """The nudges $h$ tried, in the order given."""
    errors: tuple[float, ...]
    """$|numerical - analytic|$ at each of them."""

    @property
    def best(self) -> float:
        """The $h$ with the smallest error (the first of several equal ones)."""
        return min(zip(self.errors, self.steps, strict=True))[1]

    def error_at(self, h: float) -> float:
        """The error at one of the step sizes tried.

        Raises:
            ValueError: If `h` is not one of `steps`.
        """
        return self.errors[self.steps.index(h)]

    def slope(self, h_from: float, h_to: float) -> float:
        r"""The slope of the error on log-log axes, between the tried step sizes nearest two
        given ones: 2 where the error falls like $h^2$, -1 where it grows like $\frac{1}{h}$.

        Examples:
            >>> from backprop_steps.examples import MAZUR
            >>> steps = [10.0**-k for k in range(1, 5)]
            >>> sweep = step_size_sweep(MAZUR.network, *MAZUR.example, "w5", steps)
            >>> round(sweep.slope(1e-1, 1e-3), 2)
            2.0
        """
        i, j = (self.steps.index(self._nearest(h)) for h in (h_from, h_to))
        rise = math.log10(self.errors[i] / self.errors[j])
        return rise / math.log10(self.steps[i] / self.steps[j])

    def _nearest(self, h: float) -> float:
        return min(self.steps, key=lambda s: abs(math.log(s / h)))


def step_size_sweep(
    network: Network,
    inputs: Sequence[Any],
    targets: Sequence[Any],
    name: str,
    steps: Sequence[float],
) -> StepSizeSweep:
    r"""The error of the central difference of one parameter for each step size $h$.

    Too large an $h$ and the slope of the chord differs from the slope of the curve (the
    Taylor remainder, of order $h^2$); too small and $E(w + h) - E(w - h)$ loses its digits to
    rounding (an error of about $\varepsilon E / h$, with $\varepsilon \approx 2.2 \times
    10^{-16}$).

    Args:
        network: The network.
        inputs: One example, or a batch (one row per example).
        targets: What the outputs should be.
        name: A weight or bias name.
        steps: The nudges to try.

    Returns:
        The errors at each nudge.

    Raises:
        ValueError: For an unknown name, an empty list of steps or a step that is not positive.

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> sweep = step_size_sweep(MAZUR.network, *MAZUR.example, "w5", [1e-1, 1e-5, 1e-12])
        >>> sweep.best
        1e-05

    Introduced in [Checking gradients][gradient-checking].
    """
    if not steps:
        raise ValueError("steps: expected at least one step size, got an empty list")
    steps = [_positive(h, f"steps[{i}]") for i, h in enumerate(steps)]
    analytic = float(step(network, inputs, targets).grad(name))
    errors = tuple(
        abs(central_difference(network, inputs, targets, name, h) - analytic) for h in steps
    )
    return StepSizeSweep(name, analytic, tuple(steps), errors)
