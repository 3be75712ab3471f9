r"""Check a reader's numbers for one training step, and say which mistake explains them.

A reader who worked a step out by hand (or in code) gives any subset of its quantities, named as
the `trace` table names them: `net_h1`, `out_h1`, `E_o1`, `E_total`, `dE_total/dout_o1`,
`dout_o1/dnet_o1`, `delta_o1`, `dE_o1/dout_h1`, `dE_total/dw5` and `w5+` (`b1+` likewise).
[`check`][backprop_steps.check.check] compares them, in the order a student computes them, with
the library's; a value matches when it is ours rounded or truncated to the decimals the reader
wrote. At the first divergence it tries every mistake of the catalogue
([`MISTAKES`][backprop_steps.check.MISTAKES]): each is a [`Variant`][backprop_steps.check.Variant]
of the step, computed by [`variant_trace`][backprop_steps.check.variant_trace] with the same
equations as [`trace`][backprop_steps.scalar.trace] and one of them done wrong. A diagnosis is a
variant whose numbers match all of the reader's.

Examples:
    >>> from backprop_steps.examples import MAZUR
    >>> report = check(MAZUR, {"out_o1": "0.7514", "delta_o1": "0.741365"})
    >>> report.matching, report.first_divergence.quantity
    (1, 'delta_o1')
    >>> [(d.mistake, d.tell_apart) for d in report.diagnoses]  # in every layer, or the output's
    [('missing-activation-derivative', 'delta_h1'), ('missing-activation-derivative', 'delta_h1')]

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, cast

from backprop_steps.activations import LayerActivation
from backprop_steps.display import number
from backprop_steps.figures import Rounding, decimals, matches, parse_figure
from backprop_steps.network import CONVENTIONS, Layer, Matrix, Network, Vector, naming
from backprop_steps.problem import Problem
from backprop_steps.scalar import (
    Gradients,
    LayerValues,
    Trace,
    added,
    check_run,
    hidden_error_derivative,
    net_input,
    node_delta,
    trace,
    updated_weight,
    weight_gradient,
)

__all__ = [
    "MISTAKES",
    "Diagnosis",
    "Report",
    "Row",
    "Variant",
    "check",
    "computed",
    "parse_given",
    "quantities",
    "report_json",
    "report_text",
    "variant_trace",
    "variants",
]

MISTAKES: dict[str, str] = {
    "swapped-weights": "two weights of a layer exchanged",
    "sequential-update": "hidden deltas computed from the already-updated output weights",
    "missing-activation-derivative": "the delta without the activation's slope dout/dnet",
    "derivative-of-net": "the slope taken at the net input: net(1 - net) instead of out(1 - out)",
    "derivative-applied-twice": "the slope of the output: f(out)(1 - f(out)) instead of out(1 - out)",
    "sign-flipped": "the update adds the gradient instead of subtracting it",
    "missing-half": "the squared error without its 1/2, so every gradient doubles",
    "learning-rate": "another learning rate (or none)",
    "single-path": "a hidden neuron's error derivative taken from one output only",
    "biases-updated": "biases updated where the problem keeps them frozen",
    "biases-frozen": "biases kept frozen where the problem updates them",
    "bias-per-neuron": "a shared bias's gradient taken from one neuron instead of summed",
    "missing-bias": "a net input computed without its bias",
    "net-instead-of-out": "dnet/dw taken as the previous layer's net input instead of its output",
    "cross-entropy-derivative-twice": "the activation's slope multiplied into delta = out - target",
    "batch-reduction": "the mean and the sum of the batch loss exchanged",
    "rounded-intermediates": "every intermediate rounded to a few decimals",
    "error-derivative-sign": "dE_total/dout taken as target - out instead of out - target",
}
"""The catalogue of mistakes, by id, with what each one does."""


# --- the quantities, by name --------------------------------------------------------------------


def quantities(step: Trace) -> dict[str, float]:
    r"""Every named quantity of a step, in the order a student computes them.

    The forward pass layer by layer, each output's error and $E_{total}$; then, from the output
    layer back, each neuron's $\frac{\partial E_{total}}{\partial out}$,
    $\frac{\partial out}{\partial net}$ (not for softmax) and $\delta$ (for the layer that feeds
    the outputs, each output's share $\frac{\partial E_{o}}{\partial out}$ first), and the
    layer's gradients, each with its updated value.

    Args:
        step: A trace of one step on one example.

    Returns:
        Name to value: `net_h1`, `out_h1`, ..., `E_total`, `dE_total/dout_o1`,
        `dout_o1/dnet_o1`, `delta_o1`, `dE_total/dw5`, `w5+`, ...

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> names = quantities(trace(MAZUR.network, *MAZUR.example))
        >>> list(names)[:3], names["dE_total/dw5"], names["w5+"]
        (['net_h1', 'out_h1', 'net_h2'], 0.082167041, 0.358916480)

    Introduced in [Check your own calculation][check-your-own].
    """
    example = _Example(
        step.inputs,
        step.targets,
        list(step.layers),
        step.errors,
        list(step.error_derivatives),
        list(step.activation_derivatives),
        list(step.deltas),
    )
    s = _Step(step.network, [example], step.total_error, step.gradients, step.updated, step.order)
    return _named(s)


def _named(s: _Step) -> dict[str, float]:
    """The quantities of a step by name; on a batch, each example's carry `[1]`, `[2]`, ..."""
    network = s.network
    names, last = network.names, len(network.layers) - 1
    through = s.updated if s.order == "sequential" else network
    batch = len(s.examples) > 1
    outputs = names.neuron_names(last)
    values: dict[str, float] = {}
    for n, e in enumerate(s.examples, 1):
        at = f"[{n}]" if batch else ""
        for l, layer_values in enumerate(e.layers):
            for name, net, out in zip(
                names.neuron_names(l), layer_values.net, layer_values.out, strict=True
            ):
                values[f"net_{name}{at}"] = net
                values[f"out_{name}{at}"] = out
        values.update({f"E_{o}{at}": x for o, x in zip(outputs, e.errors, strict=True)})
    values["E_total"] = s.total_error
    for l in reversed(range(last + 1)):
        for n, e in enumerate(s.examples, 1):
            at = f"[{n}]" if batch else ""
            slopes = e.activation_derivatives[l]
            for j, name in enumerate(names.neuron_names(l)):
                if l == last - 1:
                    for i, o in enumerate(outputs):
                        share = e.deltas[last][i] * through.layers[last].weights[i][j]
                        if s.decimals is not None:
                            share = Rounding(s.decimals)(share)
                        values[f"dE_{o}/dout_{name}{at}"] = share
                values[f"dE_total/dout_{name}{at}"] = e.error_derivatives[l][j]
                if slopes is not None:
                    values[f"dout_{name}/dnet_{name}{at}"] = slopes[j]
                values[f"delta_{name}{at}"] = e.deltas[l][j]
        for parameter in _parameters(network, l):
            values[f"dE_total/d{parameter}"] = names.pick(
                s.gradients.weights, s.gradients.biases, parameter
            )
            values[f"{parameter}+"] = s.updated.parameter(parameter)
    return values


def _parameters(network: Network, layer: int) -> list[str]:
    """The names of a layer's weights, then its biases, in the naming's order."""
    names = network.names
    weights = [n for n, (l, _, _) in names.weights.items() if l == layer]
    return weights + [n for n, (l, _) in names.biases.items() if l == layer]


# --- the reader's numbers -----------------------------------------------------------------------


def parse_given(text: str) -> dict[str, str]:
    r"""The reader's numbers: a JSON object, or `name value` lines (`#` starts a comment).

    Values are kept as written (a JSON number's text too), so `0.5930` keeps its 4 decimals.

    Raises:
        ValueError: One line naming the quantity (or the line) and the problem.

    Examples:
        >>> parse_given('{"out_h1": 0.5933, "w5+": "0.3589"}')
        {'out_h1': '0.5933', 'w5+': '0.3589'}
        >>> parse_given("out_h1 0.5933\nE_total = 0.2984")
        {'out_h1': '0.5933', 'E_total': '0.2984'}

    Introduced in [Check your own calculation][check-your-own].
    """
    text = text.removeprefix("\ufeff")  # a byte-order mark, as Notepad writes
    if text.lstrip()[:1] in ("{", "["):
        try:
            data = json.loads(text, parse_float=str, parse_int=str, object_pairs_hook=_no_repeats)
        except json.JSONDecodeError as error:
            raise ValueError(
                f"your numbers: not valid JSON ({error.msg} at line {error.lineno}, "
                f"column {error.colno})"
            ) from None
        if not isinstance(data, dict):
            raise ValueError("your numbers: expected a JSON object of name: value")
        return {str(k): parse_figure(k, v) for k, v in data.items()}
    given: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.partition("#")[0].replace("=", " ").replace(":", " ", 1).strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            raise ValueError(f"line {n}: expected a name and a number, got {line!r}")
        if parts[0] in given:
            raise ValueError(f"{parts[0]}: given twice (line {n})")
        given[parts[0]] = parse_figure(parts[0], parts[1])
    return given


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"{key}: given twice")
        seen[key] = value
    return seen


