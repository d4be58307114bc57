"""Streamlit pieces of the Kecamatan & desa page (``pages/wilayah.py``): the
breadcrumb, the map assembled from the cached shapes, the lokus list in force
and the district tables. The computations are pure and live in
:mod:`kp2s_dashboard.geo.drill` (position, breadcrumb),
:mod:`kp2s_dashboard.subdistrict.mapview` (rows, rounds, lokus marks) and
:mod:`kp2s_dashboard.figures.drilldown` (the figure).

Speed (a level change is one script run, see ``benchmarks/bench_drilldown.py``):
the breadcrumb and the map change the URL in widget callbacks, which run
before the script, so the click's run already draws the new level (no second
run through ``st.rerun``); the map figure, the table frames and the code lists
are cached per data version (:func:`data_key`) and small choices.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kp2s_dashboard.errors import BoundaryError, KP2SError
from kp2s_dashboard.figures import drilldown
from kp2s_dashboard.geo import drill as dr
from kp2s_dashboard.i18n import t
from kp2s_dashboard.regions import registry
from kp2s_dashboard.store import datastore
from kp2s_dashboard.subdistrict import mapview, views
from kp2s_dashboard.web import cache_wilayah, state, ui


def data_key() -> tuple:
    """Small values naming the data a map is drawn from: the e-PPGBM wilayah
    file and the lokus list in force and the three boundary files (path and
    stamp each, or the error text when missing)."""
    parts: list = []
    for kind in ("eppgbm_wilayah", "lokus_desa"):
        try:
            f = datastore.current(kind)
            parts.append((str(f.path), f.stamp))
        except (KP2SError, OSError) as exc:
            parts.append(("missing", str(exc)))
    for level in ("kabupaten", "kecamatan", "desa"):
        found = cache_wilayah.level_file(level)
        parts.append(("missing", level) if isinstance(found, BoundaryError) else found)
    return tuple(parts)


def _lokus_table() -> pd.DataFrame | None:
    try:
        return cache_wilayah.lokus().table
    except KP2SError:
        return None


@st.cache_resource(show_spinner=False, max_entries=8)
def _codes_and_names(key: tuple) -> tuple[frozenset[str], dict[str, str]]:
    table = cache_wilayah.subdistrict().table
    codes = set(table["kode_wilayah"].map(dr.area_code)) if len(table) else set()
    names: dict[str, str] = {}
    kec = table[table["level"] == "kecamatan"]
    names.update(zip(kec["kode_wilayah"].map(dr.area_code), kec["name"].astype(str)))
    for level in ("kecamatan", "desa"):
        shapes = cache_wilayah.display_shapes(level, "province")
        if isinstance(shapes, BoundaryError):
            continue
        codes.update(shapes["code"].astype(str))
        if level == "kecamatan":
            names.update(zip(shapes["code"].astype(str), shapes["name"].astype(str)))
    return frozenset(codes), names


def known_codes(key: tuple) -> frozenset[str]:
    """Kecamatan and desa codes (digits) that exist in the boundary files or
    the data in force (``key``: :func:`data_key`); used to validate the URL.
    Cached per data version."""
    return _codes_and_names(key)[0]


def kecamatan_names(key: tuple) -> dict[str, str]:
    """Kecamatan code (6 digits) -> name, from the boundary file, else the data."""
    return _codes_and_names(key)[1]


@st.cache_resource(show_spinner=False, max_entries=8)
def _overview(key: tuple) -> tuple[bool, list[tuple[int, str]]]:
    load = cache_wilayah.subdistrict()
    return bool(load.synthetic), mapview.rounds(load.table)


def overview(key: tuple) -> tuple[bool, list[tuple[int, str]]]:
    """``(synthetic, rounds)`` of the e-PPGBM wilayah data in force: whether
    it is the demo (the page shows its banner) and its rounds, newest first
    (:func:`kp2s_dashboard.subdistrict.mapview.rounds`); read once per data
    version instead of copying the whole table on every run.

    Raises:
        DataError: the file in force cannot be read (not cached).
    """
    return _overview(key)


def breadcrumb(position: dr.Drill, key: tuple, lang: str) -> None:
    """The trail ``Provinsi Kalimantan Selatan › Banjar › Kecamatan X`` as a
    row of buttons (the current step disabled); a click moves the URL there
    in its callback, before the script runs."""
    crumbs = dr.breadcrumb(position, kecamatan_names(key), lang)
    st.caption(t("wil.crumb_label", lang))
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        for i, crumb in enumerate(crumbs):
            if i:
                st.markdown("›", width="content")
            st.button(crumb.label, key=f"wil_crumb_{i}", disabled=crumb.current, width="content",
                      type="secondary" if crumb.current else "primary",
                      on_click=state.set_drill, args=(crumb.target,))


def lokus_set(chosen: tuple[int, str]) -> tuple[frozenset[str], int | None]:
    """The desa lokus codes to mark for the round ``chosen`` and the year of
    their list (:func:`kp2s_dashboard.subdistrict.mapview.lokus_marks`); empty
    when no list can be read (the page then marks none)."""
    return mapview.lokus_marks(_lokus_table(), chosen[0])


@st.cache_resource(show_spinner=False, max_entries=48)
def _map_figure(key: tuple, position: dr.Drill, chosen: tuple[int, str], lang: str):
    view, shown = position.level, position.shown
    shapes = cache_wilayah.display_shapes(shown, view)
    if isinstance(shapes, BoundaryError):
        return shapes
    if position.within:
        shapes = shapes[shapes["code"].str.startswith(position.within)]
    geojson = cache_wilayah.display_geojson(shown, view, position.within)
    load = cache_wilayah.subdistrict()
    areas = mapview.map_rows(load.table, shown, chosen[1], position.within, load.min_children)
    rows = drilldown.map_table(areas, shapes, lang)
    borders = None
    if view == "province":
        borders = cache_wilayah.display_shapes("kabupaten", "province")
    elif view == "district" and shown == "desa":
        kec = cache_wilayah.display_shapes("kecamatan", "district")
        borders = kec if isinstance(kec, BoundaryError) else kec[kec["code"].str.startswith(position.district)]
    if isinstance(borders, BoundaryError):
        borders = None
    lokus, year = lokus_set(chosen) if shown == "desa" else (frozenset(), None)
    fig = drilldown.drill_map(
        rows, shapes, geojson, shown, t("wil.round_label", lang, period=chosen[1]), lang,
        borders=borders, lokus=lokus, selected=position.desa, labels=view == "kecamatan",
        lokus_label=t("wil.legend_lokus_year", lang, year=year) if year else None,
    )
    return fig, rows


def map_figure(position: dr.Drill, key: tuple, chosen: tuple[int, str], lang: str):
    """``(figure, rows)`` of the map at ``position`` for the round ``chosen``
    (rows: :func:`kp2s_dashboard.figures.drilldown.map_table`), or the
    :class:`BoundaryError` when the boundaries of the level drawn are missing.
    ``key``: :func:`data_key`. Built once per data version, position, round and language and shared
    between sessions: do not modify the figure or the rows."""
    return _map_figure(key, position, chosen, lang)


def map_key(position: dr.Drill) -> str:
    """Widget key of the map at ``position``: one per area drawn, so that a
    new level starts without the previous level's selection."""
    return f"wil_map_{position.within or 'all'}_{position.shown}"


