"""Boundaries: loading, matching, neighbours, display simplification, the
fetch command (against a local HTTP server), licence and attribution.

Reads the boundary folder chosen in tests/conftest.py (``KP2S_GEO_DIR``, a
fetched ``geo/``, ``../shared/geo``, else the synthetic shapes of
tests/fixtures/geo); tests of facts that only the real boundaries have are
marked ``real_boundaries`` and skipped on the synthetic ones. Everything
written goes to ``tmp_path``."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely import affinity

from kp2s_dashboard import geo, i18n, paths
from kp2s_dashboard.i18n import catalogue as strings
from kp2s_dashboard.errors import BoundaryError, FetchError
from kp2s_dashboard.geo import __main__ as cli
from kp2s_dashboard.geo.fetch import parse_sql_rows, path_to_geometry

DISTRICTS = ["6301", "6302", "6303", "6304", "6305", "6306", "6307",
             "6308", "6309", "6310", "6311", "6371", "6372"]
COMMIT = "3c5a7960f4d227a38489094d84252bdbb3f978a5"
PROJECT = Path(__file__).resolve().parent.parent
SYNTHETIC_GEO = PROJECT / "tests" / "fixtures" / "geo"

# Who borders whom in the real district file (and, by construction, in the
# synthetic test shapes): a region sharing at least 1 km of border.
NEIGHBOURS = {
    "6301": ["6303", "6310", "6372"],                                  # Tanah Laut
    "6302": ["6303", "6306", "6307", "6310", "6311"],                  # Kotabaru
    "6303": ["6301", "6302", "6304", "6305", "6306", "6310", "6371", "6372"],  # Banjar
    "6304": ["6303", "6305", "6371"],                                  # Barito Kuala
    "6305": ["6303", "6304", "6306"],                                  # Tapin
    "6306": ["6302", "6303", "6305", "6307", "6308"],                  # Hulu Sungai Selatan
    "6307": ["6302", "6306", "6308", "6311"],                          # Hulu Sungai Tengah
    "6308": ["6306", "6307", "6309", "6311"],                          # Hulu Sungai Utara
    "6309": ["6308", "6311"],                                          # Tabalong
    "6310": ["6301", "6302", "6303"],                                  # Tanah Bumbu
    "6311": ["6302", "6307", "6308", "6309"],                          # Balangan
    "6371": ["6303", "6304"],                                          # Banjarmasin
    "6372": ["6301", "6303"],                                          # Banjarbaru
}
# lon/lat box of the district file: the real one (Kotabaru's islands reach
# 117.46° E) and the synthetic grid (114.4–116.4° E, 1.4–4.1° S)
TOTAL_BOUNDS = {"real": [114.3471, -4.9427, 117.4581, -1.3149], "synthetic": [114.4, -4.1, 116.4, -1.4]}


@pytest.fixture(scope="module")
def which(synthetic_boundaries) -> str:
    """``"synthetic"`` or ``"real"``: the key of the expected values above."""
    return "synthetic" if synthetic_boundaries else "real"


@pytest.fixture(scope="module")
def shared(geo_dir) -> gpd.GeoDataFrame:
    """The shared district file as read by geopandas, untouched."""
    return gpd.read_file(geo_dir / "kalsel_kabupaten.geojson")


@pytest.fixture(scope="module")
def districts(geo_dir) -> gpd.GeoDataFrame:
    return geo.load_boundaries(geo_dir / "kalsel_kabupaten.geojson")


def utm_areas(gdf: gpd.GeoDataFrame, key: str = "code") -> dict[str, float]:
    """Area in km² per ``key`` (UTM 50S, which covers Kalimantan Selatan)."""
    projected = gdf.to_crs(32750)
    return dict(zip(projected[key], projected.area / 1e6))


# -- loading the shared file -----------------------------------------------------------------


def test_default_load_reads_shared_folder(geo_dir):
    gdf = geo.load_boundaries()
    assert Path(gdf.attrs["source_file"]) == geo_dir / "kalsel_kabupaten.geojson"
    assert gdf["code"].tolist() == DISTRICTS
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf.columns) == ["code", "kode", "name", "geometry"]
    assert gdf.index.tolist() == list(range(13))
    assert gdf.attrs["missing"] == [] and gdf.attrs["dropped"] == []


def test_district_columns_and_values(districts):
    row = districts.set_index("code").loc["6372"]
    assert row["kode"] == "63.72" and row["name"] == "Banjarbaru"
    assert districts.set_index("code").loc["6310", "kode"] == "63.10"
    assert districts.set_index("code").loc["6301", "name"] == "Tanah Laut"
    for column in ("code", "kode", "name"):
        assert all(isinstance(v, str) for v in districts[column])
    assert districts.geometry.is_valid.all()


def test_kotabaru_is_one_multipart_feature(districts, shared):
    kotabaru = districts[districts["code"] == "6302"]
    assert len(kotabaru) == 1
    geom = kotabaru.geometry.iloc[0]
    assert geom.geom_type == "MultiPolygon"
    assert len(geom.geoms) > 1
    # same area as the source feature (km², UTM 50S)
    assert utm_areas(districts)["6302"] == pytest.approx(utm_areas(shared, "kode")["63.02"], rel=1e-9)


@pytest.mark.real_boundaries("Kotabaru's real area")
def test_kotabaru_area(districts):
    assert utm_areas(districts)["6302"] == pytest.approx(9346.8, abs=1.0)  # km², UTM 50S


def test_parts_of_one_district_are_dissolved(tmp_path, shared):
    exploded = shared.explode(index_parts=False).reset_index(drop=True)
    assert (exploded["kode"] == "63.02").sum() > 1
    path = tmp_path / "parts.geojson"
    exploded.to_file(path, driver="GeoJSON")
    gdf = geo.load_boundaries(path)
    assert gdf["code"].tolist() == DISTRICTS
    assert utm_areas(gdf)["6302"] == pytest.approx(utm_areas(shared, "kode")["63.02"], rel=1e-6)


def test_geopackage_in_utm_is_reprojected(tmp_path, shared, districts, which):
    path = tmp_path / "batas.gpkg"
    shared.to_crs(32750).to_file(path, layer="kabupaten", driver="GPKG")
    shared.to_crs(32750).iloc[:2].to_file(path, layer="kecamatan_sample", driver="GPKG")
    gdf = geo.load_boundaries(path)
    assert gdf.crs.to_epsg() == 4326
    assert gdf["code"].tolist() == DISTRICTS
    for code, area in utm_areas(districts).items():
        assert utm_areas(gdf)[code] == pytest.approx(area, rel=1e-6)
    # coordinates came back as lon/lat degrees
    assert gdf.total_bounds == pytest.approx(TOTAL_BOUNDS[which], abs=1e-4)


def test_zipped_shapefile_in_subfolder(tmp_path, shared, districts):
    folder = tmp_path / "shp" / "batas_kab"
    folder.mkdir(parents=True)
    shared.to_crs(32750).to_file(folder / "kab_kalsel.shp")
    archive = tmp_path / "batas.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for member in folder.iterdir():
            zf.write(member, f"batas_kab/{member.name}")
    gdf = geo.load_boundaries(archive)
    assert gdf["code"].tolist() == DISTRICTS
    assert gdf.crs.to_epsg() == 4326
    for code, area in utm_areas(districts).items():
        assert utm_areas(gdf)[code] == pytest.approx(area, rel=1e-6)


def test_shapefile_without_crs(tmp_path, shared):
    lonlat = shared.set_crs(None, allow_override=True)
    with pytest.warns(UserWarning, match="crs"):
        lonlat.to_file(tmp_path / "lonlat.shp")
    gdf = geo.load_boundaries(tmp_path / "lonlat.shp")
    assert gdf.crs.to_epsg() == 4326 and len(gdf) == 13

    metres = shared.to_crs(32750).set_crs(None, allow_override=True)
    with pytest.warns(UserWarning, match="crs"):
        metres.to_file(tmp_path / "metres.shp")
    with pytest.raises(BoundaryError) as info:
        geo.load_boundaries(tmp_path / "metres.shp")
    assert info.value.key == "err.geo_no_crs"


# -- other property names --------------------------------------------------------------------


def test_adm2_pcode_national_style_file(tmp_path, shared):
    """HDX-style properties; another province's feature and the province
    outline are left out, not reported."""
    frame = shared[["geometry"]].copy()
    frame["ADM2_PCODE"] = ["ID" + k.replace(".", "") for k in shared["kode"]]
    frame["ADM2_EN"] = ["Somewhere"] * 13  # names wrong on purpose: the code wins
    frame["ADM1_PCODE"] = "ID63"
    outline = gpd.GeoDataFrame(
        {"ADM2_PCODE": [None], "ADM2_EN": ["Kalimantan Selatan"], "ADM1_PCODE": ["ID63"]},
        geometry=[shapely.union_all(shared.geometry.values)], crs=shared.crs,
    )
    other = gpd.GeoDataFrame(
        {"ADM2_PCODE": ["ID6201"], "ADM2_EN": ["Kotawaringin Barat"], "ADM1_PCODE": ["ID62"]},
        geometry=[affinity.translate(shared.geometry.iloc[0], xoff=-3)], crs=shared.crs,
    )
    path = tmp_path / "idn_adm2.geojson"
    gpd.GeoDataFrame(
        gpd.pd.concat([frame, outline, other], ignore_index=True), crs=shared.crs
    ).to_file(path, driver="GeoJSON")
    gdf = geo.load_boundaries(path)
    assert gdf["code"].tolist() == DISTRICTS
    assert len(gdf.attrs["dropped"]) == 2
    assert any("Kotawaringin" in d for d in gdf.attrs["dropped"])


def test_names_only_upper_case(tmp_path, shared):
    names = {
        "63.01": "KAB. TANAH LAUT", "63.02": "KAB. KOTA BARU", "63.03": "KAB. BANJAR",
        "63.04": "KAB. BARITO KUALA", "63.05": "KAB. TAPIN", "63.06": "KAB. HULU SUNGAI SELATAN",
        "63.07": "KAB. HULU SUNGAI TENGAH", "63.08": "KAB. HULU SUNGAI UTARA", "63.09": "KAB. TABALONG",
        "63.10": "KAB. TANAH BUMBU", "63.11": "KAB. BALANGAN", "63.71": "KOTA BANJARMASIN",
        "63.72": "KOTA BANJAR BARU",
    }
    frame = gpd.GeoDataFrame({"WADMKK": [names[k] for k in shared["kode"]]}, geometry=shared.geometry)
    path = tmp_path / "rbi.geojson"
    frame.to_file(path, driver="GeoJSON")
    gdf = geo.load_boundaries(path)
    assert dict(zip(gdf["code"], gdf["name"]))["6372"] == "Banjarbaru"
    assert dict(zip(gdf["code"], gdf["name"]))["6302"] == "Kotabaru"
    assert gdf["code"].tolist() == DISTRICTS


def test_unmatched_name_is_named_in_error(tmp_path, shared):
    frame = shared.copy()
    frame = frame.drop(columns=["kode"])
    frame.loc[frame["nama"] == "Kabupaten Banjar", "nama"] = "Kabupaten Banjarr Raya"
    path = tmp_path / "typo.geojson"
    frame.to_file(path, driver="GeoJSON")
    with pytest.raises(BoundaryError) as info:
        geo.load_boundaries(path)
    err = info.value
    assert err.key == "err.geo_unmatched"
    assert "Kabupaten Banjarr Raya" in str(err)
    assert "Banjar" in err.params["values"].split("(", 1)[1]  # closest name suggested
    assert err.params["n"] == 1
    assert "typo.geojson" in str(err)
    assert "tidak cocok" in err.render("id")


def test_no_key_property(tmp_path, shared):
    path = tmp_path / "bare.geojson"
    gpd.GeoDataFrame({"luas": range(13)}, geometry=shared.geometry).to_file(path, driver="GeoJSON")
    with pytest.raises(BoundaryError) as info:
        geo.load_boundaries(path)
    assert info.value.key == "err.geo_no_key"
    assert "luas" in str(info.value)


# -- misplaced coordinates, conflicting properties ------------------------------------------


def _geojson(geo_dir: Path, path: Path, crs: str | None = None, transform=None) -> Path:
    """The shared district file written to ``path``, with a ``crs`` member
    naming ``crs`` and each coordinate pair passed through ``transform``."""
    data = json.loads((geo_dir / "kalsel_kabupaten.geojson").read_text())
    data.pop("crs", None)
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}

    def walk(c):
        return transform(c) if isinstance(c[0], (int, float)) else [walk(x) for x in c]

    if transform is not None:
        for feature in data["features"]:
            feature["geometry"]["coordinates"] = walk(feature["geometry"]["coordinates"])
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("epsg", ["32750", "3857"])
def test_lonlat_labelled_projected_is_refused(tmp_path, geo_dir, epsg):
    """Reprojecting lon/lat as UTM 50S lands near the South Pole, as
    Web Mercator near (0, 0); both must stop the load, naming the CRS."""
    path = _geojson(geo_dir, tmp_path / "labelled.geojson", f"urn:ogc:def:crs:EPSG::{epsg}")
    with pytest.raises(BoundaryError) as info:
        geo.load_boundaries(path)
    err = info.value
    assert err.key == "err.geo_out_of_area_crs"
    assert err.params["crs"] == f"EPSG:{epsg}"
    assert err.location.file == str(path)
    text = str(err)
    assert "labelled.geojson" in text and "not in Kalimantan Selatan" in text
    assert "lon 114 – 117.5, lat -5 – -1" in text  # the expected area
    lat_max = -85.5 if epsg == "32750" else 0.0
    found = err.params["bounds_en"]
    assert float(found.split("lat ")[1].split(" – ")[1]) == pytest.approx(lat_max, abs=0.1)


def test_utm_metres_in_geojson_without_crs_is_refused(tmp_path, shared):
    """GeoJSON has no place for a CRS other than lon/lat, so UTM metres
    written there used to be kept as degrees."""
    path = tmp_path / "utm.geojson"
    shared.to_crs(32750).to_file(path, driver="GeoJSON")
    data = json.loads(path.read_text())
    data.pop("crs")
    path.write_text(json.dumps(data))
    with pytest.raises(BoundaryError) as info:
        geo.load_boundaries(path)
    assert info.value.key == "err.geo_out_of_area_metres"
    assert "EPSG:32750" in str(info.value) and "utm.geojson" in str(info.value)


SWAPPED_BOUNDS = {
    "real": ("lon -4.94274 – -1.31491, lat 114.347 – 117.458", "bujur -4,94274 – -1,31491, lintang 114,347 – 117,458"),
    "synthetic": ("lon -4.1 – -1.4, lat 114.4 – 116.4", "bujur -4,1 – -1,4, lintang 114,4 – 116,4"),
}


def test_swapped_lat_lon_is_refused(tmp_path, geo_dir, which):
    path = _geojson(geo_dir, tmp_path / "swapped.geojson", transform=lambda c: [c[1], c[0]])
    with pytest.raises(BoundaryError) as info:
        geo.load_boundaries(path)
    err = info.value
    assert err.key == "err.geo_out_of_area_swapped"
    assert (err.params["bounds_en"], err.params["bounds_id"]) == SWAPPED_BOUNDS[which]
    assert "tertukar" in err.render("id")


def test_one_wild_vertex_is_refused(tmp_path, geo_dir):
    seen = []

    def spoil(c):  # the second vertex of the file (Tanah Laut; not the ring's end) goes to 1e300
        seen.append(c)
        return [1e300, c[1]] if len(seen) == 2 else c

    path = _geojson(geo_dir, tmp_path / "wild.geojson", transform=spoil)
    with pytest.raises(BoundaryError) as info:
        geo.load_boundaries(path)
    err = info.value
    assert err.key == "err.geo_out_of_area_vertex"
    assert err.params["feature"] == "Tanah Laut"
    assert err.params["vertex_en"] == f"(1e+300, {seen[1][1]:.6g})"
    assert err.params["vertex_id"] == f"(1e+300; {seen[1][1]:.6g})".replace(".", ",")
    assert err.params["n"] == 1
    assert "1e+300" in err.params["bounds_en"]


def test_kecamatan_far_away_is_refused(tmp_path, geo_dir):
    """The check runs at every level; a plain shift (no recognisable cause)
    gets the general message."""
    kec = gpd.read_file(geo_dir / "kalsel_kecamatan.geojson")
    kec = kec.set_geometry(kec.geometry.translate(xoff=-10.0))
    path = tmp_path / "kec_shifted.geojson"
    kec.to_file(path, driver="GeoJSON")
    with pytest.raises(BoundaryError) as info:
        geo.load_boundaries(path, level="kecamatan")
    assert info.value.key == "err.geo_out_of_area"
    assert info.value.params["bounds_en"].startswith("lon 104.")


def test_features_near_the_border_are_accepted(tmp_path, shared):
    """Within a degree of the province's box is fine (e.g. a coarse file)."""
    frame = shared.copy()
    frame = frame.set_geometry(frame.geometry.translate(xoff=0.5, yoff=-0.5))
    path = tmp_path / "offset.geojson"
    frame.to_file(path, driver="GeoJSON")
    assert geo.load_boundaries(path)["code"].tolist() == DISTRICTS


