"""The column-wise reading of large tables (issue 11) gives what the cell
reader gives: the same cells (``read_columns`` vs ``read_grids``) and the
same prevalence load (table, warnings, counts, or problems and message),
on small files built to be awkward and on a large generated one."""

import csv

import pandas as pd
import pytest
from openpyxl import Workbook

from benchmarks.make_large_files import HEADER, prevalence_rows
from kp2s_dashboard.errors import DataError
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.sheets.cells import read_grids
from kp2s_dashboard.sheets.columns import read_columns


def _outcome(path, reader):
    try:
        r = load_prevalence(path, reader=reader)
    except DataError as exc:
        return ("error", exc.problems, str(exc)), None
    return ("ok", r.table, r.warnings, r.rows_read, r.values_used, r.values_missing, r.layout), r.reader


def assert_same(path, reader="columns"):
    """The cells and the load of ``path`` are the same by both readers; the
    automatic choice used ``reader``. Returns the outcome."""
    tables = read_columns(path)
    if reader == "columns":
        assert tables is not None
        grids = read_grids(path)
        assert len(tables) == len(grids)
        for table, grid in zip(tables, grids):
            lazy = table.grid()
            assert list(lazy.rows) == grid.rows
            for attr in ("file", "sheet", "is_csv", "merged", "hidden", "formats_known", "merges_known",
                         "delimiter", "truncated_at"):
                assert getattr(lazy, attr) == getattr(grid, attr), attr
    old, old_reader = _outcome(path, "cells")
    new, new_reader = _outcome(path, "auto")
    assert old[0] == new[0]
    if old[0] == "ok":
        pd.testing.assert_frame_equal(old[1], new[1])
        assert old[2] == new[2]
        assert old[3:] == new[3:]
        assert old_reader == "cells" and new_reader == reader
    else:
        assert old[1] == new[1]
        assert old[2] == new[2]
    return new


