"""core.tiers: hand-computed tiers and per-NRO figures, and a networkx oracle (remove each
line and node in turn, count the premises of each NRO it cuts) on random trees with loops."""

import networkx as nx
import numpy as np
import pytest
import shapely

from fibre_resilience.core.network import build_model
from fibre_resilience.core.redundancy import analyse_redundancy
from fibre_resilience.core.tiers import TIERS, analyse_tiers, parse_tiers


def make_model(edges, roots, premises, sites, groups=None):
    """``edges``: (a, b) node names; ``premises``: {node: count}; ``sites``: node names;
    ``groups``: shared-risk group text per edge."""
    names = sorted({x for e in edges for x in e})
    rng = np.random.default_rng(1)
    xy = {name: rng.random(2) * 1000 for name in names}
    lines = [shapely.LineString([xy[a], xy[b]]) for a, b in edges]
    return build_model(
        lines,
        from_ids=[a for a, _ in edges],
        to_ids=[b for _, b in edges],
        root_ids=list(roots),
        premises_ids=list(premises),
        premises_count=list(premises.values()),
        site_ids=list(sites),
        srlg=groups,
    )


# A POP, a loop POP-C-N1-N2-POP, a single-homed N3; SROs S1 (under N1) and S2 (under N2);
# boxes B1, B2 (under S1), B3 (under S2) and B4 (fed by N3 without a cabinet).
HAND_EDGES = [
    ("P", "C"),  # 0 collecte (root side)
    ("C", "N1"),  # 1 collecte
    ("P", "N2"),  # 2 collecte
    ("N1", "N2"),  # 3 collecte (between two NROs)
    ("P", "N3"),  # 4 collecte (cuts N3)
    ("N1", "S1"),  # 5 transport
    ("S1", "B1"),  # 6 distribution
    ("B1", "B2"),  # 7 distribution
    ("N2", "S2"),  # 8 transport
    ("S2", "B3"),  # 9 distribution
    ("N3", "B4"),  # 10 transport (nearest site upstream is N3)
]
HAND_SITES = {"N1": "NRO", "N2": "nro", "N3": "NRO", "S1": "SRO", "S2": "pm", "B1": "PBO"}
HAND_PREMISES = {"S1": 1, "B1": 5, "B2": 3, "B3": 4, "B4": 2}


def hand_case(classes=None):
    model = make_model(HAND_EDGES, ["P"], HAND_PREMISES, list(HAND_SITES))
    return model, analyse_tiers(model, classes, list(HAND_SITES.values()))


def node_index(model, name):
    return int(np.flatnonzero(model.nodes["node_id"].to_numpy() == name)[0])


def test_hand_topology_tiers():
    model, result = hand_case()
    expected = ["collecte"] * 5 + ["transport", "distribution", "distribution"]
    expected += ["transport", "distribution", "transport"]
    assert result.line_tier.tolist() == expected
    nodes = dict(zip(model.nodes["node_id"], result.node_tier))
    assert nodes == {
        "P": None,  # a root
        "C": "collecte",
        "N1": None,
        "N2": None,
        "N3": None,
        "S1": "transport",
        "B1": "distribution",
        "B2": "distribution",
        "S2": "transport",
        "B3": "distribution",
        "B4": "transport",
    }
    assert not result.nro_from_roots


def rows(model, result):
    names = model.nodes["node_id"].to_numpy()
    out = {}
    for row in result.table.itertuples(index=False):
        where = None
        if row.kind == "line":
            where = f"line {int(row.index)}"
        elif row.kind == "node":
            where = names[int(row.index)]
        nro = names[int(row.nro)] if row.nro >= 0 else None
        out[(nro, row.tier)] = (row.max_prem, where, row.spof_n, row.prem)
    return out


def test_hand_per_nro_figures():
    model, result = hand_case()
    assert rows(model, result) == {
        ("N1", "collecte"): (0, None, 0, 9),  # the loop: no single line cuts N1
        ("N1", "transport"): (9, "line 5", 2, 9),  # line 5 and cabinet S1; the line first
        ("N1", "distribution"): (8, "line 6", 4, 9),  # lines 6, 7, boxes B1, B2
        ("N2", "collecte"): (0, None, 0, 4),
        ("N2", "transport"): (4, "line 8", 2, 4),
        ("N2", "distribution"): (4, "line 9", 2, 4),
        ("N3", "collecte"): (2, "line 4", 1, 2),
        ("N3", "transport"): (2, "line 10", 2, 2),
        ("N3", "distribution"): (0, None, 0, 2),
    }
    assert result.max_cut == {
        "collecte": (2.0, "line", 4),
        "transport": (9.0, "line", 5),
        "distribution": (8.0, "line", 6),
    }


