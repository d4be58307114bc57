"""Official target labels in Indonesian get an English label; other labels stay as written."""
from kp2s_dashboard.figures import progress_common
from kp2s_dashboard.prevalence import status as P
from kp2s_dashboard.prevalence import summary, targets


def test_official_labels_translated_user_labels_kept():
    assert targets.target_label("Target antara 2021 (BKKBN)", "en") == "Interim target 2021 (BKKBN)"
    assert targets.target_label("Target tahunan 2024 (RKP)", "en") == "Annual target 2024 (RKP)"
    assert targets.target_label("Target tahunan 2024 (RKP)", "id") == "Target tahunan 2024 (RKP)"
    assert targets.target_label("Target kami 2026", "en") == "Target kami 2026"


def test_chart_tag_and_table_use_english_label():
    from pathlib import Path
    frame = targets.load_targets(Path(__file__).parents[1] / "data" / "targets.csv")
    row = frame[frame["label"] == "Target antara 2021 (BKKBN)"].iloc[0]
    shown = summary.display_targets(frame, "en")
    assert "Interim target 2021 (BKKBN)" in set(shown.iloc[:, 3])
    assert "Target antara 2021 (BKKBN)" not in set(shown.iloc[:, 3])
    tgt = P.Target(code=row["code"], year=int(row["year"]), target_pct=float(row["target_pct"]), label=row["label"])
    assert progress_common.target_tag(tgt, "en").startswith("Interim target 2021 (BKKBN)")


def test_trend_legend_names_an_official_target_in_the_ui_language():
    """The Tren chart's legend named "Target antara 2021 (BKKBN)" on the English UI while its table, tag and
    hover said "Interim target 2021 (BKKBN)"."""
    from pathlib import Path

    from kp2s_dashboard.figures.prevalence import trend
    from kp2s_dashboard.prevalence.loader import load_prevalence

    root = Path(__file__).parents[1] / "data"
    frame = targets.load_targets(root / "targets.csv")
    shown = targets.targets_for(frame, "63")
    shown = shown[shown["label"] == "Target antara 2021 (BKKBN)"]
    assert len(shown)  # the official interim target applies to the province
    table = load_prevalence(root / "prevalence.csv").table
    names = {lang: [tr.name for tr in trend(table, ["63"], shown, lang).data if tr.legendgroup == "targets"]
             for lang in ("en", "id")}
    assert len(names["en"]) == 1 and "Interim target 2021 (BKKBN)" in names["en"][0]
    assert "Target antara" not in names["en"][0]
    assert "Target antara 2021 (BKKBN)" in names["id"][0]


def test_verdict_head_names_an_official_target_in_the_ui_language():
    from kp2s_dashboard.figures.target_tables import verdict_parts

    row = {"code": "63", "target_code": "00", "target_year": 2021, "target_pct": 21.1,
           "target_label": "Target antara 2021 (BKKBN)",
           "status": P.TARGET_YEAR_PASSED, "achieved": None}
    assert "Interim target 2021 (BKKBN)" in verdict_parts(row, "en")["head"]
    assert "Target antara 2021 (BKKBN)" in verdict_parts(row, "id")["head"]
