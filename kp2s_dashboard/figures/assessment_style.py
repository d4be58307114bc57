"""What the assessment figures share: the score colour scale
(:data:`SCORE_SCALE`, light = low, dark = high, different from the
prevalence classes; a missing score is grey,
:data:`~kp2s_dashboard.prevalence.classes.NO_DATA_COLOUR`), the highlight
and bar colours, :func:`score_colour`, the sample-data mark and source line
drawn inside each figure (:func:`_mark`), the districts' order and the
number text of a score. No Streamlit.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from kp2s_dashboard.prevalence.classes import NO_DATA_COLOUR
from kp2s_dashboard.i18n import fmt_number, t
from kp2s_dashboard.regions import registry

#: Sequential colour scale for scores 0–100 (ColorBrewer YlGnBu without its
#: palest step, so low scores stay distinct from the grey of "no data").
SCORE_SCALE: list[list] = [
    [0.0, "rgb(237,248,177)"],
    [0.15, "rgb(199,233,180)"],
    [0.3, "rgb(127,205,187)"],
    [0.45, "rgb(65,182,196)"],
    [0.6, "rgb(29,145,192)"],
    [0.75, "rgb(34,94,168)"],
    [0.9, "rgb(37,52,148)"],
    [1.0, "rgb(8,29,88)"],
]
HIGHLIGHT = "#d35400"
BAR = "rgb(29,145,192)"
BAR_MUTED = "rgb(160,200,220)"
#: Heatmap cells from this score on get white text (the scale is dark there).
DARK_FROM = 60.0
#: A source line longer than this is cut in two at its first `` · `` (files, then the assessment year).
SOURCE_LINE_CHARS = 100


def score_colour(value: float, low: float = 0.0, high: float = 100.0) -> str:
    """The colour of ``value`` on :data:`SCORE_SCALE` between ``low`` and
    ``high`` (grey for NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA_COLOUR
    span = high - low if high > low else 1.0
    position = min(max((float(value) - low) / span, 0.0), 1.0)
    return sample_colorscale(SCORE_SCALE, [position])[0]


def _mark(fig: go.Figure, lang: str, synthetic: bool, source: str | None, below_px: int = 58) -> None:
    """Synthetic mark (as the figure's title, top right) and the source line
    ``below_px`` pixels under the plotting area (below the axis title).

    ``source`` is what the page says the figures come from (the files and
    the assessment year, :func:`kp2s_dashboard.assessment.labels.source_text`);
    both marks are inside the figure, so the chart toolbar's PNG keeps them.
    A source longer than :data:`SOURCE_LINE_CHARS` takes two lines (the
    bottom margin grows by one line)."""
    if synthetic:
        fig.update_layout(
            title={"text": f"<b>{t('asm.fig.synthetic_mark', lang)}</b>", "x": 0.99, "xanchor": "right",
                   "y": 0.995, "yanchor": "top", "font": {"size": 13, "color": "#b03a2e"}},
        )
    if source:
        text = t("asm.fig.source", lang, files=source)
        if len(text) > SOURCE_LINE_CHARS and " · " in text:
            head, tail = text.split(" · ", 1)
            text = f"{head}<br>{tail}"
            fig.update_layout(margin={"b": (fig.layout.margin.b or 0) + 16})
        fig.add_annotation(
            text=text,
            xref="paper", yref="paper", x=0, y=0, yshift=-below_px, showarrow=False, xanchor="left", yanchor="top",
            font={"size": 12, "color": "#555555"},
        )


def _district_order(codes) -> list[str]:
    order = registry().district_codes()
    present = set(codes)
    return [c for c in order if c in present]


def _fmt(value: object, lang: str, decimals: int = 1) -> str:
    if value is None or pd.isna(value):
        return "–"
    return fmt_number(float(value), lang, decimals)


def action_label(action: int, short_names: dict[int, str] | None, lang: str, wrap: int | None = 11) -> str:
    """Axis label of an action: ``"4. Perbup/Perwal"`` from the instrument's
    short name (``short_names``, :func:`~kp2s_dashboard.assessment.labels.action_names`
    with ``short=True``), broken with ``<br>`` into lines of about ``wrap``
    characters (None: one line); ``"Aksi 4"`` when no name is known."""
    name = (short_names or {}).get(int(action), "")
    if not name:
        return t("asm.action_n", lang, n=int(action))
    text = f"{int(action)}. {name}"
    if wrap is None:
        return text
    words = text.split(" ")
    lines, line = [], " ".join(words[:2])  # the number stays with the first word
    for word in words[2:]:
        if line and len(line) + 1 + len(word) > wrap:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)
