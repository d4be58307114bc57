"""Issue 15, items 1, 2 and 7: projections that deserve trust, the leadership
verdicts on Ringkasan and the Target page's choices in the URL, on the
repository's real data (data/prevalence.csv, data/targets.csv).

Real values used (SSGI 2021 → SSGI 2024, survey series from 2021):
Barito Kuala 16.5 % in 2024, AARR 24.2 %/yr, with the flagged jump SSGI 2022
→ SKI 2023; Tapin 13.2 %, AARR 24.4 %/yr, flagged 2021 → 2022 (33 → 14 %);
Kalsel 22.9 % in 2024, AARR 7.74 %/yr (log-linear over 2021–2024, four
points, none flagged): off track for 14.2 % in 2029 (needs 9.12 %/yr), on
track for 5 % in 2045 (needs 6.99 %/yr), 5 % reached in 2043.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from kp2s_dashboard.figures import progress as fp
from kp2s_dashboard.prevalence import progress as P
from kp2s_dashboard.prevalence import summary
from kp2s_dashboard.regions import PROVINCE_CODE, registry
from kp2s_dashboard.web import ui

DATA = Path(__file__).resolve().parent.parent / "data"
BATOLA, TAPIN, HSS = "6304", "6305", "6306"


@pytest.fixture(scope="module")
def prev() -> pd.DataFrame:
    return pd.read_csv(DATA / "prevalence.csv", dtype={"code": str})


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    return pd.read_csv(DATA / "targets.csv", dtype={"code": str})


@pytest.fixture(scope="module")
def table(prev, targets) -> pd.DataFrame:
    near, far = P.default_targets(targets)
    return P.target_table(prev, near, far, [PROVINCE_CODE, *registry().district_codes()]).set_index("code")


@pytest.mark.parametrize("code", [BATOLA, TAPIN])
def test_flagged_rate_gives_no_green_status_and_no_projection(table, code):
    row = table.loc[code]
    assert row["flagged"]  # the same row flags the change the rate rests on
    for key in ("near", "far"):
        assert row[f"status_{key}"] == P.NOT_ASSESSABLE
        assert math.isnan(row[f"projected_{key}_pct"])
        assert pd.isna(row[f"year_{key}_reached"])
    assert row["judge_reason"] == P.REASON_FLAGGED


def test_flagged_rows_show_cannot_be_judged_with_reason_not_zero(table, targets):
    near, far = P.default_targets(targets)
    for lang in ("id", "en"):
        spec = fp.target_display(table.reset_index(), near, far, lang, keys=("far",))
        frame = spec.frame.set_index(spec.frame.columns[0])
        shown = spec.styled(lang).to_html()
        assert "0,0" not in shown and "0.0%" not in shown
        status_col = [c for c in frame.columns if c.startswith(("Status", "status"))][0]
        label = P.status_label(P.NOT_ASSESSABLE, lang)
        for name in ("Barito Kuala", "Tapin"):
            assert label in frame.loc[name, status_col]
            notes = frame.loc[name, frame.columns[-2]]
            assert P.reason_text(P.REASON_FLAGGED, lang, 4) in notes
    assert P.status_label(P.NOT_ASSESSABLE, "id") == "belum dapat dinilai"
    assert P.status_label(P.NOT_ASSESSABLE, "en") == "cannot be judged yet"


def test_projection_stops_at_the_year_the_target_is_met(table, targets):
    # HSS: 19.8 % in 2024 at 8.89 %/yr (4 points, none flagged) reaches 5 % in 2039;
    # the 2045 "forecast" 2.8 % is not given, the year is.
    row = table.loc[HSS]
    assert not row["flagged"] and row["status_far"] == P.ON_TRACK
    assert row["year_far_reached"] == 2039
    assert math.isnan(row["projected_far_pct"])
    near, far = P.default_targets(targets)
    spec = fp.target_display(table.reset_index(), near, far, "id", keys=("far",))
    html = spec.styled("id").to_html()
    assert "2,8" not in html and "tercapai 2039" in html
    # 14.2 % is met in 2028 (19.8·0.9111^4 = 13.6), so no 2029 figure either
    assert row["year_near_reached"] == 2028 and math.isnan(row["projected_near_pct"])
    # Kalsel does not meet 14.2 % by 2029: its projection at 2029 stays (22.9·0.92255^5 = 15.30)
    assert table.loc[PROVINCE_CODE, "projected_near_pct"] == pytest.approx(15.30, abs=0.01)


def test_chart_draws_no_projection_for_a_flagged_rate_and_stops_at_the_target(prev, targets):
    near, far = P.default_targets(targets)
    chart = P.chart_data(prev, [near, far], [TAPIN, BATOLA, HSS, PROVINCE_CODE])
    proj = chart[chart["series"] == "projection"]
    assert set(proj["code"]) == {HSS, PROVINCE_CODE}
    assert proj[proj["code"] == HSS]["year"].max() == 2039
    assert proj[proj["code"] == PROVINCE_CODE]["year"].max() == 2043
    assert proj["value_pct"].min() >= 4.0  # never a curve drawn toward 0 %


def test_too_few_points_or_a_flagged_rate_cannot_be_judged():
    assert P.MIN_POINTS == {"loglinear": 2, "endpoints": 2}
    assert P.classify(24.0, 5.0, 1, 2024, 2045) == P.NOT_ASSESSABLE
    assert P.classify(24.0, 5.0, 4, 2024, 2045, flagged=True) == P.NOT_ASSESSABLE
    assert P.classify(24.0, 5.0, 4, 2024, 2045) == P.ON_TRACK


def test_off_2029_on_2045_is_explained_with_the_two_paces(table, targets):
    near, far = P.default_targets(targets)
    rows = P.mixed_verdicts(table.reset_index())
    assert list(rows["code"]) == [PROVINCE_CODE]
    text = fp.mixed_verdict_text(rows.iloc[0], near, far, "id")
    assert "9,1" in text and "7,0" in text and "7,7" in text and "2029" in text and "2045" in text
    assert "9.1" in fp.mixed_verdict_text(rows.iloc[0], near, far, "en")


# -----------------------------------------------------------------------------
# item 1: Ringkasan's answers for leadership
# -----------------------------------------------------------------------------
def test_worst_districts_of_the_latest_survey_round(prev):
    # SSGI 2024: Banjar 32.3, Hulu Sungai Utara 27.6, Banjarmasin 26.5 (13 districts with a figure)
    worst = summary.worst_districts(prev)
    assert list(worst["name"]) == ["Banjar", "Hulu Sungai Utara", "Banjarmasin"]
    assert list(worst["value_pct"]) == [32.3, 27.6, 26.5]
    assert set(worst["source"]) == {"ssgi"} and set(worst["year"]) == {2024}
    assert list(worst["rank"]) == [1, 2, 3] and set(worst["n_ranked"]) == {13}
    # e-PPGBM is never the "latest round" here, even when it is newer
    later = pd.concat([prev, pd.DataFrame({"code": ["6301"], "year": [2026], "source": ["eppgbm"],
                                           "indicator": ["stunting"], "value_pct": [90.0], "source_url": [""],
                                           "note": [""]})], ignore_index=True)
    assert summary.worst_districts(later)["name"].iloc[0] == "Banjar"


def test_verdicts_per_national_target_for_the_province(prev, targets):
    v = summary.target_verdicts(prev, targets)
    assert list(v["target_year"]) == [2024, 2029, 2045]
    assert list(v["target_pct"]) == [14.0, 14.2, 5.0]
    assert list(v["url_token"]) == ["00-2024-14", "00-2029-14.2", "00-2045-5"]
    # 2024: Kalsel SSGI 2024 22.9 > 14 -> not met; 2029 off track (7.74 < 9.12); 2045 on track (7.74 >= 6.99)
    assert list(v["status"]) == [P.TARGET_YEAR_PASSED, P.OFF_TRACK, P.ON_TRACK]
    assert v["achieved"].iloc[0] == False  # noqa: E712 (pandas boolean)
    lines = [fp.verdict_parts(r, "id") for _, r in v.iterrows()]
    assert lines[0]["status"] == "✗ tidak tercapai pada tahun target" and lines[0]["tone"] == "red"
    assert lines[0]["detail"] == "Kalimantan Selatan (provinsi) 22,9% pada SSGI 2024"
    assert lines[1]["status"] == "● tidak sesuai jalur" and lines[1]["tone"] == "orange"
    assert lines[1]["detail"].startswith("laju dibutuhkan 9,1%/tahun, laju terlihat 7,7%/tahun (survei 2021–2024)")
    assert lines[2]["tone"] == "green" and "5,0% tercapai sekitar 2043" in lines[2]["detail"]
    en = fp.verdict_parts(v.iloc[1], "en")
    assert en["detail"].startswith("pace needed 9.1%/yr, pace seen 7.7%/yr (surveys 2021–2024)")
    assert "9,1" in fp.verdicts_mixed_text(v, "id") and "2029" in fp.verdicts_mixed_text(v, "id")


def test_a_district_verdict_on_a_flagged_rate_says_why(prev, targets):
    v = summary.target_verdicts(prev, targets, code=TAPIN)
    far = fp.verdict_parts(v.iloc[2], "en")
    assert far["status"] == "○ cannot be judged yet" and far["tone"] == "gray"
    assert "implausible change" in far["detail"]
    assert fp.verdicts_mixed_text(v, "en") is None


# -----------------------------------------------------------------------------
# item 7: the Target page's choices in the URL
# -----------------------------------------------------------------------------
def test_target_tokens_round_trip_and_bad_values_fall_back(targets):
    choices = P.target_choices(targets, PROVINCE_CODE)
    for choice_id in choices["choice_id"]:
        target = P.target_from_choice(choices, choice_id)
        assert P.choice_from_token(choices, target.url_token) == choice_id
        assert P.choice_from_token(choices, choice_id) == choice_id
    assert P.choice_from_token(choices, "63-2023-18.1") == "63|2023|Bappeda Kalsel|18.1"
    assert P.choice_from_token(choices, "00-2029-99") is None
    assert P.choice_from_token(choices, None) is None


def test_url_options_parse_with_fallback():
    from kp2s_dashboard.web import state

    windows = [P.DEFAULT_START_YEAR, None]
    assert state.parse_option("2021", windows, "x") == 2021
    assert state.parse_option("all", windows, "x") is None
    assert state.parse_option("1999", windows, 2021) == 2021
    assert state.parse_option(None, list(P.METHODS), "loglinear") == "loglinear"
    assert state.parse_option("endpoints", list(P.METHODS), "loglinear") == "endpoints"
    assert state.option_text(None) == "all" and state.option_text(2021) == "2021"


# -----------------------------------------------------------------------------
# the pages (AppTest, no browser)
# -----------------------------------------------------------------------------
def _run(page: str, **params: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(DATA.parent / "app.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_target_page_takes_its_choices_from_the_url_and_writes_them_back():
    at = _run("pages/target.py", near="00-2024-14", method="endpoints", window="all", tab="far")
    assert at.selectbox(key="tgt_near").value == "00|2024|Perpres 72/2021|14"
    assert at.radio(key="tgt_method").value == "endpoints" and at.radio(key="tgt_window").value == ui.NONE
    assert at.tabs[0].label == "Perpres 72/2021: 14,0% (2024)"
    at.selectbox(key="tgt_far").set_value("00|2029|RPJMN 2025–2029|14.2").run()
    assert at.query_params["far"] == "00-2029-14.2" and at.query_params["near"] == "00-2024-14"
    # a bad value in the URL falls back to the default, never an error
    bad = _run("pages/target.py", near="nonsense", window="1999")
    assert bad.selectbox(key="tgt_near").value == "00|2029|RPJMN 2025–2029|14.2"
    assert bad.radio(key="tgt_window").value == P.DEFAULT_START_YEAR


def test_target_page_explains_off_2029_on_2045_for_the_province():
    at = _run("pages/target.py")
    infos = [i.value for i in at.info]
    assert any(x.startswith("Kalimantan Selatan (provinsi): tidak sesuai jalur untuk 2029 tetapi sesuai jalur untuk 2045")
               and "9,1%/tahun" in x and "7,0%/tahun" in x and "7,7%/tahun" in x for x in infos)
    by_name = at.dataframe[1].value.set_index("Kabupaten/kota")  # the 2045 tab
    # the reason stands beside the status (the whole remark is in the notes, off the screen to the right)
    assert by_name.loc["Barito Kuala", "Status"] == "○ belum dapat dinilai (perubahan tidak wajar)"
    assert by_name.loc["Hulu Sungai Selatan", "Status"] == "● sesuai jalur"
    assert by_name.loc["Tapin", "Proyeksi 2045 (%)"] == "–"
    assert by_name.loc["Hulu Sungai Selatan", "Proyeksi 2045 (%)"] == "tercapai 2039"


def test_ringkasan_shows_worst_districts_and_verdicts_first():
    at = _run("pages/ringkasan.py")
    text = [m.value for m in at.markdown]
    first = next(i for i, x in enumerate(text) if "**Banjar** 32,3%" in x)
    verdict = next(i for i, x in enumerate(text) if x.startswith("**2029 · 14,2% (RPJMN 2025–2029)**"))
    assert ":orange[**● tidak sesuai jalur**]" in text[verdict]
    assert first < verdict  # the districts, then the verdicts


def test_one_region_against_several_targets_says_the_year_met(prev, targets):
    near, far = P.default_targets(targets)
    long = P.progress_long(prev, [near, far], [HSS])
    shown = fp.region_status_display(long, "en").shown("en")
    assert list(shown[shown.columns[3]]) == ["met in 2028", "met in 2039"]
