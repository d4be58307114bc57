"""Shared fixtures. Which boundary folder the tests read, first match wins:

1. ``KP2S_GEO_DIR`` when set (CI points it at ``../shared/geo``);
2. the project's ``geo/`` when the setup's fetch wrote
   ``kalsel_kabupaten.geojson`` there;
3. ``../shared/geo`` beside the project when it exists;
4. the SYNTHETIC shapes in ``tests/fixtures/geo`` (grid rectangles with the
   real kode wilayah and the real neighbour relations, not real borders), so
   that a plain clone passes its tests. Tests marked
   ``@pytest.mark.real_boundaries("why")`` are then skipped with that reason.

The choice is written to ``KP2S_GEO_DIR`` for the whole session, so code that
finds its boundaries itself (pages, ``geo.load_boundaries()``) reads the same
folder. The app never sees the synthetic shapes: only the tests set this.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PROJECT_GEO = PROJECT / "geo"
SHARED_GEO = PROJECT.parent / "shared" / "geo"
SHARED_REFERENCE = PROJECT.parent / "shared" / "reference"
SYNTHETIC_GEO = Path(__file__).resolve().parent / "fixtures" / "geo"
DISTRICT_FILE = "kalsel_kabupaten.geojson"


def choose_geo_dir(environ: dict[str, str] | None = None) -> tuple[Path, str]:
    """(folder, origin) of the boundaries the tests use; origin is one of
    ``"KP2S_GEO_DIR"``, ``"geo/"``, ``"../shared/geo"``, ``"synthetic"``."""
    environ = os.environ if environ is None else environ
    if environ.get("KP2S_GEO_DIR"):
        path = Path(environ["KP2S_GEO_DIR"])
        return path, "synthetic" if path.resolve() == SYNTHETIC_GEO else "KP2S_GEO_DIR"
    if (PROJECT_GEO / DISTRICT_FILE).is_file():
        return PROJECT_GEO, "geo/"
    if SHARED_GEO.is_dir():
        return SHARED_GEO, "../shared/geo"
    return SYNTHETIC_GEO, "synthetic"


GEO_DIR, GEO_ORIGIN = choose_geo_dir()
SYNTHETIC = GEO_ORIGIN == "synthetic"
os.environ["KP2S_GEO_DIR"] = str(GEO_DIR)

SYNTHETIC_REASON = (
    "only the synthetic test boundaries (tests/fixtures/geo) are available: KP2S_GEO_DIR is unset, "
    "geo/ has no fetched files and ../shared/geo is absent"
)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "real_boundaries(why): needs the real district boundaries; skipped on the synthetic test shapes",
    )


def pytest_report_header(config):
    return f"boundaries for the tests: {GEO_DIR} ({GEO_ORIGIN})"


def pytest_collection_modifyitems(config, items):
    """On the synthetic shapes, skip the tests marked ``real_boundaries``,
    giving the test's own reason (reported at the test's line with ``-ra``)."""
    if not SYNTHETIC:
        return
    for item in items:
        marker = item.get_closest_marker("real_boundaries")
        if marker is not None:
            why = marker.args[0] if marker.args else "real boundaries"
            item.add_marker(pytest.mark.skip(reason=f"needs the real boundaries ({why}); {SYNTHETIC_REASON}"))

# Tests never read or write a real data store: the dashboard sees an empty
# SQLite store in a temporary folder (store tests open their own stores).
_STORE_TMP = tempfile.mkdtemp(prefix="kp2s-test-store-")
atexit.register(shutil.rmtree, _STORE_TMP, True)
os.environ["KP2S_STORE"] = str(Path(_STORE_TMP) / "kp2s.sqlite")
os.environ.pop("KP2S_CACHE_DIR", None)


@pytest.fixture(scope="session")
def geo_dir() -> Path:
    """Folder with the boundary files the tests use (real or synthetic, see
    the module docstring). A ``KP2S_GEO_DIR`` that does not exist is a failed
    precondition, so tests that need it fail loudly."""
    assert GEO_DIR.is_dir(), f"KP2S_GEO_DIR={GEO_DIR} does not exist"
    return GEO_DIR


@pytest.fixture(scope="session")
def synthetic_boundaries() -> bool:
    """True when the tests run on the synthetic shapes of tests/fixtures/geo."""
    return SYNTHETIC


@pytest.fixture(scope="session")
def upstream_raw() -> Path:
    """Folder with the pinned upstream SQL files (``raw/`` of the boundary
    folder, else of ``../shared/geo``); skips when neither has them."""
    for folder in (GEO_DIR / "raw", SHARED_GEO / "raw"):
        if (folder / "wilayah_boundaries_kab_63.sql").is_file():
            return folder
    pytest.skip("needs the pinned upstream SQL files (raw/wilayah_boundaries_*_63.sql), which only "
                "../shared/geo/raw holds; absent here")


@pytest.fixture(scope="session")
def shared_reference() -> Path:
    """``../shared/reference`` beside the project; skips when absent (a plain
    clone has no such folder)."""
    if not SHARED_REFERENCE.is_dir():
        pytest.skip(f"compares with the reference facts in ../shared/reference, absent here ({SHARED_REFERENCE})")
    return SHARED_REFERENCE
