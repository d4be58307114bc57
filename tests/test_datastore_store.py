"""The dashboard reads the newest published store version of each kind
through kp2s_dashboard.store.datastore, and the embedded data/ when the store has
none; the caches pick up a new version without a restart."""

from __future__ import annotations

import logging

import pytest

from kp2s_dashboard.web import cache
from kp2s_dashboard.store import datastore
from kp2s_dashboard import paths
from kp2s_dashboard.assessment import load_workbook
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.store import Store, StoreUnavailable

OLD = "6301,Tanah Laut,2024,ssgi,stunting,22.5,"
NEW = "6301,Tanah Laut,2024,ssgi,stunting,19.5,"


def _figure(table) -> float:
    row = table[(table.code == "6301") & (table.year == 2024) & (table.source == "ssgi")
                & (table.indicator == "stunting")]
    return float(row.value_pct.iloc[0])


@pytest.fixture
def own_store(tmp_path, monkeypatch):
    """The dashboard's store pointed at a new SQLite file for this test."""
    db = tmp_path / "store" / "kp2s.sqlite"
    monkeypatch.setenv("KP2S_STORE", str(db))
    monkeypatch.delenv("KP2S_CACHE_DIR", raising=False)
    opened = Store(str(db))
    yield opened
    opened.close()


def test_empty_store_serves_the_embedded_data(own_store):
    for kind, name in [("prevalence", "prevalence.csv"), ("targets", "targets.csv"),
                       ("published", "kp2s_results.csv"), ("regions", "regions.csv")]:
        f = datastore.current(kind)
        assert (f.path, f.is_default, f.version_id) == (paths.DATA_DIR / name, True, None)
        st = f.path.stat()
        assert f.stamp == (st.st_mtime_ns, st.st_size)
    assert [f.path.parent for f in datastore.current_files("assessment")] == [paths.DATA_DIR / "demo"] * 3
    assert datastore.in_force("prevalence") is None
    assert datastore.exists("published")
    boundary = datastore.boundary_file()
    assert boundary is not None and boundary.version_id is None


def test_published_version_is_served_and_caches_follow_without_restart(own_store, tmp_path):
    before = cache.prevalence()
    assert _figure(before.table) == 22.5
    text = (paths.DATA_DIR / "prevalence.csv").read_text(encoding="utf-8")
    corrected = text.replace(OLD, NEW, 1).encode("utf-8")
    v2 = own_store.publish("prevalence", "prevalensi_koreksi.csv", corrected, "budi", "Tanah Laut corrected")

    f = datastore.current("prevalence")
    assert not f.is_default and f.version_id == v2.id
    assert f.name == "prevalensi_koreksi.csv"
    assert f.path == own_store.cache_dir / v2.sha256 / "prevalensi_koreksi.csv"
    assert f.stamp == (v2.id, len(corrected))
    assert f.path.read_bytes() == corrected
    assert _figure(cache.prevalence().table) == 19.5  # same process, no restart

    # a restore of the embedded content is a new version, and the figure goes back
    v3 = own_store.publish("prevalence", "prevalence.csv", text.encode("utf-8"), "ani", "back to the survey file")
    assert datastore.current("prevalence").version_id == v3.id
    assert _figure(cache.prevalence().table) == 22.5
    v4 = own_store.restore(v2.id, "ani", "the correction was right")
    assert datastore.current("prevalence").stamp == (v4.id, len(corrected))
    assert _figure(cache.prevalence().table) == 19.5
    # other kinds still come from data/
    assert datastore.current("targets").is_default


def test_assessment_set_and_boundaries_from_the_store(own_store, geo_dir):
    demo = sorted((paths.DATA_DIR / "demo").glob("*.xlsx"))
    chosen = [demo[2], demo[0]]  # two of the three, given out of order
    v = own_store.publish_files("assessment", [(p.name, p.read_bytes()) for p in chosen], "budi", "2024")
    files = datastore.current_files("assessment")
    assert [f.name for f in files] == sorted(p.name for p in chosen)
    assert all(f.version_id == v.id and not f.is_default for f in files)
    for f in files:
        assert f.path.read_bytes() == (paths.DATA_DIR / "demo" / f.name).read_bytes()
        # the loaders read the materialised file as they read the original
        got, want = load_workbook(f.path), load_workbook(paths.DATA_DIR / "demo" / f.name)
        assert len(got.scores) > 0 and got.synthetic
        assert got.scores.drop(columns=[c for c in got.scores.columns if c in ("file", "origin")]).equals(
            want.scores.drop(columns=[c for c in want.scores.columns if c in ("file", "origin")]))

    shape = geo_dir / "kalsel_kabupaten.geojson"
    b = own_store.publish("boundaries", shape.name, shape.read_bytes(), "budi", "BIG 2024 boundaries")
    boundary = datastore.boundary_file()
    assert boundary.version_id == b.id and boundary.name == "kalsel_kabupaten.geojson"
    assert boundary.path.read_bytes() == shape.read_bytes()


