"""MkDocs hook: run each page's sybil examples while the site builds, each block once.

With this hook `mkdocs build` alone fails when a doctest on a page no longer matches what the
library prints, the same check `pytest` makes through `conftest.py`. The page's examples include
its build-time blocks (its setup), so the hook runs those too, in page order, and keeps what
each one prints; markdown-exec then gets that output instead of running the block a second
time. Without the hook (a build tool that ignores MkDocs hooks), markdown-exec runs the blocks
itself, and the correctness checks still live in pytest.
"""

from __future__ import annotations

import sys
import textwrap
import unittest
from collections import defaultdict, deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from sybil.example import SybilFailure

from sybil_config import EXEC_BLOCKS, markdown_sybil

markdown_exec_python: Any  # a module, or None
try:  # markdown-exec's Python runner: replaced below by one that returns the kept output
    from markdown_exec._internal.formatters import python as markdown_exec_python
except ImportError:  # another version of markdown-exec: it runs every block itself
    markdown_exec_python = None

OUTPUTS: dict[tuple[str | None, str], deque[str]] = defaultdict(deque)
"""What each build-time block printed, by (session, code), in page order."""


def _key(session: str | None, code: str) -> tuple[str | None, str]:
    return session, textwrap.dedent(code).strip()


if markdown_exec_python is not None:
    _run_python: Callable[..., str] = markdown_exec_python._run_python

    def _kept_or_run(
        code: str,
        returncode: int | None = None,
        session: str | None = None,
        id: str | None = None,
        **extra: str,
    ) -> str:
        """The output the hook kept for this block; the block is run only if there is none."""
        kept = OUTPUTS.get(_key(session, code))
        if kept:
            markdown_exec_python._code_block_id(id, session, extra.get("title"))
            return kept.popleft()
        return _run_python(code, returncode, session=session, id=id, **extra)

    markdown_exec_python._run_python = _kept_or_run


def on_pre_build(*, config: Any) -> None:
    """Forget the imported library, so that each rebuild of `mkdocs serve` runs the current code."""
    for name in list(sys.modules):
        if name.partition(".")[0] == "backprop_steps":
            del sys.modules[name]
    OUTPUTS.clear()


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
        if example.region.evaluator == EXEC_BLOCKS.evaluate:
            lexemes = example.region.lexemes
            OUTPUTS[_key(lexemes["session"], lexemes["source"])].append(EXEC_BLOCKS.last_output)
    return markdown
