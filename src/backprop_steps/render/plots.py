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

    from backprop_steps.gradcheck import StepSizeSweep

__all__ = [
    "STYLE",
    "curves_svg",
    "figure_svg",
    "per_layer_svg",
    "step_size_svg",
    "surfaces_svg",
    "epoch_curves_svg",
    "confusion_svg",
    "digits_svg",
]

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


POINTS = 1000
"""At most this many points of a curve are drawn (a text column is under 700 px wide)."""


def _thinned(length: int) -> list[int]:
    """Evenly spaced indices of a long curve, its first and last point included."""
    stride = max(1, -(-length // POINTS))
    return sorted({*range(0, length, stride), length - 1}) if length else []


def _curves(
    series: Mapping[str, Sequence[float]],
    ylabel: str,
    description: str,
    log: bool,
    x: Sequence[float] | Mapping[str, Sequence[float]] | None,
    size: tuple[float, float],
    variant: str,
    font: float,
    xlabel: str = "training step",
) -> str:
    """Each curve against its x values: shared, one per label (`x[label]`), or 0, 1, 2, ..."""
    import matplotlib.pyplot as plt

    with plt.rc_context({**STYLE, "font.size": font}):
        fig, ax = plt.subplots(figsize=size)
        for (label, values), style in zip(series.items(), ("-", "--", ":", "-.")):
            own = x[label] if isinstance(x, Mapping) else x
            xs = list(range(len(values)) if own is None else own)
            kept = _thinned(len(values))
            ax.plot([xs[i] for i in kept], [values[i] for i in kept], style, label=label, lw=1.8)
        if log:
            _log_y(ax)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(True, alpha=0.3)
        if variant == "narrow":  # below the plot, where a long label does not widen it
            ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(-0.2, -0.2))
        else:
            ax.legend(frameon=False)
    return figure_svg(fig, description, variant)


def _log_y(ax: Any) -> None:
    """A logarithmic vertical axis, labelled 0.001 and 1e-05 at full size (no superscripts)."""
    from matplotlib.ticker import FuncFormatter, NullFormatter

    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.yaxis.set_minor_formatter(NullFormatter())


def surfaces_svg(
    panels: Mapping[str, Sequence[Sequence[float]]],
    axis: Sequence[float],
    points: Sequence[tuple[float, float, str]],
    description: str,
) -> str:
    """A network's output over the unit square, one panel per network, with the line where it
    crosses 0.5.

    Args:
        panels: Each panel's title and its grid of outputs: `grid[r][c]` at
            `(axis[c], axis[r])` (a row per value of the second input).
        axis: The grid's coordinates, the same for both inputs.
        points: Points to mark, each `(i1, i2, label)`, such as the four examples of XOR.
        description: The caption and accessible name.

    Returns:
        The HTML of the figure, drawn twice: panels side by side for a laptop, one above the
        other for a phone.

    Introduced in [XOR][xor].
    """
    return "".join(
        _surfaces(panels, axis, points, description, variant, font)
        for variant, font in (("wide", 11), ("narrow", 13))
    )


def _surfaces(
    panels: Mapping[str, Sequence[Sequence[float]]],
    axis: Sequence[float],
    points: Sequence[tuple[float, float, str]],
    description: str,
    variant: str,
    font: float,
) -> str:
    import matplotlib.pyplot as plt

    count = len(panels)
    wide = variant == "wide"
    shape, size = ((1, count), (3.5 * count, 3.6)) if wide else ((count, 1), (4.4, 4.1 * count))
    levels = [n / 10 for n in range(11)]
    with plt.rc_context({**STYLE, "font.size": font}):
        fig, axes = plt.subplots(*shape, figsize=size, squeeze=False)
        fig.subplots_adjust(wspace=0.35, hspace=0.45)
        filled = []
        for ax, (title, grid) in zip(axes.flat, panels.items(), strict=True):
            filled.append(
                ax.contourf(axis, axis, grid, levels=levels, cmap="RdBu_r", vmin=0, vmax=1)
            )
            ax.contour(axis, axis, grid, levels=[0.5], colors="black", linewidths=1.6)
            for x, y, label in points:  # the label inside the square, towards its centre
                ax.plot(x, y, "o", color="black", markersize=8, clip_on=False, zorder=3)
                ax.annotate(
                    label,
                    (x, y),
                    xytext=(3 * (0.5 - x), 3 * (0.5 - y)),
                    textcoords="offset fontsize",
                    ha="center",
                    va="center",
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
                )
            ax.set_title(title)
            ax.set_xlabel("input i1")  # no mathtext: its subscripts print under 11 px
            ax.set_ylabel("input i2")
            ax.set_aspect("equal")
            ax.set_xticks([0, 0.5, 1])
            ax.set_yticks([0, 0.5, 1])
        bar = fig.colorbar(filled[-1], ax=axes, ticks=[0, 0.5, 1], shrink=0.8)
        bar.set_label("output")
    return figure_svg(fig, description, variant)


def per_layer_svg(
    series: Mapping[str, Sequence[float]],
    ylabel: str,
    description: str,
) -> str:
    """One value per layer for several networks, on a logarithmic axis: how a quantity such as
    the size of the deltas changes from the output back towards the inputs.

    Args:
        series: Each network's legend label and its values, hidden layer 1 first.
        ylabel: The label of the vertical axis.
        description: The caption and accessible name.

    Returns:
        The HTML of the figure, drawn twice: for a laptop and for a phone.

    Introduced in [Deeper networks and other activations][deeper-networks].
    """
    return "".join(
        _per_layer(series, ylabel, description, size, variant, font)
        for size, variant, font in (((7, 3.6), "wide", 11), ((4.4, 3.8), "narrow", 13))
    )


def _per_layer(
    series: Mapping[str, Sequence[float]],
    ylabel: str,
    description: str,
    size: tuple[float, float],
    variant: str,
    font: float,
) -> str:
    import matplotlib.pyplot as plt

    with plt.rc_context({**STYLE, "font.size": font}):
        fig, ax = plt.subplots(figsize=size)
        for (label, values), marker in zip(series.items(), ("o-", "s--", "^:", "D-.")):
            ax.plot(range(1, len(values) + 1), values, marker, label=label, linewidth=1.8)
        _log_y(ax)
        longest = max(len(values) for values in series.values())
        ax.set_xticks(range(1, longest + 1))
        ax.set_xlabel("layer (1 = next to the inputs)")
        ax.set_ylabel(ylabel)
        ax.grid(True, alpha=0.3)
        if variant == "narrow":
            ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(-0.2, -0.2))
        else:
            ax.legend(frameon=False)
    return figure_svg(fig, description, variant)


