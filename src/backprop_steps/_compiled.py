"""Fast training on one example: the step of `scalar.py` written out for one network shape.

Not a teaching module. [`training.train`][backprop_steps.training.train] calls it so that ten
thousand steps of the Mazur example take milliseconds. For each network shape it writes the
training loop as straight-line Python (no lists, loops or lookups inside a step) and compiles it
once. Every value and derivative is a call to the same table entry that `scalar.py` calls
([`ACTIVATIONS`][backprop_steps.activations.ACTIVATIONS] and
[`LOSSES`][backprop_steps.losses.LOSSES]), and the arithmetic around the calls is the arithmetic
of `scalar.py`, operand for operand, so the trained weights equal those of repeated
[`trace`][backprop_steps.scalar.trace] calls to the last bit (a test checks it), and an
activation or a loss added to a table needs nothing here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, cast

from backprop_steps.activations import ACTIVATIONS, LayerActivation
from backprop_steps.losses import output_loss
from backprop_steps.network import DIVERGED, Layer, Network, Vector
from backprop_steps.scalar import check_run

__all__ = ["run"]

Run = Callable[..., tuple[list[float], tuple[float, ...], tuple[float, ...], Vector]]


def _names(prefix: str, count: int) -> list[str]:
    return [f"{prefix}_{j}" for j in range(count)]


def _tuple(names: list[str]) -> str:
    return "(" + "".join(f"{n}, " for n in names) + ")"


def _sum(terms: list[str]) -> str:
    return " + ".join(terms)


@dataclass(frozen=True)
class _Shape:
    """What a compiled program depends on: everything about the network but its numbers."""

    sizes: tuple[int, ...]
    activations: tuple[str, ...]
    shared: tuple[bool, ...]
    loss: str
    update_biases: bool

    @classmethod
    def of(cls, network: Network) -> _Shape:
        layers = network.layers
        return cls(
            network.sizes,
            tuple(layer.activation for layer in layers),
            tuple(layer.shared_bias for layer in layers),
            network.loss,
            network.update_biases,
        )

    def scope(self) -> dict[str, Any]:
        """The table entries the program calls, by the names it calls them."""
        loss = output_loss(self.loss, self.activations[-1])
        scope: dict[str, Any] = {
            "error": loss.error,
            "derivative": loss.derivative,
            "short": loss.deltas,
        }
        for l, name in enumerate(self.activations):
            f = ACTIVATIONS[name]
            scope[f"f{l}"] = f.value
            if isinstance(f, LayerActivation):
                scope[f"backward{l}"] = f.backward
            else:
                scope[f"slope{l}"] = f.derivative
        return scope


class _Source:
    """The names of one network shape's variables, and the statements of its step."""

    def __init__(self, shape: _Shape) -> None:
        sizes = shape.sizes
        self.count = len(sizes) - 1
        self.layered = [isinstance(ACTIVATIONS[a], LayerActivation) for a in shape.activations]
        self.shared = shape.shared
        self.x, self.t = _names("x", sizes[0]), _names("t", sizes[-1])
        self.outs = [self.x] + [_names(f"o{l}", sizes[l + 1]) for l in range(self.count)]
        self.W = [
            [_names(f"w{l}_{j}", sizes[l]) for j in range(sizes[l + 1])] for l in range(self.count)
        ]
        self.B = [
            [f"b{l}"] if shape.shared[l] else _names(f"b{l}", sizes[l + 1])
            for l in range(self.count)
        ]
        self.short = output_loss(shape.loss, shape.activations[-1]).deltas is not None
        self.update_biases = shape.update_biases

    def forward(self) -> list[str]:
        """net_input, then f (activation table) for each layer; then the total error."""
        lines = []
        for l in range(self.count):
            nets = _names(f"n{l}", len(self.W[l]))
            for j, (n, row) in enumerate(zip(nets, self.W[l], strict=True)):
                bias = self.B[l][0] if len(self.B[l]) == 1 else self.B[l][j]
                products = [f"{w} * {x}" for w, x in zip(row, self.outs[l], strict=True)]
                lines.append(f"{n} = {_sum(products)} + {bias}")
            if self.layered[l]:
                lines.append(f"{_tuple(self.outs[l + 1])} = f{l}({_tuple(nets)})")
            else:
                lines += [f"{o} = f{l}({n})" for o, n in zip(self.outs[l + 1], nets, strict=True)]
        errors = [f"error({t}, {o})" for t, o in zip(self.t, self.outs[-1], strict=True)]
        return [*lines, f"append({_sum(errors)})"]

    def deltas(self, l: int) -> list[str]:
        """The layer's deltas: the loss's short form, node_delta, or the layer's Jacobian."""
        d, g, out = (
            _names(f"d{l}", len(self.W[l])),
            _names(f"g{l}", len(self.W[l])),
            self.outs[l + 1],
        )
        if l == self.count - 1 and self.short:
            return [f"{_tuple(d)} = short({_tuple(self.t)}, {_tuple(out)})"]
        lines = []
        if l == self.count - 1:
            lines = [
                f"{gj} = derivative({t}, {o})" for gj, t, o in zip(g, self.t, out, strict=True)
            ]
        if self.layered[l]:
            return [*lines, f"{_tuple(d)} = backward{l}({_tuple(out)}, {_tuple(g)})"]
        return lines + [f"{dj} = {gj} * slope{l}({o})" for dj, gj, o in zip(d, g, out, strict=True)]

    def propagate(self, l: int) -> list[str]:
        """hidden_error_derivative for each output of the layer before."""
        d = _names(f"d{l}", len(self.W[l]))
        return [
            f"g{l - 1}_{k} = " + _sum([f"{dj} * {row[k]}" for dj, row in zip(d, self.W[l])])
            for k in range(len(self.outs[l]))
        ]

    def update(self, l: int) -> list[str]:
        """updated_weight(w, weight_gradient(delta, x), rate), and the biases unless frozen."""
        d = _names(f"d{l}", len(self.W[l]))
        lines = [
            f"{w} = {w} - rate * ({dj} * {x})"
            for dj, row in zip(d, self.W[l], strict=True)
            for w, x in zip(row, self.outs[l], strict=True)
        ]
        if not self.update_biases:
            return lines
        if self.shared[l]:
            return [*lines, f"{self.B[l][0]} = {self.B[l][0]} - rate * ({_sum(d)})"]
        return lines + [f"{b} = {b} - rate * {dj}" for b, dj in zip(self.B[l], d, strict=True)]

    def backward(self, sequential: bool) -> list[str]:
        """Deltas from the output layer back; the update before or after propagating."""
        lines = []
        for l in reversed(range(self.count)):
            propagate = self.propagate(l) if l else []
            lines += self.deltas(l)
            lines += (self.update(l) + propagate) if sequential else (propagate + self.update(l))
        return lines

    def program(self, sequential: bool) -> str:
        flat_w = [w for layer in self.W for row in layer for w in row]
        flat_b = [b for layer in self.B for b in layer]
        forward = self.forward()
        body = "\n        ".join(forward + self.backward(sequential))
        final = "\n    ".join(forward)
        return f"""
def run(steps, rate, inputs, targets, weights, biases):
    {_tuple(self.x)} = inputs
    {_tuple(self.t)} = targets
    {_tuple(flat_w)} = weights
    {_tuple(flat_b)} = biases
    errors = []
    append = errors.append
    for _ in range(steps):
        {body}
    {final}
    return errors, {_tuple(flat_w)}, {_tuple(flat_b)}, {_tuple(self.outs[-1])}
"""


