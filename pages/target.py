"""Target: each district's (and the province's) current pace against the
targets it is measured by, with projections and each region's path."""

import pandas as pd
import streamlit as st

from kp2s_dashboard.web import cache, state, ui
from kp2s_dashboard.prevalence import progress
from kp2s_dashboard.figures import progress as fp
from kp2s_dashboard.figures.prevalence import PLOTLY_CONFIG
from kp2s_dashboard.i18n import fmt_number, fmt_signed, t
from kp2s_dashboard.prevalence.loader import SOURCE_LABELS
from kp2s_dashboard.regions import PROVINCE_CODE


def column_config(spec: fp.DisplayTable, lang: str) -> dict:
    config = {c: st.column_config.Column(help=h) for c, h in spec.help.items()}
    config.update({c: None for c in spec.hidden})
    config.update(ui.link_columns(lang))
    return config


ui.ensure_router()
lang = state.lang()
st.title(t("prog.tgt.title", lang))
st.caption(t("prog.tgt.intro", lang))

with ui.stop_on_error(lang):
    # the files are read inside the builds: a warm rerun takes the kept results without copying the tables;
    # the target choices are only read here, so they are kept as one object (cache.shared)
    choices = cache.shared("target_choices", (PROVINCE_CODE,), lambda: progress.target_choices(
        cache.targets(), PROVINCE_CODE))
    default_near, default_far = cache.derived("default_targets", (), lambda: tuple(
        x.choice_id for x in progress.default_targets(cache.targets())))

ids = list(choices["choice_id"])
alt_pcts = dict(zip(ids, choices["alt_pct"]))
labels = cache.derived("target_labels", (PROVINCE_CODE, lang), lambda: {
    r["choice_id"]: fp.choice_label(r, lang) for _, r in choices.iterrows()})
methods, windows = list(progress.METHODS), [progress.DEFAULT_START_YEAR, ui.NONE]


def target_of(choice_id: str) -> progress.Target:
    return cache.shared("target_from_choice", (PROVINCE_CODE, choice_id),
                         lambda: progress.target_from_choice(choices, choice_id))


def token(choice_id: str) -> str:
    return target_of(choice_id).url_token


# the URL holds the choices (a link from Ringkasan names a target); it wins over the widgets' last state
from_url = {
    "tgt_near": progress.choice_from_token(choices, state.page_param("target", "near")) or default_near,
    "tgt_far": progress.choice_from_token(choices, state.page_param("target", "far")) or default_far,
    "tgt_method": state.parse_option(state.page_param("target", "method"), methods, methods[0]),
    "tgt_window": ui.as_option(state.parse_option(state.page_param("target", "window"), [windows[0], None],
                                                  windows[0])),
}
for key, value in from_url.items():
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value
c1, c2 = st.columns(2)
near_id = c1.selectbox(t("prog.tgt.near", lang), ids, format_func=labels.get,
                       key="tgt_near", on_change=lambda: state.set_page_params(
                           "target", near=token(st.session_state["tgt_near"]), tab="near"))
far_id = c2.selectbox(t("prog.tgt.far", lang), ids, format_func=labels.get,
                      key="tgt_far", on_change=lambda: state.set_page_params(
                          "target", far=token(st.session_state["tgt_far"]), tab="far"))
c3, c4 = st.columns(2)
method = c3.radio(t("prog.tgt.method", lang), methods, horizontal=True, key="tgt_method",
                  format_func=lambda m: t(f"prog.tgt.method_{m}", lang),
                  on_change=lambda: state.set_page_params("target", method=st.session_state["tgt_method"]))
start_year = ui.from_option(c4.radio(
    t("prog.tgt.window", lang), windows, horizontal=True, key="tgt_window",
    format_func=lambda y: t("prog.tgt.window_all", lang) if y == ui.NONE else t("prog.tgt.window_from", lang, year=y),
    on_change=lambda: state.set_page_params(
        "target", window=state.option_text(ui.from_option(st.session_state["tgt_window"])))))
state.set_page_params("target", near=token(near_id), far=token(far_id), method=method,
                      window=state.option_text(start_year))
if near_id == far_id:
    st.info(t("prog.tgt.same_target", lang))

with ui.stop_on_error(lang):
    table, chart_all = cache.progress_view(near_id, far_id, method, start_year)
near, far = target_of(near_id), target_of(far_id)
options = progress.SeriesOptions(method=method, start_year=start_year)
view_key = (near_id, far_id, method, start_year)

# -- the table: one tab per target (narrow enough for a laptop); the download holds both ----------------
tab_labels = [fp.target_tag(near, lang), fp.target_tag(far, lang)]
# the open tab is in the URL (a click writes it), so it stays open when the language changes its label
tabs = st.tabs(tab_labels, default=tab_labels[1] if state.page_param("target", "tab") == "far" else tab_labels[0],
               key="tgt_tabs", on_change=lambda: state.set_page_params(
                   "target", tab="far" if st.session_state["tgt_tabs"] == tab_labels[1] != tab_labels[0] else "near"))
for tab, key in zip(tabs, ("near", "far")):
    spec = cache.derived("target_display", (view_key, lang, key),
                         lambda: fp.target_display(table, near, far, lang, start_year, keys=(key,)))
    shown = cache.styled("target_display_styled", (view_key, lang, key), lambda: spec.styled(lang))
    tab.dataframe(shown, hide_index=True, column_config=column_config(spec, lang), width="stretch",
                  height=36 * (len(spec.frame) + 1) + 4, key=f"tgt_table_{key}")
