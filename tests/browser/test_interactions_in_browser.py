"""What a user does in the browser: click a district on the map and follow it
to its profile, switch the language from the sidebar, and download the
PowerPoint deck (opened with python-pptx)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from kp2s_dashboard.i18n import t
from kp2s_dashboard.regions import registry

pytestmark = pytest.mark.browser


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def _path(url: str) -> str:
    return urlparse(url).path.strip("/")


def test_clicking_a_district_on_the_map_selects_it_and_profil_follows(visit):
    reg = registry()
    code = reg.to_code("Tapin")
    name = reg.get(code).name  # "Kabupaten Tapin"
    assert reg.district_codes()[0] != code  # Profil's default district is another one: following is visible
    tab = visit("peta", lang="id")
    page = tab.page
    assert "district" not in _query(page.url)

    # Click where the map writes "Tapin": its label sits on a point inside the district. Hover first and read
    # plotly's hover label, so a click on the wrong spot fails here and not later.
    label = page.locator('[data-testid="stPlotlyChart"] svg text').filter(has_text=re.compile(r"^Tapin$")).first
    box = label.bounding_box()
    assert box, "no 'Tapin' label on the map"
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.wait_for_function(
        "short => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .hoverlayer')]"
        ".some(h => h.textContent.startsWith(short))", arg=reg.short_name(code), timeout=10_000)
    page.mouse.click(x, y)
    tab.settle()

    assert _query(page.url).get("district") == code
    selected = page.locator('[data-testid="stMetric"]').first.inner_text()
    assert "Tapin" in selected
    tab.assert_clean()

    # Follow the selection to Profil as a user does, with the page link beside the map.
    page.locator('[data-testid="stPageLink"] a').filter(has_text=t("prof.to_profile", "id")).click()
    page.wait_for_url(re.compile(r"/profil"))
    tab.settle()
    assert _path(page.url) == "profil"
    assert _query(page.url).get("district") == code
    assert page.locator("h1").first.inner_text().strip() == t("prof.title", "id")
    assert page.locator("h2").first.inner_text().strip() == name
    tab.screenshot("interaction-peta-click-profil-id-1366x768")
    tab.assert_clean()


def test_switching_language_from_the_sidebar_keeps_the_view(visit):
    code = registry().to_code("Tapin")
    tab = visit("profil", lang="id", district=code)
    page = tab.page
    assert page.locator("h1").first.inner_text().strip() == t("prof.title", "id")
    switch = page.locator('[data-testid="stSidebar"] [role="radiogroup"]')
    assert switch.get_attribute("aria-label") == t("ui.language", "id")

    switch.get_by_role("radio", name="English").click()
    page.wait_for_url(re.compile(r"lang=en"))
    tab.settle()
    assert _query(page.url) == {**_query(page.url), "lang": "en", "district": code}
    assert page.locator("h1").first.inner_text().strip() == t("prof.title", "en")
    current = page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]').inner_text()
    assert t("prof.nav_profile", "en") in current
    assert page.locator('[data-testid="stSidebar"] [role="radiogroup"]').get_attribute("aria-label") == \
        t("ui.language", "en")
    tab.screenshot("interaction-language-en-1366x768")
    tab.assert_clean()

    # the choice holds when moving to another page from the menu
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=t("nav.map", "en")).click()
    page.wait_for_url(re.compile(r"/peta"))
    tab.settle()
    assert page.locator("h1").first.inner_text().strip() == t("map.title", "en")
    assert _query(page.url).get("lang") == "en"

    # and back to Bahasa Indonesia
    page.locator('[data-testid="stSidebar"] [role="radiogroup"]').get_by_role("radio", name="Bahasa Indonesia").click()
    page.wait_for_url(re.compile(r"lang=id"))
    tab.settle()
    assert page.locator("h1").first.inner_text().strip() == t("map.title", "id")
    tab.assert_clean()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_powerpoint_download_opens_with_the_slides_of_the_page(visit, artifacts, lang):
    from pptx import Presentation

    tab = visit("presentasi", lang=lang, accept_downloads=True)
    page = tab.page
    of = t("exp.slide_of", lang, n=1, total="999")
    pattern = re.compile(re.escape(of).replace("999", r"(\d+)"))
    found = pattern.search(page.locator('[data-testid="stMain"]').inner_text())
    assert found, f"no '{of}' counter on the page"
    total = int(found.group(1))
    title = page.locator(".kp2s-slide-title").first.inner_text().strip()
    assert title

    button = page.get_by_role("button", name=t("exp.download_pptx", lang)).first
    with page.expect_download(timeout=180_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".pptx")
    target = artifacts / f"deck-{lang}.pptx"
    download.save_as(target)

    deck = Presentation(str(target))
    assert len(deck.slides) == total
    first = [shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame]
    assert any(title in text for text in first), f"slide 1 of the file lacks the page's title {title!r}: {first}"
    # issue 15 items 4 and 5: the default deck leaves the sample-data slides out; every title is in the slide's
    # title placeholder (outline, accessibility check) and every run is proofed in the deck's language
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.oxml.ns import qn

    banner = t("asm.synthetic_banner", lang)
    proof = {"id": "id-ID", "en": "en-US"}[lang]
    for number, pslide in enumerate(deck.slides, start=1):
        texts = "\n".join(shape.text_frame.text for shape in pslide.shapes if shape.has_text_frame)
        assert banner not in texts, f"slide {number} shows sample data by default"
        heading = pslide.shapes.title
        assert heading is not None and heading.placeholder_format.type == PP_PLACEHOLDER.TITLE, number
        assert heading.text_frame.text.strip(), number
        langs = {(run.find(qn("a:rPr")).get("lang") if run.find(qn("a:rPr")) is not None else None)
                 for tree in [pslide._element, *[sh.chart._chartSpace for sh in pslide.shapes if sh.has_chart]]
                 for run in tree.iter(qn("a:r"))}
        assert langs == {proof}, (number, langs)
    assert t("exp.demo_left_out", lang, n=2) in page.locator('[data-testid="stMain"]').inner_text()
    tab.assert_clean()
