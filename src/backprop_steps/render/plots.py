"""Plots for the pages: matplotlib, drawn at build time, inlined as SVG.

matplotlib is imported only when a plot is drawn: it is the library's optional `plots` extra
(`pip install backprop-steps[plots]`), which the site's build installs. The SVG is reproducible: a fixed hash salt for its ids and no date in
its metadata, so two builds of the same commit are byte-identical. Each figure has its own white
background, so it reads the same in the light and the dark palette.

Introduced in [Training][training].
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["STYLE", "curves_svg", "figure_svg"]

STYLE: dict[Any, Any] = {
    "svg.hashsalt": "backprop-steps",
    "svg.fonttype": "none",
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
"""The matplotlib settings of every plot (the hash salt makes the SVG reproducible)."""


def figure_svg(fig: Figure, description: str) -> str:
    """The figure as an inline `<svg>` element in a `<figure>`, with an accessible name.

    Args:
        fig: The figure (closed afterwards).
        description: Its caption, also its accessible name.

    Returns:
        The HTML.

    Introduced in [Training][training].
    """
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    with plt.rc_context(STYLE):
        fig.savefig(
            buffer, format="svg", metadata={"Date": None}, bbox_inches="tight", facecolor="white"
        )
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    label = escape(description, quote=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return (
        f'<figure class="plot" style="background: white; padding: 0.5em; '
        f'border-radius: 0.3em">{svg}<figcaption style="color: #333">{escape(description)}'
        f"</figcaption></figure>"
    )


def curves_svg(
    series: Mapping[str, Sequence[float]],
    ylabel: str,
    description: str,
    log: bool = True,
    x: Sequence[float] | None = None,
) -> str:
    """A line plot of several histories against the step number (or the given x values).

    Args:
        series: Each curve's legend label and its values.
        ylabel: The label of the vertical axis.
        description: The caption and accessible name.
        log: Whether the vertical axis is logarithmic.
        x: The horizontal positions (default: 0, 1, 2, ...).

    Returns:
        The HTML of the figure.

    Introduced in [Training][training].
    """
    import matplotlib.pyplot as plt

    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7, 3.6))
        for (label, values), style in zip(series.items(), ("-", "--", ":", "-.")):
            xs = range(len(values)) if x is None else x
            ax.plot(xs, values, style, label=label, linewidth=1.8)
        if log:
            ax.set_yscale("log")
        ax.set_xlabel("training step")
        ax.set_ylabel(ylabel)
        ax.grid(True, alpha=0.3)
        ax.legend(frameon=False)
    return figure_svg(fig, description)
