"""Workbooks with hostile or careless content: the loader must stay fast,
keep its checks honest and name what it could not use."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.styles import PatternFill
from test_assessment_builders import write_assessor_book, write_rekap

from kp2s_dashboard.assessment import load_workbook
from kp2s_dashboard.sheets.grid import read_book
from kp2s_dashboard.assessment.values import parse_number
from kp2s_dashboard.sheets.xlsxcache import set_cached_values


def _keys(result):
    return [p.key for p in result.report.problems]


def test_fill_far_away_does_not_grow_the_grid(tmp_path):
    # a fill colour at XFD200 makes the used range A1:XFD200; only cells with
    # content count for the extent, and the table still reads in full
    path = tmp_path / "r.xlsx"
    written = write_rekap(path, formulas=False)
    wb = openpyxl.load_workbook(path)
    wb.active["XFD200"].fill = PatternFill("solid", fgColor="FFFF00")
    wb.save(path)
    sheet = read_book(path).sheets[0]
    assert (sheet.max_row, sheet.max_col) == (27, 12)
    assert sheet.origin(7, 1) == (6, 1)  # merges kept
    result = load_workbook(path)
    assert result.report.ok
    assert len(result.scores) == 13 * 8
    row = result.scores[result.scores["cell"] == "C8"].iloc[0]
    assert row["score"] == written["values"]["6301"][0]


def test_formula_returning_empty_text_is_a_blank(tmp_path):
    # Excel stores =IF(..;"";..) as <c t="str"><f>..</f><v></v></c>: a result
    path = tmp_path / "r.xlsx"
    write_rekap(path, text_cells={"C8": '=IF(1=1,"",5)'}, formulas=False)
    set_cached_values(path, {"Rekap 2025": {"C8": ""}})
    result = load_workbook(path)
    assert "err.asm_formula_uncached" not in _keys(result)
    row = result.scores[result.scores["cell"] == "C8"].iloc[0]
    assert row["status"] == "not_scored"


def test_formula_without_stored_result_is_still_named(tmp_path):
    path = tmp_path / "r.xlsx"
    write_rekap(path, text_cells={"C8": '=IF(1=1,"",5)'}, formulas=False)
    result = load_workbook(path)
    assert [p.location.cell for p in result.report.find("err.asm_formula_uncached")] == ["C8"]


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "1_0", "1e2", "83,333,3"])
def test_text_that_only_python_reads_as_a_number_is_not_a_score(tmp_path, text):
    path = tmp_path / "r.xlsx"
    write_rekap(path, text_cells={"C8": text}, formulas=False)
    result = load_workbook(path)
    assert result.scores[result.scores["cell"] == "C8"].empty
    problem = result.report.find("err.asm_not_a_score")
    assert [(p.location.cell, p.params["value"]) for p in problem] == [("C8", text)]
    assert parse_number(text) is None


def test_one_unknown_district_keeps_the_other_ranks_right(tmp_path):
    # the file ranked 13 rows; the misspelt row's stated total keeps its place
    path = tmp_path / "r.xlsx"
    write_rekap(path, text_cells={"B12": "Tapinn"}, formulas=False)
    result = load_workbook(path)
    assert [p.location.cell for p in result.report.find("err.asm_district_unknown")] == ["B12"]
    assert result.report.find("err.asm_rank_mismatch") == []
    ranks = result.totals[result.totals["kind"] == "rank"]
    assert len(ranks) == 12 and ranks["agrees"].all()


def test_duplicate_district_row_keeps_the_other_ranks_right(tmp_path):
    path = tmp_path / "r.xlsx"
    write_rekap(path, text_cells={"B12": "Kab. Tanah Laut"}, formulas=False)
    result = load_workbook(path)
    assert [p.location.cell for p in result.report.find("err.asm_duplicate_district")] == ["B12"]
    assert result.report.find("err.asm_rank_mismatch") == []


def test_a_wrong_rank_is_still_found_next_to_an_unknown_district(tmp_path):
    path = tmp_path / "r.xlsx"
    written = write_rekap(path, text_cells={"B12": "Tapinn"}, formulas=False)
    wb = openpyxl.load_workbook(path)
    wb.active["L8"] = written["ranks"]["6301"] - 1
    wb.save(path)
    result = load_workbook(path)
    mismatch = result.report.find("err.asm_rank_mismatch")
    assert [(p.location.cell, p.params["expected"]) for p in mismatch] == [("L8", written["ranks"]["6301"])]


def test_out_of_scale_part_counts_in_the_total_as_written(tmp_path):
    # C8 = 150 and K8 = SUM(C8:J8) including it, as Excel computes it
    path = tmp_path / "r.xlsx"
    written = write_rekap(path, formulas=False)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    new_total = round(written["totals"]["6301"] - written["values"]["6301"][0] + 150, 2)
    ws["C8"], ws["K8"] = 150, new_total
    wb.save(path)
    result = load_workbook(path)
    assert [p.location.cell for p in result.report.find("err.asm_out_of_scale")] == ["C8"]
    assert result.report.find("err.asm_total_mismatch") == []
    assert result.report.find("err.asm_rank_mismatch") == []
    note = result.report.find("asm.note_ranks_unchecked")
    assert [(p.location.cell, p.params["cells"]) for p in note] == [("C8", "C8")]
    k8 = result.totals.set_index("cell").loc["K8"]
    assert bool(k8["agrees"]) and k8["expected"] == pytest.approx(new_total)


@pytest.mark.parametrize(("jumlah", "mismatch"), [(29, []), (20, ["D16"])])
def test_out_of_scale_part_in_a_per_assessor_total(tmp_path, jumlah, mismatch):
    # Skor column D7:D15 (1-4 scale, D14 "-"); D7 = 11 is out of scale and
    # Excel's SUM in D16 counts it: 11 + 3 + 2 + 3 + 1 + 4 + 3 + 2 = 29
    path = tmp_path / "p.xlsx"
    write_assessor_book(path, [{"title": "P1 Tapin", "district": None, "assessor": "A"}])
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["D7"], ws["D16"] = 11, jumlah
    wb.save(path)
    result = load_workbook(path)
    assert [p.location.cell for p in result.report.find("err.asm_out_of_scale")] == ["D7"]
    assert [p.location.cell for p in result.report.find("err.asm_total_mismatch")] == mismatch


def test_note_below_the_table_is_not_a_district(tmp_path):
    path = tmp_path / "r.xlsx"
    write_rekap(path, text_cells={"B21": "Keterangan", "B22": "Kepala Bappeda Provinsi Kalimantan Selatan"}, formulas=False)
    result = load_workbook(path)
    assert result.report.find("err.asm_district_unknown") == []
    assert result.report.counts["cells_rejected"] == 0
    assert [p.location.cell for p in result.report.find("asm.note_text_row")] == ["B21", "B22"]
    assert result.report.counts["rows_read"] == 13


def test_rejected_row_rejects_only_cells_that_hold_something(tmp_path):
    path = tmp_path / "r.xlsx"
    write_rekap(path, text_cells={"B12": "Tapinn", **{f"{c}12": None for c in "DEFGHIJ"}}, formulas=False)
    result = load_workbook(path)
    assert list(result.rejected["cell"]) == ["C12"]
    assert result.report.counts["cells_rejected"] == 1


def test_bottom_total_row_is_checked_against_its_columns(tmp_path):
    path = tmp_path / "r.xlsx"
    written = write_rekap(path, formulas=False)
    column_c = sum(v[0] for v in written["values"].values())
    column_k = sum(written["totals"].values())
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["B21"], ws["C21"], ws["D21"], ws["K21"] = "Jumlah", round(column_c, 2), 1.0, 12345
    ws["B22"], ws["C22"] = "Rata-rata", round(column_c / 13, 2)
    wb.save(path)
    result = load_workbook(path)
    mismatch = result.report.find("err.asm_total_mismatch")
    assert [(p.location.cell, p.params["parts"]) for p in mismatch] == [("D21", "D8:D20"), ("K21", "K8:K20")]
    assert mismatch[1].params["expected"] == pytest.approx(column_k, abs=0.005)
    assert [p.location.cell for p in result.report.find("asm.note_summary_row")] == ["B21", "B22"]
    assert result.report.find("err.asm_district_unknown") == []
    assert set(result.totals["cell"]) & {"C21", "K21", "C22"} == set()  # not a district's total


def test_total_tolerance_follows_the_number_format(tmp_path):
    # parts give 520,33 (+ file's own rounding); the file shows 520,30 with
    # format 0.00: the stored 520.3 reads "520,3", still two decimals shown
    path = tmp_path / "r.xlsx"
    written = write_rekap(path, formulas=False)
    true = written["totals"]["6301"]
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["K8"] = round(true - 0.03, 2)
    ws["K8"].number_format = "0.00"
    ws["K9"] = round(written["totals"]["6302"], 1)
    ws["K9"].number_format = "General"
    wb.save(path)
    result = load_workbook(path)
    cells = [p.location.cell for p in result.report.find("err.asm_total_mismatch")]
    assert cells == ["K8"]


def _two_sheet_book(path, lines_a, lines_b):
    wb = openpyxl.Workbook()
    a = wb.active
    a.title = "A"
    for ws, lines, district in ((a, lines_a, "Tapin"), (wb.create_sheet("B"), lines_b, "Balangan")):
        for i, text in enumerate(lines):
            ws.cell(1 + i, 1, text)
        ws["A4"], ws["B4"], ws["C4"] = "No", "Kabupaten/Kota", "Aksi 1"
        ws["A5"], ws["B5"], ws["C5"] = 1, district, 70
    wb.save(path)


def test_period_is_not_borrowed_from_another_sheet(tmp_path):
    path = tmp_path / "r.xlsx"
    _two_sheet_book(path, ["Tahun penilaian : 2025", "Periode yang dinilai : 2024"], ["Tahun penilaian : 2024"])
    result = load_workbook(path)
    years = result.scores.set_index("sheet")[["year_assessed", "period"]]
    assert tuple(years.loc["A"]) == (2025, 2024)
    assert tuple(years.loc["B"]) == (2024, 2023)


def test_sheet_without_years_takes_the_workbook_years(tmp_path):
    path = tmp_path / "r.xlsx"
    _two_sheet_book(path, ["Tahun penilaian : 2025", "Periode yang dinilai : 2024"], [])
    result = load_workbook(path)
    years = result.scores.set_index("sheet")[["year_assessed", "period"]]
    assert tuple(years.loc["B"]) == (2025, 2024)


def test_period_equal_to_the_assessment_year_is_a_warning(tmp_path):
    path = tmp_path / "r.xlsx"
    _two_sheet_book(path, ["Tahun penilaian : 2025", "Periode yang dinilai : 2025"], ["Tahun penilaian : 2025"])
    result = load_workbook(path)
    found = result.report.find("err.asm_year_equals_period")
    assert [(p.location.sheet, p.location.cell, p.severity) for p in found] == [("A", "A2", "warning")]


def test_unreadable_year_names_its_cell(tmp_path):
    path = tmp_path / "r.xlsx"
    _two_sheet_book(path, ["Tahun penilaian : 2O25", "Periode yang dinilai : 2024"], [])
    result = load_workbook(path)
    found = result.report.find("err.asm_year_unreadable")
    assert [(p.location.sheet, p.location.cell, p.params["value"]) for p in found] == [("A", "A1", "2O25")]
    assert set(result.scores["year_assessed"]) == {2025}  # inferred from the period
