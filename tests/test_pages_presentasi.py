"""The presentation page under the router, with the real data, in both
languages: slides, previous/next, the slide number in the URL."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kp2s_dashboard.web import presenter

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "pages/presentasi.py"


def run(**params):
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def shown_title(at) -> str:
    """The slide's title, written as page text above the chart (it wraps on a phone)."""
    (title,) = [m.value for m in at.markdown if 'class="kp2s-slide-title"' in m.value]
    return title


def numbers(values) -> list[float]:
    """A plotly array from the figure spec (plain list or base64 ``bdata``)."""
    if isinstance(values, dict):
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def counter(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang, first, second", [
    ("id", '<div class="kp2s-slide-title">Percepatan penurunan stunting — Provinsi Kalimantan Selatan</div>',
     '<div class="kp2s-slide-title">Prevalensi stunting per kabupaten/kota, SSGI 2024</div>'),
    ("en", '<div class="kp2s-slide-title">Accelerating stunting reduction — Kalimantan Selatan Province</div>',
     '<div class="kp2s-slide-title">Stunting prevalence by district, SSGI 2024</div>'),
])
def test_next_and_previous_walk_the_deck(lang, first, second):
    at = run(lang=lang)
    assert shown_title(at) == first
    assert ("Slide 1 dari 3" if lang == "id" else "Slide 1 of 3") in counter(at)  # sample-data slides left out
    assert not at.get("plotly_chart")  # the title slide's figures are page text, side by side or stacked
    province = "22,9%" if lang == "id" else "22.9%"  # SSGI 2024, data/prevalence.csv
    assert f'<div class="kp2s-slide-value">{province}</div>' in counter(at)
    assert at.button(key="pres_prev").disabled
    at.button(key="pres_next").click().run()
    assert not at.exception
    assert shown_title(at) == second
    assert at.query_params["slide"] == "2"
    assert ("Slide 2 dari 3" if lang == "id" else "Slide 2 of 3") in counter(at)
    at.button(key="pres_prev").click().run()
    assert shown_title(at) == first
    assert at.query_params["slide"] == "1"


def test_deep_link_opens_a_district_slide_and_last_slide_stops():
    last = run(district="6305", slide="6", demo="1")  # the recommendations slide (issue 10) ends the deck
    assert shown_title(last) == ('<div class="kp2s-slide-title">Rekomendasi dan tindak lanjut — Kabupaten Tapin'
                                 '</div>')
    assert last.button(key="pres_next").disabled
    at = run(district="6305", slide="5", demo="1")
    assert shown_title(at) == '<div class="kp2s-slide-title">Peringkat penilaian kinerja 2024 (kinerja 2023)</div>'
    assert not at.button(key="pres_next").disabled
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    bars = spec["data"][0]
    assert bars["y"][-1] == "1. Tabalong" and bars["y"][0] == "13. Tapin"  # drawn bottom-up
    assert '<div class="kp2s-slide-banner">⚠ Data contoh — bukan hasil resmi</div>' in counter(at)
    assert "title" not in spec["layout"] or not spec["layout"]["title"].get("text")  # no title inside the chart
    marks = [a["text"] for a in spec["layout"]["annotations"] if a.get("name") == "demo_mark"]
    assert marks == ["<b>⚠ Data contoh — bukan hasil resmi</b>"]  # the mark inside the chart, too
    # ... at the bottom right, beside the shortest bar, never over the longest bar's value (Tabalong 171,64 on top)
    mark = next(a for a in spec["layout"]["annotations"] if a.get("name") == "demo_mark")
    assert (mark["y"], mark["yanchor"], mark["x"], mark["xanchor"]) == (0, "bottom", 1, "right")
    # no plotly toolbar on a slide: on a projector it covered the mark of a slide whose mark is at the top right
    assert json.loads(at.get("plotly_chart")[0].proto.config)["displayModeBar"] is False
    # the bottom bar and its value end in the left 60 % of the axis, the mark takes the right quarter
    assert numbers(bars["x"])[0] < 0.6 * spec["layout"]["xaxis"]["range"][1]
    # a sample rank never stands beside the district's published rank (Tapin: 1st, KP2S 2024)
    assert "Peringkat resmi yang dipublikasikan" not in annotations(at)
    assert "Peringkat resmi tidak ditampilkan di samping peringkat data contoh." in annotations(at)


