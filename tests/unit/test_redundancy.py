"""core.redundancy against brute force (remove the element, recount with networkx)."""

import networkx as nx
import numpy as np
import pytest
import shapely

from fibre_resilience.core.network import build_model
from fibre_resilience.core.redundancy import _GroupCounter, analyse_redundancy


def random_case(seed):
    """An FTTH-like multigraph with premises, sites and shared-risk groups."""
    rng = np.random.default_rng(seed)
    n_main, n_island = 30, 6
    u, v = [], []
    for node in range(1, n_main):
        u.append(int(rng.integers(max(0, node - 5), node)))
        v.append(node)
    for _ in range(int(rng.integers(1, 7))):
        a, b = rng.integers(0, n_main, 2)
        u.append(int(a))
        v.append(int(b))
    for _ in range(int(rng.integers(0, 3))):
        i = int(rng.integers(0, len(u)))
        u.append(v[i])
        v.append(u[i])
    for node in range(n_main + 1, n_main + n_island):
        u.append(int(rng.integers(n_main, node)))
        v.append(node)
    n = n_main + n_island
    m = len(u)
    groups = [None] * m
    for g in range(int(rng.integers(1, 6))):
        for i in rng.choice(m, size=int(rng.integers(1, 5)), replace=False):
            groups[i] = f"g{g}" if groups[i] is None else f"{groups[i]};g{g}"
    roots = rng.choice(n_main, size=int(rng.integers(1, 3)), replace=False)
    prem_nodes = rng.integers(0, n, 60)
    prem_counts = rng.integers(0, 4, 60)
    site_nodes = rng.choice(n, size=8, replace=False)
    return n, np.array(u), np.array(v), groups, roots, prem_nodes, prem_counts, site_nodes


def make_model(n, u, v, groups, roots, prem_nodes, prem_counts, site_nodes):
    rng = np.random.default_rng(0)
    xy = rng.random((n, 2)) * 1000
    lines = shapely.linestrings(np.stack([xy[u], xy[v]], axis=1))
    return build_model(
        lines,
        from_ids=u.tolist(),
        to_ids=v.tolist(),
        root_ids=roots.tolist(),
        premises_ids=prem_nodes.tolist(),
        premises_count=prem_counts.tolist(),
        site_ids=site_nodes.tolist(),
        srlg=groups,
    )


def lost_nodes(n, u, v, roots, drop_edges=(), drop_node=None):
    g = nx.MultiGraph()
    g.add_nodes_from(range(n))
    g.add_node("S")
    keys = [g.add_edge(a, b) for a, b in zip(u.tolist(), v.tolist())]
    g.add_edges_from(("S", int(r)) for r in roots)
    before = nx.node_connected_component(g, "S")
    g.remove_edges_from((u[i], v[i], keys[i]) for i in drop_edges)
    if drop_node is not None:
        g.remove_node(drop_node)
    after = nx.node_connected_component(g, "S")
    return {x for x in before if x not in after and x != "S"}


