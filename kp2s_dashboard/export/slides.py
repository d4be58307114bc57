"""PowerPoint export of a :class:`~kp2s_dashboard.export.deck.Deck` (python-pptx).

One click gives a 16:9 deck for a district or the province: title slide,
map, trend with targets, action breakdown, ranking. Charts are *native*
PowerPoint charts (editable, their data in the embedded workbook): line
charts for the trend — the survey series, the e-PPGBM series (a separate
chart below, on its own axis, as on the Tren page) and one series per
target — and bar charts for the actions and the ranking. Data labels are
written as text in the deck's language (``24,6%`` in Indonesian, ``24.6%``
in English) so they do not depend on the viewer's Office locale; axes use
whole numbers.

The map is a picture drawn by the browser engine of
:func:`kp2s_dashboard.export.tables.image_engine` when there is one and the
boundaries are known; otherwise it becomes a native bar chart of the
districts' values in their class colours, with a note saying why.

Every slide carries the slide's source line and the export date; the
links behind the figures are in the speaker notes. Assessment slides made
from sample data carry the red label "Data contoh — bukan hasil resmi".
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from kp2s_dashboard.export import deck_model as deck_mod
from kp2s_dashboard.export.chart_data import CategoryChartData
from kp2s_dashboard.figures import prevalence as figures
from kp2s_dashboard.figures.prevalence import FLAG_COLOUR as FLAG_RING
from kp2s_dashboard.prevalence.classes import CLASS_KEYS, classify
from kp2s_dashboard.export.deck_model import Deck, Slide
from kp2s_dashboard.i18n import fmt_number, fmt_pct, t

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_TOP = Inches(1.25)
FOOTER_TOP = Inches(6.72)
INK = RGBColor(0x11, 0x11, 0x11)
MUTED = RGBColor(0x44, 0x44, 0x44)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
FONT = "Arial"

#: Marker of each survey in the trend chart (as the Tren page's shapes).
SURVEY_MARKERS = {
    "riskesdas": XL_MARKER_STYLE.TRIANGLE,
    "ssgbi": XL_MARKER_STYLE.DIAMOND,
    "ssgi": XL_MARKER_STYLE.CIRCLE,
    "ski": XL_MARKER_STYLE.SQUARE,
    "eppgbm": XL_MARKER_STYLE.X,
}
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#")[:6].upper())


# -----------------------------------------------------------------------------
# text helpers
# -----------------------------------------------------------------------------
def _text(slide, left, top, width, height, lines: list[tuple[str, dict[str, Any]]], *, anchor=MSO_ANCHOR.TOP,
          fill: str | None = None):
    """A text box; ``lines`` are ``(text, style)`` with style keys ``size``
    (pt), ``bold``, ``colour`` (RGBColor), ``align`` (PP_ALIGN)."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.08)
    frame.margin_top = frame.margin_bottom = Inches(0.04)
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb(fill)
    for i, (text, style) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = style.get("align", PP_ALIGN.LEFT)
        run = paragraph.add_run()
        run.text = text
        run.font.name = FONT
        run.font.size = Pt(style.get("size", 14))
        run.font.bold = bool(style.get("bold", False))
        run.font.color.rgb = style.get("colour", INK)
    return box


def _title(pslide, text: str, top, width) -> None:
    """The slide's title in the layout's title placeholder (the outline, the
    screen reader and the accessibility check find it there), placed and
    styled as the deck's other text."""
    shape = pslide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, top, width, Inches(0.9)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = Inches(0.08)
    frame.margin_top = frame.margin_bottom = Inches(0.04)
    frame.text = text
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    font = paragraph.runs[0].font
    # the largest type up to 26 pt at which the title fits on one line of ``width`` (about 0.55 em a character),
    # never below 18 pt (two lines then)
    fits = int(width / 12700 / (max(len(text), 1) * 0.55))  # EMU -> pt
    font.name, font.size, font.bold = FONT, Pt(min(26, max(18, fits))), True
    font.color.rgb = INK


