"""Download the pinned upstream boundary SQL, verify it, convert it to GeoJSON.

Upstream (``geo/source.toml``): cahyadsn/wilayah_boundaries publishes one SQL
file per province and level with rows

    INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES
        ('63.01','Kabupaten Tanah Laut',-3.81,114.90,'[[[[-4.06,114.61],…]]]'),
        …;

``lat``/``lng`` are a label point; ``path`` is JSON: a list of rings (a
Polygon, nested three deep) or a list of polygons (a MultiPolygon, four deep),
each point written **[lat, lng]**. The first ring of a polygon is its outer
ring, further rings are holes. The conversion swaps the points to GeoJSON's
[lng, lat], repairs invalid rings with shapely's ``make_valid`` (keeping only
polygon parts) and writes a GeoJSON FeatureCollection (RFC 7946, EPSG:4326)
with properties ``kode``, ``nama``, ``lat``, ``lng``.

Only the standard library touches the network (``urllib`` with a timeout).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry import MultiPolygon, Polygon, mapping

from kp2s_dashboard import paths
from kp2s_dashboard.errors import BoundaryError, FetchError, Location
from kp2s_dashboard.geo.boundaries import load_boundaries
from kp2s_dashboard.geo.fetch_check import check_registry, check_rows, file_area, listed, merge_rows
from kp2s_dashboard.geo.files import WGS84
from kp2s_dashboard.geo.shapes import _polygonal
from kp2s_dashboard.geo.source import Source, SourceFile, load_source

#: Refuse downloads larger than this (the Kalsel kabupaten and kecamatan files are 65 KB
#: and 185 KB; each desa file a few MB).
MAX_BYTES = 64 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0
USER_AGENT = "kp2s-dashboard boundary fetch (urllib)"

Reporter = Callable[[str, dict[str, Any]], None]


@dataclass
class FetchResult:
    """What :func:`fetch` did: ``written`` paths (empty when ``skipped``)."""

    dest: Path
    written: list[Path] = field(default_factory=list)
    skipped: bool = False


# -- SQL ---------------------------------------------------------------------------------------

_INSERT = re.compile(r"INSERT\s+INTO\s+[`\"]?(\w+)[`\"]?\s*\(([^)]*)\)\s*VALUES\s*", re.IGNORECASE)
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


class _SqlError(Exception):
    def __init__(self, message: str, pos: int):
        super().__init__(message)
        self.pos = pos


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _string(text: str, pos: int) -> tuple[str, int]:
    """A single-quoted SQL string at ``pos`` ('' and backslash escapes)."""
    out = []
    pos += 1
    escapes = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}
    while pos < len(text):
        ch = text[pos]
        if ch == "\\" and pos + 1 < len(text):
            out.append(escapes.get(text[pos + 1], text[pos + 1]))
            pos += 2
        elif ch == "'":
            if text.startswith("''", pos):
                out.append("'")
                pos += 2
            else:
                return "".join(out), pos + 1
        else:
            out.append(ch)
            pos += 1
    raise _SqlError("unterminated string", pos)


def _value(text: str, pos: int) -> tuple[Any, int]:
    if text.startswith("'", pos):
        return _string(text, pos)
    if text[pos:pos + 4].upper() == "NULL":
        return None, pos + 4
    match = _NUMBER.match(text, pos)
    if match:
        raw = match.group(0)
        return (float(raw) if any(c in raw for c in ".eE") else int(raw)), match.end()
    raise _SqlError(f"unexpected {text[pos:pos + 20]!r}", pos)


def parse_sql_rows(text: str, name: str = "SQL") -> list[dict[str, Any]]:
    """The rows of every ``INSERT INTO t(cols) VALUES (…),(…);`` in ``text``.

    Returns one dict per row, column name -> value (``str`` for quoted
    strings, ``int``/``float`` for numbers, ``None`` for NULL).

    Raises:
        FetchError: ``err.fetch_parse`` with the line number in the location,
            when a statement is malformed or a row has the wrong number of
            values, or when there is no INSERT at all.
    """
    rows: list[dict[str, Any]] = []
    pos = 0
    try:
        while True:
            match = _INSERT.search(text, pos)
            if match is None:
                break
            columns = [c.strip().strip("`\"") for c in match.group(2).split(",")]
            pos = match.end()
            while True:
                pos = _skip_ws(text, pos)
                if not text.startswith("(", pos):
                    raise _SqlError("expected '('", pos)
                start = pos
                values: list[Any] = []
                pos += 1
                while True:
                    pos = _skip_ws(text, pos)
                    value, pos = _value(text, pos)
                    values.append(value)
                    pos = _skip_ws(text, pos)
                    if text.startswith(",", pos):
                        pos += 1
                        continue
                    if text.startswith(")", pos):
                        pos += 1
                        break
                    raise _SqlError("expected ',' or ')'", pos)
                if len(values) != len(columns):
                    raise _SqlError(f"{len(values)} values for {len(columns)} columns", start)
                rows.append(dict(zip(columns, values)))
                pos = _skip_ws(text, pos)
                if text.startswith(",", pos):
                    pos += 1
                    continue
                if text.startswith(";", pos) or pos >= len(text):
                    pos += 1
                    break
                raise _SqlError("expected ',' or ';'", pos)
    except _SqlError as exc:
        line = text.count("\n", 0, min(exc.pos, len(text))) + 1
        raise FetchError("err.fetch_parse", Location(file=name, row=line), detail=str(exc)) from None
    if not rows:
        raise FetchError("err.fetch_parse", Location(file=name), detail="no INSERT rows")
    return rows


# -- geometry ----------------------------------------------------------------------------------


def _depth(value: Any) -> int:
    depth = 0
    while isinstance(value, list) and value:
        value = value[0]
        depth += 1
    return depth


def _ring(points: list) -> list[tuple[float, float]] | None:
    """[[lat, lng], …] -> closed [(lng, lat), …], or None if degenerate."""
    coords = []
    for point in points:
        if not isinstance(point, list) or len(point) < 2:
            raise ValueError(f"point {point!r} is not [lat, lng]")
        lat, lng = float(point[0]), float(point[1])
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            raise ValueError(f"point {point!r} is not [lat, lng]")
        coords.append((lng, lat))
    if coords and coords[0] != coords[-1]:
        coords.append(coords[0])
    return coords if len(coords) >= 4 else None


def _polygon(rings: list) -> Polygon | None:
    converted = [_ring(r) for r in rings]
    if not converted or converted[0] is None:
        return None
    return Polygon(converted[0], [r for r in converted[1:] if r is not None])


def path_to_geometry(path: str) -> Polygon | MultiPolygon:
    """Upstream ``path`` JSON ([lat, lng] rings) -> valid shapely polygon(s)
    in lon/lat. Raises ValueError when the structure is not 3 or 4 deep or
    nothing polygonal remains."""
    data = json.loads(path)
    depth = _depth(data)
    if depth == 3:
        polygons = [_polygon(data)]
    elif depth == 4:
        polygons = [_polygon(p) for p in data]
    else:
        raise ValueError(f"path nested {depth} deep; expected 3 (Polygon) or 4 (MultiPolygon)")
    polygons = [p for p in polygons if p is not None]
    if not polygons:
        raise ValueError("no ring with at least three points")
    geom = polygons[0] if depth == 3 else MultiPolygon(polygons)
    fixed = _polygonal(geom)
    if fixed is None:
        raise ValueError("nothing polygonal left after make_valid")
    return fixed


def rows_to_geojson(rows: list[dict[str, Any]], name: str, collection: str) -> dict[str, Any]:
    """Upstream rows -> a GeoJSON FeatureCollection dict (lon/lat, WGS 84)
    with properties ``kode``, ``nama``, ``lat``, ``lng``, in row order.

    Raises:
        FetchError: ``err.fetch_parse`` naming the row's ``kode`` when a
            column is missing or its ``path`` cannot be converted.
    """
    features = []
    for number, row in enumerate(rows, start=1):
        kode = row.get("kode")
        where = Location(file=name, row=number)
        try:
            geometry = path_to_geometry(row["path"])
            properties = {
                "kode": str(row["kode"]),
                "nama": str(row["nama"]),
                "lat": float(row["lat"]) if row.get("lat") is not None else None,
                "lng": float(row["lng"]) if row.get("lng") is not None else None,
            }
        except KeyError as exc:
            raise FetchError("err.fetch_parse", where, detail=f"column {exc} missing") from None
        except (ValueError, TypeError) as exc:
            raise FetchError("err.fetch_parse", where, detail=f"{kode}: {exc}") from None
        features.append({"type": "Feature", "properties": properties, "geometry": mapping(geometry)})
    return {"type": "FeatureCollection", "name": collection, "features": features}


def sql_to_geodataframe(text: str, name: str = "SQL") -> gpd.GeoDataFrame:
    """Convenience: upstream SQL text -> GeoDataFrame (EPSG:4326) with
    columns ``kode``, ``nama``, ``lat``, ``lng``, ``geometry``."""
    collection = rows_to_geojson(parse_sql_rows(text, name), name, name)
    return gpd.GeoDataFrame.from_features(collection["features"], crs=WGS84)


# -- download ----------------------------------------------------------------------------------


def download(url: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The body of ``url`` (``urllib``, ``timeout`` seconds per socket
    operation, at most :data:`MAX_BYTES`).

    Raises:
        FetchError: ``err.fetch_network`` with the URL and the reason (HTTP
            status, connection refused, timeout, DNS failure, bad URL).
    """
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    # A fresh opener per call reads the proxy variables now, not at the first
    # urlopen of the process.
    opener = urllib.request.build_opener()
    try:
        with opener.open(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError("err.fetch_network", url=url, detail=f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError("err.fetch_network", url=url, detail=str(exc.reason)) from None
    except TimeoutError:
        raise FetchError("err.fetch_network", url=url, detail=f"timeout after {timeout:g} s") from None
    except (OSError, ValueError) as exc:
        raise FetchError("err.fetch_network", url=url, detail=str(exc)) from None
    if len(data) > MAX_BYTES:
        raise FetchError("err.fetch_network", url=url, detail=f"larger than {MAX_BYTES} bytes")
    return data


def verify(data: bytes, file: SourceFile, url: str) -> None:
    """Raise FetchError ``err.fetch_checksum`` unless SHA-256(data) is the pinned sum."""
    actual = hashlib.sha256(data).hexdigest()
    if actual != file.sha256:
        raise FetchError(
            "err.fetch_checksum", name=file.path, expected=file.sha256, actual=actual
        )


# -- the command -------------------------------------------------------------------------------


def _silent(key: str, params: dict[str, Any]) -> None:
    return None


def fetch(
    dest: str | Path | None = None,
    *,
    base_url: str | None = None,
    if_missing: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    source: Source | None = None,
    report: Reporter = _silent,
    levels: Iterable[str] | None = None,
    accept_unpinned: bool = False,
) -> FetchResult:
    """Download, verify and convert the files of the pinned source.

    All files are downloaded and verified before anything is written, and
    each output is written to a temporary file, checked with
    :func:`load_boundaries` and then moved into place, so a failure never
    leaves a half-written or unverified boundary file behind. Files that
    share an ``output`` (the 13 desa files) are concatenated into it.

    A file without ``sha256`` in ``source.toml`` is not pinned: it is
    refused before anything is downloaded unless ``accept_unpinned``; then
    its content is checked instead (:mod:`kp2s_dashboard.geo.fetch_check`)
    and its SHA-256 is reported (key ``geo.fetch_pin_line``) for a
    maintainer to paste into ``source.toml``.

    Args:
        dest: destination folder (default: the project's ``geo/``, which is
            git-ignored for boundary files).
        base_url: replaces ``base_url`` of ``geo/source.toml`` (e.g.
            ``http://127.0.0.1:8000`` serving ``<commit>/db/kab/…``).
        if_missing: do nothing when every output of ``levels`` already
            exists in ``dest``.
        timeout: seconds per network operation.
        source: the source description (default ``geo/source.toml``).
        report: called with ``(string key, params)`` for each progress step
            (keys ``geo.fetch_*``), so a caller can print it in any language.
        levels: the levels to fetch (default ``[source] default_levels``:
            kabupaten and kecamatan; the desa level only when named).
        accept_unpinned: download files without a pinned SHA-256 and check
            their content instead.

    Returns:
        :class:`FetchResult` with the written paths (GeoJSON files and the
        licence), or ``skipped=True``.

    Raises:
        FetchError: ``err.fetch_unpinned`` (a selected file has no SHA-256
            and ``accept_unpinned`` is false), ``err.fetch_network``,
            ``err.fetch_checksum``, ``err.fetch_parse``,
            ``err.fetch_kode_outside``, ``err.fetch_duplicate_kode``,
            ``err.fetch_kode_unknown``.
        BoundaryError: ``geo.err_write`` (destination not writable),
            ``geo.err_source`` (also: a level with no file), or a loader
            error if a converted file does not join to the registry.
    """
    src = source or load_source()
    levels = tuple(src.default_levels if levels is None else dict.fromkeys(levels))
    unknown_levels = [lv for lv in levels if lv not in src.levels]
    if unknown_levels:
        raise BoundaryError(
            "geo.err_source", Location(file=str(src.folder / "source.toml")),
            detail=f"no [[files]] entry of level {', '.join(unknown_levels)}",
        )
    files = src.files_for(levels)
    dest = Path(dest) if dest is not None else paths.project_geo_dir()
    outputs = [dest / name for name in src.outputs(levels)]
    if if_missing and all(p.is_file() for p in outputs):
        report("geo.fetch_present", {"folder": str(dest)})
        return FetchResult(dest=dest, skipped=True)

    unpinned = [f for f in files if not f.pinned]
    if unpinned and not accept_unpinned:
        raise FetchError(
            "err.fetch_unpinned",
            Location(file=str(src.folder / "source.toml")),
            n=len(unpinned),
            names=", ".join(f.path for f in unpinned),
            levels=" ".join(f"--level {lv}" for lv in dict.fromkeys(f.level for f in unpinned)),
        )

    downloaded: list[tuple[SourceFile, bytes, str]] = []
    for file in files:
        url = src.url(file, base_url)
        report("geo.fetch_downloading", {"url": url})
        data = download(url, timeout)
        actual = hashlib.sha256(data).hexdigest()
        if file.pinned:
            verify(data, file, url)
            report("geo.fetch_verified", {"name": file.path, "sha256": file.sha256[:12]})
        else:
            report("geo.fetch_unpinned_downloaded", {"name": file.path, "sha256": actual[:12]})
        downloaded.append((file, data, actual))

    by_output: dict[str, list[tuple[SourceFile, list[dict[str, Any]]]]] = {}
    for file, data, _ in downloaded:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FetchError("err.fetch_parse", Location(file=file.path), detail=str(exc)) from None
        rows = parse_sql_rows(text, file.path)
        count = check_rows(file, rows)
        if not file.pinned:
            report("geo.fetch_content_ok",
                   {"name": file.path, "n": count, "level": file.level, "area": file_area(file)})
        by_output.setdefault(file.output, []).append((file, rows))

    collections = []
    for output, parts in by_output.items():
        level = parts[0][0].level
        rows = merge_rows(parts)  # refuses a kode found in two files
        if level == "desa":
            _check_desa_registry(rows, [file_area(f) for f, _ in parts], report)
        features = []
        for file, file_rows in parts:  # converted per file, so an error names its file
            features += rows_to_geojson(file_rows, file.path, Path(output).stem)["features"]
        collections.append((output, level, {"type": "FeatureCollection", "name": Path(output).stem,
                                            "features": features}))

    result = FetchResult(dest=dest)
    try:
        dest.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".fetch-", dir=dest) as tmp:
            staged = []
            for output, level, collection in collections:
                temp_path = Path(tmp) / output
                temp_path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
                load_boundaries(temp_path, level=level)  # joins to the registry or raises
                staged.append((temp_path, dest / output, len(collection["features"])))
            for temp_path, final, count in staged:
                temp_path.replace(final)
                result.written.append(final)
                report("geo.fetch_written", {"path": str(final), "n": count})
        licence_dest = dest / src.licence_file
        if licence_dest.resolve() != src.licence_path.resolve():
            shutil.copyfile(src.licence_path, licence_dest)
        result.written.append(licence_dest)
        report("geo.fetch_licence", {"path": str(licence_dest), "licence": src.licence})
    except OSError as exc:
        raise BoundaryError("geo.err_write", Location(file=str(dest)), path=str(dest), detail=str(exc)) from None
    if any(not f.pinned for f, _, _ in downloaded):
        report("geo.fetch_pin_heading", {"source": str(src.folder / "source.toml"), "commit": src.commit})
        for file, _, actual in downloaded:
            if not file.pinned:
                report("geo.fetch_pin_line", {"path": file.path, "sha256": actual})
    return result


def _check_desa_registry(rows: list[dict[str, Any]], areas: list[str], report: Reporter) -> None:
    """Check the desa codes of ``rows`` against ``data/wilayah_kode.csv``
    (refuses unknown codes) and report how many were checked and which
    registry desa of ``areas`` the download lacks."""
    kodes = [str(r["kode"]) for r in rows]
    registry_path, missing = check_registry(kodes, areas)
    report("geo.fetch_registry_ok", {"n": len(kodes), "registry": registry_path.name})
    if missing:
        report("geo.fetch_registry_missing",
               {"n": len(missing), "registry": registry_path.name, "values": listed(missing)})
