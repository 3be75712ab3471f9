"""Pyodide in the built site: the pinned version, checked, copied beside the library's package,
and nothing of it referenced by a page until the reader asks (tools/pyodide_files.py)."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

import pyodide_files  # tools/ (on sys.path through pages.py)
from backprop_steps.render.package import package_zip
from pages import ROOT

PIN = json.loads((ROOT / "pyodide.lock.json").read_text())


def test_the_pin_names_an_npm_tarball_with_its_integrity() -> None:
    assert PIN["package"] == "pyodide"
    assert PIN["tarball"] == (f"https://registry.npmjs.org/pyodide/-/pyodide-{PIN['version']}.tgz")
    assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", PIN["integrity"])
    # what loadPyodide fetches, and nothing else of the package
    assert set(PIN["files"]) == {
        "pyodide.mjs",
        "pyodide.asm.mjs",
        "pyodide.asm.wasm",
        "python_stdlib.zip",
        "pyodide-lock.json",
    }


def test_the_cache_holds_the_pinned_files() -> None:
    folder = pyodide_files.fetch()
    for name, digest in PIN["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_the_package_zip_is_reproducible_and_complete() -> None:
    first, second = package_zip(), package_zip()
    assert first == second
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert "backprop_steps/__init__.py" in names
    assert "backprop_steps/render/calculator.py" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    for info in zipfile.ZipFile(io.BytesIO(first)).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)


def test_the_site_serves_pyodide_and_the_package(site: Path) -> None:
    served = site / "assets" / "pyodide"
    source = pyodide_files.fetch()
    for name in PIN["files"]:
        assert (served / name).is_file(), name
        if name != "python_stdlib.zip":  # may be the bytecode-compiled copy
            assert (served / name).read_bytes() == (source / name).read_bytes(), name
    package = zipfile.ZipFile(served / "backprop_steps.zip").namelist()
    assert any(n.startswith("backprop_steps/render/calculator.py") for n in package)


def test_pages_load_nothing_of_pyodide(site: Path) -> None:
    page = (site / "calculator" / "index.html").read_text()
    # the package's URL carries its content hash, so a browser never pairs an old library
    # with a new page
    found = re.search(
        r'data-package="\.\./assets/pyodide/backprop_steps\.zip\?v=([0-9a-f]{16})"', page
    )
    assert found, "the calculator page does not name the package"
    for html in site.rglob("*.html"):
        text = html.read_text()
        assert not re.search(r"<script[^>]+pyodide", text), html
        assert "cdn.jsdelivr" not in text, html
