"""Each activation and loss beside its derivative: the derivative is the slope."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backprop_steps.activations import ELEMENTWISE, sigmoid, softmax, softmax_backward
from backprop_steps.losses import (
    binary_cross_entropy,
    binary_cross_entropy_derivative,
    categorical_cross_entropy,
    categorical_cross_entropy_derivative,
    sigmoid_cross_entropy_delta,
    squared_error,
    squared_error_derivative,
)

H = 1e-6
nets = st.floats(-8, 8).filter(lambda x: abs(x) > 1e-3)


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
@given(net=nets)
def test_derivative_in_terms_of_out_is_the_slope(name: str, net: float) -> None:
    f, derivative = ELEMENTWISE[name]
    slope = (f(net + H) - f(net - H)) / (2 * H)
    assert derivative(f(net)) == pytest.approx(slope, rel=1e-5, abs=1e-7)


def test_sigmoid_does_not_overflow() -> None:
    assert sigmoid(-1000.0) == 0.0
    assert sigmoid(1000.0) == 1.0
    assert sigmoid(0.0) == 0.5


@given(
    st.lists(st.floats(-5, 5), min_size=1, max_size=5),
    st.lists(st.floats(-2, 2), min_size=5, max_size=5),
)
def test_softmax_backward_is_the_jacobian_product(net: list[float], grad: list[float]) -> None:
    grad = grad[: len(net)]
    out = softmax(net)
    assert math.fsum(out) == pytest.approx(1.0)
    for j in range(len(net)):
        up = list(net)
        up[j] += H
        down = list(net)
        down[j] -= H
        numeric = sum(g * (a - b) / (2 * H) for g, a, b in zip(grad, softmax(up), softmax(down)))
        assert softmax_backward(out, grad)[j] == pytest.approx(numeric, rel=1e-5, abs=1e-7)


@given(st.floats(0, 1), st.floats(0.01, 0.99))
def test_loss_derivatives_are_slopes(target: float, out: float) -> None:
    for loss, derivative in (
        (squared_error, squared_error_derivative),
        (binary_cross_entropy, binary_cross_entropy_derivative),
        (categorical_cross_entropy, categorical_cross_entropy_derivative),
    ):
        slope = (loss(target, out + H) - loss(target, out - H)) / (2 * H)
        assert derivative(target, out) == pytest.approx(slope, rel=1e-5, abs=1e-6)


@given(st.floats(0, 1), st.floats(0.01, 0.99))
def test_sigmoid_slope_cancels_in_binary_cross_entropy(target: float, out: float) -> None:
    chain = binary_cross_entropy_derivative(target, out) * (out * (1 - out))
    assert sigmoid_cross_entropy_delta(target, out) == pytest.approx(chain, abs=1e-12)


def test_saturated_outputs_give_infinities_not_exceptions() -> None:
    assert binary_cross_entropy(0.5, 1.0) == math.inf
    assert binary_cross_entropy_derivative(0.5, 1.0) == math.inf
    assert binary_cross_entropy(1.0, 1.0) == 0.0
    assert categorical_cross_entropy(0.0, 0.0) == 0.0
