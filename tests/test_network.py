"""Networks as values, and names as data."""

from __future__ import annotations

import pytest

from backprop_steps.examples import MAZUR, NEURALBLOG
from backprop_steps.network import (
    MAZUR_NAMING,
    NEURALBLOG_NAMING,
    Layer,
    Naming,
    Network,
    default_naming,
    naming,
)
from backprop_steps.problem import Problem
from backprop_steps.scalar import trace


def test_mazur_naming_matches_its_forward_pass() -> None:
    # net_h1 = w1*i1 + w2*i2 + b1, net_h2 = w3*i1 + w4*i2 + b1
    assert MAZUR_NAMING.weights["w1"] == (0, 0, 0)
    assert MAZUR_NAMING.weights["w2"] == (0, 0, 1)
    assert MAZUR_NAMING.weights["w3"] == (0, 1, 0)
    assert MAZUR_NAMING.weights["w4"] == (0, 1, 1)


def test_neuralblog_naming_matches_its_forward_pass() -> None:
    # net_h1 = w1*i1 + w3*i2 + b1, net_h2 = w2*i1 + w4*i2 + b1
    assert NEURALBLOG_NAMING.weights["w1"] == (0, 0, 0)
    assert NEURALBLOG_NAMING.weights["w3"] == (0, 0, 1)
    assert NEURALBLOG_NAMING.weights["w2"] == (0, 1, 0)
    assert NEURALBLOG_NAMING.weights["w4"] == (0, 1, 1)


@pytest.mark.parametrize("naming", [MAZUR_NAMING, NEURALBLOG_NAMING])
def test_both_conventions_share_the_output_layer(naming: object) -> None:
    # net_o1 = w5*out_h1 + w6*out_h2 + b2, net_o2 = w7*out_h1 + w8*out_h2 + b2
    weights = naming.weights  # type: ignore[attr-defined]
    assert [weights[f"w{i}"] for i in range(5, 9)] == [(1, 0, 0), (1, 0, 1), (1, 1, 0), (1, 1, 1)]
    assert naming.biases == {"b1": (0, None), "b2": (1, None)}  # type: ignore[attr-defined]


def test_a_naming_is_only_a_table_the_same_network_reads_either_way() -> None:
    step = trace(MAZUR.network, *MAZUR.example)
    renamed = Network(
        MAZUR.network.layers, learning_rate=0.5, update_biases=False, naming=NEURALBLOG_NAMING
    )
    other = trace(renamed, *MAZUR.example)
    assert other.grad("w3") == step.grad("w2")
    assert other.grad("w2") == step.grad("w3")
    assert other.total_error == step.total_error


def test_names_work_on_traces() -> None:
    step = trace(NEURALBLOG.network, *NEURALBLOG.example)
    assert step.net("h1") == pytest.approx(0.41)
    assert step.out("i2") == 0.5
    assert step.target("o2") == 0.95
    with pytest.raises(ValueError, match=r"^weight: unknown name 'w9'"):
        step.network.names.weight("w9")
    with pytest.raises(ValueError, match=r"^neuron: 'i1' is an input"):
        step.delta("i1")
    with pytest.raises(ValueError, match=r"^neuron: 'h1' is not an output"):
        step.error("h1")


def test_default_naming_of_deeper_networks() -> None:
    naming = default_naming((3, 4, 4, 2), shared_biases=(True, False, True))
    assert naming.neurons["h1_1"] == (0, 0)
    assert naming.neurons["h2_4"] == (1, 3)
    assert naming.neurons["o2"] == (2, 1)
    assert naming.weights["w13"] == (1, 0, 0)  # 12 weights in the first layer
    assert naming.biases["b1"] == (0, None)
    assert naming.biases["b_h2_3"] == (1, 2)
    assert naming.biases["b3"] == (2, None)
    assert len(naming.weights) == 3 * 4 + 4 * 4 + 4 * 2


PER_NEURON = tuple(Layer(x.weights, (x.biases, x.biases + 0.05)) for x in MAZUR.network.layers)
"""The Mazur layers with one bias per neuron."""

TWICE = Naming(
    "twice",
    MAZUR_NAMING.neurons,
    {**MAZUR_NAMING.weights, "w2": (0, 0, 0)},
    MAZUR_NAMING.biases,
)
"""A naming that gives one weight two names (and the weight of w2 none)."""


