"""Workbooks written by the assessment tests (no test functions here).

Each builder writes a small but realistic workbook with openpyxl (or xlwt
for ``.xls``) and returns the values it wrote, so tests can assert parsed
values against what was written. Formula cells get a cached value with
:func:`kp2s_dashboard.sheets.xlsxcache.set_cached_values` unless a test
asks for none (what openpyxl writes by itself).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from kp2s_dashboard.sheets.xlsxcache import set_cached_values

#: (code, spelling written in the file) for the 13 districts, mixing the
#: registry's spellings on purpose.
DISTRICTS = [
    ("6301", "Kab. Tanah Laut"),
    ("6302", "Kota Baru"),
    ("6303", "Banjar"),
    ("6304", "Batola"),
    ("6305", "Tapin"),
    ("6306", "HSS"),
    ("6307", "Hulu Sungai Tengah"),
    ("6308", "HSU"),
    ("6309", "Tabalong"),
    ("6310", "Tanbu"),
    ("6311", "Balangan"),
    ("6371", "KOTA BANJARMASIN"),
    ("6372", "Kota Banjarbaru"),
]


def rekap_values() -> dict[str, list[float]]:
    """Aksi 1..8 scores per district code: hand-made, two decimals."""
    out = {}
    for i, (code, _) in enumerate(DISTRICTS):
        out[code] = [round(50 + 3 * i + 2 * a + (0.33 if a == 0 else 0), 2) for a in range(8)]
    return out


def write_rekap(
    path: Path,
    *,
    text_cells: dict[str, object] | None = None,
    hidden_rows: tuple[int, ...] = (),
    hidden_cols: tuple[str, ...] = (),
    formulas: bool = True,
    cache: bool = True,
    drop_action: int | None = None,
    year_lines: bool = True,
    synthetic: bool = False,
) -> dict:
    """Layout (a): title rows, a two-row merged header, 13 districts,
    Aksi 1–8, ``Jumlah`` (=SUM) and ``Peringkat``, a signature block.

    Rows: header 6–7, data 8–20 (district i in row 8 + i). Columns: A No,
    B Kabupaten/Kota, C..J Aksi 1..8, K Jumlah, L Peringkat. Returns
    ``{"values", "totals", "ranks", "rows"}``; ``text_cells`` overwrite
    cells after writing (e.g. ``{"C9": "83,33"}``).
    """
    values = rekap_values()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rekap 2025"
    ws["A1"] = "REKAPITULASI HASIL PENILAIAN KINERJA AKSI KONVERGENSI"
    ws.merge_cells("A1:L1")
    if synthetic:
        ws["A2"] = "DATA CONTOH (SINTETIS)"
    if year_lines:
        ws["A3"] = "Tahun penilaian : 2025"
        ws["A4"] = "Periode yang dinilai : 2024"
    actions = [a for a in range(1, 9) if a != drop_action]
    last_action_col = 2 + len(actions)
    total_col = last_action_col + 1
    rank_col = total_col + 1
    ws.cell(6, 1, "No")
    ws.cell(6, 2, "Kabupaten/Kota")
    ws.merge_cells(start_row=6, start_column=1, end_row=7, end_column=1)
    ws.merge_cells(start_row=6, start_column=2, end_row=7, end_column=2)
    ws.cell(6, 3, "Nilai per Aksi")
    ws.merge_cells(start_row=6, start_column=3, end_row=6, end_column=last_action_col)
    for i, a in enumerate(actions):
        ws.cell(7, 3 + i, f"Aksi {a}")
    ws.cell(6, total_col, "Jumlah")
    ws.cell(6, rank_col, "Peringkat")
    ws.merge_cells(start_row=6, start_column=total_col, end_row=7, end_column=total_col)
    ws.merge_cells(start_row=6, start_column=rank_col, end_row=7, end_column=rank_col)
    totals, rows, cached = {}, {}, {}
    for i, (code, name) in enumerate(DISTRICTS):
        r = 8 + i
        rows[code] = r
        ws.cell(r, 1, i + 1)
        ws.cell(r, 2, name)
        kept = [values[code][a - 1] for a in actions]
        for j, v in enumerate(kept):
            ws.cell(r, 3 + j, v)
        totals[code] = round(sum(kept), 2)
        tl = get_column_letter(total_col)
        if formulas:
            ws.cell(r, total_col, f"=SUM(C{r}:{get_column_letter(last_action_col)}{r})")
            cached[f"{tl}{r}"] = totals[code]
        else:
            ws.cell(r, total_col, totals[code])
    ranks = {c: 1 + sum(1 for o in totals.values() if o > t) for c, t in totals.items()}
    for code, r in rows.items():
        ws.cell(r, rank_col, ranks[code])
    ws.cell(23, 10, "Banjarbaru, 20 Oktober 2025")
    ws.cell(24, 10, "Ketua Tim Penilai")
    ws.cell(27, 10, "NIP. 19700101 199001 1 001")
    for cell, value in (text_cells or {}).items():
        ws[cell] = value
        cached.pop(cell, None)
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    for col in hidden_cols:
        ws.column_dimensions[col].hidden = True
    wb.save(path)
    if formulas and cache:
        set_cached_values(path, {ws.title: cached})
    return {"values": values, "totals": totals, "ranks": ranks, "rows": rows}


def write_matrix(path: Path, *, codes: list[object] | None = None, grades: dict[str, list[str]] | None = None, header_names: list[str] | None = None) -> dict:
    """Layout (b), like the national form: title block, ``No | Indikator``
    merged over two rows, three districts under merged headers with
    ``Nilai | Keterangan`` pairs, an ``AKSI 1`` section row and indicator
    codes ``1,1`` … ``1,10`` written as text, then ``2,1``.

    Rows: header 10–11, section row 12, indicators from row 13. Columns: A
    No, B Indikator, C/D first district, E/F second, G/H third.
    """
    codes = codes if codes is not None else [f"1,{k}" for k in range(1, 11)] + ["2,1"]
    names = header_names or ["KAB. TAPIN", "Hulu Sungai Selatan", "Kota Banjarbaru"]
    district_codes = ["6305", "6306", "6372"]
    letters = "ABCD"
    grades = grades or {
        code: [letters[(i + k) % 4] for k in range(len(codes))] for i, code in enumerate(district_codes)
    }
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Form"
    ws["A1"] = "Lampiran I.2"
    ws["A2"] = "Form Penilaian Kinerja Kabupaten/Kota dalam Pelaksanaan Aksi Konvergensi"
    ws["A3"] = "Periode yang dinilai"
    ws["B3"] = ": 2020"
    ws["A4"] = "Provinsi"
    ws["B4"] = ": KALIMANTAN SELATAN"
    ws["A5"] = "Tim Panelis"
    ws["A6"] = "Ketua"
    ws["B6"] = ": Dr. Contoh Satu"
    ws["A7"] = "Anggota 1"
    ws["B7"] = ": Contoh Dua, S.KM"
    ws["A10"] = "No"
    ws["B10"] = "Indikator"
    ws.merge_cells("A10:A11")
    ws.merge_cells("B10:B11")
    for i, name in enumerate(names):
        col = 3 + 2 * i
        ws.cell(10, col, name)
        ws.merge_cells(start_row=10, start_column=col, end_row=10, end_column=col + 1)
        ws.cell(11, col, "Nilai")
        ws.cell(11, col + 1, "Keterangan")
    ws["A12"] = "AKSI 1 ANALISIS SITUASI"
    ws.merge_cells("A12:H12")
    rows = {}
    for k, code in enumerate(codes):
        r = 13 + k
        ws.cell(r, 1, code)
        ws.cell(r, 2, f"uraian indikator uji {k + 1}")
        for i, dcode in enumerate(district_codes):
            grade = grades[dcode][k]
            ws.cell(r, 3 + 2 * i, grade)
            ws.cell(r, 4 + 2 * i, f"keterangan {grade}")
        rows[k] = r
    last = 13 + len(codes)
    ws.cell(last + 2, 6, "Banjarbaru, 10 Juni 2021")
    ws.cell(last + 3, 6, "Ketua Tim Panelis")
    wb.save(path)
    return {"grades": grades, "codes": codes, "district_codes": district_codes}


ASSESSOR_ROWS = [  # (code, action, score, weight)
    ("1.1", 1, 4, 10),
    ("1.2", 1, 3, 10),
    ("2.1", 2, 2, 20),
    ("3.1", 3, 3, 10),
    ("4.1", 4, 1, 10),
    ("5.1", 5, 4, 10),
    ("6.1", 6, 3, 10),
    ("7.1", 7, "-", 10),
    ("8.1", 8, 2, 10),
]


def write_assessor_sheet(
    wb: openpyxl.Workbook,
    title: str,
    *,
    district: str | None,
    assessor: str | None,
    rows: list[tuple] | None = None,
    cache: dict[str, dict[str, object]],
    nilai_override: dict[int, float] | None = None,
    jumlah_override: float | None = None,
) -> None:
    """Layout (c): title pairs, ``No | Aksi | Indikator | Skor (1-4) |
    Bobot (%) | Nilai | Catatan`` from row 6, data from row 7, ``Aksi n``
    merged down its indicator rows, ``Nilai`` = ``=D*E`` and a ``Jumlah``
    row (formulas, cached into ``cache``)."""
    rows = rows or ASSESSOR_ROWS
    ws = wb.create_sheet(title)
    ws["A1"] = "LEMBAR PENILAIAN PER PENILAI"
    ws["A2"] = "Tahun penilaian : 2025"
    if assessor:
        ws["A3"] = f"Nama Penilai : {assessor}"
    if district:
        ws["A4"] = "Kabupaten/Kota"
        ws["B4"] = ":"
        ws["C4"] = district
    for c, text in enumerate(("No", "Aksi", "Indikator", "Skor (1-4)", "Bobot (%)", "Nilai", "Catatan"), start=1):
        ws.cell(6, c, text)
    sheet_cache: dict[str, object] = {}
    r = 7
    total = 0.0
    by_action: dict[int, list[int]] = {}
    for code, action, score, weight in rows:
        ws.cell(r, 1, code)
        ws.cell(r, 3, f"indikator {code}")
        ws.cell(r, 4, score)
        ws.cell(r, 5, weight)
        ws.cell(r, 6, f"=D{r}*E{r}")
        by_action.setdefault(action, []).append(r)
        if isinstance(score, (int, float)):
            value = score * weight
            if nilai_override and r in nilai_override:
                value = nilai_override[r]
            sheet_cache[f"F{r}"] = value
            total += score * weight
        else:
            sheet_cache[f"F{r}"] = ""
        r += 1
    for action, action_rows in by_action.items():
        ws.cell(action_rows[0], 2, f"Aksi {action}")
        if len(action_rows) > 1:
            ws.merge_cells(start_row=action_rows[0], start_column=2, end_row=action_rows[-1], end_column=2)
    ws.cell(r, 3, "Jumlah")
    ws.cell(r, 6, f"=SUM(F7:F{r - 1})")
    sheet_cache[f"F{r}"] = jumlah_override if jumlah_override is not None else total
    ws.cell(r + 2, 5, "Banjarbaru, 11 Juni 2025")
    cache[title] = sheet_cache


def write_assessor_book(path: Path, sheets: list[dict], cache_values: bool = True) -> None:
    """A workbook of :func:`write_assessor_sheet` sheets (each dict gives
    its keyword arguments plus ``title``)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    cache: dict[str, dict[str, object]] = {}
    for spec in sheets:
        spec = dict(spec)
        write_assessor_sheet(wb, spec.pop("title"), cache=cache, **spec)
    wb.save(path)
    if cache_values:
        set_cached_values(path, cache)
