"""The two kinds below the district, registered in
:data:`kp2s_dashboard.store.kinds.REGISTRY` (issue 12):

============== ===================================================== ===========================================
kind           loader                                                figures (item, value)
============== ===================================================== ===========================================
eppgbm_wilayah :func:`kp2s_dashboard.subdistrict.loader.load_areas`   counts per kecamatan/puskesmas/desa and
                                                                     period (:func:`~kp2s_dashboard.subdistrict.upload.area_figures`)
lokus_desa     :func:`kp2s_dashboard.subdistrict.lokus.load_lokus`    one per desa lokus and year, value 1
                                                                     (:func:`~kp2s_dashboard.subdistrict.upload.lokus_figures`)
============== ===================================================== ===========================================

Each upload passes the upload guard and is read by the loader that reads it
in force (:mod:`kp2s_dashboard.subdistrict.upload`): a row the loader
refuses is an error that blocks publishing, never a row silently dropped;
the loader's warnings (an area matching no kode wilayah, a small
denominator) need the editor's confirmation as every kind's do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.store.kind_checks import SHEETS, _problems, _safe_name
from kp2s_dashboard.store.kinds import Candidate, Context, KindSpec, empty_figures, register


def _check(kind: str, name: str, content: bytes, checker) -> Candidate:
    c = Candidate(kind=kind, name=name, content=content)
    if not _safe_name(c):
        return c
    try:
        loaded = checker(c.name, content)
    except KP2SError as exc:
        c.errors = _problems(exc)
        return c
    c.errors = loaded.errors
    c.warnings = [p for p in loaded.problems if p.severity != "error"]
    c.tables = {kind: loaded.table}
    c.files = [(c.name, content)]
    c.summary = (f"kelola.read_ok_{kind}", {"rows": len(loaded.table)})
    return c


def _check_areas(name: str, content: bytes, ctx: Context) -> Candidate:
    from kp2s_dashboard.subdistrict.upload import check_areas_upload

    return _check("eppgbm_wilayah", name, content, check_areas_upload)


def _check_lokus(name: str, content: bytes, ctx: Context) -> Candidate:
    from kp2s_dashboard.subdistrict.upload import check_lokus_upload

    return _check("lokus_desa", name, content, check_lokus_upload)


def _area_figures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    from kp2s_dashboard.subdistrict.upload import area_figures

    t = tables.get("eppgbm_wilayah")
    return empty_figures() if t is None or t.empty else area_figures(t)


def _lokus_figures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    from kp2s_dashboard.subdistrict.upload import lokus_figures

    t = tables.get("lokus_desa")
    return empty_figures() if t is None or t.empty else lokus_figures(t)


def _read_areas(paths: list[Path], options: dict[str, Any]) -> dict[str, pd.DataFrame]:
    from kp2s_dashboard.subdistrict.loader import load_areas

    return {"eppgbm_wilayah": load_areas(paths[0]).table}


def _read_lokus(paths: list[Path], options: dict[str, Any]) -> dict[str, pd.DataFrame]:
    from kp2s_dashboard.subdistrict.lokus import load_lokus

    return {"lokus_desa": load_lokus(paths[0]).table}


register(KindSpec("eppgbm_wilayah", "kelola.kind_eppgbm_wilayah", SHEETS, _check_areas, _area_figures, _read_areas))
register(KindSpec("lokus_desa", "kelola.kind_lokus_desa", SHEETS, _check_lokus, _lokus_figures, _read_lokus))
