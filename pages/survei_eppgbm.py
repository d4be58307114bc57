"""Survei vs e-PPGBM: the survey figure and the register figure for the same
district and year side by side, the gap, and why they differ."""

import streamlit as st

from kp2s_dashboard.web import cache, state, ui
from kp2s_dashboard.prevalence import progress
from kp2s_dashboard.figures import progress as fp
from kp2s_dashboard.figures.prevalence import PLOTLY_CONFIG
from kp2s_dashboard.i18n import fmt_number, t

ui.ensure_router()
lang = state.lang()
st.title(t("prog.svr.title", lang))
st.caption(t("prog.svr.intro", lang))

with ui.stop_on_error(lang):
    prevalence = cache.prevalence().table
    pairs = cache.derived("survey_vs_register", (lang,), lambda: progress.survey_vs_register(prevalence, lang=lang))

if pairs.empty:
    st.info(t("prog.svr.none", lang))
    st.stop()

years = sorted(set(pairs["year"]))
chosen_years = st.pills(t("prog.svr.years", lang), years, selection_mode="multi", default=years, key="svr_years")
shown = pairs[pairs["year"].isin(chosen_years or years)]

districts = shown[shown["code"].str.len() == 4]
cols = st.columns(3)
cols[0].metric(t("prog.svr.kpi_pairs", lang), len(shown))
cols[1].metric(t("prog.svr.kpi_districts", lang), districts["code"].nunique())
if not shown.empty:
    cols[2].metric(t("prog.svr.kpi_ratio", lang),
                   t("prog.svr.ratio_range", lang, lo=fmt_number(shown["ratio"].min(), lang, 1),
                     hi=fmt_number(shown["ratio"].max(), lang, 1)))

shown_years = tuple(chosen_years or years)
st.plotly_chart(cache.figure("svr_dumbbell", (shown_years, lang), lambda: fp.svr_dumbbell(shown, lang)),
                config=PLOTLY_CONFIG, key="svr_chart")
st.caption(t("prog.svr.chart_caption", lang))
st.subheader(t("prog.svr.why_title", lang))
st.markdown("\n".join(f"- {line}" for line in progress.why_differ_notes(lang)))

st.subheader(t("prog.svr.table_title", lang))
spec = cache.derived("svr_display", (shown_years, lang), lambda: fp.svr_display(shown, lang))
config = {c: st.column_config.Column(help=h) for c, h in spec.help.items()}
config[spec.frame.columns[-1]] = st.column_config.Column(width="large")
ui.dataframe(spec.styled(lang), hide_index=True, column_config=config, width="stretch",
             height=36 * (len(spec.frame) + 1) + 4, key="svr_table")
sources = [t("prog.exp.svr_sources", lang)] + cache.derived(
    "svr_source_urls", (shown_years,), lambda: fp.svr_source_urls(prevalence, shown))
ui.downloads(spec.frame, "survei_vs_eppgbm", lang, key="dl_svr", sources=sources)
ui.source_footnote(lang)
