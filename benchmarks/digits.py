"""How long the digits network takes to train: the library beside scikit-learn and PyTorch.

Run: python benchmarks/digits.py [--epochs 30] [--batch-size 32] [--learning-rate 0.1]
[--activation relu] [--repeat 5]

The same task for each, by default the one of the digits chapter (docs/chapters/15-digits.md):
scikit-learn's bundled `load_digits` (1,797 8x8 images), split with
`train_test_split(..., test_size=0.25, random_state=0)`, inputs standardised with the training
set's mean and standard deviation; a 64-32-10 network (ReLU hidden layer, softmax output,
cross-entropy averaged over the batch), plain mini-batch gradient descent (no momentum, no
weight decay), the same learning rate, batch size and number of epochs, shuffled each epoch.
Each framework draws its own initial weights from its own seeded generator, so accuracies
differ a little.

Timed: building the network and training it (not loading the data, not importing). Every
runner is limited to one thread (threadpoolctl for NumPy's BLAS, `torch.set_num_threads(1)`),
in float64. Prints the median of --repeat runs (interleaved, so a busy machine slows all alike)
in wall-clock and in CPU time (the process's own, steadier on a shared machine), the test
accuracy, and the ratios of the library's time to the others'. PyTorch runs when `import torch` works, e.g.
`PYTHONPATH=src /path/to/venv-with-torch/bin/python benchmarks/digits.py`.

The digits chapter trains the same network at build time; timings are not reproducible, so they
are printed here and never on the page.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_limits

from backprop_steps.training import train_minibatches
from backprop_steps.vectorized import forward, random_network

Data = tuple[Any, Any, Any, Any]
Runner = Callable[[Data, argparse.Namespace], float]  # trains, returns the test accuracy


def digits() -> Data:
    data = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(
        data.data, data.target, test_size=0.25, random_state=0
    )
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std[std == 0] = 1.0  # pixels that are blank in every training image stay 0
    return (X_train - mean) / std, (X_test - mean) / std, y_train, y_test


def run_library(data: Data, args: argparse.Namespace) -> float:
    X_train, X_test, y_train, y_test = data
    network = random_network(
        (64, 32, 10),
        (args.activation, "softmax"),
        seed=0,
        loss="cross_entropy",
        learning_rate=args.learning_rate,
    )
    Y_train = np.eye(10)[y_train]
    history = train_minibatches(network, X_train, Y_train, args.batch_size, args.epochs, seed=0)
    Y_hat = forward(history.network, X_test)[1][-1]
    return float((Y_hat.argmax(axis=1) == y_test).mean())


def run_sklearn(data: Data, args: argparse.Namespace) -> float:
    X_train, X_test, y_train, y_test = data
    model = MLPClassifier(
        hidden_layer_sizes=(32,),
        activation="logistic" if args.activation == "sigmoid" else args.activation,
        solver="sgd",
        batch_size=args.batch_size,
        max_iter=args.epochs,
        learning_rate="constant",
        learning_rate_init=args.learning_rate,
        momentum=0.0,
        nesterovs_momentum=False,
        alpha=0.0,
        shuffle=True,
        tol=0.0,
        n_iter_no_change=args.epochs + 1,  # run every epoch, as the others do
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X_train, y_train)
    return float(model.score(X_test, y_test))


def torch_runner() -> Runner | None:
    try:
        import torch
    except ImportError:
        return None

    def run_torch(data: Data, args: argparse.Namespace) -> float:
        torch.set_num_threads(1)
        torch.manual_seed(0)
        X_train, X_test, y_train, y_test = (torch.as_tensor(a) for a in data)
        hidden = {"sigmoid": torch.nn.Sigmoid, "relu": torch.nn.ReLU, "tanh": torch.nn.Tanh}
        model = torch.nn.Sequential(
            torch.nn.Linear(64, 32), hidden[args.activation](), torch.nn.Linear(32, 10)
        ).double()
        optimizer = torch.optim.SGD(model.parameters(), lr=args.learning_rate)
        loss = torch.nn.CrossEntropyLoss()  # softmax and cross-entropy, averaged over the batch
        n = len(X_train)
        for _ in range(args.epochs):
            order = torch.randperm(n)
            for start in range(0, n, args.batch_size):
                rows = order[start : start + args.batch_size]
                optimizer.zero_grad()
                loss(model(X_train[rows]), y_train[rows]).backward()
                optimizer.step()
        with torch.no_grad():
            return float((model(X_test).argmax(dim=1) == y_test).double().mean())

    return run_torch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--activation", default="relu", choices=["relu", "sigmoid", "tanh"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    runners: dict[str, Runner] = {
        "backprop_steps (NumPy engine)": run_library,
        "scikit-learn MLPClassifier (sgd)": run_sklearn,
    }
    if (run_torch := torch_runner()) is not None:
        runners["PyTorch eager"] = run_torch
    data = digits()
    print(
        f"Python {platform.python_version()} on {platform.machine()}; 64-32-10, "
        f"{args.activation} hidden layer, softmax, cross-entropy; {args.epochs} epochs, "
        f"batch {args.batch_size}, learning rate {args.learning_rate}; one thread; "
        f"median of {args.repeat} runs (runs interleaved)"
    )
    if "PyTorch eager" not in runners:
        print("  (PyTorch is not importable here: left out)")
    wall: dict[str, list[float]] = {name: [] for name in runners}
    cpu: dict[str, list[float]] = {name: [] for name in runners}
    accuracy: dict[str, float] = {}
    with threadpool_limits(limits=1):
        for _ in range(args.repeat):
            for name, runner in runners.items():
                start, start_cpu = time.perf_counter(), time.process_time()
                accuracy[name] = runner(data, args)
                wall[name].append(time.perf_counter() - start)
                cpu[name].append(time.process_time() - start_cpu)
    median = {name: statistics.median(t) for name, t in wall.items()}
    median_cpu = {name: statistics.median(t) for name, t in cpu.items()}
    print(f"  {'':34s} {'wall':>7s}    {'CPU':>7s}")
    for name in runners:
        print(
            f"  {name:34s} {median[name]:7.3f} s  {median_cpu[name]:7.3f} s"
            f"   test accuracy {accuracy[name]:.2%}"
        )
    ours = "backprop_steps (NumPy engine)"
    for name in list(runners)[1:]:
        print(
            f"  time of backprop_steps / {name}: {median[ours] / median[name]:.2f} (wall), "
            f"{median_cpu[ours] / median_cpu[name]:.2f} (CPU)"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
