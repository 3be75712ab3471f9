"""Checks on the Markdown pages in docs/ that sybil alone cannot make.

sybil (configured in docs/hooks/sybil_config.py, run through conftest.py) collects the doctests
(bare ```` ```python ```` fences) and the build-time blocks (```` ```python exec="on" ````) of
every page and runs them in order, so a block that raises or a number that no longer matches
fails. A mistyped fence is skipped without a word, so:

- each page must yield the number of sybil examples recorded below;
- each page's build-time blocks share one markdown-exec session named for that page alone
  (markdown-exec's sessions are shared across the whole site);
- the prose holds no hand-typed computed numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from sybil_config import (  # docs/hooks is on sys.path (conftest.py)
    EXEC_INFO,
    ExecBlockParser,
    markdown_sybil,
)

DOCS = Path(__file__).resolve().parent.parent / "docs"

# Page (relative to docs/) -> number of examples sybil collects from it: one per build-time
# block, one per `>>>` statement in a doctest block, one per plain python block, skip or
# clear-namespace directive. Update this when you add or remove an example.
EXPECTED_EXAMPLES = {
    "answer-key.md": 4,
    "chapters/01-network.md": 13,
    "chapters/02-forward-pass.md": 13,
    "chapters/03-total-error.md": 12,
    "chapters/04-output-layer.md": 26,
    "chapters/05-hidden-layer.md": 30,
    "chapters/06-bias-updates.md": 19,
    "chapters/07-cross-entropy.md": 24,
    "chapters/08-neuralblog.md": 19,
    "chapters/09-training.md": 12,
    "chapters/10-matrix-form.md": 37,
    "chapters/11-mini-batches.md": 24,
    "chapters/12-xor.md": 33,
    "chapters/13-deeper-networks.md": 34,
    "chapters/14-gradient-checking.md": 21,
    "chapters/15-digits.md": 25,
    "calculator.md": 1,
    "check-your-own.md": 11,
    "errata.md": 7,
    "exercises/index.md": 6,
    "exercises/key.md": 1,
    "exercises/sheet.md": 1,
    "index.md": 3,
    "notation.md": 1,
    "questions.md": 31,
    "questions-training.md": 22,
    "reference/activations.md": 0,
    "reference/check.md": 0,
    "reference/cli.md": 0,
    "reference/digits.md": 0,
    "reference/display.md": 0,
    "reference/examples.md": 0,
    "reference/exercises.md": 0,
    "reference/figures.md": 0,
    "reference/gradcheck.md": 0,
    "reference/index.md": 0,
    "reference/jsonshapes.md": 0,
    "reference/losses.md": 0,
    "reference/magnitudes.md": 0,
    "reference/mistakes.md": 0,
    "reference/network.md": 0,
    "reference/problem.md": 0,
    "reference/published.md": 0,
    "reference/quantities.md": 0,
    "reference/render-activations.md": 0,
    "reference/render-checking.md": 0,
    "reference/render-course.md": 0,
    "reference/render-diagram.md": 0,
    "reference/render-errata.md": 0,
    "reference/render-exercises.md": 0,
    "reference/render-formulas.md": 0,
    "reference/render-gradcheck.md": 0,
    "reference/render-layers.md": 0,
    "reference/render-numbers.md": 0,
    "reference/render-layout.md": 0,
    "reference/render-lms.md": 0,
    "reference/render-latex.md": 0,
    "reference/render-matrices.md": 0,
    "reference/render-permalink.md": 0,
    "reference/render-plots.md": 0,
    "reference/render-posts.md": 0,
    "reference/render-questions.md": 0,
    "reference/render-reports.md": 0,
    "reference/render-sheets.md": 0,
    "reference/render-tables.md": 0,
    "reference/render-working.md": 0,
    "reference/results.md": 0,
    "reference/scalar.md": 0,
    "reference/slips.md": 0,
    "reference/speed.md": 2,
    "reference/training.md": 0,
    "reference/vectorized.md": 0,
    "reference/vectorfiles.md": 0,
    "reference/vectors.md": 0,
    "reference/worked.md": 0,
    "test-vectors.md": 37,
}

PAGES = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
INLINE_CODE = re.compile(r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
LONG_DECIMAL = re.compile(r"(?<![\w.])\d*\.\d{5,}")


@dataclass(frozen=True)
class Fence:
    """A fenced code block of a page."""

    info: str
    """The info string after the opening fence, stripped."""
    source: str
    """The block's content, dedented by the opening fence's indentation."""
    start: int
    """0-based index of the opening fence's line."""
    end: int
    """0-based index of the closing fence's line (the last line if unclosed)."""


