"""Targets a region is measured against, and its status and projection for each.

The target choice (:class:`Target`, :func:`target_choices`,
:func:`target_from_choice`, :func:`default_targets`), the status rule
(:func:`classify`, statuses :data:`STATUSES`, :func:`status_label`) and the
tables built from them (:func:`progress_long`, :func:`target_table`).
Only the survey series is measured against targets. Pure; percentages are
percents (0–100), rates percent per year.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd

from kp2s_dashboard import i18n
from kp2s_dashboard.errors import DataError, KP2SError, Location
from kp2s_dashboard.prevalence.alternatives import alternative_values, conflict_marked
from kp2s_dashboard.prevalence.rates import Rate, project, rates, required_aarr, year_reached
from kp2s_dashboard.prevalence.series import SURVEY, SeriesMixError, SeriesOptions, _region_name
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE, registry

# Status values (stable identifiers; labels via :func:`status_label`).
ON_TRACK = "on_track"
OFF_TRACK = "off_track"
NO_PROGRESS = "no_progress"
NOT_ASSESSABLE = "not_assessable"
TARGET_YEAR_PASSED = "target_year_passed"
STATUSES = (ON_TRACK, OFF_TRACK, NO_PROGRESS, NOT_ASSESSABLE, TARGET_YEAR_PASSED)

#: Why a region's pace cannot be judged (``judge_reason`` column; "" when it can).
REASON_NO_DATA = "no_data"
REASON_CONFLICT = "conflict"
REASON_TOO_FEW = "too_few_points"
REASON_FLAGGED = "flagged_change"
REASONS = (REASON_NO_DATA, REASON_CONFLICT, REASON_TOO_FEW, REASON_FLAGGED)

#: Points in the window each AARR method needs. Both need two: the UNICEF note
#: uses the two-point formula for two points and the log-linear fit for more,
#: and the two agree on two points.
MIN_POINTS = {"loglinear": 2, "endpoints": 2}

_TARGET_COLUMNS = ("code", "year", "target_pct", "label")


def classify(
    aarr_pct: float,
    required_pct: float,
    n_points: int,
    t_latest: int | None,
    target_year: int,
    flagged: bool = False,
    min_points: int = 2,
) -> str:
    """Status of one region against one target.

    Rules, in order:

    1. fewer than ``min_points`` comparable points (or no data) →
       ``not_assessable`` ("cannot be judged yet");
    2. ``target_year ≤ t_latest`` → ``target_year_passed`` (see the
       ``achieved`` column of :func:`progress_long` for the observed result);
    3. the rate rests on a change flagged as implausible (``flagged``, see
       ``data/plausibility.toml``) → ``not_assessable``: a pace computed
       across a jump the survey producer itself treats as suspect is not a
       basis for "on track" or for a projection;
    4. current AARR ≥ required AARR → ``on_track`` (WHO/UNICEF, GNR rule;
       includes a target already met where prevalence rises less than the
       margin allows);
    5. current AARR ≤ 0 (prevalence not falling) → ``no_progress``;
    6. otherwise → ``off_track`` (falling, but too slowly).
    """
    if n_points < max(2, min_points) or t_latest is None or aarr_pct is None or math.isnan(aarr_pct):
        return NOT_ASSESSABLE
    if target_year <= t_latest:
        return TARGET_YEAR_PASSED
    if flagged:
        return NOT_ASSESSABLE
    if aarr_pct >= required_pct - 1e-12:
        return ON_TRACK
    if aarr_pct <= 0:
        return NO_PROGRESS
    return OFF_TRACK


def judge_reason(rate: Rate) -> str:
    """Why the pace of ``rate`` cannot be judged against a future target, one
    of :data:`REASONS`, or ``""`` when it can (then :func:`classify` gives
    on/off track or no progress)."""
    if rate.conflicts:
        return REASON_CONFLICT
    if rate.n_points == 0 or rate.latest_year is None:
        return REASON_NO_DATA
    if rate.n_points < MIN_POINTS.get(rate.method, 2) or math.isnan(rate.aarr_pct):
        return REASON_TOO_FEW
    if rate.flagged:
        return REASON_FLAGGED
    return ""


def judgeable(rate: Rate) -> bool:
    """True when ``rate`` may be projected and judged (:func:`judge_reason` is "")."""
    return judge_reason(rate) == ""


def reason_text(reason: str, lang: str = i18n.DEFAULT_LANGUAGE, n_points: int = 0, pairs: str = "") -> str:
    """The reason of :func:`judge_reason` as a sentence in ``lang`` (""
    for "")."""
    if not reason:
        return ""
    return i18n.t(f"prog.reason.{reason}", lang, n=n_points, pairs=pairs)


# -----------------------------------------------------------------------------
# targets
# -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """One target: prevalence ``target_pct`` (percent) in ``year``, set for
    region ``code`` by ``label`` (with ``basis`` in English, ``basis_id`` in
    Bahasa Indonesia, and ``source_url``)."""

    code: str
    year: int
    target_pct: float
    label: str
    basis: str = ""
    source_url: str = ""
    basis_id: str = ""

    @property
    def choice_id(self) -> str:
        """Stable identifier for widgets: ``code|year|label|value``."""
        return f"{self.code}|{self.year}|{self.label}|{self.target_pct:g}"

    @property
    def url_token(self) -> str:
        """Short form for a URL: ``code-year-value`` (``00-2029-14.2``); see
        :func:`choice_from_token`."""
        return f"{self.code}-{self.year}-{self.target_pct:g}"

    @property
    def scope(self) -> str:
        """``national`` | ``province`` | ``district``."""
        return _scope(self.code)

    @classmethod
    def from_row(cls, row: pd.Series | dict) -> "Target":
        """From a row of the targets table (or of :func:`target_choices`)."""
        get = row.get
        return cls(
            code=str(get("code")),
            year=int(get("year")),
            target_pct=float(get("target_pct")),
            label=_text(get("label")),
            basis=_text(get("basis")),
            source_url=_text(get("source_url")),
            basis_id=_text(get("basis_id")),
        )


def _text(value: object) -> str:
    """Cell text; "" for None/NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _scope(code: str) -> str:
    if code == NATIONAL_CODE:
        return "national"
    if code == PROVINCE_CODE:
        return "province"
    return "district"


