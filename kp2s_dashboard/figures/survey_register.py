"""Figures and table of the Survei vs e-PPGBM page: the two-panel chart
(never one scale), the table as shown and the links behind it.

Rows of :func:`kp2s_dashboard.prevalence.progress.survey_vs_register` in.
Percentages are percents (0–100), gaps percentage points. Pure; no
Streamlit.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kp2s_dashboard.figures.prevalence import SOURCE_SYMBOLS, _base_layout, wrap
from kp2s_dashboard.figures.progress_common import (
    GRID,
    PUB_FORMAT,
    REGISTER_COLOUR,
    SURVEY_COLOUR,
    YEAR_FORMAT,
    DisplayTable,
    pct_text,
)
from kp2s_dashboard.i18n import fmt_signed, t
from kp2s_dashboard.prevalence.loader import SOURCE_LABELS
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE, registry


def _pair_label(code: str, year: int) -> str:
    return f"{registry().short_name(code)} {year}"


def svr_dumbbell(svr: pd.DataFrame, lang: str = "id", height: int | None = None) -> go.Figure:
    """Two panels side by side sharing the rows (region, year): the survey
    figure on the left, the e-PPGBM figure on the right, each on its own
    axis, so the two measures are never drawn on one scale or joined. The
    title says so. Figures are labelled as published (:func:`pct_text`).

    Args:
        svr: output of :func:`kp2s_dashboard.prevalence.progress.survey_vs_register`.

    Returns:
        Figure with traces ``survey`` (x axis 1) and ``register`` (x axis
        2), one marker per row. Rows: Indonesia, the province, then
        districts by code, years oldest first, top to bottom.
    """
    order = {NATIONAL_CODE: 0, PROVINCE_CODE: 1}
    data = svr.assign(_o=svr["code"].map(lambda c: order.get(c, 2))).sort_values(["_o", "code", "year"], kind="stable")
    labels = [_pair_label(c, y) for c, y in zip(data["code"], data["year"])]
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.06,
                        subplot_titles=[t("prog.svr.panel_survey", lang), t("prog.svr.panel_register", lang)])
    gaps = [fmt_signed(g, lang) for g in data["gap_pp"]]
    survey_names = [SOURCE_LABELS.get(s, s) + f" {y}" for s, y in zip(data["survey_source"], data["year"])]
    survey_text = [pct_text(v, lang) for v in data["survey_pct"]]
    fig.add_trace(go.Scatter(
        x=data["survey_pct"], y=labels, mode="markers+text", meta="survey",
        name=t("prog.svr.legend_survey", lang),
        marker={"size": 14, "color": SURVEY_COLOUR, "symbol": [SOURCE_SYMBOLS.get(s, "circle") for s in data["survey_source"]]},
        text=survey_text, textposition="middle right", textfont={"size": 13, "color": SURVEY_COLOUR},
        customdata=list(zip(survey_names, survey_text, gaps)),
        hovertemplate="<b>%{y}</b><br>%{customdata[0]}: %{customdata[1]}<br>"
        + t("prog.col.gap", lang) + ": %{customdata[2]}<extra></extra>",
        cliponaxis=False,
    ), row=1, col=1)
    months = [t(f"prog.month.{int(m)}", lang) if pd.notna(m) else t("prog.svr.month_unknown_short", lang)
              for m in data["register_month"]]
    register_text = [pct_text(v, lang) for v in data["register_pct"]]
    fig.add_trace(go.Scatter(
        x=data["register_pct"], y=labels, mode="markers+text", meta="register",
        name=t("prog.svr.legend_register", lang),
        marker={"size": 13, "color": REGISTER_COLOUR, "symbol": "x", "line": {"width": 1, "color": "white"}},
        text=register_text, textposition="middle right", textfont={"size": 13, "color": REGISTER_COLOUR},
        customdata=list(zip(months, register_text, gaps)),
        hovertemplate="<b>%{y}</b><br>e-PPGBM (%{customdata[0]}): %{customdata[1]}<br>"
        + t("prog.col.gap", lang) + ": %{customdata[2]}<extra></extra>",
        cliponaxis=False,
    ), row=1, col=2)
    n = len(labels)
    _base_layout(fig, lang, height or 150 + 38 * max(n, 3))
    for col, values in ((1, data["survey_pct"]), (2, data["register_pct"])):
        top = float(values.max()) if n else 40.0
        fig.update_xaxes(range=[0, top * 1.3 + 2], showgrid=True, gridcolor=GRID, zeroline=False, ticksuffix="%",
                         row=1, col=col)
    fig.update_yaxes(autorange="reversed", type="category", automargin=True, showgrid=False)
    # each column's title on two short lines from the left edge of its column: centred one-liners printed
    # over each other on a phone (390 px); the chart title wrapped for the same reason
    domains = [fig.layout.xaxis.domain, fig.layout.xaxis2.domain]
    for a, domain in zip(fig.layout.annotations, domains):
        a.update(text=wrap(a.text, 12), x=domain[0], xanchor="left", align="left", font_size=13)
    title = wrap(t("prog.svr.chart_title", lang), 48)
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": TITLE_SIZE},
               "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": title_top_pad(title, TITLE_SIZE)}},
        showlegend=False, margin={"l": 10, "r": 30, "t": 150, "b": 10}, uirevision="survey-register",
    )
    return fig


#: Font size (px) of the chart's title.
TITLE_SIZE = 14
#: plotly.js's line height of multi-line text, in em (``alignment.LINE_SPACING``).
LINE_SPACING = 1.3


def title_top_pad(title: str, font_size: int, gap: int = 6) -> int:
    """The top padding (px) that keeps a title of several lines (``<br>``)
    inside the figure when it hangs from the top of the container
    (``yref="container"``, ``y=1``, ``yanchor="top"``): plotly.js places
    such a title by its first line and centres the lines on it, so the
    first line rises by half the extra lines' height (``LINE_SPACING`` em
    each) and was cut off at the top. Returns ``gap`` plus that rise."""
    extra = title.count("<br>")
    return gap + round(extra * LINE_SPACING * font_size / 2)


def svr_display(svr: pd.DataFrame, lang: str = "id") -> DisplayTable:
    """The survey-vs-register table as shown: region, year, survey round,
    survey figure (%, with other sources' figures in the remark), e-PPGBM
    figure (%), gap (points), ratio, month of the e-PPGBM figure, remarks."""
    cols = {k: t(f"prog.svr.col.{k}", lang) for k in ("region", "year", "round", "survey", "register", "gap", "ratio",
                                                        "month", "note")}
    # the general remark (sample survey vs register) is said once on the page; rows keep their own remarks
    notes = []
    for keys, month, alts in zip(svr["note_keys"], svr["register_month"], svr["survey_alt_pct"]):
        month_name = t(f"prog.month.{int(month)}", lang) if pd.notna(month) else ""
        parts = [t(k, lang, month=month_name) for k in str(keys).split(";") if k and k != "prog.svr.row.base"]
        if alts:
            parts.append(t("prog.tgt.other_source", lang, others=", ".join(pct_text(a, lang) for a in alts)) + ".")
        notes.append(" ".join(parts))
    out = pd.DataFrame({
        cols["region"]: [registry().short_name(c) for c in svr["code"]],
        cols["year"]: svr["year"].astype("int64").to_numpy(),
        cols["round"]: [SOURCE_LABELS.get(s, s) for s in svr["survey_source"]],
        cols["survey"]: svr["survey_pct"].astype("float64").to_numpy(),
        cols["register"]: svr["register_pct"].astype("float64").to_numpy(),
        cols["gap"]: svr["gap_pp"].astype("float64").round(2).to_numpy(),
        cols["ratio"]: svr["ratio"].astype("float64").round(2).to_numpy(),
        cols["month"]: [t(f"prog.month.{int(m)}", lang) if pd.notna(m) else "–" for m in svr["register_month"]],
        cols["note"]: notes,
    })
    formats = {cols["survey"]: PUB_FORMAT, cols["register"]: PUB_FORMAT, cols["gap"]: PUB_FORMAT,
               cols["ratio"]: "%.1f", cols["year"]: YEAR_FORMAT}
    helps = {cols["gap"]: t("prog.svr.help.gap", lang), cols["ratio"]: t("prog.svr.help.ratio", lang)}
    return DisplayTable(out, formats, helps)


def svr_source_urls(prevalence: pd.DataFrame, svr: pd.DataFrame) -> list[str]:
    """The distinct links of the figures behind ``svr`` (each row's survey
    round and its e-PPGBM figure), in table order, for the export's
    sources.

    Args:
        prevalence: the tidy prevalence table (``code``, ``year``,
            ``source``, ``source_url``).
        svr: :func:`kp2s_dashboard.prevalence.progress.survey_vs_register` rows.
    """
    wanted = {(c, int(y), s) for c, y, s in zip(svr["code"], svr["year"], svr["survey_source"])}
    wanted |= {(c, int(y), "eppgbm") for c, y in zip(svr["code"], svr["year"])}
    keep = pd.Series([(c, int(y), s) in wanted for c, y, s in
                      zip(prevalence["code"], prevalence["year"], prevalence["source"])], index=prevalence.index)
    urls = prevalence.loc[keep, "source_url"].fillna("").astype(str).str.strip()
    return list(dict.fromkeys(u for u in urls if u))
