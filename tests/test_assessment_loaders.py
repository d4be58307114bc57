"""Loading assessment workbooks in the three layouts, clean and broken.

Every workbook is written by the test itself (tests/test_assessment_builders.py);
assertions compare parsed values, totals, ranks and the cell each message
names with what was written.
"""

from __future__ import annotations

import math

import openpyxl
import pytest
from test_assessment_builders import (
    ASSESSOR_ROWS,
    DISTRICTS,
    write_assessor_book,
    write_matrix,
    write_rekap,
)

from kp2s_dashboard.assessment import load_workbook
from kp2s_dashboard.assessment.instruments import instrument_from_dict, load_instrument
from kp2s_dashboard.sheets.xlsxcache import set_cached_values
from kp2s_dashboard.errors import DataError


def only(report, key):
    found = report.find(key)
    assert len(found) == 1, (key, [p.render("en") for p in report.problems + report.notes])
    return found[0]


def score_at(result, cell, sheet=None):
    rows = result.scores[result.scores["cell"] == cell]
    if sheet is not None:
        rows = rows[rows["sheet"] == sheet]
    assert len(rows) == 1, cell
    return rows.iloc[0]


# -- (a) rekap ----------------------------------------------------------------------------------
def test_rekap_clean_values_totals_and_ranks(tmp_path):
    path = tmp_path / "rekap.xlsx"
    written = write_rekap(path)
    result = load_workbook(path)
    assert result.report.clean, [p.render("en") for p in result.report.problems]
    assert result.meta["layouts"] == ["rekap"]
    assert (result.meta["year_assessed"], result.meta["period"]) == (2025, 2024)
    assert not result.synthetic
    scores = result.scores
    assert set(scores["code"]) == {code for code, _ in DISTRICTS}
    assert len(scores) == 13 * 8
    assert set(scores["level"]) == {"action"}
    # "Kota Baru" (alias of Kabupaten Kotabaru) in row 9, Aksi 1 in column C
    kotabaru = score_at(result, "C9")
    assert kotabaru["code"] == "6302"
    assert kotabaru["action"] == 1
    assert kotabaru["score"] == pytest.approx(written["values"]["6302"][0])
    assert kotabaru["scale_max"] == 100
    # the file's totals (cached SUM formulas) and ranks, all checked
    totals = result.totals
    jumlah = totals[(totals["kind"] == "total") & (totals["code"] == "6306")].iloc[0]
    assert jumlah["value"] == pytest.approx(written["totals"]["6306"])
    assert jumlah["cell"] == "K13"
    assert bool(jumlah["agrees"])
    ranks = totals[totals["kind"] == "rank"].set_index("code")["value"]
    assert ranks.to_dict() == {c: float(r) for c, r in written["ranks"].items()}
    assert totals["agrees"].all()
    counts = result.report.counts
    assert counts["rows_read"] == 13
    assert counts["cells_read"] == counts["cells_scored"] + counts["cells_not_scored"] + counts["cells_rejected"] == 104


def test_rekap_decimal_comma_dash_and_misspelt_district(tmp_path):
    path = tmp_path / "rekap.xlsx"
    write_rekap(path, text_cells={"C8": "83,33", "D8": "-", "E8": " ", "B10": "Banjr", "B11": "Tanah Lauts"}, formulas=False)
    result = load_workbook(path)
    c8 = score_at(result, "C8")
    assert (c8["raw"], c8["score"], c8["status"]) == ("83,33", 83.33, "scored")
    d8 = score_at(result, "D8")
    assert d8["status"] == "not_scored" and math.isnan(d8["score"]) and d8["raw"] == "-"
    assert score_at(result, "E8")["status"] == "not_scored"
    unknown = result.report.find("err.asm_district_unknown")
    assert [p.location.cell for p in unknown] == ["B10", "B11"]
    assert unknown[0].params["value"] == "Banjr"
    assert "Banjar" in unknown[0].params["suggestions"]
    assert "Tanah Laut" in unknown[1].params["suggestions"]
    assert "closest names" in unknown[1].render("en") and "sel B11" in unknown[1].render("id")
    # the two rows are rejected cell by cell, not dropped silently
    assert (result.rejected["key"] == "err.asm_district_unknown").sum() == 16
    assert set(result.rejected["cell"]) >= {"C10", "J11"}
    # Jumlah written as a number for row 8 still equals the original sum, so it now disagrees
    mismatch = only(result.report, "err.asm_total_mismatch")
    assert mismatch.location.cell == "K8"
    missing = only(result.report, "err.asm_districts_missing")
    assert missing.params["n"] == 2
    counts = result.report.counts
    assert counts["cells_read"] == counts["cells_scored"] + counts["cells_not_scored"] + counts["cells_rejected"]
    assert counts["cells_not_scored"] == 2 and counts["cells_rejected"] == 16


