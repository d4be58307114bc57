"""Published KP2S results for Kalimantan Selatan, with their sources.

``data/kp2s_results.csv`` is a copy of the research file
``kp2s_results.csv`` (kp2s_framework.md §4): ranks and the few scores that
were published in news and agency pages, one row per district and
assessment, each with the URL it comes from. These are *published
results*, not assessment data: most ranks are known only for the top three
and almost no scores were published.

CSV columns: ``year_assessed, period, bps_code, district_name, rank,
score, category, source_url``. ``period`` is a year or a range such as
``2019-2020``; ``category`` starting with ``NATIONAL:`` marks a national
award (Kemendagri), which is kept apart from the provincial ranks. An
optional column ``category_id`` holds ``category`` in Bahasa Indonesia
(the table's ``note_id``; :func:`kp2s_dashboard.i18n.source_note` shows
the one in the UI's language).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kp2s_dashboard import paths
from kp2s_dashboard.assessment.model import ValidationReport
from kp2s_dashboard.errors import DataError, Location, RegionNotFoundError
from kp2s_dashboard.regions import registry

REQUIRED = ("year_assessed", "period", "bps_code", "district_name", "rank", "score", "category", "source_url")

#: Columns and dtypes of :attr:`PublishedResults.table`.
PUBLISHED_COLUMNS = {
    "year_assessed": "Int64",
    "period": "Int64",
    "period_label": "str",
    "code": "str",
    "name": "str",
    "district_name": "str",
    "rank": "Int64",
    "score": "float64",
    "scope": "str",
    "note": "str",
    "note_id": "str",
    "source_url": "str",
}


def published_path() -> Path:
    """``data/kp2s_results.csv``."""
    return paths.DATA_DIR / "kp2s_results.csv"


@dataclass
class PublishedResults:
    """The published results and their validation report.

    ``table`` has :data:`PUBLISHED_COLUMNS`: ``year_assessed`` (Int64),
    ``period`` (Int64, <NA> when the source gives a range or nothing),
    ``period_label`` (str, as written, e.g. ``"2019-2020"``), ``code``
    (str, BPS), ``name`` (str, short name), ``district_name`` (str, as in
    the file), ``rank`` (Int64, provincial rank; <NA> for national awards
    and unranked mentions), ``score`` (float64, as published on its own
    scale, e.g. Tabalong 83.33 in 2021; NaN when none was published),
    ``scope`` (``provincial`` | ``national``), ``note`` (str, what the
    source says, in English: the file's ``category``), ``note_id`` (str, the
    same in Bahasa Indonesia: ``category_id``, "" when the file has none),
    ``source_url`` (str).
    """

    table: pd.DataFrame
    report: ValidationReport

    @property
    def provincial(self) -> pd.DataFrame:
        """Provincial ranks only (national awards left out)."""
        return self.table[self.table["scope"] == "provincial"].reset_index(drop=True)

    @property
    def national(self) -> pd.DataFrame:
        """National awards only (not ranks)."""
        return self.table[self.table["scope"] == "national"].reset_index(drop=True)


def load_published_results(path: str | Path | None = None) -> PublishedResults:
    """Read and check the published results.

    Checks, per row (messages name the CSV line): known BPS code; the
    district name matches the code; rank a positive whole number and
    absent for national awards; score 0–100 when present; ``source_url``
    an http(s) address; year plausible; one provincial rank per district
    and assessment year and no two districts with the same rank in a year.
    Bad rows are left out of ``table`` and reported; nothing else is
    dropped.

    Raises:
        DataError: ``err.file_unreadable`` when the file cannot be read,
            ``err.missing_columns`` when a column is missing.
    """
    path = Path(path) if path is not None else published_path()
    name = path.name
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as exc:
        raise DataError("err.file_unreadable", Location(file=name), detail=str(exc)) from None
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise DataError("err.missing_columns", Location(file=name), missing=", ".join(missing))
    report = ValidationReport()
    records = []
    seen_rank: dict[tuple[int, str], int] = {}
    seen_position: dict[tuple[int, int], int] = {}
    for index, row in raw.iterrows():
        line = int(index) + 2  # header is line 1
        loc = Location(file=name, row=line)
        report.counts["rows_read"] += 1

        def bad(detail: str) -> None:
            report.add("err.asm_published", loc, "error", detail=detail)

        scope = "national" if row["category"].strip().upper().startswith("NATIONAL") else "provincial"
        try:
            year = int(row["year_assessed"])
            if not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            bad(f"year_assessed '{row['year_assessed']}' is not a year")
            continue
        label = row["period"].strip()
        period = int(label) if re.fullmatch(r"\d{4}", label) else None
        try:
            code = registry().to_code(row["bps_code"])
        except RegionNotFoundError:
            bad(f"unknown bps_code '{row['bps_code']}'")
            continue
        if len(code) != 4:
            bad(f"bps_code '{row['bps_code']}' is not a kabupaten/kota")
            continue
        try:
            named = registry().to_code(row["district_name"])
        except RegionNotFoundError:
            named = None
        if named != code:
            bad(f"district_name '{row['district_name']}' does not match bps_code {code}")
            continue
        rank = None
        if row["rank"].strip():
            if not re.fullmatch(r"\d+", row["rank"].strip()) or int(row["rank"]) < 1:
                bad(f"rank '{row['rank']}' is not a positive whole number")
                continue
            rank = int(row["rank"])
            if scope == "national":
                bad("a national award has no provincial rank")
                continue
        score = math.nan
        if row["score"].strip():
            try:
                score = float(row["score"].replace(",", "."))
            except ValueError:
                bad(f"score '{row['score']}' is not a number")
                continue
            if not 0 <= score <= 100:
                bad(f"score {score} is outside 0–100")
                continue
        url = row["source_url"].strip()
        if not re.match(r"^https?://\S+$", url):
            bad("source_url is not an http(s) address")
            continue
        if scope == "provincial":
            if (year, code) in seen_rank:
                bad(f"a second provincial result for {code} in {year} (first on line {seen_rank[(year, code)]})")
                continue
            seen_rank[(year, code)] = line
            if rank is not None and (year, rank) in seen_position:
                bad(f"rank {rank} in {year} is already given on line {seen_position[(year, rank)]}")
                continue
            if rank is not None:
                seen_position[(year, rank)] = line
        records.append(
            {
                "year_assessed": year,
                "period": period,
                "period_label": label,
                "code": code,
                "name": registry().short_name(code),
                "district_name": row["district_name"],
                "rank": rank,
                "score": score,
                "scope": scope,
                "note": row["category"],
                "note_id": row["category_id"] if "category_id" in raw.columns else "",
                "source_url": url,
            }
        )
    table = pd.DataFrame.from_records(records, columns=list(PUBLISHED_COLUMNS))
    for column, dtype in PUBLISHED_COLUMNS.items():
        table[column] = table[column].astype(object).astype(dtype)
    report.counts["cells_read"] = report.counts["rows_read"]
    report.counts["cells_scored"] = len(table)
    report.counts["cells_rejected"] = report.counts["rows_read"] - len(table)
    table = table.sort_values(["scope", "year_assessed", "rank", "code"], na_position="last").reset_index(drop=True)
    return PublishedResults(table=table, report=report)


def published_ranks(results: PublishedResults | None = None) -> pd.DataFrame:
    """Provincial ranks in the shape :func:`~kp2s_dashboard.assessment.scoring.ranking`
    takes as ``previous``: ``year_assessed`` Int64, ``code`` str, ``rank``
    Int64, ``source`` str (``"published"``), ``source_url`` str."""
    results = results or load_published_results()
    df = results.provincial
    df = df[df["rank"].notna()]
    out = df[["year_assessed", "code", "rank", "source_url"]].copy()
    out.insert(3, "source", "published")
    out["source"] = out["source"].astype("str")
    return out.reset_index(drop=True)


def sample_kept_apart(synthetic: bool, published: pd.DataFrame | None, code: str | None = None) -> bool:
    """The one rule of sample ranks (issue 15 item 4): a rank computed from
    sample data never stands beside, nor is compared with, a published
    (real) rank. True when the assessment result is sample data
    (``synthetic``, :attr:`~kp2s_dashboard.assessment.model.AssessmentResult.synthetic`)
    and ``published`` holds a rank (of district ``code`` when given): the
    caller then leaves the published ranks out and says why.

    Callers: :func:`~kp2s_dashboard.assessment.result.district_result` (no
    previous rank or change from a published result), the Aksi page's
    Peringkat tab, Profil (the district's sample rank is not printed) and
    the deck's ranking slide (the published lines are left out).

    Args:
        synthetic: the ranks at hand come from sample data.
        published: published ranks with a ``rank`` column (Int64) and, for
            ``code``, a ``code`` column (str): :func:`published_ranks`,
            :attr:`PublishedResults.table` or a district's
            :func:`~kp2s_dashboard.districts.assessment_results.assessment_history`.
        code: BPS code of one district; ``None`` for any district.
    """
    if not synthetic or published is None or not len(published) or "rank" not in published:
        return False
    ranked = published[published["rank"].notna()]
    if code is not None and "code" in ranked:
        ranked = ranked[ranked["code"].astype(str) == str(code)]
    return len(ranked) > 0
