r"""The working of an exercise: the equations that lead to one quantity of a training step, with
the step's numbers, in the blocks the chapters show them in.

A block is what the chapters display together: a neuron's net input with its output, a
delta with its two factors, a gradient with its update. [`working`][backprop_steps.render.working.working]
walks back from the quantity to the inputs and writes every block it needs, once, in the order a
student works them, with the chapters' own equations
([`latex`][backprop_steps.render.latex]): the output layer's gradients as the three factors of
the chain, the hidden layer's as $\delta \cdot x$, a softmax layer's delta in its short form.

Examples:
    >>> from backprop_steps import MAZUR, trace
    >>> blocks = working(trace(MAZUR.network, *MAZUR.example), "out_h1")
    >>> [equation.split(" = ")[0] for block in blocks for equation in block]
    ['net_{h1}', 'out_{h1}']

Introduced in [Exercises][exercises].
"""

from __future__ import annotations

from collections.abc import Sequence

from backprop_steps.render import latex
from backprop_steps.scalar import Trace

__all__ = ["Block", "quantity_symbol", "working"]

Block = tuple[str, ...]
"""Equations shown together, in one display."""


def quantity_symbol(quantity: str) -> str:
    r"""The LaTeX of a quantity named as the `trace` table names it.

    Examples:
        >>> quantity_symbol("dE_total/dw6"), quantity_symbol("w6+"), quantity_symbol("delta_h2")
        ('\\frac{\\partial E_{total}}{\\partial w_{6}}', 'w_{6}^+', '\\delta_{h2}')

    Introduced in [Exercises][exercises].
    """
    if quantity.endswith("+"):
        return f"{latex.symbol(quantity[:-1])}^+"
    top, slash, bottom = quantity.partition("/")
    if slash:
        return latex.derivative(_term(top[1:]), _term(bottom[1:]))
    return _term(quantity)


def _term(name: str) -> str:
    head, _, neuron = name.partition("_")
    if head in ("net", "out", "E"):
        return f"{head}_{{{latex.subscript(neuron)}}}"
    if head == "delta":
        return rf"\delta_{{{latex.subscript(neuron)}}}"
    return latex.symbol(name)


class _Working:
    """The blocks of equations that lead to a quantity, in the order a student works them."""

    def __init__(self, step: Trace) -> None:
        self.step, self.names = step, step.network.names
        self.last = len(step.network.layers) - 1
        self.blocks: list[Block] = []

    def add(self, *equations: str) -> None:
        if equations not in self.blocks:
            self.blocks.append(equations)

    def inputs_of(self, layer: int) -> None:
        for neuron in self.names.neuron_names(layer - 1) if layer > 0 else ():
            self.out(neuron)

    def net(self, neuron: str) -> None:
        self.inputs_of(self.names.neuron(neuron)[0])
        self.add(latex.net_input(self.step, neuron))

    def out(self, neuron: str) -> None:
        layer = self.names.neuron(neuron)[0]
        self.inputs_of(layer)
        if self.step.activation_derivatives[layer] is None:  # softmax: every net input first
            self.add(*(latex.net_input(self.step, n) for n in self.names.neuron_names(layer)))
            self.add(latex.output(self.step, neuron))
        else:
            self.add(latex.net_input(self.step, neuron), latex.output(self.step, neuron))

    def slope(self, neuron: str) -> None:
        """The error's derivative and the activation's slope of a neuron: its delta's factors."""
        layer = self.names.neuron(neuron)[0]
        for following in self.names.neuron_names(layer + 1) if layer < self.last else ():
            self.delta(following)
        self.out(neuron)

    def delta(self, neuron: str) -> None:
        self.slope(neuron)
        step, layer = self.step, self.names.neuron(neuron)[0]
        if step.activation_derivatives[layer] is None:  # the short form: out - target
            self.add(latex.delta(step, neuron))
        else:
            derivatives = (
                latex.error_derivative(step, neuron),
                latex.activation_derivative(step, neuron),
            )
            self.add(*derivatives, latex.delta(step, neuron))

    def error_derivative(self, neuron: str) -> None:
        self.slope(neuron)
        self.add(latex.error_derivative(self.step, neuron))

    def gradient(self, name: str, updated: bool) -> None:
        step, (layer, j, _) = self.step, self.names.weight(name)
        neuron = self.names.neuron_names(layer)[j]
        if layer == self.last and step.activation_derivatives[layer] is not None:
            self.slope(neuron)  # as the output layer chapter: the three factors of the chain
            self.add(
                latex.error_derivative(step, neuron), latex.activation_derivative(step, neuron)
            )
            equation = latex.gradient(step, name)
        else:
            self.delta(neuron)
            equation = latex.gradient(step, name, chain=False)
        self.add(equation, *([latex.update(step, name)] if updated else []))

    def bias_gradient(self, name: str, updated: bool) -> None:
        layer, j = self.names.bias(name)
        neurons = self.names.neuron_names(layer)
        for neuron in neurons if j is None else (neurons[j],):
            self.delta(neuron)
        equation = latex.bias_gradient(self.step, name)
        self.add(equation, *([latex.update(self.step, name)] if updated else []))

    def total_error(self, outputs: Sequence[str]) -> None:
        for output in outputs:
            self.out(output)
        errors = [latex.error(self.step, o) for o in outputs]
        self.add(*errors, latex.total_error(self.step))


def working(step: Trace, quantity: str) -> list[Block]:
    """The equations that lead to a quantity, with the step's numbers, in blocks laid out as the
    chapters lay them out: a neuron's net input with its output, a delta with its two factors,
    a gradient with its update.

    Args:
        step: The training step the quantity belongs to.
        quantity: Its name, as the `trace` table names it (`"delta_h2"`, `"w3+"`).

    Returns:
        The blocks, in the order a student works them; the last equation ends with the quantity.

    Raises:
        ValueError: If the quantity is not one this knows how to work out.

    Introduced in [Exercises][exercises].
    """
    work, names = _Working(step), step.network.names
    kind, _, name = quantity.partition("_")
    parameter = quantity.removesuffix("+").removeprefix("dE_total/d")
    outputs = names.neuron_names(work.last)
    if quantity == "E_total":
        work.total_error(outputs)
    elif kind == "E" and name in outputs:
        work.out(name)
        work.add(latex.error(step, name))
    elif kind in ("net", "out", "delta") and name in names.neurons:
        {"net": work.net, "out": work.out, "delta": work.delta}[kind](name)
    elif quantity.startswith("dE_total/dout_"):
        work.error_derivative(quantity.removeprefix("dE_total/dout_"))
    elif parameter in names.weights and parameter != quantity:
        work.gradient(parameter, updated=quantity.endswith("+"))
    elif parameter in names.biases and parameter != quantity:
        work.bias_gradient(parameter, updated=quantity.endswith("+"))
    else:
        raise ValueError(f"quantity: no working for {quantity!r}")
    return work.blocks
