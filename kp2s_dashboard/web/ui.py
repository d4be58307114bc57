"""Small reusable Streamlit pieces shared by the pages: the sidebar,
error panels, source footnotes, pickers. Pages call these instead of
repeating chrome."""

from __future__ import annotations

from contextlib import contextmanager
from functools import partial

import streamlit as st

from kp2s_dashboard.web import state
from kp2s_dashboard.errors import DataError, KP2SError, Location, Problem, WeightedSum
from kp2s_dashboard.store.errors import StoreUnavailable
from kp2s_dashboard.i18n import t
from kp2s_dashboard.prevalence.loader import SOURCE_LABELS
from kp2s_dashboard.regions import registry

MAX_LISTED = 25


def plain(text: object) -> str:
    """``text`` that may come from a file (a file, sheet or district name, a
    cell value, a message quoting one) escaped for any Streamlit element
    that renders markdown (``st.markdown``, ``st.caption``, ``st.error`` …),
    so it is shown as typed and never as a link, image or markup
    (:func:`kp2s_dashboard.safetext.markdown`)."""
    from kp2s_dashboard import safetext

    return safetext.markdown(text)


def plain_problem(problem: Problem, lang: str) -> str:
    """A problem's message in ``lang`` for a markdown element: the catalogue
    text as written, every parameter and location part (file, sheet and
    district names, cell values quoted) escaped with :func:`plain`."""
    params = {k: plain(v) if isinstance(v, str)
              else WeightedSum(tuple((w, plain(name)) for w, name in v.terms)) if isinstance(v, WeightedSum)
              else _plain_location(v) if isinstance(v, Location)
              else v for k, v in problem.params.items()}
    return Problem(problem.key, params, _plain_location(problem.location), problem.severity).render(lang)


def _plain_location(location: Location) -> Location:
    """``location`` with its file, sheet and cell names escaped by :func:`plain`."""
    from dataclasses import asdict

    return Location(**{k: plain(v) if isinstance(v, str) else v for k, v in asdict(location).items()})


def source_link(url: object, lang: str) -> str:
    """A markdown link to a source address read from a file, or ``""`` when
    it is no http(s) address: the address goes through
    :func:`kp2s_dashboard.safetext.link_url`, so a ``)`` in it cannot end the
    link and start an image or a second link."""
    from kp2s_dashboard import safetext

    url = safetext.link_url(url)
    return f"[{t('ui.source_link', lang)}]({url})" if url else ""


def award_line(year: object, note: str, url: object, lang: str) -> str:
    """The Profil page's national-award line in ``lang`` (markdown):
    ``"National award (2023): <note> — [source](url)"``, or without the
    `` — [source](…)`` part when ``url`` is no safe http(s) address
    (:func:`source_link`). ``note`` must already be escaped (:func:`plain`)."""
    line = t("prof.national_award_text", lang, year=year, note=note)
    link = source_link(url, lang)
    return f"{line} — {link}" if link else line


def show_error(error: KP2SError, lang: str, title_key: str = "ui.error_title") -> None:
    """Render a loader/registry error as a readable panel: every problem with
    its location (first :data:`MAX_LISTED`, then a count), no traceback.
    Messages quote file names and cell values: those are shown as text
    (:func:`plain_problem`), never as markdown."""
    problems = error.problems if isinstance(error, DataError) else [error.problem]
    messages = [plain_problem(p, lang) for p in problems]
    body = "\n".join(f"- {m}" for m in messages[:MAX_LISTED])
    if len(messages) > MAX_LISTED:
        body += "\n- " + t("err.more_problems", lang, n=len(messages) - MAX_LISTED)
    st.error(f"**{t(title_key, lang)}**\n\n{body}")


def language_picker() -> str:
    """Sidebar language switch (Bahasa Indonesia / English); writes ``lang``
    to the URL and returns the chosen code.

    Called by ``app.py`` before the page runs, so on the run where the
    language changed every choice made on the page is carried over first
    (:func:`keep_choices`)."""
    current = state.lang()
    if st.session_state.get(_DRAWN_LANG, current) != current:
        keep_choices()
    st.session_state[_DRAWN_LANG] = current
    _bind("ui_lang", current)
    choice = st.sidebar.segmented_control(
        t("ui.language", current),
        ["id", "en"],
        format_func=lambda c: {"id": "Bahasa Indonesia", "en": "English"}[c],
        key="ui_lang",
        on_change=lambda: state.set_params(lang=st.session_state["ui_lang"] or current),
    )
    choice = choice or current
    state.set_params(lang=choice)
    return choice


