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
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray

from backprop_steps.activations import LayerActivation
from backprop_steps.display import rounded, rounded_network
from backprop_steps.network import DIVERGED, Layer, Network
from backprop_steps.scalar import Gradients, Parameters, check_run
from backprop_steps.training import History

__all__ = ["BatchTrace", "forward", "loss", "parameters", "trace", "train"]

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
    return _forward(network, W, b, _as_batch(X, "inputs"))


def _forward(
    network: Network, W: list[Array], b: list[Bias], X: Array
) -> tuple[list[Array], list[Array]]:
    NET, OUT = [], []
    current = X
    for layer, W_l, b_l in zip(network.layers, W, b, strict=True):
        NET.append(current @ W_l.T + b_l)
        current = layer.f.array_value(NET[-1])
        OUT.append(current)
    return NET, OUT


def _reduce(network: Network, E: Array) -> float:
    """The batch's loss from the per-example, per-output errors: mean or sum of the totals."""
    per_example = E.sum(axis=1)
    return float(per_example.mean() if network.reduction == "mean" else per_example.sum())


def _layer_deltas(network: Network, l: int, OUT: Array, G: Array, Y: Array) -> Array:
    """dE/dNET of layer l from dE/dOUT (G), or the loss's short form for the output layer."""
    f, short = network.layers[l].f, network.loss_function.array_deltas
    if l == len(network.layers) - 1 and short is not None:
        return cast(Array, short(Y, OUT))
    if isinstance(f, LayerActivation):
        return cast(Array, f.array_backward(OUT, G))
    return cast(Array, G * f.array_derivative(OUT))


def _backward(
    network: Network, W: list[Array], X: Array, OUT: list[Array], Y: Array
) -> tuple[list[Array], list[Array], list[Bias]]:
    """Deltas and gradients of the reduced loss, from the weights W of the forward pass."""
    scale = 1.0 / X.shape[0] if network.reduction == "mean" else 1.0
    G = network.loss_function.array_derivative(Y, OUT[-1]) * scale
    count = len(network.layers)
    deltas: list[Array] = [X] * count
    for l in range(count - 1, -1, -1):
        D = _layer_deltas(network, l, OUT[l], G, Y)
        deltas[l] = D * scale if l == count - 1 and network.loss_function.array_deltas else D
        if l:
            G = deltas[l] @ W[l]
    grad_W = [D.T @ (OUT[l - 1] if l else X) for l, D in enumerate(deltas)]
    grad_b: list[Bias] = [
        float(D.sum()) if layer.shared_bias else D.sum(axis=0)
        for layer, D in zip(network.layers, deltas, strict=True)
    ]
    return deltas, grad_W, grad_b


def _update(
    network: Network,
    W: list[Array],
    b: list[Bias],
    grad_W: list[Array],
    grad_b: list[Bias],
    layers: Sequence[int],
) -> None:
    r"""$W \leftarrow W - \eta \nabla W$ in place, for the listed layers."""
    rate = network.learning_rate
    for l in layers:
        W[l] = W[l] - rate * grad_W[l]
        if network.update_biases:
            b[l] = b[l] - rate * grad_b[l]


def _step(
    network: Network, W: list[Array], b: list[Bias], X: Array, Y: Array, order: str
) -> tuple[list[Array], list[Array], Array, list[Array], list[Array], list[Bias]]:
    """One step in place on W and b; returns NET, OUT, the errors, deltas and gradients."""
    NET, OUT = _forward(network, W, b, X)
    E = network.loss_function.array_error(Y, OUT[-1])
    layers = range(len(network.layers) - 1, -1, -1)
    if order == "simultaneous":
        deltas, grad_W, grad_b = _backward(network, W, X, OUT, Y)
        _update(network, W, b, grad_W, grad_b, layers)
        return NET, OUT, E, deltas, grad_W, grad_b
    # sequential: each layer is updated before the layers in front of it take their deltas
    passes = {}
    for l in layers:
        passes[l] = _backward(network, W, X, OUT, Y)
        _update(network, W, b, passes[l][1], passes[l][2], [l])
    mine = [passes[m] for m in range(len(network.layers))]  # layer m's values from its own pass
    return (
        NET,
        OUT,
        E,
        [p[0][m] for m, p in enumerate(mine)],
        [p[1][m] for m, p in enumerate(mine)],
        [p[2][m] for m, p in enumerate(mine)],
    )


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


def _pair(X: Sequence[Any] | Array, Y: Sequence[Any] | Array) -> tuple[Array, Array]:
    """Inputs and targets as `(batch, width)` arrays with as many rows (one example: one row)."""
    X_, Y_ = _as_batch(X, "inputs"), _as_batch(Y, "targets")
    if len(X_) != len(Y_):
        raise ValueError(
            f"targets: expected {len(X_)} rows (one per example of inputs), got {len(Y_)}"
        )
    return X_, Y_


def _as_batch(data: Sequence[Any] | Array, name: str) -> Array:
    A = np.array(data, dtype=np.float64)
    if A.ndim == 1:
        A = A[None, :]
    if A.ndim != 2:
        raise ValueError(f"{name}: expected one example or a batch (a list of rows)")
    return A