def _chain(code: str) -> list[str]:
    """``code`` and the regions above it: district → province → Indonesia."""
    if code == NATIONAL_CODE:
        return [NATIONAL_CODE]
    if code == PROVINCE_CODE:
        return [PROVINCE_CODE, NATIONAL_CODE]
    return [code, PROVINCE_CODE, NATIONAL_CODE]


def target_choices(targets: pd.DataFrame, code: str) -> pd.DataFrame:
    """The targets a view of region ``code`` can measure against: the region's
    own (district RPJMD/TPPS, or provincial), the province's (for a district)
    and the national ones, each with its source. Conflicting targets (BKKBN
    trajectory vs Bappeda) are both listed.

    Returns:
        Ordered own → province → national, then by year and value:
        ``choice_id`` str (see :attr:`Target.choice_id`), ``code`` str,
        ``scope`` str (``district|province|national``), ``label`` str,
        ``year`` int64, ``target_pct`` float64 (percent), ``basis`` str,
        ``basis_id`` str ("" when the table has none), ``source_url`` str, ``alt_pct`` object (tuple of conflicting figures
        read from ``basis``), ``conflict`` bool (:func:`conflict_marked`).

    Raises:
        DataError: required columns missing (``prog.err.missing_columns``).
    """
    missing = [c for c in _TARGET_COLUMNS if c not in targets.columns]
    if missing:
        raise DataError("prog.err.missing_columns", Location(row=1), missing=", ".join(missing), table="targets")
    chain = _chain(str(code))
    t = targets[targets["code"].astype(str).isin(chain)].copy()
    t["_order"] = t["code"].astype(str).map({c: i for i, c in enumerate(chain)})
    t = t.sort_values(["_order", "year", "target_pct"], kind="stable")
    basis = t["basis"].fillna("").astype(str) if "basis" in t else pd.Series("", index=t.index)
    basis_id = t["basis_id"].fillna("").astype(str) if "basis_id" in t else pd.Series("", index=t.index)
    url = t["source_url"].fillna("").astype(str) if "source_url" in t else pd.Series("", index=t.index)
    out = pd.DataFrame(
        {
            "code": t["code"].astype(str),
            "scope": t["code"].astype(str).map(_scope),
            "label": t["label"].fillna("").astype(str),
            "year": t["year"].astype("int64"),
            "target_pct": t["target_pct"].astype("float64"),
            "basis": basis,
            "basis_id": basis_id,
            "source_url": url,
        }
    )
    out["alt_pct"] = pd.Series(
        [alternative_values(b, v) for b, v in zip(out["basis"], out["target_pct"])], index=out.index, dtype="object"
    )
    out["conflict"] = out["basis"].map(conflict_marked).astype("bool")
    out.insert(0, "choice_id", [Target.from_row(r).choice_id for _, r in out.iterrows()])
    out = out.reset_index(drop=True)
    return out.astype(
        {"choice_id": "str", "code": "str", "scope": "str", "label": "str", "basis": "str", "basis_id": "str",
         "source_url": "str"}
    )