def test_code_and_name_disagree(tmp_path, shared):
    frame = shared.copy()
    frame.loc[frame["kode"] == "63.03", "nama"] = "Banjarmasin"  # kode says Banjar
    path = tmp_path / "conflict.geojson"
    frame.to_file(path, driver="GeoJSON")
    with pytest.raises(BoundaryError) as info:
        geo.load_boundaries(path)
    err = info.value
    assert err.key == "err.geo_code_name_conflict"
    assert err.params["n"] == 1
    assert err.params["values"] == "#3 'Banjarmasin': kode '63.03' = Banjar, nama 'Banjarmasin' = Banjarmasin"
    assert "conflict.geojson" in str(err)


def test_float_code_gets_registry_message(tmp_path, shared):
    frame = gpd.GeoDataFrame({"kode": [63.1]}, geometry=[shared.geometry.iloc[9]], crs=shared.crs)
    path = tmp_path / "float.geojson"
    frame.to_file(path, driver="GeoJSON")
    with pytest.raises(BoundaryError) as info:
        geo.load_boundaries(path)
    err = info.value
    assert err.key == "err.region_float_code"
    assert err.params["value"] == "63.1"
    assert (err.location.file, err.location.column) == (str(path), "kode")
    # a name that settles it still wins over the ambiguous number
    frame["nama"] = ["Tanah Bumbu"]
    frame.to_file(path, driver="GeoJSON")
    assert geo.load_boundaries(path)["code"].tolist() == ["6310"]