def test_trend_slide_for_tapin_keeps_eppgbm_apart_and_out_of_range_slide_is_clamped():
    at = run(district="6305", slide="3", lang="en")
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    tapin = next(d for d in spec["data"] if d.get("name") == "Tapin")
    register = next(d for d in spec["data"] if d.get("name") == "Tapin (e-PPGBM)")
    assert numbers(tapin["y"]) == [33.5, 14.5, 14.4, 13.2] and numbers(register["y"]) == [12.32]
    assert tapin.get("yaxis", "y") != register.get("yaxis", "y")  # its own panel, never on the survey axis
    assert spec["layout"]["font"]["size"] == 20  # presentation type size
    legend = spec["layout"]["legend"]
    assert legend["orientation"] == "h" and legend["yref"] == "container"  # under the plot, not beside it
    assert spec["layout"]["xaxis"].get("dtick") is None and spec["layout"]["xaxis"]["tickmode"] == "auto"
    assert "Tapin (e-PPGBM)" in [d.get("name") for d in spec["data"]]
    assert "Exported" in annotations(at)  # the source and date are page text under the chart ...
    assert "Exported" not in json.dumps(spec["layout"].get("annotations", []))  # ... not in the figure
    at = run(slide="99")
    assert "Slide 3 dari 3" in counter(at)
    at = run(slide="abc")
    assert "Slide 1 dari 3" in counter(at)


def annotations(at) -> str:
    """The notes, source line and date written under the chart."""
    return "\n".join(m.value for m in at.markdown if 'class="kp2s-slide-lines"' in m.value)


def test_powerpoint_is_one_click_and_built_only_when_clicked(monkeypatch):
    monkeypatch.setenv("KP2S_BROWSER", "/nonexistent/chromium")  # no engine: the PowerPoint's map as bars
    at = run(lang="id")
    (pptx,) = at.get("download_button")
    assert pptx.proto.label == "Unduh PowerPoint"
    assert pptx.proto.HasField("deferred_file_id")  # built on the click, not on every redraw
    at.button(key="pres_next").click().run()  # still one click after a slide change
    assert [b.proto.label for b in at.get("download_button")] == ["Unduh PowerPoint"]
    assert "Slide 2 dari 3" in counter(at)


def test_without_image_engine_the_page_says_so(monkeypatch):
    monkeypatch.setenv("KP2S_BROWSER", "/nonexistent/chromium")
    at = run(lang="en")
    assert at.button(key="pres_images_prepare").disabled
    (pptx,) = at.get("download_button")  # the PowerPoint still works: native charts only, map as bars
    assert pptx.proto.label == "Download PowerPoint" and not pptx.proto.disabled
    captions = "\n".join(c.value for c in at.caption)
    assert "apt-get install chromium" in captions