def target_from_choice(choices: pd.DataFrame, choice_id: str) -> Target:
    """The :class:`Target` with ``choice_id`` in a :func:`target_choices` frame.

    Raises:
        KP2SError: no such choice (``prog.err.unknown_target``).
    """
    hit = choices[choices["choice_id"] == choice_id]
    if hit.empty:
        raise KP2SError("prog.err.unknown_target", choice=choice_id)
    return Target.from_row(hit.iloc[0])


def choice_from_token(choices: pd.DataFrame, token: object) -> str | None:
    """The ``choice_id`` of a :func:`target_choices` frame named by ``token``:
    a :attr:`Target.url_token` (``00-2029-14.2``) or a full ``choice_id``.
    The first match in the frame's order; ``None`` for anything else (a
    value from a URL never raises)."""
    if token is None:
        return None
    token = str(token).strip()
    for _, row in choices.iterrows():
        target = Target.from_row(row)
        if token in (target.url_token, target.choice_id):
            return target.choice_id
    return None


def headline_targets(targets: pd.DataFrame, years: Sequence[int] = (2024, 2029, 2045)) -> list[Target]:
    """The national targets leadership asks about, one per year of
    ``years``: for each year the first national row of the targets table
    (``data/targets.csv``: 14 % in 2024, Perpres 72/2021; 14.2 % in 2029,
    RPJMN 2025–2029; 5 % in 2045, RPJPN 2025–2045). A year without a
    national target is left out."""
    out = []
    national = targets[targets["code"].astype(str) == NATIONAL_CODE]
    for year in years:
        hit = national[national["year"] == year]
        if not hit.empty:
            out.append(Target.from_row(hit.iloc[0]))
    return out


def default_targets(targets: pd.DataFrame) -> tuple[Target, Target]:
    """The national medium- and long-term targets: RPJMN 2025–2029 (14.2 %
    in 2029) and RPJPN 2025–2045 (5 % in 2045), read from the targets table.

    Raises:
        KP2SError: a national 2029 or 2045 target is missing
            (``prog.err.unknown_target``).
    """
    out = []
    for year in (2029, 2045):
        hit = targets[(targets["code"].astype(str) == NATIONAL_CODE) & (targets["year"] == year)]
        if hit.empty:
            raise KP2SError("prog.err.unknown_target", choice=f"{NATIONAL_CODE}|{year}")
        out.append(Target.from_row(hit.iloc[0]))
    return out[0], out[1]


