"""What the two posts print against what the library computes, as the errata page's tables.

Every row is written from results: the posts' figures as [`published`][backprop_steps.published]
records them, a trace of each post's example, and the Mazur example trained in both update
orders (which also give the lines its companion code printed,
[`companion_line`][backprop_steps.published.companion_line]). Which figures are errors, and how many, follows from
[`agreement`][backprop_steps.figures.agreement]; nothing here decides it by hand, except the
two errors in the posts' text (not in a figure), listed in `TEXT_ERRORS`.

Introduced in [Errata][errata].
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING

from backprop_steps.display import number
from backprop_steps.figures import agreement, decimals
from backprop_steps.published import (
    COMPANION_COMMIT,
    MAZUR_TRAINING,
    TRAINING_CLAIMS,
    companion_line,
    tally,
)
from backprop_steps.render.tables import html_table

if TYPE_CHECKING:
    from backprop_steps.published import Figure
    from backprop_steps.results import History
    from backprop_steps.scalar import Trace

__all__ = [
    "TEXT_ERRORS",
    "Posts",
    "companion",
    "conventions",
    "errors",
    "every_figure",
    "training_claims",
]

Posts = Mapping[str, tuple[Sequence["Figure"], "Trace"]]
"""Each post's name (`"Mazur"`, `"neuralblog"`), its published figures and a trace of its
example."""

Row = tuple[str, str, str, str, str]

TEXT_ERRORS: tuple[Row, ...] = (
    (
        "Mazur",
        "[hidden layer][hidden-layer]",
        "$net_{h1} = w_1 i_1 + w_3 i_2 + b_1$",
        "$net_{h1} = w_1 i_1 + w_2 i_2 + b_1$",
        "naming: the forward pass (and every number) uses $w_2$ for $i_2 \\to h_1$; "
        "$w_3$ is the neuralblog numbering",
    ),
    (
        "neuralblog",
        "introduction",
        "weights $w_1, w_2, w_2, \\dots, w_8$",
        "$w_1, w_2, w_3, \\dots, w_8$",
        "typo",
    ),
)
"""The errors in the posts' text rather than in a figure: post, where, published, correct,
cause."""

_HEADINGS = ["post", "where", "published", "computed", "cause"]

_WHERE = {
    "training": ("training figure", "training figures"),
    "step": ("figure of its worked step", "figures of its worked step"),
    "text": ("in its text", "in its text"),
}
"""Where in a post an error sits, one and several, as the count of the errors says it."""


def errors(posts: Posts, simultaneous: History, sequential: History) -> str:
    """The errors of both posts, as a table (a card per error on a phone), and their count.

    Args:
        posts: Each post's figures and a trace of its example.
        simultaneous: 10,000 steps of the Mazur example in the simultaneous order.
        sequential: The same in the sequential order.

    Returns:
        The HTML table, a blank line and the sentence that counts the errors per post, and
        where in the post they sit.

    Introduced in [Errata][errata].
    """
    found: list[tuple[str, Row]] = [
        ("training", row) for row in _training_errors(simultaneous, sequential)
    ]
    for post, (figures, step) in posts.items():
        for figure in figures:
            value = figure.value(step)
            if agreement(figure.printed, value) == "wrong":
                where = f"[{figure.chapter.replace('-', ' ')}][{figure.chapter}]"
                printed = f"${figure.symbol} = {figure.printed}$"
                found.append(("step", (post, where, printed, number(value), figure.cause)))
    found += [("text", row) for row in TEXT_ERRORS]
    counts = [
        f"{sum(row[0] == post for _, row in found)} in the {post} post ({_places(post, found)})"
        for post in posts
    ]
    return (
        html_table(_HEADINGS, [row for _, row in found], "bp-stacked", numeric={3})
        + f"\n\n{len(found)} errors: {', '.join(counts)}."
    )


def _places(post: str, found: Sequence[tuple[str, Row]]) -> str:
    """Where a post's errors sit: `4 training figures, 1 figure of its worked step`."""
    places = Counter(place for place, row in found if row[0] == post)
    return ", ".join(f"{n} {_WHERE[place][n != 1]}" for place, n in places.items())


def _training_errors(simultaneous: History, sequential: History) -> list[Row]:
    """The Mazur post's training figures: each is the sequential order's, or one step short."""
    companion = f"the companion code before [{COMPANION_COMMIT[:7]}][update-order-history]"
    where = "[training][training]"

    def claim(name: str) -> str:
        return f"{name}: {MAZUR_TRAINING[name]}"

    first, last = "error after the first step", "error after 10,000 steps"
    rows: list[Row] = [
        (
            "Mazur",
            where,
            claim(first),
            number(TRAINING_CLAIMS[first](simultaneous)),
            "update order: the figure is the sequential order's "
            f"({number(TRAINING_CLAIMS[first](sequential))}), the order of {companion}; the "
            "text describes the simultaneous one",
        )
    ]
    for o in ("o1", "o2"):
        value = TRAINING_CLAIMS[f"out_{o} after 10,000 steps"]
        rows.append(
            (
                "Mazur",
                where,
                f"$out_{{{o}}}$ after 10,000 steps: {MAZUR_TRAINING[f'out_{o} after 10,000 steps']}",
                number(value(simultaneous)),
                f"update order: the figure is the sequential order's ({number(value(sequential))})",
            )
        )
    rows.append(
        (
            "Mazur",
            where,
            claim(last),
            number(TRAINING_CLAIMS[last](simultaneous), decimals=10),
            "step count: the figure matches the simultaneous order's error after 9,999 steps "
            f"({number(simultaneous.errors[9_999], decimals=10)}); the sequential order gives "
            f"{number(TRAINING_CLAIMS[last](sequential), decimals=10)} after 10,000",
        )
    )
    return rows


