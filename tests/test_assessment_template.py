"""Empty workbooks written by the template command load as their layout."""

from __future__ import annotations

import openpyxl
import pytest

from kp2s_dashboard.assessment import load_workbook
from kp2s_dashboard.assessment.template import main, write_template
from kp2s_dashboard.sheets.xlsxcache import set_cached_values
from kp2s_dashboard.regions import registry


def _validations(ws):
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


def test_rekap_template_has_dropdowns_and_loads_empty(tmp_path):
    path = write_template(tmp_path / "rekap.xlsx", 2025, "rekap")
    wb = openpyxl.load_workbook(path)
    ws = wb["Rekap"]
    assert [ws.cell(r, 2).value for r in range(9, 22)] == [r.name for r in registry().districts()]
    assert ws["C8"].value == "Aksi 1 Analisis Situasi"
    assert ws["K7"].value == "Jumlah" and ws["K9"].value == "=SUM(C9:J9)"
    dvs = _validations(ws)
    assert dvs["B9:B21"].type == "list" and dvs["B9:B21"].formula1 == "=Daftar!$A$2:$A$14"
    score_rule = dvs["C9:J21"]
    assert score_rule.type == "custom"
    assert score_rule.formula1 == 'OR(C9="-",AND(ISNUMBER(C9),C9>=0,C9<=100))'
    assert wb["Daftar"].sheet_state == "hidden"
    result = load_workbook(path)
    assert result.meta["layouts"] == ["rekap"]
    assert (result.meta["year_assessed"], result.meta["period"]) == (2025, 2024)
    assert result.report.clean
    assert result.report.counts["cells_not_scored"] == 104 and result.report.counts["cells_scored"] == 0


def test_filled_rekap_template(tmp_path):
    path = write_template(tmp_path / "rekap.xlsx", 2025, "rekap")
    wb = openpyxl.load_workbook(path)
    ws = wb["Rekap"]
    for col in range(3, 11):
        ws.cell(13, col, 70 + col)  # Tapin, Aksi 1..8
    ws["C14"] = "85,5"  # HSS Aksi 1, typed with a decimal comma
    wb.save(path)
    set_cached_values(path, {"Rekap": {"K13": sum(70 + c for c in range(3, 11)), "K14": 85.5}})
    result = load_workbook(path)
    assert result.report.clean, [p.render("en") for p in result.report.problems]
    tapin = result.scores[result.scores["code"] == "6305"]
    assert list(tapin["score"]) == [73.0, 74.0, 75.0, 76.0, 77.0, 78.0, 79.0, 80.0]
    assert result.totals.set_index("cell").loc["K13", "value"] == 612
    assert result.totals["agrees"].all()


def test_assessor_template_sheets_and_dropdowns(tmp_path):
    path = write_template(tmp_path / "penilai.xlsx", 2025, "assessor", assessors=2, indicators_per_action=3)
    wb = openpyxl.load_workbook(path)
    assert len(wb.sheetnames) == 2 * 13 + 1
    ws = wb["P1 Tapin"]
    assert ws["C6"].value == "Kabupaten Tapin"
    assert ws["A9"].value == "No" and ws["D9"].value == "Skor (1-4)"
    assert ws["A10"].value == "1.1" and ws["A10"].number_format == "@"
    assert ws["B10"].value == "Aksi 1 Analisis Situasi"
    dvs = _validations(ws)
    assert dvs["D10:D33"].formula1 == '"1,2,3,4,-"'
    assert dvs["C6"].formula1 == "=Daftar!$A$2:$A$14"
    ws["D10"], ws["E10"] = 4, 10
    wb.save(path)
    set_cached_values(path, {"P1 Tapin": {"F10": 40, "F34": 40}})
    result = load_workbook(path)
    assert result.report.clean, [p.render("en") for p in result.report.problems]
    assert result.report.counts["cells_read"] == 2 * 13 * 24
    scored = result.scores[result.scores["status"] == "scored"].iloc[0]
    assert (scored["code"], scored["assessor"], scored["indicator"], scored["weighted"]) == ("6305", "P1", "1.1", 40.0)
    weighted = result.totals[result.totals["component"] == "__weighted__"]
    assert list(weighted["value"]) == [40.0] and weighted["agrees"].all()


def test_template_command_line(tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    assert main(["--year", "2025", "--layout", "rekap", "--components", "dokumen,paparan", "--out", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["Rekap"]
    assert ws["C7"].value == "Review dokumen / web Aksi Bangda (0-100)"
    assert ws["K7"].value == "Paparan kepada Tim Panelis (0-100)"
    assert ws["S7"].value == "Nilai Akhir"  # no Jumlah: component weights are unknown
    assert str(out) in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--year", "2025", "--out", str(tmp_path / "t.csv")])
    with pytest.raises(SystemExit):
        main(["--year", "2025", "--components", "rahasia", "--out", str(out)])
