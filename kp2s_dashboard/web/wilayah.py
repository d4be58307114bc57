"""Streamlit pieces of the Kecamatan & desa page (``pages/wilayah.py``): the
breadcrumb, the map assembled from the cached shapes, the lokus list in force
and the district tables. The computations are pure and live in
:mod:`kp2s_dashboard.geo.drill` (position, rounds, rows) and
:mod:`kp2s_dashboard.figures.drilldown` (the figure)."""

from __future__ import annotations

import streamlit as st

from kp2s_dashboard.errors import BoundaryError, KP2SError
from kp2s_dashboard.figures import drilldown
from kp2s_dashboard.geo import drill as dr
from kp2s_dashboard.i18n import t
from kp2s_dashboard.subdistrict import mapview, views
from kp2s_dashboard.web import cache, state, ui


def known_codes(table) -> set[str]:
    """Kecamatan and desa codes (digits) that exist: in the boundary files
    and in the data ``table``; used to validate the URL."""
    codes = set(table["kode_wilayah"].map(dr.area_code)) if table is not None and len(table) else set()
    for level in ("kecamatan", "desa"):
        shapes = cache.display_shapes(level, "province")
        if not isinstance(shapes, BoundaryError):
            codes.update(shapes["code"].astype(str))
    return codes


def kecamatan_names(table) -> dict[str, str]:
    """Kecamatan code (6 digits) -> name, from the boundary file, else the data."""
    names: dict[str, str] = {}
    if table is not None and len(table):
        kec = table[table["level"] == "kecamatan"]
        names.update(zip(kec["kode_wilayah"].map(dr.area_code), kec["name"].astype(str)))
    shapes = cache.display_shapes("kecamatan", "province")
    if not isinstance(shapes, BoundaryError):
        names.update(zip(shapes["code"].astype(str), shapes["name"].astype(str)))
    return names


def breadcrumb(position: dr.Drill, lang: str) -> None:
    """The trail ``Provinsi Kalimantan Selatan › Banjar › Kecamatan X`` as a
    row of buttons (the current step disabled); a click moves the URL there."""
    crumbs = dr.breadcrumb(position, kecamatan_names(cache.subdistrict().table), lang)
    st.caption(t("wil.crumb_label", lang))
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        for i, crumb in enumerate(crumbs):
            if i:
                st.markdown("›", width="content")
            if st.button(crumb.label, key=f"wil_crumb_{i}", disabled=crumb.current, width="content",
                         type="secondary" if crumb.current else "primary"):
                state.set_drill(crumb.target)
                st.rerun()


def lokus_set(chosen: tuple[int, str]) -> tuple[frozenset[str], int | None]:
    """The desa lokus codes to mark for the round ``chosen`` and the year of
    their list (:func:`kp2s_dashboard.subdistrict.mapview.lokus_marks`); empty
    when no list can be read (the page then marks none)."""
    try:
        loaded = cache.lokus()
    except KP2SError:
        return frozenset(), None
    return mapview.lokus_marks(loaded.table, chosen[0])


def map_figure(position: dr.Drill, load, chosen: tuple[int, str], lang: str):
    """``(figure, rows)`` of the map at ``position`` for the round ``chosen``
    (rows: :func:`kp2s_dashboard.figures.drilldown.map_table`), or the
    :class:`BoundaryError` when the boundaries of the level drawn are missing."""
    view, shown = position.level, position.shown
    shapes = cache.display_shapes(shown, view)
    if isinstance(shapes, BoundaryError):
        return shapes
    if position.within:
        shapes = shapes[shapes["code"].str.startswith(position.within)]
    geojson = cache.display_geojson(shown, view, position.within)
    areas = mapview.map_rows(load.table, shown, chosen[1], position.within, load.min_children)
    rows = drilldown.map_table(areas, shapes, lang)
    borders = None
    if view == "province":
        borders = cache.display_shapes("kabupaten", "province")
    elif view == "district" and shown == "desa":
        kec = cache.display_shapes("kecamatan", "district")
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


def demo_banner(load, lang: str) -> None:
    """The sample-data banner when the data shown are the synthetic demo."""
    if load.synthetic:
        st.warning(t("wil.synthetic_banner", lang))


def register_note(lang: str) -> None:
    """The reminder that these are register figures, not a survey."""
    st.caption(t("wil.register_note", lang))


def district_tables(load, position: dr.Drill, chosen: tuple[int, str], lang: str) -> None:
    """The tables of the district at ``position`` for round ``chosen``
    (:mod:`kp2s_dashboard.subdistrict.views`): kecamatan and desa ranked by
    prevalence with their denominators, coverage and change since the
    previous round, and lokus vs non-lokus desa. At the kecamatan level the
    desa table keeps only that kecamatan's desa."""
    district = f"{position.district[:2]}.{position.district[2:]}"
    try:
        lokus = cache.lokus().table
    except KP2SError:
        lokus = None
    tabs = st.tabs([t("wil.tab_desa", lang), t("wil.tab_kecamatan", lang), t("wil.tab_lokus", lang)])
    with tabs[0]:
        desa = views.area_ranking(load.table, district, "desa", chosen[1], lokus=lokus)
        if position.kecamatan:
            desa = desa[desa["kode_wilayah"].map(dr.area_code).str.startswith(position.kecamatan)]
        _show(desa, lang)
    with tabs[1]:
        _show(views.area_ranking(load.table, district, "kecamatan", chosen[1]).drop(columns=["lokus", "kecamatan"]),
              lang)
    with tabs[2]:
        if lokus is None or lokus.empty:
            st.caption(t("wil.no_lokus", lang))
        else:
            _show(views.lokus_comparison(load.table, lokus, district, chosen[1]), lang)


def _show(frame, lang: str) -> None:
    st.dataframe(ui.table(views.labelled(frame, lang), lang), hide_index=True, width="stretch")