def test_published_results_exist_when_only_the_store_has_them(own_store, tmp_path, monkeypatch):
    monkeypatch.setitem(datastore.DEFAULT_FILES, "published", str(tmp_path / "missing.csv"))
    assert not datastore.exists("published")
    content = (paths.DATA_DIR / "kp2s_results.csv").read_bytes()
    own_store.publish("published", "kp2s_results.csv", content, "budi")
    assert datastore.exists("published")
    assert datastore.current("published").path.read_bytes() == content


def test_configured_store_that_cannot_be_opened_is_an_error_not_stale_data(monkeypatch):
    monkeypatch.setenv("KP2S_STORE", "postgresql+psycopg://kp2s@127.0.0.1:1/kp2s?connect_timeout=2")
    with pytest.raises(StoreUnavailable, match="cannot be opened"):
        datastore.current("prevalence")
    monkeypatch.setenv("KP2S_STORE", "oracle://x@y/z")
    with pytest.raises(StoreUnavailable, match="not supported"):
        datastore.current("prevalence")


def test_default_store_that_cannot_be_created_serves_the_embedded_data(tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the project folder would be")
    monkeypatch.setattr(paths, "PROJECT_DIR", blocker)  # var/ cannot be made under a file
    monkeypatch.delenv("KP2S_STORE")
    from kp2s_dashboard.store import location

    monkeypatch.setattr(location, "_secrets_files", lambda: [])
    with caplog.at_level(logging.WARNING, logger="kp2s_dashboard.store.datastore"):
        f = datastore.current("prevalence")
    assert f.is_default and f.path == paths.DATA_DIR / "prevalence.csv"
    assert "Serving the embedded data" in caplog.text
    assert _figure(load_prevalence(f.path).table) == 22.5


def test_map_page_shows_the_published_figure_without_restart(own_store):
    """A viewer opening the map after an editor published sees the new
    figure; after a restore, the old one (same server process)."""
    from streamlit.testing.v1 import AppTest

    def tanah_laut_on_the_map() -> str:
        at = AppTest.from_file(str(paths.PROJECT_DIR / "app.py"), default_timeout=90)
        at.query_params.update(source="ssgi", year="2024", district="6301")
        at.switch_page("pages/peta.py")
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return {m.label: m.value for m in at.metric}["Tanah Laut — SSGI 2024"]

    assert tanah_laut_on_the_map() == "22,5%"
    text = (paths.DATA_DIR / "prevalence.csv").read_text(encoding="utf-8")
    v1 = own_store.publish("prevalence", "prevalence.csv", text.encode("utf-8"), "budi", "as shipped")
    own_store.publish("prevalence", "prevalensi_koreksi.csv", text.replace(OLD, NEW, 1).encode("utf-8"), "budi",
                      "Tanah Laut corrected")
    assert tanah_laut_on_the_map() == "19,5%"
    own_store.restore(v1.id, "ani", "undo")
    assert tanah_laut_on_the_map() == "22,5%"


def test_two_survey_figures_in_force_never_take_down_the_other_districts(own_store):
    """Issue 14, item 7 in the running app: with SSGI 2023 and SKI 2023 for Tanah Laut in the published table,
    Tapin's profile and Ringkasan still load (they showed "Data tidak dapat dimuat" for every district)."""
    from streamlit.testing.v1 import AppTest

    lines = (paths.DATA_DIR / "prevalence.csv").read_text(encoding="utf-8").splitlines()
    ski = next(line for line in lines if line.startswith("6301,") and ",2023,ski," in line)
    pair = ski.replace(",2023,ski,", ",2023,ssgi,", 1)
    own_store.publish("prevalence", "prevalensi_ganda.csv", "\n".join([*lines, pair]).encode("utf-8") + b"\n",
                      "budi", "two surveys for one year")
    for page, params in (("pages/profil.py", {"district": "6305"}), ("pages/ringkasan.py", {})):
        at = AppTest.from_file(str(paths.PROJECT_DIR / "app.py"), default_timeout=120)
        at.query_params.update(params)
        at.switch_page(page)
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        assert not [e.value for e in at.error], [e.value for e in at.error]
        if page == "pages/profil.py":
            shown = " ".join(str(e.value) for e in [*at.header, *at.subheader, *at.markdown, *at.caption])
            assert "Tapin" in shown
