r"""SVG drawings of a network: the forward pass, and the paths the backward pass follows.

Plain SVG text, no graphviz or other programs. Colours are the page's own (`currentColor` and
Material's colour variables), so a drawing reads in the light and the dark palette alike.

Every drawing comes in two layouts, printed together: a wide one, layers from left to right,
for a text column of 568 px or more, and a narrow one, layers from top to bottom, for a phone.
The stylesheet shows the one that fits (the same switch as the display formulas), so a label is
never smaller than [`FONT`][backprop_steps.render.diagram.FONT] shrunk by a tenth.

The functions below differ only in the [`Notes`][backprop_steps.render.diagram.Notes] they write
on the network, taken from a [`Trace`][backprop_steps.scalar.Trace]; one routine draws them all.
Label text may hold subscripts as `x_{o1}`.

Introduced in [The network][network].
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from html import escape

from backprop_steps.display import number
from backprop_steps.network import Network
from backprop_steps.render.latex import symbol
from backprop_steps.scalar import Trace

__all__ = [
    "FONT",
    "Notes",
    "backward_svg",
    "bias_svg",
    "chain_svg",
    "draw",
    "network_svg",
    "paths_svg",
    "shortcut_svg",
]

FONT = 15
"""Font size of every label, in the drawing's units (a unit is a CSS pixel at full size)."""
_SUB = 0.85  # a subscript's size, relative to FONT
_LINE = 17  # distance between two lines of a label
_CHAR = 0.6  # width of a character, in font sizes (generous for digits and lower case)
_RADIUS = 24
_PAD = 5  # between a label's text and its box

Lines = tuple[str, ...]
Box = tuple[float, float, float, float]  # left, top, right, bottom
Point = tuple[float, float]


@dataclass(frozen=True)
class Notes:
    """What a drawing writes on a network. Keys are names of the network's naming.

    Introduced in [The output layer][output-layer].
    """

    title: str
    """The accessible name of the drawing (read by screen readers)."""
    neurons: Mapping[str, Lines] = field(default_factory=dict)
    """Lines next to a neuron, e.g. `{"o1": ("δ_{o1}", "0.138498562")}`."""
    weights: Mapping[str, Lines] = field(default_factory=dict)
    """The label on a weight's edge (`"w5"`); a weight without one has its name only."""
    biases: Mapping[str, Lines] | None = None
    """The label of each bias's box (`"b1"`); `None` draws no biases."""
    errors: Mapping[str, Lines] | None = None
    r"""The lines of each output's error box $E_o$, by output name; `None` draws no errors."""
    links: Mapping[str, Lines] = field(default_factory=dict)
    """The label on the edge from an output to its error box, by output name."""
    total: Lines = ("E_{total}",)
    r"""The lines of the $E_{total}$ box (drawn with the error boxes)."""
    path: frozenset[str] = frozenset()
    """Names drawn highlighted: neurons, weights, biases, `E_o1` (an error box), `E_total`."""
    backward: bool = False
    """Whether the arrows point back, from the error towards the inputs."""


# --- text -------------------------------------------------------------------------------------


def _runs(line: str) -> Iterator[tuple[str, bool]]:
    """`x_{o1} y` as ("x", False), ("o1", True), (" y", False)."""
    for plain, sub in re.findall(r"([^_]*)(?:_\{([^}]*)\})?", line):
        if plain:
            yield plain, False
        if sub:
            yield sub, True


def _width(line: str) -> float:
    return sum(len(text) * _CHAR * FONT * (_SUB if sub else 1) for text, sub in _runs(line))


def _size(lines: Lines) -> tuple[float, float]:
    """Width and height of a block of lines, padding included."""
    return max(map(_width, lines)) + 2 * _PAD, len(lines) * _LINE + 2 * _PAD - 2


def _text(x: float, y: float, lines: Lines, bold: bool = False) -> str:
    """Lines centred on (x, y), subscripts as smaller, lowered runs."""
    out = []
    top = y - (len(lines) - 1) * _LINE / 2
    for i, line in enumerate(lines):
        spans, shift = [], 0
        for text, sub in _runs(line):
            dy = (4 if sub else 0) - shift
            size = f' font-size="{FONT * _SUB:.1f}"' if sub else ""
            spans.append(f'<tspan dy="{dy}"{size}>{escape(text)}</tspan>')
            shift += dy
        weight = "bold" if bold else "normal"
        out.append(
            f'<text x="{x:.1f}" y="{top + i * _LINE:.1f}" font-size="{FONT}" '
            f'font-weight="{weight}" text-anchor="middle" dominant-baseline="central" '
            f'fill="currentColor">{"".join(spans)}</text>'
        )
    return "".join(out)


