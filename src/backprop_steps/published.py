r"""What the two posts print, figure by figure, and how each figure compares with the library.

Each [`Figure`][backprop_steps.published.Figure] records a number as a post prints it (a string,
so that its number of decimals is kept) and how to compute the same quantity from a
[`Trace`][backprop_steps.scalar.Trace] of the post's example.
[`agreement`][backprop_steps.figures.agreement] says whether the printed figure is the exact
value, the value rounded or truncated to the printed decimals (or either, when both give the
same digits), or none of these; [`tally`][backprop_steps.published.tally] counts each kind.
The Mazur post's training figures are claims about a run
([`MAZUR_TRAINING`][backprop_steps.published.MAZUR_TRAINING]); its companion code printed its
own figure of the error, [`companion_line`][backprop_steps.published.companion_line].

Examples:
    >>> from backprop_steps.examples import NEURALBLOG
    >>> from backprop_steps.scalar import trace
    >>> tally(NEURALBLOG_FIGURES, trace(NEURALBLOG.network, *NEURALBLOG.example))
    {'exact': 2, 'rounding': 0, 'ambiguous': 10, 'truncation': 19, 'wrong': 0}

Introduced in [The neuralblog example][neuralblog].
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import cast

from backprop_steps.figures import AGREEMENTS, agreement
from backprop_steps.results import History
from backprop_steps.scalar import Trace

__all__ = [
    "COMPANION_COMMIT",
    "COMPANION_OUTPUTS",
    "MAZUR_FIGURES",
    "MAZUR_TRAINING",
    "NEURALBLOG_FIGURES",
    "TRAINING_CLAIMS",
    "Figure",
    "companion_error",
    "companion_line",
    "tally",
]


@dataclass(frozen=True)
class Figure:
    """One number a post prints for one training step of its example.

    Introduced in [The neuralblog example][neuralblog].
    """

    symbol: str
    r"""The quantity in LaTeX, in the post's naming, e.g. `\frac{\partial E_{total}}{\partial w_5}`."""
    printed: str
    """The figure as the post prints it."""
    value: Callable[[Trace], float]
    """Computes the quantity from a trace of the post's example."""
    chapter: str
    """The anchor of the chapter of this site that covers the quantity."""
    cause: str = ""
    """For a figure that is neither the value rounded nor truncated: why it differs."""


def tally(figures: Iterable[Figure], step: Trace) -> dict[str, int]:
    """How many figures are of each kind: [`agreement`][backprop_steps.figures.agreement] counted.

    Args:
        figures: Published figures, e.g. `NEURALBLOG_FIGURES`.
        step: A trace of the post's example.

    Returns:
        A count for every kind in [`AGREEMENTS`][backprop_steps.figures.AGREEMENTS], in that
        order, zeros included.

    Introduced in [The neuralblog example][neuralblog].
    """
    counts = dict.fromkeys(AGREEMENTS, 0)
    for figure in figures:
        counts[agreement(figure.printed, figure.value(step))] += 1
    return counts


def _via(output: str, weight: str) -> Callable[[Trace], float]:
    """One output's share of dE_total/dout_h1: its delta times the weight of the path."""
    return lambda s: s.delta(output) * s.weight(weight)


def _error_to_w1(output: str, weight: str) -> Callable[[Trace], float]:
    """Neuralblog's dE_1/dw1 and dE_2/dw1: one output's path to w1."""
    return lambda s: (
        s.delta(output) * s.weight(weight) * s.activation_derivative("h1") * s.out("i1")
    )


def _partial(top: str, bottom: str) -> str:
    return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"


_G = r"\frac{\partial E_{total}}{\partial w_{%s}}"

