"""Figures of the Target page: one region's survey path toward its targets
(:func:`path_figure`) and the small multiples of every region
(:func:`path_grid`).

Frames from :func:`kp2s_dashboard.prevalence.progress.chart_data` in,
``go.Figure`` out, with the language's number separators and fonts from
:func:`kp2s_dashboard.figures.prevalence._base_layout`. Percentages are
percents (0–100). Pure; no Streamlit.
"""

from __future__ import annotations

import math
from typing import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kp2s_dashboard.figures.prevalence import SOURCE_SYMBOLS, TARGET_STYLES, _base_layout
from kp2s_dashboard.figures.progress_common import (
    ALT_COLOUR,
    FLAG_COLOUR,
    GRID,
    OBSERVED_COLOUR,
    OUT_OF_WINDOW_COLOUR,
    _status_plain,
    pct_text,
    region_label,
    status_colour,
    target_tag,
)
from kp2s_dashboard import safetext
from kp2s_dashboard.i18n import fmt_number, fmt_pct, t
from kp2s_dashboard.prevalence import progress as P
from kp2s_dashboard.prevalence.loader import SOURCE_LABELS
from kp2s_dashboard.prevalence.targets import target_label
from kp2s_dashboard.regions import registry


def _observed_hover(name: str, lang: str) -> str:
    return f"<b>{name}</b><br>%{{customdata[0]}}: %{{customdata[1]}}<br>%{{customdata[2]}}<extra></extra>"


def path_figure(
    chart: pd.DataFrame,
    code: str,
    targets: Sequence[P.Target],
    lang: str = "id",
    *,
    start_year: int | None = P.DEFAULT_START_YEAR,
    first_year: int | None = None,
    aarr_pct: float | None = None,
    height: int = 560,
) -> go.Figure:
    """One region's survey path with its projection and target paths.

    Args:
        chart: output of :func:`kp2s_dashboard.prevalence.progress.chart_data` (any
            codes; only ``code`` is drawn).
        code: region to draw.
        targets: the targets drawn (marker at target year and value; a path
            from the latest point when the target year is ahead).
        start_year: window of the current AARR; points before it are drawn
            paler (they do not enter the rate).
        first_year: first year drawn (default: every observed point).
        aarr_pct: current AARR (%/yr) for the projection's legend text.

    Returns:
        Figure with traces named by ``meta`` role (``layout.meta`` lists the
        roles drawn): ``observed``, ``flag`` (points reached by an
        implausible change, legend "perubahan tidak wajar — periksa
        sumber"), ``alternative`` (other sources' figures), ``projection``,
        ``target_path:<choice_id>``, ``target:<choice_id>``.
    """
    part = chart[chart["code"] == code]
    if first_year is not None:
        part = part[part["year"] >= first_year]
    obs = part[part["series"] == "observed"].sort_values("year")
    name = region_label(code, lang)
    fig = go.Figure()
    roles: list[str] = []
    if not obs.empty:
        roles += _observed_traces(fig, obs, name, lang, start_year)
    proj = part[part["series"] == "projection"].sort_values("year")
    if not proj.empty:
        roles += _projection_traces(fig, proj, targets, lang, aarr_pct)
    roles += _target_traces(fig, part, targets, lang)
    years = list(part["year"]) + [tg.year for tg in targets]
    first = min(years) if years else 2021
    last = max(years) if years else 2030
    top = max(list(part["value_pct"]) + [tg.target_pct for tg in targets] + [v for a in obs["alt_pct"] for v in (a or ())] + [10.0])
    _base_layout(fig, lang, height)
    fig.update_xaxes(range=[first - 0.8, last + 1.2], tickmode="auto", tickformat="d", tickangle=0,  # plotly spaces the years for the width
                     showgrid=True, gridcolor=GRID)
    fig.update_yaxes(title_text=t("trend.axis_pct", lang), range=[0, top * 1.15], showgrid=True, gridcolor=GRID)
    fig.update_layout(
        meta=roles,
        title={"text": name, "x": 0, "xanchor": "left", "font": {"size": 18}},
        legend={"orientation": "h", "x": 0, "y": -0.12, "xanchor": "left", "yanchor": "top"},
        margin={"l": 10, "r": 20, "t": 50, "b": 10},
        uirevision=f"path-{code}",
    )
    return fig


