"""`check`: a reader's numbers against the library's, and the diagnosis of known mistakes.

The catalogue against itself: every variant, on both presets and on random networks of other
shapes, produces numbers that `check` diagnoses as that variant; the reader's figures, the
command line and batches. The independent student, who works the step by hand and rounds as
people round, is in test_check_student.py.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_steps.check import check, report_json
from backprop_steps.cli import main
from backprop_steps.examples import MAZUR, NEURALBLOG
from backprop_steps.figures import Rounding, parse_given
from backprop_steps.mistakes import MISTAKES, variants
from backprop_steps.network import Layer, Network
from backprop_steps.problem import Problem
from backprop_steps.quantities import canonical, computed, quantities
from backprop_steps.scalar import trace
from backprop_steps.slips import OPPOSITE_SIGN, Slip, Variant
from backprop_steps.worked import variant_trace
from strategies import examples, problems
from student import student

PRESETS = {"mazur": MAZUR, "neuralblog": NEURALBLOG}


def written(values: dict[str, float], decimals: int = 9) -> dict[str, str]:
    return {name: f"{round(value, decimals) + 0.0:.{decimals}f}" for name, value in values.items()}


def ids(problem: Problem, given: dict[str, str], order: str = "simultaneous") -> list[str]:
    return [d.mistake for d in check(problem, given, order).diagnoses]


# --- the right computation ------------------------------------------------------------------


@pytest.mark.parametrize("order", ["simultaneous", "sequential"])
@pytest.mark.parametrize("preset", PRESETS)
def test_the_right_variant_is_the_trace_to_the_last_bit(preset: str, order: str) -> None:
    problem = PRESETS[preset]
    ours = quantities(trace(problem.network, *problem.example, order=order))
    assert quantities(variant_trace(problem, Variant(), order)) == ours


@settings(max_examples=examples(60))
@given(problems(max_depth=3, max_width=3), st.sampled_from(["simultaneous", "sequential"]))
def test_the_right_variant_is_the_trace_on_random_networks(problem: Problem, order: str) -> None:
    ours = quantities(trace(problem.network, *problem.example, order=order))
    theirs = quantities(variant_trace(problem, Variant(), order))
    assert list(theirs) == list(ours)
    assert all(
        theirs[k] == ours[k] or (math.isnan(ours[k]) and math.isnan(theirs[k])) for k in ours
    )


@pytest.mark.parametrize("decimals", [9, 6, 4])
@pytest.mark.parametrize("preset", PRESETS)
def test_correct_numbers_are_correct(preset: str, decimals: int) -> None:
    problem = PRESETS[preset]
    report = check(problem, written(quantities(trace(problem.network, *problem.example)), decimals))
    assert report.first_divergence is None
    assert report.diagnoses == ()
    assert report.matching == report.checked == 47


def test_truncated_figures_match_too() -> None:
    # 0.593269992 truncated to 4 decimals is 0.5932; rounded, 0.5933
    assert check(MAZUR, {"out_h1": "0.5932"}).first_divergence is None
    assert check(MAZUR, {"out_h1": "0.5933"}).first_divergence is None
    assert check(MAZUR, {"out_h1": "0.5931"}).first_divergence is not None


def test_school_rounding_of_a_tie_matches() -> None:
    # net_h2 = 0.25 * 0.05 + 0.30 * 0.10 + 0.35 = 0.3925 on paper; the double is just below
    for figure in ("0.393", "0.392", "0.3925"):
        assert check(MAZUR, {"net_h2": figure}).first_divergence is None, figure
    assert check(MAZUR, {"net_h2": "0.394"}).first_divergence is not None


# --- the catalogue against itself -----------------------------------------------------------


def _diagnosed_as_itself(problem: Problem, order: str = "simultaneous") -> set[str]:
    """Each variant's numbers are diagnosed as that variant; the ids exercised."""
    ours = quantities(trace(problem.network, *problem.example, order=order))
    seen = set()
    for variant in variants(problem, written(ours), order):
        try:
            theirs = computed(problem, variant, order)
        except (ValueError, OverflowError, ZeroDivisionError):
            continue
        given = written(theirs)
        if given == written(ours):
            continue  # this mistake changes nothing on this network
        assert variant.mistake in ids(problem, given, order), variant.message
        seen.add(variant.mistake)
    return seen


