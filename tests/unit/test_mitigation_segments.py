"""core.mitigation: loops around segments and shared-risk groups, against independent oracles.

A segment is a run of lines whose failures each cut the same premises; the runs, the premises
a segment loop secures, and the loop's path are checked against brute force (remove each
failure, search with networkx) and networkx's shortest path on the road graph with the
bypassed corridor removed (decided edge by edge with plain shapely)."""

import networkx as nx
import numpy as np
import pytest
import shapely

from fibre_resilience.core import mitigation as mg
from fibre_resilience.core.errors import InputError
from fibre_resilience.core.tiers import TIERS

from .test_mitigation import _cut, grid_roads, network_case, random_model


def _premises_cut(model, u, v, weights, lines=(), nodes=()):
    return {x for x in _cut(model, u, v, set(lines), set(nodes)) if weights[x] > 0}


@pytest.mark.parametrize("seed", range(25))
def test_segments_against_brute_force(seed):
    """Every failure of a run cuts the same premises, and its start; the element above a
    run cuts other premises (the runs are maximal); every line whose failure cuts premises
    lies in one run; a segment loop secures what brute force says a new link from its start
    to a spared node saves."""
    model, u, v, groups, _ = random_model(seed)
    analysis = mg.analyse_failures(model)
    n = model.network.n_nodes
    weights = analysis.premises
    before = _cut(model, u, v)
    targets = mg.segment_targets(model, analysis)
    in_runs = [line for t in targets if t.kind == "segment" for line in t.chain_lines]
    assert len(in_runs) == len(set(in_runs))
    for line in range(len(u)):
        if u[line] != v[line] and _premises_cut(model, u, v, weights, [line]) - before:
            assert line in in_runs, (seed, line)
    for t in targets:
        if t.kind == "segment":
            failures = [((x,), ()) for x in t.chain_lines] + [((), (x,)) for x in t.chain_nodes]
        else:
            failures = [(tuple(t.groups[0]["lines"].tolist()), ())]
        cuts = [_premises_cut(model, u, v, weights, lf, nf) - before for lf, nf in failures]
        for lf, nf in failures:
            assert t.a in _cut(model, u, v, set(lf), set(nf))
        if t.kind == "segment":
            assert all(c == cuts[0] for c in cuts), (seed, t)
            assert sum(weights[x] for x in cuts[0]) == pytest.approx(t.premises)
            above = int(analysis.dom.idom[t.top])
            if above != analysis.dom.super_root and above not in model.root_nodes:
                line_above = above >= n
                element = ([int(analysis.real_ids[above - n])], []) if line_above else ([], [above])
                assert _premises_cut(model, u, v, weights, *element) - before != cuts[0]
        secured = set(mg.secured_nodes(analysis, t.a, t.top, t.groups, t.chain_nodes).tolist())
        spared = [
            b
            for b in range(n)
            if b not in before
            and all(b not in _cut(model, u, v, set(lf), set(nf)) for lf, nf in failures)
            and b not in t.chain_nodes
        ]
        b = spared[0]
        expected = set()
        for x in range(n):
            cut_before = any(x in _cut(model, u, v, set(lf), set(nf)) for lf, nf in failures)
            cut_after = any(
                x in _cut(model, u, v, set(lf), set(nf), extra=[(t.a, b)]) for lf, nf in failures
            )
            if cut_before and not cut_after:
                expected.add(x)
        assert secured == expected, (seed, t.kind, t.a)


def test_random_cases_meet_segments_and_groups():
    kinds = set()
    for seed in range(25):
        model, *_ = random_model(seed)
        kinds |= {t.kind for t in mg.segment_targets(model, mg.analyse_failures(model))}
    assert kinds == {"segment", "group"}


@pytest.mark.parametrize("seed", range(8))
def test_segments_come_tier_first(seed):
    """Collecte first, then transport, then distribution, then unknown; within a tier, the
    premises a segment's loss cuts, most first; a segment's tier is its most upstream line's."""
    model, *_ = random_model(seed)
    analysis = mg.analyse_failures(model)
    rng = np.random.default_rng(seed)
    line_tier = np.array(
        [[*TIERS, None][i] for i in rng.integers(0, 4, model.network.u.size)], dtype=object
    )
    mg.group_tiers(model, analysis, line_tier)
    targets = mg.segment_targets(model, analysis, line_tier)
    rank = [TIERS.index(t.tier) if t.tier in TIERS else 3 for t in targets]
    assert rank == sorted(rank)
    for a, b in zip(targets, targets[1:]):
        if a.tier == b.tier:
            assert a.premises >= b.premises
    for t in targets:
        if t.kind == "segment":
            known = [TIERS.index(line_tier[x]) for x in t.chain_lines if line_tier[x] in TIERS]
            assert t.tier == (TIERS[min(known)] if known else None)


