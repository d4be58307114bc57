"""Plotly builders for the assessment (Aksi Konvergensi) views. No Streamlit.

Inputs are the frames of :mod:`kp2s_dashboard.assessment.scoring` (scores
normalised to 0–100 as ``100 × score ÷ scale maximum``). Every figure gets
the language's number separators and, for demonstration data, the mark
``asm.fig.synthetic_mark`` inside the figure, so an exported PNG cannot be
taken for official results.

The colours, the score scale and the marks live in
:mod:`~kp2s_dashboard.figures.assessment_style`; the map in
:mod:`~kp2s_dashboard.figures.assessment_map`, whose public names this
module also gives (the Aksi page draws every assessment figure from here).
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from kp2s_dashboard import safetext
from kp2s_dashboard.prevalence.classes import NO_DATA_COLOUR
from kp2s_dashboard.figures.assessment_map import choropleth, map_table
from kp2s_dashboard.figures.assessment_style import (BAR, DARK_FROM, HIGHLIGHT, SCORE_SCALE, _district_order, _fmt, _mark,
                                                     action_label, score_colour)
from kp2s_dashboard.figures.prevalence import _base_layout, map_label
from kp2s_dashboard.i18n import t
from kp2s_dashboard.regions import registry

__all__ = [
    "heatmap", "ranking_bars", "lagging_bars", "district_vs_province", "component_bars", "spread_by_district",
    "spread_items",
    # the map and the colours, from assessment_map and assessment_style
    "map_table", "choropleth", "SCORE_SCALE", "HIGHLIGHT", "BAR", "score_colour",
]


# -- heatmap -----------------------------------------------------------------------------------
def heatmap(
    scores: pd.DataFrame,
    lang: str = "id",
    *,
    action_names: dict[int, str] | None = None,
    short_names: dict[int, str] | None = None,
    selected: str | None = None,
    synthetic: bool = False,
    source: str | None = None,
    height: int | None = None,
) -> go.Figure:
    """District × action heatmap of normalised scores (0–100).

    Args:
        scores: :func:`kp2s_dashboard.assessment.scoring.action_scores` of one
            assessment year (``code`` str, ``action`` Int64, ``score_pct``
            float64 0–100 or NaN, ``raw`` str, ``n_items``, ``n_scored``,
            ``weighting``).
        action_names: action number → full name for the tooltip.
        short_names: action number → short name for the column labels
            (:func:`~kp2s_dashboard.figures.assessment_style.action_label`).
        selected: a district code whose row is outlined.
        synthetic: draw the "sample data" mark.
        source: file names for the source line.

    Returns:
        A figure of ``go.Heatmap`` traces on one colour scale fixed to 0–100
        (:data:`SCORE_SCALE`): trace 0 holds the cells below
        :data:`DARK_FROM` (dark text), trace 1 those from it (white text),
        each None elsewhere; ``y`` = district short names (registry order,
        first at the top), ``x`` = ``"n. short name"`` labels (``Aksi n``
        without names), cell text with one
        decimal, and a tooltip (``customdata``, the same in every trace)
        with the district, the action's name, the score, the raw value(s)
        as written and how many items were scored. Unscored cells form a
        grey third trace named "tidak dinilai".
    """
    reg = registry()
    codes = _district_order(scores["code"])
    actions = sorted({int(a) for a in scores["action"].dropna()})
    x_labels = [action_label(a, short_names, lang) for a in actions]
    y_labels = [reg.short_name(c) for c in codes]
    z, text, custom, missing = _heatmap_cells(scores, codes, actions, action_names or {}, lang)
    hover = (
        "<b>%{customdata[0]}</b> · %{customdata[1]}<br>"
        f"{t('asm.axis.score_pct', lang)}: %{{customdata[2]}}<br>"
        f"{t('asm.hover.raw', lang)}:<br>%{{customdata[3]}}<br>%{{customdata[4]}}<extra></extra>"
    )
    fig = go.Figure()
    # two traces on the same scale so that the cell text contrasts: dark on light cells, white on dark ones
    for dark in (False, True):
        part = [[v if v is not None and (v >= DARK_FROM) == dark else None for v in row] for row in z]
        fig.add_trace(
            go.Heatmap(
                z=part, x=x_labels, y=y_labels, zmin=0, zmax=100, colorscale=SCORE_SCALE,
                text=[[txt if v is not None else "" for txt, v in zip(trow, prow)] for trow, prow in zip(text, part)],
                texttemplate="%{text}", textfont={"size": 13, "color": "white" if dark else "#1a1a1a"},
                customdata=custom, hovertemplate=hover, hoverongaps=False, xgap=2, ygap=2, showscale=not dark,
                colorbar={"title": {"text": t("asm.axis.score_pct", lang)}, "thickness": 14},
                name=t("asm.axis.score_pct", lang),
            )
        )
    if any(v is not None for row in missing for v in row):
        fig.add_trace(
            go.Heatmap(
                z=missing, x=x_labels, y=y_labels, zmin=0, zmax=1,
                colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], showscale=False,
                text=[["–" if v else "" for v in row] for row in missing], texttemplate="%{text}",
                customdata=custom, hovertemplate=hover, hoverongaps=False, xgap=2, ygap=2,
                name=t("asm.not_scored", lang),
            )
        )
    if selected in codes:
        i = codes.index(selected)
        fig.add_shape(type="rect", xref="x", yref="y", x0=-0.5, x1=len(actions) - 0.5, y0=i - 0.5, y1=i + 0.5,
                      line={"color": HIGHLIGHT, "width": 3})
    _base_layout(fig, lang, height or max(420, 40 * len(codes) + 140))
    fig.update_yaxes(autorange="reversed", automargin=True, showgrid=False)
    fig.update_xaxes(side="top", showgrid=False, tickangle=0, tickfont={"size": 11})  # wrapped names, level
    fig.update_layout(margin={"l": 10, "r": 10, "t": 70, "b": 30})
    _mark(fig, lang, synthetic, source, below_px=8)
    return fig


def _heatmap_cells(scores: pd.DataFrame, codes: list[str], actions: list[int], names: dict[int, str],
                   lang: str) -> tuple[list, list, list, list]:
    """The heatmap's cells, one row per district of ``codes`` and one column
    per action: the scores (``z``, None when not scored), their text, the
    tooltip fields (``customdata``: district, action, score, raw value(s),
    items scored) and the grey "not scored" layer (1 where not scored)."""
    reg = registry()
    lookup = {(str(r.code), int(r.action)): r for r in scores.itertuples(index=False) if pd.notna(r.action)}
    z, text, custom, missing = [], [], [], []
    for code in codes:
        z_row, text_row, custom_row, miss_row = [], [], [], []
        for action in actions:
            rec = lookup.get((code, action))
            value = float(rec.score_pct) if rec is not None and pd.notna(rec.score_pct) else None
            z_row.append(value)
            text_row.append(_fmt(value, lang) if value is not None else "–")
            miss_row.append(1 if value is None else None)
            if rec is None:
                raw, items, weighting = "–", "", ""
            else:
                # raw cell values come from the file: as text, never as plotly markup
                raw = safetext.plotly(rec.raw).replace("; ", "<br>") if str(rec.raw) else "–"
                items = t("asm.hover.items", lang, n_scored=int(rec.n_scored), n_items=int(rec.n_items))
                weighting = t(f"asm.hover.weighting.{rec.weighting}", lang) if int(rec.n_items) > 1 else ""
            custom_row.append([
                reg.short_name(code),
                f"{t('asm.action_n', lang, n=action)} {names.get(action, '')}".strip(),
                _fmt(value, lang) if value is not None else t("asm.not_scored", lang),
                raw,
                items + (f" · {weighting}" if weighting else ""),
            ])
        z.append(z_row)
        text.append(text_row)
        custom.append(custom_row)
        missing.append(miss_row)
    return z, text, custom, missing


# -- ranking -----------------------------------------------------------------------------------
def ranking_bars(
    ranking: pd.DataFrame,
    lang: str = "id",
    *,
    by_mean: bool = False,
    selected: str | None = None,
    synthetic: bool = False,
    source: str | None = None,
    height: int | None = None,
) -> go.Figure:
    """Horizontal bars of the ranked value, best on top, with the rank and
    its change since the previous assessment as text.

    Args:
        ranking: :func:`kp2s_dashboard.assessment.scoring.ranking` output
            (``code, name, total, rank, rank_previous,
            previous_year_assessed, rank_change``); rows without a rank are
            left out.
        by_mean: the values are the unweighted means (axis labelled so).
        selected: a district drawn in the highlight colour.

    Returns:
        One ``go.Bar`` (``y`` names, ``x`` totals; text ``"1 · 171,6 · ▲ 2"``).
    """
    from kp2s_dashboard.assessment.labels import rank_change_text

    data = ranking[ranking["rank"].notna()].sort_values(["rank", "code"])
    colours = [HIGHLIGHT if c == selected else BAR for c in data["code"]]
    texts = []
    previous = []
    for r in data.itertuples(index=False):
        change = rank_change_text(r.rank_change, lang)
        texts.append(f"{int(r.rank)} · {_fmt(r.total, lang)}" + (f" · {change}" if change != "–" else ""))
        if pd.notna(r.rank_previous):
            previous.append(t("asm.rank.hover_previous", lang, rank=int(r.rank_previous), year=int(r.previous_year_assessed)))
        else:
            previous.append("")
    fig = go.Figure(
        go.Bar(
            x=data["total"], y=data["name"], orientation="h", marker_color=colours,
            text=texts, textposition="outside", cliponaxis=False,
            customdata=list(zip([_fmt(v, lang, 2) for v in data["total"]], [int(v) for v in data["rank"]], previous)),
            hovertemplate=(
                "<b>%{y}</b><br>" + t("asm.col.rank", lang) + ": %{customdata[1]}<br>"
                + t("asm.col.total", lang) + ": %{customdata[0]}<br>%{customdata[2]}<extra></extra>"
            ),
        )
    )
    _base_layout(fig, lang, height or max(380, 34 * len(data) + 120))
    top = float(data["total"].max()) if len(data) else 1.0
    fig.update_xaxes(title_text=t("asm.rank.axis_mean" if by_mean else "asm.rank.axis_total", lang),
                     range=[0, top * 1.3], showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 40, "b": 85})
    _mark(fig, lang, synthetic, source)
    return fig


# -- lagging actions ----------------------------------------------------------------------------
def lagging_bars(
    lagging: pd.DataFrame,
    lang: str = "id",
    *,
    action_names: dict[int, str] | None = None,
    n_highlight: int = 3,
    synthetic: bool = False,
    source: str | None = None,
    height: int = 480,
) -> go.Figure:
    """Province mean per action (most lagging on top) with the lowest–highest
    range across districts as an error bar.

    Args:
        lagging: :func:`kp2s_dashboard.assessment.scoring.lagging_actions`
            (``action, mean_pct, median_pct, min_pct, max_pct, n_districts,
            lowest_code, lag_rank``).
        n_highlight: the most lagging actions drawn in the highlight colour.

    Returns:
        One ``go.Bar`` (``x`` = mean_pct, ``y`` = ``"Aksi n · name"``,
        ``error_x`` to min and max).
    """
    reg = registry()
    names = action_names or {}
    data = lagging.sort_values("lag_rank")
    labels = [f"{t('asm.action_n', lang, n=int(a))} · {names.get(int(a), '')}".rstrip(" ·") for a in data["action"]]
    labels = [lab if len(lab) <= 48 else lab[:46] + "…" for lab in labels]
    colours = [HIGHLIGHT if int(r) <= n_highlight else BAR for r in data["lag_rank"]]
    hover = [
        t(
            "asm.lag.hover", lang, mean=_fmt(m, lang), median=_fmt(md, lang), min=_fmt(lo, lang), max=_fmt(hi, lang),
            lowest=reg.short_name(c) if isinstance(c, str) and c in reg.district_codes() else "–", n=int(n),
        )
        for m, md, lo, hi, c, n in zip(data["mean_pct"], data["median_pct"], data["min_pct"], data["max_pct"],
                                       data["lowest_code"], data["n_districts"])
    ]
    fig = go.Figure(
        go.Bar(
            x=data["mean_pct"], y=labels, orientation="h", marker_color=colours,
            error_x={"type": "data", "symmetric": False, "array": (data["max_pct"] - data["mean_pct"]).tolist(),
                     "arrayminus": (data["mean_pct"] - data["min_pct"]).tolist(), "color": "#444444", "thickness": 1.2},
            text=[_fmt(v, lang) for v in data["mean_pct"]], textposition="inside", insidetextanchor="start",
            textfont={"color": "white"},
            customdata=hover, hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>",
        )
    )
    _base_layout(fig, lang, height)
    fig.update_xaxes(title_text=t("asm.axis.score_pct", lang), range=[0, 105], showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 40, "b": 85})
    _mark(fig, lang, synthetic, source)
    return fig


# -- one district against the province -------------------------------------------------------------
def district_vs_province(
    comparison: pd.DataFrame,
    code: str,
    lang: str = "id",
    *,
    action_names: dict[int, str] | None = None,
    short_names: dict[int, str] | None = None,
    synthetic: bool = False,
    source: str | None = None,
    height: int = 480,
) -> go.Figure:
    """A district's score per action (bars) against the province mean
    (diamond) and the best district (star).

    Args:
        comparison: :func:`kp2s_dashboard.assessment.scoring.district_vs_province`
            (``action, district_pct, province_mean, best_pct, best_codes``).
        code: the district shown.
        short_names: action number → short name for the axis labels.

    Returns:
        Three traces: ``go.Bar`` (district), ``go.Scatter`` (province mean),
        ``go.Scatter`` (best; tooltip names the best district(s)).
    """
    reg = registry()
    names = action_names or {}
    data = comparison.sort_values("action")
    labels = [action_label(int(a), short_names, lang) for a in data["action"]]
    full = [f"{t('asm.action_n', lang, n=int(a))} {names.get(int(a), '')}".strip() for a in data["action"]]
    best_names = [", ".join(reg.short_name(c.strip()) for c in str(codes).split(",") if c.strip()) for codes in data["best_codes"]]
    name = reg.short_name(code)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=labels, y=data["district_pct"], name=name,
            marker_color=[score_colour(v) for v in data["district_pct"]], marker_line={"color": "#333333", "width": 0.8},
            text=[_fmt(v, lang) for v in data["district_pct"]], textposition="inside", insidetextanchor="start",
            textfont={"color": ["white" if v >= DARK_FROM else "#1a1a1a" for v in data["district_pct"].fillna(0)]},
            customdata=full, hovertemplate="<b>" + name + "</b> · %{customdata}<br>%{y:.1f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=labels, y=data["province_mean"], mode="markers", name=t("asm.col.province_mean", lang),
            marker={"symbol": "diamond", "size": 14, "color": "#111111", "line": {"color": "white", "width": 1}},
            customdata=full, hovertemplate="%{customdata}<br>" + t("asm.col.province_mean", lang) + ": %{y:.1f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=labels, y=data["best_pct"], mode="markers", name=t("asm.col.best", lang),
            marker={"symbol": "star", "size": 16, "color": "#2e9d4f", "line": {"color": "white", "width": 1}},
            customdata=[[f, t("asm.dvp.hover_best", lang, value=_fmt(v, lang), districts=b)]
                        for f, v, b in zip(full, data["best_pct"], best_names)],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        )
    )
    _base_layout(fig, lang, height)
    fig.update_yaxes(title_text=t("asm.axis.score_pct", lang), range=[0, 112], showgrid=True, gridcolor="#eeeeee")
    fig.update_layout(legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
                      margin={"l": 10, "r": 10, "t": 60, "b": 85})
    _mark(fig, lang, synthetic, source)
    return fig


# -- components -----------------------------------------------------------------------------------
def component_bars(
    breakdown: pd.DataFrame,
    lang: str = "id",
    *,
    component_names: dict[str, str] | None = None,
    selected: str | None = None,
    synthetic: bool = False,
    source: str | None = None,
    height: int = 460,
) -> go.Figure:
    """Grouped bars: score per district (x, registry order) and component
    (one trace per component, 0–100). With ``selected``, the other districts
    are drawn faint.

    Args:
        breakdown: :func:`kp2s_dashboard.assessment.scoring.component_breakdown`
            (``code, component, score_pct, basis, weight``).
        component_names: component code → display name.
    """
    reg = registry()
    names = component_names or {}
    codes = _district_order(breakdown["code"])
    labels = [map_label(c) for c in codes]
    components = list(dict.fromkeys(breakdown["component"]))
    palette = [sample_colorscale(SCORE_SCALE, [p])[0] for p in (0.85, 0.45, 0.65, 0.25)]
    fig = go.Figure()
    for i, comp in enumerate(components):
        part = breakdown[breakdown["component"] == comp].set_index("code")
        values = [float(part.loc[c, "score_pct"]) if c in part.index else None for c in codes]
        opacity = [1.0 if selected is None or c == selected else 0.35 for c in codes]
        fig.add_trace(
            go.Bar(
                x=labels, y=values, name=names.get(comp, str(comp)),
                marker={"color": palette[i % len(palette)], "opacity": opacity},
                text=[_fmt(v, lang, 0) if v is not None and not math.isnan(v) else "" for v in values], textposition="outside",
                customdata=[reg.short_name(c) for c in codes],
                hovertemplate="<b>%{customdata}</b><br>" + names.get(comp, str(comp)) + ": %{y:.1f}<extra></extra>",
            )
        )
    _base_layout(fig, lang, height)
    fig.update_layout(barmode="group", legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
                      margin={"l": 10, "r": 10, "t": 60, "b": 85})
    fig.update_yaxes(title_text=t("asm.axis.score_pct", lang), range=[0, 110], showgrid=True, gridcolor="#eeeeee")
    _mark(fig, lang, synthetic, source)
    return fig


# -- between assessors ---------------------------------------------------------------------------
def spread_by_district(
    spread: pd.DataFrame,
    lang: str = "id",
    *,
    selected: str | None = None,
    synthetic: bool = False,
    source: str | None = None,
    height: int = 440,
) -> go.Figure:
    """Mean (bar) and largest (marker) spread between assessors per district.

    Args:
        spread: :func:`kp2s_dashboard.assessment.scoring.assessor_spread` with
            ``by="district"`` (``code, n_items, mean_spread_pct, max_spread_pct``).
    """
    reg = registry()
    codes = _district_order(spread["code"])
    data = spread.set_index("code").loc[codes]
    labels = [map_label(c) for c in codes]
    full = [reg.short_name(c) for c in codes]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=labels, y=data["mean_spread_pct"], name=t("asm.spread.mean", lang),
            marker_color=[HIGHLIGHT if c == selected else BAR for c in codes],
            text=[_fmt(v, lang) for v in data["mean_spread_pct"]], textposition="outside",
            customdata=list(zip(full, data["n_items"].astype(int))),
            hovertemplate="<b>%{customdata[0]}</b><br>" + t("asm.spread.mean", lang) + ": %{y:.1f}<br>"
            + t("asm.col.n_items", lang) + ": %{customdata[1]}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=labels, y=data["max_spread_pct"], mode="markers", name=t("asm.spread.max", lang),
            marker={"symbol": "line-ew-open", "size": 22, "color": "#111111", "line": {"width": 3}},
            customdata=full,
            hovertemplate="<b>%{customdata}</b><br>" + t("asm.spread.max", lang) + ": %{y:.1f}<extra></extra>",
        )
    )
    _base_layout(fig, lang, height)
    top = float(data["max_spread_pct"].max()) if len(data) else 10.0
    fig.update_yaxes(title_text=t("asm.spread.axis", lang), range=[0, max(top * 1.2, 10)], showgrid=True, gridcolor="#eeeeee")
    fig.update_layout(legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
                      margin={"l": 10, "r": 10, "t": 60, "b": 85})
    _mark(fig, lang, synthetic, source)
    return fig


def spread_items(
    items: pd.DataFrame,
    lang: str = "id",
    *,
    labels: list[str] | None = None,
    synthetic: bool = False,
    source: str | None = None,
) -> go.Figure:
    """Lowest–highest range of the assessors' scores per item of one
    district (dumbbell: a line from min to max, a dot at the mean).

    Args:
        items: :func:`kp2s_dashboard.assessment.scoring.assessor_spread`
            (``by="item"``) rows of one district (``min_pct, max_pct,
            mean_pct, spread_pct, n_assessors``), in display order.
        labels: one label per row (e.g. indicator codes); default the
            indicator or action.
    """
    data = items.reset_index(drop=True)
    if labels is None:
        labels = [safetext.plotly(i) if isinstance(i, str) else t("asm.action_n", lang, n=int(a))
                  for i, a in zip(data["indicator"], data["action"])]
    xs, ys = [], []
    for lab, lo, hi in zip(labels, data["min_pct"], data["max_pct"]):
        xs += [lo, hi, None]
        ys += [lab, lab, None]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines+markers", line={"color": "#888888", "width": 3},
                             marker={"size": 8, "color": "#888888"}, hoverinfo="skip", showlegend=True,
                             name=f"{t('asm.col.min', lang)} – {t('asm.col.max', lang)}"))
    hover = [t("asm.spread.hover_item", lang, n=int(n), min=_fmt(lo, lang), max=_fmt(hi, lang), mean=_fmt(m, lang))
             for n, lo, hi, m in zip(data["n_assessors"], data["min_pct"], data["max_pct"], data["mean_pct"])]
    fig.add_trace(go.Scatter(x=data["mean_pct"], y=labels, mode="markers", name=t("asm.col.mean_pct", lang),
                             marker={"size": 11, "color": [score_colour(v) for v in data["mean_pct"]],
                                     "line": {"color": "#111111", "width": 1}},
                             customdata=hover, hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>"))
    _base_layout(fig, lang, max(360, 22 * len(data) + 140))
    fig.update_xaxes(title_text=t("asm.axis.score_pct", lang), range=[-2, 104], showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    fig.update_layout(legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
                      margin={"l": 10, "r": 10, "t": 60, "b": 85})
    _mark(fig, lang, synthetic, source)
    return fig
