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
5. The features kept must lie within :data:`BOUNDS_MARGIN` degrees of
   :data:`KALSEL_BOUNDS` after reprojection; otherwise ``err.geo_out_of_area*``
   names the bounds found and the likely cause (declared CRS wrong, UTM
   metres without CRS, swapped axes, a wild vertex).
6. Several features of one district (islands, split parts) are dissolved
   into one (multi-)polygon.

Districts absent from the file are not an error (the map shows them as
without boundary); their codes are in ``gdf.attrs["missing"]``.
"""

from __future__ import annotations

import difflib
import math
import re
import zipfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from kp2s_dashboard import paths, regions
from kp2s_dashboard.errors import BoundaryError, Location, RegionNotFoundError

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

# Property names recognised (compared case-insensitively), in order of preference.
_CODE_COLUMNS = {
    "kabupaten": (
        "kode", "kode_kab", "kode_kabkota", "kode_kab_kota", "kd_kab", "kdkab", "kdpkab",
        "kode_kemendagri", "kemendagri", "kode_bps", "bps_code", "kd_bps", "adm2_pcode",
        "kab_code", "regency_code", "district_code", "cc_2", "code",
    ),
    "kecamatan": (
        "kode", "kode_kec", "kd_kec", "kdkec", "kdcpum", "kode_kemendagri", "adm3_pcode", "code",
    ),
    "desa": (
        "kode", "kode_desa", "kd_desa", "kddesa", "kdepum", "kode_kemendagri", "adm4_pcode", "code",
    ),
}
_NAME_COLUMNS = {
    "kabupaten": (
        "nama", "nama_kab", "nama_kabkota", "nama_kab_kota", "kabupaten", "kabupaten_kota",
        "kab_kota", "kabkota", "kabkot", "wadmkk", "namobj", "adm2_en", "adm2_id", "adm2_name",
        "name_2", "shapename", "regency", "district", "name", "wilayah",
    ),
    "kecamatan": (
        "nama", "nama_kec", "kecamatan", "wadmkc", "namobj", "adm3_en", "adm3_id", "adm3_name",
        "name_3", "shapename", "name",
    ),
    "desa": (
        "nama", "nama_desa", "desa", "kelurahan", "desa_kel", "wadmkd", "namobj", "adm4_en",
        "adm4_id", "adm4_name", "name_4", "shapename", "name",
    ),
}
_PROVINCE_COLUMNS = (
    "kode_prov", "kd_prov", "kdppum", "adm1_pcode", "provinsi", "nama_prov", "wadmpr", "adm1_en",
    "adm1_id", "province", "name_1",
)
_MAX_LISTED = 12

#: Where Kalimantan Selatan lies (lon min, lat min, lon max, lat max, degrees).
#: Rounded outward from the total bounds of the shared district file
#: (cahyadsn/wilayah_boundaries: 114.35–117.46° E, 4.94–1.31° S).
KALSEL_BOUNDS = (114.0, -5.0, 117.5, -1.0)
#: Features may reach this far (degrees, ≈ 110 km) outside ``KALSEL_BOUNDS``
#: before a file is refused as misplaced (wrong CRS, swapped axes, bad vertex).
BOUNDS_MARGIN = 1.0
#: ``difflib`` ratio from which a province cell is taken as a misspelling of
#: Kalimantan Selatan (other provinces' names score at most 0.75, e.g.
#: ``Kalimantan Barat``; ``Kalimantan Selatn`` scores 0.97).
_PROVINCE_TYPO_RATIO = 0.85


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


# -- plausibility of the coordinates -----------------------------------------------------------


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


# -- matching ----------------------------------------------------------------------------------


def _columns(gdf: pd.DataFrame, wanted: tuple[str, ...]) -> list[str]:
    """Columns of ``gdf`` whose lower-case name is in ``wanted``, in ``wanted`` order."""
    by_lower = {str(c).lower(): c for c in gdf.columns if c != gdf.geometry.name}
    return [by_lower[w] for w in wanted if w in by_lower]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (
        isinstance(value, str) and not value.strip()
    ) or value is pd.NA


def _code_text(value: object) -> str | None:
    """A code value as text with any country prefix removed (``ID6301`` ->
    ``6301``); numbers keep the registry's float handling (``63.1`` stays)."""
    if _blank(value):
        return None
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    text = str(value).strip()
    text = re.sub(r"^[A-Za-z]{2,3}(?=\d)", "", text)
    return text


_WELL_FORMED_DISTRICT = re.compile(r"(\d{2})\.?(\d{2})")