def test_action_and_ranking_slides_come_from_the_file_in_force():
    """Issue 14, item 1: the deck uses the file in force (the rule, or the kind named in the URL's ``asm``, as
    on the Aksi page and Profil), never a blend of the demo files, and says which file it is."""
    at = run(district="6303", slide="4", demo="1")
    captions = "\n".join(c.value for c in at.caption)
    assert "Berkas yang berlaku untuk penilaian 2024: contoh_rekap_2024.xlsx" in captions
    assert "contoh_rekap_2024.xlsx" in annotations(at)
    assert "contoh_matriks_2024.xlsx" not in annotations(at)
    at.button(key="pres_next").click().run()
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "3. Banjar" in spec["data"][0]["y"]
    assert "Peringkat menurut Jumlah (total) di berkas; berkas: contoh_rekap_2024.xlsx." in annotations(at)
    at = run(district="6303", slide="5", asm="matrix", demo="1")  # a file without totals, chosen in the URL
    assert "Slide 5 dari 6" in counter(at)
    assert "berkas: contoh_matriks_2024.xlsx" in annotations(at)
    assert "rata-rata nilai aksi 0–100 yang ditampilkan" in annotations(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "10. Banjar" in spec["data"][0]["y"]


def test_switching_district_starts_again_at_the_first_slide():
    at = run(district="6303", slide="5", demo="1")
    assert "Slide 5 dari 6" in counter(at)
    at.selectbox(key="pres_district").set_value("6310").run()
    assert not at.exception
    assert "Slide 1 dari 6" in counter(at) and at.query_params["slide"] == "1"
    assert shown_title(at) == '<div class="kp2s-slide-title">Percepatan penurunan stunting — Kabupaten Tanah Bumbu</div>'


def test_sample_data_slides_are_left_out_unless_the_presenter_opts_in():
    """Issue 15, item 4: the demo workbooks are in force out of the box; their assessment slides stay out of the
    presenter view unless the box (the URL's ``demo=1``) is ticked."""
    at = run(district="6305")
    assert "Slide 1 dari 3" in counter(at)
    assert not at.checkbox(key="pres_demo").value
    captions = "\n".join(c.value for c in at.caption)
    assert "2 slide penilaian dari data contoh tidak ditampilkan (bukan hasil resmi)." in captions
    at.checkbox(key="pres_demo").check().run()
    assert not at.exception
    assert at.query_params["demo"] == "1" and "Slide 1 dari 6" in counter(at)  # with the recommendations slide
    at.checkbox(key="pres_demo").uncheck().run()
    assert "demo" not in at.query_params and "Slide 1 dari 3" in counter(at)


def test_full_screen_has_a_thin_bar_and_no_other_widgets():
    """Issue 15, item 5: ``full=1`` hides the sidebar (CSS) and every widget but previous, next, the dim room and
    leaving; the keyboard script is on the page in both views."""
    at = run(district="6305", full="1", slide="2")
    assert "Slide 2 dari 3" in counter(at)
    assert not at.selectbox and not at.checkbox and not at.get("download_button")
    assert {b.key for b in at.button} == {"pres_prev", "pres_next", "pres_dark_full", "pres_full_exit"}
    css = counter(at)
    assert '[data-testid="stSidebar"]' in css and "display: none" in css
    at.button(key="pres_next").click().run()
    assert "Slide 3 dari 3" in counter(at)
    chart = at.get("plotly_chart")[0]
    import json

    spec = json.loads(chart.proto.spec)
    # the chart takes what the bar, the title and the lines under it leave of 1366×768 (source line never cut)
    title = next(m.value for m in at.markdown if m.value.startswith("<div class=\"kp2s-slide-title\""))
    lines = next(m.value for m in at.markdown if m.value.startswith("<div class=\"kp2s-slide-lines\""))
    texts = [re.sub("<[^>]+>", "", line) for line in lines.split("<br>")]
    assert "Diekspor" in texts[-1] and len(texts) >= 3
    assert spec["layout"]["height"] == presenter.full_chart_height(re.sub("<[^>]+>", "", title), texts) < 610
    assert spec["layout"]["legend"]["orientation"] == "v"  # legend beside
    at.button(key="pres_dark_full").click().run()
    assert at.query_params["dark"] == "1" and "#111111" in counter(at)
    at.button(key="pres_full_exit").click().run()
    assert "full" not in at.query_params and at.selectbox(key="pres_district").value == "6305"
    html = [e.proto.body for e in at.get("html")]
    assert any("PageDown" in body and ".st-key-pres_next button" in body for body in html)
