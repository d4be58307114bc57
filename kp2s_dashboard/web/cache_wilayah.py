"""Caches of the Kecamatan & desa page (issue 12), at the loader boundary:
the e-PPGBM wilayah export and the desa lokus list in force (kinds
``eppgbm_wilayah``, ``lokus_desa``) and the kecamatan/desa boundaries
simplified for the browser, each kept per file version (path and stamp).
Split from :mod:`kp2s_dashboard.web.cache`, whose district-level caches it
shares (the district boundary file in force).
"""

from __future__ import annotations

import streamlit as st

from kp2s_dashboard import geo, paths
from kp2s_dashboard.errors import BoundaryError
from kp2s_dashboard.store import datastore
from kp2s_dashboard.web import cache


# -- below the district: e-PPGBM per kecamatan/puskesmas/desa and desa lokus (issue 12) -------
@st.cache_data(show_spinner=False, max_entries=8)
def _subdistrict(path: str, stamp: tuple[int, int], min_children: int):
    from kp2s_dashboard.subdistrict.loader import load_areas

    return load_areas(path, min_children=min_children)


@st.cache_data(show_spinner=False, max_entries=8)
def _lokus(path: str, stamp: tuple[int, int]):
    from kp2s_dashboard.subdistrict.lokus import load_lokus

    return load_lokus(path)


def subdistrict(min_children: int | None = None):
    """The e-PPGBM wilayah export in force (kind ``eppgbm_wilayah``) as an
    :class:`kp2s_dashboard.subdistrict.loader.AreaLoad`, cached by file stamp
    and ``min_children`` (default
    :data:`kp2s_dashboard.subdistrict.loader.MIN_CHILDREN`). Row problems are
    in ``.problems``; ``.synthetic`` asks for the banner ``wil.synthetic_banner``.

    Raises:
        DataError: the file in force cannot be read at all.
    """
    from kp2s_dashboard.subdistrict.loader import MIN_CHILDREN

    f = datastore.current("eppgbm_wilayah")
    return _subdistrict(str(f.path), f.stamp, int(MIN_CHILDREN if min_children is None else min_children))


def lokus():
    """The desa lokus list in force (kind ``lokus_desa``) as a
    :class:`kp2s_dashboard.subdistrict.lokus.LokusLoad`, cached by file stamp.

    Raises:
        DataError: the file in force cannot be read at all.
    """
    f = datastore.current("lokus_desa")
    return _lokus(str(f.path), f.stamp)

# -- kecamatan and desa maps (Kecamatan & desa) ---------------------------------------------------
def level_file(level: str) -> tuple[str, tuple[int, int]] | BoundaryError:
    """``(path, stamp)`` of the boundary file of ``level`` (``kabupaten`` /
    ``kecamatan`` / ``desa``) in ``KP2S_GEO_DIR`` or the project's ``geo/``
    (:func:`kp2s_dashboard.geo.find_boundary_file`; the district level uses
    the file in force, :func:`kp2s_dashboard.store.datastore.boundary_file`),
    or the :class:`BoundaryError` ``err.geo_missing`` when there is none."""
    try:
        if level == "kabupaten":
            f = cache._boundary_file()
            return str(f.path), f.stamp
        path = geo.find_boundary_file(None, level)
        if path is None:
            raise BoundaryError("err.geo_missing", folder=str(paths.geo_dir()))
        stat = path.stat()
        return str(path), (stat.st_mtime_ns, stat.st_size)
    except (BoundaryError, OSError) as exc:
        return exc if isinstance(exc, BoundaryError) else BoundaryError("err.geo_unreadable", detail=str(exc))


@st.cache_resource(show_spinner=False, max_entries=6)
def _display_shapes(path: str, stamp: tuple[int, int], level: str) -> dict:
    """Read once per file version: ``{view: simplified frame}`` for every
    view of :data:`kp2s_dashboard.geo.coverage.DETAIL`. A resource (shared,
    not copied per run, so a 2,000-desa frame costs nothing to reuse):
    callers must not modify the frames."""
    from kp2s_dashboard.geo import coverage

    gdf = geo.load_boundaries(path, level=level)
    if level == "kabupaten":
        gdf = gdf.assign(parent=gdf["code"])
    cleaned = coverage.clean_coverage(gdf)
    return {view: coverage.simplify_coverage(cleaned, tol, dec, clean=False)
            for view, (tol, dec) in coverage.DETAIL.items()}


def display_shapes(level: str, view: str):
    """The boundaries of ``level`` simplified for ``view`` (``province`` /
    ``district`` / ``kecamatan``, see :data:`kp2s_dashboard.geo.coverage.DETAIL`):
    a GeoDataFrame ``code, kode, name, parent, geometry`` shared between runs
    (do not modify it), or the :class:`BoundaryError` saying why there is none."""
    found = level_file(level)
    if isinstance(found, BoundaryError):
        return found
    try:
        return _display_shapes(found[0], found[1], level)[view]
    except BoundaryError as exc:
        return exc


@st.cache_resource(show_spinner=False, max_entries=64)
def _display_geojson(path: str, stamp: tuple[int, int], level: str, view: str, within: str | None) -> dict:
    from kp2s_dashboard.geo import coverage

    shapes = _display_shapes(path, stamp, level)[view]
    if within:
        shapes = shapes[shapes["code"].str.startswith(within)]
    return coverage.feature_collection(shapes)


def display_geojson(level: str, view: str, within: str | None) -> dict:
    """GeoJSON (features keyed by ``id`` = code) of the shapes of
    :func:`display_shapes` whose code starts with ``within`` (None: all),
    built once per file version and area; shared, do not modify.

    Raises:
        BoundaryError: no boundary file of ``level``.
    """
    found = level_file(level)
    if isinstance(found, BoundaryError):
        raise found
    return _display_geojson(found[0], found[1], level, view, within)
