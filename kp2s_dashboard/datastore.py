"""The one place that decides which files the app reads.

Pages and the cache never open files themselves: they ask this module for
the current file of a kind (``prevalence``, ``targets``, ``boundaries``) and
load it through the loaders. Today every kind is served from the embedded
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
