r"""A step worked out as a student works it: the tutorial's equations, some of them slipped.

[`work`][backprop_steps.worked.work] runs one training step, on one example or a batch, with the
one-equation functions of [`scalar`][backprop_steps.scalar] (`net_input`, `node_delta`,
`error_share`, `weight_gradient`, `bias_gradient`, `updated_weight`, ...) and the activation's and
the loss's own formulas, in the order a student computes them. A
[`Variant`][backprop_steps.slips.Variant] says how the student departs from the tutorial: its
[`Slip`][backprop_steps.slips.Slip]s (each one equation worked another way, in some layers), the
update order, and the [`Rounding`][backprop_steps.figures.Rounding] of every intermediate result
carried forward. `Variant()` is the tutorial's step: it gives what
[`trace`][backprop_steps.scalar.trace] gives, to the last bit. The catalogue of mistakes
([`mistakes`][backprop_steps.mistakes]) is a list of variants.

Examples:
    >>> from backprop_steps.examples import MAZUR
    >>> work(MAZUR).examples[0].deltas[1][0]  # delta_o1
    0.13849856162855698
    >>> forgot = Variant(slips=(Slip("slope", "one", frozenset({1})),))
    >>> work(MAZUR, forgot).examples[0].deltas[1][0]  # delta_o1 = dE_total/dout_o1
    0.7413650695523157

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import cast

from backprop_steps.activations import LayerActivation
from backprop_steps.network import DIVERGED, Layer, Matrix, Network, Vector
from backprop_steps.problem import Problem
from backprop_steps.scalar import (
    Gradients,
    LayerValues,
    Parameters,
    Trace,
    added,
    bias_gradient,
    check_run,
    error_share,
    net_input,
    node_delta,
    total_error,
    updated_weight,
    weight_gradient,
)
from backprop_steps.slips import RIGHT, Slip, Variant

__all__ = ["Worked", "WorkedExample", "variant_trace", "work"]


@dataclass(frozen=True)
class WorkedExample:
    """One example's part of a worked step: its forward pass and its backward pass.

    Introduced in [Check your own calculation][check-your-own].
    """

    inputs: Vector
    """The example's inputs."""
    targets: Vector
    """What its outputs should be."""
    layers: tuple[LayerValues, ...]
    """`net` and `out` of every layer."""
    errors: Vector
    r"""$E_o$ for each output: the example's own."""
    error_derivatives: tuple[Vector, ...]
    r"""$\frac{\partial E_{total}}{\partial out}$ for each neuron of each layer (on a batch with
    the mean, of the batch's $E_{total}$: the example's own divided by the batch size)."""
    activation_derivatives: tuple[Vector | None, ...]
    r"""$\frac{\partial out}{\partial net}$ for each neuron (`None` for softmax)."""
    deltas: tuple[Vector, ...]
    r"""$\delta = \frac{\partial E_{total}}{\partial net}$ for each neuron of each layer."""
    shares: tuple[Matrix, ...]
    r"""`shares[l][p][k]` is $\frac{\partial E_{p}}{\partial out_k}$: neuron $p$ of layer $l$'s
    share in the error derivative of input $k$ of that layer (`()` for the first layer)."""


@dataclass(frozen=True)
class Worked(Parameters):
    """A step as a variant works it, on one example or a batch.

    Introduced in [Check your own calculation][check-your-own].
    """

    network: Network
    """The network before the step (as the reader read it: weights exchanged, say)."""
    examples: tuple[WorkedExample, ...]
    """Each example's forward and backward pass."""
    total_error: float
    r"""$E_{total}$: of the one example, or the batch's mean (or sum)."""
    gradients: Gradients
    """The gradient of every weight and bias (of the batch)."""
    updated: Network
    """The network after the step."""
    order: str
    """The update order it was worked in."""


def _as_is(value: float) -> float:
    return value


Keep = Callable[[float], float]