def test_class_wins_over_topology():
    classes, unknown = parse_tiers([None, "CT", None, "cx", "co", "TR", "di", "ra", "xx", "", "DI"])
    assert unknown.tolist() == [8]
    model, result = hand_case(classes)
    assert result.line_tier[10] == "distribution"  # DI: the class wins
    assert result.line_tier[8] == "transport"  # unknown value: the topology decides
    assert result.line_tier[1] == "collecte"  # CT names two tiers: topology
    table = rows(model, result)
    assert table[("N3", "transport")] == (0, None, 0, 2)
    assert table[("N3", "distribution")] == (2, "line 10", 2, 2)  # line 10 and box B4
    assert table[("N3", "collecte")] == (2, "line 4", 1, 2)


def test_parse_tiers_names_and_codes():
    tiers, unknown = parse_tiers(
        ["Collecte", " TRANSPORT ", "distribution", "BM", "LH", "RA", "NC", "TD", "CD", 3, None]
    )
    assert tiers.tolist() == [
        "collecte",
        "transport",
        "distribution",
        "collecte",
        "collecte",
        "distribution",
        None,
        None,
        None,
        None,
        None,
    ]
    assert unknown.tolist() == [9]


def test_roots_are_the_nros_when_no_site_is_one():
    model = make_model(HAND_EDGES[5:8], ["N1"], {"S1": 1, "B1": 5, "B2": 3}, ["S1"])
    result = analyse_tiers(model, None, ["SRO"])
    assert result.nro_from_roots
    assert result.line_tier.tolist() == ["transport", "distribution", "distribution"]
    table = rows(model, result)
    assert table[("N1", "transport")] == (9, "line 0", 2, 9)
    cut, where, count, prem = table[("N1", "collecte")]
    assert np.isnan(cut) and (where, count, prem) == (None, 0, 9)  # not analysed
    assert np.isnan(result.max_cut["collecte"][0])


def test_premises_of_no_single_nro_are_a_row_of_their_own():
    # A box joined to both N1 and N2: no single NRO serves it.
    edges = [("P", "N1"), ("P", "N2"), ("N1", "X"), ("N2", "X"), ("X", "B")]
    model = make_model(edges, ["P"], {"B": 7, "N1": 1}, ["N1", "N2"])
    result = analyse_tiers(model, None, ["NRO", "NRO"])
    assert result.line_tier.tolist() == ["collecte", "collecte", None, None, None]
    table = rows(model, result)
    assert table[(None, None)] == (7, "X", 3, 7)  # node X (first), line X-B, node B
    assert table[("N1", "collecte")] == (0, None, 0, 1)  # N1 is also reached through X
    assert table[("N2", "collecte")] == (0, None, 0, 0)


# --------------------------------------------------------------------------- the oracle


def random_case(seed):
    """A POP, a collecte ring or chain, NROs with SRO trees and box trees, a few loops."""
    rng = np.random.default_rng(seed)
    edges, sites, classes = [], {}, []
    nros = [f"N{i}" for i in range(int(rng.integers(2, 5)))]
    for i, nro in enumerate(nros):
        sites[nro] = "NRO"
        parent = "P" if i == 0 or rng.random() < 0.6 else nros[int(rng.integers(0, i))]
        hops = int(rng.integers(1, 3))
        prev = parent
        for h in range(hops):
            nxt = nro if h == hops - 1 else f"c{nro}{h}"
            edges.append((prev, nxt))
            prev = nxt
    premises = {}
    boxes = []
    for nro in nros:
        for j in range(int(rng.integers(1, 3))):
            sro = f"S{nro}{j}"
            sites[sro] = "SRO"
            edges.append((nro, sro))
            tree = [sro]
            for b in range(int(rng.integers(1, 6))):
                box = f"B{sro}{b}"
                edges.append((tree[int(rng.integers(0, len(tree)))], box))
                tree.append(box)
                boxes.append(box)
                premises[box] = int(rng.integers(0, 6))
    everything = sorted({x for e in edges for x in e})
    for _ in range(int(rng.integers(1, 5))):
        a, b = rng.choice(everything, 2, replace=False)
        edges.append((str(a), str(b)))
    for _ in edges:
        classes.append(str(rng.choice(["CO", "TR", "DI", "CX", None])))
    classes = [None if c == "None" else c for c in classes]
    groups = [None] * len(edges)
    for g in range(int(rng.integers(1, 6))):
        for i in rng.choice(len(edges), size=int(rng.integers(2, 4)), replace=False):
            groups[i] = f"g{g}" if groups[i] is None else f"{groups[i]};g{g}"
    return edges, sites, premises, classes, groups


