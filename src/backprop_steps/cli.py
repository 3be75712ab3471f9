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
from typing import Any, NoReturn

from backprop_steps import vectorized
from backprop_steps.display import plain
from backprop_steps.examples import EXAMPLES
from backprop_steps.network import Network, Problem
from backprop_steps.render.tables import markdown, table, trace_sections, train_sections
from backprop_steps.scalar import ORDERS, trace
from backprop_steps.training import History, train

__all__ = ["main", "trace_json", "train_json"]


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


def _parameters(network: Network) -> list[dict[str, Any]]:
    return [
        {"weights": plain(layer.weights), "biases": plain(layer.biases)} for layer in network.layers
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
        layers = [{"net": plain(n), "out": plain(o)} for n, o in zip(batch.NET, batch.OUT)]
        loss = {"per_output": plain(batch.per_output), "total": batch.total}
        deltas, weights, biases = batch.deltas, batch.grad_W, batch.grad_b
        updated = batch.updated
    else:
        step = trace(network, *problem.example)
        layers = [{"net": plain(v.net), "out": plain(v.out)} for v in step.layers]
        loss = {"per_output": plain(step.errors), "total": float(step.total_error)}
        deltas = step.deltas
        weights, biases = step.gradients.weights, step.gradients.biases
        updated = step.updated
    return {
        "layers": layers,
        "loss": loss,
        "deltas": [plain(d) for d in deltas],
        "gradients": [
            {"weights": plain(w), "biases": plain(b)} for w, b in zip(weights, biases, strict=True)
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
        "errors": plain(history.errors),
        "outputs": plain(history.outputs),
        "layers": _parameters(history.network),
    }


def _dumps(data: dict[str, Any]) -> str:
    try:
        return json.dumps(data, allow_nan=False)
    except ValueError:
        raise ValueError(
            "network: the step overflowed (a value is infinite or NaN); try smaller weights"
        ) from None


# --- main -------------------------------------------------------------------------------------


def _render(args: argparse.Namespace, problem: Problem) -> str:
    if args.command == "trace":
        text = _dumps(trace_json(problem))  # also checks that every value is finite
        if args.format == "json":
            return text
        sections = trace_sections(problem)
    else:
        history = train(problem.network, problem.inputs, problem.targets, args.steps, args.order)
        text = _dumps(train_json(problem, args.steps, args.order, history))
        if args.format == "json":
            return text
        sections = train_sections(problem, history)
    return (markdown if args.format == "markdown" else table)(sections)


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
