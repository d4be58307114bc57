"""The one place that decides which files the app reads.

Pages and the cache never open files themselves: they ask this module for
the current file of a kind (``prevalence``, ``targets``, ``boundaries``,
``published``) or the current set of files of a kind made of several
(``assessment``: the assessment workbooks in force) and load them through
the loaders. Today every kind is served from the embedded
defaults in ``data/`` (and boundaries from ``KP2S_GEO_DIR`` or ``geo/``).
When data editors can publish new versions from the browser, the newest
published version of a kind will be returned here instead of the default,
with no change to the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kp2s_dashboard import paths

DEFAULT_FILES = {
    "prevalence": "prevalence.csv",
    "targets": "targets.csv",
    "regions": "regions.csv",
    "published": "kp2s_results.csv",
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

    ``stamp`` (modification time in ns and size) changes whenever the file
    does; caches key on ``(path, stamp)`` so a new version is picked up
    without a restart. ``is_default`` is True for the embedded data.
    """

    kind: str
    path: Path
    is_default: bool
    stamp: tuple[int, int]

    @property
    def name(self) -> str:
        return self.path.name


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return (st.st_mtime_ns, st.st_size)


def current(kind: str) -> DataFile:
    """The file currently in force for ``kind``.

    Raises:
        KeyError: unknown kind.
        FileNotFoundError: the embedded default is missing (a broken
            installation, not a user error).
    """
    path = paths.DATA_DIR / DEFAULT_FILES[kind]
    return DataFile(kind=kind, path=path, is_default=True, stamp=_stamp(path))


def exists(kind: str) -> bool:
    """Whether a file of a single-file ``kind`` is in force (e.g. the
    published results, which an installation may lack)."""
    return (paths.DATA_DIR / DEFAULT_FILES[kind]).is_file()


def current_files(kind: str) -> list[DataFile]:
    """The files currently in force for a kind made of several files
    (``assessment``), sorted by name; an empty list when there are none.

    Raises:
        KeyError: unknown kind.
    """
    folder, patterns = DEFAULT_SETS[kind]
    base = paths.DATA_DIR / folder
    found = sorted({p for pattern in patterns for p in base.glob(pattern) if p.is_file() and not p.name.startswith("~$")})
    return [DataFile(kind=kind, path=p, is_default=True, stamp=_stamp(p)) for p in found]


def boundary_file() -> DataFile | None:
    """The district boundary file in force (``KP2S_GEO_DIR`` or the project's
    ``geo/``, see :func:`kp2s_dashboard.geo.find_boundary_file`), or ``None``
    when there is none."""
    from kp2s_dashboard import geo

    path = geo.find_boundary_file()
    if path is None:
        return None
    return DataFile(kind="boundaries", path=path, is_default=False, stamp=_stamp(path))