def oracle(edges, roots, premises, tiers_line, tiers_node, nros, groups):
    g = nx.MultiGraph()
    g.add_node("__s__")
    for i, (a, b) in enumerate(edges):
        if a != b:
            g.add_edge(a, b, key=i)
    for r in roots:
        g.add_edge("__s__", r, key=f"root{r}")

    def reached(graph):
        return nx.node_connected_component(graph, "__s__")

    base = reached(g)

    def dominates(x, p):
        h = g.copy()
        h.remove_node(x)
        return p not in reached(h)

    owner = {}
    for p in premises:
        if p not in base:
            continue
        if p in nros:
            owner[p] = p
            continue
        path = nx.shortest_path(g, "__s__", p)
        doms = [x for x in path[1:-1] if x in nros and dominates(x, p)]
        owner[p] = doms[-1] if doms else None
    best = {}

    def count(kind, ident, tier, lost):
        for p, w in premises.items():
            if p in owner and p in lost and w > 0:
                key = (owner[p], tier, kind, ident)
                best[key] = best.get(key, 0) + w

    for i, (a, b) in enumerate(edges):
        if a == b:
            continue
        tier = tiers_line[i]
        h = g.copy()
        h.remove_edge(a, b, key=i)
        count("line", i, tier, base - reached(h))
    for x in list(g.nodes):
        tier = tiers_node.get(x)
        if x in nros or x in roots or x == "__s__":
            continue
        h = g.copy()
        h.remove_node(x)
        count("node", x, tier, (base - reached(h)) | {x})
    # Shared-risk groups that cut more premises than any of their lines: one failure each.
    members = {}
    for i, text in enumerate(groups):
        for name in (text or "").split(";"):
            if name:
                members.setdefault(name, []).append(i)
    order = {t: i for i, t in enumerate(TIERS)}
    group_top = {}
    for name, lines in members.items():
        h = g.copy()
        for i in lines:
            a, b = edges[i]
            if a != b:
                h.remove_edge(a, b, key=i)
        lost = base - reached(h)
        whole = sum(w for p, w in premises.items() if p in lost)
        single = max(_lost(edges, premises, remove_edge=i) for i in lines)
        if whole > single:
            # The group's tier: its most upstream line with one end cut and the other not.
            edge = [i for i in lines if (edges[i][0] in lost) != (edges[i][1] in lost)]
            known = [tiers_line[i] for i in edge or lines if tiers_line[i] is not None]
            tier = min(known, key=order.get) if known else None
            count("group", name, tier, lost)
            group_top[tier] = max(group_top.get(tier, 0), whole)
    out = {}
    for (nro, tier, _kind, _ident), cut in best.items():
        top, n = out.get((nro, tier), (0, 0))
        out[(nro, tier)] = (max(top, cut), n + 1)
    totals = {}
    for p, w in premises.items():
        if p in owner:
            totals[owner[p]] = totals.get(owner[p], 0) + w
    return out, totals, group_top


