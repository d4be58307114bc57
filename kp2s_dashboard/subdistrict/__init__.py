"""Below the district: e-PPGBM aggregates per kecamatan, puskesmas and desa,
and the desa lokus lists of Aksi 1 (issue 12).

- :mod:`~kp2s_dashboard.subdistrict.areas`: the registry of kecamatan and desa
  (``data/wilayah_kode.csv``) and matching by code or by name within a district;
- :mod:`~kp2s_dashboard.subdistrict.loader`: :func:`load_areas` → :class:`AreaLoad`
  (tidy table with prevalence, Wilson 95% interval, coverage, ``small_n``);
- :mod:`~kp2s_dashboard.subdistrict.lokus`: :func:`load_lokus` → :class:`LokusLoad`;
- :mod:`~kp2s_dashboard.subdistrict.rates`: the Wilson interval;
- :mod:`~kp2s_dashboard.subdistrict.views`: ranked tables, change since the
  previous round, lokus vs non-lokus;
- :mod:`~kp2s_dashboard.subdistrict.demo`: the synthetic demo files.

These are register (e-PPGBM) figures only: survey figures are never shown at
these levels and nothing here is joined to the survey series.
"""

from kp2s_dashboard.subdistrict.loader import COLUMNS, MIN_CHILDREN, AreaLoad, load_areas
from kp2s_dashboard.subdistrict.lokus import LokusLoad, load_lokus

__all__ = ["COLUMNS", "MIN_CHILDREN", "AreaLoad", "LokusLoad", "load_areas", "load_lokus"]
