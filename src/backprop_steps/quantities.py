r"""Every number of a step by its tutorial name, in the order a student computes them.

The names are those of the `trace` table: `net_h1`, `out_h1`, `E_o1`, `E_total`,
`dE_total/dout_o1`, `dout_o1/dnet_o1`, `delta_o1`, `dE_o1/dout_h1` (one output's share),
`dE_total/dw5` and `w5+` (`b1+` likewise). On a batch each example's numbers carry its number,
`delta_o1[2]`, and are what the `trace` table and its JSON print for that example: its own
net inputs, outputs and errors, and the derivatives of the batch's $E_{total}$ (with the mean,
its own divided by the batch size); $E_{total}$, the gradients and the updates are the batch's.
A reader may also use the names the posts use ([`POST_NAMES`][backprop_steps.quantities.POST_NAMES]):
neuralblog's `new_w5` is `w5+`.

Examples:
    >>> from backprop_steps.examples import MAZUR
    >>> from backprop_steps.scalar import trace
    >>> names = quantities(trace(MAZUR.network, *MAZUR.example))
    >>> list(names)[:3], names["dE_total/dw5"], names["w5+"]
    (['net_h1', 'out_h1', 'net_h2'], 0.082167041, 0.358916480)
    >>> canonical("new_w5"), canonical("sum_h1[2]")
    ('w5+', 'net_h1[2]')

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from backprop_steps.network import Naming
from backprop_steps.problem import Problem
from backprop_steps.scalar import Trace, error_share
from backprop_steps.slips import RIGHT, Variant
from backprop_steps.worked import Worked, WorkedExample, work

__all__ = ["POST_NAMES", "canonical", "computed", "quantities"]

POST_NAMES: tuple[tuple[str, str], ...] = (
    (r"sum_(\w+)", r"net_\1"),
    (r"output_(\w+)", r"out_\1"),
    (r"E_(\d+)", r"E_o\1"),
    (r"new_(\w+)", r"\1+"),
)
"""The names the neuralblog post gives (as the [notation page][notation] lists them),
each a pattern and the name it stands for: `sum_h1` is `net_h1`, `output_h1` is `out_h1`,
`E_1` is `E_o1`, `new_w5` is `w5+`. An example's number, `[2]`, follows either."""

_POST_NAMES = tuple(
    (re.compile(pattern + r"(\[\d+\])?"), name + r"\2") for pattern, name in POST_NAMES
)


def canonical(name: str) -> str:
    """A quantity's name as the `trace` table writes it, from the name a post gives it.

    Introduced in [Check your own calculation][check-your-own].
    """
    for pattern, replacement in _POST_NAMES:
        if pattern.fullmatch(name):
            return pattern.sub(replacement, name)
    return name


def quantities(step: Trace | Worked) -> dict[str, float]:
    r"""Every named quantity of a step, in the order a student computes them.

    The forward pass layer by layer, each output's error and $E_{total}$; then, from the output
    layer back, each neuron's $\frac{\partial E_{total}}{\partial out}$,
    $\frac{\partial out}{\partial net}$ (not for softmax) and $\delta$ (for the layer that feeds
    the outputs, each output's share $\frac{\partial E_{o}}{\partial out}$ first), and the
    layer's gradients, each with its updated value.

    Args:
        step: A trace of one step on one example, or a step as a variant worked it.

    Returns:
        Name to value: `net_h1`, `out_h1`, ..., `E_total`, `dE_total/dout_o1`,
        `dout_o1/dnet_o1`, `delta_o1`, `dE_total/dw5`, `w5+`, ...

    Introduced in [Check your own calculation][check-your-own].
    """
    return _named(step if isinstance(step, Worked) else _worked(step))


def _worked(step: Trace) -> Worked:
    """A trace as a worked step: its shares taken through the weights its deltas used."""
    through = step.updated if step.order == "sequential" else step.network
    shares = tuple(
        ()
        if l == 0
        else tuple(
            tuple(error_share(d, w) for w in row)
            for d, row in zip(step.deltas[l], through.layers[l].weights, strict=True)
        )
        for l in range(len(step.layers))
    )
    example = WorkedExample(
        step.inputs,
        step.targets,
        step.layers,
        step.errors,
        step.error_derivatives,
        step.activation_derivatives,
        step.deltas,
        shares,
    )
    return Worked(
        step.network, (example,), step.total_error, step.gradients, step.updated, step.order
    )


def _named(step: Worked) -> dict[str, float]:
    """The quantities of a step by name; on a batch, each example's carry `[1]`, `[2]`, ..."""
    network = step.network
    names, last = network.names, len(network.layers) - 1
    neurons = [names.neuron_names(l) for l in range(last + 1)]
    outputs = neurons[last]
    batch = len(step.examples) > 1
    values: dict[str, float] = {}
    for n, e in enumerate(step.examples, 1):
        at = f"[{n}]" if batch else ""
        for l, layer_values in enumerate(e.layers):
            for name, net, out in zip(neurons[l], layer_values.net, layer_values.out, strict=True):
                values[f"net_{name}{at}"] = net
                values[f"out_{name}{at}"] = out
        values.update({f"E_{o}{at}": x for o, x in zip(outputs, e.errors, strict=True)})
    values["E_total"] = step.total_error
    gradients = step.gradients
    after = step.updated.layers
    new_weights, new_biases = [x.weights for x in after], [x.biases for x in after]
    for l in reversed(range(last + 1)):
        for n, e in enumerate(step.examples, 1):
            at = f"[{n}]" if batch else ""
            slopes = e.activation_derivatives[l]
            for j, name in enumerate(neurons[l]):
                if l == last - 1:
                    for i, o in enumerate(outputs):
                        values[f"dE_{o}/dout_{name}{at}"] = e.shares[last][i][j]
                values[f"dE_total/dout_{name}{at}"] = e.error_derivatives[l][j]
                if slopes is not None:
                    values[f"dout_{name}/dnet_{name}{at}"] = slopes[j]
                values[f"delta_{name}{at}"] = e.deltas[l][j]
        for parameter in _parameters(names, l):
            values[f"dE_total/d{parameter}"] = names.pick(
                gradients.weights, gradients.biases, parameter
            )
            values[f"{parameter}+"] = names.pick(new_weights, new_biases, parameter)
    return values


def _parameters(names: Naming, layer: int) -> list[str]:
    """The names of a layer's weights, then its biases, in the naming's order."""
    weights = [n for n, (l, _, _) in names.weights.items() if l == layer]
    return weights + [n for n, (l, _) in names.biases.items() if l == layer]


def computed(
    problem: Problem, variant: Variant = RIGHT, order: str = "simultaneous"
) -> dict[str, float]:
    """The named quantities of a step as the variant works it, on one example or a batch.

    `Variant()` gives [`quantities`][backprop_steps.quantities.quantities] of the library's
    [`trace`][backprop_steps.scalar.trace], to the last bit.

    Introduced in [Check your own calculation][check-your-own].
    """
    if variant.relabeled is None:
        return _named(work(problem, variant, order))
    values = computed(problem, replace(variant, relabeled=None), order)
    return _relabeled(values, *variant.relabeled)


def _relabeled(values: Mapping[str, float], a: str, b: str) -> dict[str, float]:
    """The numbers with two weights' names exchanged."""
    names = {f"dE_total/d{a}": f"dE_total/d{b}", f"{a}+": f"{b}+"}
    names.update({v: k for k, v in names.items()})
    return {names.get(name, name): values[name] for name in values}
