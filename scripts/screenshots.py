"""Start the dashboard and save a screenshot of every page with headless Chromium.

Usage::

    python scripts/screenshots.py [--out screenshots] [--port PORT] [--lang id]
        [--size 1600x1000] [--pages ringkasan,peta,tren,data | all] [--query district=6305]

Needs Debian's ``chromium`` (``apt-get install chromium``) and the
``playwright`` package (``pip install -r requirements-dev.txt``); no browser
is downloaded: Playwright drives ``/usr/bin/chromium``. The app runs on
127.0.0.1 only, and Chromium is started with background networking off, so
the pictures show what an offline office laptop sees. Starting the app and
Chromium is shared with the browser tests (``kp2s_dashboard/web/browser.py``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from kp2s_dashboard.web.browser import AppServer, launch_chromium, main_scroll_height, registered_pages, settle  # noqa: E402

DEFAULT_PAGES = ["ringkasan", "peta", "tren", "data"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(PROJECT / "screenshots"))
    parser.add_argument("--port", type=int, default=None, help="default: a free port")
    parser.add_argument("--lang", default="id")
    parser.add_argument("--size", default="1600x1000")
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES), help="url paths, comma-separated, or 'all'")
    parser.add_argument("--query", default="", help="extra query string, e.g. district=6305&source=ssgi&year=2024")
    parser.add_argument("--suffix", default="", help="added to each file name")
    parser.add_argument("--chromium", default=None, help="default: $KP2S_CHROMIUM or /usr/bin/chromium")
    parser.add_argument("--full", action="store_true", help="capture the whole page, not just the first screen")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    width, height = (int(v) for v in args.size.split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    names = [p.path for p in registered_pages()] if args.pages == "all" else [p for p in args.pages.split(",") if p]
    with AppServer(port=args.port) as app, sync_playwright() as pw:
        browser = launch_chromium(pw, args.chromium)
        page = browser.new_page(viewport={"width": width, "height": height})
        for name in names:
            query = f"lang={args.lang}" + (f"&{args.query}" if args.query else "")
            path = "" if name == "ringkasan" else name  # the default page lives at "/"
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{app.base_url}/{path}?{query}", wait_until="networkidle")
            page.wait_for_selector("[data-testid='stApp']", timeout=30000)
            # wait until Streamlit has finished the run and charts drew
            settle(page, draw=2.0)
            if args.full:
                # Streamlit scrolls inside its main block, not the page: grow the window to fit it.
                tall = main_scroll_height(page)
                page.set_viewport_size({"width": width, "height": max(height, min(tall + 40, 6000))})
                time.sleep(1.5)
            target = out / f"{name}{args.suffix}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
