"""Database connections of the store: the engine (SQLite in WAL mode, or PostgreSQL) and write transactions.

On SQLite, readers never wait for a writer; a writer takes the write lock
when it begins (``BEGIN IMMEDIATE``) and waits up to
:data:`SQLITE_BUSY_TIMEOUT_S` for another writer. A failed commit is raised
as :class:`~kp2s_dashboard.store.errors.StoreUnavailable`.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event

from kp2s_dashboard.store import location as loc
from kp2s_dashboard.store.errors import StoreUnavailable

SQLITE_BUSY_TIMEOUT_S = 30


def make_engine(location: loc.Location) -> sa.Engine:
    """An engine for ``location``. SQLite: creates the folder, WAL mode,
    foreign keys on, ``BEGIN`` (``BEGIN IMMEDIATE`` for writers, marked with
    the execution option ``kp2s_write``), 30 s busy timeout. PostgreSQL:
    pre-ping so a restarted server does not break the first request."""
    if location.is_sqlite:
        db = location.sqlite_path
        if db is not None:
            db.parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(location.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):  # pragma: no cover - exercised by every test
            # Let SQLAlchemy's begin event control transactions (pysqlite's own
            # handling does not wrap DDL and begins lazily).
            dbapi_connection.isolation_level = None
            cur = dbapi_connection.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
            if db is not None:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):  # pragma: no cover - exercised by every test
            write = conn.get_execution_options().get("kp2s_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    return sa.create_engine(location.url, pool_pre_ping=True)


class _WriteTx:
    """``with _WriteTx(engine) as conn``: one write transaction, committed on
    normal exit, rolled back on an exception."""

    def __init__(self, engine: sa.Engine):
        self._engine = engine

    def __enter__(self) -> sa.Connection:
        self._conn = self._engine.connect().execution_options(kp2s_write=True)
        self._tx = self._conn.begin()
        return self._conn

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self._tx.commit()
            else:
                try:
                    self._tx.rollback()
                except sa.exc.SQLAlchemyError:
                    pass  # the connection is gone; the server rolls back on its own
        except sa.exc.DBAPIError as failed:
            exc = failed
        finally:
            self._conn.close()
        if isinstance(exc, sa.exc.DBAPIError) and not isinstance(exc, sa.exc.IntegrityError):
            reason = str(exc.orig or exc).strip().splitlines()[0]
            raise StoreUnavailable("store.unavailable", where=self._engine.url.render_as_string(hide_password=True),
                                   reason=reason) from exc