#: Stand-in for ``None`` among a widget's options ("whole province", "all rounds", "from the file"). Streamlit
#: cannot send the browser the label of a ``None`` value set through ``st.session_state`` (the widget is
#: emptied), so :func:`keep_choices` could not carry it across a language switch; :func:`from_option` turns
#: it back into ``None``.
NONE = "__none__"


def as_option(value):
    """``value`` as a widget option: :data:`NONE` for ``None``."""
    return NONE if value is None else value


def from_option(value):
    """A widget's value with :data:`NONE` turned back into ``None``."""
    return None if value == NONE else value


#: Session key of the language the previous run was drawn in.
_DRAWN_LANG = "_kp2s_drawn_lang"

#: Wire formats of the widgets with options (radio, selectbox, multiselect, segmented control, pills).
_CHOICE_WIRES = ("string_value", "string_array_value")


def keep_choices() -> list[str]:
    """Carry the value of every option widget across a change of language;
    returns the keys carried (sorted).

    Streamlit (pinned 1.67) keeps the value of ``st.radio``,
    ``st.selectbox``, ``st.multiselect``, ``st.segmented_control`` and
    ``st.pills`` in the browser as the *label* its ``format_func`` wrote.
    When the language changes, the server still holds the value but does not
    tell the browser, which keeps the old language's label: none of the new
    labels match it, so a radio shows no option selected and a select box the
    old label; the next rerun sends that old label back, the server no longer
    recognises it, and the widget falls back to its default.

    Called on the run where the language changed, before the page draws a
    widget: each keyed option widget of the previous run is read (its label
    still decoded with the previous run's ``format_func``, giving the stable
    value, e.g. ``"published"``) and written back through
    ``st.session_state``, which makes Streamlit send the browser that value
    in the new language's label. A value ``None`` is left alone: Streamlit
    sends the browser no label for it, which would empty the widget, so an
    option meaning "none" (the whole province, all rounds) is the stand-in
    :data:`NONE` instead. Tabs are left alone (their value is their label;
    :func:`tabs` keeps the open one by its position); the language switch
    itself is skipped. Widgets without a key have no value to carry."""
    try:  # the widgets' registry (pinned streamlit==1.67.0); another version: the choices reset as before
        from streamlit.elements.layouts import _TabsSerde
        from streamlit.runtime.state import get_session_state

        registry_ = get_session_state()._state
        registry_.get_widget_id_from_key, registry_.get_widget_metadata  # noqa: B018  (both exist)
    except (ImportError, AttributeError):
        return []
    kept = []
    for key in list(st.session_state.keys()):
        if key == "ui_lang" or not isinstance(key, str):
            continue
        widget_id = registry_.get_widget_id_from_key(key)
        meta = registry_.get_widget_metadata(widget_id) if widget_id else None
        if (meta is None or meta.formatted_options is None or meta.value_type not in _CHOICE_WIRES
                or isinstance(getattr(meta.deserializer, "__self__", None), _TabsSerde)):
            continue
        try:
            value = st.session_state[key]
        except KeyError:  # a widget of an earlier run, no longer holding a value
            continue
        if value is None:  # no choice, or a None option: Streamlit would send the browser no label (see NONE)
            continue
        st.session_state[key] = value
        kept.append(key)
    return sorted(kept)


def round_label(source: str, year: int) -> str:
    """``SSGI 2024`` etc."""
    return f"{SOURCE_LABELS.get(source, source)} {year}"


def round_picker(rounds: list[tuple[str, int]], lang: str, key: str, label_key: str = "ui.round") -> tuple[str, int]:
    """Select box of rounds (newest first) synced with the URL's ``source``
    and ``year``."""
    current = state.round_(rounds)
    _bind(key, current)
    choice = st.selectbox(
        t(label_key, lang),
        rounds,
        format_func=lambda r: round_label(*r),
        key=key,
        on_change=lambda: state.set_params(source=st.session_state[key][0], year=st.session_state[key][1]),
    )
    state.set_params(source=choice[0], year=choice[1])
    return choice


def _bind(key: str, url_value: object) -> None:
    """Make the widget ``key`` show the URL's value (the URL wins: it may
    have changed through a link or a map click)."""
    if st.session_state.get(key) != url_value:
        st.session_state[key] = url_value