def test_province_typo_is_reported_not_dropped(tmp_path, shared):
    frame = shared[["nama", "geometry"]].copy()
    frame["provinsi"] = "Kalimantan Selatan"
    frame.loc[frame["nama"] == "Kabupaten Tapin", "provinsi"] = "Kalimantan Selatn"
    path = tmp_path / "prov.geojson"
    frame.to_file(path, driver="GeoJSON")
    with pytest.raises(BoundaryError) as info:
        geo.load_boundaries(path)
    err = info.value
    assert err.key == "err.geo_province_typo"
    assert err.params == {"values": "'Kalimantan Selatn'", "suggestion": "Kalimantan Selatan"}
    assert err.location.column == "provinsi"
    # a real neighbouring province is still left out quietly
    frame.loc[frame["nama"] == "Kabupaten Tapin", "provinsi"] = "Kalimantan Tengah"
    frame.to_file(path, driver="GeoJSON")
    gdf = geo.load_boundaries(path)
    assert "6305" not in gdf["code"].tolist() and len(gdf) == 12
    assert gdf.attrs["dropped"] == ["Kabupaten Tapin (other province)"]


# -- finding the file ------------------------------------------------------------------------


def test_missing_folder_and_status(tmp_path, monkeypatch):
    monkeypatch.setenv("KP2S_GEO_DIR", str(tmp_path))
    assert geo.boundary_status() is None
    with pytest.raises(BoundaryError) as info:
        geo.load_boundaries()
    assert info.value.key == "err.geo_missing"
    assert str(tmp_path) in str(info.value)


