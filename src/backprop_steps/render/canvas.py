r"""The painting end of the network drawings: how big a label is, and the SVG of each piece.

[`diagram`][backprop_steps.render.diagram] decides what a drawing says, `geometry` where each
piece goes; this module knows the sizes of text and turns edges, labels and neurons into SVG,
in painting order: edges, then the labels over them, then the neurons. It computes nothing.

Label text may hold subscripts as `x_{o1}`.

Introduced in [The network][network].
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from html import escape

from backprop_steps.render.latex import symbol

__all__ = ["FONT", "LINE", "RADIUS", "Canvas", "size"]

FONT = 15
"""Font size of every label, in the drawing's units (a unit is a CSS pixel at full size)."""
LINE = 17
"""The distance between two lines of a label."""
RADIUS = 24
"""A neuron's radius, in the drawing's units."""
_SUB = 0.85  # a subscript's size, relative to FONT
_CHAR = 0.6  # width of a character, in font sizes (generous for digits and lower case)
_PAD = 5  # between a label's text and its box

_RUN = re.compile(r"([^_]*)(?:_\{([^}]*)\})?")  # plain text, then a subscript

Lines = tuple[str, ...]
Box = tuple[float, float, float, float]  # left, top, right, bottom
Point = tuple[float, float]

_ACCENT = "var(--md-accent-fg-color, #526cfe)"
_BACKGROUND = "var(--md-default-bg-color, #fff)"
_TINT = "var(--md-primary-fg-color, #4051b5)"


# --- text -------------------------------------------------------------------------------------


def _runs(line: str) -> Iterator[tuple[str, bool]]:
    """`x_{o1} y` as ("x", False), ("o1", True), (" y", False)."""
    for plain, sub in _RUN.findall(line):
        if plain:
            yield plain, False
        if sub:
            yield sub, True


def _width(line: str) -> float:
    return sum(len(text) * _CHAR * FONT * (_SUB if sub else 1) for text, sub in _runs(line))


@functools.lru_cache(maxsize=4096)
def size(lines: Lines) -> tuple[float, float]:
    """Width and height of a block of lines, padding included."""
    return max(map(_width, lines)) + 2 * _PAD, len(lines) * LINE + 2 * _PAD - 2


def _text(x: float, y: float, lines: Lines, bold: bool = False) -> str:
    """Lines centred on (x, y), subscripts as smaller, lowered runs."""
    out = []
    top = y - (len(lines) - 1) * LINE / 2
    for i, line in enumerate(lines):
        spans, shift = [], 0
        for text, sub in _runs(line):
            dy = (4 if sub else 0) - shift
            font = f' font-size="{FONT * _SUB:.1f}"' if sub else ""
            spans.append(f'<tspan dy="{dy}"{font}>{escape(text)}</tspan>')
            shift += dy
        weight = "bold" if bold else "normal"
        out.append(
            f'<text x="{x:.1f}" y="{top + i * LINE:.1f}" font-size="{FONT}" '
            f'font-weight="{weight}" text-anchor="middle" dominant-baseline="central" '
            f'fill="currentColor">{"".join(spans)}</text>'
        )
    return "".join(out)


# --- the pieces -------------------------------------------------------------------------------


class Canvas:
    """The pieces of a drawing, in painting order, and how far they reach."""

    def __init__(self) -> None:
        self.layers: dict[str, list[str]] = {"edges": [], "labels": [], "nodes": []}
        self.extent: Box = (math.inf, math.inf, -math.inf, -math.inf)

    def add(self, layer: str, svg: str, box: Box) -> None:
        """A piece of SVG on a layer (`edges`, `labels` or `nodes`), reaching over `box`."""
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
        head_size = 12 if lit else 9
        bx, by = tip[0] - ux * head_size, tip[1] - uy * head_size
        corners = (
            tip,
            (bx - uy * head_size / 2.4, by + ux * head_size / 2.4),
            (bx + uy * head_size / 2.4, by - ux * head_size / 2.4),
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
        (x, y), (w, h) = at, size(lines)
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

    def card(self, box: Box, lines: Lines, key: str, input_: bool, lit: bool) -> None:
        """A neuron's notes on a card in the neuron's own colours, painted with the neurons."""
        left, top, right, bottom = box
        fill = "none" if input_ else _TINT
        svg = (
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{right - left:.1f}" '
            f'height="{bottom - top:.1f}" rx="5" data-box="{escape(key)}" fill="{fill}" '
            f'fill-opacity="0.12" stroke="{_ACCENT if lit else "currentColor"}" '
            f'stroke-width="{2 if lit else 1.5}"/>'
            + _text((left + right) / 2, (top + bottom) / 2, lines, bold=lit)
        )
        self.add("nodes", svg, box)

    def neuron(self, at: Point, name: str, input_: bool, lit: bool) -> None:
        """A neuron's circle with its name; an input's circle is not filled."""
        x, y = at
        fill = "none" if input_ else _TINT
        svg = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS}" fill="{fill}" fill-opacity="0.12" '
            f'stroke="{_ACCENT if lit else "currentColor"}" stroke-width="{3 if lit else 2}" '
            f'data-box="{name}"/>' + _text(x, y, (symbol(name),), bold=True)
        )
        self.add("nodes", svg, (x - RADIUS, y - RADIUS, x + RADIUS, y + RADIUS))

    def svg(self, title: str, variant: str) -> str:
        """The drawing as an `<svg>` of class `bp-figure--<variant>`, just big enough."""
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
