"""Editors and sign-in (issue 9 point 4): bcrypt hashes in a credentials
file outside the repository, add/disable from the command line, lock-out
after repeated failures counted in the store's audit log, sessions that
expire."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
import yaml

from kp2s_dashboard import auth, paths
from kp2s_dashboard.store import Store

PASSWORD = "benar-sekali-123"


@pytest.fixture
def creds(tmp_path, monkeypatch):
    path = tmp_path / "secret" / "credentials.yaml"
    monkeypatch.setenv("KP2S_CREDENTIALS", str(path))
    return path


@pytest.fixture
def store(tmp_path):
    opened = Store(str(tmp_path / "store" / "kp2s.sqlite"))
    yield opened
    opened.close()


def test_credentials_path_order(tmp_path):
    assert auth.credentials_path({"KP2S_CREDENTIALS": str(tmp_path / "c.yaml")}) == tmp_path / "c.yaml"
    default = auth.credentials_path({})
    if not (paths.PROJECT_DIR / ".streamlit" / "secrets.toml").is_file():
        assert default == paths.PROJECT_DIR / "var" / "credentials.yaml"
    ignored = subprocess.run(["git", "check-ignore", "-q", "var/credentials.yaml"], cwd=paths.PROJECT_DIR)
    assert ignored.returncode == 0, "the default credentials file must be git-ignored"


def test_cli_add_and_disable_editor(creds, store):
    run = [sys.executable, "-m", "kp2s_dashboard.auth"]
    done = subprocess.run([*run, "add-editor", "Budi", "--name", "Budi Santoso"], input=PASSWORD + "\n",
                          capture_output=True, text=True, cwd=paths.PROJECT_DIR)
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load(creds.read_text())
    entry = data["credentials"]["usernames"]["budi"]
    assert entry["name"] == "Budi Santoso" and entry["disabled"] is False
    assert entry["password"].startswith("$2b$") and PASSWORD not in creds.read_text()
    assert oct(creds.stat().st_mode & 0o777) == "0o600"
    assert auth.authenticate(store, "budi", PASSWORD).ok

    short = subprocess.run([*run, "add-editor", "ani"], input="pendek\n", capture_output=True, text=True,
                           cwd=paths.PROJECT_DIR)
    assert short.returncode == 2 and "at least 10 characters" in short.stderr

    done = subprocess.run([*run, "disable-editor", "budi"], capture_output=True, text=True, cwd=paths.PROJECT_DIR)
    assert done.returncode == 0, done.stderr
    assert yaml.safe_load(creds.read_text())["credentials"]["usernames"]["budi"]["disabled"] is True
    refused = auth.authenticate(store, "budi", PASSWORD)
    assert (refused.ok, refused.key) == (False, "auth.bad_credentials")
    missing = subprocess.run([*run, "disable-editor", "nobody"], capture_output=True, text=True,
                             cwd=paths.PROJECT_DIR)
    assert missing.returncode == 2 and "'nobody' is not in the credentials file" in missing.stderr


def test_five_failures_lock_the_name_even_with_the_right_password(creds, store):
    auth.add_editor("budi", "Budi", PASSWORD)
    now = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
    for i in range(4):
        r = auth.authenticate(store, "budi", "salah", now=now)
        assert (r.ok, r.key) == (False, "auth.bad_credentials"), i
    # failures are audited with the name tried; wall-clock 'at' is what counts
    rows = store.audit_log(event_name="sign_in_failed")
    assert [(e.who, e.detail["reason"]) for e in rows] == [("budi", "wrong password")] * 4
    fifth = auth.authenticate(store, "budi", "salah")
    assert (fifth.ok, fifth.key) == (False, "auth.locked")
    assert fifth.until is not None
    locked = auth.authenticate(store, "budi", PASSWORD)
    assert (locked.ok, locked.key) == (False, "auth.locked")
    assert store.audit_log(limit=1)[0].event == "sign_in_locked"
    # another name is not locked
    auth.add_editor("ani", "Ani", PASSWORD)
    assert auth.authenticate(store, "ani", PASSWORD).ok
    # the lock ends LOCK_MINUTES after the failures
    later = datetime.now(timezone.utc) + timedelta(minutes=auth.LOCK_MINUTES, seconds=5)
    assert auth.lock_until(store, "budi", now=later) is None
    assert auth.authenticate(store, "budi", PASSWORD, now=later).ok


def test_success_resets_the_count(creds, store):
    auth.add_editor("budi", "Budi", PASSWORD)
    for _ in range(4):
        auth.authenticate(store, "budi", "salah")
    assert auth.authenticate(store, "budi", PASSWORD).ok
    for _ in range(4):
        assert auth.authenticate(store, "budi", "salah").key == "auth.bad_credentials"
    assert auth.lock_until(store, "budi") is None


def test_unknown_name_is_audited_and_answered_like_a_wrong_password(creds, store):
    r = auth.authenticate(store, "Siapa", "x")
    assert (r.ok, r.key) == (False, "auth.bad_credentials")
    e = store.audit_log(limit=1)[0]
    assert (e.event, e.who, e.detail) == ("sign_in_failed", "siapa", {"reason": "unknown user"})
    assert auth.authenticate(None, "budi", PASSWORD).key == "auth.no_store"


def test_session_expires_and_disabling_ends_it(creds, store):
    auth.add_editor("budi", "Budi", PASSWORD)
    s = auth.authenticate(store, "budi", PASSWORD)
    assert s.expires - datetime.now(timezone.utc) <= timedelta(minutes=auth.SESSION_MINUTES)
    assert auth.session_valid(s)
    assert not auth.session_valid(s, now=s.expires)
    auth.disable_editor("budi")
    assert not auth.session_valid(s)


def test_hashes_are_streamlit_authenticator_hashes():
    from streamlit_authenticator import Hasher

    ours = auth.hash_password(PASSWORD)
    assert Hasher.check_pw(PASSWORD, ours) and not Hasher.check_pw("salah", ours)
    theirs = Hasher.hash(PASSWORD)
    assert auth.check_password(PASSWORD, theirs) and not auth.check_password("salah", theirs)
    assert not auth.check_password(PASSWORD, "not-a-hash")


def test_auth_does_not_import_streamlit():
    code = "import sys, kp2s_dashboard.auth as a; a.hash_password('x' * 10); print('streamlit' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=paths.PROJECT_DIR)
    assert done.stdout.strip() == "False", done.stderr
