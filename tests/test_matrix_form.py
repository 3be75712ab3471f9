"""The matrix form: the NumPy engine's arrays against the scalar trace, entry by entry, and the
matrix formulas of the chapter against the engine, on one example and on batches."""

from __future__ import annotations

import numpy as np
import pytest

from backprop_steps import vectorized
from backprop_steps.examples import MAZUR, NEURALBLOG
from backprop_steps.network import MAZUR_NAMING, NEURALBLOG_NAMING
from backprop_steps.problem import Problem
from backprop_steps.scalar import trace

EXAMPLES = [MAZUR, NEURALBLOG]


def sigmoid(A: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-A))


@pytest.mark.parametrize("problem", EXAMPLES, ids=["mazur", "neuralblog"])
def test_every_entry_of_the_numpy_step_is_the_scalar_traces_value(problem: Problem) -> None:
    step = trace(problem.network, *problem.example)
    batch = vectorized.trace(problem.network, [problem.inputs], [problem.targets])
    names = problem.network.names
    for neuron, (l, j) in names.neurons.items():
        if l < 0:
            continue
        assert batch.NET[l][0, j] == pytest.approx(step.net(neuron), abs=1e-15)
        assert batch.OUT[l][0, j] == pytest.approx(step.out(neuron), abs=1e-15)
        assert batch.deltas[l][0, j] == pytest.approx(step.delta(neuron), abs=1e-15)
    for name in [*names.weights, *names.biases]:
        assert batch.grad(name) == pytest.approx(step.grad(name), abs=1e-15), name
        assert batch.new(name) == pytest.approx(step.new(name), abs=1e-15), name


def test_w_h_has_one_row_per_receiving_neuron_in_the_mazur_naming() -> None:
    (W_h, W_o), _ = vectorized.parameters(MAZUR.network)
    step = trace(MAZUR.network, *MAZUR.example)
    weight = step.weight
    assert W_h.tolist() == [[weight("w1"), weight("w2")], [weight("w3"), weight("w4")]]
    assert W_o.tolist() == [[weight("w5"), weight("w6")], [weight("w7"), weight("w8")]]


def test_neuralblog_numbering_read_row_by_row_is_the_transpose_of_the_mazur_layout() -> None:
    for j in range(2):
        for k in range(2):
            assert NEURALBLOG_NAMING.weight_name(0, j, k) == MAZUR_NAMING.weight_name(0, k, j)
            assert NEURALBLOG_NAMING.weight_name(1, j, k) == MAZUR_NAMING.weight_name(1, j, k)


@pytest.mark.parametrize("batch_size", [1, 3])
def test_the_chapters_matrix_formulas_give_the_engines_step(batch_size: int) -> None:
    """delta_o = (Y_hat - Y) * Y_hat * (1 - Y_hat), delta_h = (delta_o W_o) * OUT_h * (1 - OUT_h),
    grad W = delta^T input; with the mean over a batch, every delta carries 1/batch."""
    rng = np.random.default_rng(batch_size)
    X = rng.uniform(0, 1, (batch_size, 2))
    Y = rng.uniform(0.05, 0.95, (batch_size, 2))
    network = MAZUR.network
    (W_h, W_o), (b_h, b_o) = vectorized.parameters(network)
    OUT_h = sigmoid(X @ W_h.T + b_h)
    Y_hat = sigmoid(OUT_h @ W_o.T + b_o)
    delta_o = (Y_hat - Y) * Y_hat * (1 - Y_hat) / batch_size
    delta_h = (delta_o @ W_o) * OUT_h * (1 - OUT_h)
    engine = vectorized.trace(network, X, Y)
    np.testing.assert_allclose(Y_hat, engine.OUT[1], rtol=0, atol=1e-15)
    np.testing.assert_allclose(delta_o, engine.deltas[1], rtol=0, atol=1e-15)
    np.testing.assert_allclose(delta_h, engine.deltas[0], rtol=0, atol=1e-15)
    np.testing.assert_allclose(delta_o.T @ OUT_h, engine.gradients.weights[1], atol=1e-15)
    np.testing.assert_allclose(delta_h.T @ X, engine.gradients.weights[0], atol=1e-15)
    assert engine.gradients.biases[1] == pytest.approx(delta_o.sum(), abs=1e-15)
    assert engine.gradients.biases[0] == pytest.approx(delta_h.sum(), abs=1e-15)
    new_W_h = vectorized.parameters(engine.updated)[0][0]
    lr = network.learning_rate
    np.testing.assert_allclose(new_W_h, W_h - lr * delta_h.T @ X, atol=1e-15)
