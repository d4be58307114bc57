"""The Aksi Konvergensi and Validasi pages under the router with the real
files (the demo workbooks and data/kp2s_results.csv), in both languages;
the upload path through its pure function and through the session state."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_assessment_builders import write_rekap

from kp2s_dashboard.i18n import catalogue as strings
from kp2s_dashboard.assessment import summary as sa
from kp2s_dashboard.errors import DataError
from apptest import run_page as run

PROJECT = Path(__file__).resolve().parent.parent




def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def frame_with(at, column):
    for df in at.dataframe:
        if column in df.value.columns:
            return df.value
    raise AssertionError(f"no table with {column!r}")


@pytest.fixture(scope="module")
def broken_workbook(tmp_path_factory) -> bytes:
    """A summary workbook with a score outside 0–100 (C9), a misspelt
    district (B10) and a word where a score belongs (D11)."""
    path = tmp_path_factory.mktemp("upload") / "rekap.xlsx"
    write_rekap(path, text_cells={"C9": 150, "B10": "Tanah Lautt", "D11": "abc"})
    return path.read_bytes()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_aksi_page_shows_demo_data_with_banner(lang):
    at = run("pages/aksi.py", lang=lang)
    banner = {"id": "Data contoh — bukan hasil resmi", "en": "Sample data — not official results"}[lang]
    assert any(banner in w.value for w in at.warning)
    year_line = {"id": "Tahun penilaian 2024 · periode kinerja yang dinilai 2023",
                 "en": "Assessment held in 2024 · performance period scored 2023"}[lang]
    assert any(year_line in m.value for m in at.markdown)
    kinds = [c["data"][0]["type"] for c in charts(at)]
    assert kinds[:3] == ["heatmap", "bar", "bar"]


def test_aksi_heatmap_and_ranking_of_the_demo_rekap():
    at = run("pages/aksi.py")
    assert at.selectbox(key="asm_in_force").value == "rekap"  # the default: the official totals file
    captions = "\n".join(c.value for c in at.caption)
    assert "Berkas yang berlaku untuk penilaian 2024: contoh_rekap_2024.xlsx" in captions
    heat = charts(at)[0]
    assert heat["layout"]["separators"] == ",."
    dark = heat["data"][1]  # cells from 60 up (white text)
    i, j = dark["y"].index("Tanah Laut"), dark["x"].index("1. Analisis<br>Situasi")  # short names from the instrument
    assert dark["z"][i][j] == pytest.approx(69.07) and dark["text"][i][j] == "69,1"
    assert dark["customdata"][i][j][3] == "69,07"
    ranking = frame_with(at, "Perubahan peringkat")
    tabalong = ranking[ranking["Kabupaten/Kota"] == "Tabalong"].iloc[0]
    assert tabalong["Peringkat"] == "1" and tabalong["Nilai total"] == "171,64"
    # sample ranks: no published rank beside them, no change against one (issue 15 item 4)
    assert tabalong["Tahun penilaian sebelumnya"] == "–" and tabalong["Perubahan peringkat"] == "–"
    assert tabalong["Tautan sumber"] == ""
    infos = "\n".join(i.value for i in at.info)
    assert "Bobot komponen tidak diketahui" in infos


def test_aksi_district_from_url_against_province():
    at = run("pages/aksi.py", lang="en", district="6305")
    assert at.selectbox(key="asm_district").value == "6305"
    at.selectbox(key="asm_in_force").set_value("matrix").run()
    assert at.query_params["asm"] in ("matrix", ["matrix"])  # the file in force is in the URL
    table = frame_with(at, "Gap to the best (points)")
    first = table.iloc[0]
    assert first["District score (0–100)"] == "30.0" and first["Best"] == "87.5"
    assert first["Best district(s)"] == "Banjarmasin"
    # the matrix form has no totals: ranked by the mean of the action cells shown, and the page says so
    assert any("Ranked by mean of the action scores shown" in c.value for c in at.caption)
    assert at.radio(key="asm_map_metric").options == ["Mean of actions (0–100)", "Rank"]
    ranking = frame_with(at, "Rank change")
    assert ranking.iloc[0]["District"] == "Tanah Bumbu" and ranking.iloc[0]["Rank"] == "1"  # mean 84.4
    assert ranking.iloc[0]["Total score"] == ranking.iloc[0]["Mean (0–100)"] == "84.38"
    at.selectbox(key="asm_in_force").set_value("rekap").run()
    ranking = frame_with(at, "Rank change")
    assert ranking.iloc[0]["District"] == "Tabalong" and ranking.iloc[0]["Total from"] == "workbook total"


def test_aksi_shows_uploaded_files_with_their_problems(broken_workbook):
    at = run("pages/aksi.py", session={sa.UPLOADS_KEY: {"rekap_rusak.xlsx": broken_workbook}})
    assert at.selectbox(key="asm_dataset").options[-1] == "Berkas unggahan dari halaman Validasi (1)"
    at.selectbox(key="asm_dataset").set_value("uploads").run()
    assert not at.exception
    assert any("5 kesalahan dan 1 peringatan" in w.value for w in at.warning)
    assert not any("Data contoh" in w.value for w in at.warning)  # the upload is not marked synthetic
    assert any("Tahun penilaian 2025 · periode kinerja yang dinilai 2024" in m.value for m in at.markdown)


def test_aksi_published_results_apart_with_sources():
    at = run("pages/aksi.py")
    at.radio(key="asm_view").set_value("published").run()
    assert not at.exception
    assert not any("Data contoh" in w.value for w in at.warning)
    provincial = frame_with(at, "Peringkat")
    tapin = provincial[provincial["Kabupaten/Kota"] == "Tapin"].iloc[0]
    assert (tapin["Tahun penilaian"], tapin["Periode kinerja"], tapin["Peringkat"]) == ("2025", "2024", "1")
    assert tapin["Tautan sumber"] == "https://kalimantanpost.com/?p=408065"
    national = at.dataframe[1].value
    assert "Peringkat" not in national.columns and len(national) == 2
    assert set(national["Periode kinerja"]) == {"2019-2020", "2024-2025"}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_validasi_demo_files_are_clean_but_two_kinds_of_one_year_conflict(lang):
    """Each demo file is clean on its own; together, three kinds of file score the same districts for 2024: the
    combined report lists the two files not in force as conflicts (issue 14, item 1; it showed 0 before)."""
    at = run("pages/validasi.py", lang=lang)
    assert not at.success
    conflict = {"id": "dua sumber untuk penilaian 2024: 13 kabupaten/kota",
                "en": "two sources for the 2024 assessment: 13 districts"}[lang]
    warnings = frame_with(at, {"id": "Temuan dan yang diharapkan", "en": "Finding and what was expected"}[lang])
    found = [m for m in warnings.iloc[:, 1] if conflict in m]
    assert len(found) == 2 and all("contoh_rekap_2024.xlsx" in m for m in found)
    counts = {"id": "1.213 baris dibaca; 1.703 sel nilai: 1.702 dipakai, 1 tidak dinilai",
              "en": "1,213 rows read; 1,703 score cells: 1,702 used, 1 not scored"}[lang]
    assert any(counts in m.value for m in at.markdown)
    files = at.dataframe[0].value
    assert len(files) == 3 and set(files.iloc[:, 1]) == {"bersih" if lang == "id" else "clean"}


def test_validasi_follows_the_file_in_force_chosen_in_the_url():
    """With ``asm=assessor`` (chosen on Aksi), Validasi names the per-assessor file as the one in force, as Aksi,
    Profil and the deck do; it named the rekap before."""
    at = run("pages/validasi.py", asm="assessor")
    warnings = frame_with(at, "Temuan dan yang diharapkan")
    found = [m for m in warnings.iloc[:, 1] if "dua sumber untuk penilaian 2024" in m]
    assert len(found) == 2 and all("yang berlaku: contoh_penilai_2024.xlsx" in m for m in found), found
    assert not any("juga dinilai di contoh_penilai_2024.xlsx" in m for m in found)


def test_validasi_names_the_cells_of_an_uploaded_broken_workbook(broken_workbook):
    at = run("pages/validasi.py", session={sa.UPLOADS_KEY: {"rekap_rusak.xlsx": broken_workbook}})
    assert any("5 kesalahan" in e.value for e in at.error)
    errors = frame_with(at, "Temuan dan yang diharapkan")
    assert "L8" not in set(errors["Sel"])  # no false rank mismatch from the misspelt district's row
    row = errors[errors["Sel"] == "C9"].iloc[0]
    assert row["Berkas"] == "rekap_rusak.xlsx" and row["Lembar"] == "Rekap 2025"
    assert "'150' di luar skala; diharapkan 0–100" in row["Temuan dan yang diharapkan"]
    files = at.dataframe[0].value
    assert list(files["Berkas"]) == ["contoh_matriks_2024.xlsx", "contoh_penilai_2024.xlsx", "contoh_rekap_2024.xlsx",
                                     "rekap_rusak.xlsx"]
    assert files.iloc[3]["Ditolak"] == "10"


def test_check_upload_reports_file_sheet_cell_and_expectation(broken_workbook):
    result = sa.check_upload("rekap_rusak.xlsx", broken_workbook)
    table = sa.report_table(result.report, "en", "error")
    by_cell = {c: m for c, m in zip(table["Cell"], table["Finding and what was expected"])}
    assert by_cell["C9"] == "value '150' is outside the scale; expected 0–100 or '-' when not scored"
    assert by_cell["B10"].startswith("unknown district 'Tanah Lautt'; closest names: Tanah Laut")
    assert by_cell["D11"].startswith("'abc' is not a score")
    assert set(table["File"]) == {"rekap_rusak.xlsx"}
    files = sa.files_table([sa.CheckedFile("rekap_rusak.xlsx", result)], "en")
    assert files.iloc[0]["Check result"] == "errors" and files.iloc[0]["Rejected"] == 10


def test_check_upload_refuses_what_is_not_a_workbook():
    with pytest.raises(DataError) as info:
        sa.check_upload("catatan.txt", b"hello")
    assert info.value.key == "err.file_format" and info.value.location.file == "catatan.txt"
    with pytest.raises(DataError) as info:
        sa.check_upload("palsu.xlsx", b"not a zip")
    assert info.value.key == "err.upload_is_csv"  # text named .xlsx: the guard says so before any reader


def test_template_download_reads_back_as_an_empty_workbook():
    content = sa.template_bytes(2025, "rekap")
    result = sa.check_upload("templat.xlsx", content)
    assert result.report.ok and result.meta["layouts"] == ["rekap"]
    assert (result.meta["year_assessed"], result.meta["period"]) == (2025, 2024)
    assert result.report.counts["cells_scored"] == 0 and result.report.counts["cells_not_scored"] == 104
    assert sa.check_upload("templat.xlsx", sa.template_bytes(2025, "assessor")).meta["layouts"] == ["assessor"]


def test_every_assessment_page_string_exists_in_both_languages():
    sources = [PROJECT / "pages" / "aksi.py", PROJECT / "pages" / "validasi.py",
               *(PROJECT / "kp2s_dashboard" / "figures" / f"{m}.py" for m in ("assessment", "assessment_map", "assessment_style")),
               *(PROJECT / "kp2s_dashboard" / "assessment" / f"{m}.py" for m in ("views", "labels", "tables", "checking"))]
    used = set()
    for source in sources:
        used |= set(re.findall(r'"((?:asm|map|ui|col|class)\.[a-z_.]+[a-z_])"', source.read_text(encoding="utf-8")))
        used |= {f"asm.{m}." for m in re.findall(r'f"asm\.([a-z_.]+)\.\{', source.read_text(encoding="utf-8"))}
    assert len(used) > 80
    dynamic = {k for k in used if k.endswith(".")}
    for key in sorted(used - dynamic):
        entry = strings.CATALOGUE.get(key)
        assert entry and entry.get("id") and entry.get("en"), key
    values_of = {"asm.tab.": ("heatmap", "ranking", "lagging", "district", "components", "spread", "map"),
                 "asm.map.metric.": ("score_pct", "total", "rank"),
                 "asm.val.status.": ("clean", "warnings", "errors", "unreadable"),
                 "asm.previous_source.": ("published", "workbook"),
                 "asm.basis.": ("component", "action"),
                 "asm.hover.weighting.": ("file", "equal"),
                 "asm.severity_plural.": ("error", "warning", "info"),
                 "asm.severity.": ("error", "warning", "info"),
                 "asm.total_source.": ("workbook", "weights", "none"),
                 "asm.layout.": ("rekap", "matrix", "assessor"),
                 "asm.view.": ("workbooks", "published"),
                 "asm.basis_rank.": ("final", "total", "mean", "computed", "action_mean", "none"),
                 "asm.in_force.": ("default", "choice", "only")}
    assert dynamic <= set(values_of), dynamic - set(values_of)
    for prefix, values in values_of.items():
        for value in values:
            assert prefix + value in strings.CATALOGUE, prefix + value


def test_aksi_action_plan_of_tapin_against_province_and_neighbours():
    """Issue 15, item 3: with Tapin chosen, Aksi tertinggal follows Tapin and the district tab gives its plan."""
    at = run("pages/aksi.py", district="6305")
    subheaders = [s.value for s in at.subheader]
    assert "Aksi tertinggal Tapin" in subheaders
    assert "Tapin dan tetangganya pada delapan aksi" in subheaders
    text = "\n".join(m.value for m in at.markdown)
    assert ("- **1. Aksi 4 Perbup/Perwal**: 55,7 — −22,2 poin dari rata-rata provinsi (77,9), −18,9 poin dari rata-rata "
            "tetangga (74,6); tetangga terbaik Banjar (88,8).") in text
    plan = frame_with(at, "Selisih dengan rata-rata tetangga (poin)")
    assert list(plan.columns[:3]) == ["Aksi", "Selisih dengan rata-rata provinsi (poin)",
                                      "Selisih dengan rata-rata tetangga (poin)"]
    assert list(plan["Aksi"][:3]) == ["4. Perbup/Perwal", "3. Rembuk Stunting", "6. Manajemen Data"]
    assert list(plan["Prioritas"][:4]) == ["★ prioritas"] * 3 + [""]
    wide = frame_with(at, "4. Perbup/Perwal")
    assert list(wide["Kabupaten/Kota"]) == ["Tapin", "Banjar", "Barito Kuala", "Hulu Sungai Selatan",
                                            "Rata-rata provinsi"]
    captions = "\n".join(c.value for c in at.caption)
    assert "berbatasan langsung dengan Tapin: Banjar, Barito Kuala, Hulu Sungai Selatan" in captions
    gaps = next(c for c in charts(at) if c["data"][0].get("orientation") == "h"
                and c["data"][0]["y"][0].startswith("★"))
    assert gaps["data"][0]["y"][0] == "★ 4. Perbup/Perwal"


def test_aksi_without_district_keeps_the_province_lagging_actions():
    at = run("pages/aksi.py", lang="en")
    assert not any(s.value.startswith("Lagging actions of") for s in at.subheader)
    lagging = next(c for c in charts(at) if c["data"][0].get("orientation") == "h"
                   and str(c["data"][0]["y"][0]).startswith("Action"))
    assert lagging["data"][0]["y"][0] == "Action 3 · Rembuk stunting"  # province mean 65.2, the lowest
    assert any("Choose a district above to see its lagging actions" in c.value for c in at.caption)
