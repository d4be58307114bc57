"""What the progress figures and tables share: status markers and colours,
number formats, :class:`DisplayTable`, and the label texts (status, target,
target choice, percent, region).

Display tables come as :class:`DisplayTable`: the frame with headers in the
page's language (numbers stay numeric, so the table sorts), plus the number
format and help text of each numeric column for the page's
``column_config``. Pure; no Streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import partial

import pandas as pd
from pandas.io.formats.style import Styler

from kp2s_dashboard.i18n import fmt_number, fmt_pct, t
from kp2s_dashboard.prevalence import progress as P
from kp2s_dashboard.regions import PROVINCE_CODE, registry

#: Marker of each status in tables and its colour in tables and figures.
#: Plain symbols (in every common font, unlike emoji), so an offline laptop
#: without an emoji font shows them too; the words carry the meaning.
STATUS_ICONS = {
    P.ON_TRACK: "●",
    P.OFF_TRACK: "●",
    P.NO_PROGRESS: "●",
    P.NOT_ASSESSABLE: "○",
    P.TARGET_YEAR_PASSED: "○",
}
ACHIEVED_ICONS = {True: "✓", False: "✗"}
STATUS_COLOURS = {
    P.ON_TRACK: "#1e8449",
    P.OFF_TRACK: "#d35400",
    P.NO_PROGRESS: "#c0392b",
    P.NOT_ASSESSABLE: "#7f7f7f",
    P.TARGET_YEAR_PASSED: "#555555",
}
OBSERVED_COLOUR = "#1f4e79"
OUT_OF_WINDOW_COLOUR = "#9bb3c9"
FLAG_COLOUR = "#c0392b"
ALT_COLOUR = "#7d3c98"
SURVEY_COLOUR = "#1f4e79"
REGISTER_COLOUR = "#d35400"
GRID = "#eeeeee"
PCT_FORMAT = "%.1f"
RATE_FORMAT = "%.2f"
YEAR_FORMAT = "%d"
#: Format of a figure shown as published (1 decimal, 2 when it has them).
PUB_FORMAT = "pub"


@dataclass(frozen=True)
class DisplayTable:
    """A table ready to show and download.

    ``frame`` has headers in the page's language (numbers numeric, for the
    download); ``formats`` maps numeric headers to a printf format
    (``"%.1f"``) or :data:`PUB_FORMAT` (as published: one decimal, two when
    the figure has them); ``help`` maps headers to a tooltip, ``hidden``
    lists headers kept for the download only, ``colours`` maps a header to
    one CSS colour per row (status columns), ``overrides`` maps a header to
    one text per row that replaces the number on screen (``None`` keeps the
    number), e.g. "sudah di bawah target" for a negative required rate.
    """

    frame: pd.DataFrame
    formats: dict[str, str] = field(default_factory=dict)
    help: dict[str, str] = field(default_factory=dict)
    hidden: tuple[str, ...] = ()
    colours: dict[str, tuple[str, ...]] = field(default_factory=dict)
    overrides: dict[str, tuple[str | None, ...]] = field(default_factory=dict)

    def shown(self, lang: str = "id") -> pd.DataFrame:
        """The frame for the screen. A formatted column that holds a
        missing value or an override becomes text (``–`` for missing, the
        override's words), because Streamlit prints ``None`` for NaN and
        ``<NA>`` even through a Styler formatter; the other number columns
        stay numeric (so they sort by value)."""
        out = self.frame.copy()
        for column, fmt in self.formats.items():
            over = self.overrides.get(column)
            over = over if over and any(o is not None for o in over) else None
            values = self.frame[column]
            if not over and not values.isna().any():
                continue
            texts = [_cell_text(v, lang, fmt) for v in values]
            if over:
                texts = [o if o is not None else x for o, x in zip(over, texts)]
            out[column] = pd.Series(texts, index=out.index, dtype="str")
        return out

    def styled(self, lang: str = "id") -> Styler:
        """:meth:`shown` as a pandas ``Styler``: numbers in the language's
        convention (``22,9`` in Indonesian; years without a thousands
        separator; missing as ``–``) and status text in its colour."""
        frame = self.shown(lang)
        styler = frame.style
        for column, fmt in self.formats.items():
            if pd.api.types.is_numeric_dtype(frame[column]):
                styler = styler.format(partial(_cell_text, lang=lang, fmt=fmt), subset=[column])
            else:
                styler = styler.set_properties(subset=[column], **{"text-align": "right"})
        for column, colours in self.colours.items():
            css = [f"color: {c}" for c in colours]
            styler = styler.apply(lambda _s, css=css: css, subset=[column])
        return styler


def published_decimals(value: float) -> int:
    """Decimals a percentage was published with: 1, or 2 when it has them
    (``10.64`` → 2, ``24.4`` → 1, ``30.0`` → 1)."""
    v = round(float(value), 2)
    return 1 if abs(round(v, 1) - v) < 1e-9 else 2


def _cell_text(value: object, lang: str, fmt: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    if fmt == PUB_FORMAT:
        return fmt_number(float(value), lang, published_decimals(float(value)))
    if not fmt.startswith("%."):
        return str(int(value))
    return fmt_number(float(value), lang, int(fmt[2]))


# -----------------------------------------------------------------------------
# labels
# -----------------------------------------------------------------------------
def status_text(status: str, lang: str = "id", achieved: object = None) -> str:
    """A status as readable text with its marker, e.g. ``● sesuai jalur``.

    For ``target_year_passed`` the observed result replaces the status:
    ``✓ tercapai pada tahun target`` / ``✗ tidak tercapai …`` (``achieved``
    True/False), or ``○ tahun target sudah lewat`` when there is no figure
    for that year.
    """
    if status == P.TARGET_YEAR_PASSED:
        if achieved is True or (achieved is not None and not pd.isna(achieved) and bool(achieved)):
            return ACHIEVED_ICONS[True] + " " + t("prog.achieved.yes", lang)
        if achieved is False or (achieved is not None and not pd.isna(achieved) and not bool(achieved)):
            return ACHIEVED_ICONS[False] + " " + t("prog.achieved.no", lang)
    return f"{STATUS_ICONS.get(status, '')} {P.status_label(status, lang)}".strip()


def status_colour(status: str, achieved: object = None) -> str:
    """CSS colour of a status (for a passed target year: green when met,
    red when not, grey when unknown)."""
    if status == P.TARGET_YEAR_PASSED and achieved is not None and not pd.isna(achieved):
        return STATUS_COLOURS[P.ON_TRACK] if bool(achieved) else STATUS_COLOURS[P.NO_PROGRESS]
    return STATUS_COLOURS.get(status, "#333333")


from kp2s_dashboard.prevalence.targets import target_label  # noqa: E402


def target_tag(target: P.Target, lang: str = "id") -> str:
    """Short name of a target for headers and legends:
    ``RPJMN 2025–2029: 14,2% (2029)``."""
    return t("prog.tgt.tag", lang, label=target_label(target.label, lang), value=pct_text(target.target_pct, lang), year=target.year)


def choice_label(choice: pd.Series | dict, lang: str = "id") -> str:
    """Option text of a row of :func:`kp2s_dashboard.prevalence.progress.target_choices`:
    scope, label, value and year, and ⚠ when the basis is marked as a conflict
    (:func:`kp2s_dashboard.prevalence.progress.conflict_marked`) with the conflicting
    figure when the source records one, e.g. ``Provinsi · BKKBN (RAN-PASTI): 21,51% (2023) ⚠ sumber
    lain: 18,1%``."""
    target = P.Target.from_row(choice)
    text = t(f"prog.scope.{target.scope}", lang) + " · " + target_tag(target, lang)
    alts = (choice.get("alt_pct") if hasattr(choice, "get") else ()) or ()
    marked = choice.get("conflict") if hasattr(choice, "get") else None
    if marked is None:  # a row built without the column: the same rule, on its basis
        marked = P.conflict_marked(choice.get("basis", "") if hasattr(choice, "get") else "")
    if alts:
        text += " ⚠ " + t("prog.tgt.other_source", lang, others=", ".join(pct_text(a, lang) for a in alts))
    elif marked:
        text += " ⚠"
    return text


def pct_text(value: float, lang: str = "id") -> str:
    """Percent with one decimal, or two when the figure has them: ``21,51%``,
    ``14,2%``, ``–`` for NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return fmt_pct(value, lang, published_decimals(value))


def region_label(code: str, lang: str = "id") -> str:
    """Display name of a region; the province is marked as such."""
    name = registry().short_name(code)
    if code == PROVINCE_CODE:
        return t("prog.tgt.province_row", lang, name=registry().get(code).name)
    return name


def _status_plain(status: str, lang: str, achieved: object) -> str:
    """Status words without the emoji (for figure titles)."""
    text = status_text(status, lang, achieved)
    return text.split(" ", 1)[1] if " " in text else text
