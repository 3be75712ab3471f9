"""A page opened in Chromium, as the browser tests open it: one tab per palette and viewport."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

LAPTOP = (1280, 900)
PHONE = (390, 844)


class Visit:
    """A page opened in one palette, recording requests, console errors and page errors."""

    def __init__(
        self, browser: Any, server: str, scheme: str, viewport: tuple[int, int] = LAPTOP
    ) -> None:
        self.server = server
        self.context = browser.new_context(
            color_scheme=scheme, viewport={"width": viewport[0], "height": viewport[1]}
        )
        self.page = self.context.new_page()
        self.foreign: list[str] = []
        self.errors: list[str] = []
        host = urlsplit(server).netloc
        self.context.on("request", lambda r: self._request(r.url, host))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _request(self, url: str, host: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != host:
            self.foreign.append(url)

    def open(self, path: str) -> Any:
        """Go to a page; the errors and requests recorded are from then on."""
        self.errors.clear()
        self.foreign.clear()
        self.page.goto(self.server + path, wait_until="load")
        self.wait_for_math()
        return self.page

    def wait_for_math(self) -> None:
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('.arithmatex')]"
            ".every(e => e.querySelector('.katex'))",
            timeout=10_000,
        )

    def close(self) -> None:
        self.context.close()


Visits = Callable[[str, tuple[int, int]], Visit]
"""A browser tab of a palette and a viewport, reused from page to page."""