def test_rekap_total_that_disagrees_names_its_cell(tmp_path):
    path = tmp_path / "rekap.xlsx"
    written = write_rekap(path, text_cells={"K12": 999}, formulas=False)
    result = load_workbook(path)
    problem = only(result.report, "err.asm_total_mismatch")
    assert problem.location.cell == "K12"
    assert problem.location.sheet == "Rekap 2025"
    assert problem.params["parts"] == "C12:J12"
    assert problem.params["expected"] == pytest.approx(written['totals']['6305'], abs=0.005)
    assert problem.severity == "error"
    # ranks are checked against what the parts give, so the typo does not cascade
    assert not result.report.find("err.asm_rank_mismatch")
    row = result.totals[(result.totals["cell"] == "K12")].iloc[0]
    assert row["value"] == 999 and not row["agrees"]
    assert row["expected"] == pytest.approx(written["totals"]["6305"])


def test_rekap_rank_that_does_not_follow_from_totals(tmp_path):
    path = tmp_path / "rekap.xlsx"
    written = write_rekap(path, formulas=False, text_cells={"L20": 1, "L19": 1})
    result = load_workbook(path)
    # Banjarbaru (row 20) has the highest total, Banjarmasin (row 19) the second
    assert written["ranks"]["6372"] == 1 and written["ranks"]["6371"] == 2
    problem = only(result.report, "err.asm_rank_mismatch")
    assert (problem.location.cell, problem.params["value"], problem.params["expected"]) == ("L19", "1", 2)


def test_rekap_hidden_rows_and_columns_are_read_and_reported(tmp_path):
    path = tmp_path / "rekap.xlsx"
    written = write_rekap(path, hidden_rows=(12,), hidden_cols=("E",))
    result = load_workbook(path)
    row = only(result.report, "err.asm_hidden_row")
    assert (row.location.row, row.location.cell, row.severity) == (12, "A12", "warning")
    col = only(result.report, "err.asm_hidden_column")
    assert (col.location.cell, col.params["column"]) == ("E7", "E")
    assert result.report.ok
    tapin_a3 = score_at(result, "E12")  # hidden row and hidden column: still read
    assert tapin_a3["code"] == "6305" and tapin_a3["action"] == 3
    assert tapin_a3["score"] == pytest.approx(written["values"]["6305"][2])


def written_values(code):
    from test_assessment_builders import rekap_values

    return rekap_values()[code]


def test_rekap_formulas_without_cached_values(tmp_path):
    path = tmp_path / "rekap.xlsx"
    write_rekap(path, cache=False, text_cells={"D9": "=C9+1"})
    result = load_workbook(path)
    score_problem = only(result.report, "err.asm_formula_uncached")
    assert score_problem.location.cell == "D9"
    assert score_problem.params["formula"] == "=C9+1"
    assert "D9" in set(result.rejected["cell"])
    # =SUM(C8:J8) (cells on its row) is computed by the reader and checked like a cached total;
    # only K9 stays uncomputed: it sums D9, a formula with a constant (=C9+1)
    totals = result.report.find("err.asm_formula_uncached_total")
    assert [(p.location.cell, p.params["formula"], p.severity) for p in totals] == [("K9", "=SUM(C9:J9)", "warning")]
    k8 = result.totals[result.totals["cell"] == "K8"].iloc[0]
    assert k8["value"] == pytest.approx(sum(written_values("6301"))) and k8["agrees"]


