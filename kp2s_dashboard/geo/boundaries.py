"""Loading administrative boundaries and joining them to the region registry.

Accepted inputs: GeoJSON (``.geojson``/``.json``), GeoPackage (``.gpkg``),
a Shapefile (``.shp``) or a zipped Shapefile / GeoPackage / GeoJSON (``.zip``,
members may sit in a sub-folder). Everything is returned in EPSG:4326
(longitude/latitude degrees), one row per region, keyed by code.

How features are matched (district level):

1. If the file has a province column (``ADM1_PCODE``, ``KDPPUM``, ``WADMPR``,
   ``provinsi`` …), features of other provinces are dropped first, so a
   national ADM2 file works.
2. Each feature is matched by its code property (``kode`` ``63.01``,
   ``KDPKAB``, ``ADM2_PCODE`` ``ID6301``, ``bps_code`` ``6301`` …) and, when
   that gives no district, by its name property (``nama``, ``WADMKK``,
   ``NAMOBJ``, ``ADM2_EN``, ``name`` …) through
   :func:`kp2s_dashboard.regions.to_code`; names that differ only in spacing
   (``Banjar Baru``, ``Hulu Sungai Selatan``) are accepted too.
3. Features that are not districts are dropped, not reported as errors: the
   province or national outline (code ``63``/``00`` or the name
   ``Kalimantan Selatan``), and features whose well-formed code belongs to
   another province (``64.01``, ``ID6401``). They are listed in
   ``gdf.attrs["dropped"]``.
4. Anything else that matches no district raises ``err.geo_unmatched``
   naming every such feature with the closest known names. A code and a
   name that point to different districts (``kode 63.03``, ``nama
   Banjarmasin``) raise ``err.geo_code_name_conflict``; a code stored as a
   number that lost its trailing zero (``63.1``) raises
   ``err.region_float_code``; a province cell that looks like a misspelling
   of Kalimantan Selatan (``Kalimantan Selatn``) raises
   ``err.geo_province_typo`` instead of being left out as another province.
5. The features kept must lie within :data:`~kp2s_dashboard.geo.area.BOUNDS_MARGIN` degrees of
   :data:`~kp2s_dashboard.geo.area.KALSEL_BOUNDS` after reprojection; otherwise ``err.geo_out_of_area*``
   names the bounds found and the likely cause (declared CRS wrong, UTM
   metres without CRS, swapped axes, a wild vertex).
6. Several features of one district (islands, split parts) are dissolved
   into one (multi-)polygon.

Districts absent from the file are not an error (the map shows them as
without boundary); their codes are in ``gdf.attrs["missing"]``.

This module holds :func:`load_boundaries`, which runs these steps; the parts
live beside it: :mod:`~kp2s_dashboard.geo.files` (locating, reading,
reprojecting), :mod:`~kp2s_dashboard.geo.matching` (steps 1–4),
:mod:`~kp2s_dashboard.geo.area` (step 5) and :mod:`~kp2s_dashboard.geo.shapes`
(step 6, display simplification, neighbours).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from kp2s_dashboard import paths, regions
from kp2s_dashboard.errors import BoundaryError, Location
from kp2s_dashboard.geo.area import _check_area
from kp2s_dashboard.geo.files import WGS84, _check_level, _read, _to_wgs84, find_boundary_file
from kp2s_dashboard.geo.matching import _MAX_LISTED, _match_districts, _match_sub
from kp2s_dashboard.geo.shapes import _dissolve, _polygonal


def load_boundaries(path: str | Path | None = None, level: str = "kabupaten") -> gpd.GeoDataFrame:
    """Read a boundary file and join it to the region registry.

    Args:
        path: a GeoJSON, GeoPackage, Shapefile or zipped Shapefile, or a folder
            to search; ``None`` searches :func:`kp2s_dashboard.paths.geo_dir`
            (``KP2S_GEO_DIR``, default the project's ``geo/``) as described in
            :func:`find_boundary_file`.
        level: ``"kabupaten"`` (the 13 kabupaten/kota), ``"kecamatan"`` or
            ``"desa"``. The sub-district levels need a Kemendagri code property
            (``kode`` ``63.01.01`` / ``63.01.01.2001``, or the same digits
            without dots).

    Returns:
        GeoDataFrame in EPSG:4326, one row per region, ordered by code,
        RangeIndex. District level columns:

        ======== ======== ===================================================
        code     str      BPS code ``"6301"`` (the key of every table)
        kode     str      Kemendagri code ``"63.01"``
        name     str      registry short name ``"Tanah Laut"``
        geometry geometry Polygon or MultiPolygon (parts of one district
                          dissolved into one feature, e.g. Kotabaru)
        ======== ======== ===================================================

        Kecamatan/desa level: ``code`` (the Kemendagri code without dots,
        ``"630101"`` – *not* the 7-digit BPS kecamatan code), ``kode``
        (``"63.01.01"``), ``name`` (as in the file), ``parent`` (BPS code of
        the enclosing district, ``"6301"``), ``geometry``.

        ``attrs``: ``source_file`` (str), ``dropped`` (list of str: outlines and
        other provinces' features that were left out), ``missing`` (district
        level: codes of registry districts absent from the file).

    Raises:
        BoundaryError: ``err.geo_missing`` (no file found), ``geo.err_not_found``
            (``path`` does not exist), ``err.geo_unreadable``, ``geo.err_empty``
            (no polygon features), ``err.geo_no_crs``, ``err.geo_no_key``,
            ``err.geo_unmatched`` / ``geo.err_unmatched_sub`` (naming every
            unmatched feature and the closest known names), ``geo.err_level``,
            ``err.geo_code_name_conflict``, ``err.region_float_code``,
            ``err.geo_province_typo``, and ``err.geo_out_of_area`` /
            ``_vertex`` / ``_swapped`` / ``_crs`` / ``_metres`` (features not
            in or near Kalimantan Selatan, see
            :func:`kp2s_dashboard.geo.area._check_area`).
    """
    _check_level(level)
    path = _resolve_file(path, level)
    location = Location(file=str(path))
    raw, source = _read_polygons(path, level, location)

    reg = regions.registry()
    if level == "kabupaten":
        keys, dropped = _match_districts(raw, location)
        labels = [reg.short_name(c) if c is not None else "" for c in keys]
    else:
        keys, names, dropped = _match_sub(raw, level, location)
        labels = [f"{k} {n}" for k, n in zip(keys, names)]
    used = [k is not None for k in keys]
    if any(used):
        # before make_valid, which can swallow a wild vertex along with its polygon
        _check_area(raw.geometry[used], [lb for lb, u in zip(labels, used) if u], source[used], location)
    groups, first_label = _group_polygons(keys, labels, raw.geometry.values, dropped)
    frame = _region_frame(level, groups, first_label)
    if frame.empty:
        raise BoundaryError(
            "geo.err_nothing_matched", location, level=level, dropped="; ".join(dropped[:_MAX_LISTED]) or "–"
        )
    frame.attrs["source_file"] = str(path)
    frame.attrs["dropped"] = dropped
    return frame


def _resolve_file(path: str | Path | None, level: str) -> Path:
    """The file to read: ``path`` itself, or the one found for ``level`` in
    the folder ``path`` (``None``: :func:`kp2s_dashboard.paths.geo_dir`).

    Raises BoundaryError ``err.geo_missing`` (no file in the folder) or
    ``geo.err_not_found`` (``path`` does not exist)."""
    if path is None or Path(path).is_dir():
        folder = Path(path) if path is not None else paths.geo_dir()
        found = find_boundary_file(folder, level)
        if found is None:
            raise BoundaryError("err.geo_missing", Location(file=str(folder)), folder=str(folder))
        path = found
    path = Path(path)
    location = Location(file=str(path))
    if not path.is_file():
        raise BoundaryError("geo.err_not_found", location)
    return path


def _read_polygons(path: Path, level: str, location: Location) -> tuple[gpd.GeoDataFrame, gpd.GeoSeries]:
    """(features in EPSG:4326, their geometries as written in the file's CRS),
    both limited to non-empty polygon-typed features, with a RangeIndex.

    Raises BoundaryError ``geo.err_empty`` (no polygon features) and the
    errors of :func:`kp2s_dashboard.geo.files._read` / ``_to_wgs84``."""
    raw = _read(path, level)
    if len(raw) == 0 or raw.geometry.isna().all():
        raise BoundaryError("geo.err_empty", location)
    source = raw.geometry.copy()  # as written, for telling why coordinates are misplaced
    raw = _to_wgs84(raw, location)
    polygon_typed = (
        raw.geometry.geom_type.isin(("Polygon", "MultiPolygon", "GeometryCollection")).to_numpy()
        & ~raw.geometry.is_empty.to_numpy()
    )
    if not polygon_typed.any():
        raise BoundaryError("geo.err_empty", location)
    raw = raw.loc[polygon_typed].reset_index(drop=True)
    source = source.loc[polygon_typed].reset_index(drop=True)
    return raw, source


def _group_polygons(
    keys: list[str | None], labels: list[str], geoms: Iterable[BaseGeometry], dropped: list[str]
) -> tuple[dict[str, list[BaseGeometry]], dict[str, str]]:
    """(repaired polygons per key, label of each key's first feature).

    Features without a key are skipped; a feature that collapses to nothing
    when repaired (zero area, lines only) is appended to ``dropped``
    as ``"<label> (no area)"``."""
    groups: dict[str, list[BaseGeometry]] = {}
    first_label: dict[str, str] = {}
    for key, label, geom in zip(keys, labels, geoms):
        if key is None:
            continue
        polygon = _polygonal(geom)
        if polygon is None:  # collapses to nothing when repaired (zero area, lines only)
            dropped.append(f"{label} (no area)")
            continue
        groups.setdefault(key, []).append(polygon)
        first_label.setdefault(key, label)
    return groups, first_label


def _region_frame(
    level: str, groups: dict[str, list[BaseGeometry]], first_label: dict[str, str]
) -> gpd.GeoDataFrame:
    """One row per key of ``groups`` (its polygons dissolved), ordered by key,
    with the columns :func:`load_boundaries` documents for ``level``; at
    district level ``attrs["missing"]`` lists the registry districts absent."""
    reg = regions.registry()
    ordered = sorted(groups)
    if level == "kabupaten":
        frame = gpd.GeoDataFrame(
            {
                "code": ordered,
                "kode": [reg.get(c).kode for c in ordered],
                "name": [reg.short_name(c) for c in ordered],
            },
            geometry=[_dissolve(groups[c]) for c in ordered],
            crs=WGS84,
        )
        frame.attrs["missing"] = [c for c in reg.district_codes() if c not in groups]
    else:
        frame = gpd.GeoDataFrame(
            {
                "code": [k.replace(".", "") for k in ordered],
                "kode": ordered,
                "name": [first_label[k][len(k) + 1:] for k in ordered],
                "parent": [k[:5].replace(".", "") for k in ordered],
            },
            geometry=[_dissolve(groups[k]) for k in ordered],
            crs=WGS84,
        )
    return frame
