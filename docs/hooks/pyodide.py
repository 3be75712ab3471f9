"""MkDocs hook: Pyodide and the library, served by the site itself, for the calculator page.

The calculator runs the library in the reader's browser with Pyodide, the pinned version of
`pyodide.lock.json` at the repository's root. The first build downloads its npm tarball once
into `.cache/pyodide/` (git-ignored; it needs access to the npm registry, nothing else), checks
the tarball against npm's sha512 integrity and each file kept against its sha256. Every build
then copies those files into `assets/pyodide/` of the site, beside `backprop_steps.zip`: the
library's package, zipped with fixed timestamps so two builds stay byte-identical. The page
loads both only when the reader asks for a computation, and never anything from another host.

`python docs/hooks/pyodide.py` fetches and checks the files without building the site.
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
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PIN = ROOT / "pyodide.lock.json"
CACHE = ROOT / ".cache" / "pyodide"
PACKAGE = ROOT / "src" / "backprop_steps"
TARGET = "assets/pyodide"
ZIP_NAME = "backprop_steps.zip"
ZIP_TOKEN = "@BACKPROP_STEPS_ZIP@"
"""Written in the calculator page where the package's URL goes; replaced by a URL that changes
with the package's content, so a browser never keeps an old library beside a new page."""


def _pin() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PIN.read_text(encoding="utf-8"))
    return data


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cached(pin: dict[str, Any]) -> Path | None:
    """The cache folder of the pinned version, if it holds every file with its recorded hash."""
    folder = CACHE / pin["version"]
    for name, digest in pin["files"].items():
        path = folder / name
        if not path.is_file() or _sha256(path.read_bytes()) != digest:
            return None
    return folder


def fetch() -> Path:
    """The cache folder of the pinned Pyodide; downloaded and checked first if needed.

    Raises:
        RuntimeError: One line saying what failed (download, integrity or a file's hash).
    """
    pin = _pin()
    folder = cached(pin)
    if folder is not None:
        return folder
    url = pin["tarball"]
    print(f"pyodide: downloading {url}", file=sys.stderr)
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            tarball = response.read()
    except OSError as error:
        raise RuntimeError(
            f"pyodide: cannot download {url} ({error}); the calculator page needs it once "
            "(network access to the npm registry)"
        ) from None
    algorithm, _, expected = pin["integrity"].partition("-")
    found = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if found != expected:
        raise RuntimeError(f"pyodide: {url}: integrity {algorithm}-{found}, expected {expected}")
    folder = CACHE / pin["version"]
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for name, digest in pin["files"].items():
            member = archive.extractfile(f"package/{name}")
            data = member.read() if member is not None else b""
            if _sha256(data) != digest:
                raise RuntimeError(f"pyodide: {name}: sha256 {_sha256(data)}, expected {digest}")
            partial = folder / f"{name}.{os.getpid()}.part"  # another build may be reading
            partial.write_bytes(data)
            os.replace(partial, folder / name)
    return folder


def package_zip() -> bytes:
    """The library's source as a zip to unpack into Pyodide's site-packages: sorted entries,
    fixed timestamps, no bytecode, so the same sources give the same bytes.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(PACKAGE.rglob("*")):
            if path.is_dir() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            info = zipfile.ZipInfo(
                path.relative_to(PACKAGE.parent).as_posix(), (1980, 1, 1, 0, 0, 0)
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def on_pre_build(*, config: Any) -> None:
    """Fetch Pyodide first, so a build without it stops at once with the reason."""
    fetch()


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    """Write the package's URL into the calculator page, with its content hash."""
    if ZIP_TOKEN not in markdown:
        return markdown
    digest = _sha256(package_zip())[:16]
    return markdown.replace(ZIP_TOKEN, f"{ZIP_NAME}?v={digest}")


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
        run = [node, str(script), str(folder)]
        if stdlib.is_file():
            run += [str(stdlib), str(zipped), str(done_package)]
        else:
            run += [
                str(folder / "python_stdlib.zip"),
                str(zipped),
                str(done_package),
                str(done_stdlib),
            ]
        done = subprocess.run(run, capture_output=True, text=True, check=False)
        if done.returncode:
            raise RuntimeError(f"pyodide: compiling to bytecode failed:\n{done.stderr[-2000:]}")
        # whole files only, should another build read them meanwhile
        if done_stdlib.is_file():
            os.replace(done_stdlib, stdlib)
        os.replace(done_package, package)
    return stdlib, package.read_bytes()


def on_post_build(*, config: Any) -> None:
    """Copy Pyodide and the package into the site."""
    target = Path(config["site_dir"]) / TARGET
    target.mkdir(parents=True, exist_ok=True)
    source = fetch()
    stdlib, package = compiled(package_zip())
    for name in _pin()["files"]:
        shutil.copyfile(stdlib if name == stdlib.name else source / name, target / name)
    (target / ZIP_NAME).write_bytes(package)


if __name__ == "__main__":
    try:
        print(fetch())
    except RuntimeError as error:
        sys.exit(str(error))