# -----------------------------------------------------------------------------
# assessment tables
# -----------------------------------------------------------------------------
def _assess(rate: Rate, target: Target) -> dict:
    if rate.latest_year is None:
        required = float("nan")
    else:
        required = required_aarr(rate.latest_pct, rate.latest_year, target.target_pct, target.year)
    status = classify(rate.aarr_pct, required, rate.n_points, rate.latest_year, target.year,
                      flagged=rate.flagged, min_points=MIN_POINTS.get(rate.method, 2))
    achieved: bool | None = None
    if rate.latest_year is not None and target.year <= rate.latest_year:
        seen = rate.observed_in(target.year)
        achieved = None if seen is None else bool(seen <= target.target_pct + 1e-9)
    projected = float("nan")
    reached = None
    if status in (ON_TRACK, OFF_TRACK, NO_PROGRESS):
        reached = year_reached(rate.latest_pct, rate.latest_year, rate.aarr_pct, target.target_pct)
        if reached is None or reached > target.year:
            # a forecast at the target year only while the target is not yet met;
            # once it is, the answer is the year it is met (never "0.0 % in 2045")
            projected = project(rate.latest_pct, rate.latest_year, rate.aarr_pct, target.year)
            projected = projected if math.isnan(projected) else max(0.0, projected)
    return {
        "required_aarr_pct": required,
        "status": status,
        "projected_pct": projected,
        "achieved": achieved,
        "year_reached": reached,
    }


def progress_long(
    prevalence: pd.DataFrame,
    targets: Sequence[Target],
    codes: Iterable[str] | None = None,
    options: SeriesOptions = SURVEY,
) -> pd.DataFrame:
    """Status of each region against each target, one row per (code, target).

    Only for the survey series: targets are set on survey prevalence, and an
    e-PPGBM figure is never measured against them.

    Args:
        prevalence: the prevalence table.
        targets: targets to assess (each applied to every region).
        codes: regions (default: the 13 districts in code order).
        options: the survey series definition (default :data:`SURVEY`).

    Returns:
        ``code`` str, ``name`` str, ``n_points`` int64, ``first_year`` Int64,
        ``latest_year`` Int64, ``latest_pct`` float64, ``latest_source`` str,
        ``latest_alt_pct`` object (tuple), ``aarr_pct`` float64 (current,
        %/yr), ``method`` str, ``flagged`` bool, ``flagged_pairs`` str
        (``"2022→2023"``, ``;``-separated), ``conflicts`` str (years with
        two figures of the series, ``"2023: SKI 41.7 / SSGI 41"``, ``; ``-
        separated; such a region is ``not_assessable``), ``judge_reason``
        str (:func:`judge_reason`: why the pace cannot be judged, "" when it
        can), ``target_id`` str,
        ``target_label`` str, ``target_code`` str, ``target_year`` int64,
        ``target_pct`` float64, ``target_source_url`` str,
        ``required_aarr_pct`` float64 (%/yr), ``status`` str (one of
        :data:`STATUSES`), ``projected_pct`` float64 (at the target year, at
        the current pace, never below 0; NaN when the pace cannot be judged,
        when prevalence is not falling, or when the target is met before its
        year — then ``year_reached`` is the answer), ``year_reached`` Int64 (first year at or below the
        target at the current pace), ``achieved`` boolean (only when the
        target year has passed and a figure exists for it; else NA).

    Raises:
        SeriesMixError: ``options`` is the register series.
        DataError: as :func:`series_frame`.
    """
    if options.kind != "survey":
        raise SeriesMixError("prog.err.register_target", sources=", ".join(options.sources))
    codes = list(codes) if codes is not None else registry().district_codes()
    region_rates = rates(prevalence, codes, options)
    records = []
    for code in codes:
        rate = region_rates[code]
        base = _rate_record(rate)
        for target in targets:
            rec = dict(base)
            rec.update(
                target_id=target.choice_id,
                target_label=target.label,
                target_code=target.code,
                target_year=int(target.year),
                target_pct=float(target.target_pct),
                target_source_url=target.source_url,
            )
            rec.update(_assess(rate, target))
            records.append(rec)
    frame = pd.DataFrame.from_records(records, columns=_LONG_COLUMNS)
    return frame.astype(_LONG_DTYPES)


