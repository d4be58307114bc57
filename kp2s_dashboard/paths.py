"""Where the project's files are. No Streamlit import, no I/O at import time.

Environment variables:

- ``KP2S_DATA_DIR``: folder with the embedded default tables (default: the
  project's ``data/``).
- ``KP2S_GEO_DIR``: folder searched for boundary files (default: the
  project's ``geo/``). Tests and local runs point it at ``../shared/geo``.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("KP2S_DATA_DIR", PROJECT_DIR / "data"))
STATIC_DIR = PROJECT_DIR / "static"


def geo_dir() -> Path:
    """Folder searched for boundary files (``KP2S_GEO_DIR`` or ``geo/``),
    read at call time so tests can change the variable."""
    return Path(os.environ.get("KP2S_GEO_DIR", PROJECT_DIR / "geo"))


def project_geo_dir() -> Path:
    """The project's own ``geo/`` folder, where ``fetch`` writes."""
    return PROJECT_DIR / "geo"
