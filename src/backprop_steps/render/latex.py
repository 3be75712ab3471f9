r"""Equations with the numbers substituted, written from a trace and the network's naming.

Each function returns the LaTeX of one equation of the tutorial: the symbols, then the same
expression with numbers, then the result. The symbols come from the network's
[`Naming`][backprop_steps.network.Naming], so the Mazur naming writes
$net_{h1} = w_1 i_1 + w_2 i_2 + b_1$ and the neuralblog naming $w_1 i_1 + w_3 i_2 + b_1$, from the
same code. Given numbers (inputs, starting weights) print as they were written; computed ones at
9 decimals.

Introduced in [The forward pass][forward-pass].

Examples:
    >>> from backprop_steps import MAZUR, trace
    >>> print(net_input(trace(MAZUR.network, *MAZUR.example), "h1"))
    net_{h1} = w_{1} \cdot i_{1} + w_{2} \cdot i_{2} + b_{1} \cdot 1 = 0.15 \cdot 0.05 + 0.2 \cdot 0.1 + 0.35 \cdot 1 = 0.377500000
"""

from __future__ import annotations

import math

from backprop_steps.activations import LayerActivation
from backprop_steps.display import number as formatted
from backprop_steps.render.layout import display, split_top
from backprop_steps.scalar import Trace

__all__ = [
    "activation_derivative",
    "bias_gradient",
    "delta",
    "derivative",
    "display",
    "error",
    "error_derivative",
    "gradient",
    "key_formulas",
    "net_input",
    "number",
    "opposite_delta",
    "opposite_update",
    "output",
    "quantity",
    "subscript",
    "symbol",
    "symbolic",
    "total_derivative",
    "total_error",
    "update",
]

_DOT = r" \cdot "


def number(x: float, given: bool = False) -> str:
    """A number as [`display.number`][backprop_steps.display.number] writes it, negative numbers
    parenthesised, ready to be multiplied.

    Introduced in [The forward pass][forward-pass].
    """
    text = formatted(x, given)
    return f"({text})" if text.startswith("-") else text


def symbol(name: str) -> str:
    """The LaTeX of a tutorial name: `w5` to `w_{5}`, `b_h1` to `b_{h1}`, `i1` to `i_{1}`, and a
    neuron of a deeper network, `h1_2` (hidden layer 1, neuron 2), to `h_{1,2}`.

    The one spelling of a name's symbol: the equations write it, and the drawings of
    [`diagram`][backprop_steps.render.diagram] label the network with it.

    Examples:
        >>> symbol("w5"), symbol("b_h1_2"), symbol("h1_2")
        ('w_{5}', 'b_{h1,2}', 'h_{1,2}')

    Introduced in [The network][network].
    """
    if name.startswith("b_"):
        return f"b_{{{subscript(name[2:])}}}"
    return f"{name[0]}_{{{subscript(name[1:])}}}"


def subscript(neuron: str) -> str:
    """A neuron name as a subscript: `h1_2` (hidden layer 1, neuron 2) reads `h1,2`.

    Introduced in [Deeper networks][deeper-networks].
    """
    return neuron.replace("_", ",")


