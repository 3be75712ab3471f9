r"""SVG drawings of a network: the forward pass, and the paths the backward pass follows.

Plain SVG text, no graphviz or other programs. Colours are the page's own (`currentColor` and
Material's colour variables), so a drawing reads in the light and the dark palette alike.

Every drawing comes in two layouts, printed together: a wide one, layers from left to right,
for a text column of 568 px or more, and a narrow one, layers from top to bottom, for a phone.
The stylesheet shows the one that fits (the same switch as the display formulas): a label, drawn
at [`FONT`][backprop_steps.render.diagram.FONT], is 11 px at least on a laptop and on a 390 px
phone. Every edge runs from node to node, and every label sits on its own edge, clear of the
others.

The functions below differ only in the [`Notes`][backprop_steps.render.diagram.Notes] they write
on the network, taken from a [`Trace`][backprop_steps.scalar.Trace]; one routine draws them all:
`geometry` places the pieces, `canvas` paints them. Label text may hold subscripts as `x_{o1}`.

Introduced in [The network][network].
"""

from __future__ import annotations

from backprop_steps.display import number
from backprop_steps.network import Network
from backprop_steps.render.canvas import FONT, Canvas, Lines
from backprop_steps.render.geometry import Notes, Place
from backprop_steps.render.latex import symbol
from backprop_steps.scalar import Trace

__all__ = [
    "FONT",
    "Notes",
    "backward_svg",
    "bias_svg",
    "chain_svg",
    "draw",
    "network_svg",
    "paths_svg",
    "shortcut_svg",
]


def _weights(canvas: Canvas, place: Place) -> None:
    notes = place.notes
    for name in place.network.names.weights:
        key, start, end = place.weight_edge(name)
        lit = name in notes.path
        canvas.edge(start, end, key, lit, notes.backward)
        canvas.label(place.labels[name], place.weight_lines(name), key, lit)


def _biases(canvas: Canvas, place: Place) -> None:
    notes = place.notes
    if notes.biases is None:
        return
    for name, (l, jb) in place.network.names.biases.items():
        lit = name in notes.path
        for key, start, end in place.bias_edges(name):
            canvas.edge(start, end, key, lit, notes.backward, dash="5 4")
        canvas.label(place.bias(l, jb), place.bias_lines(name), name, lit)


def _neurons(canvas: Canvas, place: Place) -> None:
    notes, names = place.notes, place.network.names
    for l in range(-1, len(place.network.layers)):
        for j, name in enumerate(names.neuron_names(l)):
            lit = name in notes.path
            canvas.neuron(place.neuron(l, j), name, l < 0, lit)
            box = place.notes_box(l, j)
            if box is None:
                continue
            if place.narrow:
                canvas.card(box, place.note_lines(name), name, l < 0, lit)
            else:
                centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
                canvas.label(centre, notes.neurons[name], name, lit, frame=False)


def _errors(canvas: Canvas, place: Place) -> None:
    """Each output's error box, linked from the output, and the total, linked from each."""
    notes, last = place.notes, len(place.network.layers) - 1
    if notes.errors is None:
        return
    for j, name in enumerate(place.network.names.neuron_names(last)):
        key = f"E_{name}"
        lit = key in notes.path and name in notes.path
        (link, start, end), (into, leave, arrive) = place.error_edges(j)
        canvas.edge(start, end, link, lit, notes.backward)
        if name in notes.links:
            canvas.label(place.link(j), notes.links[name], link, lit)
        canvas.edge(leave, arrive, into, lit and "E_total" in notes.path, notes.backward)
        canvas.label(place.error(j), place.error_lines(name), key, key in notes.path)
    canvas.label(place.total(), notes.total, "E_total", "E_total" in notes.path)


def draw(network: Network, notes: Notes) -> str:
    """A network with notes, in both layouts: the HTML to put in a page.

    Args:
        network: The network (its naming labels the neurons and weights).
        notes: What to write on it.

    Returns:
        A `<div class="bp-figure">` holding the wide and the narrow `<svg>`.

    Introduced in [The network][network].
    """
    drawings = []
    for narrow in (False, True):
        canvas, place = Canvas(), Place(narrow, network, notes)
        for part in (_weights, _biases, _errors, _neurons):
            part(canvas, place)
        drawings.append(canvas.svg(notes.title, "narrow" if narrow else "wide"))
    return f'<div class="bp-figure">{"".join(drawings)}</div>'


# --- the drawings of the pages ----------------------------------------------------------------


def network_svg(network: Network, step: Trace | None = None, title: str = "") -> str:
    """Draw a network; with a trace, write each neuron's net input and output beside it.

    Args:
        network: The network (its naming labels the neurons and weights).
        step: A trace of that network, for the values of the forward pass.
        title: The accessible name of the drawing (read by screen readers).

    Returns:
        The HTML of the drawing (see [`draw`][backprop_steps.render.diagram.draw]).

    Introduced in [The network][network].
    """
    names = network.names
    neurons: dict[str, Lines] = {}
    if step is not None:
        for l in range(-1, len(network.layers)):
            for name in names.neuron_names(l):
                neurons[name] = (
                    (number(step.out(name), given=True),)
                    if l < 0
                    else (f"net {number(step.net(name))}", f"out {number(step.out(name))}")
                )
    weights = {
        name: (f"{symbol(name)} = {number(network.parameter(name), given=True)}",)
        for name in names.weights
    }
    biases = {
        name: (f"{symbol(name)} = {number(network.parameter(name), given=True)}",)
        for name in names.biases
    }
    notes = Notes(title or "A diagram of the network with its weights", neurons, weights, biases)
    return draw(network, notes)


