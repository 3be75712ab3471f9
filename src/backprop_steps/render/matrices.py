r"""Matrices in LaTeX, and the NumPy engine's entries beside the scalar trace's, for the matrix form.

A matrix is written from its entries (names, symbols or numbers), each in braces so the
equation layout never breaks inside one; a weight matrix's names come from the network's
naming, at their places (row $j$: the weights into neuron $j + 1$).

Introduced in [The matrix form][matrix-form].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from backprop_steps.display import number, scientific
from backprop_steps.render.latex import symbol

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from backprop_steps.network import Naming, Network
    from backprop_steps.vectorized import BatchTrace

__all__ = [
    "bmatrix",
    "comparison",
    "gradient_symbol",
    "nowrap",
    "numbers",
    "shapes_table",
    "stacked",
    "weight_names",
]


def bmatrix(rows: Sequence[Sequence[str]], gap: str = "0.3em") -> str:
    r"""A matrix of LaTeX entries, each in braces so the layout never breaks inside one.

    Args:
        rows: The entries, row by row.
        gap: The space between two rows (more for tall entries such as fractions).

    Returns:
        The `bmatrix` environment.

    Examples:
        >>> print(bmatrix([["w_{1}", "w_{2}"]]))
        \begin{bmatrix} {w_{1}} & {w_{2}} \end{bmatrix}

    Introduced in [The matrix form][matrix-form].
    """
    body = f" \\\\[{gap}] ".join(" & ".join(f"{{{entry}}}" for entry in row) for row in rows)
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"


def numbers(array: ArrayLike, given: bool = False) -> str:
    """The numbers of a row vector or a matrix, as a LaTeX matrix.

    Args:
        array: A row (one dimension) or a matrix (two).
        given: Whether the numbers were given (inputs, starting weights), so they print as
            written; computed ones print at 9 decimals.

    Returns:
        The `bmatrix` environment.

    Introduced in [The matrix form][matrix-form].
    """
    import numpy as np  # the matrix form is the NumPy engine's

    return bmatrix([[number(v, given) for v in row] for row in np.atleast_2d(array)])


def weight_names(network: Network, layer: int, naming: Naming | None = None) -> list[list[str]]:
    """The names of a layer's weights at their places in its matrix: a row per receiving neuron.

    Args:
        network: The network, for the layer's shape.
        layer: The layer's index.
        naming: Another naming of the same shape (the network's own by default).

    Returns:
        The names, row by row.

    Examples:
        >>> from backprop_steps import MAZUR, NEURALBLOG_NAMING
        >>> weight_names(MAZUR.network, 0), weight_names(MAZUR.network, 0, NEURALBLOG_NAMING)
        ([['w1', 'w2'], ['w3', 'w4']], [['w1', 'w3'], ['w2', 'w4']])

    Introduced in [The matrix form][matrix-form].
    """
    names = naming or network.names
    shape = network.layers[layer]
    return [
        [names.weight_name(layer, j, k) for k in range(shape.fan_in)] for j in range(shape.width)
    ]


def gradient_symbol(name: str, fraction: str = r"\dfrac") -> str:
    r"""$\frac{\partial E_{total}}{\partial w}$ of a weight or bias, by its name.

    Args:
        name: The weight's or bias's name, such as `w5`.
        fraction: The fraction command: `\dfrac` keeps it full size inside a matrix.

    Returns:
        The LaTeX.

    Introduced in [The matrix form][matrix-form].
    """
    return rf"{fraction}{{\partial E_{{total}}}}{{\partial {symbol(name)}}}"


def stacked(head: str, *sides: str) -> str:
    """`head = side = side ...`, each `=` on a line of its own (a matrix is too tall to share one).

    Args:
        head: The left side.
        *sides: The right sides, in order.

    Returns:
        A display equation, as Markdown for the page.

    Introduced in [The matrix form][matrix-form].
    """
    rows = [f"{head} &= {sides[0]}", *(f"&= {side}" for side in sides[1:])]
    return "\n$$\n\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}\n$$\n"


def nowrap(text: str) -> str:
    """Inline code that a narrow column never breaks in the middle.

    Introduced in [The matrix form][matrix-form].
    """
    return f'<code style="white-space:nowrap">{text}</code>'


def comparison(rows: Sequence[tuple[str, str, float, float]], what: str = "scalar") -> str:
    """The NumPy engine's entries beside the scalar trace's, and the largest difference.

    Args:
        rows: Each entry's code (`NET_h[0,0]`), its scalar's LaTeX (`net_{h1}`), its value from
            the NumPy engine and from [`trace`][backprop_steps.scalar.trace].
        what: What the first column names, before "matrix entry".

    Returns:
        A Markdown table, a blank line and the sentence that gives the largest difference.

    Introduced in [The matrix form][matrix-form].
    """
    lines = [f"| {what}, matrix entry | NumPy engine | `trace` |", "|---|---:|---:|"]
    lines += [f"| ${name}$<br>{nowrap(e)} | {number(a)} | {number(b)} |" for e, name, a, b in rows]
    worst = max(abs(float(a) - float(b)) for _, _, a, b in rows)
    agreement = "0: the two engines agree to the last bit" if worst == 0 else scientific(worst)
    lines += ["", f"Largest difference between the two columns: {agreement}."]
    return "\n".join(lines)


def _shape(matrix: Any) -> tuple[int, int]:
    """Rows and columns of a matrix: nested tuples or a NumPy array."""
    return len(matrix), len(matrix[0])


def shapes_table(small: BatchTrace, large: BatchTrace) -> str:
    """The shape of each array of a step of a network with one hidden layer: the Mazur step's
    beside a larger one's, whose rows and columns are named.

    Args:
        small: A step of the Mazur network, on one example.
        large: A step of a larger network of one hidden layer, on a batch.

    Returns:
        A Markdown table.

    Introduced in [Real data: handwritten digits][digits].
    """

    def weights(step: BatchTrace, l: int) -> tuple[int, int]:
        return _shape(step.network.layers[l].weights)

    # the array, what its rows and columns are, its shape in a step
    arrays: list[tuple[str, str, str, Callable[[BatchTrace], tuple[int, int]]]] = [
        ("$X$", "examples", "inputs", lambda t: _shape(t.inputs)),
        ("$W_h$", "hidden", "inputs", lambda t: weights(t, 0)),
        ("$OUT_h$", "examples", "hidden", lambda t: _shape(t.OUT[0])),
        ("$W_o$", "outputs", "hidden", lambda t: weights(t, 1)),
        (r"$\hat{Y}$", "examples", "outputs", lambda t: _shape(t.OUT[1])),
        (r"$\delta_o$", "examples", "outputs", lambda t: _shape(t.deltas[1])),
        (r"$\delta_h$", "examples", "hidden", lambda t: _shape(t.deltas[0])),
        (r"$\nabla W_h$", "hidden", "inputs", lambda t: _shape(t.gradients.weights[0])),
        (r"$\nabla W_o$", "outputs", "hidden", lambda t: _shape(t.gradients.weights[1])),
    ]
    lines = ["| array | in the Mazur step | here (rows × columns) |", "|---|---:|---|"]
    for name, rows, columns, shape in arrays:
        (a, b), (m, n) = shape(small), shape(large)
        lines.append(f"| {name} | {a} × {b} | {m} {rows} × {n} {columns} |")
    return "\n".join(lines)
