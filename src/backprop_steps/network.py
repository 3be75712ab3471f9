r"""Networks as values: layers, weights, biases, and the names the tutorials give them.

A [`Layer`][backprop_steps.network.Layer] holds `weights[j][k]`, the weight from input $k$ of the
layer to its neuron $j$ (one row per neuron, as in `torch.nn.Linear`), and either one bias shared
by the whole layer (the tutorials' $b_1$ and $b_2$) or one bias per neuron. A
[`Network`][backprop_steps.network.Network] is its layers plus how it learns. A
[`Problem`][backprop_steps.problem.Problem] adds the inputs and targets: it is what a network file
holds.

A [`Naming`][backprop_steps.network.Naming] maps the tutorials' names (`w5`, `b1`, `h1`) to
positions in those matrices. The two posts number the hidden weights differently; each convention
is a table, not a code path, and [`naming`][backprop_steps.network.naming] gives a post's names
for a 2-2-2 network, its biases shared or not. A network refuses a naming that does not name
each of its neurons, weights and biases once.

Every constructor checks its input and raises `ValueError` with one line that names the field,
such as `layers[1].weights[0]: expected 2 numbers (the width of the layer before), got 3`.

Introduced in [The network][network].
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from backprop_steps.activations import (
    ACTIVATIONS,
    ALIASES,
    Activation,
    LayerActivation,
    activation,
)
from backprop_steps.display import Rounded, rounded
from backprop_steps.losses import LOSS_NAMES, Loss, output_loss

__all__ = [
    "CONVENTIONS",
    "MAZUR_NAMING",
    "NEURALBLOG_NAMING",
    "DIVERGED",
    "REDUCTIONS",
    "Layer",
    "Naming",
    "Network",
    "default_naming",
    "naming",
    "rounded_network",
]

DIVERGED = (
    "learning_rate: training diverged (a weight or bias became infinite or not a number); "
    "try a smaller learning rate"
)
"""The error raised when an update leaves a parameter that is not a finite number."""

REDUCTIONS: tuple[str, ...] = ("mean", "sum")
"""How a batch's loss combines the per-example losses."""

T = TypeVar("T")
Vector = tuple[float, ...]
Matrix = tuple[tuple[float, ...], ...]


# --- checking input -------------------------------------------------------------------------


@contextmanager
def _within(path: str) -> Iterator[None]:
    """Prefix the field path of any ValueError raised inside with `path`."""
    try:
        yield
    except ValueError as error:
        message = str(error)
        joiner = "" if message.startswith("[") else "."
        raise ValueError(f"{path}{joiner}{message}") from None


def _describe(value: object) -> str:
    if isinstance(value, str):
        return f"the string {json.dumps(value)}"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    return repr(value)


