"""core.mitigation: loop paths against networkx on the road graph with the bypassed corridor
removed (decided here, edge by edge, by plain shapely), separation on every path, and the
premises secured against brute force (remove each failure, search with networkx)."""

import networkx as nx
import numpy as np
import pytest
import shapely

from fibre_resilience.core import mitigation as mg
from fibre_resilience.core.errors import InputError
from fibre_resilience.core.network import build_model
from fibre_resilience.core.roads import build_road_network, road_attributes

STEP = 100.0


def grid_roads(nx_, ny_, jitter=0.0, seed=0):
    """A road grid split at every junction, cells of STEP metres."""
    rng = np.random.default_rng(seed)
    xy = {
        (i, j): (i * STEP + rng.uniform(-jitter, jitter), j * STEP + rng.uniform(-jitter, jitter))
        for i in range(nx_)
        for j in range(ny_)
    }
    lines = []
    for (i, j), p in xy.items():
        if (i + 1, j) in xy:
            lines.append(shapely.LineString([p, xy[(i + 1, j)]]))
        if (i, j + 1) in xy:
            lines.append(shapely.LineString([p, xy[(i, j + 1)]]))
    lines = np.array(lines, dtype=object)
    return lines, build_road_network(lines, road_attributes(lines.size))


def network_case():
    """Root R at (0, 0); a cable R -> S along the bottom row to (500, 0); S feeds P (500, 100)
    by a drop; a second site Q (0, 400) fed from R along the left column. Premises at S, P, Q."""
    pts = {"R": (0, 0), "S": (500, 0), "P": (500, 100), "Q": (0, 400), "T": (900, 900)}
    edges = [("R", "S"), ("S", "P"), ("R", "Q"), ("R", "T")]
    lines = [shapely.LineString([pts[a], pts[b]]) for a, b in edges]
    model = build_model(
        lines,
        from_ids=[a for a, _ in edges],
        to_ids=[b for _, b in edges],
        root_ids=["R"],
        premises_ids=["S", "P", "P", "Q", "T"],
        premises_count=[3, 5, 2, 7, 1],
        site_ids=["S", "Q"],
    )
    return model, np.array(lines, dtype=object), pts


def _oracle_cost(ways, source_xy, target_xy, excluded_geoms_fn):
    graph = nx.Graph()
    for e in range(ways.u.size):
        if excluded_geoms_fn(ways.geometry[e]):
            continue
        a, b, w = int(ways.u[e]), int(ways.v[e]), float(ways.cost[e])
        if not graph.has_edge(a, b) or graph[a][b]["weight"] > w:
            graph.add_edge(a, b, weight=w)
    return graph


@pytest.mark.parametrize("min_sep,jitter", [(50.0, 0.0), (150.0, 20.0), (250.0, 10.0)])
def test_loop_equals_networkx_with_the_corridor_removed(min_sep, jitter):
    _, roads = grid_roads(11, 11, jitter=jitter, seed=int(min_sep))
    model, lines, pts = network_case()
    analysis = mg.analyse_failures(model)
    ways = mg.build_ways(roads, trench_cost=10.0)
    end = min_sep + 100.0
    spec = mg.LoopSpec(min_separation=min_sep, end_distance=end, max_snap=60.0, trench_cost=10.0)
    loops, problems = mg.loop_candidates(model, analysis, lines, ways, spec)
    by_target = {c.target: c for c in loops}
    assert set(by_target) == {"0", "1"}, problems
    for target, site, corridor_line in (("0", "S", 0), ("1", "Q", 2)):
        loop = by_target[target]
        corridor = lines[corridor_line]
        # Ends allowed: the site and the corridor's root end.
        discs = shapely.union_all(
            [shapely.Point(pts[site]).buffer(end), shapely.Point(pts["R"]).buffer(end)]
        )

        def too_close(geom, discs=discs, corridor=corridor):
            outside = geom.difference(discs)
            return (not outside.is_empty) and outside.distance(corridor) <= min_sep

        graph = _oracle_cost(ways, None, None, too_close)
        kd_nodes = ways.node_xy
        src = int(np.argmin(np.hypot(*(kd_nodes - pts[site]).T)))
        # Targets: every network node outside the site's subtree, snapped to its road node.
        best = np.inf
        lengths = nx.single_source_dijkstra_path_length(graph, src)
        for name, xy in pts.items():
            if name == site or (site == "S" and name == "P"):
                continue  # the site and what hangs on it
            dist = np.hypot(*(kd_nodes - xy).T)
            t = int(np.argmin(dist))
            if dist[t] > 60 or t not in lengths:
                continue
            snap = (dist[t] + np.hypot(*(kd_nodes[src] - pts[site]))) * 10.0
            best = min(best, lengths[t] + snap)
        assert loop.cost == pytest.approx(best, rel=1e-9)
        # Separation on the proposed path.
        assert not too_close(loop.geometry)
        assert loop.geometry.distance(shapely.Point(pts[site])) < 1e-6


