"""The core runs without NumPy: the calculator page runs it in a browser where NumPy is a large
extra download. Only a batch needs the NumPy engine, and it is imported then."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    sys.modules["numpy"] = None  # any `import numpy` now raises ImportError

    import backprop_steps
    from backprop_steps import MAZUR, check_gradients, trace, train
    from backprop_steps.cli import main
    from backprop_steps.render import diagram, latex, tables

    step = trace(MAZUR.network, *MAZUR.example)
    assert repr(step.grad("w5")) == "0.082167041"
    history = train(MAZUR.network, *MAZUR.example, steps=10, order="sequential")
    assert len(history.errors) == 11
    assert check_gradients(MAZUR.network, *MAZUR.example).max_relative_error < 1e-7
    assert latex.gradient(step, "w5") and diagram.network_svg(MAZUR.network, step)
    assert tables.markdown(tables.trace_sections(step))
    assert main(["trace", "--example", "mazur"]) == 0
    assert main(["trace", "--example", "neuralblog", "--format", "json"]) == 0
    assert main(["train", "--example", "mazur", "--steps", "3"]) == 0
    try:
        train(MAZUR.network, [MAZUR.inputs], [MAZUR.targets], steps=1)
    except ValueError as error:  # a batch asks for the NumPy engine, and only a batch
        assert str(error) == "inputs: a batch needs NumPy, which is not installed", error
    else:
        raise AssertionError("a batch ran without NumPy")
    print("numpy" in sys.modules and sys.modules["numpy"] is not None)
    """
)


def test_the_core_and_the_cli_run_with_numpy_blocked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_importing_the_package_does_not_import_numpy() -> None:
    code = "import sys, backprop_steps; print('numpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
