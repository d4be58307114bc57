"""District profile, peers and comparison figures on the real embedded data
(data/prevalence.csv, data/targets.csv, data/kp2s_results.csv, the demo
workbook) and the boundaries chosen in tests/conftest.py (the synthetic test
shapes have the real neighbour graph, so the neighbour views mean the same)."""

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest

from kp2s_dashboard import safetext
from kp2s_dashboard.store import datastore
from kp2s_dashboard import geo
from kp2s_dashboard.districts import peers, profile
from kp2s_dashboard.prevalence import progress, summary
from kp2s_dashboard.figures import compare as fc
from kp2s_dashboard.assessment import load_published_results, load_workbook
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.i18n.catalogue import CATALOGUE
from kp2s_dashboard.prevalence.targets import load_targets

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def prevalence():
    return load_prevalence(datastore.current("prevalence").path).table


@pytest.fixture(scope="module")
def targets():
    return load_targets(datastore.current("targets").path)


@pytest.fixture(scope="module")
def published():
    return load_published_results().table


@pytest.fixture(scope="module")
def build(prevalence, targets, published):
    cache = {}

    def get(code):
        if code not in cache:
            cache[code] = profile.build_profile(prevalence, targets, code, published)
        return cache[code]

    return get


@pytest.fixture(scope="module")
def neighbours(geo_dir):
    return geo.neighbours(geo.load_boundaries(geo.find_boundary_file(geo_dir)))


# -- summary text ------------------------------------------------------------------------------------------
def test_tapin_summary_lowest_and_first_in_the_2025_assessment(build):
    lines = profile.summary_sentences(build("6305"), "id")
    assert lines[0] == ("Tapin mencatat prevalensi stunting terendah di provinsi menurut SSGI 2024: 13,2% "
                        "(provinsi 22,9%, nasional 19,8%).")
    assert "Angka ini turun 1,2 poin dari SKI 2023 (14,4%)." in lines
    assert "Angka terakhir (13,2%) sudah di bawah target 2029 (14,2%)." in lines
    assert ("Pada penilaian kinerja aksi konvergensi yang diselenggarakan tahun 2025 (kinerja 2024), Tapin meraih "
            "peringkat 1 dari 13 kabupaten/kota.") in lines
    # the register figure is named apart, never as a survey figure
    assert lines[-1].startswith("Pencatatan rutin e-PPGBM 2024 mencatat 12,32%")
    english = profile.summary_sentences(build("6305"), "en")
    assert english[0].startswith("Tapin has the lowest stunting prevalence in the province in SSGI 2024: 13.2%")


def test_banjar_summary_highest_and_its_pace_not_judged_on_a_flagged_change(build):
    lines = profile.summary_sentences(build("6303"), "id")
    assert lines[0].startswith("Banjar mencatat prevalensi stunting tertinggi di provinsi menurut SSGI 2024: 32,3%")
    # its 2021-2024 rate rests on the flagged 2021 -> 2022 change: no on/off-track verdict
    assert not any(x.startswith("Dengan tren saat ini") for x in lines)
    assert any(x.startswith("Banjar — belum dapat dinilai") and "perubahan tidak wajar" in x and "2021→2022" in x
               for x in lines)
    assert any(x.startswith("Peringkat Banjar pada penilaian 2025 (kinerja 2024) tidak dipublikasikan") for x in lines)
    english = profile.summary_sentences(build("6303"), "en")
    assert english[2].startswith("Banjar — cannot be judged yet")


def test_tabalong_summary_off_track_for_2029_and_2045(build):
    # Tabalong: 23.1 % (SSGI 2024), 6.6 %/yr over 2021-2024, no flagged change;
    # 14.2 % in 2029 needs 9.3 %/yr
    lines = profile.summary_sentences(build("6309"), "id")
    status = next(x for x in lines if x.startswith("Dengan tren saat ini"))
    assert "turun rata-rata 6,6% per tahun, survei 2021–2024" in status
    assert "tidak sesuai jalur menuju target 2029 (14,2%) maupun target 2045 (5%)" in status
    assert "Untuk mencapai target 2029 (14,2%) dibutuhkan penurunan 9,3% per tahun." in lines
    english = profile.summary_sentences(build("6309"), "en")
    assert "off track for the 2029 target (14.2%) and the 2045 target (5%)" in english[2]


