"""The deck's model: what a slide deck holds, as plain data.

:class:`Deck` (one region's slides, language and export date),
:class:`Slide` (one slide: title, source line, notes, chart data),
:class:`TrendSeries` (one line of the trend slide), the slide kinds in order
(:data:`SLIDE_KINDS`) and the colours the slide figures and the PowerPoint
share. The slides are built by :func:`kp2s_dashboard.export.deck.build_deck`.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import Any

from kp2s_dashboard.figures import prevalence as figures
from kp2s_dashboard.export.tables import exported_line
from kp2s_dashboard.i18n import t
from kp2s_dashboard.prevalence.classes import COLOURS
from kp2s_dashboard.regions import PROVINCE_CODE, registry

SLIDE_KINDS = ("title", "map", "trend", "actions", "ranking", "recommendations")

#: Colours of the regions' lines (focus first), as on the Tren page.
LINE_COLOURS = figures.REGION_COLOURS
#: Colour of the focus district's bar in rankings; other bars are grey.
FOCUS_COLOUR = "#1f4e79"
OTHER_COLOUR = "#9aa5b1"
PROVINCE_MEAN_COLOUR = "#7f7f7f"
SYNTHETIC_COLOUR = "#b00020"


@dataclass
class TrendSeries:
    """One line of the trend slide.

    ``kind`` is ``survey`` (Riskesdas/SSGBI/SSGI/SKI of one region),
    ``register`` (e-PPGBM of one region) or ``target`` (one plan's targets).
    ``years`` (int) and ``values`` (float, percent 0–100) pair up;
    ``sources`` names each point's survey (``ssgi`` …) or is the target
    label; ``colour`` is a ``#rrggbb`` string; ``conflict`` (targets) marks
    each point whose figure conflicts with another source's (empty: none).
    """

    name: str
    kind: str
    code: str
    years: list[int]
    values: list[float]
    sources: list[str]
    colour: str
    conflict: list[bool] = field(default_factory=list)

    def value_in(self, year: int) -> float | None:
        """The value for ``year``, or ``None``."""
        for y, v in zip(self.years, self.values):
            if y == year:
                return v
        return None


@dataclass
class Slide:
    """One slide.

    Attributes:
        kind: one of :data:`SLIDE_KINDS`.
        title, subtitle: headline text in the deck's language.
        source: the source line shown on the slide (``Sumber: …``).
        urls: links behind the figures (speaker notes of the PowerPoint).
        notes: short lines shown under the chart (caveats, fallbacks).
        synthetic: built from sample data; shown with the
            ``asm.synthetic_banner`` label.
        empty: when set, there is nothing to chart and this says why.
        data: what the chart needs; see :func:`build_deck` per kind.
    """

    kind: str
    title: str
    subtitle: str = ""
    source: str = ""
    urls: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    synthetic: bool = False
    empty: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Deck:
    """The slides for one region (``code``: a district, or ``"63"`` for the
    province), in ``lang``, exported on ``exported``; ``demo_left_out``
    counts the sample-data slides that were left out."""

    code: str
    lang: str
    exported: _dt.date
    slides: list[Slide]
    #: How many assessment slides built from sample data were left out
    #: (``build_deck(include_demo=False)``, the default); 0 when none.
    demo_left_out: int = 0

    @property
    def footer(self) -> str:
        """``Diekspor 30 November 2025 dari KP2S Dashboard``."""
        return exported_line(self.exported, self.lang)

    @property
    def region_name(self) -> str:
        """``Kabupaten Tapin`` or ``Provinsi Kalimantan Selatan``."""
        return region_title(self.code, self.lang)

    def file_stem(self) -> str:
        """File name without suffix: ``kp2s_tapin_2025-11-30``."""
        short = registry().get(self.code).short_name if self.code != PROVINCE_CODE else "kalsel"
        slug = "".join(c if c.isalnum() else "_" for c in short.lower()).strip("_")
        return f"kp2s_{slug}_{self.exported.isoformat()}"

    def kinds(self) -> list[str]:
        """The kinds of the slides, in order."""
        return [s.kind for s in self.slides]


def lighter(colour: str, share: float = 0.55) -> str:
    """``colour`` (``#rrggbb``) mixed with ``share`` of white."""
    rgb = [int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in rgb)


def class_bar_colours(codes, klasses, selected: str | None) -> list[str]:
    """Colours of the map slide's bars: each district's class colour
    (:data:`kp2s_dashboard.prevalence.classes.COLOURS`); with a district
    ``selected`` (a district's deck) the others lighter (:func:`lighter`),
    so the chosen one stands out and every bar keeps its class."""
    return [COLOURS[k] if selected is None or c == selected else lighter(COLOURS[k]) for c, k in zip(codes, klasses)]


def source_line(slide: Slide, map_drawn: bool) -> str:
    """The slide's source line as shown: a ``map`` slide credits the
    boundaries (``data["credit"]``) only when its map is drawn; the bars that
    stand in for it use no boundaries and credit none."""
    credit = slide.data.get("credit", "") if slide.kind == "map" and map_drawn else ""
    return f"{slide.source} {credit}".strip()


def map_missing_note(slide: Slide, map_drawn: bool, reason: str, lang: str) -> str:
    """Why a ``map`` slide shows bars instead of its map
    (``exp.map_bars_note`` with ``reason``, e.g. "tanpa berkas batas
    wilayah"), or ``""`` when the map is drawn, the slide is not a map slide
    or it has no data."""
    if slide.kind != "map" or slide.empty or map_drawn:
        return ""
    return t("exp.map_bars_note", lang, reason=reason or t("exp.reason_no_boundaries", lang))


def slide_lines(deck: Deck, slide: Slide, *, map_drawn: bool = True, reason: str = "",
                marker_key: bool = False) -> list[str]:
    """The lines under a slide's chart, as the page, the picture files and
    the PowerPoint write them: the slide's notes, why its map is missing
    (:func:`map_missing_note`), the source line (:func:`source_line`) and
    the export date. ``map_drawn`` says whether the map slide's map is drawn;
    ``reason`` why not (in the deck's language). ``marker_key`` puts the
    key of the survey markers first on a trend slide (the page's normal
    view, whose legend leaves it out to stay short on a phone)."""
    missing = map_missing_note(slide, map_drawn, reason, deck.lang)
    key = t("exp.survey_markers_page", deck.lang) if marker_key and slide.kind == "trend" and not slide.empty else ""
    return [line for line in (key, *slide.notes, missing, source_line(slide, map_drawn), deck.footer) if line]


def region_title(code: str, lang: str) -> str:
    """``Kabupaten Tapin``, ``Kota Banjarmasin`` or ``Provinsi Kalimantan Selatan``."""
    if code == PROVINCE_CODE:
        return t("exp.province_name", lang)
    return registry().get(code).name


def _unique(values) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        v = "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).strip()
        if v and v not in out:
            out.append(v)
    return tuple(out)

