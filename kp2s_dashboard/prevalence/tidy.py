"""The tidy prevalence table: its columns, sources, labels and row selectors.

The table format (one row per published figure, :data:`COLUMNS`) is
described in :mod:`kp2s_dashboard.prevalence.loader`, which reads files into
it and re-exports these names for its many callers.
"""

from __future__ import annotations

import pandas as pd

COLUMNS = ["code", "year", "source", "indicator", "value_pct", "source_url", "note", "note_id", "origin"]
SURVEY_SOURCES = ("riskesdas", "ssgbi", "ssgi", "ski")
REGISTER_SOURCES = ("eppgbm",)
SOURCES = SURVEY_SOURCES + REGISTER_SOURCES
HEADLINE = "stunting"

#: Display labels of the sources (proper names, the same in both languages).
SOURCE_LABELS = {
    "riskesdas": "Riskesdas",
    "ssgbi": "SSGBI",
    "ssgi": "SSGI",
    "ski": "SKI",
    "eppgbm": "e-PPGBM",
}


def empty_table() -> pd.DataFrame:
    """A tidy table with no rows and the right dtypes."""
    return _typed(pd.DataFrame({c: [] for c in COLUMNS}))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    if "note_id" not in frame.columns:  # the Indonesian note is optional
        frame = frame.assign(note_id="")
    frame = frame[COLUMNS].copy()
    for col in ("code", "source", "indicator", "source_url", "note", "note_id", "origin"):
        frame[col] = frame[col].astype(str)
    frame["year"] = frame["year"].astype("int64")
    frame["value_pct"] = frame["value_pct"].astype("float64")
    return frame.sort_values(["code", "source", "year", "indicator"], kind="stable").reset_index(drop=True)


def headline(table: pd.DataFrame) -> pd.DataFrame:
    """Rows of the headline indicator (``stunting``) only; same columns."""
    return table[table["indicator"] == HEADLINE]


def survey(table: pd.DataFrame) -> pd.DataFrame:
    """Survey rows (Riskesdas, SSGBI, SSGI, SKI) of the headline indicator."""
    t = headline(table)
    return t[t["source"].isin(SURVEY_SOURCES)]


def register(table: pd.DataFrame) -> pd.DataFrame:
    """e-PPGBM register rows of the headline indicator."""
    t = headline(table)
    return t[t["source"].isin(REGISTER_SOURCES)]


def rounds(table: pd.DataFrame, sources: tuple[str, ...] = SOURCES) -> list[tuple[str, int]]:
    """Available (source, year) pairs of the headline indicator, newest first,
    restricted to ``sources``."""
    t = headline(table)
    t = t[t["source"].isin(sources)]
    pairs = {(s, int(y)) for s, y in zip(t["source"], t["year"])}
    return sorted(pairs, key=lambda p: (p[1], SOURCES.index(p[0])), reverse=True)


def values_for(table: pd.DataFrame, source: str, year: int, indicator: str = HEADLINE) -> pd.DataFrame:
    """Rows for one round (``source``, ``year``), one per region code."""
    mask = (table["source"] == source) & (table["year"] == year) & (table["indicator"] == indicator)
    return table[mask]


def latest_survey(table: pd.DataFrame, code: str) -> pd.Series | None:
    """The newest survey row (headline) for ``code``, or ``None``."""
    t = survey(table)
    t = t[t["code"] == code]
    if t.empty:
        return None
    return t.sort_values("year").iloc[-1]
