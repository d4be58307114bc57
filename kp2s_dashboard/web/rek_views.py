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
    """``(source, key)``: the recommendations shown and their version
    (:func:`cache.recommendations_key`), or ``(None, None)`` after showing
    why they cannot be read."""
    try:
        return cache.recommendations(), cache.recommendations_key()
    except KP2SError as exc:
        ui.show_error(exc, lang)
        return None, None


def profile_section(code: str, lang: str) -> None:
    """Profil: the district's recommendations with their status today and
    their history (edits and follow-ups)."""
    st.subheader(t("rekomendasi.prof.title", lang))
    source, rec_key = _source(lang)
    if source is None:
        return
    if source.demo:
        st.caption(t("rekomendasi.prof.demo", lang))  # as Profil marks sample results: no banner
    today = date.today()

    def tables():
        current = rd.district_current(source.recs, source.entries, code, today)
        if current.empty:
            return None, None
        return rd.status_table(current, lang), rd.history_table(source.entries, current["id"], lang)

    # kept per version of the recommendations (a saved follow-up or edit gives a new one), district, day, language
    status, history = cache.derived("rek_profile", (rec_key, code, today.isoformat(), lang), tables)
    if status is None:
        st.info(t("rekomendasi.none", lang))
    else:
        ui.dataframe(status, hide_index=True, width="stretch", key="prof_rek_status")
        with st.expander(t("rekomendasi.prof.history", lang, n=len(history))):
            if history.empty:
                st.caption(t("rekomendasi.ed.no_history", lang))
            else:
                ui.dataframe(history, hide_index=True, width="stretch", key="prof_rek_history")
    st.page_link("pages/rekomendasi.py", label=t("rekomendasi.prof.to_board", lang), icon=":material/task_alt:")


def aksi_section(code: str, action_scores: pd.DataFrame, instrument, lang: str, scores_key: tuple | None = None
                 ) -> None:
    """The Aksi page: the district's open recommendations beside its score
    and the province mean on each action (``action_scores`` as the page
    shows them). With ``scores_key`` (small values naming ``action_scores``
    besides the data version: the page's sources, year, component, kind)
    the table is kept per it, the version of the recommendations, the
    district, the day and the language."""
    from kp2s_dashboard.districts.assessment_results import action_profile

    source, rec_key = _source(lang)
    if source is None:
        return
    today = date.today()

    def table():
        profile = action_profile(action_scores, code, instrument, lang)
        frame = rd.open_with_scores(source.recs, source.entries, code, profile, today)
        return None if frame.empty else rd.open_with_scores_table(frame, lang)

    shown = table() if scores_key is None else cache.derived(
        "rek_aksi", (scores_key, rec_key, code, today.isoformat(), lang), table)
    st.subheader(t("rekomendasi.aksi.title", lang))
    if source.demo:
        st.warning(t("rekomendasi.prof.demo", lang), icon=":material/science:")
    if shown is None:
        st.info(t("rekomendasi.aksi.none", lang))
    else:
        ui.dataframe(shown, hide_index=True, width="stretch", key="asm_rek_open")