def _number(value: object, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{path}: expected a number, got {_describe(value)}")
    try:
        number = value if isinstance(value, float) else float(value)
    except OverflowError:  # an integer too large for a float
        number = math.inf
    if not math.isfinite(number):
        raise ValueError(f"{path}: expected a finite number, got {number}")
    return number


def _vector(value: object, path: str, length: int | None = None, what: str = "") -> Vector:
    if not isinstance(value, list | tuple):
        raise ValueError(f"{path}: expected a list of numbers, got {_describe(value)}")
    if not value:
        raise ValueError(f"{path}: expected at least one number, got an empty list")
    if length is not None and len(value) != length:
        raise ValueError(f"{path}: expected {length} numbers{what}, got {len(value)}")
    return tuple(_number(x, f"{path}[{i}]") for i, x in enumerate(value))


def _matrix(value: object, path: str, columns: int | None = None, what: str = "") -> Matrix:
    if not isinstance(value, list | tuple):
        raise ValueError(f"{path}: expected a list of rows, got {_describe(value)}")
    if not value:
        raise ValueError(f"{path}: expected at least one row, got an empty list")
    if not isinstance(value[0], list | tuple):
        raise ValueError(f"{path}[0]: expected a list of numbers, got {_describe(value[0])}")
    columns = len(value[0]) if columns is None else columns
    return tuple(_vector(row, f"{path}[{j}]", columns, what) for j, row in enumerate(value))


# --- naming -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Naming:
    """The names of a network's quantities, as data.

    Each name maps to a position in the network's matrices, so `grad("w5")` or `delta("o1")`
    is a table lookup, and two conventions differ only in their tables.

    Examples:
        >>> MAZUR_NAMING.weights["w2"], NEURALBLOG_NAMING.weights["w2"]
        ((0, 0, 1), (0, 1, 0))

    Introduced in [The network][network].
    """

    convention: str
    """A short name for the convention, such as `"mazur"`."""
    neurons: Mapping[str, tuple[int, int]]
    """Neuron name to (layer, index); layer `-1` holds the inputs (`i1`, `i2`)."""
    weights: Mapping[str, tuple[int, int, int]]
    """Weight name to (layer, neuron $j$, input $k$), i.e. `layers[l].weights[j][k]`."""
    biases: Mapping[str, tuple[int, int | None]]
    """Bias name to (layer, neuron); neuron is `None` for a bias shared by the layer."""

    def neuron(self, name: str) -> tuple[int, int]:
        """Position of a neuron, raising a clear error for an unknown name."""
        return _lookup(self.neurons, name, "neuron")

    def weight(self, name: str) -> tuple[int, int, int]:
        """Position of a weight, raising a clear error for an unknown name."""
        return _lookup(self.weights, name, "weight")

    def bias(self, name: str) -> tuple[int, int | None]:
        """Position of a bias, raising a clear error for an unknown name."""
        return _lookup(self.biases, name, "bias")

    def neuron_names(self, layer: int) -> tuple[str, ...]:
        """The names of a layer's neurons in order (layer `-1` for the inputs)."""
        found = sorted((j, name) for name, (l, j) in self.neurons.items() if l == layer)
        return tuple(name for _, name in found)

    def pick(self, weights: Sequence[Matrix], biases: Sequence[float | Vector], name: str) -> float:
        """The value at a weight's or a bias's position in anything shaped like the network.

        Args:
            weights: One matrix per layer (`weights[l][j][k]`): the weights, their gradients...
            biases: One number or one per neuron, per layer, likewise.
            name: A weight or bias name, such as `"w5"` or `"b1"`.

        Returns:
            The value at that position.

        Introduced in [The network][network].
        """
        if name in self.weights:
            l, j, k = self.weights[name]
            return weights[l][j][k]
        l, j_bias = self.bias(name)
        value = biases[l]
        return value[j_bias or 0] if isinstance(value, tuple) else value

    def weight_name(self, layer: int, j: int, k: int) -> str:
        """The name of `layers[layer].weights[j][k]`."""
        for name, position in self.weights.items():
            if position == (layer, j, k):
                return name
        raise ValueError(f"weight: no name for layers[{layer}].weights[{j}][{k}]")


def _lookup(table: Mapping[str, T], name: str, kind: str) -> T:
    try:
        return table[name]
    except KeyError:
        known = ", ".join(table)
        raise ValueError(f"{kind}: unknown name {name!r}; this network has {known}") from None


def _neuron_prefixes(sizes: Sequence[int]) -> list[str]:
    hidden = len(sizes) - 2
    prefixes = ["i"]
    prefixes += ["h"] if hidden == 1 else [f"h{l}_" for l in range(1, hidden + 1)]
    return [*prefixes, "o"]


def default_naming(
    sizes: Sequence[int],
    shared_biases: Sequence[bool] | None = None,
    column_major: Sequence[int] = (),
    convention: str = "mazur",
) -> Naming:
    """Tutorial-style names for a fully connected network of any shape.

    Neurons are `i1, i2, ...` (inputs), `h1, h2, ...` (one hidden layer; with more, `h1_1` is
    hidden layer 1, neuron 1) and `o1, o2, ...`. Weights are numbered `w1, w2, ...` layer by
    layer; within a layer row by row (all the weights into the first neuron, then the second: the
    Mazur order), or column by column for the layers listed in `column_major` (the neuralblog
    order of its hidden layer). A shared bias is `b1, b2, ...` by layer; a per-neuron bias is
    `b_` and the neuron's name (`b_h1`).

    Args:
        sizes: The width of every layer, inputs first: `(2, 2, 2)` for the tutorials.
        shared_biases: For each weighted layer, whether its bias is shared. Default: all shared.
        column_major: Indices of the weighted layers numbered column by column.
        convention: The name recorded in the result.

    Returns:
        The naming.

    Examples:
        >>> default_naming((2, 2, 2)).weights["w7"]
        (1, 1, 0)

    Introduced in [The network][network].
    """
    shared = [True] * (len(sizes) - 1) if shared_biases is None else list(shared_biases)
    prefixes = _neuron_prefixes(sizes)
    neurons = {
        f"{prefixes[l + 1]}{j + 1}": (l, j)
        for l in range(-1, len(sizes) - 1)
        for j in range(sizes[l + 1])
    }
    weights: dict[str, tuple[int, int, int]] = {}
    biases: dict[str, tuple[int, int | None]] = {}
    for l in range(len(sizes) - 1):
        rows, columns = sizes[l + 1], sizes[l]
        if l in column_major:
            cells = [(j, k) for k in range(columns) for j in range(rows)]
        else:
            cells = [(j, k) for j in range(rows) for k in range(columns)]
        for j, k in cells:
            weights[f"w{len(weights) + 1}"] = (l, j, k)
        if shared[l]:
            biases[f"b{l + 1}"] = (l, None)
        else:
            biases.update({f"b_{prefixes[l + 1]}{j + 1}": (l, j) for j in range(rows)})
    return Naming(convention, neurons, weights, biases)


CONVENTIONS: Mapping[str, tuple[int, ...]] = {"mazur": (), "neuralblog": (0,)}
"""The two posts' numberings of a 2-2-2 network's weights, by name: the weighted layers each
numbers column by column (the `column_major` of
[`default_naming`][backprop_steps.network.default_naming])."""


def naming(
    convention: str, sizes: Sequence[int], shared_biases: Sequence[bool] | None = None
) -> Naming:
    """A post's names for a network of the tutorials' 2-2-2 shape, its biases shared or not.

    The weights are numbered as the post numbers them; the biases are named as
    [`default_naming`][backprop_steps.network.default_naming] names them, `b1` and `b2` when
    each layer shares one, `b_h1` to `b_o2` when each neuron has its own. The one place that
    turns a convention's name into a naming: the command line's `--naming` and the calculator
    ask here.

    Args:
        convention: A name of [`CONVENTIONS`][backprop_steps.network.CONVENTIONS].
        sizes: The width of every layer, inputs first.
        shared_biases: For each weighted layer, whether its bias is shared. Default: all shared.

    Returns:
        The naming.

    Raises:
        ValueError: One line naming `naming`: an unknown convention, or a shape the posts do
            not number.

    Examples:
        >>> names = naming("neuralblog", (2, 2, 2), shared_biases=(False, False))
        >>> names.weights["w2"], list(names.biases)
        ((0, 1, 0), ['b_h1', 'b_h2', 'b_o1', 'b_o2'])

    Introduced in [The network][network].
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"naming: expected {' or '.join(CONVENTIONS)}, got {convention!r}")
    if tuple(sizes) != (2, 2, 2):
        shape = "-".join(map(str, sizes))
        raise ValueError(f"naming: {convention} numbers a 2-2-2 network; this one is {shape}")
    return default_naming(sizes, shared_biases, CONVENTIONS[convention], convention)


MAZUR_NAMING = naming("mazur", (2, 2, 2))
"""The Mazur post: $net_{h1} = w_1 i_1 + w_2 i_2 + b_1$, $net_{h2} = w_3 i_1 + w_4 i_2 + b_1$."""

NEURALBLOG_NAMING = naming("neuralblog", (2, 2, 2))
"""The neuralblog post: $net_{h1} = w_1 i_1 + w_3 i_2 + b_1$, $net_{h2} = w_2 i_1 + w_4 i_2 + b_1$."""


def _fits(names: object, layers: Sequence[Layer]) -> None:
    """Refuse a naming that does not name each weight, bias and neuron of the layers once."""
    if not isinstance(names, Naming):
        raise ValueError(f"naming: expected a Naming, got {_describe(names)}")
    sizes = (layers[0].fan_in, *(layer.width for layer in layers))
    shape, indexed = "-".join(map(str, sizes)), list(enumerate(layers))
    expected: list[tuple[Any, ...]] = [
        *(
            ("weights", l, j, k)
            for l, x in indexed
            for j in range(x.width)
            for k in range(x.fan_in)
        ),
        *(
            ("biases", l, j)
            for l, x in indexed
            for j in ([None] if x.shared_bias else range(x.width))
        ),
        *(("neurons", l, j) for l in range(-1, len(layers)) for j in range(sizes[l + 1])),
    ]
    known, named = set(expected), dict[tuple[Any, ...], str]()
    for kind, table in (
        ("weights", names.weights),
        ("biases", names.biases),
        ("neurons", names.neurons),
    ):
        for name, position in table.items():
            key = (kind, *position)
            if key not in known:
                raise ValueError(
                    f"naming: {names.convention} names {name} at {_place(*key)}, which this "
                    f"{shape} network does not have"
                )
            if key in named:
                raise ValueError(
                    f"naming: {names.convention} gives {_place(*key)} two names, {named[key]} "
                    f"and {name}"
                )
            named[key] = name
    for key in expected:
        if key not in named:
            raise ValueError(
                f"naming: {names.convention} has no name for {_place(*key)} of this {shape} network"
            )


def _place(kind: str, l: int, j: int | None, k: int = 0) -> str:
    """Where a name points: `layers[1].weights[0][1]`, `layers[0].biases[1]`, `inputs[0]`."""
    if kind == "weights":
        return f"layers[{l}].weights[{j}][{k}]"
    if kind == "biases":
        return f"layers[{l}].biases" + (" (one shared bias)" if j is None else f"[{j}]")
    return f"inputs[{j}]" if l < 0 else f"neuron {j} of layers[{l}]"


# --- the network ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layer:
    r"""One fully connected layer: $net_j = \sum_k w_{kj}\, x_k + b_j$, $out_j = f(net_j)$,
    where `weights[j][k]` is $w_{kj}$, the weight from input $k$ to neuron $j$.

    Lists are accepted and stored as tuples; every number is checked to be finite.

    Examples:
        >>> Layer([[0.15, 0.2], [0.25, 0.3]], 0.35).width
        2

    Introduced in [The network][network].
    """

    weights: Matrix
    """`weights[j][k]`: from input $k$ of the layer to its neuron $j$ (one row per neuron)."""
    biases: float | Vector
    """One number shared by the layer's neurons, or one number per neuron."""
    activation: str = "sigmoid"
    """A name of [`ACTIVATIONS`][backprop_steps.activations.ACTIVATIONS] (a whole-layer one
    such as `softmax` in the last layer only); an alias of
    [`ALIASES`][backprop_steps.activations.ALIASES] is replaced by the name it stands for."""

    def __post_init__(self) -> None:
        weights = _matrix(self.weights, "weights")
        if isinstance(self.biases, list | tuple):
            biases: float | Vector = _vector(
                self.biases, "biases", len(weights), " (one per neuron)"
            )
        else:
            biases = _number(self.biases, "biases")
        name = self.activation
        if not isinstance(name, str) or (name not in ACTIVATIONS and name not in ALIASES):
            raise ValueError(
                f"activation: unknown activation {_describe(name)}; "
                f"expected one of {', '.join([*ACTIVATIONS, *ALIASES])}"
            )
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "biases", biases)
        object.__setattr__(self, "activation", activation(name).name)

    @property
    def f(self) -> Activation | LayerActivation:
        """The activation's entry in the table, the function each net input goes through."""
        return ACTIVATIONS[self.activation]

    @property
    def width(self) -> int:
        """How many neurons the layer has."""
        return len(self.weights)

    @property
    def fan_in(self) -> int:
        """How many inputs each neuron receives."""
        return len(self.weights[0])

    @property
    def shared_bias(self) -> bool:
        """Whether one bias is shared by the whole layer."""
        return not isinstance(self.biases, tuple)

    def bias(self, j: int) -> float:
        """The bias added to neuron `j`'s net input."""
        return self.biases[j] if isinstance(self.biases, tuple) else self.biases