def test_middle_district_gets_its_rank_and_latest_known_assessment(build):
    lines = profile.summary_sentences(build("6309"), "id")  # Tabalong
    assert lines[0] == ("Prevalensi stunting Tabalong menurut SSGI 2024: 23,1% (provinsi 22,9%, nasional 19,8%), "
                        "peringkat 9 dari 13 kabupaten/kota dengan data (1 = terendah).")
    assert "Angka ini naik 5,0 poin dari SKI 2023 (18,1%)." in lines
    assert ("Peringkat Tabalong pada penilaian 2025 (kinerja 2024) tidak dipublikasikan; peringkat terakhir yang "
            "diketahui: 1 pada penilaian 2023 (kinerja 2022).") in lines


def test_rank_change_against_the_previous_published_rank(build):
    lines = profile.summary_sentences(build("6306"), "en")  # Hulu Sungai Selatan: 1st in 2022, 3rd in 2025
    assert ("In the convergence action assessment held in 2025 (performance 2024), Hulu Sungai Selatan ranked 3 of "
            "13 districts. Down 2 places from the assessment held in 2022 (rank 1).") in lines


def test_rising_trend_is_no_progress(build):
    lines = profile.summary_sentences(build("6371"), "id")  # Banjarmasin: 27.8 → 22.4 → 26.5 → 26.5
    status = next(x for x in lines if x.startswith("Dengan tren saat ini"))
    assert "naik rata-rata 0,2% per tahun" in status
    assert "tidak menunjukkan kemajuan menuju target 2029 (14,2%)" in status
    assert "Angka ini sama dengan SKI 2023 (26,5%)." in lines


# -- positions among the 13 ---------------------------------------------------------------------------------
def test_positions_of_tapin(build):
    pos = build("6305").positions.set_index("measure")
    assert list(pos.index) == ["survey", "change", "aarr", "register", "assessment"]
    assert (pos.loc["survey", "rank"], pos.loc["survey", "n"], pos.loc["survey", "extreme"]) == (1, 13, "best")
    # SKI 2023 -> SSGI 2024: Tapin -1.2 is the 5th biggest fall of the 12 with both rounds (Balangan has no SKI)
    assert (pos.loc["change", "rank"], pos.loc["change", "n"]) == (5, 12)
    assert pos.loc["change", "value"] == pytest.approx(-1.2)
    assert pos.loc["aarr", "rank"] == 1 and bool(pos.loc["aarr", "flagged"])
    # e-PPGBM 2024: Banjarbaru 5.32, Barito Kuala 10.39, Tapin 12.32, Banjar 24.3
    assert (pos.loc["register", "rank"], pos.loc["register", "n"]) == (3, 4)
    assert (pos.loc["assessment", "year"], pos.loc["assessment", "period"], pos.loc["assessment", "rank"]) == (2025, 2024, 1)


def test_position_lines_in_words(build):
    tapin = profile.position_lines(build("6305").positions, "id")
    assert tapin[0] == "**SSGI 2024** — 13,2%: peringkat 1 dari 13 kabupaten/kota dengan data, terendah"
    assert tapin[1] == ("**Perubahan SKI 2023 → SSGI 2024** — −1,2 poin: peringkat 5 dari 12 kabupaten/kota dengan "
                        "data (1 = penurunan terbesar)")
    banjar = profile.position_lines(build("6303").positions, "en")
    assert banjar[0] == "**SSGI 2024** — 32.3%: rank 13 of 13 districts with data, highest"
    assert banjar[3] == "**e-PPGBM 2025** — 26.3%: the only district with a figure"
    hst = profile.position_lines(build("6307").positions, "en")
    assert hst[1].endswith("+6.6 points: rank 12 of 12 districts with data, biggest rise")
    balangan = profile.position_lines(build("6311").positions, "id")
    assert balangan[1] == "**Perubahan SKI 2023 → SSGI 2024**: tidak ada angka (12 kabupaten/kota lain memiliki angka)"


