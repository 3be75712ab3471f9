"""Pages in proportion: no page a reader reads through takes over 15 minutes, counted on what
shows when it loads (`tools/reading_time.py`: prose words / 200, 0.5 min per display formula,
0.4 per table, 0.25 per code block; what waits in a closed box does not count).

Two kinds of page are aside: the calculator, a tool, and the API reference's module pages (a
`::: module` line, `reference/<module>/`), which a reader looks a function up in, not reads
through: mkdocstrings writes a table of arguments and a signature block for every function, so
a module page counts as long as its module is. The reference's index and its page on speed are
read, and count.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pages import ROOT, url_path
from reading_time import (
    PATH_MINUTES,
    Reading,
    pages,
    path_minutes,
    reading,
)  # tools/ is on sys.path (pages.py)

LIMIT = 15.0
"""Minutes."""

TOOLS = {"calculator/"}

API_PAGES = {
    url_path(source)
    for source in (ROOT / "docs" / "reference").glob("*.md")
    if source.name != "index.md" and re.search(r"(?m)^::: ", source.read_text(encoding="utf-8"))
}
"""The API reference's module pages (a `::: module` line), by URL path."""


def read_through(path: str) -> bool:
    """Whether a page is read through: all but the tools and the API reference's module pages."""
    return path not in TOOLS and path not in API_PAGES


def test_no_page_a_reader_reads_through_takes_over_15_minutes(site: Path) -> None:
    found = {path: page for path, page in pages(site).items() if read_through(path)}
    assert {"questions/", "chapters/13-deeper-networks/", "reference/speed/"} <= set(found)
    assert "reference/scalar/" in API_PAGES
    long = {path or "(home)": round(page.minutes, 1) for path, page in found.items()}
    assert {path: minutes for path, minutes in long.items() if minutes > LIMIT} == {}


def article(body: str) -> str:
    return f"<html><body><nav>menu words here</nav><article>{body}</article><footer>x y</footer>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>one two three</p>", Reading(3, 0, 0, 0)),
        (
            '<p>a <span class="arithmatex">\\(net_{h1} = w_1 i_1\\)</span> b</p>',
            Reading(3, 0, 0, 0),
        ),
        ('<div class="arithmatex">\\[ E = mc^2 \\]</div>', Reading(0, 1, 0, 0)),
        ("<table><tr><td>many words in a cell</td></tr></table>", Reading(0, 0, 1, 0)),
        ('<div class="highlight"><pre><code>x = 1</code></pre></div>', Reading(0, 0, 0, 1)),
        ("<svg><text>w1 w2 w3</text></svg><p>caption</p>", Reading(1, 0, 0, 0)),
    ],
)
def test_each_kind_of_content_counts_at_its_own_rate(body: str, expected: Reading) -> None:
    assert reading(article(body)) == expected


def test_a_closed_box_counts_its_summary_line_only() -> None:
    closed = (
        '<details class="bp-code"><summary>In code: the step</summary>'
        '<p>hidden words</p><div class="highlight"><pre><code>x</code></pre></div>'
        "<table><tr><td>1</td></tr></table><details open><summary>inner</summary>"
        "<p>still hidden</p></details></details>"
    )
    assert reading(article(closed)) == Reading(4, 0, 0, 0)
    opened = "<details open><summary>Shown</summary><p>two words</p><table></table></details>"
    assert reading(article(opened)) == Reading(3, 0, 1, 0)


def test_of_a_formula_in_two_layouts_only_the_laptops_counts() -> None:
    both = (
        '<div class="bp-math bp-math--wide"><div class="arithmatex">\\[a\\]</div></div>'
        '<div class="bp-math bp-math--narrow"><div class="arithmatex">\\[a\\]</div></div>'
    )
    assert reading(article(both)) == Reading(0, 1, 0, 0)


def test_the_minutes_follow_the_issues_rates() -> None:
    assert Reading(400, 2, 5, 4).minutes == pytest.approx(2 + 1 + 2 + 1)


def test_chapter_1_says_how_long_the_tutorial_s_path_takes(site: Path) -> None:
    found = pages(site)
    chapter = (site / "chapters" / "01-network" / "index.html").read_text(encoding="utf-8")
    stated = PATH_MINUTES.search(chapter)
    assert stated is not None
    minutes = path_minutes(found)
    assert stated.group(0) == f'<span class="bp-path-minutes">{minutes}</span>'
    tutorial = [path for path in found if path.startswith("chapters/0") and path < "chapters/08"]
    assert len(tutorial) == 7
    assert minutes == round(sum(found[path].minutes for path in tutorial))
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert f"take about {minutes} minutes" in index and "about … minutes" not in index
