"""Figure and table builders of the progress pages, on the real embedded data.

Expected numbers come from the data files (``data/prevalence.csv``,
``data/targets.csv``, ``data/kp2s_results.csv``) and the hand-worked values
in ``tests/test_progress.py``.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from kp2s_dashboard.store import datastore
from kp2s_dashboard.prevalence import progress as P
from kp2s_dashboard.figures import progress as fp
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.regions import registry
from kp2s_dashboard.i18n.catalogue import CATALOGUE
from kp2s_dashboard.prevalence.targets import load_targets

ROOT = Path(__file__).resolve().parent.parent
CODES = ["63", *registry().district_codes()]


@pytest.fixture(scope="module")
def prev() -> pd.DataFrame:
    return load_prevalence(datastore.current("prevalence").path).table


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    return load_targets(datastore.current("targets").path)


@pytest.fixture(scope="module")
def rpjmn(targets):
    return P.default_targets(targets)


@pytest.fixture(scope="module")
def table(prev, rpjmn):
    return P.target_table(prev, *rpjmn, codes=CODES)


@pytest.fixture(scope="module")
def chart(prev, rpjmn):
    return P.chart_data(prev, list(rpjmn), codes=CODES)


@pytest.fixture(scope="module")
def results() -> pd.DataFrame:
    return fp.published_results(pd.read_csv(ROOT / "data" / "kp2s_results.csv", dtype=str))


def _trace(fig, meta):
    hits = [tr for tr in fig.data if tr.meta == meta]
    assert hits, f"no trace {meta!r} in {[tr.meta for tr in fig.data]}"
    return hits[0]


# -----------------------------------------------------------------------------
# labels
# -----------------------------------------------------------------------------
def test_status_text_words_markers_and_observed_result():
    assert fp.status_text(P.ON_TRACK, "id") == "● sesuai jalur"
    assert fp.status_text(P.OFF_TRACK, "en") == "● off track"
    assert fp.status_text(P.NOT_ASSESSABLE, "id") == "○ belum dapat dinilai"
    assert fp.status_text(P.TARGET_YEAR_PASSED, "id", True) == "✓ tercapai pada tahun target"
    assert fp.status_text(P.TARGET_YEAR_PASSED, "en", False) == "✗ not met in the target year"
    assert fp.status_text(P.TARGET_YEAR_PASSED, "id", pd.NA) == "○ tahun target sudah lewat"
    assert fp.status_colour(P.TARGET_YEAR_PASSED, False) == fp.STATUS_COLOURS[P.NO_PROGRESS]
    assert fp.status_colour(P.ON_TRACK) != fp.status_colour(P.OFF_TRACK)


def test_choice_label_shows_scope_value_and_the_conflicting_figure(targets):
    choices = P.target_choices(targets, "63")
    bkkbn = choices[choices["choice_id"] == "63|2023|BKKBN (RAN-PASTI)|21.51"].iloc[0]
    assert fp.choice_label(bkkbn, "id") == "Provinsi · BKKBN (RAN-PASTI): 21,51% (2023) ⚠ sumber lain: 18,1%"
    rpjmn = choices[choices["choice_id"] == "00|2029|RPJMN 2025–2029|14.2"].iloc[0]
    assert fp.choice_label(rpjmn, "en") == "National · RPJMN 2025–2029: 14.2% (2029)"


def test_pct_and_coefficient_text():
    assert fp.pct_text(21.51, "id") == "21,51%"
    assert fp.pct_text(14.2, "en") == "14.2%"
    assert fp.pct_text(float("nan")) == "–"
    assert fp.coefficient_text(-0.1178, "id") == "−0,12"
    assert fp.coefficient_text(float("nan")) == "–"


# -----------------------------------------------------------------------------
# target table
# -----------------------------------------------------------------------------
def test_target_display_kalsel_row(table, rpjmn):
    spec = fp.target_display(table, *rpjmn, lang="id")
    frame = spec.frame
    assert list(frame["Kode BPS"]) == CODES and spec.hidden == ("Kode BPS",)
    kalsel = frame.iloc[0]
    assert kalsel["Kabupaten/kota"] == "Kalimantan Selatan (provinsi)"
    assert kalsel["Data terakhir"] == "SSGI 2024"
    assert kalsel["Angka terakhir (%)"] == 22.9
    # log-linear over 2021-2024: 7.745 %/yr (test_progress); required to 14.2 in 2029: 9.115
    assert kalsel["Laju saat ini (%/tahun)"] == pytest.approx(7.7449, abs=1e-3)
    # headers name the target year, never a decimal figure (the tab / the export's sources give the value)
    assert kalsel["Laju dibutuhkan 2029 (%/tahun)"] == pytest.approx(9.1153, abs=1e-3)
    assert kalsel["Status 2029"] == "● tidak sesuai jalur"
    assert kalsel["Status 2045"] == "● sesuai jalur"
    assert kalsel["Tahun mencapai target 2045"] == 2043
    assert kalsel["Catatan"] == "sumber lain: 23,9%"
    assert not any("," in c for c in frame.columns)
    # numbers stay numbers, so the table sorts by value; the latest figure is shown as published
    assert frame["Angka terakhir (%)"].dtype == "float64"
    assert spec.formats["Angka terakhir (%)"] == fp.PUB_FORMAT


def test_target_display_one_tab_is_narrow(table, rpjmn):
    spec = fp.target_display(table, *rpjmn, lang="id", keys=("far",))
    # the status next to the region: on a projector the columns on the right are the first to be cut
    assert list(spec.frame.columns) == [
        "Kabupaten/kota", "Status", "Data terakhir", "Angka terakhir (%)", "Laju saat ini (%/tahun)",
        "Laju dibutuhkan (%/tahun)", "Proyeksi 2045 (%)", "Tahun mencapai target", "Catatan", "Kode BPS",
    ]
    assert spec.frame.iloc[0]["Status"] == "● sesuai jalur"
    # a region that cannot be judged says why there, not only in the notes at the far right
    tapin = spec.frame.set_index("Kode BPS").loc["6305"]
    assert tapin["Status"] == "○ belum dapat dinilai (perubahan tidak wajar)"
    english = fp.target_display(table, *rpjmn, lang="en", keys=("far",)).frame.set_index("BPS code")
    assert english.loc["6305", "Status"] == "○ cannot be judged yet (implausible change)"


def test_target_display_notes_flags_and_colours(table, rpjmn):
    spec = fp.target_display(table, *rpjmn, lang="en")
    frame = spec.frame.set_index("BPS code")
    # Tapin's rate is built on the 33.5 -> 14.5 jump
    assert frame.loc["6305", "Notes"] == ("this rate uses an implausible change (2021→2022) — check the source; "
                                          + P.reason_text(P.REASON_FLAGGED, "en"))
    assert frame.loc["6371", "Status 2029"] == "● no progress"
    assert math.isnan(frame.loc["6371", "Projected 2029 (%)"])
    status = spec.colours["Status 2029"]
    assert status[CODES.index("6371")] == fp.STATUS_COLOURS[P.NO_PROGRESS]
    assert status[CODES.index("6306")] == fp.STATUS_COLOURS[P.ON_TRACK]


def test_shown_table_has_no_missing_cells_and_says_below_target(table, rpjmn):
    spec = fp.target_display(table, *rpjmn, lang="id")
    shown = spec.shown("id").set_index("Kode BPS")
    # Streamlit prints None for NaN / <NA>: such columns become text with "–"
    assert not shown.isna().any().any()
    for code in ("6308", "6310", "6371"):  # HSU (flagged), Tanah Bumbu, Banjarmasin: no projection
        assert shown.loc[code, "Proyeksi 2029 (%)"] == "–" and shown.loc[code, "Tahun mencapai target 2029"] == "–"
    assert shown.loc["63", "Tahun mencapai target 2029"] == "2030"
    # Tapin 13.2 % is already below 14.2 %: no negative rate on screen, the number stays in the frame
    assert shown.loc["6305", "Laju dibutuhkan 2029 (%/tahun)"] == "sudah di bawah target"
    assert spec.frame.set_index("Kode BPS").loc["6305", "Laju dibutuhkan 2029 (%/tahun)"] == pytest.approx(-1.47, abs=5e-3)
    assert shown.loc["63", "Laju dibutuhkan 2029 (%/tahun)"] == "9,12"
    # columns without a gap or override stay numeric
    assert shown["Angka terakhir (%)"].dtype == "float64"


def test_styled_table_uses_the_language_decimal_comma(table, rpjmn):
    html = fp.target_display(table, *rpjmn, lang="id").styled("id").to_html()
    assert ">22,9<" in html and ">7,74<" in html and ">2043<" in html
    assert "None" not in html and "nan" not in html
    assert "color: #d35400" in html  # off track in orange
    html_en = fp.target_display(table, *rpjmn, lang="en").styled("en").to_html()
    assert ">22.9<" in html_en and "already below the target" in html_en


def test_target_export_rounded_plain_with_sources(prev, table, rpjmn):
    from kp2s_dashboard.export import tables as export

    near, far = rpjmn
    frame = fp.target_export(table, near, far, "id")
    assert list(frame.columns[:2]) == ["Kabupaten/kota", "Kode BPS"]
    kalsel = frame.iloc[0]
    assert kalsel["Laju saat ini (%/tahun)"] == 7.74 and kalsel["Laju dibutuhkan 2029 (%/tahun)"] == 9.12
    assert kalsel["Proyeksi 2029 (%)"] == 15.3 and kalsel["Status 2029"] == "tidak sesuai jalur"
    assert str(frame["Tahun mencapai target 2029"].dtype) == "Int64"
    tapin = frame.set_index("Kode BPS").loc["6305"]
    assert tapin["Laju dibutuhkan 2029 (%/tahun)"] == -1.47  # the number is kept in the download
    sources = fp.target_sources(prev, near, far, P.SeriesOptions(), "id")
    assert sources[0].startswith("Angka survei (SSGI/SKI, indikator utama) putaran SSGI 2021, SSGI 2022, SKI 2023, "
                                 "SSGI 2024; laju dari regresi log-linear")
    assert any(s.startswith("Target 2029: RPJMN 2025–2029 14,2%") and "https://" in s for s in sources)
    assert any(s.startswith("Target 2045: RPJPN 2025–2045 5,0%") for s in sources)
    text = export.to_csv_bytes(frame, "id", sources=sources).decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert "%," not in header.replace("(%),", "") and "14,2" not in header  # no decimal comma in the headers
    assert first.startswith("Kalimantan Selatan (provinsi),63,SSGI 2024,22.9,7.74,9.12,tidak sesuai jalur,15.3,2030,")
    assert "2030.0" not in text and "●" not in text
    assert "SKI 2023" in text.strip().splitlines()[-2]


def test_same_target_twice_gives_distinct_headers(table, rpjmn):
    near, _ = rpjmn
    twice = P.target_table(load_prevalence(datastore.current("prevalence").path).table, near, near, codes=["63"])
    frame = fp.target_display(twice, near, near, "id").frame
    assert len(set(frame.columns)) == len(frame.columns)
    assert "Status 2029 (2)" in frame.columns


def test_region_status_display_tanah_bumbu_rpjmd(prev, targets):
    choices = P.target_choices(targets, "6310")
    rpjmd = P.target_from_choice(choices, "6310|2030|RPJMD|16.91")
    long = P.progress_long(prev, [rpjmd], codes=["6310"])
    frame = fp.region_status_display(long, "id").frame
    assert frame.iloc[0]["Target"] == "RPJMD: 16,91% (2030)"
    assert frame.iloc[0]["Status"] == "● tidak ada kemajuan"
    assert frame.iloc[0]["Tautan sumber"].startswith("https://tanahbumbu.com/")
    shown = fp.region_status_display(long, "id").shown("id")
    # no progress: projection and year are "–" on screen; the required rate (positive) stays a number
    assert shown.iloc[0]["Proyeksi pada tahun target (%)"] == "–" and shown.iloc[0]["Tahun mencapai target"] == "–"
    assert shown["Laju dibutuhkan (%/tahun)"].dtype == "float64"


def test_region_status_display_tapin_already_below(prev, targets):
    near, _ = P.default_targets(targets)
    long = P.progress_long(prev, [near], codes=["6305"])
    shown = fp.region_status_display(long, "en").shown("en")
    assert shown.iloc[0]["Rate required (%/year)"] == "already below the target"


# -----------------------------------------------------------------------------
# path figures
# -----------------------------------------------------------------------------
def test_path_figure_tanah_laut_flags_and_targets(chart, rpjmn):
    fig = fp.path_figure(chart, "6301", list(rpjmn), "id", aarr_pct=6.8)
    observed = _trace(fig, "observed")
    assert list(observed.x) == [2021, 2023, 2024] and list(observed.y) == [31.0, 41.7, 22.5]
    flag = _trace(fig, "flag")
    assert list(flag.x) == [2023, 2024]  # 31.0 -> 41.7 (+10.7) and 41.7 -> 22.5 (-19.2)
    assert flag.name == "⚠ perubahan tidak wajar — periksa sumber"
    near, far = rpjmn
    assert list(_trace(fig, f"target:{near.choice_id}").y) == [14.2]
    assert list(_trace(fig, f"target:{far.choice_id}").y) == [5.0]
    path = _trace(fig, f"target_path:{near.choice_id}")
    assert path.x[0] == 2024 and path.y[0] == 22.5 and path.y[-1] == pytest.approx(14.2)
    # its rate rests on flagged changes: no projection is drawn
    assert "projection" not in fig.layout.meta
    assert fig.layout.separators == ",."
    # years upright and spaced by plotly for the width: a forced 2-year step rotated them and a phone showed
    # "202 202 203" (issue 15, phone)
    assert fig.layout.xaxis.dtick is None and fig.layout.xaxis.tickangle == 0 and fig.layout.xaxis.tickformat == "d"
    assert fig.layout.uirevision == "path-6301"


def test_path_figure_province_shows_alternative_figures(chart, rpjmn):
    fig = fp.path_figure(chart, "63", list(rpjmn), "id", first_year=2021)
    observed = _trace(fig, "observed")
    assert list(observed.x) == [2021, 2022, 2023, 2024]  # Riskesdas/SSGBI rounds left out
    assert "lain: 23,9%" in observed.text[-1]
    alt = _trace(fig, "alternative")
    assert (2024, 23.9) in set(zip(alt.x, alt.y)) and (2021, 30.1) in set(zip(alt.x, alt.y))
    assert "flag" not in fig.layout.meta


def test_path_figure_rising_district_has_no_projection(chart, rpjmn):
    fig = fp.path_figure(chart, "6371", list(rpjmn), "en")  # Banjarmasin: -0.24 %/yr, not falling
    assert "projection" not in fig.layout.meta
    assert f"target_path:{rpjmn[0].choice_id}" in fig.layout.meta


def test_path_grid_one_panel_per_region_with_status(chart, table, rpjmn):
    fig = fp.path_grid(chart, table, rpjmn[0], "id")
    assert fig.layout.meta["codes"] == CODES
    titles = [a.text for a in fig.layout.annotations]
    assert len(titles) == 14
    assert "Tapin</b> · belum dapat dinilai" in titles[CODES.index("6305")]  # flagged 2021→2022
    assert fp.STATUS_COLOURS[P.NOT_ASSESSABLE] in titles[CODES.index("6308")]
    assert fp.STATUS_COLOURS[P.NO_PROGRESS] in titles[CODES.index("6371")]
    flagged = {tr.meta.split(":")[1] for tr in fig.data if str(tr.meta).startswith("flag:")}
    assert flagged == {"6301", "6302", "6303", "6304", "6305", "6307", "6308", "6311"}
    # projections stop at the target year
    assert max(max(tr.x) for tr in fig.data if str(tr.meta).startswith("projection:")) == 2029


def test_path_grid_against_a_past_provincial_target(prev, targets):
    # BKKBN trajectory 21.51 % for 2023: observed SKI 2023 decides (Kalsel 24.7 no, Kotabaru 20.1 yes)
    near = P.target_from_choice(P.target_choices(targets, "63"), "63|2023|BKKBN (RAN-PASTI)|21.51")
    far = P.default_targets(targets)[1]
    table = P.target_table(prev, near, far, codes=CODES)
    chart = P.chart_data(prev, [near, far], codes=CODES)
    fig = fp.path_grid(chart, table, near, "id")
    titles = [a.text for a in fig.layout.annotations]
    assert "Kalsel</b> · tidak tercapai pada tahun target" in titles[0]
    assert fp.STATUS_COLOURS[P.NO_PROGRESS] in titles[0]
    assert "Kotabaru</b> · tercapai pada tahun target" in titles[CODES.index("6302")]
    assert fp.STATUS_COLOURS[P.ON_TRACK] in titles[CODES.index("6302")]
    assert not any(str(tr.meta).startswith(("projection:", "target_path:")) for tr in fig.data)
    assert tuple(fig.layout.xaxis.range) == (2020.5, 2024.5)


# -----------------------------------------------------------------------------
# survey vs e-PPGBM
# -----------------------------------------------------------------------------
def test_svr_two_panels_each_on_its_own_axis(prev):
    svr = P.survey_vs_register(prev)
    fig = fp.svr_dumbbell(svr, "id")
    survey, register = _trace(fig, "survey"), _trace(fig, "register")
    labels = list(survey.y)
    assert labels[:2] == ["Indonesia 2021", "Kalsel 2021"]
    tapin = labels.index("Tapin 2024")
    assert survey.x[tapin] == 13.2 and register.x[tapin] == 12.32
    assert len(labels) == len(svr) == 13 and list(register.y) == labels  # the rows are shared
    # never one axis, never joined: survey left, e-PPGBM right, no gap bar, and the title says so
    assert (survey.xaxis, register.xaxis) == ("x", "x2")
    assert fig.layout.xaxis.domain[1] < fig.layout.xaxis2.domain[0]
    assert not [tr for tr in fig.data if tr.meta == "gap"]
    assert "masing-masing dengan sumbunya sendiri" in fig.layout.title.text.replace("<br>", " ")
    # on a phone (390 px) the column titles never print over each other: each starts at its own column's left
    # edge, in lines short enough for its width (issue 15, phone)
    titles = list(fig.layout.annotations)
    assert [a.x for a in titles] == [fig.layout.xaxis.domain[0], fig.layout.xaxis2.domain[0]]
    assert {a.xanchor for a in titles} == {"left"}
    assert [a.text.replace("<br>", " ") for a in titles] == ["Survei (SSGI/SKI), %", "e-PPGBM (pencatatan rutin), %"]
    assert max(len(line) for a in titles for line in a.text.split("<br>")) <= 12
    assert max(len(line) for line in fig.layout.title.text.split("<br>")) <= 48
    # figures as published: 13,2% (one decimal) next to 12,32% (two)
    assert (survey.text[tapin], register.text[tapin]) == ("13,2%", "12,32%")
    assert "%{customdata[1]}" in survey.hovertemplate and ":.2f" not in survey.hovertemplate
    assert set(survey.marker.symbol) == {"circle", "square"}  # SSGI and SKI 2023 (Barito Kuala)


def test_svr_source_urls_of_the_rows_shown(prev):
    svr = P.survey_vs_register(prev)
    tapin = svr[(svr["code"] == "6305") & (svr["year"] == 2024)]
    urls = fp.svr_source_urls(prev, tapin)
    expected = prev[(prev["code"] == "6305") & (prev["year"] == 2024) & prev["source"].isin(["ssgi", "eppgbm"])]
    assert urls and set(urls) == set(expected["source_url"].dropna()) - {""}


def test_svr_display_keeps_row_remarks_only(prev):
    svr = P.survey_vs_register(prev, lang="id")
    frame = fp.svr_display(svr, "id").frame
    batola = frame[(frame["Wilayah"] == "Barito Kuala") & (frame["Tahun"] == 2024)].iloc[0]
    assert batola["Bulan e-PPGBM"] == "Januari"
    assert batola["Catatan"] == "Angka e-PPGBM dari bulan Januari, bukan bulan timbang Agustus."
    hss = frame[frame["Wilayah"] == "Hulu Sungai Selatan"]
    assert list(hss["Catatan"]) == ["", ""]  # August weighing month: nothing to add
    assert not frame["Catatan"].str.contains("Survei sampel vs pencatatan").any()
    kalsel = frame[frame["Wilayah"] == "Kalsel"].iloc[0]
    assert kalsel["Selisih (poin)"] == pytest.approx(19.36)
    # as published on screen: 24,4 and 30,0 keep one decimal, 10,64 two (no "24,40")
    html = fp.svr_display(svr, "id").styled("id").to_html()
    assert ">13,2<" in html and ">12,32<" in html and ">0,88<" in html
    assert ">24,40<" not in html and ">30,00<" not in html


# -----------------------------------------------------------------------------
# actions vs outcomes
# -----------------------------------------------------------------------------
def test_published_results_keep_provincial_single_year_rows(results):
    # 12 rows in the file: 2 without a period, 2 national awards with a range -> 8
    assert len(results) == 8
    assert results["period"].dtype == "int64" and str(results["rank"].dtype) == "Int64"
    assert list(results[results["period"] == 2024]["code"]) == ["6305", "6306"]
    tabalong = results[(results["code"] == "6309") & (results["period"] == 2020)].iloc[0]
    assert tabalong["score"] == 83.33 and tabalong["rank"] == 1


def test_province_reference_changes(prev):
    ref = fp.province_reference(prev, [(2021, 2022), (2023, 2024), (2019, 2020)])
    assert list(zip(ref["start_year"], ref["end_year"])) == [(2021, 2022), (2023, 2024)]  # no 2020 round
    # Kalsel 30.0 -> 24.6 and 24.7 -> 22.9
    assert list(ref["change_pp"].round(2)) == [-5.4, -1.8]
    assert ref["aarr_pct"].iloc[1] == pytest.approx(100 * (1 - 22.9 / 24.7), abs=1e-9)


def test_avo_scatter_pooled_ranks(prev, results):
    result = P.actions_vs_outcomes(results, prev, measure="rank")
    used = result.table[result.table["used"]]
    province = fp.province_reference(prev, zip(used["start_year"], used["end_year"]))
    fig = fp.avo_scatter(result, "id", province)
    dots = _trace(fig, "districts")
    # Tabalong 2022 (28.2 -> 19.7), Tapin 2024 (14.4 -> 13.2), HSS 2024 (25.4 -> 19.8)
    assert sorted(zip(dots.text, dots.x, [round(v, 2) for v in dots.y])) == [
        ("Hulu Sungai Selatan (2024)", 3.0, -5.6),
        ("Tabalong (2022)", 1.0, -8.5),
        ("Tapin (2024)", 1.0, -1.2),
    ]
    # n = 3: the title gives the sample size and says it is too few; the coefficients go to small text
    assert fig.layout.title.text == "n = 3 pasangan — terlalu sedikit untuk kesimpulan"
    assert fp.coefficients_note(result, "id") == (
        "Koefisien (sangat tidak pasti dengan n = 3; asosiasi, bukan sebab-akibat): Spearman ρ = 0,00, "
        "Pearson r = −0,12.")
    lines = {tr.meta: tr.y[0] for tr in fig.data if str(tr.meta).startswith("province:")}
    assert lines == pytest.approx({"province:2021-2022": -5.4, "province:2023-2024": -1.8})
    assert fig.layout.xaxis.title.text == "Peringkat provinsi (1 = terbaik)"


def test_avo_scatter_small_n_says_no_correlation(prev, results):
    result = P.actions_vs_outcomes(results, prev, period=2024, measure="rank")
    assert result.n == 2
    fig = fp.avo_scatter(result, "en")
    assert fig.layout.title.text == "No correlation computed: only n = 2 pairs (at least 3 needed)."
    assert list(_trace(fig, "districts").text) == ["Tapin", "Hulu Sungai Selatan"]  # one period: no suffix
    assert fp.coefficients_note(result, "en") == ""


def test_correlation_title_from_five_pairs_gives_the_coefficients(prev, results):
    result = P.actions_vs_outcomes(results, prev, measure="rank")
    bigger = replace(result, n=fp.MIN_PAIRS_FOR_CONCLUSION)
    assert fp.correlation_text(bigger, "id") == "Spearman ρ = 0,00; Pearson r = −0,12; n = 5"


def test_avo_sources_name_results_and_survey_links(prev, results):
    result = P.actions_vs_outcomes(results, prev, measure="rank")
    lines = fp.avo_sources(results, prev, result, "id")
    assert lines[0].startswith("Hasil penilaian kinerja aksi konvergensi yang dipublikasikan")
    assert set(results["source_url"]) - {""} <= set(lines[1:])  # every listed result's link
    tapin_2024 = prev[(prev["code"] == "6305") & (prev["year"] == 2024) & (prev["source"] == "ssgi")
                      & (prev["indicator"] == "stunting")]
    assert set(tapin_2024["source_url"]) <= set(lines)
    assert len(lines) == len(set(lines))


def test_avo_display_reasons(prev, results):
    result = P.actions_vs_outcomes(results, prev, measure="rank")
    frame = fp.avo_display(result, "id").frame
    assert len(frame) == 8
    tanbu = frame[(frame["Kabupaten/kota"] == "Tanah Bumbu") & (frame["Periode kinerja"] == 2021)].iloc[0]
    assert tanbu["Dipakai"] == "tidak ada angka survei 2020"
    assert tanbu["Tahun survei"] == "2020 → 2021"
    tapin = frame[frame["Kabupaten/kota"] == "Tapin"].iloc[0]
    assert tapin["Dipakai"] == "✓" and tapin["Perubahan (poin)"] == pytest.approx(-1.2)


# -----------------------------------------------------------------------------
# strings
# -----------------------------------------------------------------------------
def test_every_key_used_by_the_pages_and_figures_exists():
    figures = ("progress_common", "target_tables", "target_paths", "survey_register", "actions_outcomes")
    sources = [ROOT / "kp2s_dashboard" / "figures" / f"{name}.py" for name in figures] + [
        ROOT / "pages" / name for name in ("target.py", "survei_eppgbm.py", "aksi_hasil.py")
    ]
    used = set()
    for path in sources:
        used |= set(re.findall(r'"(prog\.[a-z_.]+[a-z_])"', path.read_text(encoding="utf-8")))
    assert len(used) > 40
    missing = sorted(k for k in used if k not in CATALOGUE)
    assert not missing, missing
    # keys built from parts
    for part in ("national", "province", "district"):
        assert f"prog.scope.{part}" in CATALOGUE
    for k in ("region", "year", "round", "survey", "register", "gap", "ratio", "month", "note"):
        assert f"prog.svr.col.{k}" in CATALOGUE
    for k in ("region", "period", "rank", "score", "years", "start", "end", "change", "aarr", "used"):
        assert f"prog.avo.col.{k}" in CATALOGUE
    for k in ("change_pp", "aarr_pct"):
        assert f"prog.avo.axis_{k}" in CATALOGUE and f"prog.avo.outcome_{k}" in CATALOGUE
