"""The Aksi page's frames for one data set, assessment year and component.

:func:`build_views` computes :class:`AssessmentViews` (scores per action,
totals, the ranking from :func:`~kp2s_dashboard.assessment.result.district_result`,
lagging actions, component breakdown, spread between assessors);
:func:`district_comparison` one district against the province. The same
frames feed Profil, the deck and the exports. Pure: no Streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from kp2s_dashboard.assessment import comparisons as cmp
from kp2s_dashboard.assessment import scoring as sc
from kp2s_dashboard.assessment.model import AssessmentResult
from kp2s_dashboard.assessment.result import combine_how, district_result


def years_assessed(result: AssessmentResult) -> list[int]:
    """Assessment years present in ``result.scores`` or ``result.totals``,
    newest first."""
    values = pd.concat([result.scores["year_assessed"], result.totals["year_assessed"]]).dropna()
    return sorted({int(v) for v in values}, reverse=True)


def period_of(result: AssessmentResult, year_assessed: int) -> int | None:
    """The performance period scored by the assessment held in ``year_assessed``
    (from the data; None when unknown or mixed)."""
    rows = result.scores[result.scores["year_assessed"] == year_assessed]["period"].dropna()
    periods = {int(p) for p in rows}
    return periods.pop() if len(periods) == 1 else None


# -- the Aksi page's views ----------------------------------------------------------------
@dataclass
class AssessmentViews:
    """Everything the Aksi page shows for one data set, assessment year and
    component (frames as returned by :mod:`kp2s_dashboard.assessment.scoring`).

    Attributes:
        year_assessed: the assessment year shown (int) or None without data.
        period: its performance period, or None.
        component: the component of the per-action scores (None = rows
            without a component).
        components: the components with per-action scores (choices).
        action_scores: :func:`~kp2s_dashboard.assessment.scoring.action_scores`
            of that year and component (``code, action, score_pct 0–100, raw, …``).
        totals: :func:`~kp2s_dashboard.assessment.scoring.district_totals`
            of that year.
        ranking: :func:`~kp2s_dashboard.assessment.result.district_result`
            (the one definition of score and rank) plus ``previous_url``
            (str, "" unless the previous rank is published).
        lagging: :func:`~kp2s_dashboard.assessment.comparisons.lagging_actions`.
        breakdown: :func:`~kp2s_dashboard.assessment.comparisons.component_breakdown`.
        spread_items / spread_districts:
            :func:`~kp2s_dashboard.assessment.comparisons.assessor_spread` by
            item and by district (empty without per-assessor data).
        ranked_by: ``total``, or ``score_pct`` when the basis is the mean of
            the action scores (labelled so).
        has_totals: some district has a rank.
        basis: the ranking's basis (:data:`~kp2s_dashboard.assessment.result.BASES`).
        weights_unknown: the files' reports say the weights are unknown
            (``asm.note_weights_unknown``).
    """

    year_assessed: int | None
    period: int | None
    component: str | None
    components: list[str | None]
    action_scores: pd.DataFrame
    totals: pd.DataFrame
    ranking: pd.DataFrame
    lagging: pd.DataFrame
    breakdown: pd.DataFrame
    spread_items: pd.DataFrame
    spread_districts: pd.DataFrame
    ranked_by: str = "total"
    has_totals: bool = False
    weights_unknown: bool = False
    files: list[str] = field(default_factory=list)
    basis: str = "none"


def scores_of_year(result: AssessmentResult, year_assessed: int | None) -> pd.DataFrame:
    """``result.scores`` of one assessment year (all rows when None)."""
    if year_assessed is None:
        return result.scores
    return result.scores[result.scores["year_assessed"] == year_assessed].reset_index(drop=True)


def component_rows(scores: pd.DataFrame, component: str | None) -> pd.DataFrame:
    """The rows the per-action scores of ``component`` come from: for None,
    the rows without a component (so that
    :func:`~kp2s_dashboard.assessment.scoring.action_scores` with
    ``component=None`` also works when other components carry per-action
    scores, e.g. a summary workbook combined with indicator workbooks);
    otherwise ``scores`` unchanged (scoring filters by component)."""
    if component is None:
        return scores[scores["component"].isna()]
    return scores


def build_views(
    result: AssessmentResult,
    year_assessed: int | None = None,
    component: str | None = "",
    previous: pd.DataFrame | None = None,
    by: str = "total",
) -> AssessmentViews:
    """Compute the Aksi page's frames for one data set.

    Args:
        result: one workbook or several combined.
        year_assessed: the assessment year to show; default the newest.
        component: the component of the per-action scores; ``""`` (default)
            or an unknown value picks the first of ``components``.
        previous: earlier ranks to compare with (shape of
            :func:`~kp2s_dashboard.assessment.published_ranks`, with
            ``source_url``); earlier years in ``result`` come first.
        by: kept for callers; the basis of the ranking is decided by
            :func:`~kp2s_dashboard.assessment.result.district_result`.

    Returns:
        :class:`AssessmentViews`.
    """
    how = combine_how(result)
    years = years_assessed(result)
    year = year_assessed if year_assessed in years else (years[0] if years else None)
    scores = scores_of_year(result, year)
    components = sc.action_components(scores)
    if component not in components:
        component = components[0] if components else None
    if components:
        action_scores = sc.action_scores(component_rows(scores, component), component, how)
    else:
        action_scores = sc.action_scores(scores.iloc[0:0], None, how)
    lagging = cmp.lagging_from_action_scores(action_scores)
    totals_all = sc.district_totals(result.scores, result.totals, how)
    totals = totals_all[totals_all["year_assessed"] == year].reset_index(drop=True) if year is not None else totals_all
    # the one definition of a district's score and rank (also Profil, the deck and the exports)
    ranking = district_result(result, year, component, previous=previous)
    means = dict(zip(ranking["code"], ranking["action_mean"]))
    totals["score_pct"] = [float(means.get(c, math.nan)) for c in totals["code"]]  # the mean of the cells shown
    basis = str(ranking["basis"].iloc[0]) if len(ranking) else "none"
    ranking["previous_url"] = ""
    if previous is not None and "source_url" in previous and len(ranking):
        urls = {(int(y), str(c)): str(u) for y, c, u in zip(previous["year_assessed"], previous["code"], previous["source_url"])}
        ranking["previous_url"] = [
            urls.get((int(y), str(c)), "") if pd.notna(y) and s == "published" else ""
            for y, c, s in zip(ranking["previous_year_assessed"], ranking["code"], ranking["previous_source"])
        ]
    ranking["previous_url"] = ranking["previous_url"].astype("str")
    spread_items = cmp.assessor_spread(scores, by="item")
    return AssessmentViews(
        year_assessed=year,
        period=period_of(result, year) if year is not None else None,
        component=component,
        components=components,
        action_scores=action_scores,
        totals=totals,
        ranking=ranking,
        lagging=lagging,
        breakdown=cmp.component_breakdown(scores, how),
        spread_items=spread_items,
        spread_districts=cmp.spread_by_district(spread_items),
        ranked_by="score_pct" if basis == "action_mean" else "total",
        has_totals=bool(ranking["rank"].notna().any()) if len(ranking) else False,
        weights_unknown=bool(result.report.find("asm.note_weights_unknown")),
        files=list(result.meta.get("files") or [result.meta.get("file")]),
        basis=basis,
    )


def district_comparison(result: AssessmentResult, code: str, year_assessed: int | None, component: str | None) -> pd.DataFrame:
    """:func:`~kp2s_dashboard.assessment.comparisons.district_vs_province` for one
    year and component; an empty frame when ``code`` has no score."""
    scores = scores_of_year(result, year_assessed)
    try:
        return cmp.district_vs_province(component_rows(scores, component), code, component, combine_how(result))
    except (KeyError, ValueError):
        return pd.DataFrame(columns=["action", "district_pct", "province_mean", "best_pct", "best_codes", "gap_to_mean", "gap_to_best"])
