"""Every number the two posts print, reproduced from the presets at the posts' precision."""

from __future__ import annotations

import pytest

from backprop_steps.examples import EXAMPLES, MAZUR, NEURALBLOG
from backprop_steps.scalar import Trace, trace
from backprop_steps.training import train


@pytest.fixture(scope="module")
def mazur() -> Trace:
    return trace(MAZUR.network, *MAZUR.example)


@pytest.fixture(scope="module")
def neuralblog() -> Trace:
    return trace(NEURALBLOG.network, *NEURALBLOG.example)


def close(value: float, published: float, decimals: int = 9) -> bool:
    """The published figure is the value rounded to the figure's own decimals."""
    return round(float(value), decimals) == pytest.approx(published, abs=10 ** -(decimals + 3))


# Mazur prints 9 decimals, dropping trailing zeros (0.75136507 is 0.751365070).
MAZUR_FORWARD = {
    ("net", "h1"): 0.3775,
    ("out", "h1"): 0.593269992,
    ("out", "h2"): 0.596884378,
    ("net", "o1"): 1.105905967,
    ("out", "o1"): 0.75136507,
    ("out", "o2"): 0.772928465,
}


@pytest.mark.parametrize(("quantity", "neuron"), MAZUR_FORWARD)
def test_mazur_forward_pass_matches_the_post(mazur: Trace, quantity: str, neuron: str) -> None:
    value = getattr(mazur, quantity)(neuron)
    assert close(value, MAZUR_FORWARD[quantity, neuron])


def test_mazur_errors_match_the_post(mazur: Trace) -> None:
    assert close(mazur.error("o1"), 0.274811083)
    assert close(mazur.error("o2"), 0.023560026)
    assert close(mazur.total_error, 0.298371109)


def test_mazur_chain_rule_factors_for_w5_match_the_post(mazur: Trace) -> None:
    assert close(mazur.error_derivative("o1"), 0.74136507)
    assert close(mazur.activation_derivative("o1"), 0.186815602)
    assert close(mazur.out("h1"), 0.593269992)  # dnet_o1/dw5 = out_h1
    assert close(mazur.grad("w5"), 0.082167041)
    assert close(mazur.delta("o1"), 0.138498562)


def test_mazur_hidden_layer_factors_match_the_post(mazur: Trace) -> None:
    assert close(mazur.contribution("o1", "h1"), 0.055399425)
    # The post prints -0.019049119: it multiplied rounded factors. The exact product rounds to
    # -0.019049118, and the post's sum 0.036350306 agrees with the exact value.
    assert close(mazur.contribution("o2", "h1"), -0.019049118)
    assert close(mazur.error_derivative("h1"), 0.036350306)
    assert close(mazur.activation_derivative("h1"), 0.241300709)
    assert close(mazur.grad("w1"), 0.000438568)


MAZUR_NEW_WEIGHTS = {
    "w1": 0.149780716,
    "w2": 0.19956143,  # printed with 8 decimals: 0.199561432
    "w3": 0.24975114,  # 0.249751144
    "w4": 0.29950229,  # 0.299502287
    "w5": 0.35891648,
    "w6": 0.408666186,
    "w7": 0.511301270,
    "w8": 0.561370121,
}


@pytest.mark.parametrize("name", MAZUR_NEW_WEIGHTS)
def test_mazur_new_weights_match_the_post(mazur: Trace, name: str) -> None:
    published = MAZUR_NEW_WEIGHTS[name]
    decimals = len(repr(published).split(".")[1])
    assert close(mazur.new(name), published, max(decimals, 8))


def test_mazur_all_eight_gradients(mazur: Trace) -> None:
    expected = [
        0.000438568,
        0.000877135,
        0.000497713,
        0.000995425,
        0.082167041,
        0.082667628,
        -0.022602540,
        -0.022740242,
    ]
    for i, value in enumerate(expected, start=1):
        assert close(mazur.grad(f"w{i}"), value)