# --- the mistakes, as variants of the step ------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """One way to compute a step: the right one (every field at its default) or a mistake.

    Introduced in [Check your own calculation][check-your-own].
    """

    mistake: str = ""
    """The id in [`MISTAKES`][backprop_steps.check.MISTAKES]; empty for the right computation."""
    message: str = ""
    """What the reader did, in a sentence."""
    network: Network | None = None
    """The network the reader worked with (weights exchanged), if not the problem's."""
    slope: str = "out"
    r"""$\frac{\partial out}{\partial net}$ as `out` (right), `one` (left out), `net` (taken at
    the net input) or `twice` (the activation applied to the output first)."""
    layers: frozenset[int] | None = None
    """The layers the mistake is made in (`None`: all)."""
    no_bias: bool = False
    """Net inputs without their bias (in `layers`)."""
    error_scale: float = 1.0
    r"""A factor on every output's $\frac{\partial E_{total}}{\partial out}$."""
    loss_scale: float = 1.0
    """A factor on every output's error."""
    single_path: int | None = None
    """Hidden error derivatives from this neuron of the next layer only."""
    x_from_net: bool = False
    r"""$\frac{\partial net}{\partial w}$ taken as the previous layer's net input."""
    slope_in_short_delta: bool = False
    r"""The output slope multiplied into $\delta = out - target$."""
    bias_neuron: int | None = None
    """A shared bias's gradient taken as this neuron's delta."""
    flip_sign: bool = False
    """The update adds $\\eta$ times the gradient."""
    learning_rate: float | None = None
    """Another learning rate."""
    update_biases: bool | None = None
    """The opposite bias setting."""
    order: str | None = None
    """Another update order."""
    decimals: int | None = None
    """Every intermediate rounded to this many decimals."""
    relabeled: tuple[str, str] | None = None
    """Two weights' names exchanged on the reader's numbers (the values are right)."""
    reduction_swapped: bool = False
    """A batch's loss reduced by the sum where the problem takes the mean, or the other way."""

    def applies(self, layer: int) -> bool:
        """Whether the mistake is made in this layer."""
        return self.layers is None or layer in self.layers


