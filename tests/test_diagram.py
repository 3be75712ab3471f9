"""The drawings of the network: every label readable, no edge through a label, every edge from
node to node, every label on its own edge and clear of the others, the numbers those of the trace.

Each drawing is parsed back from its SVG: boxes (labels, notes, error boxes, neurons) and lines
(edges, keyed by their two ends), in the wide and in the narrow layout.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace

import pytest

from backprop_steps import MAZUR, NEURALBLOG, Layer, trace
from backprop_steps.display import number
from backprop_steps.render import diagram
from backprop_steps.scalar import Trace

SVG = "{http://www.w3.org/2000/svg}"
PHONE_COLUMN = 358  # CSS px of the text column at 390 px
LAPTOP_COLUMN = 690  # at 1280 px
SMALLEST = 11  # CSS px
ON = 2  # px: how far an edge's end may be from the outline of its node
CLEAR = 12  # px: the least distance from a label on an edge to any other edge


def steps() -> dict[str, Trace]:
    hidden, output = MAZUR.network.layers
    softmax = Layer(output.weights, output.biases, "softmax")
    return {
        "mazur": trace(MAZUR.network, *MAZUR.example),
        "neuralblog": trace(NEURALBLOG.network, *NEURALBLOG.example),
        "cross-entropy": trace(replace(MAZUR.network, loss="cross_entropy"), *MAZUR.example),
        "softmax": trace(
            replace(MAZUR.network, loss="cross_entropy", layers=(hidden, softmax)), *MAZUR.example
        ),
    }


DRAWINGS: dict[str, Callable[[Trace], str]] = {
    "forward": lambda step: diagram.network_svg(step.network, step),
    "network": lambda step: diagram.network_svg(step.network),
    "chain": diagram.chain_svg,  # squared error only: softmax has no slope of its own
    "paths": diagram.paths_svg,
    "backward": diagram.backward_svg,
    "bias": diagram.bias_svg,
    "shortcut": diagram.shortcut_svg,
}

Box = tuple[float, float, float, float]


def parsed(html: str) -> dict[str, ET.Element]:
    root = ET.fromstring(html)
    return {svg.get("class", "").split("--")[-1]: svg for svg in root.iter(f"{SVG}svg")}


def boxes(svg: ET.Element) -> list[tuple[str, Box]]:
    found = []
    for rect in svg.iter(f"{SVG}rect"):
        x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
        w, h = float(rect.get("width", 0)), float(rect.get("height", 0))
        found.append((rect.get("data-box", ""), (x, y, x + w, y + h)))
    for circle in svg.iter(f"{SVG}circle"):
        cx, cy, r = (float(circle.get(a, 0)) for a in ("cx", "cy", "r"))
        found.append((circle.get("data-box", ""), (cx - r, cy - r, cx + r, cy + r)))
    return found


def crosses(line: tuple[float, float, float, float], box: Box, margin: float = 1.5) -> bool:
    """Whether a segment passes through the inside of a box (Liang-Barsky clipping)."""
    x0, y0, x1, y1 = line
    left, top, right, bottom = box[0] + margin, box[1] + margin, box[2] - margin, box[3] - margin
    low, high = 0.0, 1.0
    for p, q in (
        (x0 - x1, x0 - left),
        (x1 - x0, right - x0),
        (y0 - y1, y0 - top),
        (y1 - y0, bottom - y0),
    ):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            low = max(low, q / p)
        else:
            high = min(high, q / p)
    return low < high


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


Point = tuple[float, float]
Segment = tuple[float, float, float, float]


def edges(svg: ET.Element) -> list[tuple[str, Segment]]:
    """Each line with its key, `"h1 o1"`: the names of the nodes it starts and ends at."""
    found = []
    for line in svg.iter(f"{SVG}line"):
        x0, y0, x1, y1 = (float(line.get(a, 0)) for a in ("x1", "y1", "x2", "y2"))
        found.append((line.get("data-edge", ""), (x0, y0, x1, y1)))
    return found


def outlines(svg: ET.Element) -> dict[str, list[Callable[[Point], float]]]:
    """For each node, how far a point is from its outline: a neuron's circle, and the framed
    boxes named after it (a bias, an error, the total, a neuron's card); not unframed notes."""
    found: dict[str, list[Callable[[Point], float]]] = {}
    for circle in svg.iter(f"{SVG}circle"):
        cx, cy, r = (float(circle.get(a, 0)) for a in ("cx", "cy", "r"))
        found.setdefault(circle.get("data-box", ""), []).append(
            lambda p, c=(cx, cy), r=r: abs(math.dist(p, c) - r)
        )
    for name, box in boxes(svg):
        framed = any(
            rect.get("data-box") == name and rect.get("stroke") != "none"
            for rect in svg.iter(f"{SVG}rect")
        )
        if framed and " " not in name:
            found.setdefault(name, []).append(lambda p, b=box: to_outline(p, b))
    return found


def to_outline(p: Point, box: Box) -> float:
    """How far a point is from the outline of a box, inside or out."""
    dx = max(box[0] - p[0], 0.0, p[0] - box[2])
    dy = max(box[1] - p[1], 0.0, p[1] - box[3])
    if dx or dy:
        return math.hypot(dx, dy)
    return min(p[0] - box[0], box[2] - p[0], p[1] - box[1], box[3] - p[1])


def to_segment(p: Point, segment: Segment) -> float:
    x0, y0, x1, y1 = segment
    dx, dy = x1 - x0, y1 - y0
    t = max(0.0, min(1.0, ((p[0] - x0) * dx + (p[1] - y0) * dy) / (dx * dx + dy * dy or 1e-12)))
    return math.dist(p, (x0 + t * dx, y0 + t * dy))


def box_to_segment(box: Box, segment: Segment) -> float:
    """The distance between a box and a segment, 0 if the segment enters the box."""
    if crosses(segment, box, margin=0):
        return 0.0
    corners = [(box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])]
    ends = [(segment[0], segment[1]), (segment[2], segment[3])]
    return min(
        *(to_segment(corner, segment) for corner in corners),
        *(to_outline(end, box) for end in ends),
    )