def _observed_traces(fig: go.Figure, obs: pd.DataFrame, name: str, lang: str, start_year: int | None) -> list[str]:
    """Adds the observed survey points of :func:`path_figure` (paler before
    ``start_year``, each labelled with its figure and any other source's),
    the ring on points reached by an implausible change and the other
    sources' figures; returns the roles drawn."""
    roles: list[str] = []
    in_window = [start_year is None or y >= start_year for y in obs["year"]]
    labels = [f"{SOURCE_LABELS.get(s, s)} {y}" for s, y in zip(obs["source"], obs["year"])]
    values = [pct_text(v, lang) for v in obs["value_pct"]]
    # the other sources' figures are written under the point's own label
    texts = [
        v + "".join(f"<br><span style='color:{ALT_COLOUR}'>{t('prog.fig.alt_point', lang, value=pct_text(a, lang))}</span>"
                    for a in (alts or ()))
        for v, alts in zip(values, obs["alt_pct"])
    ]
    used = [t("prog.fig.in_window", lang) if w else t("prog.fig.out_of_window", lang) for w in in_window]
    fig.add_trace(
        go.Scatter(
            x=obs["year"],
            y=obs["value_pct"],
            mode="lines+markers+text",
            text=texts,
            textposition=_label_positions(list(obs["value_pct"])),
            textfont={"size": 13, "color": OBSERVED_COLOUR},
            line={"color": OBSERVED_COLOUR, "width": 2.5},
            marker={
                "size": 12,
                "symbol": [SOURCE_SYMBOLS.get(s, "circle") for s in obs["source"]],
                "color": [OBSERVED_COLOUR if w else OUT_OF_WINDOW_COLOUR for w in in_window],
                "line": {"color": "white", "width": 1},
            },
            name=t("prog.series.observed", lang),
            meta="observed",
            customdata=list(zip(labels, values, used)),
            hovertemplate=_observed_hover(name, lang),
            cliponaxis=False,
        )
    )
    roles.append("observed")
    flagged = obs[obs["implausible"]]
    if not flagged.empty:
        fig.add_trace(
            go.Scatter(
                x=flagged["year"],
                y=flagged["value_pct"],
                mode="markers",
                marker={"size": 24, "symbol": "circle-open", "color": FLAG_COLOUR, "line": {"width": 3}},
                name="⚠ " + P.flag_label(lang),
                meta="flag",
                hovertemplate=f"<b>{P.flag_label(lang)}</b><br>%{{x}}: %{{y:.1f}}%<extra></extra>",
                cliponaxis=False,
            )
        )
        roles.append("flag")
    alt_x, alt_y, alt_text = [], [], []
    for y, v, alts in zip(obs["year"], obs["value_pct"], obs["alt_pct"]):
        for a in alts or ():
            alt_x.append(y)
            alt_y.append(a)
            alt_text.append(t("prog.fig.alt_point", lang, value=pct_text(a, lang)))
    if alt_x:
        fig.add_trace(
            go.Scatter(
                x=alt_x,
                y=alt_y,
                mode="markers",
                text=alt_text,
                marker={"size": 11, "symbol": "diamond-open", "color": ALT_COLOUR, "line": {"width": 2}},
                name=t("prog.series.alternative", lang),
                meta="alternative",
                hovertemplate="%{text}<extra></extra>",
                cliponaxis=False,
            )
        )
        roles.append("alternative")
    return roles


def _projection_traces(
    fig: go.Figure, proj: pd.DataFrame, targets: Sequence[P.Target], lang: str, aarr_pct: float | None
) -> list[str]:
    """Adds the projection at the current pace of :func:`path_figure` and its
    value at each target year it reaches; returns the roles drawn."""
    roles: list[str] = []
    rate = "" if aarr_pct is None or math.isnan(aarr_pct) else fmt_number(aarr_pct, lang, 1)
    fig.add_trace(
        go.Scatter(
            x=proj["year"],
            y=proj["value_pct"],
            mode="lines",
            line={"color": OBSERVED_COLOUR, "width": 2.5, "dash": "dash"},
            name=t("prog.fig.projection_named", lang, rate=rate) if rate else t("prog.series.projection", lang),
            meta="projection",
            hovertemplate=f"{t('prog.series.projection', lang)} %{{x}}: %{{y:.1f}}%<extra></extra>",
        )
    )
    roles.append("projection")
    # value of the projection at each target year ahead, written at the line's end
    for target in targets:
        hit = proj[proj["year"] == target.year]
        if not hit.empty:
            fig.add_annotation(
                x=target.year, y=float(hit["value_pct"].iloc[0]),
                text=t("prog.fig.projection_at", lang, year=target.year,
                       value=fmt_pct(float(hit["value_pct"].iloc[0]), lang, 1)),
                showarrow=True, arrowhead=0, ax=-60, ay=-28, font={"size": 12, "color": OBSERVED_COLOUR},
                bgcolor="rgba(255,255,255,0.8)",
            )
    return roles


