"""Progress toward the stunting targets: rates, status, projections, checks.

Pure functions (no Streamlit, no I/O except reading ``data/plausibility.toml``)
that turn the tidy prevalence table and the targets table into ready-to-show
DataFrames and figure-ready data.

Inputs
------
*prevalence* (``data/prevalence.csv`` after loading; extra columns are
ignored): ``code`` str (``"6301"``, province ``"63"``, Indonesia ``"00"``),
``year`` int, ``source`` str (``riskesdas|ssgbi|ssgi|ski|eppgbm``),
``indicator`` str (headline ``"stunting"``), ``value_pct`` float (percent,
0–100), ``source_url`` str, ``note`` str.

*targets* (``data/targets.csv``): ``code`` str, ``year`` int, ``target_pct``
float (percent), ``label`` str, ``basis`` str, ``source_url`` str.

Every percentage in and out of this module is a percent (0–100), never a
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
  :func:`classify`.
* **Projection** at the current pace from the latest observed point:
  ``P(y) = P_latest · (1 − AARR) ** (y − t_latest)``.

Choices made here (all parameters of :class:`SeriesOptions`)
-------------------------------------------------------------
* **Which points form the survey series**: Riskesdas, SSGBI, SSGI and SKI are
  one series (same definition, HAZ < −2 SD of the WHO standards, children
  0–59 months, probability samples; Kemenkes presents SKI 2023 as the
  continuation of SSGI, and SSGBI 2019 before it). e-PPGBM (routine register)
  is a different measurement and always a separate series: mixing the two in
  one :class:`SeriesOptions` raises :class:`SeriesMixError`.
* **Window of the current AARR**: from 2021 (``start_year``), the first round
  designed for district estimates (SSGI 2021), so every district's rate covers
  the same period; older rounds exist only for 3 districts (SSGBI 2019) and
  none (Riskesdas). Set ``start_year=None`` to use every round.
* **Current AARR method**: ``"loglinear"`` (default) — the log-linear fit over
  every round in the window, the method the UNICEF note gives for more than
  two data points; it uses all rounds and so depends less on one noisy district
  estimate than the first-to-last formula. ``"endpoints"`` — first to last
  point of the window (the two-point formula), e.g. SSGI 2021 → SSGI 2024.
* **Plausibility**: a change between consecutive rounds of one series larger
  than ``max_change_pp`` (default from ``data/plausibility.toml``: 10 points,
  the move Kemenkes itself treated as suspect in SSGI 2024; rounds more than
  ``max_gap_years`` = 3 years apart get a proportionally larger bound) is
  flagged, and every rate whose window contains both points carries the flag.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from kp2s_dashboard import i18n, paths
from kp2s_dashboard.errors import DataError, KP2SError, Location, RegionNotFoundError
from kp2s_dashboard.prevalence.loader import SOURCE_LABELS
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE, registry

SURVEY_SOURCES: tuple[str, ...] = ("riskesdas", "ssgbi", "ssgi", "ski")
REGISTER_SOURCES: tuple[str, ...] = ("eppgbm",)
HEADLINE = "stunting"
DEFAULT_START_YEAR = 2021
METHODS = ("loglinear", "endpoints")

# Status values (stable identifiers; labels via :func:`status_label`).
ON_TRACK = "on_track"
OFF_TRACK = "off_track"
NO_PROGRESS = "no_progress"
NOT_ASSESSABLE = "not_assessable"
TARGET_YEAR_PASSED = "target_year_passed"
STATUSES = (ON_TRACK, OFF_TRACK, NO_PROGRESS, NOT_ASSESSABLE, TARGET_YEAR_PASSED)

PLAUSIBILITY_FILE = "plausibility.toml"

_PREVALENCE_COLUMNS = ("code", "year", "source", "indicator", "value_pct")
_TARGET_COLUMNS = ("code", "year", "target_pct", "label")
_RESULT_COLUMNS = ("code", "period", "score", "rank")


class SeriesMixError(KP2SError, ValueError):
    """A series definition that joins survey and register sources (or names
    an unknown source). ``params["sources"]`` lists what was asked for."""


# -----------------------------------------------------------------------------
# configuration
# -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Bound:
    """Plausibility bound: ``max_change_pp`` percentage points between
    consecutive rounds up to ``max_gap_years`` apart; for longer gaps the
    bound grows in proportion (``max_change_pp · gap / max_gap_years``)."""

    max_change_pp: float
    max_gap_years: float = 3.0

    def allowed(self, gap_years: float) -> float:
        """The largest plausible absolute change over ``gap_years``."""
        return self.max_change_pp * max(1.0, float(gap_years) / self.max_gap_years)


@lru_cache(maxsize=8)
def load_plausibility(path: str | Path | None = None) -> dict[str, Bound]:
    """The plausibility bounds, ``{"survey": Bound, "register": Bound}``.

    Reads ``data/plausibility.toml`` (or ``path``): tables ``[survey]`` and
    ``[register]``, each with ``max_change_pp`` (percentage points, > 0) and
    ``max_gap_years`` (years, > 0).

    Raises:
        DataError: file missing or unreadable, or a value missing / not a
            positive number (key ``prog.err.plausibility``, naming the file
            and the entry).
    """
    file = Path(path) if path is not None else paths.DATA_DIR / PLAUSIBILITY_FILE
    try:
        with open(file, "rb") as handle:
            config = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError("prog.err.plausibility", Location(file=file.name), detail=str(exc)) from None
    out: dict[str, Bound] = {}
    for kind in ("survey", "register"):
        values = []
        for name in ("max_change_pp", "max_gap_years"):
            value = config.get(kind, {}).get(name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
                raise DataError(
                    "prog.err.plausibility",
                    Location(file=file.name, column=f"{kind}.{name}"),
                    detail=f"{kind}.{name}: expected a positive number, got {value!r}",
                )
            values.append(float(value))
        out[kind] = Bound(*values)
    return out


@dataclass(frozen=True)
class SeriesOptions:
    """Which points form a series, and how its current AARR is computed.

    Hashable (safe as a cache key). Attributes:
        sources: sources that form one series. All survey
            (:data:`SURVEY_SOURCES`, default) or all register
            (:data:`REGISTER_SOURCES`); never both.
        start_year, end_year: window of the current AARR (inclusive; ``None``
            = open). Plausibility flags look at the whole series.
        method: ``"loglinear"`` (OLS of ln P on year) or ``"endpoints"``
            (first to last point of the window).
        max_change_pp: plausibility bound in percentage points between
            consecutive rounds; ``None`` reads ``data/plausibility.toml``.
        max_gap_years: rounds further apart get a proportionally larger
            bound; ``None`` reads ``data/plausibility.toml``.
        indicator: indicator used (headline ``"stunting"``).

    Raises:
        SeriesMixError: survey and register sources together, an unknown
            source, or no source.
        KP2SError: unknown ``method`` (key ``prog.err.method``).
    """

    sources: tuple[str, ...] = SURVEY_SOURCES
    start_year: int | None = DEFAULT_START_YEAR
    end_year: int | None = None
    method: str = "loglinear"
    max_change_pp: float | None = None
    max_gap_years: float | None = None
    indicator: str = HEADLINE

    def __post_init__(self) -> None:
        sources = tuple(self.sources)
        object.__setattr__(self, "sources", sources)
        known = set(SURVEY_SOURCES) | set(REGISTER_SOURCES)
        survey = set(sources) & set(SURVEY_SOURCES)
        register = set(sources) & set(REGISTER_SOURCES)
        if not sources or set(sources) - known or (survey and register):
            raise SeriesMixError("prog.err.mixed_series", sources=", ".join(sources) or "–")
        if self.method not in METHODS:
            raise KP2SError("prog.err.method", method=self.method, expected=", ".join(METHODS))

    @property
    def kind(self) -> str:
        """``"survey"`` or ``"register"``."""
        return "register" if set(self.sources) <= set(REGISTER_SOURCES) else "survey"

    def bound(self) -> Bound:
        """The plausibility bound (explicit values win over the file)."""
        if self.max_change_pp is not None and self.max_gap_years is not None:
            return Bound(float(self.max_change_pp), float(self.max_gap_years))
        config = load_plausibility()[self.kind]
        return Bound(
            float(self.max_change_pp) if self.max_change_pp is not None else config.max_change_pp,
            float(self.max_gap_years) if self.max_gap_years is not None else config.max_gap_years,
        )

    def in_window(self, year: int) -> bool:
        """True when ``year`` lies in the AARR window."""
        if self.start_year is not None and year < self.start_year:
            return False
        if self.end_year is not None and year > self.end_year:
            return False
        return True


#: The default survey series (Riskesdas/SSGBI/SSGI/SKI, window from 2021, log-linear).
SURVEY = SeriesOptions()
#: The e-PPGBM register series (all years, log-linear); never assessed against targets.
REGISTER = SeriesOptions(sources=REGISTER_SOURCES, start_year=None)


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


def classify(aarr_pct: float, required_pct: float, n_points: int, t_latest: int | None, target_year: int) -> str:
    """Status of one region against one target.

    Rules, in order:

    1. fewer than two comparable points (or no data) → ``not_assessable``;
    2. ``target_year ≤ t_latest`` → ``target_year_passed`` (see the
       ``achieved`` column of :func:`progress_long` for the observed result);
    3. current AARR ≥ required AARR → ``on_track`` (WHO/UNICEF, GNR rule;
       includes a target already met where prevalence rises less than the
       margin allows);
    4. current AARR ≤ 0 (prevalence not falling) → ``no_progress``;
    5. otherwise → ``off_track`` (falling, but too slowly).
    """
    if n_points < 2 or t_latest is None or aarr_pct is None or math.isnan(aarr_pct):
        return NOT_ASSESSABLE
    if target_year <= t_latest:
        return TARGET_YEAR_PASSED
    if aarr_pct >= required_pct - 1e-12:
        return ON_TRACK
    if aarr_pct <= 0:
        return NO_PROGRESS
    return OFF_TRACK


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


# -----------------------------------------------------------------------------
# alternative figures recorded in notes
# -----------------------------------------------------------------------------
# "CONFLICT" in capitals (bare, "CONFLICT:" or "CONFLICT with"), or "conflict:" in any case;
# prose such as "conflicts with" or "no conflict" is not a marker.
_CONFLICT = re.compile(r"\bCONFLICT\b\s*(?::|with\b)?|\b(?i:conflict)\s*:")


def conflict_marked(text: object) -> bool:
    """True when a note or a target's ``basis`` records a conflicting figure.

    The one marker rule for conflicts, used by the targets loader (the
    ``conflict`` column of :func:`kp2s_dashboard.prevalence.targets.load_targets`, which
    the Tren chart and the deck draw as ⚠), by :func:`target_choices` and by
    :func:`alternative_values`: the word ``CONFLICT`` in capitals (bare,
    ``CONFLICT:`` or ``CONFLICT with …``) or ``conflict:`` in any case.
    Prose such as "no conflict with the national 14 %" or "conflicts with"
    is not a marker. Non-text (NaN, None) → False.
    """
    return isinstance(text, str) and _CONFLICT.search(text) is not None
_NUMBER = re.compile(r"^(\d{1,3})(?:([.,])(\d+))?%?$")
_NOT_A_VALUE_BEFORE = {"rank", "ranked", "peringkat", "of", "top", "no", "nomor", "ke"}
_NOT_A_VALUE_AFTER = {"points", "point", "poin", "pp", "th", "of", "districts", "provinces", "outlets"}


def _segment_end(text: str) -> int:
    """Index where the remark that starts ``text`` ends: the first ``;`` or
    sentence end (``. `` + capital) outside parentheses."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch == ";":
            return i
        elif depth == 0 and ch == "." and text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].isupper():
            return i
    return len(text)


