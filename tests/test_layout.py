"""Display equations laid out to fit: every line of the phone layout within its budget, by the
same estimate the layout uses (the browser tests measure the real widths)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from backprop_steps.activations import LayerActivation
from backprop_steps.examples import EXAMPLES
from backprop_steps.problem import Problem
from backprop_steps.render import latex
from backprop_steps.render.layout import (
    NARROW,
    WIDE,
    aligned,
    display,
    factors,
    split_top,
    width,
)
from backprop_steps.scalar import Trace, trace
from strategies import examples, problems


def equations(step: Trace) -> list[str]:
    names = step.network.names
    found = []
    for l, layer in enumerate(step.network.layers):
        for neuron in names.neuron_names(l):
            found += [latex.net_input(step, neuron), latex.output(step, neuron)]
            found += [latex.error_derivative(step, neuron), latex.delta(step, neuron)]
            if not isinstance(layer.f, LayerActivation):
                found.append(latex.activation_derivative(step, neuron))
    found += [latex.gradient(step, w) for w in names.weights]
    found += [latex.update(step, w) for w in names.weights]
    found += [latex.bias_gradient(step, b) for b in names.biases]
    return found


def rows(block: str) -> list[str]:
    body = block.removeprefix("\\begin{aligned}\n").removesuffix("\n\\end{aligned}")
    return [row.strip() for row in body.split("\\\\\n")]


def open_groups(row: str) -> int:
    """How many parentheses a row leaves open (or closes that it did not open)."""
    return row.count("(") - row.count(")")


def assert_fits(equation: str, budget: float) -> None:
    block = aligned([equation], budget)
    lines = rows(block)
    if len(lines) == 1:
        assert width(lines[0]) <= budget
        return
    column = max(width(line.split("&", 1)[0]) for line in lines)
    for line in lines:
        right = line.split("&", 1)[1] if "&" in line else line
        assert column + width(right) <= budget + 1e-9, (budget, line)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_equation_of_the_examples_fits_a_phone_and_a_laptop(name: str) -> None:
    step = trace(EXAMPLES[name].network, *EXAMPLES[name].example)
    for equation in equations(step):
        assert_fits(equation, NARROW)
        assert_fits(equation, WIDE)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_no_equation_of_the_examples_breaks_inside_parentheses(name: str) -> None:
    step = trace(EXAMPLES[name].network, *EXAMPLES[name].example)
    for equation in equations(step):
        for budget in (NARROW, WIDE):
            for row in rows(aligned([equation], budget)):
                assert open_groups(row) == 0, (budget, row)


def test_a_product_breaks_before_its_parenthesis_on_a_phone() -> None:
    step = trace(EXAMPLES["mazur"].network, *EXAMPLES["mazur"].example)
    equation = latex.activation_derivative(step, "o1")
    assert "0.751365070(1 - 0.751365070)" in equation
    assert rows(aligned([equation], NARROW))[1:3] == [
        "&= 0.751365070",
        "&\\quad \\cdot (1 - 0.751365070)",
    ]
    assert factors(r"\left(a + b\right)\left(c + d\right) \cdot \ln(x)") == [
        r"\left(a + b\right)",
        r"\cdot \left(c + d\right)",
        r"\cdot \ln(x)",
    ]


@settings(max_examples=examples(40))
@given(problems(batch=False, max_depth=2, max_width=3))
def test_layout_keeps_every_symbol_of_the_equation(problem: Problem) -> None:
    try:
        step = trace(problem.network, *problem.example)
    except ValueError:
        return

    def flat(latex: str) -> str:
        # a product broken where it had no dot gets one: before a parenthesis or a function
        latex = re.sub(r"\\cdot\s*(?=\(|\\left\(|\\ln|\\sigma|\\exp)", "", latex)
        for mark in ("\\begin{aligned}", "\\end{aligned}", "\\\\", "&", "\\quad", "\n", " "):
            latex = latex.replace(mark, "")
        return latex

    for equation in equations(step):
        for budget in (NARROW, WIDE):
            assert flat(aligned([equation], budget)) == flat(equation)


def test_one_block_when_it_fits_everywhere_two_when_it_does_not() -> None:
    assert display("a = b") == "\n$$\na = b\n$$\n"
    long = " = ".join([" \\cdot ".join(["0.123456789"] * 3)] * 3)
    twice = display("x = " + long)
    assert twice.count("$$") == 4 and "bp-math--wide" in twice and "bp-math--narrow" in twice


def test_split_top_leaves_groups_whole() -> None:
    assert split_top("a \\cdot (b + c) + \\frac{d + e}{f}", [" + "]) == [
        "a \\cdot (b + c)",
        "+ \\frac{d + e}{f}",
    ]
