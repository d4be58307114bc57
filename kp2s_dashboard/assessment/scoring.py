"""Totals, ranks and normalised scores derived from the tidy assessment table.

Pure functions on the ``scores`` table of
:class:`~kp2s_dashboard.assessment.model.AssessmentResult` (columns in
:data:`~kp2s_dashboard.assessment.model.SCORE_COLUMNS`), for the pages:
heatmap, ranking and totals; lagging actions, district vs province, component
breakdown and spread between assessors are in
:mod:`~kp2s_dashboard.assessment.comparisons`; the grouped reductions they
all use in :mod:`~kp2s_dashboard.assessment.reductions`.

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
  best rank (as Excel's ``RANK``). Which total a district is ranked by (one
  basis per year, never a mix of scales) is decided by
  :func:`kp2s_dashboard.assessment.result.district_result`, the one
  definition every view calls; :func:`ranking` only ranks what it is given. The change is ``rank_previous − rank``
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
from kp2s_dashboard.assessment.reductions import (
    _bool,
    _first_rows,
    _first_valid,
    _floats,
    _group_ids,
    _joined,
    _reduce,
    _reduce_sequential,
)
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
    Items are in the order they first appear in the table.

    Raises:
        ValueError: ``how`` is not one of the combine methods.
    """
    df = normalise(_scores(data))
    if df.empty:
        cols = ITEM_KEYS + ["score", "score_pct", "scale_max", "weight", "weighted", "n_assessors", "n_scored", "min_pct", "max_pct", "raw"]
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
    gid, n = _group_ids(df, ITEM_KEYS, sort=False)
    first = _first_rows(gid, n)
    scored = _bool(df["status"] == "scored")
    pct_scored = np.where(scored, _floats(df["score_pct"]), math.nan)
    out = df[ITEM_KEYS].iloc[first].reset_index(drop=True)
    out["score"] = _reduce(gid, np.where(scored, _floats(df["score"]), math.nan), n, how)
    out["score_pct"] = _reduce(gid, pct_scored, n, how)
    out["scale_max"] = _floats(df["scale_max"])[first]
    out["weight"] = _first_valid(gid, _floats(df["weight"]), n)
    out["weighted"] = _reduce(gid, _floats(df["weighted"]), n, how)
    out["n_assessors"] = np.bincount(gid, minlength=n)
    out["n_scored"] = np.bincount(gid[scored], minlength=n)
    out["min_pct"] = _reduce(gid, pct_scored, n, "min")
    out["max_pct"] = _reduce(gid, pct_scored, n, "max")
    texts = [str(v) if str(v) else "–" for v in df["raw"].fillna("")]
    out["raw"] = _joined(gid, n, texts, " / ")
    return _typed(out, {"year_assessed": "Int64", "period": "Int64", "action": "Int64", "n_assessors": "Int64", "n_scored": "Int64"})


_DTYPES = {name: pd.Series([], dtype=name).dtype for name in ("Int64", "str", "float64")}


