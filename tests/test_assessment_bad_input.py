"""Workbooks with hostile or careless content: the loader must stay fast,
keep its checks honest and name what it could not use."""

from __future__ import annotations

import openpyxl
from openpyxl.styles import PatternFill
from test_assessment_builders import write_rekap

from kp2s_dashboard.assessment import load_workbook
from kp2s_dashboard.assessment.grid import read_book
from kp2s_dashboard.assessment.xlsxcache import set_cached_values


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
