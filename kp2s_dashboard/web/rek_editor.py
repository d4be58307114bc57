"""The editor section of the Rekomendasi page (Streamlit widgets only): add
one recommendation, record a follow-up with evidence, edit (a new entry in
the history), import a round from the spreadsheet. Shown only to a
signed-in editor; the logic is :mod:`kp2s_dashboard.recommendations.entry`
and :mod:`~kp2s_dashboard.recommendations.model`."""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from kp2s_dashboard.errors import DataError, KP2SError
from kp2s_dashboard.i18n import t
from kp2s_dashboard.recommendations import entry as E
from kp2s_dashboard.recommendations import model as M
from kp2s_dashboard.recommendations.district import history_table
from kp2s_dashboard.recommendations.views import action_label
from kp2s_dashboard.regions import registry
from kp2s_dashboard.sheets import uploads as guard
from kp2s_dashboard.web import cache, ui


def _district_options() -> list[str]:
    return [r.code for r in registry().districts()]


def _rerun_with(message: str, clear: tuple[str, ...] = ()) -> None:
    """Show ``message`` after the rerun and empty the widgets ``clear`` (a
    saved form is not saved twice by a second click)."""
    st.session_state["rek_flash"] = message
    for key in clear:
        st.session_state.pop(key, None)
    st.rerun()


def editor_section(store, editor, lang: str, default_year: int) -> None:
    """The four editor tabs for ``editor`` (a signed-in
    :class:`kp2s_dashboard.auth.SignIn`) writing to ``store``."""
    st.header(t("rekomendasi.ed.header", lang))
    flash = st.session_state.pop("rek_flash", None)
    if flash:
        st.success(flash)
    version = M.version(store)  # one query; a saved entry gives a new one, so nothing kept is shown stale
    recs, entries, current = _frames(store, version)
    tabs = st.tabs([t(f"rekomendasi.ed.tab.{k}", lang) for k in ("followup", "add", "edit", "import")])
    with tabs[0]:
        _followup(store, editor, lang, current, entries, version)
    with tabs[1]:
        _add(store, editor, lang, default_year)
    with tabs[2]:
        _edit(store, editor, lang, current, version)
    with tabs[3]:
        _import(store, editor, lang, default_year)


def _frames(store, version: tuple):
    """``(recs, entries, current_table)`` of the store
    (:func:`kp2s_dashboard.recommendations.model.frames` and
    ``current_table``), kept per ``version`` of the stored recommendations
    (``model.version``: a saved edit or follow-up gives a new one)."""
    def build():
        recs, entries = M.frames(store)
        return recs, entries, M.current_table(recs, entries)

    return cache.derived("rek_editor_frames", (version,), build)


def _pick(current, lang: str, key: str, version: tuple) -> int | None:
    options = cache.derived("rek_editor_choices", (version, lang), lambda: E.choices(current, lang))
    if not options:
        st.info(t("rekomendasi.ed.none_in_store", lang))
        return None
    labels = {c.id: c.label for c in options}
    return st.selectbox(t("rekomendasi.ed.pick", lang), list(labels), format_func=labels.get, key=key)


