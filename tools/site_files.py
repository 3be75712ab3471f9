"""The steps around the site's builder: the files it should publish, and what it leaves raw.

Everything a reader gets comes from here, not from MkDocs' hook or plugin API, so a builder that
ignores `hooks:` (Zensical, or a ProperDocs build) still gives the complete site:

- `prepare` writes the generated files into `docs/` (git-ignored), where every builder finds
  them: Pyodide and the library's zip for the calculator (`docs/assets/pyodide/`,
  `pyodide_files.py`), the test vectors (`docs/test-vectors/`: the JSON files, their schema
  and the CSV, from `backprop_steps.vectorfiles`) and the exercises' data
  (`docs/exercises/data/`: a JSON file per chapter and seed, from
  `backprop_steps.render.exercises`) and a teacher's files (`docs/exercises/course/`: each
  seed's sheet and key, each chapter's exports, from `backprop_steps.render.course`);
- `finish SITE` rewrites the math of the built search index as plain text (`search_text.py`)
  and writes the tutorial's reading time into chapter 1 (`reading_time.py`);
- `build SITE` is `prepare`, `mkdocs build --strict -d SITE` and `finish SITE`: what
  `make docs` runs, and what the tests build.

    python tools/site_files.py prepare | finish SITE | build SITE

Each writes a file only when its content changed, so a watching `mkdocs serve` does not rebuild
for nothing.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyodide_files
import reading_time
import search_text

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

ENVIRONMENT = {"NO_MKDOCS_2_WARNING": "1", "MPLBACKEND": "Agg"}
"""Set for every build: no MkDocs 2 banner (we pin mkdocs<2), plots drawn headless."""


def _write(path: Path, data: bytes) -> None:
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def write_vectors(folder: Path) -> None:
    """The test vectors' files in `folder` (each vector's JSON, the schema, the CSV), and no
    other file: `backprop_steps.vectorfiles.files()`, the one list.
    """
    from backprop_steps.vectorfiles import files

    expected = files()
    if folder.is_dir():
        for old in folder.iterdir():
            if old.is_file() and old.name not in expected:
                old.unlink()
    for name, text in expected.items():
        _write(folder / name, text.encode("utf-8"))


def library_digest() -> str:
    """A digest of the library's sources: what every generated file is computed from."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src" / "backprop_steps").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


Files = Callable[[Callable[..., Iterable[Any]]], dict[str, bytes]]
"""A list of generated files (path to content), computed with the `map` it is given."""


def write_generated(folder: Path, files: Files) -> None:
    """The files a list gives, in `folder`, and no other file, computed on every core.

    They take a while to compute, so they are computed again only when the library changed:
    the digest of its sources and the files' names are kept beside them (a dot file, which
    MkDocs does not publish).
    """
    stamp, digest = folder / ".library", library_digest()
    if stamp.is_file():
        kept, *names = stamp.read_text(encoding="utf-8").splitlines()
        if kept == digest and all((folder / name).is_file() for name in names):
            return
    with concurrent.futures.ProcessPoolExecutor(os.cpu_count()) as pool:
        written = files(lambda f, *lists: pool.map(f, *lists, chunksize=8))
    if folder.is_dir():
        for old in folder.rglob("*"):
            if old.is_file() and old != stamp and old.relative_to(folder).as_posix() not in written:
                old.unlink()
    for path, data in written.items():
        _write(folder / path, data)
    _write(stamp, "\n".join([digest, *written]).encode("utf-8"))


def prepare() -> None:
    """Write the generated files into `docs/`."""
    from backprop_steps.render import course, exercises
    from backprop_steps.vectors import DIRECTORY

    pyodide_files.write_into(DOCS / pyodide_files.TARGET)
    write_vectors(DOCS / DIRECTORY)
    write_generated(DOCS / exercises.FOLDER, exercises.files)
    write_generated(DOCS / course.FOLDER, course.files)


def finish(site: Path) -> None:
    """Rewrite what the builder left raw in the built `site`."""
    search_text.rewrite_index(site)
    reading_time.fill_path_minutes(site)


def source_date_epoch() -> str:
    """The time of the last commit, for reproducible dates in the sitemap."""
    done = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or "1700000000"


def without_hooks(config: str) -> str:
    """The text of a MkDocs configuration without its `hooks:` list: what a builder that
    ignores MkDocs hooks reads.
    """
    return re.sub(r"^hooks:\n(?:[ \t]+-[^\n]*\n|[ \t]*#[^\n]*\n)*", "", config, flags=re.MULTILINE)


def build(site: Path, hooks: bool = True) -> None:
    """`prepare`, a strict build into `site`, then `finish`.

    Args:
        site: The folder to build into.
        hooks: Whether MkDocs runs the hooks of `mkdocs.yml` (extras: the site is the same).

    Raises:
        RuntimeError: The builder's output, when the strict build fails.
    """
    prepare()
    env = dict(os.environ, **ENVIRONMENT)
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch())
    if not hooks:  # a configuration beside mkdocs.yml, so its relative paths stay the same
        with tempfile.NamedTemporaryFile(
            "w", dir=ROOT, prefix=".mkdocs-", suffix=".yml", encoding="utf-8", delete=False
        ) as config:
            config.write(without_hooks((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
        try:
            _mkdocs(site, env, Path(config.name))
        finally:
            Path(config.name).unlink()
    else:
        _mkdocs(site, env, ROOT / "mkdocs.yml")
    finish(site)


def _mkdocs(site: Path, env: dict[str, str], config: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    command += ["-d", str(site)]
    # Not --quiet: it hides the warnings that --strict turns into a failure.
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{done.stdout}{done.stderr}")


def main(argv: list[str]) -> int:
    """Run one step; 2 with one line on standard error for bad arguments or a failed step."""
    usage = "usage: python tools/site_files.py prepare | finish SITE | build SITE"
    try:
        match argv:
            case ["prepare"]:
                prepare()
            case ["finish", site]:
                finish(Path(site))
            case ["build", site]:
                build(Path(site))
            case _:
                print(usage, file=sys.stderr)
                return 2
    except RuntimeError as error:
        print(f"site_files: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
