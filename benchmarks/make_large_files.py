"""Write the large input files the reader benchmarks read.

Fixed seed: the same files every run. Written into ``benchmarks/generated/``
(git-ignored), or the folder given as the first argument::

    python -m benchmarks.make_large_files [FOLDER]

Files:

``penilai_besar.xlsx``
    per-assessor workbook: 13 districts × 8 assessors = 104 sheets, each a
    title block (``Tahun penilaian``, ``Nama Penilai``, ``Kabupaten/Kota``)
    and ``No | Aksi | Indikator | Skor (1-4) | Bobot (%) | Nilai | Catatan``
    with 8 actions × 40 indicators (33,280 indicator rows in all), ``Nilai``
    as ``=Dn*En`` and a ``Jumlah`` row ``=SUM(...)``; written by openpyxl, so
    no formula has a cached value (about 1 MB).
``prevalensi_besar.csv`` / ``prevalensi_besar.xlsx``
    a long prevalence table of 100,000 rows: ``kode_wilayah | nama_wilayah |
    tahun | sumber | indikator | prevalensi`` (13 districts, years
    2000–2029, several sources and indicators, values in percent).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DIR = HERE / "generated"
SEED = 20261204

DISTRICTS = [
    ("6301", "Tanah Laut"), ("6302", "Kotabaru"), ("6303", "Banjar"), ("6304", "Barito Kuala"),
    ("6305", "Tapin"), ("6306", "Hulu Sungai Selatan"), ("6307", "Hulu Sungai Tengah"),
    ("6308", "Hulu Sungai Utara"), ("6309", "Tabalong"), ("6310", "Tanah Bumbu"), ("6311", "Balangan"),
    ("6371", "Kota Banjarmasin"), ("6372", "Kota Banjarbaru"),
]
ACTIONS = 8
INDICATORS = 40
ASSESSORS = 8
PREVALENCE_ROWS = 100_000


def assessor_workbook(path: Path, seed: int = SEED) -> Path:
    """The per-assessor workbook described in the module docstring."""
    import openpyxl

    rnd = random.Random(seed)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for _code, name in DISTRICTS:
        for p in range(1, ASSESSORS + 1):
            ws = wb.create_sheet(f"{name[:24]} P{p}")
            ws["A1"] = "LEMBAR PENILAIAN PER PENILAI"
            ws["A2"] = "Tahun penilaian : 2025"
            ws["A3"] = f"Nama Penilai : Penilai {p}"
            ws["A4"] = "Kabupaten/Kota"
            ws["B4"] = ":"
            ws["C4"] = name
            for c, text in enumerate(("No", "Aksi", "Indikator", "Skor (1-4)", "Bobot (%)", "Nilai", "Catatan"), 1):
                ws.cell(6, c, text)
            r = 7
            for a in range(1, ACTIONS + 1):
                first = r
                for i in range(1, INDICATORS + 1):
                    ws.cell(r, 1, f"{a}.{i}")
                    ws.cell(r, 3, f"indikator {a}.{i}")
                    ws.cell(r, 4, rnd.randint(1, 4))
                    ws.cell(r, 5, 2.5)
                    ws.cell(r, 6, f"=D{r}*E{r}")
                    r += 1
                ws.cell(first, 2, f"Aksi {a}")
                ws.merge_cells(start_row=first, start_column=2, end_row=r - 1, end_column=2)
            ws.cell(r, 3, "Jumlah")
            ws.cell(r, 6, f"=SUM(F7:F{r - 1})")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def prevalence_rows(seed: int = SEED, n: int = PREVALENCE_ROWS) -> list[tuple]:
    """``n`` rows (kode_wilayah, nama_wilayah, tahun, sumber, indikator,
    prevalensi) with a fixed seed."""
    rnd = random.Random(seed)
    rows = []
    k = 0
    while len(rows) < n:
        source = f"Survei {k // 30 + 1}"
        year = 2000 + k % 30
        for indicator in ("stunting", "wasting", "underweight", "overweight"):
            for code, name in DISTRICTS:
                rows.append((code, name, year, source, indicator, round(rnd.uniform(5, 45), 1)))
                if len(rows) >= n:
                    break
            if len(rows) >= n:
                break
        k += 1
    return rows


HEADER = ("kode_wilayah", "nama_wilayah", "tahun", "sumber", "indikator", "prevalensi")


def prevalence_csv(path: Path, seed: int = SEED) -> Path:
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(prevalence_rows(seed))
    return path


def prevalence_xlsx(path: Path, seed: int = SEED) -> Path:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Prevalensi")
    ws.append(HEADER)
    for row in prevalence_rows(seed):
        ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def make_all(folder: Path = DEFAULT_DIR, force: bool = False) -> dict[str, Path]:
    """Write every file (skipping those already there unless ``force``);
    returns name → path."""
    folder = Path(folder)
    files = {
        "assessor": (folder / "penilai_besar.xlsx", assessor_workbook),
        "prevalence_csv": (folder / "prevalensi_besar.csv", prevalence_csv),
        "prevalence_xlsx": (folder / "prevalensi_besar.xlsx", prevalence_xlsx),
    }
    out = {}
    for key, (path, make) in files.items():
        if force or not path.exists():
            make(path)
        out[key] = path
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    for key, path in make_all(target, force=True).items():
        print(f"{key}: {path} ({path.stat().st_size / 1e6:.2f} MB)")
