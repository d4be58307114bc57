"""Kelola data: publish a new version of any kind (upload → report → preview
→ publish), versions (view, compare, restore), audit log. Viewing is open;
every action needs a signed-in editor. The checks and previews are
:mod:`kp2s_dashboard.store.kinds` (one entry per kind)."""

import streamlit as st

from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.i18n import t
from kp2s_dashboard.prevalence.loader import SOURCE_LABELS, SOURCES
from kp2s_dashboard.sheets import uploads as guard
from kp2s_dashboard.store import datastore, kinds, publishing
from kp2s_dashboard.web import signin, state, ui

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
kind = st.selectbox(t("kelola.kind", lang), kinds.kinds(), format_func=lambda k: t(f"kelola.kind_{k}", lang),
                    key="kelola_kind")
spec = kinds.spec(kind)
in_force = store.in_force(kind)
if spec.columns_key:
    st.caption(t(spec.columns_key, lang))


def checked(upload, options: dict) -> kinds.Candidate:
    """The upload checked once per file, kind and answers (kept for this
    session only: two entries, replaced by the next file)."""
    memo = st.session_state.setdefault("_kelola_checked", {})
    key = (kind, upload.file_id, upload.name, tuple(sorted(options.items())), in_force.id if in_force else None)
    if key not in memo:
        with ui.stop_on_error(lang):
            guard.check_size(upload.name, upload.size)  # before the bytes are read
            found = publishing.check_upload(kind, upload.name, upload.getvalue(), options)
        while len(memo) >= 2:
            memo.pop(next(iter(memo)))
        memo[key] = found
    return memo[key]


def show_problems(candidate: kinds.Candidate) -> None:
    if candidate.errors:
        st.error(t("kelola.has_errors", lang, n=len(candidate.errors)))
        st.text("\n".join(p.render(lang) for p in candidate.errors[:200]))
    elif candidate.summary[0]:
        st.success(t(candidate.summary[0], lang, **candidate.summary[1]))
    if candidate.warnings:
        st.warning(t("kelola.has_warnings", lang, n=len(candidate.warnings)))
        st.text("\n".join(p.render(lang) for p in candidate.warnings[:200]))


if editor is not None:
    st.header(t("kelola.publish_header", lang))
    if spec.multi_file:
        with ui.stop_on_error(lang):
            current_set = publishing.context(kind).files
        if any(f.is_default for f in current_set) or not current_set:
            st.caption(t("kelola.set_default", lang))
        else:
            st.caption(ui.plain(t("kelola.set_in_force", lang, names=", ".join(f.name for f in current_set))))
    upload = st.file_uploader(t("kelola.upload", lang), type=[s.lstrip(".") for s in spec.suffixes],
                              key=f"kelola_upload_{kind}")
    if upload is not None:
        candidate = checked(upload, {})
        if candidate.needs == "source":
            st.info(t("kelola.needs_source", lang))
            st.text("\n".join(p.render(lang) for p in candidate.warnings[:20]))
            c1, c2 = st.columns(2)
            source = ui.from_option(c1.selectbox(
                t("kelola.ask_source", lang), [ui.NONE, *SOURCES], key="kelola_ask_source",
                format_func=lambda s: t("kelola.choose", lang) if s == ui.NONE else SOURCE_LABELS[s]))
            indicator = c2.selectbox(t("kelola.ask_indicator", lang), publishing.INDICATORS,
                                     key="kelola_ask_indicator", format_func=lambda i: t(f"kelola.indicator_{i}", lang))
            if source is not None:
                candidate = checked(upload, {"source": source, "indicator": indicator})
                st.caption(t("kelola.answered", lang, source=SOURCE_LABELS[source],
                             indicator=t(f"kelola.indicator_{indicator}", lang)))
        if candidate.needs is None:
            show_problems(candidate)
        if candidate.replaces:
            st.text(t("kelola.replaces", lang, name=candidate.replaces))
        if candidate.publishable:
            st.subheader(t("kelola.preview", lang))
            st.caption(t("kelola.preview_counts", lang, **candidate.counts))
            for note in publishing.basis_notes(candidate.changes, lang):
                st.warning(note, icon="⚠️")
            if len(candidate.changes):
                ui.dataframe(publishing.changes_frame(candidate.changes, lang), hide_index=True,
                             width="stretch", key="kelola_preview")
            else:
                st.caption(t("kelola.no_changes", lang))
            confirmed = True
            if candidate.warnings:
                confirmed = st.checkbox(t("kelola.confirm_warnings", lang), key="kelola_confirm")
            comment = st.text_input(t("kelola.comment", lang), key="kelola_comment")
            ready = confirmed and bool(comment.strip())
            if st.button(t("kelola.publish", lang), key="kelola_publish", disabled=not ready, type="primary"):
                try:
                    version = kinds.publish(store, candidate, editor.user, comment.strip(),
                                            expected_current=in_force.id if in_force else None)
                except KP2SError as exc:
                    ui.show_error(exc, lang)
                else:
                    st.session_state.pop("_kelola_checked", None)
                    st.success(t("kelola.published", lang, version=version.id))
                    in_force = version
