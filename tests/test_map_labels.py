"""Area names on the drill-down map do not cover each other (kp2s_dashboard.figures.map_labels)."""

from __future__ import annotations

import pytest

from kp2s_dashboard.figures.map_labels import fitting_labels

# a kecamatan 0.2° wide and 0.4° tall drawn 530 px high: about 1,320 px per degree of latitude
BOUNDS = (114.6, -3.6, 114.8, -3.2)


def test_two_names_on_top_of_each_other_keep_the_larger_areas():
    # 0.005° apart (≈ 7 px): "Aluh Aluh Kecil Muara" and "Aluh Aluh Kecil" would be drawn over each other
    keep = fitting_labels([114.70, 114.705], [-3.40, -3.40], ["Aluh Aluh Kecil Muara", "Aluh Aluh Kecil"],
                          [1.0, 3.0], BOUNDS, plot_height=530)
    assert keep == [False, True]


def test_names_apart_are_all_drawn_and_a_two_line_label_is_taller():
    # 0.03° of latitude ≈ 40 px: two one-line labels (18 px tall with their padding) fit above each other; at
    # 0.0145° (19 px) one-line labels still fit, a label with "n=7" under the name (two lines, 31 px) does not
    assert fitting_labels([114.7, 114.7], [-3.40, -3.43], ["Podok", "Terapu"], [1.0, 1.0], BOUNDS,
                          plot_height=530) == [True, True]
    assert fitting_labels([114.7, 114.7], [-3.40, -3.4145], ["Terapu<br>n=7", "Podok"], [2.0, 1.0], BOUNDS,
                          plot_height=530) == [True, False]
    assert fitting_labels([114.7, 114.7], [-3.40, -3.4145], ["Terapu", "Podok"], [2.0, 1.0], BOUNDS,
                          plot_height=530) == [True, True]


def test_side_by_side_names_collide_by_their_width():
    # same latitude, 0.03° apart (≈ 40 px between centres): two 5-letter names (≈ 35 px wide each with their
    # padding) fit, a 19-letter name (≈ 121 px) does not
    assert fitting_labels([114.70, 114.73], [-3.4, -3.4], ["Podok", "Bakam"], [1.0, 1.0], BOUNDS,
                          plot_height=530) == [True, True]
    assert fitting_labels([114.70, 114.73], [-3.4, -3.4], ["Simpang Warga Dalam", "Tanipah"], [1.0, 2.0],
                          BOUNDS, plot_height=530) == [False, True]


def test_a_missing_anchor_is_not_drawn_and_lengths_must_agree():
    assert fitting_labels([float("nan"), 114.7], [-3.4, -3.4], ["A", "B"], [5.0, 1.0], BOUNDS,
                          plot_height=530) == [False, True]
    with pytest.raises(ValueError):
        fitting_labels([114.7], [-3.4, -3.5], ["A", "B"], [1.0, 1.0], BOUNDS, plot_height=530)
