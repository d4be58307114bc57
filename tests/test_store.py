"""The data store (kp2s_dashboard.store): versions, restore, audit, errors,
schema and location, on SQLite and (when KP2S_TEST_PG_URL is set) PostgreSQL."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pandas as pd
import pytest
import sqlalchemy as sa
from store_fixtures import new_store_url, store, store_url  # noqa: F401  (fixtures)

from kp2s_dashboard import paths
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.store import (
    CorruptContent,
    PublishError,
    StaleVersion,
    Store,
    StoreUnavailable,
    VersionNotFound,
    location,
    migrate,
)
from kp2s_dashboard.store.schema import metadata

PREVALENCE = paths.DATA_DIR / "prevalence.csv"


def _edited_prevalence(tmp_path, old: str, new: str) -> tuple[bytes, pd.DataFrame]:
    """The embedded prevalence CSV with one figure changed, and its parsed table."""
    text = PREVALENCE.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    path = tmp_path / "prevalensi_koreksi.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path.read_bytes(), load_prevalence(path).table


def test_publish_stores_bytes_hash_report_and_tables(store, tmp_path):
    content = PREVALENCE.read_bytes()
    table = load_prevalence(PREVALENCE).table
    report = {"errors": [], "warnings": [{"key": "x", "where": "prevalence.csv:line 3"}], "rows": len(table)}

    v = store.publish("prevalence", "prevalence.csv", content, who="budi", comment="SSGI 2024",
                      report=report, tables={"prevalence": table})

    assert v.id == 1 and v.kind == "prevalence" and v.status == "published"
    assert v.file_name == "prevalence.csv"
    assert v.sha256 == hashlib.sha256(content).hexdigest()
    assert v.size == len(content)
    assert (v.created_by, v.comment, v.report) == ("budi", "SSGI 2024", report)
    assert v.created_at.tzinfo is not None
    assert v.tables == ("prevalence",)
    assert store.file_bytes(v.id) == content
    back = store.tables(v.id)["prevalence"]
    pd.testing.assert_frame_equal(back, table)  # dtypes included (str, int64, float64)
    assert store.in_force("prevalence") == v
    assert store.in_force("targets") is None
    assert store.get(v.id) == v
    [entry] = store.audit_log()
    assert (entry.event, entry.who, entry.kind, entry.version_id) == ("publish", "budi", "prevalence", v.id)
    assert entry.detail["files"] == [{"name": "prevalence.csv", "sha256": v.sha256, "size": len(content)}]
    assert store.verify() == []


def test_newest_published_is_in_force_and_restore_adds_a_version(store, tmp_path):
    old = PREVALENCE.read_bytes()
    new, new_table = _edited_prevalence(tmp_path, "6301,Tanah Laut,2024,ssgi,stunting,22.5,", "6301,Tanah Laut,2024,ssgi,stunting,19.5,")
    v1 = store.publish("prevalence", "prevalence.csv", old, "budi", "as shipped")
    v2 = store.publish("prevalence", "prevalensi_koreksi.csv", new, "ani", "corrected",
                       tables={"prevalence": new_table})
    assert store.in_force("prevalence").id == v2.id

    v3 = store.restore(v1.id, "ani", "undo the correction")

    assert v3.id > v2.id and v3.restored_from == v1.id and v3.status == "published"
    assert v3.files == v1.files and v3.content_sha256 == v1.content_sha256
    assert v3.comment == "undo the correction" and v3.created_by == "ani"
    assert store.in_force("prevalence").id == v3.id
    assert store.file_bytes(v3.id) == old
    # history is kept whole, newest first
    assert [v.id for v in store.versions("prevalence")] == [v3.id, v2.id, v1.id]
    assert store.file_bytes(v2.id) == new
    assert [e.event for e in store.audit_log()] == ["restore", "publish", "publish"]
    assert store.audit_log()[0].detail["restored_from"] == v1.id
    # restoring the corrected one again carries its parsed table along
    v4 = store.restore(v2.id, "budi")
    pd.testing.assert_frame_equal(store.tables(v4.id)["prevalence"], new_table)
    assert store.counts()["blob"] == 2  # content stored once however often restored
    assert store.verify() == []


def test_kinds_are_independent_and_drafts_are_not_in_force(store):
    p = store.publish("prevalence", "p.csv", b"code,year\n63,2024\n", "budi")
    t = store.publish("targets", "t.csv", b"target\n14.2\n", "budi")
    d = store.publish("prevalence", "draft.csv", b"draft\n", "budi", draft=True)
    assert d.status == "draft"
    assert {k: v.id for k, v in store.in_force_all().items()} == {"prevalence": p.id, "targets": t.id}
    assert [v.id for v in store.versions("prevalence", include_drafts=False)] == [p.id]
    # publishing a draft = restoring it
    r = store.restore(d.id, "ani", "publish the draft")
    assert store.in_force("prevalence").id == r.id and store.file_bytes(r.id) == b"draft\n"


def test_assessment_version_holds_several_workbooks(store):
    demo = sorted((paths.DATA_DIR / "demo").glob("*.xlsx"))
    files = [(p.name, p.read_bytes()) for p in demo]
    v = store.publish_files("assessment", files, "budi", "assessment 2024")
    assert [f.name for f in v.files] == [p.name for p in demo]
    assert [store.file_bytes(v.id, p.name) for p in demo] == [p.read_bytes() for p in demo]
    # the set hash does not depend on the order the workbooks were given in
    w = store.publish_files("assessment", list(reversed(files)), "budi")
    assert w.content_sha256 == v.content_sha256 and w.sha256 == v.content_sha256


@pytest.mark.parametrize("call, key", [
    (lambda s: s.publish("survey", "a.csv", b"x", "budi"), "store.unknown_kind"),
    (lambda s: s.publish("prevalence", "a.csv", b"x", "  "), "store.no_who"),
    (lambda s: s.publish("prevalence", "a.csv", b"", "budi"), "store.empty_file"),
    (lambda s: s.publish("prevalence", "../etc/passwd", b"x", "budi"), "store.bad_file_name"),
    (lambda s: s.publish("prevalence", ".hidden.csv", b"x", "budi"), "store.bad_file_name"),
    (lambda s: s.publish_files("assessment", [("a.xlsx", b"1"), ("a.xlsx", b"2")], "budi"),
     "store.duplicate_file_name"),
    (lambda s: s.publish_files("assessment", [], "budi"), "store.no_files"),
    (lambda s: s.publish("prevalence", "a.csv", b"x", "budi", report={"v": float("nan")}), "store.bad_report"),
    (lambda s: s.publish("prevalence", "a.csv", b"x", "budi", report={"v": {1, 2}}), "store.bad_report"),
    (lambda s: s.publish("prevalence", "a.csv", b"x", "budi", tables={"t": [1, 2]}), "store.bad_table"),
    (lambda s: s.publish("prevalence", "a.csv", b"x", "budi",
                         tables={"t": pd.DataFrame({"c": [object(), 1]})}), "store.bad_table"),
])
def test_bad_publish_requests_are_refused_and_write_nothing(store, call, key):
    before = store.counts()
    with pytest.raises(PublishError) as info:
        call(store)
    assert info.value.key == key
    assert info.value.render("id") != info.value.render("en")  # both languages exist
    assert store.counts() == before


def test_stale_publish_is_refused(store):
    v1 = store.publish("targets", "t.csv", b"a\n", "budi")
    store.publish("targets", "t.csv", b"b\n", "ani")  # someone else, meanwhile
    before = store.counts()
    with pytest.raises(StaleVersion) as info:
        store.publish("targets", "t.csv", b"c\n", "budi", expected_current=v1.id)
    assert "the version in force is now 2, not 1" in str(info.value)
    with pytest.raises(StaleVersion):
        store.restore(v1.id, "budi", expected_current=v1.id)
    assert store.counts() == before
    # the first publish of a kind expects "nothing in force"
    assert store.publish("published", "r.csv", b"r\n", "budi", expected_current=None).id == 3


def test_unknown_version_and_damaged_bytes(store):
    with pytest.raises(VersionNotFound):
        store.get(42)
    with pytest.raises(VersionNotFound):
        store.restore(42, "budi")
    v = store.publish("targets", "t.csv", b"target\n14.2\n", "budi")
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE blob SET data = :d"), {"d": b"target\n99.9\n"})
    with pytest.raises(CorruptContent, match="t.csv"):
        store.file_bytes(v.id)
    assert any("do not match" in p for p in store.verify())


def test_migrations_create_exactly_the_declared_schema(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
        revision = migrate.current_revision(conn)
    assert diff == []
    assert revision == migrate.head_revision() == "0003"


def test_schema_from_a_newer_program_is_refused(store_url, tmp_path):
    Store(store_url, cache_dir=tmp_path).close()
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreUnavailable, match="schema 0099, newer than this version"):
        Store(store_url, cache_dir=tmp_path)


def test_opening_twice_keeps_data_and_does_not_migrate_again(store_url, tmp_path):
    first = Store(store_url, cache_dir=tmp_path)
    first.publish("targets", "t.csv", b"x\n", "budi")
    first.close()
    second = Store(store_url, cache_dir=tmp_path)
    assert second.in_force("targets").file_name == "t.csv"
    with second.engine.connect() as conn:
        assert migrate.ensure_schema(second.engine) == ("0003", "0003")
    second.close()


def test_materialised_files_are_content_addressed(store, tmp_path):
    v = store.publish("prevalence", "prevalence.csv", PREVALENCE.read_bytes(), "budi")
    [path] = store.materialise(v)
    assert path == tmp_path / "cache" / v.sha256 / "prevalence.csv"
    assert path.read_bytes() == PREVALENCE.read_bytes()
    assert list(path.parent.iterdir()) == [path]  # no temporary file left
    path.write_bytes(b"truncated")  # a damaged cache file is rewritten
    assert store.materialise(v)[0].read_bytes() == PREVALENCE.read_bytes()


def test_audit_rows_for_other_events(store):
    store.audit("sign_in_failed", "mallory", detail={"attempt": 3})
    [e] = store.audit_log(event_name="sign_in_failed")
    assert (e.who, e.detail, e.kind, e.version_id) == ("mallory", {"attempt": 3}, None, None)


# -- location -------------------------------------------------------------------------------------


def test_location_from_env_path_url_secrets_and_default(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "PROJECT_DIR", tmp_path)
    default = location.resolve({})
    assert default.origin == "default"
    assert default.sqlite_path == tmp_path / "var" / "kp2s.sqlite"
    assert location.cache_dir(default, {}) == tmp_path / "var" / "cache"

    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text('[store]\nurl = "postgresql://kp2s:rahasia@db.local/kp2s"\n', encoding="utf-8")
    from_secrets = location.resolve({})
    assert from_secrets.url.drivername == "postgresql+psycopg"
    assert from_secrets.display() == "postgresql+psycopg://kp2s:***@db.local/kp2s"
    assert "secrets.toml" in from_secrets.origin
    assert location.cache_dir(from_secrets, {}) == tmp_path / "var" / "cache"

    env = location.resolve({"KP2S_STORE": str(tmp_path / "x" / "s.db")})
    assert env.origin == "KP2S_STORE" and env.sqlite_path == tmp_path / "x" / "s.db"
    assert location.cache_dir(env, {}) == tmp_path / "x" / "cache"
    assert location.cache_dir(env, {"KP2S_CACHE_DIR": str(tmp_path / "c")}) == tmp_path / "c"
    assert location.resolve({"KP2S_STORE": f"sqlite:///{tmp_path}/u.sqlite"}).sqlite_path == tmp_path / "u.sqlite"

    with pytest.raises(location.StoreConfigError, match="not supported"):
        location.resolve({"KP2S_STORE": "mysql://a@b/c"})
    secrets.write_text("[store\nurl=", encoding="utf-8")
    with pytest.raises(location.StoreConfigError, match="not a valid TOML"):
        location.resolve({})


def test_default_store_is_created_on_first_use(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "PROJECT_DIR", tmp_path)
    monkeypatch.delenv("KP2S_STORE")
    monkeypatch.setattr(location, "_secrets_files", lambda: [])
    s = Store()
    assert (tmp_path / "var" / "kp2s.sqlite").is_file()
    assert s.counts() == {"blob": 0, "dataset_version": 0, "version_file": 0, "version_table": 0, "audit_log": 0,
                          "recommendation": 0, "recommendation_entry": 0}
    s.close()


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreUnavailable) as info:
        Store("postgresql+psycopg://kp2s@127.0.0.1:1/kp2s?connect_timeout=2")
    assert "cannot be opened" in str(info.value) and "127.0.0.1:1" in str(info.value)


def test_cli_upgrade_where_versions_and_check(tmp_path):
    db = tmp_path / "cli.sqlite"
    env = {"KP2S_STORE": str(db), "PATH": "/usr/bin:/bin"}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "kp2s_dashboard.store", *args], cwd=paths.PROJECT_DIR,
                              env=env, capture_output=True, text=True, timeout=120)

    up = run("upgrade")
    assert up.returncode == 0, up.stderr
    assert "0003" in up.stdout and db.is_file()
    s = Store(str(db), cache_dir=tmp_path / "c")
    s.publish("targets", "targets.csv", (paths.DATA_DIR / "targets.csv").read_bytes(), "budi", "2025 targets")
    s.close()
    where = run("where")
    assert str(db) in where.stdout and "KP2S_STORE" in where.stdout
    listing = run("versions")
    assert listing.returncode == 0 and "targets.csv" in listing.stdout and "budi" in listing.stdout
    check = run("check")
    assert check.returncode == 0 and "no problems" in check.stdout
    bad = run("restore", str(tmp_path / "missing.backup"))
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "missing.backup" in bad.stderr


def test_several_processes_creating_the_store_at_once(store_url):
    """App processes starting together all open a new store; the schema is
    created once (migration lock)."""
    procs = [subprocess.Popen([sys.executable, "-m", "kp2s_dashboard.store", "--store", store_url, "upgrade"],
                              cwd=paths.PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert [rc for rc, _, _ in results] == [0, 0, 0, 0], results
    engine = sa.create_engine(store_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all() == ["0003"]
    engine.dispose()


def test_two_editors_publishing_at_once_cannot_both_pass_the_stale_check(store):
    """Both reviewed version 1; the second waits for the first and is then
    refused, instead of silently publishing over a version it never saw."""
    import threading

    from kp2s_dashboard.store import core

    v1 = store.publish("targets", "t.csv", b"a\n", "budi")
    first_inside, release = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def hook(name):
        if name == "version" and threading.current_thread().name == "first":
            first_inside.set()  # past the check, version row written, not committed
            release.wait(30)

    def publish(who):
        try:
            results[who] = store.publish("targets", f"{who}.csv", who.encode(), who, expected_current=v1.id).id
        except StaleVersion as exc:
            results[who] = exc

    core.checkpoint_hook = hook
    try:
        first = threading.Thread(target=publish, args=("first",), name="first")
        first.start()
        assert first_inside.wait(30)
        second = threading.Thread(target=publish, args=("second",), name="second")
        second.start()
        second.join(1.0)
        assert second.is_alive()  # waiting for the first editor's transaction
        release.set()
        first.join(30)
        second.join(30)
    finally:
        core.checkpoint_hook = None
        release.set()
    assert results["first"] == 2
    assert isinstance(results["second"], StaleVersion)
    assert store.in_force("targets").file_name == "first.csv"
    assert [v.id for v in store.versions("targets")] == [2, 1]
