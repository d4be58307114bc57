"""Province-wide views of the assessment scores, for the pages.

Lagging actions (:func:`lagging_actions`), one district against the
province mean and the best district (:func:`district_vs_province`), the
score per component (:func:`component_breakdown`) and the spread between
assessors (:func:`assessor_spread`). All start from
:mod:`~kp2s_dashboard.assessment.scoring` (normalised 0–100 scores,
assessors combined); the rules are in that module's docstring.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from kp2s_dashboard.assessment.model import AssessmentResult
from kp2s_dashboard.assessment.reductions import _first_rows, _first_valid, _floats, _bool, _group_ids, _reduce, _slices
from kp2s_dashboard.assessment.scoring import ITEM_KEYS, _scores, _typed, action_scores, combine_assessors, normalise


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
    return lagging_from_action_scores(action_scores(data, component, how), instrument, lang)


def lagging_from_action_scores(scores: pd.DataFrame, instrument: Any = None, lang: str = "id") -> pd.DataFrame:
    """:func:`lagging_actions` from :func:`action_scores` already computed
    (same columns and values), so that a caller holding the action scores
    does not compute them twice."""
    if scores.empty:
        return pd.DataFrame(columns=["action", "action_name", "mean_pct", "median_pct", "min_pct", "max_pct", "n_districts", "lowest_code", "gap_to_best", "lag_rank"])
    latest = scores["year_assessed"].max()
    if pd.notna(latest):
        scores = scores[scores["year_assessed"] == latest]
    scores = scores[scores["action"].notna()]
    gid, n = _group_ids(scores, ["action"], sort=True)
    pct = _floats(scores["score_pct"])
    valid = ~np.isnan(pct)
    mean, median = _reduce(gid, pct, n, "mean"), _reduce(gid, pct, n, "median")
    low, high = _reduce(gid, pct, n, "min"), _reduce(gid, pct, n, "max")
    counts = np.bincount(gid[valid], minlength=n)
    lowest: list[str | None] = [None] * n
    rows = np.flatnonzero(valid & (pct == low[gid]))
    groups, index = np.unique(gid[rows], return_index=True)  # the first district with the lowest score
    codes = scores["code"].to_numpy()
    for group, row in zip(groups.tolist(), rows[index].tolist()):
        lowest[group] = str(codes[row])
    actions = scores["action"].to_numpy()[_first_rows(gid, n)]
    records = []
    for i, action in enumerate(actions):
        records.append(
            {
                "action": int(action),
                "action_name": instrument.action_name(int(action), lang) if instrument is not None else f"Aksi {int(action)}",
                "mean_pct": float(mean[i]),
                "median_pct": float(median[i]),
                "min_pct": float(low[i]),
                "max_pct": float(high[i]),
                "n_districts": int(counts[i]),
                "lowest_code": lowest[i],
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
    scores = scores[scores["action"].notna()]
    gid, n = _group_ids(scores, ["action"], sort=True)
    pct = _floats(scores["score_pct"])
    codes = scores["code"].to_numpy()
    mean, best = _reduce(gid, pct, n, "mean"), _reduce(gid, pct, n, "max")
    own = np.full(n, math.nan)
    rows = np.flatnonzero(codes == code)
    groups, index = np.unique(gid[rows], return_index=True)
    own[groups] = pct[rows[index]]
    order, starts, counts = _slices(gid, n)
    actions = scores["action"].to_numpy()[_first_rows(gid, n)]
    records = []
    for i, action in enumerate(actions):
        part = order[starts[i]:starts[i] + counts[i]]
        part = part[~np.isnan(pct[part])]
        best_codes = ", ".join(codes[part][np.isclose(pct[part], best[i])]) if len(part) else ""
        records.append(
            {
                "action": int(action),
                "district_pct": float(own[i]),
                "province_mean": float(mean[i]),
                "best_pct": float(best[i]),
                "best_codes": best_codes,
                "gap_to_mean": float(own[i]) - float(mean[i]),
                "gap_to_best": float(own[i]) - float(best[i]),
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
    columns = ["year_assessed", "code", "component", "score_pct", "basis", "weight", "contribution"]
    if items.empty:
        return _typed(pd.DataFrame.from_records([], columns=columns), {"year_assessed": "Int64"})
    gid, n = _group_ids(items, ["year_assessed", "code", "component"], sort=False)
    pct = _floats(items["score_pct"])
    own = _bool(items["level"] == "component")
    has_own = np.bincount(gid[own], minlength=n) > 0
    value = np.where(has_own, _reduce(gid, np.where(own, pct, math.nan), n, "mean"), _reduce(gid, pct, n, "mean"))
    weight = np.where(has_own, _first_valid(gid, np.where(own, _floats(items["weight"]), math.nan), n), math.nan)
    out = items[["year_assessed", "code", "component"]].iloc[_first_rows(gid, n)].reset_index(drop=True)
    out["score_pct"] = value
    out["basis"] = ["component" if h else "action" for h in has_own]
    out["weight"] = weight
    out["contribution"] = np.where(np.isnan(weight), math.nan, weight * value)
    return _typed(out[columns], {"year_assessed": "Int64"})


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
    columns = ["year_assessed", "code", "action", "indicator", "component", "n_assessors", "min_pct", "max_pct", "mean_pct", "spread_pct"]
    items = None
    if len(df):
        gid, n = _group_ids(df, ITEM_KEYS, sort=False)
        assessor = pd.factorize(df["assessor"])[0].astype("int64")
        pairs = np.unique(gid * (int(assessor.max()) + 1) + assessor)
        n_assessors = np.bincount(pairs // (int(assessor.max()) + 1), minlength=n)
        keep = np.flatnonzero(n_assessors >= 2)
        if len(keep):
            pct = _floats(df["score_pct"])
            low, high = _reduce(gid, pct, n, "min")[keep], _reduce(gid, pct, n, "max")[keep]
            items = df[columns[:5]].iloc[_first_rows(gid, n)[keep]].reset_index(drop=True)
            items["n_assessors"] = n_assessors[keep]
            items["min_pct"] = low
            items["max_pct"] = high
            items["mean_pct"] = _reduce(gid, pct, n, "mean")[keep]
            items["spread_pct"] = high - low
    if items is None:
        items = pd.DataFrame.from_records([], columns=columns)
    items = _typed(items, {"year_assessed": "Int64", "action": "Int64", "n_assessors": "Int64"})
    if by == "item":
        return items
    if by != "district":
        raise ValueError("by must be 'item' or 'district'")
    return spread_by_district(items)


def spread_by_district(items: pd.DataFrame) -> pd.DataFrame:
    """Per district, from the items of :func:`assessor_spread` (``by="item"``):
    ``year_assessed`` Int64, ``code`` str, ``n_items`` Int64,
    ``mean_spread_pct`` and ``max_spread_pct`` float64 (points on 0–100).
    Lets a caller that has the items avoid computing them twice."""
    if items.empty:
        return pd.DataFrame(columns=["year_assessed", "code", "n_items", "mean_spread_pct", "max_spread_pct"])
    out = (
        items.groupby(["year_assessed", "code"], sort=False)["spread_pct"]
        .agg(n_items="count", mean_spread_pct="mean", max_spread_pct="max")
        .reset_index()
    )
    return _typed(out, {"year_assessed": "Int64", "n_items": "Int64"})
