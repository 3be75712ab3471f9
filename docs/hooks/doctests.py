"""MkDocs hook: run each page's sybil examples while the site builds.

With this hook `mkdocs build` alone fails when a doctest on a page no longer matches what the
library prints, the same check `pytest` makes through `conftest.py`.
"""

from __future__ import annotations

import sys
import unittest
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from sybil.example import SybilFailure

from sybil_config import DOCS_DIR, markdown_sybil


def on_pre_build(*, config: Any) -> None:
    """Put docs/snippets on the path; forget imported library and figure code, so that each
    rebuild of `mkdocs serve` runs the current code.
    """
    snippets = str(DOCS_DIR / "snippets")
    # The pages' build-time blocks import their figure code from docs/snippets (`from plots ...`).
    if snippets not in sys.path:
        sys.path.insert(0, snippets)
    for name, module in list(sys.modules.items()):
        if name.partition(".")[0] == "backprop_steps" or str(
            getattr(module, "__file__", "") or ""
        ).startswith(snippets):
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