def test_file_choice_respects_level(tmp_path, monkeypatch, geo_dir):
    shutil.copy(geo_dir / "kalsel_kecamatan.geojson", tmp_path / "kalsel_kecamatan.geojson")
    monkeypatch.setenv("KP2S_GEO_DIR", str(tmp_path))
    assert geo.boundary_status("kabupaten") is None
    assert geo.boundary_status("kecamatan") == tmp_path / "kalsel_kecamatan.geojson"
    shutil.copy(geo_dir / "kalsel_kabupaten.geojson", tmp_path / "my_map.geojson")
    assert geo.boundary_status("kabupaten") == tmp_path / "my_map.geojson"
    assert len(geo.load_boundaries()) == 13


def test_shared_status_and_unknown_level(geo_dir):
    assert geo.boundary_status() == geo_dir / "kalsel_kabupaten.geojson"
    assert geo.boundary_status("kecamatan") == geo_dir / "kalsel_kecamatan.geojson"
    # ../shared/geo has a desa file; the fetch (geo/) and the synthetic shapes have none
    desa = geo_dir / "kalsel_desa.geojson"
    assert geo.boundary_status("desa") == (desa if desa.is_file() else None)
    with pytest.raises(BoundaryError) as info:
        geo.load_boundaries(level="provinsi")
    assert info.value.key == "geo.err_level"


