"""e-PPGBM below the district (issue 12 items 1 and 3): the kecamatan/desa
registry and matching, the loader's table and its errors naming the cell,
the Wilson interval, desa lokus lists, the views and the demo files.

Every input is built here with openpyxl or as CSV text."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from kp2s_dashboard.errors import DataError
from kp2s_dashboard.subdistrict import areas as areas_mod
from kp2s_dashboard.subdistrict import demo, load_areas, load_lokus, views
from kp2s_dashboard.subdistrict.areas import AreaMatchError, area_registry, name_key
from kp2s_dashboard.subdistrict.rates import wilson_interval

SHARED_GEO = Path(__file__).resolve().parents[2] / "shared" / "geo"


def book(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


DESA_HEAD = ["Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Tahun", "Periode", "Balita sasaran", "Balita diukur",
             "Pendek", "Sangat pendek"]


def only(problems, key):
    found = [p for p in problems if p.key == key]
    assert len(found) == 1, [p.render() for p in problems]
    return found[0]


# -- Wilson interval ------------------------------------------------------------------------

@pytest.mark.parametrize("events, n, low, high", [
    # Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score)
    (81, 263, 25.53, 36.62),
    (15, 148, 6.24, 16.05),
    (0, 20, 0.0, 16.11),
    (1, 29, 0.61, 17.18),
    (29, 29, 88.30, 100.0),
])
def test_wilson_interval_matches_newcombe_1998(events, n, low, high):
    lo, hi = wilson_interval(events, n)
    assert round(float(lo[0]), 2) == low and round(float(hi[0]), 2) == high


def test_wilson_interval_is_nan_without_children():
    lo, hi = wilson_interval([3, 0], [0, 0])
    assert np.isnan(lo).all() and np.isnan(hi).all()


# -- registry and spelling --------------------------------------------------------------------

def test_registry_has_the_province_kecamatan_and_desa():
    reg = area_registry()
    assert len(reg.areas("kecamatan")) == 156 and len(reg.areas("desa")) == 2008
    assert reg.get("63.03.04").name == "Sungai Tabuk" and reg.get("63.03.04.2004").name == "Lok Baintan"
    assert reg.get("63.03.04.1001").jenis == "kelurahan"


@pytest.mark.skipif(not (SHARED_GEO / "kalsel_desa.geojson").is_file(), reason="../shared/geo not present")
def test_registry_file_agrees_with_the_boundary_files():
    reg = area_registry()
    for file, level in (("kalsel_kecamatan.geojson", "kecamatan"), ("kalsel_desa.geojson", "desa")):
        features = json.loads((SHARED_GEO / file).read_text(encoding="utf-8"))["features"]
        codes = {f["properties"]["kode"]: " ".join(f["properties"]["nama"].split()) for f in features}
        assert {a.kode: a.name for a in reg.areas(level)} == codes


@pytest.mark.parametrize("written, district, kode", [
    ("Ds. Bati2", "63.01", "63.01.05.2002"),
    ("BATI BATI", "63.01", "63.01.05.2002"),
    ("Desa  Lok-Baintan", "63.03", "63.03.04.2004"),
    ("lokbaintan", "63.03", "63.03.04.2004"),
    ("Kel. Sei Lulut", "63.03", "63.03.04.1001"),
    ("Kelurahan Sungai Lulut", "63.71", "63.71.02.1005"),
])
def test_desa_matched_by_spelling_within_its_district(written, district, kode):
    assert area_registry().match("desa", name=written, district=district).kode == kode


def test_name_key_spellings():
    assert name_key("Ds. Bati2") == name_key("Bati-Bati") == "batibati"
    assert name_key("Kec. Sei Tabuk", "kecamatan") == name_key("Sungai Tabuk", "kecamatan")
    assert name_key("Bi'ih") == name_key("Biih")


def test_name_in_two_districts_needs_the_district():
    reg = area_registry()
    with pytest.raises(AreaMatchError) as info:
        reg.match("desa", name="Sungai Lulut")
    assert info.value.key == "err.wil_name_two_districts"
    assert "Banjar (63.03)" in str(info.value) and "Banjarmasin (63.71)" in str(info.value)
    assert reg.match("desa", name="Sungai Lulut", district="63.71").kode == "63.71.02.1005"
    with pytest.raises(AreaMatchError, match="Simpang Empat"):
        reg.match("kecamatan", name="Simpang Empat")
    assert reg.match("kecamatan", name="Kec. Simpang Empat", district="63.10").kode == "63.10.06"


# -- the loader: good input -------------------------------------------------------------------

def test_desa_rows_give_counts_rates_interval_coverage_and_small_n(tmp_path):
    path = book(tmp_path / "banjar.xlsx", {"Desa": [
        ["e-PPGBM Kabupaten Banjar per desa"],
        [],
        DESA_HEAD,
        ["Kab. Banjar", "Sungai Tabuk", "Desa Lok Baintan", 2024, "Agustus", 120, 100, 15, 5],
        ["Banjar", "Sungai Tabuk", "SEI LULUT", 2024, "Agustus", None, 20, 2, 1],
        ["Banjar", "Sungai Tabuk", "Lok Baintan", 2023, "08", 110, 90, 20, 7],
    ]})
    loaded = load_areas(path, min_children=30)
    assert loaded.problems == [] and not loaded.synthetic
    t = loaded.table.set_index(["kode_wilayah", "period"])
    row = t.loc[("63.03.04.2004", "2024-08")]
    assert (row["level"], row["name"], row["district_code"], row["kecamatan_code"]) == (
        "desa", "Lok Baintan", "63.03", "63.03.04")
    assert (row["year"], row["measured"], row["stunted"], row["registered"]) == (2024, 100, 20, 120)
    assert row["prevalence"] == pytest.approx(20.0)
    assert row["coverage"] == pytest.approx(100 * 100 / 120)
    lo, hi = wilson_interval(20, 100)
    assert (row["ci_low"], row["ci_high"]) == (pytest.approx(lo[0]), pytest.approx(hi[0]))
    assert row["ci_low"] == pytest.approx(13.33, abs=0.01) and row["ci_high"] == pytest.approx(28.89, abs=0.01)
    assert not row["small_n"] and row["origin"] == "banjar.xlsx!Desa!C4"
    lulut = t.loc[("63.03.04.1001", "2024-08")]
    assert lulut["small_n"] and pd.isna(lulut["registered"]) and math.isnan(lulut["coverage"])
    assert t.loc[("63.03.04.2004", "2023-08")]["stunted"] == 27
    assert str(loaded.table["registered"].dtype) == "Int64"


def test_kecamatan_and_puskesmas_rows_and_a_one_district_csv(tmp_path):
    path = tmp_path / "tanah_laut.csv"
    path.write_text("Tingkat;Nama wilayah;Kecamatan;Periode;Balita diukur;Stunting\n"
                    "Kecamatan;Bati Bati;;2024-08;500;60\n"
                    "Puskesmas;PKM Bati-Bati;Bati-Bati;2024-08;480;58\n", encoding="utf-8")
    loaded = load_areas(path, district="Tanah Laut")
    assert loaded.problems == []
    t = loaded.table.set_index("level")
    assert t.loc["kecamatan", "kode_wilayah"] == "63.01.05" and t.loc["kecamatan", "prevalence"] == pytest.approx(12.0)
    assert t.loc["puskesmas", "kode_wilayah"] == "" and t.loc["puskesmas", "name"] == "PKM Bati-Bati"
    assert t.loc["puskesmas", "kecamatan_code"] == "63.01.05" and t.loc["puskesmas", "district_code"] == "63.01"


# -- the loader: bad input, each naming the cell ---------------------------------------------------

def test_unknown_area_names_the_cell_and_is_listed_with_its_rows(tmp_path):
    path = book(tmp_path / "x.xlsx", {"Desa": [
        DESA_HEAD,
        ["Banjar", "Sungai Tabuk", "Lok Baintann", 2024, 8, 100, 90, 10, 2],
        ["Banjar", "Sungai Tabuk", "Lok Baintann", 2023, 8, 100, 90, 10, 2],
        ["Banjar", "Sungai Tabuk", "Pemakuan", 2024, 8, 100, 90, 10, 2],
    ]})
    loaded = load_areas(path)
    unknown = [p for p in loaded.problems if p.key == "err.wil_unknown_area"]
    assert [p.location.cell for p in unknown] == ["C2", "C3"] and len(loaded.problems) == 2
    assert unknown[0].render("en") == ("file x.xlsx, sheet Desa, cell C2: Unknown desa 'Lok Baintann' in "
                                       "Kabupaten Banjar (Kemendagri code or name); closest: Lok Baintan, Lok Baintan Dalam.")
    assert "tidak dikenal" in unknown[0].render("id")
    assert loaded.unmatched.to_dict("records") == [
        {"level": "desa", "value": "Lok Baintann", "district_code": "63.03", "rows": "x.xlsx!Desa!C2, x.xlsx!Desa!C3"}]
    assert loaded.table["kode_wilayah"].tolist() == ["63.03.04.2008"]
    with pytest.raises(DataError) as info:
        loaded.raise_for_errors()
    assert len(info.value.problems) == 2


def test_name_repeated_in_two_districts_without_a_district_column(tmp_path):
    path = book(tmp_path / "x.xlsx", {"Desa": [
        ["Desa", "Tahun", "Balita diukur", "Stunting"],
        ["Sungai Lulut", 2024, 50, 5],
        ["Pemakuan", 2024, 50, 5],
    ]})
    loaded = load_areas(path)
    problem = only(loaded.problems, "err.wil_name_two_districts")
    assert problem.location.cell == "A2"
    assert "Banjar (63.03), Banjarmasin (63.71)" in problem.render("en")
    assert loaded.table["kode_wilayah"].tolist() == ["63.03.04.2008"]  # the unique name needs no district
    assert loaded.unmatched.empty


def test_name_repeated_in_two_kecamatan_needs_the_kecamatan(tmp_path):
    rows = [["Kabupaten/Kota", "Desa", "Tahun", "Balita diukur", "Stunting"], ["Banjar", "Pasar Lama", 2024, 40, 4]]
    loaded = load_areas(book(tmp_path / "a.xlsx", {"S": rows}))
    problem = only(loaded.problems, "err.wil_name_two_kecamatan")
    assert problem.location.cell == "B2" and "Karang Intan (63.03.06)" in problem.render("en")
    rows = [["Kabupaten/Kota", "Kecamatan", "Desa", "Tahun", "Balita diukur", "Stunting"],
            ["Banjar", "Karang Intan", "Pasar Lama", 2024, 40, 4]]
    assert load_areas(book(tmp_path / "b.xlsx", {"S": rows})).table["kode_wilayah"].tolist() == ["63.03.06.2018"]


def test_counts_over_their_denominator_name_the_cell(tmp_path):
    path = book(tmp_path / "x.xlsx", {"Desa": [
        DESA_HEAD,
        ["Banjar", "Sungai Tabuk", "Pemakuan", 2024, 8, 100, 30, 25, 10],   # 35 stunted of 30 measured
        ["Banjar", "Sungai Tabuk", "Lok Buntar", 2024, 8, 20, 25, 1, 1],    # 25 measured of 20 registered
        ["Banjar", "Sungai Tabuk", "Pejambuan", 2024, 8, 50, 40, 4, 1],
    ]})
    loaded = load_areas(path)
    over = only(loaded.problems, "err.wil_stunted_over_measured")
    assert over.location.cell == "H2"
    assert over.render("en") == ("file x.xlsx, sheet Desa, cell H2: Children stunted (35) exceed children "
                                 "measured (30).")
    reg = only(loaded.problems, "err.wil_measured_over_registered")
    assert reg.location.cell == "G3" and "(25)" in reg.render("en") and "(20)" in reg.render("en")
    assert loaded.table["name"].tolist() == ["Pejambuan"]


def test_negative_and_fractional_counts_name_the_cell(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text('Kabupaten/Kota,Desa,Tahun,Balita diukur,Stunting\n'
                    'Banjar,Pemakuan,2024,-5,1\n'
                    'Banjar,Pejambuan,2024,40,"2,5"\n', encoding="utf-8")
    loaded = load_areas(path)
    neg = only(loaded.problems, "err.wil_negative")
    assert (neg.location.row, neg.location.column) == (2, "D")
    assert neg.render("en") == "file x.csv, row 2, column D: Negative count (-5): 0 or more was expected."
    frac = only(loaded.problems, "err.wil_not_count")
    assert (frac.location.row, frac.location.column) == (3, "E")
    assert loaded.table.empty


def test_total_row_disagreeing_with_its_desa_names_the_cell(tmp_path):
    path = book(tmp_path / "x.xlsx", {"Desa": [
        ["Kabupaten/Kota", "Kecamatan", "Desa", "Periode", "Balita diukur", "Stunting"],
        ["Banjar", "Sungai Tabuk", "Pemakuan", "2024-08", 100, 10],
        ["Banjar", "Sungai Tabuk", "Pejambuan", "2024-08", 50, 5],
        ["Banjar", "Sungai Tabuk", "Jumlah", "2024-08", 150, 16],
    ]})
    loaded = load_areas(path)
    total = only(loaded.problems, "err.wil_total_disagrees")
    assert total.location.cell == "F4"
    assert total.render("en") == ("file x.xlsx, sheet Desa, cell F4: 'Stunting' = 16 on the total row differs from "
                                  "the sum of its 2 desa/kecamatan rows (15) for round 2024-08.")
    assert len(loaded.problems) == 1 and len(loaded.table) == 2  # the total itself is not a row of the table


def test_kecamatan_row_disagreeing_with_its_desa_rows(tmp_path):
    path = book(tmp_path / "x.xlsx", {
        "Desa": [["Kabupaten/Kota", "Kecamatan", "Desa", "Periode", "Balita diukur", "Stunting"],
                 ["Banjar", "Sungai Tabuk", "Pemakuan", "2024-08", 100, 10],
                 ["Banjar", "Sungai Tabuk", "Pejambuan", "2024-08", 50, 5]],
        "Kecamatan": [["Kabupaten/Kota", "Kecamatan", "Periode", "Balita diukur", "Stunting"],
                      ["Banjar", "Sungai Tabuk", "2024-08", 151, 15],
                      ["Banjar", "Gambut", "2024-08", 10, 1]],
    })
    problem = only(load_areas(path).problems, "err.wil_total_disagrees")
    assert (problem.location.sheet, problem.location.cell) == ("Kecamatan", "D2")
    assert problem.params["value"] == 151 and problem.params["expected"] == 150


def test_district_total_checked_against_all_its_desa(tmp_path):
    path = book(tmp_path / "x.xlsx", {"Desa": [
        ["Kabupaten/Kota", "Kecamatan", "Desa", "Tahun", "Balita diukur", "Stunting"],
        ["Banjar", "Sungai Tabuk", "Pemakuan", 2024, 100, 10],
        ["Banjar", "Gambut", "Gambut", 2024, 50, 5],
        ["Banjar", None, "Total Kabupaten", 2024, 150, 15],
    ]})
    assert load_areas(path).problems == []


def test_stunting_disagreeing_with_pendek_plus_sangat_pendek(tmp_path):
    path = book(tmp_path / "x.xlsx", {"S": [
        ["Kabupaten/Kota", "Desa", "Tahun", "Balita diukur", "Pendek", "Sangat pendek", "Stunting"],
        ["Banjar", "Pemakuan", 2024, 100, 8, 3, 12],
    ]})
    problem = only(load_areas(path).problems, "err.wil_parts_disagree")
    assert problem.location.cell == "G2" and problem.params == {"stunted": 12, "parts": 11}


def test_same_area_and_round_twice_names_both_rows(tmp_path):
    path = book(tmp_path / "x.xlsx", {"S": [
        ["Kabupaten/Kota", "Desa", "Tahun", "Balita diukur", "Stunting"],
        ["Banjar", "Pemakuan", 2024, 100, 8],
        ["Banjar", "Desa Pemakuan", 2024, 100, 8],
    ]})
    problem = only(load_areas(path).problems, "err.wil_duplicate")
    assert problem.location.cell == "B3" and problem.params["other"] == "x.xlsx!S!B2"


def test_unknown_district_and_code_of_another_district(tmp_path):
    path = book(tmp_path / "x.xlsx", {"S": [
        ["Kabupaten/Kota", "Kode wilayah", "Desa", "Tahun", "Balita diukur", "Stunting"],
        ["Banjarmasinn", None, "Pemakuan", 2024, 100, 8],
        ["Tapin", "63.03.04.2008", "Pemakuan", 2024, 100, 8],
        ["Banjar", "63.03.04.2008", "Pejambuan", 2024, 100, 8],
    ]})
    problems = load_areas(path).problems
    assert only(problems, "err.wil_unknown_district").location.cell == "A2"
    assert only(problems, "err.wil_code_other_district").location.cell == "B3"
    assert only(problems, "err.wil_code_name_disagree").location.cell == "C4"


def test_a_file_without_a_header_is_refused(tmp_path):
    path = book(tmp_path / "x.xlsx", {"S": [["Nama", "Nilai"], ["Pemakuan", 3]]})
    with pytest.raises(DataError) as info:
        load_areas(path)
    assert info.value.key == "err.wil_no_header" and info.value.location.file == "x.xlsx"
    assert "Balita diukur" in str(info.value)


# -- desa lokus ----------------------------------------------------------------------------------

def test_lokus_list_by_names_and_codes(tmp_path):
    path = book(tmp_path / "sk.xlsx", {"Lokus": [
        ["SK Bupati tentang desa lokus stunting"],
        ["No", "Kabupaten/Kota", "Tahun", "Kecamatan", "Desa Lokus", "Kode desa"],
        [1, "Kab. Banjar", 2024, "Sungai Tabuk", "Desa Lok-Baintan", None],
        [2, "Banjar", 2024, "Karang Intan", "PASAR LAMA", None],
        [3, "Tanah Laut", 2024, None, None, "63.01.05.2002"],
        [4, "Banjar", "2024", "Sungai Tabuk", "Lokbaintan", None],
    ]})
    loaded = load_lokus(path)
    assert loaded.table[["district_code", "year", "kode_wilayah", "name"]].values.tolist() == [
        ["63.01", 2024, "63.01.05.2002", "Bati-Bati"],
        ["63.03", 2024, "63.03.04.2004", "Lok Baintan"],
        ["63.03", 2024, "63.03.06.2018", "Pasar Lama"],
    ]
    dup = only(loaded.problems, "err.wil_duplicate")
    assert dup.location.cell == "E6" and dup.params["other"] == "sk.xlsx!Lokus!E3"


def test_lokus_unknown_desa_and_name_in_two_districts(tmp_path):
    path = tmp_path / "lokus.csv"
    path.write_text("Desa,Tahun\nSungai Lulut,2024\nDesa Entah,2024\nPemakuan,2024\n", encoding="utf-8")
    loaded = load_lokus(path)
    two = only(loaded.problems, "err.wil_name_two_districts")
    assert (two.location.row, two.location.column) == (2, "A")
    unknown = only(loaded.problems, "err.wil_unknown_area")
    assert unknown.location.row == 3 and "Unknown desa 'Desa Entah' in Kalimantan Selatan" in unknown.render("en")
    assert loaded.unmatched.to_dict("records") == [{"value": "Desa Entah", "district_code": "",
                                                    "rows": "lokus.csv:line 3"}]
    assert loaded.table["kode_wilayah"].tolist() == ["63.03.04.2008"]


# -- views ---------------------------------------------------------------------------------------------

def _two_rounds(tmp_path) -> pd.DataFrame:
    rows = [["Kabupaten/Kota", "Kecamatan", "Desa", "Periode", "Balita diukur", "Stunting"]]
    for period, counts in (("2023-08", [(100, 30), (200, 20), (10, 5), (50, 10)]),
                           ("2024-08", [(100, 20), (200, 30), (12, 6), (50, 5)])):
        for desa, (measured, stunted) in zip(["Pemakuan", "Pejambuan", "Lok Buntar", "Gambut"], counts):
            rows.append(["Banjar", "Sungai Tabuk" if desa != "Gambut" else "Gambut", desa, period, measured, stunted])
    return load_areas(book(tmp_path / "two.xlsx", {"S": rows}), min_children=30).table


def test_desa_ranking_with_change_and_small_denominators_unranked(tmp_path):
    ranking = views.area_ranking(_two_rounds(tmp_path), "63.03", "desa")
    # 2024-08: Pemakuan 20/100, Pejambuan 30/200, Gambut 5/50; Lok Buntar 6/12 is below 30 children: unranked, last
    assert ranking["name"].tolist() == ["Pemakuan", "Pejambuan", "Gambut", "Lok Buntar"]
    assert ranking["rank"].tolist()[:3] == [1, 2, 3] and pd.isna(ranking["rank"].iloc[3])
    assert ranking["prevalence"].tolist() == pytest.approx([20.0, 15.0, 10.0, 50.0])
    by = ranking.set_index("name")
    assert by.loc["Pejambuan", "prevalence"] == pytest.approx(15.0)
    assert by.loc["Pemakuan", "change"] == pytest.approx(20.0 - 30.0)
    assert by.loc["Gambut", "previous_prevalence"] == pytest.approx(20.0)
    assert bool(by.loc["Lok Buntar", "small_n"]) and by.loc["Lok Buntar", "measured"] == 12
    assert (ranking["previous_period"] == "2023-08").all()


def test_kecamatan_ranking_from_the_sums_of_their_desa(tmp_path):
    ranking = views.area_ranking(_two_rounds(tmp_path), "63.03", "kecamatan", "2024-08")
    by = ranking.set_index("kode_wilayah")
    assert by.loc["63.03.04", "measured"] == 312 and by.loc["63.03.04", "stunted"] == 56
    assert by.loc["63.03.04", "prevalence"] == pytest.approx(100 * 56 / 312)
    assert by.loc["63.03.04", "previous_prevalence"] == pytest.approx(100 * 55 / 310)
    assert by.loc["63.03.03", "name"] == "Gambut" and by.loc["63.03.04", "rank"] == 1


def test_lokus_side_by_side(tmp_path):
    table = _two_rounds(tmp_path)
    lokus = pd.DataFrame({"district_code": ["63.03", "63.03"], "year": [2024, 2023],
                          "kode_wilayah": ["63.03.04.2008", "63.03.03.2001"], "name": ["Pemakuan", "x"],
                          "origin": ["", ""]})
    out = views.lokus_comparison(table, lokus, "63.03").set_index("group")
    assert out.loc["lokus", "areas"] == 1 and out.loc["lokus", "measured"] == 100
    assert out.loc["lokus", "prevalence"] == pytest.approx(20.0) and out.loc["lokus", "change"] == pytest.approx(-10.0)
    assert out.loc["non_lokus", "areas_measured"] == 3
    assert out.loc["non_lokus", "prevalence"] == pytest.approx(100 * 41 / 262)
    assert out.loc["non_lokus", "areas"] == len(area_registry().areas("desa", "63.03")) - 1
    lo, hi = wilson_interval(41, 262)
    assert out.loc["non_lokus", "ci_low"] == pytest.approx(lo[0]) and out.loc["non_lokus", "ci_high"] == pytest.approx(hi[0])
    ranking = views.area_ranking(table, "63.03", "desa", lokus=lokus)
    assert ranking[ranking["lokus"]]["name"].tolist() == ["Pemakuan"]


def test_labels_come_from_the_catalogue(tmp_path):
    ranking = views.area_ranking(_two_rounds(tmp_path), "63.03", "desa")
    shown = views.labelled(ranking, "id")
    assert "Prevalensi (%)" in shown.columns and "Balita diukur" in shown.columns
    assert shown["Balita diukur sedikit"].tolist()[-1] == "ya"
    assert "Children measured" in views.labelled(ranking, "en").columns


# -- the demo files ------------------------------------------------------------------------------------

def test_demo_files_load_cleanly_and_are_marked_synthetic():
    loaded = load_areas(demo.DEMO_FILE)
    assert loaded.synthetic and loaded.problems == []
    t = loaded.table
    assert sorted(t["period"].unique()) == ["2023-08", "2024-08"]
    assert set(t["level"]) == {"desa", "kecamatan", "puskesmas"}
    desa = t[t["level"] == "desa"]
    assert set(desa["kode_wilayah"]) == {a.kode for a in area_registry().areas("desa")}
    assert 50 < int(desa["small_n"].sum()) < 500  # some small denominators, not most
    lokus = load_lokus(demo.LOKUS_FILE)
    assert lokus.synthetic and lokus.problems == []
    assert set(lokus.table["district_code"]) == set(desa["district_code"]) and len(set(desa["district_code"])) == 13


def test_demo_is_reproducible_from_its_seed():
    one, two = demo.build(), demo.build()
    for key in one:
        pd.testing.assert_frame_equal(one[key], two[key])
    committed = load_areas(demo.DEMO_FILE).table
    desa = one["desa"]
    first = committed[(committed["level"] == "desa")].iloc[0]
    assert (first["measured"], first["stunted"]) == (desa["Balita diukur"].iloc[0],
                                                     desa["Pendek"].iloc[0] + desa["Sangat pendek"].iloc[0])
    assert not demo.build(seed=7)["desa"]["Balita diukur"].equals(desa["Balita diukur"])


def test_small_denominators_are_grey_and_hatched_with_their_count(tmp_path):
    ranking = views.area_ranking(_two_rounds(tmp_path), "63.03", "desa")
    shown = views.map_classes(ranking, "id").set_index("name")
    small = shown.loc["Lok Buntar"]  # 6 of 12: 50% would be "very high" red if it were precise
    assert small["class_key"] == views.SMALL_N_CLASS and small["colour"] == views.SMALL_N_COLOUR
    assert bool(small["hatched"]) and "12 balita" in small["label"] and "50,0%" in small["label"]
    big = shown.loc["Pemakuan"]
    assert big["class_key"] == "high" and not big["hatched"] and big["label"] == "20,0% (n = 100)"


def test_subdistrict_code_never_reads_the_survey_series():
    """Surveys are not representative below the district: nothing in the
    sub-district package imports the prevalence table (surveys) or its series;
    only the colour classes are shared."""
    import ast

    folder = Path(areas_mod.__file__).parent
    imported = set()
    for file in folder.glob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(a.name for a in node.names)
    survey = {m for m in imported if m.startswith("kp2s_dashboard.prevalence") and m != "kp2s_dashboard.prevalence.classes"}
    assert survey == set()
    assert "kp2s_dashboard.prevalence.classes" in imported  # the check looks at real imports
    for column in views.RANKING_COLUMNS + views.LOKUS_COLUMNS + views.OVERVIEW_COLUMNS:
        assert "ssgi" not in column and "survey" not in column and "source" not in column


def test_upload_check_and_figures_for_publishing(tmp_path):
    from kp2s_dashboard.subdistrict import upload

    path = book(tmp_path / "u.xlsx", {"S": [
        ["Kabupaten/Kota", "Desa", "Tahun", "Balita sasaran", "Balita diukur", "Stunting"],
        ["Banjar", "Pemakuan", 2024, 120, 100, 8],
        ["Banjar", "Pejambuan", 2024, 50, 60, 8],
    ]})
    checked = upload.check_areas_upload("banjar 2024.xlsx", path.read_bytes())
    assert only(checked.problems, "err.wil_measured_over_registered").location.file == "banjar 2024.xlsx"
    with pytest.raises(DataError):
        checked.raise_for_errors()
    figures = upload.area_figures(checked.table)
    assert figures.values.tolist() == [
        ["6303", 2024, "desa 63.03.04.2008 2024 · measured", 100.0],
        ["6303", 2024, "desa 63.03.04.2008 2024 · stunted", 8.0],
        ["6303", 2024, "desa 63.03.04.2008 2024 · registered", 120.0],
    ]
    lokus = upload.check_lokus_upload("sk.csv", "Kabupaten/Kota,Tahun,Desa\nBanjar,2024,Pemakuan\n".encode())
    assert upload.lokus_figures(lokus.table).values.tolist() == [["6303", 2024, "lokus 63.03.04.2008 Pemakuan", 1.0]]


def test_stated_prevalence_disagreeing_is_a_warning_and_hidden_sheets_are_reported(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Desa"
    for row in (["Kabupaten/Kota", "Desa", "Tahun", "Balita diukur", "Stunting", "Prevalensi (%)"],
                ["Banjar", "Pemakuan", 2024, 200, 25, "12,5"],
                ["Banjar", "Pejambuan", 2024, 200, 25, 21.0]):
        ws.append(row)
    hidden = wb.create_sheet("Lama")
    hidden.append(["Kabupaten/Kota", "Desa", "Tahun", "Balita diukur", "Stunting"])
    hidden.append(["Banjar", "Pemakuan", 2023, 200, 25])
    hidden.sheet_state = "hidden"
    wb.save(tmp_path / "x.xlsx")
    loaded = load_areas(tmp_path / "x.xlsx")
    stated = only(loaded.problems, "warn.wil_stated_rate")
    assert stated.severity == "warning" and stated.location.cell == "F3" and stated.params["computed"] == 12.5
    assert only(loaded.problems, "warn.sheet_hidden").params == {"sheet": "Lama"}
    assert loaded.errors == [] and loaded.table["prevalence"].tolist() == [12.5, 12.5]


def test_district_overview_pools_the_desa_of_the_latest_round(tmp_path):
    table = _two_rounds(tmp_path)
    row = views.district_overview(table).iloc[0]
    assert (row["district_code"], row["district"], row["level"], row["areas"], row["small_areas"]) == (
        "63.03", "Banjar", "desa", 4, 1)
    assert (row["measured"], row["stunted"]) == (362, 61) and pd.isna(row["registered"])
    assert row["prevalence"] == pytest.approx(100 * 61 / 362)
    assert views.district_overview(table, "2023-08").iloc[0]["stunted"] == 65


@pytest.mark.parametrize("year, period, expected", [
    (2024, "Agustus", "2024-08"),
    (None, "Agustus 2024", "2024-08"),
    (None, "08/2024", "2024-08"),
    (None, "2024-02", "2024-02"),
    (2024, None, "2024"),
])
def test_periods_in_the_usual_spellings(tmp_path, year, period, expected):
    path = book(tmp_path / "p.xlsx", {"S": [["Kabupaten/Kota", "Desa", "Tahun", "Periode", "Balita diukur", "Stunting"],
                                            ["Banjar", "Pemakuan", year, period, 100, 8]]})
    loaded = load_areas(path)
    assert loaded.problems == [] and loaded.table["period"].tolist() == [expected]
    assert loaded.table["year"].tolist() == [int(expected[:4])]


def test_period_disagreeing_with_the_year_names_the_cell(tmp_path):
    path = book(tmp_path / "p.xlsx", {"S": [["Kabupaten/Kota", "Desa", "Tahun", "Periode", "Balita diukur", "Stunting"],
                                            ["Banjar", "Pemakuan", 2024, "2023-08", 100, 8]]})
    assert only(load_areas(path).problems, "err.wil_bad_period").location.cell == "D2"


def test_puskesmas_change_follows_the_same_puskesmas_in_another_spelling(tmp_path):
    path = book(tmp_path / "p.xlsx", {"S": [["Kabupaten/Kota", "Puskesmas", "Periode", "Balita diukur", "Stunting"],
                                            ["Banjar", "PKM Gambut", "2023-08", 100, 30],
                                            ["Banjar", "Puskesmas Gambut", "2024-08", 100, 20]]})
    ranking = views.area_ranking(load_areas(path).table, "63.03", "puskesmas")
    assert ranking["name"].tolist() == ["Puskesmas Gambut"] and ranking["change"].tolist() == [pytest.approx(-10.0)]


def test_total_in_the_number_column_sums_its_whole_table(tmp_path):
    path = book(tmp_path / "x.xlsx", {"Puskesmas": [
        ["No", "Kabupaten/Kota", "Puskesmas", "Tahun", "Balita diukur", "Stunting"],
        [1, "Banjar", "PKM Gambut", 2024, 100, 10],
        [2, "Tapin", "PKM Rantau", 2024, 50, 5],
        ["JUMLAH", None, None, 2024, 150, 14],
    ]})
    loaded = load_areas(path)
    total = only(loaded.problems, "err.wil_total_disagrees")
    assert total.location.cell == "F4" and total.params["expected"] == 15 and total.params["rows"] == 2
    assert len(loaded.table) == 2


def test_a_total_is_not_judged_when_one_of_its_rows_has_an_error(tmp_path):
    path = book(tmp_path / "x.xlsx", {"Desa": [
        ["Kabupaten/Kota", "Desa", "Tahun", "Balita diukur", "Stunting"],
        ["Banjar", "Pemakuan", 2024, 100, 10],
        ["Banjar", "Pejambuann", 2024, 50, 5],
        ["Banjar", "Jumlah", 2024, 150, 15],
    ]})
    loaded = load_areas(path)
    assert [p.key for p in loaded.problems] == ["err.wil_unknown_area"]  # no second, spurious total error


def _grouped_header_book(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "TB-U"
    ws.append(["Laporan status gizi TB/U per desa"])
    ws.append(["Kecamatan", "Desa/Kelurahan", "Tahun", "Jumlah balita", None, "Sangat pendek", None, "Pendek", None])
    ws.append([None, None, None, "Sasaran", "Diukur", "n", "%", "n", "%"])
    ws.append(["Sungai Tabuk", "Pemakuan", 2024, 120, 100, 4, "4%", 11, "11%"])
    ws.append(["Sungai Tabuk", "Pejambuan", 2024, 60, 50, 1, "2%", 4, "8%"])
    for rng in ("A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:G2", "H2:I2"):
        ws.merge_cells(rng)
    wb.save(path)
    return path


def test_two_row_header_under_merged_headings(tmp_path):
    loaded = load_areas(_grouped_header_book(tmp_path / "tbu.xlsx"), district="Banjar")
    assert loaded.problems == []
    t = loaded.table.set_index("name")
    assert (t.loc["Pemakuan", "registered"], t.loc["Pemakuan", "measured"], t.loc["Pemakuan", "stunted"]) == (120, 100, 15)
    assert t.loc["Pejambuan", "stunted"] == 5 and t.loc["Pejambuan", "origin"] == "tbu.xlsx!TB-U!B5"


def test_two_row_header_in_a_csv_without_merges(tmp_path):
    path = tmp_path / "tbu.csv"
    path.write_text("Desa,Tahun,Jumlah balita,,Stunting,\n"
                    ",,Sasaran,Diukur,n,%\n"
                    "Pemakuan,2024,120,100,15,15%\n", encoding="utf-8")
    loaded = load_areas(path, district="63.03")
    assert loaded.problems == [] and loaded.table[["registered", "measured", "stunted"]].values.tolist() == [[120, 100, 15]]


@pytest.mark.parametrize("text, role", [
    ("Jumlah Balita Diukur (TB/U)", "measured"),
    ("Jml balita diukur", "measured"),
    ("Balita Sangat Pendek", "sangat_pendek"),
    ("Pendek", "pendek"),
    ("Stunting (Pendek + Sangat Pendek)", "stunted"),
    ("Jumlah Balita Stunting", "stunted"),
    ("Prevalensi Stunting (%)", "prevalence"),
    ("% Sangat Pendek", "rate_part"),
    ("Jumlah Balita Sasaran", "registered"),
    ("Kode Kecamatan", "kecamatan_code"),
    ("Kode Wilayah", "code"),
    ("Desa/Kelurahan", "desa"),
    ("Kab/Kota", "district"),
    ("Jumlah balita ditimbang", None),
])
def test_header_words(text, role):
    from kp2s_dashboard.subdistrict.columns import header_role

    assert header_role(text) == role


def test_kecamatan_merged_down_its_desa_rows_names_each_row(tmp_path):
    """The one reader fills a value merged down several rows into each of them: a kecamatan written once over
    its desa rows (as exports are often formatted) names every desa row. Pasar Lama is a desa of Karang Intan
    (63.03.06.2018) and of Simpang Empat (63.03.08.2025): only the merged kecamatan tells which."""
    path = _grouped_header_book(tmp_path / "tbu.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    ws["A4"], ws["B4"], ws["A5"], ws["B5"] = "Karang Intan", "Kiram", None, "Pasar Lama"
    ws.merge_cells("A4:A5")
    wb.save(path)
    loaded = load_areas(path, district="Banjar")
    assert loaded.problems == []
    t = loaded.table.set_index("name")
    assert (t.loc["Kiram", "kode_wilayah"], t.loc["Pasar Lama", "kode_wilayah"]) == ("63.03.06.2001", "63.03.06.2018")
    assert (t.loc["Pasar Lama", "measured"], t.loc["Pasar Lama", "stunted"]) == (50, 5)

    ws.unmerge_cells("A4:A5")  # without the merge the row names no kecamatan: the desa is ambiguous, an error
    wb.save(path)
    problems = load_areas(path, district="Banjar").problems
    assert [p.key for p in problems] == ["err.wil_name_two_kecamatan"] and problems[0].location.cell == "B5"
