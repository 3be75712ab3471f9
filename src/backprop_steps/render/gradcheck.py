r"""The gradient check written out: the relative error, the step-size sweeps, float32 against
float64.

Each function takes what [`gradcheck`][backprop_steps.gradcheck] returns (sweeps, estimates) and
writes a formula, a table or the sentences that read it.

Introduced in [Checking gradients][gradient-checking].
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from backprop_steps.display import number, scientific
from backprop_steps.gradcheck import GradientCheck, StepSizeSweep, relative_error
from backprop_steps.render.latex import symbol
from backprop_steps.render.tables import html_table

__all__ = [
    "agreement_sentence",
    "power",
    "precision_table",
    "relative_error_formula",
    "sweep_summary",
    "sweep_table",
]

Range = tuple[float, float]
"""Two step sizes, the larger first, between which a slope is measured."""


def power(x: float) -> str:
    r"""LaTeX for a positive number as a power of ten: `1e-05` is $10^{-5}$.

    Examples:
        >>> power(1e-05), power(1.0), power(2.5e-3)
        ('10^{-5}', '1', '2.5 \\times 10^{-3}')

    Introduced in [Checking gradients][gradient-checking].
    """
    k = math.floor(math.log10(x))
    mantissa = x / 10.0**k
    if not math.isclose(mantissa, 1.0):
        return rf"{mantissa:g} \times 10^{{{k}}}"
    return "1" if k == 0 else f"10^{{{k}}}"


def agreement_sentence(check: GradientCheck) -> str:
    """The largest relative difference of a gradient check, in a sentence that says whether it
    is under one part in ten million.

    Examples:
        >>> from backprop_steps import MAZUR, check_gradients
        >>> print(agreement_sentence(check_gradients(MAZUR.network, *MAZUR.example))[:64])
        The largest relative difference, over every weight and bias, is

    Introduced in [The hidden layer][hidden-layer].
    """
    largest = check.max_relative_error
    under = largest < 1e-7
    return (
        f"The largest relative difference, over every weight and bias, is "
        f"{scientific(largest)}: {'less' if under else 'more'} than one part in ten million."
    )


def relative_error_formula(floor: float) -> str:
    r"""The [`relative_error`][backprop_steps.gradcheck.relative_error] of two gradients, with
    its floor, in LaTeX.

    Introduced in [Checking gradients][gradient-checking].
    """
    return (
        r"\text{relative error} = \frac{|g_{bp} - g_{num}|}"
        rf"{{\max(|g_{{bp}}| + |g_{{num}}|,\ {power(floor)})}}"
    )


def sweep_table(sweeps: Sequence[StepSizeSweep], default: float, large: Range, small: Range) -> str:
    """Per parameter: the slopes of the error for large and small step sizes, the best step
    size, its error, and the error at the default.

    Args:
        sweeps: One sweep per parameter.
        default: The default step size, one of the sweeps' steps.
        large: The large step sizes between which the slope of the Taylor remainder is measured.
        small: The small ones, for the round-off slope.

    Returns:
        The HTML table (a card per parameter on a phone).

    Introduced in [Checking gradients][gradient-checking].
    """
    rows = [
        [
            f"${symbol(sweep.name)}$",
            f"{sweep.slope(*large):.2f}",
            f"{sweep.slope(*small):.2f}",
            scientific(sweep.best),
            scientific(sweep.error_at(sweep.best)),
            scientific(sweep.error_at(default)),
        ]
        for sweep in sweeps
    ]
    headings = [
        "parameter",
        "slope, large h",
        "slope, small h",
        "best h",
        "error there",
        f"error at the default h, {default:g}",
    ]
    return html_table(headings, rows, "bp-stacked", numeric={1, 2, 3, 4, 5})


def sweep_summary(
    sweeps: Sequence[StepSizeSweep], default: float, large: Range, small: Range
) -> str:
    """What the sweeps show: the two slopes, and how far the default step size is from the best.

    Args:
        sweeps: One sweep per parameter.
        default: The default step size, one of the sweeps' steps.
        large: The large step sizes between which the slope of the Taylor remainder is measured.
        small: The small ones, for the round-off slope.

    Returns:
        Two paragraphs of Markdown.

    Introduced in [Checking gradients][gradient-checking].
    """
    right = [sweep.slope(*large) for sweep in sweeps]
    left = [sweep.slope(*small) for sweep in sweeps]
    off = max(sweeps, key=lambda s: s.error_at(default) / s.error_at(s.best))
    margin = min(abs(s.analytic) / s.error_at(default) for s in sweeps)
    return (
        f"The slopes on the right, ${min(right):.2f}$ to ${max(right):.2f}$, are the $h^2$ of "
        "the Taylor remainder. On the left the error grows as $h$ shrinks, with slopes between "
        f"${max(left):.1f}$ and ${min(left):.1f}$ here: roughly like $\\frac{{1}}{{h}}$ (a slope "
        "of $-1$) or somewhat faster, and ragged, with the scatter of rounding. The best $h$ "
        "sits between the two and differs from parameter to parameter, since it depends on how "
        "curved the error is along each one.\n\n"
        "The default $h$ of [`check_gradients`][backprop_steps.gradcheck.check_gradients] is not "
        "at the bottom of every curve: its error (the last column) is up to "
        f"{off.error_at(default) / off.error_at(off.best):.0f} times the smallest, for "
        f"${symbol(off.name)}$. Yet it stays more than "
        f"$10^{{{math.floor(math.log10(margin))}}}$ times smaller than the gradient itself, far "
        "below anything a wrong backward pass would produce."
    )


def precision_table(
    name: str,
    analytic: float,
    default: float,
    float64: float,
    float32: float,
    eps32_root: float,
    float32_at_root: float,
) -> str:
    r"""One central difference in `float64` and in `float32`, against backpropagation's gradient.

    Args:
        name: The parameter, such as `w5`.
        analytic: Its gradient from backpropagation.
        default: The default step size $h$.
        float64: The central difference at the default $h$ in `float64`.
        float32: The same in `float32`.
        eps32_root: $\sqrt[3]{\varepsilon}$ of `float32`, the step size that suits it.
        float32_at_root: The central difference in `float32` at that step size.

    Returns:
        The HTML table (a card per row on a phone), a blank line and the sentence that reads it.

    Introduced in [Checking gradients][gradient-checking].
    """
    at_default = f"${power(default)}$ (the default)"
    estimates = [
        ("`float64`", at_default, float64),
        ("`float32`", at_default, float32),
        ("`float32`", rf"$\sqrt[3]{{\varepsilon}}$, {scientific(eps32_root)}", float32_at_root),
    ]
    errors = [relative_error(analytic, g) for *_, g in estimates]
    rows = [
        [label, h, number(g), scientific(e)]
        for (label, h, g), e in zip(estimates, errors, strict=True)
    ]
    headings = ["floats", "h", f"central difference for {name}", "relative error"]
    e64, e32, e32_root = errors
    return (
        html_table(headings, rows, "bp-stacked", numeric={2, 3})
        + f"\n\nAt the default $h$, the relative error in `float32` is {scientific(e32)}, "
        f"$10^{{{round(math.log10(e32 / e64))}}}$ times that in `float64`: a check that expects "
        "double-precision agreement would call this correct gradient wrong. At "
        rf"$h \approx \sqrt[3]{{\varepsilon}}$ of `float32` it falls to {scientific(e32_root)}."
    )
