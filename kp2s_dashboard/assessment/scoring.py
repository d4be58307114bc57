"""Totals, ranks and normalised scores derived from the tidy assessment table.

Pure functions on the ``scores`` table of
:class:`~kp2s_dashboard.assessment.model.AssessmentResult` (columns in
:data:`~kp2s_dashboard.assessment.model.SCORE_COLUMNS`), for the pages:
heatmap, ranking, lagging actions, district vs province, component
breakdown and spread between assessors.

Rules (no official formula was found, kp2s_framework.md §2.3):

- **Normalising** to 0–100: ``score_pct = 100 × score / scale_max`` (share
  of the scale's maximum, the usual "skor perolehan ÷ skor maksimum × 100"
  of Indonesian rubrics). With the assumed A=4 … D=1 mapping a letter grade
  gives 100/75/50/25 — the same as the other candidate mapping
  A=100 … D=25. Not-scored cells stay missing, never zero.
- **Assessors** are combined per item by the instrument's method (mean
  unless configured) before anything else.
- **Totals**: the workbook's own total is shown when it has one
  (``Nilai Akhir`` before ``Jumlah``/``Total``); a total is computed only
  from weights the file or the instrument states (component weights, or
  the ``Bobot`` of each indicator). Weights are never invented: without
  them ``total`` is missing and ``total_source`` is ``"none"``.
- **Ranks**: descending total within an assessment year; ties share the
  best rank (as Excel's ``RANK``). The change is ``rank_previous − rank``
  (positive = moved up).
- ``score_pct`` means of actions or components are *unweighted display
  aids* (string ``asm.note_unweighted_mean``), never used for ranks.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from kp2s_dashboard.assessment.instruments import COMBINE_METHODS
from kp2s_dashboard.assessment.model import AssessmentResult
from kp2s_dashboard.regions import registry

ITEM_KEYS = ["year_assessed", "period", "code", "action", "indicator", "component", "level"]


def _scores(data: AssessmentResult | pd.DataFrame) -> pd.DataFrame:
    return data.scores if isinstance(data, AssessmentResult) else data


def _name(code: str) -> str:
    try:
        return registry().short_name(code)
    except Exception:
        return code


def _agg(values: pd.Series, how: str) -> float:
    values = values.dropna()
    if values.empty:
        return math.nan
    if how == "mean":
        return float(values.mean())
    if how == "median":
        return float(values.median())
    if how == "sum":
        return float(values.sum())
    if how == "min":
        return float(values.min())
    if how == "max":
        return float(values.max())
    raise ValueError(f"how must be one of {COMBINE_METHODS}")


def normalise(scores: pd.DataFrame) -> pd.DataFrame:
    """``scores`` with a ``score_pct`` column (float64, 0–100, NaN when not
    scored): ``100 × score / scale_max``."""
    out = scores.copy()
    out["score_pct"] = (100.0 * out["score"].astype("float64") / out["scale_max"].astype("float64")).astype("float64")
    return out


def combine_assessors(data: AssessmentResult | pd.DataFrame, how: str = "mean") -> pd.DataFrame:
    """One row per item (district × action × indicator × component × level),
    assessors combined with ``how`` (mean | median | sum | min | max).

    Returns columns: ``year_assessed`` Int64, ``period`` Int64, ``code``
    str, ``action`` Int64, ``indicator`` str, ``component`` str, ``level``
    str, ``score`` float64 (combined, on the item's scale), ``score_pct``
    float64 (combined normalised score 0–100), ``scale_max`` float64,
    ``weight`` float64 (the item's weight if the file gives one),
    ``weighted`` float64 (combined file ``Nilai``), ``n_assessors`` Int64
    (rows read), ``n_scored`` Int64, ``min_pct``/``max_pct`` float64
    (range between assessors), ``raw`` str (the raw values joined with
    `` / ``, for tooltips). Items where nobody scored have NaN scores.
    """
    df = normalise(_scores(data))
    if df.empty:
        cols = ITEM_KEYS + ["score", "score_pct", "scale_max", "weight", "weighted", "n_assessors", "n_scored", "min_pct", "max_pct", "raw"]
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
    records = []
    for keys, group in df.groupby(ITEM_KEYS, dropna=False, sort=False):
        scored = group[group["status"] == "scored"]
        records.append(
            {
                **dict(zip(ITEM_KEYS, keys)),
                "score": _agg(scored["score"], how),
                "score_pct": _agg(scored["score_pct"], how),
                "scale_max": float(group["scale_max"].iloc[0]),
                "weight": float(group["weight"].dropna().iloc[0]) if group["weight"].notna().any() else math.nan,
                "weighted": _agg(group["weighted"], how),
                "n_assessors": len(group),
                "n_scored": len(scored),
                "min_pct": float(scored["score_pct"].min()) if len(scored) else math.nan,
                "max_pct": float(scored["score_pct"].max()) if len(scored) else math.nan,
                "raw": " / ".join(str(v) if str(v) else "–" for v in group["raw"].fillna("")),
            }
        )
    out = pd.DataFrame.from_records(records)
    return _typed(out, {"year_assessed": "Int64", "period": "Int64", "action": "Int64", "n_assessors": "Int64", "n_scored": "Int64"})


def _typed(df: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    for column, dtype in dtypes.items():
        if column in df:
            df[column] = df[column].astype(object).astype(dtype)
    for column in ("code", "indicator", "component", "level", "raw", "name", "assessor", "basis", "total_source", "best_codes", "action_name", "lowest_code", "previous_source", "weighting"):
        if column in df:
            df[column] = df[column].astype(object).astype("str")
    return df


def action_components(data: AssessmentResult | pd.DataFrame) -> list[str | None]:
    """Components that carry per-action scores (None stands for scores with
    no component). A page offers these as choices for the heatmap."""
    df = _scores(data)
    rows = df[df["action"].notna()]
    out: list[str | None] = []
    for value in rows["component"].drop_duplicates():
        out.append(None if pd.isna(value) else str(value))
    return out


def action_scores(data: AssessmentResult | pd.DataFrame, component: str | None = None, how: str = "mean") -> pd.DataFrame:
    """Normalised score (0–100) per district and action: the heatmap's cells.

    Indicator rows: assessors combined per indicator (``how``), then the
    action's score is the mean of its indicators' ``score_pct`` weighted by
    the file's ``Bobot`` when every scored indicator of that action has one
    (``weighting = "file"``), else unweighted (``"equal"``). Action-level
    rows (rekap): assessors combined.

    Args:
        component: keep only this component; ``None`` keeps rows without a
            component, or all rows when the table has exactly one
            component with per-action scores.

    Returns:
        Columns ``year_assessed`` Int64, ``period`` Int64, ``code`` str,
        ``action`` Int64, ``component`` str, ``score_pct`` float64 (NaN
        when nothing was scored), ``n_items`` Int64 (indicators or cells),
        ``n_scored`` Int64, ``basis`` str (``indicator`` | ``action``),
        ``weighting`` str, ``raw`` str (raw values for the tooltip).

    Raises:
        ValueError: ``component=None`` while several components carry
            per-action scores (choose one with :func:`action_components`).
    """
    df = _scores(data)
    df = df[df["action"].notna()]
    choices = action_components(df)
    if component is None:
        if len(choices) > 1:
            raise ValueError(f"several components carry per-action scores: {choices}; pass component=")
    else:
        df = df[df["component"] == component]
    items = combine_assessors(df, how)
    if items.empty:
        return _typed(
            pd.DataFrame(columns=["year_assessed", "period", "code", "action", "component", "score_pct", "n_items", "n_scored", "basis", "weighting", "raw"]),
            {"year_assessed": "Int64", "period": "Int64", "action": "Int64", "n_items": "Int64", "n_scored": "Int64", "score_pct": "float64"},
        )
    records = []
    keys = ["year_assessed", "period", "code", "action", "component"]
    for key, group in items.groupby(keys, dropna=False, sort=True):
        scored = group[group["score_pct"].notna()]
        basis = "indicator" if (group["level"] == "indicator").any() else "action"
        weighting = "equal"
        if scored.empty:
            value = math.nan
        elif basis == "indicator" and scored["weight"].notna().all() and scored["weight"].sum() > 0:
            value = float(np.average(scored["score_pct"], weights=scored["weight"]))
            weighting = "file"
        else:
            value = float(scored["score_pct"].mean())
        if basis == "indicator":
            raw = "; ".join(f"{i}: {r}" for i, r in zip(group["indicator"], group["raw"]))
        else:
            raw = "; ".join(group["raw"])
        records.append(
            {
                **dict(zip(keys, key)),
                "score_pct": value,
                "n_items": len(group),
                "n_scored": int(group["score_pct"].notna().sum()),
                "basis": basis,
                "weighting": weighting,
                "raw": raw,
            }
        )
    out = pd.DataFrame.from_records(records)
    return _typed(out, {"year_assessed": "Int64", "period": "Int64", "action": "Int64", "n_items": "Int64", "n_scored": "Int64", "score_pct": "float64"})


def action_matrix(data: AssessmentResult | pd.DataFrame, component: str | None = None, how: str = "mean") -> pd.DataFrame:
    """The heatmap as a wide table: index ``code`` (str, registry order),
    columns the action numbers (int), values ``score_pct`` (float64, 0–100,
    NaN when not scored). One assessment year is expected; with several,
    the latest is used. Raw values for tooltips: :func:`action_scores`."""
    scores = action_scores(data, component, how)
    if scores.empty:
        return pd.DataFrame(dtype="float64")
    latest = scores["year_assessed"].max()
    if pd.notna(latest):
        scores = scores[scores["year_assessed"] == latest]
    wide = scores.pivot_table(index="code", columns="action", values="score_pct", aggfunc="first", dropna=False)
    order = [c for c in registry().district_codes() if c in wide.index]
    wide = wide.reindex(order)
    wide.columns = [int(c) for c in wide.columns]
    wide.index = wide.index.astype("str")
    wide.index.name = "code"
    return wide.astype("float64")


def district_totals(data: AssessmentResult | pd.DataFrame, totals: pd.DataFrame | None = None, how: str = "mean") -> pd.DataFrame:
    """One row per district and assessment year with the total to rank by.

    Args:
        data: an :class:`AssessmentResult` (its ``totals`` are used) or a
            ``scores`` DataFrame (then pass the file's ``totals``).
        totals: the workbook's own totals (``AssessmentResult.totals``).
        how: how assessors' totals combine (the instrument's ``combine``).

    Returns:
        Columns ``year_assessed`` Int64, ``period`` Int64, ``code`` str,
        ``name`` str, ``total`` float64 (what ranks use), ``total_source``
        str (``workbook`` | ``weights`` | ``none``), ``total_workbook``
        float64 (the file's ``Nilai Akhir``, else its ``Jumlah``/``Total``;
        per-assessor ``Jumlah`` rows combined with ``how``),
        ``total_computed`` float64 (Σ weight × component score, 0–100, when
        every component has a known weight; or Σ Skor × Bobot per assessor
        combined with ``how``, in the file's units), ``rank_workbook``
        Int64 (``Peringkat`` in the file), ``score_pct`` float64
        (unweighted mean of the action or component scores, 0–100; a
        display aid), ``n_scored`` Int64, ``n_not_scored`` Int64. Ordered
        by year and registry code.
    """
    scores = _scores(data)
    if totals is None and isinstance(data, AssessmentResult):
        totals = data.totals
    if totals is None:
        totals = pd.DataFrame(columns=["year_assessed", "period", "code", "component", "assessor", "kind", "value"])
    scores_n = normalise(scores)
    keys = ["year_assessed", "period", "code"]
    records: dict[tuple, dict[str, Any]] = {}
    for key, group in scores_n.groupby(keys, dropna=False, sort=False):
        records[key] = {
            **dict(zip(keys, key)),
            "n_scored": int((group["status"] == "scored").sum()),
            "n_not_scored": int((group["status"] == "not_scored").sum()),
            "total_workbook": math.nan,
            "total_computed": math.nan,
            "rank_workbook": pd.NA,
        }
    for key, group in totals.groupby(keys, dropna=False, sort=False):
        rec = records.setdefault(
            key,
            {**dict(zip(keys, key)), "n_scored": 0, "n_not_scored": 0, "total_workbook": math.nan, "total_computed": math.nan, "rank_workbook": pd.NA},
        )
        overall = group[group["component"].isna() & group["assessor"].isna()]
        for kind in ("final", "total"):
            hit = overall[overall["kind"] == kind]
            if len(hit):
                rec["total_workbook"] = float(hit["value"].iloc[0])
                break
        else:
            per_assessor = group[(group["component"] == "__weighted__") & (group["kind"] == "total")]
            if len(per_assessor):
                rec["total_workbook"] = _agg(per_assessor["value"], how)
        rank = overall[overall["kind"] == "rank"]
        if len(rank):
            rec["rank_workbook"] = int(rank["value"].iloc[0])
    for key, rec in records.items():
        group = scores_n[(scores_n["code"] == key[2]) & _eq(scores_n["year_assessed"], key[0])]
        rec["total_computed"] = _computed_total(group, how)
        pct = _display_mean(group, how)
        rec["score_pct"] = pct
        if not math.isnan(rec["total_workbook"]):
            rec["total"], rec["total_source"] = rec["total_workbook"], "workbook"
        elif not math.isnan(rec["total_computed"]):
            rec["total"], rec["total_source"] = rec["total_computed"], "weights"
        else:
            rec["total"], rec["total_source"] = math.nan, "none"
        rec["name"] = _name(key[2])
    columns = [
        "year_assessed", "period", "code", "name", "total", "total_source", "total_workbook", "total_computed",
        "rank_workbook", "score_pct", "n_scored", "n_not_scored",
    ]
    out = pd.DataFrame.from_records(list(records.values()), columns=columns)
    out = _typed(out, {"year_assessed": "Int64", "period": "Int64", "rank_workbook": "Int64", "n_scored": "Int64", "n_not_scored": "Int64"})
    for column in ("total", "total_workbook", "total_computed", "score_pct"):
        out[column] = out[column].astype("float64")
    order = {c: i for i, c in enumerate(registry().district_codes())}
    out["_o"] = out["code"].map(order)
    return out.sort_values(["year_assessed", "_o"]).drop(columns="_o").reset_index(drop=True)


def _eq(series: pd.Series, value: Any) -> pd.Series:
    if pd.isna(value):
        return series.isna()
    return series == value


def _computed_total(group: pd.DataFrame, how: str) -> float:
    """Σ w × component score (0–100) with weights for every component, or the
    combined Σ Skor × Bobot of indicator rows that all have a Bobot."""
    comp = group[group["level"] == "component"]
    if len(comp):
        per_component = {}
        weights = {}
        for name, rows in comp.groupby("component"):
            if rows["weight"].isna().all():
                return math.nan
            weights[name] = float(rows["weight"].dropna().iloc[0])
            # assessors of a component first, then its weight
            per_component[name] = _agg(rows.loc[rows["status"] == "scored", "score_pct"], how)
        if abs(sum(weights.values()) - 1) > 0.01 or any(math.isnan(v) for v in per_component.values()):
            return math.nan
        return float(sum(weights[c] * per_component[c] for c in weights))
    ind = group[(group["level"] == "indicator") & (group["status"] == "scored")]
    if len(ind) and ind["weight"].notna().all():
        sums = []
        for _, rows in ind.assign(_a=ind["assessor"].fillna("")).groupby("_a", sort=False):
            file_values = rows["weighted"]
            if file_values.notna().all():
                sums.append(float(file_values.sum()))
            else:
                sums.append(float((rows["score"] * rows["weight"]).sum()))
        return _agg(pd.Series(sums, dtype="float64"), how)
    return math.nan


def _display_mean(group: pd.DataFrame, how: str) -> float:
    actions = group[group["action"].notna()]
    if len(actions):
        per = combine_assessors(actions, how)
        by_action = per.groupby(["action", "component"], dropna=False)["score_pct"].mean()
        by_action = by_action.dropna()
        return float(by_action.mean()) if len(by_action) else math.nan
    comps = group[group["level"] == "component"]
    if len(comps):
        per = combine_assessors(comps, how)
        values = per["score_pct"].dropna()
        return float(values.mean()) if len(values) else math.nan
    return math.nan


def ranking(
    totals: pd.DataFrame,
    year_assessed: int,
    previous: pd.DataFrame | None = None,
    by: str = "total",
) -> pd.DataFrame:
    """The ranking of one assessment year with the change since the previous one.

    Args:
        totals: :func:`district_totals` output, possibly for several years
            (concatenate the results of several workbooks).
        year_assessed: the year to rank.
        previous: other ranks to compare with, e.g.
            :func:`kp2s_dashboard.assessment.published.published_ranks`
            (columns ``year_assessed``, ``code``, ``rank``, ``source``).
            Ranks computed from ``totals`` of an earlier year come first.
        by: ``"total"`` (default) or ``"score_pct"`` (the unweighted
            display mean; only when the caller says so, e.g. a matrix form
            without totals, labelled with ``asm.note_unweighted_mean``).

    Returns:
        One row per district of that year, best first: ``year_assessed``
        Int64, ``period`` Int64, ``code`` str, ``name`` str, ``total``
        float64 (the value ranked), ``total_source`` str, ``rank`` Int64
        (ties share the best rank; <NA> without a total), ``rank_workbook``
        Int64, ``previous_year_assessed`` Int64 (latest earlier year with a
        rank for that district), ``rank_previous`` Int64, ``rank_change``
        Int64 (``rank_previous − rank``; positive = moved up),
        ``previous_source`` str (``workbook`` | ``published``).
    """
    if by not in ("total", "score_pct"):
        raise ValueError("by must be 'total' or 'score_pct'")
    current = totals[totals["year_assessed"] == year_assessed].copy()
    current["total"] = current[by].astype("float64")
    current["rank"] = _rank(current["total"])
    candidates = []
    for year in sorted({int(y) for y in totals["year_assessed"].dropna() if int(y) < year_assessed}):
        earlier = totals[totals["year_assessed"] == year]
        ranks = _rank(earlier[by].astype("float64"))
        for code, rank in zip(earlier["code"], ranks):
            if pd.notna(rank):
                candidates.append({"year_assessed": year, "code": code, "rank": int(rank), "source": "workbook", "_p": 0})
    if previous is not None and len(previous):
        for row in previous.itertuples(index=False):
            if pd.notna(row.rank) and pd.notna(row.year_assessed) and int(row.year_assessed) < year_assessed:
                candidates.append(
                    {"year_assessed": int(row.year_assessed), "code": row.code, "rank": int(row.rank), "source": getattr(row, "source", "published"), "_p": 1}
                )
    best: dict[str, dict[str, Any]] = {}
    for cand in sorted(candidates, key=lambda c: (c["year_assessed"], -c["_p"])):
        best[cand["code"]] = cand  # latest year wins; within a year the workbook wins
    current["previous_year_assessed"] = [best.get(c, {}).get("year_assessed", pd.NA) for c in current["code"]]
    current["rank_previous"] = [best.get(c, {}).get("rank", pd.NA) for c in current["code"]]
    current["previous_source"] = [best.get(c, {}).get("source") for c in current["code"]]
    current = _typed(current, {"rank": "Int64", "previous_year_assessed": "Int64", "rank_previous": "Int64"})
    current["rank_change"] = (current["rank_previous"] - current["rank"]).astype("Int64")
    columns = [
        "year_assessed", "period", "code", "name", "total", "total_source", "rank", "rank_workbook",
        "previous_year_assessed", "rank_previous", "rank_change", "previous_source",
    ]
    current = current.sort_values(["rank", "code"], na_position="last")
    return current[columns].reset_index(drop=True)


def _rank(values: pd.Series) -> pd.Series:
    return values.rank(method="min", ascending=False).astype("Int64")


def lagging_actions(data: AssessmentResult | pd.DataFrame, component: str | None = None, how: str = "mean", instrument: Any = None, lang: str = "id") -> pd.DataFrame:
    """Which actions lag across the province (lowest mean first).

    Returns one row per action: ``action`` Int64, ``action_name`` str
    (from ``instrument`` if given, else ``"Aksi n"``), ``mean_pct``,
    ``median_pct``, ``min_pct``, ``max_pct`` float64 (over districts,
    0–100), ``n_districts`` Int64 (districts with a score),
    ``lowest_code`` str (district with the lowest score), ``gap_to_best``
    float64 (best action's mean − this mean, points), ``lag_rank`` Int64
    (1 = most lagging). Uses the latest year in the data.
    """
    scores = action_scores(data, component, how)
    if scores.empty:
        return pd.DataFrame(columns=["action", "action_name", "mean_pct", "median_pct", "min_pct", "max_pct", "n_districts", "lowest_code", "gap_to_best", "lag_rank"])
    latest = scores["year_assessed"].max()
    if pd.notna(latest):
        scores = scores[scores["year_assessed"] == latest]
    records = []
    for action, group in scores.groupby("action"):
        valid = group.dropna(subset=["score_pct"])
        records.append(
            {
                "action": int(action),
                "action_name": instrument.action_name(int(action), lang) if instrument is not None else f"Aksi {int(action)}",
                "mean_pct": float(valid["score_pct"].mean()) if len(valid) else math.nan,
                "median_pct": float(valid["score_pct"].median()) if len(valid) else math.nan,
                "min_pct": float(valid["score_pct"].min()) if len(valid) else math.nan,
                "max_pct": float(valid["score_pct"].max()) if len(valid) else math.nan,
                "n_districts": len(valid),
                "lowest_code": str(valid.loc[valid["score_pct"].idxmin(), "code"]) if len(valid) else None,
            }
        )
    out = pd.DataFrame.from_records(records)
    out["gap_to_best"] = out["mean_pct"].max() - out["mean_pct"]
    out = out.sort_values(["mean_pct", "action"]).reset_index(drop=True)
    out["lag_rank"] = range(1, len(out) + 1)
    return _typed(out, {"action": "Int64", "n_districts": "Int64", "lag_rank": "Int64"})


def district_vs_province(data: AssessmentResult | pd.DataFrame, code: str, component: str | None = None, how: str = "mean") -> pd.DataFrame:
    """One district against the province mean and the best district, per action.

    Returns one row per action: ``action`` Int64, ``district_pct``,
    ``province_mean``, ``best_pct`` float64 (0–100), ``best_codes`` str
    (codes of the best district(s), comma-separated), ``gap_to_mean``,
    ``gap_to_best`` float64 (district − mean, district − best; points).
    The province mean is the unweighted mean over districts with a score.
    Uses the latest year in the data. Raises KeyError when ``code`` has
    no scores.
    """
    scores = action_scores(data, component, how)
    latest = scores["year_assessed"].max()
    if pd.notna(latest):
        scores = scores[scores["year_assessed"] == latest]
    if code not in set(scores["code"]):
        raise KeyError(code)
    records = []
    for action, group in scores.groupby("action"):
        valid = group.dropna(subset=["score_pct"])
        own = group.loc[group["code"] == code, "score_pct"]
        own_value = float(own.iloc[0]) if len(own) and pd.notna(own.iloc[0]) else math.nan
        best = float(valid["score_pct"].max()) if len(valid) else math.nan
        mean = float(valid["score_pct"].mean()) if len(valid) else math.nan
        best_codes = ", ".join(valid.loc[np.isclose(valid["score_pct"], best), "code"]) if len(valid) else ""
        records.append(
            {
                "action": int(action),
                "district_pct": own_value,
                "province_mean": mean,
                "best_pct": best,
                "best_codes": best_codes,
                "gap_to_mean": own_value - mean,
                "gap_to_best": own_value - best,
            }
        )
    out = pd.DataFrame.from_records(records)
    return _typed(out, {"action": "Int64"})


def component_breakdown(data: AssessmentResult | pd.DataFrame, how: str = "mean") -> pd.DataFrame:
    """Score per district and component.

    Returns: ``year_assessed`` Int64, ``code`` str, ``component`` str,
    ``score_pct`` float64 (0–100: the component's own score with assessors
    combined; for a component scored per action, the unweighted mean of its
    actions — a display aid), ``basis`` str (``component`` | ``action``),
    ``weight`` float64 (known weight, fraction; NaN if unknown),
    ``contribution`` float64 (weight × score_pct; NaN without a weight).
    Rows without a component are left out (there is nothing to break down).
    """
    df = _scores(data)
    df = df[df["component"].notna()]
    items = combine_assessors(df, how)
    records = []
    for (year, code, component), group in items.groupby(["year_assessed", "code", "component"], dropna=False, sort=False):
        comp_rows = group[group["level"] == "component"]
        if len(comp_rows):
            value = float(comp_rows["score_pct"].mean()) if comp_rows["score_pct"].notna().any() else math.nan
            weight = float(comp_rows["weight"].dropna().iloc[0]) if comp_rows["weight"].notna().any() else math.nan
            basis = "component"
        else:
            values = group["score_pct"].dropna()
            value = float(values.mean()) if len(values) else math.nan
            weight = math.nan
            basis = "action"
        records.append(
            {
                "year_assessed": year,
                "code": code,
                "component": component,
                "score_pct": value,
                "basis": basis,
                "weight": weight,
                "contribution": weight * value if not math.isnan(weight) else math.nan,
            }
        )
    out = pd.DataFrame.from_records(records, columns=["year_assessed", "code", "component", "score_pct", "basis", "weight", "contribution"])
    return _typed(out, {"year_assessed": "Int64"})


def assessor_spread(data: AssessmentResult | pd.DataFrame, by: str = "item") -> pd.DataFrame:
    """How far assessors are apart (max − min of normalised scores).

    Args:
        by: ``"item"`` — one row per district × action × indicator ×
            component scored by two or more assessors; ``"district"`` —
            one row per district with the mean and largest spread.

    Returns (``item``): ``year_assessed`` Int64, ``code`` str, ``action``
    Int64, ``indicator`` str, ``component`` str, ``n_assessors`` Int64
    (assessors who scored), ``min_pct``, ``max_pct``, ``mean_pct``,
    ``spread_pct`` float64 (points on 0–100). (``district``):
    ``year_assessed``, ``code``, ``n_items`` Int64, ``mean_spread_pct``,
    ``max_spread_pct`` float64. Empty when the file has no assessors.
    """
    df = normalise(_scores(data))
    df = df[df["assessor"].notna() & (df["status"] == "scored")]
    records = []
    for keys, group in df.groupby(ITEM_KEYS, dropna=False, sort=False):
        if group["assessor"].nunique() < 2:
            continue
        key = dict(zip(ITEM_KEYS, keys))
        records.append(
            {
                "year_assessed": key["year_assessed"],
                "code": key["code"],
                "action": key["action"],
                "indicator": key["indicator"],
                "component": key["component"],
                "n_assessors": int(group["assessor"].nunique()),
                "min_pct": float(group["score_pct"].min()),
                "max_pct": float(group["score_pct"].max()),
                "mean_pct": float(group["score_pct"].mean()),
                "spread_pct": float(group["score_pct"].max() - group["score_pct"].min()),
            }
        )
    items = pd.DataFrame.from_records(
        records,
        columns=["year_assessed", "code", "action", "indicator", "component", "n_assessors", "min_pct", "max_pct", "mean_pct", "spread_pct"],
    )
    items = _typed(items, {"year_assessed": "Int64", "action": "Int64", "n_assessors": "Int64"})
    if by == "item":
        return items
    if by != "district":
        raise ValueError("by must be 'item' or 'district'")
    if items.empty:
        return pd.DataFrame(columns=["year_assessed", "code", "n_items", "mean_spread_pct", "max_spread_pct"])
    out = (
        items.groupby(["year_assessed", "code"], sort=False)["spread_pct"]
        .agg(n_items="count", mean_spread_pct="mean", max_spread_pct="max")
        .reset_index()
    )
    return _typed(out, {"year_assessed": "Int64", "n_items": "Int64"})
