r"""The catalogue of mistakes: each one a [`Variant`][backprop_steps.slips.Variant] of the step.

Each mistake is one or more of the tutorial's equations worked another way
([`Slip`][backprop_steps.slips.Slip]), with a message that says what the reader did and what
to do instead. [`variants`][backprop_steps.mistakes.variants] lists every mistake that can be
made on a problem, in every place it can be made; [`carried`][backprop_steps.mistakes.carried]
makes a variant that also rounds every intermediate result as the reader does; two mistakes at
once are two variants [`joined`][backprop_steps.slips.Variant.joined].

Examples:
    >>> from backprop_steps.examples import MAZUR
    >>> found = [v for v in variants(MAZUR, {}) if v.mistake == "share-through-wrong-weight"]
    >>> found[0].message.split(";")[0]
    'You took dE_o1/dout_h1 as delta_o1 times w6'

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import replace

from backprop_steps.activations import LayerActivation
from backprop_steps.display import number
from backprop_steps.figures import Rounding, decimals, significant_digits
from backprop_steps.network import CONVENTIONS, Network, naming
from backprop_steps.problem import Problem
from backprop_steps.quantities import computed
from backprop_steps.slips import OPPOSITE_SIGN, Slip, Variant

__all__ = [
    "MISTAKES",
    "SLOPE_FORMS",
    "carried",
    "implied_rates",
    "learning_rate",
    "roundings",
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
    "share-through-wrong-weight": "a hidden neuron's share of an output's error taken through "
    "the weight of another path (w6 for w7)",
    "biases-updated": "biases updated where the problem keeps them frozen",
    "biases-frozen": "biases kept frozen where the problem updates them",
    "bias-per-neuron": "a shared bias's gradient taken from one neuron instead of summed",
    "missing-bias": "a net input computed without its bias",
    "net-instead-of-out": "dnet/dw taken as the previous layer's net input instead of its output",
    "cross-entropy-derivative-twice": "the activation's slope multiplied into delta = out - target",
    "batch-reduction": "the mean and the sum of the batch loss exchanged",
    "per-example-deltas": "a batch's deltas taken as each example's own (not a mistake when "
    "the gradient is then their mean)",
    "rounded-intermediates": "every intermediate rounded (half up) to a few decimals or "
    "significant digits and carried forward (not a mistake of method)",
    "error-derivative-sign": "dE_total/dout taken as target - out instead of out - target",
    "opposite-sign-convention": "the other sign convention: the deltas written with target - out "
    "and the correction added (not a mistake: the new weights are ours)",
}
"""The catalogue of mistakes, by id, with what each one does."""

SLOPE_FORMS = {
    "sigmoid": ("out(1 - out)", "net(1 - net)", "sigma(out)(1 - sigma(out))"),
    "tanh": ("1 - out^2", "1 - net^2", "1 - tanh(out)^2"),
}
"""For the messages: an activation's slope written with out (right), with net in place of out,
and with the activation applied to out first."""


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
                w1, w2 = layer.weights[j1][k1], layer.weights[j2][k2]
                if w1 == w2:
                    continue
                n1, n2 = names.weight_name(l, j1, k1), names.weight_name(l, j2, k2)
                message = (
                    f"You exchanged {n1} and {n2}: {n1} = {number(w2, given=True)} and "
                    f"{n2} = {number(w1, given=True)}."
                )
                if other is not None and {n1, n2} == {other[0], other[1]}:
                    message += f" That is the {other[2]} post's numbering of the hidden weights."
                yield Variant(
                    "swapped-weights",
                    message,
                    (Slip("weights", "exchanged", at=(l, j1, k1, j2, k2)),),
                )


def _shares(network: Network) -> Iterator[Variant]:
    """A share dE_o/dout_h taken through another weight: the transposed one, or any other of
    the layer (in a large layer, those of its row and column).
    """
    names = network.names
    for l in range(1, len(network.layers)):
        weights, outputs = network.layers[l].weights, names.neuron_names(l)
        inputs = names.neuron_names(l - 1)
        rows, columns = len(weights), len(weights[0])
        wrong = []
        for p in range(rows):
            for k in range(columns):
                for p2 in range(rows):
                    for k2 in range(columns):
                        near = p2 == p or k2 == k or (p2, k2) == (k, p)
                        if (p2, k2) == (p, k) or (rows * columns > 16 and not near):
                            continue
                        if weights[p2][k2] == weights[p][k]:
                            continue
                        w, used = names.weight_name(l, p, k), names.weight_name(l, p2, k2)
                        share = f"dE_{outputs[p]}/dout_{inputs[k]}"
                        yield Variant(
                            "share-through-wrong-weight",
                            f"You took {share} as delta_{outputs[p]} times {used}; the path "
                            f"from {inputs[k]} to {outputs[p]} runs through {w}, so it is "
                            f"delta_{outputs[p]} times {w}.",
                            (Slip("share", "other-weight", frozenset({l}), at=(p, k, p2, k2)),),
                        )
                        if (p2, k2) == (k, p):
                            wrong.append(f"{share} through {used} instead of {w}")
        if len(wrong) > 1:
            yield Variant(
                "share-through-wrong-weight",
                f"You took each share of the error through the weight of the mirrored path: "
                f"{', '.join(wrong)}. A share dE_o/dout_h is delta_o times the weight from h "
                "to o.",
                (Slip("share", "transposed", frozenset({l})),),
            )


def _bias_per_neuron(network: Network) -> Iterator[Variant]:
    """A shared bias's gradient as one neuron's delta: in one layer or in several, each bias
    from one of its layer's neurons.
    """
    names = network.names
    shared = [l for l, layer in enumerate(network.layers) if layer.shared_bias and layer.width > 1]
    scopes = [[l] for l in shared] + ([shared] if len(shared) > 1 else [])
    for scope in scopes:
        choices: list[list[tuple[int, int]]] = [[]]
        for l in scope:
            choices = [[*c, (l, j)] for c in choices for j in range(network.layers[l].width)]
        for choice in choices:
            parts = []
            for l, j in choice:
                bias = next(n for n, (bl, _) in names.biases.items() if bl == l)
                parts.append(f"{bias} as delta_{names.neuron_names(l)[j]} alone")
            each = "each bias feeds" if len(choice) > 1 else f"{parts[0].split()[0]} feeds"
            yield Variant(
                "bias-per-neuron",
                f"You took the gradient of {' and of '.join(parts)}; {each} every neuron of "
                "its layer, so its gradient is the sum of their deltas.",
                tuple(
                    Slip("bias_gradient", "one-neuron", frozenset({l}), at=(j,)) for l, j in choice
                ),
            )


def _rates(problem: Problem, given: Mapping[str, str], ours: Mapping[str, float]) -> list[float]:
    """Learning rates to try: none (1), half, double, and the ones the reader's updates imply."""
    eta = problem.network.learning_rate
    rates = [1.0, eta / 2, eta * 2, *implied_rates(problem, given, ours)]
    return [rate for rate in dict.fromkeys(rates) if rate > 0 and not math.isclose(rate, eta)]


