"""Issue 15, items 4 and 7 in the browser at 1366×768, in both languages: the Rekomendasi counts show their
whole labels, the Survei vs e-PPGBM chart title is not cut at the top, the Aksi ranking of sample data carries
no published rank, and the Kecamatan & desa tables write counts with thousands separators."""

from __future__ import annotations

import time

import pytest

from kp2s_dashboard.i18n import t

pytestmark = pytest.mark.browser

LANGS = ["id", "en"]


@pytest.mark.parametrize("lang", LANGS)
def test_rekomendasi_count_labels_are_not_cut(visit, lang):
    tab = visit("rekomendasi", lang=lang)
    labels = tab.page.locator('[data-testid="stMetricLabel"]')
    assert labels.count() == 6
    # a label cut with an ellipsis: the box that clips it (Streamlit's stMarkdownEllipsis) is narrower than its text
    sizes = labels.evaluate_all("els => els.map(e => [e.textContent, Math.max(0, ...Array.from("
                                "[e, ...e.querySelectorAll('*')], x => x.clientWidth ? x.scrollWidth - x.clientWidth : 0))])")
    cut = [text for text, overflow in sizes if overflow > 1]
    assert not cut, sizes
    assert t("rekomendasi.count.not_possible", lang) in [text for text, _ in sizes]
    tab.screenshot(f"rekomendasi-angka-{lang}-1366x768")
    tab.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_survey_register_chart_title_is_inside_the_chart(visit, lang):
    tab = visit("survei_eppgbm", lang=lang)
    chart = tab.page.locator('[data-testid="stPlotlyChart"]').first
    chart.scroll_into_view_if_needed()
    time.sleep(0.8)
    top = chart.locator(".main-svg").first.bounding_box()["y"]
    title = chart.locator(".gtitle").first.bounding_box()
    assert title["y"] >= top + 2, (title, top)  # the first line of the title is whole
    lines = chart.locator(".gtitle tspan.line").count()
    assert lines >= 2
    tab.screenshot(f"survei-eppgbm-judul-{lang}-1366x768")
    tab.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_aksi_sample_ranking_without_published_ranks(visit, lang):
    tab = visit("aksi", lang=lang, district="6306")
    page = tab.page
    page.get_by_role("tab", name=t("asm.tab.ranking", lang)).click()
    tab.settle()
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert t("asm.rank.sample_apart", lang, view=t("asm.view.published", lang)) in body
    for word in (("turun 8", "= tetap") if lang == "id" else ("down 8", "= same")):
        assert word not in body
    tab.screenshot(f"aksi-peringkat-contoh-{lang}-1366x768", whole=True)
    tab.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_wilayah_tables_with_thousands_separators(visit, lang):
    tab = visit("wilayah", lang=lang, wil_kab="6303")
    table = tab.page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    time.sleep(0.8)
    tab.screenshot(f"wilayah-tabel-banjar-{lang}-1366x768")
    tab.assert_clean()
