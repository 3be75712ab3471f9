r"""How numbers are written, in words for a reader: the rule of
[`display.number`][backprop_steps.display.number] with an example of each case.

The forward pass chapter and the notation page both print it, so the rule is stated in one
place and its examples are the library's own numbers.

Introduced in [The forward pass][forward-pass].
"""

from __future__ import annotations

import sys

from backprop_steps.display import DECIMALS, SIGNIFICANT, SMALL, number, scientific
from backprop_steps.figures import Rounding
from backprop_steps.published import MAZUR_TRAINING
from backprop_steps.render.latex import symbol
from backprop_steps.scalar import Trace

__all__ = ["number_rule", "shortening"]


def number_rule(step: Trace, small: float, zero_on_paper: float) -> str:
    r"""The rule, a Markdown list with the numbers of the Mazur example as its examples.

    Args:
        step: The Mazur example's step.
        small: A computed value below [`SMALL`][backprop_steps.display.SMALL]: the total error
            after 10,000 steps.
        zero_on_paper: A value that is 0 on paper but not in floating point, such as
            `0.1 + 0.2 - 0.3`.

    Returns:
        Markdown: the list, then a paragraph on what lies behind a printed number.

    Introduced in [The forward pass][forward-pass].
    """
    w1 = number(step.weight("w1"), given=True)
    rate = number(step.network.learning_rate, given=True)
    net, out = number(step.net("h1")), number(step.out("h1"))
    mantissa, _, power = scientific(small).partition("e")
    cases = [
        "A **given** value (an input, a target, a starting weight or bias, the learning rate) "
        f"is written as it was given: ${symbol('w1')} = {w1}$, $\\eta = {rate}$, never padded "
        f"with zeros to {DECIMALS} decimals, which would claim digits that nobody computed.",
        f"A **computed** value is written with **{DECIMALS} decimals**, the precision of the "
        f"Mazur post: $out_{{h1}} = {out}$. Zeros at its end are digits of the result: "
        f"$net_{{h1}} = {net}$ is exact to {DECIMALS} decimals.",
        f"A computed value **smaller than {number(SMALL, given=True)}** is written in "
        f"**scientific notation** with {SIGNIFICANT} significant digits: the total error after "
        f"10,000 training steps is {number(small)}, which reads "
        f"${mantissa} \\times 10^{{{int(power)}}}$. At {DECIMALS} decimals it would be "
        f"<del>{small:.{DECIMALS}f}</del>, a few digits behind a row of zeros, and "
        f"$0.1 + 0.2 - 0.3$, which floating-point arithmetic leaves at {number(zero_on_paper)}, "
        f"would read <del>{number(0.0)}</del> as if it were exactly zero. Zero itself is "
        f"{number(0.0)}.",
        "A quantity read for its **power of ten** (the gap between two ways of computing one "
        "gradient, a step size, a tolerance) is written in the same scientific form whatever its "
        f"size: the gap between 1 and the next double is {scientific(sys.float_info.epsilon)}.",
        "A count, a ratio or a percentage said in a sentence (how many times smaller one error "
        "is than another, an accuracy) is not a value of the network: it keeps the few digits "
        "the sentence needs.",
        "Where a page compares ours with a figure that a post prints at another precision (the "
        "Mazur post writes its final error as "
        f"{MAZUR_TRAINING['error after 10,000 steps']}, at 10 decimals; the neuralblog post "
        "writes 5), it says so and writes ours at that precision too.",
    ]
    return "\n".join(
        [
            *(f"- {case}" for case in cases),
            "",
            "Behind every printed value the full double-precision value is kept, and every "
            "result is computed from the full values, so multiplying printed numbers by hand can "
            "differ from a printed result in the last digit. The calculator, the answer key and "
            "the tables of the command line write numbers by the same rule; their JSON output "
            "keeps every digit.",
        ]
    )


def shortening(value: float, digits: int) -> str:
    """*Rounded* and *truncated* in words, with a value shortened both ways.

    Introduced in [Notation][notation].
    """
    rounded, truncated = Rounding(digits).written(value), Rounding(digits, rule="truncation")
    return (
        f"A number **rounded** to {digits} decimals is the nearest number with {digits} "
        f"decimals: {number(value)} rounded is {rounded}. **Truncated** to {digits} decimals, "
        f"its further digits are cut off: {truncated.written(value)}. On this site *truncated* "
        "always means digits cut, as the checker's rule `truncation` does, never the error of "
        "an approximation."
    )
