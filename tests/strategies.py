"""Hypothesis strategies for random networks: any depth, width, activation, loss and bias mode.

Activations and losses are drawn from the library's tables, so an entry added there is tested
everywhere these strategies are used (and the oracle must learn it independently).
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st

from backprop_steps.activations import ACTIVATIONS, ALIASES, LayerActivation
from backprop_steps.losses import LOSS_NAMES, LOSSES
from backprop_steps.network import Layer, Network
from backprop_steps.problem import Problem


def examples(full: int) -> int:
    """How many examples a property test draws: `full` under the `ci` profile (100 examples by
    default), as many fifths under `dev` (20), and never fewer than 5 (see tests/conftest.py).
    """
    return max(5, round(full * settings.default.max_examples / 100))


HIDDEN = tuple(
    name for name, f in ACTIVATIONS.items() if not isinstance(f, LayerActivation)
) + tuple(ALIASES)
OUTPUT = (*HIDDEN, "softmax")
small = st.floats(-1.5, 1.5, allow_nan=False, allow_infinity=False)
unit = st.floats(0.0, 1.0, allow_nan=False, allow_infinity=False)


@st.composite
def problems(
    draw: st.DrawFn,
    max_depth: int = 4,
    max_width: int = 6,
    batch: bool | None = False,
    loss: str | None = None,
) -> Problem:
    depth = draw(st.integers(1, max_depth))
    sizes = [draw(st.integers(1, max_width)) for _ in range(depth + 1)]
    loss = loss or draw(st.sampled_from(LOSS_NAMES))
    forms = [entry for entry in LOSSES if entry.name == loss]
    outputs = [a for entry in forms for a in (entry.outputs or OUTPUT)]
    outputs += [alias for alias, name in ALIASES.items() if name in outputs]
    output = draw(st.sampled_from(outputs))
    activations = [draw(st.sampled_from(HIDDEN)) for _ in range(depth - 1)] + [output]
    layers = []
    for l in range(depth):
        rows, columns = sizes[l + 1], sizes[l]
        weights = draw(
            st.lists(
                st.lists(small, min_size=columns, max_size=columns), min_size=rows, max_size=rows
            )
        )
        if draw(st.booleans()):
            biases: object = draw(small)
        else:
            biases = draw(st.lists(small, min_size=rows, max_size=rows))
        layers.append(Layer(weights, biases, activations[l]))  # type: ignore[arg-type]
    network = Network(
        tuple(layers),
        loss=loss,
        learning_rate=draw(st.floats(0.01, 2.0)),
        update_biases=draw(st.booleans()),
        reduction=draw(st.sampled_from(["mean", "sum"])),
    )
    target = unit if forms[0].probabilities else small
    if batch is None:
        batch = draw(st.booleans())
    if batch:
        count = draw(st.integers(1, 4))
        inputs = draw(
            st.lists(
                st.lists(small, min_size=sizes[0], max_size=sizes[0]),
                min_size=count,
                max_size=count,
            )
        )
        targets = draw(
            st.lists(
                st.lists(target, min_size=sizes[-1], max_size=sizes[-1]),
                min_size=count,
                max_size=count,
            )
        )
    else:
        inputs = draw(st.lists(small, min_size=sizes[0], max_size=sizes[0]))
        targets = draw(st.lists(target, min_size=sizes[-1], max_size=sizes[-1]))
    return Problem(network, inputs, targets)  # type: ignore[arg-type]
