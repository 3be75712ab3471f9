r"""The handwritten digits of the digits chapter, split and standardised.

scikit-learn ships the UCI digits (1,797 images of 8 by 8 pixels, each pixel 0 to 16) as a file
beside its code; [`load_digits`][backprop_steps.digits.load_digits] reads that file without
importing scikit-learn, splits it as `train_test_split(images, labels, test_size=0.25,
random_state=0)` does, and standardises each pixel with the training images' mean and standard
deviation: $x \to \frac{x - \mu}{\sigma}$. The test images use the training set's $\mu$ and
$\sigma$, so nothing of the test set leaks into training.

Needs NumPy, and scikit-learn installed (for its data file only).

Introduced in [Real data: handwritten digits][digits].
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    Array = np.ndarray[Any, Any]

__all__ = ["Digits", "load_digits"]


@dataclass(frozen=True, eq=False)
class Digits:
    """The digits, split into a training and a test set, with the standardised inputs.

    Introduced in [Real data: handwritten digits][digits].
    """

    images: Array
    """Every image as a row of 64 pixel values, 0 (blank) to 16 (dark)."""
    labels: Array
    """The digit each image shows, 0 to 9."""
    X_train: Array
    """The training images."""
    X_test: Array
    """The test images, set aside."""
    y_train: Array
    """The training images' digits."""
    y_test: Array
    """The test images' digits."""
    mean: Array
    r"""$\mu$: each pixel's mean over the training images."""
    std: Array
    r"""$\sigma$: each pixel's standard deviation over the training images; 1 for a pixel that
    is blank in all of them, so that it stays 0."""
    X_train_s: Array
    """The training images standardised."""
    X_test_s: Array
    """The test images standardised with the training set's mean and deviation."""
    Y_train: Array
    """The training targets one-hot: digit 3 is `(0, 0, 0, 1, 0, 0, 0, 0, 0, 0)`."""


def _data_file() -> Path:
    """The digits file that scikit-learn's `load_digits()` reads."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None or spec.origin is None:
        raise ValueError("the digits: their data file comes with scikit-learn, not installed")
    return Path(spec.origin).parent / "datasets" / "data" / "digits.csv.gz"


def load_digits(test_size: float = 0.25, seed: int = 0) -> Digits:
    """scikit-learn's digits, split as its `train_test_split` splits them, and standardised.

    Args:
        test_size: The share of the images set aside for the test set (rounded up).
        seed: The `random_state` of the split.

    Returns:
        The split data and its standardised inputs.

    Raises:
        ValueError: If scikit-learn is not installed.

    Introduced in [Real data: handwritten digits][digits].
    """
    import numpy as np  # imported here: the package imports without NumPy

    data = np.loadtxt(_data_file(), delimiter=",")
    images, labels = data[:, :-1], data[:, -1].astype(int)
    order = np.random.RandomState(seed).permutation(len(labels))
    n_test = math.ceil(test_size * len(labels))
    test, train = order[:n_test], order[n_test:]
    X_train, X_test = images[train], images[test]
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std[std == 0] = 1.0
    return Digits(
        images=images,
        labels=labels,
        X_train=X_train,
        X_test=X_test,
        y_train=labels[train],
        y_test=labels[test],
        mean=mean,
        std=std,
        X_train_s=(X_train - mean) / std,
        X_test_s=(X_test - mean) / std,
        Y_train=np.eye(10)[labels[train]],
    )
