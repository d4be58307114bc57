"""Prevalence with its denominator: the Wilson score interval.

Source of the formula: E. B. Wilson (1927), "Probable inference, the law of
succession, and statistical inference", *Journal of the American Statistical
Association* 22(158): 209–212; as method 3 ("score method without continuity
correction") in R. G. Newcombe (1998), "Two-sided confidence intervals for
the single proportion: comparison of seven methods", *Statistics in Medicine*
17: 857–872. For x events among n, p = x/n and z the normal quantile
(1.959964 for 95%):

    centre    = (p + z²/(2n)) / (1 + z²/n)
    half      = z / (1 + z²/n) · sqrt( p(1−p)/n + z²/(4n²) )
    interval  = centre ± half

Unlike the Wald interval p ± z·sqrt(p(1−p)/n) it stays inside 0–100% and
is not zero-width at 0 or n events, which matters for desa with few children.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Two-sided 95% normal quantile.
Z95 = 1.959963984540054


def _floats(values) -> np.ndarray:
    """Counts as a float array, missing values (None, pd.NA) as NaN."""
    if isinstance(values, (pd.Series, pd.Index)):
        return pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    try:
        return np.atleast_1d(np.asarray(values, dtype="float64"))
    except (TypeError, ValueError):
        return pd.to_numeric(pd.Series(np.atleast_1d(values)), errors="coerce").to_numpy(dtype="float64",
                                                                                      na_value=np.nan)


def wilson_interval(events, n, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of ``events`` out of ``n``, in **percent**.

    Args:
        events, n: scalars or array-likes of counts (``events <= n``).
        z: normal quantile (default 95%).

    Returns:
        ``(low, high)`` as float arrays in percent (0–100); NaN where
        ``n`` is 0 or missing.

    >>> [round(float(v), 2) for v in wilson_interval(81, 263)]  # Newcombe (1998), example (a)
    [25.53, 36.62]
    """
    x, m = _floats(events), _floats(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        m_ok = np.where(m > 0, m, np.nan)
        p = x / m_ok
        z2 = z * z
        denom = 1.0 + z2 / m_ok
        centre = (p + z2 / (2.0 * m_ok)) / denom
        half = (z / denom) * np.sqrt(p * (1.0 - p) / m_ok + z2 / (4.0 * m_ok * m_ok))
        # at 0 or n events the bound is exactly 0 or 1 (centre ∓ half cancels up to rounding)
        low = np.where(x == 0, 0.0, np.clip(centre - half, 0.0, 1.0)) * 100.0
        high = np.where(x == m, 1.0, np.clip(centre + half, 0.0, 1.0)) * 100.0
        low, high = np.where(m > 0, low, np.nan), np.where(m > 0, high, np.nan)
    return low, high


def prevalence_pct(events, n) -> np.ndarray:
    """``100 · events / n`` as floats; NaN where ``n`` is 0 or missing."""
    x, m = _floats(events), _floats(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(m > 0, 100.0 * x / np.where(m > 0, m, 1.0), np.nan)