def alternative_values(note: object, value: float | None = None) -> tuple[float, ...]:
    """Alternative figures for a row, read from its ``note`` (or a target's
    ``basis``).

    The data convention: a conflicting figure is written after the marker
    ``CONFLICT`` in capitals (``CONFLICT: mediaindonesia.com (2025-08-12, …)
    reports 23.9``; ``CONFLICT with Bappeda Kalsel 18.1``) or ``conflict:``
    in any case; prose such as "conflicts with" is not a marker. Each remark runs to the
    next ``;`` or sentence end outside parentheses. In it, a number is taken
    when it stands alone as a token (``23.9``, ``23,9``, ``18``, ``23,9%``),
    lies in 0–100, and is not part of a date (``2025-08-12``), a year
    (``2013``), a web address (``metro7.co.id``), a rank (``rank 12``,
    ``12th``, ``of 13``) or a count of points (``13.8 points``). Figures
    equal to ``value`` (the row's own figure) are dropped.

    Returns:
        The alternatives in reading order, without repeats; ``()`` when the
        note records none (or is empty / not text).
    """
    if not isinstance(note, str) or not note:
        return ()
    found: list[float] = []
    for match in _CONFLICT.finditer(note):
        rest = note[match.end():]
        remark = rest[: _segment_end(rest)]
        tokens = remark.split()
        for i, raw in enumerate(tokens):
            token = raw.strip("()[]{}'\";:,")
            if token.endswith(".") and not re.search(r"\d\.\d", token):
                token = token.rstrip(".")
            m = _NUMBER.match(token)
            if not m:
                continue
            before = tokens[i - 1].strip("(),;:").lower() if i > 0 else ""
            after = tokens[i + 1].strip("(),;:.").lower() if i + 1 < len(tokens) else ""
            if before in _NOT_A_VALUE_BEFORE or after in _NOT_A_VALUE_AFTER:
                continue
            whole, sep, frac = m.groups()
            if sep == "," and len(frac) > 2:  # 334,848: a thousands separator
                continue
            number = float(f"{whole}.{frac}") if frac else float(whole)
            if not 0 < number <= 100:
                continue
            if value is not None and not (isinstance(value, float) and math.isnan(value)) and abs(number - float(value)) < 1e-9:
                continue
            if number not in found:
                found.append(number)
    return tuple(found)


