"""Issue 15, item 6 (and the uploader of item 7): the chart pages on a
phone (390×844) in Chromium. Each chart is saved as a screenshot artefact
(``test-artifacts/screenshots/phone-chart-*.png``) and measured: the trend
legend lies under the plot and its panel titles inside the window, the two
column titles of Survei vs e-PPGBM never overlap, Target's years are whole
and apart, and the 8-action heat map keeps its width and scrolls sideways in
its own box with every action's name."""

from __future__ import annotations

import time

import pytest

from kp2s_dashboard.i18n import t
from kp2s_dashboard.web import browser as kb
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def _chart(tab, index: int = 0, key: str | None = None):
    charts = tab.page.locator(f".st-key-{key} [data-testid='stPlotlyChart']" if key
                              else '[data-testid="stPlotlyChart"]')
    chart = charts.nth(index)
    chart.scroll_into_view_if_needed()
    time.sleep(1.0)
    return chart


def _boxes(chart, selector: str) -> list[dict]:
    return chart.locator(selector).evaluate_all(
        "els => els.map(e => { const b = e.getBoundingClientRect();"
        " return {x: b.x, y: b.y, w: b.width, h: b.height, text: e.textContent}; })")


def _apart(a: dict, b: dict) -> bool:
    return a["x"] + a["w"] <= b["x"] + 1 or b["x"] + b["w"] <= a["x"] + 1 or a["y"] + a["h"] <= b["y"] + 1 \
        or b["y"] + b["h"] <= a["y"] + 1


def _save(chart, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    chart.screenshot(path=str(SCREENSHOTS / f"phone-chart-{name}.png"))


def test_trend_on_a_phone_has_its_legend_below_and_whole_titles(visit):
    tab = visit("tren", size=kb.PHONE, lang="id", district="6305")
    chart = _chart(tab)
    _save(chart, "tren")
    plot = _boxes(chart, ".draglayer .xy .nsewdrag")[0]
    legend = _boxes(chart, ".legend")[0]
    assert legend["y"] >= plot["y"] + plot["h"], (legend, plot)  # under the survey plot, not beside it
    assert legend["x"] + legend["w"] <= kb.PHONE[0]
    for title in _boxes(chart, ".annotation-text"):
        if "Survei" in title["text"] or "e-PPGBM" in title["text"]:
            assert title["x"] >= 0 and title["x"] + title["w"] <= kb.PHONE[0], title
    years = _boxes(chart, ".xtick text")
    assert all(len(y["text"]) == 4 for y in years)
    assert all(_apart(a, b) for a, b in zip(years, years[1:])), years
    tab.assert_clean()


def test_survey_vs_register_column_titles_never_overlap_on_a_phone(visit):
    tab = visit("survei_eppgbm", size=kb.PHONE, lang="id")
    chart = _chart(tab)
    _save(chart, "survei-eppgbm")
    titles = [b for b in _boxes(chart, ".annotation-text") if "Survei" in b["text"] or "e-PPGBM" in b["text"]]
    assert len(titles) == 2 and _apart(*titles), titles
    chart_title = _boxes(chart, ".gtitle")[0]
    assert all(_apart(chart_title, title) for title in titles)
    assert chart_title["x"] + chart_title["w"] <= kb.PHONE[0]
    tab.assert_clean()


def test_target_years_are_whole_on_a_phone(visit):
    tab = visit("target", size=kb.PHONE, lang="id")
    chart = _chart(tab, key="tgt_path_chart")
    _save(chart, "target")
    years = _boxes(chart, ".xtick text")
    assert years and all(len(y["text"]) == 4 and y["text"].startswith("20") for y in years), years
    assert all(_apart(a, b) for a, b in zip(years, years[1:])), years
    tab.assert_clean()


def test_action_heat_map_scrolls_sideways_with_full_labels_on_a_phone(visit):
    tab = visit("aksi", size=kb.PHONE, lang="id", district="6305")
    chart = _chart(tab, key="asm_heatmap")
    _save(chart, "aksi-peta-panas")
    box = tab.page.locator(".st-key-asm_heatmap")
    widths = box.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert widths[0] >= 1000 > widths[1], widths  # the chart keeps its width; its box scrolls
    ticks = _boxes(chart, ".xtick text")
    assert len(ticks) == 8 and "Analisis" in ticks[0]["text"]
    assert all(_apart(a, b) for a, b in zip(ticks, ticks[1:])), ticks
    overflow = tab.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1  # the window itself does not scroll sideways
    box.evaluate("e => e.scrollLeft = e.scrollWidth")
    time.sleep(0.5)
    _save(chart, "aksi-peta-panas-digeser")
    tab.assert_clean()


def test_the_uploader_speaks_indonesian(visit):
    tab = visit("validasi", lang="id")
    zone = tab.page.locator('[data-testid="stFileUploaderDropzone"]').first
    zone.scroll_into_view_if_needed()
    after = zone.evaluate("""z => [
        getComputedStyle(z.querySelector('[data-testid="stBaseButton-secondary"] p'), '::after').content,
        getComputedStyle(z.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span'), '::after').content]""")
    assert after[0] == f'"{t("ui.uploader_button", "id")}"'
    assert after[1] == '"' + t("ui.uploader_limit", "id", mb=20) + '"'
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    zone.screenshot(path=str(SCREENSHOTS / "uploader-id.png"))
    english = visit("validasi", lang="en").page.locator('[data-testid="stFileUploaderDropzone"]').first
    assert english.evaluate("z => getComputedStyle(z.querySelector('[data-testid=\"stBaseButton-secondary\"] p'),"
                            " '::after').content") in ("none", "normal")
    tab.assert_clean()