def test_secured_premises_hand_counted():
    _, roads = grid_roads(11, 11)
    model, lines, _ = network_case()
    analysis = mg.analyse_failures(model)
    ways = mg.build_ways(roads, trench_cost=10.0)
    spec = mg.LoopSpec(min_separation=50.0, end_distance=120.0, max_snap=60.0, trench_cost=10.0)
    loops, _ = mg.loop_candidates(model, analysis, lines, ways, spec)
    by_target = {c.target: c.premises for c in loops}
    assert by_target == {"0": 3 + 5 + 2, "1": 7}


def random_model(seed):
    rng = np.random.default_rng(seed)
    n = 25
    u, v = [], []
    for node in range(1, n):
        u.append(int(rng.integers(max(0, node - 4), node)))
        v.append(node)
    for _ in range(int(rng.integers(0, 5))):
        a, b = rng.integers(0, n, 2)
        if a != b:
            u.append(int(a))
            v.append(int(b))
    m = len(u)
    groups = [None] * m
    for g in range(int(rng.integers(0, 4))):
        for i in rng.choice(m, size=int(rng.integers(2, 4)), replace=False):
            groups[i] = f"g{g}" if groups[i] is None else f"{groups[i]};g{g}"
    xy = rng.random((n, 2)) * 1000
    lines = shapely.linestrings(np.stack([xy[u], xy[v]], axis=1))
    sites = rng.choice(np.arange(1, n), size=6, replace=False)
    model = build_model(
        lines,
        from_ids=u,
        to_ids=v,
        root_ids=[0],
        premises_ids=list(range(n)),
        premises_count=rng.integers(0, 5, n).tolist(),
        site_ids=sites.tolist(),
        srlg=groups,
    )
    return model, u, v, groups, sites


def _cut(model, u, v, lines=(), nodes=(), extra=()):
    g = nx.MultiGraph()
    n = model.network.n_nodes
    g.add_nodes_from(range(n))
    for i, (a, b) in enumerate(zip(model.network.u.tolist(), model.network.v.tolist())):
        if i not in lines and a not in nodes and b not in nodes and a != b:
            g.add_edge(a, b)
    for a, b in extra:
        g.add_edge(a, b)
    roots = set(model.root_nodes.tolist())
    reached = set()
    for r in roots:
        if r in g and r not in nodes:
            reached |= nx.node_connected_component(g, r)
    # A failed node's own premises are cut too (as rd_prem counts them).
    return set(range(n)) - reached


@pytest.mark.parametrize("seed", range(25))
def test_secured_nodes_against_brute_force(seed):
    model, u, v, groups, sites = random_model(seed)
    analysis = mg.analyse_failures(model)
    stop = set(model.sites.node.tolist()) | set(model.root_nodes.tolist())
    before = _cut(model, u, v)
    for a in model.sites.node.tolist():
        if a in before:
            continue
        chain_lines, chain_nodes, top, dgroups = mg.site_failures(analysis, a, stop - {a})
        failures = [((line,), ()) for line in chain_lines] + [((), (x,)) for x in chain_nodes]
        failures += [(tuple(g["lines"].tolist()), ()) for g in dgroups]
        # Every failure listed cuts a; every line or node that cuts a and lies below the
        # nearest dominating site or root is listed.
        for lines_f, nodes_f in failures:
            assert a in _cut(model, u, v, set(lines_f), set(nodes_f))
        if top < 0 and not dgroups:
            continue
        secured = set(mg.secured_nodes(analysis, a, top, dgroups, chain_nodes).tolist())
        # A new edge from a to a node that no failure cuts (a fresh root-side node).
        spared = [
            b
            for b in range(model.network.n_nodes)
            if b not in before
            and all(b not in _cut(model, u, v, set(lf), set(nf)) for lf, nf in failures)
            and b not in [x for _, nf in failures for x in nf]
        ]
        assert spared  # the root at least
        b = spared[0]
        expected = set()
        for x in range(model.network.n_nodes):
            cut_before = any(x in _cut(model, u, v, set(lf), set(nf)) for lf, nf in failures)
            cut_after = any(
                x in _cut(model, u, v, set(lf), set(nf), extra=[(a, b)]) for lf, nf in failures
            )
            if cut_before and not cut_after:
                expected.add(x)
        # Exactly the premises nodes that a loop to a spared node saves.
        assert secured == expected, (seed, a)


