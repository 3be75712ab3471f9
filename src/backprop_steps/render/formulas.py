r"""Every formula of the tutorial in symbols, and the answer key's notes on its tables.

The activation and the loss write their own parts (the network's, so the logistic function
and the squared error for the worked examples); the net inputs are the chapters' equations
without their numbers, named as each network names its weights. A weight's subscripts name its
source first, as everywhere on the site: $w_{kj}$ is the weight from $k$ to $j$.

Introduced in [Answer key][answer-key].
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from backprop_steps.activations import Activation
from backprop_steps.display import number
from backprop_steps.network import Naming
from backprop_steps.render.latex import (
    derivative,
    net_input,
    symbol,
    symbolic,
    total_derivative,
)
from backprop_steps.render.layout import display
from backprop_steps.results import History
from backprop_steps.scalar import Trace

__all__ = ["connection", "formulas", "naming_note", "training_table"]


def _slope(j: str) -> str:
    return derivative(f"out_{j}", f"net_{j}")


def _net_inputs(step: Trace, neurons: list[str]) -> list[str]:
    return [symbolic(net_input(step, n)) for n in neurons]


def formulas(step: Trace, *others: Trace) -> str:
    r"""The formulas of one training step, from $net_j$ to $w^+$, laid out to fit any screen.

    Args:
        step: A step of a network with one activation (not softmax) in its first layer; its
            net inputs give the last lines but one, in the network's naming.
        *others: Steps of networks of the same shape in other namings: the net inputs whose
            symbols differ from `step`'s, in their naming, one block each.

    Returns:
        The display equations, in a `<div class="bp-key-formulas">`, as Markdown for the page.

    Raises:
        ValueError: If the first layer's activation is a layer activation such as softmax.

    Introduced in [Answer key][answer-key].
    """
    network = step.network
    f, loss = network.layers[0].f, network.loss_function
    if not isinstance(f, Activation):
        raise ValueError(f"step: the first layer's activation is {f.name}, not one per neuron")
    neurons = [n for l in range(len(network.layers)) for n in network.names.neuron_names(l)]
    parts = [
        display(
            r"net_j = \sum_k w_{kj} \, x_k + b",
            f"out_j = {f.latex('net_j')}",
            f"E_o = {loss.latex('target_o', 'out_o')}",
            r"E_{total} = \sum_o E_o",
        ),
        display(
            f"{total_derivative('out_o')} = {loss.latex_derivative('target_o', 'out_o')}",
            f"{_slope('j')} = {f.latex_derivative('out_j')}",
            rf"\delta_o = {total_derivative('out_o')} \cdot {_slope('o')}",
        ),
        display(
            rf"{total_derivative('out_h')} = \sum_o \delta_o \, w_{{ho}}",
            rf"\delta_h = {total_derivative('out_h')} \cdot {_slope('h')}",
        ),
        display(
            rf"{total_derivative('w')} = \delta_j \cdot x",
            rf"{total_derivative('b')} = \sum_j \delta_j",
            rf"w^+ = w - \eta \cdot {total_derivative('w')}",
        ),
        display(*_net_inputs(step, neurons)),
    ]
    for other in others:
        own = _net_inputs(step, neurons)
        parts.append(display(*(x for x in _net_inputs(other, neurons) if x not in own)))
    return "\n".join(['<div class="bp-key-formulas" markdown="1">', *parts, "</div>"])


def connection(names: Naming, weight: str) -> tuple[str, str]:
    """The neurons a weight joins, source first: `("i1", "h1")` for the Mazur post's `w1`.

    Examples:
        >>> from backprop_steps import MAZUR, NEURALBLOG
        >>> connection(MAZUR.network.names, "w2"), connection(NEURALBLOG.network.names, "w2")
        (('i2', 'h1'), ('i1', 'h2'))

    Introduced in [Answer key][answer-key].
    """
    l, j, k = names.weight(weight)
    return names.neuron_names(l - 1)[k], names.neuron_names(l)[j]


def naming_note(first: Naming, second: Naming) -> str:
    """Which weights two namings of one shape name differently, each by its connection.

    Args:
        first: The Mazur post's naming.
        second: The neuralblog post's naming.

    Returns:
        A sentence of Markdown.

    Examples:
        >>> from backprop_steps import MAZUR, NEURALBLOG
        >>> print(naming_note(MAZUR.network.names, NEURALBLOG.network.names)[:60])
        Each column names the weights as its post does. The neuralbl

    Introduced in [Answer key][answer-key].
    """
    differ = []
    for name in second.weights:
        source, to = connection(second, name)
        if (source, to) != connection(first, name):
            same = next(n for n in first.weights if connection(first, n) == (source, to))
            differ.append(
                f"its ${symbol(name)}$ is the weight from ${symbol(source)}$ to ${symbol(to)}$ "
                f"(the Mazur post's ${symbol(same)}$)"
            )
    return (
        "Each column names the weights as its post does. The neuralblog post numbers the hidden "
        f"weights by column: {' and '.join(differ)}, so those rows hold a weight of the same "
        "name, not of the same connection."
    )


def training_table(
    runs: Mapping[str, History], claims: Mapping[str, Callable[[History], float]]
) -> str:
    """What the Mazur post reports of training, computed in each update order.

    Args:
        runs: 10,000 steps of training by update order.
        claims: Each reported quantity by the words of the post's claim, and how a run gives
            it ([`TRAINING_CLAIMS`][backprop_steps.published.TRAINING_CLAIMS]).

    Returns:
        A Markdown table, a row per claim.

    Introduced in [Answer key][answer-key].
    """
    lines = [
        "| quantity | " + " | ".join(f"{order} order" for order in runs) + " |",
        "|---|" + "---:|" * len(runs),
    ]
    for claim, value in claims.items():
        lines.append(f"| {claim} | " + " | ".join(number(value(h)) for h in runs.values()) + " |")
    return "\n".join(lines)
