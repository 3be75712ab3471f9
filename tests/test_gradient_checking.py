"""Checking gradients by name: central differences for every weight and bias, and how the error
of the estimate depends on the step size h."""

from __future__ import annotations

import inspect
import math
from dataclasses import replace

import pytest

from backprop_steps.examples import MAZUR, XOR
from backprop_steps.gradcheck import (
    central_difference,
    check_gradients,
    nudged,
    numerical_gradients,
    parameter_checks,
    relative_error,
    step_size_sweep,
)
from backprop_steps.problem import Problem
from backprop_steps.training import step

STEPS = tuple(10.0 ** (-k / 4) for k in range(53))


def test_parameter_checks_cover_every_weight_and_bias_in_naming_order() -> None:
    checks = parameter_checks(MAZUR.network, *MAZUR.example)
    assert [c.name for c in checks] == [f"w{i}" for i in range(1, 9)] + ["b1", "b2"]


@pytest.mark.parametrize("problem", [MAZUR, XOR], ids=["mazur", "xor"])
def test_every_central_difference_matches_backpropagation(problem: Problem) -> None:
    network, inputs, targets = problem.network, problem.inputs, problem.targets
    backprop = step(network, inputs, targets)
    for check in parameter_checks(network, inputs, targets):
        assert check.analytic == backprop.grad(check.name)
        assert check.relative_error < 1e-7, check.name
        assert check.absolute_error == abs(check.numerical - check.analytic)


def test_nudged_moves_only_the_named_parameter() -> None:
    network = MAZUR.network
    moved = nudged(network, "w7", 0.25)
    for name in [*network.names.weights, *network.names.biases]:
        expected = network.parameter(name) + (0.25 if name == "w7" else 0.0)
        assert moved.parameter(name) == expected, name
    assert nudged(network, "b1", 0.5).layers[0].biases == network.layers[0].biases + 0.5
    per_neuron = nudged(XOR.network, "b_h2", 0.5).layers[0].biases
    assert per_neuron == (XOR.network.layers[0].biases[0], XOR.network.layers[0].biases[1] + 0.5)


def test_the_taylor_remainder_shrinks_like_h_squared() -> None:
    sweep = step_size_sweep(MAZUR.network, *MAZUR.example, "w5", [1e-1, 1e-2])
    slope = math.log10(sweep.errors[0] / sweep.errors[1])
    assert slope == pytest.approx(2.0, abs=0.05)


@pytest.mark.parametrize("name", ["w1", "w5", "b1", "b2"])
def test_the_best_step_lies_between_round_off_and_the_taylor_remainder(name: str) -> None:
    network = replace(MAZUR.network, update_biases=True)
    sweep = step_size_sweep(network, *MAZUR.example, name, STEPS)
    best = sweep.errors[sweep.steps.index(sweep.best)]
    assert 1e-8 < sweep.best < 1e-2
    assert best == min(sweep.errors)
    assert best < sweep.errors[0] / 1e6  # h = 1: the Taylor remainder
    assert best < sweep.errors[-1] / 1e3  # h = 1e-13: round-off


def test_bad_step_sizes_and_names_raise_one_line_naming_the_field() -> None:
    with pytest.raises(ValueError, match=r"^h: expected a positive number, got 0\.0$"):
        central_difference(MAZUR.network, *MAZUR.example, "w5", 0.0)
    with pytest.raises(ValueError, match=r"^steps\[1\]: expected a positive number, got -1$"):
        step_size_sweep(MAZUR.network, *MAZUR.example, "w5", [1e-3, -1])
    with pytest.raises(ValueError, match=r"^steps: expected at least one step size"):
        step_size_sweep(MAZUR.network, *MAZUR.example, "w5", [])
    with pytest.raises(
        ValueError, match=r"^name: unknown weight or bias 'w9'; this network has w1, w2, "
    ):
        central_difference(MAZUR.network, *MAZUR.example, "w9", 1e-5)


def test_every_check_has_the_same_default_step() -> None:
    """The chapter reads "the default h" off check_gradients and uses it for its table."""
    defaults = {
        inspect.signature(f).parameters["h"].default
        for f in (check_gradients, numerical_gradients, parameter_checks)
    }
    assert len(defaults) == 1


def test_a_backward_pass_without_the_output_slope_fails_the_check() -> None:
    """Dropping out(1 - out) from delta_o1 gives w5 a relative error of the order of 1."""
    trace = step(MAZUR.network, *MAZUR.example)
    buggy = trace.error_derivative("o1") * trace.out("h1")
    numerical = central_difference(MAZUR.network, *MAZUR.example, "w5", 1e-5)
    assert relative_error(buggy, numerical) > 0.1
    assert relative_error(trace.grad("w5"), numerical) < 1e-7