#: The proofing language of the deck's text by deck language (the runs'
#: ``lang`` attribute, which spell checkers and screen readers use).
PROOF_LANG = {"id": "id-ID", "en": "en-US"}
_TEXT_TAGS = ("a:rPr", "a:endParaRPr", "a:defRPr")


def _proof_language(element, lang: str) -> None:
    """Mark every run, paragraph end and default run property under
    ``element`` (a slide, notes slide or chart XML tree) as ``lang``
    (``id-ID``/``en-US``); runs without properties get them."""
    for run in element.iter(qn("a:r")):
        if run.find(qn("a:rPr")) is None:
            run.insert(0, run.makeelement(qn("a:rPr"), {}))
    for tag in _TEXT_TAGS:
        for node in element.iter(qn(tag)):
            node.set("lang", lang)


def _chrome(pslide, slide: Slide, deck: Deck, number: int, *, map_drawn: bool = True, reason: str = "") -> None:
    """Title, sample-data label, notes, source line, export date, speaker
    notes. The map slide credits the boundaries only when its map is drawn
    (``map_drawn``); else its speaker notes say why not (``reason``), and
    the title slide's speaker notes, the deck's overview, say that the map
    was left out (``exp.map_left_out_overview``)."""
    banner_width = Inches(4.4) if slide.synthetic else 0
    _title(pslide, slide.title, Inches(0.3), SLIDE_WIDTH - 2 * MARGIN - banner_width)
    if slide.synthetic:
        _text(pslide, SLIDE_WIDTH - MARGIN - banner_width + Inches(0.1), Inches(0.42), banner_width - Inches(0.1),
              Inches(0.55), [(t("asm.synthetic_banner", deck.lang), {"size": 15, "bold": True, "colour": WHITE,
                                                                      "align": PP_ALIGN.CENTER})],
              anchor=MSO_ANCHOR.MIDDLE, fill=deck_mod.SYNTHETIC_COLOUR)
    if slide.notes:
        _text(pslide, MARGIN, FOOTER_TOP - _notes_height(slide), SLIDE_WIDTH - 2 * MARGIN, _notes_height(slide),
              [(" ".join(slide.notes), {"size": 11, "colour": MUTED})], anchor=MSO_ANCHOR.BOTTOM)
    footer = f"{deck.footer} · {number}/{len(deck.slides)}"
    source = deck_mod.source_line(slide, map_drawn)
    _text(pslide, MARGIN, FOOTER_TOP, SLIDE_WIDTH - 2 * MARGIN, Inches(0.7),
          [(source, {"size": 10, "colour": MUTED}), (footer, {"size": 10, "colour": MUTED})])
    notes = [slide.title, source, deck.footer]
    missing = deck_mod.map_missing_note(slide, map_drawn, reason, deck.lang)
    if missing:
        notes.insert(1, missing)
    if slide.kind == "title" and not map_drawn:  # the overview: what this deck leaves out, and why
        gone = next(((i, s) for i, s in enumerate(deck.slides, start=1)
                     if deck_mod.map_missing_note(s, False, reason, deck.lang)), None)
        if gone is not None:
            notes.insert(1, t("exp.map_left_out_overview", deck.lang, n=gone[0],
                              reason=reason or t("exp.reason_no_boundaries", deck.lang)))
    if slide.urls:
        notes.append(t("exp.speaker_sources", deck.lang))
        notes.extend(slide.urls)
    pslide.notes_slide.notes_text_frame.text = "\n".join(notes)


# -----------------------------------------------------------------------------
# chart helpers
# -----------------------------------------------------------------------------
def _style_chart(chart, *, legend: bool, font_size: int = 14) -> None:
    chart.font.size = Pt(font_size)
    chart.font.name = FONT
    chart.font.color.rgb = INK
    chart.has_title = False
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(font_size - 1)


def _value_axis(chart, title: str, *, maximum: float | None = None) -> None:
    axis = chart.value_axis
    axis.minimum_scale = 0
    if maximum is not None:
        axis.maximum_scale = maximum
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = RGBColor(0xDD, 0xDD, 0xDD)
    axis.tick_labels.number_format = "0"
    axis.tick_labels.number_format_is_linked = False
    axis.has_title = True
    axis.axis_title.text_frame.text = title
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(13)
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False


