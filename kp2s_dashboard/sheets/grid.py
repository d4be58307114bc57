"""The workbook model under its former name: :mod:`kp2s_dashboard.sheets.book`.

Kept so imports of ``kp2s_dashboard.sheets.grid`` (``Sheet``, ``Book``,
``a1``, ``read_book``) keep working; new code imports from
:mod:`kp2s_dashboard.sheets.book` or the package :mod:`kp2s_dashboard.sheets`.
"""

from kp2s_dashboard.sheets.book import SUFFIXES, Book, Sheet, a1, read_book  # noqa: F401