def test_kecamatan_level(geo_dir):
    kec = geo.load_boundaries(level="kecamatan")
    assert list(kec.columns) == ["code", "kode", "name", "parent", "geometry"]
    first = kec.iloc[0]
    assert (first["kode"], first["code"], first["parent"]) == ("63.01.01", "630101", "6301")
    assert sorted(set(kec["parent"])) == DISTRICTS
    assert all(k.startswith(p[:2] + "." + p[2:] + ".") for k, p in zip(kec["kode"], kec["parent"]))


@pytest.mark.real_boundaries("the 156 real kecamatan and their names")
def test_kecamatan_count_and_names():
    kec = geo.load_boundaries(level="kecamatan")
    assert len(kec) == 156
    assert kec.iloc[0]["name"] == "Takisung"


def test_kecamatan_sum_to_districts(districts):
    """The two upstream layers are drawn separately: the kecamatan of a
    district cover its area within 0.5 %, except Banjarmasin (3.1 % less)."""
    kec = geo.load_boundaries(level="kecamatan")
    by_parent = kec.to_crs(32750).assign(a=lambda f: f.area / 1e6).groupby("parent")["a"].sum()
    for code, area in utm_areas(districts).items():
        assert by_parent[code] == pytest.approx(area, rel=0.035 if code == "6371" else 0.005)


# -- neighbours and display ------------------------------------------------------------------


