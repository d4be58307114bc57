"""A sign-in survives a page reload (kelola brief item 4): the signed cookie
of kp2s_dashboard.auth (streamlit-authenticator 0.4.2's JWT layout), checked
pure and on the Kelola page in AppTest, where a reload is a new session whose
request carries the cookie (``signin._cookies`` stands for
``st.context.cookies``, which AppTest cannot seed)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import jwt
import pytest
from streamlit.testing.v1 import AppTest

from kp2s_dashboard import auth
from kp2s_dashboard.store import Store
from kp2s_dashboard.web import signin

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PASSWORD = "benar-sekali-123"


@pytest.fixture
def env(tmp_path, monkeypatch):
    db = tmp_path / "store" / "kp2s.sqlite"
    monkeypatch.setenv("KP2S_STORE", str(db))
    monkeypatch.setenv("KP2S_CREDENTIALS", str(tmp_path / "secret" / "credentials.yaml"))
    auth.add_editor("budi", "Budi Santoso", PASSWORD)
    store = Store(str(db))
    yield store
    store.close()


def _session(store) -> auth.SignIn:
    result = auth.authenticate(store, "budi", PASSWORD)
    assert result.ok and result.sid
    return result


def test_token_is_streamlit_authenticators_layout_and_round_trips(env):
    session = _session(env)
    token = auth.issue_token(session)
    key = auth.load()["cookie"]["key"]
    # what streamlit_authenticator.models.cookie_model.CookieModel._token_decode / get_cookie accept
    claims = jwt.decode(token, key, algorithms=["HS256"])
    assert claims["username"] == "budi" and claims["exp_date"] > datetime.now().timestamp()
    back = auth.session_from_token(token, env)
    assert (back.user, back.name, back.sid) == ("budi", "Budi Santoso", session.sid)
    assert abs((back.expires - session.expires).total_seconds()) < 1


def test_token_refused_when_expired_tampered_disabled_signed_out_or_rekeyed(env):
    session = _session(env)
    token = auth.issue_token(session)
    assert auth.session_from_token(token, env, now=session.expires + timedelta(seconds=1)) is None
    head, body, sig = token.split(".")
    assert auth.session_from_token(f"{head}.{body}.{sig[:-2]}xx", env) is None
    forged = jwt.encode({"username": "budi", "exp_date": 9e9, "sid": "x"}, "not-the-key" * 4, algorithm="HS256")
    assert auth.session_from_token(forged, env) is None
    assert auth.session_from_token(None, env) is None and auth.session_from_token("garbage", env) is None
    auth.sign_out(env, session)
    assert auth.session_from_token(token, env) is None  # a copied cookie dies with the sign-out
    other = auth.issue_token(_session(env))
    assert auth.session_from_token(other, env) is not None
    auth.disable_editor("budi")
    assert auth.session_from_token(other, env) is None
    auth.add_editor("budi", "Budi Santoso", PASSWORD)  # re-enabled
    assert auth.session_from_token(other, env) is not None
    data = auth.load()
    data["cookie"]["key"] = "k" * 64  # a new key ends every session
    auth.save(data)
    assert auth.session_from_token(other, env) is None


def _open(monkeypatch, cookies: dict) -> AppTest:
    monkeypatch.setattr(signin, "_cookies", lambda: dict(cookies))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "en"
    at.switch_page("pages/kelola.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _captions(at) -> str:
    return "\n".join(str(c.value) for c in at.caption)


def test_sign_in_survives_a_reload_until_sign_out(env, monkeypatch):
    at = _open(monkeypatch, {})
    at.text_input(key="auth_user").input("budi")
    at.text_input(key="auth_password").input(PASSWORD)
    [submit] = [b for b in at.button if b.label == "Sign in"]
    submit.click().run()
    assert not at.exception
    scripts = [h.proto.body for h in at.get("html")]
    [script] = [s for s in scripts if "document.cookie" in s]
    found = re.search(r'"kp2s_editor=([A-Za-z0-9_.-]+); Max-Age=(\d+); Path=/; SameSite=Strict"', script)
    assert found, script
    token, max_age = found.group(1), int(found.group(2))
    assert 8 * 3600 - 60 <= max_age <= 8 * 3600  # the session's lifetime

    reloaded = _open(monkeypatch, {"kp2s_editor": token})  # a reload: new session, the request carries the cookie
    assert "Signed in as Budi Santoso (budi)" in _captions(reloaded)
    assert len(reloaded.file_uploader) == 1 and not [b for b in reloaded.button if b.label == "Sign in"]

    reloaded.button(key="auth_sign_out").click().run()
    assert not reloaded.exception
    assert any("Max-Age=0" in h.proto.body for h in reloaded.get("html"))  # the cookie is deleted
    assert [b for b in reloaded.button if b.label == "Sign in"]
    again = _open(monkeypatch, {"kp2s_editor": token})  # an old copy of the cookie
    assert [b for b in again.button if b.label == "Sign in"] and len(again.file_uploader) == 0
    assert [e.event for e in env.audit_log(limit=3)][:1] == ["sign_out"]


def test_expired_cookie_shows_the_form(env, monkeypatch):
    session = _session(env)
    old = auth.SignIn(True, "budi", "Budi Santoso", expires=datetime.now(timezone.utc) - timedelta(minutes=1),
                      sid=session.sid)
    at = _open(monkeypatch, {"kp2s_editor": auth.issue_token(old)})
    assert [b for b in at.button if b.label == "Sign in"] and len(at.file_uploader) == 0