def on_map_click(position: dr.Drill) -> None:
    """Callback of the map's selection: move the URL to the clicked area
    (:meth:`kp2s_dashboard.geo.drill.Drill.down`) before the script runs."""
    event = st.session_state.get(map_key(position))
    clicked = ui.clicked_location(_Event(event))
    if clicked:
        moved = position.down(clicked)
        if moved != position:
            state.set_drill(moved)


class _Event:
    """The selection state kept in ``st.session_state`` for a chart key, read
    like the object ``st.plotly_chart`` returns."""

    def __init__(self, state: object):
        selection = state.get("selection") if isinstance(state, dict) else getattr(state, "selection", None)
        points = selection.get("points") if isinstance(selection, dict) else getattr(selection, "points", None)
        self.selection = type("Selection", (), {"points": points or []})()


def demo_banner(synthetic: bool, lang: str) -> None:
    """The sample-data banner when the data shown are the synthetic demo."""
    if synthetic:
        st.warning(t("wil.synthetic_banner", lang))


def register_note(lang: str) -> None:
    """The reminder that these are register figures, not a survey."""
    st.caption(t("wil.register_note", lang))


@st.cache_data(show_spinner=False, max_entries=64)
def _tables(key: tuple, district: str, kecamatan: str | None, period: str, lang: str):
    table = cache_wilayah.subdistrict().table
    lokus = _lokus_table()
    desa = views.area_ranking(table, district, "desa", period, lokus=lokus)
    ranked, kecamatan_name = int(desa["rank"].notna().sum()), None
    if kecamatan:
        desa = desa[desa["kode_wilayah"].map(dr.area_code).str.startswith(kecamatan)]
        kecamatan_name = str(desa["kecamatan"].iloc[0]) if len(desa) else None
    kec = views.area_ranking(table, district, "kecamatan", period).drop(columns=["lokus", "kecamatan"])
    compared = None if lokus is None or lokus.empty else views.lokus_comparison(table, lokus, district, period)
    def label(frame):  # rates shown with one decimal, as the map's hover shows them
        if frame is None:
            return None
        rates = [c for c in ("prevalence", "ci_low", "ci_high", "coverage", "previous_prevalence", "change",
                             "median_prevalence") if c in frame]
        return views.labelled(frame.assign(**{c: frame[c].astype("float64").round(1) for c in rates}), lang)

    return label(desa), label(kec), label(compared), ranked, kecamatan_name


