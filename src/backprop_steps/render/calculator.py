r"""The calculator page: a request from its form in, the results as HTML out.

The same functions run twice: while the site is built, for the Mazur example the page shows
before anything loads, and in the reader's browser (Pyodide) for whatever the reader enters. So
the page lays out any network exactly as the build does, with the renderers of the chapters:
equations with numbers ([`latex`][backprop_steps.render.latex]), the drawing
([`diagram`][backprop_steps.render.diagram]) and the tables
([`tables`][backprop_steps.render.tables]). Nothing here needs NumPy or matplotlib (Pyodide has
neither): the error curve is drawn as plain SVG.

A request is a JSON object: `mode` (`"fields"` for the 2-2-2 network's fields, `"json"` for a
network file), `fields` (`i1`, `i2`, `t1`, `t2`, `w1`..`w8`, `b1`, `b2`, `learning_rate`, as
typed), `network` (the file's text), `naming`, `loss`, `activation` (of the output layer),
`update_biases`, `order`, `steps` and `mine` (the reader's own numbers, for the comparison).
Bad input is answered with the library's one-line message and the form field it concerns.

Introduced in [Calculator][calculator].
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from html import escape
from typing import Any

from backprop_steps.activations import ACTIVATIONS, LayerActivation
from backprop_steps.check import Report, check
from backprop_steps.display import number
from backprop_steps.examples import EXAMPLES
from backprop_steps.figures import parse_given
from backprop_steps.jsonshapes import OVERFLOW
from backprop_steps.network import CONVENTIONS, Naming, naming
from backprop_steps.problem import FIELDS, Field, Problem
from backprop_steps.quantities import quantities
from backprop_steps.render import latex
from backprop_steps.render.diagram import network_svg
from backprop_steps.render.layout import LAYOUTS, html
from backprop_steps.render.reports import verdict
from backprop_steps.render.tables import Section, html_table, trace_sections, train_sections
from backprop_steps.scalar import ORDERS, Trace, trace
from backprop_steps.training import train

__all__ = [
    "LAYOUTS",
    "MAX_STEPS",
    "PARTS",
    "FieldError",
    "Settings",
    "calculate",
    "compare_html",
    "comparison",
    "form_fields",
    "form_html",
    "result_parts",
    "curve_svg",
    "preset",
    "read",
    "request_of",
    "results_html",
    "warm_up",
]

MAX_STEPS = 20_000
"""The most training steps the page runs (every edit runs them again); the Mazur post trains
10,000."""

INPUTS, TARGETS = ("i1", "i2"), ("t1", "t2")
"""The fields of the 2-2-2 network's inputs and targets."""

OPTIONS: tuple[Field, ...] = tuple(f for f in FIELDS if not f.required and not f.batches_only)
"""The network file's options the form sets for the 2-2-2 network, from the file's table of
fields (one example: nothing to reduce). A number is typed in beside the weights, a choice is
chosen from a list, a flag is a checkbox."""

_LABELS = {"learning_rate": "learning rate η", "loss": "Loss", "update_biases": "update the biases"}
"""How the form labels an option; another is labelled with its name in words."""

PARTS = ("tables", "drawing", "equations", "training")
"""The parts of the results, each in its own box of the page, in the order the page fills them
after an edit: the numbers first, then what takes longer to draw."""


class FieldError(ValueError):
    """Bad input: the library's one-line message, and the form field it concerns."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        """The id of the form field (`w3`, `learning_rate`, `network`...)."""


@dataclass(frozen=True)
class Settings:
    """What to compute, read from a request.

    Introduced in [Calculator][calculator].
    """

    problem: Problem
    """The network (with its naming), its inputs and targets."""
    order: str = "simultaneous"
    """The update order of each step."""
    steps: int = 1
    """How many training steps; above 1 the page adds the error curve."""
    mine: str = ""
    """The reader's own numbers, `name value` lines or JSON, for the comparison."""


def preset(name: str) -> dict[str, Any]:
    """A worked example as a request with every field filled in, as the page pre-fills its form.

    Examples:
        >>> preset("mazur")["fields"]["w5"], preset("neuralblog")["fields"]["learning_rate"]
        ('0.4', '0.6')

    Introduced in [Calculator][calculator].
    """
    return request_of(EXAMPLES[name])


