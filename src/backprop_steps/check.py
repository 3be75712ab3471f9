r"""Check a reader's numbers for one training step, and say which mistake explains them.

A reader who worked a step out by hand (or in code) gives any subset of its
[`quantities`][backprop_steps.quantities], named as the `trace` table names them (or as the posts
do). [`check`][backprop_steps.check.check] compares them, in the order a student computes them,
with the library's: a figure matches when it is ours rounded half up, half to even or truncated
to the digits written ([`matches`][backprop_steps.figures.matches]), and the report says which
rule the reader's figures follow. At the first divergence it looks for what the reader did, the
simplest explanation first:

1. the tutorial's method, every intermediate rounded as the reader writes it and carried forward
   (`rounded-intermediates`: no mistake of method);
2. one mistake of the catalogue ([`variants`][backprop_steps.mistakes.variants]), worked in full
   precision, then rounded as the reader carries it;
3. two mistakes at once, likewise.

A diagnosis is full when its variant reproduces every number the reader gave, under the reader's
rounding; when none does, the variants that reproduce the first divergence and some of the other
differing numbers, and every number the reader got right, are given as partial, and say so.

Examples:
    >>> from backprop_steps.examples import MAZUR
    >>> report = check(MAZUR, {"out_o1": "0.7514", "delta_o1": "0.741365"})
    >>> report.matching, report.first_divergence.quantity
    (1, 'delta_o1')
    >>> [(d.mistake, d.tell_apart) for d in report.diagnoses]  # in every layer, or the output's
    [('missing-activation-derivative', 'delta_h1'), ('missing-activation-derivative', 'delta_h1')]

The names this module held before it was split by job still import from here: `MISTAKES`,
`Variant`, `computed`, `quantities`, `parse_given` and `variant_trace`.

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from backprop_steps.display import number
from backprop_steps.figures import SHOWN, Rounding, describe, matches, parse_figure, rules, stated
from backprop_steps.figures import parse_given as parse_given
from backprop_steps.mistakes import MISTAKES as MISTAKES
from backprop_steps.mistakes import carried, implied_rates, learning_rate, roundings, variants
from backprop_steps.problem import Problem
from backprop_steps.quantities import canonical
from backprop_steps.quantities import computed as computed
from backprop_steps.quantities import quantities as quantities
from backprop_steps.scalar import check_run
from backprop_steps.slips import Variant as Variant
from backprop_steps.worked import variant_trace as variant_trace

__all__ = ["Diagnosis", "Report", "Row", "check", "report_json"]


@dataclass(frozen=True)
class Row:
    """One of the reader's numbers beside ours.

    Introduced in [Check your own calculation][check-your-own].
    """

    quantity: str
    """Its name, as the `trace` table prints it."""
    yours: str
    """The reader's figure, as written."""
    ours: float
    """The library's value."""
    match: bool
    """Whether the figure is ours, rounded or truncated to its digits."""
    rules: tuple[str, ...] = ()
    """The [`RULES`][backprop_steps.figures.RULES] that turn ours into the figure."""


@dataclass(frozen=True)
class Diagnosis:
    """A known mistake (or two) that reproduces the reader's numbers.

    Introduced in [Check your own calculation][check-your-own].
    """

    mistake: str
    """Its id in [`MISTAKES`][backprop_steps.mistakes.MISTAKES]; two ids joined by `+` for two
    mistakes at once."""
    explains: tuple[str, ...]
    """The reader's numbers that differ from ours and that the mistake reproduces."""
    message: str
    """What the reader did, and what to do instead."""
    partial: bool = False
    """Whether some of the reader's other numbers are still unexplained."""
    tell_apart: str | None = None
    """A quantity the reader has not given whose value would tell this diagnosis from the other
    diagnoses (`None` when there is no other)."""
    variant: Variant = field(default=Variant(), repr=False, compare=False)
    """The variant of the step that gives the numbers (its
    [`computed`][backprop_steps.quantities.computed] values are what the reader would have
    written)."""

    @property
    def mistakes(self) -> tuple[str, ...]:
        """The ids of the mistakes: one, or two for two mistakes at once."""
        return tuple(self.mistake.split("+"))


