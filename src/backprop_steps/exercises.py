r"""Exercises: the quantities a chapter asks a student to compute, on the chapter's network or on
a network of their own drawn from a seed, with the answer and the value each catalogued mistake
gives.

An [`Exercise`][backprop_steps.exercises.Exercise] names one quantity of a chapter (`"delta_h2"`,
`"w3+"`), as the `trace` table names it. [`problem`][backprop_steps.exercises.problem] is the
network the chapter works on: the post's own (seed `None`) or one drawn from a seed, the same
draw in every chapter, so a student who keeps a seed keeps a network from chapter 1 to chapter 8.
[`solutions`][backprop_steps.exercises.solutions] gives each exercise's answer and, for every
mistake of the [catalogue][backprop_steps.mistakes] that changes it at the precision asked, the
value that mistake gives; each value comes with the
[`written_forms`][backprop_steps.figures.written_forms] a careful person may write for it, so a
page can judge a typed answer by comparing text, without computing anything.

Examples:
    >>> answer = solutions(4)[0]
    >>> answer.exercise.quantity, answer.value
    ('dE_total/dw6', 0.08266762784753326)
    >>> "0.0827" in answer.forms, "0.082667" in answer.forms, "0.082668" in answer.forms
    (True, True, True)
    >>> forgot = [m for m in answer.slips if "missing-activation-derivative" in m.mistakes]
    >>> forgot[0].value, "0.442509" in forgot[0].forms
    (0.442509228603, True)

Introduced in [Exercises][exercises].
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from backprop_steps.examples import MAZUR, NEURALBLOG
from backprop_steps.figures import Rounding, written_forms
from backprop_steps.mistakes import carried, variants
from backprop_steps.network import MAZUR_NAMING, NEURALBLOG_NAMING, Layer, Network
from backprop_steps.problem import Problem
from backprop_steps.quantities import computed
from backprop_steps.slips import Variant

__all__ = [
    "CHAPTERS",
    "DECIMALS",
    "EXERCISES",
    "FEWEST_SIGNIFICANT",
    "SEEDS",
    "Exercise",
    "Slipped",
    "Solution",
    "draw",
    "exercises",
    "problem",
    "solutions",
]

DECIMALS = 6
"""The decimals an exercise asks for. An answer typed with fewer is judged at the digits typed,
down to [`FEWEST_SIGNIFICANT`][backprop_steps.exercises.FEWEST_SIGNIFICANT]; a learning-management
system's tolerance is a unit in this place (a rounded or a truncated answer is within it)."""

FEWEST_SIGNIFICANT = 3
"""The fewest significant digits an answer may have: `0.08` cannot tell a right answer from most
mistakes. Every exercise of every seed has at least this many at [`DECIMALS`][backprop_steps.exercises.DECIMALS]."""

SEEDS = range(1, 101)
"""The seeds the site's pages offer with every answer computed when the site is built."""


@dataclass(frozen=True)
class Exercise:
    """One quantity a chapter asks for.

    Introduced in [Exercises][exercises].
    """

    chapter: int
    """The chapter whose end the exercise sits at (1–8)."""
    number: int
    """Its place in the chapter's list, from 1."""
    quantity: str
    """The quantity, named as the `trace` table names it: `"dE_total/dw6"`, `"w6+"`."""
    task: str
    """What to compute, in words, for the exercise's heading."""

    @property
    def id(self) -> str:
        """`"4.1"`: the chapter and the number."""
        return f"{self.chapter}.{self.number}"


EXERCISES: tuple[Exercise, ...] = (
    Exercise(1, 1, "net_h1", "the net input of h1"),
    Exercise(1, 2, "net_h2", "the net input of h2"),
    Exercise(2, 1, "out_h2", "the output of h2"),
    Exercise(2, 2, "net_o1", "the net input of o1"),
    Exercise(2, 3, "out_o1", "the output of o1"),
    Exercise(3, 1, "E_o1", "the error of o1"),
    Exercise(3, 2, "E_total", "the total error"),
    Exercise(4, 1, "dE_total/dw6", "the gradient of the total error with respect to w6"),
    Exercise(4, 2, "w6+", "w6 after the step"),
    Exercise(4, 3, "delta_o2", "the delta of o2"),
    Exercise(5, 1, "dE_total/dout_h2", "how the total error changes with out_h2"),
    Exercise(5, 2, "delta_h2", "the delta of h2"),
    Exercise(5, 3, "w3+", "w3 after the step"),
    Exercise(6, 1, "dE_total/db2", "the gradient of the total error with respect to b2"),
    Exercise(6, 2, "b2+", "b2 after the step"),
    Exercise(6, 3, "b1+", "b1 after the step"),
    Exercise(7, 1, "out_o1", "the softmax output o1"),
    Exercise(7, 2, "delta_o1", "the cross-entropy delta of o1"),
    Exercise(7, 3, "w5+", "w5 after the step"),
    Exercise(8, 1, "dE_total/dw3", "the gradient of the total error with respect to w3"),
    Exercise(8, 2, "w2+", "w2 after the step"),
)
"""Every exercise, chapter by chapter."""