def format_with_alternatives(
    value: float, alternatives: Iterable[float], lang: str = i18n.DEFAULT_LANGUAGE, decimals: int = 1
) -> str:
    """A figure with the alternatives recorded for it, e.g.
    ``22,9% (sumber lain: 23,9%)`` / ``22.9% (other source: 23.9%)``; just the
    figure when there are none. Each number gets at least ``decimals``
    decimals and more when it has them (``31,01%``)."""

    def one(v: float) -> str:
        return i18n.fmt_pct(v, lang, max(decimals, _decimals_needed(v)))

    alts = list(alternatives)
    if not alts:
        return one(value)
    others = ", ".join(one(a) for a in alts)
    return i18n.t("prog.alt.value_with_alternatives", lang, value=one(value), others=others)


def _decimals_needed(value: float) -> int:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0
    for d in range(0, 3):
        if abs(round(value, d) - value) < 1e-9:
            return d
    return 2


# -----------------------------------------------------------------------------
# series
# -----------------------------------------------------------------------------
def _check_prevalence(prevalence: pd.DataFrame) -> None:
    missing = [c for c in _PREVALENCE_COLUMNS if c not in prevalence.columns]
    if missing:
        raise DataError("prog.err.missing_columns", Location(row=1), missing=", ".join(missing), table="prevalence")


