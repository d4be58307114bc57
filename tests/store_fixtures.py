"""Fixtures for the data store tests: fresh stores on SQLite and, when
``KP2S_TEST_PG_URL`` is set (``bash scripts/with_postgres.sh …`` or
``.ci/run`` start a server and set it), on PostgreSQL, each in its own
schema. Import the fixtures into a test module by name."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

PG_ENV = "KP2S_TEST_PG_URL"
PG_SKIP = f"{PG_ENV} is not set: no PostgreSQL server to test against (bash scripts/with_postgres.sh starts one)"


def pg_base_url() -> str:
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(PG_SKIP)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def new_store_url(request, tmp_path):
    """A factory of URLs of empty stores: SQLite files under ``tmp_path``, or
    new PostgreSQL schemas (the ``search_path`` of the URL), dropped after
    the test."""
    backend = request.param
    base = pg_base_url() if backend == "postgres" else None
    engine = sa.create_engine(base) if base else None
    schemas: list[str] = []
    made = iter(range(1_000_000))

    def make() -> str:
        if backend == "sqlite":
            return f"sqlite:///{tmp_path / f'store{next(made)}' / 'kp2s.sqlite'}"
        schema = f"kp2s_t_{uuid.uuid4().hex[:12]}"
        with engine.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        schemas.append(schema)
        return sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)

    make.backend = backend
    yield make
    if engine is not None:
        with engine.begin() as conn:
            for schema in schemas:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture
def store_url(new_store_url):
    """The URL of one empty store (SQLite or PostgreSQL)."""
    return new_store_url()


@pytest.fixture
def store(store_url, tmp_path):
    from kp2s_dashboard.store import Store

    opened = Store(store_url, cache_dir=tmp_path / "cache")
    yield opened
    opened.close()


#: The password of the editor ``budi`` that :func:`env` creates.
PASSWORD = "benar-sekali-123"


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A fresh SQLite store (``KP2S_STORE``) and credentials file
    (``KP2S_CREDENTIALS``) under ``tmp_path`` with one editor, ``budi``
    (:data:`PASSWORD`); no shared cache folder. Yields the open store."""
    from kp2s_dashboard import auth
    from kp2s_dashboard.store import Store

    db = tmp_path / "store" / "kp2s.sqlite"
    monkeypatch.setenv("KP2S_STORE", str(db))
    monkeypatch.setenv("KP2S_CREDENTIALS", str(tmp_path / "secret" / "credentials.yaml"))
    monkeypatch.delenv("KP2S_CACHE_DIR", raising=False)
    auth.add_editor("budi", "Budi Santoso", PASSWORD)
    store = Store(str(db))
    yield store
    store.close()
