"""UI strings in Bahasa Indonesia (default) and English, and number formatting.

Every string a user sees goes through :func:`t` with a key from
:data:`kp2s_dashboard.i18n.catalogue.CATALOGUE`. Numbers are formatted with explicit
helpers (never ``locale.setlocale``, which is process-wide and would leak
between sessions): Indonesian uses a decimal comma and a thousands dot
(``24,6``; ``1.234``), English the reverse.
"""

from __future__ import annotations

import math
from typing import Any

from kp2s_dashboard.i18n.catalogue import CATALOGUE

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


class _Missing(dict):
    def __missing__(self, key: str) -> str:  # leave unknown placeholders visible
        return "{" + key + "}"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The string ``key`` in ``lang`` with ``params`` filled in.

    Falls back to Indonesian, then to the key itself, so a missing entry is
    visible in the UI rather than an exception (the tests check that every
    key exists in both languages).
    """
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry.get(DEFAULT_LANGUAGE) or key
    return template.format_map(_Missing(params))


def format_location(location: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """``Location`` as readable text, e.g. ``berkas data.xlsx, lembar 2022, sel C5``."""
    parts = []
    for name, value in location.parts().items():
        parts.append(f"{t('loc.' + name, lang)} {value}")
    return ", ".join(parts)


def fmt_number(value: float | int | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """``value`` with ``decimals`` decimals in the language's convention.

    ``None``/NaN gives an en dash. Example: ``fmt_number(1234.5, "id")`` →
    ``"1.234,5"``; ``fmt_number(1234.5, "en")`` → ``"1,234.5"``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return text


def fmt_pct(value: float | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """Percent (0–100) as text: ``24,6%`` (id) or ``24.6%`` (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return fmt_number(value, lang, decimals) + "%"


def fmt_signed(value: float | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A change in percentage points with its sign: ``+1,2`` / ``−3,4``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return sign + fmt_number(abs(value), lang, decimals)


def plotly_separators(lang: str = DEFAULT_LANGUAGE) -> str:
    """Value for plotly's ``layout.separators``: decimal then thousands."""
    return ",." if lang == "id" else ".,"
