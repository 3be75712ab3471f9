"""Mini-batch training: its two ends are online and full-batch training; mean and sum differ by η."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import assume, given, settings

from backprop_steps.examples import MAZUR
from backprop_steps.network import DIVERGED
from backprop_steps.problem import Problem
from backprop_steps.results import EpochHistory
from backprop_steps.scalar import loss as example_loss
from backprop_steps.training import train, train_minibatches, train_step
from backprop_steps.vectorized import random_network
from strategies import examples, problems

X = [(0.05, 0.10), (0.10, 0.05), (0.20, 0.90), (0.70, 0.30), (0.40, 0.45), (0.95, 0.50)]
Y = [(0.01, 0.99), (0.99, 0.01), (0.01, 0.99), (0.99, 0.01), (0.01, 0.99), (0.99, 0.01)]


def assert_same_network(a: object, b: object, rel: float = 1e-12) -> None:
    for layer_a, layer_b in zip(a.layers, b.layers, strict=True):  # type: ignore[attr-defined]
        np.testing.assert_allclose(layer_a.weights, layer_b.weights, rtol=rel, atol=rel)
        np.testing.assert_allclose(layer_a.biases, layer_b.biases, rtol=rel, atol=rel)


def test_one_batch_of_everything_is_full_batch_training_exactly() -> None:
    history = train_minibatches(MAZUR.network, X, Y, batch_size=len(X), epochs=20, seed=None)
    full = train(MAZUR.network, X, Y, steps=20)
    assert history.errors == full.errors
    assert history.network == full.network
    assert history.steps == 20


def test_shuffling_does_not_change_a_full_batch_step_beyond_rounding() -> None:
    shuffled = train_minibatches(MAZUR.network, X, Y, batch_size=len(X), epochs=20, seed=3)
    full = train(MAZUR.network, X, Y, steps=20)
    assert shuffled.errors == pytest.approx(full.errors, rel=1e-12)
    assert_same_network(shuffled.network, full.network)


def test_batches_of_one_in_order_are_online_training() -> None:
    history = train_minibatches(MAZUR.network, X, Y, batch_size=1, epochs=3, seed=None)
    network, errors = MAZUR.network, [sum(example_loss(MAZUR.network, x, t) for x, t in zip(X, Y))]
    for _ in range(3):
        for x, t in zip(X, Y):
            network = train_step(network, x, t)  # the pure-Python engine, one example at a time
        errors.append(sum(example_loss(network, x, t) for x, t in zip(X, Y)))
    assert history.steps == 3 * len(X)
    assert_same_network(history.network, network)
    assert [e * len(X) for e in history.errors] == pytest.approx(errors, rel=1e-12)  # mean


def test_sum_with_rate_equals_mean_with_rate_times_batch_size() -> None:
    summed = replace(MAZUR.network, reduction="sum")
    mean = replace(MAZUR.network, learning_rate=MAZUR.network.learning_rate * 3)
    by_sum = train_minibatches(summed, X, Y, batch_size=3, epochs=10, seed=7)
    by_mean = train_minibatches(mean, X, Y, batch_size=3, epochs=10, seed=7)
    assert_same_network(by_sum.network, by_mean.network, rel=1e-10)
    # the losses themselves differ by the number of examples: a sum over 6, a mean over 6
    assert [e / len(X) for e in by_sum.errors] == pytest.approx(by_mean.errors, rel=1e-10)


def test_a_last_batch_that_is_short_is_still_an_update() -> None:
    history = train_minibatches(MAZUR.network, X, Y, batch_size=4, epochs=5)
    assert history.steps == 5 * 2  # 4 + 2 examples per epoch
    big = train_minibatches(MAZUR.network, X, Y, batch_size=100, epochs=5, seed=None)
    assert big.steps == 5
    assert big.network == train(MAZUR.network, X, Y, steps=5).network


def test_the_same_seed_gives_the_same_history_and_another_seed_does_not() -> None:
    a = train_minibatches(MAZUR.network, X, Y, batch_size=2, epochs=5, seed=1)
    b = train_minibatches(MAZUR.network, X, Y, batch_size=2, epochs=5, seed=1)
    c = train_minibatches(MAZUR.network, X, Y, batch_size=2, epochs=5, seed=2)
    assert a == b
    assert isinstance(a, EpochHistory)
    assert a.errors != c.errors


def test_zero_epochs_records_the_starting_loss_only() -> None:
    history = train_minibatches(MAZUR.network, X, Y, batch_size=2, epochs=0)
    assert history.errors == (train(MAZUR.network, X, Y, steps=0).final_error,)
    assert history.network == MAZUR.network
    assert history.final_error == history.errors[0]


@settings(max_examples=examples(40))
@given(problems(batch=True))
def test_full_batch_equals_train_on_random_networks(problem: Problem) -> None:
    n = len(problem.inputs)
    try:
        full = train(problem.network, problem.inputs, problem.targets, steps=3)
    except ValueError as error:
        assert str(error) == DIVERGED
        with pytest.raises(ValueError, match=r"^learning_rate: training diverged"):
            train_minibatches(problem.network, problem.inputs, problem.targets, n, 3, seed=None)
        return
    assume(all(math.isfinite(e) for e in full.errors))  # NaN != NaN
    history = train_minibatches(problem.network, problem.inputs, problem.targets, n, 3, seed=None)
    assert history.errors == full.errors
    assert history.network == full.network


@pytest.mark.parametrize(
    ("field", "arguments"),
    [
        ("batch_size", {"batch_size": 0}),
        ("batch_size", {"batch_size": 1.5}),
        ("batch_size", {"batch_size": True}),
        ("epochs", {"epochs": -1}),
        ("seed", {"seed": -2}),
        ("seed", {"seed": "zero"}),
    ],
)
def test_bad_arguments_are_refused_naming_the_field(
    field: str, arguments: dict[str, object]
) -> None:
    given_ = {"batch_size": 2, "epochs": 1, "seed": 0, **arguments}
    with pytest.raises(ValueError, match=rf"^{field}: expected a whole number"):
        train_minibatches(MAZUR.network, X, Y, **given_)  # type: ignore[arg-type]


def test_rows_of_inputs_and_targets_must_match() -> None:
    with pytest.raises(ValueError, match=r"^targets: expected 6 rows"):
        train_minibatches(MAZUR.network, X, Y[:5], batch_size=2, epochs=1)


def test_random_network_draws_glorot_uniform_weights_and_zero_biases() -> None:
    network = random_network((64, 32, 10), ("relu", "softmax"), seed=0, loss="cross_entropy")
    W_h = np.array(network.layers[0].weights)
    assert W_h.shape == (32, 64)
    assert np.abs(W_h).max() <= math.sqrt(6 / (64 + 32))
    assert network.layers[1].biases == (0.0,) * 10
    assert random_network((2, 2, 1), ("sigmoid", "sigmoid"), seed=5) == random_network(
        (2, 2, 1), ("sigmoid", "sigmoid"), seed=5
    )
    with pytest.raises(ValueError, match=r"^activations: expected 2 names"):
        random_network((2, 2, 1), ("sigmoid",))
