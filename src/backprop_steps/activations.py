r"""Activation functions, each beside its derivative.

Every derivative here is written in terms of the neuron's **output**, the way the tutorials write
$\frac{\partial out}{\partial net} = out(1 - out)$: once a forward pass has computed $out$, the
backward pass needs nothing else. `softmax` couples a layer's neurons, so it works on the whole
layer and its derivative is a vector-Jacobian product.

Introduced in [The forward pass][forward-pass].
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

__all__ = [
    "ACTIVATIONS",
    "ELEMENTWISE",
    "identity",
    "identity_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "softmax",
    "softmax_backward",
    "tanh",
    "tanh_derivative",
]


def sigmoid(net: float) -> float:
    r"""The logistic function, $out = \frac{1}{1 + e^{-net}}$.

    Computed without overflow for any finite `net`.

    Args:
        net: The neuron's net input.

    Returns:
        The neuron's output, in $(0, 1)$.

    Examples:
        >>> print(f"{sigmoid(0.3775):.9f}")
        0.593269992

    Introduced in [The forward pass][forward-pass].
    """
    if net >= 0.0:
        return 1.0 / (1.0 + math.exp(-net))
    z = math.exp(net)
    return z / (1.0 + z)


def sigmoid_derivative(out: float) -> float:
    r"""$\frac{\partial out}{\partial net} = out(1 - out)$ for the logistic function.

    Args:
        out: The neuron's output $\sigma(net)$ (not its net input).

    Returns:
        The slope of the logistic function at that output.

    Examples:
        >>> print(f"{sigmoid_derivative(0.75136507):.9f}")
        0.186815602

    Introduced in [The output layer][output-layer].
    """
    return out * (1.0 - out)


def tanh(net: float) -> float:
    r"""The hyperbolic tangent, $out = \tanh(net)$.

    Args:
        net: The neuron's net input.

    Returns:
        The neuron's output, in $(-1, 1)$.

    Introduced in [The forward pass][forward-pass].
    """
    return math.tanh(net)


def tanh_derivative(out: float) -> float:
    r"""$\frac{\partial out}{\partial net} = 1 - out^2$ for the hyperbolic tangent.

    Args:
        out: The neuron's output $\tanh(net)$.

    Returns:
        The slope of $\tanh$ at that output.

    Introduced in [The forward pass][forward-pass].
    """
    return 1.0 - out * out


def relu(net: float) -> float:
    r"""The rectified linear unit, $out = \max(0, net)$.

    Args:
        net: The neuron's net input.

    Returns:
        The neuron's output.

    Introduced in [The forward pass][forward-pass].
    """
    return net if net > 0.0 else 0.0


def relu_derivative(out: float) -> float:
    r"""$\frac{\partial out}{\partial net} = 1$ if $out > 0$, else $0$ (also at $net = 0$).

    Args:
        out: The neuron's output $\max(0, net)$.

    Returns:
        1.0 where the unit is active, 0.0 elsewhere.

    Introduced in [The forward pass][forward-pass].
    """
    return 1.0 if out > 0.0 else 0.0


def identity(net: float) -> float:
    r"""The identity, $out = net$ (a linear neuron).

    Args:
        net: The neuron's net input.

    Returns:
        `net` itself.

    Introduced in [The forward pass][forward-pass].
    """
    return net


def identity_derivative(out: float) -> float:
    r"""$\frac{\partial out}{\partial net} = 1$ for the identity.

    Args:
        out: The neuron's output (unused: the slope is 1 everywhere).

    Returns:
        1.0.

    Introduced in [The forward pass][forward-pass].
    """
    return 1.0


def softmax(net: Sequence[float]) -> tuple[float, ...]:
    r"""$out_j = \frac{e^{net_j}}{\sum_k e^{net_k}}$ over a whole layer.

    The largest net input is subtracted first, which changes nothing mathematically and keeps
    every exponential finite.

    Args:
        net: The net inputs of every neuron of the layer.

    Returns:
        The layer's outputs: positive, summing to 1.

    Examples:
        >>> print(", ".join(f"{o:.9f}" for o in softmax([1.0, 2.0])))
        0.268941421, 0.731058579

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    top = max(net)
    exps = [math.exp(n - top) for n in net]
    total = math.fsum(exps)
    return tuple(e / total for e in exps)


def softmax_backward(out: Sequence[float], grad_out: Sequence[float]) -> tuple[float, ...]:
    r"""$\frac{\partial E}{\partial net_j} = out_j\left(\frac{\partial E}{\partial out_j} -
    \sum_k \frac{\partial E}{\partial out_k}\, out_k\right)$.

    The softmax Jacobian $\frac{\partial out_k}{\partial net_j} = out_k(\delta_{kj} - out_j)$
    applied to the gradient with respect to the outputs, without building the matrix.

    Args:
        out: The layer's softmax outputs.
        grad_out: $\frac{\partial E}{\partial out_k}$ for each output.

    Returns:
        $\frac{\partial E}{\partial net_j}$ for each neuron of the layer.

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    dot = math.fsum(g * o for g, o in zip(grad_out, out, strict=True))
    return tuple(o * (g - dot) for o, g in zip(out, grad_out, strict=True))


ELEMENTWISE: dict[str, tuple[Callable[[float], float], Callable[[float], float]]] = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "logistic": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "identity": (identity, identity_derivative),
}
"""Each neuron-by-neuron activation's name mapped to (function, derivative in terms of out).

`logistic` is another name for `sigmoid`, as the Mazur post calls it."""

ACTIVATIONS: tuple[str, ...] = (*ELEMENTWISE, "softmax")
"""Every activation name a layer accepts; `softmax` only in the last layer."""
