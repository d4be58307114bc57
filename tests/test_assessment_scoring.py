"""Totals, ranks and normalised scores, checked against values computed by hand
from the workbooks the tests write."""

from __future__ import annotations

import math

import openpyxl
import pandas as pd
import pytest
from test_assessment_builders import write_assessor_book, write_matrix

from kp2s_dashboard.assessment import load_workbook
from kp2s_dashboard.assessment import comparisons as cmp
from kp2s_dashboard.assessment import reductions
from kp2s_dashboard.assessment import scoring as sc

SECOND_ASSESSOR = [  # the same indicators, scored differently by a second panelist
    ("1.1", 1, 3, 10),
    ("1.2", 1, 3, 10),
    ("2.1", 2, 4, 20),
    ("3.1", 3, 3, 10),
    ("4.1", 4, 2, 10),
    ("5.1", 5, 4, 10),
    ("6.1", 6, 3, 10),
    ("7.1", 7, 3, 10),
    ("8.1", 8, 2, 10),
]


@pytest.fixture
def panel(tmp_path):
    """Tapin scored by two panelists, Balangan by one (ASSESSOR_ROWS)."""
    path = tmp_path / "panel.xlsx"
    write_assessor_book(
        path,
        [
            {"title": "P1 Tapin", "district": None, "assessor": "A"},
            {"title": "P2 Tapin", "district": None, "assessor": "B", "rows": SECOND_ASSESSOR},
            {"title": "P1 Balangan", "district": None, "assessor": "A"},
        ],
    )
    return load_workbook(path)


def test_district_totals_use_the_workbook_sums_combined_over_assessors(panel):
    totals = sc.district_totals(panel).set_index("code")
    # P1: 40+30+40+30+10+40+30+20 = 240 ('-' for 7.1); P2: 30+30+80+30+20+40+30+30+20 = 310
    assert totals.loc["6305", "total_workbook"] == 275.0
    # P1 left 7.1 not scored ('-'): a total computed from parts needs every part (issue 14, item 2)
    assert math.isnan(totals.loc["6305", "total_computed"])
    assert totals.loc["6305", "total_source"] == "workbook"
    assert totals.loc["6311", "total"] == 240.0
    assert totals.loc["6305", "n_scored"] == 17 and totals.loc["6305", "n_not_scored"] == 1
    # unweighted mean of the eight action scores: (81.25+75+75+37.5+100+75+75+50)/8
    assert totals.loc["6305", "score_pct"] == pytest.approx(71.09375)
    assert list(totals.index) == ["6305", "6311"]
    assert str(totals["total"].dtype) == "float64" and str(totals["rank_workbook"].dtype) == "Int64"


def test_action_scores_combine_assessors_then_weight_indicators(panel):
    scores = sc.action_scores(panel).set_index(["code", "action"])
    # indicator 1.1: mean(4,3)/4 = 87.5 %, 1.2: 75 %, equal Bobot 10 and 10
    assert scores.loc[("6305", 1), "score_pct"] == pytest.approx(81.25)
    assert scores.loc[("6305", 1), "weighting"] == "file"
    assert scores.loc[("6305", 1), "raw"] == "1.1: 4 / 3; 1.2: 3 / 3"
    # 7.1: '-' from P1 is missing, not zero: only P2's 3 counts
    assert scores.loc[("6305", 7), "score_pct"] == pytest.approx(75.0)
    assert math.isnan(scores.loc[("6311", 7), "score_pct"])
    assert scores.loc[("6311", 7), "n_scored"] == 0
    matrix = sc.action_matrix(panel)
    assert list(matrix.index) == ["6305", "6311"] and list(matrix.columns) == list(range(1, 9))
    assert matrix.loc["6311", 4] == pytest.approx(25.0)


