"""The XOR preset and what the XOR chapter says about it: one layer cannot learn it, a hidden
layer can (not from every start), and a learning rate can be too large."""

from __future__ import annotations

import re

import numpy as np
import pytest

from backprop_steps import train
from backprop_steps.examples import XOR, random_network
from backprop_steps.network import Network
from backprop_steps.results import History
from backprop_steps.vectorized import forward

X, Y = XOR.inputs, XOR.targets
STEPS = 300  # as the chapter


def solved(history: History) -> bool:
    return all((out[0] > 0.5) == (t[0] > 0.5) for out, t in zip(history.outputs, Y, strict=True))


def test_the_preset_is_the_companion_codes_truth_table_on_a_2_2_1_network() -> None:
    assert X == ((0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0))
    assert Y == ((0.0,), (1.0,), (1.0,), (0.0,))
    assert XOR.network.sizes == (2, 2, 1)
    assert XOR.network.update_biases
    assert list(XOR.network.names.biases) == ["b_h1", "b_h2", "b_o1"]


def test_random_network_written_out_is_the_preset() -> None:
    assert random_network((2, 2, 1), seed=1, learning_rate=10.0) == XOR.network


def test_random_network_is_reproducible_and_rounded_to_two_decimals() -> None:
    network = random_network((2, 3, 3, 1), seed=7, activation="relu", spread=0.5)
    assert network == random_network((2, 3, 3, 1), seed=7, activation="relu", spread=0.5)
    assert [layer.activation for layer in network.layers] == ["relu", "relu", "sigmoid"]
    for layer in network.layers:
        biases = layer.biases if isinstance(layer.biases, tuple) else (layer.biases,)
        for value in [*(w for row in layer.weights for w in row), *biases]:
            assert abs(value) <= 0.5 and round(value, 2) == value


@pytest.mark.parametrize("sizes", [(2,), (2, 0, 1), (2, 1.5, 1)])
def test_random_network_names_sizes_when_they_make_no_network(sizes: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match=r"^sizes: expected at least two positive widths"):
        random_network(sizes, seed=1)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_a_single_logistic_neuron_never_does_better_than_answering_one_half(seed: int) -> None:
    history = train(random_network((2, 1), seed=seed, learning_rate=10.0), X, Y, steps=STEPS)
    assert not solved(history)
    assert history.final_error >= 0.125 - 1e-9


def test_the_hidden_layer_solves_xor_and_recodes_the_four_examples() -> None:
    history = train(XOR.network, X, Y, steps=STEPS)
    assert solved(history)
    assert history.final_error < history.errors[0] / 50
    net, out = forward(history.network, np.array(X))
    assert [bool(n > 0) for n in net[-1][:, 0]] == [False, True, True, False]
    assert [bool(h > 0.5) for h in out[0][:, 0]] == [False, True, False, False]  # h1: 01 only
    assert [bool(h > 0.5) for h in out[0][:, 1]] == [False, False, True, False]  # h2: 10 only


def surface(network: Network, points: list[tuple[float, float]]) -> list[float]:
    return [float(v) for v in forward(network, np.array(points))[1][-1][:, 0]]


def test_the_trained_surface_is_a_low_band_along_the_diagonal_between_two_high_corners() -> None:
    before = surface(XOR.network, [(a, b) for a in np.linspace(0, 1, 11) for b in (0.0, 1.0)])
    assert min(before) >= 0.4 and max(before) < 0.42
    trained = train(XOR.network, X, Y, steps=STEPS).network
    diagonal = [(t, t) for t in np.linspace(0, 1, 11)]
    assert max(surface(trained, diagonal)) < 0.5
    assert min(surface(trained, [(0.0, 1.0), (1.0, 0.0)])) > 0.5


def test_one_hidden_neuron_never_two_not_always_five_always_solve_xor() -> None:
    found = {
        hidden: [
            solved(train(random_network((2, hidden, 1), seed, learning_rate=10.0), X, Y, STEPS))
            for seed in (1, 2, 3)
        ]
        for hidden in (1, 2, 5)
    }
    assert found == {1: [False] * 3, 2: [True, False, True], 5: [True] * 3}


def test_the_stuck_run_heads_for_the_floor_of_three_examples_sharing_one_output() -> None:
    history = train(random_network((2, 2, 1), seed=2, learning_rate=10.0), X, Y, steps=STEPS)
    floor = (2 * 0.5 * (1 - 2 / 3) ** 2 + 0.5 * (2 / 3) ** 2) / 4
    assert floor < history.final_error < floor + 0.005
    outputs = [out[0] for out in history.outputs]
    assert max(outputs[1:]) - min(outputs[1:]) < 0.02  # 01, 10 and 11 share an answer
    assert outputs[0] < 0.1  # 00 is already nearly right: the floor counts its error as 0


def test_larger_learning_rates_first_raise_the_error_and_the_largest_saturates() -> None:
    rates = {
        rate: train(random_network((2, 2, 1), seed=1, learning_rate=rate), X, Y, steps=STEPS)
        for rate in (10.0, 40.0, 80.0, 160.0)
    }
    assert max(rates[10.0].errors) == rates[10.0].errors[0]
    for rate in (40.0, 80.0, 160.0):
        assert max(rates[rate].errors) > rates[rate].errors[0]
    assert rates[40.0].final_error < rates[10.0].final_error
    assert rates[80.0].final_error < rates[10.0].final_error
    assert not solved(rates[160.0])
    assert min(out[0] for out in rates[160.0].outputs) > 0.99
    late = rates[160.0].errors[STEPS // 2 :]
    assert min(late) >= 0.25 and max(late) < 0.25 + 1e-5  # answering 1 to all four, stuck


def test_surfaces_svg_draws_a_wide_and_a_narrow_figure_the_same_each_time() -> None:
    from backprop_steps.render.plots import surfaces_svg

    axis = np.linspace(0.0, 1.0, 5)
    grid = np.outer(axis, axis)
    points = [(0.0, 0.0, "t = 0"), (1.0, 1.0, "t = 1")]
    html = surfaces_svg({"a": grid, "b": grid}, axis, points, "Two surfaces")
    assert re.findall(r'class="plot plot--(\w+)"', html) == ["wide", "narrow"]
    assert html.count('aria-label="Two surfaces"') == 2
    assert html == surfaces_svg({"a": grid, "b": grid}, axis, points, "Two surfaces")