def _csv(tmp_path, text, name="p.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _xlsx(tmp_path, rows, name="p.xlsx", formats=None, merges=(), sheet="Data", hidden_extra=False):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)
    for (r, c), fmt in (formats or {}).items():
        ws.cell(r, c).number_format = fmt
    for rng in merges:
        ws.merge_cells(rng)
    if hidden_extra:
        other = wb.create_sheet("Lama")
        other.append(["kode", "tahun", "sumber", "nilai"])
        other.append(["6301", 2013, "riskesdas", 40.1])
        other.sheet_state = "hidden"
    path = tmp_path / name
    wb.save(path)
    return path


LONG = "kode,nama,tahun,sumber,indikator,prevalensi,catatan\n"


def test_clean_long_csv_is_read_column_wise(tmp_path):
    path = _csv(tmp_path, LONG + "6301,Tanah Laut,2022,SSGI,stunting,26.0,\n6303,Banjar,2022,ssgi,Stunting (%),\"24,6\",cek\n"
                "6305,Tapin,2023,SKI,sangat pendek,\"12,5%\", catatan \n")
    new = assert_same(path)
    table = new[1]
    assert table["value_pct"].tolist() == [26.0, 24.6, 12.5]
    assert table["indicator"].tolist() == ["stunting", "stunting", "severely_stunted"]
    assert table["origin"].tolist() == ["p.csv:line 2", "p.csv:line 3", "p.csv:line 4"]
    assert table["note"].tolist() == ["", "cek", "catatan"]


def test_awkward_long_csv_same_problems(tmp_path):
    text = LONG + (
        "6301,Tanah Laut,2022,SSGI,stunting,abc,\n"          # text in a number column
        "6302,Kotabaru,2022,SSGI,stunting,150,\n"            # out of range
        "6303,Banjar,22,SSGI,stunting,20,\n"                 # bad year
        "6304,Barito Kuala,2022,Survei X,stunting,20,\n"     # unknown source
        "6305,Tapin,2022,SSGI,wasting,20,\n"                 # unknown indicator
        ",Banjarbaru Raya,2022,SSGI,stunting,20,\n"          # unknown region
        "6306,Tapin,2022,SSGI,stunting,20,\n"                # code and name disagree
        "9999,,2022,SSGI,stunting,20,\n"                     # unknown code
        "6307,,2022,SSGI,stunting,-,\n"                      # missing value
        ",,,,,,\n"                                           # blank row
        "Sumber: SSGI 2022,,,,,,\n"                          # note row
        "6308,,,,,,\n"                                       # region alone
        "6309,,2022,SSGI,stunting,20,\n"
        "6309,Tabalong,2022,SSGI,stunting,21,\n"             # duplicate
        "6310,,2022,SSGI,stunting,20,extra,cell\n"           # longer than the header
        ",,2022,SSGI,stunting,20,\n"                         # no region
    )
    new = assert_same(_csv(tmp_path, text))
    keys = [p.key for p in new[1]]
    assert "err.not_a_number" in keys and "err.pct_out_of_range" in keys and "err.bad_year" in keys
    assert "err.unknown_source" in keys and "err.unknown_indicator" in keys and "err.code_name_conflict" in keys
    assert "err.duplicate" in keys and "err.row_too_long" in keys and "err.region_empty" in keys


def test_warnings_survey_conflict_fractions_and_notes_csv(tmp_path):
    text = ("kode;tahun;sumber;nilai\n6301;2023;SSGI;0,246\n6301;2023;SKI;0,25\n;;;\nKeterangan: angka sementara;;;\n"
            "6302;2023;SSGI;-\n6303;2023;ssgi;0,2\n")
    new = assert_same(_csv(tmp_path, text))
    assert new[0] == "ok"
    keys = [w.key for w in new[2]]
    assert "warn.survey_conflict" in keys and "warn.fractions" in keys and "warn.footnote_ignored" in keys
    assert "warn.value_missing" in keys


def test_wide_csv_is_read_by_the_row_reader_on_columns(tmp_path):
    path = _csv(tmp_path, "Kabupaten/Kota;SSGI 2021;SSGI 2022\nTanah Laut;24,6;26,0\nTapin;-;14,5\n")
    new = assert_same(path, reader="cells")  # wide layout: cell by cell (rows built from the columns)
    assert new[1]["value_pct"].tolist() == [24.6, 26.0, 14.5]


def test_xlsx_percent_formats_comma_decimals_and_merged_title(tmp_path):
    rows = [
        ["Prevalensi stunting (judul digabung)"],
        [],
        ["Kode", "Kabupaten/Kota", "Tahun", "Sumber", "Indikator", "Prevalensi (%)"],
        ["6301", "Tanah Laut", 2022, "SSGI", "stunting", 0.246],   # percent-formatted fraction
        [6302, "Kotabaru", 2022.0, "SSGI", "stunting", 13.2],        # literal "%" format: already percent
        ["6303", " Banjar\u00a0", "2022", "SSGI", "pendek", "12,5"],
        ["6304", "Barito Kuala", 2022, "ssgi", "stunting", "24,6 %"],
        [None, None, None, None, None, None],
        ["6305", "Tapin", 2022, "SSGI", "stunting", True],          # a boolean is not a number
        ["6306", "Hulu Sungai Selatan", 2022, "SSGI", "stunting", "-"],
        ["6371", "Banjarmasin", 2022, "e-PPGBM", "stunting", 7],
    ]
    formats = {(4, 6): "0.0%", (5, 6): '0.0"%"', (11, 6): "0.0%"}
    path = _xlsx(tmp_path, rows, formats=formats, merges=["A1:F1"], hidden_extra=True)
    new = assert_same(path)
    assert [(p.key, p.location.cell) for p in new[1]] == [("err.not_a_number", "F9"), ("err.pct_out_of_range", "F11")]
    fixed = _xlsx(tmp_path, rows[:8] + rows[9:], name="ok.xlsx", formats={(4, 6): "0.0%", (5, 6): '0.0"%"'})
    ok = assert_same(fixed)
    table = ok[1].set_index("code")
    assert table.loc["6301", "value_pct"] == pytest.approx(24.6)
    assert table.loc["6302", "value_pct"] == 13.2
    assert table.loc["6303", "value_pct"] == 12.5
    assert table.loc["6304", "value_pct"] == 24.6
    assert table.loc["6371", "value_pct"] == 7.0
    assert "6306" not in table.index  # "-": missing, not zero
    assert [w.key for w in ok[2]] == ["warn.value_missing"]


def test_xlsx_errors_and_unknown_region_and_duplicates(tmp_path):
    rows = [
        ["kode_wilayah", "nama_wilayah", "tahun", "sumber", "prevalensi"],
        ["6301", "Tanah Laut", 2022, "SSGI", "#N/A"],
        ["6301", "Tanah Laut", 2022, "SSGI", 20],
        ["6301", "Tanah Laut", 2022, "SSGI", 21],
        [None, "Kab. Antah Berantah", 2022, "SSGI", 21],
        ["63.1", None, 2022, "SSGI", 21],
    ]
    new = assert_same(_xlsx(tmp_path, rows))
    assert [p.key for p in new[1]][:1] == ["err.not_a_number"]
    assert "err.duplicate" in [p.key for p in new[1]]


def test_xlsx_region_merged_down_rows_uses_the_cell_reader(tmp_path):
    rows = [
        ["Kabupaten/Kota", "Tahun", "Sumber", "Prevalensi"],
        ["Tanah Laut", 2021, "SSGI", 24.6],
        [None, 2022, "SSGI", 26.0],
    ]
    path = _xlsx(tmp_path, rows, merges=["A2:A3"])
    assert read_columns(path) is None
    new = assert_same(path, reader="cells")
    assert new[1]["value_pct"].tolist() == [24.6, 26.0]


def test_xlsx_formula_without_stored_result_uses_the_cell_reader(tmp_path):
    rows = [["kode", "tahun", "sumber", "nilai"], ["6301", 2022, "SSGI", "=10+5"]]
    path = _xlsx(tmp_path, rows)
    assert read_columns(path) is None
    assert_same(path, reader="cells")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_large_generated_table_same_as_the_cell_reader(tmp_path, suffix):
    """The benchmark's table (benchmarks/make_large_files.py), 20,000 rows:
    every row has an unknown source and three in four an unknown indicator."""
    rows = prevalence_rows(n=20_000)
    path = tmp_path / f"besar{suffix}"
    if suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(rows)
    else:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Prevalensi")
        ws.append(HEADER)
        for row in rows:
            ws.append(row)
        wb.save(path)
    new = assert_same(path)
    unknown_indicator = sum(1 for row in rows if row[4] != "stunting")
    assert unknown_indicator > 14_000
    assert new[0] == "error" and len(new[1]) == 20_000 + unknown_indicator


def test_large_valid_table_same_records(tmp_path):
    """A large table whose rows are all valid (sources and indicators known;
    13 districts × 5 sources × 3 indicators × 111 years = 21,645 figures)."""
    sources = ["riskesdas", "SSGBI", "ssgi", "SKI", "e-PPGBM"]
    indicators = ["stunting", "sangat pendek", "Pendek"]
    lines = ["kode_wilayah,nama_wilayah,tahun,sumber,indikator,prevalensi"]
    codes = [("6301", "Tanah Laut"), ("6302", "Kotabaru"), ("6303", "Banjar"), ("6304", "Barito Kuala"),
             ("6305", "Tapin"), ("6306", "Hulu Sungai Selatan"), ("6307", "Hulu Sungai Tengah"),
             ("6308", "Hulu Sungai Utara"), ("6309", "Tabalong"), ("6310", "Tanah Bumbu"), ("6311", "Balangan"),
             ("6371", "Kota Banjarmasin"), ("6372", "Kota Banjarbaru")]
    k = 0
    for year in range(1990, 2101):
        for source in sources:
            for indicator in indicators:
                for code, name in codes:
                    k += 1
                    value = f"{(k % 400) / 10:.1f}".replace(".", ",")
                    lines.append(f'{code},{name},{year},{source},{indicator},"{value}"')
    path = _csv(tmp_path, "\n".join(lines) + "\n")
    new = assert_same(path)
    assert new[0] == "ok" and new[4] == 13 * 5 * 3 * 111


@pytest.mark.parametrize(("env", "key"), [({"KP2S_MAX_ROWS": "5"}, "err.sheet_rows"),
                                          ({"KP2S_MAX_COLS": "4"}, "err.sheet_cols"),
                                          ({"KP2S_MAX_CELLS": "20"}, "err.sheet_cells")])
def test_csv_bounds_refused_as_by_the_cell_reader(tmp_path, monkeypatch, env, key):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    path = _csv(tmp_path, LONG + "6301,Tanah Laut,2022,SSGI,stunting,26.0,\n" * 8)
    with pytest.raises(DataError) as old:
        read_grids(path)
    with pytest.raises(DataError) as new:
        read_columns(path)
    assert old.value.key == new.value.key == key
    assert old.value.problems == new.value.problems
