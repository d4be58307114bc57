"""A district's recommendations on Profil and on the Aksi page (Streamlit
widgets only; the tables are :mod:`kp2s_dashboard.recommendations.district`).
One call per page keeps the pages' own code small."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.i18n import t
from kp2s_dashboard.recommendations import district as rd
from kp2s_dashboard.web import cache, ui


def _source(lang: str):
    try:
        return cache.recommendations()
    except KP2SError as exc:
        ui.show_error(exc, lang)
        return None


def profile_section(code: str, lang: str) -> None:
    """Profil: the district's recommendations with their status today and
    their history (edits and follow-ups)."""
    st.subheader(t("rekomendasi.prof.title", lang))
    source = _source(lang)
    if source is None:
        return
    if source.demo:
        st.caption(t("rekomendasi.prof.demo", lang))  # as Profil marks sample results: no banner
    current = rd.district_current(source.recs, source.entries, code, date.today())
    if current.empty:
        st.info(t("rekomendasi.none", lang))
    else:
        st.dataframe(rd.status_table(current, lang), hide_index=True, width="stretch", key="prof_rek_status")
        history = rd.history_table(source.entries, current["id"], lang)
        with st.expander(t("rekomendasi.prof.history", lang, n=len(history))):
            if history.empty:
                st.caption(t("rekomendasi.ed.no_history", lang))
            else:
                st.dataframe(history, hide_index=True, width="stretch", key="prof_rek_history")
    st.page_link("pages/rekomendasi.py", label=t("rekomendasi.prof.to_board", lang), icon=":material/task_alt:")


def aksi_section(code: str, action_scores: pd.DataFrame, instrument, lang: str) -> None:
    """The Aksi page: the district's open recommendations beside its score
    and the province mean on each action (``action_scores`` as the page
    shows them)."""
    from kp2s_dashboard.districts.assessment_results import action_profile

    source = _source(lang)
    if source is None:
        return
    profile = action_profile(action_scores, code, instrument, lang)
    frame = rd.open_with_scores(source.recs, source.entries, code, profile, date.today())
    st.subheader(t("rekomendasi.aksi.title", lang))
    if source.demo:
        st.warning(t("rekomendasi.prof.demo", lang), icon=":material/science:")
    if frame.empty:
        st.info(t("rekomendasi.aksi.none", lang))
    else:
        st.dataframe(rd.open_with_scores_table(frame, lang), hide_index=True, width="stretch", key="asm_rek_open")