def test_rekap_formula_with_cached_value_is_used(tmp_path):
    path = tmp_path / "rekap.xlsx"
    written = write_rekap(path, cache=False, text_cells={"D9": "=C9+1"})
    cached = {f"K{r}": written["totals"][code] for code, r in written["rows"].items()}
    value = written["values"]["6302"][0] + 1
    cached["D9"] = value
    cached["K9"] = round(written["totals"]["6302"] - written["values"]["6302"][1] + value, 2)
    set_cached_values(path, {"Rekap 2025": cached})
    result = load_workbook(path)
    assert score_at(result, "D9")["score"] == pytest.approx(value)
    assert not result.report.find("err.asm_formula_uncached")
    assert not result.report.find("err.asm_total_mismatch")


def test_rekap_scores_outside_scale_and_text(tmp_path):
    path = tmp_path / "rekap.xlsx"
    write_rekap(path, formulas=False, text_cells={"C8": 120, "D8": "baik", "E8": "=1/0"})
    result = load_workbook(path)
    out = only(result.report, "err.asm_out_of_scale")
    assert (out.location.cell, out.params["value"], out.params["expected"].text("id")) == ("C8", "120", "0–100")
    text = only(result.report, "err.asm_not_a_score")
    assert (text.location.cell, text.params["value"]) == ("D8", "baik")
    assert set(result.rejected["cell"]) >= {"C8", "D8", "E8"}
    assert not ((result.scores["cell"] == "C8").any())


def test_rekap_duplicate_district_and_missing_action(tmp_path):
    path = tmp_path / "rekap.xlsx"
    write_rekap(path, drop_action=6, formulas=False, text_cells={"B20": "Hulu Sungai Selatan"})
    result = load_workbook(path)
    dup = only(result.report, "err.asm_duplicate_district")
    assert dup.location.cell == "B20" and dup.params["other"] == "B13"
    missing = only(result.report, "err.asm_actions_missing_columns")
    assert missing.params["actions"] == "6"
    assert missing.severity == "warning"
    assert set(result.scores["action"].dropna()) == {1, 2, 3, 4, 5, 7, 8}
    # Banjarbaru (row 20) was replaced by a second HSS, so it is missing
    assert only(result.report, "err.asm_districts_missing").params["districts"] == "Banjarbaru"


def test_rekap_year_from_arguments_and_conflict(tmp_path):
    path = tmp_path / "rekap.xlsx"
    write_rekap(path, year_lines=False)
    result = load_workbook(path)
    assert result.report.find("err.asm_year_missing")
    assert result.scores["year_assessed"].isna().all()
    result = load_workbook(path, year_assessed=2023)
    assert not result.report.find("err.asm_year_missing")
    assert set(result.scores["year_assessed"]) == {2023} and set(result.scores["period"]) == {2022}
    assert result.report.find("asm.note_year_inferred")
    write_rekap(path)
    conflict = only(load_workbook(path, year_assessed=2024).report, "err.asm_year_conflict")
    assert (conflict.location.cell, conflict.params["written"], conflict.params["given"]) == ("A3", 2025, 2024)


