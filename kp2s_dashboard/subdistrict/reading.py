"""The one adapter between the sub-district loaders and the spreadsheet reader.

Every read of an e-PPGBM wilayah export or a desa lokus list goes through
:func:`read_tables`, so moving to another reader of :mod:`kp2s_dashboard.sheets`
changes this module only. Today it is :func:`kp2s_dashboard.sheets.cells.read_grids`
(CSV, .xlsx/.xlsm, .xls, .ods; cells with their A1 address).
"""

from __future__ import annotations

from pathlib import Path

from kp2s_dashboard.sheets.cells import Cell, Grid, cell_percent, is_missing, parse_number, read_grids

__all__ = ["Cell", "Grid", "cell_percent", "is_missing", "parse_number", "read_tables"]


def read_tables(path: str | Path, display_name: str | None = None) -> list[Grid]:
    """Every sheet of ``path`` (or the one table of a CSV) as a :class:`Grid`.

    Raises:
        DataError: unsupported suffix or unreadable file, naming the file.
    """
    return read_grids(path, display_name)
