"""The only place with Streamlit caches: loaders wrapped at the loader boundary,
and the values pages derive from them, kept per version of the data (:func:`derived`).

Each public function asks :mod:`kp2s_dashboard.store.datastore` for the current
file and calls a cached loader keyed by small values (path and file stamp),
never by DataFrames. A changed file has a new stamp, so it is re-read on the
next run without a restart; an unchanged one is read once per process.
Errors are returned, not cached: a broken file is re-checked on every run
until it is fixed.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from kp2s_dashboard.store import datastore
from kp2s_dashboard import geo, paths
from kp2s_dashboard.errors import BoundaryError
from kp2s_dashboard.figures.prevalence import to_geojson
from kp2s_dashboard.prevalence.loader import PrevalenceLoad, load_prevalence
from kp2s_dashboard.prevalence.targets import load_targets


@st.cache_data(show_spinner=False)
def _prevalence(path: str, stamp: tuple[int, int], options: tuple = ()) -> PrevalenceLoad:
    answers = dict(options)  # the editor's answers stored with the version (source, indicator)
    return load_prevalence(path, default_source=answers.get("source"),
                           default_indicator=answers.get("indicator") or "stunting")


@st.cache_data(show_spinner=False)
def _targets(path: str, stamp: tuple[int, int]) -> pd.DataFrame:
    return load_targets(path)


def prevalence() -> PrevalenceLoad:
    """The prevalence data in force (see :mod:`kp2s_dashboard.prevalence.loader`).

    Raises:
        DataError: the file in force is invalid.
    """
    f = datastore.current("prevalence")
    return _prevalence(str(f.path), f.stamp, f.options)


def targets() -> pd.DataFrame:
    """The targets table in force (see :mod:`kp2s_dashboard.prevalence.targets`)."""
    f = datastore.current("targets")
    return _targets(str(f.path), f.stamp)


@st.cache_data(show_spinner=False)
def _boundaries(path: str, stamp: tuple[int, int]) -> tuple[dict, pd.DataFrame]:
    gdf = geo.load_boundaries(path)
    # coordinates on a 0.001° grid (≈ 110 m, a third of a pixel on the 13-district map): the map's shapes
    # stay under 40 KB on the websocket (issue 11); shared borders snap to the same grid points
    shown = geo.simplify_for_display(gdf, grid_size=1e-3)
    points = gdf.geometry.representative_point()
    labels = pd.DataFrame({"code": gdf["code"].astype(str), "lon": points.x, "lat": points.y})
    return to_geojson(shown), labels


def boundaries() -> tuple[dict, pd.DataFrame] | BoundaryError:
    """Display GeoJSON (properties ``code``) and label points
    (``code, lon, lat``) of the 13 districts, or the :class:`BoundaryError`
    explaining why there are none (no file, unreadable, unmatched)."""
    try:
        f = _boundary_file()
        return _boundaries(str(f.path), f.stamp)
    except BoundaryError as exc:
        return exc


def _boundary_file() -> datastore.DataFile:
    """The boundary file in force; BoundaryError ``err.geo_missing`` when none."""
    f = datastore.boundary_file()
    if f is None:
        raise BoundaryError("err.geo_missing", folder=str(paths.geo_dir()))
    return f


@st.cache_data(show_spinner=False, max_entries=64)
def _progress_view(prev_path: str, prev_stamp: tuple[int, int], targets_path: str, targets_stamp: tuple[int, int],
                   near_id: str, far_id: str, method: str, start_year: int | None,
                   prev_options: tuple = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    from kp2s_dashboard.prevalence import progress
    from kp2s_dashboard.regions import PROVINCE_CODE, registry

    prevalence = _prevalence(prev_path, prev_stamp, prev_options).table
    choices = progress.target_choices(_targets(targets_path, targets_stamp), PROVINCE_CODE)
    near = progress.target_from_choice(choices, near_id)
    far = progress.target_from_choice(choices, far_id)
    options = progress.SeriesOptions(method=method, start_year=start_year)
    codes = [PROVINCE_CODE, *registry().district_codes()]
    table = progress.target_table(prevalence, near, far, codes=codes, options=options)
    chart = progress.chart_data(prevalence, [near, far], codes=codes, options=options)
    return table, chart


def progress_view(near_id: str, far_id: str, method: str = "loglinear",
                  start_year: int | None = 2021) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Target page's heavy computations for the province and the 13
    districts against two targets, cached by the data files' stamps and the
    small choices: ``(target_table, chart_data)`` of
    :mod:`kp2s_dashboard.prevalence.progress` (see there for the columns).

    ``near_id``/``far_id`` are ``choice_id`` values of
    ``progress.target_choices(targets, "63")``; ``method`` and
    ``start_year`` are the :class:`~kp2s_dashboard.prevalence.progress.SeriesOptions`
    of the survey series.

    Raises:
        DataError: the data in force is invalid.
        KP2SError: an unknown choice or method.
    """
    p, t = datastore.current("prevalence"), datastore.current("targets")
    return _progress_view(str(p.path), p.stamp, str(t.path), t.stamp, near_id, far_id, method, start_year,
                          p.options)