def _region_name(code: str) -> str:
    try:
        return registry().short_name(code)
    except RegionNotFoundError:
        return code


_SERIES_DTYPES = {
    "code": "str",
    "year": "int64",
    "source": "str",
    "value_pct": "float64",
    "note": "str",
    "alt_pct": "object",
    "change_pp": "float64",
    "implausible": "bool",
    "in_window": "bool",
}


def _series_rows(prevalence: pd.DataFrame, codes: Iterable[str] | None, options: SeriesOptions) -> pd.DataFrame:
    """The rows of the series of ``options`` (headline indicator, its
    sources, the given codes), figures present."""
    _check_prevalence(prevalence)
    rows = prevalence[
        (prevalence["indicator"] == options.indicator) & (prevalence["source"].isin(options.sources))
    ]
    if codes is not None:
        rows = rows[rows["code"].isin(list(codes))]
    return rows.dropna(subset=["value_pct"])


def _same_year(rows: pd.DataFrame) -> pd.Series:
    """Rows that share their (code, year) with another row of the series."""
    return rows.duplicated(subset=["code", "year"], keep=False)


def series_conflicts(
    prevalence: pd.DataFrame, codes: Iterable[str] | None = None, options: SeriesOptions = SURVEY
) -> dict[str, tuple[tuple[int, str], ...]]:
    """Years in which a region has more than one figure of the series (SSGI
    2023 and SKI 2023 for one district), which no rate can be computed from.

    The prevalence loader refuses such files
    (:func:`kp2s_dashboard.prevalence.loader.load_prevalence`, ``err.survey_conflict``);
    this is what the analytics do when a table holds them anyway: the region's
    series cannot be judged, and the other regions are computed as usual.

    Returns:
        ``{code: ((year, "SKI 41.7 / SSGI 41"), ...)}`` for the regions with
        such years (oldest first; the figures in the table's row order), ``{}``
        when there are none.
    """
    rows = _series_rows(prevalence, codes, options)
    both = rows[_same_year(rows)]
    out: dict[str, list[tuple[int, str]]] = {}
    for (code, year), part in both.groupby(["code", "year"], sort=True):
        figures = " / ".join(f"{SOURCE_LABELS.get(s, s)} {v:g}" for s, v in zip(part["source"], part["value_pct"]))
        out.setdefault(str(code), []).append((int(year), figures))
    return {code: tuple(years) for code, years in out.items()}


def series_frame(
    prevalence: pd.DataFrame, codes: Iterable[str] | None = None, options: SeriesOptions = SURVEY
) -> pd.DataFrame:
    """The observed points of one series (survey or register) per region, with
    plausibility flags and alternative figures.

    Args:
        prevalence: the prevalence table (see the module docstring).
        codes: regions to include (default: all in the table).
        options: which series (default :data:`SURVEY`).

    Returns:
        One row per (code, year), sorted by code and year:
        ``code`` str, ``year`` int64, ``source`` str, ``value_pct`` float64,
        ``note`` str, ``alt_pct`` object (tuple of floats from the note,
        see :func:`alternative_values`), ``change_pp`` float64 (change from
        the previous round of the same series in percentage points; NaN for
        the first), ``implausible`` bool (``|change_pp|`` > the bound
        for that gap, see :class:`Bound`),
        ``in_window`` bool (the point is used by the current AARR).
        A year in which a region has two figures of the series (see
        :func:`series_conflicts`) is left out for that region only: neither
        figure is chosen, so a line never runs up and down within a year;
        :func:`rates` marks that region as not assessable with the reason.

    Raises:
        DataError: columns missing (``prog.err.missing_columns``).
    """
    rows = _series_rows(prevalence, codes, options)
    rows = rows[~_same_year(rows)]
    bound = options.bound()
    out = pd.DataFrame(
        {
            "code": rows["code"].astype(str).to_numpy(),
            "year": rows["year"].astype("int64").to_numpy(),
            "source": rows["source"].astype(str).to_numpy(),
            "value_pct": rows["value_pct"].astype("float64").to_numpy(),
            "note": (rows["note"].fillna("").astype(str).to_numpy() if "note" in rows else [""] * len(rows)),
        }
    )
    out = out.sort_values(["code", "year"], kind="stable").reset_index(drop=True)
    out["alt_pct"] = pd.Series([alternative_values(n, v) for n, v in zip(out["note"], out["value_pct"])], dtype="object")
    out["change_pp"] = out.groupby("code")["value_pct"].diff().astype("float64")
    gap = out.groupby("code")["year"].diff()
    allowed = pd.Series([bound.allowed(g) if pd.notna(g) else float("nan") for g in gap], index=out.index)
    out["implausible"] = (out["change_pp"].abs() > allowed + 1e-9).fillna(False).astype("bool")
    out["in_window"] = pd.Series([options.in_window(int(y)) for y in out["year"]], dtype="bool")
    return out.astype(_SERIES_DTYPES)


