"""The JSON of a training step and of a training run: what `backprop-steps trace` and `train`
print with `--format json`, and what the test vectors hold.

Every number is a plain full-precision float, in the order of the layers, input side first; a
batch carries the example dimension first. [`dumps`][backprop_steps.jsonshapes.dumps] writes
it and refuses a value that overflowed, with the one message the command line and the
calculator print; [`canonical`][backprop_steps.jsonshapes.canonical] writes the one text of a
value that a checksum is taken of (RFC 8785), the same in Python and in JavaScript.

Examples:
    >>> from backprop_steps.examples import MAZUR
    >>> from backprop_steps.scalar import trace
    >>> data = trace_json(trace(MAZUR.network, *MAZUR.example))
    >>> list(data), round(data["gradients"][1]["weights"][0][0], 9)
    (['layers', 'loss', 'deltas', 'gradients', 'updated'], 0.082167041)

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from backprop_steps.display import plain
from backprop_steps.network import Network
from backprop_steps.results import History
from backprop_steps.scalar import Trace

if TYPE_CHECKING:
    from backprop_steps.vectorized import BatchTrace

__all__ = ["OVERFLOW", "canonical", "dumps", "trace_json", "train_json"]

OVERFLOW = "network: the step overflowed (a value is infinite or NaN); try smaller weights"
"""The error when a value of a step is infinite or not a number: the weights are too large for
floating point."""


def _parameters(network: Network) -> list[dict[str, Any]]:
    return [
        {"weights": plain(layer.weights), "biases": plain(layer.biases)} for layer in network.layers
    ]


def trace_json(result: Trace | BatchTrace) -> dict[str, Any]:
    """Every quantity of one step in the CLI's JSON shape (full-precision floats).

    Args:
        result: The step, on one example or on a batch.

    Returns:
        `layers` (`net`, `out`), `loss` (`per_output`, `total`), `deltas`, `gradients` and
        `updated`, in layer order; a batch carries the example dimension first.

    Introduced in [Check your own calculation][check-your-own].
    """
    if isinstance(result, Trace):
        layers = [{"net": plain(v.net), "out": plain(v.out)} for v in result.layers]
    else:
        layers = [{"net": plain(n), "out": plain(o)} for n, o in zip(result.NET, result.OUT)]
    gradients = result.gradients
    return {
        "layers": layers,
        "loss": {"per_output": plain(result.errors), "total": float(result.total_error)},
        "deltas": [plain(d) for d in result.deltas],
        "gradients": [
            {"weights": plain(w), "biases": plain(b)}
            for w, b in zip(gradients.weights, gradients.biases, strict=True)
        ],
        "updated": _parameters(result.updated),
    }


def train_json(history: History, steps: int) -> dict[str, Any]:
    """The result of `train` in the CLI's JSON shape.

    Args:
        history: The training run.
        steps: How many steps it made.

    Returns:
        `steps`, `order`, `errors` (the total error before any update, then after each),
        `outputs` and `layers` (the trained weights and biases).

    Introduced in [Check your own calculation][check-your-own].
    """
    return {
        "steps": steps,
        "order": history.order,
        "errors": plain(history.errors),
        "outputs": plain(history.outputs),
        "layers": _parameters(history.network),
    }


def dumps(data: dict[str, Any], indent: int | None = None) -> str:
    """A trace, a run or a test vector as JSON text, every number finite (JSON has no infinity).

    Args:
        data: What [`trace_json`][backprop_steps.jsonshapes.trace_json] or
            [`train_json`][backprop_steps.jsonshapes.train_json] return, or a test vector.
        indent: Spaces per level; `None` writes one line.

    Raises:
        ValueError: [`OVERFLOW`][backprop_steps.jsonshapes.OVERFLOW] when a value is infinite
            or not a number.

    Introduced in [Check your own calculation][check-your-own].
    """
    try:
        return json.dumps(data, indent=indent, allow_nan=False)
    except ValueError:
        raise ValueError(OVERFLOW) from None


def _number(x: float) -> str:
    """A number as JavaScript's `JSON.stringify` writes it (ECMAScript's Number::toString)."""
    if x == 0.0:
        return "0"
    if x < 0.0:
        return "-" + _number(-x)
    _, digits, exponent = Decimal(repr(x)).normalize().as_tuple()
    s = "".join(map(str, digits))
    k, n = len(s), int(exponent) + len(s)
    if k <= n <= 21:
        return s + "0" * (n - k)
    if 0 < n <= 21:
        return f"{s[:n]}.{s[n:]}"
    if -6 < n <= 0:
        return "0." + "0" * -n + s
    mantissa = s if k == 1 else f"{s[0]}.{s[1:]}"
    return f"{mantissa}e{'+' if n >= 1 else '-'}{abs(n - 1)}"


def canonical(value: Any) -> str:
    """The RFC 8785 canonical JSON of a value (JCS): no spaces, object keys sorted by their
    UTF-16 code units, numbers and strings as JavaScript's `JSON.stringify` writes them.

    Examples:
        >>> canonical({"b": [1e-7, 0.000001, 1e21, 100.0], "a": "δ"})
        '{"a":"δ","b":[1e-7,0.000001,1e+21,100]}'

    Introduced in [Test vectors][test-vectors].
    """
    if isinstance(value, Mapping):
        keys = sorted(value, key=lambda key: key.encode("utf-16-be"))
        return "{" + ",".join(f"{canonical(key)}:{canonical(value[key])}" for key in keys) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    return _number(float(value))
