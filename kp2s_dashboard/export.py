"""Downloads and user-file checks: bytes in, bytes or tables out. No Streamlit."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pandas as pd

from kp2s_dashboard.prevalence import PrevalenceLoad, load_prevalence


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV with a BOM (so Excel opens accents right),
    comma separated, dot decimals, no index."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    """An .xlsx workbook with one sheet per item of ``frames`` (sheet names
    cut to Excel's 31 characters), header row frozen, columns sized."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            sheet = name[:31]
            frame.to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            ws.freeze_panes = "A2"
            for i, col in enumerate(frame.columns, start=1):
                width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)])
                ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()


def check_prevalence_upload(name: str, content: bytes) -> PrevalenceLoad:
    """Read an uploaded prevalence file (long or wide layout) to check it.

    The bytes are written to a temporary file with the upload's suffix and
    read with :func:`kp2s_dashboard.prevalence.load_prevalence`; messages
    name the upload's original file name.

    Raises:
        DataError: as :func:`~kp2s_dashboard.prevalence.load_prevalence`.
    """
    suffix = Path(name).suffix.lower()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        return load_prevalence(path, display_name=name)
