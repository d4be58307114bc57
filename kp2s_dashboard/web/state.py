"""Shareable view state: source, year, district, language and the kind of
assessment file in force (``asm``) in the URL.

The URL (``st.query_params``) is the single source of truth for the shared
filters, so a link reproduces a view. Values are validated against what the
data offers and fall back to defaults; an invalid value never raises.

Pure helpers (:func:`parse_round`, :func:`parse_district`) are tested
without Streamlit; :func:`get`/:func:`set` read and write the URL.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES
from kp2s_dashboard.regions import registry

KEYS = ("lang", "source", "year", "district", "asm")

#: Choices that belong to one page, kept in that page's URL only (not carried
#: to other pages by :func:`sync`): the Target page's two targets (as
#: :attr:`~kp2s_dashboard.prevalence.status.Target.url_token`), AARR method,
#: window start and the tab shown; the Kecamatan & desa page's position in the
#: drill-down (:mod:`kp2s_dashboard.geo.drill`) and measurement round.
PAGE_KEYS = {"target": ("near", "far", "method", "window", "tab"),
             "wilayah": ("wil_kab", "wil_kec", "wil_desa", "wil_unit", "wil_round")}


@dataclass(frozen=True)
class ViewState:
    """Validated filters. ``district`` is a BPS code or None (province)."""

    lang: str
    source: str
    year: int
    district: str | None


def parse_round(source: str | None, year: str | None, available: list[tuple[str, int]]) -> tuple[str, int]:
    """The ``(source, year)`` round named in the URL if it exists in
    ``available`` (newest first), else the newest round of the same source,
    else the newest round overall.

    Raises:
        ValueError: ``available`` is empty.
    """
    if not available:
        raise ValueError("no rounds available")
    try:
        wanted = (str(source).lower(), int(str(year)))
    except (TypeError, ValueError):
        wanted = None
    if wanted in available:
        return wanted
    same_source = [r for r in available if r[0] == str(source).lower()]
    return same_source[0] if same_source else available[0]


def parse_district(value: str | None) -> str | None:
    """A district code from the URL (any registry spelling: ``6301``,
    ``63.01``, ``tanah-laut``), or ``None`` when absent or unknown."""
    if not value:
        return None
    try:
        code = registry().to_code(str(value).replace("-", " "))
    except KP2SError:
        return None
    return code if registry().get(code).is_district else None


def parse_lang(value: str | None) -> str:
    """``id`` or ``en``; anything else gives the default (``id``)."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def lang() -> str:
    """The UI language from the URL."""
    return parse_lang(st.query_params.get("lang"))


def district() -> str | None:
    """The selected district from the URL, validated."""
    return parse_district(st.query_params.get("district"))


def assessment_choice() -> str | None:
    """The kind of assessment file in force asked for in the URL's ``asm``
    (``rekap`` | ``matrix`` | ``assessor`` …), or None for the default rule.
    Validated by :func:`kp2s_dashboard.assessment.result.in_force`, which
    ignores a kind the data lacks."""
    value = st.query_params.get("asm")
    return str(value) if value else None


def round_(available: list[tuple[str, int]]) -> tuple[str, int]:
    """The selected round from the URL, validated against ``available``."""
    return parse_round(st.query_params.get("source"), st.query_params.get("year"), available)


def parse_option(value: str | None, options: list, fallback):
    """``value`` from a URL matched to ``options`` by its text (``"2021"``
    matches ``2021``, ``"all"`` matches ``None``), else ``fallback``."""
    if value is None:
        return fallback
    for option in options:
        if str(value) == ("all" if option is None else str(option)):
            return option
    return fallback


def option_text(value) -> str:
    """The URL text of an option (:func:`parse_option`'s inverse)."""
    return "all" if value is None else str(value)


def page_param(page: str, key: str) -> str | None:
    """A page's own choice ``key`` (see :data:`PAGE_KEYS`) from the URL, or
    the value it last had in this session when the URL lacks it (coming back
    to the page through the menu)."""
    if key not in PAGE_KEYS[page]:
        raise KeyError(key)
    value = st.query_params.get(key)
    if value is not None:
        return str(value)
    return st.session_state.get(f"_page_{page}_{key}")


def set_page_params(page: str, **values: object) -> None:
    """Write a page's own choices to the URL (and remember them for the
    session); ``None`` removes a key. Unchanged values are not rewritten."""
    for key, value in values.items():
        if key not in PAGE_KEYS[page]:
            raise KeyError(key)
        _write(key, value, f"_page_{page}_{key}")


def _write(key: str, value: object, memo: str) -> None:
    """Write one URL key (``None`` removes it) and its session memo; an
    unchanged value is not rewritten (so no extra rerun)."""
    if value is None:
        if key in st.query_params:
            del st.query_params[key]
        st.session_state.pop(memo, None)
    else:
        if st.query_params.get(key) != str(value):
            st.query_params[key] = str(value)
        st.session_state[memo] = str(value)


def sync() -> None:
    """Keep the filters across page changes.

    Streamlit drops the query string when the user switches page; the last
    values are kept in ``st.session_state`` and written back to the URL when
    the new page's URL lacks them. Called once per run by the router.
    """
    for key in KEYS:
        memo = f"_url_{key}"
        if key in st.query_params:
            st.session_state[memo] = st.query_params[key]
        elif memo in st.session_state:
            st.query_params[key] = st.session_state[memo]


def set_params(**values: object) -> None:
    """Write filters to the URL; ``None`` removes a key. Unchanged values are
    not rewritten (so no extra rerun)."""
    for key, value in values.items():
        if key not in KEYS:
            raise KeyError(key)
        _write(key, value, f"_url_{key}")


def keep(key: str, value):
    """Remember the value a page's widget ``key`` has in this run, so that
    coming back to the page after visiting others restores it (Streamlit
    drops a widget's value when a run does not draw it). Returns ``value``.
    URL-bound filters (district, source/year, language) do not need it."""
    st.session_state[f"_kept_{key}"] = value
    return value


def remembered(key: str, default):
    """The value last kept for widget ``key`` (see :func:`keep`), else
    ``default``; pass it as the widget's default value or index source."""
    return st.session_state.get(f"_kept_{key}", default)


def drill(known=None):
    """The Kecamatan & desa page's position from the URL (``wil_kab``,
    ``wil_kec``, ``wil_desa``, ``wil_unit``), validated by
    :func:`kp2s_dashboard.geo.drill.parse_drill` against ``known`` codes."""
    from kp2s_dashboard.geo.drill import parse_drill

    return parse_drill(*(page_param("wilayah", k) for k in ("wil_kab", "wil_kec", "wil_desa", "wil_unit")),
                       known=known)


def set_drill(position) -> None:
    """Write a drill-down position (:class:`kp2s_dashboard.geo.drill.Drill`) to the URL."""
    set_page_params("wilayah", **position.params())
