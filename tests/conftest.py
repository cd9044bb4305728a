"""Every test run keeps peertui's cache in a directory of its own, never the user's."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Point PEERTUI_CACHE_DIR (inherited by CLI subprocesses too) at a fresh directory."""
    os.environ["PEERTUI_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
