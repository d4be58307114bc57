"""The pinned boundary source (``geo/source.toml``), its licence and attribution.

The description of the upstream files is data: repository, commit, base URL,
licence, and per file its path, SHA-256 and output name. Nothing here touches
the network.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kp2s_dashboard import i18n, paths
from kp2s_dashboard.errors import BoundaryError, Location
from kp2s_dashboard.geo.files import LEVELS

SOURCE_FILE = "source.toml"

_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class SourceFile:
    """One upstream file: ``level`` (``kabupaten``/``kecamatan``/``desa``),
    ``path`` inside the repository, its ``sha256`` (64 hex digits, or
    ``None`` while the file is not pinned by checksum) and the GeoJSON
    ``output`` name written by the fetch command. Several files may share one
    ``output`` (the desa level: one SQL file per kabupaten/kota, one GeoJSON)."""

    level: str
    path: str
    sha256: str | None
    output: str

    @property
    def pinned(self) -> bool:
        """True when the file has a SHA-256 in ``source.toml``."""
        return self.sha256 is not None


@dataclass(frozen=True)
class Source:
    """The pinned source described by ``geo/source.toml``."""

    repository: str
    homepage: str
    base_url: str
    commit: str
    licence: str
    copyright: str
    licence_file: str
    files: tuple[SourceFile, ...]
    folder: Path
    #: Levels that ``fetch`` without ``--level`` downloads (``[source] default_levels``).
    default_levels: tuple[str, ...] = ("kabupaten", "kecamatan")

    def url(self, file: SourceFile, base_url: str | None = None) -> str:
        """Download URL of ``file``: ``{base_url}/{commit}/{path}``.

        ``base_url`` overrides the configured host part (tests point it at a
        local server)."""
        base = (base_url or self.base_url).rstrip("/")
        return f"{base}/{self.commit}/{file.path.lstrip('/')}"

    @property
    def licence_path(self) -> Path:
        """The committed copy of the upstream licence."""
        return self.folder / self.licence_file

    @property
    def levels(self) -> tuple[str, ...]:
        """The levels that have at least one file, in file order."""
        return tuple(dict.fromkeys(f.level for f in self.files))

    def files_for(self, levels: Iterable[str] | None = None) -> tuple[SourceFile, ...]:
        """The files of ``levels`` (default :attr:`default_levels`), in file order."""
        wanted = set(self.default_levels if levels is None else levels)
        return tuple(f for f in self.files if f.level in wanted)

    def outputs(self, levels: Iterable[str] | None = None) -> tuple[str, ...]:
        """Names of the files the fetch command writes for ``levels`` (default
        :attr:`default_levels`): each GeoJSON once, then the licence."""
        names = dict.fromkeys(f.output for f in self.files_for(levels))
        return tuple(names) + (self.licence_file,)


def load_source(path: str | Path | None = None) -> Source:
    """Read the source description (default ``<project>/geo/source.toml``).

    A ``[[files]]`` entry without ``sha256`` is a file that is not pinned by
    checksum yet (``SourceFile.sha256`` is ``None``); the fetch command
    refuses it unless asked to check its content instead.

    Raises:
        BoundaryError: ``geo.err_source`` when the file is missing, lacks a
            required key, has a ``sha256`` that is not 64 hex digits, an
            unknown level, a level in ``default_levels`` without files, or
            one ``output`` shared by files of different levels (the message
            names the file and the problem).
    """
    path = Path(path) if path is not None else paths.project_geo_dir() / SOURCE_FILE
    location = Location(file=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BoundaryError("geo.err_source", location, detail=str(exc)) from None
    try:
        head = data["source"]
        files = tuple(
            SourceFile(
                level=f["level"],
                path=f["path"],
                sha256=f["sha256"].lower() if f.get("sha256") is not None else None,
                output=f["output"],
            )
            for f in data["files"]
        )
        default_levels = tuple(head.get("default_levels", ("kabupaten", "kecamatan")))
        problem = _check_files(files, default_levels)
        if problem:
            raise BoundaryError("geo.err_source", location, detail=problem)
        return Source(
            repository=head["repository"],
            homepage=head["homepage"],
            base_url=head["base_url"],
            commit=head["commit"],
            licence=head["licence"],
            copyright=head["copyright"],
            licence_file=head["licence_file"],
            files=files,
            folder=path.parent,
            default_levels=default_levels,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise BoundaryError("geo.err_source", location, detail=f"missing key {exc}") from None


def _check_files(files: tuple[SourceFile, ...], default_levels: tuple[str, ...]) -> str | None:
    """What is wrong with the ``[[files]]`` entries, or None."""
    level_of: dict[str, str] = {}
    for file in files:
        if file.level not in LEVELS:
            return f"{file.path}: level {file.level!r} is not one of {', '.join(LEVELS)}"
        if file.sha256 is not None and not _SHA256.fullmatch(file.sha256):
            return f"{file.path}: sha256 {file.sha256!r} is not 64 hex digits"
        if level_of.setdefault(file.output, file.level) != file.level:
            return f"{file.output} is the output of two levels ({level_of[file.output]}, {file.level})"
    missing = [lv for lv in default_levels if lv not in {f.level for f in files}]
    if missing:
        return f"default_levels {missing} have no [[files]] entry"
    return None


def licence_text(lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """What the app shows about the boundary licence: a heading in ``lang``
    followed by the upstream licence verbatim (legal text is not translated).

    Source: the MIT licence of cahyadsn/wilayah_boundaries, (c) 2024 Cahya DSN,
    kept in ``geo/LICENSE-wilayah_boundaries``.

    Raises:
        BoundaryError: ``geo.err_source`` when the licence file is missing.
    """
    src = load_source()
    try:
        body = src.licence_path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise BoundaryError("geo.err_source", Location(file=str(src.licence_path)), detail=str(exc)) from None
    heading = i18n.t("geo.licence_heading", lang, repository=src.repository, licence=src.licence)
    return f"{heading}\n\n{body}\n"


def is_pinned_file(path: str | Path) -> bool:
    """True when ``path`` is one of the files the fetch command produces
    (same name as a ``[[files]].output``) and the upstream licence file sits
    next to it, i.e. it came from the pinned source."""
    path = Path(path)
    src = load_source()
    return path.name in {f.output for f in src.files} and (
        path.parent / src.licence_file
    ).is_file()


def attribution(lang: str = i18n.DEFAULT_LANGUAGE, path: str | Path | None = None) -> str:
    """One line of attribution for a map drawn from the boundary file ``path``.

    With ``path=None`` (or a file from the pinned source, see
    :func:`is_pinned_file`) the line credits cahyadsn/wilayah_boundaries
    (MIT, (c) 2024 Cahya DSN) at the pinned commit; for any other file it
    names the user-supplied file instead, since the upstream credit would
    then be wrong.
    """
    src = load_source()
    if path is not None and not is_pinned_file(path):
        return i18n.t("geo.attribution_user", lang, file=Path(path).name)
    return i18n.t(
        "geo.attribution",
        lang,
        repository=src.repository,
        commit=src.commit[:7],
        licence=src.licence,
        copyright=src.copyright,
    )
