"""backprop-steps: backpropagation one number at a time.

The package reads as the table of contents of the tutorial. [`network`][backprop_steps.network]
holds networks as values and the tutorials' names for their weights;
[`problem`][backprop_steps.problem] adds the inputs and targets, and reads and writes the network
file; [`activations`][backprop_steps.activations] and [`losses`][backprop_steps.losses] give each
function beside its derivative, in one table each that every engine and renderer reads;
[`scalar`][backprop_steps.scalar] walks one training step equation by equation in plain floats
and keeps every intermediate value in a [`Trace`][backprop_steps.scalar.Trace];
[`vectorized`][backprop_steps.vectorized] does the same in NumPy for batches and deeper
networks; [`training`][backprop_steps.training] takes one example or a batch, chooses the
engine, and repeats the step fast, returning the [`results`][backprop_steps.results] of either
engine; [`gradcheck`][backprop_steps.gradcheck] checks any gradient
against finite differences; [`examples`][backprop_steps.examples] holds the two worked examples;
the `render` package writes results as [equations][backprop_steps.render.latex],
[tables][backprop_steps.render.tables], [diagrams][backprop_steps.render.diagram] and
[plots][backprop_steps.render.plots]; and
[`cli`][backprop_steps.cli] prints it all from the command line. The core needs no NumPy: only a
batch does.

Examples:
    >>> from backprop_steps import MAZUR, trace
    >>> step = trace(MAZUR.network, MAZUR.inputs, MAZUR.targets)
    >>> step.grad("w5"), step.new("w5")
    (0.082167041, 0.358916480)
"""

from __future__ import annotations

from backprop_steps.display import Rounded
from backprop_steps.examples import EXAMPLES, MAZUR, NEURALBLOG
from backprop_steps.gradcheck import GradientCheck, check_gradients, numerical_gradients
from backprop_steps.network import (
    MAZUR_NAMING,
    NEURALBLOG_NAMING,
    Layer,
    Naming,
    Network,
    default_naming,
)
from backprop_steps.problem import Problem
from backprop_steps.results import History
from backprop_steps.scalar import Gradients, Trace, forward, trace
from backprop_steps.training import step, train, train_step

__version__ = "0.1.0"

__all__ = [
    "EXAMPLES",
    "MAZUR",
    "MAZUR_NAMING",
    "NEURALBLOG",
    "NEURALBLOG_NAMING",
    "GradientCheck",
    "Gradients",
    "History",
    "Layer",
    "Naming",
    "Network",
    "Problem",
    "Rounded",
    "Trace",
    "check_gradients",
    "default_naming",
    "forward",
    "numerical_gradients",
    "step",
    "trace",
    "train",
    "train_step",
]
