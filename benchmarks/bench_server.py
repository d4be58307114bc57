"""Server benchmarks through the documented reverse proxy (issue 9 item 5, issue 11 item 2).

    .venv/bin/python -m benchmarks.bench_server          # alone (prints the rows)
    .venv/bin/python -m benchmarks.run server            # in the harness's table

Starts the app (``streamlit run app.py`` on 127.0.0.1, a throw-away store),
Debian's nginx with ``deploy/nginx/kp2s-dashboard.conf`` in front of it
(:mod:`kp2s_dashboard.web.proxy`) and headless Chromium, then measures:

- bytes a first visit downloads through nginx (HTTP bodies as sent, i.e.
  gzip-compressed, and headers; plus the websocket frames received), for the
  home page and for Peta, each in a fresh browser profile (target ≤ 2.5 MB);
- the server's resident memory (``VmRSS``) with one session open and with
  ten (one tab per page) (targets ≤ 300 MB and ≤ 350 MB);
- hostile uploads: a 150 MB CSV and an ``.xlsx`` zip bomb (20 million cells
  in 1 MB or less) dropped on the uploaders of Data (its checker), Validasi
  and Kelola data (signed in as an editor), then the same 150 MB sent
  straight to Streamlit's upload address, through nginx and to the app's own
  port (as a script bypassing the browser would), plus a 19 MB CSV (just
  under the limit: what the app really reads). The server's peak during all
  that, against its memory before (target: under +200 MB), a viewer's tab
  that must keep working, and the memory once the uploading tabs have been
  closed (target: back within 50 MB, waiting up to ``release_wait`` s:
  Streamlit keeps a closed tab's session, with its uploaded files, for
  ``server.disconnectedSessionTTL`` = 120 s, then
  :func:`kp2s_dashboard.web.memory.release_closed_sessions` shuts it down and
  the trimmer gives the memory back, every 30 s).

Needs nginx, Chromium and Playwright; without them :func:`run` returns rows
with ``ok`` False saying what is missing. Never part of the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from kp2s_dashboard.web import browser as kb
from kp2s_dashboard.web import proxy

MB = 1024 * 1024
FIRST_VISIT_MB = 2.5
ONE_SESSION_MB = 300
TEN_SESSIONS_MB = 350
UPLOAD_GROWTH_MB = 200
RELEASE_MB = 50
EDITOR, PASSWORD = "bench", "bench-password-2026"
TEN_PAGES = ("", "peta", "tren", "data", "target", "aksi", "validasi", "profil", "bandingkan", "presentasi")


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MB (``VmRSS``)."""
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