def _nx_cost(ways, too_close):
    graph = nx.Graph()
    for e in range(ways.u.size):
        if too_close(ways.geometry[e]):
            continue
        a, b, w = int(ways.u[e]), int(ways.v[e]), float(ways.cost[e])
        if not graph.has_edge(a, b) or graph[a][b]["weight"] > w:
            graph.add_edge(a, b, weight=w)
    return graph


# Existing civil works crossing network_case's grid, a fifth of a trench's cost: the loops'
# first searches then reach as far in metres as on the roads alone, not five times further.
CIVIL = [
    shapely.LineString([(1000, 900), (1000, 100)]),
    shapely.LineString([(900, 1000), (100, 1000), (0, 500)]),
    shapely.LineString([(-40, 980), (980, -40)]),
]


@pytest.mark.parametrize("civil,rates", [(None, 2.0), (CIVIL, 2.0), (CIVIL, [2.0, 5.0, 2.0])])
@pytest.mark.parametrize("reach", [mg.FIRST_REACH_M, 150.0])
@pytest.mark.parametrize("min_sep,jitter", [(50.0, 0.0), (150.0, 20.0), (250.0, 10.0)])
def test_segment_loop_equals_networkx_with_the_corridor_removed(
    min_sep, jitter, reach, civil, rates, monkeypatch
):
    """network_case: the drop S-P (a segment of the distribution below site S) and the line
    R-T (no site) get loops from their lower ends P and T; each costs what networkx finds on
    the roads (and civil works) less the edges within min_sep of the bypassed line (outside
    the discs of the start and of the line's surviving end), to a node the line's loss
    spares; the path keeps that separation. With a short first reach the searches run on
    discs of the ways, widened step by step: the same answers. The civil works cost one
    amount per metre, or one per line (a duct, a line on poles at 5, a duct)."""
    monkeypatch.setattr(mg, "FIRST_REACH_M", reach)
    _, roads = grid_roads(11, 11, jitter=jitter, seed=int(min_sep) + 1)
    model, lines, pts = network_case()
    analysis = mg.analyse_failures(model)
    ways = mg.build_ways(
        roads, trench_cost=10.0, civil=civil, duct_cost=np.asarray(rates), max_snap=60.0
    )
    if civil is not None:
        assert (ways.kind == 1).sum() == len(civil) and ways.least_rate == pytest.approx(2.0)
        expected = shapely.length(np.asarray(civil)) * np.broadcast_to(rates, (len(civil),))
        assert ways.cost[ways.kind == 1] == pytest.approx(expected)
    end = min_sep + 100.0
    spec = mg.LoopSpec(min_separation=min_sep, end_distance=end, max_snap=60.0, trench_cost=10.0)
    targets = mg.segment_targets(model, analysis)
    names = np.array(["R-S", "S-P", "R-Q", "R-T"], dtype=object)
    loops, problems = mg.segment_loop_candidates(
        model, analysis, lines, ways, spec, targets, line_names=names
    )
    by_target = {c.target: c for c in loops}
    assert {"S-P", "R-T"} <= set(by_target), problems
    for target, start, other_end, corridor_line, cut in (
        ("S-P", "P", "S", 1, {"P"}),
        ("R-T", "T", "R", 3, {"T"}),
    ):
        loop = by_target[target]
        corridor = lines[corridor_line]
        discs = shapely.union_all(
            [shapely.Point(pts[start]).buffer(end), shapely.Point(pts[other_end]).buffer(end)]
        )

        def too_close(geom, discs=discs, corridor=corridor):
            outside = geom.difference(discs)
            return (not outside.is_empty) and outside.distance(corridor) <= min_sep

        graph = _nx_cost(ways, too_close)
        kd = ways.node_xy
        src = int(np.argmin(np.hypot(*(kd - pts[start]).T)))
        lengths = nx.single_source_dijkstra_path_length(graph, src)
        best = np.inf
        for name, xy in pts.items():
            if name in cut:
                continue
            dist = np.hypot(*(kd - xy).T)
            t = int(np.argmin(dist))
            if dist[t] > 60 or t not in lengths:
                continue
            snap = (dist[t] + np.hypot(*(kd[src] - pts[start]))) * 10.0
            best = min(best, lengths[t] + snap)
        assert loop.cost == pytest.approx(best, rel=1e-9)
        assert not too_close(loop.geometry)
        assert loop.geometry.distance(shapely.Point(pts[start])) < 1e-6
        assert loop.premises == {"S-P": 5 + 2, "R-T": 1}[target]
    if civil is not None:  # T's loop runs in a duct: the civil works are searched
        assert (ways.kind[list(by_target["R-T"].path_key)] == 1).any()