def _label(point, text: str, *, position=None, size: int = 12, colour: RGBColor = INK, bold: bool = False) -> None:
    """A data label written as text (language-correct decimals)."""
    label = point.data_label
    frame = label.text_frame
    frame.text = text
    frame._txBody.bodyPr.set("wrap", "none")  # "12,3%" on one line
    run = frame.paragraphs[0].runs[0]
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = colour
    if position is not None:
        label.position = position


def _span_gaps(chart) -> None:
    """Draw a line across years without a value (surveys are not yearly)."""
    element = chart._chartSpace.chart.find(qn("c:dispBlanksAs"))
    if element is None:
        element = chart._chartSpace.chart.makeelement(qn("c:dispBlanksAs"), {})
        chart._chartSpace.chart.append(element)
    element.set("val", "span")


def _line_series_style(series, colour: str, *, dash: bool = False, line: bool = True, width: float = 3.0,
                       marker=XL_MARKER_STYLE.CIRCLE, marker_size: int = 9) -> None:
    series.smooth = False
    fmt = series.format.line
    if line:
        fmt.color.rgb = _rgb(colour)
        fmt.width = Pt(width)
        if dash:
            fmt.dash_style = MSO_LINE_DASH_STYLE.DASH
    else:
        fmt.fill.background()
    series.marker.style = marker
    series.marker.size = marker_size
    series.marker.format.fill.solid()
    series.marker.format.fill.fore_color.rgb = _rgb(colour)
    series.marker.format.line.color.rgb = _rgb(colour)


# -----------------------------------------------------------------------------
# slides
# -----------------------------------------------------------------------------
def _title_slide(pslide, slide: Slide, deck: Deck) -> None:
    items = slide.data.get("figures", [])
    _text(pslide, MARGIN, Inches(1.3), SLIDE_WIDTH - 2 * MARGIN, Inches(0.8),
          [(slide.subtitle, {"size": 18, "colour": MUTED})])
    if not items:
        return
    gap = Inches(0.25)
    width = int((SLIDE_WIDTH - 2 * MARGIN - gap * (len(items) - 1)) / len(items))
    for i, item in enumerate(items):
        left = MARGIN + i * (width + gap)
        box = _text(pslide, left, Inches(2.6), width, Inches(2.4), [
            (item["value"], {"size": 44, "bold": True, "align": PP_ALIGN.CENTER}),
            (item["label"], {"size": 16, "bold": True, "align": PP_ALIGN.CENTER}),
            (item["detail"], {"size": 14, "colour": MUTED, "align": PP_ALIGN.CENTER}),
        ], anchor=MSO_ANCHOR.MIDDLE, fill="#f2f4f7")
        box.line.color.rgb = RGBColor(0xD0, 0xD5, 0xDD)


def _empty(pslide, slide: Slide) -> None:
    _text(pslide, MARGIN, Inches(3.0), SLIDE_WIDTH - 2 * MARGIN, Inches(1.0),
          [(slide.empty, {"size": 20, "colour": MUTED, "align": PP_ALIGN.CENTER})], anchor=MSO_ANCHOR.MIDDLE)