def district_picker(lang: str, key: str, allow_province: bool = True) -> str | None:
    """Select box of the 13 districts (and optionally the whole province,
    returned as ``None``; the widget's own value for it is :data:`NONE`),
    synced with the URL's ``district``.

    A page that needs one district (``allow_province=False``) shows the
    first district when the URL names none, without writing it to the URL,
    so other pages still open on the whole province. An unknown value in
    the URL (``district=9999``) is removed with a notice naming it.
    """
    reg = registry()
    options: list[str] = ([NONE] if allow_province else []) + reg.district_codes()
    raw = st.query_params.get("district")
    current = state.district()
    if raw and current is None:
        st.warning(t("ui.district_unknown", lang, value=plain(raw)))
        state.set_params(district=None)
    current = as_option(current)
    if current not in options:
        current = options[0]
    _bind(key, current)
    return from_option(st.selectbox(
        t("ui.district", lang),
        options,
        format_func=lambda c: t("ui.whole_province", lang) if c == NONE else reg.short_name(c),
        key=key,
        on_change=lambda: state.set_params(district=from_option(st.session_state[key])),
    ))


def source_footnote(lang: str, text_key: str = "ui.footnote_sources") -> None:
    """Caption under a chart reminding which measurements are shown."""
    st.caption(t(text_key, lang))


def sidebar_footer(lang: str) -> None:
    """About text, where the data come from, boundary attribution."""
    from kp2s_dashboard.store import datastore
    from kp2s_dashboard import geo

    boundary = datastore.boundary_file()
    with st.sidebar:
        st.divider()
        st.caption(t("ui.about", lang))
        st.caption(t("ui.data_note", lang))
        if boundary is not None:
            st.caption(geo.attribution(lang, boundary.path))


def clicked_location(event: object) -> str | None:
    """The ``location`` (district code) of the first point selected in a
    plotly choropleth event returned by ``st.plotly_chart(on_select=...)``."""
    try:
        points = event.selection.points  # type: ignore[attr-defined]
    except AttributeError:
        return None
    for point in points or []:
        location = point.get("location") if isinstance(point, dict) else None
        if location:
            return str(location)
    return None


def table(frame, lang: str, decimals: dict[str, int] | None = None):
    """``frame`` as a pandas Styler whose number columns show the language's
    decimal mark (``24,6`` in Indonesian) while staying numeric, so sorting
    in ``st.dataframe`` still works. ``decimals`` gives the decimals per
    column (default: 1 for float columns; integer columns not named there
    are left as they are, without thousands separators, e.g. years; name
    counts with 0 to have them written ``1.559``)."""
    from kp2s_dashboard.i18n import fmt_number

    decimals = dict(decimals or {})
    styler = frame.style
    for col in frame.columns:
        if col in decimals or str(frame[col].dtype).startswith("float"):
            n = decimals.get(col, 1)
            styler = styler.format(
                lambda v, n=n: "–" if _missing(v) else fmt_number(v, lang, max(n, _decimals_of(v))),
                subset=[col],
            )
    return styler


def dataframe(data, **kwargs):
    """``st.dataframe`` of a ``DataFrame`` or ``Styler`` whose text cells may
    come from files: direction controls written as their code points
    (:func:`kp2s_dashboard.safetext.plain_frame`; a dataframe shows text as
    text, but a right-to-left override still reverses a cell). ``kwargs``
    go to ``st.dataframe``; returns what it returns."""
    import pandas as pd
    from pandas.io.formats.style import Styler

    from kp2s_dashboard import safetext

    if isinstance(data, pd.DataFrame):
        data = safetext.plain_frame(data)
    elif isinstance(data, Styler):
        cleaned = safetext.plain_frame(data.data)
        if cleaned is not data.data:  # same index and columns: the styles computed for them still apply
            data.data = cleaned
    return st.dataframe(data, **kwargs)


def _missing(value: object) -> bool:
    """None, NaN or pandas' NA (an Int64 column's gap)."""
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _decimals_of(value: float) -> int:
    """Decimals needed to show ``value`` as published (31.01 → 2)."""
    text = f"{value:.4f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def metric_row(items: list[tuple[str, object]]) -> None:
    """``st.metric`` side by side, one per ``(label, value)``, each column
    as wide as its label needs (its share grows with the label's length:
    the characters, at least 8, plus 6 for the value and the gap): equal
    columns cut a long label such as "Tidak dapat ditindaklanjuti" at
    1366 px. A phone stacks the columns."""
    columns = st.columns([max(len(label), 8) + 6 for label, _ in items])
    for column, (label, value) in zip(columns, items):
        column.metric(label, value)