def implied_rates(
    problem: Problem, given: Mapping[str, str], values: Mapping[str, float]
) -> list[float]:
    """The learning rates the reader's updates imply through some gradients: from the update
    whose gradient is largest (the most digits of the rate), at 1, 2 and 3 significant digits.

    Args:
        problem: The problem.
        given: The reader's numbers.
        values: The numbers of a variant of the step (its gradients divide the updates).

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> ours = computed(MAZUR)
        >>> implied_rates(MAZUR, {"w5+": "0.3803"}, ours)  # (0.4 - 0.3803) / 0.082167041
        [0.2, 0.24]

    Introduced in [Check your own calculation][check-your-own].
    """
    network = problem.network
    names = network.names
    updates = [
        (abs(values[f"dE_total/d{name[:-1]}"]), name[:-1], float(figure))
        for name, figure in given.items()
        if name.endswith("+") and (name[:-1] in names.weights or name[:-1] in names.biases)
    ]
    if not updates or max(updates)[0] < 1e-12:
        return []
    _, parameter, after = max(updates)
    implied = (network.parameter(parameter) - after) / values[f"dE_total/d{parameter}"]
    rates = [float(f"{implied:.{digits}g}") for digits in (1, 2, 3)]
    return [rate for rate in dict.fromkeys(rates) if rate > 0]


