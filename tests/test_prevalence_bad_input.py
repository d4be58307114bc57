"""Prevalence files as they go wrong in practice: each test feeds a real
malformed input and asserts the value read or the message and the place it
names."""

import zipfile

import pytest
from openpyxl import Workbook

from kp2s_dashboard.sheets.cells import detect_delimiter
from kp2s_dashboard.errors import DataError, RegionNotFoundError
from kp2s_dashboard.prevalence.loader import load_prevalence, values_for
from kp2s_dashboard.regions import to_code


def _csv(tmp_path, text, name="p.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _keys(result):
    return [w.key for w in result.warnings]


# -- B1 / B14: delimiters and unquoted decimal commas ---------------------------------


def test_unquoted_decimal_commas_in_comma_csv_are_an_error_naming_the_row(tmp_path):
    path = _csv(tmp_path, "Kabupaten/Kota,SSGI 2021,SSGI 2022\nTapin,33.5,14.5\nTanah Laut,24,6,26,0\n")
    with pytest.raises(DataError) as info:
        load_prevalence(path)
    assert info.value.key == "err.row_too_long"
    assert len(info.value.problems) == 1
    message = info.value.render_all("en")[0]
    assert message.startswith("file p.csv, row 3:")
    assert "5 filled cells" in message and "3 header columns" in message
    assert '"24,6"' in message and "';'" in message


def test_long_row_longer_than_header_is_an_error(tmp_path):
    path = _csv(tmp_path, "kode,tahun,sumber,nilai\n6301,2022,SSGI,24,6\n")
    with pytest.raises(DataError) as info:
        load_prevalence(path)
    assert info.value.key == "err.row_too_long"
    assert info.value.location.row == 2


def test_semicolon_csv_with_a_title_line(tmp_path):
    path = _csv(tmp_path, "Tabel 1 Prevalensi Stunting Kalsel\nKabupaten/Kota;SSGI 2021;SSGI 2022\nTanah Laut;24,6;26,0\n")
    t = load_prevalence(path).table
    assert values_for(t, "ssgi", 2021)["value_pct"].tolist() == [24.6]
    assert values_for(t, "ssgi", 2022)["value_pct"].tolist() == [26.0]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Judul, dengan koma\nkode;nama;nilai\n6301;Tanah Laut;24,6\n6305;Tapin;13,2\n", ";"),
        ("kode,nama,nilai\n6301,Tanah Laut,24.6\n", ","),
        ("kode\tnama\tnilai\n6301\tTanah Laut\t24,6\n", "\t"),
    ],
)
def test_delimiter_detected_from_several_lines(text, delimiter):
    assert detect_delimiter(text) == delimiter


# -- B2: long-layout rows without a value cell -------------------------------------------


def test_short_long_row_counts_as_missing_with_a_warning(tmp_path):
    path = _csv(tmp_path, "kode,tahun,sumber,nilai\n6301,2022,SSGI\n6302,2022,SSGI,20\n")
    result = load_prevalence(path)
    assert result.rows_read == 2 and result.values_used == 1 and result.values_missing == 1
    assert result.table["code"].tolist() == ["6302"]
    warning = next(w for w in result.warnings if w.key == "warn.value_missing")
    assert warning.render("en") == "file p.csv, row 2: no value for Tanah Laut, ssgi 2022; counted as missing"


def test_file_whose_rows_all_lack_a_value(tmp_path):
    path = _csv(tmp_path, "kode,tahun,sumber,nilai,catatan\n6301,2022,SSGI\n6302,2022,SSGI,-\n")
    with pytest.raises(DataError) as info:
        load_prevalence(path)
    assert info.value.key == "err.all_values_missing" and info.value.params["missing"] == 2


def test_short_long_row_without_year_is_an_error(tmp_path):
    path = _csv(tmp_path, "kode,sumber,nilai,tahun\n6301,SSGI,24.6\n")
    with pytest.raises(DataError) as info:
        load_prevalence(path)
    assert info.value.key == "err.bad_year"
    assert info.value.location.row == 2 and info.value.location.column == "D"


# -- B3: formulas without a cached result ----------------------------------------------


