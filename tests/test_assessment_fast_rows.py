"""The per-assessor reader's fast reading of plain score cells (issue 11).

``assessor_reader._CellReader.read`` reads a number in scale or a blank
(and its ``Nilai``) without the general path; every other cell goes
through ``TableReader.score_record`` and ``check_weighted``. These
workbooks interrupt runs of plain rows with every kind of row the reader
knows, and the result must be the same as when every cell takes the
general path (``slow``), and hold the values worked out by hand.
"""

from __future__ import annotations

import math

import openpyxl
import pytest

from kp2s_dashboard.assessment import assessor_reader
from kp2s_dashboard.assessment.loaders import load_workbook

HEADER = ["No", "Aksi", "Indikator", "Skor (1-4)", "Bobot (%)", "Nilai", "Catatan"]


def _title(ws, district: str = "Tanah Laut") -> None:
    ws["A1"] = "LEMBAR PENILAIAN PER PENILAI"
    ws["A2"] = "Tahun penilaian : 2025"
    ws["A3"] = "Nama Penilai : Penilai 1"
    ws["A4"], ws["B4"], ws["C4"] = "Kabupaten/Kota", ":", district


def _interrupted(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tanah Laut P1"
    _title(ws)
    ws.append([])
    rows = [
        ["1.1", "Aksi 1", "indikator 1.1", 4, 2.5, "=D7*E7"],  # 7 plain (Nilai computed: 10)
        ["1.2", None, "indikator 1.2", 3, 2.5, 7.5],  # 8 plain
        [None, None, "AKSI 2 REMBUK STUNTING"],  # 9 action heading
        ["2.1", None, "indikator 2.1", 5, 2.5, 12.5],  # 10 out of scale
        ["2.2", None, "indikator 2.2", "3", 2.5, 7.5],  # 11 text score
        ["2.3", None, "indikator 2.3", "#N/A", 2.5, None],  # 12 Excel error
        ["2.1", None, "indikator 2.1 lagi", 2, 2.5, 5],  # 13 duplicate code
        [None, None, None, 3, 2.5, 7.5],  # 14 no code, no text
        ["2.4", None, "indikator 2.4", 2, 2.5, 9],  # 15 weighted mismatch (2 × 2,5 = 5)
        ["2.5", None, "indikator 2.5", None, 2.5, None, "belum"],  # 16 not scored, with a note
        ["2.6", None, "indikator 2.6", 1, 2.5, 2.5, "ok"],  # 17 plain
        [None, None, "Jumlah", None, None, 32.5],  # 18 total (wrong: the Nilai above give 10 + 7,5 + 7,5 + 9 + 2,5 = 36,5)
        [None, None, "Ketua Tim Penilai"],  # 19 signature
        ["3.1", None, "indikator 3.1", 4, 2.5, 10],  # 20 below the signature: not read
    ]
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _per_district(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "P1"
    ws["A1"] = "Tahun penilaian : 2025"
    ws["A2"] = "Nama Penilai : Penilai 1"
    ws.append([])
    ws.append(["Kabupaten/Kota", "No", "Indikator", "Skor (1-4)", "Bobot (%)", "Nilai"])  # row 4
    rows = [
        ["Tanah Laut", "1.1", "indikator 1.1", 4, 2.5, 10],  # 5
        ["Tanah Laut", "1.2", "indikator 1.2", 2, 2.5, 5],  # 6
        [None, None, "Jumlah", None, None, 15],  # 7
        ["Kotabaru", "1.1", "indikator 1.1", 1, 2.5, 2.5],  # 8
        ["Kotabaru", "1.2", "indikator 1.2", 3, 2.5, 7.5],  # 9
        ["Kotabaru", "1.2", "indikator 1.2", 3, 2.5, 7.5],  # 10 duplicate within the district
        ["Kota Antah", "1.3", "indikator 1.3", 3, 2.5, 7.5],  # 11 unknown district
        [None, None, "Jumlah", None, None, 11],  # 12 wrong: 2,5 + 7,5 = 10
    ]
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _dump(result):
    def rows(df):
        return [tuple("NaN" if isinstance(v, float) and math.isnan(v) else v for v in r) for r in df.itertuples(index=False)]

    problems = [(p.key, p.severity, p.location, sorted((k, repr(v)) for k, v in p.params.items())) for p in result.report.problems]
    notes = [(p.key, p.location, sorted((k, repr(v)) for k, v in p.params.items())) for p in result.report.notes]
    return (
        [str(t) for t in result.scores.dtypes],
        rows(result.scores),
        rows(result.totals),
        rows(result.rejected),
        problems,
        notes,
        sorted(result.report.counts.items()),
    )


@pytest.fixture(params=["interrupted", "per_district"])
def workbook(request, tmp_path):
    build = _interrupted if request.param == "interrupted" else _per_district
    return build(tmp_path / f"{request.param}.xlsx")


def test_fast_cells_read_as_the_general_path(workbook, monkeypatch):
    fast = _dump(load_workbook(workbook))
    with monkeypatch.context() as m:
        m.setattr(assessor_reader._CellReader, "read", lambda self, *args: self.slow(*args))
        general = _dump(load_workbook(workbook))
    assert fast == general


def test_interrupted_runs_values(tmp_path):
    result = load_workbook(_interrupted(tmp_path / "w.xlsx"))
    s = result.scores
    assert list(s["cell"]) == ["D7", "D8", "D11", "D15", "D16", "D17"]
    assert list(s["indicator"]) == ["1.1", "1.2", "2.2", "2.4", "2.5", "2.6"]
    assert list(s["action"]) == [1, 1, 2, 2, 2, 2]
    assert list(s["status"]) == ["scored", "scored", "scored", "scored", "not_scored", "scored"]
    assert s["score"].tolist()[:4] == [4.0, 3.0, 3.0, 2.0] and math.isnan(s["score"][4]) and s["score"][5] == 1.0
    assert s["weighted"].tolist()[:4] == [10.0, 7.5, 7.5, 9.0] and math.isnan(s["weighted"][4])
    assert list(s["note"]) == ["", "", "", "", "belum", "ok"]
    assert list(s["raw"]) == ["4", "3", "3", "2", "", "1"]
    assert set(s["code"]) == {"6301"} and set(s["layout"]) == {"assessor"} and set(s["assessor"]) == {"Penilai 1"}
    rejected = dict(zip(result.rejected["cell"], result.rejected["key"]))
    assert rejected == {
        "D10": "err.asm_out_of_scale",
        "D12": "err.asm_excel_error",
        "D13": "err.asm_duplicate_indicator",
        "D14": "err.asm_row_no_key",
    }
    keys = [(p.key, p.location.cell) for p in result.report.problems]
    assert keys[:5] == [
        ("err.asm_out_of_scale", "D10"),
        ("err.asm_excel_error", "D12"),
        ("err.asm_duplicate_indicator", "A13"),
        ("err.asm_row_no_key", "A14"),
        ("err.asm_weighted_mismatch", "F15"),
    ]
    assert ("err.asm_total_mismatch", "F18") in keys
    total = result.totals[result.totals["cell"] == "F18"].iloc[0]
    assert total["value"] == 32.5 and total["expected"] == 10 + 7.5 + 7.5 + 9 + 2.5
    assert "D20" not in set(s["cell"])


def test_per_district_totals_values(tmp_path):
    result = load_workbook(_per_district(tmp_path / "d.xlsx"))
    s = result.scores
    assert list(zip(s["code"], s["cell"], s["score"])) == [
        ("6301", "D5", 4.0),
        ("6301", "D6", 2.0),
        ("6302", "D8", 1.0),
        ("6302", "D9", 3.0),
    ]
    totals = {cell: (value, expected, agrees) for cell, value, expected, agrees in
              zip(result.totals["cell"], result.totals["value"], result.totals["expected"], result.totals["agrees"])}
    assert totals["F7"] == (15.0, 15.0, True)
    assert totals["F12"] == (11.0, 10.0, False)
    rejected = dict(zip(result.rejected["cell"], result.rejected["key"]))
    assert rejected["D10"] == "err.asm_duplicate_indicator"
    assert rejected["D11"] == "err.asm_district_unknown"
