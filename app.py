"""KP2S Dashboard router: page config, the page registry, the shared sidebar.

Run with ``streamlit run app.py``. Pages live in ``pages/`` and are
registered here explicitly (``st.navigation``); nothing else happens here.
"""

import streamlit as st

from kp2s_dashboard.web import memory, state, ui
from kp2s_dashboard.i18n import t

memory.start_trimmer()  # once per process: memory freed when upload sessions end goes back to the system

st.set_page_config(page_title="KP2S Kalimantan Selatan", page_icon="static/favicon.png", layout="wide")
state.sync()
lang = ui.language_picker()
ui.page_styles(lang)

PAGES = {
    t("nav.section_prevalence", lang): [
        st.Page("pages/ringkasan.py", title=t("nav.overview", lang), icon=":material/dashboard:",
                url_path="ringkasan", default=True),
        st.Page("pages/peta.py", title=t("nav.map", lang), icon=":material/map:", url_path="peta"),
        st.Page("pages/wilayah.py", title=t("wil.nav", lang), icon=":material/holiday_village:", url_path="wilayah"),
        st.Page("pages/tren.py", title=t("nav.trend", lang), icon=":material/show_chart:", url_path="tren"),
        st.Page("pages/data.py", title=t("nav.data", lang), icon=":material/table:", url_path="data"),
    ],
    t("prog.nav_section", lang): [
        st.Page("pages/target.py", title=t("prog.nav_target", lang), icon=":material/flag:", url_path="target"),
        st.Page("pages/survei_eppgbm.py", title=t("prog.nav_svr", lang), icon=":material/compare_arrows:",
                url_path="survei_eppgbm"),
        st.Page("pages/aksi_hasil.py", title=t("prog.nav_avo", lang), icon=":material/scatter_plot:",
                url_path="aksi_hasil"),
    ],
    t("asm.nav_section", lang): [
        st.Page("pages/aksi.py", title=t("asm.nav_aksi", lang), icon=":material/fact_check:", url_path="aksi"),
        st.Page("pages/validasi.py", title=t("asm.nav_validasi", lang), icon=":material/rule:", url_path="validasi"),
        st.Page("pages/rekomendasi.py", title=t("rekomendasi.nav", lang), icon=":material/assignment_turned_in:",
                url_path="rekomendasi"),
    ],
    t("prof.nav_section", lang): [
        st.Page("pages/profil.py", title=t("prof.nav_profile", lang), icon=":material/person_pin_circle:",
                url_path="profil"),
        st.Page("pages/bandingkan.py", title=t("prof.nav_compare", lang), icon=":material/leaderboard:",
                url_path="bandingkan"),
    ],
    t("exp.nav_section", lang): [
        st.Page("pages/presentasi.py", title=t("exp.nav_presentation", lang), icon=":material/slideshow:",
                url_path="presentasi"),
    ],
    t("kelola.nav_section", lang): [
        st.Page("pages/kelola.py", title=t("kelola.nav", lang), icon=":material/upload_file:", url_path="kelola"),
    ],
}

# .streamlit/config.toml hides Streamlit's list of the pages/ files (seen before this call on a fresh server);
# the menu drawn here is ours: shown (the option only hides a sidebar menu, and only this one remains)
st.set_option("client.showSidebarNavigation", True)
page = st.navigation(PAGES, expanded=True)  # 15 pages: Streamlit collapses the menu above 12
ui.mark_router()
with ui.store_guard(lang):  # database down: a message on every page, never a traceback
    ui.sidebar_footer(lang)
    page.run()
