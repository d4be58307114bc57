"""A district's action plan: its eight actions ordered by how far it lies
behind the province and its neighbours, the largest gaps named as
priorities with the items (indicators or components) behind them, and the
district beside its neighbours on every action.

Every score comes from :func:`~kp2s_dashboard.assessment.scoring.action_scores`
as :class:`~kp2s_dashboard.assessment.views.AssessmentViews` holds it (the
heatmap's cells, the same that :func:`~kp2s_dashboard.assessment.result.district_result`
averages), and the items from :func:`~kp2s_dashboard.assessment.scoring.combine_assessors`;
nothing is scored again here. Means are unweighted means over the districts
with a score. Pure: no Streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from kp2s_dashboard.assessment import scoring as sc
from kp2s_dashboard.assessment.labels import action_names, component_label, item_label
from kp2s_dashboard.assessment.model import AssessmentResult
from kp2s_dashboard.assessment.result import combine_how
from kp2s_dashboard.assessment.views import AssessmentViews, component_rows, scores_of_year
from kp2s_dashboard.i18n import fmt_number, t
from kp2s_dashboard.regions import registry

#: How many of the largest shortfalls are named as priorities (at most).
MAX_PRIORITIES = 3

GAP_COLUMNS = {
    "action": "Int64",
    "action_name": "str",
    "district_pct": "float64",
    "province_mean": "float64",
    "gap_to_province": "float64",
    "neighbours_mean": "float64",
    "gap_to_neighbours": "float64",
    "best_neighbour": "str",
    "best_neighbour_pct": "float64",
    "order": "Int64",
    "priority": "bool",
}


def _mean(values) -> float:
    values = [float(v) for v in values if v is not None and not pd.isna(v)]
    return sum(values) / len(values) if values else math.nan


def action_gaps(action_scores: pd.DataFrame, code: str, neighbour_codes: list[str],
                names: dict[int, str] | None = None, max_priorities: int = MAX_PRIORITIES) -> pd.DataFrame:
    """The district's actions ordered by its gap to the province mean.

    Args:
        action_scores: one year's :func:`~kp2s_dashboard.assessment.scoring.action_scores`
            (``AssessmentViews.action_scores``: ``code``, ``action``, ``score_pct`` 0–100).
        code: BPS code of the district.
        neighbour_codes: codes of its neighbours (the district itself is left out
            if present), e.g. from :func:`kp2s_dashboard.districts.peers.peer_codes`.
        names: action number → display name (``Aksi n`` when missing).
        max_priorities: how many of the largest shortfalls are priorities.

    Returns:
        One row per action the district has a score for, columns
        :data:`GAP_COLUMNS`: ``district_pct``, ``province_mean`` (unweighted
        mean over the districts scored, 0–100), ``gap_to_province`` (district −
        mean, points), ``neighbours_mean`` and ``gap_to_neighbours`` (the same
        over the neighbours; NaN without neighbours), ``best_neighbour`` (short
        name of the highest-scoring neighbour) and its ``best_neighbour_pct``,
        ``order`` (1 = largest shortfall) and ``priority`` (True for the
        ``max_priorities`` largest shortfalls below the province mean; fewer
        when fewer actions lie below it). Sorted by ``gap_to_province``
        ascending, then by ``gap_to_neighbours``, then by action number.
        Empty (same columns) when the district has no score.
    """
    names = names or {}
    peers = [c for c in neighbour_codes if c != code]
    scores = action_scores[action_scores["action"].notna()]
    records = []
    for action, rows in scores.groupby("action", sort=True):
        by_code = {str(c): float(v) for c, v in zip(rows["code"], rows["score_pct"]) if pd.notna(v)}
        if code not in by_code:
            continue
        own = by_code[code]
        province = _mean(by_code.values())
        near = {c: by_code[c] for c in peers if c in by_code}
        near_mean = _mean(near.values())
        best = max(near, key=lambda c: (near[c], -peers.index(c))) if near else None
        records.append({
            "action": int(action),
            "action_name": names.get(int(action), f"Aksi {int(action)}"),
            "district_pct": own,
            "province_mean": province,
            "gap_to_province": own - province,
            "neighbours_mean": near_mean,
            "gap_to_neighbours": own - near_mean,
            "best_neighbour": registry().short_name(best) if best else "",
            "best_neighbour_pct": near[best] if best else math.nan,
        })
    out = pd.DataFrame.from_records(records, columns=[c for c in GAP_COLUMNS if c not in ("order", "priority")])
    if len(out):
        out = out.sort_values(["gap_to_province", "gap_to_neighbours", "action"], na_position="last").reset_index(drop=True)
    out["order"] = range(1, len(out) + 1)
    below = out["gap_to_province"] < -1e-9
    out["priority"] = below & (below.cumsum() <= max_priorities)
    return out.astype(GAP_COLUMNS)


def neighbour_matrix(action_scores: pd.DataFrame, code: str, neighbour_codes: list[str]) -> pd.DataFrame:
    """The district and its neighbours × actions.

    Returns a wide frame: index ``code`` (str; the district first, then its
    neighbours in registry order, then ``"province"`` for the province mean),
    columns the action numbers (int, ascending), values ``score_pct``
    (float64, 0–100, NaN when not scored), taken from ``action_scores`` as is.
    """
    order = registry().district_codes()
    codes = [code] + [c for c in order if c in set(neighbour_codes) and c != code]
    scores = action_scores[action_scores["action"].notna()]
    actions = sorted({int(a) for a in scores["action"]})
    wide = pd.DataFrame(math.nan, index=pd.Index(codes + ["province"], name="code"), columns=actions, dtype="float64")
    for c, a, v in zip(scores["code"], scores["action"], scores["score_pct"]):
        if str(c) in codes and pd.notna(v):
            wide.loc[str(c), int(a)] = float(v)
    for a in actions:
        wide.loc["province", a] = _mean(scores.loc[scores["action"] == a, "score_pct"])
    return wide


def items_behind(result: AssessmentResult, views: AssessmentViews, code: str, actions: list[int],
                 lang: str = "id") -> pd.DataFrame:
    """The items behind the district's score on ``actions`` (the indicators of
    a matrix or assessor file; the component cell of a summary file), with the
    province mean of each item, so that a priority says what to fix.

    Items are :func:`~kp2s_dashboard.assessment.scoring.combine_assessors`
    of the rows the per-action scores of ``views.component`` come from (the
    assessors combined as the instrument says).

    Returns columns ``action`` Int64, ``item`` str (e.g. ``1.3`` or the
    component's name), ``district_pct``, ``province_mean``, ``gap_to_province``
    float64 (0–100 and points), ``raw`` str (the values read, assessors joined
    by `` / ``). Per action the largest shortfall first; actions in the order given.
    """
    columns = ["action", "item", "district_pct", "province_mean", "gap_to_province", "raw"]
    scores = scores_of_year(result, views.year_assessed)
    rows = component_rows(scores, views.component)
    if views.component is not None:
        rows = rows[rows["component"] == views.component]
    rows = rows[rows["action"].isin(actions)]
    if rows.empty:
        return pd.DataFrame(columns=columns).astype({"action": "Int64"})
    items = sc.combine_assessors(rows, combine_how(result))
    records = []
    for action in actions:
        part = items[items["action"] == action]
        keys = part[["indicator", "component"]].astype(object).where(part[["indicator", "component"]].notna(), None)
        part = part.assign(_key=[f"{i}|{c}" for i, c in zip(keys["indicator"], keys["component"])])
        found = []
        for key, group in part.groupby("_key", sort=False):
            own = group[group["code"] == code]
            if own.empty or pd.isna(own["score_pct"].iloc[0]):
                continue
            first = own.iloc[0]
            province = _mean(group["score_pct"])
            found.append({
                "action": int(action),
                "item": _item_name(first, result.instrument, lang),
                "district_pct": float(first["score_pct"]),
                "province_mean": province,
                "gap_to_province": float(first["score_pct"]) - province,
                "raw": str(first["raw"]),
            })
        found.sort(key=lambda r: (r["gap_to_province"], r["item"]))
        records.extend(found)
    return pd.DataFrame.from_records(records, columns=columns).astype({"action": "Int64"})


def _item_name(item: pd.Series, instrument: object, lang: str) -> str:
    """An indicator's code (``4.1``, with its component when it has one), or
    for an action-level cell the component's name (the action is known)."""
    indicator = item["indicator"]
    if indicator is not None and not pd.isna(indicator) and str(indicator):
        return item_label(item["action"], indicator, item["component"], instrument, lang)
    return component_label(None if pd.isna(item["component"]) else str(item["component"]), instrument, lang)


@dataclass
class DistrictPlan:
    """A district's action plan (see the module docstring).

    Attributes:
        code: BPS code of the district.
        neighbours: codes of its neighbours (registry order).
        gaps: :func:`action_gaps`.
        matrix: :func:`neighbour_matrix`.
        behind: :func:`items_behind` of the priority actions.
    """

    code: str
    neighbours: list[str]
    gaps: pd.DataFrame
    matrix: pd.DataFrame
    behind: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def priorities(self) -> pd.DataFrame:
        """The rows of :attr:`gaps` named as priorities (largest shortfall first)."""
        return self.gaps[self.gaps["priority"]].reset_index(drop=True)


def district_plan(result: AssessmentResult, views: AssessmentViews, code: str, neighbours: dict[str, list[str]],
                  lang: str = "id") -> DistrictPlan:
    """The action plan of district ``code`` in the data set behind ``views``.

    Args:
        result: the result in force (:func:`~kp2s_dashboard.assessment.result.in_force`).
        views: :func:`~kp2s_dashboard.assessment.views.build_views` of ``result``
            (its year and component are the plan's).
        code: BPS code of the district.
        neighbours: ``{code: [codes]}`` from :func:`kp2s_dashboard.geo.neighbours`.
        lang: language of the action and item names (short names from the instrument).
    """
    order = registry().district_codes()
    near = [c for c in order if c in set(neighbours.get(code, [])) and c != code]
    names = action_names(result.instrument, lang, short=True)
    gaps = action_gaps(views.action_scores, code, near, names)
    matrix = neighbour_matrix(views.action_scores, code, near)
    top = [int(a) for a in gaps.loc[gaps["priority"], "action"]]
    behind = items_behind(result, views, code, top, lang)
    return DistrictPlan(code=code, neighbours=near, gaps=gaps, matrix=matrix, behind=behind)


# -- what the pages show --------------------------------------------------------------------------
def _signed(value: float, lang: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    text = fmt_number(float(value), lang, 1)
    return text if value < 0 or text.strip("0,.") == "" else f"+{text}"


def priority_lines(plan: DistrictPlan, lang: str = "id", max_items: int = 3) -> list[str]:
    """One Markdown line per priority (largest shortfall first), each with
    its scores, its gaps to the province and neighbours' means and the best
    neighbour, followed by a line naming the ``max_items`` items furthest
    behind within it (:func:`items_behind`; left out when the action has a
    single item, its own cell). Empty when nothing is a priority."""
    lines: list[str] = []
    for row in plan.priorities.itertuples(index=False):
        values = {"order": int(row.order),
                  "action": f"{t('asm.action_n', lang, n=int(row.action))} {row.action_name}", "score": fmt_number(row.district_pct, lang, 1),
                  "gap": _signed(row.gap_to_province, lang), "mean": fmt_number(row.province_mean, lang, 1)}
        if pd.notna(row.gap_to_neighbours):
            lines.append(t("asm.plan.priority_line", lang, **values, gap_nb=_signed(row.gap_to_neighbours, lang),
                           mean_nb=fmt_number(row.neighbours_mean, lang, 1), best=row.best_neighbour,
                           best_score=fmt_number(row.best_neighbour_pct, lang, 1)))
        else:
            lines.append(t("asm.plan.priority_line_alone", lang, **values))
        behind = plan.behind[plan.behind["action"] == int(row.action)]
        if len(behind) > 1:  # a single item is the action's own cell (summary files): nothing more to name
            behind = behind.head(max_items)
            items = "; ".join(t("asm.plan.behind_item", lang, item=b.item, score=fmt_number(b.district_pct, lang, 1),
                                mean=fmt_number(b.province_mean, lang, 1)) for b in behind.itertuples(index=False))
            lines.append("    - " + t("asm.plan.behind", lang, items=items))
    return lines


def gap_table(plan: DistrictPlan, lang: str = "id") -> pd.DataFrame:
    """The plan's actions as shown and downloaded, in the plan's order: the
    action, the gap to the province mean and to the neighbours' mean first
    (so that a narrow screen keeps them in view), then the scores, the best
    neighbour and the priority mark. Numbers stay float64 (0–100, points);
    headers in ``lang``."""
    g = plan.gaps
    columns = {
        t("asm.col.action", lang): [f"{int(a)}. {n}" for a, n in zip(g["action"], g["action_name"])],
        t("asm.plan.gap_province", lang): g["gap_to_province"].astype("float64"),
        t("asm.plan.gap_neighbours", lang): g["gap_to_neighbours"].astype("float64"),
        t("asm.col.district_score", lang): g["district_pct"].astype("float64"),
        t("asm.col.province_mean", lang): g["province_mean"].astype("float64"),
        t("asm.plan.neighbours_mean", lang): g["neighbours_mean"].astype("float64"),
        t("asm.plan.col.best_neighbour", lang): g["best_neighbour"].astype("str"),
        t("asm.plan.col.priority", lang): [t("asm.plan.yes", lang) if p else "" for p in g["priority"]],
    }
    if not plan.neighbours:
        for key in ("asm.plan.gap_neighbours", "asm.plan.neighbours_mean", "asm.plan.col.best_neighbour"):
            columns.pop(t(key, lang))
    return pd.DataFrame(columns)


def neighbour_table(plan: DistrictPlan, names: dict[int, str], lang: str = "id") -> pd.DataFrame:
    """:attr:`DistrictPlan.matrix` as a table: one row per district (the
    district, its neighbours, then the province mean), one column per action
    headed ``"n. short name"`` (float64, 0–100)."""
    reg = registry()
    m = plan.matrix
    out = pd.DataFrame({t("asm.col.district", lang): [t("asm.col.province_mean", lang) if c == "province"
                                                       else reg.short_name(c) for c in m.index]})
    for a in m.columns:
        out[f"{int(a)}. {names.get(int(a), '')}".strip()] = m[a].to_numpy(dtype="float64")
    return out