# -- assessment workbooks (Aksi Konvergensi) ------------------------------------------------
#: A source of assessment data, hashable for the caches: ``("file", path,
#: stamp)`` for a file in force, ``("upload", name, content, year_assessed)``
#: for a workbook uploaded in this session (``year_assessed`` None = from the file).
AssessmentSource = tuple

#: Seconds a cache entry computed from an upload lives. Every cache whose key
#: can hold an upload source (the bytes are hashed into the key, never kept)
#: has this ``ttl`` and a ``max_entries``, so results computed from uploads are
#: dropped once their sessions have gone instead of staying for the process's
#: life. Files in force are re-combined after it too, which is cheap
#: (``_assessment_file`` keeps the parsed files).
UPLOAD_TTL = 15 * 60


def assessment_sources() -> list[tuple]:
    """The assessment workbooks in force (``datastore.current_files("assessment")``)
    as cache sources ``("file", path, stamp)``, sorted by file name."""
    return [("file", str(f.path), f.stamp) for f in datastore.current_files("assessment")]


def upload_source(name: str, content: bytes, year_assessed: int | None = None) -> tuple:
    """An uploaded workbook as a cache source. The caches hash ``content``
    into their keys (they do not keep it); the results they keep expire
    after :data:`UPLOAD_TTL` and are bounded by ``max_entries``."""
    return ("upload", name, content, year_assessed)


def source_name(source: tuple) -> str:
    """The file name of a source (what messages and the UI show)."""
    from pathlib import Path

    return Path(source[1]).name if source[0] == "file" else source[1]


@st.cache_data(show_spinner=False, max_entries=32)
def _assessment_file(path: str, stamp: tuple[int, int]):
    from kp2s_dashboard.assessment import load_workbook

    return load_workbook(path)


@st.cache_data(show_spinner=False, max_entries=8, ttl=UPLOAD_TTL)
def _assessment_upload(name: str, content: bytes, year_assessed: int | None):
    from kp2s_dashboard.assessment.summary import check_upload

    return check_upload(name, content, year_assessed)


def assessment_workbook(source: tuple):
    """The :class:`~kp2s_dashboard.assessment.AssessmentResult` of one source
    (a file in force or an upload), read once per file version / content.

    Raises:
        DataError: the file cannot be opened (not cached: re-checked next run).
    """
    if source[0] == "file":
        return _assessment_file(source[1], source[2])
    return _assessment_upload(source[1], source[2], source[3])


@st.cache_data(show_spinner=False, max_entries=16, ttl=UPLOAD_TTL)
def _assessment_in_force(sources: tuple, choice: str | None):
    from kp2s_dashboard.assessment.result import in_force

    return in_force([assessment_workbook(s) for s in sources], choice)


def assessment_in_force(sources: list[tuple], choice: str | None = None):
    """Which of the sources are in force, year by year, and their result
    (:func:`kp2s_dashboard.assessment.result.in_force`: kinds of files are
    never pooled; ``choice`` is the kind asked for in the URL, see
    :func:`kp2s_dashboard.web.state.assessment_choice`).

    Raises:
        DataError: one of the files cannot be opened.
    """
    return _assessment_in_force(tuple(sources), choice)


def _assessment_set(sources: tuple, choice: str | None = None):
    return _assessment_in_force(sources, choice).result


def assessment_set(sources: list[tuple], choice: str | None = None):
    """The result in force of several sources
    (:func:`assessment_in_force`'s ``result``; one source as read, never
    files of several kinds blended).

    Raises:
        DataError: one of the files cannot be opened.
    """
    return _assessment_set(tuple(sources), choice)


@st.cache_data(show_spinner=False, max_entries=32)
def _assessment_published(path: str, stamp: tuple[int, int]):
    from kp2s_dashboard.assessment import load_published_results

    return load_published_results(path)


def assessment_published():
    """The published KP2S results in force (``datastore.current("published")``,
    :class:`~kp2s_dashboard.assessment.PublishedResults`).

    Raises:
        DataError: the file cannot be read or lacks a column.
    """
    f = datastore.current("published")
    return _assessment_published(str(f.path), f.stamp)


