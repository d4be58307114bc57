"""Tables below the district, from the tidy e-PPGBM wilayah table
(:data:`kp2s_dashboard.subdistrict.loader.COLUMNS`) and a desa lokus table
(:data:`kp2s_dashboard.subdistrict.lokus.COLUMNS`). Pure functions returning
DataFrames with code-named columns; :func:`labelled` turns them into the
column labels of the catalogue (``wil.col.*``) for display and export.

Every rate here is :func:`kp2s_dashboard.subdistrict.loader.with_rates` of
summed counts (a group's prevalence is pooled: total stunted over total
measured, never a mean of rates), so a kecamatan figure is the same in the
table, on the map and in an export. These are e-PPGBM register figures
only: no survey figure (SSGI/SKI) is shown or joined at these levels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kp2s_dashboard.i18n import t
from kp2s_dashboard.subdistrict.areas import area_registry, district_name, name_key
from kp2s_dashboard.subdistrict.loader import MIN_CHILDREN, with_rates

#: Columns of :func:`area_ranking`.
RANKING_COLUMNS = ["rank", "kode_wilayah", "name", "kecamatan", "measured", "stunted", "prevalence", "ci_low",
                   "ci_high", "registered", "coverage", "small_n", "previous_period", "previous_prevalence",
                   "change", "lokus"]
#: Columns of :func:`lokus_comparison`.
LOKUS_COLUMNS = ["group", "areas", "areas_measured", "measured", "stunted", "prevalence", "ci_low", "ci_high",
                 "median_prevalence", "previous_period", "previous_prevalence", "change"]
#: Columns of :func:`district_overview`.
OVERVIEW_COLUMNS = ["district_code", "district", "level", "areas", "small_areas", "measured", "stunted", "registered",
                    "prevalence", "ci_low", "ci_high", "coverage", "small_n"]


def periods(table: pd.DataFrame, district_code: str | None = None, level: str | None = None) -> list[str]:
    """Measurement rounds present (``"2023-08"``, …), oldest first,
    optionally for one district (``"63.03"``) and level."""
    rows = _select(table, district_code, level)
    return sorted(rows["period"].unique().tolist())


def previous_period(table: pd.DataFrame, period: str, district_code: str | None = None,
                    level: str | None = None) -> str | None:
    """The round before ``period`` present for the district and level, or None."""
    earlier = [p for p in periods(table, district_code, level) if p < period]
    return earlier[-1] if earlier else None


def _select(table: pd.DataFrame, district_code: str | None, level: str | None) -> pd.DataFrame:
    rows = table
    if district_code is not None:
        rows = rows[rows["district_code"] == district_code]
    if level is not None:
        rows = rows[rows["level"] == level]
    return rows


def level_rows(table: pd.DataFrame, district_code: str, level: str, period: str,
               min_children: int = MIN_CHILDREN) -> pd.DataFrame:
    """The rows of ``level`` for one district and round. Kecamatan rows
    missing from the file are made from the sums of their desa (the loader
    has checked that a kecamatan row given agrees with its desa)."""
    rows = _select(table, district_code, level)
    rows = rows[rows["period"] == period]
    if level != "kecamatan" or not rows.empty:
        return rows.reset_index(drop=True)
    desa = _select(table, district_code, "desa")
    desa = desa[desa["period"] == period]
    if desa.empty:
        return rows.reset_index(drop=True)
    grouped = _sum(desa, ["kecamatan_code", "district_code", "year", "period"])
    names = {a.kode: a.name for a in area_registry().areas("kecamatan", district_code)}
    grouped["level"] = "kecamatan"
    grouped["kode_wilayah"] = grouped["kecamatan_code"]
    grouped["name"] = grouped["kecamatan_code"].map(names).fillna(grouped["kecamatan_code"])
    grouped["origin"] = ""
    return with_rates(grouped, min_children)


def _sum(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Summed counts per ``keys`` and the number of rows (``areas``);
    ``registered`` only where every row has it (else <NA>)."""
    grouped = rows.groupby(keys, sort=True)
    agg = grouped[["measured", "stunted"]].sum()
    registered = grouped["registered"].sum(min_count=1).astype("Int64")
    incomplete = rows["registered"].isna().groupby([rows[k] for k in keys], sort=True).any()
    agg["registered"] = registered.mask(incomplete)
    agg["areas"] = grouped.size()
    return agg.reset_index()


