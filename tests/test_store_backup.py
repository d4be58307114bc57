"""Backups of the store and restoring them (python -m kp2s_dashboard.store
backup/restore), on SQLite and, when KP2S_TEST_PG_URL is set, PostgreSQL."""

from __future__ import annotations

import gzip
import sqlite3
import subprocess
import sys

import pandas as pd
import pytest
from store_fixtures import new_store_url, store, store_url  # noqa: F401  (fixtures)

from kp2s_dashboard import paths
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.store import BackupError, Store
from kp2s_dashboard.store import backup as B


def _fill(store: Store) -> dict:
    """Three versions, a restore and a sign-in failure; returns what to expect."""
    prevalence = (paths.DATA_DIR / "prevalence.csv").read_bytes()
    table = load_prevalence(paths.DATA_DIR / "prevalence.csv").table
    v1 = store.publish("prevalence", "prevalence.csv", prevalence, "budi", "as shipped",
                       report={"warnings": ["x"]}, tables={"prevalence": table})
    store.publish("targets", "targets.csv", (paths.DATA_DIR / "targets.csv").read_bytes(), "budi")
    store.publish("prevalence", "p2.csv", b"code,year\n63,2024\n", "ani", "wrong file")
    store.restore(v1.id, "ani", "undo")
    store.audit("sign_in_failed", "mallory", detail={"attempt": 1})
    return {"versions": [(v.id, v.kind, v.file_name, v.created_by, v.comment, v.created_at, v.restored_from)
                         for v in store.versions()],
            "in_force": {k: v.id for k, v in store.in_force_all().items()},
            "audit": [(e.event, e.who, e.at, e.detail) for e in store.audit_log()],
            "table": table, "prevalence": prevalence}


def _same(store: Store, expected: dict) -> None:
    assert [(v.id, v.kind, v.file_name, v.created_by, v.comment, v.created_at, v.restored_from)
            for v in store.versions()] == expected["versions"]
    assert {k: v.id for k, v in store.in_force_all().items()} == expected["in_force"]
    assert store.file_bytes(expected["in_force"]["prevalence"]) == expected["prevalence"]
    pd.testing.assert_frame_equal(store.tables(1)["prevalence"], expected["table"])
    audit = [(e.event, e.who, e.at, e.detail) for e in store.audit_log()]
    assert audit[0][0] == "store_restored" and audit[1:] == expected["audit"]
    assert store.verify() == []


@pytest.mark.parametrize("fmt", ["sqlite", "dump"])
def test_backup_and_restore_round_trip(new_store_url, tmp_path, fmt):
    """Into a store of the fixture's database; a SQLite copy always comes from
    a SQLite store, so on PostgreSQL that case moves a store from SQLite to
    PostgreSQL."""
    if fmt == "sqlite":
        source = Store(f"sqlite:///{tmp_path / 'source' / 'kp2s.sqlite'}", cache_dir=tmp_path / "c1")
    else:
        source = Store(new_store_url(), cache_dir=tmp_path / "c1")
    expected = _fill(source)
    out, used = B.backup(source, tmp_path / f"kp2s.{fmt}", fmt)
    assert used == fmt
    if fmt == "sqlite":
        with sqlite3.connect(out) as conn:  # an ordinary SQLite file
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            assert conn.execute("SELECT count(*) FROM dataset_version").fetchone()[0] == 4
    else:
        assert out.read_bytes()[:2] == b"\x1f\x8b"
    target = Store(new_store_url(), cache_dir=tmp_path / "c2")
    counts = B.restore(target, out, who="admin")
    assert counts == {"blob": 3, "dataset_version": 4, "version_file": 4, "version_table": 2, "audit_log": 5,
                      "recommendation": 0, "recommendation_entry": 0}
    _same(target, expected)
    # ids continue after the restored ones
    assert target.publish("targets", "t2.csv", b"x\n", "budi").id == 5


