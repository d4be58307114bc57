"""Kecamatan & desa: e-PPGBM prevalence below the district, drill-down map
Province → district → kecamatan → desa with a breadcrumb, and the tables of
the chosen district. Survey figures are never shown at these levels."""

from functools import partial

import streamlit as st

from kp2s_dashboard.figures import drilldown
from kp2s_dashboard.figures.prevalence import PLOTLY_CONFIG
from kp2s_dashboard.geo import drill as dr
from kp2s_dashboard.i18n import fmt_pct, t
from kp2s_dashboard.regions import registry
from kp2s_dashboard.subdistrict import mapview
from kp2s_dashboard.web import state, ui, wilayah

ui.ensure_router()
lang = state.lang()
st.title(t("wil.title", lang))
intro = st.empty()  # what to click depends on whether a map can be drawn (below)

key = wilayah.data_key()
with ui.stop_on_error(lang, title_key="wil.no_data_title"):
    synthetic, available = wilayah.overview(key)
wilayah.demo_banner(synthetic, lang)
if not available:
    intro.caption(t("wil.intro_no_map", lang))
    st.info(t("wil.no_data_title", lang))
    st.stop()

position = state.drill(known=wilayah.known_codes(key))
c2, c3 = st.columns(2, vertical_alignment="bottom")
with c2:
    chosen = mapview.parse_round(state.page_param("wilayah", "wil_round"), available)
    labels = {r: t("wil.round_label", lang, period=r[1]) for r in available}
    picked = st.selectbox(t("wil.round", lang), available, index=available.index(chosen),
                          format_func=labels.get, key="wil_round_pick")
    if picked != chosen:
        state.set_page_params("wilayah", wil_round=picked[1])
        st.rerun()
built = wilayah.map_figure(position, key, chosen, lang)
with c3:
    # the unit only changes the map: no radio when no map can be drawn, unless a unit other
    # than the default was chosen (its boundaries missing) and the way back must stay open
    if position.level != "kecamatan" and (not isinstance(built, Exception) or position.unit != dr.UNITS[0]):
        unit = st.radio(t("wil.unit", lang), dr.UNITS, index=dr.UNITS.index(position.unit), horizontal=True,
                        format_func=lambda u: t(f"wil.unit_{u}", lang), key=f"wil_unit_{position.level}")
        if unit != position.unit:
            state.set_drill(dr.Drill(position.district, None, None, unit))
            st.rerun()

wilayah.breadcrumb(position, key, lang)
# the intro says "click the map" only when there is a map (no boundary file: a list of districts instead)
intro.caption(t("wil.intro_no_map" if isinstance(built, Exception) else "wil.intro", lang))
map_col, info_col = st.columns([3, 1])
with map_col:
    rows = None
    if isinstance(built, Exception):
        ui.show_error(built, lang, title_key="map.no_boundaries_title")
        st.info(t("map.no_boundaries_help", lang))
        # without a map the district is picked from a list, so the tables below are still reachable
        codes = [ui.NONE] + registry().district_codes()
        here = ui.from_option(st.selectbox(
            t("wil.pick_district", lang), codes, index=codes.index(ui.as_option(position.district)),
            format_func=lambda c: t("wil.whole_province", lang) if c == ui.NONE else registry().short_name(c),
            key="wil_district_pick"))
        if here != position.district:
            state.set_drill(dr.Drill(here, None, None, position.unit))
            st.rerun()
    else:
        fig, rows = built
        st.plotly_chart(fig, config=PLOTLY_CONFIG, key=wilayah.map_key(position),
                        on_select=partial(wilayah.on_map_click, position), selection_mode="points")

with info_col:
    if not isinstance(built, Exception):
        st.caption(t(f"wil.click_hint_{position.level}", lang))
    if rows is not None and position.desa:
        match = rows[rows["code"] == position.desa]
        if len(match):
            row = next(match.itertuples(index=False))
            st.subheader(t("wil.selected_desa", lang))
            st.metric(ui.plain(row.name), fmt_pct(row.prevalence, lang))
            _, lines = drilldown.area_lines(row, "desa", lang, wilayah.lokus_set(chosen)[0])
            st.text("\n".join(lines))
    wilayah.register_note(lang)

if position.district:
    st.subheader(t("wil.tables_title", lang, district=registry().short_name(position.district)))
    wilayah.district_tables(position, key, chosen, lang)
else:
    st.caption(t("wil.tables_hint_list" if isinstance(built, Exception) else "wil.tables_hint", lang))