def exercises(chapter: int) -> tuple[Exercise, ...]:
    """A chapter's exercises, in order.

    Introduced in [Exercises][exercises].
    """
    return tuple(e for e in EXERCISES if e.chapter == chapter)


def _biases_learning(base: Problem) -> Problem:
    return replace(base, network=replace(base.network, update_biases=True))


def _softmax(base: Problem) -> Problem:
    hidden, output = base.network.layers
    target = base.example[1][0]
    return Problem(
        network=replace(
            base.network,
            layers=(hidden, replace(output, activation="softmax")),
            loss="cross_entropy",
        ),
        inputs=base.inputs,
        targets=(target, round(1 - target, 2)),
    )


def _neuralblog(base: Problem) -> Problem:
    return replace(base, network=replace(base.network, naming=NEURALBLOG_NAMING))


CHAPTERS: dict[int, tuple[str, Callable[[Problem], Problem]]] = {
    1: ("the Mazur example", lambda p: p),
    2: ("the Mazur example", lambda p: p),
    3: ("the Mazur example", lambda p: p),
    4: ("the Mazur example", lambda p: p),
    5: ("the Mazur example", lambda p: p),
    6: ("the Mazur example, biases learning", _biases_learning),
    7: ("the Mazur example with softmax outputs and cross-entropy", _softmax),
    8: ("the neuralblog example", _neuralblog),
}
"""Each chapter's network, in words, and how it is made from the seed's draw (or from the
post's example): the chapter 6 biases learn, chapter 7's outputs are a softmax with
cross-entropy and targets $t_1, 1 - t_1$; chapter 8 names the weights as the neuralblog post
does and, without a seed, is that post's example."""

# What a draw is drawn from: numbers a tutorial would print, two decimals at most.
_INPUTS = [n / 20 for n in range(1, 20)]  # 0.05 ... 0.95
_TARGETS = [n / 100 for n in range(1, 100)]  # 0.01 ... 0.99
_WEIGHTS = [n / 20 for n in range(-10, 19) if n]  # -0.50 ... 0.90, not 0
_BIASES = [n / 20 for n in range(1, 16)]  # 0.05 ... 0.75
_RATES = [0.1, 0.2, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0]

LARGEST_NET = 2.0
r"""The largest net input a drawn network may have, so no logistic output is saturated:
$\sigma(\pm 2)$ is 0.119 and 0.881."""


def _candidate(draw: random.Random) -> Problem:
    def weights() -> tuple[tuple[float, float], tuple[float, float]]:
        w = draw.sample(_WEIGHTS, 4)  # four different weights: an exchange always shows
        return (w[0], w[1]), (w[2], w[3])

    return Problem(
        network=Network(
            layers=(
                Layer(weights(), draw.choice(_BIASES), "sigmoid"),
                Layer(weights(), draw.choice(_BIASES), "sigmoid"),
            ),
            loss="squared_error",
            learning_rate=draw.choice(_RATES),
            update_biases=False,
            naming=MAZUR_NAMING,
        ),
        inputs=(draw.choice(_INPUTS), draw.choice(_INPUTS)),
        targets=(draw.choice(_TARGETS), draw.choice(_TARGETS)),
    )


def _sensible(base: Problem) -> bool:
    """No saturated output, and every answer at least `FEWEST_SIGNIFICANT` digits at `DECIMALS`."""
    smallest = 10.0 ** (FEWEST_SIGNIFICANT - 1 - DECIMALS)
    for chapter, (_, made) in CHAPTERS.items():
        values = computed(made(base))
        nets = [v for name, v in values.items() if name.startswith("net_")]
        if any(abs(v) > LARGEST_NET for v in nets):
            return False
        if any(abs(values[e.quantity]) < smallest for e in exercises(chapter)):
            return False
    return True