def area_ranking(table: pd.DataFrame, district_code: str, level: str = "desa", period: str | None = None, *,
                 lokus: pd.DataFrame | None = None, min_children: int | None = None) -> pd.DataFrame:
    """Kecamatan, puskesmas or desa of one district ranked by prevalence.

    Args:
        table: the tidy wilayah table.
        district_code: Kemendagri code, ``"63.03"``.
        level: ``kecamatan`` | ``puskesmas`` | ``desa``.
        period: the round (default: the latest of the district and level).
        lokus: a desa lokus table; its list for the round's year (else the
            latest earlier year) sets ``lokus``.
        min_children: ``small_n`` threshold (default: as loaded).

    Returns:
        :data:`RANKING_COLUMNS`: ``rank`` (Int64: 1 = highest prevalence;
        ties share the lower rank; <NA> for ``small_n`` rows, which are
        listed after the ranked ones, by prevalence: a rate from few
        children is not ranked as if it were precise), the counts
        (``measured``, ``stunted`` int64; ``registered`` Int64), rates in
        percent (``prevalence``, Wilson ``ci_low``/``ci_high``,
        ``coverage``), ``previous_period`` (str, "" when none),
        ``previous_prevalence`` and ``change`` (percentage points, NaN when
        the area was not measured in the previous round), ``lokus`` (bool;
        False for kecamatan and puskesmas). Empty when the district has no
        rows of that level.
    """
    table = table[table["district_code"] == district_code]  # once: every step below is within the district
    if period is None:
        found = periods(table, district_code, level if level != "kecamatan" else None)
        if not found:
            return pd.DataFrame(columns=RANKING_COLUMNS)
        period = found[-1]
    rows = level_rows(table, district_code, level, period)
    if rows.empty:
        return pd.DataFrame(columns=RANKING_COLUMNS)
    if min_children is not None:
        rows = with_rates(rows, min_children)
    prev = previous_period(table, period, district_code, level if level != "kecamatan" else None)
    out = rows.copy()
    def key(frame: pd.DataFrame) -> pd.Series:
        # a puskesmas has no code: the same puskesmas in any spelling ("PKM Gambut", "Puskesmas Gambut")
        return frame["kode_wilayah"] if level != "puskesmas" else frame["name"].map(lambda v: name_key(v, level))

    if prev is not None:
        before = level_rows(table, district_code, level, prev)
        before = pd.Series(before["prevalence"].to_numpy(), index=key(before))
        out["previous_prevalence"] = key(out).map(before).astype("float64")
    else:
        out["previous_prevalence"] = np.nan
    out["previous_period"] = prev or ""
    out["change"] = out["prevalence"] - out["previous_prevalence"]
    kec_names = {a.kode: a.name for a in area_registry().areas("kecamatan", district_code)}
    out["kecamatan"] = out["kecamatan_code"].map(kec_names).fillna("")
    out["lokus"] = False
    if lokus is not None and level == "desa":
        chosen = lokus_codes(lokus, district_code, int(out["year"].iloc[0]))
        out["lokus"] = out["kode_wilayah"].isin(chosen)
    precise = out[~out["small_n"] & out["prevalence"].notna()].sort_values(["prevalence", "name"],
                                                                            ascending=[False, True])
    rest = out.drop(precise.index).sort_values(["prevalence", "name"], ascending=[False, True], na_position="last")
    precise = precise.copy()
    precise["rank"] = precise["prevalence"].round(9).rank(method="min", ascending=False).astype("Int64")
    rest = rest.copy()
    rest["rank"] = pd.array([pd.NA] * len(rest), dtype="Int64")
    ranked = pd.concat([precise, rest], ignore_index=True)
    ranked["rank"] = ranked["rank"].astype("Int64")
    return ranked[RANKING_COLUMNS].reset_index(drop=True)


