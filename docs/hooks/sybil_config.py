"""The one sybil configuration for the Markdown pages, shared by pytest and the site build.

`conftest.py` hands it to pytest, and the `doctests.py` hook runs it on every page during
`mkdocs build`, so a page whose printed numbers no longer match the library fails both.

What sybil checks in a page, in the page's order and in one namespace per page:

- a build-time block (```` ```python exec="on" session="<page>" ````, run by markdown-exec when
  the site builds): run as code, its printed output discarded, so it is the setup of the
  doctests after it and a block that raises fails the tests;
- a bare ```` ```python ```` fence: `>>>` lines are doctests, anything else is run as code;
- `<!-- skip: next -->` / `<!-- skip: start -->` … `<!-- skip: end -->`;
- `<!-- clear-namespace -->`.

Any other info string (```` ```pycon ````, ```` ```json ````) is not collected.
"""

from __future__ import annotations

import contextlib
import io
import re
from doctest import ELLIPSIS
from pathlib import Path

from sybil import Example, Region, Sybil
from sybil.document import Document
from sybil.evaluators.doctest import NUMBER
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.markdown import ClearNamespaceParser, PythonCodeBlockParser, SkipParser
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

DOCS_DIR = Path(__file__).resolve().parent.parent
"""The `docs/` folder."""

DOCTEST_OPTIONFLAGS = ELLIPSIS | NUMBER
"""`NUMBER`: a printed `0.298371109` matches any value that rounds to it at that precision."""

EXEC_INFO = re.compile(
    r'(?P<language>python|py)[ \t]+(?P<options>[^\n]*?\bexec="(?:on|1|true|yes)"[^\n]*)$\n',
    re.MULTILINE,
)
"""The info string of a block markdown-exec runs: `python exec="on" ...` (its other spellings of
"on" included)."""

SESSION = re.compile(r'\bsession="(?P<session>[^"]*)"')


class ExecBlockParser:
    """Collect markdown-exec's build-time blocks, so sybil runs them as each page's setup."""

    def __init__(self) -> None:
        self.lexer = RawFencedCodeBlockLexer(info_pattern=EXEC_INFO)
        self.python = PythonEvaluator()
        self.last_output = ""

    def __call__(self, document: Document) -> list[Region]:
        """The page's build-time blocks, each with its markdown-exec session (or `None`)."""
        regions = []
        for region in self.lexer(document):
            session = SESSION.search(region.lexemes["options"])
            region.lexemes["session"] = session["session"] if session else None
            region.parsed = region.lexemes["source"]
            region.evaluator = self.evaluate
            regions.append(region)
        return regions

    def evaluate(self, example: Example) -> None:
        """Run the block in the page's namespace; what it prints is for the page, not the test.

        The printed text is kept in `last_output`, so the site build can hand it to
        markdown-exec instead of running the block a second time.
        """
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            self.python(example)
        self.last_output = buffer.getvalue()


EXEC_BLOCKS = ExecBlockParser()
"""The parser of build-time blocks (the site build reads what each block printed from it)."""

markdown_sybil = Sybil(
    parsers=[
        EXEC_BLOCKS,
        PythonCodeBlockParser(doctest_optionflags=DOCTEST_OPTIONFLAGS),
        SkipParser(),
        ClearNamespaceParser(),
    ],
    path=str(DOCS_DIR),
    patterns=["*.md"],
    name="docs",
)
"""Collects the examples of every `docs/**/*.md` page."""