# --- geometry ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Place:
    """Where things go in one of the two layouts."""

    narrow: bool
    network: Network
    notes: Notes

    @cached_property
    def _labels(self) -> tuple[float, float]:
        """The widest and the tallest label on a weight's edge."""
        sizes = [_size(lines) for lines in self.notes.weights.values()] or [_size(("w_{1}",))]
        return max(w for w, _ in sizes), max(h for _, h in sizes)

    @cached_property
    def column(self) -> float:
        """Distance between two layers along the layer axis: room for the labels on the edges."""
        width, height = self._labels
        if not self.narrow:
            return max(175, width + 2 * _RADIUS + 30)
        tallest = max((len(v) for v in self.notes.neurons.values()), default=0)
        nearest = (width / 2 + 8) / self.row  # where `along` puts a crossing edge's label
        return 2 * _RADIUS + tallest * _LINE + max(220, (height + 8) / (0.5 - nearest))

    @cached_property
    def row(self) -> float:
        """Distance between two neurons of a layer: room for the labels on crossing edges."""
        height = self._labels[1]
        return 220 if self.narrow else max(250, 4 * (height + 10))

    def _room(self, side: int) -> float:
        """Room for notes above the top neurons (`side` -1) or below the bottom ones (+1)."""
        tallest = max((len(v) for v in self.notes.neurons.values()), default=0)
        return _RADIUS + 14 + tallest * _LINE

    def xy(self, a: float, b: float) -> tuple[float, float]:
        """A point given along the layer axis (`a`) and the neuron axis (`b`)."""
        return (b, a) if self.narrow else (a, b)

    def neuron(self, layer: int, j: int) -> tuple[float, float]:
        sizes = self.network.sizes
        tallest = max(sizes)
        b = (tallest - sizes[layer + 1]) * self.row / 2 + j * self.row
        if self.narrow:
            a = 40 + _RADIUS + (layer + 1) * self.column
            return self.xy(a, b + 80)
        return self.xy(70 + (layer + 1) * self.column, b + 30 + self._room(-1))

    def notes_box(self, layer: int, j: int, lines: Lines) -> Box:
        """Notes go on the side of a neuron where its edges carry no arrowhead: in the wide
        layout above the first neuron of a layer and below the others; in the narrow layout
        below the neuron in a forward drawing and above it in a backward one.
        """
        x, y = self.neuron(layer, j)
        w, h = _size(lines)
        above = self.notes.backward if self.narrow else j == 0 and self.network.sizes[layer + 1] > 1
        top = y - _RADIUS - 6 - h if above else y + _RADIUS + 6
        return (x - w / 2, top, x + w / 2, top + h)

    def _level(self, layer: int, side: int) -> float:
        """In the narrow layout, the edge of a layer's notes on one side (-1 top, +1 bottom):
        every edge between two layers then has the same slope.
        """
        level = self.neuron(layer, 0)[1] + side * _RADIUS
        for k, name in enumerate(self.network.names.neuron_names(layer)):
            lines = self.notes.neurons.get(name, ())
            if lines:
                box = self.notes_box(layer, k, lines)
                level = min(level, box[1] - 4) if side < 0 else max(level, box[3] + 4)
        return level

    def exit(self, layer: int, j: int) -> Point:
        """Where a neuron's outgoing edges start."""
        x, y = self.neuron(layer, j)
        return (x, self._level(layer, 1)) if self.narrow else (x + _RADIUS, y)

    def entry(self, layer: int, j: int) -> Point:
        """Where a neuron's incoming edges end."""
        x, y = self.neuron(layer, j)
        return (x, self._level(layer, -1)) if self.narrow else (x - _RADIUS, y)

    def error(self, j: int) -> tuple[float, float]:
        """The centre of output `j`'s error box: past the link's label, if any."""
        last = len(self.network.layers) - 1
        x, y = self.exit(last, j)
        notes = self.notes
        links = [_size(lines) for lines in notes.links.values()]
        boxes = [_size(lines) for lines in (notes.errors or {}).values()] or [(0.0, 0.0)]
        axis = 1 if self.narrow else 0
        gap = max((size[axis] for size in links), default=20) + 40
        gap += max(size[axis] for size in boxes) / 2
        return (x, y + gap) if self.narrow else (x + gap, y)

    def total(self) -> tuple[float, float]:
        boxes = [self.error(j) for j in range(self.network.sizes[-1])]
        x = sum(b[0] for b in boxes) / len(boxes)
        y = sum(b[1] for b in boxes) / len(boxes)
        if not self.narrow:
            return x, y
        tallest = max(_size(lines)[1] for lines in (self.notes.errors or {"": ("",)}).values())
        return x, boxes[0][1] + tallest / 2 + 70 + _size(self.notes.total)[1] / 2

    def bias(self, layer: int, j: int | None) -> tuple[float, float]:
        """A bias box: between the first two neurons of its layer, or beside its neuron."""
        width = self.network.sizes[layer + 1]
        first, last = self.neuron(layer, 0), self.neuron(layer, min(width - 1, 1))
        if j is None and width > 1:
            return (first[0] + last[0]) / 2, (first[1] + last[1]) / 2
        x, y = self.neuron(layer, j or 0)
        inward = 1 if (j or 0) == 0 else -1
        return (x + inward * 72, y) if self.narrow else (x, y + inward * 70)

    def along(self, start: Point, end: Point, lines: Lines) -> float:
        """Where along a weight's edge its label sits: mid-way if the edge is straight. A crossing
        edge's label sits near its start (wide layout); in the narrow layout, just clear of the
        straight edge beside it, near the start of an edge going right and near the end of one
        going left.
        """
        straight = abs(start[1 - int(self.narrow)] - end[1 - int(self.narrow)]) < 1
        if straight:
            return 0.5
        if not self.narrow:
            return 0.25
        near = (_size(lines)[0] / 2 + 8) / abs(end[0] - start[0])
        return near if start[0] < end[0] else 1 - near  # two crossing labels one above the other


