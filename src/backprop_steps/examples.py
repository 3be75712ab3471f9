"""The two worked examples, as presets.

Both are the same 2-2-2 logistic network with squared error and frozen biases; they differ in
their numbers and in how they number the hidden weights.

Introduced in [The network][network].
"""

from __future__ import annotations

from backprop_steps.network import MAZUR_NAMING, NEURALBLOG_NAMING, Layer, Network, Problem

__all__ = ["EXAMPLES", "MAZUR", "NEURALBLOG"]

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

EXAMPLES: dict[str, Problem] = {"mazur": MAZUR, "neuralblog": NEURALBLOG}
"""The presets by the name the CLI takes (`--example mazur`)."""