def lokus_codes(lokus: pd.DataFrame, district_code: str, year: int) -> set[str]:
    """Desa codes of the district's lokus list for ``year``, or of the
    latest earlier year when there is none for ``year`` (an SK lokus stays
    in force until the next); empty when there is no list."""
    rows = lokus[(lokus["district_code"] == district_code) & (lokus["year"] <= year)]
    if rows.empty:
        return set()
    return set(rows[rows["year"] == rows["year"].max()]["kode_wilayah"])


def lokus_comparison(table: pd.DataFrame, lokus: pd.DataFrame, district_code: str, period: str | None = None,
                     min_children: int = MIN_CHILDREN) -> pd.DataFrame:
    """Lokus vs non-lokus desa of one district, side by side.

    Returns:
        :data:`LOKUS_COLUMNS`, two rows (``group`` ``lokus`` then
        ``non_lokus``): ``areas`` (desa of the group in the registry),
        ``areas_measured`` (of them with a row this round), summed
        ``measured``/``stunted``, the pooled ``prevalence`` with its Wilson
        interval, the ``median_prevalence`` of the group's desa (those not
        ``small_n``), and the pooled prevalence of the previous round and
        the ``change`` in percentage points (the same desa list applied to
        both rounds). Empty when the district has no desa rows.
    """
    table = table[table["district_code"] == district_code]
    if period is None:
        found = periods(table, district_code, "desa")
        if not found:
            return pd.DataFrame(columns=LOKUS_COLUMNS)
        period = found[-1]
    rows = level_rows(table, district_code, "desa", period)
    if rows.empty:
        return pd.DataFrame(columns=LOKUS_COLUMNS)
    chosen = lokus_codes(lokus, district_code, int(rows["year"].iloc[0]))
    all_desa = {a.kode for a in area_registry().areas("desa", district_code)}
    prev = previous_period(table, period, district_code, "desa")
    before = level_rows(table, district_code, "desa", prev) if prev else rows.iloc[0:0]
    out = []
    for group, members in (("lokus", chosen), ("non_lokus", all_desa - chosen)):
        now = rows[rows["kode_wilayah"].isin(members)]
        then = before[before["kode_wilayah"].isin(members)]
        pooled = with_rates(pd.DataFrame({"measured": [int(now["measured"].sum())],
                                          "stunted": [int(now["stunted"].sum())], "registered": [pd.NA]}),
                            min_children).iloc[0]
        prev_rate = np.nan
        if not then.empty and then["measured"].sum() > 0:
            prev_rate = 100.0 * then["stunted"].sum() / then["measured"].sum()
        precise = now[~now["small_n"]]["prevalence"]
        out.append({"group": group, "areas": len(members), "areas_measured": len(now),
                    "measured": int(now["measured"].sum()), "stunted": int(now["stunted"].sum()),
                    "prevalence": pooled["prevalence"], "ci_low": pooled["ci_low"], "ci_high": pooled["ci_high"],
                    "median_prevalence": float(precise.median()) if len(precise) else np.nan,
                    "previous_period": prev or "", "previous_prevalence": prev_rate,
                    "change": pooled["prevalence"] - prev_rate})
    return pd.DataFrame(out, columns=LOKUS_COLUMNS)


def district_overview(table: pd.DataFrame, period: str | None = None,
                      min_children: int = MIN_CHILDREN) -> pd.DataFrame:
    """Per district, the sums of its desa rows (or of its kecamatan rows
    when it has no desa rows) for one round (default: each district's latest).

    These pooled e-PPGBM counts describe the areas in the file; they are not
    the district's published e-PPGBM figure and are never put beside a
    survey figure.

    Returns:
        :data:`OVERVIEW_COLUMNS`, one row per district with data: ``level``
        summed, ``areas`` (rows summed), ``small_areas`` (of them
        ``small_n``), counts, pooled rates (percent) and ``small_n`` of the
        sum; sorted by district code.
    """
    desa_districts = set(table.loc[table["level"] == "desa", "district_code"])
    rows = table[((table["level"] == "desa") & table["district_code"].isin(desa_districts))
                 | ((table["level"] == "kecamatan") & ~table["district_code"].isin(desa_districts))]
    if period is not None:
        rows = rows[rows["period"] == period]
    else:
        latest = rows.groupby("district_code")["period"].transform("max")
        rows = rows[rows["period"] == latest]
    if rows.empty:
        return pd.DataFrame(columns=OVERVIEW_COLUMNS)
    summed = _sum(rows, ["district_code", "level"])
    summed["small_areas"] = rows.groupby(["district_code", "level"], sort=True)["small_n"].sum().to_numpy()
    frame = with_rates(summed, min_children)
    frame["district"] = frame["district_code"].map(district_name)
    frame["small_areas"] = frame["small_areas"].astype("int64")
    frame["registered"] = frame["registered"].astype("Int64")
    return frame[OVERVIEW_COLUMNS].sort_values("district_code").reset_index(drop=True)


