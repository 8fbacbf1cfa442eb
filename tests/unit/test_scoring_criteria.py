"""The CRITERIA and CLASSES texts of asset scoring: parsing, errors, round trip, field names."""

import json
import random

import numpy as np
import pytest

from fibre_resilience.core.criteria import (
    DEFAULT_CLASSES,
    Criterion,
    contribution_names,
    format_criteria,
    parse_classes,
    parse_criteria,
)
from fibre_resilience.core.errors import InputError


def test_documented_example_parses_to_the_expected_criteria():
    text = """
    # risk of the transport network
    hz_level | weight=3 | higher | minmax | nulls=lowest | label=Flood level
    rd_prem | weight=2 | LOG
    rd_divers | lower | thresholds=1;2 | nulls=highest | label=Diversity
    `"gt_aer_m" / 1000` | weight=0.5 | percentile | nulls=exclude | name=aer
    """
    criteria = parse_criteria(text)
    assert criteria == [
        Criterion("hz_level", 3.0, "higher", "minmax", (), "lowest", "Flood level"),
        Criterion("rd_prem", 2.0, "higher", "log"),
        Criterion("rd_divers", 1.0, "lower", "thresholds", (1.0, 2.0), "highest", "Diversity"),
        Criterion('"gt_aer_m" / 1000', 0.5, "higher", "rank", (), "exclude", None, "aer"),
    ]


def test_defaults_are_weight_1_higher_minmax_nulls_lowest():
    (c,) = parse_criteria("hz_level")
    assert (c.weight, c.direction, c.normalisation, c.nulls, c.label) == (
        1.0,
        "higher",
        "minmax",
        "lowest",
        None,
    )


def test_unquoted_expression_without_pipe_is_kept_whole():
    (c,) = parse_criteria('"hz_level" * 2 + if("gt_laying" = \'AERIEN\', 1, 0) | weight=2')
    assert c.source == '"hz_level" * 2 + if("gt_laying" = \'AERIEN\', 1, 0)'
    assert c.weight == 2.0


AWKWARD = [
    "\"a\" || 'b'",
    "line one\nline two",
    "back`tick",
    "C:\\path\\n not a newline",
    "  leading and trailing  ",
    "# not a comment",
    "tab\there",
    "x = 1",
    "élévation",
    "`",
    "\\",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_sources_and_labels_round_trip(text):
    criteria = [
        Criterion(text, 2.5, "lower", "log", (), "highest", label=text),
        Criterion("plain", 1.0, "higher", "thresholds", (-1.5, 0.0, 1e-3, 7.0), "exclude"),
    ]
    out = format_criteria(criteria)
    assert len(out.splitlines()) == 2  # one criterion per line, whatever the text holds
    assert parse_criteria(out) == criteria


def test_random_texts_round_trip():
    rng = random.Random(7)
    alphabet = "ab |`\\\n\r\t=#;\"'é "
    for _ in range(300):
        source = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        if not source.strip():
            continue
        label = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        c = Criterion(
            source,
            weight=rng.choice([0.0, 1.0, 0.1, 3.25, 1e-7]),
            direction=rng.choice(["higher", "lower"]),
            nulls=rng.choice(["lowest", "highest", "exclude"]),
            label=label,
        )
        assert parse_criteria(format_criteria([c, Criterion("w", 1.0)])) == [
            c,
            Criterion("w", 1.0),
        ]


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("a | weight=1\nb | weight=abc", 2, "not a number"),
        ("a | weight=-2", 1, "negative"),
        ("a | wieght=2", 1, "unknown key 'wieght'"),
        ("a | sideways", 1, "not understood"),
        ("a\n\n`b | weight=1", 3, "never closed"),
        ('"x" || "y" | weight=1', 1, "backticks"),
        ("a | higher | lower", 1, "second time"),
        ("a | minmax | thresholds=1;2", 1, "second time"),
        ("a | thresholds=3;2", 1, "strictly increasing"),
        ("a | thresholds=1;;2", 1, "separated by ';'"),
        ("a | thresholds", 1, "needs values"),
        ("a | nulls=maybe", 1, "lowest, highest, exclude"),
        ("a | name=Too_Long_Name", 1, "1 to 7 characters"),
        ("a | name=score", 1, "not score"),
        ("`a` b | weight=1", 1, "after its closing backtick"),
        ("a | label=x`y`", 1, "mixes plain text"),
        ("a | weight=inf", 1, "finite"),
    ],
)
def test_errors_name_the_line_and_the_problem(text, line, words):
    with pytest.raises(InputError) as err:
        parse_criteria(text)
    message = str(err.value)
    assert message.startswith(f"Line {line}:")
    assert words in message


@pytest.mark.parametrize("text", ["", "   ", "# only a comment\n\n"])
def test_no_criteria_is_an_error(text):
    with pytest.raises(InputError, match="No criteria"):
        parse_criteria(text)


def test_all_zero_weights_is_an_error_but_one_zero_is_allowed():
    assert [c.weight for c in parse_criteria("a | weight=0\nb | weight=2")] == [0.0, 2.0]
    with pytest.raises(InputError, match="Every weight is zero"):
        parse_criteria("a | weight=0\nb | weight=0")


