"""core.impact against brute force on random networks, and hand cases."""

import networkx as nx
import numpy as np
import pytest
import shapely

from fibre_resilience.core.errors import InputError
from fibre_resilience.core.impact import lines_in_groups, scenario_impact
from fibre_resilience.core.network import build_model


def model_from(u, v, roots, prem_nodes, counts, site_nodes, groups=None):
    n = int(max(u.max(), v.max())) + 1
    xy = np.random.default_rng(1).random((n, 2)) * 1000
    lines = shapely.linestrings(np.stack([xy[u], xy[v]], axis=1))
    return build_model(
        lines,
        from_ids=u.tolist(),
        to_ids=v.tolist(),
        root_ids=list(roots),
        premises_ids=list(prem_nodes),
        premises_count=list(counts),
        site_ids=list(site_nodes),
        srlg=groups,
    )


def reach(u, v, roots, skip_edges=(), skip_nodes=()):
    g = nx.MultiGraph()
    g.add_node("S")
    g.add_edges_from(
        (a, b)
        for i, (a, b) in enumerate(zip(u.tolist(), v.tolist()))
        if i not in skip_edges and a not in skip_nodes and b not in skip_nodes
    )
    g.add_edges_from(("S", int(r)) for r in roots if r not in skip_nodes)
    return nx.node_connected_component(g, "S")


@pytest.mark.parametrize("seed", range(40))
def test_impact_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = 30
    u = [int(rng.integers(max(0, i - 4), i)) for i in range(1, n)]
    v = list(range(1, n))
    for _ in range(5):
        a, b = rng.integers(0, n, 2)
        u.append(int(a))
        v.append(int(b))
    u, v = np.array(u), np.array(v)
    roots = rng.choice(n, 2, replace=False).tolist()
    prem_nodes = rng.integers(0, n, 40).tolist()
    counts = rng.integers(1, 5, 40).tolist()
    site_nodes = rng.integers(0, n, 6).tolist()
    model = model_from(u, v, roots, prem_nodes, counts, site_nodes)
    index = {name: i for i, name in enumerate(model.network.node_ids)}
    failed_lines = rng.random(u.size) < 0.1
    failed = rng.choice(n, 2, replace=False).tolist()
    result = scenario_impact(
        model,
        failed_lines,
        failed_nodes=[index[str(x)] for x in failed],
        premises_aggregate=[p % 3 for p in prem_nodes],
    )
    before = reach(u, v, roots)
    after = reach(u, v, roots, set(np.flatnonzero(failed_lines).tolist()), set(failed))
    for j, node in enumerate(prem_nodes):
        row = result.premises.iloc[j]
        assert row.im_failed == int(node in failed)
        assert row.im_cut == int(node not in failed and node in before and node not in after)
        assert row.im_prem == (counts[j] if row.im_failed or row.im_cut else 0)
    for j, node in enumerate(site_nodes):
        row = result.sites.iloc[j]
        assert row.im_failed == int(node in failed)
        assert row.im_cut == int(node not in failed and node in before and node not in after)
    cut = sum(c for p, c in zip(prem_nodes, counts) if p not in failed and p not in after)
    assert result.totals["premises_cut"] == cut
    by_agg = result.summary.set_index("aggregate")
    for agg in range(3):
        expected = sum(
            c
            for p, c in zip(prem_nodes, counts)
            if p % 3 == agg and p not in failed and p not in after
        )
        got = by_agg.loc[agg, "prem_cut"] if agg in by_agg.index else 0
        assert got == expected