def _target_traces(fig: go.Figure, part: pd.DataFrame, targets: Sequence[P.Target], lang: str) -> list[str]:
    """Adds each target of :func:`path_figure`: its marker at the target
    year and value and, when the year is ahead, the path to it at the
    required AARR; returns the roles drawn."""
    roles: list[str] = []
    right_edge = max([tg.year for tg in targets] + list(part["year"]), default=0)
    for j, target in enumerate(targets):
        colour, symbol = TARGET_STYLES[j % len(TARGET_STYLES)]
        tag = target_tag(target, lang)
        shown_label = target_label(target.label, lang)  # an official label in the UI language
        path = part[(part["series"] == "target_path") & (part["target_id"] == target.choice_id)].sort_values("year")
        if not path.empty:
            fig.add_trace(
                go.Scatter(
                    x=path["year"],
                    y=path["value_pct"],
                    mode="lines",
                    line={"color": colour, "width": 2, "dash": "dot"},
                    name=t("prog.fig.target_path_named", lang, target=safetext.plotly(tag)),
                    meta=f"target_path:{target.choice_id}",
                    legendgroup=target.choice_id,
                    hovertemplate=f"{t('prog.series.target_path', lang)} {safetext.plotly(shown_label)} "
                                  "%{x}: %{y:.1f}%<extra></extra>",
                )
            )
            roles.append(f"target_path:{target.choice_id}")
        fig.add_trace(
            go.Scatter(
                x=[target.year],
                y=[target.target_pct],
                mode="markers+text",
                text=[f"{safetext.plotly(shown_label)}: {pct_text(target.target_pct, lang)}"],
                textposition="bottom left" if target.year >= right_edge else "bottom center",
                textfont={"size": 12, "color": colour},
                marker={"size": 15, "symbol": symbol, "color": colour, "line": {"color": "white", "width": 1}},
                name=safetext.plotly(tag),
                meta=f"target:{target.choice_id}",
                legendgroup=target.choice_id,
                showlegend=path.empty,
                hovertemplate=f"<b>{safetext.plotly(shown_label)}</b> %{{x}}: %{{y:.1f}}%<extra></extra>",
                cliponaxis=False,
            )
        )
        roles.append(f"target:{target.choice_id}")
    return roles


def _label_positions(values: list[float]) -> list[str]:
    """Value labels above a point that rose from the previous round (and
    the first point), below-left of a point that fell, so the labels of
    consecutive yearly rounds alternate instead of colliding, and a label
    never sits on the projection lines that leave the last point to the
    right."""
    return ["top center" if i == 0 or v >= values[i - 1] else "bottom left" for i, v in enumerate(values)]


