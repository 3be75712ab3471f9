"""Collect the doctests of the docs pages and of the library's docstrings with sybil."""

import sys
from pathlib import Path

from sybil import Sybil
from sybil.parsers.rest import DocTestParser

# docs/hooks: the sybil configuration, shared with the site build's hook; tools: the steps
# around the site's builder (tools/site_files.py), which the site tests use too
sys.path.insert(0, str(Path(__file__).parent / "docs" / "hooks"))
sys.path.insert(0, str(Path(__file__).parent / "tools"))
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
