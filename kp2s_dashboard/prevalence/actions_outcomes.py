"""Each district's assessment result against its change in survey prevalence.

:func:`actions_vs_outcomes` pairs a result (score or rank for a
performance year) with the change between the matching survey rounds and
gives Pearson and Spearman coefficients with n (:class:`ActionsOutcomes`,
with its summary sentence and reading caveats). An association, not a
cause. Pure; percentages are percents (0–100).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Iterable

import numpy as np
import pandas as pd

from kp2s_dashboard import i18n
from kp2s_dashboard.errors import DataError, KP2SError, Location
from kp2s_dashboard.prevalence.rates import aarr
from kp2s_dashboard.prevalence.series import SURVEY, SeriesMixError, SeriesOptions, _region_name, series_frame

_RESULT_COLUMNS = ("code", "period", "score", "rank")


@dataclass(frozen=True)
class ActionsOutcomes:
    """Result of :func:`actions_vs_outcomes`.

    ``favourable_sign`` is +1 when a positive correlation means "better
    assessment result goes with a better outcome" and −1 when a negative one
    does (e.g. score vs change in points: a better score with a larger fall
    is a negative correlation). ``pearson``/``spearman`` are NaN when
    ``n < 3`` or one side is constant.
    """

    table: pd.DataFrame
    n: int
    pearson: float
    spearman: float
    measure: str
    outcome: str
    periods: tuple[int, ...]
    n_flagged: int
    favourable_sign: int

    def summary(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        """One sentence with the coefficients and n, e.g.
        ``Spearman ρ = −0,40; Pearson r = −0,61; n = 4``."""
        return i18n.t(
            "prog.avo.summary",
            lang,
            spearman=_fmt_signed_coef(self.spearman, lang),
            pearson=_fmt_signed_coef(self.pearson, lang),
            n=self.n,
        )

    def caveats(self, lang: str = i18n.DEFAULT_LANGUAGE) -> list[str]:
        """Reading notes in ``lang`` (small n, association not cause, rank
        direction, flagged changes, pooled periods)."""
        keys = ["prog.avo.caveat.small_n", "prog.avo.caveat.not_cause"]
        if self.measure == "rank":
            keys.append("prog.avo.caveat.rank")
        if self.n_flagged:
            keys.append("prog.avo.caveat.flagged")
        if len(self.periods) > 1:
            keys.append("prog.avo.caveat.pooled")
        return [i18n.t(k, lang, n_flagged=self.n_flagged) for k in keys]


def _fmt_signed_coef(value: float, lang: str) -> str:
    if value is None or math.isnan(value):
        return "–"
    text = i18n.fmt_number(abs(value), lang, 2)
    return ("−" if value < 0 else "") + text


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3:
        return float("nan")
    dx, dy = x - x.mean(), y - y.mean()
    denom = math.sqrt(float(np.sum(dx * dx)) * float(np.sum(dy * dy)))
    if denom == 0:
        return float("nan")
    return float(np.sum(dx * dy) / denom)


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    rx = pd.Series(x).rank(method="average").to_numpy(dtype=float)
    ry = pd.Series(y).rank(method="average").to_numpy(dtype=float)
    return _pearson(rx, ry)


def actions_vs_outcomes(
    results: pd.DataFrame,
    prevalence: pd.DataFrame,
    period: int | Iterable[int] | None = None,
    measure: str = "auto",
    outcome: str = "change_pp",
    start_offset: int = -1,
    end_offset: int = 0,
    exclude_flagged: bool = False,
    options: SeriesOptions = SURVEY,
) -> ActionsOutcomes:
    """Each district's assessment result against its change in survey
    prevalence over the matching years, with correlations and n.

    Matching years: for performance ``period`` P the change is measured
    between the survey rounds of year ``P + start_offset`` and
    ``P + end_offset`` (default P−1 → P: the round before the performance
    year and the round of that year). Both rounds must exist (exact years of
    the survey series ``options.sources``; the AARR window is not used).

    Args:
        results: ``code`` str, ``period`` int (performance year assessed),
            ``score`` float or NaN, ``rank`` int or NaN (1 = best).
        prevalence: the prevalence table.
        period: one period, several, or ``None`` (all periods in
            ``results``; pooled pairs are not independent — see caveats).
        measure: ``"score"``, ``"rank"`` or ``"auto"`` (score when any score
            is given, else rank).
        outcome: ``"change_pp"`` (end − start, percentage points; negative =
            fall) or ``"aarr_pct"`` (two-point AARR over the years, %/yr;
            positive = fall).
        exclude_flagged: leave out pairs whose change is an implausible jump.
        options: survey series definition (sources, bound).

    Returns:
        :class:`ActionsOutcomes` whose ``table`` has one row per result row:
        ``code`` str, ``name`` str, ``period`` int64, ``score`` float64,
        ``rank`` Int64, ``start_year`` int64, ``end_year`` int64,
        ``start_pct`` float64, ``end_pct`` float64, ``change_pp`` float64,
        ``aarr_pct`` float64, ``flagged`` bool, ``used`` bool (in the
        correlation). ``n`` counts used rows (at most 13 per period).

    Raises:
        DataError: columns missing in ``results`` (``prog.err.missing_columns``).
        KP2SError: unknown ``measure``/``outcome`` (``prog.err.option``), or
            ``start_offset ≥ end_offset``.
    """
    missing = [c for c in _RESULT_COLUMNS if c not in results.columns]
    if missing:
        raise DataError("prog.err.missing_columns", Location(row=1), missing=", ".join(missing), table="results")
    if options.kind != "survey":
        raise SeriesMixError("prog.err.register_target", sources=", ".join(options.sources))
    if measure not in ("auto", "score", "rank"):
        raise KP2SError("prog.err.option", name="measure", value=measure, expected="auto, score, rank")
    if outcome not in ("change_pp", "aarr_pct"):
        raise KP2SError("prog.err.option", name="outcome", value=outcome, expected="change_pp, aarr_pct")
    if start_offset >= end_offset:
        raise KP2SError("prog.err.option", name="start_offset", value=start_offset, expected=f"< {end_offset}")

    res = _results_in(results, period)
    if measure == "auto":
        measure = "score" if res["score"].notna().any() else "rank"
    table = _pair_table(res, prevalence, options, start_offset, end_offset)
    x = table[measure].astype("Float64")
    used = x.notna() & table[outcome].notna()
    if exclude_flagged:
        used &= ~table["flagged"]
    table["used"] = used.astype("bool")
    table = table.sort_values(["period", "code"], kind="stable").reset_index(drop=True)
    sel = table[table["used"]]
    xs = sel[measure].astype("float64").to_numpy()
    ys = sel[outcome].astype("float64").to_numpy()
    # favourable: better result (higher score / lower rank) with falling prevalence
    better = 1 if measure == "score" else -1
    falling = -1 if outcome == "change_pp" else 1
    return ActionsOutcomes(
        table=table,
        n=int(len(sel)),
        pearson=_pearson(xs, ys),
        spearman=_spearman(xs, ys),
        measure=measure,
        outcome=outcome,
        periods=tuple(sorted({int(p) for p in sel["period"]})),
        n_flagged=int(sel["flagged"].sum()),
        favourable_sign=better * falling,
    )


def _results_in(results: pd.DataFrame, period: int | Iterable[int] | None) -> pd.DataFrame:
    """The result rows of ``period`` (all when ``None``) with ``code`` str,
    ``period`` int64, ``score`` float64 and ``rank`` Int64."""
    res = results.copy()
    res["code"] = res["code"].astype(str)
    res["period"] = pd.to_numeric(res["period"]).astype("int64")
    res["score"] = pd.to_numeric(res["score"], errors="coerce").astype("float64")
    res["rank"] = pd.to_numeric(res["rank"], errors="coerce").astype("Float64").round().astype("Int64")
    if period is not None:
        wanted = [int(period)] if isinstance(period, (int, np.integer)) else [int(p) for p in period]
        res = res[res["period"].isin(wanted)]
    return res


def _pair_table(
    res: pd.DataFrame, prevalence: pd.DataFrame, options: SeriesOptions, start_offset: int, end_offset: int
) -> pd.DataFrame:
    """One row per result row with its survey rounds of ``period +
    start_offset`` and ``period + end_offset`` (whole series, window not
    used): the table of :func:`actions_vs_outcomes` without ``used``."""
    full = replace(options, start_year=None, end_year=None)
    s = series_frame(prevalence, sorted(set(res["code"])), full)
    lookup = {(c, int(y)): (float(v), bool(f)) for c, y, v, f in zip(s["code"], s["year"], s["value_pct"], s["implausible"])}
    by_code = {c: g for c, g in s.groupby("code")}

    records = []
    for _, row in res.iterrows():
        code, p = row["code"], int(row["period"])
        y0, y1 = p + start_offset, p + end_offset
        a, b = lookup.get((code, y0)), lookup.get((code, y1))
        start_pct = a[0] if a else float("nan")
        end_pct = b[0] if b else float("nan")
        flagged = False
        if a and b and code in by_code:
            g = by_code[code]
            inside = g[(g["year"] > y0) & (g["year"] <= y1)]
            flagged = bool(inside["implausible"].any())
        change = end_pct - start_pct
        rate = aarr(start_pct, y0, end_pct, y1) if a and b else float("nan")
        records.append(
            {
                "code": code,
                "name": _region_name(code),
                "period": p,
                "score": row["score"],
                "rank": row["rank"],
                "start_year": y0,
                "end_year": y1,
                "start_pct": start_pct,
                "end_pct": end_pct,
                "change_pp": change,
                "aarr_pct": rate,
                "flagged": flagged,
            }
        )
    dtypes = {
        "code": "str",
        "name": "str",
        "period": "int64",
        "score": "float64",
        "rank": "Int64",
        "start_year": "int64",
        "end_year": "int64",
        "start_pct": "float64",
        "end_pct": "float64",
        "change_pp": "float64",
        "aarr_pct": "float64",
        "flagged": "bool",
    }
    return pd.DataFrame.from_records(records, columns=list(dtypes)).astype(dtypes)
