"""Aksi Konvergensi: the assessment of the 13 districts on the 8 convergence
actions (heatmap, ranking, lagging actions, district vs province, components,
spread between assessors, map) and the published official results."""

import hashlib

import streamlit as st

from kp2s_dashboard.web import cache, rek_views, state, ui
from kp2s_dashboard.figures import assessment as fa
from kp2s_dashboard.figures import assessment_plan as fp
from kp2s_dashboard.assessment import plan as ap
from kp2s_dashboard.assessment import summary as sa
from kp2s_dashboard.figures.prevalence import PLOTLY_CONFIG
from kp2s_dashboard.i18n import t
from kp2s_dashboard.regions import registry

ui.ensure_router()
lang = state.lang()
st.title(t("asm.title", lang))
st.caption(t("asm.intro", lang))


def show_table(frame, decimals: int = 1, name: str | None = None, key: tuple = (), **kwargs) -> None:
    """A table with numbers written the language's way and source links;
    with ``name``, its display is kept per ``key`` (the view's choices)."""
    shown = cache.derived(name, key, lambda: sa.for_display(frame, lang, decimals)) if name else (
        sa.for_display(frame, lang, decimals))
    ui.dataframe(shown, hide_index=True, width="stretch", column_config=ui.link_columns(lang), **kwargs)


view = st.radio(t("asm.view", lang), ["workbooks", "published"], horizontal=True, key="asm_view",
                format_func=lambda v: t(f"asm.view.{v}", lang))

# -- published official results ------------------------------------------------------------------
if view == "published":
    with ui.stop_on_error(lang):
        published = cache.assessment_published()
    st.info(t("asm.published_banner", lang), icon=":material/newspaper:")
    st.caption(t("asm.pub.caption", lang))
    st.subheader(t("asm.pub.provincial_title", lang))
    provincial = sa.published_table(published, "provincial", lang)
    show_table(provincial, 2)
    st.subheader(t("asm.pub.national_title", lang))
    national = sa.published_table(published, "national", lang)
    show_table(national)
    if published.report.problems:
        st.warning(t("asm.pub.problems", lang, n=len(published.report.problems)))
    ui.downloads(provincial, "kp2s_hasil_dipublikasikan", lang, key="asm_dl_pub")
    st.stop()

# -- assessment workbooks -------------------------------------------------------------------------
loaded = cache.assessment_sources()
uploads = st.session_state.get(sa.UPLOADS_KEY, {})
datasets: dict[str, list[tuple]] = {}
if loaded:
    datasets["files"] = loaded
if uploads:
    year_for_uploads = st.session_state.get(sa.UPLOAD_YEAR_KEY)
    datasets["uploads"] = [cache.upload_source(n, b, year_for_uploads) for n, b in uploads.items()]
if not datasets:
    st.info(t("asm.dataset.none", lang))
    st.stop()


def dataset_label(key: str) -> str:
    if key == "files":
        return t("asm.dataset.all", lang, n=len(loaded))
    return t("asm.dataset.uploads", lang, n=len(uploads))


c1, c2, c3 = st.columns([3, 2, 2])
with c1:
    dataset = st.selectbox(t("asm.dataset", lang), list(datasets), format_func=dataset_label, key="asm_dataset")
sources = datasets[dataset]
with ui.stop_on_error(lang):
    # files of one year are never pooled across kinds: one kind is in force (the rule, or the URL's choice)
    decided = cache.assessment_in_force(sources, state.assessment_choice())
if len(decided.kinds) > 1:
    st.session_state["asm_in_force"] = decided.choice or decided.chosen.get(max(decided.chosen), decided.kinds[0])
    with c1:
        st.selectbox(t("asm.in_force.pick", lang), decided.kinds, key="asm_in_force",
                     format_func=lambda k: sa.kind_option(decided, k, lang),
                     on_change=lambda: state.set_params(asm=st.session_state["asm_in_force"]))
choice = decided.choice
result = decided.result

if result.synthetic:
    st.warning(f"### {t('asm.synthetic_banner', lang)}", icon=":material/science:")

years = sa.years_assessed(result)
with c2:
    code = ui.district_picker(lang, key="asm_district")
