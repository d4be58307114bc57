"""District profile: everything about one kabupaten/kota, and a short
summary written from the data.

Pure functions (no Streamlit, no file reading). Inputs:

* *prevalence*: the tidy table of :mod:`kp2s_dashboard.prevalence.loader`
  (``code`` str, ``year`` int, ``source`` str, ``indicator`` str,
  ``value_pct`` float, percent 0–100, ``source_url`` str, ``note`` str);
* *targets*: the table of :mod:`kp2s_dashboard.prevalence.targets`;
* *published*: :attr:`kp2s_dashboard.assessment.PublishedResults.table`
  (provincial ranks and national awards, each with its source);
* optionally an :class:`~kp2s_dashboard.assessment.AssessmentResult` for
  per-action scores (the demo workbooks are synthetic: the page says so).

Survey (Riskesdas, SSGBI, SSGI, SKI) and register (e-PPGBM) figures are
kept apart everywhere: the register is never ranked with, compared to, or
measured against targets like a survey figure.

Positions among the 13 (:func:`positions`) use rank 1 for the best:
lowest prevalence, biggest fall, fastest reduction, best assessment rank.
Ties share the best rank (``method="min"``). ``n`` counts the districts
with a figure for that measure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from kp2s_dashboard import i18n
from kp2s_dashboard.prevalence import progress, summary
from kp2s_dashboard.prevalence.classes import classify_one
from kp2s_dashboard.prevalence.loader import REGISTER_SOURCES, SOURCE_LABELS, SURVEY_SOURCES, headline, rounds, values_for
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE, registry

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

HISTORY_COLUMNS = {
    "year_assessed": "Int64",
    "period": "Int64",
    "period_label": "str",
    "rank": "Int64",
    "score": "float64",
    "previous_year_assessed": "Int64",
    "rank_previous": "Int64",
    "rank_change": "Int64",
    "note": "str",
    "source_url": "str",
}


def round_label(source: str, year: int) -> str:
    """``SSGI 2024`` etc. (proper names, the same in both languages)."""
    return f"{SOURCE_LABELS.get(source, source)} {int(year)}"


# -----------------------------------------------------------------------------
# figures of one district
# -----------------------------------------------------------------------------
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


# -----------------------------------------------------------------------------
# positions among the 13
# -----------------------------------------------------------------------------
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


def _period_text(period: object, lang: str) -> str:
    return "–" if period is None or pd.isna(period) else str(int(period))


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


# -----------------------------------------------------------------------------
# assessment
# -----------------------------------------------------------------------------
def assessment_history(published: pd.DataFrame, code: str) -> pd.DataFrame:
    """The district's published provincial results, oldest first, with the
    change since its previous published rank.

    Args:
        published: :attr:`~kp2s_dashboard.assessment.PublishedResults.table`
            (``year_assessed`` Int64, ``period`` Int64, ``period_label``,
            ``code``, ``rank`` Int64, ``score`` float64, ``scope``,
            ``note``, ``source_url``).

    Returns:
        :data:`HISTORY_COLUMNS`: ``year_assessed`` Int64, ``period`` Int64,
        ``period_label`` str, ``rank`` Int64, ``score`` float64 (as
        published, NaN mostly), ``previous_year_assessed`` Int64 and
        ``rank_previous`` Int64 (the latest earlier published rank of the
        district; <NA> when none), ``rank_change`` Int64 (``rank_previous −
        rank``, positive = moved up, the convention of
        :func:`kp2s_dashboard.assessment.scoring.ranking`), ``note`` str,
        ``source_url`` str. National awards are left out (see
        :func:`national_awards`).
    """
    rows = published[(published["scope"] == "provincial") & (published["code"] == code)]
    rows = rows.sort_values("year_assessed", kind="stable")
    records = []
    last_year, last_rank = None, None
    for _, row in rows.iterrows():
        rank = None if pd.isna(row["rank"]) else int(row["rank"])
        records.append({
            "year_assessed": int(row["year_assessed"]),
            "period": None if pd.isna(row["period"]) else int(row["period"]),
            "period_label": str(row["period_label"]),
            "rank": rank,
            "score": float(row["score"]),
            "previous_year_assessed": last_year,
            "rank_previous": last_rank,
            "rank_change": (last_rank - rank) if rank is not None and last_rank is not None else None,
            "note": str(row["note"]),
            "source_url": str(row["source_url"]),
        })
        if rank is not None:
            last_year, last_rank = int(row["year_assessed"]), rank
    frame = pd.DataFrame.from_records(records, columns=list(HISTORY_COLUMNS))
    for column, dtype in HISTORY_COLUMNS.items():
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None).astype(dtype)
    return frame


def national_awards(published: pd.DataFrame, code: str) -> pd.DataFrame:
    """The district's national awards (not ranks): ``year_assessed``,
    ``period_label``, ``note``, ``source_url`` as in ``published``."""
    rows = published[(published["scope"] == "national") & (published["code"] == code)]
    return rows[["year_assessed", "period_label", "note", "source_url"]].reset_index(drop=True)


def latest_assessment(published: pd.DataFrame) -> tuple[int, int | None] | None:
    """``(year_assessed, period)`` of the latest provincial assessment with
    any published rank, or ``None``."""
    rows = published[(published["scope"] == "provincial") & published["rank"].notna()]
    if rows.empty:
        return None
    year = int(rows["year_assessed"].max())
    periods = rows.loc[rows["year_assessed"] == year, "period"].dropna()
    return year, (int(periods.iloc[0]) if len(periods) else None)


ACTION_COLUMNS = {
    "action": "Int64",
    "action_name": "str",
    "score_pct": "float64",
    "province_mean": "float64",
    "best_pct": "float64",
    "gap_to_mean": "float64",
    "rank": "Int64",
    "n": "int64",
}


def action_profile(action_scores: pd.DataFrame, code: str, instrument=None,
                   lang: str = i18n.DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Per-action scores of one district against the province, with the
    district's rank on each action.

    Args:
        action_scores: :func:`kp2s_dashboard.assessment.scoring.action_scores`
            output for one component (``year_assessed`` Int64, ``code`` str,
            ``action`` Int64, ``score_pct`` float64 0–100), e.g.
            ``AssessmentViews.action_scores`` of
            :mod:`kp2s_dashboard.assessment.views`; the latest assessment
            year in it is used.
        code: district code.
        instrument: an :class:`~kp2s_dashboard.assessment.Instrument` for
            the action names (else ``Aksi n``).

    Returns:
        One row per action: ``action`` Int64, ``action_name`` str,
        ``score_pct`` float64 (NaN when not scored), ``province_mean``
        float64 (unweighted mean over the districts with a score, as
        :func:`~kp2s_dashboard.assessment.comparisons.district_vs_province`),
        ``best_pct`` float64, ``gap_to_mean`` float64 (points), ``rank``
        Int64 (1 = highest score among ``n``, ties share the best rank;
        <NA> when not scored), ``n`` int64 (districts with a score on that
        action). Empty when the district has no row.
    """
    scores = action_scores
    if len(scores) and scores["year_assessed"].notna().any():
        scores = scores[scores["year_assessed"] == scores["year_assessed"].max()]
    if scores.empty or code not in set(scores["code"]):
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in ACTION_COLUMNS.items()})
    records = []
    for action, group in scores.groupby("action", sort=True):
        valid = group.dropna(subset=["score_pct"]).set_index("code")["score_pct"].astype("float64")
        own = group.loc[group["code"] == code, "score_pct"]
        value = float(own.iloc[0]) if len(own) and pd.notna(own.iloc[0]) else math.nan
        mean = float(valid.mean()) if len(valid) else math.nan
        ranks = valid.rank(method="min", ascending=False)
        records.append({
            "action": int(action),
            "action_name": instrument.action_name(int(action), lang) if instrument is not None
            else i18n.t("prof.action_n", lang, n=int(action)),
            "score_pct": value,
            "province_mean": mean,
            "best_pct": float(valid.max()) if len(valid) else math.nan,
            "gap_to_mean": value - mean,
            "rank": int(ranks[code]) if code in ranks.index else None,
            "n": int(len(valid)),
        })
    frame = pd.DataFrame.from_records(records, columns=list(ACTION_COLUMNS))
    for column, dtype in ACTION_COLUMNS.items():
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None).astype(dtype)
    return frame


