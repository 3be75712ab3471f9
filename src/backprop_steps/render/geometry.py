r"""Where the pieces of a network drawing go, in the wide layout and in the narrow one.

From the [`Notes`][backprop_steps.render.diagram.Notes] written on a network, `Place` works out
the centre of every neuron, the box of its notes, where its edges start and end, and where the
error boxes, the biases and the label of each edge sit. Sizes of text come from `canvas`; nothing
here writes SVG.

Introduced in [The network][network].
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from backprop_steps.network import Network
from backprop_steps.render.canvas import LINE, RADIUS, Box, Lines, Point, size

__all__ = ["Notes", "Place", "between", "short_of"]


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
    """Where things go in one of the two layouts."""

    narrow: bool
    network: Network
    notes: Notes

    @cached_property
    def _labels(self) -> tuple[float, float]:
        """The widest and the tallest label on a weight's edge."""
        sizes = [size(lines) for lines in self.notes.weights.values()] or [size(("w_{1}",))]
        return max(w for w, _ in sizes), max(h for _, h in sizes)

    @cached_property
    def column(self) -> float:
        """Distance between two layers along the layer axis: room for the labels on the edges."""
        width, height = self._labels
        if not self.narrow:
            return max(175, width + 2 * RADIUS + 30)
        tallest = max((len(v) for v in self.notes.neurons.values()), default=0)
        nearest = (width / 2 + 8) / self.row  # where `along` puts a crossing edge's label
        return 2 * RADIUS + tallest * LINE + max(220, (height + 8) / (0.5 - nearest))

    @cached_property
    def row(self) -> float:
        """Distance between two neurons of a layer: room for the labels on crossing edges."""
        height = self._labels[1]
        return 220 if self.narrow else max(250, 4 * (height + 10))

    def _room(self, side: int) -> float:
        """Room for notes above the top neurons (`side` -1) or below the bottom ones (+1)."""
        tallest = max((len(v) for v in self.notes.neurons.values()), default=0)
        return RADIUS + 14 + tallest * LINE

    def xy(self, a: float, b: float) -> tuple[float, float]:
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
        return self.xy(70 + (layer + 1) * self.column, b + 30 + self._room(-1))

    def notes_box(self, layer: int, j: int, lines: Lines) -> Box:
        """Notes go on the side of a neuron where its edges carry no arrowhead: in the wide
        layout above the first neuron of a layer and below the others; in the narrow layout
        below the neuron in a forward drawing and above it in a backward one.
        """
        x, y = self.neuron(layer, j)
        w, h = size(lines)
        above = self.notes.backward if self.narrow else j == 0 and self.network.sizes[layer + 1] > 1
        top = y - RADIUS - 6 - h if above else y + RADIUS + 6
        return (x - w / 2, top, x + w / 2, top + h)

    def _level(self, layer: int, side: int) -> float:
        """In the narrow layout, the edge of a layer's notes on one side (-1 top, +1 bottom):
        every edge between two layers then has the same slope.
        """
        level = self.neuron(layer, 0)[1] + side * RADIUS
        for k, name in enumerate(self.network.names.neuron_names(layer)):
            lines = self.notes.neurons.get(name, ())
            if lines:
                box = self.notes_box(layer, k, lines)
                level = min(level, box[1] - 4) if side < 0 else max(level, box[3] + 4)
        return level

    def exit(self, layer: int, j: int) -> Point:
        """Where a neuron's outgoing edges start."""
        x, y = self.neuron(layer, j)
        return (x, self._level(layer, 1)) if self.narrow else (x + RADIUS, y)

    def entry(self, layer: int, j: int) -> Point:
        """Where a neuron's incoming edges end."""
        x, y = self.neuron(layer, j)
        return (x, self._level(layer, -1)) if self.narrow else (x - RADIUS, y)

    def error(self, j: int) -> tuple[float, float]:
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
        near = (size(lines)[0] / 2 + 8) / abs(end[0] - start[0])
        return near if start[0] < end[0] else 1 - near  # two crossing labels one above the other


def between(start: Point, end: Point, at: float) -> Point:
    """The point a fraction `at` of the way from `start` to `end`."""
    return start[0] + (end[0] - start[0]) * at, start[1] + (end[1] - start[1]) * at


def short_of(start: Point, end: Point, gap: float) -> Point:
    """The point `gap` before `end` on the way from `start`."""
    length = math.dist(start, end) or 1
    return end[0] - (end[0] - start[0]) * gap / length, end[1] - (end[1] - start[1]) * gap / length
