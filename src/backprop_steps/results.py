"""What training returns, whichever engine trained: the same values from plain floats and NumPy.

A [`History`][backprop_steps.results.History] records a run of
[`train`][backprop_steps.training.train], an
[`EpochHistory`][backprop_steps.results.EpochHistory] one of
[`train_minibatches`][backprop_steps.training.train_minibatches]. Both engines
([`scalar`][backprop_steps.scalar] through [`training`][backprop_steps.training], and
[`vectorized`][backprop_steps.vectorized]) build them from here, so neither imports the other.

Introduced in [Training][training].
"""

from __future__ import annotations

from dataclasses import dataclass

from backprop_steps.network import Matrix, Network, Vector

__all__ = ["EpochHistory", "History"]


@dataclass(frozen=True)
class History:
    """The result of training: how the total error fell, and where the network ended.

    Introduced in [Training][training].
    """

    errors: tuple[float, ...]
    """The total error before any update, then after each update: `steps + 1` numbers."""
    network: Network
    """The network after the last step."""
    outputs: Vector | Matrix
    """The network's outputs after the last step (one row per example for a batch)."""
    order: str
    """The update order used: `simultaneous` or `sequential`."""

    @property
    def final_error(self) -> float:
        """The total error after the last step."""
        return self.errors[-1]


@dataclass(frozen=True)
class EpochHistory:
    """The result of mini-batch training: the loss of the whole data set after every epoch.

    Introduced in [Mini-batches][mini-batches].
    """

    errors: tuple[float, ...]
    """The loss of the whole data set (the network's reduction: mean or sum) before any update,
    then after each epoch: `epochs + 1` numbers."""
    network: Network
    """The network after the last epoch."""
    batch_size: int
    """How many examples each update averages (or sums) over; the last batch of an epoch holds
    what is left when the data set does not divide evenly."""
    seed: int | None
    """The seed of the shuffle before each epoch; `None` keeps the data set's order."""
    steps: int
    """How many updates were made: one per batch, `ceil(examples / batch_size)` per epoch."""

    @property
    def final_error(self) -> float:
        """The loss after the last epoch."""
        return self.errors[-1]