def work(problem: Problem, variant: Variant = RIGHT, order: str = "simultaneous") -> Worked:
    """One training step worked as the variant works it: every example forward, then layer by
    layer from the outputs back, each example's deltas, the layer's gradient and its update.

    Args:
        problem: The network and one example or a batch.
        variant: How the step departs from the tutorial (default: not at all).
        order: The update order the problem asks for (the variant may use the other).

    Returns:
        Every quantity of the step.

    Raises:
        ValueError: For an unknown order, or when a value of the step is not finite.

    Introduced in [Check your own calculation][check-your-own].
    """
    order = variant.order or order
    check_run(order)
    network = _network(problem.network, variant)
    keep: Keep = variant.rounding or _as_is
    data = (
        zip(cast(Matrix, problem.inputs), cast(Matrix, problem.targets), strict=True)
        if problem.batched
        else [problem.example]
    )
    forward = [_forward(network, tuple(x), tuple(t), variant, keep) for x, t in data]
    return _backward(network, forward, variant, keep, order)


def _network(network: Network, v: Variant) -> Network:
    """The network the reader worked with: weights exchanged, the bias and batch settings."""
    exchanged = v.slip("weights")
    if exchanged is not None:
        l, j1, k1, j2, k2 = exchanged.at
        rows = [list(row) for row in network.layers[l].weights]
        rows[j1][k1], rows[j2][k2] = rows[j2][k2], rows[j1][k1]
        layers = list(network.layers)
        layers[l] = replace(layers[l], weights=tuple(map(tuple, rows)))
        network = replace(network, layers=tuple(layers))
    if v.slip("update_biases"):
        network = replace(network, update_biases=not network.update_biases)
    if (reduction := v.slip("reduction")) is not None and reduction.form == "opposite":
        network = replace(network, reduction="sum" if network.reduction == "mean" else "mean")
    return network


@dataclass
class _Example:
    """One example while the step is worked: filled in from the outputs back."""

    inputs: Vector
    targets: Vector
    layers: list[LayerValues]
    errors: Vector
    error_derivatives: list[Vector]
    activation_derivatives: list[Vector | None]
    deltas: list[Vector]
    shares: list[Matrix]


def _forward(network: Network, x: Vector, t: Vector, v: Variant, keep: Keep) -> _Example:
    values: list[LayerValues] = []
    inputs = x
    for l, layer in enumerate(network.layers):
        no_bias = v.slip("net_input", l) is not None
        net = tuple(
            keep(net_input(row, inputs, 0.0 if no_bias else layer.bias(j)))
            for j, row in enumerate(layer.weights)
        )
        f = layer.f
        out = f.value(net) if isinstance(f, LayerActivation) else tuple(f.value(n) for n in net)
        values.append(LayerValues(net, tuple(map(keep, out))))
        inputs = values[-1].out
    loss = network.loss_function
    factor = v.factor("error")
    errors = tuple(keep(loss.error(y, o) * factor) for y, o in zip(t, inputs, strict=True))
    count = len(values)
    return _Example(x, t, values, errors, [()] * count, [None] * count, [()] * count, [()] * count)


