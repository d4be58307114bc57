"""Reading single cell values of assessment workbooks.

Pure helpers, no I/O: decimal commas (``83,33``), "not scored" marks
(``-``, blank), letter grades, indicator codes written by an
Indonesian-locale Excel (``1,1`` … ``1,10``; never floats) and header
labels.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from numbers import Number
from typing import Any

from kp2s_dashboard.assessment.instruments import Scale
from kp2s_dashboard.sheets.cells import is_percent_format

#: Cell texts meaning "not scored" (kept as missing, never as zero).
NOT_SCORED = frozenset({"", "-", "–", "—", "−", "--", "n/a", "na", "tidak dinilai", "belum dinilai", "tdk dinilai"})

#: What a person types as a number: ASCII digits with one decimal comma or
#: point, or thousands dots with an optional decimal comma (or thousands
#: commas with an optional decimal point); a sign in front, no exponent.
_STRICT_NUMBER = re.compile(
    r"[+-]?(?:[0-9]*[.,]?[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?)"
)


def norm(text: Any) -> str:
    """Lower-case text with whitespace collapsed and ``:`` trimmed; ``""`` for None."""
    if text is None:
        return ""
    if isinstance(text, str):
        return _norm_text(text)
    return _norm_text(str(text))


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def _norm_text(text: str) -> str:
    text = text.replace("\u00a0", " ").lower()
    return _SPACES.sub(" ", text).strip().strip(":").strip()


def is_not_scored(value: Any) -> bool:
    """True for blank cells and ``-``-like marks (missing, not zero)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and norm(value) in NOT_SCORED


def parse_number(value: Any) -> float | None:
    """A number from a cell value, or None when it is not one.

    Accepts numbers, ``"83,33"``, ``"83.33"``, ``"1.234,5"``, ``"75%"``
    (gives 75.0). With one separator only, ``,`` is the decimal mark and a
    single ``.`` too (``"1.234"`` with several dot groups is thousands).
    Booleans and dates are not numbers, and neither is text that Python's
    ``float`` would take but a person does not write as a score: ``nan``,
    ``inf``, ``1e2``, ``1_000``.
    """
    kind = type(value)
    if kind is int:
        return float(value)
    if kind is float:
        return None if math.isnan(value) else value
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime, dt.time)):
        return None
    if isinstance(value, Number):
        number = float(value)  # type: ignore[arg-type]
        return None if math.isnan(number) else number
    if not isinstance(value, str):
        return None
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if text.endswith("%"):
        text = text[:-1]
    if not _STRICT_NUMBER.fullmatch(text):
        return None  # "nan", "inf", "1e2", "1_0", "83,333,3", other scripts' digits
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    elif text.count(".") > 1 and re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:
        return None


def format_raw(value: Any, number_format: str | None = None) -> str:
    """The cell as a person reads it in an Indonesian-locale Excel.

    Text is returned stripped; numbers without trailing zeros and with a
    decimal comma (``83.33`` → ``"83,33"``, ``3.0`` → ``"3"``); cells with
    a percent format as percent (``0.75`` → ``"75%"``); None → ``""``.
    """
    if value is None:
        return ""
    kind = type(value)
    if kind is str:
        return value.strip()
    if kind is int or (kind is float and value):  # 0.0 and -0.0 are one key but print apart
        return _format_number(kind, value, number_format)
    return _format_raw(value, number_format)


@lru_cache(maxsize=65536)
def _format_number(_kind: type, value: int | float, number_format: str | None) -> str:
    # the type is part of the key: 1 and 1.0 are equal keys but print differently
    return _format_raw(value, number_format)


def _format_raw(value: Any, number_format: str | None) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if type(value) is int and not number_format:
        return str(value)
    if isinstance(value, Number):
        number = float(value)  # type: ignore[arg-type]
        suffix = ""
        if is_percent_format(number_format):
            number *= 100
            suffix = "%"
        text = f"{number:.10f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") + suffix
    return str(value)


@dataclass(frozen=True)
class ParsedScore:
    """Result of :func:`parse_score`.

    ``status`` is ``"scored"``, ``"not_scored"`` or ``"invalid"``; for an
    invalid value ``reason`` is ``"not_a_score"`` or ``"out_of_scale"``.
    """

    status: str
    score: float | None = None
    reason: str = ""