@pytest.mark.parametrize("convention", ["mazur", "neuralblog"])
def test_a_posts_naming_of_per_neuron_biases_names_every_bias(convention: str) -> None:
    names = naming(convention, (2, 2, 2), shared_biases=(False, False))
    column_major = {"mazur": (), "neuralblog": (0,)}[convention]
    assert names == default_naming((2, 2, 2), (False, False), column_major, convention)
    assert list(names.biases) == ["b_h1", "b_h2", "b_o1", "b_o2"]
    assert names.weights == naming(convention, (2, 2, 2)).weights
    network = Network(PER_NEURON, naming=names)
    assert [network.parameter(b) for b in names.biases] == pytest.approx([0.35, 0.4, 0.6, 0.65])


def test_layers_accept_lists_and_store_tuples() -> None:
    layer = Layer([[1, 2]], [0.5], "relu")
    assert layer.weights == ((1.0, 2.0),)
    assert layer.biases == (0.5,)
    assert not layer.shared_bias


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Layer([[0.1, 0.2], [0.3]], 0.0), r"^weights\[1\]: expected 2 numbers"),
        (lambda: Layer([[0.1, "a"]], 0.0), r"^weights\[0\]\[1\]: expected a number"),
        (lambda: Layer([[float("nan")]], 0.0), r"^weights\[0\]\[0\]: expected a finite number"),
        (lambda: Layer([[0.1]], 0.0, "swish"), r"^activation: unknown activation"),
        (
            lambda: Network((Layer([[0.1]], 0.0, "softmax"), Layer([[0.1]], 0.0))),
            r"^layers\[0\]\.activation: softmax is allowed only in the last layer",
        ),
        (lambda: Network((Layer([[0.1]], 0.0),), learning_rate=0.0), r"^learning_rate: must be"),
        (lambda: Network(()), r"^layers: expected a non-empty list"),
        (
            lambda: Network((Layer([[0.1]], 0.0, "relu"),), loss="cross_entropy"),
            r"^loss: cross_entropy needs a sigmoid or softmax output layer",
        ),
        (lambda: Problem(MAZUR.network, [0.1], [0.1, 0.2]), r"^inputs: expected 2 numbers"),
        (
            lambda: Network(MAZUR.network.layers, naming=default_naming((2, 2, 1))),
            r"^naming: mazur has no name for layers\[1\]\.weights\[1\]\[0\] of this 2-2-2",
        ),
        (
            lambda: Network(MAZUR.network.layers, naming=default_naming((2, 3, 2))),
            r"^naming: mazur names w5 at layers\[0\]\.weights\[2\]\[0\], which this 2-2-2",
        ),
        (
            lambda: Network(PER_NEURON, naming=NEURALBLOG_NAMING),
            r"^naming: neuralblog names b1 at layers\[0\]\.biases \(one shared bias\), which",
        ),
        (
            lambda: Network(MAZUR.network.layers, naming=default_naming((2, 2, 2), (False, True))),
            r"^naming: mazur names b_h1 at layers\[0\]\.biases\[0\], which this 2-2-2",
        ),
        (
            lambda: Network(MAZUR.network.layers, naming=TWICE),
            r"^naming: twice gives layers\[0\]\.weights\[0\]\[0\] two names, w1 and w2",
        ),
        (lambda: Network(MAZUR.network.layers, naming="mazur"), r"^naming: expected a Naming"),
        (lambda: naming("by rows", (2, 2, 2)), r"^naming: expected mazur or neuralblog, got"),
        (lambda: naming("neuralblog", (2, 3, 1)), r"^naming: neuralblog numbers a 2-2-2 network"),
    ],
)
def test_constructors_name_the_field_in_one_line(build: object, message: str) -> None:
    with pytest.raises(ValueError, match=message) as error:
        build()  # type: ignore[operator]
    assert "\n" not in str(error.value)


def test_updates_return_new_networks_and_leave_the_old_alone() -> None:
    step = trace(MAZUR.network, *MAZUR.example)
    assert step.network is MAZUR.network
    assert MAZUR.network.layers[1].weights[0][0] == 0.4
    assert step.updated.layers[1].weights[0][0] != 0.4
    with pytest.raises(AttributeError):
        step.updated.learning_rate = 1.0  # type: ignore[misc]


def test_networks_and_traces_pickle() -> None:
    import pickle

    step = trace(MAZUR.network, *MAZUR.example)
    again = pickle.loads(pickle.dumps(step))
    assert again.network == MAZUR.network and again.grad("w5") == step.grad("w5")
    assert pickle.loads(pickle.dumps(MAZUR)) == MAZUR


def test_inputs_and_targets_must_pair_wherever_they_come_in() -> None:
    from backprop_steps.training import step

    x, t = MAZUR.example
    with pytest.raises(ValueError, match=r"^targets: expected 2 rows"):
        step(MAZUR.network, [x, x], [t])
    with pytest.raises(ValueError, match=r"^targets: inputs and targets must both be"):
        step(MAZUR.network, x, [t, t])
