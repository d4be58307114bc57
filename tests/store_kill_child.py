"""Child process of tests/test_store_kill.py (not a test module).

``python tests/store_kill_child.py URL CACHE ACTION POINT``: opens the store,
prepares the new content, prints ``READY``, then runs ACTION (``publish``:
the corrected prevalence file with its parsed table and a large padding
table; ``restore``: restores version 1). When POINT names a step of the
write (see ``kp2s_dashboard.store.core.checkpoint_hook``), it prints
``PAUSED POINT`` there and sleeps until killed. Prints ``DONE id`` at the end.
"""

import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.store import Store, core

OLD = "6301,Tanah Laut,2024,ssgi,stunting,22.5,"
NEW = "6301,Tanah Laut,2024,ssgi,stunting,19.5,"
PADDING_ROWS = 300_000


def corrected_prevalence(folder: Path) -> tuple[bytes, pd.DataFrame]:
    """The embedded prevalence CSV with Tanah Laut's SSGI 2024 figure changed
    from 22.5 to 19.5, and its parsed table."""
    from kp2s_dashboard import paths

    text = (paths.DATA_DIR / "prevalence.csv").read_text(encoding="utf-8")
    path = folder / "prevalensi_koreksi.csv"
    path.write_text(text.replace(OLD, NEW, 1), encoding="utf-8")
    return path.read_bytes(), load_prevalence(path).table


def padding() -> pd.DataFrame:
    return pd.DataFrame({"x": np.random.default_rng(7).random(PADDING_ROWS)})


def main() -> None:
    url, cache, action, point = sys.argv[1:5]
    Path(cache).mkdir(parents=True, exist_ok=True)
    store = Store(url, cache_dir=cache)

    def hook(name: str) -> None:
        if name == point:
            print(f"PAUSED {name}", flush=True)
            time.sleep(3600)

    core.checkpoint_hook = hook
    if action == "publish":
        own = Path(cache) / f"child-{os.getpid()}"  # several children run at once
        own.mkdir()
        content, table = corrected_prevalence(own)
        tables = {"prevalence": table, "padding": padding()}
        print("READY", flush=True)
        v = store.publish("prevalence", "prevalensi_koreksi.csv", content, "budi", "corrected", tables=tables)
    else:
        print("READY", flush=True)
        v = store.restore(1, "ani", "undo")
    print(f"DONE {v.id}", flush=True)


if __name__ == "__main__":
    main()
