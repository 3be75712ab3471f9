"""The worked examples, as presets.

The two posts' examples are the same 2-2-2 logistic network with squared error and frozen biases;
they differ in their numbers and in how they number the hidden weights. `XOR` (a batch of four
examples) and `DEEP` (two hidden layers) carry the later chapters.

Introduced in [The network][network].
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from backprop_steps.network import MAZUR_NAMING, NEURALBLOG_NAMING, Layer, Network
from backprop_steps.problem import Problem

__all__ = ["DEEP", "EXAMPLES", "MAZUR", "NEURALBLOG", "XOR", "random_network"]

MAZUR = Problem(
    network=Network(
        layers=(
            Layer(weights=((0.15, 0.20), (0.25, 0.30)), biases=0.35, activation="sigmoid"),
            Layer(weights=((0.40, 0.45), (0.50, 0.55)), biases=0.60, activation="sigmoid"),
        ),
        loss="squared_error",
        learning_rate=0.5,
        update_biases=False,
        naming=MAZUR_NAMING,
    ),
    inputs=(0.05, 0.10),
    targets=(0.01, 0.99),
)
"""Matt Mazur, "A Step by Step Backpropagation Example" (2015): $w_1 \\dots w_8 = 0.15, 0.20,
\\dots, 0.55$; $b_1 = 0.35$, $b_2 = 0.60$; $\\eta = 0.5$; inputs 0.05, 0.10; targets 0.01, 0.99.
In its naming $net_{h1} = w_1 i_1 + w_2 i_2 + b_1$."""

NEURALBLOG = Problem(
    network=Network(
        layers=(
            # neuralblog numbers the hidden weights column by column: w1, w3 lead into h1
            Layer(weights=((0.1, 0.3), (0.2, 0.4)), biases=0.25, activation="sigmoid"),
            Layer(weights=((0.5, 0.6), (0.7, 0.8)), biases=0.35, activation="sigmoid"),
        ),
        loss="squared_error",
        learning_rate=0.6,
        update_biases=False,
        naming=NEURALBLOG_NAMING,
    ),
    inputs=(0.1, 0.5),
    targets=(0.05, 0.95),
)
"""theneuralblog.com, "Forward pass and backpropagation example": $w_1 \\dots w_8 = 0.1, 0.2,
\\dots, 0.8$; $b_1 = 0.25$, $b_2 = 0.35$; $\\eta = 0.6$; inputs 0.1, 0.5; targets 0.05, 0.95.
In its naming $net_{h1} = w_1 i_1 + w_3 i_2 + b_1$."""


def random_network(
    sizes: Sequence[int],
    seed: int,
    activation: str = "sigmoid",
    learning_rate: float = 0.5,
    spread: float = 1.0,
) -> Network:
    r"""A network of the given shape whose weights and biases are drawn from a fixed seed.

    Layer by layer, the weights row by row and then one bias per neuron, each drawn uniformly
    from $[-spread, spread]$ with `random.Random(seed)` and rounded to 2 decimals, so the
    numbers read like a tutorial's. The hidden layers use `activation`, the output layer the
    logistic function; the loss is squared error and the biases learn.

    Args:
        sizes: The width of every layer, inputs first, such as `(2, 2, 1)`.
        seed: The seed: the same seed gives the same network.
        activation: The hidden layers' activation, a name of
            [`ACTIVATIONS`][backprop_steps.activations.ACTIVATIONS].
        learning_rate: $\eta$.
        spread: The largest magnitude drawn.

    Returns:
        The network.

    Raises:
        ValueError: If `sizes` does not hold at least two positive widths.

    Examples:
        >>> random_network((2, 2, 1), seed=1, learning_rate=10.0) == XOR.network
        True

    Introduced in [XOR][xor].
    """
    if len(sizes) < 2 or any(not isinstance(n, int) or n < 1 for n in sizes):
        raise ValueError(f"sizes: expected at least two positive widths, got {list(sizes)}")
    draw = random.Random(seed)

    def drawn() -> float:
        return round(draw.uniform(-spread, spread), 2)

    layers = []
    for l in range(1, len(sizes)):
        weights = tuple(tuple(drawn() for _ in range(sizes[l - 1])) for _ in range(sizes[l]))
        biases = tuple(drawn() for _ in range(sizes[l]))
        layers.append(Layer(weights, biases, activation if l < len(sizes) - 1 else "sigmoid"))
    return Network(tuple(layers), learning_rate=learning_rate, update_biases=True)


XOR = Problem(
    network=Network(
        layers=(
            # random_network((2, 2, 1), seed=1) written out
            Layer(weights=((-0.73, 0.69), (0.53, -0.49)), biases=(-0.01, -0.10)),
            Layer(weights=((0.30, 0.58),), biases=(-0.81,)),
        ),
        loss="squared_error",
        learning_rate=10.0,
        update_biases=True,
    ),
    inputs=((0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)),
    targets=((0.0,), (1.0,), (1.0,), (0.0,)),
)
r"""The second example of the Mazur post's companion code: exclusive or, the four inputs as one
batch with targets 0, 1, 1, 0. A 2-2-1 logistic network with one bias per neuron (`b_h1`,
`b_h2`, `b_o1`), biases learning, squared error averaged over the batch, $\eta = 10$. The
weights are those of `random_network((2, 2, 1), seed=1)`, written out.

Introduced in [XOR][xor]."""

DEEP = Problem(
    network=Network(
        layers=(
            # weights drawn once from random.Random(12), uniform in [-1, 1], rounded to 2 decimals
            Layer(weights=((-0.05, 0.31), (0.33, -0.71), (-0.98, -0.25)), biases=0.35),
            Layer(
                weights=((-0.45, 0.62, 0.38), (0.20, 0.12, 0.32), (-0.71, -0.12, -0.68)),
                biases=0.25,
            ),
            Layer(weights=((0.81, -0.88, 0.64), (-0.85, 0.37, -0.33)), biases=0.60),
        ),
        loss="squared_error",
        learning_rate=0.5,
        update_biases=True,
    ),
    inputs=(0.05, 0.10),
    targets=(0.01, 0.99),
)
r"""A 2-3-3-2 logistic network (two hidden layers) on the Mazur post's example: inputs 0.05,
0.10; targets 0.01, 0.99; $\eta = 0.5$; one bias shared by each layer ($b_1, b_2, b_3$), biases
learning. Neurons are `h1_1 ... h1_3` (hidden layer 1), `h2_1 ... h2_3` and `o1, o2`; weights
`w1 ... w21` layer by layer, row by row (see
[`default_naming`][backprop_steps.network.default_naming]).

Introduced in [Deeper networks and other activations][deeper-networks]."""

EXAMPLES: dict[str, Problem] = {"mazur": MAZUR, "neuralblog": NEURALBLOG}
"""The presets by the name the CLI takes (`--example mazur`)."""
