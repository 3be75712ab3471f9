"""The exercises at the end of chapters 1 to 8, as the page gets them and as a student answers them.

The data a page checks an answer against (`backprop_steps.render.exercises`) holds the
library's solutions, figure for figure; the site publishes one file per chapter and seed; the
working ends on the answer. In Chromium, one tab answers every exercise of every chapter: right
(at fewer decimals, a tie rounded as at school), wrong in a catalogued way (the mistake is named)
and wrong in no known way, on the chapter's network and on seeds, and no request leaves the
site or loads Pyodide while it does.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from backprop_steps.display import number
from backprop_steps.exercises import CHAPTERS, EXERCISES, SEEDS, Solution, problem, solutions
from backprop_steps.render import calculator
from backprop_steps.render.exercises import FOLDER, data, packed, paths, section
from backprop_steps.render.working import working
from backprop_steps.scalar import trace
from student import rounder, student
from test_student_path import CHAPTERS as PAGES
from test_student_path import request_of
from visit import LAPTOP, PHONE, Visits

SOME_SEEDS = (None, 1, 17, 100)

FINAL = re.compile(r"= \(?(-?[\d.]+(?:e-?\d+)?)\)?\s*(?:\\end\{aligned\})?\s*\\\]")
"""The number a display of the working ends on."""


def unpack(forms: Sequence[Any]) -> set[str]:
    """The figures of `packed` forms, cut as the page's script cuts them."""
    if not forms:
        return set()
    stem, fewest, others = forms
    point = stem.index(".")
    return {stem[: point + 1 + d] for d in range(fewest, len(stem) - point)} | set(others)


# --- the data ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SOME_SEEDS)
def test_the_page_data_holds_the_library_s_solutions(seed: int | None) -> None:
    for chapter in CHAPTERS:
        shown = data(chapter, seed)
        assert (shown["chapter"], shown["seed"]) == (chapter, seed)
        for solution, item in zip(solutions(chapter, seed), shown["exercises"], strict=True):
            assert item["id"] == solution.exercise.id
            assert unpack(item["forms"]) == set(solution.forms)
            assert len(item["slips"]) == len(solution.slips)
            for slipped, (forms, k) in zip(solution.slips, item["slips"], strict=True):
                assert unpack(forms) == set(slipped.forms)
                diagnosis = shown["diagnoses"][k]
                assert diagnosis["mistake"] == slipped.mistakes[0]
                assert diagnosis["message"] == slipped.messages[0]
                assert diagnosis["also"] == list(slipped.mistakes[1:])


def test_packed_forms_keep_only_what_cutting_cannot_give() -> None:
    net_h2 = solutions(1)[1]
    assert net_h2.exercise.quantity == "net_h2"
    # 0.3925 on paper: 0.392 (to even, or cut) and 0.3925 ... 0.392500000000 are cuts of one
    # figure; 0.393 (half up) is not
    assert packed(net_h2.forms) == ["0.392500000000", 3, ["0.393"]]
    assert packed(()) == []


@pytest.mark.parametrize("seed", SOME_SEEDS)
def test_the_working_ends_on_the_answer(seed: int | None) -> None:
    for chapter in CHAPTERS:
        case = problem(chapter, seed)
        step = trace(case.network, *case.example)
        shown = data(chapter, seed)
        for solution, item in zip(solutions(chapter, seed), shown["exercises"], strict=True):
            blocks = working(step, solution.exercise.quantity)
            last = blocks[-1][-1]
            text = number(solution.value)
            assert last.endswith((f"= {text}", f"= ({text})")), (chapter, last)
            # each layout of the last block ends on it too
            shown_html = html.unescape(shown["working"][item["working"][-1]])
            assert FINAL.findall(shown_html) == [text] * shown_html.count("arithmatex")


def test_a_seed_s_calculator_link_opens_its_network_with_the_exercises_to_fill_in() -> None:
    for chapter in CHAPTERS:
        shown = data(chapter, 17)
        request = request_of(shown["calculator"])
        assert calculator.read(request).problem == problem(chapter, 17)
        listed = [line[2:] for line in request["mine"].splitlines()[2:]]
        assert listed == [e.quantity for e in EXERCISES if e.chapter == chapter]


