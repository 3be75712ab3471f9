r"""Training: a step is forward, loss, backward, update; training repeats it.

The functions here take one example (a list of numbers) or a batch (a list of rows) and choose
the engine in one place: one example runs in plain Python floats
([`scalar`][backprop_steps.scalar]), a batch in NumPy ([`vectorized`][backprop_steps.vectorized],
imported only then). Both engines answer with the same names: a step gives a trace with
`total_error`, `gradients` and `grad("w5")`, and training gives a
[`History`][backprop_steps.results.History].

On one example, [`train`][backprop_steps.training.train] computes exactly what repeated
[`trace`][backprop_steps.scalar.trace] calls compute, to the last bit, but keeps only the weights
between steps: training ten thousand steps does not pay for a trace of each.

By default every update of a step uses the weights from before the step, as both posts describe
(`order="simultaneous"`). With `order="sequential"` the output layer is updated first and its new
weights are used for the hidden deltas, as the 2015 companion code of the Mazur post did.

[`train_minibatches`][backprop_steps.training.train_minibatches] walks a data set in batches of a
given size, one update per batch, shuffled anew each epoch from a seed: batches of one example
are the posts' online training, one batch of everything is full-batch gradient descent, and
everything in between is mini-batch gradient descent. It runs in NumPy and records an
[`EpochHistory`][backprop_steps.results.EpochHistory].

Introduced in [Training][training].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backprop_steps import _compiled, scalar
from backprop_steps.display import rounded
from backprop_steps.network import Network, rounded_network
from backprop_steps.problem import check_pair, is_batch
from backprop_steps.results import EpochHistory, History

if TYPE_CHECKING:
    from backprop_steps.vectorized import Array, BatchTrace

__all__ = ["loss", "step", "train", "train_minibatches", "train_step"]

Data = Sequence[float] | Sequence[Sequence[float]]


def _train_example(
    network: Network, inputs: Sequence[float], targets: Sequence[float], steps: int, order: str
) -> History:
    x, t = tuple(map(float, inputs)), tuple(map(float, targets))
    errors, trained, outputs = _compiled.run(network, x, t, steps, order)
    return History(rounded(tuple(errors)), rounded_network(trained), rounded(outputs), order)


@dataclass(frozen=True)
class _Engine:
    trace: Callable[..., Any]
    loss: Callable[..., float]
    train: Callable[..., History]


def _engine(inputs: Data, targets: Data) -> _Engine:
    """Plain floats for one example, NumPy for a batch: the one place that chooses."""
    check_pair(inputs, targets)
    if not is_batch(inputs):
        return _Engine(scalar.trace, scalar.loss, _train_example)
    try:
        from backprop_steps import vectorized  # NumPy is imported only when a batch needs it
    except ImportError:
        raise ValueError("inputs: a batch needs NumPy, which is not installed") from None
    return _Engine(vectorized.trace, vectorized.loss, vectorized.train)


def step(
    network: Network, inputs: Data, targets: Data, order: str = "simultaneous"
) -> scalar.Trace | BatchTrace:
    """Every quantity of one training step, on one example or on a batch.

    Args:
        network: The network before the step.
        inputs: One example's inputs, or a batch of them (one row per example).
        targets: What the outputs should be (one row per example for a batch).
        order: `"simultaneous"` (default) or `"sequential"`.

    Returns:
        A [`Trace`][backprop_steps.scalar.Trace] for one example, a
        [`BatchTrace`][backprop_steps.vectorized.BatchTrace] for a batch.

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> step(MAZUR.network, *MAZUR.example).grad("w5")
        0.082167041

    Introduced in [Training][training].
    """
    result: scalar.Trace | BatchTrace = _engine(inputs, targets).trace(
        network, inputs, targets, order
    )
    return result


def loss(network: Network, inputs: Data, targets: Data) -> float:
    """The total error of one example, or the reduced loss (mean or sum) of a batch.

    Args:
        network: The network.
        inputs: One example's inputs, or a batch of them.
        targets: What the outputs should be.

    Returns:
        The loss, from a forward pass only.

    Introduced in [The total error][total-error].
    """
    return _engine(inputs, targets).loss(network, inputs, targets)


def train_step(
    network: Network,
    inputs: Sequence[float],
    targets: Sequence[float],
    order: str = "simultaneous",
) -> Network:
    """One training step on one example: forward, loss, backward, update.

    Args:
        network: The network before the step.
        inputs: One example's inputs.
        targets: What the outputs should be.
        order: `"simultaneous"` (default) or `"sequential"`.

    Returns:
        The network after the step (the same as `trace(...).updated`).

    Introduced in [Training][training].
    """
    return train(network, inputs, targets, 1, order).network


def train(
    network: Network, inputs: Data, targets: Data, steps: int, order: str = "simultaneous"
) -> History:
    """Train for `steps` steps and record the total error before and after each.

    One example trains in plain Python floats; a batch (one row per example) trains with the
    NumPy engine, one step per pass over the whole batch.

    Args:
        network: The network before training.
        inputs: One example's inputs, or a batch of them.
        targets: What the outputs should be (one row per example for a batch).
        steps: How many steps.
        order: `"simultaneous"` (default) or `"sequential"`.

    Returns:
        The history; its numbers print as the pages print them.

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> history = train(MAZUR.network, MAZUR.inputs, MAZUR.targets, steps=1)
        >>> history.errors
        (0.298371109, 0.291027774)

    Introduced in [Training][training].
    """
    return _engine(inputs, targets).train(network, inputs, targets, steps, order)


def train_minibatches(
    network: Network,
    inputs: Sequence[Sequence[float]] | Array,
    targets: Sequence[Sequence[float]] | Array,
    batch_size: int,
    epochs: int,
    seed: int | None = 0,
) -> EpochHistory:
    r"""Mini-batch gradient descent: each epoch, shuffle, split into batches, one update per batch.

    Each update is $w^+ = w - \eta \frac{\partial E}{\partial w}$ with $E$ the batch's loss,
    the mean (or, with `reduction="sum"`, the sum) of its examples' total errors, and every
    gradient taken with the weights from before the update (the simultaneous order). With
    `batch_size=1` and `seed=None` this is online training, one example after the other as the
    posts train; with `batch_size` the size of the data set it is full-batch
    [`train`][backprop_steps.training.train], one step per epoch. Runs in NumPy.

    Args:
        network: The network before training.
        inputs: The data set's inputs, one row per example (a list of rows or a NumPy array).
        targets: What the outputs should be, one row per example.
        batch_size: Examples per update, at least 1 (more than the data set: one batch of all).
        epochs: Passes over the data set, at least 0.
        seed: The seed of the shuffle before each epoch (NumPy's `default_rng`), or `None` to
            keep the data set's order.

    Returns:
        The history: the loss of the whole data set before training and after every epoch.

    Raises:
        ValueError: One line naming `batch_size`, `epochs`, `seed`, `inputs` or `targets`.

    Examples:
        >>> from backprop_steps.examples import MAZUR
        >>> X = [MAZUR.inputs, (0.10, 0.05)]
        >>> Y = [MAZUR.targets, (0.99, 0.01)]
        >>> history = train_minibatches(MAZUR.network, X, Y, batch_size=1, epochs=2, seed=None)
        >>> history.steps, len(history.errors)
        (4, 3)

    Introduced in [Mini-batches][mini-batches].
    """
    try:
        from backprop_steps import vectorized  # NumPy is imported only when a batch needs it
    except ImportError:
        raise ValueError("inputs: mini-batches need NumPy, which is not installed") from None
    return vectorized.train_minibatches(network, inputs, targets, batch_size, epochs, seed)
