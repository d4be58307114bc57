"""Figures of a district's action plan (:mod:`kp2s_dashboard.assessment.plan`):
its gaps per action to the province mean and to its neighbours
(:func:`gap_bars`), and the district beside its neighbours on every action
(:func:`neighbour_heatmap`). Scores are drawn as given (0–100); no Streamlit.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kp2s_dashboard.figures.assessment_style import (BAR_MUTED, DARK_FROM, HIGHLIGHT, SCORE_SCALE, _fmt, _mark,
                                                     action_label)
from kp2s_dashboard.figures.prevalence import _base_layout
from kp2s_dashboard.i18n import t
from kp2s_dashboard.regions import registry

NEIGHBOUR_COLOUR = "rgb(34,94,168)"


def _signed(value: float, lang: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    text = _fmt(value, lang)
    return text if value < 0 or text.lstrip("-−") in ("0", "0,0", "0.0") else f"+{text}"


def gap_bars(gaps: pd.DataFrame, code: str, lang: str = "id", *, synthetic: bool = False, source: str | None = None,
             height: int | None = None) -> go.Figure:
    """The district's gap per action, largest shortfall on top.

    Args:
        gaps: :func:`kp2s_dashboard.assessment.plan.action_gaps` (``action``,
            ``action_name``, ``gap_to_province``, ``gap_to_neighbours``,
            ``district_pct``, ``province_mean``, ``neighbours_mean``, ``priority``).
        code: the district (for the tooltip).

    Returns:
        Two horizontal ``go.Bar`` traces (points, district − mean): trace 0
        the gap to the province mean (priorities in the highlight colour),
        trace 1 the gap to the neighbours' mean (left out when no neighbour
        has a score); ``y`` = ``"n. short name"`` in the order of ``gaps``.
        Trace 0 stays out of the legend (plotly would show its first bar's
        colour, the priority colour); legend-only markers name its two
        colours instead: the gap to the province mean, and ``★ priority``
        when there is one.
    """
    name = registry().short_name(code)
    labels = [action_label(int(a), {int(a): n}, lang, wrap=None) for a, n in zip(gaps["action"], gaps["action_name"])]
    labels = [f"★ {lab}" if p else lab for lab, p in zip(labels, gaps["priority"])]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=gaps["gap_to_province"], y=labels, orientation="h", name=t("asm.plan.gap_province", lang),
        marker_color=[HIGHLIGHT if p else BAR_MUTED for p in gaps["priority"]], showlegend=False,
        text=[_signed(v, lang) for v in gaps["gap_to_province"]], textposition="outside", cliponaxis=False,
        customdata=[[name, _fmt(d, lang), _fmt(m, lang)] for d, m in zip(gaps["district_pct"], gaps["province_mean"])],
        hovertemplate="<b>%{y}</b><br>%{customdata[0]}: %{customdata[1]} · "
                      + t("asm.col.province_mean", lang) + ": %{customdata[2]}<extra></extra>",
    ))
    if gaps["gap_to_neighbours"].notna().any():
        fig.add_trace(go.Bar(
            x=gaps["gap_to_neighbours"], y=labels, orientation="h", name=t("asm.plan.gap_neighbours", lang),
            marker_color=NEIGHBOUR_COLOUR, legendrank=3,
            text=[_signed(v, lang) for v in gaps["gap_to_neighbours"]], textposition="outside", cliponaxis=False,
            customdata=[[name, _fmt(d, lang), _fmt(m, lang)] for d, m in zip(gaps["district_pct"], gaps["neighbours_mean"])],
            hovertemplate="<b>%{y}</b><br>%{customdata[0]}: %{customdata[1]} · "
                          + t("asm.plan.neighbours_mean", lang) + ": %{customdata[2]}<extra></extra>",
        ))
    keys = [("asm.plan.gap_province", BAR_MUTED, 1)] + ([("asm.plan.yes", HIGHLIGHT, 2)] if gaps["priority"].any() else [])
    for key, colour, rank in keys:  # legend entries only: no point is drawn, no bar slot is taken
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=t(key, lang), legendrank=rank,
                                 marker={"symbol": "square", "size": 12, "color": colour}, hoverinfo="skip"))
    values = pd.concat([gaps["gap_to_province"], gaps["gap_to_neighbours"]]).dropna()
    low = min(0.0, float(values.min())) if len(values) else -10.0
    high = max(0.0, float(values.max())) if len(values) else 10.0
    pad = max(6.0, 0.18 * (high - low))
    _base_layout(fig, lang, height or 120 + 58 * max(len(gaps), 1))
    fig.update_layout(barmode="group", legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
                      margin={"l": 10, "r": 10, "t": 60, "b": 85})
    fig.update_xaxes(title_text=t("asm.plan.axis_gap", lang), range=[low - pad, high + pad], zeroline=True,
                     zerolinecolor="#333333", zerolinewidth=1.5, showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(autorange="reversed", automargin=True)
    _mark(fig, lang, synthetic, source)
    return fig


def neighbour_heatmap(matrix: pd.DataFrame, lang: str = "id", *, short_names: dict[int, str] | None = None,
                      action_names: dict[int, str] | None = None, synthetic: bool = False,
                      source: str | None = None, height: int | None = None) -> go.Figure:
    """The district and its neighbours × actions, with the province mean as the last row.

    Args:
        matrix: :func:`kp2s_dashboard.assessment.plan.neighbour_matrix` (index
            ``code`` with ``"province"`` last, columns action numbers, 0–100).
        short_names / action_names: action number → short name (column
            labels) / full name (tooltip).

    Returns:
        One ``go.Heatmap`` on :data:`SCORE_SCALE` fixed to 0–100, ``y`` the
        short names (the district first, outlined; the province mean last),
        ``x`` the ``"n. short name"`` labels, cell text with one decimal.
    """
    reg = registry()
    actions = [int(a) for a in matrix.columns]
    rows = [t("asm.col.province_mean", lang) if c == "province" else reg.short_name(c) for c in matrix.index]
    x_labels = [action_label(a, short_names, lang) for a in actions]
    z = [[None if pd.isna(v) else float(v) for v in matrix.loc[c]] for c in matrix.index]
    full = action_names or {}
    custom = [[[r, f"{t('asm.action_n', lang, n=a)} {full.get(a, '')}".strip()] for a in actions] for r in rows]
    fig = go.Figure(go.Heatmap(
        z=z, x=x_labels, y=rows, zmin=0, zmax=100, colorscale=SCORE_SCALE, xgap=2, ygap=2, hoverongaps=False,
        text=[["" if v is not None and v >= DARK_FROM else (_fmt(v, lang) if v is not None else "–") for v in row]
              for row in z],
        texttemplate="%{text}", textfont={"size": 13, "color": "#1a1a1a"}, customdata=custom,
        hovertemplate="<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{z:.1f}<extra></extra>",
        colorbar={"title": {"text": t("asm.axis.score_pct", lang)}, "thickness": 14},
    ))
    # white text on dark cells: the same cells again in a second trace (the first leaves their text empty)
    dark = [[v if v is not None and v >= DARK_FROM else None for v in row] for row in z]
    if any(v is not None for row in dark for v in row):
        fig.add_trace(go.Heatmap(
            z=dark, x=x_labels, y=rows, zmin=0, zmax=100, colorscale=SCORE_SCALE, xgap=2, ygap=2, showscale=False,
            hoverongaps=False, text=[[_fmt(v, lang) if v is not None else "" for v in row] for row in dark],
            texttemplate="%{text}", textfont={"size": 13, "color": "white"}, customdata=custom,
            hovertemplate="<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{text}<extra></extra>",
        ))
    fig.add_shape(type="rect", xref="x", yref="y", x0=-0.5, x1=len(actions) - 0.5, y0=-0.5, y1=0.5,
                  line={"color": HIGHLIGHT, "width": 3})
    _base_layout(fig, lang, height or 46 * len(rows) + 190)
    fig.update_yaxes(autorange="reversed", automargin=True, showgrid=False)
    fig.update_xaxes(side="top", showgrid=False, tickangle=0, tickfont={"size": 11})  # wrapped names, level
    fig.update_layout(margin={"l": 10, "r": 10, "t": 80, "b": 30})
    _mark(fig, lang, synthetic, source, below_px=8)
    return fig
