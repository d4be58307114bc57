"""The deployment files in deploy/ (issue 9, item 6): the upload limit has one
source (``uploads.Limits.max_bytes``) that Streamlit's ``maxUploadSize`` and
nginx's ``client_max_body_size`` follow; the systemd unit runs the app as a
plain user on 127.0.0.1, with the store on a backed-up path, restarted on
failure, on the port nginx proxies to. (nginx itself is started in front of
the app by tests/browser/test_nginx_in_browser.py.)"""

from __future__ import annotations

import re
import tomllib

import pytest

from kp2s_dashboard.sheets import uploads
from kp2s_dashboard.web import proxy

MB = 1024 * 1024
#: Multipart framing Streamlit allows above maxUploadSize
#: (streamlit/web/server/starlette/starlette_routes.py, _MAX_UPLOAD_MULTIPART_OVERHEAD_BYTES).
FRAMING = 1 * MB


def _unit() -> dict[str, list[str]]:
    """Keys of the [Service]/[Unit] sections of the unit file (continuation lines joined)."""
    text = proxy.UNIT.read_text(encoding="utf-8").replace("\\\n", " ")
    keys: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith(("#", "[")):
            key, value = line.split("=", 1)
            keys.setdefault(key.strip(), []).append(value.strip())
    return keys


def test_the_three_upload_limits_agree():
    config = tomllib.loads((proxy.PROJECT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    app_limit = uploads.Limits().max_bytes
    assert app_limit == 20 * MB
    assert config["server"]["maxUploadSize"] * MB == app_limit
    assert proxy.body_limit_bytes() == app_limit + FRAMING == 21 * MB


def test_the_body_limit_is_read_as_nginx_reads_it():
    assert proxy.body_limit_bytes("client_max_body_size 512k;") == 512 * 1024
    assert proxy.body_limit_bytes("  client_max_body_size 2G;\n") == 2 * 1024**3
    with pytest.raises(ValueError, match="found 0"):
        proxy.body_limit_bytes("# client_max_body_size 21m;")
    with pytest.raises(ValueError, match="found 2"):
        proxy.body_limit_bytes("client_max_body_size 1m;\nclient_max_body_size 2m;")


def test_the_site_config_has_websocket_gzip_and_long_cache_for_hashed_files():
    site = proxy.SITE.read_text(encoding="utf-8")
    stream = re.search(r"location /_stcore/stream \{(.*?)\}", site, re.S).group(1)
    assert "proxy_set_header Upgrade $http_upgrade;" in stream
    assert "proxy_set_header Connection $kp2s_connection;" in stream
    assert "proxy_set_header Host $host;" in stream  # a location's proxy_set_header replaces the server's
    assert re.search(r"^\s*gzip on;", site, re.M)
    types = re.search(r"gzip_types([^;]*);", site).group(1).split()
    assert {"text/css", "application/javascript", "application/json"} <= set(types)
    hashed = re.search(r'location ~ "(.*?)" \{(.*?)\}', site, re.S)
    pattern = re.compile(hashed.group(1))
    assert pattern.match("/static/js/index.DormvYxC.js") and pattern.match("/static/css/index.C1JORDN2.css")
    assert pattern.match("/static/media/KaTeX_Main-Bold.Cx986IdX.woff2")
    assert not pattern.match("/static/js/index.js") and not pattern.match("/") and not pattern.match("/peta")
    assert 'add_header Cache-Control "public, max-age=31536000, immutable" always;' in hashed.group(2)


def test_the_site_is_rendered_for_other_ports_and_only_there():
    text = proxy.render_site(18080, [18501, 18502])
    assert "listen 127.0.0.1:18080;" in text and "listen 80;" not in text and "[::]" not in text
    assert "server 127.0.0.1:18501;\n    server 127.0.0.1:18502;" in text and ":8501;" not in text
    original = proxy.SITE.read_text(encoding="utf-8")
    assert text.count("\n") == original.count("\n")  # the IPv6 listen out, a second app server in
    with pytest.raises(ValueError, match="matched 0 times"):
        proxy.render_site(1, [2], original.replace("listen 80;", "listen 8080;"))


def test_the_systemd_unit_runs_the_app_as_documented():
    unit = _unit()
    assert unit["User"] == ["kp2s"] and unit["Group"] == ["kp2s"]
    assert unit["WorkingDirectory"] == ["/opt/kp2s-dashboard"]
    assert unit["Restart"] == ["on-failure"]
    env = dict(e.split("=", 1) for e in unit["Environment"])
    assert env["KP2S_STORE"] == "/srv/kp2s/kp2s.sqlite" and env["KP2S_CREDENTIALS"].startswith("/srv/kp2s/")
    assert "/srv/kp2s" in unit["ReadWritePaths"][0].split()  # the store's folder stays writable
    start = unit["ExecStart"][0].split()
    assert start[:4] == ["/opt/kp2s-dashboard/.venv/bin/python", "-m", "streamlit", "run"]
    args = dict(zip(start[5::2], start[6::2]))
    assert args["--server.address"] == "127.0.0.1"
    # nginx proxies to the port the unit listens on
    site = proxy.SITE.read_text(encoding="utf-8")
    assert re.search(rf"^\s*server 127\.0\.0\.1:{args['--server.port']};", site, re.M)


def test_systemd_reads_the_units_without_complaint(tmp_path):
    """``systemd-analyze verify`` (skipped where systemd is not installed): the
    only complaint allowed is that /opt/kp2s-dashboard is not installed here."""
    import shutil
    import subprocess

    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian: systemd)")
    units = sorted(proxy.UNIT.parent.glob("kp2s-*"))
    assert [u.name for u in units] == ["kp2s-backup.service", "kp2s-backup.timer", "kp2s-dashboard.service"]
    for unit in units:
        shutil.copy(unit, tmp_path / unit.name)
    done = subprocess.run([analyze, "verify", "--man=no", *(str(tmp_path / u.name) for u in units)],
                          capture_output=True, text=True, cwd=tmp_path)
    complaints = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert all("/opt/kp2s-dashboard/" in line and "not executable" in line for line in complaints), complaints