@pytest.mark.parametrize("seed", range(40))
def test_failed_line_figures_match_brute_force(seed):
    """im_prem: cut premises whose every path to a root used the line (removing it alone from
    the intact network cuts them); im_repair: premises back when it alone is repaired."""
    rng = np.random.default_rng(100 + seed)
    n = 25
    u = [int(rng.integers(max(0, i - 3), i)) for i in range(1, n)]
    v = list(range(1, n))
    for _ in range(4):
        a, b = rng.integers(0, n, 2)
        u.append(int(a))
        v.append(int(b))
    u, v = np.array(u), np.array(v)
    roots = rng.choice(n, 2, replace=False).tolist()
    prem_nodes = rng.integers(0, n, 30).tolist()
    counts = rng.integers(1, 5, 30).tolist()
    model = model_from(u, v, roots, prem_nodes, counts, [])
    index = {name: i for i, name in enumerate(model.network.node_ids)}
    failed_lines = rng.random(u.size) < 0.2
    failed_nodes = [int(rng.integers(0, n))] if seed % 2 else []
    result = scenario_impact(
        model, failed_lines, failed_nodes=[index[str(x)] for x in failed_nodes]
    )
    lost_edges = set(np.flatnonzero(failed_lines).tolist())
    before = reach(u, v, roots)
    after = reach(u, v, roots, lost_edges, set(failed_nodes))
    cut = [
        (p, c)
        for p, c in zip(prem_nodes, counts)
        if p not in failed_nodes and p in before and p not in after
    ]
    for i in range(u.size):
        row = result.lines.iloc[i]
        if not failed_lines[i]:
            assert (row.im_prem, row.im_repair) == (0, 0)
            continue
        alone = reach(u, v, roots, {i})
        assert row.im_prem == sum(c for p, c in cut if p not in alone), i
        repaired = reach(u, v, roots, lost_edges - {i}, set(failed_nodes))
        assert row.im_repair == sum(c for p, c in cut if p in repaired), i


def test_ring_cut_twice_isolates_the_far_side():
    u = np.array([0, 1, 2, 3])
    v = np.array([1, 2, 3, 0])
    model = model_from(u, v, [0], [2, 2, 1], [5, 1, 2], [2], groups=[None, "duct", "duct", None])
    one = scenario_impact(model, np.array([False, True, False, False]))
    assert one.totals["premises_cut"] == 0
    failed, unknown = lines_in_groups(model, ["duct", "nope"])
    assert failed.tolist() == [False, True, True, False] and unknown == ["nope"]
    both = scenario_impact(model, failed)
    assert both.premises.im_cut.tolist() == [1, 1, 0]
    assert both.sites.im_prem.tolist() == [6]
    assert both.lines.im_cut.tolist() == [0, 0, 0, 0]
    # Neither failed arm alone cuts node 2; repairing either one brings its 6 premises back.
    assert both.lines.im_prem.tolist() == [0, 0, 0, 0]
    assert both.lines.im_repair.tolist() == [0, 6, 6, 0]
    node2 = int(np.flatnonzero(model.network.node_ids == "2")[0])
    failed_node = scenario_impact(model, failed_nodes=[node2])
    assert failed_node.premises.im_failed.tolist() == [1, 1, 0]
    assert failed_node.premises.im_cut.tolist() == [0, 0, 0]
    assert failed_node.totals["premises_lost"] == 6


def test_failing_a_root_cuts_what_hangs_on_it():
    u = np.array([0, 1])
    v = np.array([1, 2])
    model = model_from(u, v, [0], [2], [4], [1])
    result = scenario_impact(model, failed_nodes=[0])
    assert result.premises.im_cut.tolist() == [1]
    assert result.sites.im_cut.tolist() == [1]
    with pytest.raises(InputError):
        scenario_impact(model, np.array([True]))


def test_aggregate_ids_take_the_first_polygon_holding_the_point():
    from shapely.geometry import Point, box

    from fibre_resilience.core.impact import aggregate_ids

    polygons = [box(0, 0, 10, 10), box(5, 0, 20, 10)]
    points = [Point(1, 1), Point(6, 1), Point(15, 1), Point(50, 50), None]
    assert aggregate_ids(points, polygons).tolist() == [0, 0, 1, -1, -1]
    assert aggregate_ids(points, []).tolist() == [-1] * 5