@pytest.mark.parametrize("seed", range(25))
def test_against_networkx(seed):
    edges, sites, premises, classes, groups = random_case(seed)
    model = make_model(edges, ["P"], premises, list(sites), groups)
    tiers, _ = parse_tiers(classes)
    redundancy = analyse_redundancy(model)
    result = analyse_tiers(model, tiers, list(sites.values()), redundancy)
    names = model.nodes["node_id"].to_numpy()
    nros = {x for x, role in sites.items() if role == "NRO"}

    # Node tier: the most upstream tier of its lines (independent recount).
    order = {t: i for i, t in enumerate(TIERS)}
    tiers_node = {}
    for i, (a, b) in enumerate(edges):
        t = result.line_tier[i]
        for x in (a, b):
            if t is not None and (x not in tiers_node or order[t] < order[tiers_node[x]]):
                tiers_node[x] = t
    for x in names:
        expected = None if (x in nros or x == "P") else tiers_node.get(x)
        assert result.node_tier[node_index(model, x)] == expected, x
    # Classes win wherever they name a tier.
    for i, t in enumerate(tiers):
        if t is not None:
            assert result.line_tier[i] == t

    expected, totals, group_top = oracle(
        edges, ["P"], premises, list(result.line_tier), tiers_node, nros, groups
    )
    got = rows(model, result)
    for (nro, tier), (cut, _where, count, prem) in got.items():
        want_cut, want_n = expected.get((nro, tier), (0, 0))
        assert cut == pytest.approx(want_cut), (nro, tier)
        assert count == want_n, (nro, tier)
        assert prem == pytest.approx(totals.get(nro, 0)), nro
    for (nro, tier), (cut, _n) in expected.items():
        if cut > 0:
            assert (nro, tier) in got
    # The largest cut per tier: whole premises cut by one element, any NRO.
    for tier in TIERS:
        top = group_top.get(tier, 0)
        for i, (a, b) in enumerate(edges):
            if a == b or result.line_tier[i] != tier:
                continue
            top = max(top, _lost(edges, premises, remove_edge=i))
        for x, t in tiers_node.items():
            if t == tier and x not in nros and x != "P":
                top = max(top, _lost(edges, premises, remove_node=x))
        assert result.max_cut[tier][0] == pytest.approx(top), tier


def _lost(edges, premises, remove_edge=None, remove_node=None):
    """Premises cut from the POP when one line or one node is removed (networkx)."""

    def reached(skip_edge, skip_node):
        g = nx.MultiGraph()
        g.add_node("__s__")
        for i, (a, b) in enumerate(edges):
            if a != b and i != skip_edge:
                g.add_edge(a, b, key=i)
        g.add_edge("__s__", "P")
        if skip_node is not None:
            g.remove_node(skip_node)
        return nx.node_connected_component(g, "__s__")

    lost = reached(None, None) - reached(remove_edge, remove_node)
    return sum(w for p, w in premises.items() if p in lost)


def test_a_line_whose_failure_cuts_an_nro_is_collecte():
    # N2 hangs from N1 through a chamber: N1-C2 and C2-N2 lead to an NRO (collecte), though
    # N1 is the nearest site upstream of them; N1-S1 is transport.
    edges = [("P", "N1"), ("N1", "C2"), ("C2", "N2"), ("N1", "S1"), ("N2", "B")]
    model = make_model(edges, ["P"], {"S1": 2, "B": 3}, ["N1", "N2"])
    result = analyse_tiers(model, None, ["NRO", "NRO"])
    assert result.line_tier.tolist() == [
        "collecte",
        "collecte",
        "collecte",
        "transport",
        "transport",
    ]
    table = rows(model, result)
    assert table[("N2", "collecte")] == (3, "line 0", 4, 3)  # lines 0, 1, 2 and node C2
    assert table[("N1", "collecte")] == (2, "line 0", 1, 2)
    assert table[("N1", "transport")] == (2, "line 3", 2, 2)


def test_group_cuts_counted_in_chunks_are_the_same(monkeypatch):
    from fibre_resilience.core import tiers as tiers_module

    for seed in range(6):
        edges, sites, premises, classes, groups = random_case(seed)
        model = make_model(edges, ["P"], premises, list(sites), groups)
        redundancy = analyse_redundancy(model)
        whole = analyse_tiers(model, parse_tiers(classes)[0], list(sites.values()), redundancy)
        monkeypatch.setattr(tiers_module, "_CHUNK", 2)
        small = analyse_tiers(model, parse_tiers(classes)[0], list(sites.values()), redundancy)
        monkeypatch.undo()
        assert small.table.equals(whole.table) and small.max_cut == whole.max_cut
