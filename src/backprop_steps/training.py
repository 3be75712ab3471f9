r"""Training: a step is forward, loss, backward, update; training repeats it.

[`train_step`][backprop_steps.training.train_step] and [`train`][backprop_steps.training.train]
compute exactly what [`trace`][backprop_steps.scalar.trace] computes, in the same order of
floating-point operations (so the numbers agree to the last bit), but keep only the weights
between steps: training ten thousand steps does not pay for a trace of each.

By default every update of a step uses the weights from before the step, as both posts describe
(`order="simultaneous"`). With `order="sequential"` the output layer is updated first and its new
weights are used for the hidden deltas, as the 2015 companion code of the Mazur post did.

Introduced in [Training][training].
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, cast

from backprop_steps import vectorized
from backprop_steps.activations import softmax, softmax_backward
from backprop_steps.display import rounded, rounded_network
from backprop_steps.losses import output_loss, softmax_cross_entropy_deltas
from backprop_steps.network import DIVERGED, Matrix, Network, Vector
from backprop_steps.scalar import check_run

__all__ = ["History", "train", "train_step"]


@dataclass(frozen=True)
class History:
    """The result of training: how the total error fell, and where the network ended.

    Introduced in [Training][training].
    """

    errors: tuple[float, ...]
    """The total error before any update, then after each update: `steps + 1` numbers."""
    network: Network
    """The network after the last step."""
    outputs: Vector | Matrix
    """The network's outputs after the last step (one row per example for a batch)."""
    order: str
    """The update order used: `simultaneous` or `sequential`."""

    @property
    def final_error(self) -> float:
        """The total error after the last step."""
        return self.errors[-1]


def _sigmoid_of_negative(n: float) -> float:
    z = math.exp(n)
    return z / (1.0 + z)


_OUT = {
    # out_j from net_j, as activations.py computes it (sigmoid inlined for its positive branch)
    "sigmoid": "{o} = 1.0 / (1.0 + exp(-{n})) if {n} >= 0.0 else sigmoid_of_negative({n})",
    "tanh": "{o} = tanh({n})",
    "relu": "{o} = {n} if {n} > 0.0 else 0.0",
    "identity": "{o} = {n}",
}
_OUT["logistic"] = _OUT["sigmoid"]
_DELTA = {
    # node_delta(dE/dout, dout/dnet), the slope in terms of out as in activations.py
    "sigmoid": "{d} = {g} * ({o} * (1.0 - {o}))",
    "tanh": "{d} = {g} * (1.0 - {o} * {o})",
    "relu": "{d} = {g} * (1.0 if {o} > 0.0 else 0.0)",
    "identity": "{d} = {g} * 1.0",
}
_DELTA["logistic"] = _DELTA["sigmoid"]


def _names(prefix: str, count: int) -> list[str]:
    return [f"{prefix}_{j}" for j in range(count)]