def test_every_seed_has_a_data_file_in_the_built_site(site: Path) -> None:
    folder = site / FOLDER
    expected = {path for path, _, _ in paths()}
    assert len(expected) == len(CHAPTERS) * len(SEEDS)
    published = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert published == expected
    for chapter, seed in [(1, 1), (5, 17), (7, 100), (8, 42)]:
        assert json.loads((folder / f"{chapter}/{seed}.json").read_text("utf-8")) == data(
            chapter, seed
        )


@pytest.mark.parametrize("page", PAGES)
def test_a_chapter_holds_its_own_network_s_exercises(site: Path, page: str) -> None:
    built = (site / "chapters" / page / "index.html").read_text(encoding="utf-8")
    [inlined] = re.findall(r'data-exercises="([^"]*)"', built)
    chapter = int(page[:2])
    assert json.loads(html.unescape(inlined)) == data(chapter)
    assert f'id="exercises-{chapter}"' in built
    for exercise in (e for e in EXERCISES if e.chapter == chapter):
        key = f"bp-exercise-{exercise.id.replace('.', '-')}"
        assert f'<label for="{key}-answer">' in built
        assert f'id="{key}-verdict" role="status" aria-live="polite"' in built


def test_the_section_is_written_from_the_chapter_s_data() -> None:
    page = section(4)
    assert page.count('class="bp-exercise"') == 3
    assert "the Mazur example" in page and "Seed from your teacher (1 to 100)" in page


# --- in the browser ---------------------------------------------------------------------------

PREFERRED = (
    "missing-activation-derivative",
    "single-path",
    "missing-half",
    "missing-bias",
    "derivative-of-net",
    "swapped-weights",
)
"""The mistakes the student of `student.py` makes for the page, the most telling first."""

STUDENT_CHAPTERS = {1, 2, 3, 4, 5, 8}
"""The chapters whose network the student works: logistic outputs, squared error, biases frozen."""


def written(value: float | str, truncate: bool = False) -> str:
    """A value as a student writes it at 6 decimals, rounded half up (or cut) from the 12
    significant digits a calculator shows."""
    shown = Decimal(f"{value:.12g}" if isinstance(value, float) else value)
    return str(rounder(6, truncate=truncate)(shown))


def a_mistake(solution: Solution) -> tuple[str, str]:
    """What a student who made a catalogued mistake types for an exercise, and the mistake the
    page must name: the student of `student.py` where it can make one that changes the answer,
    else the first the library lists."""
    chapter, quantity = solution.exercise.chapter, solution.exercise.quantity
    for mistake in PREFERRED if chapter in STUDENT_CHAPTERS else ():
        figure = student(problem(chapter, solution.seed), {mistake}).get(quantity)
        if figure is not None and written(figure) not in solution.forms:
            return written(figure), mistake
    taken = set(solution.forms)
    for slipped in solution.slips:
        figure = written(slipped.value)
        if figure in slipped.forms and figure not in taken:
            return figure, slipped.mistakes[0]
        taken |= set(slipped.forms)
    raise AssertionError(f"{solution.exercise.id}: no mistake to type")


def unexplained(solution: Solution) -> str:
    """A figure no catalogued mistake gives: the answer off by an odd amount."""
    listed = set(solution.forms).union(*(s.forms for s in solution.slips))
    for offset in (0.0123457, -0.0234568, 0.0345679):
        figure = written(solution.value + offset)
        if figure not in listed:
            return figure
    raise AssertionError(solution.exercise.id)


SECTION = "document.querySelector('.bp-exercises')"

ANSWER = """asked => asked.map(([exercise, typed]) => {
  const key = '#bp-exercise-' + exercise.replace('.', '-');
  const field = document.querySelector(key + '-answer');
  field.value = typed;
  field.form.requestSubmit();  // as the Check button does
  return document.querySelector(key + '-verdict').textContent;
})"""
"""Many answers typed into their fields and checked, in one call to the page."""


