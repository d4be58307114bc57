"""Editors and sign-in: who may upload, publish and restore data.

Viewing the dashboard stays open; only editing needs a signed-in editor.
Pure logic, no Streamlit: the sign-in form is
:mod:`kp2s_dashboard.web.signin`.

Credentials live in a YAML file OUTSIDE the repository, in the layout of
streamlit-authenticator (``credentials: usernames: USER: {name, password,
disabled}``) with bcrypt hashes in its ``Hasher``'s format. Where the file is,
first match wins:

1. the ``KP2S_CREDENTIALS`` environment variable (a file path);
2. ``credentials`` in the ``[auth]`` table of ``.streamlit/secrets.toml``
   (project, then home folder);
3. ``var/credentials.yaml`` in the project (git-ignored).

Editors are added and disabled with ``python -m kp2s_dashboard.auth
add-editor USER --name "…"`` and ``disable-editor USER``.

Lock-out: every failed sign-in is an audit row (``sign_in_failed``, ``who`` =
the user name tried) in the data store; after :data:`MAX_FAILURES` failures
of one user name within :data:`LOCK_MINUTES` minutes and since its last
successful sign-in, that name is locked until the oldest of those failures
is :data:`LOCK_MINUTES` old, even with the right password. Counting in the
store (not in memory) makes the lock hold across sessions, browser tabs and
app processes.

Sessions expire :data:`SESSION_MINUTES` after sign-in (configurable as
``session_minutes`` in the YAML's ``cookie`` table or ``[auth]
session_minutes``); the expiry is checked on every run by
:func:`session_valid`.

**A sign-in survives a page reload** within its lifetime through a signed
cookie, the mechanism streamlit-authenticator 0.4.2 uses
(``models/cookie_model.py``): a JWT (HS256) holding ``username`` and
``exp_date`` (Unix seconds), named and keyed by the credentials file's
``cookie`` table (``name``, default :data:`COOKIE_NAME`; ``key``, a random
secret written there on first use, never in the repository), read on the
server from the request's cookies (``st.context.cookies``, as the library
does). We add ``sid`` (a random session id) and ``iat``. Unlike the library,
the cookie is not set through its ``extra_streamlit_components`` browser
component (which does not run in ``AppTest`` and adds a round trip) but by
one line of our own script in the page (:mod:`kp2s_dashboard.web.signin`),
with ``Max-Age`` = the remaining session, ``Path=/``, ``SameSite=Strict``
and ``Secure`` under https. A script sets it, so it cannot be ``HttpOnly``:
the app renders no markup or script from files, which is what keeps it from
being read by someone else's script. A token is honoured only while
(:func:`session_from_token`): its signature is valid, ``exp_date`` is in the
future, the editor is still in the credentials file and not disabled, and
its ``sid`` was not signed out (signing out writes a ``sign_out`` audit row
with the ``sid``, so a copied cookie dies with the sign-out). Changing
``cookie.key`` in the file ends every session at once.
"""

from __future__ import annotations

import os
import secrets
import tomllib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from kp2s_dashboard import paths
from kp2s_dashboard.errors import KP2SError

MAX_FAILURES = 5
COOKIE_NAME = "kp2s_editor"
LOCK_MINUTES = 15
SESSION_MINUTES = 8 * 60
_USER_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


class AuthError(KP2SError, ValueError):
    """A sign-in or editor-management request that cannot be done; an
    ``auth.*`` message key (``i18n/catalogue/auth.toml``)."""


@dataclass(frozen=True)
class SignIn:
    """The outcome of :func:`authenticate`. ``ok`` True: ``user`` and
    ``name`` are the editor, ``expires`` (UTC) the end of the session.
    ``ok`` False: ``key`` is the message key (``auth.bad_credentials``,
    ``auth.locked``, ``auth.no_store``) and ``until`` the end of a lock."""

    ok: bool
    user: str
    name: str = ""
    key: str = ""
    expires: datetime | None = None
    until: datetime | None = None
    sid: str = ""


