"""MkDocs hook: run each page's sybil examples while the site builds.

With this hook `mkdocs build` alone fails when a doctest on a page no longer matches what the
library prints, the same check `pytest` makes through `conftest.py`. (Its examples include the
page's build-time blocks, its setup; markdown-exec runs those blocks a second time to print the
page.) The correctness checks themselves live in pytest, so a build tool that ignores MkDocs
hooks still has them.
"""

from __future__ import annotations

import sys
import unittest
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from sybil.example import SybilFailure

from sybil_config import markdown_sybil


def on_pre_build(*, config: Any) -> None:
    """Forget the imported library, so that each rebuild of `mkdocs serve` runs the current code."""
    for name in list(sys.modules):
        if name.partition(".")[0] == "backprop_steps":
            del sys.modules[name]


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    """Evaluate the page's examples in order; raise `PluginError` on the first failure."""
    src_path = page.file.abs_src_path
    if src_path is None:
        return markdown
    path = Path(src_path)
    if not markdown_sybil.should_parse(path):
        return markdown
    document = markdown_sybil.parse(path)
    for example in document.examples():
        try:
            example.evaluate()
        except unittest.SkipTest:
            continue
        except SybilFailure as failure:
            raise PluginError(
                f"docs/{page.file.src_uri}, line {example.line}: doctest failed:\n{failure.result}"
            ) from None
        except Exception as error:
            raise PluginError(
                f"docs/{page.file.src_uri}, line {example.line}: example raised "
                f"{type(error).__name__}: {error}"
            ) from error
    return markdown
