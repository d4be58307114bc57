"""Where one district stands among the 13 (:func:`positions`): latest
survey prevalence, change between the two latest survey rounds, AARR,
latest e-PPGBM figure and latest published assessment rank, and those
positions in words.

Positions use rank 1 for the best: lowest prevalence, biggest fall,
fastest reduction, best assessment rank. Ties share the best rank
(``method="min"``). ``n`` counts the districts with a figure for that
measure. The register (e-PPGBM) is ranked only among districts with an
e-PPGBM figure, never with survey figures.
"""

from __future__ import annotations

import pandas as pd

from kp2s_dashboard import i18n
from kp2s_dashboard.districts.assessment_results import _period_text, assessment_history
from kp2s_dashboard.districts.prevalence_figures import _rows, round_label
from kp2s_dashboard.prevalence import progress, summary
from kp2s_dashboard.prevalence.loader import REGISTER_SOURCES, SURVEY_SOURCES, rounds
from kp2s_dashboard.regions import registry

N_DISTRICTS = 13

#: Measures of :func:`positions`, in display order.
MEASURES = ("survey", "change", "aarr", "register", "assessment")

POSITION_COLUMNS = {
    "measure": "str",
    "source": "str",
    "year": "Int64",
    "previous_source": "str",
    "previous_year": "Int64",
    "period": "Int64",
    "value": "float64",
    "rank": "Int64",
    "n": "int64",
    "extreme": "str",
    "flagged": "bool",
}


def _position(measure: str, values: pd.Series, code: str, low_is_best: bool, **extra) -> dict:
    """Rank of ``code`` in ``values`` (index = codes, NaN = no figure)."""
    values = values.dropna().astype("float64")
    record = {"measure": measure, "value": float("nan"), "rank": None, "n": int(len(values)), "extreme": "",
              "flagged": False, **extra}
    if code not in values.index:
        return record
    ranks = values.rank(method="min", ascending=low_is_best)
    rank = int(ranks[code])
    value = float(values[code])
    worst = values.max() if low_is_best else values.min()
    extreme = ""
    if len(values) >= 2:
        if rank == 1:
            extreme = "best"
        elif value == worst:
            extreme = "worst"
    record.update(value=value, rank=rank, extreme=extreme)
    return record


def positions(
    prevalence: pd.DataFrame,
    code: str,
    published: pd.DataFrame | None = None,
    options: progress.SeriesOptions = progress.SURVEY,
) -> pd.DataFrame:
    """Where district ``code`` stands among the 13 on each measure.

    Measures (rows, in :data:`MEASURES` order; a measure without any data
    for anyone is left out):

    * ``survey`` — prevalence in the district's latest survey round
      (``source``/``year``), rank 1 = lowest;
    * ``change`` — change in points between the two latest survey rounds
      of the province-wide series (``previous_source``/``previous_year`` →
      ``source``/``year``, e.g. SKI 2023 → SSGI 2024; the same pair for all
      districts so they compare), rank 1 = biggest fall; ``flagged`` when
      the district's change is an implausible jump
      (:func:`kp2s_dashboard.prevalence.progress.series_frame`);
    * ``aarr`` — current AARR of the survey series
      (:func:`kp2s_dashboard.prevalence.progress.rates` with ``options``; percent per
      year), rank 1 = fastest reduction; ``flagged`` as the rate's flag;
    * ``register`` — e-PPGBM prevalence in the district's latest register
      year, ranked only among districts with an e-PPGBM figure that year
      (rank 1 = lowest);
    * ``assessment`` — the district's latest published provincial rank
      (``year`` = year assessed, ``period`` = performance year), ``n`` =
      13; only when ``published`` holds a rank for it.

    Returns:
        DataFrame with :data:`POSITION_COLUMNS`: ``measure`` str,
        ``source`` str, ``year`` Int64, ``previous_source`` str,
        ``previous_year`` Int64, ``period`` Int64, ``value`` float64
        (percent, points, percent per year, or the rank), ``rank`` Int64
        (<NA> when the district has no figure), ``n`` int64 (districts with
        a figure), ``extreme`` str (``best`` | ``worst`` | ""),
        ``flagged`` bool.

    Raises:
        DataError: as :func:`kp2s_dashboard.prevalence.progress.series_frame`.
    """
    codes = registry().district_codes()
    records: list[dict] = []
    own = _rows(prevalence, code, SURVEY_SOURCES)
    survey_rounds = rounds(prevalence, SURVEY_SOURCES)
    if not own.empty:
        last = own.iloc[-1]
        table = summary.district_round(prevalence, str(last["source"]), int(last["year"]))
        records.append(_position("survey", table.set_index("code")["value_pct"], code, True,
                                 source=str(last["source"]), year=int(last["year"])))
    if len(survey_rounds) >= 2:
        (s2, y2), (s1, y1) = survey_rounds[0], survey_rounds[1]
        change = summary.change_between(prevalence, (s1, y1), (s2, y2)).set_index("code")["change_pp"]
        record = _position("change", change, code, True, source=s2, year=y2, previous_source=s1, previous_year=y1)
        full = progress.series_frame(prevalence, [code], progress.SeriesOptions(start_year=None))
        hit = full[(full["year"] == y2) & (full["source"] == s2)]
        record["flagged"] = bool(hit["implausible"].any()) and record["rank"] is not None
        if record["n"]:
            records.append(record)
    region_rates = progress.rates(prevalence, codes, options)
    aarr = pd.Series({c: r.aarr_pct for c, r in region_rates.items()}, dtype="float64")
    if aarr.notna().any():
        rate = region_rates[code]
        record = _position("aarr", aarr, code, False, source="", year=rate.latest_year,
                           previous_year=rate.first_year)
        record["flagged"] = rate.flagged and record["rank"] is not None
        records.append(record)
    register = _rows(prevalence, code, REGISTER_SOURCES)
    if not register.empty:
        last = register.iloc[-1]
        table = summary.district_round(prevalence, str(last["source"]), int(last["year"]))
        records.append(_position("register", table.set_index("code")["value_pct"], code, True,
                                 source=str(last["source"]), year=int(last["year"])))
    if published is not None:
        history = assessment_history(published, code)
        ranked = history[history["rank"].notna()]
        if not ranked.empty:
            last = ranked.iloc[-1]
            rank = int(last["rank"])
            records.append({
                "measure": "assessment", "source": "", "year": int(last["year_assessed"]),
                "period": last["period"], "value": float(rank), "rank": rank, "n": N_DISTRICTS,
                "extreme": "best" if rank == 1 else ("worst" if rank == N_DISTRICTS else ""), "flagged": False,
            })
    frame = pd.DataFrame.from_records(records, columns=list(POSITION_COLUMNS))
    for column in ("source", "previous_source"):
        frame[column] = frame[column].fillna("")
    frame["flagged"] = frame["flagged"].fillna(False)
    frame["extreme"] = frame["extreme"].fillna("")
    for column, dtype in POSITION_COLUMNS.items():
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None).astype(dtype)
    return frame


