"""Labels and sentences of the assessment views, in the UI language.

Action and component names, items, the assessment year and performance
period, the source line and marks of a download, rank changes (▲/▼) and
what the page says about the files in force. Every text comes from the
catalogue through :func:`kp2s_dashboard.i18n.t`.
"""

from __future__ import annotations

import pandas as pd

from kp2s_dashboard.i18n import t


def action_names(instrument: object, lang: str = "id", actions: list[int] | None = None,
                 short: bool = False) -> dict[int, str]:
    """Action number → name in ``lang`` from the instrument (``Aksi n`` /
    ``Action n`` when unknown); ``short`` gives the instrument's short form
    (``short`` / ``short_en``, e.g. ``Perbup/Perwal``) for axes and tables."""
    numbers = actions if actions is not None else list(range(1, 9))
    out = {}
    for n in numbers:
        if instrument is not None and hasattr(instrument, "action_name"):
            out[int(n)] = instrument.action_name(int(n), lang, short=True) if short else instrument.action_name(int(n), lang)
        else:
            out[int(n)] = t("asm.action_n", lang, n=int(n))
    return out


def component_label(code: str | None, instrument: object, lang: str = "id") -> str:
    """Display name of a component code (None → rows without a component)."""
    if code is None:
        return t("asm.component.none", lang)
    found = instrument.component(code) if instrument is not None and hasattr(instrument, "component") else None
    if found is None:
        return str(code)
    return found.name_en if lang == "en" else found.name


def year_period_text(year_assessed: int | None, period: int | None, lang: str = "id") -> str:
    """``Tahun penilaian 2024 · periode kinerja 2023`` (never a bare "tahun")."""
    unknown = t("asm.unknown", lang)
    return t(
        "asm.year_period",
        lang,
        year_assessed=year_assessed if year_assessed is not None else unknown,
        period=period if period is not None else unknown,
    )


def source_text(files: list[str], year_assessed: int | None, period: int | None, lang: str = "id") -> str:
    """Where the assessment figures shown come from, as the page says it:
    ``berkas penilaian contoh_rekap_2024.xlsx · Tahun penilaian 2024 ·
    periode kinerja yang dinilai 2023`` (file names joined by commas, ``–``
    for none). Used in the figures' source line and in the downloads."""
    return t("asm.export_source", lang, files=", ".join(str(f) for f in files if f) or "–",
             year_period=year_period_text(year_assessed, period, lang))


def export_marks(files: list[str], year_assessed: int | None, period: int | None, synthetic: bool,
                 lang: str = "id") -> dict[str, list[str]]:
    """``sources`` and ``notes`` for a download of assessment figures
    (keyword arguments of :func:`kp2s_dashboard.web.ui.downloads` and of
    :func:`kp2s_dashboard.export.tables.to_csv_bytes` / ``to_xlsx_bytes``): the
    :func:`source_text` and, for sample data, the on-screen banner
    ``asm.synthetic_banner`` ("Data contoh — bukan hasil resmi")."""
    return {"sources": [source_text(files, year_assessed, period, lang)],
            "notes": [t("asm.synthetic_banner", lang)] if synthetic else []}


def rank_change_text(change: object, lang: str = "id") -> str:
    """``▲ 2`` (moved up 2 places), ``▼ 4``, ``= 0`` or ``–`` (unknown)."""
    if change is None or pd.isna(change):
        return "–"
    change = int(change)
    if change > 0:
        return t("asm.rank.up", lang, n=change)
    if change < 0:
        return t("asm.rank.down", lang, n=-change)
    return t("asm.rank.same", lang)


def item_label(action: object, indicator: object, component: object, instrument: object, lang: str = "id") -> str:
    """Short label of an assessed item: ``1.10`` (indicator), ``Aksi 3``
    (action score), or the component's name (``Paparan``), with the
    component appended to an action/indicator when there is one."""
    comp = None if component is None or pd.isna(component) else str(component)
    if indicator is not None and not pd.isna(indicator) and str(indicator):
        label = str(indicator)
    elif action is not None and not pd.isna(action):
        label = t("asm.action_n", lang, n=int(action))
    else:
        return component_label(comp, instrument, lang)
    return f"{label} ({component_label(comp, instrument, lang)})" if comp else label


# -- which files are in force -----------------------------------------------------------------
def kind_label(kind: str, lang: str = "id") -> str:
    """Display name of a kind of assessment file (``rekap`` → ``Rekap
    (kabupaten/kota ke bawah)``; a mixed file's layouts joined with ``+``)."""
    return " + ".join(t(f"asm.layout.{k}", lang) if k in ("rekap", "matrix", "assessor") else k
                      for k in str(kind).split("+"))


def kind_option(decided, kind: str, lang: str = "id") -> str:
    """A choice of the in-force select box: the kind and its files."""
    return f"{kind_label(kind, lang)}: {', '.join(decided.files.get(kind, []))}"


def in_force_text(decided, year: int | None, lang: str = "id") -> str:
    """What the page says about the files in force for ``year``, in words
    (``asm.in_force.default`` | ``choice`` | ``only``): the files, their
    kind and the rule that chose them. "" when nothing is in force."""
    if decided is None or year not in decided.chosen:
        return ""
    kind = decided.chosen[year]
    return t(f"asm.in_force.{decided.rule[year]}", lang, year=year, files=", ".join(decided.files_in_force(year)),
             kind=kind_label(kind, lang))
