r"""What a variant of the step is: the equations a student can work another way, and how.

A [`Slip`][backprop_steps.slips.Slip] is one equation of the tutorial worked another way, in
some layers: the slope left out of a delta, a share taken through the wrong weight, the update
added instead of subtracted ([`EQUATIONS`][backprop_steps.slips.EQUATIONS] lists them all). A
[`Variant`][backprop_steps.slips.Variant] is a way to work a whole step: its slips, the update
order, and the rounding of every intermediate result carried forward; the catalogue of
[`mistakes`][backprop_steps.mistakes] is a list of variants, and
[`work`][backprop_steps.worked.work] works a step as a variant says. Two mistakes at once are
two variants [`joined`][backprop_steps.slips.Variant.joined].

Examples:
    >>> forgot = Variant("missing-activation-derivative", slips=(Slip("slope", "one"),))
    >>> both = forgot.joined(Variant("sign-flipped", slips=(Slip("update", "added"),)))
    >>> both.mistake, [slip.equation for slip in both.slips]
    ('missing-activation-derivative+sign-flipped', ['slope', 'update'])

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

from dataclasses import dataclass

from backprop_steps.figures import Rounding

__all__ = ["EQUATIONS", "OPPOSITE_SIGN", "RIGHT", "Slip", "Variant"]

EQUATIONS: dict[str, tuple[str, ...]] = {
    "weights": ("exchanged",),
    "net_input": ("without-bias",),
    "error": ("scaled",),
    "error_derivative": ("scaled",),
    "slope": ("one", "net", "twice"),
    "short_delta": ("with-slope",),
    "share": ("one-output", "other-weight", "transposed"),
    "gradient_input": ("net",),
    "bias_gradient": ("one-neuron",),
    "update": ("rate", "added"),
    "update_biases": ("opposite",),
    "reduction": ("opposite", "per-example"),
}
r"""The equations a student can work another way, each with its other forms:

- `weights`, `exchanged`: two weights of layer `l` exchanged (`at` = `(l, j1, k1, j2, k2)`);
- `net_input`, `without-bias`: $net_j = \sum_k w_{kj} x_k$, the bias left out;
- `error`, `scaled`: $E_o$ times `value`; `error_derivative`, `scaled`:
  $\frac{\partial E_{total}}{\partial out_o}$ (or the short output delta) times `value`;
- `slope`: $\frac{\partial out}{\partial net}$ left out of the delta (`one`), taken at the net
  input (`net`), or of the activation applied to the output (`twice`);
- `short_delta`, `with-slope`: the output's slope multiplied into $\delta = out - target$;
- `share`: a hidden neuron's $\frac{\partial E_{total}}{\partial out}$ from output `at[0]` only
  (`one-output`); the share from output `at[0]` to input `at[1]` through the weight
  `[at[2]][at[3]]` (`other-weight`); every share through the transposed weight (`transposed`);
- `gradient_input`, `net`: $\frac{\partial net}{\partial w}$ as the previous layer's net input;
- `bias_gradient`, `one-neuron`: a shared bias's gradient as the delta of neuron `at[0]` alone;
- `update`: another learning rate `value` (`rate`), or $w + \eta \frac{\partial E}{\partial w}$
  (`added`);
- `update_biases`, `opposite`: biases updated where frozen, or frozen where updated;
- `reduction`: a batch's mean and sum exchanged (`opposite`), or each example's own deltas, the
  gradient their mean (`per-example`).
"""


@dataclass(frozen=True)
class Slip:
    """One equation worked another way, in some layers.

    Examples:
        >>> Slip("slope", "net", frozenset({1})).applies(0)
        False

    Introduced in [Check your own calculation][check-your-own].
    """

    equation: str
    """Which equation: a key of [`EQUATIONS`][backprop_steps.slips.EQUATIONS]."""
    form: str
    """How it is worked instead: one of that equation's forms."""
    layers: frozenset[int] | None = None
    """The layers it is made in (by the layer whose equation it is); `None`: every layer."""
    value: float = 1.0
    """A number the form takes: a factor, a learning rate."""
    at: tuple[int, ...] = ()
    """Positions the form takes: a neuron, a weight."""

    def __post_init__(self) -> None:
        if self.form not in EQUATIONS.get(self.equation, ()):
            raise ValueError(f"slip: no form {self.form!r} of the equation {self.equation!r}")

    def applies(self, layer: int) -> bool:
        """Whether the slip is made in this layer."""
        return self.layers is None or layer in self.layers