def step_size_svg(sweeps: Sequence[StepSizeSweep], description: str) -> str:
    """The error of central differences against the step size $h$, on log-log axes.

    Args:
        sweeps: One [`StepSizeSweep`][backprop_steps.gradcheck.StepSizeSweep] per parameter;
            each curve is marked at its best $h$.
        description: The caption and accessible name.

    Returns:
        The HTML of the figure, drawn for a laptop's text column and for a phone's.

    Introduced in [Checking gradients][gradient-checking].
    """
    return "".join(
        _step_sizes(sweeps, description, size, variant, font)
        for size, variant, font in (((7, 3.8), "wide", 11), ((4.4, 4.0), "narrow", 13))
    )


def _step_sizes(
    sweeps: Sequence[StepSizeSweep],
    description: str,
    size: tuple[float, float],
    variant: str,
    font: float,
) -> str:
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    with plt.rc_context({**STYLE, "font.size": font}):
        fig, ax = plt.subplots(figsize=size)
        for sweep, style in zip(sweeps, ("-", "--", ":", "-.")):
            # an error of exactly 0 has no place on a log axis: leave a gap there
            errors = [e if e > 0 else float("nan") for e in sweep.errors]
            line = ax.plot(sweep.steps, errors, style, label=sweep.name, linewidth=1.8)[0]
            best = sweep.errors[sweep.steps.index(sweep.best)]
            ax.plot([sweep.best], [best], "o", ms=9, mfc="none", color=line.get_color())
        ax.set_xscale("log")
        ax.set_yscale("log")
        for axis in (ax.xaxis, ax.yaxis):  # every fourth power of ten, as 1e-08 at full size
            axis.set_major_locator(LogLocator(base=10.0**4))
            axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0e}" if v < 1 else f"{v:g}"))
            axis.set_minor_formatter(NullFormatter())
        ax.set_xlabel("step size h")
        ax.set_ylabel("|finite difference − backprop|")
        ax.grid(True, alpha=0.3)
        ax.legend(frameon=False, loc="upper center")
    return figure_svg(fig, description, variant)


