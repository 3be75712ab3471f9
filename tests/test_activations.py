"""Each activation and loss beside its derivative: the derivative is the slope, and every
spelling of a table entry (floats, NumPy arrays) computes the same thing."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from backprop_steps.activations import (
    ACTIVATIONS,
    Activation,
    LayerActivation,
    activation,
    leaky_relu,
    sigmoid,
    softmax,
    softmax_backward,
)
from backprop_steps.losses import (
    LOSSES,
    binary_cross_entropy,
    binary_cross_entropy_derivative,
    categorical_cross_entropy,
    huber,
    huber_derivative,
    sigmoid_cross_entropy_deltas,
)
from backprop_steps.network import Layer

H = 1e-6
nets = st.floats(-8, 8).filter(lambda x: abs(x) > 1e-3)
ELEMENTWISE = sorted(name for name, f in ACTIVATIONS.items() if isinstance(f, Activation))


@pytest.mark.parametrize("name", ELEMENTWISE)
@given(net=nets)
def test_derivative_in_terms_of_out_is_the_slope(name: str, net: float) -> None:
    f = ACTIVATIONS[name]
    assert isinstance(f, Activation)
    slope = (f.value(net + H) - f.value(net - H)) / (2 * H)
    assert f.derivative(f.value(net)) == pytest.approx(slope, rel=1e-5, abs=1e-7)


@pytest.mark.parametrize("name", ELEMENTWISE)
@given(st.lists(st.floats(-30, 30), min_size=1, max_size=6))
def test_array_spelling_equals_the_float_spelling(name: str, net: list[float]) -> None:
    f = ACTIVATIONS[name]
    assert isinstance(f, Activation)
    out = [f.value(n) for n in net]
    NET = np.array([net])
    np.testing.assert_allclose(f.array_value(NET)[0], out, rtol=1e-15, atol=0)
    slopes = np.broadcast_to(f.array_derivative(np.array([out])), NET.shape)
    np.testing.assert_allclose(slopes[0], [f.derivative(o) for o in out], rtol=1e-15, atol=0)


@given(st.lists(st.floats(-30, 30), min_size=1, max_size=6), st.floats(-2, 2))
def test_softmax_array_spellings_equal_the_float_spellings(net: list[float], g: float) -> None:
    f = ACTIVATIONS["softmax"]
    assert isinstance(f, LayerActivation)
    out = f.value(net)
    grad = [g * (j + 1) for j in range(len(net))]
    np.testing.assert_allclose(f.array_value(np.array([net]))[0], out, rtol=1e-12, atol=1e-300)
    backward = f.array_backward(np.array([out]), np.array([grad]))[0]
    np.testing.assert_allclose(backward, f.backward(out, grad), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("index", range(len(LOSSES)))
@given(st.floats(0, 1), st.floats(-3, 3))
def test_loss_array_spellings_equal_the_float_spellings(
    index: int, target: float, out: float
) -> None:
    loss = LOSSES[index]
    if loss.probabilities:
        out = 0.01 + 0.98 * abs(math.tanh(out))  # a probability away from 0 and 1
    Y, Y_hat = np.array([[target]]), np.array([[out]])
    assert loss.array_error(Y, Y_hat)[0, 0] == pytest.approx(loss.error(target, out), rel=1e-14)
    assert loss.array_derivative(Y, Y_hat)[0, 0] == pytest.approx(
        loss.derivative(target, out), rel=1e-14
    )
    if loss.deltas is not None and loss.array_deltas is not None:
        assert loss.array_deltas(Y, Y_hat)[0, 0] == pytest.approx(loss.deltas([target], [out])[0])


def test_sigmoid_does_not_overflow() -> None:
    assert sigmoid(-1000.0) == 0.0
    assert sigmoid(1000.0) == 1.0
    assert sigmoid(0.0) == 0.5


def test_leaky_relu_keeps_a_small_slope_below_zero() -> None:
    assert leaky_relu(-2.0) == pytest.approx(-0.02)
    f = ACTIVATIONS["leaky_relu"]
    assert isinstance(f, Activation)
    assert f.derivative(leaky_relu(-2.0)) == 0.01
    assert f.derivative(leaky_relu(0.0)) == 0.01  # at 0, the slope of the left side, like relu
    assert f.derivative(leaky_relu(3.0)) == 1.0


def test_aliases_are_resolved_once_when_a_layer_is_built() -> None:
    layer = Layer([[0.1]], 0.0, "logistic")
    assert layer.activation == "sigmoid"
    assert layer.f is ACTIVATIONS["sigmoid"] is activation("logistic")
    assert layer == Layer([[0.1]], 0.0, "sigmoid")


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


@pytest.mark.parametrize("index", range(len(LOSSES)))
@given(st.floats(0, 1), st.floats(0.01, 0.99))
def test_loss_derivatives_are_slopes(index: int, target: float, out: float) -> None:
    loss = LOSSES[index]
    slope = (loss.error(target, out + H) - loss.error(target, out - H)) / (2 * H)
    assert loss.derivative(target, out) == pytest.approx(slope, rel=1e-5, abs=1e-6)


@given(st.floats(-3, 3), st.floats(-3, 3).filter(lambda x: abs(x) > 1e-3))
def test_huber_is_squared_error_near_the_target_and_linear_far_from_it(
    target: float, gap: float
) -> None:
    out = target - gap
    if abs(gap) <= 1.0:
        assert huber(target, out) == pytest.approx(0.5 * gap * gap)
        assert huber_derivative(target, out) == pytest.approx(-gap)
    else:
        assert huber(target, out) == pytest.approx(abs(gap) - 0.5)
        assert huber_derivative(target, out) == math.copysign(1.0, -gap)


@given(st.floats(0, 1), st.floats(0.01, 0.99))
def test_sigmoid_slope_cancels_in_binary_cross_entropy(target: float, out: float) -> None:
    chain = binary_cross_entropy_derivative(target, out) * (out * (1 - out))
    assert sigmoid_cross_entropy_deltas([target], [out])[0] == pytest.approx(chain, abs=1e-12)


def test_saturated_outputs_give_infinities_not_exceptions() -> None:
    assert binary_cross_entropy(0.5, 1.0) == math.inf
    assert binary_cross_entropy_derivative(0.5, 1.0) == math.inf
    assert binary_cross_entropy(1.0, 1.0) == 0.0
    assert categorical_cross_entropy(0.0, 0.0) == 0.0


def test_huber_keeps_a_nan_in_both_spellings() -> None:
    loss = next(entry for entry in LOSSES if entry.name == "huber")
    assert math.isnan(loss.derivative(math.nan, 0.0))
    assert math.isnan(loss.array_derivative(np.array([[math.nan]]), np.array([[0.0]]))[0, 0])