@dataclass(frozen=True)
class Report:
    """The reader's numbers checked, in the order of the step, and what went wrong.

    Introduced in [Check your own calculation][check-your-own].
    """

    rows: tuple[Row, ...]
    """Each of the reader's numbers beside ours, in the order a student computes them."""
    diagnoses: tuple[Diagnosis, ...] = field(default=())
    """The mistakes that reproduce the reader's numbers from the first divergence on."""

    @property
    def first_divergence(self) -> Row | None:
        """The first number that is not ours; `None` when all match."""
        return next((row for row in self.rows if not row.match), None)

    @property
    def checked(self) -> int:
        """How many numbers were checked."""
        return len(self.rows)

    @property
    def matching(self) -> int:
        """How many of them are ours."""
        return sum(row.match for row in self.rows)

    @property
    def rounding(self) -> str:
        """The rule the reader's matching figures follow (see
        [`describe`][backprop_steps.figures.describe]), or `"none"` when none matches.
        """
        fitted = [row.rules for row in self.rows if row.match]
        return describe(fitted) if fitted else "none"


def check(problem: Problem, given: Mapping[str, str], order: str = "simultaneous") -> Report:
    """Compare a reader's numbers with one step of the problem, and diagnose the first divergence.

    Args:
        problem: The network and one example (or a batch).
        given: The reader's numbers by name (see
            [`parse_given`][backprop_steps.figures.parse_given]); the posts' names are read as
            ours ([`canonical`][backprop_steps.quantities.canonical]).
        order: The update order the problem asks for.

    Returns:
        The report: every number checked, the first divergence, the diagnoses.

    Raises:
        ValueError: One line naming an unknown quantity or a figure that is not a number.

    Introduced in [Check your own calculation][check-your-own].
    """
    check_run(order)
    if not given:
        raise ValueError("your numbers: none given (name value lines, or a JSON object)")
    ours = computed(problem, order=order)
    given = _ours_named(given, ours)
    rows = tuple(
        Row(name, given[name], value, matches(given[name], value), rules(given[name], value))
        for name, value in ours.items()
        if name in given
    )
    if all(row.match for row in rows):
        return Report(rows)
    return Report(rows, _diagnoses(problem, given, order, rows, ours))


def _ours_named(given: Mapping[str, str], ours: Mapping[str, float]) -> dict[str, str]:
    """The reader's figures under our names, each checked to be a number."""
    named: dict[str, str] = {}
    for written, figure in given.items():
        name = canonical(written)
        if name not in ours and f"{name}[1]" in ours:
            raise ValueError(
                f"{written}: on a batch, number each example's value: "
                f"{written}[1], {written}[2], ..."
            )
        if name not in ours:
            shown = written if len(written) <= SHOWN else stated(written)
            raise ValueError(f"{shown}: unknown quantity; {_known(ours)}")
        if name in named:
            raise ValueError(f"{name}: given twice (as {written} too)")
        named[name] = parse_figure(written, figure)
    return named


def _known(ours: Mapping[str, float]) -> str:
    names = list(ours)
    shown = ", ".join(names[:6])
    return f"the names are those of the trace table ({shown}, ..., {names[-1]})"


# --- the search ---------------------------------------------------------------------------------

_Found = tuple[Variant, dict[str, float]]
_Partial = tuple[int, Variant, dict[str, float], list[str]]
"""A variant that explains some of the differing numbers: how many, it, its numbers, which."""


