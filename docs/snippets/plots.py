# Figures for the pages: matplotlib, drawn at build time, inlined as SVG.
# Reproducible: a fixed hash salt for the SVG ids and no date in the metadata, so two builds of
# the same commit are byte-identical. Each figure has its own white background, so it reads the
# same in the light and the dark palette.
import io
from collections.abc import Sequence
from html import escape

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

plt.rcParams.update(
    {
        "svg.hashsalt": "backprop-steps",
        "svg.fonttype": "none",
        "font.size": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def figure_svg(fig: "plt.Figure", description: str) -> str:
    """The figure as an inline <svg> element, with an accessible name."""
    buffer = io.StringIO()
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
    series: dict[str, Sequence[float]],
    ylabel: str,
    description: str,
    log: bool = True,
    x: Sequence[float] | None = None,
) -> str:
    """Line plot of several histories against the step number (or the given x values)."""
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
