#!/usr/bin/env bash
# Set up (first time) and start the dashboard on its embedded default data.
# Boundaries: uses KP2S_GEO_DIR if set; otherwise downloads the pinned public
# source into geo/ when it is not there yet. Without boundaries (no network)
# the dashboard still starts and the map page says how to provide them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${KP2S_GEO_DIR:-}" ]; then
  .venv/bin/python -m kp2s_dashboard.geo fetch --if-missing \
    || echo "Batas wilayah belum diunduh; peta akan menjelaskan cara menyediakannya. (Boundaries not downloaded; the map page explains how to provide them.)" >&2
fi
exec .venv/bin/python -m streamlit run app.py "$@"
