"""`check` judged from the reader's side.

An independent student (tests/student.py: decimal arithmetic, the logistic function as a
calculator shows it, school rounding with `decimal`) works the 2-2-2 step by hand, makes a
mistake of the catalogue or two, keeps every digit or rounds every intermediate to some decimals
or significant digits and carries it forward, and types the result; `check` must name what the
student did, and never name something else with confidence.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_steps.check import Report, check
from backprop_steps.examples import MAZUR, NEURALBLOG
from backprop_steps.network import Layer, Network
from backprop_steps.problem import Problem
from backprop_steps.render.reports import report_text
from strategies import examples
from student import MISTAKES, student

PRESETS = {"mazur": MAZUR, "neuralblog": NEURALBLOG}
ROUNDINGS = [(k, significant) for k in range(2, 7) for significant in (False, True)]
"""Every way the student carries: 2 to 6 decimals, or significant digits."""


def named(report: Report) -> list[str]:
    """The mistakes the report names with confidence (its full diagnoses)."""
    return [d.mistake for d in report.diagnoses if not d.partial]


def assert_named(
    problem: Problem,
    mistakes: tuple[str, ...],
    digits: int | None = None,
    significant: bool = False,
    truncate: bool = False,
) -> Report:
    """The student's work with these mistakes is named as them (or matches, or is named as the
    right method, when the mistakes change nothing the student wrote at this rounding)."""
    figures = student(problem, mistakes, digits, significant, truncate)
    report = check(problem, figures)
    if report.first_divergence is None:
        assert figures == student(problem, (), digits, significant, truncate)
        return report
    expected = "+".join(mistakes) if mistakes else "rounded-intermediates"
    found = named(report)
    if digits is not None and found == ["rounded-intermediates"]:  # invisible at this rounding
        assert figures == student(problem, (), digits, significant, truncate), found
        return report
    assert found, [(d.mistake, d.partial) for d in report.diagnoses]
    assert all(not d.partial for d in report.diagnoses)
    assert any(set(d.split("+")) == set(expected.split("+")) for d in found), found
    return report


# --- one mistake, or none ------------------------------------------------------------------------


@pytest.mark.parametrize("preset", PRESETS)
def test_correct_work_in_full_precision_matches(preset: str) -> None:
    report = check(PRESETS[preset], student(PRESETS[preset]))
    assert report.first_divergence is None and report.diagnoses == ()


@pytest.mark.parametrize("mistake", MISTAKES)
@pytest.mark.parametrize("preset", PRESETS)
def test_a_mistake_in_full_precision_is_named(preset: str, mistake: str) -> None:
    assert_named(PRESETS[preset], (mistake,))


@pytest.mark.parametrize(("digits", "significant"), ROUNDINGS)
@pytest.mark.parametrize("preset", PRESETS)
def test_correct_hand_rounded_work_is_the_right_method(
    preset: str, digits: int, significant: bool
) -> None:
    report = assert_named(PRESETS[preset], (), digits, significant)
    for d in report.diagnoses:
        unit = "significant digit" if significant else "decimal"
        assert (
            f"Your method is right: you rounded every intermediate half up to {digits} {unit}"
            in (d.message)
        )


@pytest.mark.parametrize("mistake", MISTAKES)
@pytest.mark.parametrize(("digits", "significant"), [(4, False), (3, True)])
@pytest.mark.parametrize("preset", PRESETS)
def test_a_mistake_in_hand_rounded_work_is_named(
    preset: str, digits: int, significant: bool, mistake: str
) -> None:
    assert_named(PRESETS[preset], (mistake,), digits, significant)


@pytest.mark.parametrize(("digits", "significant"), [(3, False), (2, True)])
def test_correct_truncated_work_is_the_right_method(digits: int, significant: bool) -> None:
    report = assert_named(MAZUR, (), digits, significant, truncate=True)
    assert "you truncated every intermediate" in report.diagnoses[0].message


weights = st.floats(-0.9, 0.9).filter(lambda x: abs(x) > 0.05)


@st.composite
def two_two_two(draw: st.DrawFn) -> Problem:
    """A 2-2-2 logistic network with shared frozen biases, numbers unlike the presets'."""
    w = [round(draw(weights), 2) for _ in range(8)]
    layers = (
        Layer([[w[0], w[1]], [w[2], w[3]]], round(draw(weights), 2)),
        Layer([[w[4], w[5]], [w[6], w[7]]], round(draw(weights), 2)),
    )
    rate = draw(st.sampled_from([0.1, 0.25, 0.5, 0.8]))
    network = Network(layers, learning_rate=rate, update_biases=False)
    inputs = [round(draw(st.floats(0.05, 0.95)), 2) for _ in range(2)]
    targets = [round(draw(st.floats(0.05, 0.95)), 2) for _ in range(2)]
    return Problem(network, inputs, targets)


