"""Every page in a real browser, light and dark, as a reader meets it.

The site (built once per session, see conftest.py) is served on 127.0.0.1 and opened in Debian's
Chromium driven by Playwright (never `playwright install`, which downloads a browser). Without
Chromium these tests are skipped with a message saying how to get it, unless
`BACKPROP_STEPS_REQUIRE_BROWSER=1` (set by `.ci/run`), which makes the skip a failure.

Every page is opened once per width and palette, in one browser tab per width and palette that
goes from page to page. At 1280 px formulas and tables fit the text column; at 390 px, a phone,
formulas fit and the page does not scroll sideways, while a table may scroll in its own box
(its first column kept in view, a shadow where it scrolls) or, in a `.bp-stacked` box, shows
each row as a card. What a palette cannot change is checked in the light palette only; colours
(figure text, axe-core's contrast rules, the tables' backgrounds) in both.

The phone's tests are in `test_browser_phone.py`, so that pytest-xdist (`--dist loadscope`)
runs the two widths side by side. With `BACKPROP_STEPS_SCREENSHOTS=1`, full-page screenshots of every page outside the API
reference, in both palettes and at both widths, are written to `test-artifacts/screenshots/`.
"""

from __future__ import annotations

import math
import os
import re
from typing import Any
from urllib.parse import urljoin

import pytest

from pages import PAGES, ROOT
from test_exercise_page import EXERCISE_PAGES, answer_every_exercise
from test_student_path import CHAPTERS, OPEN_CODE, SWITCH
from visit import LAPTOP, Visits

AXE_URL = "/__tests__/axe-core/axe.min.js"
"""axe-core (tests/vendor), as the test server serves it: cached and compiled once per tab."""
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SCREENSHOTS_WANTED = os.environ.get("BACKPROP_STEPS_SCREENSHOTS") == "1"
# Pages that show generated figures (diagrams and plots), by URL path; all others show none.
FIGURES = {
    "": 1,
    "chapters/01-network/": 1,
    "chapters/02-forward-pass/": 1,
    "chapters/04-output-layer/": 1,
    "chapters/05-hidden-layer/": 2,
    "chapters/06-bias-updates/": 2,
    "chapters/07-cross-entropy/": 2,
    "chapters/08-neuralblog/": 1,
    "chapters/09-training/": 2,
    "chapters/11-mini-batches/": 2,
    "chapters/15-digits/": 3,
    "chapters/12-xor/": 2,
    "chapters/13-deeper-networks/": 1,
    "chapters/14-gradient-checking/": 1,
    "calculator/": 1,
}


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


FIGURES_SHOWN = (
    "[...document.querySelectorAll('article svg[role=img]')]"
    ".filter(svg => svg.getBoundingClientRect().width > 0)"
)
"""The figures a reader sees: each is drawn twice, for a laptop and for a phone, and the
stylesheet hides one of the two."""

FIGURE_COLOURS = """() => FIGURES.map(svg => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
  let background = null;
  for (let node = svg; node && !background; node = node.parentElement) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) background = c.slice(0, 3);
  }
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].slice(0, 40)
    .map(t => rgb(getComputedStyle(t).fill).slice(0, 3));
  return {width: box.width, height: box.height, background: background || [255, 255, 255],
          texts, label: svg.getAttribute('aria-label')};
})""".replace("FIGURES", FIGURES_SHOWN)

SMALLEST_TEXT = """() => FIGURES.map(svg => {
  const scale = svg.getScreenCTM().a;
  const sizes = [...svg.querySelectorAll('text, tspan')]
    .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return [svg.getAttribute('aria-label'), Math.min(...sizes)];
})""".replace("FIGURES", FIGURES_SHOWN)
"""The rendered size, in CSS px, of the smallest text of each figure the reader sees."""