class Sampler:
    """Samples a process's RSS every ``interval`` s in a thread; ``peak``
    since the last :meth:`reset`."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.peak = max(self.peak, rss_mb(self.pid))
            except (OSError, RuntimeError):
                return

    def reset(self) -> float:
        self.peak = rss_mb(self.pid)
        return self.peak

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)


def row(figure: str, value: float, unit: str, limit: float, note: str = "", lower_is_better: bool = True) -> dict:
    ok = value <= limit if lower_is_better else value >= limit
    return {"figure": figure, "value": round(value, 2), "unit": unit,
            "target": f"{'≤' if lower_is_better else '≥'} {limit:g} {unit}", "ok": bool(ok),
            "ratio": round(value / limit, 2) if limit else float("nan"), "note": note}


# -- hostile files -----------------------------------------------------------------------------------
def big_csv(path: Path, size: int) -> Path:
    """A prevalence CSV of ``size`` bytes (wide layout, one district row repeated)."""
    line = b"Tanah Laut,24.6,22.1\n"
    with open(path, "wb") as fh:
        fh.write(b"Kabupaten/Kota,SSGI 2022,SSGI 2023\n")
        block = line * (MB // len(line))
        while fh.tell() + len(block) <= size:
            fh.write(block)
        fh.write(line * ((size - fh.tell()) // len(line)))
    return path


def zip_bomb(path: Path, rows: int = 2_000_000, cols: int = 10) -> Path:
    """An ``.xlsx`` holding ``rows`` × ``cols`` numeric cells, no dimension
    element, every row alike (so it packs about 1000×): the issue's 1.25 MB
    / 20 million cells workbook."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main"><sheetData>')
            block = (b"<row>" + b"<c><v>1</v></c>" * cols + b"</row>") * 10_000
            for _ in range(rows // 10_000):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return path


# -- the measurements ------------------------------------------------------------------------------
def first_visit(chromium, nx, page_path: str) -> tuple[float, str]:
    """MB sent by nginx for a first visit of ``page_path`` in a fresh profile
    (its access log's ``$bytes_sent``: headers and bodies as on the wire,
    the websocket's frames included once the tab closes), and a note
    (requests; Chromium's own count of HTTP and websocket bytes)."""
    base_url = nx.base_url
    logged = len(nx.access_log())
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    page = context.new_page()
    responses, frames = [], []
    page.on("response", lambda r: responses.append(r))
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(len(payload))))
    try:
        page.goto(f"{base_url}/{page_path}")
        page.wait_for_selector('[data-testid="stApp"]')
        kb.settle(page)
        http = zipped = raw = 0
        for response in responses:
            sizes = response.request.sizes()
            body = max(sizes["responseBodySize"], 0)
            http += body + max(sizes["responseHeadersSize"], 0)
            if response.headers.get("content-encoding") == "gzip":
                zipped += body
        ws = sum(frames)
    finally:
        context.close()
    time.sleep(1)  # nginx logs the websocket when it closes
    visit = nx.access_log()[logged:]
    sent = sum(entry[1] for entry in visit)
    stream = sum(entry[1] for entry in visit if "/_stcore/stream" in entry[3])
    return sent / MB, (f"{len(visit)} requests, websocket {stream / MB:.2f} MB on the wire; Chromium counted HTTP "
                       f"{http / MB:.2f} MB ({zipped / MB:.2f} MB gzip'd bodies) + websocket payloads {ws / MB:.2f} MB")


def _open(context, base_url: str, path: str, **query: str):
    page = context.new_page()
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    page.goto(f"{base_url}/{path}" + (f"?{qs}" if qs else ""))
    page.wait_for_selector('[data-testid="stApp"]')
    kb.settle(page)
    return page


def _drop(page, path: Path, wait: float = 2.0) -> str:
    """Put ``path`` on the page's (last) file uploader and wait for the script;
    the page's first error/alert text (shortened) is returned."""
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').last.set_input_files(str(path))
    time.sleep(wait)
    kb.settle(page, timeout=300)
    alerts = page.locator('[data-testid="stAlert"], [data-testid="stFileUploaderFileErrorMessage"], '
                          '[data-testid="stFileUploaderFile"] small').all_inner_texts()
    return " | ".join(a.strip().replace("\n", " ")[:90] for a in alerts[:2])


def _sign_in(page) -> None:
    page.get_by_role("textbox", name="User name").fill(EDITOR)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    time.sleep(1)
    kb.settle(page)


