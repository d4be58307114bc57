"""Issue 14 item 9: one conflict marker rule for targets.

A basis that says "no conflict with the national 14 %" is not a conflict;
"CONFLICT with Bappeda Kalsel 18.1" is. The targets loader, the target
choices of the progress analytics, the Tren chart, the Target page's option
text and the deck all follow :func:`kp2s_dashboard.prevalence.progress.conflict_marked`.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kp2s_dashboard.export import deck
from kp2s_dashboard.figures import prevalence as figures
from kp2s_dashboard.prevalence import progress
from kp2s_dashboard.figures import progress as fp
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.prevalence.targets import load_targets, targets_for

TARGETS = """code,year,target_pct,label,basis,source_url
00,2029,14.2,RPJMN 2025–2029,RPJMN 2025-2029 end-of-period target,https://example.org/rpjmn
00,2045,5,RPJPN 2025–2045,RPJPN 2025-2045 target,https://example.org/rpjpn
63,2024,17.27,BKKBN (RAN-PASTI),BKKBN Kalsel provincial target; CONFLICT with Bappeda 14,https://example.org/bkkbn
63,2024,14,Bappeda Kalsel,Bappeda Kalsel target for 2024; no conflict with the national 14 %,https://example.org/bappeda
"""

PREVALENCE = """code,year,source,indicator,value_pct,source_url,note
63,2022,ssgi,stunting,24.6,,
63,2023,ski,stunting,24.7,,
63,2024,ssgi,stunting,22.9,,
"""


@pytest.fixture
def targets(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(TARGETS, encoding="utf-8")
    return load_targets(path)


def _flags(frame):
    return {(row["label"], int(row["year"])): bool(row["conflict"]) for _, row in frame.iterrows()}


def test_no_conflict_prose_is_not_a_conflict(targets):
    flags = _flags(targets)
    assert flags[("Bappeda Kalsel", 2024)] is False
    assert flags[("BKKBN (RAN-PASTI)", 2024)] is True
    assert progress.conflict_marked("Bappeda Kalsel target for 2024; no conflict with the national 14 %") is False
    assert progress.conflict_marked("conflicts with the 14% RPJMN target") is False
    assert progress.conflict_marked("BKKBN trajectory; CONFLICT with Bappeda 14") is True
    assert progress.conflict_marked("CONFLICT: Pj Sekda stated 18") is True
    assert progress.conflict_marked(float("nan")) is False
    # the progress analytics: the same flag on the target choices, and only the marked row has alternatives
    choices = progress.target_choices(targets, "63")
    assert _flags(choices) == flags
    alts = {row["label"]: tuple(row["alt_pct"]) for _, row in choices.iterrows()}
    assert alts["Bappeda Kalsel"] == () and alts["BKKBN (RAN-PASTI)"] == (14.0,)
    labels = {row["label"]: fp.choice_label(row, "en") for _, row in choices.iterrows()}
    assert "⚠" not in labels["Bappeda Kalsel"]
    assert "⚠" in labels["BKKBN (RAN-PASTI)"]


def test_chart_and_deck_mark_only_the_marked_target(targets, tmp_path):
    prev_path = tmp_path / "prevalensi.csv"
    prev_path.write_text(PREVALENCE, encoding="utf-8")
    table = load_prevalence(prev_path).table
    province = targets_for(targets, "63")
    fig = figures.trend(table, ["63"], province, "en")
    texts = {tr.name: list(tr.text) for tr in fig.data if tr.text is not None and tr.name in set(province["label"])}
    bappeda = next(v for k, v in texts.items() if "Bappeda" in k)
    bkkbn = next(v for k, v in texts.items() if "BKKBN" in k)
    assert not any("⚠" in s for s in bappeda), bappeda
    assert any("⚠" in s for s in bkkbn), bkkbn
    # the deck: the conflict note appears only when a drawn target is marked
    only_bappeda = targets[targets["label"] != "BKKBN (RAN-PASTI)"]
    drawn = deck.build_deck(table, only_bappeda, "63", "en", own_targets=True)  # the province's own targets too
    slide = next(s for s in drawn.slides if s.kind == "trend")
    assert "Bappeda Kalsel" in slide.source
    assert not any("conflict" in n.lower() for n in slide.notes), slide.notes
    drawn = deck.build_deck(table, targets, "63", "en", own_targets=True)
    slide = next(s for s in drawn.slides if s.kind == "trend")
    assert any("conflict" in n.lower() for n in slide.notes), slide.notes


def test_real_data_keeps_the_provincial_conflicts_flagged():
    from kp2s_dashboard.store import datastore

    data = load_targets(datastore.current("targets").path)
    flagged = data[data["conflict"]]
    provincial = flagged[flagged["code"] == "63"]
    assert sorted(zip(provincial["year"], provincial["label"])) == [
        (2023, "BKKBN (RAN-PASTI)"), (2023, "Bappeda Kalsel"), (2024, "BKKBN (RAN-PASTI)"), (2024, "Bappeda Kalsel"),
    ]
    assert set(flagged["code"]) == {"00", "63", "6302"}
    # and what the loader flags is what the analytics reads as conflicting figures
    for _, row in data.iterrows():
        assert bool(row["conflict"]) == progress.conflict_marked(row["basis"])
        if not row["conflict"]:
            assert progress.alternative_values(row["basis"], row["target_pct"]) == ()