def test_neighbours(districts):
    """The whole graph, on the real file and on the synthetic shapes (built
    to have the same one), so that tests of neighbour views mean the same
    on both."""
    nb = geo.neighbours(districts)
    assert nb == NEIGHBOURS
    assert nb["6372"] == ["6301", "6303"]  # Banjarbaru: Tanah Laut, Banjar
    assert nb["6371"] == ["6303", "6304"]  # Banjarmasin: Banjar, Barito Kuala
    for code, others in nb.items():
        for other in others:
            assert code in nb[other]
    # Hulu Sungai Utara comes within 50 m of Barito Kuala at one point only (real file)
    assert "6304" not in nb["6308"]


def test_regions_touching_at_a_corner_only_are_not_neighbours():
    """Two squares meeting at one point: no border of 1 km or more."""
    squares = gpd.GeoDataFrame(
        {"code": ["a", "b", "c"]},
        geometry=[shapely.box(115.0, -3.0, 115.1, -2.9), shapely.box(115.1, -3.1, 115.2, -3.0),
                  shapely.box(115.1, -3.0, 115.2, -2.9)],
        crs="EPSG:4326",
    )
    assert geo.neighbours(squares) == {"a": ["c"], "b": ["c"], "c": ["a", "b"]}


def test_simplify_for_display(districts):
    light = geo.simplify_for_display(districts)
    assert light["code"].tolist() == DISTRICTS
    assert light.geometry.is_valid.all()
    before, after = utm_areas(districts), utm_areas(light)
    for code in DISTRICTS:
        assert after[code] == pytest.approx(before[code], rel=0.01)
    # the input frame is untouched
    assert districts.geometry.iloc[0].equals(geo.load_boundaries().geometry.iloc[0])


@pytest.mark.real_boundaries("the real borders' detail; the synthetic rectangles have nothing to simplify")
def test_simplify_for_display_makes_the_real_file_lighter(districts):
    light = geo.simplify_for_display(districts)
    assert len(light.to_json()) < 0.7 * len(districts.to_json())


# -- licence and attribution -----------------------------------------------------------------


def test_licence_and_attribution(tmp_path):
    text = geo.licence_text("en")
    assert "MIT License" in text and "Copyright (c) 2024 Cahya DSN" in text
    assert geo.licence_text("id").startswith("Data batas wilayah dari cahyadsn/wilayah_boundaries")
    assert geo.attribution("id") == (
        "Batas wilayah: cahyadsn/wilayah_boundaries (commit 3c5a796), lisensi MIT, Copyright (c) 2024 Cahya DSN"
    )
    # a file of the fetch's name is credited upstream only with the licence beside it
    fetched = tmp_path / "kalsel_kabupaten.geojson"
    fetched.write_text("{}")
    assert geo.attribution("en", fetched) == "Boundaries: user-supplied file kalsel_kabupaten.geojson"
    shutil.copy(PROJECT / "geo" / "LICENSE-wilayah_boundaries", tmp_path / "LICENSE-wilayah_boundaries")
    assert geo.attribution("en", fetched).startswith("Boundaries: cahyadsn/")
    assert geo.attribution("en", "/somewhere/batas.gpkg") == "Boundaries: user-supplied file batas.gpkg"
    # the synthetic test shapes are never credited to the upstream source
    assert geo.attribution("en", SYNTHETIC_GEO / "kalsel_kabupaten.geojson").endswith("file kalsel_kabupaten.geojson")


def test_source_toml_matches_shared_raw(upstream_raw):
    src = geo.load_source()
    assert src.commit == COMMIT
    assert {f.level for f in src.files} == {"kabupaten", "kecamatan", "desa"}
    assert src.default_levels == ("kabupaten", "kecamatan")
    for file in src.files_for():
        raw = upstream_raw / Path(file.path).name
        assert hashlib.sha256(raw.read_bytes()).hexdigest() == file.sha256
        assert file.output == geo.DEFAULT_FILES[file.level]
    assert src.url(src.files[0]) == (
        "https://raw.githubusercontent.com/cahyadsn/wilayah_boundaries/"
        f"{COMMIT}/db/kab/wilayah_boundaries_kab_63.sql"
    )
    assert (PROJECT / "geo" / src.licence_file).read_text() == (upstream_raw.parent / src.licence_file).read_text()


def test_geo_strings_in_both_languages():
    keys = [k for k in strings.CATALOGUE if k.startswith(("geo.", "err.geo_", "err.fetch_"))]
    assert len(keys) > 20
    for key in keys:
        assert strings.CATALOGUE[key].get("id") and strings.CATALOGUE[key].get("en"), key
    assert i18n.t("geo.fetch_written", "id", path="x", n=13) == "Ditulis x (13 fitur)."


# -- SQL parsing -------------------------------------------------------------------------------


