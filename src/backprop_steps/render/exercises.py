r"""The exercises at the end of a chapter: the section of the page, and the data its script checks
a typed answer against.

Everything is worked out here, when the site is built; the page's script
(`docs/assets/javascripts/exercises.js`) only compares the text a student types with the
figures listed for each exercise. [`section`][backprop_steps.render.exercises.section] is the
HTML of a chapter's "Exercises" section on the chapter's own network, its data inlined;
[`data`][backprop_steps.render.exercises.data] is the data of one chapter on one seed's network,
which the page fetches when a student asks for new numbers; [`files`][backprop_steps.render.exercises.files]
is every such file, for every seed of [`SEEDS`][backprop_steps.exercises.SEEDS], as the site
publishes them under [`FOLDER`][backprop_steps.render.exercises.FOLDER].

The data of one chapter on one network, as JSON:

- `chapter`, `seed` (`null`: the chapter's network), `network` (in words);
- `givens`: the network's numbers as the chapter writes them, HTML with KaTeX's delimiters;
- `calculator`: the calculator's address fragment for the network, its **Compare** box listing
  the exercises' quantities;
- `working`: the blocks of equations that show the working, HTML (a block shared by two
  exercises is written once);
- `diagnoses`: each catalogued mistake that gives one of the exercises a value of its own:
  `mistake` (the first mistake's name), `message` (what it is, in the checker's words) and
  `also` (the names of the other mistakes that give the same value);
- `exercises`: for each, `id` (`"4.1"`), `quantity`, `symbol` (LaTeX), `task`, `forms` (of the
  answer), `slips` and `working` (the indices of its blocks); a slip is `[forms, diagnosis]`,
  the figures of the value a mistake gives and the index of its diagnosis.

`forms` lists every figure a careful person may write for a value
([`Solution.forms`][backprop_steps.exercises.Solution.forms]) in three parts,
[`packed`][backprop_steps.render.exercises.packed]: a figure, the fewest decimals from which its
shortenings are figures too, and the figures that are not such shortenings. The script unpacks
them by cutting the text; it never rounds.

Introduced in [Exercises][exercises].
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from html import escape
from typing import Any

from backprop_steps.display import number
from backprop_steps.exercises import (
    CHAPTERS,
    DECIMALS,
    FEWEST_SIGNIFICANT,
    SEEDS,
    Slipped,
    Solution,
    exercises,
    problem,
    solutions,
)
from backprop_steps.figures import MOST_DECIMALS
from backprop_steps.problem import Problem
from backprop_steps.render import latex
from backprop_steps.render.calculator import request_of
from backprop_steps.render.layout import html
from backprop_steps.render.permalink import permalink, to_fill_in
from backprop_steps.render.working import Block, quantity_symbol, working
from backprop_steps.scalar import trace

__all__ = [
    "FOLDER",
    "data",
    "file",
    "files",
    "givens_html",
    "packed",
    "paths",
    "section",
]

FOLDER = "exercises/data"
"""Where the site publishes the data files, one per chapter and seed: `4/17.json`."""


def _inline(tex: str) -> str:
    return f'<span class="arithmatex">\\({escape(tex, quote=False)}\\)</span>'


_NAMES = re.compile(r"\b(?:net|out)_[a-z]\d+\b|\b[whbo]\d+\b")
"""The tutorial's names in a task's words: `w6`, `h1`, `out_h2`."""


def _task(task: str) -> str:
    """A task's words as HTML, each name of the tutorial in its symbol."""
    return _NAMES.sub(lambda m: _inline(quantity_symbol(m.group())), escape(task))


# --- the givens -------------------------------------------------------------------------------


def givens_html(network_problem: Problem) -> str:
    r"""The numbers a network starts from, as the chapters write them: $i_1$, $target_{o1}$,
    each weight and bias by its name in the network's naming, $\eta$; given numbers in their
    short form.

    Introduced in [Exercises][exercises].
    """
    network, names = network_problem.network, network_problem.network.names
    inputs, targets = network_problem.example
    outputs = names.neuron_names(len(network.layers) - 1)
    groups = [
        ("inputs", [(latex.symbol(i), x) for i, x in zip(names.neuron_names(-1), inputs)]),
        ("targets", [(f"target_{{{latex.subscript(o)}}}", t) for o, t in zip(outputs, targets)]),
    ]
    for l, title in enumerate(("hidden layer", "output layer")):
        parameters = [w for w, (layer, _, _) in names.weights.items() if layer == l]
        parameters += [b for b, (layer, _) in names.biases.items() if layer == l]
        groups.append((title, [(latex.symbol(p), network.parameter(p)) for p in parameters]))
    groups.append(("learning rate", [(r"\eta", network.learning_rate)]))
    rows = "".join(
        f"<div><dt>{title}</dt><dd>"
        + "".join(_inline(f"{tex} = {number(value, given=True)}") for tex, value in pairs)
        + "</dd></div>"
        for title, pairs in groups
    )
    return f'<dl class="bp-exercises__givens">{rows}</dl>'