def test_rekap_components_with_weights_in_headers(tmp_path):
    path = tmp_path / "komponen.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rekap"
    ws["A1"] = "Periode yang dinilai : 2024"
    for col, text in enumerate(["No", "Kab/Kota", "Review Dokumen (60%)", "Paparan (40%)", "Nilai Akhir", "Peringkat"], start=1):
        ws.cell(3, col, text)
    data = [("Tapin", 90, 80), ("HSS", 70, 95), ("Tabalong", 85, 60)]
    for i, (name, doc, pap) in enumerate(data):
        r = 4 + i
        ws.cell(r, 1, i + 1)
        ws.cell(r, 2, name)
        ws.cell(r, 3, doc)
        ws.cell(r, 4, pap)
        ws.cell(r, 5, round(0.6 * doc + 0.4 * pap, 2))
    ws["E6"] = 75.0  # 0.6*85 + 0.4*60 = 75
    ws["F4"], ws["F5"], ws["F6"] = 1, 2, 3
    ws["E5"] = 81.0  # should be 0.6*70 + 0.4*95 = 80
    wb.save(path)
    result = load_workbook(path)
    assert result.meta["weights"] == {"dokumen": 0.6, "paparan": 0.4}
    assert set(result.scores["level"]) == {"component"}
    problem = only(result.report, "err.asm_total_mismatch")
    assert problem.location.cell == "E5" and problem.params["expected"] == 80.0
    final = result.totals[result.totals["kind"] == "final"].set_index("code")
    assert final.loc["6305", "expected"] == pytest.approx(86.0)
    assert bool(final.loc["6305", "agrees"]) and not bool(final.loc["6306", "agrees"])
    assert not result.report.find("asm.note_weights_unknown")


def test_rekap_per_panelist_columns_with_mean(tmp_path):
    path = tmp_path / "panel.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Tahun penilaian : 2025"
    ws["A3"], ws["B3"], ws["C3"] = "No", "Kabupaten/Kota", "Paparan"
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:F3")
    for col, text in zip("CDEF", ["P1", "P2", "P3", "Rata-rata"]):
        ws[f"{col}4"] = text
    ws["A5"], ws["B5"], ws["C5"], ws["D5"], ws["E5"], ws["F5"] = 1, "Tapin", 80, 90, 70, 80
    ws["A6"], ws["B6"], ws["C6"], ws["D6"], ws["E6"], ws["F6"] = 2, "Balangan", 60, "-", 70, 66
    wb.save(path)
    result = load_workbook(path)
    assert set(result.scores["assessor"]) == {"P1", "P2", "P3"}
    assert set(result.scores["component"]) == {"paparan"}
    problem = only(result.report, "err.asm_total_mismatch")  # (60 + 70) / 2 = 65, not 66
    assert problem.location.cell == "F6" and problem.params["expected"] == 65.0
    assert result.totals.set_index("cell").loc["F5", "agrees"]


