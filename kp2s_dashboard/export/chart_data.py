"""Chart data for the deck's native PowerPoint charts, formula-safe.

A native chart carries its figures in an embedded workbook (PowerPoint's
*Edit Data* opens it in Excel). python-pptx writes that workbook with
XlsxWriter, whose ``write`` stores a text starting with ``=`` as a formula
and a text that looks like a link as a hyperlink: a category label or
series name from a file (``=HYPERLINK("http://x","klik")``) would become a
live formula there. :class:`CategoryChartData` is python-pptx's class with
a writer that stores every text as a string cell (the rule of
:mod:`kp2s_dashboard.export.tables`: no download carries a live formula).
Numbers stay number cells; the chart's own XML holds the labels as text
either way, so the slide looks the same.
"""

from __future__ import annotations

from contextlib import contextmanager

from pptx.chart import data as _data
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.util import lazyproperty
from xlsxwriter import Workbook

#: XlsxWriter options of the embedded workbook: texts are never formulas or links.
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}


class _TextWorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's category writer, opening the workbook with :data:`WORKBOOK_OPTIONS`."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, dict(WORKBOOK_OPTIONS))
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class CategoryChartData(_data.CategoryChartData):
    """:class:`pptx.chart.data.CategoryChartData` (same arguments and use)
    whose embedded workbook holds every category label and series name as
    a string cell, never a formula or a hyperlink."""

    @lazyproperty
    def _workbook_writer(self):
        return _TextWorkbookWriter(self)
