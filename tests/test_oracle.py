"""The CLI's JSON, number by number, against an independent autodiff oracle."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings

from backprop_steps.examples import MAZUR, NEURALBLOG
from backprop_steps.jsonshapes import trace_json
from backprop_steps.network import DIVERGED
from backprop_steps.problem import Problem
from backprop_steps.training import step
from oracle import trace as oracle_trace
from strategies import examples, problems


def assert_same(ours: Any, theirs: Any, path: str = "") -> None:
    if isinstance(theirs, dict):
        assert list(ours) == list(theirs), path
        for key in theirs:
            assert_same(ours[key], theirs[key], f"{path}.{key}")
    elif isinstance(theirs, list):
        assert isinstance(ours, list) and len(ours) == len(theirs), path
        for i, (a, b) in enumerate(zip(ours, theirs)):
            assert_same(a, b, f"{path}[{i}]")
    else:
        assert ours == pytest.approx(theirs, rel=1e-9, abs=1e-12), path


@pytest.mark.parametrize("problem", [MAZUR, NEURALBLOG], ids=["mazur", "neuralblog"])
def test_presets_match_the_oracle(problem: Problem) -> None:
    data = problem.to_dict()
    assert_same(trace_json(step(problem.network, *problem.example)), oracle_trace(data))


@settings(max_examples=examples(150))
@given(problems(batch=None))
def test_random_networks_match_the_oracle(problem: Problem) -> None:
    data = json.loads(json.dumps(problem.to_dict()))
    try:
        again = Problem.from_dict(data)
        ours = trace_json(step(again.network, again.inputs, again.targets))
    except ValueError as error:
        assert str(error) == DIVERGED
        return
    assert_same(ours, oracle_trace(data))