def test_contribution_names_are_short_unique_and_readable():
    criteria = [
        Criterion("hz_level"),
        Criterion("rd_prem", label="Premises cut"),
        Criterion("rd_prem"),
        Criterion('"gt_aer_m" / 1000'),
        Criterion("x", label="Score"),
        Criterion("y", label="Élévation du sol"),
        Criterion("z", label="Premises cut!"),
        Criterion("w", label="%%%"),
        Criterion("v", name="mine"),
    ]
    names = contribution_names(criteria)
    assert names == [
        "sc_hzlevel",
        "sc_premise",
        "sc_rd_prem",
        "sc_gtaerm1",
        "sc_score2",
        "sc_elevati",
        "sc_premis2",
        "sc_c8",
        "sc_mine",
    ]
    assert len(set(names)) == len(names)
    assert all(len(n) <= 10 for n in names)
    assert not {"sc_score", "sc_rank", "sc_class"} & set(names)


def test_explicit_names_win_over_derived_ones_and_must_be_unique():
    names = contribution_names([Criterion("flood"), Criterion("x", name="flood")])
    assert names == ["sc_flood2", "sc_flood"]
    with pytest.raises(InputError, match="both named"):
        parse_criteria("a | name=aa\nb | name=aa")


def test_classes_default_breaks_and_quantiles():
    default = parse_classes(None)
    assert default.kind == "breaks"
    assert default.breaks == (20.0, 40.0, 60.0, 80.0)
    assert default.labels == ("very low", "low", "medium", "high", "very high")
    q = parse_classes("quantiles=4")
    assert (q.kind, q.count, q.labels) == ("quantiles", 4, ("Q1", "Q2", "Q3", "Q4"))
    b = parse_classes("breaks=50")
    assert b.labels == ("<50", ">=50")
    assert parse_classes("breaks=10;90 | labels=faible;moyen;fort").labels == (
        "faible",
        "moyen",
        "fort",
    )


@pytest.mark.parametrize(
    "text, words",
    [
        ("breaks=50;20", "strictly increasing"),
        ("quantiles=1", "2 to 100"),
        ("quantiles=x", "2 to 100"),
        ("breaks=50 | labels=a;b;c", "2 classes need 2"),
        ("labels=a;b", "needs breaks"),
        ("deciles", "not understood"),
    ],
)
def test_bad_classes_are_explained(text, words):
    with pytest.raises(InputError, match=words):
        parse_classes(text)


def test_ready_made_criteria_follow_the_fields_present():
    from fibre_resilience.core.criteria import ready_made_criteria

    got = ready_made_criteria(["gt_code", "HZ_LEVEL", "rd_divers", "nom"])
    assert [c.source for c in got] == ["hz_level", "rd_divers"]
    assert ready_made_criteria(["a", "b"]) == []
    # every preset is a valid criterion that survives the text round trip
    from fibre_resilience.core.criteria import READY_MADE

    assert parse_criteria(format_criteria(READY_MADE)) == list(READY_MADE)


def test_criteria_file_round_trips_with_method_and_classes():
    from fibre_resilience.core.criteria import format_criteria_file, parse_criteria_file

    criteria = parse_criteria("a | weight=2 | label=`x | y`\nb | lower | rank")
    text = format_criteria_file(criteria, "product", "quantiles=4\n| labels=a;b;c;d")
    assert parse_criteria_file(text) == (criteria, "product", "quantiles=4 | labels=a;b;c;d")
    assert parse_criteria(text) == criteria  # the file is a CRITERIA text too
    assert parse_criteria_file("a")[1:] == ("sum", DEFAULT_CLASSES)
    french = "breaks=20;40;60;80 | labels=très faible;faible;moyen;fort;très fort"
    assert parse_criteria_file("a", french)[2] == french  # the dock's translated default
    assert parse_criteria_file(text, french)[2] == "quantiles=4 | labels=a;b;c;d"
    with pytest.raises(InputError, match="not sum or product"):
        parse_criteria_file("# method: max\na")


def test_saved_sets_survive_a_project_round_trip_and_bad_entries_give_none():
    from fibre_resilience.core.criteria import (
        parse_criteria_file,
        parse_saved_sets,
        saved_set,
        saved_set_file,
    )

    criteria = parse_criteria("hz_level:3, gt_prem:1:log")
    entry = saved_set(criteria, "product", "breaks=20;40 | labels=low;mid;high")
    stored = json.dumps({"floods": entry, "broken": "not a set"})
    sets = parse_saved_sets(stored)
    assert list(sets) == ["floods"]  # an entry that is not a set is dropped, not fatal
    back, method, classes = parse_criteria_file(saved_set_file(sets["floods"]))
    assert (
        back == criteria and method == "product" and classes == "breaks=20;40 | labels=low;mid;high"
    )
    # no classes stored: the default given by the caller (the dock's translated labels)
    text = saved_set_file({"criteria": "hz_level"}, default_classes="breaks=50 | labels=bas;haut")
    assert parse_criteria_file(text)[1:] == ("sum", "breaks=50 | labels=bas;haut")
    for broken in ("", "{", "[1, 2]", "null"):
        assert parse_saved_sets(broken) == {}


def test_the_annual_probability_of_failure_counts_by_decade():
    """rp_aep = 1 / rp_first: a line failing every 10 years scores highest, every 1,000 years
    lowest of those that fail, one that never fails (NULL) 0, and more often than every 10
    years (RP 1 on the Miami Beach rasters) counts as every 10 years."""
    from fibre_resilience.core.criteria import ready_made_criteria
    from fibre_resilience.core.scoring import normalise

    (aep,) = ready_made_criteria(["rp_first", "rp_aep", "rp_levels"])
    assert aep.source == "rp_aep" and aep.direction == "higher" and aep.nulls == "lowest"
    first = np.array([10.0, 100.0, 1000.0, np.nan, 1.0, 30.0])
    risks = normalise([aep], [1.0 / first]).risk[:, 0]
    assert risks.tolist() == pytest.approx([1.0, 2 / 3, 1 / 3, 0.0, 1.0, 2 / 3])