# --- the data of a chapter on a network -------------------------------------------------------


def packed(forms: Sequence[str]) -> list[Any]:
    """A list of figures in three parts: `[figure, fewest, others]`, where the figure's text cut
    to each count of decimals from `fewest` to its own gives a figure of the list, and `others`
    are the rest. `[]` for no figures.

    Examples:
        >>> packed(("0.393", "0.392", "0.3925"))
        ['0.3925', 3, ['0.393']]

    Introduced in [Exercises][exercises].
    """
    if not forms:
        return []
    listed = set(forms)
    best: tuple[str, int, set[str]] | None = None
    for stem in forms:
        point = stem.index(".")
        decimals = len(stem) - point - 1
        fewest = decimals
        while fewest > 1 and stem[: point + fewest] in listed:  # cut to fewest - 1 decimals
            fewest -= 1
        covered = {stem[: point + 1 + d] for d in range(fewest, decimals + 1)}
        if best is None or len(covered) > len(best[2]):
            best = (stem, fewest, covered)
    assert best is not None
    stem, fewest, covered = best
    return [stem, fewest, [f for f in forms if f not in covered]]


def _slip(slipped: Slipped, diagnoses: list[dict[str, Any]]) -> list[Any]:
    """A slip as `[forms, diagnosis]`, its diagnosis an index into the list, added if new."""
    diagnosis = {
        "mistake": slipped.mistakes[0],
        "message": slipped.messages[0],
        "also": list(slipped.mistakes[1:]),
    }
    if diagnosis not in diagnoses:
        diagnoses.append(diagnosis)
    return [packed(slipped.forms), diagnoses.index(diagnosis)]


def _network_words(chapter: int, seed: int | None) -> str:
    """The network in words: the chapter's, or a seed's made the chapter's way."""
    words = CHAPTERS[chapter][0]
    if seed is None:
        return words
    convention = problem(chapter, seed).network.names.convention
    named = "" if convention == "mazur" else f", named as in the {convention} post"
    return f"the network of seed {seed}{words.partition(' example')[2]}{named}"


@functools.lru_cache(maxsize=1024)
def _shown(block: Block) -> str:
    """A block laid out, remembered: the chapters of one seed share their first blocks."""
    return html(block)


def _chapter_data(chapter: int, seed: int | None, found: Sequence[Solution]) -> dict[str, Any]:
    case = problem(chapter, seed)
    step = trace(case.network, *case.example)
    blocks: list[Block] = []
    diagnoses: list[dict[str, Any]] = []
    items = []
    for solution in found:
        exercise = solution.exercise
        mine = working(step, exercise.quantity)
        blocks += [block for block in mine if block not in blocks]
        items.append(
            {
                "id": exercise.id,
                "quantity": exercise.quantity,
                "symbol": quantity_symbol(exercise.quantity),
                "task": exercise.task,
                "forms": packed(solution.forms),
                "slips": [_slip(slipped, diagnoses) for slipped in solution.slips],
                "working": [blocks.index(block) for block in mine],
            }
        )
    to_check = to_fill_in(chapter, [e.quantity for e in exercises(chapter)])
    return {
        "chapter": chapter,
        "seed": seed,
        "network": _network_words(chapter, seed),
        "givens": givens_html(case),
        "calculator": permalink(request_of(case) | {"mine": to_check}),
        "working": [_shown(block) for block in blocks],
        "diagnoses": diagnoses,
        "exercises": items,
    }


def data(chapter: int, seed: int | None = None) -> dict[str, Any]:
    """The data of a chapter's exercises on a network, for the page's script (see the module's
    description).

    Args:
        chapter: The chapter, 1–8.
        seed: The seed of the network, or `None` for the chapter's own.

    Returns:
        The data, ready for `json.dumps`.

    Introduced in [Exercises][exercises].
    """
    return _chapter_data(chapter, seed, solutions(chapter, seed))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def paths() -> Iterator[tuple[str, int, int]]:
    """Each data file's path under [`FOLDER`][backprop_steps.render.exercises.FOLDER], with its
    chapter and seed: `("4/17.json", 4, 17)`.

    Introduced in [Exercises][exercises].
    """
    for seed in SEEDS:
        for chapter in CHAPTERS:
            yield f"{chapter}/{seed}.json", chapter, seed


def file(chapter: int, seed: int) -> bytes:
    """The data file of a chapter on a seed's network: [`data`][backprop_steps.render.exercises.data]
    as compact JSON.

    Introduced in [Exercises][exercises].
    """
    return _json(data(chapter, seed)).encode()


