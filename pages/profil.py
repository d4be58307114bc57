"""Profil kabupaten/kota: one district on one page — latest figures, trend
and targets, position among the 13, assessment results, and a summary."""

import streamlit as st

from kp2s_dashboard.web import cache, rek_views, state, ui
from kp2s_dashboard.districts import profile
from kp2s_dashboard.assessment import summary as sa
from kp2s_dashboard.figures import compare as fc
from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.figures.prevalence import PLOTLY_CONFIG, class_label
from kp2s_dashboard.i18n import source_note, t
from kp2s_dashboard.prevalence.progress import format_with_alternatives
from kp2s_dashboard.regions import registry
from kp2s_dashboard.prevalence.targets import targets_for

ui.ensure_router()
lang = state.lang()
st.title(t("prof.title", lang))

with ui.stop_on_error(lang):
    data = cache.prevalence().table
    targets = cache.targets()
    published = cache.assessment_published().table

code = ui.district_picker(lang, key="prof_district", allow_province=False)
with ui.stop_on_error(lang):
    prof = cache.derived("profile", (code,), lambda: profile.build_profile(data, targets, code, published))

st.header(registry().get(code).name)
with st.container(border=True):
    st.markdown(t("prof.summary_title", lang))
    st.markdown("\n".join(f"- {line}" for line in profile.summary_sentences(prof, lang)))

# -- latest figures: survey and register apart ----------------------------------------------------------
st.subheader(t("prof.latest_title", lang))
survey_col, register_col = st.columns(2)
with survey_col:
    if prof.survey is None:
        st.info(t("prof.sum.no_survey", lang, name=prof.name))
    else:
        st.metric(
            t("prof.kpi_survey", lang, round=prof.survey.label),
            profile.position_value({"measure": "survey", "value": prof.survey.value_pct}, lang),
            delta=profile.delta_text(prof, lang),
            **ui.delta_style(profile.delta_change(prof)),
        )
        st.markdown(t("prof.class_line", lang, klass=class_label(prof.survey.klass, lang)))
        refs = profile.reference_text(prof, lang)
        if refs:
            st.caption(refs)
        if prof.survey.alt_pct:
            st.caption(t("ui.alternative_figure", lang, note=format_with_alternatives(
                prof.survey.value_pct, prof.survey.alt_pct, lang), source=prof.survey.note))
        if link := ui.source_link(prof.survey.source_url, lang):
            st.markdown(link)
with register_col:
    if prof.register is None:
        st.caption(t("prof.no_register", lang, name=prof.name))
    else:
        st.metric(t("prof.kpi_register", lang, year=prof.register.year),
                  profile.position_value({"measure": "register", "value": prof.register.value_pct}, lang))
        st.markdown(t("prof.class_line", lang, klass=class_label(prof.register.klass, lang)))
        st.caption(t("prof.register_note", lang))
        if link := ui.source_link(prof.register.source_url, lang):
            st.markdown(link)

# -- trend and targets -------------------------------------------------------------------------------------
st.subheader(t("prof.trend_title", lang))
far = st.toggle(t("prof.until_far", lang, year=prof.far.year), key="prof_far")
until = max(prof.far.year, prof.near.year + 1) if far else prof.near.year + 1
with ui.stop_on_error(lang):
    fig = cache.figure("prof_trend", (code, lang, until),
                       lambda: fc.profile_trend(data, code, [prof.near, prof.far], lang, until=until))
st.plotly_chart(fig, config=PLOTLY_CONFIG, key="prof_trend")
st.markdown("\n".join(f"- {line}" for line in profile.status_lines(prof, lang)))
own_targets = targets_for(targets, code)
own_targets = own_targets[own_targets["scope"] == "district"]
if not own_targets.empty:
    st.caption(ui.plain(profile.own_targets_text(own_targets, lang)))  # target labels come from the file
st.caption(t("prof.trend_caption", lang))

# -- position among the 13 -----------------------------------------------------------------------------------
st.subheader(t("prof.positions_title", lang))
st.markdown("\n".join(f"- {line}" for line in profile.position_lines(prof.positions, lang)))

# -- assessment ----------------------------------------------------------------------------------------------
st.subheader(t("prof.assessment_title", lang))
st.caption(t("asm.published_banner", lang))
if prof.history.empty:
    st.info(t("prof.no_published_rank", lang, name=prof.name))
else:
    st.markdown("\n".join(f"- {line}" for line in profile.history_lines(prof.history, lang)))
for award in profile.national_awards(published, code).itertuples():
    st.markdown(ui.award_line(award.year_assessed, ui.plain(source_note(award, lang)), award.source_url, lang))

with st.container(border=True):
    try:
        sources = cache.assessment_sources()
        choice = state.assessment_choice()  # the same files in force as on the Aksi page and in the deck
        decided = cache.assessment_in_force(sources, choice) if sources else None
        result = decided.result if decided is not None else None
        views = cache.assessment_views(sources, choice=choice) if sources else None
    except KP2SError as exc:
        ui.show_error(exc, lang)
        result = views = None
    if result is None or views is None:
        st.info(t("prof.no_assessment_data", lang))
    else:
        files = ", ".join(views.files)
        st.caption(sa.in_force_text(decided, views.year_assessed, lang))
        # a sample result never stands beside the published rank unless the user asks for it
        show = True
        if result.synthetic:
            st.caption(t("prof.demo_hidden", lang, files=files))
            show = st.toggle(t("prof.demo_optin", lang), key="prof_demo", value=False)
        if show:
            if result.synthetic:
                st.warning(t("asm.synthetic_banner", lang), icon=":material/science:")
                st.markdown(f"**{t('prof.demo_title', lang)}**")
                st.caption(t("prof.demo_caption", lang, files=files))
            else:
                st.markdown(f"**{t('prof.actions_title', lang)}**")
                st.caption(t("prof.actions_caption", lang, files=files))
            actions = cache.derived("prof_actions", (code, choice, lang), lambda: profile.action_profile(
                views.action_scores, code, result.instrument, lang))
            rank = profile.workbook_rank(views.ranking, code)
            # a sample rank never stands beside the district's published rank (issue 15 item 4)
            hide_ranks = sa.sample_kept_apart(result.synthetic, prof.history)
            if rank is not None:
                st.markdown(profile.workbook_rank_text(rank, prof.name, result.synthetic, lang,
                                                       has_published_rank=hide_ranks))
            if actions.empty:
                st.info(t("prof.demo_none", lang, name=prof.name))
            else:
                st.plotly_chart(cache.figure("prof_actions", (code, choice, lang), lambda: fc.action_bars(actions, lang)),
                                config=PLOTLY_CONFIG, key="prof_actions")
                st.markdown("\n".join(f"- {line}" for line in profile.action_lines(actions, lang, with_rank=not hide_ranks)))
                st.caption(t("prof.demo_normalised", lang))

rek_views.profile_section(code, lang)  # rekomendasi and tindak lanjut (issue 10)

st.divider()
st.page_link("pages/bandingkan.py", label=t("prof.to_compare", lang), icon=":material/leaderboard:")
st.page_link("pages/tren.py", label=t("prof.to_trend", lang), icon=":material/show_chart:")
st.page_link("pages/peta.py", label=t("prof.to_map", lang), icon=":material/map:")
ui.source_footnote(lang)
