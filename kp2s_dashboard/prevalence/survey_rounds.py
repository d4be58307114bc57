"""Which years each source had a round: used to flag a year a table gives a
source that had none (there is no SSGI 2023: SKI 2023 was that year's survey).

Rounds (survey year, not publication year), as described in
``/work/shared/reference/prevalence_notes.md`` and the module docstring of
:mod:`kp2s_dashboard.prevalence.series`:

* Riskesdas (Balitbangkes, Kemenkes): 2007, 2010, 2013, 2018;
* SSGBI (Balitbangkes with BPS): 2019;
* SSGI (Kemenkes): 2021, 2022, 2024 (SSGI 2024 published May 2025);
* SKI (Kemenkes BKPK): 2023, in place of Riskesdas and SSGI that year;
* e-PPGBM (routine register): every year; only a year after the current one
  is flagged.

A year not listed is a *warning* (the editor confirms), never an error: a
new round (e.g. SSGI 2025) is published before this list is updated.
"""

from __future__ import annotations

import datetime as dt

#: Survey source → years with a round.
SURVEY_ROUNDS: dict[str, tuple[int, ...]] = {
    "riskesdas": (2007, 2010, 2013, 2018),
    "ssgbi": (2019,),
    "ssgi": (2021, 2022, 2024),
    "ski": (2023,),
}

#: Sources measured every year (the register).
YEARLY_SOURCES = ("eppgbm",)


def had_round(source: str, year: int, today: dt.date | None = None) -> bool:
    """Whether ``source`` (``riskesdas|ssgbi|ssgi|ski|eppgbm``) had a round in
    ``year`` (a register year counts when it is not in the future)."""
    today = today or dt.date.today()
    if source in YEARLY_SOURCES:
        return int(year) <= today.year
    return int(year) in SURVEY_ROUNDS.get(source, ())


def round_that_year(year: int) -> list[str]:
    """The survey sources that had a round in ``year`` (e.g. ``["ski"]`` for
    2023), in :data:`SURVEY_ROUNDS` order."""
    return [s for s, years in SURVEY_ROUNDS.items() if int(year) in years]
