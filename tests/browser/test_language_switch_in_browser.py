"""Switching the language in the sidebar keeps every choice made on the page,
shown in the new language (issue 15).

Streamlit keeps an option widget's value in the browser as the label its
``format_func`` wrote; before :func:`kp2s_dashboard.web.ui.keep_choices`, a
switch left radios with no option selected and select boxes showing the old
language's label, and the choice itself was lost. On Aksi, Peta, Target and
Validasi each test makes choices other than the defaults, switches to English,
checks each is still selected with its English label, and switches back. The
open tab stays open (Aksi: :func:`kp2s_dashboard.web.ui.tabs`; Target: the
URL), and the uploader's own words follow the language (``ui.page_styles``).
"""

from __future__ import annotations

import re

import pytest

from kp2s_dashboard.i18n import t
from kp2s_dashboard.prevalence import progress

pytestmark = pytest.mark.browser

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def switch_language(tab, lang: str) -> None:
    """Click the sidebar's language switch, as a user does."""
    page = tab.page
    switch = page.locator('[data-testid="stSidebar"] [role="radiogroup"]')
    switch.get_by_role("radio", name=LANGUAGE_NAMES[lang]).click()
    page.wait_for_url(re.compile(rf"lang={lang}"))
    tab.settle()


def radio_options(page, key: str) -> list[str]:
    return [s.strip() for s in page.locator(f'.st-key-{key} [role="radiogroup"] label').all_inner_texts()]


def radio_checked(page, key: str) -> list[str]:
    """Labels of the checked options of radio ``key`` (one, when it works)."""
    return page.evaluate(
        "k => [...document.querySelectorAll(`.st-key-${k} [role=radiogroup] label`)]"
        ".filter(l => l.querySelector('input') && l.querySelector('input').checked).map(l => l.innerText.trim())", key)


def pick_radio(tab, key: str, label: str) -> None:
    tab.page.locator(f'.st-key-{key} [role="radiogroup"] label').filter(
        has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).click()
    tab.settle()


def segmented_checked(page, key: str) -> list[str]:
    return [s.strip() for s in page.locator(f'.st-key-{key} [role="radio"][aria-checked="true"]').all_inner_texts()]


def pick_segment(tab, key: str, label: str) -> None:
    tab.page.locator(f'.st-key-{key} [role="radio"]').filter(
        has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).click()
    tab.settle()


def active_tabs(page) -> list[str]:
    return [s.strip() for s in page.locator('[role="tab"][aria-selected="true"]').all_inner_texts()]


def select_value(page, key: str) -> str:
    """The text a select box shows."""
    return page.locator(f".st-key-{key} input").input_value()


def open_select(page, key: str):
    """Open select box ``key``'s list; returns the locator of its options. (A
    first click on a box that kept the focus through a rerun may not open it:
    clicked again.)"""
    options = page.locator('[role="listbox"] [role="option"]')
    for _ in range(3):
        page.locator(f'.st-key-{key} button[aria-haspopup="listbox"]').click()
        try:
            options.first.wait_for(timeout=3000)
            return options
        except Exception:  # noqa: BLE001 (Playwright's TimeoutError): try again
            page.keyboard.press("Escape")
    options.first.wait_for(timeout=3000)
    return options


def select_options(page, key: str) -> list[str]:
    """The options a select box offers (its list opened and closed again)."""
    texts = [s.strip() for s in open_select(page, key).all_inner_texts()]
    page.keyboard.press("Escape")
    page.locator('[role="listbox"]').wait_for(state="detached")
    return texts


def pick_select(tab, key: str, position: int) -> str:
    """Choose the option at ``position`` of select box ``key``; returns its label."""
    page = tab.page
    label = select_options(page, key)[position]
    open_select(page, key).nth(position).click()
    tab.settle()
    assert select_value(page, key) == label
    return label


def uploader_after(page) -> list[str]:
    """The CSS ``content`` written over the first uploader's button and limit line (see ``ui.page_styles``)."""
    return page.locator('[data-testid="stFileUploaderDropzone"]').first.evaluate("""z => [
        getComputedStyle(z.querySelector('[data-testid="stBaseButton-secondary"] p'), '::after').content,
        getComputedStyle(z.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span'),
                         '::after').content]""")


def test_aksi_keeps_the_kind_in_force_the_map_metric_and_the_view(visit):
    tab = visit("aksi", lang="id")
    page = tab.page
    kinds_id = select_options(page, "asm_in_force")
    assert len(kinds_id) > 1, "the sample data offer more than one kind of assessment file"
    chosen = 1 if select_value(page, "asm_in_force") == kinds_id[0] else 0
    pick_select(tab, "asm_in_force", chosen)
    page.get_by_role("tab", name=t("asm.tab.map", "id"), exact=True).click()
    pick_radio(tab, "asm_map_metric", t("asm.map.metric.rank", "id"))
    assert radio_checked(page, "asm_map_metric") == [t("asm.map.metric.rank", "id")]
    tab.screenshot("language-aksi-before-id")

    for lang in ("en", "id"):
        switch_language(tab, lang)
        tab.screenshot(f"language-aksi-after-{lang}")
        assert page.locator("h1").first.inner_text().strip() == t("asm.title", lang)
        kinds = select_options(page, "asm_in_force")
        assert select_value(page, "asm_in_force") == kinds[chosen]
        assert radio_checked(page, "asm_map_metric") == [t("asm.map.metric.rank", lang)]
        assert radio_checked(page, "asm_view") == [t("asm.view.workbooks", lang)]  # the default, still selected
        assert select_value(page, "asm_district") == t("ui.whole_province", lang)
        assert active_tabs(page) == [t("asm.tab.map", lang)]
        tab.assert_clean()
    assert kinds == kinds_id

    pick_radio(tab, "asm_view", t("asm.view.published", "id"))
    for lang in ("en", "id"):
        switch_language(tab, lang)
        assert radio_checked(page, "asm_view") == [t("asm.view.published", lang)]
        assert page.get_by_text(t("asm.pub.provincial_title", lang), exact=True).count() == 1
        tab.assert_clean()


