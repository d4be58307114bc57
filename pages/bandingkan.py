"""Bandingkan: one district against its peers (all, neighbours, same class)
in one round, with the province and Indonesia, and the change since the
previous round of the same series."""

import streamlit as st

from kp2s_dashboard.web import cache, state, ui
from kp2s_dashboard.districts import peers
from kp2s_dashboard.prevalence import progress, summary
from kp2s_dashboard.figures import compare as fc
from kp2s_dashboard.figures.prevalence import PLOTLY_CONFIG
from kp2s_dashboard.i18n import fmt_number, fmt_signed, t
from kp2s_dashboard.prevalence.loader import REGISTER_SOURCES, SURVEY_SOURCES, rounds

ui.ensure_router()
lang = state.lang()
st.title(t("prof.cmp.title", lang))
st.caption(t("prof.cmp.intro", lang))

with ui.stop_on_error(lang):
    data = cache.prevalence().table

code = ui.district_picker(lang, key="cmp_district", allow_province=False)
chosen = ui.round_picker(rounds(data, SURVEY_SOURCES) + rounds(data, REGISTER_SOURCES), lang, key="cmp_round")
mode = st.segmented_control(t("prof.cmp.peers", lang), list(peers.MODES), default="all", key="cmp_mode",
                            format_func=lambda m: t(f"prof.cmp.mode.{m}", lang)) or "all"
if chosen[0] in REGISTER_SOURCES:
    st.warning(t("map.register_warning", lang))

round_table = cache.derived("district_round", chosen, lambda: summary.district_round(data, *chosen))
neighbours = None
if mode == "neighbours":
    found = cache.neighbours()
    if isinstance(found, Exception):
        st.info(t("prof.cmp.no_neighbours", lang))
        mode = "all"
    else:
        neighbours = found
with ui.stop_on_error(lang):
    codes = peers.peer_codes(code, mode, round_table=round_table, neighbours=neighbours)
    bound = progress.load_plausibility()["register" if chosen[0] in REGISTER_SOURCES else "survey"]
    table = cache.derived("compare_table", (chosen, tuple(codes), code),
                          lambda: peers.compare_table(data, chosen, codes, code, bound=bound))
    refs = cache.derived("references", chosen, lambda: peers.references(data, chosen))

label = ui.round_label(*chosen)
klass = round_table.loc[round_table["code"] == code, "klass"].iloc[0]
st.caption(peers.group_text(code, mode, codes, lang, class_key=klass))
st.markdown(f"**{peers.focus_text(table, lang, label)}**")

st.subheader(t("prof.cmp.level_title", lang, round=label))
st.plotly_chart(cache.figure("peer_dots", (chosen, tuple(codes), code, lang),
                             lambda: fc.peer_dots(table, refs, lang, round_label=label)),
                config=PLOTLY_CONFIG, key="cmp_dots")
missing = table[table["value_pct"].isna()]
if not missing.empty:
    st.caption(t("prof.cmp.missing", lang, round=label, names=", ".join(missing["name"])))
st.caption(t("prof.cmp.chart_caption", lang) + " " + t("newcomer.cmp.labels", lang))

before = cache.derived("previous_round", chosen, lambda: peers.previous_round(data, chosen))
previous_label = ui.round_label(*before) if before else None
if before is None:
    st.info(t("prof.cmp.no_previous", lang))
else:
    st.subheader(t("prof.cmp.change_title", lang, previous=previous_label))
    if table["change_pp"].notna().any():
        st.plotly_chart(cache.figure("peer_changes", (chosen, tuple(codes), code, lang), lambda: fc.peer_changes(
            table, refs, lang, first_label=previous_label, second_label=label)), config=PLOTLY_CONFIG, key="cmp_changes")
        flagged = table[table["flagged"]]
        if not flagged.empty:
            gap = abs(chosen[1] - before[1])
            st.warning(t("newcomer.cmp.flagged_one_year" if gap == 1 else "prof.cmp.flagged", lang, names=", ".join(
                f"{n} ({fmt_signed(v, lang)})" for n, v in zip(flagged["name"], flagged["change_pp"])),
                flag=progress.flag_label(lang), bound=fmt_number(bound.allowed(gap), lang, 1), gap=gap),
                icon=":material/warning:")
        st.caption(t("overview.change_caveat", lang) + " " + t("prof.cmp.legend_flagged", lang))
    else:
        st.info(t("prof.cmp.no_change", lang))

st.subheader(t("prof.cmp.table_title", lang))
shown = cache.derived("cmp_display", (chosen, tuple(codes), code, lang),
                      lambda: peers.display_table(table, lang, label, previous_label))
ui.dataframe(shown, hide_index=True, width="stretch", height=35 * (len(shown) + 1) + 3, key="cmp_table")
stem = f"bandingkan_{code}_{chosen[0]}_{chosen[1]}"
export_frame, sources = cache.derived("cmp_export", (chosen, tuple(codes), code, lang), lambda: (
    peers.display_table(table, lang, label, previous_label, formatted=False),
    peers.export_sources(data, chosen, before, codes, lang)))
ui.downloads(export_frame, stem, lang, key="dl_cmp", sources=sources)
st.page_link("pages/profil.py", label=t("prof.to_profile", lang), icon=":material/person_pin_circle:")
ui.source_footnote(lang)