def _round(decimals: int | None) -> Any:
    if decimals is None:
        return lambda x: x
    return Rounding(decimals)


@dataclass(frozen=True)
class _Example:
    """One example's part of a step: its forward pass and its backward pass, unreduced."""

    inputs: Vector
    targets: Vector
    layers: list[LayerValues]
    errors: Vector
    error_derivatives: list[Vector]
    activation_derivatives: list[Vector | None]
    deltas: list[Vector]


@dataclass(frozen=True)
class _Step:
    """A step on one example or a batch, as a variant computes it."""

    network: Network
    examples: list[_Example]
    total_error: float
    gradients: Gradients
    updated: Network
    order: str
    decimals: int | None = None


def _step(
    network: Network,
    data: Sequence[tuple[Vector, Vector]],
    v: Variant,
    order: str,
) -> _Step:
    """The step: every example forward, then layer by layer from the outputs back, each
    example's deltas, the layer's gradient (reduced over the batch) and its update.
    """
    r = _round(v.decimals)
    loss, last = network.loss_function, len(network.layers) - 1
    examples = [_forward(network, x, t, v, r) for x, t in data]
    errors = [
        tuple(
            r(loss.derivative(t, o) * v.error_scale)
            for t, o in zip(e.targets, e.layers[last].out, strict=True)
        )
        for e in examples
    ]
    reduction = network.reduction
    if v.reduction_swapped:
        reduction = "sum" if reduction == "mean" else "mean"
    layers = list(network.layers)
    grad_w: list[Matrix] = [()] * (last + 1)
    grad_b: list[float | Vector] = [0.0] * (last + 1)
    rate = network.learning_rate if v.learning_rate is None else v.learning_rate
    update_biases = network.update_biases if v.update_biases is None else v.update_biases
    for l in reversed(range(last + 1)):
        layer = layers[l]
        per_w, per_b = [], []
        for e, error in zip(examples, errors, strict=True):
            delta = _deltas(network, l, e, error, v, r)
            source = (
                e.inputs
                if l == 0
                else (e.layers[l - 1].net if v.x_from_net else e.layers[l - 1].out)
            )
            per_w.append(tuple(tuple(r(weight_gradient(d, s)) for s in source) for d in delta))
            per_b.append(_bias_gradient(layer, delta, v if v.applies(l) else Variant(), r))
        grad_w[l], grad_b[l] = _reduced(per_w, per_b, reduction, r)
        new = _updated(layer, grad_w[l], grad_b[l], rate, update_biases, v.flip_sign, r)
        layers[l] = new
        through = new if order == "sequential" else layer
        errors = [_hidden_errors(through, e.deltas[l], v, r) for e in examples]
    total = added(added(e.errors) for e in examples)
    if reduction == "mean" and len(examples) > 1:
        total /= len(examples)
    return _Step(
        network,
        examples,
        r(total),
        Gradients(tuple(grad_w), tuple(grad_b)),
        replace(network, layers=tuple(layers)),
        order,
        v.decimals,
    )


def _forward(network: Network, x: Vector, t: Vector, v: Variant, r: Any) -> _Example:
    values: list[LayerValues] = []
    inputs = x
    for l, layer in enumerate(network.layers):
        bias = [0.0 if v.no_bias and v.applies(l) else layer.bias(j) for j in range(layer.width)]
        net = tuple(
            r(net_input(row, inputs, b)) for row, b in zip(layer.weights, bias, strict=True)
        )
        f = layer.f
        out = f.value(net) if isinstance(f, LayerActivation) else tuple(f.value(n) for n in net)
        values.append(LayerValues(net, tuple(map(r, out))))
        inputs = values[-1].out
    loss = network.loss_function
    out = values[-1].out
    errors = tuple(r(loss.error(y, o) * v.loss_scale) for y, o in zip(t, out, strict=True))
    count = len(values)
    return _Example(x, t, values, errors, [()] * count, [None] * count, [()] * count)


def _deltas(network: Network, l: int, e: _Example, error: Vector, v: Variant, r: Any) -> Vector:
    """One example's deltas in layer l, recorded in the example with their factors."""
    layer, lv = network.layers[l], e.layers[l]
    loss, last = network.loss_function, len(network.layers) - 1
    slopes = _slopes(layer, lv, v, l)
    if l == last and loss.deltas is not None:
        delta = tuple(r(d * v.error_scale) for d in loss.deltas(e.targets, lv.out))
        if v.slope_in_short_delta:
            own = slopes or tuple(o * (1.0 - o) for o in lv.out)  # softmax: its diagonal
            delta = tuple(r(d * s) for d, s in zip(delta, own, strict=True))
    elif slopes is None:
        delta = tuple(map(r, cast(LayerActivation, layer.f).backward(lv.out, error)))
    else:
        used = tuple(1.0 for _ in slopes) if v.slope == "one" and v.applies(l) else slopes
        delta = tuple(r(node_delta(g, s)) for g, s in zip(error, used, strict=True))
    e.error_derivatives[l], e.activation_derivatives[l], e.deltas[l] = error, slopes, delta
    return delta