def test_random_cases_meet_both_kinds_of_failure():
    """The brute-force cases above meet sites cut by groups and sites cut only by chains."""
    kinds = set()
    for seed in range(25):
        model, *_ = random_model(seed)
        analysis = mg.analyse_failures(model)
        stop = set(model.sites.node.tolist()) | set(model.root_nodes.tolist())
        for a in model.sites.node.tolist():
            _, nodes, top, groups = mg.site_failures(analysis, a, stop - {a})
            kinds.add(("group" if groups else "chain") if top >= 0 or groups else "none")
            if nodes:
                kinds.add("chain node")
    assert {"group", "chain", "chain node"} <= kinds


def test_bury_secures_what_the_line_cuts():
    model, lines, _ = network_case()
    analysis = mg.analyse_failures(model)
    lengths = shapely.length(lines)
    out = mg.bury_candidates(analysis, [0, 1, 2, 3], lines, lengths, 100.0)
    got = {c.source: (c.premises, c.cost) for c in out}
    assert got == {
        0: (10.0, 50000.0),
        1: (7.0, 10000.0),
        2: (7.0, 40000.0),
        3: (1.0, 100.0 * lengths[3]),
    }


def test_operator_candidates_link_harden_and_refuse():
    model, lines, pts = network_case()
    analysis = mg.analyse_failures(model)
    link = shapely.LineString([pts["P"], (500, 400), pts["Q"]])  # P to Q: secures S? no: P only
    harden = shapely.LineString([pts["R"], pts["S"]])
    away = shapely.LineString([(3000, 3000), (3100, 3000)])
    out = mg.operator_candidates(
        model, analysis, lines, [link, harden], [1000.0, 2000.0], 0.5, 10.0
    )
    # P is no longer behind S and R-S, nor Q behind R-Q.
    assert out[0].detail == "link" and out[0].premises == 5 + 2 + 7
    assert out[1].detail == "harden" and out[1].premises == 10
    with pytest.raises(InputError, match="does not touch the network"):
        mg.operator_candidates(model, analysis, lines, [away], [10.0], 0.5, 10.0)
    with pytest.raises(InputError, match="cost"):
        mg.operator_candidates(model, analysis, lines, [link], [-1.0], 0.5, 10.0)


def test_no_road_near_a_site():
    _, roads = grid_roads(3, 3)  # roads only near the origin
    model, lines, _ = network_case()
    analysis = mg.analyse_failures(model)
    ways = mg.build_ways(roads, trench_cost=10.0)
    spec = mg.LoopSpec(min_separation=50.0, end_distance=120.0, max_snap=60.0, trench_cost=10.0)
    loops, problems = mg.loop_candidates(model, analysis, lines, ways, spec)
    assert (0, mg.NO_ROAD) in problems


def test_civil_works_are_cheaper_ways():
    _, roads = grid_roads(11, 11)
    model, lines, pts = network_case()
    analysis = mg.analyse_failures(model)
    spec = mg.LoopSpec(min_separation=50.0, end_distance=150.0, max_snap=60.0, trench_cost=10.0)
    plain = mg.build_ways(roads, trench_cost=10.0)
    # An existing duct from near S north to (500, 900), then west to (10, 900) near nothing.
    duct = shapely.LineString([(510, 10), (510, 900), (10, 900)])
    ways = mg.build_ways(roads, trench_cost=10.0, civil=[duct], duct_cost=1.0, max_snap=60.0)
    assert (ways.kind == 1).sum() == 1 and (ways.kind == 2).sum() == 2
    without, _ = mg.loop_candidates(model, analysis, lines, plain, spec)
    with_duct, _ = mg.loop_candidates(model, analysis, lines, ways, spec)
    cost = {c.target: c.cost for c in without}
    cheaper = {c.target: c.cost for c in with_duct}
    # S by road: north 100 m, west 500 m, south 100 m to R: 700 m of trench.
    assert cost["0"] == pytest.approx(7000.0)
    # With the duct: a trench link from (500, 0) to its start (10 m * sqrt 2), 1,390 m of
    # duct, a 10 m trench link from its end to (0, 900), then 500 m of trench south to Q.
    assert cheaper["0"] == pytest.approx(10 * 200**0.5 + 1390 + 10 * 10 + 5000)
    with pytest.raises(InputError):
        mg.build_ways(roads, trench_cost=-1.0)


