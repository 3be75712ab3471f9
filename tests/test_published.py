"""The posts' printed figures against the library, and the classification of each."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from backprop_steps.examples import MAZUR, NEURALBLOG
from backprop_steps.figures import AGREEMENTS, agreement, decimals
from backprop_steps.published import (
    MAZUR_FIGURES,
    MAZUR_TRAINING,
    NEURALBLOG_FIGURES,
    companion_line,
    tally,
)
from backprop_steps.scalar import trace
from backprop_steps.training import train


@pytest.mark.parametrize(
    ("printed", "value", "expected"),
    [
        ("0.3775", 0.3775, "exact"),
        ("0.75136507", 0.7513650695523157, "rounding"),
        ("0.45187", 0.451878125, "truncation"),
        ("0.23456", 0.234563602, "ambiguous"),  # rounding and truncation both give it
        ("-0.00049", -0.000491642, "ambiguous"),  # truncation is towards zero
        ("-0.01760", -0.017606526, "truncation"),
        ("-0.01761", -0.017606526, "rounding"),
        ("-0.019049119", -0.019049118258, "wrong"),
        ("0.12", 0.5, "wrong"),
    ],
)
def test_agreement_classifies_printed_figures(printed: str, value: float, expected: str) -> None:
    assert agreement(printed, value) == expected


@given(
    st.floats(-10, 10, allow_nan=False).filter(lambda v: abs(v) > 1e-6),
    st.integers(1, 9),
)
def test_a_figure_is_rounding_or_truncation_only_when_the_other_differs(
    value: float, places: int
) -> None:
    rounded = f"{value:.{places}f}"  # Python rounds the exact binary value, ties to even
    whole, _, digits = f"{Decimal(value):f}".partition(".")
    truncated = f"{whole}.{digits.ljust(places, '0')[:places]}"
    for figure in (rounded, truncated):
        assume(not math.isclose(float(figure), value, rel_tol=1e-12, abs_tol=1e-15))
    if Decimal(rounded) == Decimal(truncated):
        assert agreement(rounded, value) == "ambiguous"
    else:
        assert agreement(rounded, value) == "rounding"
        assert agreement(truncated, value) == "truncation"


def test_tally_counts_every_figure_once_under_every_kind() -> None:
    step = trace(NEURALBLOG.network, *NEURALBLOG.example)
    counts = tally(NEURALBLOG_FIGURES, step)
    assert tuple(counts) == AGREEMENTS
    assert sum(counts.values()) == len(NEURALBLOG_FIGURES)


def test_decimals_keeps_trailing_zeros() -> None:
    assert decimals("0.08020") == 5
    assert decimals("2") == 0


@pytest.mark.parametrize("figure", MAZUR_FIGURES, ids=lambda f: f.symbol)
def test_every_mazur_figure_is_the_value_rounded_or_has_a_stated_cause(figure: object) -> None:
    step = trace(MAZUR.network, *MAZUR.example)
    kind = agreement(figure.printed, figure.value(step))  # type: ignore[attr-defined]
    if figure.cause:  # type: ignore[attr-defined]
        assert kind == "wrong"
    else:
        assert kind in ("exact", "rounding", "ambiguous")


def test_mazur_rounds_where_rounding_and_truncation_differ() -> None:
    counts = tally(MAZUR_FIGURES, trace(MAZUR.network, *MAZUR.example))
    assert counts["rounding"] > 0
    assert counts["truncation"] == 0


def test_the_stated_cause_of_the_mazur_outlier_reproduces_it() -> None:
    step = trace(MAZUR.network, *MAZUR.example)
    (outlier,) = [f for f in MAZUR_FIGURES if f.cause]
    assert outlier.printed == "-0.019049119"
    assert f"{round(step.delta('o2'), 9) * step.weight('w7'):.9f}" == outlier.printed


@pytest.mark.parametrize("figure", NEURALBLOG_FIGURES, ids=lambda f: f.symbol)
def test_every_neuralblog_figure_is_the_value_truncated(figure: object) -> None:
    step = trace(NEURALBLOG.network, *NEURALBLOG.example)
    kind = agreement(figure.printed, figure.value(step))  # type: ignore[attr-defined]
    assert kind in ("exact", "ambiguous", "truncation")


def test_neuralblog_truncates_where_the_issue_says() -> None:
    step = trace(NEURALBLOG.network, *NEURALBLOG.example)
    kinds = {f.printed: agreement(f.printed, f.value(step)) for f in NEURALBLOG_FIGURES}
    for printed in ("0.45187", "0.19919", "0.29667", "0.39597"):
        assert kinds[printed] == "truncation"


def test_mazur_training_claims_follow_the_sequential_order() -> None:
    sequential = train(MAZUR.network, *MAZUR.example, steps=10_000, order="sequential")
    simultaneous = train(MAZUR.network, *MAZUR.example, steps=10_000)
    claims = MAZUR_TRAINING
    assert agreement(claims["error after the first step"], sequential.errors[1]) == "rounding"
    assert agreement(claims["error after the first step"], simultaneous.errors[1]) == "wrong"
    assert agreement(claims["out_o1 after 10,000 steps"], sequential.outputs[0]) == "ambiguous"
    assert agreement(claims["out_o2 after 10,000 steps"], sequential.outputs[1]) == "ambiguous"
    assert agreement(claims["out_o1 after 10,000 steps"], simultaneous.outputs[0]) == "wrong"
    published_final = claims["error after 10,000 steps"]
    assert agreement(published_final, simultaneous.errors[9_999]) == "ambiguous"
    assert agreement(published_final, simultaneous.errors[10_000]) == "wrong"
    assert agreement(published_final, sequential.errors[10_000]) == "wrong"


def _companion_code(steps: int, before_the_commit: bool) -> list[str]:
    """The companion code's training loop, written out again from its `neural-network.py`
    (before and from commit 4b6faac): per neuron, the weights as lists, the biases frozen, and
    each step's line `print(i, round(error, 9))`."""
    hidden, output = [[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.55]]
    x, t, rate = [0.05, 0.1], [0.01, 0.99], 0.5

    def forward() -> tuple[list[float], list[float]]:
        h = [1 / (1 + math.exp(-(sum(w * v for w, v in zip(ws, x)) + 0.35))) for ws in hidden]
        o = [1 / (1 + math.exp(-(sum(w * v for w, v in zip(ws, h)) + 0.6))) for ws in output]
        return h, o

    lines = []
    for i in range(steps):
        h, o = forward()
        deltas = [-(t[j] - o[j]) * o[j] * (1 - o[j]) for j in range(2)]
        new_output = [
            [w - rate * deltas[j] * h[k] for k, w in enumerate(output[j])] for j in range(2)
        ]
        if before_the_commit:  # the output weights are written back before the hidden deltas
            output = new_output
        for k in range(2):
            share = sum(deltas[j] * output[j][k] for j in range(2))
            hidden[k] = [
                w - rate * share * h[k] * (1 - h[k]) * x[m] for m, w in enumerate(hidden[k])
            ]
        output = new_output
        _, o = forward()
        error = sum(0.5 * (t[j] - o[j]) ** 2 for j in range(2))
        lines.append(f"{i} {round(error / 2 if before_the_commit else error, 9)!r}")
    return lines


def test_companion_line_prints_what_the_companion_code_printed_before_and_from_4b6faac() -> None:
    sequential = train(MAZUR.network, *MAZUR.example, steps=10_000, order="sequential")
    simultaneous = train(MAZUR.network, *MAZUR.example, steps=10_000)
    before, after = _companion_code(10_000, True), _companion_code(10_000, False)
    for steps in (1, 2, 9_999, 10_000):
        assert companion_line(sequential, steps) == before[steps - 1]
        assert companion_line(simultaneous, steps, outputs=1) == after[steps - 1]
    assert (before[0], before[-1]) == ("0 0.145513962", "9999 1.7542e-05")  # the issue's figures
