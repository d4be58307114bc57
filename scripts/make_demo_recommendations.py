"""Write the synthetic demo round of recommendations and its follow-up to
``data/demo/rekomendasi/contoh_rekomendasi_2024.xlsx`` (a subfolder: the
workbooks directly in ``data/demo`` are served as assessment workbooks).

    .venv/bin/python scripts/make_demo_recommendations.py [--out PATH] [--seed 2024]

The rows come from a fixed seed (:func:`kp2s_dashboard.recommendations.demo.build`);
they are not recommendations of any real assessment and the file says so
(*Data contoh — bukan hasil resmi*) in each sheet and in its keywords.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from kp2s_dashboard.recommendations import demo  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=demo.DEMO_FILE)
    parser.add_argument("--seed", type=int, default=demo.DEMO_SEED)
    args = parser.parse_args(argv)
    path = demo.write(args.out, args.seed)
    rows, followups = demo.build(args.seed)
    print(f"{path}: {len(rows)} recommendations, {len(followups)} follow-up rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
