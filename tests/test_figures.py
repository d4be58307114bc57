"""Figure builders and the numbers behind them, on the real embedded data."""

import pandas as pd
import pytest

from kp2s_dashboard.store import datastore
from kp2s_dashboard import geo
from kp2s_dashboard.prevalence import summary
from kp2s_dashboard.prevalence.classes import COLOURS, NO_DATA_COLOUR, classify
from kp2s_dashboard.figures.prevalence import change_bars, choropleth, class_count_bars, to_geojson, trend
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.prevalence.targets import load_targets, targets_for


@pytest.fixture(scope="module")
def table():
    return load_prevalence(datastore.current("prevalence").path).table


@pytest.fixture(scope="module")
def targets():
    return load_targets(datastore.current("targets").path)


@pytest.fixture(scope="module")
def geojson():
    return to_geojson(geo.simplify_for_display(geo.load_boundaries()))


def test_class_thresholds_are_lower_inclusive():
    values = pd.Series([0.0, 2.49, 2.5, 9.99, 10.0, 19.99, 20.0, 29.99, 30.0, 41.7, None], dtype="float64")
    assert classify(values).tolist() == [
        "very_low", "very_low", "low", "low", "medium", "medium", "high", "high", "very_high", "very_high", "no_data"
    ]


def test_colours_follow_bkkbn_words():
    assert COLOURS["medium"] == "#2e9d4f"  # hijau 10–20
    assert COLOURS["high"] == "#f2c12e"  # kuning 20–30
    assert COLOURS["very_high"] == "#d62d20"  # merah >= 30
    assert COLOURS["no_data"] == NO_DATA_COLOUR


def test_ssgi_2022_map_marks_missing_districts_as_no_data(table, geojson):
    round_table = summary.district_round(table, "ssgi", 2022)
    fig = choropleth(round_table, geojson, "id", selected="6304")
    by_name = {tr.name: tr for tr in fig.data if tr.type == "choropleth" and tr.name != "selected"}
    no_data = by_name["Tidak ada data"]
    assert sorted(no_data.locations) == ["6301", "6308", "6310", "6311"]
    assert no_data.colorscale[0][1] == NO_DATA_COLOUR
    very_high = by_name["Sangat tinggi (≥ 30%)"]
    assert sorted(very_high.locations) == ["6302", "6304", "6307"]  # 31.6, 33.6, 31.01
    assert very_high.colorscale[0][1] == COLOURS["very_high"]
    assert "6305" in by_name["Sedang (10–< 20%)"].locations  # Tapin 14.5
    shown = [loc for tr in by_name.values() for loc in tr.locations]
    assert sorted(shown) == sorted(summary.district_round(table, "ssgi", 2022)["code"])  # all 13, once each
    assert len(shown) == 13
    hover = dict(zip(very_high.locations, very_high.customdata))
    assert tuple(hover["6304"]) == ("Barito Kuala", "33,6%", "SSGI 2022")
    assert fig.layout.separators == ",."
    features = {f["properties"]["code"] for f in geojson["features"]}
    assert len(features) == 13


def test_ssgi_2021_banjar_is_red_and_english_labels(table, geojson):
    fig = choropleth(summary.district_round(table, "ssgi", 2021), geojson, "en")
    red = next(tr for tr in fig.data if tr.name == "Very high (≥ 30%)")
    assert "6303" in red.locations
    assert fig.layout.separators == ".,"
    no_data = next(tr for tr in fig.data if tr.name == "No data")
    assert list(no_data.locations) == ["6372"]  # Banjarbaru: no SSGI 2021 figure


def test_class_counts_ssgi_2024(table):
    counts = summary.class_counts(summary.district_round(table, "ssgi", 2024)).set_index("klass")
    assert counts.loc["very_high", "n"] == 1 and counts.loc["very_high", "names"] == "Banjar"  # 32.3
    assert counts.loc["medium", "n"] == 6
    assert counts.loc["high", "n"] == 6
    assert counts.loc["no_data", "n"] == 0
    fig = class_count_bars(counts.reset_index(), "id")
    assert list(fig.data[0].x)[::-1] == counts["n"].tolist()


