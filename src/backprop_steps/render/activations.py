r"""The activations side by side: their names for a reader, their formulas, one step with each.

The formulas are those of [`ACTIVATIONS`][backprop_steps.activations.ACTIVATIONS]; the slope of
ReLU, which the library writes `[out > 0]`, reads $\mathbb{1}[out > 0]$ on the pages, as the
indicator of the cross-entropy chapter.

Introduced in [Deeper networks and other activations][deeper-networks].
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from backprop_steps.activations import ACTIVATIONS, Activation
from backprop_steps.display import number
from backprop_steps.magnitudes import Magnitudes
from backprop_steps.render.latex import subscript
from backprop_steps.render.tables import html_table
from backprop_steps.scalar import Trace

__all__ = ["READER_NAMES", "formulas_table", "indicator", "shrink_table", "variants_table"]

READER_NAMES: Mapping[str, str] = {
    "sigmoid": "logistic",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU",
}
"""The activations the pages compare, by the library's name, with the name a reader knows."""


def indicator(equation: str) -> str:
    r"""ReLU's slope `[out > 0]` written $\mathbb{1}[out > 0]$, as in the cross-entropy chapter.

    Examples:
        >>> print(indicator(ACTIVATIONS["relu"].latex_derivative("out")))
        \mathbb{1}[out > 0]

    Introduced in [Deeper networks and other activations][deeper-networks].
    """
    return equation.replace("[", r"\mathbb{1}[")


def formulas_table() -> str:
    r"""Each activation of `READER_NAMES`: its output and its slope $\frac{\partial out}{\partial
    net}$, in terms of its output, as the library writes them.

    Returns:
        The HTML table (a card per activation on a phone).

    Introduced in [Deeper networks and other activations][deeper-networks].
    """
    rows = []
    for name, label in READER_NAMES.items():
        f = ACTIVATIONS[name]
        assert isinstance(f, Activation)  # one neuron at a time, not softmax
        rows.append(
            [label, f"$out = {f.latex('net')}$", f"${indicator(f.latex_derivative('out'))}$"]
        )
    return html_table(["activation", "output", "slope ∂out/∂net"], rows, "bp-stacked")


def variants_table(variants: Mapping[str, Trace]) -> str:
    r"""One step of networks that differ in their activations: each neuron's $net$ and $\delta$,
    and $E_{total}$, a column per network.

    Args:
        variants: The steps, by the name of the activation that sets each apart (a key of
            `READER_NAMES`); the networks share their shape and naming.

    Returns:
        A Markdown table.

    Introduced in [Deeper networks and other activations][deeper-networks].
    """
    steps = list(variants.values())
    names = steps[0].network.names
    lines = [
        "| quantity | " + " | ".join(READER_NAMES[name] for name in variants) + " |",
        "|---|" + "---:|" * len(variants),
    ]
    for l in range(len(steps[0].layers)):
        for neuron in names.neuron_names(l):
            for head, value in (("net", Trace.net), ("\\delta", Trace.delta)):
                cells = [number(value(s, neuron)) for s in steps]
                lines.append(f"| ${head}_{{{subscript(neuron)}}}$ | " + " | ".join(cells) + " |")
    lines.append("| $E_{total}$ | " + " | ".join(number(s.total_error) for s in steps) + " |")
    return "\n".join(lines)


def shrink_table(sizes: Mapping[str, Magnitudes]) -> str:
    r"""How much the deltas and the weights' gradients shrink from the output layer back to
    hidden layer 1, beside the values the weights of those two layers carry (a gradient is a
    delta times a carried value), a column per activation.

    Args:
        sizes: The mean sizes per layer of networks that differ in their hidden activations, by
            the activation's name for a reader.

    Returns:
        The HTML table (a card per quantity on a phone).

    Introduced in [Deeper networks and other activations][deeper-networks].
    """
    rows: list[tuple[str, Callable[[Magnitudes], str]]] = [
        ("mean |δ| shrinks, output layer to hidden layer 1", lambda s: _fold(s.deltas)),
        ("mean |x| carried into the output layer", lambda s: f"{s.carried[-1]:.2f}"),
        ("of those values, exactly 0", lambda s: f"{100 * s.zeros[-1]:.0f}%"),
        ("mean |x| carried into hidden layer 1 (the inputs)", lambda s: f"{s.carried[0]:.3f}"),
        (
            "mean |∂E_total/∂w| shrinks, output layer to hidden layer 1",
            lambda s: _fold(s.gradients),
        ),
    ]
    body = [[label, *(cell(s) for s in sizes.values())] for label, cell in rows]
    return html_table(["", *sizes], body, "bp-stacked", numeric=set(range(1, len(sizes) + 1)))


def _fold(per_layer: tuple[float, ...]) -> str:
    """How many times smaller the first layer's value is than the last's: `2,065-fold`."""
    return f"{per_layer[-1] / per_layer[0]:,.0f}-fold"
