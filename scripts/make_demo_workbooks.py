"""Write the three synthetic demonstration workbooks to ``data/demo/``.

    .venv/bin/python scripts/make_demo_workbooks.py [--out data/demo] [--seed 2024]

One workbook per layout the loader reads (kp2s_framework.md §3):

- ``contoh_rekap_2024.xlsx``   districts down, document-review score per
  Aksi 1–8 and its mean, presentation scores of three panelists and their
  mean, ``Jumlah`` and ``Peringkat`` (formulas with cached values);
- ``contoh_matriks_2024.xlsx`` the national-form matrix: indicators ``1,1``
  … ``1,10`` down, districts across under merged headers with
  ``Nilai | Keterangan`` pairs, letter grades;
- ``contoh_penilai_2024.xlsx`` one sheet per panelist, one block per
  district: ``No | Aksi | Indikator | Skor (1-4) | Bobot (%) | Nilai | Catatan``.

All numbers come from a fixed seed through one made-up model (district
ability, action difficulty, panelist leniency, noise); they are **not**
results of any assessment. Each file says so in its first rows and in its
document keywords (``kp2s:synthetic``), which makes the loader set
``synthetic=True``. The same seed gives byte-identical files.

The demonstration uses the assessment held in 2024 (period 2023), a round
for which no result was published, so it cannot be mistaken for a
published ranking.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import numpy as np
import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from kp2s_dashboard.assessment.instruments import load_instrument  # noqa: E402
from kp2s_dashboard.sheets.xlsxcache import set_cached_values  # noqa: E402
from kp2s_dashboard.regions import registry  # noqa: E402

SEED = 2024
YEAR_ASSESSED = 2024
PERIOD = 2023
STAMP = (2024, 6, 12, 9, 0, 0)
SYNTHETIC_LINE = "DATA CONTOH (SINTETIS) — bukan hasil resmi; dibuat oleh scripts/make_demo_workbooks.py"
KEYWORDS = "kp2s:synthetic"

#: Indicators per action in the demonstration instrument (Aksi 1 has ten,
#: so the codes 1,1 … 1,10 appear).
INDICATORS_PER_ACTION = {1: 10, 2: 3, 3: 3, 4: 2, 5: 3, 6: 3, 7: 3, 8: 3}
#: Demonstration weight (percent) of each action, split over its indicators.
ACTION_WEIGHT = {1: 20, 2: 15, 3: 10, 4: 10, 5: 10, 6: 10, 7: 15, 8: 10}
PANELISTS = ("Penilai 1", "Penilai 2", "Penilai 3")
#: Spellings used in the files, to show that the registry's aliases are read.
SPELLING = {
    "6301": "KAB. TANAH LAUT",
    "6302": "Kotabaru",
    "6303": "Kabupaten Banjar",
    "6304": "Batola",
    "6305": "Tapin",
    "6306": "HSS",
    "6307": "Hulu Sungai Tengah",
    "6308": "HSU",
    "6309": "Tabalong",
    "6310": "Tanah Bumbu",
    "6311": "Balangan",
    "6371": "Kota Banjarmasin",
    "6372": "Kota Banjarbaru",
}
GRADE_NOTE = {
    "A": "seluruh kriteria terpenuhi",
    "B": "sebagian besar kriteria terpenuhi",
    "C": "sebagian kecil kriteria terpenuhi",
    "D": "kriteria belum terpenuhi",
}
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")


class Model:
    """The made-up model behind all three files (fixed seed)."""

    def __init__(self, seed: int):
        rng = np.random.default_rng(seed)
        self.codes = registry().district_codes()
        self.ability = dict(zip(self.codes, rng.normal(0, 1, len(self.codes))))
        self.difficulty = dict(zip(range(1, 9), rng.normal(0, 0.6, 8)))
        self.leniency = dict(zip(PANELISTS, rng.normal(0, 0.3, len(PANELISTS))))
        self.rng = rng

    def indicator_score(self, code: str, action: int, panelist: str) -> int:
        """A 1–4 score."""
        value = 2.7 + 0.7 * self.ability[code] - 0.5 * self.difficulty[action] + self.leniency[panelist]
        value += self.rng.normal(0, 0.5)
        return int(min(4, max(1, round(value))))

    def grade(self, code: str, action: int) -> str:
        value = 2.8 + 0.8 * self.ability[code] - 0.5 * self.difficulty[action] + self.rng.normal(0, 0.6)
        return "DCBA"[int(min(3, max(0, round(value) - 1)))]

    def action_score(self, code: str, action: int) -> float:
        """A 0–100 document-review score with two decimals."""
        value = 68 + 11 * self.ability[code] - 7 * self.difficulty[action] + self.rng.normal(0, 6)
        return round(float(min(100, max(0, value))), 2)

    def presentation_score(self, code: str, panelist: str) -> float:
        value = 72 + 9 * self.ability[code] + 8 * self.leniency[panelist] + self.rng.normal(0, 5)
        return round(float(min(100, max(0, value))), 1)


def _indicator_text(action: int, index: int, name: str) -> str:
    return f"Indikator contoh {action}.{index} — {name}"


def _title(ws, row: int, text: str, last_col: int, bold: bool = True) -> None:
    ws.cell(row, 1, text).font = Font(bold=bold)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)


def _stamp(wb: openpyxl.Workbook) -> None:
    wb.properties.creator = "KP2S Dashboard (scripts/make_demo_workbooks.py)"
    wb.properties.keywords = KEYWORDS
    wb.properties.subject = "Synthetic demonstration data; not official results"
    wb.properties.created = dt.datetime(*STAMP)


def _save(wb: openpyxl.Workbook, path: Path, cached: dict[str, dict[str, object]]) -> None:
    wb.save(path)
    set_cached_values(path, cached, date_time=STAMP)


# -- (a) rekap ----------------------------------------------------------------------------
def write_rekap(path: Path, model: Model) -> None:
    """Districts down; Review Dokumen Aksi 1–8 + Rata-rata; Paparan P1–P3 +
    Rata-rata; Jumlah = the two means; Peringkat."""
    wb = openpyxl.Workbook()
    _stamp(wb)
    ws = wb.active
    ws.title = "Rekap"
    doc_first, doc_mean = 3, 11  # C..J actions, K mean
    pap_first, pap_mean = 12, 15  # L..N panelists, O mean
    total_col, rank_col, note_col = 16, 17, 18
    _title(ws, 1, "REKAPITULASI HASIL PENILAIAN KINERJA AKSI KONVERGENSI PERCEPATAN PENURUNAN STUNTING", note_col)
    _title(ws, 2, SYNTHETIC_LINE, note_col)
    ws.cell(3, 1, f"Tahun penilaian : {YEAR_ASSESSED}")
    ws.cell(4, 1, f"Periode yang dinilai : {PERIOD}")
    ws.cell(5, 1, "Provinsi : Kalimantan Selatan")
    head, sub = 7, 8
    for col, text in ((1, "No"), (2, "Kabupaten/Kota"), (total_col, "Jumlah"), (rank_col, "Peringkat"), (note_col, "Keterangan")):
        ws.cell(head, col, text)
        ws.merge_cells(start_row=head, start_column=col, end_row=sub, end_column=col)
    ws.cell(head, doc_first, "Review Dokumen (0-100)")
    ws.merge_cells(start_row=head, start_column=doc_first, end_row=head, end_column=doc_mean)
    for action in range(1, 9):
        ws.cell(sub, doc_first + action - 1, f"Aksi {action}")
    ws.cell(sub, doc_mean, "Rata-rata")
    ws.cell(head, pap_first, "Paparan (0-100)")
    ws.merge_cells(start_row=head, start_column=pap_first, end_row=head, end_column=pap_mean)
    for i, _ in enumerate(PANELISTS):
        ws.cell(sub, pap_first + i, f"P{i + 1}")
    ws.cell(sub, pap_mean, "Rata-rata")
    for r in (head, sub):
        for c in range(1, note_col + 1):
            ws.cell(r, c).font = BOLD
            ws.cell(r, c).fill = HEAD_FILL
            ws.cell(r, c).alignment = WRAP
    cached: dict[str, object] = {}
    rows = {}
    first_row = sub + 1
    for i, code in enumerate(model.codes):
        r = first_row + i
        rows[code] = r
        ws.cell(r, 1, i + 1)
        ws.cell(r, 2, SPELLING[code])
        doc_values = []
        for action in range(1, 9):
            value = model.action_score(code, action)
            if code == "6311" and action == 8:
                ws.cell(r, doc_first + action - 1, "-")  # not scored: missing, not zero
                continue
            ws.cell(r, doc_first + action - 1, value)
            doc_values.append(value)
        pap_values = []
        for j, panelist in enumerate(PANELISTS):
            value = model.presentation_score(code, panelist)
            ws.cell(r, pap_first + j, value)
            pap_values.append(value)
        dl, dr = get_column_letter(doc_first), get_column_letter(doc_mean - 1)
        pl, pr = get_column_letter(pap_first), get_column_letter(pap_mean - 1)
        ws.cell(r, doc_mean, f"=ROUND(AVERAGE({dl}{r}:{dr}{r}),2)")
        ws.cell(r, pap_mean, f"=ROUND(AVERAGE({pl}{r}:{pr}{r}),2)")
        doc_mean_value = round(sum(doc_values) / len(doc_values), 2)
        pap_mean_value = round(sum(pap_values) / len(pap_values), 2)
        km, om = get_column_letter(doc_mean), get_column_letter(pap_mean)
        ws.cell(r, total_col, f"={km}{r}+{om}{r}")
        cached[f"{km}{r}"] = doc_mean_value
        cached[f"{om}{r}"] = pap_mean_value
        cached[f"{get_column_letter(total_col)}{r}"] = round(doc_mean_value + pap_mean_value, 2)
        for c in list(range(doc_first, pap_mean + 1)) + [total_col]:
            ws.cell(r, c).number_format = "0.00"
    last_row = first_row + len(model.codes) - 1
    totals = {code: cached[f"{get_column_letter(total_col)}{rows[code]}"] for code in model.codes}
    tl = get_column_letter(total_col)
    for code, r in rows.items():
        ws.cell(r, rank_col, f"=RANK({tl}{r},${tl}${first_row}:${tl}${last_row},0)")
        cached[f"{get_column_letter(rank_col)}{r}"] = 1 + sum(1 for v in totals.values() if v > totals[code])
    ws.cell(rows["6311"], note_col, "Aksi 8 belum dinilai")
    sign = last_row + 3
    ws.cell(sign, note_col - 3, f"Banjarbaru, 12 Juni {YEAR_ASSESSED}")
    ws.cell(sign + 1, note_col - 3, "Ketua Tim Penilai")
    ws.cell(sign + 4, note_col - 3, "(nama contoh)")
    ws.column_dimensions["B"].width = 22
    _save(wb, path, {"Rekap": cached})


# -- (b) matrix ------------------------------------------------------------------------------
def write_matrix(path: Path, model: Model) -> None:
    """The national-form matrix with letter grades and Keterangan."""
    instrument = load_instrument(YEAR_ASSESSED)
    wb = openpyxl.Workbook()
    _stamp(wb)
    ws = wb.active
    ws.title = "Form Penilaian"
    last_col = 2 + 2 * len(model.codes)
    _title(ws, 1, "Form Penilaian Kinerja Kabupaten/Kota dalam Pelaksanaan Aksi Konvergensi Percepatan Penurunan Stunting", last_col)
    _title(ws, 2, SYNTHETIC_LINE, last_col)
    pairs = [
        ("Periode yang dinilai", str(PERIOD)),
        ("Provinsi", "KALIMANTAN SELATAN"),
        ("Tim Panelis", ""),
        ("Ketua", "Panelis Contoh A"),
        ("Anggota 1", "Panelis Contoh B"),
        ("Anggota 2", "Panelis Contoh C"),
        ("Tanggal Penilaian", f"12 Juni {YEAR_ASSESSED}"),
    ]
    for i, (label, value) in enumerate(pairs):
        ws.cell(3 + i, 1, label)
        if value:
            ws.cell(3 + i, 2, f": {value}")
    head, sub = 11, 12
    for col, text in ((1, "No"), (2, "Indikator")):
        ws.cell(head, col, text)
        ws.merge_cells(start_row=head, start_column=col, end_row=sub, end_column=col)
    for i, code in enumerate(model.codes):
        col = 3 + 2 * i
        ws.cell(head, col, SPELLING[code])
        ws.merge_cells(start_row=head, start_column=col, end_row=head, end_column=col + 1)
        ws.cell(sub, col, "Nilai")
        ws.cell(sub, col + 1, "Keterangan")
    for r in (head, sub):
        for c in range(1, last_col + 1):
            ws.cell(r, c).font = BOLD
            ws.cell(r, c).fill = HEAD_FILL
            ws.cell(r, c).alignment = WRAP
    r = sub + 1
    for action in range(1, 9):
        ws.cell(r, 1, f"AKSI {action} {instrument.action_name(action).upper()}").font = BOLD
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last_col)
        r += 1
        for k in range(1, INDICATORS_PER_ACTION[action] + 1):
            ws.cell(r, 1, f"{action},{k}")  # text, as an Indonesian-locale form shows it
            ws.cell(r, 2, _indicator_text(action, k, instrument.action_name(action)))
            for i, code in enumerate(model.codes):
                grade = model.grade(code, action)
                ws.cell(r, 3 + 2 * i, grade)
                ws.cell(r, 4 + 2 * i, GRADE_NOTE[grade])
            r += 1
    r += 2
    ws.cell(r, last_col - 3, f"Banjarbaru, 12 Juni {YEAR_ASSESSED}")
    ws.cell(r + 1, last_col - 3, "Ketua Tim Panelis")
    ws.cell(r + 4, last_col - 3, "(Panelis Contoh A)")
    ws.column_dimensions["B"].width = 48
    _save(wb, path, {})


# -- (c) per assessor -------------------------------------------------------------------------------
def _split(total: int, parts: int) -> list[int]:
    base = [total // parts] * parts
    for i in range(total - sum(base)):
        base[-1 - i] += 1
    return base


def write_assessor(path: Path, model: Model) -> None:
    """One sheet per panelist; per district a block with Skor × Bobot = Nilai
    and a Jumlah row (formulas with cached values)."""
    instrument = load_instrument(YEAR_ASSESSED)
    weights = {a: _split(ACTION_WEIGHT[a], n) for a, n in INDICATORS_PER_ACTION.items()}
    wb = openpyxl.Workbook()
    _stamp(wb)
    wb.remove(wb.active)
    cached: dict[str, dict[str, object]] = {}
    for panelist in PANELISTS:
        ws = wb.create_sheet(panelist)
        sheet_cache: dict[str, object] = {}
        _title(ws, 1, "LEMBAR PENILAIAN KINERJA AKSI KONVERGENSI — PER PENILAI", 7)
        _title(ws, 2, SYNTHETIC_LINE, 7)
        ws.cell(3, 1, f"Tahun penilaian : {YEAR_ASSESSED}")
        ws.cell(4, 1, f"Periode yang dinilai : {PERIOD}")
        ws.cell(5, 1, f"Nama Penilai : {panelist}")
        r = 7
        for code in model.codes:
            ws.cell(r, 1, "Kabupaten/Kota")
            ws.cell(r, 2, f": {SPELLING[code]}")
            r += 1
            headers = ("No", "Aksi", "Indikator", "Skor (1-4)", "Bobot (%)", "Nilai", "Catatan")
            for c, text in enumerate(headers, start=1):
                cell = ws.cell(r, c, text)
                cell.font, cell.fill, cell.alignment = BOLD, HEAD_FILL, WRAP
            r += 1
            first = r
            for action in range(1, 9):
                start = r
                for k in range(1, INDICATORS_PER_ACTION[action] + 1):
                    score = model.indicator_score(code, action, panelist)
                    weight = weights[action][k - 1]
                    ws.cell(r, 1, f"{action}.{k}")
                    ws.cell(r, 3, _indicator_text(action, k, instrument.action_name(action)))
                    ws.cell(r, 4, score)
                    ws.cell(r, 5, weight)
                    ws.cell(r, 6, f"=D{r}*E{r}")
                    sheet_cache[f"F{r}"] = score * weight
                    r += 1
                ws.cell(start, 2, f"Aksi {action}")
                if r - 1 > start:
                    ws.merge_cells(start_row=start, start_column=2, end_row=r - 1, end_column=2)
                ws.cell(start, 2).alignment = WRAP
            ws.cell(r, 3, "Jumlah").font = BOLD
            ws.cell(r, 5, f"=SUM(E{first}:E{r - 1})")
            ws.cell(r, 6, f"=SUM(F{first}:F{r - 1})")
            sheet_cache[f"E{r}"] = sum(sum(w) for w in weights.values())
            sheet_cache[f"F{r}"] = sum(v for k, v in sheet_cache.items() if k.startswith("F") and first <= int(k[1:]) < r)
            r += 3
        ws.cell(r, 5, f"Banjarbaru, 12 Juni {YEAR_ASSESSED}")
        ws.cell(r + 1, 5, "Penilai")
        ws.cell(r + 4, 5, f"({panelist})")
        ws.column_dimensions["C"].width = 48
        cached[panelist] = sheet_cache
    _save(wb, path, cached)


FILES = {
    "contoh_rekap_2024.xlsx": write_rekap,
    "contoh_matriks_2024.xlsx": write_matrix,
    "contoh_penilai_2024.xlsx": write_assessor,
}


def make_all(out_dir: Path, seed: int = SEED) -> list[Path]:
    """Write the three workbooks into ``out_dir``; each uses its own model
    instance from ``seed`` so files do not depend on each other's order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for offset, (name, writer) in enumerate(FILES.items()):
        path = out_dir / name
        writer(path, Model(seed + offset))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PROJECT / "data" / "demo")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for path in make_all(args.out, args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