def _reduced(
    per_w: list[Matrix], per_b: list[float | Vector], reduction: str, r: Any
) -> tuple[Matrix, float | Vector]:
    """The batch's gradient: the examples' gradients summed, or their mean."""
    if len(per_w) == 1:
        return per_w[0], per_b[0]
    n = len(per_w) if reduction == "mean" else 1

    def combine(values: Sequence[float]) -> float:
        return cast(float, r(added(values) / n))

    weights = tuple(
        tuple(combine([g[j][k] for g in per_w]) for k in range(len(per_w[0][0])))
        for j in range(len(per_w[0]))
    )
    first = per_b[0]
    if isinstance(first, tuple):
        biases: float | Vector = tuple(
            combine([cast(Vector, b)[j] for b in per_b]) for j in range(len(first))
        )
    else:
        biases = combine([cast(float, b) for b in per_b])
    return weights, biases


def variant_trace(problem: Problem, variant: Variant, order: str = "simultaneous") -> Trace:
    r"""One step on one example computed as the variant computes it: the
    [`trace`][backprop_steps.scalar.trace] equations, in the same order, with the variant's
    mistake.

    `Variant()` gives exactly what `trace` gives, to the last bit.

    Args:
        problem: The network and one example.
        variant: The mistake (or none).
        order: The update order the problem asks for.

    Returns:
        A trace of the step as the reader would have computed it.

    Introduced in [Check your own calculation][check-your-own].
    """
    order = variant.order or order
    check_run(order)
    network = variant.network or problem.network
    s = _step(network, [problem.example], variant, order)
    e = s.examples[0]
    return Trace(
        error_derivatives=tuple(e.error_derivatives),
        activation_derivatives=tuple(e.activation_derivatives),
        deltas=tuple(e.deltas),
        gradients=s.gradients,
        network=network,
        inputs=e.inputs,
        targets=e.targets,
        order=order,
        layers=tuple(e.layers),
        errors=e.errors,
        total_error=s.total_error,
        updated=s.updated,
    )


def computed(problem: Problem, variant: Variant, order: str = "simultaneous") -> dict[str, float]:
    """The named quantities of a step as the variant computes them, on one example or a batch.

    On one example, `Variant()` gives [`quantities`][backprop_steps.check.quantities] of the
    library's [`trace`][backprop_steps.scalar.trace]. On a batch, each example's quantities are
    named with its number (`delta_o1[2]`) and are that example's own (its error, not the batch's
    share of it); `E_total`, the gradients and the updates are the batch's.

    Introduced in [Check your own calculation][check-your-own].
    """
    if variant.relabeled is not None:
        values = computed(problem, replace(variant, relabeled=None), order)
        a, b = variant.relabeled
        names = {f"dE_total/d{a}": f"dE_total/d{b}", f"{a}+": f"{b}+"}
        names.update({v: k for k, v in names.items()})
        return {names.get(name, name): values[name] for name in values}
    if not problem.batched:
        if variant == Variant():
            return quantities(trace(problem.network, *problem.example, order=order))
        return quantities(variant_trace(problem, variant, order))
    order = variant.order or order
    check_run(order)
    data = list(zip(cast(Matrix, problem.inputs), cast(Matrix, problem.targets), strict=True))
    return _named(_step(variant.network or problem.network, data, variant, order))


def _slopes(layer: Layer, values: LayerValues, v: Variant, l: int) -> Vector | None:
    f = layer.f
    if isinstance(f, LayerActivation):
        return None
    r = _round(v.decimals)
    kind = v.slope if v.applies(l) else "out"
    if kind == "net":
        return tuple(r(f.derivative(n)) for n in values.net)
    if kind == "twice":
        return tuple(r(f.derivative(f.value(o))) for o in values.out)
    return tuple(r(f.derivative(o)) for o in values.out)


def _bias_gradient(layer: Layer, delta: Vector, v: Variant, r: Any) -> float | Vector:
    if not layer.shared_bias:
        return delta
    if v.bias_neuron is not None:
        return delta[v.bias_neuron]
    return cast(float, r(added(delta)))


def _updated(
    layer: Layer,
    grad_w: tuple[Vector, ...],
    grad_b: float | Vector,
    rate: float,
    update_biases: bool,
    flip: bool,
    r: Any,
) -> Layer:
    eta = -rate if flip else rate
    weights = tuple(
        tuple(r(updated_weight(w, g, eta)) for w, g in zip(row, grads, strict=True))
        for row, grads in zip(layer.weights, grad_w, strict=True)
    )
    biases = layer.biases
    if update_biases and isinstance(biases, tuple):
        biases = tuple(
            r(updated_weight(b, g, eta)) for b, g in zip(biases, cast(Vector, grad_b), strict=True)
        )
    elif update_biases:
        biases = r(updated_weight(cast(float, biases), cast(float, grad_b), eta))
    return replace(layer, weights=weights, biases=biases)