else:
    st.info(t("kelola.sign_in_to_edit", lang))

st.header(t("kelola.versions_header", lang))
versions = store.versions(kind, include_drafts=False, limit=100)
if not versions:
    st.caption(t("kelola.no_versions", lang))
else:
    ui.dataframe(publishing.versions_frame(versions, in_force.id if in_force else None, lang), hide_index=True,
                 width="stretch", key="kelola_versions")
    ids = [v.id for v in versions]
    by_id = {v.id: v for v in versions}

    st.subheader(t("kelola.view_header", lang))
    shown = by_id[st.selectbox(t("kelola.view_which", lang), ids, key="kelola_view_which")]
    st.text(t("kelola.view_meta", lang, version=shown.id, when=shown.created_at.strftime("%Y-%m-%d %H:%M UTC"),
              who=shown.created_by, files=", ".join(f.name for f in shown.files)))
    st.text(t("kelola.view_comment", lang, comment=shown.comment))
    if shown.restored_from:
        st.caption(t("kelola.view_restored", lang, old=shown.restored_from))
    answers = kinds.options_of(shown)
    if answers:
        st.text(t("kelola.view_options", lang, options=", ".join(f"{k}={v}" for k, v in sorted(answers.items()))))
    errors, warnings = publishing.report_lines(shown.report, lang)
    if errors:
        st.error(t("kelola.view_errors", lang))
        st.text("\n".join(errors[:200]))
    if warnings:
        st.warning(t("kelola.view_warnings", lang))
        st.text("\n".join(warnings[:200]))
    if not errors and not warnings:
        st.caption(t("kelola.view_clean", lang))
    with st.expander(t("kelola.view_figures", lang)):
        with ui.stop_on_error(lang):
            figures = kinds.version_figures(store, shown)
        ui.dataframe(publishing.figures_frame(figures, lang), hide_index=True, width="stretch",
                     key="kelola_view_figures")

    if len(ids) > 1:
        st.subheader(t("kelola.compare_header", lang))
        c1, c2 = st.columns(2)
        older = c1.selectbox(t("kelola.compare_from", lang), ids, index=1, key="kelola_compare_from")
        newer = c2.selectbox(t("kelola.compare_to", lang), ids, index=0, key="kelola_compare_to")
        with ui.stop_on_error(lang):
            diff = publishing.compare(store, by_id[older], by_id[newer])
        st.caption(t("kelola.preview_counts", lang, **publishing.summarise(diff)))
        for note in publishing.basis_notes(diff, lang):
            st.warning(note, icon="⚠️")
        if len(diff):
            ui.dataframe(publishing.changes_frame(diff, lang), hide_index=True, width="stretch",
                         key="kelola_compare")
        else:
            st.caption(t("kelola.no_changes", lang))

    restorable = [v.id for v in versions if in_force is None or v.id != in_force.id]
    if editor is not None and restorable:
        st.subheader(t("kelola.restore_header", lang))
        chosen = st.selectbox(t("kelola.restore_which", lang), restorable, key="kelola_restore_which")
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
    ui.dataframe(publishing.audit_frame(store.audit_log(limit=200), lang), hide_index=True, width="stretch",
                 key="kelola_audit")