@settings(max_examples=examples(60), deadline=None)
@given(
    two_two_two(),
    st.sampled_from(("", *MISTAKES)),
    st.sampled_from([(None, False), *ROUNDINGS]),
)
def test_hand_work_on_random_networks_is_named(
    problem: Problem, mistake: str, rounding: tuple[int | None, bool]
) -> None:
    assert_named(problem, (mistake,) if mistake else (), *rounding)


def test_correct_work_at_a_learning_rate_of_a_quarter_rounded_to_3_decimals_is_right() -> None:
    # once told "Your updates use the learning rate 0.24"
    for problem in PRESETS.values():
        network = Network(problem.network.layers, learning_rate=0.25, update_biases=False)
        quarter = Problem(network, *problem.example)
        report = check(quarter, student(quarter, (), 3))
        assert named(report) in ([], ["rounded-intermediates"])
        assert all("learning rate" not in d.message for d in report.diagnoses)


# --- two mistakes --------------------------------------------------------------------------------

PAIRS = list(itertools.combinations(MISTAKES, 2))


@pytest.mark.parametrize("pair", PAIRS[::7], ids="+".join)
def test_two_mistakes_at_once_are_named_as_a_pair(pair: tuple[str, str]) -> None:
    report = assert_named(MAZUR, pair)
    [both] = [d for d in report.diagnoses if set(d.mistakes) == set(pair)][:1]
    assert both.message.startswith("Two mistakes at once.")
    assert len(report.diagnoses) == 1 or both.tell_apart is not None


@pytest.mark.parametrize(
    "pair",
    [
        ("missing-activation-derivative", "derivative-of-net"),  # two slips of the slope
        ("single-path", "share-through-wrong-weight"),  # two of the shares
        ("missing-half", "error-derivative-sign"),  # two factors on dE_total/dout
        ("sign-flipped", "learning-rate"),  # two of the update
        ("swapped-weights", "sequential-update"),  # the order, with the weights exchanged
    ],
    ids="+".join,
)
@pytest.mark.parametrize("preset", PRESETS)
def test_two_slips_of_one_equation_are_named_as_a_pair(preset: str, pair: tuple[str, str]) -> None:
    report = assert_named(PRESETS[preset], pair)
    assert any(d.mistakes == pair for d in report.diagnoses)  # in the catalogue's order


@settings(max_examples=examples(30), deadline=None)
@given(
    st.sampled_from(list(PRESETS.values())),
    st.sampled_from(PAIRS),
    st.sampled_from([(None, False), (4, False), (3, True)]),
)
def test_two_mistakes_in_hand_work_are_named_as_a_pair(
    problem: Problem, pair: tuple[str, str], rounding: tuple[int | None, bool]
) -> None:
    assert_named(problem, pair, *rounding)


