"""Topological simplification of a boundary coverage for the browser.

A coverage is a set of polygons that tile an area (the kecamatan or the desa
of the province). The polygons are first cleaned into an exact coverage
(shapely's ``coverage_clean``: no overlaps, slivers closed, shared borders
matched vertex for vertex). Simplifying each polygon on its own moves the two copies of
a shared border differently and opens gaps and slivers between neighbours;
:func:`simplify_coverage` uses shapely's ``coverage_simplify`` (GEOS 3.12+),
which simplifies every shared edge once, so neighbours keep one common border.
Coordinates are then snapped to a grid of ``10**-decimals`` degrees and
written with that many decimals (:func:`feature_collection`), which is where
most of the bytes sent to the browser go.

:data:`DETAIL` gives the tolerance and decimals per map view; the figures use
the coarsest detail that still looks exact at that view's zoom (a pixel of a
province-wide map is about 0.004°, of a district map about 0.0015°, of one
kecamatan about 0.0003°).
"""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import shapely

#: View -> (tolerance in degrees for ``coverage_simplify``, decimals kept).
#: ``province``: the whole province on one map (all desa ~ 0.7 MB of GeoJSON);
#: ``district``: one district; ``kecamatan``: the desa of one kecamatan.
DETAIL: dict[str, tuple[float, int]] = {
    "province": (0.005, 3),
    "district": (0.001, 4),
    "kecamatan": (0.0003, 4),
}


#: Gaps between neighbours narrower than this (degrees, ~55 m) are closed
#: when the coverage is cleaned: slivers of the upstream drawing, invisible at
#: every zoom the maps use.
GAP_WIDTH = 0.0005


def clean_coverage(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy of ``gdf`` made an exact coverage with shapely's
    ``coverage_clean`` (GEOS 3.14): overlaps go to the neighbour with the
    longest common border, gaps narrower than :data:`GAP_WIDTH` are closed,
    vertices are matched along shared borders. Same columns, index, CRS and
    ``attrs``. Upstream borders only nearly meet (the real desa overlap by
    2.6 km² in all); without this step ``coverage_simplify`` would treat the
    two copies of such a border as two borders and move them apart. About
    4 s for the 2,008 desa; the app does it once per file."""
    out = gdf.copy()
    geoms = np.asarray(out.geometry.values)
    if len(geoms):
        geoms = shapely.coverage_clean(geoms, gap_width=GAP_WIDTH)
    out = out.set_geometry(gpd.GeoSeries(geoms, index=out.index, crs=out.crs))
    out.attrs = dict(gdf.attrs)
    return out


def simplify_coverage(gdf: gpd.GeoDataFrame, tolerance: float, decimals: int, clean: bool = True) -> gpd.GeoDataFrame:
    """A copy of ``gdf`` with its polygons simplified as one coverage.

    Args:
        gdf: frame from :func:`kp2s_dashboard.geo.load_boundaries` (EPSG:4326,
            one polygon or multipolygon per row).
        tolerance: degrees; shapely's ``coverage_simplify`` (Visvalingam-Whyatt
            on the edges of the coverage, each shared edge simplified once and
            used by both neighbours; the outer border is simplified too).
            ``<= 0`` skips simplification.
        decimals: coordinates are snapped to ``10**-decimals`` degrees with
            ``set_precision`` (a vertex two neighbours share snaps to the same
            point, so shared borders stay shared). A polygon that would vanish
            on the grid keeps its unsnapped simplified shape.

    Returns:
        Same columns, index, CRS and ``attrs`` as ``gdf``; geometry simplified.

        clean: first make the polygons an exact coverage
            (:func:`clean_coverage`); pass ``False`` for a frame that already
            went through it.

    The tests check on the real desa file that the union area stays within
    0.2 % of the original's and that neighbours keep one common border.
    """
    out = gdf.copy()
    geoms = np.asarray(out.geometry.values)
    if tolerance > 0 and len(geoms):
        if clean:
            geoms = np.asarray(clean_coverage(out).geometry.values)
        geoms = shapely.coverage_simplify(geoms, tolerance)
    grid = 10.0 ** -decimals
    snapped = shapely.set_precision(geoms, grid)
    geoms = np.where(shapely.is_empty(snapped), geoms, snapped)
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, decimals))
    out = out.set_geometry(gpd.GeoSeries(geoms, index=out.index, crs=out.crs))
    out.attrs = dict(gdf.attrs)
    return out


def feature_collection(gdf: gpd.GeoDataFrame, key: str = "code") -> dict:
    """GeoJSON FeatureCollection of ``gdf`` for plotly: each feature carries
    only ``id`` (the value of column ``key``, str) and its geometry, nothing
    else, to keep the websocket message small (plotly matches ``locations``
    to ``id`` by default). Coordinates are written as they are in ``gdf``
    (round them first with :func:`simplify_coverage`)."""
    features = [
        {"type": "Feature", "id": str(code), "geometry": json.loads(shapely.to_geojson(geom))}
        for code, geom in zip(gdf[key], gdf.geometry.values)
        if geom is not None and not geom.is_empty
    ]
    return {"type": "FeatureCollection", "features": features}


def outline_paths(gdf: gpd.GeoDataFrame) -> tuple[list[float | None], list[float | None]]:
    """``(lons, lats)`` of every ring of ``gdf``'s polygons, rings separated
    by ``None``, for drawing borders as one plotly line trace (a line trace
    over a choropleth does not catch its clicks the way a filled trace would)."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    for geom in gdf.geometry.values:
        if geom is None or geom.is_empty:
            continue
        for ring in shapely.get_rings(shapely.get_parts(geom)):
            xy = shapely.get_coordinates(ring)
            lons.extend(xy[:, 0].tolist())
            lats.extend(xy[:, 1].tolist())
            lons.append(None)
            lats.append(None)
    return lons, lats
