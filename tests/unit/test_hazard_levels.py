"""Hazard level presets: every code of every preset, auto choice, LEVELS parsing."""

import numpy as np
import pytest

from fibre_resilience.core.errors import InputError
from fibre_resilience.core.hazard_levels import (
    PRESETS,
    choose_preset,
    levels_from_thresholds,
    map_levels,
    parse_custom,
    parse_thresholds,
)


def levels(values, preset, levels_text="", field_name=""):
    return map_levels(values, preset, levels_text, field_name).levels.tolist()


def test_presets_are_in_enum_order():
    assert PRESETS[0] == "auto"
    assert PRESETS.index("level_field") == len(PRESETS) - 1


def test_tri_scenario_frequent_is_most_severe():
    assert levels(["01For", "02Moy", "03Mcc", "04Fai"], "tri_scenario") == [4, 3, 2, 1]
    assert levels([" 01for ", "02MOY"], "tri_scenario") == [4, 3]


def test_tri_depth_classes():
    assert levels(["Inf05", "05-1m", "1m-2m", "Sup2m"], "tri_depth") == [1, 2, 3, 4]


def test_ppr_codes_labels_and_numbers():
    codes = ["00", "01", "02", "03", "04", "05", "06", "07"]
    assert levels(codes, "ppr_level") == [0, 1, 2, 2, 3, 3, 4, 4]
    assert levels([1, 2, 3, 4, 5, 6, 7], "ppr_level") == [1, 2, 2, 3, 3, 4, 4]
    assert levels(["Faible", "Moyen", "Fort", "Très fort", "Résiduel"], "ppr_level") == [
        1,
        2,
        3,
        4,
        1,
    ]
    mapping = map_levels(["01", "99"], "ppr_level")
    assert mapping.levels.tolist() == [1, 0]
    assert mapping.unmatched == ["99"]


def test_clay_niveau_and_alea():
    assert levels([0, 1, 2, 3], "clay") == [0, 1, 2, 3]
    assert levels(["Nul", "Faible", "Moyen", "Fort"], "clay") == [0, 1, 2, 3]
    assert levels([1.0, "2"], "clay") == [1, 2]


def test_groundwater_text_and_codes():
    values = [
        "Zones potentiellement sujettes aux débordements de nappe",
        "Zones potentiellement sujettes aux inondations de cave",
        "Pas de débordement de nappe ni d'inondation de cave",
    ]
    assert levels(values, "groundwater") == [3, 2, 0]
    assert levels([1, 2, 3], "groundwater") == [3, 2, 0]
    assert levels(["Nappe sub-affleurante", "Sensibilité forte"], "groundwater") == [4, 2]


def test_thresholds_boundaries_and_unmatched():
    values = [0.05, 0.1, 0.49, 0.5, 1, 1.99, 2, 10, None, "abc", "0,7"]
    mapping = map_levels(values, "thresholds", "0.1;0.5;1;2")
    assert mapping.levels.tolist() == [0, 1, 1, 2, 3, 3, 4, 4, 0, 0, 2]
    assert mapping.unmatched == ["NULL", "abc"]
    assert mapping.values[3] == 0.5 and np.isnan(mapping.values[8])


def test_fewer_thresholds():
    assert levels([0.2, 5], "thresholds", "1") == [0, 1]
    assert levels_from_thresholds(np.array([np.nan, 3.0]), [1.0, 2.0]).tolist() == [0, 2]


def test_custom_case_insensitive_trimmed_and_numeric_keys():
    text = " Zone Rouge = 4 ; zone bleue=2; 1=3 "
    mapping = map_levels(["zone rouge", "ZONE BLEUE ", 1, "1", 1.0, "verte"], "custom", text)
    assert mapping.levels.tolist() == [4, 2, 3, 3, 3, 0]
    assert mapping.unmatched == ["verte"]
    assert mapping.classes.tolist()[0] == "zone rouge"


def test_level_field():
    mapping = map_levels([0, 1, 4, "3", 5, 2.5], "level_field")
    assert mapping.levels.tolist() == [0, 1, 4, 3, 0, 0]
    assert mapping.unmatched == ["2.5", "5"]


def test_no_field_gives_level_one():
    mapping = map_levels(None, "auto", count=3)
    assert mapping.levels.tolist() == [1, 1, 1]
    assert mapping.unmatched == []


@pytest.mark.parametrize(
    "values, field_name, expected",
    [
        (["01For", "02Moy", "04Fai"], "", "tri_scenario"),
        (["Inf05", "Sup2m"], "classe", "tri_depth"),
        (["01", "04", "06"], "", "ppr_level"),
        ([1, 2, 3], "NIVEAU", "clay"),
        ([1, 2, 3], "typeniveaualea", "ppr_level"),
        (["Zones potentiellement sujettes aux inondations de cave"], "", "groundwater"),
        ([0, 1, 4], "", "level_field"),
        (["Faible", "Fort"], "", "ppr_level"),
    ],
)
def test_auto_choice(values, field_name, expected):
    assert choose_preset(values, "", field_name) == expected


def test_auto_with_levels_text():
    assert choose_preset([0.3], "0.1;1") == "thresholds"
    assert choose_preset(["a"], "a=1") == "custom"
    assert map_levels([0.3, 1.2], "auto", "0.1;1").levels.tolist() == [1, 2]


def test_auto_cannot_guess_depths():
    with pytest.raises(InputError, match="PRESET"):
        map_levels([0.3, 1.7, 2.2], "auto")


def test_auto_reports_values_outside_the_chosen_preset():
    mapping = map_levels(["01For", "02Moy", "05Xyz", None], "auto")
    assert mapping.preset == "tri_scenario"
    assert mapping.levels.tolist() == [4, 3, 0, 0]
    assert mapping.unmatched == ["05Xyz", "NULL"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("0.5;0.1", "increase"),
        ("a;b", "not a number"),
        ("1;2;3;4;5", "at most 4"),
    ],
)
def test_bad_thresholds(text, message):
    with pytest.raises(InputError, match=message):
        parse_thresholds(text)


@pytest.mark.parametrize(
    "text, message",
    [
        ("x", "value=level"),
        ("x=9", "not 0–4"),
        ("x=high", "not 0–4"),
        ("a=1;A=2", "two levels"),
        ("=3", "no value"),
        ("", "empty"),
    ],
)
def test_bad_custom(text, message):
    with pytest.raises(InputError, match=message):
        parse_custom(text)


def test_presets_needing_levels_and_unknown_preset():
    with pytest.raises(InputError, match="needs LEVELS"):
        map_levels([1], "thresholds", "")
    with pytest.raises(InputError, match="Unknown hazard preset"):
        map_levels([1], "nonsense")
