"""The student's path, chapters 1 to 8: it reads like the post, and it leads to the checker.

- No code block is open when a chapter loads: the library's code (the doctests) waits in closed
  `details.bp-code` boxes, one click away. The "Show the code" switch opens every box, and the
  browser remembers it from page to page, across a reload and instant navigation.
- Each chapter ends with "Check your numbers": a link into the calculator
  (`backprop_steps.render.permalink`) that fills the calculator's form, its **Compare** box
  included, with the chapter's network and quantities, before anything computes (no Pyodide).

The browser tests open their own tabs (the switch is remembered in the tab's storage, which the
page tests of `test_browser.py` share).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest

from backprop_steps import MAZUR, NEURALBLOG, Layer
from backprop_steps.check import quantities
from backprop_steps.network import Network
from backprop_steps.render import calculator
from backprop_steps.render.permalink import permalink, quantity_names, to_fill_in
from backprop_steps.scalar import trace
from test_docs import DOCS, fences
from visit import LAPTOP, Visit

CHAPTERS = [
    "01-network",
    "02-forward-pass",
    "03-total-error",
    "04-output-layer",
    "05-hidden-layer",
    "06-bias-updates",
    "07-cross-entropy",
    "08-neuralblog",
]

OPEN_CODE = """() => [...document.querySelectorAll('article pre > code')].filter(code => {
  for (let box = code.closest('details'); box; box = box.parentElement.closest('details'))
    if (!box.open) return false;
  return code.getBoundingClientRect().height > 0;
}).length"""
"""The code blocks a reader sees: outside every closed `details`, and laid out. That none shows
when a chapter loads is checked where every page is opened (`test_browser.py`)."""

SWITCH = ".bp-code-switch"


def _softmax_network() -> Network:
    hidden, output = MAZUR.network.layers
    return replace(
        MAZUR.network,
        loss="cross_entropy",
        layers=(hidden, Layer(output.weights, output.biases, "softmax")),
    )


NETWORKS = {
    **dict.fromkeys(CHAPTERS[:5], MAZUR.network),
    "06-bias-updates": replace(MAZUR.network, update_biases=True),
    "07-cross-entropy": _softmax_network(),
    "08-neuralblog": NEURALBLOG.network,
}
"""The network each chapter traces (chapter 7: its first variant, softmax outputs)."""


def request_of(fragment: str) -> dict[str, Any]:
    """A calculator request from a permalink's fragment, as the page's `fromPermalink` reads it."""
    assert fragment.startswith("#calc&"), fragment
    fields = calculator.form_fields()
    request: dict[str, Any] = {"fields": {}}
    for key, value in parse_qsl(fragment[len("#calc&") :], keep_blank_values=True):
        if key in fields["numbers"]:
            request["fields"][key] = value
        elif key in fields["flags"]:
            request[key] = value == "1"
        else:
            request[key] = value
    return request


# --- the Python side --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["mazur", "neuralblog"])
def test_a_permalink_reads_back_as_its_request(name: str) -> None:
    request = calculator.preset(name) | {"update_biases": True, "mine": "# a comment\nw5+ 0.35"}
    back = request_of(permalink(request))
    assert back == {k: v for k, v in request.items() if k != "network"}
    assert calculator.read(back).problem == calculator.read(request).problem


def test_a_permalink_of_a_network_file_carries_the_file_not_the_fields() -> None:
    request = calculator.preset("mazur") | {"mode": "json"}
    back = request_of(permalink(request))
    assert back["network"] == request["network"] and back["fields"] == {}


def test_the_quantities_to_fill_in_are_comments_the_checker_reads_once_uncommented() -> None:
    from backprop_steps.check import parse_given

    names = quantity_names(calculator.preset("mazur"), r"^delta_")
    assert names == ["delta_o1", "delta_o2", "delta_h1", "delta_h2"]
    text = to_fill_in(4, names)
    assert all(line.startswith("# ") for line in text.splitlines())
    typed = text.replace("# delta_o1", "delta_o1 0.1385")
    assert parse_given(typed) == {"delta_o1": "0.1385"}


CODE_BOX = re.compile(r'<details class="bp-code" markdown>.*?</details>', re.DOTALL)
LIBRARY = re.compile(r"`[^`\n]+`|\]\[backprop_steps\.")
"""Inline code, and a link into the API reference."""
NOT_THE_LIBRARY = {"`torch.nn.Linear`"}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_chapters_prose_names_the_library_only_in_its_code_boxes(chapter: str) -> None:
    text = CODE_BOX.sub("", (DOCS / "chapters" / f"{chapter}.md").read_text(encoding="utf-8"))
    lines = text.splitlines()
    for fence in fences(text):
        lines[fence.start : fence.end + 1] = [""] * (fence.end + 1 - fence.start)
    found = {m.group() for line in lines for m in LIBRARY.finditer(line)} - NOT_THE_LIBRARY
    assert not found, f"docs/chapters/{chapter}.md names the library outside its code boxes"


def chapter_links(site: Path, chapter: str) -> list[str]:
    page = (site / "chapters" / chapter / "index.html").read_text(encoding="utf-8")
    page = page.partition('<div class="bp-exercises"')[0]  # the exercises link their own numbers
    return [html.unescape(href) for href in re.findall(r'href="([^"]*#calc&[^"]*)"', page)]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_chapter_links_the_calculator_to_its_network_and_quantities(
    site: Path, chapter: str
) -> None:
    [link] = chapter_links(site, chapter)
    address, _, fragment = link.partition("#")
    assert address == "../../calculator/"
    request = request_of("#" + fragment)
    settings = calculator.read(request)
    assert settings.problem.network == NETWORKS[chapter]
    names = quantities(trace(settings.problem.network, *settings.problem.example))
    listed = [line[2:] for line in request.get("mine", "").splitlines()[2:]]
    assert set(listed) <= set(names)
    # a chapter after the first lists its quantities, the last all of its step
    assert bool(listed) == (chapter != "01-network")
    if chapter == "08-neuralblog":
        assert listed == list(names)


# --- in the browser ---------------------------------------------------------------------------


@pytest.fixture
def tab(browser: Any, server: str) -> Iterator[Visit]:
    """A tab of its own, with empty storage."""
    visit = Visit(browser, server, "light", LAPTOP)
    yield visit
    visit.close()


def test_the_code_switch_opens_every_box_and_is_remembered(tab: Visit) -> None:
    page = tab.open("chapters/02-forward-pass/")
    switch = page.locator(SWITCH)
    assert switch.evaluate("button => button.tagName") == "BUTTON"
    switch.focus()
    page.keyboard.press("Enter")  # a real button: the keyboard works it
    assert switch.get_attribute("aria-pressed") == "true"
    boxes = page.locator("article details.bp-code")
    assert boxes.evaluate_all("boxes => boxes.every(box => box.open)")
    assert page.evaluate(OPEN_CODE) == page.locator("article details.bp-code pre > code").count()
    # remembered across a page load
    page = tab.open("chapters/05-hidden-layer/")
    assert page.locator(SWITCH).get_attribute("aria-pressed") == "true"
    assert page.evaluate(OPEN_CODE) > 0
    assert page.locator("article details.bp-code:not([open])").count() == 0
    # and across instant navigation
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(re.compile("06-bias-updates"))
    tab.wait_for_math()
    assert page.locator(SWITCH).count() == 1
    assert page.locator("article details.bp-code:not([open])").count() == 0
    # off again, and remembered off
    page.locator(SWITCH).click()
    assert page.evaluate(OPEN_CODE) == 0
    page = tab.open("chapters/02-forward-pass/")
    assert page.locator(SWITCH).get_attribute("aria-pressed") == "false"
    assert page.evaluate(OPEN_CODE) == 0
    assert not tab.errors and not tab.foreign


FORM = """() => {
  const form = document.querySelector('.bp-calculator__form');
  const values = {};
  for (const element of form.elements) {
    if (!element.name || element.name === 'network') continue;
    if (element.type === 'radio') { if (element.checked) values[element.name] = element.value; }
    else if (element.type === 'checkbox') values[element.name] = element.checked ? '1' : '0';
    else values[element.name] = element.value;
  }
  return values;
}"""
"""Every field of the calculator's form but the network file's text, as a permalink writes it."""


@pytest.mark.parametrize("chapter", ["04-output-layer", "06-bias-updates", "07-cross-entropy"])
def test_a_chapters_check_link_opens_the_calculator_filled_in(tab: Visit, chapter: str) -> None:
    page = tab.open(f"chapters/{chapter}/")
    link = page.locator("#check-your-numbers ~ p a[href*='#calc&']")
    assert link.count() == 1
    fragment = "#" + link.get_attribute("href").partition("#")[2]
    link.click()  # Material's instant navigation, as a reader follows it
    page.wait_for_url(re.compile("calculator/#calc&"))
    page.wait_for_selector("#bp-calculator[data-ready]")
    expected = dict(parse_qsl(fragment[len("#calc&") :], keep_blank_values=True))
    assert page.evaluate(FORM) == expected
    assert expected["mine"].startswith(f"# Your numbers for chapter {int(chapter[:2])}")
    # the calculator's own link to what it shows is the chapter's, character for character
    assert page.locator("[data-action=link]").get_attribute("href") == fragment
    assert not tab.errors and not tab.foreign
