"""Region registry: Indonesia, Kalimantan Selatan and its 13 kabupaten/kota.

The registry is data (``data/regions.csv``), one row per region:

========== ====== ===============================================================
column     dtype  meaning
========== ====== ===============================================================
code       str    BPS code without dots: ``"6301"`` … ``"6372"``, province
                  ``"63"``, Indonesia ``"00"``. The key of every table.
kode       str    Kemendagri code with dots: ``"63.01"``. Kecamatan and desa
                  extend it (``"63.01.01"``, ``"63.01.01.2001"``).
level      str    ``negara`` | ``provinsi`` | ``kabupaten`` | ``kota``
                  (later also ``kecamatan`` | ``desa``).
parent     str    code of the enclosing region (empty for Indonesia).
name       str    canonical name, e.g. ``"Kabupaten Tanah Laut"``.
short_name str    display name, e.g. ``"Tanah Laut"``.
aliases    str    extra spellings, separated by ``;``.
========== ====== ===============================================================

:func:`to_code` is the one normaliser that turns what people write into a
code. It matches whole names only (never substrings), so ``Banjarmasin`` and
``Banjarbaru`` can never become ``Banjar``; codes that look like they were
read as floats (``63.1`` for ``63.10``) are refused rather than guessed.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from numbers import Number

import pandas as pd

from kp2s_dashboard import paths
from kp2s_dashboard.errors import Location, RegionNotFoundError

#: Codes of the 13 kabupaten/kota, in BPS order.
DISTRICT_LEVELS = ("kabupaten", "kota")
PROVINCE_CODE = "63"
NATIONAL_CODE = "00"

#: Prefixes people write before a name, with the level of region each may
#: stand for: ``Kota Banjar`` is not Kabupaten Banjar, ``Provinsi Banjar``
#: is nothing.
_PREFIX_LEVELS = {
    "kabupaten ": "kabupaten",
    "kab ": "kabupaten",
    "kota ": "kota",
    "kotamadya ": "kota",
    "provinsi ": "provinsi",
    "prov ": "provinsi",
}
_PREFIXES = tuple(_PREFIX_LEVELS)


@dataclass(frozen=True)
class Region:
    """One row of the registry (see the module docstring for the fields)."""

    code: str
    kode: str
    level: str
    parent: str
    name: str
    short_name: str
    aliases: tuple[str, ...]

    @property
    def is_district(self) -> bool:
        """True for the 13 kabupaten/kota."""
        return self.level in DISTRICT_LEVELS


def _clean(text: str) -> str:
    """Lower-case, dots and punctuation to spaces, whitespace collapsed."""
    text = str(text).lower().replace("\u00a0", " ")
    text = re.sub(r"[.,_\-/()]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


class Registry:
    """Lookup over a set of regions; build one with :func:`registry`.

    Raises:
        ValueError: when two regions claim the same code or spelling (a
            defect in ``regions.csv``, caught by the tests).
    """

    def __init__(self, regions: list[Region]):
        self._by_code: dict[str, Region] = {}
        self._by_kode: dict[str, Region] = {}
        self._by_name: dict[str, Region] = {}
        for region in regions:
            if region.code in self._by_code:
                raise ValueError(f"duplicate region code {region.code}")
            self._by_code[region.code] = region
            self._by_kode[region.kode] = region
            spellings = {region.name, region.short_name, *region.aliases}
            if region.level == "kabupaten":
                spellings |= {f"kab {region.short_name}", f"kabupaten {region.short_name}"}
            if region.level == "kota":
                spellings |= {f"kota {region.short_name}"}
            for spelling in spellings:
                key = _clean(spelling)
                if not key:
                    continue
                other = self._by_name.get(key)
                if other is not None and other.code != region.code:
                    raise ValueError(f"spelling {key!r} claimed by {other.code} and {region.code}")
                self._by_name[key] = region

    # -- access -----------------------------------------------------------------
    def __iter__(self):
        return iter(self._by_code.values())

    def get(self, code: str) -> Region:
        """The region with BPS ``code``. Raises RegionNotFoundError."""
        try:
            return self._by_code[code]
        except KeyError:
            raise RegionNotFoundError("err.region_unknown_no_match", value=code, suggestions="") from None

    def districts(self) -> list[Region]:
        """The 13 kabupaten/kota, in code order."""
        return [r for r in self._by_code.values() if r.is_district]

    def district_codes(self) -> list[str]:
        """Codes of the 13 kabupaten/kota, in code order."""
        return [r.code for r in self.districts()]

    def short_name(self, code: str) -> str:
        """Display name for ``code`` (e.g. ``"Tanah Laut"``)."""
        return self.get(code).short_name

    def frame(self) -> pd.DataFrame:
        """The registry as a DataFrame (columns as in the module docstring,
        aliases joined by ``;``), indexed by nothing, ordered by code."""
        rows = [
            {
                "code": r.code,
                "kode": r.kode,
                "level": r.level,
                "parent": r.parent,
                "name": r.name,
                "short_name": r.short_name,
                "aliases": ";".join(r.aliases),
            }
            for r in self._by_code.values()
        ]
        return pd.DataFrame(rows)

    # -- normalising --------------------------------------------------------------
    def to_code(self, value: object, location: Location | None = None) -> str:
        """Map a district/province name or code, as people write it, to a BPS code.

        Accepts canonical names, short names, aliases (``HSS``, ``Batola``,
        ``Tala``, ``Tanbu``, ``Kota Baru``), any case and surrounding blanks,
        with or without ``Kab.``/``Kabupaten``/``Kota``/``Provinsi`` prefixes
        (a prefix must fit the region's level: ``Kota Banjar`` is refused);
        BPS codes as text or number (``"6310"``, ``6310``, ``6310.0``,
        ``"6310.0"``) and Kemendagri codes (``"63.10"``, ``63.01`` as a
        number).

        Args:
            value: the cell value.
            location: where the value came from, for the error message.

        Returns:
            The BPS code as ``str``.

        Raises:
            RegionNotFoundError: unknown name (``err.region_unknown`` with the
                closest known names in ``params["suggestions"]``, or
                ``err.region_unknown_no_match`` when none is close), an empty
                value, or a code that is
                ambiguous because it was stored as a float (``63.1``).
        """
        if value is None or (isinstance(value, float) and math.isnan(value)):
            raise RegionNotFoundError("err.region_empty", location)
        if isinstance(value, bool):
            raise RegionNotFoundError("err.region_unknown_no_match", location, value=str(value), suggestions="")
        if isinstance(value, Number):
            return self._code_from_number(value, location)
        text = str(value).strip()
        if not text:
            raise RegionNotFoundError("err.region_empty", location)
        if re.fullmatch(r"\d+(\.\d+)*", text):
            return self._code_from_text(text, location)
        key = _clean(text)
        region = self._by_name.get(key)
        if region is None:
            for prefix, level in _PREFIX_LEVELS.items():
                if key.startswith(prefix):
                    candidate = self._by_name.get(key[len(prefix):].strip())
                    if candidate is not None and candidate.level == level:
                        region = candidate
                        break
        if region is None:
            suggestions = self.suggest(text)
            if not suggestions:
                raise RegionNotFoundError("err.region_unknown_no_match", location, value=text, suggestions="")
            raise RegionNotFoundError("err.region_unknown", location, value=text, suggestions=", ".join(suggestions))
        return region.code

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Up to ``n`` canonical short names closest to ``text``."""
        key = _clean(text)
        for prefix in _PREFIXES:
            if key.startswith(prefix):
                key = key[len(prefix):]
                break
        names = list(self._by_name)
        close = difflib.get_close_matches(key, names, n=n * 3, cutoff=0.5)
        out: list[str] = []
        for match in close:
            short = self._by_name[match].short_name
            if short not in out:
                out.append(short)
        return out[:n]

    def _code_from_text(self, text: str, location: Location | None) -> str:
        if set(text) == {"0"}:  # "0" or "00": Indonesia, as BPS tables write it
            return NATIONAL_CODE
        if text in self._by_code:
            return text
        if text in self._by_kode:
            return self._by_kode[text].code
        if re.fullmatch(r"\d+\.0", text) and text[:-2] in self._by_code:
            # "6310.0": a code written out as text from a float column (pandas)
            return text[:-2]
        parts = text.split(".")
        if len(parts) == 2 and len(parts[1]) == 1:
            # "63.1" is what "63.10" becomes when Excel stores it as a number.
            raise RegionNotFoundError("err.region_float_code", location, value=text)
        raise RegionNotFoundError("err.region_unknown_no_match", location, value=text, suggestions="")

    def _code_from_number(self, value: Number, location: Location | None) -> str:
        number = float(value)  # type: ignore[arg-type]
        if number.is_integer():
            return self._code_from_text(str(int(number)), location)
        return self._code_from_text(repr(number), location)


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry built from ``data/regions.csv`` (cached per process)."""
    frame = pd.read_csv(paths.DATA_DIR / "regions.csv", dtype=str, keep_default_na=False)
    regions = [
        Region(
            code=row.code,
            kode=row.kode,
            level=row.level,
            parent=row.parent,
            name=row.name,
            short_name=row.short_name,
            aliases=tuple(a.strip() for a in row.aliases.split(";") if a.strip()),
        )
        for row in frame.itertuples(index=False)
    ]
    return Registry(regions)


def to_code(value: object, location: Location | None = None) -> str:
    """Shortcut for ``registry().to_code(value, location)``."""
    return registry().to_code(value, location)
