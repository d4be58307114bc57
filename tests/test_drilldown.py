"""Drill-down maps below the district: coverage simplification of the
kecamatan/desa boundaries, the position in the URL and its breadcrumb, the
rows a map draws and the figure itself (hatching, lokus, hover text).

The boundary tests read the folder chosen in tests/conftest.py (real
boundaries, or the synthetic shapes of tests/fixtures/geo); facts only the
real files have are marked ``real_boundaries``."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from kp2s_dashboard import geo
from kp2s_dashboard.figures import drilldown
from kp2s_dashboard.geo import coverage
from kp2s_dashboard.geo import drill as dr
from kp2s_dashboard.geo.drill import Drill, parse_drill
from kp2s_dashboard.subdistrict import mapview

UTM = 32750
SYNTHETIC_GEO = Path(__file__).resolve().parent / "fixtures" / "geo"


def _utm_area(geoms) -> float:
    return float(gpd.GeoSeries(list(geoms), crs="EPSG:4326").to_crs(UTM).area.sum())


# -- coverage simplification -------------------------------------------------------------------


@pytest.fixture(scope="module")
def desa(geo_dir):
    path = geo_dir / "kalsel_desa.geojson"
    if not path.is_file():
        pytest.skip(f"no kalsel_desa.geojson in {geo_dir} (the desa level is fetched only on request: `python -m kp2s_dashboard.geo fetch --level desa --accept-unpinned`, see geo/README.md)")
    return geo.load_boundaries(path, level="desa")


@pytest.fixture(scope="module")
def cleaned(desa):
    return coverage.clean_coverage(desa)


@pytest.mark.parametrize("view", list(coverage.DETAIL))
def test_simplified_desa_have_no_gaps_and_no_overlaps(desa, cleaned, view):
    """Simplified with each view's tolerance, the desa still cover what
    they covered (union area within 0.2 %) and do not overlap more than the
    original does: no gaps or slivers opened between neighbours."""
    tol, dec = coverage.DETAIL[view]
    shown = coverage.simplify_coverage(cleaned, tol, dec, clean=False)
    assert list(shown["code"]) == list(desa["code"]) and shown.crs == desa.crs
    assert shown.geometry.is_valid.all() and not shown.geometry.is_empty.any()
    before = _utm_area([shapely.union_all(desa.geometry.values)])
    after = _utm_area([shapely.union_all(shown.geometry.values)])
    assert after == pytest.approx(before, rel=0.002)
    overlap_before = _utm_area(desa.geometry.values) / before
    overlap_after = _utm_area(shown.geometry.values) / after
    assert overlap_after <= overlap_before + 0.001


def test_shared_borders_stay_shared(desa, cleaned):
    """Every pair of desa sharing a border keeps one common border after
    simplification (no gap opens along it, no overlap across it), while the
    vertices were really thinned."""
    shown = coverage.simplify_coverage(cleaned, *coverage.DETAIL["province"], clean=False)
    geoms = np.asarray(desa.geometry.values)
    simple = np.asarray(shown.geometry.values)
    tree = shapely.STRtree(geoms)
    pairs = [(i, j) for i, j in zip(*tree.query(geoms, predicate="touches")) if i < j]
    checked = 0
    for i, j in pairs[:400]:
        shared = shapely.intersection(geoms[i].boundary, geoms[j].boundary)
        if shared.length < 0.01:  # corner contacts and hairline touches
            continue
        common = shapely.intersection(simple[i].boundary, simple[j].boundary)
        # the common border is one line, in both simplified shapes (cleaning
        # can lengthen it where the upstream borders only nearly met) ...
        assert common.length >= 0.5 * shared.length, (desa["code"][i], desa["code"][j])
        # ... and neither shape crosses it (at most a few m² from the grid)
        assert shapely.intersection(simple[i], simple[j]).area < 1e-8
        checked += 1
    assert checked >= 20
    assert shapely.get_num_coordinates(simple).sum() < shapely.get_num_coordinates(geoms).sum()


def test_synthetic_desa_tile_their_kecamatan_exactly():
    """On the synthetic shapes (an exact coverage with zig-zag borders) the
    simplified desa are still an exact coverage and their union is the
    kecamatan grid cell, area for area."""
    desa = geo.load_boundaries(SYNTHETIC_GEO / "kalsel_desa.geojson", level="desa")
    kec = geo.load_boundaries(SYNTHETIC_GEO / "kalsel_kecamatan.geojson", level="kecamatan")
    shown = coverage.simplify_coverage(desa, *coverage.DETAIL["province"])
    assert shapely.coverage_is_valid(np.asarray(shown.geometry.values))
    # the zig-zags (teeth of 0.001°) are flattened at the province tolerance (0.005°)
    assert shapely.get_num_coordinates(np.asarray(shown.geometry.values)).sum() < \
        0.5 * shapely.get_num_coordinates(np.asarray(desa.geometry.values)).sum()
    by_kec = shown.assign(kec=shown["code"].str[:6]).dissolve("kec")
    for code, cell in zip(kec["code"], kec.geometry):
        assert by_kec.geometry[code].symmetric_difference(cell).area < 1e-9


def test_feature_collection_is_small_and_keyed_by_id():
    shapes = gpd.GeoDataFrame({"code": ["630101", "630102"], "name": ["A", "B"]},
                              geometry=[box(115.0, -3.0, 115.1, -2.9), box(115.1, -3.0, 115.2, -2.9)],
                              crs="EPSG:4326")
    shown = coverage.simplify_coverage(shapes, 0.001, 3)
    fc = coverage.feature_collection(shown)
    assert [f["id"] for f in fc["features"]] == ["630101", "630102"]
    assert set(fc["features"][0]) == {"type", "id", "geometry"}
    text = json.dumps(fc, separators=(",", ":"))
    assert "115.1," in text and "115.10000000000001" not in text


@pytest.mark.real_boundaries("the size of the real desa file once simplified")
def test_province_desa_geojson_fits_the_budget(desa, cleaned):
    """The whole province's desa at the province view: under 750 KB of
    GeoJSON, so the map message stays under 1 MB with its hover texts."""
    shown = coverage.simplify_coverage(cleaned, *coverage.DETAIL["province"], clean=False)
    assert len(json.dumps(coverage.feature_collection(shown), separators=(",", ":"))) < 750_000
    assert len(desa) == 2008


# -- position in the drill-down ------------------------------------------------------------------


def test_parse_drill_from_url_values():
    assert parse_drill(None, None) == Drill()
    assert parse_drill("6303", None) == Drill("6303")
    assert parse_drill("banjar", "63.03.05").level == "kecamatan"
    assert parse_drill("63.03", "630305", "6303052001", "desa") == Drill("6303", "630305", "6303052001", "desa")
    # a kecamatan alone gives its district
    assert parse_drill(None, "63.03.05") == Drill("6303", "630305")
    # a kecamatan of another district than wil_kab is dropped
    assert parse_drill("6301", "630305") == Drill("6301")
    # unknown district, malformed codes, unknown unit: fall back upwards
    assert parse_drill("9999", None) == Drill()
    assert parse_drill("6303", "63.03") == Drill("6303")
    assert parse_drill("6303", "630305", "6301012001") == Drill("6303", "630305")
    assert parse_drill(None, None, None, "bogus").unit == "kecamatan"
    # with the known codes, an unknown kecamatan is dropped
    assert parse_drill("6303", "630399", known={"630305"}) == Drill("6303")
    assert parse_drill("6303", "630305", known={"630305"}) == Drill("6303", "630305")


def test_drill_down_by_clicks_and_params():
    top = Drill()
    assert top.level == "province" and top.shown == "kecamatan" and top.within is None
    # a kecamatan or a desa clicked on the province map opens its district
    assert top.down("630305") == Drill("6303")
    assert Drill(unit="desa").down("6303052001") == Drill("6303", unit="desa")
    district = Drill("6303")
    assert district.down("630305") == Drill("6303", "630305")
    assert district.down("630105") == district  # outside the district: nothing happens
    kec = Drill("6303", "630305")
    assert kec.shown == "desa" and kec.within == "630305"
    assert kec.down("6303052001") == Drill("6303", "630305", "6303052001")
    assert kec.down("630305") == kec
    assert kec.params() == {"wil_kab": "6303", "wil_kec": "630305", "wil_desa": None, "wil_unit": None}
    assert Drill(unit="desa").params()["wil_unit"] == "desa"
    assert parse_drill(**kec.down("6303052001").params()) == Drill("6303", "630305", "6303052001")


def test_breadcrumb_steps_and_targets():
    names = {"630305": "Martapura"}
    crumbs = dr.breadcrumb(Drill("6303", "630305", "6303052001"), names, "id")
    assert [c.label for c in crumbs] == ["Provinsi Kalimantan Selatan", "Banjar", "Kecamatan Martapura"]
    assert [c.current for c in crumbs] == [False, False, True]
    assert crumbs[0].target == Drill() and crumbs[1].target == Drill("6303")
    en = dr.breadcrumb(Drill("6303"), {}, "en")
    assert [c.label for c in en] == ["Province of Kalimantan Selatan", "Banjar"] and en[1].current
    # a kecamatan without a known name shows its dotted code
    assert dr.breadcrumb(Drill("6303", "630399"), {}, "id")[-1].label == "Kecamatan 63.03.99"
    # the unit survives going back up
    assert dr.breadcrumb(Drill("6303", "630305", unit="desa"), names)[1].target == Drill("6303", unit="desa")


# -- rows of the map ---------------------------------------------------------------------------


def _areas(rows: list[tuple]) -> pd.DataFrame:
    """A tidy sub-district table of the loader's shape (rates by the loader's
    own ``with_rates``, minimum 30 children) from
    (level, kode, name, period, measured, stunted)."""
    from kp2s_dashboard.subdistrict.loader import with_rates

    frame = pd.DataFrame(rows, columns=["level", "kode_wilayah", "name", "period", "measured", "stunted"])
    frame["year"] = frame["period"].str[:4].astype(int)
    frame["district_code"] = frame["kode_wilayah"].str[:5]
    frame["kecamatan_code"] = frame["kode_wilayah"].str[:8]
    frame["registered"] = pd.array([m + 10 for m in frame["measured"]], dtype="Int64")
    frame["origin"] = ""
    return with_rates(frame, 30)


AREAS = _areas([
    ("kecamatan", "63.03.05", "Martapura", "2024-08", 400, 100),
    ("kecamatan", "63.03.06", "Astambul", "2024-08", 300, 30),
    ("kecamatan", "63.01.01", "Takisung", "2024-08", 200, 70),
    ("desa", "63.03.05.2001", "Desa <b>A</b>", "2024-08", 120, 30),
    ("desa", "63.03.05.2002", "Desa B", "2024-08", 12, 6),
    ("desa", "63.03.05.2001", "Desa <b>A</b>", "2023-08", 110, 44),
    ("desa", "63.03.05.2002", "Desa B", "2023-08", 50, 10),
])


def test_rounds_and_map_rows():
    available = mapview.rounds(AREAS)
    assert available == [(2024, "2024-08"), (2023, "2023-08")]
    assert mapview.parse_round("2023-08", available) == (2023, "2023-08")
    assert mapview.parse_round("2023", available) == (2023, "2023-08")
    assert mapview.parse_round("nonsense", available) == (2024, "2024-08")
    assert mapview.parse_round(None, []) is None
    kec = mapview.map_rows(AREAS, "kecamatan", "2024-08", "6303")
    assert kec["name"].tolist() == ["Martapura", "Astambul"]
    assert kec["prevalence"].tolist() == [25.0, 10.0]
    assert len(mapview.map_rows(AREAS, "kecamatan", "2024-08", None)) == 3
    desa = mapview.map_rows(AREAS, "desa", "2023-08", "630305")
    assert desa["stunted"].tolist() == [44, 10]
    assert mapview.map_rows(AREAS, "desa", "2023-08", "630306").empty


def test_map_rows_make_missing_kecamatan_from_their_desa():
    """A round without kecamatan rows: the map's kecamatan figure is the sum
    of its desa, the same figure the district tables show
    (``views.level_rows``)."""
    kec = mapview.map_rows(AREAS, "kecamatan", "2023-08", "6303")
    assert kec["kode_wilayah"].tolist() == ["63.03.05"]
    assert (kec["measured"].iloc[0], kec["stunted"].iloc[0]) == (160, 54)
    assert kec["prevalence"].iloc[0] == pytest.approx(100 * 54 / 160)


def test_lokus_marks_take_each_districts_list_in_force():
    lokus = pd.DataFrame({"district_code": ["63.03", "63.03", "63.01", "63.03"],
                          "year": [2023, 2024, 2023, 2025],
                          "kode_wilayah": ["63.03.05.2001", "63.03.05.2002", "63.01.01.2003", "63.03.05.2004"],
                          "name": ["A", "B", "C", "D"]})
    codes, year = mapview.lokus_marks(lokus, 2024)
    # Banjar's 2024 list, Tanah Laut's 2023 list still in force
    assert codes == {"6303052002", "6301012003"} and year == 2024
    assert mapview.lokus_marks(lokus, 2022) == (frozenset(), None)
    assert mapview.lokus_marks(None, 2024) == (frozenset(), None)


def _shapes(codes: list[str]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"code": codes, "name": [f"Batas {c}" for c in codes]},
                            geometry=[box(115 + 0.1 * i, -3.0, 115.1 + 0.1 * i, -2.9) for i in range(len(codes))],
                            crs="EPSG:4326")


def test_map_table_classes_small_n_and_missing():
    shapes = _shapes(["6303052001", "6303052002", "6303052003"])
    rows = drilldown.map_table(mapview.map_rows(AREAS, "desa", "2024-08", "630305"), shapes)
    assert rows["code"].tolist() == ["6303052001", "6303052002", "6303052003"]
    assert rows["klass"].tolist() == ["high", "small_n", "no_data"]  # 25 %, 6 of 12 measured, no row
    assert rows["name"].tolist() == ["Desa <b>A</b>", "Desa B", "Batas 6303052003"]


def _hover(template: str, code: str, data) -> str:
    """The hover text plotly shows for one area: the template filled in."""
    text = template.replace("%{location}", code).replace("<extra></extra>", "")
    for i, value in enumerate(data):
        text = text.replace("%{customdata[" + str(i) + "]}", str(value))
    return text


def test_drill_map_figure_hover_hatching_and_lokus():
    shapes = _shapes(["6303052001", "6303052002", "6303052003"])
    rows = drilldown.map_table(mapview.map_rows(AREAS, "desa", "2024-08", "630305"), shapes)
    geojson = coverage.feature_collection(shapes)
    fig = drilldown.drill_map(rows, shapes, geojson, "desa", "e-PPGBM 2024-08", "id",
                              lokus={"6303052001"}, lokus_label="Desa lokus 2024", selected="6303052002",
                              labels=True)
    area = fig.data[0]
    assert area.type == "choropleth" and list(area.locations) == rows["code"].tolist()
    z = dict(zip(area.locations, area.z))
    assert drilldown.MAP_CLASSES[z["6303052002"]] == "small_n"
    assert drilldown.MAP_CLASSES[z["6303052001"]] == "high"
    hover = {code: _hover(area.hovertemplate, code, data) for code, data in zip(area.locations, area.customdata)}
    # a name from a file is text, never markup
    assert "Desa &lt;b&gt;A&lt;/b&gt;" in hover["6303052001"] and "<b>A</b>" not in hover["6303052001"]
    assert "Prevalensi 25,0% (IK 95%: 18,1%–33,4%)" in hover["6303052001"]
    assert "30 anak stunting dari 120 anak diukur" in hover["6303052001"]
    assert "Desa/kelurahan 6303052001" in hover["6303052001"] and "Desa lokus" in hover["6303052001"]
    assert "Hanya 12 anak diukur" in hover["6303052002"]
    assert "Tidak ada data" in hover["6303052003"]
    names = {tr.name for tr in fig.data}
    assert {"Terlalu sedikit anak diukur (diarsir)", "Desa lokus 2024"} <= names
    hatch = next(tr for tr in fig.data if tr.name == "Terlalu sedikit anak diukur (diarsir)")
    # the hatching lies inside the small-denominator desa only (115.1–115.2° E)
    lons = [x for x in hatch.lon if x is not None]
    assert lons and min(lons) >= 115.1 - 1e-6 and max(lons) <= 115.2 + 1e-6
    lokus = next(tr for tr in fig.data if tr.name == "Desa lokus 2024")
    assert {x for x in lokus.lon if x is not None} == {115.0, 115.1}
    # few areas: names are drawn, with the count of a small denominator
    labels = next(tr for tr in fig.data if tr.type == "scattergeo" and tr.mode == "text")
    assert "Desa B<br>n=12" in labels.text
    # the survey series never appear on these maps
    text = fig.to_json()
    assert "SSGI" not in text and "SKI" not in text


def test_drill_map_leaves_out_a_name_that_would_cover_a_larger_areas():
    """A desa with two slivers beside it whose names would fall on each other and on its name, and one desa far
    off. Only names that fit are drawn, the largest area's first; every area keeps its hover box."""
    codes = ["6303052001", "6303052002", "6303052003", "6303052004"]
    shapes = gpd.GeoDataFrame({"code": codes, "name": ["Batas A", "Batas B", "Batas C", "Batas D"]},
                              geometry=[box(115.27, -2.87, 115.3, -2.83), box(115.3, -2.86, 115.302, -2.84),
                                        box(115.302, -2.86, 115.304, -2.84), box(115.0, -3.1, 115.05, -3.05)],
                              crs="EPSG:4326")
    rows = drilldown.map_table(mapview.map_rows(AREAS, "desa", "2024-08", "630305"), shapes)
    fig = drilldown.drill_map(rows, shapes, coverage.feature_collection(shapes), "desa", "e-PPGBM 2024-08", "en",
                              labels=True)
    text = next(tr for tr in fig.data if tr.type == "scattergeo" and tr.mode == "text")
    # about 1,960 px per degree: B's and C's names (16 and 19 px right of A's centre) would lie on A's 78 px name
    assert list(text.text) == ["Desa &lt;b&gt;A&lt;/b&gt;", "Batas D"]
    assert list(fig.data[0].locations) == codes
    apart = _shapes(codes[:3])
    rows = drilldown.map_table(mapview.map_rows(AREAS, "desa", "2024-08", "630305"), apart)
    fig = drilldown.drill_map(rows, apart, coverage.feature_collection(apart), "desa", "e-PPGBM 2024-08", "en",
                              labels=True)
    text = next(tr for tr in fig.data if tr.type == "scattergeo" and tr.mode == "text")
    assert list(text.text) == ["Desa &lt;b&gt;A&lt;/b&gt;", "Desa B<br>n=12", "Batas 6303052003"]
