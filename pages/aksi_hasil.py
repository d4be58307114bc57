"""Aksi vs hasil: each district's published assessment result against its
change in survey prevalence over the matching years. An association, with
its n, never a claim of effect."""

import streamlit as st

from kp2s_dashboard.web import cache, state, ui
from kp2s_dashboard.store import datastore
from kp2s_dashboard.prevalence import progress
from kp2s_dashboard.figures import progress as fp
from kp2s_dashboard.figures.prevalence import PLOTLY_CONFIG
from kp2s_dashboard.i18n import t

OFFSETS = {"before": (-1, 0), "after": (0, 1)}


ui.ensure_router()
lang = state.lang()
st.title(t("prog.avo.title", lang))
st.caption(t("prog.avo.intro", lang))

if not datastore.exists("published"):
    st.info(t("prog.avo.no_results", lang))
    st.stop()
with ui.stop_on_error(lang):
    prevalence = cache.prevalence().table
    published = cache.assessment_published()
    results = cache.derived("published_results", (), lambda: fp.published_results(published.provincial))

if results.empty:
    st.info(t("prog.avo.no_results", lang))
    st.stop()
no_period = int(published.provincial["period"].isna().sum())
about = t("prog.avo.published_only", lang, n=len(results),
          periods=", ".join(str(p) for p in sorted(set(results["period"]))))
if no_period:
    about += " " + t("prog.avo.no_period", lang, n=no_period)
st.info(about, icon=":material/info:")

periods = sorted(set(int(p) for p in results["period"]))
c1, c2, c3 = st.columns([2, 2, 2])
chosen = c1.multiselect(t("prog.avo.periods", lang), periods, default=periods, key="avo_periods")
timing = c2.radio(t("prog.avo.timing", lang), list(OFFSETS), key="avo_timing",
                  format_func=lambda k: t(f"prog.avo.timing_{k}", lang))
outcome = c3.radio(t("prog.avo.outcome", lang), ["change_pp", "aarr_pct"], key="avo_outcome",
                   format_func=lambda k: t(f"prog.avo.outcome_{k}", lang))
c4, c5 = st.columns([2, 4])
has_scores = results["score"].notna().sum()
measure = c4.radio(t("prog.avo.measure", lang), ["rank", "score"], horizontal=True, key="avo_measure",
                   format_func=lambda k: t(f"prog.avo.measure_{k}", lang, n=int(has_scores)))
exclude = c5.toggle(t("prog.avo.exclude_flagged", lang), key="avo_exclude")

if not chosen:
    st.info(t("prog.avo.choose_period", lang))
    st.stop()
start_offset, end_offset = OFFSETS[timing]
with ui.stop_on_error(lang):
    choices = (tuple(chosen), measure, outcome, timing, exclude)
    result = cache.derived("actions_vs_outcomes", choices, lambda: progress.actions_vs_outcomes(
        results, prevalence, period=chosen, measure=measure, outcome=outcome, start_offset=start_offset,
        end_offset=end_offset, exclude_flagged=exclude))
    used = result.table[result.table["used"]]
    province = cache.derived("province_reference", choices, lambda: fp.province_reference(
        prevalence, zip(used["start_year"], used["end_year"])))

# the sample size is the headline; the coefficients are small print with their caveat
st.metric(t("prog.avo.kpi_n", lang), result.n)
if result.n < 3:
    st.warning(t("prog.avo.no_correlation", lang, n=result.n), icon=":material/warning:")
if result.n < fp.MIN_PAIRS_FOR_CONCLUSION:
    st.warning(t("prog.avo.no_conclusion", lang, n=result.n), icon=":material/warning:")
if fp.coefficients_note(result, lang):
    st.caption(fp.coefficients_note(result, lang))
if result.n:
    st.plotly_chart(cache.figure("avo_scatter", (choices, lang), lambda: fp.avo_scatter(result, lang, province)),
                    config=PLOTLY_CONFIG, key="avo_chart")
else:
    st.info(t("prog.avo.nothing_to_plot", lang))
st.caption(t("prog.avo.caption", lang))
caveats = [c for c in result.caveats(lang) if c != t("prog.avo.caveat.rank", lang)]
caveats.append(t("prog.avo.direction", lang, sign=t(f"prog.avo.sign_{'positive' if result.favourable_sign > 0 else 'negative'}", lang)))
for line in caveats:
    st.caption("• " + line)

st.subheader(t("prog.avo.table_title", lang))
spec = cache.derived("avo_display", (choices, lang), lambda: fp.avo_display(result, lang))
config = {c: st.column_config.Column(help=h) for c, h in spec.help.items()}
ui.dataframe(spec.styled(lang), hide_index=True, column_config=config, width="stretch", key="avo_table")
sources = cache.derived("avo_sources", (choices, lang), lambda: fp.avo_sources(results, prevalence, result, lang))
ui.downloads(spec.frame, "aksi_vs_hasil", lang, key="dl_avo", sources=sources)
st.caption(t("prog.avo.years_note", lang))
if published.report.problems:
    with st.expander(t("prog.avo.rows_left_out", lang, n=len(published.report.problems))):
        for problem in published.report.problems:
            st.caption(ui.plain_problem(problem, lang))
