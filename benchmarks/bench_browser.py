"""The Peta page in headless Chromium: the round trip of a change of
source/year, and the bytes of the map on the websocket.

The dashboard runs as ``streamlit run app.py`` on 127.0.0.1
(:class:`kp2s_dashboard.web.browser.AppServer`) and Debian's Chromium is
driven by Playwright (:func:`kp2s_dashboard.web.browser.launch_chromium`).
A script added before the page loads wraps the browser's ``WebSocket`` and
records, with the browser's own clock (``performance.now()``), every frame
sent and received with its size.

* Round trip: the user picks another round in the "source/year" select box
  (alternating through the rounds the data has, ``changes`` times, after
  one warm-up pass over every round, as a server in use has seen them); the
  figure is the time from the browser's message (the rerun request sent on
  the websocket) to the last frame received for that run (the "script
  finished" message ends it). Median and p95. Target: median ≤ 150 ms.
* Map bytes: the size of the frame that carries the map (the one holding a
  ``choropleth`` figure), per change; the median. Target: ≤ 40 KB.

Needs Chromium and Playwright (``requirements-dev.txt``); without them the
rows say so and are not met.
"""

from __future__ import annotations

import os
import statistics
import time

RTT_TARGET_MS = 150.0
MAP_TARGET_KB = 40.0

# Wraps WebSocket: window.__kp2sFrames = [{dir: "sent"|"recv", t: ms, n: bytes, map: bool}]
_RECORDER = """
(() => {
  const Native = window.WebSocket;
  window.__kp2sFrames = [];
  const size = d => typeof d === 'string' ? d.length : (d.byteLength !== undefined ? d.byteLength : (d.size || 0));
  const hasMap = d => {
    try {
      const text = typeof d === 'string' ? d : new TextDecoder('utf-8').decode(d);
      return text.includes('"choropleth"');
    } catch (e) { return false; }
  };
  class Recording extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', ev => window.__kp2sFrames.push(
        {dir: 'recv', t: performance.now(), n: size(ev.data), map: hasMap(ev.data)}));
    }
    send(data) {
      window.__kp2sFrames.push({dir: 'sent', t: performance.now(), n: size(data), map: false});
      return super.send(data);
    }
  }
  window.WebSocket = Recording;
})();
"""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def measure(changes: int = 20) -> dict:
    """Open Peta, make ``changes`` changes of the round and return
    ``{"rtt_ms": [...], "map_bytes": [...], "first_map_bytes": int}``.

    Raises:
        FileNotFoundError: no Chromium; ImportError: no Playwright;
        RuntimeError: the app did not start.
    """
    from playwright.sync_api import sync_playwright

    from kp2s_dashboard.web import browser as kb

    env = {k: os.environ[k] for k in ("KP2S_GEO_DIR", "KP2S_STORE") if k in os.environ}
    rtt, map_bytes = [], []
    with kb.AppServer(env=env) as server, sync_playwright() as pw:
        chromium = kb.launch_chromium(pw)
        try:
            context = chromium.new_context(viewport={"width": kb.DESKTOP[0], "height": kb.DESKTOP[1]})
            page = context.new_page()
            page.add_init_script(_RECORDER)
            page.goto(server.url("peta", lang="id"))
            page.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=300_000)
            kb.settle(page)
            first = page.evaluate("() => window.__kp2sFrames.filter(f => f.map).map(f => f.n)")
            picker = page.locator('[data-testid="stSelectbox"]').first
            picker.click()
            options = page.locator('[role="option"]').all_inner_texts()
            page.keyboard.press("Escape")
            choices = [o.strip() for o in options if o.strip()]
            shown = picker.inner_text()  # the label and the chosen round
            current = max((c for c in choices if c in shown), key=len, default=choices[0])
            # warm-up: each round once (a round's first visit fills the server's caches), not counted
            for target in [c for c in choices if c != current] + [current]:
                picker.click()
                page.locator('[role="option"]').filter(has_text=target).first.click()
                kb.settle(page, calm_checks=3, interval=0.15, draw=0.2)
            for i in range(changes):
                others = [c for c in choices if c != current]
                target = others[i % len(others)]
                start = page.evaluate("() => window.__kp2sFrames.length")
                picker.click()
                page.locator('[role="option"]').filter(has_text=target).first.click()
                kb.settle(page, calm_checks=3, interval=0.15, draw=0.2)
                frames = page.evaluate("n => window.__kp2sFrames.slice(n)", start)
                sent = [f for f in frames if f["dir"] == "sent"]
                recv = [f for f in frames if f["dir"] == "recv"]
                if sent and recv:
                    rtt.append(recv[-1]["t"] - sent[0]["t"])
                    map_bytes += [f["n"] for f in recv if f["map"]]
                current = target
        finally:
            chromium.close()
    return {"rtt_ms": rtt, "map_bytes": map_bytes, "first_map_bytes": max(first) if first else 0}


def run(quick: bool = False) -> list[dict]:
    """Rows: Peta change round trip (median, p95) and the map's bytes on the websocket."""
    from kp2s_dashboard.web import browser as kb

    missing = kb.playwright_missing() or (None if kb.find_chromium() else "no chromium on this machine")
    names = ("Peta change in Chromium, round trip (median)", "Peta change in Chromium, round trip (p95)",
             "Peta map on the websocket, per change (median)", "Peta map on the websocket, first visit")
    if missing:
        return [{"figure": n, "value": float("nan"), "unit": "", "target": "", "ok": False, "note": missing}
                for n in names]
    started = time.perf_counter()
    found = measure(changes=2 if quick else 20)
    rtt, sizes = found["rtt_ms"], found["map_bytes"]
    note = f"{len(rtt)} changes, {time.perf_counter() - started:.0f} s"
    median = statistics.median(rtt) if rtt else float("nan")
    p95 = _percentile(rtt, 0.95) if rtt else float("nan")
    map_kb = statistics.median(sizes) / 1000 if sizes else float("nan")
    first_kb = found["first_map_bytes"] / 1000
    return [
        {"figure": names[0], "value": median, "unit": "ms", "target": "≤ 150 ms", "ok": median <= RTT_TARGET_MS,
         "ratio": median / RTT_TARGET_MS, "note": note},
        {"figure": names[1], "value": p95, "unit": "ms", "target": "(reported)", "ok": True, "note": note},
        {"figure": names[2], "value": map_kb, "unit": "KB", "target": "≤ 40 KB", "ok": map_kb <= MAP_TARGET_KB,
         "ratio": map_kb / MAP_TARGET_KB, "note": f"{len(sizes)} map frames; max {max(sizes, default=0) / 1000:.1f} KB"},
        {"figure": names[3], "value": first_kb, "unit": "KB", "target": "≤ 40 KB", "ok": first_kb <= MAP_TARGET_KB,
         "ratio": first_kb / MAP_TARGET_KB},
    ]


if __name__ == "__main__":
    from benchmarks.run import format_table, prepare_environment

    prepare_environment()
    print(format_table(run()))
