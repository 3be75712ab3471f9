"""The answer key: every number the Mazur post prints is on it, each post's weights under that
post's names, and printed from a browser it takes at most two A4 pages, every formula typeset.

Printed as a reader prints it, on A4 with the margins of the print stylesheet
(docs/assets/stylesheets/print.css), by Debian's Chromium; skipped without it, like the other
browser tests. The PDF is kept in test-artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from backprop_steps import MAZUR, NEURALBLOG, trace, train
from backprop_steps.display import number
from backprop_steps.published import MAZUR_FIGURES, TRAINING_CLAIMS

PDF = Path(__file__).resolve().parent.parent / "test-artifacts" / "answer-key.pdf"


def final_errors() -> list[str]:
    """E_total of each example's step, and after its update, as the page prints them."""
    found = []
    for problem in (MAZUR, NEURALBLOG):
        step = trace(problem.network, *problem.example)
        found += [step.total_error, trace(step.updated, *problem.example).total_error]
    return [number(error) for error in found]


def article(site: Path) -> str:
    """The answer key's article, as HTML."""
    page = (site / "answer-key" / "index.html").read_text(encoding="utf-8")
    return page[page.find("<article") : page.find("</article>")]


def test_the_answer_key_has_every_number_the_mazur_post_prints(site: Path) -> None:
    text = re.sub(r"<[^>]+>", " ", article(site))
    step = trace(MAZUR.network, *MAZUR.example)
    values = {f.printed: number(f.value(step)) for f in MAZUR_FIGURES}  # the shares included
    for order in ("simultaneous", "sequential"):
        run = train(MAZUR.network, *MAZUR.example, steps=10_000, order=order)
        values |= {f"{claim} ({order})": number(v(run)) for claim, v in TRAINING_CLAIMS.items()}
    missing = {printed: ours for printed, ours in values.items() if f" {ours} " not in text}
    assert not missing, f"the post's figures without our value on the answer key: {missing}"


def test_the_neuralblog_column_names_the_weights_as_its_post_does(site: Path) -> None:
    """Its w2 is the neuralblog post's w2 (from i1 to h2), so its w2+ is the neuralblog chapter's."""
    step = trace(NEURALBLOG.network, *NEURALBLOG.example)
    for name in ("w1", "w2", "w3", "w4"):
        row = re.search(rf"<td>{name}</td>((?:\s*<td>[^<]*</td>)+)", article(site))
        assert row is not None, name
        assert re.findall(r"<td>([^<]*)</td>", row.group(1))[-1] == number(step.new(name)), name


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