def quantity(name: str) -> str:
    r"""The LaTeX of a quantity named as the `trace` table, the calculator and `check` name it.

    The tables of the command line and the calculator keep the names a reader types
    (`dE_total/dout_h1`); a page writes the same quantity as its equations do.

    Examples:
        >>> quantity("dE_total/dout_h1"), quantity("delta_o1"), quantity("w5+")
        ('\\frac{\\partial E_{total}}{\\partial out_{h1}}', '\\delta_{o1}', 'w_{5}^{+}')
        >>> quantity("E_total"), quantity("net_h1_2"), quantity("dE_total/db1")
        ('E_{total}', 'net_{h1,2}', '\\frac{\\partial E_{total}}{\\partial b_{1}}')

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    if "/" in name:
        top, bottom = name.split("/")
        return derivative(quantity(top[1:]), quantity(bottom[1:]))
    if name.endswith("+"):
        return quantity(name[:-1]) + "^{+}"
    head, _, neuron = name.partition("_")
    if head in ("net", "out", "E"):
        return f"{head}_{{{subscript(neuron)}}}"
    if head == "delta":
        return rf"\delta_{{{subscript(neuron)}}}"
    return symbol(name)


def _net(neuron: str) -> str:
    return f"net_{{{subscript(neuron)}}}"


def _out(neuron: str) -> str:
    return f"out_{{{subscript(neuron)}}}"


def derivative(top: str, bottom: str) -> str:
    r"""$\frac{\partial top}{\partial bottom}$, written as every equation writes it.

    Introduced in [The output layer][output-layer].
    """
    return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"


def total_derivative(bottom: str) -> str:
    r"""$\frac{\partial E_{total}}{\partial bottom}$.

    Introduced in [The output layer][output-layer].
    """
    return derivative("E_{total}", bottom)


def _source(step: Trace, layer: int, k: int) -> tuple[str, str]:
    """Symbol and number of input k of a layer: i_k for the first layer, else out of a neuron."""
    names = step.network.names
    neuron = names.neuron_names(layer - 1)[k]
    if layer == 0:
        return symbol(neuron), number(step.inputs[k], given=True)
    return _out(neuron), number(step.layers[layer - 1].out[k])


def _bias_name(step: Trace, layer: int, j: int) -> str:
    for name, (l, jb) in step.network.names.biases.items():
        if l == layer and jb in (None, j):
            return name
    raise ValueError(f"bias: no name for the bias of layers[{layer}] neuron {j}")


def _weight(step: Trace, name: str, *, after: bool = False) -> str:
    network = step.updated if after else step.network
    l, j, k = network.names.weight(name)
    return number(network.layers[l].weights[j][k], given=not after)


def net_input(step: Trace, neuron: str) -> str:
    r"""$net_j = \sum_k w_{kj} x_k + b \cdot 1$, with the numbers.

    Introduced in [The forward pass][forward-pass].
    """
    names = step.network.names
    l, j = step.network.names.neuron(neuron)
    layer = step.network.layers[l]
    terms, values = [], []
    for k in range(layer.fan_in):
        x_symbol, x_value = _source(step, l, k)
        w = names.weight_name(l, j, k)
        terms.append(symbol(w) + _DOT + x_symbol)
        values.append(_weight(step, w) + _DOT + x_value)
    b = _bias_name(step, l, j)
    terms.append(symbol(b) + _DOT + "1")
    values.append(number(layer.bias(j), given=True) + _DOT + "1")
    result = number(step.layers[l].net[j])
    return f"{_net(neuron)} = {' + '.join(terms)} = {' + '.join(values)} = {result}"


def output(step: Trace, neuron: str) -> str:
    r"""$out_j = f(net_j)$ for the layer's activation, with the numbers.

    Introduced in [The forward pass][forward-pass].
    """
    l, j = step.network.names.neuron(neuron)
    f = step.network.layers[l].f
    net, value = _net(neuron), number(step.layers[l].net[j])
    result = number(step.layers[l].out[j])
    if isinstance(f, LayerActivation):
        nets = [_net(o) for o in step.network.names.neuron_names(l)]
        symbols, values = f.latex(net, nets), f.latex(value, list(map(number, step.layers[l].net)))
    else:
        symbols, values = f.latex(net), f.latex(value)
    return _chain(_out(neuron), symbols, values, result)


def _chain(head: str, *parts: str) -> str:
    """`head = part = part ...`, leaving out a part that repeats the one before it."""
    kept = [p for n, p in enumerate(parts) if n == 0 or p != parts[n - 1]]
    return " = ".join([head, *kept])


def _target_and_out(step: Trace, neuron: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """The symbols and the numbers of an output's target and output."""
    j = step.network.names.neuron(neuron)[1]
    symbols = f"target_{{{subscript(neuron)}}}", _out(neuron)
    return symbols, (number(step.targets[j], given=True), number(step.layers[-1].out[j]))


def error(step: Trace, neuron: str) -> str:
    r"""$E_o$ of an output, e.g. $E_{o1} = \frac{1}{2}(target_{o1} - out_{o1})^2$, with numbers.

    Introduced in [The total error][total-error].
    """
    latex = step.network.loss_function.latex
    symbols, values = _target_and_out(step, neuron)
    result = number(step.error(neuron))
    return _chain(f"E_{{{subscript(neuron)}}}", latex(*symbols), latex(*values), result)


def total_error(step: Trace) -> str:
    r"""$E_{total} = \sum_o E_o$, with the numbers.

    Introduced in [The total error][total-error].
    """
    outputs = step.network.names.neuron_names(len(step.layers) - 1)
    terms = " + ".join(f"E_{{{subscript(o)}}}" for o in outputs)
    values = " + ".join(number(e) for e in step.errors)
    return f"E_{{total}} = {terms} = {values} = {number(step.total_error)}"


