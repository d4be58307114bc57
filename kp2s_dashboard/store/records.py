"""What the store hands back: a version (:class:`Version`, its :class:`StoredFile` entries) and an audit row.

Plain frozen values, read from the tables of :mod:`kp2s_dashboard.store.schema`
by :class:`kp2s_dashboard.store.core.Store`; times are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


@dataclass(frozen=True)
class StoredFile:
    """One file of a version: original name, hex SHA-256 and size in bytes."""

    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Version:
    """One dataset version as stored (see :mod:`kp2s_dashboard.store.schema`).

    ``created_at`` is timezone-aware UTC; ``report`` is the JSON value given
    when publishing (``None`` when none); ``files`` are in publishing order;
    ``tables`` are the names of the parsed tables stored with it.
    """

    id: int
    kind: str
    status: str
    created_at: datetime
    created_by: str
    comment: str
    report: Any
    content_sha256: str
    restored_from: int | None
    files: tuple[StoredFile, ...]
    tables: tuple[str, ...]

    @property
    def file_name(self) -> str:
        """Name of the first (for most kinds the only) file."""
        return self.files[0].name

    @property
    def sha256(self) -> str:
        """SHA-256 of the only file, or of the set (``content_sha256``) when
        a version has several files."""
        return self.files[0].sha256 if len(self.files) == 1 else self.content_sha256

    @property
    def size(self) -> int:
        """Total bytes of the version's files."""
        return sum(f.size for f in self.files)


@dataclass(frozen=True)
class AuditEntry:
    """One audit log row; ``at`` is timezone-aware UTC, ``detail`` a dict."""

    id: int
    at: datetime
    event: str
    who: str
    kind: str | None
    version_id: int | None
    detail: dict