def _put(url: str, size: int, chunked: bool) -> str:
    """PUT ``size`` bytes of multipart-looking data to ``url``; the HTTP status (or the error)."""
    boundary = b"kp2sbench"

    def body():
        yield b"--" + boundary + b'\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n' \
              b"Content-Type: text/csv\r\n\r\n"
        chunk = b"Tanah Laut,24.6,22.1\n" * (MB // 21)
        sent = 0
        while sent < size:
            yield chunk
            sent += len(chunk)
        yield b"\r\n--" + boundary + b"--\r\n"

    data = body() if chunked else b"".join(body())
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary.decode()}"}
    if chunked:
        headers["Transfer-Encoding"] = "chunked"
    request = urllib.request.Request(url, data=data, method="PUT", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return str(answer.status)
    except urllib.error.HTTPError as exc:
        return str(exc.code)
    except (urllib.error.URLError, ConnectionError, OSError) as exc:
        return f"connection closed ({type(exc).__name__})"


def hostile(chromium, app, nx, sampler: Sampler, work: Path, release_wait: float) -> list[dict]:
    csv150 = big_csv(work / "besar_150mb.csv", 150 * MB)
    csv19 = big_csv(work / "besar_19mb.csv", 19 * MB)
    bomb = zip_bomb(work / "bom_20juta_sel.xlsx")
    notes: list[str] = [f"bomb {bomb.stat().st_size / MB:.2f} MB"]
    viewer_ctx = chromium.new_context(viewport={"width": 1366, "height": 768})
    viewer = _open(viewer_ctx, nx.base_url, "peta", lang="en")
    time.sleep(3)
    before = rss_mb(app.process.pid)
    sampler.reset()
    upload_ctx = chromium.new_context(viewport={"width": 1366, "height": 900})
    put_urls: list[str] = []
    upload_ctx.on("request", lambda r: put_urls.append(r.url) if r.method == "PUT" and "upload_file" in r.url else None)
    tabs = []
    peaks = [before]

    def step(label: str, action) -> None:
        sampler.reset()
        said = action()
        peaks.append(sampler.peak)
        notes.append(f"{label}: peak +{sampler.peak - before:.0f} MB" + (f" ({said})" if said else ""))

    # Data: the checker tab
    data = _open(upload_ctx, nx.base_url, "data", lang="en")
    tabs.append(data)
    data.get_by_role("tab", name="Check your file").click()
    time.sleep(1)
    for f in (csv150, bomb, csv19):
        step(f"Data {f.name}", lambda f=f: _drop(data, f))
    # Validasi
    val = _open(upload_ctx, nx.base_url, "validasi", lang="en")
    tabs.append(val)
    for f in (csv150, bomb):
        step(f"Validasi {f.name}", lambda f=f: _drop(val, f))
    # Kelola data, signed in
    kel = _open(upload_ctx, nx.base_url, "kelola", lang="en")
    tabs.append(kel)
    _sign_in(kel)
    for f in (csv150, bomb, csv19):
        step(f"Kelola {f.name}", lambda f=f: _drop(kel, f))
    # A script bypassing the browser: 150 MB to a real session's upload address
    if put_urls:
        path = put_urls[-1].split("/_stcore/", 1)[1]
        step("PUT 150 MB via nginx", lambda: _put(f"{nx.base_url}/_stcore/{path}", 150 * MB, chunked=False))
        step("PUT 150 MB chunked to the app's port", lambda: _put(f"{app.base_url}/_stcore/{path}", 150 * MB,
                                                                  chunked=True))
    held = uploaded_mb(app)
    peak = max(peaks)
    # the viewer still works: change the district, the page answers
    viewer.goto(f"{nx.base_url}/peta?lang=en&district=6309")
    kb.settle(viewer)
    viewer_ok = viewer.locator('[data-testid="stException"]').count() == 0 and viewer.locator("h1").count() > 0
    for tab in tabs:
        tab.close()
    upload_ctx.close()
    closed = time.monotonic()
    after = rss_mb(app.process.pid)
    while after > before + RELEASE_MB and time.monotonic() - closed < release_wait:
        time.sleep(5)
        after = rss_mb(app.process.pid)
    waited = time.monotonic() - closed
    held_after = uploaded_mb(app)
    viewer_ctx.close()
    detail = "; ".join(notes)
    return [
        row("server growth during hostile uploads", peak - before, "MB", UPLOAD_GROWTH_MB,
            f"before {before:.0f} MB, peak {peak:.0f} MB; viewer kept working: {viewer_ok}; {detail}"),
        row("memory left after the uploading tabs closed", after - before, "MB", RELEASE_MB,
            f"{after:.0f} MB after {waited:.0f} s (before {before:.0f} MB); Streamlit held {held:.1f} MB of "
            f"uploaded files with the tabs open, {held_after:.1f} MB after"),
    ]


def uploaded_mb(app) -> float:
    """MB of uploaded files Streamlit holds (its ``/_stcore/metrics``)."""
    import re

    with urllib.request.urlopen(f"{app.base_url}/_stcore/metrics", timeout=10) as answer:
        text = answer.read().decode()
    found = re.findall(r'^cache_memory_bytes\{cache_type="UploadedFileManager"[^}]*\}\s+(\d+)', text, re.M)
    return sum(int(n) for n in found) / MB


def _missing() -> str | None:
    if proxy.find_nginx() is None:
        return "nginx is not installed (Debian: apt-get install nginx-light)"
    if kb.playwright_missing():
        return kb.playwright_missing()
    if kb.find_chromium() is None:
        return "chromium is not installed (Debian: apt-get install chromium)"
    return None


def run(quick: bool = False, release_wait: float = 300.0) -> list[dict]:
    """Rows ``figure, value, unit, target, ok, ratio, note`` (see the module
    docstring); ``quick``: the first visit and one session only."""
    missing = _missing()
    if missing:
        return [{"figure": "server benchmarks", "value": float("nan"), "unit": "", "target": "runs", "ok": False,
                 "note": missing}]
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="kp2s-bench-server-"))
    env = {"KP2S_STORE": os.environ.get("KP2S_STORE") or str(work / "kp2s.sqlite"),
           "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",  # as deployed: no reloading of edited modules
           "KP2S_CREDENTIALS": str(work / "credentials.yaml"), "KP2S_CACHE_DIR": str(work / "cache")}
    subprocess.run([sys.executable, "-m", "kp2s_dashboard.auth", "add-editor", EDITOR, "--name", "Bench"],
                   input=PASSWORD + "\n", text=True, check=True, cwd=kb.PROJECT, env={**os.environ, **env},
                   capture_output=True)
    rows: list[dict] = []
    with kb.AppServer(env=env, log_path=work / "streamlit.log") as app, proxy.Nginx([app.port]) as nx, \
            sync_playwright() as pw:
        chromium = kb.launch_chromium(pw)
        sampler = Sampler(app.process.pid)
        try:
            for path, name in (("", "home"), ("peta", "Peta")):
                value, note = first_visit(chromium, nx, path)
                rows.append(row(f"first visit through nginx ({name})", value, "MB", FIRST_VISIT_MB, note))
            context = chromium.new_context(viewport={"width": 1366, "height": 768})
            pages = [_open(context, nx.base_url, TEN_PAGES[0])]
            time.sleep(2)
            rows.append(row("server memory, 1 session", rss_mb(app.process.pid), "MB", ONE_SESSION_MB,
                            "home page open in one tab"))
            if not quick:
                pages += [_open(context, nx.base_url, p) for p in TEN_PAGES[1:]]
                time.sleep(2)
                rows.append(row("server memory, 10 sessions", rss_mb(app.process.pid), "MB", TEN_SESSIONS_MB,
                                "one tab per page: " + ", ".join(p or "home" for p in TEN_PAGES)))
            context.close()
            if not quick:
                try:
                    rows += hostile(chromium, app, nx, sampler, work, release_wait)
                except Exception as exc:  # report what was measured so far
                    rows.append({"figure": "hostile uploads", "value": float("nan"), "unit": "", "target": "runs",
                                 "ok": False, "note": f"{type(exc).__name__}: {str(exc)[:300]}"})
        finally:
            sampler.stop()
            chromium.close()
    return rows


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv):
        print(f"{r['figure']:<48} {r['value']:>9} {r['unit']:<3} {r['target']:<12} "
              f"{'ok' if r['ok'] else 'NOT MET':<8} {r.get('note', '')}")
