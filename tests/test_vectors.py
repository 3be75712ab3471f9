"""The published test vectors: the built site serves the library's files; an independent
autodiff (tests/oracle.py) agrees with every number in them, within the tolerance they
recommend; finite differences agree with their gradients; they follow their JSON Schema; their
checksums, their CSV and the page's JavaScript example work."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import random
import re
import shutil
import struct
import subprocess
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from backprop_steps import __version__
from backprop_steps.check import quantities
from backprop_steps.cli import main
from backprop_steps.examples import MAZUR
from backprop_steps.figures import agreement
from backprop_steps.gradcheck import numerical_gradients, relative_error
from backprop_steps.jsonshapes import canonical
from backprop_steps.network import Network
from backprop_steps.problem import Problem
from backprop_steps.scalar import trace
from backprop_steps.vectorfiles import CSV_COLUMNS, CSV_FILE, SCHEMA, SCHEMA_FILE, files
from backprop_steps.vectors import (
    CHECKPOINTS,
    DIRECTORY,
    LICENSE,
    TRAINING_STEPS,
    VECTORS,
    StepVector,
    checksum,
    cross_entropy_variant,
    dumps,
    get,
    vector_json,
)
from oracle import trace as oracle_trace
from test_docs import fences
from test_oracle import assert_same

ROOT = Path(__file__).resolve().parent.parent

TRACE_KEYS = ("layers", "loss", "deltas", "gradients", "updated")
"""The keys of `backprop-steps trace --format json`, in its order."""

IDS = [v.name for v in VECTORS]


def vector_name(vector: StepVector) -> str:
    return vector.name


def trace_part(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in TRACE_KEYS}


def test_the_vectors_cover_the_issue_list() -> None:
    assert IDS == [
        "mazur-simultaneous",
        "mazur-sequential",
        "neuralblog",
        "mazur-per-neuron-biases",
        "neuralblog-per-neuron-biases",
        "cross-entropy-softmax",
        "cross-entropy-sigmoid",
        "xor",
        "deep",
    ]


def test_built_site_serves_exactly_the_library_files(site: Path) -> None:
    published = files()
    # the folder also holds the page itself (test-vectors/index.html)
    served = sorted(p.name for p in (site / DIRECTORY).iterdir() if p.name != "index.html")
    assert served == sorted(published)
    assert sorted(published) == sorted([*(v.filename for v in VECTORS), SCHEMA_FILE, CSV_FILE])
    for name, text in published.items():
        assert (site / DIRECTORY / name).read_text(encoding="utf-8") == text, name


def test_writing_the_files_removes_stale_ones(tmp_path: Path) -> None:
    from site_files import write_vectors

    (tmp_path / "old.json").write_text("{}", encoding="utf-8")
    (tmp_path / "old.csv").write_text("", encoding="utf-8")
    write_vectors(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(files())


def test_test_vectors_page_links_every_file_and_no_other(site: Path) -> None:
    """The links are written in the page's Markdown, so `mkdocs build --strict` checks them;
    here, that they are exactly the library's files."""
    html = (site / "test-vectors" / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="([^"/]+\.(?:json|csv))"', html)
    assert sorted(set(linked)) == sorted(files())


@pytest.mark.parametrize(
    "vector", [v for v in VECTORS if v.order == "simultaneous"], ids=vector_name
)
def test_simultaneous_vectors_agree_with_the_oracle(vector: StepVector) -> None:
    data = json.loads(dumps(vector_json(vector)))
    assert_same(trace_part(data), oracle_trace(data["network"]))


