"""A closed tab's uploaded file leaves the server's memory (issue 9, item 5:
memory returns once the uploading sessions have gone).

Streamlit keeps a closed tab's session for ``server.disconnectedSessionTTL``
seconds and then only forgets it: its uploaded files stay in the
``UploadedFileManager`` for the life of the process.
:func:`kp2s_dashboard.web.memory.release_closed_sessions` shuts such sessions
down. Here a second app runs with a 2 s TTL and a 1 s trimmer
(``KP2S_TRIM_SECONDS``); the bytes held for uploads are read from
Streamlit's own metrics (``/_stcore/metrics``).
"""

from __future__ import annotations

import os
import re
import time
import urllib.request

import pytest

from kp2s_dashboard.web import browser as kb

pytestmark = pytest.mark.browser
MB = 1024 * 1024


@pytest.fixture(scope="module")
def short_ttl_app(chromium, artifacts):
    env = {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "2", "KP2S_TRIM_SECONDS": "1",
           "KP2S_GEO_DIR": os.environ.get("KP2S_GEO_DIR", "")}
    server = kb.AppServer(env=env, log_path=artifacts / "streamlit-short-ttl.log").start()
    yield server
    server.stop()


def uploaded_bytes(server) -> int:
    """Bytes Streamlit holds for uploaded files (0 when it reports none)."""
    with urllib.request.urlopen(f"{server.base_url}/_stcore/metrics", timeout=10) as answer:
        text = answer.read().decode()
    found = re.findall(r'^cache_memory_bytes\{cache_type="UploadedFileManager"[^}]*\}\s+(\d+)', text, re.M)
    return sum(int(n) for n in found)


def wait_for(check, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return check()


def test_the_file_of_a_closed_tab_is_released(short_ttl_app, chromium, tmp_path):
    upload = tmp_path / "prevalensi.csv"
    upload.write_bytes(b"Kabupaten/Kota,SSGI 2022\n" + b"Tanah Laut,24.6\n" * (3 * MB // 16))
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(short_ttl_app.url("data", lang="en"))
    page.wait_for_selector('[data-testid="stApp"]')
    kb.settle(page)
    page.get_by_role("tab", name="Check your file").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    assert wait_for(lambda: uploaded_bytes(short_ttl_app) >= 3 * MB, 30), "the upload never reached the server"
    kb.settle(page)
    time.sleep(3)  # longer than the TTL: an open tab keeps its file
    assert uploaded_bytes(short_ttl_app) >= 3 * MB
    page.close()
    context.close()
    assert wait_for(lambda: uploaded_bytes(short_ttl_app) == 0, 20), \
        f"{uploaded_bytes(short_ttl_app)} bytes of uploads still held 20 s after the tab closed"
