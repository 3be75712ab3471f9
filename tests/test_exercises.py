"""The exercises: their networks, answers and the values their mistakes give."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_steps.examples import MAZUR, NEURALBLOG
from backprop_steps.exercises import (
    CHAPTERS,
    DECIMALS,
    EXERCISES,
    FEWEST_SIGNIFICANT,
    LARGEST_NET,
    draw,
    exercises,
    problem,
    solutions,
)
from backprop_steps.figures import MOST_DECIMALS, matches, significant_digits, written_forms
from backprop_steps.quantities import quantities
from backprop_steps.scalar import trace
from strategies import examples

SOME_SEEDS = (None, 1, 2, 17, 42, 100, 4321)


def test_every_chapter_has_two_to_four_exercises() -> None:
    assert sorted(CHAPTERS) == list(range(1, 9))
    for chapter in CHAPTERS:
        assert 2 <= len(exercises(chapter)) <= 4, chapter
    assert len({e.id for e in EXERCISES}) == len(EXERCISES)


def test_the_issue_s_quantities_are_asked() -> None:
    asked = {(e.chapter, e.quantity) for e in EXERCISES}
    for wanted in [(4, "dE_total/dw6"), (4, "w6+"), (5, "delta_h2"), (5, "w3+"), (6, "b1+")]:
        assert wanted in asked
    assert (7, "delta_o1") in asked


def test_without_a_seed_the_chapters_work_on_the_posts_examples() -> None:
    assert problem(4) == MAZUR
    assert problem(8) == NEURALBLOG
    assert problem(6).network.update_biases
    assert problem(7).network.loss == "cross_entropy"


@pytest.mark.parametrize("seed", SOME_SEEDS)
def test_every_answer_is_the_library_s_value(seed: int | None) -> None:
    for chapter in CHAPTERS:
        case = problem(chapter, seed)
        inputs, targets = case.example
        ours = quantities(trace(case.network, inputs, targets))
        for solution in solutions(chapter, seed):
            assert solution.value == ours[solution.exercise.quantity]
            assert solution.seed == seed


@pytest.mark.parametrize("seed", [s for s in SOME_SEEDS if s is not None])
def test_a_seed_s_network_is_one_for_hand_calculation(seed: int) -> None:
    assert draw(seed) == draw(seed)
    smallest = 10.0 ** (FEWEST_SIGNIFICANT - 1 - DECIMALS)
    for chapter in CHAPTERS:
        case = problem(chapter, seed)
        inputs, targets = case.example
        step = quantities(trace(case.network, inputs, targets))
        assert all(abs(v) <= LARGEST_NET for n, v in step.items() if n.startswith("net_"))
        for solution in solutions(chapter, seed):
            assert abs(solution.value) >= smallest, (chapter, solution.exercise.quantity)
            shown = f"{solution.value:.{DECIMALS}f}"
            assert significant_digits(shown) >= FEWEST_SIGNIFICANT


def test_seeds_give_different_networks_in_the_same_chapter_naming() -> None:
    assert draw(1) != draw(2)
    assert problem(8, 3).network.names.convention == "neuralblog"
    assert problem(1, 3).network.names.convention == "mazur"
    assert problem(8, 3).network.layers == problem(1, 3).network.layers


@pytest.mark.parametrize("seed", [0, -1, 1.5, True, "3"])
def test_a_bad_seed_is_refused_by_name(seed: object) -> None:
    with pytest.raises(ValueError, match=r"^seed: expected a positive whole number"):
        draw(seed)  # type: ignore[arg-type]


def test_each_answer_s_forms_include_the_asked_precision_and_school_rounding() -> None:
    net_h2 = next(s for s in solutions(1) if s.exercise.quantity == "net_h2")
    assert {"0.393", "0.392", "0.3925", "0.392500"} <= set(net_h2.forms)
    w6 = next(s for s in solutions(4) if s.exercise.quantity == "w6+")
    assert "0.408666" in w6.forms and "0.41" not in w6.forms  # two digits: too few


def test_a_mistake_s_value_is_listed_with_its_name() -> None:
    gradient = next(s for s in solutions(4) if s.exercise.quantity == "dE_total/dw6")
    forgot = [m for m in gradient.slips if "missing-activation-derivative" in m.mistakes]
    assert len(forgot) == 1
    # delta_o1 without the slope is dE_total/dout_o1; times out_h2
    assert math.isclose(forgot[0].value, 0.7413650695523157 * 0.596884378259767)
    assert "0.442509" in forgot[0].forms
    for slipped in gradient.slips:
        assert (
            not set(slipped.forms) & set(gradient.forms)
            or abs(slipped.value - gradient.value) >= 10.0**-DECIMALS
        )


def test_the_right_method_carried_at_a_rounding_is_named() -> None:
    w3 = next(s for s in solutions(5) if s.exercise.quantity == "w3+")
    assert any("rounded-intermediates" in m.mistakes for m in w3.slips)


figures = st.builds(
    lambda sign, digits, places: (
        f"{sign}{digits[:-places] or '0'}.{digits[-places:]:0>{places}}"
        if places
        else f"{sign}{digits}"
    ),
    st.sampled_from(["", "-"]),
    st.integers(1, 10**13).map(str),
    st.integers(0, MOST_DECIMALS),
)


@given(
    value=st.floats(-50, 50, allow_nan=False).filter(lambda v: abs(v) > 1e-9),
    figure=figures,
)
@settings(max_examples=examples(500))
def test_written_forms_are_the_figures_that_match(value: float, figure: str) -> None:
    forms = written_forms(value, fewest=1)
    if (
        "." in figure
        and significant_digits(figure) >= 1
        and not figure.lstrip("-").startswith("00")
    ):
        listed = figure in forms
        assert listed == matches(figure, value), figure


@given(value=st.floats(-50, 50, allow_nan=False).filter(lambda v: abs(v) > 1e-9))
@settings(max_examples=examples(200))
def test_every_written_form_matches(value: float) -> None:
    for form in written_forms(value, fewest=2):
        assert matches(form, value), form
        assert significant_digits(form) >= 2
