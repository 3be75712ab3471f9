r"""Matrices in LaTeX, and the NumPy engine's entries beside the scalar trace's, for the matrix form.

A matrix is written from its entries (names, symbols or numbers), each in braces so the
equation layout never breaks inside one; a weight matrix's names come from the network's
naming, at their places (row $j$: the weights into neuron $j + 1$).

Introduced in [The matrix form][matrix-form].
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from backprop_steps.display import number, scientific
from backprop_steps.render.latex import symbol

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from backprop_steps.network import Naming, Network
    from backprop_steps.scalar import Trace
    from backprop_steps.vectorized import BatchTrace

__all__ = [
    "bmatrix",
    "Entry",
    "comparison",
    "engine_cases",
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


def stacked(*equations: Sequence[str]) -> str:
    """`head = side = side ...`, each `=` on a line of its own (a matrix is too tall to share one),
    for one equation or several in one display.

    Args:
        *equations: Each equation's left side, then its right sides, in order.

    Returns:
        A display equation, as Markdown for the page.

    Introduced in [The matrix form][matrix-form].
    """
    blocks = [
        " \\\\\n".join((f"{head} &= {sides[0]}", *(f"&= {side}" for side in sides[1:])))
        for head, *sides in equations
    ]
    body = " \\\\[0.8em]\n".join(blocks)
    return "\n$$\n\\begin{aligned}\n" + body + "\n\\end{aligned}\n$$\n"


def nowrap(text: str) -> str:
    """Inline code that a narrow column never breaks in the middle.

    Introduced in [The matrix form][matrix-form].
    """
    return f'<code style="white-space:nowrap">{text}</code>'


Entry = tuple[str, str, float, float]
"""An entry of the step: its code (`NET_h[0,0]`), its scalar's LaTeX (`net_{h1}`), its value from
the NumPy engine and from [`trace`][backprop_steps.scalar.trace]."""


def _difference(entries: Sequence[Entry]) -> str:
    worst = max(abs(float(a) - float(b)) for _, _, a, b in entries)
    return "0" if worst == 0 else scientific(worst)


def comparison(cases: Mapping[str, Sequence[Entry]]) -> str:
    """The NumPy engine against the scalar trace, the parts of the step side by side: for each,
    how many entries and their largest difference; every entry in a closed box below.

    Args:
        cases: The entries of each part of the step (the forward pass, the deltas, ...), by the
            part's name.

    Returns:
        A Markdown table, then a closed `details` box that holds every entry, both values.

    Introduced in [The matrix form][matrix-form].
    """
    lines = [
        "| part of the step | entries | largest difference, NumPy engine against `trace` |",
        "|---|---:|---:|",
    ]
    lines += [f"| {case} | {len(rows)} | {_difference(rows)} |" for case, rows in cases.items()]
    differences = [abs(float(a) - float(b)) for rows in cases.values() for _, _, a, b in rows]
    lines += [
        "",
        "Every difference is 0: the two engines agree to the last bit."
        if max(differences) == 0
        else f"The largest difference is {scientific(max(differences))}.",
    ]
    every = ["| matrix entry | scalar | NumPy engine | `trace` |", "|---|---|---:|---:|"]
    every += [
        f"| {nowrap(code)} | ${name}$ | {number(a)} | {number(b)} |"
        for rows in cases.values()
        for code, name, a, b in rows
    ]
    box = '<details class="note" markdown="1">\n<summary>Every entry, both engines</summary>\n'
    return "\n".join([*lines, "", box, *every, "", "</details>"])


def engine_cases(batch: BatchTrace, step: Trace) -> dict[str, list[Entry]]:
    """Every entry of a step of a network with one hidden layer and a shared bias per layer,
    from the NumPy engine (its first example) and from the scalar trace, by part of the step.

    Args:
        batch: The step of the NumPy engine.
        step: The same step of [`trace`][backprop_steps.scalar.trace].

    Returns:
        The entries of the forward pass, the deltas, the gradients and the updated weights,
        for [`comparison`][backprop_steps.render.matrices.comparison].

    Introduced in [The matrix form][matrix-form].
    """
    from backprop_steps.vectorized import parameters

    network = step.network
    names = network.names
    layers = ((0, "h", "OUT_h"), (1, "o", "Y_hat"))
    weights = [
        (l, head, j, k, name)
        for l, head in ((1, "W_o"), (0, "W_h"))
        for j, row in enumerate(weight_names(network, l))
        for k, name in enumerate(row)
    ]
    new_W = parameters(batch.updated)[0]
    return {
        "forward pass: $NET$, $OUT$": [
            entry
            for l, side, out in layers
            for j, n in enumerate(names.neuron_names(l))
            for entry in (
                (f"NET_{side}[0,{j}]", f"net_{{{n}}}", batch.NET[l][0, j], step.net(n)),
                (f"{out}[0,{j}]", f"out_{{{n}}}", batch.OUT[l][0, j], step.out(n)),
            )
        ],
        r"deltas $\delta_o$, $\delta_h$": [
            (f"delta_{side}[0,{j}]", rf"\delta_{{{n}}}", batch.deltas[l][0, j], step.delta(n))
            for l, side, _ in reversed(layers)
            for j, n in enumerate(names.neuron_names(l))
        ],
        r"gradients $\nabla W$, $\nabla b$": [
            *(
                (
                    f"grad_{head}[{j},{k}]",
                    gradient_symbol(name, r"\frac"),
                    batch.gradients.weights[l][j][k],
                    step.grad(name),
                )
                for l, head, j, k, name in weights
            ),
            *(
                (
                    f"grad_b_{'o' if l else 'h'}",
                    gradient_symbol(name, r"\frac"),
                    batch.grad(name),
                    step.grad(name),
                )
                for name, (l, _) in sorted(names.biases.items(), key=lambda b: -b[1][0])
            ),
        ],
        "updated weights $W^+$": [
            (f"{head}_new[{j},{k}]", f"{symbol(name)}^+", new_W[l][j, k], step.new(name))
            for l, head, j, k, name in weights
        ],
    }


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
