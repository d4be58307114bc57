"""Issue 14 item 8: a percent sign that is literal text in a number format
(``0.0"%"``, ``0.0\\%``) shows the stored number followed by "%"; only a real
``%`` placeholder means Excel stored a fraction (0.132 shown as 13.2%).

One rule (:func:`kp2s_dashboard.sheets.cells.is_percent_format`) serves the
prevalence reader (cells.py) and the assessment reader (assessment/grid.py).
"""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl import Workbook
from test_assessment_builders import write_rekap

from kp2s_dashboard.assessment import load_workbook
from kp2s_dashboard.sheets.grid import read_book
from kp2s_dashboard.sheets.cells import read_grids
from kp2s_dashboard.prevalence.loader import load_prevalence


@pytest.mark.parametrize(
    "fmt, expected",
    [
        ("0.0%", True),
        ("0%", True),
        ("#,##0.00%", True),
        ("[Red]0.0%", True),
        ('0.0%;"-"', True),
        ('0.0"%"', False),
        ("0.0\\%", False),
        ('0.0" %"', False),
        ("[$-421]0.0", False),
        ("General", False),
        ("", False),
        (None, False),
        ("@", False),
        ('"Persen: "0.0', False),
        ("0.0_%", False),
    ],
)
def test_percent_format_rule(fmt, expected):
    from kp2s_dashboard.sheets.cells import is_percent_format

    assert is_percent_format(fmt) is expected


def _prevalence_book(path, formats):
    wb = Workbook()
    ws = wb.active
    ws.title = "Prevalensi"
    ws.append(["Kabupaten/Kota", "SSGI 2022"])
    for i, (name, value, fmt) in enumerate(formats, start=2):
        ws.cell(i, 1, name)
        ws.cell(i, 2, value).number_format = fmt
    wb.save(path)


def test_prevalence_literal_percent_sign_is_not_a_fraction(tmp_path):
    path = tmp_path / "prevalensi.xlsx"
    _prevalence_book(
        path,
        [
            ("Tanah Laut", 13.2, '0.0"%"'),   # literal "%": 13.2 shown as 13.2%
            ("Kotabaru", 21.8, "0.0\\%"),     # escaped %: 21.8 shown as 21.8%
            ("Banjar", 0.224, "0.0%"),        # real percent: 0.224 shown as 22.4%
        ],
    )
    cells = {c.a1: c for row in read_grids(path)[0].rows for c in row}
    assert (cells["B2"].percent_format, cells["B3"].percent_format, cells["B4"].percent_format) == (False, False, True)
    table = load_prevalence(path).table.set_index("code")["value_pct"]
    assert table["6301"] == pytest.approx(13.2)
    assert table["6302"] == pytest.approx(21.8)
    assert table["6303"] == pytest.approx(22.4)


def test_assessment_literal_percent_sign_is_not_a_fraction(tmp_path):
    path = tmp_path / "rekap.xlsx"
    written = write_rekap(path, formulas=False)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["C8"].number_format = '0.0"%"'
    ws["D8"].number_format = "0.00\\%"
    ws["E8"] = written["values"]["6301"][2] / 100  # a real percent cell stores the fraction
    ws["E8"].number_format = "0.0%"
    wb.save(path)
    sheet = read_book(path).sheets[0]
    assert (8, 3) not in sheet.percent and (8, 4) not in sheet.percent and (8, 5) in sheet.percent
    result = load_workbook(path)
    scores = result.scores.set_index("cell")
    for cell, action in (("C8", 1), ("D8", 2), ("E8", 3)):
        row = scores.loc[cell]
        assert row["code"] == "6301" and row["status"] == "scored", (cell, row["status"])
        assert row["score"] == pytest.approx(written["values"]["6301"][action - 1])