def workbook_rank(ranking: pd.DataFrame, code: str) -> dict | None:
    """The district's row of an assessment ranking
    (:func:`kp2s_dashboard.assessment.scoring.ranking`, e.g.
    ``AssessmentViews.ranking``) as ``{"rank", "n", "year_assessed",
    "period", "rank_previous", "previous_year_assessed", "rank_change",
    "previous_source"}`` (ints or None; ``n`` = districts with a rank), or
    ``None`` when the district has no rank."""
    hit = ranking[(ranking["code"] == code) & ranking["rank"].notna()]
    if hit.empty:
        return None
    row = hit.iloc[0]

    def whole(value: object) -> int | None:
        return None if value is None or pd.isna(value) else int(value)

    return {
        "rank": int(row["rank"]),
        "n": int(ranking["rank"].notna().sum()),
        "year_assessed": whole(row["year_assessed"]),
        "period": whole(row["period"]),
        "rank_previous": whole(row["rank_previous"]),
        "previous_year_assessed": whole(row["previous_year_assessed"]),
        "rank_change": whole(row["rank_change"]),
        "previous_source": "" if pd.isna(row["previous_source"]) else str(row["previous_source"]),
    }


def workbook_rank_text(rank: dict, name: str, synthetic: bool, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """``Data contoh: Tapin peringkat 13 dari 13 pada penilaian 2024 (kinerja
    2023)`` plus the change since the previous rank (workbook or published)
    when one is known; for sample data (``synthetic``) no change against a
    published (real) rank is given."""
    key = "prof.wb_rank_sample" if synthetic else "prof.wb_rank"
    text = i18n.t(key, lang, name=name, rank=rank["rank"], n=rank["n"], year=rank["year_assessed"] or "–",
                  period=_period_text(rank["period"], lang))
    # a sample rank is never set against a real published one
    comparable = not (synthetic and rank["previous_source"] == "published")
    if rank["rank_change"] is not None and comparable:
        change = rank["rank_change"]
        which = "prof.sum.rank_up" if change > 0 else ("prof.sum.rank_down" if change < 0 else "prof.sum.rank_same")
        text += " " + i18n.t(which, lang, steps=abs(change), previous=rank["rank_previous"],
                             year=rank["previous_year_assessed"])
        if rank["previous_source"] == "published":
            text += " " + i18n.t("prof.wb_previous_published", lang)
    return text


# -----------------------------------------------------------------------------
# the profile and its summary
# -----------------------------------------------------------------------------
@dataclass(frozen=True)
class DistrictProfile:
    """Everything the Profil view says about one district.

    ``survey`` / ``survey_previous``: the district's latest and previous
    survey figures (``None`` when absent); ``register``: its latest e-PPGBM
    figure (kept apart). ``province_pct`` / ``national_pct``: the province
    and Indonesia in the same round as ``survey`` (``None`` when absent).
    ``status``: the district's row of
    :func:`kp2s_dashboard.prevalence.progress.target_table` against ``near`` and
    ``far`` (RPJMN 14.2 % in 2029 and RPJPN 5 % in 2045 by default).
    ``positions``: :func:`positions`. ``history``: :func:`assessment_history`.
    ``last_assessment``: :func:`latest_assessment` of the whole province.
    ``start_year``: first year of the AARR window.
    """

    code: str
    name: str
    survey: Figure | None
    survey_previous: Figure | None
    register: Figure | None
    province_pct: float | None
    national_pct: float | None
    status: dict
    near: progress.Target
    far: progress.Target
    positions: pd.DataFrame
    history: pd.DataFrame
    last_assessment: tuple[int, int | None] | None
    start_year: int | None = progress.DEFAULT_START_YEAR


def build_profile(
    prevalence: pd.DataFrame,
    targets: pd.DataFrame,
    code: str,
    published: pd.DataFrame | None = None,
    options: progress.SeriesOptions = progress.SURVEY,
    near: progress.Target | None = None,
    far: progress.Target | None = None,
) -> DistrictProfile:
    """The :class:`DistrictProfile` of district ``code``.

    Args:
        prevalence: the tidy prevalence table.
        targets: the targets table (for the default 2029/2045 targets).
        code: BPS code of a kabupaten/kota.
        published: published assessment results (``PublishedResults.table``),
            or ``None`` to leave the assessment out.
        options: the survey series definition for the AARR and status.
        near, far: targets to assess against (default
            :func:`kp2s_dashboard.prevalence.progress.default_targets`).

    Raises:
        RegionNotFoundError: ``code`` is not a known region.
        KP2SError: a default target is missing in ``targets``.
        DataError: as :func:`kp2s_dashboard.prevalence.progress.series_frame`.
    """
    name = registry().short_name(code)
    if near is None or far is None:
        default_near, default_far = progress.default_targets(targets)
        near, far = near or default_near, far or default_far
    own = _rows(prevalence, code, SURVEY_SOURCES)
    survey = Figure.from_row(own.iloc[-1]) if len(own) else None
    previous = Figure.from_row(own.iloc[-2]) if len(own) >= 2 else None
    register = _rows(prevalence, code, REGISTER_SOURCES)
    register_figure = Figure.from_row(register.iloc[-1]) if len(register) else None
    province = national = None
    if survey is not None:
        province = _value_in(prevalence, PROVINCE_CODE, survey.source, survey.year)
        national = _value_in(prevalence, NATIONAL_CODE, survey.source, survey.year)
    status_table = progress.target_table(prevalence, near, far, codes=[code], options=options)
    status = status_table.iloc[0].to_dict()
    history = assessment_history(published, code) if published is not None else pd.DataFrame(
        {c: pd.Series(dtype=d) for c, d in HISTORY_COLUMNS.items()})
    return DistrictProfile(
        code=code,
        name=name,
        survey=survey,
        survey_previous=previous,
        register=register_figure,
        province_pct=province,
        national_pct=national,
        status=status,
        near=near,
        far=far,
        positions=positions(prevalence, code, published, options),
        history=history,
        last_assessment=latest_assessment(published) if published is not None else None,
        start_year=options.start_year,
    )


def _pct(value: float, lang: str) -> str:
    return i18n.fmt_pct(value, lang, max(1, progress._decimals_needed(value)))


def _target_text(target: progress.Target, lang: str) -> str:
    value = i18n.fmt_pct(target.target_pct, lang, progress._decimals_needed(target.target_pct))
    return i18n.t("prof.target_tag", lang, year=target.year, value=value)


def _signed_pct(value: float, lang: str) -> str:
    """``12,6%`` / ``−12,6%`` (a true minus sign)."""
    text = i18n.fmt_pct(abs(value), lang)
    return ("−" + text) if value < 0 else text


def _status_phrase(status: str, target: progress.Target, lang: str) -> str:
    return i18n.t(f"prof.sum.status.{status}", lang, target=_target_text(target, lang))


def summary_sentences(profile: DistrictProfile, lang: str = i18n.DEFAULT_LANGUAGE) -> list[str]:
    """A short summary of the district written from the data, one sentence
    per item, in ``lang``:

    1. the latest survey figure, its place in the province (lowest /
       highest / rank) and the province and national figures of that round;
    2. the change since the district's previous survey figure (flagged when
       implausible);
    3. the status toward the two targets at the current pace (and that the
       latest figure already meets the near target, when it does);
    4. the latest published assessment result (or that the district's rank
       in the latest assessment was not published);
    5. the latest e-PPGBM figure, named as a different measurement.

    Example (Tapin, ``id``): "Tapin mencatat prevalensi stunting terendah
    di provinsi menurut SSGI 2024: 13,2% (provinsi 22,9%, nasional 19,8%)."
    """
    p = profile
    out: list[str] = []
    pos = {row["measure"]: row for _, row in p.positions.iterrows()}
    if p.survey is None:
        out.append(i18n.t("prof.sum.no_survey", lang, name=p.name))
    else:
        refs = []
        if p.province_pct is not None:
            refs.append(i18n.t("prof.sum.ref_province", lang, value=_pct(p.province_pct, lang)))
        if p.national_pct is not None:
            refs.append(i18n.t("prof.sum.ref_national", lang, value=_pct(p.national_pct, lang)))
        ref_text = f" ({', '.join(refs)})" if refs else ""
        row = pos.get("survey")
        params = dict(name=p.name, round=p.survey.label, value=_pct(p.survey.value_pct, lang), refs=ref_text)
        if row is not None and row["extreme"] == "best":
            key = "prof.sum.latest_lowest"
        elif row is not None and row["extreme"] == "worst":
            key = "prof.sum.latest_highest"
        else:
            key = "prof.sum.latest_rank"
            params.update(rank=int(row["rank"]) if row is not None else "–", n=int(row["n"]) if row is not None else 0)
        text = i18n.t(key, lang, **params)
        if p.survey.alt_pct:
            text += " " + i18n.t("prof.sum.alternatives", lang, others=", ".join(_pct(a, lang) for a in p.survey.alt_pct))
        out.append(text)
        if p.survey_previous is not None:
            change = p.survey.value_pct - p.survey_previous.value_pct
            key = "prof.sum.change_fall" if change < 0 else ("prof.sum.change_rise" if change > 0 else "prof.sum.change_same")
            text = i18n.t(key, lang, previous=p.survey_previous.label, value=_pct(p.survey_previous.value_pct, lang),
                          change=i18n.fmt_number(abs(change), lang, 1))
            flags = str(p.status.get("flagged_pairs") or "")
            if f"{p.survey_previous.year}→{p.survey.year}" in flags.split(";"):
                text += " " + i18n.t("prof.sum.flagged", lang, flag=progress.flag_label(lang))
            out.append(text)
    out.extend(_status_sentences(p, lang))
    out.extend(_assessment_sentences(p, lang))
    if p.register is not None:
        out.append(i18n.t("prof.sum.register", lang, year=p.register.year, value=_pct(p.register.value_pct, lang)))
    return out


def _status_sentences(p: DistrictProfile, lang: str) -> list[str]:
    s = p.status
    near_status, far_status = s.get("status_near"), s.get("status_far")
    if s.get("conflicts"):
        return [i18n.t("prof.sum.conflicts", lang, name=p.name, conflicts=s["conflicts"])]
    if near_status == progress.NOT_ASSESSABLE:
        return [i18n.t("prof.sum.not_assessable", lang, name=p.name, n=int(s.get("n_points") or 0),
                       start=p.start_year or "–")]
    aarr = float(s.get("aarr_pct"))
    trend = i18n.t("prof.trend_fall" if aarr >= 0 else "prof.trend_rise", lang, value=i18n.fmt_pct(abs(aarr), lang))
    if near_status == far_status:
        both = i18n.t("prof.sum.status.both", lang, near=_target_text(p.near, lang), far=_target_text(p.far, lang))
        phrase = i18n.t(f"prof.sum.status.{near_status}", lang, target=both)
    else:
        phrase = i18n.t("prof.sum.status.and", lang, first=_status_phrase(near_status, p.near, lang),
                        second=_status_phrase(far_status, p.far, lang))
    out = [i18n.t("prof.sum.status", lang, name=p.name, trend=trend, first_year=s.get("first_year"),
                  latest_year=s.get("latest_year"), phrase=phrase)]
    latest = float(s.get("latest_pct"))
    if near_status != progress.TARGET_YEAR_PASSED and latest <= p.near.target_pct:
        out.append(i18n.t("prof.sum.already_below", lang, value=_pct(latest, lang), target=_target_text(p.near, lang)))
    if near_status == progress.OFF_TRACK:
        out.append(i18n.t("prof.sum.required", lang, required=i18n.fmt_pct(float(s.get("required_aarr_near_pct")), lang),
                          target=_target_text(p.near, lang)))
    if s.get("flagged"):
        out.append(i18n.t("prof.sum.rate_flagged", lang, pairs=str(s.get("flagged_pairs")).replace(";", ", "),
                          flag=progress.flag_label(lang)))
    return out


def _assessment_sentences(p: DistrictProfile, lang: str) -> list[str]:
    if p.last_assessment is None:
        return []
    year, period = p.last_assessment
    ranked = p.history[p.history["rank"].notna()]
    in_latest = ranked[ranked["year_assessed"] == year]
    if not in_latest.empty:
        row = in_latest.iloc[-1]
        text = i18n.t("prof.sum.assessment_rank", lang, name=p.name, year=year, period=_period_text(period, lang),
                      rank=int(row["rank"]), n=N_DISTRICTS)
        if pd.notna(row["rank_change"]):
            change = int(row["rank_change"])
            key = "prof.sum.rank_up" if change > 0 else ("prof.sum.rank_down" if change < 0 else "prof.sum.rank_same")
            text += " " + i18n.t(key, lang, steps=abs(change), previous=int(row["rank_previous"]),
                                 year=int(row["previous_year_assessed"]))
        return [text]
    if ranked.empty:
        return [i18n.t("prof.sum.assessment_none", lang, name=p.name, year=year, period=_period_text(period, lang))]
    row = ranked.iloc[-1]
    return [i18n.t("prof.sum.assessment_older", lang, name=p.name, year=year, period=_period_text(period, lang),
                   rank=int(row["rank"]), old_year=int(row["year_assessed"]),
                   old_period=_period_text(row["period"], lang))]


# -----------------------------------------------------------------------------
# display helpers (pure; the page only lays them out)
# -----------------------------------------------------------------------------
def status_lines(profile: DistrictProfile, lang: str = i18n.DEFAULT_LANGUAGE) -> list[str]:
    """One Markdown line per target (``near``, ``far``) with the status, the
    current and required AARR and the projection, e.g. ``**target 2029
    (14,2%)** — RPJMN 2025–2029: tidak sesuai jalur · laju saat ini 5,1% per
    tahun, dibutuhkan 15,2% per tahun · proyeksi 2029: 24,8%``."""
    s = profile.status
    lines = []
    for key, target in (("near", profile.near), ("far", profile.far)):
        status = s.get(f"status_{key}")
        parts = [progress.status_label(status, lang)]
        if status not in (progress.NOT_ASSESSABLE, progress.TARGET_YEAR_PASSED):
            current = i18n.t("prof.per_year", lang, value=_signed_pct(float(s["aarr_pct"]), lang))
            if float(s["latest_pct"]) <= target.target_pct:
                parts.append(i18n.t("prof.status.met", lang, current=current, value=_pct(float(s["latest_pct"]), lang)))
            else:
                required = i18n.t("prof.per_year", lang, value=_signed_pct(float(s[f"required_aarr_{key}_pct"]), lang))
                parts.append(i18n.t("prof.status.rates", lang, current=current, required=required))
                reached = s.get(f"year_{key}_reached")
                if reached is not None and not pd.isna(reached):
                    parts.append(i18n.t("prof.status.reached", lang, year=int(reached)))
            projected = s.get(f"projected_{key}_pct")
            if projected is not None and not pd.isna(projected):
                parts.append(i18n.t("prof.status.projected", lang, year=target.year,
                                    value=i18n.fmt_pct(float(projected), lang, 1)))
            if s.get("flagged"):
                parts.append("⚠ " + progress.flag_label(lang))
        elif s.get("conflicts"):
            parts.append(i18n.t("prog.tgt.conflicts", lang, conflicts=s["conflicts"]))
        head = f"**{_target_text(target, lang)}**" + (f" — {target.label}" if target.label else "")
        lines.append(head + ": " + " · ".join(parts))
    return lines


def delta_text(profile: DistrictProfile, lang: str = i18n.DEFAULT_LANGUAGE) -> str | None:
    """The change since the previous survey figure for a metric's delta,
    e.g. ``-1,2 poin dari SKI 2023``; ``None`` without a previous figure.
    Starts with an ASCII ``-`` or ``+`` (Streamlit reads the sign from it)."""
    if profile.survey is None or profile.survey_previous is None:
        return None
    change = profile.survey.value_pct - profile.survey_previous.value_pct
    sign = "-" if change < 0 else ("+" if change > 0 else "±")
    value = i18n.t("prof.points", lang, value=sign + i18n.fmt_number(abs(change), lang, 1))
    return i18n.t("prof.kpi_delta", lang, change=value, previous=profile.survey_previous.label)


def reference_text(profile: DistrictProfile, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """``Kalimantan Selatan 22,9% · Indonesia 19,8% (SSGI 2024)`` for the
    round of the district's latest survey figure; "" when neither exists."""
    if profile.survey is None:
        return ""
    parts = []
    if profile.province_pct is not None:
        parts.append(f"{registry().get(PROVINCE_CODE).name} {_pct(profile.province_pct, lang)}")
    if profile.national_pct is not None:
        parts.append(f"{registry().get(NATIONAL_CODE).name} {_pct(profile.national_pct, lang)}")
    if not parts:
        return ""
    return i18n.t("prof.ref_line", lang, refs=" · ".join(parts), round=profile.survey.label)


def own_targets_text(own: pd.DataFrame, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """The district's own targets (rows of the targets table) in one line,
    e.g. ``Target daerah: RPJMD 20,74% pada 2025; RPJMD 16,91% pada 2030``."""
    items = [i18n.t("prof.own_target", lang, label=row["label"], year=int(row["year"]),
                    value=i18n.fmt_pct(row["target_pct"], lang, progress._decimals_needed(row["target_pct"])))
             for _, row in own.sort_values("year").iterrows()]
    return i18n.t("prof.own_targets", lang, items="; ".join(items))


def action_lines(actions: pd.DataFrame, lang: str = i18n.DEFAULT_LANGUAGE) -> list[str]:
    """One Markdown line per action of :func:`action_profile`, e.g.
    ``**Aksi 1** Analisis Situasi: 49,0 (rata-rata provinsi 66,8; peringkat
    12 dari 13)``."""
    lines = []
    for _, row in actions.sort_values("action").iterrows():
        rank = (i18n.t("prof.fig.rank_of", lang, rank=int(row["rank"]), n=int(row["n"]))
                if pd.notna(row["rank"]) else i18n.t("prof.not_scored", lang))
        lines.append(i18n.t("prof.action_line", lang, action=i18n.t("prof.action_n", lang, n=int(row["action"])),
                            name=row["action_name"], score=i18n.fmt_number(row["score_pct"], lang, 1),
                            mean=i18n.fmt_number(row["province_mean"], lang, 1), rank=rank))
    return lines


def history_lines(history: pd.DataFrame, lang: str = i18n.DEFAULT_LANGUAGE) -> list[str]:
    """:func:`assessment_history` as Markdown lines, newest first (narrow
    enough for a phone), e.g. ``**Penilaian 2021** (kinerja 2020): peringkat
    **1** (▲ 6 dari peringkat 7 pada penilaian 2020) — <note> · [sumber](url)``."""
    lines = []
    for _, row in history.sort_values("year_assessed", ascending=False, kind="stable").iterrows():
        change = ""
        if pd.notna(row["rank_change"]):
            value = int(row["rank_change"])
            key = "prof.history_change" if value else "prof.history_same"
            change = i18n.t(key, lang, arrow=f"▲ {value}" if value > 0 else f"▼ {-value}",
                            previous=int(row["rank_previous"]), previous_year=int(row["previous_year_assessed"]))
        rank = int(row["rank"]) if pd.notna(row["rank"]) else "–"
        lines.append(i18n.t("prof.history_line", lang, year=int(row["year_assessed"]),
                            period=row["period_label"] or "–", rank=rank, change=change, note=row["note"],
                            url=row["source_url"], link=i18n.t("ui.source_link", lang)))
    return lines
