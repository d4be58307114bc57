"""Tests of kp2s_dashboard.prevalence.progress against the repo's real data.

Expected values are worked by hand in the comments (ln = natural log; every
rate in percent per year, every prevalence in percent).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kp2s_dashboard.prevalence import progress as P
from kp2s_dashboard.errors import DataError, KP2SError
from kp2s_dashboard.i18n.catalogue import CATALOGUE

DATA = Path(__file__).resolve().parent.parent / "data"
ENDPOINTS = P.SeriesOptions(method="endpoints")


@pytest.fixture(scope="module")
def prev() -> pd.DataFrame:
    return pd.read_csv(DATA / "prevalence.csv", dtype={"code": str})


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    return pd.read_csv(DATA / "targets.csv", dtype={"code": str})


@pytest.fixture(scope="module")
def rpjmn(targets):
    return P.default_targets(targets)


def _frame(rows):
    """A small prevalence table: rows of (code, year, source, value)."""
    return pd.DataFrame(
        {
            "code": [r[0] for r in rows],
            "year": [r[1] for r in rows],
            "source": [r[2] for r in rows],
            "indicator": "stunting",
            "value_pct": [float(r[3]) for r in rows],
            "source_url": "",
            "note": "",
        }
    )


# -----------------------------------------------------------------------------
# formulas
# -----------------------------------------------------------------------------
def test_aarr_two_points_kalsel_worked_example():
    # Kalsel SSGI 2021 30.0 -> SSGI 2024 22.9: 22.9/30 = 0.763333; ln = -0.270060;
    # /3 = -0.090020; e^ = 0.913913; 1 - 0.913913 = 0.08609 -> 8.61 %/yr
    assert P.aarr(30.0, 2021, 22.9, 2024) == pytest.approx(8.6087, abs=1e-3)


def test_required_aarr_kalsel_worked_examples():
    # to 14.2 in 2029: 14.2/22.9 = 0.620087; ln = -0.477895; /5 = -0.095579;
    # e^ = 0.908847 -> 9.115 %/yr
    assert P.required_aarr(22.9, 2024, 14.2, 2029) == pytest.approx(9.1153, abs=1e-3)
    # to 5 in 2045: 5/22.9 = 0.218341; ln = -1.521699; /21 = -0.072462;
    # e^ = 0.930101 -> 6.990 %/yr
    assert P.required_aarr(22.9, 2024, 5.0, 2045) == pytest.approx(6.9899, abs=1e-3)


def test_aarr_equal_values_is_zero_and_rising_is_negative():
    assert P.aarr(20.0, 2021, 20.0, 2024) == 0.0
    # Tanah Bumbu 18.7 (2021) -> 21.6 (2024): 21.6/18.7 = 1.155080; ln = 0.144170;
    # /3 = 0.048057; e^ = 1.049230 -> 1 - 1.049230 = -4.923 %/yr
    assert P.aarr(18.7, 2021, 21.6, 2024) == pytest.approx(-4.9230, abs=1e-3)


def test_aarr_rejects_same_year_and_nonpositive():
    with pytest.raises(DataError) as err:
        P.aarr(20.0, 2022, 19.0, 2022)
    assert err.value.key == "prog.err.same_year"
    with pytest.raises(DataError) as err:
        P.aarr(0.0, 2021, 19.0, 2022)
    assert err.value.key == "prog.err.nonpositive"


def test_loglinear_hss_four_rounds():
    # HSS 2021..2024: 29.1, 20.3, 25.4, 19.8. ln = 3.370738, 3.010621, 3.234749, 2.985682.
    # years centred: -1.5, -0.5, 0.5, 1.5 (sum of squares 5).
    # slope = (-1.5*3.370738 - 0.5*3.010621 + 0.5*3.234749 + 1.5*2.985682)/5
    #       = (-5.056107 - 1.505310 + 1.617375 + 4.478523)/5 = -0.465519/5 = -0.093104
    # AARR = 1 - e^-0.093104 = 1 - 0.911099 = 8.890 %/yr
    assert P.aarr_loglinear([2021, 2022, 2023, 2024], [29.1, 20.3, 25.4, 19.8]) == pytest.approx(8.8901, abs=1e-3)


def test_loglinear_equals_two_point_formula_for_two_points():
    assert P.aarr_loglinear([2021, 2024], [30.0, 22.9]) == pytest.approx(P.aarr(30.0, 2021, 22.9, 2024), abs=1e-12)


def test_loglinear_needs_two_years():
    with pytest.raises(DataError) as err:
        P.aarr_loglinear([2024], [22.9])
    assert err.value.key == "prog.err.too_few_points"


def test_required_aarr_target_already_met_is_negative_and_past_year_is_nan():
    # Tapin 13.2 (2024) vs 14.2 in 2029: 14.2/13.2 = 1.075758; ln = 0.073025; /5 = 0.014605;
    # e^ = 1.014712 -> -1.471 %/yr (it may rise 1.47 %/yr and still meet the target)
    assert P.required_aarr(13.2, 2024, 14.2, 2029) == pytest.approx(-1.4712, abs=1e-3)
    assert math.isnan(P.required_aarr(16.5, 2024, 14.0, 2024))
    assert math.isnan(P.required_aarr(16.5, 2024, 14.0, 2021))


def test_projection_and_year_reached_kalsel():
    rate = P.aarr(30.0, 2021, 22.9, 2024)  # 8.6087
    # 2029: 22.9 * 0.913913^5; ln 0.913913 = -0.090020 (x5 = -0.450101); e^ = 0.637564 -> 14.600
    assert P.project(22.9, 2024, rate, 2029) == pytest.approx(14.600, abs=1e-3)
    # 2045: x21 -> -1.890422; e^ = 0.151008 -> 3.458
    assert P.project(22.9, 2024, rate, 2045) == pytest.approx(3.458, abs=1e-3)
    # 5 %: ln(5/22.9) / ln(0.913913) = -1.521699 / -0.090020 = 16.90 years -> during 2041
    assert P.year_reached(22.9, 2024, rate, 5.0) == 2041


def test_projection_not_extrapolated_for_rising_prevalence():
    assert math.isnan(P.project(21.6, 2024, -4.92, 2029))
    assert P.year_reached(21.6, 2024, -4.92, 14.2) is None
    assert P.projection_path(2024, 21.6, -4.92, 2029).empty
    # equal values: the projection is flat at the latest value
    assert P.project(20.0, 2024, 0.0, 2045) == 20.0
    assert P.year_reached(20.0, 2024, 0.0, 14.2) is None


def test_year_reached_when_already_met():
    assert P.year_reached(13.2, 2024, 2.0, 14.2) == 2024


def test_classify_rules():
    assert P.classify(8.61, 9.12, 4, 2024, 2029) == P.OFF_TRACK
    assert P.classify(8.61, 6.99, 4, 2024, 2045) == P.ON_TRACK
    assert P.classify(-4.9, 9.0, 3, 2024, 2029) == P.NO_PROGRESS
    assert P.classify(0.0, 9.0, 2, 2024, 2029) == P.NO_PROGRESS
    assert P.classify(float("nan"), 9.0, 1, 2024, 2029) == P.NOT_ASSESSABLE
    assert P.classify(5.0, float("nan"), 4, 2024, 2024) == P.TARGET_YEAR_PASSED
    # already met and rising less than the margin allows: on track
    assert P.classify(-1.0, -1.47, 4, 2024, 2029) == P.ON_TRACK


def test_target_path_is_geometric_from_latest_point():
    path = P.target_path(2024, 22.9, 2029, 14.2)
    assert list(path["year"]) == [2024, 2025, 2026, 2027, 2028, 2029]
    assert path["year"].dtype == "int64" and path["value_pct"].dtype == "float64"
    # 2025: 22.9 * (14.2/22.9)^(1/5) = 22.9 * 0.908847 = 20.8126
    assert path["value_pct"].iloc[1] == pytest.approx(20.8126, abs=1e-3)
    assert path["value_pct"].iloc[-1] == pytest.approx(14.2)
    ratios = path["value_pct"].iloc[1:].to_numpy() / path["value_pct"].iloc[:-1].to_numpy()
    assert np.allclose(ratios, ratios[0])  # straight on a log scale
    assert P.target_path(2024, 16.5, 2024, 14.0).empty


# -----------------------------------------------------------------------------
# series, rates and the survey / e-PPGBM separation
# -----------------------------------------------------------------------------
def test_kalsel_current_rate_both_methods(prev):
    end = P.current_rate(prev, "63", ENDPOINTS)
    assert (end.first_year, end.latest_year, end.latest_pct, end.n_points) == (2021, 2024, 22.9, 4)
    assert end.aarr_pct == pytest.approx(8.6087, abs=1e-3)  # SSGI 2021 -> SSGI 2024, as the issue
    # log-linear over 30.0, 24.6, 24.7 (SKI), 22.9: ln = 3.401197, 3.202746, 3.206803, 3.131137;
    # slope = (-5.101796 - 1.601373 + 1.603402 + 4.696706)/5 = -0.403061/5 = -0.080612;
    # AARR = 1 - e^-0.080612 = 7.745 %/yr
    loglin = P.current_rate(prev, "63")
    assert loglin.aarr_pct == pytest.approx(7.7449, abs=1e-3)
    assert loglin.latest_alt == (23.9,)
    assert not loglin.flagged


def test_kalsel_status_matches_worked_example(prev, rpjmn):
    near, far = rpjmn
    table = P.target_table(prev, near, far, codes=["63"], options=ENDPOINTS)
    row = table.iloc[0]
    assert row["required_aarr_near_pct"] == pytest.approx(9.1153, abs=1e-3)
    assert row["status_near"] == P.OFF_TRACK
    assert row["required_aarr_far_pct"] == pytest.approx(6.9899, abs=1e-3)
    assert row["status_far"] == P.ON_TRACK
    assert row["projected_near_pct"] == pytest.approx(14.600, abs=1e-3)
    assert row["year_far_reached"] == 2041


def test_survey_series_includes_ski_and_excludes_register(prev):
    s = P.series_frame(prev, ["6301"])
    # Tanah Laut: SSGI 2021 31.0, SKI 2023 41.7, SSGI 2024 22.5 -- never the e-PPGBM 10.52 / 5.35
    assert list(zip(s["year"], s["source"], s["value_pct"])) == [(2021, "ssgi", 31.0), (2023, "ski", 41.7), (2024, "ssgi", 22.5)]
    assert set(P.series_frame(prev)["source"]) <= set(P.SURVEY_SOURCES)


def test_sources_parameter_can_leave_ski_out(prev):
    # SSGI only for HSS: 29.1 (2021), 20.3 (2022), 19.8 (2024). Endpoints = same as with SKI:
    # 19.8/29.1 = 0.680412; ln = -0.385056; /3 = -0.128352; e^ = 0.879544 -> 12.046 %/yr
    ssgi_only = P.SeriesOptions(sources=("ssgi",), method="endpoints")
    rate = P.current_rate(prev, "6306", ssgi_only)
    assert rate.n_points == 3
    assert rate.aarr_pct == pytest.approx(12.0456, abs=1e-3)


def test_start_year_none_uses_older_rounds(prev):
    # Banjar with SSGBI 2019: 37.6 (2019) -> 32.3 (2024): 32.3/37.6 = 0.859043; ln = -0.151936;
    # /5 = -0.030387; e^ = 0.970070 -> 2.993 %/yr
    rate = P.current_rate(prev, "6303", P.SeriesOptions(start_year=None, method="endpoints"))
    assert rate.first_year == 2019 and rate.n_points == 5
    assert rate.aarr_pct == pytest.approx(2.9930, abs=1e-3)


def test_mixing_survey_and_register_is_refused():
    with pytest.raises(P.SeriesMixError) as err:
        P.SeriesOptions(sources=("ssgi", "eppgbm"))
    assert err.value.key == "prog.err.mixed_series"
    with pytest.raises(P.SeriesMixError):
        P.SeriesOptions(sources=("susenas",))


def test_register_rate_stays_within_register(prev):
    # Tabalong e-PPGBM 17.65 (2019) -> 7.89 (2022): 7.89/17.65 = 0.447025; ln = -0.805139;
    # /3 = -0.268380; e^ = 0.764617 -> 23.538 %/yr (survey: 28.2 -> 23.1, a different series)
    rate = P.current_rate(prev, "6309", P.SeriesOptions(sources=P.REGISTER_SOURCES, start_year=None, method="endpoints"))
    assert (rate.first_year, rate.latest_year, rate.latest_source) == (2019, 2022, "eppgbm")
    assert rate.aarr_pct == pytest.approx(23.5383, abs=1e-3)


def test_register_series_is_never_assessed_against_targets(prev, rpjmn):
    with pytest.raises(P.SeriesMixError) as err:
        P.progress_long(prev, list(rpjmn), options=P.REGISTER)
    assert err.value.key == "prog.err.register_target"
    with pytest.raises(P.SeriesMixError):
        P.chart_data(prev, list(rpjmn), options=P.REGISTER)


def test_duplicate_point_in_one_series_leaves_that_region_not_assessable():
    # issue 14 item 7: two figures for one region and year never take down the other regions
    frame = _frame([("6301", 2021, "ssgi", 31.0), ("6301", 2023, "ski", 41.7), ("6301", 2023, "ssgi", 40.0),
                    ("6301", 2024, "ssgi", 22.5), ("6302", 2021, "ssgi", 21.8), ("6302", 2024, "ssgi", 17.0)])
    series = P.series_frame(frame)
    assert list(zip(series["code"], series["year"])) == [("6301", 2021), ("6301", 2024), ("6302", 2021), ("6302", 2024)]
    assert P.series_conflicts(frame) == {"6301": ((2023, "SKI 41.7 / SSGI 40"),)}
    rates = P.rates(frame, ["6301", "6302"], P.SeriesOptions(method="endpoints"))
    assert rates["6301"].conflicts == ((2023, "SKI 41.7 / SSGI 40"),)
    assert math.isnan(rates["6301"].aarr_pct) and rates["6301"].latest_year is None
    assert rates["6302"].aarr_pct == pytest.approx(100 * (1 - (17.0 / 21.8) ** (1 / 3)))


def test_missing_columns_are_reported():
    with pytest.raises(DataError) as err:
        P.series_frame(pd.DataFrame({"code": ["63"], "year": [2024]}))
    assert err.value.key == "prog.err.missing_columns"
    assert "value_pct" in err.value.params["missing"]


# -----------------------------------------------------------------------------
# status table on real districts
# -----------------------------------------------------------------------------
def test_target_table_shape_and_dtypes(prev, rpjmn):
    table = P.target_table(prev, *rpjmn)
    assert list(table["code"]) == ["6301", "6302", "6303", "6304", "6305", "6306", "6307", "6308", "6309", "6310", "6311", "6371", "6372"]
    assert table["code"].dtype == "str" and table["aarr_pct"].dtype == "float64"
    assert str(table["latest_year"].dtype) == "Int64" and str(table["year_far_reached"].dtype) == "Int64"
    assert str(table["achieved_near"].dtype) == "boolean"
    assert set(table["status_near"]) <= set(P.STATUSES)
    assert (table["near_year"] == 2029).all() and (table["far_target_pct"] == 5.0).all()


def test_hss_on_track_loglinear(prev, rpjmn):
    # HSS: current 8.890 (see test_loglinear_hss_four_rounds); latest 19.8 (2024).
    # required 2029: 14.2/19.8 = 0.717172; ln = -0.332439; /5 = -0.066488; e^ = 0.935675 -> 6.433
    # required 2045: 5/19.8 = 0.252525; ln = -1.376244; /21 = -0.065535; e^ = 0.936566 -> 6.343
    # 8.890 >= 6.433 and >= 6.343: on track for both.
    row = P.target_table(prev, *rpjmn, codes=["6306"]).iloc[0]
    assert row["aarr_pct"] == pytest.approx(8.8901, abs=1e-3)
    assert row["required_aarr_near_pct"] == pytest.approx(6.4326, abs=1e-3)
    assert row["required_aarr_far_pct"] == pytest.approx(6.3434, abs=1e-3)
    assert (row["status_near"], row["status_far"]) == (P.ON_TRACK, P.ON_TRACK)
    # projection 2029 would be 19.8 * 0.911099^5 = 12.431, below 14.2: the target is met
    # earlier (19.8 * 0.911099^4 = 13.64 in 2028), so the answer is the year, not a 2029 figure
    assert math.isnan(row["projected_near_pct"]) and row["year_near_reached"] == 2028
    assert not row["flagged"]


def test_banjarmasin_method_changes_status(prev, rpjmn):
    # Banjarmasin 27.8, 22.4, 26.5, 26.5 (2021..2024).
    # endpoints: 26.5/27.8 = 0.953237; ln = -0.047891; /3 = -0.015964; e^ = 0.984163 -> 1.584 %/yr
    #   required 2029: 14.2/26.5 = 0.535849; ln = -0.623903; /5 = -0.124781; e^ = 0.882691 -> 11.731
    #   falling but too slowly: off track.
    # log-linear: slope = (-1.5*3.325036 - 0.5*3.109061 + 0.5*3.277145 + 1.5*3.277145)/5
    #   = (-4.987554 - 1.554530 + 1.638572 + 4.915717)/5 = 0.012205/5 = 0.002441;
    #   AARR = 1 - e^0.002441 = -0.244 %/yr: not falling -> no progress.
    end = P.target_table(prev, *rpjmn, codes=["6371"], options=ENDPOINTS).iloc[0]
    assert end["aarr_pct"] == pytest.approx(1.5837, abs=1e-3)
    assert end["required_aarr_near_pct"] == pytest.approx(11.7309, abs=1e-3)
    assert end["status_near"] == P.OFF_TRACK
    log = P.target_table(prev, *rpjmn, codes=["6371"]).iloc[0]
    assert log["aarr_pct"] == pytest.approx(-0.2444, abs=1e-3)
    assert log["status_near"] == P.NO_PROGRESS
    assert math.isnan(log["projected_near_pct"]) and pd.isna(log["year_near_reached"])


def test_tanah_bumbu_rising_against_its_rpjmd_target(prev, targets):
    # Tanah Bumbu RPJMD: 16.91 in 2030. Latest 21.6 (2024).
    # required: 16.91/21.6 = 0.782870; ln = -0.244788; /6 = -0.040798; e^ = 0.960023 -> 3.998 %/yr
    # current (endpoints) 18.7 -> 21.6: -4.923 %/yr -> no progress
    choices = P.target_choices(targets, "6310")
    rpjmd = P.target_from_choice(choices, "6310|2030|RPJMD|16.91")
    long = P.progress_long(prev, [rpjmd], codes=["6310"], options=ENDPOINTS)
    row = long.iloc[0]
    assert row["required_aarr_pct"] == pytest.approx(3.9977, abs=1e-3)
    assert row["aarr_pct"] == pytest.approx(-4.9230, abs=1e-3)
    assert row["status"] == P.NO_PROGRESS
    assert row["target_source_url"].startswith("https://tanahbumbu.com/")


def test_target_already_met_tapin(prev, rpjmn):
    # Tapin latest 13.2 (2024) below 14.2: required -1.471; current (endpoints)
    # 33.5 -> 13.2: 13.2/33.5 = 0.394030; ln = -0.931329; /3 = -0.310443; e^ = 0.733122 -> 26.688
    row = P.target_table(prev, *rpjmn, codes=["6305"], options=ENDPOINTS).iloc[0]
    assert row["required_aarr_near_pct"] == pytest.approx(-1.4712, abs=1e-3)
    assert row["aarr_pct"] == pytest.approx(26.6876, abs=1e-3)
    # its rate is built on the 33.5 -> 14.5 jump (19.0 points > 10): flagged, so the
    # pace cannot be judged (no green status, no projection) although 13.2 < 14.2
    assert row["flagged"] and row["flagged_pairs"] == "2021→2022"
    assert row["status_near"] == P.NOT_ASSESSABLE and row["judge_reason"] == P.REASON_FLAGGED
    assert pd.isna(row["year_near_reached"]) and math.isnan(row["projected_near_pct"])


def test_one_point_is_not_assessable(prev, rpjmn):
    # window 2024 only: one point per region. Kalsel required AARR is still given (9.115).
    one = P.SeriesOptions(start_year=2024)
    row = P.target_table(prev, *rpjmn, codes=["63"], options=one).iloc[0]
    assert row["n_points"] == 1
    assert row["status_near"] == P.NOT_ASSESSABLE and row["status_far"] == P.NOT_ASSESSABLE
    assert math.isnan(row["aarr_pct"]) and math.isnan(row["projected_near_pct"])
    assert row["required_aarr_near_pct"] == pytest.approx(9.1153, abs=1e-3)


def test_region_without_data_is_not_assessable(rpjmn):
    frame = _frame([("6301", 2024, "eppgbm", 5.0)])  # register only: no survey point
    row = P.target_table(frame, *rpjmn, codes=["6301"]).iloc[0]
    assert row["n_points"] == 0 and row["status_near"] == P.NOT_ASSESSABLE
    assert pd.isna(row["latest_year"])


def test_equal_values_no_progress_unless_target_already_met(rpjmn):
    # 20.0 in 2021 and 2024: AARR 0. Against 14.2 (2029): required > 0 -> no progress.
    # Against 25 in 2029 (already met): required = 1 - (25/20)^(1/5) = -4.564 < 0 -> on track.
    frame = _frame([("6372", 2021, "ssgi", 20.0), ("6372", 2024, "ssgi", 20.0)])
    near, _ = rpjmn
    loose = P.Target("6372", 2029, 25.0, "test")
    long = P.progress_long(frame, [near, loose], codes=["6372"])
    assert list(long["status"]) == [P.NO_PROGRESS, P.ON_TRACK]
    assert long["required_aarr_pct"].iloc[1] == pytest.approx(-4.5639, abs=1e-3)
    # 14.2: never reached at this pace, projection 20.0 in 2029; 25: met already (2024),
    # so no 2029 "forecast", the year it is met instead
    assert long["projected_pct"].iloc[0] == 20.0 and math.isnan(long["projected_pct"].iloc[1])
    assert pd.isna(long["year_reached"].iloc[0]) and long["year_reached"].iloc[1] == 2024


def test_target_year_in_the_past(prev, targets):
    choices = P.target_choices(targets, "6304")
    tpps = P.target_from_choice(choices, "6304|2024|TPPS|14")
    interim = P.target_from_choice(choices, "00|2021|Target antara 2021 (BKKBN)|21.1")
    long = P.progress_long(prev, [tpps, interim], codes=["6304", "6310", "6372"])
    got = {(r.code, r.target_year): (r.status, r.achieved) for r in long.itertuples()}
    # Batola 2024: 16.5 > 14 -> not achieved; 2021: 32.4 > 21.1 -> not achieved
    assert got[("6304", 2024)] == (P.TARGET_YEAR_PASSED, False)
    assert got[("6304", 2021)] == (P.TARGET_YEAR_PASSED, False)
    # Tanah Bumbu 2021: 18.7 <= 21.1 -> achieved
    assert got[("6310", 2021)] == (P.TARGET_YEAR_PASSED, True)
    # Banjarbaru has no 2021 figure: not known
    assert got[("6372", 2021)][0] == P.TARGET_YEAR_PASSED and pd.isna(got[("6372", 2021)][1])
    assert long["required_aarr_pct"].isna().all()


# -----------------------------------------------------------------------------
# plausibility
# -----------------------------------------------------------------------------
def test_plausibility_bound_file():
    bounds = P.load_plausibility()
    assert bounds["survey"].max_change_pp == 10.0 and bounds["survey"].max_gap_years == 3.0
    # bound grows beyond 3 years: 5 years -> 10 * 5/3 = 16.67 points
    assert bounds["survey"].allowed(1) == 10.0 and bounds["survey"].allowed(5) == pytest.approx(16.6667, abs=1e-3)


def test_plausibility_file_errors_name_file_and_entry(tmp_path):
    bad = tmp_path / "bounds.toml"
    bad.write_text("[survey]\nmax_change_pp = -1\nmax_gap_years = 3\n[register]\nmax_change_pp = 10\nmax_gap_years = 3\n")
    with pytest.raises(DataError) as err:
        P.load_plausibility(str(bad))
    assert err.value.key == "prog.err.plausibility"
    assert err.value.location.file == "bounds.toml" and err.value.location.column == "survey.max_change_pp"
    with pytest.raises(DataError):
        P.load_plausibility(str(tmp_path / "missing.toml"))


def test_flags_on_the_issue_examples(prev):
    flags = P.plausibility_flags(prev)
    pairs = {(r.code, r.from_year, r.to_year): r.change_pp for r in flags.itertuples()}
    # Tanah Laut 41.7 -> 22.5 = -19.2; HST 31.01 -> 13.0 = -18.01
    assert pairs[("6301", 2023, 2024)] == pytest.approx(-19.2)
    assert pairs[("6307", 2022, 2023)] == pytest.approx(-18.01)
    # not flagged: Kotabaru 21.8 -> 31.6 (+9.8), Tabalong 28.2 -> 19.7 (-8.5)
    assert ("6302", 2021, 2022) not in pairs and ("6309", 2021, 2022) not in pairs
    # Kalsel Riskesdas 2013 -> 2018: -11.22 over 5 years, bound 16.67: not flagged
    assert not any(code == "63" for code, _, _ in pairs)
    assert set(flags["message_key"]) == {"prog.flag.implausible"}
    assert CATALOGUE["prog.flag.implausible"]["id"] == "perubahan tidak wajar — periksa sumber"


def test_rates_built_on_a_flagged_change_carry_the_flag(prev):
    hst = P.current_rate(prev, "6307")
    assert hst.flagged and hst.flagged_pairs == ((2022, 2023),)
    # a window that starts after the jump does not carry it
    later = P.current_rate(prev, "6307", P.SeriesOptions(start_year=2023))
    assert not later.flagged and later.n_points == 2


def test_bound_is_a_parameter(prev):
    loose = P.SeriesOptions(max_change_pp=20.0)
    assert not P.current_rate(prev, "6301", loose).flagged  # largest Tanah Laut move 19.2 < 20
    assert P.current_rate(prev, "6301").flagged


def test_register_flags_stay_in_register(prev):
    # e-PPGBM moves (largest: Balangan 25.78 -> 17.91 = -7.87) are within 10 points
    assert P.plausibility_flags(prev, options=P.REGISTER).empty
    tight = P.SeriesOptions(sources=P.REGISTER_SOURCES, start_year=None, max_change_pp=7.0)
    flags = P.plausibility_flags(prev, options=tight)
    assert set(zip(flags["code"], flags["to_year"])) == {("6311", 2021)}


# -----------------------------------------------------------------------------
# alternative figures in notes
# -----------------------------------------------------------------------------
def test_alternatives_from_real_notes(prev):
    got = {
        (c, int(y), s): P.alternative_values(n, v)
        for c, y, s, n, v in zip(prev["code"], prev["year"], prev["source"], prev["note"], prev["value_pct"])
        if P.alternative_values(n, v)
    }
    assert got == {
        ("00", 2013, "riskesdas"): (37.6,),
        ("63", 2013, "riskesdas"): (44.2,),
        ("63", 2024, "ssgi"): (23.9,),
        ("6303", 2021, "ssgi"): (42.2,),
        ("6307", 2021, "ssgi"): (29.9,),
        ("6307", 2022, "ssgi"): (30.1,),
        ("6307", 2023, "ski"): (13.1,),
        ("63", 2021, "ssgi"): (30.1,),
        ("6310", 2021, "ssgi"): (28.7,),
    }


def test_alternatives_from_target_basis(targets):
    got = {(c, int(y), v): P.alternative_values(b, v) for c, y, v, b in zip(targets["code"], targets["year"], targets["target_pct"], targets["basis"])}
    assert got[("6302", 2025, 18.8)] == (18.0,)
    assert got[("63", 2023, 21.51)] == (18.1,)
    assert got[("63", 2023, 18.1)] == (21.51,)
    assert got[("63", 2024, 17.27)] == (14.0,)
    assert got[("00", 2029, 14.2)] == ()


@pytest.mark.parametrize(
    "note, value, expected",
    [
        ("CONFLICT: another outlet gives 23,9% (2025-08-12)", 22.9, (23.9,)),
        ("CONFLICT: a list of 334,848 children gives 27.5", None, (27.5,)),
        ("CONFLICT: rank 12 of 13 vs 13th; 31.0", None, ()),  # remark ends at ';'
        ("CONFLICT: drop of 13.8 points vs 14.3 points quoted", None, ()),
        ("CONFLICT: metro7.co.id cites 37.6 for 2013", None, (37.6,)),
        ("CONFLICT: BKKBN quoted 30.1. CONFLICT: Sonora gives 29.9", 30.0, (30.1, 29.9)),
        ("Conflict: restates 22.9 only", 22.9, ()),  # its own value is no alternative
        ("conflict: another list gives 29,9", 29.6, (29.9,)),
        ("no conflict marker, 23.9 elsewhere; conflicts with 14", 22.9, ()),
        ("", 1.0, ()),
        (float("nan"), 1.0, ()),
    ],
)
def test_alternatives_are_robust(note, value, expected):
    assert P.alternative_values(note, value) == expected


def test_format_with_alternatives():
    assert P.format_with_alternatives(22.9, (23.9,), "id") == "22,9% (sumber lain: 23,9%)"
    assert P.format_with_alternatives(22.9, (23.9,), "en") == "22.9% (other source: 23.9%)"
    assert P.format_with_alternatives(31.01, (30.1,), "id") == "31,01% (sumber lain: 30,1%)"
    assert P.format_with_alternatives(18.0, (), "id") == "18,0%"


# -----------------------------------------------------------------------------
# targets
# -----------------------------------------------------------------------------
def test_target_choices_for_a_district(targets):
    c = P.target_choices(targets, "6310")
    assert list(c["scope"].unique()) == ["district", "province", "national"]
    assert list(c["code"].iloc[:2]) == ["6310", "6310"]
    # both provincial 2023 figures are offered, each pointing at the other
    prov23 = c[(c["code"] == "63") & (c["year"] == 2023)]
    assert sorted(prov23["target_pct"]) == [18.1, 21.51]
    assert sorted(prov23["alt_pct"].tolist()) == [(18.1,), (21.51,)]
    assert c["choice_id"].is_unique and (c["source_url"].str.startswith("http")).all()
    assert c["year"].dtype == "int64" and c["target_pct"].dtype == "float64"


def test_target_choices_national_and_province(targets):
    assert set(P.target_choices(targets, "00")["scope"]) == {"national"}
    assert set(P.target_choices(targets, "63")["scope"]) == {"province", "national"}
    # Tanah Laut has no district target: the 6 provincial and 6 national ones
    assert len(P.target_choices(targets, "6301")) == 12


def test_target_from_choice_unknown(targets):
    with pytest.raises(KP2SError) as err:
        P.target_from_choice(P.target_choices(targets, "63"), "nope")
    assert err.value.key == "prog.err.unknown_target"


def test_default_targets(rpjmn):
    near, far = rpjmn
    assert (near.code, near.year, near.target_pct, near.label) == ("00", 2029, 14.2, "RPJMN 2025–2029")
    assert (far.year, far.target_pct, far.label) == (2045, 5.0, "RPJPN 2025–2045")


# -----------------------------------------------------------------------------
# chart data
# -----------------------------------------------------------------------------
def test_chart_data_paths(prev, rpjmn):
    near, far = rpjmn
    cd = P.chart_data(prev, [near, far], codes=["63", "6308"])
    kalsel = cd[cd["code"] == "63"]
    obs = kalsel[kalsel["series"] == "observed"]
    # every survey round of the series, never e-PPGBM
    assert list(obs["year"]) == [2013, 2018, 2019, 2021, 2022, 2023, 2024]
    assert set(obs["source"]) <= set(P.SURVEY_SOURCES)
    assert obs[obs["year"] == 2024]["alt_pct"].iloc[0] == (23.9,)
    path = kalsel[(kalsel["series"] == "target_path") & (kalsel["target_id"] == near.choice_id)]
    assert list(path["year"]) == list(range(2024, 2030)) and path["value_pct"].iloc[-1] == pytest.approx(14.2)
    proj = kalsel[kalsel["series"] == "projection"]
    assert proj["year"].max() == 2043  # stops where 5 % is met (22.9 at 7.74 %/yr), not at 2045
    # HSU is rising: no projection line, but target paths are drawn
    hsu = cd[cd["code"] == "6308"]
    assert "projection" not in set(hsu["series"]) and "target_path" in set(hsu["series"])
    assert hsu[hsu["series"] == "observed"]["implausible"].tolist() == [False, True, False]


# -----------------------------------------------------------------------------
# survey vs e-PPGBM
# -----------------------------------------------------------------------------
def test_survey_vs_register_table(prev):
    t = P.survey_vs_register(prev)
    hss = t[t["code"] == "6306"].set_index("year")
    # HSS 2022: SSGI 20.3 vs e-PPGBM (August) 4.53 -> gap 15.77 points
    assert hss.loc[2022, "survey_pct"] == 20.3 and hss.loc[2022, "register_pct"] == 4.53
    assert hss.loc[2022, "gap_pp"] == pytest.approx(15.77)
    assert hss.loc[2022, "register_month"] == 8
    assert hss.loc[2022, "note_keys"] == "prog.svr.row.base"
    batola = t[t["code"] == "6304"].set_index("year")
    # Batola 2024: SSGI 16.5 vs January e-PPGBM 10.39; 2023: SKI 15.9 vs a May re-measurement
    assert batola.loc[2024, "register_month"] == 1
    assert "Januari" in batola.loc[2024, "note"]
    assert batola.loc[2023, "survey_source"] == "ski" and "prog.svr.row.not_august" in batola.loc[2023, "note_keys"]
    assert "rate" not in " ".join(t.columns) and "aarr" not in " ".join(t.columns)
    assert str(t["register_month"].dtype) == "Int64"
    # only years with both figures: Tanah Laut 2021 (31.0 vs 10.52), not 2022 (no survey)
    assert list(t[t["code"] == "6301"]["year"]) == [2021]


def test_register_month_parsing(prev):
    notes = dict(zip(zip(prev["code"], prev["year"], prev["source"]), prev["note"]))
    assert P.register_month(notes[("6306", 2021, "eppgbm")]) == 8
    assert P.register_month(notes[("6304", 2024, "eppgbm")]) == 1
    assert P.register_month(notes[("6304", 2023, "eppgbm")]) is None  # "reported May", "not the August"
    assert P.register_month(notes[("6303", 2024, "eppgbm")]) is None  # "(month for 2024 not stated)"
    assert P.register_month("this may be August data") == 8


def test_why_differ_notes_in_both_languages():
    ids, ens = P.why_differ_notes("id"), P.why_differ_notes("en")
    assert len(ids) == len(ens) == 4
    assert "posyandu" in ids[0] and "sample" in ens[0]
    assert all(a != b for a, b in zip(ids, ens))


# -----------------------------------------------------------------------------
# actions vs outcomes
# -----------------------------------------------------------------------------
def test_actions_vs_outcomes_hand_computed(prev):
    # Illustrative scores (not published) for period 2024; outcome = SKI 2023 -> SSGI 2024:
    #   Tapin 90: 14.4 -> 13.2 = -1.2;  HSS 85: 25.4 -> 19.8 = -5.6
    #   Tanah Bumbu 80: 25.1 -> 21.6 = -3.5;  Banjar 70: 30.1 -> 32.3 = +2.2
    # Pearson: x mean 81.25, dx = 8.75, 3.75, -1.25, -11.25 (sum sq 218.75);
    #   y mean -2.025, dy = 0.825, -3.575, -1.475, 4.225 (sum sq 33.4875);
    #   sum dx*dy = 7.21875 - 13.40625 + 1.84375 - 47.53125 = -51.875;
    #   r = -51.875 / sqrt(218.75 * 33.4875) = -51.875 / 85.5885 = -0.6061
    # Spearman: score ranks 4,3,2,1; change ranks 3,1,2,4; d = 1,2,0,-3; sum d^2 = 14;
    #   rho = 1 - 6*14/(4*15) = -0.4
    results = pd.DataFrame(
        {"code": ["6305", "6306", "6310", "6303"], "period": [2024] * 4, "score": [90.0, 85.0, 80.0, 70.0], "rank": [np.nan] * 4}
    )
    out = P.actions_vs_outcomes(results, prev)
    assert out.n == 4 and out.measure == "score" and out.periods == (2024,)
    assert out.pearson == pytest.approx(-0.6061, abs=1e-4)
    assert out.spearman == pytest.approx(-0.4, abs=1e-12)
    assert out.favourable_sign == -1  # better score with a larger fall = negative r
    t = out.table.set_index("code")
    assert t.loc["6306", "change_pp"] == pytest.approx(-5.6)
    # HSS 25.4 -> 19.8 in one year: AARR = 1 - 19.8/25.4 = 22.047 %/yr
    assert t.loc["6306", "aarr_pct"] == pytest.approx(22.0472, abs=1e-3)
    assert out.summary("id") == "Spearman ρ = −0,40; Pearson r = −0,61; n = 4"
    # with the AARR outcome the sign flips: faster fall = larger AARR
    by_rate = P.actions_vs_outcomes(results, prev, outcome="aarr_pct")
    assert by_rate.favourable_sign == 1 and by_rate.spearman == pytest.approx(0.4)


def test_actions_vs_outcomes_published_ranks(prev):
    # Published KP2S ranks: period 2024 Tapin 1, HSS 3; period 2022 Tabalong 1;
    # period 2021 HSS 1, Tabalong 2, Tanah Bumbu 3 (no 2020 survey round: not usable).
    results = pd.DataFrame(
        {
            "code": ["6305", "6306", "6309", "6306", "6309", "6310"],
            "period": [2024, 2024, 2022, 2021, 2021, 2021],
            "score": [np.nan] * 6,
            "rank": [1, 3, 1, 1, 2, 3],
        }
    )
    out = P.actions_vs_outcomes(results, prev)
    assert out.measure == "rank"
    # usable: Tapin -1.2, HSS -5.6 (2023->2024), Tabalong 28.2 -> 19.7 = -8.5 (2021->2022)
    assert out.n == 3 and out.periods == (2022, 2024)
    used = out.table[out.table["used"]].set_index(["code", "period"])
    assert used.loc[("6309", 2022), "change_pp"] == pytest.approx(-8.5)
    # ranks 1, 3, 1 vs changes -1.2, -5.6, -8.5:
    #   rank ranks: 1.5, 3, 1.5; change ranks: 3, 2, 1 -> Pearson of those:
    #   dx = -0.5, 1, -0.5; dy = 1, 0, -1; sum dx*dy = -0.5 + 0 + 0.5 = 0 -> rho = 0
    assert out.spearman == pytest.approx(0.0, abs=1e-12)
    assert any("digabung" in c for c in out.caveats("id"))
    one_period = P.actions_vs_outcomes(results, prev, period=2024)
    assert one_period.n == 2 and math.isnan(one_period.pearson) and math.isnan(one_period.spearman)


def test_actions_vs_outcomes_flagged_pairs(prev):
    # Tanah Laut 2023 -> 2024 (41.7 -> 22.5) is a flagged jump
    results = pd.DataFrame(
        {"code": ["6301", "6305", "6306", "6310"], "period": [2024] * 4, "score": [60.0, 90.0, 85.0, 80.0], "rank": [np.nan] * 4}
    )
    out = P.actions_vs_outcomes(results, prev)
    assert out.n == 4 and out.n_flagged == 1
    assert any("tidak wajar" in c for c in out.caveats("id"))
    excl = P.actions_vs_outcomes(results, prev, exclude_flagged=True)
    assert excl.n == 3 and excl.n_flagged == 0
    assert not excl.table.set_index("code").loc["6301", "used"]


def test_actions_vs_outcomes_errors(prev):
    with pytest.raises(DataError) as err:
        P.actions_vs_outcomes(pd.DataFrame({"code": ["6305"], "period": [2024]}), prev)
    assert err.value.key == "prog.err.missing_columns"
    results = pd.DataFrame({"code": ["6305"], "period": [2024], "score": [1.0], "rank": [1]})
    with pytest.raises(KP2SError) as err:
        P.actions_vs_outcomes(results, prev, measure="median")
    assert err.value.key == "prog.err.option"


# -----------------------------------------------------------------------------
# strings
# -----------------------------------------------------------------------------
def test_progress_strings_complete():
    from kp2s_dashboard.i18n.catalogue import domain

    for key, entry in domain("progress").items():
        assert key.startswith("prog."), key
        assert entry.get("id") and entry.get("en"), key
    for status in P.STATUSES:
        assert f"prog.status.{status}" in CATALOGUE
        assert P.status_label(status, "id") != P.status_label(status, "en")


def test_every_key_used_in_the_module_exists():
    # progress.py re-exports the modules the code lives in: read each of them
    folder = Path(P.__file__).parent
    parts = ("series", "rates", "status", "trajectories", "alternatives", "survey_register", "actions_outcomes")
    source = "\n".join((folder / f"{name}.py").read_text(encoding="utf-8") for name in parts)
    used = set(re.findall(r'"(prog\.[a-z_.]+[a-z_])"', source))
    assert used, "no keys found"
    missing = sorted(k for k in used if k not in CATALOGUE)
    assert not missing, missing
    for month in range(1, 13):
        assert f"prog.month.{month}" in CATALOGUE
