"""Write ``data/wilayah_kode.csv``: the Kemendagri codes and names of the
province's kecamatan and desa/kelurahan, read from the boundary files.

    .venv/bin/python scripts/make_wilayah_kode.py [--geo ../shared/geo] [--out data/wilayah_kode.csv]

Only codes and names are written (public Kemendagri codes), never geometry.
Source: the boundary files ``kalsel_kecamatan.geojson`` and
``kalsel_desa.geojson`` (properties ``kode``, ``nama``), converted from the
public repository cahyadsn/wilayah_boundaries (MIT License, copyright (c) 2024
Cahya DSN; see ``data/wilayah_kode.md``).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def rows(geo: Path) -> list[dict[str, str]]:
    """One row per kecamatan and desa/kelurahan, sorted by code."""
    out: list[dict[str, str]] = []
    for file, level in (("kalsel_kecamatan.geojson", "kecamatan"), ("kalsel_desa.geojson", "desa")):
        with open(geo / file, encoding="utf-8") as fh:
            features = json.load(fh)["features"]
        for feature in features:
            kode = str(feature["properties"]["kode"]).strip()
            nama = " ".join(str(feature["properties"]["nama"]).split())
            parts = kode.split(".")
            kind = level
            if level == "desa":
                # Kemendagri: the fourth part starts with 1 for a kelurahan, 2 for a desa.
                kind = "kelurahan" if parts[3].startswith("1") else "desa"
            out.append({
                "kode": kode,
                "level": level,
                "jenis": kind,
                "nama": nama,
                "kode_kabupaten": ".".join(parts[:2]),
                "kode_kecamatan": ".".join(parts[:3]),
            })
    return sorted(out, key=lambda r: [int(p) for p in r["kode"].split(".")])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geo", type=Path, default=PROJECT.parent / "shared" / "geo")
    parser.add_argument("--out", type=Path, default=PROJECT / "data" / "wilayah_kode.csv")
    args = parser.parse_args(argv)
    found = rows(args.geo)
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(found[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(found)
    print(f"{args.out}: {len(found)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