def error_derivative(step: Trace, neuron: str) -> str:
    r"""$\frac{\partial E_{total}}{\partial out}$: from the loss for an output; for a hidden
    neuron $\sum_o \delta_o w_{ho}$, with the numbers.

    Introduced in [The hidden layer][hidden-layer].
    """
    names = step.network.names
    l, j = step.network.names.neuron(neuron)
    head = total_derivative(_out(neuron))
    result = number(step.error_derivative(neuron))
    if l == len(step.layers) - 1:
        latex = step.network.loss_function.latex_derivative
        symbols, numbers = _target_and_out(step, neuron)
        return _chain(head, latex(*symbols), latex(*numbers), result)
    terms, values = [], []
    for n, following in enumerate(names.neuron_names(l + 1)):
        w = names.weight_name(l + 1, n, j)
        terms.append(rf"\delta_{{{subscript(following)}}}" + _DOT + symbol(w))
        values.append(number(step.delta(following)) + _DOT + _weight(step, w))
    return f"{head} = {' + '.join(terms)} = {' + '.join(values)} = {result}"


def activation_derivative(step: Trace, neuron: str) -> str:
    r"""$\frac{\partial out}{\partial net}$ in terms of the output, e.g. $out(1 - out)$.

    Introduced in [The output layer][output-layer].
    """
    l, _ = step.network.names.neuron(neuron)
    f = step.network.layers[l].f
    if isinstance(f, LayerActivation):
        raise ValueError(f"neuron: {neuron!r} is {f.name}; its slope is a matrix")
    head = derivative(_out(neuron), _net(neuron))
    symbols, values = f.latex_derivative(_out(neuron)), f.latex_derivative(number(step.out(neuron)))
    return _chain(head, symbols, values, number(step.activation_derivative(neuron)))


def delta(step: Trace, neuron: str) -> str:
    r"""$\delta = \frac{\partial E_{total}}{\partial out} \cdot \frac{\partial out}{\partial net}$.

    Introduced in [The output layer][output-layer].
    """
    l, _ = step.network.names.neuron(neuron)
    head = rf"\delta_{{{subscript(neuron)}}}"
    result = number(step.delta(neuron))
    short = step.network.loss_function.latex_delta
    if l == len(step.layers) - 1 and short is not None:
        (t, o), (tv, ov) = _target_and_out(step, neuron)
        total = math.fsum(step.targets)
        sums = ("1", "1") if total == 1.0 else (r"\sum_k target_k", number(total))
        return _chain(head, short(t, o, sums[0]), short(tv, ov, sums[1]), result)
    f = step.network.layers[l].f
    if isinstance(f, LayerActivation):
        others = step.network.names.neuron_names(l)
        outs, grads = [_out(n) for n in others], [total_derivative(_out(n)) for n in others]
        symbolic = f.latex_backward(_out(neuron), total_derivative(_out(neuron)), outs, grads)
        numeric = f.latex_backward(
            number(step.out(neuron)),
            number(step.error_derivative(neuron)),
            [number(step.out(n)) for n in others],
            [number(step.error_derivative(n)) for n in others],
        )
        return _chain(head, symbolic, numeric, result)
    factors = total_derivative(_out(neuron)) + _DOT + derivative(_out(neuron), _net(neuron))
    values = (
        number(step.error_derivative(neuron)) + _DOT + number(step.activation_derivative(neuron))
    )
    return f"{head} = {factors} = {values} = {result}"


def gradient(step: Trace, name: str, chain: bool = True) -> str:
    r"""$\frac{\partial E_{total}}{\partial w}$ of a weight: the three chain-rule factors (or,
    with `chain=False`, $\delta \cdot x$), with the numbers.

    Introduced in [The output layer][output-layer].
    """
    names = step.network.names
    l, j, k = names.weight(name)
    neuron = names.neuron_names(l)[j]
    x_symbol, x_value = _source(step, l, k)
    head = total_derivative(symbol(name))
    result = number(step.grad(name))
    if isinstance(step.network.layers[l].f, LayerActivation):
        chain = False  # a softmax neuron has no slope of its own: only delta times input
    if not chain:
        return (
            rf"{head} = \delta_{{{subscript(neuron)}}}{_DOT}{x_symbol} = "
            f"{number(step.delta(neuron))}{_DOT}{x_value} = {result}"
        )
    factors = _DOT.join(
        [
            total_derivative(_out(neuron)),
            derivative(_out(neuron), _net(neuron)),
            derivative(_net(neuron), symbol(name)),
        ]
    )
    values = _DOT.join(
        [number(step.error_derivative(neuron)), number(step.activation_derivative(neuron)), x_value]
    )
    return f"{head} = {factors} = {values} = {result}"


