r"""A problem: a network with its data and options, and the network file that holds it.

A [`Problem`][backprop_steps.problem.Problem] is a [`Network`][backprop_steps.network.Network]
and what it should learn: its `inputs` and `targets`, one example or a batch. The network file
(JSON) is one table of fields, [`FIELDS`][backprop_steps.problem.FIELDS] (and
[`LAYER_FIELDS`][backprop_steps.problem.LAYER_FIELDS] for each layer): reading a file, writing
one, the options the command line states and the calculator's form all go through it, so a new
option of the file is one entry there (and the `Network` field that holds it).

Examples:
    >>> from backprop_steps.examples import MAZUR
    >>> [(f.name, f.default) for f in FIELDS if not f.required]
    [('loss', 'squared_error'), ('learning_rate', 0.5), ('update_biases', True), ('reduction', 'mean')]
    >>> Problem.from_dict(MAZUR.to_dict()) == MAZUR
    True

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence, Sized
from dataclasses import dataclass
from typing import Any, cast

from backprop_steps.activations import ACTIVATIONS
from backprop_steps.display import number, plain
from backprop_steps.losses import LOSS_NAMES
from backprop_steps.network import (
    REDUCTIONS,
    Layer,
    Matrix,
    Network,
    Vector,
    _describe,
    _matrix,
    _vector,
    _within,
)

__all__ = ["FIELDS", "LAYER_FIELDS", "Field", "Problem", "check_pair", "is_batch"]

_ON_NETWORK = {f.name: f.default for f in dataclasses.fields(Network)}
"""The fields of a `Network`, with their defaults: a file's field of that name goes there."""


# --- the file format ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One field of the network file: its key, what it holds, how it is read and written.

    Introduced in [Check your own calculation][check-your-own].
    """

    name: str
    """The key in the file, and the attribute that holds the value: of the
    [`Network`][backprop_steps.network.Network] if it has one of that name (a layer's, of the
    [`Layer`][backprop_steps.network.Layer]), else of the problem."""
    description: str
    """What the value is, in a phrase."""
    kind: str
    """How the value is written: `"numbers"` (a number, a list of numbers or a list of rows),
    `"layers"` (a list of objects with [`LAYER_FIELDS`][backprop_steps.problem.LAYER_FIELDS]),
    `"number"`, `"choice"` (a name of `choices`) or `"flag"` (`true` or `false`)."""
    required: bool = False
    """Whether a file must give it; one that leaves an option out gets its `default`."""
    choices: tuple[str, ...] = ()
    """The names a choice takes."""
    batches_only: bool = False
    """Whether only a batch uses it (one example has nothing to reduce)."""

    @property
    def default(self) -> Any:
        """The value of an option a file leaves out: the `Network` field's default (`None` for
        a required field).
        """
        return None if self.required else _ON_NETWORK[self.name]

    def value(self, problem: Problem) -> Any:
        """The field's value in a problem."""
        return getattr(problem.network if self.name in _ON_NETWORK else problem, self.name)

    def read(self, value: object) -> Any:
        """A value from the parsed file, for the constructor (which checks it)."""
        return _layers(value) if self.kind == "layers" else value

    def write(self, value: Any) -> Any:
        """A value as the file holds it, ready for `json.dumps`."""
        if self.kind == "numbers":
            return plain(value)
        if self.kind == "layers":
            return [
                {f.name: f.write(getattr(layer, f.name)) for f in LAYER_FIELDS} for layer in value
            ]
        return value

    def text(self, value: Any) -> str:
        """A value as the command line states the options in force: `0.5`, `true`, `mean`."""
        if self.kind == "number":
            return number(value, given=True)
        return json.dumps(value) if self.kind == "flag" else str(value)


FIELDS: tuple[Field, ...] = (
    Field(
        "inputs",
        "one example (a list of numbers) or a batch (a list of rows)",
        "numbers",
        required=True,
    ),
    Field(
        "targets",
        "what the outputs should be, one per output neuron (a row per example)",
        "numbers",
        required=True,
    ),
    Field(
        "layers",
        "in order from the inputs; each with `weights`, `biases`, `activation`",
        "layers",
        required=True,
    ),
    Field("loss", "the loss, a name of `LOSS_NAMES`", "choice", choices=LOSS_NAMES),
    Field("learning_rate", r"$\eta$, a positive number", "number"),
    Field("update_biases", "whether the step updates the biases (both posts: `false`)", "flag"),
    Field(
        "reduction",
        "for a batch, the `mean` or the `sum` of the examples' losses",
        "choice",
        choices=REDUCTIONS,
        batches_only=True,
    ),
)
"""The network file's fields, in the order a file is written."""

LAYER_FIELDS: tuple[Field, ...] = (
    Field(
        "weights",
        "`weights[j][k]`: from input $k$ of the layer to its neuron $j$",
        "numbers",
        required=True,
    ),
    Field(
        "biases",
        "one number shared by the layer, or a list with one per neuron",
        "numbers",
        required=True,
    ),
    Field(
        "activation",
        "a name of `ACTIVATIONS` (a whole-layer one in the last layer only)",
        "choice",
        required=True,
        choices=tuple(ACTIVATIONS),
    ),
)
"""The fields of each object of `layers`."""


def _known(data: Mapping[str, object], fields: Sequence[Field]) -> None:
    """Refuse an unknown field, or a required one left out."""
    names = [f.name for f in fields]
    for key in data:
        if key not in names:
            raise ValueError(f"{key}: unknown field; expected {', '.join(sorted(names))}")
    for f in fields:
        if f.required and f.name not in data:
            raise ValueError(f"{f.name}: missing field")


