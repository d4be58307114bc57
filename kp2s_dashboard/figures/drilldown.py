"""The drill-down map of kecamatan and desa, coloured by e-PPGBM prevalence.

Pure: a table of areas and their simplified shapes in, a ``go.Figure`` out.

How the figure stays small enough for the whole province's desa (about
2,000 areas) on one websocket message: one ``go.Choropleth`` trace holds every
area (the GeoJSON is sent once, not once per class) with a discrete colour
scale; the legend comes from empty marker traces; borders, lokus outlines and
the hatching of small denominators are line traces (``Scattergeo``), which do
not catch the clicks meant for the areas under them.

Offline like :func:`kp2s_dashboard.figures.prevalence.choropleth`: a geo
subplot with the base map hidden; the page passes
:data:`kp2s_dashboard.figures.prevalence.PLOTLY_CONFIG` (local empty world
topology).

Only the register (e-PPGBM) is drawn at these levels: survey figures are not
representative below the district and are never shown here.
"""

from __future__ import annotations

import math
from collections.abc import Collection

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from shapely.geometry import LineString

from kp2s_dashboard import safetext
from kp2s_dashboard.figures.map_labels import fitting_labels
from kp2s_dashboard.figures.prevalence import FONT, _base_layout, class_label
from kp2s_dashboard.geo.coverage import outline_paths
from kp2s_dashboard.geo.drill import area_code
from kp2s_dashboard.i18n import fmt_number, fmt_pct, t
from kp2s_dashboard.prevalence.classes import CLASS_KEYS, COLOURS, NO_DATA
from kp2s_dashboard.subdistrict import views

#: Class of an area whose rate rests on too few children (``small_n``),
#: drawn grey and hatched (:func:`kp2s_dashboard.subdistrict.views.map_classes`).
SMALL_N = views.SMALL_N_CLASS
SMALL_N_COLOUR = views.SMALL_N_COLOUR
HATCH_COLOUR = "#5a5a5a"
LOKUS_COLOUR = "#6a1b9a"
BORDER_COLOUR = "#333333"
#: Class keys in the order of the colour scale (z = index).
MAP_CLASSES: tuple[str, ...] = CLASS_KEYS + (SMALL_N,)
#: At most this many areas get a name label drawn on the map (those that fit:
#: :func:`kp2s_dashboard.figures.map_labels.fitting_labels`).
MAX_LABELS = 40
LABEL_SIZE = 11
MARGIN_TOP, MARGIN_BOTTOM = 70, 40


def map_table(areas: pd.DataFrame, shapes: gpd.GeoDataFrame, lang: str = "id") -> pd.DataFrame:
    """One row per shape of ``shapes`` (in its order) with the matching row
    of ``areas`` (by code, dots ignored) or NaN: columns ``code`` (digits),
    ``name`` (the table's name, else the boundary file's), ``measured``,
    ``stunted``, ``prevalence``, ``ci_low``, ``ci_high``, ``coverage``,
    ``small_n`` and ``klass``: the class decided by
    :func:`kp2s_dashboard.subdistrict.views.map_classes` (a prevalence class,
    or ``"small_n"`` for a rate from too few children), ``"no_data"`` for a
    shape without a row.

    Args:
        areas: rows of one level and round
            (:func:`kp2s_dashboard.subdistrict.mapview.map_rows`).
        shapes: frame from :func:`kp2s_dashboard.geo.coverage.simplify_coverage`
            (``code`` digits, ``name``).
    """
    data = areas.assign(code=areas["kode_wilayah"].map(area_code)).drop_duplicates("code").reset_index(drop=True)
    data["klass"] = views.map_classes(data, lang)["class_key"].to_numpy() if len(data) else []
    keep = ["code", "name", "measured", "stunted", "prevalence", "ci_low", "ci_high", "coverage", "small_n", "klass"]
    out = pd.DataFrame({"code": shapes["code"].astype(str).to_numpy(), "shape_name": shapes["name"].to_numpy()})
    joined = out.join(data[keep].set_index("code"), on="code")
    named = joined["name"].notna() & (joined["name"].astype(str) != "")
    joined["name"] = joined["name"].where(named, joined["shape_name"])
    joined["small_n"] = joined["small_n"].astype("boolean").fillna(False).astype(bool)
    joined["klass"] = joined["klass"].fillna(NO_DATA)
    return joined.drop(columns=["shape_name"]).reset_index(drop=True)


