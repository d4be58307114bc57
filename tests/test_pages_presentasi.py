"""The presentation page under the router, with the real data, in both
languages: slides, previous/next, the slide number in the URL."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

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
    """The slide's title, drawn inside the plotly figure."""
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return spec["layout"]["title"]["text"].replace("<br>", " ")  # long titles are broken for the width


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
    ("id", "<b>Percepatan penurunan stunting — Provinsi Kalimantan Selatan</b>",
     "<b>Prevalensi stunting per kabupaten/kota, SSGI 2024</b>"),
    ("en", "<b>Accelerating stunting reduction — Kalimantan Selatan Province</b>",
     "<b>Stunting prevalence by district, SSGI 2024</b>"),
])
def test_next_and_previous_walk_the_deck(lang, first, second):
    at = run(lang=lang)
    assert shown_title(at) == first
    assert ("Slide 1 dari 5" if lang == "id" else "Slide 1 of 5") in counter(at)
    assert at.button(key="pres_prev").disabled
    at.button(key="pres_next").click().run()
    assert not at.exception
    assert shown_title(at) == second
    assert at.query_params["slide"] == "2"
    assert ("Slide 2 dari 5" if lang == "id" else "Slide 2 of 5") in counter(at)
    at.button(key="pres_prev").click().run()
    assert shown_title(at) == first
    assert at.query_params["slide"] == "1"


def test_deep_link_opens_a_district_slide_and_last_slide_stops():
    at = run(district="6305", slide="5")
    assert shown_title(at) == "<b>Peringkat penilaian kinerja 2024 (kinerja 2023)</b>"
    assert at.button(key="pres_next").disabled
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    bars = spec["data"][0]
    assert bars["y"][-1] == "1. Tabalong" and bars["y"][0] == "13. Tapin"  # drawn bottom-up
    assert spec["layout"]["title"]["subtitle"]["text"] == "<b>⚠ Data contoh — bukan hasil resmi</b>"


def test_trend_slide_for_tapin_keeps_eppgbm_apart_and_out_of_range_slide_is_clamped():
    at = run(district="6305", slide="3", lang="en")
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    tapin = next(d for d in spec["data"] if d.get("name") == "Tapin")
    register = next(d for d in spec["data"] if d.get("name") == "Tapin (e-PPGBM)")
    assert numbers(tapin["y"]) == [33.5, 14.5, 14.4, 13.2] and numbers(register["y"]) == [12.32]
    assert tapin.get("yaxis", "y") != register.get("yaxis", "y")  # its own panel, never on the survey axis
    assert spec["layout"]["font"]["size"] == 20  # presentation type size
    at = run(slide="99")
    assert "Slide 5 dari 5" in counter(at)
    at = run(slide="abc")
    assert "Slide 1 dari 5" in counter(at)


def test_download_buttons_present():
    at = run(lang="id")
    labels = [b.label for b in at.get("download_button")]
    assert "Unduh PowerPoint" in labels
    assert "PNG slide" in labels and "SVG slide" in labels


def test_without_image_engine_the_page_says_so(monkeypatch):
    monkeypatch.setenv("KP2S_BROWSER", "/nonexistent/chromium")
    at = run(lang="en")
    buttons = {b.label: b for b in at.get("download_button")}
    assert buttons["Slide PNG"].proto.disabled and buttons["Slide SVG"].proto.disabled
    assert not buttons["Download PowerPoint"].proto.disabled  # native charts only, the map as bars
    captions = "\n".join(c.value for c in at.caption)
    assert "apt-get install chromium" in captions
