"""The one reader of spreadsheet cells (xlsx, xls, ods, csv) for every loader."""
