"""Which points form a series, and that series' observed points with their checks.

:class:`SeriesOptions` (sources, AARR window, method, plausibility bound;
:data:`SURVEY` and :data:`REGISTER`), the plausibility bounds from
``data/plausibility.toml`` (:class:`Bound`, :func:`load_plausibility`), and
the observed points of one series per region (:func:`series_frame`), the
years holding two figures of it (:func:`series_conflicts`) and the flagged
jumps (:func:`plausibility_flags`). Pure, except reading
``data/plausibility.toml``.

Input *prevalence* (``data/prevalence.csv`` after loading; extra columns are
ignored): ``code`` str (``"6301"``, province ``"63"``, Indonesia ``"00"``),
``year`` int, ``source`` str (``riskesdas|ssgbi|ssgi|ski|eppgbm``),
``indicator`` str (headline ``"stunting"``), ``value_pct`` float (percent,
0–100), ``source_url`` str, ``note`` str.

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

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from kp2s_dashboard import i18n, paths
from kp2s_dashboard.errors import DataError, KP2SError, Location, RegionNotFoundError
from kp2s_dashboard.prevalence.alternatives import alternative_values
from kp2s_dashboard.prevalence.loader import SOURCE_LABELS
from kp2s_dashboard.regions import registry

SURVEY_SOURCES: tuple[str, ...] = ("riskesdas", "ssgbi", "ssgi", "ski")
REGISTER_SOURCES: tuple[str, ...] = ("eppgbm",)
HEADLINE = "stunting"
DEFAULT_START_YEAR = 2021
METHODS = ("loglinear", "endpoints")

PLAUSIBILITY_FILE = "plausibility.toml"

_PREVALENCE_COLUMNS = ("code", "year", "source", "indicator", "value_pct")


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
    (:func:`kp2s_dashboard.prevalence.loader.load_prevalence`, ``warn.survey_conflict``, a warning: both rows are kept);
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


def conflicts_text(conflicts: object, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """The ``conflicts`` text of a target table row (``"2023: SKI 41.7 / SSGI 40"``,
    years joined by ``"; "``, built from :func:`series_conflicts`) with its figures in
    the language's convention: ``2023: SKI 41,7 / SSGI 40`` in Bahasa Indonesia. The
    table keeps the neutral text (a download's column); every message quoting it
    goes through here. ``""`` for an empty or missing value."""
    text = "" if conflicts is None or (isinstance(conflicts, float) and conflicts != conflicts) else str(conflicts)
    if not text:
        return ""
    return _FIGURE.sub(lambda m: i18n.fmt_plain(float(m.group(0)), lang), text)


#: A figure in a ``conflicts`` text: a source label and a space before it (never the year, which ends with ``:``).
_FIGURE = re.compile(r"(?<= )\d+(?:\.\d+)?(?=$| /|;)")


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



def flag_label(lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """The plausibility flag text: "perubahan tidak wajar — periksa sumber"."""
    return i18n.t("prog.flag.implausible", lang)
