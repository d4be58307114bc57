"""The documented reverse proxy in a real browser (issue 9, item 6): Debian's
nginx runs ``deploy/nginx/kp2s-dashboard.conf`` (only its listen address and
app port changed, :func:`kp2s_dashboard.web.proxy.render_site`) on a free
127.0.0.1 port in front of the app, and Chromium loads pages through it.

A Streamlit page draws nothing without its websocket, so a page that renders
proves the websocket upgrade. Static JS must arrive gzip-compressed with a
year-long cache header; an upload body over the limit is refused by nginx.
Skipped with the reason when nginx is not installed (``.ci/run`` installs it
and sets ``KP2S_REQUIRE_NGINX=1``, which turns the skip into a failure).
"""

from __future__ import annotations

import gzip
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kp2s_dashboard.web import proxy
from kp2s_dashboard.web.browser import settle

pytestmark = pytest.mark.browser
STREAMLIT_STATIC = Path(__import__("streamlit").__file__).parent / "static"


@pytest.fixture(scope="module")
def nginx(app_server):
    if proxy.find_nginx() is None:
        reason = "the reverse-proxy test needs nginx, which is not on this machine (Debian: apt-get install nginx)"
        if os.environ.get("KP2S_REQUIRE_NGINX") == "1":
            pytest.fail(f"KP2S_REQUIRE_NGINX=1 but {reason}")
        pytest.skip(reason)
    server = proxy.Nginx([app_server.port]).start()
    yield server
    server.stop()


def _get(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()


def test_a_page_renders_through_nginx_with_its_websocket(nginx, chromium):
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    page = context.new_page()
    sockets, scripts, errors = [], [], []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.on("response", lambda r: scripts.append(r) if r.url.endswith(".js") else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{nginx.base_url}/peta?lang=en&district=6303")
        page.wait_for_selector('[data-testid="stApp"]')
        settle(page)
        assert page.locator("h1").first.inner_text().strip(), "no page title: the script's output never arrived"
        assert not page.locator('[data-testid="stException"]').count()
        assert page.locator('[data-testid="stSidebarNav"]').count()  # the router's menu, sent over the websocket
        assert sockets == [f"ws://127.0.0.1:{nginx.port}/_stcore/stream"]
        assert not errors
        hashed = [r for r in scripts if "/static/js/" in r.url]
        assert hashed, "no Streamlit bundle was loaded"
        zipped = 0
        for response in hashed:
            headers = response.all_headers()
            assert response.url.startswith(nginx.base_url)
            assert headers.get("cache-control") == "public, max-age=31536000, immutable", response.url
            if headers.get("content-encoding") == "gzip":
                zipped += 1
            else:  # nginx leaves files under gzip_min_length (1 KB) as they are
                assert int(headers["content-length"]) < 1024, response.url
        assert zipped >= len(hashed) / 2
    finally:
        context.close()
    assert "[crit]" not in nginx.error_log() and "[error]" not in nginx.error_log(), nginx.error_log()


def test_static_javascript_is_gzipped_and_kept_a_year_but_the_page_itself_is_not(nginx):
    bundle = next((STREAMLIT_STATIC / "static" / "js").glob("index.*.js"))
    status, headers, body = _get(f"{nginx.base_url}/static/js/{bundle.name}")
    assert status == 200 and headers["server"].startswith("nginx")
    assert headers["content-encoding"] == "gzip" and "accept-encoding" in headers["vary"].lower()
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    original = bundle.read_bytes()
    assert gzip.decompress(body) == original and len(body) < len(original) / 2
    _, css_headers, _ = _get(f"{nginx.base_url}/static/css/{next((STREAMLIT_STATIC / 'static' / 'css').glob('index.*.css')).name}")
    assert css_headers["content-encoding"] == "gzip" and "immutable" in css_headers["cache-control"]
    _, page_headers, _ = _get(f"{nginx.base_url}/peta")
    assert page_headers["cache-control"] == "no-cache"  # the page names this version's bundles: never kept
    _, plain_headers, plain = _get(f"{nginx.base_url}/static/js/{bundle.name}", gzip_ok=False)
    assert "content-encoding" not in plain_headers and plain == original


def test_an_upload_over_the_limit_is_refused_by_nginx(nginx):
    too_big = proxy.body_limit_bytes() + 1
    request = urllib.request.Request(f"{nginx.base_url}/_stcore/upload_file/some-session/some-file",
                                     data=b"x" * too_big, method="PUT")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 413 and refused.value.headers["Server"].startswith("nginx")