def _notes_height(slide: Slide) -> int:
    """Height (EMU) of the notes above the source line: as many lines of
    11 pt as the notes need on the slide's width (about 150 characters a
    line), so they never run into the source line or the chart."""
    if not slide.notes:
        return 0
    per_line = int((SLIDE_WIDTH - 2 * MARGIN - Inches(0.16)) / 12700 / (11 * 0.5))
    text = " ".join(slide.notes)
    lines = max(1, -(-len(text) // per_line))
    return Inches(0.1 + 0.2 * lines)


def _content_box(slide: Slide) -> tuple[int, int, int, int]:
    bottom = FOOTER_TOP - (_notes_height(slide) + Inches(0.05) if slide.notes else Inches(0.1))
    return MARGIN, CONTENT_TOP, SLIDE_WIDTH - 2 * MARGIN, bottom - CONTENT_TOP


def _map_slide(pslide, slide: Slide, deck: Deck, image: bytes | None, reason: str) -> None:
    """The map picture over the content box's full height on the left and
    the districts ranked by value beside it (a native bar chart in class
    colours, editable); without a picture the ranking alone, with a note
    naming ``reason``."""
    left, top, width, height = _content_box(slide)
    if image is not None:
        half = int(width * 0.5)
        picture = pslide.shapes.add_picture(io.BytesIO(image), left, top, height=height)
        if picture.width > half:  # keep the aspect ratio inside the left half
            ratio = half / picture.width
            picture.width, picture.height = int(half), int(picture.height * ratio)
        picture.left = int(left + (half - picture.width) / 2)
        _ranking_chart(pslide, slide, deck, (left + half + Inches(0.2), top, width - half - Inches(0.2), height))
        return
    note_height = Inches(0.5)
    table = _ranking_chart(pslide, slide, deck, (left, top, width, height - note_height))
    present = [k for k in CLASS_KEYS if k in set(classify(table["value_pct"]))]
    legend = " · ".join(t(f"class.{k}", deck.lang) for k in present)
    _text(pslide, left, top + height - note_height, width, note_height,
          [(t("exp.map_bars_note", deck.lang, reason=reason) + " " + legend, {"size": 12, "colour": MUTED})])


def _ranking_chart(pslide, slide: Slide, deck: Deck, box) -> pd.DataFrame:
    """The map slide's districts as horizontal bars, highest first, in
    class colours with their values; in a district's deck the chosen
    district (``data["selected"]``) keeps its class colour, outlined, with
    its value in bold, and the others are lighter
    (:func:`~kp2s_dashboard.export.deck_model.class_bar_colours`, as on the
    page). Returns the rows drawn."""
    left, top, width, height = box
    table = slide.data["table"].dropna(subset=["value_pct"]).sort_values(["value_pct", "name"], ascending=[False, True])
    selected = slide.data.get("selected")
    colours = deck_mod.class_bar_colours(table["code"], classify(table["value_pct"]), selected)
    data = CategoryChartData(number_format="0.0")
    data.categories = [f"{i}. {name}" for i, name in enumerate(table["name"], start=1)]  # the map's numbers
    data.add_series(t("trend.axis_pct", deck.lang), [float(v) for v in table["value_pct"]])
    frame = pslide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, height, data)
    chart = frame.chart
    _style_chart(chart, legend=False)
    chart.category_axis.reverse_order = True
    chart.plots[0].gap_width = 40
    _value_axis(chart, t("trend.axis_pct", deck.lang))
    series = chart.plots[0].series[0]
    for i, (value, colour, code) in enumerate(zip(table["value_pct"], colours, table["code"])):
        point = series.points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(colour)
        chosen = code == selected
        if chosen:
            point.format.line.color.rgb = INK
            point.format.line.width = Pt(2.5)
        _label(point, fmt_pct(float(value), deck.lang), position=XL_LABEL_POSITION.OUTSIDE_END, bold=chosen)
    return table


def _trend_chart(pslide, series_list, years, deck: Deck, box, *, axis_title: str, with_labels: bool,
                 legend: bool = True, flags: frozenset | set = frozenset()) -> Any:
    """Native line chart of ``series_list`` over ``years``; a survey point in
    ``flags`` (``(code, year)`` reached by an implausible change) gets an
    orange ring and a "⚠" before its value, as the page's figure does."""
    left, top, width, height = box
    data = CategoryChartData(number_format="0.0")
    data.categories = [str(y) for y in years]
    for s in series_list:
        data.add_series(s.name, [s.value_in(y) for y in years])
    frame = pslide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, left, top, width, height, data)
    chart = frame.chart
    _style_chart(chart, legend=legend, font_size=13)
    if legend:  # on top, so stacked charts keep the same plot width and the years line up
        chart.legend.position = XL_LEGEND_POSITION.TOP
    _span_gaps(chart)
    _value_axis(chart, axis_title)
    chart.category_axis.tick_labels.font.size = Pt(12)
    for s, series in zip(series_list, chart.plots[0].series):
        focus = s.code == deck.code
        if s.kind == "target":
            _line_series_style(series, s.colour, line=False, marker=XL_MARKER_STYLE.STAR, marker_size=13)
        else:
            _line_series_style(series, s.colour, dash=s.kind == "register", width=3.5 if focus else 2.25,
                               marker=SURVEY_MARKERS.get(s.sources[0], XL_MARKER_STYLE.CIRCLE),
                               marker_size=10 if focus else 8)
        last = None  # (category index, value, position) of the last labelled point of this series
        for y, v, src in zip(s.years, s.values, s.sources):
            point = series.points[years.index(y)]
            if s.kind != "target":
                point.marker.style = SURVEY_MARKERS.get(src, XL_MARKER_STYLE.CIRCLE)
            flagged = s.kind == "survey" and (s.code, y) in flags
            if flagged:
                point.marker.size = 16
                point.marker.format.fill.solid()
                point.marker.format.fill.fore_color.rgb = _rgb(FLAG_RING)
                point.marker.format.line.color.rgb = _rgb(FLAG_RING)
                point.marker.format.line.width = Pt(3)
            if s.kind != "target" and ((with_labels and focus) or flagged):  # targets: in the side list
                position = label_position(last, years.index(y), float(v))
                _label(point, ("⚠ " if flagged else "") + fmt_pct(v, deck.lang), position=position,
                       colour=INK, size=12, bold=focus)
                last = (years.index(y), float(v), position)
    return chart