def _backward(
    network: Network, examples: list[_Example], v: Variant, keep: Keep, order: str
) -> Worked:
    loss, last = network.loss_function, len(network.layers) - 1
    size = len(examples)
    per_example = (s := v.slip("reduction")) is not None and s.form == "per-example"
    mean = network.reduction == "mean" and size > 1
    share_of_batch = 1.0 / size if mean and not per_example else 1.0
    divisor = size if mean and per_example else 1
    factor = v.factor("error_derivative") * share_of_batch
    errors = [
        tuple(
            keep(loss.derivative(y, o) * factor)
            for y, o in zip(e.targets, e.layers[last].out, strict=True)
        )
        for e in examples
    ]
    other_rate, added_to = v.slip("update", forms=("rate",)), v.slip("update", forms=("added",))
    rate = network.learning_rate if other_rate is None else other_rate.value
    rate = -rate if added_to else rate
    layers = list(network.layers)
    grad_w: list[Matrix] = [()] * (last + 1)
    grad_b: list[float | Vector] = [0.0] * (last + 1)
    for l in reversed(range(last + 1)):
        layer = layers[l]
        per_w, per_b = [], []
        for e, error in zip(examples, errors, strict=True):
            slopes = _slopes(layer, e.layers[l], v.slip("slope", l, ("net", "twice")), keep)
            if l == last and loss.deltas is not None:
                delta = _short_deltas(e, slopes, v, factor, keep, loss.deltas)
            else:
                left_out = v.slip("slope", l, ("one",)) is not None
                delta = _deltas(layer, e.layers[l], error, slopes, left_out, keep)
            e.error_derivatives[l], e.activation_derivatives[l], e.deltas[l] = error, slopes, delta
            source = e.inputs if l == 0 else e.layers[l - 1].out
            if l > 0 and v.slip("gradient_input", l):
                source = e.layers[l - 1].net
            per_w.append(tuple(tuple(keep(weight_gradient(d, s)) for s in source) for d in delta))
            per_b.append(_bias_gradient(layer, delta, v.slip("bias_gradient", l), keep))
        grad_w[l], grad_b[l] = _reduced(per_w, per_b, divisor, keep)
        layers[l] = _updated(layer, grad_w[l], grad_b[l], rate, network.update_biases, keep)
        if l > 0:
            through = layers[l] if order == "sequential" else layer
            weight = v.slip("share", l, ("other-weight", "transposed"))
            path = v.slip("share", l, ("one-output",))
            errors = [_hidden(e, l, through, weight, path, keep) for e in examples]
    total = added(total_error(e.errors) for e in examples)
    if mean:
        total /= size
    return Worked(
        network,
        tuple(_frozen(e) for e in examples),
        keep(total),
        Gradients(tuple(grad_w), tuple(grad_b)),
        _updated_network(network, tuple(layers)),
        order,
    )


