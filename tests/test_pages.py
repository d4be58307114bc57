"""Every page runs under the router with the real data, in both languages."""

from pathlib import Path

import pytest
from apptest import run_page as run
from kp2s_dashboard.web import ui


PAGES = ["pages/ringkasan.py", "pages/peta.py", "pages/tren.py", "pages/data.py"]




def texts(at):
    out = [m.value for m in at.markdown] + [c.value for c in at.caption]
    out += [m.label + " " + str(m.value) for m in at.metric]
    return "\n".join(out)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_page_renders_without_exception(page, lang):
    at = run(page, lang=lang)
    assert at.title, page


def test_overview_shows_province_and_national_figures():
    at = run("pages/ringkasan.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Kalimantan Selatan (SSGI 2024)"] == "22,9%"
    assert metrics["Indonesia (SSGI 2024)"] == "19,8%"
    assert "sumber lain: 23,9%" in texts(at)  # the conflicting figure stays visible
    at_en = run("pages/ringkasan.py", lang="en")
    assert {m.label: m.value for m in at_en.metric}["Kalimantan Selatan (SSGI 2024)"] == "22.9%"


def test_map_follows_url_and_selects_district():
    at = run("pages/peta.py", source="ssgi", year="2021", district="6303")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Banjar — SSGI 2021"] == "40,2%"
    assert at.selectbox(key="map_round").value == ("ssgi", 2021)
    assert at.selectbox(key="map_district").value == "6303"


def test_invalid_url_values_fall_back_to_defaults():
    at = run("pages/peta.py", source="nope", year="abc", district="xyz", lang="fr")
    assert at.selectbox(key="map_round").value == ("ssgi", 2024)
    assert at.selectbox(key="map_district").value == ui.NONE  # the whole province
    assert at.title[0].value.startswith("Peta")


def test_map_without_boundaries_says_how_to_get_them(tmp_path, monkeypatch):
    monkeypatch.setenv("KP2S_GEO_DIR", str(tmp_path))
    at = run("pages/peta.py")
    errors = "\n".join(e.value for e in at.error)
    # the folder is a parameter: shown as text, its markdown punctuation escaped with backslashes
    assert "Batas wilayah belum tersedia" in errors and str(tmp_path) in errors.replace("\\", "")
    assert any("kp2s_dashboard.geo fetch" in i.value for i in at.info)
    shown = at.dataframe[0].value
    assert len(shown) == 13 and shown.iloc[0]["Wilayah"] == "Banjar"  # 32.3, highest in SSGI 2024


def test_trend_for_district_lists_its_figures_with_sources():
    at = run("pages/tren.py", district="6305")
    table = at.dataframe[0].value
    tapin = table[table["Wilayah"] == "Tapin"]
    assert sorted(tapin["Prevalensi (%)"]) == [12.32, 13.2, 14.4, 14.5, 33.5]
    assert tapin["Tautan sumber"].str.startswith("http").all()


def test_data_page_lists_all_rows():
    at = run("pages/data.py", lang="en")
    table = at.dataframe[0].value
    assert len(table) == 91
    assert {"Region", "Data source", "Prevalence (%)", "Source link"} <= set(table.columns)


def test_choices_survive_a_visit_to_another_page():
    at = run("pages/tren.py")
    at.toggle(key="trend_2045").set_value(True).run()
    at.switch_page("pages/peta.py").run()
    at.radio(key="map_renderer").set_value("folium").run()
    at.switch_page("pages/ringkasan.py").run()
    at.selectbox(key="overview_first").set_value(("ssgi", 2021)).run()
    at.switch_page("pages/tren.py").run()
    assert not at.exception
    assert at.toggle(key="trend_2045").value is True
    at.switch_page("pages/peta.py").run()
    assert at.radio(key="map_renderer").value == "folium"
    at.switch_page("pages/ringkasan.py").run()
    assert at.selectbox(key="overview_first").value == ("ssgi", 2021)


def test_profile_without_district_does_not_pin_one_for_other_pages():
    at = run("pages/profil.py")
    assert at.selectbox(key="prof_district").value == "6301"
    assert "district" not in at.query_params
    at.switch_page("pages/tren.py").run()
    assert at.selectbox(key="trend_district").value == ui.NONE  # still the whole province


def test_unknown_district_in_link_is_named_and_dropped():
    at = run("pages/profil.py", district="9999")
    assert any("'9999'" in w.value for w in at.warning)
    assert "district" not in at.query_params


def test_data_page_filters_by_the_district_in_the_link():
    at = run("pages/data.py", district="6303")
    table = at.dataframe[0].value
    assert set(table["Wilayah"]) == {"Banjar"}
    assert sorted(table["Prevalensi (%)"]) == [24.3, 26.3, 26.4, 30.1, 32.3, 37.6, 40.2]