def companion(simultaneous: History, sequential: History) -> str:
    """What the companion code printed, before and from its commit 4b6faac, beside the total
    error of each order and the post's figures: a row each, a column per count of steps (1,
    9,999 and 10,000).

    Each total error is shown at the decimals of the post's figure on the same count of steps
    (10 for 9,999, which the post does not claim, as for 10,000).

    Args:
        simultaneous: 10,000 steps of the Mazur example in the simultaneous order.
        sequential: The same in the sequential order.

    Returns:
        The HTML table (a card per row on a phone).

    Introduced in [Errata][errata].
    """
    counts = (1, 9_999, 10_000)
    published = {1: MAZUR_TRAINING["error after the first step"]}
    published[10_000] = MAZUR_TRAINING["error after 10,000 steps"]
    places = [decimals(published.get(steps, published[10_000])) for steps in counts]
    commit = COMPANION_COMMIT[:7]
    rows = [
        [f"the code before {commit} prints"]
        + [_line(companion_line(sequential, steps)) for steps in counts],
        ["total error, sequential order"]
        + [number(sequential.errors[s], decimals=d) for s, d in zip(counts, places, strict=True)],
        [f"the code from {commit} on prints"]
        + [_line(companion_line(simultaneous, steps, outputs=1)) for steps in counts],
        ["total error, simultaneous order"]
        + [number(simultaneous.errors[s], decimals=d) for s, d in zip(counts, places, strict=True)],
        ["the post prints"] + [published.get(steps, "no figure") for steps in counts],
    ]
    headings = ["value", *(f"after {steps:,} step{'s' if steps > 1 else ''}" for steps in counts)]
    return html_table(headings, rows, "bp-stacked", numeric={1, 2, 3})


def _line(printed: str) -> str:
    """A line a program printed, as code that the stylesheet keeps on one line."""
    return f'<code class="bp-printed">{escape(printed)}</code>'


def conventions(posts: Posts) -> str:
    """One line per post with one habit of writing the figures of its worked step: rounding or
    truncating.

    A post whose figures show neither habit alone gets no line (each figure that fits neither
    is an error, in the table of [`errors`][backprop_steps.render.errata.errors]).

    Args:
        posts: Each post's figures and a trace of its example.

    Returns:
        A Markdown list.

    Introduced in [Errata][errata].
    """
    lines = []
    for post, (figures, step) in posts.items():
        kinds = tally(figures, step)
        places = Counter(
            decimals(f.printed) for f in figures if agreement(f.printed, f.value(step)) != "exact"
        )
        shown = " or ".join(str(d) for d in sorted(places))
        if kinds["truncation"] and not kinds["rounding"]:
            kind, habit, done, other = "truncation", "truncates", "truncated", "rounding"
        elif kinds["rounding"] and not kinds["truncation"]:
            kind, habit, done, other = "rounding", "rounds", "rounded", "truncating"
        else:
            continue
        wrong = kinds["wrong"]
        among = "the error among them" if wrong == 1 else "the errors among them"
        errors_here = f"; {wrong} fits neither, {among} listed above" if wrong else ""
        lines.append(
            f"- **The {post} post {habit} the figures of its worked step to {shown} decimals**: "
            f"{kinds[kind]} of its {len(figures)} figures are {done} where {other} would give "
            f"another last digit; {kinds['ambiguous']} more read the same either way and "
            f"{kinds['exact']} {'is' if kinds['exact'] == 1 else 'are'} exact{errors_here}."
        )
    return "\n".join(lines)


def every_figure(posts: Posts) -> str:
    """Every figure of the posts beside the computed value, and how the two agree.

    Args:
        posts: Each post's figures and a trace of its example.

    Returns:
        The HTML table.

    Introduced in [Errata][errata].
    """
    rows = [
        (
            post,
            f"${f.symbol}$",
            f.printed,
            number(f.value(step)),
            agreement(f.printed, f.value(step)),
        )
        for post, (figures, step) in posts.items()
        for f in figures
    ]
    headings = ["post", "quantity (post's naming)", "published", "computed", "the figure is"]
    return html_table(headings, rows, "bp-stacked", numeric={2, 3})


def training_claims(simultaneous: History, sequential: History) -> str:
    """The Mazur post's training claims against both update orders, the matching ones in bold.

    A computed value is bold when the published figure is that value, rounded or not (or
    either), to the figure's decimals.

    Args:
        simultaneous: 10,000 steps of the Mazur example in the simultaneous order.
        sequential: The same in the sequential order.

    Returns:
        A Markdown table, a blank line, and the sentence that places the published final error.

    Introduced in [Training][training].
    """
    lines = [
        "| claim in the post | published | simultaneous order | sequential order |",
        "|---|---:|---:|---:|",
    ]
    for claim, published in MAZUR_TRAINING.items():
        places = decimals(published)
        cells = []
        for history in (simultaneous, sequential):
            value = TRAINING_CLAIMS[claim](history)
            bold = agreement(published, value) in ("exact", "rounding", "ambiguous")
            mark = "**" if bold else ""
            cells.append(f"{mark}{number(value, decimals=places)}{mark}")
        lines.append(f"| {claim} | {published} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines) + (
        "\n\nThe published error after 10,000 steps matches the simultaneous order's error "
        f"after 9,999 steps, {number(simultaneous.errors[9_999], decimals=10)}, to its 10 "
        "decimals."
    )