def _diagnoses(
    problem: Problem,
    given: Mapping[str, str],
    order: str,
    rows: Sequence[Row],
    ours: Mapping[str, float],
) -> tuple[Diagnosis, ...]:
    """The simplest explanations that give all the reader's numbers (the right method rounded as
    the reader rounds, one mistake, two mistakes); failing those, the best partial ones.
    """
    search = _Search(problem, given, order, rows, ours)
    singles = list(variants(problem, given, order))
    # the reader's carrying: the most common counts of digits, rounded half up unless the
    # figures that match are truncated
    truncates = describe(row.rules for row in rows if row.match) == "truncated"
    rule, other = ("truncation", "half-up") if truncates else ("half-up", "truncation")
    carries = [replace(r, rule=rule) for r in roundings(given)[:2]]
    right = Variant()
    partial: list[_Partial] = []
    tops = [*carries[:1], *(replace(r, rule=other) for r in carries[:1])]
    for level in (
        [carried(right, r) for r in [*carries, *tops[1:]]],
        singles,
        [carried(v, r) for r in tops for v in singles],
    ):
        full, some = search.explaining(level)
        partial += some
        if full:
            return search.diagnoses(full)
    full = search.pairs(singles)
    for rounding in tops:  # the reader's digits, rounded, then truncated (or the other way)
        if full:
            break
        full = search.pairs([carried(v, rounding) for v in singles], rounding)
    if full:
        return search.diagnoses(full)
    return search.partial(partial)


class _Search:
    """The reader's numbers, and the variants tried against them."""

    def __init__(
        self,
        problem: Problem,
        given: Mapping[str, str],
        order: str,
        rows: Sequence[Row],
        ours: Mapping[str, float],
    ) -> None:
        self.problem, self.given, self.order = problem, given, order
        self.rows, self.ours = rows, ours
        self.wrong = [row.quantity for row in rows if not row.match]
        self.right = {row.quantity for row in rows if row.match}
        self.cache: dict[Variant, dict[str, float] | None] = {}

    def numbers(self, variant: Variant) -> dict[str, float] | None:
        """The variant's numbers (computed once); `None` when the mistake makes the step
        diverge.
        """
        if variant not in self.cache:
            try:
                self.cache[variant] = computed(self.problem, variant, self.order)
            except (ValueError, OverflowError, ZeroDivisionError):
                self.cache[variant] = None
        return self.cache[variant]

    def explaining(self, tried: Iterable[Variant]) -> tuple[list[_Found], list[_Partial]]:
        """The variants that give every number (full), and those that give the first divergence
        and some others while keeping every number the reader got right (partial).
        """
        full: list[_Found] = []
        partial: list[_Partial] = []
        first = self.wrong[0]
        for variant in tried:
            theirs = self.numbers(variant)
            if theirs is None or not matches(self.given[first], theirs[first]):
                continue  # neither full nor partial: it must give the first divergence
            agree = {r.quantity for r in self.rows if matches(r.yours, theirs[r.quantity])}
            if len(agree) == len(self.rows):
                full.append((variant, theirs))
            elif self.right <= agree:  # it gives the first divergence, and breaks no right number
                explained = [q for q in self.wrong if q in agree]
                partial.append((len(explained), variant, theirs, explained))
        return full, partial

    def pairs(self, singles: Sequence[Variant], rounding: Rounding | None = None) -> list[_Found]:
        """Two mistakes at once that give every number.

        A pair must give the first divergence: so one of its mistakes gives it alone (the other
        may be any, even one that alone would break a right number the first mends), or both
        change it and neither breaks a number the reader got right (two slips in the same
        equation, say). Those pairs of the catalogue are tried, then each mistake that gives
        the first divergence with the learning rate the reader's updates imply through its
        gradients.
        """
        first = self.wrong[0]
        baseline = self.numbers(carried(Variant(), rounding)) if rounding else self.ours
        figure, ours = self.given[first], number((baseline or self.ours)[first])
        known = [(v, t) for v in singles if (t := self.numbers(v)) is not None]
        gives = {i for i, (_, t) in enumerate(known) if matches(figure, t[first])}
        changes = {
            i
            for i, (_, t) in enumerate(known)
            if number(t[first]) != ours and all(matches(self.given[q], t[q]) for q in self.right)
        }
        tried = [
            both
            for i, (a, _) in enumerate(known)
            for j in range(i + 1, len(known))
            if (i in gives or j in gives or (i in changes and j in changes))
            and (both := a.joined(known[j][0])) is not None
        ]
        full, _ = self.explaining(tried)
        if full:
            return full
        with_rate = []
        for i, (variant, theirs) in enumerate(known):
            if variant.mistake == "learning-rate" or (i not in gives and not first.endswith("+")):
                continue
            for rate in implied_rates(self.problem, self.given, theirs):
                other = learning_rate(self.problem, rate)
                other = carried(other, rounding) if rounding else other
                if (both := variant.joined(other)) is not None:
                    with_rate.append(both)
        return self.explaining(with_rate)[0]

    def diagnoses(self, full: list[_Found]) -> tuple[Diagnosis, ...]:
        found = _distinct(full)
        return tuple(
            Diagnosis(
                v.mistake,
                tuple(self.wrong),
                _message(v),
                False,
                _tell_apart(t, [o for _, o in found], self.given),
                v,
            )
            for v, t in found
        )

    def partial(self, partial: list[_Partial]) -> tuple[Diagnosis, ...]:
        """The partial explanations that explain the most differing numbers."""
        if not partial:
            return ()
        best = max(count for count, _, _, _ in partial)
        found = _distinct([(v, t) for count, v, t, _ in partial if count == best])
        explained = {id(v): q for _, v, _, q in partial}
        return tuple(
            Diagnosis(
                v.mistake,
                tuple(explained[id(v)]),
                f"{_message(v)} This explains {best} of your {len(self.wrong)} differing "
                "numbers; the others hold a further mistake.",
                True,
                _tell_apart(t, [o for _, o in found], self.given),
                v,
            )
            for v, t in found
        )


