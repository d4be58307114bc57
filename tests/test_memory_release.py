"""kp2s_dashboard.web.memory outside a running server (the release of closed
tabs' sessions inside one is tests/browser/test_closed_sessions_in_browser.py)."""

from __future__ import annotations

from kp2s_dashboard.web import memory


def test_nothing_to_release_without_a_running_streamlit_server():
    assert memory.release_closed_sessions(timeout=1) == 0


def test_the_trim_interval_comes_from_the_environment_when_it_is_a_positive_number():
    assert memory._seconds("2.5", 30.0) == 2.5
    assert memory._seconds(None, 30.0) == 30.0
    assert memory._seconds("", 30.0) == 30.0
    assert memory._seconds("soon", 30.0) == 30.0
    assert memory._seconds("-1", 30.0) == 30.0