def request_of(problem: Problem) -> dict[str, Any]:
    """A 2-2-2 network with its example as a request, every field filled in, in the network's
    naming: what [`preset`][backprop_steps.render.calculator.preset] gives for a worked example,
    for any network of that shape (an exercise's, drawn from a seed).

    Introduced in [Exercises][exercises].
    """
    network, names = problem.network, problem.network.names
    inputs, targets = problem.example
    fields = {i: number(x, given=True) for i, x in zip(INPUTS, inputs, strict=True)}
    fields |= {t: number(x, given=True) for t, x in zip(TARGETS, targets, strict=True)}
    for parameter in [*names.weights, *names.biases]:
        fields[parameter] = number(network.parameter(parameter), given=True)
    for option in _options("number"):
        fields[option.name] = number(option.value(problem), given=True)
    return {
        "mode": "fields",
        "fields": fields,
        "network": json.dumps(problem.to_dict()),
        "naming": names.convention,
        **{option.name: option.value(problem) for option in _options("choice", "flag")},
        "activation": network.layers[-1].activation,
        "order": "simultaneous",
        "steps": "1",
        "mine": "",
    }


# --- reading a request -----------------------------------------------------------------------


def _value(text: object) -> object:
    """A field's text as a number if it is one; else as typed, for the library to reject."""
    if not isinstance(text, str):
        return text
    try:
        return float(text.strip())
    except ValueError:
        return text


_PATH = re.compile(r"^(inputs|targets)\[(\d+)\]|^layers\[(\d+)\]\.(weights|biases|activation)")


def _field(message: str, names: Naming) -> str:
    """The form field of the 2-2-2 network that a library message names."""
    if message.partition(":")[0] in {option.name for option in OPTIONS}:
        return message.partition(":")[0]
    found = _PATH.match(message)
    if found is None:
        return "network"
    data, k, layer, part = found.groups()
    if data:
        return f"{data[0]}{int(k) + 1}"
    l = int(layer)
    if part == "biases":
        return f"b{l + 1}"
    if part == "activation":
        return "activation"
    cell = re.match(r"\[(\d+)\]\[(\d+)\]", message[found.end() :])
    return names.weight_name(l, int(cell[1]), int(cell[2])) if cell else "network"


def _from_fields(request: Mapping[str, Any], names: Naming) -> Problem:
    fields = request.get("fields") or {}

    def get(name: str) -> object:
        return _value(fields.get(name, ""))

    weights: list[list[list[object]]] = [[[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]]]
    for name, (l, j, k) in names.weights.items():
        weights[l][j][k] = get(name)
    data = {
        "inputs": [get(i) for i in INPUTS],
        "targets": [get(t) for t in TARGETS],
        "layers": [
            {"weights": weights[0], "biases": get("b1"), "activation": "sigmoid"},
            {"weights": weights[1], "biases": get("b2"), "activation": request.get("activation")},
        ],
        **{
            option.name: get(option.name) if option.kind == "number" else request.get(option.name)
            for option in OPTIONS
        },
    }
    try:
        return _named(Problem.from_dict(data), names.convention)
    except ValueError as error:
        raise FieldError(_field(str(error), names), str(error)) from None


def _named(problem: Problem, convention: str) -> Problem:
    """The problem in a post's naming; a shape the posts do not number keeps its default names."""
    network = problem.network
    try:
        names = naming(convention, network.sizes, network.shared_biases)
    except ValueError:
        return problem
    return replace(problem, network=replace(network, naming=names))


