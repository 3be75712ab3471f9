"""Tables on a phone, light and dark: the number the reader came for is on screen.

At 390 px a table wider than the screen scrolls in its own box (Material's
`.md-typeset__scrollwrap`). Its first column must stay in view (sticky cells on an opaque
background) and the box must show that it scrolls: a shadow at its right edge, painted on the
box's background ("scroll shadows"), so everything between the box and the cells must be
transparent. The tables printed by `html_table` in a `.bp-stacked` box (the errata, published
against computed) must not scroll at all: each row is a card, each cell a line under its
column's heading. From 600 px they are ordinary tables.

The browser, the server (tests/conftest.py) and `Visit` are those of test_browser.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from pages import PAGES
from test_browser import LAPTOP, PHONE, Visit

STACKED = {
    "errata/": 2,
    "chapters/08-neuralblog/": 1,
    "chapters/12-xor/": 4,
    "chapters/13-deeper-networks/": 18,
    "chapters/14-gradient-checking/": 3,
    "test-vectors/": 1,
}
"""The pages with tables stacked on a phone, and how many each has."""

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tables_on_a_phone(browser: Any, server: str, scheme: str) -> None:
    visit = Visit(browser, server, scheme, PHONE)
    scrolling = 0
    try:
        for path in PAGES:
            visit.open(path)
            tables = visit.page.evaluate(TABLES)
            for table in tables["scrolling"]:
                where = f"/{path} ({scheme}), table {table['heading']!r}"
                assert table["positions"] == ["sticky"], f"{where}: first column scrolls away"
                assert table["opaque"], f"{where}: the rows show through the first column"
                assert table["shift"] <= 1, f"{where}: first column moved by {table['shift']} px"
                assert table["shadow"], f"{where}: no scroll shadow"
                assert not table["hidden"], f"{where}: the shadow is hidden by {table['hidden']}"
            scrolling += len(tables["scrolling"])
            assert len(tables["stacked"]) == STACKED.get(path, 0), f"/{path}: {tables['stacked']}"
            for table in tables["stacked"]:
                where = f"/{path} ({scheme}), table {table['heading']!r}"
                assert not table["scrolls"], f"{where} scrolls sideways on a phone"
                assert table["rows"] == "block", f"{where}: rows are not cards"
                assert table["labelled"], f"{where}: a cell without its column's heading"
        assert not visit.errors, visit.errors
    finally:
        visit.close()
    assert scrolling > 0, "no table scrolls on a phone: the checks above checked nothing"


def test_stacked_tables_are_tables_on_a_laptop(browser: Any, server: str) -> None:
    visit = Visit(browser, server, "light", LAPTOP)
    try:
        for path, count in STACKED.items():
            page = visit.open(path)
            displays = page.evaluate(
                """() => [...document.querySelectorAll('article .bp-stacked')].map(box => [
                  getComputedStyle(box.querySelector('tbody tr')).display,
                  getComputedStyle(box.querySelector('tbody td')).display,
                  getComputedStyle(box.querySelector('thead')).position,
                  getComputedStyle(box.querySelector('tbody td'), '::before').content,
                ])"""
            )
            assert displays == [["table-row", "table-cell", "static", "none"]] * count, path
    finally:
        visit.close()
