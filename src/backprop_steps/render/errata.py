"""What the two posts print against what the library computes, as the errata page's tables.

Every row is written from results: the posts' figures as [`published`][backprop_steps.published]
records them, a trace of each post's example, and the Mazur example trained in both update
orders. Which figures are errors, and how many, follows from
[`agreement`][backprop_steps.figures.agreement]; nothing here decides it by hand, except the
two errors in the posts' text (not in a figure), listed in `TEXT_ERRORS`.

Introduced in [Errata][errata].
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, cast

from backprop_steps.display import number
from backprop_steps.figures import agreement, decimals
from backprop_steps.published import MAZUR_TRAINING, tally
from backprop_steps.render.tables import html_table

if TYPE_CHECKING:
    from backprop_steps.published import Figure
    from backprop_steps.results import History
    from backprop_steps.scalar import Trace

__all__ = [
    "COMPANION_COMMIT",
    "TEXT_ERRORS",
    "TRAINING_VALUES",
    "Posts",
    "conventions",
    "errors",
    "every_figure",
    "training_claims",
]

Posts = Mapping[str, tuple[Sequence["Figure"], "Trace"]]
"""Each post's name (`"Mazur"`, `"neuralblog"`), its published figures and a trace of its
example."""

Row = tuple[str, str, str, str, str]

COMPANION_COMMIT = "4b6faacd9d8cca34d6c70dd8ab9668988c0ea547"
"""The commit of the Mazur post's companion code that changed its update order to the
simultaneous one."""

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

TRAINING_VALUES: Mapping[str, Callable[[History], float]] = {
    "error after the first step": lambda h: h.errors[1],
    "error after 10,000 steps": lambda h: h.errors[10_000],
    "out_o1 after 10,000 steps": lambda h: cast("Sequence[float]", h.outputs)[0],
    "out_o2 after 10,000 steps": lambda h: cast("Sequence[float]", h.outputs)[1],
}
"""Each claim of [`MAZUR_TRAINING`][backprop_steps.published.MAZUR_TRAINING], read from a
history of 10,000 steps of the Mazur example."""

_HEADINGS = ["post", "where", "published", "computed", "cause"]


def errors(posts: Posts, simultaneous: History, sequential: History) -> str:
    """The errors of both posts, as a table (a card per error on a phone), and their count.

    Args:
        posts: Each post's figures and a trace of its example.
        simultaneous: 10,000 steps of the Mazur example in the simultaneous order.
        sequential: The same in the sequential order.

    Returns:
        The HTML table, a blank line and the sentence that counts the errors per post.

    Introduced in [Errata][errata].
    """
    rows = _training_errors(simultaneous, sequential)
    for post, (figures, step) in posts.items():
        for figure in figures:
            value = figure.value(step)
            if agreement(figure.printed, value) == "wrong":
                where = f"[{figure.chapter.replace('-', ' ')}][{figure.chapter}]"
                printed = f"${figure.symbol} = {figure.printed}$"
                rows.append((post, where, printed, number(value), figure.cause))
    rows += TEXT_ERRORS
    count = Counter(row[0] for row in rows)
    return (
        html_table(_HEADINGS, rows, "bp-stacked", numeric={3})
        + f"\n\n{len(rows)} errors: {count['Mazur']} in the Mazur post, "
        f"{count['neuralblog']} in the neuralblog post."
    )


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
            number(TRAINING_VALUES[first](simultaneous)),
            "update order: the figure is the sequential order's "
            f"({number(TRAINING_VALUES[first](sequential))}), as in {companion}; the text "
            "describes the simultaneous one",
        )
    ]
    for o in ("o1", "o2"):
        value = TRAINING_VALUES[f"out_{o} after 10,000 steps"]
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
            number(TRAINING_VALUES[last](simultaneous), decimals=10),
            "step count: the figure is the simultaneous order's error after 9,999 steps "
            f"({number(simultaneous.errors[9_999], decimals=10)}); the sequential order gives "
            f"{number(TRAINING_VALUES[last](sequential), decimals=10)} after 10,000",
        )
    )
    return rows


def conventions(posts: Posts) -> str:
    """One line per post with one habit of writing its figures: rounding or truncating.

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
        errors_here = f"; {kinds['wrong']} is wrong (above)" if kinds["wrong"] else ""
        lines.append(
            f"- **The {post} post {habit} its figures to {shown} decimals**: "
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
            value = TRAINING_VALUES[claim](history)
            bold = agreement(published, value) in ("exact", "rounding", "ambiguous")
            mark = "**" if bold else ""
            cells.append(f"{mark}{number(value, decimals=places)}{mark}")
        lines.append(f"| {claim} | {published} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines) + (
        "\n\nThe published error after 10,000 steps is the simultaneous order's error after "
        f"9,999 steps, {number(simultaneous.errors[9_999], decimals=10)}."
    )
