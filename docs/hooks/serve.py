"""MkDocs hook, for `mkdocs serve` only: refresh the generated files on every rebuild.

`make docs` and the tests run the steps of `tools/site_files.py` around the builder themselves
(the Pyodide files, the library's zip and the test vectors written into `docs/` before the
build; the search index's math after it), so nothing a reader gets depends on this hook. It
only keeps a live preview complete when an edit of `src/` changes the library's zip or a test
vector, or when the preview's search index is rewritten.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import site_files

SERVING = False
"""Whether this is `mkdocs serve`; a build is left to `tools/site_files.py`."""


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether MkDocs serves or builds."""
    global SERVING
    SERVING = command == "serve"


def on_pre_build(*, config: Any) -> None:
    """Write the generated files (unchanged ones are not rewritten, so no rebuild loop)."""
    if SERVING:
        site_files.prepare()


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(*, config: Any) -> None:
    """Rewrite the math of the preview's search index."""
    if SERVING:
        site_files.finish(Path(config["site_dir"]))
