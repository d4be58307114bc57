"""Tren: prevalence over time for a district, the province and Indonesia,
with the targets that apply."""

import streamlit as st

from kp2s_dashboard.web import cache, state, ui
from kp2s_dashboard.prevalence import summary
from kp2s_dashboard.figures.prevalence import PLOTLY_CONFIG, trend
from kp2s_dashboard.i18n import t
from kp2s_dashboard.prevalence.loader import survey
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE
from kp2s_dashboard.prevalence.targets import default_labels, target_label, targets_for

ui.ensure_router()
lang = state.lang()
st.title(t("trend.title", lang))

with ui.stop_on_error(lang):
    data = cache.prevalence().table
    targets = cache.targets()

c1, c2, c3 = st.columns([2, 2, 1])
with c1:
    code = ui.district_picker(lang, key="trend_district")
with c2:
    compare = st.multiselect(
        t("trend.compare", lang), [PROVINCE_CODE, NATIONAL_CODE],
        default=[PROVINCE_CODE, NATIONAL_CODE] if code else [NATIONAL_CODE],
        format_func=lambda c: t(f"trend.ref_{c}", lang), key=f"trend_compare_{code is None}",
    )
with c3:
    until = 2045 if state.keep("trend_2045", st.toggle(t("trend.until_2045", lang), key="trend_2045",
                                                      value=state.remembered("trend_2045", False))) else 2030

focus = code or PROVINCE_CODE
codes = [focus] + [c for c in compare if c != focus]
applicable = targets_for(targets, focus)
labels = list(dict.fromkeys(applicable["label"]))
latest_year = int(survey(data)["year"].max())
chosen_labels = st.multiselect(t("trend.choose_targets", lang), labels,
                               default=default_labels(applicable, latest_year),
                               format_func=lambda label: target_label(label, lang),
                               key=f"trend_targets_{focus}")
shown_targets = applicable[applicable["label"].isin(chosen_labels)]
fig = cache.figure("trend", (tuple(codes), tuple(chosen_labels), lang, until),
                   lambda: trend(data, codes, shown_targets, lang, until=until))
st.plotly_chart(fig, config=PLOTLY_CONFIG, key="trend_chart")
st.caption(t("trend.caveat", lang))
beyond = shown_targets[shown_targets["year"] > until]
if not beyond.empty:
    st.caption(t("trend.beyond_horizon", lang, targets=", ".join(
        f"{target_label(row.label, lang)} ({row.year})" for row in beyond.itertuples())))
if shown_targets["conflict"].any():
    st.caption(t("trend.conflict_note", lang))

st.subheader(t("trend.points_title", lang))
points = cache.derived("display_points", (tuple(codes), lang), lambda: summary.display_points(data, codes, lang))
ui.dataframe(ui.table(points, lang), hide_index=True, column_config=ui.link_columns(lang), width="stretch")
with st.expander(t("trend.targets_title", lang)):
    ui.dataframe(ui.table(summary.display_targets(applicable, lang), lang), hide_index=True,
                 column_config=ui.link_columns(lang), width="stretch")
