"""The one spreadsheet reader (issue 11, item 1): merged cells read as a person
reads them, a district column on per-assessor sheets, uncached formulas
computed or reported once per sheet and column. Workbooks are built here with
openpyxl (so formulas have no cached value, as openpyxl writes them)."""

from __future__ import annotations

import openpyxl
import pytest

from kp2s_dashboard.prevalence.loader import load_prevalence


def _value(table, code, source, year, indicator="stunting"):
    rows = table[(table["code"] == code) & (table["source"] == source) & (table["year"] == year)
                 & (table["indicator"] == indicator)]
    assert len(rows) == 1, rows
    return float(rows["value_pct"].iloc[0])


# -- merged cells in prevalence tables ---------------------------------------------------------------
def test_district_merged_over_several_rows_names_each_row(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kabupaten/Kota", "Tahun", "Sumber", "Prevalensi"])
    ws.append(["Tapin", 2021, "SSGI", 33.5])
    ws.append([None, 2022, "SSGI", 14.5])
    ws.append([None, 2023, "SKI", 19.9])
    ws.merge_cells("A2:A4")
    ws.append(["Balangan", 2021, "SSGI", 32.3])
    ws.append([None, 2022, "SSGI", 30.0])
    ws.merge_cells("A5:A6")
    path = tmp_path / "gabung.xlsx"
    wb.save(path)
    result = load_prevalence(path)
    t = result.table
    assert len(t) == 5
    assert _value(t, "6305", "ssgi", 2022) == 14.5
    assert _value(t, "6305", "ski", 2023) == 19.9
    assert _value(t, "6311", "ssgi", 2022) == 30.0
    # where each figure was read stays its own cell
    assert t.loc[(t["code"] == "6305") & (t["year"] == 2023), "origin"].iloc[0].endswith("!D4")


def test_header_merged_over_year_columns_heads_each_of_them(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "Kabupaten/Kota", "SSGI", None, None, "SKI"])
    ws.append([None, None, 2021, 2022, 2024, 2023])
    ws.merge_cells("C1:E1")
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:B2")
    ws.append([1, "Tapin", 33.5, 14.5, 12.1, 19.9])
    ws.append([2, "Balangan", 32.3, 30.0, 21.6, 28.4])
    path = tmp_path / "kepala.xlsx"
    wb.save(path)
    t = load_prevalence(path).table
    assert len(t) == 8
    assert _value(t, "6305", "ssgi", 2021) == 33.5
    assert _value(t, "6305", "ssgi", 2024) == 12.1
    assert _value(t, "6311", "ski", 2023) == 28.4


