"""Numbers and plurals inside messages follow the UI language.

A figure in a message (an expected total, a survey's prevalence, a fraction)
is passed to :class:`kp2s_dashboard.errors.Problem` as a number and written
when the message is rendered: a decimal comma in Bahasa Indonesia (``41,7``),
a decimal point in English (``41.7``). An English message whose count is 1
uses the catalogue's singular form (``1 district``, not ``1 districts``).
"""

from __future__ import annotations

import numpy as np
import openpyxl

from kp2s_dashboard.assessment import load_workbook
from kp2s_dashboard.errors import Location, Problem
from kp2s_dashboard.i18n import fmt_plain, t
from kp2s_dashboard.prevalence.loader import load_prevalence


def _panel(path, balangan_mean):
    """A summary with three panelists and their mean: Balangan 60, -, 71 (mean 65,5)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Tahun penilaian : 2025"
    ws["A3"], ws["B3"], ws["C3"] = "No", "Kabupaten/Kota", "Paparan"
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:F3")
    for col, text in zip("CDEF", ["P1", "P2", "P3", "Rata-rata"]):
        ws[f"{col}4"] = text
    ws["A5"], ws["B5"], ws["C5"], ws["D5"], ws["E5"], ws["F5"] = 1, "Tapin", 80, 90, 70, 80
    ws["A6"], ws["B6"], ws["C6"], ws["D6"], ws["E6"], ws["F6"] = 2, "Balangan", 60, "-", 71, balangan_mean
    wb.save(path)
    return load_workbook(path)


def test_total_mismatch_writes_the_expected_total_in_the_ui_language(tmp_path):
    result = _panel(tmp_path / "panel.xlsx", 67)
    [problem] = result.report.find("err.asm_total_mismatch")
    assert problem.message("id") == "total di berkas 67 tidak sama dengan hasil dari bagian-bagiannya (C6:E6): 65,5"
    assert problem.message("en") == "the file's total 67 differs from what its parts (C6:E6) give: 65.5"


def test_weighted_mismatch_writes_product_and_weight_in_the_ui_language():
    problem = Problem("err.asm_weighted_mismatch", {"value": "45", "score": "3", "weight": 2.5, "expected": 7.5})
    assert problem.message("id") == "nilai 45 tidak sama dengan skor × bobot (3 × 2,5 = 7,5)"
    assert problem.message("en") == "value 45 differs from score × weight (3 × 2.5 = 7.5)"


CSV = """kabupaten/kota,tahun,sumber,prevalensi,catatan
Tanah Laut,2021,SSGI,31.0,
Tanah Laut,2023,SSGI,40.0,
Tanah Laut,2023,SKI,41.7,
Tanah Laut,2024,SSGI,22.5,
"""


def test_survey_conflict_writes_both_figures_in_the_ui_language(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(CSV, encoding="utf-8")
    [problem] = [p for p in load_prevalence(path).warnings if p.key == "warn.survey_conflict"]
    assert problem.message("id").startswith(
        "dua angka survei untuk Tanah Laut tahun 2023 (Stunting (TB/U < −2 SD)): SSGI 40 (di berkas p.csv, baris 3, kolom D) dan SKI 41,7; survei ")
    assert problem.message("en").startswith(
        "two survey figures for Tanah Laut in 2023 (Stunting (HAZ < −2 SD)): SSGI 40 (at file p.csv, row 3, column D) and SKI 41.7; the surveys ")


def test_fraction_warnings_write_the_fraction_and_percent_in_the_ui_language():
    problem = Problem("warn.fraction_among_percents", {"value": 0.123, "column": "prevalensi", "median": 24.6,
                                                       "pct": 0.123 * 100})
    assert problem.message("id") == ("nilai 0,123 di kolom prevalensi di bawah 1 sementara nilai lain di kolom itu "
                                     "persen (median 24,6); jika itu pecahan, tulis dalam persen (12,3)")
    assert problem.message("en") == ("value 0.123 in column prevalensi is below 1 while the column's other values are "
                                     "percents (median 24.6); if it is a fraction, write it in percent (12.3)")


def test_text_and_integers_are_written_as_given():
    """A cell quoted from a file stays as written; years and counts get no thousands separator."""
    problem = Problem("err.asm_year_conflict", {"written": 2024, "given": 2025})
    assert problem.message("id") == "berkas menulis tahun 2024, tetapi dipilih 2025; dipakai 2025"
    assert Problem("err.asm_total_not_number", {"value": "83,3x"}).message("en") == "total '83,3x' is not a number"


def test_fmt_plain():
    assert (fmt_plain(41.7, "id"), fmt_plain(41.7, "en")) == ("41,7", "41.7")
    assert (fmt_plain(1234.5, "id"), fmt_plain(1234.5, "en")) == ("1.234,5", "1,234.5")
    assert fmt_plain(65.0, "id") == "65" and fmt_plain(1 / 3, "en") == "0.3333" and fmt_plain(-0.5, "id") == "−0,5"
    assert fmt_plain(float("nan"), "en") == "–"


def test_one_district_is_singular_in_english():
    params = dict(year=2025, districts="Tapin", other="a.xlsx", other_kind="x", files="b.xlsx", kind="y")
    assert t("asm.conflict_sources", "en", n=1, **params) == (
        "two sources for the 2025 assessment: 1 district (Tapin) is also scored in a.xlsx (x); "
        "in force: b.xlsx (y). The files are not combined.")
    assert t("asm.conflict_sources", "en", n=2, **params).startswith(
        "two sources for the 2025 assessment: 2 districts (Tapin) are also scored")
    assert t("asm.conflict_sources", "id", n=1, **params).startswith(
        "dua sumber untuk penilaian 2025: 1 kabupaten/kota (Tapin) juga dinilai")
    missing = Problem("err.asm_districts_missing", {"n": 1, "districts": "Tapin"}, Location(file="r.xlsx"))
    assert missing.render("en") == "file r.xlsx: 1 district is missing from the file: Tapin"
    assert missing.render("id") == "berkas r.xlsx: 1 kabupaten/kota tidak ada di berkas: Tapin"
    # a count from pandas (numpy's int64) or already written out ("1") is one too
    assert t("rekomendasi.ed.preview", "en", n=np.int64(1)) == "Preview: 1 recommendation"
    assert t("rekomendasi.ed.preview", "en", n="1") == "Preview: 1 recommendation"
    assert t("rekomendasi.ed.preview", "en", n=3) == "Preview: 3 recommendations"


def test_upload_size_in_the_ui_language():
    import pytest

    from kp2s_dashboard.errors import DataError
    from kp2s_dashboard.sheets import uploads

    with pytest.raises(DataError) as info:
        uploads.check_size("besar.xlsx", int(2.5 * uploads.MB), uploads.Limits(max_bytes=int(1.5 * uploads.MB)))
    assert info.value.problem.message("id").startswith("berkas berukuran 2,5 MB; batasnya 1,5 MB. ")
    assert info.value.problem.message("en").startswith("the file is 2.5 MB; the limit is 1.5 MB. ")


def test_final_score_mismatch_writes_the_weights_in_the_ui_language(tmp_path):
    """Nilai Akhir = 0,6 × Review Dokumen + 0,4 × Paparan; HSS's 81 is not 0,6 × 70 + 0,4 × 95 = 80."""
    path = tmp_path / "komponen.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rekap"
    ws["A1"] = "Periode yang dinilai : 2024"
    for col, text in enumerate(["No", "Kab/Kota", "Review Dokumen (60%)", "Paparan (40%)", "Nilai Akhir", "Peringkat"],
                               start=1):
        ws.cell(3, col, text)
    for i, (name, doc, pap, final) in enumerate([("Tapin", 90, 80, 86), ("HSS", 70, 95, 81.5), ("Tabalong", 85, 60, 75)]):
        for col, value in enumerate([i + 1, name, doc, pap, final, i + 1], start=1):
            ws.cell(4 + i, col, value)
    wb.save(path)
    [problem] = load_workbook(path).report.find("err.asm_total_mismatch")
    assert problem.message("id") == ("total di berkas 81,5 tidak sama dengan hasil dari bagian-bagiannya "
                                     "(0,6×dokumen + 0,4×paparan): 80")
    assert problem.message("en") == "the file's total 81.5 differs from what its parts (0.6×dokumen + 0.4×paparan) give: 80"