def _message(variant: Variant) -> str:
    if "+" in variant.mistake:
        return f"Two mistakes at once. {variant.message}"
    return variant.message


def _distinct(found: list[_Found]) -> list[_Found]:
    """One variant per distinct set of numbers (two scopes of a mistake can agree)."""
    seen: dict[tuple[str, tuple[str, ...]], _Found] = {}
    for variant, theirs in found:
        if variant.mistake == "learning-rate":  # the first rate that fits is the simplest
            key: tuple[str, tuple[str, ...]] = (variant.mistake, ())
        else:
            key = (variant.mistake, tuple(number(x) for x in theirs.values()))
        seen.setdefault(key, (variant, theirs))
    return list(seen.values())


def _tell_apart(
    theirs: Mapping[str, float],
    found: Sequence[Mapping[str, float]],
    given: Mapping[str, str],
) -> str | None:
    """The first quantity not given whose value differs from every other diagnosis's (failing
    that, from some other's).
    """
    others = [t for t in found if t is not theirs]
    if not others:
        return None
    candidates = [name for name in theirs if name not in given]
    for test in (all, any):
        for name in candidates:
            if test(number(o[name]) != number(theirs[name]) for o in others):
                return name
    return None


# --- the report as JSON -------------------------------------------------------------------------


def report_json(report: Report) -> dict[str, Any]:
    """The report in the shape `backprop-steps check --format json` prints.

    Introduced in [Check your own calculation][check-your-own].
    """
    first = report.first_divergence
    return {
        "checked": report.checked,
        "matching": report.matching,
        "rounding": report.rounding,
        "first_divergence": None
        if first is None
        else {"quantity": first.quantity, "yours": float(first.yours), "ours": first.ours},
        "diagnoses": [
            {
                "mistake": d.mistake,
                "mistakes": list(d.mistakes),
                "explains": list(d.explains),
                "message": d.message,
                "partial": d.partial,
                "tell_apart": d.tell_apart,
            }
            for d in report.diagnoses
        ],
        "rows": [
            {
                "quantity": r.quantity,
                "yours": float(r.yours),
                "ours": r.ours,
                "match": r.match,
                "rules": list(r.rules),
            }
            for r in report.rows
        ],
    }