def _typed(df: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    for column, dtype in dtypes.items():
        if column in df and df[column].dtype != _DTYPES.get(dtype, object):
            df[column] = df[column].astype(object).astype(dtype)
    for column in ("code", "indicator", "component", "level", "raw", "name", "assessor", "basis", "total_source", "best_codes", "action_name", "lowest_code", "previous_source", "weighting"):
        if column in df and df[column].dtype != _DTYPES["str"]:
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
        Sorted by year, period, code, action and component.

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
    keys = ["year_assessed", "period", "code", "action", "component"]
    gid, n = _group_ids(items, keys, sort=True)
    pct = _floats(items["score_pct"])
    weight = _floats(items["weight"])
    has = ~np.isnan(pct)
    by_indicator = np.bincount(gid[_bool(items["level"] == "indicator")], minlength=n) > 0
    n_scored = np.bincount(gid[has], minlength=n)
    weight_missing = np.bincount(gid[has & np.isnan(weight)], minlength=n) > 0
    weight_sum = _reduce(gid, np.where(has, weight, math.nan), n, "sum")
    with np.errstate(invalid="ignore"):
        by_file = by_indicator & (n_scored > 0) & ~weight_missing & (weight_sum > 0)
    # np.average: Σ score × weight ÷ Σ weight over the scored indicators
    weighted_sum = _reduce(gid, np.where(has, pct * weight, math.nan), n, "sum")
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(by_file, weighted_sum / weight_sum, _reduce(gid, pct, n, "mean"))
    with_indicator = _joined(gid, n, [f"{i}: {r}" for i, r in zip(items["indicator"], items["raw"])], "; ")
    plain = _joined(gid, n, list(items["raw"]), "; ")
    out = items[keys].iloc[_first_rows(gid, n)].reset_index(drop=True)
    out["score_pct"] = value
    out["n_items"] = np.bincount(gid, minlength=n)
    out["n_scored"] = n_scored
    out["basis"] = ["indicator" if b else "action" for b in by_indicator]
    out["weighting"] = ["file" if f else "equal" for f in by_file]
    out["raw"] = [a if b else p for a, b, p in zip(with_indicator, by_indicator, plain)]
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

    Raises:
        ValueError: ``how`` is not one of the combine methods.
    """
    scores = _scores(data)
    if totals is None and isinstance(data, AssessmentResult):
        totals = data.totals
    if totals is None:
        totals = pd.DataFrame(columns=["year_assessed", "period", "code", "component", "assessor", "kind", "value"])
    scores_n = normalise(scores)
    keys = ["year_assessed", "period", "code"]
    columns = [
        "year_assessed", "period", "code", "name", "total", "total_source", "total_workbook", "total_computed",
        "rank_workbook", "score_pct", "n_scored", "n_not_scored",
    ]
    # one row per (year, period, code): those of the scores in the order they
    # first appear, then those only the workbook's totals have
    parts = [frame[keys].reset_index(drop=True) for frame in (scores_n, totals) if len(frame)]
    both = pd.concat(parts, ignore_index=True) if len(parts) == 2 else (parts[0] if parts else None)
    if both is None:
        out = pd.DataFrame(columns=columns)
    else:
        gid, n = _group_ids(both, keys, sort=False)
        in_scores, in_totals = gid[: len(scores_n)], gid[len(scores_n):]
        out = both.iloc[_first_rows(gid, n)].reset_index(drop=True)
        status = scores_n["status"]
        n_scored = np.bincount(in_scores[_bool(status == "scored")], minlength=n)
        n_not_scored = np.bincount(in_scores[_bool(status == "not_scored")], minlength=n)
        total_workbook, rank_workbook = _workbook_totals(totals, in_totals, n, how)
        # total computed from weights and the display mean: per district and year (all periods)
        district, m = _group_ids(pd.concat([scores_n[["year_assessed", "code"]].reset_index(drop=True), out[["year_assessed", "code"]]], ignore_index=True), ["year_assessed", "code"], sort=False)
        of_scores, of_out = district[: len(scores_n)], district[len(scores_n):]
        computed = _computed_totals(scores_n, of_scores, m, how)
        display = _display_means(scores_n, of_scores, m, how)
        total_computed = computed[of_out]
        total = np.where(~np.isnan(total_workbook), total_workbook, total_computed)
        source = ["workbook" if not math.isnan(w) else ("weights" if not math.isnan(c) else "none") for w, c in zip(total_workbook, total_computed)]
        out = pd.DataFrame(
            {
                "year_assessed": out["year_assessed"],
                "period": out["period"],
                "code": out["code"],
                "name": [_name(c) for c in out["code"]],
                "total": total,
                "total_source": source,
                "total_workbook": total_workbook,
                "total_computed": total_computed,
                "rank_workbook": rank_workbook,
                "score_pct": display[of_out],
                "n_scored": n_scored,
                "n_not_scored": n_not_scored,
            },
            columns=columns,
        )
    out = _typed(out, {"year_assessed": "Int64", "period": "Int64", "rank_workbook": "Int64", "n_scored": "Int64", "n_not_scored": "Int64"})
    for column in ("total", "total_workbook", "total_computed", "score_pct"):
        out[column] = out[column].astype("float64")
    order = {c: i for i, c in enumerate(registry().district_codes())}
    out["_o"] = out["code"].map(order)
    return out.sort_values(["year_assessed", "_o"]).drop(columns="_o").reset_index(drop=True)


def _workbook_totals(totals: pd.DataFrame, gid: np.ndarray, n: int, how: str) -> tuple[np.ndarray, list[Any]]:
    """Per group (``gid`` numbers the rows of ``totals``): the workbook's own
    total (the first overall ``final`` row, else the first overall
    ``total`` row, else the per-assessor ``Jumlah`` rows combined with
    ``how``; NaN without any) and its rank (``pd.NA`` without one)."""
    total = np.full(n, math.nan)
    rank: list[Any] = [pd.NA] * n
    if not len(totals):
        return total, rank
    value = _floats(totals["value"])
    kind = totals["kind"]
    overall = _bool(totals["component"].isna() & totals["assessor"].isna())
    found = np.zeros(n, dtype=bool)
    for wanted in ("final", "total"):
        rows = np.flatnonzero(overall & _bool(kind == wanted))
        groups, index = np.unique(gid[rows], return_index=True)
        new = ~found[groups]
        total[groups[new]] = value[rows[index[new]]]
        found[groups] = True
    per_assessor = np.flatnonzero(_bool(totals["component"] == "__weighted__") & _bool(kind == "total"))
    if len(per_assessor):
        combined = _reduce(gid[per_assessor], value[per_assessor], n, how)
        use = ~found & (np.bincount(gid[per_assessor], minlength=n) > 0)
        total[use] = combined[use]
    rows = np.flatnonzero(overall & _bool(kind == "rank"))
    groups, index = np.unique(gid[rows], return_index=True)
    for group, first in zip(groups.tolist(), rows[index].tolist()):
        rank[group] = int(value[first])
    return total, rank


def _computed_totals(scores: pd.DataFrame, district: np.ndarray, m: int, how: str) -> np.ndarray:
    """Per district (``district`` numbers the rows of the normalised
    ``scores``): Σ w × component score (0–100) when every component has a
    weight and the weights add up to 1, or — for a district without
    component rows — the combined Σ Skor × Bobot per assessor of indicator
    rows that all have a Bobot and are all scored (one not-scored indicator
    leaves the district without a computed total). NaN otherwise."""
    out = np.full(m, math.nan)
    if not len(scores):
        return out
    level = scores["level"]
    scored = _bool(scores["status"] == "scored")
    weight = _floats(scores["weight"])
    is_component = _bool(level == "component")
    has_component = np.bincount(district[is_component], minlength=m) > 0

    # components: assessors of a component first, then its weight
    rows = np.flatnonzero(is_component & _bool(scores["component"].notna()))
    if len(rows):
        keyed = pd.DataFrame({"d": district[rows], "component": scores["component"].iloc[rows].to_numpy()})
        gid, n = _group_ids(keyed, ["d", "component"], sort=True)
        of_group = district[rows][_first_rows(gid, n)]
        weights = _first_valid(gid, weight[rows], n)
        values = _reduce(gid, np.where(scored[rows], _floats(scores["score_pct"])[rows], math.nan), n, how)
        unusable = np.bincount(of_group[np.isnan(weights) | np.isnan(values)], minlength=m) > 0
        weight_sum = _reduce_sequential(of_group, weights, m)
        total = _reduce_sequential(of_group, weights * values, m)
        with np.errstate(invalid="ignore"):
            ok = has_component & ~unusable & (np.abs(weight_sum - 1) <= 0.01)
        out[ok] = total[ok]

    # indicator rows with a Bobot each: Σ per assessor (the file's Nilai when
    # it gives them all, else Skor × Bobot), assessors combined with ``how``
    # a computed total exists only when every part is scored: a not-scored
    # indicator ("-") never counts as 0, the district is incomplete instead
    unscored = np.bincount(district[_bool(level == "indicator") & ~scored], minlength=m) > 0
    rows = np.flatnonzero(_bool(level == "indicator") & scored & ~has_component[district])
    if len(rows):
        of_row = district[rows]
        lacking = (np.bincount(of_row[np.isnan(weight[rows])], minlength=m) > 0) | unscored
        assessor = scores["assessor"].iloc[rows].fillna("").to_numpy()
        gid, n = _group_ids(pd.DataFrame({"d": of_row, "a": assessor}), ["d", "a"], sort=False)
        file_values = _floats(scores["weighted"])[rows]
        file_complete = np.bincount(gid[np.isnan(file_values)], minlength=n) == 0
        from_file = _reduce(gid, file_values, n, "sum")
        products = _reduce(gid, _floats(scores["score"])[rows] * weight[rows], n, "sum")
        products[np.isnan(products)] = 0.0  # a sum of nothing is 0 (pandas' Series.sum)
        sums = np.where(file_complete, from_file, products)
        combined = _reduce(of_row[_first_rows(gid, n)], sums, m, how)
        use = (np.bincount(of_row, minlength=m) > 0) & ~lacking & ~has_component
        out[use] = combined[use]
    return out


def _display_means(scores: pd.DataFrame, district: np.ndarray, m: int, how: str) -> np.ndarray:
    """Per district (``district`` numbers the rows of ``scores``): the
    unweighted mean of its action scores (each action × component the mean
    of its items), or for a district without action rows the mean of its
    component scores. NaN without either."""
    out = np.full(m, math.nan)
    if not len(scores):
        return out
    with_action = _bool(scores["action"].notna())
    has_action = np.bincount(district[with_action], minlength=m) > 0
    rows = np.flatnonzero(with_action)
    if len(rows):
        items = combine_assessors(scores.iloc[rows], how)
        of_item = _district_of(items, scores.iloc[rows], district[rows])
        by_action = items.assign(_d=of_item).groupby(["_d", "action", "component"], dropna=False)["score_pct"].mean().dropna()
        means = _reduce(by_action.index.get_level_values("_d").to_numpy(dtype="int64"), by_action.to_numpy(dtype="float64"), m, "mean")
        out[has_action] = means[has_action]
    rows = np.flatnonzero(_bool(scores["level"] == "component") & ~has_action[district])
    if len(rows):
        items = combine_assessors(scores.iloc[rows], how)
        of_item = _district_of(items, scores.iloc[rows], district[rows])
        means = _reduce(of_item, _floats(items["score_pct"]), m, "mean")
        done = np.bincount(of_item, minlength=m) > 0
        out[done] = means[done]
    return out


def _district_of(items: pd.DataFrame, rows: pd.DataFrame, district: np.ndarray) -> np.ndarray:
    """District number of each item of ``combine_assessors(rows)`` (items
    are in the order they first appear in ``rows``)."""
    gid, n = _group_ids(rows, ITEM_KEYS, sort=False)
    return district[_first_rows(gid, n)]


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
    """Rank, best (highest) first; ties share the best rank (Excel's ``RANK``).

    Values equal but for floating-point noise (41.666666666666664 and
    41.66666666666667, the same mean reached by two orders of summing) are
    ties: values are compared rounded to 9 decimals, the tolerance of
    :func:`kp2s_dashboard.assessment.ranks.rank_of`."""
    return values.astype("float64").round(9).rank(method="min", ascending=False).astype("Int64")
