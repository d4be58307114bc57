"""The deck's assessment slides: ``actions`` (the score per convergence
action, a district against the province mean or the province mean per
action) and ``ranking`` (districts ranked by
:func:`kp2s_dashboard.assessment.result.district_result`, with the
published ranks for comparison), and :func:`pick_workbook`.

Each builder returns one :class:`~kp2s_dashboard.export.deck_model.Slide`;
:func:`kp2s_dashboard.export.deck.build_deck` puts them in order.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kp2s_dashboard.export.deck_model import Slide, _unique, region_title
from kp2s_dashboard.i18n import t
from kp2s_dashboard.regions import PROVINCE_CODE, registry


def _files(assessment) -> list[str]:
    """The file names an assessment result was read from (one, or several when merged)."""
    meta = getattr(assessment, "meta", {}) or {}
    return list(meta.get("files") or ([meta["file"]] if meta.get("file") else []))


def pick_workbook(results: list) -> int:
    """Which of several assessment workbooks is in force for the newest
    assessment year (an index into ``results``, :class:`AssessmentResult`
    objects): the first file of the kind
    :func:`kp2s_dashboard.assessment.result.in_force` chooses by default
    (the one whose own totals cover the most districts, then the one that
    states ranks, then a rekap). Pages pass the in-force result to
    :func:`build_deck` instead; this stays for callers holding a list.

    Raises:
        ValueError: ``results`` is empty.
    """
    from kp2s_dashboard.assessment.result import file_kind, in_force

    if not results:
        raise ValueError("no assessment workbooks")
    decided = in_force(results)
    if not decided.chosen:
        return 0
    kind = decided.chosen[max(decided.chosen)]
    return next(i for i, r in enumerate(results) if file_kind(r) == kind)


def _assessment_source(assessment, lang) -> str:
    files = _files(assessment)
    meta = getattr(assessment, "meta", {}) or {}
    return t("exp.assessment_source", lang, file=", ".join(files) or "–", year=meta.get("year_assessed", "–"),
             period=meta.get("period", "–"))


def _assessment_year(assessment) -> tuple[int | None, Any]:
    """The newest assessment year in the data and its performance period
    (as the Aksi page picks them)."""
    from kp2s_dashboard.assessment.views import period_of, years_assessed

    years = years_assessed(assessment)
    if not years:
        return None, "–"
    period = period_of(assessment, years[0])
    return years[0], period if period is not None else "–"


def _actions_slide(assessment, focus, lang) -> Slide:
    if assessment is None:
        return Slide(kind="actions", title=t("exp.actions_title_none", lang), empty=t("exp.no_assessment", lang),
                     source=t("exp.source_none", lang))
    from kp2s_dashboard.assessment import action_components, district_vs_province, lagging_actions
    from kp2s_dashboard.assessment.views import combine_how, component_rows, scores_of_year

    year, period = _assessment_year(assessment)
    scores = scores_of_year(assessment, year)
    how = combine_how(assessment)
    components = action_components(scores)
    component = components[0] if components else None  # the Aksi page's default choice
    rows = component_rows(scores, component)
    instrument = getattr(assessment, "instrument", None)
    reg = registry()

    def label(n: int) -> str:
        name = instrument.action_name(n, lang) if instrument is not None else t("exp.action_n", lang, n=n)
        return f"{n}. {name}"

    notes = [t("exp.actions_note", lang)]
    if component:
        notes.append(t("exp.actions_component", lang, component=component))
    base = dict(kind="actions", source=_assessment_source(assessment, lang), synthetic=bool(assessment.synthetic))
    try:
        if not components:
            raise KeyError(focus)
        if focus == PROVINCE_CODE:
            got = lagging_actions(rows, component, how, instrument=instrument, lang=lang)
            if got.empty:
                raise KeyError(focus)
            got = got.sort_values("action")
            table = pd.DataFrame({
                "action": got["action"].astype(int).to_numpy(),
                "label": [label(int(a)) for a in got["action"]],
                "value": got["mean_pct"].astype("float64").to_numpy(),
                "reference": float("nan"),
            })
            value_name, reference_name = t("exp.province_mean", lang), ""
            title = t("exp.actions_title_province", lang, year=year, period=period)
        else:
            got = district_vs_province(rows, focus, component, how).sort_values("action")
            table = pd.DataFrame({
                "action": got["action"].astype(int).to_numpy(),
                "label": [label(int(a)) for a in got["action"]],
                "value": got["district_pct"].astype("float64").to_numpy(),
                "reference": got["province_mean"].astype("float64").to_numpy(),
            })
            value_name, reference_name = reg.short_name(focus), t("exp.province_mean", lang)
            title = t("exp.actions_title_district", lang, region=reg.short_name(focus), year=year, period=period)
    except (KeyError, ValueError):
        return Slide(title=t("exp.actions_title_none", lang), empty=t("exp.no_assessment_region", lang,
                                                                      region=region_title(focus, lang)), **base)
    table["value"] = table["value"].astype("float64")
    table["reference"] = table["reference"].astype("float64")
    return Slide(title=title, notes=tuple(notes), urls=(), data={
        "table": table, "value_name": value_name, "reference_name": reference_name}, **base)


def _ranking_slide(assessment, published, focus, lang) -> Slide:
    pub_rows = pd.DataFrame()
    pub_lines: list[str] = []
    urls: list[str] = []
    if published is not None and len(published):
        pub = published[published["rank"].notna()]
        pub = pub[pub["code"] == focus] if focus != PROVINCE_CODE else pub[
            pub["year_assessed"] == pub["year_assessed"].max()]
        pub_rows = pub.sort_values(["year_assessed", "rank"])
        for row in pub_rows.itertuples():
            period = row.period_label or "–"
            pub_lines.append(t("exp.published_line", lang, year=row.year_assessed, period=period, name=row.name,
                               rank=int(row.rank)))
            urls.append(row.source_url)
    if assessment is None:
        return Slide(kind="ranking", title=t("exp.ranking_title_none", lang), empty=t("exp.no_assessment", lang),
                     source=t("exp.published_source", lang) if pub_lines else t("exp.source_none", lang),
                     notes=tuple(pub_lines), urls=_unique(urls), data={"published": pub_rows})
    from kp2s_dashboard.assessment.published import sample_kept_apart
    from kp2s_dashboard.assessment.result import district_result

    year, period = _assessment_year(assessment)
    if year is None:
        return Slide(kind="ranking", title=t("exp.ranking_title_none", lang), empty=t("exp.no_ranking", lang),
                     source=_assessment_source(assessment, lang), synthetic=bool(assessment.synthetic))
    files = _files(assessment)
    file_text = ", ".join(files) or "–"
    # the one definition of a district's score and rank, as on the Aksi page and Profil
    ranked = district_result(assessment, int(year), "", previous=_published_ranks(published))
    basis = str(ranked["basis"].iloc[0]) if len(ranked) else "none"
    by, decimals = ("score_pct", 1) if basis == "action_mean" else ("total", 2)
    notes = [t("exp.ranking_basis", lang, basis=t(f"asm.basis_rank.{basis}", lang), file=file_text)]
    table = pd.DataFrame({
        "rank": ranked["rank"].astype("Int64"),
        "code": ranked["code"].astype(str),
        "name": ranked["name"].astype(str),
        "total": ranked["score"].astype("float64"),
    })
    table = table[table["rank"].notna()].reset_index(drop=True)
    table["focus"] = table["code"] == focus
    value_name = t("exp.ranking_value_total", lang) if by == "total" else t("exp.ranking_value_mean", lang)
    synthetic = bool(assessment.synthetic)
    if sample_kept_apart(synthetic, pub_rows):  # a sample rank never stands beside a district's published rank
        notes.append(t("exp.published_hidden_demo", lang))
        pub_lines, urls, pub_rows = [], [], pd.DataFrame()
    if pub_lines:
        notes.append(t("exp.published_intro", lang) + " " + "; ".join(pub_lines))
    source = _assessment_source(assessment, lang)
    if pub_lines:
        source += " " + t("exp.published_source", lang)
    return Slide(
        kind="ranking",
        title=t("exp.ranking_title", lang, year=year, period=period),
        source=source,
        urls=_unique(urls),
        notes=tuple(notes),
        synthetic=synthetic,
        empty="" if len(table) else t("exp.no_ranking", lang),
        data={"table": table, "value_name": value_name, "decimals": decimals, "published": pub_rows},
    )


def _published_ranks(published: pd.DataFrame | None) -> pd.DataFrame | None:
    """The published provincial ranks in the shape ``ranking(previous=...)``
    takes (``year_assessed``, ``code``, ``rank``, ``source``)."""
    if published is None or not len(published):
        return None
    rows = published[published["rank"].notna()]
    return pd.DataFrame({"year_assessed": rows["year_assessed"], "code": rows["code"].astype(str),
                         "rank": rows["rank"], "source": "published"})