EXPONENTS = """() => [...document.querySelectorAll('.katex .msupsub .vlist > span')]
  .filter(w => {
    const strut = w.querySelector(':scope > .pstrut');
    return strut && w.parentElement.closest('.msupsub, .mfrac, .op-limits, .accent, .sqrt')
      .classList.contains('msupsub') && -parseFloat(w.style.top) > parseFloat(strut.style.height);
  })
  .flatMap(w => [...w.querySelectorAll('span')])
  .filter(e => !e.children.length && e.textContent.replace(/[\\s\\u200b]/g, '')
    && e.getClientRects().length)
  .map(e => [(e.closest('.katex').querySelector('annotation') || e).textContent.trim()
    .slice(0, 60), parseFloat(getComputedStyle(e).fontSize)])
  .filter(([formula, size]) => size < 11)"""
"""The formulas with exponent text under 11 px that the reader sees: text in a KaTeX
superscript (a script raised above its base: the -1.105905967 of $e^{-1.105905967}$, and the
subscript of $e^{-net_{o1}}$ with it), at its computed size."""


CUT_OFF = """() => {
  const cut = e => e.scrollWidth > e.clientWidth + 1;
  const visible = e => e.offsetParent !== null;
  const tex = e => (e.querySelector('annotation') || e).textContent.trim().slice(0, 70);
  const html = document.documentElement;
  return {
    formulas: [...document.querySelectorAll('div.arithmatex')].filter(visible).filter(cut).map(tex),
    tables: [...document.querySelectorAll('article .md-typeset__scrollwrap')].filter(cut)
      .map(e => (e.querySelector('th') || e).textContent.trim().slice(0, 40)),
    page: html.scrollWidth > html.clientWidth,
  };
}"""
"""Display formulas and tables wider than their box (cut off, or scrolled), and whether the
whole page scrolls sideways."""

AXE_RUN = """async rules => (await axe.run(document, {resultTypes: ['violations'],
    ...(rules ? {runOnly: {type: 'rule', values: rules}} : {})})).violations
  .filter(v => ['serious', 'critical'].includes(v.impact))
  .map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ' nodes)')"""
"""axe-core's serious and critical violations: of every rule, or of the rules given."""

COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe-core rules whose verdict depends on the palette."""

STACKED_DISPLAYS = """() => [...document.querySelectorAll('article .bp-stacked')].map(box => [
  getComputedStyle(box.querySelector('tbody tr')).display,
  getComputedStyle(box.querySelector('tbody td')).display,
  getComputedStyle(box.querySelector('thead')).position,
  getComputedStyle(box.querySelector('tbody td'), '::before').content,
])"""
"""How the tables stacked on a phone display on a laptop: as ordinary tables."""


STACKED = {
    "errata/": 3,
    "chapters/08-neuralblog/": 3,
    "chapters/12-xor/": 4,
    "chapters/13-deeper-networks/": 19,
    "chapters/14-gradient-checking/": 3,
    "test-vectors/": 3,
}
"""The pages with tables stacked on a phone, and how many each has."""


def screenshot(page: Any, path: str, scheme: str, width: str) -> None:
    """A full-page screenshot of a page a reader reads, when asked for (`SCREENSHOTS_WANTED`)."""
    if SCREENSHOTS_WANTED and not path.startswith("reference/"):  # the API pages are long
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = path.strip("/").replace("/", "_") or "index"
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{scheme}{width}.png"), full_page=True)


class OnALaptop:
    """Every page at 1280 px, in one palette.

    pytest-xdist (`--dist loadscope`) runs each palette's class on its own worker.
    """

    scheme = ""

    @pytest.mark.parametrize("path", PAGES)
    def test_page_on_a_laptop(self, visits: Visits, path: str) -> None:
        scheme = self.scheme
        visit = visits(scheme, LAPTOP)
        page = visit.open(path)
        where = f"/{path} ({scheme})"
        # the palette follows the reader's preference
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == {"light": "default", "dark": "slate"}[scheme], where
        if scheme == "light":  # what the palette cannot change, checked once
            if path.removeprefix("chapters/")[:-1] in CHAPTERS:  # the tutorial's thread first
                assert page.evaluate(OPEN_CODE) == 0, f"{where}: code open on load"
                boxes = page.locator("article details.bp-code")
                assert boxes.count() > 0
                assert page.locator("article details.bp-code pre > code").count() >= boxes.count()
                assert page.locator(SWITCH).get_attribute("aria-pressed") == "false"
            # every formula typeset, none in error, no exponent under 11 px
            formulas = page.locator(".arithmatex").count()
            assert page.locator(".arithmatex .katex").count() >= formulas
            assert page.locator(".katex-error").count() == 0
            # at 1280 px every display formula and every table fits the text column
            cut = page.evaluate(CUT_OFF)
            assert cut == {"formulas": [], "tables": [], "page": False}, f"{where}: {cut}"
            small = [(label, size) for label, size in page.evaluate(SMALLEST_TEXT) if size < 11]
            assert not small, f"{where}: figure text under 11 px: {small}"
            exponents = page.evaluate(EXPONENTS)
            assert not exponents, f"{where}: exponents under 11 px: {exponents[:5]}"
            # tables stacked on a phone are ordinary tables here
            displays = page.evaluate(STACKED_DISPLAYS)
            assert displays == [["table-row", "table-cell", "static", "none"]] * STACKED.get(
                path, 0
            )
        # figures present, sized, and readable on their own background
        figures = page.evaluate(FIGURE_COLOURS)
        assert len(figures) == FIGURES.get(path, 0), f"figures on {where}: {len(figures)}"
        for figure in figures:
            assert figure["width"] > 100 and figure["height"] > 100, figure["label"]
            assert figure["texts"], f"figure without text: {figure['label']}"
            worst = min(contrast(tuple(t), tuple(figure["background"])) for t in figure["texts"])
            assert worst >= 4.5, f"text contrast {worst:.1f} in {figure['label']!r} ({scheme})"
        # the exercises answered, right and wrong: axe-core then reads the verdicts too
        if path in EXERCISE_PAGES:
            answer_every_exercise(page, EXERCISE_PAGES[path])
        # accessibility: no serious or critical violations (colour contrast in each palette)
        page.add_script_tag(url=urljoin(visit.server, AXE_URL))
        violations = page.evaluate(AXE_RUN, None if scheme == "light" else COLOUR_RULES)
        assert not violations, f"{where}: {violations}"
        screenshot(page, path, scheme, "")
        assert not visit.errors, f"console or page errors on {where}: {visit.errors}"
        assert not visit.foreign, f"{where} requested other hosts: {visit.foreign}"


class TestOnALaptopLight(OnALaptop):
    scheme = "light"


class TestOnALaptopDark(OnALaptop):
    scheme = "dark"


def test_instant_navigation_keeps_math_typeset(visits: Visits) -> None:
    visit = visits("light", LAPTOP)
    page = visit.open("chapters/01-network/")
    for expected in ("notation", "02-forward-pass", "03-total-error", "04-output-layer"):
        page.locator("a.md-footer__link--next").click()
        page.wait_for_url(re.compile(expected))
        visit.wait_for_math()
        assert page.locator(".arithmatex").count() > 0
        assert page.locator(".katex-error").count() == 0
    # instant navigation replaced the page without a full reload
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert not visit.errors
    assert not visit.foreign


@pytest.mark.parametrize(
    ("word", "chapter"), [("delta", "04-output-layer"), ("cross-entropy", "07-cross-entropy")]
)
def test_search_finds_a_chapter_by_a_word_of_its_text(
    visits: Visits, word: str, chapter: str
) -> None:
    visit = visits("light", LAPTOP)
    page = visit.open("")
    page.locator(".md-search__input").click()
    page.keyboard.type(word)
    results = page.locator(".md-search-result__item a.md-search-result__link")
    results.first.wait_for(state="attached", timeout=10_000)
    # read every link in one go: the list may grow while it renders
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href') || '')")
    assert any(chapter in href for href in hrefs), hrefs
    assert not visit.foreign


def test_contrast_helper() -> None:
    assert math.isclose(contrast((0, 0, 0), (255, 255, 255)), 21.0)
    assert contrast((255, 255, 255), (255, 255, 255)) == 1.0
