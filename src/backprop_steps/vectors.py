r"""Test vectors: every intermediate value of one training step, as JSON for other programs.

Many projects copy the Mazur post's nine-digit numbers into their unit tests by hand. The site
publishes them instead, at full precision, for several networks: each file holds the network
(in the network file format), the update order, every quantity of one step in the shape of
`backprop-steps trace --format json` ([`trace_json`][backprop_steps.jsonshapes.trace_json]), the
same quantities under the tutorial's names (`net_h1`, `delta_o1`, `dE_total/dw5`, `w5+`; see
[`computed`][backprop_steps.check.computed]), and around them what a stranger needs to adopt
them: the starting parameters by name, the forward pass after the step, the results of
training, the figures the post printed, the conventions, a recommended tolerance, the version
and a checksum. [`vector_json`][backprop_steps.vectors.vector_json] builds a file's content;
[`vectorfiles`][backprop_steps.vectorfiles] lists every file the site publishes.

Introduced in [Test vectors][test-vectors].

Examples:
    >>> vector = vector_json(get("mazur-simultaneous"))
    >>> vector["names"]["dE_total/dw5"] == vector["gradients"][1]["weights"][0][0]
    True
    >>> vector["after"]["names"]["E_total"], vector["training"]["E_total"]["1"]
    (0.291027774..., 0.291027774...)
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, cast

from backprop_steps import __version__
from backprop_steps.check import Variant, computed
from backprop_steps.display import plain
from backprop_steps.examples import DEEP, MAZUR, NEURALBLOG, XOR
from backprop_steps.figures import agreement, half_unit
from backprop_steps.jsonshapes import canonical, trace_json
from backprop_steps.jsonshapes import dumps as json_text
from backprop_steps.network import Layer, Network, naming
from backprop_steps.problem import Problem
from backprop_steps.published import (
    MAZUR_FIGURES,
    MAZUR_TRAINING,
    NEURALBLOG_FIGURES,
    TRAINING_CLAIMS,
    Figure,
)
from backprop_steps.results import History
from backprop_steps.scalar import Trace, check_run
from backprop_steps.training import step, train

__all__ = [
    "CHECKPOINTS",
    "DIRECTORY",
    "FORMAT_VERSION",
    "GENERATOR",
    "LICENSE",
    "TOLERANCE",
    "TRAINING_STEPS",
    "VECTORS",
    "StepVector",
    "checksum",
    "conventions",
    "cross_entropy_variant",
    "dumps",
    "get",
    "per_neuron_biases",
    "vector_json",
]

DIRECTORY = "test-vectors"
"""The folder of the site that holds the files, beside the page that lists them."""

FORMAT_VERSION = "1.0"
"""The version of the files' format: the minor number grows when keys are added, the major
number when a key changes its meaning or goes away."""

GENERATOR = {"name": "backprop-steps", "version": __version__}
"""The library that wrote the files, and its version."""

LICENSE = "MIT"
"""The license of the files and of the library, as an SPDX expression (as in `pyproject.toml`)."""

TRAINING_STEPS = 10_000
"""How many steps the `training` block trains for: the Mazur post's run."""

CHECKPOINTS: tuple[int, ...] = (1, 9_999, TRAINING_STEPS)
"""The steps after which the `training` block gives $E_{total}$: the first, and the last two
(the Mazur post's final error is the simultaneous order's after 9,999 steps; see the errata)."""

TOLERANCE: Mapping[str, Mapping[str, float]] = {
    "step": {"relative": 1e-12, "absolute": 1e-15},
    "training": {"relative": 1e-10, "absolute": 1e-15},
}
r"""The recommended tolerance: a value $v$ of yours matches the file's $e$ when
$|v - e| \le \max(\text{relative} \cdot |e|, \text{absolute})$. `training` is for the values
under the `training` key (10,000 steps let the last bits of each step add up), `step` for every
other value. The test suite holds an independent implementation to these bounds."""


