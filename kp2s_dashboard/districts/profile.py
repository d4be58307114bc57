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

The parts live beside this module: the district's figures in
:mod:`~kp2s_dashboard.districts.prevalence_figures`, its positions among the
13 in :mod:`~kp2s_dashboard.districts.positions`, its assessment results in
:mod:`~kp2s_dashboard.districts.assessment_results`. This module builds the
:class:`DistrictProfile` and writes it in words; the Profil page imports
the public names of the parts from here (:data:`__all__`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kp2s_dashboard import i18n
from kp2s_dashboard.districts.assessment_results import (HISTORY_COLUMNS, _period_text, action_lines, action_profile,
                                                         assessment_history, history_lines, latest_assessment,
                                                         national_awards, workbook_rank, workbook_rank_text)
from kp2s_dashboard.districts.positions import N_DISTRICTS, _signed_pct, position_lines, position_value, positions
from kp2s_dashboard.districts.prevalence_figures import Figure, _rows, _value_in
from kp2s_dashboard.prevalence import progress
from kp2s_dashboard.prevalence.loader import REGISTER_SOURCES, SURVEY_SOURCES
from kp2s_dashboard.prevalence.series import conflicts_text
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE, registry

__all__ = [
    # this module
    "DistrictProfile", "build_profile", "summary_sentences", "status_lines", "delta_text", "delta_change", "reference_text",
    "own_targets_text",
    # the parts, for the Profil page
    "Figure", "positions", "position_lines", "position_value", "assessment_history", "latest_assessment",
    "national_awards", "action_profile", "action_lines", "history_lines", "workbook_rank", "workbook_rank_text",
]


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
        return [i18n.t("prof.sum.conflicts", lang, name=p.name, conflicts=conflicts_text(s["conflicts"], lang))]
    if near_status == progress.NOT_ASSESSABLE and s.get("judge_reason") == progress.REASON_FLAGGED:
        out = [i18n.t("prof.sum.not_judged", lang, name=p.name,
                      reason=progress.reason_text(progress.REASON_FLAGGED, lang),
                      pairs=str(s.get("flagged_pairs") or "").replace(";", ", "))]
        latest = float(s.get("latest_pct"))
        if latest <= p.near.target_pct:
            out.append(i18n.t("prof.sum.already_below", lang, value=_pct(latest, lang), target=_target_text(p.near, lang)))
        return out
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
            parts.append(i18n.t("prog.tgt.conflicts", lang, conflicts=conflicts_text(s["conflicts"], lang)))
        elif status == progress.NOT_ASSESSABLE and s.get("judge_reason") == progress.REASON_FLAGGED:
            parts = [progress.reason_text(progress.REASON_FLAGGED, lang)]
            if float(s["latest_pct"]) <= target.target_pct:
                parts.append(i18n.t("prof.status.below", lang, value=_pct(float(s["latest_pct"]), lang)))
        head = f"**{_target_text(target, lang)}**" + (f" — {target.label}" if target.label else "")
        lines.append(head + ": " + " · ".join(parts))
    return lines


def delta_text(profile: DistrictProfile, lang: str = i18n.DEFAULT_LANGUAGE) -> str | None:
    """The change since the previous survey figure for a metric's delta,
    e.g. ``−1,2 poin dari SKI 2023`` (the minus sign ``−``, see
    :func:`kp2s_dashboard.i18n.fmt_signed`; the page gives Streamlit the
    direction with :func:`delta_change`); ``None`` without a previous figure."""
    change = delta_change(profile)
    if change is None:
        return None
    value = i18n.t("prof.points", lang, value=i18n.fmt_signed(change, lang, 1))
    return i18n.t("prof.kpi_delta", lang, change=value, previous=profile.survey_previous.label)


def delta_change(profile: DistrictProfile) -> float | None:
    """The change in percentage points since the previous survey figure
    (latest − previous), ``None`` without a previous figure."""
    if profile.survey is None or profile.survey_previous is None:
        return None
    return float(profile.survey.value_pct - profile.survey_previous.value_pct)


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
