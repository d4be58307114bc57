"""No download beyond the tables carries a live formula either: the deck's
native charts keep their figures in an embedded workbook (PowerPoint's
*Edit Data* opens it in Excel), and a category label or series name from a
file must be a string cell there, not a formula; the letter (.docx) holds
such texts as plain runs, never a field."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import openpyxl
import pytest
from pptx import Presentation
from pptx.util import Inches

from kp2s_dashboard import assessment as asm
from kp2s_dashboard.assessment.result import in_force
from kp2s_dashboard.export import deck, slides
from kp2s_dashboard.export import letter as L
from kp2s_dashboard.export.chart_data import CategoryChartData
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.prevalence.targets import load_targets
from kp2s_dashboard.recommendations import demo as D
from kp2s_dashboard.store import datastore

DAY = dt.date(2026, 12, 4)
HOSTILE = ['=HYPERLINK("http://evil","klik")', "=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "@SUM(A1:A9)",
           "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "http://evil.example/x"]


def embedded_cells(chart):
    """(value, data_type) of every non-empty cell of a chart's embedded workbook."""
    blob = chart.part.chart_workbook.xlsx_part.blob
    book = openpyxl.load_workbook(io.BytesIO(blob))
    return [(cell.value, cell.data_type, cell.hyperlink)
            for ws in book.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]


def test_chart_data_writes_texts_as_strings_and_numbers_as_numbers():
    prs = Presentation()
    pslide = prs.slides.add_slide(prs.slide_layouts[6])
    data = CategoryChartData(number_format="0.0")
    data.categories = HOSTILE[:4] + ["Tapin"]
    data.add_series(HOSTILE[4], [-1.5, 2.0, -3.0, 4.25, 0.0])
    data.add_series("Provinsi", [1, 2, 3, 4, 5])
    from pptx.enum.chart import XL_CHART_TYPE

    chart = pslide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, 0, 0, Inches(6), Inches(4), data).chart
    cells = embedded_cells(chart)
    assert all(kind != "f" and link is None for _, kind, link in cells), cells
    texts = {value for value, kind, _ in cells if kind == "s"}
    assert set(HOSTILE[:5]) | {"Tapin", "Provinsi"} <= texts  # unchanged, as text
    numbers = [value for value, kind, _ in cells if kind == "n"]
    assert numbers == [-1.5, 1, 2.0, 2, -3.0, 3, 4.25, 4, 0.0, 5]  # a negative number is still a number
    assert [c.label for c in chart.plots[0].categories] == HOSTILE[:4] + ["Tapin"]  # the slide shows them as written


def test_deck_charts_hold_hostile_labels_as_text():
    prevalence = load_prevalence(datastore.current("prevalence").path).table
    targets = load_targets(datastore.current("targets").path)
    recs, entries = D.load()
    d = deck.build_deck(prevalence, targets, None, "id", exported=DAY, include_demo=True,
                        recommendations=(recs, entries, True))
    table = d.slides[-1].data["table"]
    assert d.kinds()[-1] == "recommendations" and len(table) >= len(HOSTILE)
    labels = list(table["label"])
    labels[: len(HOSTILE)] = HOSTILE  # district labels as a hostile file would carry them
    table["label"] = labels
    prs = Presentation(io.BytesIO(slides.deck_pptx(d)))
    charts = [s.chart for p in prs.slides for s in p.shapes if getattr(s, "has_chart", False)]
    assert len(charts) >= 2
    for chart in charts:
        cells = embedded_cells(chart)
        assert all(kind != "f" and link is None for _, kind, link in cells), cells
    cells = embedded_cells(charts[-1])
    # (XlsxWriter stores a CR as Excel's escape _x000D_, which openpyxl leaves as written)
    assert {h.replace("\r", "_x000D_") for h in HOSTILE} <= {value for value, kind, _ in cells if kind == "s"}


