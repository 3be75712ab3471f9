r"""Display equations laid out to fit the text column, on a laptop and on a phone.

KaTeX never wraps a display formula, so a long chain such as
$\frac{\partial E_{total}}{\partial w_5} = \dots = 0.082167041$ runs past the right edge of a
phone and hides its result. Here an equation is broken where a reader would break it: each `=`
starts a line (the symbols, then the numbers substituted, then the result), and a line still too
wide is wrapped before a `+`, a `-` or a $\cdot$ at the top level, or between the factors of a
product; never inside parentheses. The widths are estimated from the LaTeX itself (the em widths
of KaTeX's fonts), so the layout is decided when the page is built; the browser tests measure
the result.

Two layouts are written for each display, one for a column of at least
[`WIDE`][backprop_steps.render.layout.WIDE] em and one for
[`NARROW`][backprop_steps.render.layout.NARROW] em; the site's stylesheet shows the one that fits
the screen (`.bp-math--wide` from 600 px wide, `.bp-math--narrow` below).

Introduced in [The forward pass][forward-pass].
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape

__all__ = [
    "LAYOUTS",
    "NARROW",
    "WIDE",
    "aligned",
    "display",
    "factors",
    "group",
    "html",
    "split_top",
    "width",
]

WIDE = 28.0
"""Em of display math that fit the narrowest text column from 600 px wide (568 px at 19.36 px)."""

NARROW = 14.5
"""Em of display math that fit a 320 px phone's column (288 px)."""

LAYOUTS = ("wide", "narrow")
"""The layouts of display math: for a text column from 600 px wide, and for a phone."""

_RELATIONS = (" = ", r" \ne ", r" \approx ")
_SUMS = (" + ", " - ")
_PRODUCTS = (r" \cdot ", r" \odot ", r" \times ")
_COMMANDS = {
    r"\partial": 0.56,
    r"\delta": 0.45,
    r"\eta": 0.5,
    r"\sigma": 0.58,
    r"\sum": 1.45,
    r"\ln": 0.95,
    r"\tanh": 1.75,
    r"\max": 1.5,
    r"\exp": 1.4,
    r"\lvert": 0.28,
    r"\rvert": 0.28,
    r"\quad": 1.0,
    r"\qquad": 2.0,
    r"\le": 1.34,
    r"\ne": 1.34,
    r"\approx": 1.34,
    r"\ge": 1.34,
    r"\dots": 1.2,
    r"\cdot": 0.72,
    r"\odot": 1.22,
    r"\times": 1.22,
    r"\,": 0.17,
}
_IGNORED = (r"\left", r"\right", r"\Big", r"\big", r"\displaystyle")
_WIDE_CHARACTERS = {".": 0.28, ",": 0.28, "(": 0.39, ")": 0.39, "[": 0.28, "]": 0.28, "|": 0.28}
_COMMAND = re.compile(r"\\[a-zA-Z]+|\\.")
_NAMED = re.compile(r"\\(?:mathrm|operatorname|text)\{[^{}]*\}$")  # a function named in words
_FUNCTION = re.compile(r"\\(?:ln|log|exp|sigma|tanh|max|min)(?![a-zA-Z])")


def group(text: str, start: int) -> tuple[str, int]:
    """The content of the `{...}` group opening at `start`, and the index after it.

    Introduced in [The forward pass][forward-pass].
    """
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[start + 1 : i], i + 1
    return text[start + 1 :], len(text)


def _argument(text: str, start: int) -> tuple[str, int]:
    """A command's argument: a `{...}` group, or a single character."""
    while start < len(text) and text[start] == " ":
        start += 1
    if start < len(text) and text[start] == "{":
        return group(text, start)
    return text[start : start + 1], start + 1


def width(latex: str) -> float:
    r"""An estimate of how wide KaTeX draws `latex` in display style, in em.

    Digits are 0.5 em wide in KaTeX's fonts; a binary operator such as $+$ adds 0.44 em of space
    around it, a relation such as $=$ 0.56 em; a subscript is drawn at 70 %; a fraction is as
    wide as the wider of its two parts. Good to about 10 % on the equations of this site, which
    is what the budgets leave as a margin.

    Examples:
        >>> round(width("0.5"), 2), round(width("0.5 + 0.25"), 2)
        (1.28, 4.28)

    Introduced in [The forward pass][forward-pass].
    """
    total, i = 0.0, 0
    while i < len(latex):
        char = latex[i]
        if char == "\\":
            command = _COMMAND.match(latex, i)
            name = command.group() if command else "\\"
            i += len(name)
            if name in (r"\frac", r"\tfrac"):
                top, i = _argument(latex, i)
                bottom, i = _argument(latex, i)
                scale = 0.7 if name == r"\tfrac" else 1.0
                total += scale * max(width(top), width(bottom)) + 0.24
            elif name in (r"\text", r"\operatorname", r"\mathrm"):
                word, i = _argument(latex, i)
                total += 0.5 * len(word)
            elif name in (r"\begin", r"\end"):
                _, i = _argument(latex, i)
            elif name not in _IGNORED:
                total += _COMMANDS.get(name, 0.6)
        elif char in "_^":
            script, i = _argument(latex, i + 1)
            total += 0.7 * width(script)
        elif char in "{}& ":
            i += 1
        else:
            total += _character(latex, i)
            i += 1
    return total


