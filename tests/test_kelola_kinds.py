"""Kelola data for every kind of the store (issue 9 point 2; kelola brief items
1, 2, 3 and 5): each test signs in on the page, uploads bytes built here,
reads the report and the preview rows, publishes, opens a fresh run of the
page that shows the figure (a viewer in another browser) and sees the new
value, then restores the old version and sees the old value again."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_assessment_result import write_rekap_rows

from kp2s_dashboard import paths
from kp2s_dashboard.store import kinds, publishing
from kp2s_dashboard.store.diff import figure_changes
from tests.store_fixtures import PASSWORD, env  # noqa: F401  (the fixture)

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def page(path: str, lang: str = "en", **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["lang"] = lang
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(path)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def signed_in(kind: str) -> AppTest:
    at = page("pages/kelola.py")
    at.text_input(key="auth_user").input("budi")
    at.text_input(key="auth_password").input(PASSWORD)
    [submit] = [b for b in at.button if b.label == "Sign in"]
    submit.click().run()
    at.selectbox(key="kelola_kind").set_value(kind).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at) -> str:
    parts = [x.value for x in [*at.markdown, *at.caption, *at.success, *at.error, *at.warning, *at.info, *at.text]]
    return "\n".join(str(p) for p in parts)


def upload(at: AppTest, kind: str, name: str, content: bytes) -> AppTest:
    at.file_uploader(key=f"kelola_upload_{kind}").set_value((name, content, "application/octet-stream")).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def preview(at: AppTest) -> list[dict]:
    frame = at.dataframe[0].value
    assert list(frame.columns) == ["District", "Year", "Figure", "Change", "Old", "New"]
    return frame.to_dict("records")


def publish(at: AppTest, comment: str, confirm: bool = False) -> AppTest:
    if confirm:
        at.checkbox(key="kelola_confirm").check().run()
    at.text_input(key="kelola_comment").input(comment).run()
    at.button(key="kelola_publish").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "is published and now in force for everyone" in texts(at)
    return at


def restore(at: AppTest, version_id: int, comment: str = "undo") -> AppTest:
    at.selectbox(key="kelola_restore_which").set_value(version_id)
    at.text_input(key="kelola_restore_comment").input(comment).run()
    at.button(key="kelola_restore").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


# -- targets -------------------------------------------------------------------------------------------------
TARGETS = (paths.DATA_DIR / "targets.csv").read_bytes()


def _target_shown(label: str, year: int) -> float:
    """The national target ``label`` for ``year`` as the Data page shows it to a viewer."""
    at = page("pages/data.py")
    frame = next(df.value for df in at.dataframe if "Target (%)" in df.value.columns)
    row = frame[(frame["Region"] == "Indonesia") & (frame["Year"] == year) & (frame["Target basis"] == label)]
    assert len(row) == 1, frame.head()
    return float(row.iloc[0]["Target (%)"])


def test_targets_report_preview_publish_viewer_sees_it_restore(env):
    v1 = env.publish("targets", "targets.csv", TARGETS, "budi", "baseline")  # no parsed tables: read again
    text = TARGETS.decode("utf-8")
    assert "00,2025,18.8,RPJMN 2025–2029" in text
    corrected = text.replace("00,2025,18.8,RPJMN 2025–2029", "00,2025,18.5,RPJMN 2025–2029", 1).encode("utf-8")
    at = signed_in("targets")
    upload(at, "targets", "targets_2025.csv", corrected)
    assert "File read: 17 targets." in texts(at)
    assert "New: 0 · changed: 1 · removed: 0" in texts(at)
    assert preview(at) == [{"District": "Indonesia", "Year": "2025", "Figure": "RPJMN 2025–2029",
                            "Change": "changed", "Old": "18.8", "New": "18.5"}]
    publish(at, "RPJMN 2025 target corrected")
    v2 = env.in_force("targets")
    assert v2.id == v1.id + 1 and v2.files[0].name == "targets_2025.csv" and v2.tables == ("targets",)
    assert _target_shown("RPJMN 2025–2029", 2025) == 18.5
    restore(at, v1.id)
    assert env.in_force("targets").restored_from == v1.id
    assert _target_shown("RPJMN 2025–2029", 2025) == 18.8


def test_targets_error_names_the_file_and_line_and_blocks_publishing(env):
    bad = TARGETS.decode("utf-8").replace("00,2025,18.8,", "00,2025,delapan belas,", 1).encode("utf-8")
    at = signed_in("targets")
    upload(at, "targets", "target_rusak.csv", bad)
    assert "cannot be published" in texts(at)
    assert "file target_rusak.csv, row 5: value 'delapan belas' is not a number" in texts(at)
    assert not [b for b in at.button if b.key == "kelola_publish"]


# -- published results ---------------------------------------------------------------------------------------
RESULTS = (paths.DATA_DIR / "kp2s_results.csv").read_bytes()


def _tapin_2025_published() -> str:
    at = page("pages/aksi.py")
    at.radio(key="asm_view").set_value("published").run()
    assert not at.exception
    frame = next(df.value for df in at.dataframe if "Rank" in df.value.columns)
    row = frame[(frame["District"] == "Tapin") & (frame["Year assessed"] == "2025")]
    assert len(row) == 1, frame.columns
    return str(row.iloc[0]["Published score"])


def test_published_results_report_preview_publish_viewer_sees_it_restore(env):
    v1 = env.publish("published", "kp2s_results.csv", RESULTS, "budi", "baseline")
    frame = pd.read_csv(io.BytesIO(RESULTS), dtype=str, keep_default_na=False)
    tapin = (frame["year_assessed"] == "2025") & (frame["bps_code"] == "6305")
    assert frame.loc[tapin, "score"].tolist() == [""]
    frame.loc[tapin, "score"] = "88.5"
    at = signed_in("published")
    upload(at, "published", "hasil_2025.csv", frame.to_csv(index=False).encode("utf-8"))
    assert "New: 0 · changed: 1 · removed: 0" in texts(at)
    assert preview(at) == [{"District": "Tapin", "Year": "2025", "Figure": "score", "Change": "changed",
                            "Old": "–", "New": "88.5"}]
    before = _tapin_2025_published()
    publish(at, "Tapin 2025 score published")
    assert _tapin_2025_published() == "88.50" != before
    restore(at, v1.id)
    assert _tapin_2025_published() == before


def test_published_results_row_errors_block(env):
    frame = pd.read_csv(io.BytesIO(RESULTS), dtype=str, keep_default_na=False)
    frame.loc[0, "score"] = "150"
    at = signed_in("published")
    upload(at, "published", "hasil.csv", frame.to_csv(index=False).encode("utf-8"))
    assert "cannot be published" in texts(at) and "file hasil.csv, row 2" in texts(at)
    assert "score 150.0 is outside 0–100" in texts(at)
    assert not [b for b in at.button if b.key == "kelola_publish"]


# -- assessment workbooks (a set) ----------------------------------------------------------------------------
HEADER = ["No", "Kabupaten/Kota", "Aksi 1", "Aksi 2", "Jumlah"]


def rekap(tmp_path, name: str, banjar: int) -> bytes:
    path = write_rekap_rows(tmp_path / name, HEADER, [[1, "Tanah Laut", 80, 80, 160], [2, "Kotabaru", 70, 70, 140],
                                                     [3, "Banjar", banjar, banjar, 2 * banjar]])
    return path.read_bytes()


def _ranking() -> dict[str, tuple[str, str]]:
    """District → (rank, total) as the Aksi page's ranking shows them to a viewer."""
    at = page("pages/aksi.py")
    frame = next(df.value for df in at.dataframe if "Rank change" in df.value.columns)
    return {d: (r, s) for d, r, s in zip(frame["District"], frame["Rank"], frame["Total score"])}


