"""Mode presentasi: the deck of a district or the province, one slide per
screen in large type, with previous/next buttons, the slide number in the
URL, and downloads of the deck (PowerPoint) and of the slide (PNG/SVG)."""

import streamlit as st

from kp2s_dashboard import cache, deck, export, slides, state, ui
from kp2s_dashboard.figures import PLOTLY_CONFIG
from kp2s_dashboard.i18n import t

SLIDE_HEIGHT = 530  # fits a 1366×768 laptop screen under the controls, no scrolling
COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 3rem; padding-bottom: 0.5rem;}
</style>"""
DARK_CSS = """<style>
[data-testid="stAppViewContainer"], [data-testid="stHeader"], [data-testid="stMain"] {background: #111111;}
[data-testid="stMain"] [data-testid="stWidgetLabel"] p, [data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p {color: #f2f2f2;}
[data-testid="stMain"] [data-testid^="stBaseButton"] {background: #2a2a2a; border-color: #666666;}
[data-testid="stMain"] [data-testid^="stBaseButton"] p, [data-testid="stMain"] [data-testid^="stBaseButton"] span
{color: #f2f2f2;}
</style>"""


def slide_number(total: int) -> int:
    """The 0-based slide from the URL's ``slide`` (1-based), kept in range."""
    try:
        wanted = int(st.query_params.get("slide", "1"))
    except ValueError:
        wanted = 1
    return min(max(wanted, 1), total) - 1


def go_to(index: int) -> None:
    st.query_params["slide"] = str(index + 1)


ui.ensure_router()
lang = state.lang()

with ui.stop_on_error(lang):
    prevalence = cache.prevalence().table
    targets = cache.targets()
    sources = cache.assessment_sources()  # the assessment workbooks in force, as on the Aksi page
    assessment = cache.assessment_set(sources) if sources else None
    published = cache.assessment_published().provincial
bounds = cache.boundaries()
geojson, labels = (None, None) if isinstance(bounds, Exception) else bounds

st.markdown(COMPACT_CSS, unsafe_allow_html=True)
controls = st.columns([2.4, 1.2, 1.1, 1.2, 2.1], vertical_alignment="bottom")
with controls[0]:
    code = ui.district_picker(lang, key="pres_district")
the_deck = deck.build_deck(prevalence, targets, code, lang, assessment=assessment, published=published)
total = len(the_deck.slides)
index = slide_number(total)
controls[1].button(t("exp.prev", lang), icon=":material/arrow_back:", key="pres_prev", disabled=index == 0,
                   on_click=go_to, args=(index - 1,), width="stretch")
controls[2].markdown(f"**{t('exp.slide_of', lang, n=index + 1, total=total)}**")
controls[3].button(t("exp.next", lang), icon=":material/arrow_forward:", key="pres_next", disabled=index == total - 1,
                   on_click=go_to, args=(index + 1,), width="stretch")
if "pres_dark" not in st.session_state:  # a link with ?dark=1 opens in the dim-room look
    st.session_state["pres_dark"] = st.query_params.get("dark") == "1"
dark = controls[4].toggle(t("exp.dark", lang), key="pres_dark", help=t("exp.dark_help", lang))
if dark:
    st.markdown(DARK_CSS, unsafe_allow_html=True)
    st.query_params["dark"] = "1"
elif "dark" in st.query_params:
    del st.query_params["dark"]
st.query_params["slide"] = str(index + 1)

look = deck.Look(height=SLIDE_HEIGHT, font_size=20, dark=dark)
st.plotly_chart(deck.slide_figure(the_deck, index, look, geojson=geojson, label_points=labels),
                config=PLOTLY_CONFIG, key="pres_chart", theme=None)  # the slide's own type sizes and colours

engine = export.image_engine()
big = deck.Look(height=900, width=1600, font_size=26, dark=dark)
stem = f"{the_deck.file_stem()}_{index + 1}"
d1, d2, d3, d4 = st.columns([1.6, 1, 1, 2.4], vertical_alignment="center")
d1.download_button(t("exp.download_pptx", lang), data=lambda: slides.build_pptx(the_deck, geojson, labels),
                   file_name=f"{the_deck.file_stem()}.pptx", mime=slides.PPTX_MIME, key="pres_pptx",
                   icon=":material/slideshow:", help=t("exp.pptx_help", lang), on_click="ignore", type="primary")
for column, fmt, label in ((d2, "png", "exp.download_png"), (d3, "svg", "exp.download_svg")):
    column.download_button(
        t(label, lang), file_name=f"{stem}.{fmt}", mime=export.image_mime(fmt), key=f"pres_{fmt}",
        data=lambda fmt=fmt: export.figure_image(
            deck.slide_figure(the_deck, index, big, geojson=geojson, label_points=labels), fmt,
            width=1600, height=900, scale=2 if fmt == "png" else 1),
        icon=":material/image:", disabled=engine is None, on_click="ignore",
    )
if engine is None:
    d4.caption(t("exp.no_engine_ui", lang))
elif assessment is not None and assessment.synthetic and the_deck.slides[index].kind in ("actions", "ranking"):
    d4.caption(t("exp.demo_assessment", lang, file=", ".join(cache.source_name(s) for s in sources)))
