"""Shared fixtures: the site, built once per test session into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from pages import build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site."""
    destination = tmp_path_factory.mktemp("site")
    build_site(destination)
    return destination
