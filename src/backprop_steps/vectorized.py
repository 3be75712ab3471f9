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

Introduced in [The matrix form][matrix-form].

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

from backprop_steps.activations import LayerActivation
from backprop_steps.display import rounded
from backprop_steps.network import DIVERGED, Layer, Network, rounded_network
from backprop_steps.results import EpochHistory, History
from backprop_steps.scalar import Gradients, Parameters, check_run

__all__ = [
    "BatchTrace",
    "forward",
    "loss",
    "parameters",
    "random_network",
    "trace",
    "train",
    "train_minibatches",
]

Array = NDArray[np.float64]
Bias = float | Array


def parameters(network: Network) -> tuple[list[Array], list[Bias]]:
    """The network's weights and biases as arrays: `W[l]` of shape `(neurons, inputs)`, `b[l]`.

    Args:
        network: The network.

    Returns:
        `(W, b)`: one weight matrix and one bias (a float if shared) per layer.

    Introduced in [The matrix form][matrix-form].
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

    Introduced in [The matrix form][matrix-form].
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
    total = float(np.add.reduce(np.add.reduce(E, axis=1)))  # E.sum(), without its wrapper
    return total / len(E) if network.reduction == "mean" else total


def _backward(
    network: Network, W: list[Array], X: Array, OUT: list[Array], Y: Array
) -> tuple[list[Array], list[Array], list[Bias]]:
    """Deltas and gradients of the reduced loss, from the weights W of the forward pass."""
    scale = 1.0 / X.shape[0] if network.reduction == "mean" else 1.0
    loss, last = network.loss_function, len(network.layers) - 1
    deltas: list[Array] = [X] * (last + 1)
    G = X  # dE/dOUT of the layer at hand, set before it is read
    for l in range(last, -1, -1):
        if l == last and loss.array_deltas is not None:  # the short form: out - target
            deltas[l] = loss.array_deltas(Y, OUT[l]) * scale
        else:
            if l == last:
                G = loss.array_derivative(Y, OUT[l]) * scale
            f = network.layers[l].f
            deltas[l] = (
                f.array_backward(OUT[l], G)
                if isinstance(f, LayerActivation)
                else G * f.array_derivative(OUT[l])
            )
        if l:
            G = deltas[l] @ W[l]
    grad_W = [D.T @ (OUT[l - 1] if l else X) for l, D in enumerate(deltas)]
    grad_b: list[Bias] = [
        float(D.sum()) if layer.shared_bias else np.add.reduce(D, axis=0)
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
    rate, biases = network.learning_rate, network.update_biases
    for l in layers:
        W[l] -= rate * grad_W[l]  # the arrays are this run's own copies (see `parameters`)
        if biases:
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

    Introduced in [The matrix form][matrix-form].
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

    Introduced in [The matrix form][matrix-form].
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

    Introduced in [The matrix form][matrix-form].
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


def _check_minibatches(batch_size: int, epochs: int, seed: int | None) -> None:
    for name, value, least in (("batch_size", batch_size, 1), ("epochs", epochs, 0)):
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise ValueError(f"{name}: expected a whole number >= {least}, got {value!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise ValueError(f"seed: expected a whole number >= 0 or None, got {seed!r}")


def _shuffled(X: Array, Y: Array, rng: np.random.Generator | None) -> tuple[Array, Array]:
    """The data set in a fresh random order for the next epoch (as it is if rng is None)."""
    if rng is None:
        return X, Y
    order = rng.permutation(len(X))
    return X[order], Y[order]


def train_minibatches(
    network: Network,
    X: Sequence[Any] | Array,
    Y: Sequence[Any] | Array,
    batch_size: int,
    epochs: int,
    seed: int | None = 0,
) -> EpochHistory:
    """Mini-batch gradient descent on arrays (see
    [`training.train_minibatches`][backprop_steps.training.train_minibatches], which calls it).

    The loop works on the weight matrices alone; the trained network is built once, at the end.

    Args:
        network: The network before training.
        X: Inputs, shape `(examples, features)`.
        Y: Targets, shape `(examples, outputs)`.
        batch_size: Examples per update, at least 1.
        epochs: Passes over the data set, at least 0.
        seed: The seed of each epoch's shuffle, or `None` to keep the order.

    Returns:
        The history: the loss of the whole data set before training and after every epoch.

    Introduced in [Mini-batches][mini-batches].
    """
    _check_minibatches(batch_size, epochs, seed)
    X_, Y_ = _pair(X, Y)
    W, b = parameters(network)
    rng = None if seed is None else np.random.default_rng(seed)
    layers = range(len(network.layers) - 1, -1, -1)
    errors, steps = [], 0
    with np.errstate(all="ignore"):  # an overflow is reported once, as DIVERGED, not warned
        errors.append(_whole_loss(network, W, b, X_, Y_))
        for _ in range(epochs):
            X_e, Y_e = _shuffled(X_, Y_, rng)
            for start in range(0, len(X_e), batch_size):
                X_b, Y_b = X_e[start : start + batch_size], Y_e[start : start + batch_size]
                OUT = _forward(network, W, b, X_b)[1]
                _, grad_W, grad_b = _backward(network, W, X_b, OUT, Y_b)
                _update(network, W, b, grad_W, grad_b, layers)
                steps += 1
            errors.append(_whole_loss(network, W, b, X_, Y_))
    trained = _network(network, W, b)
    return EpochHistory(rounded(tuple(errors)), rounded_network(trained), batch_size, seed, steps)


_CHUNK = 128
"""Rows per forward pass when measuring a whole data set: small products run on one thread, which
is faster than a large one split across BLAS threads on a busy machine."""


def _whole_loss(network: Network, W: list[Array], b: list[Bias], X: Array, Y: Array) -> float:
    """The reduced loss of the whole data set, from forward passes over chunks of its rows."""
    chunks = [_forward(network, W, b, X[s : s + _CHUNK])[1][-1] for s in range(0, len(X), _CHUNK)]
    Y_hat = chunks[0] if len(chunks) == 1 else np.concatenate(chunks)
    return _reduce(network, network.loss_function.array_error(Y, Y_hat))


def random_network(
    sizes: Sequence[int], activations: Sequence[str], seed: int = 0, **options: Any
) -> Network:
    r"""A network with random weights, $w \sim U(-a, a)$ with $a = \sqrt{6 / (fan_{in} +
    fan_{out})}$ (Glorot's uniform initialisation), and one bias per neuron, zero.

    Random weights break the symmetry: neurons that start equal would stay equal.

    Args:
        sizes: The width of every layer, inputs first, such as `(64, 32, 10)`.
        activations: One activation name per weighted layer, such as `("sigmoid", "softmax")`.
        seed: The seed of NumPy's `default_rng`.
        **options: The other fields of [`Network`][backprop_steps.network.Network]
            (`loss`, `learning_rate`, `update_biases`, `reduction`).

    Returns:
        The network.

    Examples:
        >>> network = random_network((64, 32, 10), ("sigmoid", "softmax"), loss="cross_entropy")
        >>> network.sizes, network.layers[0].biases[:2]
        ((64, 32, 10), (0.0, 0.0))

    Introduced in [Real data: handwritten digits][digits].
    """
    if len(activations) != len(sizes) - 1:
        raise ValueError(
            f"activations: expected {len(sizes) - 1} names (one per weighted layer), "
            f"got {len(activations)}"
        )
    rng = np.random.default_rng(seed)
    layers = []
    for fan_in, fan_out, name in zip(sizes, sizes[1:], activations):
        a = np.sqrt(6.0 / (fan_in + fan_out))
        W_l = rng.uniform(-a, a, (fan_out, fan_in))
        layers.append(Layer(tuple(map(tuple, W_l.tolist())), (0.0,) * fan_out, name))
    return Network(tuple(layers), **options)