def test_lagging_actions_and_district_vs_province(panel):
    lag = cmp.lagging_actions(panel, instrument=panel.instrument)
    assert list(lag["action"][:3]) == [4, 8, 2]
    first = lag.iloc[0]
    assert first["mean_pct"] == pytest.approx(31.25)  # Tapin 37.5, Balangan 25
    assert first["lowest_code"] == "6311"
    assert first["gap_to_best"] == pytest.approx(100 - 31.25)  # Aksi 5: both 100
    assert first["action_name"] == "Peraturan Bupati/Walikota tentang Percepatan Penurunan Stunting"
    assert lag.set_index("action").loc[7, "n_districts"] == 1
    vs = cmp.district_vs_province(panel, "6305").set_index("action")
    assert vs.loc[1, "district_pct"] == pytest.approx(81.25)
    assert vs.loc[1, "province_mean"] == pytest.approx(84.375)
    assert vs.loc[1, "best_pct"] == pytest.approx(87.5) and vs.loc[1, "best_codes"] == "6311"
    assert vs.loc[1, "gap_to_mean"] == pytest.approx(-3.125)
    assert vs.loc[3, "best_codes"] == "6305, 6311"
    with pytest.raises(KeyError):
        cmp.district_vs_province(panel, "6371")


def test_assessor_spread(panel):
    items = cmp.assessor_spread(panel).set_index("indicator")
    assert items.loc["2.1", "spread_pct"] == pytest.approx(50.0)  # 2 vs 4 on 1–4
    assert items.loc["1.1", "min_pct"] == 75.0 and items.loc["1.1", "max_pct"] == 100.0
    assert "7.1" not in items.index  # only one panelist scored it
    assert set(items["code"]) == {"6305"}
    per_district = cmp.assessor_spread(panel, by="district").set_index("code")
    assert per_district.loc["6305", "n_items"] == 8
    assert per_district.loc["6305", "mean_spread_pct"] == pytest.approx(12.5)
    assert per_district.loc["6305", "max_spread_pct"] == pytest.approx(50.0)


def test_ranking_with_change_since_previous(panel, tmp_path):
    totals = sc.district_totals(panel)
    previous = pd.DataFrame({"year_assessed": [2024, 2024], "code": ["6305", "6311"], "rank": [2, 1], "source": ["published", "published"]})
    ranked = sc.ranking(totals, 2025, previous=previous)
    assert list(ranked["code"]) == ["6305", "6311"]
    assert list(ranked["rank"]) == [1, 2]
    assert list(ranked["rank_change"]) == [1, -1]
    assert list(ranked["previous_year_assessed"]) == [2024, 2024]
    assert set(ranked["previous_source"]) == {"published"}
    # an earlier workbook beats a published rank of the same year
    path = tmp_path / "2024.xlsx"
    write_assessor_book(
        path,
        [
            {"title": "P1 Tapin", "district": None, "assessor": "A"},
            {"title": "P1 Balangan", "district": None, "assessor": "A", "rows": SECOND_ASSESSOR},
        ],
    )
    earlier = sc.district_totals(load_workbook(path, year_assessed=2024))
    both = pd.concat([earlier, totals], ignore_index=True)
    ranked = sc.ranking(both, 2025, previous=previous).set_index("code")
    assert ranked.loc["6305", "rank_previous"] == 2 and ranked.loc["6305", "previous_source"] == "workbook"
    assert ranked.loc["6311", "rank_change"] == -1


def test_ranking_ties_and_missing_totals():
    totals = pd.DataFrame(
        {
            "year_assessed": pd.array([2025] * 4, dtype="Int64"),
            "period": pd.array([2024] * 4, dtype="Int64"),
            "code": ["6301", "6302", "6303", "6304"],
            "name": ["Tanah Laut", "Kotabaru", "Banjar", "Barito Kuala"],
            "total": [80.0, 90.0, 80.0, math.nan],
            "total_source": ["workbook", "workbook", "workbook", "none"],
            "rank_workbook": pd.array([2, 1, 2, None], dtype="Int64"),
            "score_pct": [70.0, 60.0, 50.0, 40.0],
        }
    )
    ranked = sc.ranking(totals, 2025)
    assert list(ranked["code"]) == ["6302", "6301", "6303", "6304"]
    assert list(ranked["rank"].astype("float").fillna(-1)) == [1, 2, 2, -1]
    by_mean = sc.ranking(totals, 2025, by="score_pct")
    assert list(by_mean["code"]) == ["6301", "6302", "6303", "6304"]