MAZUR_FIGURES: tuple[Figure, ...] = (
    Figure("net_{h1}", "0.3775", lambda s: s.net("h1"), "forward-pass"),
    Figure("out_{h1}", "0.593269992", lambda s: s.out("h1"), "forward-pass"),
    Figure("out_{h2}", "0.596884378", lambda s: s.out("h2"), "forward-pass"),
    Figure("net_{o1}", "1.105905967", lambda s: s.net("o1"), "forward-pass"),
    Figure("out_{o1}", "0.75136507", lambda s: s.out("o1"), "forward-pass"),
    Figure("out_{o2}", "0.772928465", lambda s: s.out("o2"), "forward-pass"),
    Figure("E_{o1}", "0.274811083", lambda s: s.error("o1"), "total-error"),
    Figure("E_{o2}", "0.023560026", lambda s: s.error("o2"), "total-error"),
    Figure("E_{total}", "0.298371109", lambda s: s.total_error, "total-error"),
    Figure(
        _partial("E_{total}", "out_{o1}"),
        "0.74136507",
        lambda s: s.error_derivative("o1"),
        "output-layer",
    ),
    Figure(
        _partial("out_{o1}", "net_{o1}"),
        "0.186815602",
        lambda s: s.activation_derivative("o1"),
        "output-layer",
    ),
    Figure(_partial("net_{o1}", "w_5"), "0.593269992", lambda s: s.out("h1"), "output-layer"),
    Figure(_G % 5, "0.082167041", lambda s: s.grad("w5"), "output-layer"),
    Figure("w_5^+", "0.35891648", lambda s: s.new("w5"), "output-layer"),
    Figure("w_6^+", "0.408666186", lambda s: s.new("w6"), "output-layer"),
    Figure("w_7^+", "0.511301270", lambda s: s.new("w7"), "output-layer"),
    Figure("w_8^+", "0.561370121", lambda s: s.new("w8"), "output-layer"),
    Figure(_partial("E_{o1}", "net_{o1}"), "0.138498562", lambda s: s.delta("o1"), "output-layer"),
    Figure(_partial("E_{o1}", "out_{h1}"), "0.055399425", _via("o1", "w5"), "hidden-layer"),
    Figure(
        _partial("E_{o2}", "out_{h1}"),
        "-0.019049119",
        _via("o2", "w7"),
        "hidden-layer",
        cause="rounding: the post multiplies the delta of o2 after rounding it to 9 decimals",
    ),
    Figure(
        _partial("E_{total}", "out_{h1}"),
        "0.036350306",
        lambda s: s.error_derivative("h1"),
        "hidden-layer",
    ),
    Figure(
        _partial("out_{h1}", "net_{h1}"),
        "0.241300709",
        lambda s: s.activation_derivative("h1"),
        "hidden-layer",
    ),
    Figure(_G % 1, "0.000438568", lambda s: s.grad("w1"), "hidden-layer"),
    Figure("w_1^+", "0.149780716", lambda s: s.new("w1"), "hidden-layer"),
    Figure("w_2^+", "0.19956143", lambda s: s.new("w2"), "hidden-layer"),
    Figure("w_3^+", "0.24975114", lambda s: s.new("w3"), "hidden-layer"),
    Figure("w_4^+", "0.29950229", lambda s: s.new("w4"), "hidden-layer"),
)
"""Every number the Mazur post prints for its training step, in order."""

MAZUR_TRAINING: dict[str, str] = {
    "error after the first step": "0.291027924",
    "error after 10,000 steps": "0.0000351085",
    "out_o1 after 10,000 steps": "0.015912196",
    "out_o2 after 10,000 steps": "0.984065734",
}
"""What the Mazur post prints about training beyond the first step."""


def _final_output(j: int) -> Callable[[History], float]:
    """Output j of one example after the last step of a run."""
    return lambda h: cast(float, h.outputs[j])


TRAINING_CLAIMS: dict[str, Callable[[History], float]] = {
    "error after the first step": lambda h: h.errors[1],
    "error after 10,000 steps": lambda h: h.errors[10_000],
    "out_o1 after 10,000 steps": _final_output(0),
    "out_o2 after 10,000 steps": _final_output(1),
}
"""What each claim of [`MAZUR_TRAINING`][backprop_steps.published.MAZUR_TRAINING] measures, in a
run of 10,000 steps of [`train`][backprop_steps.training.train] from the post's network."""

