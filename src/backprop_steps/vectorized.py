r"""The same step in NumPy: batches of examples and networks of any depth.

Arrays are capitalised. `X` holds the inputs, one row per example (shape `(batch, features)`),
`Y` the targets and `Y_hat` the outputs. Layer $l$ has a weight matrix `W[l]` of shape
`(neurons, inputs)` and a bias `b[l]` (a number when the layer shares one bias, else one per
neuron), so a layer computes `NET = OUT_prev @ W[l].T + b[l]`.

The bridge to the tutorial's names: in a 2-2-2 network `W_h = W[0]` and `W_o = W[1]`, one row per
receiving neuron; in the Mazur naming `W_h = [[w1, w2], [w3, w4]]` and
`W_o = [[w5, w6], [w7, w8]]` (see the example below).

The loss of a batch is the mean (default) or the sum of the per-example total errors, so every
delta and gradient here is a derivative of that reduced loss. On a single example this engine
agrees with [`scalar.trace`][backprop_steps.scalar.trace] to 1e-12.

Introduced in [Mini-batches][q-mini-batches].

Examples:
    >>> from backprop_steps.examples import MAZUR
    >>> W, b = parameters(MAZUR.network)
    >>> W[0].tolist(), b[0]
    ([[0.15, 0.2], [0.25, 0.3]], 0.35)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backprop_steps.network import DIVERGED, Layer, Network
from backprop_steps.scalar import check_run

__all__ = ["BatchTrace", "forward", "parameters", "trace", "train"]

Array = NDArray[np.float64]
Bias = float | Array


def parameters(network: Network) -> tuple[list[Array], list[Bias]]:
    """The network's weights and biases as arrays: `W[l]` of shape `(neurons, inputs)`, `b[l]`.

    Args:
        network: The network.

    Returns:
        `(W, b)`: one weight matrix and one bias (a float if shared) per layer.

    Introduced in [Mini-batches][q-mini-batches].
    """
    W = [np.array(layer.weights, dtype=np.float64) for layer in network.layers]
    b: list[Bias] = [
        layer.biases
        if isinstance(layer.biases, float)
        else np.array(layer.biases, dtype=np.float64)
        for layer in network.layers
    ]
    return W, b


def _activate(activation: str, NET: Array) -> Array:
    OUT: Array
    if activation in ("sigmoid", "logistic"):
        E = np.exp(-np.abs(NET))
        OUT = np.where(NET >= 0, 1.0 / (1.0 + E), E / (1.0 + E))
    elif activation == "tanh":
        OUT = np.tanh(NET)
    elif activation == "relu":
        OUT = np.where(NET > 0, NET, 0.0)
    elif activation == "identity":
        OUT = NET.copy()
    else:
        Z = np.exp(NET - NET.max(axis=1, keepdims=True))
        OUT = Z / Z.sum(axis=1, keepdims=True)
    return OUT


def _backward_through(activation: str, OUT: Array, G: Array) -> Array:
    """dE/dNET from dE/dOUT for a layer's activation."""
    if activation in ("sigmoid", "logistic"):
        return G * (OUT * (1.0 - OUT))
    if activation == "tanh":
        return G * (1.0 - OUT * OUT)
    if activation == "relu":
        return G * (OUT > 0.0).astype(np.float64)
    if activation == "identity":
        return G.copy()
    D: Array = OUT * (G - (G * OUT).sum(axis=1, keepdims=True))
    return D


def _log(A: Array) -> Array:
    with np.errstate(divide="ignore"):
        L: Array = np.log(A)
    return L


def _losses(network: Network, Y: Array, Y_hat: Array) -> Array:
    """Per-output errors, shape (batch, outputs)."""
    if network.loss == "squared_error":
        return 0.5 * (Y - Y_hat) ** 2
    yes = np.where(Y != 0.0, -Y * _log(np.where(Y != 0.0, Y_hat, 1.0)), 0.0)
    if network.layers[-1].activation == "softmax":
        return yes
    no = np.where(Y != 1.0, -(1.0 - Y) * _log(np.where(Y != 1.0, 1.0 - Y_hat, 1.0)), 0.0)
    return yes + no