@dataclass(frozen=True)
class Network:
    """Layers in order (the first receives the inputs, the last gives the outputs), and how the
    network learns.

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> MAZUR.network.sizes
        (2, 2, 2)

    Introduced in [The network][network].
    """

    layers: tuple[Layer, ...]
    """The weighted layers, input side first."""
    loss: str = "squared_error"
    r"""A name of [`LOSS_NAMES`][backprop_steps.losses.LOSS_NAMES], such as `squared_error`,
    $\frac{1}{2}\sum_o (target_o - out_o)^2$."""
    learning_rate: float = 0.5
    r"""$\eta$ in $w^+ = w - \eta \frac{\partial E_{total}}{\partial w}$; positive."""
    update_biases: bool = True
    """Whether a training step updates the biases (both posts keep them frozen)."""
    reduction: str = "mean"
    """How the loss of a batch combines its examples' losses: `mean` or `sum`."""
    naming: Naming | None = field(default=None, compare=False, repr=False)
    """The names of the network's quantities, which must name each of its neurons, weights and
    biases once; `None` means [`default_naming`][backprop_steps.network.default_naming]."""

    def __post_init__(self) -> None:
        layers = tuple(self.layers) if isinstance(self.layers, list | tuple) else None
        if not layers:
            raise ValueError(
                f"layers: expected a non-empty list of layers, got {_describe(self.layers)}"
            )
        for l, layer in enumerate(layers):
            if not isinstance(layer, Layer):
                raise ValueError(f"layers[{l}]: expected a Layer, got {_describe(layer)}")
            if l and layer.fan_in != layers[l - 1].width:
                raise ValueError(
                    f"layers[{l}].weights[0]: expected {layers[l - 1].width} numbers "
                    f"(the width of the layer before), got {layer.fan_in}"
                )
            if isinstance(layer.f, LayerActivation) and l != len(layers) - 1:
                raise ValueError(
                    f"layers[{l}].activation: {layer.activation} is allowed only in the last layer"
                )
        if self.loss not in LOSS_NAMES:
            raise ValueError(
                f"loss: unknown loss {_describe(self.loss)}; "
                f"expected one of {', '.join(LOSS_NAMES)}"
            )
        output_loss(self.loss, layers[-1].activation)  # a loss that fits the output layer
        rate = _number(self.learning_rate, "learning_rate")
        if rate <= 0.0:
            raise ValueError(f"learning_rate: must be positive, got {rate}")
        if not isinstance(self.update_biases, bool):
            raise ValueError(
                f"update_biases: expected true or false, got {_describe(self.update_biases)}"
            )
        if self.reduction not in REDUCTIONS:
            raise ValueError(
                f"reduction: unknown reduction {_describe(self.reduction)}; expected mean or sum"
            )
        if self.naming is not None:
            _fits(self.naming, layers)
        object.__setattr__(self, "layers", layers)
        object.__setattr__(self, "learning_rate", rate)

    @property
    def sizes(self) -> tuple[int, ...]:
        """The width of every layer, inputs first."""
        return (self.layers[0].fan_in, *(layer.width for layer in self.layers))

    @property
    def shared_biases(self) -> tuple[bool, ...]:
        """For each layer, whether one bias is shared by its neurons."""
        return tuple(layer.shared_bias for layer in self.layers)

    @property
    def loss_function(self) -> Loss:
        """The loss's table entry, in the form that fits the output layer."""
        return output_loss(self.loss, self.layers[-1].activation)

    def parameter(self, name: str) -> float:
        """A weight or bias by its name, e.g. `parameter("w5")`.

        Introduced in [The network][network].
        """
        layers = self.layers
        return self.names.pick([l.weights for l in layers], [l.biases for l in layers], name)

    @property
    def names(self) -> Naming:
        """The naming in use: the one given, or the default for this shape."""
        if self.naming is not None:
            return self.naming
        return default_naming(self.sizes, self.shared_biases)


def rounded_network(network: Network) -> Network:
    """`network` with every weight, bias and the learning rate made `Rounded`.

    Introduced in [The forward pass][forward-pass].
    """
    layers = tuple(
        replace(layer, weights=rounded(layer.weights), biases=rounded(layer.biases))
        for layer in network.layers
    )
    return replace(network, layers=layers, learning_rate=Rounded(network.learning_rate))