def delta_style(change: float | None, decimals: int = 1, lower_is_better: bool = True) -> dict:
    """``delta_arrow`` and ``delta_color`` for ``st.metric`` whose delta is
    text starting with the minus sign "−" (:func:`kp2s_dashboard.i18n.fmt_signed`):
    Streamlit reads a fall only from a leading hyphen, so the direction is
    given from the number itself, rounded as printed. A fall is green when
    ``lower_is_better`` (prevalence), red otherwise; no change is grey."""
    rounded = 0.0 if change is None or change != change else round(float(change), decimals)
    if rounded == 0:
        return {"delta_arrow": "off", "delta_color": "gray"}
    good = (rounded < 0) == lower_is_better
    return {"delta_arrow": "down" if rounded < 0 else "up", "delta_color": "green" if good else "red"}


def link_columns(lang: str) -> dict:
    """``column_config`` showing the source URL column as a link."""
    return {t("col.source_url", lang): st.column_config.LinkColumn(display_text=t("ui.source_link", lang))}


def downloads(frame, stem: str, lang: str, key: str, sources=(), notes=(), sheets=None) -> None:
    """CSV and XLSX download buttons for ``frame`` (as shown/filtered); both
    carry the export date, ``sources`` (lines naming the data and links)
    and ``notes`` (e.g. the sample-data mark), and are written formula-safe
    (see :mod:`kp2s_dashboard.export.tables`). ``sheets`` (sheet name → frame)
    replaces the XLSX's single sheet ``stem`` when given; the CSV holds
    ``frame``. Button keys: ``{key}_csv`` and ``{key}_xlsx``."""
    from kp2s_dashboard.export import tables as export

    sources, notes = list(sources), list(notes)
    book = dict(sheets) if sheets else {stem: frame}
    c1, c2 = st.columns(2)
    # Deferred: the files are written when a button is pressed, not on every rerun of the page.
    c1.download_button(t("ui.download_csv", lang),
                       partial(export.to_csv_bytes, frame, lang, sources=sources, notes=notes),
                       file_name=f"{stem}.csv", mime="text/csv", key=f"{key}_csv", icon=":material/download:")
    c2.download_button(t("ui.download_xlsx", lang),
                       partial(export.to_xlsx_bytes, book, lang, sources=sources, notes=notes),
                       file_name=f"{stem}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"{key}_xlsx", icon=":material/download:")


def mark_router() -> None:
    """Called by ``app.py`` before it runs a page: the router is in charge."""
    st.session_state["_kp2s_router"] = True


def ensure_router() -> None:
    """First line of every page: make sure the page runs under ``app.py``.

    Streamlit treats a ``pages/`` folder beside the entry script as its
    legacy multipage mode until the first ``st.navigation`` call switches it
    off for the server process. A deep link (``/peta?district=6305``) opened
    before anyone loaded the home page would otherwise run the page alone,
    without the router's sidebar, language and layout. The flag is switched
    off here and the run restarted, which then goes through ``app.py``.
    """
    if st.session_state.get("_kp2s_router"):
        return
    from streamlit.runtime.pages_manager import PagesManager  # pinned streamlit==1.67.0

    PagesManager.uses_pages_directory = False
    st.rerun()


@contextmanager
def stop_on_error(lang: str, title_key: str = "ui.error_title"):
    """Run a page's loading block; on a :class:`KP2SError` show it with
    :func:`show_error` and stop the page (no traceback, nothing else drawn
    from missing data)::

        with ui.stop_on_error(lang):
            data = cache.prevalence().table
    """
    try:
        yield
    except StoreUnavailable as exc:
        show_store_down(exc, lang)
        st.stop()
    except KP2SError as exc:
        show_error(exc, lang, title_key)
        st.stop()


def show_store_down(error: StoreUnavailable, lang: str) -> None:
    """The panel viewers see when the data store does not answer (database
    down or restarting): what happened and what to do, then the store's own
    message for whoever runs the server (its URL with the password hidden
    and the driver's reason). Also logged on the server."""
    import logging

    logging.getLogger("kp2s_dashboard").warning("data store unavailable: %s", error)
    st.error(f"**{t('ops.store_down_title', lang)}**\n\n{t('ops.store_down_what', lang)}\n\n"
             f"- {plain_problem(error.problem, lang)}")


@contextmanager
def store_guard(lang: str):
    """Around the whole run of a page (``app.py``): a data store that cannot
    be opened or stops answering anywhere in the page (or in the sidebar) is
    shown with :func:`show_store_down` and the page stops, instead of a
    traceback. Pages need not catch :class:`StoreUnavailable` themselves."""
    try:
        yield
    except StoreUnavailable as exc:
        show_store_down(exc, lang)
        st.stop()


def index_of(options: list, value, fallback: int) -> int:
    """Position of ``value`` in ``options`` (for a widget's ``index``), or
    ``fallback`` when it is not there."""
    try:
        return options.index(value)
    except ValueError:
        return fallback


def tabs(labels: list[str], key: str):
    """``st.tabs(labels)`` that keeps the open tab, by its position, across
    reruns, pages and a change of language; returns the tab containers.

    Streamlit's tabs without a key open the first tab again when their labels
    change (a language switch); keyed tabs hold the open tab's *label*, which
    the new language does not have either. Here the position of the open tab
    is kept (:func:`state.keep` under ``key``); when the widget's label is not
    one of ``labels`` (first drawn on this visit, or the language changed) the
    tab at that position is opened through ``st.session_state``. Clicking a
    tab reruns the page. The labels must differ from each other."""
    position = state.remembered(key, 0)
    position = position if isinstance(position, int) and 0 <= position < len(labels) else 0
    if st.session_state.get(key) not in labels:
        st.session_state[key] = labels[position]
    containers = st.tabs(labels, key=key, on_change="rerun")
    state.keep(key, index_of(labels, st.session_state.get(key), position))
    return containers


def md_text(text: str) -> str:
    """``text`` with Markdown's marks escaped, so data (a target's label, a
    name from a file) is shown as written inside ``st.markdown``."""
    return "".join("\\" + c if c in "\\`*_[]{}<>#|~$" else c for c in str(text))


#: Charts too dense for a phone's width (a district × action grid): below 640 px they keep this width and scroll
#: sideways inside their own box, with full labels, instead of printing their values over each other. Keys are
#: the ``key=`` of their ``st.plotly_chart`` call (Streamlit gives the element the class ``st-key-<key>``).
SCROLL_ON_PHONE = {"asm_heatmap": 1000, "asm_plan_neighbours": 1000}


def page_styles(lang: str) -> None:
    """Page-wide CSS, once per run from ``app.py``.

    - Narrow screens (≤ 640 px): the charts of :data:`SCROLL_ON_PHONE`
      scroll sideways in their own box at their minimum width; the window
      itself never does.
    - File uploaders in Bahasa Indonesia: Streamlit 1.67 writes the
      dropzone's button ("Upload") and its limit line ("20MB per file • XLSX,
      …") in English inside its JavaScript, with no parameter or option to
      change them (``st.file_uploader`` takes only the label, help and
      ``max_upload_size``). In Indonesian they are replaced here by the
      catalogue's texts (``ui.uploader_button``, ``ui.uploader_limit``, the
      limit read from ``server.maxUploadSize``); the accepted types are in
      every uploader's own label. English keeps Streamlit's words. Streamlit's
      own messages about a refused file (e.g. "File is too large") stay
      English: they are built in its JavaScript too.
    """
    import json

    rules = "".join(
        f".st-key-{key}{{overflow-x:auto;overflow-y:hidden}}"
        f".st-key-{key} > div{{min-width:{px}px}}"
        for key, px in SCROLL_ON_PHONE.items()
    )
    css = f"@media (max-width: 640px){{{rules}}}"
    if lang != "en":
        button = json.dumps(t("ui.uploader_button", lang), ensure_ascii=False)
        limit = json.dumps(t("ui.uploader_limit", lang, mb=st.get_option("server.maxUploadSize")), ensure_ascii=False)
        zone = '[data-testid="stFileUploaderDropzone"]'
        css += (f'{zone} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p'
                f"{{font-size:0}}"
                f'{zone} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p::after'
                f"{{content:{button};font-size:1rem}}"
                f'[data-testid="stFileUploaderDropzoneInstructions"] span{{font-size:0}}'
                f'[data-testid="stFileUploaderDropzoneInstructions"] span::after'
                f"{{content:{limit};font-size:0.875rem}}")
    st.html(f"<style>{css}</style>")
