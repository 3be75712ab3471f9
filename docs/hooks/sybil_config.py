"""The one sybil configuration for the Markdown pages, shared by pytest and the site build.

`conftest.py` hands it to pytest, and the `doctests.py` hook runs it on every page during
`mkdocs build`, so a page whose printed numbers no longer match the library fails both.

What sybil checks in a page:

- a bare ```` ```python ```` fence: `>>>` lines are doctests, anything else is run as code;
- `<!-- invisible-code-block: python -->` comments: hidden set-up code;
- `<!-- skip: next -->` / `<!-- skip: start -->` … `<!-- skip: end -->`;
- `<!-- clear-namespace -->`.

Any other info string (```` ```python exec="on" ````, ```` ```pycon ````) is not collected.
"""

from __future__ import annotations

from doctest import ELLIPSIS
from pathlib import Path

from sybil import Sybil
from sybil.evaluators.doctest import NUMBER
from sybil.parsers.markdown import ClearNamespaceParser, PythonCodeBlockParser, SkipParser

DOCS_DIR = Path(__file__).resolve().parent.parent
"""The `docs/` folder."""

DOCTEST_OPTIONFLAGS = ELLIPSIS | NUMBER
"""`NUMBER`: a printed `0.298371109` matches any value that rounds to it at that precision."""

markdown_sybil = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=DOCTEST_OPTIONFLAGS),
        SkipParser(),
        ClearNamespaceParser(),
    ],
    path=str(DOCS_DIR),
    patterns=["*.md"],
    name="docs",
)
"""Collects the examples of every `docs/**/*.md` page."""