def _hidden_errors(layer: Layer, delta: Vector, v: Variant, r: Any) -> Vector:
    r"""$\frac{\partial E_{total}}{\partial out_k}$ for each input $k$ of the layer."""
    if v.single_path is not None and v.single_path < len(delta):
        p = v.single_path
        return tuple(r(delta[p] * layer.weights[p][k]) for k in range(layer.fan_in))
    if v.decimals is None:
        return tuple(hidden_error_derivative(delta, layer.weights, k) for k in range(layer.fan_in))
    # rounding as it goes: each output's share rounded, then their sum
    return tuple(
        r(added(r(d * row[k]) for d, row in zip(delta, layer.weights, strict=True)))
        for k in range(layer.fan_in)
    )


# --- the catalogue, as variants -----------------------------------------------------------------


def _scopes(network: Network) -> list[tuple[frozenset[int] | None, str]]:
    """Where a mistake of the backward pass can be made: everywhere, or in one part."""
    last = len(network.layers) - 1
    if last == 0:
        return [(None, "")]
    hidden = frozenset(range(last))
    scopes = [
        (None, " in every layer"),
        (frozenset({last}), " in the output layer only"),
        (hidden, " in the hidden layer only" if last == 1 else " in the hidden layers only"),
    ]
    if last > 1:
        scopes += [(frozenset({l}), f" in hidden layer {l + 1} only") for l in range(last)]
    return scopes


SLOPE_FORMS = {
    "sigmoid": ("out(1 - out)", "net(1 - net)", "sigma(out)(1 - sigma(out))"),
    "tanh": ("1 - out^2", "1 - net^2", "1 - tanh(out)^2"),
}
"""For the messages: an activation's slope written with out (right), with net in place of out,
and with the activation applied to out first."""


def _slope_forms(network: Network, scope: frozenset[int] | None) -> tuple[str, str, str]:
    """The slope's three forms for the layers of a scope (generic when they differ)."""
    names = {
        layer.activation
        for l, layer in enumerate(network.layers)
        if (scope is None or l in scope) and not isinstance(layer.f, LayerActivation)
    }
    if len(names) == 1 and (name := names.pop()) in SLOPE_FORMS:
        return SLOPE_FORMS[name]
    return (
        "the slope written with out",
        "that slope with net in place of out",
        "that slope with f(out) in place of out",
    )


def _other_naming(network: Network) -> tuple[str, str, str] | None:
    """For a 2-2-2 network in one post's naming: the pair the other post's naming exchanges."""
    names = network.names
    if names.convention not in CONVENTIONS:
        return None
    [convention] = set(CONVENTIONS) - {names.convention}
    try:
        other = naming(convention, network.sizes, network.shared_biases)
    except ValueError:  # a shape the posts do not number
        return None
    moved = sorted(n for n in names.weights if other.weights.get(n) != names.weights[n])
    return (moved[0], moved[1], other.convention) if len(moved) == 2 else None


def _swaps(network: Network) -> Iterator[Variant]:
    names = network.names
    other = _other_naming(network)
    if other is not None:
        first, second, convention = other
        yield Variant(
            "swapped-weights",
            f"You numbered the hidden weights as the {convention} post does: your {first} is "
            f"this problem's {second}, and your {second} its {first}. Your numbers are right "
            "under those names.",
            relabeled=(first, second),
        )
    for l, layer in enumerate(network.layers):
        cells = [(j, k) for j in range(layer.width) for k in range(layer.fan_in)]
        for a, (j1, k1) in enumerate(cells):
            for j2, k2 in cells[a + 1 :]:
                if len(cells) > 16 and j1 != j2 and k1 != k2:
                    continue  # in a large layer, only neighbours in a row or a column
                w = [list(row) for row in layer.weights]
                w[j1][k1], w[j2][k2] = w[j2][k2], w[j1][k1]
                if w == [list(row) for row in layer.weights]:
                    continue
                n1, n2 = names.weight_name(l, j1, k1), names.weight_name(l, j2, k2)
                message = f"You exchanged {n1} and {n2}: {n1} = {number(layer.weights[j2][k2], given=True)} and {n2} = {number(layer.weights[j1][k1], given=True)}."
                if other is not None and {n1, n2} == {other[0], other[1]}:
                    message += f" That is the {other[2]} post's numbering of the hidden weights."
                layers = list(network.layers)
                layers[l] = replace(layer, weights=tuple(map(tuple, w)))
                yield Variant(
                    "swapped-weights", message, network=replace(network, layers=tuple(layers))
                )


def _rates(problem: Problem, given: Mapping[str, str], ours: Mapping[str, float]) -> list[float]:
    """Learning rates to try: none (1), half, double, and the ones the reader's updates imply."""
    network = problem.network
    eta = network.learning_rate
    rates = [1.0, eta / 2, eta * 2]
    for name, figure in given.items():
        names = network.names
        if name.endswith("+") and (name[:-1] in names.weights or name[:-1] in names.biases):
            gradient = ours[f"dE_total/d{name[:-1]}"]
            if abs(gradient) > 1e-12:
                implied = (network.parameter(name[:-1]) - float(figure)) / gradient
                rates += [float(f"{implied:.{digits}g}") for digits in (1, 2, 3)]
    return [rate for rate in dict.fromkeys(rates) if rate > 0 and not math.isclose(rate, eta)]