def test_same_roads_are_one_action():
    """Without the skip, the run R-S (bottom S) is the site S's own chain: the same search,
    the same roads: merged into one action named after both, securing what both secure."""
    _, roads = grid_roads(11, 11)
    model, lines, _ = network_case()
    analysis = mg.analyse_failures(model)
    ways = mg.build_ways(roads, trench_cost=10.0)
    spec = mg.LoopSpec(min_separation=50.0, end_distance=150.0, max_snap=60.0, trench_cost=10.0)
    sites, _ = mg.loop_candidates(model, analysis, lines, ways, spec)
    names = np.array(["R-S", "S-P", "R-Q", "R-T"], dtype=object)
    targets = mg.segment_targets(model, analysis)
    segments, _ = mg.segment_loop_candidates(
        model, analysis, lines, ways, spec, targets, line_names=names
    )
    merged = mg.merge_same_paths(sites + segments, analysis.premises)
    assert sorted(c.target for c in merged) == ["0 + R-S", "1 + R-Q", "R-T", "S-P"]
    site_s = next(c for c in merged if c.target == "0 + R-S")
    assert site_s.premises == 10 and site_s.nodes.tolist() == sites[0].nodes.tolist()
    # With the skip (what mitigation_plan does), those runs are not searched again.
    skip = {
        (int(model.sites.node[0]), int(analysis.line_node[0])),
        (int(model.sites.node[1]), int(analysis.line_node[2])),
    }
    again, _ = mg.segment_loop_candidates(
        model,
        analysis,
        lines,
        ways,
        spec,
        mg.segment_targets(model, analysis),
        line_names=names,
        skip=skip,
    )
    assert sorted(c.target for c in again) == ["R-T", "S-P"]


def test_merge_unites_what_they_secure():
    premises = np.array([0.0, 3.0, 5.0, 7.0])
    a = mg.Candidate(
        "loop", "A", 10.0, None, np.array([1, 2]), 8.0, tier="collecte", path_key=(4, 5)
    )
    b = mg.Candidate(
        "loop", "B", 10.0, None, np.array([2, 3]), 12.0, tier="distribution", path_key=(4, 5)
    )
    c = mg.Candidate("loop", "C", 10.0, None, np.array([3]), 7.0, tier="transport", path_key=(6,))
    out = mg.merge_same_paths([a, b, c], premises)
    assert [x.target for x in out] == ["B + A", "C"]
    assert out[0].premises == 15.0 and out[0].nodes.tolist() == [1, 2, 3]
    assert out[0].tier == "collecte"
    n = premises.size
    # Each part keeps its own risk: A's nodes at the collecte, B's at the distribution.
    assert sorted(mg.risk_cover(out[0], n).tolist()) == [1, 2, 2 + 2 * n, 3 + 2 * n]


def _tiered_plan(**options):
    """The plan of the network case on an 11 x 11 road grid, the lines classed collecte
    except the drop S-P (distribution)."""
    _, roads = grid_roads(11, 11)
    model, lines, _ = network_case()
    return mg.mitigation_plan(
        model,
        lines,
        dict(mg.DEFAULT_COSTS, trench_m=10.0),
        budget=1e9,
        ways=mg.build_ways(roads, trench_cost=10.0),
        spec=mg.LoopSpec(min_separation=50.0, end_distance=150.0, max_snap=60.0),
        line_classes=np.array(["collecte", "distribution", "collecte", "collecte"], dtype=object),
        line_names=np.array(["R-S", "S-P", "R-Q", "R-T"], dtype=object),
        **options,
    )


def test_tiers_are_separate_risks():
    """A loop around the site S (its collecte line R-S: S and P, 10 premises) and one around
    the drop S-P (distribution: P, 7) secure P against different failures: the plan counts
    10 + 7 (premises, risk) pairs, not 10."""
    result = _tiered_plan()
    actions = result.actions.set_index("mp_target")
    assert actions.loc["0", "mp_tier"] == "collecte"
    assert actions.loc["S-P", "mp_tier"] == "distribution"
    assert actions.loc["0", "mp_prem"] == 10 and actions.loc["S-P", "mp_prem"] == 7
    assert result.counts["premises_secured"] == 10 + 7 + 7 + 1  # and Q's, T's loops
    assert result.counts["loops"] == 4 and result.counts["segment_loops"] == 2
    assert set(actions["mp_chosen"]) == {1}


def test_plan_says_the_tier_of_each_step():
    """PLAN gives each step's tier, as ACTIONS does: the loop round the site S (its collecte
    line R-S) is collecte, the one round the drop S-P distribution."""
    result = _tiered_plan()
    plan = result.plan.set_index("mp_target")
    assert plan.loc["0", "mp_tier"] == "collecte"
    assert plan.loc["S-P", "mp_tier"] == "distribution"
    assert len(plan) == 4 and plan["mp_tier"].notna().all()


