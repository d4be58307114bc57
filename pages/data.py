"""Data: the loaded tables with their sources; downloads; check your own file."""

import streamlit as st

from kp2s_dashboard.web import cache, state, ui
from kp2s_dashboard.export import tables as export
from kp2s_dashboard import geo
from kp2s_dashboard.prevalence import summary
from kp2s_dashboard.sheets import uploads
from kp2s_dashboard.errors import DataError
from kp2s_dashboard.i18n import t
from kp2s_dashboard.prevalence.loader import SOURCE_LABELS
from kp2s_dashboard.regions import registry

ui.ensure_router()
lang = state.lang()
st.title(t("data.title", lang))

with ui.stop_on_error(lang):
    loaded = cache.prevalence()
    targets = cache.targets()

st.caption(t("data.provenance", lang, rows=len(loaded.table)))
tab_prev, tab_targets, tab_regions, tab_check = ui.tabs(
    [t("data.tab_prevalence", lang), t("data.tab_targets", lang), t("data.tab_regions", lang),
     t("data.tab_check", lang)], key="data_tabs")
with tab_prev:
    reg = registry()
    c1, c2 = st.columns(2)
    district = state.district()
    codes = c1.multiselect(t("data.filter_regions", lang), [r.code for r in reg],
                           default=[district] if district else [],
                           format_func=reg.short_name, key=f"data_regions_{district}",
                           placeholder=t("data.filter_all", lang))
    sources = c2.multiselect(t("data.filter_sources", lang), list(SOURCE_LABELS), format_func=SOURCE_LABELS.get,
                             key="data_sources", placeholder=t("data.filter_all", lang))
    filtered, shown = cache.derived("data_prevalence", (tuple(codes), tuple(sources), lang), lambda: (
        (f := summary.filter_prevalence(loaded.table, codes, sources)), summary.display_prevalence(f, lang)))
    st.caption(t("data.filter_count", lang, shown=len(filtered), total=len(loaded.table)))
    ui.dataframe(ui.table(shown, lang), hide_index=True, column_config=ui.link_columns(lang), width="stretch", height=520)
    ui.downloads(shown, "prevalensi_stunting_kalsel", lang, key="dl_prev")
with tab_targets:
    shown_t = cache.derived("data_targets", (lang,), lambda: summary.display_targets(targets.assign(scope=""), lang))
    ui.dataframe(ui.table(shown_t, lang), hide_index=True, column_config=ui.link_columns(lang), width="stretch")
    ui.downloads(shown_t, "target_stunting", lang, key="dl_targets")
with tab_regions:
    regions = cache.derived("data_regions", (lang,), lambda: summary.display_regions(registry().frame(), lang))
    ui.dataframe(regions, hide_index=True, width="stretch")
    ui.downloads(regions, "wilayah_kalsel", lang, key="dl_regions")
    with st.expander(t("data.boundary_licence", lang)):
        st.text(geo.licence_text(lang))
with tab_check:
    st.markdown(t("data.check_help", lang))
    upload = st.file_uploader(t("data.check_upload", lang), type=["csv", "xlsx", "xlsm", "xls", "ods"],
                              key="data_check_upload")
    if upload is not None:
        try:
            uploads.check_size(upload.name, upload.size)  # before the bytes are touched
            result = export.check_prevalence_upload(upload.name, upload.getvalue())
        except DataError as exc:
            ui.show_error(exc, lang, title_key="data.check_failed")
        else:
            st.success(t("data.check_ok", lang, layout=t(f"data.layout_{result.layout}", lang), rows=result.rows_read,
                         used=result.values_used, missing=result.values_missing))
            for warning in result.warnings:
                st.caption(ui.plain_problem(warning, lang))
            ui.dataframe(ui.table(summary.display_prevalence(result.table, lang), lang), hide_index=True,
                         width="stretch")
