"""What a new version changes: a pure comparison of two parsed tables.

Used by the *Kelola data* page to preview an upload against the version in
force before it is published, and to compare two stored versions.
"""

from __future__ import annotations

import pandas as pd

#: Columns that identify one prevalence figure (per district, year, source
#: and indicator; :data:`kp2s_dashboard.prevalence.loader.COLUMNS`).
PREVALENCE_KEY = ["code", "year", "source", "indicator"]

CHANGE_COLUMNS = [*PREVALENCE_KEY, "change", "old", "new"]


def prevalence_changes(old: pd.DataFrame | None, new: pd.DataFrame, tolerance: float = 1e-9) -> pd.DataFrame:
    """The figures that differ between two prevalence tables.

    Args:
        old: the table in force (columns of
            :data:`kp2s_dashboard.prevalence.loader.COLUMNS`, ``value_pct`` in
            percent), or ``None`` when nothing is in force.
        new: the uploaded table, same columns.
        tolerance: differences of ``value_pct`` up to this many percentage
            points count as unchanged.

    Returns:
        One row per changed figure, columns :data:`CHANGE_COLUMNS`:
        ``code`` (str), ``year`` (int), ``source``, ``indicator`` (str),
        ``change`` (``"new"``, ``"changed"`` or ``"removed"``), ``old`` and
        ``new`` (float percent, NaN where absent), sorted by code, year,
        source, indicator. Empty (with these columns) when nothing changes.
    """
    def _prep(frame: pd.DataFrame | None) -> pd.DataFrame:
        if frame is None or frame.empty:
            return pd.DataFrame({"code": pd.Series(dtype=str), "year": pd.Series(dtype="int64"),
                                 "source": pd.Series(dtype=str), "indicator": pd.Series(dtype=str),
                                 "value_pct": pd.Series(dtype=float)})
        out = frame[[*PREVALENCE_KEY, "value_pct"]].copy()
        out["code"] = out["code"].astype(str)
        out["year"] = out["year"].astype("int64")
        out["source"] = out["source"].astype(str)
        out["indicator"] = out["indicator"].astype(str)
        out["value_pct"] = pd.to_numeric(out["value_pct"], errors="coerce").astype(float)
        return out.drop_duplicates(PREVALENCE_KEY, keep="last")

    merged = _prep(old).merge(_prep(new), on=PREVALENCE_KEY, how="outer", suffixes=("_old", "_new"),
                              indicator=True)
    merged = merged.rename(columns={"value_pct_old": "old", "value_pct_new": "new"})
    change = pd.Series("", index=merged.index, dtype=object)
    change[merged["_merge"] == "right_only"] = "new"
    change[merged["_merge"] == "left_only"] = "removed"
    both = merged["_merge"] == "both"
    differs = ~((merged["old"] - merged["new"]).abs() <= tolerance) & ~(merged["old"].isna() & merged["new"].isna())
    change[both & differs] = "changed"
    merged["change"] = change
    out = merged[merged["change"] != ""][CHANGE_COLUMNS]
    return out.sort_values(PREVALENCE_KEY, kind="stable").reset_index(drop=True)


def summarise(changes: pd.DataFrame) -> dict[str, int]:
    """Counts of ``new``, ``changed`` and ``removed`` rows in a
    :func:`prevalence_changes` result (0 for absent kinds)."""
    counts = changes["change"].value_counts()
    return {k: int(counts.get(k, 0)) for k in ("new", "changed", "removed")}


#: Columns of :func:`figure_changes`.
FIGURE_CHANGE_COLUMNS = ["code", "year", "item", "change", "old", "new", "basis_old", "basis_new"]
_FIGURE_KEY = ["code", "year", "item"]


def bases_differ(old: str, new: str) -> bool:
    """True when two figures' bases (``basis`` of :func:`figure_changes`) say
    they are not the same measure: both stated and different. A basis may
    name the kind of file after ``@`` (``total@rekap``); one stored before
    kinds were kept (``total``) is compared on its basis alone.

    >>> bases_differ("total@rekap", "total@assessor"), bases_differ("total", "total@rekap"), bases_differ("", "final")
    (True, False, False)
    """
    if not old or not new or old == new:
        return False
    if ("@" in old) != ("@" in new):
        return old.split("@")[0] != new.split("@")[0]
    return True