@pytest.mark.parametrize("order", ["simultaneous", "sequential"])
@pytest.mark.parametrize("preset", PRESETS)
def test_every_mistake_on_the_presets_is_diagnosed(preset: str, order: str) -> None:
    seen = _diagnosed_as_itself(PRESETS[preset], order)
    assert seen >= set(MISTAKES) - {
        "biases-frozen",  # both presets freeze the biases
        "cross-entropy-derivative-twice",  # both use squared error
        "batch-reduction",  # one example: a mean of one is its sum
        "per-example-deltas",  # likewise
        "rounded-intermediates",  # written at 9 decimals here; see below
    }


def test_cross_entropy_mistakes_are_diagnosed() -> None:
    for output, loss in (("sigmoid", "cross_entropy"), ("softmax", "cross_entropy")):
        layers = (MAZUR.network.layers[0], Layer(MAZUR.network.layers[1].weights, 0.6, output))
        network = Network(layers, loss=loss, learning_rate=0.5, update_biases=True)
        seen = _diagnosed_as_itself(Problem(network, MAZUR.inputs, MAZUR.targets))
        assert {"cross-entropy-derivative-twice", "biases-frozen"} <= seen


@settings(max_examples=examples(10))
@given(problems(max_depth=3, max_width=3))
def test_every_mistake_on_random_networks_is_diagnosed(problem: Problem) -> None:
    _diagnosed_as_itself(problem)


# --- the reader's figures -------------------------------------------------------------------


def test_a_string_keeps_its_trailing_zeros() -> None:
    assert parse_given('{"out_h1": "0.5930"}') == {"out_h1": "0.5930"}
    assert check(MAZUR, {"out_h1": "0.5930"}).first_divergence is not None  # 0.5933 at 4