def test_a_pair_among_others_says_which_number_tells_it_apart() -> None:
    figures = student(MAZUR, ("sign-flipped", "missing-half"))
    figures = {k: figures[k] for k in ("w5+", "w6+")}  # too few to tell the halves apart
    report = check(MAZUR, figures)
    pairs = [d for d in report.diagnoses if len(d.mistakes) == 2]
    assert len(pairs) >= 2
    assert all(d.tell_apart and d.tell_apart not in figures for d in pairs)


# --- the slips a reader asks about ---------------------------------------------------------------


def test_the_questions_page_slip_is_named() -> None:
    # Shouldn't dE_o2/dout_h1 come out near -0.0171? It is delta_o2 times w6 instead of w7
    report = check(MAZUR, {"dE_o2/dout_h1": "-0.017144206"})
    assert set(named(report)) == {"share-through-wrong-weight"}
    assert any("delta_o2 times w6" in d.message and "w7" in d.message for d in report.diagnoses)


def test_a_bias_per_neuron_in_both_layers_names_each_bias() -> None:
    network = Network(MAZUR.network.layers, learning_rate=0.5, update_biases=True)
    problem = Problem(network, *MAZUR.example)
    report = assert_named(problem, ("bias-per-neuron",))
    [diagnosis] = report.diagnoses
    assert "b1 as delta_h1 alone and of b2 as delta_o1 alone" in diagnosis.message


def test_a_typo_leaves_only_a_partial_diagnosis_that_says_so() -> None:
    figures = student(MAZUR, ("missing-activation-derivative",), 4)
    figures["w1+"] = "0.9000"  # and something no mistake explains
    report = check(MAZUR, figures)
    assert report.diagnoses and named(report) == []
    wrong = [row.quantity for row in report.rows if not row.match]
    [best] = report.diagnoses  # in every layer: it explains more than in the output layer only
    assert best.mistake == "missing-activation-derivative" and "every layer" in best.message
    assert "the others hold a further mistake" in best.message
    assert set(best.explains) == set(wrong) - {"w1+"}
    assert "Partial diagnosis (missing-activation-derivative)" in report_text(report)


def test_the_rule_of_the_figures_is_reported() -> None:
    # written at 3 decimals half up: net_h2, 0.3925 on paper, is 0.393
    report = check(MAZUR, {"net_h1": "0.378", "net_h2": "0.393", "out_h1": "0.593"})
    assert report.first_divergence is None and report.rounding == "rounded half up"
    assert (
        "3 of your 3 numbers match. They are ours rounded half up (school rounding)."
        in report_text(report)
    )
    truncated = check(MAZUR, {"out_h1": "0.5932", "out_h2": "0.5968"})
    assert truncated.rounding == "truncated"


def test_a_full_diagnosis_gives_every_number_and_its_tell_apart_every_other_diagnosis() -> None:
    from backprop_steps.display import number
    from backprop_steps.figures import matches
    from backprop_steps.quantities import computed

    # the updated w5 alone: the learning rate left out, or the error without its 1/2 (two ways)
    figures = {"w5+": student(MAZUR, ("missing-half",))["w5+"]}
    report = check(MAZUR, figures)
    assert sorted(d.mistake for d in report.diagnoses) == [
        "learning-rate",
        "missing-half",
        "missing-half",
    ]
    numbers = [computed(MAZUR, d.variant) for d in report.diagnoses]
    for d, theirs in zip(report.diagnoses, numbers, strict=True):
        assert not d.partial and all(matches(figures[q], theirs[q]) for q in figures)
        assert d.tell_apart is not None and d.tell_apart not in figures
        others = [o for o in numbers if o is not theirs]
        assert any(number(o[d.tell_apart]) != number(theirs[d.tell_apart]) for o in others)
    # the learning rate left out: dE_total/dout_o1 tells it from both halves (E_o1 from one)
    rate = next(d for d in report.diagnoses if d.mistake == "learning-rate")
    assert rate.tell_apart == "dE_total/dout_o1"
