r"""The tutorial's path through one training step, in plain floats.

Each function below is one equation of the tutorial, in the order a reader meets them: the net
input and the output of a neuron (forward pass), each output's error and the total error, then
the three factors of the chain rule, the node delta, the gradient of a weight or a bias, and the
updated weight. [`trace`][backprop_steps.scalar.trace] runs them all on a network and keeps every
intermediate value in a [`Trace`][backprop_steps.scalar.Trace], whose numbers print at 9
decimals.

Introduced in [The forward pass][forward-pass].

Examples:
    >>> from backprop_steps.examples import MAZUR
    >>> step = trace(MAZUR.network, MAZUR.inputs, MAZUR.targets)
    >>> step.out("o1"), step.total_error, step.grad("w5"), step.new("w5")
    (0.751365070, 0.298371109, 0.082167041, 0.358916480)
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from functools import reduce
from typing import cast

from backprop_steps.activations import LayerActivation
from backprop_steps.display import Rounded, rounded
from backprop_steps.network import DIVERGED, Layer, Matrix, Network, Vector, rounded_network

__all__ = [
    "ORDERS",
    "Backward",
    "Parameters",
    "Gradients",
    "LayerValues",
    "Trace",
    "activation_derivatives",
    "added",
    "backward",
    "backward_sequential",
    "bias_gradient",
    "check_run",
    "error_share",
    "forward",
    "hidden_error_derivative",
    "layer_deltas",
    "layer_forward",
    "layer_gradients",
    "loss",
    "net_input",
    "node_delta",
    "output_error_derivatives",
    "output_errors",
    "total_error",
    "trace",
    "update",
    "updated_weight",
    "weight_gradient",
]

ORDERS: tuple[str, ...] = ("simultaneous", "sequential")
"""Update orders: every update from the weights before the step (as the posts describe), or each
layer updated as soon as its gradient is known, its new weights used for the layers before it (as
the Mazur post's 2015 companion code did)."""


def check_run(order: str, steps: int = 0) -> None:
    """Refuse an unknown update order or a step count that is not a whole number >= 0.

    Raises:
        ValueError: One line naming `order` or `steps`.

    Introduced in [Training][training].
    """
    if order not in ORDERS:
        raise ValueError(f"order: unknown order {order!r}; expected simultaneous or sequential")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise ValueError(f"steps: expected a whole number >= 0, got {steps!r}")


def added(values: Iterable[float]) -> float:
    """`0 + a + b + c + ...`, added left to right: the order the equations write.

    Not `sum()`, which from Python 3.12 adds floats with compensation and so can differ in the
    last bit from the same equation written out (as the fast training loop writes it).

    Introduced in [The forward pass][forward-pass].
    """
    return reduce(operator.add, values, 0.0)


# --- forward pass -----------------------------------------------------------------------------


def net_input(weights: Sequence[float], inputs: Sequence[float], bias: float) -> float:
    r"""$net_j = \sum_k w_{kj}\, x_k + b_j$, e.g. $net_{h1} = w_1 i_1 + w_2 i_2 + b_1 \cdot 1$.

    Args:
        weights: The weights into neuron $j$, one per input.
        inputs: The layer's inputs $x_k$.
        bias: The bias of neuron $j$.

    Returns:
        The neuron's net input.

    Examples:
        >>> print(f"{net_input([0.15, 0.2], [0.05, 0.1], 0.35):.9f}")
        0.377500000

    Introduced in [The forward pass][forward-pass].
    """
    return added(w * x for w, x in zip(weights, inputs, strict=True)) + bias


@dataclass(frozen=True)
class LayerValues:
    """What the forward pass computes in one layer.

    Introduced in [The forward pass][forward-pass].
    """

    net: Vector
    r"""$net_j$ for each neuron: the weighted sum of the inputs plus the bias."""
    out: Vector
    r"""$out_j = f(net_j)$ for each neuron (for softmax, a function of the whole layer)."""


def layer_forward(layer: Layer, inputs: Sequence[float]) -> LayerValues:
    r"""$net_j = \sum_k w_{kj} x_k + b_j$ and $out_j = f(net_j)$ for every neuron of a layer.

    Args:
        layer: The layer.
        inputs: The layer's inputs: the network's inputs, or the outputs of the layer before.

    Returns:
        The net inputs and outputs of the layer.

    Introduced in [The forward pass][forward-pass].
    """
    net = tuple(net_input(row, inputs, layer.bias(j)) for j, row in enumerate(layer.weights))
    f = layer.f
    out = f.value(net) if isinstance(f, LayerActivation) else tuple(f.value(n) for n in net)
    return LayerValues(net, out)


def forward(network: Network, inputs: Sequence[float]) -> tuple[LayerValues, ...]:
    """The forward pass: each layer's outputs are the next layer's inputs.

    Args:
        network: The network.
        inputs: One example's inputs.

    Returns:
        The net inputs and outputs of every layer, input side first.

    Introduced in [The forward pass][forward-pass].
    """
    values = []
    for layer in network.layers:
        values.append(layer_forward(layer, inputs))
        inputs = values[-1].out
    return tuple(values)


# --- total error ------------------------------------------------------------------------------


def output_errors(network: Network, out: Sequence[float], targets: Sequence[float]) -> Vector:
    r"""$E_o$ for each output, e.g. $E_{o1} = \frac{1}{2}(target_{o1} - out_{o1})^2$.

    Args:
        network: The network (its loss and output activation choose the formula).
        out: The network's outputs.
        targets: What the outputs should be.

    Returns:
        Each output's error.

    Introduced in [The total error][total-error].
    """
    error = network.loss_function.error
    return tuple(error(t, o) for t, o in zip(targets, out, strict=True))


def total_error(errors: Sequence[float]) -> float:
    r"""$E_{total} = \sum_o E_o$.

    Args:
        errors: Each output's error.

    Returns:
        Their sum.

    Examples:
        >>> print(f"{total_error([0.274811083, 0.023560026]):.9f}")
        0.298371109

    Introduced in [The total error][total-error].
    """
    return added(errors)


def loss(network: Network, inputs: Sequence[float], targets: Sequence[float]) -> float:
    """The total error of a network on one example: the forward pass, then $E_{total}$.

    Args:
        network: The network.
        inputs: One example's inputs.
        targets: What the outputs should be.

    Returns:
        $E_{total}$.

    Introduced in [The total error][total-error].
    """
    return total_error(output_errors(network, forward(network, inputs)[-1].out, targets))


# --- backward pass ----------------------------------------------------------------------------


def output_error_derivatives(
    network: Network, out: Sequence[float], targets: Sequence[float]
) -> Vector:
    r"""$\frac{\partial E_{total}}{\partial out_o}$ for each output, e.g. $-(target_o - out_o)$.

    Args:
        network: The network (its loss and output activation choose the formula).
        out: The network's outputs.
        targets: What the outputs should be.

    Returns:
        How fast the total error grows with each output.

    Introduced in [The output layer][output-layer].
    """
    derivative = network.loss_function.derivative
    return tuple(derivative(t, o) for t, o in zip(targets, out, strict=True))


def activation_derivatives(layer: Layer, out: Sequence[float]) -> Vector | None:
    r"""$\frac{\partial out_j}{\partial net_j}$ for each neuron, e.g. $out_j(1 - out_j)$.

    Args:
        layer: The layer (its activation chooses the formula).
        out: The layer's outputs.

    Returns:
        One slope per neuron, or `None` for softmax, whose outputs each depend on every net
        input (see [`softmax_backward`][backprop_steps.activations.softmax_backward]).

    Introduced in [The output layer][output-layer].
    """
    f = layer.f
    return None if isinstance(f, LayerActivation) else tuple(f.derivative(o) for o in out)


def node_delta(error_derivative: float, activation_derivative: float) -> float:
    r"""$\delta_j = \frac{\partial E_{total}}{\partial out_j} \cdot
    \frac{\partial out_j}{\partial net_j} = \frac{\partial E_{total}}{\partial net_j}$.

    Args:
        error_derivative: $\frac{\partial E_{total}}{\partial out_j}$.
        activation_derivative: $\frac{\partial out_j}{\partial net_j}$.

    Returns:
        The node delta.

    Examples:
        >>> print(f"{node_delta(0.74136507, 0.186815602):.9f}")
        0.138498562

    Introduced in [The output layer][output-layer].
    """
    return error_derivative * activation_derivative


def layer_deltas(
    layer: Layer, out: Sequence[float], error_derivatives: Sequence[float], slopes: Vector | None
) -> Vector:
    r"""$\delta_j$ for every neuron of a layer: each [`node_delta`][backprop_steps.scalar.node_delta],
    or, for softmax, the Jacobian applied to the error derivatives.

    Args:
        layer: The layer.
        out: Its outputs.
        error_derivatives: $\frac{\partial E_{total}}{\partial out_j}$ for each neuron.
        slopes: Its [`activation_derivatives`][backprop_steps.scalar.activation_derivatives].

    Returns:
        The layer's deltas.

    Introduced in [The hidden layer][hidden-layer].
    """
    if slopes is None:
        return cast(LayerActivation, layer.f).backward(out, error_derivatives)
    return tuple(node_delta(e, s) for e, s in zip(error_derivatives, slopes, strict=True))


def error_share(delta: float, weight: float) -> float:
    r"""$\frac{\partial E_{o}}{\partial out_{h}} = \delta_o \cdot w$: one neuron's share of the
    error of a neuron it feeds, through the weight between them, e.g.
    $\frac{\partial E_{o2}}{\partial out_{h1}} = \delta_{o2} \cdot w_7$ (in the Mazur naming).

    Args:
        delta: The delta of the neuron fed.
        weight: The weight from this neuron to it.

    Returns:
        The share.

    Examples:
        >>> print(f"{error_share(0.138498562, 0.4):.9f}")
        0.055399425

    Introduced in [The hidden layer][hidden-layer].
    """
    return delta * weight


def hidden_error_derivative(next_deltas: Sequence[float], next_weights: Matrix, k: int) -> float:
    r"""$\frac{\partial E_{total}}{\partial out_{k}} = \sum_j \delta_j\, w_{kj}$.

    Output $k$ of a layer feeds neuron $j$ of the next layer through the weight $w_{kj}$ (stored
    as `next_weights[j][k]`, in the receiving neuron's row); its
    share of the error is the sum over all those neurons, e.g.
    $\frac{\partial E_{total}}{\partial out_{h1}} = \delta_{o1} w_5 + \delta_{o2} w_7$.

    Args:
        next_deltas: The deltas $\delta_j$ of the next layer.
        next_weights: The next layer's weights (`next_weights[j][k]`).
        k: Which output of this layer.

    Returns:
        How fast the total error grows with this output.

    Introduced in [The hidden layer][hidden-layer].
    """
    return added(error_share(d, row[k]) for d, row in zip(next_deltas, next_weights, strict=True))


def weight_gradient(delta: float, x: float) -> float:
    r"""$\frac{\partial E_{total}}{\partial w_{kj}} = \delta_j \cdot x_k$, since
    $\frac{\partial net_j}{\partial w_{kj}} = x_k$.

    Args:
        delta: The delta of the neuron the weight leads into.
        x: The input the weight multiplies.

    Returns:
        The gradient of the weight, e.g.
        $\frac{\partial E_{total}}{\partial w_5} = \delta_{o1}\, out_{h1}$.

    Examples:
        >>> print(f"{weight_gradient(0.138498562, 0.593269992):.9f}")
        0.082167041

    Introduced in [The output layer][output-layer].
    """
    return delta * x


def bias_gradient(deltas: Sequence[float], shared: bool) -> float | Vector:
    r"""$\frac{\partial E_{total}}{\partial b} = \sum_j \delta_j$ for a bias shared by a layer;
    $\delta_j$ for a bias of its own.

    A shared bias feeds every neuron of its layer with weight 1
    ($\frac{\partial net_j}{\partial b} = 1$), so its gradient sums the layer's deltas.

    Args:
        deltas: The layer's deltas.
        shared: Whether the layer has one bias for all its neurons.

    Returns:
        One number for a shared bias, else one per neuron.

    Introduced in [Bias updates][bias-updates].
    """
    return added(deltas) if shared else tuple(deltas)


@dataclass(frozen=True)
class Gradients:
    """The gradient of the total error for every parameter, shaped like the network.

    Introduced in [The output layer][output-layer].
    """

    weights: tuple[Matrix, ...]
    r"""`weights[l][j][k]` is $\frac{\partial E_{total}}{\partial w_{kj}}$ in layer $l$ (the weight
    from input $k$ to neuron $j$)."""
    biases: tuple[float | Vector, ...]
    r"""One number per layer with a shared bias, else one per neuron."""


def layer_gradients(
    layer: Layer, deltas: Sequence[float], inputs: Sequence[float]
) -> tuple[Matrix, float | Vector]:
    r"""Every [`weight_gradient`][backprop_steps.scalar.weight_gradient] and the
    [`bias_gradient`][backprop_steps.scalar.bias_gradient] of one layer.

    Args:
        layer: The layer.
        deltas: Its deltas.
        inputs: The values its weights multiply (the layer before's outputs, or the inputs).

    Returns:
        The weights' gradients (`[j][k]`) and the bias gradient.

    Introduced in [The hidden layer][hidden-layer].
    """
    weights = tuple(tuple(weight_gradient(d, x) for x in inputs) for d in deltas)
    return weights, bias_gradient(deltas, layer.shared_bias)


@dataclass(frozen=True)
class Backward:
    """What the backward pass computes, layer by layer (input side first).

    Introduced in [The hidden layer][hidden-layer].
    """

    error_derivatives: tuple[Vector, ...]
    r"""$\frac{\partial E_{total}}{\partial out_j}$ for each neuron of each layer."""
    activation_derivatives: tuple[Vector | None, ...]
    r"""$\frac{\partial out_j}{\partial net_j}$ for each neuron (`None` for a softmax layer)."""
    deltas: tuple[Vector, ...]
    r"""$\delta_j = \frac{\partial E_{total}}{\partial net_j}$ for each neuron of each layer."""
    gradients: Gradients
    """The gradient of every weight and bias."""


def backward(
    network: Network,
    inputs: Sequence[float],
    values: Sequence[LayerValues],
    targets: Sequence[float],
) -> Backward:
    r"""The backward pass: deltas from the output layer back to the first, then every gradient.

    An output's delta comes from the loss; a hidden neuron's from the deltas of the layer after
    it, through the weights between them. Nothing is updated: see
    [`update`][backprop_steps.scalar.update].

    Args:
        network: The network of the forward pass.
        inputs: The example's inputs.
        values: The forward pass of that example.
        targets: What the outputs should be.

    Returns:
        Every quantity of the backward pass.

    Introduced in [The hidden layer][hidden-layer].
    """
    last = len(network.layers) - 1
    short = network.loss_function.deltas  # out - target, when the chain rule cancels
    error = output_error_derivatives(network, values[last].out, targets)
    errors: list[Vector] = []
    slopes: list[Vector | None] = []
    deltas: list[Vector] = []
    for l in reversed(range(last + 1)):
        layer, out = network.layers[l], values[l].out
        slope = activation_derivatives(layer, out)
        if l == last and short is not None:
            delta = short(targets, out)
        else:
            delta = layer_deltas(layer, out, error, slope)
        errors.insert(0, error)
        slopes.insert(0, slope)
        deltas.insert(0, delta)
        error = tuple(hidden_error_derivative(delta, layer.weights, k) for k in range(layer.fan_in))
    sources = [inputs, *(v.out for v in values[:last])]
    weights, biases = zip(*map(layer_gradients, network.layers, deltas, sources), strict=True)
    return Backward(tuple(errors), tuple(slopes), tuple(deltas), Gradients(weights, biases))


def updated_weight(weight: float, gradient: float, learning_rate: float) -> float:
    r"""$w^+ = w - \eta \cdot \frac{\partial E_{total}}{\partial w}$.

    Args:
        weight: The weight (or bias) before the step.
        gradient: Its gradient.
        learning_rate: $\eta$.

    Returns:
        The weight after the step.

    Examples:
        >>> print(f"{updated_weight(0.4, 0.082167041, 0.5):.9f}")
        0.358916480

    Introduced in [The output layer][output-layer].
    """
    return weight - learning_rate * gradient


def _updated_layer(
    layer: Layer, weights: Matrix, biases: float | Vector, rate: float, update_biases: bool
) -> Layer:
    new_weights = tuple(
        tuple(updated_weight(w, g, rate) for w, g in zip(row, grads, strict=True))
        for row, grads in zip(layer.weights, weights, strict=True)
    )
    new_biases = old = layer.biases
    if update_biases and isinstance(old, tuple):
        new_biases = tuple(
            updated_weight(b, g, rate) for b, g in zip(old, cast(Vector, biases), strict=True)
        )
    elif update_biases and isinstance(old, float):
        new_biases = updated_weight(old, cast(float, biases), rate)
    try:
        return replace(layer, weights=new_weights, biases=new_biases)
    except ValueError:  # the new layer refuses a value that is not finite
        raise ValueError(DIVERGED) from None


def update(network: Network, gradients: Gradients, layers: Iterable[int] | None = None) -> Network:
    r"""Every weight (and, unless frozen, every bias) moved by $-\eta$ times its gradient.

    Args:
        network: The network before the step.
        gradients: The gradients, from the weights before the step.
        layers: Update only these layers (default: all).

    Returns:
        A new network; `network` is unchanged.

    Raises:
        ValueError: [`DIVERGED`][backprop_steps.network.DIVERGED] if a new value is not finite.

    Introduced in [The output layer][output-layer].
    """
    chosen = range(len(network.layers)) if layers is None else set(layers)
    new = list(network.layers)
    for l in chosen:
        new[l] = _updated_layer(
            new[l],
            gradients.weights[l],
            gradients.biases[l],
            network.learning_rate,
            network.update_biases,
        )
    return replace(network, layers=tuple(new))


# --- the update order -------------------------------------------------------------------------


def backward_sequential(
    network: Network,
    inputs: Sequence[float],
    values: Sequence[LayerValues],
    targets: Sequence[float],
) -> tuple[Backward, Network]:
    """The backward pass and the update in the sequential order of the 2015 companion code.

    Each layer, from the output side, is updated as soon as its gradient is known, and the
    layer before it takes its deltas through the new weights: the
    [`backward`][backprop_steps.scalar.backward] rule, run on a network whose later layers are
    already updated.

    Args:
        network: The network before the step.
        inputs: The example's inputs.
        values: The forward pass of that example (before any update).
        targets: What the outputs should be.

    Returns:
        The backward pass as it was computed layer by layer, and the updated network.

    Introduced in [Training][training].
    """
    passes: dict[int, Backward] = {}
    for l in reversed(range(len(network.layers))):
        passes[l] = backward(network, inputs, values, targets)
        network = update(network, passes[l].gradients, [l])
    layers = range(len(network.layers))
    picked = {
        f.name: tuple(getattr(passes[l], f.name)[l] for l in layers)
        for f in fields(Backward)
        if f.name != "gradients"
    }
    weights = tuple(passes[l].gradients.weights[l] for l in layers)
    biases = tuple(passes[l].gradients.biases[l] for l in layers)
    return Backward(**picked, gradients=Gradients(weights, biases)), network


# --- one step, every quantity -----------------------------------------------------------------


class Parameters:
    """What every step result answers about a weight or bias, by its name: before the step, its
    gradient, after the step. Shared by [`Trace`][backprop_steps.scalar.Trace] and
    [`BatchTrace`][backprop_steps.vectorized.BatchTrace].

    Introduced in [The output layer][output-layer].
    """

    network: Network
    gradients: Gradients
    updated: Network

    def weight(self, name: str) -> float:
        """A weight or bias before the step, e.g. `weight("w5")` or `weight("b1")`."""
        return self.network.parameter(name)

    def grad(self, name: str) -> float:
        r"""$\frac{\partial E_{total}}{\partial w}$ for a weight or bias, e.g. `grad("w5")`."""
        return self.network.names.pick(self.gradients.weights, self.gradients.biases, name)

    def new(self, name: str) -> float:
        """A weight or bias after the step, e.g. `new("w5")` for $w_5^+$."""
        return self.updated.parameter(name)


@dataclass(frozen=True)
class Trace(Backward, Parameters):
    r"""Every quantity of one training step on one example, printed as the pages print them.

    The fields of [`Backward`][backprop_steps.scalar.Backward] (`error_derivatives`,
    `activation_derivatives`, `deltas`, `gradients`) and the ones below hold the values layer by
    layer (input side first); the methods look them up by the tutorial's names, in the naming of
    the network (`w5`, `h1`, `o2`, `b1`).

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> step = trace(MAZUR.network, MAZUR.inputs, MAZUR.targets)
        >>> step.net("h1"), step.out("h1"), step.error("o1")
        (0.377500000, 0.593269992, 0.274811083)
        >>> step.delta("o1"), step.grad("w1"), step.new("w1")
        (0.138498562, 0.000438568, 0.149780716)

    Introduced in [The forward pass][forward-pass].
    """

    network: Network
    """The network before the step."""
    inputs: Vector
    """The example's inputs, $i_1, i_2, \\dots$"""
    targets: Vector
    """What the outputs should be."""
    order: str
    """The update order: `simultaneous` or `sequential`."""
    layers: tuple[LayerValues, ...]
    """The forward pass: `net` and `out` of every layer."""
    errors: Vector
    r"""$E_o$ for each output."""
    total_error: float
    r"""$E_{total} = \sum_o E_o$."""
    updated: Network
    """The network after the step."""

    def _values(self, layer: int) -> Vector:
        return self.inputs if layer < 0 else self.layers[layer].out

    def net(self, neuron: str) -> float:
        """$net$ of a neuron, e.g. `net("h1")`."""
        l, j = self.network.names.neuron(neuron)
        return self.inputs[j] if l < 0 else self.layers[l].net[j]

    def out(self, neuron: str) -> float:
        """$out$ of a neuron, e.g. `out("o1")`; `out("i1")` is the input $i_1$."""
        l, j = self.network.names.neuron(neuron)
        return self._values(l)[j]

    def target(self, neuron: str) -> float:
        """The target of an output neuron, e.g. `target("o1")`."""
        l, j = self.network.names.neuron(neuron)
        if l != len(self.layers) - 1:
            raise ValueError(f"neuron: {neuron!r} is not an output neuron")
        return self.targets[j]

    def error(self, neuron: str) -> float:
        """$E_o$ of an output neuron, e.g. `error("o1")`."""
        self.target(neuron)  # checks that it is an output
        return self.errors[self.network.names.neuron(neuron)[1]]

    def error_derivative(self, neuron: str) -> float:
        r"""$\frac{\partial E_{total}}{\partial out}$ of a neuron, e.g. `error_derivative("h1")`."""
        l, j = self._weighted(neuron)
        return self.error_derivatives[l][j]

    def activation_derivative(self, neuron: str) -> float:
        r"""$\frac{\partial out}{\partial net}$ of a neuron (not defined for softmax)."""
        l, j = self._weighted(neuron)
        slopes = self.activation_derivatives[l]
        if slopes is None:
            raise ValueError(f"neuron: {neuron!r} is softmax; its slope is a matrix")
        return slopes[j]

    def delta(self, neuron: str) -> float:
        r"""$\delta = \frac{\partial E_{total}}{\partial net}$ of a neuron, e.g. `delta("o1")`."""
        l, j = self._weighted(neuron)
        return self.deltas[l][j]

    def contribution(self, output: str, neuron: str) -> float:
        r"""$\frac{\partial E_{output}}{\partial out_{neuron}} = \delta_{output}\, w$: one
        term of [`hidden_error_derivative`][backprop_steps.scalar.hidden_error_derivative], e.g.
        `contribution("o2", "h1")` is $\frac{\partial E_{o2}}{\partial out_{h1}} = \delta_{o2} w_7$
        (in the Mazur naming).
        """
        l, j = self._weighted(output)
        l_from, k = self.network.names.neuron(neuron)
        if l_from != l - 1:
            raise ValueError(f"neuron: {neuron!r} does not feed {output!r}")
        return Rounded(error_share(self.deltas[l][j], self.network.layers[l].weights[j][k]))

    def _weighted(self, neuron: str) -> tuple[int, int]:
        l, j = self.network.names.neuron(neuron)
        if l < 0:
            raise ValueError(f"neuron: {neuron!r} is an input; it has no net input or delta")
        return l, j


def trace(
    network: Network,
    inputs: Sequence[float],
    targets: Sequence[float],
    order: str = "simultaneous",
) -> Trace:
    """Every quantity of one training step: forward pass, errors, backward pass, update.

    For many steps use [`train`][backprop_steps.training.train], which keeps none of this.

    Args:
        network: The network before the step.
        inputs: One example's inputs.
        targets: What the outputs should be.
        order: `"simultaneous"` (default, as the posts describe) or `"sequential"`.

    Returns:
        The trace; its numbers are [`Rounded`][backprop_steps.display.Rounded] floats.

    Introduced in [The forward pass][forward-pass].
    """
    check_run(order)
    inputs, targets = tuple(map(float, inputs)), tuple(map(float, targets))
    values = forward(network, inputs)
    errors = output_errors(network, values[-1].out, targets)
    if order == "sequential":
        back, updated = backward_sequential(network, inputs, values, targets)
    else:
        back = backward(network, inputs, values, targets)
        updated = update(network, back.gradients)
    return Trace(
        error_derivatives=rounded(back.error_derivatives),
        activation_derivatives=rounded(back.activation_derivatives),
        deltas=rounded(back.deltas),
        gradients=Gradients(rounded(back.gradients.weights), rounded(back.gradients.biases)),
        network=network,
        inputs=rounded(inputs),
        targets=rounded(targets),
        order=order,
        layers=tuple(LayerValues(rounded(v.net), rounded(v.out)) for v in values),
        errors=rounded(errors),
        total_error=Rounded(total_error(errors)),
        updated=rounded_network(updated),
    )