@pytest.mark.parametrize("seed", range(60))
def test_redundancy_matches_brute_force(seed):
    n, u, v, groups, roots, prem_nodes, prem_counts, site_nodes = random_case(seed)
    model = make_model(n, u, v, groups, roots, prem_nodes, prem_counts, site_nodes)
    result = analyse_redundancy(model)
    index = {name: i for i, name in enumerate(model.network.node_ids)}
    prem_w = np.bincount(prem_nodes, weights=prem_counts, minlength=n)
    site_w = np.bincount(site_nodes, minlength=n)

    line_cuts = [lost_nodes(n, u, v, roots, drop_edges={i}) for i in range(u.size)]
    for i, lost in enumerate(line_cuts):
        row = result.lines.iloc[i]
        assert row.rd_prem == pytest.approx(sum(prem_w[x] for x in lost)), i
        assert row.rd_sites == sum(site_w[x] for x in lost), i
        assert row.rd_bridge == (1 if lost else 0), i

    node_cuts = {x: lost_nodes(n, u, v, roots, drop_node=x) for x in range(n)}
    for x, lost in node_cuts.items():
        row = result.nodes.iloc[index[str(x)]]
        assert row.rd_prem == pytest.approx(sum(prem_w[y] for y in lost)), x
        assert row.rd_sites == sum(site_w[y] for y in lost), x
        assert row.rd_bridge == (1 if lost - {x} else 0), x

    members = {}
    for i, text in enumerate(groups):
        for name in (text or "").split(";"):
            if name:
                members.setdefault(name, set()).add(i)
    group_cuts = {}
    for _, row in result.groups.iterrows():
        lost = lost_nodes(n, u, v, roots, drop_edges=members[row.group])
        group_cuts[row.group] = lost
        prem = sum(prem_w[x] for x in lost)
        sites = sum(site_w[x] for x in lost)
        max_prem = max(sum(prem_w[x] for x in line_cuts[i]) for i in members[row.group])
        max_sites = max(sum(site_w[x] for x in line_cuts[i]) for i in members[row.group])
        assert row.prem_cut == pytest.approx(prem), row.group
        assert row.sites_cut == sites, row.group
        assert row.members == len(members[row.group])
        assert row.defeats == int(prem > max_prem or sites > max_sites), row.group

    for j, site in enumerate(site_nodes.tolist()):
        row = result.sites.iloc[j]
        lines_cutting = sum(1 for lost in line_cuts if site in lost)
        nodes_cutting = sum(1 for x, lost in node_cuts.items() if x != site and site in lost)
        groups_cutting = sum(1 for lost in group_cuts.values() if site in lost)
        reached = (
            site
            in nx.node_connected_component(
                nx.MultiGraph(list(zip(u.tolist(), v.tolist())) + [("S", int(r)) for r in roots]),
                "S",
            )
            if site in set(u.tolist()) | set(v.tolist()) | set(roots.tolist())
            else False
        )
        if not reached:
            assert (row.rd_paths, row.rd_divers, row.rd_spof_n) == (0, 0, 0)
            continue
        expected_divers = 0 if lines_cutting else (1 if nodes_cutting or groups_cutting else 2)
        assert row.rd_divers == expected_divers, site
        assert row.rd_spof_n == lines_cutting + nodes_cutting + groups_cutting, site
        assert (row.rd_paths == 1) == (lines_cutting > 0), site

    spof_prem = 0.0
    with_roots = nx.MultiGraph(list(zip(u.tolist(), v.tolist())) + [("S", int(r)) for r in roots])
    reached_nodes = nx.node_connected_component(with_roots, "S") - {"S"}
    for y in range(n):
        behind = any(y in lost for lost in line_cuts) or any(
            x != y and y in lost for x, lost in node_cuts.items()
        )
        spof_prem += prem_w[y] if behind else 0.0
    assert result.summary["premises_spof"] == pytest.approx(spof_prem)

    # Per premises point: the same question, and NULL for premises that reach no root.
    for j, y in enumerate(prem_nodes.tolist()):
        row = result.premises.iloc[j]
        if y not in reached_nodes:
            assert row.isna().all(), j
            continue
        behind = any(y in lost for lost in line_cuts) or any(
            x != y and y in lost for x, lost in node_cuts.items()
        )
        in_group = any(y in lost for lost in group_cuts.values())
        assert (row.rd_spof, row.rd_srlg) == (int(behind), int(in_group)), j


def ring_model(groups=None, roots=(0,), sites=(3,), leaf=False):
    """A ring 0-1-2-3-4-5-0 (node ids), optionally with a leaf 6 on node 3."""
    u = [0, 1, 2, 3, 4, 5]
    v = [1, 2, 3, 4, 5, 0]
    if leaf:
        u.append(3)
        v.append(6)
    n = 7 if leaf else 6
    return make_model(
        n,
        np.array(u),
        np.array(v),
        groups or [None] * len(u),
        np.array(roots),
        np.array([3, 3]),
        np.array([10, 5]),
        np.array(sites),
    )


def test_ring_has_no_single_point_of_failure_but_its_root():
    result = analyse_redundancy(ring_model())
    assert result.lines.rd_prem.tolist() == [0] * 6
    assert result.lines.rd_bridge.tolist() == [0] * 6
    site = result.sites.iloc[0]
    # Only the root node itself cuts the site.
    assert (site.rd_paths, site.rd_divers, site.rd_spof_n) == (2, 1, 1)
    assert result.summary["premises_spof"] == 15


def test_ring_with_two_roots_is_fully_diverse():
    result = analyse_redundancy(ring_model(roots=(0, 1)))
    site = result.sites.iloc[0]
    assert (site.rd_paths, site.rd_divers, site.rd_spof_n) == (2, 2, 0)