def _loss_derivatives(network: Network, Y: Array, Y_hat: Array) -> Array:
    """dE/dY_hat per example and output, before the reduction."""
    if network.loss == "squared_error":
        return -(Y - Y_hat)
    with np.errstate(divide="ignore", invalid="ignore"):
        yes = np.where(Y != 0.0, -Y / Y_hat, 0.0)
        if network.layers[-1].activation == "softmax":
            return yes
        return yes + (1.0 - Y) / (1.0 - Y_hat)


def _scale(network: Network, batch: int) -> float:
    return 1.0 / batch if network.reduction == "mean" else 1.0


def forward(network: Network, X: Array) -> tuple[list[Array], list[Array]]:
    """The forward pass of a batch.

    Args:
        network: The network.
        X: Inputs, shape `(batch, features)`.

    Returns:
        `(NET, OUT)`: for each layer, net inputs and outputs of shape `(batch, neurons)`.

    Introduced in [Mini-batches][q-mini-batches].
    """
    W, b = parameters(network)
    return _forward(network, W, b, X)


def _forward(
    network: Network, W: list[Array], b: list[Bias], X: Array
) -> tuple[list[Array], list[Array]]:
    NET, OUT = [], []
    current = X
    for layer, W_l, b_l in zip(network.layers, W, b, strict=True):
        NET.append(current @ W_l.T + b_l)
        current = _activate(layer.activation, NET[-1])
        OUT.append(current)
    return NET, OUT


def _step(
    network: Network, W: list[Array], b: list[Bias], X: Array, Y: Array, order: str
) -> tuple[list[Array], list[Array], Array, float, list[Array], list[Array], list[Bias]]:
    """One step in place on W and b; returns what a trace needs."""
    NET, OUT = _forward(network, W, b, X)
    E = _losses(network, Y, OUT[-1])
    per_example = E.sum(axis=1)
    total = float(per_example.mean() if network.reduction == "mean" else per_example.sum())
    scale = _scale(network, X.shape[0])
    G = _loss_derivatives(network, Y, OUT[-1]) * scale
    count = len(network.layers)
    deltas: list[Array] = [X] * count
    grads_W: list[Array] = [X] * count
    grads_b: list[Bias] = [0.0] * count
    rate = network.learning_rate
    for l in range(count - 1, -1, -1):
        layer = network.layers[l]
        if l == count - 1 and network.loss == "cross_entropy":
            # delta_o = out_o - target_o (out_o * sum(targets) - target_o for softmax)
            total_target = Y.sum(axis=1, keepdims=True) if layer.activation == "softmax" else 1.0
            D = (OUT[l] * total_target - Y) * scale
        else:
            D = _backward_through(layer.activation, OUT[l], G)
        deltas[l] = D
        grads_W[l] = D.T @ (OUT[l - 1] if l else X)
        grads_b[l] = float(D.sum()) if layer.shared_bias else D.sum(axis=0)
        before = W[l]
        W[l] = before - rate * grads_W[l]
        if network.update_biases:
            b[l] = b[l] - rate * grads_b[l]
        if l:
            G = D @ (W[l] if order == "sequential" else before)
    return NET, OUT, E, total, deltas, grads_W, grads_b


def _network(network: Network, W: list[Array], b: list[Bias]) -> Network:
    if not all(np.isfinite(W_l).all() and np.isfinite(b_l).all() for W_l, b_l in zip(W, b)):
        raise ValueError(DIVERGED)
    layers = tuple(
        Layer(
            tuple(map(tuple, W_l.tolist())),
            b_l if isinstance(b_l, float) else tuple(b_l.tolist()),
            layer.activation,
        )
        for layer, W_l, b_l in zip(network.layers, W, b, strict=True)
    )
    return replace(network, layers=layers)


