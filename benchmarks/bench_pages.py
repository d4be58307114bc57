"""Warm rerun of every page of the router, in Streamlit's AppTest.

Each page registered in ``app.py`` is opened once (the cold run fills the
caches), then rerun ``repeats`` times; the figure is the median of those warm
reruns in ms. Target: ≤ 100 ms per page (issue 11). AppTest runs the script
the way the server does (same script runner, same caches) minus the
websocket, so this is the server-side time of a rerun. One difference is
undone here: AppTest makes a new script cache on every run, so it compiled
``app.py`` and the page (with Streamlit's "magic" rewrite) on each rerun,
15–17 ms of CPU for Target and Aksi, which the server does once per process
(its runtime keeps one script cache). The compiled scripts are kept across the
reruns of a page, as on the server; ``KP2S_BENCH_RECOMPILE=1`` compiles on
every run as AppTest does by itself (the figures measured before 2026-12-04 17:00).
"""

from __future__ import annotations

import contextlib
import os
import statistics
import time
from pathlib import Path
from unittest import mock

TARGET_MS = 100.0
PROJECT = Path(__file__).resolve().parent.parent
APP = str(PROJECT / "app.py")


def time_page(file: str, repeats: int = 5, **params: str) -> list[float]:
    """Warm rerun times in ms of ``file`` (``pages/x.py``) opened through the
    router with URL ``params``, after one cold run.

    Raises:
        RuntimeError: the page shows an exception.
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=300)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(file)
    times, cpu = [], []
    with compiled_once():
        at.run()
        if at.exception:
            raise RuntimeError(f"{file}: {[e.message for e in at.exception]}")
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            at.run()
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    time_page.cpu = cpu  # CPU time of the same reruns (all threads of this process), less sensitive to load
    if at.exception:
        raise RuntimeError(f"{file}: {[e.message for e in at.exception]}")
    return times


@contextlib.contextmanager
def compiled_once():
    """Within: AppTest's runs share one script cache, as the server's
    sessions share the runtime's (scripts compiled once); nothing changes
    when ``KP2S_BENCH_RECOMPILE=1``."""
    if os.environ.get("KP2S_BENCH_RECOMPILE") == "1":
        yield
        return
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    kept = ScriptCache()
    with mock.patch("streamlit.testing.v1.app_test.ScriptCache", return_value=kept), \
            mock.patch("streamlit.testing.v1.local_script_runner.ScriptCache", return_value=kept):
        yield


def run(quick: bool = False, pages: list[str] | None = None) -> list[dict]:
    """One row per page: median warm rerun in ms (``quick``: the first page, 1 rerun)."""
    from kp2s_dashboard.web.browser import registered_pages

    entries = registered_pages()
    if pages:
        entries = [e for e in entries if e.path in pages]
    if quick:
        entries = entries[:1]
    rows = []
    for entry in entries:
        name = f"page {entry.path} warm rerun (median of {1 if quick else 5})"
        try:
            times = time_page(entry.file, repeats=1 if quick else 5)
        except Exception as exc:
            rows.append({"figure": name, "value": float("nan"), "unit": "ms", "target": "≤ 100 ms",
                         "ok": False, "note": f"{type(exc).__name__}: {exc}"[:200]})
            continue
        median = statistics.median(times)
        rows.append({"figure": name, "value": median, "unit": "ms", "target": "≤ 100 ms",
                     "ok": median <= TARGET_MS, "ratio": median / TARGET_MS,
                     "note": f"min {min(times):.0f}, max {max(times):.0f}; "
                             f"CPU median {statistics.median(time_page.cpu):.0f} ms"})
    return rows


if __name__ == "__main__":
    import sys

    from benchmarks.run import format_table, prepare_environment

    prepare_environment()
    print(format_table(run(pages=sys.argv[1:] or None)))
