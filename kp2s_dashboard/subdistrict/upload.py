"""Checking an uploaded e-PPGBM wilayah export or desa lokus list before it
is published (kinds ``eppgbm_wilayah`` and ``lokus_desa`` of the store):
the upload guard (:func:`kp2s_dashboard.sheets.uploads.check_upload`), then
the loader, and the version's figures for the *Kelola data* preview.

The figures follow the Kelola registry's long form (``code`` str: the
district's BPS code ``"6303"``; ``year`` Int64; ``item`` str; ``value``
float64); both kinds are registered with these functions in
:mod:`kp2s_dashboard.store.kind_wilayah`. The catalogue keys
``kelola.kind_*`` and ``kelola.read_ok_*`` of both kinds are in
``catalogue/wilayah.toml``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from kp2s_dashboard.subdistrict.loader import AreaLoad, load_areas
from kp2s_dashboard.subdistrict.lokus import LokusLoad, load_lokus

FIGURE_COLUMNS = ["code", "year", "item", "value"]


def _read(name: str, content: bytes, loader):
    from kp2s_dashboard.sheets import uploads

    checked = uploads.check_upload(name, content)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{Path(name).suffix.lower()}"
        path.write_bytes(content)
        result = loader(path, name=name)
    result.problems[:0] = checked.notes
    return result


def check_areas_upload(name: str, content: bytes) -> AreaLoad:
    """Read an uploaded e-PPGBM wilayah export as it would be read in force.
    Errors block publishing (:meth:`AreaLoad.raise_for_errors`); the guard's
    notes come first in ``problems`` as warnings.

    Raises:
        DataError: refused by the upload guard, or unreadable / no header
            (as :func:`kp2s_dashboard.subdistrict.loader.load_areas`).
    """
    return _read(name, content, load_areas)


def check_lokus_upload(name: str, content: bytes) -> LokusLoad:
    """Read an uploaded desa lokus list as it would be read in force (as
    :func:`check_areas_upload`, with :func:`~kp2s_dashboard.subdistrict.lokus.load_lokus`)."""
    return _read(name, content, load_lokus)


def _bps(kode: pd.Series) -> pd.Series:
    return kode.astype(str).str.replace(".", "", regex=False)


def area_figures(table: pd.DataFrame) -> pd.DataFrame:
    """The counts of a wilayah table as figures per district and year:
    ``item`` ``"<level> <kode or puskesmas name> <period> · measured"``
    (and ``· stunted``, ``· registered`` when given), ``value`` the count."""
    parts = []
    for column in ("measured", "stunted", "registered"):
        rows = table[table[column].notna()] if column == "registered" else table
        area = rows["kode_wilayah"].where(rows["kode_wilayah"] != "", rows["name"])
        parts.append(pd.DataFrame({
            "code": _bps(rows["district_code"]), "year": rows["year"],
            "item": rows["level"] + " " + area + " " + rows["period"] + " · " + column,
            "value": rows[column].astype("float64")}))
    return _typed(pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=FIGURE_COLUMNS))


def lokus_figures(table: pd.DataFrame) -> pd.DataFrame:
    """A lokus table as figures: one per district, year and desa
    (``item`` ``"lokus <kode desa> <name>"``, ``value`` 1)."""
    return _typed(pd.DataFrame({"code": _bps(table["district_code"]), "year": table["year"],
                                "item": "lokus " + table["kode_wilayah"] + " " + table["name"], "value": 1.0}))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[FIGURE_COLUMNS].copy()
    out["code"] = out["code"].astype(str)
    out["year"] = pd.array(out["year"].tolist(), dtype="Int64")
    out["item"] = out["item"].astype(str)
    out["value"] = pd.to_numeric(out["value"], errors="coerce").astype("float64")
    return out.reset_index(drop=True)
