"""The row index of a read sheet (``Sheet.rows`` / ``Sheet.row_values``): the
``.xlsx`` reader builds it while filling the values and keeps it current when
it computes formulas without a cached value (issue 11, item 2). It must hold
exactly what a fresh index of ``values`` holds, in row and column order."""

from __future__ import annotations

import openpyxl

from kp2s_dashboard.sheets.book import Sheet, read_book


def _fresh(sheet: Sheet) -> dict[int, tuple]:
    rebuilt = Sheet(name=sheet.name, values=dict(sheet.values), max_row=sheet.max_row, max_col=sheet.max_col)
    return rebuilt.rows()


def test_index_after_computed_formulas_matches_values(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kode", "Skor", "Bobot", "Nilai", "Catatan"])
    ws.append(["1.1", 4, 2.5, "=B2*C2", "ok"])  # computed cell between two values
    ws.append(["1.2", 3, 2.5, "=B3*C3"])  # computed cell at the end of its row
    ws["D5"] = "=SUM(D2:D3)"  # a row holding only a formula
    ws["A6"] = "=B2+Z9"  # Z9 blank: 4 + 0
    ws.append([])
    ws["B8"] = "=FOO(1)"  # not computed: stays out of the values and the index
    path = tmp_path / "rumus.xlsx"
    wb.save(path)
    sheet = read_book(path).sheets[0]
    rows = sheet.rows()
    assert rows == _fresh(sheet)
    assert list(rows) == [1, 2, 3, 5, 6]
    assert sheet.row_values(2) == [(1, "1.1"), (2, 4), (3, 2.5), (4, 10), (5, "ok")]
    assert sheet.row_values(3, 2, 3) == [(2, 3), (3, 2.5)]
    assert sheet.row_values(5) == [(4, 17.5)]
    assert sheet.row_values(6) == [(1, 4)]
    assert sheet.row_values(8) == []
    assert (8, 2) in sheet.uncached


def test_add_values_keeps_index_current_and_a_changed_sheet_rebuilds_it():
    sheet = Sheet(name="x", values={(1, 1): "a", (1, 3): 3, (4, 2): 5}, max_row=4, max_col=3)
    assert sheet.rows() == {1: ((1, "a"), (3, 3)), 4: ((2, 5),)}
    sheet.add_values({(1, 2): 2, (2, 1): "b", (4, 2): 6})
    assert sheet.rows() == {1: ((1, "a"), (2, 2), (3, 3)), 2: ((1, "b"),), 4: ((2, 6),)}
    assert list(sheet.rows()) == [1, 2, 4]
    assert sheet.rows() == _fresh(sheet)
    sheet.values[(3, 1)] = "c"  # written directly: the index is rebuilt
    assert sheet.row_values(3) == [(1, "c")]
    assert list(sheet.rows()) == [1, 2, 3, 4]


def test_error_cell_and_percent_number_cells_of_an_assessor_sheet(tmp_path):
    """An error cell stays out of the values and the row index and is
    reported at its cell; a number cell formatted as percent counts ×100 as
    the weighted value (the fast path for number cells reads it as before)."""
    from kp2s_dashboard.assessment import load_workbook
    from tests.test_assessment_builders import write_assessor_book

    path = tmp_path / "penilai.xlsx"
    write_assessor_book(path, [{"title": "P1 Tapin", "district": "Tapin", "assessor": "Penilai 1"}], cache_values=False)
    wb = openpyxl.load_workbook(path)
    ws = wb["P1 Tapin"]
    ws["D8"] = "#DIV/0!"  # openpyxl writes an error cell (t="e")
    ws["F7"] = 0.4  # 4 × 10 written as 40 %
    ws["F7"].number_format = "0%"
    wb.save(path)

    sheet = read_book(path).sheets[0]
    assert sheet.errors[(8, 4)] == "#DIV/0!"
    assert (8, 4) not in sheet.values
    assert [c for c, _ in sheet.row_values(8)] == [1, 3, 5]  # F8 (=D8*E8 of an error) is not computed
    assert sheet.rows() == _fresh(sheet)

    result = load_workbook(path)
    assert [p.location.cell for p in result.report.find("err.asm_excel_error")] == ["D8"]
    row = result.scores.set_index("cell").loc["D7"]
    assert row["score"] == 4 and row["weighted"] == 40.0
    assert not result.report.find("err.asm_weighted_mismatch")
