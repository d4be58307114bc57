"""Cell values, instruments and cached formula values."""

from __future__ import annotations

import openpyxl
import pytest

from kp2s_dashboard.assessment.instruments import available_years, instrument_from_dict, load_instrument
from kp2s_dashboard.assessment.values import (
    format_raw,
    header_action,
    header_assessor,
    header_kind,
    header_range,
    header_weight,
    looks_like_signature,
    parse_indicator_code,
    parse_number,
    parse_score,
)
from kp2s_dashboard.sheets.xlsxcache import set_cached_values
from kp2s_dashboard.errors import DataError


@pytest.mark.parametrize(
    ("value", "expected"),
    [("83,33", 83.33), ("83.33", 83.33), (" 91,2 ", 91.2), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("75%", 75.0), (3, 3.0), ("-", None), ("baik", None), (True, None)],
)
def test_parse_number(value, expected):
    assert parse_number(value) == expected


def test_format_raw():
    assert format_raw(83.33) == "83,33"
    assert format_raw(3.0) == "3"
    assert format_raw(0.75, "0%") == "75%"
    assert format_raw(" A ") == "A"
    assert format_raw(None) == ""


def test_parse_score_scales():
    instrument = load_instrument(2025)
    letters, hundred, four = instrument.scale("huruf"), instrument.scale("0-100"), instrument.scale("1-4")
    assert parse_score(" b", letters).score == 3
    assert parse_score("E", letters).reason == "out_of_scale"
    assert parse_score(3, letters).reason == "not_a_score"
    assert parse_score("83,33", hundred).score == 83.33
    assert parse_score(0.75, hundred, percent_format=True).score == 75.0
    assert parse_score(101, hundred).reason == "out_of_scale"
    assert parse_score(0, four).reason == "out_of_scale"
    assert parse_score("-", four).status == "not_scored"
    assert parse_score(None, four).status == "not_scored"
    assert instrument.scale("0-3").max == 3


def test_indicator_codes_are_text():
    assert parse_indicator_code("1,10").code == "1.10"
    assert parse_indicator_code("1,1").code == "1.1"
    parsed = parse_indicator_code("2,3 Kab/Kota menyusun rencana")
    assert (parsed.code, parsed.action, parsed.rest) == ("2.3", 2, "Kab/Kota menyusun rencana")
    number = parse_indicator_code(1.1)
    assert number.code == "1.1" and number.from_float
    assert parse_indicator_code(7) is None
    assert parse_indicator_code("Aksi 1") is None


def test_header_helpers():
    assert header_action("AKSI 3 Rembuk Stunting") == 3
    assert header_action("Aksi ke-2") == 2
    assert header_action("Jumlah") is None
    assert header_assessor("P2") == "P2"
    assert header_assessor("Panelis A") == "Panelis A"
    assert header_weight("Dokumen (60%)") == pytest.approx(0.6)
    assert header_range("Skor (1-4)") == (1.0, 4.0)
    assert header_kind("Nilai Akhir") == "final"
    assert header_kind("Rata-rata") == "mean"
    assert header_kind("PERINGKAT") == "rank"
    assert looks_like_signature("Banjarbaru, 20 Oktober 2025")
    assert not looks_like_signature("Tanah Lauts")


def test_instruments_per_year():
    assert available_years() == [2020, 2021, 2022, 2023, 2024, 2025]
    old, new = load_instrument(2022), load_instrument(2023)
    assert old.period == 2021 and new.period == 2022
    assert old.action_name(4) == "Peraturan Bupati/Walikota tentang Peran Desa"
    assert new.action_name(4) == "Peraturan Bupati/Walikota tentang Percepatan Penurunan Stunting"
    assert old.action_name(5) == "Pembinaan Kader Pembangunan Manusia"
    assert new.action_name(5) == "Pembinaan Pelaku dan Pemerintahan Desa/Kelurahan"
    for year in available_years():
        instrument = load_instrument(year)
        assert instrument.action_numbers() == list(range(1, 9))
        assert instrument.weights() is None  # no official weights are known
        assert instrument.combine == "mean"
        assert instrument.scale("huruf").confirmed is False
    later = load_instrument(2030)
    assert (later.year_assessed, later.requested_year) == (2025, 2030)
    assert load_instrument(2018).year_assessed == 2020
    assert load_instrument(2025).match_component("Paparan (20%)").code == "paparan"


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        ({"components": [{"code": "a", "name": "A", "weight": 0.6}, {"code": "b", "name": "B"}]}, "every component"),
        ({"components": [{"code": "a", "name": "A", "weight": 0.6}, {"code": "b", "name": "B", "weight": 0.6}]}, "sum to 1"),
        ({"assessors": {"combine": "vote"}}, "assessors.combine"),
        ({"indicators": [{"code": 1.1}]}, "must be text"),
        ({"layout_scales": {"rekap": "nilai"}}, "unknown scale"),
    ],
)
def test_malformed_instruments(change, detail):
    data = {"year_assessed": 2025, "actions": [{"number": 1, "name": "Aksi"}], **change}
    with pytest.raises(DataError) as info:
        instrument_from_dict(data)
    assert info.value.key == "err.asm_instrument"
    assert detail in info.value.params["detail"]


def test_set_cached_values(tmp_path):
    path = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A2"], ws["A3"], ws["B1"] = 1, 2, "=SUM(A1:A2)", '=A1&"x"'
    wb.save(path)
    assert openpyxl.load_workbook(path, data_only=True).active["A3"].value is None
    set_cached_values(path, {"Sheet": {"A3": 3, "B1": "1x"}})
    values = openpyxl.load_workbook(path, data_only=True).active
    formulas = openpyxl.load_workbook(path).active
    assert (values["A3"].value, values["B1"].value) == (3, "1x")
    assert formulas["A3"].value == "=SUM(A1:A2)"
    with pytest.raises(KeyError):
        set_cached_values(path, {"Sheet": {"A1": 5}})
    with pytest.raises(KeyError):
        set_cached_values(path, {"Lain": {"A3": 5}})


def test_instrument_lookups_by_label_and_action_name():
    """The lookups built once per instrument give what a scan of every
    component and action gives: a component by code, name or alias (weight in
    brackets ignored), an action by its Indonesian or English name."""
    from kp2s_dashboard.assessment.values import norm

    inst = load_instrument(2025)
    assert inst.match_component("Verifikasi Lapangan (30%)").code == "lapangan"
    assert inst.match_component("C2").code == "paparan"
    assert inst.match_component("Nilai Inovasi").code == "inovasi"
    assert inst.match_component("Rembuk") is None and inst.match_component("") is None
    assert inst.action_by_name(norm("Rembuk  Stunting")) == 3
    assert inst.action_by_name(norm("Activity plan")) == 2
    assert inst.action_by_name(norm("Aksi 3")) is None
    for action in inst.actions:  # every name of the file, both languages
        assert inst.action_by_name(norm(action.name)) == action.number
        assert inst.action_by_name(norm(action.name_en)) == action.number