@cache
def draw(seed: int) -> Problem:
    r"""The network a seed gives: the Mazur example's shape and naming, its numbers drawn.

    Inputs are drawn from 0.05 to 0.95 and targets from 0.01 to 0.99; the four weights of each
    layer are different numbers from -0.50 to 0.90, the biases from 0.05 to 0.75, all in steps
    of 0.05 (targets 0.01); $\eta$ is one of 0.1, 0.2, 0.25, 0.4, 0.5, 0.6, 0.75, 1. A draw is
    kept when every chapter's net inputs are within
    [`LARGEST_NET`][backprop_steps.exercises.LARGEST_NET] and every answer has at least
    [`FEWEST_SIGNIFICANT`][backprop_steps.exercises.FEWEST_SIGNIFICANT] digits; else the next
    draw from the same seed is tried.

    Args:
        seed: A positive whole number.

    Returns:
        The network, its inputs and targets (biases frozen, squared error, as in the post).

    Raises:
        ValueError: If the seed is not a positive whole number.

    Examples:
        >>> draw(1) == draw(1), draw(1) == draw(2)
        (True, False)

    Introduced in [Exercises][exercises].
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 1:
        raise ValueError(f"seed: expected a positive whole number, got {seed!r}")
    generator = random.Random(seed)
    while True:
        candidate = _candidate(generator)
        if _sensible(candidate):
            return candidate


def problem(chapter: int, seed: int | None = None) -> Problem:
    """The network a chapter's exercises work on: the post's example, or a seed's draw.

    Introduced in [Exercises][exercises].
    """
    if chapter not in CHAPTERS:
        raise ValueError(f"chapter: expected one of {sorted(CHAPTERS)}, got {chapter!r}")
    if seed is None:
        return NEURALBLOG if chapter == 8 else CHAPTERS[chapter][1](MAZUR)
    return CHAPTERS[chapter][1](draw(seed))


@dataclass(frozen=True)
class Slipped:
    """The value an exercise takes when the student makes a catalogued mistake.

    Introduced in [Exercises][exercises].
    """

    value: float
    """The value the mistake gives."""
    mistakes: tuple[str, ...]
    """The mistakes that give it, as the [catalogue][backprop_steps.mistakes.MISTAKES] names
    them, simplest first."""
    messages: tuple[str, ...]
    """What each mistake is, and what to do instead, in the checker's words."""
    forms: tuple[str, ...]
    """The figures a person may write for the value."""


@dataclass(frozen=True)
class Solution:
    """An exercise on one network: its answer and the values its mistakes give.

    Introduced in [Exercises][exercises].
    """

    exercise: Exercise
    """The exercise."""
    seed: int | None
    """The seed of the network (`None`: the post's example)."""
    value: float
    """The answer, in full precision."""
    forms: tuple[str, ...]
    """Every figure a person may write for the answer, from `FEWEST_SIGNIFICANT` digits to 12
    decimals, rounded half up, half to even or truncated."""
    slips: tuple[Slipped, ...]
    """The values catalogued mistakes give that differ from the answer at `DECIMALS`."""


def _tried(base: Problem) -> Iterable[Variant]:
    """The catalogue's mistakes, then the right method carried at the roundings people use."""
    yield from variants(base, {})
    for digits in (2, 3, 4, 5):
        yield carried(Variant(), Rounding(digits))
    for digits in (3, 4):
        yield carried(Variant(), Rounding(digits, rule="truncation"))


def _distinct(value: float, answer: float) -> bool:
    return math.isfinite(value) and abs(value - answer) >= 10.0**-DECIMALS


@cache
def solutions(chapter: int, seed: int | None = None) -> tuple[Solution, ...]:
    """Every exercise of a chapter worked on its network, right and in every catalogued way.

    Args:
        chapter: The chapter, 1–8.
        seed: The seed of the network, or `None` for the post's example.

    Returns:
        One solution per exercise, in order.

    Introduced in [Exercises][exercises].
    """
    base = problem(chapter, seed)
    right = computed(base)
    found: list[tuple[Variant, dict[str, float]]] = []
    for variant in _tried(base):
        try:
            found.append((variant, computed(base, variant)))
        except (ArithmeticError, ValueError):
            continue
    result = []
    for exercise in exercises(chapter):
        answer = right[exercise.quantity]
        slipped: dict[float, list[tuple[float, Variant]]] = {}
        for variant, values in found:
            value = values.get(exercise.quantity)
            if value is not None and _distinct(value, answer):
                slipped.setdefault(round(value, 12), []).append((value, variant))
        result.append(
            Solution(
                exercise,
                seed,
                answer,
                written_forms(answer, FEWEST_SIGNIFICANT),
                tuple(_slipped(ways) for ways in slipped.values()),
            )
        )
    return tuple(result)


def _slipped(ways: Sequence[tuple[float, Variant]]) -> Slipped:
    """The mistakes that give one value (to 12 decimals), the first one's value kept."""
    value = ways[0][0]
    kinds = dict.fromkeys(way.mistake for _, way in ways)
    messages = dict.fromkeys(way.message for _, way in ways)
    return Slipped(value, tuple(kinds), tuple(messages), written_forms(value, FEWEST_SIGNIFICANT))