def _as_batch(data: Sequence[Any], name: str) -> Array:
    A = np.array(data, dtype=np.float64)
    if A.ndim == 1:
        A = A[None, :]
    if A.ndim != 2:
        raise ValueError(f"{name}: expected one example or a batch (a list of rows)")
    return A


@dataclass(frozen=True)
class BatchTrace:
    """Every quantity of one step on a batch. Arrays carry the example dimension first.

    Introduced in [Mini-batches][q-mini-batches].
    """

    NET: tuple[Array, ...]
    """Net inputs of each layer, shape `(batch, neurons)`."""
    OUT: tuple[Array, ...]
    """Outputs of each layer, shape `(batch, neurons)`; `OUT[-1]` is `Y_hat`."""
    per_output: Array
    """Each example's error at each output, shape `(batch, outputs)`."""
    total: float
    """The reduced loss: the mean (or sum) over examples of their total errors."""
    deltas: tuple[Array, ...]
    r"""$\frac{\partial\, total}{\partial NET}$ per layer: with `mean`, they carry the 1/batch."""
    grad_W: tuple[Array, ...]
    """The gradient of `total` for each layer's weights."""
    grad_b: tuple[Bias, ...]
    """The gradient of `total` for each layer's bias (a float if shared)."""
    updated: Network
    """The network after the step."""


def trace(
    network: Network,
    X: Sequence[Any] | Array,
    Y: Sequence[Any] | Array,
    order: str = "simultaneous",
) -> BatchTrace:
    """Every quantity of one training step on a batch.

    Args:
        network: The network before the step.
        X: Inputs, shape `(batch, features)` (a single example is a batch of one).
        Y: Targets, shape `(batch, outputs)`.
        order: `"simultaneous"` (default) or `"sequential"`.

    Returns:
        The batch trace.

    Introduced in [Mini-batches][q-mini-batches].
    """
    check_run(order)
    X_, Y_ = _as_batch(X, "inputs"), _as_batch(Y, "targets")  # type: ignore[arg-type]
    W, b = parameters(network)
    with np.errstate(all="ignore"):  # overflow shows as inf/nan in the result, not a warning
        NET, OUT, E, total, deltas, grad_W, grad_b = _step(network, W, b, X_, Y_, order)
    return BatchTrace(
        tuple(NET),
        tuple(OUT),
        E,
        total,
        tuple(deltas),
        tuple(grad_W),
        tuple(grad_b),
        _network(network, W, b),
    )


def train(
    network: Network,
    X: Sequence[Any] | Array,
    Y: Sequence[Any] | Array,
    steps: int,
    order: str = "simultaneous",
) -> tuple[list[float], Network, Array]:
    """Full-batch gradient descent for `steps` steps.

    Args:
        network: The network before training.
        X: Inputs, shape `(batch, features)`.
        Y: Targets, shape `(batch, outputs)`.
        steps: How many steps (each one pass over the whole batch).
        order: `"simultaneous"` (default) or `"sequential"`.

    Returns:
        `(errors, network, Y_hat)`: the reduced loss before any update and after each update
        (`steps + 1` numbers), the trained network, and its outputs.

    Introduced in [Mini-batches][q-mini-batches].
    """
    check_run(order, steps)
    X_, Y_ = _as_batch(X, "inputs"), _as_batch(Y, "targets")  # type: ignore[arg-type]
    W, b = parameters(network)
    with np.errstate(all="ignore"):  # overflow shows as inf/nan in the result, not a warning
        errors = [_step(network, W, b, X_, Y_, order)[3] for _ in range(steps)]
        _, OUT = _forward(network, W, b, X_)
        per_example = _losses(network, Y_, OUT[-1]).sum(axis=1)
    errors.append(float(per_example.mean() if network.reduction == "mean" else per_example.sum()))
    return errors, _network(network, W, b), OUT[-1]
