"""Figure builders and display tables of the assessment views, on the
synthetic demonstration workbooks in data/demo (values checked against the
workbooks and the published results in data/kp2s_results.csv)."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from kp2s_dashboard.store import datastore
from kp2s_dashboard import geo, paths
from kp2s_dashboard.figures import assessment as fa
from kp2s_dashboard.assessment import summary as sa
from kp2s_dashboard.assessment import combine_results, load_workbook, published_ranks
from kp2s_dashboard.assessment import comparisons as cmp
from kp2s_dashboard.assessment import scoring as sc
from kp2s_dashboard.prevalence.classes import NO_DATA_COLOUR
from kp2s_dashboard.figures.prevalence import to_geojson

DEMO = paths.PROJECT_DIR / "data" / "demo"


@pytest.fixture(scope="module")
def rekap():
    return load_workbook(DEMO / "contoh_rekap_2024.xlsx")


@pytest.fixture(scope="module")
def matrix():
    return load_workbook(DEMO / "contoh_matriks_2024.xlsx")


@pytest.fixture(scope="module")
def penilai():
    return load_workbook(DEMO / "contoh_penilai_2024.xlsx")


@pytest.fixture(scope="module")
def rekap_views(rekap):
    """The demo rekap's views as for a real workbook (``synthetic`` cleared),
    so that the change since the published ranks is computed: for sample
    data it never is (``test_sample_ranks_are_not_compared_with_published_ones``)."""
    return sa.build_views(dataclasses.replace(rekap, synthetic=False), previous=published_ranks())


def test_sample_ranks_are_not_compared_with_published_ones(rekap):
    assert rekap.synthetic
    ranking = sa.build_views(rekap, previous=published_ranks()).ranking
    assert ranking["rank_previous"].isna().all() and ranking["rank_change"].isna().all()
    assert not (ranking["previous_source"] == "published").any() and set(ranking["previous_url"]) == {""}
    fig = fa.ranking_bars(ranking, "id", selected="6306")
    assert fig.data[0].text[0] == "1 · 171,6"


def cell(fig, district: str, action: int):
    """(trace index, value, text, customdata) of a heatmap cell."""
    heat = [tr for tr in fig.data if tr.type == "heatmap"]
    i = list(heat[0].y).index(district)
    j = list(heat[0].x).index(f"Aksi {action}") if f"Aksi {action}" in heat[0].x else list(heat[0].x).index(f"Action {action}")
    for k, tr in enumerate(heat):
        value = tr.z[i][j]
        if value is not None:
            return k, value, tr.text[i][j], tr.customdata[i][j]
    raise AssertionError("no trace holds the cell")


def test_datastore_lists_the_three_demo_workbooks():
    names = [f.name for f in datastore.current_files("assessment")]
    assert names == ["contoh_matriks_2024.xlsx", "contoh_penilai_2024.xlsx", "contoh_rekap_2024.xlsx"]
    assert datastore.current("published").name == "kp2s_results.csv"


def test_heatmap_values_tooltip_and_grey_unscored_cell(rekap_views):
    fig = fa.heatmap(rekap_views.action_scores, "id", action_names={1: "Analisis Situasi"}, synthetic=True,
                     source="contoh_rekap_2024.xlsx")
    # Tanah Laut, Aksi 1 is 69,07 in cell C9 of the demo rekap: white text on the dark half of the scale
    trace, value, text, custom = cell(fig, "Tanah Laut", 1)
    assert value == pytest.approx(69.07) and trace == 1 and text == "69,1"
    assert fig.data[1].textfont.color == "white" and fig.data[0].textfont.color == "#1a1a1a"
    assert custom[0] == "Tanah Laut" and custom[1] == "Aksi 1 Analisis Situasi" and custom[3] == "69,07"
    # Tapin's Aksi 1 (48,95) is below 60: dark text trace
    trace, value, text, _ = cell(fig, "Tapin", 1)
    assert (trace, value, text) == (0, pytest.approx(48.95), "49,0")
    # Balangan's Aksi 8 is '-' in the file: grey cell, never a zero
    grey = fig.data[2]
    assert grey.name == "tidak dinilai" and list(grey.colorscale[0])[1] == NO_DATA_COLOUR
    i, j = list(grey.y).index("Balangan"), list(grey.x).index("Aksi 8")
    assert grey.z[i][j] == 1 and all(tr.z[i][j] is None for tr in fig.data[:2])
    assert grey.customdata[i][j][2] == "tidak dinilai" and grey.customdata[i][j][3] == "-"
    assert (fig.data[0].zmin, fig.data[0].zmax) == (0, 100)
    assert [list(c) for c in fig.data[0].colorscale] == [[p, c] for p, c in fa.SCORE_SCALE]
    assert fig.layout.separators == ",." and "DATA CONTOH" in fig.layout.title.text
    assert list(fig.data[0].y)[:3] == ["Tanah Laut", "Kotabaru", "Banjar"]


def test_heatmap_in_english_and_indicator_tooltips(matrix):
    scores = sc.action_scores(matrix)
    fig = fa.heatmap(scores, "en")
    _, value, text, custom = cell(fig, "Tapin", 1)
    # Tapin's Aksi 1 in the matrix: ten letter grades, mean of 100 × grade ÷ 4
    rows = matrix.scores[(matrix.scores["code"] == "6305") & (matrix.scores["action"] == 1)]
    assert value == pytest.approx((100 * rows["score"] / 4).mean())
    assert text == f"{value:.1f}" and fig.layout.separators == ".,"
    assert custom[3].startswith("1.1: ") and custom[3].count("<br>") == 9
    assert custom[4].startswith("10 of 10 items scored")
    assert fig.layout.title.text is None


def test_ranking_bars_with_change_since_the_published_previous_rank(rekap_views):
    ranking = rekap_views.ranking
    tabalong = ranking[ranking["code"] == "6309"].iloc[0]
    # rank 1 in the demo file; published rank 1 in the assessment held in 2023
    assert (tabalong["rank"], tabalong["rank_previous"], tabalong["previous_year_assessed"]) == (1, 1, 2023)
    assert tabalong["previous_url"].startswith("https://kalsel.antaranews.com/")
    hss = ranking[ranking["code"] == "6306"].iloc[0]
    assert (hss["rank"], hss["rank_previous"], hss["rank_change"]) == (9, 1, -8)
    fig = fa.ranking_bars(ranking, "id", selected="6306")
    bar = fig.data[0]
    assert list(bar.y)[:3] == ["Tabalong", "Kotabaru", "Banjar"]
    assert bar.text[0] == "1 · 171,6 · = tetap"
    k = list(bar.y).index("Hulu Sungai Selatan")
    assert bar.text[k] == "9 · 142,0 · ▼ turun 8" and bar.marker.color[k] == fa.HIGHLIGHT
    assert bar.x[0] == pytest.approx(171.64)


def test_ranking_table_and_totals_table(rekap_views):
    table = sa.ranking_table(rekap_views, "id")
    first = table.iloc[0]
    assert first["Kabupaten/Kota"] == "Tabalong" and first["Peringkat"] == 1
    assert first["Nilai total"] == pytest.approx(171.64) and first["Asal nilai total"] == "total dari berkas"
    assert first["Perubahan peringkat"] == "= tetap" and first["Asal peringkat sebelumnya"] == "hasil dipublikasikan"
    shown = sa.for_display(table, "id", 2)
    assert shown.iloc[0]["Nilai total"] == "171,64"
    assert shown[shown["Kabupaten/Kota"] == "Kotabaru"].iloc[0]["Peringkat sebelumnya"] == "–"
    totals = sa.totals_table(rekap_views, "en")
    assert totals.loc[totals["District"] == "Tanah Laut", "Total in the file"].iloc[0] == pytest.approx(161.15)
    assert rekap_views.weights_unknown and rekap_views.has_totals


def test_lagging_bars_most_lagging_on_top(rekap, rekap_views):
    lag = rekap_views.lagging
    fig = fa.lagging_bars(lag, "id", action_names=sa.action_names(rekap.instrument, "id"))
    bar = fig.data[0]
    assert bar.y[0].startswith(f"Aksi {int(lag.iloc[0]['action'])} · ")
    assert bar.x[0] == pytest.approx(lag["mean_pct"].min())
    assert bar.error_x.array[0] == pytest.approx(lag.iloc[0]["max_pct"] - lag.iloc[0]["mean_pct"])
    assert bar.error_x.arrayminus[0] == pytest.approx(lag.iloc[0]["mean_pct"] - lag.iloc[0]["min_pct"])
    assert bar.marker.color[:3] == (fa.HIGHLIGHT,) * 3 and bar.marker.color[3] == fa.BAR
    # Aksi 8 of Balangan is not scored: 12 districts count for it
    assert int(lag.loc[lag["action"] == 8, "n_districts"].iloc[0]) == 12


def test_district_vs_province_against_mean_and_best(matrix):
    comparison = sa.district_comparison(matrix, "6305", 2024, None)
    fig = fa.district_vs_province(comparison, "6305", "id")
    district, mean, best = fig.data
    assert district.name == "Tapin" and district.y[0] == pytest.approx(30.0)
    assert mean.y[0] == pytest.approx(comparison.loc[0, "province_mean"])
    assert best.y[0] == pytest.approx(87.5) and best.customdata[0][1] == "Terbaik: 87,5 (Banjarmasin)"
    assert sa.district_comparison(matrix, "6305", 2024, "dokumen").empty


def test_component_bars_and_table(rekap, rekap_views):
    names = {c: sa.component_label(c, rekap.instrument, "id") for c in ("dokumen", "paparan")}
    fig = fa.component_bars(rekap_views.breakdown, "id", component_names=names, selected="6301")
    assert [tr.name for tr in fig.data] == [names["dokumen"], names["paparan"]]
    # Tanah Laut: dokumen = mean of C9:J9 = 79,3475; paparan = mean of three panelists = 81,8
    assert fig.data[0].y[0] == pytest.approx(79.3475) and fig.data[1].y[0] == pytest.approx(81.8)
    assert fig.data[0].marker.opacity[0] == 1.0 and fig.data[0].marker.opacity[1] == 0.35
    table = sa.breakdown_table(rekap_views, rekap.instrument, "en")
    assert set(table["Basis"]) == {"mean of actions", "component score"} and table["Weight"].isna().all()


def test_spread_between_assessors(penilai, rekap):
    views = sa.build_views(penilai)
    spread = views.spread_districts
    assert len(spread) == 13 and (spread["n_items"] == 30).all()
    pd.testing.assert_frame_equal(spread.reset_index(drop=True), cmp.assessor_spread(penilai, by="district"),
                                  check_dtype=False)
    fig = fa.spread_by_district(spread, "id", selected="6304")
    assert fig.data[0].x[3] == "Barito Kuala" and fig.data[0].marker.color[3] == fa.HIGHLIGHT
    own = views.spread_items[views.spread_items["code"] == "6304"]
    items = fa.spread_items(own, "id")
    assert list(items.data[1].y)[0] == "1.1" and items.data[1].x[0] == pytest.approx(own.iloc[0]["mean_pct"])
    assert sa.build_views(rekap).spread_districts["n_items"].eq(1).all()  # the three panelists' Paparan


def test_map_table_and_choropleth_by_score_and_rank(rekap_views, matrix, geo_dir):
    gdf = geo.load_boundaries(geo.find_boundary_file())
    geojson = to_geojson(gdf)
    table = fa.map_table(rekap_views.totals, rekap_views.ranking, "rank")
    assert list(table["code"]) == sorted(table["code"]) and len(table) == 13
    assert int(table.loc[table["code"] == "6309", "value"].iloc[0]) == 1
    fig = fa.choropleth(table, geojson, "id", selected="6309", synthetic=True)
    z = dict(zip(fig.data[0].locations, fig.data[0].z))
    assert z["6309"] == -1 and z["6305"] == -13  # rank 1 darkest, on top of the colour bar
    assert list(fig.data[0].colorbar.ticktext)[:2] == ["1", "2"]
    by_score = fa.choropleth(fa.map_table(rekap_views.totals, rekap_views.ranking, "score_pct"), geojson, "en")
    assert dict(zip(by_score.data[0].locations, by_score.data[0].z))["6301"] == pytest.approx(79.3475)
    # a matrix form has no totals: it is ranked by the mean of its action cells (issue 14, item 4), which the
    # map by rank shows
    m = sa.build_views(matrix)
    assert m.basis == "action_mean"
    by_rank = fa.map_table(m.totals, m.ranking, "rank").set_index("code")
    assert int(by_rank.loc["6310", "value"]) == 1 and by_rank.loc["6310", "score_pct"] == pytest.approx(84.375)
    # a district without a value stays grey ("No data")
    rekap_less = rekap_views.ranking[rekap_views.ranking["code"] != "6301"]
    empty = fa.choropleth(fa.map_table(rekap_views.totals, rekap_less, "total"), geojson, "en")
    assert list(empty.data[1].locations) == ["6301"] and empty.data[1].name == "No data"
    with pytest.raises(ValueError):
        fa.map_table(rekap_views.totals, rekap_views.ranking, "colour")


def test_score_colour():
    assert fa.score_colour(math.nan) == NO_DATA_COLOUR
    assert fa.score_colour(100) == "rgb(8, 29, 88)"
    assert fa.score_colour(0) == "rgb(237, 248, 177)"


def test_combined_demo_files_offer_both_component_choices():
    results = [load_workbook(DEMO / n) for n in ("contoh_matriks_2024.xlsx", "contoh_penilai_2024.xlsx",
                                                  "contoh_rekap_2024.xlsx")]
    combined = combine_results(results)
    views = sa.build_views(combined, component=None)
    assert views.components == [None, "dokumen"] and views.component is None
    assert views.action_scores["basis"].eq("indicator").all()
    dok = sa.build_views(combined, component="dokumen")
    assert dok.action_scores["basis"].eq("action").all() and len(dok.action_scores) == 13 * 8
    assert (views.year_assessed, views.period) == (2024, 2023)
    assert sa.year_period_text(2024, 2023, "id") == "Tahun penilaian 2024 · periode kinerja yang dinilai 2023"


def test_display_numbers_follow_the_language_but_years_stay_plain(penilai):
    files = sa.files_table([sa.CheckedFile("contoh_penilai_2024.xlsx", penilai)], "id")
    shown = sa.for_display(files, "id").iloc[0]
    assert (shown["Tahun penilaian"], shown["Periode kinerja"]) == ("2024", "2023")
    assert shown["Sel nilai dibaca"] == "1.170" and shown["Ditolak"] == "0"
    assert sa.for_display(sa.files_table([sa.CheckedFile("x.xlsx", penilai)], "en"), "en").iloc[0]["Used"] == "1,170"


def test_map_labels_contrast_with_the_district_colour(rekap_views, geo_dir):
    gdf = geo.load_boundaries(geo.find_boundary_file())
    labels = pd.DataFrame({"code": gdf["code"].astype(str), "lon": gdf.geometry.representative_point().x,
                           "lat": gdf.geometry.representative_point().y})
    fig = fa.choropleth(fa.map_table(rekap_views.totals, rekap_views.ranking, "rank"), to_geojson(gdf), "id",
                        label_points=labels)
    colour = dict(zip(labels["code"], fig.data[-1].textfont.color))
    assert colour["6309"] == "white" and colour["6305"] == "#111111"  # rank 1 dark, rank 13 light
