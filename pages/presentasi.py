"""Mode presentasi: the deck of a district or the province, one slide per
screen in large type, with previous/next buttons (and the keyboard or a
clicker: arrows, PageUp/PageDown, space), the slide number in the URL, a full
screen (``full=1``: no sidebar, the controls in a thin bar), the dim-room look
(``dark=1``), sample-data assessment slides only when asked (``demo=1``), and
downloads of the deck (PowerPoint) and of the slide (PNG/SVG)."""

import html
from functools import partial

import streamlit as st

from kp2s_dashboard.web import cache, presenter, state, ui
from kp2s_dashboard.export import deck, tables as export, slides
from kp2s_dashboard.assessment import summary as sa
from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.i18n import t

CHART_HEIGHT = 430  # the chart alone: the title and the lines under it are page text (they wrap on a phone)
TREND_HEIGHT = 510  # the trend's two panels and its legend under them: within 1366×768 under the controls
MAP_HEIGHT = 820  # the map with the ranking of the 13 under it
# full screen: the chart takes what the thin bar, the title and the lines under it leave of 1366×768
# (presenter.full_chart_height), so that the source line is never cut at the bottom
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

def flag(name: str) -> bool:
    """A switch from the URL (``name=1``)."""
    return st.query_params.get(name) == "1"


def set_flag(name: str, on: bool) -> None:
    if on:
        st.query_params[name] = "1"
    elif name in st.query_params:
        del st.query_params[name]


def toggle_flag(name: str, widget: str) -> None:
    set_flag(name, bool(st.session_state[widget]))


def bound_checkbox(column, name: str, label: str, help_text: str) -> bool:
    """A checkbox that shows and writes the URL's ``name`` switch."""
    widget = f"pres_{name}"
    st.session_state[widget] = flag(name)
    return column.checkbox(label, key=widget, help=help_text, on_change=toggle_flag, args=(name, widget))


st.markdown(presenter.COMPACT_CSS, unsafe_allow_html=True)
full = flag("full")
dark = flag("dark")
if full:
    st.markdown(presenter.FULL_CSS, unsafe_allow_html=True)
if dark:
    st.markdown(presenter.DARK_CSS, unsafe_allow_html=True)
presenter.slide_keys("pres_prev", "pres_next")

synthetic = bool(decided is not None and getattr(decided.result, "synthetic", False))
if full:  # one thin bar: previous, the counter, next, the dim room, leave full screen
    bar = st.container(key="pres_bar", horizontal=True, vertical_alignment="center", gap="small")
    code = state.district()
else:
    controls = st.columns([1.9, 1.5, 1.1, 1.5, 1.8], vertical_alignment="bottom")  # labels whole at 1280 px
    with controls[0]:
        code = ui.district_picker(lang, key="pres_district")
if "pres_code_shown" in st.session_state and st.session_state["pres_code_shown"] != code:
    go_to(0)  # another region: its deck starts at the title slide
st.session_state["pres_code_shown"] = code
include_demo = synthetic and flag("demo")
own_targets = flag("own_targets")
key = cache.deck_key(code, lang, sources, choice, include_demo=include_demo, own_targets=own_targets,
                     recommendations=True)
with ui.stop_on_error(lang):
    the_deck = cache.presentation_deck(key)  # built once per region, language, files, options and day
bounds = cache.boundaries()
geojson, labels = (None, None) if isinstance(bounds, Exception) else bounds
total = len(the_deck.slides)
index = slide_number(total)
counter_text = f"**{t('exp.slide_of', lang, n=index + 1, total=total)}**"
if full:
    bar.button(t("exp.prev", lang), icon=":material/arrow_back:", key="pres_prev", disabled=index == 0,
               on_click=go_to, args=(index - 1,))
    bar.markdown(counter_text)
    bar.button(t("exp.next", lang), icon=":material/arrow_forward:", key="pres_next", disabled=index == total - 1,
               on_click=go_to, args=(index + 1,))
    bar.button(t("exp.dark", lang), icon=":material/dark_mode:", key="pres_dark_full",
               on_click=set_flag, args=("dark", not dark), type="primary" if dark else "secondary")
    bar.button(t("exp.fullscreen_exit", lang), icon=":material/close_fullscreen:", key="pres_full_exit",
               on_click=set_flag, args=("full", False))
else:
    controls[1].button(t("exp.prev", lang), icon=":material/arrow_back:", key="pres_prev", disabled=index == 0,
                       on_click=go_to, args=(index - 1,), width="stretch")
    controls[2].markdown(counter_text)
    controls[3].button(t("exp.next", lang), icon=":material/arrow_forward:", key="pres_next",
                       disabled=index == total - 1, on_click=go_to, args=(index + 1,), width="stretch")
    with controls[4]:
        bound_checkbox(st, "dark", t("exp.dark", lang), t("exp.dark_help", lang))
    options = st.columns([1.2, 1.6, 2.1, 2.1], vertical_alignment="center")
    options[0].button(t("exp.fullscreen", lang), icon=":material/fullscreen:", key="pres_full",
                      help=t("exp.fullscreen_help", lang), on_click=set_flag, args=("full", True), width="stretch")
    bound_checkbox(options[1], "own_targets", t("exp.own_targets", lang), t("exp.own_targets_help", lang))
    if synthetic:
        bound_checkbox(options[2], "demo", t("exp.demo_include", lang), t("exp.demo_include_help", lang))
    options[3].caption(t("exp.keys_hint", lang))
st.query_params["slide"] = str(index + 1)

# The title and the lines under the chart are page text, which wraps on a phone; the figure holds the chart
# only (the PNG/SVG/PowerPoint files keep everything in the picture).
slide = the_deck.slides[index]
# a map slide without boundaries shows bars: the lines say why, and credit no boundaries
lines = deck.slide_lines(the_deck, slide, map_drawn=geojson is not None, reason=t("exp.reason_no_boundaries", lang),
                         marker_key=not full)
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
    height = (presenter.full_chart_height(slide.title, lines, synthetic=slide.synthetic) if full
              else TREND_HEIGHT if slide.kind == "trend" else MAP_HEIGHT if slide.kind == "map" else CHART_HEIGHT)
    look = deck.Look(height=height, font_size=20, dark=dark, page=True, wide=full)
    st.plotly_chart(deck.slide_figure(the_deck, index, look, geojson=geojson, label_points=labels),
                    config=presenter.SLIDE_CONFIG, key="pres_chart", theme=None)  # the slide's own type sizes and colours
text_block("kp2s-slide-lines", lines)
if full:
    st.stop()  # full screen: the slide only; files and options are on the page outside it
if the_deck.demo_left_out:
    st.caption(t("exp.demo_left_out", lang, n=the_deck.demo_left_out))

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