def figure_changes(old: pd.DataFrame | None, new: pd.DataFrame | None, tolerance: float = 1e-9) -> pd.DataFrame:
    """The figures that differ between two versions of any kind.

    Args:
        old, new: figures tables (:data:`kp2s_dashboard.store.kinds.FIGURE_COLUMNS`:
            ``code`` str, ``year`` Int64 (<NA> for a kind without years),
            ``item`` str naming the figure (``SSGI · stunting``, a target's
            plan, ``rank``, ``score``, ``area_km2``), ``value`` float64 in the
            item's unit; optionally ``basis`` str, what the value is computed
            from, "" when the kind has one way); ``None`` (or empty) when
            there is none.
        tolerance: differences up to this much count as unchanged.

    Returns:
        One row per figure that is new, changed or removed, columns
        :data:`FIGURE_CHANGE_COLUMNS` (``change`` ``"new"`` | ``"changed"`` |
        ``"removed"``; ``old``/``new`` float64, NaN where absent;
        ``basis_old``/``basis_new`` str, "" where absent), sorted by code,
        year, item. A figure present on both sides with NaN on both (e.g. a
        national award, which has no value) is unchanged; one whose basis
        differs is changed even when the value is equal (a Nilai Akhir of 80
        and a computed total of 80 are not the same figure).
    """
    def _prep(frame: pd.DataFrame | None) -> pd.DataFrame:
        cols = {"code": pd.Series(dtype=str), "year": pd.Series(dtype="Int64"), "item": pd.Series(dtype=str),
                "value": pd.Series(dtype=float), "basis": pd.Series(dtype=str)}
        if frame is None or frame.empty:
            return pd.DataFrame(cols)
        out = frame[[*_FIGURE_KEY, "value"]].copy()
        out["basis"] = frame["basis"].fillna("").astype(str) if "basis" in frame.columns else ""
        out["code"] = out["code"].astype(str)
        out["year"] = out["year"].astype("Int64").fillna(-1)
        out["item"] = out["item"].astype(str)
        out["value"] = pd.to_numeric(out["value"], errors="coerce").astype(float)
        return out.drop_duplicates(_FIGURE_KEY, keep="last")

    a, b = _prep(old), _prep(new)
    a["year"] = a["year"].astype("Int64").fillna(-1)
    b["year"] = b["year"].astype("Int64").fillna(-1)
    merged = a.merge(b, on=_FIGURE_KEY, how="outer", suffixes=("_old", "_new"), indicator=True)
    merged = merged.rename(columns={"value_old": "old", "value_new": "new"})
    change = pd.Series("", index=merged.index, dtype=object)
    change[merged["_merge"] == "right_only"] = "new"
    change[merged["_merge"] == "left_only"] = "removed"
    both = merged["_merge"] == "both"
    one_missing = merged["old"].isna() ^ merged["new"].isna()
    differs = ((merged["old"] - merged["new"]).abs() > tolerance) | one_missing
    basis_old, basis_new = merged["basis_old"].fillna("").astype(str), merged["basis_new"].fillna("").astype(str)
    differs |= pd.Series([bases_differ(x, y) for x, y in zip(basis_old, basis_new)], index=merged.index, dtype=bool)
    merged["basis_old"], merged["basis_new"] = basis_old, basis_new
    change[both & differs] = "changed"
    merged["change"] = change
    out = merged[merged["change"] != ""].copy()
    out["year"] = out["year"].astype("Int64").mask(out["year"] == -1)
    out = out[FIGURE_CHANGE_COLUMNS].sort_values(_FIGURE_KEY, kind="stable").reset_index(drop=True)
    out["old"] = out["old"].astype(float)
    out["new"] = out["new"].astype(float)
    return out