def test_assessment_history_with_rank_changes(published):
    history = profile.assessment_history(published, "6309")  # Tabalong
    assert history["year_assessed"].tolist() == [2019, 2020, 2021, 2022, 2023]
    assert history["rank"].tolist() == [13, 7, 1, 2, 1]
    assert history["rank_change"].tolist()[1:] == [6, 6, -1, 1]
    assert pd.isna(history["rank_change"].iloc[0])
    lines = profile.history_lines(history, "id")
    # the note in the UI's language (issue 15 item 7), escaped for Markdown: it is data from a file
    assert lines[0].startswith("**Penilaian 2023** (kinerja 2022): peringkat **1** (▲ 1 dari peringkat 2 pada "
                               "penilaian 2022) — " + safetext.markdown("Peringkat pertama Kalsel (tahun disimpulkan "
                                                                        "dari isi artikel) · "))
    assert profile.history_lines(history, "en")[0].startswith(
        "**Assessment 2023** (performance 2022): rank **1** (▲ 1 from rank 2 in the assessment held in 2022) — "
        + safetext.markdown("Peringkat pertama Kalsel (year inferred from article content) · "))
    assert lines[1].startswith("**Penilaian 2022** (kinerja 2021): peringkat **2** (▼ 1 dari peringkat 1")
    assert lines[-1].startswith("**Penilaian 2019** (kinerja –): peringkat **13** — ")
    assert lines[-1].endswith("[sumber](https://metro7.co.id/daerah/kalimantan-selatan/tabalong/dengan-kinerja-yang-"
                              "baik-tabalong-berhasil-duduki-peringkat-pertama-dalam-penurunan-stunting/2021/)")
    assert profile.latest_assessment(published) == (2025, 2024)
    tanbu = profile.history_lines(profile.assessment_history(published, "6310"), "en")
    assert tanbu[0].startswith("**Assessment 2022** (performance 2021): rank **3** (the same as in the assessment "
                               "held in 2021) — ")
    awards = profile.national_awards(published, "6306")
    assert awards["year_assessed"].tolist() == [2025]


def test_status_lines_name_pace_and_requirement(build):
    tabalong = profile.status_lines(build("6309"), "id")
    assert tabalong[0].startswith("**target 2029 (14,2%)** — RPJMN 2025–2029: tidak sesuai jalur · laju saat ini "
                                  "6,6% per tahun, dibutuhkan 9,3% per tahun")
    banjar = profile.status_lines(build("6303"), "id")
    assert banjar[0] == ("**target 2029 (14,2%)** — RPJMN 2025–2029: "
                         + progress.reason_text(progress.REASON_FLAGGED, "id"))
    tapin = profile.status_lines(build("6305"), "en")
    assert "the latest figure 13.2% is already below the target" in tapin[0]


@pytest.fixture(scope="module")
def views():
    """The assessment data in force (today the three synthetic demo workbooks),
    as the Profil page gets them through the cache."""
    from kp2s_dashboard.assessment import combine_results, published_ranks
    from kp2s_dashboard.assessment.views import build_views

    result = combine_results([load_workbook(f.path) for f in datastore.current_files("assessment")])
    return result, build_views(result, previous=published_ranks())


def test_per_action_profile_of_the_assessment_data(views):
    result, v = views
    assert result.synthetic and (v.year_assessed, v.period) == (2024, 2023)
    actions = profile.action_profile(v.action_scores, "6305", result.instrument, "id")
    assert actions["action"].tolist() == list(range(1, 9))
    first = actions.iloc[0]
    assert first["action_name"] == "Analisis Situasi"
    scores = v.action_scores[(v.action_scores["action"] == 1)].set_index("code")["score_pct"]
    assert first["score_pct"] == pytest.approx(scores["6305"])
    assert first["province_mean"] == pytest.approx(scores.mean())
    assert first["rank"] == int((scores > scores["6305"]).sum()) + 1 and first["n"] == 13
    lines = profile.action_lines(profile.action_profile(v.action_scores, "6305", result.instrument, "en"), "en")
    assert lines[0].startswith("**Action 1** Situation analysis: ")


def test_sample_rank_is_not_set_against_a_published_rank(views):
    result, v = views
    tapin = profile.workbook_rank(v.ranking, "6305")
    assert (tapin["rank"], tapin["n"], tapin["year_assessed"], tapin["period"]) == (13, 13, 2024, 2023)
    assert profile.workbook_rank_text(tapin, "Tapin", True, "id") == (
        "Data contoh: Tapin peringkat 13 dari 13 pada penilaian 2024 (kinerja 2023).")
    assert "peringkat 13" not in profile.workbook_rank_text(tapin, "Tapin", True, "id", has_published_rank=True)
    assert profile.workbook_rank_text(tapin, "Tapin", False, "id", has_published_rank=True).startswith(
        "Tapin peringkat 13 dari 13")  # a real (non-sample) workbook rank is always given
    hss = profile.workbook_rank(v.ranking, "6306")  # published 1st in 2022, sample 9th in 2024
    # the one rule (sample_kept_apart): district_result never takes a published rank as a sample's previous one
    assert (hss["rank_previous"], hss["rank_change"], hss["previous_source"]) == (None, None, "")
    assert profile.workbook_rank_text(hss, "HSS", True, "en") == (
        "Sample data: HSS ranks 9 of 13 in the assessment held in 2024 (performance 2023).")
    # the same files read as a real workbook: the change since the published rank is given
    from kp2s_dashboard.assessment import published_ranks
    from kp2s_dashboard.assessment.views import build_views

    real = build_views(dataclasses.replace(result, synthetic=False), previous=published_ranks()).ranking
    hss = profile.workbook_rank(real, "6306")
    assert (hss["rank_previous"], hss["rank_change"], hss["previous_source"]) == (1, -8, "published")
    assert profile.workbook_rank_text(hss, "HSS", False, "en").endswith(
        "Down 8 places from the assessment held in 2022 (rank 1). (previous rank: published result)")


