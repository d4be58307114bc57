"""Importing a round of recommendations from the assessment team's
spreadsheet, its validation report (file, sheet, cell), and the template."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from kp2s_dashboard.errors import DataError
from kp2s_dashboard.recommendations import model as M
from kp2s_dashboard.recommendations import sheet as S
from tests.store_fixtures import new_store_url, store, store_url  # noqa: F401

TODAY = date(2025, 10, 20)


def _book(path, rows, header=("Kabupaten/Kota", "Aksi", "Rekomendasi", "Penanggung Jawab", "Tenggat"),
          sheet="Putaran 2024", lead=("Rekomendasi KP2S 2024", None)):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for value in lead:
        ws.append([value])
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def test_a_round_is_parsed_with_spellings_actions_and_dates(tmp_path):
    path = _book(tmp_path / "putaran.xlsx", [
        ("Kab. Tapin", "Aksi 1 Analisis situasi", "Perbarui analisis situasi", "Bappeda", datetime(2026, 3, 31)),
        ("HSS", 5, "Sosialisasi 1000 HPK", "Dinkes", "28/02/2026"),
        ("kota banjarmasin", "Umum", "Rapat TPPS tiap triwulan", "Bappeda", "2026-01-31"),
        (None, None, None, None, None),
        ("Tanah Laut", "", "Publikasi data stunting", "Diskominfo", None),
    ])
    r = S.read_round(path, TODAY)
    assert r.problems == [] and (r.file, r.sheet) == ("putaran.xlsx", "Putaran 2024")
    assert list(r.rows["district_code"]) == ["6305", "6306", "6371", "6301"]
    assert list(r.rows["action"].astype("object").where(r.rows["action"].notna(), None)) == [1, 5, None, None]
    assert list(r.rows["due_date"]) == [date(2026, 3, 31), date(2026, 2, 28), date(2026, 1, 31), None]
    assert list(r.rows["text"])[1] == "Sosialisasi 1000 HPK" and list(r.rows["source_row"]) == [4, 5, 6, 8]
    assert r.to_records(2024, "")[0] == dict(year_assessed=2024, period="", district_code="6305", action=1,
                                             text="Perbarui analisis situasi", responsible="Bappeda",
                                             priority=None, due_date=date(2026, 3, 31))


def test_validation_report_names_file_sheet_and_cell(tmp_path):
    path = _book(tmp_path / "putaran.xlsx", [
        ("Tapin", "Aksi 9", "Perbarui data", "Bappeda", datetime(2026, 3, 31)),        # row 4: unknown action
        ("Tapinn", 2, "Susun regulasi", "Dinkes", datetime(2026, 3, 31)),               # row 5: district misspelt
        ("Tapin", 3, "Rembuk ulang", "DPMD", datetime(2025, 1, 31)),                  # row 6: past date (warning, kept)
        ("Tapin", 4, "", "DPMD", "besok"),                                 # row 7: no text, bad date
        ("Kalimantan Selatan", 4, "Latih kader", None, datetime(2026, 3, 31)),       # row 8: province, no responsible
    ])
    r = S.read_round(path, TODAY)
    assert r.report("en") == [
        "file putaran.xlsx, sheet Putaran 2024, cell B4: Unknown action Aksi 9; expected Aksi 1–8, or empty for "
        "a general recommendation.",
        "file putaran.xlsx, sheet Putaran 2024, cell A5: unknown region 'Tapinn'; closest known names: Tapin, "
        "Tanah Bumbu",
        "file putaran.xlsx, sheet Putaran 2024, cell E6: Due date 2025-01-31 is already past (today is 2025-10-20).",
        "file putaran.xlsx, sheet Putaran 2024, cell C7: The recommendation text is required.",
        "file putaran.xlsx, sheet Putaran 2024, cell E7: Due date besok is not a date; enter a date or 31/03/2026.",
        "file putaran.xlsx, sheet Putaran 2024, cell A8: Kalimantan Selatan is not a kabupaten/kota.",
        "file putaran.xlsx, sheet Putaran 2024, cell D8: The responsible perangkat daerah is required.",
    ]
    assert [p.severity for p in r.problems] == ["error", "error", "warning", "error", "error", "error", "error"]
    assert list(r.rows["source_row"]) == [6]  # only the warned row is kept
    assert "sel E6" in r.report("id")[2] and "sudah lewat" in r.report("id")[2]


def test_a_row_copied_twice_is_a_warning_naming_the_first(tmp_path):
    """The same district, action and text twice (case and spacing aside) would be two recommendations to follow
    up: a warning on the second names the first row; both are kept for the editor to decide. The same text for
    another district or action is no duplicate."""
    path = _book(tmp_path / "putaran.xlsx", [
        ("Tapin", 1, "Perbarui analisis situasi", "Bappeda", datetime(2026, 3, 31)),      # row 4
        ("Tapin", 2, "Perbarui analisis situasi", "Bappeda", datetime(2026, 3, 31)),      # row 5: other action
        ("HSS", 1, "Perbarui analisis situasi", "Bappeda", datetime(2026, 3, 31)),        # row 6: other district
        ("Kab. Tapin", "Aksi 1", "perbarui  analisis situasi ", "Dinkes", datetime(2026, 4, 30)),  # row 7: copy of 4
    ])
    r = S.read_round(path, TODAY)
    assert r.report("en") == [
        "file putaran.xlsx, sheet Putaran 2024, cell C7: This recommendation is the same as row 4 (same "
        "kabupaten/kota, action and text): if it was copied twice, delete one so that it does not become two "
        "recommendations to follow up."]
    assert [p.severity for p in r.problems] == ["warning"]
    assert list(r.rows["source_row"]) == [4, 5, 6, 7]


def test_no_header_is_a_clear_error(tmp_path):
    path = _book(tmp_path / "lain.xlsx", [("Tapin", 1, "x")], header=("Wilayah", "Skor", "Catatan"))
    with pytest.raises(DataError, match="lain.xlsx.*kabupaten/kota \\| aksi"):
        S.read_round(path, TODAY)


def test_template_round_trip_and_import_into_the_store(tmp_path, store):
    out = S.write_template(tmp_path / "templat.xlsx", 2024, n_rows=20)
    wb = openpyxl.load_workbook(out)
    ws = wb[S.SHEET_NAME]
    assert [c.value for c in ws[S.HEADER_ROW]] == list(S.TEMPLATE_HEADERS)
    assert wb[S.LIST_SHEET].sheet_state == "hidden" and wb[S.LIST_SHEET]["A1"].value == "Kabupaten Tanah Laut"
    formulas = sorted(dv.formula1 for dv in ws.data_validations.dataValidation)
    assert "=Daftar!$B$1:$B$9" in formulas and "=Daftar!$A$1:$A$13" in formulas
    assert str(ws.data_validations.dataValidation[0].sqref) == "B5:B24"
    # an editor fills two rows the way the drop-downs offer
    ws["A5"], ws["B5"], ws["C5"], ws["D5"], ws["E5"], ws["F5"], ws["G5"] = (
        1, "Kabupaten Tapin", "Aksi 2", "Susun regulasi desa", "DPMD", datetime(2026, 6, 30), "tinggi")
    ws["A6"], ws["B6"], ws["C6"], ws["D6"], ws["E6"], ws["F6"] = (
        2, "Kabupaten Balangan", "Umum", "Perkuat TPPS", "Bappeda", datetime(2026, 3, 31))
    wb.save(out)
    r = S.read_round(out, TODAY)
    assert r.problems == [] and r.sheet == "Rekomendasi"
    assert list(r.rows["no"]) == [1, 2] and list(r.rows["priority"]) == ["tinggi", None]
    ids = M.add_many(store, r.to_records(2024), "budi")
    recs, _ = M.frames(store)
    assert list(recs["district_code"]) == ["6305", "6311"] and ids == list(recs["id"])
    assert recs["due_date"].tolist() == [date(2026, 6, 30), date(2026, 3, 31)]


def test_parse_action_and_date_forms():
    assert [S.parse_action(v) for v in (3, 3.0, "3", "Aksi 3", "aksi 8 Review kinerja", "Umum", None, "-")] == [
        3, 3, 3, 3, 8, None, None, None]
    for bad in (0, 9, 2.5, "Aksi ke sembilan", "Rembuk"):
        with pytest.raises(ValueError):
            S.parse_action(bad)
    assert S.parse_date("31-03-2026") == S.parse_date("31.03.2026") == date(2026, 3, 31)
    assert S.parse_date("") is None
