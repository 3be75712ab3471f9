r"""Finding one's way: the home page lists every page, the API reference is one entry of the
navigation, and search shows the chapters first and no LaTeX source.

The search index is checked on the built site, not only through the step that writes it
(`tools/search_text.py`, run after the builder): without that step the result snippets would
show `\(b_1\)`.
"""

from __future__ import annotations

import json
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from pages import PAGES
from search_text import readable, readable_math  # tools/ is on sys.path (pages.py)
from visit import LAPTOP, Visit, Visits

READER_PAGES = {path for path in PAGES if path and not path.startswith("reference/")}
"""Every page a reader reads, by URL path: all but the home page itself and the API reference
(the 404 page is not built from docs/)."""

REFERENCE_PAGES = {path for path in PAGES if path.startswith("reference/")}


class _Links(HTMLParser):
    """The links inside the first element of a given tag and class (the page's article, the
    primary navigation), resolved to URL paths relative to the site's root."""

    def __init__(self, page: str, tag: str, css_class: str) -> None:
        super().__init__()
        self.base = "http://site/" + page
        self.tag, self.css_class = tag, css_class
        self.depth = 0  # > 0 inside the element
        self.done = False
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.depth:
            if tag == self.tag:
                self.depth += 1
        elif (
            not self.done
            and tag == self.tag
            and self.css_class in (values.get("class") or "").split()
        ):
            self.depth = 1
        if self.depth and tag == "a" and values.get("href"):
            url = urlsplit(urljoin(self.base, values["href"]))
            if url.netloc == "site":
                self.links.append(url.path.lstrip("/"))

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == self.tag:
            self.depth -= 1
            self.done = self.depth == 0


def links(site: Path, page: str, tag: str, css_class: str) -> set[str]:
    """The URL paths linked from inside `<tag class="css_class">` of a built page."""
    parser = _Links(page, tag, css_class)
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    assert parser.done, f"{page or 'home page'}: no <{tag} class={css_class}>"
    return set(parser.links)


def test_home_page_links_every_page_a_reader_reads(site: Path) -> None:
    linked = links(site, "", "article", "md-content__inner")
    assert READER_PAGES - linked == set(), "pages the home page does not link to"
    assert "reference/" in linked


def test_reference_index_links_every_module_page(site: Path) -> None:
    linked = links(site, "reference/", "article", "md-content__inner")
    assert REFERENCE_PAGES - {"reference/"} - linked == set()


def test_navigation_has_one_reference_entry(site: Path) -> None:
    navigation = links(site, "", "nav", "md-nav--primary")
    assert {path for path in navigation if path.startswith("reference/")} == {"reference/"}
    assert navigation >= READER_PAGES


# --- search ------------------------------------------------------------------------------------


def test_search_index_holds_no_latex_delimiters(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = [
        f"{document['location']} ({field}): ...{document[field][max(at - 40, 0) : at + 40]}..."
        for document in index["docs"]
        for field in ("title", "text")
        for delimiter in ("\\(", "\\[")
        if (at := document[field].find(delimiter)) >= 0
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"\frac{\partial E_{total}}{\partial w_5}", "∂E_total/∂w_5"),
        (r"\delta_{o1} \cdot w_5", "delta_o1 · w_5"),
        (r"net_{h1} &amp;= w_1 i_1 + w_2 i_2 + b_1", "net_h1 = w_1 i_1 + w_2 i_2 + b_1"),
        (
            r"W_h = \begin{bmatrix} w_1 &amp; w_2 \\ w_3 &amp; w_4 \end{bmatrix}",
            "W_h = [w_1, w_2; w_3, w_4]",
        ),
        (r"\tfrac{1}{2}(target - out)^2", "1/2(target - out)^2"),
        (r"w_5 - \eta \frac{\partial E}{\partial w_5}", "w_5 - eta ∂E/∂w_5"),
        (r"\text{total\_error} \quad i_1 \to h_1", "total_error i_1 → h_1"),
    ],
)
def test_a_formula_reads_as_plain_text(tex: str, text: str) -> None:
    assert readable(tex) == text


def test_a_formula_laid_out_twice_is_indexed_once_and_code_is_left_alone() -> None:
    html = (
        r"<p>The delta of \(o_1\):</p> \[ \delta_{o1} = a \cdot b \] "
        r"\[ \begin{aligned} \delta_{o1} &amp;= a \\ &amp;\cdot b \end{aligned} \] "
        r"<pre><code>latex(r'\(x\)')</code></pre>"
    )
    assert readable_math(html) == (
        "<p>The delta of o_1:</p> delta_o1 = a · b  <pre><code>latex(r'\\(x\\)')</code></pre>"
    )


SEARCH_RESULTS = ".md-search-result__list > .md-search-result__item > a.md-search-result__link"


def search(visit: Visit, word: str) -> list[str]:
    """The URL paths of Material's search results for `word`, best first, one per page."""
    page = visit.open("")
    page.locator(".md-search__input").click()
    page.keyboard.type(word)
    results = page.locator(SEARCH_RESULTS)
    results.first.wait_for(state="attached", timeout=10_000)
    # the list is redrawn as each letter is typed and grows while it renders: read it until it
    # stays the same
    hrefs: list[str] = []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        page.wait_for_timeout(300)
        again = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
        if again == hrefs:
            break
        hrefs = again
    prefix = urlsplit(visit.server).path
    return [path.removeprefix(prefix) for path in dict.fromkeys(hrefs)]


@pytest.mark.parametrize("word", ["delta", "relu", "bias"])
def test_search_shows_a_tutorial_page_first_for_a_tutorial_word(visits: Visits, word: str) -> None:
    results = search(visits("light", LAPTOP), word)
    assert results, f"no result for {word!r}"
    assert not results[0].startswith("reference/"), results[:3]
