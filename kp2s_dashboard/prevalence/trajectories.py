"""Yearly paths of a region toward its targets, and the figure-ready lines.

The path at the required AARR (:func:`target_path`), the projection at the
current pace (:func:`projection_path`) and, for the survey series, the long
frame the Target page and the deck draw from (:func:`chart_data`). Pure;
percentages are percents (0–100).
"""

from __future__ import annotations

import math
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from kp2s_dashboard.prevalence.rates import _positive, _rate_from_series, year_reached
from kp2s_dashboard.prevalence.series import SURVEY, SeriesMixError, SeriesOptions, _region_name, series_conflicts, series_frame
from kp2s_dashboard.prevalence.status import Target, judgeable
from kp2s_dashboard.regions import registry


def target_path(latest_year: int, latest_pct: float, target_year: int, target_pct: float) -> pd.DataFrame:
    """Yearly points of the path from the latest point to a target at the
    required AARR (a straight line on a log scale).

    ``P(y) = P_latest · (target / P_latest) ** ((y − t_latest) / (T − t_latest))``
    for every whole year from ``latest_year`` to ``target_year``.

    Returns:
        DataFrame ``year`` int64, ``value_pct`` float64 (percent); empty when
        ``target_year ≤ latest_year``.
    """
    p = _positive(latest_pct, "value_pct")
    target = _positive(target_pct, "target_pct")
    if target_year <= latest_year:
        return pd.DataFrame({"year": pd.Series([], dtype="int64"), "value_pct": pd.Series([], dtype="float64")})
    years = np.arange(int(latest_year), int(target_year) + 1)
    values = p * (target / p) ** ((years - latest_year) / (target_year - latest_year))
    return pd.DataFrame({"year": years.astype("int64"), "value_pct": values.astype("float64")})


def projection_path(latest_year: int, latest_pct: float, aarr_pct: float, until_year: int) -> pd.DataFrame:
    """Yearly points of the projection at the current pace (see :func:`project`)
    from ``latest_year`` to ``until_year``.

    Returns:
        DataFrame ``year`` int64, ``value_pct`` float64; empty when the rate is
        NaN or negative (rising prevalence is not extrapolated) or
        ``until_year ≤ latest_year``.
    """
    if aarr_pct is None or math.isnan(aarr_pct) or aarr_pct < 0 or until_year <= latest_year:
        return pd.DataFrame({"year": pd.Series([], dtype="int64"), "value_pct": pd.Series([], dtype="float64")})
    p = _positive(latest_pct, "value_pct")
    years = np.arange(int(latest_year), int(until_year) + 1)
    values = p * (1.0 - aarr_pct / 100.0) ** (years - latest_year)
    return pd.DataFrame({"year": years.astype("int64"), "value_pct": values.astype("float64")})


def chart_data(
    prevalence: pd.DataFrame,
    targets: Sequence[Target],
    codes: Iterable[str] | None = None,
    options: SeriesOptions = SURVEY,
) -> pd.DataFrame:
    """Figure-ready lines for each region's survey path toward targets (long
    format, one trace per (code, series, target_id)).

    ``series``:
      * ``observed`` — the survey points (all rounds of the series, window or
        not, one per year: a year with two figures is left out, see
        :func:`series_frame`; ``implausible`` marks points reached by a
        flagged jump);
      * ``projection`` — yearly points at the current AARR from the latest
        point to the latest target year, or to the year the lowest target
        is met when that comes first (only when the pace can be judged:
        :func:`~kp2s_dashboard.prevalence.status.judgeable`; none for a rate
        that rests on a flagged change or on too few points);
      * ``target_path`` — yearly points from the latest point to each target
        at its required AARR (only for targets after the latest year).

    The register (e-PPGBM) is never in this frame; draw it from
    :func:`series_frame` with :data:`REGISTER` on its own axis.

    Returns:
        ``code`` str, ``name`` str, ``series`` str, ``target_id`` str (""
        for observed/projection), ``target_label`` str, ``year`` int64,
        ``value_pct`` float64, ``source`` str (observed only), ``implausible``
        bool, ``alt_pct`` object (tuple; observed only).
    """
    if options.kind != "survey":
        raise SeriesMixError("prog.err.register_target", sources=", ".join(options.sources))
    codes = list(codes) if codes is not None else registry().district_codes()
    s = series_frame(prevalence, codes, options)
    conflicts = series_conflicts(prevalence, codes, options)
    parts: list[pd.DataFrame] = []
    horizon = max((t.year for t in targets), default=None)
    for code in codes:
        own = s[s["code"] == code]
        name = _region_name(code)
        if not own.empty:
            parts.append(
                pd.DataFrame(
                    {
                        "code": code,
                        "name": name,
                        "series": "observed",
                        "target_id": "",
                        "target_label": "",
                        "year": own["year"].to_numpy(),
                        "value_pct": own["value_pct"].to_numpy(),
                        "source": own["source"].to_numpy(),
                        "implausible": own["implausible"].to_numpy(),
                        "alt_pct": list(own["alt_pct"]),
                    }
                )
            )
        rate = _rate_from_series(code, own, options, conflicts.get(code, ()))
        if rate.latest_year is None:
            continue
        if horizon is not None and judgeable(rate):
            until = horizon
            lowest = min(t.target_pct for t in targets)
            if lowest > 0:
                met = year_reached(rate.latest_pct, rate.latest_year, rate.aarr_pct, lowest)
                if met is not None and met > rate.latest_year:
                    until = min(until, met)
            path = projection_path(rate.latest_year, rate.latest_pct, rate.aarr_pct, until)
            parts.append(_line(code, name, "projection", None, path, rate.flagged))
        for target in targets:
            path = target_path(rate.latest_year, rate.latest_pct, target.year, target.target_pct)
            parts.append(_line(code, name, "target_path", target, path, False))
    columns = ["code", "name", "series", "target_id", "target_label", "year", "value_pct", "source", "implausible", "alt_pct"]
    parts = [p for p in parts if not p.empty]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame({c: [] for c in columns})
    return frame[columns].astype(
        {
            "code": "str",
            "name": "str",
            "series": "str",
            "target_id": "str",
            "target_label": "str",
            "year": "int64",
            "value_pct": "float64",
            "source": "str",
            "implausible": "bool",
            "alt_pct": "object",
        }
    )


def _line(code: str, name: str, series: str, target: Target | None, path: pd.DataFrame, flagged: bool) -> pd.DataFrame:
    n = len(path)
    return pd.DataFrame(
        {
            "code": [code] * n,
            "name": [name] * n,
            "series": [series] * n,
            "target_id": [target.choice_id if target else ""] * n,
            "target_label": [target.label if target else ""] * n,
            "year": path["year"].to_numpy(),
            "value_pct": path["value_pct"].to_numpy(),
            "source": [""] * n,
            "implausible": [flagged] * n,
            "alt_pct": [()] * n,
        }
    )