def _character(latex: str, i: int) -> float:
    char = latex[i]
    if char in "+-":
        before = latex[:i].rstrip()
        unary = not before or before[-1] in "(=[{&"
        return 0.78 if unary else 1.22
    if char in "=<>":
        return 1.34
    if char in _WIDE_CHARACTERS:
        return _WIDE_CHARACTERS[char]
    return 0.72 if char.isupper() else 0.5


def split_top(latex: str, separators: Sequence[str]) -> list[str]:
    r"""Split at the separators that are outside every brace, parenthesis and bracket.

    The pieces after the first keep their separator in front (`+ b`), so that joining them
    with spaces gives the equation back.

    Examples:
        >>> split_top(r"a + \frac{b + c}{d} + (e + f)", [" + "])
        ['a', '+ \\frac{b + c}{d}', '+ (e + f)']

    Introduced in [The forward pass][forward-pass].
    """
    pieces, depth, start, i = [], 0, 0, 0
    firsts = {separator[:1] for separator in separators}  # looked for only where one may start
    while i < len(latex):
        char = latex[i]
        depth += 1 if char in "{([" else -1 if char in "})]" else 0
        found = None
        if depth == 0 and char in firsts:
            found = next((s for s in separators if latex.startswith(s, i)), None)
        if found is not None and i > start:
            pieces.append(latex[start:i].strip())
            start = i + 1  # keep the operator, drop the space before it
            i += len(found)
            continue
        i += 1
    pieces.append(latex[start:].strip())
    return [piece for piece in pieces if piece]


def _wrapped(part: str, room: float) -> list[str]:
    """`part` in lines of at most `room` em where it can be, broken before top-level operators.

    A term too wide is broken between its [`factors`][backprop_steps.render.layout.factors],
    never inside a group; a factor wider than the line stays whole, on a line of its own.
    """
    lines: list[str] = []
    for term in split_top(part, _SUMS):
        if lines and width(lines[-1] + " " + term) <= room:
            lines[-1] += " " + term
        elif width(term) <= room:
            lines.append(term)
        else:  # a product too wide: break it between its factors
            lines += _packed(factors(term), room)
    return lines


def _packed(factors: list[str], room: float) -> list[str]:
    """Factors packed greedily into lines of `room` em (a factor too wide alone on its line)."""
    lines = [factors[0]]
    for factor in factors[1:]:
        if width(lines[-1] + " " + factor) <= room:
            lines[-1] += " " + factor
        else:
            lines.append(factor)
    return lines


def factors(term: str) -> list[str]:
    r"""A product's factors, each after the first with its operator in front: split at the
    top-level $\cdot$, $\odot$ and $\times$, and where one factor follows another without a dot
    (`0.75(1 - 0.75)`, `(1 - t) \ln(1 - o)`), which gets one once apart. A function keeps its
    parenthesis (`\sigma(x)`, `\ln(x)`, `E(w)`, `\mathrm{softmax}(x)`), and nothing inside a
    group is split.

    Examples:
        >>> factors(r"out_{o1}(1 - out_{o1}) \cdot \sigma(x + 1)")
        ['out_{o1}', '\\cdot (1 - out_{o1})', '\\cdot \\sigma(x + 1)']

    Introduced in [The forward pass][forward-pass].
    """
    found = []
    for factor in split_top(term, _PRODUCTS):
        first, *rest = _implicit(factor)
        found += [first, *(rf"\cdot {piece}" for piece in rest)]
    return found


def _implicit(factor: str) -> list[str]:
    r"""`factor` split where a factor follows another without a dot, at the top level: before a
    parenthesis after a number, a bracket or a subscript (not after a function's name), and
    before a function such as `\ln` after a closing parenthesis.
    """
    pieces, start, depth = [], 0, 0
    for i, char in enumerate(factor):
        before = factor[start:i].rstrip()
        if (
            depth == 0
            and before
            and (_multiplied(before, factor, i) or _applied(before, factor, i))
        ):
            pieces.append(before)
            start = i
        depth += 1 if char in "{([" else -1 if char in "})]" else 0
    return [*pieces, factor[start:]]