def learning_rate(problem: Problem, rate: float) -> Variant:
    """The step with another learning rate."""
    forgot = " (the learning rate left out)" if rate == 1.0 else ""
    return Variant(
        "learning-rate",
        f"Your updates use the learning rate {number(rate, given=True)}{forgot}; the "
        f"problem's is {number(problem.network.learning_rate, given=True)}.",
        (Slip("update", "rate", value=rate),),
    )


def variants(
    problem: Problem, given: Mapping[str, str], order: str = "simultaneous"
) -> Iterator[Variant]:
    """Every mistake of the catalogue that can be made on this problem, as variants.

    Args:
        problem: The network and one example or a batch.
        given: The reader's numbers (the learning rates their updates imply are tried).
        order: The update order the problem asks for.

    Yields:
        The variants, one per mistake and place it can be made.

    Introduced in [Check your own calculation][check-your-own].
    """
    network = problem.network
    last = len(network.layers) - 1
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
    yield from _slopes(network)
    yield Variant(
        "sign-flipped",
        "Your update adds the learning rate times the gradient; it must subtract it: "
        "w+ = w - eta * dE_total/dw.",
        (Slip("update", "added"),),
    )
    yield from _error_derivatives(network)
    for rate in _rates(problem, given, computed(problem, order=order) if given else {}):
        yield learning_rate(problem, rate)
    if last > 0:
        for p, name in enumerate(network.names.neuron_names(last)):
            yield Variant(
                "single-path",
                f"You took each hidden neuron's dE_total/dout from {name} only; it is the sum "
                "over every neuron it feeds (delta times weight for each).",
                (Slip("share", "one-output", at=(p,)),),
            )
        yield from _shares(network)
    frozen = not network.update_biases
    yield Variant(
        "biases-updated" if frozen else "biases-frozen",
        "You updated the biases; this problem keeps them frozen."
        if frozen
        else "You kept the biases frozen; this problem updates them.",
        (Slip("update_biases", "opposite"),),
    )
    yield from _bias_per_neuron(network)
    for scope, where in _scopes(network):
        yield Variant(
            "missing-bias",
            f"You left the bias out of the net inputs{where}.",
            (Slip("net_input", "without-bias", scope),),
        )
    if last > 0:
        yield Variant(
            "net-instead-of-out",
            "You took dnet/dw as the previous layer's net input; it is that layer's output "
            "(out_h1 for w5, not net_h1).",
            (Slip("gradient_input", "net"),),
        )
    if network.loss_function.deltas is not None:
        yield Variant(
            "cross-entropy-derivative-twice",
            "You multiplied the output's slope into delta = out - target; with cross-entropy "
            "the slope has already cancelled.",
            (Slip("short_delta", "with-slope"),),
        )
    if problem.batched:
        yield from _batch(network)


def _slopes(network: Network) -> Iterator[Variant]:
    last = len(network.layers) - 1
    slope_layers = {
        l for l, layer in enumerate(network.layers) if not isinstance(layer.f, LayerActivation)
    }
    if network.loss_function.deltas is not None:
        slope_layers.discard(last)
    for scope, where in _scopes(network):
        if not slope_layers & (set(range(last + 1)) if scope is None else scope):
            continue
        yield Variant(
            "missing-activation-derivative",
            f"You left the slope dout/dnet out of the deltas{where}: delta = dE_total/dout.",
            (Slip("slope", "one", scope),),
        )
        right, of_net, twice = _slope_forms(network, scope)
        yield Variant(
            "derivative-of-net",
            f"You took the slope at the net input{where}: {of_net} instead of {right}.",
            (Slip("slope", "net", scope),),
        )
        yield Variant(
            "derivative-applied-twice",
            f"You applied the activation to the output before taking its slope{where}: "
            f"{twice} instead of {right}.",
            (Slip("slope", "twice", scope),),
        )


