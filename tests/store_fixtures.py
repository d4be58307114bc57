"""Fixtures for the data store tests: a fresh store on SQLite and, when
``KP2S_TEST_PG_URL`` is set (``bash scripts/with_postgres.sh …`` or
``.ci/run`` start a server and set it), on PostgreSQL, each test in its own
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


@pytest.fixture
def pg_url():
    """A PostgreSQL URL whose ``search_path`` is a new, empty schema (dropped
    afterwards)."""
    base = pg_base_url()
    schema = f"kp2s_t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A URL of an empty store: a SQLite file under ``tmp_path``, or a fresh
    PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store' / 'kp2s.sqlite'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url, tmp_path):
    from kp2s_dashboard.store import Store

    opened = Store(store_url, cache_dir=tmp_path / "cache")
    yield opened
    opened.close()
