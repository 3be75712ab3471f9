"""Training equals repeated traces, to the last bit; the update orders differ as described."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings

from backprop_steps.examples import MAZUR
from backprop_steps.network import DIVERGED
from backprop_steps.problem import Problem
from backprop_steps.scalar import trace
from backprop_steps.training import train, train_step
from backprop_steps.vectorized import train as batch_train
from strategies import examples, problems


@settings(max_examples=examples(150))
@given(problems(batch=False))
def test_train_repeats_trace_exactly(problem: Problem) -> None:
    for order in ("simultaneous", "sequential"):
        network, errors = problem.network, []
        try:
            for _ in range(3):
                step = trace(network, *problem.example, order=order)
                errors.append(step.total_error)
                network = step.updated
        except ValueError as error:
            assert str(error) == DIVERGED
            with pytest.raises(ValueError, match=r"^learning_rate: training diverged"):
                train(problem.network, *problem.example, steps=3, order=order)
            continue
        assume(all(math.isfinite(e) for e in errors))  # NaN != NaN
        history = train(problem.network, *problem.example, steps=3, order=order)
        assert list(history.errors[:3]) == errors
        assert history.network == network
        assert len(history.errors) == 4


def test_train_step_is_the_traced_update() -> None:
    assert train_step(MAZUR.network, *MAZUR.example) == trace(MAZUR.network, *MAZUR.example).updated


def test_sequential_order_uses_new_output_weights_for_hidden_deltas() -> None:
    simultaneous = trace(MAZUR.network, *MAZUR.example)
    sequential = trace(MAZUR.network, *MAZUR.example, order="sequential")
    assert sequential.gradients.weights[1] == simultaneous.gradients.weights[1]
    assert sequential.gradients.weights[0] != simultaneous.gradients.weights[0]
    new_w5, new_w7 = sequential.new("w5"), sequential.new("w7")
    expected = sequential.delta("o1") * new_w5 + sequential.delta("o2") * new_w7
    assert sequential.error_derivative("h1") == pytest.approx(expected, rel=1e-15)


def test_zero_steps_gives_the_starting_error_only() -> None:
    history = train(MAZUR.network, *MAZUR.example, steps=0)
    assert history.errors == (trace(MAZUR.network, *MAZUR.example).total_error,)
    assert history.network == MAZUR.network


@pytest.mark.parametrize("steps", [-1, 1.5, True])
def test_bad_step_counts_are_refused(steps: object) -> None:
    with pytest.raises(ValueError, match=r"^steps: "):
        train(MAZUR.network, *MAZUR.example, steps=steps)  # type: ignore[arg-type]


def test_divergence_is_a_clear_error() -> None:
    from backprop_steps.network import Layer, Network

    wild = Network((Layer([[1.0]], 0.0, "identity"),), learning_rate=1e300)
    with pytest.raises(ValueError, match=r"^learning_rate: training diverged"):
        train(wild, [1e10], [0.0], steps=5)
    with pytest.raises(ValueError, match=r"^learning_rate: training diverged"):
        trace(wild, [1e10], [0.0])
    with pytest.raises(ValueError, match=r"^learning_rate: training diverged"):
        batch_train(wild, [[1e10]], [[0.0]], 5)


def test_unknown_order_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^order: "):
        train(MAZUR.network, *MAZUR.example, steps=1, order="random")


@settings(max_examples=examples(40))
@given(problems(batch=True))
def test_batch_training_records_every_step(problem: Problem) -> None:
    try:
        batch = batch_train(problem.network, problem.inputs, problem.targets, 3)
    except ValueError as error:
        assert str(error) == DIVERGED
        return
    assert len(batch.errors) == 4
    assume(all(math.isfinite(e) for e in batch.errors))  # NaN != NaN
    history = train(problem.network, problem.inputs, problem.targets, steps=3)
    assert history == batch  # train hands a batch to the NumPy engine


def test_a_single_example_trains_the_same_in_both_engines() -> None:
    python = train(MAZUR.network, *MAZUR.example, steps=200)
    numpy = batch_train(MAZUR.network, [MAZUR.inputs], [MAZUR.targets], 200)
    assert isinstance(numpy, type(python))  # both engines return a History
    assert numpy.errors == pytest.approx(python.errors, rel=1e-10)
    assert numpy.outputs[0] == pytest.approx(python.outputs, rel=1e-10)
