"""An SVG drawing of a network: neurons, biases, and every weight by name and value.

Plain SVG text, no graphviz or other programs. Colours are the page's own (`currentColor` and
Material's colour variables), so the drawing reads in the light and the dark palette alike.

Introduced in [The network][network].
"""

from __future__ import annotations

from html import escape

from backprop_steps.display import number
from backprop_steps.network import Network
from backprop_steps.scalar import Trace

__all__ = ["network_svg"]

_COLUMN = 330  # distance between layers
_ROW = 150  # distance between neurons of a layer
_RADIUS = 30
_MARGIN = 70


def _label(x: float, y: float, text: str, size: int = 14, weight: str = "normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" '
        f'text-anchor="middle" dominant-baseline="central" fill="currentColor" '
        f'stroke="var(--md-default-bg-color, #fff)" stroke-width="4" paint-order="stroke">'
        f"{escape(text)}</text>"
    )


def _boxed(x: float, y: float, text: str) -> str:
    width = 7.2 * len(text) + 10
    return (
        f'<rect x="{x - width / 2:.1f}" y="{y - 10:.1f}" width="{width:.1f}" height="20" rx="4" '
        f'fill="var(--md-default-bg-color, #fff)" stroke="var(--md-accent-fg-color, #526cfe)" '
        f'stroke-width="1"/>' + _label(x, y, text, 13)
    )


def network_svg(network: Network, step: Trace | None = None, title: str = "") -> str:
    """Draw a network; with a trace, write each neuron's net input and output under it.

    Args:
        network: The network (its naming labels the neurons and weights).
        step: A trace of that network, for the values of the forward pass.
        title: The accessible name of the drawing (read by screen readers).

    Returns:
        An `<svg>` element, to put in a page as raw HTML.

    Introduced in [The network][network].
    """
    names = network.names
    sizes = network.sizes
    tallest = max(sizes)
    height = 2 * _MARGIN + (tallest - 1) * _ROW + 90
    width = 2 * _MARGIN + (len(sizes) - 1) * _COLUMN + 60
    top = _MARGIN + 70

    def position(layer: int, j: int) -> tuple[float, float]:
        offset = (tallest - sizes[layer + 1]) * _ROW / 2
        return _MARGIN + 30 + (layer + 1) * _COLUMN, top + offset + j * _ROW

    edges, labels, nodes = [], [], []
    for l, layer in enumerate(network.layers):
        bias_x = position(l - 1, 0)[0] + _COLUMN * 0.45
        bias_y = _MARGIN - 20
        for j in range(layer.width):
            x1, y1 = position(l, j)
            for k in range(layer.fan_in):
                x0, y0 = position(l - 1, k)
                edges.append(
                    f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" '
                    f'stroke="currentColor" stroke-opacity="0.55" stroke-width="1.5"/>'
                )
                at = 0.36 if y0 == y1 else 0.3
                lx, ly = x0 + (x1 - x0) * at, y0 + (y1 - y0) * at
                name = names.weight_name(l, j, k)
                labels.append(_boxed(lx, ly, f"{name} = {number(layer.weights[j][k], given=True)}"))
            edges.append(
                f'<line x1="{bias_x:.1f}" y1="{bias_y:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" '
                f'stroke="currentColor" stroke-opacity="0.3" stroke-dasharray="4 4"/>'
            )
        for name, (bl, jb) in names.biases.items():
            if bl != l:
                continue
            bx = bias_x + (0 if jb is None else (jb - (layer.width - 1) / 2) * 70)
            value = layer.bias(jb or 0)
            nodes.append(
                f'<rect x="{bx - 45:.1f}" y="{bias_y - 16:.1f}" width="90" height="32" rx="6" '
                f'fill="var(--md-default-bg-color, #fff)" stroke="currentColor"/>'
                + _label(bx, bias_y, f"{name} = {number(value, given=True)}", 13)
            )
    for l in range(-1, len(network.layers)):
        for j, name in enumerate(names.neuron_names(l)):
            x, y = position(l, j)
            fill = "var(--md-primary-fg-color, #4051b5)" if l >= 0 else "none"
            nodes.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{_RADIUS}" fill="{fill}" '
                f'fill-opacity="0.12" stroke="currentColor" stroke-width="2"/>'
                + _label(x, y, name, 16, "bold")
            )
            if step is None:
                continue
            if l < 0:
                nodes.append(_label(x, y + _RADIUS + 16, number(step.inputs[j], given=True), 13))
            else:
                values = step.layers[l]
                nodes.append(_label(x, y + _RADIUS + 16, f"net {number(values.net[j])}", 12))
                nodes.append(_label(x, y + _RADIUS + 32, f"out {number(values.out[j])}", 12))
    label = title or "A diagram of the network with its weights"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width: {width}px; color: var(--md-default-fg-color, #000); '
        f'font-family: var(--md-text-font-family, sans-serif)" role="img" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>'
        + "".join(edges + nodes + labels)
        + "</svg>"
    )
