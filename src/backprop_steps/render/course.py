r"""The exercises in a course: the files the site publishes for a teacher, the sheet and key
pages, and a list of seeds as a teacher writes it.

[`files`][backprop_steps.render.course.files] is the one list of what the site's build writes
under [`FOLDER`][backprop_steps.render.course.FOLDER]: a small JSON file per seed of
[`SEEDS`][backprop_steps.exercises.SEEDS], `sheets/17.json`, holding that seed's
[sheet][backprop_steps.render.sheets.sheet] and [key][backprop_steps.render.sheets.key] as HTML
(the pages' script places them, it computes nothing), and, for each chapter, the exports of
[`lms`][backprop_steps.render.lms] for the seeds of
[`PUBLISHED`][backprop_steps.render.course.PUBLISHED], a Moodle XML file and a QTI 1.2 package
([`export_name`][backprop_steps.render.course.export_name]): one quiz per chapter, as a course
assigns them.

Examples:
    >>> seed_list("1-3, 7")
    (1, 2, 3, 7)
    >>> seed_list("5-2")
    Traceback (most recent call last):
    ...
    ValueError: seeds: the range 5-2 runs backwards; write 2-5
    >>> export_name("moodle", [4])
    'backprop-steps-chapter-4-seeds-1-30-moodle.xml'

Introduced in [Exercises][exercises].
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from html import escape
from typing import Any, Literal

from backprop_steps.exercises import CHAPTERS, EXERCISES, SEEDS
from backprop_steps.render import lms
from backprop_steps.render.sheets import key, sheet, spelled

__all__ = [
    "FOLDER",
    "FORMATS",
    "MOST_NUMBERS",
    "PUBLISHED",
    "export",
    "export_name",
    "files",
    "number_list",
    "overview",
    "page",
    "seed_list",
]

FOLDER = "exercises/course"
"""Where the site publishes a teacher's files, under `docs/` (written by the build, not kept in
git)."""

PUBLISHED = range(1, 31)
"""The seeds of the exports the site publishes: a class of up to 30 students, one seed each."""

MOST_NUMBERS = 500
"""The most seeds a list may hold (the command line computes each one)."""

FORMATS = {"moodle": "moodle.xml", "qti": "qti.zip"}
"""The export formats, and how each file's name ends."""


def _listed(numbers: Sequence[int]) -> str:
    """Numbers as a list writes them, a run as a range: `"1-30"`, `"4"`, `"1-3,7"`."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ",".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def export_name(form: str, chapters: Sequence[int], seeds: Sequence[int] = PUBLISHED) -> str:
    """The name of an export's file, which says what it holds.

    Introduced in [Exercises][exercises].
    """
    which = f"chapter{'s' if len(chapters) > 1 else ''}-{_listed(chapters)}"
    return f"backprop-steps-{which}-seeds-{_listed(seeds)}-{FORMATS[form]}".replace(",", "_")


# --- a list of seeds ------------------------------------------------------------------------------

_ITEM = re.compile(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?")
_EXAMPLES = {"seeds": "7, 1,2,3 or 1-30", "chapters": "4, 4,5 or 1-8"}


def _items(text: str, field: str) -> Iterator[tuple[int, int]]:
    for item in text.split(","):
        found = _ITEM.fullmatch(item)
        if found is None:
            example = _EXAMPLES.get(field, "1,2,3 or 1-30")
            raise ValueError(f"{field}: expected a list like {example}, got {text.strip()!r}")
        first, last = int(found.group(1)), int(found.group(2) or found.group(1))
        if last < first:
            raise ValueError(
                f"{field}: the range {first}-{last} runs backwards; write {last}-{first}"
            )
        yield first, last


def number_list(text: str, field: str, offered: Sequence[int] | None = None) -> tuple[int, ...]:
    """The whole numbers a list names, in its order, each once: `"1,2,3"`, `"1-30"`, `"1-5, 9"`.

    Args:
        text: The list as typed.
        field: What the numbers are, for the messages: `"seeds"`, `"chapters"`.
        offered: The numbers allowed; `None` for every positive whole number.

    Returns:
        The numbers.

    Raises:
        ValueError: `<field>: ...`, one line naming what is wrong: not a list of whole numbers,
            a range backwards, a number not offered (0, or outside `offered`), more than
            [`MOST_NUMBERS`][backprop_steps.render.course.MOST_NUMBERS].

    Introduced in [Exercises][exercises].
    """
    found: dict[int, None] = {}
    for first, last in _items(text, field):
        if last - first + len(found) >= MOST_NUMBERS:
            raise ValueError(f"{field}: more than {MOST_NUMBERS} in one list")
        found.update(dict.fromkeys(range(first, last + 1)))
    for number in found:
        if offered is None and number < 1:
            raise ValueError(f"{field}: {number} is not allowed; {field} start at 1")
        if offered is not None and number not in offered:
            allowed = _listed(sorted(offered))
            raise ValueError(f"{field}: {number} is not offered; the {field} are {allowed}")
    return tuple(found)


def seed_list(text: str, offered: Sequence[int] | None = None) -> tuple[int, ...]:
    """The seeds a list names: [`number_list`][backprop_steps.render.course.number_list] for
    the field `seeds`.

    Introduced in [Exercises][exercises].
    """
    return number_list(text, "seeds", offered)


# --- the files ----------------------------------------------------------------------------------


def export(
    form: str, asked: Sequence[lms.Question], chapters: Sequence[int], seeds: Sequence[int]
) -> bytes:
    """An export's file: the questions of `chapters` on `seeds`, in a format of
    [`FORMATS`][backprop_steps.render.course.FORMATS].

    Introduced in [Exercises][exercises].
    """
    mine = [q for q in asked if q.exercise.chapter in chapters]
    if form == "moodle":
        return lms.moodle(mine)
    which = f"chapter {chapters[0]}" if len(chapters) == 1 else f"chapters {_listed(chapters)}"
    return lms.qti(mine, f"backprop-steps exercises, {which}, seeds {_listed(seeds)}")


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _seed(seed: int) -> tuple[bytes, tuple[lms.Question, ...]]:
    """A seed's sheet and key, and its questions when its exports are published."""
    questions = lms.questions(seed) if seed in PUBLISHED else ()
    return _json({"seed": seed, "sheet": sheet(seed), "key": key(seed)}), questions


