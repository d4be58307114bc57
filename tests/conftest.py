"""Shared fixtures. Boundaries come from ``KP2S_GEO_DIR`` (CI and local runs
point it at ``../shared/geo``); when unset, the sibling ``../shared/geo`` of
the project is used if it exists."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED_GEO = PROJECT.parent / "shared" / "geo"

if "KP2S_GEO_DIR" not in os.environ and SHARED_GEO.is_dir():
    os.environ["KP2S_GEO_DIR"] = str(SHARED_GEO)


@pytest.fixture(scope="session")
def geo_dir() -> Path:
    """Folder with the real boundary files; skips nothing: a missing folder
    is a failed precondition, so tests that need it fail loudly."""
    path = Path(os.environ["KP2S_GEO_DIR"])
    assert path.is_dir(), f"KP2S_GEO_DIR={path} does not exist"
    return path
