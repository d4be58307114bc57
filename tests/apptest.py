"""Running a page of the app in Streamlit's AppTest, the way the page tests share."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run_page(page: str, session: dict | None = None, **params: str) -> AppTest:
    """Open ``page`` (``pages/x.py``) through the router with URL ``params`` and
    ``session`` state set first; fails the test on any exception shown."""
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at