def _count(value: object, lang: str) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else fmt_number(value, lang, 0)


def area_lines(row, level: str, lang: str, lokus: Collection[str] = ()) -> tuple[str, list[str]]:
    """``(name, lines)`` describing one row of :func:`map_table`, as plain
    text: level and code, prevalence with its 95 % interval, stunted of
    measured, coverage, a note for a small denominator and for a desa lokus."""
    lines = [f"{t('wil.level_' + level, lang)} {_dotted(row.code)}"]
    if row.klass == NO_DATA:
        lines.append(t("class.no_data", lang))
    else:
        lines.append(t("wil.hover_prevalence", lang, value=fmt_pct(row.prevalence, lang),
                       low=fmt_pct(row.ci_low, lang), high=fmt_pct(row.ci_high, lang)))
        lines.append(t("wil.hover_counts", lang, stunted=_count(row.stunted, lang),
                       measured=_count(row.measured, lang)))
        if row.coverage is not None and not (isinstance(row.coverage, float) and math.isnan(row.coverage)):
            lines.append(t("wil.hover_coverage", lang, value=fmt_pct(row.coverage, lang)))
        if row.klass == SMALL_N:
            lines.append(t("wil.hover_small_n", lang, measured=_count(row.measured, lang)))
    if row.code in lokus:
        lines.append(t("wil.hover_lokus", lang))
    return str(row.name), lines


def hover_data(table: pd.DataFrame, level: str, lang: str, lokus: Collection[str] = ()) -> tuple[str, list[list[str]]]:
    """``(hovertemplate, customdata)`` of the areas of :func:`map_table`.

    The wording is in the template, written once; each area carries only its
    values (name, prevalence, interval, stunted, measured, coverage, and a
    note for a small denominator, a desa lokus or a missing row), which keeps
    the province's 2,000 desa small on the websocket. Every value is escaped
    (a name from a file is never markup); the template's ``<b>``/``<br>`` are
    the only tags. The area's code is plotly's ``%{location}``."""
    lokus = set(lokus)
    template = ("<b>%{customdata[0]}</b><br>" + safetext.plotly(t("wil.level_" + level, lang)) + " %{location}<br>"
                + safetext.plotly(t("wil.hover_prevalence", lang, value="\x00", low="\x01", high="\x02"))
                .replace("\x00", "%{customdata[1]}").replace("\x01", "%{customdata[2]}").replace("\x02", "%{customdata[3]}")
                + "<br>" + safetext.plotly(t("wil.hover_counts", lang, stunted="\x00", measured="\x01"))
                .replace("\x00", "%{customdata[4]}").replace("\x01", "%{customdata[5]}")
                + "<br>" + safetext.plotly(t("wil.hover_coverage", lang, value="\x00")).replace("\x00", "%{customdata[6]}")
                + "%{customdata[7]}<extra></extra>")
    data = []
    for row in table.itertuples(index=False):
        notes = []
        if row.klass == NO_DATA:
            notes.append(t("class.no_data", lang))
        elif row.klass == SMALL_N:
            notes.append(t("wil.hover_small_n", lang, measured=_count(row.measured, lang)))
        if row.code in lokus:
            notes.append(t("wil.hover_lokus", lang))
        data.append([safetext.plotly(row.name), fmt_pct(row.prevalence, lang), fmt_pct(row.ci_low, lang),
                     fmt_pct(row.ci_high, lang), _count(row.stunted, lang), _count(row.measured, lang),
                     fmt_pct(row.coverage, lang), "".join("<br>" + safetext.plotly(n) for n in notes)])
    return template, data


