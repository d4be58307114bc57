"""Hostile prevalence and targets files the older upload tests did not reach:
source addresses that break out of a markdown link, target labels with
markup, CSV files with old Mac line ends, fractions among percents, a source
cell naming two sources, a figure merged over two regions' rows, numbers
that are no numbers, a right-to-left override in a sheet name. Each test
builds its small file here."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kp2s_dashboard import paths, safetext
from tests.apptest import run_page
from tests.store_fixtures import env  # noqa: F401  (the fixture)

IMAGE = "![x](http://evil.example/p.png)"


def _bodies(at: AppTest) -> list[str]:
    out = [m.value for m in at.markdown] + [c.value for c in at.caption]
    for kind in (at.error, at.warning, at.info, at.success):
        out += [e.value for e in kind]
    return out


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
        at = run_page(page, lang="en", district="6301")
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
    assert found == [("SSGI", "B3", 0.186)]


# -- target labels from a file -----------------------------------------------------------------------------


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
    at = run_page("pages/profil.py", lang="en", district="6301")
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


# -- a source cell naming another year than the row's year ------------------------------------------------------


@pytest.mark.parametrize("reader", ["auto", "cells"])
def test_a_source_naming_another_year_is_an_error_naming_the_cell(tmp_path, reader):
    """"SSGI 2022" beside 2023: which year the figure is cannot be told; it was
    filed under 2023 silently (a 2022 survey figure in the 2023 ranking)."""
    from kp2s_dashboard.errors import DataError
    from kp2s_dashboard.prevalence.loader import load_prevalence

    path = tmp_path / "p.csv"
    path.write_text("kode,tahun,sumber,nilai\n6301,2022,SSGI 2022,24.6\n6302,2023,SSGI 2022,9.1\n"
                    "6303,2022,SSGI 2022 (terbit 2023),30.1\n6304,2022,Riskesdas,20.0\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_prevalence(path, reader=reader)
    assert [p.key for p in info.value.problems] == ["err.source_year_other"]
    assert str(info.value).startswith("file p.csv, row 3, column C: source 'SSGI 2022' names the year 2022 "
                                      "but the year column says 2023")


@pytest.mark.parametrize("reader", ["auto", "cells"])
def test_a_source_naming_its_own_year_is_read(tmp_path, reader):
    from kp2s_dashboard.prevalence.loader import load_prevalence

    path = tmp_path / "p.csv"
    path.write_text("kode,tahun,sumber,nilai\n6301,2022,SSGI 2022,24.6\n6302,2018,Riskesdas 2018,9.1\n",
                    encoding="utf-8")
    frame = load_prevalence(path, reader=reader).table
    assert sorted(zip(frame["code"], frame["year"], frame["source"], frame["value_pct"])) == [
        ("6301", 2022, "ssgi", 24.6), ("6302", 2018, "riskesdas", 9.1)]


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


# -- numbers that are no numbers ----------------------------------------------------------------------------


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
    at = run_page("pages/data.py", lang="en")
    at.file_uploader(key="data_check_upload").set_value(("cek.xlsx", buffer.getvalue(), "application/x")).run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "sheet DataU\\+202E\u200b, cell A2" in error and "\u202e" not in error


def test_a_right_to_left_override_in_a_table_cell_is_shown_as_its_code_point():
    """A dataframe shows text as text, but a right-to-left override still reverses the cell: "\u202e21" was
    shown as "12" (seen in Chromium). Every table of the pages goes through ui.dataframe."""
    import pandas as pd

    frame = pd.DataFrame({"Nama": ["Banjar", "x\u202e21"], "Nilai": [1.5, 2.0]})
    shown = safetext.plain_frame(frame)
    assert shown["Nama"].tolist() == ["Banjar", "xU+202E21"] and shown["Nilai"].tolist() == [1.5, 2.0]
    assert frame["Nama"].tolist()[1] == "x\u202e21"  # the frame given is not changed
    clean = pd.DataFrame({"Nama": ["Banjar"], "Nilai": [1.5]})
    assert safetext.plain_frame(clean) is clean
    assert list(safetext.plain_frame(pd.DataFrame({"A\u2067": ["b"]})).columns) == ["AU+2067"]
    at = run_page("pages/data.py", lang="en")
    upload = "kode,tahun,sumber,nilai,catatan\n6301,2022,SSGI,24.6,\u202e21 anak\n".encode()
    at.file_uploader(key="data_check_upload").set_value(("cek.csv", upload, "text/csv")).run()
    assert not at.exception
    cells = [str(v) for df in at.dataframe for v in df.value.to_numpy().ravel()]
    assert "U+202E21 anak" in cells and not any("\u202e" in c for c in cells)


def test_every_table_of_the_pages_goes_through_ui_dataframe():
    """A page or web module calling st.dataframe itself would show a right-to-left override raw again."""
    import re

    root = Path(__file__).resolve().parent.parent
    files = [*root.glob("pages/*.py"), *(root / "kp2s_dashboard" / "web").glob("*.py"), root / "app.py"]
    direct = [f.name for f in files if f.name != "ui.py" and re.search(r"\bst\.dataframe\(", f.read_text("utf-8"))]
    assert direct == []
