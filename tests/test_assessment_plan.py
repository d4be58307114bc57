"""Issue 15, item 3: a district's action plan from the demo workbooks (data/demo), with its neighbours from the
boundaries (real, or the synthetic test shapes, which keep the real neighbour relations)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from kp2s_dashboard import geo
from kp2s_dashboard.assessment import plan as ap
from kp2s_dashboard.assessment.comparisons import district_vs_province
from kp2s_dashboard.assessment.instruments import load_instrument
from kp2s_dashboard.assessment.loaders import load_workbook
from kp2s_dashboard.assessment.result import combine_how, in_force
from kp2s_dashboard.assessment.views import build_views
from kp2s_dashboard.figures import assessment as fa
from kp2s_dashboard.figures import assessment_plan as fp
from kp2s_dashboard.figures.assessment_style import HIGHLIGHT

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
TAPIN, BANJAR, BATOLA, HSS = "6305", "6303", "6304", "6306"


@pytest.fixture(scope="module")
def workbooks():
    return [load_workbook(DEMO / name) for name in ("contoh_matriks_2024.xlsx", "contoh_penilai_2024.xlsx",
                                                    "contoh_rekap_2024.xlsx")]


@pytest.fixture(scope="module")
def neighbours(geo_dir):
    return geo.neighbours(geo.load_boundaries(geo_dir / "kalsel_kabupaten.geojson"))


def plan_of(workbooks, neighbours, choice=None, code=TAPIN, lang="id"):
    result = in_force(workbooks, choice).result
    views = build_views(result)
    return result, views, ap.district_plan(result, views, code, neighbours, lang)


def test_tapin_neighbours_and_largest_gaps_in_the_rekap(workbooks, neighbours):
    _, views, plan = plan_of(workbooks, neighbours)
    assert plan.neighbours == [BANJAR, BATOLA, HSS]
    g = plan.gaps
    # ordered by the gap to the province mean, largest shortfall first
    assert list(g["action"]) == [4, 3, 6, 1, 2, 7, 8, 5]
    assert list(g["priority"]) == [True, True, True, False, False, False, False, False]
    first = g.iloc[0]
    assert first["action_name"] == "Perbup/Perwal"
    assert first["district_pct"] == pytest.approx(55.72)
    assert first["province_mean"] == pytest.approx(77.924615, abs=1e-5)
    assert first["gap_to_province"] == pytest.approx(-22.204615, abs=1e-5)
    # Banjar 88.76, Barito Kuala 59.40, Hulu Sungai Selatan 75.68 on action 4
    assert first["neighbours_mean"] == pytest.approx(74.613333, abs=1e-5)
    assert first["gap_to_neighbours"] == pytest.approx(-18.893333, abs=1e-5)
    assert first["best_neighbour"] == "Banjar" and first["best_neighbour_pct"] == pytest.approx(88.76)
    assert g.iloc[1]["gap_to_province"] == pytest.approx(44.31 - 65.169231, abs=1e-5)
    # the summary file has one cell per action: the item behind it is the document review component
    assert list(plan.behind["action"]) == [4, 3, 6]
    assert plan.behind.iloc[0]["item"] == "Review dokumen / web Aksi Bangda"
    assert "Paling tertinggal" not in "\n".join(ap.priority_lines(plan, "id"))  # its own cell: nothing to add


def test_the_plan_uses_the_heatmap_cells_and_the_one_rank_definition(workbooks, neighbours):
    result, views, plan = plan_of(workbooks, neighbours)
    cells = views.action_scores[views.action_scores["code"] == TAPIN].set_index("action")["score_pct"]
    for row in plan.gaps.itertuples():
        assert row.district_pct == cells[row.action]
    # the mean of the plan's scores is the district_result mean the ranking and Profil show
    action_mean = float(views.ranking.set_index("code").loc[TAPIN, "action_mean"])
    assert plan.gaps["district_pct"].mean() == pytest.approx(action_mean)
    # the province mean per action is the Aksi page's lagging mean and the district-vs-province mean
    lagging = views.lagging.set_index("action")["mean_pct"]
    dvp = district_vs_province(result, TAPIN, views.component, combine_how(result)).set_index("action")
    for a in range(1, 9):
        assert plan.matrix.loc["province", a] == pytest.approx(lagging[a])
        assert plan.matrix.loc["province", a] == pytest.approx(dvp.loc[a, "province_mean"])
    assert list(plan.matrix.index) == [TAPIN, BANJAR, BATOLA, HSS, "province"]
    assert plan.matrix.loc[BANJAR, 4] == pytest.approx(88.76)


def test_the_matrix_file_names_the_indicators_behind_the_priorities(workbooks, neighbours):
    _, _, plan = plan_of(workbooks, neighbours, "matrix")
    assert list(plan.priorities["action"]) == [4, 8, 3]
    assert plan.priorities.iloc[0]["gap_to_province"] == pytest.approx(25.0 - 68.269231, abs=1e-5)
    assert plan.priorities.iloc[0]["best_neighbour"] == "Hulu Sungai Selatan"
    four = plan.behind[plan.behind["action"] == 4]
    assert list(four["item"]) == ["4.1", "4.2"]  # Tapin's D grades, 4.1 furthest below the province
    assert four.iloc[0]["district_pct"] == pytest.approx(25.0)
    assert four.iloc[0]["province_mean"] == pytest.approx(73.076923, abs=1e-5)
    lines = ap.priority_lines(plan, "id")
    assert lines[0] == ("**1. Aksi 4 Perbup/Perwal**: 25,0 — −43,3 poin dari rata-rata provinsi (68,3), −37,5 poin dari "
                        "rata-rata tetangga (62,5); tetangga terbaik Hulu Sungai Selatan (75,0).")
    assert lines[1] == "    - Paling tertinggal di dalamnya: 4.1 25,0 (provinsi 73,1); 4.2 25,0 (provinsi 63,5)"


def test_no_priority_when_the_district_is_above_the_mean_everywhere(workbooks, neighbours):
    _, _, plan = plan_of(workbooks, neighbours, "assessor")
    assert plan.priorities.empty and plan.behind.empty
    assert plan.gaps.iloc[0]["action"] == 3  # the smallest margin first
    assert plan.gaps.iloc[0]["gap_to_province"] == pytest.approx(3.653846, abs=1e-5)
    assert ap.priority_lines(plan, "en") == []


def test_without_boundaries_the_plan_compares_with_the_province_only(workbooks):
    _, _, plan = plan_of(workbooks, {}, lang="en")
    assert plan.neighbours == [] and list(plan.matrix.index) == [TAPIN, "province"]
    assert plan.gaps["gap_to_neighbours"].isna().all() and plan.gaps["best_neighbour"].eq("").all()
    assert list(plan.gaps["action"][:3]) == [4, 3, 6]
    table = ap.gap_table(plan, "en")
    assert "Gap to the neighbours' mean (points)" not in table.columns
    assert ap.priority_lines(plan, "en")[0].startswith("**1. Action 4 Regent's regulation**: 55.7 — −22.2 points")


def test_gap_table_keeps_the_gaps_next_to_the_action(workbooks, neighbours):
    _, _, plan = plan_of(workbooks, neighbours)
    table = ap.gap_table(plan, "id")
    assert list(table.columns[:3]) == ["Aksi", "Selisih dengan rata-rata provinsi (poin)",
                                       "Selisih dengan rata-rata tetangga (poin)"]
    assert table.iloc[0]["Aksi"] == "4. Perbup/Perwal" and table.iloc[0]["Prioritas"] == "★ prioritas"
    assert table.iloc[3]["Prioritas"] == ""
    wide = ap.neighbour_table(plan, {4: "Perbup/Perwal"}, "id")
    assert list(wide["Kabupaten/Kota"]) == ["Tapin", "Banjar", "Barito Kuala", "Hulu Sungai Selatan",
                                            "Rata-rata provinsi"]
    assert wide.loc[0, "4. Perbup/Perwal"] == pytest.approx(55.72)


def test_short_action_names_come_from_the_instrument():
    now, before = load_instrument(2024), load_instrument(2020)
    assert now.action_name(4, "id", short=True) == "Perbup/Perwal"
    assert now.action_name(4, "en", short=True) == "Regent's regulation"
    assert now.action_name(4, "id") == "Peraturan Bupati/Walikota tentang Percepatan Penurunan Stunting"
    assert before.action_name(5, "id", short=True) == "Pembinaan KPM"
    for year in range(2020, 2026):
        instrument = load_instrument(year)
        assert all(a.short and a.short_en and len(a.short) <= 24 for a in instrument.actions), year


def test_plan_figures(workbooks, neighbours):
    result, views, plan = plan_of(workbooks, neighbours)
    fig = fp.gap_bars(plan.gaps, TAPIN, "id", synthetic=True)
    province, near = fig.data[:2]
    assert list(province.y[:2]) == ["★ 4. Perbup/Perwal", "★ 3. Rembuk Stunting"]
    assert province.y[3] == "1. Analisis Situasi"
    assert list(province.marker.color[:4]) == [HIGHLIGHT, HIGHLIGHT, HIGHLIGHT, fp.BAR_MUTED]
    assert province.text[0] == "−22,2" and near.text[0] == "−18,9"
    assert fig.layout.xaxis.range[0] < -22.2 and fig.layout.xaxis.range[1] >= 0  # bars and labels stay inside
    assert "DATA CONTOH" in fig.layout.title.text  # the mark sits inside the figure
    short = {a.number: a.short for a in result.instrument.actions}
    heat = fp.neighbour_heatmap(plan.matrix, "id", short_names=short)
    assert list(heat.data[0].y) == ["Tapin", "Banjar", "Barito Kuala", "Hulu Sungai Selatan", "Rata-rata provinsi"]
    assert heat.data[0].x[3] == "4. Perbup/Perwal"
    assert heat.data[0].z[1][3] == pytest.approx(88.76)
    assert heat.data[1].text[1][3] == "88,8" and heat.data[0].text[1][3] == ""  # white text on the dark cell
    assert heat.data[0].text[0][2] == "44,3"
    main = fa.heatmap(views.action_scores, "id", short_names=short)
    assert main.data[0].x[6] == "7. Pengukuran<br>& Publikasi"
    assert not any(math.isnan(v) for v in plan.gaps["gap_to_province"])