def cross_entropy_variant(problem: Problem, activation: str) -> Problem:
    """The problem with cross-entropy loss and the given output activation, all else kept.

    `"softmax"` gives softmax outputs with categorical cross-entropy, `"sigmoid"` logistic
    outputs with binary cross-entropy: the two variants of the cross-entropy chapter.

    Args:
        problem: The problem, such as `MAZUR`.
        activation: The output layer's activation, `"softmax"` or `"sigmoid"`.

    Returns:
        The variant.

    Raises:
        ValueError: For another activation.

    Examples:
        >>> step(cross_entropy_variant(MAZUR, "softmax").network, *MAZUR.example).delta("o1")
        0.460281212

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    if activation not in ("softmax", "sigmoid"):
        raise ValueError(f"activation: expected softmax or sigmoid, got {activation!r}")
    *hidden, output = problem.network.layers
    layers = (*hidden, Layer(output.weights, output.biases, activation))
    network = replace(problem.network, loss="cross_entropy", layers=layers)
    return replace(problem, network=network)


def per_neuron_biases(problem: Problem) -> Problem:
    r"""The problem with one bias per neuron, each starting at its layer's shared bias, and the
    biases learning: $b_j^+ = b_j - \eta \, \delta_j$.

    The weights keep the post's numbering; the biases are named `b_h1`, `b_h2`, `b_o1`, `b_o2`.

    Args:
        problem: A post's problem, such as `MAZUR`, whose layers share their biases.

    Returns:
        The variant.

    Examples:
        >>> network = step(per_neuron_biases(MAZUR).network, *MAZUR.example).updated
        >>> network.parameter("b_o1"), network.parameter("b_o2")
        (0.530750719, 0.619049118)

    Introduced in [Test vectors][test-vectors].
    """
    network = problem.network
    layers = tuple(replace(x, biases=(x.bias(0),) * x.width) for x in network.layers)
    names = naming(network.names.convention, network.sizes, (False,) * len(layers))
    return replace(
        problem, network=replace(network, layers=layers, update_biases=True, naming=names)
    )


@dataclass(frozen=True)
class StepVector:
    """One published test vector: a problem, an update order, and what the file is called.

    Introduced in [Test vectors][test-vectors].
    """

    name: str
    """The file's name without `.json`, such as `mazur-simultaneous`."""
    description: str
    """What the network is, in a sentence."""
    problem: Problem
    """The network, the inputs and the targets."""
    order: str = "simultaneous"
    """The update order of the step."""
    figures: tuple[Figure, ...] = ()
    """What the post of this network printed for its training step."""
    claims: tuple[tuple[str, str], ...] = ()
    """What the post printed about training beyond the step: (claim, figure) pairs, each claim
    a key of [`TRAINING_CLAIMS`][backprop_steps.published.TRAINING_CLAIMS]."""

    @property
    def filename(self) -> str:
        """The file's name, such as `mazur-simultaneous.json`."""
        return f"{self.name}.json"


VECTORS: tuple[StepVector, ...] = (
    StepVector(
        "mazur-simultaneous",
        "The Mazur example (2-2-2, logistic, squared error, biases frozen), every update from "
        "the weights before the step, as the post's text describes.",
        MAZUR,
        figures=MAZUR_FIGURES,
        claims=tuple(MAZUR_TRAINING.items()),
    ),
    StepVector(
        "mazur-sequential",
        "The Mazur example, the output layer updated first and its new weights used for the "
        "hidden deltas, as the post's figures were computed.",
        MAZUR,
        "sequential",
        figures=MAZUR_FIGURES,
        claims=tuple(MAZUR_TRAINING.items()),
    ),
    StepVector(
        "neuralblog",
        "The neuralblog example (2-2-2, logistic, squared error, biases frozen), in its own "
        "numbering of the hidden weights.",
        NEURALBLOG,
        figures=NEURALBLOG_FIGURES,
    ),
    StepVector(
        "mazur-per-neuron-biases",
        "The Mazur example with one bias per neuron, each starting at its layer's bias, and the "
        "biases learning.",
        per_neuron_biases(MAZUR),
    ),
    StepVector(
        "neuralblog-per-neuron-biases",
        "The neuralblog example with one bias per neuron, each starting at its layer's bias, "
        "and the biases learning.",
        per_neuron_biases(NEURALBLOG),
    ),
    StepVector(
        "cross-entropy-softmax",
        "The Mazur example with softmax outputs and categorical cross-entropy.",
        cross_entropy_variant(MAZUR, "softmax"),
    ),
    StepVector(
        "cross-entropy-sigmoid",
        "The Mazur example with logistic outputs and binary cross-entropy.",
        cross_entropy_variant(MAZUR, "sigmoid"),
    ),
    StepVector(
        "xor",
        "XOR, all its examples as one batch (2-2-1, logistic, one bias per neuron, biases "
        "learning, mean squared error).",
        XOR,
    ),
    StepVector(
        "deep",
        "A 2-3-3-2 logistic network (two hidden layers, biases learning) on the Mazur "
        "example's inputs and targets.",
        DEEP,
    ),
)
"""The published vectors, in the order the page lists them."""