def test_cap_keeps_the_upstream_tiers():
    """MAX_SEGMENT_LOOPS: the collecte segment is searched, the distribution one left out
    (the runs that are the sites' own chains are searched as sites, not counted)."""
    result = _tiered_plan(max_segment_loops=1)
    assert result.counts["segments_searched"] == 1
    assert result.counts["segments_left_out"] == 1
    assert set(result.actions["mp_target"]) == {"0", "1", "R-T"}


@pytest.mark.parametrize("seed", range(4))
def test_a_search_on_a_disc_equals_one_on_all_the_ways(seed):
    """_Reach cuts out the ways within bound / least_rate of the source: every way node
    costing at most the bound gets the same cost as scipy's Dijkstra on the whole graph,
    and its path (networkx's length along the edges returned) costs that much."""
    from scipy.sparse.csgraph import dijkstra

    _, roads = grid_roads(30, 30, jitter=20.0, seed=seed)
    duct = shapely.LineString([(105, 95), (1500, 2800)])
    ways = mg.build_ways(roads, trench_cost=10.0, civil=[duct], duct_cost=2.0, max_snap=60.0)
    rng = np.random.default_rng(seed)
    matrix = ways.search_matrix
    discs = 0
    for source in rng.choice(ways.n_nodes, 5, replace=False).tolist():
        for bound in (300.0, 1000.0, 2000.0, 9000.0):
            reach = mg._Reach(ways, matrix, source, bound)
            discs += reach.idx is not None  # a disc, not the whole graph
            full = dijkstra(matrix, indices=source, limit=bound)
            expected = np.flatnonzero(np.isfinite(full))
            assert reach.reached.tolist() == expected.tolist()
            np.testing.assert_allclose(reach.dist(expected), full[expected], rtol=1e-12)
            far = np.flatnonzero(~np.isfinite(full))[:20]
            assert np.isinf(reach.dist(far)).all()
            for t in expected[-3:].tolist():
                edges = reach.path_edges(t)
                assert ways.cost[edges].sum() == pytest.approx(full[t], rel=1e-9)
    assert discs >= 10


@pytest.mark.parametrize("seed", range(6))
def test_excluded_ways_from_the_corridor_segments_equal_those_of_the_whole_corridor(seed):
    """The tree queried with each straight segment of the bypassed lines gives the ways the
    whole corridor gives (a way is within the distance of a union of lines exactly when it is
    of one of their segments): the same exclusions, whatever the corridor's envelope."""
    rng = np.random.default_rng(seed)
    n = 400
    xy = rng.uniform(0, 5000, (n, 2))
    u = rng.integers(0, n, 900)
    v = rng.integers(0, n, 900)
    keep = u != v
    u, v = u[keep], v[keep]
    geometry = shapely.linestrings(np.stack([xy[u], xy[v]], axis=1))
    length = shapely.length(geometry)
    ways = mg.Ways(xy, u, v, length, length * 100.0, np.zeros(u.size, np.int8), geometry)
    # a long bypassed corridor: two multi-vertex cables and one two-part line
    lines = np.array(
        [
            shapely.linestrings(rng.uniform(0, 5000, (8, 2))),
            shapely.linestrings(rng.uniform(0, 5000, (3, 2))),
            shapely.MultiLineString([rng.uniform(0, 5000, (2, 2)), rng.uniform(0, 5000, (4, 2))]),
        ],
        dtype=object,
    )
    corridor = shapely.union_all(lines)
    discs = shapely.union_all(shapely.buffer(shapely.points(rng.uniform(0, 5000, (2, 2))), 300))
    whole = mg.excluded_ways(ways, corridor, discs, 150.0)
    pieces = mg.excluded_ways(ways, corridor, discs, 150.0, lines)
    assert whole.size > 0
    assert sorted(whole.tolist()) == pieces.tolist()


def test_civil_works_cost_per_line():
    """One amount per civil-works line (duct_m in ducts, aerial_m on poles): each civil way
    costs its own line's amount per metre, the lines left out (empty) taking theirs along."""
    _, roads = grid_roads(5, 5)
    duct = shapely.LineString([(105, 95), (105, 395)])
    empty = shapely.LineString()
    pole = shapely.LineString([(205, 95), (205, 295)])
    ways = mg.build_ways(
        roads, trench_cost=10.0, civil=[duct, empty, pole], duct_cost=np.array([2.0, 99.0, 5.0])
    )
    civil = np.flatnonzero(ways.kind == 1)
    assert ways.length[civil].tolist() == pytest.approx([300.0, 200.0])
    assert ways.cost[civil].tolist() == pytest.approx([600.0, 1000.0])
    with pytest.raises(InputError):
        mg.build_ways(roads, trench_cost=10.0, civil=[duct], duct_cost=np.array([-1.0]))
