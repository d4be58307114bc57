"""The progress pages (Target, Survei vs e-PPGBM, Aksi vs hasil) run under the
router with the real data, in both languages, and show the real values.

Each test runs the router once before switching page, as AppTest asks for
pages registered through ``st.navigation`` (before the first run it knows
pages only by file name).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["pages/target.py", "pages/survei_eppgbm.py", "pages/aksi_hasil.py"]


def run(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    out = [m.value for m in at.markdown] + [c.value for c in at.caption]
    out += [w.value for w in at.warning] + [i.value for i in at.info]
    out += [m.label + " " + str(m.value) for m in at.metric]
    return "\n".join(out)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_progress_page_renders(page, lang):
    at = run(page, lang=lang)
    assert at.title
    assert at.dataframe, page


# -----------------------------------------------------------------------------
# Target
# -----------------------------------------------------------------------------
def test_target_table_kalsel_row_and_statuses():
    at = run("pages/target.py")
    assert at.title[0].value == "Kemajuan menuju target penurunan stunting"
    # one tab per target, short headers naming no decimal figure
    assert [tab.label for tab in at.tabs] == ["RPJMN 2025–2029: 14,2% (2029)", "RPJPN 2025–2045: 5,0% (2045)"]
    near, far = at.dataframe[0].value, at.dataframe[1].value
    assert len(near) == len(far) == 14
    assert "Status 2045" not in near.columns and "Laju dibutuhkan 2029 (%/tahun)" not in near.columns
    kalsel = near.iloc[0]
    assert kalsel["Kabupaten/kota"] == "Kalimantan Selatan (provinsi)"
    assert kalsel["Angka terakhir (%)"] == 22.9
    # the column holds Tapin's "already below the target", so it is shown as text
    assert kalsel["Laju dibutuhkan (%/tahun)"] == "9,12"
    assert kalsel["Status"] == "● tidak sesuai jalur"
    assert far.iloc[0]["Status"] == "● sesuai jalur"
    assert kalsel["Catatan"] == "sumber lain: 23,9%"
    by_name = near.set_index("Kabupaten/kota")
    assert by_name.loc["Hulu Sungai Selatan", "Status"] == "● sesuai jalur"
    assert by_name.loc["Banjarmasin", "Status"] == "● tidak ada kemajuan"
    assert "perubahan tidak wajar" in by_name.loc["Tanah Laut", "Catatan"]
    # no raw None: missing projections and years read "–"; Tapin (13,2% < 14,2%) is already below the target
    for name in ("Hulu Sungai Utara", "Tanah Bumbu", "Banjarmasin"):
        assert by_name.loc[name, "Proyeksi 2029 (%)"] == "–" and by_name.loc[name, "Tahun mencapai target"] == "–"
    assert by_name.loc["Tapin", "Laju dibutuhkan (%/tahun)"] == "sudah di bawah target"
    assert not near.isna().any().any()
    page = texts(at)
    assert "UNICEF" in page and "perubahan tidak wajar — periksa sumber" in page
    assert "SSGI 2024: 22,9% (sumber lain: 23,9%)" in page  # the province chart's alternatives


def test_target_english():
    at = run("pages/target.py", lang="en")
    kalsel = at.dataframe[0].value.iloc[0]
    assert kalsel["District/city"] == "Kalimantan Selatan (province)"
    assert kalsel["Status"] == "● off track"
    assert at.dataframe[0].value.set_index("District/city").loc["Tapin", "Rate required (%/year)"] == \
        "already below the target"
    assert "Average annual rate of reduction" in texts(at)


def test_target_choice_and_method_change_the_table():
    at = run("pages/target.py")
    # BKKBN provincial trajectory 21.51 % for 2023: Kalsel SKI 2023 was 24.7 -> not met
    at.selectbox(key="tgt_near").set_value("63|2023|BKKBN (RAN-PASTI)|21.51").run()
    assert not at.exception
    assert at.tabs[0].label == "BKKBN (RAN-PASTI): 21,51% (2023)"
    kalsel = at.dataframe[0].value.iloc[0]
    assert kalsel["Status"] == "✗ tidak tercapai pada tahun target"
    assert "18,1%" in at.selectbox(key="tgt_near").format_func("63|2023|BKKBN (RAN-PASTI)|21.51")
    # first-to-last round: Kalsel 30.0 (2021) -> 22.9 (2024) = 8.61 %/yr
    at.radio(key="tgt_method").set_value("endpoints").run()
    assert at.dataframe[0].value.iloc[0]["Laju saat ini (%/tahun)"] == pytest.approx(8.6087, abs=1e-3)


def test_target_district_from_url_with_its_rpjmd():
    at = run("pages/target.py", district="6310")
    assert at.selectbox(key="tgt_district").value == "6310"
    assert "6310|2030|RPJMD|16.91" in at.multiselect(key="tgt_chart_6310").value
    region = at.dataframe[2].value.set_index("Target")
    assert region.loc["RPJMD: 16,91% (2030)", "Status"] == "● tidak ada kemajuan"


def test_target_district_flags_are_spelled_out():
    at = run("pages/target.py", district="6301")
    warnings = [w.value for w in at.warning]
    assert "2023 → 2024: 41,7% → 22,5% (−19,2 poin, batas 10,0) — perubahan tidak wajar — periksa sumber" in warnings
    assert len(warnings) == 2


def test_target_small_multiples_view():
    at = run("pages/target.py")
    at.segmented_control(key="tgt_view").set_value("all").run()
    assert not at.exception
    assert at.radio(key="tgt_grid_target").value == "near"
    assert any("Judul tiap panel" in c.value for c in at.caption)


# -----------------------------------------------------------------------------
# Survei vs e-PPGBM
# -----------------------------------------------------------------------------
def test_survey_vs_register_pairs_and_reasons():
    at = run("pages/survei_eppgbm.py")
    table = at.dataframe[0].value
    tapin = table[(table["Wilayah"] == "Tapin") & (table["Tahun"] == 2024)].iloc[0]
    assert (tapin["Survei (%)"], tapin["e-PPGBM (%)"]) == (13.2, 12.32)
    assert tapin["Selisih (poin)"] == pytest.approx(0.88)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Pasangan angka"] == "13"
    assert metrics["Kabupaten/kota"] == "8"
    assert "posyandu" in texts(at) and "Agustus" in texts(at)


def test_survey_vs_register_year_filter_english():
    at = run("pages/survei_eppgbm.py", lang="en")
    at.pills(key="svr_years").set_value([2024]).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert set(table["Year"]) == {2024}
    assert sorted(table["Region"]) == ["Banjar", "Banjarbaru", "Barito Kuala", "Tapin"]
    assert "Why the figures differ" in [s.value for s in at.subheader]


# -----------------------------------------------------------------------------
# Aksi vs hasil
# -----------------------------------------------------------------------------
def test_actions_vs_outcomes_states_n_and_association():
    at = run("pages/aksi_hasil.py")
    metrics = {m.label: m.value for m in at.metric}
    # n is the only big number; the coefficients are small text with the caveat, and n < 5 says no conclusion
    assert metrics == {"Pasangan yang dipakai (n)": "3"}
    page = texts(at)
    assert "Spearman ρ = 0,00, Pearson r = −0,12" in page and "sangat tidak pasti dengan n = 3" in page
    assert any(w.value.startswith("Hanya n = 3 pasangan: terlalu sedikit untuk menarik kesimpulan")
               for w in at.warning)
    assert "bukan bukti" in page
    assert "8 peringkat provinsi" in page
    table = at.dataframe[0].value
    assert len(table) == 8
    # no raw None: missing rank/score/figures read "–"
    assert not table.isna().any().any()
    tanbu = table[(table["Kabupaten/kota"] == "Tanah Bumbu") & (table["Periode kinerja"] == 2020)].iloc[0]
    assert (tanbu["Skor"], tanbu["Awal (%)"], tanbu["Laju (%/tahun)"]) == ("–", "–", "–")
    used = table[table["Dipakai"].str.startswith("✓")]
    assert sorted(used["Kabupaten/kota"]) == ["Hulu Sungai Selatan", "Tabalong", "Tapin"]


def test_actions_vs_outcomes_one_period_too_few_for_a_correlation():
    at = run("pages/aksi_hasil.py", lang="en")
    at.multiselect(key="avo_periods").set_value([2024]).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Pairs used (n)": "2"}
    assert "No correlation computed: only n = 2 pairs (at least 3 needed)." in [w.value for w in at.warning]
    assert any(w.value.startswith("Only n = 2 pairs: too few to draw any conclusion") for w in at.warning)
    assert "Spearman" not in texts(at)
    assert "not proof" in texts(at)


def test_actions_vs_outcomes_period_after_timing():
    at = run("pages/aksi_hasil.py")
    at.radio(key="avo_timing").set_value("after").run()
    # P -> P+1: HSS 2021 (29.1 -> 20.3), Tabalong 2021 (28.2 -> 19.7), Tabalong 2022 (19.7 -> 18.1)
    table = at.dataframe[0].value
    used = table[table["Dipakai"].str.startswith("✓")]
    assert sorted(zip(used["Kabupaten/kota"], used["Periode kinerja"])) == [
        ("Hulu Sungai Selatan", 2021), ("Tabalong", 2021), ("Tabalong", 2022)
    ]
    assert {m.label: m.value for m in at.metric}["Pasangan yang dipakai (n)"] == "3"


def test_actions_vs_outcomes_without_results_file_says_so(tmp_path, monkeypatch):
    from kp2s_dashboard.store import datastore

    monkeypatch.setitem(datastore.DEFAULT_FILES, "published", str(tmp_path / "kp2s_results.csv"))
    at = run("pages/aksi_hasil.py")
    assert [i.value for i in at.info] == ["Belum ada hasil penilaian yang tersedia (data/kp2s_results.csv tidak ditemukan)."]
    assert not at.dataframe
