"""Recording recommendations (issue 10 point 2) and the district views
(point 3): an uploaded round checked and imported, an edit reduced to what
changes, Profil's status and history tables, the Aksi page's open
recommendations beside the scores, the next-year association and the
follow-up recap XLSX."""

from __future__ import annotations

import io
import math
from datetime import date

import openpyxl
import pandas as pd
import pytest

from kp2s_dashboard.export import followup as F
from kp2s_dashboard.recommendations import district as RD
from kp2s_dashboard.recommendations import entry as E
from kp2s_dashboard.recommendations import model as M
from kp2s_dashboard.recommendations import sheet as S
from kp2s_dashboard.sheets import uploads
from tests.store_fixtures import new_store_url, store, store_url  # noqa: F401

TODAY = date(2026, 12, 4)
TAPIN, HSS = "6305", "6306"


def _round_bytes(rows: list[tuple]) -> bytes:
    """A filled template: rows in TEMPLATE_HEADERS order from row 5."""
    wb = S.template_workbook(2025, n_rows=5)
    ws = wb["Rekomendasi"]
    for i, values in enumerate(rows, start=5):
        for j, value in enumerate(values, start=1):
            ws.cell(i, j, value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


ROWS = [
    (1, "kab. tapin", "Aksi 3 Rembuk stunting", "Libatkan desa dalam rembuk", "DPMD", "31/03/2027", "tinggi"),
    (2, "KOTA BANJARMASIN", "Umum", "Rapat TPPS tiap triwulan", "Bappeda", "2027-06-30", None),
    (3, "Hulu Sungai Selatan", "Aksi 9", "Aksi yang tidak ada", "Dinkes", "30/06/2027", None),
    (4, "HSS", 5, "+ Latih kader (=1+1)", "Dinkes", "01/01/2026", "sedang"),
]


def test_an_uploaded_round_is_checked_with_file_sheet_and_cell():
    rnd = E.check_round("putaran_2025.xlsx", _round_bytes(ROWS), TODAY)
    assert list(rnd.rows["district_code"]) == [TAPIN, "6371", HSS]
    assert list(rnd.rows["action"].astype("object").where(rnd.rows["action"].notna(), None)) == [3, None, 5]
    assert list(rnd.rows["due_date"]) == [date(2027, 3, 31), date(2027, 6, 30), date(2026, 1, 1)]
    assert list(rnd.rows["source_row"]) == [5, 6, 8]
    [error] = rnd.errors
    assert error.render("en") == ("file putaran_2025.xlsx, sheet Rekomendasi, cell C7: Unknown action Aksi 9; expected "
                                  "Aksi 1–8, or empty for a general recommendation.")
    [warning] = rnd.warnings
    assert "cell F8" in warning.render("en") and "2026-01-01 is already past" in warning.render("en")
    preview = E.preview_table(rnd, "id")
    assert list(preview["Kabupaten/kota"]) == ["Tapin", "Banjarmasin", "Hulu Sungai Selatan"]
    assert preview["Rekomendasi"].iloc[2] == "+ Latih kader (=1+1)"  # text, shown as text


def test_a_refused_upload_becomes_the_rounds_error_naming_the_file(monkeypatch):
    rnd = E.check_round("putaran.xlsx", b"%PDF-1.4 not a workbook", TODAY)
    assert rnd.rows.empty and "putaran.xlsx" in rnd.errors[0].render("en")
    monkeypatch.setenv("KP2S_UPLOAD_MAX_MB", "0.001")
    big = E.check_round("besar.xlsx", _round_bytes(ROWS), TODAY)
    assert big.errors[0].key == "err.upload_too_large"
    with pytest.raises(Exception) as info:
        uploads.check_size("besar.xlsx", 5000)
    assert "besar.xlsx" in str(info.value)


def test_import_writes_the_valid_round_and_refuses_one_with_errors(store):
    bad = E.check_round("putaran.xlsx", _round_bytes(ROWS), TODAY)
    with pytest.raises(M.RecommendationError, match="still has 1 error;"):
        E.import_round(store, bad, 2025, "budi")
    assert store.counts()["recommendation"] == 0
    good = E.check_round("putaran.xlsx", _round_bytes([r for r in ROWS if r[0] != 3]), TODAY)
    ids = E.import_round(store, good, 2025, "budi", period="2024")
    recs, _ = M.frames(store)
    assert ids == [1, 2, 3]
    assert list(recs["text"]) == ["Libatkan desa dalam rembuk", "Rapat TPPS tiap triwulan",
                                  "+ Latih kader (=1+1)"]
    assert list(recs["period"]) == ["2024"] * 3 and list(recs["created_by"]) == ["budi"] * 3


def test_edit_fields_keeps_only_what_changes(store):
    rid = M.add(store, year_assessed=2024, district_code=TAPIN, action=2, text="Susun regulasi", responsible="DPMD",
                who="budi", due_date=date(2026, 6, 30), priority="sedang")
    recs, entries = M.frames(store)
    row = M.current_table(recs, entries).iloc[0]
    assert E.edit_fields(row, " Susun regulasi ", "DPMD", "sedang", date(2026, 6, 30)) == {}
    fields = E.edit_fields(row, "Susun regulasi desa", "DPMD", "tinggi", date(2027, 1, 31))
    assert fields == {"text": "Susun regulasi desa", "priority": "tinggi", "due_date": date(2027, 1, 31)}
    M.edit(store, rid, "siti", entry_date=date(2026, 7, 1), note="diperpanjang", **fields)
    recs, entries = M.frames(store)
    hist = RD.history_table(entries, [rid], "id")
    assert hist.to_dict("records") == [{
        "No": rid, "Tanggal": "1 Juli 2026", "Jenis catatan": "perubahan", "Status": "",
        "Perubahan": "rekomendasi: Susun regulasi desa; prioritas: tinggi; tenggat: 31 Januari 2027",
        "Catatan": "diperpanjang", "Alasan": "", "Bukti": "", "Dicatat oleh": "siti"}]


def _district_round(store):
    ids = M.add_many(store, [
        dict(year_assessed=2024, district_code=TAPIN, action=1, text="Perbarui analisis situasi",
             responsible="Bappeda", due_date=date(2026, 3, 31)),
        dict(year_assessed=2024, district_code=TAPIN, action=5, text="Latih kader", responsible="DPMD",
             due_date=date(2027, 3, 31)),
        dict(year_assessed=2024, district_code=TAPIN, action=None, text="Rapat TPPS", responsible="Bappeda",
             due_date=date(2026, 1, 31)),
        dict(year_assessed=2024, district_code=HSS, action=5, text="Sosialisasi", responsible="Dinkes",
             due_date=date(2026, 2, 28)),
    ], who="budi")
    M.add_followup(store, ids[0], "siti", entry_date=date(2026, 1, 10), status="dalam_proses",
                   evidence_url="https://example.org/notulen")
    M.add_followup(store, ids[2], "siti", entry_date=date(2026, 2, 15), status="selesai",
                   evidence=("notulen.pdf", b"%PDF-1.4 notulen"))
    M.add_followup(store, ids[3], "siti", entry_date=date(2026, 2, 1), status="tidak_dapat_ditindaklanjuti",
                   reason="anggaran dialihkan")
    return ids


def test_profil_status_and_history_of_a_district(store):
    ids = _district_round(store)
    recs, entries = M.frames(store)
    current = RD.district_current(recs, entries, TAPIN, TODAY)
    table = RD.status_table(current, "id")
    assert list(table["No"]) == [ids[0], ids[1], ids[2]]  # Aksi 1, Aksi 5, then general
    assert list(table["Status"]) == ["dalam proses · terlambat", "belum ditindaklanjuti", "selesai"]
    assert list(table["Tenggat"]) == ["31 Maret 2026", "31 Maret 2027", "31 Januari 2026"]
    hist = RD.history_table(entries, current["id"], "en")
    assert list(hist["No"]) == [ids[0], ids[2]]
    assert list(hist["Status"]) == ["in progress", "done"]
    assert hist["Evidence"].iloc[0] == "https://example.org/notulen"
    assert hist["Evidence"].iloc[1].startswith("notulen.pdf (SHA-256 ")


def test_aksi_open_recommendations_beside_the_action_scores(store):
    ids = _district_round(store)
    recs, entries = M.frames(store)
    profile = pd.DataFrame({"action": pd.array([1, 5, 8], dtype="Int64"), "score_pct": [49.0, 66.25, 52.9],
                            "province_mean": [66.8, 74.9, 68.4]})
    got = RD.open_with_scores(recs, entries, TAPIN, profile, TODAY)
    assert list(got["id"]) == [ids[0], ids[1]]  # the done general one is not open
    assert list(got["score_pct"]) == [49.0, 66.25] and list(got["province_mean"]) == [66.8, 74.9]
    assert list(got["overdue"]) == [True, False]
    shown = RD.open_with_scores_table(got, "en")
    assert list(shown["Status"]) == ["in progress · overdue", "not yet followed up"]
    assert list(RD.open_with_scores_table(got, "id")["Nilai aksi (0–100)"]) == ["49,0", "66,2"]
    general = got.head(1).assign(score_pct=float("nan"), province_mean=float("nan"))
    assert list(RD.open_with_scores_table(general, "id").iloc[0, 1:3]) == ["–", "–"]  # never 'None'


def test_next_year_is_the_score_of_the_action_in_the_following_assessment(store):
    ids = _district_round(store)
    recs, entries = M.frames(store)
    scores = pd.DataFrame({
        "year_assessed": [2024, 2024, 2025, 2024, 2026],
        "code": [TAPIN, TAPIN, TAPIN, HSS, HSS],
        "action": [1, 5, 1, 5, 5],
        "score_pct": [49.0, 66.25, 61.5, 70.0, 80.0],
    })
    got = RD.next_year(recs, entries, scores, TODAY)
    assert list(got["id"]) == [ids[0], ids[1], ids[3]]  # the general one has no action score
    assert list(got["score_then"]) == [49.0, 66.25, 70.0]
    assert list(got["next_year_assessed"].astype("object").where(got["next_year_assessed"].notna(), None)) == [
        2025, None, 2026]
    assert got["change"].iloc[0] == pytest.approx(12.5) and math.isnan(got["change"].iloc[1])
    shown = RD.next_year_table(got, "id")
    assert list(shown["Penilaian berikutnya"]) == ["2025", "belum dinilai", "2026"]
    assert list(shown["Perubahan (poin)"]) == ["12,5", "–", "10,0"]


def test_recap_counts_per_district_and_rows_are_formula_safe(store):
    _district_round(store)
    M.add(store, year_assessed=2024, district_code=HSS, action=2, text="=1+1 bukan rumus", responsible="@Dinkes",
          who="budi", due_date=date(2027, 1, 1))
    recs, entries = M.frames(store)
    frames = F.recap_frames(recs, entries, TODAY, "id")
    summary = frames["Rekap per kabupaten-kota"].set_index("Kabupaten/kota")
    cols = ["Belum ditindaklanjuti", "Dalam proses", "Selesai", "Tidak dapat ditindaklanjuti", "Terlambat", "Jumlah"]
    assert list(summary.loc["Tapin", cols]) == [1, 1, 1, 0, 1, 3]
    assert list(summary.loc["Hulu Sungai Selatan", cols]) == [1, 0, 0, 1, 0, 2]
    assert list(summary.loc["Banjarbaru", cols]) == [0, 0, 0, 0, 0, 0]
    assert list(summary.loc["Provinsi (jumlah)", cols]) == [2, 1, 1, 1, 1, 5]
    assert len(summary) == 14
    wb = openpyxl.load_workbook(io.BytesIO(F.recap_xlsx(recs, entries, TODAY, "id", demo=True)))
    assert wb.sheetnames[:2] == ["Rekap per kabupaten-kota", "Rincian rekomendasi"]
    detail = wb["Rincian rekomendasi"]
    header = [c.value for c in detail[1]]
    texts = [r[header.index("Rekomendasi")].value for r in detail.iter_rows(min_row=2)]
    cells = [r[header.index("Rekomendasi")] for r in detail.iter_rows(min_row=2) if r[0].value == 5]
    assert "=1+1 bukan rumus" in texts and cells[0].data_type == "s" and cells[0].quotePrefix
    tapin = [r for r in detail.iter_rows(min_row=2, values_only=True) if r[2] == "Tapin"]
    assert [(r[3], r[7], r[9]) for r in tapin] == [("Aksi 1", "dalam proses", "ya"),
                                                   ("Aksi 5", "belum ditindaklanjuti", "tidak"),
                                                   ("Umum", "selesai", "tidak")]
    notes = [c.value for c in wb[wb.sheetnames[-1]]["B"]]
    assert "Data contoh — bukan hasil resmi" in notes
