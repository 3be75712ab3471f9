r"""Activation functions, each beside its derivative, and the table every engine reads.

Every derivative here is written in terms of the neuron's **output**, the way the tutorials write
$\frac{\partial out}{\partial net} = out(1 - out)$: once a forward pass has computed $out$, the
backward pass needs nothing else. `softmax` couples a layer's neurons, so it works on the whole
layer and its derivative is a vector-Jacobian product.

[`ACTIVATIONS`][backprop_steps.activations.ACTIVATIONS] is the one place an activation is
defined: its value and derivative for one float, the same for NumPy arrays (NumPy is imported
only when an array function runs), and the LaTeX the pages print. The pure-Python path, the NumPy
engine, fast training and the equation renderer all read it, so adding an activation is one entry
here.

Introduced in [The forward pass][forward-pass].
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ACTIVATIONS",
    "ALIASES",
    "Activation",
    "LayerActivation",
    "activation",
    "identity",
    "identity_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "softmax",
    "softmax_backward",
    "tanh",
    "tanh_derivative",
]

Vector = tuple[float, ...]
Array = Any
"""A NumPy array (typed loosely: this module imports NumPy only inside its array functions)."""
ArrayFunction = Callable[..., Any]
"""A function of NumPy arrays (the float spelling serves when it is plain arithmetic)."""


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

    Only arithmetic, so it serves NumPy arrays as it is.

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


def _sigmoid_array(NET: Array) -> Array:
    import numpy as np

    E = np.exp(-np.abs(NET))
    return np.where(NET >= 0, 1.0 / (1.0 + E), E / (1.0 + E))


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


def _tanh_array(NET: Array) -> Array:
    import numpy as np

    return np.tanh(NET)


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


def _relu_array(NET: Array) -> Array:
    import numpy as np

    return np.where(NET > 0.0, NET, 0.0)


def _relu_derivative_array(OUT: Array) -> Array:
    import numpy as np

    return np.where(OUT > 0.0, 1.0, 0.0)


LEAK = 0.01
"""The slope of [`leaky_relu`][backprop_steps.activations.leaky_relu] below zero."""


def leaky_relu(net: float) -> float:
    r"""The leaky rectified linear unit, $out = net$ if $net > 0$, else $0.01 \cdot net$.

    A ReLU that keeps a small slope below zero, so an inactive neuron still passes a gradient.

    Args:
        net: The neuron's net input.

    Returns:
        The neuron's output.

    Examples:
        >>> leaky_relu(2.0), leaky_relu(-2.0)
        (2.0, -0.02)

    Introduced in [The forward pass][forward-pass].
    """
    return net if net > 0.0 else LEAK * net


def leaky_relu_derivative(out: float) -> float:
    r"""$\frac{\partial out}{\partial net} = 1$ if $out > 0$, else $0.01$ (also at $net = 0$).

    The output has the sign of the net input, so the output alone tells the two slopes apart.

    Args:
        out: The neuron's output.

    Returns:
        1.0 where the unit is active, 0.01 elsewhere.

    Introduced in [The forward pass][forward-pass].
    """
    return 1.0 if out > 0.0 else LEAK


def _leaky_relu_array(NET: Array) -> Array:
    import numpy as np

    return np.where(NET > 0.0, NET, LEAK * NET)


def _leaky_relu_derivative_array(OUT: Array) -> Array:
    import numpy as np

    return np.where(OUT > 0.0, 1.0, LEAK)


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

    The softmax Jacobian $\frac{\partial out_k}{\partial net_j} = out_k([k = j] - out_j)$
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


def _softmax_backward_latex(out: str, grad: str, outs: Sequence[str], grads: Sequence[str]) -> str:
    dot = " + ".join(rf"{g} \cdot {o}" for g, o in zip(grads, outs, strict=True))
    return rf"{out}\left({grad} - ({dot})\right)"


def _softmax_array(NET: Array) -> Array:
    import numpy as np

    Z = np.exp(NET - NET.max(axis=1, keepdims=True))
    return Z / Z.sum(axis=1, keepdims=True)


def _softmax_backward_array(OUT: Array, G: Array) -> Array:
    return OUT * (G - (G * OUT).sum(axis=1, keepdims=True))


# --- the table --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Activation:
    r"""A neuron-by-neuron activation $out = f(net)$ in every spelling the library uses.

    Examples:
        >>> f = ACTIVATIONS["sigmoid"]
        >>> print(f"{f.derivative(f.value(0.3775)):.9f}")
        0.241300709
        >>> f.latex("net_{h1}"), f.latex_derivative("out_{h1}")
        ('\\frac{1}{1 + e^{-net_{h1}}}', 'out_{h1}(1 - out_{h1})')

    Introduced in [The forward pass][forward-pass].
    """

    name: str
    """The name a layer gives, such as `"sigmoid"`."""
    value: Callable[[float], float]
    """$out = f(net)$ for one neuron."""
    derivative: Callable[[float], float]
    r"""$\frac{\partial out}{\partial net}$ in terms of $out$."""
    latex: Callable[[str], str]
    """$f$ applied to the LaTeX of a net input (a symbol or a number)."""
    latex_derivative: Callable[[str], str]
    r"""$\frac{\partial out}{\partial net}$ written with the LaTeX of an output."""
    array_value: ArrayFunction
    """`value` on a NumPy array, element by element."""
    array_derivative: ArrayFunction
    """`derivative` on a NumPy array of outputs."""


@dataclass(frozen=True)
class LayerActivation:
    r"""An activation of a whole layer (softmax): each output depends on every net input.

    Introduced in [The cross-entropy variant][cross-entropy].
    """

    name: str
    """The name a layer gives: `"softmax"`."""
    value: Callable[[Sequence[float]], Vector]
    """The layer's outputs from its net inputs."""
    backward: Callable[[Sequence[float], Sequence[float]], Vector]
    r"""$\frac{\partial E}{\partial net_j}$ from the outputs and $\frac{\partial E}{\partial
    out_k}$ (a vector-Jacobian product)."""
    latex: Callable[[str, Sequence[str]], str]
    """The output of one neuron, from the LaTeX of its net input and of the layer's net inputs."""
    latex_backward: Callable[[str, str, Sequence[str], Sequence[str]], str]
    r"""$\frac{\partial E}{\partial net_j}$ from the LaTeX of $out_j$, of
    $\frac{\partial E}{\partial out_j}$, and of those of the whole layer."""
    array_value: ArrayFunction
    """`value` on a `(batch, neurons)` array."""
    array_backward: ArrayFunction
    """`backward` on `(batch, neurons)` arrays of outputs and of gradients."""


