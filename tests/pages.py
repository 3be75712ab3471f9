"""The site for the site and browser tests: how to build it, where it lives, its pages."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))  # the steps around the builder (not a package)
from site_files import build  # noqa: E402


def build_site(destination: Path, hooks: bool = True) -> None:
    """The site as `make docs` builds it (prepare, `mkdocs build --strict`, finish); with
    `hooks=False`, as a builder that ignores the `hooks:` of `mkdocs.yml` builds it."""
    build(destination, hooks)


def site_path(site: Path) -> str:
    """The path the site is published under (`/backprop-steps/`), read from its sitemap."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    paths = [urlsplit(url).path for url in re.findall(r"<loc>([^<]*)</loc>", sitemap)]
    assert paths, "the built site has no sitemap entry"
    return min(paths, key=len)  # the home page


def url_path(source: Path) -> str:
    """The URL path of a page built from docs/<source>.md (`chapters/01-network/`)."""
    relative = source.relative_to(ROOT / "docs").with_suffix("")
    if relative.name == "index":
        relative = relative.parent
    return "" if relative == Path(".") else relative.as_posix() + "/"


PAGES = [url_path(source) for source in sorted((ROOT / "docs").rglob("*.md"))]