EXERCISE_PAGES = {f"chapters/{name}/": int(name[:2]) for name in PAGES}
"""The pages with exercises, by URL path, and their chapters."""


def at_the_keyboard(page: Any, exercise: str, typed: str) -> str:
    """An answer typed into its field and checked with Enter; the verdict."""
    key = f"#bp-exercise-{exercise.replace('.', '-')}"
    field = page.locator(f"{key}-answer")
    field.fill(typed)
    field.press("Enter")  # the form's submit: the Check button, from the keyboard
    return str(page.locator(f"{key}-verdict").inner_text())


def answer_every_exercise(page: Any, chapter: int) -> None:
    """Answer every exercise of a chapter's page as loaded (its own network): a catalogued
    mistake, named; a wrong number no mistake explains; the answer rounded and cut. No request
    is made meanwhile: the page checks with what it holds.

    Called where `test_browser.py` opens each page, so no page is loaded for it alone (and
    axe-core then checks the page with its verdicts shown, in both palettes).
    """
    requests: list[str] = []

    def record(request: Any) -> None:
        requests.append(request.url)

    page.on("request", record)
    asked = []  # exercise, typed, how the verdict starts, what it names
    for solution in solutions(chapter):
        exercise, value = solution.exercise.id, solution.value
        typed, mistake = a_mistake(solution)
        asked.append((exercise, typed, "Not right, and we know why:", mistake))
        asked.append((exercise, unexplained(solution), "Not right,", "no mistake we know of"))
        asked.append((exercise, written(value), "Right.", ""))
        asked.append((exercise, written(value, truncate=True), "Right.", ""))
    verdicts = page.evaluate(ANSWER, [[exercise, typed] for exercise, typed, *_ in asked])
    for (exercise, typed, start, named), verdict in zip(asked, verdicts, strict=True):
        assert verdict.startswith(start) and named in verdict, (exercise, typed, verdict)
    if chapter == 1:  # net_h2 = 0.3925 on paper: 0.393 rounded half up, 0.392 half to even
        for typed in ("0.393", "0.392", "0,3925", "+3.925e-1", " .39250 "):
            assert at_the_keyboard(page, "1.2", typed).startswith("Right."), typed
        assert at_the_keyboard(page, "1.2", "0.39").startswith("Too few digits to judge")
        assert at_the_keyboard(page, "1.2", "0.3925000000001").startswith("Write at most 12")
        assert at_the_keyboard(page, "1.2", "zero").startswith("“zero” is not a number")
    page.remove_listener("request", record)
    assert not requests, f"chapter {chapter}: answering asked for {requests}"