def test_xls_file_is_read_with_merges_and_hidden_rows(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    path = tmp_path / "rekap.xls"
    book = xlwt.Workbook()
    ws = book.add_sheet("Rekap", cell_overwrite_ok=True)
    ws.write(0, 0, "Tahun penilaian : 2025")
    ws.write_merge(2, 3, 0, 0, "No")
    ws.write_merge(2, 3, 1, 1, "Kabupaten/Kota")
    ws.write_merge(2, 2, 2, 9, "Nilai per Aksi")
    for a in range(8):
        ws.write(3, 2 + a, f"Aksi {a + 1}")
    ws.write_merge(2, 3, 10, 10, "Jumlah")
    for i, (code, name) in enumerate(DISTRICTS[:3]):
        r = 4 + i
        ws.write(r, 0, i + 1)
        ws.write(r, 1, name)
        for a in range(8):
            ws.write(r, 2 + a, 60 + i + a)
        ws.write(r, 10, sum(60 + i + a for a in range(8)))
    ws.write(5, 3, "71,5")
    ws.write(5, 10, sum(60 + 1 + a for a in range(8)) - 62 + 71.5)
    ws.row(6).hidden = True
    book.save(str(path))
    result = load_workbook(path)
    assert result.meta["layouts"] == ["rekap"]
    assert score_at(result, "D6")["score"] == 71.5
    assert score_at(result, "C5")["code"] == "6301"
    assert result.totals["agrees"].all()
    assert only(result.report, "err.asm_hidden_row").location.row == 7


# -- (b) matrix --------------------------------------------------------------------------------
def test_matrix_codes_letters_and_merged_district_headers(tmp_path):
    path = tmp_path / "matriks.xlsx"
    written = write_matrix(path)
    result = load_workbook(path)
    assert result.meta["layouts"] == ["matrix"]
    assert result.report.ok, [p.render("en") for p in result.report.problems]
    # a three-district, two-action extract: both gaps are reported as warnings
    assert sorted(result.report.keys()) == ["err.asm_actions_missing", "err.asm_districts_missing"]
    assert only(result.report, "err.asm_actions_missing").params["actions"] == "3, 4, 5, 6, 7, 8"
    assert only(result.report, "err.asm_districts_missing").params["n"] == 10
    assert (result.meta["year_assessed"], result.meta["period"]) == (2021, 2020)
    assert result.report.find("asm.note_year_inferred")
    assert result.meta["panel"] == ["Dr. Contoh Satu", "Contoh Dua, S.KM"]
    scores = result.scores
    assert sorted(set(scores["code"])) == ["6305", "6306", "6372"]
    indicators = list(dict.fromkeys(scores["indicator"]))
    assert indicators == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "2.1"]
    one_ten = scores[(scores["indicator"] == "1.10") & (scores["code"] == "6306")].iloc[0]
    one_one = scores[(scores["indicator"] == "1.1") & (scores["code"] == "6306")].iloc[0]
    assert one_ten["cell"] == "E22" and one_one["cell"] == "E13"
    assert one_ten["raw"] == written["grades"]["6306"][9]
    assert one_ten["action"] == 1 and scores[scores["indicator"] == "2.1"]["action"].eq(2).all()
    grade_value = {"A": 4, "B": 3, "C": 2, "D": 1}
    for _, row in scores.iterrows():
        assert row["score"] == grade_value[row["raw"]]
        assert row["note"] == f"keterangan {row['raw']}"
    assert set(scores["scale"]) == {"huruf"}
    assert result.report.counts["cells_scored"] == 33


def test_matrix_indicator_codes_stored_as_numbers(tmp_path):
    path = tmp_path / "angka.xlsx"
    codes = [1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 1.1, 2.1]  # what Excel makes of 1,1 … 1,10
    write_matrix(path, codes=codes)
    result = load_workbook(path)
    problem = only(result.report, "err.asm_indicator_float")
    assert problem.location.cell == "A22"
    assert problem.params["other"] == "A13"
    assert only(result.report, "err.asm_indicator_number").location.cell == "A13"
    assert set(result.rejected.loc[result.rejected["key"] == "err.asm_indicator_float", "cell"]) == {"C22", "E22", "G22"}
    assert "1.10" not in set(result.scores["indicator"])


def test_matrix_misspelt_district_header(tmp_path):
    path = tmp_path / "salah.xlsx"
    write_matrix(path, header_names=["KAB. TAPIN", "Hulu Sungai Selatn", "Kota Banjarbaru"])
    result = load_workbook(path)
    problem = only(result.report, "err.asm_district_unknown")
    assert problem.location.cell == "E10"
    assert problem.params["value"] == "Hulu Sungai Selatn"
    assert problem.params["suggestions"].startswith("Hulu Sungai Selatan")
    assert "6306" not in set(result.scores["code"])
    assert (result.rejected["key"] == "err.asm_district_unknown").sum() == 11


def test_matrix_letter_outside_scale(tmp_path):
    path = tmp_path / "huruf.xlsx"
    grades = {c: ["A"] * 11 for c in ("6305", "6306", "6372")}
    grades["6372"][4] = "E"
    write_matrix(path, grades=grades)
    result = load_workbook(path)
    problem = only(result.report, "err.asm_out_of_scale")
    assert (problem.location.cell, problem.params["value"], problem.params["expected"]) == ("G17", "E", "A, B, C, D")


