"""The optional folium map (online) built from the same round table."""

from kp2s_dashboard.store import datastore
from kp2s_dashboard import geo
from kp2s_dashboard.prevalence import summary
from kp2s_dashboard.prevalence.classes import COLOURS, NO_DATA_COLOUR
from kp2s_dashboard.figures.prevalence import to_geojson
from kp2s_dashboard.figures.maps import district_map
from kp2s_dashboard.prevalence.loader import load_prevalence


def test_folium_map_colours_tooltips_and_selection():
    table = load_prevalence(datastore.current("prevalence").path).table
    geojson = to_geojson(geo.simplify_for_display(geo.load_boundaries()))
    fmap = district_map(summary.district_round(table, "ssgi", 2022), geojson, "id", selected="6305")
    layer = next(child for child in fmap._children.values() if child.__class__.__name__ == "GeoJson")
    features = {f["properties"]["code"]: f["properties"] for f in layer.data["features"]}
    assert len(features) == 13
    assert features["6304"]["colour"] == COLOURS["very_high"] and features["6304"]["value"] == "33,6%"
    assert features["6301"]["colour"] == NO_DATA_COLOUR and features["6301"]["value"] == "Tidak ada data"
    assert features["6305"]["round"] == "SSGI 2022"
    style = layer.style_function({"properties": features["6305"]})
    assert style["weight"] > layer.style_function({"properties": features["6303"]})["weight"]
    html = fmap.get_root().render()
    assert "tile.openstreetmap.org" in html