@lru_cache(maxsize=64)
def _compile(shape: _Shape, sequential: bool) -> Run:
    scope = shape.scope()
    exec(compile(_Source(shape).program(sequential), "<backprop_steps._compiled>", "exec"), scope)
    return cast(Run, scope["run"])


def run(
    network: Network, inputs: Vector, targets: Vector, steps: int, order: str
) -> tuple[list[float], Network, Vector]:
    """Train on one example for `steps` steps.

    Returns:
        The total error before the first update and after each, the trained network, and its
        outputs after the last step.
    """
    check_run(order, steps)
    layers = network.layers
    program = _compile(_Shape.of(network), order == "sequential")
    weights = [w for layer in layers for row in layer.weights for w in row]
    biases = [b for layer in layers for b in _bias_list(layer)]
    errors, new_weights, new_biases, outputs = program(
        steps, network.learning_rate, inputs, targets, weights, biases
    )
    if not all(map(math.isfinite, new_weights + new_biases)):
        raise ValueError(DIVERGED)
    return errors, _rebuilt(network, new_weights, new_biases), outputs


def _bias_list(layer: Layer) -> tuple[float, ...]:
    return layer.biases if isinstance(layer.biases, tuple) else (layer.biases,)


def _rebuilt(network: Network, weights: tuple[float, ...], biases: tuple[float, ...]) -> Network:
    """The network with the flat lists of new weights and biases put back in their layers."""
    new_layers = []
    w_at = b_at = 0
    for layer in network.layers:
        rows = []
        for _ in range(layer.width):
            rows.append(tuple(weights[w_at : w_at + layer.fan_in]))
            w_at += layer.fan_in
        count = len(_bias_list(layer))
        layer_biases = biases[b_at] if layer.shared_bias else tuple(biases[b_at : b_at + count])
        b_at += count
        new_layers.append(replace(layer, weights=tuple(rows), biases=layer_biases))
    return replace(network, layers=tuple(new_layers))
