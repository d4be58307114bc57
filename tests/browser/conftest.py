"""Fixtures of the browser tests: the dashboard (``streamlit run app.py`` on a
free 127.0.0.1 port, headless, with ``KP2S_GEO_DIR`` as the suite sets it)
and headless Chromium driven by Playwright, both started once per session
and stopped at its end.

The tests are skipped, with the reason, when Debian's ``chromium`` or the
``playwright`` package is missing, so the README's test command passes on a
machine without them. ``.ci/run`` installs both and sets
``KP2S_REQUIRE_BROWSER=1``, which turns that skip into a failure: in CI the
browser tests always run.

Artefacts (screenshots, the server log, the downloaded deck) go to
``test-artifacts/`` in the project (git-ignored), or to ``$KP2S_TEST_ARTIFACTS``.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kp2s_dashboard.web import browser as kb

PROJECT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("KP2S_TEST_ARTIFACTS") or PROJECT / "test-artifacts")
SCREENSHOTS = ARTIFACTS / "screenshots"

@dataclass
class Visit:
    """An open browser tab on the dashboard with what its console reported.

    ``errors`` holds console errors (except Streamlit's probes) and uncaught
    page errors, as ``"kind: text (url)"`` strings."""

    page: object
    base_url: str
    errors: list[str] = field(default_factory=list)

    def watch(self) -> None:
        def on_console(message) -> None:
            if message.type != "error":
                return
            url = (message.location or {}).get("url", "")
            if not kb.streamlit_probe(self.base_url, message.text, url):
                self.errors.append(f"console: {message.text} ({url})")

        self.page.on("console", on_console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def settle(self) -> None:
        """Wait for the running script to finish (see :func:`kp2s_dashboard.web.browser.settle`)."""
        kb.settle(self.page)

    def exceptions(self) -> list[str]:
        """Text of every Streamlit exception element on the page."""
        return self.page.locator('[data-testid="stException"]').all_inner_texts()

    def assert_clean(self) -> None:
        """No Streamlit exception element and no unexpected console error."""
        assert not self.exceptions(), f"Streamlit exception on {self.page.url}: {self.exceptions()}"
        assert not self.errors, f"browser console errors on {self.page.url}: {self.errors}"

    def screenshot(self, name: str, whole: bool = False) -> Path:
        """Save the visible screen as ``test-artifacts/screenshots/<name>.png``;
        with ``whole``, the whole page (the window is made as tall as
        Streamlit's main block, at most 8000 px, then set back)."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"{name}.png"
        if not whole:
            self.page.screenshot(path=str(target))
            return target
        size = self.page.viewport_size
        tall = min(max(kb.main_scroll_height(self.page), size["height"]), 8000)
        self.page.set_viewport_size({"width": size["width"], "height": tall})
        time.sleep(1.0)  # charts redraw at the new height
        self.page.screenshot(path=str(target))
        self.page.set_viewport_size(size)
        return target


def _missing_browser() -> str | None:
    reason = kb.playwright_missing()
    if reason:
        return f"browser tests need Playwright, but {reason} (pip install -r requirements-dev.txt)"
    if kb.find_chromium() is None:
        return "browser tests need Chromium, which is not on this machine (Debian: apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The folder for test artefacts (created)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def app_server():
    """The dashboard on a free 127.0.0.1 port (an :class:`AppServer`); its
    log goes to ``test-artifacts/streamlit.log``."""
    reason = _missing_browser()
    if reason:
        if os.environ.get("KP2S_REQUIRE_BROWSER") == "1":
            pytest.fail(f"KP2S_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    for old in SCREENSHOTS.glob("*.png"):  # pictures of an earlier run never pass for this one's
        old.unlink()
    env = {"KP2S_GEO_DIR": os.environ["KP2S_GEO_DIR"]} if os.environ.get("KP2S_GEO_DIR") else {}
    server = kb.AppServer(env=env, log_path=ARTIFACTS / "streamlit.log")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium(app_server):
    """Headless Chromium (a Playwright ``Browser``) on the machine's browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = kb.launch_chromium(pw)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def browser_contexts(chromium):
    """One browser context per window size (and download setting), kept for
    the session so that the static files are fetched once; each test opens
    its own tab, which is its own Streamlit session."""
    contexts = {}

    def get(size: tuple[int, int], accept_downloads: bool):
        if (size, accept_downloads) not in contexts:
            phone = size[0] < 600
            contexts[size, accept_downloads] = chromium.new_context(
                viewport={"width": size[0], "height": size[1]}, is_mobile=phone, has_touch=phone,
                accept_downloads=accept_downloads, locale="id-ID")
        return contexts[size, accept_downloads]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture
def visit(app_server, browser_contexts):
    """``visit(page, size=(w, h), **query)`` opens a page of the dashboard in
    a new tab at that window size, waits for its script to finish and
    returns a :class:`Visit`. The tabs close after the test."""
    tabs = []

    def open_page(page: str = "", size: tuple[int, int] = kb.DESKTOP, accept_downloads: bool = False,
                  **query: object) -> Visit:
        tab = Visit(browser_contexts(size, accept_downloads).new_page(), app_server.base_url)
        tabs.append(tab)
        tab.watch()
        tab.page.goto(app_server.url(page, **query))
        tab.page.wait_for_selector('[data-testid="stApp"]')
        tab.settle()
        return tab

    yield open_page
    for tab in tabs:
        tab.page.close()

def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "browser: runs the dashboard in headless Chromium (tests/browser/)")