def _followup(store, editor, lang, current, entries, version) -> None:
    rid = _pick(current, lang, "rek_fu_pick", version)
    if rid is None:
        return
    statuses = E.status_choices(lang)
    with st.form("rek_fu_form"):
        c1, c2 = st.columns(2)
        day = c1.date_input(t("rekomendasi.ed.date", lang), value=date.today(), key="rek_fu_date",
                            format="DD/MM/YYYY")
        status = c2.selectbox(t("rekomendasi.col.status", lang), list(statuses), format_func=statuses.get,
                              key="rek_fu_status")
        reason = st.text_input(t("rekomendasi.ed.reason", lang), key="rek_fu_reason",
                               help=t("rekomendasi.ed.reason_help", lang))
        note = st.text_area(t("rekomendasi.col.note", lang), key="rek_fu_note")
        url = st.text_input(t("rekomendasi.ed.evidence_url", lang), key="rek_fu_url")
        doc = st.file_uploader(t("rekomendasi.ed.evidence_file", lang), type=list(E.EVIDENCE_TYPES),
                               key="rek_fu_file")
        submitted = st.form_submit_button(t("rekomendasi.ed.save_followup", lang), type="primary")
    if submitted:
        try:
            evidence = None
            if doc is not None:
                guard.check_size(doc.name, doc.size)  # before the bytes are read
                evidence = (doc.name, doc.getvalue())
            M.add_followup(store, rid, editor.user, entry_date=day, status=status, note=note, reason=reason,
                           evidence_url=url, evidence=evidence)
        except KP2SError as exc:
            ui.show_error(exc, lang)
        else:
            _rerun_with(t("rekomendasi.ed.saved_followup", lang, id=rid),
                        ("rek_fu_reason", "rek_fu_note", "rek_fu_url", "rek_fu_file"))
    st.markdown(f"**{t('rekomendasi.ed.history', lang, id=rid)}**")
    hist = history_table(entries, [rid], lang)
    if hist.empty:
        st.caption(t("rekomendasi.ed.no_history", lang))
    else:
        ui.dataframe(hist, hide_index=True, width="stretch")
    for e in M.history(store, rid):
        if e.evidence_sha256:
            try:
                content = M.evidence_bytes(store, e)
            except KP2SError as exc:
                ui.show_error(exc, lang)
                continue
            st.download_button(t("rekomendasi.ed.download_evidence", lang, name=ui.plain(e.evidence_name)), content,
                               file_name=e.evidence_name, key=f"rek_ev_{e.id}", icon=":material/attach_file:")


def _add(store, editor, lang, default_year: int) -> None:
    districts = _district_options()
    reg = registry()
    with st.form("rek_add_form"):
        c1, c2, c3 = st.columns(3)
        year = c1.number_input(t("rekomendasi.col.year", lang), min_value=2000, max_value=2100, value=default_year,
                               step=1, key="rek_add_year")
        code = c2.selectbox(t("rekomendasi.col.district", lang), districts, format_func=reg.short_name,
                            key="rek_add_district")
        action = c3.selectbox(t("rekomendasi.col.action", lang), list(E.ACTION_CHOICES),
                              format_func=lambda a: action_label(a, lang), key="rek_add_action")
        text = st.text_area(t("rekomendasi.col.text", lang), key="rek_add_text")
        c4, c5, c6 = st.columns(3)
        responsible = c4.text_input(t("rekomendasi.col.responsible", lang), key="rek_add_responsible",
                                    help=t("rekomendasi.ed.responsible_help", lang))
        priority = c5.selectbox(t("rekomendasi.col.priority", lang), list(E.PRIORITY_CHOICES),
                                format_func=lambda p: p or "–", key="rek_add_priority")
        due = c6.date_input(t("rekomendasi.col.due", lang), value=None, key="rek_add_due", format="DD/MM/YYYY")
        submitted = st.form_submit_button(t("rekomendasi.ed.save_add", lang), type="primary")
    if submitted:
        try:
            rid = M.add(store, year_assessed=int(year), district_code=code, action=action, text=text,
                        responsible=responsible, priority=priority, due_date=due, who=editor.user)
        except KP2SError as exc:
            ui.show_error(exc, lang)
        else:
            _rerun_with(t("rekomendasi.ed.saved_add", lang, id=rid), ("rek_add_text", "rek_add_responsible"))