def variants(
    problem: Problem, given: Mapping[str, str], order: str = "simultaneous"
) -> Iterator[Variant]:
    """Every mistake of the catalogue that can be made on this problem, as variants.

    Args:
        problem: The network and one example.
        given: The reader's numbers (some variants take their figures from them: the learning
            rate the updates imply, the decimals the reader works at).
        order: The update order the problem asks for.

    Yields:
        The variants, one per mistake and place it can be made.

    Introduced in [Check your own calculation][check-your-own].
    """
    network = problem.network
    last = len(network.layers) - 1
    ours = computed(problem, Variant(), order)
    yield from _swaps(network)
    if last > 0:
        other = "sequential" if order == "simultaneous" else "simultaneous"
        what = (
            "You computed the hidden deltas from the output weights already updated (the "
            "sequential order of the Mazur post's 2015 code)."
            if other == "sequential"
            else "You computed the hidden deltas from the output weights before the step (the "
            "simultaneous order), where the problem updates each layer first."
        )
        yield Variant("sequential-update", what, order=other)
    short = network.loss_function.deltas is not None
    slope_layers = {
        l for l, layer in enumerate(network.layers) if not isinstance(layer.f, LayerActivation)
    }
    if short:
        slope_layers.discard(last)
    for scope, where in _scopes(network):
        if not slope_layers & (set(range(last + 1)) if scope is None else scope):
            continue
        yield Variant(
            "missing-activation-derivative",
            f"You left the slope dout/dnet out of the deltas{where}: delta = dE_total/dout.",
            slope="one",
            layers=scope,
        )
        right, of_net, twice = _slope_forms(network, scope)
        yield Variant(
            "derivative-of-net",
            f"You took the slope at the net input{where}: {of_net} instead of {right}.",
            slope="net",
            layers=scope,
        )
        yield Variant(
            "derivative-applied-twice",
            f"You applied the activation to the output before taking its slope{where}: "
            f"{twice} instead of {right}.",
            slope="twice",
            layers=scope,
        )
    yield Variant(
        "sign-flipped",
        "Your update adds the learning rate times the gradient; it must subtract it: "
        "w+ = w - eta * dE_total/dw.",
        flip_sign=True,
    )
    if network.loss == "squared_error":
        yield Variant(
            "missing-half",
            "You left the 1/2 out of the squared error, so dE_total/dout (and every gradient "
            "after it) is doubled.",
            error_scale=2.0,
            loss_scale=2.0,
        )
        yield Variant(
            "missing-half",
            "You wrote the error with its 1/2 but differentiated (t - out)^2 without it, so "
            "dE_total/dout (and every gradient after it) is doubled.",
            error_scale=2.0,
        )
    yield Variant(
        "error-derivative-sign",
        "You took delta = target - out at the outputs; it is out - target, so every gradient "
        "after it has the wrong sign."
        if short
        else "You took dE_total/dout as target - out; the derivative of 1/2 (target - out)^2 "
        "is -(target - out) = out - target, so every gradient after it has the wrong sign.",
        error_scale=-1.0,
    )
    for rate in _rates(problem, given, ours):
        forgot = " (the learning rate left out)" if rate == 1.0 else ""
        yield Variant(
            "learning-rate",
            f"Your updates use the learning rate {number(rate, given=True)}{forgot}; the "
            f"problem's is {number(network.learning_rate, given=True)}.",
            learning_rate=rate,
        )
    if last > 0:
        for p, name in enumerate(network.names.neuron_names(last)):
            yield Variant(
                "single-path",
                f"You took each hidden neuron's dE_total/dout from {name} only; it is the sum "
                "over every neuron it feeds (delta times weight for each).",
                single_path=p,
            )
    frozen = not network.update_biases
    yield Variant(
        "biases-updated" if frozen else "biases-frozen",
        "You updated the biases; this problem keeps them frozen."
        if frozen
        else "You kept the biases frozen; this problem updates them.",
        update_biases=frozen,
    )
    for l, layer in enumerate(network.layers):
        if layer.shared_bias and layer.width > 1:
            for j, name in enumerate(network.names.neuron_names(l)):
                bias = next(n for n, (bl, _) in network.names.biases.items() if bl == l)
                yield Variant(
                    "bias-per-neuron",
                    f"You took the gradient of {bias} as delta_{name} alone; {bias} feeds every "
                    "neuron of its layer, so its gradient is the sum of their deltas.",
                    bias_neuron=j,
                    layers=frozenset({l}),
                )
    for scope, where in _scopes(network):
        yield Variant(
            "missing-bias",
            f"You left the bias out of the net inputs{where}.",
            no_bias=True,
            layers=scope,
        )
    if last > 0:
        yield Variant(
            "net-instead-of-out",
            "You took dnet/dw as the previous layer's net input; it is that layer's output "
            "(out_h1 for w5, not net_h1).",
            x_from_net=True,
        )
    if short:
        yield Variant(
            "cross-entropy-derivative-twice",
            "You multiplied the output's slope into delta = out - target; with cross-entropy "
            "the slope has already cancelled.",
            slope_in_short_delta=True,
        )
    if problem.batched:
        other = "sum" if network.reduction == "mean" else "mean"
        yield Variant(
            "batch-reduction",
            f"You took the {other} of the examples' gradients; this problem's loss is the "
            f"{network.reduction} of theirs (its reduction), so its gradients are the "
            f"{network.reduction} of the examples' gradients.",
            reduction_swapped=True,
        )
    for d in sorted({decimals(f) for f in given.values()} - {0}):
        if d < 9:
            yield Variant(
                "rounded-intermediates",
                f"You rounded every intermediate to {d} decimals; small differences grow from "
                "one step of the chain to the next. Keep all the digits until the end.",
                decimals=d,
            )