def _secrets() -> dict:
    for f in (paths.PROJECT_DIR / ".streamlit" / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml"):
        if f.is_file():
            try:
                data = tomllib.loads(f.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                continue
            if isinstance(data.get("auth"), dict):
                return data["auth"]
    return {}


def credentials_path(environ: dict[str, str] | None = None) -> Path:
    """The credentials YAML in force (see the module docstring); it may not
    exist yet (then nobody can sign in)."""
    env = os.environ if environ is None else environ
    if env.get("KP2S_CREDENTIALS", "").strip():
        return Path(env["KP2S_CREDENTIALS"].strip()).expanduser()
    configured = _secrets().get("credentials")
    if isinstance(configured, str) and configured.strip():
        p = Path(configured.strip()).expanduser()
        return p if p.is_absolute() else paths.PROJECT_DIR / p
    return paths.PROJECT_DIR / "var" / "credentials.yaml"


def load(path: Path | None = None) -> dict:
    """The credentials file as a dict ``{"credentials": {"usernames": {user:
    {"name", "password" (bcrypt), "disabled"}}}, "cookie": {...}}``; an
    empty skeleton when the file does not exist.

    Raises:
        AuthError: ``auth.bad_file`` when the file is not the expected YAML.
    """
    import yaml

    path = path or credentials_path()
    if not path.is_file():
        return {"credentials": {"usernames": {}}, "cookie": {"session_minutes": SESSION_MINUTES}}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        users = data.setdefault("credentials", {}).setdefault("usernames", {})
        if not isinstance(users, dict):
            raise TypeError("credentials.usernames is not a mapping")
    except Exception as exc:  # yaml.YAMLError, TypeError, AttributeError, UnicodeDecodeError
        raise AuthError("auth.bad_file", path=str(path), reason=str(exc)) from None
    data.setdefault("cookie", {})
    return data


def has_editors(path: Path | None = None) -> bool:
    """True when the credentials file names at least one editor who is not
    disabled (the sign-in form is pointless otherwise).

    Raises:
        AuthError: ``auth.bad_file`` as :func:`load`.
    """
    users = load(path)["credentials"]["usernames"]
    return any(isinstance(u, dict) and not u.get("disabled") for u in users.values())


def save(data: dict, path: Path | None = None) -> Path:
    """Write the credentials file atomically with mode 0600; returns its path."""
    import yaml

    path = path or credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        yaml.safe_dump(data, fh, allow_unicode=True, sort_keys=True)
    os.replace(tmp, path)
    return path


def _norm_user(user: str) -> str:
    user = (user or "").strip().lower()
    if not user or len(user) > 64 or not set(user) <= _USER_CHARS:
        raise AuthError("auth.bad_user", user=user[:64])
    return user


def hash_password(password: str) -> str:
    """A bcrypt hash (``$2b$12$…``, text) of ``password``: the same format as
    streamlit-authenticator's ``Hasher.hash`` (a test checks both ways), made
    with bcrypt directly so this module never imports Streamlit."""
    import bcrypt

    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    """Whether ``password`` matches a bcrypt ``hashed`` (False for a value
    that is not a bcrypt hash)."""
    import bcrypt

    try:
        return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return False


def add_editor(user: str, name: str, password: str, path: Path | None = None) -> None:
    """Add an editor (or reset the password and re-enable an existing one),
    storing only the bcrypt hash (:func:`hash_password`).

    Raises:
        AuthError: ``auth.bad_user`` (letters, digits, ``._-``, at most 64),
            ``auth.short_password`` (fewer than 10 characters).
    """
    user = _norm_user(user)
    if len(password or "") < 10:
        raise AuthError("auth.short_password", minimum=10)
    data = load(path)
    data["credentials"]["usernames"][user] = {"name": (name or user).strip(), "password": hash_password(password),
                                              "disabled": False}
    cookie = data.setdefault("cookie", {})
    if not (isinstance(cookie.get("key"), str) and len(cookie["key"]) >= 32):
        cookie["key"] = secrets.token_urlsafe(48)  # signs the sign-in cookie (issue_token)
    save(data, path)


def disable_editor(user: str, path: Path | None = None) -> None:
    """Disable an editor: the entry stays (for the audit log's names) but can
    no longer sign in.

    Raises:
        AuthError: ``auth.unknown_user``.
    """
    user = _norm_user(user)
    data = load(path)
    entry = data["credentials"]["usernames"].get(user)
    if entry is None:
        raise AuthError("auth.unknown_user", user=user)
    entry["disabled"] = True
    save(data, path)


def session_minutes(data: dict | None = None) -> int:
    """Minutes a sign-in lasts (``cookie.session_minutes`` in the YAML, else
    ``[auth] session_minutes``, else :data:`SESSION_MINUTES`)."""
    data = data if data is not None else load()
    for value in (data.get("cookie", {}).get("session_minutes"), _secrets().get("session_minutes")):
        if isinstance(value, int) and value > 0:
            return value
    return SESSION_MINUTES


def lock_until(store: Any, user: str, now: datetime | None = None) -> datetime | None:
    """When the lock on ``user`` ends (UTC), or ``None`` when not locked:
    :data:`MAX_FAILURES` ``sign_in_failed`` rows for this name in the last
    :data:`LOCK_MINUTES` minutes, after its last ``sign_in``."""
    now = now or datetime.now(timezone.utc)
    window = timedelta(minutes=LOCK_MINUTES)
    failures: list[datetime] = []
    for entry in store.audit_log(limit=1000):  # newest first
        if entry.who != user or entry.event not in ("sign_in", "sign_in_failed"):
            continue
        if entry.event == "sign_in" or now - entry.at > window:
            break
        failures.append(entry.at)
    if len(failures) >= MAX_FAILURES:
        return failures[MAX_FAILURES - 1] + window
    return None


def authenticate(store: Any, user: str, password: str, now: datetime | None = None,
                 path: Path | None = None) -> SignIn:
    """Check a sign-in and write it to the audit log (``sign_in`` or
    ``sign_in_failed`` with the reason in ``detail``).

    Unknown, disabled and wrong-password names give the same answer
    (``auth.bad_credentials``) so names cannot be probed; a locked name gets
    ``auth.locked`` without its password being checked. ``store`` ``None``
    (no data store) refuses every sign-in (``auth.no_store``): there is
    nothing to edit and no place to count failures.
    """
    now = now or datetime.now(timezone.utc)
    tried = (user or "").strip().lower()[:64]
    if store is None:
        return SignIn(False, tried, key="auth.no_store")
    until = lock_until(store, tried, now)
    if until is not None:
        store.audit("sign_in_locked", tried, detail={"until": until.isoformat()})
        return SignIn(False, tried, key="auth.locked", until=until)
    data = load(path)
    entry = data["credentials"]["usernames"].get(tried)
    reason = None
    if entry is None:
        reason = "unknown user"
    elif entry.get("disabled"):
        reason = "disabled"
    elif not check_password(password or "", str(entry.get("password", ""))):
        reason = "wrong password"
    if reason is not None:
        store.audit("sign_in_failed", tried, detail={"reason": reason})
        until = lock_until(store, tried, now)
        if until is not None:
            return SignIn(False, tried, key="auth.locked", until=until)
        return SignIn(False, tried, key="auth.bad_credentials")
    sid = uuid.uuid4().hex
    store.audit("sign_in", tried, detail={"sid": sid})
    return SignIn(True, tried, name=str(entry.get("name") or tried), expires=now + timedelta(
        minutes=session_minutes(data)), sid=sid)


def session_valid(session: SignIn | None, now: datetime | None = None, path: Path | None = None) -> bool:
    """Whether a sign-in still holds: it succeeded, has not expired, and the
    editor is still in the credentials file and not disabled."""
    if session is None or not session.ok or session.expires is None:
        return False
    now = now or datetime.now(timezone.utc)
    if now >= session.expires:
        return False
    try:
        entry = load(path)["credentials"]["usernames"].get(session.user)
    except AuthError:
        return False
    return entry is not None and not entry.get("disabled")


# -- the sign-in cookie (see the module docstring) --------------------------------------------------
def cookie_name(data: dict | None = None) -> str:
    """The cookie's name: ``cookie.name`` in the credentials file, else
    :data:`COOKIE_NAME`."""
    data = data if data is not None else load()
    name = data.get("cookie", {}).get("name")
    return str(name) if isinstance(name, str) and name.strip() else COOKIE_NAME


def _cookie_key(path: Path | None = None, create: bool = False) -> str | None:
    """The secret signing the cookie (``cookie.key``); with ``create``, a new
    random one is written to the credentials file when it has none."""
    data = load(path)
    key = data.get("cookie", {}).get("key")
    if isinstance(key, str) and len(key) >= 32:
        return key
    if not create:
        return None
    data.setdefault("cookie", {})["key"] = secrets.token_urlsafe(48)
    save(data, path)
    return data["cookie"]["key"]


def issue_token(session: SignIn, path: Path | None = None, now: datetime | None = None) -> str:
    """The cookie value for a successful sign-in: a JWT (HS256) with
    ``username``, ``exp_date`` (the session's end, Unix seconds), ``iat`` and
    ``sid``, signed with ``cookie.key`` (created in the credentials file when
    missing).

    Raises:
        AuthError: ``auth.bad_file`` (the credentials file cannot be read).
        ValueError: ``session`` is not a successful sign-in.
    """
    import jwt

    if not session.ok or session.expires is None:
        raise ValueError("not a successful sign-in")
    now = now or datetime.now(timezone.utc)
    key = _cookie_key(path, create=True)
    return jwt.encode({"username": session.user, "exp_date": session.expires.timestamp(),
                       "iat": int(now.timestamp()), "sid": session.sid}, key, algorithm="HS256")


def session_from_token(token: str | None, store: Any, now: datetime | None = None,
                       path: Path | None = None) -> SignIn | None:
    """The sign-in a cookie holds, or ``None`` when it is absent, not signed
    with this installation's key, expired, names an editor who is unknown or
    disabled, or was signed out (a ``sign_out`` audit row with its ``sid``)."""
    import jwt

    if not token or store is None:
        return None
    now = now or datetime.now(timezone.utc)
    try:
        key = _cookie_key(path)
        if key is None:
            return None
        claims = jwt.decode(token, key, algorithms=["HS256"])
        user = str(claims["username"])
        expires = datetime.fromtimestamp(float(claims["exp_date"]), timezone.utc)
        sid = str(claims.get("sid") or "")
        entry = load(path)["credentials"]["usernames"].get(user)
    except (jwt.PyJWTError, KeyError, TypeError, ValueError, OverflowError, AuthError):
        return None
    if now >= expires or not sid or entry is None or entry.get("disabled"):
        return None
    if any(e.detail.get("sid") == sid for e in store.audit_log(limit=1000, event_name="sign_out")):
        return None
    return SignIn(True, user, name=str(entry.get("name") or user), expires=expires, sid=sid)


def sign_out(store: Any, session: SignIn) -> None:
    """Record a sign-out (``sign_out`` audit row with the session's ``sid``):
    the session's cookie is no longer honoured anywhere."""
    if store is not None and session.ok:
        store.audit("sign_out", session.user, detail={"sid": session.sid})