class TestAnsweringOnASeed:
    """One page, opened once: a seed from the address, new numbers, a seed typed in, the
    working on a laptop and a phone, and the chapter's own numbers again."""

    def test_a_seed_s_exercises_and_their_working(self, visits: Visits, server: str) -> None:
        visit = visits("light", LAPTOP)
        requests: list[str] = []

        def record(request: Any) -> None:
            requests.append(request.url)

        page = visit.open("chapters/06-bias-updates/?seed=17")
        page.on("request", record)
        try:
            page.wait_for_function(f"{SECTION}.dataset.seed === '17'")  # read from the address
            requests.clear()  # what the page loaded; from now on, what answering asks for
            seeds = self.seeds(page, server)
            self.working(page, seeds[-1])
            self.own(page, server)
        finally:
            page.remove_listener("request", record)
            page.set_viewport_size({"width": LAPTOP[0], "height": LAPTOP[1]})
        # the seeds' files (and the icon the browser asks for when the address changes), nothing
        # else: no other host, no Pyodide
        fetched = [url for url in requests if not url.endswith("/assets/images/favicon.png")]
        assert fetched == [f"{server}{FOLDER}/6/{seed}.json" for seed in seeds], requests
        assert all(url.startswith(server) for url in requests), requests
        assert not visit.errors, visit.errors
        assert not visit.foreign, visit.foreign

    @staticmethod
    def seeds(page: Any, server: str) -> list[int]:
        """Seed 17's answers; new numbers; a bad seed and a good one typed in: the seeds shown."""
        asked = [(s.exercise.id, written(s.value)) for s in solutions(6, 17)]
        verdicts = page.evaluate(ANSWER, asked)
        assert verdicts == [
            f"Right. {t} is the answer to the 6 decimals you wrote." for _, t in asked
        ]
        page.get_by_role("button", name="New numbers").click()
        page.wait_for_function(f"!['', '17'].includes({SECTION}.dataset.seed)")
        drawn = int(page.evaluate(f"{SECTION}.dataset.seed"))
        assert page.url == f"{server}chapters/06-bias-updates/?seed={drawn}"  # kept
        typed, mistake = a_mistake(solutions(6, drawn)[0])  # dE_total/db2
        assert mistake in at_the_keyboard(page, "6.1", typed)
        field = page.get_by_label("Seed from your teacher")
        for bad, message in (
            ("abc", "Seed: type a whole number from 1 to 100."),
            ("4321", "Seed 4321: this page has the numbers of seeds 1 to 100 only."),
        ):
            field.fill(bad)
            field.press("Enter")
            assert page.locator(".bp-exercises__error").inner_text() == message
            assert field.get_attribute("aria-invalid") == "true"
        given = 42 if drawn != 42 else 43
        field.fill(str(given))
        field.press("Enter")
        page.wait_for_function(f"{SECTION}.dataset.seed === '{given}'")
        assert page.locator(".bp-exercises__error").inner_text() == ""
        assert field.get_attribute("aria-invalid") is None
        assert page.url == f"{server}chapters/06-bias-updates/?seed={given}"
        rate = number(problem(6, given).network.learning_rate, given=True)
        givens = page.locator("[data-part=givens] annotation").all_text_contents()
        assert f"\\eta = {rate}" in givens, givens
        link = page.locator(".bp-exercises__calculator").get_attribute("href")
        assert link == "../../calculator/" + data(6, given)["calculator"]
        solution = solutions(6, given)[2]  # b1+
        assert at_the_keyboard(page, "6.3", written(solution.value)).startswith("Right.")
        return [drawn, given]

    @staticmethod
    def working(page: Any, seed: int) -> None:
        """The working of b1+, opened from the keyboard: it fits, and ends on the answer."""
        solution = solutions(6, seed)[2]  # b1+
        details = page.locator("#bp-exercise-6-3 details")
        details.locator("summary").focus()
        page.keyboard.press("Enter")
        assert details.evaluate("details => details.open")
        # written in and typeset when opened
        details.locator(".bp-exercise__equations .katex").first.wait_for()
        for size, layout in ((LAPTOP, "wide"), (PHONE, "narrow")):
            page.set_viewport_size({"width": size[0], "height": size[1]})
            shown = details.evaluate(WORKING)
            assert shown and all(fits for _, fits, _ in shown), (layout, shown)
            assert {kind for _, _, kind in shown} <= {"", f"bp-math bp-math--{layout}"}, shown
            last = shown[-1][0].removesuffix("\\end{aligned}").rstrip()
            assert last.endswith(f"= {number(solution.value)}"), last

    @staticmethod
    def own(page: Any, server: str) -> None:
        """Back to the chapter's network: no seed in the address, its answers right again."""
        page.get_by_role("button", name="The chapter's numbers").click()
        page.wait_for_function(f"{SECTION}.dataset.seed === ''")
        assert page.url == server + "chapters/06-bias-updates/"
        assert at_the_keyboard(page, "6.2", written(solutions(6)[1].value)).startswith("Right.")


WORKING = """details => [...details.querySelectorAll('div.arithmatex')]
  .filter(e => e.offsetParent !== null)
  .map(e => [e.querySelector('annotation').textContent.trim(), e.scrollWidth <= e.clientWidth + 1,
             e.closest('.bp-math') ? e.closest('.bp-math').className : ''])"""
"""The working's displays a reader sees: their LaTeX, whether they fit, and their layout."""
