"""The one place that decides which files the app reads.

Pages and the cache never open files themselves: they ask this module for
the current file of a kind (``prevalence``, ``targets``, ``boundaries``,
``published``, ``eppgbm_wilayah``, ``lokus_desa``) or the current set of files of a kind made of several
(``assessment``: the assessment workbooks in force) and load them through
the loaders.

For each kind, the newest version published in the data store
(:mod:`kp2s_dashboard.store`) is in force; its original bytes are written
once to a content-addressed file in the store's cache folder
(``<cache>/<sha256>/<original name>``) and that path is returned, with a
stamp made of the version id and size, so the caches keyed on ``(path,
stamp)`` pick up a new version without a restart. When the store holds no
version of a kind, the embedded default in ``data/`` is served (and
boundaries come from ``KP2S_GEO_DIR`` or ``geo/``), exactly as before the
store existed. ``regions`` (the region registry) is always the embedded
file.

The store is opened on first use (creating the default SQLite file
``var/kp2s.sqlite`` when nothing else is configured). When that default
file cannot be created (a read-only installation), the embedded data are
served and a warning is logged, since nothing can have been published there;
a configured store that cannot be opened raises
:class:`kp2s_dashboard.store.StoreUnavailable` instead of silently showing
stale figures.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kp2s_dashboard import paths

if TYPE_CHECKING:
    from kp2s_dashboard.store import Store, Version

log = logging.getLogger(__name__)

DEFAULT_FILES = {
    "prevalence": "prevalence.csv",
    "targets": "targets.csv",
    "regions": "regions.csv",
    "published": "kp2s_results.csv",
    # issue 12: synthetic demonstration files (marked inside; the UI shows
    # "Data contoh — bukan hasil resmi") until a district's export is published
    "eppgbm_wilayah": "demo/eppgbm_wilayah/contoh_eppgbm_wilayah.xlsx",
    "lokus_desa": "demo/eppgbm_wilayah/contoh_lokus_desa.xlsx",
}

#: Kinds made of several files: folder under ``data/`` and the file patterns.
#: ``assessment`` is today the three synthetic demonstration workbooks
#: (``data/demo``, marked synthetic inside the files); workbooks published
#: from the browser will replace them.
DEFAULT_SETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "assessment": ("demo", ("*.xlsx", "*.xlsm", "*.xls", "*.ods")),
}


@dataclass(frozen=True)
class DataFile:
    """A file the app reads.

    ``stamp`` changes whenever the file does: modification time in ns and
    size for a file on disk, ``(version id, size)`` for a version from the
    store. Caches key on ``(path, stamp)`` so a new version is picked up
    without a restart. ``is_default`` is True for the embedded data;
    ``version_id`` is the store version served (``None`` when not from the
    store). ``options`` are the loader answers stored with the version
    (``report["options"]``, e.g. ``(("indicator", "stunting"), ("source",
    "ssgi"))`` for a wide prevalence table whose year columns name no
    survey), as sorted ``(name, value)`` pairs so caches can key on them.
    """

    kind: str
    path: Path
    is_default: bool
    stamp: tuple[int, int]
    version_id: int | None = None
    options: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        return self.path.name


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return (st.st_mtime_ns, st.st_size)


_STORES: dict[tuple[str, str], "Store | None"] = {}
_STORES_LOCK = threading.Lock()


def store() -> "Store | None":
    """The data store in force (see :mod:`kp2s_dashboard.store.location`),
    opened once per location and process; ``None`` only when the default
    SQLite file cannot be created.

    Raises:
        kp2s_dashboard.store.StoreUnavailable: a configured store cannot be
            opened, or its location cannot be understood.
    """
    from kp2s_dashboard.store import Store, StoreConfigError, StoreUnavailable, location

    try:
        where = location.resolve()
    except StoreConfigError as exc:
        raise StoreUnavailable("store.bad_location", reason=str(exc)) from None
    key = (str(where.url), str(location.cache_dir(where)))
    with _STORES_LOCK:
        if key in _STORES:
            return _STORES[key]
        try:
            opened: Store | None = Store(where)
        except StoreUnavailable as exc:
            if where.origin != "default":
                raise
            log.warning("%s Serving the embedded data in data/.", exc)
            opened = None
        _STORES[key] = opened
        return opened


#: Returns the current "scope" (e.g. the web layer's script run) within
#: which the answer of :func:`in_force` may be reused, or ``None`` for none.
_scope = lambda: None  # noqa: E731
_memo = threading.local()


def remember_within(scope) -> None:
    """Reuse :func:`in_force`'s answer for a kind while ``scope()`` returns
    the same object (not ``None``): the web layer passes its current script
    run, so a page asking for five files queries the store once per kind and
    run, and a version published since is seen on the next run."""
    global _scope
    _scope = scope


def in_force(kind: str) -> "Version | None":
    """The store version in force for ``kind``, or ``None`` when the store
    has none (the embedded default is then served) or ``kind`` is not kept
    in the store (``regions``). Within one scope of :func:`remember_within`,
    the store is asked once per kind.

    Raises:
        kp2s_dashboard.store.StoreUnavailable: as :func:`store`.
    """
    from kp2s_dashboard.store import KINDS

    if kind not in KINDS:
        return None
    scope = _scope()
    memo = getattr(_memo, "value", None)
    if scope is not None and memo is not None and memo[0] is scope and kind in memo[1]:
        return memo[1][kind]
    opened = store()
    version = opened.in_force(kind) if opened is not None else None
    if scope is not None:
        if memo is None or memo[0] is not scope:
            memo = _memo.value = (scope, {})
        memo[1][kind] = version
    return version


def _from_store(kind: str) -> list[DataFile] | None:
    version = in_force(kind)
    if version is None:
        return None
    opened = store()
    files = opened.materialise(version)
    report = version.report if isinstance(version.report, dict) else {}
    answers = report.get("options") if isinstance(report.get("options"), dict) else {}
    options = tuple(sorted((str(k), str(v)) for k, v in answers.items() if v is not None))
    return [DataFile(kind=kind, path=p, is_default=False, stamp=(version.id, f.size), version_id=version.id,
                     options=options) for p, f in zip(files, version.files)]


def current(kind: str) -> DataFile:
    """The file currently in force for ``kind``: the newest published store
    version's file, else the embedded default.

    Raises:
        KeyError: unknown kind.
        FileNotFoundError: the embedded default is missing (a broken
            installation, not a user error).
        kp2s_dashboard.store.StoreUnavailable: the configured store cannot be
            opened.
    """
    default = DEFAULT_FILES[kind]
    stored = _from_store(kind)
    if stored:
        return stored[0]
    path = paths.DATA_DIR / default
    return DataFile(kind=kind, path=path, is_default=True, stamp=_stamp(path))


def exists(kind: str) -> bool:
    """Whether a file of a single-file ``kind`` is in force (e.g. the
    published results, which an installation may lack): a store version or
    the embedded default."""
    if in_force(kind) is not None:
        return True
    return (paths.DATA_DIR / DEFAULT_FILES[kind]).is_file()


def current_files(kind: str) -> list[DataFile]:
    """The files currently in force for a kind made of several files
    (``assessment``), sorted by name; an empty list when there are none. The
    files of the newest published store version when there is one, else
    the embedded defaults.

    Raises:
        KeyError: unknown kind.
        kp2s_dashboard.store.StoreUnavailable: the configured store cannot be
            opened.
    """
    folder, patterns = DEFAULT_SETS[kind]
    stored = _from_store(kind)
    if stored:
        return sorted(stored, key=lambda f: f.name)
    base = paths.DATA_DIR / folder
    found = sorted({p for pattern in patterns for p in base.glob(pattern) if p.is_file() and not p.name.startswith("~$")})
    return [DataFile(kind=kind, path=p, is_default=True, stamp=_stamp(p)) for p in found]


def boundary_file() -> DataFile | None:
    """The district boundary file in force: the newest published store
    version of ``boundaries``, else the file found in ``KP2S_GEO_DIR`` or the
    project's ``geo/`` (see :func:`kp2s_dashboard.geo.find_boundary_file`),
    else ``None``."""
    from kp2s_dashboard import geo

    stored = _from_store("boundaries")
    if stored:
        return stored[0]
    path = geo.find_boundary_file()
    if path is None:
        return None
    return DataFile(kind="boundaries", path=path, is_default=False, stamp=_stamp(path))