# -- peers ----------------------------------------------------------------------------------------------------
def test_banjarbaru_borders_banjar_and_tanah_laut(neighbours):
    assert neighbours["6372"] == ["6301", "6303"]
    assert peers.peer_codes("6372", "neighbours", neighbours=neighbours) == ["6301", "6303", "6372"]
    assert peers.group_text("6372", "neighbours", ["6301", "6303", "6372"], "id") == (
        "Banjarbaru dan 2 tetangganya: Tanah Laut, Banjar.")


def test_display_table_for_screen_and_download(prevalence):
    table = peers.compare_table(prevalence, ("ssgi", 2024), peers.peer_codes("6305", "all"), "6305")
    screen = peers.display_table(table, "id", "SSGI 2024", "SKI 2023")
    assert list(screen.columns) == ["Wilayah", "SSGI 2024", "Perubahan (poin)", "Peringkat"]
    balangan = screen[screen["Wilayah"] == "Balangan"].iloc[0].tolist()
    assert balangan == ["Balangan", "16,0%", "–", "3"]  # no SKI 2023 figure for Balangan
    assert screen["Wilayah"].tolist()[5] == "HSS"
    download = peers.display_table(table, "en", "SSGI 2024", "SKI 2023", formatted=False)
    row = download[download["BPS code"] == "6306"].iloc[0]
    assert row["Region"] == "Hulu Sungai Selatan" and row["SKI 2023"] == 25.4 and row["Change (points)"] == -5.6
    assert download["Remark"].eq("").sum() == len(download)  # no bound given: nothing flagged


def test_implausible_change_flagged_as_on_ringkasan(prevalence):
    from kp2s_dashboard.export import tables as export
    from kp2s_dashboard.prevalence import progress

    bound = progress.load_plausibility()["survey"]
    table = peers.compare_table(prevalence, ("ssgi", 2024), peers.peer_codes("6301", "all"), "6301", bound=bound)
    # Tanah Laut 41.7 (SKI 2023) -> 22.5 (SSGI 2024): -19.2 points in one year, above the 10-point bound
    ringkasan = summary.change_between(prevalence, ("ski", 2023), ("ssgi", 2024), bound=bound)
    assert sorted(table.loc[table["flagged"], "code"]) == sorted(ringkasan.loc[ringkasan["flagged"], "code"])
    assert "6301" in set(table.loc[table["flagged"], "code"])
    screen = peers.display_table(table, "id", "SSGI 2024", "SKI 2023").set_index("Wilayah")
    assert screen.loc["Tanah Laut", "Perubahan (poin)"] == "−19,2 ⚠"
    assert screen.loc["Tapin", "Perubahan (poin)"] == "−1,2"
    download = peers.display_table(table, "id", "SSGI 2024", "SKI 2023", formatted=False).set_index("Kode BPS")
    assert download.loc["6301", "Catatan"] == "perubahan tidak wajar — periksa sumber"
    assert download.loc["6301", "Perubahan (poin)"] == -19.2 and download.loc["6305", "Catatan"] == ""
    refs = peers.references(prevalence, ("ssgi", 2024))
    fig = fc.peer_changes(table, refs, "id", first_label="SKI 2023", second_label="SSGI 2024")
    drawn = list(fig.layout.meta["rows"])[::-1]  # bars in trace order (meta lists them top to bottom)
    bar = fig.data[0]
    assert bar.marker.pattern.shape[drawn.index("6301")] == "/" and bar.text[drawn.index("6301")] == "−19,2 ⚠"
    assert bar.marker.pattern.shape[drawn.index("6305")] == ""
    sources = peers.export_sources(prevalence, ("ssgi", 2024), ("ski", 2023), list(table["code"]), "id")
    assert sources[0].startswith("Angka prevalensi stunting (indikator utama) putaran SSGI 2024, SKI 2023")
    assert len(sources) > 1 and all(s.startswith("http") for s in sources[1:])
    text = export.to_csv_bytes(download.reset_index(), "id", sources=sources).decode("utf-8-sig")
    assert "Sumber: Angka prevalensi stunting" in text and "lihat halaman Data" not in text


