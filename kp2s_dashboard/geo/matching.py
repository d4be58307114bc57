"""Matching boundary features to the region registry.

Recognised code, name and province properties per level, tolerant name
lookup (blanks, prefixes such as ``Kab.``), province misspellings, and the
per-feature matching for districts (:func:`_match_districts`) and for
kecamatan/desa by Kemendagri code (:func:`_match_sub`). The rules are
described in :mod:`kp2s_dashboard.geo.boundaries`.
"""

from __future__ import annotations

import difflib
import math
import re
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd

from kp2s_dashboard import regions
from kp2s_dashboard.errors import BoundaryError, Location, RegionNotFoundError
from kp2s_dashboard.geo.files import LEVELS

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
#: ``difflib`` ratio from which a province cell is taken as a misspelling of
#: Kalimantan Selatan (other provinces' names score at most 0.75, e.g.
#: ``Kalimantan Barat``; ``Kalimantan Selatn`` scores 0.97).
_PROVINCE_TYPO_RATIO = 0.85


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


def _row_codes(
    row: pd.Series, code_cols: list[str], name_cols: list[str]
) -> tuple[list[str], list[str], bool, tuple[str, str] | None]:
    """What the code and name cells of one feature point to.

    Returns ``(found, sources, other_province, float_code)``: registry codes
    found (code columns first, then name columns; district or province),
    ``"column 'value'"`` per entry of ``found``, whether a well-formed code
    belongs to another province, and ``(column, value)`` of the first code
    stored as a float that lost its trailing zero (``63.1``), else None."""
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
    return found, sources, other_province, float_code


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
        found, sources, other_province, float_code = _row_codes(row, code_cols, name_cols)
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