def test_letter_holds_hostile_recommendation_texts_as_plain_text():
    result = in_force([asm.load_workbook(f.path) for f in datastore.current_files("assessment")]).result
    recs, entries = D.load()
    recs = recs.copy()
    tapin = recs.index[recs["district_code"] == "6305"]
    assert len(tapin) >= 2
    recs.loc[tapin[0], "text"], recs.loc[tapin[1], "text"] = HOSTILE[0], HOSTILE[1]
    content = L.letter_content(result, "6305", recs, entries, as_of=DAY, demo_recommendations=True)
    data = L.letter_docx(content, "id", DAY, chart=False)
    document = docx.Document(io.BytesIO(data))
    cells = {c.text for row in document.tables[-1].rows for c in row.cells}
    assert {HOSTILE[0], HOSTILE[1]} <= cells
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "fldSimple" not in xml and "instrText" not in xml and "fldChar" not in xml


@pytest.mark.parametrize("module", ["slides", "deck_recommendations"])
def test_deck_modules_use_the_formula_safe_chart_data(module):
    import importlib

    mod = importlib.import_module(f"kp2s_dashboard.export.{module}")
    source = open(mod.__file__, encoding="utf-8").read()
    assert "from pptx.chart.data import" not in source
    assert "from kp2s_dashboard.export.chart_data import CategoryChartData" in source


def test_recommendation_template_rows_are_text_and_the_empty_template_is_unchanged():
    from kp2s_dashboard.export import tables as export
    from kp2s_dashboard.recommendations import entry as E
    from kp2s_dashboard.recommendations import sheet as S

    rows = [(1, "Kabupaten Tapin", "Aksi 1", HOSTILE[0], HOSTILE[1], None, "Tinggi"),
            (-2, "Kabupaten Tapin", "Umum", "-3 SD <= HAZ", "@Bappeda", None, None)]
    buffer = io.BytesIO()
    S.template_workbook(2024, n_rows=5, rows=rows).save(buffer)
    ws = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))[S.SHEET_NAME]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    first = S.HEADER_ROW + 1
    assert [ws.cell(first, j).value for j in (4, 5)] == HOSTILE[:2]
    assert ws.cell(first, 4).quotePrefix and ws.cell(first + 1, 5).quotePrefix
    assert ws.cell(first + 1, 1).value == -2 and ws.cell(first + 1, 1).data_type == "n"
    # the downloaded (empty) template has nothing to change: its cells are as before
    empty = openpyxl.load_workbook(io.BytesIO(E.template_bytes(2024)))
    assert sum(export.inert_cells(sheet) for sheet in empty.worksheets) == 0


def test_csv_is_formula_safe_also_where_excel_splits_on_semicolons():
    """Excel opens a CSV with the region's list separator (``;`` in
    Indonesia): a text cell ``Tapin;=cmd|…`` would be two cells there, the
    second a formula. Read the download as such an Excel would (the text
    column first, as the tables have it): no cell starts with a formula
    character."""
    import csv

    import pandas as pd

    from kp2s_dashboard.export import tables as export

    texts = ["Kabupaten Tapin;=cmd|' /C calc'!A0", "a;@SUM(A1:A9)", 'x;"=HYPERLINK(""http://evil"";""k"")"',
             "a; -3 SD", "1;-2", HOSTILE[0], "Tanah Laut"]
    frame = pd.DataFrame({"Kabupaten/Kota": texts, "Nilai": [-1.5, 2, -3, 4, 5, 6, 7]})
    data = export.to_csv_bytes(frame, "id", exported=DAY).decode("utf-8-sig")
    for row in csv.reader(io.StringIO(data, newline=""), delimiter=";"):
        for cell in row:
            assert not cell.lstrip('"').startswith(("=", "+", "-", "@", "\t", "\r")), (cell, row)
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert [r[0] for r in rows[1:8]] == ["Kabupaten Tapin;'=cmd|' /C calc'!A0", "a;'@SUM(A1:A9)",
                                         'x;\'"=HYPERLINK(""http://evil"";""k"")"', "a; -3 SD", "1;'-2",
                                         "'" + HOSTILE[0], "Tanah Laut"]
    assert [r[1] for r in rows[1:8]] == ["-1.5", "2.0", "-3.0", "4.0", "5.0", "6.0", "7.0"]