def test_assessment_workbook_added_then_replaced_viewer_sees_it_restore(env, tmp_path):
    at = signed_in("assessment")
    assert "embedded sample workbooks (not official data)" in texts(at)
    upload(at, "assessment", "rekap_2025.xlsx", rekap(tmp_path, "a.xlsx", 60))
    assert "The new set (1 workbooks: rekap_2025.xlsx) gives 3 district results" in texts(at)
    rows = preview(at)
    # the demo set (2024, 13 districts) leaves; the published workbook's 2025 results come
    assert {"District": "Tanah Laut", "Year": "2025", "Figure": "rank", "Change": "new", "Old": "–",
            "New": "1"} in rows
    assert {"District": "Tabalong", "Year": "2024", "Figure": "score", "Change": "removed", "Old": "171.64",
            "New": "–"} in rows
    assert "no column for action 3, 4, 5, 6, 7, 8" in texts(at)  # warnings: confirmed below
    publish(at, "2025 rekap", confirm=True)
    v1 = env.in_force("assessment")
    assert [f.name for f in v1.files] == ["rekap_2025.xlsx"]
    assert _ranking() == {"Tanah Laut": ("1", "160.00"), "Kotabaru": ("2", "140.00"), "Banjar": ("3", "120.00")}

    upload(at, "assessment", "rekap_2025.xlsx", rekap(tmp_path, "b.xlsx", 90))
    assert "This workbook replaces 'rekap_2025.xlsx' in the set." in texts(at)
    assert "New: 0 · changed: 4 · removed: 0" in texts(at)
    assert preview(at) == [
        {"District": "Tanah Laut", "Year": "2025", "Figure": "rank", "Change": "changed", "Old": "1", "New": "2"},
        {"District": "Kotabaru", "Year": "2025", "Figure": "rank", "Change": "changed", "Old": "2", "New": "3"},
        {"District": "Banjar", "Year": "2025", "Figure": "rank", "Change": "changed", "Old": "3", "New": "1"},
        {"District": "Banjar", "Year": "2025", "Figure": "score", "Change": "changed", "Old": "120", "New": "180"},
    ]
    publish(at, "Banjar corrected", confirm=True)
    assert [f.name for f in env.in_force("assessment").files] == ["rekap_2025.xlsx"]
    assert _ranking()["Banjar"] == ("1", "180.00")
    restore(at, v1.id)
    assert _ranking()["Banjar"] == ("3", "120.00")