def test_formula_without_saved_result_is_an_error_naming_the_cell(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Kabupaten/Kota", "SSGI 2021", "SSGI 2022"])
    ws.append(["Tanah Laut", 24.6, None])
    ws["C2"] = "=B2*1"
    wb.save(tmp_path / "f.xlsx")
    with pytest.raises(DataError) as info:
        load_prevalence(tmp_path / "f.xlsx")
    assert info.value.key == "err.formula_uncached"
    assert info.value.render("en") == (
        "file f.xlsx, sheet Data, cell C2: formula =B2*1 without a saved result; open and save the file in Excel"
    )


# -- B15: a stray formatted cell far away ------------------------------------------------


def test_stray_far_cell_is_not_read_as_rows(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Kabupaten/Kota", "SSGI 2022"])
    ws.append(["Tanah Laut", 24.6])
    ws["AZ200000"].number_format = "0.0"
    wb.save(tmp_path / "big.xlsx")
    result = load_prevalence(tmp_path / "big.xlsx")
    assert result.table["value_pct"].tolist() == [24.6] and result.rows_read == 1


# -- B4 / B5: sheets ---------------------------------------------------------------------


def test_every_data_sheet_is_read(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "SSGI"
    ws.append(["Kabupaten/Kota", "SSGI 2022"])
    ws.append(["Tanah Laut", 24.6])
    ws2 = wb.create_sheet("EPPGBM")
    ws2.append(["Kabupaten/Kota", "e-PPGBM 2023"])
    ws2.append(["Tanah Laut", 9.1])
    wb.save(tmp_path / "two.xlsx")
    t = load_prevalence(tmp_path / "two.xlsx").table
    assert values_for(t, "ssgi", 2022)["value_pct"].tolist() == [24.6]
    assert values_for(t, "eppgbm", 2023)["value_pct"].tolist() == [9.1]
    assert t["origin"].tolist() == ["two.xlsx[EPPGBM]!B2", "two.xlsx[SSGI]!B2"]


def test_duplicate_across_sheets_is_an_error(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "2022"
    ws.append(["Kabupaten/Kota", "SSGI 2022"])
    ws.append(["Tapin", 14.5])
    ws2 = wb.create_sheet("Revisi")
    ws2.append(["Kabupaten/Kota", "SSGI 2022"])
    ws2.append(["Tapin", 14.6])
    wb.save(tmp_path / "dup.xlsx")
    with pytest.raises(DataError) as info:
        load_prevalence(tmp_path / "dup.xlsx")
    assert info.value.key == "err.duplicate"
    message = info.value.render("en")
    assert message == ("file dup.xlsx, sheet Revisi, cell B2: duplicate figure for Tapin, SSGI 2022 (Stunting (HAZ < −2 SD)); "
                       "also at file dup.xlsx, sheet 2022, cell B2")
    assert info.value.render("id").endswith("data ganda untuk Tapin, SSGI 2022 (Stunting (TB/U < −2 SD)); "
                                            "juga di berkas dup.xlsx, lembar 2022, sel B2")


def test_hidden_sheet_skipped_with_a_warning(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "old"
    ws.sheet_state = "hidden"
    ws.append(["Kabupaten/Kota", "SSGI 2022"])
    ws.append(["Tanah Laut", 50])
    ws2 = wb.create_sheet("current")
    ws2.append(["Kabupaten/Kota", "SSGI 2022"])
    ws2.append(["Tanah Laut", 24.6])
    wb.save(tmp_path / "h.xlsx")
    result = load_prevalence(tmp_path / "h.xlsx")
    assert result.table["value_pct"].tolist() == [24.6]
    assert [w.render("en") for w in result.warnings] == ["file h.xlsx, sheet old: hidden sheet 'old' skipped"]


def test_cover_sheet_does_not_stop_the_data_sheet(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Info"
    ws.append(["Wilayah", "Kalimantan Selatan"])
    ws.append(["Tahun", 2022])
    ws2 = wb.create_sheet("Data")
    ws2.append(["Kabupaten/Kota", "SSGI 2022"])
    ws2.append(["Tanah Laut", 24.6])
    wb.save(tmp_path / "c.xlsx")
    result = load_prevalence(tmp_path / "c.xlsx")
    assert result.table["value_pct"].tolist() == [24.6]
    assert _keys(result) == ["warn.sheet_skipped"]
    assert result.warnings[0].location.sheet == "Info"


def test_no_usable_sheet_raises_the_first_sheets_reason(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Info"
    ws.append(["Disusun oleh", "Dinkes"])
    ws2 = wb.create_sheet("Data")
    ws2.append(["Kabupaten/Kota", "Keterangan"])
    ws2.append(["Tanah Laut", "baik"])
    wb.save(tmp_path / "none.xlsx")
    with pytest.raises(DataError) as info:
        load_prevalence(tmp_path / "none.xlsx")
    assert info.value.key == "err.no_region_column" and info.value.location.sheet == "Info"


# -- B6: group headers and default sources ----------------------------------------------


def test_title_row_assigns_no_source(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Data e-PPGBM dan SSGI Kalsel"])
    ws.append(["Kabupaten/Kota", 2021, 2022])
    ws.append(["Tanah Laut", 24.6, 26])
    wb.save(tmp_path / "t.xlsx")
    t = load_prevalence(tmp_path / "t.xlsx", default_source="ssgi").table
    assert set(t["source"]) == {"ssgi"} and t["value_pct"].tolist() == [24.6, 26.0]
    with pytest.raises(DataError) as info:
        load_prevalence(tmp_path / "t.xlsx")
    assert info.value.key == "err.wide_needs_source" and info.value.location.cell == "B2"


def test_merged_title_over_the_whole_table_assigns_no_source(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["SSGI", None, None])
    ws.merge_cells("A1:C1")
    ws.append(["Kabupaten/Kota", 2021, 2022])
    ws.append(["Tanah Laut", 24.6, 26])
    wb.save(tmp_path / "t2.xlsx")
    with pytest.raises(DataError) as info:
        load_prevalence(tmp_path / "t2.xlsx")
    assert info.value.key == "err.wide_needs_source"


def test_merged_source_stays_within_its_range(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Kabupaten/Kota", "SSGI", None, None])
    ws.append([None, 2021, 2022, 2024])
    ws.merge_cells("B1:C1")
    ws.merge_cells("A1:A2")
    ws.append(["Tanah Laut", 24.6, 26, 14])
    wb.save(tmp_path / "m.xlsx")
    with pytest.raises(DataError) as info:
        load_prevalence(tmp_path / "m.xlsx")
    assert info.value.key == "err.wide_needs_source"
    assert [p.location.cell for p in info.value.problems] == ["D2"]


def test_default_source_does_not_turn_a_target_into_survey_data(tmp_path):
    path = _csv(tmp_path, "Kabupaten/Kota,2022,Target 2024\nTapin,14.5,14\n")
    result = load_prevalence(path, default_source="ssgi")
    assert result.table["year"].tolist() == [2022] and result.table["value_pct"].tolist() == [14.5]
    assert _keys(result) == ["warn.column_ignored"]
    assert result.warnings[0].location.column == "C"


# -- B10 / B11: conflicting columns -----------------------------------------------------


def test_code_and_name_that_disagree(tmp_path):
    path = _csv(tmp_path, "kode,kabupaten/kota,tahun,sumber,nilai\n6303,Banjarmasin,2022,SSGI,24.6\n")
    with pytest.raises(DataError) as info:
        load_prevalence(path)
    assert info.value.key == "err.code_name_conflict"
    assert info.value.render("en") == (
        "file p.csv, row 2, column A: code '6303' (Banjar) does not match the name 'Banjarmasin' in B2 "
        "(code 6371); correct one of them"
    )


def test_code_and_name_that_agree(tmp_path):
    path = _csv(tmp_path, "kode,kabupaten/kota,tahun,sumber,nilai\n63.71,Kota Banjarmasin,2022,SSGI,22.4\n")
    assert load_prevalence(path).table["code"].tolist() == ["6371"]


def test_two_value_columns_are_an_error_naming_both(tmp_path):
    path = _csv(tmp_path, "kode,tahun,sumber,nilai,prevalensi\n6303,2022,SSGI,24.6,99\n")
    with pytest.raises(DataError) as info:
        load_prevalence(path)
    assert info.value.key == "err.duplicate_column"
    message = info.value.render("en")
    assert "column E" in message and "'prevalensi'" in message and "'nilai' (D1)" in message


# -- B12 / B13: region spellings ------------------------------------------------------


def test_text_code_with_dot_zero():
    assert to_code("6310.0") == "6310"
    assert to_code("6301.0") == "6301"


@pytest.mark.parametrize("written", ["Kota Banjar", "Provinsi Banjar", "Kota Tapin", "Kabupaten Banjarmasin"])
def test_prefix_must_fit_the_level(written):
    with pytest.raises(RegionNotFoundError) as info:
        to_code(written)
    assert info.value.key == "err.region_unknown"


def test_unknown_name_without_close_match_has_its_own_message():
    with pytest.raises(RegionNotFoundError) as info:
        to_code("Jumlah")
    assert info.value.key == "err.region_unknown_no_match"
    assert "closest known names" not in str(info.value) and "'Jumlah'" in str(info.value)


# -- B7 / B8: fractions -----------------------------------------------------------------


def test_fractions_in_csv_give_a_warning_naming_the_column(tmp_path):
    path = _csv(tmp_path, "Kabupaten/Kota,SSGI 2021,SSGI 2022\nTanah Laut,31.0,0.246\nTapin,33.5,0.145\n")
    result = load_prevalence(path)
    assert values_for(result.table, "ssgi", 2022)["value_pct"].tolist() == [0.246, 0.145]
    assert _keys(result) == ["warn.fractions"]
    assert "column C 'SSGI 2022'" in result.warnings[0].render("en")
    assert "0.246 = 24.6%?" in result.warnings[0].render("en")


def test_percent_formatted_cells_give_no_fraction_warning(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Kabupaten/Kota", "SSGI 2022"])
    ws.append(["Tanah Laut", 0.246])
    ws["B2"].number_format = "0.0%"
    wb.save(tmp_path / "pct.xlsx")
    result = load_prevalence(tmp_path / "pct.xlsx")
    assert result.table["value_pct"].tolist() == [pytest.approx(24.6)] and result.warnings == []


def _ods(path, value_cell):
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )

    def text(t):
        return f'<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>'

    body = (
        f'<table:table table:name="Data"><table:table-row>{text("Kabupaten/Kota")}{text("SSGI 2022")}'
        f"</table:table-row><table:table-row>{text('Tanah Laut')}{value_cell}</table:table-row></table:table>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return path


def test_ods_percent_cells_warn_that_formats_are_unknown(tmp_path):
    cell = '<table:table-cell office:value-type="percentage" office:value="0.246"><text:p>24,6%</text:p></table:table-cell>'
    result = load_prevalence(_ods(tmp_path / "p.ods", cell))
    assert result.table["value_pct"].tolist() == [0.246]
    assert _keys(result) == ["warn.fractions_format_unknown"]
    assert ".xls/.ods" in result.warnings[0].render("en") and "sheet Data" in result.warnings[0].render("en")


# -- B9: indicators ---------------------------------------------------------------------


def test_indicator_spellings_map_to_the_three_keys(tmp_path):
    path = _csv(
        tmp_path,
        "kode;tahun;sumber;indikator;nilai\n"
        "6301;2022;SSGI;Stunting (%);24,6\n"
        "6302;2022;SSGI;prevalensi stunting;20\n"
        "6301;2013;Riskesdas;sangat pendek;18\n"
        "6301;2013;Riskesdas;pendek;19,2\n"
        "6302;2013;Riskesdas;severely_stunted;10\n"
        "6303;2013;Riskesdas;moderately_stunted;12\n",
    )
    t = load_prevalence(path).table
    got = {(c, y, i): v for c, y, i, v in zip(t["code"], t["year"], t["indicator"], t["value_pct"])}
    assert got == {
        ("6301", 2022, "stunting"): 24.6,
        ("6302", 2022, "stunting"): 20.0,
        ("6301", 2013, "severely_stunted"): 18.0,
        ("6301", 2013, "moderately_stunted"): 19.2,
        ("6302", 2013, "severely_stunted"): 10.0,
        ("6303", 2013, "moderately_stunted"): 12.0,
    }


def test_unknown_indicator_is_an_error_listing_the_accepted(tmp_path):
    path = _csv(tmp_path, "kode,tahun,sumber,indikator,nilai\n6301,2022,SSGI,Stunting (%),24.6\n6302,2022,SSGI,wasting,7\n")
    with pytest.raises(DataError) as info:
        load_prevalence(path)
    assert info.value.key == "err.unknown_indicator" and len(info.value.problems) == 1
    message = info.value.render("en")
    assert message.startswith("file p.csv, row 3, column D: unknown indicator 'wasting'; accepted:")
    assert "sangat pendek" in message and "severely_stunted" in message


# -- minor ------------------------------------------------------------------------------


def test_spaced_region_header_and_ket_note_row(tmp_path):
    path = _csv(tmp_path, "Kabupaten / Kota;SSGI 2022\nTapin;14,5\nKet: angka sementara;\n")
    result = load_prevalence(path)
    assert result.table["value_pct"].tolist() == [14.5]
    assert _keys(result) == ["warn.footnote_ignored"] and result.warnings[0].location.row == 3


def test_nbsp_inside_a_number_is_reported_as_written(tmp_path):
    path = _csv(tmp_path, "Kabupaten/Kota;SSGI 2022\nTapin;24\u00a06\nBalangan;\u00a024,6\u00a0\n")
    with pytest.raises(DataError) as info:
        load_prevalence(path)
    assert info.value.key == "err.not_a_number" and len(info.value.problems) == 1
    assert info.value.params["value"] == "24\u00a06"
    assert info.value.location.row == 2 and info.value.location.column == "B"


def test_data_far_below_a_long_gap_is_reported_not_silently_dropped(tmp_path):
    from openpyxl import Workbook

    from kp2s_dashboard.prevalence.loader import load_prevalence

    wb = Workbook()
    ws = wb.active
    ws.append(["Kabupaten/Kota", "SSGI 2024"])
    ws.append(["Tapin", 13.2])
    ws["A2000"] = "Banjar"
    ws["B2000"] = 32.3
    path = tmp_path / "jauh.xlsx"
    wb.save(path)
    result = load_prevalence(path)
    assert result.table["code"].tolist() == ["6305"]
    warning = next(w for w in result.warnings if w.key == "warn.sheet_truncated")
    assert warning.params["row"] == 1002
    assert "row 1002" in warning.render("en") and "jauh.xlsx" in warning.render("en")


@pytest.mark.parametrize("reader", ["auto", "cells"])
def test_hidden_rows_are_read_with_a_warning_naming_them(tmp_path, reader):
    """A row hidden in Excel is still a row of the table: its figure is read (as before), and a warning names the
    hidden rows holding a value, so whoever hid an old figure to leave it out sees that it counts."""
    from openpyxl import Workbook

    from kp2s_dashboard.prevalence.loader import load_prevalence

    wb = Workbook()
    ws = wb.active
    ws.title = "SSGI"
    ws.append(["kode", "tahun", "sumber", "indikator", "nilai"])
    for code, value in (("6301", 24.6), ("6302", 30.1), ("6303", 21.0), ("6304", 19.4)):
        ws.append([code, 2022, "SSGI", "stunting", value])
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[5].hidden = True
    ws.row_dimensions[9].hidden = True  # hidden but empty: not named
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    result = load_prevalence(path, reader=reader)
    assert sorted(result.table["value_pct"]) == [19.4, 21.0, 24.6, 30.1]
    found = [w.render("en") for w in result.warnings if w.key == "warn.rows_hidden"]
    assert found == ["file hidden.xlsx, sheet SSGI: 2 rows hidden in this sheet were read like any other (hiding a "
                     "row does not leave it out): rows 3, 5. Delete the rows that must not count"]


@pytest.mark.parametrize("reader", ["auto", "cells"])
def test_a_quote_never_closed_is_an_error_naming_its_row(tmp_path, reader):
    """An unclosed quote made the csv module read the rest of the file into one cell: Kotabaru's row was read as
    'no value' and Banjar's row vanished inside it without a word. Now an error names the row where it opened;
    a closed quote holding a line break, and a stray inch mark in a last unquoted field, still read."""
    from kp2s_dashboard.errors import DataError
    from kp2s_dashboard.prevalence.loader import load_prevalence

    path = tmp_path / "kutip.csv"
    path.write_text('kode,tahun,sumber,indikator,nilai\n6301,2022,SSGI,stunting,24.6\n6302,2022,"SSGI,stunting,30.1\n'
                    "6303,2022,SSGI,stunting,21.0\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_prevalence(path, reader=reader)
    assert [p.render("en") for p in info.value.problems] == [
        'file kutip.csv, row 3: a quote (") opened in this row is never closed, so the rest of the file reads as one '
        "cell and the rows after it would be lost; close the quote or remove it"]
    path.write_text('kode,tahun,sumber,indikator,nilai,catatan\n6301,2022,SSGI,stunting,24.6,"dua\nbaris"\n'
                    '6302,2022,SSGI,stunting,30.1,tinggi 5"\n', encoding="utf-8")
    result = load_prevalence(path, reader=reader)
    assert list(result.table["value_pct"]) == [24.6, 30.1]
    assert list(result.table["note"]) == ["dua\nbaris", 'tinggi 5"']
