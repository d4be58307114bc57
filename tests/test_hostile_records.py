"""Hostile assessment workbooks and recommendation rounds the older tests did
not reach: score cells that cannot be read, a table with nothing under its
header, a responsible longer than the store keeps, control characters in the
documents, hidden rows and sheets of a round, a 32,000-character cell quoted
back. Each test builds its small file here."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from kp2s_dashboard import paths
from tests.apptest import run_page
from tests.store_fixtures import new_store_url, store, store_url  # noqa: F401  (the fixtures)



# -- recommendations: a responsible longer than the store keeps -----------------------------------------------


def _round_book(path, responsible: str) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Putaran"
    ws.append(["Kabupaten/Kota", "Aksi", "Rekomendasi", "Penanggung Jawab", "Tenggat"])
    ws.append(["Tapin", 1, "Perbarui analisis situasi", "Bappeda", "31/03/2026"])
    ws.append(["Tapin", 2, "Susun regulasi", responsible, "31/03/2026"])
    wb.save(path)
    return path


def test_a_responsible_longer_than_the_store_keeps_is_an_error_naming_its_cell(tmp_path):
    from datetime import date

    from kp2s_dashboard.recommendations import sheet as S

    long = "Dinas Kesehatan, Bappeda, DPMD, " + "dan perangkat daerah lain " * 8  # 239 characters once trimmed
    rnd = S.read_round(_round_book(tmp_path / "r.xlsx", long), date(2025, 10, 20))
    assert rnd.report("en") == [f"file r.xlsx, sheet Putaran, cell D3: The responsible is too long ({len(long.strip())} "
                                "characters); at most 200 characters."]
    assert list(rnd.rows["source_row"]) == [2]
    rnd = S.read_round(_round_book(tmp_path / "r.xlsx", "B" * 200), date(2025, 10, 20))
    assert rnd.problems == [] and list(rnd.rows["responsible"])[1] == "B" * 200


def test_the_store_refuses_a_long_responsible_instead_of_cutting_it(store):
    from datetime import date

    from kp2s_dashboard.recommendations import model as M

    long = "B" * 201
    with pytest.raises(M.RecommendationError) as info:
        M.add(store, year_assessed=2025, district_code="6305", action=1, text="Perbarui data", responsible=long,
              who="budi")
    assert info.value.key == "rekomendasi.err.responsible_too_long"
    assert M.frames(store)[0].empty  # nothing written
    rid = M.add(store, year_assessed=2025, district_code="6305", action=1, text="Perbarui data",
                responsible="Bappeda", who="budi")
    with pytest.raises(M.RecommendationError):
        M.edit(store, rid, "budi", entry_date=date(2025, 11, 1), responsible=long)
    assert M.current_table(*M.frames(store))["responsible"].tolist() == ["Bappeda"]


# -- assessment: a score cell that cannot be read is a part the district lacks ---------------------------------


def _assessor_book(path: Path, jumlah: bool) -> Path:
    import openpyxl
    from test_assessment_builders import ASSESSOR_ROWS, write_assessor_book

    full = [r if r[0] != "7.1" else ("7.1", 7, 3, 10) for r in ASSESSOR_ROWS]  # every indicator scored
    word = [r if r[0] != "2.1" else ("2.1", 2, "dua", 20) for r in full]       # Banjar: "dua" in D9
    blank = [r if r[0] != "2.1" else ("2.1", 2, "-", 20) for r in full]        # HSS: "-" (not scored) in D9
    write_assessor_book(path, [
        {"title": "Tapin A", "district": "Tapin", "assessor": "A", "rows": full},
        {"title": "Banjar A", "district": "Banjar", "assessor": "A", "rows": word},
        {"title": "HSS A", "district": "HSS", "assessor": "A", "rows": blank},
    ])
    if not jumlah:  # no Jumlah row: the total is computed from the weights
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            ws["C16"] = ws["F16"] = None
        wb.save(path)
    return path


def test_a_district_with_an_unreadable_score_is_not_ranked_on_the_cells_that_remain(tmp_path):
    from kp2s_dashboard.assessment import load_workbook
    from kp2s_dashboard.assessment.result import district_result

    result = load_workbook(_assessor_book(tmp_path / "p.xlsx", jumlah=False))
    assert [(p.location.sheet, p.location.cell) for p in result.report.find("err.asm_not_a_score")] == [
        ("Banjar A", "D9")]
    table = district_result(result).set_index("code")
    assert table.loc["6305", "score"] == 270.0 and table.loc["6305", "rank"] == 1  # 4·10+3·10+2·20+3·10+…
    # Banjar was ranked 2nd on 230 (its eight readable cells), ahead of HSS whose same cell is "-"
    for code in ("6303", "6306"):
        row = table.loc[code]
        assert pd.isna(row["score"]) and pd.isna(row["rank"]) and row["note"] == "asm.result.incomplete"
        assert (row["n_scored"], row["n_parts"], bool(row["complete"])) == (8, 9, False)


def test_scored_of_counts_an_unreadable_cell_beside_the_files_own_total(tmp_path):
    from kp2s_dashboard.assessment import load_workbook
    from kp2s_dashboard.assessment.result import district_result

    result = load_workbook(_assessor_book(tmp_path / "p.xlsx", jumlah=True))
    table = district_result(result).set_index("code")
    assert table.loc["6303", "basis"] == "total"  # the file's Jumlah is ranked, as written
    assert (table.loc["6303", "n_scored"], table.loc["6303", "n_parts"], bool(table.loc["6303", "complete"])) == (
        8, 9, False)  # was "8 of 8", complete


def test_aksi_page_shows_the_unreadable_cell_in_scored_of(tmp_path):
    from kp2s_dashboard.assessment import summary as sa

    content = _assessor_book(tmp_path / "p.xlsx", jumlah=False).read_bytes()
    at = run_page("pages/aksi.py", session={sa.UPLOADS_KEY: {"penilai.xlsx": content}}, lang="en")
    at.selectbox(key="asm_dataset").set_value("uploads").run()
    assert not at.exception, [e.message for e in at.exception]
    ranking = next(df.value for df in at.dataframe if "Rank change" in df.value.columns).set_index("District")
    assert ranking.loc["Tapin", "Rank"] == "1" and ranking.loc["Tapin", "Total score"] == "270.00"
    assert ranking.loc["Banjar", "Rank"] == "–" and ranking.loc["Banjar", "Scored"] == "8 of 9"


# -- control characters from a file in the documents ----------------------------------------------------------


def test_a_control_character_in_an_imported_recommendation_does_not_break_the_recap_or_the_letter(store):
    import io
    from datetime import date

    import docx
    import openpyxl

    from kp2s_dashboard.assessment import load_workbook
    from kp2s_dashboard.export import followup, letter
    from kp2s_dashboard.recommendations import entry as E
    from kp2s_dashboard.recommendations import model as M

    csv = ("Kabupaten/Kota,Aksi,Rekomendasi,Penanggung Jawab,Tenggat\n"
           "Tapin,1,Perbarui\x0bdata desa \x1b lokus,Bappeda\x01,31/03/2026\n")
    rnd = E.check_round("putaran.csv", csv.encode("utf-8"), date(2025, 10, 20))
    assert rnd.problems == []
    E.import_round(store, rnd, 2024, "budi")
    recs, entries = M.frames(store)
    assert recs["text"].tolist() == ["Perbarui\x0bdata desa \x1b lokus"]  # kept as written in the store
    book = openpyxl.load_workbook(io.BytesIO(followup.recap_xlsx(recs, entries, date(2025, 10, 21))))
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Perbarui\ndata desa \ufffd lokus" in cells and "Bappeda\ufffd" in cells
    rekap = sorted((paths.DATA_DIR / "demo").glob("contoh_rekap_*.xlsx"))[0]
    data = letter.letter_bytes(load_workbook(rekap), "6305", recs, entries, as_of=date(2025, 10, 21), chart=False)
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Perbarui\ndata desa \ufffd lokus" in text


def test_a_table_download_holds_a_note_with_a_control_character():
    import io

    import openpyxl

    from kp2s_dashboard.export.tables import to_xlsx_bytes

    frame = pd.DataFrame({"Catatan\x07": ["SSGI\x0b2022", None, "=1+1"], "Nilai": [24.6, 20.1, 3.0]})
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"data": frame}, "en")))
    ws = book["data"]
    assert [c.value for c in ws[1]] == ["Catatan\ufffd", "Nilai"]
    assert [ws.cell(r, 1).value for r in (2, 3, 4)] == ["SSGI\n2022", None, "=1+1"]
    assert ws.cell(4, 1).quotePrefix and ws.cell(2, 2).value == 24.6


# -- an assessment table with a header and nothing under it ----------------------------------------------------


def _rekap_bytes(tmp_path, mutate) -> bytes:
    import openpyxl
    from test_assessment_builders import write_rekap

    path = tmp_path / "r.xlsx"
    write_rekap(path, formulas=False)
    wb = openpyxl.load_workbook(path)
    mutate(wb.active)
    wb.save(path)
    return path.read_bytes()


def _merge_over(path_bytes: bytes, *refs: str) -> bytes:
    """The workbook with one more merged range written into its sheet XML
    (openpyxl would blank the cells under it; Excel files can hold both)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(path_bytes)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<mergeCells count="\d+">', lambda m: m.group(0) + "".join(
                    f'<mergeCell ref="{ref}"/>' for ref in refs).encode(),
                              data)
            zout.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize("how", ["rows_deleted", "merged_over"])
