"""The network file as one table of fields: reading, writing and defaults all follow it."""

from __future__ import annotations

import dataclasses

from backprop_steps.examples import EXAMPLES, MAZUR
from backprop_steps.network import Layer, Network
from backprop_steps.problem import FIELDS, LAYER_FIELDS, Problem


def test_every_field_of_a_network_and_a_layer_is_a_field_of_the_file() -> None:
    network = {f.name for f in dataclasses.fields(Network)} - {"naming"}  # names are not data
    problem = {f.name for f in dataclasses.fields(Problem)} - {"network"}
    assert {f.name for f in FIELDS} == network | problem
    assert [f.name for f in LAYER_FIELDS] == [f.name for f in dataclasses.fields(Layer)]


def test_an_option_left_out_of_a_file_takes_its_default() -> None:
    data = MAZUR.to_dict()
    for option in (f for f in FIELDS if not f.required):
        del data[option.name]
    network = Problem.from_dict(data).network
    for option in (f for f in FIELDS if not f.required):
        assert getattr(network, option.name) == option.default == getattr(Network, option.name)


def test_a_file_is_written_in_the_order_of_the_table_and_reads_back() -> None:
    for problem in EXAMPLES.values():
        data = problem.to_dict()
        assert list(data) == [f.name for f in FIELDS]
        assert [list(layer) for layer in data["layers"]] == [
            [f.name for f in LAYER_FIELDS] for _ in problem.network.layers
        ]
        assert Problem.from_dict(data) == problem
