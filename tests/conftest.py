"""Fixtures shared across the test packages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No MARKETBOT_* variable from the caller's shell, and a working directory with no
    stray .env or marketbot.toml: settings come only from what the test sets. Returns tmp_path."""
    for name in list(os.environ):
        if name.startswith("MARKETBOT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path