def test_parse_sql_rows_formats():
    text = (
        "/* header */\nINSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES\n"
        "\t('63.01','Kab ''Quote''',-3.5,114.5,'[[[-3,114],[-3,115],[-4,115],[-3,114]]]'),\n"
        "\t('63.02','Back\\'slash',NULL,1e2,'[]');\n"
    )
    rows = parse_sql_rows(text)
    assert rows[0] == {"kode": "63.01", "nama": "Kab 'Quote'", "lat": -3.5, "lng": 114.5,
                       "path": "[[[-3,114],[-3,115],[-4,115],[-3,114]]]"}
    assert rows[1]["nama"] == "Back'slash" and rows[1]["lat"] is None and rows[1]["lng"] == 100.0


def test_parse_sql_errors_give_line():
    with pytest.raises(FetchError) as info:
        parse_sql_rows("INSERT INTO t(a,b) VALUES\n('x','y'),\n('z');", "bad.sql")
    assert info.value.key == "err.fetch_parse"
    assert info.value.location.row == 3 and info.value.location.file == "bad.sql"
    with pytest.raises(FetchError):
        parse_sql_rows("-- nothing here")


def test_path_points_are_lat_lng():
    polygon = path_to_geometry("[[[-3,114],[-3,115],[-4,115],[-3,114]]]")
    assert polygon.geom_type == "Polygon"
    assert polygon.bounds == (114.0, -4.0, 115.0, -3.0)
    multi = path_to_geometry("[[[[-3,114],[-3,115],[-4,115]]],[[[-1,116],[-1,117],[-2,117],[-1,116]]]]")
    assert multi.geom_type == "MultiPolygon" and len(multi.geoms) == 2
    bowtie = path_to_geometry("[[[0,0],[1,1],[1,0],[0,1],[0,0]]]")  # self-intersecting ring
    assert bowtie.is_valid and bowtie.area == pytest.approx(0.5)


# -- the fetch command against a local server ---------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@pytest.fixture
def no_proxy(monkeypatch):
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def _upstream_tree(root: Path, raw: Path, tamper: bool = False) -> None:
    for level in ("kab", "kec"):
        folder = root / COMMIT / "db" / level
        folder.mkdir(parents=True)
        data = (raw / f"wilayah_boundaries_{level}_63.sql").read_bytes()
        if tamper and level == "kab":
            data = data.replace(b"Kabupaten Tanah Laut", b"Kabupaten Tanah Lama")
        (folder / f"wilayah_boundaries_{level}_63.sql").write_bytes(data)


