"""Deeper networks: the DEEP preset, the backward recursion through any number of hidden layers,
an inactive ReLU, and vanishing deltas, as the deeper-networks chapter shows them."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import pytest

from backprop_steps import Layer, trace
from backprop_steps.examples import DEEP, random_network
from backprop_steps.gradcheck import check_gradients
from backprop_steps.network import Network
from backprop_steps.scalar import Trace

SIZES = (2, 8, 8, 8, 8, 8, 8, 2)  # as the chapter
SEEDS = (1, 2, 3, 4, 5)


def with_hidden(network: Network, activation: str) -> Network:
    hidden = tuple(Layer(l.weights, l.biases, activation) for l in network.layers[:-1])
    return replace(network, layers=(*hidden, network.layers[-1]))


NETWORKS = {
    "deep": DEEP.network,
    "three hidden layers": random_network((2, 3, 3, 3, 2), seed=3),
    "deep, tanh": with_hidden(DEEP.network, "tanh"),
    "deep, relu": with_hidden(DEEP.network, "relu"),
    "deep, leaky relu": with_hidden(DEEP.network, "leaky_relu"),
}


def test_the_preset_has_two_hidden_layers_named_by_layer_and_shared_learning_biases() -> None:
    network = DEEP.network
    assert network.sizes == (2, 3, 3, 2)
    assert network.update_biases
    names = network.names
    assert names.neuron_names(0) == ("h1_1", "h1_2", "h1_3")
    assert names.neuron_names(1) == ("h2_1", "h2_2", "h2_3")
    assert list(names.biases) == ["b1", "b2", "b3"]
    assert names.weight("w7") == (1, 0, 0)  # first weight into h2_1, from h1_1
    assert names.weight("w21") == (2, 1, 2)  # last weight into o2, from h2_3


@pytest.mark.parametrize("name", NETWORKS)
def test_every_hidden_delta_is_the_weighted_sum_of_the_next_layers_deltas_times_the_slope(
    name: str,
) -> None:
    network = NETWORKS[name]
    step = trace(network, *DEEP.example)
    names = network.names
    for l in range(len(network.layers) - 1):
        following = names.neuron_names(l + 1)
        for j, neuron in enumerate(names.neuron_names(l)):
            total = sum(
                step.delta(k) * network.layers[l + 1].weights[n][j] for n, k in enumerate(following)
            )
            slope = network.layers[l].f.derivative(step.out(neuron))
            assert step.delta(neuron) == pytest.approx(total * slope, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("name", NETWORKS)
def test_every_gradient_is_delta_times_input_and_a_bias_gradient_the_deltas_it_serves(
    name: str,
) -> None:
    network = NETWORKS[name]
    step = trace(network, *DEEP.example)
    names = network.names
    for weight, (l, j, k) in names.weights.items():
        source, target = names.neuron_names(l - 1)[k], names.neuron_names(l)[j]
        assert step.grad(weight) == pytest.approx(step.delta(target) * step.out(source), abs=1e-15)
    for bias, (l, j_bias) in names.biases.items():
        served = names.neuron_names(l) if j_bias is None else (names.neuron_names(l)[j_bias],)
        assert step.grad(bias) == pytest.approx(sum(step.delta(n) for n in served), abs=1e-15)


@pytest.mark.parametrize("name", NETWORKS)
def test_backpropagation_through_several_hidden_layers_matches_finite_differences(
    name: str,
) -> None:
    assert check_gradients(NETWORKS[name], *DEEP.example).max_relative_error < 1e-7


@pytest.fixture(scope="module")
def relu() -> Trace:
    return trace(NETWORKS["deep, relu"], *DEEP.example)


def test_an_inactive_relu_passes_no_gradient_in_or_out(relu: Trace) -> None:
    assert relu.net("h2_3") < 0
    assert relu.out("h2_3") == 0.0 and relu.delta("h2_3") == 0.0
    for weight in ("w13", "w14", "w15", "w18", "w21"):  # into h2_3, then out of it
        assert relu.grad(weight) == 0.0
    for neuron in ("h1_1", "h1_2", "h1_3"):
        assert relu.contribution("h2_3", neuron) == 0.0
    others = [n for n in ("h1_1", "h1_2", "h1_3", "h2_1", "h2_2") if relu.delta(n) != 0.0]
    assert len(others) == 5  # the only inactive neuron of the step


def test_a_leaky_relu_in_the_same_place_keeps_a_hundredth_of_the_slope() -> None:
    leaky = trace(NETWORKS["deep, leaky relu"], *DEEP.example)
    assert leaky.activation_derivative("h2_3") == 0.01
    assert leaky.delta("h2_3") == pytest.approx(0.01 * leaky.error_derivative("h2_3"))
    assert leaky.delta("h2_3") != 0.0


def mean_abs_deltas(activation: str) -> list[float]:
    totals = [0.0] * (len(SIZES) - 1)
    for seed in SEEDS:
        deltas = trace(random_network(SIZES, seed, activation), *DEEP.example).deltas
        for l, layer in enumerate(deltas):
            totals[l] += sum(abs(d) for d in layer) / len(layer) / len(SEEDS)
    return totals


def test_logistic_deltas_vanish_towards_the_inputs_and_relu_and_tanh_deltas_do_not() -> None:
    logistic, tanh, relu = (mean_abs_deltas(a) for a in ("sigmoid", "tanh", "relu"))
    assert all(a < b for a, b in itertools.pairwise(logistic))  # smaller at every layer back
    assert logistic[-1] / logistic[0] > 1000
    assert relu[-1] / relu[0] < 10 and tanh[-1] / tanh[0] < 10


def mean_abs_weight_gradients(activation: str) -> list[float]:
    totals = [0.0] * (len(SIZES) - 1)
    for seed in SEEDS:
        weights = trace(random_network(SIZES, seed, activation), *DEEP.example).gradients.weights
        for l, layer in enumerate(weights):
            grads = [abs(g) for row in layer for g in row]
            totals[l] += sum(grads) / len(grads) / len(SEEDS)
    return totals


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_first_layer_gradients_shrink_more_than_its_deltas_as_they_carry_the_small_inputs(
    activation: str,
) -> None:
    assert max(DEEP.example[0]) < 0.2
    deltas, gradients = mean_abs_deltas(activation), mean_abs_weight_gradients(activation)
    assert gradients[-1] / gradients[0] > 3 * deltas[-1] / deltas[0]
    if activation == "sigmoid":
        assert gradients[-1] / gradients[0] > 10_000


def test_about_half_the_relu_neurons_of_the_deep_networks_are_inactive() -> None:
    for seed in SEEDS:
        hidden = trace(random_network(SIZES, seed, "relu"), *DEEP.example).layers[:-1]
        inactive = sum(out == 0.0 for layer in hidden for out in layer.out)
        assert 0.3 * sum(SIZES[1:-1]) < inactive < 0.7 * sum(SIZES[1:-1])


def test_per_layer_svg_draws_a_wide_and_a_narrow_figure_the_same_each_time() -> None:
    from backprop_steps.render.plots import per_layer_svg

    series = {"logistic": [1e-4, 1e-2, 1.0], "ReLU": [0.1, 0.2, 0.3]}
    html = per_layer_svg(series, "mean |δ|", "Deltas per layer")
    assert re.findall(r'class="plot plot--(\w+)"', html) == ["wide", "narrow"]
    assert html.count('aria-label="Deltas per layer"') == 2
    assert html == per_layer_svg(series, "mean |δ|", "Deltas per layer")
