"""The site for the site and browser tests: how to build it, and its pages as URL paths."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "http://127.0.0.1/"  # served at the root, so absolute links resolve in the tests


def build_site(destination: Path) -> None:
    """`mkdocs build --strict` into `destination`, reproducibly (fixed SOURCE_DATE_EPOCH)."""
    env = dict(
        os.environ,
        SITE_URL=SITE_URL,
        SOURCE_DATE_EPOCH="1700000000",
        NO_MKDOCS_2_WARNING="1",
        MPLBACKEND="Agg",
    )
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-d",
        str(destination),
    ]
    # Not --quiet: it hides the warnings that --strict turns into a failure.
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")


def url_path(source: Path) -> str:
    """The URL path of a page built from docs/<source>.md (`chapters/01-network/`)."""
    relative = source.relative_to(ROOT / "docs").with_suffix("")
    if relative.name == "index":
        relative = relative.parent
    return "" if relative == Path(".") else relative.as_posix() + "/"


PAGES = [url_path(source) for source in sorted((ROOT / "docs").rglob("*.md"))]