def _measure_label(row: pd.Series | dict, lang: str) -> str:
    measure = row["measure"]
    if measure in ("survey", "register"):
        return round_label(row["source"], row["year"])
    if measure == "change":
        return i18n.t("prof.measure.change", lang, first=round_label(row["previous_source"], row["previous_year"]),
                      second=round_label(row["source"], row["year"]))
    if measure == "aarr":
        return i18n.t("prof.measure.aarr", lang)
    return i18n.t("prof.measure.assessment", lang, year=row["year"], period=_period_text(row["period"], lang))


def _signed_pct(value: float, lang: str) -> str:
    """``12,6%`` / ``−12,6%`` (a true minus sign)."""
    text = i18n.fmt_pct(abs(value), lang)
    return ("−" + text) if value < 0 else text


def position_value(row: pd.Series | dict, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """The figure of a :func:`positions` row as text: ``13,2%``, ``−1,2
    poin``, ``24,4% per tahun`` or ``peringkat 1``."""
    measure, value = row["measure"], row["value"]
    if measure in ("survey", "register"):
        return i18n.fmt_pct(value, lang, max(1, progress._decimals_needed(value)))
    if measure == "change":
        return i18n.t("prof.points", lang, value=i18n.fmt_signed(value, lang))
    if measure == "aarr":
        return i18n.t("prof.per_year", lang, value=_signed_pct(value, lang))
    return i18n.t("prof.rank_value", lang, rank=int(value))


def position_text(row: pd.Series | dict, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """A :func:`positions` row in words, e.g. ``peringkat 1 dari 12
    kabupaten/kota dengan data, terendah`` / ``rank 1 of 12 districts with
    data, lowest``; ``tidak ada data`` when the district has no figure."""
    measure = row["measure"]
    if row["rank"] is None or pd.isna(row["rank"]):
        return i18n.t("prof.pos.no_data", lang, n=int(row["n"]))
    rank, n, extreme = int(row["rank"]), int(row["n"]), row["extreme"]
    if measure == "assessment":
        return i18n.t("prof.pos.assessment", lang, rank=rank, n=n)
    if n == 1:
        return i18n.t("prof.pos.only", lang)
    kind = {"survey": "prev", "register": "prev", "change": "change", "aarr": "aarr"}[measure]
    if extreme == "worst" and kind == "change":
        which = "worst_rise" if row["value"] > 0 else "worst_fall"
    elif extreme == "worst" and kind == "aarr":
        which = "worst_rise" if row["value"] < 0 else "worst_fall"
    else:
        which = extreme or "middle"
    words = i18n.t(f"prof.pos.{kind}.{which}", lang)
    key = "prof.pos.rank_extreme" if extreme else "prof.pos.rank_middle"
    return i18n.t(key, lang, rank=rank, n=n, words=words)


def position_lines(frame: pd.DataFrame, lang: str = i18n.DEFAULT_LANGUAGE) -> list[str]:
    """One Markdown line per :func:`positions` row: ``**SSGI 2024** — 13,2%:
    peringkat 1 dari 13 kabupaten/kota dengan data, terendah`` (with the
    implausible-change flag when set)."""
    lines = []
    for _, row in frame.iterrows():
        ranked = row["rank"] is not None and not pd.isna(row["rank"])
        value = position_value(row, lang) if ranked and row["measure"] != "assessment" else ""
        text = f"**{_measure_label(row, lang)}**" + (f" — {value}" if value else "") + ": " + position_text(row, lang)
        if row["flagged"]:
            text += " ⚠ " + progress.flag_label(lang)
        lines.append(text)
    return lines