def parse_score(value: Any, scale: Scale, percent_format: bool = False) -> ParsedScore:
    """Read one score cell on ``scale``.

    A letter scale takes a letter in ``scale.grades`` (case-insensitive,
    surrounding blanks ignored) and gives its mapped number. A range scale
    takes a number (decimal comma allowed) between ``min`` and ``max``;
    a cell formatted as percent (value 0.75) counts as 75 when the scale's
    maximum is 100. ``-``/blank is ``not_scored``.
    """
    if is_not_scored(value):
        return ParsedScore("not_scored")
    if scale.kind == "letter":
        if isinstance(value, str):
            letter = value.strip().upper()
            if letter in scale.grades:
                return ParsedScore("scored", scale.grades[letter])
            if re.fullmatch(r"[A-Z][+-]?", letter):
                return ParsedScore("invalid", reason="out_of_scale")
        return ParsedScore("invalid", reason="not_a_score")
    number = parse_number(value)
    if number is None:
        return ParsedScore("invalid", reason="not_a_score")
    if percent_format and isinstance(value, Number) and scale.max == 100:
        number *= 100
    number = round(number, 10)
    if number < scale.min or number > scale.max:
        return ParsedScore("invalid", number, reason="out_of_scale")
    return ParsedScore("scored", number)


# -- indicator codes ---------------------------------------------------------------
_CODE_TEXT = re.compile(r"^\s*(\d{1,2})\s*[.,]\s*(\d{1,2})\s*\.?\s*(?=\s|$|[A-Za-z(])")


@dataclass(frozen=True)
class CodeParse:
    """An indicator code read from a cell: ``code`` like ``"1.10"``;
    ``from_float`` when the cell held a number (so ``1,10`` and ``1,1``
    may have been merged by Excel); ``rest`` is any text after the code."""

    code: str
    action: int
    from_float: bool = False
    rest: str = ""


def parse_indicator_code(value: Any) -> CodeParse | None:
    """An indicator code from a cell, or None when the cell holds none.

    Text ``"1,10"``, ``"1.10"``, ``"1,10 Kab/Kota …"`` gives ``"1.10"``
    (text is never read as a number, so ``1,10`` stays apart from ``1,1``).
    A number cell (what Excel makes of ``1,2`` typed in an Indonesian
    locale) gives the float's shortest form (``1.2`` → ``"1.2"``) with
    ``from_float`` set: ``1,10`` and ``1,1`` are the same number there, and
    no number format can tell them apart, so the caller reports it.
    """
    if value is None or isinstance(value, bool):
        return None
    if type(value) in (str, int, float):
        return _parse_code(type(value), value)
    return _parse_code_value(value)


@lru_cache(maxsize=65536)
def _parse_code(_kind: type, value: Any) -> CodeParse | None:
    return _parse_code_value(value)


def _parse_code_value(value: Any) -> CodeParse | None:
    if isinstance(value, Number):
        number = float(value)  # type: ignore[arg-type]
        if math.isnan(number) or number <= 0 or number.is_integer() or number >= 100:
            return None
        major, minor = repr(number).split(".")
        return CodeParse(f"{int(major)}.{minor}", int(major), from_float=True)
    text = str(value).strip()
    match = _CODE_TEXT.match(text + " ")
    if not match:
        return None
    major, minor = int(match.group(1)), int(match.group(2))
    rest = text[match.end():].strip(" .:-\t")
    return CodeParse(f"{major}.{minor}", major, rest=rest)


def code_sort_key(code: str) -> tuple[int, int]:
    """Sort key so that ``1.2`` comes before ``1.10``."""
    try:
        major, minor = code.split(".")
        return int(major), int(minor)
    except (ValueError, AttributeError):
        return (10**6, 10**6)


# -- header labels --------------------------------------------------------------------
_ACTION = re.compile(r"^(?:aksi|action)\s*(?:ke\s*)?[-.]?\s*(\d{1,2})\b")
_ASSESSOR = re.compile(r"^(?:p|penilai|panelis|pen\.?|assessor)\s*[-.]?\s*(\d{1,2}|[a-h])$")
_WEIGHT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
_RANGE = re.compile(r"\(\s*(?:skala\s*)?(\d+(?:[.,]\d+)?)\s*[-–]\s*(\d+(?:[.,]\d+)?)\s*\)")