def test_mazur_biases_are_frozen(mazur: Trace) -> None:
    assert mazur.new("b1") == 0.35
    assert mazur.new("b2") == 0.60


def test_mazur_training_claims_match_the_issue_table() -> None:
    simultaneous = train(MAZUR.network, *MAZUR.example, steps=10_000)
    sequential = train(MAZUR.network, *MAZUR.example, steps=10_000, order="sequential")
    assert close(sequential.errors[1], 0.291027924)  # the published figure
    assert close(simultaneous.errors[1], 0.291027774)
    assert simultaneous.errors[-1] == pytest.approx(0.0000351019, abs=5e-11)
    assert simultaneous.errors[-2] == pytest.approx(0.0000351085, abs=5e-11)  # published
    assert sequential.errors[-1] == pytest.approx(0.0000350848, abs=5e-11)
    assert [round(o, 9) for o in sequential.outputs] == [0.015912196, 0.984065734]  # published
    assert [round(o, 9) for o in simultaneous.outputs] == [0.015913620, 0.984064274]


# The neuralblog post prints 5 decimals and often truncates; (published, computed at 9).
NEURALBLOG_FIGURES = {
    ("net", "h1"): (0.41, 0.41),
    ("out", "h1"): (0.60108, 0.601087879),
    ("net", "h2"): (0.47, 0.47),
    ("out", "h2"): (0.61538, 0.615383756),
    ("net", "o1"): (1.01977, 1.019774193),
    ("out", "o1"): (0.73492, 0.734928613),  # truncated (0.73493 rounded)
    ("net", "o2"): (1.26306, 1.263068520),  # truncated
    ("out", "o2"): (0.77955, 0.779553884),
    ("error", "o1"): (0.23456, 0.234563602),
    ("error", "o2"): (0.01452, 0.014525939),  # truncated
    ("grad", "w5"): (0.08020, 0.080203124),
    ("grad", "w6"): (0.08211, 0.082110622),
    ("grad", "w7"): (-0.01760, -0.017606526),  # truncated
    ("grad", "w8"): (-0.01802, -0.018025268),
    ("new", "w5"): (0.45187, 0.451878125),  # truncated
    ("new", "w6"): (0.55073, 0.550733627),
    ("new", "w7"): (0.71056, 0.710563916),
    ("new", "w8"): (0.81081, 0.810815161),
    ("new", "w1"): (0.09933, 0.099335165),
    ("new", "w2"): (0.19919, 0.199195856),  # truncated
    ("new", "w3"): (0.29667, 0.296675826),  # truncated
    ("new", "w4"): (0.39597, 0.395979280),  # truncated
}


@pytest.mark.parametrize(("quantity", "name"), NEURALBLOG_FIGURES)
def test_neuralblog_figures_are_the_computed_values_cut_to_five_decimals(
    neuralblog: Trace, quantity: str, name: str
) -> None:
    published, computed = NEURALBLOG_FIGURES[quantity, name]
    value = float(getattr(neuralblog, quantity)(name))
    assert round(value, 9) == pytest.approx(computed, abs=1e-12)
    truncated = int(abs(value) * 1e5) / 1e5 * (1 if value >= 0 else -1)
    assert published in (
        pytest.approx(round(value, 5), abs=1e-12),
        pytest.approx(truncated, abs=1e-12),
    )


def test_neuralblog_total_error_and_naming(neuralblog: Trace) -> None:
    # published 0.24908: the sum of the two printed errors, i.e. 0.249089541 truncated
    assert close(neuralblog.total_error, 0.249089541)
    assert int(neuralblog.total_error * 1e5) / 1e5 == pytest.approx(0.24908)
    # neuralblog: net_h1 = w1*i1 + w3*i2 + b1
    assert neuralblog.weight("w3") == 0.3
    assert neuralblog.net("h1") == pytest.approx(0.1 * 0.1 + 0.3 * 0.5 + 0.25)


def test_presets_are_listed_by_name() -> None:
    assert EXAMPLES == {"mazur": MAZUR, "neuralblog": NEURALBLOG}