def path_grid(
    chart: pd.DataFrame,
    table: pd.DataFrame,
    target: P.Target,
    lang: str = "id",
    *,
    key: str = "near",
    start_year: int | None = P.DEFAULT_START_YEAR,
    cols: int = 4,
) -> go.Figure:
    """Small multiples: one panel per region of ``table`` (province first,
    then the districts) with its survey points from ``start_year``, the
    projection and the path to ``target`` up to its year.

    Args:
        chart: :func:`kp2s_dashboard.prevalence.progress.chart_data` with ``target``.
        table: :func:`kp2s_dashboard.prevalence.progress.target_table` (gives each
            panel's status for ``key`` = ``near`` or ``far``).

    Returns:
        Figure with one subplot per region; the panel title names the region
        and its status, coloured by status (``layout.meta["codes"]`` lists
        the panels in order). Flagged points carry a red ring.
    """
    codes = list(table["code"])
    rows = math.ceil(len(codes) / cols)
    statuses = dict(zip(table["code"], table[f"status_{key}"]))
    achieved = dict(zip(table["code"], table[f"achieved_{key}"]))
    titles = [
        f"<span style='color:{status_colour(statuses[c], achieved[c])}'><b>{registry().short_name(c)}</b> · "
        f"{_status_plain(statuses[c], lang, achieved[c])}</span>"
        for c in codes
    ]
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, shared_xaxes=True, shared_yaxes=True,
                        vertical_spacing=0.09, horizontal_spacing=0.03)
    first = start_year or int(chart["year"].min())
    top = 10.0
    for i, code in enumerate(codes):
        part = chart[(chart["code"] == code) & (chart["year"] >= first)]
        top = max(top, _grid_panel(fig, part, code, target, lang, row=i // cols + 1, col=i % cols + 1, show=i == 0))
    observed_last = int(chart.loc[chart["series"] == "observed", "year"].max()) if not chart.empty else first
    last = max(target.year, observed_last)
    _base_layout(fig, lang, 250 * rows + 80)
    fig.update_xaxes(range=[first - 0.5, last + 0.5], dtick=2 if last - first > 6 else 1, showgrid=True,
                     gridcolor=GRID, tickfont={"size": 11})
    fig.update_yaxes(range=[0, top * 1.1], showgrid=True, gridcolor=GRID, tickfont={"size": 11})
    fig.update_annotations(font_size=13)
    fig.update_layout(meta={"codes": codes}, legend={"orientation": "h", "x": 0, "y": -0.04, "yanchor": "top"},
                      margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def _grid_panel(
    fig: go.Figure, part: pd.DataFrame, code: str, target: P.Target, lang: str, *, row: int, col: int, show: bool
) -> float:
    """Adds one region's panel of :func:`path_grid` at (``row``, ``col``):
    its survey points (``part``: the region's rows of the chart from the
    first year drawn), the ring on flagged points, the projection and the
    path up to the target year, and the target marker. ``show`` puts the
    observed line in the legend. Returns the highest value drawn (0 if none)."""
    r, c = row, col
    obs = part[part["series"] == "observed"].sort_values("year")
    proj = part[part["series"] == "projection"]
    proj = proj[proj["year"] <= target.year].sort_values("year")
    path = part[(part["series"] == "target_path") & (part["target_id"] == target.choice_id)].sort_values("year")
    fig.add_trace(go.Scatter(
        x=obs["year"], y=obs["value_pct"], mode="lines+markers", name=t("prog.series.observed", lang),
        line={"color": OBSERVED_COLOUR, "width": 2}, marker={"size": 7, "color": OBSERVED_COLOUR},
        legendgroup="observed", showlegend=show, meta=f"observed:{code}",
        hovertemplate=f"<b>{registry().short_name(code)}</b> %{{x}}: %{{y:.1f}}%<extra></extra>",
    ), row=r, col=c)
    flagged = obs[obs["implausible"]]
    if not flagged.empty:
        fig.add_trace(go.Scatter(
            x=flagged["year"], y=flagged["value_pct"], mode="markers", name="⚠ " + P.flag_label(lang),
            marker={"size": 14, "symbol": "circle-open", "color": FLAG_COLOUR, "line": {"width": 2.5}},
            legendgroup="flag", showlegend=not any(tr.meta and str(tr.meta).startswith("flag") for tr in fig.data),
            meta=f"flag:{code}", hoverinfo="skip",
        ), row=r, col=c)
    if not proj.empty:
        fig.add_trace(go.Scatter(
            x=proj["year"], y=proj["value_pct"], mode="lines", name=t("prog.series.projection", lang),
            line={"color": OBSERVED_COLOUR, "width": 2, "dash": "dash"}, legendgroup="projection",
            showlegend=not any(tr.meta and str(tr.meta).startswith("projection") for tr in fig.data),
            meta=f"projection:{code}", hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
        ), row=r, col=c)
    if not path.empty:
        fig.add_trace(go.Scatter(
            x=path["year"], y=path["value_pct"], mode="lines", name=t("prog.fig.target_path_named", lang,
                                                                     target=safetext.plotly(target_tag(target, lang))),
            line={"color": TARGET_STYLES[0][0], "width": 1.5, "dash": "dot"}, legendgroup="target",
            showlegend=not any(tr.meta and str(tr.meta).startswith("target_path") for tr in fig.data),
            meta=f"target_path:{code}", hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
        ), row=r, col=c)
    fig.add_trace(go.Scatter(
        x=[target.year], y=[target.target_pct], mode="markers", marker={"symbol": TARGET_STYLES[0][1], "size": 10,
                                                                      "color": TARGET_STYLES[0][0]},
        showlegend=False, meta=f"target:{code}", hoverinfo="skip",
    ), row=r, col=c)
    return max(list(obs["value_pct"]) + list(proj["value_pct"]), default=0.0)