with c3:
    year = None
    if len(years) > 1:
        year = st.selectbox(t("asm.col.year_assessed", lang), years, key="asm_year")
    elif years:
        year = years[0]

if result.report.errors or result.report.warnings:
    st.warning(t("asm.report_problems", lang, errors=len(result.report.errors), warnings=len(result.report.warnings)),
               icon=":material/rule:")
    st.page_link("pages/validasi.py", label=t("asm.nav_validasi", lang), icon=":material/rule:")

NONE = "__none__"
chosen = st.session_state.get("asm_component", "")
component = None if chosen == NONE else chosen
with ui.stop_on_error(lang):
    with st.spinner(t("asm.computing", lang)):
        views = cache.assessment_views(sources, year, component, "total", choice)
# the view's choices, an upload by its digest: the key of the figures and tables kept below
asm_key = (tuple(s if s[0] == "file" else (s[0], s[1], hashlib.sha256(s[2]).hexdigest(), s[3]) for s in sources),
           year, component, choice, lang)

instrument = result.instrument
names = sa.action_names(instrument, lang)
short = sa.action_names(instrument, lang, short=True)
source_line = ", ".join(views.files)
marks = {"synthetic": result.synthetic, "source": sa.source_text(views.files, views.year_assessed, views.period, lang)}
download_marks = sa.export_marks(views.files, views.year_assessed, views.period, result.synthetic, lang)
info_col, comp_col = st.columns([3, 2])
with info_col:
    st.markdown(f"**{sa.year_period_text(views.year_assessed, views.period, lang)}**")
    st.caption(t("asm.files_shown", lang, files=ui.plain(source_line)))
    st.caption(sa.in_force_text(decided, views.year_assessed, lang))
with comp_col:
    if len(views.components) > 1:
        options = [NONE if c is None else c for c in views.components]
        current = NONE if views.component is None else views.component
        if st.session_state.get("asm_component") not in options:
            st.session_state["asm_component"] = current
        st.selectbox(t("asm.component_pick", lang), options, key="asm_component",
                     format_func=lambda c: sa.component_label(None if c == NONE else c, instrument, lang))

tabs = ui.tabs([t(f"asm.tab.{k}", lang) for k in ("heatmap", "ranking", "lagging", "district", "components",
                                                  "spread", "map")], key="asm_tabs")

with tabs[0]:
    if views.action_scores.empty:
        st.info(t("asm.comp.none", lang))
    else:
        st.caption(t("asm.note_normalised", lang))
        st.plotly_chart(cache.figure("asm_heatmap", (asm_key, code), lambda: fa.heatmap(
            views.action_scores, lang, action_names=names, short_names=short, selected=code, **marks)),
                        config=PLOTLY_CONFIG, key="asm_heatmap")
        st.caption(t("asm.heatmap.caption", lang))
        ui.downloads(cache.derived("asm_heatmap_table", asm_key, lambda: sa.heatmap_table(views, lang)),
                     "aksi_nilai_per_aksi", lang, key="asm_dl_heatmap",
                     **download_marks)

with tabs[1]:
    if views.weights_unknown:
        st.info(t("asm.note_weights_unknown", lang), icon=":material/info:")
    if not views.has_totals:
        st.info(t("asm.note_no_total", lang), icon=":material/info:")
    else:
        st.caption(t("asm.rank.basis", lang, basis=t(f"asm.basis_rank.{views.basis}", lang)))
    ranked = views.ranking["rank"].notna().any()
    if ranked:
        st.subheader(t("asm.rank.title", lang, year_assessed=views.year_assessed))
        st.plotly_chart(cache.figure("asm_ranking", (asm_key, code), lambda: fa.ranking_bars(
            views.ranking, lang, by_mean=views.ranked_by == "score_pct", selected=code, **marks)),
            config=PLOTLY_CONFIG, key="asm_ranking")
    table = cache.derived("asm_ranking_table", asm_key, lambda: sa.ranking_table(views, lang))
    show_table(table, 2, "asm_ranking_shown", asm_key)
    st.caption(t("asm.rank.previous_note", lang))
    # a sample rank never stands beside a published rank (issue 15 item 4): district_result left them out
    if sa.sample_kept_apart(result.synthetic, cache.assessment_published().provincial):
        st.caption(t("asm.rank.sample_apart", lang, view=t("asm.view.published", lang)))
    ui.downloads(table, "aksi_peringkat", lang, key="asm_dl_ranking", **download_marks)
    st.subheader(t("asm.totals.title", lang))
    totals = cache.derived("asm_totals_table", asm_key, lambda: sa.totals_table(views, lang))
    show_table(totals, 2, "asm_totals_shown", asm_key)