def test_expected_annual_premises_cut_avoided():
    """Hand-counted: R-S fails once in 10 years (cuts S and P: 10 premises), R-Q once in 2
    (Q: 7), S-P never (NaN)."""
    _, roads = grid_roads(11, 11)
    model, lines, pts = network_case()
    analysis = mg.analyse_failures(model)
    aep = np.array([0.1, np.nan, 0.5, 0.0])
    lengths = shapely.length(lines)
    bury = {c.source: c for c in mg.bury_candidates(analysis, [0, 1, 2], lines, lengths, 1.0)}
    assert mg.expected_annual(analysis, bury[0], aep) == pytest.approx(0.1 * 10)
    assert mg.expected_annual(analysis, bury[1], aep) == 0  # S-P never fails
    assert mg.expected_annual(analysis, bury[2], aep) == pytest.approx(0.5 * 7)
    ways = mg.build_ways(roads, trench_cost=10.0)
    spec = mg.LoopSpec(min_separation=50.0, end_distance=150.0, max_snap=60.0, trench_cost=10.0)
    loops = {c.target: c for c in mg.loop_candidates(model, analysis, lines, ways, spec)[0]}
    assert mg.expected_annual(analysis, loops["0"], aep) == pytest.approx(0.1 * 10)
    assert mg.expected_annual(analysis, loops["1"], aep) == pytest.approx(0.5 * 7)
    link = shapely.LineString([pts["P"], (500, 400), pts["Q"]])
    harden = shapely.LineString([pts["R"], pts["S"]])
    ops = mg.operator_candidates(model, analysis, lines, [link, harden], [1.0, 1.0], 0.5, 10.0)
    assert np.isnan(mg.expected_annual(analysis, ops[0], aep))  # a link: not known
    assert mg.expected_annual(analysis, ops[1], aep) == pytest.approx(0.1 * 10)


def test_match_lines_by_place():
    a = shapely.LineString([(0, 0), (10, 0)])
    b = shapely.LineString([(0, 0), (0, 10)])
    c = shapely.MultiLineString([[(5, 5), (6, 6)], [(7, 7), (8, 8)]])
    values, missing = mg.match_lines(
        [a, b, c, None], [b, shapely.LineString([(0, 0), (10, 0.001)]), c], [0.5, 0.1, 0.2]
    )
    assert values[0] == 0.1 and values[1] == 0.5 and values[2] == 0.2 and np.isnan(values[3])
    assert missing == 1


@pytest.mark.parametrize("seed", range(10))
def test_link_candidates_against_brute_force(seed):
    """An added link a-b secures exactly the premises nodes that some line or node between
    an end and the ends' meeting point cuts, and none of them cuts with the link."""
    model, u, v, groups, _ = random_model(seed)
    analysis = mg.analyse_failures(model)
    net = model.network
    n = net.n_nodes
    rng = np.random.default_rng(seed)
    lines = np.asarray(shapely.linestrings(np.stack([net.node_xy[net.u], net.node_xy[net.v]], 1)))
    before = _cut(model, u, v)
    checked = 0
    for _ in range(4):
        a, b = (int(x) for x in rng.choice(n, 2, replace=False))
        if a in before or b in before:
            continue
        link = shapely.LineString([net.node_xy[a], net.node_xy[b]])
        if mg._covered_lines(link, lines, net.edges()[0], 1.5).size:
            continue  # it runs along a line: a hardening, not a link
        (cand,) = mg.operator_candidates(model, analysis, lines, [link], [1.0], 0.5, 1e-6)
        assert cand.detail == "link"
        failures = []
        for end, other in ((a, b), (b, a)):
            pa = mg._dom_path(analysis.dom, end)
            pb = set(mg._dom_path(analysis.dom, other))
            meet = next(j for j, x in enumerate(pa) if x in pb)
            for x in pa[1:meet]:
                if x >= n:
                    failures.append(({int(analysis.real_ids[x - n])}, set()))
                else:
                    failures.append((set(), {x}))
        expected = set()
        for x in range(n):
            cut_before = any(x in _cut(model, u, v, lf, nf) for lf, nf in failures)
            cut_after = any(x in _cut(model, u, v, lf, nf, extra=[(a, b)]) for lf, nf in failures)
            if cut_before and not cut_after:
                expected.add(x)
        assert set(cand.nodes.tolist()) == expected, (seed, a, b)
        checked += 1
    assert checked  # every seed meets at least one link


