"""The region registry and its normaliser."""

import pytest

from kp2s_dashboard.errors import Location, RegionNotFoundError
from kp2s_dashboard.regions import registry, to_code


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("KAB. BANJAR", "6303"),
        ("Kabupaten Banjar", "6303"),
        (" banjar ", "6303"),
        ("HSS", "6306"),
        ("Kab. Hulu Sungai Selatan", "6306"),
        ("Batola", "6304"),
        ("Tala", "6301"),
        ("Tanbu", "6310"),
        ("Kota Baru", "6302"),
        ("KOTABARU", "6302"),
        ("Kab. Kotabaru", "6302"),
        ("Kota Banjarmasin", "6371"),
        ("BANJARMASIN", "6371"),
        ("Kota Banjarbaru", "6372"),
        ("banjarbaru", "6372"),
        ("6310", "6310"),
        ("63.10", "6310"),
        (6310, "6310"),
        (6310.0, "6310"),
        ("63.01", "6301"),
        (63.01, "6301"),
        ("Kalimantan Selatan", "63"),
        ("Kalsel", "63"),
        (63, "63"),
        ("Indonesia", "00"),
        (0, "00"),
        ("Hulu Sungai Tengah", "6307"),
        ("HSU", "6308"),
    ],
)
def test_spellings_map_to_code(written, code):
    assert to_code(written) == code


@pytest.mark.parametrize("written", ["Banjarmasin", "BANJARMASIN", "Kota Banjarmasin", "Banjarbaru", "Kota Banjarbaru"])
def test_cities_never_become_banjar(written):
    assert to_code(written) != "6303"


@pytest.mark.parametrize("written", ["63.1", 63.1, "63.7", 63.7])
def test_float_read_code_is_refused_not_guessed(written):
    with pytest.raises(RegionNotFoundError) as info:
        to_code(written)
    assert info.value.key == "err.region_float_code"
    assert "63.10" in str(info.value)


def test_unknown_name_lists_closest_names_and_location():
    loc = Location(file="skor.xlsx", sheet="2024", cell="B7")
    with pytest.raises(RegionNotFoundError) as info:
        to_code("Banjarmasn", loc)
    message = str(info.value)
    assert "Banjarmasn" in message
    assert "Banjarmasin" in message.split("closest known names:")[1]
    assert "skor.xlsx" in message and "B7" in message
    assert "sel B7" in info.value.render("id")


@pytest.mark.parametrize("written", ["", "   ", None, float("nan")])
def test_empty_is_an_error(written):
    with pytest.raises(RegionNotFoundError) as info:
        to_code(written)
    assert info.value.key == "err.region_empty"


def test_registry_has_13_districts_with_matching_codes():
    reg = registry()
    districts = reg.districts()
    assert len(districts) == 13
    assert [d.code for d in districts] == [
        "6301", "6302", "6303", "6304", "6305", "6306", "6307", "6308", "6309", "6310", "6311", "6371", "6372"
    ]
    for d in districts:
        assert d.kode == f"{d.code[:2]}.{d.code[2:]}"
        assert d.parent == "63"
    assert reg.get("6371").level == "kota"
    assert reg.get("6302").short_name == "Kotabaru"
