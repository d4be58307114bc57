"""The editor sign-in widget: the only Streamlit code of sign-in (the logic,
lock-out and audit rows are :mod:`kp2s_dashboard.auth`).

The sign-in is kept in ``st.session_state["kp2s_editor"]`` (a
:class:`kp2s_dashboard.auth.SignIn`) and checked on every run by
:func:`editor`: expired sessions and disabled editors are signed out.
"""

from __future__ import annotations

import streamlit as st

from kp2s_dashboard import auth
from kp2s_dashboard.i18n import fmt_date, t
from kp2s_dashboard.store import datastore

SESSION_KEY = "kp2s_editor"


def _until_text(when, lang: str) -> str:
    local = when.astimezone()
    return f"{fmt_date(local.date(), lang)} {local:%H:%M}"


def editor(lang: str) -> auth.SignIn | None:
    """The signed-in editor of this session, or ``None`` (an expired
    session is cleared and a notice shown)."""
    session = st.session_state.get(SESSION_KEY)
    if session is None:
        return None
    if not auth.session_valid(session):
        del st.session_state[SESSION_KEY]
        st.info(t("auth.expired", lang))
        return None
    return session


def sign_in(lang: str) -> auth.SignIn | None:
    """The signed-in editor, or a sign-in form (returns ``None`` until an
    editor signs in). Messages come from the catalogue; nothing from the
    credentials file is rendered as markup."""
    session = editor(lang)
    if session is not None:
        c1, c2 = st.columns([4, 1])
        c1.caption(t("auth.signed_in_as", lang, name=session.name, user=session.user,
                     until=_until_text(session.expires, lang)))
        if c2.button(t("auth.sign_out", lang), key="auth_sign_out"):
            del st.session_state[SESSION_KEY]
            st.rerun()
        return session
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
            st.rerun()
        elif result.key == "auth.locked":
            st.error(t("auth.locked", lang, until=_until_text(result.until, lang)))
        else:
            st.error(t(result.key, lang))
    return None
