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

from kp2s_dashboard.assessment import assessor_reader, assessor_runs
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


def _runs(path):
    """Runs of plain rows broken by every row a run must leave to the row-by-row reading."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tanah Laut P1"
    _title(ws)
    ws.append([])
    rows = [
        ["1.1", "Aksi 1", "indikator 1.1", 4, 2.5, 10, 7],  # 7 plain, a number as note
        ["1.2", None, "indikator 1.2", 0, 2.5, 0],  # 8 out of scale 1-4
        ["1.3", None, "indikator 1.3", 2, 2, 4.0],  # 9 plain, a whole Bobot
        ["1.4", None, "indikator 1.4", 3, "2,5", 7.5],  # 10 Bobot as text
        ["1.5", None, "indikator 1.5", 3, 2.5, 0.075],  # 11 Nilai in hundredths: plain
        ["1.6", None, "indikator 1.6", 3, 2.5, "7,5"],  # 12 Nilai as text
        [1.7, None, "indikator 1.7", 3, 2.5, 7.5],  # 13 a code stored as a number
        ["9.1", None, "indikator 9.1", 3, 2.5, 7.5],  # 14 an action the instrument has not
        ["2.1", None, "indikator 2.1", 3, 2.5, 7.5],  # 15 action 2 under Aksi 1 (merged B7:B16)
        ["1.8", None, "indikator 1.8", 1, 2.5, 2.5],  # 16 plain
        ["2.2", "Aksi 2", "indikator 2.2", 2, 2.5, 5],  # 17 plain, Aksi 2 named
        ["2.3", None, "indikator 2.3", 0.5, 2.5, 1.25],  # 18 out of scale
        ["2.4", None, "indikator 2.4", 0.3, 2.5, 0.75],  # 19 a percent cell (30%)
        ["2.5", None, "indikator 2.5", 2, 2.5, 5.004],  # 20 Nilai shown with 3 decimals: 5,004 ≠ 5
        ["2.6", None, "indikator 2.6", 2, 2.5, "=D21*E21"],  # 21 plain (computed Nilai)
        ["1.9", None, "indikator 1.9", 2, 2.5, 5],  # 22 action 1 under Aksi 2 (B17, not merged)
        ["2.7", None, "indikator 2.7", None, 2.5, None, "belum"],  # 23 not scored
        ["2.7", None, "indikator 2.7 lagi", 3, 2.5, 7.5],  # 24 repeated inside a run of plain rows
        ["2.8", None, "indikator 2.8", 4, 2.5, "=C25*E25"],  # 25 Nilai of a text: not computed
        ["2.2", None, "indikator 2.2 lagi", 4, 2.5, 10],  # 26 a code read in an earlier run
        ["3.1", "aksi 3", "indikator 3.1", 4.0, 2.5, 10.0],  # 27 plain
    ]
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    ws.merge_cells("B7:B16")
    ws["D19"].number_format = "0%"
    ws["F20"].number_format = "0.000"
    wb.save(path)
    return path


BUILDERS = {"interrupted": _interrupted, "per_district": _per_district, "runs": _runs}


@pytest.fixture(params=sorted(BUILDERS))
def workbook(request, tmp_path):
    return BUILDERS[request.param](tmp_path / f"{request.param}.xlsx")


def test_fast_cells_read_as_the_general_path(workbook, monkeypatch):
    fast = _dump(load_workbook(workbook))
    with monkeypatch.context() as m:
        m.setattr(assessor_reader._CellReader, "read", lambda self, *args: self.slow(*args))
        m.setattr(assessor_runs.PlainRuns, "take", lambda self, start, end, ctx, *rest: (0, ctx, None))
        general = _dump(load_workbook(workbook))
    assert fast == general


def _runs_and_rows(path, monkeypatch):
    """(dump read with plain runs, dump read row by row, the runs taken as (first row, rows))."""
    taken: list[tuple[int, int]] = []
    take = assessor_runs.PlainRuns.take

    def counting(self, start, *args):
        n, ctx, at = take(self, start, *args)
        if n:
            taken.append((start, n))
        return n, ctx, at

    with monkeypatch.context() as m:
        m.setattr(assessor_runs.PlainRuns, "take", counting)
        runs = _dump(load_workbook(path))
    with monkeypatch.context() as m:
        m.setattr(assessor_runs.PlainRuns, "take", lambda self, start, end, ctx, *rest: (0, ctx, None))
        rows = _dump(load_workbook(path))
    return runs, rows, taken


def test_plain_runs_read_as_the_row_by_row_reading(workbook, monkeypatch):
    runs, rows, taken = _runs_and_rows(workbook, monkeypatch)
    assert runs == rows
    if workbook.stem == "runs":  # the runs, row by row: every other row is left to the row-by-row reading
        assert taken == [(7, 1), (9, 1), (11, 1), (16, 2), (21, 1), (23, 1), (27, 1)]
    elif workbook.stem == "interrupted":
        assert taken == [(7, 2), (16, 2)]
    else:  # a district column: the row-by-row reading only
        assert taken == []


def test_runs_values(tmp_path):
    result = load_workbook(_runs(tmp_path / "r.xlsx"))
    s = result.scores
    assert list(s["cell"]) == ["D7", "D9", "D10", "D11", "D12", "D13", "D15", "D16", "D17", "D20", "D21", "D22",
                               "D23", "D25", "D27"]
    assert list(s["indicator"]) == ["1.1", "1.3", "1.4", "1.5", "1.6", "1.7", "2.1", "1.8", "2.2", "2.5", "2.6",
                                    "1.9", "2.7", "2.8", "3.1"]
    assert list(s["action"]) == [1, 1, 1, 1, 1, 1, 2, 1, 2, 2, 2, 1, 2, 2, 3]
    assert list(s["weight"]) == [2.5, 2.0] + [2.5] * 13  # "2,5" as text read as 2.5
    weighted = s["weighted"].tolist()
    assert weighted[:12] == [10.0, 4.0, 7.5, 0.075, 7.5, 7.5, 7.5, 2.5, 5.0, 5.004, 5.0, 5.0]
    assert math.isnan(weighted[12]) and math.isnan(weighted[13]) and weighted[14] == 10.0
    assert list(s["note"])[:2] == ["7", ""] and list(s["status"]).count("not_scored") == 1
    assert list(zip(result.rejected["cell"], result.rejected["key"])) == [
        ("D8", "err.asm_out_of_scale"), ("D14", "err.asm_indicator_action"), ("D18", "err.asm_out_of_scale"),
        ("D19", "err.asm_out_of_scale"), ("D24", "err.asm_duplicate_indicator"),
        ("D26", "err.asm_duplicate_indicator")]
    assert [(p.key, p.location.cell) for p in result.report.problems] == [
        ("err.asm_out_of_scale", "D8"), ("err.asm_indicator_number", "A13"), ("err.asm_action_mismatch", "A14"),
        ("err.asm_indicator_action", "A14"), ("err.asm_action_mismatch", "A15"), ("err.asm_out_of_scale", "D18"),
        ("err.asm_out_of_scale", "D19"), ("err.asm_weighted_mismatch", "F20"), ("err.asm_action_mismatch", "A22"),
        ("err.asm_duplicate_indicator", "A24"), ("err.asm_formula_uncached_total", "F25"),
        ("err.asm_duplicate_indicator", "A26"), ("err.asm_actions_missing", "A6")]
    # the Aksi cell named is the one that says the action: the merged B7:B16 (row 15), B17 written above row 22
    mismatch = {p.location.cell: p.params["cell"] for p in result.report.problems if p.key == "err.asm_action_mismatch"}
    assert mismatch == {"A14": "B7", "A15": "B7", "A22": "B17"}


@pytest.mark.parametrize("seed", range(12))
def test_random_sheets_read_the_same_by_runs_and_row_by_row(tmp_path, monkeypatch, seed):
    """Sheets of random rows, plain ones mostly, with every kind of cell the runs must leave alone mixed in (a
    seeded draw, the same on every run): the runs change nothing the row-by-row reading gives."""
    import random

    rng = random.Random(seed)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet_no, district in enumerate(["Tanah Laut", "Kotabaru", "Banjar"]):
        ws = wb.create_sheet(f"{district} P{sheet_no + 1}")
        _title(ws, district)
        ws.append([])
        ws.append(HEADER)
        row = 7
        for action in range(1, rng.choice([3, 5, 9]) + 1):
            aksi = rng.choice([f"Aksi {action}", f"AKSI {action} rembuk", None, f"Aksi {action + 1}"])
            if rng.random() < 0.15:
                ws.append([None, None, f"AKSI {action}"])  # a heading row
                row += 1
            first = row
            for k in range(1, rng.randint(2, 9)):
                code = rng.choice([f"{action}.{k}"] * 12 + [float(f"{action}.{k}"), f"{action}.{k - 1 or 1}",
                                                             f"9.{k}", None, f"{action},{k}"])
                score = rng.choice([1, 2, 3, 4, 4.0, 2.5, None, None, 0, 5, "3", "-", "#N/A", 0.3, -0.0])
                weight = rng.choice([2.5, 2.5, 2, 2.0, "2,5", None, float("nan")])
                if isinstance(score, (int, float)) and isinstance(weight, (int, float)) and weight == weight:
                    nilai = rng.choice([score * weight, score * weight, score * weight / 100,
                                        f"=D{row}*E{row}", score * weight + 1, None, "x", 0])
                else:
                    nilai = rng.choice([None, 0, f"=D{row}*E{row}"])
                note = rng.choice([None, None, "ok", 7, "  catatan  "])
                ws.append([code, aksi if k == 1 else None, f"indikator {action}.{k}", score, weight, nilai, note])
                if rng.random() < 0.1:
                    ws.cell(row, 4).number_format = "0%"
                if rng.random() < 0.1:
                    ws.cell(row, 6).number_format = "0.000"
                row += 1
            if rng.random() < 0.5 and row - first > 1:
                ws.merge_cells(f"B{first}:B{row - 1}")
            if rng.random() < 0.6:
                ws.append([None, None, "Jumlah", None, None, rng.choice([10, 20.5, None])])
                row += 1
    path = tmp_path / f"random_{seed}.xlsx"
    wb.save(path)
    runs, rows, taken = _runs_and_rows(path, monkeypatch)
    assert runs == rows
    assert sum(n for _, n in taken) > 0  # runs were taken, and rows left to the row-by-row reading too
    assert len(runs[1]) > sum(n for _, n in taken)


def test_a_nilai_of_zero_for_a_scored_indicator_is_a_mismatch(tmp_path):
    """Skor 4 × Bobot 2,5 = 10 and the Nilai cell holds 0: it was taken as 0,1 (the hundredth) shown rounded and
    passed, though a Jumlah adding the Nilai then misses the indicator. A real hundredth (0,1) still agrees."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tanah Laut P1"
    _title(ws)
    ws.append([])
    ws.append(HEADER)
    for row in (["1.1", "Aksi 1", "indikator 1.1", 4, 2.5, 0],  # 7: 0 ≠ 10
                ["1.2", None, "indikator 1.2", 4, 2.5, 0.1],  # 8: the hundredth of 10
                ["1.3", None, "indikator 1.3", 1, 0.4, 0],  # 9: 0 ≠ 0,4 (it was within the 0,5 of a whole number)
                ["1.4", None, "indikator 1.4", None, 2.5, 0]):  # 10: not scored: nothing to check
        ws.append(row)
    wb.save(tmp_path / "n.xlsx")
    result = load_workbook(tmp_path / "n.xlsx")
    found = [(p.key, p.location.cell, p.params["expected"]) for p in result.report.problems
             if p.key == "err.asm_weighted_mismatch"]
    assert found == [("err.asm_weighted_mismatch", "F7", 10.0), ("err.asm_weighted_mismatch", "F9", 0.4)]