def test_a_table_without_a_readable_row_is_an_error_and_cannot_be_published(tmp_path, monkeypatch, how):
    from kp2s_dashboard.assessment import summary as sa
    from kp2s_dashboard.store import publishing

    monkeypatch.setenv("KP2S_STORE", str(tmp_path / "store" / "kp2s.sqlite"))
    if how == "rows_deleted":
        content = _rekap_bytes(tmp_path, lambda ws: ws.delete_rows(8, 13))  # header kept, the 13 districts gone
    else:
        # two ranges over the table, one inside the other: every label and score under a merge
        content = _merge_over(_rekap_bytes(tmp_path, lambda ws: None), "A1:L27", "B2:K26")
    result = sa.check_upload("r.xlsx", content)
    assert [(p.key, p.location.sheet, p.location.cell) for p in result.report.errors] == [
        ("err.asm_table_empty", "Rekap 2025", "A6")]
    candidate = publishing.check_upload("assessment", "r.xlsx", content, {})
    assert not candidate.publishable  # was publishable, its preview removing every published figure


# -- a very long cell quoted back -------------------------------------------------------------------------------


def test_a_32000_character_cell_is_quoted_in_a_bounded_message(tmp_path):
    from kp2s_dashboard.errors import QUOTE_MAX, DataError
    from kp2s_dashboard.prevalence.upload import check_prevalence_upload

    long = "Tanah Laut " + "x" * 32_000
    with pytest.raises(DataError) as info:
        check_prevalence_upload("p.csv", f"kabupaten,tahun,sumber,nilai\n{long},2022,SSGI,24.6\n".encode())
    [message] = info.value.render_all("id")
    assert message.startswith("berkas p.csv, baris 2, kolom A: ") and f"'{long[:QUOTE_MAX]}…'" in message
    assert len(message) < QUOTE_MAX + 300
    rekap = _rekap_bytes(tmp_path, lambda ws: ws.cell(8, 2, long))
    from kp2s_dashboard.assessment import summary as sa

    result = sa.check_upload("r.xlsx", rekap)
    table = sa.report_table(result.report, "en")
    assert table.iloc[:, 1].str.len().max() < QUOTE_MAX + 300  # the Validasi table's message column


