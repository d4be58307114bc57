"""Issue 15, items 1 and 7: Ringkasan answers leadership on its first screen
at 1366×768 (a district name with its value and a verdict per target), and
its verdict links open the Target page with that target chosen, kept in the
URL."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest

from kp2s_dashboard.figures import progress as fp
from kp2s_dashboard.i18n import fmt_pct
from kp2s_dashboard.prevalence import summary
from kp2s_dashboard.web import browser as kb

pytestmark = pytest.mark.browser
DATA = Path(__file__).resolve().parents[2] / "data"


def _visible_in_first_screen(page, text: str) -> bool:
    """True when an element showing ``text`` lies fully inside the viewport
    (no scrolling)."""
    height = page.viewport_size["height"]
    loc = page.get_by_text(text, exact=False).first
    box = loc.bounding_box() if loc.count() else None
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("lang", ["id", "en"])
def test_ringkasan_first_screen_names_the_worst_district_and_a_verdict(visit, lang):
    prev = pd.read_csv(DATA / "prevalence.csv", dtype={"code": str})
    targets = pd.read_csv(DATA / "targets.csv", dtype={"code": str})
    worst = summary.worst_districts(prev).iloc[0]  # Banjar 32.3 % in SSGI 2024
    assert worst["name"] == "Banjar"
    verdicts = summary.target_verdicts(prev, targets)
    tab = visit("ringkasan", size=kb.DESKTOP, lang=lang)
    tab.screenshot(f"ringkasan-first-screen-{lang}")
    tab.assert_clean()
    page = tab.page
    assert _visible_in_first_screen(page, fmt_pct(worst["value_pct"], lang))
    names = page.locator('[data-testid="stMarkdownContainer"] strong').filter(has_text=re.compile(r"^Banjar$"))
    box = names.first.bounding_box()
    assert box and box["y"] + box["height"] <= kb.DESKTOP[1]
    for _, row in verdicts.iterrows():  # 2024 not met, 2029 off track, 2045 on track: each on the first screen
        part = fp.verdict_parts(row, lang)
        assert _visible_in_first_screen(page, part["status"]), part
    assert _visible_in_first_screen(page, fp.verdict_parts(verdicts.iloc[1], lang)["detail"][:25])


def test_verdict_link_opens_target_with_that_target_chosen_in_the_url(visit):
    tab = visit("ringkasan", size=kb.DESKTOP, lang="en")
    page = tab.page
    page.locator('a[data-testid="stPageLink-NavLink"][href*="near=00-2029-14.2"] >> visible=true').click()  # the 2029 verdict
    page.wait_for_url(re.compile(r"/target\?"), timeout=20_000)
    tab.settle()
    query = {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}
    assert query["near"] == "00-2029-14.2" and query["far"] == "00-2045-5"
    assert query["method"] == "loglinear" and query["window"] == "2021"
    tab.screenshot("target-from-ringkasan-2029")
    tab.assert_clean()
    # the same URL opened fresh chooses the same targets; a 2024 link chooses 2024
    fresh = visit("target", size=kb.DESKTOP, lang="en", near="00-2024-14", tab="near")
    fresh.screenshot("target-2024-from-url")
    chosen = fresh.page.locator('[role="tab"][aria-selected="true"]').first.inner_text()
    assert "Perpres 72/2021: 14.0% (2024)" in chosen
    assert fresh.page.get_by_text("National · Perpres 72/2021: 14.0% (2024)").first.is_visible()
    assert "near=00-2024-14" in fresh.page.url