# --- drawing ----------------------------------------------------------------------------------

_ACCENT = "var(--md-accent-fg-color, #526cfe)"
_BACKGROUND = "var(--md-default-bg-color, #fff)"


class _Canvas:
    """The pieces of a drawing, in painting order, and how far they reach."""

    def __init__(self) -> None:
        self.layers: dict[str, list[str]] = {"edges": [], "labels": [], "nodes": []}
        self.extent: Box = (math.inf, math.inf, -math.inf, -math.inf)

    def add(self, layer: str, svg: str, box: Box) -> None:
        self.layers[layer].append(svg)
        left, top, right, bottom = self.extent
        self.extent = (min(left, box[0]), min(top, box[1]), max(right, box[2]), max(bottom, box[3]))

    def edge(
        self,
        start: Point,
        end: Point,
        key: str,
        lit: bool,
        back: bool,
        dash: str = "",
        head: bool = True,
    ) -> None:
        """A line with an arrowhead at its end (at its start for the backward pass, none
        without `head`).
        """
        colour = _ACCENT if lit else "currentColor"
        opacity = "1" if lit else "0.5"
        tip, tail = (start, end) if back else (end, start)
        length = math.dist(tip, tail) or 1
        ux, uy = (tip[0] - tail[0]) / length, (tip[1] - tail[1]) / length
        size = 12 if lit else 9
        bx, by = tip[0] - ux * size, tip[1] - uy * size
        corners = (
            tip,
            (bx - uy * size / 2.4, by + ux * size / 2.4),
            (bx + uy * size / 2.4, by - ux * size / 2.4),
        )
        points = " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
        arrow = f'<polygon points="{points}" fill="{colour}" fill-opacity="{opacity}"/>'
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        svg = (
            f'<line x1="{start[0]:.1f}" y1="{start[1]:.1f}" x2="{end[0]:.1f}" y2="{end[1]:.1f}" '
            f'data-edge="{key}" stroke="{colour}" stroke-opacity="{opacity}" '
            f'stroke-width="{3 if lit else 1.5}"{dashes}/>' + (arrow if head else "")
        )
        xs, ys = (start[0], end[0]), (start[1], end[1])
        self.add("edges", svg, (min(xs), min(ys), max(xs), max(ys)))

    def label(self, at: Point, lines: Lines, key: str, lit: bool, frame: bool = True) -> None:
        """Lines on a box of the page's background, framed in the accent colour when `lit`."""
        (x, y), (w, h) = at, _size(lines)
        stroke = _ACCENT if lit else "currentColor"
        style = (
            f'stroke="{stroke}" stroke-opacity="{1 if lit else 0.5}" stroke-width="{2 if lit else 1}"'
            if frame
            else 'stroke="none"'
        )
        svg = (
            f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" '
            f'rx="5" data-box="{escape(key)}" fill="{_BACKGROUND}" {style}/>'
            + _text(x, y, lines, bold=lit)
        )
        self.add("labels", svg, (x - w / 2, y - h / 2, x + w / 2, y + h / 2))

    def neuron(self, at: Point, name: str, input_: bool, lit: bool) -> None:
        x, y = at
        fill = "none" if input_ else "var(--md-primary-fg-color, #4051b5)"
        svg = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{_RADIUS}" fill="{fill}" fill-opacity="0.12" '
            f'stroke="{_ACCENT if lit else "currentColor"}" stroke-width="{3 if lit else 2}" '
            f'data-box="{name}"/>' + _text(x, y, (symbol(name),), bold=True)
        )
        self.add("nodes", svg, (x - _RADIUS, y - _RADIUS, x + _RADIUS, y + _RADIUS))

    def svg(self, title: str, variant: str) -> str:
        left, top, right, bottom = self.extent
        left, top, width, height = left - 10, top - 10, right - left + 20, bottom - top + 20
        title = escape(title)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="bp-figure--{variant}" '
            f'viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" width="100%" '
            f'style="max-width: {width:.0f}px; color: var(--md-default-fg-color, #000); '
            f'font-family: var(--md-text-font-family, sans-serif)" role="img" '
            f'aria-label="{title}"><title>{title}</title>'
            + "".join(self.layers["edges"] + self.layers["labels"] + self.layers["nodes"])
            + "</svg>"
        )


