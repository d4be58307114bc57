"""Schema migrations (Alembic), run by the application itself.

The migration scripts live in ``migrations/versions/`` inside the package;
there is no ``alembic.ini`` to run by hand. :func:`ensure_schema` is called
whenever a :class:`~kp2s_dashboard.store.Store` is opened: it compares the
database's revision with the newest one shipped and, when behind, upgrades
inside one transaction holding a lock (SQLite: ``BEGIN IMMEDIATE``;
PostgreSQL: an advisory lock), so several app processes starting at once
upgrade once. ``python -m kp2s_dashboard.store upgrade`` does the same.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: Key of the PostgreSQL advisory lock taken while migrating.
PG_MIGRATION_LOCK = 0x4B503253  # "KP2S"


def _config(connection: sa.Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest revision shipped with this program (e.g. ``"0001"``)."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(connection: sa.Connection) -> str | None:
    """The database's revision, ``None`` for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def ensure_schema(engine: sa.Engine) -> tuple[str | None, str]:
    """Upgrade the database to :func:`head_revision` when it is behind.

    Returns ``(revision before, revision after)``.

    Raises:
        ValueError: the database has a revision this program does not know
            (written by a newer version); the caller turns it into
            :class:`~kp2s_dashboard.store.errors.StoreUnavailable`.
    """
    head = head_revision()
    with engine.connect() as conn:
        before = current_revision(conn)
        conn.rollback()
    if before == head:
        return before, head
    if before is not None and before not in known_revisions():
        raise ValueError(before)
    with engine.connect() as conn:
        conn = conn.execution_options(kp2s_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK})
            before = current_revision(conn)  # another process may have upgraded meanwhile
            if before != head:
                command.upgrade(_config(conn), "head")
    return before, head