# -- (c) per assessor ----------------------------------------------------------------------------
def test_assessor_sheets_scores_weights_and_totals(tmp_path):
    path = tmp_path / "penilai.xlsx"
    write_assessor_book(
        path,
        [
            {"title": "P1 Tapin", "district": None, "assessor": "Dr. A"},
            {"title": "P2 Tapin", "district": None, "assessor": "Dr. B"},
            {"title": "Penilai 1", "district": "Kab. Balangan", "assessor": None},
        ],
    )
    result = load_workbook(path)
    assert result.meta["layouts"] == ["assessor"]
    assert result.report.keys() == ["err.asm_districts_missing"], [p.render("en") for p in result.report.problems]
    scores = result.scores
    assert set(zip(scores["code"], scores["assessor"])) == {("6305", "Dr. A"), ("6305", "Dr. B"), ("6311", "Penilai 1")}
    first = score_at(result, "D7", "P1 Tapin")
    assert (first["indicator"], first["action"], first["score"], first["weight"], first["weighted"]) == ("1.1", 1, 4, 10, 40)
    merged = score_at(result, "D8", "P1 Tapin")  # Aksi 1 is merged over B7:B8
    assert merged["action"] == 1 and merged["indicator"] == "1.2"
    dash = score_at(result, "D14", "P1 Tapin")
    assert dash["status"] == "not_scored" and dash["indicator"] == "7.1"
    assert set(scores["scale"]) == {"1-4"}
    expected_total = sum(s * w for _, _, s, w in ASSESSOR_ROWS if isinstance(s, int))
    weighted = result.totals[result.totals["component"] == "__weighted__"]
    assert len(weighted) == 3
    assert weighted["value"].eq(expected_total).all() and weighted["agrees"].all()
    assert set(weighted["cell"]) == {"F16"}


def test_assessor_weighted_value_and_total_mismatch(tmp_path):
    path = tmp_path / "salah.xlsx"
    write_assessor_book(path, [{"title": "HSS", "district": None, "assessor": "Dr. A", "nilai_override": {9: 45.0}, "jumlah_override": 1.0}])
    result = load_workbook(path)
    weighted = only(result.report, "err.asm_weighted_mismatch")
    assert (weighted.location.cell, weighted.params["value"], weighted.params["expected"]) == ("F9", 45.0, 40.0)
    total = only(result.report, "err.asm_total_mismatch")
    assert total.location.cell == "F16"
    assert set(result.scores["code"]) == {"6306"}


def test_assessor_without_district(tmp_path):
    path = tmp_path / "tanpa.xlsx"
    write_assessor_book(path, [{"title": "Penilai 1", "district": None, "assessor": "Dr. A"}])
    result = load_workbook(path)
    problem = only(result.report, "err.asm_no_district")
    assert problem.location.sheet == "Penilai 1"
    assert result.scores.empty
    assert result.report.counts["cells_rejected"] == len(ASSESSOR_ROWS)


def test_assessor_misspelt_district_in_title_block(tmp_path):
    path = tmp_path / "typo.xlsx"
    write_assessor_book(path, [{"title": "Penilai 1", "district": "Tabalongg", "assessor": "Dr. A"}])
    result = load_workbook(path)
    problem = only(result.report, "err.asm_district_unknown")
    assert problem.location.cell == "C4" and "Tabalong" in problem.params["suggestions"]


def test_duplicate_sheet_for_same_assessor_and_district(tmp_path):
    path = tmp_path / "dobel.xlsx"
    write_assessor_book(
        path,
        [
            {"title": "P1 Tapin", "district": None, "assessor": "Dr. A"},
            {"title": "P1 Tapin (2)", "district": "Tapin", "assessor": "Dr. A"},
        ],
    )
    result = load_workbook(path)
    problem = only(result.report, "err.asm_duplicate")
    assert problem.location.sheet == "P1 Tapin (2)" and problem.location.cell == "D7"
    assert problem.params["other"] == "P1 Tapin!D7"
    assert (result.rejected["key"] == "err.asm_duplicate").sum() == len(ASSESSOR_ROWS)


# -- general --------------------------------------------------------------------------------------
def test_no_table_and_bad_suffix(tmp_path):
    path = tmp_path / "kosong.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "catatan rapat"
    wb.save(path)
    result = load_workbook(path)
    assert only(result.report, "err.asm_no_table").location.file == "kosong.xlsx"
    other = tmp_path / "data.txt"
    other.write_text("x")
    with pytest.raises(DataError) as info:
        load_workbook(other)
    assert info.value.key == "err.file_format"