@st.cache_data(show_spinner=False, max_entries=32, ttl=UPLOAD_TTL)
def _assessment_views(sources: tuple, year_assessed: int | None, component: str | None, by: str,
                      pub_path: str, pub_stamp: tuple[int, int], choice: str | None = None):
    from kp2s_dashboard.assessment import published_ranks
    from kp2s_dashboard.assessment.summary import build_views

    previous = published_ranks(_assessment_published(pub_path, pub_stamp))
    return build_views(_assessment_set(sources, choice), year_assessed, component, previous=previous, by=by)


def assessment_views(sources: list[tuple], year_assessed: int | None = None, component: str | None = "",
                     by: str = "total", choice: str | None = None):
    """The Aksi page's frames for a data set
    (:class:`~kp2s_dashboard.assessment.summary.AssessmentViews`), with the
    published ranks as the previous assessment where no earlier workbook
    gives one; cached by the sources and the small choices (``choice``:
    the kind of file in force, see :func:`assessment_in_force`).

    Raises:
        DataError: a file cannot be opened, or the published results are unreadable.
    """
    f = datastore.current("published")
    return _assessment_views(tuple(sources), year_assessed, component, by, str(f.path), f.stamp, choice)


@st.cache_data(show_spinner=False, max_entries=64, ttl=UPLOAD_TTL)
def _assessment_district(sources: tuple, code: str, year_assessed: int | None, component: str | None,
                         choice: str | None = None):
    from kp2s_dashboard.assessment.summary import district_comparison

    return district_comparison(_assessment_set(sources, choice), code, year_assessed, component)


def assessment_district(sources: list[tuple], code: str, year_assessed: int | None, component: str | None,
                        choice: str | None = None):
    """One district against the province mean and the best district
    (:func:`~kp2s_dashboard.assessment.summary.district_comparison`) in the
    result in force."""
    return _assessment_district(tuple(sources), code, year_assessed, component, choice)


@st.cache_data(show_spinner=False, max_entries=16)
def assessment_template(year: int, layout: str) -> bytes:
    """An empty assessment workbook (.xlsx bytes) for the assessment held in
    ``year`` in ``layout`` (``rekap`` | ``assessor``)."""
    from kp2s_dashboard.assessment.summary import template_bytes

    return template_bytes(year, layout)


# -- district views (Profil, Bandingkan) -----------------------------------------------------------
@st.cache_data(show_spinner=False)
def _neighbours(path: str, stamp: tuple[int, int]) -> dict[str, list[str]]:
    return geo.neighbours(geo.load_boundaries(path))


def neighbours() -> dict[str, list[str]] | BoundaryError:
    """Districts sharing a border, ``{code: [codes]}``
    (:func:`kp2s_dashboard.geo.neighbours` on the boundary file in use),
    or the :class:`BoundaryError` explaining why there are none."""
    try:
        f = _boundary_file()
        return _neighbours(str(f.path), f.stamp)
    except BoundaryError as exc:
        return exc


# -- presentation deck (Mode presentasi) ------------------------------------------------------------
def deck_key(code: str | None, lang: str, sources: list[tuple], choice: str | None = None,
             include_demo: bool = False, own_targets: bool = False, recommendations: bool = False) -> tuple:
    """Small values naming one deck: the files in force with their stamps
    (prevalence, targets, published results, the assessment ``sources`` and
    the kind of assessment file in force ``choice``), the region, the
    language, today's date (the export date printed on every slide) and whether the assessment slides of
    sample data are kept (``include_demo``, left out by default) and the trend slide draws the region's own
    targets besides the national ones (``own_targets``), and with ``recommendations`` a stamp of the
    recommendations shown (:func:`recommendations_stamp`; the deck then ends with their slide). Pass it to :func:`presentation_deck`, :func:`deck_pptx`
    and :func:`slide_image`."""
    import datetime as dt

    p, tg, pub = datastore.current("prevalence"), datastore.current("targets"), datastore.current("published")
    return (str(p.path), p.stamp, str(tg.path), tg.stamp, str(pub.path), pub.stamp, tuple(sources), code, lang,
            dt.date.today().isoformat(), choice, bool(include_demo), bool(own_targets), p.options,
            recommendations_stamp() if recommendations else None)


def _geo_key() -> tuple | None:
    try:
        f = datastore.boundary_file()
    except (BoundaryError, OSError):
        return None
    return (str(f.path), f.stamp) if f is not None else None