def _dotted(code: str) -> str:
    parts = [code[:2], code[2:4], code[4:6], code[6:]]
    return ".".join(p for p in parts if p)


def hatch_lines(geoms: Collection, spacing: float) -> tuple[list[float | None], list[float | None]]:
    """``(lons, lats)`` of diagonal hatching (45°, ``spacing`` degrees apart)
    clipped to ``geoms``, segments separated by ``None``: drawn over the
    areas whose rate rests on too few children."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    for geom in geoms:
        if geom is None or geom.is_empty:
            continue
        minx, miny, maxx, maxy = geom.bounds
        start = math.floor((minx - maxy) / spacing) * spacing
        # the lines x - y = c that cross the bounding box
        lines = [LineString([(c + miny, miny), (c + maxy, maxy)])
                 for c in np.arange(start, maxx - miny + spacing, spacing)]
        for piece in shapely.get_parts(shapely.intersection(geom, shapely.MultiLineString(lines))):
            if piece.geom_type != "LineString" or piece.is_empty:
                continue
            xy = shapely.get_coordinates(piece)
            lons.extend(np.round(xy[:, 0], 4).tolist())
            lats.extend(np.round(xy[:, 1], 4).tolist())
            lons.append(None)
            lats.append(None)
    return lons, lats


def drill_map(
    table: pd.DataFrame,
    shapes: gpd.GeoDataFrame,
    geojson: dict,
    level: str,
    round_label: str,
    lang: str = "id",
    *,
    borders: gpd.GeoDataFrame | None = None,
    lokus: Collection[str] = (),
    lokus_label: str | None = None,
    selected: str | None = None,
    labels: bool = False,
    height: int = 640,
) -> go.Figure:
    """Choropleth of kecamatan or desa by e-PPGBM prevalence class.

    Args:
        table: :func:`map_table` of the areas drawn (one row per feature of
            ``geojson``, same order as ``shapes``).
        shapes: the simplified shapes drawn (``code``, ``geometry``), used for
            hatching, lokus outlines and labels.
        geojson: :func:`kp2s_dashboard.geo.coverage.feature_collection` of
            ``shapes`` (features keyed by ``id``).
        level: ``"kecamatan"`` or ``"desa"`` (what the areas are).
        round_label: the measurement round, for the source note (``e-PPGBM 2024-08``).
        borders: optional shapes whose borders are drawn over the areas (the
            districts on a province map, the kecamatan on a district map).
        lokus: codes (digits) of the desa lokus to outline.
        lokus_label: legend text of the lokus outline (e.g. ``Desa lokus 2024``).
        selected: code of an area to outline in black.
        labels: draw the areas' names (with the count of a small
            denominator) when there are at most :data:`MAX_LABELS` areas;
            a name that would cover another is left out, the largest
            areas' names kept (:func:`~kp2s_dashboard.figures.map_labels.fitting_labels`).
        height: px.

    Returns:
        A figure whose first trace is the clickable choropleth (its points
        carry ``location`` = area code); legend = classes present, the
        small-denominator hatching and the lokus outline when any.
    """
    fig = go.Figure()
    template, custom = hover_data(table, level, lang, lokus)
    index = {k: i for i, k in enumerate(MAP_CLASSES)}
    n = len(MAP_CLASSES)
    scale = []
    for i, key in enumerate(MAP_CLASSES):
        colour = SMALL_N_COLOUR if key == SMALL_N else COLOURS[key]
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    fig.add_trace(go.Choropleth(
        geojson=geojson,
        locations=table["code"].tolist(),
        z=[index[k] for k in table["klass"]],
        zmin=-0.5, zmax=n - 0.5, colorscale=scale, showscale=False, showlegend=False,
        marker={"line": {"color": "white", "width": 0.6 if level == "desa" else 1.0}},
        customdata=custom,
        hovertemplate=template,
        name=t(f"wil.level_{level}", lang),
    ))
    for key in MAP_CLASSES:  # legend entries (empty traces)
        if key == SMALL_N or not (table["klass"] == key).any():
            continue
        fig.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", name=class_label(key, lang),
                                    marker={"symbol": "square", "size": 14, "color": COLOURS[key]},
                                    hoverinfo="skip", showlegend=True))
    by_code = shapes.set_index(shapes["code"].astype(str)).geometry
    small = table.loc[table["klass"] == SMALL_N, "code"]
    if len(small):
        minx, miny, maxx, maxy = shapes.total_bounds
        lons, lats = hatch_lines([by_code[c] for c in small], max(maxx - minx, maxy - miny) / 110)
        fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="lines", hoverinfo="skip",
                                    line={"color": HATCH_COLOUR, "width": 1},
                                    name=t("wil.legend_small_n", lang), showlegend=True))
    if borders is not None and len(borders):
        lons, lats = outline_paths(borders)
        fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="lines", hoverinfo="skip", showlegend=False,
                                    line={"color": BORDER_COLOUR, "width": 1.6}, name="borders"))
    marked = [c for c in table["code"] if c in set(lokus)]
    if marked:
        lons, lats = outline_paths(shapes[shapes["code"].astype(str).isin(marked)])
        fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="lines", hoverinfo="skip",
                                    line={"color": LOKUS_COLOUR, "width": 2.6 if len(table) <= 400 else 1.4},
                                    name=lokus_label or t("wil.legend_lokus", lang), showlegend=True))
    if selected is not None and selected in by_code.index:
        lons, lats = outline_paths(shapes[shapes["code"].astype(str) == selected])
        fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="lines", hoverinfo="skip", showlegend=False,
                                    line={"color": "#000000", "width": 3.2}, name="selected"))
    if labels and len(table) <= MAX_LABELS:
        points = shapes.geometry.representative_point()
        drawn = [name + (f"<br>n={_count(m, lang)}" if k == SMALL_N else "")
                 for name, m, k in zip(table["name"], table["measured"], table["klass"])]
        # a name that would cover another is left out (still in the hover box and the table): largest areas first
        keep = fitting_labels(points.x.tolist(), points.y.tolist(), drawn, shapely.area(shapes.geometry.values).tolist(),
                              tuple(shapes.total_bounds), plot_height=height - MARGIN_TOP - MARGIN_BOTTOM,
                              font_size=LABEL_SIZE)
        fig.add_trace(go.Scattergeo(lon=np.round(points.x[keep], 4), lat=np.round(points.y[keep], 4),
                                    text=[safetext.plotly(name) + (f"<br>n={_count(m, lang)}" if k == SMALL_N else "")
                                          for name, m, k, kept in zip(table["name"], table["measured"],
                                                                      table["klass"], keep) if kept],
                                    mode="text", hoverinfo="skip", showlegend=False,
                                    textfont={"size": LABEL_SIZE, "color": "#111111", "family": FONT}))
    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    _base_layout(fig, lang, height)
    fig.update_layout(
        legend={"orientation": "h", "x": 0.0, "y": 1.0, "xanchor": "left", "yanchor": "bottom",
                "bgcolor": "rgba(255,255,255,0.85)", "title": {"text": t("map.legend_title", lang)}},
        margin={"l": 0, "r": 0, "t": MARGIN_TOP, "b": MARGIN_BOTTOM},
        clickmode="event+select",
        dragmode=False,
    )
    fig.add_annotation(
        text=t("wil.source_note", lang, round=safetext.plotly(round_label)),
        xref="paper", yref="paper", x=0, y=-0.01, showarrow=False, xanchor="left", yanchor="top",
        font={"size": 12, "color": "#555555"},
    )
    return fig