def label_position(last: tuple[int, float, object] | None, index: int, value: float) -> object:
    """Where a trend point's value label goes: above the point, or below it
    when the point just before it (``last``: category index, value in
    percent, position) is in the next category, within 4 percentage points
    and labelled above, so that two labels of a flat stretch never run into
    each other (Tapin 2022 14,5 % and 2023 14,4 %)."""
    if last is not None and index - last[0] == 1 and abs(value - last[1]) < 4 and last[2] == XL_LABEL_POSITION.ABOVE:
        return XL_LABEL_POSITION.BELOW
    return XL_LABEL_POSITION.ABOVE


#: Width of the list of the targets' values beside the trend charts.
TARGET_LIST_WIDTH = Inches(2.3)


def _target_list(pslide, targets, deck: Deck, box) -> None:
    """The targets' values beside the trend charts, one plan after another
    in its colour (``Perpres 72/2021`` then ``2024: 14,0%``, ``⚠`` for a
    conflicting figure): written beside their markers they overprinted each
    other and the lines where several plans set targets for 2022–2025."""
    left, top, width, height = box
    lines: list[tuple[str, dict[str, Any]]] = [(t("trend.legend_targets", deck.lang), {"size": 12, "bold": True})]
    for s in targets:
        lines.append((s.sources[0], {"size": 11, "bold": True, "colour": _rgb(s.colour)}))
        conflict = s.conflict or [False] * len(s.years)
        lines += [(figures.target_text(y, v, c, deck.lang), {"size": 11, "colour": _rgb(s.colour)})
                  for y, v, c in zip(s.years, s.values, conflict)]
    box = _text(pslide, left, top, width, height, lines)
    box.name = "target_list"


def _trend_slide(pslide, slide: Slide, deck: Deck) -> None:
    left, top, width, height = _content_box(slide)
    years = slide.data["years"]
    upper = [s for s in slide.data["series"] if s.kind in ("survey", "target")]
    lower = [s for s in slide.data["series"] if s.kind == "register"]
    marker_key = Inches(0.3)
    height -= marker_key
    _text(pslide, left, top + height, width, marker_key,
          [(t("exp.survey_markers", deck.lang), {"size": 11, "colour": MUTED})])
    upper_height = int(height * (0.64 if lower else 1.0))
    targets = [s for s in upper if s.kind == "target"]
    if targets:  # their values in a list beside both charts (which keep one width: the years line up)
        width -= TARGET_LIST_WIDTH
        _target_list(pslide, targets, deck, (left + width, top + Inches(0.1), TARGET_LIST_WIDTH, height))
    _trend_chart(pslide, upper, years, deck, (left, top, width, upper_height),
                 axis_title=t("trend.axis_pct", deck.lang), with_labels=True, flags=slide.data.get("flags", set()))
    if lower:
        _text(pslide, left, top + upper_height, width, Inches(0.3),
              [(t("trend.panel_register", deck.lang), {"size": 12, "bold": True, "colour": MUTED})])
        _trend_chart(pslide, lower, years, deck, (left, top + upper_height + Inches(0.3), width,
                                                   height - upper_height - Inches(0.3)),
                     axis_title="%", with_labels=True)


