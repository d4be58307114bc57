"""Rekomendasi: the province board of recommendations and their follow-up
(counts from kp2s_dashboard.recommendations.board), the next-year view, the
letter and recap downloads, and for signed-in editors the recording tabs
(kp2s_dashboard.web.rek_editor)."""

from datetime import date
from functools import partial

import streamlit as st

from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.export import followup, letter
from kp2s_dashboard.i18n import t
from kp2s_dashboard.recommendations import board, district as rd, views
from kp2s_dashboard.store import datastore
from kp2s_dashboard.web import cache, rek_editor, signin, state, ui

ui.ensure_router()
lang = state.lang()
st.title(t("rekomendasi.title", lang))
st.caption(t("rekomendasi.intro", lang))

with ui.stop_on_error(lang):
    source = cache.recommendations()
    rec_key = cache.recommendations_key()  # changes with every recommendation, edit and follow-up saved
if source.demo:
    st.warning(t("rekomendasi.demo_banner", lang), icon=":material/science:")

left, right = st.columns([1, 2])
with left:
    as_of = st.date_input(t("rekomendasi.as_of", lang), value=date.today(), key="rek_as_of", format="DD/MM/YYYY")
with right:
    district = ui.district_picker(lang, key="rek_district")

recs = source.recs if district is None else source.recs[source.recs["district_code"] == district]
# the board's counts and tables, kept per version of the recommendations and the page's choices
board_key = (rec_key, district, as_of.isoformat(), lang)


def board_views():
    counts = board.board(recs, source.entries, as_of)
    totals = {name: int(v) for name, v in counts[board.COUNT_COLUMNS].sum().items()}
    return (counts.empty, totals, views.board_table(counts, lang),
            views.open_table(board.oldest_open(recs, source.entries, as_of), lang))


empty, totals, board_shown, open_shown = cache.derived("rek_board", board_key, board_views)
if empty:
    st.info(t("rekomendasi.none", lang))
else:
    ui.metric_row([(t(f"rekomendasi.count.{name}", lang), totals[name]) for name in board.COUNT_COLUMNS])
    st.subheader(t("rekomendasi.board_title", lang))
    ui.dataframe(board_shown, hide_index=True, width="stretch")
    st.subheader(t("rekomendasi.open_title", lang))
    ui.dataframe(open_shown, hide_index=True, width="stretch")

# -- the assessment in force: next-year view and the letter -----------------------------------------------
sources, choice = cache.assessment_sources(), state.assessment_choice()
try:
    result = cache.assessment_in_force(sources, choice).result if sources else None
    scores = cache.assessment_action_scores(sources, choice)
except KP2SError as exc:
    ui.show_error(exc, lang)
    result, scores = None, None

if scores is not None and len(recs):
    with st.expander(t("rekomendasi.next.title", lang)):
        st.caption(t("rekomendasi.next.caption", lang))
        ui.dataframe(cache.derived("rek_next_year", (board_key, choice), lambda: rd.next_year_table(
            rd.next_year(recs, source.entries, scores, as_of), lang)), hide_index=True, width="stretch")

st.subheader(t("recap.downloads_title", lang))
c1, c2 = st.columns(2)
c1.download_button(t("recap.download", lang), partial(followup.recap_xlsx, source.recs, source.entries, as_of, lang,
                                                      demo=source.demo),
                   file_name=f"rekap_tindak_lanjut_{as_of.isoformat()}.xlsx", key="rek_dl_recap",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   icon=":material/download:")
if district is None:
    c2.caption(t("letter.pick_district", lang))
else:
    # built when the button is pressed: the one score and rank (district_result on the files in force)
    c2.download_button(t("letter.download", lang),
                       partial(letter.letter_bytes, result, district, source.recs, source.entries, as_of=as_of,
                               day=date.today(), lang="id", demo_recommendations=source.demo),
                       file_name=letter.file_name(district, date.today()), key="rek_dl_letter",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       icon=":material/description:")

# -- recording: signed-in editors only -------------------------------------------------------------------
st.divider()
editor = signin.editor(lang)
if editor is None:
    st.info(t("rekomendasi.ed.sign_in", lang))
    st.page_link("pages/kelola.py", label=t("rekomendasi.ed.to_sign_in", lang), icon=":material/login:")
else:
    with ui.stop_on_error(lang):
        store = datastore.store()
    if store is None:
        st.warning(t("auth.no_store", lang))
    else:
        years = sorted({int(y) for y in scores["year_assessed"].dropna()}) if scores is not None else []
        rek_editor.editor_section(store, editor, lang, default_year=years[-1] if years else date.today().year)