# -- recommendations: hidden rows and sheets are not read in silence --------------------------------------------


def test_a_hidden_row_or_sheet_of_a_round_is_read_with_a_warning(tmp_path):
    from datetime import date

    import openpyxl

    from kp2s_dashboard.recommendations import sheet as S

    path = _round_book(tmp_path / "r.xlsx", "Dinkes")
    wb = openpyxl.load_workbook(path)
    wb.active.row_dimensions[3].hidden = True
    wb.save(path)
    rnd = S.read_round(path, date(2025, 10, 20))
    assert rnd.report("en") == ["file r.xlsx, sheet Putaran, cell A3: Row 3 is hidden in the workbook; it is imported "
                                "all the same. Unhide it, or delete it if it is no recommendation."]
    assert list(rnd.rows["source_row"]) == [2, 3]  # kept: a warning, never a silent drop or a silent import

    wb = openpyxl.load_workbook(path)
    wb.active.row_dimensions[3].hidden = False
    wb.active.sheet_state = "hidden"
    cover = wb.create_sheet("Sampul", 0)
    cover["A1"] = "Rekomendasi KP2S 2024"
    wb.active = 0
    wb.save(path)
    rnd = S.read_round(path, date(2025, 10, 20))
    assert [(p.key, p.location.sheet, p.severity) for p in rnd.problems] == [
        ("rekomendasi.imp.hidden_sheet", "Putaran", "warning")]
    assert len(rnd.rows) == 2
