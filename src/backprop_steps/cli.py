"""The command line: `python -m backprop_steps trace|train`.

```text
backprop-steps trace NETWORK.json [--format table|json|markdown]
backprop-steps trace --example mazur|neuralblog [--format ...]
backprop-steps train NETWORK.json|--example NAME --steps N [--order simultaneous|sequential]
                     [--format table|json]
```

`trace` prints every quantity of one training step; `train` prints the total error before any
update and after each update, and the final outputs. `NETWORK.json` may be `-` for standard
input. Bad input ends with one line on standard error naming the field and the problem, exit
code 2, and nothing on standard output.

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, cast

from backprop_steps import vectorized
from backprop_steps.examples import EXAMPLES
from backprop_steps.network import Matrix, Network, Problem, Vector
from backprop_steps.scalar import ORDERS, Trace, trace
from backprop_steps.training import History, train

__all__ = ["main", "trace_json", "train_json"]

Row = list[str]
Section = tuple[str, Row, list[Row]]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="backprop-steps",
        description="Every quantity of a backpropagation training step, named as the tutorials "
        "name them.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, help_text in (
        ("trace", "every quantity of one training step"),
        ("train", "the total error over many steps, and the final outputs"),
    ):
        command = commands.add_parser(name, help=help_text, description=help_text)
        source = command.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "network",
            nargs="?",
            metavar="NETWORK.json",
            help="a network file, or - for standard input",
        )
        source.add_argument("--example", choices=sorted(EXAMPLES), help="a worked example")
        formats = ["table", "json", "markdown"] if name == "trace" else ["table", "json"]
        command.add_argument("--format", choices=formats, default="table")
        if name == "train":
            command.add_argument("--steps", type=_steps, required=True)
            command.add_argument("--order", choices=ORDERS, default="simultaneous")
    return parser


def _steps(text: str) -> int:
    try:
        steps = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if steps < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {steps}")
    return steps


def _load(args: argparse.Namespace) -> Problem:
    if args.example:
        return EXAMPLES[args.example]
    name = args.network
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ValueError(f"{name}: is a directory, not a network file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{name}: cannot read ({error})") from None
    return Problem.from_json(text)


# --- json -------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Tuples, arrays and float subclasses to JSON's lists and floats."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return float(value)


def _parameters(network: Network) -> list[dict[str, Any]]:
    return [
        {"weights": _plain(layer.weights), "biases": _plain(layer.biases)}
        for layer in network.layers
    ]


def trace_json(problem: Problem) -> dict[str, Any]:
    """Every quantity of one step in the CLI's JSON shape (full-precision floats).

    Args:
        problem: The network and its example (or batch).

    Returns:
        `layers` (`net`, `out`), `loss` (`per_output`, `total`), `deltas`, `gradients` and
        `updated`, in layer order; a batch carries the example dimension first.

    Introduced in [Check your own calculation][check-your-own].
    """
    network = problem.network
    deltas: Sequence[Any]
    weights: Sequence[Any]
    biases: Sequence[Any]
    if problem.batched:
        batch = vectorized.trace(network, problem.inputs, problem.targets)
        layers = [{"net": _plain(n), "out": _plain(o)} for n, o in zip(batch.NET, batch.OUT)]
        loss = {"per_output": _plain(batch.per_output), "total": batch.total}
        deltas, weights, biases = batch.deltas, batch.grad_W, batch.grad_b
        updated = batch.updated
    else:
        step = trace(network, *problem.example)
        layers = [{"net": _plain(v.net), "out": _plain(v.out)} for v in step.layers]
        loss = {"per_output": _plain(step.errors), "total": float(step.total_error)}
        deltas = step.deltas
        weights, biases = step.gradients.weights, step.gradients.biases
        updated = step.updated
    return {
        "layers": layers,
        "loss": loss,
        "deltas": [_plain(d) for d in deltas],
        "gradients": [
            {"weights": _plain(w), "biases": _plain(b)}
            for w, b in zip(weights, biases, strict=True)
        ],
        "updated": _parameters(updated),
    }


def train_json(
    problem: Problem, steps: int, order: str, history: History | None = None
) -> dict[str, Any]:
    """The result of `train` in the CLI's JSON shape.

    Introduced in [Check your own calculation][check-your-own].
    """
    if history is None:
        history = train(problem.network, problem.inputs, problem.targets, steps, order)
    return {
        "steps": steps,
        "order": order,
        "errors": _plain(history.errors),
        "outputs": _plain(history.outputs),
        "layers": _parameters(history.network),
    }


def _dumps(data: dict[str, Any]) -> str:
    try:
        return json.dumps(data, allow_nan=False)
    except ValueError:
        raise ValueError(
            "network: the step overflowed (a value is infinite or NaN); try smaller weights"
        ) from None


# --- tables -----------------------------------------------------------------------------------


def _f(value: float) -> str:
    return f"{float(value):.9f}"


def _trace_sections(problem: Problem) -> list[Section]:
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


def _train_sections(problem: Problem, history: History) -> list[Section]:
    errors = history.errors
    shown = sorted(
        {0, 1, 2, 3, *(s for s in (10, 100, 1000, 10_000) if s < len(errors)), len(errors) - 1}
        & set(range(len(errors)))
    )
    rows = [[str(s), f"{errors[s]:.9f}", f"{errors[s]:.10g}"] for s in shown]
    sections: list[Section] = [
        (f"Total error ({history.order} order)", ["after step", "E_total", "significant"], rows)
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


def _table(sections: list[Section]) -> str:
    lines = []
    for title, header, rows in sections:
        widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]
        lines += [title, "  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
        for row in rows:
            lines.append("  " + "  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
        lines.append("")
    return "\n".join(lines)


def _markdown(sections: list[Section]) -> str:
    lines = []
    for title, header, rows in sections:
        lines += [
            f"### {title}",
            "",
            "| " + " | ".join(header) + " |",
            "|" + "|".join("---" for _ in header) + "|",
        ]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines)


# --- main -------------------------------------------------------------------------------------


def _render(args: argparse.Namespace, problem: Problem) -> str:
    if args.command == "trace":
        text = _dumps(trace_json(problem))  # also checks that every value is finite
        if args.format == "json":
            return text
        sections = _trace_sections(problem)
    else:
        history = train(problem.network, problem.inputs, problem.targets, args.steps, args.order)
        text = _dumps(train_json(problem, args.steps, args.order, history))
        if args.format == "json":
            return text
        sections = _train_sections(problem, history)
    return (_markdown if args.format == "markdown" else _table)(sections)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0, or 2 for bad input).

    Introduced in [Check your own calculation][check-your-own].
    """
    args = _parser().parse_args(argv)
    try:
        text = _render(args, _load(args))
    except ValueError as error:
        print(f"backprop-steps: error: {error}", file=sys.stderr)
        return 2
    print(text)
    return 0
