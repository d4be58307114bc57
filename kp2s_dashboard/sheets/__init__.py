"""The one spreadsheet reader every loader uses (prevalence, assessment,
recommendations, e-PPGBM exports).

Two views of the same reading, pick the one that fits the loader:

:func:`kp2s_dashboard.sheets.cells.read_grids` ``(path, display_name=None, fill_merged=True) -> list[Grid]``
    Row-by-row tables (prevalence, recommendations, e-PPGBM sub-district
    exports). One :class:`~kp2s_dashboard.sheets.cells.Grid` per sheet (one
    for a CSV): ``grid.rows[i]`` is sheet row ``i + 1`` as a list of
    :class:`~kp2s_dashboard.sheets.cells.Cell` (``value``, ``row``, ``col``,
    ``percent_format``, ``formula`` when a formula has no stored result,
    ``merged_from`` when the value comes from a range merged over several
    rows), in column order; ``grid.location(cell)`` gives the
    :class:`~kp2s_dashboard.errors.Location` (file, sheet, cell; for a CSV,
    line and column) every message must name. Values: use
    :func:`~kp2s_dashboard.sheets.cells.parse_number`,
    :func:`~kp2s_dashboard.sheets.cells.cell_percent` and
    :func:`~kp2s_dashboard.sheets.cells.is_missing`.

:func:`kp2s_dashboard.sheets.columns.read_columns` ``(path, display_name=None) -> list[Columns] | None``
    The same cells as :func:`read_grids` for a ``.csv``/``.xlsx``, kept
    column-wise (one list per column) for large tables checked on whole
    columns (the prevalence loader); ``None`` when the file needs the cell
    reader (``.xls``/``.ods``, formulas without a stored result, ranges
    merged over several rows).

:func:`kp2s_dashboard.sheets.book.read_book` ``(path, display_name=None) -> Book``
    Whole workbooks with their layout facts (assessment workbooks): per
    :class:`~kp2s_dashboard.sheets.book.Sheet` the values by (row, col),
    formulas, formulas without a cached value (``uncached``) and those the
    reader computed (``computed``), Excel errors, percent and decimal
    formats, merged ranges (``get(row, col, fill=True)`` reads a merged
    cell as its range), hidden rows and columns, sheet state.

How: values come from python-calamine; what calamine does not give
(formulas, number formats, hidden rows and columns, merged ranges of
.xlsx) from one pass over the sheet XML, with openpyxl's parsers for the
style table and document properties (:mod:`~kp2s_dashboard.sheets.xlsx`);
``.xls`` facts from xlrd. Every read is bounded before cells are built
(:mod:`~kp2s_dashboard.sheets.uploads`: rows, columns, cells, zip
limits). Simple formulas without a cached value (``=B2*C2``,
``=SUM(B2:D2)``, ``=B2+C2+D2``) are computed
(:mod:`~kp2s_dashboard.sheets.formulas`); findings about the others are
grouped per sheet and column by
:func:`~kp2s_dashboard.sheets.formulas.group_by_column`.

Errors: :class:`~kp2s_dashboard.errors.DataError` with ``err.file_format``,
``err.file_unreadable``, ``err.sheet_rows``, ``err.sheet_cols``,
``err.sheet_cells`` (file and sheet named). Uploads pass
:func:`~kp2s_dashboard.sheets.uploads.check_upload` first.
"""
