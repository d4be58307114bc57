"""The only place with Streamlit caches: loaders wrapped at the loader boundary.

Each public function asks :mod:`kp2s_dashboard.datastore` for the current
file and calls a cached loader keyed by small values (path and file stamp),
never by DataFrames. A changed file has a new stamp, so it is re-read on the
next run without a restart; an unchanged one is read once per process.
Errors are returned, not cached: a broken file is re-checked on every run
until it is fixed.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kp2s_dashboard import datastore, geo, paths
from kp2s_dashboard.errors import BoundaryError
from kp2s_dashboard.figures import to_geojson
from kp2s_dashboard.prevalence import PrevalenceLoad, load_prevalence
from kp2s_dashboard.targets import load_targets


@st.cache_data(show_spinner=False)
def _prevalence(path: str, stamp: tuple[int, int]) -> PrevalenceLoad:
    return load_prevalence(path)


@st.cache_data(show_spinner=False)
def _targets(path: str, stamp: tuple[int, int]) -> pd.DataFrame:
    return load_targets(path)


def prevalence() -> PrevalenceLoad:
    """The prevalence data in force (see :mod:`kp2s_dashboard.prevalence`).

    Raises:
        DataError: the file in force is invalid.
    """
    f = datastore.current("prevalence")
    return _prevalence(str(f.path), f.stamp)


def targets() -> pd.DataFrame:
    """The targets table in force (see :mod:`kp2s_dashboard.targets`)."""
    f = datastore.current("targets")
    return _targets(str(f.path), f.stamp)


@st.cache_data(show_spinner=False)
def _boundaries(path: str, stamp: tuple[int, int]) -> tuple[dict, pd.DataFrame]:
    gdf = geo.load_boundaries(path)
    shown = geo.simplify_for_display(gdf)
    points = gdf.geometry.representative_point()
    labels = pd.DataFrame({"code": gdf["code"].astype(str), "lon": points.x, "lat": points.y})
    return to_geojson(shown), labels


def boundaries() -> tuple[dict, pd.DataFrame] | BoundaryError:
    """Display GeoJSON (properties ``code``) and label points
    (``code, lon, lat``) of the 13 districts, or the :class:`BoundaryError`
    explaining why there are none (no file, unreadable, unmatched)."""
    try:
        path = geo.find_boundary_file()
        if path is None:
            raise BoundaryError("err.geo_missing", folder=str(paths.geo_dir()))
        stat = path.stat()
        return _boundaries(str(path), (stat.st_mtime_ns, stat.st_size))
    except BoundaryError as exc:
        return exc
