"""Validasi: the validation report of the assessment workbooks (loaded or
uploaded), its download, and empty templates to fill."""

import datetime
import hashlib

import streamlit as st

from kp2s_dashboard.web import cache, state, ui
from kp2s_dashboard.assessment import summary as sa
from kp2s_dashboard.sheets import uploads as guard
from kp2s_dashboard.assessment import available_years
from kp2s_dashboard.errors import DataError
from kp2s_dashboard.i18n import t

ui.ensure_router()
lang = state.lang()
st.title(t("asm.val.title", lang))
st.caption(t("asm.val.intro", lang))

uploads: dict[str, bytes] = st.session_state.setdefault(sa.UPLOADS_KEY, {})
generation = st.session_state.setdefault("val_upload_generation", 0)
loaded = cache.assessment_sources()
loaded_names = {cache.source_name(s): s for s in loaded}


def clear_uploads() -> None:
    st.session_state[sa.UPLOADS_KEY] = {}
    st.session_state["val_upload_generation"] = generation + 1


picked = st.multiselect(t("asm.val.loaded", lang), list(loaded_names), default=list(loaded_names), key="val_files")
left, right = st.columns([3, 2])
with left:
    files = st.file_uploader(t("asm.val.upload", lang), type=sa.UPLOAD_TYPES, accept_multiple_files=True,
                             key=f"val_upload_{generation}", help=t("asm.val.upload_help", lang))
    refused: list[DataError] = []
    for upload in files or []:
        # the guard runs before anything reads the file; only accepted files are kept in the session
        try:
            guard.check_size(upload.name, upload.size)
            content = upload.getvalue()
            if uploads.get(upload.name) != content:
                guard.check_upload(upload.name, content, suffixes=tuple(f".{s}" for s in sa.UPLOAD_TYPES))
        except DataError as exc:
            uploads.pop(upload.name, None)
            refused.append(exc)
            continue
        uploads[upload.name] = content
    for exc in refused:
        ui.show_error(exc, lang, title_key="asm.val.unreadable_title")
with right:
    year_options = [ui.NONE] + sorted(available_years(), reverse=True)
    upload_year = ui.from_option(st.selectbox(
        t("asm.val.year_override", lang), year_options, key="val_upload_year",
        format_func=lambda y: t("asm.val.year_from_file", lang) if y == ui.NONE else str(y)))
    st.session_state[sa.UPLOAD_YEAR_KEY] = upload_year
    if uploads:
        st.caption(f"{t('asm.val.uploaded', lang)}: " + ui.plain(", ".join(uploads)))
        st.button(t("asm.val.clear_uploads", lang), on_click=clear_uploads, icon=":material/delete:",
                  key="val_clear_uploads")

sources = [(name, loaded_names[name], False) for name in picked]
sources += [(name, cache.upload_source(name, content, upload_year), True) for name, content in uploads.items()]


def check_files() -> list[sa.CheckedFile]:
    checked = []
    for name, source, uploaded in sources:
        try:
            checked.append(sa.CheckedFile(name=name, result=cache.assessment_workbook(source), uploaded=uploaded))
        except DataError as exc:
            checked.append(sa.CheckedFile(name=name, error=exc, uploaded=uploaded))
    return checked


# the report and its tables, computed once per set of files, kind in force and language (read only below)
choice = state.assessment_choice()
files_key = tuple((name, uploaded, source if not uploaded else hashlib.sha256(source[2]).hexdigest(), source[-1])
                  for name, source, uploaded in sources)  # an upload by its digest: hashed once, not per cache call
report_key = (files_key, choice, lang, datetime.date.today().isoformat())
checked = cache.shared("val_checked", report_key, check_files)

if not checked:
    st.info(t("asm.val.nothing", lang))
else:
    for item in checked:
        if item.error is not None:
            ui.show_error(item.error, lang, title_key="asm.val.unreadable_title")
    combined = cache.shared("val_combined", report_key, lambda: sa.combined_report(checked, choice))
    if combined is not None and combined.synthetic:
        st.warning(f"### {t('asm.synthetic_banner', lang)}", icon=":material/science:")
    if combined is not None:
        report = combined.report
        n_open = sum(1 for c in checked if c.result is not None)
        if report.errors:
            st.error(t("asm.val.has_errors", lang, n=len(report.errors)), icon=":material/error:")
        elif report.warnings:
            st.warning(t("asm.val.has_warnings", lang, n=len(report.warnings)), icon=":material/warning:")
        else:
            st.success(t("asm.val.clean", lang, n=n_open), icon=":material/check_circle:")
        st.markdown(sa.counts_text(report, lang))

        st.subheader(t("asm.val.files_title", lang))
        files_shown = cache.derived("val_files", report_key, lambda: sa.for_display(sa.files_table(checked, lang), lang))
        ui.dataframe(files_shown, hide_index=True, width="stretch")

        for severity in ("error", "warning", "info"):
            part = cache.derived("val_report", (report_key, severity), lambda: sa.report_table(report, lang, severity))
            st.subheader(t("asm.val.section", lang, label=t(f"asm.severity_plural.{severity}", lang), n=len(part)))
            if part.empty:
                st.caption(t("asm.val.none_of_kind", lang))
            else:
                ui.dataframe(cache.derived("val_report_shown", (report_key, severity), lambda: sa.for_display(
                    part, lang)), hide_index=True, width="stretch", key=f"val_table_{severity}",
                             column_config={t("asm.col.message", lang): st.column_config.TextColumn(width="large")})
        rejected = cache.derived("val_rejected", report_key, lambda: sa.rejected_table(combined, lang))
        with st.expander(t("asm.val.rejected_title", lang, n=len(rejected))):
            ui.dataframe(rejected, hide_index=True, width="stretch")

        st.subheader(t("asm.val.download", lang))
        download = cache.shared("val_export", report_key, lambda: sa.validation_export(checked, lang))
        ui.downloads(download.findings, download.stem, lang, key="val_dl", sources=download.sources,
                     notes=download.notes, sheets=download.sheets)

try:
    published = cache.assessment_published()
except DataError as exc:
    ui.show_error(exc, lang)
else:
    with st.expander(t("asm.val.published_title", lang, file="kp2s_results.csv")):
        st.markdown(sa.counts_text(published.report, lang))
        pub_findings = sa.report_table(published.report, lang)
        if pub_findings.empty:
            st.caption(t("asm.val.none_of_kind", lang))
        else:
            ui.dataframe(sa.for_display(pub_findings, lang), hide_index=True, width="stretch")

st.divider()
st.subheader(t("asm.tpl.section", lang))
st.caption(t("asm.tpl.help", lang))
t1, t2, t3 = st.columns([1, 2, 2])
with t1:
    tpl_year = st.selectbox(t("asm.tpl.year", lang), sorted(available_years(), reverse=True), key="val_tpl_year")
with t2:
    tpl_layout = st.radio(t("asm.tpl.layout", lang), ["rekap", "assessor"], horizontal=True, key="val_tpl_layout",
                          format_func=lambda x: t(f"asm.layout.{x}", lang))
with t3:
    st.download_button(t("asm.tpl.download", lang), cache.assessment_template(tpl_year, tpl_layout),
                       file_name=f"templat_penilaian_{tpl_layout}_{tpl_year}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="val_tpl_download", icon=":material/download:")
