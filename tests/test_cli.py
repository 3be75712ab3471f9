"""The command line: output shapes, JSON round trip, and one clear line for every bad input."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from backprop_steps.cli import main
from backprop_steps.display import number
from backprop_steps.examples import MAZUR
from backprop_steps.jsonshapes import trace_json
from backprop_steps.problem import Problem
from backprop_steps.scalar import trace
from backprop_steps.training import step
from strategies import examples, problems

MAZUR_FILE: dict[str, Any] = {
    "inputs": [0.05, 0.10],
    "targets": [0.01, 0.99],
    "layers": [
        {"weights": [[0.15, 0.20], [0.25, 0.30]], "biases": 0.35, "activation": "sigmoid"},
        {"weights": [[0.40, 0.45], [0.50, 0.55]], "biases": 0.60, "activation": "sigmoid"},
    ],
    "loss": "squared_error",
    "learning_rate": 0.5,
    "update_biases": False,
    "reduction": "mean",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, data: object, raw: str | None = None) -> str:
    path = tmp_path / "network.json"
    path.write_text(raw if raw is not None else json.dumps(data), encoding="utf-8")
    return str(path)


def test_the_issue_example_file_is_the_mazur_preset() -> None:
    assert Problem.from_dict(MAZUR_FILE) == MAZUR
    assert Problem.from_dict(MAZUR.to_dict()) == MAZUR


def test_trace_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "trace", "--example", "mazur", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["layers", "loss", "deltas", "gradients", "updated"]
    assert data["loss"]["total"] == pytest.approx(0.298371109, abs=5e-10)
    assert data["layers"][1]["out"][0] == pytest.approx(0.75136507, abs=5e-10)
    assert data["gradients"][1]["weights"][0][0] == pytest.approx(0.082167041, abs=5e-10)
    assert data["gradients"][0]["biases"] == pytest.approx(sum(data["deltas"][0]))
    assert data["updated"][0]["biases"] == 0.35  # frozen, and still one shared number
    assert data["updated"][1]["weights"][0][0] == pytest.approx(0.35891648, abs=5e-10)


def test_trace_of_a_file_equals_the_preset(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from_file = run(capsys, "trace", write(tmp_path, MAZUR_FILE), "--format", "json")[1]
    from_preset = run(capsys, "trace", "--example", "mazur", "--format", "json")[1]
    assert from_file == from_preset


@settings(max_examples=examples(60))
@given(problems(batch=None))
def test_json_round_trip_of_random_networks(problem: Problem) -> None:
    text = json.dumps(problem.to_dict())
    again = Problem.from_json(text)
    assert again == problem
    data = trace_json(step(again.network, again.inputs, again.targets))
    assert json.loads(json.dumps(data)) == data
    assert len(data["layers"]) == len(problem.network.layers)


def test_batch_trace_carries_the_example_dimension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    batch = dict(
        MAZUR_FILE, inputs=[[0.05, 0.10], [0.05, 0.10]], targets=[[0.01, 0.99], [0.01, 0.99]]
    )
    data = json.loads(run(capsys, "trace", write(tmp_path, batch), "--format", "json")[1])
    single = trace(MAZUR.network, *MAZUR.example)
    assert len(data["layers"][0]["net"]) == 2
    assert data["loss"]["total"] == pytest.approx(single.total_error)  # mean of two equal examples
    assert data["deltas"][1][0][0] == pytest.approx(single.delta("o1") / 2)  # carries 1/batch
    assert data["gradients"][1]["weights"][0][0] == pytest.approx(single.grad("w5"))


def test_trace_table_names_every_quantity(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "trace", "--example", "mazur")
    assert code == 0
    for name in (
        "net_h1",
        "out_o2",
        "E_total",
        "dE_total/dout_o1",
        "dout_o1/dnet_o1",
        "delta_h2",
        "w8",
        "b2",
    ):
        assert name in out
    assert "0.358916480" in out


def test_trace_markdown_is_tables(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "trace", "--example", "neuralblog", "--format", "markdown")[1]
    assert "### Forward pass" in out
    assert "| w5 | 0.080203124 | 0.5 | 0.451878125 |" in out


def test_train_json(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(
        capsys,
        "train",
        "--example",
        "mazur",
        "--steps",
        "1",
        "--order",
        "sequential",
        "--format",
        "json",
    )[1]
    data = json.loads(out)
    assert len(data["errors"]) == 2
    assert data["errors"][1] == pytest.approx(0.291027924, abs=5e-10)
    assert len(data["outputs"]) == 2


def test_train_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "train", "--example", "mazur", "--steps", "100")
    assert code == 0
    assert "out_o1" in out
    assert "0.298371109" in out


def test_module_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backprop_steps", "trace", "--example", "mazur"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "0.298371109" in result.stdout


def mutated(path: str, value: object) -> dict[str, Any]:
    """MAZUR_FILE with the field at `path` (dotted, numbers index lists) set or deleted."""
    data = copy.deepcopy(MAZUR_FILE)
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target: Any = data
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return data


DELETE = object()

BAD_INPUTS: dict[str, tuple[object, str]] = {
    # case: (file content or (path, value), what the one line must start with)
    "not json": ("{inputs: [0.05", "network file: not valid JSON"),
    "not an object": ("[1, 2]", "network file: expected a JSON object"),
    "empty file": ("", "network file: not valid JSON"),
    "missing inputs": (("inputs", DELETE), "inputs: missing field"),
    "missing targets": (("targets", DELETE), "targets: missing field"),
    "missing layers": (("layers", DELETE), "layers: missing field"),
    "missing weights": (("layers.0.weights", DELETE), "layers[0].weights: missing field"),
    "missing biases": (("layers.1.biases", DELETE), "layers[1].biases: missing field"),
    "missing activation": (("layers.0.activation", DELETE), "layers[0].activation: missing field"),
    "unknown field": (("learning rate", 0.5), "learning rate: unknown field"),
    "string weight": (
        ("layers.0.weights.1.0", "0.25"),
        "layers[0].weights[1][0]: expected a number",
    ),
    "string input": (("inputs.1", "x"), "inputs[1]: expected a number"),
    "boolean input": (("inputs.0", True), "inputs[0]: expected a number"),
    "null bias": (("layers.0.biases", None), "layers[0].biases: expected a number"),
    "ragged rows": (
        ("layers.0.weights", [[0.15, 0.2], [0.25]]),
        "layers[0].weights[1]: expected 2 numbers",
    ),
    "wrong width": (
        ("layers.1.weights", [[0.4, 0.45, 0.1], [0.5, 0.55, 0.1]]),
        "layers[1].weights[0]: expected 2 numbers",
    ),
    "too many inputs": (("inputs", [0.05, 0.1, 0.2]), "inputs: expected 2 numbers"),
    "too few targets": (("targets", [0.01]), "targets: expected 2 numbers"),
    "bias per neuron miscounted": (
        ("layers.0.biases", [0.35]),
        "layers[0].biases: expected 2 numbers",
    ),
    "batch size mismatch": (
        ("targets", [[0.01, 0.99], [0.01, 0.99]]),
        "targets: inputs and targets",
    ),
    "empty weights": (("layers.0.weights", []), "layers[0].weights: expected at least one row"),
    "empty layers": (("layers", []), "layers: expected a non-empty list"),
    "unknown activation": (
        ("layers.0.activation", "gelu"),
        "layers[0].activation: unknown activation",
    ),
    "unknown loss": (("loss", "hinge"), "loss: unknown loss"),
    "softmax first": (
        ("layers.0.activation", "softmax"),
        "layers[0].activation: softmax is allowed only",
    ),
    "zero learning rate": (("learning_rate", 0), "learning_rate: must be positive"),
    "negative learning rate": (("learning_rate", -0.5), "learning_rate: must be positive"),
    "string learning rate": (("learning_rate", "0.5"), "learning_rate: expected a number"),
    "update_biases not boolean": (("update_biases", "no"), "update_biases: expected true or false"),
    "unknown reduction": (("reduction", "max"), "reduction: unknown reduction"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_gives_one_line_and_exit_code_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    content, expected = BAD_INPUTS[case]
    if isinstance(content, tuple):
        path = write(tmp_path, mutated(*content))
    else:
        path = write(tmp_path, None, raw=str(content))
    for argv in (
        ["trace", path],
        ["trace", path, "--format", "json"],
        ["train", path, "--steps", "3"],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2
        assert out == ""
        assert err.count("\n") == 1
        assert err.startswith(f"backprop-steps: error: {expected}"), err
    with pytest.raises(ValueError, match=r"^" + expected.replace("[", r"\[").replace("]", r"\]")):
        Problem.from_json(Path(path).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("literal", "field"),
    [
        ("NaN", "inputs[0]"),
        ("Infinity", "inputs[0]"),
        ("1e999", "inputs[0]"),
        ("9" * 400, "inputs[0]"),
    ],
)
def test_nan_and_infinity_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, literal: str, field: str
) -> None:
    text = json.dumps(MAZUR_FILE).replace("[0.05, 0.1]", f"[{literal}, 0.1]", 1)
    code, out, err = run(capsys, "trace", write(tmp_path, None, raw=text))
    assert (code, out) == (2, "")
    assert err.startswith(f"backprop-steps: error: {field}: expected a finite number")


def test_cross_entropy_targets_outside_0_1_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = dict(MAZUR_FILE, loss="cross_entropy", targets=[0.01, 1.5])
    code, out, err = run(capsys, "trace", write(tmp_path, data))
    assert (code, out) == (2, "")
    assert (
        err == "backprop-steps: error: targets[1]: cross_entropy needs targets in [0, 1], got 1.5\n"
    )


def test_cross_entropy_needs_a_sigmoid_or_softmax_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = mutated("layers.1.activation", "tanh")
    data["loss"] = "cross_entropy"
    code, _, err = run(capsys, "trace", write(tmp_path, data))
    assert code == 2
    assert err.startswith("backprop-steps: error: loss: cross_entropy needs a sigmoid or softmax")


def test_missing_file_and_bad_arguments(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "trace", str(tmp_path / "nope.json"))
    assert (code, out) == (2, "")
    assert err.endswith("nope.json: no such file\n")
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--example", "mazur", "--steps", "-3"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_overflow_is_reported_not_printed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = copy.deepcopy(MAZUR_FILE)
    data["layers"] = [{"weights": [[1e300, 1e300]], "biases": 0.0, "activation": "identity"}]
    data["targets"] = [0.0]
    code, out, err = run(capsys, "trace", write(tmp_path, data))
    assert (code, out) == (2, "")
    assert "overflowed" in err


def test_bad_input_in_a_subprocess_has_no_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, mutated("layers.0.activation", "softmax"))
    result = subprocess.run(
        [sys.executable, "-m", "backprop_steps", "trace", path], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_trace_computes_the_step_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    import backprop_steps.scalar as scalar

    calls = []
    original = scalar.trace

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(scalar, "trace", counted)
    assert run(capsys, "trace", "--example", "mazur", "--format", fmt)[0] == 0
    assert len(calls) == 1


def test_every_table_entry_works_from_a_network_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from backprop_steps.activations import ACTIVATIONS
    from backprop_steps.losses import LOSS_NAMES

    assert {"leaky_relu", "huber"} <= set(ACTIVATIONS) | set(LOSS_NAMES)
    data = copy.deepcopy(MAZUR_FILE)
    data["layers"][0]["activation"] = "leaky_relu"
    data["loss"] = "huber"
    code, out, err = run(capsys, "trace", write(tmp_path, data), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["loss"]["total"] > 0


PER_NEURON_FILE = dict(
    MAZUR_FILE,
    layers=[
        dict(MAZUR_FILE["layers"][0], biases=[0.35, 0.4]),
        dict(MAZUR_FILE["layers"][1], biases=[0.6, 0.65]),
    ],
    update_biases=True,
)
"""The Mazur network with one bias per neuron, each a different number."""

PER_NEURON_BIASES = ("b_h1", "b_h2", "b_o1", "b_o2")


def rows(table: str) -> dict[str, list[str]]:
    """The rows of the `trace` table by their first cell: the other cells."""
    return {line.split()[0]: line.split()[1:] for line in table.splitlines() if line.strip()}


@pytest.mark.parametrize("naming", ["mazur", "neuralblog"])
def test_a_naming_keeps_every_bias_of_a_network_with_one_per_neuron(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, naming: str
) -> None:
    path = write(tmp_path, PER_NEURON_FILE)
    code, out, err = run(capsys, "trace", path, "--naming", naming)
    assert (code, err) == (0, "")
    assert f"naming {naming} (given)" in out
    single = trace(Problem.from_dict(PER_NEURON_FILE).network, *MAZUR.example)
    for name in PER_NEURON_BIASES:  # parameter, gradient, before, after
        grad, before, after = single.grad(name), single.network.parameter(name), single.new(name)
        expected = [number(grad), number(before, given=True), number(after)]
        assert rows(out)[name] == expected, name
    # JSON: every bias of the step, and the reader's number for each, by its name
    data = json.loads(run(capsys, "trace", path, "--naming", naming, "--format", "json")[1])
    assert [len(g["biases"]) for g in data["gradients"]] == [2, 2]
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({f"{b}+": f"{single.new(b):.9f}" for b in PER_NEURON_BIASES}))
    code, out, err = run(capsys, "check", path, str(mine), "--naming", naming, "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert sorted(row["quantity"] for row in report["rows"]) == [f"{b}+" for b in PER_NEURON_BIASES]
    assert report["matching"] == report["checked"] == 4


def test_the_neuralblog_naming_numbers_the_weights_of_a_network_with_one_bias_per_neuron(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, PER_NEURON_FILE)
    neuralblog = rows(run(capsys, "trace", path, "--naming", "neuralblog")[1])
    mazur = rows(run(capsys, "trace", path, "--naming", "mazur")[1])
    # w2 leads from i1 to h2 in the neuralblog post: the Mazur post's w3
    assert neuralblog["w2"] == mazur["w3"] and neuralblog["w3"] == mazur["w2"]
    assert neuralblog["w2"] != mazur["w2"]


def test_a_naming_that_does_not_fit_the_network_is_one_line_and_exit_code_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = mutated("layers.1.weights", [[0.40, 0.45]])
    data["targets"] = [0.01]
    for argv in (["trace"], ["trace", "--format", "json"], ["train", "--steps", "2"]):
        code, out, err = run(
            capsys, argv[0], write(tmp_path, data), *argv[1:], "--naming", "neuralblog"
        )
        assert (code, out) == (2, "")
        assert err == (
            "backprop-steps: error: naming: --naming neuralblog numbers a 2-2-2 network; this one is "
            "2-2-1\n"
        )