# --- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One of the reader's numbers beside ours.

    Introduced in [Check your own calculation][check-your-own].
    """

    quantity: str
    """Its name, as the `trace` table prints it."""
    yours: str
    """The reader's figure, as written."""
    ours: float
    """The library's value."""
    match: bool
    """Whether the figure is ours rounded or truncated to its decimals."""


@dataclass(frozen=True)
class Diagnosis:
    """A known mistake that reproduces the reader's numbers.

    Introduced in [Check your own calculation][check-your-own].
    """

    mistake: str
    """Its id in [`MISTAKES`][backprop_steps.check.MISTAKES]."""
    explains: tuple[str, ...]
    """The reader's numbers that differ from ours and that the mistake reproduces."""
    message: str
    """What the reader did, and what to do instead."""
    partial: bool = False
    """Whether some of the reader's other numbers are still unexplained."""
    tell_apart: str | None = None
    """A quantity the reader has not given whose value would tell this mistake from the other
    diagnoses (`None` when there is no other)."""


@dataclass(frozen=True)
class Report:
    """The reader's numbers checked, in the order of the step, and what went wrong.

    Introduced in [Check your own calculation][check-your-own].
    """

    rows: tuple[Row, ...]
    """Each of the reader's numbers beside ours, in the order a student computes them."""
    diagnoses: tuple[Diagnosis, ...] = field(default=())
    """The mistakes that reproduce the reader's numbers from the first divergence on."""

    @property
    def first_divergence(self) -> Row | None:
        """The first number that is not ours; `None` when all match."""
        return next((row for row in self.rows if not row.match), None)

    @property
    def checked(self) -> int:
        """How many numbers were checked."""
        return len(self.rows)

    @property
    def matching(self) -> int:
        """How many of them are ours."""
        return sum(row.match for row in self.rows)


def check(problem: Problem, given: Mapping[str, str], order: str = "simultaneous") -> Report:
    """Compare a reader's numbers with one step of the problem, and diagnose the first divergence.

    Args:
        problem: The network and one example.
        given: The reader's numbers by name (see [`parse_given`][backprop_steps.check.parse_given]).
        order: The update order the problem asks for.

    Returns:
        The report: every number checked, the first divergence, the diagnoses.

    Raises:
        ValueError: One line naming an unknown quantity or a figure that is not a number.

    Introduced in [Check your own calculation][check-your-own].
    """
    check_run(order)
    if not given:
        raise ValueError("your numbers: none given (name value lines, or a JSON object)")
    ours = computed(problem, Variant(), order)
    for name, figure in given.items():
        if name not in ours and f"{name}[1]" in ours:
            raise ValueError(
                f"{name}: on a batch, number each example's value: {name}[1], {name}[2], ..."
            )
        if name not in ours:
            raise ValueError(f"{name}: unknown quantity; {_known(ours)}")
        parse_figure(name, figure)
    rows = tuple(
        Row(name, given[name], value, matches(given[name], value))
        for name, value in ours.items()
        if name in given
    )
    if all(row.match for row in rows):
        return Report(rows)
    return Report(rows, _diagnoses(problem, given, order, rows))


def _known(ours: Mapping[str, float]) -> str:
    names = list(ours)
    shown = ", ".join(names[:6])
    return f"the names are those of the trace table ({shown}, ..., {names[-1]})"


def _diagnoses(
    problem: Problem, given: Mapping[str, str], order: str, rows: Sequence[Row]
) -> tuple[Diagnosis, ...]:
    """The variants that give all the reader's numbers; failing that, those that give the first
    divergence and some of the others without contradicting any number the reader got right.

    A student with a pocket calculator often rounds as they go: when no variant alone gives the
    numbers, each is tried again with every intermediate rounded to the reader's decimals.
    """
    wrong = [row.quantity for row in rows if not row.match]
    tried = list(variants(problem, given, order))
    full, partial = _explaining(problem, order, rows, tried)
    places = Counter(decimals(figure) for figure in given.values()).most_common(1)[0][0]
    if not full and 0 < places < 9:
        rounded = [
            replace(
                v,
                decimals=places,
                message=f"{v.message} You also rounded each intermediate to {places} decimals, "
                "which accounts for the last digits.",
            )
            for v in tried
            if v.decimals is None
        ]
        full, more = _explaining(problem, order, rows, rounded)
        partial += more
    if full:
        found = [(v, t, wrong) for v, t in _distinct(full)]
        return tuple(
            Diagnosis(v.mistake, tuple(q), v.message, False, _tell_apart(t, found, given))
            for v, t, q in found
        )
    partial.sort(key=lambda p: -p[0])
    best = [p for p in partial if p[0] == partial[0][0]] if partial else []
    found = [(v, t, q) for _, v, t, q in best]
    return tuple(
        Diagnosis(
            v.mistake,
            tuple(q),
            f"{v.message} This explains {len(q)} of your {len(wrong)} differing numbers; "
            "the others hold a further mistake.",
            True,
            _tell_apart(t, found, given),
        )
        for v, t, q in _distinct_found(found)
    )