def plausibility_flags(
    prevalence: pd.DataFrame, codes: Iterable[str] | None = None, options: SeriesOptions = SURVEY
) -> pd.DataFrame:
    """The flagged changes only: one row per implausible jump between
    consecutive rounds of the series.

    Returns:
        ``code`` str, ``name`` str, ``from_year`` int64, ``from_pct`` float64,
        ``to_year`` int64, ``to_pct`` float64, ``change_pp`` float64 (signed),
        ``bound_pp`` float64 (bound for that gap), ``message_key`` str (``prog.flag.implausible``,
        "perubahan tidak wajar — periksa sumber").
    """
    s = series_frame(prevalence, codes, options)
    s["from_year"] = s.groupby("code")["year"].shift(1)
    s["from_pct"] = s.groupby("code")["value_pct"].shift(1)
    f = s[s["implausible"]]
    return pd.DataFrame(
        {
            "code": f["code"].astype("str"),
            "name": pd.Series([_region_name(c) for c in f["code"]], index=f.index, dtype="str"),
            "from_year": f["from_year"].astype("int64"),
            "from_pct": f["from_pct"].astype("float64"),
            "to_year": f["year"].astype("int64"),
            "to_pct": f["value_pct"].astype("float64"),
            "change_pp": f["change_pp"].astype("float64"),
            "bound_pp": pd.Series(
                [options.bound().allowed(b - a) for a, b in zip(f["from_year"], f["year"])],
                index=f.index,
                dtype="float64",
            ),
            "message_key": pd.Series("prog.flag.implausible", index=f.index, dtype="str"),
        }
    ).reset_index(drop=True)


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


# -----------------------------------------------------------------------------
# targets
# -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """One target: prevalence ``target_pct`` (percent) in ``year``, set for
    region ``code`` by ``label`` (with ``basis`` and ``source_url``)."""

    code: str
    year: int
    target_pct: float
    label: str
    basis: str = ""
    source_url: str = ""

    @property
    def choice_id(self) -> str:
        """Stable identifier for widgets: ``code|year|label|value``."""
        return f"{self.code}|{self.year}|{self.label}|{self.target_pct:g}"

    @property
    def scope(self) -> str:
        """``national`` | ``province`` | ``district``."""
        return _scope(self.code)

    @classmethod
    def from_row(cls, row: pd.Series | dict) -> "Target":
        """From a row of the targets table (or of :func:`target_choices`)."""
        get = row.get
        return cls(
            code=str(get("code")),
            year=int(get("year")),
            target_pct=float(get("target_pct")),
            label=_text(get("label")),
            basis=_text(get("basis")),
            source_url=_text(get("source_url")),
        )


def _text(value: object) -> str:
    """Cell text; "" for None/NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _scope(code: str) -> str:
    if code == NATIONAL_CODE:
        return "national"
    if code == PROVINCE_CODE:
        return "province"
    return "district"


def _chain(code: str) -> list[str]:
    """``code`` and the regions above it: district → province → Indonesia."""
    if code == NATIONAL_CODE:
        return [NATIONAL_CODE]
    if code == PROVINCE_CODE:
        return [PROVINCE_CODE, NATIONAL_CODE]
    return [code, PROVINCE_CODE, NATIONAL_CODE]


def target_choices(targets: pd.DataFrame, code: str) -> pd.DataFrame:
    """The targets a view of region ``code`` can measure against: the region's
    own (district RPJMD/TPPS, or provincial), the province's (for a district)
    and the national ones, each with its source. Conflicting targets (BKKBN
    trajectory vs Bappeda) are both listed.

    Returns:
        Ordered own → province → national, then by year and value:
        ``choice_id`` str (see :attr:`Target.choice_id`), ``code`` str,
        ``scope`` str (``district|province|national``), ``label`` str,
        ``year`` int64, ``target_pct`` float64 (percent), ``basis`` str,
        ``source_url`` str, ``alt_pct`` object (tuple of conflicting figures
        read from ``basis``), ``conflict`` bool (:func:`conflict_marked`).

    Raises:
        DataError: required columns missing (``prog.err.missing_columns``).
    """
    missing = [c for c in _TARGET_COLUMNS if c not in targets.columns]
    if missing:
        raise DataError("prog.err.missing_columns", Location(row=1), missing=", ".join(missing), table="targets")
    chain = _chain(str(code))
    t = targets[targets["code"].astype(str).isin(chain)].copy()
    t["_order"] = t["code"].astype(str).map({c: i for i, c in enumerate(chain)})
    t = t.sort_values(["_order", "year", "target_pct"], kind="stable")
    basis = t["basis"].fillna("").astype(str) if "basis" in t else pd.Series("", index=t.index)
    url = t["source_url"].fillna("").astype(str) if "source_url" in t else pd.Series("", index=t.index)
    out = pd.DataFrame(
        {
            "code": t["code"].astype(str),
            "scope": t["code"].astype(str).map(_scope),
            "label": t["label"].fillna("").astype(str),
            "year": t["year"].astype("int64"),
            "target_pct": t["target_pct"].astype("float64"),
            "basis": basis,
            "source_url": url,
        }
    )
    out["alt_pct"] = pd.Series(
        [alternative_values(b, v) for b, v in zip(out["basis"], out["target_pct"])], index=out.index, dtype="object"
    )
    out["conflict"] = out["basis"].map(conflict_marked).astype("bool")
    out.insert(0, "choice_id", [Target.from_row(r).choice_id for _, r in out.iterrows()])
    out = out.reset_index(drop=True)
    return out.astype(
        {"choice_id": "str", "code": "str", "scope": "str", "label": "str", "basis": "str", "source_url": "str"}
    )


