"""The renderers write every equation of any network from a trace, and end it on the trace's
number; they read each function's LaTeX from the same table as the engines."""

from __future__ import annotations

from hypothesis import given, settings

from backprop_steps.activations import LayerActivation
from backprop_steps.display import number
from backprop_steps.problem import Problem
from backprop_steps.render import diagram, latex, tables
from backprop_steps.scalar import trace
from backprop_steps.training import step
from strategies import examples, problems


def ends_with(equation: str, value: float) -> bool:
    text = number(value)
    return equation.endswith(f"= {text}") or equation.endswith(f"= ({text})")


@settings(max_examples=examples(60))
@given(problems(batch=False, max_depth=3, max_width=3))
def test_every_equation_ends_on_the_traced_number(problem: Problem) -> None:
    try:
        result = trace(problem.network, *problem.example)
    except ValueError:
        return  # diverged: nothing to render
    names = problem.network.names
    for l, layer in enumerate(problem.network.layers):
        for neuron in names.neuron_names(l):
            assert ends_with(latex.net_input(result, neuron), result.net(neuron))
            assert ends_with(latex.output(result, neuron), result.out(neuron))
            assert ends_with(
                latex.error_derivative(result, neuron), result.error_derivative(neuron)
            )
            assert ends_with(latex.delta(result, neuron), result.delta(neuron))
            if not isinstance(layer.f, LayerActivation):
                equation = latex.activation_derivative(result, neuron)
                assert ends_with(equation, result.activation_derivative(neuron))
    for neuron in names.neuron_names(len(problem.network.layers) - 1):
        assert ends_with(latex.error(result, neuron), result.error(neuron))
    for name in names.weights:
        assert ends_with(latex.gradient(result, name), result.grad(name))
        assert ends_with(latex.update(result, name), result.new(name))
    for name in names.biases:
        assert ends_with(latex.bias_gradient(result, name), result.grad(name))
    assert diagram.network_svg(problem.network, result).startswith('<div class="bp-figure"><svg')


@settings(max_examples=examples(40))
@given(problems(batch=None, max_depth=3, max_width=3))
def test_tables_render_one_example_and_batches_alike(problem: Problem) -> None:
    try:
        result = step(problem.network, problem.inputs, problem.targets)
    except ValueError:
        return
    text = tables.table(tables.trace_sections(result))
    for name in [*problem.network.names.weights, *problem.network.names.biases]:
        assert f"  {name}  " in text or f"  {name} " in text


def test_softmax_delta_shows_the_sum_of_targets_unless_it_is_one() -> None:
    from dataclasses import replace

    from backprop_steps.examples import MAZUR
    from backprop_steps.network import Layer

    hidden, output = MAZUR.network.layers
    softmax = Layer(output.weights, output.biases, "softmax")
    network = replace(MAZUR.network, loss="cross_entropy", layers=(hidden, softmax))
    one = trace(network, MAZUR.inputs, [0.01, 0.99])
    assert latex.delta(one, "o1").startswith(r"\delta_{o1} = out_{o1} - target_{o1} = ")
    half = trace(network, MAZUR.inputs, [0.25, 0.25])
    equation = latex.delta(half, "o1")
    assert r"\sum_k target_k" in equation and r"\cdot 0.500000000 - 0.25" in equation
    assert ends_with(equation, half.delta("o1"))


def test_html_table_labels_each_cell_and_leaves_its_markdown_to_the_page() -> None:
    import markdown

    headings = ["quantity (post's naming)", 'a "b" & c', "value"]
    rows = [["$w_5$", "[training](x.md)", "0.4"], ["*it*", "b", "-1.0"]]
    html = tables.html_table(headings, rows, "bp-stacked", numeric={2})
    assert html.startswith('<div class="bp-stacked" markdown="1">\n<table markdown="1">')
    assert html.count("<tr ") == 1 + len(rows)
    assert 'data-label="quantity (post&#x27;s naming)"' in html
    assert 'data-label="a &quot;b&quot; &amp; c"' in html
    assert html.count('align="right"') == 1 + len(rows)  # the heading and each cell
    # converted as the site converts a page (md_in_html, arithmatex): math and links in cells
    page = markdown.markdown(
        html,
        extensions=["md_in_html", "pymdownx.arithmatex"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    assert 'markdown="' not in page
    assert '<td data-label="quantity (post\'s naming)"><span class="arithmatex">\\(w_5\\)' in page
    assert '<a href="x.md">training</a></td>' in page
    assert '<td data-label="quantity (post\'s naming)"><em>it</em></td>' in page
    assert '<td align="right" data-label="value">-1.0</td>' in page


def test_side_by_side_puts_each_steps_values_in_columns_of_one_table() -> None:
    from dataclasses import replace

    import pytest

    from backprop_steps.examples import MAZUR, NEURALBLOG

    mazur = trace(MAZUR.network, *MAZUR.example)
    renamed = replace(NEURALBLOG.network, naming=MAZUR.network.names)
    neuralblog = trace(renamed, *NEURALBLOG.example)
    one, two = tables.trace_sections(mazur), tables.trace_sections(neuralblog)
    merged = tables.side_by_side([("Mazur", one), ("neuralblog", two)])
    assert [title for title, _, _ in merged[:3]] == [title for title, _, _ in one[:3]]
    assert merged[0][1] == ["quantity", "Mazur", "neuralblog"]
    title, header, rows = merged[-1]
    assert title == (
        "Gradients and updates (Mazur: learning rate 0.5; neuralblog: learning rate 0.6)"
    )
    assert header[1:4] == ["Mazur gradient", "Mazur before", "Mazur after"]
    assert header[4:] == ["neuralblog gradient", "neuralblog before", "neuralblog after"]
    w2 = next(row for row in rows if row[0] == "w2")  # i2 -> h1 in both columns
    assert w2 == ["w2", *one[-1][2][1][1:], *two[-1][2][1][1:]]
    assert w2[5] == number(NEURALBLOG.network.parameter("w3"), given=True)  # its post's w3
    shorter = [*two[:3], (two[3][0], two[3][1], two[3][2][:-1])]  # no row for b2
    with pytest.raises(ValueError, match=r"sections\[3\]: the steps' rows differ"):
        tables.side_by_side([("Mazur", one), ("neuralblog", shorter)])
