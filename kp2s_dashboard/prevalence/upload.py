"""Checking an uploaded prevalence file: the upload guard, then the loader.

Used by the Data page's "Periksa berkas Anda" check and by publishing
(:mod:`kp2s_dashboard.store.publishing`), so both refuse and read a file
the same way.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from kp2s_dashboard.prevalence.loader import HEADLINE, PrevalenceLoad, load_prevalence


def check_prevalence_upload(name: str, content: bytes, *, default_source: str | None = None,
                            default_indicator: str = HEADLINE) -> PrevalenceLoad:
    """Read an uploaded prevalence file (long or wide layout) to check it.

    The bytes are written to a temporary file with the upload's suffix and
    read with :func:`kp2s_dashboard.prevalence.loader.load_prevalence`; messages
    name the upload's original file name. The bytes pass
    :func:`kp2s_dashboard.sheets.uploads.check_upload` first; its notes (e.g. a
    CSV read as Windows-1252) come first in ``warnings``. ``default_source``
    and ``default_indicator`` are passed to the loader (the editor's answer
    for a wide table whose year columns name no survey).

    Raises:
        DataError: refused by the guard (``err.upload_*``, ``err.sheet_*``)
            or as :func:`~kp2s_dashboard.prevalence.loader.load_prevalence`.
    """
    from kp2s_dashboard.sheets import uploads

    checked = uploads.check_upload(name, content)
    suffix = Path(name).suffix.lower()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        result = load_prevalence(path, display_name=name, default_source=default_source,
                                 default_indicator=default_indicator)
    result.warnings[:0] = checked.notes
    return result
