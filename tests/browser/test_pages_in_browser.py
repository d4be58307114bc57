"""Every page of the router opened in headless Chromium, in Bahasa Indonesia
and in English, at 1366×768 and at 390×844: no Streamlit exception, no
browser console error (except Streamlit's own deep-link probes), the menu in
the page's language, and a screenshot of each in test-artifacts/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from kp2s_dashboard.web import browser as kb
from kp2s_dashboard.web.browser import PROJECT, registered_pages, streamlit_probe
from kp2s_dashboard.i18n import t


pytestmark = pytest.mark.browser
PAGES = registered_pages()


def test_the_registry_read_from_app_py_holds_every_page_script():
    """The tests open what app.py registers; a page script left out of the
    registry (or a registry the pattern no longer reads) fails here."""
    scripts = sorted(str(p.relative_to(PROJECT)) for p in (PROJECT / "pages").glob("*.py"))
    assert sorted(p.file for p in registered_pages()) == scripts
    assert [p.path for p in PAGES if p.default] == ["ringkasan"]
    assert len({p.path for p in PAGES}) == len(PAGES)


def test_only_streamlits_deep_link_probes_are_allowed():
    base = "http://127.0.0.1:8501"
    probe = "Failed to load resource: the server responded with a status of 404 (Not Found)"
    assert streamlit_probe(base, probe, f"{base}/peta/_stcore/health")
    assert streamlit_probe(base, probe, f"{base}/profil/_stcore/host-config")
    assert not streamlit_probe(base, probe, f"{base}/_stcore/health")  # the real probe must answer
    assert not streamlit_probe(base, probe, f"{base}/peta/app/static/favicon.png")
    assert not streamlit_probe(base, probe, f"{base}/nosuchpage/_stcore/health")
    assert not streamlit_probe(base, probe.replace("404 (Not Found)", "500 (Internal Server Error)"),
                               f"{base}/peta/_stcore/health")
    assert not streamlit_probe(base, "Uncaught TypeError: x is undefined", f"{base}/peta/_stcore/health")


def _size_name(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("entry", PAGES, ids=[p.path for p in PAGES])
def test_page_opens_cleanly_on_a_laptop(visit, entry, lang):
    tab = visit(entry.url_path, size=kb.DESKTOP, lang=lang)
    shot: Path = tab.screenshot(f"{entry.path}-{lang}-{_size_name(kb.DESKTOP)}")
    tab.assert_clean()
    # the menu is in the page's language and marks this page as the current one
    current = tab.page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]')
    assert current.count() == 1
    assert t(entry.title_key, lang) in current.inner_text()
    assert tab.page.locator('[data-testid="stSidebarNav"]').inner_text().count(t("nav.overview", lang)) == 1
    assert shot.stat().st_size > 10_000  # a rendered page, not a blank picture


@pytest.mark.parametrize("entry", PAGES, ids=[p.path for p in PAGES])
def test_page_opens_cleanly_on_a_phone(visit, entry):
    tab = visit(entry.url_path, size=kb.PHONE, lang="id")
    shot = tab.screenshot(f"{entry.path}-id-{_size_name(kb.PHONE)}")
    tab.assert_clean()
    # the page fits the phone's width: nothing makes the whole window scroll sideways
    overflow = tab.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{entry.path} is {overflow} px wider than a 390 px phone"
    assert shot.stat().st_size > 5_000
    tab.screenshot(f"{entry.path}-id-{_size_name(kb.PHONE)}-whole", whole=True)  # charts below the first screen
    tab.assert_clean()
