"""Downloads (issue 14, items 10–12): no exported cell is a live formula,
the sample-data mark and the source (files, assessment year) travel with
the Aksi downloads, and the Validasi download follows the UI language and
names the files it checked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_assessment_builders import write_rekap

from kp2s_dashboard.store import datastore
from kp2s_dashboard.export import tables as export
from kp2s_dashboard import i18n, paths
from kp2s_dashboard.prevalence import summary
from kp2s_dashboard.web import ui
from kp2s_dashboard.assessment import summary as sa
from kp2s_dashboard.prevalence.loader import load_prevalence
from apptest import run_page as run

PROJECT = Path(__file__).resolve().parent.parent
DAY = dt.date(2025, 11, 30)
HYPERLINK = '=HYPERLINK("http://x","klik")'
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def is_number_text(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def csv_field_is_inert(text: str) -> bool:
    """What a spreadsheet would not evaluate: not starting with a trigger,
    or a plain number."""
    return not text.startswith(TRIGGERS) or is_number_text(text)


def xlsx_cells(data: bytes):
    book = openpyxl.load_workbook(io.BytesIO(data))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield ws.title, cell


# -- item 10: formulas are neutralised ------------------------------------------------------------
def test_default_prevalence_note_is_not_a_formula_in_the_csv():
    table = load_prevalence(datastore.current("prevalence").path).table
    # the file's note as read ("-3 SD <= HAZ < -2 SD" starts with a formula trigger) written out as inert text
    rows = csv_rows(export.to_csv_bytes(table, "id", exported=DAY))
    header = rows[0]
    notes = [r[header.index("note")] for r in rows[1:] if len(r) == len(header)]
    assert "'-3 SD <= HAZ < -2 SD" in notes  # Kalimantan Selatan, Riskesdas 2018, pendek
    assert "'-3 SD <= HAZ < -2 SD (pendek)" in notes
    assert "HAZ < -3 SD" in notes  # text not starting with a trigger is unchanged
    for row in rows:
        assert all(csv_field_is_inert(field) for field in row), row
    # the table as shown holds the note in the UI's language (issue 15 item 7), still inert
    shown = summary.display_prevalence(table, "id")
    rows = csv_rows(export.to_csv_bytes(shown, "id", exported=DAY))
    header = rows[0]
    notes = [r[header.index("Catatan sumber")] for r in rows[1:] if len(r) == len(header)]
    assert "'-3 SD <= HAZ < -2 SD (pendek)" in notes and "HAZ < -3 SD (sangat pendek)" in notes
    assert "bulan tidak disebutkan" in notes and "month not stated" not in notes
    for row in rows:
        assert all(csv_field_is_inert(field) for field in row), row
    values = [r[header.index("Prevalensi (%)")] for r in rows[1:] if len(r) == len(header)]
    assert all(is_number_text(v) for v in values) and "21.1" in values


def test_default_prevalence_note_is_a_plain_string_cell_in_the_xlsx():
    table = load_prevalence(datastore.current("prevalence").path).table
    data = export.to_xlsx_bytes({"prev": table}, "en", exported=DAY)
    notes = [c for _, c in xlsx_cells(data) if c.value == "-3 SD <= HAZ < -2 SD"]
    assert notes and all(c.data_type == "s" and c.quotePrefix for c in notes)
    shown = summary.display_prevalence(table, "en")
    data = export.to_xlsx_bytes({"prev": shown}, "en", exported=DAY)
    shown_notes = [c for _, c in xlsx_cells(data) if c.value == "-3 SD <= HAZ < -2 SD"]
    assert shown_notes and all(c.data_type == "s" and c.quotePrefix for c in shown_notes)
    numbers = [c.value for _, c in xlsx_cells(data) if c.data_type == "n"]
    assert 21.1 in numbers


@pytest.fixture(scope="module")
def hyperlink_upload(tmp_path_factory) -> bytes:
    """The demo-style summary workbook with ``=HYPERLINK("http://x","klik")``
    typed as text in a district cell (B10) and in a score cell (D12): the
    validation rejects both rows' cells and reports the district."""
    path = tmp_path_factory.mktemp("upload") / "rekap_formula.xlsx"
    write_rekap(path, formulas=False)
    book = openpyxl.load_workbook(path)
    for ref in ("B10", "D12"):
        cell = book.active[ref]
        cell.value = HYPERLINK
        cell.data_type = "s"  # text as a user's workbook holds it, not a formula of the upload
    book.save(path)
    return path.read_bytes()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_uploaded_hyperlink_comes_back_inert_in_the_validasi_download(hyperlink_upload, lang):
    checked = [sa.CheckedFile("rekap_formula.xlsx", sa.check_upload("rekap_formula.xlsx", hyperlink_upload),
                              uploaded=True)]
    download = sa.validation_export(checked, lang, checked_on=DAY)
    rejected = download.sheets[{"id": "Sel ditolak", "en": "Rejected cells"}[lang]]
    assert HYPERLINK in set(rejected.iloc[:, 3])  # the raw value of D12, as written
    assert any(HYPERLINK in m for m in download.findings.iloc[:, 1])  # unknown district in B10
    data = export.to_xlsx_bytes(download.sheets, lang, sources=download.sources, notes=download.notes, exported=DAY)
    cells = list(xlsx_cells(data))
    assert not [c.coordinate for _, c in cells if c.data_type == "f"]
    raw = [c for _, c in cells if c.value == HYPERLINK]
    assert raw and all(c.data_type == "s" and c.quotePrefix for c in raw)
    for row in csv_rows(export.to_csv_bytes(download.findings, lang, sources=download.sources, exported=DAY)):
        assert all(csv_field_is_inert(field) for field in row), row


