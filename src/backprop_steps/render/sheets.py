r"""A seed's exercise sheet and its answer key, printable on one A4 page each.

A sheet is what a student gets: the seed's network (its numbers, and what each chapter changes:
chapter 6's biases learn, chapter 7's outputs are a softmax with cross-entropy and targets
$t_1, 1 - t_1$, chapter 8 names the weights as the neuralblog post does) and every exercise of
[`EXERCISES`][backprop_steps.exercises.EXERCISES] with a blank for the answer. The key is the
same page with the answers in the blanks, each at
[`DECIMALS`][backprop_steps.exercises.DECIMALS] as a careful person may write it, rounded or
truncated, and the rule an answer is marked by.

[`givens`][backprop_steps.render.sheets.givens], [`described`][backprop_steps.render.sheets.described]
and [`spelled`][backprop_steps.render.sheets.spelled] are shared with the
[export][backprop_steps.render.lms], which writes the same numbers for a learning-management
system: a name's symbol in TeX for the pages, in HTML for the systems.

Examples:
    >>> spelled("dE_total/dw6", "html"), spelled("w6+", "tex")
    ('∂E<sub>total</sub>/∂w<sub>6</sub>', 'w_{6}^+')
    >>> answers(4, 1)[0][1]
    (('0.064470', ('half-up', 'half-even', 'truncation')),)

Introduced in [Exercises][exercises].
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape
from typing import Literal

from backprop_steps.display import number
from backprop_steps.exercises import (
    CHAPTERS,
    DECIMALS,
    FEWEST_SIGNIFICANT,
    Exercise,
    exercises,
    problem,
)
from backprop_steps.figures import decimals, rules, written_forms
from backprop_steps.problem import Problem
from backprop_steps.quantities import computed
from backprop_steps.render import latex

__all__ = [
    "TOLERANCE",
    "Form",
    "Written",
    "answers",
    "described",
    "givens",
    "key",
    "rule",
    "sheet",
    "spelled",
    "task",
]

Form = Literal["tex", "html"]
"""How a symbol is spelled: TeX for the site's pages (KaTeX), HTML for a learning-management
system (`<sub>`, which every system shows)."""

TOLERANCE = Decimal(1).scaleb(-DECIMALS)
"""What a learning-management system accepts on either side of an answer: a unit in the
`DECIMALS`-th place, so that the answer rounded or truncated to `DECIMALS` is within it."""

_GREEK = {"delta": (r"\delta", "δ"), "eta": (r"\eta", "η")}


def _term(name: str, form: Form) -> str:
    """One name: `w6`, `h1`, `net_h1`, `E_total`, `delta_o2`, `target_o1`, `eta`."""
    head, underscore, sub = name.partition("_")
    if not underscore:  # w6, h1, i1, eta
        if name in _GREEK:
            return _GREEK[name][form == "html"]
        head, sub = name[0], name[1:]
    shown = _GREEK[head][form == "html"] if head in _GREEK else head
    if form == "html":
        return f"{escape(shown)}<sub>{escape(sub)}</sub>"
    return f"{shown}_{{{latex.subscript(sub)}}}"


def spelled(name: str, form: Form) -> str:
    r"""A quantity's symbol, named as the `trace` table names it (`"dE_total/dw6"`, `"w6+"`,
    `"delta_h2"`), or a given's (`"target_o1"`, `"eta"`), in TeX or in HTML.

    Introduced in [Exercises][exercises].
    """
    if name.endswith("+"):
        return _term(name[:-1], form) + ("<sup>+</sup>" if form == "html" else "^+")
    top, slash, bottom = name.partition("/")
    if not slash:
        return _term(name, form)
    if form == "html":
        return f"∂{_term(top[1:], form)}/∂{_term(bottom[1:], form)}"
    return latex.derivative(_term(top[1:], form), _term(bottom[1:], form))


_NAMES = re.compile(r"\b(?:net|out)_[a-z]\d+\b|\b[whbo]\d+\b")
"""The tutorial's names in a task's words: `w6`, `h1`, `out_h2`."""


def _math(tex: str) -> str:
    return f'<span class="arithmatex">\\({escape(tex, quote=False)}\\)</span>'


def task(exercise: Exercise, form: Form) -> str:
    """What an exercise asks, as HTML: its words, each name of the tutorial as a symbol, then
    the quantity's symbol.

    Introduced in [Exercises][exercises].
    """
    if form == "html":
        words = _NAMES.sub(lambda m: spelled(m.group(), form), escape(exercise.task))
        return f"{words}, {spelled(exercise.quantity, form)}"
    words = _NAMES.sub(lambda m: _math(spelled(m.group(), form)), escape(exercise.task))
    return f"{words}, {_math(spelled(exercise.quantity, form))}"


# --- the network --------------------------------------------------------------------------------


def givens(case: Problem) -> list[tuple[str, list[tuple[str, str]]]]:
    """The numbers a network starts from, in groups (inputs, targets, each layer, the learning
    rate): each a given's name in the network's naming (`"w5"`, `"target_o1"`, `"eta"`) and its
    value in its short form (`"0.15"`).

    Introduced in [Exercises][exercises].
    """
    network, names = case.network, case.network.names
    inputs, targets = case.example
    outputs = names.neuron_names(len(network.layers) - 1)
    groups = [
        ("inputs", list(zip(names.neuron_names(-1), inputs, strict=True))),
        ("targets", [(f"target_{o}", t) for o, t in zip(outputs, targets, strict=True)]),
    ]
    for l, title in enumerate(("hidden layer", "output layer")):
        named = sorted((w for w, (layer, _, _) in names.weights.items() if layer == l), key=_order)
        named += [b for b, (layer, _) in names.biases.items() if layer == l]
        groups.append((title, [(p, network.parameter(p)) for p in named]))
    groups.append(("learning rate", [("eta", network.learning_rate)]))
    return [(title, [(n, number(v, given=True)) for n, v in pairs]) for title, pairs in groups]


def _order(name: str) -> int:
    return int(name[1:])


_ACTIVATIONS = {"sigmoid": "logistic", "softmax": "softmax"}
_LOSSES = {"squared_error": "squared error", "cross_entropy": "cross-entropy error"}
_POSTS = {"mazur": "the Mazur post", "neuralblog": "the neuralblog post"}


def described(case: Problem) -> tuple[str, ...]:
    """A network in words, one phrase per choice a chapter may change: the hidden neurons, the
    outputs, the error, the biases and the naming of the weights.

    Examples:
        >>> described(problem(7, 1))[1:3]
        ('softmax outputs', 'cross-entropy error')

    Introduced in [Exercises][exercises].
    """
    network = case.network
    hidden, output = (
        _ACTIVATIONS.get(layer.activation, layer.activation) for layer in network.layers
    )
    return (
        f"{hidden} hidden neurons",
        f"{output} outputs",
        _LOSSES.get(network.loss, network.loss),
        "biases learn" if network.update_biases else "biases fixed",
        f"weights numbered as in {_POSTS.get(network.names.convention, network.names.convention)}",
    )


def _givens_html(groups: Sequence[tuple[str, list[tuple[str, str]]]]) -> str:
    rows = "".join(
        f"<div><dt>{title}</dt><dd>"
        + ", ".join(_math(f"{spelled(name, 'tex')} = {value}") for name, value in pairs)
        + "</dd></div>"
        for title, pairs in groups
    )
    return f'<dl class="bp-sheet__givens">{rows}</dl>'


def _chapters(chapters: Sequence[int]) -> str:
    return (
        f"Chapter {chapters[0]}" if len(chapters) == 1 else f"Chapters {chapters[0]}–{chapters[-1]}"
    )


def _network(seed: int) -> str:
    """The seed's network as the first chapter has it, then what each later chapter changes."""
    first = problem(1, seed)
    shown = givens(first)
    base = dict(pair for _, pairs in shown for pair in pairs)
    same, changes = [], []
    for chapter in CHAPTERS:
        case = problem(chapter, seed)
        words = [w for w, b in zip(described(case), described(first), strict=True) if w != b]
        changed = [(t, pairs) for t, pairs in givens(case) if any(base[n] != v for n, v in pairs)]
        if not words and not changed:
            same.append(chapter)
            continue
        numbers = "; ".join(
            f"{title} " + ", ".join(_math(f"{spelled(n, 'tex')} = {v}") for n, v in pairs)
            for title, pairs in changed
        )
        said = "; ".join(filter(None, [", ".join(words), numbers]))
        changes.append(f"<p><strong>Chapter {chapter}</strong>: {said}.</p>")
    return (
        f'<div class="bp-sheet__network"><p><strong>{_chapters(same)}</strong>: '
        f"{', '.join(described(first))}.</p>{_givens_html(shown)}{''.join(changes)}</div>"
    )