@st.cache_data(show_spinner=False, max_entries=64, ttl=UPLOAD_TTL)
def presentation_deck(key: tuple):
    """The :class:`~kp2s_dashboard.export.deck.Deck` of a :func:`deck_key`, built
    once per key (``deck.build_deck``).

    Raises:
        DataError: a file in force is invalid (not cached).
    """
    import datetime as dt

    from kp2s_dashboard.export import deck

    (prev_path, prev_stamp, tg_path, tg_stamp, pub_path, pub_stamp, sources, code, lang, day, choice, demo, own,
     prev_options, rek) = key
    assessment = _assessment_set(sources, choice) if sources else None
    recs = None
    if rek is not None:
        source = recommendations()
        recs = (source.recs, source.entries, source.demo)
    return deck.build_deck(_prevalence(prev_path, prev_stamp, prev_options).table, _targets(tg_path, tg_stamp), code, lang,
                           assessment=assessment, published=_assessment_published(pub_path, pub_stamp).provincial,
                           exported=dt.date.fromisoformat(day), include_demo=demo, own_targets=own,
                           recommendations=recs)


def _deck_boundaries(geo_key: tuple | None):
    """``(geojson, label_points)`` of the boundary file, or ``(None, None)``
    (the slides then show the map's values as class-coloured bars)."""
    if geo_key is None:
        return None, None
    try:
        return _boundaries(*geo_key)
    except BoundaryError:
        return None, None


@st.cache_data(show_spinner=False, max_entries=8, ttl=UPLOAD_TTL)
def _deck_pptx(key: tuple, geo_key: tuple | None) -> bytes:
    from kp2s_dashboard.export import slides

    return slides.build_pptx(presentation_deck(key), *_deck_boundaries(geo_key))


def deck_pptx(key: tuple) -> bytes:
    """The PowerPoint (.pptx bytes) of the deck of ``key`` with the map
    picture when the boundaries and an image engine are there
    (``slides.build_pptx``), built once per key and boundary file."""
    return _deck_pptx(key, _geo_key())


@st.cache_data(show_spinner=False, max_entries=32, ttl=UPLOAD_TTL)
def _slide_image(key: tuple, geo_key: tuple | None, index: int, dark: bool, fmt: str) -> bytes:
    from kp2s_dashboard.export import deck, tables as export

    geojson, labels = _deck_boundaries(geo_key)
    look = deck.Look(height=900, width=1600, font_size=26, dark=dark)
    fig = deck.slide_figure(presentation_deck(key), index, look, geojson=geojson, label_points=labels)
    return export.figure_image(fig, fmt, width=1600, height=900, scale=2 if fmt == "png" else 1)


def slide_image(key: tuple, index: int, dark: bool, fmt: str) -> bytes:
    """Slide ``index`` (0-based) of the deck of ``key`` as a 1600×900 PNG
    (drawn at scale 2) or SVG (``fmt``), light or ``dark``.

    Raises:
        ImageEngineError: no browser for kaleido, or it failed (not cached).
    """
    return _slide_image(key, _geo_key(), index, dark, fmt)


# -- values derived by the pages, kept per version of the data ---------------------------------------------
def data_key() -> tuple:
    """The version of every file in force, as small values: ``(path, stamp)``
    of the prevalence, targets and published results, the assessment
    workbooks and the boundary file (``None`` when absent). Computed once per
    script run (it asks the store), so a page calling :func:`derived` several
    times pays for it once.

    Raises:
        StoreUnavailable: a configured store cannot be opened.
    """
    return _once_per_run("_kp2s_data_key", _data_key)


def _data_key() -> tuple:
    files = []
    for kind in ("prevalence", "targets"):
        f = datastore.current(kind)
        files.append((str(f.path), f.stamp))
    published = datastore.current("published") if datastore.exists("published") else None
    files.append((str(published.path), published.stamp) if published else None)
    files.append(tuple(assessment_sources()))
    boundary = datastore.boundary_file()
    files.append((str(boundary.path), boundary.stamp) if boundary else None)
    return tuple(files)


def _once_per_run(name: str, compute):
    """``compute()`` once per script run (kept on the run's context under
    ``name``); computed on every call outside a run."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    memo = getattr(ctx, name, None) if ctx is not None else None
    if memo is not None and memo[0] is _run():
        return memo[1]
    value = compute()
    if ctx is not None:
        setattr(ctx, name, (_run(), value))
    return value


def _run() -> object | None:
    """An object that stands for the current script run (``None`` outside
    one): the run context's cursor map, which Streamlit replaces on every run."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.cursors if ctx is not None else None


datastore.remember_within(_run)  # the store is asked once per kind and script run


