"""core.return_periods against hand-computed integrals, brute-force networkx per scenario and
exhaustive enumeration of line failures."""

import itertools

import networkx as nx
import numpy as np
import pytest
import shapely

from fibre_resilience.core.errors import InputError
from fibre_resilience.core.network import build_model
from fibre_resilience.core.return_periods import (
    Scenario,
    analyse_return_periods,
    expected_annual,
    levels_text,
    line_failure_probability,
    node_cut_probability,
    parse_fragility,
    parse_return_periods,
)

# ------------------------------------------------------------------ the integral


@pytest.mark.parametrize("impact", [1.0, 250.0])
def test_constant_impact_integrates_to_the_probability_range(impact):
    rps = [10, 100, 1000]
    assert expected_annual(rps, [impact] * 3, "none") == pytest.approx(impact * (0.1 - 0.001))
    assert expected_annual(rps, [impact] * 3, "constant") == pytest.approx(impact * 0.1)


def test_the_worked_example_of_the_documentation():
    assert expected_annual([10, 100, 1000], [0, 500, 2000]) == pytest.approx(33.75)
    assert expected_annual([1000, 10, 100], [2000, 0, 500], "constant") == pytest.approx(35.75)


def test_protection_below_and_above_the_most_frequent_scenario():
    rps, d = [10, 100, 1000], [100.0, 500.0, 2000.0]
    base = expected_annual(rps, d)
    # protected only up to 5 years: events between 5 and 10 years cut what the 10-year does
    assert expected_annual(rps, d, protection_rp=5) == pytest.approx(base + (0.2 - 0.1) * 100)
    # protected up to 50 years: nothing more frequent than 1/50 counts; at p = 0.02 the
    # impact is interpolated between 100 (p 0.1) and 500 (p 0.01)
    at = 500 + (100 - 500) * (0.02 - 0.01) / (0.1 - 0.01)
    expected = (0.02 - 0.01) * (500 + at) / 2 + (0.01 - 0.001) * (500 + 2000) / 2
    assert expected_annual(rps, d, protection_rp=50) == pytest.approx(expected)


def test_columns_integrate_independently():
    values = np.array([[1.0, 0.0], [1.0, 10.0]])
    out = expected_annual([10, 100], values)
    assert out == pytest.approx([0.09, 0.45])


def test_return_periods_are_parsed_with_tri_defaults():
    assert parse_return_periods("10;100;1000") == {"1": 10, "2": 100, "3": 1000}
    assert parse_return_periods("01For=20; 04Fai=1000") == {"01For": 20, "04Fai": 1000}
    assert parse_return_periods("", ["01For", "02Moy", "04Fai"]) == {
        "01For": 10,
        "02Moy": 100,
        "04Fai": 1000,
    }
    for bad in ("10;x", "10;10", "0.5", "a=10;a=20"):
        with pytest.raises(InputError, match="RETURN_PERIODS"):
            parse_return_periods(bad)
    with pytest.raises(InputError, match="not TRI codes"):
        parse_return_periods("", ["A", "B"])


def test_fragility_curves_are_parsed_and_checked():
    curves = parse_fragility("AERIEN: 20=0.01; 40=0.2 | souterrain: 0.5=1")
    assert curves["AERIEN"](np.array([10.0, 20.0, 30.0, 50.0])) == pytest.approx(
        [0.0, 0.01, 0.105, 0.2]
    )
    assert curves["SOUTERRAIN"](np.array([0.49, 0.5, 3.0])) == pytest.approx([0, 1, 1])
    for bad in ("AERIEN 20=0.1", "AERIEN: 20=2", "AERIEN: 40=0.1; 20=0.2", "AERIEN: x=1"):
        with pytest.raises(InputError, match="FRAGILITY"):
            parse_fragility(bad)


# ------------------------------------------------------------------ networks


def model_from(u, v, roots, prem_nodes, counts, site_nodes=()):
    n = int(max(max(u), max(v))) + 1
    xy = np.random.default_rng(1).random((n, 2)) * 1000
    lines = shapely.linestrings(np.stack([xy[u], xy[v]], axis=1))
    return build_model(
        lines,
        from_ids=list(u),
        to_ids=list(v),
        root_ids=list(roots),
        premises_ids=list(prem_nodes),
        premises_count=list(counts),
        site_ids=list(site_nodes),
    )


def reached(u, v, roots, failed):
    g = nx.MultiGraph()
    g.add_node("S")
    g.add_edges_from((a, b) for i, (a, b) in enumerate(zip(u, v)) if i not in failed)
    g.add_edges_from(("S", r) for r in roots)
    return nx.node_connected_component(g, "S")