NEURALBLOG_FIGURES: tuple[Figure, ...] = (
    Figure("sum_{h1}", "0.41", lambda s: s.net("h1"), "neuralblog"),
    Figure("output_{h1}", "0.60108", lambda s: s.out("h1"), "neuralblog"),
    Figure("sum_{h2}", "0.47", lambda s: s.net("h2"), "neuralblog"),
    Figure("output_{h2}", "0.61538", lambda s: s.out("h2"), "neuralblog"),
    Figure("sum_{o1}", "1.01977", lambda s: s.net("o1"), "neuralblog"),
    Figure("output_{o1}", "0.73492", lambda s: s.out("o1"), "neuralblog"),
    Figure("sum_{o2}", "1.26306", lambda s: s.net("o2"), "neuralblog"),
    Figure("output_{o2}", "0.77955", lambda s: s.out("o2"), "neuralblog"),
    Figure("E_1", "0.23456", lambda s: s.error("o1"), "neuralblog"),
    Figure("E_2", "0.01452", lambda s: s.error("o2"), "neuralblog"),
    Figure("E_{total}", "0.24908", lambda s: s.total_error, "neuralblog"),
    Figure(
        _partial("E_{total}", "output_{o1}"),
        "0.68492",
        lambda s: s.error_derivative("o1"),
        "neuralblog",
    ),
    Figure(
        _partial("output_{o1}", "sum_{o1}"),
        "0.19480",
        lambda s: s.activation_derivative("o1"),
        "neuralblog",
    ),
    Figure(_G % 5, "0.08020", lambda s: s.grad("w5"), "neuralblog"),
    Figure("new\\_w_5", "0.45187", lambda s: s.new("w5"), "neuralblog"),
    Figure(_G % 6, "0.08211", lambda s: s.grad("w6"), "neuralblog"),
    Figure("new\\_w_6", "0.55073", lambda s: s.new("w6"), "neuralblog"),
    Figure(
        _partial("E_{total}", "output_{o2}"),
        "-0.17044",
        lambda s: s.error_derivative("o2"),
        "neuralblog",
    ),
    Figure(
        _partial("output_{o2}", "sum_{o2}"),
        "0.17184",
        lambda s: s.activation_derivative("o2"),
        "neuralblog",
    ),
    Figure(_G % 7, "-0.01760", lambda s: s.grad("w7"), "neuralblog"),
    Figure("new\\_w_7", "0.71056", lambda s: s.new("w7"), "neuralblog"),
    Figure(_G % 8, "-0.01802", lambda s: s.grad("w8"), "neuralblog"),
    Figure("new\\_w_8", "0.81081", lambda s: s.new("w8"), "neuralblog"),
    Figure(
        _partial("output_{h1}", "sum_{h1}"),
        "0.23978",
        lambda s: s.activation_derivative("h1"),
        "neuralblog",
    ),
    Figure(_partial("E_1", "w_1"), "0.00159", _error_to_w1("o1", "w5"), "neuralblog"),
    Figure(_partial("E_2", "w_1"), "-0.00049", _error_to_w1("o2", "w7"), "neuralblog"),
    Figure(_G % 1, "0.00110", lambda s: s.grad("w1"), "neuralblog"),
    Figure("new\\_w_1", "0.09933", lambda s: s.new("w1"), "neuralblog"),
    Figure("new\\_w_2", "0.19919", lambda s: s.new("w2"), "neuralblog"),
    Figure("new\\_w_3", "0.29667", lambda s: s.new("w3"), "neuralblog"),
    Figure("new\\_w_4", "0.39597", lambda s: s.new("w4"), "neuralblog"),
)
"""Every number the neuralblog post prints for its training step, in order, in its naming
(its $sum$ and $output$ are this site's $net$ and $out$)."""

COMPANION_COMMIT = "4b6faacd9d8cca34d6c70dd8ab9668988c0ea547"
"""The commit of the Mazur post's companion code,
[mattm/simple-neural-network](https://github.com/mattm/simple-neural-network), that made its
hidden deltas use the weights from before the step (the simultaneous order) and stopped dividing
the error it prints by the number of outputs. Before it, `neural-network.py` trained in the
sequential order."""

COMPANION_OUTPUTS = 2
"""The number of outputs the companion code divided its printed error by, before
[`COMPANION_COMMIT`][backprop_steps.published.COMPANION_COMMIT]: the Mazur example's two."""


def companion_error(total_error: float, outputs: int = COMPANION_OUTPUTS) -> float:
    r"""$\frac{E_{total}}{n}$: the error the companion code reported before
    [`COMPANION_COMMIT`][backprop_steps.published.COMPANION_COMMIT], the total error divided by
    the number of outputs $n$ (its `calculate_total_error` ended
    `return total_error / len(self.output_layer.neurons)`).

    Args:
        total_error: $E_{total}$ after a step.
        outputs: $n$, the number of output neurons.

    Returns:
        Half of $E_{total}$ on the Mazur example.

    Examples:
        >>> print(f"{companion_error(0.291027924):.9f}")
        0.145513962

    Introduced in [Errata][errata].
    """
    return total_error / outputs


def companion_line(history: History, steps: int, outputs: int = COMPANION_OUTPUTS) -> str:
    """The line the companion code printed after a number of steps: `print(i, round(error, 9))`,
    with `i` counted from 0 and `error` the
    [`companion_error`][backprop_steps.published.companion_error] after step `i + 1`.

    Args:
        history: A run of the Mazur example (the sequential order for the code before
            [`COMPANION_COMMIT`][backprop_steps.published.COMPANION_COMMIT], the simultaneous
            one from it on), at least `steps` long.
        steps: How many steps have been taken, at least 1.
        outputs: What the error is divided by: the number of outputs before the commit, 1 from
            it on (the code then prints $E_{total}$ itself).

    Returns:
        The line, as Python prints it (`round` keeps the float, so a small one prints in
        scientific notation).

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> from backprop_steps.training import train
        >>> companion_line(train(MAZUR.network, *MAZUR.example, 2, "sequential"), 2)
        '1 0.141773682'
        >>> companion_line(train(MAZUR.network, *MAZUR.example, 2), 2, outputs=1)
        '1 0.283547133'

    Introduced in [Errata][errata].
    """
    return f"{steps - 1} {round(float(companion_error(history.errors[steps], outputs)), 9)!r}"
