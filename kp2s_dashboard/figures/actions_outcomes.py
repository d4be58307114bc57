"""Figures and tables of the Aksi vs hasil page: the published results in
the shape the analysis takes, the province's reference change, the
scatter with its title and coefficient texts, the table and its sources.

:class:`kp2s_dashboard.prevalence.progress.ActionsOutcomes` in; changes in
percentage points, rates in percent per year. Pure; no Streamlit.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Iterable

import pandas as pd
import plotly.graph_objects as go

from kp2s_dashboard.figures.prevalence import _base_layout
from kp2s_dashboard.figures.progress_common import (
    FLAG_COLOUR,
    GRID,
    OBSERVED_COLOUR,
    PUB_FORMAT,
    RATE_FORMAT,
    YEAR_FORMAT,
    DisplayTable,
    pct_text,
)
from kp2s_dashboard.i18n import fmt_number, fmt_signed, t
from kp2s_dashboard.prevalence import progress as P
from kp2s_dashboard.regions import PROVINCE_CODE, registry


def published_results(raw: pd.DataFrame) -> pd.DataFrame:
    """Published assessment results in the shape
    :func:`kp2s_dashboard.prevalence.progress.actions_vs_outcomes` takes.

    Accepts either the assessment module's frame (``code``) or the CSV
    layout of ``data/kp2s_results.csv`` (``bps_code``), with
    ``year_assessed``, ``period``, ``rank``, ``score``. Rows whose period is
    not a single year (national awards such as ``2019-2020``) or that carry
    neither rank nor score are dropped.

    Returns:
        ``code`` str, ``period`` int64 (performance year), ``year_assessed``
        Int64, ``score`` float64, ``rank`` Int64, ``source_url`` str; sorted
        by period and rank.
    """
    frame = raw.copy()
    if "code" not in frame.columns and "bps_code" in frame.columns:
        frame["code"] = frame["bps_code"]
    period = pd.to_numeric(frame["period"].astype("string").str.strip().where(
        frame["period"].astype("string").str.fullmatch(r"\s*\d{4}\s*", na=False)), errors="coerce")
    out = pd.DataFrame({
        "code": frame["code"].astype(str).str.strip().to_numpy(),
        "period": period.to_numpy(),
        "year_assessed": pd.to_numeric(frame.get("year_assessed"), errors="coerce").to_numpy()
        if "year_assessed" in frame else pd.NA,
        "score": pd.to_numeric(frame.get("score"), errors="coerce").astype("float64").to_numpy(),
        "rank": pd.to_numeric(frame.get("rank"), errors="coerce").to_numpy(),
        "source_url": frame["source_url"].fillna("").astype(str).to_numpy() if "source_url" in frame else "",
    })
    out = out[out["period"].notna() & (out["rank"].notna() | out["score"].notna())]
    out = out.astype({"code": "str", "period": "int64", "year_assessed": "Int64", "score": "float64",
                      "source_url": "str"})
    out["rank"] = out["rank"].astype("Float64").round().astype("Int64")
    return out.sort_values(["period", "rank"], kind="stable").reset_index(drop=True)


def province_reference(
    prevalence: pd.DataFrame, pairs: Iterable[tuple[int, int]], options: P.SeriesOptions = P.SURVEY
) -> pd.DataFrame:
    """The province's own survey change over each (start_year, end_year)
    pair (the reference line of the actions-vs-outcomes scatter).

    Returns:
        ``start_year`` int64, ``end_year`` int64, ``start_pct``, ``end_pct``,
        ``change_pp`` (end − start, points), ``aarr_pct`` (two-point AARR,
        %/yr), all float64; pairs without both survey rounds are left out.
    """
    s = P.series_frame(prevalence, [PROVINCE_CODE], replace(options, start_year=None, end_year=None))
    values = dict(zip(s["year"].astype(int), s["value_pct"].astype(float)))
    records = []
    for a, b in sorted(set((int(x), int(y)) for x, y in pairs)):
        if a in values and b in values:
            records.append({"start_year": a, "end_year": b, "start_pct": values[a], "end_pct": values[b],
                            "change_pp": values[b] - values[a], "aarr_pct": P.aarr(values[a], a, values[b], b)})
    cols = {"start_year": "int64", "end_year": "int64", "start_pct": "float64", "end_pct": "float64",
            "change_pp": "float64", "aarr_pct": "float64"}
    return pd.DataFrame.from_records(records, columns=list(cols)).astype(cols)


def coefficient_text(value: float, lang: str = "id") -> str:
    """A correlation coefficient with two decimals and a true minus sign
    (``−0,12``), ``–`` when not computed (NaN)."""
    if value is None or math.isnan(value):
        return "–"
    return ("−" if value < 0 else "") + fmt_number(abs(value), lang, 2)


#: Below this many pairs the page says plainly that no conclusion can be drawn.
MIN_PAIRS_FOR_CONCLUSION = 5


def correlation_text(result: P.ActionsOutcomes, lang: str = "id") -> str:
    """The scatter's title: why no correlation is given (n < 3), the sample
    size with "too few for a conclusion" (n < :data:`MIN_PAIRS_FOR_CONCLUSION`),
    else the correlation sentence with n."""
    if result.n < 3:
        return t("prog.avo.no_correlation", lang, n=result.n)
    if result.n < MIN_PAIRS_FOR_CONCLUSION:
        return t("prog.avo.title_small_n", lang, n=result.n)
    return result.summary(lang)


def coefficients_note(result: P.ActionsOutcomes, lang: str = "id") -> str:
    """Small text under the sample size: both coefficients with the caveat
    (very uncertain at this n; association, not cause); ``""`` when none is
    computed (n < 3)."""
    if result.n < 3:
        return ""
    return t("prog.avo.corr_small", lang, n=result.n, spearman=coefficient_text(result.spearman, lang),
             pearson=coefficient_text(result.pearson, lang))


def avo_scatter(
    result: P.ActionsOutcomes, lang: str = "id", province: pd.DataFrame | None = None, height: int = 520
) -> go.Figure:
    """Each district's assessment result (x) against its change in survey
    prevalence (y) over the matching years, labelled with name and period.

    Args:
        result: :func:`kp2s_dashboard.prevalence.progress.actions_vs_outcomes`.
        province: :func:`province_reference` for the pairs in ``result``;
            drawn as dashed horizontal lines labelled with the province's
            change.

    Returns:
        Figure with a ``districts`` trace (the used pairs; flagged pairs
        carry a red ring in a ``flag`` trace) and one ``province:<a>-<b>``
        trace per reference pair. The correlation sentence (or why there
        is none) is the title.
    """
    table = result.table[result.table["used"]]
    x_col, y_col = result.measure, result.outcome
    pooled = len(result.periods) > 1
    labels = [registry().short_name(c) + (f" ({p})" if pooled else "") for c, p in zip(table["code"], table["period"])]
    x = table[x_col].astype("float64")
    y = table[y_col].astype("float64")
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=x, y=y, mode="markers+text", text=labels, textposition="top center", meta="districts",
        name=t("prog.avo.legend_districts", lang),
        marker={"size": 14, "color": OBSERVED_COLOUR, "line": {"color": "white", "width": 1}},
        textfont={"size": 13},
        customdata=list(zip(
            [f"{a}→{b}" for a, b in zip(table["start_year"], table["end_year"])],
            [pct_text(v, lang) for v in table["start_pct"]], [pct_text(v, lang) for v in table["end_pct"]],
            [fmt_signed(v, lang) for v in table["change_pp"]],
        )),
        hovertemplate="<b>%{text}</b><br>%{customdata[0]}: %{customdata[1]} → %{customdata[2]} "
        "(%{customdata[3]})<extra></extra>",
        cliponaxis=False,
    ))
    flagged = table["flagged"].to_numpy()
    if flagged.any():
        fig.add_trace(go.Scatter(
            x=x[flagged], y=y[flagged], mode="markers", meta="flag", name="⚠ " + P.flag_label(lang),
            marker={"size": 24, "symbol": "circle-open", "color": FLAG_COLOUR, "line": {"width": 3}},
            hoverinfo="skip",
        ))
    if x_col == "rank":
        xs = [v for v in x if not math.isnan(v)]
        fig.update_xaxes(title_text=t("prog.avo.axis_rank", lang), dtick=1,
                         range=[0.4, max(xs + [3.0]) + 0.6])
    else:
        fig.update_xaxes(title_text=t("prog.avo.axis_score", lang))
    fig.update_yaxes(title_text=t(f"prog.avo.axis_{y_col}", lang), zeroline=True, zerolinecolor="#333333",
                     showgrid=True, gridcolor=GRID)
    if province is not None and not province.empty:
        dashes = ["dash", "dot", "dashdot", "longdash"]
        for k, row in enumerate(province.itertuples()):
            value = float(getattr(row, y_col))
            text = t("prog.avo.province_line", lang, a=row.start_year, b=row.end_year,
                     value=fmt_signed(value, lang) if y_col == "change_pp" else fmt_number(value, lang, 1))
            fig.add_trace(go.Scatter(
                x=[0.4 if x_col == "rank" else (min(x) if len(x) else 0), (max(x) + 0.6) if len(x) else 1],
                y=[value, value], mode="lines", line={"color": "#7f7f7f", "width": 2, "dash": dashes[k % len(dashes)]},
                name=text, meta=f"province:{row.start_year}-{row.end_year}", hoverinfo="name",
            ))
    ys = [v for v in y if not math.isnan(v)]
    if province is not None and not province.empty:
        ys += list(province[y_col].astype(float))
    if ys:
        lo, hi = min(ys + [0.0]), max(ys + [0.0])
        pad = max(1.0, 0.2 * (hi - lo))
        fig.update_yaxes(range=[lo - pad, hi + pad])
    _base_layout(fig, lang, height)
    fig.update_layout(
        title={"text": correlation_text(result, lang), "x": 0, "xanchor": "left", "font": {"size": 16}},
        legend={"orientation": "h", "x": 0, "y": -0.18, "yanchor": "top"},
        margin={"l": 10, "r": 20, "t": 50, "b": 10},
    )
    return fig


def avo_sources(results: pd.DataFrame, prevalence: pd.DataFrame, result: P.ActionsOutcomes,
                lang: str = "id") -> list[str]:
    """Source lines of the actions-vs-outcomes export: what the table
    holds, then the links of the published results listed and of the
    survey figures they are set against.

    Args:
        results: :func:`published_results` (``code``, ``period``,
            ``source_url``).
        prevalence: the tidy prevalence table.
        result: :func:`kp2s_dashboard.prevalence.progress.actions_vs_outcomes`.
    """
    from kp2s_dashboard.prevalence.loader import SURVEY_SOURCES, HEADLINE

    tb = result.table
    lines = [t("prog.exp.avo_sources", lang)]
    keys = set(zip(tb["code"], tb["period"].astype(int)))
    for code, period, url in zip(results["code"], results["period"], results["source_url"]):
        if (code, int(period)) in keys and str(url).strip():
            lines.append(str(url).strip())
    years = {(c, int(y)) for c, a, b in zip(tb["code"], tb["start_year"], tb["end_year"]) for y in (a, b)}
    survey = prevalence[prevalence["source"].isin(SURVEY_SOURCES) & (prevalence["indicator"] == HEADLINE)]
    for code, year, url in zip(survey["code"], survey["year"], survey["source_url"].fillna("").astype(str)):
        if (code, int(year)) in years and url.strip():
            lines.append(url.strip())
    return list(dict.fromkeys(lines))


def avo_display(result: P.ActionsOutcomes, lang: str = "id") -> DisplayTable:
    """Every published result row with its matching survey rounds: region,
    period, rank, score, rounds, figures, change, AARR, flag and whether the
    pair is used (or why not)."""
    tb = result.table
    cols = {k: t(f"prog.avo.col.{k}", lang) for k in ("region", "period", "rank", "score", "years", "start", "end",
                                                        "change", "aarr", "used")}
    reasons = []
    for r in tb.itertuples():
        if r.used:
            reasons.append("✓" + (" ⚠ " + P.flag_label(lang) if r.flagged else ""))
        elif math.isnan(r.start_pct) or math.isnan(r.end_pct):
            missing = [str(yr) for yr, v in ((r.start_year, r.start_pct), (r.end_year, r.end_pct)) if math.isnan(v)]
            reasons.append(t("prog.avo.reason_no_round", lang, years=", ".join(missing)))
        elif r.flagged:
            reasons.append(t("prog.avo.reason_flagged", lang))
        else:
            reasons.append(t("prog.avo.reason_no_measure", lang))
    out = pd.DataFrame({
        cols["region"]: [registry().short_name(c) for c in tb["code"]],
        cols["period"]: tb["period"].astype("int64").to_numpy(),
        cols["rank"]: tb["rank"].astype("Int64").to_numpy(),
        cols["score"]: tb["score"].astype("float64").to_numpy(),
        cols["years"]: [f"{a} → {b}" for a, b in zip(tb["start_year"], tb["end_year"])],
        cols["start"]: tb["start_pct"].astype("float64").to_numpy(),
        cols["end"]: tb["end_pct"].astype("float64").to_numpy(),
        cols["change"]: tb["change_pp"].astype("float64").round(2).to_numpy(),
        cols["aarr"]: tb["aarr_pct"].astype("float64").round(2).to_numpy(),
        cols["used"]: reasons,
    })
    formats = {cols["period"]: YEAR_FORMAT, cols["rank"]: YEAR_FORMAT, cols["score"]: "%.2f",
               cols["start"]: PUB_FORMAT, cols["end"]: PUB_FORMAT, cols["change"]: PUB_FORMAT,
               cols["aarr"]: RATE_FORMAT}
    helps = {cols["period"]: t("prog.avo.help.period", lang), cols["rank"]: t("prog.avo.help.rank", lang)}
    return DisplayTable(out, formats, helps)
