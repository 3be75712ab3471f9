"""Pyodide and the library, for the calculator page: downloaded once, checked, written into docs/.

The calculator runs the library in the reader's browser with Pyodide, the pinned version of
`pyodide.lock.json` at the repository's root. The first run downloads its npm tarball once into
the user's cache (`$BACKPROP_STEPS_CACHE`, else `$XDG_CACHE_HOME/backprop-steps`, else
`~/.cache/backprop-steps`: outside the repository, so no builder's `--clean` deletes it; it
needs access to the npm registry, nothing else) and checks the tarball against npm's sha512
integrity and each file kept against its sha256. [`write_into`][] then puts those files into
`docs/assets/pyodide/` (git-ignored) beside `backprop_steps.zip`, the library's package
(`backprop_steps.render.package`), before any builder reads `docs/`. The page loads both only
when the reader asks for a computation, and never anything from another host.

`python tools/pyodide_files.py` fetches and checks the files without building the site.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from backprop_steps.render.package import ZIP_NAME, package_zip

ROOT = Path(__file__).resolve().parents[1]
PIN = ROOT / "pyodide.lock.json"
TARGET = "assets/pyodide"
"""Where the files go, relative to `docs/` and to the built site."""


def cache_root() -> Path:
    """The download cache: `$BACKPROP_STEPS_CACHE`, else the user's cache folder."""
    if os.environ.get("BACKPROP_STEPS_CACHE"):
        return Path(os.environ["BACKPROP_STEPS_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "backprop-steps"


def pin() -> dict[str, Any]:
    """The pinned version, tarball, integrity and the sha256 of each file kept."""
    data: dict[str, Any] = json.loads(PIN.read_text(encoding="utf-8"))
    return data


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cached(pinned: dict[str, Any]) -> Path | None:
    """The cache folder of the pinned version, if it holds every file with its recorded hash."""
    folder = cache_root() / "pyodide" / str(pinned["version"])
    for name, digest in pinned["files"].items():
        path = folder / name
        if not path.is_file() or _sha256(path.read_bytes()) != digest:
            return None
    return folder


def fetch() -> Path:
    """The cache folder of the pinned Pyodide; downloaded and checked first if needed.

    Raises:
        RuntimeError: One line saying what failed (download, integrity or a file's hash).
    """
    pinned = pin()
    folder = cached(pinned)
    if folder is not None:
        return folder
    url = pinned["tarball"]
    print(f"pyodide: downloading {url}", file=sys.stderr)
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            tarball = response.read()
    except OSError as error:
        raise RuntimeError(
            f"pyodide: cannot download {url} ({error}); the calculator page needs it once "
            "(network access to the npm registry)"
        ) from None
    algorithm, _, expected = pinned["integrity"].partition("-")
    found = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if found != expected:
        raise RuntimeError(f"pyodide: {url}: integrity {algorithm}-{found}, expected {expected}")
    folder = cache_root() / "pyodide" / str(pinned["version"])
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for name, digest in pinned["files"].items():
            member = archive.extractfile(f"package/{name}")
            data = member.read() if member is not None else b""
            if _sha256(data) != digest:
                raise RuntimeError(f"pyodide: {name}: sha256 {_sha256(data)}, expected {digest}")
            _write(folder / name, data)
    return folder


def _write(path: Path, data: bytes) -> None:
    """Write whole files only, should another build read them meanwhile."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, path)


def compiled(source: bytes) -> tuple[Path, bytes]:
    """The standard library and the package as bytecode, compiled by Pyodide itself (in Node.js,
    `pyodide_compile.mjs`), so that the browser does not compile them while the reader waits:
    that halves Pyodide's start. The standard library is compiled once per Pyodide version (the
    modules the library imports), the package whenever its sources change. Without Node.js:
    the sources as they are, and a note (the page works, but starts more slowly).

    Returns:
        The standard library's zip to serve, and the package's zip.
    """
    folder = fetch()
    stdlib = folder / "compiled" / "python_stdlib.zip"
    package = folder / "compiled" / f"backprop_steps-{_sha256(source)[:16]}.zip"
    if stdlib.is_file() and package.is_file():
        return stdlib, package.read_bytes()
    node = shutil.which("node")
    if node is None:
        print("pyodide: no Node.js; serving source, the calculator starts slower", file=sys.stderr)
        return folder / "python_stdlib.zip", source
    package.parent.mkdir(exist_ok=True)
    for old in package.parent.glob("backprop_steps-*.zip"):  # from earlier sources
        if time.time() - old.stat().st_mtime > 86_400:
            old.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as work:
        zipped, done_package, done_stdlib = (Path(work) / n for n in ("in.zip", "p.zip", "s.zip"))
        zipped.write_bytes(source)
        script = Path(__file__).with_name("pyodide_compile.mjs")
        stdlib_in = stdlib if stdlib.is_file() else folder / "python_stdlib.zip"
        run = [node, str(script), str(folder), str(stdlib_in), str(zipped), str(done_package)]
        if not stdlib.is_file():
            run.append(str(done_stdlib))
        done = subprocess.run(run, capture_output=True, text=True, check=False)
        if done.returncode:
            raise RuntimeError(f"pyodide: compiling to bytecode failed:\n{done.stderr[-2000:]}")
        if done_stdlib.is_file():
            _write(stdlib, done_stdlib.read_bytes())
        _write(package, done_package.read_bytes())
    return stdlib, package.read_bytes()


def files() -> dict[str, bytes | Path]:
    """Every file the calculator loads, by name: Pyodide's pinned files and the package."""
    source = fetch()
    stdlib, package = compiled(package_zip())
    served: dict[str, bytes | Path] = {
        name: stdlib if name == stdlib.name else source / name for name in pin()["files"]
    }
    served[ZIP_NAME] = package
    return served


def write_into(folder: Path) -> None:
    """Write every file the calculator loads into `folder`, each only if it changed (so a
    watching `mkdocs serve` does not rebuild for nothing).
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files().items():
        data = content if isinstance(content, bytes) else content.read_bytes()
        path = folder / name
        if not path.is_file() or path.read_bytes() != data:
            _write(path, data)


if __name__ == "__main__":
    try:
        print(fetch())
    except RuntimeError as error:
        sys.exit(str(error))
