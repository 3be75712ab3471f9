"""The built site: every internal link resolves, two builds are identical (the second without
the MkDocs hooks), 404 helps, no display formula breaks a line inside parentheses."""

from __future__ import annotations

import filecmp
import functools
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pages import PAGES, build_site, site_path


def pages_of(site: Path) -> list[str]:
    """The URL path of every page of a built site."""
    paths = (p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return sorted("" if path == "." else path + "/" for path in paths)


# --- links ------------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(str(values[key]))
        if tag == "link" and values.get("rel") in ("canonical", "alternate"):
            return  # names the page's address; loads nothing
        for key in ("href", "src"):
            if values.get(key) and tag in ("a", "img", "link", "script", "source", "image", "use"):
                self.links.append((tag, str(values[key])))


@functools.cache
def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def test_no_broken_internal_links_anchors_or_images(site: Path) -> None:
    prefix = site_path(site)  # where the site is published: absolute links start with it
    broken = []
    for page in sorted(site.rglob("*.html")):
        for tag, link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto"):
                if tag != "a":
                    broken.append(
                        f"{page.relative_to(site)}: <{tag}> loads {link} from another host"
                    )
                continue
            if parts.scheme or link.startswith("data:"):
                continue
            path = unquote(parts.path)
            if path.startswith("/") and not path.startswith(prefix):
                broken.append(f"{page.relative_to(site)}: {link} (outside {prefix})")
                continue
            target = site / path[len(prefix) :] if path.startswith("/") else page.parent / path
            if path == "":
                target = page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {link} (no such file)")
                continue
            if (
                parts.fragment
                and not parts.fragment.startswith("calc&")  # the calculator's form, not an anchor
                and target.suffix == ".html"
                and unquote(parts.fragment) not in _parse(target).ids
            ):
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    assert not broken, "\n".join(broken)


DISPLAY = re.compile(r'<div class="arithmatex">\\\[(.*?)\\\]</div>', re.DOTALL)
"""A display formula in a built page, as arithmatex leaves it for KaTeX."""


def test_no_display_formula_breaks_a_line_inside_parentheses(site: Path) -> None:
    # render.layout breaks long formulas for a phone between factors; a line that opens a
    # parenthesis it does not close (`0.751365070(1 \\ - 0.751365070)`) splits a factor.
    split = []
    for page in sorted(site.rglob("index.html")):
        for formula in DISPLAY.findall(page.read_text(encoding="utf-8")):
            for line in html.unescape(formula).split("\\\\"):
                if line.count("(") != line.count(")"):
                    split.append(f"{page.parent.relative_to(site)}: {line.strip()}")
    assert not split, "\n".join(split)


def test_every_page_of_docs_is_built(site: Path) -> None:
    assert set(PAGES) <= set(pages_of(site)), set(PAGES) - set(pages_of(site))


def test_a_useful_404_page(site: Path) -> None:
    page = (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in page
    assert f'href="{site_path(site)}chapters/01-network/"' in page


def test_a_second_build_without_the_mkdocs_hooks_is_byte_identical(
    site: Path, tmp_path: Path
) -> None:
    # Reproducible, and complete without MkDocs' hook API: the Pyodide files, the library's
    # zip, the test vectors and the search text come from tools/site_files.py around the
    # builder, so a builder that ignores `hooks:` (Zensical) publishes the same site.
    again = tmp_path / "again"
    build_site(again, hooks=False)
    differ = []

    def compare(comparison: filecmp.dircmp[str]) -> None:
        differ.extend(comparison.left_only + comparison.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            comparison.left, comparison.right, comparison.common_files, shallow=False
        )
        differ.extend(
            str(Path(comparison.left, name).relative_to(site)) for name in mismatch + errors
        )
        for sub in comparison.subdirs.values():
            compare(sub)

    compare(filecmp.dircmp(site, again))
    assert not differ, f"files that differ between two builds: {differ}"
