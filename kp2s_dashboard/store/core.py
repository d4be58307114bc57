"""The data store: published dataset versions, their files and parsed tables,
and the audit log, in SQLite or PostgreSQL through SQLAlchemy 2.

History is append-only. Publishing adds a version; restoring an older
version adds a new version pointing at the older content; nothing is ever
updated or deleted. The version *in force* for a kind is the published
version of that kind with the highest id.

Every write happens in one database transaction, so a process killed at any
moment leaves the old state or the new one (``tests/test_store_kill.py``
kills a publishing process at each step, on SQLite and PostgreSQL). On
SQLite the file is in WAL mode, so readers never wait for a writer and never
see a half-written transaction; writers take the write lock when they begin
(``BEGIN IMMEDIATE``) and wait up to 30 s for another writer.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from kp2s_dashboard.store import location as loc
from kp2s_dashboard.store import migrate
from kp2s_dashboard.store.content import _check_name, content_sha256, decode_table, encode_table, sha256_hex
from kp2s_dashboard.store.engine import _WriteTx, make_engine, read_connection
from kp2s_dashboard.store.errors import (
    CorruptContent,
    PublishError,
    StaleVersion,
    StoreUnavailable,
    VersionNotFound,
)
from kp2s_dashboard.store.records import AuditEntry, StoredFile, Version, _utc
from kp2s_dashboard.store.schema import (
    KINDS,
    audit_log,
    blob,
    dataset_version,
    version_file,
    version_table,
)

#: Test hook: called with the name of each step of a write (``begin``,
#: ``blobs``, ``version``, ``files``, ``tables``, ``audit``, ``commit``,
#: ``committed``). The kill test installs a function that pauses there so
#: the process can be killed at that step; ``None`` in normal use.
checkpoint_hook: Callable[[str], None] | None = None

#: Passed to ``expected_current`` when the caller does not check.
ANY = object()


def _checkpoint(name: str) -> None:
    if checkpoint_hook is not None:
        checkpoint_hook(name)


class Store:
    """A KP2S data store at a :class:`~kp2s_dashboard.store.location.Location`.

    Opening creates the SQLite file (and its folder) when missing and
    upgrades the schema to the newest revision.

    Raises (on opening):
        StoreUnavailable: the database cannot be reached or created, or its
            schema is newer than this program.
    """

    def __init__(self, location: loc.Location | str | None = None, *, cache_dir: str | Path | None = None):
        if location is None:
            location = loc.resolve()
        elif isinstance(location, str):
            location = loc.parse(location, "argument")
        self.location = location
        self.cache_dir = Path(cache_dir) if cache_dir is not None else loc.cache_dir(location)
        where = location.display()
        try:
            self.engine = make_engine(location)
            migrate.ensure_schema(self.engine)
        except ValueError as exc:
            if "engine" in self.__dict__:
                self.engine.dispose()
            raise StoreUnavailable("store.schema_newer", where=where, found=str(exc),
                                   known=migrate.head_revision()) from None
        except (OSError, sa.exc.SQLAlchemyError) as exc:
            if "engine" in self.__dict__:
                self.engine.dispose()
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise StoreUnavailable("store.unavailable", where=where, reason=reason) from None

    def __repr__(self) -> str:
        return f"Store({self.location.display()!r})"

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    # -- connections ---------------------------------------------------------------------------------

    def transaction(self):
        """A write transaction for other modules that keep their own tables
        in the store (``with store.transaction() as conn``): committed on
        normal exit, rolled back on an exception; SQLite takes the write lock
        at the start. Used by :mod:`kp2s_dashboard.recommendations`."""
        return self._write()

    def put_blob(self, conn: sa.Connection, content: bytes) -> str:
        """Store ``content`` once in ``blob`` inside ``conn``'s transaction;
        returns its hex SHA-256."""
        sha = sha256_hex(content)
        self._put_blob(conn, sha, content)
        return sha

    def blob_bytes(self, sha: str) -> bytes:
        """The bytes stored under ``sha``, checked against the hash.

        Raises:
            CorruptContent: missing, or the bytes do not hash to ``sha``.
        """
        with self._read() as conn:
            data = conn.execute(sa.select(blob.c.data).where(blob.c.sha256 == sha)).scalar_one_or_none()
        if data is None or sha256_hex(bytes(data)) != sha:
            raise CorruptContent("store.corrupt_blob", name=sha)
        return bytes(data)

    def _write(self):
        """A connection for a write transaction (``with store._write() as c``)."""
        return _WriteTx(self.engine)

    def _read(self):
        """A connection for reading (``with store._read() as c``); a database
        that does not answer raises :class:`StoreUnavailable`."""
        return read_connection(self.engine)

    # -- writing -------------------------------------------------------------------------------------

    def publish(self, kind: str, filename: str, content: bytes, who: str, comment: str = "",
                report: Any = None, tables: Mapping[str, Any] | None = None, *, draft: bool = False,
                expected_current: Any = ANY) -> Version:
        """Publish one file as a new version of ``kind``; see :meth:`publish_files`."""
        return self.publish_files(kind, [(filename, content)], who, comment, report, tables, draft=draft,
                                  expected_current=expected_current)

    def publish_files(self, kind: str, files: Sequence[tuple[str, bytes]], who: str, comment: str = "",
                      report: Any = None, tables: Mapping[str, Any] | None = None, *, draft: bool = False,
                      expected_current: Any = ANY) -> Version:
        """Publish a new version of ``kind`` made of ``files`` (``(name,
        original bytes)``, in order; several only for ``assessment``, whose
        version in force is the whole set of workbooks), in one transaction
        together with its validation ``report`` (any JSON value), its parsed
        ``tables`` (name → pandas DataFrame, stored as parquet) and an
        ``audit_log`` row (event ``publish``, or ``draft``).

        ``draft=True`` stores the version without putting it in force (a
        later :meth:`restore` of it publishes it). ``expected_current`` is the
        id of the version in force the editor reviewed (``None``: none);
        when given and no longer in force, nothing is written.

        Returns the new :class:`Version`.

        Raises:
            PublishError: unknown kind, no ``who``, no files, an empty file,
                a bad or repeated file name, a report that is not JSON, a
                table pyarrow cannot write.
            StaleVersion: ``expected_current`` is not the version in force.
            StoreUnavailable: the database failed.
        """
        kind = self._check_kind(kind)
        who = self._check_who(who)
        if not files:
            raise PublishError("store.no_files")
        prepared: list[tuple[str, bytes, str]] = []
        seen: set[str] = set()
        for name, content in files:
            name = _check_name(name)
            if name in seen:
                raise PublishError("store.duplicate_file_name", name=name)
            seen.add(name)
            content = bytes(content)
            if not content:
                raise PublishError("store.empty_file", name=name)
            prepared.append((name, content, sha256_hex(content)))
        report_json = self._check_report(report)
        encoded = [(str(n), *encode_table(str(n), f)) for n, f in (tables or {}).items()]
        status = "draft" if draft else "published"
        csha = content_sha256((n, s) for n, _, s in prepared)
        with self._write() as conn:
            _checkpoint("begin")
            self._lock_kind(conn, kind)
            self._check_expected(conn, kind, expected_current)
            for _name, content, sha in prepared:
                self._put_blob(conn, sha, content)
            _checkpoint("blobs")
            version_id = conn.execute(dataset_version.insert().values(
                kind=kind, status=status, created_at=datetime.now(timezone.utc), created_by=who,
                comment=comment or "", report=report_json, content_sha256=csha, restored_from=None,
                n_files=len(prepared),
            ).returning(dataset_version.c.id)).scalar_one()
            _checkpoint("version")
            conn.execute(version_file.insert(), [
                {"version_id": version_id, "position": i, "file_name": n, "sha256": s, "size": len(c)}
                for i, (n, c, s) in enumerate(prepared)])
            _checkpoint("files")
            if encoded:
                conn.execute(version_table.insert(), [
                    {"version_id": version_id, "name": n, "format": "parquet", "n_rows": rows, "columns": cols,
                     "data": data} for n, data, rows, cols in encoded])
            _checkpoint("tables")
            self._audit(conn, "draft" if draft else "publish", who, kind=kind, version_id=version_id,
                        detail={"files": [{"name": n, "sha256": s, "size": len(c)} for n, c, s in prepared],
                                "comment": comment or "", "tables": [n for n, *_ in encoded]})
            _checkpoint("audit")
            _checkpoint("commit")
        _checkpoint("committed")
        return self.get(version_id)

    def restore(self, version_id: int, who: str, comment: str = "", *, expected_current: Any = ANY) -> Version:
        """Put the content of an older version back in force as a new
        published version (same files, report and tables; ``restored_from``
        names the old version), with an audit row (event ``restore``). The
        old version and everything after it stay in history.

        Raises:
            VersionNotFound: no version ``version_id``.
            PublishError: no ``who``.
            StaleVersion: as in :meth:`publish_files`.
        """
        who = self._check_who(who)
        with self._write() as conn:
            _checkpoint("begin")
            old = conn.execute(sa.select(dataset_version).where(dataset_version.c.id == version_id)).first()
            if old is None:
                raise VersionNotFound("store.version_not_found", version_id=version_id)
            self._lock_kind(conn, old.kind)
            self._check_expected(conn, old.kind, expected_current)
            new_id = conn.execute(dataset_version.insert().values(
                kind=old.kind, status="published", created_at=datetime.now(timezone.utc), created_by=who,
                comment=comment or "", report=old.report, content_sha256=old.content_sha256,
                restored_from=old.id, n_files=old.n_files,
            ).returning(dataset_version.c.id)).scalar_one()
            _checkpoint("version")
            files = conn.execute(sa.select(version_file).where(version_file.c.version_id == old.id)).mappings().all()
            conn.execute(version_file.insert(), [{**dict(f), "version_id": new_id} for f in files])
            _checkpoint("files")
            tabs = conn.execute(sa.select(version_table).where(version_table.c.version_id == old.id)).mappings().all()
            if tabs:
                conn.execute(version_table.insert(), [{**dict(t), "version_id": new_id} for t in tabs])
            _checkpoint("tables")
            self._audit(conn, "restore", who, kind=old.kind, version_id=new_id,
                        detail={"restored_from": old.id, "comment": comment or ""})
            _checkpoint("audit")
            _checkpoint("commit")
        _checkpoint("committed")
        return self.get(new_id)

    def audit(self, event_name: str, who: str, *, kind: str | None = None, version_id: int | None = None,
              detail: Mapping[str, Any] | None = None) -> None:
        """Append an audit row (e.g. ``sign_in_failed`` with the user name
        tried). ``detail`` must be JSON-serialisable."""
        with self._write() as conn:
            self._audit(conn, event_name, who or "", kind=kind, version_id=version_id, detail=dict(detail or {}))

    # -- reading -------------------------------------------------------------------------------------

    def in_force(self, kind: str) -> Version | None:
        """The version in force for ``kind`` (newest published), or ``None``."""
        kind = self._check_kind(kind)
        newest = sa.select(sa.func.max(dataset_version.c.id)).where(
            dataset_version.c.kind == kind, dataset_version.c.status == "published")
        with self._read() as conn:
            version_id = conn.execute(newest).scalar_one()
            return self._version(conn, version_id) if version_id is not None else None

    def in_force_all(self) -> dict[str, Version]:
        """Kind → version in force, for the kinds that have one (one query
        for the ids, one per version found for its files)."""
        newest = (sa.select(dataset_version.c.kind, sa.func.max(dataset_version.c.id).label("id"))
                  .where(dataset_version.c.status == "published").group_by(dataset_version.c.kind))
        with self._read() as conn:
            ids = {row.kind: row.id for row in conn.execute(newest)}
            return {kind: self._version(conn, vid) for kind, vid in ids.items()}

    def get(self, version_id: int) -> Version:
        """The version ``version_id``.

        Raises:
            VersionNotFound: no such version.
        """
        with self._read() as conn:
            return self._version(conn, version_id)

    def versions(self, kind: str | None = None, *, include_drafts: bool = True, limit: int | None = None
                 ) -> list[Version]:
        """Versions of ``kind`` (all kinds when ``None``), newest first."""
        query = sa.select(dataset_version.c.id).order_by(dataset_version.c.id.desc())
        if kind is not None:
            query = query.where(dataset_version.c.kind == self._check_kind(kind))
        if not include_drafts:
            query = query.where(dataset_version.c.status == "published")
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            return [self._version(conn, vid) for vid in conn.execute(query).scalars()]

    def file_bytes(self, version_id: int, file_name: str | None = None) -> bytes:
        """The original bytes of a version's file (the first when
        ``file_name`` is ``None``), checked against its SHA-256.

        Raises:
            VersionNotFound: no such version or no such file in it.
            CorruptContent: the stored bytes do not match their hash.
        """
        version = self.get(version_id)
        wanted = [f for f in version.files if file_name is None or f.name == file_name]
        if not wanted:
            raise VersionNotFound("store.version_not_found", version_id=f"{version_id}/{file_name}")
        return self._blob_bytes(wanted[0])

    def tables(self, version_id: int) -> dict:
        """The parsed tables stored with a version: name → DataFrame.

        Raises:
            VersionNotFound: no such version.
        """
        self.get(version_id)
        with self._read() as conn:
            rows = conn.execute(sa.select(version_table.c.name, version_table.c.data)
                                .where(version_table.c.version_id == version_id)
                                .order_by(version_table.c.name)).all()
        return {row.name: decode_table(row.data) for row in rows}

    def audit_log(self, limit: int = 200, *, event_name: str | None = None) -> list[AuditEntry]:
        """The newest ``limit`` audit rows, newest first."""
        query = sa.select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
        if event_name is not None:
            query = query.where(audit_log.c.event == event_name)
        with self._read() as conn:
            return [AuditEntry(id=r.id, at=_utc(r.at), event=r.event, who=r.who, kind=r.kind,
                               version_id=r.version_id, detail=r.detail or {}) for r in conn.execute(query)]

    def materialise(self, version: Version) -> list[Path]:
        """Paths of the version's files in the cache folder, written when
        missing: ``<cache>/<sha256>/<original name>``, one path per file in
        order. Content-addressed, so a path never changes content; written to
        a temporary name and renamed, so a reader never sees half a file.

        Raises:
            CorruptContent: the stored bytes do not match their hash.
            OSError: the cache folder cannot be written.
        """
        out = []
        for f in version.files:
            target = self.cache_dir / f.sha256 / f.name
            if not (target.is_file() and target.stat().st_size == f.size):
                data = self._blob_bytes(f)
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.parent / f".{uuid.uuid4().hex}.tmp"
                try:
                    with open(tmp, "wb") as fh:
                        fh.write(data)
                        fh.flush()
                        os.fsync(fh.fileno())
                    os.replace(tmp, target)
                finally:
                    tmp.unlink(missing_ok=True)
            out.append(target)
        return out

    def counts(self) -> dict[str, int]:
        """Rows per table (for ``status`` and backups)."""
        from kp2s_dashboard.store.schema import TABLES

        with self._read() as conn:
            return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in TABLES}

    def verify(self) -> list[str]:
        """Check the whole store; returns the problems found (empty when
        sound), in English, each naming the version or file:

        * each version has ``n_files`` files at positions 0…n-1, its
          ``content_sha256`` matches them and an audit row names it;
        * each file's blob exists, has the recorded size and SHA-256;
        * each parsed table decodes to ``n_rows`` rows;
        * a restore points at an existing older version of the same kind.

        Reads every blob: for ``python -m kp2s_dashboard.store check`` and the
        tests, not for page loads.
        """
        problems: list[str] = []
        with self._read() as conn:
            versions = conn.execute(sa.select(dataset_version).order_by(dataset_version.c.id)).all()
            by_id = {v.id: v for v in versions}
            audited = set(conn.execute(sa.select(audit_log.c.version_id).where(
                audit_log.c.event.in_(("publish", "draft", "restore")))).scalars())
            blobs = {r.sha256: r for r in conn.execute(sa.select(blob.c.sha256, blob.c.size))}
            for v in versions:
                files = conn.execute(sa.select(version_file).where(version_file.c.version_id == v.id)
                                     .order_by(version_file.c.position)).all()
                if [f.position for f in files] != list(range(v.n_files)):
                    problems.append(f"version {v.id}: {len(files)} file rows, expected {v.n_files}")
                if content_sha256((f.file_name, f.sha256) for f in files) != v.content_sha256:
                    problems.append(f"version {v.id}: content_sha256 does not match its files")
                if v.id not in audited:
                    problems.append(f"version {v.id}: no audit row")
                if v.restored_from is not None:
                    old = by_id.get(v.restored_from)
                    if old is None or old.kind != v.kind or old.id >= v.id:
                        problems.append(f"version {v.id}: restored_from {v.restored_from} is not an older "
                                        f"version of {v.kind}")
                for f in files:
                    b = blobs.get(f.sha256)
                    if b is None:
                        problems.append(f"version {v.id} file {f.file_name}: blob {f.sha256[:12]} missing")
                        continue
                    data = conn.execute(sa.select(blob.c.data).where(blob.c.sha256 == f.sha256)).scalar_one()
                    if b.size != f.size or len(data) != f.size or sha256_hex(bytes(data)) != f.sha256:
                        problems.append(f"version {v.id} file {f.file_name}: stored bytes do not match "
                                        "their size and SHA-256")
                for t in conn.execute(sa.select(version_table).where(version_table.c.version_id == v.id)):
                    try:
                        n = len(decode_table(t.data))
                    except Exception as exc:  # pyarrow errors
                        problems.append(f"version {v.id} table {t.name}: cannot be read ({exc})")
                        continue
                    if n != t.n_rows:
                        problems.append(f"version {v.id} table {t.name}: {n} rows, expected {t.n_rows}")
        return problems

    # -- internals -----------------------------------------------------------------------------------

    @staticmethod
    def _check_kind(kind: str) -> str:
        if kind not in KINDS:
            raise PublishError("store.unknown_kind", kind=kind, expected=", ".join(KINDS))
        return kind

    @staticmethod
    def _check_who(who: str) -> str:
        if not isinstance(who, str) or not who.strip():
            raise PublishError("store.no_who")
        return who.strip()[:200]

    @staticmethod
    def _check_report(report: Any) -> Any:
        try:
            return json.loads(json.dumps(report, allow_nan=False))
        except (TypeError, ValueError) as exc:
            raise PublishError("store.bad_report", reason=str(exc)) from None

    @staticmethod
    def _lock_kind(conn: sa.Connection, kind: str) -> None:
        """Serialise writers of one kind until the transaction ends, so two
        editors cannot both pass the ``expected_current`` check. SQLite:
        ``BEGIN IMMEDIATE`` already holds the database's write lock;
        PostgreSQL: a transaction-scoped advisory lock per store schema and
        kind (stores in other schemas of the same database do not wait)."""
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:a, hashtext(current_schema() || ':' || :kind))"),
                         {"a": migrate.PG_MIGRATION_LOCK, "kind": kind})

    def _check_expected(self, conn: sa.Connection, kind: str, expected: Any) -> None:
        if expected is ANY:
            return
        found = conn.execute(sa.select(sa.func.max(dataset_version.c.id)).where(
            dataset_version.c.kind == kind, dataset_version.c.status == "published")).scalar_one()
        if found != expected:
            raise StaleVersion("store.stale", kind=kind, expected=expected, found=found)

    @staticmethod
    def _put_blob(conn: sa.Connection, sha: str, content: bytes) -> None:
        if conn.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        conn.execute(insert(blob).values(sha256=sha, size=len(content), data=content)
                     .on_conflict_do_nothing(index_elements=["sha256"]))

    def _audit(self, conn: sa.Connection, event_name: str, who: str, *, kind: str | None, version_id: int | None,
               detail: dict) -> None:
        conn.execute(audit_log.insert().values(at=datetime.now(timezone.utc), event=event_name, who=who,
                                               kind=kind, version_id=version_id, detail=detail))

    def _version(self, conn: sa.Connection, version_id: int) -> Version:
        row = conn.execute(sa.select(dataset_version).where(dataset_version.c.id == version_id)).first()
        if row is None:
            raise VersionNotFound("store.version_not_found", version_id=version_id)
        files = conn.execute(sa.select(version_file.c.file_name, version_file.c.sha256, version_file.c.size)
                             .where(version_file.c.version_id == version_id)
                             .order_by(version_file.c.position)).all()
        names = conn.execute(sa.select(version_table.c.name).where(version_table.c.version_id == version_id)
                             .order_by(version_table.c.name)).scalars().all()
        return Version(id=row.id, kind=row.kind, status=row.status, created_at=_utc(row.created_at),
                       created_by=row.created_by, comment=row.comment, report=row.report,
                       content_sha256=row.content_sha256, restored_from=row.restored_from,
                       files=tuple(StoredFile(f.file_name, f.sha256, f.size) for f in files), tables=tuple(names))

    def _blob_bytes(self, f: StoredFile) -> bytes:
        with self._read() as conn:
            data = conn.execute(sa.select(blob.c.data).where(blob.c.sha256 == f.sha256)).scalar_one_or_none()
        if data is None or sha256_hex(bytes(data)) != f.sha256:
            raise CorruptContent("store.corrupt_blob", name=f.name)
        return bytes(data)
