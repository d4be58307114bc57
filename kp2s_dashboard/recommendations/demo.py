"""The synthetic demo round of recommendations (issue 10, point 5) and the
source of the board: the store's recommendations, or the demo file when the
store has none.

The demo file ``data/demo/rekomendasi/contoh_rekomendasi_2024.xlsx`` is written by
``scripts/make_demo_recommendations.py`` from a fixed seed: sheet
``Rekomendasi`` in the import template's layout (so it also shows an editor
what a filled round looks like) and sheet ``Tindak lanjut`` with follow-up
rows ``No | Tanggal | Status | Catatan``. Both sheets say *Data contoh —
bukan hasil resmi* in their second row and the workbook's keywords carry
``kp2s:synthetic``. The texts are plausible generic recommendations, not
those of any real assessment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from kp2s_dashboard import i18n, paths
from kp2s_dashboard.errors import DataError, Location
from kp2s_dashboard.recommendations import model as M
from kp2s_dashboard.recommendations import sheet as S
from kp2s_dashboard.regions import registry
from kp2s_dashboard.sheets.cells import is_missing, read_grids

#: In a subfolder of ``data/demo`` so that the datastore, which serves every
#: workbook directly in ``data/demo`` as an assessment workbook, does not take it for one.
DEMO_FILE = paths.DATA_DIR / "demo" / "rekomendasi" / "contoh_rekomendasi_2024.xlsx"
DEMO_YEAR = 2024
DEMO_SEED = 2024
#: The 2024 round was handed over on this day (issue 10).
HANDOVER = date(2025, 10, 20)
#: The demo's follow-ups are dated on or before this day; its due dates are
#: spread around it (see :func:`build`), so the board looks like a round in
#: progress around the end of 2026.
REFERENCE = date(2026, 11, 30)
#: Days from the handover to a due date (about 5 to 20 months).
_DUE_DAYS = (150, 240, 330, 420, 480, 540, 600)
FOLLOWUP_SHEET = "Tindak lanjut"
FOLLOWUP_HEADERS = ("No", "Tanggal", "Status", "Catatan")
SYNTHETIC_KEYWORD = "kp2s:synthetic"

#: Generic recommendation texts per action (0: general) and who answers for them.
_TEXTS = {
    0: [("Rapat koordinasi TPPS minimal sekali per triwulan dengan notulen", "Bappeda")],
    1: [("Perbarui analisis situasi dengan data e-PPGBM terbaru per desa", "Bappeda"),
        ("Tetapkan desa lokus berdasarkan analisis situasi", "Bappeda")],
    2: [("Susun rencana kegiatan terpadu lintas perangkat daerah", "Bappeda")],
    3: [("Libatkan kecamatan dan desa dalam rembuk stunting", "DPMD")],
    4: [("Terbitkan peraturan bupati/wali kota tentang peran desa", "Bagian Hukum")],
    5: [("Latih kader pembangunan manusia di setiap desa lokus", "DPMD"),
        ("Perkuat pendampingan keluarga berisiko stunting", "DP3AP2KB")],
    6: [("Tingkatkan kelengkapan pengukuran e-PPGBM di posyandu", "Dinkes")],
    7: [("Ukur dan publikasikan prevalensi stunting tingkat kabupaten/kota", "Dinkes")],
    8: [("Lakukan reviu kinerja tahunan dan unggah hasilnya", "Bappeda")],
}
_NOTES = {
    "dalam_proses": "Sedang disusun; draf dibahas di rapat TPPS",
    "selesai": "Telah dilaksanakan; bukti terlampir",
    "tidak_dapat_ditindaklanjuti": "Anggaran tahun berjalan dialihkan",
}


def build(seed: int = DEMO_SEED) -> tuple[list[tuple], list[tuple]]:
    """The demo round from ``seed``: rows for the ``Rekomendasi`` sheet in
    :data:`kp2s_dashboard.recommendations.sheet.TEMPLATE_HEADERS` order and
    follow-up rows ``(no, date, status, note)``. Same seed, same rows.

    Due dates fall 5 to 20 months after the handover and follow-ups between
    the handover and :data:`REFERENCE`, so that around that date the board
    shows a mix: about a fifth with no follow-up, a third in progress, the
    rest done or (a few) not possible, and part of the unfinished ones
    overdue (on 4 December 2026: 7 open, 14 in progress, 15 done, 2 not
    possible, 12 overdue).
    """
    rng = np.random.default_rng(seed)
    rows: list[tuple] = []
    followups: list[tuple] = []
    no = 0
    for region in registry().districts():
        actions = sorted(rng.choice(np.arange(0, 9), size=int(rng.integers(2, 5)), replace=False).tolist())
        for action in actions:
            options = _TEXTS[action]
            text, responsible = options[int(rng.integers(0, len(options)))]
            no += 1
            due = HANDOVER + timedelta(days=int(rng.choice(_DUE_DAYS)))
            priority = ("tinggi", "sedang", "rendah")[int(rng.integers(0, 3))]
            rows.append((no, region.name, "Umum" if action == 0 else f"Aksi {action}", text, responsible,
                         datetime(due.year, due.month, due.day), priority))
            fate = rng.random()
            first = min(HANDOVER + timedelta(days=int(rng.integers(20, 200))), REFERENCE)
            if fate < 0.20:
                continue  # no follow-up yet
            followups.append((no, first, "dalam_proses", _NOTES["dalam_proses"]))
            if fate > 0.50:
                later = min(first + timedelta(days=int(rng.integers(30, 240))), REFERENCE)
                status = "tidak_dapat_ditindaklanjuti" if fate > 0.94 else "selesai"
                followups.append((no, later, status, _NOTES[status]))
    return rows, followups


def write(path: str | Path = DEMO_FILE, seed: int = DEMO_SEED) -> Path:
    """Write the demo workbook to ``path`` (see the module docstring)."""
    from openpyxl.styles import Font

    rows, followups = build(seed)
    banner = i18n.t("asm.synthetic_banner", "id")
    wb = S.template_workbook(DEMO_YEAR, n_rows=len(rows), banner=banner, rows=rows)
    ws = wb.create_sheet(FOLLOWUP_SHEET, 1)
    ws.cell(1, 1, i18n.t("rekomendasi.demo.followup_title", "id")).font = Font(bold=True, size=13)
    ws.cell(2, 1, banner).font = Font(bold=True, italic=True, color="C00000")
    ws.append([])
    ws.append(list(FOLLOWUP_HEADERS))
    for c in ws[4]:
        c.font = Font(bold=True)
    for no, day, status, note in followups:
        ws.append([no, datetime(day.year, day.month, day.day), status, note])
        ws.cell(ws.max_row, 2).number_format = "DD/MM/YYYY"
    fixed = datetime(2025, 10, 20, 8, 0, 0)
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.keywords = SYNTHETIC_KEYWORD
    wb.properties.title = banner
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def load(path: str | Path = DEMO_FILE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The demo workbook as the frames of
    :func:`kp2s_dashboard.recommendations.model.frames` (ids are the ``No``
    column; ``created_by`` ``"data contoh"``; entry ``who`` likewise).

    Raises:
        DataError: the file is unreadable, a follow-up row names an unknown
            ``No``, or has a bad date or status (with its cell).
    """
    path = Path(path)
    rnd = S.read_round(path, today=date(2000, 1, 1))
    if rnd.errors:
        raise DataError.from_problems(rnd.errors)
    made = datetime(2025, 10, 20, tzinfo=timezone.utc)
    recs = pd.DataFrame({
        "id": rnd.rows["no"].astype("int64"), "year_assessed": DEMO_YEAR, "period": str(DEMO_YEAR - 1),
        "district_code": rnd.rows["district_code"], "action": rnd.rows["action"], "text": rnd.rows["text"],
        "priority": rnd.rows["priority"], "responsible": rnd.rows["responsible"], "due_date": rnd.rows["due_date"],
        "created_by": "data contoh", "created_at": pd.Timestamp(made),
    }, columns=M.REC_COLUMNS)
    known = set(recs["id"])
    grids = [g for g in read_grids(path) if g.sheet == FOLLOWUP_SHEET]
    entries = []
    if grids:
        grid = grids[0]
        for row in grid.rows[4:]:
            by_col = {c.col: c for c in row}
            if all(is_missing(c.value) for c in row):
                continue
            no, day, status, note = (by_col.get(i) for i in range(1, 5))
            where = grid.location(no or row[0])
            try:
                rid = int(no.value)
                entry_date = S.parse_date(day.value if day else None)
            except (TypeError, ValueError, AttributeError):
                raise DataError("rekomendasi.demo.bad_followup", where) from None
            if rid not in known or entry_date is None or status is None or status.value not in M.STATUSES:
                raise DataError("rekomendasi.demo.bad_followup", where)
            entries.append({"id": len(entries) + 1, "recommendation_id": rid, "kind": "followup",
                            "entry_date": entry_date, "status": status.value,
                            "reason": note.value if status.value == M.NOT_POSSIBLE and note else None,
                            "note": note.value if note else "", "evidence_url": None, "evidence_sha256": None,
                            "evidence_name": None, "text": None, "priority": None, "responsible": None,
                            "due_date": None, "who": "data contoh", "recorded_at": pd.Timestamp(made)})
    return recs, pd.DataFrame(entries, columns=M.ENTRY_COLUMNS)


@dataclass(frozen=True)
class BoardSource:
    """What the board shows: the frames of
    :func:`kp2s_dashboard.recommendations.model.frames` and whether they
    are the demo round (``demo=True``: banner *Data contoh — bukan hasil
    resmi*)."""

    recs: pd.DataFrame
    entries: pd.DataFrame
    demo: bool


def board_source(store, load_demo=load) -> BoardSource:
    """The store's recommendations when it holds any, else the demo
    round's from ``load_demo()`` (default :func:`load` of
    :data:`DEMO_FILE`; the web cache passes a cached loader). ``store`` may
    be ``None`` (no store could be opened). Raises as :func:`load` for a
    damaged demo file."""
    if store is not None:
        recs, entries = M.frames(store)
        if len(recs):
            return BoardSource(recs, entries, demo=False)
    recs, entries = load_demo()
    return BoardSource(recs, entries, demo=True)