def _token(name: str, key: tuple) -> str:
    """One short string for ``name``, the data version and ``key`` (small
    values whose ``repr`` is exact: str, int, float, bool, None, tuples of
    them). Streamlit's own hashing of nested tuples costs ~1 ms a call,
    this a few µs."""
    return hashlib.blake2b(repr((name, data_key(), key)).encode(), digest_size=20).hexdigest()


@st.cache_data(show_spinner=False, max_entries=512, ttl=UPLOAD_TTL)
def _derived(token: str, _build):
    return _build()


def derived(name: str, key: tuple, build):
    """``build()`` computed once per ``name``, ``key`` and version of the
    data in force (:func:`data_key`), then returned as a copy on every rerun.

    For a page's derived frames and tables: ``build`` is a call of the one
    function that computes the value (nothing is computed here), and ``key``
    holds every small value it depends on besides the files in force
    (district code, round, language, options), so two different inputs never
    share an entry. Errors are not cached: a failing ``build`` is re-run and
    raises again on the next run.
    """
    return _derived(_token(name, key), build)


@st.cache_resource(show_spinner=False, max_entries=256, ttl=UPLOAD_TTL)
def _shared(token: str, _build):
    return _build()


def shared(name: str, key: tuple, build):
    """Like :func:`derived`, but returned as the same object on every rerun
    instead of a copy: for plotly figures (a copy through pickle rebuilds
    and re-validates the figure) and large read-only results. The caller
    only reads it (``st.plotly_chart`` reads a figure) and never changes it."""
    return _shared(_token(name, key), build)


def figure(name: str, key: tuple, build):
    """:func:`shared` for a plotly figure that a page shows as built. The
    kept figure also keeps its ``to_dict()`` (``st.plotly_chart`` calls it on
    every rerun, a deep copy of every trace, the map's shapes included), so a
    rerun only encodes it. Never change the returned figure."""
    return _shared(_token(name, key), lambda: _frozen(build()))


def _frozen(fig):
    """``fig`` whose ``to_dict()`` returns the dict made once (read only),
    as plotly writes it to JSON (``plotly.io.to_json`` read back): the
    JSON Streamlit then writes from it is the same text, without plotly's
    walk over every value to make numpy arrays and dates JSON-ready (its
    fast path fails on them and it cleans the whole figure on each call)."""
    import json

    import plotly.io

    as_dict = json.loads(plotly.io.to_json(fig, validate=False))
    fig.to_dict = lambda: as_dict
    return fig


def styled(name: str, key: tuple, build):
    """:func:`shared` for a pandas ``Styler`` that a page shows with
    ``st.dataframe``, kept with its styles computed: ``st.dataframe`` calls
    the Styler's ``_compute()`` (every formatter and colour function, on
    every cell) and ``_translate()`` on each rerun, which the kept Styler
    answers from what it computed once (same texts, colours and ``uuid``).
    ``build`` is a call of the function that makes the Styler. Never change
    the returned Styler."""
    return _shared(_token(name, key), lambda: _frozen_styler(build()))


def _frozen_styler(styler):
    """``styler`` computed once; its ``_compute`` is then a no-op and its
    ``_translate`` returns the result made once per argument set (read only)."""
    styler._compute()
    translate, kept = styler._translate, {}

    def translated(*args, **kwargs):
        call = (args, tuple(sorted(kwargs.items())))
        if call not in kept:
            kept[call] = translate(*args, **kwargs)
        return kept[call]

    translated(False, False)  # the arguments st.dataframe uses
    styler._compute = lambda: styler
    styler._translate = translated
    return styler


@st.cache_data(show_spinner=False, max_entries=8, ttl=UPLOAD_TTL)
def _assessment_action_scores(sources: tuple, choice: str | None):
    from kp2s_dashboard.recommendations.district import all_action_scores

    return all_action_scores(_assessment_set(sources, choice))


def assessment_action_scores(sources: list[tuple], choice: str | None = None):
    """Per-action scores of every assessment year of the result in force
    (:func:`kp2s_dashboard.recommendations.district.all_action_scores`),
    for the recommendations' next-year view. Empty without sources.

    Raises:
        DataError: one of the files cannot be opened.
    """
    if not sources:
        return pd.DataFrame(columns=["year_assessed", "code", "action", "score_pct"])
    return _assessment_action_scores(tuple(sources), choice)


# the recommendations' caches live in cache_rek (split for size); the pages call them as cache.*
from kp2s_dashboard.web.cache_rek import recommendations, recommendations_key, recommendations_stamp  # noqa: E402,F401