def get(name: str) -> StepVector:
    """A vector of [`VECTORS`][backprop_steps.vectors.VECTORS] by its name.

    Raises:
        ValueError: For an unknown name, listing the known ones.

    Introduced in [Test vectors][test-vectors].
    """
    for vector in VECTORS:
        if vector.name == name:
            return vector
    known = ", ".join(v.name for v in VECTORS)
    raise ValueError(f"name: unknown test vector {name!r}; expected one of {known}")


# --- what a file holds besides the step ---------------------------------------------------------


def _by_name(network: Network) -> dict[str, float]:
    """Every weight and bias of a network under its name, weights first."""
    names = network.names
    return {name: float(network.parameter(name)) for name in (*names.weights, *names.biases)}


def _after(problem: Problem, updated: Network) -> dict[str, Any]:
    """The forward pass and the loss at the parameters after the step, also by name."""
    forward = trace_json(step(updated, problem.inputs, problem.targets))
    names = computed(replace(problem, network=updated), Variant())
    return {
        "layers": forward["layers"],
        "loss": forward["loss"],
        "names": {k: float(v) for k, v in names.items() if k.startswith(("net_", "out_", "E_"))},
    }


def _figure(printed: str, value: float) -> dict[str, Any]:
    """A printed figure beside the value it stands for, its tolerance and how it agrees."""
    return {
        "printed": printed,
        "value": float(value),
        "tolerance": half_unit(printed),
        "agreement": agreement(printed, value),
    }


def _training(vector: StepVector) -> dict[str, Any]:
    """Train from the vector's network for `TRAINING_STEPS` steps in its order."""
    problem = vector.problem
    history: History = train(
        problem.network, problem.inputs, problem.targets, TRAINING_STEPS, vector.order
    )
    return {
        "steps": TRAINING_STEPS,
        "E_total": {str(n): float(history.errors[n]) for n in CHECKPOINTS},
        "outputs": plain(history.outputs),
        "parameters": _by_name(history.network),
        "published": [
            {"claim": claim, **_figure(printed, TRAINING_CLAIMS[claim](history))}
            for claim, printed in vector.claims
        ],
    }


_ORDERS: Mapping[str, str] = {
    "simultaneous": "simultaneous: every gradient is taken at the parameters before the step, "
    "as both posts' text describes",
    "sequential": "sequential: the output layer is updated first and the hidden deltas are "
    "taken through its updated weights, as the Mazur post's 2015 companion code did",
}


def conventions(problem: Problem, order: str) -> dict[str, str]:
    r"""What the names and numbers of a file mean, in words and LaTeX: its names, $\delta$,
    gradients, the update, the biases, the loss, the update order, the weights' layout and the
    examples.

    Args:
        problem: The network and its data.
        order: The update order.

    Returns:
        Each convention by key, a sentence each.

    Examples:
        >>> conventions(MAZUR, "simultaneous")["names"]
        "the Mazur post's numbering: h1 receives w1, w2 and h2 receives w3, w4"

    Introduced in [Test vectors][test-vectors].
    """
    network = problem.network
    names = network.names
    into = {
        neuron: ", ".join(w for w, (l, j, _) in names.weights.items() if (l, j) == (0, n))
        for n, neuron in enumerate(names.neuron_names(0))
    }
    receives = " and ".join(f"{neuron} receives {ws}" for neuron, ws in list(into.items())[:2])
    post = {"mazur": "the Mazur post's", "neuralblog": "the neuralblog post's"}
    numbering = post.get(names.convention, "this library's default")
    loss = rf"\sum_o {network.loss_function.latex('target_o', 'out_o')}"
    if problem.batched:
        size = len(problem.inputs)
        mean = r"\frac{1}{B}" if network.reduction == "mean" else ""
        loss = rf"{mean}\sum_{{n=1}}^{{B}} {loss}"
        examples = (
            f"a batch of B = {size} examples, one row each: a name ending in [n] is example "
            "n's own (its error and its delta as if it were alone); the arrays carry the "
            f"example first, and `deltas` are those of the batch's loss ({network.reduction})"
        )
    else:
        examples = "one example: `inputs` and `targets` are lists of numbers"
    if not network.update_biases:
        biases = "frozen: a bias after the step (`b1+`) is the bias before it"
    elif all(network.shared_biases):
        biases = "learning; a bias shared by a layer has the sum of its neurons' deltas as gradient"
    else:
        biases = "learning; a bias of its own neuron has that neuron's delta as gradient"
    return {
        "names": f"{numbering} numbering: {receives}",
        "delta": r"`delta_j` is $\delta_j = \partial E_{total} / \partial net_j$, the "
        "derivative of the loss with respect to the net input of neuron j",
        "gradient": r"`dE_total/dp` is $\partial E_{total} / \partial p$ for a weight or bias "
        "p: the derivative of the loss, not the direction of the step (negate a gradient "
        "stored as the descent direction before comparing)",
        "update": rf"`p+` is $p - \eta \, \partial E_{{total}} / \partial p$, "
        f"with the learning rate eta = {network.learning_rate!r}",
        "biases": biases,
        "loss": rf"$E_{{total}} = {loss}$ ({network.loss})",
        "order": _ORDERS[order],
        "weights": "`weights[j][k]` of a layer: from its input k into its neuron j, one row "
        "per neuron; the layers input side first",
        "examples": examples,
    }


