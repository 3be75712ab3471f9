r"""Where the pieces of a network drawing go, in the wide layout and in the narrow one.

From the [`Notes`][backprop_steps.render.diagram.Notes] written on a network, `Place` works out
the centre of every neuron, the box of its notes, where its edges start and end, and where the
error boxes, the biases and the label of each edge sit. Sizes of text come from `canvas`; nothing
here writes SVG.

Introduced in [The network][network].
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from backprop_steps.network import Network
from backprop_steps.render.canvas import LINE, RADIUS, Box, Lines, Point, size
from backprop_steps.render.latex import symbol

__all__ = ["Edge", "Notes", "Place", "between", "short_of"]

Edge = tuple[str, Point, Point]
"""An edge: its key (the names of its two ends, `"h1 o1"`), where it starts and where it ends."""

_SPACE = 4  # the least room between a label on an edge and any other box
_CLEAR = 40  # a label this far from every other edge is clear enough: it keeps to the middle
_NEXT = 10  # labels may come this much closer to each other than to an edge
# The widest narrow drawing, margins aside, whose subscripts stay 11 px on a 390 px phone.
_PHONE = 395
_LEAN = 30  # how far a shared bias may lean back from between its neurons (wide layout)
_LEAN_CLEAR = 12  # how far a leaning bias's box keeps from every weight's edge


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


@dataclass(frozen=True)
class Place:
    """Where things go in one of the two layouts.

    In the wide layout a neuron's notes are written above or below it, clear of its edges, which
    come in and go out sideways. In the narrow layout its edges come from above and go below, so
    the notes are a card joined to the circle, on the side where the edges carry no arrowhead,
    and those edges start (or end) at the card: every edge ends at its neuron in both layouts.
    """

    narrow: bool
    """The narrow layout (layers from top to bottom) or the wide one (from left to right)."""
    network: Network
    """The network drawn."""
    notes: Notes
    """What is written on it."""

    # --- what each box says -------------------------------------------------------------------

    def weight_lines(self, name: str) -> Lines:
        """The label on a weight's edge: its note, or its name."""
        return self.notes.weights.get(name, (symbol(name),))

    def bias_lines(self, name: str) -> Lines:
        """The lines of a bias's box: its note, or its name."""
        return (self.notes.biases or {}).get(name, (symbol(name),))

    def note_lines(self, name: str) -> Lines:
        """A neuron's notes; on a card of the narrow layout, `δ_{h1} = 0.008771355` is two lines
        (`δ_{h1} =` and the number), so that a card is no wider than a number.
        """
        lines = self.notes.neurons.get(name, ())
        if not self.narrow:
            return lines
        return tuple(part for line in lines for part in re.split(r"(?<= =) ", line))

    def error_lines(self, output: str) -> Lines:
        """The lines of an output's error box: its note, or $E_o$."""
        return (self.notes.errors or {}).get(output, (f"E_{{{output}}}",))

    # --- spacing ------------------------------------------------------------------------------

    @property
    def _outputs(self) -> tuple[str, ...]:
        """The names of the output neurons."""
        return self.network.names.neuron_names(len(self.network.layers) - 1)

    def _crossing(self, name: str) -> bool:
        """Whether a weight's edge runs slanted, between neurons at different places in their
        layers (it may cross others), rather than straight across.
        """
        l, j, k = self.network.names.weight(name)
        sizes = self.network.sizes
        return (sizes[l] - sizes[l + 1]) / 2 + j - k != 0

    def _widest(self, crossing: bool) -> tuple[float, float]:
        """The widest and the tallest label on a straight (or a crossing) edge."""
        weights = [n for n in self.network.names.weights if self._crossing(n) == crossing]
        sizes = [size(self.weight_lines(n)) for n in weights] or [(0.0, 0.0)]
        return max(w for w, _ in sizes), max(h for _, h in sizes)

    @cached_property
    def _tallest_note(self) -> float:
        """The height of the tallest block of notes next to a neuron (0 without notes)."""
        return max((size(self.note_lines(name))[1] for name in self.notes.neurons), default=0.0)

    @cached_property
    def column(self) -> float:
        """Distance between two layers along the layer axis: room for the labels on the edges.

        In the wide layout a straight edge's label sits between two circles, and a crossing
        edge's label beside a circle, clear of the edge crossing its own further on.
        """
        straight, crossing = self._widest(False), self._widest(True)
        if not self.narrow:
            return max(175, straight[0] + 2 * RADIUS + 30, 1.5 * crossing[0] + 45)
        width, height = max(straight[0], crossing[0]), max(straight[1], crossing[1])
        nearest = (width / 2 + 8) / self.row  # a crossing edge's label, clear of a straight one
        return 2 * RADIUS + self._tallest_note + max(220, (height + 8) / (0.5 - nearest))

    @cached_property
    def row(self) -> float:
        """Distance between two neurons of a layer: room for the labels on crossing edges."""
        crossing = self._widest(True)
        if not self.narrow:
            return max(250, 6 * (crossing[1] + 10))
        outer = [size(self.note_lines(n))[0] for n in self.notes.neurons]
        if self.notes.errors is not None:
            outer += [size(self.error_lines(o))[0] for o in self._outputs]
        outer.append(self._widest(False)[0])
        return max(220, min(1.5 * crossing[0] + 90, _PHONE - max(outer)))

    def _room(self) -> float:
        """Room for notes above the top neurons of the wide layout."""
        return RADIUS + 14 + max((len(v) for v in self.notes.neurons.values()), default=0) * LINE

    def xy(self, a: float, b: float) -> Point:
        """A point given along the layer axis (`a`) and the neuron axis (`b`)."""
        return (b, a) if self.narrow else (a, b)

    def neuron(self, layer: int, j: int) -> Point:
        """The centre of neuron `j` of a layer (-1 for the inputs)."""
        sizes = self.network.sizes
        tallest = max(sizes)
        b = (tallest - sizes[layer + 1]) * self.row / 2 + j * self.row
        if self.narrow:
            a = 40 + RADIUS + (layer + 1) * self.column
            return self.xy(a, b + 80)
        return self.xy(70 + (layer + 1) * self.column, b + 30 + self._room())

    # --- neurons and their notes --------------------------------------------------------------

    def _above(self, layer: int, j: int) -> bool:
        """Notes go on the side of a neuron where its edges carry no arrowhead: in the wide
        layout above the first neuron of a layer and below the others; in the narrow layout
        below the neuron in a forward drawing and above it in a backward one.
        """
        if self.narrow:
            return self.notes.backward
        return j == 0 and self.network.sizes[layer + 1] > 1

    def _card_height(self, layer: int) -> float:
        """In the narrow layout, the height of every card of a layer: the tallest of them."""
        names = self.network.names.neuron_names(layer)
        return max(size(self.note_lines(n))[1] for n in names if n in self.notes.neurons)

    def notes_box(self, layer: int, j: int) -> Box | None:
        """The box of a neuron's notes, `None` without notes. In the narrow layout it is a card
        touching the circle, as tall as the other cards of the layer.
        """
        name = self.network.names.neuron_names(layer)[j]
        if name not in self.notes.neurons:
            return None
        x, y = self.neuron(layer, j)
        w, h = size(self.note_lines(name))
        gap = 0 if self.narrow else 6
        if self.narrow:
            h = self._card_height(layer)
        top = y - RADIUS - gap - h if self._above(layer, j) else y + RADIUS + gap
        return (x - w / 2, top, x + w / 2, top + h)

    def _anchor(self, layer: int, j: int, out: bool) -> tuple[Point, bool]:
        """What a neuron's outgoing (`out`) or incoming edges aim at: the middle of the card's
        far side when the card is on that side (narrow layout), else the circle's centre; and
        whether it is the card.
        """
        x, y = self.neuron(layer, j)
        card = self.notes_box(layer, j) if self.narrow else None
        if card and self._above(layer, j) != out:
            return ((x, card[3]) if out else (x, card[1])), True
        return (x, y), False

    def exit(self, layer: int, j: int) -> Point:
        """Where an edge leaves a neuron for what lies straight ahead (an output's error box):
        the bottom of its circle or card (narrow layout), the right of its circle (wide).
        """
        (x, y), card = self._anchor(layer, j, out=True)
        if card:
            return x, y
        return (x, y + RADIUS) if self.narrow else (x + RADIUS, y)

    def _join(self, start: tuple[int, int], end: tuple[int, int]) -> tuple[Point, Point]:
        """An edge from neuron `start` to neuron `end` (each a layer and an index): from the edge
        of one circle (or card) to the edge of the other, aimed at the centres.
        """
        a, card_a = self._anchor(*start, out=True)
        b, card_b = self._anchor(*end, out=False)
        return (a if card_a else short_of(b, a, RADIUS)), (b if card_b else short_of(a, b, RADIUS))

    # --- errors and biases --------------------------------------------------------------------

    def error(self, j: int) -> Point:
        """The centre of output `j`'s error box: past the link's label, if any."""
        last = len(self.network.layers) - 1
        x, y = self.exit(last, j)
        notes = self.notes
        links = [size(lines) for lines in notes.links.values()]
        boxes = [size(lines) for lines in (notes.errors or {}).values()] or [(0.0, 0.0)]
        axis = 1 if self.narrow else 0
        gap = max((link[axis] for link in links), default=20) + 40
        gap += max(box[axis] for box in boxes) / 2
        return (x, y + gap) if self.narrow else (x + gap, y)

    def total(self) -> Point:
        """The centre of the box of the total error."""
        boxes = [self.error(j) for j in range(self.network.sizes[-1])]
        x = sum(b[0] for b in boxes) / len(boxes)
        y = sum(b[1] for b in boxes) / len(boxes)
        if not self.narrow:
            return x, y
        tallest = max(size(lines)[1] for lines in (self.notes.errors or {"": ("",)}).values())
        return x, boxes[0][1] + tallest / 2 + 70 + size(self.notes.total)[1] / 2

    def bias(self, layer: int, j: int | None) -> Point:
        """A bias box: between the first two neurons of its layer, or beside its neuron.

        In the wide layout a bias shared by a layer that feeds another leans back towards the
        layer before, as far as the edges coming in allow: the labels of the edges going out sit
        near their start, where the bias's edges would run.
        """
        width = self.network.sizes[layer + 1]
        first, last = self.neuron(layer, 0), self.neuron(layer, min(width - 1, 1))
        x, y = self.neuron(layer, j or 0)
        if j is None and width > 1:
            name = next(n for n, (l, _) in self.network.names.biases.items() if l == layer)
            x, y = (first[0] + last[0]) / 2, (first[1] + last[1]) / 2
            if self.narrow:
                return x, y + self._nudge(layer, name)
            if layer == len(self.network.layers) - 1:
                return x, y
            return x - self._lean(layer, name, (x, y)), y
        inward = 1 if (j or 0) == 0 else -1
        return (x + inward * 72, y) if self.narrow else (x, y + inward * 70)

    def _nudge(self, layer: int, name: str) -> float:
        """How far a shared bias's box moves off the line of its neurons (narrow layout), away
        from their cards, to keep clear of them.
        """
        names = self.network.names.neuron_names(layer)
        if not any(n in self.notes.neurons for n in names):
            return 0
        nudge = max(0, size(self.bias_lines(name))[1] / 2 + 2 * _SPACE - RADIUS)
        return nudge if self.notes.backward else -nudge

    def _lean(self, layer: int, name: str, at: Point) -> float:
        """How far a shared bias's box at `at` can move back while clear of every weight's edge."""
        lines = self.bias_lines(name)
        edges = [self.weight_edge(w)[1:] for w in self.network.names.weights]
        for lean in range(_LEAN, 0, -2):
            box = _box((at[0] - lean, at[1]), lines)
            if all(_gap(a, b, box) >= _LEAN_CLEAR for a, b in edges):
                return lean
        return 0

    # --- edges --------------------------------------------------------------------------------

    def weight_edge(self, name: str) -> Edge:
        """A weight's edge, from the neuron it leaves to the one it enters."""
        names = self.network.names
        l, j, k = names.weight(name)
        key = f"{names.neuron_names(l - 1)[k]} {names.neuron_names(l)[j]}"
        return key, *self._join((l - 1, k), (l, j))

    def bias_edges(self, name: str) -> list[Edge]:
        """A bias's dashed edges, from its box to each neuron it feeds."""
        names = self.network.names
        l, jb = names.biases[name]
        at = self.bias(l, jb)
        width, height = size(self.bias_lines(name))
        edges = []
        for j in range(self.network.sizes[l + 1]) if jb is None else (jb,):
            to = self.neuron(l, j)
            dx, dy = abs(to[0] - at[0]) or 1e-9, abs(to[1] - at[1]) or 1e-9
            start = short_of(to, at, min(width / 2 / dx, height / 2 / dy) * math.dist(at, to))
            edges.append((f"{name} {names.neuron_names(l)[j]}", start, short_of(at, to, RADIUS)))
        return edges

    def error_edges(self, j: int) -> tuple[Edge, Edge]:
        """From output `j` to its error box, and from that box to the total's."""
        last = len(self.network.layers) - 1
        name = self.network.names.neuron_names(last)[j]
        key, box, (width, height) = f"E_{name}", self.error(j), size(self.error_lines(name))
        total, (total_width, total_height) = self.total(), size(self.notes.total)
        end = (box[0], box[1] - height / 2) if self.narrow else (box[0] - width / 2, box[1])
        below = 1 if self.narrow or box[1] < total[1] else -1
        if self.narrow:  # into the top of the total's box, a little towards the error's side
            aside = max(-1.0, min(1.0, (box[0] - total[0]) / total_width))
            into = (total[0] + aside * (total_width / 2 - 8), total[1] - total_height / 2)
        else:
            into = (total[0], total[1] - below * total_height / 2)
        return (
            (f"{name} {key}", self.exit(last, j), end),
            (f"{key} E_total", (box[0], box[1] + below * height / 2), into),
        )

    @cached_property
    def edges(self) -> list[Edge]:
        """Every edge of the drawing."""
        found = [self.weight_edge(name) for name in self.network.names.weights]
        if self.notes.biases is not None:
            found += [edge for name in self.network.names.biases for edge in self.bias_edges(name)]
        if self.notes.errors is not None:
            found += [edge for j in range(self.network.sizes[-1]) for edge in self.error_edges(j)]
        return found

    # --- labels on edges ----------------------------------------------------------------------

    def link(self, j: int) -> Point:
        """The centre of the label on the edge from output `j` to its error box."""
        _, start, end = self.error_edges(j)[0]
        return between(start, end, 0.5)

    @cached_property
    def _fixed(self) -> list[Box]:
        """The boxes a weight's label must keep clear of: neurons, notes, biases, errors."""
        network, notes = self.network, self.notes
        found: list[Box] = []
        for l in range(-1, len(network.layers)):
            for j in range(network.sizes[l + 1]):
                x, y = self.neuron(l, j)
                found.append((x - RADIUS, y - RADIUS, x + RADIUS, y + RADIUS))
                card = self.notes_box(l, j)
                found += [card] if card else []
        if notes.biases is not None:
            for name, (l, jb) in network.names.biases.items():
                found.append(_box(self.bias(l, jb), self.bias_lines(name)))
        if notes.errors is not None:
            outputs = network.names.neuron_names(len(network.layers) - 1)
            for j, name in enumerate(outputs):
                found.append(_box(self.error(j), self.error_lines(name)))
                if name in notes.links:
                    found.append(_box(self.link(j), notes.links[name]))
            found.append(_box(self.total(), notes.total))
        return found

    @cached_property
    def labels(self) -> dict[str, Point]:
        """The centre of each weight's label: mid-way along its edge when that is clear of the
        other edges, else where along it the label is furthest from every other edge (near an
        end, away from where edges cross), then from the labels placed before it. A straight
        edge's label is placed first; no label covers another or a box.
        """
        names = list(self.network.names.weights)
        straight = [n for n in names if not self._crossing(n)]
        taken, placed, boxes = list(self._fixed), {}, list[Box]()
        for name in straight + [n for n in names if n not in straight]:
            key, start, end = self.weight_edge(name)
            others = [(a, b) for k, a, b in self.edges if k != key]
            lines = self.weight_lines(name)
            best, score = between(start, end, 0.5), (-1.0, 0)
            for i in range(10, 91, 2):
                at = between(start, end, i / 100)
                box = _box(at, lines)
                if any(_overlap(box, other, _SPACE) for other in taken):
                    continue
                apart = min([_apart(box, other) + _NEXT for other in boxes] + [_CLEAR])
                clear = min(_clearance(box, others, score[0]), apart)
                if (clear, -abs(i - 50)) > score:
                    best, score = at, (clear, -abs(i - 50))
            placed[name] = best
            boxes.append(_box(best, lines))
            taken.append(boxes[-1])
        return placed


