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
from typing import TYPE_CHECKING, Any, NoReturn

from backprop_steps.display import plain
from backprop_steps.examples import EXAMPLES
from backprop_steps.network import Network, Problem
from backprop_steps.render.tables import markdown, table, trace_sections, train_sections
from backprop_steps.scalar import ORDERS, Trace
from backprop_steps.training import History, step, train

if TYPE_CHECKING:
    from backprop_steps.vectorized import BatchTrace

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


def trace_json(result: Trace | BatchTrace) -> dict[str, Any]:
    """Every quantity of one step in the CLI's JSON shape (full-precision floats).

    Args:
        result: The step, on one example or on a batch.

    Returns:
        `layers` (`net`, `out`), `loss` (`per_output`, `total`), `deltas`, `gradients` and
        `updated`, in layer order; a batch carries the example dimension first.

    Introduced in [Check your own calculation][check-your-own].
    """
    if isinstance(result, Trace):
        layers = [{"net": plain(v.net), "out": plain(v.out)} for v in result.layers]
    else:
        layers = [{"net": plain(n), "out": plain(o)} for n, o in zip(result.NET, result.OUT)]
    gradients = result.gradients
    return {
        "layers": layers,
        "loss": {"per_output": plain(result.errors), "total": float(result.total_error)},
        "deltas": [plain(d) for d in result.deltas],
        "gradients": [
            {"weights": plain(w), "biases": plain(b)}
            for w, b in zip(gradients.weights, gradients.biases, strict=True)
        ],
        "updated": _parameters(result.updated),
    }


def train_json(history: History, steps: int) -> dict[str, Any]:
    """The result of `train` in the CLI's JSON shape.

    Args:
        history: The training run.
        steps: How many steps it made.

    Returns:
        `steps`, `order`, `errors` (the total error before any update, then after each),
        `outputs` and `layers` (the trained weights and biases).

    Introduced in [Check your own calculation][check-your-own].
    """
    return {
        "steps": steps,
        "order": history.order,
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
    """Compute once (a step, or a training run), then write the result in the chosen format."""
    inputs, targets = problem.inputs, problem.targets
    if args.command == "trace":
        result = step(problem.network, inputs, targets)
        text = _dumps(trace_json(result))  # also checks that every value is finite
        if args.format == "json":
            return text
        sections = trace_sections(result)
    else:
        history = train(problem.network, inputs, targets, args.steps, args.order)
        text = _dumps(train_json(history, args.steps))
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
