"""Plotly figure builders: tidy frames in, ``go.Figure`` out. No Streamlit.

Every figure gets the language's number separators (``24,6`` in
Indonesian), a source line, and colours from :mod:`kp2s_dashboard.prevalence.classes`.

The map is a ``go.Choropleth`` on a geo subplot with ``fitbounds`` and the
base map hidden. plotly.js still asks for a world topology file before it
draws; :data:`PLOTLY_CONFIG` points it at the app's own ``static/`` folder
(an empty topology), so the map renders with no internet.
"""

from __future__ import annotations

import json
import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kp2s_dashboard import i18n, safetext
from kp2s_dashboard.prevalence.classes import CLASS_KEYS, COLOURS
from kp2s_dashboard.figures import labels
from kp2s_dashboard.i18n import fmt_pct, fmt_signed, t
from kp2s_dashboard.prevalence.loader import REGISTER_SOURCES, SOURCE_LABELS, SURVEY_SOURCES, headline
from kp2s_dashboard.prevalence.series import flag_label, plausibility_flags
from kp2s_dashboard.prevalence.targets import target_label
from kp2s_dashboard.regions import registry

#: Config for ``st.plotly_chart``: offline topology, no plotly logo, PNG export
#: at presentation size.
PLOTLY_CONFIG = {
    "topojsonURL": "app/static/",
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

FONT = "Source Sans Pro, Arial, sans-serif"
REGION_COLOURS = ["#1f4e79", "#c0392b", "#7f7f7f", "#2e8b57", "#8e44ad", "#d35400", "#16a085"]
TARGET_STYLES = [  # shapes unlike the survey markers (triangle, diamond, circle, square)
    ("#111111", "star"),
    ("#6a3d9a", "hourglass"),
    ("#b15928", "pentagon"),
    ("#1b7f5f", "hexagram"),
    ("#c51b7d", "cross"),
    ("#4d4d4d", "bowtie"),
    ("#8c6d31", "star-square"),
]
#: Fixed colours for the reference regions, so a series keeps its colour
#: whichever district is chosen; districts take the other colours in turn.
FIXED_REGION_COLOURS = {"63": "#c0392b", "00": "#7f7f7f"}
FLAG_COLOUR = "#e67e22"  # the implausible-change ring: orange, unlike the province's red line
SOURCE_SYMBOLS = {"riskesdas": "triangle-up", "ssgbi": "diamond", "ssgi": "circle", "ski": "square", "eppgbm": "x"}


def map_label(code: str) -> str:
    """Short label drawn on the map: the short name, or for the districts
    whose polygons are too small for it their usual abbreviation (HSS, HST,
    HSU, BJM, BJB), explained in the map's footnote."""
    region = registry().get(code)
    if region.short_name.startswith("Hulu Sungai") or region.level == "kota":
        return region.aliases[-1].upper() if region.level == "kota" else region.aliases[0].upper()
    return region.short_name


def class_label(key: str, lang: str) -> str:
    """Legend label of a prevalence class, e.g. ``Tinggi (20–<30%)``."""
    return t(f"class.{key}", lang)


def _base_layout(fig: go.Figure, lang: str, height: int, font_size: int = 15) -> None:
    fig.update_layout(
        separators=i18n.plotly_separators(lang),
        font={"family": FONT, "size": font_size},
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font_size": 15},
    )


def wrap(text: str, width: int = 40, sep: str = "<br>") -> str:
    """``text`` broken into lines of at most ``width`` characters at spaces
    (a longer word stays whole), joined by ``sep`` (plotly's ``<br>``):
    plotly never wraps titles itself, and a phone is about 40 characters of
    15 px text wide."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return sep.join(lines)


def _scaled(size: float, font_size: int) -> int:
    """``size`` (drawn for the default 15 px font) scaled to ``font_size``,
    so a presentation layout enlarges labels and markers alike."""
    return max(1, round(size * font_size / 15))


def choropleth(
    round_table: pd.DataFrame,
    geojson: dict,
    lang: str = "id",
    *,
    selected: str | None = None,
    label_points: pd.DataFrame | None = None,
    height: int = 700,
    font_size: int = 15,
) -> go.Figure:
    """Choropleth of the 13 districts coloured by prevalence class.

    Args:
        round_table: output of :func:`kp2s_dashboard.prevalence.summary.district_round`
            (``code, name, value_pct, klass, source, year, ...``).
        geojson: FeatureCollection whose features carry ``properties.code``
            (BPS code, str), EPSG:4326.
        selected: a district code to outline.
        label_points: optional ``code, lon, lat`` (float) for name labels.
        height: figure height in px.
        font_size: base font size in px (15 on the pages; larger for the
            presentation view: labels, legend and note grow with it).

    Returns:
        A figure with one trace per class present (legend = classes, with
        "tidak ada data" for districts without a value), hover text with
        name, value, source and year, and a source footnote.
    """
    fig = go.Figure()
    source = round_table["source"].iloc[0] if len(round_table) else ""
    year = int(round_table["year"].iloc[0]) if len(round_table) else 0
    round_label = f"{SOURCE_LABELS.get(source, source)} {year}"
    for key in CLASS_KEYS:
        part = round_table[round_table["klass"] == key]
        if part.empty:
            continue
        colour = COLOURS[key]
        values = [fmt_pct(v, lang) if not math.isnan(v) else t("class.no_data", lang) for v in part["value_pct"]]
        fig.add_trace(
            go.Choropleth(
                geojson=features_of(geojson, part["code"]),
                featureidkey="properties.code",
                locations=part["code"].tolist(),
                z=[1] * len(part),
                zmin=0,
                zmax=1,
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                showlegend=True,
                name=class_label(key, lang),
                legendgroup=key,
                marker={"line": {"color": "white", "width": 1.2}},
                customdata=list(zip(part["name"], values, [round_label] * len(part))),
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
            )
        )
    if selected is not None and selected in set(round_table["code"]):
        fig.add_trace(
            go.Choropleth(
                geojson=features_of(geojson, [selected]),
                featureidkey="properties.code",
                locations=[selected],
                z=[1],
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                showlegend=False,
                marker={"line": {"color": "#111111", "width": 3.5}},
                hoverinfo="skip",
                name="selected",
            )
        )
    if label_points is not None and len(label_points):
        names = label_points["code"].map(map_label)
        fig.add_trace(
            go.Scattergeo(
                lon=label_points["lon"],
                lat=label_points["lat"],
                text=names,
                mode="text",
                textfont={"size": _scaled(12, font_size), "color": "#111111", "family": FONT},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    _base_layout(fig, lang, height, font_size)
    fig.update_layout(
        legend={"orientation": "v", "x": 0.0, "y": 0.02, "xanchor": "left", "yanchor": "bottom",
                "bgcolor": "rgba(255,255,255,0.85)", "title": {"text": t("map.legend_title", lang)}},
        margin={"l": 0, "r": 0, "t": 10, "b": 64},
        clickmode="event+select",
    )
    fig.add_annotation(
        text=t("fig.source_note", lang, source=round_label),
        xref="paper", yref="paper", x=0, y=-0.02, showarrow=False, xanchor="left", yanchor="top", align="left",
        font={"size": _scaled(12, font_size), "color": "#555555"},
    )
    return fig


def trend(
    table: pd.DataFrame,
    codes: list[str],
    targets: pd.DataFrame | None = None,
    lang: str = "id",
    *,
    until: int = 2030,
    height: int = 700,
    font_size: int = 15,
    label_panel_px: float | None = None,
) -> go.Figure:
    """Prevalence over time for some regions; surveys and e-PPGBM apart.

    The survey series (Riskesdas, SSGBI, SSGI, SKI) is drawn in the upper
    panel, one line per region, the marker shape naming the survey. e-PPGBM
    register figures, a different measurement, go to a separate lower panel
    (only when any exist for ``codes``): they are never on the survey line or
    axis. Targets (rows of :mod:`kp2s_dashboard.prevalence.targets` with ``scope``) are
    drawn as markers at their year in the upper panel; their values
    (``2024: 14,0%``, ``⚠`` for a conflicting figure) are written in the
    right margin in the plan's colour, near their markers' heights and never
    over each other or a line (:func:`target_labels`). A survey
    value reached by a change above the plausibility bound
    (:func:`kp2s_dashboard.prevalence.series.plausibility_flags`, e.g. Tapin
    SSGI 2021 33,5 % → 2022 14,5 %) gets an orange ring, trace ``meta="flag"``,
    named "⚠ perubahan tidak wajar — periksa sumber" as on Target and Profil.

    Args:
        table: tidy prevalence table.
        codes: region codes in drawing order (e.g. a district, "63", "00").
        targets: targets to show (already filtered to what applies).
        until: last year on the x axis.
        height: figure height in px.
        font_size: base font size in px (15 on the pages; the presentation
            view passes a larger one: lines, markers and labels grow with it).
        label_panel_px: least height in px of the survey panel, which
            spaces the target labels (default: a lower bound for ``height``
            with the legend under the plot on a phone).

    Returns:
        The figure (``layout.meta`` holds ``{"panels": 1 or 2}``).
    """
    reg = registry()
    data = headline(table)
    data = data[data["code"].isin(codes)]
    register = data[data["source"].isin(REGISTER_SOURCES)]
    surveys = data[data["source"].isin(SURVEY_SOURCES)]
    panels = 2 if not register.empty else 1
    fig = make_subplots(
        rows=panels,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        row_heights=[0.68, 0.32] if panels == 2 else [1.0],
        subplot_titles=[t("trend.panel_survey", lang)] + ([t("trend.panel_register", lang)] if panels == 2 else []),
    )
    fig.update_annotations(font_size=_scaled(16, font_size))  # the panel titles (plotly draws them at 16 px)
    for i, code in enumerate(codes):
        others = [c for c in REGION_COLOURS if c not in FIXED_REGION_COLOURS.values()]
        colour = FIXED_REGION_COLOURS.get(code) or others[sum(c not in FIXED_REGION_COLOURS for c in codes[:i]) % len(others)]
        name = reg.short_name(code)
        for row, part, dash in ((1, surveys, "solid"), (2, register, "dot")):
            if row > panels:
                continue
            series = part[part["code"] == code].sort_values("year")
            if series.empty:
                continue
            # two figures of one series in one year (a file the loader refuses): both shown as markers,
            # the line only through the years with one figure, so it never runs up and down within a year
            same_year = series.duplicated(subset=["year"], keep=False)
            if same_year.any():
                both = series[same_year]
                fig.add_trace(
                    go.Scatter(
                        x=both["year"], y=both["value_pct"], mode="markers", showlegend=False, legendgroup=code,
                        name=name, meta="same_year",
                        marker={"size": _scaled(12, font_size), "symbol": [SOURCE_SYMBOLS[s] for s in both["source"]],
                                "color": "white", "line": {"color": colour, "width": 2}},
                        customdata=list(zip([SOURCE_LABELS[s] for s in both["source"]],
                                            [fmt_pct(v, lang) for v in both["value_pct"]])),
                        hovertemplate=f"<b>{name}</b><br>%{{customdata[0]}} %{{x}}: %{{customdata[1]}}<extra></extra>",
                    ),
                    row=row,
                    col=1,
                )
                series = series[~same_year]
                if series.empty:
                    continue
            labels = [SOURCE_LABELS[s] for s in series["source"]]
            fig.add_trace(
                go.Scatter(
                    x=series["year"],
                    y=series["value_pct"],
                    mode="lines+markers+text" if len(codes) == 1 else "lines+markers",
                    text=[fmt_pct(v, lang) for v in series["value_pct"]],
                    textposition="top center",
                    name=name if row == 1 else f"{name} (e-PPGBM)",
                    legendgroup=code,
                    line={"color": colour, "width": _scaled(3, font_size), "dash": dash},
                    marker={"size": _scaled(12, font_size), "symbol": [SOURCE_SYMBOLS[s] for s in series["source"]],
                            "color": colour},
                    customdata=list(zip(labels, [fmt_pct(v, lang) for v in series["value_pct"]])),
                    hovertemplate=f"<b>{name}</b><br>%{{customdata[0]}} %{{x}}: %{{customdata[1]}}<extra></extra>",
                ),
                row=row,
                col=1,
            )
    # a change between survey rounds above the plausibility bound: the same ring and words as on Target and Profil
    flags = plausibility_flags(table, [c for c in codes if c in set(surveys["code"])])
    if not flags.empty:
        fig.add_trace(
            go.Scatter(
                x=flags["to_year"], y=flags["to_pct"], mode="markers", meta="flag", legendgroup="flag",
                name="⚠ " + flag_label(lang), cliponaxis=False,
                marker={"size": _scaled(26, font_size), "symbol": "circle-open", "color": FLAG_COLOUR,
                        "line": {"width": _scaled(3, font_size)}},
                customdata=list(zip(flags["name"], flags["from_year"], [fmt_pct(v, lang) for v in flags["from_pct"]],
                                    [fmt_pct(v, lang) for v in flags["to_pct"]],
                                    [fmt_signed(v, lang) for v in flags["change_pp"]])),
                hovertemplate=f"<b>%{{customdata[0]}}: {flag_label(lang)}</b><br>"
                "%{customdata[1]} %{customdata[2]} → %{x} %{customdata[3]} (%{customdata[4]})<extra></extra>",
            ),
            row=1, col=1,
        )
    # marker-shape key for the survey names
    present = [s for s in SURVEY_SOURCES if s in set(surveys["source"])]
    for s in present:
        fig.add_trace(
            go.Scatter(
                x=[None], y=[None], mode="markers", name=SOURCE_LABELS[s],
                marker={"symbol": SOURCE_SYMBOLS[s], "size": _scaled(11, font_size), "color": "#555555"},
                legendgroup="sources", legendgrouptitle={"text": t("trend.legend_sources", lang)},
            ),
            row=1, col=1,
        )
    if targets is not None and not targets.empty:
        shown = targets[targets["year"] <= until]
        # Targets of different plans for the same year are drawn side by side
        # (dodged by a fraction of a year) so that neither hides the other.
        labels_by_year = shown.groupby("year")["label"].apply(lambda s: list(dict.fromkeys(s))).to_dict()

        def dodge(label: str, year: int) -> float:
            same = labels_by_year[year]
            return year + (same.index(label) - (len(same) - 1) / 2) * 0.25

        for j, (label, part) in enumerate(shown.groupby("label", sort=False)):
            colour, symbol = TARGET_STYLES[j % len(TARGET_STYLES)]
            texts = [target_text(int(y), v, bool(c), lang)
                     for y, v, c in zip(part["year"], part["target_pct"], part["conflict"])]
            fig.add_trace(
                go.Scatter(
                    x=[dodge(label, int(y)) for y in part["year"]],
                    y=part["target_pct"],
                    mode="markers",  # the values in the right margin (target_labels), never over a line
                    text=texts,
                    name=t("trend.target_label", lang, label=safetext.plotly(target_label(label, lang))),  # from the file
                    marker={"symbol": symbol, "size": _scaled(14, font_size), "color": colour,
                            "line": {"color": "white", "width": 1}},
                    legendgroup="targets",
                    legendgrouptitle={"text": t("trend.legend_targets", lang)},
                    customdata=list(zip([safetext.plotly(b) for b in i18n.source_notes(part, lang, "basis")],
                                        part["source_url"], part["year"])),
                    hovertemplate=f"<b>{safetext.plotly(label)}</b> %{{customdata[2]}}: %{{y:.1f}}%<br>%{{customdata[0]}}"
                                  "<extra></extra>",
                    cliponaxis=False,
                ),
                row=1,
                col=1,
            )
    first = int(data["year"].min()) if not data.empty else 2013
    # years spaced by plotly for the width (yearly on a laptop, every 5 years on a phone), written upright
    fig.update_xaxes(range=[first - 0.7, until + 0.7], tickmode="auto", tickformat="d", tickangle=0, showgrid=True,
                     gridcolor="#eeeeee")
    fig.update_yaxes(title_text=t("trend.axis_pct", lang), rangemode="tozero", showgrid=True, gridcolor="#eeeeee",
                     row=1, col=1)
    if panels == 2:
        fig.update_yaxes(title_text=t("trend.axis_pct", lang), rangemode="tozero", showgrid=True,
                         gridcolor="#eeeeee", row=2, col=1)
    _base_layout(fig, lang, height, font_size)
    # legend in rows under the plot and panel titles from the left edge, wrapped: at 390 px (a phone) a legend
    # beside the plot took half the width and the centred titles were cut at both ends
    fig.for_each_annotation(lambda a: a.update(text=wrap(a.text, 40), x=0, xanchor="left", align="left"))
    fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.06, "yanchor": "top",
                              "tracegroupgap": 6}, meta={"panels": panels},
                      margin={"l": 10, "r": 10, "t": 50, "b": 10}, uirevision=f"trend-{codes[0] if codes else ''}")
    right = target_labels(fig, label_panel_px or height * (0.3 if panels == 2 else 0.5), _scaled(12, font_size))
    fig.update_layout(margin={"r": max(10, right)})
    return fig


def target_text(year: int, value: float, conflict: bool, lang: str) -> str:
    """A target's label: ``2024: 14,0%``, with `` ⚠`` when its figure
    conflicts with another source's."""
    return t("trend.target_point", lang, year=year, value=fmt_pct(value, lang)) + (" ⚠" if conflict else "")


def target_labels(fig: go.Figure, panel_px: float, size: int) -> int:
    """(Re)write the target markers' values (their traces' ``text``) of a
    :func:`trend` figure in its right margin, in their plan's colour
    (:func:`kp2s_dashboard.figures.labels.margin_labels`), spaced for a
    survey panel at least ``panel_px`` px high in type of ``size`` px. The
    survey axis is fixed to 0 – a round number above every value drawn on
    it (so that the spacing holds). Returns the right margin in px the
    labels need (0 for none)."""
    items = [(float(y), str(text), tr.marker.color) for tr in fig.data if tr.legendgroup == "targets"
             for y, text in zip(tr.y, tr.text or ())]
    values = [float(v) for tr in fig.data if tr.yaxis in (None, "y") and tr.y is not None
              for v in tr.y if v is not None]
    top = math.ceil(max(values, default=10.0) * 1.08 / 5) * 5
    fig.layout.yaxis.update(range=[0, top])
    return labels.margin_labels(fig, items, panel_px=panel_px, y_max=top, size=size)


def change_bars(changes: pd.DataFrame, first_label: str, second_label: str, lang: str = "id",
                height: int = 480) -> go.Figure:
    """Horizontal bars of the change in percentage points per district
    (output of :func:`kp2s_dashboard.prevalence.summary.change_between`): falls in
    green, rises in red, biggest fall on top; implausible changes
    (``flagged``) hatched and marked ⚠."""
    data = changes.iloc[::-1]
    colours = ["#2e9d4f" if v < 0 else "#d62d20" for v in data["change_pp"]]
    flagged = data["flagged"] if "flagged" in data else pd.Series(False, index=data.index)
    fig = go.Figure(
        go.Bar(
            x=data["change_pp"],
            y=data["name"],
            orientation="h",
            marker_color=colours,
            marker_pattern_shape=["/" if f else "" for f in flagged],
            text=[fmt_signed(v, lang) + (" ⚠" if f else "") for v, f in zip(data["change_pp"], flagged)],
            textposition="outside",
            cliponaxis=False,
            customdata=list(zip([fmt_pct(v, lang) for v in data["before"]], [fmt_pct(v, lang) for v in data["after"]])),
            hovertemplate=(
                f"<b>%{{y}}</b><br>{first_label}: %{{customdata[0]}}<br>{second_label}: %{{customdata[1]}}"
                "<extra></extra>"
            ),
        )
    )
    _base_layout(fig, lang, height)
    span = max(abs(data["change_pp"].min()), abs(data["change_pp"].max()), 1.0)
    fig.update_xaxes(title_text=t("overview.change_axis", lang, first=first_label, second=second_label),
                     zeroline=True, zerolinecolor="#333333",
                     range=[min(data["change_pp"].min(), 0) - 0.25 * span, max(data["change_pp"].max(), 0) + 0.25 * span])
    fig.update_yaxes(automargin=True)
    return fig


def class_count_bars(counts: pd.DataFrame, lang: str = "id", height: int = 300) -> go.Figure:
    """Bars of how many districts fall in each class (output of
    :func:`kp2s_dashboard.prevalence.summary.class_counts`), in class colours."""
    data = counts.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            y=[class_label(k, lang) for k in data["klass"]],
            x=data["n"],
            orientation="h",
            marker_color=[COLOURS[k] for k in data["klass"]],
            text=data["n"],
            textposition="outside",
            cliponaxis=False,
            customdata=data["names"],
            hovertemplate="<b>%{y}</b>: %{x}<br>%{customdata}<extra></extra>",
        )
    )
    _base_layout(fig, lang, height)
    fig.update_xaxes(title_text=t("overview.n_districts", lang), dtick=2, range=[0, max(int(counts["n"].max()), 1) + 1.5])
    fig.update_yaxes(automargin=True)
    return fig


def to_geojson(gdf) -> dict:
    """A GeoDataFrame (with ``code``) as a GeoJSON dict for plotly."""
    return json.loads(gdf[["code", "geometry"]].to_json())


def features_of(geojson: dict, codes) -> dict:
    """The FeatureCollection of ``geojson``'s features whose
    ``properties.code`` is in ``codes`` (their order kept). Each choropleth
    trace carries only the shapes it draws, so a map sends each district's
    shape once, not once per trace (the Peta map: 109 KB → about 45 KB)."""
    wanted = set(codes)
    return {"type": "FeatureCollection",
            "features": [f for f in geojson["features"] if f["properties"]["code"] in wanted]}
