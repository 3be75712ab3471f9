r"""The two posts' examples side by side, and how a post's printed figures relate to the values.

What sets the neuralblog example apart from the Mazur example of chapters 2 to 5 is its given
numbers, the names of its hidden weights and the way it shortens the figures it prints; the
tables here show those, each name as [`symbol`][backprop_steps.render.latex.symbol] writes it.

Introduced in [The neuralblog example][neuralblog].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from backprop_steps.display import number
from backprop_steps.figures import AGREEMENTS
from backprop_steps.problem import Problem
from backprop_steps.published import Figure, tally
from backprop_steps.render.latex import symbol
from backprop_steps.render.tables import html_table
from backprop_steps.scalar import Trace

__all__ = ["KINDS", "givens_table", "kinds_table", "step_tables"]

KINDS: Mapping[str, str] = {
    "exact": "the whole value",
    "truncation": "the value with the further digits dropped, where rounding gives another "
    "last digit",
    "rounding": "the value rounded, where dropping the digits gives another last digit",
    "ambiguous": "rounded or with the digits dropped: both read the same",
    "wrong": "neither",
}
"""What each kind of [`AGREEMENTS`][backprop_steps.figures.AGREEMENTS] means, for a reader."""


def _given(name: str, value: float) -> str:
    return f"${symbol(name)} = {number(value, given=True)}$"


def givens_table(problems: Mapping[str, Problem]) -> str:
    r"""The given numbers of examples of one shape, a column per example: the inputs and targets,
    then each connection ($i_1 \to h_1$, ...) with its name and starting weight in that example's
    naming, the biases and the learning rate.

    Args:
        problems: One example each (not a batch), by the name of its post; one shape for all.

    Returns:
        A Markdown table.

    Introduced in [The neuralblog example][neuralblog].
    """
    networks = [problem.network for problem in problems.values()]
    names = networks[0].names
    rows: list[list[str]] = []
    for k, neuron in enumerate(names.neuron_names(-1)):
        row = [_given(neuron, p.example[0][k]) for p in problems.values()]
        rows.append([f"input ${symbol(neuron)}$", *row])
    for j, neuron in enumerate(names.neuron_names(len(networks[0].layers) - 1)):
        row = [f"${number(p.example[1][j], given=True)}$" for p in problems.values()]
        rows.append([f"$target_{{{neuron}}}$", *row])
    for l in range(len(networks[0].layers)):
        sources, receivers = names.neuron_names(l - 1), names.neuron_names(l)
        for j, receiver in enumerate(receivers):
            for k, source in enumerate(sources):
                cells = [
                    _given(n.names.weight_name(l, j, k), n.layers[l].weights[j][k])
                    for n in networks
                ]
                rows.append([f"${symbol(source)} \\to {symbol(receiver)}$", *cells])
    for b in names.biases:
        rows.append([f"bias ${symbol(b)}$", *(_given(b, n.parameter(b)) for n in networks)])
    rows.append(
        [
            r"learning rate $\eta$",
            *(f"${number(n.learning_rate, given=True)}$" for n in networks),
        ]
    )
    rows.append(["biases", *("learn" if n.update_biases else "frozen" for n in networks)])
    lines = ["| | " + " | ".join(problems) + " |", "|---|" + "---:|" * len(problems)]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)])


def step_tables(step: Trace) -> str:
    """Every number of a step of a network with one hidden layer, by neuron (net input, output,
    delta), by weight (gradient, new value) and its total error.

    Introduced in [The neuralblog example][neuralblog].
    """
    names = step.network.names
    neurons = [
        [
            f"${symbol(n)}$",
            number(step.net(n)),
            number(step.out(n)),
            number(step.delta(n)),
        ]
        for l in range(len(step.layers))
        for n in names.neuron_names(l)
    ]
    weights = [[f"${symbol(w)}$", number(step.grad(w)), number(step.new(w))] for w in names.weights]
    total = f"$E_{{total}} = {number(step.total_error)}$"
    return "\n\n".join(
        [
            html_table(["neuron", "net", "out", "δ"], neurons, "bp-stacked", numeric={1, 2, 3}),
            html_table(
                ["weight", "∂E_total/∂w", "new value"], weights, "bp-stacked", numeric={1, 2}
            ),
            total,
        ]
    )


def kinds_table(figures: Sequence[Figure], step: Trace) -> str:
    """How many of a post's figures are of each kind, and what the kind means.

    Args:
        figures: What the post printed.
        step: The post's step, computed.

    Returns:
        A Markdown table, a row per kind of [`AGREEMENTS`][backprop_steps.figures.AGREEMENTS].

    Introduced in [The neuralblog example][neuralblog].
    """
    kinds = tally(figures, step)
    lines = ["| the figure is | that is | figures |", "|---|---|---:|"]
    lines += [f"| **{kind}** | {KINDS[kind]} | {kinds[kind]} |" for kind in AGREEMENTS]
    return "\n".join(lines)