def target_from_choice(choices: pd.DataFrame, choice_id: str) -> Target:
    """The :class:`Target` with ``choice_id`` in a :func:`target_choices` frame.

    Raises:
        KP2SError: no such choice (``prog.err.unknown_target``).
    """
    hit = choices[choices["choice_id"] == choice_id]
    if hit.empty:
        raise KP2SError("prog.err.unknown_target", choice=choice_id)
    return Target.from_row(hit.iloc[0])


def default_targets(targets: pd.DataFrame) -> tuple[Target, Target]:
    """The national medium- and long-term targets: RPJMN 2025–2029 (14.2 %
    in 2029) and RPJPN 2025–2045 (5 % in 2045), read from the targets table.

    Raises:
        KP2SError: a national 2029 or 2045 target is missing
            (``prog.err.unknown_target``).
    """
    out = []
    for year in (2029, 2045):
        hit = targets[(targets["code"].astype(str) == NATIONAL_CODE) & (targets["year"] == year)]
        if hit.empty:
            raise KP2SError("prog.err.unknown_target", choice=f"{NATIONAL_CODE}|{year}")
        out.append(Target.from_row(hit.iloc[0]))
    return out[0], out[1]


# -----------------------------------------------------------------------------
# assessment tables
# -----------------------------------------------------------------------------
def _assess(rate: Rate, target: Target) -> dict:
    if rate.latest_year is None:
        required = float("nan")
    else:
        required = required_aarr(rate.latest_pct, rate.latest_year, target.target_pct, target.year)
    status = classify(rate.aarr_pct, required, rate.n_points, rate.latest_year, target.year)
    achieved: bool | None = None
    if rate.latest_year is not None and target.year <= rate.latest_year:
        seen = rate.observed_in(target.year)
        achieved = None if seen is None else bool(seen <= target.target_pct + 1e-9)
    projected = float("nan")
    reached = None
    if status in (ON_TRACK, OFF_TRACK, NO_PROGRESS):
        projected = project(rate.latest_pct, rate.latest_year, rate.aarr_pct, target.year)
        reached = year_reached(rate.latest_pct, rate.latest_year, rate.aarr_pct, target.target_pct)
    return {
        "required_aarr_pct": required,
        "status": status,
        "projected_pct": projected,
        "achieved": achieved,
        "year_reached": reached,
    }


def progress_long(
    prevalence: pd.DataFrame,
    targets: Sequence[Target],
    codes: Iterable[str] | None = None,
    options: SeriesOptions = SURVEY,
) -> pd.DataFrame:
    """Status of each region against each target, one row per (code, target).

    Only for the survey series: targets are set on survey prevalence, and an
    e-PPGBM figure is never measured against them.

    Args:
        prevalence: the prevalence table.
        targets: targets to assess (each applied to every region).
        codes: regions (default: the 13 districts in code order).
        options: the survey series definition (default :data:`SURVEY`).

    Returns:
        ``code`` str, ``name`` str, ``n_points`` int64, ``first_year`` Int64,
        ``latest_year`` Int64, ``latest_pct`` float64, ``latest_source`` str,
        ``latest_alt_pct`` object (tuple), ``aarr_pct`` float64 (current,
        %/yr), ``method`` str, ``flagged`` bool, ``flagged_pairs`` str
        (``"2022→2023"``, ``;``-separated), ``conflicts`` str (years with
        two figures of the series, ``"2023: SKI 41.7 / SSGI 41"``, ``; ``-
        separated; such a region is ``not_assessable``), ``target_id`` str,
        ``target_label`` str, ``target_code`` str, ``target_year`` int64,
        ``target_pct`` float64, ``target_source_url`` str,
        ``required_aarr_pct`` float64 (%/yr), ``status`` str (one of
        :data:`STATUSES`), ``projected_pct`` float64 (at the target year, at
        the current pace), ``year_reached`` Int64 (first year at or below the
        target at the current pace), ``achieved`` boolean (only when the
        target year has passed and a figure exists for it; else NA).

    Raises:
        SeriesMixError: ``options`` is the register series.
        DataError: as :func:`series_frame`.
    """
    if options.kind != "survey":
        raise SeriesMixError("prog.err.register_target", sources=", ".join(options.sources))
    codes = list(codes) if codes is not None else registry().district_codes()
    region_rates = rates(prevalence, codes, options)
    records = []
    for code in codes:
        rate = region_rates[code]
        base = _rate_record(rate)
        for target in targets:
            rec = dict(base)
            rec.update(
                target_id=target.choice_id,
                target_label=target.label,
                target_code=target.code,
                target_year=int(target.year),
                target_pct=float(target.target_pct),
                target_source_url=target.source_url,
            )
            rec.update(_assess(rate, target))
            records.append(rec)
    frame = pd.DataFrame.from_records(records, columns=_LONG_COLUMNS)
    return frame.astype(_LONG_DTYPES)