def test_biggest_changes_ski_2023_to_ssgi_2024(table):
    changes = summary.change_between(table, ("ski", 2023), ("ssgi", 2024))
    first = changes.iloc[0]
    assert (first["name"], first["before"], first["after"], first["change_pp"]) == ("Tanah Laut", 41.7, 22.5, -19.2)
    last = changes.iloc[-1]
    assert last["name"] == "Hulu Sungai Tengah" and last["change_pp"] == pytest.approx(6.6)  # 13.0 -> 19.6
    assert "Balangan" not in set(changes["name"])  # no SKI 2023 figure
    fig = change_bars(changes, "SKI 2023", "SSGI 2024", "id")
    assert fig.data[0].marker.color[-1] == "#2e9d4f"  # biggest fall drawn on top, green


def test_trend_keeps_register_out_of_survey_panel(table, targets):
    codes = ["6309", "63", "00"]
    fig = trend(table, codes, targets_for(targets, "6309"), "id")
    assert fig.layout.meta["panels"] == 2
    for tr in fig.data:
        if tr.name and tr.name.endswith("(e-PPGBM)"):
            assert tr.yaxis == "y2"
        elif tr.legendgroup in codes:
            assert tr.yaxis == "y"
    tabalong = next(tr for tr in fig.data if tr.name == "Tabalong")
    assert list(tabalong.x) == [2021, 2022, 2023, 2024]
    assert list(tabalong.y) == [28.2, 19.7, 18.1, 23.1]
    assert list(tabalong.marker.symbol) == ["circle", "circle", "square", "circle"]  # SSGI, SSGI, SKI, SSGI
    register = next(tr for tr in fig.data if tr.name == "Tabalong (e-PPGBM)")
    assert list(register.y) == [17.65, 11.51, 8.88, 7.89]
    target_points = {(c[2], y) for tr in fig.data if tr.legendgroup == "targets" for c, y in zip(tr.customdata, tr.y)}
    assert (2024, 14.0) in target_points and (2029, 14.2) in target_points
    assert (2045, 5.0) not in target_points  # beyond the default horizon
    long = trend(table, codes, targets_for(targets, "6309"), "id", until=2045)
    assert (2045, 5.0) in {(c[2], y) for tr in long.data if tr.legendgroup == "targets" for c, y in zip(tr.customdata, tr.y)}
    # two plans with a 2024 target (Perpres 72/2021, TPPS/Bappeda...) are drawn side by side, not on top of each other
    xs_2024 = sorted(x for tr in fig.data if tr.legendgroup == "targets" for x, c in zip(tr.x, tr.customdata) if c[2] == 2024)
    assert len(xs_2024) == len(set(xs_2024))


def test_trend_without_register_has_one_panel(table):
    fig = trend(table, ["6310"], None, "en")
    assert fig.layout.meta["panels"] == 1
    assert list(next(tr for tr in fig.data if tr.name == "Tanah Bumbu").y) == [18.7, 25.1, 21.6]


def test_targets_for_district_and_conflicts(targets):
    kotabaru = targets_for(targets, "6302")
    assert set(kotabaru["scope"]) == {"national", "district"}
    own = kotabaru[kotabaru["scope"] == "district"].iloc[0]
    assert (own["year"], own["target_pct"], bool(own["conflict"])) == (2025, 18.8, True)
    province = targets_for(targets, "63")
    both_2024 = province[(province["scope"] == "province") & (province["year"] == 2024)]
    assert sorted(both_2024["target_pct"]) == [14.0, 17.27]


