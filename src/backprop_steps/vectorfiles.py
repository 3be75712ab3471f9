r"""The files the site publishes in `test-vectors/`: one JSON file per test vector, the JSON
Schema they follow, and every number of every file in one CSV.

[`files`][backprop_steps.vectorfiles.files] is the one list: the site's build writes exactly
these files, and the tests read them from here. The schema
([`SCHEMA`][backprop_steps.vectorfiles.SCHEMA], JSON Schema draft 2020-12) describes each key;
its network part follows the network file's table of fields
([`FIELDS`][backprop_steps.problem.FIELDS]). The CSV ([`csv_text`][backprop_steps.vectorfiles.csv_text])
is for languages without a JSON parser at hand: one row per number, named by its path in the
JSON file (`names.dE_total/dw5`, `layers.1.out.0`).

Examples:
    >>> published = files()
    >>> list(published)[-2:]
    ['schema.json', 'all.csv']
    >>> published["all.csv"].splitlines()[0]
    'file,order,name,value'

Introduced in [Test vectors][test-vectors].
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import Any

from backprop_steps.network import CONVENTIONS
from backprop_steps.problem import FIELDS, LAYER_FIELDS, Field
from backprop_steps.scalar import ORDERS
from backprop_steps.vectors import (
    CHECKPOINTS,
    FORMAT_VERSION,
    GENERATOR,
    LICENSE,
    TOLERANCE,
    VECTORS,
    conventions,
    dumps,
    vector_json,
)

__all__ = ["CSV_COLUMNS", "CSV_FILE", "SCHEMA", "SCHEMA_FILE", "csv_rows", "csv_text", "files"]

SCHEMA_FILE = "schema.json"
"""The JSON Schema's file name, beside the vectors."""

CSV_FILE = "all.csv"
"""The CSV's file name: one file for every vector, so a project vendors one file."""

CSV_COLUMNS: tuple[str, ...] = ("file", "order", "name", "value")
"""The CSV's columns: the JSON file, its update order, the number's path in it, the number."""

_NUMBERS = {"$ref": "#/$defs/numbers"}
_NAMED = {"type": "object", "additionalProperties": {"type": "number"}}


def _field(field: Field) -> dict[str, Any]:
    """The schema of one field of the network file."""
    if field.kind == "layers":
        kind: dict[str, Any] = {"type": "array", "minItems": 1, "items": _object(LAYER_FIELDS)}
    elif field.kind == "choice":
        kind = {"enum": list(field.choices)}
    else:
        kind = {"numbers": _NUMBERS, "number": {"type": "number"}, "flag": {"type": "boolean"}}[
            field.kind
        ]
    return {"description": field.description, **kind}


def _object(fields: Sequence[Field]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
        "properties": {f.name: _field(f) for f in fields},
    }


def _closed(description: str, properties: dict[str, Any]) -> dict[str, Any]:
    """An object with exactly these keys."""
    return {
        "description": description,
        "type": "object",
        "required": list(properties),
        "additionalProperties": False,
        "properties": properties,
    }


def _strings(description: str, enum: Sequence[str] = ()) -> dict[str, Any]:
    return {"description": description, **({"enum": list(enum)} if enum else {"type": "string"})}


_LAYERS = {"type": "array", "items": {"$ref": "#/$defs/values"}}
_LOSS = {"$ref": "#/$defs/loss"}
_FIGURE = {
    "printed": _strings("the figure as the post prints it"),
    "value": {"description": "the quantity's value in this file", "type": "number"},
    "tolerance": {
        "description": "half a unit in the figure's last place: how far from the value a "
        "rounded figure can be (a truncated one twice as far)",
        "type": "number",
    },
    "agreement": _strings(
        "how the figure relates to the value: exact, rounding, ambiguous (rounded and "
        "truncated alike), truncation or wrong",
        ("exact", "rounding", "ambiguous", "truncation", "wrong"),
    ),
}
_BOUNDS = _closed(
    "a value v matches the file's e when |v - e| <= max(relative * |e|, absolute)",
    {"relative": {"type": "number"}, "absolute": {"type": "number"}},
)
_EXAMPLE = conventions(VECTORS[0].problem, VECTORS[0].order)

_DEFINITIONS = {
    "numbers": {
        "description": "a number, or a list of numbers or of such lists",
        "anyOf": [{"type": "number"}, {"type": "array", "items": {"$ref": "#/$defs/numbers"}}],
    },
    "values": _closed("a layer's values", {"net": _NUMBERS, "out": _NUMBERS}),
    "loss": _closed(
        "each output's error and the total", {"per_output": _NUMBERS, "total": {"type": "number"}}
    ),
    "parameters": _closed(
        "a layer's weights and biases", {"weights": _NUMBERS, "biases": _NUMBERS}
    ),
}