def test_district_merged_over_rows_in_a_wide_table(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kabupaten/Kota", "SSGI 2021", "SSGI 2022"])
    ws.append(["Tapin", 33.5, None])
    ws.append([None, None, 14.5])
    ws.merge_cells("A2:A3")
    path = tmp_path / "lebar.xlsx"
    wb.save(path)
    t = load_prevalence(path).table
    assert len(t) == 2
    assert _value(t, "6305", "ssgi", 2021) == 33.5
    assert _value(t, "6305", "ssgi", 2022) == 14.5


# -- a per-assessor sheet naming the district on every row ------------------------------------------
def _assessor_sheet_with_district_column(path, districts=("Tapin", "Balangan", "Kota Banjarbaru")):
    """Sheet ``P1``: title block without a district, then
    ``No | Kabupaten/Kota | Aksi | Indikator | Skor (1-4) | Bobot (%) | Nilai``
    with two indicators per district; ``Nilai`` = ``=E*F`` (no cached value)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "P1"
    ws["A1"] = "LEMBAR PENILAIAN PER PENILAI"
    ws["A2"] = "Tahun penilaian : 2025"
    ws["A3"] = "Nama Penilai : P1"
    for c, text in enumerate(("No", "Kabupaten/Kota", "Aksi", "Indikator", "Skor (1-4)", "Bobot (%)", "Nilai"), 1):
        ws.cell(5, c, text)
    written = {}
    r = 6
    for i, district in enumerate(districts):
        first = r
        for code, action, score in (("1.1", 1, 1 + i), ("2.1", 2, 4 - i)):
            ws.append([code, district, f"Aksi {action}", f"indikator {code}", score, 10, f"=E{r}*F{r}"])
            written[(district, code)] = (score, r)
            r += 1
        ws.append([None, None, None, "Jumlah", None, None, f"=SUM(G{first}:G{r - 1})"])
        written[(district, "Jumlah")] = (None, r)
        r += 1
    wb.save(path)
    return written


def test_assessor_sheet_with_a_district_column_is_read_by_that_column(tmp_path):
    from kp2s_dashboard.assessment import load_workbook

    path = tmp_path / "penilai_kolom.xlsx"
    written = _assessor_sheet_with_district_column(path)
    result = load_workbook(path)
    assert not result.report.find("err.asm_district_sheet_unknown")
    assert not result.report.find("err.asm_no_district")
    assert not result.report.errors, result.report.errors
    s = result.scores
    assert len(s) == 6 and set(s["status"]) == {"scored"}
    codes = {"Tapin": "6305", "Balangan": "6311", "Kota Banjarbaru": "6372"}
    for (district, code), (score, row) in written.items():
        if code == "Jumlah":
            total = result.totals[result.totals["cell"] == f"G{row}"]
            assert total["code"].tolist() == [codes[district]] and bool(total["agrees"].iloc[0])
            assert total["value"].iloc[0] == sum(v[0] * 10 for (d, c), v in written.items() if d == district and v[0])
            continue
        rec = s[(s["code"] == codes[district]) & (s["indicator"] == code)]
        assert len(rec) == 1, (district, code)
        assert rec["score"].iloc[0] == score and rec["cell"].iloc[0] == f"E{row}"
        assert rec["assessor"].iloc[0] == "P1"
        # Nilai (=E*F, no cached value) computed by the reader and checked against Skor × Bobot
        assert rec["weighted"].iloc[0] == score * 10


def test_unknown_district_in_the_district_column_names_its_cell(tmp_path):
    from kp2s_dashboard.assessment import load_workbook

    path = tmp_path / "penilai_kolom.xlsx"
    _assessor_sheet_with_district_column(path, districts=("Tapin", "Tapinn"))
    result = load_workbook(path)
    bad = result.report.find("err.asm_district_unknown")
    assert [p.location.cell for p in bad] == ["B9", "B10"]
    assert set(result.rejected["cell"]) == {"E9", "E10"}
    assert set(result.scores["code"]) == {"6305"}


# -- formulas without a cached value ------------------------------------------------------------------
def test_simple_formulas_are_computed_and_others_reported_once_per_column(tmp_path):
    from kp2s_dashboard.assessment import load_workbook
    from test_assessment_builders import ASSESSOR_ROWS, write_assessor_book

    rows = ASSESSOR_ROWS[:7]  # 1.1 … 6.1, all scored
    path = tmp_path / "penilai.xlsx"
    write_assessor_book(path, [{"title": "Tapin P1", "district": "Tapin", "assessor": "P1", "rows": rows}],
                        cache_values=False)
    wb = openpyxl.load_workbook(path)
    ws = wb["Tapin P1"]
    for r in (8, 9, 10):
        ws[f"F{r}"] = f"=ROUND(D{r}*E{r},2)"  # a function: not computed here
    wb.save(path)
    result = load_workbook(path)
    s = result.scores.set_index("cell")
    # =D7*E7 computed (Nilai checked against Skor × Bobot), =SUM(F7:F13) too once its parts are known
    assert s.loc["D7", "weighted"] == 40 and s.loc["D11", "weighted"] == 10
    # the three ROUND cells and the Jumlah that sums them (F14): one finding for column F
    assert result.report.find("err.asm_formula_uncached_total") == []
    grouped = result.report.find("err.asm_formula_uncached_total_cells")
    assert [(p.location.cell, p.params["count"], p.params["formula"]) for p in grouped] == [
        ("F8:F14", 4, "=ROUND(D8*E8,2)")]
    assert "4 total formulas in F8:F14" in grouped[0].render("en")
    assert "4 rumus total di F8:F14" in grouped[0].render("id")


def test_large_uncached_column_is_one_finding(tmp_path):
    from kp2s_dashboard.assessment import load_workbook

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rekap"
    ws["A1"] = "Tahun penilaian : 2025"
    ws.append([])
    ws.append(["No", "Kabupaten/Kota", "Aksi 1", "Aksi 2", "Jumlah"])
    names = ["Tanah Laut", "Kotabaru", "Banjar", "Barito Kuala", "Tapin"]
    for i, name in enumerate(names, start=4):
        ws.append([i - 3, name, 80, 70, f"=SUM(C{i}:D{i})"])
    ws["C8"] = "=C4+5"  # a constant: stays reported, alone
    wb.save(tmp_path / "rekap.xlsx")
    result = load_workbook(tmp_path / "rekap.xlsx")
    assert [p.location.cell for p in result.report.find("err.asm_formula_uncached")] == ["C8"]
    # E4:E7 computed and checked; E8 depends on C8 and stays reported (one cell: the one-cell message)
    totals = result.totals.set_index("cell")
    assert totals.loc["E4", "value"] == 150 and bool(totals.loc["E4", "agrees"])
    assert [p.location.cell for p in result.report.find("err.asm_formula_uncached_total")] == ["E8"]


def test_prevalence_uncached_formulas_reported_once_per_column(tmp_path):
    from kp2s_dashboard.errors import DataError

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kabupaten/Kota", "SSGI 2021", "SSGI 2022", "pendek", "sangat pendek"])
    names = ["Tapin", "Balangan", "Banjar", "Tabalong"]
    for r, name in enumerate(names, start=2):
        ws.append([name, f"=D{r}+E{r}", f"=ROUND(D{r}*1.1,1)", 10.5, 4.25])
    wb.save(tmp_path / "p.xlsx")
    with pytest.raises(DataError) as info:
        load_prevalence(tmp_path / "p.xlsx")
    problems = info.value.problems
    assert [(p.key, p.location.cell, p.params["count"]) for p in problems] == [
        ("err.formula_uncached_cells", "C2:C5", 4)]
    assert "4 formulas in C2:C5" in problems[0].render("en")
