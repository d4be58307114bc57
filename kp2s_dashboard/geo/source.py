"""The pinned boundary source (``geo/source.toml``), its licence and attribution.

The description of the upstream files is data: repository, commit, base URL,
licence, and per file its path, SHA-256 and output name. Nothing here touches
the network.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from kp2s_dashboard import i18n, paths
from kp2s_dashboard.errors import BoundaryError, Location

SOURCE_FILE = "source.toml"

#: Files from the same upstream that the fetch command does not produce (the
#: desa level, db/desa/…, is large and only provided in the shared folder).
_SAME_SOURCE_EXTRA = ("kalsel_desa.geojson",)


@dataclass(frozen=True)
class SourceFile:
    """One upstream file: ``level`` (``kabupaten``/``kecamatan``), ``path``
    inside the repository, its ``sha256`` (hex) and the GeoJSON ``output``
    name written by the fetch command."""

    level: str
    path: str
    sha256: str
    output: str


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

    def outputs(self) -> tuple[str, ...]:
        """Names of the files the fetch command writes (GeoJSON + licence)."""
        return tuple(f.output for f in self.files) + (self.licence_file,)


def load_source(path: str | Path | None = None) -> Source:
    """Read the source description (default ``<project>/geo/source.toml``).

    Raises:
        BoundaryError: ``geo.err_source`` when the file is missing or lacks a
            required key (the message names the file and the key).
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
            SourceFile(level=f["level"], path=f["path"], sha256=f["sha256"].lower(), output=f["output"])
            for f in data["files"]
        )
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
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise BoundaryError("geo.err_source", location, detail=f"missing key {exc}") from None


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
    return path.name in {f.output for f in src.files} | set(_SAME_SOURCE_EXTRA) and (
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