def test_assessment_second_workbook_is_added_to_the_set(env, tmp_path):
    first = publishing.check_upload("assessment", "rekap_2025.xlsx", rekap(tmp_path, "a.xlsx", 60))
    kinds.publish(env, first, "budi", "first", expected_current=None)
    path = write_rekap_rows(tmp_path / "c.xlsx", HEADER, [[1, "Tapin", 50, 50, 100]])
    second = publishing.check_upload("assessment", "rekap_tapin.xlsx", path.read_bytes())
    assert second.replaces is None and [n for n, _ in second.files] == ["rekap_2025.xlsx", "rekap_tapin.xlsx"]
    assert second.counts == {"new": 2, "changed": 0, "removed": 0}  # Tapin's score and rank 4
    kinds.publish(env, second, "budi", "Tapin added", expected_current=env.in_force("assessment").id)
    assert [f.name for f in env.in_force("assessment").files] == ["rekap_2025.xlsx", "rekap_tapin.xlsx"]


def test_assessment_errors_with_cell_block_publishing(env, tmp_path):
    path = write_rekap_rows(tmp_path / "bad.xlsx", HEADER, [[1, "Tanah Laut", 150, 80, 230]])
    at = signed_in("assessment")
    upload(at, "assessment", "rekap_rusak.xlsx", path.read_bytes())
    assert "cannot be published" in texts(at)
    assert "file rekap_rusak.xlsx, sheet Rekap, cell C6" in texts(at)
    assert not [b for b in at.button if b.key == "kelola_publish"]


# -- boundaries ----------------------------------------------------------------------------------------------
def _boundary_geojson(shrink_code: str | None = None) -> bytes:
    from shapely import affinity

    from kp2s_dashboard import geo

    gdf = geo.load_boundaries(geo.find_boundary_file())
    features = []
    for code, kode, name, geom in zip(gdf["code"], gdf["kode"], gdf["name"], gdf.geometry):
        if code == shrink_code:
            geom = affinity.scale(geom, 0.5, 0.5)
        features.append({"type": "Feature", "properties": {"kode": kode, "nama": name},
                         "geometry": json.loads(gpd_to_json(geom))})
    return json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")


def gpd_to_json(geom) -> str:
    import shapely

    return shapely.to_geojson(geom)