# --- the file ------------------------------------------------------------------------------------


def vector_json(vector: StepVector) -> dict[str, Any]:
    """The content of a vector's file: the problem, the step and its names, and what a
    stranger needs to adopt them.

    Args:
        vector: The vector.

    Returns:
        `name`, `description`, `naming` (whose numbering the names follow), `order`, `network`
        (the network file), then the keys of
        [`trace_json`][backprop_steps.jsonshapes.trace_json] (`layers`, `loss`, `deltas`,
        `gradients`, `updated`), then `names`: name to value, in the order a student computes
        them. On a batch each example's quantities carry its number (`delta_o1[2]`) and are that
        example's own, while `deltas` holds the derivatives of the batch's loss (with its mean,
        each example's share). Then `parameters` (the starting weights and biases by name),
        `after` (the forward pass and the loss at the updated parameters), `training`,
        `published` (the post's figures of the step), `conventions`, `tolerance`,
        `format_version`, `generator`, `license` and `checksum`; the
        [schema][backprop_steps.vectorfiles.SCHEMA] describes each.

    Introduced in [Test vectors][test-vectors].
    """
    return copy.deepcopy(_content(vector))


@cache
def _content(vector: StepVector) -> dict[str, Any]:
    check_run(vector.order)
    problem = vector.problem
    result = step(problem.network, problem.inputs, problem.targets, vector.order)
    data = {
        "name": vector.name,
        "description": vector.description,
        "naming": problem.network.names.convention,
        "order": vector.order,
        "network": problem.to_dict(),
        **trace_json(result),
        "names": {k: float(v) for k, v in computed(problem, Variant(), vector.order).items()},
        "parameters": _by_name(problem.network),
        "after": _after(problem, result.updated),
        "training": _training(vector),
        "published": [
            {
                "symbol": f.symbol,
                **_figure(f.printed, f.value(cast(Trace, result))),
                "cause": f.cause,
            }
            for f in vector.figures
        ],
        "conventions": conventions(problem, vector.order),
        "tolerance": {part: dict(bounds) for part, bounds in TOLERANCE.items()},
        "format_version": FORMAT_VERSION,
        "generator": dict(GENERATOR),
        "license": LICENSE,
    }
    data["checksum"] = checksum(data)
    return data


def checksum(data: Mapping[str, Any]) -> str:
    """A file's checksum: `sha256:` and the SHA-256, in hex, of the UTF-8 bytes of the
    [canonical JSON][backprop_steps.jsonshapes.canonical] of the file without its `checksum` key.

    Examples:
        >>> data = vector_json(get("mazur-simultaneous"))
        >>> checksum(data) == data["checksum"]
        True

    Introduced in [Test vectors][test-vectors].
    """
    content = {key: value for key, value in data.items() if key != "checksum"}
    return "sha256:" + hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def dumps(data: dict[str, Any]) -> str:
    """A vector as the file's text: JSON, two-space indents, full-precision floats, a final
    newline.

    Introduced in [Test vectors][test-vectors].
    """
    return json_text(data, indent=2) + "\n"