def test_synthetic_marker_sets_flag(tmp_path):
    path = tmp_path / "contoh.xlsx"
    write_rekap(path, synthetic=True)
    assert load_workbook(path).synthetic


def test_instrument_with_component_weights(tmp_path):
    base = load_instrument(2025)
    data = {
        "year_assessed": 2025,
        "actions": [{"number": a.number, "name": a.name} for a in base.actions],
        "components": [
            {"code": "dokumen", "name": "Dokumen", "weight": 0.5},
            {"code": "paparan", "name": "Paparan", "weight": 0.5},
        ],
        "layout_scales": {"rekap": "0-100"},
        "scales": {"0-100": {"kind": "range", "min": 0, "max": 100}},
    }
    instrument = instrument_from_dict(data)
    path = tmp_path / "w.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Tahun penilaian : 2025"
    for col, text in enumerate(["No", "Kabupaten/Kota", "Dokumen", "Paparan", "Nilai Akhir"], start=1):
        ws.cell(2, col, text)
    ws.append([1, "Tapin", 80, 60, 70])
    ws.append([2, "HSS", 90, 50, 71])
    wb.save(path)
    result = load_workbook(path, instrument=instrument)
    assert result.meta["weights"] == {"dokumen": 0.5, "paparan": 0.5}
    assert only(result.report, "err.asm_total_mismatch").location.cell == "E4"


def test_matrix_with_declared_numeric_scale_and_total_row(tmp_path):
    path = tmp_path / "angka.xlsx"
    grades = {c: ["3"] * 11 for c in ("6305", "6306", "6372")}
    write_matrix(path, grades=grades)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["A8"] = "Skala : 1-4"
    for col in "CEG":
        for r in range(13, 24):
            ws[f"{col}{r}"] = 3
    ws["B24"] = "Jumlah"
    # G includes the 5 that is rejected (as Excel's SUM does); E is off by one
    ws["C24"], ws["E24"], ws["G24"] = 33, 34, 35
    ws["G15"] = 5
    wb.save(path)
    result = load_workbook(path)
    assert set(result.scores["scale"]) == {"1-4"}
    out = only(result.report, "err.asm_out_of_scale")
    assert (out.location.cell, out.params["expected"].text("en")) == ("G15", "1–4")
    total = only(result.report, "err.asm_total_mismatch")
    assert (total.location.cell, total.params["expected"], total.params["parts"]) == ("E24", 33.0, "E13:E23")
    sums = result.totals.set_index("cell")
    assert bool(sums.loc["C24", "agrees"]) and sums.loc["C24", "code"] == "6305"
    assert bool(sums.loc["G24", "agrees"]) and sums.loc["G24", "expected"] == 35


def test_unknown_declared_scale_is_reported(tmp_path):
    path = tmp_path / "skala.xlsx"
    write_matrix(path)
    wb = openpyxl.load_workbook(path)
    wb.active["A8"] = "Skala : bintang"
    wb.save(path)
    result = load_workbook(path)
    problem = only(result.report, "err.asm_scale_unknown")
    assert (problem.location.cell, problem.params["value"]) == ("A8", "bintang")
    assert set(result.scores["scale"]) == {"huruf"}


def test_combine_results_reports_duplicates_across_files(tmp_path):
    from kp2s_dashboard.assessment import combine_results

    first, second = tmp_path / "p1.xlsx", tmp_path / "p2.xlsx"
    write_assessor_book(first, [{"title": "P1 Tapin", "district": None, "assessor": "A"}])
    write_assessor_book(second, [{"title": "P1 Tapin", "district": None, "assessor": "A"}, {"title": "P2 Tapin", "district": None, "assessor": "B"}])
    combined = combine_results([load_workbook(first), load_workbook(second)])
    problem = only(combined.report, "err.asm_duplicate")
    assert problem.location.file == "p2.xlsx" and problem.params["other"] == "P1 Tapin!D7"
    assert set(combined.scores["assessor"]) == {"A", "B"}
    assert len(combined.scores) == 2 * len(ASSESSOR_ROWS)
    counts = combined.report.counts
    assert counts["cells_read"] == counts["cells_scored"] + counts["cells_not_scored"] + counts["cells_rejected"] == 3 * len(ASSESSOR_ROWS)
    assert combined.meta["files"] == ["p1.xlsx", "p2.xlsx"]