def _rate_record(rate: Rate) -> dict:
    return {
        "code": rate.code,
        "name": _region_name(rate.code),
        "n_points": rate.n_points,
        "first_year": rate.first_year,
        "latest_year": rate.latest_year,
        "latest_pct": rate.latest_pct,
        "latest_source": rate.latest_source,
        "latest_alt_pct": rate.latest_alt,
        "aarr_pct": rate.aarr_pct,
        "method": rate.method,
        "flagged": rate.flagged,
        "flagged_pairs": ";".join(f"{a}→{b}" for a, b in rate.flagged_pairs),
        "conflicts": "; ".join(f"{year}: {figures}" for year, figures in rate.conflicts),
    }


_RATE_DTYPES = {
    "code": "str",
    "name": "str",
    "n_points": "int64",
    "first_year": "Int64",
    "latest_year": "Int64",
    "latest_pct": "float64",
    "latest_source": "str",
    "latest_alt_pct": "object",
    "aarr_pct": "float64",
    "method": "str",
    "flagged": "bool",
    "flagged_pairs": "str",
    "conflicts": "str",
}
_LONG_DTYPES = {
    **_RATE_DTYPES,
    "target_id": "str",
    "target_label": "str",
    "target_code": "str",
    "target_year": "int64",
    "target_pct": "float64",
    "target_source_url": "str",
    "required_aarr_pct": "float64",
    "status": "str",
    "projected_pct": "float64",
    "year_reached": "Int64",
    "achieved": "boolean",
}
_LONG_COLUMNS = list(_LONG_DTYPES)


def target_table(
    prevalence: pd.DataFrame,
    near: Target,
    far: Target,
    codes: Iterable[str] | None = None,
    options: SeriesOptions = SURVEY,
) -> pd.DataFrame:
    """The target table: one row per region with its latest value, current
    AARR, and required AARR / status / projection for two targets.

    ``near`` and ``far`` are typically :func:`default_targets` (RPJMN 14.2 %
    in 2029, RPJPN 5 % in 2045); any choice from :func:`target_choices` works.
    Pass ``codes=["63", *districts]`` to add the province row.

    Returns:
        The rate columns of :func:`progress_long` (``code`` … ``flagged_pairs``)
        then, for ``X`` in ``near`` and ``far``: ``X_label`` str, ``X_year``
        int64, ``X_target_pct`` float64, ``required_aarr_X_pct`` float64,
        ``status_X`` str, ``projected_X_pct`` float64, ``year_X_reached``
        Int64 (e.g. the year 5 % would be reached at the current pace),
        ``achieved_X`` boolean.
    """
    rate_cols = list(_RATE_DTYPES)
    out = None
    for key, target in (("near", near), ("far", far)):
        part = progress_long(prevalence, [target], codes, options).reset_index(drop=True)
        if out is None:
            out = part[rate_cols].copy()
        out[f"{key}_label"] = part["target_label"]
        out[f"{key}_year"] = part["target_year"]
        out[f"{key}_target_pct"] = part["target_pct"]
        out[f"required_aarr_{key}_pct"] = part["required_aarr_pct"]
        out[f"status_{key}"] = part["status"]
        out[f"projected_{key}_pct"] = part["projected_pct"]
        out[f"year_{key}_reached"] = part["year_reached"]
        out[f"achieved_{key}"] = part["achieved"]
    return out


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
        point to the latest target year (only when the rate is assessable);
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
        if horizon is not None and rate.n_points >= 2:
            path = projection_path(rate.latest_year, rate.latest_pct, rate.aarr_pct, horizon)
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


# -----------------------------------------------------------------------------
# survey vs register
# -----------------------------------------------------------------------------
_MONTHS = {
    "january": 1, "januari": 1, "february": 2, "februari": 2, "march": 3, "maret": 3, "april": 4,
    "may": 5, "mei": 5, "june": 6, "juni": 6, "july": 7, "juli": 7, "august": 8, "agustus": 8,
    "september": 9, "october": 10, "oktober": 10, "november": 11, "december": 12, "desember": 12,
}
_MONTH_WORD = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)
_MONTH_UNSTATED = re.compile(r"month\s+(?:for\s+\S+\s+)?not\s+stated|bulan\s+tidak\s+disebut", re.IGNORECASE)

#: Keys of the general explanation why survey and register figures differ.
WHY_DIFFER_KEYS = ("prog.svr.why.sample", "prog.svr.why.coverage", "prog.svr.why.month", "prog.svr.why.use")


def register_month(note: object) -> int | None:
    """The measurement month stated in an e-PPGBM row's note (``"August 2021
    e-PPGBM"`` → 8; ``"January 2024 e-PPGBM extract"`` → 1), or ``None``.

    ``None`` when the note states no month or says it is not stated. Months
    that name something else are skipped: a publication date (``reported May
    2023``), a month the figure is *not* from (``not the August weighing``),
    a figure cited for another month (``cites 11% for October 2023``), and
    the verb "may".
    """
    if not isinstance(note, str) or not note or _MONTH_UNSTATED.search(note):
        return None
    for m in _MONTH_WORD.finditer(note):
        word = m.group(1)
        if word.lower() == "may" and word != "May":
            continue
        before = note[max(0, m.start() - 40) : m.start()].lower()
        if re.search(r"\bnot\s+(?:the\s+)?$", before):
            continue
        if re.search(r"\b(?:reported|published|released|dated)\s+(?:in\s+|on\s+)?$", before):
            continue
        if re.search(r"\b(?:cites?|cited|quotes?|quoted)\b[^.;]*\bfor\s+$", before):
            continue
        return _MONTHS[word.lower()]
    return None


