"""Notes from the data files, in the UI's language.

The data files carry notes written by whoever compiled the figures (our own
sentences, not quotes from a source): the ``note`` of a prevalence row, the
``basis`` of a target, what a published result's source says (``category``
in ``data/kp2s_results.csv``, ``note`` once read). Each note is data in both
languages: English in the column of its name, Bahasa Indonesia in the same
name with ``_id`` (``note_id``, ``basis_id``, ``category_id``), translated by
hand and checked by a test that reads the files. The rules that read a note
(a ``CONFLICT`` figure, an e-PPGBM month) read the column as written.

:func:`source_note` picks the note in the UI's language; every page, table,
figure and export that shows such a note calls it (or :func:`source_notes`
for a column). Only when the translation is missing (a file an editor
uploaded with one language) is the other language shown, in quotation marks
and marked as an untranslated original (``notes.quote_en`` / ``notes.quote_id``),
so that the UI never passes a foreign sentence off as its own text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from kp2s_dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, quoted, t

#: Suffix of the column holding a note in each UI language: the column named
#: ``note`` is English, ``note_id`` Bahasa Indonesia (likewise ``basis``).
SUFFIXES = {"en": "", "id": "_id"}


def column_for(column: str, lang: str) -> str:
    """The column holding ``column``'s note in ``lang``: ``note`` (en),
    ``note_id`` (id)."""
    return column + SUFFIXES.get(lang, SUFFIXES[DEFAULT_LANGUAGE])


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        import pandas as pd

        if value is pd.NA:
            return ""
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return str(value).strip()


def _field(row: Any, name: str) -> object:
    if row is None:
        return None
    if isinstance(row, Mapping) or callable(getattr(row, "get", None)):  # dict, pandas Series
        return row.get(name)
    return getattr(row, name, None)  # named tuple, dataclass


def source_note(row: Any, lang: str = DEFAULT_LANGUAGE, column: str = "note") -> str:
    """The note ``column`` of ``row`` in ``lang``.

    Args:
        row: a table row holding ``column`` (English) and ``column + "_id"``
            (Bahasa Indonesia), either missing or empty allowed: a dict, a
            pandas Series, a named tuple (``itertuples``) or an object with
            those attributes (e.g. :class:`~kp2s_dashboard.prevalence.status.Target`).
        lang: ``id`` or ``en``.
        column: ``note`` (prevalence rows, published results) or ``basis``
            (targets).

    Returns:
        The note in ``lang`` as written (plain text; a page writing it as
        Markdown escapes it). When only the other language has the note,
        that text in quotation marks with the mark of an untranslated
        original, e.g. ``“month not stated” (kutipan asli, belum
        diterjemahkan)``. ``""`` when neither has one.
    """
    own = _text(_field(row, column_for(column, lang)))
    if own:
        return own
    for other in LANGUAGES:
        if other == lang:
            continue
        text = _text(_field(row, column_for(column, other)))
        if text:
            return t(f"notes.quote_{other}", lang, quote=quoted(text))
    return ""


def source_notes(frame, lang: str = DEFAULT_LANGUAGE, column: str = "note"):
    """:func:`source_note` for every row of ``frame`` (a DataFrame with
    ``column`` and/or ``column + "_id"``; a missing one counts as empty).

    Returns:
        ``pandas.Series`` of str on ``frame``'s index.
    """
    import pandas as pd

    names = [column_for(column, lang) for lang in LANGUAGES]
    rows = frame[[n for n in names if n in frame.columns]].to_dict("records")
    return pd.Series([source_note(r, lang, column) for r in rows], index=frame.index, dtype="str")
