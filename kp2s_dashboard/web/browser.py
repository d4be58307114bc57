"""Start the dashboard on 127.0.0.1 and drive headless Chromium.

Developer tooling shared by ``scripts/screenshots.py`` and the browser tests
in ``tests/browser/``; the dashboard itself never imports this module. It
needs Debian's ``chromium`` (``apt-get install chromium``) and the
``playwright`` package (``requirements-dev.txt``); no browser is downloaded:
Playwright drives the Chromium already on the machine. Playwright is imported
only by the functions that need it, so this module imports without it.

The app listens on 127.0.0.1 only, and Chromium runs with background
networking off, so what it shows is what an offline office laptop sees.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

PROJECT = Path(__file__).resolve().parents[2]

#: Chromium flags: no sandbox (CI runs as root in a container), no GPU, and no
#: traffic of its own (updates, sync, QUIC probes) so that a run is offline.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Where Debian (and Ubuntu's snap shim) put the browser; ``KP2S_CHROMIUM``
#: overrides.
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")

#: Phone and laptop screens the pages are checked at (width, height) in CSS px.
DESKTOP = (1366, 768)
PHONE = (390, 844)


# One entry of app.py's page registry: st.Page("pages/<file>.py", title=<t() of a catalogue key>, ..., url_path="<path>")
_PAGE_ENTRY = re.compile(
    r'st\.Page\(\s*"(?P<file>pages/[a-z_]+\.py)",\s*title=t\("(?P<key>[a-z_.]+)", lang\)'
    r'.*?url_path="(?P<path>[a-z_]+)"(?P<default>,\s*default=True)?',
    re.S,
)


@dataclass(frozen=True)
class PageEntry:
    """A page of the router: its script, the catalogue key of its menu
    title, its ``url_path`` and whether it is the default page (at ``/``)."""

    file: str
    title_key: str
    path: str
    default: bool

    @property
    def url_path(self) -> str:
        """The path of its address: ``""`` for the default page."""
        return "" if self.default else self.path


def registered_pages() -> list[PageEntry]:
    """The pages registered in ``app.py``, in menu order (read from its source
    so that a page added there is opened by the tests without editing them)."""
    source = (PROJECT / "app.py").read_text(encoding="utf-8")
    return [PageEntry(m["file"], m["key"], m["path"], bool(m["default"])) for m in _PAGE_ENTRY.finditer(source)]


# Browser console errors that Streamlit's own frontend causes on every deep link and that say nothing about
# the app: opened at /<page>, the frontend first probes <page>/_stcore/health and <page>/_stcore/host-config
# (in case the app is served under that path prefix), gets 404, and falls back to /_stcore/... which answer.
# See streamlit/streamlit#7074 ("404 health check when navigating directly to a subpage"). Only these two
# addresses under a registered page path are allowed, and only as a 404.
_PROBE_404 = "Failed to load resource: the server responded with a status of 404 (Not Found)"
_PROBES = ("_stcore/health", "_stcore/host-config")


def streamlit_probe(base_url: str, text: str, url: str) -> bool:
    """True when a console error is one of Streamlit's documented deep-link
    probes (a 404 of ``/<page>/_stcore/health`` or ``/<page>/_stcore/host-config``)."""
    if text != _PROBE_404:
        return False
    return any(url == f"{base_url}/{p.path}/{probe}" for p in registered_pages() for probe in _PROBES)



def find_chromium() -> str | None:
    """Path of the Chromium executable: ``$KP2S_CHROMIUM`` if set, else the
    first of :data:`CHROMIUM_CANDIDATES` found; ``None`` when there is none."""
    explicit = os.environ.get("KP2S_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for candidate in CHROMIUM_CANDIDATES:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    return None


def playwright_missing() -> str | None:
    """``None`` when Playwright's Python package imports, else why not."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"the playwright package is not installed ({exc})"
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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


