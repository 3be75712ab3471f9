"""Do the checker's tests catch a broken checker? Plant bugs one at a time and run them.

Run: python benchmarks/mutations.py [--only N] [--keep]

Each mutant below is one planted bug in the checker's modules (figures, quantities, slips,
worked, mistakes, check, render/reports): a comparison flipped, `and` and `or` exchanged, a constant or
a word changed. For each, the repository is copied to a temporary folder (without .venv, .git
and the built site), the bug planted in the copy, and the checker's tests run there (its unit
tests and the doctests of its modules, stopping at the first failure, with the quick hypothesis
profile). A mutant is caught when a test fails. Prints each mutant as caught or survived, then
the share caught. Every mutant changes what the checker does: those found equivalent were
replaced (`or` for `and` in the partial rule, once the first divergence was checked first; the
learning rate 1 left out of the candidates, which the reader's updates imply anyway; two orders
joined, when the catalogue has one other order). The
issue's bar is 9 in 10. Kept out of the test run: it takes minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "src/backprop_steps"

TESTS = [
    "tests/test_figures.py",
    *(
        f"{PACKAGE}/{m}.py"
        for m in ("figures", "quantities", "slips", "worked", "mistakes", "check", "render/reports")
    ),
    "tests/test_check_student.py",
    "tests/test_check.py",
    "tests/test_cli.py",
]
"""The checker's tests: its unit tests and the doctests of its modules, the quickest first."""

TIMEOUT = 300
"""Seconds before a run counts as failed (a planted bug can make the search crawl): 20 times
what the tests take unmutated."""

MUTANTS: list[tuple[str, str, str, str]] = [
    # (module, the code as written, the bug planted, what the bug does)
    ("figures", "low = float(size - quantum / 2)", "low = float(size - quantum)",
     "the match window twice as wide below"),
    ("figures", "TIE_ULPS = 16", "TIE_ULPS = 0", "ties decided on the double"),
    ("figures", '_MODES = {"half-up": ROUND_HALF_UP,', '_MODES = {"half-up": ROUND_HALF_EVEN,',
     "half up rounds half to even"),
    ("figures", '    if not common:\n        return "mixed"', '    if common:\n        return "mixed"',
     "the rule of the figures"),
    ("figures", 'whole += self.rule == "half-up" or', 'whole += self.rule == "half-even" or',
     "a carried tie rounds the other way"),
    ("figures", "places -= _exponent(value) + 1", "places -= _exponent(value)",
     "significant digits one too many"),
    ("figures", "return -exponent if", "return 1 - exponent if", "decimals counted one too many"),
    ("figures", "if len(text) <= SHOWN:", "if len(text) >= SHOWN:", "a long figure repeated whole"),
    ("figures", "rel_tol=1e-12, abs_tol=1e-9 if self.whole", "rel_tol=1e-3, abs_tol=1e-9 if self.whole",
     "the exact window coarse"),
    ("figures", "elif size > tie and self.rule", "elif size < tie and self.rule",
     "carried rounding goes the wrong way"),
    ("check", "if len(agree) == len(self.rows):", "if len(agree) >= len(self.rows) - 1:",
     "a full diagnosis may leave a number unexplained"),
    ("check", "best = max(count for count, _, _, _ in partial)",
     "best = min(count for count, _, _, _ in partial)", "the partial diagnoses that explain least"),
    ("check", "elif self.right <= agree:", "elif self.right >= agree:",
     "a partial one may break right numbers"),
    ("check", "carries = [replace(r, rule=rule) for r in roundings(given)[:2]]",
     "carries = [replace(r, rule=rule) for r in roundings(given)[:0]]", "no carried rounding tried"),
    ("check", 'truncates = describe(row.rules for row in rows if row.match) == "truncated"',
     'truncates = describe(row.rules for row in rows if row.match) != "truncated"',
     "the carried rule inverted"),
    ("check", 'if variant.mistake == "learning-rate":  # the first rate',
     'if variant.mistake != "learning-rate":  # the first rate', "diagnoses merged by id"),
    ("check", "for test in (all, any):", "for test in (any,):", "tell-apart from some other only"),
    ("check", "    if not others:\n        return None", "    if others:\n        return None",
     "no tell-apart"),
    ("check", "if (i in gives or j in gives or (i in changes and j in changes))",
     "if (i in gives and j in gives or (i in changes and j in changes))", "pairs pruned too far"),
    ("check", "for rate in implied_rates(self.problem, self.given, theirs):",
     "for rate in implied_rates(self.problem, self.given, self.ours):",
     "a pair's learning rate implied through our gradients"),
    ("check", "        if name in named:\n", "        if name not in named:\n", "repeats refused"),
    ("check", 'if "+" in variant.mistake:', 'if "-" in variant.mistake:', "the pair's message"),
    ("mistakes", 'if other == "sequential"', 'if other != "sequential"',
     "the messages of sequential-update exchanged"),
    ("mistakes", "return (moved[0], moved[1], other.convention) if len(moved) == 2 else None",
     "return (moved[0], moved[1], other.convention) if len(moved) != 2 else None",
     "the other post's numbering"),
    ("mistakes", "implied = (network.parameter(parameter) - after) /",
     "implied = (after - network.parameter(parameter)) /", "the implied learning rates"),
    ("mistakes", "for digits in (1, 2, 3)]", "for digits in (2, 3)]", "learning-rate candidates"),
    ("mistakes", "_, parameter, after = max(updates)", "_, parameter, after = min(updates)",
     "the rate from the least precise update"),
    ("mistakes", '(frozenset({last}), " in the output layer only")',
     '(frozenset({last}), " in the hidden layer only")', "a scope's words"),
    ("mistakes", "if (p2, k2) == (k, p):", "if (p2, k2) != (k, p):", "the mirrored shares listed"),
    ("mistakes", "{' and of '.join(parts)}", "{' and '.join(parts)}", "each bias named"),
    ("mistakes", "if 2 <= rounding.digits <= 6:", "if 2 <= rounding.digits <= 5:",
     "6 decimals not carried"),
    ("mistakes", "forgot = \" (the learning rate left out)\" if rate == 1.0 else \"\"",
     "forgot = \" (the learning rate left out)\" if rate == 0.5 else \"\"",
     "the learning rate left out, said of another"),
    ("worked", "share_of_batch = 1.0 / size if mean and not per_example else 1.0",
     "share_of_batch = 1.0 / size if mean and per_example else 1.0", "a batch's deltas"),
    ("worked", "return weights[k][p] if k < len(weights)", "return weights[p][k] if k < len(weights)",
     "the transposed share"),
    ("worked", "rate = -rate if added_to else rate", "rate = rate if added_to else -rate",
     "the update's sign"),
    ("worked", 'through = layers[l] if order == "sequential" else layer',
     'through = layers[l] if order != "sequential" else layer', "the update order"),
    ("slips", 'f"{self.mistake}+{other.mistake}",', 'f"{other.mistake}+{self.mistake}",',
     "a pair's ids out of the catalogue's order"),
    ("slips", '("slope", "one"): "slope left out",', "",
     "a slope left out cannot join another slope"),
    ("quantities", '(r"E_(\\d+)", r"E_o\\1"),', '(r"E_(\\d+)", r"E_h\\1"),', "a post's name"),
    ("quantities", "if l == last - 1:", "if l == last:", "the shares named"),
    ("render/reports", 'kind = "Partial diagnosis" if d.partial else "Diagnosis"',
     'kind = "Diagnosis" if d.partial else "Partial diagnosis"', "partial said of a full one"),
    ("render/reports", "    if RULE_WORDS[report.rounding]:", "    if not RULE_WORDS[report.rounding]:",
     "the rule of the figures left unsaid"),
]  # fmt: skip


