"""The prevalence figures of one district: its headline rows from the
surveys (Riskesdas, SSGBI, SSGI, SKI) or the register (e-PPGBM), one per
year, as :class:`Figure` values, and the round label (``SSGI 2024``).

Input: the tidy prevalence table of :mod:`kp2s_dashboard.prevalence.loader`
(``code`` str, ``year`` int, ``source`` str, ``indicator`` str,
``value_pct`` float, percent 0–100, ``source_url`` str, ``note`` str).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kp2s_dashboard.prevalence import progress
from kp2s_dashboard.prevalence.classes import classify_one
from kp2s_dashboard.prevalence.loader import SOURCE_LABELS, headline, values_for


def round_label(source: str, year: int) -> str:
    """``SSGI 2024`` etc. (proper names, the same in both languages)."""
    return f"{SOURCE_LABELS.get(source, source)} {int(year)}"


def _rows(prevalence: pd.DataFrame, code: str, sources: tuple[str, ...]) -> pd.DataFrame:
    """Headline rows of ``code`` from ``sources``, oldest first, one per year:
    a year with two figures (SSGI and SKI of one year, see
    :func:`kp2s_dashboard.prevalence.progress.series_conflicts`) is left out, so the
    latest and previous figures are never the two halves of one conflict."""
    t = headline(prevalence)
    t = t[(t["code"] == code) & t["source"].isin(sources)].dropna(subset=["value_pct"])
    t = t[~t.duplicated(subset=["year"], keep=False)]
    return t.sort_values("year", kind="stable")


def _value_in(prevalence: pd.DataFrame, code: str, source: str, year: int) -> float | None:
    rows = values_for(prevalence, source, year)
    rows = rows[(rows["code"] == code)].dropna(subset=["value_pct"])
    return float(rows["value_pct"].iloc[0]) if not rows.empty else None


@dataclass(frozen=True)
class Figure:
    """One prevalence figure of a region: ``value_pct`` (percent) from
    ``source`` in ``year``, its prevalence class key, the alternative figures
    recorded in its note (:func:`kp2s_dashboard.prevalence.progress.alternative_values`),
    its source link and note."""

    source: str
    year: int
    value_pct: float
    klass: str
    alt_pct: tuple[float, ...]
    source_url: str
    note: str

    @property
    def label(self) -> str:
        """``SSGI 2024``."""
        return round_label(self.source, self.year)

    @classmethod
    def from_row(cls, row: pd.Series) -> "Figure":
        value = float(row["value_pct"])
        note = "" if pd.isna(row.get("note")) else str(row.get("note"))
        return cls(
            source=str(row["source"]),
            year=int(row["year"]),
            value_pct=value,
            klass=classify_one(value),
            alt_pct=progress.alternative_values(note, value),
            source_url="" if pd.isna(row.get("source_url")) else str(row.get("source_url")),
            note=note,
        )