def _box(centre: Point, lines: Lines) -> Box:
    (x, y), (w, h) = centre, size(lines)
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def _overlap(a: Box, b: Box, space: float) -> bool:
    """Whether two boxes come closer than `space`."""
    return (
        a[0] < b[2] + space and b[0] < a[2] + space and a[1] < b[3] + space and b[1] < a[3] + space
    )


def _apart(a: Box, b: Box) -> float:
    """The distance between two boxes."""
    return math.hypot(max(a[0] - b[2], b[0] - a[2], 0.0), max(a[1] - b[3], b[1] - a[3], 0.0))


def _clearance(box: Box, segments: list[tuple[Point, Point]], least: float) -> float:
    """The distance from a box to the nearest segment, up to `_CLEAR`; once it is under `least`,
    only that it is.
    """
    clear = float(_CLEAR)
    for start, end in segments:
        dx = max(box[0] - max(start[0], end[0]), 0.0, min(start[0], end[0]) - box[2])
        dy = max(box[1] - max(start[1], end[1]), 0.0, min(start[1], end[1]) - box[3])
        if dx >= clear or dy >= clear:  # too far for the exact distance to matter
            continue
        clear = min(clear, _gap(start, end, box))
        if clear < least:
            break
    return clear


def _gap(start: Point, end: Point, box: Box) -> float:
    """The distance between a segment and a box: 0 if the segment enters the box."""
    left, top, right, bottom = box
    low, high = 0.0, 1.0  # the part of the segment inside the box (Liang-Barsky)
    (x0, y0), (x1, y1) = start, end
    for p, q in (
        (x0 - x1, x0 - left),
        (x1 - x0, right - x0),
        (y0 - y1, y0 - top),
        (y1 - y0, bottom - y0),
    ):
        if p == 0:
            if q < 0:
                low, high = 1.0, 0.0
        elif p < 0:
            low = max(low, q / p)
        else:
            high = min(high, q / p)
    if low <= high:
        return 0.0
    corners = ((left, top), (right, top), (left, bottom), (right, bottom))
    return min(
        *(_outside(point, box) for point in (start, end)),
        *(_to_segment(corner, start, end) for corner in corners),
    )


def _outside(point: Point, box: Box) -> float:
    """The distance from a point outside a box to the box."""
    dx = max(box[0] - point[0], 0.0, point[0] - box[2])
    dy = max(box[1] - point[1], 0.0, point[1] - box[3])
    return math.hypot(dx, dy)


def _to_segment(point: Point, start: Point, end: Point) -> float:
    """The distance from a point to a segment."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = dx * dx + dy * dy or 1e-12
    t = max(0.0, min(1.0, ((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / length))
    return math.dist(point, (start[0] + t * dx, start[1] + t * dy))


def between(start: Point, end: Point, at: float) -> Point:
    """The point a fraction `at` of the way from `start` to `end`."""
    return start[0] + (end[0] - start[0]) * at, start[1] + (end[1] - start[1]) * at


def short_of(start: Point, end: Point, gap: float) -> Point:
    """The point `gap` before `end` on the way from `start`."""
    length = math.dist(start, end) or 1
    return end[0] - (end[0] - start[0]) * gap / length, end[1] - (end[1] - start[1]) * gap / length