_NOT_AUGUST = re.compile(r"\bnot\s+(?:the\s+)?August\b", re.IGNORECASE)


def why_differ_notes(lang: str = i18n.DEFAULT_LANGUAGE) -> list[str]:
    """Plain-language reasons why a survey figure and an e-PPGBM figure for
    the same district and year differ (sample survey vs routine weighing,
    coverage, month), in ``lang``."""
    return [i18n.t(k, lang) for k in WHY_DIFFER_KEYS]


def survey_vs_register(
    prevalence: pd.DataFrame,
    codes: Iterable[str] | None = None,
    lang: str = i18n.DEFAULT_LANGUAGE,
    survey: SeriesOptions = SURVEY,
    register: SeriesOptions = REGISTER,
) -> pd.DataFrame:
    """Survey and register figures for the same region and year, side by side.

    Only years with both figures are listed. The gap is shown, never a rate
    across the two series.

    Args:
        prevalence: the prevalence table.
        codes: regions (default: all regions with both figures in some year).
        lang: language of ``note``.
        survey, register: the two series definitions (windows are ignored:
            every year with both figures is listed).

    Returns:
        Sorted by code and year: ``code`` str, ``name`` str, ``year`` int64,
        ``survey_source`` str, ``survey_pct`` float64, ``survey_alt_pct``
        object (tuple), ``register_pct`` float64, ``gap_pp`` float64
        (survey − register, percentage points), ``ratio`` float64 (survey ÷
        register), ``register_month`` Int64 (1–12 or NA), ``note_keys`` str
        (``;``-separated catalogue keys of the row's remarks), ``note`` str
        (those remarks in ``lang``).
    """
    s = series_frame(prevalence, codes, replace(survey, start_year=None, end_year=None))
    r = series_frame(prevalence, codes, replace(register, start_year=None, end_year=None))
    both = s.merge(r, on=["code", "year"], suffixes=("_s", "_r"))
    records = []
    for _, row in both.iterrows():
        month = register_month(row["note_r"])
        keys = ["prog.svr.row.base"]
        if month is None and _NOT_AUGUST.search(str(row["note_r"])):
            keys.append("prog.svr.row.not_august")
        elif month is None:
            keys.append("prog.svr.row.month_unknown")
        elif month != 8:
            keys.append("prog.svr.row.month_not_august")
        params = {"month": i18n.t(f"prog.month.{month}", lang) if month else ""}
        records.append(
            {
                "code": row["code"],
                "name": _region_name(row["code"]),
                "year": int(row["year"]),
                "survey_source": row["source_s"],
                "survey_pct": row["value_pct_s"],
                "survey_alt_pct": row["alt_pct_s"],
                "register_pct": row["value_pct_r"],
                "gap_pp": row["value_pct_s"] - row["value_pct_r"],
                "ratio": row["value_pct_s"] / row["value_pct_r"],
                "register_month": month,
                "note_keys": ";".join(keys),
                "note": " ".join(i18n.t(k, lang, **params) for k in keys),
            }
        )
    dtypes = {
        "code": "str",
        "name": "str",
        "year": "int64",
        "survey_source": "str",
        "survey_pct": "float64",
        "survey_alt_pct": "object",
        "register_pct": "float64",
        "gap_pp": "float64",
        "ratio": "float64",
        "register_month": "Int64",
        "note_keys": "str",
        "note": "str",
    }
    frame = pd.DataFrame.from_records(records, columns=list(dtypes))
    return frame.astype(dtypes).sort_values(["code", "year"], kind="stable").reset_index(drop=True)


# -----------------------------------------------------------------------------
# actions vs outcomes
# -----------------------------------------------------------------------------
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

    res = results.copy()
    res["code"] = res["code"].astype(str)
    res["period"] = pd.to_numeric(res["period"]).astype("int64")
    res["score"] = pd.to_numeric(res["score"], errors="coerce").astype("float64")
    res["rank"] = pd.to_numeric(res["rank"], errors="coerce").astype("Float64").round().astype("Int64")
    if period is not None:
        wanted = [int(period)] if isinstance(period, (int, np.integer)) else [int(p) for p in period]
        res = res[res["period"].isin(wanted)]
    if measure == "auto":
        measure = "score" if res["score"].notna().any() else "rank"

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
    table = pd.DataFrame.from_records(records, columns=list(dtypes)).astype(dtypes)
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


# -----------------------------------------------------------------------------
# labels
# -----------------------------------------------------------------------------
def status_label(status: str, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """Display label of a status value (e.g. ``on_track`` → "sesuai jalur")."""
    return i18n.t(f"prog.status.{status}", lang)


def flag_label(lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """The plausibility flag text: "perubahan tidak wajar — periksa sumber"."""
    return i18n.t("prog.flag.implausible", lang)
