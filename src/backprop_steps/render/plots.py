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


def figure_svg(fig: Figure, description: str, variant: str = "wide") -> str:
    """The figure as an inline `<svg>` element in a `<figure>`, with an accessible name.

    Args:
        fig: The figure (closed afterwards).
        description: Its caption, also its accessible name.
        variant: `"wide"` or `"narrow"`: the stylesheet shows the narrow one on a phone.

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
        f'<figure class="plot plot--{variant}" style="background: white; padding: 0.5em; '
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
        The HTML of the figure, drawn twice: for a laptop's text column and, narrower with the
        same font size, for a phone's.

    Introduced in [Training][training].
    """
    return "".join(
        _curves(series, ylabel, description, log, x, size, variant, font)
        for size, variant, font in (((7, 3.6), "wide", 11), ((4.4, 3.6), "narrow", 13))
    )


def _curves(
    series: Mapping[str, Sequence[float]],
    ylabel: str,
    description: str,
    log: bool,
    x: Sequence[float] | None,
    size: tuple[float, float],
    variant: str,
    font: float,
) -> str:
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, NullFormatter

    with plt.rc_context({**STYLE, "font.size": font}):
        fig, ax = plt.subplots(figsize=size)
        for (label, values), style in zip(series.items(), ("-", "--", ":", "-.")):
            xs = range(len(values)) if x is None else x
            ax.plot(xs, values, style, label=label, linewidth=1.8)
        if log:  # tick labels as 0.001 and 1e-05, at full size (no small superscripts)
            ax.set_yscale("log")
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
            ax.yaxis.set_minor_formatter(NullFormatter())
        ax.set_xlabel("training step")
        ax.set_ylabel(ylabel)
        ax.grid(True, alpha=0.3)
        if variant == "narrow":  # below the plot, where a long label does not widen it
            ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(-0.2, -0.2))
        else:
            ax.legend(frameon=False)
    return figure_svg(fig, description, variant)