def test_ring_whose_arms_share_a_group():
    groups = [None, "duct", None, None, "duct", None]
    result = analyse_redundancy(ring_model(groups=groups, roots=(0, 1)))
    group = result.groups.iloc[0]
    # Lines 1-2 and 4-5 fail together: nodes 2, 3, 4 are cut, the premises on 3 with them.
    assert group.prem_cut == 15 and group.sites_cut == 1
    assert group.max_prem == 0 and group.defeats == 1
    site = result.sites.iloc[0]
    assert (site.rd_paths, site.rd_divers, site.rd_spof_n) == (2, 1, 1)
    assert result.lines.rd_srlg_pr.tolist() == [0, 15, 0, 0, 15, 0]


def test_site_on_a_leaf_hangs_on_its_line():
    result = analyse_redundancy(ring_model(sites=(6,), leaf=True))
    assert result.lines.rd_sites.tolist() == [0, 0, 0, 0, 0, 0, 1]
    site = result.sites.iloc[0]
    # line 3-6, node 3 and root 0 cut it.
    assert (site.rd_paths, site.rd_divers, site.rd_spof_n) == (1, 0, 3)


def test_islands_count_nothing_and_their_sites_reach_no_root():
    u = np.array([0, 2])
    v = np.array([1, 3])
    model = make_model(
        4, u, v, [None, None], np.array([0]), np.array([1, 3]), np.array([1, 1]), np.array([3])
    )
    result = analyse_redundancy(model)
    assert result.lines.rd_prem.tolist() == [1, 0]
    assert result.lines.rd_bridge.tolist() == [1, 0]
    assert result.sites.iloc[0].tolist() == [0, 0, 0]
    assert result.summary["premises_no_root"] == 1
    assert (model.defects.kind == "no_root").sum() == 1


@pytest.mark.parametrize("seed", range(40))
def test_large_groups_on_meshes_match_brute_force(seed):
    """Groups of up to 12 lines on meshes: many pieces, joined and cut in every way."""
    rng = np.random.default_rng(seed + 500)
    n = 25
    m = int(rng.integers(28, 50))
    u = rng.integers(0, n, m)
    v = rng.integers(0, n, m)
    groups = [None] * m
    for g in range(6):
        for i in rng.choice(m, size=int(rng.integers(2, 13)), replace=False):
            groups[i] = f"g{g}" if groups[i] is None else f"{groups[i]};g{g}"
    roots = rng.choice(np.unique(np.r_[u, v]), size=int(rng.integers(1, 3)), replace=False)
    prem_nodes = np.arange(n)
    prem_counts = rng.integers(1, 4, n)
    model = make_model(n, u, v, groups, roots, prem_nodes, prem_counts, np.array([0, 1]))
    result = analyse_redundancy(model)
    prem_w = np.bincount(prem_nodes, weights=prem_counts, minlength=n)
    for _, row in result.groups.iterrows():
        members = {i for i, text in enumerate(groups) if text and row.group in text.split(";")}
        lost = lost_nodes(n, u, v, roots, drop_edges=members)
        assert row.prem_cut == pytest.approx(sum(prem_w[x] for x in lost)), (seed, row.group)


@pytest.mark.parametrize("seed", range(30))
def test_groups_of_one_tree_line_at_once_equal_the_per_group_pieces(seed):
    """The groups with one tree line among their members are answered at once
    (``_single_tree_line``): the same signed intervals as :meth:`_cut_pieces` group by group,
    with back lines leaving the subtree or not, lines listed twice, lines of no tree."""
    rng = np.random.default_rng(seed + 900)
    n = int(rng.integers(8, 40))
    m = int(rng.integers(n, 3 * n))
    u = rng.integers(0, n, m)
    v = rng.integers(0, n, m)
    roots = rng.choice(n, size=int(rng.integers(1, 3)), replace=False)
    counter = _GroupCounter(n, u, v, roots, np.ones(n), np.ones(n))
    groups = int(rng.integers(1, 3 * m))
    sizes = rng.integers(1, 5, groups)
    group_of = np.repeat(np.arange(groups), sizes)
    group_edges = rng.integers(0, m, group_of.size)  # repeats within a group included
    shuffle = rng.permutation(group_of.size)
    group_of, group_edges = group_of[shuffle], group_edges[shuffle]
    expected = []
    for g in range(groups):
        for a, b, sign in counter._cut_pieces(group_edges[group_of == g].tolist()):
            expected.append((g, a, b, sign))
    gi, ga, gb, gs = counter.intervals(group_edges, group_of)
    got = list(zip(gi.tolist(), ga.tolist(), gb.tolist(), gs.tolist()))
    assert sorted(got) == sorted(expected)
    # each group's own intervals keep their order (sums of a group add up as before)
    for g in range(groups):
        assert [x for x in got if x[0] == g] == [x for x in expected if x[0] == g]
