"""Checks on the Markdown pages in docs/ that sybil alone cannot make.

sybil (configured in docs/hooks/sybil_config.py, run through conftest.py) collects a fenced
block only when its info string is exactly `python`. A build-time block
(```` ```python exec="on" ````) or a mistyped fence is skipped without a word, so:

- each page must yield the number of sybil examples recorded below;
- every markdown-exec build-time block is run here as well, as markdown-exec runs it;
- the prose holds no hand-typed computed numbers.
"""

from __future__ import annotations

import io
import re
import shlex
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sybil_config import markdown_sybil  # docs/hooks is put on sys.path by conftest.py

DOCS = Path(__file__).resolve().parent.parent / "docs"

# Page (relative to docs/) -> number of examples sybil collects from it: one per `>>>`
# statement in a doctest block, one per plain python block, invisible-code-block, skip or
# clear-namespace directive. Update this when you add or remove an example.
EXPECTED_EXAMPLES = {
    "chapters/01-network.md": 9,
    "chapters/02-forward-pass.md": 4,
    "chapters/03-total-error.md": 8,
    "chapters/04-output-layer.md": 5,
    "chapters/05-hidden-layer.md": 17,
    "chapters/06-bias-updates.md": 8,
    "chapters/07-cross-entropy.md": 7,
    "chapters/08-neuralblog.md": 10,
    "chapters/09-training.md": 9,
    "check-your-own.md": 0,
    "errata.md": 0,
    "index.md": 2,
    "notation.md": 0,
    "questions.md": 21,
    "reference/activations.md": 0,
    "reference/cli.md": 0,
    "reference/display.md": 0,
    "reference/examples.md": 0,
    "reference/gradcheck.md": 0,
    "reference/index.md": 0,
    "reference/losses.md": 0,
    "reference/network.md": 0,
    "reference/published.md": 0,
    "reference/render-diagram.md": 0,
    "reference/render-latex.md": 0,
    "reference/render-tables.md": 0,
    "reference/scalar.md": 0,
    "reference/training.md": 0,
    "reference/vectorized.md": 0,
}

PAGES = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
INLINE_CODE = re.compile(r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
LONG_DECIMAL = re.compile(r"(?<![\w.])\d*\.\d{5,}")
EXEC_OFF = {"", "no", "off", "false", "0"}


@dataclass(frozen=True)
class Fence:
    """A fenced code block of a page."""

    info: str
    """The info string after the opening fence, stripped."""
    source: str
    """The block's content, dedented by the opening fence's indentation."""
    start: int
    """0-based index of the opening fence's line."""
    end: int
    """0-based index of the closing fence's line (the last line if unclosed)."""


def fences(text: str) -> list[Fence]:
    """The fenced code blocks of a Markdown text, outermost only."""
    lines = text.splitlines()
    found = []
    i = 0
    while i < len(lines):
        opening = FENCE_OPEN.match(lines[i])
        if opening is None:
            i += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            j += 1
        body = [
            line[len(indent) :] if line.startswith(indent) else line.lstrip()
            for line in lines[i + 1 : j]
        ]
        found.append(
            Fence(opening["info"].strip(), "\n".join(body) + "\n", i, min(j, len(lines) - 1))
        )
        i = j + 1
    return found


def exec_options(info: str) -> tuple[str, dict[str, str]] | None:
    """Language and options of a markdown-exec block, or None if the fence is not executed."""
    if not info:
        return None
    language, _, rest = info.partition(" ")
    options = dict(item.split("=", 1) for item in shlex.split(rest.strip("{} ")) if "=" in item)
    if options.get("exec", "").lower() in EXEC_OFF:
        return None
    return language.lstrip("."), options


def prose(text: str) -> str:
    """The text outside fenced blocks, HTML comments and inline code, line numbers kept."""
    lines = text.splitlines()
    for fence in fences(text):
        for k in range(fence.start, fence.end + 1):
            lines[k] = ""
    text = "\n".join(lines)

    def blank(match: re.Match[str]) -> str:
        return "\n" * match.group().count("\n")

    return INLINE_CODE.sub(blank, HTML_COMMENT.sub(blank, text))


def test_every_page_has_an_expected_example_count() -> None:
    assert set(PAGES) == set(EXPECTED_EXAMPLES), (
        "EXPECTED_EXAMPLES in tests/test_docs.py must list exactly the pages in docs/: "
        f"missing {sorted(set(PAGES) - set(EXPECTED_EXAMPLES))}, "
        f"stale {sorted(set(EXPECTED_EXAMPLES) - set(PAGES))}"
    )


@pytest.mark.parametrize("page", PAGES)
def test_page_yields_the_expected_number_of_sybil_examples(page: str) -> None:
    document = markdown_sybil.parse(DOCS / page)
    count = sum(1 for _ in document.examples())
    assert count == EXPECTED_EXAMPLES.get(page), (
        f"docs/{page} yields {count} sybil examples; a doctest block must be a bare ```python fence"
    )


@pytest.mark.parametrize("page", PAGES)
def test_prose_has_no_hand_typed_computed_numbers(page: str) -> None:
    text = prose((DOCS / page).read_text(encoding="utf-8"))
    found = [
        f"line {number}: {match.group()}"
        for number, line in enumerate(text.splitlines(), start=1)
        for match in LONG_DECIMAL.finditer(line)
    ]
    assert not found, (
        f"docs/{page} has numbers with five or more decimals outside code; "
        f"print them from a doctest or a build-time block instead: {found}"
    )


def run_block(source: str, session_globals: dict[str, Any], name: str) -> str:
    """Run one block as markdown-exec does: its own `__name__` module, `print` captured."""
    module_name = re.sub(r"[^a-zA-Z\d]+", "_", name)
    session_globals["__name__"] = module_name
    sys.modules[module_name] = types.ModuleType(module_name)
    buffer = io.StringIO()

    def buffered_print(*texts: object, end: str = "\n", **_: object) -> None:
        buffer.write(" ".join(str(text) for text in texts) + end)

    session_globals["print"] = buffered_print
    exec(compile(source, name, "exec"), session_globals)
    return buffer.getvalue()


@pytest.mark.parametrize("page", PAGES)
def test_build_time_blocks_run(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(DOCS.parent)  # mkdocs builds from the repository root
    sessions: dict[str, dict[str, Any]] = {}
    blocks = []
    for fence in fences((DOCS / page).read_text(encoding="utf-8")):
        options = exec_options(fence.info)
        if options is None:
            continue
        language, attrs = options
        assert language in {"python", "py"}, (
            f"docs/{page}, line {fence.start + 1}: only python build-time blocks are run by "
            f"this test, found {language!r}"
        )
        blocks.append((fence, attrs))
    if not blocks:
        return
    for fence, attrs in blocks:
        session = attrs.get("session")
        namespace = sessions.setdefault(session, {}) if session else {}
        name = f"<docs/{page}, line {fence.start + 1}>"
        try:
            run_block(fence.source, namespace, name)
        except Exception as error:
            raise AssertionError(f"build-time block at {name} raised {error!r}") from error
