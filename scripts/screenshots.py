"""Start the dashboard and save a screenshot of every page with headless Chromium.

Usage::

    python scripts/screenshots.py [--out screenshots] [--port 8599] [--lang id]
        [--size 1600x1000] [--pages ringkasan,peta,tren,data] [--query district=6305]

Needs Debian's ``chromium`` (``apt-get install chromium``) and the
``playwright`` package (``pip install -r requirements-dev.txt``); no browser
is downloaded: Playwright drives ``/usr/bin/chromium``. The app runs on
127.0.0.1 only, and Chromium is started with background networking off, so
the pictures show what an offline office laptop sees.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = ["ringkasan", "peta", "tren", "data"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def wait_for_port(port: int, timeout: float = 60.0) -> None:
    """Block until something listens on 127.0.0.1:``port``.

    Raises:
        TimeoutError: nothing listened within ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


def settle(page, timeout: float = 60.0) -> None:
    """Wait until the Streamlit run has finished: no running-status widget and
    no skeleton placeholders, three checks in a row, then let charts draw."""
    deadline = time.monotonic() + timeout
    calm = 0
    time.sleep(1.5)
    while time.monotonic() < deadline and calm < 6:
        busy = page.evaluate(
            "() => !!document.querySelector('[data-testid=\"stStatusWidget\"]')"
            " || !!document.querySelector('[data-testid=\"stSkeleton\"]')"
        )
        calm = 0 if busy else calm + 1
        time.sleep(0.5)
    time.sleep(2.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(PROJECT / "screenshots"))
    parser.add_argument("--port", type=int, default=8599)
    parser.add_argument("--lang", default="id")
    parser.add_argument("--size", default="1600x1000")
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES))
    parser.add_argument("--query", default="", help="extra query string, e.g. district=6305&source=ssgi&year=2024")
    parser.add_argument("--suffix", default="", help="added to each file name")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--full", action="store_true", help="capture the whole page, not just the first screen")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    width, height = (int(v) for v in args.size.split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(PROJECT / "app.py"), "--server.port", str(args.port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(args.port)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": width, "height": height})
            for name in [p for p in args.pages.split(",") if p]:
                query = f"lang={args.lang}" + (f"&{args.query}" if args.query else "")
                path = "" if name == "ringkasan" else name  # the default page lives at "/"
                page.set_viewport_size({"width": width, "height": height})
                page.goto(f"http://127.0.0.1:{args.port}/{path}?{query}", wait_until="networkidle")
                page.wait_for_selector("[data-testid='stApp']", timeout=30000)
                # wait until Streamlit has finished the run (no running indicator) and charts drew
                settle(page)
                if args.full:
                    # Streamlit scrolls inside its main block, not the page: grow the window to fit it.
                    tall = page.evaluate(
                        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                        " return m ? m.scrollHeight : document.body.scrollHeight; }"
                    )
                    page.set_viewport_size({"width": width, "height": max(height, min(int(tall) + 40, 6000))})
                    time.sleep(1.5)
                target = out / f"{name}{args.suffix}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
