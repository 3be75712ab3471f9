"""One number format everywhere: the rule of `display.number`, which the notation page and the
forward pass chapter state, holds on every built page and in the command line's tables.

Read from the built HTML, without a browser: the prose, tables, equations, drawings and the
blocks that show the command line's output of every page (not the API reference, and not the
`>>>` examples, whose output sybil checks against `Rounded`). What the rule forbids, and a
reader would see:

- a given value of a worked example padded with zeros (`0.150000000` for $w_1 = 0.15$);
- a computed value below 0.0001 at 9 decimals (`0.000035102`) instead of `3.510e-05`;
- more than 9 decimals (`0.0000351019`) where the page does not say it compares with a figure
  printed at that precision (the words "10 decimals", or the published figure beside it); the
  JSON and CSV a page shows keep every digit, as the command line's JSON does;
- a scientific form other than the one (`3.510e-05`), such as `3.510187783e-05` or `3.51e-05`.

A value that the rule strikes through to show what it avoids is in `<del>` and not read, nor is
a line another program printed, quoted as it printed it (`<code class="bp-printed">`: the
errata's companion code).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from backprop_steps.cli import main
from backprop_steps.display import SMALL
from backprop_steps.examples import EXAMPLES
from backprop_steps.problem import Problem
from backprop_steps.published import MAZUR_FIGURES, MAZUR_TRAINING, NEURALBLOG_FIGURES


def given_values(problem: Problem) -> set[float]:
    """Every number a reader is given: inputs, targets, weights, biases, the learning rate."""
    network = problem.network
    values = {network.learning_rate, *problem.inputs, *problem.targets}  # type: ignore[arg-type]
    for layer in network.layers:
        values |= {w for row in layer.weights for w in row}
        values |= set(layer.biases) if isinstance(layer.biases, tuple) else {layer.biases}
    return {float(v) for v in values}


PADDED = {f"{v:.9f}" for problem in EXAMPLES.values() for v in given_values(problem)}
"""The worked examples' given values as 9 decimals would pad them: `0.150000000`, ..."""

COMPUTED_ALIKE = {
    "chapters/13-deeper-networks/": {"0.500000000", "0.250000000", "0.010000000"},
    "neuralblog": {"0.050000000"},
}
"""Computed values that equal a given value to 9 decimals, by page (or by example, for the
command line): the activations' values and slopes at round net inputs, $\\sigma(0) = 0.5$,
$\\sigma'(0) = 0.25$ and the leaky slope 0.01; the neuralblog example's $out_{o1}$ after 10,000
steps, which has reached its target 0.05."""

PUBLISHED = {
    *(f.printed for f in (*MAZUR_FIGURES, *NEURALBLOG_FIGURES)),
    *MAZUR_TRAINING.values(),
}
"""The posts' figures, as printed: a number at their precision may stand beside them."""

NUMBER = re.compile(r"(?<![\w.])-?(?:\d+\.\d+(?:e[+-]?\d+)?|\d+e[+-]?\d+)(?![\w.])")
ONE_SCIENTIFIC = re.compile(r"-?\d\.\d{3}e[+-]\d{2,3}")
GIVEN_POWER = re.compile(r"\de[+-]\d{2}")
"""A power of ten as given, `1e-05` (a step size), in Python's short form."""

_BLOCK_END = re.compile(r"</(?:p|li|table|pre|h\d|div|figcaption|summary|text)>")


def blocks(page: str) -> list[str]:
    """The text of each block of a page's article (paragraph, list item, table, equation,
    output block, label of a drawing), in order."""
    article = page[page.find("<article") : page.find("</article>")]
    article = re.sub(r"<(script|style|del)\b.*?</\1>|<!--.*?-->", " ", article, flags=re.S)
    article = re.sub(r'<code class="bp-printed">.*?</code>', " ", article, flags=re.S)
    article = re.sub(r"<pre\b.*?</pre>", _kept, article, flags=re.S)
    parts = _BLOCK_END.sub("\x00", article).split("\x00")
    texts = (html.unescape(re.sub(r"<[^>]+>", " ", part)) for part in parts)
    return [" ".join(text.split()) for text in texts if text.strip()]


