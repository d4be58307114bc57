"""Prevalence loading: the embedded data, and long/wide files as offices write them."""

import pytest
from openpyxl import Workbook

from kp2s_dashboard.store import datastore
from kp2s_dashboard.errors import DataError
from kp2s_dashboard.prevalence.loader import load_prevalence, values_for


def value(table, code, source, year, indicator="stunting"):
    rows = values_for(table, source, year, indicator)
    rows = rows[rows["code"] == code]
    assert len(rows) == 1, (code, source, year)
    return rows.iloc[0]["value_pct"]


@pytest.fixture(scope="module")
def default():
    return load_prevalence(datastore.current("prevalence").path)


def test_default_data_real_figures(default):
    t = default.table
    assert value(t, "6305", "ssgi", 2024) == 13.2  # Tapin
    assert value(t, "63", "ssgi", 2024) == 22.9  # Kalimantan Selatan
    assert value(t, "6303", "ssgi", 2021) == 40.2  # Banjar
    assert value(t, "00", "ski", 2023) == 21.5
    assert value(t, "6309", "eppgbm", 2022) == 7.89
    assert value(t, "6372", "ssgi", 2024, "severely_stunted") == 1.9


def test_default_data_keeps_every_row_source_and_conflict(default):
    assert default.rows_read == 91 and default.values_used == 91
    t = default.table
    assert (t["source_url"].str.startswith("http")).all()
    row = t[(t["code"] == "63") & (t["source"] == "ssgi") & (t["year"] == 2024)].iloc[0]
    assert "23.9" in row["note"]
    assert set(t["source"]) == {"riskesdas", "ssgbi", "ssgi", "ski", "eppgbm"}
    assert str(t["code"].dtype) in ("str", "string", "object")
    assert t["year"].dtype == "int64" and t["value_pct"].dtype == "float64"


def _wide_workbook(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Prevalensi"
    ws["A1"] = "Prevalensi stunting kabupaten/kota Kalimantan Selatan"
    ws.append([])
    ws.append(["No", "Kabupaten/Kota", "SSGI 2021", "SSGI 2022", "SKI 2023", "e-PPGBM 2022"])
    ws.append([1, "Kab. Tanah Laut", "31,0", "-", 41.7, "5,35%"])
    ws.append([2, "KOTA BANJARMASIN", 27.8, 0.224, None, None])
    ws["D5"].number_format = "0.0%"  # a percent-formatted cell stores 0.224
    ws.append([3, 6310, "18,7", None, "25,1", "–"])
    ws.append([])
    ws.append(["Sumber: SSGI 2021-2022, SKI 2023"])
    wb.save(path)


def test_wide_xlsx_as_offices_keep_it(tmp_path):
    path = tmp_path / "prevalensi.xlsx"
    _wide_workbook(path)
    result = load_prevalence(path)
    t = result.table
    assert result.layout == "wide"
    assert value(t, "6301", "ssgi", 2021) == 31.0
    assert value(t, "6301", "ski", 2023) == 41.7
    assert value(t, "6301", "eppgbm", 2022) == 5.35
    assert value(t, "6371", "ssgi", 2022) == pytest.approx(22.4)
    assert value(t, "6310", "ski", 2023) == 25.1
    # '-', '–' and blank are missing, not zero
    assert values_for(t, "ssgi", 2022)["code"].tolist() == ["6371"]
    assert result.values_used == 7
    assert result.values_missing == 5
    assert result.rows_read == 3
    assert [w.key for w in result.warnings] == ["warn.footnote_ignored"]
    assert t.loc[t["code"] == "6371", "origin"].tolist()[0].endswith("!C5")


def test_wide_merged_source_header_over_years(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Kode", "Wilayah", "SSGI", None, "e-PPGBM"])
    ws.append([None, None, 2021, 2022, 2022])
    ws.merge_cells("C1:D1")
    ws.append(["63.09", "Tabalong", 28.2, 19.7, 7.89])
    ws.append(["6306", "HSS", 29.1, 20.3, 4.53])
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    t = load_prevalence(path).table
    assert value(t, "6309", "ssgi", 2022) == 19.7
    assert value(t, "6306", "eppgbm", 2022) == 4.53
    assert len(t) == 6


def test_bare_year_columns_need_a_source(tmp_path):
    path = tmp_path / "tahun.csv"
    path.write_text("kabupaten/kota;2021;2022\nTapin;33,5;14,5\nBalangan;32,3;-\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_prevalence(path)
    assert info.value.key == "err.wide_needs_source"
    assert "2021" in str(info.value)
    t = load_prevalence(path, default_source="ssgi").table
    assert value(t, "6305", "ssgi", 2022) == 14.5
    assert len(t) == 3


def test_long_csv_with_codes_as_numbers_and_decimal_commas(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(
        "code;year;source;value_pct;source_url\n"
        "6305;2024;SSGI;13,2%;https://example.org/a\n"
        "63.01;2024;ssgi;22,5;\n"
        "6302;2024;ssgi;-;\n",
        encoding="utf-8",
    )
    result = load_prevalence(path)
    assert result.layout == "long"
    assert value(result.table, "6305", "ssgi", 2024) == 13.2
    assert value(result.table, "6301", "ssgi", 2024) == 22.5
    assert result.values_missing == 1 and result.values_used == 2


def test_bad_rows_are_all_reported_with_their_place(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "2024"
    ws.append(["Kabupaten/Kota", "SSGI 2024"])
    ws.append(["Banjarmasn", 26.5])
    ws.append(["Tapin", "tiga belas"])
    ws.append(["Banjar", 132])
    ws.append(["Tapin", 13.2])
    ws.append(["Kab. Tapin", 13.3])
    path = tmp_path / "salah.xlsx"
    wb.save(path)
    with pytest.raises(DataError) as info:
        load_prevalence(path)
    messages = info.value.render_all("en")
    assert len(messages) == 4
    assert "sheet 2024, cell A2" in messages[0] and "Banjarmasin" in messages[0]
    assert "cell B3" in messages[1] and "tiga belas" in messages[1]
    assert "cell B4" in messages[2] and "0–100" in messages[2]
    assert "cell B6" in messages[3] and "duplicate" in messages[3] and "B5" in messages[3]
    assert all("salah.xlsx" in m for m in messages)
    assert "lembar 2024, sel A2" in info.value.render_all("id")[0]


def test_unsupported_and_empty_files(tmp_path):
    odd = tmp_path / "data.txt"
    odd.write_text("x")
    with pytest.raises(DataError) as info:
        load_prevalence(odd)
    assert info.value.key == "err.file_format" and "data.txt" in str(info.value)
    empty = tmp_path / "kosong.csv"
    empty.write_text("\n\n")
    with pytest.raises(DataError) as info:
        load_prevalence(empty)
    assert info.value.key == "err.file_empty"
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(DataError) as info:
        load_prevalence(broken)
    assert info.value.key == "err.file_unreadable" and "rusak.xlsx" in str(info.value)