@dataclass(frozen=True)
class Variant:
    """One way to work a step: the tutorial's (every field at its default) or with slips.

    Introduced in [Check your own calculation][check-your-own].
    """

    mistake: str = ""
    """The id in [`MISTAKES`][backprop_steps.mistakes.MISTAKES] (two joined by `+` for a
    pair); empty for the tutorial's step."""
    message: str = ""
    """What the reader did, in a sentence or two."""
    slips: tuple[Slip, ...] = ()
    """The equations worked another way."""
    order: str | None = None
    """Another update order than the problem's."""
    rounding: Rounding | None = None
    """How every intermediate result is rounded before it is carried forward (`None`: never)."""
    relabeled: tuple[str, str] | None = None
    """Two weights' names exchanged on the reader's numbers (the values are right)."""

    def slip(
        self, equation: str, layer: int | None = None, forms: tuple[str, ...] = ()
    ) -> Slip | None:
        """The slip in an equation (in a layer, in one of some forms), if any."""
        for slip in self.slips:
            here = slip.equation == equation and (layer is None or slip.applies(layer))
            if here and (not forms or slip.form in forms):
                return slip
        return None

    def factor(self, equation: str) -> float:
        """The product of the factors the variant's `scaled` slips put on an equation."""
        product = 1.0
        for slip in self.slips:
            if (slip.equation, slip.form) == (equation, "scaled"):
                product *= slip.value
        return product

    def joined(self, other: Variant) -> Variant | None:
        """Both mistakes at once; `None` when they cannot be made together: both set the order,
        the rounding or the names, or slip the same equation (but for factors, which multiply,
        and a learning rate with an added update).
        """
        if (self.order and other.order) or (self.relabeled and other.relabeled):
            return None
        if self.rounding != other.rounding and self.rounding and other.rounding:
            return None
        mine = {_KIND.get((s.equation, s.form), s.equation) for s in self.slips}
        if mine & {_KIND.get((s.equation, s.form), s.equation) for s in other.slips} - {""}:
            return None
        return Variant(
            f"{self.mistake}+{other.mistake}",
            f"{self.message} {other.message}",
            self.slips + other.slips,
            self.order or other.order,
            self.rounding or other.rounding,
            self.relabeled or other.relabeled,
        )


_KIND = {
    ("error", "scaled"): "",  # factors multiply
    ("error_derivative", "scaled"): "",
    ("update", "rate"): "rate",
    ("update", "added"): "sign",
    ("slope", "one"): "slope left out",  # a slope left out of the delta, whatever it was
    ("share", "one-output"): "one output",  # one output's share, whichever weight it took
}
"""For two mistakes at once: slips of one kind cannot be joined (one slope form, one learning
rate); slips of the same equation but of different kinds can."""

RIGHT = Variant()
"""The tutorial's step."""

OPPOSITE_SIGN = Variant(
    message="The other sign convention: the output delta written with target - out instead of "
    "out - target, and the update adding eta times delta times the input.",
    slips=(Slip("error_derivative", "scaled", value=-1.0), Slip("update", "added")),
)
r"""The sign convention of the texts that write the output delta as
$\delta' = (target - out) \cdot \frac{\partial out}{\partial net} = -\delta$ and add the
correction, $w^+ = w + \eta \cdot \delta' \cdot x$: every delta and gradient changes sign,
and the update's sign with them, so the new weights are the tutorial's, to the last bit. Not a
mistake: two sign changes that cancel.

Examples:
    >>> from backprop_steps.examples import MAZUR
    >>> from backprop_steps.scalar import trace
    >>> from backprop_steps.worked import variant_trace
    >>> other, step = variant_trace(MAZUR, OPPOSITE_SIGN), trace(MAZUR.network, *MAZUR.example)
    >>> other.delta("o1"), other.new("w5") == step.new("w5")
    (-0.138498562, True)

Introduced in [The output layer][output-layer].
"""
