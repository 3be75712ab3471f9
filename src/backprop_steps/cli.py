"""The command line: `python -m backprop_steps trace|train|check|exercises`.

```text
backprop-steps trace NETWORK.json|--example NAME [--order simultaneous|sequential]
                     [--naming mazur|neuralblog] [--format table|json|markdown]
backprop-steps train NETWORK.json|--example NAME --steps N [--order ...] [--naming ...]
                     [--format table|json]
backprop-steps check NETWORK.json|--example NAME MINE.json [--order ...] [--naming ...]
                     [--format text|json]
backprop-steps exercises --seeds LIST [--chapters LIST] [--format moodle|qti] [-o FILE]
```

`trace` prints every quantity of one training step; `train` prints the total error before any
update and after each update, and the final outputs; `check` compares a reader's numbers
(`MINE.json`, any subset of the quantities `trace` prints, by name) with the step's, and
diagnoses the first divergence. `NETWORK.json` (or `MINE.json`) may be `-` for standard input. `exercises` writes the
[exercises][exercises] of the chapters (all, or a list like `4,5` or `1-8`) on the seeds of a
list (`1,2,3`, `1-30`, `1-5,9`), one question per exercise and seed, for a learning-management
system: Moodle XML (to standard output, or `-o FILE`) or a QTI 1.2 package (a zip, `-o FILE`).
`--naming` reads a 2-2-2 network's weights as one of the posts numbers them. The tables state
the options in force, marking those that came from defaults.

Exit codes: 0; for `check`, 1 when a number differs; 2 for bad input, which ends with one line
on standard error naming the field and the problem, and nothing on standard output (and no
file written).

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn, cast

from backprop_steps.check import check, parse_given, report_json
from backprop_steps.examples import EXAMPLES
from backprop_steps.exercises import CHAPTERS
from backprop_steps.jsonshapes import dumps, trace_json, train_json
from backprop_steps.network import CONVENTIONS, naming
from backprop_steps.problem import FIELDS, Problem
from backprop_steps.render import course, lms
from backprop_steps.render.reports import report_text
from backprop_steps.render.tables import markdown, table, trace_sections, train_sections
from backprop_steps.scalar import ORDERS
from backprop_steps.training import step, train

__all__ = ["main"]


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
        ("check", "your numbers for one step against the library's, and what went wrong"),
    ):
        command = commands.add_parser(name, help=help_text, description=help_text)
        if name == "check":
            command.add_argument(
                "files",
                nargs="+",
                metavar="[NETWORK.json] MINE.json",
                help="a network file (unless --example), then your numbers: a JSON object of "
                "name: value, or 'name value' lines",
            )
            command.add_argument("--example", choices=sorted(EXAMPLES), help="a worked example")
        else:
            source = command.add_mutually_exclusive_group(required=True)
            source.add_argument(
                "network",
                nargs="?",
                metavar="NETWORK.json",
                help="a network file, or - for standard input",
            )
            source.add_argument("--example", choices=sorted(EXAMPLES), help="a worked example")
        formats = {
            "trace": ["table", "json", "markdown"],
            "train": ["table", "json"],
            "check": ["text", "json"],
        }[name]
        command.add_argument("--format", choices=formats, default=formats[0])
        if name == "train":
            command.add_argument("--steps", type=_steps, required=True)
        _step_options(command)
    exercises = commands.add_parser(
        "exercises",
        help="the chapters' exercises on a list of seeds, for a learning-management system",
        description="The chapters' exercises on a list of seeds, one numerical question per "
        "exercise and seed, as Moodle XML or a QTI 1.2 package.",
    )
    exercises.add_argument("--seeds", required=True, help="a list of seeds: 1,2,3 or 1-30")
    exercises.add_argument("--chapters", default=None, help="a list of chapters (default: all)")
    exercises.add_argument("--format", choices=sorted(course.FORMATS), default="moodle")
    exercises.add_argument(
        "-o",
        "--output",
        default=None,
        help="the file to write (Moodle XML: default standard output)",
    )
    return parser


def _step_options(command: argparse.ArgumentParser) -> None:
    """The options of the commands that work a step: the update order and the naming."""
    command.add_argument("--order", choices=ORDERS, default=None)
    command.add_argument(
        "--naming",
        choices=sorted(CONVENTIONS),
        default=None,
        help="how a 2-2-2 network numbers its weights (default: as the file or example has it; "
        "mazur for a file)",
    )


def _steps(text: str) -> int:
    try:
        steps = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if steps < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {steps}")
    return steps


def _read(name: str) -> str:
    try:
        return sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValueError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ValueError(f"{name}: is a directory, not a file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{name}: cannot read ({error})") from None


def _network_file(args: argparse.Namespace) -> str | None:
    if args.command != "check":
        return cast(str | None, args.network)
    expected = 1 if args.example else 2
    if len(args.files) != expected:
        what = (
            "MINE.json" if args.example else "NETWORK.json MINE.json (or --example NAME MINE.json)"
        )
        raise ValueError(f"files: expected {what}, got {len(args.files)} file(s)")
    return None if args.example else cast(str, args.files[0])


def _load(args: argparse.Namespace) -> tuple[Problem, list[str]]:
    """The problem, and the options in force as `name value`, marking where each came from."""
    name = _network_file(args)
    if name is None:
        problem, source = EXAMPLES[args.example], "example"
        defaulted: set[str] = set()
    else:
        text = _read(name)
        problem, source = Problem.from_json(text), "file"
        data = json.loads(text)
        defaulted = {f.name for f in FIELDS if f.name not in data}
    network = problem.network
    if args.naming is not None:
        try:
            names = naming(args.naming, network.sizes, network.shared_biases)
        except ValueError as error:  # the library's words, with the option as the reader typed it
            raise ValueError(f"naming: --naming {str(error).removeprefix('naming: ')}") from None
        network = replace(network, naming=names)
        problem = replace(problem, network=network)
    options = [
        f"{f.name} {f.text(f.value(problem))}" + (" (default)" if f.name in defaulted else "")
        for f in FIELDS
        if not f.required and (problem.batched or not f.batches_only)
    ]
    options.append(f"order {args.order or 'simultaneous'}" + ("" if args.order else " (default)"))
    by = "(given)" if args.naming else f"({source})" if source == "example" else "(default)"
    options.append(f"naming {network.names.convention} {by}")
    return problem, options


# --- main -------------------------------------------------------------------------------------


def _render(args: argparse.Namespace, problem: Problem, options: list[str]) -> tuple[str, int]:
    """Compute once (a step, a training run or a check), then write the result."""
    inputs, targets = problem.inputs, problem.targets
    order = args.order or "simultaneous"
    header = "Options: " + ", ".join(options) + "\n\n"
    if args.command == "check":
        report = check(problem, parse_given(_read(args.files[-1])), order)
        code = 0 if report.first_divergence is None else 1
        if args.format == "json":
            return dumps(report_json(report)), code
        return header + report_text(report), code
    if args.command == "trace":
        result = step(problem.network, inputs, targets, order)
        text = dumps(trace_json(result))  # also checks that every value is finite
        if args.format == "json":
            return text, 0
        sections = trace_sections(result)
    else:
        history = train(problem.network, inputs, targets, args.steps, order)
        text = dumps(train_json(history, args.steps))
        if args.format == "json":
            return text, 0
        sections = train_sections(problem, history)
    if args.format == "markdown":
        return "Options: " + ", ".join(options) + "\n\n" + markdown(sections), 0
    return header + table(sections), 0


def _export(args: argparse.Namespace) -> bytes:
    """The exercises of `--chapters` on `--seeds`, in `--format`: all computed before a byte is
    written.
    """
    seeds = course.seed_list(args.seeds)
    chapters = (
        course.number_list(args.chapters, "chapters", sorted(CHAPTERS))
        if args.chapters is not None
        else tuple(CHAPTERS)
    )
    if args.format == "qti" and args.output is None:
        raise ValueError("output: a QTI package is a zip; give the file to write with -o FILE")
    asked = [q for seed in seeds for q in lms.questions(seed) if q.exercise.chapter in chapters]
    return course.export(args.format, asked, chapters, seeds)


def _write_whole(name: str, data: bytes) -> None:
    """Write a file whole or not at all: into a temporary file beside it, then renamed."""
    path = Path(name)
    if path.is_dir():
        raise ValueError(f"output: {name} is a directory, not a file")
    partial: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", delete=False
        ) as file:
            partial = Path(file.name)
            file.write(data)
        os.replace(partial, path)
    except OSError as error:
        if partial is not None:
            partial.unlink(missing_ok=True)
        raise ValueError(f"output: cannot write {name} ({error.strerror or error})") from None


def _exercises(args: argparse.Namespace) -> int:
    try:
        data = _export(args)
        if args.output is not None:
            _write_whole(args.output, data)
    except ValueError as error:
        print(f"backprop-steps: error: {error}", file=sys.stderr)
        return 2
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0; 1 when `check` finds a difference; 2 for
    bad input).

    Introduced in [Check your own calculation][check-your-own].
    """
    args = _parser().parse_args(argv)
    if args.command == "exercises":
        return _exercises(args)
    try:
        text, code = _render(args, *_load(args))
    except ValueError as error:
        print(f"backprop-steps: error: {error}", file=sys.stderr)
        return 2
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `backprop-steps trace ... | head`: the reader has read enough
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return code