def test_scientific_figures_are_compared_at_their_precision() -> None:
    assert check(MAZUR, {"dE_total/dw1": "4.386e-4"}).first_divergence is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"net_h3": 1}', "net_h3: unknown quantity"),
        ('{"net_h1": "one"}', "net_h1: expected a number, got 'one'"),
        ('{"net_h1": true}', "net_h1: expected a number, got true"),
        ('{"net_h1": null}', "net_h1: expected a number, got null"),
        ('{"net_h1": 1', "your numbers: not valid JSON"),
        ("[1, 2]", "your numbers: expected a JSON object"),
        ("net_h1 0.3 0.4", "line 1: expected a name and a number"),
        ('{"net_h1": "NaN"}', "net_h1: expected a number"),
    ],
)
def test_bad_figures_are_one_line_naming_the_field(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(")) as error:
        check(MAZUR, parse_given(text)) if not text.startswith("[") else parse_given(text)
    assert "\n" not in str(error.value)


# --- the command line -----------------------------------------------------------------------


def write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return str(path)


def test_check_json_has_the_issue_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = write(tmp_path, "mine.json", {"out_o1": 0.7514, "delta_o1": 0.741365})
    assert main(["check", "--example", "mazur", mine, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {"checked", "matching", "first_divergence", "diagnoses"} <= set(data)
    assert data["checked"] == 2 and data["matching"] == 1
    assert data["first_divergence"]["quantity"] == "delta_o1"
    assert data["first_divergence"]["yours"] == 0.741365
    assert {"mistake", "explains", "message"} <= set(data["diagnoses"][0])
    assert data == report_json(check(MAZUR, {"out_o1": "0.7514", "delta_o1": "0.741365"}))


def test_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    right = write(tmp_path, "right.json", {"out_o1": 0.7514})
    wrong = write(tmp_path, "wrong.json", {"out_o1": 0.6})
    bad = write(tmp_path, "bad.json", {"out_q1": 0.7})
    network = write(tmp_path, "net.json", MAZUR.to_dict())
    assert main(["check", "--example", "mazur", right]) == 0
    assert main(["check", network, right]) == 0
    assert main(["check", "--example", "mazur", wrong]) == 1
    capsys.readouterr()
    assert main(["check", "--example", "mazur", bad]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "out_q1: unknown quantity" in captured.err
    assert main(["check", right]) == 2  # a network file is missing
    assert "files: expected NETWORK.json MINE.json" in capsys.readouterr().err


def test_check_text_names_the_first_divergence_and_the_mistake(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = write(tmp_path, "mine.json", student(MAZUR, ["sign-flipped"]))
    assert main(["check", "--example", "mazur", mine]) == 1
    out = capsys.readouterr().out
    assert "First divergence: w5+" in out
    assert "Diagnosis (sign-flipped)" in out


def test_naming_reads_a_file_as_the_other_post_numbers_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = write(tmp_path, "nb.json", NEURALBLOG.to_dict())
    main(["trace", network, "--naming", "neuralblog", "--format", "json"])
    as_neuralblog = capsys.readouterr().out
    main(["trace", "--example", "neuralblog", "--format", "json"])
    assert as_neuralblog == capsys.readouterr().out
    main(["trace", network, "--naming", "neuralblog"])
    table = capsys.readouterr().out
    assert "naming neuralblog (given)" in table
    mine = write(tmp_path, "mine.json", {"w2+": f"{NEURALBLOG.network.parameter('w2'):.2f}"})
    assert main(["check", network, mine, "--naming", "neuralblog"]) == 0
    one_layer = write(
        tmp_path,
        "one.json",
        {
            "inputs": [1],
            "targets": [0],
            "layers": [{"weights": [[0.5]], "biases": 0.0, "activation": "sigmoid"}],
        },
    )
    assert main(["trace", one_layer, "--naming", "mazur"]) == 2
    assert "naming: --naming mazur numbers a 2-2-2 network" in capsys.readouterr().err


def test_tables_state_the_options_and_which_are_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {k: v for k, v in MAZUR.to_dict().items() if k != "update_biases"}
    network = write(tmp_path, "mazur.json", data)
    main(["trace", network])
    first = capsys.readouterr().out.splitlines()[0]
    assert "update_biases true (default)" in first
    assert "learning_rate 0.5," in first and "learning_rate 0.5 (default)" not in first
    assert "order simultaneous (default)" in first


def test_trace_takes_the_update_order(capsys: pytest.CaptureFixture[str]) -> None:
    main(["trace", "--example", "mazur", "--order", "sequential", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    sequential = trace(MAZUR.network, *MAZUR.example, order="sequential")
    assert data["deltas"][0][0] == sequential.delta("h1")
    assert data["deltas"][0][0] != trace(MAZUR.network, *MAZUR.example).delta("h1")


def test_a_closed_pipe_ends_quietly() -> None:
    command = f"{sys.executable} -m backprop_steps trace --example mazur | head -1"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True
    )
    assert result.stderr == ""
    assert result.returncode == 0
    assert result.stdout.startswith("Options:")


# --- a batch ----------------------------------------------------------------------------------


@settings(max_examples=examples(40))
@given(
    problems(max_depth=3, max_width=3, batch=True), st.sampled_from(["simultaneous", "sequential"])
)
def test_a_batch_step_agrees_with_the_numpy_engine(problem: Problem, order: str) -> None:
    from backprop_steps import vectorized

    network = problem.network
    ours = computed(problem, Variant(), order)
    batch = vectorized.trace(network, problem.inputs, problem.targets, order)
    assert math.isclose(ours["E_total"], batch.total_error, rel_tol=1e-9, abs_tol=1e-12)
    for name in [*network.names.weights, *network.names.biases]:
        assert math.isclose(
            ours[f"dE_total/d{name}"], batch.grad(name), rel_tol=1e-9, abs_tol=1e-12
        )
        assert math.isclose(ours[f"{name}+"], batch.new(name), rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_a_batch_copied_from_the_trace_table_matches(reduction: str) -> None:
    from backprop_steps import vectorized
    from backprop_steps.render.tables import trace_sections

    network = Network(MAZUR.network.layers, learning_rate=0.5, reduction=reduction)
    problem = Problem(network, [[0.05, 0.10], [0.90, 0.20]], [[0.01, 0.99], [0.99, 0.01]])
    sections = trace_sections(vectorized.trace(network, problem.inputs, problem.targets))
    given = {}
    for _, header, rows in sections:
        for row in rows:
            if header[1] == "example [1]":  # one column per example, as check numbers them
                given.update(
                    {f"{row[0]}{h[len('example ') :]}": v for h, v in zip(header[1:], row[1:])}
                )
            elif header[0] == "parameter":
                given[f"dE_total/d{row[0]}"], given[f"{row[0]}+"] = row[1], row[3]
            else:
                given[row[0]] = row[1]
    assert "delta_o1[2]" in given and "w5+" in given
    report = check(problem, given)
    assert report.first_divergence is None, report.first_divergence
    own = computed(problem, Variant(slips=(Slip("reduction", "per-example"),)))
    mine = {"delta_o1[1]": f"{own['delta_o1[1]']:.9f}", "w5+": given["w5+"]}
    found = ids(problem, mine)
    assert found == ([] if reduction == "sum" else ["per-example-deltas"])


def test_mean_and_sum_exchanged_in_a_batch_is_diagnosed() -> None:
    X = [[0.05, 0.10], [0.90, 0.20]]
    Y = [[0.01, 0.99], [0.99, 0.01]]
    for reduction in ("mean", "sum"):
        network = Network(MAZUR.network.layers, learning_rate=0.5, reduction=reduction)
        problem = Problem(network, X, Y)
        theirs = computed(problem, Variant(slips=(Slip("reduction", "opposite"),)))
        given_figures = written({k: v for k, v in theirs.items() if "[" not in k})
        report = check(problem, given_figures)
        found = {d.mistake: d for d in report.diagnoses}
        assert "batch-reduction" in found
        if reduction == "mean":  # two examples: the sum is twice the mean, as without the 1/2
            assert "[1]" in (found["batch-reduction"].tell_apart or "")  # an example's own
        assert "[2]" in " ".join(computed(problem, Variant()))  # each example's, by number


@settings(max_examples=examples(6))
@given(problems(max_depth=2, max_width=2, batch=True))
def test_every_mistake_on_random_batches_is_diagnosed(problem: Problem) -> None:
    ours = computed(problem, Variant())
    for variant in variants(problem, written(ours)):
        try:
            theirs = computed(problem, variant)
        except (ValueError, OverflowError, ZeroDivisionError):
            continue
        if written(theirs) != written(ours):
            assert variant.mistake in ids(problem, written(theirs)), variant.message


# --- found by trying it as a tester would -------------------------------------------------------


def test_a_typo_is_not_explained_by_a_mistake_that_breaks_the_right_numbers() -> None:
    figures = written(quantities(trace(MAZUR.network, *MAZUR.example)))
    figures = {k: figures[k] for k in ("w5+", "w6+", "w7+", "w8+")}
    figures["w5+"] = figures["w5+"][:-3] + "999"  # a typo in one number
    report = check(MAZUR, figures)
    assert report.first_divergence is not None
    assert report.diagnoses == ()


def test_a_mistake_worked_at_4_decimals_is_found() -> None:
    theirs = computed(MAZUR, Variant(slips=(Slip("update", "added"),), rounding=Rounding(4)))
    figures = written({k: theirs[k] for k in ("out_o1", "E_total", "w5+", "w1+", "w4+")}, 4)
    assert "sign-flipped" in ids(MAZUR, figures)


def test_a_mistake_in_one_hidden_layer_of_a_deeper_network_is_found() -> None:
    layers = (
        Layer([[0.15, 0.2], [0.25, 0.3]], 0.35),
        Layer([[0.3, -0.2], [0.1, 0.4]], 0.1, "tanh"),
        Layer([[0.4, 0.45], [0.5, 0.55]], 0.6),
    )
    problem = Problem(Network(layers), MAZUR.inputs, MAZUR.targets)
    theirs = computed(problem, Variant(slips=(Slip("slope", "one", frozenset({0})),)))
    figures = written({k: theirs[k] for k in ("delta_h2_1", "delta_h1_1", "delta_h1_2", "w1+")})
    assert "missing-activation-derivative" in ids(problem, figures)


def test_messages_write_the_slope_of_the_layer_s_activation() -> None:
    layers = (Layer([[0.15, 0.2], [0.25, 0.3]], 0.35, "tanh"), MAZUR.network.layers[1])
    problem = Problem(Network(layers), MAZUR.inputs, MAZUR.targets)
    theirs = computed(problem, Variant(slips=(Slip("slope", "net", frozenset({0})),)))
    report = check(problem, written({"delta_h1": theirs["delta_h1"]}))
    assert any("1 - net^2 instead of 1 - out^2" in d.message for d in report.diagnoses)


def test_a_flipped_delta_with_cross_entropy_is_found() -> None:
    output = Layer(MAZUR.network.layers[1].weights, 0.6, "sigmoid")
    network = Network((MAZUR.network.layers[0], output), loss="cross_entropy")
    problem = Problem(network, MAZUR.inputs, MAZUR.targets)
    theirs = computed(problem, Variant(slips=(Slip("error_derivative", "scaled", value=-1.0),)))
    # deltas alone cannot tell a flipped sign from the other sign convention: the new weights do
    assert ids(problem, written({k: theirs[k] for k in ("delta_o1", "delta_o2")})) == [
        "error-derivative-sign",
        "opposite-sign-convention",
    ]
    with_weights = written({k: theirs[k] for k in ("delta_o1", "delta_o2", "w5+")})
    assert ids(problem, with_weights) == ["error-derivative-sign"]


def test_numbers_labelled_in_the_other_post_s_numbering_are_recognised() -> None:
    ours = quantities(trace(NEURALBLOG.network, *NEURALBLOG.example))
    figures = written({"dE_total/dw2": ours["dE_total/dw3"], "dE_total/dw3": ours["dE_total/dw2"]})
    report = check(NEURALBLOG, figures)
    assert [d.mistake for d in report.diagnoses] == ["swapped-weights"]
    assert "mazur post" in report.diagnoses[0].message


def test_a_rate_seen_only_in_the_bias_updates_is_found() -> None:
    network = Network(MAZUR.network.layers, learning_rate=0.5, update_biases=True)
    problem = Problem(network, MAZUR.inputs, MAZUR.targets)
    theirs = computed(problem, Variant(slips=(Slip("update", "rate", value=0.07),)))
    report = check(problem, written({"b1+": theirs["b1+"], "b2+": theirs["b2+"]}))
    assert [d.mistake for d in report.diagnoses] == ["learning-rate"]
    assert "0.07" in report.diagnoses[0].message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "your numbers: none given"),
        ("{}", "your numbers: none given"),
        ('{"out_h1": "1e400"}', "out_h1: 1e400 is beyond the range"),
        ('{"out_h1": "0.4_9"}', "out_h1: expected a number"),
        ('{"out_h1": 0.5, "out_h1": 0.6}', "out_h1: given twice"),
        ("out_h1 0.5\nout_h1 0.6", "out_h1: given twice"),
    ],
)
def test_more_bad_figures(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message):
        check(MAZUR, parse_given(text))


def test_a_huge_figure_or_name_in_a_file_is_cut_in_its_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for mine in ('{"out_h1": ' + "9" * 5000 + "}", "out_h1 " + "1" * 5000, "x" * 5000 + " 0.5"):
        path = write(tmp_path, "mine.json", mine)
        assert main(["check", "--example", "mazur", path]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.count("\n") == 1
        assert len(captured.err) < 300 and "(5000 characters)" in captured.err


def test_a_byte_order_mark_is_ignored() -> None:
    assert parse_given('\ufeff{"out_h1": 0.5933}') == {"out_h1": "0.5933"}


def test_a_batch_name_without_its_example_says_how_to_name_it() -> None:
    problem = Problem(MAZUR.network, [[0.05, 0.1], [0.9, 0.2]], [[0.01, 0.99], [0.99, 0.01]])
    with pytest.raises(ValueError, match=r"^delta_o1: on a batch, number each example's value"):
        check(problem, {"delta_o1": "0.1"})


def test_a_whole_number_is_taken_as_exact() -> None:
    assert check(MAZUR, {"w5+": "1"}).first_divergence is not None  # 0.358916480 is not 1
    assert check(MAZUR, {"b1+": "0.35"}).first_divergence is None


# --- the posts' names, and what each diagnosis says -----------------------------------------------


def test_the_names_the_posts_give_are_read_as_ours() -> None:
    ours = quantities(trace(NEURALBLOG.network, *NEURALBLOG.example))
    figures = {
        "sum_h1": f"{ours['net_h1']:.9f}",
        "output_o1": f"{ours['out_o1']:.9f}",
        "E_1": f"{ours['E_o1']:.9f}",
        "new_w5": f"{ours['w5+']:.9f}",
    }
    report = check(NEURALBLOG, figures)
    assert [r.quantity for r in report.rows] == ["net_h1", "out_o1", "E_o1", "w5+"]
    assert report.first_divergence is None
    with pytest.raises(ValueError, match=r"^w5\+: given twice \(as new_w5 too\)"):
        check(NEURALBLOG, {"w5+": "0.1", "new_w5": "0.1"})


def test_every_post_name_the_notation_page_lists_is_read() -> None:
    import re

    page = (Path(__file__).parent.parent / "docs" / "notation.md").read_text(encoding="utf-8")
    listed = re.findall(r"neuralblog: \$([^$]+)\$", page)
    ours = computed(NEURALBLOG)
    names = []
    for tex in listed:
        name = re.sub(r"_\{(\w+)\}", r"_\1", tex.replace("\\_", "_"))
        name = re.sub(r"(?<![a-z])([wb])_(\d)", r"\1\2", name)
        if name != "n":  # the learning rate, not a quantity of the step
            names.append(name)
            assert canonical(name) in ours, (tex, name)
    assert names == ["sum_h1", "output_h1", "E_1", "new_w5"]


def _batch() -> Problem:
    network = Network(MAZUR.network.layers, learning_rate=0.5, reduction="mean")
    return Problem(network, [[0.05, 0.10], [0.90, 0.20]], [[0.01, 0.99], [0.99, 0.01]])


def _learning() -> Problem:
    network = Network(MAZUR.network.layers, learning_rate=0.5, update_biases=True)
    return Problem(network, *MAZUR.example)


def _cross_entropy() -> Problem:
    output = Layer(MAZUR.network.layers[1].weights, 0.6, "softmax")
    return Problem(Network((MAZUR.network.layers[0], output), loss="cross_entropy"), *MAZUR.example)


MESSAGES = [
    # (problem, order, slips or other variant fields, id, what the message says)
    (MAZUR, "simultaneous", {"slips": (Slip("weights", "exchanged", at=(0, 0, 0, 0, 1)),)},
     "swapped-weights", "You exchanged w1 and w2: w1 = 0.2 and w2 = 0.15."),
    (NEURALBLOG, "simultaneous", {"relabeled": ("w2", "w3")}, "swapped-weights",
     "You numbered the hidden weights as the mazur post does"),
    (MAZUR, "simultaneous", {"order": "sequential"}, "sequential-update",
     "from the output weights already updated"),
    (MAZUR, "sequential", {"order": "simultaneous"}, "sequential-update",
     "from the output weights before the step (the simultaneous order)"),
    (MAZUR, "simultaneous", {"slips": (Slip("slope", "one", frozenset({1})),)},
     "missing-activation-derivative", "out of the deltas in the output layer only"),
    (MAZUR, "simultaneous", {"slips": (Slip("slope", "net", frozenset({0})),)},
     "derivative-of-net", "in the hidden layer only: net(1 - net) instead of out(1 - out)"),
    (MAZUR, "simultaneous", {"slips": (Slip("slope", "twice"),)}, "derivative-applied-twice",
     "in every layer: sigma(out)(1 - sigma(out)) instead of out(1 - out)"),
    (MAZUR, "simultaneous", {"slips": (Slip("update", "added"),)}, "sign-flipped",
     "it must subtract it"),
    (MAZUR, "simultaneous",
     {"slips": (Slip("error", "scaled", value=2.0), Slip("error_derivative", "scaled", value=2.0))},
     "missing-half", "You left the 1/2 out of the squared error"),
    (MAZUR, "simultaneous", {"slips": (Slip("error_derivative", "scaled", value=2.0),)},
     "missing-half", "differentiated (t - out)^2 without it"),
    (MAZUR, "simultaneous", {"slips": (Slip("update", "rate", value=1.0),)}, "learning-rate",
     "the learning rate 1 (the learning rate left out); the problem's is 0.5."),
    (MAZUR, "simultaneous", {"slips": (Slip("share", "one-output", at=(1,)),)}, "single-path",
     "from o2 only"),
    (MAZUR, "simultaneous",
     {"slips": (Slip("share", "other-weight", frozenset({1}), at=(1, 0, 0, 1)),)},
     "share-through-wrong-weight",
     "You took dE_o2/dout_h1 as delta_o2 times w6; the path from h1 to o2 runs through w7"),
    (MAZUR, "simultaneous", {"slips": (Slip("share", "transposed", frozenset({1})),)},
     "share-through-wrong-weight", "dE_o1/dout_h2 through w7 instead of w6"),
    (MAZUR, "simultaneous", {"slips": (Slip("update_biases", "opposite"),)}, "biases-updated",
     "You updated the biases; this problem keeps them frozen."),
    (_learning(), "simultaneous", {"slips": (Slip("update_biases", "opposite"),)},
     "biases-frozen", "You kept the biases frozen; this problem updates them."),
    (_learning(), "simultaneous",
     {"slips": (Slip("bias_gradient", "one-neuron", frozenset({1}), at=(1,)),)},
     "bias-per-neuron", "You took the gradient of b2 as delta_o2 alone; b2 feeds every neuron"),
    (MAZUR, "simultaneous", {"slips": (Slip("net_input", "without-bias", frozenset({0})),)},
     "missing-bias", "You left the bias out of the net inputs in the hidden layer only."),
    (MAZUR, "simultaneous", {"slips": (Slip("gradient_input", "net"),)}, "net-instead-of-out",
     "(out_h1 for w5, not net_h1)"),
    (_cross_entropy(), "simultaneous", {"slips": (Slip("short_delta", "with-slope"),)},
     "cross-entropy-derivative-twice", "the slope has already cancelled"),
    (_batch(), "simultaneous", {"slips": (Slip("reduction", "opposite"),)}, "batch-reduction",
     "You took the sum of the examples' gradients; this problem's loss is the mean"),
    (_batch(), "simultaneous", {"slips": (Slip("reduction", "per-example"),)},
     "per-example-deltas", "Your deltas (and dE_total/dout) are each example's own"),
    (MAZUR, "simultaneous", {"rounding": Rounding(4)}, "rounded-intermediates",
     "Your method is right: you rounded every intermediate half up to 4 decimals"),
    (MAZUR, "simultaneous", {"slips": (Slip("error_derivative", "scaled", value=-1.0),)},
     "error-derivative-sign", "-(target - out) = out - target"),
    (_cross_entropy(), "simultaneous",
     {"slips": (Slip("error_derivative", "scaled", value=-1.0),)}, "error-derivative-sign",
     "You took delta = target - out at the outputs"),
    (MAZUR, "simultaneous", {"slips": OPPOSITE_SIGN.slips}, "opposite-sign-convention",
     "Your numbers are right in the other sign convention"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("problem", "order", "fields", "mistake", "says"), MESSAGES, ids=[m[3] for m in MESSAGES]
)
def test_each_diagnosis_says_what_the_reader_did(
    problem: Problem, order: str, fields: dict[str, object], mistake: str, says: str
) -> None:
    variant = Variant(**fields)  # type: ignore[arg-type]
    decimals = variant.rounding.digits if variant.rounding else 9
    theirs = computed(problem, variant, order)
    report = check(problem, written({k: v for k, v in theirs.items()}, decimals), order)
    found = [d for d in report.diagnoses if d.mistake == mistake and not d.partial]
    assert any(says in d.message for d in found), [d.message for d in report.diagnoses]
    assert not any(d.message.startswith("Two mistakes") for d in found)  # one mistake


def test_every_mistake_s_message_is_asserted() -> None:
    assert {m[3] for m in MESSAGES} == set(MISTAKES)


def test_the_verdict_says_when_no_mistake_explains_the_numbers() -> None:
    from backprop_steps.render.reports import report_text

    text = report_text(check(MAZUR, {"out_h1": "0.7"}))
    assert "First divergence: out_h1: yours 0.7, ours 0.593269992." in text
    assert text.endswith("No mistake of the catalogue explains your numbers.")
    text = report_text(check(MAZUR, {"delta_o1": "0.741365070"}))
    assert "To tell it from the other diagnoses, give delta_h1." in text
    assert "1 of your 1 numbers match" not in text and "0 of your 1 numbers match." in text


def test_a_mistake_with_another_learning_rate_is_named_as_a_pair() -> None:
    from backprop_steps.mistakes import learning_rate

    halves = [v for v in variants(MAZUR, {}) if v.mistake == "missing-half"]
    both = halves[0].joined(learning_rate(MAZUR, 0.3))
    assert both is not None
    theirs = computed(MAZUR, both)
    figures = written({k: theirs[k] for k in ("E_o1", "delta_o1", "w5+", "w1+")}, 6)
    [diagnosis] = check(MAZUR, figures).diagnoses
    assert diagnosis.mistakes == ("missing-half", "learning-rate")
    assert "learning rate 0.3;" in diagnosis.message and not diagnosis.partial