class AppServer:
    """``streamlit run app.py`` on 127.0.0.1, headless, as a context manager.

    Args:
        port: TCP port; a free one when ``None``.
        env: extra environment variables (e.g. ``KP2S_GEO_DIR``) on top of
            this process's environment.
        log_path: file that receives the server's stdout and stderr (kept
            for a failed run); discarded when ``None``.

    Raises (on start):
        RuntimeError: the server exited, or did not answer its health check
            (``/_stcore/health``) within ``timeout`` seconds; the message holds
            the end of its log when there is one.
    """

    def __init__(self, port: int | None = None, env: dict[str, str] | None = None,
                 log_path: Path | None = None, timeout: float = 90.0) -> None:
        self.port = port or free_port()
        self.env = {**os.environ, **(env or {})}
        self.log_path = Path(log_path) if log_path else None
        self.timeout = timeout
        self.process: subprocess.Popen | None = None
        self._log = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    def url(self, page: str = "", **query: object) -> str:
        """Address of a page by its ``url_path`` (``""`` or ``"ringkasan"`` is
        the default page at ``/``) with ``query`` as URL parameters."""
        path = "" if page in ("", "ringkasan") else page
        qs = urlencode({k: v for k, v in query.items() if v is not None})
        return f"{self.base_url}/{path}" + (f"?{qs}" if qs else "")

    def start(self) -> AppServer:
        """Start the server and wait until it is healthy; returns ``self``."""
        if self.log_path:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(PROJECT / "app.py"),
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=PROJECT, env=self.env, stdin=subprocess.DEVNULL,
            stdout=self._log or subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"streamlit exited with code {self.process.returncode}{self._log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not answer on {self.base_url} within {self.timeout} s{self._log_tail()}")

    def stop(self) -> None:
        """Terminate the server (kill it after 10 s) and close its log."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def _log_tail(self, lines: int = 30) -> str:
        if not self.log_path or not self.log_path.is_file():
            return ""
        tail = self.log_path.read_text(errors="replace").splitlines()[-lines:]
        return "\n--- server log ---\n" + "\n".join(tail)

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def launch_chromium(playwright, executable: str | None = None):
    """A headless Chromium ``Browser`` from a started ``sync_playwright()``,
    using the machine's browser with :data:`CHROMIUM_ARGS`.

    Raises:
        FileNotFoundError: no Chromium on the machine (see :func:`find_chromium`).
    """
    path = executable or find_chromium()
    if not path:
        raise FileNotFoundError("no chromium executable found (Debian: apt-get install chromium)")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


_RUN_STATE = (
    "() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
    " if (!app) return 'absent';"
    " if (document.querySelector('[data-testid=\"stSkeleton\"]')) return 'skeleton';"
    " return app.getAttribute('data-test-script-state') || 'unknown'; }"
)


def settle(page, timeout: float = 60.0, calm_checks: int = 4, interval: float = 0.25, draw: float = 0.8) -> None:
    """Wait until Streamlit has finished running the page's script.

    "Finished" is the app root's ``data-test-script-state`` being
    ``notRunning`` with no skeleton placeholder, ``calm_checks`` times in a
    row ``interval`` s apart (a page may rerun itself, e.g. after a map
    click); then ``draw`` s more for charts to draw.

    Raises:
        TimeoutError: the script was still running after ``timeout`` s.
    """
    deadline = time.monotonic() + timeout
    calm = 0
    state = "absent"
    while calm < calm_checks:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the Streamlit script still runs after {timeout} s (state: {state})")
        time.sleep(interval)
        state = page.evaluate(_RUN_STATE)
        calm = calm + 1 if state == "notRunning" else 0
    time.sleep(draw)


def main_scroll_height(page) -> int:
    """Height in CSS px of Streamlit's main block, which scrolls inside the
    window rather than the page (so ``full_page`` screenshots alone do not
    capture it)."""
    return int(page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return m ? m.scrollHeight : document.body.scrollHeight; }"
    ))