def _rate_record(rate: Rate) -> dict:
    return {
        "code": rate.code,
        "name": _region_name(rate.code),
        "n_points": rate.n_points,
        "first_year": rate.first_year,
        "latest_year": rate.latest_year,
        "latest_pct": rate.latest_pct,
        "latest_source": rate.latest_source,
        "latest_alt_pct": rate.latest_alt,
        "aarr_pct": rate.aarr_pct,
        "method": rate.method,
        "flagged": rate.flagged,
        "flagged_pairs": ";".join(f"{a}→{b}" for a, b in rate.flagged_pairs),
        "conflicts": "; ".join(f"{year}: {figures}" for year, figures in rate.conflicts),
        "judge_reason": judge_reason(rate),
    }


_RATE_DTYPES = {
    "code": "str",
    "name": "str",
    "n_points": "int64",
    "first_year": "Int64",
    "latest_year": "Int64",
    "latest_pct": "float64",
    "latest_source": "str",
    "latest_alt_pct": "object",
    "aarr_pct": "float64",
    "method": "str",
    "flagged": "bool",
    "flagged_pairs": "str",
    "conflicts": "str",
    "judge_reason": "str",
}
_LONG_DTYPES = {
    **_RATE_DTYPES,
    "target_id": "str",
    "target_label": "str",
    "target_code": "str",
    "target_year": "int64",
    "target_pct": "float64",
    "target_source_url": "str",
    "required_aarr_pct": "float64",
    "status": "str",
    "projected_pct": "float64",
    "year_reached": "Int64",
    "achieved": "boolean",
}
_LONG_COLUMNS = list(_LONG_DTYPES)


def target_table(
    prevalence: pd.DataFrame,
    near: Target,
    far: Target,
    codes: Iterable[str] | None = None,
    options: SeriesOptions = SURVEY,
) -> pd.DataFrame:
    """The target table: one row per region with its latest value, current
    AARR, and required AARR / status / projection for two targets.

    ``near`` and ``far`` are typically :func:`default_targets` (RPJMN 14.2 %
    in 2029, RPJPN 5 % in 2045); any choice from :func:`target_choices` works.
    Pass ``codes=["63", *districts]`` to add the province row.

    Returns:
        The rate columns of :func:`progress_long` (``code`` … ``flagged_pairs``)
        then, for ``X`` in ``near`` and ``far``: ``X_label`` str, ``X_year``
        int64, ``X_target_pct`` float64, ``required_aarr_X_pct`` float64,
        ``status_X`` str, ``projected_X_pct`` float64, ``year_X_reached``
        Int64 (e.g. the year 5 % would be reached at the current pace),
        ``achieved_X`` boolean.
    """
    rate_cols = list(_RATE_DTYPES)
    out = None
    for key, target in (("near", near), ("far", far)):
        part = progress_long(prevalence, [target], codes, options).reset_index(drop=True)
        if out is None:
            out = part[rate_cols].copy()
        out[f"{key}_label"] = part["target_label"]
        out[f"{key}_year"] = part["target_year"]
        out[f"{key}_target_pct"] = part["target_pct"]
        out[f"required_aarr_{key}_pct"] = part["required_aarr_pct"]
        out[f"status_{key}"] = part["status"]
        out[f"projected_{key}_pct"] = part["projected_pct"]
        out[f"year_{key}_reached"] = part["year_reached"]
        out[f"achieved_{key}"] = part["achieved"]
    return out


def mixed_verdicts(table: pd.DataFrame) -> pd.DataFrame:
    """Rows of a :func:`target_table` that are on track for one target and
    off track for the other (e.g. Kalsel: off track for 14.2 % in 2029, on
    track for 5 % in 2045). Both hold when the current pace lies between
    the two required paces: the nearer target needs a faster fall over fewer
    years. Same columns as ``table``, same order."""
    pair = {ON_TRACK, OFF_TRACK}
    mask = [
        {a, b} == pair for a, b in zip(table["status_near"], table["status_far"])
    ]
    return table[pd.Series(mask, index=table.index, dtype="bool")]


def status_label(status: str, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """Display label of a status value (e.g. ``on_track`` → "sesuai jalur")."""
    return i18n.t(f"prog.status.{status}", lang)
