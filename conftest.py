"""Collect the doctests of the docs pages and of the library's docstrings with sybil."""

import sys
from pathlib import Path

from sybil import Sybil
from sybil.parsers.rest import DocTestParser

# docs/hooks: the sybil configuration, shared with the site build's hook
sys.path.insert(0, str(Path(__file__).parent / "docs" / "hooks"))
from sybil_config import DOCTEST_OPTIONFLAGS, markdown_sybil

pytest_collect_file = (
    markdown_sybil
    + Sybil(
        parsers=[DocTestParser(optionflags=DOCTEST_OPTIONFLAGS)],
        path="src",
        patterns=["*.py"],
        excludes=["__main__.py"],
        name="docstrings",
    )
).pytest()