st.caption(t("prog.tgt.table_caption", lang, method=t(f"prog.method.{method}", lang,
                                                            start=start_year or t("prog.tgt.first_round", lang)))
           + " " + t("prog.tgt.tabs_caption", lang))
for target in (near, far):
    alts = alt_pcts[target.choice_id]
    if alts:
        st.caption("⚠ " + t("prog.tgt.target_conflict", lang, target=fp.target_tag(target, lang),
                             others=", ".join(fp.pct_text(a, lang) for a in alts)))
for _, mixed in progress.mixed_verdicts(table).iterrows():
    st.info(fp.mixed_verdict_text(mixed, near, far, lang), icon=":material/info:")
n_flagged = int(table["flagged"].sum())
if n_flagged:
    st.caption("⚠ " + t("prog.tgt.flag_caption", lang, n=n_flagged, flag=progress.flag_label(lang)))
export_frame, sources = cache.derived("target_export", (view_key, lang), lambda: (
    fp.target_export(table, near, far, lang, start_year),
    fp.target_sources(cache.prevalence().table, near, far, options, lang)))
ui.downloads(export_frame, "target_stunting_kalsel", lang, key="dl_target", sources=sources)

with st.expander(t("prog.tgt.method_title", lang)):
    bound = progress.load_plausibility()["survey"]
    st.markdown(t("prog.tgt.method_body", lang, bound=fmt_number(bound.max_change_pp, lang, 0),
                  gap=fmt_number(bound.max_gap_years, lang, 0)))
    st.caption(t("prog.method.source", lang))

# -- paths -------------------------------------------------------------------------------------------
st.subheader(t("prog.tgt.paths_title", lang))
view = st.segmented_control(t("prog.tgt.view", lang), ["one", "all"], default="one", key="tgt_view",
                            format_func=lambda v: t(f"prog.tgt.view_{v}", lang)) or "one"
if view == "one":
    district = ui.district_picker(lang, key="tgt_district")
    region = district or PROVINCE_CODE
    own = cache.shared("target_choices", (region,), lambda: progress.target_choices(cache.targets(), region))
    own_rows = {r["choice_id"]: r for _, r in own.iterrows()}
    row = table[table["code"] == region].iloc[0]
    latest = int(row["latest_year"]) if pd.notna(row["latest_year"]) else 0
    defaults = [i for i in (near_id, far_id) if i in own_rows]
    defaults += [i for i, r in own_rows.items() if r["scope"] == "district" and int(r["year"]) > latest
                 and i not in defaults]
    chosen = st.multiselect(t("prog.tgt.chart_targets", lang), list(own_rows), default=defaults,
                            format_func=cache.derived("target_labels", (region, lang), lambda: {
                                i: fp.choice_label(r, lang) for i, r in own_rows.items()}).get, key=f"tgt_chart_{region}")
    chosen_targets = [cache.shared("target_from_choice", (region, i), lambda: progress.target_from_choice(own, i))
                      for i in chosen]
    path_key = (region, tuple(chosen), method, start_year)
    with ui.stop_on_error(lang):
        def target_path(prevalence):
            return (progress.chart_data(prevalence, chosen_targets, [region], options),
                    progress.progress_long(prevalence, chosen_targets, [region], options),
                    progress.plausibility_flags(prevalence, [region]))

        chart, long, flags = cache.derived("target_path", path_key, lambda: target_path(cache.prevalence().table))
    fig = cache.figure("path_figure", (path_key, view_key, lang), lambda: fp.path_figure(
        chart, region, chosen_targets, lang, start_year=start_year, first_year=start_year,
        aarr_pct=float(row["aarr_pct"])))
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key="tgt_path_chart")
    for f in flags.itertuples():
        st.warning(t("prog.tgt.flag_line", lang, a=f.from_year, b=f.to_year,
                     x=fp.pct_text(f.from_pct, lang), y=fp.pct_text(f.to_pct, lang),
                     change=fmt_signed(f.change_pp, lang), bound=fmt_number(f.bound_pp, lang, 1),
                     flag=progress.flag_label(lang)), icon=":material/warning:")
    observed = chart[(chart["series"] == "observed") & (chart["year"] >= (start_year or 0))]
    for o in observed.itertuples():
        if o.alt_pct:
            st.caption(t("prog.tgt.alt_line", lang, round=f"{SOURCE_LABELS.get(o.source, o.source)} {o.year}",
                         value=progress.format_with_alternatives(o.value_pct, o.alt_pct, lang)))
    if chosen_targets:
        status = cache.derived("region_status_display", (path_key, lang), lambda: fp.region_status_display(long, lang))
        ui.dataframe(cache.styled("region_status_styled", (path_key, lang), lambda: status.styled(lang)),
                     hide_index=True, column_config=column_config(status, lang), width="stretch",
                     key="tgt_region_table")
    st.caption(t("prog.tgt.chart_caption", lang))
    if start_year:
        st.caption(t("prog.tgt.older_rounds", lang, year=start_year))
else:
    which = st.radio(t("prog.tgt.grid_target", lang), ["near", "far"], horizontal=True, key="tgt_grid_target",
                     format_func=lambda k: fp.target_tag(near if k == "near" else far, lang))
    fig = cache.figure("path_grid", (view_key, which, lang), lambda: fp.path_grid(
        chart_all, table, near if which == "near" else far, lang, key=which, start_year=start_year))
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key="tgt_grid_chart")
    st.caption(t("prog.tgt.grid_caption", lang))
ui.source_footnote(lang)