def _map_width(code: str) -> float:
    """Longitude span of ``code``'s shape on the Peta page's map (viewer)."""
    at = page("pages/peta.py")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    # each choropleth trace carries only the shapes it draws (one trace per class)
    feature = next(f for tr in spec["data"] if tr.get("type") == "choropleth"
                   for f in tr["geojson"]["features"] if f["properties"]["code"] == code)

    def lons(c):
        return [c[0]] if isinstance(c[0], (int, float)) else [x for part in c for x in lons(part)]

    xs = lons(feature["geometry"]["coordinates"])
    return max(xs) - min(xs)


def test_boundaries_report_preview_publish_viewer_sees_it_restore(env):
    v1 = env.publish("boundaries", "kabupaten.geojson", _boundary_geojson(), "budi", "baseline")
    before = _map_width("6301")
    at = signed_in("boundaries")
    upload(at, "boundaries", "batas_baru.geojson", _boundary_geojson("6301"))
    assert "File read: 13 districts with a boundary." in texts(at)
    assert "New: 0 · changed: 1 · removed: 0" in texts(at)
    [row] = preview(at)
    assert (row["District"], row["Year"], row["Figure"], row["Change"]) == ("Tanah Laut", "", "area (km²)", "changed")
    old, new = (float(row[k].replace(",", "")) for k in ("Old", "New"))
    assert new == pytest.approx(old / 4, rel=0.01)
    publish(at, "new outline of Tanah Laut")
    assert _map_width("6301") == pytest.approx(before / 2, rel=0.05)
    restore(at, v1.id)
    assert _map_width("6301") == pytest.approx(before, rel=0.01)


def test_boundaries_unreadable_file_is_an_error(env):
    at = signed_in("boundaries")
    upload(at, "boundaries", "batas.geojson", b'{"type": "FeatureCollection", "features": [')
    assert "cannot be published" in texts(at) and "batas.geojson" in texts(at)


