"""Property-based tests (Hypothesis) of the district's score and rank (issue 14).

Generated score tables vary the layout (rekap, matrix, per assessor), the
weights (all, some, none), not-scored cells, ties, the number of assessors
and the number of files of one year. Properties:

- the rank always follows the score shown beside it (1 + the number of
  higher scores; ties share the best rank; no rank without a score);
- the Aksi page's table (and its download), the map, Profil and the deck
  give identical ranks and scores;
- a not-scored part never acts as 0: a computed score exists only for a
  district whose every part is scored;
- files of different kinds are never pooled: the result in force holds one
  kind per year, and every district two kinds score is reported;
- a file's stated ranks are reproduced when one of its totals explains them.

Tables are built as tidy frames (fast) and, for the loader, as real
workbooks written with openpyxl.
"""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_assessment_result import write_assessor, write_rekap_rows

from kp2s_dashboard.export.deck_assessment import _ranking_slide
from kp2s_dashboard.districts import profile
from kp2s_dashboard.figures import assessment as fa
from kp2s_dashboard.assessment import summary as sa
from kp2s_dashboard.assessment import load_workbook
from kp2s_dashboard.assessment.model import SCORE_COLUMNS, TOTAL_COLUMNS, AssessmentResult, ValidationReport, frame
from kp2s_dashboard.assessment.result import district_result, file_kind, in_force
from kp2s_dashboard.regions import registry

#: Modest numbers of examples keep the suite quick (about 20 s for this file); raise them locally to search harder.
_CHECKS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
FAST = settings(max_examples=30, deadline=None, suppress_health_check=_CHECKS)
VIEWS = settings(max_examples=15, deadline=None, suppress_health_check=_CHECKS)
SLOW = settings(max_examples=8, deadline=None, suppress_health_check=_CHECKS)
CODES = registry().district_codes()
YEAR = 2025


def _score_row(code, action, indicator, assessor, level, value, scale_max, weight, layout, file):
    scored = value is not None
    return {
        "year_assessed": YEAR, "period": YEAR - 1, "code": code, "action": action, "indicator": indicator,
        "component": None, "assessor": assessor, "level": level, "raw": str(value) if scored else "-",
        "score": float(value) if scored else math.nan, "status": "scored" if scored else "not_scored",
        "scale": "1-4" if scale_max == 4 else "0-100", "scale_min": 1.0 if scale_max == 4 else 0.0,
        "scale_max": float(scale_max), "weight": math.nan if weight is None else float(weight),
        "weighted": math.nan, "note": "", "layout": layout, "file": file, "sheet": "S", "cell": "A1",
    }


def _total_row(code, kind, value, file):
    return {"year_assessed": YEAR, "period": YEAR - 1, "code": code, "component": None, "assessor": None,
            "kind": kind, "value": float(value), "raw": str(value), "expected": math.nan, "agrees": None,
            "file": file, "sheet": "S", "cell": "A1"}


