"""The library as the calculator page ships it to the reader's browser: one zip, and its URL.

The calculator runs this package in Pyodide. `tools/site_files.py` writes
[`package_zip`][backprop_steps.render.package.package_zip] into the site before the build, and
the page names it by [`package_url`][backprop_steps.render.package.package_url], whose query
changes with the zip's content, so a browser never keeps an old library beside a new page.

Introduced in [Calculator][calculator].
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

__all__ = ["ZIP_NAME", "package_url", "package_zip"]

ZIP_NAME = "backprop_steps.zip"
"""The file name of the package in the site's Pyodide folder."""

PACKAGE = Path(__file__).resolve().parents[1]
"""The `backprop_steps` folder whose sources the zip holds."""


def package_zip() -> bytes:
    """The package's sources as a zip to unpack into Pyodide's site-packages: sorted entries,
    fixed timestamps, no bytecode, so the same sources give the same bytes.

    Returns:
        The zip's bytes.

    Introduced in [Calculator][calculator].
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(PACKAGE.rglob("*")):
            if path.is_dir() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            name = path.relative_to(PACKAGE.parent).as_posix()
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def package_url(folder: str) -> str:
    """The URL of the zip in `folder`, with a query that changes with its content.

    Args:
        folder: The URL of the site's Pyodide folder, relative to the page, ending in `/`.

    Returns:
        For example `../assets/pyodide/backprop_steps.zip?v=0123456789abcdef`.

    Introduced in [Calculator][calculator].
    """
    digest = hashlib.sha256(package_zip()).hexdigest()[:16]
    return f"{folder}{ZIP_NAME}?v={digest}"
