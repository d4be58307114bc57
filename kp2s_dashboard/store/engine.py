"""Database connections of the store: the engine (SQLite in WAL mode, or PostgreSQL) and write transactions.

On SQLite, readers never wait for a writer; a writer takes the write lock
when it begins (``BEGIN IMMEDIATE``) and waits up to
:data:`SQLITE_BUSY_TIMEOUT_S` for another writer. A failed commit is raised
as :class:`~kp2s_dashboard.store.errors.StoreUnavailable`, and so is a
database that stops answering during a read or a write (PostgreSQL down or
restarted, :func:`read_connection`): pages show that error as a message.
PostgreSQL connections give up after :data:`PG_CONNECT_TIMEOUT_S` unless
the URL says otherwise (``?connect_timeout=``), so a database host that has
gone away does not hang every page for the operating system's TCP timeout.
"""

from __future__ import annotations

from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy import event

from kp2s_dashboard.store import location as loc
from kp2s_dashboard.store.errors import StoreUnavailable

SQLITE_BUSY_TIMEOUT_S = 30
#: Seconds a new PostgreSQL connection may take before the store is reported unavailable.
PG_CONNECT_TIMEOUT_S = 5

#: Errors meaning "the database does not answer" (not "this statement is wrong").
_GONE = (sa.exc.OperationalError, sa.exc.InterfaceError)


def unavailable(engine: sa.Engine, exc: BaseException) -> StoreUnavailable:
    """``store.unavailable`` for a failure of ``engine``'s database: the URL
    with its password hidden and the first line of the driver's reason."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    return StoreUnavailable("store.unavailable", where=engine.url.render_as_string(hide_password=True),
                            reason=reason)


@contextmanager
def read_connection(engine: sa.Engine):
    """``with read_connection(engine) as conn``: a connection for reading;
    the database failing to connect or answer is raised as
    :class:`StoreUnavailable` (other errors pass unchanged)."""
    try:
        with engine.connect() as conn:
            yield conn
    except _GONE as exc:
        raise unavailable(engine, exc) from exc


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
    connect_args = {} if "connect_timeout" in location.url.query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    return sa.create_engine(location.url, pool_pre_ping=True, connect_args=connect_args)


class _WriteTx:
    """``with _WriteTx(engine) as conn``: one write transaction, committed on
    normal exit, rolled back on an exception."""

    def __init__(self, engine: sa.Engine):
        self._engine = engine

    def __enter__(self) -> sa.Connection:
        try:
            self._conn = self._engine.connect().execution_options(kp2s_write=True)
        except _GONE as exc:
            raise unavailable(self._engine, exc) from exc
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
        if isinstance(exc, _GONE) or (isinstance(exc, sa.exc.DBAPIError) and exc_type is None
                                      and not isinstance(exc, sa.exc.IntegrityError)):
            raise unavailable(self._engine, exc) from exc