def test_peers_by_class_in_ssgi_2024(prevalence):
    table = summary.district_round(prevalence, "ssgi", 2024)
    # medium (10-<20%): Barito Kuala 16.5, Tapin 13.2, HSS 19.8, HST 19.6, Balangan 16.0, Banjarbaru 15.4
    assert peers.peer_codes("6305", "class", round_table=table) == ["6304", "6305", "6306", "6307", "6311", "6372"]
    # very high (>= 30%): Banjar alone
    assert peers.peer_codes("6303", "class", round_table=table) == ["6303"]
    assert peers.peer_codes("6305", "all") == table["code"].tolist()
    with pytest.raises(Exception):
        peers.peer_codes("6305", "class")


def test_previous_round_stays_within_the_series(prevalence):
    assert peers.previous_round(prevalence, ("ssgi", 2024)) == ("ski", 2023)
    assert peers.previous_round(prevalence, ("ski", 2023)) == ("ssgi", 2022)
    assert peers.previous_round(prevalence, ("eppgbm", 2024)) == ("eppgbm", 2023)
    assert peers.previous_round(prevalence, ("riskesdas", 2013)) is None


def test_compare_table_and_references(prevalence, neighbours):
    codes = peers.peer_codes("6305", "neighbours", neighbours=neighbours)
    assert codes == ["6303", "6304", "6305", "6306"]
    table = peers.compare_table(prevalence, ("ssgi", 2024), codes, "6305").set_index("code")
    assert table.loc["6305", "value_pct"] == 13.2 and table.loc["6305", "previous_pct"] == 14.4
    assert table.loc["6305", "change_pp"] == pytest.approx(-1.2)
    assert table["rank"].to_dict() == {"6303": 4, "6304": 2, "6305": 1, "6306": 3}
    assert bool(table.loc["6305", "focus"]) and table["focus"].sum() == 1
    refs = peers.references(prevalence, ("ssgi", 2024)).set_index("code")
    assert refs.loc["63", "value_pct"] == 22.9 and refs.loc["63", "change_pp"] == pytest.approx(-1.8)
    assert refs.loc["00", "value_pct"] == 19.8 and refs.loc["00", "previous_pct"] == 21.5
    text = peers.focus_text(table.reset_index(), "en", "SSGI 2024")
    assert text == "Tapin, SSGI 2024: 13.2% — rank 1 of 4 in this group (1 = lowest)"


# -- figures --------------------------------------------------------------------------------------------------
def test_peer_dots_highlight_and_reference_lines(prevalence):
    table = peers.compare_table(prevalence, ("ssgi", 2024), peers.peer_codes("6305", "all"), "6305")
    refs = peers.references(prevalence, ("ssgi", 2024))
    fig = fc.peer_dots(table, refs, "id", round_label="SSGI 2024")
    assert fig.layout.meta["rows"][0] == "6305" and fig.layout.meta["rows"][-1] == "6303"
    assert "<b>Tapin</b>" in list(fig.data[0].y)
    lines = sorted(s.x0 for s in fig.layout.shapes if s.type == "line")
    assert lines == [19.8, 22.9]
    texts = [a.text for a in fig.layout.annotations]
    assert "Kalsel 22,9%" in texts and "Indonesia 19,8%" in texts
    assert fig.layout.separators == ",."
    assert "HSS" in list(fig.data[0].y)  # short labels fit a phone
    band = [s for s in fig.layout.shapes if s.type == "rect"][0]
    assert (band.y0, band.y1) == (11.5, 12.5)  # Tapin, drawn last = top row of 13
    # hover gives the figure as published (12,32% would keep its two decimals), not a fixed %.1f
    assert "%{customdata[4]}" in fig.data[0].hovertemplate and ":.1f" not in fig.data[0].hovertemplate
    assert "13,2%" in [row[4] for row in fig.data[0].customdata]
    anchors = {a.text: a.xanchor for a in fig.layout.annotations}
    assert anchors == {"Indonesia 19,8%": "right", "Kalsel 22,9%": "left"}  # labels run apart


