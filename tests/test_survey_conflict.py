"""Issue 14 item 7: two survey figures for one district and year.

Input: SSGI 2023 and SKI 2023 for Tanah Laut. The loader (and so the Data
page's check) reports the pair as an error naming both rows; the analytics,
given such a table anyway, judge Tanah Laut "not assessable" with the reason
and compute the other twelve districts exactly as without the extra row; the
trend lines never run up and down within 2023.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kp2s_dashboard.store import datastore
from kp2s_dashboard.figures import prevalence as figures
from kp2s_dashboard.districts import profile
from kp2s_dashboard.prevalence import progress
from kp2s_dashboard.figures import progress as fp
from kp2s_dashboard.errors import DataError
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.regions import PROVINCE_CODE, registry
from kp2s_dashboard.prevalence.targets import load_targets

CSV = """kabupaten/kota,tahun,sumber,prevalensi,catatan
Tanah Laut,2021,SSGI,31.0,
Tanah Laut,2023,SSGI,40.0,
Tanah Laut,2023,SKI,41.7,
Tanah Laut,2024,SSGI,22.5,
Kotabaru,2023,SKI,20.0,
Kotabaru,2023,e-PPGBM,8.0,register: not a second survey
"""


def test_loader_reports_two_surveys_for_one_district_and_year(tmp_path):
    """The pair is reported (both rows named) as a warning and both rows are kept: refusing the file took every
    prevalence page down for all 13 districts when such a file was the one in force (issue 14, item 7)."""
    path = tmp_path / "prevalensi.csv"
    path.write_text(CSV, encoding="utf-8")
    loaded = load_prevalence(path)
    problems = [p for p in loaded.warnings if p.key == "warn.survey_conflict"]
    assert len(problems) == 1 and problems[0].severity == "warning"
    problem = problems[0]
    assert problem.params["region"] == "Tanah Laut" and problem.params["year"] == 2023
    assert problem.location.row == 4  # the SKI row, line 4 of the file
    text = problem.render("en")
    assert "(at file prevalensi.csv, row 3, column D)" in text  # the SSGI row, in the UI language
    assert "(di berkas prevalensi.csv, baris 3, kolom D)" in problem.render("id")
    assert "SSGI 40" in text and "SKI 41.7" in text
    assert "CONFLICT:" in text and "cannot be judged" in text and "other regions are not affected" in text
    assert "dua angka survei" in problem.render("id")
    table = loaded.table
    pair = table[(table["code"] == "6301") & (table["year"] == 2023) & table["source"].isin(["ssgi", "ski"])]
    assert sorted(pair["value_pct"]) == [40.0, 41.7]
    assert len(table) == 6
    # the Data page's "Periksa berkas Anda" check reads uploads with the same loader and shows the warning
    from kp2s_dashboard.export.tables import check_prevalence_upload

    checked = check_prevalence_upload("unggahan.csv", CSV.encode("utf-8"))
    found = [p for p in checked.warnings if p.key == "warn.survey_conflict"]
    assert len(found) == 1 and "(di berkas unggahan.csv, baris 3, kolom D)" in found[0].render("id")


def test_survey_and_register_in_one_year_are_not_a_conflict(tmp_path):
    path = tmp_path / "prevalensi.csv"
    path.write_text("\n".join(line for i, line in enumerate(CSV.splitlines()) if i != 3) + "\n", encoding="utf-8")
    table = load_prevalence(path).table
    assert len(table) == 5


@pytest.fixture(scope="module")
def clean():
    return load_prevalence(datastore.current("prevalence").path).table


@pytest.fixture(scope="module")
def with_pair(clean):
    """The default data plus SSGI 2023 for Tanah Laut (which has SKI 2023 41.7)."""
    assert not clean[(clean["code"] == "6301") & (clean["year"] == 2023)].empty
    extra = pd.DataFrame([{"code": "6301", "year": 2023, "source": "ssgi", "indicator": "stunting",
                           "value_pct": 40.0, "source_url": "", "note": "", "origin": "test"}])
    return pd.concat([clean, extra], ignore_index=True).astype(clean.dtypes.to_dict())


@pytest.fixture(scope="module")
def targets():
    return load_targets(datastore.current("targets").path)


def test_target_page_computes_the_other_twelve(clean, with_pair, targets):
    near, far = progress.default_targets(targets)
    codes = [PROVINCE_CODE, *registry().district_codes()]
    table = progress.target_table(with_pair, near, far, codes=codes).set_index("code")
    before = progress.target_table(clean, near, far, codes=codes).set_index("code")
    tanah_laut = table.loc["6301"]
    assert tanah_laut["status_near"] == progress.NOT_ASSESSABLE
    assert tanah_laut["status_far"] == progress.NOT_ASSESSABLE
    assert tanah_laut["conflicts"] == "2023: SKI 41.7 / SSGI 40"
    assert pd.isna(tanah_laut["aarr_pct"])
    note = fp.row_notes(tanah_laut, "en")
    assert "two survey figures for one year (2023: SKI 41.7 / SSGI 40)" in note
    # the figures in the UI language: a decimal comma in Bahasa Indonesia
    assert "dua angka survei untuk satu tahun (2023: SKI 41,7 / SSGI 40)" in fp.row_notes(tanah_laut, "id")
    others = [c for c in codes if c != "6301"]
    columns = ["status_near", "status_far", "aarr_pct", "latest_pct", "latest_year"]
    pd.testing.assert_frame_equal(table.loc[others, columns], before.loc[others, columns])
    assert (table.loc[others, "conflicts"] == "").all()
    # the chart data: one observed point per year, 2023 left out for Tanah Laut only
    chart = progress.chart_data(with_pair, [near, far], codes=codes)
    observed = chart[chart["series"] == "observed"]
    assert not observed.duplicated(subset=["code", "year"]).any()
    assert 2023 not in set(observed[observed["code"] == "6301"]["year"])
    assert observed[observed["code"] != "6301"].reset_index(drop=True).equals(
        (lambda c: c[(c["series"] == "observed") & (c["code"] != "6301")].reset_index(drop=True))(
            progress.chart_data(clean, [near, far], codes=codes)))


def test_profile_of_every_district_builds(clean, with_pair, targets):
    for code in registry().district_codes():
        prof = profile.build_profile(with_pair, targets, code)
        if code == "6301":
            assert prof.status["status_near"] == progress.NOT_ASSESSABLE
            sentences = profile.summary_sentences(prof, "en")
            assert any("two survey figures for one year (2023: SKI 41.7 / SSGI 40)" in s for s in sentences)
            assert any("ada dua angka survei untuk satu tahun (2023: SKI 41,7 / SSGI 40)" in s
                       for s in profile.summary_sentences(prof, "id"))
            assert any("(2023: SKI 41,7 / SSGI 40)" in line for line in profile.status_lines(prof, "id"))
            assert any("two survey figures" in line for line in profile.status_lines(prof, "en"))
            assert prof.survey is not None and prof.survey.year != 2023
            assert prof.survey_previous is None or prof.survey_previous.year != 2023
        else:
            reference = profile.build_profile(clean, targets, code)
            assert prof.status == reference.status or all(
                (a == b) or (pd.isna(a) and pd.isna(b)) for a, b in zip(prof.status.values(), reference.status.values()))
            assert prof.survey == reference.survey


def test_trend_lines_do_not_zig_zag_within_a_year(with_pair):
    fig = figures.trend(with_pair, ["6301", "6302"], None, "en")
    lines = [tr for tr in fig.data if tr.mode and "lines" in tr.mode]
    for tr in lines:
        xs = list(tr.x)
        assert xs == sorted(set(xs)), (tr.name, xs)
    both = [tr for tr in fig.data if tr.meta == "same_year"]
    assert len(both) == 1 and sorted(both[0].y) == [40.0, 41.7] and list(both[0].x) == [2023, 2023]
    from kp2s_dashboard.figures import compare as fc

    near, far = progress.default_targets(load_targets(datastore.current("targets").path))
    fig = fc.profile_trend(with_pair, "6301", [near, far], "en")
    for tr in fig.data:
        if tr.mode and "lines" in tr.mode and tr.x is not None:
            xs = [x for x in tr.x if x is not None]
            assert xs == sorted(xs) and len(xs) == len(set(xs)), (tr.name, xs)