ACTIVATIONS: Mapping[str, Activation | LayerActivation] = {
    "sigmoid": Activation(
        "sigmoid",
        sigmoid,
        sigmoid_derivative,
        lambda net: rf"\frac{{1}}{{1 + e^{{-{net}}}}}",
        lambda out: f"{out}(1 - {out})",
        _sigmoid_array,
        sigmoid_derivative,
    ),
    "tanh": Activation(
        "tanh",
        tanh,
        tanh_derivative,
        lambda net: rf"\tanh({net})",
        lambda out: f"1 - {out}^2",
        _tanh_array,
        tanh_derivative,
    ),
    "relu": Activation(
        "relu",
        relu,
        relu_derivative,
        lambda net: rf"\max(0, {net})",
        lambda out: f"[{out} > 0]",
        _relu_array,
        _relu_derivative_array,
    ),
    "leaky_relu": Activation(
        "leaky_relu",
        leaky_relu,
        leaky_relu_derivative,
        lambda net: rf"\max({LEAK} \cdot {net}, {net})",
        lambda out: rf"\begin{{cases}} 1 & {out} > 0 \\ {LEAK} & \text{{else}} \end{{cases}}",
        _leaky_relu_array,
        _leaky_relu_derivative_array,
    ),
    "identity": Activation(
        "identity",
        identity,
        identity_derivative,
        lambda net: net,
        lambda out: "1",
        lambda NET: NET,
        identity_derivative,
    ),
    "softmax": LayerActivation(
        "softmax",
        softmax,
        softmax_backward,
        lambda net, nets: rf"\frac{{e^{{{net}}}}}{{{' + '.join(f'e^{{{n}}}' for n in nets)}}}",
        _softmax_backward_latex,
        _softmax_array,
        _softmax_backward_array,
    ),
}
"""Every activation a layer accepts, by name; `softmax` only in the last layer."""

ALIASES: Mapping[str, str] = {"logistic": "sigmoid"}
"""Other names for an activation: the Mazur post calls the sigmoid the logistic function."""


def activation(name: object) -> Activation | LayerActivation:
    """The table entry for an activation name or alias, resolved once when a layer is built.

    Args:
        name: An activation name, such as `"sigmoid"` or its alias `"logistic"`.

    Returns:
        The entry of [`ACTIVATIONS`][backprop_steps.activations.ACTIVATIONS].

    Raises:
        ValueError: `activation: unknown activation ...`, listing the names.

    Examples:
        >>> activation("logistic").name
        'sigmoid'

    Introduced in [The network][network].
    """
    key = ALIASES.get(name, name) if isinstance(name, str) else ""
    if key not in ACTIVATIONS:
        shown = f'"{name}"' if isinstance(name, str) else repr(name)
        expected = ", ".join([*ACTIVATIONS, *ALIASES])
        raise ValueError(f"activation: unknown activation {shown}; expected one of {expected}")
    return ACTIVATIONS[key]
