"""The rows a drill-down map draws: measurement rounds, the kecamatan or desa
of the area shown in one round, and the desa lokus to mark.

Pure. Built on :mod:`kp2s_dashboard.subdistrict.views` so that a kecamatan's
figure on the map is the one in the district tables (:func:`views.level_rows`
makes a kecamatan missing from the file from its desa) and the lokus list in
force is the one the tables use (:func:`views.lokus_codes`).

Codes: the tidy table writes them with dots (``"63.03.05"``); the map and the
drill-down position (:mod:`kp2s_dashboard.geo.drill`) use digits only
(``"630305"``), as the boundary files' ``code`` column does.
"""

from __future__ import annotations

import pandas as pd

from kp2s_dashboard.geo.drill import area_code
from kp2s_dashboard.subdistrict import views
from kp2s_dashboard.subdistrict.loader import MIN_CHILDREN


def rounds(table: pd.DataFrame | None) -> list[tuple[int, str]]:
    """The measurement rounds of the tidy table, newest first, as
    ``(year, period)`` (``period`` as text, ``"2024-08"``)."""
    if table is None or len(table) == 0:
        return []
    pairs = {(int(y), str(p)) for y, p in zip(table["year"], table["period"])}
    return sorted(pairs, reverse=True)


def parse_round(value: object, available: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The round named in the URL's ``wil_round`` (its period, or a year for
    that year's latest round) if ``available`` (newest first) has it, else
    the newest; None when there is none."""
    if not available:
        return None
    text = "" if value is None else str(value)
    for year, period in available:
        if text == period:
            return year, period
    for year, period in available:
        if text == str(year):
            return year, period
    return available[0]


def _dotted_district(code: str) -> str:
    return f"{code[:2]}.{code[2:4]}"


def map_rows(table: pd.DataFrame, level: str, period: str, within: str | None,
             min_children: int = MIN_CHILDREN) -> pd.DataFrame:
    """Rows of ``level`` (``kecamatan``/``desa``) in round ``period`` whose
    code starts with ``within`` (digits: a district ``"6303"`` or a kecamatan
    ``"630305"``; None for the whole province), one district at a time
    through :func:`kp2s_dashboard.subdistrict.views.level_rows`.

    Returns:
        The tidy table's columns (``kode_wilayah``, ``name``, counts, rates in
        percent, ``small_n`` …), ordered by code; empty with those columns
        when nothing matches.
    """
    districts = sorted({area_code(c) for c in table["district_code"]})
    if within:
        districts = [d for d in districts if d == within[:4]]
    parts = [views.level_rows(table, _dotted_district(d), level, period, min_children) for d in districts]
    parts = [p for p in parts if len(p)]
    if not parts:
        return table.iloc[0:0]
    rows = pd.concat(parts, ignore_index=True)
    if within:
        rows = rows[rows["kode_wilayah"].map(area_code).str.startswith(within)]
    return rows.sort_values("kode_wilayah").reset_index(drop=True)


def lokus_marks(lokus: pd.DataFrame | None, year: int) -> tuple[frozenset[str], int | None]:
    """The desa lokus to mark on a map of a round of ``year``: every
    district's list in force (:func:`kp2s_dashboard.subdistrict.views.lokus_codes`:
    the list of ``year``, else its latest earlier one), as codes (digits),
    and the newest year among those lists (None when there is none)."""
    if lokus is None or len(lokus) == 0:
        return frozenset(), None
    codes: set[str] = set()
    for district in sorted(set(lokus["district_code"])):
        codes |= views.lokus_codes(lokus, district, int(year))
    if not codes:
        return frozenset(), None
    used = lokus[lokus["kode_wilayah"].isin(codes) & (lokus["year"] <= int(year))]
    return frozenset(area_code(c) for c in codes), int(used["year"].max())