def _frozen(e: _Example) -> WorkedExample:
    values = {f.name: getattr(e, f.name) for f in fields(WorkedExample)}
    return WorkedExample(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


def _slopes(layer: Layer, values: LayerValues, slip: Slip | None, keep: Keep) -> Vector | None:
    r"""$\frac{\partial out}{\partial net}$ of each neuron as the student writes it down."""
    f = layer.f
    if isinstance(f, LayerActivation):
        return None
    if slip is not None and slip.form == "net":
        return tuple(keep(f.derivative(n)) for n in values.net)
    if slip is not None and slip.form == "twice":
        return tuple(keep(f.derivative(f.value(o))) for o in values.out)
    return tuple(keep(f.derivative(o)) for o in values.out)


def _deltas(
    layer: Layer,
    values: LayerValues,
    error: Vector,
    slopes: Vector | None,
    left_out: bool,
    keep: Keep,
) -> Vector:
    r"""$\delta_j = \frac{\partial E_{total}}{\partial out_j} \frac{\partial out_j}{\partial net_j}$
    (for softmax, the Jacobian applied), or without the slope.
    """
    if slopes is None:
        return tuple(map(keep, cast(LayerActivation, layer.f).backward(values.out, error)))
    if left_out:
        slopes = tuple(1.0 for _ in slopes)
    return tuple(keep(node_delta(g, s)) for g, s in zip(error, slopes, strict=True))


def _short_deltas(
    e: _Example,
    slopes: Vector | None,
    v: Variant,
    factor: float,
    keep: Keep,
    short: Callable[[Sequence[float], Sequence[float]], Vector],
) -> Vector:
    r"""The output deltas in their short form, $out - target$ (scaled as the error derivative)."""
    out = e.layers[-1].out
    delta = tuple(keep(d * factor) for d in short(e.targets, out))
    if v.slip("short_delta"):
        own = slopes or tuple(o * (1.0 - o) for o in out)  # softmax: its diagonal
        delta = tuple(keep(d * s) for d, s in zip(delta, own, strict=True))
    return delta


def _hidden(
    e: _Example, l: int, layer: Layer, weight: Slip | None, path: Slip | None, keep: Keep
) -> Vector:
    r"""Each share $\delta_p w_{kp}$ and their sum $\frac{\partial E_{total}}{\partial out_k}$ for
    every input $k$ of layer `l` (recorded in the example): a slip may take a share through
    another weight, or the sum from one output only.
    """
    delta, weights = e.deltas[l], layer.weights
    e.shares[l] = tuple(
        tuple(keep(error_share(d, _weight(weights, p, k, weight))) for k in range(layer.fan_in))
        for p, d in enumerate(delta)
    )
    used = range(len(delta))
    if path is not None and path.at[0] < len(delta):
        used = range(path.at[0], path.at[0] + 1)
    return tuple(keep(added(e.shares[l][p][k] for p in used)) for k in range(layer.fan_in))


def _weight(weights: Matrix, p: int, k: int, slip: Slip | None) -> float:
    """The weight a share is taken through: `weights[p][k]`, or another one by a slip."""
    if slip is None:
        return weights[p][k]
    if slip.form == "transposed":
        return weights[k][p] if k < len(weights) and p < len(weights[0]) else weights[p][k]
    return weights[slip.at[2]][slip.at[3]] if (p, k) == slip.at[:2] else weights[p][k]


def _bias_gradient(layer: Layer, delta: Vector, slip: Slip | None, keep: Keep) -> float | Vector:
    if layer.shared_bias and slip is not None:
        return delta[slip.at[0]]
    gradient = bias_gradient(delta, layer.shared_bias)
    return gradient if isinstance(gradient, tuple) else keep(gradient)


def _reduced(
    per_w: list[Matrix], per_b: list[float | Vector], divisor: int, keep: Keep
) -> tuple[Matrix, float | Vector]:
    """The batch's gradient: the examples' gradients summed (divided by `divisor`)."""
    if len(per_w) == 1:
        return per_w[0], per_b[0]

    def combine(*values: float) -> float:
        return keep(added(values) / divisor)

    weights = tuple(tuple(map(combine, *rows)) for rows in zip(*per_w, strict=True))
    if isinstance(per_b[0], tuple):
        return weights, tuple(map(combine, *cast(list[Vector], per_b)))
    return weights, combine(*cast(list[float], per_b))


def _updated(
    layer: Layer,
    grad_w: Matrix,
    grad_b: float | Vector,
    rate: float,
    update_biases: bool,
    keep: Keep,
) -> Layer:
    r"""$w^+ = w - \eta \frac{\partial E_{total}}{\partial w}$ for every weight (and bias)."""
    weights = tuple(
        tuple(keep(updated_weight(w, g, rate)) for w, g in zip(row, grads, strict=True))
        for row, grads in zip(layer.weights, grad_w, strict=True)
    )
    biases = layer.biases
    if update_biases and isinstance(biases, tuple):
        biases = tuple(
            keep(updated_weight(b, g, rate))
            for b, g in zip(biases, cast(Vector, grad_b), strict=True)
        )
    elif update_biases:
        biases = keep(updated_weight(cast(float, biases), cast(float, grad_b), rate))
    return _layer(layer, weights, biases)


def _layer(layer: Layer, weights: Matrix, biases: float | Vector) -> Layer:
    """The layer with new numbers of the same shape: only checked to be finite (a step that
    overflowed stops here, with the message `Layer` gives), not checked again for the rest.
    """
    numbers = [*(w for row in weights for w in row)]
    numbers += biases if isinstance(biases, tuple) else [biases]
    if not all(map(math.isfinite, numbers)):
        raise ValueError(DIVERGED)
    new = copy.copy(layer)
    object.__setattr__(new, "weights", weights)
    object.__setattr__(new, "biases", biases)
    return new


def _updated_network(network: Network, layers: tuple[Layer, ...]) -> Network:
    """The network with its layers updated (same shapes, each layer already checked)."""
    new = copy.copy(network)
    object.__setattr__(new, "layers", layers)
    return new


def variant_trace(problem: Problem, variant: Variant, order: str = "simultaneous") -> Trace:
    r"""One step on one example worked as the variant works it, as a
    [`Trace`][backprop_steps.scalar.Trace] (which every renderer reads).

    `Variant()` gives exactly what `trace` gives, to the last bit.

    Introduced in [Check your own calculation][check-your-own].
    """
    step = work(problem, variant, order)
    [e] = step.examples
    return Trace(
        error_derivatives=e.error_derivatives,
        activation_derivatives=e.activation_derivatives,
        deltas=e.deltas,
        gradients=step.gradients,
        network=step.network,
        inputs=e.inputs,
        targets=e.targets,
        order=step.order,
        layers=e.layers,
        errors=e.errors,
        total_error=step.total_error,
        updated=step.updated,
    )