def _compact(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


@lru_cache(maxsize=1)
def _compact_index() -> dict[str, str]:
    """Spellings of districts/province without blanks or punctuation -> code."""
    out: dict[str, str] = {}
    for region in regions.registry():
        spellings = {region.name, region.short_name, *region.aliases}
        for s in spellings:
            out.setdefault(_compact(s), region.code)
    return out


_PREFIX_RE = re.compile(r"^(kabupaten|kab|kota|kotamadya|provinsi|prov)\b[\s.]*", re.I)


def _name_to_code(value: object) -> str | None:
    """Registry code for a name, or None. Tolerates blanks inside names."""
    if _blank(value):
        return None
    text = str(value).strip()
    try:
        return regions.to_code(text)
    except RegionNotFoundError:
        pass
    index = _compact_index()
    for candidate in (text, _PREFIX_RE.sub("", text)):
        code = index.get(_compact(candidate))
        if code is not None:
            return code
    return None


def _district_from_code(value: object) -> tuple[str | None, bool]:
    """(registry code or None, True if the code is well formed but of
    another province).

    Raises RegionNotFoundError ``err.region_float_code`` for a code that was
    stored as a number and lost its trailing zero (``63.1`` for ``63.10``)."""
    text = _code_text(value)
    if text is None:
        return None, False
    try:
        return regions.to_code(text), False
    except RegionNotFoundError as exc:
        if exc.key == "err.region_float_code":
            raise
    match = _WELL_FORMED_DISTRICT.fullmatch(text)
    other = bool(match) and match.group(1) != regions.PROVINCE_CODE
    return None, other


def _in_province(value: object) -> bool | None:
    """True/False when a province cell clearly is / is not Kalimantan Selatan,
    None when it cannot be told."""
    text = _code_text(value)
    if text is None:
        return None
    if re.fullmatch(r"\d{2}", text):
        return text == regions.PROVINCE_CODE
    code = _name_to_code(text)
    if code is not None:
        return code == regions.PROVINCE_CODE
    return False


@lru_cache(maxsize=256)
def _province_typo(text: str) -> str | None:
    """The province's name when ``text`` (a province cell that matched no
    region) looks like a misspelling of it, e.g. ``Kalimantan Selatn``."""
    province = regions.registry().get(regions.PROVINCE_CODE)
    spellings = [province.name, *province.aliases]
    key = _compact(_PREFIX_RE.sub("", text.strip()))
    if len(key) < 6:
        return None
    best = max(
        difflib.SequenceMatcher(None, key, _compact(_PREFIX_RE.sub("", s))).ratio() for s in spellings
    )
    return province.name if best >= _PROVINCE_TYPO_RATIO else None


def _describe(row: pd.Series, columns: list[str], index: int) -> str:
    values = [str(row[c]).strip() for c in columns if not _blank(row[c])]
    return values[0] if values else f"#{index + 1}"


def _unmatched_error(items: list[str], location: Location, key: str = "err.geo_unmatched") -> BoundaryError:
    shown = items[:_MAX_LISTED]
    more = len(items) - len(shown)
    values = "; ".join(shown) + (f"; … (+{more})" if more else "")
    return BoundaryError(key, location, values=values, n=len(items))


def _match_districts(gdf: gpd.GeoDataFrame, location: Location) -> tuple[list[str | None], list[str]]:
    """Code per feature (None = dropped) and the list of dropped descriptions.

    Raises BoundaryError err.geo_no_key / err.geo_unmatched."""
    code_cols = _columns(gdf, _CODE_COLUMNS["kabupaten"])
    name_cols = _columns(gdf, _NAME_COLUMNS["kabupaten"])
    prov_cols = _columns(gdf, _PROVINCE_COLUMNS)
    if not code_cols and not name_cols:
        cols = [str(c) for c in gdf.columns if c != gdf.geometry.name]
        raise BoundaryError("err.geo_no_key", location, columns=", ".join(cols) or "–")

    codes: list[str | None] = []
    dropped: list[str] = []
    unmatched: list[str] = []
    conflicts: list[str] = []
    typos: list[str] = []
    reg = regions.registry()
    for i, (_, row) in enumerate(gdf.iterrows()):
        label = _describe(row, name_cols + code_cols, i)
        if prov_cols and any(_in_province(row[c]) is False for c in prov_cols[:1]):
            province_text = _code_text(row[prov_cols[0]]) or ""
            if _province_typo(province_text) is not None:
                if province_text not in typos:
                    typos.append(province_text)
            else:
                dropped.append(f"{label} (other province)")
            codes.append(None)
            continue
        found: list[str] = []
        sources: list[str] = []  # "column 'value'" per entry of found
        other_province = False
        float_code: tuple[str, str] | None = None  # (column, value) of a code like 63.1
        for c in code_cols:
            try:
                code, other = _district_from_code(row[c])
            except RegionNotFoundError as exc:  # a code stored as a float (63.1)
                float_code = float_code or (str(c), str(exc.params.get("value", row[c])))
                continue
            other_province |= other
            if code is not None:
                found.append(code)
                sources.append(f"{c} '{str(row[c]).strip()}'")
        for c in name_cols:
            code = _name_to_code(row[c])
            if code is not None:
                found.append(code)
                sources.append(f"{c} '{str(row[c]).strip()}'")
        districts = [c for c in found if len(c) == 4]
        if len(set(districts)) > 1:
            parts = [
                f"{src} = {reg.short_name(code)}"
                for src, code in zip(sources, found) if len(code) == 4
            ]
            conflicts.append(f"#{i + 1} '{label}': " + ", ".join(parts))
            codes.append(None)
        elif districts:
            codes.append(districts[0])
        elif found:  # province or national outline
            dropped.append(f"{label} (outline {found[0]})")
            codes.append(None)
        elif other_province:
            dropped.append(f"{label} (other province)")
            codes.append(None)
        elif float_code is not None:
            column, value = float_code
            raise BoundaryError("err.region_float_code", Location(file=location.file, column=column), value=value)
        else:
            suggestions = regions.registry().suggest(label) if not re.fullmatch(r"[\d.]+", label) else []
            unmatched.append(f"'{label}' ({', '.join(suggestions) or '–'})")
            codes.append(None)
    if typos:
        raise BoundaryError(
            "err.geo_province_typo",
            Location(file=location.file, column=str(prov_cols[0])),
            values=", ".join(f"'{t}'" for t in typos[:_MAX_LISTED]),
            suggestion=reg.get(regions.PROVINCE_CODE).name,
        )
    if conflicts:
        raise _unmatched_error(conflicts, Location(file=location.file), "err.geo_code_name_conflict")
    if unmatched:
        raise _unmatched_error(unmatched, Location(file=location.file, column=(name_cols + code_cols)[0]))
    return codes, dropped


def _dotted(value: object) -> str | None:
    """A Kemendagri code with dots (``630101`` -> ``63.01.01``,
    ``6301012001`` -> ``63.01.01.2001``); other text unchanged; None if blank."""
    text = _code_text(value)
    if text is None:
        return None
    if re.fullmatch(r"\d+", text):
        total = 0
        for parts, width in enumerate((2, 2, 2, 4), start=1):
            total += width
            if len(text) == total:
                bounds = [0, 2, 4, 6, 10][: parts + 1]
                return ".".join(text[a:b] for a, b in zip(bounds, bounds[1:]))
    return text


def _match_sub(gdf: gpd.GeoDataFrame, level: str, location: Location):
    """(kode per feature or None, names, dropped) for kecamatan/desa."""
    parts = LEVELS[level]
    code_cols = _columns(gdf, _CODE_COLUMNS[level])
    name_cols = _columns(gdf, _NAME_COLUMNS[level])
    if not code_cols:
        cols = [str(c) for c in gdf.columns if c != gdf.geometry.name]
        raise BoundaryError("err.geo_no_key", location, columns=", ".join(cols) or "–")
    pattern = re.compile(r"\d{2}\.\d{2}\.\d{2}" + (r"\.\d{4}" if parts == 4 else ""))
    district_codes = set(regions.registry().district_codes())
    kodes: list[str | None] = []
    names: list[str] = []
    dropped: list[str] = []
    unmatched: list[str] = []
    for i, (_, row) in enumerate(gdf.iterrows()):
        kode = _dotted(row[code_cols[0]])
        name = _describe(row, name_cols, i) if name_cols else (kode or f"#{i + 1}")
        names.append(name)
        kodes.append(None)
        if kode is None or not re.fullmatch(r"\d{2}(\.\d+)*", kode):
            unmatched.append(f"'{kode or name}' (–)")
        elif kode.split(".")[0] != regions.PROVINCE_CODE:
            dropped.append(f"{kode} {name} (other province)")
        elif kode.count(".") < parts - 1:
            dropped.append(f"{kode} {name} (outline)")
        elif pattern.fullmatch(kode) and kode[:5].replace(".", "") in district_codes:
            kodes[-1] = kode
        else:
            unmatched.append(f"'{kode} {name}' (–)")
    if unmatched:
        raise _unmatched_error(unmatched, Location(file=location.file, column=code_cols[0]), "geo.err_unmatched_sub")
    return kodes, names, dropped


# -- public API ----------------------------------------------------------------------------------


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
            in or near Kalimantan Selatan, see :func:`_check_area`).
    """
    _check_level(level)
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
    groups: dict[str, list[BaseGeometry]] = {}
    first_label: dict[str, str] = {}
    for key, label, geom in zip(keys, labels, raw.geometry.values):
        if key is None:
            continue
        polygon = _polygonal(geom)
        if polygon is None:  # collapses to nothing when repaired (zero area, lines only)
            dropped.append(f"{label} (no area)")
            continue
        groups.setdefault(key, []).append(polygon)
        first_label.setdefault(key, label)
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
    if frame.empty:
        raise BoundaryError(
            "geo.err_nothing_matched", location, level=level, dropped="; ".join(dropped[:_MAX_LISTED]) or "–"
        )
    frame.attrs["source_file"] = str(path)
    frame.attrs["dropped"] = dropped
    return frame


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
