"""Prevalence classes and their colours.

Thresholds are the WHO/UNICEF prevalence thresholds for stunting in
children under five (de Onis et al., "Prevalence thresholds for wasting,
overweight and stunting in children under 5 years", Public Health Nutrition
22(1), 2019): < 2.5 % very low, 2.5–< 10 low, 10–< 20 medium, 20–< 30 high,
≥ 30 very high. Colours follow how BKKBN and the Indonesian press speak of
districts: biru (< 10), hijau (10–20), kuning (20–30), merah (≥ 30); the two
classes below 10 are two shades of blue. A region without a value is its
own class, drawn grey and labelled "tidak ada data", never an extreme colour.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: (key, lower bound inclusive, upper bound exclusive, colour)
CLASSES: tuple[tuple[str, float, float, str], ...] = (
    ("very_low", 0.0, 2.5, "#1b4f9c"),
    ("low", 2.5, 10.0, "#5b9bd5"),
    ("medium", 10.0, 20.0, "#2e9d4f"),
    ("high", 20.0, 30.0, "#f2c12e"),
    ("very_high", 30.0, float("inf"), "#d62d20"),
)
NO_DATA = "no_data"
NO_DATA_COLOUR = "#c8c8c8"
CLASS_KEYS: tuple[str, ...] = tuple(c[0] for c in CLASSES) + (NO_DATA,)
COLOURS: dict[str, str] = {c[0]: c[3] for c in CLASSES} | {NO_DATA: NO_DATA_COLOUR}


def classify(values: pd.Series) -> pd.Series:
    """Class key of each prevalence (percent 0–100); NaN gives ``"no_data"``.

    Returns a Series of ``str`` with the same index. Bounds are
    lower-inclusive: exactly 10.0 is ``medium``, exactly 30.0 ``very_high``.
    """
    values = pd.to_numeric(values, errors="coerce").astype("float64")
    edges = [c[1] for c in CLASSES] + [float("inf")]
    idx = np.digitize(values.fillna(-1.0).to_numpy(), edges[1:-1], right=False)
    keys = np.array([c[0] for c in CLASSES], dtype=object)[idx]
    out = pd.Series(keys, index=values.index, dtype=object)
    out[values.isna()] = NO_DATA
    return out.astype(str)


def classify_one(value: float | None) -> str:
    """Class key of a single value (``None``/NaN → ``"no_data"``)."""
    return classify(pd.Series([value], dtype="float64")).iloc[0]
