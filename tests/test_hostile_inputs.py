"""Hostile content that the older upload tests did not reach: source
addresses that break out of a markdown link, CSV files with old Mac line
ends, fractions mixed with percents in one column, and recommendation
fields longer than the store keeps. Each test builds its small file here."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kp2s_dashboard import paths, safetext
from tests.store_fixtures import env, new_store_url, store, store_url  # noqa: F401  (the fixtures)

APP = str(Path(__file__).resolve().parent.parent / "app.py")
IMAGE = "![x](http://evil.example/p.png)"


def _bodies(at: AppTest) -> list[str]:
    out = [m.value for m in at.markdown] + [c.value for c in at.caption]
    for kind in (at.error, at.warning, at.info, at.success):
        out += [e.value for e in kind]
    return out


def _page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


# -- source addresses ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "shown"), [
    ("https://a.example/p(1).html", "https://a.example/p%281%29.html"),
    ("https://a.example/)" + IMAGE + "(", "https://a.example/%29!%5Bx%5D%28http://evil.example/p.png%29%28"),
    ("http://a.example/a b", "http://a.example/a%20b"),
    ("javascript:alert(1)", ""),
    ("data:text/html,<b>x</b>", ""),
    ("www.bps.go.id", ""),
    ("", ""),
])
def test_link_url_keeps_http_addresses_inside_their_link(url, shown):
    assert safetext.link_url(url) == shown


def test_a_source_address_from_a_published_file_cannot_add_an_image_or_script_link(env):
    # a published prevalence file whose source_url closes the markdown link and opens an image
    table = pd.read_csv(paths.DATA_DIR / "prevalence.csv", dtype=str, keep_default_na=False)
    tanah_laut = table["code"] == "6301"
    table.loc[tanah_laut, "source_url"] = "https://a.example/)" + IMAGE + "("
    table.loc[tanah_laut & (table["source"] == "eppgbm"), "source_url"] = "javascript:alert(1)"
    env.publish("prevalence", "prevalence.csv", table.to_csv(index=False).encode(), "budi", "hostile")
    for page in ("pages/profil.py", "pages/peta.py"):
        at = _page(page, lang="en", district="6301")
        links = [b for b in _bodies(at) if b.startswith("[source](")]
        assert links, page  # the link is still there, as one link
        joined = "\n".join(_bodies(at))
        assert "](http://evil" not in joined and "javascript:" not in joined, page
        assert "[source](https://a.example/%29!%5Bx%5D%28http://evil.example/p.png%29%28)" in links, page


# -- targets file (Kelola) ------------------------------------------------------------------------------------
TARGETS_HEADER = "code,year,target_pct,label,basis,basis_id,source_url\n"


def _targets(tmp_path, text: str | bytes, name: str = "targets.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


@pytest.mark.parametrize("codec", ["cp1252", "utf-16"])
def test_targets_file_in_another_encoding_is_read_as_other_uploads_are(tmp_path, codec):
    from kp2s_dashboard.prevalence.targets import load_targets

    text = TARGETS_HEADER + "6301,2030,10.5,RPJMD Tanah Laut – 2030,Perda,Perda,https://a.example/t\n"
    table = load_targets(_targets(tmp_path, text.encode(codec)))
    assert table[["code", "year", "target_pct", "label"]].to_dict("records") == [
        {"code": "6301", "year": 2030, "target_pct": 10.5, "label": "RPJMD Tanah Laut – 2030"}]


@pytest.mark.parametrize("year", ["2030.5", "tahun 2030", "30", ""])
def test_targets_year_that_is_not_a_year_names_its_line(tmp_path, year):
    from kp2s_dashboard.errors import DataError
    from kp2s_dashboard.prevalence.targets import load_targets

    text = TARGETS_HEADER + "6301,2030,10,a,b,b,https://a.example\n" + f"6302,{year},10,a,b,b,https://a.example\n"
    with pytest.raises(DataError) as info:
        load_targets(_targets(tmp_path, text))
    assert info.value.key == "err.bad_year"
    assert str(info.value).startswith("file targets.csv, row 3, column year: year")


def test_targets_quote_never_closed_is_a_message_naming_the_file(tmp_path):
    from kp2s_dashboard.errors import DataError
    from kp2s_dashboard.prevalence.targets import load_targets

    text = TARGETS_HEADER + '6301,2030,10,"a,b,b,https://a.example\n6302,2030,10,a,b,b,https://a.example\n'
    with pytest.raises(DataError) as info:
        load_targets(_targets(tmp_path, text))
    assert info.value.key == "err.file_unreadable"
    assert str(info.value).startswith("file targets.csv: the file cannot be read")


def test_two_targets_with_one_code_year_and_label_are_an_error_naming_both_lines(tmp_path):
    from kp2s_dashboard.errors import DataError
    from kp2s_dashboard.prevalence.targets import load_targets

    text = TARGETS_HEADER + ("6301,2030,10,RPJMD,b,b,https://a.example\n6301,2029,11,RPJMD,b,b,https://a.example\n"
                             "6301,2030,12,RPJMD,b,b,https://a.example\n")
    with pytest.raises(DataError) as info:
        load_targets(_targets(tmp_path, text))
    assert str(info.value) == ("file targets.csv, row 4: target 'RPJMD' for 2030 is already on line 2; "
                               "one target per region, year and label")


def test_kelola_shows_a_message_for_a_targets_file_that_crashed_the_check(env):
    from tests.test_kelola_kinds import signed_in, texts, upload

    at = signed_in("targets")
    bad = (TARGETS_HEADER + "6301,2030.5,10,a,b,b,https://a.example\n").encode("utf-8")
    upload(at, "targets", "target_tahun.csv", bad)  # fails the test on any exception shown
    assert "file target_tahun.csv, row 2, column year: year '2030.5' is not valid" in texts(at)
    assert not [b for b in at.button if b.key == "kelola_publish"]
    at = signed_in("targets")
    upload(at, "targets", "target_1252.csv", (TARGETS_HEADER + "6301,2030,10,RPJMD – TL,b,b,https://a.example\n")
           .encode("cp1252"))
    assert "read as Windows-1252" in texts(at)
    assert [b for b in at.button if b.key == "kelola_publish"]


# -- CSV with old Mac line ends (CR only) ---------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_csv_with_cr_only_line_ends_is_read_row_by_row(layout):
    from kp2s_dashboard.prevalence.upload import check_prevalence_upload

    lines = (["kode;tahun;sumber;nilai", "6301;2022;SSGI;24,6", "6302;2022;SSGI;20,1"] if layout == "long"
             else ["Kabupaten/Kota;SSGI 2022", "Tanah Laut;24,6", "Kotabaru;20,1"])
    result = check_prevalence_upload("mac.csv", "\r".join(lines).encode("utf-8") + b"\r")
    assert result.table.sort_values("code")[["code", "year", "source", "value_pct"]].to_dict("records") == [
        {"code": "6301", "year": 2022, "source": "ssgi", "value_pct": 24.6},
        {"code": "6302", "year": 2022, "source": "ssgi", "value_pct": 20.1}]


def test_cr_only_csv_is_bounded_like_any_other(monkeypatch):
    # the extent check counted one record for the whole file and let it through to the reader
    from kp2s_dashboard.errors import DataError
    from kp2s_dashboard.sheets import uploads

    monkeypatch.setenv("KP2S_MAX_ROWS", "100")
    text = "\r".join(["kode,tahun,sumber,nilai"] + [f"6301,{2000 + i % 20},SSGI,20" for i in range(150)])
    with pytest.raises(DataError) as info:
        uploads.check_upload("mac.csv", text.encode("utf-8"))
    assert info.value.key == "err.sheet_rows"


def test_crlf_and_quoted_line_breaks_are_unchanged():
    from kp2s_dashboard.sheets import uploads

    text, _ = uploads.decode_text(b'a,b\r\n"x\r\ny",2\r\n', "f.csv")
    assert text == 'a,b\r\n"x\r\ny",2\r\n'


# -- a fraction typed among percents -------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["auto", "cells"])
def test_a_fraction_among_percents_is_a_warning_naming_its_row(tmp_path, reader):
    from kp2s_dashboard.prevalence.loader import load_prevalence

    path = tmp_path / "p.csv"
    path.write_text('kode,tahun,sumber,indikator,nilai\n6301,2022,SSGI,stunting,"12,3%"\n6302,2022,SSGI,stunting,0.123\n'
                    "6303,2022,SSGI,stunting,24.6\n6301,2022,e-PPGBM,severely_stunted,0.8\n"
                    "6302,2022,e-PPGBM,severely_stunted,1.9\n6303,2022,e-PPGBM,severely_stunted,2.2\n", encoding="utf-8")
    result = load_prevalence(path, reader=reader)
    # the values are as written (a warning, not a guess) ...
    assert sorted(result.table["value_pct"]) == [0.123, 0.8, 1.9, 2.2, 12.3, 24.6]
    # ... and only the stunting 0.123 is named: 0.8 is a plausible severely-stunted figure
    found = [w.render("en") for w in result.warnings if w.key == "warn.fraction_among_percents"]
    assert found == ["file p.csv, row 3, column E: value 0.123 in column E 'nilai' is below 1 while the column's "
                     "other values are percents (median 12.3); if it is a fraction, write it in percent (12.3)"]


def test_a_fraction_in_a_wide_workbook_names_its_cell(tmp_path):
    from openpyxl import Workbook

    from kp2s_dashboard.prevalence.loader import load_prevalence

    wb = Workbook()
    ws = wb.active
    ws.title = "SSGI"
    ws.append(["Kabupaten/Kota", "SSGI 2022", "SSGI 2023"])
    ws.append(["Tanah Laut", 26.0, 24.1])
    ws.append(["Kotabaru", 0.186, 18.0])
    ws.append(["Banjar", 26.5, 22.0])
    wb.save(tmp_path / "w.xlsx")
    result = load_prevalence(tmp_path / "w.xlsx")
    found = [(w.location.sheet, w.location.cell, w.params["value"]) for w in result.warnings
             if w.key == "warn.fraction_among_percents"]
    assert found == [("SSGI", "B3", "0.186")]


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


@pytest.mark.parametrize("label", ["RPJMD " + IMAGE, "RPJMD <img src=x onerror=alert(1)>", "RPJMD :red[merah]",
                                   "RPJMD :material/warning:", "**RPJMD**", "RPJMD $x$"])
def test_a_target_label_with_markup_is_refused_naming_its_line(tmp_path, label):
    # a label is drawn in tabs, radio options, captions and legends: none of them may get markup from a file
    from kp2s_dashboard.errors import DataError
    from kp2s_dashboard.prevalence.targets import load_targets

    text = TARGETS_HEADER + f'6301,2030,10,RPJMD (TL),b,b,https://a.example\n63,2030,10,"{label}",b,b,https://a.example\n'
    with pytest.raises(DataError) as info:
        load_targets(_targets(tmp_path, text))
    assert info.value.key == "err.target_label_markup"
    assert str(info.value).startswith(f"file targets.csv, row 3, column label: label '{label}' holds '")


def test_the_district_targets_line_on_profil_is_escaped(env):
    table = pd.read_csv(paths.DATA_DIR / "targets.csv", dtype=str, keep_default_na=False)
    table.loc[len(table)] = {"code": "6301", "year": "2026", "target_pct": "12", "label": "RPJMD (Tanah Laut) - 1.",
                             "basis": "Perda", "basis_id": "Perda", "source_url": "https://a.example/t"}
    env.publish("targets", "targets.csv", table.to_csv(index=False).encode(), "budi", "district target")
    at = _page("pages/profil.py", lang="en", district="6301")
    [line] = [c.value for c in at.caption if c.value.startswith("District targets")]
    # "- 1." would start a list item in markdown: the line is shown as written
    assert line == safetext.markdown("District targets: RPJMD (Tanah Laut) - 1. 12% by 2026.")


def test_chart_legends_and_hovers_show_a_target_label_as_text():
    # a label in force from before the loader refused markup: the charts draw it as text, not as tags
    import dataclasses

    from kp2s_dashboard.figures import compare as fc
    from kp2s_dashboard.figures import progress as fp
    from kp2s_dashboard.figures.prevalence import trend
    from kp2s_dashboard.prevalence import progress
    from kp2s_dashboard.prevalence.loader import load_prevalence
    from kp2s_dashboard.prevalence.targets import load_targets, targets_for

    prevalence = load_prevalence(paths.DATA_DIR / "prevalence.csv").table
    targets = load_targets(paths.DATA_DIR / "targets.csv")
    tag = '<a href="http://evil.example/">RPJMD</a>'
    targets.loc[targets["label"] == "Perpres 72/2021", "label"] = tag
    near, far = progress.default_targets(targets)
    near = dataclasses.replace(near, label=tag)
    chart = progress.chart_data(prevalence, [near, far], codes=["6301", "63"])
    figures = [trend(prevalence, ["6309", "63", "00"], targets_for(targets, "6309"), "en"),
               fc.profile_trend(prevalence, "6305", [near, far], "en"),
               fp.path_figure(chart, "6301", [near, far], "en"),
               fp.path_grid(chart, progress.target_table(prevalence, near, far, codes=["6301", "63"]), near, "en")]
    drawn = [getattr(tr, attr) for fig in figures for tr in fig.data
             for attr in ("name", "hovertemplate", "text", "customdata")]
    joined = repr(drawn)
    assert "<a href" not in joined
    assert "&lt;a href=\"http://evil.example/\"&gt;RPJMD&lt;/a&gt;" in joined


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
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["lang"] = "en"
    at.session_state[sa.UPLOADS_KEY] = {"penilai.xlsx": content}
    at.switch_page("pages/aksi.py")
    at.run()
    at.selectbox(key="asm_dataset").set_value("uploads").run()
    assert not at.exception, [e.message for e in at.exception]
    ranking = next(df.value for df in at.dataframe if "Rank change" in df.value.columns).set_index("District")
    assert ranking.loc["Tapin", "Rank"] == "1" and ranking.loc["Tapin", "Total score"] == "270.00"
    assert ranking.loc["Banjar", "Rank"] == "–" and ranking.loc["Banjar", "Scored"] == "8 of 9"


# -- a source cell naming a survey and the register -----------------------------------------------------------


@pytest.mark.parametrize("reader", ["auto", "cells"])
@pytest.mark.parametrize(("written", "named"), [("SSGI/e-PPGBM", "ssgi, eppgbm"), ("e-PPGBM (SSGI)", "eppgbm, ssgi"),
                                                ("SKI dan SSGI", "ski, ssgi")])
def test_a_source_naming_two_sources_is_an_error_not_the_first_one(tmp_path, reader, written, named):
    from kp2s_dashboard.errors import DataError
    from kp2s_dashboard.prevalence.loader import load_prevalence

    path = tmp_path / "p.csv"
    path.write_text(f"kode,tahun,sumber,nilai\n6301,2022,SSGI,24.6\n6302,2022,{written},9.1\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_prevalence(path, reader=reader)
    assert [p.key for p in info.value.problems] == ["err.source_several"]
    assert str(info.value).startswith(f"file p.csv, row 3, column C: source '{written}' names more than one "
                                      f"source ({named})")


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


# -- a prevalence figure merged down over the next rows --------------------------------------------------------


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_a_figure_merged_over_two_regions_rows_is_an_error_naming_the_cell(tmp_path, layout):
    from openpyxl import Workbook

    from kp2s_dashboard.errors import DataError
    from kp2s_dashboard.prevalence.loader import load_prevalence

    wb = Workbook()
    ws = wb.active
    ws.title = "SSGI"
    if layout == "long":
        ws.append(["kode", "tahun", "sumber", "nilai"])
        ws.append(["6301", 2022, "SSGI", 24.6])
        ws.append(["6302", 2022, "SSGI", None])
        ws.merge_cells("D2:D3")  # Kotabaru would get Tanah Laut's 24.6
        cell = "D3"
    else:
        ws.append(["Kabupaten/Kota", "SSGI 2022"])
        ws.append(["Tanah Laut", 24.6])
        ws.append(["Kotabaru", None])
        ws.append(["Banjar", 26.5])
        ws.merge_cells("B2:B3")
        cell = "B3"
    wb.save(tmp_path / "p.xlsx")
    with pytest.raises(DataError) as info:
        load_prevalence(tmp_path / "p.xlsx")
    assert [(p.key, p.location.cell) for p in info.value.problems] == [("err.value_merged", cell)]


def test_a_region_or_year_merged_down_its_rows_is_still_read_in_each_row(tmp_path):
    from openpyxl import Workbook

    from kp2s_dashboard.prevalence.loader import load_prevalence

    wb = Workbook()
    ws = wb.active
    ws.append(["kode", "tahun", "sumber", "nilai"])
    ws.append(["6301", 2022, "SSGI", 24.6])
    ws.append([None, 2023, "SSGI", 26.0])
    ws.append(["6302", 2023, None, 20.1])
    ws.merge_cells("A2:A3")
    ws.merge_cells("C3:C4")
    wb.save(tmp_path / "p.xlsx")
    table = load_prevalence(tmp_path / "p.xlsx").table.sort_values(["code", "year"])
    assert table[["code", "year", "source", "value_pct"]].values.tolist() == [
        ["6301", 2022, "ssgi", 24.6], ["6301", 2023, "ssgi", 26.0], ["6302", 2023, "ssgi", 20.1]]


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


@pytest.mark.parametrize("text", ["9" * 400, "nan", "inf", "-inf"])
def test_a_number_too_long_or_a_nan_word_is_not_a_number(tmp_path, text):
    from kp2s_dashboard.errors import DataError
    from kp2s_dashboard.prevalence.targets import load_targets
    from kp2s_dashboard.prevalence.upload import check_prevalence_upload

    if text not in ("nan",):  # "nan" is a no-data mark in a prevalence file (counted missing, with a warning)
        with pytest.raises(DataError) as info:
            check_prevalence_upload("p.csv", f"kode,tahun,sumber,nilai\n6301,2022,SSGI,{text}\n".encode())
        assert [p.key for p in info.value.problems] == ["err.not_a_number"]  # was "value inf is outside 0–100"
    with pytest.raises(DataError) as info:
        load_targets(_targets(tmp_path, TARGETS_HEADER + f"6301,2030,{text},a,b,b,https://a.example\n"))
    assert info.value.key == "err.not_a_number"


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


# -- a sheet name with a right-to-left override ------------------------------------------------------------------


def test_a_right_to_left_override_in_a_sheet_name_cannot_reverse_the_message():
    import io

    from openpyxl import Workbook

    assert safetext.markdown("R\u202eA1\u2066") == "RU\\+202EA1U\\+2066"
    wb = Workbook()
    ws = wb.active
    ws.title = "Data\u202e\u200b"
    ws.append(["Kabupaten/Kota", "SSGI 2022"])
    ws.append(["Tanah Lautt", 24.6])
    buffer = io.BytesIO()
    wb.save(buffer)
    at = _page("pages/data.py", lang="en")
    at.file_uploader(key="data_check_upload").set_value(("cek.xlsx", buffer.getvalue(), "application/x")).run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "sheet DataU\\+202E\u200b, cell A2" in error and "\u202e" not in error
