"""folium map builder for the optional online map (OpenStreetMap tiles).

Returns a ``folium.Map``; never calls ``st_folium`` (the page does, with a
stable key and a narrow ``returned_objects`` so panning does not rerun the
app). Needs internet for Leaflet and tiles; the plotly map is the offline
default.
"""

from __future__ import annotations

import math

import folium
import pandas as pd

from kp2s_dashboard import safetext
from kp2s_dashboard.prevalence.classes import COLOURS
from kp2s_dashboard.i18n import fmt_pct, t
from kp2s_dashboard.prevalence.loader import SOURCE_LABELS


def district_map(round_table: pd.DataFrame, geojson: dict, lang: str = "id", selected: str | None = None) -> folium.Map:
    """Leaflet map of the districts coloured by class, tooltips with name,
    value, source and year; features carry ``code`` for click handling.

    Args:
        round_table: output of :func:`kp2s_dashboard.prevalence.summary.district_round`.
        geojson: FeatureCollection with ``properties.code``.
        selected: code of a district to outline in black.
    """
    by_code = round_table.set_index("code")
    features = []
    for feature in geojson["features"]:
        code = feature["properties"]["code"]
        row = by_code.loc[code] if code in by_code.index else None
        value = row["value_pct"] if row is not None else float("nan")
        klass = row["klass"] if row is not None else "no_data"
        props = {
            "code": code,
            # tooltips are HTML: names from a file are escaped
            "name": safetext.html_text(row["name"] if row is not None else code),
            "value": fmt_pct(value, lang) if not math.isnan(value) else t("class.no_data", lang),
            "round": f"{SOURCE_LABELS.get(row['source'], '')} {row['year']}" if row is not None else "",
            "colour": COLOURS[klass],
        }
        features.append({"type": "Feature", "properties": props, "geometry": feature["geometry"]})
    fmap = folium.Map(location=[-2.9, 115.5], zoom_start=8, tiles="OpenStreetMap", control_scale=True)
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="kabupaten/kota",
        style_function=lambda f: {
            "fillColor": f["properties"]["colour"],
            "color": "#111111" if f["properties"]["code"] == selected else "#ffffff",
            "weight": 3.5 if f["properties"]["code"] == selected else 1.2,
            "fillOpacity": 0.8,
        },
        highlight_function=lambda f: {"weight": 3, "color": "#333333"},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "value", "round"],
            aliases=[t("ui.district", lang), t("map.value", lang), t("map.round", lang)],
        ),
    ).add_to(fmap)
    fmap.fit_bounds(_bounds(geojson))
    return fmap


def _bounds(geojson: dict) -> list[list[float]]:
    lons, lats = [], []

    def walk(coords):
        if isinstance(coords[0], (int, float)):
            lons.append(coords[0])
            lats.append(coords[1])
        else:
            for c in coords:
                walk(c)

    for feature in geojson["features"]:
        walk(feature["geometry"]["coordinates"])
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
