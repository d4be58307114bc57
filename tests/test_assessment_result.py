"""Issue 14, items 1–6: one score and one rank per district and year, the same
on the Aksi page (its table, map and download), Profil and the deck. Each
test builds the small workbook the issue describes with openpyxl."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kp2s_dashboard.store import datastore
from kp2s_dashboard.export.deck_assessment import _ranking_slide
from kp2s_dashboard.districts import profile
from kp2s_dashboard.figures import assessment as fa
from kp2s_dashboard.assessment import summary as sa
from kp2s_dashboard.assessment import load_workbook
from kp2s_dashboard.assessment.result import district_result, file_kind, in_force, note_text

TITLE = ["PENILAIAN KINERJA AKSI KONVERGENSI", "Tahun penilaian : 2025", "Periode yang dinilai : 2024"]


def write_rekap_rows(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    """A rekap: title lines, ``header`` in row 5, one district per row from row 6."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rekap"
    for i, line in enumerate(TITLE, start=1):
        ws.cell(i, 1, line)
    for c, text in enumerate(header, start=1):
        ws.cell(5, c, text)
    for r, row in enumerate(rows, start=6):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)
    wb.save(path)
    return path


def write_assessor(path: Path, sheets: dict[str, list[tuple]], district_label: dict[str, str] | None = None) -> Path:
    """Per-assessor sheets ``{sheet name: [(code, action, score, bobot), …]}``:
    ``No | Aksi | Indikator | Skor (1-4) | Bobot`` from row 6, no totals. A
    district label is written above the table only when ``district_label``
    names one for the sheet."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for i, line in enumerate(TITLE[:2], start=1):
            ws.cell(i, 1, line)
        if district_label and name in district_label:
            ws["A4"], ws["B4"], ws["C4"] = "Kabupaten/Kota", ":", district_label[name]
        for c, text in enumerate(("No", "Aksi", "Indikator", "Skor (1-4)", "Bobot"), start=1):
            ws.cell(6, c, text)
        for r, (code, action, score, weight) in enumerate(rows, start=7):
            ws.cell(r, 1, code)
            ws.cell(r, 2, f"Aksi {action}")
            ws.cell(r, 3, f"indikator {code}")
            ws.cell(r, 4, score)
            if weight is not None:
                ws.cell(r, 5, weight)
    wb.save(path)
    return path


def ranks(frame: pd.DataFrame) -> dict[str, object]:
    return {c: (None if pd.isna(r) else int(r)) for c, r in zip(frame["code"], frame["rank"])}


# -- item 1 ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo() -> list:
    return [load_workbook(f.path) for f in datastore.current_files("assessment")]


def test_item1_demo_files_of_one_year_are_never_pooled(demo):
    """Three demo workbooks of 2024 (matrix, per-assessor, rekap): one kind is in
    force (the rekap, whose own totals and ranks cover all 13), the others are
    a reported conflict, and Tanah Laut's Aksi 1 is the rekap's, not a blend
    (was 53.1: the matrix's 40.0 averaged in as a fourth panelist)."""
    decided = in_force(demo)
    assert decided.chosen == {2024: "rekap"} and decided.rule == {2024: "default"}
    assert decided.kinds[0] == "rekap" and set(decided.kinds) == {"rekap", "assessor", "matrix"}
    shown = decided.result
    assert shown.meta["files"] == ["contoh_rekap_2024.xlsx"]
    assert set(shown.scores["file"]) == {"contoh_rekap_2024.xlsx"}
    conflicts = shown.report.find("asm.conflict_sources")
    assert sorted(p.params["other"] for p in conflicts) == ["contoh_matriks_2024.xlsx", "contoh_penilai_2024.xlsx"]
    assert all(p.severity == "warning" and p.params["n"] == 13 for p in conflicts)
    views = sa.build_views(shown)
    cell = views.action_scores[(views.action_scores["code"] == "6301") & (views.action_scores["action"] == 1)]
    assert cell["score_pct"].iloc[0] == pytest.approx(69.07)  # the rekap's own Aksi 1 for Tanah Laut
    assert ranks(views.ranking)["6301"] == 4
    # the page says which file is in force, in words
    text = sa.in_force_text(decided, 2024, "id")
    assert text.startswith("Berkas yang berlaku untuk penilaian 2024: contoh_rekap_2024.xlsx (Rekap")


def test_item1_choice_of_kind_and_the_combined_validation_report(demo):
    decided = in_force(demo, "assessor")
    assert decided.chosen == {2024: "assessor"} and decided.rule == {2024: "choice"}
    views = sa.build_views(decided.result)
    assert ranks(views.ranking)["6301"] == 12  # the per-assessor file alone ranks Tanah Laut 12th
    cell = views.action_scores[(views.action_scores["code"] == "6301") & (views.action_scores["action"] == 1)]
    assert cell["score_pct"].iloc[0] == pytest.approx(57.5)
    assert sa.in_force_text(decided, 2024, "en").startswith(
        "File in force for the 2024 assessment: contoh_penilai_2024.xlsx (Per assessor), as chosen")
    assert in_force(demo, "nonsense").chosen == {2024: "rekap"}  # an unknown kind in the URL is ignored
    # the Validasi page's combined report: 0 errors before; now the two conflicts are listed
    combined = sa.combined_report([sa.CheckedFile(name=r.meta["file"], result=r) for r in demo])
    assert len(combined.report.find("asm.conflict_sources")) == 2
    assert not demo[0].report.find("asm.conflict_sources")  # the file's own (cached) report is untouched


def test_item1_same_kind_files_combine_and_years_are_kept_apart(tmp_path):
    """Two per-assessor files (two panelists) are one source; a rekap of another
    year is no conflict."""
    p1 = write_assessor(tmp_path / "p1.xlsx", {"P1 Tapin": [("1.1", 1, 4, 1)]})
    p2 = write_assessor(tmp_path / "p2.xlsx", {"P2 Tapin": [("1.1", 1, 2, 1)]})
    panel = [load_workbook(p1), load_workbook(p2)]
    rekap = load_workbook(write_rekap_rows(tmp_path / "r.xlsx", ["No", "Kabupaten/Kota", "Aksi 1", "Jumlah"],
                                           [[1, "Tapin", 50, 50], [2, "Banjar", 60, 60]]), year_assessed=2026)
    decided = in_force([*panel, rekap])
    assert decided.chosen == {2025: "assessor", 2026: "rekap"} and not decided.conflicts
    assert sorted(decided.result.meta["files"]) == ["p1.xlsx", "p2.xlsx", "r.xlsx"]
    items = decided.result.scores[decided.result.scores["year_assessed"] == 2025]
    assert sorted(items["assessor"]) == ["P1", "P2"]


# -- item 2 ------------------------------------------------------------------------------------------
def test_item2_a_not_scored_indicator_never_counts_as_zero(tmp_path):
    """Bobot 1 each, scale 1–4: Tanah Laut 3, 3, 3; Kotabaru 4, 4, "-". Kotabaru's
    Σ skor × bobot was 8 and ranked below Tanah Laut's 9."""
    path = write_assessor(tmp_path / "item2.xlsx", {
        "P1 Tanah Laut": [("1.1", 1, 3, 1), ("1.2", 1, 3, 1), ("1.3", 1, 3, 1)],
        "P1 Kotabaru": [("1.1", 1, 4, 1), ("1.2", 1, 4, 1), ("1.3", 1, "-", 1)],
    })
    result = load_workbook(path)
    out = district_result(result).set_index("code")
    assert out.loc["6301", "basis"] == "computed" and out.loc["6301", "score"] == 9.0
    assert out.loc["6301", "rank"] == 1
    assert pd.isna(out.loc["6302", "rank"]) and math.isnan(out.loc["6302", "score"])
    assert not out.loc["6302", "complete"] and (out.loc["6302", "n_scored"], out.loc["6302", "n_parts"]) == (2, 3)
    assert note_text(out.loc["6302"].to_dict(), "id") == "2 dari 3 nilai terisi; tidak diperingkat terhadap total yang lengkap"
    table = sa.ranking_table(sa.build_views(result), "en").set_index("District")
    assert table.loc["Kotabaru", "Scored"] == "2 of 3" and table.loc["Kotabaru", "Note"].startswith("2 of 3 scored")


# -- item 3 ------------------------------------------------------------------------------------------
def test_item3_totals_of_two_scales_are_never_ranked_together(tmp_path):
    """Review Dokumen (60%), Paparan (40%), Jumlah; Banjar's Jumlah blank. Its
    weighted 0–100 score (90) was ranked against the 0–200 sums and came last."""
    path = write_rekap_rows(tmp_path / "item3.xlsx", ["No", "Kabupaten/Kota", "Review Dokumen (60%)", "Paparan (40%)", "Jumlah"],
                            [[1, "Tanah Laut", 70, 70, 140], [2, "Kotabaru", 60, 60, 120], [3, "Banjar", 90, 90, None]])
    result = load_workbook(path)
    out = district_result(result)
    assert set(out["basis"]) == {"total"}
    assert ranks(out) == {"6301": 1, "6302": 2, "6303": None}
    banjar = out.set_index("code").loc["6303"]
    assert banjar["note"] == "asm.result.no_value"
    assert note_text(banjar.to_dict(), "en") == (
        "this district has no value of the ranking's basis (the file's total (Jumlah)); not ranked")


# -- item 4 ------------------------------------------------------------------------------------------
@pytest.fixture
def item4(tmp_path):
    """Bobot on action 1 (1.1 Bobot 3, 1.2 Bobot 1), none on action 2, no totals."""
    path = write_assessor(tmp_path / "item4.xlsx", {
        "P1 Tanah Laut": [("1.1", 1, 4, 3), ("1.2", 1, 1, 1), ("2.1", 2, 2, None), ("2.2", 2, 2, None)],
        "P1 Kotabaru": [("1.1", 1, 2, 3), ("1.2", 1, 4, 1), ("2.1", 2, 3, None), ("2.2", 2, 2, None)],
    })
    return load_workbook(path)


def test_item4_page_profile_deck_map_and_download_rank_alike(item4):
    out = district_result(item4).set_index("code")
    # the heatmap's cells: Tanah Laut (3×100 + 25)/4 = 81.25 and 50 → 65.625; Kotabaru 62.5 and 62.5
    assert out.loc["6301", "basis"] == "action_mean"
    assert out.loc["6301", "score"] == pytest.approx(65.625) and out.loc["6302", "score"] == pytest.approx(62.5)
    assert (out.loc["6301", "rank"], out.loc["6302", "rank"]) == (1, 2)  # the page had Kotabaru 1st (68.75)
    views = sa.build_views(item4)
    cells = views.action_scores.groupby("code")["score_pct"].mean()
    assert out["action_mean"].to_dict() == pytest.approx(cells.to_dict())  # "Rata-rata" = mean of the cells shown
    page = sa.ranking_table(views, "en")
    assert list(page["District"]) == ["Tanah Laut", "Kotabaru"] and list(page["Rank"]) == [1, 2]
    assert list(page["Total score"]) == pytest.approx([65.625, 62.5])
    slide = _ranking_slide(item4, None, "6301", "en")
    assert list(slide.data["table"]["code"]) == ["6301", "6302"]
    assert list(slide.data["table"]["rank"]) == [1, 2] and list(slide.data["table"]["total"]) == pytest.approx([65.625, 62.5])
    rank = profile.workbook_rank(views.ranking, "6302")
    assert rank["rank"] == 2 and rank["n"] == 2
    shown = fa.map_table(views.totals, views.ranking, "rank").set_index("code")
    assert int(shown.loc["6301", "value"]) == 1 and shown.loc["6301", "score_pct"] == pytest.approx(65.625)


def test_item4_demo_mean_column_is_the_mean_of_the_eight_cells(demo):
    penilai = next(r for r in demo if file_kind(r) == "assessor")
    views = sa.build_views(penilai)
    table = sa.ranking_table(views, "id").set_index("Kabupaten/Kota")
    cells = views.action_scores[views.action_scores["code"] == "6301"]["score_pct"]
    assert len(cells) == 8 and table.loc["Tanah Laut", "Rata-rata (0–100)"] == pytest.approx(cells.mean())
    assert table.loc["Tanah Laut", "Rata-rata (0–100)"] == pytest.approx(58.33, abs=0.005)  # was 58.23


# -- item 5 ------------------------------------------------------------------------------------------
def test_item5_ranks_explained_by_the_mean_are_not_mismatches(tmp_path):
    path = write_rekap_rows(tmp_path / "item5.xlsx",
                            ["No", "Kabupaten/Kota", "Aksi 1", "Aksi 2", "Aksi 3", "Jumlah", "Rata-rata", "Peringkat"],
                            [[1, "Tanah Laut", 80, 80, "-", 160, 80, 1],
                             [2, "Kotabaru", 70, 70, 70, 210, 70, 2],
                             [3, "Banjar", 60, 60, 60, 180, 60, 3]])
    result = load_workbook(path)
    assert not result.report.find("err.asm_rank_mismatch")
    out = district_result(result)
    assert set(out["basis"]) == {"mean"}
    assert list(out["code"]) == ["6301", "6302", "6303"] and list(out["rank"]) == [1, 2, 3]
    assert list(out["rank_workbook"]) == [1, 2, 3]


def test_item5_a_mismatch_is_still_reported_when_no_total_explains_the_ranks(tmp_path):
    path = write_rekap_rows(tmp_path / "item5b.xlsx",
                            ["No", "Kabupaten/Kota", "Aksi 1", "Aksi 2", "Jumlah", "Rata-rata", "Peringkat"],
                            [[1, "Tanah Laut", 80, 80, 160, 80, 2],
                             [2, "Kotabaru", 70, 70, 140, 70, 1]])
    result = load_workbook(path)
    mismatches = result.report.find("err.asm_rank_mismatch")
    assert len(mismatches) == 2 and {p.params["basis"] for p in mismatches} == {"total"}


# -- item 6 ------------------------------------------------------------------------------------------
def test_item6_district_from_a_sheet_name_only_beside_an_assessor_label(tmp_path):
    path = write_assessor(tmp_path / "item6.xlsx", {
        "P1 Banjar": [("1.1", 1, 4, 1)],
        "P1 Banjar Baru": [("1.1", 1, 1, 1)],
    })
    result = load_workbook(path)
    (problem,) = result.report.find("err.asm_district_sheet_unknown")
    assert problem.location.sheet == "P1 Banjar Baru" and problem.severity == "error"
    assert problem.params["suggestions"] == "Banjarbaru, Banjar, Banjarmasin"
    assert set(result.scores["code"]) == {"6303"} and list(result.scores["assessor"]) == ["P1"]
    assert list(result.scores["score"]) == [4.0]  # Banjarbaru's 1 is not averaged into Banjar
    assert list(result.rejected["key"]) == ["err.asm_district_unknown"]


def test_conflict_and_rank_messages_name_the_kind_and_basis_in_the_ui_language():
    """The Kelola warning said "juga dinilai di contoh_penilai_2024.xlsx (assessor); yang berlaku:
    contoh_rekap_2024.xlsx (rekap)" in the Indonesian UI: the kind's id, not its name."""
    from kp2s_dashboard.assessment import in_force, load_workbook
    from kp2s_dashboard.errors import Problem

    demo = Path(__file__).parents[1] / "data" / "demo"
    decided = in_force([load_workbook(demo / "contoh_penilai_2024.xlsx"), load_workbook(demo / "contoh_rekap_2024.xlsx")])
    conflicts = [p for p in decided.result.report.problems if p.key == "asm.conflict_sources"]
    assert len(conflicts) == 1
    assert "juga dinilai di contoh_penilai_2024.xlsx (per penilai); yang berlaku: contoh_rekap_2024.xlsx (rekap)." \
        in conflicts[0].message("id")
    assert "also scored in contoh_penilai_2024.xlsx (per assessor); in force: contoh_rekap_2024.xlsx (summary)." \
        in conflicts[0].message("en")
    rank = Problem("err.asm_rank_mismatch", {"value": "3", "expected": 2, "basis": "final"})
    assert rank.message("id") == "peringkat 3 tidak sesuai dengan nilai di berkas (Nilai Akhir); diharapkan 2"
    assert rank.message("en") == "rank 3 does not follow from the file's scores (the final score, Nilai Akhir); expected 2"