def test_weighted_mismatch_from_a_workbook_in_the_ui_language(tmp_path):
    """An assessor's Nilai 4,5 where Skor 2 × Bobot 20 gives 40: every figure in the UI language."""
    from test_assessment_builders import write_assessor_book

    path = tmp_path / "penilai.xlsx"
    write_assessor_book(path, [{"title": "HSS", "district": None, "assessor": "Dr. A", "nilai_override": {9: 4.5}}])
    [problem] = load_workbook(path).report.find("err.asm_weighted_mismatch")
    assert problem.message("id") == "nilai 4,5 tidak sama dengan skor × bobot (2 × 20 = 40)"
    assert problem.message("en") == "value 4.5 differs from score × weight (2 × 20 = 40)"


def test_weighted_sum_is_escaped_for_markdown_and_written_per_language():
    from kp2s_dashboard.errors import WeightedSum
    from kp2s_dashboard.web.ui import plain_problem

    problem = Problem("err.asm_total_mismatch", {"value": 81.5, "expected": 80.0,
                                                 "parts": WeightedSum(((0.6, "review_dokumen"), (0.4, "paparan")))})
    assert plain_problem(problem, "en") == (
        "the file's total 81.5 differs from what its parts (0.6×review\\_dokumen + 0.4×paparan) give: 80")
    assert plain_problem(problem, "id") == (
        "total di berkas 81,5 tidak sama dengan hasil dari bagian-bagiannya (0,6×review\\_dokumen + 0,4×paparan): 80")


