"""How long a training step of the Mazur example takes, through each public entry point.

Run: python benchmarks/training_steps.py [--steps 10000] [--repeat 5]

Prints microseconds per step (the median of --repeat runs) for:
- backprop_steps.train: the pure-Python core (the goal: at most 5 us per step);
- backprop_steps.trace repeated: every intermediate value kept, for contrast;
- backprop_steps.vectorized.train: the NumPy engine on a batch of one;
- a bare hand-written loop over 8 floats (a floor for pure Python);
- PyTorch eager autograd, when torch is installed;
- the Mazur post's 2015 companion code (`neural-network.py` of mattm/simple-neural-network),
  when you pass its path with --companion FILE: its classes are loaded from your copy (the
  script at the end of the file, which trains and prints, is left out) and trained as it trains
  (the sequential order of its first version is gone: at its last commit the hidden layer uses
  the original weights, as `order="simultaneous"` does).
"""

from __future__ import annotations

import argparse
import math
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from backprop_steps import MAZUR, trace, train, vectorized

NETWORK, (INPUTS, TARGETS) = MAZUR.network, MAZUR.example


def run_train(steps: int) -> float:
    return train(NETWORK, INPUTS, TARGETS, steps).errors[-1]


def run_trace(steps: int) -> float:
    network = NETWORK
    for _ in range(steps):
        network = trace(network, INPUTS, TARGETS).updated
    return trace(network, INPUTS, TARGETS).total_error


def run_numpy(steps: int) -> float:
    return vectorized.train(NETWORK, [INPUTS], [TARGETS], steps).final_error


def run_bare(steps: int) -> float:
    w1, w2, w3, w4, w5, w6, w7, w8 = 0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55
    b1, b2, i1, i2, t1, t2, lr = 0.35, 0.6, 0.05, 0.1, 0.01, 0.99, 0.5
    exp = math.exp
    for _ in range(steps):
        h1 = 1 / (1 + exp(-(w1 * i1 + w2 * i2 + b1)))
        h2 = 1 / (1 + exp(-(w3 * i1 + w4 * i2 + b1)))
        o1 = 1 / (1 + exp(-(w5 * h1 + w6 * h2 + b2)))
        o2 = 1 / (1 + exp(-(w7 * h1 + w8 * h2 + b2)))
        d1 = (o1 - t1) * o1 * (1 - o1)
        d2 = (o2 - t2) * o2 * (1 - o2)
        e1 = (d1 * w5 + d2 * w7) * h1 * (1 - h1)
        e2 = (d1 * w6 + d2 * w8) * h2 * (1 - h2)
        w5, w6, w7, w8 = w5 - lr * d1 * h1, w6 - lr * d1 * h2, w7 - lr * d2 * h1, w8 - lr * d2 * h2
        w1, w2, w3, w4 = w1 - lr * e1 * i1, w2 - lr * e1 * i2, w3 - lr * e2 * i1, w4 - lr * e2 * i2
    h1 = 1 / (1 + exp(-(w1 * i1 + w2 * i2 + b1)))
    h2 = 1 / (1 + exp(-(w3 * i1 + w4 * i2 + b1)))
    o1 = 1 / (1 + exp(-(w5 * h1 + w6 * h2 + b2)))
    o2 = 1 / (1 + exp(-(w7 * h1 + w8 * h2 + b2)))
    return 0.5 * (t1 - o1) ** 2 + 0.5 * (t2 - o2) ** 2


def torch_runner() -> Callable[[int], float] | None:
    try:
        import torch
    except ImportError:
        return None

    def run_torch(steps: int) -> float:
        torch.set_num_threads(1)
        x = torch.tensor([[0.05, 0.10]], dtype=torch.float64)
        y = torch.tensor([[0.01, 0.99]], dtype=torch.float64)
        W_h = torch.tensor([[0.15, 0.20], [0.25, 0.30]], dtype=torch.float64, requires_grad=True)
        W_o = torch.tensor([[0.40, 0.45], [0.50, 0.55]], dtype=torch.float64, requires_grad=True)
        optimizer = torch.optim.SGD([W_h, W_o], lr=0.5)

        def loss() -> torch.Tensor:
            hidden = torch.sigmoid(x @ W_h.T + 0.35)
            return 0.5 * ((y - torch.sigmoid(hidden @ W_o.T + 0.6)) ** 2).sum()

        for _ in range(steps):
            optimizer.zero_grad()
            loss().backward()
            optimizer.step()
        with torch.no_grad():
            return float(loss())

    return run_torch


def companion_runner(path: str) -> Callable[[int], float]:
    source = Path(path).read_text(encoding="utf-8")
    scope: dict[str, object] = {}
    exec(compile(source[: source.index("\nnn = NeuralNetwork(")], path, "exec"), scope)
    network_class = scope["NeuralNetwork"]

    def run_companion(steps: int) -> float:
        nn = network_class(  # type: ignore[operator]
            2,
            2,
            2,
            hidden_layer_weights=[0.15, 0.2, 0.25, 0.3],
            hidden_layer_bias=0.35,
            output_layer_weights=[0.4, 0.45, 0.5, 0.55],
            output_layer_bias=0.6,
        )
        for _ in range(steps):
            nn.train([0.05, 0.1], [0.01, 0.99])
        return float(nn.calculate_total_error([[[0.05, 0.1], [0.01, 0.99]]]))

    return run_companion


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--companion", metavar="FILE", help="the 2015 neural-network.py")
    args = parser.parse_args()
    runners: dict[str, Callable[[int], float]] = {
        "backprop_steps.train (pure Python)": run_train,
        "backprop_steps.trace, step by step": run_trace,
        "backprop_steps.vectorized.train (NumPy)": run_numpy,
        "bare hand-written loop": run_bare,
    }
    if (run_torch := torch_runner()) is not None:
        runners["PyTorch eager (float64)"] = run_torch
    if args.companion:
        runners["2015 companion code (neural-network.py)"] = companion_runner(args.companion)
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{args.steps} steps of the Mazur example, median of {args.repeat} runs"
    )
    for name, runner in runners.items():
        steps = args.steps if "trace" not in name else max(args.steps // 10, 1)
        times, final = [], 0.0
        for _ in range(args.repeat):
            start = time.perf_counter()
            final = runner(steps)
            times.append((time.perf_counter() - start) / steps)
        print(
            f"  {name:42s} {statistics.median(times) * 1e6:9.2f} us/step"
            f"   (E_total after {steps} steps: {final:.10g})"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
