"""AARR formulas and the current pace of each region's series.

The scalar formulas (:func:`aarr` two-point, :func:`aarr_loglinear`,
:func:`required_aarr`, :func:`project`, :func:`year_reached`) and the
current rate of a region's series (:class:`Rate`, :func:`current_rate`,
:func:`rates`). Pure. Every percentage is a percent (0–100), never a
fraction; every rate is in percent per year.

Method (and its sources)
------------------------
* **AARR** (average annual rate of reduction), UNICEF Technical Note "How to
  calculate average annual rate of reduction (AARR) of underweight
  prevalence" (UNICEF, 2007; the method the WHO/UNICEF tracking of the World
  Health Assembly nutrition targets and the Global Nutrition Report use):
  between two points of one series ``AARR = 1 − (P2 / P1) ** (1 / (t2 − t1))``;
  with more than two points, the note fits ``ln(P) = a + b·t`` by ordinary
  least squares and takes ``AARR = 1 − e**b``. Positive = prevalence falling.
  With exactly two points both give the same number.
* **Required AARR** from the latest point to a target:
  ``1 − (target / P_latest) ** (1 / (target_year − t_latest))``.
* **Status** (the WHO/UNICEF and Global Nutrition Report rule "on course
  when the current AARR is at least the required AARR"): see
  :func:`kp2s_dashboard.prevalence.status.classify`.
* **Projection** at the current pace from the latest observed point:
  ``P(y) = P_latest · (1 − AARR) ** (y − t_latest)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from kp2s_dashboard.errors import DataError, Location
from kp2s_dashboard.prevalence.series import SURVEY, SeriesOptions, series_conflicts, series_frame
from kp2s_dashboard.regions import registry


# -----------------------------------------------------------------------------
# scalar formulas
# -----------------------------------------------------------------------------
def _positive(value: float, what: str) -> float:
    value = float(value)
    if not value > 0 or math.isinf(value):
        raise DataError("prog.err.nonpositive", Location(column=what), value=value)
    return value


def aarr(p1: float, t1: int, p2: float, t2: int) -> float:
    """AARR between two points of one series, in percent per year.

    ``AARR = 1 − (P2 / P1) ** (1 / (t2 − t1))`` (UNICEF AARR technical note).
    Positive when prevalence falls, negative when it rises, 0 when equal.

    Example: Kalimantan Selatan SSGI 2021 30.0 → SSGI 2024 22.9 gives 8.61.

    Raises:
        DataError: a prevalence ≤ 0 (``prog.err.nonpositive``) or ``t1 == t2``
            (``prog.err.same_year``).
    """
    p1, p2 = _positive(p1, "value_pct"), _positive(p2, "value_pct")
    if t2 == t1:
        raise DataError("prog.err.same_year", Location(column="year"), year=t1)
    return 100.0 * (1.0 - (p2 / p1) ** (1.0 / (t2 - t1)))


def aarr_loglinear(years: Sequence[int], values: Sequence[float]) -> float:
    """AARR from a log-linear least-squares fit, in percent per year.

    Fits ``ln(P) = a + b·t`` over all points and returns ``100 · (1 − e**b)``
    (UNICEF AARR technical note, method for more than two data points). Equals
    :func:`aarr` for two points.

    Raises:
        DataError: fewer than two distinct years (``prog.err.too_few_points``)
            or a prevalence ≤ 0.
    """
    t = np.asarray([float(y) for y in years])
    p = np.asarray([_positive(v, "value_pct") for v in values])
    if len(t) != len(p) or len(np.unique(t)) < 2:
        raise DataError("prog.err.too_few_points", Location(column="year"), n=len(np.unique(t)))
    dt = t - t.mean()
    slope = float(np.sum(dt * (np.log(p) - np.log(p).mean())) / np.sum(dt * dt))
    return 100.0 * (1.0 - math.exp(slope))


def required_aarr(p_latest: float, t_latest: int, target_pct: float, target_year: int) -> float:
    """AARR needed from the latest point to reach ``target_pct`` in ``target_year``.

    ``1 − (target / P_latest) ** (1 / (target_year − t_latest))``, percent per
    year. Negative when the target is already met (prevalence may rise a
    little and still meet it). NaN when ``target_year ≤ t_latest`` (the target
    year is not in the future of the data).

    Example: Kalsel 22.9 (2024) → 14.2 in 2029 needs 9.12; → 5 in 2045, 6.99.

    Raises:
        DataError: a prevalence or target ≤ 0.
    """
    p = _positive(p_latest, "value_pct")
    target = _positive(target_pct, "target_pct")
    if target_year <= t_latest:
        return float("nan")
    return 100.0 * (1.0 - (target / p) ** (1.0 / (target_year - t_latest)))


def project(p_latest: float, t_latest: int, aarr_pct: float, year: int) -> float:
    """Prevalence in ``year`` if the pace ``aarr_pct`` (percent per year) holds
    from the latest point: ``P_latest · (1 − AARR) ** (year − t_latest)``.

    NaN when ``aarr_pct`` is NaN or negative: a rising trend is not
    extrapolated (compounded over decades it gives meaningless figures, e.g.
    above 100 %); the status ``no_progress`` says what there is to say.

    Example: Kalsel 22.9 (2024) at 8.61 %/yr gives 14.6 in 2029.
    """
    if aarr_pct is None or math.isnan(aarr_pct) or aarr_pct < 0:
        return float("nan")
    p = _positive(p_latest, "value_pct")
    return p * (1.0 - aarr_pct / 100.0) ** (year - t_latest)


def year_reached(p_latest: float, t_latest: int, aarr_pct: float, level_pct: float) -> int | None:
    """First whole year in which the projection at ``aarr_pct`` is at or below
    ``level_pct``: ``ceil(t_latest + ln(level / P_latest) / ln(1 − AARR))``.

    Returns ``t_latest`` when the latest point already meets the level, and
    ``None`` when it does not and prevalence is not falling (AARR ≤ 0) or the
    rate is unknown (NaN).

    Example: Kalsel 22.9 (2024) at 8.61 %/yr reaches 5 % in 2041.
    """
    p = _positive(p_latest, "value_pct")
    level = _positive(level_pct, "target_pct")
    if p <= level:
        return int(t_latest)
    if aarr_pct is None or math.isnan(aarr_pct) or aarr_pct <= 0:
        return None
    years = math.log(level / p) / math.log(1.0 - aarr_pct / 100.0)
    # guard against 16.999999 → 17 style rounding noise before ceil
    return int(t_latest + math.ceil(round(years, 9)))


@dataclass(frozen=True)
class Rate:
    """The current pace of one region's series.

    ``aarr_pct`` is NaN when fewer than two points lie in the window.
    ``flagged_pairs`` lists (from_year, to_year) of implausible changes inside
    the window; ``flagged`` is true when there is at least one.
    ``observed`` holds every (year, value) of the series (whole series, not
    only the window, without years in ``conflicts``), oldest first.
    """

    code: str
    method: str
    n_points: int
    first_year: int | None
    latest_year: int | None
    latest_pct: float
    latest_source: str
    latest_alt: tuple[float, ...]
    aarr_pct: float
    flagged_pairs: tuple[tuple[int, int], ...] = ()
    observed: tuple[tuple[int, float], ...] = field(default=())
    #: years with two figures of the series, as ``(year, "SKI 41.7 / SSGI 41")``
    #: (:func:`series_conflicts`): the rate is then not computed (NaN, status
    #: ``not_assessable``) and ``latest_*`` are empty.
    conflicts: tuple[tuple[int, str], ...] = ()

    @property
    def flagged(self) -> bool:
        return bool(self.flagged_pairs)

    def observed_in(self, year: int) -> float | None:
        """The observed value in ``year``, or ``None``."""
        for y, v in self.observed:
            if y == year:
                return v
        return None


def _rate_from_series(
    code: str, s: pd.DataFrame, options: SeriesOptions, conflicts: tuple[tuple[int, str], ...] = ()
) -> Rate:
    observed = tuple((int(y), float(v)) for y, v in zip(s["year"], s["value_pct"]))
    w = s[s["in_window"]]
    n = len(w)
    if n == 0 or conflicts:
        return Rate(code, options.method, n, None, None, float("nan"), "", (), float("nan"), (), observed, conflicts)
    last = w.iloc[-1]
    pairs: list[tuple[int, int]] = []
    years = list(w["year"])
    for i in range(1, n):
        if bool(w["implausible"].iloc[i]):
            pairs.append((int(years[i - 1]), int(years[i])))
    if n < 2:
        rate = float("nan")
    elif options.method == "endpoints":
        rate = aarr(w["value_pct"].iloc[0], int(w["year"].iloc[0]), last["value_pct"], int(last["year"]))
    else:
        rate = aarr_loglinear(list(w["year"]), list(w["value_pct"]))
    return Rate(
        code=code,
        method=options.method,
        n_points=n,
        first_year=int(w["year"].iloc[0]),
        latest_year=int(last["year"]),
        latest_pct=float(last["value_pct"]),
        latest_source=str(last["source"]),
        latest_alt=tuple(last["alt_pct"]),
        aarr_pct=float(rate),
        flagged_pairs=tuple(pairs),
        observed=observed,
    )


def current_rate(prevalence: pd.DataFrame, code: str, options: SeriesOptions = SURVEY) -> Rate:
    """The current AARR of region ``code`` over the series and window of
    ``options`` (method in the module docstring). Works for the survey and
    the register series alike, never across them.

    Raises:
        DataError: as :func:`series_frame`.
    """
    s = series_frame(prevalence, [code], options)
    return _rate_from_series(code, s, options, series_conflicts(prevalence, [code], options).get(code, ()))


def rates(prevalence: pd.DataFrame, codes: Iterable[str] | None = None, options: SeriesOptions = SURVEY) -> dict[str, Rate]:
    """:func:`current_rate` for many regions (default: the 13 districts).

    Each region is computed from its own series: a region with two figures
    in one year (:func:`series_conflicts`) gets a not-assessable :class:`Rate`
    carrying ``conflicts``, and the others are unaffected."""
    codes = list(codes) if codes is not None else registry().district_codes()
    s = series_frame(prevalence, codes, options)
    conflicts = series_conflicts(prevalence, codes, options)
    return {c: _rate_from_series(c, s[s["code"] == c], options, conflicts.get(c, ())) for c in codes}
