"""Negative numbers in text and documents carry the minus sign "−" (U+2212),
never the hyphen "-" (issue 15 item 7, point 4): the one number formatter
(:func:`kp2s_dashboard.i18n.fmt_number`) and everything written through it
(the Aksi plan's lines, the letter), while the CSV/XLSX downloads keep plain
numbers a spreadsheet reads."""

from __future__ import annotations

import io
from datetime import date

import docx
import pandas as pd
import pytest

from kp2s_dashboard import assessment as asm
from kp2s_dashboard.assessment import plan as ap
from kp2s_dashboard.assessment import summary as sa
from kp2s_dashboard.assessment.result import in_force
from kp2s_dashboard.assessment.views import build_views
from kp2s_dashboard.districts.assessment_results import action_profile
from kp2s_dashboard.export import letter as L
from kp2s_dashboard.export import tables as T
from kp2s_dashboard.i18n import MINUS, fmt_number, fmt_pct, fmt_signed
from kp2s_dashboard.recommendations import demo as D
from kp2s_dashboard.store import datastore

TAPIN = "6305"


def test_minus_is_the_unicode_sign():
    assert MINUS == "\u2212"


@pytest.mark.parametrize(("value", "lang", "decimals", "text"), [
    (-17.94, "id", 1, "−17,9"),
    (-17.94, "en", 1, "−17.9"),
    (-1234.5, "id", 1, "−1.234,5"),
    (-1234.5, "en", 1, "−1,234.5"),
    (-3, "id", 0, "−3"),
    (-0.12345, "id", 2, "−0,12"),
    (17.94, "id", 1, "17,9"),
    # a value that rounds to zero has no sign, whichever side it came from
    (-0.04, "id", 1, "0,0"),
    (-0.4, "en", 0, "0"),
])
def test_fmt_number_writes_negatives_with_the_minus_sign(value, lang, decimals, text):
    assert fmt_number(value, lang, decimals) == text


def test_percent_and_signed_changes_use_the_same_sign():
    assert fmt_pct(-2.5, "id") == "−2,5%"
    assert fmt_signed(-17.94, "id") == "−17,9" and fmt_signed(17.94, "en") == "+17.9"
    # the sign follows the figure as printed: a change that rounds to zero is "±0,0", not "+0,0" or "−0,0"
    assert fmt_signed(0.04, "id") == "±0,0" and fmt_signed(-0.04, "en") == "±0.0"


@pytest.fixture(scope="module")
def result():
    """The demo workbooks in force, as the Aksi page, Profil and the letter take them."""
    return in_force([asm.load_workbook(f.path) for f in datastore.current_files("assessment")]).result


def test_aksi_plan_lines_print_the_gap_with_the_minus_sign(result):
    views = build_views(result, 2024)
    plan = ap.district_plan(result, views, TAPIN, {}, "id")
    lines = ap.priority_lines(plan, "id")
    gap = float(plan.gaps.loc[plan.gaps["priority"], "gap_to_province"].iloc[0])
    assert gap < 0
    assert f"— −{fmt_number(abs(gap), 'id', 1)} poin dari rata-rata provinsi" in lines[0]
    assert "-" not in lines[0].replace("rata-rata", "")


def test_letter_prints_the_gap_to_the_province_with_the_minus_sign(result):
    recs, entries = D.load()
    day = date(2026, 12, 4)
    hss = "6306"  # Hulu Sungai Selatan: in the demo, some actions above the province mean and some below
    content = L.letter_content(result, hss, recs, entries, as_of=day, demo_recommendations=True)
    document = docx.Document(io.BytesIO(L.letter_docx(content, "id", day, chart=False)))
    rows = [[c.text for c in row.cells] for row in document.tables[1].rows][1:]
    profile = action_profile(build_views(result, 2024).action_scores, hss, result.instrument, "id")
    gaps = list(profile["score_pct"] - profile["province_mean"])
    assert any(g < -0.05 for g in gaps) and any(g > 0.05 for g in gaps)  # both signs are printed
    assert [r[4] for r in rows] == [fmt_signed(g, "id", 1) for g in gaps]
    negative = [r[4] for r, g in zip(rows, gaps) if g < -0.05]
    assert negative and all(text.startswith("−") and "-" not in text for text in negative)
    positive = [r[4] for r, g in zip(rows, gaps) if g > 0.05]
    assert all(text.startswith("+") for text in positive)


def test_the_plan_is_shown_with_the_minus_sign_and_downloaded_as_numbers(result):
    views = build_views(result, 2024)
    plan = ap.district_plan(result, views, TAPIN, {}, "id")
    table = ap.gap_table(plan, "id")
    column = "Selisih dengan rata-rata provinsi (poin)"
    gap = float(table[column].iloc[0])
    assert gap < 0
    shown = sa.for_display(table, "id", 1)
    assert shown[column].iloc[0] == "−" + fmt_number(abs(gap), "id", 1)
    csv = T.to_csv_bytes(table).decode("utf-8-sig")
    assert f"{gap!r}"[:6] in csv and "−" not in csv  # the download keeps the plain number