def _actions_slide(pslide, slide: Slide, deck: Deck) -> None:
    left, top, width, height = _content_box(slide)
    table = slide.data["table"]
    data = CategoryChartData(number_format="0.0")
    data.categories = list(table["label"])
    has_reference = bool(table["reference"].notna().any())
    data.add_series(slide.data["value_name"], [None if pd.isna(v) else float(v) for v in table["value"]])
    if has_reference:
        data.add_series(slide.data["reference_name"], [None if pd.isna(v) else float(v) for v in table["reference"]])
    frame = pslide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, height, data)
    chart = frame.chart
    _style_chart(chart, legend=has_reference, font_size=13)
    if has_reference:
        chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.category_axis.reverse_order = True
    chart.plots[0].gap_width = 60
    chart.plots[0].overlap = -10
    _value_axis(chart, t("exp.score_axis", deck.lang), maximum=100)
    colours = [deck_mod.FOCUS_COLOUR, deck_mod.PROVINCE_MEAN_COLOUR]
    for k, series in enumerate(chart.plots[0].series):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(colours[k])
        values = table["value"] if k == 0 else table["reference"]
        for i, v in enumerate(values):
            if pd.notna(v):
                _label(series.points[i], fmt_number(float(v), deck.lang, 1),
                       position=XL_LABEL_POSITION.OUTSIDE_END, size=12)


def _ranking_slide(pslide, slide: Slide, deck: Deck) -> None:
    left, top, width, height = _content_box(slide)
    table = slide.data["table"]
    decimals = int(slide.data.get("decimals", 2))
    data = CategoryChartData(number_format="0.00")
    data.categories = [f"{int(r)}. {n}" for r, n in zip(table["rank"], table["name"])]
    data.add_series(slide.data["value_name"], [float(v) for v in table["total"]])
    frame = pslide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, height, data)
    chart = frame.chart
    _style_chart(chart, legend=False, font_size=13)
    chart.category_axis.reverse_order = True
    chart.plots[0].gap_width = 35
    _value_axis(chart, slide.data["value_name"])
    series = chart.plots[0].series[0]
    for i, (value, focus) in enumerate(zip(table["total"], table["focus"])):
        point = series.points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(deck_mod.FOCUS_COLOUR if focus else deck_mod.OTHER_COLOUR)
        _label(point, fmt_number(float(value), deck.lang, decimals), position=XL_LABEL_POSITION.OUTSIDE_END,
               size=12, bold=bool(focus))


def _mark_charts(pslide, slide: Slide, deck: Deck) -> None:
    """Sample-data slides: the mark ``asm.synthetic_banner`` also as the
    title inside each native chart, so a chart copied out of the deck
    keeps it."""
    if not slide.synthetic:
        return
    for shape in pslide.shapes:
        if getattr(shape, "has_chart", False):
            chart = shape.chart
            chart.has_title = True
            frame = chart.chart_title.text_frame
            frame.text = f"⚠ {t('asm.synthetic_banner', deck.lang)}"
            font = frame.paragraphs[0].runs[0].font
            font.size, font.bold, font.name = Pt(13), True, FONT
            font.color.rgb = _rgb(deck_mod.SYNTHETIC_COLOUR)


