"""MkDocs hook: the test vectors, written into the site as downloadable JSON files.

`backprop_steps.vectors` builds the content of each file; this hook only adds them to the site's
files (`test-vectors/mazur-simultaneous.json`, ...) before the pages are read, so
`mkdocs build --strict` checks every link to them like a link to a page.
`tests/test_vectors.py` checks that the built files are the library's output.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files


def on_files(files: Files, *, config: Any) -> Files:
    """Add one generated file per test vector."""
    from backprop_steps import vectors  # imported here: the doctests hook reloads the library

    for vector in vectors.VECTORS:
        content = vectors.dumps(vectors.vector_json(vector))
        files.append(
            File.generated(config, f"{vectors.DIRECTORY}/{vector.filename}", content=content)
        )
    return files