def _edit(store, editor, lang, current, version) -> None:
    rid = _pick(current, lang, "rek_edit_pick", version)
    if rid is None:
        return
    row = current[current["id"] == rid].iloc[0]
    st.caption(t("rekomendasi.ed.edit_caption", lang))
    with st.form(f"rek_edit_form_{rid}"):
        text = st.text_area(t("rekomendasi.col.text", lang), value=str(row["text"]), key=f"rek_edit_text_{rid}")
        c1, c2, c3 = st.columns(3)
        responsible = c1.text_input(t("rekomendasi.col.responsible", lang), value=str(row["responsible"]),
                                    key=f"rek_edit_responsible_{rid}")
        old_priority = row["priority"] if isinstance(row["priority"], str) else None
        priority = c2.selectbox(t("rekomendasi.col.priority", lang), list(E.PRIORITY_CHOICES),
                                index=list(E.PRIORITY_CHOICES).index(old_priority),
                                format_func=lambda p: p or "–", key=f"rek_edit_priority_{rid}")
        due = c3.date_input(t("rekomendasi.col.due", lang), value=row["due_date"] if isinstance(row["due_date"], date)
                            else None, key=f"rek_edit_due_{rid}", format="DD/MM/YYYY")
        note = st.text_input(t("rekomendasi.ed.edit_note", lang), key=f"rek_edit_note_{rid}")
        submitted = st.form_submit_button(t("rekomendasi.ed.save_edit", lang), type="primary")
    if submitted:
        fields = E.edit_fields(row, text, responsible, priority, due)
        try:
            M.edit(store, rid, editor.user, entry_date=date.today(), note=note, **fields)
        except KP2SError as exc:
            ui.show_error(exc, lang)
        else:
            _rerun_with(t("rekomendasi.ed.saved_edit", lang, id=rid))


def _import(store, editor, lang, default_year: int) -> None:
    st.caption(t("rekomendasi.ed.import_caption", lang))
    year = st.number_input(t("rekomendasi.col.year", lang), min_value=2000, max_value=2100, value=default_year,
                           step=1, key="rek_imp_year")
    # written when the button is pressed, not on every rerun (an .xlsx workbook saved each time)
    st.download_button(t("rekomendasi.ed.template", lang), partial(E.template_bytes, int(year)),
                       file_name=f"template_rekomendasi_{int(year)}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="rek_imp_template", icon=":material/download:")
    generation = st.session_state.setdefault("rek_imp_generation", 0)
    upload = st.file_uploader(t("rekomendasi.ed.upload", lang), type=[s.lstrip(".") for s in E.ROUND_SUFFIXES],
                              key=f"rek_imp_upload_{generation}")
    if upload is None:
        return
    try:
        guard.check_size(upload.name, upload.size)  # before the bytes are read
    except DataError as exc:
        ui.show_error(exc, lang)
        return
    rnd = E.check_round(upload.name, upload.getvalue(), date.today())
    if rnd.errors:
        st.error(t("rekomendasi.ed.has_errors", lang, n=len(rnd.errors)))
        st.text("\n".join(p.render(lang) for p in rnd.errors[:200]))  # text from the file stays text
    if rnd.warnings:
        st.warning(t("rekomendasi.ed.has_warnings", lang, n=len(rnd.warnings)))
        st.text("\n".join(p.render(lang) for p in rnd.warnings[:200]))
    if rnd.rows.empty:
        return
    st.subheader(t("rekomendasi.ed.preview", lang, n=len(rnd.rows)))
    ui.dataframe(E.preview_table(rnd, lang), hide_index=True, width="stretch")
    if rnd.errors:
        return
    confirmed = True
    if rnd.warnings:
        confirmed = st.checkbox(t("rekomendasi.ed.confirm_warnings", lang), key="rek_imp_confirm")
    period = st.text_input(t("rekomendasi.ed.period", lang), value=str(int(year) - 1), key="rek_imp_period")
    if st.button(t("rekomendasi.ed.import", lang, n=len(rnd.rows)), key="rek_imp_go", type="primary",
                 disabled=not confirmed):
        try:
            ids = E.import_round(store, rnd, int(year), editor.user, period)
        except KP2SError as exc:
            ui.show_error(exc, lang)
        else:
            st.session_state["rek_imp_generation"] = generation + 1  # a new, empty upload widget
            _rerun_with(t("rekomendasi.ed.imported", lang, n=len(ids), file=ui.plain(rnd.file)))