def test_formula_like_rule():
    for text in ("=1+1", "+1 (555)", "-3 SD", "@SUM(A1)", "\tx", "\rx", HYPERLINK, "-", "+"):
        assert export.formula_like(text) and export.safe_text(text) == "'" + text
    for value in ("-3", "+1,5", "-2.25e3", "3 SD", "", "Tanah Laut", -3, -2.5, None, math.nan):
        assert not export.formula_like(value)
        assert export.safe_text(value) is value


# Text cells: any printable text (plus tab and CR, which XLSX allows), the dangerous first characters made frequent.
_alphabet = st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from("\t\r"))
_texts = st.one_of(
    st.text(_alphabet, max_size=12),
    st.tuples(st.sampled_from(TRIGGERS), st.text(_alphabet, max_size=10)).map("".join),
    st.sampled_from(["-3", "+1,5", "-3 SD <= HAZ < -2 SD", HYPERLINK, "@x", "=1+1", "-"]),
)
_numbers = st.one_of(st.integers(-10**6, 10**6),
                     st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 6)))


@st.composite
def _frames(draw) -> pd.DataFrame:
    n = draw(st.integers(1, 6))
    columns: dict[str, list] = {}
    for i in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["text", "number", "mixed"]))
        values = st.one_of(_texts, _numbers) if kind == "mixed" else (_texts if kind == "text" else _numbers)
        header = draw(st.one_of(st.just(f"c{i}"), st.tuples(st.sampled_from(TRIGGERS), st.just(f"c{i}")).map("".join)))
        columns[header] = draw(st.lists(values, min_size=n, max_size=n))
    return pd.DataFrame(columns)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_frames())
def test_every_exported_text_cell_is_formula_safe_and_numbers_stay_numbers(frame):
    # the XLSX: read back with openpyxl, no formula, every dangerous text a string with the quote prefix
    data = export.to_xlsx_bytes({"t": frame}, "en", exported=DAY)
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["t"]
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
            if isinstance(cell.value, str) and export.formula_like(cell.value):
                assert cell.data_type == "s" and cell.quotePrefix
    for j, column in enumerate(frame.columns, start=1):
        assert ws.cell(1, j).value == column
        for i, value in enumerate(frame[column], start=2):
            written = ws.cell(i, j).value
            if isinstance(value, str):
                assert written == (value or None)  # the text unchanged ("" is an empty cell)
            else:
                assert isinstance(written, (int, float)) and not isinstance(written, bool), (value, written)
                assert written == pytest.approx(value)
    # the CSV: no field a spreadsheet would evaluate, numbers still plain numbers
    rows = csv_rows(export.to_csv_bytes(frame, "en", exported=DAY))
    for row in rows:
        assert all(csv_field_is_inert(field) for field in row), row
    for j, column in enumerate(frame.columns):
        for i, value in enumerate(frame[column], start=1):
            field = rows[i][j]
            if isinstance(value, str):
                assert field == export.safe_text(value)
            else:
                assert float(field) == pytest.approx(value)


