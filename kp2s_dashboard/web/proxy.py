"""Start Debian's nginx with the project's site config in front of the app.

Developer tooling for ``tests/browser/test_nginx_in_browser.py`` and
``benchmarks/bench_server.py``, like :mod:`kp2s_dashboard.web.browser`; the
dashboard never imports it. :func:`render_site` takes
``deploy/nginx/kp2s-dashboard.conf`` (the file an office installs) and
changes only where it listens and where the app is, so what is tested is
what is deployed; :class:`Nginx` runs it from a temporary folder (its own
``nginx.conf``, pid, logs and temporary files) on 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from kp2s_dashboard.web.browser import PROJECT, free_port, wait_for_port

SITE = PROJECT / "deploy" / "nginx" / "kp2s-dashboard.conf"
UNIT = PROJECT / "deploy" / "systemd" / "kp2s-dashboard.service"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "nginx")


def find_nginx() -> str | None:
    """Path of the nginx executable (``$KP2S_NGINX``, else Debian's
    ``/usr/sbin/nginx``, else ``nginx`` on the PATH), or ``None``."""
    explicit = os.environ.get("KP2S_NGINX")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for candidate in NGINX_CANDIDATES:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    return None


def body_limit_bytes(site_text: str | None = None) -> int:
    """``client_max_body_size`` of the site config in bytes (``21m`` →
    22,020,096).

    Raises:
        ValueError: no such directive, or a size nginx would not read.
    """
    text = SITE.read_text(encoding="utf-8") if site_text is None else site_text
    found = re.findall(r"^\s*client_max_body_size\s+(\d+)([kKmMgG]?)\s*;", text, re.M)
    if len(found) != 1:
        raise ValueError(f"expected one client_max_body_size in {SITE.name}, found {len(found)}")
    number, unit = found[0]
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]


def _replace_once(pattern: str, new: str, text: str, flags: int = re.M) -> str:
    out, n = re.subn(pattern, new, text, flags=flags)
    if n != 1:
        raise ValueError(f"deploy/nginx/kp2s-dashboard.conf changed: {pattern!r} matched {n} times, not once")
    return out


def render_site(listen_port: int, app_ports: list[int], text: str | None = None) -> str:
    """The site config with nginx listening on ``127.0.0.1:listen_port``
    only (the IPv6 ``listen`` removed) and the ``kp2s_app`` upstream holding
    ``127.0.0.1:<port>`` for each of ``app_ports``; everything else as in
    the file.

    Raises:
        ValueError: the file no longer has the directives this replaces
            (one ``listen 80;``, one ``listen [::]:80;``, one app ``server``).
    """
    text = SITE.read_text(encoding="utf-8") if text is None else text
    text = _replace_once(r"^(\s*)listen 80;$", rf"\g<1>listen 127.0.0.1:{listen_port};", text)
    text = _replace_once(r"^\s*listen \[::\]:80;\n", "", text)
    servers = "".join(f"    server 127.0.0.1:{p};\n" for p in app_ports)
    return _replace_once(r"^\s*server 127\.0\.0\.1:8501;\n", servers, text)


def main_config(folder: Path, site: Path) -> str:
    """An ``nginx.conf`` that keeps its pid, logs and temporary files in
    ``folder`` and includes ``site`` (Debian's ``mime.types``, as the
    packaged ``/etc/nginx/nginx.conf`` does)."""
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers may write the temporary folder
    temp = "".join(f"    {name}_temp_path {folder / name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                           "scgi"))
    return (f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} warn;\n"
            f"events {{ worker_connections 256; }}\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
            f"    log_format kp2s '$status $bytes_sent $request_length \"$request\"';\n"
            f"    access_log {folder / 'access.log'} kp2s;\n{temp}    include {site};\n}}\n")


class Nginx:
    """nginx on 127.0.0.1 with :func:`render_site` in front of the app
    processes on ``app_ports``, as a context manager.

    Raises (on start):
        FileNotFoundError: no nginx on the machine (:func:`find_nginx`).
        RuntimeError: ``nginx -t`` refused the config, or nginx did not
            listen within ``timeout`` seconds (the message holds its error log).
    """

    def __init__(self, app_ports: list[int], port: int | None = None, timeout: float = 30.0) -> None:
        self.app_ports = list(app_ports)
        self.port = port or free_port()
        self.timeout = timeout
        self.folder: Path | None = None
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    def _command(self, *extra: str) -> list[str]:
        exe = find_nginx()
        if exe is None:
            raise FileNotFoundError("no nginx executable found (Debian: apt-get install nginx)")
        return [exe, "-p", str(self.folder), "-c", str(self.folder / "nginx.conf"), "-e",
                str(self.folder / "error.log"), *extra]

    def start(self) -> Nginx:
        """Write the configs, test them (``nginx -t``) and start nginx in the
        foreground of a child process; returns ``self`` once it listens."""
        self.folder = Path(tempfile.mkdtemp(prefix="kp2s-nginx-"))
        site = self.folder / "kp2s-dashboard.conf"
        site.write_text(render_site(self.port, self.app_ports), encoding="utf-8")
        (self.folder / "nginx.conf").write_text(main_config(self.folder, site), encoding="utf-8")
        checked = subprocess.run(self._command("-t"), capture_output=True, text=True)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx -t refused the config:\n{checked.stderr}")
        self.process = subprocess.Popen(self._command("-g", "daemon off;"), stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for_port(self.port, self.timeout)
        except TimeoutError:
            self.stop()
            raise RuntimeError(f"nginx did not listen on {self.port}:\n{self.error_log()}") from None
        return self

    def access_log(self) -> list[tuple[int, int, int, str]]:
        """Requests answered so far, ``(status, bytes sent, bytes received,
        request line)`` each; bytes as on the wire (headers included, after
        gzip; a websocket is logged with all its frames when it closes)."""
        log = self.folder / "access.log" if self.folder else None
        if not log or not log.is_file():
            return []
        out = []
        for line in log.read_text(errors="replace").splitlines():
            status, sent, received, request = line.split(" ", 3)
            out.append((int(status), int(sent), int(received), request.strip('"')))
        return out

    def error_log(self) -> str:
        """nginx's error log so far ('' when none)."""
        log = self.folder / "error.log" if self.folder else None
        return log.read_text(errors="replace") if log and log.is_file() else ""

    def stop(self) -> None:
        """Stop nginx (SIGTERM: fast shutdown; killed after 10 s) and delete its folder."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.folder is not None:
            time.sleep(0.1)
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def __enter__(self) -> Nginx:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
