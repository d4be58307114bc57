"""Kelola data: publish a new version (upload → report → preview → publish),
versions, restore, audit log. Viewing is open; every action needs a
signed-in editor."""

import streamlit as st

from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.i18n import t
from kp2s_dashboard.sheets import uploads as guard
from kp2s_dashboard.store import datastore, publishing
from kp2s_dashboard.web import cache, signin, state, ui

ui.ensure_router()
lang = state.lang()
st.title(t("kelola.title", lang))
st.caption(t("kelola.intro", lang))

with ui.stop_on_error(lang):
    store = datastore.store()
if store is None:
    st.warning(t("auth.no_store", lang))
    st.stop()

editor = signin.sign_in(lang)
kind = st.selectbox(t("kelola.kind", lang), publishing.PUBLISHABLE, format_func=lambda k: t(f"kelola.kind_{k}", lang),
                    key="kelola_kind")
in_force = store.in_force(kind)

if editor is not None:
    st.header(t("kelola.publish_header", lang))
    upload = st.file_uploader(t("kelola.upload", lang), type=["csv", "xlsx", "xlsm", "xls", "ods"],
                              key="kelola_upload")
    if upload is not None:
        with ui.stop_on_error(lang):
            current = cache.prevalence().table
        with ui.stop_on_error(lang):
            guard.check_size(upload.name, upload.size)  # before the bytes are read
        candidate = publishing.check_prevalence(upload.name, upload.getvalue(), current)
        if candidate.errors:
            st.error(t("kelola.has_errors", lang, n=len(candidate.errors)))
            st.text("\n".join(p.render(lang) for p in candidate.errors[:200]))
        else:
            st.success(t("kelola.read_ok", lang, rows=len(candidate.table)))
        if candidate.warnings:
            st.warning(t("kelola.has_warnings", lang, n=len(candidate.warnings)))
            st.text("\n".join(p.render(lang) for p in candidate.warnings[:200]))
        if candidate.publishable:
            st.subheader(t("kelola.preview", lang))
            st.caption(t("kelola.preview_counts", lang, **candidate.counts))
            if len(candidate.changes):
                st.dataframe(ui.table(publishing.changes_frame(candidate.changes, lang), lang), hide_index=True,
                             width="stretch")
            confirmed = True
            if candidate.warnings:
                confirmed = st.checkbox(t("kelola.confirm_warnings", lang), key="kelola_confirm")
            comment = st.text_input(t("kelola.comment", lang), key="kelola_comment")
            ready = confirmed and bool(comment.strip())
            if st.button(t("kelola.publish", lang), key="kelola_publish", disabled=not ready, type="primary"):
                try:
                    version = store.publish(kind, candidate.name, candidate.content, who=editor.user,
                                            comment=comment.strip(), report=candidate.report(),
                                            tables=candidate.tables(),
                                            expected_current=in_force.id if in_force else None)
                except KP2SError as exc:
                    ui.show_error(exc, lang)
                else:
                    st.success(t("kelola.published", lang, version=version.id))
                    in_force = version
else:
    st.info(t("kelola.sign_in_to_edit", lang))

st.header(t("kelola.versions_header", lang))
versions = store.versions(kind, include_drafts=False, limit=100)
if not versions:
    st.caption(t("kelola.no_versions", lang))
else:
    st.dataframe(publishing.versions_frame(versions, in_force.id if in_force else None, lang), hide_index=True,
                 width="stretch")
    older = [v.id for v in versions if in_force is None or v.id != in_force.id]
    if editor is not None and older:
        st.subheader(t("kelola.restore_header", lang))
        chosen = st.selectbox(t("kelola.restore_which", lang), older, key="kelola_restore_which")
        why = st.text_input(t("kelola.comment", lang), key="kelola_restore_comment")
        if st.button(t("kelola.restore", lang), key="kelola_restore", disabled=not why.strip()):
            try:
                restored = store.restore(chosen, editor.user, why.strip(),
                                         expected_current=in_force.id if in_force else None)
            except KP2SError as exc:
                ui.show_error(exc, lang)
            else:
                st.success(t("kelola.restored", lang, version=restored.id, old=chosen))
                st.rerun()

if editor is not None:
    st.header(t("kelola.audit_header", lang))
    st.dataframe(publishing.audit_frame(store.audit_log(limit=200), lang), hide_index=True, width="stretch")