def test_one_missing_district_from_a_real_workbook_is_singular(tmp_path):
    """Banjarbaru's row replaced by a second HSS: one district missing, said in the singular."""
    from test_assessment_builders import write_rekap

    path = tmp_path / "rekap.xlsx"
    write_rekap(path, formulas=False, text_cells={"B20": "Hulu Sungai Selatan"})
    [missing] = load_workbook(path).report.find("err.asm_districts_missing")
    assert missing.message("en") == "1 district is missing from the file: Banjarbaru"
    assert missing.message("id") == "1 kabupaten/kota tidak ada di berkas: Banjarbaru"


def test_a_year_read_as_a_whole_float_is_written_as_a_year():
    """A year parameter that came from a cell as 2023.0 is "2023" in both
    languages, not "2.023" / "2,023" as a figure would be written."""
    from kp2s_dashboard.errors import Problem

    problem = Problem(key="err.target_duplicate", params={"label": "RPJMN", "year": 2023.0, "other": 3})
    assert "2023" in problem.message("id") and "2.023" not in problem.message("id")
    assert "2023" in problem.message("en") and "2,023" not in problem.message("en")


def test_a_scale_with_decimal_ends_is_written_in_the_ui_language():
    """The range a score must be in is written per language ("0,5–1,5" /
    "0.5–1.5"); the old text had a decimal comma on the English UI."""
    from kp2s_dashboard.assessment.instruments import range_scale
    from kp2s_dashboard.errors import Problem

    problem = Problem(key="err.asm_out_of_scale", params={"value": "7", "expected": range_scale(0.5, 1.5).expected()})
    assert problem.message("id") == "nilai '7' di luar skala; diharapkan 0,5–1,5 atau '-' bila tidak dinilai"
    assert problem.message("en") == "value '7' is outside the scale; expected 0.5–1.5 or '-' when not scored"


def test_a_score_out_of_a_workbooks_scale_names_the_scale_in_both_languages(tmp_path):
    """Read from a real per-assessor workbook (scale 1–4, D7 = 11)."""
    import openpyxl

    from kp2s_dashboard.assessment import load_workbook
    from test_assessment_builders import write_assessor_book

    path = tmp_path / "p.xlsx"
    write_assessor_book(path, [{"title": "P1 Tapin", "district": None, "assessor": "A"}])
    wb = openpyxl.load_workbook(path)
    wb.active["D7"] = 11
    wb.save(path)
    [problem] = load_workbook(path).report.find("err.asm_out_of_scale")
    assert problem.message("en") == "value '11' is outside the scale; expected 1–4 or '-' when not scored"
    assert problem.message("id") == "nilai '11' di luar skala; diharapkan 1–4 atau '-' bila tidak dinilai"


def test_one_district_with_a_boundary_is_said_in_the_singular():
    from kp2s_dashboard.i18n import t

    assert t("kelola.read_ok_boundaries", "en", n=1) == "File read: 1 district with a boundary."
    assert t("kelola.read_ok_boundaries", "en", n=13) == "File read: 13 districts with a boundary."
    assert t("kelola.read_ok_boundaries", "id", n=1) == "Berkas terbaca: 1 kabupaten/kota dengan batas wilayah."
