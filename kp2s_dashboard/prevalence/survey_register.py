"""Survey and e-PPGBM register figures for the same region and year, side by side.

:func:`survey_vs_register` lists the years with both figures and their gap
(never a rate across the two series); :func:`register_month` reads the
measurement month from an e-PPGBM note; :func:`why_differ_notes` gives the
general reasons the two differ. Pure; percentages are percents (0–100).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

import pandas as pd

from kp2s_dashboard import i18n
from kp2s_dashboard.prevalence.series import REGISTER, SURVEY, SeriesOptions, _region_name, series_frame

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
