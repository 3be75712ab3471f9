"""The exercise sheets and answer keys printed from a browser: one A4 page per seed, the seeds the
address names, and a list the page cannot read refused in one line naming the field.

Printed as a teacher prints them, on A4 with the margins of docs/assets/stylesheets/sheets.css,
by Debian's Chromium, in the light laptop tab the other browser tests use (skipped without
Chromium, like them). Few page loads: the library's tests (test_course.py) check what the pages
show; these check that it is placed and that it fits on paper. The PDFs are kept in
test-artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from backprop_steps.exercises import SEEDS
from backprop_steps.render.course import seed_list
from visit import LAPTOP, Visits

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def opened(visits: Visits, path: str) -> Any:
    tab = visits("light", LAPTOP)
    page = tab.open(path)
    page.wait_for_selector(".bp-sheets[data-ready]", timeout=10_000)
    tab.wait_for_math()
    assert not tab.errors and not tab.foreign, (tab.errors, tab.foreign)
    return page


def printed_pages(page: Any, name: str) -> int:
    page.emulate_media(media="print")
    try:
        pdf = page.pdf(format="A4")
    finally:
        page.emulate_media(media="screen")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(pdf)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


# A list of keys prints one page per seed only if each seed's key fits on one: one page load
# checks both.
@pytest.mark.parametrize(("kind", "seeds", "pages"), [("sheet", "17", 1), ("key", "1,2,30", 3)])
def test_each_seed_prints_on_one_a4_page(visits: Visits, kind: str, seeds: str, pages: int) -> None:
    page = opened(visits, f"exercises/{kind}/?seeds={seeds}")
    placed = page.eval_on_selector_all(".bp-sheet", "sections => sections.map(s => s.dataset.seed)")
    assert placed == [str(seed) for seed in seed_list(seeds)]
    assert page.locator(".bp-sheet .katex").count() > 0
    other = page.get_attribute(".bp-sheets__other", "href") or ""
    (listed,) = parse_qs(urlsplit(other).query)["seeds"]
    assert seed_list(listed) == seed_list(seeds)  # the other page, for the same seeds
    assert printed_pages(page, f"{kind}-seeds-{seeds}") == pages


def test_a_list_the_page_cannot_read_is_refused_in_one_line(visits: Visits) -> None:
    asked = f"2-{SEEDS[-1] + 1}"
    page = opened(visits, f"exercises/sheet/?seeds={asked}")
    with pytest.raises(ValueError) as raised:
        seed_list(asked, SEEDS)
    assert page.inner_text(".bp-sheets__error") == str(raised.value)
    assert page.get_attribute("#bp-sheets-seeds", "aria-invalid") == "true"
    assert page.locator(".bp-sheet").count() == 0
