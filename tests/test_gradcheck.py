"""Backpropagation against central finite differences, on random networks of every kind."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given, settings

from backprop_steps.gradcheck import check_gradients, relative_error
from backprop_steps.problem import Problem
from backprop_steps.scalar import forward
from backprop_steps.vectorized import forward as batch_forward
from strategies import examples, problems

TOLERANCE = 1e-5


def away_from_kinks(problem: Problem) -> bool:
    """ReLU has no slope at 0 and saturated outputs make differences meaningless: skip those."""
    rows = problem.inputs if problem.batched else (problem.inputs,)
    NET, OUT = batch_forward(problem.network, rows)
    for layer, net, out in zip(problem.network.layers, NET, OUT, strict=True):
        if layer.activation in ("relu", "leaky_relu") and (abs(net) < 1e-3).any():
            return False
        if layer.activation in ("sigmoid", "logistic", "softmax") and (
            (out < 1e-6).any() or (out > 1 - 1e-6).any()
        ):
            return False
    if problem.network.loss == "huber":  # its second derivative jumps where |target - out| = 1
        Y = np.array(problem.targets if problem.batched else [problem.targets])
        if (abs(abs(Y - OUT[-1]) - 1.0) < 1e-3).any():
            return False
    return True


@settings(max_examples=examples(150))
@given(problems(batch=False))
def test_single_example_gradients_match_finite_differences(problem: Problem) -> None:
    assume(away_from_kinks(problem))
    check = check_gradients(problem.network, problem.inputs, problem.targets)
    assert check.max_relative_error < TOLERANCE


@settings(max_examples=examples(100))
@given(problems(batch=True))
def test_batch_gradients_match_finite_differences(problem: Problem) -> None:
    assume(away_from_kinks(problem))
    check = check_gradients(problem.network, problem.inputs, problem.targets)
    assert check.max_relative_error < TOLERANCE


@settings(max_examples=examples(60))
@given(problems(batch=False, loss="cross_entropy", max_depth=2))
def test_cross_entropy_gradients_match_finite_differences(problem: Problem) -> None:
    assume(away_from_kinks(problem))
    check = check_gradients(problem.network, problem.inputs, problem.targets)
    assert check.max_relative_error < TOLERANCE


def test_relative_error_is_zero_for_equal_and_about_one_for_opposite() -> None:
    assert relative_error(0.5, 0.5) == 0.0
    assert relative_error(0.5, -0.5) == 1.0
    assert relative_error(1e-12, 0.0) < 1e-5  # both negligible


def test_a_planted_sign_error_is_caught(monkeypatch: object) -> None:
    import backprop_steps.scalar as scalar
    from backprop_steps.examples import MAZUR

    original = scalar.weight_gradient
    monkeypatch.setattr(scalar, "weight_gradient", lambda d, x: -original(d, x))  # type: ignore[attr-defined]
    check = check_gradients(MAZUR.network, MAZUR.inputs, MAZUR.targets)
    assert check.max_relative_error > 0.5
    assert forward(MAZUR.network, MAZUR.inputs)[-1].out  # forward pass unaffected