def _between(start: Point, end: Point, at: float) -> Point:
    return start[0] + (end[0] - start[0]) * at, start[1] + (end[1] - start[1]) * at


def _short_of(start: Point, end: Point, gap: float) -> Point:
    """The point `gap` before `end` on the way from `start`."""
    length = math.dist(start, end) or 1
    return end[0] - (end[0] - start[0]) * gap / length, end[1] - (end[1] - start[1]) * gap / length


def _weights(canvas: _Canvas, place: _Place) -> None:
    notes, names = place.notes, place.network.names
    for name, (l, j, k) in names.weights.items():
        to, source = names.neuron_names(l)[j], names.neuron_names(l - 1)[k]
        start, end = place.exit(l - 1, k), place.entry(l, j)
        lit = name in notes.path
        canvas.edge(start, end, f"{source} {to}", lit, notes.backward)
        lines = notes.weights.get(name, (symbol(name),))
        canvas.label(
            _between(start, end, place.along(start, end, lines)), lines, f"{source} {to}", lit
        )


def _biases(canvas: _Canvas, place: _Place) -> None:
    notes, names = place.notes, place.network.names
    if notes.biases is None:
        return
    for name, (l, jb) in names.biases.items():
        at, lit = place.bias(l, jb), name in notes.path
        lines = notes.biases.get(name, (symbol(name),))
        width, height = _size(lines)
        for j in range(place.network.sizes[l + 1]) if jb is None else (jb,):
            to = place.neuron(l, j)
            dx, dy = abs(to[0] - at[0]) or 1e-9, abs(to[1] - at[1]) or 1e-9
            start = _short_of(to, at, min(width / 2 / dx, height / 2 / dy) * math.dist(at, to))
            key = f"{name} {names.neuron_names(l)[j]}"
            canvas.edge(start, _short_of(at, to, _RADIUS), key, lit, notes.backward, dash="5 4")
        canvas.label(at, lines, name, lit)


def _neurons(canvas: _Canvas, place: _Place) -> None:
    notes, names = place.notes, place.network.names
    for l in range(-1, len(place.network.layers)):
        for j, name in enumerate(names.neuron_names(l)):
            lit = name in notes.path
            canvas.neuron(place.neuron(l, j), name, l < 0, lit)
            if place.narrow:  # join the circle to where its edges start and end
                x, y = place.neuron(l, j)
                for end, tip in ((place.entry(l, j), y - _RADIUS), (place.exit(l, j), y + _RADIUS)):
                    if abs(end[1] - tip) > 1 and not notes.neurons.get(name):
                        canvas.edge(end, (x, tip), f"{name}", lit, back=False, head=False)
            lines = notes.neurons.get(name)
            if lines:
                left, top, right, bottom = place.notes_box(l, j, lines)
                canvas.label(
                    ((left + right) / 2, (top + bottom) / 2), lines, name, lit, frame=False
                )