def labelled(frame: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """``frame`` with its columns named by the catalogue (``wil.col.<column>``)
    and the values of ``small_n``/``lokus`` (yes/no), ``level`` and ``group``
    in ``lang``. Columns without a key keep their name."""
    from kp2s_dashboard.i18n.catalogue import CATALOGUE

    out = frame.copy()
    for col in ("small_n", "lokus"):
        if col in out:
            out[col] = out[col].map(lambda v: t("wil.yes", lang) if bool(v) else t("wil.no", lang))
    if "level" in out:
        out["level"] = out["level"].map(lambda v: t(f"wil.level.{v}", lang))
    if "group" in out:
        out["group"] = out["group"].map(lambda v: t(f"wil.group.{v}", lang))
    return out.rename(columns={c: t(f"wil.col.{c}", lang) for c in out.columns if f"wil.col.{c}" in CATALOGUE})


#: Class of a rate from fewer children than the minimum: drawn grey and
#: hatched with its count, never in a prevalence class colour.
SMALL_N_CLASS = "small_n"
SMALL_N_COLOUR = "#e3e3e3"
#: Columns of :func:`map_classes`.
MAP_COLUMNS = ["kode_wilayah", "name", "prevalence", "measured", "small_n", "class_key", "colour", "hatched", "label"]


def map_classes(frame: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """The colour of each area for a map or a coloured table: the one place
    that decides that a rate from few children is not coloured as if it
    were precise.

    Args:
        frame: rows with ``kode_wilayah``, ``name``, ``prevalence``,
            ``measured``, ``small_n`` (e.g. :func:`area_ranking` or
            :func:`level_rows`).

    Returns:
        :data:`MAP_COLUMNS`: ``class_key`` (a key of
        :data:`kp2s_dashboard.prevalence.classes.CLASS_KEYS`, or
        :data:`SMALL_N_CLASS`), ``colour`` (hex; the WHO/UNICEF class colours
        of :mod:`kp2s_dashboard.prevalence.classes`, :data:`SMALL_N_COLOUR`
        for small denominators), ``hatched`` (bool: small denominators) and
        ``label`` (``wil.map_label`` or ``wil.map_label_small``: the rate with
        the number of children measured).
    """
    from kp2s_dashboard.i18n import fmt_pct
    from kp2s_dashboard.prevalence.classes import COLOURS, classify

    out = frame[["kode_wilayah", "name", "prevalence", "measured", "small_n"]].copy().reset_index(drop=True)
    keys = classify(out["prevalence"]).reset_index(drop=True)
    small = out["small_n"].astype(bool)
    out["class_key"] = keys.where(~small, SMALL_N_CLASS)
    out["colour"] = [SMALL_N_COLOUR if k == SMALL_N_CLASS else COLOURS[k] for k in out["class_key"]]
    out["hatched"] = small
    templates = {flag: t("wil.map_label_small" if flag else "wil.map_label", lang, value="{value}", n="{n}")
                 for flag in (False, True)}
    out["label"] = [templates[bool(is_small)].format(value=fmt_pct(None if pd.isna(rate) else float(rate), lang),
                                                     n=int(n))
                    for rate, n, is_small in zip(out["prevalence"], out["measured"], small)]
    return out[MAP_COLUMNS]
