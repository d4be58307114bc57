"""Errors of the data store. All are :class:`kp2s_dashboard.errors.KP2SError`
with a ``store.*`` message key (``kp2s_dashboard/i18n/catalogue/store.toml``), so a
page renders them in the user's language; ``str(error)`` is the English text."""

from __future__ import annotations

from kp2s_dashboard.errors import KP2SError


class StoreError(KP2SError, RuntimeError):
    """Base class: the store cannot do what was asked."""


class StoreUnavailable(StoreError):
    """The store cannot be opened (bad location, database down, no permission,
    or a schema newer than this program). ``params``: ``where``, ``reason``."""


class PublishError(StoreError, ValueError):
    """A publish or restore request that is wrong in itself (unknown kind, no
    editor name, bad file name, empty file, report not JSON…)."""


class VersionNotFound(StoreError, LookupError):
    """No version with this id. ``params``: ``version_id``."""


class StaleVersion(StoreError):
    """``expected_current`` given to publish/restore is no longer the version
    in force (someone else published meanwhile). ``params``: ``kind``,
    ``expected``, ``found``."""


class CorruptContent(StoreError):
    """Stored bytes whose SHA-256 no longer matches (damaged database)."""


class BackupError(StoreError, ValueError):
    """A file given to ``restore`` that is not a KP2S store backup, or a
    target store that is not empty (without ``replace``)."""
