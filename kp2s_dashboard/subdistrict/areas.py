"""Registry of the province's kecamatan and desa/kelurahan, and matching of
what people write (a Kemendagri code, or a name within its district) to it.

The registry is data, ``data/wilayah_kode.csv`` (see ``data/wilayah_kode.md``
for its source: the boundary files ``kalsel_kecamatan.geojson`` and
``kalsel_desa.geojson``, from cahyadsn/wilayah_boundaries, MIT), one row per
area:

============== ====== ==========================================================
column         dtype  meaning
============== ====== ==========================================================
kode           str    Kemendagri code with dots: ``"63.03.01"`` (kecamatan),
                      ``"63.03.01.2001"`` (desa/kelurahan)
level          str    ``kecamatan`` | ``desa`` (a kelurahan is level ``desa``)
jenis          str    ``kecamatan`` | ``desa`` | ``kelurahan``
nama           str    name as in the boundary file (``"Sungai Tabuk"``)
kode_kabupaten str    the district's Kemendagri code, ``"63.03"``
kode_kecamatan str    the kecamatan's code (the kecamatan's own for a kecamatan)
============== ====== ==========================================================

Names repeat: 126 desa names occur more than once in the province, 21 twice
in one district (in different kecamatan), and ``Simpang Empat`` is a
kecamatan of both Banjar and Tanah Bumbu. A name is therefore matched only
*within its district* (and within its kecamatan when the name repeats inside
the district); a name that occurs in two districts while the district is not
given is an error listing both, never a guess.

Spellings matched (:func:`name_key`): case, extra spaces, punctuation
(``Bati-Bati``, ``Bati Bati``, ``BatiBati``; ``Bi'ih``, ``Biih``), the
Indonesian doubling shorthand ``Bati2``, prefixes (``Desa``, ``Ds.``,
``Kel.``, ``Kelurahan``, ``Kec.``, ``Kecamatan``, ``Puskesmas``, ``PKM``) and
the common abbreviation ``Sei``/``Sei.`` for ``Sungai``.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from numbers import Number
from pathlib import Path

import pandas as pd

from kp2s_dashboard import paths
from kp2s_dashboard.errors import KP2SError, Location, RegionNotFoundError
from kp2s_dashboard.regions import registry

#: The registry file under ``data/``.
WILAYAH_FILE = "wilayah_kode.csv"
#: Area levels with a Kemendagri code (puskesmas have none).
CODED_LEVELS = ("kecamatan", "desa")

_PREFIXES = {
    "desa": ("desa", "ds", "kelurahan", "kel", "kelur", "dsa"),
    "kecamatan": ("kecamatan", "kec", "kcm"),
    "puskesmas": ("puskesmas", "pusk", "pkm", "uptd puskesmas", "upt puskesmas"),
}
_WORDS = {"sei": "sungai", "sg": "sungai", "sng": "sungai", "tlk": "teluk", "kp": "kampung", "kpg": "kampung"}
_DOUBLED = re.compile(r"\b([a-z]+)2\b")


class AreaMatchError(KP2SError, LookupError):
    """A kecamatan/desa that cannot be matched (unknown, or ambiguous).

    Keys: ``err.wil_unknown_area`` (params ``level``, ``value``,
    ``district``, ``suggestions``), ``err.wil_name_two_districts``
    (``level``, ``value``, ``districts``), ``err.wil_name_two_kecamatan``
    (``level``, ``value``, ``district``, ``kecamatan``),
    ``err.wil_code_other_district`` (``value``, ``district``),
    ``err.wil_code_level`` (``value``, ``level``),
    ``err.wil_unknown_district`` (``value``).
    """


@dataclass(frozen=True)
class Area:
    """One kecamatan or desa/kelurahan of the registry."""

    kode: str
    level: str
    jenis: str
    name: str
    district_code: str
    kecamatan_code: str


def name_key(text: object, level: str = "desa") -> str:
    """The comparison key of an area name: lower case, prefixes of ``level``
    dropped, punctuation and spaces removed, ``Sei``→``sungai``,
    ``Bati2``→``batibati``. ``""`` for a blank.

    >>> name_key("Ds. Bati2"), name_key("BATI-BATI")
    ('batibati', 'batibati')
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    s = str(text).lower().replace("\u00a0", " ")
    s = s.replace("'", "").replace("\u2019", "").replace("`", "")
    s = re.sub(r"[.,_\-/()]+", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = _DOUBLED.sub(r"\1 \1", s)
    for prefix in sorted(_PREFIXES.get(level, ()), key=len, reverse=True):
        if s.startswith(prefix + " "):
            s = s[len(prefix) + 1:]
            break
    words = [_WORDS.get(w, w) for w in s.split(" ")]
    return "".join(words)


def district_kode(value: object, location: Location | None = None) -> str:
    """The district's Kemendagri code (``"63.03"``) from a name
    (``"Kab. Banjar"``), a BPS code (``"6303"``, ``6303``) or a Kemendagri
    code (``"63.03"``), through :func:`kp2s_dashboard.regions.to_code`.

    Raises:
        RegionNotFoundError: not one of the 13 kabupaten/kota.
    """
    text = str(value).strip() if not isinstance(value, Number) else value
    if isinstance(text, str) and re.fullmatch(r"63\.\d\d", text):
        text = text.replace(".", "")
    code = registry().to_code(text, location)
    region = registry().get(code)
    if not region.is_district:
        raise RegionNotFoundError("err.wil_unknown_district", location, value=str(value), suggestions="")
    return region.kode


def _where(kode: str | None) -> str:
    """Full name of the district (``"Kabupaten Banjar"``), or the province's when ``None``."""
    return registry().get(kode.replace(".", "") if kode else "63").name


def district_name(kode: str) -> str:
    """Short display name of a district from its Kemendagri code (``"63.03"`` → ``"Banjar"``)."""
    return registry().short_name(kode.replace(".", ""))


class AreaRegistry:
    """Lookup over the kecamatan and desa of the province; build one with
    :func:`area_registry` (or from a frame with the columns of the module
    docstring, for tests)."""

    def __init__(self, frame: pd.DataFrame):
        self._frame = frame.reset_index(drop=True).copy()
        self._by_kode: dict[str, Area] = {}
        self._by_key: dict[tuple[str, str], list[Area]] = {}
        for row in self._frame.itertuples(index=False):
            area = Area(kode=row.kode, level=row.level, jenis=row.jenis, name=row.nama,
                        district_code=row.kode_kabupaten, kecamatan_code=row.kode_kecamatan)
            if area.kode in self._by_kode:
                raise ValueError(f"duplicate area code {area.kode}")
            self._by_kode[area.kode] = area
            self._by_key.setdefault((area.level, name_key(area.name, area.level)), []).append(area)

    def frame(self) -> pd.DataFrame:
        """The registry table (columns of the module docstring), a copy."""
        return self._frame.copy()

    def get(self, kode: str) -> Area | None:
        """The area with Kemendagri code ``kode``, or ``None``."""
        return self._by_kode.get(str(kode).strip())

    def areas(self, level: str, district_code: str | None = None, kecamatan_code: str | None = None) -> list[Area]:
        """Areas of ``level`` (``kecamatan``/``desa``), optionally of one
        district (``"63.03"``) and kecamatan (``"63.03.01"``), by code."""
        return [a for a in self._by_kode.values() if a.level == level
                and (district_code is None or a.district_code == district_code)
                and (kecamatan_code is None or a.kecamatan_code == kecamatan_code)]

    def match(self, level: str, *, name: object = None, code: object = None, district: str | None = None,
              kecamatan: str | None = None, location: Location | None = None) -> Area:
        """The area of ``level`` (``kecamatan`` or ``desa``) meant by ``code``
        (Kemendagri, dotted; checked against ``district``) or else by
        ``name`` within ``district`` (``"63.03"``) and, when given,
        ``kecamatan`` (a kecamatan code ``"63.03.01"``).

        Raises:
            AreaMatchError: unknown code or name (with the closest names of
                the district), a code of another level or district, a name
                found in two districts while ``district`` is None, or in two
                kecamatan of the district while ``kecamatan`` is None.
        """
        code_text = _code_text(code)
        if code_text:
            area = self.get(code_text)
            if area is None:
                raise AreaMatchError("err.wil_unknown_area", location, level=level, value=code_text,
                                     district=_where(district), suggestions="-")
            if area.level != level:
                raise AreaMatchError("err.wil_code_level", location, value=code_text, level=level)
            if district and area.district_code != district:
                raise AreaMatchError("err.wil_code_other_district", location, value=code_text,
                                     district=district_name(district))
            return area
        key = name_key(name, level)
        found = [a for a in self._by_key.get((level, key), [])
                 if (district is None or a.district_code == district)
                 and (kecamatan is None or a.kecamatan_code == kecamatan)]
        if len(found) == 1:
            return found[0]
        shown = str(name).strip()
        if not found:
            raise AreaMatchError("err.wil_unknown_area", location, level=level, value=shown,
                                 district=_where(district),
                                 suggestions=", ".join(self.suggest(level, name, district)) or "-")
        districts = sorted({a.district_code for a in found})
        if len(districts) > 1:
            raise AreaMatchError("err.wil_name_two_districts", location, level=level, value=shown,
                                 districts=", ".join(f"{district_name(d)} ({d})" for d in districts))
        raise AreaMatchError("err.wil_name_two_kecamatan", location, level=level, value=shown,
                             district=district_name(districts[0]),
                             kecamatan=", ".join(f"{self._by_kode[a.kecamatan_code].name} ({a.kecamatan_code})"
                                                 if a.kecamatan_code in self._by_kode else a.kecamatan_code
                                                 for a in found))

    def suggest(self, level: str, name: object, district: str | None = None, n: int = 3) -> list[str]:
        """Up to ``n`` names of ``level`` in ``district`` closest to ``name``."""
        pool = {name_key(a.name, level): a.name for a in self.areas(level, district)}
        return [pool[k] for k in difflib.get_close_matches(name_key(name, level), list(pool), n=n, cutoff=0.75)]


def _code_text(code: object) -> str:
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return ""
    text = str(code).strip()
    if re.fullmatch(r"\d{10}", text):  # 6303012001 without dots
        text = f"{text[:2]}.{text[2:4]}.{text[4:6]}.{text[6:]}"
    elif re.fullmatch(r"\d{6}", text):
        text = f"{text[:2]}.{text[2:4]}.{text[4:]}"
    return text


@lru_cache(maxsize=4)
def _load(path: str) -> AreaRegistry:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return AreaRegistry(frame)


def area_registry(path: str | Path | None = None) -> AreaRegistry:
    """The registry from ``data/wilayah_kode.csv`` (or ``path``), read once.

    Raises:
        FileNotFoundError: the file is missing (a broken installation).
    """
    return _load(str(path or Path(paths.DATA_DIR) / WILAYAH_FILE))