# -- item 11: the demo mark and the source travel with the Aksi downloads ------------------------
def test_export_marks_name_files_year_and_sample_mark():
    marks = sa.export_marks(["contoh_rekap_2024.xlsx"], 2024, 2023, True, "id")
    assert marks == {"sources": ["berkas penilaian contoh_rekap_2024.xlsx · Tahun penilaian 2024 · "
                                 "periode kinerja yang dinilai 2023"],
                     "notes": ["Data contoh — bukan hasil resmi"]}
    assert sa.export_marks(["a.xlsx", "b.xlsx"], 2025, None, False, "en") == {
        "sources": ["assessment files a.xlsx, b.xlsx · Assessment held in 2025 · performance period scored unknown"],
        "notes": []}


@pytest.fixture
def recorded_downloads(monkeypatch):
    """Replace ``ui.downloads`` (looked up by the page at call time) to
    record what each download would be written from, then draw the real
    buttons."""
    calls: dict[str, dict] = {}
    real = ui.downloads

    def record(frame, stem, lang, key, sources=(), notes=(), sheets=None):
        calls[key] = {"frame": frame, "stem": stem, "lang": lang, "sources": list(sources), "notes": list(notes),
                      "sheets": sheets}
        real(frame, stem, lang, key, sources=sources, notes=notes, sheets=sheets)

    monkeypatch.setattr(ui, "downloads", record)
    return calls




@pytest.mark.parametrize("lang", ["id", "en"])
def test_aksi_ranking_and_score_downloads_of_the_demo_carry_mark_files_and_year(recorded_downloads, lang):
    at = run("pages/aksi.py", lang=lang)
    at.selectbox(key="asm_in_force").set_value("rekap").run()  # the rekap is in force by default too
    assert not at.exception
    mark = {"id": "Data contoh — bukan hasil resmi", "en": "Sample data — not official results"}[lang]
    year = {"id": "Tahun penilaian 2024 · periode kinerja yang dinilai 2023",
            "en": "Assessment held in 2024 · performance period scored 2023"}[lang]
    for key in ("asm_dl_ranking", "asm_dl_heatmap"):
        call = recorded_downloads[key]
        assert call["notes"] == [mark]
        assert len(call["sources"]) == 1 and "contoh_rekap_2024.xlsx" in call["sources"][0]
        assert year in call["sources"][0]
        rows = csv_rows(export.to_csv_bytes(call["frame"], lang, sources=call["sources"], notes=call["notes"],
                                            exported=DAY))
        tail = [r[0] for r in rows[-3:]]
        assert tail[0] == {"id": "Catatan: ", "en": "Note: "}[lang] + mark
        assert tail[1].endswith("contoh_rekap_2024.xlsx · " + year)
        book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes({call["stem"]: call["frame"]}, lang,
                                                                      sources=call["sources"], notes=call["notes"],
                                                                      exported=DAY)))
        about = dict((r[1], r[0]) for r in book[book.sheetnames[-1]].iter_rows(values_only=True))
        assert about[mark] == {"id": "Catatan", "en": "Note"}[lang]
        assert about[call["sources"][0]] == {"id": "Sumber", "en": "Source"}[lang]
    # the figures (the chart toolbar's PNG is the figure itself) carry the mark and the same source line
    from test_pages_assessment import charts

    for chart in charts(at)[:2]:
        assert chart["layout"]["title"]["text"] == f"<b>{mark.upper()}</b>"
        notes = [a["text"] for a in chart["layout"].get("annotations", [])]
        assert any(year in n and "contoh_rekap_2024.xlsx" in n for n in notes), notes


def test_aksi_downloads_of_an_upload_name_the_uploaded_file(recorded_downloads):
    path = Path(paths.DATA_DIR / "demo" / "contoh_rekap_2024.xlsx")
    at = run("pages/aksi.py", session={sa.UPLOADS_KEY: {"rekap_kab.xlsx": path.read_bytes()}})
    at.selectbox(key="asm_dataset").set_value("uploads").run()
    assert not at.exception
    call = recorded_downloads["asm_dl_ranking"]
    assert call["sources"] == ["berkas penilaian rekap_kab.xlsx · Tahun penilaian 2024 · "
                               "periode kinerja yang dinilai 2023"]
    # the upload is the demo file's bytes: its own synthetic mark travels with it
    assert call["notes"] == ["Data contoh — bukan hasil resmi"]


