"""core.graph against networkx on many random FTTH-like multigraphs, and hand cases."""

import networkx as nx
import numpy as np
import pytest

from fibre_resilience.core import graph


def ftth_like(seed, n_main=40, n_island=8):
    """A random tree with a few loops, parallel edges, self-loops and rootless islands."""
    rng = np.random.default_rng(seed)
    u, v = [], []
    for node in range(1, n_main):
        # Mostly attach to a recent node: long feeder chains like real drops.
        lo = max(0, node - 6)
        u.append(int(rng.integers(lo, node)))
        v.append(node)
    for _ in range(int(rng.integers(0, 6))):  # loops
        a, b = rng.integers(0, n_main, 2)
        u.append(int(a))
        v.append(int(b))
    for _ in range(int(rng.integers(0, 3))):  # parallel copies of existing edges
        i = int(rng.integers(0, len(u)))
        u.append(v[i])
        v.append(u[i])
    island = list(range(n_main, n_main + n_island))
    for node in island[1:]:
        u.append(int(rng.integers(n_main, node)))
        v.append(node)
    if rng.random() < 0.5:
        u.append(island[0])
        v.append(island[-1])
    n = n_main + n_island + 2  # two isolated nodes at the end
    roots = rng.choice(n_main, size=int(rng.integers(1, 4)), replace=False)
    return n, np.array(u), np.array(v), roots


def to_nx(n, u, v):
    g = nx.MultiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(u.tolist(), v.tolist()))
    return g


def nx_bridge_ids(n, u, v):
    """Edge ids of bridges: nx.bridges on the simple graph, minus pairs with parallel edges."""
    simple = nx.Graph()
    simple.add_nodes_from(range(n))
    simple.add_edges_from((a, b) for a, b in zip(u.tolist(), v.tolist()) if a != b)
    pairs = {frozenset(e) for e in nx.bridges(simple)}
    keys = [frozenset((a, b)) for a, b in zip(u.tolist(), v.tolist())]
    multiplicity = {}
    for key in keys:
        multiplicity[key] = multiplicity.get(key, 0) + 1
    return {i for i, key in enumerate(keys) if key in pairs and multiplicity[key] == 1}


SEEDS = range(150)


@pytest.mark.parametrize("seed", SEEDS)
def test_bridges_and_cut_nodes_match_networkx(seed):
    n, u, v, _ = ftth_like(seed)
    is_bridge, is_cut = graph.bridges_and_cut_nodes(n, u, v)
    assert set(np.flatnonzero(is_bridge).tolist()) == nx_bridge_ids(n, u, v)
    simple = nx.Graph(to_nx(n, u, v))
    simple.remove_edges_from(nx.selfloop_edges(simple))
    assert set(np.flatnonzero(is_cut).tolist()) == set(nx.articulation_points(simple))


@pytest.mark.parametrize("seed", SEEDS)
def test_immediate_dominators_match_networkx(seed):
    n, u, v, roots = ftth_like(seed)
    dom = graph.dominator_tree(n, u, v, roots)
    g = nx.DiGraph(to_nx(n, u, v).to_directed())
    g.add_edges_from(("S", int(r)) for r in roots)
    expected = nx.immediate_dominators(g, "S")
    ours = {}
    for node in range(n):
        if dom.idom[node] >= 0:
            ours[node] = "S" if dom.idom[node] == n else int(dom.idom[node])
    ours["S"] = "S"
    assert ours == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_dominated_totals_match_brute_force(seed):
    n, u, v, roots = ftth_like(seed)
    rng = np.random.default_rng(seed + 1000)
    weights = rng.integers(0, 5, n).astype(float)
    dom = graph.dominator_tree(n, u, v, roots)
    totals = graph.dominated_totals(dom, weights)
    g = to_nx(n, u, v)
    g.add_edges_from(("S", int(r)) for r in roots)
    reached = nx.node_connected_component(g, "S")
    for node in range(n):
        if node not in reached:
            assert totals[node] == 0
            continue
        h = g.copy()
        h.remove_node(node)
        still = nx.node_connected_component(h, "S")
        lost = [x for x in reached if x != "S" and x not in still]
        assert totals[node] == pytest.approx(sum(weights[x] for x in lost)), node