# --- the answers ----------------------------------------------------------------------------------


Written = tuple[tuple[str, tuple[str, ...]], ...]
"""Figures a careful person may write for a value, each with the [`RULES`][backprop_steps.figures.RULES]
that give it."""


def answers(chapter: int, seed: int) -> list[tuple[Exercise, Written]]:
    """A chapter's exercises on a seed's network, each with its answer at `DECIMALS`: every
    figure a careful person may write for it there (of its
    [`written_forms`][backprop_steps.figures.written_forms]), with the rules that give it.

    Introduced in [Exercises][exercises].
    """
    values = computed(problem(chapter, seed))
    found = []
    for exercise in exercises(chapter):
        value = values[exercise.quantity]
        forms = written_forms(value, FEWEST_SIGNIFICANT, DECIMALS)
        at = [f for f in forms if decimals(f) == DECIMALS]
        found.append((exercise, tuple((f, rules(f, value)) for f in at)))
    return found


def rule() -> str:
    """The rule an answer is marked by, in one paragraph of HTML: on paper, and in a
    learning-management system (within [`TOLERANCE`][backprop_steps.render.sheets.TOLERANCE]).

    Introduced in [Exercises][exercises].
    """
    return (
        f'<p class="bp-sheet__rule">Each answer is asked to {DECIMALS} decimals. An answer is '
        "right when it is the exact value rounded (half up or half to even) or truncated to the "
        f"decimals written, with at least {FEWEST_SIGNIFICANT} significant digits. The "
        f"quizzes of a learning-management system accept the value ± {TOLERANCE:f}: a unit in "
        f"decimal {DECIMALS}.</p>"
    )


