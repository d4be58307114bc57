"""The letter the province hands each kabupaten/kota after the assessment:
*Penyampaian hasil penilaian kinerja dan rekomendasi*, as a Word document
(python-docx), A4, in Bahasa Indonesia by default.

Contents (:func:`letter_content` gathers them, :func:`letter_docx` writes them):

- the district's rank among the districts ranked, its score (total) and the
  province mean of that score, from
  :func:`kp2s_dashboard.assessment.result.district_result` on the result in
  force (:func:`~kp2s_dashboard.assessment.result.in_force`) — the same call
  the Aksi page, Profil and the deck make, so the letter shows their numbers;
- the score per convergence action (0–100) beside the province mean per
  action, from :func:`kp2s_dashboard.districts.assessment_results.action_profile`
  of :func:`kp2s_dashboard.assessment.views.build_views`' ``action_scores``
  (as Profil), as a native Word table and, when an image engine is there,
  Profil's chart (:func:`kp2s_dashboard.figures.compare.action_bars`) as a
  picture;
- the district's recommendations of that assessment year with the
  responsible perangkat daerah, the due date and the status;
- a signature block with placeholders (place, date, name, NIP).

Sample scores or a sample round of recommendations put
*Data contoh — bukan hasil resmi* on top of the letter and in the header
of every page.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
from dataclasses import dataclass, field

import pandas as pd

from kp2s_dashboard import safetext
from kp2s_dashboard.i18n import fmt_date, fmt_number, fmt_signed, t
from kp2s_dashboard.recommendations import model as M
from kp2s_dashboard.recommendations.views import action_label, status_label
from kp2s_dashboard.regions import registry

#: Columns of :attr:`LetterContent.actions`.
ACTION_COLUMNS = ["action", "action_name", "score_pct", "province_mean"]
#: Columns of :attr:`LetterContent.recommendations`.
REC_COLUMNS = ["id", "action", "text", "responsible", "due_date", "priority", "status"]


@dataclass
class LetterContent:
    """What the letter says, as plain data.

    Attributes:
        code, name: the district (``"6305"``, ``"Kabupaten Tapin"``).
        year_assessed, period: the assessment year and the performance
            period it scored (period None when unknown).
        rank: the district's rank (None when not ranked); ``n_ranked`` how
            many districts have a rank.
        score: its score (the value ranked, in the basis' units); NaN when none.
        basis: the ranking's basis (:data:`~kp2s_dashboard.assessment.result.BASES`).
        province_mean: the mean of ``score`` over the ranked districts.
        decimals: decimals to print scores with (2; 1 for ``action_mean``).
        actions: :data:`ACTION_COLUMNS` (``action`` int64, ``action_name``
            str, ``score_pct`` and ``province_mean`` float64 0–100).
        recommendations: :data:`REC_COLUMNS` (``id`` int64, ``action``
            Int64, ``due_date`` date or None, ``status`` as of the letter's
            date).
        synthetic: the scores are sample data; ``demo_recommendations``: the
            recommendations are the sample round.
        files: the assessment files the scores come from.
    """

    code: str
    name: str
    year_assessed: int | None
    period: int | None
    rank: int | None
    n_ranked: int
    score: float
    basis: str
    province_mean: float
    decimals: int
    actions: pd.DataFrame
    recommendations: pd.DataFrame
    synthetic: bool = False
    demo_recommendations: bool = False
    files: list[str] = field(default_factory=list)

    @property
    def demo(self) -> bool:
        """Whether the letter carries the sample-data mark."""
        return self.synthetic or self.demo_recommendations


def letter_content(result, code: str, recs: pd.DataFrame, entries: pd.DataFrame, *, as_of: _dt.date,
                   lang: str = "id", demo_recommendations: bool = False,
                   year_assessed: int | None = None) -> LetterContent:
    """The letter's content for district ``code``.

    Args:
        result: the assessment result in force (``in_force(...).result``),
            or None (no scores: the letter then says so).
        recs, entries: recommendations and their history
            (:func:`kp2s_dashboard.recommendations.model.frames` or the demo
            round); those of ``code`` and of the assessment year are listed
            (all of the district's when that year has none).
        as_of: the date of the statuses listed (the letter's date).
        year_assessed: the assessment year; default the newest in ``result``.

    Raises:
        RegionNotFoundError: ``code`` is unknown.
    """
    from kp2s_dashboard.assessment.result import district_result
    from kp2s_dashboard.assessment.views import build_views, period_of, years_assessed
    from kp2s_dashboard.districts.assessment_results import action_profile

    region = registry().get(code)
    year = period = rank = None
    n_ranked, score, basis, mean, decimals = 0, math.nan, "none", math.nan, 2
    actions = pd.DataFrame(columns=ACTION_COLUMNS)
    synthetic, files = False, []
    if result is not None and years_assessed(result):
        years = years_assessed(result)
        year = year_assessed if year_assessed in years else years[0]
        period = period_of(result, year)
        ranked = district_result(result, year, "")  # the one score and rank (Aksi, Profil, deck)
        basis = str(ranked["basis"].iloc[0]) if len(ranked) else "none"
        decimals = 1 if basis == "action_mean" else 2
        has_rank = ranked[ranked["rank"].notna()]
        n_ranked = len(has_rank)
        mean = float(has_rank["score"].mean()) if n_ranked else math.nan
        own = ranked[ranked["code"] == code]
        if len(own):
            score = float(own["score"].iloc[0])
            rank = None if pd.isna(own["rank"].iloc[0]) else int(own["rank"].iloc[0])
        profile = action_profile(build_views(result, year).action_scores, code, result.instrument, lang)
        if len(profile):
            actions = pd.DataFrame({
                "action": profile["action"].astype("int64").to_numpy(),
                "action_name": [str(n) for n in profile["action_name"]],
                "score_pct": profile["score_pct"].astype("float64").to_numpy(),
                "province_mean": profile["province_mean"].astype("float64").to_numpy(),
            })
        synthetic = bool(result.synthetic)
        files = [str(f) for f in (result.meta.get("files") or [result.meta.get("file")]) if f]
    own_recs = recs[recs["district_code"] == region.code]
    if year is not None and (own_recs["year_assessed"] == year).any():
        own_recs = own_recs[own_recs["year_assessed"] == year]
    current = M.current_table(own_recs, entries[entries["recommendation_id"].isin(own_recs["id"])], as_of)
    current = current.assign(_a=current["action"].fillna(99).astype("int64") if len(current) else 0)
    current = current.sort_values(["_a", "id"], kind="stable")
    rec_table = pd.DataFrame({
        "id": current["id"].astype("int64").to_numpy(),
        "action": current["action"].astype("Int64").to_numpy(),
        # text typed or imported: a control character would make Word's XML refuse the whole letter
        "text": [safetext.xml_text(str(x)) for x in current["text"]],
        "responsible": [safetext.xml_text(str(x)) for x in current["responsible"]],
        "due_date": list(current["due_date"]),
        "priority": [p if isinstance(p, str) else None for p in current["priority"]],
        "status": list(current["status"]),
    }, columns=REC_COLUMNS)
    rec_table["action"] = rec_table["action"].astype("Int64")
    return LetterContent(code=region.code, name=region.name, year_assessed=year, period=period, rank=rank,
                         n_ranked=n_ranked, score=score, basis=basis, province_mean=mean, decimals=decimals,
                         actions=actions, recommendations=rec_table, synthetic=synthetic,
                         demo_recommendations=demo_recommendations, files=files)


def file_name(code: str, day: _dt.date) -> str:
    """``surat_rekomendasi_tapin_2026-12-04.docx`` (district, letter date)."""
    slug = "".join(c if c.isalnum() else "_" for c in registry().get(code).short_name.lower()).strip("_")
    return f"surat_rekomendasi_{slug}_{day.isoformat()}.docx"


def letter_bytes(result, code: str, recs: pd.DataFrame, entries: pd.DataFrame, *, as_of: _dt.date,
                 day: _dt.date | None = None, lang: str = "id", demo_recommendations: bool = False,
                 chart: bool = True) -> bytes:
    """:func:`letter_content` then :func:`letter_docx` in one call (what the
    download button runs when pressed)."""
    content = letter_content(result, code, recs, entries, as_of=as_of, lang=lang,
                             demo_recommendations=demo_recommendations)
    return letter_docx(content, lang, day, chart=chart)


# -- the Word document ---------------------------------------------------------------------------
def _chart_png(content: LetterContent, lang: str) -> bytes | None:
    """Profil's per-action chart as a PNG, or None without an image engine."""
    from kp2s_dashboard.export.tables import ImageEngineError, figure_image
    from kp2s_dashboard.figures.compare import action_bars

    if content.actions.empty:
        return None
    frame = content.actions.assign(rank=pd.NA, n=pd.NA)
    fig = action_bars(frame, lang)
    fig.update_traces(textfont_size=16, selector={"type": "bar"})
    fig.update_yaxes(tickfont={"size": 17})
    fig.update_xaxes(tickfont={"size": 15}, title_font={"size": 16})
    fig.update_layout(title=None, paper_bgcolor="white", plot_bgcolor="white", font={"size": 16},
                      margin={"l": 10, "r": 20, "t": 10, "b": 10}, legend={"orientation": "h", "y": -0.14, "font": {"size": 16}})
    try:
        return figure_image(fig, "png", width=1000, height=520, scale=2)
    except ImageEngineError:
        return None


def letter_docx(content: LetterContent, lang: str = "id", day: _dt.date | None = None,
                chart: bool = True) -> bytes:
    """The letter as .docx bytes (A4 portrait, 2.5 cm margins).

    ``day`` is the letter's date (today by default); ``chart`` adds Profil's
    per-action chart as a picture when an image engine is there (the table
    is always there). Text from the data (recommendations, names) is written
    as plain text runs.
    """
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt, RGBColor

    day = day or _dt.date.today()
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    rpr = normal.element.get_or_add_rPr()
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), "id-ID" if lang == "id" else "en-GB")
    rpr.append(lang_el)
    normal.paragraph_format.space_after = Pt(4)
    doc.core_properties.title = t("letter.subject", lang)
    doc.core_properties.language = "id-ID" if lang == "id" else "en-GB"
    red = RGBColor(0xC0, 0x00, 0x00)
    demo_text = t("asm.synthetic_banner", lang)
    if content.demo:
        doc.core_properties.keywords = "kp2s:synthetic"
        head = section.header.paragraphs[0]
        run = head.add_run(demo_text)
        run.bold, run.font.color.rgb = True, red
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    foot = section.footer.paragraphs[0]
    foot.add_run(t("letter.footer", lang, date=fmt_date(day, lang))).font.size = Pt(8)

    def para(text: str = "", *, bold: bool = False, size: float | None = None, align=None, italic: bool = False,
             colour=None, after: float | None = None):
        p = doc.add_paragraph()
        if text:
            r = p.add_run(text)
            r.bold, r.italic = bold, italic
            if size:
                r.font.size = Pt(size)
            if colour is not None:
                r.font.color.rgb = colour
        if align is not None:
            p.alignment = align
        if after is not None:
            p.paragraph_format.space_after = Pt(after)
        return p

    def shade(cell, fill: str) -> None:
        props = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        props.append(shd)

    def table(header: list[str], rows: list[list[str]], widths: list[float], numeric: set[int]):
        tbl = doc.add_table(rows=1, cols=len(header))
        tbl.style = "Table Grid"
        tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i, text in enumerate(header):
            cell = tbl.rows[0].cells[i]
            cell.text = ""
            r = cell.paragraphs[0].add_run(text)
            r.bold, r.font.size = True, Pt(9.5)
            shade(cell, "DDEBF7")
        for values in rows:
            cells = tbl.add_row().cells
            for i, text in enumerate(values):
                cells[i].text = ""
                r = cells[i].paragraphs[0].add_run(text)
                r.font.size = Pt(9.5)
                if i in numeric:
                    cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        tbl.autofit = False  # fixed widths (LibreOffice reads the grid, Word the cells)
        for i, w in enumerate(widths):
            tbl.columns[i].width = Cm(w)
        for row in tbl.rows:
            for i, w in enumerate(widths):
                row.cells[i].width = Cm(w)
        # no row is split across two pages
        for row in tbl.rows:
            keep = OxmlElement("w:cantSplit")
            keep.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(keep)
        # the header row repeats on every page
        trpr = tbl.rows[0]._tr.get_or_add_trPr()
        hdr = OxmlElement("w:tblHeader")
        hdr.set(qn("w:val"), "true")
        trpr.append(hdr)
        return tbl

    # -- letterhead, number, addressee ----------------------------------------------------------
    para(t("letter.letterhead", lang), bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    para(t("letter.letterhead_sub", lang), size=10, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True)
    if content.demo:
        para(f"⚠ {demo_text}", bold=True, colour=red, align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
        para(t("letter.demo_note", lang), italic=True, colour=red, size=9, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(t("letter.place_date", lang, date=fmt_date(day, lang)), align=WD_ALIGN_PARAGRAPH.RIGHT)
    for key, value in (("letter.number", t("letter.number_blank", lang)),
                       ("letter.attachment", t("letter.attachment_value", lang)),
                       ("letter.subject_label", t("letter.subject", lang))):
        p = para(after=0)
        p.add_run(f"{t(key, lang)}\t: ").bold = False
        r = p.add_run(value)
        r.bold = key == "letter.subject_label"
        p.paragraph_format.tab_stops.add_tab_stop(Cm(2.5))
    para()
    head_title = t("letter.head_kota" if registry().get(content.code).level == "kota" else "letter.head_kabupaten",
                   lang, name=registry().get(content.code).short_name)
    para(t("letter.to", lang), after=0)
    para(head_title, bold=True, after=0)
    para(t("letter.at", lang))

    year = content.year_assessed
    period = content.period if content.period is not None else "–"
    para(t("letter.opening", lang, name=content.name, year=year or "–", period=period),
         align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    # -- 1. result ---------------------------------------------------------------------------------
    para(t("letter.section_result", lang), bold=True)
    if year is None:
        para(t("letter.no_result", lang))
    else:
        d = content.decimals
        rank_text = (t("letter.rank_value", lang, rank=content.rank, n=content.n_ranked)
                     if content.rank is not None else t("letter.not_ranked", lang))
        facts = [(t("letter.rank", lang), rank_text),
                 (t("letter.total", lang), fmt_number(content.score, lang, d)),
                 (t("letter.province_mean", lang, n=content.n_ranked), fmt_number(content.province_mean, lang, d)),
                 (t("letter.basis", lang), t(f"asm.basis_rank.{content.basis}", lang))]
        tbl = table([t("letter.col.item", lang), t("letter.col.value", lang)], [[a, b] for a, b in facts],
                    [7.5, 8.5], {1})
        for row in tbl.rows[1:3]:
            for r in row.cells[1].paragraphs[0].runs:
                r.bold = True
        para()
        if content.actions.empty:
            para(t("letter.no_actions", lang))
        else:
            para(t("letter.actions_intro", lang), after=2)
            rows = []
            for a in content.actions.itertuples(index=False):
                gap = a.score_pct - a.province_mean
                rows.append([str(int(a.action)), a.action_name, fmt_number(a.score_pct, lang, 1),
                             fmt_number(a.province_mean, lang, 1),
                             fmt_signed(gap, lang, 1)])
            table([t("letter.col.no", lang), t("letter.col.action", lang), t("letter.col.score", lang),
                   t("letter.col.province_mean", lang), t("letter.col.gap", lang)], rows,
                  [1.0, 7.4, 2.5, 2.7, 2.4], {0, 2, 3, 4})
            png = _chart_png(content, lang) if chart else None
            if png is not None:
                para()
                doc.add_picture(io.BytesIO(png), width=Cm(15.5))
                doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
                para(t("letter.chart_caption", lang), italic=True, size=9, align=WD_ALIGN_PARAGRAPH.CENTER)
        para(t("letter.source", lang, files=", ".join(content.files) or "–"), italic=True, size=9)

    # -- 2. recommendations ----------------------------------------------------------------------
    para(t("letter.section_recs", lang), bold=True)
    if content.recommendations.empty:
        para(t("letter.no_recs", lang))
    else:
        para(t("letter.recs_intro", lang), align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=2)
        rows = []
        for i, r in enumerate(content.recommendations.itertuples(index=False), start=1):
            due = fmt_date(r.due_date, lang) if isinstance(r.due_date, _dt.date) else "–"
            rows.append([str(i), action_label(r.action, lang), r.text, r.responsible, due,
                         status_label(r.status, lang)])
        table([t("letter.col.no", lang), t("letter.col.action", lang), t("letter.col.recommendation", lang),
               t("letter.col.responsible", lang), t("letter.col.due", lang), t("letter.col.status", lang)], rows,
              [1.0, 1.5, 5.5, 2.6, 2.5, 2.9], {0})  # the status column holds "ditindaklanjuti" whole
    para()
    para(t("letter.closing", lang), align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    para(t("letter.thanks", lang))

    # -- signature block ---------------------------------------------------------------------------
    para().paragraph_format.keep_with_next = True
    for line in ("letter.sign_office", "letter.sign_space", "letter.sign_name", "letter.sign_nip"):
        p = para(t(line, lang), bold=line == "letter.sign_name", after=0)
        p.paragraph_format.left_indent = Cm(9)
        p.paragraph_format.keep_with_next = line != "letter.sign_nip"  # the block never splits over pages
        if line == "letter.sign_space":
            p.paragraph_format.space_after = Pt(40)
    para()
    para(t("letter.cc", lang), size=9, after=0)
    for line in t("letter.cc_list", lang).split(";"):
        para(f"– {line.strip()}", size=9, after=0)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
