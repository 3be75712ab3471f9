r"""Every formula of the tutorial in symbols, for the answer key.

The activation and the loss write their own parts (the network's, so the logistic function
and the squared error for the worked examples); the net inputs are the chapters' equations
without their numbers, named as the network names its weights.

Introduced in [Answer key][answer-key].
"""

from __future__ import annotations

from backprop_steps.activations import Activation
from backprop_steps.render.latex import derivative, net_input, symbolic, total_derivative
from backprop_steps.render.layout import display
from backprop_steps.scalar import Trace

__all__ = ["formulas"]


def _slope(j: str) -> str:
    return derivative(f"out_{j}", f"net_{j}")


def formulas(step: Trace) -> str:
    r"""The formulas of one training step, from $net_j$ to $w^+$, laid out to fit any screen.

    Args:
        step: A step of a network with one activation (not softmax) in its first layer; its
            net inputs give the last lines, in the network's naming.

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
            r"net_j = \sum_k w_{jk} \, x_k + b",
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
        display(*(symbolic(net_input(step, n)) for n in neurons)),
    ]
    return "\n".join(['<div class="bp-key-formulas" markdown="1">', *parts, "</div>"])