def _errors(canvas: _Canvas, place: _Place) -> None:
    """Each output's error box, linked from the output, and the total, linked from each."""
    notes, last = place.notes, len(place.network.layers) - 1
    if notes.errors is None:
        return
    total, (_, total_height) = place.total(), _size(notes.total)
    for j, name in enumerate(place.network.names.neuron_names(last)):
        key, lines = f"E_{name}", notes.errors.get(name, (f"E_{{{name}}}",))
        box, (width, height) = place.error(j), _size(lines)
        start = place.exit(last, j)
        end = (box[0], box[1] - height / 2) if place.narrow else (box[0] - width / 2, box[1])
        lit = key in notes.path and name in notes.path
        canvas.edge(start, end, f"{name} {key}", lit, notes.backward)
        if name in notes.links:
            canvas.label(_between(start, end, 0.5), notes.links[name], f"{name} {key}", lit)
        below = 1 if place.narrow or box[1] < total[1] else -1
        leave = (box[0], box[1] + below * height / 2)
        into = (
            (_between(total, box, 0.25)[0], total[1] - total_height / 2)
            if place.narrow
            else (total[0], total[1] - below * total_height / 2)
        )
        canvas.edge(leave, into, f"{key} E_total", lit and "E_total" in notes.path, notes.backward)
        canvas.label(box, lines, key, key in notes.path)
    canvas.label(total, notes.total, "E_total", "E_total" in notes.path)


def draw(network: Network, notes: Notes) -> str:
    """A network with notes, in both layouts: the HTML to put in a page.

    Args:
        network: The network (its naming labels the neurons and weights).
        notes: What to write on it.

    Returns:
        A `<div class="bp-figure">` holding the wide and the narrow `<svg>`.

    Introduced in [The network][network].
    """
    drawings = []
    for narrow in (False, True):
        canvas, place = _Canvas(), _Place(narrow, network, notes)
        for part in (_weights, _biases, _errors, _neurons):
            part(canvas, place)
        drawings.append(canvas.svg(notes.title, "narrow" if narrow else "wide"))
    return f'<div class="bp-figure">{"".join(drawings)}</div>'


# --- the drawings of the pages ----------------------------------------------------------------


def network_svg(network: Network, step: Trace | None = None, title: str = "") -> str:
    """Draw a network; with a trace, write each neuron's net input and output beside it.

    Args:
        network: The network (its naming labels the neurons and weights).
        step: A trace of that network, for the values of the forward pass.
        title: The accessible name of the drawing (read by screen readers).

    Returns:
        The HTML of the drawing (see [`draw`][backprop_steps.render.diagram.draw]).

    Introduced in [The network][network].
    """
    names = network.names
    neurons: dict[str, Lines] = {}
    if step is not None:
        for l in range(-1, len(network.layers)):
            for name in names.neuron_names(l):
                neurons[name] = (
                    (number(step.out(name), given=True),)
                    if l < 0
                    else (f"net {number(step.net(name))}", f"out {number(step.out(name))}")
                )
    weights = {
        name: (f"{symbol(name)} = {number(network.parameter(name), given=True)}",)
        for name in names.weights
    }
    biases = {
        name: (f"{symbol(name)} = {number(network.parameter(name), given=True)}",)
        for name in names.biases
    }
    notes = Notes(title or "A diagram of the network with its weights", neurons, weights, biases)
    return draw(network, notes)


def _targets(step: Trace) -> dict[str, Lines]:
    """Each output's error box, with the target beside it."""
    outputs = step.network.names.neuron_names(len(step.layers) - 1)
    return {o: (f"E_{{{o}}}", f"target {number(step.target(o), given=True)}") for o in outputs}


def _deltas(step: Trace, layers: range | None = None) -> dict[str, Lines]:
    names = step.network.names
    return {
        name: (f"δ_{{{name}}} = {number(step.delta(name))}",)
        for l in layers or range(len(step.layers))
        for name in names.neuron_names(l)
    }


def chain_svg(step: Trace, weight: str = "w5") -> str:
    r"""The path from an output weight to $E_{total}$, with the three factors of the chain rule.

    Args:
        step: A trace.
        weight: A weight into an output neuron.

    Returns:
        The HTML of the drawing.

    Introduced in [The output layer][output-layer].
    """
    names = step.network.names
    l, j, k = names.weight(weight)
    o, h = names.neuron_names(l)[j], names.neuron_names(l - 1)[k]
    w = symbol(weight)
    notes = Notes(
        f"The path from {weight} to the total error: through {o}'s net input, {o}'s output "
        f"and the error E_{o}",
        neurons={o: (f"∂out_{{{o}}}/∂net_{{{o}}}", number(step.activation_derivative(o)))},
        weights={weight: (f"∂net_{{{o}}}/∂{w}", number(step.out(h)))},
        errors=_targets(step),
        links={o: (f"∂E_{{total}}/∂out_{{{o}}}", number(step.error_derivative(o)))},
        path=frozenset({weight, o, f"E_{o}", "E_total"}),
        backward=True,
    )
    return draw(step.network, notes)


