"""Fixtures for the app's tests: fixed bundles and an app factory with no cursor blink."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from peertui.core.bundle.load import default_bundle_dir, load_bundle
from peertui.core.models import Corpus
from peertui.tui.app import PeerApp

AppFactory = Callable[..., PeerApp]


def make_app(corpus: Corpus | None = None) -> PeerApp:
    """The app on `corpus` (default: the embedded bundle), every problem found, no blink."""
    corpus = load_bundle() if corpus is None else corpus
    return PeerApp(corpus, cursor_blink=False)


@pytest.fixture
def app_factory() -> AppFactory:
    """Build apps in a test: `app_factory()` or `app_factory(corpus)`."""
    return make_app


@pytest.fixture
def corpus() -> Corpus:
    """The embedded default bundle."""
    return load_bundle()


@pytest.fixture
def bad_bundle(tmp_path: Path) -> Path:
    """A copy of the default bundle whose first claim cites a key the bib does not hold."""
    target = tmp_path / "bundle"
    shutil.copytree(default_bundle_dir(), target)
    claims = target / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    assert "  - id: C01\n" in text
    head, tail = text.split("  - id: C01\n", 1)
    tail = tail.replace("cites: []", "cites: [nosuch2020]", 1)
    claims.write_text(head + "  - id: C01\n" + tail, encoding="utf-8")
    return target


@pytest.fixture
def bib_only() -> Corpus:
    """The default bundle's references.bib alone: a library with no claims and no article."""
    return load_bundle(default_bundle_dir() / "references.bib")
