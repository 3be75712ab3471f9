r"""A network of any depth, layer by layer, as tables: its weights, its deltas, its gradients.

Each table is HTML whose cells are Markdown (a card per row on a phone, see
[`html_table`][backprop_steps.render.tables.html_table]); a neuron or a parameter is named
as [`symbol`][backprop_steps.render.latex.symbol] writes it, so $h_{1,2}$ is neuron 2 of
hidden layer 1 in the tables as in the equations.

Introduced in [Deeper networks and other activations][deeper-networks].
"""

from __future__ import annotations

from collections.abc import Callable

from backprop_steps.display import number
from backprop_steps.network import Naming, Network
from backprop_steps.render.latex import symbol
from backprop_steps.render.tables import html_table
from backprop_steps.scalar import Trace

__all__ = [
    "delta_table",
    "gradient_table",
    "layer_title",
    "name_and_value",
    "parameter_tables",
]

_SUBSCRIPTS = str.maketrans("0123456789_", "₀₁₂₃₄₅₆₇₈₉,")


def _plain(neuron: str) -> str:
    """`h1_2` as h₁,₂, for a column heading, which is plain text."""
    return neuron[0] + neuron[1:].translate(_SUBSCRIPTS)


def _math(name: str) -> str:
    return f"${symbol(name)}$"


def layer_title(network: Network, l: int) -> str:
    """`"hidden layer 2"`, or `"the output layer"` for the last.

    Introduced in [Deeper networks and other activations][deeper-networks].
    """
    return "the output layer" if l == len(network.layers) - 1 else f"hidden layer {l + 1}"


def _bias_name(names: Naming, l: int, j: int) -> str:
    """The name of the bias of neuron j of layer l: the layer's shared one, or its own."""
    return next(b for b, (lb, jb) in names.biases.items() if lb == l and jb in (None, j))


def name_and_value(network: Network) -> Callable[[str], str]:
    r"""A cell for [`parameter_tables`][backprop_steps.render.layers.parameter_tables]: the
    parameter's symbol and its value, $w_{1} = 0.15$.

    Introduced in [Deeper networks and other activations][deeper-networks].
    """
    return lambda name: f"${symbol(name)} = {number(network.parameter(name), given=True)}$"


def parameter_tables(network: Network, cell: Callable[[str], str]) -> str:
    """One table per layer in the layout of its weight matrix: a row per receiving neuron, a
    column per input it gets, and its bias last (on a phone, a card per receiving neuron).

    Args:
        network: The network, for its shape and naming.
        cell: What a cell shows for a weight or bias, given its name (its value, its gradient).

    Returns:
        Each table under a bold title that names the layer, as Markdown for the page.

    Introduced in [Deeper networks and other activations][deeper-networks].
    """
    names = network.names
    parts = []
    for l in range(len(network.layers)):
        sources = names.neuron_names(l - 1)
        headings = ["to", *(f"from {_plain(k)}" for k in sources), "bias"]
        rows = [
            [
                _math(neuron),
                *(cell(names.weight_name(l, j, k)) for k in range(len(sources))),
                cell(_bias_name(names, l, j)),
            ]
            for j, neuron in enumerate(names.neuron_names(l))
        ]
        numeric = set(range(1, len(headings)))
        parts.append(f"**Into {layer_title(network, l)}**\n")
        parts.append(html_table(headings, rows, "bp-stacked", numeric=numeric) + "\n")
    return "\n".join(parts)


def delta_table(step: Trace) -> str:
    r"""Each neuron's $\frac{\partial E_{total}}{\partial out}$, slope and delta, the output layer
    first (on a phone, a card per neuron).

    Introduced in [Deeper networks and other activations][deeper-networks].
    """
    network = step.network
    rows = [
        [
            _math(neuron),
            number(step.error_derivative(neuron)),
            number(step.activation_derivative(neuron)),
            number(step.delta(neuron)),
        ]
        for l in reversed(range(len(network.layers)))
        for neuron in network.names.neuron_names(l)
    ]
    headings = ["neuron", "∂E_total/∂out", "∂out/∂net", "δ"]
    return html_table(headings, rows, "bp-stacked", numeric={1, 2, 3})


def gradient_table(step: Trace) -> str:
    """Each weight's gradient as the delta it leads into times the value it carries, then each
    bias's (on a phone, a card per parameter).

    Introduced in [Deeper networks and other activations][deeper-networks].
    """
    network = step.network
    names = network.names
    rows = []
    for name, (l, j, k) in names.weights.items():
        source, target = names.neuron_names(l - 1)[k], names.neuron_names(l)[j]
        rows.append(
            [
                f"${symbol(name)}$: ${symbol(source)} \\to {symbol(target)}$",
                number(step.delta(target)),
                number(step.out(source), given=l == 0),
                number(step.grad(name)),
            ]
        )
    for name, (l, _) in names.biases.items():
        where = f"${symbol(name)}$: into {layer_title(network, l)}"
        rows.append([where, "sum of the layer's", "1", number(step.grad(name))])
    headings = ["parameter", "δ", "input x", "gradient"]
    return html_table(headings, rows, "bp-stacked", numeric={1, 2, 3})
