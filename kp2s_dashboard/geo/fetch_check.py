"""Content checks of downloaded boundary SQL rows (used by :mod:`kp2s_dashboard.geo.fetch`).

A pinned file is trusted through its SHA-256. A file that is not pinned yet
(no ``sha256`` in ``geo/source.toml``) is only downloaded on request, and
then its *content* is what is checked:

* every row's ``kode`` is a Kemendagri code of the file's level
  (``63.01`` kabupaten, ``63.01.01`` kecamatan, ``63.01.01.2001`` desa)
  inside the area named by the file name (``…_kel_63.01.sql``: inside the
  kabupaten 63.01; ``…_kec_63.sql``: inside the province 63);
* no ``kode`` occurs twice, within one file or across the files that make
  one output;
* at the desa level, every code is a desa/kelurahan of the province's
  registry ``data/wilayah_kode.csv`` (the same file
  :mod:`kp2s_dashboard.subdistrict.areas` reads; its source is the same
  upstream repository, see ``data/wilayah_kode.md``).

The first two checks run for every file (pinned or not); they cost nothing
and catch a wrong path in ``source.toml``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from kp2s_dashboard import paths
from kp2s_dashboard.errors import BoundaryError, FetchError, Location
from kp2s_dashboard.geo.source import SourceFile

#: The registry of kecamatan and desa codes under ``data/`` (columns ``kode``, ``level``, …).
WILAYAH_FILE = "wilayah_kode.csv"

#: A Kemendagri code of each level, with dots.
KODE_PATTERNS = {
    "kabupaten": re.compile(r"\d{2}\.\d{2}"),
    "kecamatan": re.compile(r"\d{2}\.\d{2}\.\d{2}"),
    "desa": re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}"),
}
_EXAMPLES = {"kabupaten": "63.01", "kecamatan": "63.01.01", "desa": "63.01.01.2001"}
_FILE_AREA = re.compile(r"_(\d{2}(?:\.\d{2})*)\.sql$", re.IGNORECASE)
_LISTED = 10


def file_area(file: SourceFile) -> str:
    """The area code in the file's name: ``"63.01"`` for
    ``db/kel/63/wilayah_boundaries_kel_63.01.sql``, ``"63"`` for
    ``db/kab/wilayah_boundaries_kab_63.sql``.

    Raises:
        BoundaryError: ``geo.err_source`` when the name ends in no code.
    """
    match = _FILE_AREA.search(Path(file.path).name)
    if match is None:
        raise BoundaryError(
            "geo.err_source", Location(file=file.path),
            detail=f"{file.path}: the file name does not end in an area code such as _63.01.sql",
        )
    return match.group(1)


def check_rows(file: SourceFile, rows: list[dict[str, Any]]) -> int:
    """Check that every row of ``file`` is a ``file.level`` code inside
    :func:`file_area` and that no code occurs twice; returns the row count.

    Raises:
        FetchError: ``err.fetch_kode_outside`` (params ``kode``, ``level``,
            ``area``, ``example``) or ``err.fetch_duplicate_kode`` (``kode``,
            ``first``, ``second``), located at ``file.path``.
    """
    area = file_area(file)
    pattern = KODE_PATTERNS[file.level]
    seen: set[str] = set()
    for row in rows:
        kode = str(row.get("kode", ""))
        if not (pattern.fullmatch(kode) and kode.startswith(area + ".")):
            raise FetchError(
                "err.fetch_kode_outside", Location(file=file.path),
                kode=kode, level=file.level, area=area, example=_EXAMPLES[file.level],
            )
        if kode in seen:
            raise FetchError(
                "err.fetch_duplicate_kode", Location(file=file.path), kode=kode, first=file.path, second=file.path
            )
        seen.add(kode)
    return len(rows)


def merge_rows(parts: list[tuple[SourceFile, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    """The rows of several files of one output, concatenated in file order.

    Raises:
        FetchError: ``err.fetch_duplicate_kode`` naming the kode and both
            files when a code occurs in two files.
    """
    owner: dict[str, str] = {}
    merged: list[dict[str, Any]] = []
    for file, rows in parts:
        for row in rows:
            kode = str(row.get("kode", ""))
            if kode in owner:
                raise FetchError(
                    "err.fetch_duplicate_kode", Location(file=file.path),
                    kode=kode, first=owner[kode], second=file.path,
                )
            owner[kode] = file.path
            merged.append(row)
    return merged


def registry_desa(path: str | Path | None = None) -> tuple[Path, set[str]]:
    """(the registry file, the desa/kelurahan codes it lists).

    ``path`` defaults to ``data/wilayah_kode.csv``; read as text, as
    :func:`kp2s_dashboard.subdistrict.areas.area_registry` reads it.

    Raises:
        BoundaryError: ``geo.err_source`` when the file cannot be read or
            lacks the columns ``kode`` and ``level``.
    """
    path = Path(path) if path is not None else Path(paths.DATA_DIR) / WILAYAH_FILE
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        return path, set(frame.loc[frame["level"] == "desa", "kode"])
    except (OSError, ValueError, KeyError) as exc:
        raise BoundaryError("geo.err_source", Location(file=str(path)), detail=str(exc)) from None


def check_registry(
    kodes: list[str], areas: list[str], path: str | Path | None = None
) -> tuple[Path, list[str]]:
    """Check desa ``kodes`` against the registry (:func:`registry_desa`).

    Args:
        kodes: the converted desa codes (``"63.01.01.2001"``).
        areas: the kabupaten/kota codes the download covers (``"63.01"``);
            registry desa of these areas absent from ``kodes`` are returned.

    Returns:
        (the registry file, sorted codes of the registry's desa in ``areas``
        that the download lacks).

    Raises:
        FetchError: ``err.fetch_kode_unknown`` (params ``n``, ``values``: the
            first ten codes, ``registry``) when a code is not in the registry.
    """
    registry_path, known = registry_desa(path)
    got = set(kodes)
    unknown = sorted(got - known)
    if unknown:
        raise FetchError(
            "err.fetch_kode_unknown", Location(file=str(registry_path)),
            n=len(unknown), values=listed(unknown), registry=registry_path.name,
        )
    prefixes = tuple(a + "." for a in areas)
    missing = sorted(k for k in known if k.startswith(prefixes) and k not in got)
    return registry_path, missing


def listed(values: list[str]) -> str:
    """The first ten ``values`` joined by commas, with `` …`` when there are more."""
    return ", ".join(values[:_LISTED]) + (" …" if len(values) > _LISTED else "")