@pytest.fixture
def serve(no_proxy):
    servers = []

    def start(root: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def refused_url(no_proxy):
    """A port that is bound but not listening: connections are refused."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


def test_fetch_success_matches_shared_files(tmp_path, serve, upstream_raw, capsys):
    root = tmp_path / "upstream"
    _upstream_tree(root, upstream_raw)
    url = serve(root)
    dest = tmp_path / "out"
    code = cli.main(["--lang", "en", "fetch", "--base-url", url, "--dest", str(dest)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert out.err == ""
    assert "Wrote" in out.out and "(13 features)" in out.out and "(156 features)" in out.out
    assert sorted(p.name for p in dest.iterdir()) == [
        "LICENSE-wilayah_boundaries", "kalsel_kabupaten.geojson", "kalsel_kecamatan.geojson",
    ]
    for level in ("kabupaten", "kecamatan"):
        ours = gpd.read_file(dest / f"kalsel_{level}.geojson")
        theirs = gpd.read_file(upstream_raw.parent / f"kalsel_{level}.geojson")
        assert ours.crs.to_epsg() == 4326
        assert ours["kode"].tolist() == theirs["kode"].tolist()
        assert ours["nama"].tolist() == theirs["nama"].tolist()
        a, b = utm_areas(ours, "kode"), utm_areas(theirs, "kode")
        for kode in b:
            assert a[kode] == pytest.approx(b[kode], rel=1e-6)
    # the fetched folder works as a boundary folder, with the upstream credit
    loaded = geo.load_boundaries(dest)
    assert loaded["code"].tolist() == DISTRICTS
    assert geo.attribution("en", dest / "kalsel_kabupaten.geojson").startswith("Boundaries: cahyadsn/")
    # GeoJSON is written lon/lat: first point of Tanah Laut
    first = json.loads((dest / "kalsel_kabupaten.geojson").read_text())["features"][0]
    assert first["properties"]["kode"] == "63.01"
    assert first["geometry"]["coordinates"][0][0][0] == [114.61652188637605, -4.061638220927113]


def test_fetch_wrong_checksum(tmp_path, serve, upstream_raw, capsys):
    root = tmp_path / "upstream"
    _upstream_tree(root, upstream_raw, tamper=True)
    url = serve(root)
    dest = tmp_path / "out"
    code = cli.main(["fetch", "--base-url", url, "--dest", str(dest), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_CHECKSUM == 4
    assert "checksum of db/kab/wilayah_boundaries_kab_63.sql does not match" in err
    assert "d78816667c30266904b4c0a54e3971785c0631e19270d2a94d641152ff8a50c7" in err
    assert "Traceback" not in err
    assert not dest.exists() or not any(dest.iterdir())  # nothing half-written


def test_fetch_http_404(tmp_path, serve, capsys):
    (tmp_path / "empty").mkdir()
    url = serve(tmp_path / "empty")
    code = cli.main(["fetch", "--base-url", url, "--dest", str(tmp_path / "out"), "--lang", "id"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_NETWORK == 3
    assert "gagal (HTTP 404" in err


def test_fetch_connection_refused(tmp_path, refused_url, capsys):
    code = cli.main(["fetch", "--base-url", refused_url, "--dest", str(tmp_path / "out"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_NETWORK
    assert err.startswith(f"download from {refused_url}/{COMMIT}/db/kab/wilayah_boundaries_kab_63.sql failed")
    assert "refused" in err.lower()
    assert not (tmp_path / "out").exists()


def test_fetch_if_missing_does_nothing_when_present(tmp_path, refused_url, capsys):
    dest = tmp_path / "out"
    dest.mkdir()
    for name in geo.load_source().outputs():
        (dest / name).write_text("placeholder")
    code = cli.main(["fetch", "--if-missing", "--base-url", refused_url, "--dest", str(dest), "--lang", "en"])
    assert code == 0
    assert "nothing downloaded" in capsys.readouterr().out
    assert (dest / "kalsel_kabupaten.geojson").read_text() == "placeholder"
    # without --if-missing the same call tries the network and fails
    assert cli.main(["fetch", "--base-url", refused_url, "--dest", str(dest)]) == cli.EXIT_NETWORK


def test_fetch_as_module_prints_no_traceback(tmp_path, refused_url):
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    proc = subprocess.run(
        [sys.executable, "-m", "kp2s_dashboard.geo", "fetch", "--base-url", refused_url,
         "--dest", str(tmp_path / "out"), "--lang", "id"],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=False,
    )
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"unduhan dari {refused_url}/")


def test_fetch_default_destination_is_project_geo():
    args = cli._parser().parse_args(["fetch"])
    assert args.dest is None and not args.if_missing
    assert paths.project_geo_dir() == PROJECT / "geo"


def test_check_command(geo_dir, capsys):
    code = cli.main(["check", str(geo_dir / "kalsel_kabupaten.geojson"), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("13 kabupaten regions from ")
    assert "63.72" in out and "Banjarbaru" in out


# -- the synthetic test shapes ------------------------------------------------------------------


def test_synthetic_shapes_are_what_the_script_writes():
    """tests/fixtures/geo holds exactly the output of its generator: grid
    rectangles, nothing taken from a real boundary file, each file tiny."""
    sys.path.insert(0, str(SYNTHETIC_GEO))
    try:
        import make_synthetic
    finally:
        sys.path.remove(str(SYNTHETIC_GEO))
    files = make_synthetic.build()
    assert sorted(files) == ["kalsel_desa.geojson", "kalsel_kabupaten.geojson", "kalsel_kecamatan.geojson"]
    for name, text in files.items():
        assert (SYNTHETIC_GEO / name).read_text(encoding="utf-8") == text, f"run {make_synthetic.__file__}"
        assert len(text.encode()) < (150_000 if name == "kalsel_desa.geojson" else 20_000)
    synthetic = geo.load_boundaries(SYNTHETIC_GEO / "kalsel_kabupaten.geojson")
    assert synthetic["code"].tolist() == DISTRICTS and synthetic.attrs["missing"] == []
    assert geo.neighbours(synthetic) == NEIGHBOURS
    assert synthetic.set_index("code").geometry["6302"].geom_type == "MultiPolygon"  # Kotabaru's island
    kec = geo.load_boundaries(SYNTHETIC_GEO / "kalsel_kecamatan.geojson", level="kecamatan")
    assert sorted(set(kec["parent"])) == DISTRICTS
    desa = geo.load_boundaries(SYNTHETIC_GEO / "kalsel_desa.geojson", level="desa")
    assert len(desa) == 4 * len(kec)  # four per kecamatan (Kotabaru's island too)
    assert set(desa["code"].str[:6]) == set(kec["code"])


def test_app_never_reads_the_synthetic_shapes(monkeypatch):
    """Without KP2S_GEO_DIR the app reads the project's geo/ only; the
    test shapes are chosen by tests/conftest.py alone."""
    monkeypatch.delenv("KP2S_GEO_DIR")
    assert paths.geo_dir() == PROJECT / "geo"
    status = geo.boundary_status()
    assert status is None or status.parent == PROJECT / "geo"
