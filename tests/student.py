"""An independent student: one step of a 2-2-2 network worked by hand, as a person works it.

Written for the tests from the posts' equations, not from the library: the arithmetic is
decimal, as on paper or on a pocket calculator (sums and products exact, the logistic function
to 12 significant digits, as a calculator shows it), and a student who rounds writes each
intermediate result rounded half up (school rounding, `ROUND_HALF_UP`) to some decimals or
significant digits, and carries that figure forward. A mistake is one of the catalogue's ids,
made the way a student makes it; `mistakes` may hold two.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext

from backprop_steps.problem import Problem

D = Decimal

MISTAKES = (
    "swapped-weights",
    "sequential-update",
    "missing-activation-derivative",
    "derivative-of-net",
    "sign-flipped",
    "missing-half",
    "learning-rate",
    "single-path",
    "share-through-wrong-weight",
    "bias-per-neuron",
    "biases-updated",
    "missing-bias",
    "net-instead-of-out",
    "error-derivative-sign",
)
"""The mistakes this student knows how to make."""


def rounder(
    digits: int | None, significant: bool = False, truncate: bool = False
) -> Callable[[Decimal], Decimal]:
    """How the student writes a number: all of it (`None`), or rounded half up (or truncated) to
    `digits` decimals or significant digits."""
    mode = ROUND_DOWN if truncate else ROUND_HALF_UP

    def write(x: Decimal) -> Decimal:
        if digits is None or x == 0:
            return x
        places = digits - x.adjusted() - 1 if significant else digits
        return x.quantize(D(1).scaleb(-places), mode)

    return write


def sigmoid(x: Decimal) -> Decimal:
    """The logistic function as a calculator shows it: 12 significant digits."""
    value = 1.0 / (1.0 + math.exp(-float(x)))
    return D(f"{value:.12g}")


def student(
    problem: Problem,
    mistakes: Collection[str] = (),
    digits: int | None = None,
    significant: bool = False,
    truncate: bool = False,
) -> dict[str, str]:
    """Every quantity of a 2-2-2 step by hand, in the problem's naming, as the student writes it.

    With `digits=None` the student keeps every digit and writes the figures rounded half up to
    9 decimals.
    """
    with localcontext() as context:
        context.prec = 60
        return _worked(problem, set(mistakes), rounder(digits, significant, truncate), digits)


def _worked(
    problem: Problem, mistakes: set[str], r: Callable[[Decimal], Decimal], digits: int | None
) -> dict[str, str]:
    inputs, targets = problem.example
    i1, i2, t1, t2 = (D(repr(float(x))) for x in (*inputs, *targets))
    hidden, output = problem.network.layers
    name = problem.network.names.weight_name  # figures by position, in the post's naming
    (w1, w2), (w3, w4) = ((D(repr(float(x))) for x in row) for row in hidden.weights)
    (w5, w6), (w7, w8) = ((D(repr(float(x))) for x in row) for row in output.weights)
    if "swapped-weights" in mistakes:
        w2, w3 = w3, w2
    b1, b2 = (D(repr(float(layer.biases))) for layer in (hidden, output))  # type: ignore[arg-type]
    eta = D(repr(float(problem.network.learning_rate)))
    if "learning-rate" in mistakes:
        eta = D(1)
    bias = D(0) if "missing-bias" in mistakes else D(1)
    net_h1, net_h2 = r(w1 * i1 + w2 * i2 + b1 * bias), r(w3 * i1 + w4 * i2 + b1 * bias)
    out_h1, out_h2 = r(sigmoid(net_h1)), r(sigmoid(net_h2))
    net_o1, net_o2 = (
        r(w5 * out_h1 + w6 * out_h2 + b2 * bias),
        r(w7 * out_h1 + w8 * out_h2 + b2 * bias),
    )
    out_o1, out_o2 = r(sigmoid(net_o1)), r(sigmoid(net_o2))
    half = D(1) if "missing-half" in mistakes else D("0.5")
    e1, e2 = r(half * (t1 - out_o1) ** 2), r(half * (t2 - out_o2) ** 2)
    total = r(e1 + e2)
    sign = D(-1) if "error-derivative-sign" in mistakes else D(1)
    d1, d2 = r(2 * half * (out_o1 - t1) * sign), r(2 * half * (out_o2 - t2) * sign)

    def slope(net: Decimal, out: Decimal) -> Decimal:
        if "derivative-of-net" in mistakes:
            return r(net * (1 - net))
        return r(out * (1 - out))

    s_o1, s_o2 = slope(net_o1, out_o1), slope(net_o2, out_o2)
    if "missing-activation-derivative" in mistakes:
        delta_o1, delta_o2 = d1, d2
    else:
        delta_o1, delta_o2 = r(d1 * s_o1), r(d2 * s_o2)
    x1, x2 = (net_h1, net_h2) if "net-instead-of-out" in mistakes else (out_h1, out_h2)
    g5, g6, g7, g8 = r(delta_o1 * x1), r(delta_o1 * x2), r(delta_o2 * x1), r(delta_o2 * x2)
    step = eta if "sign-flipped" in mistakes else -eta
    n5, n6, n7, n8 = (r(v + step * g) for v, g in ((w5, g5), (w6, g6), (w7, g7), (w8, g8)))
    v5, v6, v7, v8 = (n5, n6, n7, n8) if "sequential-update" in mistakes else (w5, w6, w7, w8)
    # the w6/w7 slip of the questions page: dE_o2/dout_h1 through w6 instead of w7
    via = v6 if "share-through-wrong-weight" in mistakes else v7
    c11, c21 = r(delta_o1 * v5), r(delta_o2 * via)
    c12, c22 = r(delta_o1 * v6), r(delta_o2 * v8)
    if "single-path" in mistakes:
        dh1, dh2 = c11, c12
    else:
        dh1, dh2 = r(c11 + c21), r(c12 + c22)
    s_h1, s_h2 = slope(net_h1, out_h1), slope(net_h2, out_h2)
    if "missing-activation-derivative" in mistakes:
        delta_h1, delta_h2 = dh1, dh2
    else:
        delta_h1, delta_h2 = r(dh1 * s_h1), r(dh2 * s_h2)
    g1, g2, g3, g4 = r(delta_h1 * i1), r(delta_h1 * i2), r(delta_h2 * i1), r(delta_h2 * i2)
    n1, n2, n3, n4 = (r(v + step * g) for v, g in ((w1, g1), (w2, g2), (w3, g3), (w4, g4)))
    figures = {
        "net_h1": net_h1,
        "out_h1": out_h1,
        "net_h2": net_h2,
        "out_h2": out_h2,
        "net_o1": net_o1,
        "out_o1": out_o1,
        "net_o2": net_o2,
        "out_o2": out_o2,
        "E_o1": e1,
        "E_o2": e2,
        "E_total": total,
        "dE_total/dout_o1": d1,
        "dout_o1/dnet_o1": s_o1,
        "delta_o1": delta_o1,
        "delta_o2": delta_o2,
        f"dE_total/d{name(1, 0, 0)}": g5,
        f"dE_total/d{name(1, 0, 1)}": g6,
        f"dE_total/d{name(1, 1, 0)}": g7,
        f"dE_total/d{name(1, 1, 1)}": g8,
        f"{name(1, 0, 0)}+": n5,
        f"{name(1, 0, 1)}+": n6,
        f"{name(1, 1, 0)}+": n7,
        f"{name(1, 1, 1)}+": n8,
        "dE_o1/dout_h1": c11,
        "dE_o2/dout_h1": c21,
        "dE_total/dout_h1": dh1,
        "dout_h1/dnet_h1": s_h1,
        "delta_h1": delta_h1,
        "dE_total/dout_h2": dh2,
        "delta_h2": delta_h2,
        f"dE_total/d{name(0, 0, 0)}": g1,
        f"{name(0, 0, 0)}+": n1,
        f"{name(0, 0, 1)}+": n2,
        f"{name(0, 1, 0)}+": n3,
        f"{name(0, 1, 1)}+": n4,
    }
    gb1, gb2 = r(delta_h1 + delta_h2), r(delta_o1 + delta_o2)
    if "bias-per-neuron" in mistakes:  # each shared bias from the first neuron of its layer
        gb1, gb2 = delta_h1, delta_o1
        figures["dE_total/db1"], figures["dE_total/db2"] = gb1, gb2
    if "biases-updated" in mistakes:
        figures["b1+"], figures["b2+"] = r(b1 + step * gb1), r(b2 + step * gb2)
    if digits is None:
        nine = rounder(9)
        return {k: str(nine(v)) for k, v in figures.items()}
    return {k: str(v) for k, v in figures.items()}
