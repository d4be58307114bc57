"""Plausibility of boundary coordinates: do the features lie in Kalimantan Selatan?

:func:`_check_area` refuses features outside :data:`KALSEL_BOUNDS` (plus
:data:`BOUNDS_MARGIN`) and tells the likely cause: a wild vertex, swapped
x/y, a wrong declared CRS, or UTM metres in a file without a projected CRS.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import shapely

from kp2s_dashboard.errors import BoundaryError, Location

#: Where Kalimantan Selatan lies (lon min, lat min, lon max, lat max, degrees).
#: Rounded outward from the total bounds of the shared district file
#: (cahyadsn/wilayah_boundaries: 114.35–117.46° E, 4.94–1.31° S).
KALSEL_BOUNDS = (114.0, -5.0, 117.5, -1.0)
#: Features may reach this far (degrees, ≈ 110 km) outside ``KALSEL_BOUNDS``
#: before a file is refused as misplaced (wrong CRS, swapped axes, bad vertex).
BOUNDS_MARGIN = 1.0


def _inside(coords: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """Per row ``[x, y]`` of ``coords``: does it lie in ``box`` (NaN does not)?"""
    x, y = coords[:, 0], coords[:, 1]
    return (x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3])


def _share_inside(coords: np.ndarray, box: tuple[float, float, float, float]) -> float:
    """Share (0–1) of the rows ``[x, y]`` of ``coords`` that lie in ``box``."""
    return float(_inside(coords, box).mean()) if len(coords) else 0.0


def _fmt_coord(value: float, lang: str) -> str:
    text = f"{value:.6g}" if math.isfinite(value) else str(value)
    return text.replace(".", ",") if lang == "id" else text


def _check_area(
    placed: gpd.GeoSeries, labels: list[str], source: gpd.GeoSeries, location: Location
) -> None:
    """Raise BoundaryError unless every vertex of ``placed`` (the features
    kept, in EPSG:4326, before any repair of their geometry) lies within
    :data:`BOUNDS_MARGIN` degrees of :data:`KALSEL_BOUNDS`.

    ``labels`` names each feature of ``placed`` for the message; ``source``
    holds the same features as read, in the file's own CRS (``source.crs``),
    to tell the likely cause. The message names the
    bounds found and one of these causes, each its own key:
    ``err.geo_out_of_area_vertex`` (most vertices fit, some lie far away),
    ``err.geo_out_of_area_swapped`` (they fit with x and y exchanged),
    ``err.geo_out_of_area_crs`` (the declared projected CRS is wrong: the
    coordinates as written are already lon/lat degrees of the province),
    ``err.geo_out_of_area_metres`` (projected coordinates in a file that
    declares no CRS or lon/lat, e.g. UTM metres in a GeoJSON),
    ``err.geo_out_of_area`` (anything else)."""
    m = BOUNDS_MARGIN
    box = (KALSEL_BOUNDS[0] - m, KALSEL_BOUNDS[1] - m, KALSEL_BOUNDS[2] + m, KALSEL_BOUNDS[3] + m)
    coords = shapely.get_coordinates(np.asarray(placed.values))
    share = _share_inside(coords, box)
    if share == 1.0:
        return
    params: dict[str, str] = {}
    words = {"id": ("bujur", "lintang"), "en": ("lon", "lat")}
    for name, values in (("bounds", placed.total_bounds), ("expected", KALSEL_BOUNDS)):
        for lang, (lon, lat) in words.items():
            c = [_fmt_coord(float(v), lang) for v in values]
            params[f"{name}_{lang}"] = f"{lon} {c[0]} – {c[2]}, {lat} {c[1]} – {c[3]}"
    if share >= 0.5:
        outside = ~_inside(coords, box)
        bad = coords[np.argmax(outside)]
        feature = "–"
        for value, geom in zip(labels, placed.values):
            part = shapely.get_coordinates(geom)
            if len(part) and ((part == bad).all(axis=1)).any():
                feature = str(value)
                break
        for lang in ("id", "en"):
            sep = "; " if lang == "id" else ", "
            params[f"vertex_{lang}"] = f"({_fmt_coord(float(bad[0]), lang)}{sep}{_fmt_coord(float(bad[1]), lang)})"
        raise BoundaryError(
            "err.geo_out_of_area_vertex", location, feature=feature, n=int(outside.sum()), **params
        )
    if _share_inside(coords[:, ::-1], box) >= 0.5:
        raise BoundaryError("err.geo_out_of_area_swapped", location, **params)
    raw = shapely.get_coordinates(np.asarray(source.values))
    crs = source.crs
    if crs is not None and crs.is_projected and _share_inside(raw, box) >= 0.5:
        raise BoundaryError("err.geo_out_of_area_crs", location, crs=crs.to_string(), **params)
    if (crs is None or not crs.is_projected) and len(raw) and (
        np.mean((np.abs(raw[:, 0]) > 180) | (np.abs(raw[:, 1]) > 90)) >= 0.5
    ):
        raise BoundaryError("err.geo_out_of_area_metres", location, **params)
    raise BoundaryError("err.geo_out_of_area", location, **params)
