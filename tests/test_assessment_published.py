"""The published KP2S results shipped in data/kp2s_results.csv."""

from __future__ import annotations

import shutil

import pytest

from kp2s_dashboard.assessment import scoring as sc
from kp2s_dashboard.assessment.published import load_published_results, published_path, published_ranks


def test_published_results_load_clean():
    results = load_published_results()
    assert results.report.clean
    assert results.report.counts["rows_read"] == 12
    assert len(results.table) == 12


def test_published_ranks_as_in_the_sources():
    prov = load_published_results().provincial
    ranks = {(int(r.year_assessed), r.name): int(r.rank) for r in prov.itertuples() if r.rank is not None and str(r.rank) != "<NA>"}
    assert ranks[(2025, "Tapin")] == 1
    assert ranks[(2025, "Hulu Sungai Selatan")] == 3
    assert ranks[(2022, "Hulu Sungai Selatan")] == 1
    assert ranks[(2022, "Tabalong")] == 2
    assert ranks[(2022, "Tanah Bumbu")] == 3
    tabalong_2021 = prov[(prov["year_assessed"] == 2021) & (prov["code"] == "6309")].iloc[0]
    assert tabalong_2021["score"] == pytest.approx(83.33)
    assert tabalong_2021["period"] == 2020
    assert tabalong_2021["source_url"].startswith("https://metro7.co.id/")
    held_2022 = prov[prov["year_assessed"] == 2022]
    assert set(held_2022["period"]) == {2021}
    assert prov["source_url"].str.startswith("https://").all()


def test_national_awards_are_kept_apart():
    results = load_published_results()
    national = results.national
    assert list(national["name"]) == ["Tanah Bumbu", "Hulu Sungai Selatan"]
    assert national["rank"].isna().all()
    assert list(national["period_label"]) == ["2019-2020", "2024-2025"]
    assert national["period"].isna().all()
    assert (results.provincial["scope"] == "provincial").all()
    ranks = published_ranks(results)
    assert len(ranks) == 10 and set(ranks["source"]) == {"published"}


def test_shipped_copy_matches_the_reference(shared_reference):
    """data/kp2s_results.csv is a copy of ../shared/reference/kp2s_results.csv
    plus ``category_id``, the Bahasa Indonesia of ``category`` (issue 15 item 7):
    every column of the reference, row by row, as written (skipped, with the
    reason, on a clone without ../shared)."""
    import csv

    reference = shared_reference / "kp2s_results.csv"
    assert reference.is_file(), f"reference file missing: {reference}"
    with open(reference, newline="", encoding="utf-8") as fh:
        want = list(csv.DictReader(fh))
    with open(published_path(), newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        got = list(reader)
    assert [c for c in reader.fieldnames if c != "category_id"] == list(want[0])
    assert [{k: r[k] for k in want[0]} for r in got] == want
    assert all(r["category_id"].strip() for r in got)


def test_published_ranks_feed_the_rank_change():
    totals = sc.pd.DataFrame(
        {
            "year_assessed": sc.pd.array([2024, 2024, 2024], dtype="Int64"),
            "period": sc.pd.array([2023, 2023, 2023], dtype="Int64"),
            "code": ["6306", "6309", "6311"],
            "name": ["Hulu Sungai Selatan", "Tabalong", "Balangan"],
            "total": [90.0, 80.0, 70.0],
            "total_source": ["workbook"] * 3,
            "rank_workbook": sc.pd.array([None] * 3, dtype="Int64"),
            "score_pct": [0.0] * 3,
        }
    )
    ranked = sc.ranking(totals, 2024, previous=published_ranks()).set_index("code")
    # Tabalong: rank 1 in the assessment held 2023 (published), now 2
    assert ranked.loc["6309", "previous_year_assessed"] == 2023
    assert ranked.loc["6309", "rank_change"] == -1
    # HSS: latest published provincial rank is from 2022 (rank 1), now 1
    assert ranked.loc["6306", "previous_year_assessed"] == 2022
    assert ranked.loc["6306", "rank_change"] == 0
    assert sc.pd.isna(ranked.loc["6311", "rank_previous"])


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ('2022,2021,6399,Kabupaten X,4,,ranked,https://example.org/a', "unknown bps_code"),
        ('2022,2021,6305,Kabupaten Tabalong,4,,ranked,https://example.org/a', "does not match"),
        ('2022,2021,6305,Kabupaten Tapin,2,,ranked,https://example.org/a', "rank 2 in 2022 is already given"),
        ('2022,2021,6305,Kabupaten Tapin,0,,ranked,https://example.org/a', "not a positive whole number"),
        ('2022,2021,6305,Kabupaten Tapin,4,120,ranked,https://example.org/a', "outside 0–100"),
        ('2022,2021,6305,Kabupaten Tapin,4,,ranked,example.org', "not an http"),
        ('2025,2024,6305,Kabupaten Tapin,5,,"NATIONAL: award",https://example.org/a', "no provincial rank"),
        ('2025,2024,6305,Kabupaten Tapin,5,,again,https://example.org/a', "a second provincial result"),
    ],
)
def test_broken_rows_are_reported_with_their_line(tmp_path, line, detail):
    path = tmp_path / "kp2s_results.csv"
    shutil.copy(published_path(), path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    results = load_published_results(path)
    assert len(results.report.problems) == 1
    problem = results.report.problems[0]
    assert problem.key == "err.asm_published"
    assert problem.location.row == 14  # header + 12 rows, then the added line
    assert detail in problem.params["detail"]
    assert len(results.table) == 12
