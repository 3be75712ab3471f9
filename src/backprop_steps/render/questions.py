r"""Tables for the readers' questions: a post's figures under two readings, training with several
learning rates or from several starts.

Introduced in [Readers' questions][questions].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from backprop_steps.display import number

if TYPE_CHECKING:
    from backprop_steps.published import Figure
    from backprop_steps.results import History
    from backprop_steps.scalar import Trace

__all__ = ["readings_table", "rates_table", "saturation", "starts_table"]


def readings_table(figures: Sequence[Figure], readings: Mapping[str, Trace]) -> str:
    """Published figures beside the values of the same quantities under several readings of
    the post (its example traced in one naming, then in another).

    Args:
        figures: The figures to show.
        readings: A trace of the post's example per reading, by the reading's heading.

    Returns:
        A Markdown table.

    Introduced in [Readers' questions][questions].
    """
    lines = [
        "| quantity | the post prints | " + " | ".join(readings) + " |",
        "|---|---:|" + "---:|" * len(readings),
    ]
    for figure in figures:
        values = " | ".join(number(figure.value(step)) for step in readings.values())
        lines.append(f"| ${figure.symbol}$ | {figure.printed} | {values} |")
    return "\n".join(lines)


def _after(steps: int) -> str:
    return f"after {steps:,} step{'' if steps == 1 else 's'}"


def rates_table(
    histories: Mapping[float, History], steps: Sequence[int], quantity: str = ""
) -> str:
    r"""The error after some numbers of steps, for each learning rate, each number printed by
    the one rule ([`number`][backprop_steps.display.number]).

    Args:
        histories: The training at each learning rate $\eta$.
        steps: The numbers of steps to show, the first one first.
        quantity: Written before the first column's heading, such as `"$E_{total}$ "`.

    Returns:
        A Markdown table.

    Introduced in [Readers' questions][questions].
    """
    headings = [r"learning rate $\eta$", quantity + _after(steps[0]), *map(_after, steps[1:])]
    lines = ["| " + " | ".join(headings) + " |", "|" + "---:|" * len(headings)]
    for rate, history in histories.items():
        errors = history.errors
        cells = [number(rate, given=True), number(errors[steps[0]])]
        cells += [number(errors[s]) for s in steps[1:]]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def starts_table(histories: Mapping[str, History]) -> str:
    """The error at the start, after 1,000 steps and at the end, for each starting network.

    Args:
        histories: 10,000 steps of training from each start, by the start's description.

    Returns:
        A Markdown table.

    Introduced in [Readers' questions][questions].
    """
    lines = [
        "| start | $E_{total}$ at start | after 1,000 steps | after 10,000 steps |",
        "|---|---:|---:|---:|",
    ]
    for label, history in histories.items():
        errors = history.errors
        lines.append(
            f"| {label} | {number(errors[0])} | {number(errors[1000])} "
            f"| {number(history.final_error)} |"
        )
    return "\n".join(lines)


def saturation(histories: Mapping[float, History], burnt: Trace, bias_alone: float) -> str:
    r"""Why too large a learning rate stalls two examples: the hidden neurons saturate.

    Args:
        histories: 10,000 steps on the two examples at the learning rates 0.5, 50, 500 and 1000
            (and others).
        burnt: The second example traced through the network trained with $\eta = 500$.
        bias_alone: $\sigma(b_2)$, the outputs with no signal from the hidden layer.

    Returns:
        A paragraph of Markdown.

    Introduced in [Readers' questions][questions].
    """
    start, crawl = histories[0.5].errors[0], histories[500.0].errors
    return (
        f"All five start from {number(start)}. With $\\eta = 500$ and $\\eta = 1000$ the first "
        "step raises the error above that, and with $\\eta = 1000$ it is still higher after 1,000 "
        "steps. After training with $\\eta = 500$, the hidden net inputs of the second example "
        f"are {number(burnt.net('h1'))} and {number(burnt.net('h2'))}: the hidden neurons output "
        f"{number(burnt.out('h1'))} and {number(burnt.out('h2'))} for it, with slopes "
        f"{number(burnt.activation_derivative('h1'))} and "
        f"{number(burnt.activation_derivative('h2'))}. No error gets back through them, and the "
        f"outputs of the second example, {number(burnt.out('o1'))} and "
        f"{number(burnt.out('o2'))}, are $\\sigma(b_2) = {number(bias_alone)}$ but for the last "
        f"digit: the bias alone. From step 100 to step 10,000 the error only creeps from "
        f"{number(crawl[100])} to {number(crawl[10_000])}, while $\\eta = 50$ ends at "
        f"{number(histories[50.0].final_error)}."
    )
