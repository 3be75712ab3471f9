"""The published test vectors: the built site serves the library's files, and an independent
autodiff (tests/oracle.py) agrees with every number in them."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from backprop_steps.check import quantities
from backprop_steps.cli import main
from backprop_steps.examples import MAZUR
from backprop_steps.network import Network
from backprop_steps.scalar import trace
from backprop_steps.vectors import (
    DIRECTORY,
    VECTORS,
    StepVector,
    cross_entropy_variant,
    dumps,
    get,
    vector_json,
)
from oracle import trace as oracle_trace
from test_oracle import assert_same

TRACE_KEYS = ("layers", "loss", "deltas", "gradients", "updated")
"""The keys of `backprop-steps trace --format json`, in its order."""

IDS = [v.name for v in VECTORS]


def trace_part(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in TRACE_KEYS}


def test_the_vectors_cover_the_issue_list() -> None:
    assert IDS == [
        "mazur-simultaneous",
        "mazur-sequential",
        "neuralblog",
        "cross-entropy-softmax",
        "cross-entropy-sigmoid",
        "xor",
        "deep",
    ]


def test_built_site_serves_exactly_the_library_vectors(site: Path) -> None:
    served = sorted(path.name for path in (site / DIRECTORY).glob("*.json"))
    assert served == sorted(v.filename for v in VECTORS)
    for vector in VECTORS:
        text = (site / DIRECTORY / vector.filename).read_text(encoding="utf-8")
        assert text == dumps(vector_json(vector)), vector.filename


def test_test_vectors_page_links_every_file_and_no_other(site: Path) -> None:
    """The links are written in the page's Markdown, so `mkdocs build --strict` checks them;
    here, that they are exactly the library's files."""
    html = (site / "test-vectors" / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="([^"/]+\.json)"', html)
    assert sorted(set(linked)) == sorted(v.filename for v in VECTORS)


@pytest.mark.parametrize("vector", [v for v in VECTORS if v.order == "simultaneous"], ids=str)
def test_simultaneous_vectors_agree_with_the_oracle(vector: StepVector) -> None:
    data = json.loads(dumps(vector_json(vector)))
    assert_same(trace_part(data), oracle_trace(data["network"]))


def test_sequential_vector_agrees_with_the_oracle_layer_by_layer() -> None:
    """The output layer as in the simultaneous order; the hidden deltas take the output deltas
    back through the output weights the oracle's update gives (the sequential order)."""
    data = json.loads(dumps(vector_json(get("mazur-sequential"))))
    before = oracle_trace(data["network"])
    for key in ("layers", "loss"):
        assert_same(data[key], before[key])
    assert_same(data["deltas"][1], before["deltas"][1])
    assert_same(data["gradients"][1], before["gradients"][1])
    assert_same(data["updated"][1], before["updated"][1])
    d_o, new_W_o = before["deltas"][1], before["updated"][1]["weights"]
    out_h, x = before["layers"][0]["out"], data["network"]["inputs"]
    d_h = [
        sum(d * row[k] for d, row in zip(d_o, new_W_o)) * out_h[k] * (1 - out_h[k])
        for k in range(len(out_h))
    ]
    rate, W_h = data["network"]["learning_rate"], data["network"]["layers"][0]["weights"]
    assert_same(data["deltas"][0], d_h)
    assert_same(
        data["gradients"][0], {"weights": [[d * v for v in x] for d in d_h], "biases": sum(d_h)}
    )
    new = [[w - rate * d * v for w, v in zip(row, x)] for row, d in zip(W_h, d_h)]
    assert_same(data["updated"][0]["weights"], new)


