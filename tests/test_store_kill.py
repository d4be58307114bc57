"""Publishing is atomic: a publishing (or restoring) process killed with
SIGKILL at any step leaves the store with the old version or the new one in
force, never half of one, and the store stays readable and writable. On
SQLite and, when KP2S_TEST_PG_URL is set, PostgreSQL.

The child (tests/store_kill_child.py) pauses at a named step of the write
transaction (``kp2s_dashboard.store.core.checkpoint_hook``) and is killed
there; a second series kills it after random short delays, so kills also land
between the named steps (inside inserts and the commit itself).
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import store_kill_child
from store_fixtures import new_store_url, store_url  # noqa: F401  (fixtures)

from kp2s_dashboard.store import datastore
from kp2s_dashboard import paths
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.store import Store

CHILD = Path(__file__).with_name("store_kill_child.py")
ORIGINAL = paths.DATA_DIR / "prevalence.csv"
BEFORE_COMMIT = ["begin", "blobs", "version", "files", "tables", "audit", "commit"]
AFTER_COMMIT = ["committed"]


def _start(url: str, cache: Path, action: str, point: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(paths.PROJECT_DIR)}
    proc = subprocess.Popen([sys.executable, str(CHILD), url, str(cache), action, point], cwd=paths.PROJECT_DIR,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.lines = queue.Queue()  # stdout lines, read by a thread (no blocking on a pipe, no select on a buffer)

    def pump() -> None:
        for line in proc.stdout:
            proc.lines.put(line.strip())
        proc.lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return proc


def _wait_for(proc: subprocess.Popen, prefix: str, timeout: float = 180) -> str:
    """The child's first stdout line starting with ``prefix``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            line = proc.lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            line = None
        if line is None:
            proc.kill()
            proc.wait()
            raise AssertionError(f"child never printed {prefix!r}; stderr:\n{proc.stderr.read()}")
        if line.startswith(prefix):
            return line


def _kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, f"the child ended by itself ({proc.returncode})"


def _tanah_laut_ssgi_2024(path: Path) -> float:
    table = load_prevalence(path).table
    row = table[(table.code == "6301") & (table.year == 2024) & (table.source == "ssgi")
                & (table.indicator == "stunting")]
    return float(row.value_pct.iloc[0])


def _check(url: str, tmp_path: Path, monkeypatch) -> tuple[int, float]:
    """Open the store afresh and check it whole; returns (versions, figure in force)."""
    store = Store(url, cache_dir=tmp_path / "check-cache")
    try:
        assert store.verify() == []
        counts = store.counts()
        n = counts["dataset_version"]
        assert counts["version_file"] == n and counts["audit_log"] == n  # every version whole, audited
        in_force = store.in_force("prevalence")
        assert in_force is not None
        if in_force.tables:  # the corrected version: both tables, whole
            tables = store.tables(in_force.id)
            assert set(tables) == {"prevalence", "padding"} and len(tables["padding"]) == 300_000
        # the dashboard reads the version in force through the datastore
        monkeypatch.setenv("KP2S_STORE", url)
        monkeypatch.setenv("KP2S_CACHE_DIR", str(tmp_path / "app-cache"))
        f = datastore.current("prevalence")
        assert f.version_id == in_force.id and not f.is_default
        figure = _tanah_laut_ssgi_2024(f.path)
        # and the store still takes a write at once (no lock left behind)
        started = time.monotonic()
        store.audit("kill_test_probe", "test")
        assert time.monotonic() - started < 5
        with store.engine.begin() as conn:  # remove the probe so counts stay comparable
            conn.exec_driver_sql("DELETE FROM audit_log WHERE event = 'kill_test_probe'")
        return n, figure
    finally:
        store.close()


def _seed(url: str, tmp_path: Path) -> None:
    store = Store(url, cache_dir=tmp_path / "seed-cache")
    v1 = store.publish("prevalence", "prevalence.csv", ORIGINAL.read_bytes(), "budi", "as shipped")
    assert v1.id == 1
    store.close()


def _kill_at_each_step(new_store_url, tmp_path, monkeypatch, action, points, prepare):
    """For each point: a store of its own, prepared by ``prepare(url)``; all
    children start at once (the machine's cores work in parallel), each
    pauses at its point and is killed there; then each store is checked.
    Returns point -> (versions, figure in force)."""
    urls = {point: new_store_url() for point in points}
    for url in urls.values():
        prepare(url)
    procs = {point: _start(url, tmp_path / "child-cache", action, point) for point, url in urls.items()}
    try:
        for point, proc in procs.items():
            assert _wait_for(proc, "PAUSED") == f"PAUSED {point}"
    finally:  # no child is left sleeping, whatever happened
        for proc in procs.values():
            _kill(proc)
    return {point: _check(url, tmp_path / point, monkeypatch) for point, url in urls.items()}


def test_publish_killed_at_each_step(new_store_url, tmp_path, monkeypatch):
    found = _kill_at_each_step(new_store_url, tmp_path, monkeypatch, "publish", BEFORE_COMMIT + AFTER_COMMIT,
                               lambda url: _seed(url, tmp_path))
    expected = {p: (1, 22.5) for p in BEFORE_COMMIT}  # the old version, nothing of the new
    expected.update({p: (2, 19.5) for p in AFTER_COMMIT})  # the new version, whole
    assert found == expected


def test_restore_killed_at_each_step(new_store_url, tmp_path, monkeypatch):
    content, table = store_kill_child.corrected_prevalence(tmp_path)
    tables = {"prevalence": table, "padding": store_kill_child.padding()}

    def prepare(url):
        _seed(url, tmp_path)
        store = Store(url, cache_dir=tmp_path / "seed-cache")
        assert store.publish("prevalence", "prevalensi_koreksi.csv", content, "budi", tables=tables).id == 2
        store.close()

    points = ["begin", "version", "files", "tables", "commit", "committed"]
    found = _kill_at_each_step(new_store_url, tmp_path, monkeypatch, "restore", points, prepare)
    expected = {p: (2, 19.5) for p in points[:-1]}  # still the corrected version
    expected["committed"] = (3, 22.5)  # the restore of version 1 is in force
    assert found == expected


def test_publish_killed_after_random_delays(store_url, tmp_path, monkeypatch):
    """Kills at random moments spread over the measured length of a whole
    publish (from the child's READY to its DONE), so they also land inside
    statements and the commit, not only at the named steps."""
    _seed(store_url, tmp_path)
    proc = _start(store_url, tmp_path / "child-cache", "publish", "none")
    _wait_for(proc, "READY")
    started = time.monotonic()
    assert _wait_for(proc, "DONE") == "DONE 2"
    duration = time.monotonic() - started
    proc.wait(timeout=30)
    n_before, figure = _check(store_url, tmp_path, monkeypatch)
    assert (n_before, figure) == (2, 19.5)

    rng = random.Random(20261204)
    outcomes = []
    for _ in range(6):
        proc = _start(store_url, tmp_path / "child-cache", "publish", "none")
        _wait_for(proc, "READY")
        delay = rng.uniform(0.0, 1.5 * duration)
        time.sleep(delay)
        if proc.poll() is None:
            _kill(proc)
        else:
            proc.wait(timeout=30)
            proc.stderr.close()
        n, figure = _check(store_url, tmp_path, monkeypatch)
        assert n in (n_before, n_before + 1)  # the old state or the new one, nothing between
        assert figure == 19.5
        outcomes.append(("new" if n == n_before + 1 else "old", round(delay, 3)))
        n_before = n
    print(f"publish takes {duration:.2f} s; random kills left: {outcomes}")
