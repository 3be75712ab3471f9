"""The NumPy engine against the pure-Python core, and the bridge between their names."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from backprop_steps.examples import MAZUR, NEURALBLOG
from backprop_steps.problem import Problem
from backprop_steps.scalar import trace
from backprop_steps.vectorized import parameters
from backprop_steps.vectorized import trace as batch_trace
from strategies import examples, problems


def test_bridge_w_h_is_w1_w2_w3_w4_in_the_mazur_naming() -> None:
    W, b = parameters(MAZUR.network)
    step = trace(MAZUR.network, *MAZUR.example)
    W_h, W_o = W
    assert W_h.tolist() == [
        [step.weight("w1"), step.weight("w2")],
        [step.weight("w3"), step.weight("w4")],
    ]
    assert W_o.tolist() == [
        [step.weight("w5"), step.weight("w6")],
        [step.weight("w7"), step.weight("w8")],
    ]
    assert b == [0.35, 0.6]


def test_bridge_in_the_neuralblog_naming_puts_w3_beside_w1() -> None:
    W, _ = parameters(NEURALBLOG.network)
    step = trace(NEURALBLOG.network, *NEURALBLOG.example)
    assert W[0].tolist() == [
        [step.weight("w1"), step.weight("w3")],
        [step.weight("w2"), step.weight("w4")],
    ]


def assert_agree(problem: Problem, order: str = "simultaneous") -> None:
    step = trace(problem.network, *problem.example, order=order)
    batch = batch_trace(problem.network, [problem.inputs], [problem.targets], order=order)
    tol = {"rtol": 1e-12, "atol": 1e-12}
    for values, NET, OUT in zip(step.layers, batch.NET, batch.OUT, strict=True):
        np.testing.assert_allclose(NET[0], values.net, **tol)
        np.testing.assert_allclose(OUT[0], values.out, **tol)
    np.testing.assert_allclose(batch.errors[0], step.errors, **tol)
    assert batch.total_error == pytest.approx(step.total_error, rel=1e-12, abs=1e-12)
    for d, D in zip(step.deltas, batch.deltas, strict=True):
        np.testing.assert_allclose(D[0], d, **tol)
    for g, G in zip(step.gradients.weights, batch.gradients.weights, strict=True):
        np.testing.assert_allclose(G, g, **tol)
    for g, G in zip(step.gradients.biases, batch.gradients.biases, strict=True):
        np.testing.assert_allclose(G, g, **tol)
    for name in [*problem.network.names.weights, *problem.network.names.biases]:
        assert batch.grad(name) == pytest.approx(step.grad(name), rel=1e-12, abs=1e-12)
        assert batch.new(name) == pytest.approx(step.new(name), rel=1e-12, abs=1e-12)
    for a, b in zip(step.updated.layers, batch.updated.layers, strict=True):
        np.testing.assert_allclose(b.weights, a.weights, **tol)
        np.testing.assert_allclose(b.biases, a.biases, **tol)


@pytest.mark.parametrize("order", ["simultaneous", "sequential"])
@pytest.mark.parametrize("problem", [MAZUR, NEURALBLOG], ids=["mazur", "neuralblog"])
def test_engines_agree_on_the_presets(problem: Problem, order: str) -> None:
    assert_agree(problem, order)


@settings(max_examples=examples(200))
@given(problems(batch=False))
def test_engines_agree_on_random_networks(problem: Problem) -> None:
    assert_agree(problem)
    assert_agree(problem, "sequential")


@settings(max_examples=examples(50))
@given(problems(batch=True))
def test_mean_reduction_averages_the_per_example_gradients(problem: Problem) -> None:
    batch = batch_trace(problem.network, problem.inputs, problem.targets)
    steps = [trace(problem.network, x, t) for x, t in zip(problem.inputs, problem.targets)]
    scale = 1 / len(steps) if problem.network.reduction == "mean" else 1.0
    totals = [s.total_error for s in steps]
    assert batch.total_error == pytest.approx(sum(totals) * scale, rel=1e-12, abs=1e-12)
    for l, G in enumerate(batch.gradients.weights):
        expected = sum(np.array(s.gradients.weights[l]) for s in steps) * scale
        np.testing.assert_allclose(G, expected, rtol=1e-10, atol=1e-12)
    for l, D in enumerate(batch.deltas):
        expected = np.array([s.deltas[l] for s in steps]) * scale
        np.testing.assert_allclose(D, expected, rtol=1e-10, atol=1e-12)


def test_a_batch_trace_answers_by_name_like_a_trace() -> None:
    x, t = MAZUR.example
    batch = batch_trace(MAZUR.network, [x, x], [t, t])
    single = trace(MAZUR.network, x, t)
    assert batch.net("h1").tolist() == pytest.approx([single.net("h1")] * 2)
    assert batch.out("o2").tolist() == pytest.approx([single.out("o2")] * 2)
    assert batch.error("o1").tolist() == pytest.approx([single.error("o1")] * 2)
    assert batch.delta("o1").tolist() == pytest.approx([single.delta("o1") / 2] * 2)  # mean
    with pytest.raises(ValueError, match=r"^neuron: 'i1' is an input"):
        batch.delta("i1")
    with pytest.raises(ValueError, match=r"^targets: expected 2 rows"):
        batch_trace(MAZUR.network, [x, x], [t, t, t])
