"""Stunting reduction targets, as data with their sources.

The table (``data/targets.csv``), one row per stated target:

=========== ======= ========================================================
column      dtype   meaning
=========== ======= ========================================================
code        str     ``"00"`` national, ``"63"`` province, or a district code
year        int64   the year the target is for
target_pct  float64 target prevalence in percent (0–100)
label       str     short name of the plan/body (``Perpres 72/2021``,
                    ``RPJMN 2025–2029``, ``BKKBN (RAN-PASTI)``, …)
basis       str     what the source says, incl. ``CONFLICT`` remarks, in English
basis_id    str     the same in Bahasa Indonesia; optional in the file ("" when
                    missing). Shown by :func:`kp2s_dashboard.i18n.source_note`
                    (``column="basis"``)
source_url  str     where it was published
conflict    bool    the basis records a conflicting figure: the marker
                    ``CONFLICT`` (capitals) or ``conflict:``, see
                    :func:`kp2s_dashboard.prevalence.alternatives.conflict_marked`; prose
                    such as "no conflict with …" is not one
=========== ======= ========================================================

National targets: 14 % in 2024 (Perpres 72/2021), 18.8 % in 2025 and 14.2 %
in 2029 (RPJMN 2025–2029), 5 % in 2045 (RPJPN 2025–2045). Provincial
targets disagree between the BKKBN trajectory and Bappeda Kalsel; both are
kept and flagged, never resolved silently.
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

import pandas as pd

from kp2s_dashboard.errors import DataError, Location
from kp2s_dashboard.prevalence.alternatives import conflict_marked
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE, registry

#: National targets shown by default: the plans in force (Perpres 72/2021,
#: RPJMN 2025–2029, RPJPN 2025–2045); interim and revised figures are
#: available but not drawn unless chosen.
DEFAULT_TARGET_LABELS = ("Perpres 72/2021", "RPJMN 2025–2029", "RPJPN 2025–2045")

#: Official labels of data/targets.csv written in Bahasa Indonesia, with the catalogue key of their name in every
#: UI language (:func:`target_label`); any other label is a plan's own short name or a user's, shown as written.
OFFICIAL_LABEL_KEYS = {
    "Target antara 2021 (BKKBN)": "tgt.label.interim_2021_bkkbn",
    "Target tahunan 2024 (RKP)": "tgt.label.annual_2024_rkp",
}

COLUMNS = ["code", "year", "target_pct", "label", "basis", "basis_id", "source_url", "conflict"]
#: What a plan's short name never holds: HTML and markdown marks, Streamlit's ``:icon:``/``:colour[`` directives.
#: A label is shown in tabs, radio options, captions and chart legends; the loader refuses these rather than each
#: of those places having to escape them.
LABEL_MARKUP = re.compile(r"[<>\[\]*_`$\\|{}#~^]|:[\w/-]+:")
#: Columns a targets file may leave out.
OPTIONAL = ("basis_id",)


def load_targets(path: str | Path) -> pd.DataFrame:
    """Read a targets CSV (columns as in the module docstring, without
    ``conflict``, which is derived from ``basis`` by the one marker rule,
    :func:`kp2s_dashboard.prevalence.alternatives.conflict_marked`; ``basis_id``
    is optional, "" when the file has no such column).

    The bytes are decoded as every uploaded CSV is
    (:func:`kp2s_dashboard.sheets.uploads.decode_text`: UTF-8 with or
    without BOM, UTF-16, Windows-1252).

    Raises:
        DataError: a file that is not CSV text (``err.upload_not_text``) or
            cannot be parsed (``err.file_unreadable``, e.g. a quote never
            closed), missing columns, a year that is not a four-digit year
            (``err.bad_year``), a label holding markup (:data:`LABEL_MARKUP`,
            ``err.target_label_markup``), a value that is not a percent, or a second
            target with the same code, year and label (``err.target_duplicate``),
            naming the file and line.
    """
    from kp2s_dashboard.sheets import uploads

    path = Path(path)
    text, _encoding = uploads.decode_text(path.read_bytes(), path.name)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except ValueError as exc:  # pandas' ParserError (a quote never closed) and EmptyDataError are ValueErrors
        raise DataError("err.file_unreadable", Location(file=path.name), detail=str(exc)) from None
    missing = [c for c in COLUMNS[:-1] if c not in frame.columns and c not in OPTIONAL]
    if missing:
        raise DataError("err.missing_columns", Location(file=path.name, row=1), missing=", ".join(missing))
    for column in OPTIONAL:
        if column not in frame.columns:
            frame[column] = ""
    problems = []
    years = []
    seen: dict[tuple[str, int, str], int] = {}
    for i, row in frame.iterrows():
        loc = Location(file=path.name, row=int(i) + 2)
        frame.at[i, "code"] = code = registry().to_code(row["code"], loc)
        year_text = str(row["year"]).strip()
        if not re.fullmatch(r"\d{4}", year_text) or not 1990 <= int(year_text) <= 2100:
            raise DataError("err.bad_year", Location(file=path.name, row=int(i) + 2, column="year"), value=year_text)
        years.append(int(year_text))
        label = str(row["label"]).strip()
        if LABEL_MARKUP.search(label):
            raise DataError("err.target_label_markup", Location(file=path.name, row=int(i) + 2, column="label"),
                            value=label, found=LABEL_MARKUP.search(label).group())
        key = (code, int(year_text), label)
        if key in seen:
            raise DataError("err.target_duplicate", loc, label=key[2], year=key[1], other=seen[key])
        seen[key] = int(i) + 2
        try:
            value = float(str(row["target_pct"]).replace(",", "."))
            if not math.isfinite(value):  # "nan", "inf": words, not figures
                raise ValueError(value)
        except ValueError:
            raise DataError("err.not_a_number", loc, value=row["target_pct"]) from None
        if not 0 <= value <= 100:
            raise DataError("err.pct_out_of_range", loc, value=value)
        problems.append(value)
    frame["target_pct"] = pd.Series(problems, index=frame.index, dtype="float64")
    frame["year"] = pd.Series(years, index=frame.index, dtype="int64")
    frame["conflict"] = frame["basis"].map(conflict_marked).astype("bool")
    return frame[COLUMNS].sort_values(["code", "year", "label"], kind="stable").reset_index(drop=True)


def targets_for(targets: pd.DataFrame, code: str) -> pd.DataFrame:
    """Targets that apply to region ``code``: the national ones plus the
    region's own (the province's for the province, a district's RPJMD or
    TPPS targets for that district). Adds a column ``scope``
    (``national`` | ``province`` | ``district``)."""
    scopes = {NATIONAL_CODE: "national", PROVINCE_CODE: "province"}
    wanted = [NATIONAL_CODE, code]
    out = targets[targets["code"].isin(wanted)].copy()
    out["scope"] = out["code"].map(lambda c: scopes.get(c, "district"))
    return out


def default_labels(applicable: pd.DataFrame, latest_year: int) -> list[str]:
    """Target labels drawn by default for a region: the national plans in
    force (:data:`DEFAULT_TARGET_LABELS`) and the region's own targets for
    ``latest_year`` or later (older interim targets stay available but are
    not drawn, to keep the chart readable). Order as in ``applicable``."""
    own = applicable[(applicable["code"] != NATIONAL_CODE) & (applicable["year"] >= latest_year)]
    wanted = set(DEFAULT_TARGET_LABELS) | set(own["label"])
    return [label for label in dict.fromkeys(applicable["label"]) if label in wanted]


def target_label(label: str, lang: str) -> str:
    """A target's ``label`` as shown in ``lang``: an official label of
    :data:`OFFICIAL_LABEL_KEYS` through the catalogue (``"Target antara 2021
    (BKKBN)"`` → ``"Interim target 2021 (BKKBN)"`` in English, unchanged in
    Bahasa Indonesia); any other label (a plan's name, a user's own) as
    written. Only for display: filters and keys keep the stored label."""
    from kp2s_dashboard.i18n import t

    key = OFFICIAL_LABEL_KEYS.get(label)
    return t(key, lang) if key else label
