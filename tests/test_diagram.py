"""The drawings of the backward pass: every label readable, no edge through a label, the numbers
those of the trace.

Each drawing is parsed back from its SVG: boxes (labels, notes, error boxes, neurons) and lines
(edges, keyed by their two ends), in the wide and in the narrow layout.
"""

from __future__ import annotations

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