# -- item 12: the Validasi download follows the language and names its source --------------------
@pytest.mark.parametrize("lang", ["id", "en"])
def test_validasi_download_in_the_ui_language_naming_files_and_date(recorded_downloads, lang):
    at = run("pages/validasi.py", lang=lang)
    call = recorded_downloads["val_dl"]
    assert call["lang"] == lang
    assert call["stem"] == {"id": "laporan_validasi", "en": "validation_report"}[lang]
    today = i18n.fmt_date(dt.date.today(), lang)
    files = "contoh_matriks_2024.xlsx, contoh_penilai_2024.xlsx, contoh_rekap_2024.xlsx"
    assert call["sources"] == [{
        "id": f"Laporan validasi KP2S Dashboard atas berkas penilaian {files}; diperiksa {today}",
        "en": f"KP2S Dashboard validation report of the assessment files {files}; checked {today}",
    }[lang]]
    assert call["notes"] == [{"id": "Data contoh — bukan hasil resmi", "en": "Sample data — not official results"}[lang]]
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(call["sheets"], lang, sources=call["sources"],
                                                                  notes=call["notes"], exported=DAY)))
    expected = {"id": ["Ringkasan per berkas", "Temuan", "Sel ditolak", "Keterangan"],
                "en": ["Summary per file", "Findings", "Rejected cells", "Notes"]}[lang]
    assert book.sheetnames == expected
    summary_header = [c.value for c in book[expected[0]][1]]
    assert summary_header[0] == {"id": "Berkas", "en": "File"}[lang]
    findings_header = [c.value for c in book[expected[1]][1]]
    assert findings_header[1] == {"id": "Temuan dan yang diharapkan", "en": "Finding and what was expected"}[lang]
    about = [r for r in book[expected[3]].iter_rows(values_only=True)]
    assert about[0][0] == {"id": "Keterangan", "en": "Item"}[lang]
    assert (("Sumber", "Source")[lang == "en"], call["sources"][0]) in about
    assert (("Tanggal ekspor", "Export date")[lang == "en"], i18n.fmt_date(DAY, lang)) in about
    rows = csv_rows(export.to_csv_bytes(call["frame"], lang, sources=call["sources"], notes=call["notes"],
                                        exported=DAY))
    assert rows[0][0] == {"id": "Tingkat", "en": "Severity"}[lang] or rows[0][1] == findings_header[1]
    assert rows[-2][0].startswith({"id": "Sumber: Laporan validasi", "en": "Source: KP2S Dashboard validation"}[lang])


def test_sample_data_slides_carry_the_mark_inside_their_charts():
    from pptx import Presentation

    from kp2s_dashboard.export import deck, slides
    from kp2s_dashboard import assessment as asm
    from kp2s_dashboard.prevalence.targets import load_targets

    prevalence = load_prevalence(datastore.current("prevalence").path).table
    targets = load_targets(datastore.current("targets").path)
    demo = asm.load_workbook(paths.DATA_DIR / "demo" / "contoh_rekap_2024.xlsx")
    for lang, mark in (("id", "⚠ Data contoh — bukan hasil resmi"), ("en", "⚠ Sample data — not official results")):
        d = deck.build_deck(prevalence, targets, "6305", lang, assessment=demo, exported=DAY, include_demo=True)
        prs = Presentation(io.BytesIO(slides.build_pptx(d, with_map_image=False)))
        marked = {}
        for number, (spec, pslide) in enumerate(zip(d.slides, prs.slides), start=1):
            for shape in pslide.shapes:
                if shape.has_chart:
                    chart = shape.chart
                    marked[number] = chart.has_title and chart.chart_title.text_frame.text == mark
                    assert marked[number] == spec.synthetic, (number, spec.kind)
        assert [n for n, v in marked.items() if v] == [4, 5]  # the actions and ranking slides of the sample file
        source = " ".join(s.source for s in d.slides[3:5])
        assert "contoh_rekap_2024.xlsx" in source and "2024" in source
