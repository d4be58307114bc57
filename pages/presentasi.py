"""Mode presentasi: the deck of a district or the province, one slide per
screen in large type, with previous/next buttons, the slide number in the
URL, and downloads of the deck (PowerPoint) and of the slide (PNG/SVG)."""

import html
from functools import partial

import streamlit as st

from kp2s_dashboard.web import cache, state, ui
from kp2s_dashboard.export import deck, tables as export, slides
from kp2s_dashboard.assessment import summary as sa
from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.figures.prevalence import PLOTLY_CONFIG
from kp2s_dashboard.i18n import t

CHART_HEIGHT = 390  # the chart alone: the title and the lines under it are page text (they wrap on a phone)
COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 3rem; padding-bottom: 0.5rem;}
.kp2s-slide-title {font-size: clamp(1.25rem, 4.8vw, 1.9rem); font-weight: 700; line-height: 1.2; margin: 0.3rem 0;}
.kp2s-slide-banner {font-size: 1.05rem; font-weight: 700; color: #b00020; margin-bottom: 0.2rem;}
.kp2s-slide-subtitle {font-size: 1.2rem; color: #333333;}
.kp2s-slide-value {font-size: clamp(2.2rem, 9vw, 3.2rem); font-weight: 700; line-height: 1.1; text-align: center;}
.kp2s-slide-label {font-size: 1.05rem; color: #333333; text-align: center; margin-bottom: 0.8rem;}
.kp2s-slide-lines {font-size: 0.85rem; color: #333333; line-height: 1.4; overflow-wrap: anywhere;}
</style>"""
DARK_CSS = """<style>
[data-testid="stAppViewContainer"], [data-testid="stHeader"], [data-testid="stMain"] {background: #111111;}
[data-testid="stMain"] [data-testid="stWidgetLabel"] p, [data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p, .kp2s-slide-title, .kp2s-slide-value {color: #f2f2f2;}
.kp2s-slide-subtitle, .kp2s-slide-label, .kp2s-slide-lines {color: #c8c8c8;}
.kp2s-slide-banner {color: #ff6b6b;}
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


def text_block(css_class: str, lines) -> None:
    """Lines of plain text (escaped) in one styled block that wraps."""
    body = "<br>".join(html.escape(str(line)) for line in lines if line)
    if body:
        st.markdown(f'<div class="{css_class}">{body}</div>', unsafe_allow_html=True)


def go_to(index: int) -> None:
    st.query_params["slide"] = str(index + 1)


def prepare(flag: str, value) -> None:
    """Remember that the user asked for a file (built on this run, cached after)."""
    st.session_state[flag] = value


ui.ensure_router()
lang = state.lang()

sources = cache.assessment_sources()  # the assessment workbooks; the ones in force as on the Aksi page and Profil
choice = state.assessment_choice()  # the kind of file in force, from the URL (chosen on the Aksi page)
with ui.stop_on_error(lang):
    decided = cache.assessment_in_force(sources, choice) if sources else None

st.markdown(COMPACT_CSS, unsafe_allow_html=True)
controls = st.columns([2.4, 1.2, 1.1, 1.2, 2.1], vertical_alignment="bottom")
with controls[0]:
    code = ui.district_picker(lang, key="pres_district")
if "pres_code_shown" in st.session_state and st.session_state["pres_code_shown"] != code:
    go_to(0)  # another region: its deck starts at the title slide
st.session_state["pres_code_shown"] = code
key = cache.deck_key(code, lang, sources, choice)
with ui.stop_on_error(lang):
    the_deck = cache.presentation_deck(key)  # built once per region, language, files and day
bounds = cache.boundaries()
geojson, labels = (None, None) if isinstance(bounds, Exception) else bounds
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

# The title and the lines under the chart are page text, which wraps on a phone; the figure holds the chart
# only (the PNG/SVG/PowerPoint files keep everything in the picture).
slide = the_deck.slides[index]
text_block("kp2s-slide-title", [slide.title])
if slide.synthetic:
    text_block("kp2s-slide-banner", [f"⚠ {t('asm.synthetic_banner', lang)}"])
if slide.kind == "title" and not slide.empty:  # the headline figures side by side, stacked on a phone
    text_block("kp2s-slide-subtitle", [slide.subtitle])
    items = slide.data.get("figures", [])
    for column, item in zip(st.columns(max(len(items), 1)), items):
        with column:
            text_block("kp2s-slide-value", [item["value"]])
            st.markdown(f'<div class="kp2s-slide-label"><b>{html.escape(item["label"])}</b><br>'
                        f'{html.escape(item["detail"])}</div>', unsafe_allow_html=True)
else:
    look = deck.Look(height=CHART_HEIGHT, font_size=20, dark=dark, page=True)
    st.plotly_chart(deck.slide_figure(the_deck, index, look, geojson=geojson, label_points=labels),
                    config=PLOTLY_CONFIG, key="pres_chart", theme=None)  # the slide's own type sizes and colours
text_block("kp2s-slide-lines", [*slide.notes, slide.source, the_deck.footer])

# Files are built only when asked for (a first click), then kept in the cache: a redraw never rebuilds them
# and a download button always holds its bytes.
engine = export.image_engine()
stem = f"{the_deck.file_stem()}_{index + 1}"
d1, d2, d3, d4 = st.columns([1.5, 1.5, 0.9, 2.3], vertical_alignment="center")
# One click: the PowerPoint is built when the button is pressed (deferred), from the cache when built before.
d1.download_button(t("exp.download_pptx", lang), data=partial(cache.deck_pptx, key),
                   file_name=f"{the_deck.file_stem()}.pptx", mime=slides.PPTX_MIME, key="pres_pptx",
                   icon=":material/slideshow:", help=t("exp.pptx_help", lang), on_click="ignore", type="primary")
wanted = (key, index, dark)
if engine is not None and st.session_state.get("pres_images_for") == wanted:
    for column, fmt, label in ((d2, "png", "exp.download_png"), (d3, "svg", "exp.download_svg")):
        try:
            with column, st.spinner(t("exp.preparing", lang)):
                image = cache.slide_image(key, index, dark, fmt)
        except KP2SError as exc:
            column.error(exc.render(lang))
            continue
        column.download_button(t(label, lang), data=image, file_name=f"{stem}.{fmt}", mime=export.image_mime(fmt),
                               key=f"pres_{fmt}", icon=":material/image:", on_click="ignore")
else:
    d2.button(t("exp.prepare_images", lang), key="pres_images_prepare", icon=":material/image:",
              disabled=engine is None, on_click=prepare, args=("pres_images_for", wanted))
if decided is not None and decided.result is not None and decided.chosen:
    d4.caption(sa.in_force_text(decided, max(decided.chosen), lang))
if engine is None:
    d4.caption(t("exp.no_engine_ui", lang))
