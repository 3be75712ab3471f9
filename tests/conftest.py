"""Shared fixtures: the site, built once per run (or the one `make test` built) and served on
127.0.0.1 under its published path; Debian's Chromium to open it; and hypothesis's profiles.

- `BACKPROP_STEPS_SITE=site` (set by `make test`, which builds `site/` first): the tests read
  that build instead of making their own. Without it the first test that needs the site builds
  it into the run's temporary folder, once for all pytest-xdist workers (a file lock).
- `BACKPROP_STEPS_SCREENSHOTS=1`: the browser tests also write full-page screenshots.
- Hypothesis: the `dev` profile (few examples) by default, `ci` (the full count) when `CI` is
  set or `--hypothesis-profile=ci` is given.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from hypothesis import HealthCheck, settings

from pages import build_site, site_path
from visit import Visit, Visits

# CI draws the same examples on every run (derandomize), so a run passes or fails for the code,
# not for the draw; development draws new ones each time.
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("dev", parent=settings.get_profile("ci"), max_examples=20)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site."""
    given = os.environ.get("BACKPROP_STEPS_SITE")
    if given:
        built = Path(given).resolve()
        assert (built / "index.html").is_file(), f"BACKPROP_STEPS_SITE={given}: no built site"
        return built
    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent  # the run's folder, shared by its workers
    destination, done = run / "site", run / "site.built"
    with FileLock(str(run / "site.lock")):
        if not done.exists():
            build_site(destination)
            done.touch()
    return destination


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The site's URL, served under the path it is published under."""
    prefix = site_path(site)
    handler = functools.partial(_SiteHandler, prefix, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    httpd.shutdown()
    httpd.server_close()


TEST_SCRIPTS = "/__tests__/"
"""Where the server also serves the tests' vendored scripts (`tests/vendor/`), so the browser
caches and compiles axe-core once, not once per page."""


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `prefix`, as GitHub Pages does, and the tests' vendored scripts
    under `TEST_SCRIPTS`; any other path is not found."""

    def __init__(self, prefix: str, *args: Any, **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if path.startswith(TEST_SCRIPTS):
            return str(Path(__file__).parent / "vendor" / path[len(TEST_SCRIPTS) :])
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    # Debian's package; other systems name the same browser differently.
    executable = next(
        filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None
    )
    if executable is None:
        message = (
            "Chromium is not installed, so the browser tests cannot run. Install Debian's "
            "package: `sudo apt-get install chromium` (`.ci/run` does this itself)."
        )
        if os.environ.get("BACKPROP_STEPS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def visits(browser: Any, server: str) -> Iterator[Visits]:
    opened: dict[tuple[str, tuple[int, int]], Visit] = {}

    def visit(scheme: str, viewport: tuple[int, int]) -> Visit:
        if (scheme, viewport) not in opened:
            opened[scheme, viewport] = Visit(browser, server, scheme, viewport)
        return opened[scheme, viewport]

    yield visit
    for tab in opened.values():
        tab.close()
