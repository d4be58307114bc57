"""Ringkasan: the province's latest survey prevalence against the nation and
the targets, districts per prevalence class, biggest falls and rises."""

import streamlit as st

from kp2s_dashboard.web import cache, state, ui
from kp2s_dashboard.prevalence import progress, summary
from kp2s_dashboard.figures import progress as fp
from kp2s_dashboard.figures.prevalence import PLOTLY_CONFIG, change_bars, class_count_bars, class_label
from kp2s_dashboard.i18n import fmt_pct, fmt_signed, t
from kp2s_dashboard.prevalence.loader import SURVEY_SOURCES, rounds
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE
from kp2s_dashboard.prevalence.targets import targets_for

ui.ensure_router()
lang = state.lang()
st.title(t("overview.title", lang))

with ui.stop_on_error(lang):
    data = cache.prevalence().table
    targets = cache.targets()

# -- leadership's answers first: the worst districts and one verdict per national target ------------------
worst = cache.derived("worst_districts", (3,), lambda: summary.worst_districts(data, n=3))
with ui.stop_on_error(lang):
    verdicts = cache.derived("target_verdicts", (), lambda: summary.target_verdicts(data, targets))
left, right = st.columns([2, 3], gap="medium")
with left:
    if not worst.empty:
        first = worst.iloc[0]
        st.markdown("**" + ui.md_text(t("overview.worst_title", lang,
                                         round=ui.round_label(first["source"], int(first["year"])))) + "**")
        st.markdown("  \n".join(t("overview.worst_item", lang, rank=int(r.rank), name=ui.md_text(r.name),
                                   value=fmt_pct(r.value_pct, lang)) for r in worst.itertuples()))
        st.caption(t("overview.worst_caption", lang, n=int(first["n_ranked"])))
with right:
    st.markdown("**" + ui.md_text(t("overview.verdicts_title", lang, name=fp.region_label(PROVINCE_CODE, lang)))
                + "**")
    for _, verdict in verdicts.iterrows():
        part = fp.verdict_parts(verdict, lang)
        key = "far" if int(verdict["target_year"]) == max(verdicts["target_year"]) else "near"
        line, link = st.columns([4, 1], vertical_alignment="center")
        line.markdown(f"**{ui.md_text(part['head'])}** · :{part['tone']}[**{ui.md_text(part['status'])}**]  \n"
                      f"{ui.md_text(part['detail'])}")
        link.page_link("pages/target.py", label=t("prog.nav_target", lang), icon=":material/arrow_forward:",
                       help=t("prog.verdict.link", lang, year=int(verdict["target_year"])),
                       query_params={key: verdict["url_token"], "tab": key})
    why_both = fp.verdicts_mixed_text(verdicts, lang)
    if why_both:
        st.caption(ui.md_text(why_both))
st.divider()

head = cache.derived("headline_figures", (), lambda: summary.headline_figures(data))
prov, nat = head["province"], head["national"]
cols = st.columns(4)
if prov is not None:
    cols[0].metric(
        t("overview.kpi_province", lang, round=ui.round_label(prov["source"], int(prov["year"]))),
        fmt_pct(prov["value_pct"], lang),
        delta=(fmt_signed(prov["value_pct"] - nat["value_pct"], lang) + " " + t("overview.vs_national", lang))
        if nat is not None else None,
        **ui.delta_style(prov["value_pct"] - nat["value_pct"] if nat is not None else None),
    )
if nat is not None:
    cols[1].metric(t("overview.kpi_national", lang, round=ui.round_label(nat["source"], int(nat["year"]))),
                   fmt_pct(nat["value_pct"], lang))
national_targets = targets_for(targets, NATIONAL_CODE)
for col, year in zip(cols[2:], (2029, 2045)):
    row = national_targets[national_targets["year"] == year]
    if not row.empty:
        col.metric(t("overview.kpi_target", lang, year=year, label=row.iloc[0]["label"].split(" ")[0]),
                   fmt_pct(row.iloc[0]["target_pct"], lang))
if prov is not None:
    alts = progress.alternative_values(prov["note"], prov["value_pct"])
    if alts:
        st.caption(t("ui.alternative_figure", lang,
                     note=progress.format_with_alternatives(prov["value_pct"], alts, lang)))
st.caption(t("overview.target_caption", lang))

st.divider()
survey_rounds = rounds(data, SURVEY_SOURCES)
left, right = st.columns([2, 3])
with left:
    st.subheader(t("overview.classes_title", lang))
    chosen = ui.round_picker(survey_rounds, lang, key="overview_round")
    counts = cache.derived("class_counts", chosen, lambda: summary.class_counts(summary.district_round(data, *chosen)))
    st.plotly_chart(cache.figure("class_count_bars", (chosen, lang), lambda: class_count_bars(counts, lang)),
                    config=PLOTLY_CONFIG, key="overview_classes")
    for row in counts[counts["n"] > 0].itertuples():
        st.markdown(f"**{class_label(row.klass, lang)}** ({row.n}): {row.names}")
with right:
    st.subheader(t("overview.change_title", lang))
    labels = [ui.round_label(*r) for r in survey_rounds]
    c1, c2 = st.columns(2)
    first = c1.selectbox(t("overview.from", lang), survey_rounds,
                         index=ui.index_of(survey_rounds, state.remembered("overview_first", None), min(1, len(survey_rounds) - 1)),
                         format_func=lambda r: ui.round_label(*r), key="overview_first")
    second = c2.selectbox(t("overview.to", lang), survey_rounds,
                          index=ui.index_of(survey_rounds, state.remembered("overview_second", None), 0),
                          format_func=lambda r: ui.round_label(*r), key="overview_second")
    state.keep("overview_first", first)
    state.keep("overview_second", second)
    changes = cache.derived("change_between", (first, second), lambda: summary.change_between(
        data, first, second, bound=progress.load_plausibility()["survey"]))
    if first == second or changes.empty:
        st.info(t("overview.no_change", lang))
    else:
        st.plotly_chart(cache.figure("change_bars", (first, second, lang), lambda: change_bars(
            changes, ui.round_label(*first), ui.round_label(*second), lang)), config=PLOTLY_CONFIG, key="overview_change")
        if changes["flagged"].any():
            st.warning(t("overview.change_flagged", lang, names=", ".join(changes.loc[changes["flagged"], "name"])))
        if changes.attrs["missing"]:
            st.caption(t("overview.change_missing", lang, names=", ".join(changes.attrs["missing"])))
        st.caption(t("overview.change_caveat", lang))
ui.source_footnote(lang)
