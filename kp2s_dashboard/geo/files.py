"""Locating, reading and reprojecting boundary files.

Which file of the boundary folder holds a level (by file name only), reading
GeoJSON, GeoPackage, (zipped) Shapefile through pyogrio, picking the polygon
layer of a multi-layer source, and reprojecting to EPSG:4326. The levels and
their file names are defined here; matching the features to the region
registry is in :mod:`kp2s_dashboard.geo.matching`.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import pyogrio

from kp2s_dashboard import paths
from kp2s_dashboard.errors import BoundaryError, Location

#: Levels and the number of dot-separated parts of their Kemendagri code.
LEVELS: dict[str, int] = {"kabupaten": 2, "kecamatan": 3, "desa": 4}
#: File suffixes searched in the boundary folder, in order of preference.
SUFFIXES = (".geojson", ".json", ".gpkg", ".zip", ".shp")
#: The file looked for first in the boundary folder, per level.
DEFAULT_FILES = {level: f"kalsel_{level}.geojson" for level in LEVELS}
WGS84 = "EPSG:4326"

# File and layer names that say which level they hold.
_LEVEL_HINTS = {
    "kabupaten": re.compile(r"kab|kota|adm_?2|regenc|(?<!sub)district"),
    "kecamatan": re.compile(r"kec|adm_?3|subdistrict"),
    "desa": re.compile(r"desa|kel(urahan)?\b|village|adm_?4"),
}


# -- locating the file -------------------------------------------------------------------


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise BoundaryError("geo.err_level", level=level, expected=", ".join(LEVELS))


def _fits_level(name: str, level: str) -> bool:
    """False when ``name`` (a file or layer name) says it holds another level.

    The finest level a name mentions wins: ``desa_kotabaru`` is a desa file,
    ``kab_kota`` a district file; a name that mentions no level fits any."""
    low = name.lower()
    mentioned = [lvl for lvl in LEVELS if _LEVEL_HINTS[lvl].search(low)]
    return not mentioned or mentioned[-1] == level


def _rank(names: Iterable[str], level: str) -> list[str]:
    """``names`` fit for ``level``: the default file name first, then names
    that mention the level, then the others, each group alphabetically."""
    fitting = [n for n in names if _fits_level(n, level)]
    default = DEFAULT_FILES[level]

    def key(name: str) -> tuple[int, str]:
        base = name.rsplit("/", 1)[-1]
        if base == default:
            return (0, name)
        return (1 if _LEVEL_HINTS[level].search(base.lower()) else 2, name)

    return sorted(fitting, key=key)


def find_boundary_file(folder: str | Path | None = None, level: str = "kabupaten") -> Path | None:
    """The boundary file :func:`load_boundaries` uses for ``level`` in
    ``folder`` (default :func:`kp2s_dashboard.paths.geo_dir`), or ``None``.

    Looks for ``kalsel_<level>.geojson`` first, then any ``.geojson``,
    ``.json``, ``.gpkg``, ``.zip`` or ``.shp`` file whose name does not
    mention another level (``kec``, ``desa``, ``kel`` …); hidden files and
    sub-folders are ignored. The choice is made by file name only, without
    reading the files.
    """
    _check_level(level)
    folder = Path(folder) if folder is not None else paths.geo_dir()
    if not folder.is_dir():
        return None
    names = [
        p.name
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUFFIXES
        and p.name != "source.json"
    ]
    ranked = _rank(names, level)
    return folder / ranked[0] if ranked else None


def boundary_status(level: str = "kabupaten") -> Path | None:
    """For the UI: the boundary file that :func:`load_boundaries` would read
    with ``path=None`` (in ``KP2S_GEO_DIR`` or the project's ``geo/``), or
    ``None`` when there is none. Cheap: looks at file names only."""
    return find_boundary_file(None, level)


# -- reading ---------------------------------------------------------------------------------


def _vsi_member(path: Path, level: str) -> str:
    """GDAL path of the boundary file inside the zip archive ``path``."""
    location = Location(file=str(path))
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                m for m in archive.namelist()
                if not m.endswith("/") and "__MACOSX" not in m
                and Path(m).suffix.lower() in (".shp", ".gpkg", ".geojson", ".json")
            ]
    except (OSError, zipfile.BadZipFile) as exc:
        raise BoundaryError("err.geo_unreadable", location, detail=str(exc)) from None
    ranked = _rank(members, level) or members
    if not ranked:
        raise BoundaryError("err.geo_unreadable", location, detail="no .shp, .gpkg or .geojson inside the zip")
    return f"/vsizip/{path.resolve()}/{ranked[0]}"


def _pick_layer(source: str, level: str, location: Location) -> str | None:
    """The polygon layer to read from a multi-layer source (GeoPackage)."""
    try:
        layers = pyogrio.list_layers(source)
    except Exception as exc:  # pyogrio raises its own DataSourceError family
        raise BoundaryError("err.geo_unreadable", location, detail=str(exc)) from None
    if len(layers) <= 1:
        return None
    polygonal = [str(name) for name, kind in layers if kind is None or "polygon" in str(kind).lower()]
    ranked = _rank(polygonal, level) or polygonal
    return ranked[0] if ranked else None


def _read(path: Path, level: str) -> gpd.GeoDataFrame:
    location = Location(file=str(path))
    source = _vsi_member(path, level) if path.suffix.lower() == ".zip" else str(path)
    layer = _pick_layer(source, level, location)
    try:
        return gpd.read_file(source, layer=layer, engine="pyogrio")
    except Exception as exc:  # any reader failure is the user's file, not a bug
        raise BoundaryError("err.geo_unreadable", location, detail=str(exc)) from None



def _to_wgs84(gdf: gpd.GeoDataFrame, location: Location) -> gpd.GeoDataFrame:
    if gdf.crs is None:
        minx, miny, maxx, maxy = gdf.total_bounds
        if not all(math.isfinite(v) for v in (minx, miny, maxx, maxy)):
            raise BoundaryError("err.geo_no_crs", location)
        if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
            raise BoundaryError("err.geo_no_crs", location)
        return gdf.set_crs(WGS84)
    if gdf.crs.to_epsg() == 4326 and not gdf.crs.is_projected:
        return gdf.set_crs(WGS84, allow_override=True)
    try:
        return gdf.to_crs(WGS84)
    except Exception as exc:
        raise BoundaryError("err.geo_unreadable", location, detail=f"reprojection failed: {exc}") from None