def test_restore_refuses_a_store_that_is_not_empty_unless_replace(store, new_store_url, tmp_path):
    expected = _fill(store)
    out, _ = B.backup(store, tmp_path / "kp2s.dump", "dump")
    other = Store(new_store_url(), cache_dir=tmp_path / "c2")
    other.publish("targets", "other.csv", b"other\n", "siti")
    with pytest.raises(BackupError, match="already holds 1 versions"):
        B.restore(other, out)
    assert [v.file_name for v in other.versions()] == ["other.csv"]  # untouched
    B.restore(other, out, replace=True)
    _same(other, expected)


def test_damaged_backups_are_refused_and_change_nothing(store, tmp_path):
    _fill(store)
    good, _ = B.backup(store, tmp_path / "kp2s.dump", "dump")
    lines = gzip.decompress(good.read_bytes()).decode("utf-8").splitlines()
    truncated = tmp_path / "truncated.dump"
    truncated.write_bytes(gzip.compress(("\n".join(lines[:-3]) + "\n").encode("utf-8")))
    text = tmp_path / "notes.txt"
    text.write_text("not a backup")
    target_dir = tmp_path / "target"
    target = Store(f"sqlite:///{target_dir / 'kp2s.sqlite'}", cache_dir=tmp_path / "c3")
    target.publish("targets", "keep.csv", b"keep\n", "siti")
    before = target.counts()
    for bad, reason in [(truncated, "ends early"), (text, "neither a SQLite file nor a KP2S dump"),
                        (tmp_path / "missing.dump", "No such file")]:
        with pytest.raises(BackupError, match=reason):
            B.restore(target, bad, replace=True)
        assert target.counts() == before
    assert target.in_force("targets").file_name == "keep.csv"


def test_backup_while_publishing_is_consistent(tmp_path):
    """The SQLite backup API copies a consistent state even while another
    connection holds an open write transaction."""
    store = Store(f"sqlite:///{tmp_path / 's' / 'kp2s.sqlite'}", cache_dir=tmp_path / "c")
    _fill(store)
    with store._write() as conn:  # a publish in progress, not committed
        conn.exec_driver_sql("INSERT INTO audit_log (at, event, who, detail) "
                             "VALUES ('2026-01-01 00:00:00', 'half', 'x', '{}')")
        out, _ = B.backup(store, tmp_path / "copy.sqlite")
    copy = Store(f"sqlite:///{out}", cache_dir=tmp_path / "c2")
    assert copy.audit_log(event_name="half") == [] and copy.counts()["dataset_version"] == 4


def test_backup_and_restore_commands(tmp_path):
    db = tmp_path / "live" / "kp2s.sqlite"
    store = Store(f"sqlite:///{db}", cache_dir=tmp_path / "c")
    expected = _fill(store)
    store.close()
    env = {"PATH": "/usr/bin:/bin", "KP2S_STORE": str(db)}

    def run(*args, store_env=env):
        return subprocess.run([sys.executable, "-m", "kp2s_dashboard.store", *args], cwd=paths.PROJECT_DIR,
                              env=store_env, capture_output=True, text=True, timeout=120)

    made = run("backup", str(tmp_path / "nightly.sqlite"))
    assert made.returncode == 0, made.stderr
    assert "backup (sqlite) written" in made.stdout
    dumped = run("backup", str(tmp_path / "nightly.dump"), "--format", "dump")
    assert dumped.returncode == 0, dumped.stderr
    fresh = {"PATH": "/usr/bin:/bin", "KP2S_STORE": str(tmp_path / "new" / "kp2s.sqlite")}
    restored = run("restore", str(tmp_path / "nightly.sqlite"), store_env=fresh)
    assert restored.returncode == 0, restored.stderr
    assert "4 dataset_version" in restored.stdout
    again = run("restore", str(tmp_path / "nightly.dump"), store_env=fresh)
    assert again.returncode == 2 and "--replace" in again.stderr and "Traceback" not in again.stderr
    replaced = run("restore", str(tmp_path / "nightly.dump"), "--replace", store_env=fresh)
    assert replaced.returncode == 0, replaced.stderr
    _same(Store(fresh["KP2S_STORE"], cache_dir=tmp_path / "c4"), expected)
