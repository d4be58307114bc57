"""Alembic environment for the KP2S store.

Run only through :func:`kp2s_dashboard.store.migrate.upgrade`, which passes
an open connection (already inside a transaction holding the migration
lock) in ``config.attributes["connection"]``. There is no ``alembic.ini``:
the application upgrades its own schema on first use.
"""

from alembic import context

from kp2s_dashboard.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - guarded by migrate.py
    raise RuntimeError("Run migrations with `python -m kp2s_dashboard.store upgrade`.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs table copies to alter columns
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
