"""The database is down: every page tells viewers so, in their language,
and shows no traceback (issue 9, item 6: operation for an office).

``KP2S_STORE`` points at a PostgreSQL address where nothing listens, so the
store cannot be opened; a second test opens the store fine and then loses
the database, as when PostgreSQL is restarted under a running app.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from kp2s_dashboard.store import Store, StoreUnavailable, datastore

APP = Path(__file__).resolve().parent.parent / "app.py"
PAGES = re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', APP.read_text(encoding="utf-8"))
#: Port 1 on 127.0.0.1: connection refused at once (nothing listens there).
DOWN = "postgresql+psycopg://kp2s:pw-s3cr3t@127.0.0.1:1/kp2s?connect_timeout=2"


@pytest.fixture
def store_down(monkeypatch):
    monkeypatch.setenv("KP2S_STORE", DOWN)
    datastore._STORES.clear()
    yield
    datastore._STORES.clear()


def _run(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["lang"] = lang
    at.switch_page(page)
    at.run()
    return at


def test_every_page_is_registered():
    assert len(PAGES) >= 13 and {"pages/ringkasan.py", "pages/kelola.py"} <= set(PAGES)  # read from app.py


@pytest.mark.parametrize("page", PAGES)
def test_a_page_with_the_database_down_shows_a_message_not_a_traceback(store_down, page):
    at = _run(page, "en")
    assert not at.exception, [e.message for e in at.exception]
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    assert errors[0].startswith("**The data cannot be shown right now: the database does not answer**")
    assert "Try again in a few minutes" in errors[0]
    assert "Connection refused" in errors[0]  # the reason, for whoever runs the server
    assert "pw-s3cr3t" not in errors[0]  # never the database password
    # the router still works: the language switch is there, the page drew nothing from missing data
    assert at.sidebar.get("segmented_control")
    assert not at.dataframe and not at.get("plotly_chart")


def test_the_message_is_in_bahasa_indonesia_by_default(store_down):
    at = _run("pages/peta.py", "id")
    assert not at.exception, [e.message for e in at.exception]
    assert [e.value.split("**")[1] for e in at.error] == [
        "Data tidak dapat ditampilkan saat ini: basis data tidak menjawab"]


def test_a_database_lost_after_opening_raises_store_unavailable(tmp_path):
    """Reads of an opened store whose database has gone raise StoreUnavailable
    (which the pages show), not SQLAlchemy's OperationalError."""
    store = Store(str(tmp_path / "kp2s.sqlite"))
    assert store.in_force("prevalence") is None
    store.engine.dispose()
    store.engine = sa.create_engine(DOWN)  # the same store object, its database gone
    for read in (lambda: store.in_force("prevalence"), lambda: store.versions("prevalence"),
                 lambda: store.in_force_all(), lambda: store.audit_log()):
        with pytest.raises(StoreUnavailable, match="Connection refused") as info:
            read()
        assert "pw-s3cr3t" not in str(info.value)
