"""The presenter view's page furniture: its styles (compact, dim room, full
screen) and the keyboard and clicker navigation.

Streamlit has no key events. :func:`slide_keys` puts a small script into the
page (``st.html`` with JavaScript, Streamlit ≥ 1.46) that listens on the
document and clicks the page's own previous/next buttons: ArrowRight,
PageDown and space go forward, ArrowLeft and PageUp back (a presentation
clicker sends PageDown/PageUp). Keys typed into a field (a select box's
search, a text input) are left alone. Clicking the buttons keeps one way to
change slides: the buttons' callbacks write the slide number to the URL.
"""

from __future__ import annotations

import json
import math

import streamlit as st

from kp2s_dashboard.figures.prevalence import PLOTLY_CONFIG

#: Keys that go to the next and to the previous slide (``KeyboardEvent.key``).
NEXT_KEYS = ("ArrowRight", "PageDown", " ", "Spacebar")
PREV_KEYS = ("ArrowLeft", "PageUp")

COMPACT_CSS = """<style>
[data-testid="stElementContainer"]:has([data-testid="stMarkdownContainer"] > style),
[data-testid="stElementContainer"]:has([data-testid="stHtml"] script) {display: none;}
[data-testid="stMainBlockContainer"] {padding-top: 3rem; padding-bottom: 0.5rem;}
.kp2s-slide-title {font-size: clamp(1.25rem, 4.8vw, 1.9rem); font-weight: 700; line-height: 1.2; margin: 0.3rem 0;}
.kp2s-slide-banner {font-size: 1.05rem; font-weight: 700; color: #b00020; margin-bottom: 0.2rem;}
.kp2s-slide-subtitle {font-size: 1.2rem; color: #333333;}
.kp2s-slide-value {font-size: clamp(2.2rem, 9vw, 3.2rem); font-weight: 700; line-height: 1.1; text-align: center;}
.kp2s-slide-label {font-size: 1.05rem; color: #333333; text-align: center; margin-bottom: 0.8rem;}
.kp2s-slide-lines {font-size: 0.85rem; color: #333333; line-height: 1.4; overflow-wrap: anywhere;}
</style>"""

