"""Links into the calculator: a request as the address the page's "Link to this calculation"
writes, and the "Check your numbers" paragraph that ends each tutorial chapter.

The [calculator][calculator] (`backprop_steps.render.calculator`) reads its whole form
from the fragment of its address, `calculator/#calc&mode=fields&i1=0.05&...&mine=...`, and fills
it in on load, before anything computes. A chapter links there with its own network and the
names of its quantities in the **Compare** box, each behind a `#` for the student to fill in.

Introduced in [The network][network].
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote_plus

from backprop_steps.check import quantities
from backprop_steps.render.calculator import form_fields, read
from backprop_steps.scalar import trace

__all__ = ["check_your_numbers", "permalink", "quantity_names", "to_fill_in"]


def _encode(text: str) -> str:
    """A name or a value as a browser's `URLSearchParams` writes it: a space as `+`, every
    byte but the letters, the digits and `*-._` percent-encoded.
    """
    return quote_plus(text, safe="*").replace("~", "%7E")


def permalink(request: Mapping[str, Any]) -> str:
    r"""The calculator's fragment for a request: what its "Link to this calculation" writes.

    The fields in the order of the page's script: `mode`; the network file's text or the
    2-2-2 network's fields; the options; each flag as `1` or `0`; the reader's numbers, if any.

    Args:
        request: A calculator request, as `backprop_steps.render.calculator.preset` returns
            it.

    Returns:
        `#calc&` and the fields, URL-encoded.

    Examples:
        >>> from backprop_steps.render.calculator import preset
        >>> link = permalink(preset("mazur") | {"mine": "delta_o1 0.1385"})
        >>> link[:40]
        '#calc&mode=fields&i1=0.05&i2=0.1&t1=0.01'
        >>> print(*link.split("&")[-7:], sep="\n")
        naming=mazur
        loss=squared_error
        activation=sigmoid
        order=simultaneous
        steps=1
        update_biases=0
        mine=delta_o1+0.1385

    Introduced in [The network][network].
    """
    names = form_fields()
    pairs = [("mode", str(request["mode"]))]
    if request["mode"] == "json":
        pairs.append(("network", str(request["network"])))
    else:
        pairs += [(name, str(request["fields"][name])) for name in names["numbers"]]
    pairs += [(name, str(request[name])) for name in names["options"]]
    pairs += [(name, "1" if request[name] else "0") for name in names["flags"]]
    if request.get("mine"):
        pairs.append(("mine", str(request["mine"])))
    return "#calc&" + "&".join(f"{_encode(k)}={_encode(v)}" for k, v in pairs)


def quantity_names(request: Mapping[str, Any], pattern: str) -> list[str]:
    """The names of the quantities of a request's step that match a pattern, in the order a
    student computes them (the names the calculator's **Compare** box reads).

    Examples:
        >>> from backprop_steps.render.calculator import preset
        >>> quantity_names(preset("mazur"), r"^E_")
        ['E_o1', 'E_o2', 'E_total']

    Introduced in [The network][network].
    """
    settings = read(request)
    problem = settings.problem
    step = trace(problem.network, *problem.example, order=settings.order)
    return [name for name in quantities(step) if re.search(pattern, name)]


def to_fill_in(chapter: int, names: Sequence[str]) -> str:
    """The **Compare** box's text for a chapter: its quantities, each a line behind a `#` (a
    comment) for the student to un-comment and complete.

    Examples:
        >>> print(to_fill_in(3, ["E_o1", "E_total"]))
        # Your numbers for chapter 3: delete the # before each line you worked out
        # and type your value after the name.
        # E_o1
        # E_total

    Introduced in [The network][network].
    """
    if not names:
        return ""
    lines = [
        f"# Your numbers for chapter {chapter}: delete the # before each line you worked out",
        "# and type your value after the name.",
    ]
    return "\n".join(lines + [f"# {name}" for name in names])


def check_your_numbers(
    request: Mapping[str, Any],
    chapter: int,
    pattern: str | None,
    example: str = "the Mazur example",
    calculator: str = "../../calculator/",
    check_your_own: str = "../../check-your-own/",
) -> str:
    """The paragraph that ends a tutorial chapter: a link into the calculator, set to the
    chapter's network and listing its quantities, and what to do when a number differs.

    Args:
        request: The calculator request of the chapter's network.
        chapter: The chapter's number, for the **Compare** box.
        pattern: Which quantities the chapter computes (a regular expression searched in
            their names); `None` for none.
        example: The network in words, for the link.
        calculator: The address of the calculator page, relative to the chapter's (a printed
            link is not rewritten by MkDocs: it is the built page's address, not the `.md`).
        check_your_own: The address of the page on checking numbers on the command line.

    Returns:
        Markdown.

    Introduced in [The network][network].
    """
    names = quantity_names(request, pattern) if pattern is not None else []
    link = calculator + permalink({**request, "mine": to_fill_in(chapter, names)})
    if not names:
        return (
            f"The [calculator]({link}) holds {example}, ready for you to change any number and "
            "compute the whole step with it. At the end of each of the next chapters, this "
            "section links to it with that chapter's numbers listed for you to fill in."
        )
    return (
        f"[Open the calculator on {example}]({link}): its **Compare** box lists the "
        f"{len(names)} numbers of this chapter, each behind a `#`. Delete the `#` before each "
        "one you worked out, type your value after the name, and press **Compute in your "
        "browser**. If a number differs, the calculator says where yours first part ways with "
        "ours and names the known mistakes that would give your numbers, or most of them; "
        f"[Check your own calculation]({check_your_own}) does the same on the command line."
    )