@lru_cache(maxsize=64)
def _compile(
    sizes: tuple[int, ...],
    activations: tuple[str, ...],
    shared: tuple[bool, ...],
    squared_error: bool,
    update_biases: bool,
    sequential: bool,
) -> Callable[..., Any]:
    """Write a training loop for one network shape as straight-line Python, and compile it.

    Each statement is the arithmetic of an equation of scalar.py, operand for operand, so the
    trained weights equal those of repeated `trace` calls to the last bit; without lists, loops
    and calls inside a step, a step of the 2-2-2 network costs a few microseconds.
    """
    count = len(sizes) - 1
    x = _names("x", sizes[0])
    t = _names("t", sizes[-1])
    outs = [x] + [_names(f"o{l}", sizes[l + 1]) for l in range(count)]
    W = [[_names(f"w{l}_{j}", sizes[l]) for j in range(sizes[l + 1])] for l in range(count)]
    B = [[f"b{l}"] if shared[l] else _names(f"b{l}", sizes[l + 1]) for l in range(count)]
    flat_w = [w for layer in W for row in layer for w in row]
    flat_b = [b for layer in B for b in layer]

    def tuple_of(names: list[str]) -> str:
        return "(" + "".join(f"{n}, " for n in names) + ")"

    def bias(l: int, j: int) -> str:
        return B[l][0] if shared[l] else B[l][j]

    forward = []
    for l in range(count):
        nets = _names(f"n{l}", sizes[l + 1])
        for j, n in enumerate(nets):
            terms = " + ".join(f"{w} * {xk}" for w, xk in zip(W[l][j], outs[l], strict=True))
            forward.append(f"{n} = {terms} + {bias(l, j)}")
        if activations[l] == "softmax":
            forward.append(f"{tuple_of(outs[l + 1])} = softmax({tuple_of(nets)})")
        else:
            forward += [_OUT[activations[l]].format(o=o, n=n) for o, n in zip(outs[l + 1], nets)]
    y = outs[-1]
    if squared_error:
        errors = [f"0.5 * ({tj} - {oj}) * ({tj} - {oj})" for tj, oj in zip(t, y, strict=True)]
    else:
        errors = [f"loss({tj}, {oj})" for tj, oj in zip(t, y, strict=True)]
    forward.append("append(" + " + ".join(errors) + ")")

    backward = []
    if squared_error:
        backward = [
            f"g{count - 1}_{j} = -({tj} - {oj})"
            for j, (tj, oj) in enumerate(zip(t, y, strict=True))
        ]
    for l in range(count - 1, -1, -1):
        g, d = _names(f"g{l}", sizes[l + 1]), _names(f"d{l}", sizes[l + 1])
        if l == count - 1 and not squared_error:
            # cross-entropy: delta_o = out_o - target_o (scalar.cross_entropy_deltas)
            if activations[l] == "softmax":
                backward.append(f"{tuple_of(d)} = softmax_ce({tuple_of(t)}, {tuple_of(y)})")
            else:
                backward += [f"{dj} = {oj} - {tj}" for dj, oj, tj in zip(d, y, t, strict=True)]
        elif activations[l] == "softmax":
            backward.append(
                f"{tuple_of(d)} = softmax_backward({tuple_of(outs[l + 1])}, {tuple_of(g)})"
            )
        else:
            backward += [
                _DELTA[activations[l]].format(d=dj, g=gj, o=oj)
                for dj, gj, oj in zip(d, g, outs[l + 1], strict=True)
            ]
        propagate = (
            [
                f"g{l - 1}_{k} = " + " + ".join(f"{dj} * {W[l][j][k]}" for j, dj in enumerate(d))
                for k in range(sizes[l])
            ]
            if l
            else []
        )
        if not sequential:
            backward += propagate
        backward += [
            f"{w} = {w} - rate * ({dj} * {xk})"
            for j, dj in enumerate(d)
            for w, xk in zip(W[l][j], outs[l], strict=True)
        ]
        if sequential:
            backward += propagate
        if update_biases and shared[l]:
            backward.append(f"{B[l][0]} = {B[l][0]} - rate * ({' + '.join(d)})")
        elif update_biases:
            backward += [f"{b} = {b} - rate * {dj}" for b, dj in zip(B[l], d, strict=True)]

    body = "\n        ".join([*forward, *backward])
    final = "\n    ".join(forward)
    source = f"""
def run(steps, rate, inputs, targets, weights, biases):
    {tuple_of(x)} = inputs
    {tuple_of(t)} = targets
    {tuple_of(flat_w)} = weights
    {tuple_of(flat_b)} = biases
    errors = []
    append = errors.append
    for _ in range(steps):
        {body}
    {final}
    return errors, {tuple_of(flat_w)}, {tuple_of(flat_b)}, {tuple_of(y)}
"""
    scope: dict[str, Any] = {
        "exp": math.exp,
        "tanh": math.tanh,
        "sigmoid_of_negative": _sigmoid_of_negative,
        "softmax": softmax,
        "softmax_backward": softmax_backward,
        "softmax_ce": softmax_cross_entropy_deltas,
    }
    if not squared_error:
        # cross-entropy: the form (categorical or binary) follows the output activation
        scope["loss"] = output_loss("cross_entropy", activations[-1])[0]
    exec(compile(source, "<backprop_steps.training>", "exec"), scope)
    return cast(Callable[..., Any], scope["run"])