def read(request: Mapping[str, Any]) -> Settings:
    """What a request asks for.

    Raises:
        FieldError: The library's one-line message and the field it concerns.

    Introduced in [Calculator][calculator].
    """
    try:  # the names of the 2-2-2 network's fields
        names = naming(str(request.get("naming")), (2, 2, 2))
    except ValueError as error:
        raise FieldError("naming", str(error)) from None
    order = request.get("order")
    if order not in ORDERS:
        raise FieldError("order", f"order: expected {' or '.join(ORDERS)}, got {order!r}")
    text = str(request.get("steps", "1")).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_STEPS:
        raise FieldError(
            "steps", f"steps: expected a whole number from 1 to {MAX_STEPS:,}, got {text!r}"
        )
    if request.get("mode") == "json":
        try:
            problem = _named(Problem.from_json(str(request.get("network", ""))), names.convention)
        except ValueError as error:
            raise FieldError("network", str(error)) from None
        if problem.batched:
            raise FieldError(
                "network",
                "inputs: the calculator takes one example; for a batch use the command line",
            )
    else:
        problem = _from_fields(request, names)
    return Settings(problem, str(order), int(text), str(request.get("mine") or ""))


# --- the results -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def _math(equations: tuple[str, ...], layouts: tuple[str, ...] = LAYOUTS) -> str:
    """Display math as arithmatex writes it for KaTeX ([`html`][backprop_steps.render.layout.html]),
    remembered: an edit changes few of the equations.
    """
    return html(equations, layouts)


def _equations(step: Trace, layouts: tuple[str, ...]) -> str:
    def show(*equations: str) -> str:
        return _math(equations, layouts)

    network, names = step.network, step.network.names
    last = len(network.layers) - 1
    parts = ["<h3>Forward pass</h3>"]
    for l in range(last + 1):
        for neuron in names.neuron_names(l):
            parts.append(show(latex.net_input(step, neuron), latex.output(step, neuron)))
    outputs = names.neuron_names(last)
    parts += ["<h3>Total error</h3>"]
    parts.append(show(*(latex.error(step, o) for o in outputs), latex.total_error(step)))
    parts.append("<h3>Backward pass</h3>")
    for l in reversed(range(last + 1)):
        for neuron in names.neuron_names(l):
            equations = [latex.error_derivative(step, neuron)]
            if step.activation_derivatives[l] is not None:
                equations.append(latex.activation_derivative(step, neuron))
            equations.append(latex.delta(step, neuron))
            parts.append(show(*equations))
        for name, (layer, _, _) in names.weights.items():
            if layer == l:
                parts.append(show(latex.gradient(step, name)))
        for name, (layer, _) in names.biases.items():
            if layer == l:
                parts.append(show(latex.bias_gradient(step, name)))
    parts.append("<h3>Updates</h3>")
    for name in names.weights:
        parts.append(show(latex.update(step, name)))
    if network.update_biases:
        parts += [show(latex.update(step, name)) for name in names.biases]
    else:
        parts.append("<p>The biases are frozen: the step leaves them as they are.</p>")
    return "\n".join(parts)


def _table(section: Section) -> str:
    title, header, rows = section
    table = html_table(header, rows, "bp-calculator__table", numeric=range(1, len(header)))
    return f"<h3>{escape(title)}</h3>\n{_plain(table)}"


def _plain(table: str) -> str:
    """An `html_table` for the browser, without the attributes meant for Markdown."""
    return re.sub(r' markdown="(?:1|span)"', "", table)


def curve_svg(errors: Sequence[float], description: str) -> str:
    """The total error against the training step, as plain SVG (no matplotlib), drawn for a
    laptop and for a phone with text of the same size; a log scale when the error spans more
    than a power of ten.

    Introduced in [Calculator][calculator].
    """
    return "".join(
        _curve(errors, description, variant, width, height, font)
        for variant, width, height, font in (("wide", 640, 300, 13), ("narrow", 340, 260, 13))
    )