def hard_scenario(rp, depth_per_line):
    lines = np.arange(len(depth_per_line))
    return Scenario(rp, f"RP{rp}", lines, np.full(lines.size, 100.0), np.asarray(depth_per_line))


def random_network(seed, n=30, extra=5):
    rng = np.random.default_rng(seed)
    u = [int(rng.integers(max(0, i - 4), i)) for i in range(1, n)]
    v = list(range(1, n))
    for _ in range(extra):
        a, b = rng.integers(0, n, 2)
        u.append(int(a))
        v.append(int(b))
    roots = rng.choice(n, 2, replace=False).tolist()
    prem_nodes = rng.integers(0, n, 40).tolist()
    counts = rng.integers(1, 5, 40).tolist()
    sites = rng.integers(0, n, 6).tolist()
    return rng, u, v, roots, prem_nodes, counts, sites


@pytest.mark.parametrize("seed", range(25))
def test_each_scenario_matches_networkx_and_rp_first_is_the_first_cut(seed):
    rng, u, v, roots, prem_nodes, counts, sites = random_network(seed)
    model = model_from(u, v, roots, prem_nodes, counts, sites)
    # nested floods: rarer scenarios are deeper everywhere
    base = rng.random(len(u))
    depths = {10: base * 0.8, 100: base * 1.2, 1000: base * 2.0}
    scenarios = [hard_scenario(rp, d) for rp, d in depths.items()]
    length = np.full(len(u), 100.0)
    result = analyse_return_periods(model, scenarios, length, fail_value=0.5)
    before = reached(u, v, roots, set())
    first_expected = np.full(len(prem_nodes), np.nan)
    for rp in sorted(depths, reverse=True):
        failed = set(np.flatnonzero(depths[rp] >= 0.5).tolist())
        after = reached(u, v, roots, failed)
        cut = np.array([(p in before) and (p not in after) for p in prem_nodes])
        first_expected[cut] = rp
        row = result.summary[(result.summary["aggregate"].isna()) & (result.summary.rp == rp)]
        assert row.prem_cut.item() == pytest.approx(float(np.sum(np.array(counts)[cut])))
        assert row.length_m.item() == pytest.approx(100.0 * len(failed))
    np.testing.assert_array_equal(result.premises.rp_first.to_numpy(), first_expected)
    line_first = np.where(
        depths[10] >= 0.5,
        10.0,
        np.where(depths[100] >= 0.5, 100.0, np.where(depths[1000] >= 0.5, 1000.0, np.nan)),
    )
    np.testing.assert_array_equal(result.lines.rp_first.to_numpy(), line_first)
    assert result.totals["eai_premises"] == pytest.approx(
        expected_annual([10, 100, 1000], list(result.totals["premises_cut"].values()))
    )


@pytest.mark.parametrize("seed", range(10))
def test_a_threshold_fragility_curve_gives_back_the_hard_run(seed):
    rng, u, v, roots, prem_nodes, counts, sites = random_network(seed)
    model = model_from(u, v, roots, prem_nodes, counts, sites)
    scenarios = [hard_scenario(rp, rng.random(len(u)) * f) for rp, f in ((10, 1), (100, 2))]
    laying = rng.choice(["AERIEN", "SOUTERRAIN"], len(u))
    length = np.full(len(u), 100.0)
    hard = analyse_return_periods(model, scenarios, length, fail_value=0.5)
    curves = parse_fragility("AERIEN: 0.5=1 | SOUTERRAIN: 0.5=1")
    soft = analyse_return_periods(model, scenarios, length, curves=curves, laying=laying)
    assert soft.summary.equals(hard.summary)
    assert soft.lines.equals(hard.lines) and soft.premises.equals(hard.premises)


def test_a_fragility_curve_on_a_single_line_gives_the_hand_computed_expectation():
    # root 0 - 1 (2 km of aerial span at 30 m/s) - 10 premises at node 1
    model = model_from([0], [1], [0], [1], [10])
    curves = parse_fragility("AERIEN: 20=0.0; 40=0.2")  # 30 m/s: 0.1 per km
    scenario = Scenario(
        50, "storm", np.array([0, 0]), np.array([1500.0, 500.0]), np.array([30.0, 30.0])
    )
    p = line_failure_probability(scenario, 1, curves=curves, laying=["AERIEN"])
    assert p[0] == pytest.approx(1 - 0.9**2)  # 0.19
    result = analyse_return_periods(
        model, [scenario], np.array([2000.0]), curves=curves, laying=["aerien"]
    )
    row = result.summary.iloc[0]
    assert row.prem_cut == pytest.approx(10 * 0.19)
    assert row.length_m == pytest.approx(2000 * 0.19)
    assert np.isnan(result.premises.rp_first[0])  # 0.19 < 0.5: not "failed" at RP 50
    assert not result.warnings


