"""How long `check` takes on the Mazur example with all 47 numbers, beside the issue's budgets.

Run: python benchmarks/check_speed.py [--repeat 5]

Prints, for each kind of worksheet, the median time, and the slowest case's median over its
repeats (CPython, one core; the machine's load slows it):
- one mistake explains the numbers, in full precision (budget: 50 ms), and carried at 4
  decimals;
- correct work carried at 4 decimals (`rounded-intermediates`);
- two mistakes at once, so the pairs are searched (budget: 1 s), in full precision and at 4
  decimals;
- numbers no mistake explains (a typo at the first number): every search runs and fails
  (budget: 1 s).
The page's own figure (a pair search in Pyodide, budget 3 s) is in calculator_page.py.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import time
from collections.abc import Callable, Iterable

from backprop_steps.check import check
from backprop_steps.examples import MAZUR
from backprop_steps.figures import Rounding
from backprop_steps.mistakes import carried, variants
from backprop_steps.quantities import computed
from backprop_steps.slips import Variant

Case = Callable[[], dict[str, str]]


def timed(cases: Iterable[Case], repeat: int) -> tuple[float, float, int]:
    """The median seconds of `check` over all runs, and the slowest case's median (the median
    of its `repeat` runs, so that a moment when another process had the core does not count),
    and how many cases."""
    per_case = []
    for case in cases:
        given = case()
        assert len(given) == 47
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            check(MAZUR, given)
            times.append(time.perf_counter() - start)
        per_case.append(times)
    every = [t for times in per_case for t in times]
    slowest = max(statistics.median(times) for times in per_case)
    return statistics.median(every), slowest, len(per_case)


def written(variant: Variant, digits: int = 9) -> Case:
    """All 47 numbers of the step as the variant works it, written at some decimals."""

    def case() -> dict[str, str]:
        values = computed(MAZUR, variant)
        return {name: f"{value:.{digits}f}" for name, value in values.items()}

    return case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    singles = {v.mistake: v for v in variants(MAZUR, {})}  # one place of each mistake
    pairs = [
        both
        for a, b in itertools.combinations(singles.values(), 2)
        if (both := a.joined(b)) is not None
    ][::6]
    four = Rounding(4)

    def typo() -> dict[str, str]:
        figures = written(Variant())()
        figures["w4+"] = "0.311111111"  # the last number: every search runs to the end
        return figures

    rows = [
        ("one mistake, full precision", [written(v) for v in singles.values()], 0.05),
        (
            "one mistake, carried at 4 decimals",
            [written(carried(v, four), 4) for v in singles.values()],
            None,
        ),
        ("correct, carried at 4 decimals", [written(carried(Variant(), four), 4)], None),
        ("two mistakes, full precision (pairs searched)", [written(p) for p in pairs], 1.0),
        (
            "two mistakes, carried at 4 decimals (pairs)",
            [written(carried(p, four), 4) for p in pairs],
            1.0,
        ),
        ("nothing explains them (every search fails)", [typo], 1.0),
    ]
    print(f"check on the Mazur example, 47 numbers; {args.repeat} runs per case")
    print(f"{'worksheet':50} {'cases':>5} {'median':>9} {'slowest case':>12}  budget")
    for label, cases, budget in rows:
        median, slowest, count = timed(cases, args.repeat)
        verdict = (
            ""
            if budget is None
            else f"{budget * 1000:.0f} ms " + ("ok" if slowest <= budget else "OVER")
        )
        print(f"{label:50} {count:5} {median * 1000:7.1f}ms {slowest * 1000:10.1f}ms  {verdict}")
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
