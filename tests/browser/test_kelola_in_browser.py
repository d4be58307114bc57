"""Kelola data in a real browser (kelola brief items 1, 4 and 5): an editor
signs in, reloads the page and is still signed in (the signed cookie), uploads
a corrected prevalence table, sees the preview (screenshot), publishes; a
viewer in another browser context sees the new figure without a restart; the
editor restores the version before (the embedded table, kept as version 1 by
the first publication) and the viewer sees the old figure again.
The app runs on its own empty store and credentials file."""

from __future__ import annotations

import os

import pytest

from kp2s_dashboard import auth, paths
from kp2s_dashboard.web import browser as kb

pytestmark = pytest.mark.browser

PASSWORD = "benar-sekali-123"


@pytest.fixture
def kelola_app(tmp_path, chromium, artifacts):
    creds = tmp_path / "credentials.yaml"
    auth.add_editor("budi", "Budi Santoso", PASSWORD, path=creds)
    env = {"KP2S_STORE": str(tmp_path / "kp2s.sqlite"), "KP2S_CREDENTIALS": str(creds)}
    if os.environ.get("KP2S_GEO_DIR"):
        env["KP2S_GEO_DIR"] = os.environ["KP2S_GEO_DIR"]
    server = kb.AppServer(env=env, log_path=artifacts / "streamlit-kelola.log")
    server.start()
    yield server
    server.stop()


def _main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_editor_signs_in_reloads_publishes_and_a_viewer_sees_it(kelola_app, chromium, artifacts):
    editor = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
    page = editor.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(kelola_app.url("kelola", lang="en"))
    page.wait_for_selector('[data-testid="stApp"]')
    kb.settle(page)
    page.get_by_label("User name").fill("budi")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    kb.settle(page)
    assert "Signed in as Budi Santoso (budi)" in _main_text(page)
    assert any(c["name"] == "kp2s_editor" for c in editor.cookies())

    page.reload()  # a new Streamlit session: the sign-in comes back from the cookie
    page.wait_for_selector('[data-testid="stApp"]')
    kb.settle(page)
    assert "Signed in as Budi Santoso (budi)" in _main_text(page)

    original = (paths.DATA_DIR / "prevalence.csv").read_bytes().decode("utf-8")
    corrected = original.replace("6301,Tanah Laut,2024,ssgi,stunting,22.5,", "6301,Tanah Laut,2024,ssgi,stunting,19.5,",
                                 1).encode("utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "koreksi_ssgi_2024.csv", "mimeType": "text/csv", "buffer": corrected}])
    kb.settle(page)
    text = _main_text(page)
    assert "New: 0 · changed: 1 · removed: 0" in text
    preview = page.locator('[data-testid="stDataFrame"]').first
    preview.scroll_into_view_if_needed()
    kb.settle(page)
    (artifacts / "screenshots").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(artifacts / "screenshots" / "kelola-preview-en-1366x768.png"))

    page.get_by_label("Comment (required: what and why)").first.fill("SSGI 2024 Tanah Laut corrected")
    page.keyboard.press("Enter")
    kb.settle(page)
    page.get_by_role("button", name="Publish").click()
    kb.settle(page)
    assert "is published and now in force for everyone" in _main_text(page)

    viewer = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
    other = viewer.new_page()
    other.goto(kelola_app.url("profil", lang="en", district="6301"))
    other.wait_for_selector('[data-testid="stApp"]')
    kb.settle(other)
    other.screenshot(path=str(artifacts / "screenshots" / "kelola-viewer-profil-en-1366x768.png"))
    shown = _main_text(other)
    assert "19.5" in shown and "22.5" not in shown, shown[:2000]  # the published correction, no restart
    assert not [c for c in viewer.cookies() if c["name"] == "kp2s_editor"]  # the viewer is not signed in

    # the editor undoes it: the embedded table in force before the first publication is a version of its own
    page.reload()
    page.wait_for_selector('[data-testid="stApp"]')
    kb.settle(page)
    assert "Restore an older version" in _main_text(page)  # version 1 (the embedded table) can be restored
    restore_comment = page.get_by_label("Comment (required: what and why)").last
    restore_comment.scroll_into_view_if_needed()
    restore_comment.fill("back to the embedded SSGI 2024 figure")
    page.keyboard.press("Enter")
    kb.settle(page)
    page.get_by_role("button", name="Restore").click()
    kb.settle(page)
    other.reload()
    other.wait_for_selector('[data-testid="stApp"]')
    kb.settle(other)
    shown = _main_text(other)
    assert "22.5" in shown and "19.5" not in shown, shown[:2000]  # the viewer sees the old figure again
    other.screenshot(path=str(artifacts / "screenshots" / "kelola-viewer-profil-restored-en-1366x768.png"))
    viewer.close()
    editor.close()
    assert not errors, errors
