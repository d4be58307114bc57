"""The Kecamatan & desa page under the router (AppTest): the drill-down
position from the URL, the breadcrumb, the map drawn for each level, the
district tables, both languages, and no survey figure anywhere.

Runs on the synthetic demo e-PPGBM data (real kecamatan/desa codes) and the
boundary folder of tests/conftest.py; on the synthetic shapes the codes
that only the real files have show as areas without data."""

from __future__ import annotations

import json

import pytest
from apptest import run_page as run
from kp2s_dashboard.web import ui

PAGE = "pages/wilayah.py"


@pytest.fixture
def desa_boundaries(geo_dir):
    """Skips when the boundary folder has no desa file (a folder filled by
    the pinned download, which has no desa level; see geo/README.md)."""
    if not (geo_dir / "kalsel_desa.geojson").is_file():
        pytest.skip(f"no kalsel_desa.geojson in {geo_dir} (the desa level is fetched only on request: `python -m kp2s_dashboard.geo fetch --level desa --accept-unpinned`, see geo/README.md)")


def _maps(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _crumbs(at) -> list[tuple[str, bool]]:
    return [(b.label.replace("  ›", ""), b.disabled) for b in at.button if b.key and b.key.startswith("wil_crumb_")]


def _page_text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_province_level_draws_every_kecamatan(lang, synthetic_boundaries):
    at = run(PAGE, lang=lang)
    assert at.title[0].value == ("Stunting per kecamatan dan desa" if lang == "id" else "Stunting by kecamatan and desa")
    assert _crumbs(at) == [("Provinsi Kalimantan Selatan" if lang == "id" else "Province of Kalimantan Selatan",
                            True)]
    (spec,) = _maps(at)
    area = spec["data"][0]
    assert area["type"] == "choropleth"
    assert len(area["locations"]) == (61 if synthetic_boundaries else 156)
    assert all(len(code) == 6 for code in area["locations"])
    # the demo data is bannered, and nothing from the surveys is shown
    assert ("Data contoh" if lang == "id" else "Sample data") in _page_text(at)
    text = json.dumps(spec) + _page_text(at)
    assert "SSGI" not in json.dumps(spec) and "SKI " not in text


def test_district_from_url_draws_its_kecamatan_and_tables():
    at = run(PAGE, wil_kab="6303")
    assert _crumbs(at) == [("Provinsi Kalimantan Selatan", False), ("Banjar", True)]
    (spec,) = _maps(at)
    locations = spec["data"][0]["locations"]
    assert locations and all(c.startswith("6303") and len(c) == 6 for c in locations)
    # district tables: kecamatan ranked (open first), desa ranked, lokus vs non-lokus (drawn when opened)
    assert len(at.tabs) == 3 and len(at.dataframe) == 1
    kec = at.dataframe[0].value
    if hasattr(kec, "data"):
        kec = kec.data
    assert len(kec) == 20  # Banjar's 20 kecamatan in the demo data
    assert list(kec.columns)[:3] == ["Peringkat", "Kode wilayah", "Nama"]


def test_kecamatan_from_url_draws_its_desa_with_lokus_and_breadcrumb(synthetic_boundaries, desa_boundaries):
    at = run(PAGE, wil_kab="6303", wil_kec="63.03.04", wil_round="2024-08")
    crumbs = _crumbs(at)
    assert [c[0] for c in crumbs][:2] == ["Provinsi Kalimantan Selatan", "Banjar"]
    assert crumbs[2][0].startswith("Kecamatan ") and crumbs[2][1]
    (spec,) = _maps(at)
    area = spec["data"][0]
    assert area["locations"] and all(c.startswith("630304") and len(c) == 10 for c in area["locations"])
    if not synthetic_boundaries:
        names = {t.get("name") for t in spec["data"]}
        assert "Desa lokus 2024" in names  # the demo lokus list of 2024 marks some of these desa
        assert any("Desa lokus" in values[-1] for values in area["customdata"])


def test_breadcrumb_goes_back_to_the_district():
    at = run(PAGE, wil_kab="6303", wil_kec="630305")
    at.button(key="wil_crumb_1").click().run()
    assert not at.exception
    assert at.query_params.get("wil_kab") == "6303" and "wil_kec" not in at.query_params
    assert _crumbs(at)[-1] == ("Banjar", True)
    at.button(key="wil_crumb_0").click().run()
    assert "wil_kab" not in at.query_params
    assert len(_crumbs(at)) == 1


def test_desa_view_of_the_province_and_unknown_url_values(synthetic_boundaries, desa_boundaries):
    at = run(PAGE, wil_unit="desa", wil_kab="bogus", wil_kec="99.99.99")
    (spec,) = _maps(at)
    assert len(spec["data"][0]["locations"]) == (244 if synthetic_boundaries else 2008)
    assert _crumbs(at) == [("Provinsi Kalimantan Selatan", True)]


def test_without_desa_boundaries_the_kecamatan_maps_still_draw(tmp_path, monkeypatch, geo_dir):
    """A boundary folder without the desa file (what the pinned download
    gives): the desa map says the boundaries are missing, naming the folder;
    the kecamatan maps and the tables still show."""
    import shutil

    for name in ("kalsel_kabupaten.geojson", "kalsel_kecamatan.geojson"):
        shutil.copy(geo_dir / name, tmp_path / name)
    monkeypatch.setenv("KP2S_GEO_DIR", str(tmp_path))
    at = run(PAGE, wil_kab="6303", wil_kec="630304")
    errors = "\n".join(e.value for e in at.error)
    assert "Batas wilayah belum tersedia" in errors and str(tmp_path) in errors.replace("\\", "")
    assert not _maps(at) and len(at.tabs) == 3
    at = run(PAGE, wil_kab="6303")
    (spec,) = _maps(at)
    assert spec["data"][0]["locations"][0].startswith("6303")


def test_without_any_boundaries_a_district_list_leads_to_the_tables(tmp_path, monkeypatch):
    """A plain clone offline has no boundary file at all: the page says so and offers the districts as a list,
    so a viewer still reaches a district's kecamatan and desa tables without editing the URL."""
    monkeypatch.setenv("KP2S_GEO_DIR", str(tmp_path))  # an empty folder
    at = run(PAGE)
    assert "Batas wilayah belum tersedia" in "\n".join(e.value for e in at.error) and not _maps(at)
    pick = at.selectbox(key="wil_district_pick")
    assert pick.value == ui.NONE and len(pick.options) == 14 and not at.tabs
    pick.set_value("6303").run()
    assert not at.exception and len(at.tabs) == 3
    assert at.query_params["wil_kab"] == ["6303"] or at.query_params["wil_kab"] == "6303"


def test_without_any_boundaries_no_map_unit_choice(tmp_path, monkeypatch):
    """"Tampilkan di peta" only changes the map: without boundaries it is not offered; with the desa unit
    chosen in the URL (its map missing) it stays, so the viewer can go back to kecamatan."""
    monkeypatch.setenv("KP2S_GEO_DIR", str(tmp_path))  # an empty folder
    at = run(PAGE)
    assert not [r for r in at.radio if r.key and r.key.startswith("wil_unit_")]
    at = run(PAGE, wil_unit="desa")
    units = [r for r in at.radio if r.key and r.key.startswith("wil_unit_")]
    assert len(units) == 1 and units[0].value == "desa"
    units[0].set_value("kecamatan").run()
    assert not at.exception and "wil_unit" not in at.query_params
    assert not [r for r in at.radio if r.key and r.key.startswith("wil_unit_")]
