"""An independent oracle: reverse-mode automatic differentiation on scalars, micrograd style.

It knows nothing of deltas or the chain-rule formulas of the library: it builds the computation
graph of the loss from the network file and differentiates it mechanically. Its answers are the
ground truth the CLI's JSON is compared against.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any


class Value:
    def __init__(self, data: float, parents: tuple[Value, ...] = (), local: tuple[float, ...] = ()):
        self.data, self.grad = data, 0.0
        self.parents, self.local = parents, local  # d self / d parent, per parent

    def __add__(self, other: Value | float) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0))

    __radd__ = __add__

    def __mul__(self, other: Value | float) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data))

    __rmul__ = __mul__

    def __neg__(self) -> Value:
        return self * -1.0

    def __sub__(self, other: Value | float) -> Value:
        return self + (-other)

    def __rsub__(self, other: float) -> Value:
        return -self + other

    def __truediv__(self, other: Value) -> Value:
        return self * other.reciprocal()

    def reciprocal(self) -> Value:
        return Value(1.0 / self.data, (self,), (-1.0 / self.data**2,))

    def exp(self) -> Value:
        e = math.exp(self.data)
        return Value(e, (self,), (e,))

    def log(self) -> Value:
        return Value(math.log(self.data), (self,), (1.0 / self.data,))

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        return Value(t, (self,), (1.0 - t * t,))

    def relu(self) -> Value:
        return Value(max(self.data, 0.0), (self,), (1.0 if self.data > 0 else 0.0,))

    def leaky_relu(self) -> Value:
        slope = 1.0 if self.data > 0 else 0.01
        return Value(self.data * slope, (self,), (slope,))

    def abs(self) -> Value:
        return self if self.data >= 0 else -self

    def backward(self) -> None:
        order: list[Value] = []
        seen: set[int] = set()

        def visit(node: Value) -> None:
            if id(node) not in seen:
                seen.add(id(node))
                for parent in node.parents:
                    visit(parent)
                order.append(node)

        visit(self)
        self.grad = 1.0
        for node in reversed(order):
            for parent, local in zip(node.parents, node.local):
                parent.grad += local * node.grad


def _activate(name: str, nets: list[Value]) -> list[Value]:
    if name == "softmax":
        top = max(n.data for n in nets)
        exps = [(n - top).exp() for n in nets]
        total = sum(exps, Value(0.0))
        return [e / total for e in exps]
    single: dict[str, Callable[[Value], Value]] = {
        "sigmoid": lambda n: (1.0 + (-n).exp()).reciprocal(),
        "logistic": lambda n: (1.0 + (-n).exp()).reciprocal(),
        "tanh": Value.tanh,
        "relu": Value.relu,
        "leaky_relu": Value.leaky_relu,
        "identity": lambda n: n,
    }
    return [single[name](n) for n in nets]


def _loss(kind: str, activation: str, target: float, out: Value) -> Value:
    if kind == "squared_error":
        return 0.5 * (target - out) * (target - out)
    if kind == "huber":  # quadratic within 1 of the target, linear beyond
        gap = (target - out).abs()
        return 0.5 * gap * gap if gap.data <= 1.0 else gap - 0.5
    terms = Value(0.0)
    if target != 0.0:
        terms = terms - target * out.log()
    if activation != "softmax" and target != 1.0:
        terms = terms - (1.0 - target) * (1.0 - out).log()
    return terms


def trace(data: dict[str, Any]) -> dict[str, Any]:
    """The CLI's `trace --format json` for a network file, computed by autodiff."""
    batched = isinstance(data["inputs"][0], list)
    inputs = data["inputs"] if batched else [data["inputs"]]
    targets = data["targets"] if batched else [data["targets"]]
    loss_kind = data.get("loss", "squared_error")
    rate = data.get("learning_rate", 0.5)
    update = data.get("update_biases", True)
    mean = data.get("reduction", "mean") == "mean"
    layers = data["layers"]
    W = [[[Value(w) for w in row] for row in layer["weights"]] for layer in layers]
    shared = [not isinstance(layer["biases"], list) for layer in layers]
    B = [
        Value(layer["biases"]) if s else [Value(b) for b in layer["biases"]]
        for layer, s in zip(layers, shared)
    ]
    nets: list[list[list[Value]]] = [[] for _ in layers]
    outs: list[list[list[Value]]] = [[] for _ in layers]
    per_output, totals = [], []
    for x, t in zip(inputs, targets):
        current: list[Any] = x
        for l, layer in enumerate(layers):
            net = [
                sum((w * v for w, v in zip(row, current)), Value(0.0))
                + (B[l] if shared[l] else B[l][j])
                for j, row in enumerate(W[l])
            ]
            current = _activate(layer["activation"], net)
            nets[l].append(net)
            outs[l].append(current)
        errors = [_loss(loss_kind, layers[-1]["activation"], tj, oj) for tj, oj in zip(t, current)]
        per_output.append(errors)
        totals.append(sum(errors, Value(0.0)))
    total = sum(totals, Value(0.0)) * (1.0 / len(totals) if mean else 1.0)
    total.backward()

    def shape(rows: list[Any]) -> list[Any]:
        return rows if batched else rows[0]

    def bias_values(l: int, attr: str) -> Any:
        return getattr(B[l], attr) if shared[l] else [getattr(b, attr) for b in B[l]]

    def new(value: Value) -> float:
        return value.data - rate * value.grad

    return {
        "layers": [
            {
                "net": shape([[n.data for n in row] for row in nets[l]]),
                "out": shape([[o.data for o in row] for row in outs[l]]),
            }
            for l in range(len(layers))
        ],
        "loss": {
            "per_output": shape([[e.data for e in row] for row in per_output]),
            "total": total.data,
        },
        "deltas": [shape([[n.grad for n in row] for row in nets[l]]) for l in range(len(layers))],
        "gradients": [
            {"weights": [[w.grad for w in row] for row in W[l]], "biases": bias_values(l, "grad")}
            for l in range(len(layers))
        ],
        "updated": [
            {
                "weights": [[new(w) for w in row] for row in W[l]],
                "biases": (new(B[l]) if shared[l] else [new(b) for b in B[l]])
                if update
                else bias_values(l, "data"),
            }
            for l in range(len(layers))
        ],
    }