def test_default_target_labels_keep_conflicting_provincial_targets(targets):
    from kp2s_dashboard.prevalence.targets import default_labels

    national = ["Perpres 72/2021", "RPJMN 2025–2029", "RPJPN 2025–2045"]
    assert default_labels(targets_for(targets, "63"), 2024) == national + ["BKKBN (RAN-PASTI)", "Bappeda Kalsel"]
    assert default_labels(targets_for(targets, "6310"), 2024) == national + ["RPJMD"]
    assert default_labels(targets_for(targets, "6301"), 2024) == national


def test_map_sends_each_district_shape_once(table, geojson):
    """Each choropleth trace carries only the shapes of the districts it
    draws, so the figure sent to the browser holds every shape once (plus
    the outline of the selected district), not once per class."""
    import json

    from kp2s_dashboard.figures import assessment_map as fa

    fig = choropleth(summary.district_round(table, "ssgi", 2022), geojson, "id", selected="6304")
    traces = [tr for tr in fig.data if tr.type == "choropleth"]
    assert len(traces) >= 3
    for tr in traces:
        assert sorted(f["properties"]["code"] for f in tr.geojson["features"]) == sorted(tr.locations)
    sent = [f["properties"]["code"] for tr in traces for f in tr.geojson["features"]]
    assert sorted(sent) == sorted([f["properties"]["code"] for f in geojson["features"]] + ["6304"])
    one = len(json.dumps(geojson))
    sent_shapes = sum(len(json.dumps(tr.geojson.to_plotly_json() if hasattr(tr.geojson, "to_plotly_json")
                                     else tr.geojson)) for tr in traces)
    assert sent_shapes < one * 1.3  # every shape once, plus the selected outline (was > 3 × with three classes)

    codes = sorted(f["properties"]["code"] for f in geojson["features"])
    scores = pd.DataFrame({"code": codes, "name": codes, "value": [None] + [50.0 + i for i in range(12)],
                           "score_pct": [None] + [50.0 + i for i in range(12)], "total": float("nan"),
                           "rank": float("nan"),
                           "metric": "score_pct"})
    fig = fa.choropleth(scores, geojson, "id", selected="6309")
    assert [tr.locations[0] for tr in fig.data if tr.type == "choropleth"][1:] == [codes[0], "6309"]
    for tr in fig.data:
        if tr.type == "choropleth":
            assert sorted(f["properties"]["code"] for f in tr.geojson["features"]) == sorted(tr.locations)


def test_trend_legend_below_and_titles_that_fit_a_phone(table, targets):
    """Issue 15, phone: at 390 px a legend beside the plot took half the
    width and the centred panel titles were cut at both ends; years were
    forced every 1–2 years and printed over each other."""
    fig = trend(table, ["6305", "63", "00"], targets_for(targets, "6305"), "id")
    legend = fig.layout.legend
    assert (legend.orientation, legend.yanchor) == ("h", "top") and legend.y < 0  # in rows under the plot
    titles = [a.text for a in fig.layout.annotations if a.yref == "paper"]
    assert [x.replace("<br>", " ") for x in titles] == [
        "Survei: Riskesdas, SSGBI, SSGI, SKI", "e-PPGBM (pencatatan rutin, tidak sebanding dengan survei)"]
    assert max(len(line) for x in titles for line in x.split("<br>")) <= 40
    assert {(a.x, a.xanchor) for a in fig.layout.annotations if a.yref == "paper"} == {(0, "left")}
    assert fig.layout.xaxis.dtick is None and fig.layout.xaxis.tickmode == "auto" and fig.layout.xaxis.tickangle == 0
    # zoom and hidden legend entries survive a rerun that adds or removes a compared series
    assert fig.layout.uirevision == trend(table, ["6305"], None, "id").layout.uirevision == "trend-6305"
    assert trend(table, ["6306"], None, "id").layout.uirevision != fig.layout.uirevision