def files(mapper: Callable[..., Iterable[bytes]] = map) -> dict[str, bytes]:
    """Every data file the site publishes under [`FOLDER`][backprop_steps.render.exercises.FOLDER]:
    one per chapter and seed of [`SEEDS`][backprop_steps.exercises.SEEDS].

    Args:
        mapper: How [`file`][backprop_steps.render.exercises.file] is applied to every chapter
            and seed: `map`, or a process pool's `map` (the site's build uses every core).

    Returns:
        The files' contents by their paths under the folder.

    Introduced in [Exercises][exercises].
    """
    listed = list(paths())
    chapters, seeds = [c for _, c, _ in listed], [s for _, _, s in listed]
    return dict(zip((path for path, _, _ in listed), mapper(file, chapters, seeds), strict=True))


# --- the section of the page ------------------------------------------------------------------


def _exercise(item: dict[str, Any]) -> str:
    key = f"bp-exercise-{item['id'].replace('.', '-')}"
    question = (
        f'<p class="bp-exercise__question" id="{key}-question"><strong>{item["id"]}</strong> '
        f"Compute {_inline(item['symbol'])}, {_task(item['task'])}.</p>"
    )
    answer = (
        f'<form class="bp-exercise__answer" data-exercise="{item["id"]}" novalidate>'
        f'<label for="{key}-answer">Your answer to {item["id"]}</label>'
        f'<input id="{key}-answer" name="answer" type="text" inputmode="decimal" '
        f'autocomplete="off" spellcheck="false" aria-describedby="{key}-question {key}-verdict">'
        '<button type="submit" class="md-button md-button--primary">Check</button>'
        f'<p class="bp-exercise__verdict" id="{key}-verdict" role="status" aria-live="polite"></p>'
        "</form>"
    )
    details = (  # the page's script writes the equations in when the box opens
        '<details class="bp-exercise__working" data-search-exclude><summary>Show the working'
        '</summary><div class="bp-exercise__equations"></div></details>'
    )
    return f'<div class="bp-exercise" id="{key}">{question}{answer}{details}</div>'


def section(
    chapter: int,
    calculator: str = "../../calculator/",
    folder: str = f"../../{FOLDER}/",
) -> str:
    """The HTML of a chapter's "Exercises" section: the network's numbers, each exercise with
    a field to answer in and a box for its working, and the controls that change the numbers.
    It holds the data of the chapter's own network (the page's script writes a working in from
    it when its box is opened, so the page does not typeset them all on load) and fetches a
    seed's.

    Args:
        chapter: The chapter, 1–8.
        calculator: The calculator page's address, relative to the chapter's.
        folder: The data files' folder, relative to the chapter's page.

    Returns:
        HTML for the page.

    Introduced in [Exercises][exercises].
    """
    own = data(chapter)
    inlined = escape(_json(own))
    first, last = SEEDS[0], SEEDS[-1]
    intro = (
        f"<p>Work these out by hand on {escape(own['network'])}, then type your answer and press "
        "<strong>Check</strong>. Your answer is judged at the digits you type: rounded half up, "
        f"half to even or truncated, with at least {FEWEST_SIGNIFICANT} significant digits (the "
        f"exercises ask for {DECIMALS} decimals). A wrong answer is matched against the mistakes "
        "people make; the one that gives your number is named.</p>"
    )
    seed = (
        '<div class="bp-exercises__seed">'
        '<p class="bp-exercises__controls">'
        '<button type="button" class="md-button" data-action="new">New numbers</button>'
        '<button type="button" class="md-button" data-action="own" hidden>'
        "The chapter's numbers</button></p>"
        f'<form class="bp-exercises__seed-form" data-action="seed" novalidate>'
        f'<label for="bp-exercises-seed-{chapter}">Seed from your teacher '
        f"({first} to {last})</label>"
        f'<input id="bp-exercises-seed-{chapter}" name="seed" type="text" inputmode="numeric" '
        f'autocomplete="off" size="6" aria-describedby="bp-exercises-seed-{chapter}-error">'
        '<button type="submit" class="md-button">Use this seed</button>'
        f'<span class="bp-exercises__error" id="bp-exercises-seed-{chapter}-error" '
        'role="status"></span></form></div>'
    )
    link = (
        f'<p><a class="bp-exercises__calculator" href="{escape(calculator + own["calculator"])}">'
        "Open these numbers in the calculator</a>, to work the whole step with them.</p>"
    )
    items = "".join(_exercise(item) for item in own["exercises"])
    return (
        f'<div class="bp-exercises" data-chapter="{chapter}" data-first="{first}" '
        f'data-last="{last}" data-fewest="{FEWEST_SIGNIFICANT}" data-most="{MOST_DECIMALS}" '
        f'data-folder="{escape(folder)}" data-calculator="{escape(calculator)}" '
        f'data-exercises="{inlined}">{intro}{seed}'
        f'<p class="bp-exercises__which" aria-live="polite">The numbers of '
        f"<strong>{escape(own['network'])}</strong>:</p>"
        f'<div data-part="givens">{own["givens"]}</div>'
        f"{link}{items}</div>"
    )
