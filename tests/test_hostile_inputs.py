"""Hostile content that the older upload tests did not reach: source
addresses that break out of a markdown link, CSV files with old Mac line
ends, fractions mixed with percents in one column, and recommendation
fields longer than the store keeps. Each test builds its small file here."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kp2s_dashboard import paths, safetext
from tests.store_fixtures import env  # noqa: F401  (the fixture)

APP = str(Path(__file__).resolve().parent.parent / "app.py")
IMAGE = "![x](http://evil.example/p.png)"


def _bodies(at: AppTest) -> list[str]:
    out = [m.value for m in at.markdown] + [c.value for c in at.caption]
    for kind in (at.error, at.warning, at.info, at.success):
        out += [e.value for e in kind]
    return out


def _page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


# -- source addresses ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "shown"), [
    ("https://a.example/p(1).html", "https://a.example/p%281%29.html"),
    ("https://a.example/)" + IMAGE + "(", "https://a.example/%29!%5Bx%5D%28http://evil.example/p.png%29%28"),
    ("http://a.example/a b", "http://a.example/a%20b"),
    ("javascript:alert(1)", ""),
    ("data:text/html,<b>x</b>", ""),
    ("www.bps.go.id", ""),
    ("", ""),
])
def test_link_url_keeps_http_addresses_inside_their_link(url, shown):
    assert safetext.link_url(url) == shown


def test_a_source_address_from_a_published_file_cannot_add_an_image_or_script_link(env):
    # a published prevalence file whose source_url closes the markdown link and opens an image
    table = pd.read_csv(paths.DATA_DIR / "prevalence.csv", dtype=str, keep_default_na=False)
    tanah_laut = table["code"] == "6301"
    table.loc[tanah_laut, "source_url"] = "https://a.example/)" + IMAGE + "("
    table.loc[tanah_laut & (table["source"] == "eppgbm"), "source_url"] = "javascript:alert(1)"
    env.publish("prevalence", "prevalence.csv", table.to_csv(index=False).encode(), "budi", "hostile")
    for page in ("pages/profil.py", "pages/peta.py"):
        at = _page(page, lang="en", district="6301")
        links = [b for b in _bodies(at) if b.startswith("[source](")]
        assert links, page  # the link is still there, as one link
        joined = "\n".join(_bodies(at))
        assert "](http://evil" not in joined and "javascript:" not in joined, page
        assert "[source](https://a.example/%29!%5Bx%5D%28http://evil.example/p.png%29%28)" in links, page
