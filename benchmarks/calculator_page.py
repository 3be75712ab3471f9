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
    print(f"{'bytes sent, gzip (MB)':<44} {sent / 1e6:>12.2f}  8")
    print(f"{'requests to other hosts':<44} {len(foreign):>12}  0")
    print(f"load average while measuring: {load} (2 cores)")


if __name__ == "__main__":
    main()