def epoch_curves_svg(
    series: Mapping[str, Sequence[float]],
    description: str,
    ylabel: str = "loss",
    xlabel: str = "epoch",
    x: Mapping[str, Sequence[float]] | None = None,
    log: bool = False,
) -> str:
    """Line plots of several histories against a labelled horizontal axis (epochs by default).

    Args:
        series: Each curve's legend label and its values.
        description: The caption and accessible name.
        ylabel: The label of the vertical axis.
        xlabel: The label of the horizontal axis.
        x: Each curve's horizontal positions, by label (default: 0, 1, 2, ...).
        log: Whether the vertical axis is logarithmic.

    Returns:
        The HTML of the figure, drawn twice: for a laptop's text column and for a phone's.

    Introduced in [Mini-batches][mini-batches].
    """
    return "".join(
        _curves(series, ylabel, description, log, x, size, variant, font, xlabel)
        for size, variant, font in (((7, 3.6), "wide", 11), ((4.4, 3.8), "narrow", 13))
    )


def confusion_svg(counts: Sequence[Sequence[int]], description: str) -> str:
    """A confusion matrix: how many examples of each true class went to each predicted class.

    Args:
        counts: `counts[t][p]`, examples of class `t` predicted as `p`; classes `0, 1, ...`.
        description: The caption and accessible name.

    Returns:
        The HTML of the figure, drawn for a laptop's text column and for a phone's.

    Introduced in [Real data: handwritten digits][digits].
    """
    return "".join(
        _confusion(counts, description, size, variant, font)
        for size, variant, font in (((5.6, 5.2), "wide", 11), ((4.4, 4.4), "narrow", 12))
    )


def _confusion(
    counts: Sequence[Sequence[int]],
    description: str,
    size: tuple[float, float],
    variant: str,
    font: float,
) -> str:
    import matplotlib.pyplot as plt

    classes = range(len(counts))
    top = max(max(row) for row in counts)
    with plt.rc_context({**STYLE, "font.size": font}):
        fig, ax = plt.subplots(figsize=size)
        # the darkest cell half way along the colour map, so black numbers read on every cell
        ax.imshow(counts, cmap="Blues", vmin=0, vmax=2 * top)
        for t in classes:
            for p in classes:
                if counts[t][p]:
                    ax.text(p, t, str(counts[t][p]), ha="center", va="center", color="black")
        ax.set_xticks(classes)
        ax.set_yticks(classes)
        ax.set_xlabel("predicted digit")
        ax.set_ylabel("true digit")
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
    return figure_svg(fig, description, variant)


def digits_svg(
    images: Sequence[Sequence[float]], titles: Sequence[str], description: str, side: int = 8
) -> str:
    """Small grey-scale images in a grid, each with a title: six to a row on a laptop, four on a
    phone.

    Args:
        images: Each image's pixels, row by row (`side * side` numbers, dark = large).
        titles: One title per image, such as `"3 → 8"`.
        description: The caption and accessible name.
        side: The width and height of each image in pixels.

    Returns:
        The HTML of the figure, drawn for a laptop's text column and for a phone's.

    Introduced in [Real data: handwritten digits][digits].
    """
    return "".join(
        _digits(images, titles, description, side, columns, width, variant, font)
        for columns, width, variant, font in ((6, 7.0, "wide", 11), (4, 4.4, "narrow", 13))
    )


def _digits(
    images: Sequence[Sequence[float]],
    titles: Sequence[str],
    description: str,
    side: int,
    columns: int,
    width: float,
    variant: str,
    font: float,
) -> str:
    import matplotlib.pyplot as plt
    import numpy as np

    rows = max(1, -(-len(images) // columns))
    gap, band = 3, 4  # blank pixels between images, and above each for its title
    cell_w, cell_h = side + gap, side + band
    mosaic = np.full((rows * cell_h, columns * cell_w), np.nan)  # one image: one set of axes
    for n, pixels in enumerate(images):
        top, left = (n // columns) * cell_h + band, (n % columns) * cell_w
        mosaic[top : top + side, left : left + side] = np.reshape(pixels, (side, side))
    with plt.rc_context({**STYLE, "font.size": font}):
        fig, ax = plt.subplots(figsize=(width, width * mosaic.shape[0] / mosaic.shape[1]))
        cmap = plt.get_cmap("gray_r").with_extremes(bad="white")
        ax.imshow(mosaic, cmap=cmap, interpolation="nearest", vmin=0)
        for n, title in enumerate(titles):
            x = (n % columns) * cell_w + side / 2 - 0.5
            y = (n // columns) * cell_h + band - 1
            ax.text(x, y, title, ha="center", va="bottom")
        ax.set_axis_off()
    return figure_svg(fig, description, variant)
