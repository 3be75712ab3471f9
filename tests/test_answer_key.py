"""The answer key printed from a browser: at most two A4 pages, every formula typeset, and the
numbers of both examples on the paper.

Printed as a reader prints it, on A4 with the margins of the print stylesheet
(docs/assets/stylesheets/print.css), by Debian's Chromium; skipped without it, like the other
browser tests. The PDF is kept in test-artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from backprop_steps import MAZUR, NEURALBLOG, trace
from backprop_steps.display import number

PDF = Path(__file__).resolve().parent.parent / "test-artifacts" / "answer-key.pdf"


def final_errors() -> list[str]:
    """E_total of each example's step, and after its update, as the page prints them."""
    found = []
    for problem in (MAZUR, NEURALBLOG):
        step = trace(problem.network, *problem.example)
        found += [step.total_error, trace(step.updated, *problem.example).total_error]
    return [number(error) for error in found]


def test_answer_key_prints_on_at_most_two_a4_pages(browser: Any, server: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(server + "answer-key/", wait_until="load")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.arithmatex')]"
            ".every(e => e.querySelector('.katex'))",
            timeout=10_000,
        )
        assert page.locator(".arithmatex").count() > 0
        assert page.locator(".katex-error").count() == 0
        page.emulate_media(media="print")
        text = page.locator("article").inner_text()
        missing = [value for value in final_errors() if value not in text]
        assert not missing, f"total errors not on the printed page: {missing}"
        pdf = page.pdf(format="A4")
    finally:
        context.close()
    PDF.parent.mkdir(parents=True, exist_ok=True)
    PDF.write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"the answer key prints on {pages} A4 pages ({PDF})"