def district_tables(position: dr.Drill, key: tuple, chosen: tuple[int, str], lang: str) -> None:
    """The tables of the district at ``position`` for round ``chosen``
    (:mod:`kp2s_dashboard.subdistrict.views`): desa and kecamatan ranked by
    prevalence with their denominators, coverage and change since the
    previous round, and lokus vs non-lokus desa. At the kecamatan level the
    desa table keeps only that kecamatan's desa, with their ranks among the
    district's, and says so."""
    district = f"{position.district[:2]}.{position.district[2:]}"
    desa, kec, compared, ranked, kecamatan_name = _tables(key, district, position.kecamatan, chosen[1], lang)
    # Lazy tabs: only the open tab's table is drawn (the district's desa table is the costly one), and the
    # kecamatan table opens first at the district level, the kecamatan's desa at the kecamatan level.
    names = {"kec": t("wil.tab_kecamatan", lang), "desa": t("wil.tab_desa", lang), "lokus": t("wil.tab_lokus", lang)}
    order = ["desa", "kec", "lokus"] if position.kecamatan else ["kec", "desa", "lokus"]
    tabs = dict(zip(order, ui.tabs([names[k] for k in order], key=f"wil_tabs_{position.level}")))
    for name, frame in (("kec", kec), ("desa", desa), ("lokus", compared)):
        if tabs[name].open:
            with tabs[name]:
                if frame is None:
                    st.caption(t("wil.no_lokus", lang))
                else:
                    if name == "desa" and kecamatan_name:
                        st.caption(t("newcomer.wil.desa_rank_note", lang, kecamatan=ui.plain(kecamatan_name),
                                     n=ranked, district=registry().short_name(position.district)))
                    _show(frame, lang)


def _show(frame, lang: str) -> None:
    # every whole number of these tables is a count or a rank (no year): written with thousands separators
    counts = {c: 0 for c in frame.columns if pd.api.types.is_integer_dtype(frame[c])}
    ui.dataframe(ui.table(frame, lang, counts), hide_index=True, width="stretch")
