"""UI strings in Bahasa Indonesia (default) and English, and number formatting.

Every string a user sees goes through :func:`t` with a key from
:data:`kp2s_dashboard.i18n.catalogue.CATALOGUE`. Numbers and dates are
formatted by Babel with the locale of the language (``id_ID``, ``en``),
never with ``locale.setlocale``, which is process-wide and would leak between
sessions: Indonesian uses a decimal comma and a thousands dot (``24,6``;
``1.234``), English the reverse.

Rounding: a value is rounded by Python's float formatting before Babel
writes it, which is the rounding plotly.js applies to the same value in a
chart's hover (``%{y:.1f}``), so a table and a chart never show one figure
two ways.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import numbers
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from kp2s_dashboard.i18n.catalogue import CATALOGUE

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
#: Babel locale of each UI language.
LOCALES = {"id": "id_ID", "en": "en"}
#: The minus sign (U+2212) of every negative number a user reads, on screen
#: and in documents; CSV/XLSX downloads keep plain numbers.
MINUS = "\u2212"


class _Missing(dict):
    def __missing__(self, key: str) -> str:  # leave unknown placeholders visible
        return "{" + key + "}"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The string ``key`` in ``lang`` with ``params`` filled in.

    Falls back to Indonesian, then to the key itself, so a missing entry is
    visible in the UI rather than an exception (the tests check that every
    key exists in both languages).

    Plurals: an entry whose count is the parameter ``n`` may carry a
    singular form ``en_one`` (``"{n} district is …"``), used when ``n`` is
    1 (an integer, or the text ``"1"``); Indonesian does not inflect, so ``id`` serves every count
    (an ``id_one`` is honoured the same way should one be written).
    """
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    one = entry.get(lang + "_one") if _is_one(params.get("n")) else None
    template = one or entry.get(lang) or entry.get(DEFAULT_LANGUAGE) or key
    return template.format_map(_Missing(params))


def _is_one(count: Any) -> bool:
    """Whether a count parameter is one: the integer 1 (also numpy's) or the
    text ``"1"`` of a count already written out."""
    if isinstance(count, bool):
        return False
    if isinstance(count, numbers.Integral):
        return int(count) == 1
    return isinstance(count, str) and count.strip() == "1"


def quoted(text: object) -> str:
    """``text`` in quotation marks, as written (``“…”``); ``""`` for an
    empty or missing text. A data file's note shown in the other language
    than the UI's is quoted so (:func:`kp2s_dashboard.i18n.notes.source_note`)."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    text = str(text).strip()
    return f"“{text}”" if text else ""


def format_location(location: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """``Location`` as readable text, e.g. ``berkas data.xlsx, lembar 2022, sel C5``."""
    parts = []
    for name, value in location.parts().items():
        parts.append(f"{t('loc.' + name, lang)} {value}")
    return ", ".join(parts)


def fmt_number(value: float | int | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """``value`` with ``decimals`` decimals in the language's convention.

    ``None``/NaN gives an en dash. Example: ``fmt_number(1234.5, "id")`` →
    ``"1.234,5"``; ``fmt_number(1234.5, "en")`` → ``"1,234.5"``. A negative
    number carries the minus sign :data:`MINUS` (``−17,9``), never the
    hyphen; a value that rounds to zero carries no sign (``0,0``, not
    ``−0,0``). For text and documents only: downloads keep the numbers.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return _formatted(f"{value:.{decimals}f}", lang, decimals)


def fmt_plain(value: float | int | None, lang: str = DEFAULT_LANGUAGE, max_decimals: int = 4) -> str:
    """``value`` as a message quotes a figure: at most ``max_decimals``
    decimals, trailing zeros dropped, in the language's convention.

    ``fmt_plain(41.7, "id")`` → ``"41,7"``; ``fmt_plain(41.7, "en")`` →
    ``"41.7"``; ``fmt_plain(65.0, "id")`` → ``"65"``;
    ``fmt_plain(1234.5, "id")`` → ``"1.234,5"``. ``None``/NaN gives an en
    dash; a negative number carries :data:`MINUS`. Used by
    :meth:`kp2s_dashboard.errors.Problem.message` for every float parameter,
    so a loader passes the number and never pre-formats it.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:.{max_decimals}f}"
    decimals = len(text.rstrip("0").partition(".")[2]) if "." in text else 0
    return _formatted(f"{value:.{decimals}f}", lang, decimals)


@functools.lru_cache(maxsize=8192)
def _formatted(rounded: str, lang: str, decimals: int) -> str:
    """Babel's formatting of a number already rounded to ``decimals`` (as
    text), kept: the pages write the same few thousand numbers on every rerun."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    number = Decimal(rounded)
    text = format_decimal(abs(number), format=pattern, locale=LOCALES.get(lang, LOCALES[DEFAULT_LANGUAGE]),
                          decimal_quantization=True)
    return MINUS + text if number < 0 else text


def fmt_date(day: _dt.date, lang: str = DEFAULT_LANGUAGE) -> str:
    """``day`` written out in the language: ``30 Agustus 2025`` (id),
    ``30 August 2025`` (en)."""
    return format_date(day, format="d MMMM y", locale=LOCALES.get(lang, LOCALES[DEFAULT_LANGUAGE]))


def fmt_pct(value: float | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """Percent (0–100) as text: ``24,6%`` (id) or ``24.6%`` (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return fmt_number(value, lang, decimals) + "%"


def fmt_signed(value: float | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A change in percentage points with its sign: ``+1,2`` / ``−3,4``
    (:data:`MINUS`), ``±0,0`` for a change that rounds to zero."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = fmt_number(abs(value), lang, decimals)
    rounded = Decimal(f"{value:.{decimals}f}")
    sign = "+" if rounded > 0 else (MINUS if rounded < 0 else "±")
    return sign + text


def plotly_separators(lang: str = DEFAULT_LANGUAGE) -> str:
    """Value for plotly's ``layout.separators``: decimal then thousands."""
    return ",." if lang == "id" else ".,"


from kp2s_dashboard.i18n.notes import source_note, source_notes  # noqa: E402  (notes uses t and quoted)