def oracle_step(
    data: dict[str, Any], order: str, before: dict[str, Any] | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The oracle's trace of a network file in `order`, and its layers after the step (`before`:
    the oracle's trace of the file, when already taken).

    Sequential (two layers): the output layer as the oracle updates it; the hidden deltas take
    the output deltas back through those updated output weights."""
    before = oracle_trace(data) if before is None else before
    if order == "simultaneous":
        return before, before["updated"]
    d_o, new_W_o = before["deltas"][1], before["updated"][1]["weights"]
    out_h, x = before["layers"][0]["out"], data["inputs"]
    d_h = [
        sum(d * row[k] for d, row in zip(d_o, new_W_o)) * out_h[k] * (1 - out_h[k])
        for k in range(len(out_h))
    ]
    rate, hidden = data["learning_rate"], data["layers"][0]
    shared = not isinstance(hidden["biases"], list)
    gradient = {"weights": [[d * v for v in x] for d in d_h], "biases": sum(d_h) if shared else d_h}
    weights = [
        [w - rate * g for w, g in zip(row, grads)]
        for row, grads in zip(hidden["weights"], gradient["weights"])
    ]
    biases = hidden["biases"]
    if data["update_biases"]:
        biases = (
            biases - rate * gradient["biases"]
            if shared
            else [b - rate * g for b, g in zip(biases, gradient["biases"])]
        )
    sequential = {
        **before,
        "deltas": [d_h, d_o],
        "gradients": [gradient, before["gradients"][1]],
        "updated": [{"weights": weights, "biases": biases}, before["updated"][1]],
    }
    return sequential, sequential["updated"]


def with_layers(data: dict[str, Any], layers: list[dict[str, Any]]) -> dict[str, Any]:
    """A network file with other weights and biases."""
    return {
        **data,
        "layers": [{**old, **new} for old, new in zip(data["layers"], layers)],
    }


def test_sequential_vector_agrees_with_the_oracle_layer_by_layer() -> None:
    """The output layer as in the simultaneous order; the hidden deltas take the output deltas
    back through the output weights the oracle's update gives (the sequential order)."""
    data = json.loads(dumps(vector_json(get("mazur-sequential"))))
    before = oracle_trace(data["network"])
    sequential, _ = oracle_step(data["network"], "sequential")
    for key in ("layers", "loss"):
        assert_same(data[key], before[key])
    assert_same(data["deltas"][1], before["deltas"][1])
    assert_same(data["gradients"][1], before["gradients"][1])
    assert_same(data["updated"][1], before["updated"][1])
    assert_same(trace_part(data), sequential)


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


@pytest.mark.parametrize(
    "vector", [v for v in VECTORS if v.order == "simultaneous"], ids=vector_name
)
def test_named_values_agree_with_the_oracle(vector: StepVector) -> None:
    data = json.loads(dumps(vector_json(vector)))
    expected = _oracle_by_name(vector, oracle_trace(data["network"]))
    for name, value in expected.items():
        assert data["names"][name] == pytest.approx(value, rel=1e-9, abs=1e-12), name


@pytest.mark.parametrize("vector", [v for v in VECTORS if not v.problem.batched], ids=vector_name)
def test_names_are_the_check_quantities_in_the_students_order(vector: StepVector) -> None:
    problem = vector.problem
    step = trace(problem.network, *problem.example, order=vector.order)
    assert vector_json(vector)["names"] == {k: float(v) for k, v in quantities(step).items()}


def test_the_batch_vector_has_one_row_per_example_and_numbered_names() -> None:
    data = vector_json(get("xor"))
    assert len(data["layers"][0]["out"]) == len(data["network"]["inputs"]) == 4
    assert list(data["names"])[:2] == ["net_h1[1]", "out_h1[1]"]
    assert "delta_o1[4]" in data["names"] and "dE_total/dw5" in data["names"]


@pytest.mark.parametrize("vector", VECTORS, ids=vector_name)
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


# --- what a file holds besides the step ----------------------------------------------------------


def within(ours: Any, theirs: Any, bounds: dict[str, float], path: str = "") -> None:
    """Every number of `ours` matches `theirs` by the files' rule:
    |ours - theirs| <= max(relative * |theirs|, absolute)."""
    if isinstance(theirs, dict):
        assert list(ours) == list(theirs), path
        for key in theirs:
            within(ours[key], theirs[key], bounds, f"{path}.{key}")
    elif isinstance(theirs, list):
        assert isinstance(ours, list) and len(ours) == len(theirs), path
        for i, (a, b) in enumerate(zip(ours, theirs)):
            within(a, b, bounds, f"{path}[{i}]")
    else:
        gap = abs(ours - theirs)
        assert gap <= max(bounds["relative"] * abs(theirs), bounds["absolute"]), (path, gap)


@pytest.fixture(scope="module")
def contents() -> dict[str, dict[str, Any]]:
    """Each vector's file as a stranger reads it."""
    published = files()
    return {v.name: json.loads(published[v.filename]) for v in VECTORS}


@pytest.mark.parametrize("vector", VECTORS, ids=vector_name)
def test_the_step_agrees_with_the_oracle_within_the_recommended_tolerance(
    vector: StepVector, contents: dict[str, dict[str, Any]]
) -> None:
    data = contents[vector.name]
    expected, _ = oracle_step(data["network"], vector.order)
    within(trace_part(data), expected, data["tolerance"]["step"])
    if vector.order == "simultaneous":
        for name, value in _oracle_by_name(vector, expected).items():
            within(data["names"][name], value, data["tolerance"]["step"], name)


@pytest.mark.parametrize("vector", VECTORS, ids=vector_name)
def test_the_step_after_the_step_is_the_oracles_forward_pass_at_its_update(
    vector: StepVector, contents: dict[str, dict[str, Any]]
) -> None:
    data = contents[vector.name]
    _, updated = oracle_step(data["network"], vector.order)
    after = oracle_trace(with_layers(data["network"], updated))
    bounds = data["tolerance"]["step"]
    within(data["after"]["layers"], after["layers"], bounds)
    within(data["after"]["loss"], after["loss"], bounds)
    assert data["after"]["names"]["E_total"] == data["after"]["loss"]["total"]
    assert data["after"]["names"]["E_total"] == data["training"]["E_total"]["1"]


def _oracle_training(
    data: dict[str, Any], order: str
) -> tuple[list[float], dict[str, Any], dict[str, Any]]:
    """E_total after each of `TRAINING_STEPS` steps, the network file after the last, and the
    oracle's trace there: each step's trace is the next step's starting point."""
    network, last, errors = data, oracle_trace(data), []
    for _ in range(TRAINING_STEPS):
        _, updated = oracle_step(network, order, last)
        network = with_layers(network, updated)
        last = oracle_trace(network)
        errors.append(last["loss"]["total"])
    return errors, network, last


@pytest.mark.parametrize("vector", VECTORS, ids=vector_name)
def test_training_agrees_with_the_oracle_within_the_recommended_tolerance(
    vector: StepVector, contents: dict[str, dict[str, Any]]
) -> None:
    """Ten thousand steps of the oracle, each from the parameters the last one left."""
    data = contents[vector.name]
    errors, network, last = _oracle_training(data["network"], vector.order)
    training, bounds = data["training"], data["tolerance"]["training"]
    assert training["steps"] == TRAINING_STEPS
    within(training["E_total"], {str(n): errors[n - 1] for n in CHECKPOINTS}, bounds)
    within(training["outputs"], last["layers"][-1]["out"], bounds)
    trained = replace(Problem.from_dict(network).network, naming=vector.problem.network.names)
    within(training["parameters"], by_name(trained), bounds)


def by_name(network: Network) -> dict[str, float]:
    """Every weight and bias under its name (the naming is the file's `naming`, which the
    network file itself does not record)."""
    names = network.names
    return {name: network.parameter(name) for name in (*names.weights, *names.biases)}


@pytest.mark.parametrize("vector", VECTORS, ids=vector_name)
def test_starting_parameters_by_name_are_the_networks(
    vector: StepVector, contents: dict[str, dict[str, Any]]
) -> None:
    assert contents[vector.name]["parameters"] == by_name(vector.problem.network)


@pytest.mark.parametrize(
    "vector", [v for v in VECTORS if v.order == "simultaneous"], ids=vector_name
)
def test_gradients_agree_with_finite_differences(
    vector: StepVector, contents: dict[str, dict[str, Any]]
) -> None:
    problem = vector.problem
    numerical = numerical_gradients(problem.network, problem.inputs, problem.targets)
    gradients = contents[vector.name]["gradients"]
    for l, layer in enumerate(gradients):
        expected = {"weights": numerical.weights[l], "biases": numerical.biases[l]}
        for kind in ("weights", "biases"):
            ours = json.dumps(layer[kind])
            for a, n in zip(_flat(layer[kind]), _flat(expected[kind])):
                assert relative_error(a, n) < 1e-7, (l, kind, ours)


def _flat(value: Any) -> list[float]:
    if isinstance(value, list | tuple):
        return [x for item in value for x in _flat(item)]
    return [float(value)]


def test_the_issues_numbers_are_in_the_files(contents: dict[str, dict[str, Any]]) -> None:
    """The most-cited numbers, and the two a peer copied wrong, as the files give them."""
    simultaneous, sequential = contents["mazur-simultaneous"], contents["mazur-sequential"]
    assert round(simultaneous["after"]["names"]["E_total"], 9) == 0.291027774
    assert round(sequential["after"]["names"]["E_total"], 9) == 0.291027924
    per_neuron = contents["mazur-per-neuron-biases"]["names"]
    assert round(per_neuron["b_o2+"], 9) == 0.619049118
    assert per_neuron["b_o2+"] == pytest.approx(0.6 - 0.5 * per_neuron["delta_o2"], rel=1e-15)
    assert round(simultaneous["names"]["w4+"], 4) == 0.2995


@pytest.mark.parametrize("vector", [v for v in VECTORS if v.figures], ids=vector_name)
def test_published_figures_carry_the_half_unit_their_digits_imply(
    vector: StepVector, contents: dict[str, dict[str, Any]]
) -> None:
    data = contents[vector.name]
    step = trace(vector.problem.network, *vector.problem.example, order=vector.order)
    assert [f["printed"] for f in data["published"]] == [f.printed for f in vector.figures]
    entries = [*data["published"], *data["training"]["published"]]
    for entry, figure in zip(data["published"], vector.figures):
        assert entry["value"] == figure.value(step)
    for entry in entries:
        printed, value, tolerance = entry["printed"], entry["value"], entry["tolerance"]
        decimals = len(printed.split(".")[1])
        assert tolerance == 0.5 * 10.0**-decimals
        assert entry["agreement"] == agreement(printed, value)
        gap = abs(float(printed) - value)
        if entry["agreement"] in ("exact", "rounding", "ambiguous"):
            assert gap <= tolerance * (1 + 1e-9), entry
        elif entry["agreement"] == "truncation":
            assert gap <= 2 * tolerance * (1 + 1e-9), entry


def test_the_mazur_files_carry_the_posts_training_claims(
    contents: dict[str, dict[str, Any]],
) -> None:
    sequential = {c["claim"]: c for c in contents["mazur-sequential"]["training"]["published"]}
    assert sequential["error after the first step"]["agreement"] == "rounding"
    assert sequential["out_o1 after 10,000 steps"]["agreement"] == "ambiguous"
    assert contents["neuralblog"]["training"]["published"] == []


@pytest.mark.parametrize("vector", VECTORS, ids=vector_name)
def test_every_file_follows_the_published_schema(
    vector: StepVector, contents: dict[str, dict[str, Any]]
) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(contents[vector.name])


def test_the_schema_refuses_a_file_that_drifts() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    data = vector_json(get("mazur-simultaneous"))
    assert validator.is_valid(data)
    assert not validator.is_valid({**data, "extra": 1})
    assert not validator.is_valid({**data, "names": {"w5+": "0.4"}})
    assert not validator.is_valid({**data, "checksum": "md5:00"})
    del data["after"]
    assert not validator.is_valid(data)


def test_the_schema_is_the_published_file() -> None:
    assert json.loads(files()[SCHEMA_FILE]) == SCHEMA
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("vector", VECTORS, ids=vector_name)
def test_the_checksum_is_the_sha256_of_the_canonical_json(
    vector: StepVector, contents: dict[str, dict[str, Any]]
) -> None:
    import hashlib

    data = contents[vector.name]
    content = {key: value for key, value in data.items() if key != "checksum"}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert data["checksum"] == checksum(data)
    if "e-" not in text and "e+" not in text:  # Python and RFC 8785 agree on these numbers
        assert data["checksum"] == "sha256:" + hashlib.sha256(text.encode()).hexdigest()
    changed = json.loads(json.dumps(data))
    changed["names"]["E_total"] += 1e-12
    assert checksum(changed) != data["checksum"]


def test_canonical_json_writes_numbers_as_javascript_does() -> None:
    cases = {
        0.0: "0",
        1.0: "1",
        100.0: "100",
        1e21: "1e+21",
        1e20: "100000000000000000000",
        0.000001: "0.000001",
        1e-7: "1e-7",
        3.5084786296312774e-05: "0.000035084786296312774",
        -1.5e-10: "-1.5e-10",
        123456789012345680000.0: "123456789012345680000",
        5e-324: "5e-324",
    }
    assert [canonical(x) for x in cases] == list(cases.values())
    assert canonical(-0.0) == "0"
    assert canonical({"b": 1, "a": [True, None, "δ\n"]}) == '{"a":[true,null,"δ\\n"],"b":1}'


def test_file_metadata_names_the_format_the_generator_and_the_license(
    contents: dict[str, dict[str, Any]],
) -> None:
    from importlib.metadata import version

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == LICENSE == "MIT"
    assert pyproject["project"]["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    assert "MIT License" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert version("backprop-steps") == pyproject["project"]["version"] == __version__
    for data in contents.values():
        assert data["generator"] == {"name": "backprop-steps", "version": __version__}
        assert data["license"] == LICENSE
        assert data["format_version"] == "1.0"
        assert set(data["conventions"]) == set(SCHEMA["properties"]["conventions"]["required"])


def test_conventions_state_the_sign_of_a_gradient_and_the_order(
    contents: dict[str, dict[str, Any]],
) -> None:
    mazur = contents["mazur-simultaneous"]["conventions"]
    assert mazur["names"] == "the Mazur post's numbering: h1 receives w1, w2 and h2 receives w3, w4"
    assert contents["neuralblog"]["conventions"]["names"].endswith(
        "h1 receives w1, w3 and h2 receives w2, w4"
    )
    assert "not the direction of the step" in mazur["gradient"]
    assert mazur["loss"] == r"$E_{total} = \sum_o \tfrac{1}{2}(target_o - out_o)^2$ (squared_error)"
    assert contents["mazur-sequential"]["conventions"]["order"].startswith("sequential: ")
    assert "B = 4" in contents["xor"]["conventions"]["examples"]


# --- the CSV -------------------------------------------------------------------------------------


def _at(data: Any, path: str) -> Any:
    """The value at a CSV row's path in a parsed JSON file: keys and indices joined by dots."""
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def test_the_csv_holds_every_number_of_every_file_under_its_path(
    contents: dict[str, dict[str, Any]],
) -> None:
    text = files()[CSV_FILE]
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    # no field is quoted: a reader may split each line at its commas, as the page says
    assert '"' not in text and [len(line.split(",")) for line in text.splitlines()] == [4] * len(
        rows
    )
    by_file = {v.filename: contents[v.name] for v in VECTORS}
    orders = {v.filename: v.order for v in VECTORS}
    counted: dict[str, int] = dict.fromkeys(by_file, 0)
    for file, order, name, value in rows[1:]:
        assert order == orders[file]
        assert float(value) == _at(by_file[file], name), (file, name)
        counted[file] += 1
    for file, data in by_file.items():
        assert counted[file] == len(_numbers(data)), file
        assert not [key for key in _keys(data) if "." in key], file


def _keys(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(k for item in value.values() for k in _keys(item))]
    return [k for item in value for k in _keys(item)] if isinstance(value, list) else []


def _numbers(value: Any) -> list[float]:
    if isinstance(value, dict):
        return [x for item in value.values() for x in _numbers(item)]
    if isinstance(value, list):
        return [x for item in value for x in _numbers(item)]
    return [value] if isinstance(value, int | float) and not isinstance(value, bool) else []


# --- the page's JavaScript, run by Node.js -------------------------------------------------------


def node() -> str:
    """Node.js, or skip (fail when BACKPROP_STEPS_REQUIRE_NODE=1, as in CI)."""
    found = shutil.which("node") or shutil.which("nodejs")
    if found is None:
        message = (
            "Node.js is not installed, so the page's JavaScript example cannot run. Install "
            "Debian's package: `sudo apt-get install nodejs` (`.ci/run` does this itself)."
        )
        if os.environ.get("BACKPROP_STEPS_REQUIRE_NODE") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return found


def javascript_of_the_page() -> str:
    page = (ROOT / "docs" / "test-vectors.md").read_text(encoding="utf-8")
    blocks = [fence.source for fence in fences(page) if fence.info == "js"]
    assert len(blocks) == 1, "docs/test-vectors.md should hold one ```js example"
    return blocks[0]


def test_the_pages_javascript_runs_against_the_published_files(site: Path) -> None:
    done = subprocess.run(
        [node(), "-"],
        input=javascript_of_the_page(),
        cwd=site / DIRECTORY,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{len(VECTORS)} files, every checksum agrees", done.stdout
    assert lines[1].startswith("mazur-simultaneous.json: the forward pass agrees"), done.stdout


def test_canonical_numbers_are_javascripts_for_random_doubles() -> None:
    draw = random.Random(21)
    doubles = [
        x
        for x in (
            struct.unpack("<d", draw.getrandbits(64).to_bytes(8, "little"))[0] for _ in range(3000)
        )
        if math.isfinite(x)
    ]
    doubles += [draw.uniform(-1, 1) * 10.0 ** draw.randint(-30, 30) for _ in range(3000)]
    script = "const xs = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
    script += "console.log(xs.map((x) => JSON.stringify(x)).join('\\n'));\n"
    done = subprocess.run(
        [node(), "-e", script],
        input=json.dumps(doubles),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [canonical(x) for x in doubles]