TOTAL_WORDS = {
    "total": ("jumlah", "total", "jumlah nilai", "jumlah skor", "total nilai", "total skor", "skor total", "nilai total", "sub total", "subtotal"),
    "mean": ("rata-rata", "rata rata", "rerata", "rata2", "nilai rata-rata", "rata-rata nilai"),
    "final": ("nilai akhir", "skor akhir", "nilai final", "hasil akhir", "nilai akhir (na)", "na"),
    "rank": ("peringkat", "ranking", "rangking", "rank", "urutan"),
}
NOTE_WORDS = ("keterangan", "catatan", "ket", "ket.", "predikat", "kategori", "rekomendasi", "notes", "note")
NO_WORDS = ("no", "no.", "nomor", "no urut", "#")
DISTRICT_HEADER_WORDS = (
    "kabupaten/kota", "kab/kota", "kab./kota", "kabupaten / kota", "kab / kota", "nama kabupaten/kota",
    "nama kab/kota", "kabupaten", "kota", "wilayah", "daerah", "nama daerah", "nama wilayah", "district",
)


@lru_cache(maxsize=65536)
def header_action(text: str) -> int | None:
    """Action number from a header such as ``Aksi 1``, ``AKSI-2 Rembuk`` or
    ``Aksi ke 3``; None otherwise."""
    match = _ACTION.match(norm(text))
    return int(match.group(1)) if match else None


def header_assessor(text: str) -> str | None:
    """Assessor label from ``P1``, ``Penilai 2``, ``Panelis A``; None otherwise."""
    match = _ASSESSOR.match(norm(text))
    if not match:
        return None
    return norm(text).replace(" ", "").upper() if norm(text).startswith("p") and len(norm(text)) <= 3 else str(text).strip()


def header_weight(text: str) -> float | None:
    """A weight written in a header (``Dokumen (60%)``, ``Bobot 20%``) as a fraction."""
    match = _WEIGHT.search(str(text))
    if not match:
        return None
    return float(match.group(1).replace(",", ".")) / 100


def header_range(text: str) -> tuple[float, float] | None:
    """A scale written in a header (``Skor (1-4)``, ``Nilai (0–100)``)."""
    match = _RANGE.search(str(text))
    if not match:
        return None
    return tuple(float(g.replace(",", ".")) for g in match.groups())  # type: ignore[return-value]


def header_kind(text: str) -> str | None:
    """``total``/``mean``/``final``/``rank``/``note``/``no`` for the usual
    total-like headers, else None. Weights and scales in brackets are ignored."""
    key = re.sub(r"\(.*?\)", "", norm(text)).strip()
    for kind, words in TOTAL_WORDS.items():
        if key in words:
            return kind
    if key in NOTE_WORDS:
        return "note"
    if key in NO_WORDS:
        return "no"
    return None


@lru_cache(maxsize=65536)
def is_district_header(text: str) -> bool:
    """True for a column header naming the district column (``Kabupaten/Kota``)."""
    if type(text) is str:
        return _is_district_header_text(text)
    key = norm(text).replace(" /", "/").replace("/ ", "/")
    return key in _DISTRICT_HEADER_KEYS


@lru_cache(maxsize=65536)
def _is_district_header_text(text: str) -> bool:
    return norm(text).replace(" /", "/").replace("/ ", "/") in _DISTRICT_HEADER_KEYS


_DISTRICT_HEADER_KEYS = frozenset(w.replace(" /", "/").replace("/ ", "/") for w in DISTRICT_HEADER_WORDS)


_MONTHS = (
    "januari", "februari", "pebruari", "maret", "april", "mei", "juni", "juli", "agustus",
    "september", "oktober", "nopember", "november", "desember",
)
_SIGNATURE = re.compile(r"\b(nip|ketua|sekretaris|mengetahui|menyetujui|tim penilai|kepala dinas|ttd|tanda tangan)\b")


def looks_like_signature(text: Any) -> bool:
    """True for text of a signature block below a table (``Banjarbaru, 20
    Oktober 2025``, ``Ketua Tim Penilai``, ``NIP. …``)."""
    if not isinstance(text, str):
        return isinstance(text, (dt.date, dt.datetime))
    key = norm(text)
    if _SIGNATURE.search(key):
        return True
    if "," in key and any(month in key for month in _MONTHS):
        return True
    if re.fullmatch(r"[a-z][a-z .]{2,30},\s*.*(\d{4}|…|\.{3}).*", key):
        return True  # "Banjarbaru, ……… 2025": place and date still to fill in
    return bool(re.search(r",\s*\d{1,2}\s+[a-z]+\s+\d{4}", key))
