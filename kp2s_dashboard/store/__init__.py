"""The KP2S data store: every published dataset version with its original
bytes, SHA-256, file name, editor, time, comment, validation report and
parsed tables, plus an audit log, in SQLite (default) or PostgreSQL.

Use::

    from kp2s_dashboard.store import Store
    store = Store()                 # location from KP2S_STORE / secrets / default
    v = store.publish("prevalence", "prevalensi_2025.xlsx", content, who="budi",
                      comment="SSGI 2024 corrected", report=report_dict,
                      tables={"prevalence": frame}, expected_current=previous_id)
    store.versions("prevalence"); store.get(v.id); store.restore(v.id - 1, "budi", "undo")

The dashboard reads the version in force through
:mod:`kp2s_dashboard.store.datastore`. Commands: ``python -m kp2s_dashboard.store
{where,upgrade,versions,backup OUT,restore IN}``. Tables and the reasons for
their shape: :mod:`kp2s_dashboard.store.schema`; location rules:
:mod:`kp2s_dashboard.store.location`.
"""

from kp2s_dashboard.store.content import content_sha256, sha256_hex
from kp2s_dashboard.store.core import ANY, Store
from kp2s_dashboard.store.errors import (
    BackupError,
    CorruptContent,
    PublishError,
    StaleVersion,
    StoreError,
    StoreUnavailable,
    VersionNotFound,
)
from kp2s_dashboard.store.location import Location, StoreConfigError, resolve
from kp2s_dashboard.store.records import AuditEntry, StoredFile, Version
from kp2s_dashboard.store.schema import KINDS

__all__ = [
    "ANY", "AuditEntry", "BackupError", "CorruptContent", "KINDS", "Location", "PublishError", "StaleVersion",
    "Store", "StoreConfigError", "StoreError", "StoreUnavailable", "StoredFile", "Version", "VersionNotFound",
    "content_sha256", "resolve", "sha256_hex",
]
