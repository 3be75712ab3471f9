"""Every page on a phone (390 px), light and dark: formulas fit, the page does not scroll sideways,
figures and exponents are readable, and the number the reader came for is on screen.

A table wider than the screen scrolls in its own box (Material's `.md-typeset__scrollwrap`).
Its first column must stay in view (sticky cells on an opaque background) and the box must show
that it scrolls: a shadow at its right edge, painted on the box's background ("scroll
shadows"), so everything between the box and the cells must be transparent. The tables printed
by `html_table` in a `.bp-stacked` box (the errata, published against computed) must not scroll
at all: each row is a card, each cell a line under its column's heading. From 600 px they are
ordinary tables (checked in `test_browser.py`).

The browser, the server (tests/conftest.py), the tabs and the shared checks are those of
`test_browser.py`.
"""

from __future__ import annotations

import pytest

from pages import PAGES
from test_browser import (
    CUT_OFF,
    EXPONENTS,
    FIGURES,
    FIGURES_SHOWN,
    SMALLEST_TEXT,
    STACKED,
    screenshot,
)
from visit import PHONE, Visits

SCROLLING = {"chapters/07-cross-entropy/": 1}
"""Pages with at least this many tables that scroll on a phone (so those checks check something)."""

TABLES = """async () => {
  await document.fonts.ready;
  const transparent = c => c === 'transparent' || /rgba\\(.*, 0\\)$/.test(c);
  const heading = e => (e.querySelector('th') || e).textContent.trim().slice(0, 40);
  const scrolls = e => e.scrollWidth > e.clientWidth + 1;
  const wraps = [...document.querySelectorAll('article .md-typeset__scrollwrap')];
  const scrolling = wraps.filter(e => !e.closest('.bp-stacked') && scrolls(e)).map(wrap => {
    const style = getComputedStyle(wrap);
    const firsts = [...wrap.querySelectorAll('tr > :first-child')];
    const last = wrap.querySelector('tr > :last-child');
    // every layer over the box's background, up to the cell at the right edge
    const layers = [wrap.querySelector('.md-typeset__table'), wrap.querySelector('table'),
                    last.parentElement, last];
    // scrolled to the end, the first column is still at the box's left edge
    wrap.scrollLeft = wrap.scrollWidth;
    const shift = Math.abs(firsts[0].getBoundingClientRect().left - wrap.getBoundingClientRect().left);
    wrap.scrollLeft = 0;
    return {
      heading: heading(wrap),
      positions: [...new Set(firsts.map(c => getComputedStyle(c).position))],
      opaque: firsts.every(c => !transparent(getComputedStyle(c).backgroundColor)),
      shift,
      shadow: style.backgroundImage.includes('radial-gradient')
        && style.backgroundAttachment.includes('local')
        && style.backgroundAttachment.includes('scroll'),
      hidden: layers.filter(e => !transparent(getComputedStyle(e).backgroundColor))
        .map(e => e.tagName.toLowerCase() + '.' + e.className),
    };
  });
  const stacked = [...document.querySelectorAll('article .bp-stacked')].map(box => {
    const wrap = box.querySelector('.md-typeset__scrollwrap');
    const cells = [...box.querySelectorAll('tbody td')];
    const headings = [...box.querySelectorAll('thead th')].map(th => th.textContent.trim());
    return {
      heading: heading(box),
      scrolls: !wrap || scrolls(wrap),
      rows: getComputedStyle(box.querySelector('tbody tr')).display,
      labelled: cells.length > 0 && cells.every((td, i) =>
        getComputedStyle(td, '::before').content === JSON.stringify(headings[i % headings.length])),
    };
  });
  return {scrolling, stacked};
}"""
"""The tables of a page that scroll (not stacked ones), and the stacked ones."""


class OnAPhone:
    """Every page at 390 px, in one palette.

    pytest-xdist (`--dist loadscope`) runs each palette's class on its own worker.
    """

    scheme = ""

    @pytest.mark.parametrize("path", PAGES)
    def test_page_on_a_phone(self, visits: Visits, path: str) -> None:
        scheme = self.scheme
        visit = visits(scheme, PHONE)
        page = visit.open(path)
        tables = page.evaluate(TABLES)
        for table in tables["scrolling"]:
            where = f"/{path} ({scheme}), table {table['heading']!r}"
            assert table["opaque"], f"{where}: the rows show through the first column"
            assert table["shadow"], f"{where}: no scroll shadow"
            assert not table["hidden"], f"{where}: the shadow is hidden by {table['hidden']}"
        if scheme == "light":  # what the palette cannot change, checked once
            cut = page.evaluate(CUT_OFF)
            # a table may scroll inside its own box on a phone; a formula or the page may not
            assert (cut["formulas"], cut["page"]) == ([], False), f"/{path} at 390 px: {cut}"
            shown = page.evaluate(f"() => {FIGURES_SHOWN}.length")
            assert shown == FIGURES.get(path, 0), f"figures on /{path} at 390 px: {shown}"
            small = [(label, size) for label, size in page.evaluate(SMALLEST_TEXT) if size < 11]
            assert not small, f"/{path} at 390 px: figure text under 11 px: {small}"
            exponents = page.evaluate(EXPONENTS)
            assert not exponents, f"/{path} at 390 px: exponents under 11 px: {exponents[:5]}"
            for table in tables["scrolling"]:
                where = f"/{path}, table {table['heading']!r}"
                assert table["positions"] == ["sticky"], f"{where}: first column scrolls away"
                assert table["shift"] <= 1, f"{where}: first column moved by {table['shift']} px"
            assert len(tables["scrolling"]) >= SCROLLING.get(path, 0), f"/{path}: {tables}"
            assert len(tables["stacked"]) == STACKED.get(path, 0), f"/{path}: {tables['stacked']}"
            for table in tables["stacked"]:
                where = f"/{path}, table {table['heading']!r}"
                assert not table["scrolls"], f"{where} scrolls sideways on a phone"
                assert table["rows"] == "block", f"{where}: rows are not cards"
                assert table["labelled"], f"{where}: a cell without its column's heading"
        screenshot(page, path, scheme, "-390")
        assert not visit.errors, f"console or page errors on /{path} at 390 px: {visit.errors}"


class TestOnAPhoneLight(OnAPhone):
    scheme = "light"


class TestOnAPhoneDark(OnAPhone):
    scheme = "dark"