# the chosen district's action plan: its actions by gap to the province and to its neighbours
plan = None
found_neighbours = cache.neighbours() if code is not None else None
if code is not None and not views.action_scores.empty:
    plan = cache.shared("asm_plan", (asm_key, code), lambda: ap.district_plan(
        result, views, code, found_neighbours if isinstance(found_neighbours, dict) else {}, lang))
district = registry().short_name(code) if code is not None else ""


def province_lagging() -> None:
    st.caption(t("asm.lag.caption", lang))
    st.plotly_chart(cache.figure("asm_lagging", asm_key, lambda: fa.lagging_bars(
        views.lagging, lang, action_names=short, **marks)), config=PLOTLY_CONFIG, key="asm_lagging")
    show_table(cache.derived("asm_lagging_table", asm_key, lambda: sa.lagging_table(views, names, lang)),
               name="asm_lagging_shown", key=asm_key)


with tabs[2]:
    if views.lagging.empty:
        st.info(t("asm.comp.none", lang))
    elif plan is None or plan.gaps.empty:
        if code is None:
            st.caption(t("asm.plan.pick", lang))
        province_lagging()
    else:
        st.subheader(t("asm.plan.lag_title", lang, district=district))
        st.caption(t("asm.plan.lag_caption", lang, district=district))
        lines = ap.priority_lines(plan, lang)
        st.markdown("\n".join(f"- {line}" if not line.startswith(" ") else line for line in lines)
                    if lines else t("asm.plan.no_priorities", lang, district=district))
        st.plotly_chart(cache.figure("asm_plan_gaps", (asm_key, code), lambda: fp.gap_bars(plan.gaps, code, lang, **marks)),
                        config=PLOTLY_CONFIG, key="asm_plan_gaps")
        with st.expander(t("asm.plan.province_wide", lang)):
            province_lagging()

with tabs[3]:
    if code is None:
        st.info(t("asm.dvp.pick", lang))
    elif plan is None or plan.gaps.empty:
        st.info(t("asm.dvp.no_scores", lang, district=district))
    else:
        st.subheader(t("asm.plan.title", lang, district=district))
        st.caption(t("asm.plan.caption", lang))
        lines = ap.priority_lines(plan, lang)
        st.markdown(f"**{t('asm.plan.priorities_title', lang, district=district)}**")
        st.markdown("\n".join(f"- {line}" if not line.startswith(" ") else line for line in lines)
                    if lines else t("asm.plan.no_priorities", lang, district=district))
        plan_table = cache.derived("asm_plan_table", (asm_key, code), lambda: ap.gap_table(plan, lang))
        show_table(plan_table, name="asm_plan_shown", key=(asm_key, code))
        ui.downloads(plan_table, f"aksi_rencana_{code}", lang, key="asm_dl_plan", **download_marks)
        rek_views.aksi_section(code, views.action_scores, instrument, lang, scores_key=asm_key)  # issue 10
        st.subheader(t("asm.plan.neighbours_title", lang, district=district))
        if not plan.neighbours:
            st.info(t("asm.plan.no_neighbours", lang))
        else:
            st.caption(t("asm.plan.neighbours_caption", lang, district=district,
                         names=", ".join(registry().short_name(c) for c in plan.neighbours)))
        st.plotly_chart(cache.figure("asm_plan_neighbours", (asm_key, code), lambda: fp.neighbour_heatmap(
            plan.matrix, lang, short_names=short, action_names=names, **marks)),
                        config=PLOTLY_CONFIG, key="asm_plan_neighbours")
        show_table(cache.derived("asm_neighbour_table", (asm_key, code), lambda: ap.neighbour_table(plan, short, lang)),
                   name="asm_neighbour_shown", key=(asm_key, code))
        comparison = cache.assessment_district(sources, code, views.year_assessed, views.component, choice)
        if not comparison.empty:
            st.subheader(t("asm.dvp.title", lang, district=district))
            st.plotly_chart(cache.figure("asm_dvp", (asm_key, code), lambda: fa.district_vs_province(
                comparison, code, lang, action_names=names, short_names=short, **marks)),
                            config=PLOTLY_CONFIG, key="asm_dvp")
            show_table(cache.derived("asm_dvp_table", (asm_key, code), lambda: sa.comparison_table(
                comparison, short, lang)), name="asm_dvp_shown", key=(asm_key, code))

