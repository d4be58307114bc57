"""Header words of e-PPGBM wilayah exports and desa lokus lists: which
column plays which role, and the cell parsers shared by both loaders.

Roles (:data:`ROLES`): ``level`` (tingkat), ``district`` (kabupaten/kota:
name or code), ``kecamatan`` (name), ``kecamatan_code``, ``desa`` (name),
``puskesmas`` (name), ``name`` (a generic area name beside ``level``),
``code`` (Kemendagri code of the row's area), ``year`` (tahun), ``period``
(periode/bulan), ``measured`` (balita diukur), ``stunted`` (stunting =
pendek + sangat pendek), ``pendek``, ``sangat_pendek``, ``registered``
(balita sasaran/terdaftar), ``prevalence`` (a stated stunting percent, only
compared: the rate is always computed from the counts), ``rate_part`` (the
percent of pendek or sangat pendek alone, ignored), ``number`` (No).
"""

from __future__ import annotations

import datetime as dt
import re
from numbers import Number
from typing import Any

#: Month names and abbreviations (Bahasa Indonesia and English) → month.
MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2, "pebruari": 2,
    "maret": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "june": 6,
    "jun": 6, "juli": 7, "july": 7, "jul": 7, "agustus": 8, "august": 8, "agu": 8, "agt": 8, "aug": 8,
    "ags": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "nopember": 11, "desember": 12, "december": 12, "des": 12, "dec": 12,
}

ROLES = ("level", "district", "kecamatan", "kecamatan_code", "desa", "puskesmas", "name", "code", "year",
         "period", "measured", "stunted", "pendek", "sangat_pendek", "registered", "prevalence", "rate_part", "number")

# Exact header texts (after :func:`header_key`) → role.
_EXACT = {
    "tingkat": "level", "level": "level", "jenis wilayah": "level", "tingkat wilayah": "level",
    "kabupaten kota": "district", "kab kota": "district", "kabupaten": "district", "kota": "district",
    "district": "district", "kode kabupaten": "district", "kode kab": "district", "kode kab kota": "district",
    "kode kabupaten kota": "district", "kabkota": "district",
    "kecamatan": "kecamatan", "nama kecamatan": "kecamatan", "kec": "kecamatan",
    "kode kecamatan": "kecamatan_code", "kode kec": "kecamatan_code",
    "desa": "desa", "kelurahan": "desa", "desa kelurahan": "desa", "desa kel": "desa", "nama desa": "desa",
    "nama desa kelurahan": "desa", "kelurahan desa": "desa", "desa lokus": "desa", "nama desa lokus": "desa",
    "puskesmas": "puskesmas", "nama puskesmas": "puskesmas",
    "nama wilayah": "name", "wilayah": "name", "nama": "name", "area": "name",
    "kode wilayah": "code", "kode": "code", "kode desa": "code", "kode kemendagri": "code",
    "kode desa kelurahan": "code", "kode area": "code",
    "tahun": "year", "year": "year", "tahun lokus": "year",
    "periode": "period", "period": "period", "bulan": "period", "bulan pengukuran": "period",
    "no": "number", "nomor": "number", "no urut": "number",
}


def header_key(value: Any) -> str:
    """A header text for comparison: lower case, punctuation to spaces."""
    text = str(value).lower().replace("\u00a0", " ")
    text = re.sub(r"[^a-z0-9%]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def header_role(value: Any) -> str | None:
    """The role of a header cell (see :data:`ROLES`), or ``None``."""
    key = header_key(value)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    words = set(key.split())
    if "%" in key or "prevalensi" in words or "persen" in words or "persentase" in words:
        if key.count("pendek") == 1 and "stunting" not in words:
            return "rate_part"  # the rate of pendek or of sangat pendek alone: not the stunting rate
        return "prevalence"
    if "diukur" in words or "measured" in words:  # not "ditimbang" (weighed): height is what stunting needs
        return "measured"
    if key.count("pendek") > 1 or "stunting" in words or "stunted" in words:
        return "stunted"  # "pendek dan sangat pendek", "jumlah stunting"
    if "sangat" in words and "pendek" in words:
        return "sangat_pendek"
    if "pendek" in words:
        return "pendek"
    if words & {"sasaran", "terdaftar", "registered", "proyeksi"}:
        return "registered"
    if "kode" in words and words & {"kec", "kecamatan"}:
        return "kecamatan_code"
    if "kode" in words and words & {"desa", "kelurahan", "wilayah"}:
        return "code"
    return None


#: Texts of a name cell that mark a total row (``Jumlah``, ``Total``,
#: ``Jumlah Kecamatan``, ``Total Kabupaten``).
_TOTAL = re.compile(r"^(jumlah|total|sub ?total|subtotal|grand total)\b")


def is_total(value: Any) -> bool:
    """True when a name cell marks a total row."""
    return isinstance(value, str) and bool(_TOTAL.match(header_key(value)))


def parse_year(value: Any) -> int | None:
    """A year (2000–2100) from a cell, or ``None`` when it is not one."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    if isinstance(value, Number) and not isinstance(value, bool):
        number = float(value)
        return int(number) if number.is_integer() and 2000 <= number <= 2100 else None
    text = str(value).strip()
    if re.fullmatch(r"20\d\d(\.0)?", text):
        return int(float(text))
    return None


def parse_period(value: Any, year: int | None) -> tuple[int, str] | None:
    """``(year, period)`` from a period cell: ``2024-08``, ``08/2024``,
    ``Agustus 2024``, a date, or a bare month (``8``, ``Agustus``) with
    ``year`` from the row's year column. ``period`` is ``"YYYY-MM"``, or
    ``"YYYY"`` when only a year is known. ``None`` when unreadable."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year, f"{value.year}-{value.month:02d}"
    if isinstance(value, Number) and not isinstance(value, bool):
        number = float(value)
        if number.is_integer() and 1 <= number <= 12 and year:
            return year, f"{year}-{int(number):02d}"
        if number.is_integer() and 2000 <= number <= 2100:
            return int(number), str(int(number))
        return None
    text = header_key(value)
    m = re.fullmatch(r"(20\d\d) (\d{1,2})", text)
    if m and 1 <= int(m.group(2)) <= 12:
        return int(m.group(1)), f"{m.group(1)}-{int(m.group(2)):02d}"
    m = re.fullmatch(r"(\d{1,2}) (20\d\d)", text)
    if m and 1 <= int(m.group(1)) <= 12:
        return int(m.group(2)), f"{m.group(2)}-{int(m.group(1)):02d}"
    m = re.fullmatch(r"([a-z]+) (20\d\d)", text)
    if m and m.group(1) in MONTHS:
        return int(m.group(2)), f"{m.group(2)}-{MONTHS[m.group(1)]:02d}"
    if text in MONTHS and year:
        return year, f"{year}-{MONTHS[text]:02d}"
    if re.fullmatch(r"\d{1,2}", text) and 1 <= int(text) <= 12 and year:
        return year, f"{year}-{int(text):02d}"
    if re.fullmatch(r"20\d\d", text):
        return int(text), text
    return None
