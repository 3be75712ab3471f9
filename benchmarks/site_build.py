"""How long the whole site takes to build, every block executed, and how big it is.

Run: python benchmarks/site_build.py [--repeat 5]

Prints the median wall time of `make docs` (tools/site_files.py: the generated files,
`mkdocs build --strict`, the search text) over --repeat builds, the number of
pages, the size of the built site, and the heaviest page (its HTML, and its HTML plus every
file it loads from the site, each counted once).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import site_files  # noqa: E402  (tools/ is not a package)

ASSET = re.compile(r'(?:src|href)="([^"#?]+)[^"]*"')


def build(destination: Path) -> float:
    start = time.perf_counter()
    site_files.build(destination)
    return time.perf_counter() - start


def page_weight(site: Path, page: Path) -> int:
    """The HTML plus the stylesheets, scripts, images and fonts it loads from the site."""
    files = {page}
    for link in ASSET.findall(page.read_text(encoding="utf-8")):
        if urlsplit(link).scheme:
            continue
        target = (site / link.lstrip("/")) if link.startswith("/") else (page.parent / link)
        if target.is_file() and target.suffix in (".css", ".js", ".png", ".svg", ".woff2", ".ico"):
            files.add(target.resolve())
    for css in [f for f in files if f.suffix == ".css"]:
        for font in re.findall(r"url\(([^)]+\.woff2)\)", css.read_text(encoding="utf-8")):
            files.add((css.parent / font.strip("'\"")).resolve())
    return sum(f.stat().st_size for f in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        times = [build(site) for _ in range(args.repeat)]
        pages = sorted(site.rglob("index.html"))
        size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
        heaviest = max(pages, key=lambda p: p.stat().st_size)
        weights = {p: page_weight(site, p) for p in pages}
        loaded = max(weights, key=weights.__getitem__)
        print(
            f"make docs: median {statistics.median(times):.1f} s over "
            f"{len(times)} builds (min {min(times):.1f} s, max {max(times):.1f} s)"
        )
        print(
            f"pages: {len(pages)} (+ 404.html); site: {size / 1e6:.1f} MB in "
            f"{sum(1 for f in site.rglob('*') if f.is_file())} files"
        )
        print(
            f"heaviest HTML: {heaviest.parent.relative_to(site)}/ "
            f"{heaviest.stat().st_size / 1e3:.0f} kB"
        )
        print(
            f"heaviest page with what it loads (KaTeX fonts it may use included): "
            f"{loaded.parent.relative_to(site)}/ {weights[loaded] / 1e6:.2f} MB"
        )


if __name__ == "__main__":
    main()