def test_uncertain_bridges_in_series_and_branches_are_exact_against_enumeration():
    # 0 (root) - 1 - 2 - 3, with 1 - 4 and a loop 2 - 5 - 6 - 2 (certain lines there)
    u = [0, 1, 2, 1, 2, 5, 6]
    v = [1, 2, 3, 4, 5, 6, 2]
    prem = [1, 2, 3, 4, 5, 6]
    counts = [1, 2, 4, 8, 16, 32]
    model = model_from(u, v, [0], prem, counts)
    p_line = np.array([0.1, 0.3, 0.5, 0.2, 0.0, 0.0, 0.0])
    probability, error = node_cut_probability(model, p_line)
    assert error is None  # every uncertain line is a bridge: exact
    expected = enumerate_cut(u, v, [0], prem, p_line)
    got = probability[[model.premises.node[i] for i in range(len(prem))]]
    np.testing.assert_allclose(got, expected)


def test_uncertain_lines_on_a_loop_are_sampled_close_to_enumeration():
    # a ring 0-1-2-3-0 with a spur 2-4; every line uncertain
    u, v = [0, 1, 2, 3, 2], [1, 2, 3, 0, 4]
    prem, counts = [1, 2, 3, 4], [10, 10, 10, 10]
    model = model_from(u, v, [0], prem, counts)
    p_line = np.array([0.3, 0.2, 0.4, 0.1, 0.5])
    probability, error = node_cut_probability(model, p_line, draws=4000)
    assert error is not None and error > 0
    expected = enumerate_cut(u, v, [0], prem, p_line)
    got = probability[[model.premises.node[i] for i in range(len(prem))]]
    premises_expected = float(np.dot(expected, counts))
    assert float(np.dot(got, counts)) == pytest.approx(premises_expected, abs=4 * error)
    result = analyse_return_periods(
        model, [hard_scenario(100, [1.0] * 5)], np.full(5, 1.0), fail_value=0.5
    )
    assert not result.warnings  # sure failures need no sampling


def enumerate_cut(u, v, roots, prem, p_line):
    """P(cut) per premises node by summing over every subset of uncertain lines."""
    unsure = [i for i, p in enumerate(p_line) if 0 < p < 1]
    sure = {i for i, p in enumerate(p_line) if p >= 1}
    before = reached(u, v, roots, set())
    out = np.zeros(len(prem))
    for pattern in itertools.product([False, True], repeat=len(unsure)):
        weight = 1.0
        failed = set(sure)
        for line, fails in zip(unsure, pattern):
            weight *= p_line[line] if fails else 1 - p_line[line]
            if fails:
                failed.add(line)
        after = reached(u, v, roots, failed)
        out += weight * np.array([(p in before) and (p not in after) for p in prem])
    return out


def test_a_rarer_scenario_cutting_fewer_premises_is_warned():
    model = model_from([0, 1], [1, 2], [0], [2], [5])
    scenarios = [hard_scenario(10, [1.0, 1.0]), hard_scenario(100, [0.0, 0.0])]
    result = analyse_return_periods(model, scenarios, np.full(2, 1.0), fail_value=0.5)
    assert any("mislabelled" in w for w in result.warnings)


def test_levels_and_expected_exposed_length_per_line():
    model = model_from([0], [1], [0], [1], [1])
    scenarios = [
        Scenario(10, "a", np.array([0]), np.array([40.0]), np.array([0.2])),
        Scenario(100, "b", np.array([0, 0]), np.array([40.0, 60.0]), np.array([0.7, 2.5])),
    ]
    result = analyse_return_periods(model, scenarios, np.array([100.0]), fail_value=1.0)
    assert result.lines.rp_levels[0] == "10:1;100:4"
    assert result.lines.rp_first[0] == 100 and result.lines.rp_aep[0] == pytest.approx(0.01)
    assert result.lines.rp_eal_m[0] == pytest.approx((0.1 - 0.01) * (40 + 100) / 2)