def test_component_breakdown_and_computed_final(tmp_path):
    path = tmp_path / "komponen.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Tahun penilaian : 2025"
    for col, text in enumerate(["No", "Kabupaten/Kota", "Dokumen (60%)", "Paparan (40%)", "Nilai Akhir"], start=1):
        ws.cell(2, col, text)
    ws.append([1, "Tapin", 90, 80, 86])
    ws.append([2, "HSS", 70, 95, 81])  # the parts give 80
    wb.save(path)
    result = load_workbook(path)
    parts = cmp.component_breakdown(result).set_index(["code", "component"])
    assert parts.loc[("6305", "dokumen"), "contribution"] == pytest.approx(54.0)
    assert parts.loc[("6305", "paparan"), "contribution"] == pytest.approx(32.0)
    assert parts.loc[("6306", "paparan"), "weight"] == pytest.approx(0.4)
    totals = sc.district_totals(result).set_index("code")
    assert totals.loc["6306", "total_workbook"] == 81.0
    assert totals.loc["6306", "total_computed"] == pytest.approx(80.0)
    assert totals.loc["6306", "total_source"] == "workbook"


def test_no_total_and_no_weights_gives_no_ranking(tmp_path):
    path = tmp_path / "matriks.xlsx"
    write_matrix(path)
    result = load_workbook(path)
    totals = sc.district_totals(result)
    assert set(totals["total_source"]) == {"none"}
    assert totals["total"].isna().all()
    assert sc.ranking(totals, 2021)["rank"].isna().all()
    scores = sc.normalise(result.scores)
    assert set(zip(scores["raw"], scores["score_pct"])) == {("A", 100.0), ("B", 75.0), ("C", 50.0), ("D", 25.0)}


def test_several_components_with_actions_need_a_choice(tmp_path):
    path = tmp_path / "dua.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Tahun penilaian : 2025"
    ws["A3"], ws["B3"], ws["C3"], ws["E3"] = "No", "Kabupaten/Kota", "Dokumen", "Paparan"
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:D3")
    ws.merge_cells("E3:F3")
    ws["C4"], ws["D4"], ws["E4"], ws["F4"] = "Aksi 1", "Aksi 2", "Aksi 1", "Aksi 2"
    ws.append([1, "Tapin", 50, 60, 70, 80])
    wb.save(path)
    result = load_workbook(path)
    assert sc.action_components(result) == ["dokumen", "paparan"]
    with pytest.raises(ValueError):
        sc.action_scores(result)
    paparan = sc.action_scores(result, component="paparan").set_index("action")
    assert paparan.loc[2, "score_pct"] == 80.0
    assert cmp.component_breakdown(result).set_index("component").loc["dokumen", "score_pct"] == 55.0


def test_grouped_reductions_equal_pandas_per_group():
    """The column-wise reductions behind the scoring functions give, bit for
    bit, what pandas gives group by group (NaN dropped, row order kept), for
    groups of 1 to 30 values, so vectorising did not move any score."""
    import numpy as np

    rng = np.random.default_rng(63)
    for trial in range(60):
        n = int(rng.integers(1, 12))
        gid = np.repeat(np.arange(n), rng.integers(0, 30, n))
        rng.shuffle(gid)
        values = rng.choice([83.33, 66.67, 12.5, 100 / 3, 0.1, 0.7], len(gid)) * rng.random(len(gid)) * 100
        values[rng.random(len(gid)) < 0.2] = np.nan
        series = pd.Series(values)
        for how in ("mean", "median", "sum", "min", "max"):
            got = reductions._reduce(gid, values, n, how)
            for g in range(n):
                part = series[gid == g].dropna()
                expected = math.nan if part.empty else float(getattr(part, how)())
                assert (math.isnan(expected) and math.isnan(got[g])) or got[g] == expected, (how, len(part))
    with pytest.raises(ValueError):
        reductions._reduce(np.zeros(2, dtype="int64"), np.ones(2), 1, "mode")


def test_scores_equal_but_for_float_noise_share_a_rank():
    # found by the property test: one mean summed in two orders (41.666666666666664 vs 41.66666666666667)
    # is shown as 41,67 for both districts, so both must rank 1st
    from kp2s_dashboard.assessment.scoring import _rank

    values = pd.Series([41.666666666666664, 41.66666666666667, 25.0])
    assert values[0] != values[1]
    assert _rank(values).tolist() == [1, 1, 3]
