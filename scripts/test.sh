#!/usr/bin/env bash
# Set up (first time) and run the test suite. Boundaries for the tests come
# from KP2S_GEO_DIR, defaulting to ../shared/geo beside the project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export KP2S_GEO_DIR="${KP2S_GEO_DIR:-$(cd .. && pwd)/shared/geo}"
exec .venv/bin/python -m pytest "$@"