def _error_derivatives(network: Network) -> Iterator[Variant]:
    short = network.loss_function.deltas is not None
    if network.loss == "squared_error":
        yield Variant(
            "missing-half",
            "You left the 1/2 out of the squared error, so dE_total/dout (and every gradient "
            "after it) is doubled.",
            (Slip("error", "scaled", value=2.0), Slip("error_derivative", "scaled", value=2.0)),
        )
        yield Variant(
            "missing-half",
            "You wrote the error with its 1/2 but differentiated (t - out)^2 without it, so "
            "dE_total/dout (and every gradient after it) is doubled.",
            (Slip("error_derivative", "scaled", value=2.0),),
        )
    yield Variant(
        "error-derivative-sign",
        "You took delta = target - out at the outputs; it is out - target, so every gradient "
        "after it has the wrong sign."
        if short
        else "You took dE_total/dout as target - out; the derivative of 1/2 (target - out)^2 "
        "is -(target - out) = out - target, so every gradient after it has the wrong sign.",
        (Slip("error_derivative", "scaled", value=-1.0),),
    )
    yield replace(
        OPPOSITE_SIGN,
        mistake="opposite-sign-convention",
        message="Your numbers are right in the other sign convention: your deltas and gradients "
        "are ours with the opposite sign (written with target - out), and you add the "
        "correction, so your new weights are ours. This site writes out - target and subtracts.",
    )


def _batch(network: Network) -> Iterator[Variant]:
    other = "sum" if network.reduction == "mean" else "mean"
    yield Variant(
        "batch-reduction",
        f"You took the {other} of the examples' gradients; this problem's loss is the "
        f"{network.reduction} of theirs (its reduction), so its gradients are the "
        f"{network.reduction} of the examples' gradients.",
        (Slip("reduction", "opposite"),),
    )
    if network.reduction == "mean":
        yield Variant(
            "per-example-deltas",
            "Your deltas (and dE_total/dout) are each example's own, the derivatives of its own "
            "error; the names [1], [2], ... stand for the derivatives of the batch's E_total, "
            "the mean over the examples, so each is yours divided by the batch size. Your "
            "method is right when the gradient is then the mean of the examples' gradients.",
            (Slip("reduction", "per-example"),),
        )


# --- the reader's rounding ----------------------------------------------------------------------


def roundings(given: Mapping[str, str]) -> list[Rounding]:
    """The roundings a reader may have carried forward, from the digits of their figures: each
    count of decimals or of significant digits from 2 to 6 that some figure has, the most
    common first (decimals before significant digits when as common).

    Examples:
        >>> [str(r) for r in roundings({"out_h1": "0.5933", "w5+": "0.3589", "w1+": "0.1498"})]
        ['4 decimals', '4 significant digits']

    Introduced in [Check your own calculation][check-your-own].
    """
    found: dict[Rounding, int] = {}
    for figure in given.values():
        places, digits = decimals(figure), significant_digits(figure)
        for rounding in (Rounding(places), Rounding(digits, significant=True)):
            if 2 <= rounding.digits <= 6:
                found[rounding] = found.get(rounding, 0) + 1
    return sorted(found, key=lambda r: (-found[r], r.significant))


def carried(variant: Variant, rounding: Rounding) -> Variant:
    """A variant worked by a reader who rounds every intermediate result and carries it forward.

    The tutorial's step so rounded is the mistake `rounded-intermediates`: the method is right.

    Introduced in [Check your own calculation][check-your-own].
    """
    done = {"half-up": "rounded", "half-even": "rounded", "truncation": "truncated"}[rounding.rule]
    how = f"{done} every intermediate{' half up' * (rounding.rule == 'half-up')} to {rounding} and carried it forward"
    if not variant.mistake:
        return replace(
            variant,
            mistake="rounded-intermediates",
            message=f"Your method is right: you {how}, and the differences from ours come from "
            "that rounding, growing from one step of the chain to the next. Keep all the "
            "digits until the end.",
            rounding=rounding,
        )
    return replace(
        variant,
        message=f"{variant.message} You also {how}, which accounts for the last digits.",
        rounding=rounding,
    )
