"""Checking your own numbers, as the page shows it: how far rounding by hand gets, and the
fields of a network file.

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from backprop_steps.activations import ACTIVATIONS, ALIASES, LayerActivation
from backprop_steps.losses import LOSS_NAMES, LOSSES
from backprop_steps.problem import FIELDS

if TYPE_CHECKING:
    from backprop_steps.check import Report
    from backprop_steps.figures import Rounding

__all__ = ["fields_table", "rounding_table"]


def rounding_table(reports: Mapping[Rounding, Report]) -> str:
    """How many numbers of a student who rounds every intermediate still match, which is the
    first to differ, and what the check makes of them, for each rounding.

    Args:
        reports: The [`check`][backprop_steps.check.check] of the student's numbers, by the
            rounding they carry.

    Returns:
        A Markdown table.

    Introduced in [Check your own calculation][check-your-own].
    """
    lines = [
        "| every intermediate rounded to | numbers that still match | first to differ | diagnosis |",
        "|---:|---:|---|---|",
    ]
    for rounding, report in reports.items():
        first = report.first_divergence
        where = f"`{first.quantity}`" if first else "none"
        named = ", ".join(sorted({f"`{d.mistake}`" for d in report.diagnoses})) or "none needed"
        lines.append(f"| {rounding} | {report.matching} of {report.checked} | {where} | {named} |")
    return "\n".join(lines)


def _activation(name: str) -> str:
    aliases = "".join(f" (or `{a}`)" for a, target in ALIASES.items() if target == name)
    last = " (last layer only)" if isinstance(ACTIVATIONS[name], LayerActivation) else ""
    return f"`{name}`{aliases}{last}"


def _loss(name: str) -> str:
    outputs = [a for loss in LOSSES if loss.name == name for a in loss.outputs or ()]
    return f"`{name}`" + (f" ({' or '.join(outputs)} outputs)" if outputs else "")


def fields_table() -> str:
    """The fields of a network file, from [`FIELDS`][backprop_steps.problem.FIELDS]: what each
    means and its default, the names of each choice spelled out.

    `inputs` and `targets` share a row, and a layer's `activation` has its own, with the
    names of every activation.

    Returns:
        A Markdown table.

    Introduced in [Check your own calculation][check-your-own].
    """
    field = {f.name: f for f in FIELDS}
    activations = ", ".join(map(_activation, ACTIVATIONS))
    lines = [
        "| field | meaning | default |",
        "|---|---|---|",
        f"| `inputs`, `targets` | {field['inputs'].description} | required |",
        f"| `layers` | {field['layers'].description} | required |",
        f"| `activation` | {activations} | required |",
    ]
    for f in FIELDS:
        if not f.required:
            meaning = ", ".join(map(_loss, LOSS_NAMES)) if f.name == "loss" else f.description
            lines.append(f"| `{f.name}` | {meaning} | `{f.text(f.default)}` |")
    return "\n".join(lines)