def test_trend_rings_tapins_implausible_2022_drop_as_target_and_profil_do(table):
    """Issue 15 item 5: Tapin's SSGI 2021 33,5 % → 2022 14,5 % (−19 points, bound 10) carries the
    implausible-change flag on the trend (page and slide), with the words Target and Profil use."""
    fig = trend(table, ["6305", "63"], None, "id")
    flag = next(tr for tr in fig.data if tr.meta == "flag")
    assert list(flag.x) == [2022] and list(flag.y) == [14.5]
    assert flag.name == "⚠ perubahan tidak wajar — periksa sumber" and flag.yaxis == "y"
    assert list(flag.customdata[0]) == ["Tapin", 2021, "33,5%", "14,5%", "−19,0"]  # the tooltip
    assert not [tr for tr in trend(table, ["6310"], None, "id").data if tr.meta == "flag"]  # Tanah Bumbu: none


def _label_gaps_px(fig, panel_px: float) -> tuple[list, float]:
    """The target labels of a trend figure and the least distance in px
    between two of them on a survey panel ``panel_px`` high."""
    labels = [a for a in fig.layout.annotations if a.name == "target_label"]
    top = fig.layout.yaxis.range[1]
    ys = sorted(a.y for a in labels)
    gaps = [(b - a) / top * panel_px for a, b in zip(ys, ys[1:])]
    return labels, min(gaps, default=float("inf"))


def test_trend_target_labels_sit_in_the_right_margin_and_never_overprint(table, targets):
    """Issue 15: on the Tren page of the province the target labels "21,5% ⚠ 25,7% 18,1% 17,3% 14,0%" were
    written beside their markers and overprinted each other and the lines around 2022–2025. They are now
    in the right margin (no line there), each at least a label's height (1.3 × 12 px) from the next on a
    survey panel of the least height the figure assumes (0.3 × 700 px), and name their year."""
    from kp2s_dashboard.prevalence.targets import default_labels

    applicable = targets_for(targets, "63")
    shown = applicable[applicable["label"].isin(default_labels(applicable, 2024))]
    fig = trend(table, ["63", "00"], shown, "id")
    labels, least = _label_gaps_px(fig, 700 * 0.3)
    points = [(int(c[2]), y) for tr in fig.data if tr.legendgroup == "targets" for c, y in zip(tr.customdata, tr.y)]
    assert len(labels) == len(points) == 8
    assert least >= 12 * 1.3 - 1e-6, least
    texts = {a.text for a in labels}
    assert {"<b>2022: 25,7%</b>", "<b>2023: 21,5% ⚠</b>", "<b>2024: 17,3% ⚠</b>", "<b>2023: 18,1% ⚠</b>",
            "<b>2024: 14,0% ⚠</b>", "<b>2024: 14,0%</b>", "<b>2025: 18,8%</b>", "<b>2029: 14,2%</b>"} == texts
    assert {(a.x, a.xref, a.xanchor) for a in labels} == {(1, "paper", "left")}  # right of the plot: no line there
    assert all("text" not in tr.mode for tr in fig.data if tr.legendgroup == "targets")  # none beside a marker
    assert fig.layout.margin.r >= max(len(a.text) - 7 for a in labels) * 12 * 0.55  # the margin holds them
    # each label in its plan's colour, as near its marker as the others allow, inside the axis
    assert all(0 < a.y < fig.layout.yaxis.range[1] for a in labels)
    english = trend(table, ["63", "00"], shown, "en")
    assert "<b>2024: 17.3% ⚠</b>" in {a.text for a in english.layout.annotations if a.name == "target_label"}


def test_spread_keeps_labels_apart_and_near_their_values():
    from kp2s_dashboard.figures.labels import spread

    assert spread([10.0, 30.0], 2.0, 0.0, 50.0) == [10.0, 30.0]  # apart already: unmoved
    assert spread([14.0, 14.0, 14.2], 2.0, 0.0, 50.0) == pytest.approx([12.0, 14.0, 16.0], abs=0.1)
    assert spread([49.0, 49.5], 2.0, 0.0, 50.0) == [48.0, 50.0]  # kept under the top
    assert spread([0.5, 0.2], 2.0, 1.0, 50.0) == [3.0, 1.0]  # and over the bottom, in the values' order