def test_peer_changes_bars(prevalence):
    table = peers.compare_table(prevalence, ("ssgi", 2024), peers.peer_codes("6305", "all"), "6305")
    refs = peers.references(prevalence, ("ssgi", 2024))
    fig = fc.peer_changes(table, refs, "en", first_label="SKI 2023", second_label="SSGI 2024")
    assert fig.layout.meta["rows"][0] == "6301"  # Tanah Laut, -19.2, biggest fall on top
    assert len(fig.data[0].x) == 12  # Balangan has no SKI 2023
    assert "−1.2" in list(fig.data[0].text)
    assert fig.layout.separators == ".,"
    assert sorted(round(s.x0, 1) for s in fig.layout.shapes if s.type == "line") == [-1.8, -1.7]


def test_profile_trend_keeps_register_apart(prevalence, targets):
    from kp2s_dashboard.prevalence.progress import default_targets

    near, far = default_targets(targets)
    tapin = fc.profile_trend(prevalence, "6305", [near, far], "id")
    assert tapin.layout.meta["panels"] == 2
    assert {"observed", "province", "national", "target", "register"} <= set(tapin.layout.meta["roles"])
    # Tapin's pace rests on the flagged 2021 -> 2022 change: no projection drawn (issue 15)
    assert "projection" not in set(tapin.layout.meta["roles"])
    hss = fc.profile_trend(prevalence, "6306", [near, far], "id")
    assert "projection" in set(hss.layout.meta["roles"])
    register = [d for d in tapin.data if d.name == "Tapin (e-PPGBM)"][0]
    assert register.yaxis == "y2" and list(register.y) == [12.32]
    observed = [d for d in tapin.data if d.name == "Tapin"][0]
    assert list(observed.y) == [33.5, 14.5, 14.4, 13.2] and observed.yaxis == "y"
    short = fc.profile_trend(prevalence, "6305", [near, far], "id", until=2030)
    target = [d for d in short.data if d.name == "Target nasional"][0]
    assert list(target.x) == [2029]  # the 2045 target is beyond the axis
    assert not [d for d in short.data if d.name.startswith("Proyeksi")]
    short = fc.profile_trend(prevalence, "6309", [near, far], "id", until=2030)  # Tabalong, not flagged
    projection = [d for d in short.data if d.name.startswith("Proyeksi")][0]
    assert max(projection.x) == 2029 and short.layout.xaxis.range[1] == pytest.approx(2030.8)
    kotabaru = fc.profile_trend(prevalence, "6302", [near, far], "en")
    assert kotabaru.layout.meta["panels"] == 1
    assert kotabaru.layout.legend.orientation == "h"


def test_action_bars_figure(views):
    result, v = views
    fig = fc.action_bars(profile.action_profile(v.action_scores, "6305", result.instrument, "id"), "id")
    assert list(fig.data[0].y)[-1] == "Aksi 1" and len(fig.data[0].x) == 8
    assert fig.data[1].name == "Rata-rata provinsi"


# -- strings --------------------------------------------------------------------------------------------------
def test_profile_strings_exist_in_both_languages():
    from kp2s_dashboard.i18n.catalogue import domain

    for key, entry in domain("profile").items():
        assert key.startswith("prof."), key
        assert entry.get("id") and entry.get("en"), key
    used = set()
    for path in ["kp2s_dashboard/districts/profile.py", "kp2s_dashboard/districts/positions.py",
                 "kp2s_dashboard/districts/assessment_results.py", "kp2s_dashboard/districts/prevalence_figures.py",
                 "kp2s_dashboard/districts/peers.py", "kp2s_dashboard/figures/compare.py",
                 "pages/profil.py", "pages/bandingkan.py"]:
        used |= set(re.findall(r'"(prof\.[a-z_.]+[a-z_])"', (PROJECT / path).read_text()))
    missing = sorted(k for k in used if k not in CATALOGUE)
    assert not missing, missing
    for prefix, parts in {
        "prof.pos.prev.": ("best", "worst", "middle"),
        "prof.pos.change.": ("best", "worst_rise", "worst_fall", "middle"),
        "prof.pos.aarr.": ("best", "worst_rise", "worst_fall", "middle"),
        "prof.sum.status.": ("on_track", "off_track", "no_progress", "not_assessable", "target_year_passed"),
        "prof.cmp.mode.": peers.MODES,
    }.items():
        for part in parts:
            assert prefix + part in CATALOGUE
