"""The calculator page in headless Chromium: how long the reader waits, and how much is sent.

Run: python benchmarks/calculator_page.py SITE_DIR [--edits 10]

SITE_DIR is a built site (`mkdocs build -d SITE_DIR`). Serves it on 127.0.0.1, opens
/calculator/ in Debian's Chromium with a cold cache, and prints, beside the issue's budgets:
- requests for Pyodide before the click (budget: none);
- from the click on "Compute" to the first result shown (budget: 3 s), as the page measures
  it and as the test driver sees it;
- a recomputation after editing a field (budget: 200 ms), the median of --edits edits: from
  the edit to the numbers shown (the tables and the comparison; the part spent in Python too),
  and to everything drawn (the drawing, the equations typeset);
- a check of 47 numbers that searches the pairs of mistakes, from the numbers typed to the
  verdict shown (budget: 3 s): two mistakes at once, and numbers nothing explains;
- the bytes of every request as a static host serving gzip would send them (budget: 8 MB);
- requests to other hosts (budget: none);
- the machine's load average, since other work on the machine slows all of these.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import statistics
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = "document.getElementById('bp-calculator')"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _gzip_size(site: Path, url: str) -> int:
    path = site / urlsplit(url).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0


def _two_mistakes() -> str:
    """The Mazur step's 47 numbers with the sign of the update flipped and dnet/dw taken as the
    net input, as `name value` lines."""
    from backprop_steps.examples import MAZUR
    from backprop_steps.mistakes import variants
    from backprop_steps.quantities import computed

    found = {v.mistake: v for v in variants(MAZUR, {})}
    both = found["sign-flipped"].joined(found["net-instead-of-out"])
    assert both is not None
    return "\n".join(f"{k} {v:.9f}" for k, v in computed(MAZUR, both).items())


def _unexplained() -> str:
    """The 47 numbers, right but for a typo in the last: every search runs and fails."""
    from backprop_steps.examples import MAZUR
    from backprop_steps.quantities import computed

    values = computed(MAZUR) | {"w4+": 0.311111111}
    return "\n".join(f"{k} {v:.9f}" for k, v in values.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(args.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}/"
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(server + "calculator/", wait_until="load")
        early = [u for u in requests if "/assets/pyodide/" in u]
        start = time.perf_counter()
        page.click("[data-action=compute]")
        page.wait_for_function(f"{ROOT}.dataset.firstResultMs !== undefined", timeout=120_000)
        seen = time.perf_counter() - start
        first = float(page.evaluate(f"{ROOT}.dataset.firstResultMs")) / 1000
        start_python = float(page.evaluate(f"{ROOT}.dataset.pyodideMs")) / 1000
        page.wait_for_function(f"{ROOT}.dataset.firstFullMs !== undefined", timeout=120_000)
        first_full = float(page.evaluate(f"{ROOT}.dataset.firstFullMs")) / 1000
        numbers, full, python = [], [], []
        for k in range(args.edits):
            page.evaluate(f"delete {ROOT}.dataset.fullMs")
            page.fill("#bp-w5", f"0.{40 + k}")
            page.wait_for_function(f"{ROOT}.dataset.fullMs !== undefined")
            # from the edit's input event to the numbers shown, and to everything shown
            numbers.append(float(page.evaluate(f"{ROOT}.dataset.computeMs")))
            full.append(float(page.evaluate(f"{ROOT}.dataset.fullMs")))
            python.append(float(page.evaluate(f"{ROOT}.dataset.pythonMs")))
        # a reader's 47 numbers with two mistakes at once: the check searches the pairs
        page.click("[data-preset=mazur]")
        page.wait_for_function(f"{ROOT}.dataset.fullMs !== undefined")
        searches = []
        for mine in (_two_mistakes(), _unexplained()):
            page.evaluate(f"delete {ROOT}.dataset.fullMs")
            page.fill("#bp-mine", mine)
            page.wait_for_function(f"{ROOT}.dataset.fullMs !== undefined", timeout=60_000)
            verdict = page.locator(".bp-verdict").inner_text()
            searches.append((float(page.evaluate(f"{ROOT}.dataset.computeMs")), verdict))
        host = urlsplit(server).netloc
        foreign = [u for u in requests if urlsplit(u).netloc not in (host, "")]
        sent = sum(_gzip_size(args.site, u) for u in requests if urlsplit(u).netloc == host)
        browser.close()
    httpd.shutdown()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{'measure':<44} {'value':>12}  budget")
    print(f"{'Pyodide requests before the click':<44} {len(early):>12}  0")
    print(f"{'click to first numbers, page (s)':<44} {first:>12.2f}  3")
    print(f"{'  of which Pyodide starting (s)':<44} {start_python:>12.2f}")
    print(f"{'click to all results, page (s)':<44} {first_full:>12.2f}  3")
    print(f"{'click to first numbers, driver (s)':<44} {seen:>12.2f}  3")
    print(f"{'edit to numbers shown, median (ms)':<44} {statistics.median(numbers):>12.0f}  200")
    print(f"{'edit to numbers shown, worst (ms)':<44} {max(numbers):>12.0f}  200")
    print(f"{'  of which Python, median (ms)':<44} {statistics.median(python):>12.0f}")
    print(f"{'edit to everything drawn, median (ms)':<44} {statistics.median(full):>12.0f}  200")
    for label, (ms, verdict) in zip(("two mistakes", "nothing explains"), searches, strict=True):
        named = "pair named" if "Two mistakes at once" in verdict else "none named"
        print(f"{'pair search, ' + label + ' (s), ' + named:<44} {ms / 1000:>12.2f}  3")
    print(f"{'bytes sent, gzip (MB)':<44} {sent / 1e6:>12.2f}  8")
    print(f"{'requests to other hosts':<44} {len(foreign):>12}  0")
    print(f"load average while measuring: {load} (2 cores)")


if __name__ == "__main__":
    main()
