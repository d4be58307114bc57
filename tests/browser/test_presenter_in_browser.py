"""The presenter view in Chromium (issue 15, item 5): full screen without the
sidebar, the slides moved by the keys a keyboard or a presentation clicker
sends (ArrowRight/ArrowLeft, PageDown/PageUp, space), the whole page in the
dim-room look, and the trend chart at least half the screen high."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

import pytest

from kp2s_dashboard.i18n import t

pytestmark = pytest.mark.browser


def counter(page) -> tuple[int, int]:
    """``(n, total)`` of the page's "Slide n dari total"."""
    found = re.search(r"Slide (\d+) dari (\d+)", page.locator('[data-testid="stMain"]').inner_text())
    assert found, "no slide counter on the page"
    return int(found.group(1)), int(found.group(2))


def wait_for_slide(tab, wanted: int, timeout: float = 30.0) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            if counter(tab.page)[0] == wanted:
                tab.settle()
                return
        except AssertionError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"the counter shows {counter(tab.page)}, not slide {wanted}")


def slide_in_url(page) -> str:
    return parse_qs(urlparse(page.url).query).get("slide", ["?"])[0]


def test_keys_and_clicker_move_the_slides_in_full_screen(visit):
    tab = visit("presentasi", district="6305", full="1", dark="1", demo="1")
    page = tab.page
    assert counter(page) == (1, 6)  # with the sample slides: ... actions, ranking, recommendations
    assert not page.locator('[data-testid="stSidebar"]').is_visible()  # full screen: no sidebar
    assert not page.locator('[data-testid="stSelectbox"]').count()  # and no widgets but the thin bar
    background = page.evaluate(
        "getComputedStyle(document.querySelector('[data-testid=\"stAppViewContainer\"]')).backgroundColor")
    assert background == "rgb(17, 17, 17)"  # the dim room covers the whole page
    tab.screenshot("presenter-full-dark-1")
    for key, wanted in (("ArrowRight", 2), ("PageDown", 3), ("Space", 4), ("ArrowLeft", 3), ("PageUp", 2)):
        page.keyboard.press(key)
        wait_for_slide(tab, wanted)
        assert slide_in_url(page) == str(wanted), key
        tab.screenshot(f"presenter-full-dark-{wanted}-after-{key}")
    page.keyboard.press("PageDown")  # the trend slide
    wait_for_slide(tab, 3)
    # the survey panel fills at least half the screen's height
    plot = page.locator('[data-testid="stPlotlyChart"] .draglayer .xy .nsewdrag').first.bounding_box()
    assert plot["height"] >= page.viewport_size["height"] / 2, plot
    tab.screenshot("presenter-full-dark-trend")
    page.keyboard.press("End")  # other keys do nothing
    time.sleep(0.5)
    assert counter(page)[0] == 3
    tab.assert_clean()


def test_keys_work_in_the_normal_view_but_not_while_typing_in_a_field(visit):
    tab = visit("presentasi", district="6305")
    page = tab.page
    assert counter(page) == (1, 3)  # the sample-data slides are left out by default
    page.keyboard.press("ArrowRight")
    wait_for_slide(tab, 2)
    page.locator('[data-testid="stSelectbox"] input').first.focus()
    page.keyboard.press("ArrowRight")  # moves the caret in the field, not the slide
    time.sleep(0.8)
    assert counter(page)[0] == 2
    page.keyboard.press("Escape")
    page.locator(".kp2s-slide-title").first.click()
    page.keyboard.press("PageDown")
    wait_for_slide(tab, 3)
    tab.screenshot("presenter-normal-trend")
    page.get_by_role("button", name=t("exp.fullscreen", "id")).first.click()
    tab.settle()
    assert parse_qs(urlparse(page.url).query).get("full") == ["1"]
    tab.screenshot("presenter-full-light-trend")
    tab.assert_clean()


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box, f"nothing visible at {selector}"
    return box


def test_full_screen_keeps_every_slides_source_line_on_the_screen(visit):
    """Issue 15: in full screen at 1366×768 the trend slide's lines under the chart (notes, source, export
    date) ran past the bottom of the screen. The chart takes what the bar, the title and those lines leave."""
    tab = visit("presentasi", district="6305", full="1", demo="1")
    page = tab.page
    total = counter(page)[1]
    height = page.viewport_size["height"]
    for n in range(1, total + 1):
        if n > 1:
            page.keyboard.press("PageDown")
            wait_for_slide(tab, n)
        lines = _box(page, ".kp2s-slide-lines")
        text = page.locator(".kp2s-slide-lines").first.inner_text()
        assert "Diekspor" in text, (n, text)
        assert lines["y"] >= 0 and lines["y"] + lines["height"] <= height, (n, lines)
        if n > 1:  # the chart above the lines, not under them
            chart = _box(page, '[data-testid="stPlotlyChart"]')
            assert chart["y"] + chart["height"] <= lines["y"] + 1, (n, chart, lines)
        tab.screenshot(f"presenter-full-footer-{n}")
    tab.assert_clean()


def _inside(inner: dict, outer: dict, slack: float = 1.0) -> bool:
    return (inner["x"] >= outer["x"] - slack and inner["y"] >= outer["y"] - slack
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack)


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["laptop", "phone"])
def test_normal_view_keeps_value_labels_and_legend_inside_the_chart(visit, size):
    """Issue 15: in the normal view the bars' value label "32,3%" (Banjar) was cut at the chart's right edge
    and the trend's legend was cut (below the laptop's screen; scrolled inside the chart on a phone). Every
    text of the map/bars and trend slides lies inside its chart, the legend never scrolls, and on the laptop
    the trend's chart with its legend fits the screen."""
    tab = visit("presentasi", district="6305", slide="2", size=size)
    page = tab.page
    for n in (2, 3):
        if n == 3:
            page.keyboard.press("PageDown")
            wait_for_slide(tab, 3)
        chart = _box(page, '[data-testid="stPlotlyChart"]')
        texts = page.locator('[data-testid="stPlotlyChart"] .main-svg text').all()
        outside = []
        for item in texts:
            box = item.bounding_box()
            if box and box["width"] > 0 and not _inside(box, chart):
                outside.append((item.text_content(), box))
        assert not outside, (n, chart, outside[:5])
        scrollbars = [b for b in (s.bounding_box() for s in
                                  page.locator('[data-testid="stPlotlyChart"] .legend .scrollbar').all())
                      if b and b["height"] > 0 and b["width"] > 0]
        assert not scrollbars, (n, scrollbars)  # a legend too tall for its room scrolls: part of it is hidden
        if n == 3 and size[0] > 600:
            legend = _box(page, '[data-testid="stPlotlyChart"] .legend')
            assert legend["y"] + legend["height"] <= size[1], legend  # the whole chart on the laptop's screen
        tab.screenshot(f"presenter-normal-{size[0]}-slide-{n}")
    tab.assert_clean()