def _layers(value: object) -> tuple[Layer, ...]:
    """The layers of a file, each checked against `LAYER_FIELDS`."""
    if not isinstance(value, list) or not value:
        raise ValueError(f"layers: expected a non-empty list of layers, got {_describe(value)}")
    layers = []
    for l, raw in enumerate(value):
        if not isinstance(raw, Mapping):
            raise ValueError(f"layers[{l}]: expected an object, got {_describe(raw)}")
        with _within(f"layers[{l}]"):
            _known(raw, LAYER_FIELDS)
            layers.append(Layer(**{f.name: raw[f.name] for f in LAYER_FIELDS}))
    return tuple(layers)


# --- one example or a batch ---------------------------------------------------------------------


def is_batch(data: object) -> bool:
    """Whether inputs or targets hold a batch (a list of rows), not one example (a list of numbers).

    The one place the library tells the two apart; everything that accepts either asks here.

    Args:
        data: A list of numbers, a list of rows, or a NumPy array.

    Returns:
        `True` for a batch.

    Examples:
        >>> is_batch([0.05, 0.10]), is_batch([[0.05, 0.10], [0.10, 0.50]])
        (False, True)

    Introduced in [Mini-batches][q-mini-batches].
    """
    if hasattr(data, "ndim"):  # a NumPy array
        return bool(data.ndim == 2)
    if not isinstance(data, list | tuple) or not data:
        return False
    return isinstance(data[0], list | tuple) or getattr(data[0], "ndim", 0) == 1


def check_pair(inputs: Sized, targets: Sized) -> None:
    """Refuse inputs and targets that are not both one example, or both a batch of as many rows.

    Raises:
        ValueError: One line naming `targets`.

    Introduced in [Mini-batches][q-mini-batches].
    """
    if is_batch(inputs) != is_batch(targets):
        raise ValueError("targets: inputs and targets must both be one example or both a batch")
    if is_batch(inputs) and len(inputs) != len(targets):
        raise ValueError(
            f"targets: expected {len(inputs)} rows (one per example of inputs), got {len(targets)}"
        )


def _data(value: object, path: str, width: int, what: str) -> Vector | Matrix:
    """One example (a list of numbers) or a batch (a list of such lists, one per example)."""
    if is_batch(value):
        return _matrix(value, path, width, what)
    return _vector(value, path, width, what)


# --- the problem --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """A network and what it should learn: the content of a network file.

    `inputs` and `targets` are one example (lists of numbers) or a batch (one row per example).

    Introduced in [The network][network].
    """

    network: Network
    """The network to train."""
    inputs: Vector | Matrix
    """$i_1, i_2, \\dots$: one example, or one row per example."""
    targets: Vector | Matrix
    """The outputs the network should give for `inputs`."""

    def __post_init__(self) -> None:
        network = self.network
        inputs = _data(
            self.inputs, "inputs", network.sizes[0], " (the width of layers[0].weights rows)"
        )
        targets = _data(self.targets, "targets", network.sizes[-1], " (one per output neuron)")
        check_pair(inputs, targets)
        batched = is_batch(inputs)
        if network.loss_function.probabilities:
            rows: Any = targets if batched else (targets,)
            for e, row in enumerate(rows):
                for j, t in enumerate(row):
                    if not 0.0 <= t <= 1.0:
                        where = f"[{e}][{j}]" if batched else f"[{j}]"
                        raise ValueError(
                            f"targets{where}: {network.loss} needs targets in [0, 1], got {t}"
                        )
        object.__setattr__(self, "inputs", inputs)
        object.__setattr__(self, "targets", targets)

    @property
    def batched(self) -> bool:
        """Whether `inputs` holds a batch (one row per example)."""
        return is_batch(self.inputs)

    @property
    def example(self) -> tuple[Vector, Vector]:
        """`(inputs, targets)` of a problem that holds one example, not a batch."""
        if self.batched:
            raise ValueError("inputs: expected one example, got a batch")
        return cast(Vector, self.inputs), cast(Vector, self.targets)

    @classmethod
    def from_dict(cls, data: object) -> Problem:
        """Read the network file format (already parsed from JSON), field by field of
        [`FIELDS`][backprop_steps.problem.FIELDS].

        Raises:
            ValueError: One line naming the field and the problem.

        Introduced in [Check your own calculation][check-your-own].
        """
        if not isinstance(data, Mapping):
            raise ValueError(f"network file: expected a JSON object, got {_describe(data)}")
        _known(data, FIELDS)
        values = {f.name: f.read(data[f.name]) for f in FIELDS if f.name in data}
        network = Network(**{k: v for k, v in values.items() if k in _ON_NETWORK})
        return cls(network, **{k: v for k, v in values.items() if k not in _ON_NETWORK})

    @classmethod
    def from_json(cls, text: str) -> Problem:
        """Parse a network file.

        Raises:
            ValueError: One line naming the field and the problem (or where the JSON breaks).
        """
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(
                f"network file: not valid JSON ({error.msg} at line {error.lineno}, "
                f"column {error.colno})"
            ) from None
        except RecursionError:
            raise ValueError("network file: not valid JSON (nested too deeply)") from None
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """The network file format, ready for `json.dumps`: every field of
        [`FIELDS`][backprop_steps.problem.FIELDS], options included.

        Introduced in [Check your own calculation][check-your-own].
        """
        return {f.name: f.write(f.value(self)) for f in FIELDS}
