"""Issue 15 item 7: notes taken from data files (the embedded ones are
English) are shown in the Indonesian UI as a marked quote, never as the
UI's own text."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from kp2s_dashboard.i18n import quoted, source_note
from kp2s_dashboard.prevalence import summary
from kp2s_dashboard.prevalence.targets import load_targets

DATA = Path(__file__).resolve().parents[1] / "data"


def test_quoted_and_source_note():
    assert quoted("released 26 May 2025; also x") == "“released 26 May 2025; also x”"
    assert quoted("  ") == quoted(None) == quoted(math.nan) == ""
    assert source_note("award 2025-08-14, results set 2025-10-20", "id") == (
        "“award 2025-08-14, results set 2025-10-20” (catatan sumber, dikutip sebagaimana tertulis)")
    assert source_note("award", "en") == "“award” (source note, quoted as written)"
    assert source_note("", "id") == ""


def test_the_national_ssgi_2024_note_is_a_marked_quote_on_the_data_tables():
    table = pd.read_csv(DATA / "prevalence.csv", dtype={"code": str})
    shown = summary.display_prevalence(table, "id")
    note = shown.loc[(shown["Kode BPS"] == "00") & (shown["Tahun"] == 2024) & (shown["Sumber data"] == "SSGI"),
                     "Catatan sumber (kutipan asli)"].iloc[0]
    assert note.startswith("“released 26 May 2025; also") and note.endswith("”")
    targets = summary.display_targets(load_targets(DATA / "targets.csv"), "id")
    assert "“Perpres 72/2021 on accelerating stunting reduction and RPJMN 2020-2024 target for 2024”" in set(
        targets["Keterangan sumber (kutipan asli)"])
