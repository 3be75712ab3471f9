"""The calculator page: its Python side (`backprop_steps.render.calculator`) and the page itself
in Chromium, where the library runs in Pyodide, offline.

The browser tests load Pyodide once per module (a page kept open) and check that what the
page computes is what the command line computes, that bad input shows the library's message
under its field, that the permalink round-trips, that the comparison diagnoses a known mistake,
and that no request leaves the site's host. Timings are measured in
`benchmarks/calculator_page.py`, not here.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backprop_steps import MAZUR, NEURALBLOG, trace
from backprop_steps.cli import main
from backprop_steps.display import number
from backprop_steps.network import naming
from backprop_steps.problem import Problem
from backprop_steps.render import calculator
from backprop_steps.render.tables import trace_sections
from visit import Visit

CUSTOM = {
    "inputs": [0.3, -0.2, 0.9],
    "targets": [0.25, 0.8],
    "layers": [
        {
            "weights": [[0.1, -0.4, 0.2], [0.7, 0.05, -0.3], [0.2, 0.2, 0.6]],
            "biases": 0.1,
            "activation": "tanh",
        },
        {
            "weights": [[0.5, -0.6, 0.1], [0.3, 0.8, -0.2]],
            "biases": [0.05, -0.1],
            "activation": "sigmoid",
        },
    ],
    "loss": "cross_entropy",
    "learning_rate": 0.3,
    "update_biases": True,
}
"""A network the presets do not resemble: three inputs and hidden neurons, tanh, biases per
neuron in the output layer, cross-entropy, learning biases."""


def cli_json(*argv: str) -> dict[str, Any]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(list(argv)) == 0
    result: dict[str, Any] = json.loads(buffer.getvalue())
    return result


def ask(request: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(calculator.calculate(json.dumps(request)))
    return answer


# --- the Python side -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["mazur", "neuralblog"])
def test_a_preset_reads_back_as_its_example(name: str) -> None:
    problem = calculator.read(calculator.preset(name)).problem
    example = {"mazur": MAZUR, "neuralblog": NEURALBLOG}[name]
    assert problem == example
    assert problem.network.names.convention == name


@pytest.mark.parametrize(
    ("naming", "field", "text", "message"),
    [
        ("mazur", "learning_rate", "-1", "learning_rate: must be positive, got -1.0"),
        ("mazur", "w3", "abc", 'layers[0].weights[1][0]: expected a number, got the string "abc"'),
        (
            "neuralblog",
            "w3",
            "abc",
            'layers[0].weights[0][1]: expected a number, got the string "abc"',
        ),
        ("mazur", "i2", "", 'inputs[1]: expected a number, got the string ""'),
        ("mazur", "t1", "inf", "targets[0]: expected a finite number, got inf"),
        (
            "mazur",
            "b2",
            "x",
            'layers[1].biases: expected a number or a list of numbers, got the string "x"',
        ),
    ],
)
def test_bad_input_names_its_field(naming: str, field: str, text: str, message: str) -> None:
    request = calculator.preset("mazur") | {"naming": naming}
    request["fields"] = request["fields"] | {field: text}
    answer = ask(request)
    assert answer["parts"] == {}
    [error] = answer["errors"]
    assert error["field"] == field
    # the library's own message, whatever its exact words
    with pytest.raises(ValueError) as raised:
        calculator.read(request)
    assert error["message"] == str(raised.value)
    assert error["message"].split(":")[0] == message.split(":")[0]


def test_a_compare_box_of_comments_only_is_an_empty_one() -> None:
    # a chapter's "Check your numbers" link fills the box with the names to fill in, commented
    request = calculator.preset("mazur") | {"mine": "# Your numbers:\n# delta_o1\n# w5+\n"}
    answer = ask(request | {"parts": ["tables", "compare"]})
    assert answer["errors"] == []
    assert answer == ask(calculator.preset("mazur") | {"parts": ["tables", "compare"]})


@pytest.mark.parametrize("convention", ["mazur", "neuralblog"])
def test_a_network_file_with_a_bias_per_neuron_keeps_every_name_in_either_naming(
    convention: str,
) -> None:
    data = MAZUR.to_dict()
    data["layers"][0]["biases"], data["layers"][1]["biases"] = [0.35, 0.4], [0.6, 0.65]
    request = calculator.preset("mazur") | {
        "mode": "json",
        "network": json.dumps(data),
        "naming": convention,
    }
    network = calculator.read(request).problem.network
    assert network.names == naming(convention, (2, 2, 2), (False, False))
    assert list(network.names.biases) == ["b_h1", "b_h2", "b_o1", "b_o2"]
    html = calculator.result_parts(calculator.read(request), ["tables"])["tables"]
    assert all(f">{name}<" in html for name in network.names.biases)


def test_the_form_tells_its_script_the_names_of_its_fields() -> None:
    html = calculator.form_html()
    [written] = re.findall(r'<form [^>]*data-fields="([^"]*)"', html)
    fields = calculator.form_fields()
    assert json.loads(written.replace("&quot;", '"')) == fields
    for name in [*fields["numbers"], *fields["options"], *fields["flags"]]:
        assert f'name="{name}"' in html, name
    request = calculator.preset("mazur")
    assert set(fields["numbers"]) == set(request["fields"])
    assert set(fields["options"]) | set(fields["flags"]) <= set(request)


def test_a_network_file_error_is_the_librarys() -> None:
    request = calculator.preset("mazur") | {"mode": "json", "network": '{"inputs": [1]'}
    [error] = ask(request)["errors"]
    with pytest.raises(ValueError) as raised:
        Problem.from_json('{"inputs": [1]')
    assert error == {"field": "network", "message": str(raised.value)}


@pytest.mark.parametrize("steps", ["0", "x", "1.5", str(calculator.MAX_STEPS + 1)])
def test_steps_must_be_a_whole_number(steps: str) -> None:
    [error] = ask(calculator.preset("mazur") | {"steps": steps})["errors"]
    assert error["field"] == "steps" and error["message"].startswith("steps: ")


def test_the_results_hold_the_cli_numbers() -> None:
    html = "".join(ask(calculator.preset("mazur"))["parts"].values())
    result = cli_json("trace", "--example", "mazur", "--format", "json")
    for layer in result["updated"]:
        for row in layer["weights"]:
            for w in row:
                assert f">{number(w)}<" in html
    assert f">{number(result['loss']['total'])}<" in html


def test_several_steps_add_the_error_curve() -> None:
    html = "".join(ask(calculator.preset("mazur") | {"steps": "50"})["parts"].values())
    assert html.count('role="img"') == 4  # the drawing and the curve, in 2 layouts each
    assert "50 training steps" in html


def test_the_curve_is_plain_svg_with_readable_text() -> None:
    svg = calculator.curve_svg([0.3 * 0.9**s for s in range(200)], "A curve.")
    assert svg.count("<svg") == 2 and 'aria-label="A curve."' in svg
    assert min(map(float, re.findall(r'font-size="([\d.]+)"', svg))) >= 11
    flat = calculator.curve_svg([0.5, 0.5], "Flat.")
    assert "nan" not in flat


# --- in the browser ----------------------------------------------------------------------------

ROOT = "document.getElementById('bp-calculator')"


class Calculator:
    """The calculator page, open in Chromium, with Pyodide loaded."""

    def __init__(self, visit: Visit) -> None:
        self.visit = visit
        self.page = visit.page

    def recompute(self, action: Any) -> None:
        """Do something that recomputes, and wait until the page has shown the answer."""
        self.page.evaluate(f"delete {ROOT}.dataset.fullMs")
        action()
        self.page.wait_for_function(f"{ROOT}.dataset.fullMs !== undefined", timeout=30_000)

    def tables(self) -> list[list[list[str]]]:
        return self.page.evaluate(
            """() => [...document.querySelectorAll('.bp-results table')].map(t =>
                [...t.querySelectorAll('tbody tr')].map(r =>
                    [...r.querySelectorAll('td')].map(c => c.textContent.trim())))"""
        )

    def typeset_equations(self) -> None:
        """Scroll to the equations (typeset as they come near the screen), wait for KaTeX."""
        formulas = self.page.locator("[data-part=equations] .arithmatex")
        for k in range(formulas.count()):  # as a reader scrolls past them
            formulas.nth(k).scroll_into_view_if_needed()
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('[data-part=equations] .arithmatex')]"
            ".every(e => e.querySelector('.katex'))"
        )
        self.page.evaluate("window.scrollTo(0, 0)")

    def error(self, field: str) -> str:
        return self.page.locator(f"#bp-{field}-error").inner_text()


@pytest.fixture(scope="module")
def opened(browser: Any, server: str) -> Iterator[Calculator]:
    visit = Visit(browser, server, "light")
    page = visit.open("calculator/")
    loaded = [
        url
        for url in visit.page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
        if "/assets/pyodide/" in url
    ]
    assert loaded == [], "Pyodide was fetched before the reader asked"
    page.click("[data-action=compute]")
    page.wait_for_function(f"{ROOT}.dataset.firstFullMs !== undefined", timeout=120_000)
    yield Calculator(visit)
    visit.close()


@pytest.fixture()
def calc(opened: Calculator) -> Iterator[Calculator]:
    opened.visit.errors.clear()
    yield opened
    assert not opened.visit.errors, opened.visit.errors
    assert not opened.visit.foreign, opened.visit.foreign


def expected_rows(problem: Problem) -> list[list[list[str]]]:
    step = trace(problem.network, *problem.example)
    return [rows for _, _, rows in trace_sections(step)]


@pytest.mark.parametrize("name", ["mazur", "neuralblog"])
def test_a_preset_in_the_browser_gives_the_cli_numbers(calc: Calculator, name: str) -> None:
    calc.recompute(lambda: calc.page.click(f"[data-preset={name}]"))
    problem = {"mazur": MAZUR, "neuralblog": NEURALBLOG}[name]
    assert calc.tables() == expected_rows(problem)
    result = cli_json("trace", "--example", name, "--format", "json")
    after = [row[3] for row in calc.tables()[-1]]
    weights = [w for layer in result["updated"] for row in layer["weights"] for w in row]
    assert all(number(w) in after for w in weights)
    calc.typeset_equations()
    assert calc.page.locator(".bp-results .katex-error").count() == 0


def test_a_custom_network_in_the_browser_gives_the_cli_numbers(
    calc: Calculator, tmp_path: Path
) -> None:
    text = json.dumps(CUSTOM)
    calc.recompute(lambda: calc.page.check("input[name=mode][value=json]"))
    calc.recompute(lambda: calc.page.fill("#bp-network", text))
    problem = Problem.from_json(text)
    assert calc.tables() == expected_rows(problem)
    path = tmp_path / "network.json"
    path.write_text(text)
    result = cli_json("trace", str(path), "--format", "json")
    shown = {cell for table in calc.tables() for row in table for cell in row}
    for value in result["gradients"][0]["weights"][2]:
        assert number(value) in shown
    assert number(result["loss"]["total"]) in shown
    calc.recompute(lambda: calc.page.check("input[name=mode][value=fields]"))


@pytest.mark.parametrize(("field", "text"), [("learning_rate", "-1"), ("w3", "abc"), ("t2", "")])
def test_bad_input_shows_the_librarys_message_by_its_field(
    calc: Calculator, field: str, text: str
) -> None:
    calc.recompute(lambda: calc.page.click("[data-preset=mazur]"))
    calc.recompute(lambda: calc.page.fill(f"#bp-{field}", text))
    request = calculator.preset("mazur")
    request["fields"][field] = text
    with pytest.raises(ValueError) as raised:
        calculator.read(request)
    assert calc.error(field) == str(raised.value)
    box = calc.page.locator(f"#bp-{field}")
    assert box.get_attribute("aria-invalid") == "true"
    assert box.get_attribute("aria-describedby") == f"bp-{field}-error"
    calc.recompute(lambda: calc.page.click("[data-preset=mazur]"))
    assert calc.error(field) == ""


def test_a_bad_network_file_shows_the_librarys_message(calc: Calculator) -> None:
    calc.recompute(lambda: calc.page.check("input[name=mode][value=json]"))
    calc.recompute(lambda: calc.page.fill("#bp-network", '{"inputs": [0.1, 0.2], "targets": [1]}'))
    with pytest.raises(ValueError) as raised:
        Problem.from_json('{"inputs": [0.1, 0.2], "targets": [1]}')
    assert calc.error("network") == str(raised.value)
    calc.recompute(lambda: calc.page.check("input[name=mode][value=fields]"))


def test_the_permalink_round_trips(calc: Calculator, browser: Any, server: str) -> None:
    page = calc.page
    calc.recompute(lambda: page.click("[data-preset=neuralblog]"))
    calc.recompute(lambda: page.fill("#bp-w5", "0.55"))
    calc.recompute(lambda: page.select_option("#bp-order", "sequential"))
    calc.recompute(lambda: page.fill("#bp-steps", "7"))
    calc.recompute(lambda: page.fill("#bp-mine", "net_h1 0.2\nw5+ 0.5"))
    # every field of the form, but the network file's text: the 2-2-2 fields are in use
    form = (
        "() => JSON.stringify([...new FormData(document.querySelector('.bp-calculator__form'))]"
        ".filter(([name]) => name !== 'network'))"
    )
    before, tables = page.evaluate(form), calc.tables()
    link = page.locator("[data-action=link]").get_attribute("href")
    assert link.startswith("#calc&")
    other = Visit(browser, server, "dark")
    try:
        other.open("calculator/" + link)
        assert other.page.evaluate(form) == before
        other.page.click("[data-action=compute]")
        other.page.wait_for_function(f"{ROOT}.dataset.firstFullMs !== undefined", timeout=120_000)
        assert Calculator(other).tables() == tables
        assert other.page.locator("[data-action=link]").get_attribute("href") == link
        assert not other.errors and not other.foreign
    finally:
        other.close()
    calc.recompute(lambda: page.fill("#bp-mine", ""))


def test_compare_mode_diagnoses_a_known_mistake(calc: Calculator) -> None:
    calc.recompute(lambda: calc.page.click("[data-preset=mazur]"))
    step = trace(MAZUR.network, *MAZUR.example)
    # delta without the activation's slope: delta_o1 = dE_total/dout_o1
    mistaken = step.error_derivative("o1")
    lines = [
        f"net_h1 {number(step.net('h1'))}",
        f"out_o1 {number(step.out('o1'))}",
        f"delta_o1 {number(mistaken)}",
    ]
    calc.recompute(lambda: calc.page.fill("#bp-mine", "\n".join(lines)))
    text = calc.page.locator(".bp-verdict").inner_text()
    assert "delta_o1" in text and "missing-activation-derivative" in text
    assert "2 of your 3 numbers match." in text
    assert "To tell it from the other diagnoses, give delta_h1." in text
    # the field beside each quantity shows the reader's number, and typing there works too
    field = calc.page.locator('[data-quantity="delta_o1"]')
    assert field.input_value() == number(mistaken)
    calc.recompute(lambda: calc.page.fill('[data-quantity="out_h1"]', "0.61"))
    assert "out_h1 0.61" in calc.page.locator("#bp-mine").input_value()
    text = calc.page.locator(".bp-verdict").inner_text()
    assert "First divergence: out_h1" in text
    assert calc.page.evaluate("document.activeElement.dataset.quantity") == "out_h1"
    calc.recompute(lambda: calc.page.fill("#bp-mine", ""))


def test_a_recomputation_follows_an_edit(calc: Calculator) -> None:
    calc.recompute(lambda: calc.page.click("[data-preset=mazur]"))
    calc.recompute(lambda: calc.page.fill("#bp-w5", "0.5"))
    changed = MAZUR.to_dict()
    changed["layers"][1]["weights"][0][0] = 0.5
    assert calc.tables() == expected_rows(Problem.from_dict(changed))
    assert math.isfinite(float(calc.page.evaluate(f"{ROOT}.dataset.fullMs")))
    # the equations were rewritten for the new value, in the layout this screen shows
    assert calc.page.evaluate(f"{ROOT}.dataset.layout") == "wide"
    calc.typeset_equations()
    tex = calc.page.locator("[data-part=equations] annotation").all_text_contents()
    assert any(r"w_{5}^+ = w_{5} - \eta" in t and "= 0.5 - " in t for t in tex), tex


def test_the_compare_box_takes_the_names_of_the_posts(calc: Calculator) -> None:
    calc.recompute(lambda: calc.page.click("[data-preset=neuralblog]"))
    step = trace(NEURALBLOG.network, *NEURALBLOG.example)
    lines = f"sum_h1 {number(step.net('h1'))}\nnew_w5 {number(step.new('w5'))}"
    calc.recompute(lambda: calc.page.fill("#bp-mine", lines))
    assert calc.error("mine") == ""
    assert "2 of your 2 numbers match." in calc.page.locator(".bp-verdict").inner_text()
    assert calc.page.locator('[data-quantity="w5+"]').input_value() == number(step.new("w5"))
    calc.recompute(lambda: calc.page.fill("#bp-mine", ""))
    assert calc.page.locator(".bp-verdict").inner_text() == ""


def _in_view(page: Any, selector: str) -> bool:
    return bool(
        page.evaluate(
            f"""() => {{
                const box = document.querySelector('{selector}').getBoundingClientRect();
                return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight + 1;
            }}"""
        )
    )


@pytest.mark.parametrize("viewport", ["laptop", "phone"])
def test_the_verdict_is_in_view_after_compute_and_read_out(
    browser: Any, server: str, viewport: str
) -> None:
    from visit import LAPTOP, PHONE

    mine = "net_h1 0.3775\nout_o1 0.7514\ndelta_o1 0.741365"
    visit = Visit(browser, server, "light", LAPTOP if viewport == "laptop" else PHONE)
    try:
        page = visit.open("calculator/#calc&mine=" + mine.replace("\n", "%0A"))
        page.locator("[data-action=compute]").scroll_into_view_if_needed()
        page.click("[data-action=compute]")
        page.wait_for_function(f"{ROOT}.dataset.firstFullMs !== undefined", timeout=120_000)
        verdict = page.locator(".bp-verdict")
        assert verdict.get_attribute("aria-live") == "polite"
        assert verdict.get_attribute("role") == "status"
        assert "missing-activation-derivative" in verdict.inner_text()
        assert _in_view(page, ".bp-verdict"), viewport
        assert not visit.errors and not visit.foreign
    finally:
        visit.close()
