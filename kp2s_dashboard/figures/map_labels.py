"""Which area names fit on a map without covering each other.

Pure: label positions (longitude/latitude), their texts and the areas'
sizes in; one flag per label out. A label is drawn only where its box does
not overlap a label already kept, the largest areas first (they have the
room and are the ones a viewer looks for); an area whose name is left out
still has it in its hover box and in the table beside the map.

The boxes are estimated, not measured: the map's plot area is the figure
height less its margins, and at most :data:`NOMINAL_WIDTH` px wide (the
map column of the page at 1280–1366 px); the ground is projected as the
figure does (Mercator, fitted to the areas' bounds); a character is
:data:`CHAR_WIDTH` × the font size wide and a line 1.25 × its height.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

#: The map column's width assumed when the page's width is not known (px).
NOMINAL_WIDTH = 600
#: Width of an average character of the label font, in font sizes (Source Sans at 11 px ≈ 6 px).
CHAR_WIDTH = 0.56
#: Space kept free around each label (px).
PADDING = 2.0


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    lat = max(min(lat, 85.0), -85.0)
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fitting_labels(
    lons: Sequence[float],
    lats: Sequence[float],
    texts: Sequence[str],
    areas: Sequence[float],
    bounds: tuple[float, float, float, float],
    plot_height: float,
    plot_width: float = NOMINAL_WIDTH,
    font_size: float = 11.0,
) -> list[bool]:
    """Which labels to draw so that none covers another.

    Args:
        lons, lats: label anchors (degrees), one per label; the text is
            centred on its anchor.
        texts: the labels as drawn; ``<br>`` separates lines.
        areas: the size of each label's area (any unit: only the order
            counts; the largest is placed first, ties in the given order).
        bounds: (min lon, min lat, max lon, max lat) the map is fitted to.
        plot_height, plot_width: the map's plot area (px).
        font_size: px.

    Returns:
        One bool per label, True where it is drawn. A label whose anchor is
        not a number is not drawn.

    Raises:
        ValueError: the sequences differ in length.
    """
    n = len(texts)
    if not (len(lons) == len(lats) == len(areas) == n):
        raise ValueError("lons, lats, texts and areas must have one entry per label")
    x0, y0 = _mercator(bounds[0], bounds[1])
    x1, y1 = _mercator(bounds[2], bounds[3])
    span_x, span_y = max(x1 - x0, 1e-12), max(y1 - y0, 1e-12)
    scale = min(plot_width / span_x, plot_height / span_y)  # px per projected unit, as fitbounds does
    boxes: list[tuple[float, float, float, float] | None] = []
    for lon, lat, text in zip(lons, lats, texts):
        if lon is None or lat is None or not (math.isfinite(lon) and math.isfinite(lat)):
            boxes.append(None)
            continue
        x, y = _mercator(lon, lat)
        px, py = (x - x0) * scale, (y1 - y) * scale
        lines = str(text).split("<br>")
        half_w = max(len(line) for line in lines) * CHAR_WIDTH * font_size / 2 + PADDING
        half_h = len(lines) * 1.25 * font_size / 2 + PADDING
        boxes.append((px - half_w, py - half_h, px + half_w, py + half_h))
    keep = [False] * n
    placed: list[tuple[float, float, float, float]] = []
    for i in sorted(range(n), key=lambda k: -areas[k]):
        box = boxes[i]
        if box is None:
            continue
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            continue
        placed.append(box)
        keep[i] = True
    return keep
