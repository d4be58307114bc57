"""The sub-district kinds in the store (issue 12): published like the other
kinds, served by the datastore, and the schema migration from 0002."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from store_fixtures import new_store_url, store, store_url  # noqa: F401  (fixtures)

from kp2s_dashboard import paths
from kp2s_dashboard.store import KINDS, Store, datastore, migrate
from kp2s_dashboard.subdistrict import load_areas, load_lokus


def test_both_kinds_are_store_kinds_with_embedded_demo_defaults():
    for kind in ("eppgbm_wilayah", "lokus_desa"):
        assert kind in KINDS
        assert (paths.DATA_DIR / datastore.DEFAULT_FILES[kind]).is_file()


def test_publish_and_serve_a_wilayah_export(store, monkeypatch, tmp_path):
    demo = paths.DATA_DIR / datastore.DEFAULT_FILES["eppgbm_wilayah"]
    v = store.publish("eppgbm_wilayah", "banjar_2024.xlsx", demo.read_bytes(), "budi", "e-PPGBM Agustus 2024")
    lok = paths.DATA_DIR / datastore.DEFAULT_FILES["lokus_desa"]
    w = store.publish("lokus_desa", "sk_lokus.xlsx", lok.read_bytes(), "budi")
    assert store.in_force("eppgbm_wilayah").id == v.id and store.in_force("lokus_desa").id == w.id
    monkeypatch.setattr(datastore, "store", lambda: store)
    served = datastore.current("eppgbm_wilayah")
    assert not served.is_default and served.version_id == v.id and served.name == "banjar_2024.xlsx"
    assert len(load_areas(served.path).table) == len(load_areas(demo).table)
    assert datastore.current("lokus_desa").version_id == w.id
    assert len(load_lokus(datastore.current("lokus_desa").path).table) > 0


def test_migration_0003_keeps_versions_and_accepts_the_new_kinds(new_store_url, tmp_path):
    url = new_store_url()
    engine = sa.create_engine(url)
    if url.startswith("sqlite"):
        Path(sa.engine.make_url(url).database).parent.mkdir(parents=True, exist_ok=True)
    with engine.begin() as conn:
        command.upgrade(migrate._config(conn), "0002")
    engine.dispose()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        assert migrate.current_revision(conn) == "0002"
        conn.execute(sa.text(
            "INSERT INTO dataset_version (kind, status, created_at, created_by, comment, content_sha256, n_files) "
            "VALUES ('targets', 'published', CURRENT_TIMESTAMP, 'budi', '', :h, 0)"), {"h": "0" * 64})
        try:
            with conn.begin_nested():
                conn.execute(sa.text(
                    "INSERT INTO dataset_version (kind, status, created_at, created_by, comment, content_sha256, "
                    "n_files) VALUES ('lokus_desa', 'draft', CURRENT_TIMESTAMP, 'budi', '', :h, 0)"), {"h": "1" * 64})
            refused = False
        except sa.exc.IntegrityError:
            refused = True
    assert refused, "schema 0002 must refuse the new kind (else this test proves nothing)"
    engine.dispose()
    opened = Store(url, cache_dir=tmp_path / "cache")  # upgrades to head
    try:
        with opened.engine.connect() as conn:
            assert migrate.current_revision(conn) == "0003"
            kinds = conn.execute(sa.text("SELECT kind FROM dataset_version ORDER BY id")).scalars().all()
        assert kinds == ["targets"]
        v = opened.publish("lokus_desa", "lokus.csv", b"Kabupaten/Kota,Tahun,Desa\nBanjar,2024,Sungai Tabuk\n", "budi")
        assert opened.in_force("lokus_desa").id == v.id
    finally:
        opened.close()


def test_caches_serve_the_demo_then_a_published_export_without_restart(tmp_path, monkeypatch):
    from kp2s_dashboard.web import cache_wilayah

    db = tmp_path / "store" / "kp2s.sqlite"
    monkeypatch.setenv("KP2S_STORE", str(db))
    monkeypatch.delenv("KP2S_CACHE_DIR", raising=False)
    opened = Store(str(db))
    try:
        demo = cache_wilayah.subdistrict()
        assert demo.synthetic and len(demo.table) > 4000
        assert cache_wilayah.lokus().synthetic
        csv = "Kabupaten/Kota,Desa,Tahun,Balita diukur,Stunting\nBanjar,Pemakuan,2024,100,12\n"
        opened.publish("eppgbm_wilayah", "banjar.csv", csv.encode(), "budi")
        served = cache_wilayah.subdistrict()
        assert not served.synthetic and served.table["prevalence"].tolist() == [12.0]
        assert cache_wilayah.subdistrict(min_children=200).table["small_n"].tolist() == [True]
        opened.publish("lokus_desa", "sk.csv", b"Kabupaten/Kota,Tahun,Desa\nBanjar,2024,Pemakuan\n", "budi")
        assert cache_wilayah.lokus().table["kode_wilayah"].tolist() == ["63.03.04.2008"]
    finally:
        opened.close()