def _oracle_by_name(vector: StepVector, oracle: dict[str, Any]) -> dict[str, float]:
    """The oracle's values under the tutorial's names, from the naming's table of positions.

    On a batch each example's values carry its number, and its delta is the oracle's: the
    derivative of the batch's loss (with the mean, 1/B of the example's own)."""
    problem = vector.problem
    network: Network = problem.network
    names = network.names
    values: dict[str, float] = {}
    examples = len(problem.inputs) if problem.batched else 1

    def row(value: Any, n: int) -> Any:
        return value[n] if problem.batched else value

    for n in range(examples):
        at = f"[{n + 1}]" if problem.batched else ""
        for neuron, (l, j) in names.neurons.items():
            if l >= 0:
                values[f"net_{neuron}{at}"] = row(oracle["layers"][l]["net"], n)[j]
                values[f"out_{neuron}{at}"] = row(oracle["layers"][l]["out"], n)[j]
                values[f"delta_{neuron}{at}"] = row(oracle["deltas"][l], n)[j]
        outputs = names.neuron_names(len(network.layers) - 1)
        for j, neuron in enumerate(outputs):
            values[f"E_{neuron}{at}"] = row(oracle["loss"]["per_output"], n)[j]
    for weight, (l, j, k) in names.weights.items():
        values[f"dE_total/d{weight}"] = oracle["gradients"][l]["weights"][j][k]
        values[f"{weight}+"] = oracle["updated"][l]["weights"][j][k]
    for bias, (l, j_bias) in names.biases.items():
        gradient, new = oracle["gradients"][l]["biases"], oracle["updated"][l]["biases"]
        values[f"dE_total/d{bias}"] = gradient if j_bias is None else gradient[j_bias]
        values[f"{bias}+"] = new if j_bias is None else new[j_bias]
    values["E_total"] = oracle["loss"]["total"]
    return values


@pytest.mark.parametrize("vector", [v for v in VECTORS if v.order == "simultaneous"], ids=str)
def test_named_values_agree_with_the_oracle(vector: StepVector) -> None:
    data = json.loads(dumps(vector_json(vector)))
    expected = _oracle_by_name(vector, oracle_trace(data["network"]))
    for name, value in expected.items():
        assert data["names"][name] == pytest.approx(value, rel=1e-9, abs=1e-12), name


@pytest.mark.parametrize("vector", [v for v in VECTORS if not v.problem.batched], ids=str)
def test_names_are_the_check_quantities_in_the_students_order(vector: StepVector) -> None:
    problem = vector.problem
    step = trace(problem.network, *problem.example, order=vector.order)
    assert vector_json(vector)["names"] == {k: float(v) for k, v in quantities(step).items()}


def test_the_batch_vector_has_one_row_per_example_and_numbered_names() -> None:
    data = vector_json(get("xor"))
    assert len(data["layers"][0]["out"]) == len(data["network"]["inputs"]) == 4
    assert list(data["names"])[:2] == ["net_h1[1]", "out_h1[1]"]
    assert "delta_o1[4]" in data["names"] and "dE_total/dw5" in data["names"]


@pytest.mark.parametrize("vector", VECTORS, ids=str)
def test_trace_part_is_what_the_command_line_prints(vector: StepVector, tmp_path: Path) -> None:
    data = vector_json(vector)
    network_file = tmp_path / "network.json"
    network_file.write_text(json.dumps(data["network"]), encoding="utf-8")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["trace", str(network_file), "--order", vector.order, "--format", "json"])
    assert code == 0
    assert json.loads(buffer.getvalue()) == json.loads(json.dumps(trace_part(data)))


def test_files_are_json_with_full_precision_floats() -> None:
    text = dumps(vector_json(get("mazur-simultaneous")))
    data = json.loads(text)
    assert text.endswith("}\n")
    assert data["names"]["out_o1"] == trace(MAZUR.network, *MAZUR.example).out("o1")
    assert list(data)[:5] == ["name", "description", "naming", "order", "network"]


def test_cross_entropy_variants_are_the_chapters_networks() -> None:
    softmax = cross_entropy_variant(MAZUR, "softmax").network
    assert softmax.loss == "cross_entropy"
    assert [layer.activation for layer in softmax.layers] == ["sigmoid", "softmax"]
    assert softmax.layers[1].weights == MAZUR.network.layers[1].weights
    sigmoid = cross_entropy_variant(MAZUR, "sigmoid").network
    assert [layer.activation for layer in sigmoid.layers] == ["sigmoid", "sigmoid"]
    assert sigmoid.names == MAZUR.network.names


def test_bad_input_names_the_field() -> None:
    with pytest.raises(ValueError, match=r"^name: unknown test vector 'nope'; expected one of "):
        get("nope")
    with pytest.raises(ValueError, match=r"^activation: expected softmax or sigmoid, got 'relu'$"):
        cross_entropy_variant(MAZUR, "relu")
