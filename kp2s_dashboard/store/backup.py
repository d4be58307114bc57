"""Backups of the data store, and restoring one.

Two formats:

* **SQLite copy** (default for a SQLite store): a consistent copy of the
  database file made with SQLite's online backup API (``sqlite3.Connection.backup``),
  safe while the app is running and writing; the result is an ordinary SQLite
  file (rollback journal, no ``-wal`` beside it) that ``sqlite3`` opens.
* **Logical dump** (default for PostgreSQL, ``--format dump`` for SQLite): a
  gzip-compressed JSON Lines file written through SQLAlchemy: a header line
  (format, schema revision, time, row counts), one line per row (bytes in
  base64, times in ISO 8601 UTC), and a closing line repeating the counts,
  so a truncated file is refused. Read inside one repeatable-read
  transaction, so it is consistent while the app is running. It does not need
  ``pg_dump`` (whose version must match the server's) and restores into
  either database, which also moves a store from SQLite to PostgreSQL or back.

:func:`restore` reads either format and copies every row into the target
store in **one transaction**: the target holds the old content or the
restored one, never a mix. The target must be empty unless ``replace=True``
(then its rows are deleted in that same transaction). The restore is
recorded in the target's audit log (event ``store_restored``).
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import sqlite3
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from kp2s_dashboard.store import migrate
from kp2s_dashboard.store.core import Store
from kp2s_dashboard.store.errors import BackupError
from kp2s_dashboard.store.schema import TABLES, audit_log, dataset_version, recommendation, recommendation_entry

DUMP_FORMAT = "kp2s-store-dump"
DUMP_FORMAT_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
GZIP_MAGIC = b"\x1f\x8b"
_BATCH = 200


def _encode(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime):
        value = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    return value


def _decode(value):
    if isinstance(value, dict) and len(value) == 1:
        if "$b64" in value:
            return base64.b64decode(value["$b64"])
        if "$dt" in value:
            return datetime.fromisoformat(value["$dt"])
        if "$d" in value:
            return date.fromisoformat(value["$d"])
    return value


def _replace_atomically(out: Path, write) -> Path:
    """Write through ``write(tmp_path)`` then rename onto ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, out)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return out


def backup_sqlite(store: Store, out: str | Path) -> Path:
    """Copy a SQLite store to ``out`` with SQLite's backup API.

    Raises:
        ValueError: the store is not a SQLite file.
        OSError, sqlite3.Error: reading or writing failed.
    """
    src_path = store.location.sqlite_path
    if src_path is None:
        raise ValueError("a SQLite copy needs a SQLite store; use the dump format for PostgreSQL")

    def write(tmp: Path) -> None:
        tmp.unlink()
        src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("the copy failed its integrity check")
        finally:
            dst.close()
            src.close()

    return _replace_atomically(Path(out), write)


def backup_dump(store: Store, out: str | Path) -> Path:
    """Write a logical dump of ``store`` to ``out`` (gzip JSON Lines)."""

    def write(tmp: Path) -> None:
        with store.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():  # one snapshot for the whole dump (SQLite: one read transaction)
                counts = {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                          for t in TABLES}
                header = {"format": DUMP_FORMAT, "format_version": DUMP_FORMAT_VERSION,
                          "schema": migrate.current_revision(conn),
                          "created_at": datetime.now(timezone.utc).isoformat(),
                          "source": store.location.display(), "counts": counts}
                with gzip.open(tmp, "wt", encoding="utf-8") as fh:
                    fh.write(json.dumps(header) + "\n")
                    for table in TABLES:
                        order = list(table.primary_key.columns)
                        result = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(
                            sa.select(table).order_by(*order))
                        for row in result.mappings():
                            fh.write(json.dumps({"t": table.name, "r": {k: _encode(v) for k, v in row.items()}})
                                     + "\n")
                    fh.write(json.dumps({"end": True, "counts": counts}) + "\n")

    return _replace_atomically(Path(out), write)


def backup(store: Store, out: str | Path, fmt: str | None = None) -> tuple[Path, str]:
    """Back up ``store`` to ``out``; ``fmt`` is ``"sqlite"`` or ``"dump"``
    (default: ``sqlite`` for a SQLite store, else ``dump``). Returns the path
    and the format used."""
    fmt = fmt or ("sqlite" if store.location.sqlite_path is not None else "dump")
    if fmt == "sqlite":
        return backup_sqlite(store, out), fmt
    if fmt == "dump":
        return backup_dump(store, out), fmt
    raise ValueError(f"unknown backup format {fmt!r}; expected 'sqlite' or 'dump'")


