"""Polygon geometry of boundaries: repair, dissolve, display simplification, neighbours.

:func:`_polygonal` keeps the polygon parts of a (repaired) geometry,
:func:`_dissolve` merges the parts of one region, :func:`simplify_for_display`
lightens geometries for the browser and :func:`neighbours` finds regions
sharing a border.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from kp2s_dashboard.geo.files import WGS84


def _polygonal(geom: BaseGeometry | None) -> BaseGeometry | None:
    """The polygon parts of ``geom`` after ``make_valid`` (None if there are none)."""
    if geom is None or geom.is_empty:
        return None
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    parts = [g for g in shapely.get_parts(geom) if isinstance(g, (Polygon, MultiPolygon))]
    polys = [p for g in parts for p in (g.geoms if isinstance(g, MultiPolygon) else [g])]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def _dissolve(geoms: list[BaseGeometry]) -> BaseGeometry:
    merged = geoms[0] if len(geoms) == 1 else shapely.union_all(geoms)
    return _polygonal(merged) or merged


def simplify_for_display(
    gdf: gpd.GeoDataFrame, tolerance: float = 0.001, grid_size: float | None = 1e-5
) -> gpd.GeoDataFrame:
    """A copy of ``gdf`` with lighter geometries for sending to a browser.

    Args:
        gdf: frame from :func:`load_boundaries` (EPSG:4326; both parameters
            are in the units of its CRS, i.e. degrees).
        tolerance: Douglas-Peucker tolerance; 0.001° ≈ 110 m. Each polygon is
            simplified with ``preserve_topology=True`` (no feature disappears
            or self-intersects), so neighbouring borders are simplified
            independently and may show hairline gaps at large tolerances.
            ``<= 0`` skips simplification.
        grid_size: coordinates are snapped to this grid (1e-5° ≈ 1.1 m) with
            shapely's ``set_precision``, which keeps polygons valid; this is
            where most of the GeoJSON size goes (the district file: 67 KB ->
            37 KB, the desa file: 5.8 MB -> 1.3 MB with the defaults).
            ``None``/``<= 0`` keeps full precision. A feature that would
            vanish on the grid keeps its unsnapped geometry.

    Returns:
        Same columns, order, index and ``attrs`` as ``gdf``.
    """
    out = gdf.copy()
    geoms = np.asarray(out.geometry.values)
    if tolerance > 0:
        geoms = shapely.simplify(geoms, tolerance, preserve_topology=True)
    if grid_size is not None and grid_size > 0:
        snapped = shapely.set_precision(geoms, grid_size)
        geoms = np.where(shapely.is_empty(snapped), geoms, snapped)
    out = out.set_geometry(gpd.GeoSeries(geoms, index=out.index, crs=out.crs))
    out.attrs = dict(gdf.attrs)
    return out


def neighbours(
    gdf: gpd.GeoDataFrame, tolerance_m: float = 100.0, min_shared_m: float = 1000.0
) -> dict[str, list[str]]:
    """Regions sharing a border, keyed by ``gdf["code"]``.

    Boundary datasets rarely meet exactly (slivers and overlaps of tens of
    metres are common), so two regions are neighbours when at least
    ``min_shared_m`` metres of one's boundary lie within ``tolerance_m``
    metres of the other. The length threshold keeps regions that only come
    close at a corner apart (in the district file Hulu Sungai Utara comes
    within 50 m of Barito Kuala and Tapin at a single point). Lengths are
    measured in the UTM zone estimated from the data.

    Args:
        gdf: frame with a ``code`` column and polygon geometries (as returned
            by :func:`load_boundaries`); without a CRS, EPSG:4326 is assumed.

    Returns:
        ``{code: sorted list of neighbouring codes}`` for every code of
        ``gdf`` (an empty list for a region without neighbours, e.g. an
        island). Symmetric. Example, district level: ``"6372"`` (Banjarbaru)
        -> ``["6301", "6303"]`` (Tanah Laut, Banjar).
    """
    frame = gdf if gdf.crs is not None else gdf.set_crs(WGS84)
    projected = frame.to_crs(frame.estimate_utm_crs())
    codes = [str(c) for c in projected["code"]]
    geoms = list(projected.geometry.values)
    buffered = [g.buffer(tolerance_m) for g in geoms]
    tree = shapely.STRtree(buffered)
    result: dict[str, set[str]] = {c: set() for c in codes}
    for i, j in zip(*tree.query(buffered, predicate="intersects")):
        if i >= j:
            continue
        shared = max(
            geoms[i].boundary.intersection(buffered[j]).length,
            geoms[j].boundary.intersection(buffered[i]).length,
        )
        if shared >= min_shared_m:
            result[codes[i]].add(codes[j])
            result[codes[j]].add(codes[i])
    return {c: sorted(n) for c, n in result.items()}