def test_every_message_key_exists_in_both_languages():
    import re
    from pathlib import Path

    from kp2s_dashboard.i18n import catalogue as strings

    package = Path(__file__).resolve().parent.parent / "kp2s_dashboard"
    keys = set()
    for source in [*(package / "assessment").glob("*.py"), *(package / "sheets").glob("*.py")]:
        keys |= set(re.findall(r'"((?:err\.asm_|asm\.)[a-z_.]+)"', source.read_text()))
    assert keys, "no keys found"
    for key in sorted(keys):
        entry = strings.CATALOGUE.get(key)
        assert entry is not None, key
        assert entry.get("id") and entry.get("en"), key


def test_indicator_under_the_wrong_aksi_and_listed_indicators(tmp_path):
    rows = [r if r[0] != "3.1" else ("3.1", 2, 3, 10) for r in ASSESSOR_ROWS]
    path = tmp_path / "aksi.xlsx"
    write_assessor_book(path, [{"title": "Tapin", "district": None, "assessor": "A", "rows": rows}])
    base = load_instrument(2025)
    instrument = instrument_from_dict(
        {
            "year_assessed": 2025,
            "actions": [{"number": a.number, "name": a.name} for a in base.actions],
            "layout_scales": {"assessor": "1-4"},
            "indicators": [{"code": "1.1"}, {"code": "1.2"}, {"code": "1.3"}, {"code": "2.1"}],
        }
    )
    result = load_workbook(path, instrument=instrument)
    mismatch = only(result.report, "err.asm_action_mismatch")
    assert (mismatch.location.cell, mismatch.params["code"], mismatch.params["action"], mismatch.params["cell"]) == ("A10", "3.1", 2, "B9")
    assert score_at(result, "D10")["action"] == 3  # the code decides
    assert only(result.report, "err.asm_indicators_missing").params["codes"] == "1.3"


def test_rekap_action_numbers_under_a_group_header(tmp_path):
    path = tmp_path / "angka_aksi.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Tahun penilaian : 2025"
    ws["A3"], ws["B3"], ws["C3"], ws["K3"] = "No", "Kabupaten/Kota", "Aksi", "Total"
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:J3")
    ws.merge_cells("K3:K4")
    for a in range(1, 9):
        ws.cell(4, 2 + a, a)
    ws.append([1, "Tapin"] + [10 * a for a in range(1, 9)] + [360])
    wb.save(path)
    result = load_workbook(path)
    assert list(result.scores["action"]) == list(range(1, 9))
    assert list(result.scores["score"]) == [10.0 * a for a in range(1, 9)]
    assert result.totals.iloc[0]["agrees"]


def test_matrix_sheet_of_one_panelist_with_numeric_scores(tmp_path):
    path = tmp_path / "panelis.xlsx"
    write_matrix(path, grades={c: ["2"] * 11 for c in ("6305", "6306", "6372")})
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["A8"] = "Nama Penilai : Dr. Contoh"
    ws["C11"] = "Nilai (1-4)"
    wb.save(path)
    result = load_workbook(path)
    tapin = result.scores[result.scores["code"] == "6305"]
    assert set(tapin["scale"]) == {"1-4"} and set(tapin["score"]) == {2.0}
    assert set(result.scores["assessor"]) == {"Dr. Contoh"}
    # the other districts' Nilai columns state no scale: the letter scale applies and "2" is refused
    refused = result.report.find("err.asm_not_a_score")
    assert len(refused) == 22 and refused[0].location.cell == "E13"