def fences(text: str) -> list[Fence]:
    """The fenced code blocks of a Markdown text, outermost only."""
    lines = text.splitlines()
    found = []
    i = 0
    while i < len(lines):
        opening = FENCE_OPEN.match(lines[i])
        if opening is None:
            i += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            j += 1
        body = [
            line[len(indent) :] if line.startswith(indent) else line.lstrip()
            for line in lines[i + 1 : j]
        ]
        found.append(
            Fence(opening["info"].strip(), "\n".join(body) + "\n", i, min(j, len(lines) - 1))
        )
        i = j + 1
    return found


def prose(text: str) -> str:
    """The text outside fenced blocks, HTML comments and inline code, line numbers kept."""
    lines = text.splitlines()
    for fence in fences(text):
        for k in range(fence.start, fence.end + 1):
            lines[k] = ""
    text = "\n".join(lines)

    def blank(match: re.Match[str]) -> str:
        return "\n" * match.group().count("\n")

    return INLINE_CODE.sub(blank, HTML_COMMENT.sub(blank, text))


def test_every_page_has_an_expected_example_count() -> None:
    assert set(PAGES) == set(EXPECTED_EXAMPLES), (
        "EXPECTED_EXAMPLES in tests/test_docs.py must list exactly the pages in docs/: "
        f"missing {sorted(set(PAGES) - set(EXPECTED_EXAMPLES))}, "
        f"stale {sorted(set(EXPECTED_EXAMPLES) - set(PAGES))}"
    )


@pytest.mark.parametrize("page", PAGES)
def test_page_yields_the_expected_number_of_sybil_examples(page: str) -> None:
    document = markdown_sybil.parse(DOCS / page)
    count = sum(1 for _ in document.examples())
    assert count == EXPECTED_EXAMPLES.get(page), (
        f"docs/{page} yields {count} sybil examples; a doctest block must be a bare ```python fence"
    )


@pytest.mark.parametrize("page", PAGES)
def test_prose_has_no_hand_typed_computed_numbers(page: str) -> None:
    text = prose((DOCS / page).read_text(encoding="utf-8"))
    found = [
        f"line {number}: {match.group()}"
        for number, line in enumerate(text.splitlines(), start=1)
        for match in LONG_DECIMAL.finditer(line)
    ]
    assert not found, (
        f"docs/{page} has numbers with five or more decimals outside code; "
        f"print them from a doctest or a build-time block instead: {found}"
    )


def sessions(page: str) -> list[str | None]:
    """The markdown-exec session of each build-time block of a page, in order."""
    document = markdown_sybil.parse(DOCS / page)
    parser = ExecBlockParser()
    return [region.lexemes["session"] for region in parser(document)]


@pytest.mark.parametrize("page", PAGES)
def test_build_time_blocks_of_a_page_share_one_session(page: str) -> None:
    found = set(sessions(page))
    assert len(found) <= 1 and None not in found, (
        f"docs/{page}: every build-time block needs the page's one session, found {found}"
    )


def test_no_two_pages_share_a_session() -> None:
    owners = Counter(session for page in PAGES for session in set(sessions(page)))
    assert [s for s, count in owners.items() if count > 1] == []


EXEC_ATTRIBUTE = re.compile(r'\bexec="(?P<value>[^"]*)"')


@pytest.mark.parametrize("page", PAGES)
def test_every_build_time_block_is_python_that_sybil_runs(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    for fence in fences(text):
        attribute = EXEC_ATTRIBUTE.search(fence.info)
        if attribute is None or attribute["value"].lower() in {"", "no", "off", "false", "0"}:
            continue
        assert EXEC_INFO.match(fence.info + "\n"), (
            f"docs/{page}, line {fence.start + 1}: a build-time block must be "
            f'```python exec="on" session="<page>" (sybil runs only those), found {fence.info!r}'
        )


MAX_BUILD_TIME_LINES = 25
"""Longer figure and table code lives in the library's `render` modules, typed and linted."""


def test_no_build_time_block_is_longer_than_25_lines() -> None:
    found = [
        f"docs/{page}, line {fence.start + 1}: {fence.end - fence.start - 1} lines"
        for page in PAGES
        for fence in fences((DOCS / page).read_text(encoding="utf-8"))
        if EXEC_INFO.match(fence.info + "\n") and fence.end - fence.start - 1 > MAX_BUILD_TIME_LINES
    ]
    assert not found, (
        f"build-time blocks longer than {MAX_BUILD_TIME_LINES} lines; move the code into a "
        f"module of backprop_steps.render and call it from the page: {found}"
    )


def test_the_site_build_runs_each_build_time_block_once() -> None:
    # The doctest hook runs every block and hands its output to markdown-exec; if an upgrade of
    # markdown-exec moves its runner, the build would silently run every block twice again.
    import doctests  # docs/hooks/doctests.py

    assert doctests.markdown_exec_python is not None
    assert doctests.markdown_exec_python._run_python is doctests._kept_or_run
