"""Value labels that never overprint: the targets' values written in the
right margin of a trend chart, each as near its marker's height as the
others allow (:func:`spread`), and the helpers that place them on a plotly
figure (:func:`margin_labels`). Pure plotly, no Streamlit.

A label beside its marker overprinted the lines and the other plans'
labels where several plans set targets for the same years (Kalimantan
Selatan: BKKBN, Bappeda and Perpres 72/2021 for 2022–2025, issue 15). In the
margin the labels meet no line, and :func:`spread` keeps any two of them at
least one label height apart.
"""

from __future__ import annotations

import plotly.graph_objects as go

#: ``name`` of the margin label annotations (tests and re-placing find them by it).
LABEL_NAME = "target_label"


def spread(values: list[float], gap: float, low: float, high: float) -> list[float]:
    """Positions for labels wanted at ``values`` such that any two are at
    least ``gap`` apart, each as near its wanted value as the others allow,
    inside ``[low, high]`` when they fit (when they do not, they start at
    ``low`` and run past ``high``: apart is what matters).

    Overlapping labels are gathered into blocks centred on the mean of their
    wanted values (the least squared displacement), blocks that then touch
    are merged, and the result is shifted into the range.

    Args:
        values: wanted positions (any unit, e.g. percent on the y axis), any order.
        gap: least distance between two labels, same unit, > 0.
        low, high: the range the labels should stay in.

    Returns:
        Positions in the order of ``values``.
    """
    order = sorted(range(len(values)), key=lambda i: values[i])
    blocks: list[list] = []  # [start, [indices]] with the labels at start, start + gap, ...
    for i in order:
        blocks.append([float(values[i]), [i]])
        while len(blocks) > 1 and blocks[-2][0] + gap * len(blocks[-2][1]) > blocks[-1][0]:
            last = blocks.pop()
            members = blocks[-1][1] + last[1]
            mean = sum(float(values[k]) for k in members) / len(members)
            blocks[-1] = [mean - gap * (len(members) - 1) / 2, members]
    out = [0.0] * len(values)
    for start, members in blocks:
        for k, i in enumerate(members):
            out[i] = start + k * gap
    if out and max(out) > high:  # the whole stack down into the range ...
        out = [v - (max(out) - high) for v in out]
    floor = low  # ... then up from ``low`` what fell below it (pushing the labels above it)
    for i in sorted(range(len(out)), key=lambda k: out[k]):
        out[i] = max(out[i], floor)
        floor = out[i] + gap
    return out


def text_px(text: str, size: int) -> int:
    """Rough width in px of one line of ``text`` at ``size`` px (bold digits
    and ``%`` about 0.58 em)."""
    return int(len(str(text)) * size * 0.58) + 6


def margin_labels(fig: go.Figure, items: list[tuple[float, str, str]], *, panel_px: float, y_max: float,
                  size: int, yref: str = "y") -> int:
    """Write ``items`` (``(value, text, colour)``) in the figure's right
    margin at their values' heights on axis ``yref`` (range ``0``–``y_max``),
    spread (:func:`spread`) so that two labels are at least 1.3 × ``size`` px
    apart on a panel at least ``panel_px`` px high (a lower bound: a taller
    panel only puts them further apart). Earlier margin labels are removed.

    Returns:
        The width in px the labels need right of the plot (0 for none);
        the caller makes the right margin at least that wide.
    """
    kept = [a for a in fig.layout.annotations if a.name != LABEL_NAME]
    fig.layout.annotations = kept
    if not items:
        return 0
    gap = 1.3 * size / max(panel_px, 1.0) * y_max
    ys = spread([v for v, _, _ in items], gap, gap / 2, y_max - gap / 2)
    for (_, text, colour), y in zip(items, ys):
        fig.add_annotation(text=f"<b>{text}</b>", x=1, xref="paper", xanchor="left", xshift=4, y=y, yref=yref,
                           yanchor="middle", showarrow=False, align="left", name=LABEL_NAME,
                           font={"size": size, "color": colour})
    return max(text_px(text, size) for _, text, _ in items) + 8


def label_annotations(fig: go.Figure) -> list:
    """The margin label annotations of ``fig``."""
    return [a for a in fig.layout.annotations if a.name == LABEL_NAME]