def _multiplied(before: str, text: str, i: int) -> bool:
    """Whether the parenthesis at `i` multiplies `before`, rather than being a function's."""
    if not (text[i] == "(" or text.startswith(r"\left(", i)):
        return False
    if _NAMED.search(before):  # \mathrm{softmax}(x)
        return False
    return before[-1] in "0123456789)]}" or bool(re.search(r"[_^][A-Za-z0-9]$", before))


def _applied(before: str, text: str, i: int) -> bool:
    r"""Whether a function such as `\ln` starts at `i`, after a factor closed by a parenthesis."""
    return before[-1] == ")" and bool(_FUNCTION.match(text, i))


def _rows(equation: str, room: float, fit: bool = True) -> list[str] | None:
    r"""The right-hand rows `&= part` (continuations `&\quad + term`) of one equation; `None`
    if a row is wider than `room` and they must `fit`.
    """
    rows = []
    for part in split_top(equation, _RELATIONS)[1:]:
        relation, _, rest = part.partition(" ")
        lines = _wrapped(rest, room - 1.34)
        if fit and any(width(line) > room - 1.34 for line in lines):
            return None
        rows.append(f"&{relation} {lines[0]}")
        rows += [rf"&\quad {line}" for line in lines[1:]]
    return rows


def aligned(equations: Sequence[str], budget: float) -> str:
    r"""The equations laid out to fit `budget` em, one `aligned` block.

    Each equation is one line if all of them fit on one; otherwise every `=` starts a line,
    aligned under the first, with the left-hand side beside the first `=` when there is room and
    on a line of its own when there is not. A factor that cannot fit even then is left whole.

    Introduced in [The forward pass][forward-pass].
    """
    if len(equations) == 1 and width(equations[0]) <= budget:
        return equations[0]
    heads = [split_top(eq, _RELATIONS)[0] for eq in equations]
    head_room = budget - max(map(width, heads))
    if all(width(eq) - width(h) <= head_room for eq, h in zip(equations, heads, strict=True)):
        return _block(f"{h} &{eq[len(h) :].lstrip()}" for eq, h in zip(equations, heads))
    beside = [_rows(eq, head_room) for eq in equations]
    if all(rows is not None for rows in beside):
        return _block(
            row
            for head, rows in zip(heads, beside, strict=True)
            for row in (f"{head} {rows[0]}", *rows[1:])  # type: ignore[index]
        )
    rows = []
    for head, equation in zip(heads, equations, strict=True):
        alone = _rows(equation, budget) or _rows(equation, budget, fit=False) or []
        rows += [f"& {head}", *alone]
    return _block(rows)


def _block(rows: Iterable[str]) -> str:
    return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"


def display(*equations: str) -> str:
    r"""A `$$` block of the equations for the page, with the blank lines Markdown needs: one
    layout when it fits every screen, else one for wide and one for narrow screens.

    Introduced in [The forward pass][forward-pass].
    """
    wide, narrow = aligned(equations, WIDE), aligned(equations, NARROW)
    if wide == narrow:
        return f"\n$$\n{wide}\n$$\n"
    return (
        f'\n<div class="bp-math bp-math--wide" markdown>\n\n$$\n{wide}\n$$\n\n</div>\n'
        f'<div class="bp-math bp-math--narrow" markdown>\n\n$$\n{narrow}\n$$\n\n</div>\n'
    )


def html(equations: Sequence[str], layouts: Sequence[str] = LAYOUTS) -> str:
    r"""Display math as HTML, as arithmatex writes it for KaTeX (a `<div class="arithmatex">`
    holding the LaTeX between display delimiters), for a page's script to put in place where
    Markdown no longer runs: one layout when it fits every screen, else one for wide and one for
    narrow screens (or only those of `layouts`).

    Examples:
        >>> import re
        >>> re.findall(r'class="([^"]*)"', html(["a = 1"]))
        ['arithmatex']
        >>> long = "s = " + " + ".join(["0.123456789"] * 3)
        >>> re.findall(r'class="([^"]*)"', html([long]))
        ['bp-math bp-math--wide', 'arithmatex', 'bp-math bp-math--narrow', 'arithmatex']

    Introduced in [Calculator][calculator].
    """
    budgets = {"wide": WIDE, "narrow": NARROW}
    if tuple(layouts) == LAYOUTS:
        wide, narrow = aligned(equations, WIDE), aligned(equations, NARROW)
        if wide == narrow:
            return f'<div class="arithmatex">\\[{escape(wide, quote=False)}\\]</div>'
    return "".join(
        f'<div class="bp-math bp-math--{variant}"><div class="arithmatex">'
        f"\\[{escape(aligned(equations, budgets[variant]), quote=False)}\\]</div></div>"
        for variant in layouts
    )
