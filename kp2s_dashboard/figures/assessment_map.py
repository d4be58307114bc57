"""The assessment map: the value each of the 13 districts is coloured by
(:func:`map_table`: mean score, ranked total or rank) and the plotly
choropleth of it on :data:`~kp2s_dashboard.figures.assessment_style.SCORE_SCALE`
(:func:`choropleth`). No Streamlit.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from kp2s_dashboard.prevalence.classes import NO_DATA_COLOUR
from kp2s_dashboard.figures.assessment_style import DARK_FROM, SCORE_SCALE, _fmt, _mark
from kp2s_dashboard.figures.prevalence import FONT, _base_layout, features_of, map_label
from kp2s_dashboard.i18n import t
from kp2s_dashboard.regions import registry

MAP_METRICS = ("score_pct", "total", "rank")


def map_table(totals: pd.DataFrame, ranking: pd.DataFrame, metric: str = "score_pct") -> pd.DataFrame:
    """The value to colour each of the 13 districts by (like
    :func:`kp2s_dashboard.prevalence.summary.district_round` for prevalence).

    Args:
        totals: :func:`~kp2s_dashboard.assessment.scoring.district_totals`
            of one assessment year.
        ranking: :func:`~kp2s_dashboard.assessment.scoring.ranking` of that year.
        metric: ``score_pct`` (unweighted mean of the actions, 0–100),
            ``total`` (the ranked total, the file's units) or ``rank``.

    Returns:
        All 13 districts in registry order: ``code`` str, ``name`` str,
        ``value`` float64 (NaN = no data), ``score_pct``, ``total`` float64,
        ``rank`` Int64, ``metric`` str.

    Raises:
        ValueError: unknown metric.
    """
    if metric not in MAP_METRICS:
        raise ValueError(f"metric must be one of {MAP_METRICS}")
    reg = registry()
    out = pd.DataFrame({"code": reg.district_codes()})
    out["name"] = out["code"].map(reg.short_name).astype("str")
    mean = dict(zip(totals["code"], totals["score_pct"]))
    total = dict(zip(ranking["code"], ranking["total"]))
    rank = dict(zip(ranking["code"], ranking["rank"]))
    out["score_pct"] = [float(mean.get(c, math.nan)) for c in out["code"]]
    out["total"] = [float(total.get(c, math.nan)) for c in out["code"]]
    out["rank"] = pd.array([rank.get(c, pd.NA) for c in out["code"]], dtype="Int64")
    out["value"] = out[metric].astype("float64")
    out["metric"] = metric
    return out


def choropleth(
    table: pd.DataFrame,
    geojson: dict,
    lang: str = "id",
    *,
    selected: str | None = None,
    label_points: pd.DataFrame | None = None,
    synthetic: bool = False,
    source: str | None = None,
    height: int = 600,
) -> go.Figure:
    """Districts coloured by an assessment value on :data:`SCORE_SCALE`.

    Args:
        table: :func:`map_table` output (``code, name, value, score_pct,
            total, rank, metric``).
        geojson: FeatureCollection with ``properties.code``.
        selected: a district outlined in black.
        label_points: ``code, lon, lat`` for name labels.

    Returns:
        Trace 0: the districts with a value (``z`` = value; for ``rank``
        ``z`` = −rank so that rank 1 is darkest and on top of the colour
        bar, ticks labelled 1…13; for ``score_pct`` the range is fixed to
        0–100). Districts without a value form a grey trace named "Tidak
        ada data" in the legend. Name labels are white on dark districts.
    """
    metric = str(table["metric"].iloc[0]) if len(table) else "score_pct"
    has = table[table["value"].notna()]
    none = table[table["value"].isna()]
    hover_parts = _hover_parts(has, lang)
    colorbar = {"title": {"text": t(f"asm.map.metric.{metric}", lang)}, "thickness": 14, "len": 0.6}
    trace: dict = {"colorscale": SCORE_SCALE}
    z = has["value"].tolist()
    if metric == "rank":
        # z = −rank: rank 1 is the highest value, so it is darkest and on top of the colour bar
        n = max(int(table["rank"].max()) if table["rank"].notna().any() else 13, 2)
        z = [-v for v in z]
        trace |= {"zmin": -n, "zmax": -1}
        colorbar |= {"tickvals": [-k for k in range(1, n + 1)], "ticktext": [str(k) for k in range(1, n + 1)]}
    elif metric == "score_pct":
        trace |= {"zmin": 0, "zmax": 100}
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            geojson=features_of(geojson, has["code"]), featureidkey="properties.code", locations=has["code"].tolist(), z=z,
            marker={"line": {"color": "white", "width": 1.2}}, colorbar=colorbar,
            customdata=list(zip(has["name"], hover_parts)),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
            name=t(f"asm.map.metric.{metric}", lang), showlegend=False, **trace,
        )
    )
    if len(none):
        fig.add_trace(
            go.Choropleth(
                geojson=features_of(geojson, none["code"]), featureidkey="properties.code", locations=none["code"].tolist(),
                z=[1] * len(none),
                zmin=0, zmax=1, colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], showscale=False,
                showlegend=True, name=t("class.no_data", lang), marker={"line": {"color": "white", "width": 1.2}},
                customdata=none["name"].tolist(),
                hovertemplate="<b>%{customdata}</b><br>" + t("class.no_data", lang) + "<extra></extra>",
            )
        )
    if selected is not None and selected in set(table["code"]):
        fig.add_trace(
            go.Choropleth(
                geojson=features_of(geojson, [selected]), featureidkey="properties.code", locations=[selected], z=[1],
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False, showlegend=False,
                marker={"line": {"color": "#111111", "width": 3.5}}, hoverinfo="skip", name="selected",
            )
        )
    if label_points is not None and len(label_points):
        colours = _label_colours(trace, has["code"], z, label_points["code"])
        fig.add_trace(
            go.Scattergeo(
                lon=label_points["lon"], lat=label_points["lat"], text=label_points["code"].map(map_label), mode="text",
                textfont={"size": 12, "color": colours, "family": FONT}, hoverinfo="skip", showlegend=False,
            )
        )
    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    _base_layout(fig, lang, height)
    fig.update_layout(
        legend={"orientation": "v", "x": 0.0, "y": 0.02, "xanchor": "left", "yanchor": "bottom",
                "bgcolor": "rgba(255,255,255,0.85)"},
        margin={"l": 0, "r": 0, "t": 30, "b": 40}, clickmode="event+select",
    )
    _mark(fig, lang, synthetic, source, below_px=8)
    return fig


def _hover_parts(has: pd.DataFrame, lang: str) -> list[str]:
    """The tooltip text of each district with a value (rows of
    :func:`map_table`): mean score, ranked total when known, rank when known."""
    hover_parts = []
    for r in has.itertuples(index=False):
        parts = [f"{t('asm.map.metric.score_pct', lang)}: {_fmt(r.score_pct, lang)}"]
        if not math.isnan(r.total):
            parts.append(f"{t('asm.map.metric.total', lang)}: {_fmt(r.total, lang, 2)}")
        if pd.notna(r.rank):
            parts.append(t("asm.map.hover_rank", lang, rank=int(r.rank)))
        hover_parts.append("<br>".join(parts))
    return hover_parts


def _label_colours(trace: dict, codes: pd.Series, z: list[float], label_codes: pd.Series) -> list[str]:
    """The colour of each name label (``label_codes``): white where the
    district is drawn in the dark part of the scale (``z`` of ``codes`` on
    the trace's ``zmin``–``zmax``, else the range of ``z``), dark elsewhere."""
    low, high = (trace["zmin"], trace["zmax"]) if "zmin" in trace else (min(z, default=0), max(z, default=1))
    span = (high - low) or 1.0
    position = {c: (v - low) / span for c, v in zip(codes, z)}
    return ["white" if position.get(c, 0.0) >= DARK_FROM / 100 else "#111111" for c in label_codes]
