"""How long a page takes to read, counted on what shows when it loads (issue 19's count).

A page's minutes are its prose words / 200, plus 0.5 per display formula, 0.4 per table and
0.25 per code block, counted in the built HTML of the page's article (`site/<page>/index.html`)
as a reader sees it at a laptop's width without opening anything:

- what sits inside a closed `<details>` does not count, except its `<summary>` line (a reader
  sees the line, not the box);
- of the two layouts of a display formula or a drawing (`backprop_steps.render.layout`), only
  the laptop's counts: `.bp-math--narrow` and `.bp-figure--narrow` are hidden from 600 px;
- an inline formula is one word; the text of a drawing (`<svg>`), a table, a code block or a
  display formula is no prose (each of those counts by its own rate);
- the permalink signs (`¶`) of the headings are no words.

    python tools/reading_time.py SITE     # the minutes of every page, longest first

Chapter 1 says how long the tutorial's path takes: `fill_path_minutes` writes the sum of the
tutorial chapters' minutes into its `<span class="bp-path-minutes">` once the site is built
(`tools/site_files.py finish`).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

WORDS_PER_MINUTE = 200
MINUTES_PER_FORMULA = 0.5
MINUTES_PER_TABLE = 0.4
MINUTES_PER_CODE_BLOCK = 0.25

HIDDEN_CLASSES = frozenset({"bp-math--narrow", "bp-figure--narrow", "headerlink"})
"""Classes of what a reader at a laptop's width does not see (or does not read)."""

NO_PROSE = frozenset({"svg", "script", "style", "template"})
"""Elements whose text is not read as prose (a drawing's labels count with the drawing)."""

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@dataclass(frozen=True)
class Reading:
    """What shows on a page when it loads, and the minutes it takes to read."""

    words: int
    """Words of prose, an inline formula counting as one."""
    formulas: int
    """Display formulas (laptop layout)."""
    tables: int
    """Tables, outermost only."""
    code_blocks: int
    """Code blocks (`<pre>`)."""

    @property
    def minutes(self) -> float:
        """The minutes: words / 200, plus 0.5 per formula, 0.4 per table, 0.25 per code block."""
        return (
            self.words / WORDS_PER_MINUTE
            + MINUTES_PER_FORMULA * self.formulas
            + MINUTES_PER_TABLE * self.tables
            + MINUTES_PER_CODE_BLOCK * self.code_blocks
        )


class _Article(HTMLParser):
    """Counts what shows in a page's `<article>`.

    A stack of the open elements, each with its role: `hidden` (nothing inside shows), `closed`
    (a closed `<details>`: only its `<summary>` shows), `summary`, `counted` (a formula, table,
    code block or drawing, counted once at its start) or `prose` (its words count).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, role): role in hidden/counted/prose
        self.in_article = False
        self.words = self.formulas = self.tables = self.code_blocks = 0

    def _hidden(self) -> bool:
        return any(role == "hidden" for _, role in self.stack)

    def _counted(self) -> bool:
        return any(role in {"counted", "hidden"} for _, role in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if tag == "article":
            self.in_article = True
        if not self.in_article or tag in VOID:
            return
        role = "prose"
        in_closed = bool(self.stack) and self.stack[-1][1] == "closed"
        if in_closed and tag == "summary":
            role = "summary"
        elif in_closed or self._hidden() or classes & HIDDEN_CLASSES:
            role = "hidden"
        elif tag == "details" and "open" not in attributes:
            role = "closed"
        elif self._counted():
            role = "counted"
        elif tag == "div" and "arithmatex" in classes:
            self.formulas += 1
            role = "counted"
        elif tag == "table":
            self.tables += 1
            role = "counted"
        elif tag == "pre":
            self.code_blocks += 1
            role = "counted"
        elif tag in NO_PROSE:
            role = "counted"
        elif tag == "span" and "arithmatex" in classes:
            self.words += 1
            role = "counted"
        self.stack.append((tag, role))

    def handle_endtag(self, tag: str) -> None:
        if not self.in_article or tag in VOID:
            return
        if not any(open_tag == tag for open_tag, _ in self.stack):
            return  # an end tag without its start (HTML closes some implicitly)
        while self.stack and self.stack.pop()[0] != tag:
            pass
        if tag == "article":
            self.in_article = False

    def handle_data(self, data: str) -> None:
        if not self.in_article or self._counted():
            return
        if any(role == "closed" for _, role in self.stack) and not any(
            role == "summary" for _, role in self.stack
        ):
            return
        self.words += len(data.split())


def reading(html: str) -> Reading:
    """What shows in a built page's article, and so its minutes."""
    parser = _Article()
    parser.feed(html)
    parser.close()
    return Reading(parser.words, parser.formulas, parser.tables, parser.code_blocks)


def pages(site: Path) -> dict[str, Reading]:
    """Every page of a built site by its URL path (`chapters/10-matrix-form/`, `` for home)."""
    found = {}
    for index in sorted(site.rglob("index.html")):
        relative = index.parent.relative_to(site).as_posix()
        if relative.startswith(("assets", "search")):
            continue
        path = "" if relative == "." else relative + "/"
        found[path] = reading(index.read_text(encoding="utf-8"))
    return found


def table(found: dict[str, Reading]) -> str:
    """The minutes of each page, longest first, as a Markdown table."""
    rows = [
        "| page | minutes | words | formulas | tables | code |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for path, page in sorted(found.items(), key=lambda item: -item[1].minutes):
        rows.append(
            f"| {path or '(home)'} | {page.minutes:.1f} | {page.words} | {page.formulas} "
            f"| {page.tables} | {page.code_blocks} |"
        )
    return "\n".join(rows)


TUTORIAL = tuple(f"chapters/0{n}-" for n in range(1, 8))
"""The pages of the tutorial's path: chapters 1 to 7."""

PATH_MINUTES = re.compile(r'(<span class="bp-path-minutes">)[^<]*(</span>)')
"""Where chapter 1 states the path's minutes; the page's source holds `…` there."""


def path_minutes(found: dict[str, Reading]) -> int:
    """The minutes of the tutorial's path, chapters 1 to 7, to the nearest minute."""
    return round(sum(page.minutes for path, page in found.items() if path.startswith(TUTORIAL)))


def fill_path_minutes(site: Path) -> None:
    """Write the path's minutes into chapter 1, and into the search index's copy of its text."""
    minutes = str(path_minutes(pages(site)))
    chapter = site / "chapters" / "01-network" / "index.html"
    text = chapter.read_text(encoding="utf-8")
    if not PATH_MINUTES.search(text):
        raise ValueError(f'{chapter}: no <span class="bp-path-minutes"> to fill in')
    chapter.write_text(PATH_MINUTES.sub(rf"\g<1>{minutes}\g<2>", text), encoding="utf-8")
    index = site / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        for entry in data["docs"]:
            if entry["location"].startswith("chapters/01-network/"):
                entry["text"] = entry["text"].replace("about … minutes", f"about {minutes} minutes")
        index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")  # as the plugin


if __name__ == "__main__":
    print(table(pages(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))))