with tabs[4]:
    if views.breakdown.empty:
        st.info(t("asm.comp.none", lang))
    else:
        if views.weights_unknown:
            st.info(t("asm.note_weights_unknown", lang), icon=":material/info:")
        st.caption(t("asm.comp.caption", lang))
        comp_names = {c: sa.component_label(c, instrument, lang) for c in views.breakdown["component"].unique()}
        st.plotly_chart(cache.figure("asm_components", (asm_key, code), lambda: fa.component_bars(
            views.breakdown, lang, component_names=comp_names, selected=code, **marks)),
                        config=PLOTLY_CONFIG, key="asm_components")
        comp_table = cache.derived("asm_breakdown_table", asm_key, lambda: sa.breakdown_table(views, instrument, lang))
        show_table(comp_table, 2, "asm_breakdown_shown", asm_key)

with tabs[5]:
    if views.spread_districts.empty:
        st.info(t("asm.spread.none", lang))
    else:
        st.caption(t("asm.spread.caption", lang))
        st.plotly_chart(cache.figure("asm_spread", (asm_key, code), lambda: fa.spread_by_district(
            views.spread_districts, lang, selected=code, **marks)), config=PLOTLY_CONFIG, key="asm_spread")
        items = views.spread_items
        if code is not None and (items["code"] == code).any():
            own = items[items["code"] == code]
            st.subheader(t("asm.spread.items_title", lang, district=registry().short_name(code)))
            labels = [sa.item_label(a, i, c, instrument, lang) for a, i, c in
                      zip(own["action"], own["indicator"], own["component"])]
            st.plotly_chart(cache.figure("asm_spread_items", (asm_key, code), lambda: fa.spread_items(
                own, lang, labels=labels, **marks)), config=PLOTLY_CONFIG, key="asm_spread_items")
            items = own
        spread_table = cache.derived("asm_spread_table", (asm_key, code), lambda: sa.spread_table(items, instrument, lang))
        show_table(spread_table, name="asm_spread_shown", key=(asm_key, code), height=360)

with tabs[6]:
    ranked_metrics = (["rank"] if views.basis == "action_mean" else ["total", "rank"]) if views.has_totals else []
    metrics = ["score_pct"] + ranked_metrics
    if st.session_state.get("asm_map_metric") not in metrics:
        st.session_state["asm_map_metric"] = metrics[0]
    metric = st.radio(t("asm.map.metric", lang), metrics, horizontal=True, key="asm_map_metric",
                      format_func=lambda m: t(f"asm.map.metric.{m}", lang))
    if not views.has_totals:
        st.caption(t("asm.map.no_totals", lang))
    bounds = cache.boundaries()
    if isinstance(bounds, Exception):
        ui.show_error(bounds, lang, title_key="map.no_boundaries_title")
        st.info(t("map.no_boundaries_help", lang))
    else:
        geojson, label_points = bounds
        event = st.plotly_chart(cache.figure("asm_map", (asm_key, code, metric), lambda: fa.choropleth(
            fa.map_table(views.totals, views.ranking, metric), geojson, lang, selected=code, label_points=label_points,
            **marks)), config=PLOTLY_CONFIG, key="asm_map", on_select="rerun", selection_mode="points")
        clicked = ui.clicked_location(event)
        if clicked and clicked != code and clicked in registry().district_codes():
            state.set_params(district=clicked)
            st.rerun()
        st.caption(t("map.click_hint", lang))