def _page(seed: int, title: str, table: str, extra: str, named: bool = True) -> str:
    name = '<p class="bp-sheet__name">Name: <span class="bp-sheet__line"></span></p>'
    return (
        f'<section class="bp-sheet" data-seed="{seed}" aria-labelledby="bp-sheet-{seed}">'
        f'<div class="bp-sheet__head"><h2 id="bp-sheet-{seed}">{title} · seed {seed}</h2>'
        f"{name if named else ''}</div>{extra}{_network(seed)}{table}</section>"
    )


def _table(seed: int, head: str, cell: Callable[[Written], str]) -> str:
    rows = []
    for chapter in CHAPTERS:
        for exercise, forms in answers(chapter, seed):
            rows.append(
                f'<tr><th scope="row">{exercise.id}</th><td>{task(exercise, "tex")}</td>'
                f"{cell(forms)}</tr>"
            )
    return (
        '<table class="bp-sheet__table"><thead><tr><th scope="col">Exercise</th>'
        f'<th scope="col">Compute</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def sheet(seed: int) -> str:
    """A seed's exercise sheet, HTML: the network and every exercise with a blank.

    Introduced in [Exercises][exercises].
    """
    instructions = (
        f'<p class="bp-sheet__rule">Work each quantity out by hand on this network, carrying '
        f"every digit your calculator gives, and write it to {DECIMALS} decimals.</p>"
    )
    head = '<th scope="col">Your answer</th>'
    table = _table(seed, head, lambda _: '<td class="bp-sheet__blank"></td>')
    return _page(seed, "Exercises", table, instructions)


def key(seed: int) -> str:
    """A seed's answer key, HTML: the sheet with every answer at `DECIMALS` and the rule an
    answer is marked by.

    Introduced in [Exercises][exercises].
    """

    def cell(forms: Written) -> str:
        rounded = [f for f, by in forms if {"half-up", "half-even"} & set(by)]
        truncated = [f for f, by in forms if "truncation" in by]
        return "".join(
            f'<td class="bp-sheet__answer">{" or ".join(figures)}</td>'
            for figures in (rounded, truncated)
        )

    head = '<th scope="col">Rounded</th><th scope="col">Truncated</th>'
    return _page(seed, "Answer key", _table(seed, head, cell), rule(), named=False)
