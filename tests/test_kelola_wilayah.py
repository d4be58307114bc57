"""Kelola data for the two kinds below the district (issue 9 × issue 12): an
e-PPGBM wilayah export and a desa lokus list are checked by the loaders that
read them in force, previewed per desa against the version in force,
published, read back by the Kecamatan & desa page's loader, and restored."""

from __future__ import annotations

import io

import openpyxl
import pytest
from test_kelola_kinds import env, preview, publish, restore, signed_in, texts, upload  # noqa: F401

from kp2s_dashboard import paths
from kp2s_dashboard.store import datastore, kinds
from kp2s_dashboard.subdistrict.loader import load_areas
from kp2s_dashboard.subdistrict.lokus import load_lokus

DEMO = paths.DATA_DIR / "demo" / "eppgbm_wilayah"
AREAS = (DEMO / "contoh_eppgbm_wilayah.xlsx").read_bytes()
LOKUS = (DEMO / "contoh_lokus_desa.xlsx").read_bytes()


def edited(content: bytes, *changes: tuple[str, str, object]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    for sheet, cell, value in changes:
        book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _benua_lawas_2023() -> tuple[int, int]:
    """(measured, stunted) of desa Benua Lawas (63.01.01.2001), 2023-08, as the
    loader reads the export in force for the Kecamatan & desa page."""
    table = load_areas(datastore.current("eppgbm_wilayah").path).table
    row = table[(table["kode_wilayah"] == "63.01.01.2001") & (table["period"] == "2023-08")]
    assert len(row) == 1
    return int(row.iloc[0]["measured"]), int(row.iloc[0]["stunted"])


def test_both_kinds_are_offered_with_their_names():
    assert {"eppgbm_wilayah", "lokus_desa"} <= set(kinds.kinds())
    assert kinds.spec("eppgbm_wilayah").label_key == "kelola.kind_eppgbm_wilayah"


def test_eppgbm_wilayah_report_preview_publish_read_back_restore(env):
    assert _benua_lawas_2023() == (83, 13)  # the embedded sample
    v1 = env.publish("eppgbm_wilayah", "contoh_eppgbm_wilayah.xlsx", AREAS, "budi", "baseline")
    at = signed_in("eppgbm_wilayah")
    upload(at, "eppgbm_wilayah", "eppgbm_2023.xlsx", edited(AREAS, ("Desa", "H4", 90), ("Kecamatan", "G4", 1346)))
    assert "File read: 4640 area rows (kecamatan, puskesmas, desa)." in texts(at)
    assert "New: 0 · changed: 2 · removed: 0" in texts(at)  # the desa and its kecamatan's total
    rows = sorted(preview(at), key=lambda r: r["Figure"])
    assert [(r["District"], r["Year"], r["Change"], r["Old"], r["New"]) for r in rows] == [
        ("Tanah Laut", "2023", "changed", "83", "90"), ("Tanah Laut", "2023", "changed", "1,339", "1,346")]
    assert [r["Figure"] for r in rows] == ["desa 63.01.01.2001 2023-08 · measured",
                                           "kecamatan 63.01.01 2023-08 · measured"]
    publish(at, "Benua Lawas 2023 corrected", confirm=bool([c for c in at.checkbox if c.key == "kelola_confirm"]))
    assert env.in_force("eppgbm_wilayah").files[0].name == "eppgbm_2023.xlsx"
    assert _benua_lawas_2023() == (90, 13)
    restore(at, v1.id)
    assert _benua_lawas_2023() == (83, 13)


def test_eppgbm_wilayah_stunted_above_measured_blocks_publishing(env):
    at = signed_in("eppgbm_wilayah")
    upload(at, "eppgbm_wilayah", "eppgbm_rusak.xlsx", edited(AREAS, ("Desa", "I4", 500)))
    shown = texts(at)
    assert "cannot be published" in shown and "eppgbm_rusak.xlsx" in shown and "Desa" in shown
    assert not [b for b in at.button if b.key == "kelola_publish"]


def test_lokus_desa_removed_desa_is_previewed_and_published(env):
    v1 = env.publish("lokus_desa", "contoh_lokus_desa.xlsx", LOKUS, "budi", "baseline")
    before = load_lokus(datastore.current("lokus_desa").path).table
    first = before.iloc[0]
    assert (first["kode_wilayah"], first["year"]) == ("63.01.01.2005", 2023)
    book = openpyxl.load_workbook(io.BytesIO(LOKUS))
    sheet = book["Lokus desa"]
    sheet.delete_rows(4)  # Gunung Makmur's row
    out = io.BytesIO()
    book.save(out)
    at = signed_in("lokus_desa")
    upload(at, "lokus_desa", "lokus_2023.xlsx", out.getvalue())
    assert "New: 0 · changed: 0 · removed: 1" in texts(at)
    [row] = preview(at)
    assert (row["District"], row["Year"], row["Change"], row["Figure"]) == (
        "Tanah Laut", "2023", "removed", "lokus 63.01.01.2005 Gunung Makmur")
    publish(at, "Gunung Makmur no longer lokus", confirm=bool([c for c in at.checkbox if c.key == "kelola_confirm"]))
    after = load_lokus(datastore.current("lokus_desa").path).table
    pairs = set(zip(after["kode_wilayah"], after["year"]))
    assert len(after) == len(before) - 1 and ("63.01.01.2005", 2023) not in pairs and ("63.01.01.2005", 2024) in pairs
    restore(at, v1.id)
    assert len(load_lokus(datastore.current("lokus_desa").path).table) == len(before)


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