def copy_repository(into: Path) -> None:
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "site", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis",
        "pyodide", "__pycache__",
    )  # fmt: skip
    shutil.copytree(ROOT, into, ignore=ignore, dirs_exist_ok=True)


def run(copy: Path) -> tuple[bool, float]:
    """The checker's tests in the copy: whether one failed, and how long they took."""
    env = os.environ | {"PYTHONPATH": str(copy / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CI", None)
    start = time.perf_counter()
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *TESTS]
    try:
        done = subprocess.run(
            command, cwd=copy, env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired:  # as CI would end it: a failure
        return True, time.perf_counter() - start
    return done.returncode != 0, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", type=int, help="run only the mutant of this number")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mutations-"))
    copy = folder / "repo"
    copy_repository(copy)
    failed, seconds = run(copy)
    print(f"unmutated: {'FAILS' if failed else 'passes'} ({seconds:.0f} s)", flush=True)
    if failed:
        raise SystemExit("the tests fail without a mutant; nothing to measure")
    caught = survived = 0
    for n, (module, before, after, what) in enumerate(MUTANTS, 1):
        if args.only is not None and n != args.only:
            continue
        path = copy / PACKAGE / f"{module}.py"
        original = path.read_text(encoding="utf-8")
        if original.count(before) != 1:
            raise SystemExit(f"mutant {n}: {before!r} is not once in {module}.py")
        path.write_text(original.replace(before, after), encoding="utf-8")
        try:
            failed, seconds = run(copy)
        finally:
            path.write_text(original, encoding="utf-8")
        caught, survived = caught + failed, survived + (not failed)
        verdict = "caught  " if failed else "SURVIVED"
        print(f"{n:2} {verdict} {module:15} {what} ({seconds:.0f} s)", flush=True)
    total = caught + survived
    print(f"caught {caught} of {total} ({caught / max(total, 1):.0%}); survived {survived}")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