def _rows_from_dump(path: Path):
    """Yield ``(table name, row dict)`` from a dump, after checking header and
    trailer; raises :class:`BackupError`."""
    def bad(reason: str) -> BackupError:
        return BackupError("store.not_a_backup", path=str(path), reason=reason)

    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            header = json.loads(fh.readline() or "null")
            if not isinstance(header, dict) or header.get("format") != DUMP_FORMAT:
                raise bad("the first line is not a KP2S dump header")
            if header.get("format_version") != DUMP_FORMAT_VERSION:
                raise bad(f"dump format {header.get('format_version')} is not {DUMP_FORMAT_VERSION}")
            if header.get("schema") != migrate.head_revision():
                raise bad(f"it has schema {header.get('schema')}, this program writes {migrate.head_revision()}")
            seen = {t.name: 0 for t in TABLES}
            ended = False
            for line in fh:
                item = json.loads(line)
                if item.get("end"):
                    if item.get("counts") != header.get("counts") or seen != header.get("counts"):
                        raise bad(f"row counts {seen} do not match the header {header.get('counts')}")
                    ended = True
                    break
                name = item.get("t")
                if name not in seen:
                    raise bad(f"unknown table {name!r}")
                seen[name] += 1
                yield name, {k: _decode(v) for k, v in item["r"].items()}
            if not ended:
                raise bad("it ends early (truncated file)")
    except (OSError, EOFError, gzip.BadGzipFile, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise bad(f"unreadable ({exc})") from None


def _rows_from_sqlite(path: Path):
    try:
        check = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("store.not_a_backup", path=str(path), reason="it fails SQLite's integrity check")
            tables = {r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {t.name for t in TABLES} | {"alembic_version"} <= tables:
                raise BackupError("store.not_a_backup", path=str(path), reason="it lacks the store's tables")
            revision = check.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != migrate.head_revision():
                raise BackupError("store.not_a_backup", path=str(path),
                                  reason=f"it has schema {revision and revision[0]}, this program writes "
                                         f"{migrate.head_revision()}")
        finally:
            check.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError("store.not_a_backup", path=str(path), reason=f"unreadable ({exc})") from None
    engine = sa.create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with engine.connect() as conn:
            for table in TABLES:
                result = conn.execution_options(yield_per=_BATCH).execute(
                    sa.select(table).order_by(*table.primary_key.columns))
                for row in result.mappings():
                    yield table.name, dict(row)
    finally:
        engine.dispose()


def restore(store: Store, source: str | Path, who: str = "", *, replace: bool = False) -> dict[str, int]:
    """Load a backup (either format, detected from its first bytes) into
    ``store`` in one transaction; returns the rows restored per table.

    Raises:
        BackupError: ``source`` is missing, not a KP2S backup, truncated, of
            another schema revision, or ``store`` is not empty and
            ``replace`` is False.
    """
    source = Path(source)
    try:
        with open(source, "rb") as fh:
            magic = fh.read(16)
    except OSError as exc:
        raise BackupError("store.not_a_backup", path=str(source), reason=exc.strerror or str(exc)) from None
    if magic.startswith(SQLITE_MAGIC):
        rows = _rows_from_sqlite(source)
    elif magic.startswith(GZIP_MAGIC):
        rows = _rows_from_dump(source)
    else:
        raise BackupError("store.not_a_backup", path=str(source),
                          reason="it is neither a SQLite file nor a KP2S dump")
    by_name = {t.name: t for t in TABLES}
    counts = {t.name: 0 for t in TABLES}
    with store._write() as conn:
        existing = (conn.execute(sa.select(sa.func.count()).select_from(dataset_version)).scalar_one()
                    + conn.execute(sa.select(sa.func.count()).select_from(recommendation)).scalar_one())
        if existing and not replace:
            raise BackupError("store.restore_not_empty", where=store.location.display(), n=existing)
        for table in reversed(TABLES):
            conn.execute(table.delete())
        pending: list[dict] = []
        current = None
        for name, row in rows:
            if name != current or len(pending) >= _BATCH:
                if pending:
                    conn.execute(by_name[current].insert(), pending)
                pending, current = [], name
            pending.append(row)
            counts[name] += 1
        if pending:
            conn.execute(by_name[current].insert(), pending)
        if conn.dialect.name == "postgresql":
            for table in (dataset_version, audit_log, recommendation, recommendation_entry):
                conn.execute(sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
        conn.execute(audit_log.insert().values(
            at=datetime.now(timezone.utc), event="store_restored", who=who or "", kind=None, version_id=None,
            detail={"source": source.name, "rows": dict(counts), "replaced": existing}))
    return counts