def _kept(pre: re.Match[str]) -> str:
    """A code block, unless it holds `>>>` examples, JSON or CSV (which keep every digit)."""
    text = html.unescape(re.sub(r"<[^>]+>", "", pre.group())).strip()
    data = text.startswith(("{", "[")) or re.fullmatch(
        r"[\w.\-\[\]]+(,[\w.\-\[\]]+)+", text.split("\n")[0]
    )
    return " " if ">>>" in text or data else pre.group()


def _context(texts: list[str], i: int) -> str:
    """A block with the blocks before it back to the nearest one that is not an equation: the
    sentence that introduces a display (in its wide and its narrow layout) comes with it."""
    start = i
    while start > 0 and texts[start].startswith("\\["):
        start -= 1
    return " ".join(texts[max(start - (start == i), 0) : i + 1])


def decimals(token: str) -> int:
    return len(token.partition(".")[2])


def violations(texts: list[str], computed_alike: set[str] | None = None) -> list[str]:
    """What breaks the rule in a page's (or an output's) blocks, each with its context."""
    found = []
    for i, block in enumerate(texts):
        context = _context(texts, i)
        for match in NUMBER.finditer(block):
            token = match.group().lstrip("-")
            where = f"{token!r} in {block[max(match.start() - 60, 0) : match.end() + 30]!r}"
            if "e" in token:
                if not (ONE_SCIENTIFIC.fullmatch(token) or GIVEN_POWER.fullmatch(token)):
                    found.append(f"a scientific form other than 3.510e-05: {where}")
            elif decimals(token) == 9 and token in PADDED and token not in (computed_alike or ()):
                found.append(f"a given value padded with zeros: {where}")
            elif decimals(token) == 9 and 0 < float(token) < SMALL:
                found.append(f"a value below {SMALL} at 9 decimals: {where}")
            elif decimals(token) > 9 and token not in PUBLISHED:
                said = f"{decimals(token)} decimals" in context
                beside = any(p in context and decimals(p) == decimals(token) for p in PUBLISHED)
                if not (said or beside):
                    found.append(f"{decimals(token)} decimals, not said to compare: {where}")
    return found


def test_the_rule_finds_each_kind_of_break() -> None:
    texts = [
        "w1 0.150000000",
        "E_total 0.000035102",
        "E_total 0.0000351019",
        "E_total 3.510187783e-05 and 3.51e-05",
        "at 10 decimals: 0.0000351019; the post: 0.0000351085 beside 0.0000350848",
        "fine: 0.15, 0.593269992, 3.510e-05, 1e-05, 0.000000000, -0.000438568",
    ]
    kinds = [v.split(":")[0] for v in violations(texts)]
    assert kinds == [
        "a given value padded with zeros",
        f"a value below {SMALL} at 9 decimals",
        "10 decimals, not said to compare",
        "a scientific form other than 3.510e-05",
        "a scientific form other than 3.510e-05",
    ]


def test_every_page_writes_numbers_by_the_one_rule(site: Path) -> None:
    found = []
    for path in sorted(site.rglob("index.html")):
        page = path.parent.relative_to(site).as_posix().removeprefix(".") + "/"
        if page.startswith(("reference/", "assets/")):
            continue
        texts = blocks(path.read_text(encoding="utf-8"))
        found += [f"{page}: {v}" for v in violations(texts, COMPUTED_ALIKE.get(page, set()))]
    assert not found, "\n".join(found)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    main(list(argv))
    return capsys.readouterr().out


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_the_command_line_tables_write_numbers_by_the_one_rule(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, example: str
) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"out_h1": "0.5933", "E_total": "0.2984", "w5+": "0.3589"}))
    outputs = [
        run(capsys, "trace", "--example", example),
        run(capsys, "trace", "--example", example, "--format", "markdown"),
        run(capsys, "trace", "--example", example, "--order", "sequential"),
        run(capsys, "train", "--example", example, "--steps", "10000"),
        run(capsys, "check", "--example", example, str(mine)),
    ]
    texts = [line for output in outputs for line in output.splitlines()]
    assert not violations(texts, COMPUTED_ALIKE.get(example))
