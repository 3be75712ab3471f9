r"""Math in the search index as readable text, not LaTeX source.

Arithmatex (generic mode) writes each formula into the HTML as its TeX, `\(b_1\)` or
`\[ ... \]`, for KaTeX to typeset in the browser. Material's search plugin copies that text into
`search/search_index.json`, so the result snippets would show `\(\frac{\partial E_{total}}{...}\)`.
After the build `tools/site_files.py` rewrites each formula of the index in plain text, `b_1` and
`∂E_total/∂w_5`: Greek letters by name, as the library spells them (`delta_o1`), operators as
their symbols, no backslashes or braces. A display formula that repeats the one before it (each
is written twice, for a laptop and for a phone) is kept once. Code is left alone.

This runs after the builder, not as a MkDocs hook, so a builder that ignores `hooks:` gives the
same index; `tests/test_navigation.py` checks the built one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from backprop_steps.render.layout import group

PREFIXES = {"partial": "∂", "sum": "Σ", "prod": "Π", "pm": "±", "mp": "∓"}
r"""Control words written as one symbol, attached to what follows (`\partial E` is `∂E`)."""

SYMBOLS = {"infty": "∞", "dots": "…", "ldots": "…", "cdots": "⋯"}
r"""Control words written as one symbol, followed by a space if they were (`w_1 \dots w_4`)."""

RELATIONS = {
    "cdot": "·",
    "times": "×",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "ne": "≠",
    "neq": "≠",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "approx": "≈",
    "in": "∈",
}
"""Control words written as one symbol with a space on either side."""

SPACES = {"quad", "qquad", ",", ";", ":", " ", "\\"}
r"""Spacing and line breaks (`\\` inside `aligned`): a space."""

INVISIBLE = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "!"}
"""Sizing and negative space: nothing (the delimiter that follows stays)."""

FRACTIONS = {"frac", "tfrac", "dfrac"}

ARGUMENT_ONLY = {"text", "textrm", "mathrm", "mathit", "mathbf", "mathsf", "operatorname"}
"""Font and operator wrappers: their argument, as it is."""

MATRICES = {"matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix"}

ENVIRONMENT = re.compile(r"\\begin\{(?P<name>\w+\*?)\}(?P<body>.*?)\\end\{(?P=name)\}", re.DOTALL)
MATH = re.compile(r"\\\[(?P<display>.*?)\\\]|\\\((?P<inline>.*?)\\\)", re.DOTALL)
CODE = re.compile(r"(<code>.*?</code>)", re.DOTALL)
CONTROL_WORD = re.compile(r"\\(?P<word>[A-Za-z]+) *|\\(?P<symbol>.)", re.DOTALL)
OPERATOR = re.compile(r"[-+·/]| ")
ALIGNMENT = "&amp;"
"""`&` as the search plugin writes it: the text of the index is HTML."""


def _environments(tex: str) -> str:
    """Matrices as `[a, b; c, d]`; other environments (`aligned`) as their body."""

    def replace(match: re.Match[str]) -> str:
        body = _environments(match["body"])
        if match["name"] in MATRICES:
            rows = re.split(r"\\\\", body)
            cells = (", ".join(cell.strip() for cell in row.split(ALIGNMENT)) for row in rows)
            return "[" + "; ".join(cells) + "]"
        return body

    return ENVIRONMENT.sub(replace, tex)


def _group(tex: str, start: int) -> tuple[str, int]:
    """The argument at `start`: a `{...}` group (balanced) or one character; and the end."""
    while start < len(tex) and tex[start] == " ":
        start += 1
    if start >= len(tex):
        return "", start
    if tex[start] != "{":
        if tex[start] == "\\":
            match = CONTROL_WORD.match(tex, start)
            if match is not None:
                return match.group().rstrip(), match.end()
        return tex[start], start + 1
    return group(tex, start)


def _operand(text: str) -> str:
    """A fraction's numerator or denominator, in parentheses if it has more than one term."""
    return f"({text})" if OPERATOR.search(text.strip()) else text.strip()


def _plain(tex: str) -> str:
    """The text of a formula without its environments (see `readable`), before spaces collapse."""
    out: list[str] = []
    i = 0
    while i < len(tex):
        char = tex[i]
        if char == "{":
            body, i = _group(tex, i)
            out.append(_plain(body))
            continue
        if char == "}":
            i += 1
            continue
        if char != "\\":
            out.append(char)
            i += 1
            continue
        match = CONTROL_WORD.match(tex, i)
        assert match is not None  # a backslash is always followed by something, or ends the text
        i = match.end()
        word = match["word"] or match["symbol"]
        if word in FRACTIONS:
            numerator, i = _group(tex, i)
            denominator, i = _group(tex, i)
            out.append(f"{_operand(_plain(numerator))}/{_operand(_plain(denominator))}")
        elif word in ARGUMENT_ONLY:
            argument, i = _group(tex, i)
            out.append(_plain(argument))
        elif word in PREFIXES:
            out.append(PREFIXES[word])
        elif word in SYMBOLS:
            out.append(SYMBOLS[word] + " " * match.group().endswith(" "))
        elif word in RELATIONS:
            out.append(f" {RELATIONS[word]} ")
        elif word in SPACES:
            out.append(" ")
        elif word in INVISIBLE:
            pass
        else:  # a Greek letter or a function by name (delta, eta, ln, tanh), an escaped _ { } %
            out.append(word)
            if word.isalpha() and i < len(tex) and (tex[i].isalnum() or tex[i] == "\\"):
                out.append(" ")  # `\eta x` is `eta x`, not `etax`
    return "".join(out)


def readable(tex: str) -> str:
    r"""A formula's TeX as plain text: `\frac{\partial E_{total}}{\partial w_5}` is `∂E_total/∂w_5`.

    Args:
        tex: The TeX between `\(` and `\)` (or `\[` and `\]`), HTML-escaped as in the index.

    Returns:
        The formula without backslashes or braces, on one line.
    """
    return " ".join(_plain(_environments(tex).replace(ALIGNMENT, "")).split())


def _rewrite(text: str) -> str:
    """`readable_math` on text without code."""
    chunks: list[str] = []
    end = 0
    previous = None  # the display formula just before, if only white space lies between
    for match in MATH.finditer(text):
        between = text[end : match.start()]
        end = match.end()
        if match["display"] is None:
            chunks += [between, readable(match["inline"])]
            previous = None
            continue
        shown = readable(match["display"])
        chunks += [between] if shown == previous and not between.strip() else [between, shown]
        previous = shown
    chunks.append(text[end:])
    return "".join(chunks)


def readable_math(html: str) -> str:
    r"""Every `\(...\)` and `\[...\]` of a search entry's text as `readable` text.

    Code (`<code>`) is left as it is. A display formula equal, as text, to the display formula
    right before it (the same equation laid out for a phone) is dropped.

    Args:
        html: The text (or the title) of one entry of the search index.

    Returns:
        The same text with each formula written out in plain text.
    """
    parts = CODE.split(html)
    parts[::2] = [_rewrite(part) for part in parts[::2]]  # the odd parts are code
    return "".join(parts)


def rewrite_index(site: Path) -> None:
    """Rewrite the math of `search/search_index.json` in a built site, if it has one.

    Rewriting an index already rewritten changes nothing.
    """
    path = site / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for document in index["docs"]:
        for field in ("title", "text"):
            if field in document:
                document[field] = readable_math(document[field])
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")  # as the plugin
