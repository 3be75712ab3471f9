"""The digits chapter: its data are scikit-learn's, split as scikit-learn splits, and the network
it trains reads at least 97% of the test images."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

PAGE = Path(__file__).parent.parent / "docs" / "chapters" / "15-digits.md"
SETUP = re.compile(r'```python exec="on" session="digits"\n(?P<code>.*?)```', re.DOTALL)


@pytest.fixture(scope="module")
def page() -> dict[str, Any]:
    """The namespace of the page's setup block (its first build-time block), run as the build runs it."""
    match = SETUP.search(PAGE.read_text(encoding="utf-8"))
    assert match is not None, "the digits page has no setup block"
    namespace: dict[str, Any] = {}
    exec(compile(match["code"], str(PAGE), "exec"), namespace)
    return namespace


def test_the_page_reads_what_load_digits_returns_split_as_train_test_split(
    page: dict[str, Any],
) -> None:
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    expected = train_test_split(digits.data, digits.target, test_size=0.25, random_state=0)
    for name, array in zip(("X_train", "X_test", "y_train", "y_test"), expected, strict=True):
        np.testing.assert_array_equal(page[name], array, err_msg=name)


def test_the_network_reads_at_least_97_percent_of_the_test_digits(page: dict[str, Any]) -> None:
    assert page["correct"] / len(page["y_test"]) >= 0.97


def test_the_loss_is_recorded_once_per_epoch_and_falls(page: dict[str, Any]) -> None:
    errors = page["history"].errors
    assert len(errors) == page["EPOCHS"] + 1
    assert errors[-1] < errors[1] < errors[0]


def test_standardisation_uses_the_training_set_only(page: dict[str, Any]) -> None:
    X_train_s = page["X_train_s"]
    used = page["std"] != 1.0  # pixels that vary in the training images
    np.testing.assert_allclose(X_train_s.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(X_train_s.std(axis=0)[used], 1.0, rtol=1e-12)
    assert not np.allclose(page["X_test_s"].mean(axis=0), 0.0, atol=1e-3)


def test_the_batch_shown_has_a_size_no_layer_has(page: dict[str, Any]) -> None:
    """So that no two arrays of the shapes table share a dimension by coincidence."""
    network = page["network"]
    sizes = {network.layers[0].fan_in, *(layer.width for layer in network.layers)}
    assert page["SHOWN"] not in sizes


def test_the_output_deltas_carry_the_mean_over_the_batch(page: dict[str, Any]) -> None:
    """delta_o = (Y_hat - Y) / B for softmax with the mean cross-entropy, as the page writes."""
    from backprop_steps import vectorized

    B = page["SHOWN"]
    X, Y = page["X_train_s"][:B], page["Y_train"][:B]
    trace = vectorized.trace(page["network"], X, Y)
    np.testing.assert_allclose(trace.deltas[1], (trace.OUT[1] - Y) / B, rtol=1e-12)