def _run(
    network: Network, inputs: Vector, targets: Vector, steps: int, order: str
) -> tuple[list[float], Network, Vector]:
    """Train on one example; return the error history, the network and its final outputs."""
    check_run(order, steps)
    layers = network.layers
    run = _compile(
        network.sizes,
        tuple(layer.activation for layer in layers),
        tuple(layer.shared_bias for layer in layers),
        network.loss == "squared_error",
        network.update_biases,
        order == "sequential",
    )
    weights = [w for layer in layers for row in layer.weights for w in row]
    biases = [
        b
        for layer in layers
        for b in (layer.biases if isinstance(layer.biases, tuple) else (layer.biases,))
    ]
    errors, new_weights, new_biases, outputs = run(
        steps, network.learning_rate, inputs, targets, weights, biases
    )
    if not all(map(math.isfinite, new_weights + new_biases)):
        raise ValueError(DIVERGED)
    new_layers = []
    w_at = b_at = 0
    for layer in layers:
        rows = []
        for _ in range(layer.width):
            rows.append(tuple(new_weights[w_at : w_at + layer.fan_in]))
            w_at += layer.fan_in
        if layer.shared_bias:
            layer_biases: float | Vector = new_biases[b_at]
            b_at += 1
        else:
            layer_biases = tuple(new_biases[b_at : b_at + layer.width])
            b_at += layer.width
        new_layers.append(replace(layer, weights=tuple(rows), biases=layer_biases))
    return errors, replace(network, layers=tuple(new_layers)), outputs


def train_step(
    network: Network,
    inputs: Sequence[float],
    targets: Sequence[float],
    order: str = "simultaneous",
) -> Network:
    """One training step on one example: forward, loss, backward, update.

    Args:
        network: The network before the step.
        inputs: One example's inputs.
        targets: What the outputs should be.
        order: `"simultaneous"` (default) or `"sequential"`.

    Returns:
        The network after the step (the same as `trace(...).updated`).

    Introduced in [Training][training].
    """
    return _run(network, tuple(inputs), tuple(targets), 1, order)[1]


def train(
    network: Network,
    inputs: Sequence[float] | Sequence[Sequence[float]],
    targets: Sequence[float] | Sequence[Sequence[float]],
    steps: int,
    order: str = "simultaneous",
) -> History:
    """Train for `steps` steps and record the total error before and after each.

    One example trains in plain Python floats; a batch (one row per example) trains with the
    NumPy engine, one step per pass over the whole batch.

    Args:
        network: The network before training.
        inputs: One example's inputs, or a batch of them.
        targets: What the outputs should be (one row per example for a batch).
        steps: How many steps.
        order: `"simultaneous"` (default) or `"sequential"`.

    Returns:
        The history; its numbers print at 9 decimals.

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> history = train(MAZUR.network, MAZUR.inputs, MAZUR.targets, steps=1)
        >>> history.errors
        (0.298371109, 0.291027774)

    Introduced in [Training][training].
    """
    if inputs and isinstance(inputs[0], Sequence):
        errors_b, network_b, outputs_b = vectorized.train(network, inputs, targets, steps, order)
        return History(
            rounded(tuple(errors_b)), rounded_network(network_b), rounded(outputs_b), order
        )
    errors, trained, outputs = _run(
        network,
        tuple(float(v) for v in inputs),  # type: ignore[arg-type]
        tuple(float(v) for v in targets),  # type: ignore[arg-type]
        steps,
        order,
    )
    return History(rounded(tuple(errors)), rounded_network(trained), rounded(outputs), order)