def files(mapper: Callable[..., Iterable[Any]] = map) -> dict[str, bytes]:
    """Every file a teacher gets from the site, by its path under
    [`FOLDER`][backprop_steps.render.course.FOLDER]: each seed's sheet and key, and each
    chapter's exports for the seeds of [`PUBLISHED`][backprop_steps.render.course.PUBLISHED].

    Args:
        mapper: How to apply a function to each seed: `map`, or a process pool's `map` (the
            site's build uses every core).

    Returns:
        The files' bytes.

    Introduced in [Exercises][exercises].
    """
    order = sorted(SEEDS, key=lambda seed: seed not in PUBLISHED)  # the longest work first
    done = dict(zip(order, mapper(_seed, order), strict=True))
    written = {f"sheets/{seed}.json": done[seed][0] for seed in SEEDS}
    asked = [question for seed in PUBLISHED for question in done[seed][1]]
    for chapter in CHAPTERS:
        for form in FORMATS:
            written[export_name(form, [chapter])] = export(form, asked, [chapter], PUBLISHED)
    return written


# --- the pages ------------------------------------------------------------------------------------


def overview(pages: Mapping[int, str], seed: int) -> str:
    """The course page's table, Markdown: for each chapter, its page with a seed's numbers, its
    exercises, and its exports.

    Args:
        pages: Each chapter's address, relative to the course page's
            (`../chapters/04-output-layer/`).
        seed: The seed of the chapter links.

    Introduced in [Exercises][exercises].
    """
    rows = [f"| chapter, seed {seed} | exercises | Moodle XML | QTI 1.2 |", "|---|---|---|---|"]
    for chapter in CHAPTERS:
        asked = ", ".join(
            f"{e.id} ${spelled(e.quantity, 'tex')}$" for e in EXERCISES if e.chapter == chapter
        )
        exports = " | ".join(
            f"[{FORMATS[form]}](course/{export_name(form, [chapter])})" for form in FORMATS
        )
        rows.append(f"| [Chapter {chapter}]({pages[chapter]}?seed={seed}) | {asked} | {exports} |")
    return "\n".join(rows)


def page(kind: Literal["sheet", "key"], folder: str = "../course/sheets/") -> str:
    """The sheet page or the key page: a field for the seeds, the link to the other page, and
    the first seed's sheet or key (what the page shows without JavaScript). Its script
    (`sheets.js`) places the seeds the address asks for (`?seeds=1-30`) from `folder`, and
    says what is wrong with a list in the words of
    [`number_list`][backprop_steps.render.course.number_list].

    Introduced in [Exercises][exercises].
    """
    first = SEEDS[0]
    other, other_name = ("key", "answer keys") if kind == "sheet" else ("sheet", "exercise sheets")
    shown = sheet(first) if kind == "sheet" else key(first)
    controls = (
        '<form class="bp-sheets__form" method="get" novalidate>'
        '<label for="bp-sheets-seeds">Seeds</label> '
        f'<input id="bp-sheets-seeds" name="seeds" type="text" value="{first}" size="12" '
        'autocomplete="off" spellcheck="false" aria-describedby="bp-sheets-error"> '
        '<button type="submit" class="md-button">Show</button> '
        '<span class="bp-sheets__error" id="bp-sheets-error" role="alert"></span></form>'
        f'<p><a class="bp-sheets__other" href="../{other}/?seeds={first}">The {other_name} of '
        "these seeds</a></p>"
        f"<noscript><p>Without JavaScript this page shows seed {first} only.</p></noscript>"
    )
    return (
        f'<div class="bp-sheets" data-kind="{kind}" data-first="{first}" data-last="{SEEDS[-1]}" '
        f'data-most="{MOST_NUMBERS}" data-folder="{escape(folder)}">'
        f'<div class="bp-sheets__controls">{controls}</div>'
        f'<div class="bp-sheets__pages">{shown}</div></div>'
    )
