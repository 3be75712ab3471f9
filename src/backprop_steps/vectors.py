r"""Test vectors: every intermediate value of one training step, as JSON for other programs.

Many projects copy the Mazur post's nine-digit numbers into their unit tests by hand. The site
publishes them instead, at full precision, for several networks: each file holds the network
(in the network file format), the update order, every quantity of one step in the shape of
`backprop-steps trace --format json` ([`trace_json`][backprop_steps.jsonshapes.trace_json]), and the
same quantities under the tutorial's names (`net_h1`, `delta_o1`, `dE_total/dw5`, `w5+`; see
[`computed`][backprop_steps.check.computed]). The site's build writes one file per entry of
[`VECTORS`][backprop_steps.vectors.VECTORS]; this module builds their content.

Introduced in [Test vectors][test-vectors].

Examples:
    >>> vector = vector_json(get("mazur-simultaneous"))
    >>> vector["names"]["dE_total/dw5"] == vector["gradients"][1]["weights"][0][0]
    True
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from backprop_steps.check import Variant, computed
from backprop_steps.examples import DEEP, MAZUR, NEURALBLOG, XOR
from backprop_steps.jsonshapes import dumps as json_text
from backprop_steps.jsonshapes import trace_json
from backprop_steps.network import Layer
from backprop_steps.problem import Problem
from backprop_steps.scalar import check_run
from backprop_steps.training import step

__all__ = [
    "DIRECTORY",
    "VECTORS",
    "StepVector",
    "cross_entropy_variant",
    "dumps",
    "get",
    "vector_json",
]

DIRECTORY = "test-vectors"
"""The folder of the site that holds the files, beside the page that lists them."""


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
    ),
    StepVector(
        "mazur-sequential",
        "The Mazur example, the output layer updated first and its new weights used for the "
        "hidden deltas, as the post's figures were computed.",
        MAZUR,
        "sequential",
    ),
    StepVector(
        "neuralblog",
        "The neuralblog example (2-2-2, logistic, squared error, biases frozen), in its own "
        "numbering of the hidden weights.",
        NEURALBLOG,
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


def vector_json(vector: StepVector) -> dict[str, Any]:
    """The content of a vector's file: the problem, the order, the step, and its names.

    Args:
        vector: The vector.

    Returns:
        `name`, `description`, `naming` (whose numbering the names follow), `order`, `network`
        (the network file), then the keys of
        [`trace_json`][backprop_steps.jsonshapes.trace_json] (`layers`, `loss`, `deltas`,
        `gradients`, `updated`), then `names`: name to value, in the order a student computes
        them. On a batch each example's quantities carry its number (`delta_o1[2]`) and are that
        example's own, while `deltas` holds the derivatives of the batch's loss (with its mean,
        each example's share).

    Introduced in [Test vectors][test-vectors].
    """
    check_run(vector.order)
    problem = vector.problem
    result = step(problem.network, problem.inputs, problem.targets, vector.order)
    return {
        "name": vector.name,
        "description": vector.description,
        "naming": problem.network.names.convention,
        "order": vector.order,
        "network": problem.to_dict(),
        **trace_json(result),
        "names": {k: float(v) for k, v in computed(problem, Variant(), vector.order).items()},
    }


def dumps(data: dict[str, Any]) -> str:
    """A vector as the file's text: JSON, two-space indents, full-precision floats, a final
    newline.

    Introduced in [Test vectors][test-vectors].
    """
    return json_text(data, indent=2) + "\n"