SQUARED = ("forward", "network", "chain", "paths", "backward", "bias")
CASES = [
    *((example, name) for example in ("mazur", "neuralblog") for name in SQUARED),
    *(
        (example, name)
        for example in ("cross-entropy", "softmax")
        for name in ("backward", "shortcut")
    ),
]


@pytest.fixture(scope="module")
def traces() -> dict[str, Trace]:
    return steps()


@pytest.mark.parametrize(("example", "drawing"), CASES)
def test_no_edge_runs_through_a_label_and_no_labels_overlap(
    traces: dict[str, Trace], example: str, drawing: str
) -> None:
    for variant, svg in parsed(DRAWINGS[drawing](traces[example])).items():
        found = boxes(svg)
        for i, (a, box_a) in enumerate(found):
            for b, box_b in found[i + 1 :]:
                assert not overlap(box_a, box_b), f"{variant}: {a!r} overlaps {b!r}"
        for line in svg.iter(f"{SVG}line"):
            key = line.get("data-edge", "")
            ends = set(key.split())
            segment = tuple(float(line.get(a, 0)) for a in ("x1", "y1", "x2", "y2"))
            for name, box in found:
                if name != key and name not in ends:
                    assert not crosses(segment, box), f"{variant}: edge {key!r} through {name!r}"


@pytest.mark.parametrize(("example", "drawing"), CASES)
def test_every_edge_ends_on_the_outline_of_its_two_nodes(
    traces: dict[str, Trace], example: str, drawing: str
) -> None:
    for variant, svg in parsed(DRAWINGS[drawing](traces[example])).items():
        nodes = outlines(svg)
        for key, (x0, y0, x1, y1) in edges(svg):
            start, end = key.split()
            for name, point in ((start, (x0, y0)), (end, (x1, y1))):
                off = min(distance(point) for distance in nodes[name])
                assert off <= ON, f"{variant}: edge {key!r} ends {off:.1f} px off {name!r}"


@pytest.mark.parametrize(("example", "drawing"), CASES)
def test_every_label_sits_on_its_own_edge_clear_of_every_other(
    traces: dict[str, Trace], example: str, drawing: str
) -> None:
    for variant, svg in parsed(DRAWINGS[drawing](traces[example])).items():
        lines = edges(svg)
        keys = {key for key, _ in lines}
        for name, box in boxes(svg):
            if name not in keys:  # not a label on an edge
                continue
            centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            own = min(to_segment(centre, segment) for key, segment in lines if key == name)
            assert own <= 1, f"{variant}: the label of {name!r} is {own:.1f} px off its edge"
            for key, segment in lines:
                if key != name:
                    gap = box_to_segment(box, segment)
                    assert gap >= CLEAR, f"{variant}: label {name!r} {gap:.1f} px from {key!r}"


@pytest.mark.parametrize(("example", "drawing"), CASES)
def test_every_label_is_at_least_11_px_on_a_phone_and_a_laptop(
    traces: dict[str, Trace], example: str, drawing: str
) -> None:
    drawings = parsed(DRAWINGS[drawing](traces[example]))
    for variant, column in (("wide", LAPTOP_COLUMN), ("narrow", PHONE_COLUMN)):
        svg = drawings[variant]
        width = float(svg.get("viewBox", "0 0 1 1").split()[2])
        scale = min(1.0, column / width)
        sizes = [float(t.get("font-size", 0)) for t in svg.iter() if t.get("font-size")]
        assert min(sizes) * scale >= SMALLEST, f"{variant}: {min(sizes) * scale:.1f} px"


def test_the_chain_of_w5_carries_the_three_factors_and_the_paths_of_w1_their_sum(
    traces: dict[str, Trace],
) -> None:
    step = traces["mazur"]
    chain = re.sub(r"<[^>]+>", "", diagram.chain_svg(step, "w5"))
    for factor in (step.out("h1"), step.activation_derivative("o1"), step.error_derivative("o1")):
        assert number(factor) in chain
    paths = re.sub(r"<[^>]+>", "", diagram.paths_svg(step, "w1"))
    for value in (
        step.contribution("o1", "h1"),
        step.contribution("o2", "h1"),
        step.error_derivative("h1"),
        step.grad("w1"),
    ):
        assert number(value) in paths
    backward = re.sub(r"<[^>]+>", "", diagram.backward_svg(step))
    names = step.network.names
    for name in (*names.weights, *names.biases):
        assert number(step.grad(name)) in backward