_PROPERTIES: dict[str, Any] = {
    "name": _strings("the file's name, without `.json`"),
    "description": _strings("what the network is"),
    "naming": _strings("whose numbering of the weights the names follow", tuple(CONVENTIONS)),
    "order": _strings("the update order of the step", ORDERS),
    "network": {
        **_object(FIELDS),
        "description": "the network, the inputs and the targets, in the network file format",
    },
    "layers": {**_LAYERS, "description": "`net` and `out` of every layer, input side first"},
    "loss": {**_LOSS, "description": "`per_output` (each output's error) and `total`"},
    "deltas": {
        "description": "every neuron's delta, layer by layer",
        "type": "array",
        "items": _NUMBERS,
    },
    "gradients": {
        "description": "`weights` (`[j][k]`: into neuron j from input k) and `biases` of every layer",
        "type": "array",
        "items": {"$ref": "#/$defs/parameters"},
    },
    "updated": {
        "description": "the weights and biases after the step",
        "type": "array",
        "items": {"$ref": "#/$defs/parameters"},
    },
    "names": {
        **_NAMED,
        "description": "every quantity under the tutorial's name, in the order a student "
        "computes them",
    },
    "parameters": {**_NAMED, "description": "the weights and biases before the step, by name"},
    "after": _closed(
        "the forward pass and the loss at the parameters after the step",
        {"layers": _LAYERS, "loss": _LOSS, "names": _NAMED},
    ),
    "training": _closed(
        "what repeating the step gives: `E_total` after the steps "
        + ", ".join(f"{n:,}" for n in CHECKPOINTS)
        + ", and the outputs, weights and biases after the last",
        {
            "steps": {"type": "integer", "minimum": 1},
            "E_total": {
                "type": "object",
                "patternProperties": {"^[1-9][0-9]*$": {"type": "number"}},
                "additionalProperties": False,
            },
            "outputs": _NUMBERS,
            "parameters": _NAMED,
            "published": {
                "type": "array",
                "items": _closed(
                    "a claim of the post", {"claim": _strings("what the post claims"), **_FIGURE}
                ),
            },
        },
    ),
    "published": {
        "description": "each figure the post of this network prints for its step, beside "
        "this file's value of the quantity",
        "type": "array",
        "items": _closed(
            "a figure of the post",
            {
                "symbol": _strings("the quantity in LaTeX, in the post's naming"),
                **_FIGURE,
                "cause": _strings("why a wrong figure differs, when known"),
            },
        ),
    },
    "conventions": _closed(
        "what the names and numbers mean",
        {key: {"type": "string"} for key in _EXAMPLE},
    ),
    "tolerance": _closed(
        "the recommended tolerance: `training` for the values under `training`, `step` for every other",
        {part: _BOUNDS for part in TOLERANCE},
    ),
    "format_version": {
        "description": "the format's version: the minor number grows when keys are added, "
        "the major number when a key changes",
        "type": "string",
        "pattern": rf"^{FORMAT_VERSION.split('.')[0]}\.[0-9]+$",
    },
    "generator": _closed(
        "the library that wrote the file", {key: {"type": "string"} for key in GENERATOR}
    ),
    "license": _strings("the license of the file, an SPDX expression", (LICENSE,)),
    "checksum": {
        "description": "`sha256:` and the SHA-256 (hex) of the UTF-8 bytes of the RFC 8785 "
        "canonical JSON of the file without its `checksum` key",
        "type": "string",
        "pattern": "^sha256:[0-9a-f]{64}$",
    },
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "backprop-steps test vector",
    "description": "One training step of one network, every value at full precision, with "
    f"what it takes to adopt them (format {FORMAT_VERSION}).",
    "type": "object",
    "required": list(_PROPERTIES),
    "additionalProperties": False,
    "properties": _PROPERTIES,
    "$defs": _DEFINITIONS,
}
"""The JSON Schema of a test vector (draft 2020-12), published as `schema.json`; each key's
`description` says what it holds."""


def _numbers(value: Any, path: str = "") -> Iterator[tuple[str, int | float]]:
    """Every number in a JSON value, with its path: the keys and list indices that lead to it,
    joined by dots (`layers.1.out.0`, `names.dE_total/dw5`); no key holds a dot.
    """
    if isinstance(value, dict | list):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            yield from _numbers(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield path, value


def csv_rows() -> Iterator[tuple[str, str, str, int | float]]:
    """The CSV's rows: every number of every vector's file, in the file's order.

    Introduced in [Test vectors][test-vectors].
    """
    for vector in VECTORS:
        for path, value in _numbers(vector_json(vector)):
            yield vector.filename, vector.order, path, value


def csv_text() -> str:
    """The CSV: a header of [`CSV_COLUMNS`][backprop_steps.vectorfiles.CSV_COLUMNS], then one
    row per number, each written with the fewest digits that read back as the same double.

    Introduced in [Test vectors][test-vectors].
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows((file, order, name, repr(value)) for file, order, name, value in csv_rows())
    return buffer.getvalue()


def files() -> dict[str, str]:
    """Every file of the site's `test-vectors/` folder, by name: each vector's JSON, the schema
    and the CSV. The site's build writes exactly these.

    Introduced in [Test vectors][test-vectors].
    """
    published = {vector.filename: dumps(vector_json(vector)) for vector in VECTORS}
    published[SCHEMA_FILE] = dumps(SCHEMA)
    published[CSV_FILE] = csv_text()
    return published
