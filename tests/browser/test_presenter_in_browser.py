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