def bias_gradient(step: Trace, name: str) -> str:
    r"""$\frac{\partial E_{total}}{\partial b} = \sum_j \delta_j$ for a shared bias ($\delta_j$
    for a bias of its own), with the numbers.

    Introduced in [Bias updates][bias-updates].
    """
    names = step.network.names
    l, jb = names.bias(name)
    neurons = names.neuron_names(l) if jb is None else (names.neuron_names(l)[jb],)
    terms = " + ".join(rf"\delta_{{{subscript(n)}}}" for n in neurons)
    values = " + ".join(number(step.delta(n)) for n in neurons)
    return f"{total_derivative(symbol(name))} = {terms} = {values} = {number(step.grad(name))}"


def update(step: Trace, name: str) -> str:
    r"""$w^+ = w - \eta \cdot \frac{\partial E_{total}}{\partial w}$ for a weight or bias.

    Introduced in [The output layer][output-layer].
    """
    w = symbol(name)
    before = number(step.weight(name), given=True)
    rate = number(step.network.learning_rate, given=True)
    return (
        rf"{w}^+ = {w} - \eta{_DOT}{total_derivative(w)} = "
        f"{before} - {rate}{_DOT}{number(step.grad(name))} = {number(step.new(name))}"
    )


def opposite_delta(step: Trace, other: Trace, neuron: str) -> str:
    r"""$\delta'_o = (target_o - out_o) \cdot \frac{\partial out_o}{\partial net_o}$ of an output
    with squared error: the delta of the texts that write it with the opposite sign, with the
    numbers.

    Args:
        step: The tutorial's step.
        other: The same step in that convention
            ([`OPPOSITE_SIGN`][backprop_steps.slips.OPPOSITE_SIGN]).
        neuron: An output neuron.

    Introduced in [The output layer][output-layer].
    """
    (t, o), (tv, ov) = _target_and_out(step, neuron)
    slope = number(step.activation_derivative(neuron))
    return (
        rf"\delta'_{{{subscript(neuron)}}} = ({t} - {o}){_DOT}{derivative(o, _net(neuron))} = "
        f"({tv} - {ov}){_DOT}{slope} = {number(other.delta(neuron))}"
    )


def opposite_update(step: Trace, other: Trace, name: str) -> str:
    r"""$w^+ = w + \eta \cdot \delta' \cdot x$: the update of the texts whose delta has the
    opposite sign, with the numbers.

    Args:
        step: The tutorial's step.
        other: The same step in that convention
            ([`OPPOSITE_SIGN`][backprop_steps.slips.OPPOSITE_SIGN]).
        name: A weight.

    Introduced in [The output layer][output-layer].
    """
    l, j, k = step.network.names.weight(name)
    neuron = step.network.names.neuron_names(l)[j]
    x_symbol, x_value = _source(step, l, k)
    w, rate = symbol(name), number(step.network.learning_rate, given=True)
    return (
        rf"{w}^+ = {w} + \eta{_DOT}\delta'_{{{subscript(neuron)}}}{_DOT}{x_symbol} = "
        f"{_weight(step, name)} + {rate}{_DOT}{number(other.delta(neuron))}{_DOT}{x_value} = "
        f"{number(other.new(name))}"
    )


def symbolic(equation: str) -> str:
    r"""An equation in symbols only: its left side and its first right side, without the numbers.

    Examples:
        >>> from backprop_steps import MAZUR, trace
        >>> print(symbolic(net_input(trace(MAZUR.network, *MAZUR.example), "h1")))
        net_{h1} = w_{1} \cdot i_{1} + w_{2} \cdot i_{2} + b_{1} \cdot 1

    Introduced in [The network][network].
    """
    head, right, *_ = split_top(equation, (" = ",))
    return f"{head} {right}"


def key_formulas(*equations: str) -> str:
    r"""The box that ends a chapter: its equations in symbols, laid out to fit any screen.

    Args:
        *equations: Equations as the functions above write them (numbers are dropped).

    Returns:
        A Material admonition, Markdown for the page.

    Introduced in [The network][network].
    """
    body = display(*(symbolic(equation) for equation in equations))
    lines = ["", '!!! abstract "Key formulas of this chapter"', ""]
    lines += [f"    {line}" if line else "" for line in body.splitlines()]
    return "\n".join(lines) + "\n"