def paths_svg(step: Trace, weight: str = "w1") -> str:
    r"""The paths from a hidden weight to $E_{total}$, one through each output, and their sum.

    Each output weight out of the hidden neuron carries that output's delta times the weight;
    the hidden neuron adds them up.

    Args:
        step: A trace of a network with one hidden layer.
        weight: A weight into a hidden neuron.

    Returns:
        The HTML of the drawing.

    Introduced in [The hidden layer][hidden-layer].
    """
    names = step.network.names
    l, j, _ = names.weight(weight)
    h = names.neuron_names(l)[j]
    outputs = names.neuron_names(l + 1)
    carried = {}
    for o in outputs:
        name = names.weight_name(l + 1, names.neuron(o)[1], j)
        value = number(step.network.parameter(name), given=True)
        carried[name] = (
            f"{symbol(name)} = {value}",
            f"δ_{{{o}}}·{symbol(name)}",
            number(step.contribution(o, h)),
        )
    notes = Notes(
        f"The paths from {weight} to the total error: through {h}, then through each output; "
        f"{h} adds up what each output sends back",
        neurons={
            **_deltas(step, range(l + 1, l + 2)),
            h: (f"∂E_{{total}}/∂out_{{{h}}}", number(step.error_derivative(h))),
        },
        weights={
            **carried,
            weight: (f"∂E_{{total}}/∂{symbol(weight)}", number(step.grad(weight))),
        },
        errors=_targets(step),
        path=frozenset({weight, h, *carried, *outputs, *(f"E_{o}" for o in outputs), "E_total"}),
        backward=True,
    )
    return draw(step.network, notes)


def backward_svg(step: Trace) -> str:
    r"""The whole backward pass: every neuron with its delta, every weight and bias with its
    gradient $\partial E_{total}/\partial w$.

    Args:
        step: A trace.

    Returns:
        The HTML of the drawing.

    Introduced in [The hidden layer][hidden-layer].
    """
    names = step.network.names
    gradients = {
        name: (f"∂E/∂{symbol(name)}", number(step.grad(name)))
        for name in (*names.weights, *names.biases)
    }
    notes = Notes(
        "The backward pass: the delta of every neuron and the gradient of every weight and bias",
        neurons=_deltas(step),
        weights={name: gradients[name] for name in names.weights},
        biases={name: gradients[name] for name in names.biases},
        errors=_targets(step),
        backward=True,
    )
    return draw(step.network, notes)


def bias_svg(step: Trace) -> str:
    r"""The biases' paths: each bias feeds every neuron of its layer, so its gradient is the sum
    of their deltas (one delta for a bias of its own).

    Args:
        step: A trace.

    Returns:
        The HTML of the drawing.

    Introduced in [Bias updates][bias-updates].
    """
    names = step.network.names
    biases = {name: (f"∂E/∂{symbol(name)}", number(step.grad(name))) for name in names.biases}
    notes = Notes(
        "The biases' paths: each bias reaches the error through every neuron it feeds",
        neurons=_deltas(step),
        biases=biases,
        path=frozenset({*names.biases, *(n for n, (l, _) in names.neurons.items() if l >= 0)}),
        backward=True,
    )
    return draw(step.network, notes)


def shortcut_svg(step: Trace) -> str:
    r"""The output deltas of a cross-entropy network: $\delta_o = out_o - target_o$.

    Args:
        step: A trace of a network whose loss is the cross-entropy.

    Returns:
        The HTML of the drawing.

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    last = len(step.layers) - 1
    outputs = step.network.names.neuron_names(last)
    neurons = {
        o: (f"δ_{{{o}}}", f"= out_{{{o}}} − target_{{{o}}}", f"= {number(step.delta(o))}")
        for o in outputs
    }
    notes = Notes(
        "With the cross-entropy, each output's delta is its output minus its target",
        neurons=neurons,
        errors=_targets(step),
        path=frozenset({*outputs, *(f"E_{o}" for o in outputs), "E_total"}),
        backward=True,
    )
    return draw(step.network, notes)
