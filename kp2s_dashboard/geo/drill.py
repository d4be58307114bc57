"""Where a viewer stands in the drill-down Province → district → kecamatan → desa.

Pure: no Streamlit. The page keeps the state in the URL (``wil_kab``,
``wil_kec``, ``wil_desa``, ``wil_unit``; see :mod:`kp2s_dashboard.web.state`)
and uses :func:`parse_drill` to read it back, :meth:`Drill.down` when an area
on the map is clicked and :func:`breadcrumb` to go back up.

Codes are Kemendagri codes without dots, as in the ``code`` column of
:func:`kp2s_dashboard.geo.load_boundaries`: district ``"6303"`` (the same as
the BPS code in this province), kecamatan ``"630305"``, desa ``"6303052001"``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from kp2s_dashboard import i18n
from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.regions import PROVINCE_CODE, registry

#: What the map draws at the province and district levels (``wil_unit``);
#: a kecamatan always shows its desa.
UNITS = ("kecamatan", "desa")
_DIGITS = {"district": 4, "kecamatan": 6, "desa": 10}


def area_code(value: object) -> str:
    """A Kemendagri code written any common way (``63.03.05``, ``630305``,
    ``63.03.05.2001``, a number) as digits only; ``""`` when it has none."""
    return re.sub(r"\D", "", str(value if value is not None else ""))


@dataclass(frozen=True)
class Drill:
    """A position in the drill-down.

    ``district``: 4-digit code or None (province); ``kecamatan``: 6-digit
    code inside ``district`` or None; ``desa``: 10-digit code inside
    ``kecamatan`` (only at the kecamatan level: the desa picked on the map)
    or None; ``unit``: ``"kecamatan"`` | ``"desa"``, what the map draws at
    the province and district levels.
    """

    district: str | None = None
    kecamatan: str | None = None
    desa: str | None = None
    unit: str = "kecamatan"

    @property
    def level(self) -> str:
        """``"province"``, ``"district"`` or ``"kecamatan"``."""
        if self.kecamatan:
            return "kecamatan"
        return "district" if self.district else "province"

    @property
    def shown(self) -> str:
        """The level of the areas the map draws: ``"kecamatan"`` or ``"desa"``."""
        return "desa" if self.level == "kecamatan" else self.unit

    @property
    def within(self) -> str | None:
        """Code prefix of the areas drawn (None: the whole province)."""
        return self.kecamatan or self.district

    def down(self, clicked: str) -> Drill:
        """The position after clicking area ``clicked`` (any code of the
        areas drawn): into its district from the province, into its
        kecamatan from a district; at the kecamatan level a desa of that
        kecamatan becomes the picked ``desa``. A code outside the current
        area, or of the wrong length, leaves the position unchanged."""
        code = area_code(clicked)
        if len(code) not in (6, 10) or (self.within and not code.startswith(self.within)):
            return self
        if self.level == "province":
            return replace(self, district=code[:4], kecamatan=None, desa=None)
        if self.level == "district":
            return replace(self, kecamatan=code[:6], desa=None)
        if len(code) == 10:
            return replace(self, desa=code)
        return self

    def up_to(self, level: str) -> Drill:
        """This position cut back to ``level`` (``province``/``district``/``kecamatan``)."""
        if level == "province":
            return replace(self, district=None, kecamatan=None, desa=None)
        if level == "district":
            return replace(self, kecamatan=None, desa=None)
        return self

    def params(self) -> dict[str, str | None]:
        """The URL keys of this position (None removes a key); the default
        unit (kecamatan) is left out of the URL."""
        return {
            "wil_kab": self.district,
            "wil_kec": self.kecamatan,
            "wil_desa": self.desa,
            "wil_unit": None if self.unit == UNITS[0] else self.unit,
        }


def parse_drill(wil_kab: object, wil_kec: object, wil_desa: object = None, wil_unit: object = None,
                known: Mapping[str, object] | None = None) -> Drill:
    """The position named by the URL, validated; never raises.

    Args:
        wil_kab: a district in any registry spelling (``6303``, ``63.03``, ``banjar``).
        wil_kec: a kecamatan code (``63.03.05`` or ``630305``). Without
            ``wil_kab``, its district is taken from the code; a kecamatan of
            another district than ``wil_kab`` is dropped.
        wil_desa: a desa code inside the kecamatan, else dropped.
        wil_unit: ``kecamatan`` | ``desa`` (anything else: kecamatan).
        known: codes that exist (digits only, kecamatan and desa; values are
            ignored), e.g. the boundary codes; an unknown kecamatan or desa
            code is then dropped. ``None`` checks the shape of the codes only.

    Returns:
        :class:`Drill`; an unknown district gives the province.
    """
    unit = str(wil_unit) if wil_unit in UNITS else UNITS[0]
    district = _district(wil_kab)
    kec = area_code(wil_kec)
    kec = kec if len(kec) == 6 and kec[:2] == PROVINCE_CODE and (known is None or kec in known) else None
    if kec and district is None:
        district = _district(kec[:4])
    if kec and district and not kec.startswith(district):
        kec = None
    desa = area_code(wil_desa)
    desa = desa if kec and len(desa) == 10 and desa.startswith(kec) and (known is None or desa in known) else None
    return Drill(district=district, kecamatan=kec if district else None, desa=desa, unit=unit)


def _district(value: object) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    digits = area_code(text)
    try:
        code = registry().to_code(digits if len(digits) == 4 else text.replace("-", " "))
    except KP2SError:
        return None
    return code if registry().get(code).is_district else None


@dataclass(frozen=True)
class Crumb:
    """One step of the breadcrumb: the text shown and the position it opens."""

    label: str
    target: Drill
    current: bool


def breadcrumb(drill: Drill, names: Mapping[str, str], lang: str = i18n.DEFAULT_LANGUAGE) -> list[Crumb]:
    """``Provinsi Kalimantan Selatan › Banjar › Kecamatan Martapura`` as steps.

    Args:
        drill: the current position.
        names: kecamatan code (6 digits) -> name; a code without a name is
            shown as its dotted code (``63.03.05``).
        lang: UI language.

    Returns:
        One :class:`Crumb` per level down to the current one (the last has
        ``current=True``); labels are plain text (the page shows them as
        button labels, never as markdown).
    """
    reg = registry()
    crumbs = [Crumb(i18n.t("wil.crumb_province", lang, name=reg.get(PROVINCE_CODE).name),
                    drill.up_to("province"), drill.level == "province")]
    if drill.district:
        crumbs.append(Crumb(reg.short_name(drill.district), drill.up_to("district"), drill.level == "district"))
    if drill.kecamatan:
        code = drill.kecamatan
        name = names.get(code) or f"{code[:2]}.{code[2:4]}.{code[4:6]}"
        crumbs.append(Crumb(i18n.t("wil.crumb_kecamatan", lang, name=name), drill.up_to("kecamatan"), True))
    return crumbs

