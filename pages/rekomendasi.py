"""Rekomendasi: the province board of recommendations and their follow-up
(read-only; counts from kp2s_dashboard.recommendations.board)."""

from datetime import date

import streamlit as st

from kp2s_dashboard.i18n import t
from kp2s_dashboard.recommendations import board, views
from kp2s_dashboard.web import cache, state, ui

ui.ensure_router()
lang = state.lang()
st.title(t("rekomendasi.title", lang))
st.caption(t("rekomendasi.intro", lang))

with ui.stop_on_error(lang):
    source = cache.recommendations()
if source.demo:
    st.warning(t("rekomendasi.demo_banner", lang), icon=":material/science:")

left, right = st.columns([1, 2])
with left:
    as_of = st.date_input(t("rekomendasi.as_of", lang), value=date.today(), key="rek_as_of", format="DD/MM/YYYY")
with right:
    district = ui.district_picker(lang, key="rek_district")

recs = source.recs if district is None else source.recs[source.recs["district_code"] == district]
counts = board.board(recs, source.entries, as_of)
if counts.empty:
    st.info(t("rekomendasi.none", lang))
    st.stop()

totals = counts[board.COUNT_COLUMNS].sum()
for column, name in zip(st.columns(len(board.COUNT_COLUMNS)), board.COUNT_COLUMNS):
    column.metric(t(f"rekomendasi.count.{name}", lang), int(totals[name]))

st.subheader(t("rekomendasi.board_title", lang))
st.dataframe(views.board_table(counts, lang), hide_index=True, width="stretch")
st.subheader(t("rekomendasi.open_title", lang))
st.dataframe(views.open_table(board.oldest_open(recs, source.entries, as_of), lang), hide_index=True,
             width="stretch")