def _dense_model(seed):
    """A tree with many extra lines and shared-risk groups, two roots: rings that groups
    defeat, pieces that stay joined by other lines, and nodes no root reaches."""
    rng = np.random.default_rng(seed)
    n = 40
    u, v = [], []
    for node in range(2, n - 2):  # nodes n-2 and n-1 reach no root
        u.append(int(rng.integers(0, node)))
        v.append(node)
    u.append(n - 2)
    v.append(n - 1)
    for _ in range(int(rng.integers(3, 12))):
        a, b = rng.integers(0, n - 2, 2)
        if a != b:
            u.append(int(a))
            v.append(int(b))
    m = len(u)
    groups = [None] * m
    for g in range(int(rng.integers(3, 10))):
        for i in rng.choice(m, size=int(rng.integers(2, 6)), replace=False):
            groups[i] = f"g{g}" if groups[i] is None else f"{groups[i]};g{g}"
    xy = rng.random((n, 2)) * 1000
    lines = shapely.linestrings(np.stack([xy[u], xy[v]], axis=1))
    model = build_model(
        lines,
        from_ids=u,
        to_ids=v,
        root_ids=[0, 1],
        premises_ids=list(range(n)),
        premises_count=rng.integers(1, 5, n).tolist(),
        srlg=groups,
    )
    return model


def test_group_cuts_equal_networkx_components_without_the_group():
    """Each defeating group's cut (the nodes joined to a root with every line, to none
    without the group's lines) and its pieces (cut nodes joined together without them,
    numbered in the order of their lowest node) equal networkx's connected components."""
    checked, most_pieces = 0, 0
    for seed in range(30):
        model = random_model(seed)[0] if seed < 10 else _dense_model(seed)
        pieces = _check_group_cuts(model)
        checked += len(pieces)
        most_pieces = max([most_pieces] + pieces)
    # the cases ran: many groups, some cutting several pieces apart
    assert checked >= 20 and most_pieces >= 2, (checked, most_pieces)


def _check_group_cuts(model):
    analysis = mg.analyse_failures(model)
    net = model.network
    ids, u, v = net.edges()
    n = net.n_nodes
    roots = set(model.root_nodes.tolist())

    def components(skip):
        graph = nx.Graph()
        graph.add_nodes_from(range(n))
        graph.add_edges_from(
            (int(a), int(b)) for i, a, b in zip(ids, u, v) if int(i) not in skip and a != b
        )
        return list(nx.connected_components(graph))

    def joined(parts):
        return {x for part in parts if part & roots for x in part}

    before = joined(components(set()))
    counts = []
    defeats = analysis.redundancy.groups["defeats"].to_numpy()
    assert len(analysis.groups) == int(defeats.sum())
    for g in analysis.groups:
        parts = components(set(g["lines"].tolist()))
        cut = sorted(before - joined(parts))
        assert g["cut"].nodes.tolist() == cut
        assert g["cut"][np.arange(n)].tolist() == [x in set(cut) for x in range(n)]
        pieces = sorted((sorted(p & set(cut)) for p in parts if p & set(cut)), key=min)
        expected = np.full(n, -1)
        for k, piece in enumerate(pieces):
            expected[piece] = k
        assert g["cut"].label_of(np.arange(n)).tolist() == expected.tolist()
        counts.append(len(pieces))
    return counts


def test_groups_cutting_a_node_are_those_whose_cut_holds_it():
    for seed in range(10, 20):
        analysis = mg.analyse_failures(_dense_model(seed))
        for a in range(analysis.n):
            expected = [i for i, g in enumerate(analysis.groups) if g["cut"][a]]
            assert analysis.groups_cutting(a) == expected
