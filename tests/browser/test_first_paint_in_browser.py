"""Issue 15, item 7: a deep link opened on a freshly started server shows
the grouped, translated menu as its first menu, never Streamlit's list of
the ``pages/`` file names ("app, aksi, aksi hasil, …") that its legacy
multipage mode draws before ``app.py`` first runs. Needs a server of its
own: the session's server has long left that mode."""

from __future__ import annotations

import os
import time

import pytest

from kp2s_dashboard.i18n import t
from kp2s_dashboard.web import browser as kb

pytestmark = pytest.mark.browser


def test_a_deep_link_on_a_fresh_server_never_shows_the_file_list(chromium, artifacts):
    env = {"KP2S_GEO_DIR": os.environ["KP2S_GEO_DIR"]} if os.environ.get("KP2S_GEO_DIR") else {}
    with kb.AppServer(env=env, log_path=artifacts / "streamlit-first-paint.log") as fresh:
        context = chromium.new_context(viewport={"width": kb.DESKTOP[0], "height": kb.DESKTOP[1]}, locale="id-ID")
        page = context.new_page()
        page.goto(fresh.url("peta", lang="id"), wait_until="commit")
        menus: list[str] = []
        end = time.monotonic() + 60
        while time.monotonic() < end:
            nav = page.locator('[data-testid="stSidebarNav"]')
            text = nav.first.inner_text(timeout=2000) if nav.count() else ""
            if text:
                menus.append(text)
            if t("nav.section_prevalence", "id") in text and t("nav.map", "id") in text:
                break
            time.sleep(0.1)
        (artifacts / "screenshots").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(artifacts / "screenshots" / "first-paint-peta.png"))
        context.close()
    assert menus, "no menu appeared within 60 s"
    assert t("nav.section_prevalence", "id") in menus[-1]
    # every menu ever drawn was the grouped one: no lower-case file names such as "aksi hasil" or "app"
    for text in menus:
        lines = {line.strip() for line in text.splitlines()}
        assert not {"app", "aksi hasil", "survei eppgbm"} & lines, text