def _curve(
    errors: Sequence[float], description: str, variant: str, width: int, height: int, font: int
) -> str:
    left, right, top, bottom = 7 * font, 16, 12, 3 * font
    finite = [e for e in errors if math.isfinite(e)]
    low, high = min(finite), max(finite)
    log = low > 0 and high / low > 10
    scale = (lambda v: math.log10(v)) if log else (lambda v: v)
    y0, y1 = scale(low), scale(high)
    if y1 - y0 < 1e-300:
        y0, y1 = y0 - 1, y1 + 1
    n = max(len(errors) - 1, 1)
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(s: float) -> float:
        return left + plot_w * s / n

    def y(v: float) -> float:
        return top + plot_h * (1 - (scale(v) - y0) / (y1 - y0))

    stride = max(1, len(errors) // (2 * plot_w))
    points = " ".join(
        f"{x(s):.1f},{y(errors[s]):.1f}"
        for s in range(0, len(errors), stride)
        if math.isfinite(errors[s])
    )
    ticks = (
        [low, high]
        if not log
        else sorted({low, *(10.0**p for p in range(math.ceil(y0), math.floor(y1) + 1)), high})
    )
    text = f'font-size="{font}" fill="#222"'
    marks = "".join(
        f'<line x1="{left}" x2="{width - right}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#ddd"/>'
        f'<text x="{left - 6}" y="{y(t) + font / 3:.1f}" text-anchor="end" {text}>'
        f"{escape(number(t, given=t not in (low, high)))}</text>"
        for t in _spread(ticks, y, font)
    )
    axis = (
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#555"/>'
        f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#555"/>'
        f'<text x="{left}" y="{height - font}" {text}>0</text>'
        f'<text x="{width - right}" y="{height - font}" text-anchor="end" {text}>{n:,}</text>'
        f'<text x="{left + plot_w / 2:.1f}" y="{height - font}" text-anchor="middle" {text}>'
        f"training step</text>"
    )
    label = escape(description, quote=True)
    svg = (
        f'<svg role="img" aria-label="{label}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f"{marks}{axis}"
        f'<polyline points="{points}" fill="none" stroke="#1f5fa8" stroke-width="2"/></svg>'
    )
    return (
        f'<figure class="plot plot--{variant} bp-curve">{svg}'
        f"<figcaption>{escape(description)}</figcaption></figure>"
    )


def _spread(ticks: Sequence[float], y: Any, font: int) -> list[float]:
    """The ticks whose labels do not overlap, from the top."""
    kept: list[float] = []
    for t in sorted(ticks, reverse=True):
        if all(abs(y(t) - y(k)) >= 1.3 * font for k in kept):
            kept.append(t)
    return kept


def result_parts(
    settings: Settings, parts: Sequence[str] = PARTS, layouts: Sequence[str] = LAYOUTS
) -> dict[str, str]:
    """The HTML of some parts of the results (see `PARTS`).

    Args:
        settings: What to compute.
        parts: Which parts.
        layouts: The layouts of the equations to write: both for the page as built, only the
            one the reader's screen shows for a recomputation.

    Raises:
        FieldError: When the step overflows (`network`).

    Introduced in [Calculator][calculator].
    """
    problem, order = settings.problem, settings.order
    step = trace(problem.network, *problem.example, order=order)
    _finite(step)
    network = problem.network
    found = {}
    if "tables" in parts:
        found["tables"] = "\n".join(map(_table, trace_sections(step)))
    if "drawing" in parts:
        sizes = "-".join(map(str, network.sizes))
        title = f"The {sizes} network with its forward pass ({network.names.convention} naming)"
        found["drawing"] = network_svg(network, step, title)
    if "equations" in parts:
        found["equations"] = _equations(step, tuple(layouts))
    if "training" in parts:
        found["training"] = _training(settings) if settings.steps > 1 else ""
    return found


def _training(settings: Settings) -> str:
    problem, order, steps = settings.problem, settings.order, settings.steps
    history = train(problem.network, *problem.example, steps=steps, order=order)
    description = (
        f"Total error over {steps:,} training steps ({order} order)"
        f"{', log scale' if _logarithmic(history.errors) else ''}."
    )
    return "\n".join(
        [
            f'<h2 id="results-training">{steps:,} training steps</h2>',
            curve_svg(history.errors, description),
            *map(_table, train_sections(problem, history)),
        ]
    )


def results_html(settings: Settings) -> str:
    """Every result of one request, each part in its box: the drawing, the equations and the
    tables of one step, and for several steps the error curve and the total error along the way.

    Raises:
        FieldError: When the step overflows (`network`).

    Introduced in [Calculator][calculator].
    """
    found = result_parts(settings)

    def box(part: str) -> str:
        return f'<div class="bp-part" data-part="{part}">{found[part]}</div>'

    return "\n".join(
        [
            '<h2 id="results-step">One training step</h2>',
            box("drawing"),
            '<details class="bp-calculator__equations" open><summary>Equations with the numbers'
            "</summary>",
            box("equations"),
            "</details>",
            box("tables"),
            box("training"),
        ]
    )


def _logarithmic(errors: Sequence[float]) -> bool:
    finite = [e for e in errors if math.isfinite(e)]
    return bool(finite) and min(finite) > 0 and max(finite) / min(finite) > 10


def _finite(step: Trace) -> None:
    """Stop with the command line's message when a value overflowed (it spreads to the total
    error or to the updated parameters).
    """
    names = step.network.names
    values = [step.total_error, *(step.new(name) for name in [*names.weights, *names.biases])]
    if not all(math.isfinite(v) for v in values):
        raise FieldError("network", OVERFLOW)


# --- comparing with the reader's numbers ----------------------------------------------------


def comparison(settings: Settings) -> tuple[str, str]:
    """The reader's numbers against ours, as `backprop-steps check` reports them: the verdict
    (how many match and by which rule, the first divergence, the diagnoses and the number that
    would tell them apart), and a field beside each of our quantities.

    Returns:
        The verdict's HTML (empty without numbers), shown right under the form; the table's.

    Raises:
        FieldError: For unreadable numbers or unknown names (`mine`).

    Introduced in [Calculator][calculator].
    """
    problem, order = settings.problem, settings.order
    ours = quantities(trace(problem.network, *problem.example, order=order))
    report = None
    try:
        given = parse_given(settings.mine)  # none in a box of comments only (a chapter's link)
        if given:
            report = check(problem, given, order=order)
    except ValueError as error:
        raise FieldError("mine", str(error)) from None
    rows = {row.quantity: row for row in report.rows} if report else {}
    first = report.first_divergence if report else None
    cells = []
    names = problem.network.names
    frozen = {f"{b}+" for b in names.biases} if not problem.network.update_biases else set()
    for name, value in ours.items():
        row = rows.get(name)
        verdict = "" if row is None else ("matches" if row.match else "differs")
        verdict = "first divergence" if row is not None and row is first else verdict
        field = (
            f'<input type="text" inputmode="decimal" data-quantity="{escape(name)}" '
            f'value="{escape(row.yours if row else "")}" aria-label="your {escape(name)}" '
            'autocomplete="off" spellcheck="false">'
        )
        cells.append([escape(name), field, number(value, given=name in frozen), verdict])
    table = html_table(["quantity", "yours", "ours", "verdict"], cells, "bp-quantities", {2})
    opened = " open" if report else ""
    box = (
        '<h2 id="results-compare">Your numbers</h2>'
        f'<details class="bp-quantities-box"{opened}><summary>Type your numbers beside ours'
        f"</summary>{_plain(table)}</details>"
    )
    return (_verdict(report) if report else ""), box


def _verdict(report: Report) -> str:
    """The verdict in the words of the command line, a paragraph per line."""
    lines = []
    for line in verdict(report):
        detail = line.startswith("  ")
        text = escape(line.strip())
        if text.startswith(("Diagnosis (", "Partial diagnosis (")):
            head, _, rest = text.partition(": ")
            text = f"<strong>{head}</strong>: {rest}"
        kind = "bp-verdict__detail" if detail else "bp-verdict__line"
        lines.append(f'<p class="{kind}">{text}</p>')
    return "\n".join(lines)


def compare_html(settings: Settings) -> str:
    """The table of [`comparison`][backprop_steps.render.calculator.comparison]: a field beside
    each of our quantities, marked where the reader gave a number.

    Raises:
        FieldError: For unreadable numbers or unknown names (`mine`).

    Introduced in [Calculator][calculator].
    """
    return comparison(settings)[1]


# --- one call from the page ------------------------------------------------------------------


def calculate(request_json: str) -> str:
    """Answer the page: the request as JSON in, `{"parts", "compare", "verdict", "errors"}` as
    JSON out.

    The request may name the `parts` to compute (default: all of `PARTS`, and `compare`, the
    comparison, which brings its `verdict`) and the one `layout` of equations the reader's
    screen shows. `errors` lists `{"field", "message"}`; with an error, nothing else is
    computed.

    Introduced in [Calculator][calculator].
    """
    request = json.loads(request_json)
    parts = request.get("parts") or (*PARTS, "compare")
    layout = request.get("layout")
    layouts = (layout,) if layout in LAYOUTS else LAYOUTS
    try:
        settings = read(request)
        found = result_parts(settings, parts, layouts)
        verdict, compare = comparison(settings) if "compare" in parts else (None, None)
    except FieldError as error:
        answer: dict[str, Any] = {"parts": {}, "compare": None, "verdict": None}
        return json.dumps(answer | {"errors": [_error(error)]})
    return json.dumps({"parts": found, "compare": compare, "verdict": verdict, "errors": []})


def _error(error: FieldError) -> dict[str, str]:
    return {"field": error.field, "message": str(error)}


def warm_up() -> None:
    """Compute once, so that every module the page needs is imported (and compiled ahead).

    Introduced in [Calculator][calculator].
    """
    request = preset("mazur") | {"steps": "3", "mine": "net_h1 1"}
    calculate(json.dumps(request))


# --- the form --------------------------------------------------------------------------------


def _input(name: str, label: str, value: str, kind: str = "text", extra: str = "") -> str:
    """A labelled field with its error line, tied to it by `aria-describedby`."""
    mode = ' inputmode="decimal"' if kind == "text" else ""
    return (
        f'<div class="bp-field" data-field="{name}"><label for="bp-{name}">{label}</label>'
        f'<input id="bp-{name}" name="{name}" type="{kind}" value="{escape(value)}"{mode}{extra} '
        f'autocomplete="off" spellcheck="false" aria-describedby="bp-{name}-error">'
        f'<span class="bp-error" id="bp-{name}-error" role="status"></span></div>'
    )


def _select(name: str, label: str, options: Sequence[tuple[str, str]], chosen: str) -> str:
    items = "".join(
        f'<option value="{escape(v)}"{" selected" if v == chosen else ""}>{escape(text)}</option>'
        for v, text in options
    )
    return (
        f'<div class="bp-field" data-field="{name}"><label for="bp-{name}">{label}</label>'
        f'<select id="bp-{name}" name="{name}" aria-describedby="bp-{name}-error">{items}</select>'
        f'<span class="bp-error" id="bp-{name}-error" role="status"></span></div>'
    )


def _options(*kinds: str) -> list[Field]:
    """The options of the form of some kinds (`number`, `choice`, `flag`)."""
    return [option for option in OPTIONS if option.kind in kinds]


def _label(option: Field) -> str:
    return _LABELS.get(option.name, option.name.replace("_", " "))


def form_fields() -> dict[str, list[str]]:
    """The names of the form's fields, as the page's script receives them (JSON in the form's
    `data-fields`, written when the site is built).

    Returns:
        `numbers`: the text fields of the 2-2-2 network and its number options; `options`: the
        other fields that hold one value each; `flags`: the checkboxes; `file`: the choices a
        network file makes itself (unused while the form reads one).

    Introduced in [Calculator][calculator].
    """
    names = naming("mazur", (2, 2, 2))  # both posts' namings name the same fields
    choices = [option.name for option in _options("choice")]
    return {
        "numbers": [*INPUTS, *TARGETS, *names.weights, *names.biases]
        + [option.name for option in _options("number")],
        "options": ["naming", *choices, "activation", "order", "steps"],
        "flags": [option.name for option in _options("flag")],
        "file": [*choices, "activation"],
    }


def _group(legend: str, fields: Sequence[str], request: Mapping[str, Any]) -> str:
    values = request["fields"]
    inner = "".join(_input(f, f, values[f]) for f in fields)
    return f'<fieldset class="bp-group"><legend>{legend}</legend>{inner}</fieldset>'


def _convention(convention: str) -> str:
    """A naming as the form offers it, with the connection its `w2` names: `Mazur (w2: i2 to h1)`."""
    names = naming(convention, (2, 2, 2))
    l, j, k = names.weight("w2")
    source, to = names.neuron_names(l - 1)[k], names.neuron_names(l)[j]
    post = "Mazur" if convention == "mazur" else convention
    return f"{post} (w2: {source} to {to})"


def form_html(request: Mapping[str, Any] | None = None) -> str:
    """The calculator's form, filled in with a request (default: the Mazur example).

    Every field has a label and an error line; the choices of loss and output activation are
    the library's own.

    Introduced in [Calculator][calculator].
    """
    request = request or preset("mazur")
    names = naming(request["naming"], (2, 2, 2))
    activations = [
        (name, f"{name} (output layer only)" if isinstance(f, LayerActivation) else name)
        for name, f in ACTIVATIONS.items()
    ]
    network = (
        '<div class="bp-network-file"><div class="bp-field" data-field="network">'
        '<label for="bp-network">Network file (JSON, as '
        '<a href="../check-your-own/#your-own-network">the command line reads it</a>)</label>'
        f'<textarea id="bp-network" name="network" rows="8" spellcheck="false" '
        f'aria-describedby="bp-network-error">{escape(request["network"])}</textarea>'
        '<span class="bp-error" id="bp-network-error" role="status"></span></div>'
        '<label class="bp-upload" for="bp-upload">Or open a file</label>'
        '<input id="bp-upload" type="file" accept=".json,application/json"></div>'
    )
    mode = "".join(
        f'<label class="bp-choice"><input type="radio" name="mode" value="{value}"'
        f"{' checked' if request['mode'] == value else ''}> {text}</label>"
        for value, text in (("fields", "the 2-2-2 network"), ("json", "any network (JSON)"))
    )
    fields = "".join(
        [
            _group("Inputs and targets", (*INPUTS, *TARGETS), request),
            _group("Weights", list(names.weights), request),
            _group("Biases and learning rate", list(names.biases), request)[: -len("</fieldset>")]
            + "".join(
                _input(option.name, _label(option), request["fields"][option.name])
                for option in _options("number")
            )
            + "</fieldset>",
        ]
    )
    options = "".join(
        [
            _select(
                "naming",
                "Weight names",
                [(convention, _convention(convention)) for convention in CONVENTIONS],
                request["naming"],
            ),
            *(
                _select(o.name, _label(o), [(c, c) for c in o.choices], request[o.name])
                for o in _options("choice")
            ),
            _select("activation", "Output activation", activations, request["activation"]),
            _select("order", "Update order", [(o, o) for o in ORDERS], request["order"]),
            _input("steps", "Training steps", request["steps"], "number", ' min="1" step="1"'),
            *(
                '<div class="bp-field bp-field--check"><label><input type="checkbox" '
                f'name="{o.name}" id="bp-{o.name}"'
                f"{' checked' if request[o.name] else ''}> {_label(o)}</label></div>"
                for o in _options("flag")
            ),
        ]
    )
    mine = (
        '<div class="bp-field" data-field="mine"><label for="bp-mine">Your numbers: one '
        "<code>name value</code> per line, named as in the tables, or JSON</label>"
        '<textarea id="bp-mine" name="mine" rows="5" spellcheck="false" '
        f'aria-describedby="bp-mine-error">{escape(request["mine"])}</textarea>'
        '<span class="bp-error" id="bp-mine-error" role="status"></span></div>'
    )
    return (
        '<form class="bp-calculator__form" novalidate '
        f'data-fields="{escape(json.dumps(form_fields()))}">'
        '<div class="bp-presets"><button type="button" class="md-button" data-preset="mazur">'
        "Mazur example</button>"
        '<button type="button" class="md-button" data-preset="neuralblog">neuralblog example'
        "</button></div>"
        f'<fieldset class="bp-mode"><legend>Network</legend>{mode}</fieldset>'
        f'<div class="bp-network-fields">{fields}</div>{network}'
        f'<fieldset class="bp-group bp-options"><legend>Options</legend>{options}</fieldset>'
        f'<fieldset class="bp-group bp-mine"><legend>Compare</legend>{mine}</fieldset>'
        "</form>"
    )