#: Full screen: no sidebar, header or toolbar; the controls are one thin bar.
FULL_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"]
{display: none !important;}
[data-testid="stMainBlockContainer"] {padding: 0.3rem 1.2rem 0.2rem 1.2rem !important; max-width: 100%;}
[data-testid="stAppViewContainer"] > [data-testid="stMain"] {padding-top: 0 !important;}
[data-testid="stMain"] {margin-left: 0 !important;}
.st-key-pres_bar {opacity: 0.35; transition: opacity 0.2s;}
.st-key-pres_bar:hover, .st-key-pres_bar:focus-within {opacity: 1;}
.st-key-pres_bar [data-testid^="stBaseButton"] {min-height: 1.9rem; padding: 0 0.6rem;}
.st-key-pres_bar p {font-size: 0.9rem;}
.kp2s-slide-title {margin: 0.1rem 0; font-size: 2.1rem;}
.kp2s-slide-subtitle {font-size: 1.5rem;}
.kp2s-slide-value {font-size: clamp(2.2rem, 6vw, 5rem); margin-top: 16vh;}
.kp2s-slide-label {font-size: 1.4rem; margin-bottom: 16vh;}
</style>"""

#: The dim-room look of the whole page: main area, sidebar, header, widgets.
DARK_CSS = """<style>
[data-testid="stAppViewContainer"], [data-testid="stHeader"], [data-testid="stMain"], [data-testid="stSidebar"],
[data-testid="stSidebar"] > div, [data-testid="stSidebarContent"], [data-testid="stSidebarHeader"],
[data-testid="stBottomBlockContainer"] {background: #111111 !important;}
[data-testid="stSidebar"] span, [data-testid="stSidebar"] p, [data-testid="stSidebar"] a,
[data-testid="stSidebar"] header, [data-testid="stSidebar"] li {color: #e6e6e6 !important;}
[data-testid="stSidebar"] [data-testid="stSidebarNavLink"][aria-current="page"] {background: #2a2a2a !important;}
[data-testid="stSidebar"] button {background: #2a2a2a !important; border-color: #666666 !important;}
[data-testid="stMain"] [data-testid="stWidgetLabel"] p,
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] strong, .kp2s-slide-title, .kp2s-slide-value
{color: #f2f2f2;}
[data-testid="stSidebar"] [data-testid="stSidebarNavLink"]:hover {background: #2a2a2a;}
.kp2s-slide-subtitle, .kp2s-slide-label, .kp2s-slide-lines {color: #c8c8c8;}
.kp2s-slide-banner {color: #ff6b6b;}
[data-baseweb="select"] > div, [data-baseweb="input"] > div, [data-baseweb="popover"] li,
[data-baseweb="popover"] ul
{background: #2a2a2a !important; color: #f2f2f2 !important; border-color: #666666 !important;}
[data-baseweb="select"] svg {fill: #f2f2f2;}
[data-testid^="stBaseButton"] {background: #2a2a2a; border-color: #666666;}
[data-testid^="stBaseButton"] p, [data-testid^="stBaseButton"] span {color: #f2f2f2;}
[data-testid="stExpander"] details {border-color: #444444;}
[data-testid="stExpander"] summary, [data-testid="stExpander"] summary * {color: #f2f2f2;}
[data-testid="stCheckbox"] p {color: #f2f2f2;}
</style>"""


#: The screen the full screen is fitted to (CSS px): a projector laptop's 1366×768.
#: Plotly's options on a slide: no toolbar (on a projector it only covers the slide's top right corner, where the
#: "DATA CONTOH" mark of a sample-data slide sits); the deck and the PNG downloads are on the page.
SLIDE_CONFIG = {**PLOTLY_CONFIG, "displayModeBar": False}

SCREEN = (1366, 768)
#: Full screen, measured in Chromium at 1366×768: from the window's top to the chart's (padding, the thin bar,
#: one line of title and the gaps), a line of the text under the chart (0.85rem × 1.4), the gap between two
#: blocks, a further title line (2.1rem × 1.2), the sample-data banner, and what is kept free at the bottom.
ABOVE_CHART_PX = 96
TEXT_LINE_PX = 19.5
GAP_PX = 16
TITLE_LINE_PX = 41
BANNER_PX = 41
BOTTOM_PX = 6


def full_chart_height(title: str, lines: list[str], *, synthetic: bool = False, screen: tuple[int, int] = SCREEN,
                      least: int = 320) -> int:
    """Height in px of the slide's chart in full screen such that the thin
    bar, the title, the chart and the ``lines`` under it (notes, source
    line, export date; they wrap) all fit a ``screen`` of (width, height)
    CSS px, the source line never cut at the bottom; at least ``least``.

    The widths of a character (0.52 em) and the heights are those of the
    page's type (:data:`FULL_CSS`, Source Sans at 16 px)."""
    width, height = screen
    usable = width - 2 * 19  # the main block's padding (1.2rem a side)
    per_line = max(20, int(usable / (0.85 * 16 * 0.52)))
    per_title_line = max(10, int(usable / (2.1 * 16 * 0.56)))
    text_lines = sum(max(1, math.ceil(len(line) / per_line)) for line in lines if line)
    title_lines = max(1, math.ceil(len(title) / per_title_line))
    used = (ABOVE_CHART_PX + (title_lines - 1) * TITLE_LINE_PX + (BANNER_PX if synthetic else 0) + GAP_PX
            + math.ceil(text_lines * TEXT_LINE_PX) + BOTTOM_PX)
    return max(least, height - used)


def key_script(prev_key: str, next_key: str) -> str:
    """The ``<script>`` that maps keys to clicks on the buttons whose widget
    keys are ``prev_key`` and ``next_key`` (Streamlit marks each keyed
    element with the class ``st-key-<key>``). Installed once per browser
    tab; a key press on another page finds no button and does nothing."""
    config = json.dumps({"next": list(NEXT_KEYS), "prev": list(PREV_KEYS),
                         "nextButton": f".st-key-{next_key} button", "prevButton": f".st-key-{prev_key} button"})
    return """<script>
(function () {
  const config = %s;
  const root = window;
  if (root.__kp2sSlideKeys) { root.__kp2sSlideKeys = config; return; }
  root.__kp2sSlideKeys = config;
  root.document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
    const target = event.target || {};
    const tag = (target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable) return;
    const c = root.__kp2sSlideKeys;
    const selector = c.next.includes(event.key) ? c.nextButton : (c.prev.includes(event.key) ? c.prevButton : null);
    if (!selector) return;
    const button = root.document.querySelector(selector);
    if (!button) return;  // not the presentation page
    event.preventDefault();
    event.stopPropagation();
    if (!button.disabled) button.click();
    if (root.document.activeElement && root.document.activeElement.blur) root.document.activeElement.blur();
  }, true);
})();
</script>""" % config


def slide_keys(prev_key: str = "pres_prev", next_key: str = "pres_next") -> None:
    """Put :func:`key_script` into the page (takes no room)."""
    st.html(key_script(prev_key, next_key), unsafe_allow_javascript=True, width="content")