def _explaining(
    problem: Problem, order: str, rows: Sequence[Row], tried: Sequence[Variant]
) -> tuple[
    list[tuple[Variant, dict[str, float]]],
    list[tuple[int, Variant, dict[str, float], list[str]]],
]:
    """The variants that give every number (full), and those that give the first divergence and
    some others while keeping every number the reader got right (partial).
    """
    wrong = [row.quantity for row in rows if not row.match]
    right = {row.quantity for row in rows if row.match}
    full: list[tuple[Variant, dict[str, float]]] = []
    partial: list[tuple[int, Variant, dict[str, float], list[str]]] = []
    for variant in tried:
        try:
            theirs = computed(problem, variant, order)
        except (ValueError, OverflowError, ZeroDivisionError):
            continue  # the mistake makes the step diverge: it cannot be what the reader did
        agree = {row.quantity for row in rows if matches(row.yours, theirs[row.quantity])}
        if len(agree) == len(rows):
            full.append((variant, theirs))
        elif wrong[0] in agree and right <= agree:
            explained = [q for q in wrong if q in agree]
            partial.append((len(explained), variant, theirs, explained))
    return full, partial


def _distinct_found(
    found: list[tuple[Variant, dict[str, float], list[str]]],
) -> list[tuple[Variant, dict[str, float], list[str]]]:
    kept = {id(v) for v, _ in _distinct([(v, t) for v, t, _ in found])}
    return [(v, t, q) for v, t, q in found if id(v) in kept]


def _distinct(
    found: list[tuple[Variant, dict[str, float]]],
) -> list[tuple[Variant, dict[str, float]]]:
    """One variant per distinct set of numbers (two scopes of a mistake can agree)."""
    seen: dict[tuple[str, tuple[str, ...]], tuple[Variant, dict[str, float]]] = {}
    for variant, theirs in found:
        if variant.mistake == "learning-rate":  # the first rate that fits is the simplest
            key: tuple[str, tuple[str, ...]] = (variant.mistake, ())
        else:
            key = (variant.mistake, tuple(number(x) for x in theirs.values()))
        seen.setdefault(key, (variant, theirs))
    return list(seen.values())


def _tell_apart(
    theirs: Mapping[str, float],
    found: Sequence[tuple[Variant, Mapping[str, float], Any]],
    given: Mapping[str, str],
) -> str | None:
    """The first quantity not given whose value differs from every other diagnosis's (failing
    that, from some other's).
    """
    others = [t for _, t, _ in found if t is not theirs]
    if not others:
        return None
    candidates = [name for name in theirs if name not in given]
    for test in (all, any):
        for name in candidates:
            if test(number(o[name]) != number(theirs[name]) for o in others):
                return name
    return None


# --- the report as text and as JSON -------------------------------------------------------------


def report_json(report: Report) -> dict[str, Any]:
    """The report in the shape `backprop-steps check --format json` prints.

    Introduced in [Check your own calculation][check-your-own].
    """
    first = report.first_divergence
    return {
        "checked": report.checked,
        "matching": report.matching,
        "first_divergence": None
        if first is None
        else {"quantity": first.quantity, "yours": float(first.yours), "ours": first.ours},
        "diagnoses": [
            {
                "mistake": d.mistake,
                "explains": list(d.explains),
                "message": d.message,
                "partial": d.partial,
                "tell_apart": d.tell_apart,
            }
            for d in report.diagnoses
        ],
        "rows": [
            {"quantity": r.quantity, "yours": float(r.yours), "ours": r.ours, "match": r.match}
            for r in report.rows
        ],
    }


def report_text(report: Report) -> str:
    """The report as `backprop-steps check` prints it: a table, then what went wrong.

    Introduced in [Check your own calculation][check-your-own].
    """
    width = max([len("quantity"), *(len(r.quantity) for r in report.rows)])
    yours = max([len("yours"), *(len(r.yours) for r in report.rows)])
    lines = [f"  {'quantity'.ljust(width)}  {'yours'.ljust(yours)}  {'ours'.ljust(12)}  "]
    for r in report.rows:
        mark = "matches" if r.match else "differs"
        lines.append(
            f"  {r.quantity.ljust(width)}  {r.yours.ljust(yours)}  {number(r.ours).ljust(12)}  {mark}"
        )
    lines = [line.rstrip() for line in lines]
    lines.append("")
    lines.append(f"{report.matching} of your {report.checked} numbers match.")
    first = report.first_divergence
    if first is None:
        return "\n".join(lines)
    lines.append(
        f"First divergence: {first.quantity}: yours {first.yours}, ours {number(first.ours)}."
    )
    if not report.diagnoses:
        lines.append("No mistake of the catalogue explains your numbers.")
    for d in report.diagnoses:
        lines.append(f"Diagnosis ({d.mistake}): {d.message}")
        lines.append(f"  It explains {', '.join(d.explains)}.")
        if d.tell_apart:
            lines.append(f"  To tell it from the other diagnoses, give {d.tell_apart}.")
    return "\n".join(lines)
