#!/usr/bin/env bash
# Set up (first time) and run the test suite. Boundaries for the tests come
# from KP2S_GEO_DIR when set, else from geo/ when the setup's fetch wrote the
# files there, else from ../shared/geo beside the project, else from the
# synthetic test shapes in tests/fixtures/geo (tests that need the real
# boundaries are then skipped with their reason). See tests/conftest.py.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
