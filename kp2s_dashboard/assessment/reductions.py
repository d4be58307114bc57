"""Grouped reductions on whole NumPy columns, for the scoring frames.

The functions below work on whole columns at once instead of one pandas
sub-frame per group. Each one gives, bit for bit, what the per-group pandas
call it replaces gives (``Series.dropna().mean()`` etc.): sums follow
NumPy's own order (strictly left to right below eight values, NumPy's
``sum`` of the slice from eight on), so the normalised scores, totals and
ranks do not move by a rounding step. Groups are numbered 0 … n−1
(:func:`_group_ids`); every function takes those numbers (``gid``).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kp2s_dashboard.assessment.instruments import COMBINE_METHODS


def _group_ids(df: pd.DataFrame, keys: list[str], sort: bool) -> tuple[np.ndarray, int]:
    """Group number of every row of ``df`` (0 … n−1, in the order
    ``df.groupby(keys, dropna=False, sort=sort)`` visits the groups) and n."""
    if df.empty:
        return np.zeros(0, dtype="int64"), 0
    ids = df.groupby(keys, dropna=False, sort=sort).ngroup().to_numpy(dtype="int64")
    return ids, int(ids.max()) + 1


def _first_rows(gid: np.ndarray, n: int) -> np.ndarray:
    """Position of the first row of each group 0 … n−1."""
    first = np.full(n, -1, dtype="int64")
    groups, index = np.unique(gid, return_index=True)  # index: first occurrence
    first[groups] = index
    return first


def _first_valid(gid: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Per group the first non-NaN value in row order (NaN when none)."""
    out = np.full(n, math.nan)
    keep = np.flatnonzero(~np.isnan(values))
    groups, index = np.unique(gid[keep], return_index=True)
    out[groups] = values[keep[index]]
    return out


def _slices(gid: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row order that puts the groups one after the other (row order kept
    within a group), each group's start in that order and its size."""
    order = np.argsort(gid, kind="stable")
    counts = np.bincount(gid, minlength=n)
    starts = np.cumsum(counts) - counts
    return order, starts, counts


def _sums(values: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Sum of ``values[start:start + count]`` for each (start, count > 0),
    equal to NumPy's ``sum`` of each slice."""
    out = np.empty(len(starts))
    small = counts < 8  # NumPy adds fewer than eight values one by one
    if small.any():
        s, c = starts[small], counts[small]
        acc = values[s].copy()
        for k in range(1, int(c.max())):
            more = c > k
            acc[more] = acc[more] + values[s[more] + k]
        out[small] = acc
    for i in np.flatnonzero(~small):
        out[i] = values[starts[i]:starts[i] + counts[i]].sum()
    return out


def _reduce(gid: np.ndarray, values: np.ndarray, n: int, how: str) -> np.ndarray:
    """Per group 0 … n−1: :func:`~kp2s_dashboard.assessment.scoring._agg`
    of the group's values (NaN dropped, row order kept; NaN for a group
    with no value). float64 array."""
    if how not in COMBINE_METHODS:
        raise ValueError(f"how must be one of {COMBINE_METHODS}")
    values = np.asarray(values, dtype="float64")
    out = np.full(n, math.nan)
    keep = ~np.isnan(values)
    g, v = gid[keep], values[keep]
    order = np.argsort(g, kind="stable")
    v = v[order]
    counts = np.bincount(g, minlength=n)
    present = np.flatnonzero(counts)
    if not len(present):
        return out
    counts = counts[present]
    starts = np.cumsum(counts) - counts
    if how == "mean":
        out[present] = _sums(v, starts, counts) / counts.astype("float64")
    elif how == "sum":
        out[present] = _sums(v, starts, counts)
    elif how == "min":
        out[present] = np.minimum.reduceat(v, starts)
    elif how == "max":
        out[present] = np.maximum.reduceat(v, starts)
    else:
        out[present] = [float(np.median(v[s:s + c])) for s, c in zip(starts, counts)]
    return out


def _joined(gid: np.ndarray, n: int, texts: list[str], sep: str) -> list[str]:
    """Per group its texts joined with ``sep`` in row order."""
    order, starts, counts = _slices(gid, n)
    ordered = [texts[i] for i in order]
    return [sep.join(ordered[s:s + c]) for s, c in zip(starts.tolist(), counts.tolist())]


def _bool(series: pd.Series) -> np.ndarray:
    """A boolean Series (missing = False) as a NumPy array."""
    return series.to_numpy(dtype=bool, na_value=False)


def _floats(series: pd.Series) -> np.ndarray:
    """A numeric Series as float64 (missing = NaN)."""
    return series.to_numpy(dtype="float64", na_value=math.nan)


def _reduce_sequential(gid: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Per group 0 … n−1 the sum of its values added one by one from 0 in
    row order, as Python's ``sum`` gives it (0.0 for an empty group; NaN is
    not dropped)."""
    order, starts, counts = _slices(gid, n)
    values = np.asarray(values, dtype="float64")[order]
    out = np.zeros(n)
    present = np.flatnonzero(counts)
    if len(present):
        s, c = starts[present], counts[present]
        acc = 0.0 + values[s]
        for k in range(1, int(c.max())):
            more = c > k
            acc[more] = acc[more] + values[s[more] + k]
        out[present] = acc
    return out