# -----------------------------------------------------------------------------
# the deck
# -----------------------------------------------------------------------------
def map_image(deck: Deck, geojson: dict | None, label_points: pd.DataFrame | None = None) -> tuple[bytes | None, str]:
    """The map slide's choropleth as a PNG for the deck, or ``(None,
    reason)`` when it cannot be drawn (no boundaries, no engine, the engine
    failed). ``reason`` is a short text in the deck's language."""
    from kp2s_dashboard.export import tables as export

    slide = next((s for s in deck.slides if s.kind == "map"), None)
    if slide is None or slide.empty:
        return None, ""
    if geojson is None:
        return None, t("exp.reason_no_boundaries", deck.lang)
    if export.image_engine() is None:
        return None, t("exp.reason_no_engine", deck.lang)
    from kp2s_dashboard.export.deck_figures import map_ranking

    # upright, for the left half of the slide beside the ranking; labelled with the ranking's numbers
    fig = figures.choropleth(slide.data["table"], geojson, deck.lang, selected=slide.data.get("selected"),
                             label_points=None, height=900, font_size=20)
    fig.layout.annotations = ()
    if label_points is not None and len(label_points):
        ranked = map_ranking(slide.data["table"])
        rank_of = dict(zip(ranked["code"], ranked["rank"]))
        points = label_points[label_points["code"].isin(rank_of)]
        fig.add_trace(go.Scattergeo(lon=points["lon"], lat=points["lat"], text=[str(rank_of[c]) for c in points["code"]],
                                    mode="text", textfont={"size": 30, "color": "#111111", "family": figures.FONT},
                                    hoverinfo="skip", showlegend=False))
    fig.update_layout(width=760, margin={"l": 0, "r": 0, "t": 0, "b": 0})
    try:
        return export.figure_image(fig, "png", width=760, height=900, scale=1.5), ""
    except export.ImageEngineError as exc:
        return None, exc.render(deck.lang)


def deck_pptx(deck: Deck, *, map_png: bytes | None = None, map_reason: str = "") -> bytes:
    """``deck`` as .pptx bytes (16:9). ``map_png`` is the map picture (see
    :func:`map_image`); without it the map slide is a native bar chart in
    class colours with a note naming ``map_reason``."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    title_only = prs.slide_layouts[5]  # "Title Only": the title in a title placeholder, nothing else
    proof = PROOF_LANG.get(deck.lang, "id-ID")
    reason = map_reason or t("exp.reason_no_engine", deck.lang)
    for number, slide in enumerate(deck.slides, start=1):
        pslide = prs.slides.add_slide(title_only)
        _chrome(pslide, slide, deck, number, map_drawn=map_png is not None, reason=reason)
        if slide.empty:
            _empty(pslide, slide)
        elif slide.kind == "title":
            _title_slide(pslide, slide, deck)
        elif slide.kind == "map":
            _map_slide(pslide, slide, deck, map_png, reason)
        elif slide.kind == "trend":
            _trend_slide(pslide, slide, deck)
        elif slide.kind == "actions":
            _actions_slide(pslide, slide, deck)
        elif slide.kind == "ranking":
            _ranking_slide(pslide, slide, deck)
        elif slide.kind == "recommendations":
            from kp2s_dashboard.export import deck_recommendations as dr

            dr.draw_pptx(pslide, slide, _content_box(slide), lambda c: _style_chart(c, legend=True, font_size=13))
        _mark_charts(pslide, slide, deck)
        _proof_language(pslide._element, proof)
        _proof_language(pslide.notes_slide._element, proof)
        for shape in pslide.shapes:
            if getattr(shape, "has_chart", False):
                _proof_language(shape.chart._chartSpace, proof)
    prs.core_properties.title = deck.slides[0].title if deck.slides else ""
    prs.core_properties.author = "KP2S Dashboard"
    prs.core_properties.language = proof
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def build_pptx(deck: Deck, geojson: dict | None = None, label_points: pd.DataFrame | None = None, *,
               with_map_image: bool = True) -> bytes:
    """One call for the download button: the map picture when possible
    (:func:`map_image`), then :func:`deck_pptx`."""
    image, reason = map_image(deck, geojson, label_points) if with_map_image else (None, "")
    return deck_pptx(deck, map_png=image, map_reason=reason)