def nx_paths_capped(n, u, v, roots, node, cap=3):
    """Edge-disjoint paths node -> roots by max flow on the roots-merged graph."""
    if node in set(roots.tolist()):
        return cap
    g = nx.DiGraph()
    merged = {int(r): "S" for r in roots}
    for a, b in zip(u.tolist(), v.tolist()):
        a, b = merged.get(a, a), merged.get(b, b)
        if a == b:
            continue
        for x, y in ((a, b), (b, a)):
            cap_xy = g.edges[x, y]["capacity"] + 1 if g.has_edge(x, y) else 1
            g.add_edge(x, y, capacity=cap_xy)
    if node not in g or "S" not in g or not nx.has_path(g, node, "S"):
        return 0
    return min(cap, int(nx.maximum_flow_value(g, node, "S")))


@pytest.mark.parametrize("seed", SEEDS)
def test_edge_paths_match_max_flow(seed):
    n, u, v, roots = ftth_like(seed)
    cuts = graph.rooted_cuts(n, u, v, roots)
    nodes = np.arange(n)
    paths = graph.edge_paths_to_roots(cuts, nodes)
    expected = [nx_paths_capped(n, u, v, roots, int(x)) for x in nodes]
    assert paths.tolist() == expected


def test_dense_loops_paths_match_max_flow():
    """Meshes with many cut pairs and 3-edge-connected parts, not only trees with loops."""
    for seed in range(40):
        rng = np.random.default_rng(seed)
        n = 25
        m = int(rng.integers(25, 60))
        u = rng.integers(0, n, m)
        v = rng.integers(0, n, m)
        roots = rng.choice(n, size=int(rng.integers(1, 3)), replace=False)
        cuts = graph.rooted_cuts(n, u, v, roots)
        paths = graph.edge_paths_to_roots(cuts, np.arange(n))
        expected = [nx_paths_capped(n, u, v, roots, x) for x in range(n)]
        assert paths.tolist() == expected, seed


def test_ring_has_no_bridge_and_two_paths():
    n = 6
    u = np.array([0, 1, 2, 3, 4, 5])
    v = np.array([1, 2, 3, 4, 5, 0])
    is_bridge, is_cut = graph.bridges_and_cut_nodes(n, u, v)
    assert not is_bridge.any() and not is_cut.any()
    cuts = graph.rooted_cuts(n, u, v, [0])
    assert graph.edge_paths_to_roots(cuts, [0, 1, 3]).tolist() == [3, 2, 2]


def test_parallel_edges_are_never_bridges():
    u = np.array([0, 1, 1])
    v = np.array([1, 2, 2])
    is_bridge, is_cut = graph.bridges_and_cut_nodes(3, u, v)
    assert is_bridge.tolist() == [True, False, False]
    assert is_cut.tolist() == [False, True, False]


def test_leaf_site_hangs_on_its_line():
    # ring 0-1-2-3-0 with a leaf 4 on node 2
    u = np.array([0, 1, 2, 3, 2])
    v = np.array([1, 2, 3, 0, 4])
    dom = graph.dominator_tree(5, u, v, [0])
    assert dom.idom[:5].tolist() == [5, 0, 0, 0, 2]
    cuts = graph.rooted_cuts(5, u, v, [0])
    assert graph.edge_paths_to_roots(cuts, [4, 2]).tolist() == [1, 2]


def test_two_roots_give_two_paths_on_a_line():
    u = np.array([0, 1, 2])
    v = np.array([1, 2, 3])
    cuts = graph.rooted_cuts(4, u, v, [0, 3])
    assert graph.edge_paths_to_roots(cuts, [1, 2]).tolist() == [2, 2]
    dom = graph.dominator_tree(4, u, v, [0, 3])
    assert dom.idom[:4].tolist() == [4, 4, 4, 4]


def test_islands_reach_nothing():
    u = np.array([0, 2])
    v = np.array([1, 3])
    dom = graph.dominator_tree(4, u, v, [0])
    assert dom.idom[2] == -1 and dom.idom[3] == -1
    cuts = graph.rooted_cuts(4, u, v, [0])
    assert graph.edge_paths_to_roots(cuts, [1, 2]).tolist() == [1, 0]


def test_empty_graph():
    is_bridge, is_cut = graph.bridges_and_cut_nodes(3, np.array([], int), np.array([], int))
    assert is_bridge.size == 0 and not is_cut.any()
    dom = graph.dominator_tree(3, np.array([], int), np.array([], int), [1])
    assert dom.idom.tolist() == [-1, 3, -1, 3]