def test_peta_keeps_the_round_and_the_province_in_the_new_language(visit):
    tab = visit("peta", lang="id")
    page = tab.page
    rounds = select_options(page, "map_round")
    chosen = pick_select(tab, "map_round", 1)  # not the newest round (the default)
    assert select_value(page, "map_district") == t("ui.whole_province", "id")
    tab.screenshot("language-peta-before-id")

    for lang in ("en", "id"):
        switch_language(tab, lang)
        tab.screenshot(f"language-peta-after-{lang}")
        assert select_value(page, "map_round") == chosen  # "SSGI 2022" is written alike in both languages
        assert select_options(page, "map_round") == rounds
        assert select_value(page, "map_district") == t("ui.whole_province", lang)
        assert radio_checked(page, "map_renderer") == [t("map.renderer_plotly", lang)]
        tab.assert_clean()


def test_target_keeps_the_targets_the_method_the_window_and_the_grid(visit):
    tab = visit("target", lang="id")
    page = tab.page
    targets_id = select_options(page, "tgt_near")
    default = targets_id.index(select_value(page, "tgt_near"))
    national = t("prog.scope.national", "id")
    near = next(i for i, label in enumerate(targets_id) if i != default and label.startswith(national))
    pick_select(tab, "tgt_near", near)
    far = targets_id.index(select_value(page, "tgt_far"))
    method = progress.METHODS[1]
    pick_radio(tab, "tgt_method", t(f"prog.tgt.method_{method}", "id"))
    pick_radio(tab, "tgt_window", t("prog.tgt.window_all", "id"))
    pick_segment(tab, "tgt_view", t("prog.tgt.view_all", "id"))
    grid = radio_options(page, "tgt_grid_target")
    pick_radio(tab, "tgt_grid_target", grid[1])  # the second target
    second_tab = page.locator('.st-key-tgt_tabs [role="tab"]').nth(1)
    second_tab.click()
    tab.settle()
    assert second_tab.get_attribute("aria-selected") == "true"
    tab.screenshot("language-target-before-id")

    for lang in ("en", "id"):
        switch_language(tab, lang)
        tab.screenshot(f"language-target-after-{lang}")
        targets = select_options(page, "tgt_near")
        assert targets[near].startswith(t("prog.scope.national", lang))
        assert select_value(page, "tgt_near") == targets[near]
        assert select_value(page, "tgt_far") == targets[far]
        assert radio_checked(page, "tgt_method") == [t(f"prog.tgt.method_{method}", lang)]
        assert radio_checked(page, "tgt_window") == [t("prog.tgt.window_all", lang)]
        assert segmented_checked(page, "tgt_view") == [t("prog.tgt.view_all", lang)]
        assert radio_checked(page, "tgt_grid_target") == [radio_options(page, "tgt_grid_target")[1]]
        tags = [s.strip() for s in page.locator('.st-key-tgt_tabs [role="tab"]').all_inner_texts()]
        assert active_tabs(page) == [tags[1]] and tags[1] in targets[far]  # the second target's table stays open
        tab.assert_clean()
    assert targets == targets_id
    assert radio_options(page, "tgt_grid_target") == grid


def test_validasi_keeps_the_template_choices_and_the_upload_year(visit):
    tab = visit("validasi", lang="id")
    page = tab.page
    assert select_value(page, "val_upload_year") == t("asm.val.year_from_file", "id")
    pick_radio(tab, "val_tpl_layout", t("asm.layout.assessor", "id"))
    years = select_options(page, "val_tpl_year")
    year = pick_select(tab, "val_tpl_year", len(years) - 1)
    tab.screenshot("language-validasi-before-id")

    for lang in ("en", "id"):
        switch_language(tab, lang)
        tab.screenshot(f"language-validasi-after-{lang}")
        assert radio_checked(page, "val_tpl_layout") == [t("asm.layout.assessor", lang)]
        assert select_value(page, "val_tpl_year") == year
        assert select_value(page, "val_upload_year") == t("asm.val.year_from_file", lang)
        # the uploader's own words follow the switch: the catalogue's in Indonesian, Streamlit's in English
        button, limit = uploader_after(page)
        if lang == "id":
            assert (button, limit) == (f'"{t("ui.uploader_button", "id")}"', f'"{t("ui.uploader_limit", "id", mb=20)}"')
        else:
            assert button in ("none", "normal") and limit in ("none", "normal")
        tab.assert_clean()
