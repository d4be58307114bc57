"""The editor sign-in widget: the only Streamlit code of sign-in (the logic,
lock-out, audit rows and the signed cookie are :mod:`kp2s_dashboard.auth`).

The sign-in is kept in ``st.session_state["kp2s_editor"]`` (a
:class:`kp2s_dashboard.auth.SignIn`) and checked on every run by
:func:`editor`: expired sessions and disabled editors are signed out.

A page reload starts a new Streamlit session; the sign-in then comes back
from the signed cookie (:func:`kp2s_dashboard.auth.session_from_token`),
read from the request (``st.context.cookies``). After a sign-in the cookie
is written by a one-line script on the next run (:func:`_write_cookie`);
signing out records the session id as signed out and deletes the cookie.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

import streamlit as st

from kp2s_dashboard import auth
from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.i18n import fmt_date, t
from kp2s_dashboard.store import datastore

SESSION_KEY = "kp2s_editor"
_PENDING = "_kp2s_cookie_pending"  # a cookie to write on the next run: (name, value, max_age seconds)
_SIGNED_OUT = "_kp2s_signed_out"  # this session signed out: the request's (old) cookie is not read again


def _until_text(when, lang: str) -> str:
    local = when.astimezone()
    return f"{fmt_date(local.date(), lang)} {local:%H:%M}"


def _cookies() -> dict:
    """The cookies of the request that opened this session (tests replace this)."""
    try:
        return dict(st.context.cookies)
    except Exception:  # no request (bare mode)
        return {}


def _write_cookie() -> None:
    """Write (or delete, max-age 0) a pending cookie in the browser: one
    ``document.cookie`` assignment; the name and value are JSON-quoted and
    are the app's own (a name from the credentials file, a JWT)."""
    pending = st.session_state.pop(_PENDING, None)
    if pending is None:
        return
    name, value, max_age = pending
    cookie = json.dumps(f"{name}={value}; Max-Age={int(max_age)}; Path=/; SameSite=Strict")
    st.html(f"<script>document.cookie = {cookie} + (location.protocol === 'https:' ? '; Secure' : '');</script>",
            unsafe_allow_javascript=True)


def _from_cookie():
    if st.session_state.get(_SIGNED_OUT):
        return None
    try:
        name = auth.cookie_name()
        token = _cookies().get(name)
        return auth.session_from_token(token, datastore.store()) if token else None
    except Exception:  # an unreadable credentials file or store: sign in by hand
        return None


def editor(lang: str) -> auth.SignIn | None:
    """The signed-in editor of this session (or of the browser's sign-in
    cookie), or ``None`` (an expired session is cleared and a notice shown)."""
    session = st.session_state.get(SESSION_KEY)
    if session is None:
        session = _from_cookie()
        if session is None:
            return None
        st.session_state[SESSION_KEY] = session
    if not auth.session_valid(session):
        del st.session_state[SESSION_KEY]
        st.info(t("auth.expired", lang))
        return None
    return session


def sign_in(lang: str) -> auth.SignIn | None:
    """The signed-in editor, or a sign-in form (returns ``None`` until an
    editor signs in). Messages come from the catalogue; nothing from the
    credentials file is rendered as markup."""
    _write_cookie()
    session = editor(lang)
    if session is not None:
        c1, c2 = st.columns([4, 1])
        c1.caption(t("auth.signed_in_as", lang, name=session.name, user=session.user,
                     until=_until_text(session.expires, lang)))
        if c2.button(t("auth.sign_out", lang), key="auth_sign_out"):
            auth.sign_out(datastore.store(), session)
            del st.session_state[SESSION_KEY]
            st.session_state[_SIGNED_OUT] = True
            st.session_state[_PENDING] = (auth.cookie_name(), "", 0)
            st.rerun()
        return session
    try:
        no_editor = not auth.has_editors()
    except KP2SError:
        no_editor = False  # a broken credentials file: signing in says so
    if no_editor:  # a fresh installation: say how the first editor is made
        st.info(t("auth.no_editors", lang, path=str(auth.credentials_path())))
    with st.form("auth_sign_in", clear_on_submit=True):
        st.subheader(t("auth.form_title", lang))
        user = st.text_input(t("auth.user", lang), key="auth_user", autocomplete="username")
        password = st.text_input(t("auth.password", lang), type="password", key="auth_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("auth.submit", lang))
    if submitted:
        result = auth.authenticate(datastore.store(), user, password)
        if result.ok:
            st.session_state[SESSION_KEY] = result
            st.session_state.pop(_SIGNED_OUT, None)
            try:
                seconds = (result.expires - datetime.now(timezone.utc)).total_seconds()
                st.session_state[_PENDING] = (auth.cookie_name(), auth.issue_token(result), max(0, int(seconds)))
            except (auth.AuthError, OSError):
                pass  # the credentials file cannot be written: the sign-in lasts this session only
            st.rerun()
        elif result.key == "auth.locked":
            st.error(t("auth.locked", lang, until=_until_text(result.until, lang)))
        else:
            st.error(t(result.key, lang))
    return None
