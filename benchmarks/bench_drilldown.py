"""Speed of the Kecamatan & desa drill-down map in headless Chromium.

Measures, on the running dashboard (``kp2s_dashboard.web.browser``: the app on
127.0.0.1, Debian's Chromium driven by Playwright):

- the bytes the browser receives on Streamlit's websocket while it opens the
  desa map of the whole province (``/wilayah?wil_unit=desa``) and of one
  district (Banjar, and the district with the most desa), target ≤ 1 MB each;
- the time of a level change, from the click to the new map drawn (the
  breadcrumb shows the new level and the choropleth has the new level's
  areas): province → Banjar (a click on a kecamatan of the map) → a kecamatan
  (a click on it) → Banjar (breadcrumb) → province (breadcrumb), repeated;
  target: median ≤ 300 ms. A first round warms the caches (boundaries are
  cleaned and simplified once per file) and is not counted.

Use ``run()`` (the benchmark harness calls it) or
``.venv/bin/python benchmarks/bench_drilldown.py [--screenshots DIR]``.

Boundaries: ``KP2S_GEO_DIR`` when set, else the project's fetched ``geo/``,
else ``../shared/geo``; the measurements mean something only on the real
kecamatan and desa files, so without them every row says so (``ok`` False).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from kp2s_dashboard.web import browser as kb  # noqa: E402
from kp2s_dashboard.web import browser_maps as bm  # noqa: E402

BYTES_TARGET = 1_000_000
MS_TARGET = 300.0
ROUNDS = 4  # measured cycles of four level changes each (plus one warm-up cycle)
DISTRICT = "6303"  # Banjar

def geo_folder() -> Path | None:
    """The boundary folder to measure with (see the module docstring), or None."""
    if os.environ.get("KP2S_GEO_DIR"):
        return Path(os.environ["KP2S_GEO_DIR"])
    for folder in (PROJECT / "geo", PROJECT.parent / "shared" / "geo"):
        if (folder / "kalsel_desa.geojson").is_file():
            return folder
    return None


def _row(figure: str, value, unit: str, target: float, ok: bool, note: str = "") -> dict:
    row = {"figure": figure, "value": value, "unit": unit, "target": target, "ok": bool(ok)}
    if note:
        row["note"] = note
    return row


def _largest_district(folder: Path) -> str:
    """The district with the most desa in the boundary file."""
    data = json.loads((folder / "kalsel_desa.geojson").read_text(encoding="utf-8"))
    codes = [str(f["properties"].get("kode", "")).replace(".", "")[:4] for f in data["features"]]
    return max(set(codes), key=codes.count)


def _bytes_for(context, url: str, screenshot: Path | None = None) -> tuple[int, int]:
    """(total, largest frame) bytes received on the websocket while ``url``
    loads and its script settles."""
    page = context.new_page()
    frames: list[int] = []

    def on_ws(ws) -> None:
        ws.on("framereceived", lambda payload: frames.append(len(payload) if isinstance(payload, (bytes, str)) else 0))

    page.on("websocket", on_ws)
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"]')
    kb.settle(page)
    page.wait_for_function("() => document.querySelectorAll('path.choroplethlocation').length > 0", timeout=30_000)
    if screenshot:
        page.screenshot(path=str(screenshot))
    page.close()
    return sum(frames), max(frames or [0])


def _level_changes(context, server, kecamatan: str, rounds: int = ROUNDS) -> list[float]:
    """Milliseconds of each measured level change (see the module docstring)."""
    page = context.new_page()
    page.goto(server.url("wilayah"))
    page.wait_for_selector('[data-testid="stApp"]')
    kb.settle(page)
    bm.wait_level(page, 1, "63", 6)
    steps = [
        (lambda: bm.click_area(page, kecamatan), 2, DISTRICT, 6),
        (lambda: bm.click_area(page, kecamatan), 3, kecamatan, 10),
        (lambda: bm.click_crumb(page, 1), 2, DISTRICT, 6),
        (lambda: bm.click_crumb(page, 0), 1, "63", 6),
    ]
    times: list[float] = []
    for cycle in range(rounds + 1):
        for act, crumbs, prefix, digits in steps:
            kb.settle(page, calm_checks=2, draw=0.3)
            start = time.perf_counter()
            act()
            bm.wait_level(page, crumbs, prefix, digits)
            if cycle > 0:  # the first cycle warms the caches
                times.append(1000.0 * (time.perf_counter() - start))
    page.close()
    return times


def run(screenshots: Path | None = None) -> list[dict]:
    """The measurements as rows ``figure, value, unit, target, ok`` (and
    ``note`` when a row could not be measured)."""
    figures = [("ws_bytes_desa_province", "bytes", BYTES_TARGET), ("ws_bytes_desa_banjar", "bytes", BYTES_TARGET),
               ("ws_bytes_desa_largest_district", "bytes", BYTES_TARGET),
               ("level_change_median", "ms", MS_TARGET), ("level_change_max", "ms", None)]
    missing = kb.playwright_missing() or (None if kb.find_chromium() else "no Chromium on this machine")
    folder = geo_folder()
    if missing or folder is None:
        note = missing or "no real kecamatan/desa boundaries (KP2S_GEO_DIR, geo/ or ../shared/geo)"
        return [_row(f, None, u, tg, False, note) for f, u, tg in figures]
    from playwright.sync_api import sync_playwright

    largest = _largest_district(folder)
    kecamatan = DISTRICT + "04"  # Sungai Tabuk, beside Banjarmasin
    rows: list[dict] = []
    env = {"KP2S_GEO_DIR": str(folder)}
    with kb.AppServer(env=env) as server, sync_playwright() as pw:
        chromium = kb.launch_chromium(pw)
        context = chromium.new_context(viewport={"width": kb.DESKTOP[0], "height": kb.DESKTOP[1]}, locale="id-ID")
        shot = (lambda name: screenshots / f"{name}.png") if screenshots else (lambda name: None)
        if screenshots:
            screenshots.mkdir(parents=True, exist_ok=True)
        # warm the server's caches (boundary cleaning, data) so the byte counts are of one page load
        _bytes_for(context, server.url("wilayah", wil_unit="desa"))
        for figure, query, name in (
            ("ws_bytes_desa_province", {"wil_unit": "desa"}, "wilayah-desa-province"),
            ("ws_bytes_desa_banjar", {"wil_unit": "desa", "wil_kab": DISTRICT}, "wilayah-desa-banjar"),
            ("ws_bytes_desa_largest_district", {"wil_unit": "desa", "wil_kab": largest}, f"wilayah-desa-{largest}"),
        ):
            total, largest_frame = _bytes_for(context, server.url("wilayah", **query), shot(name))
            rows.append(_row(figure, total, "bytes", BYTES_TARGET, total <= BYTES_TARGET,
                             f"largest frame {largest_frame} bytes; {json.dumps(query)}"))
        times = _level_changes(context, server, kecamatan)
        median = statistics.median(times)
        rows.append(_row("level_change_median", round(median, 1), "ms", MS_TARGET, median <= MS_TARGET,
                         f"{len(times)} changes: " + ", ".join(f"{x:.0f}" for x in times)))
        rows.append(_row("level_change_max", round(max(times), 1), "ms", None, True))
        context.close()
        chromium.close()
    return rows


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshots", type=Path, default=None, help="folder for screenshots of the maps")
    args = parser.parse_args()
    for r in run(args.screenshots):
        print(json.dumps(r, ensure_ascii=False))