@st.composite
def tables(draw, layout: str | None = None, file: str | None = None, codes: list[str] | None = None):
    """One loaded file as :class:`AssessmentResult`: ``layout`` rekap (action
    scores 0–100, optional Jumlah / Rata-rata / Peringkat), matrix (indicator
    scores 1–4) or assessor (indicator scores 1–4 by 1–3 assessors, Bobot for
    all, some or no indicators)."""
    layout = layout or draw(st.sampled_from(["rekap", "matrix", "assessor"]))
    file = file or f"{layout}.xlsx"
    codes = codes or draw(st.lists(st.sampled_from(CODES), min_size=2, max_size=6, unique=True))
    n_actions = draw(st.integers(1, 3))
    scores, totals = [], []
    if layout == "rekap":
        values = st.one_of(st.none(), st.sampled_from([50, 60, 70, 80, 90]))
        sums, means = {}, {}
        for code in codes:
            got = [draw(values) for _ in range(n_actions)]
            for a, v in enumerate(got, start=1):
                scores.append(_score_row(code, a, None, None, "action", v, 100, None, layout, file))
            scored = [v for v in got if v is not None]
            if scored:
                sums[code], means[code] = sum(scored), sum(scored) / len(scored)
        stated = draw(st.sampled_from(["none", "total", "mean", "total+mean"]))
        for code in sums:
            if "total" in stated and draw(st.booleans() | st.just(True)):
                totals.append(_total_row(code, "total", sums[code], file))
            if "mean" in stated:
                totals.append(_total_row(code, "mean", means[code], file))
        basis = draw(st.sampled_from(["", "total", "mean"]))
        source = {"total": sums, "mean": means}.get(basis)
        if source and (basis in stated) and len(source) >= 2:
            for code, value in source.items():
                rank = 1 + sum(1 for v in source.values() if v > value)
                totals.append(_total_row(code, "rank", rank, file))
    else:
        assessors = [None] if layout == "matrix" else [f"P{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
        per_action = draw(st.integers(1, 2))
        weighting = draw(st.sampled_from(["all", "some", "none"]))
        weights = {}
        for a in range(1, n_actions + 1):
            for i in range(1, per_action + 1):
                w = draw(st.integers(1, 3))
                weights[(a, i)] = w if weighting == "all" or (weighting == "some" and a == 1) else None
        value = st.one_of(st.none(), st.integers(1, 4)) if draw(st.booleans()) else st.integers(1, 4)
        for code in codes:
            for who in assessors:
                for (a, i), w in weights.items():
                    scores.append(_score_row(code, a, f"{a}.{i}", who, "indicator", draw(value), 4, w, layout, file))
    return AssessmentResult(scores=frame(scores, SCORE_COLUMNS), totals=frame(totals, TOTAL_COLUMNS),
                            rejected=frame([], {"file": "str", "sheet": "str", "cell": "str", "raw": "str", "key": "str"}),
                            report=ValidationReport(), meta={"file": file, "layouts": [layout], "year_assessed": YEAR,
                                                             "period": YEAR - 1}, synthetic=False)


def check_rank_follows_score(out: pd.DataFrame) -> None:
    assert out["basis"].nunique() <= 1  # one kind of total per ranking
    ranked = out[out["rank"].notna()]
    assert ranked["score"].notna().all() and out.loc[out["rank"].isna(), "score"].isna().all()
    for score, rank in zip(ranked["score"], ranked["rank"]):
        assert int(rank) == 1 + int((ranked["score"] > score + 1e-9).sum())
    assert list(out["rank"].dropna()) == sorted(out["rank"].dropna())  # best first, unranked last
    assert (out.loc[out["rank"].isna(), "note"] != "").all()  # an unranked district says why


def check_views_agree(result: AssessmentResult) -> None:
    """Aksi table (= its download), map, Profil and the deck: same ranks and scores."""
    out = district_result(result)
    want = {c: (int(r), float(s)) for c, r, s in zip(out["code"], out["rank"], out["score"]) if pd.notna(r)}
    views = sa.build_views(result)
    table = sa.ranking_table(views, "en")
    names = {registry().short_name(c): c for c in out["code"]}
    page = {names[n]: (int(r), float(s)) for n, r, s in zip(table["District"], table["Rank"], table["Total score"]) if pd.notna(r)}
    slide = _ranking_slide(result, None, out["code"].iloc[0], "en").data.get("table", pd.DataFrame())
    shown = {c: (int(r), float(s)) for c, r, s in zip(slide.get("code", []), slide.get("rank", []), slide.get("total", []))}
    shown_map = fa.map_table(views.totals, views.ranking, "rank")
    on_map = {c: int(v) for c, v in zip(shown_map["code"], shown_map["value"]) if not math.isnan(v)}
    assert page == want and shown == want
    assert on_map == {c: r for c, (r, _) in want.items()}
    for code, (rank, _) in want.items():
        assert profile.workbook_rank(views.ranking, code)["rank"] == rank
    # the "Rata-rata" column is the mean of the action cells shown beside it
    cells = views.action_scores.groupby("code")["score_pct"].mean()
    for code, mean in zip(out["code"], out["action_mean"]):
        if code in cells.index and not math.isnan(cells[code]):
            assert math.isclose(mean, cells[code], rel_tol=1e-12)


def check_not_scored_is_not_zero(result: AssessmentResult) -> None:
    out = district_result(result)
    if out.empty or out["basis"].iloc[0] not in ("computed", "action_mean"):
        return
    missing = result.scores.loc[result.scores["status"] == "not_scored", "code"].unique()
    for code, score in zip(out["code"], out["score"]):
        if code in missing:
            assert math.isnan(score), code  # an incomplete district has no computed score


@FAST
@given(tables())
def test_rank_follows_the_score_shown(result):
    check_rank_follows_score(district_result(result))


@VIEWS
@given(tables())
def test_page_map_profile_and_deck_agree(result):
    check_views_agree(result)


@FAST
@given(tables())
def test_a_not_scored_part_never_acts_as_zero(result):
    check_not_scored_is_not_zero(result)


@VIEWS
@given(st.data())
def test_files_are_never_pooled_across_kinds(data):
    codes = data.draw(st.lists(st.sampled_from(CODES), min_size=2, max_size=5, unique=True))
    kinds = data.draw(st.lists(st.sampled_from(["rekap", "matrix", "assessor"]), min_size=2, max_size=3, unique=True))
    files = [data.draw(tables(layout=k, file=f"{k}_{YEAR}.xlsx", codes=data.draw(
        st.lists(st.sampled_from(codes), min_size=2, max_size=len(codes), unique=True)))) for k in kinds]
    choice = data.draw(st.sampled_from([None, "rekap", "matrix", "assessor"]))
    decided = in_force(files, choice)
    shown = decided.result
    kind = decided.chosen[YEAR]
    assert set(shown.scores["layout"]) <= {kind} and set(shown.meta["files"]) == {f"{kind}_{YEAR}.xlsx"}
    if choice in kinds:
        assert kind == choice
    # every district another kind also scores is reported once per other file
    mine = set(next(f for f in files if file_kind(f) == kind).scores.query("status == 'scored'")["code"])
    reported = {p.params["other"]: p.params["n"] for p in shown.report.find("asm.conflict_sources")}
    for other in files:
        if file_kind(other) == kind:
            continue
        theirs = set(other.scores.query("status == 'scored'")["code"]) | set(other.totals.dropna(subset=["value"])["code"])
        mine_all = mine | set(next(f for f in files if file_kind(f) == kind).totals.dropna(subset=["value"])["code"])
        both = mine_all & theirs
        assert reported.get(other.meta["file"], 0) == len(both)
    check_rank_follows_score(district_result(shown))
    check_views_agree(shown)


# -- through the loader: real workbooks ----------------------------------------------------------------
@SLOW
@given(st.data())
def test_per_assessor_workbooks(tmp_path_factory, data):
    codes = data.draw(st.lists(st.sampled_from(["Tanah Laut", "Kotabaru", "Banjar", "Tapin", "Tabalong"]),
                               min_size=2, max_size=4, unique=True))
    n_assessors = data.draw(st.integers(1, 2))
    with_weight = data.draw(st.sampled_from(["all", "some", "none"]))
    rows = [("1.1", 1), ("1.2", 1), ("2.1", 2)]
    weights = {code: (data.draw(st.integers(1, 3)) if with_weight == "all" or (with_weight == "some" and a == 1) else None)
               for code, a in rows}
    value = st.one_of(st.just("-"), st.integers(1, 4))
    sheets = {f"P{p} {name}": [(code, a, data.draw(value), weights[code]) for code, a in rows]
              for name in codes for p in range(1, n_assessors + 1)}
    path = write_assessor(tmp_path_factory.mktemp("hyp") / "panel.xlsx", sheets)
    result = load_workbook(path)
    assert not result.report.find("err.asm_district_sheet_unknown")
    check_rank_follows_score(district_result(result))
    check_views_agree(result)
    check_not_scored_is_not_zero(result)


@SLOW
@given(st.data())
def test_rekap_ranks_explained_by_a_stated_total_are_kept(tmp_path_factory, data):
    names = data.draw(st.lists(st.sampled_from(["Tanah Laut", "Kotabaru", "Banjar", "Tapin", "Tabalong"]),
                               min_size=2, max_size=5, unique=True))
    grid = {n: [data.draw(st.one_of(st.just("-"), st.sampled_from([60, 70, 80]))) for _ in range(3)] for n in names}
    grid = {n: v if any(x != "-" for x in v) else [70, "-", "-"] for n, v in grid.items()}
    sums = {n: sum(x for x in v if x != "-") for n, v in grid.items()}
    means = {n: sums[n] / sum(1 for x in v if x != "-") for n, v in grid.items()}
    by = data.draw(st.sampled_from(["Jumlah", "Rata-rata"]))
    basis = sums if by == "Jumlah" else means
    ranks = {n: 1 + sum(1 for v in basis.values() if v > basis[n]) for n in names}
    rows = [[i, n, *grid[n], sums[n], means[n], ranks[n]] for i, n in enumerate(names, start=1)]
    path = write_rekap_rows(tmp_path_factory.mktemp("hyp") / "rekap.xlsx",
                            ["No", "Kabupaten/Kota", "Aksi 1", "Aksi 2", "Aksi 3", "Jumlah", "Rata-rata", "Peringkat"], rows)
    result = load_workbook(path)
    assert not result.report.find("err.asm_rank_mismatch")  # the total that explains the ranks is their basis
    out = district_result(result)
    code = {registry().short_name(registry().to_code(n)): n for n in names}
    assert {code[n]: int(r) for n, r in zip(out["name"], out["rank"])} == ranks
    check_rank_follows_score(out)
    check_views_agree(result)