@dataclass(frozen=True)
class BatchTrace(Parameters):
    """Every quantity of one step on a batch, under the names of a single-example
    [`Trace`][backprop_steps.scalar.Trace]. Arrays carry the example dimension first.

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> x, t = MAZUR.example
        >>> batch = trace(MAZUR.network, [x, x], [t, t])  # one example twice: its mean is itself
        >>> batch.total_error, batch.grad("w5")
        (0.298371109, 0.082167041)

    Introduced in [Mini-batches][q-mini-batches].
    """

    network: Network
    """The network before the step."""
    inputs: Array
    """`X`: the inputs, one row per example."""
    targets: Array
    """`Y`: what the outputs should be, one row per example."""
    order: str
    """The update order: `simultaneous` or `sequential`."""
    NET: tuple[Array, ...]
    """Net inputs of each layer, shape `(batch, neurons)`."""
    OUT: tuple[Array, ...]
    """Outputs of each layer, shape `(batch, neurons)`; `OUT[-1]` is `Y_hat`."""
    errors: Array
    """Each example's error at each output, shape `(batch, outputs)`."""
    total_error: float
    """The reduced loss: the mean (or sum) over examples of their total errors."""
    deltas: tuple[Array, ...]
    r"""$\frac{\partial E_{total}}{\partial NET}$ per layer, one row per example: derivatives
    of the reduced loss, so with `mean` each carries the factor 1/batch."""
    gradients: Gradients
    """The gradient of the reduced loss for every weight and bias, shaped like the network."""
    updated: Network
    """The network after the step."""

    def net(self, neuron: str) -> Array:
        """$net$ of a neuron for each example, e.g. `net("h1")`; of an input, the input."""
        l, j = self.network.names.neuron(neuron)
        return self.inputs[:, j] if l < 0 else self.NET[l][:, j]

    def out(self, neuron: str) -> Array:
        """$out$ of a neuron for each example, e.g. `out("o1")`."""
        l, j = self.network.names.neuron(neuron)
        return self.inputs[:, j] if l < 0 else self.OUT[l][:, j]

    def error(self, neuron: str) -> Array:
        """$E_o$ of an output neuron for each example, e.g. `error("o1")`."""
        l, j = self.network.names.neuron(neuron)
        if l != len(self.network.layers) - 1:
            raise ValueError(f"neuron: {neuron!r} is not an output neuron")
        return self.errors[:, j]

    def delta(self, neuron: str) -> Array:
        """A neuron's delta for each example (see `deltas`), e.g. `delta("o1")`."""
        l, j = self.network.names.neuron(neuron)
        if l < 0:
            raise ValueError(f"neuron: {neuron!r} is an input; it has no net input or delta")
        return self.deltas[l][:, j]


def _gradients(grad_W: Sequence[Array], grad_b: Sequence[Bias]) -> Gradients:
    return Gradients(
        rounded(tuple(tuple(map(tuple, G.tolist())) for G in grad_W)),
        rounded(tuple(g if isinstance(g, float) else tuple(g.tolist()) for g in grad_b)),
    )


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
    X_, Y_ = _pair(X, Y)
    W, b = parameters(network)
    with np.errstate(all="ignore"):  # an overflow is reported once, as DIVERGED, not warned
        NET, OUT, E, deltas, grad_W, grad_b = _step(network, W, b, X_, Y_, order)
    return BatchTrace(
        network,
        X_,
        Y_,
        order,
        tuple(NET),
        tuple(OUT),
        E,
        rounded(_reduce(network, E)),
        tuple(deltas),
        _gradients(grad_W, grad_b),
        rounded_network(_network(network, W, b)),
    )


def loss(network: Network, X: Sequence[Any] | Array, Y: Sequence[Any] | Array) -> float:
    """The reduced loss of a batch: the mean (or sum) of the examples' total errors.

    Args:
        network: The network.
        X: Inputs, shape `(batch, features)`.
        Y: Targets, shape `(batch, outputs)`.

    Returns:
        The loss, from a forward pass only.

    Introduced in [The total error][total-error].
    """
    X_, Y_ = _pair(X, Y)
    W, b = parameters(network)
    with np.errstate(all="ignore"):
        OUT = _forward(network, W, b, X_)[1]
        return _reduce(network, network.loss_function.array_error(Y_, OUT[-1]))


def train(
    network: Network,
    X: Sequence[Any] | Array,
    Y: Sequence[Any] | Array,
    steps: int,
    order: str = "simultaneous",
) -> History:
    """Full-batch gradient descent for `steps` steps.

    Args:
        network: The network before training.
        X: Inputs, shape `(batch, features)`.
        Y: Targets, shape `(batch, outputs)`.
        steps: How many steps (each one pass over the whole batch).
        order: `"simultaneous"` (default) or `"sequential"`.

    Returns:
        The history: the reduced loss before any update and after each update (`steps + 1`
        numbers), the trained network, and its outputs (one row per example).

    Introduced in [Mini-batches][q-mini-batches].
    """
    check_run(order, steps)
    X_, Y_ = _pair(X, Y)
    W, b = parameters(network)
    errors = []
    with np.errstate(all="ignore"):  # an overflow is reported once, as DIVERGED, not warned
        for _ in range(steps):
            errors.append(_reduce(network, _step(network, W, b, X_, Y_, order)[2]))
        OUT = _forward(network, W, b, X_)[1]
        errors.append(_reduce(network, network.loss_function.array_error(Y_, OUT[-1])))
    trained = _network(network, W, b)
    return History(
        rounded(tuple(errors)),
        rounded_network(trained),
        rounded(tuple(map(tuple, OUT[-1].tolist()))),
        order,
    )
