"""Every quantity of a step as tables: plain text for a terminal, Markdown or HTML for a page.

The command line prints these; the site's pages print the Markdown form at build time, and the
HTML form where a table is read as one card per row on a phone.

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from html import escape
from typing import TYPE_CHECKING, cast

from backprop_steps.display import number
from backprop_steps.network import Matrix, Vector
from backprop_steps.problem import Problem, is_batch
from backprop_steps.quantities import quantities
from backprop_steps.render.latex import quantity
from backprop_steps.results import History
from backprop_steps.scalar import Trace

if TYPE_CHECKING:
    from backprop_steps.vectorized import BatchTrace

__all__ = [
    "Section",
    "html_table",
    "markdown",
    "side_by_side",
    "table",
    "trace_sections",
    "train_sections",
    "with_symbols",
]

Row = list[str]
Section = tuple[str, Row, list[Row]]
"""A table: its title, its column headings, its rows (strings)."""


def trace_sections(step: Trace | BatchTrace) -> list[Section]:
    """Every quantity of one training step, named: forward pass, errors, backward pass, updates.

    A batch gets one column per example, headed `example [1]`, `example [2]`, ...: the suffix
    `check` names that example's numbers with (`delta_o1[2]`), which are the values printed,
    the derivatives of the batch's $E_{total}$.

    Introduced in [Check your own calculation][check-your-own].
    """
    if not isinstance(step, Trace):
        return _batch_sections(step)
    network = step.network
    names = network.names
    rows: list[Row] = [
        [name, number(v, given=True)]
        for name, v in zip(names.neuron_names(-1), step.inputs, strict=True)
    ]
    for l, values in enumerate(step.layers):
        for name, n, o in zip(names.neuron_names(l), values.net, values.out, strict=True):
            rows += [[f"net_{name}", number(n)], [f"out_{name}", number(o)]]
    sections: list[Section] = [("Forward pass", ["quantity", "value"], rows)]
    outputs = names.neuron_names(len(network.layers) - 1)
    rows = [[f"E_{o}", number(e)] for o, e in zip(outputs, step.errors, strict=True)]
    rows.append(["E_total", number(step.total_error)])
    sections.append((f"Total error ({network.loss})", ["quantity", "value"], rows))
    rows = _backward_rows(step)
    sections.append(("Backward pass", ["quantity", "value"], rows))
    sections.append(_updates(step))
    return sections


def _backward_rows(step: Trace) -> list[Row]:
    """Each neuron's dE/dout, dout/dnet (unless softmax) and delta, the output layer first; for
    the layer that feeds the outputs, each output's share dE_o/dout first, as the posts print it
    (not behind softmax, whose outputs each depend on every net input, so that no share is one
    output's error alone).
    """
    shares = step.activation_derivatives[-1] is not None
    rows = []
    for name, value in quantities(step).items():
        share = name.startswith("dE_o")  # dE_o1/dout_h1
        if name.startswith(("dE_total/dout_", "dout_", "delta_")) or (share and shares):
            rows.append([name, number(value)])
    return rows


def _batch_sections(batch: BatchTrace) -> list[Section]:
    network = batch.network
    names = network.names
    examples = [f"example [{e + 1}]" for e in range(len(batch.errors))]
    rows: list[Row] = []
    for l in range(len(network.layers)):
        for j, name in enumerate(names.neuron_names(l)):
            rows.append([f"net_{name}", *map(number, batch.NET[l][:, j])])
            rows.append([f"out_{name}", *map(number, batch.OUT[l][:, j])])
    sections: list[Section] = [("Forward pass", ["quantity", *examples], rows)]
    outputs = names.neuron_names(len(network.layers) - 1)
    rows = [[f"E_{o}", *map(number, batch.errors[:, j])] for j, o in enumerate(outputs)]
    sections.append((f"Error per example ({network.loss})", ["quantity", *examples], rows))
    sections.append(
        (
            f"Total error ({network.reduction} over the batch)",
            ["quantity", "value"],
            [["E_total", number(batch.total_error)]],
        )
    )
    rows = []
    for l in reversed(range(len(network.layers))):
        for j, name in enumerate(names.neuron_names(l)):
            rows.append([f"delta_{name}", *map(number, batch.deltas[l][:, j])])
    sections.append(("Backward pass", ["quantity", *examples], rows))
    sections.append(_updates(batch))
    return sections


def _updates(step: Trace | BatchTrace) -> Section:
    network = step.network
    names = network.names
    rows = []
    for name in [*names.weights, *names.biases]:
        frozen = not network.update_biases and name in names.biases
        before = number(step.weight(name), given=True)
        after = f"{before} (frozen)" if frozen else number(step.new(name))
        rows.append([name, number(step.grad(name)), before, after])
    title = f"Gradients and updates (learning rate {number(network.learning_rate, given=True)})"
    return title, ["parameter", "gradient", "before", "after"], rows


def train_sections(problem: Problem, history: History) -> list[Section]:
    """The total error at a few steps of training, and the final outputs.

    Introduced in [Check your own calculation][check-your-own].
    """
    errors = history.errors
    shown = sorted(
        {0, 1, 2, 3, *(s for s in (10, 100, 1000, 10_000) if s < len(errors)), len(errors) - 1}
        & set(range(len(errors)))
    )
    rows = [[f"{s:,}", number(errors[s])] for s in shown]
    header = ["after step", "E_total"]
    return [(f"Total error ({history.order} order)", header, rows), _outputs(problem, history)]


def _outputs(problem: Problem, history: History) -> Section:
    names = problem.network.names
    outputs = names.neuron_names(len(problem.network.layers) - 1)
    title = f"Outputs after {len(history.errors) - 1:,} steps"
    if is_batch(history.outputs):
        final = cast(Matrix, history.outputs)
        rows = [[f"out_{o}", *(number(row[j]) for row in final)] for j, o in enumerate(outputs)]
        return title, ["output", *(f"example {e + 1}" for e in range(len(final)))], rows
    values, targets = cast(Vector, history.outputs), cast(Vector, problem.targets)
    rows = [
        [f"out_{o}", number(v), number(t, given=True)]
        for o, v, t in zip(outputs, values, targets, strict=True)
    ]
    return title, ["output", "value", "target"], rows


def with_symbols(sections: list[Section]) -> list[Section]:
    r"""Sections whose first column names each quantity as a page's equations do, in LaTeX:
    `$\frac{\partial E_{total}}{\partial out_{h1}}$` for `dE_total/dout_h1`, `$w_{5}$` for `w5`.

    The command line and the calculator keep the names a reader types; a chapter uses these.

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    return [
        (title, header, [[f"${quantity(row[0])}$", *row[1:]] for row in rows])
        for title, header, rows in sections
    ]


def table(sections: list[Section]) -> str:
    """Sections as aligned plain-text tables, for a terminal.

    Introduced in [Check your own calculation][check-your-own].
    """
    lines = []
    for title, header, rows in sections:
        widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]
        lines += [title, "  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
        for row in rows:
            lines.append("  " + "  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
        lines.append("")
    return "\n".join(lines)


def markdown(sections: list[Section], level: int = 3) -> str:
    """Sections as Markdown tables, each under a heading of the given level.

    Introduced in [Check your own calculation][check-your-own].
    """
    lines = []
    for title, header, rows in sections:
        lines += [
            f"{'#' * level} {title}",
            "",
            "| " + " | ".join(header) + " |",
            "|" + "|".join("---" for _ in header) + "|",
        ]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines)


def html_table(
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    css_class: str,
    numeric: Collection[int] = (),
) -> str:
    """A table as HTML whose cells are Markdown, in a `<div>` of the given class.

    Each cell carries its column's heading in `data-label`, so a stylesheet can show a row as a
    card with a heading before each cell on a narrow screen. The `markdown` attributes have the
    page's Markdown (with `md_in_html`) parse each cell, so math and links in a cell still work;
    the table itself has no class, so the theme styles it as any other table.

    Args:
        headings: The column headings, plain text.
        rows: The rows, each a cell per column, already formatted (inline Markdown).
        css_class: The class of the `<div>` around the table.
        numeric: The indices of the columns of numbers, right-aligned.

    Returns:
        The HTML, one line per row, to be printed into a page as Markdown.

    Examples:
        >>> print(html_table(["symbol", "value"], [["$w_5$", "0.4"]], "bp-stacked", numeric={1}))
        <div class="bp-stacked" markdown="1">
        <table markdown="1">
        <thead markdown="1"><tr markdown="1"><th markdown="span">symbol</th><th align="right" markdown="span">value</th></tr></thead>
        <tbody markdown="1">
        <tr markdown="1"><td data-label="symbol" markdown="span">$w_5$</td><td align="right" data-label="value" markdown="span">0.4</td></tr>
        </tbody>
        </table>
        </div>

    Introduced in [Errata][errata].
    """
    align = [' align="right"' if c in numeric else "" for c in range(len(headings))]
    head = "".join(
        f'<th{a} markdown="span">{escape(h, quote=False)}</th>' for h, a in zip(headings, align)
    )
    lines = [
        f'<div class="{escape(css_class)}" markdown="1">',
        '<table markdown="1">',
        f'<thead markdown="1"><tr markdown="1">{head}</tr></thead>',
        '<tbody markdown="1">',
    ]
    for row in rows:
        cells = "".join(
            f'<td{a} data-label="{escape(h)}" markdown="span">{cell}</td>'
            for cell, h, a in zip(row, headings, align, strict=True)
        )
        lines.append(f'<tr markdown="1">{cells}</tr>')
    return "\n".join([*lines, "</tbody>", "</table>", "</div>"])


def side_by_side(steps: Sequence[tuple[str, list[Section]]]) -> list[Section]:
    """The same sections of several steps, one table per section: the steps' columns side by side.

    Each merged table keeps the first column of row names and adds each step's value columns,
    headed by the step's name (and the column's own heading when a step has several). The
    steps need the same sections with the same row names: networks of one shape, in one naming.
    A title the steps do not share keeps its common part and names each step's detail.

    Args:
        steps: Each step's name, such as `"Mazur"`, and its sections, such as
            [`trace_sections`][backprop_steps.render.tables.trace_sections] gives.

    Returns:
        One section per section of the steps, for [`markdown`][backprop_steps.render.tables.markdown]
        or [`table`][backprop_steps.render.tables.table].

    Raises:
        ValueError: If the steps' sections or rows do not line up.

    Examples:
        >>> a = [("Updates (rate 0.5)", ["parameter", "after"], [["w5", "0.36"]])]
        >>> b = [("Updates (rate 0.6)", ["parameter", "after"], [["w5", "0.45"]])]
        >>> side_by_side([("A", a), ("B", b)])
        [('Updates (A: rate 0.5; B: rate 0.6)', ['parameter', 'A', 'B'], [['w5', '0.36', '0.45']])]

    Introduced in [Answer key][answer-key].
    """
    names = [name for name, _ in steps]
    merged: list[Section] = []
    for s, parts in enumerate(zip(*(sections for _, sections in steps), strict=True)):
        labels = [[row[0] for row in rows] for _, _, rows in parts]
        if any(found != labels[0] for found in labels):
            raise ValueError(f"sections[{s}]: the steps' rows differ: {labels}")
        header = [parts[0][1][0]]
        for name, (_, headings, _) in zip(names, parts, strict=True):
            header += [name] if len(headings) == 2 else [f"{name} {h}" for h in headings[1:]]
        rows = [
            [label, *(cell for _, _, rows in parts for cell in rows[r][1:])]
            for r, label in enumerate(labels[0])
        ]
        merged.append((_shared_title(s, names, [title for title, _, _ in parts]), header, rows))
    return merged


def _shared_title(s: int, names: Sequence[str], titles: Sequence[str]) -> str:
    """`Head (A: detail; B: detail)` from titles `Head (detail)` that differ in their detail."""
    if len(set(titles)) == 1:
        return titles[0]
    heads, details = zip(*(title.partition(" (")[::2] for title in titles), strict=True)
    if len(set(heads)) > 1:
        raise ValueError(f"sections[{s}]: the steps' sections differ: {list(titles)}")
    detail = "; ".join(f"{n}: {d.removesuffix(')')}" for n, d in zip(names, details, strict=True))
    return f"{heads[0]} ({detail})"