def test_summary_by_aggregate():
    model = model_from([0, 0], [1, 2], [0], [1, 2], [3, 4])
    scenario = hard_scenario(20, [1.0, 0.0])
    result = analyse_return_periods(
        model,
        [scenario],
        np.full(2, 10.0),
        fail_value=0.5,
        premises_aggregate=["north", "south"],
        lines_aggregate=["north", "south"],
    )
    s = result.summary.set_index(["aggregate", "scenario"])
    assert s.loc[("north", "RP20"), "prem_cut"] == 3 and s.loc[("south", "RP20"), "prem_cut"] == 0
    assert s.loc[("north", "RP20"), "length_m"] == 10
    assert s.loc[("north", "expected annual"), "prem_cut"] == 0  # one scenario, no tail


def test_zone_pieces_count_each_stretch_once_at_its_highest_value():
    from fibre_resilience.core.return_periods import zone_pieces

    lines = np.array(
        [
            shapely.LineString([(0, 0), (100, 0)]),
            shapely.LineString([(0, 50), (100, 50)]),
            None,
        ],
        dtype=object,
    )
    zones = np.array(
        [shapely.box(10, -5, 60, 5), shapely.box(40, -5, 80, 5), shapely.box(0, 45, 30, 55)],
        dtype=object,
    )
    line, length, value = zone_pieces(lines, zones, np.array([0.4, 1.5, 0.4]))
    pieces = sorted(zip(line.tolist(), np.round(length, 9).tolist(), value.tolist()))
    # line 0: 40-80 at 1.5 (40 m), 10-40 at 0.4 (30 m); line 1: 0-30 at 0.4
    assert pieces == [(0, 30.0, 0.4), (0, 40.0, 1.5), (1, 30.0, 0.4)]


def test_a_shared_risk_group_fails_whole():
    # two cables root 0 -> 1 and root 0 -> 2 share the duct D; only the first is flooded
    n = 3
    xy = np.random.default_rng(1).random((n, 2)) * 1000
    u, v = [0, 0], [1, 2]
    lines = shapely.linestrings(np.stack([xy[u], xy[v]], axis=1))
    model = build_model(
        lines,
        from_ids=u,
        to_ids=v,
        root_ids=[0],
        premises_ids=[1, 2],
        premises_count=[3, 4],
        srlg=["D;X", "D"],
    )
    result = analyse_return_periods(
        model, [hard_scenario(10, [1.0, 0.0])], np.ones(2), fail_value=0.5
    )
    assert result.lines.rp_first.tolist() == [10.0, 10.0]
    assert result.summary.iloc[0].prem_cut == 7


def test_a_float32_raster_scenario_is_compared_at_its_own_precision():
    """Depths of a float32 raster: 0.01 is stored as 0.00999999978. FAIL_VALUE 0.01, a
    threshold curve at 0.01 and the level thresholds all see it as reaching 0.01, as
    hazardexposure and accessroutes do; the same depths from zones compare as written."""
    model = model_from([0, 1], [1, 2], [0], [1, 2], [3, 4])
    depth = np.array([0.01, 0.005], dtype=np.float32)
    lines, length = np.array([0, 1]), np.array([100.0, 100.0])
    raster = Scenario(10, "RP10", lines, length, depth.astype(float), np.dtype(np.float32))
    zones = Scenario(10, "RP10", lines, length, depth.astype(float))
    assert line_failure_probability(raster, 2, fail_value=0.01).tolist() == [1.0, 0.0]
    assert line_failure_probability(zones, 2, fail_value=0.01).tolist() == [0.0, 0.0]
    curves = parse_fragility("*: 0.01=1")
    assert line_failure_probability(raster, 2, curves=curves, laying=["A", "B"]).tolist() == [
        1.0,
        0.0,
    ]
    result = analyse_return_periods(
        model, [raster], length, fail_value=0.01, level_thresholds=[0.01, 0.5, 1, 2]
    )
    assert result.lines.rp_first.tolist()[0] == 10
    assert result.lines.rp_levels.tolist()[0] == "10:1"
    assert result.summary.iloc[0].prem_cut == 7


# ------------------------------------------------------------------ rp_levels text


def _levels_per_line(rps, levels):
    """The oracle: the text built line by line."""
    return [
        ";".join(f"{rp:g}:{lv}" for rp, lv in zip(rps, levels[:, j]))
        for j in range(levels.shape[1])
    ]


@pytest.mark.parametrize(
    "rps",
    [[10.0, 100.0, 1000.0], [2.5, 20.0], [50.0], [float(y) for y in range(2, 32)]],
)
def test_levels_text_equals_the_text_built_line_by_line(rps):
    rng = np.random.default_rng(len(rps))
    levels = rng.integers(0, 5, (len(rps), 2000))
    assert levels_text(np.array(rps), levels).tolist() == _levels_per_line(rps, levels)
    assert levels_text(np.array(rps), levels[:, :0]).tolist() == []