def _targets(step: Trace) -> dict[str, Lines]:
    """Each output's error box, with the target beside it."""
    outputs = step.network.names.neuron_names(len(step.layers) - 1)
    return {o: (f"E_{{{o}}}", f"target {number(step.target(o), given=True)}") for o in outputs}


def _deltas(step: Trace, layers: range | None = None) -> dict[str, Lines]:
    names = step.network.names
    return {
        name: (f"δ_{{{name}}} = {number(step.delta(name))}",)
        for l in layers or range(len(step.layers))
        for name in names.neuron_names(l)
    }


def chain_svg(step: Trace, weight: str = "w5") -> str:
    r"""The path from an output weight to $E_{total}$, with the three factors of the chain rule.

    Args:
        step: A trace.
        weight: A weight into an output neuron.

    Returns:
        The HTML of the drawing.

    Introduced in [The output layer][output-layer].
    """
    names = step.network.names
    l, j, k = names.weight(weight)
    o, h = names.neuron_names(l)[j], names.neuron_names(l - 1)[k]
    w = symbol(weight)
    notes = Notes(
        f"The path from {weight} to the total error: through {o}'s net input, {o}'s output "
        f"and the error E_{o}",
        neurons={o: (f"∂out_{{{o}}}/∂net_{{{o}}}", number(step.activation_derivative(o)))},
        weights={weight: (f"∂net_{{{o}}}/∂{w}", number(step.out(h)))},
        errors=_targets(step),
        links={o: (f"∂E_{{total}}/∂out_{{{o}}}", number(step.error_derivative(o)))},
        path=frozenset({weight, o, f"E_{o}", "E_total"}),
        backward=True,
    )
    return draw(step.network, notes)


def paths_svg(step: Trace, weight: str = "w1") -> str:
    r"""The paths from a hidden weight to $E_{total}$, one through each output, and their sum.

    Each output weight out of the hidden neuron carries that output's delta times the weight;
    the hidden neuron adds them up.

    Args:
        step: A trace of a network with one hidden layer.
        weight: A weight into a hidden neuron.

    Returns:
        The HTML of the drawing.

    Introduced in [The hidden layer][hidden-layer].
    """
    names = step.network.names
    l, j, _ = names.weight(weight)
    h = names.neuron_names(l)[j]
    outputs = names.neuron_names(l + 1)
    carried = {}
    for o in outputs:
        name = names.weight_name(l + 1, names.neuron(o)[1], j)
        value = number(step.network.parameter(name), given=True)
        carried[name] = (
            f"{symbol(name)} = {value}",
            f"δ_{{{o}}}·{symbol(name)}",
            number(step.contribution(o, h)),
        )
    notes = Notes(
        f"The paths from {weight} to the total error: through {h}, then through each output; "
        f"{h} adds up what each output sends back",
        neurons={
            **_deltas(step, range(l + 1, l + 2)),
            h: (f"∂E_{{total}}/∂out_{{{h}}}", number(step.error_derivative(h))),
        },
        weights={
            **carried,
            weight: (f"∂E_{{total}}/∂{symbol(weight)}", number(step.grad(weight))),
        },
        errors=_targets(step),
        path=frozenset({weight, h, *carried, *outputs, *(f"E_{o}" for o in outputs), "E_total"}),
        backward=True,
    )
    return draw(step.network, notes)


def backward_svg(step: Trace) -> str:
    r"""The whole backward pass: every neuron with its delta, every weight and bias with its
    gradient $\partial E_{total}/\partial w$.

    Args:
        step: A trace.

    Returns:
        The HTML of the drawing.

    Introduced in [The hidden layer][hidden-layer].
    """
    names = step.network.names
    gradients = {
        name: (f"∂E/∂{symbol(name)}", number(step.grad(name)))
        for name in (*names.weights, *names.biases)
    }
    notes = Notes(
        "The backward pass: the delta of every neuron and the gradient of every weight and bias",
        neurons=_deltas(step),
        weights={name: gradients[name] for name in names.weights},
        biases={name: gradients[name] for name in names.biases},
        errors=_targets(step),
        backward=True,
    )
    return draw(step.network, notes)


def bias_svg(step: Trace) -> str:
    r"""The biases' paths: each bias feeds every neuron of its layer, so its gradient is the sum
    of their deltas (one delta for a bias of its own).

    Args:
        step: A trace.

    Returns:
        The HTML of the drawing.

    Introduced in [Bias updates][bias-updates].
    """
    names = step.network.names
    biases = {name: (f"∂E/∂{symbol(name)}", number(step.grad(name))) for name in names.biases}
    notes = Notes(
        "The biases' paths: each bias reaches the error through every neuron it feeds",
        neurons=_deltas(step),
        biases=biases,
        path=frozenset({*names.biases, *(n for n, (l, _) in names.neurons.items() if l >= 0)}),
        backward=True,
    )
    return draw(step.network, notes)


def shortcut_svg(step: Trace) -> str:
    r"""The output deltas of a cross-entropy network: $\delta_o = out_o - target_o$.

    Args:
        step: A trace of a network whose loss is the cross-entropy.

    Returns:
        The HTML of the drawing.

    Introduced in [The cross-entropy variant][cross-entropy].
    """
    last = len(step.layers) - 1
    outputs = step.network.names.neuron_names(last)
    neurons = {
        o: (f"δ_{{{o}}}", f"= out_{{{o}}} − target_{{{o}}}", f"= {number(step.delta(o))}")
        for o in outputs
    }
    notes = Notes(
        "With the cross-entropy, each output's delta is its output minus its target",
        neurons=neurons,
        errors=_targets(step),
        path=frozenset({*outputs, *(f"E_{o}" for o in outputs), "E_total"}),
        backward=True,
    )
    return draw(step.network, notes)
