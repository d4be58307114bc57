"""Peta: choropleth of the 13 districts for a chosen source and year."""

import streamlit as st

from kp2s_dashboard.web import cache, state, ui
from kp2s_dashboard.prevalence import progress, summary
from kp2s_dashboard.prevalence.classes import classify_one
from kp2s_dashboard.figures.prevalence import PLOTLY_CONFIG, choropleth, class_label
from kp2s_dashboard.i18n import fmt_pct, t
from kp2s_dashboard.prevalence.loader import REGISTER_SOURCES, SURVEY_SOURCES, rounds
from kp2s_dashboard.regions import registry

ui.ensure_router()
lang = state.lang()
st.title(t("map.title", lang))

with ui.stop_on_error(lang):
    data = cache.prevalence().table

c1, c2 = st.columns([2, 3])
with c1:
    chosen = ui.round_picker(rounds(data, SURVEY_SOURCES) + rounds(data, REGISTER_SOURCES), lang, key="map_round")
with c2:
    renderers = ["plotly", "folium"]
    renderer = st.radio(t("map.renderer", lang), renderers, horizontal=True, key="map_renderer",
                        index=renderers.index(state.remembered("map_renderer", "plotly")),
                        format_func=lambda r: t(f"map.renderer_{r}", lang))
    state.keep("map_renderer", renderer)
if chosen[0] == "eppgbm":
    st.warning(t("map.register_warning", lang))

table = cache.derived("district_round", chosen, lambda: summary.district_round(data, *chosen))
selected = state.district()
bounds = cache.boundaries()

map_col, info_col = st.columns([3, 1])
with map_col:
    if isinstance(bounds, Exception):
        ui.show_error(bounds, lang, title_key="map.no_boundaries_title")
        st.info(t("map.no_boundaries_help", lang))
        st.markdown(t("map.table_instead", lang, round=ui.round_label(*chosen)))
        ui.dataframe(ui.table(summary.display_round(table, lang), lang), hide_index=True, width="stretch")
    else:
        geojson, labels = bounds
        if renderer == "plotly":
            fig = cache.figure("choropleth", (chosen, lang, selected),
                               lambda: choropleth(table, geojson, lang, selected=selected, label_points=labels))
            event = st.plotly_chart(fig, config=PLOTLY_CONFIG, key="map_plotly", on_select="rerun",
                                    selection_mode="points")
            clicked = ui.clicked_location(event)
        else:
            from streamlit_folium import st_folium

            from kp2s_dashboard.figures.maps import district_map

            st.caption(t("map.folium_online", lang))
            out = st_folium(district_map(table, geojson, lang, selected), key="map_folium", height=620,
                            use_container_width=True, returned_objects=["last_active_drawing"])
            clicked = ((out or {}).get("last_active_drawing") or {}).get("properties", {}).get("code")
        if clicked and clicked != selected and clicked in registry().district_codes():
            state.set_params(district=clicked)
            st.rerun()
        st.caption(t("map.footnote", lang))

with info_col:
    st.subheader(t("map.selected", lang))
    code = ui.district_picker(lang, key="map_district")
    if code is None:
        if not isinstance(bounds, Exception):
            st.caption(t("map.click_hint", lang))
        counts = summary.class_counts(table)
        for row in counts[counts["n"] > 0].itertuples():
            st.markdown(f"**{class_label(row.klass, lang)}**: {row.n}")
    else:
        row = table[table["code"] == code].iloc[0]
        st.metric(f"{row['name']} — {ui.round_label(*chosen)}", fmt_pct(row["value_pct"], lang))
        st.markdown(f"**{class_label(classify_one(row['value_pct']), lang)}**")
        if link := ui.source_link(row["source_url"], lang):
            st.markdown(link)
        alts = progress.alternative_values(row["note"], row["value_pct"])
        if alts:
            st.caption(t("ui.alternative_figure", lang,
                         note=progress.format_with_alternatives(row["value_pct"], alts, lang)))
        st.page_link("pages/tren.py", label=t("map.to_trend", lang), icon=":material/show_chart:")
        st.page_link("pages/profil.py", label=t("prof.to_profile", lang), icon=":material/person_pin_circle:")
