"""What a newcomer saw in Chromium: on a projector-like 1280×720 screen the
presentation page's Previous/Next buttons were cut to "Sebelu…"/"Berikut…"."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CUT_LABELS = """() => [...document.querySelectorAll('.st-key-pres_prev .stMarkdownEllipsis, .st-key-pres_next .stMarkdownEllipsis')]
    .map(e => [e.textContent, e.scrollWidth, e.clientWidth])"""


@pytest.mark.parametrize("lang", ["id", "en"])
def test_presentation_buttons_keep_their_labels_on_a_projector(visit, lang):
    tab = visit("presentasi", size=(1280, 720), lang=lang)
    labels = tab.page.evaluate(CUT_LABELS)
    assert len(labels) == 2, labels
    assert [text for text, full, shown in labels if full > shown] == [], labels