# -- prevalence: a wide table whose year columns name no survey ------------------------------------------------
def wide_csv(years=(2021, 2022, 2023)) -> bytes:
    lines = ["Kabupaten/Kota," + ",".join(str(y) for y in years),
             "Tanah Laut,22.0,26.1,41.7", "Kotabaru,31.6,21.8,20.1"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_wide_table_without_source_asks_the_editor_and_flags_a_year_without_a_round(env):
    at = signed_in("prevalence")
    upload(at, "prevalence", "prevalensi_lebar.csv", wide_csv())
    assert "The year columns of this file do not name their source" in texts(at)
    assert not [b for b in at.button if b.key == "kelola_publish"]  # asked, not refused and not publishable
    assert "cannot be published" not in texts(at)
    at.selectbox(key="kelola_ask_source").set_value("ssgi").run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Read as SSGI, indicator stunting (stunted and severely stunted)." in texts(at)
    assert ("file prevalensi_lebar.csv: SSGI had no survey round in 2023 (2 figures); that year's survey: SKI 2023."
            in texts(at))
    publish(at, "SSGI from the Dinkes table", confirm=True)
    v = env.in_force("prevalence")
    assert v.report["options"] == {"source": "ssgi", "indicator": "stunting"}
    assert any("SSGI had no survey round in 2023" in w for w in v.report["warnings"])
    # the loader gets the answer from the version: the Data page reads the file in force with it
    at2 = page("pages/data.py")
    frame = at2.dataframe[0].value
    row = frame[(frame["BPS code"] == "6301") & (frame["Year"] == 2022)]
    assert row["Data source"].tolist() == ["SSGI"] and row["Prevalence (%)"].tolist() == [26.1]
    # viewing the version shows its answer and its report
    at.selectbox(key="kelola_view_which").set_value(v.id).run()
    assert "Editor's answers: indicator=stunting, source=ssgi" in texts(at)


def test_round_check_is_pure_and_knows_ski_2023():
    from kp2s_dashboard.prevalence.survey_rounds import had_round, round_that_year

    assert not had_round("ssgi", 2023) and had_round("ski", 2023) and had_round("ssgi", 2024)
    assert round_that_year(2023) == ["ski"] and round_that_year(2020) == []
    c = publishing.check_prevalence("w.csv", wide_csv(), None, {"source": "ski", "indicator": "stunting"})
    assert [p.params["year"] for p in c.warnings if p.key == "kelola.no_round"] == [2021, 2022]


# -- versions: compare -----------------------------------------------------------------------------------------
def test_compare_two_versions_on_the_page(env):
    original = (paths.DATA_DIR / "prevalence.csv").read_bytes()
    old, new = "6301,Tanah Laut,2024,ssgi,stunting,22.5,", "6301,Tanah Laut,2024,ssgi,stunting,19.5,"
    v1 = env.publish("prevalence", "prevalence.csv", original, "budi", "baseline")
    v2 = env.publish("prevalence", "koreksi.csv", original.decode().replace(old, new, 1).encode(), "budi", "fix")
    diff = publishing.compare(env, v1, v2)
    assert diff[["code", "item", "change", "old", "new"]].values.tolist() == [
        ["6301", "SSGI · stunting", "changed", 22.5, 19.5]]
    at = page("pages/kelola.py")  # open to viewers
    compare = next(df.value for df in at.dataframe if "Change" in df.value.columns)
    assert compare.to_dict("records") == [{"District": "Tanah Laut", "Year": "2024",
                                           "Figure": "SSGI · Stunting (HAZ < −2 SD)", "Change": "changed",
                                           "Old": "22.5", "New": "19.5"}]
    assert "Comment: fix" in texts(at)


def test_figure_changes_new_changed_removed_and_years_absent():
    old = pd.DataFrame({"code": ["6301", "6302", "6303"], "year": [pd.NA] * 3, "item": ["area_km2"] * 3,
                        "value": [10.0, 20.0, 30.0]})
    new = pd.DataFrame({"code": ["6301", "6302", "6304"], "year": [pd.NA] * 3, "item": ["area_km2"] * 3,
                        "value": [10.0, 25.0, 40.0]})
    out = figure_changes(old, new)
    assert out[["code", "change"]].values.tolist() == [["6302", "changed"], ["6303", "removed"], ["6304", "new"]]
    assert out["year"].isna().all()


def test_zipped_boundary_bomb_is_refused_before_reading(tmp_path):
    import zipfile

    bomb = tmp_path / "batas.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("kab.shp", b"\0" * (80 * 1024 * 1024))
    c = publishing.check_upload("boundaries", "batas.zip", bomb.read_bytes())
    assert not c.publishable and c.errors and c.errors[0].key.startswith("err.upload_zip")
    assert "batas.zip" in c.errors[0].render("en")


def test_first_publication_can_be_undone_the_embedded_data_is_kept_as_a_version(env):
    """With nothing published yet the dashboard shows the embedded data/; the first publication stores that
    embedded file as its own version first, so that the editor can restore it (and the history shows it)."""
    assert env.in_force("targets") is None and _target_shown("RPJMN 2025–2029", 2025) == 18.8
    corrected = TARGETS.decode("utf-8").replace("00,2025,18.8,RPJMN 2025–2029", "00,2025,18.5,RPJMN 2025–2029",
                                                1).encode("utf-8")
    at = signed_in("targets")
    upload(at, "targets", "targets_2025.csv", corrected)
    publish(at, "RPJMN 2025 target corrected")
    embedded, published = sorted(env.versions("targets"), key=lambda v: v.id)
    assert (embedded.created_by, embedded.files[0].name, embedded.files[0].sha256) == (
        kinds.EMBEDDED_WHO, "targets.csv", __import__("hashlib").sha256(TARGETS).hexdigest())
    assert embedded.report["embedded"] is True and published.created_by == "budi"
    assert env.in_force("targets").id == published.id and _target_shown("RPJMN 2025–2029", 2025) == 18.5
    restore(at, embedded.id)
    assert env.in_force("targets").restored_from == embedded.id
    assert _target_shown("RPJMN 2025–2029", 2025) == 18.8
    assert kinds.keep_embedded(env, "targets") is None  # only ever before the first version


def test_a_score_on_another_basis_is_a_change_that_names_both_bases():
    """A district's Nilai Akhir of 80 in force and a new file whose total is computed from the weights (also 80,
    or 76): the preview showed "changed 80 → 76" or nothing at all, as if one figure had moved."""
    from kp2s_dashboard.store import publishing
    from kp2s_dashboard.store.kind_checks import _assessment_figures

    def results(basis: str, scores: list[float]) -> dict[str, pd.DataFrame]:
        return {"results": pd.DataFrame({
            "year_assessed": pd.array([2025, 2025], dtype="Int64"), "code": ["6301", "6302"],
            "name": ["Tanah Laut", "Kotabaru"], "score": scores, "basis": [basis, basis],
            "rank": pd.array([1, 2], dtype="Int64")})}

    old = _assessment_figures(results("final", [80.0, 70.0]))
    assert list(old["basis"]) == ["final"] * 4
    same_basis = figure_changes(old, _assessment_figures(results("final", [80.0, 71.0])))
    assert same_basis[["code", "item", "change", "old", "new"]].values.tolist() == [
        ["6302", "score", "changed", 70.0, 71.0]]
    assert "Basis of the value" not in publishing.changes_frame(same_basis, "en").columns
    other = figure_changes(old, _assessment_figures(results("computed", [80.0, 76.0])))
    assert other[["code", "item", "change", "old", "new"]].values.tolist() == [
        ["6301", "rank", "changed", 1.0, 1.0], ["6301", "score", "changed", 80.0, 80.0],
        ["6302", "rank", "changed", 2.0, 2.0], ["6302", "score", "changed", 70.0, 76.0]]
    shown = publishing.changes_frame(other, "en")
    assert set(shown["Basis of the value"]) == {"⚠ not comparable: the final score, Nilai Akhir → Σ score × weight"}
    assert publishing.basis_notes(other, "en") == [
        "A different basis for 4 figures, the old and new numbers are not comparable: old the file's final score "
        "(Nilai Akhir); new total computed from known weights (Σ score × weight)."]
    assert publishing.basis_notes(same_basis, "en") == []
    shown_id = publishing.changes_frame(other, "id")
    assert shown_id["Dasar nilai"].iloc[0] == "⚠ tidak sebanding: Nilai Akhir → Σ skor × bobot"


def test_a_total_of_another_kind_of_file_is_another_basis():
    """The demo per-assessor file (Jumlah = Σ skor × bobot, mean of the assessors: Tanah Laut 234,67) in force
    and the demo summary added (Jumlah = dokumen + paparan, 0–200: 161,15): both basis "total", and the
    preview said "changed 234,67 → 161,15" as if one figure had moved."""
    from pathlib import Path

    from kp2s_dashboard.assessment import load_workbook
    from kp2s_dashboard.store import publishing
    from kp2s_dashboard.store.kind_checks import _assessment_figures, _results_table

    demo = Path(__file__).parents[1] / "data" / "demo"
    assessor = load_workbook(demo / "contoh_penilai_2024.xlsx")
    old, _ = _results_table([assessor])
    new, _ = _results_table([assessor, load_workbook(demo / "contoh_rekap_2024.xlsx")])
    assert set(old["kind"]) == {"assessor"} and set(new["kind"]) == {"rekap"}
    changes = figure_changes(_assessment_figures({"results": old}), _assessment_figures({"results": new}))
    score = changes[(changes["code"] == "6301") & (changes["item"] == "score")].iloc[0]
    assert (round(score["old"], 2), score["new"]) == (234.67, 161.15)
    assert (score["basis_old"], score["basis_new"]) == ("total@assessor", "total@rekap")
    shown = publishing.changes_frame(changes, "id")
    assert set(shown["Dasar nilai"]) == {"⚠ tidak sebanding: Jumlah (per penilai) → Jumlah (rekap)"}
    assert publishing.basis_notes(changes, "id") == [
        "Dasar nilai berbeda pada 26 angka, angka lama dan baru tidak sebanding: lama Jumlah (total) di berkas — "
        "jenis berkas: per penilai; baru Jumlah (total) di berkas — jenis berkas: rekap."]
    # a version stored before the kind was kept (basis "total") against the same basis of a new file: not a change
    legacy = _assessment_figures({"results": new.drop(columns="kind")})
    assert figure_changes(legacy, _assessment_figures({"results": new})).empty
