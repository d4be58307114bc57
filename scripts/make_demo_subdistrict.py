"""Write the synthetic e-PPGBM wilayah workbook and desa lokus list to
``data/demo/eppgbm_wilayah/`` (a subfolder: workbooks directly in
``data/demo`` are served as assessment workbooks).

    .venv/bin/python scripts/make_demo_subdistrict.py [--out FOLDER] [--seed 2024]

The counts come from a fixed seed (:func:`kp2s_dashboard.subdistrict.demo.build`)
for the province's real kecamatan and desa codes; they are no measurement of
any desa and every sheet says so (*Data contoh — bukan hasil resmi*).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from kp2s_dashboard.subdistrict import demo  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=demo.DEMO_DIR)
    parser.add_argument("--seed", type=int, default=demo.DEMO_SEED)
    args = parser.parse_args(argv)
    for path in demo.write(args.out, args.seed):
        print(f"{path}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
