"""Shared fixtures. Boundaries come from ``KP2S_GEO_DIR`` (CI and local runs
point it at ``../shared/geo``); when unset, the sibling ``../shared/geo`` of
the project is used if it exists."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED_GEO = PROJECT.parent / "shared" / "geo"

if "KP2S_GEO_DIR" not in os.environ and SHARED_GEO.is_dir():
    os.environ["KP2S_GEO_DIR"] = str(SHARED_GEO)

# Tests never read or write a real data store: the dashboard sees an empty
# SQLite store in a temporary folder (store tests open their own stores).
_STORE_TMP = tempfile.mkdtemp(prefix="kp2s-test-store-")
atexit.register(shutil.rmtree, _STORE_TMP, True)
os.environ["KP2S_STORE"] = str(Path(_STORE_TMP) / "kp2s.sqlite")
os.environ.pop("KP2S_CACHE_DIR", None)


@pytest.fixture(scope="session")
def geo_dir() -> Path:
    """Folder with the real boundary files; skips nothing: a missing folder
    is a failed precondition, so tests that need it fail loudly."""
    path = Path(os.environ["KP2S_GEO_DIR"])
    assert path.is_dir(), f"KP2S_GEO_DIR={path} does not exist"
    return path
