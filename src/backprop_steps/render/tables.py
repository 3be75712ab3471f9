"""Every quantity of a step as tables: plain text for a terminal, Markdown for a page.

The command line prints these; the site's pages print the Markdown form at build time.

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

from typing import cast

from backprop_steps import vectorized
from backprop_steps.network import Matrix, Problem, Vector
from backprop_steps.scalar import Trace, trace
from backprop_steps.training import History

__all__ = ["Section", "markdown", "table", "trace_sections", "train_sections"]

Row = list[str]
Section = tuple[str, Row, list[Row]]
"""A table: its title, its column headings, its rows (strings)."""


def _f(value: float) -> str:
    return f"{float(value):.9f}"


def trace_sections(problem: Problem) -> list[Section]:
    """Every quantity of one training step, named: forward pass, errors, backward pass, updates.

    A batch gets one column per example.

    Introduced in [Check your own calculation][check-your-own].
    """
    network = problem.network
    names = network.names
    if problem.batched:
        return _batch_sections(problem)
    step: Trace = trace(network, *problem.example)
    rows: list[Row] = [
        [name, _f(v)] for name, v in zip(names.neuron_names(-1), step.inputs, strict=True)
    ]
    for l, values in enumerate(step.layers):
        for name, n, o in zip(names.neuron_names(l), values.net, values.out, strict=True):
            rows += [[f"net_{name}", _f(n)], [f"out_{name}", _f(o)]]
    sections: list[Section] = [("Forward pass", ["quantity", "value"], rows)]
    outputs = names.neuron_names(len(network.layers) - 1)
    rows = [[f"E_{o}", _f(e)] for o, e in zip(outputs, step.errors, strict=True)]
    rows.append(["E_total", _f(step.total_error)])
    sections.append((f"Total error ({network.loss})", ["quantity", "value"], rows))
    rows = []
    for l in reversed(range(len(network.layers))):
        slopes = step.activation_derivatives[l]
        for j, name in enumerate(names.neuron_names(l)):
            rows.append([f"dE_total/dout_{name}", _f(step.error_derivatives[l][j])])
            if slopes is not None:
                rows.append([f"dout_{name}/dnet_{name}", _f(slopes[j])])
            rows.append([f"delta_{name}", _f(step.deltas[l][j])])
    sections.append(("Backward pass", ["quantity", "value"], rows))
    rows = []
    frozen = not network.update_biases
    for name in [*names.weights, *names.biases]:
        note = " (frozen)" if frozen and name in names.biases else ""
        rows.append([name, _f(step.grad(name)), _f(step.weight(name)), _f(step.new(name)) + note])
    title = f"Gradients and updates (learning rate {network.learning_rate:g})"
    sections.append((title, ["parameter", "gradient", "before", "after"], rows))
    return sections


def _batch_sections(problem: Problem) -> list[Section]:
    network = problem.network
    names = network.names
    batch = vectorized.trace(network, problem.inputs, problem.targets)
    examples = [f"example {e + 1}" for e in range(len(problem.inputs))]
    rows: list[Row] = []
    for l in range(len(network.layers)):
        for j, name in enumerate(names.neuron_names(l)):
            rows.append([f"net_{name}", *map(_f, batch.NET[l][:, j])])
            rows.append([f"out_{name}", *map(_f, batch.OUT[l][:, j])])
    sections: list[Section] = [("Forward pass", ["quantity", *examples], rows)]
    outputs = names.neuron_names(len(network.layers) - 1)
    rows = [[f"E_{o}", *map(_f, batch.per_output[:, j])] for j, o in enumerate(outputs)]
    sections.append((f"Error per example ({network.loss})", ["quantity", *examples], rows))
    sections.append(
        (
            f"Total error ({network.reduction} over the batch)",
            ["quantity", "value"],
            [["E_total", _f(batch.total)]],
        )
    )
    rows = []
    for l in reversed(range(len(network.layers))):
        for j, name in enumerate(names.neuron_names(l)):
            rows.append([f"delta_{name}", *map(_f, batch.deltas[l][:, j])])
    sections.append(("Backward pass", ["quantity", *examples], rows))
    rows = []
    for name in names.weights:
        l, j, k = names.weights[name]
        before = network.layers[l].weights[j][k]
        after = batch.updated.layers[l].weights[j][k]
        rows.append([name, _f(batch.grad_W[l][j, k]), _f(before), _f(after)])
    for name in names.biases:
        l, jb = names.bias(name)
        grad = batch.grad_b[l]
        value = float(grad) if jb is None or isinstance(grad, float) else float(grad[jb])
        layer, new = network.layers[l], batch.updated.layers[l]
        note = "" if network.update_biases else " (frozen)"
        rows.append([name, _f(value), _f(layer.bias(jb or 0)), _f(new.bias(jb or 0)) + note])
    title = f"Gradients and updates (learning rate {network.learning_rate:g})"
    sections.append((title, ["parameter", "gradient", "before", "after"], rows))
    return sections


def train_sections(problem: Problem, history: History) -> list[Section]:
    """The total error at a few steps of training, and the final outputs.

    Introduced in [Check your own calculation][check-your-own].
    """
    errors = history.errors
    shown = sorted(
        {0, 1, 2, 3, *(s for s in (10, 100, 1000, 10_000) if s < len(errors)), len(errors) - 1}
        & set(range(len(errors)))
    )
    rows = [[str(s), f"{errors[s]:.9f}", f"{errors[s]:.10g}"] for s in shown]
    sections: list[Section] = [
        (
            f"Total error ({history.order} order)",
            ["after step", "E_total", "E_total (10 significant digits)"],
            rows,
        )
    ]
    names = problem.network.names
    outputs = names.neuron_names(len(problem.network.layers) - 1)
    if problem.batched:
        final = cast(Matrix, history.outputs)
        rows = [[f"out_{o}", *(_f(row[j]) for row in final)] for j, o in enumerate(outputs)]
        header = ["output", *(f"example {e + 1}" for e in range(len(final)))]
    else:
        rows = [
            [f"out_{o}", _f(v), _f(t)]
            for o, v, t in zip(
                outputs, cast(Vector, history.outputs), problem.example[1], strict=True
            )
        ]
        header = ["output", "value", "target"]
    sections.append((f"Outputs after {len(errors) - 1} steps", header, rows))
    return sections


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
