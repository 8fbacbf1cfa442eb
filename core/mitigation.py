"""Candidate actions of the mitigation plan, each with its cost and the premises it secures.

Failures considered: a single line or node (the dominators of the roots-to-premises graph,
as in :mod:`core.redundancy`) and a whole shared-risk group that defeats a redundancy.

- **Loops** (one per site cut by such a failure): the cheapest new path along the roads
  (new trench) or existing civil works (duct) from the site to a network node that none of
  the site's failures cuts, kept ``min_separation`` m away from every line it bypasses (and
  from the other lines of their shared-risk groups), except within ``end_distance`` m of
  the site and of the bypassed lines' surviving ends. The site's failures are the lines and
  nodes that dominate it up to its nearest dominating site or root, plus the defeating
  groups that cut it. A premises is *secured* by the loop when one of those failures cut it
  and, with the loop, none does: the premises hanging on the site (its dominator subtree),
  and for a group, every premises cut by the group that still reaches the site.
- **Bury** (one per selected line, e.g. exposed aerial spans): secures the premises that
  the line's failure cuts; costs its length times the burying cost.
- **Operator candidates**: a line whose ends lie on two network nodes is an added link (it
  secures the premises below each end from the dominators between that end and the two
  ends' lowest common dominator); a line lying along network lines hardens them (secures
  what they cut).

Benefits are incremental: one dominator tree and one component labelling per defeating
group for all candidates, then per loop a Dijkstra bounded by ``max_cost``.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
import scipy.sparse as sp
import shapely
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

from . import graph
from .errors import InputError
from .monitor import as_monitor
from .redundancy import analyse_redundancy
from .roads import cut_pieces, piece_coords
from .tiers import TIERS, analyse_tiers

# Why a site gets no loop (route_loop's answer instead of a path).
NO_ROAD = "no_road"  # no road within MAX_SNAP of the site
NO_TARGET = "no_target"  # no node that the site's failures spare lies near a road
NO_PATH = "no_path"  # no path far enough from the bypassed lines within the cost limit


@dataclass
class Ways:
    """Where new routes can run: road pieces (new trench) and existing civil works (duct).

    An undirected graph, ``cost`` in euros per edge; ``kind`` 0 road, 1 civil works,
    2 link from a civil-works end to the nearest road node (new trench).
    """

    node_xy: np.ndarray
    u: np.ndarray
    v: np.ndarray
    length: np.ndarray
    cost: np.ndarray
    kind: np.ndarray
    geometry: np.ndarray
    dropped_civil: int = 0

    def __post_init__(self):
        n = self.node_xy.shape[0]
        rows = np.r_[self.u, self.v]
        cols = np.r_[self.v, self.u]
        edge = np.r_[np.arange(self.u.size), np.arange(self.u.size)]
        cost = np.maximum(np.r_[self.cost, self.cost], 1e-9)  # csgraph drops zero weights
        keep = rows != cols
        rows, cols, edge, cost = rows[keep], cols[keep], edge[keep], cost[keep]
        order = np.lexsort((cost, cols, rows))
        rows, cols, edge, cost = rows[order], cols[order], edge[order], cost[order]
        first = np.r_[True, (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])]
        self._rows, self._cols = rows[first], cols[first]
        self._edge, self._cost = edge[first], cost[first]
        self.n_nodes = n
        self.tree = shapely.STRtree(self.geometry)
        self._kd = cKDTree(self.node_xy) if n else None

    BLOCKED = 1e30  # the weight of an excluded edge: never within a search's limit

    @property
    def search_matrix(self):
        """The one CSR of costs every search runs on (built once)."""
        if not hasattr(self, "_matrix"):
            counts = np.bincount(self._rows, minlength=self.n_nodes)
            indptr = np.r_[0, np.cumsum(counts)]
            shape = (self.n_nodes, self.n_nodes)
            self._matrix = sp.csr_matrix((self._cost.copy(), self._cols, indptr), shape=shape)
            self._by_edge = np.argsort(self._edge, kind="stable")
            self._edge_sorted = self._edge[self._by_edge]
        return self._matrix

    @contextmanager
    def blocked(self, edge_ids):
        """The search matrix with the ``edge_ids`` edges weighing :attr:`BLOCKED`, in place
        for the time of a search (no copy, no rebuild per site)."""
        matrix = self.search_matrix
        ids = np.asarray(edge_ids, np.int64)
        lo = np.searchsorted(self._edge_sorted, ids, side="left")
        hi = np.searchsorted(self._edge_sorted, ids, side="right")
        ranges = [np.arange(x, y) for x, y in zip(lo.tolist(), hi.tolist())]
        pos = self._by_edge[np.concatenate(ranges)] if ranges else np.zeros(0, np.int64)
        matrix.data[pos] = self.BLOCKED
        try:
            yield matrix
        finally:
            matrix.data[pos] = self._cost[pos]

    @property
    def least_rate(self) -> float:
        """The least cost per metre of straight line between an edge's two nodes (0 when
        some edge costs nothing): no path is cheaper than its straight length times it."""
        if not hasattr(self, "_rate"):
            chord = np.hypot(*(self.node_xy[self.u] - self.node_xy[self.v]).T)
            moving = chord > 0
            self._rate = float((self.cost[moving] / chord[moving]).min()) if moving.any() else 0.0
        return self._rate

    def within(self, node, radius):
        """Way nodes within ``radius`` (straight line) of way node ``node``, sorted."""
        found = self._kd.query_ball_point(self.node_xy[node], r=radius * (1 + 1e-9) + 1e-6)
        return np.sort(np.asarray(found, np.int64))

    def submatrix(self, matrix, idx):
        """``matrix`` (the search matrix, maybe within :meth:`blocked`) restricted to the
        sorted way nodes ``idx``, renumbered 0..len(idx)-1 in the same order."""
        if not hasattr(self, "_local"):
            self._local = np.full(self.n_nodes, -1, np.int64)
        local = self._local
        local[idx] = np.arange(idx.size)
        try:
            lo, hi = matrix.indptr[idx], matrix.indptr[idx + 1]
            count = hi - lo
            total = int(count.sum())
            offsets = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
            pos = np.repeat(lo, count) + offsets
            row = np.repeat(np.arange(idx.size), count)
            col = local[matrix.indices[pos]]
            keep = col >= 0
            row, col, data = row[keep], col[keep], matrix.data[pos][keep]
        finally:
            local[idx] = -1
        indptr = np.r_[0, np.cumsum(np.bincount(row, minlength=idx.size))]
        return sp.csr_matrix((data, col, indptr), shape=(idx.size, idx.size))

    def edge_between(self, a, b):
        """The cheapest usable edge joining ``a`` and ``b`` (within a :meth:`blocked`)."""
        data = self.search_matrix.data
        lo = np.searchsorted(self._rows, a, side="left")
        hi = np.searchsorted(self._rows, a, side="right")
        idx = lo + np.flatnonzero((self._cols[lo:hi] == b) & (data[lo:hi] < self.BLOCKED))
        return int(self._edge[idx[0]])

    def nearest(self, xy, max_snap):
        """(way node, distance) of each point; -1 beyond ``max_snap``."""
        xy = np.asarray(xy, float).reshape(-1, 2)
        if self._kd is None or xy.shape[0] == 0:
            return np.full(xy.shape[0], -1, np.int64), np.full(xy.shape[0], np.inf)
        dist, node = self._kd.query(xy)
        node = np.where(dist <= max_snap, node, -1).astype(np.int64)
        return node, dist


def build_ways(road_network, trench_cost, civil=None, duct_cost=None, max_snap=50.0, tolerance=0.5):
    """The ways graph: roads cut at their junctions, plus civil-works lines joined to the
    nearest road node within ``max_snap`` (their ends merged within ``tolerance``).
    ``duct_cost``: EUR per metre along the civil works, one amount or one per civil line
    (e.g. duct_m in ducts, aerial_m on poles)."""
    if trench_cost is None or not np.isfinite(trench_cost) or trench_cost < 0:
        raise InputError("The cost of a new trench must be a finite amount, not negative.")
    pieces = cut_pieces(road_network)
    xy, own = piece_coords(road_network, pieces.line, pieces.start, pieces.end)
    road_geom = shapely.linestrings(xy, indices=own) if own.size else np.zeros(0, object)
    node_xy = np.asarray(road_network.node_xy, float).copy()  # no new cuts: no new nodes
    length = pieces.length
    parts = {
        "u": [pieces.u],
        "v": [pieces.v],
        "length": [length],
        "cost": [length * trench_cost],
        "kind": [np.zeros(length.size, np.int8)],
        "geometry": [np.asarray(road_geom, dtype=object)],
    }
    dropped = 0
    if civil is not None and len(civil):
        if duct_cost is None:
            raise InputError("The cost per metre in an existing duct must be finite, not negative.")
        per_m = np.broadcast_to(np.asarray(duct_cost, dtype=float), (len(civil),))
        if not np.all(np.isfinite(per_m)) or (per_m < 0).any():
            raise InputError("The cost per metre in an existing duct must be finite, not negative.")
        lines = np.asarray(civil, dtype=object)
        keep = ~(shapely.is_missing(lines) | shapely.is_empty(lines))
        lines, per_m = shapely.line_merge(lines[keep]), per_m[keep]
        keep = shapely.get_type_id(lines) == 1
        lines, per_m = lines[keep], per_m[keep]
        dropped = len(civil) - lines.size
        if lines.size:
            ends = np.r_[
                shapely.get_coordinates(shapely.get_point(lines, 0)),
                shapely.get_coordinates(shapely.get_point(lines, -1)),
            ]
            # Ends within tolerance share a node.
            pairs = cKDTree(ends).query_pairs(max(tolerance, 1e-9), output_type="ndarray")
            m = ends.shape[0]
            adj = sp.coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(m, m))
            label = connected_components(adj, directed=False)[1]
            n_civil = int(label.max()) + 1
            civil_xy = np.zeros((n_civil, 2))
            civil_xy[label] = ends
            base = pieces.n_nodes
            k = lines.size
            cl = shapely.length(lines)
            parts["u"].append(base + label[:k])
            parts["v"].append(base + label[k:])
            parts["length"].append(cl)
            parts["cost"].append(cl * per_m)
            parts["kind"].append(np.ones(k, np.int8))
            parts["geometry"].append(lines)
            # Each civil-works node joins the nearest road node by a new trench.
            if node_xy.shape[0]:
                dist, near = cKDTree(node_xy).query(civil_xy)
                ok = dist <= max_snap
                links = shapely.linestrings(np.stack([civil_xy[ok], node_xy[near[ok]]], axis=1))
                parts["u"].append(base + np.flatnonzero(ok))
                parts["v"].append(near[ok].astype(np.int64))
                parts["length"].append(dist[ok])
                parts["cost"].append(dist[ok] * trench_cost)
                parts["kind"].append(np.full(int(ok.sum()), 2, np.int8))
                parts["geometry"].append(links)
            node_xy = np.r_[node_xy, civil_xy]
    return Ways(
        node_xy=node_xy,
        u=np.concatenate(parts["u"]).astype(np.int64),
        v=np.concatenate(parts["v"]).astype(np.int64),
        length=np.concatenate(parts["length"]),
        cost=np.concatenate(parts["cost"]),
        kind=np.concatenate(parts["kind"]),
        geometry=np.concatenate(parts["geometry"]),
        dropped_civil=int(dropped),
    )


@dataclass
class Candidate:
    """One candidate action: what it is, what it costs, which nodes' premises it secures."""

    kind: str  # loop, bury, candidate
    target: str
    cost: float
    geometry: object
    nodes: np.ndarray  # network nodes whose premises it secures
    premises: float = 0.0
    length: float = 0.0
    source: int = -1  # input row (site, line or candidate feature)
    detail: str = ""
    # The failures it removes, for the expected annual premises cut: single lines, and
    # groups of lines failing together (None: not known, e.g. an added link).
    lines: Optional[list] = None
    groups: Optional[list] = None
    prem_h: float = np.nan  # premise-hours avoided (autonomy actions; NaN: not computed)
    # The tier of what it secures (collecte, transport, distribution; None: unknown).
    tier: Optional[str] = None
    # A loop's road path: its ways edges (or its two network ends when it runs on no road):
    # two loops with the same key are one construction (deduplicated).
    path_key: Optional[tuple] = None
    # The (node, risk) ids it secures when they are not its nodes at its tier's risk (a
    # merged loop: the union of its parts'); see risk_cover.
    cover: Optional[np.ndarray] = None
    # The site of an action at a site (autonomy): its point, where ``geometry`` is a ring.
    site: Optional[object] = None


@dataclass
class Analysis:
    """The failure structure every candidate is measured against (computed once)."""

    n: int
    dom: "graph.DominatorTree"
    real_ids: np.ndarray  # line id of each line-node n + i
    line_node: np.ndarray  # per line: its line-node (-1 when not placed or a self-loop)
    premises: np.ndarray  # premises weight per network node
    children_ptr: np.ndarray
    children: np.ndarray
    groups: List[dict] = field(default_factory=list)  # defeating groups: lines, cut, label
    line_groups: dict = field(default_factory=dict)  # line -> member lines of its groups
    redundancy: object = None

    def groups_cutting(self, a) -> List[int]:
        """Indices of the defeating groups that cut node ``a``, in increasing order (an
        index of every group's cut nodes, built once: not a test of every group per site)."""
        if not hasattr(self, "_cut_nodes"):
            cuts = [g["cut"].nodes for g in self.groups]
            nodes = np.concatenate(cuts) if cuts else np.zeros(0, np.int64)
            index = np.repeat(np.arange(len(cuts)), [c.size for c in cuts])
            order = np.lexsort((index, nodes))
            self._cut_nodes, self._cut_groups = nodes[order], index[order]
        lo, hi = np.searchsorted(self._cut_nodes, [a, a + 1])
        return self._cut_groups[lo:hi].tolist()

    def dominated_spans(self, x):
        """Preorder spans of the nodes ``x`` dominates (itself included)."""
        tree = self.dom.tree
        kids = self.children[self.children_ptr[x] : self.children_ptr[x + 1]]
        heads = kids[self.dom.idom[kids] == x]
        spans = [(int(tree.pre[x]), int(tree.pre[x]) + 1)]
        spans += [(int(tree.pre[c]), int(tree.end[c])) for c in heads.tolist()]
        return spans

    def nodes_in(self, spans):
        order = self.dom.tree.order
        if not spans:
            return np.zeros(0, np.int64)
        out = np.concatenate([order[a:b] for a, b in spans])
        return out[out < self.n]

    def in_spans(self, spans, nodes):
        pos = self.dom.tree.pre[nodes]
        inside = np.zeros(nodes.size, bool)
        for a, b in spans:
            inside |= (pos >= a) & (pos < b)
        return inside & (pos >= 0)


def analyse_failures(model) -> Analysis:
    """Dominators of the split graph and the defeating groups' cuts, for every candidate."""
    net = model.network
    n = net.n_nodes
    ids, u, v = net.edges()
    real = u != v
    roots = model.root_nodes
    k = int(real.sum())
    hu = np.r_[u[real], n + np.arange(k)]
    hv = np.r_[n + np.arange(k), v[real]]
    dom = graph.dominator_tree(n + k, hu, hv, roots)
    real_ids = ids[real]
    line_node = np.full(net.u.size, -1, np.int64)
    line_node[real_ids] = n + np.arange(k)
    node = model.premises.node
    ok = node >= 0
    premises = np.bincount(node[ok], weights=np.asarray(model.premises_count)[ok], minlength=n)
    parent = dom.tree.parent
    kids = np.flatnonzero(parent >= 0)
    order = np.argsort(parent[kids], kind="stable")
    children = kids[order]
    ptr = np.r_[0, np.cumsum(np.bincount(parent[children], minlength=n + k + 1))]
    redundancy = analyse_redundancy(model)
    analysis = Analysis(n, dom, real_ids, line_node, premises, ptr, children, redundancy=redundancy)

    members: Dict[int, List[int]] = {}
    for line, group in zip(model.srlg_line.tolist(), model.srlg_group.tolist()):
        members.setdefault(group, []).append(line)
    for line, group in zip(model.srlg_line.tolist(), model.srlg_group.tolist()):
        analysis.line_groups.setdefault(line, set()).update(members[group])
    defeats = redundancy.groups["defeats"].to_numpy() if len(redundancy.groups) else []
    defeating = np.flatnonzero(np.asarray(defeats) == 1).tolist()
    if defeating:
        pieces = _GroupPieces(n, ids, u, v, roots)
        for g in defeating:
            lines = np.asarray(members.get(g, []), np.int64)
            cut = pieces.cut(lines)
            analysis.groups.append({"name": str(model.srlg_names[g]), "lines": lines, "cut": cut})
    return analysis


class GroupCut:
    """The nodes a shared-risk group's failure cuts off the roots (sorted), and which of
    them stay joined together (``label``: the same number for the nodes of one piece, the
    pieces numbered in the order of their lowest node). Indexed like a boolean array over
    the nodes (``cut[nodes]``: whether each is cut); a few cut nodes instead of one array
    of all the nodes per group (scale 200: 16,000 groups x 1.5 million nodes)."""

    def __init__(self, nodes, label):
        self.nodes = np.asarray(nodes, np.int64)
        self.label = np.asarray(label, np.int64)

    def _where(self, nodes):
        nodes = np.asarray(nodes, np.int64)
        if self.nodes.size == 0:
            return np.zeros(nodes.shape, np.int64), np.zeros(nodes.shape, bool)
        pos = np.minimum(np.searchsorted(self.nodes, nodes), self.nodes.size - 1)
        return pos, self.nodes[pos] == nodes

    def __getitem__(self, nodes):
        found = self._where(nodes)[1]
        return bool(found) if found.ndim == 0 else found

    def label_of(self, nodes):
        """The piece of each node, -1 for those not cut."""
        pos, found = self._where(nodes)
        return np.where(found, self.label[pos] if self.label.size else -1, -1)


class _GroupPieces:
    """What a whole group's failure cuts, on the DFS tree of the roots-merged graph that
    the redundancy analysis uses (:class:`core.redundancy._GroupCounter`): the group's tree
    lines split the tree into pieces, and the XOR labels of the lines outside the group
    say which pieces stay joined; the pieces not joined to the root piece are cut. Cost per
    group: its member lines squared plus the subtrees under its tree lines, instead of a
    labelling of the whole network per group (minutes and tens of GB at scale 200)."""

    def __init__(self, n, ids, u, v, roots):
        from .redundancy import _GroupCounter

        zeros = np.zeros(n)
        self.counter = _GroupCounter(n, u, v, roots, zeros, zeros)
        self.edge_pos = np.full(int(ids.max()) + 1 if ids.size else 0, -1, np.int64)
        self.edge_pos[ids] = np.arange(ids.size)
        self.n = n

    def cut(self, lines) -> GroupCut:
        c = self.counter
        lines = np.asarray(lines, np.int64)
        lines = lines[(lines >= 0) & (lines < self.edge_pos.size)]
        members = [e for e in self.edge_pos[lines].tolist() if e >= 0]
        pieces = c.group_pieces(members)
        if pieces is None:
            return GroupCut(np.zeros(0, np.int64), np.zeros(0, np.int64))
        spans, _parent, component = pieces
        root = component[0]
        cut_pieces = [i for i in range(len(spans)) if component[i + 1] != root]
        if not cut_pieces:
            return GroupCut(np.zeros(0, np.int64), np.zeros(0, np.int64))
        # Each cut piece's nodes: its span less the spans nested in it (whole subtrees).
        nodes, keys = [], []
        for i in cut_pieces:
            a, b = spans[i]
            keep = np.ones(b - a, bool)
            for j in range(i + 1, len(spans)):
                if spans[j][0] >= b:
                    break
                keep[spans[j][0] - a : spans[j][1] - a] = False
            found = c.order[a:b][keep]
            found = found[found < self.n]  # the merged roots are never cut
            nodes.append(found)
            keys.append(np.full(found.size, i, np.int64))
        all_nodes = np.concatenate(nodes)
        piece = np.concatenate(keys)
        # One number per component (pieces joined by lines outside the group), in the
        # order of the component's lowest node.
        comp_ids: Dict[tuple, int] = {}
        comp = np.array([comp_ids.setdefault(component[i + 1], len(comp_ids)) for i in cut_pieces])
        comp_of = np.zeros(len(spans), np.int64)
        comp_of[np.asarray(cut_pieces)] = comp
        node_comp = comp_of[piece]
        order = np.argsort(all_nodes, kind="stable")
        all_nodes, node_comp = all_nodes[order], node_comp[order]
        lowest = np.full(len(comp_ids), np.iinfo(np.int64).max)
        np.minimum.at(lowest, node_comp, all_nodes)
        rank = np.empty(lowest.size, np.int64)
        rank[np.argsort(lowest, kind="stable")] = np.arange(lowest.size)
        return GroupCut(all_nodes, rank[node_comp])


@dataclass
class LoopSpec:
    """How loops are searched."""

    min_separation: float = 100.0
    end_distance: float = 200.0
    max_snap: float = 50.0
    trench_cost: float = 0.0
    max_cost: float = np.inf


def site_failures(analysis: Analysis, a: int, stop_nodes: set):
    """The failures cutting node ``a``: its dominator chain up to the nearest dominating
    site or root (line ids, node ids, the chain top) and the defeating groups cutting it."""
    dom, n = analysis.dom, analysis.n
    chain_lines, chain_nodes, top = [], [], -1
    x = int(dom.idom[a]) if dom.idom[a] >= 0 else dom.super_root
    while x != dom.super_root and x >= 0:
        if x < n and x in stop_nodes:
            break
        if x >= n:
            chain_lines.append(int(analysis.real_ids[x - n]))
        else:
            chain_nodes.append(x)
        top = x
        x = int(dom.idom[x])
    groups = [analysis.groups[i] for i in analysis.groups_cutting(a)]
    return chain_lines, chain_nodes, top, groups


def chain_secured(analysis: Analysis, a: int, top: int, chain_nodes) -> np.ndarray:
    """Nodes that stay joined to ``a`` when any one element of its chain fails (a's loop
    then saves them), among those the chain's top cuts (network nodes, sorted).

    Every chain element is a DFS ancestor of ``a``; removing element e leaves a joined to
    exactly the DFS subtree of e's child on the path to a (no cross edges in an undirected
    DFS). Their intersection: the subtree under the top, less each chain node and its other
    blocks' subtrees (a line-node has no other). Cost: the size of that subtree.
    """
    tree, n = analysis.dom.tree, analysis.n
    parent = tree.parent
    child_on_path = {}
    x = a
    while x != top and x >= 0:
        child_on_path[int(parent[x])] = x
        x = int(parent[x])
    if x != top:  # cannot happen for a dominator; kept safe
        return np.zeros(0, np.int64)
    h = child_on_path[top]
    start, stop = int(tree.pre[h]), int(tree.end[h])
    keep = np.ones(stop - start, bool)
    for e in chain_nodes:
        if e == top:
            continue  # above the subtree kept: nothing of it to remove
        keep[tree.pre[e] - start] = False
        kids = analysis.children[analysis.children_ptr[e] : analysis.children_ptr[e + 1]]
        for c in kids[analysis.dom.idom[kids] == e].tolist():
            if c != child_on_path.get(e, -1):
                keep[tree.pre[c] - start : tree.end[c] - start] = False
    nodes = tree.order[start:stop][keep]
    return np.sort(nodes[nodes < n])


def secured_nodes(analysis: Analysis, a: int, top: int, groups, chain_nodes=()) -> np.ndarray:
    """Nodes a loop at ``a`` secures: cut by one of its failures, by none with the loop."""
    own = chain_secured(analysis, a, top, chain_nodes) if top >= 0 else np.zeros(0, np.int64)
    if not groups:
        return own
    n = analysis.n
    if top >= 0:
        in_top = analysis.in_spans(analysis.dominated_spans(top), np.arange(n))
        ok = ~in_top
        ok[own] = True
    else:
        in_top = np.zeros(n, bool)
        ok = np.ones(n, bool)
    cut_any = in_top.copy()
    for g in groups:
        cut = g["cut"]
        # cut nodes not joined to a (all of them when a is not cut) stay cut with the loop
        ok[cut.nodes[cut.label != cut.label_of(a)]] = False
        cut_any[cut.nodes] = True
    return np.flatnonzero(ok & cut_any)


class _Spared:
    """Whether network nodes are spared by every failure of a site (tested on demand)."""

    def __init__(self, analysis, reached, top, groups, chain_nodes):
        self.analysis, self.reached, self.groups = analysis, reached, groups
        self.spans = analysis.dominated_spans(top) if top >= 0 else []
        self.chain = np.asarray(chain_nodes, np.int64)

    def __call__(self, nodes):
        nodes = np.asarray(nodes, np.int64)
        ok = self.reached[nodes] & ~np.isin(nodes, self.chain)
        if self.spans:
            ok &= ~self.analysis.in_spans(self.spans, nodes)
        for g in self.groups:
            ok &= ~g["cut"][nodes]
        return ok


def most_upstream(tiers) -> Optional[str]:
    """The most upstream of ``tiers`` (collecte, then transport, then distribution); None
    when none is known."""
    ranks = [TIERS.index(t) for t in tiers if t in TIERS]
    return TIERS[min(ranks)] if ranks else None


def _tier_of(line_tier, lines, groups=()) -> Optional[str]:
    """The most upstream tier of ``lines`` and of the ``groups``' tiers (None without tiers)."""
    if line_tier is None:
        return None
    found = [line_tier[x] for x in lines]
    found += [g.get("tier") for g in groups]
    return most_upstream(found)


def group_tiers(model, analysis: Analysis, line_tier) -> None:
    """Each defeating group's tier (``g["tier"]``): the most upstream tier of its lines on
    the edge of what it cuts (one end cut, the other not), else of all its lines, as
    :mod:`core.tiers` counts a group."""
    net = model.network
    for g in analysis.groups:
        lines = np.asarray(g["lines"], np.int64)
        u, v = net.u[lines], net.v[lines]
        cut = g["cut"]
        edge = (u >= 0) & (v >= 0)
        edge[edge] = cut[u[edge]] != cut[v[edge]]
        chosen = lines[edge] if edge.any() else lines
        g["tier"] = None if line_tier is None else most_upstream(line_tier[chosen].tolist())


class _LoopSearch:
    """What every loop search shares: the network, the ways, the snapping, the spec."""

    def __init__(self, model, analysis, network_geometries, ways, spec):
        self.net = model.network
        self.analysis = analysis
        self.geoms = np.asarray(network_geometries, dtype=object)
        self.ways = ways
        self.spec = spec
        n = self.net.n_nodes
        self.reached = analysis.dom.idom[:n] >= 0
        self.way_node, self.way_dist = ways.nearest(self.net.node_xy, spec.max_snap)
        self.snapped = np.flatnonzero(self.way_node >= 0)  # network nodes with a road node
        self.by_way = nodes_by_way(self.snapped, self.way_node)

    def __call__(self, a, top, chain_lines, chain_nodes, groups):
        """(secured nodes, premises, path or reason) of a loop from ``a`` around these
        failures; path None when it secures nothing."""
        analysis = self.analysis
        secured = secured_nodes(analysis, a, top, groups, chain_nodes)
        premises = float(analysis.premises[secured].sum())
        if premises <= 0:
            return secured, premises, None
        bypass = set(chain_lines)
        for line in chain_lines:
            bypass |= analysis.line_groups.get(line, set())
        for g in groups:
            bypass |= set(g["lines"].tolist())
        bypassed = np.asarray(sorted(bypass), np.int64)
        # Targets: nodes that none of the failures cuts.
        target = _Spared(analysis, self.reached, top, groups, chain_nodes)
        found = route_loop(
            a,
            target,
            bypassed,
            self.net,
            self.geoms,
            self.ways,
            self.spec,
            self.way_node,
            self.way_dist,
            self.snapped,
            self.by_way,
        )
        return secured, premises, found


def loop_candidates(
    model,
    analysis: Analysis,
    network_geometries,
    ways: Ways,
    spec: LoopSpec,
    site_rows=None,
    site_names=None,
    progress=None,
    is_cancelled=None,
    line_tier=None,
):
    """One loop candidate per site cut by a failure; (candidates, problems) where problems
    lists (site row, reason) for the sites left without a loop. ``line_tier``: the tier of
    each line (:func:`core.tiers.analyse_tiers`), for the candidates' tier."""
    monitor = as_monitor(progress, is_cancelled)
    sites = model.sites.node
    rows = np.arange(sites.size) if site_rows is None else np.asarray(site_rows)
    stop = set(np.unique(sites[sites >= 0]).tolist()) | set(model.root_nodes.tolist())
    search = _LoopSearch(model, analysis, network_geometries, ways, spec)
    out, problems = [], []
    done = set()
    for i, row in enumerate(rows.tolist()):
        monitor.report(i / max(1, rows.size))
        a = int(sites[row])
        name = site_names[row] if site_names is not None else str(row)
        if a < 0 or a in done or not search.reached[a]:
            continue
        done.add(a)
        chain_lines, chain_nodes, top, groups = site_failures(analysis, a, stop - {a})
        if top < 0 and not groups:
            continue  # nothing single cuts it
        secured, premises, found = search(a, top, chain_lines, chain_nodes, groups)
        if found is None:
            continue
        if isinstance(found, str):
            problems.append((row, found))
            continue
        geometry, cost, length, _, key = found
        what = [str(x) for x in chain_lines[:3]]
        out.append(
            Candidate(
                kind="loop",
                target=str(name),
                cost=cost,
                geometry=geometry,
                nodes=secured,
                premises=premises,
                length=length,
                source=int(row),
                detail=";".join(g["name"] for g in groups) or ";".join(what),
                lines=list(chain_lines),
                groups=[g["lines"] for g in groups],
                tier=_tier_of(line_tier, chain_lines, groups),
                path_key=key,
            )
        )
    monitor.report(1.0)
    return out, problems


@dataclass
class SegmentTarget:
    """A segment whose loss cuts premises, to loop around: the loop starts at ``a`` and
    bypasses ``chain_lines``, ``chain_nodes`` (up to ``top``) or the ``groups``."""

    kind: str  # "segment" (a run of lines) or "group" (a defeating shared-risk group)
    a: int
    top: int
    chain_lines: list
    chain_nodes: list
    groups: list
    premises: float  # what the failure cuts (the order within a tier)
    tier: Optional[str]
    source: int  # the first line of the run, or the group's index


def site_chains(model, analysis: Analysis) -> set:
    """(site node, chain top) of every site: the failures its loop bypasses (a segment run
    with the same start and top is the same search)."""
    sites = model.sites.node
    placed = np.unique(sites[sites >= 0]).tolist()
    stop = set(placed) | set(model.root_nodes.tolist())
    return {(a, site_failures(analysis, a, stop - {a})[2]) for a in placed}


def segment_targets(model, analysis: Analysis, line_tier=None, skip=()) -> List[SegmentTarget]:
    """Every segment whose loss cuts premises, collecte first, then transport, then
    distribution (then unknown), each tier by the premises its loss cuts, most first.

    A *segment* is a maximal run of lines (and the nodes between them) whose failures each
    cut exactly the same premises: a path down the dominator tree between two branches,
    e.g. the routes of a cable between two splices. Its loop starts at the run's lowest
    node and bypasses every element of the run (a loop around one route of a run secures
    the same premises against less). A defeating shared-risk group gives one target per
    piece it cuts off (premises that stay joined together), starting at the end of one of
    its lines in that piece. ``skip``: (start, top) pairs of runs searched already (the
    sites' own chains, :func:`site_chains`), left out.
    """
    dom, n = analysis.dom, analysis.n
    idom = dom.idom
    size = idom.size
    s = dom.super_root
    total = graph.dominated_totals(dom, analysis.premises)
    index = np.arange(size, dtype=np.int64)
    parent = np.where((idom >= 0) & (index != s), idom, index)
    is_root = np.zeros(size, bool)
    is_root[model.root_nodes] = True
    is_root[s] = True
    # Up the run while the parent cuts the same premises (never through a root).
    same = (total > 0) & ~is_root[parent] & (parent != index)
    same &= np.isclose(total[parent], total, rtol=1e-12, atol=1e-9)
    top = graph._jump_to_fixed_point(np.where(same, parent, index))
    members = np.flatnonzero((total > 0) & (idom >= 0) & ~is_root & (index != s))
    out = []
    if members.size:
        # The lowest element of each run: the deepest (largest DFS preorder) of its members.
        order = np.lexsort((-dom.tree.pre[members], top[members]))
        ranked = members[order]
        heads = np.r_[True, top[ranked][1:] != top[ranked][:-1]]
        starts = np.flatnonzero(heads)
        stops = np.r_[starts[1:], ranked.size]
        for lo, hi in zip(starts.tolist(), stops.tolist()):
            a = int(ranked[lo])
            run = ranked[lo + 1 : hi]
            if a >= n or run.size == 0 or (a, int(top[a])) in skip:
                continue  # a run ending on a line, a lone node, or a site's own chain
            lines = [int(analysis.real_ids[x - n]) for x in run.tolist() if x >= n]
            if not lines:
                continue
            nodes = [int(x) for x in run.tolist() if x < n]
            out.append(
                SegmentTarget(
                    kind="segment",
                    a=a,
                    top=int(top[a]),
                    chain_lines=lines,
                    chain_nodes=nodes,
                    groups=[],
                    premises=float(total[a]),
                    tier=_tier_of(line_tier, lines),
                    source=lines[-1],
                )
            )
    net = model.network
    for gi, g in enumerate(analysis.groups):
        cut = g["cut"]
        ends = np.r_[net.u[g["lines"]], net.v[g["lines"]]]
        ends = np.unique(ends[ends >= 0])
        ends = ends[cut[ends]]
        weight = np.bincount(cut.label, weights=analysis.premises[cut.nodes])
        end_piece = cut.label_of(ends)
        for piece in np.unique(end_piece).tolist():
            if weight[piece] <= 0:
                continue
            start = ends[end_piece == piece]
            out.append(
                SegmentTarget(
                    kind="group",
                    a=int(start[0]),
                    top=-1,
                    chain_lines=[],
                    chain_nodes=[],
                    groups=[g],
                    premises=float(weight[piece]),
                    tier=g.get("tier"),
                    source=gi,
                )
            )
    rank = [TIERS.index(t.tier) if t.tier in TIERS else len(TIERS) for t in out]
    order = sorted(range(len(out)), key=lambda i: (rank[i], -out[i].premises, i))
    return [out[i] for i in order]


def segment_loop_candidates(
    model,
    analysis: Analysis,
    network_geometries,
    ways: Ways,
    spec: LoopSpec,
    targets: List[SegmentTarget],
    line_names=None,
    skip=(),
    progress=None,
    is_cancelled=None,
):
    """A loop candidate per segment target, in the targets' order (tier first). ``skip``:
    (start node, chain top) pairs already searched as sites (the same failures). Returns
    (candidates, problems: how many targets found no loop, per reason)."""
    monitor = as_monitor(progress, is_cancelled)
    search = _LoopSearch(model, analysis, network_geometries, ways, spec)
    skip = set(skip)
    out = []
    problems: Dict[str, int] = {}
    for i, t in enumerate(targets):
        monitor.report(i / max(1, len(targets)))
        if t.kind == "segment" and (t.a, t.top) in skip:
            continue
        secured, premises, found = search(t.a, t.top, t.chain_lines, t.chain_nodes, t.groups)
        if found is None:
            continue
        if isinstance(found, str):
            problems[found] = problems.get(found, 0) + 1
            continue
        geometry, cost, length, _, key = found
        if t.kind == "group":
            name = t.groups[0]["name"]
        else:
            name = str(line_names[t.source]) if line_names is not None else str(t.source)
        out.append(
            Candidate(
                kind="loop",
                target=name,
                cost=cost,
                geometry=geometry,
                nodes=secured,
                premises=premises,
                length=length,
                source=t.source,
                detail=t.kind,
                lines=list(t.chain_lines),
                groups=[g["lines"] for g in t.groups],
                tier=t.tier,
                path_key=key,
            )
        )
    monitor.report(1.0)
    return out, problems


# mp_target's width: a merged loop names what it secures, cut to fit.
TARGET_WIDTH = 120


def merge_same_paths(candidates: List[Candidate], premises) -> List[Candidate]:
    """One candidate per loop path (the same ways edges): the one securing the most
    premises (the first on ties: sites come first) gains what the others secure (their
    nodes and (node, risk) pairs, their failures) and their names after its own in
    ``target`` ("site + segment; group"); other kinds pass through.
    ``premises``: the premises weight per network node."""
    kept: List[Candidate] = []
    by_key: Dict[tuple, List[Candidate]] = {}
    for c in candidates:
        if c.kind != "loop" or c.path_key is None:
            kept.append(c)
            continue
        if c.path_key not in by_key:
            by_key[c.path_key] = []
            kept.append(c)  # a placeholder, replaced below, keeping the first's place
        by_key[c.path_key].append(c)
    out = []
    for c in kept:
        same = by_key.get(c.path_key) if c.kind == "loop" and c.path_key is not None else None
        if not same or len(same) == 1:
            out.append(c)
            continue
        best = max(same, key=lambda x: x.premises)  # max keeps the first of equals
        nodes = np.unique(np.concatenate([x.nodes for x in same]))
        lines = sorted({y for x in same for y in (x.lines or [])})
        groups, seen = [], set()
        for x in same:
            for g in x.groups or []:
                if id(g) not in seen:
                    seen.add(id(g))
                    groups.append(g)
        tier = most_upstream([x.tier for x in same])
        n = np.asarray(premises).size
        cover = np.unique(np.concatenate([risk_cover(x, n) for x in same]))
        others = [x.target for x in same if x is not best]
        target = best.target + " + " + "; ".join(others)
        if len(target) > TARGET_WIDTH:
            target = target[: TARGET_WIDTH - 1] + "…"
        out.append(
            Candidate(
                kind="loop",
                target=target,
                cost=best.cost,
                geometry=best.geometry,
                nodes=nodes,
                premises=float(np.asarray(premises)[nodes].sum()),
                length=best.length,
                source=best.source,
                detail=best.detail + " (also: " + "; ".join(others) + ")",
                lines=lines,
                groups=groups,
                tier=tier,
                path_key=best.path_key,
                cover=cover,
            )
        )
    return out


def corridor_zone(a, bypass, net, geoms, spec, target):
    """The bypassed corridor and the discs near its ends where a loop may come close."""
    corridor = shapely.union_all(geoms[bypass]) if bypass.size else None
    ends = np.r_[net.u[bypass], net.v[bypass]] if bypass.size else np.zeros(0, np.int64)
    ends = np.unique(ends[(ends >= 0)])
    ends = ends[target(ends)] if ends.size else ends
    centres = np.r_[net.node_xy[[a]], net.node_xy[ends]]
    discs = shapely.union_all(shapely.buffer(shapely.points(centres), spec.end_distance))
    return corridor, discs


def too_close(geoms, corridor, discs, distance):
    """Per geometry: some part outside ``discs`` lies within ``distance`` of ``corridor``."""
    geoms = np.asarray(geoms, dtype=object)
    if corridor is None or geoms.size == 0:
        return np.zeros(geoms.size, bool)
    outside = shapely.difference(geoms, discs)
    close = shapely.dwithin(outside, corridor, distance)
    return close & ~shapely.is_empty(outside)


def line_segments(lines) -> np.ndarray:
    """Every straight segment of ``lines`` as a two-point line (the parts kept apart)."""
    parts = shapely.get_parts(np.asarray(lines, dtype=object))
    coords, index = shapely.get_coordinates(parts, return_index=True)
    if len(coords) < 2:
        return np.asarray(parts, dtype=object)  # points, or nothing to cut
    same = index[1:] == index[:-1]
    return shapely.linestrings(np.stack([coords[:-1][same], coords[1:][same]], axis=1))


def excluded_ways(ways: Ways, corridor, discs, distance, lines=None):
    """Ids of the ways edges that come within ``distance`` of the corridor outside the discs.

    The candidates come from the tree queried with each straight segment of ``lines`` (the
    corridor's lines, when given) instead of the whole corridor: a way is within ``distance``
    of the corridor exactly when it is of one of its segments, and a long cable's envelope
    would bring in every road of the area for the exact test (19 ms a search at scale 20)."""
    if corridor is None:
        return np.zeros(0, np.int64)
    pieces = corridor if lines is None else line_segments(lines)
    near = ways.tree.query(pieces, predicate="dwithin", distance=distance)
    if near.ndim == 2:
        near = np.unique(near[1])
    if near.size == 0:
        return np.zeros(0, np.int64)
    return near[too_close(ways.geometry[near], corridor, discs, distance)]


# The first search of a loop reaches this many metres of new trench, or of the cheapest way
# when some cost less (existing civil works: a duct at a tenth of a trench would otherwise
# make the first search ten times wider, a hundred times the area); one that finds no usable
# end within it runs again four times wider, up to the loop's cost limit. The answer is the
# same as one search to the limit: every end costing at most the bound is found exactly, and
# any end beyond it costs more.
FIRST_REACH_M = 2000.0
_ENDS_TRIED = 50  # the cheapest ends whose stubs are tried, in order


def nodes_by_way(snapped, way_node):
    """The snapped network nodes grouped by their way node: (ptr, nodes), the nodes of way
    node w being ``nodes[ptr[w]:ptr[w + 1]]`` in increasing order."""
    snapped = np.asarray(snapped, np.int64)
    order = np.argsort(way_node[snapped], kind="stable")
    nodes = snapped[order]
    size = int(way_node.max()) + 2 if way_node.size else 1
    ptr = np.r_[0, np.cumsum(np.bincount(way_node[nodes], minlength=size))]
    return ptr, nodes


class _Reach:
    """One bounded search from ``source``: the way nodes within ``bound`` and their costs.

    No path costing at most ``bound`` leaves the disc of radius ``bound / rate`` round the
    source (``rate``: the least cost per metre of straight line of any edge, so a path's
    cost is at least its straight length times it): the search runs on the ways inside that
    disc only, with the same result as on all of them, instead of on a matrix of a million
    nodes whose set-up alone costs more than a short search."""

    def __init__(self, ways, matrix, source, bound):
        self.ways, self.source = ways, source
        rate = ways.least_rate
        idx = None
        if rate > 0 and np.isfinite(bound):
            idx = np.asarray(ways.within(source, bound / rate), np.int64)
            if idx.size * 4 > ways.n_nodes:
                idx = None  # most of the graph: no gain in cutting it out
        if idx is None:
            self.idx = None
            sub, local = matrix, source
        else:
            self.idx = idx
            sub = ways.submatrix(matrix, idx)
            local = int(np.searchsorted(idx, source))
        self._dist, self._pred = dijkstra(sub, indices=local, return_predecessors=True, limit=bound)

    @property
    def reached(self):
        """Way nodes reached, in increasing order."""
        found = np.flatnonzero(np.isfinite(self._dist))
        return found if self.idx is None else self.idx[found]

    def dist(self, way_ids):
        way_ids = np.asarray(way_ids, np.int64)
        if self.idx is None:
            return self._dist[way_ids]
        pos = np.searchsorted(self.idx, way_ids)
        pos = np.minimum(pos, self.idx.size - 1)
        inside = self.idx[pos] == way_ids
        return np.where(inside, self._dist[pos], np.inf)

    def path_edges(self, t):
        """The ways edges of the path found from the source to way node ``t``."""
        if self.idx is None:
            return _path_edges(self.ways, self._pred, self.source, t)
        idx = self.idx
        local = int(np.searchsorted(idx, t))
        start = int(np.searchsorted(idx, self.source))
        edges = []
        while local != start and local >= 0:
            p = int(self._pred[local])
            edges.append(self.ways.edge_between(int(idx[p]), int(idx[local])))
            local = p
        return np.asarray(edges[::-1], np.int64)


def _reached_nodes(snapped, way_node, reach, by_way):
    """The snapped network nodes whose way node the search reached, in increasing order."""
    if by_way is None:
        return snapped[np.isfinite(reach.dist(way_node[snapped]))]
    ptr, nodes = by_way
    reached = reach.reached
    reached = reached[reached < ptr.size - 1]
    lo, hi = ptr[reached], ptr[reached + 1]
    count = hi - lo
    if count.sum() == 0:
        return np.zeros(0, np.int64)
    offsets = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    return np.sort(nodes[np.repeat(lo, count) + offsets])


def route_loop(
    a, target, bypass, net, geoms, ways, spec, way_node, way_dist, snapped=None, by_way=None
):
    """(geometry, cost, length, end node, path key) of the cheapest separate path, or a
    reason.

    ``target(nodes)`` says which network nodes the site's failures spare; only the nodes
    snapped to a road node the search reached are tested. ``by_way``: :func:`nodes_by_way`
    of the snapped nodes (computed once for many searches; same answer without it)."""
    if way_node[a] < 0:
        return NO_ROAD
    if snapped is None:
        snapped = np.flatnonzero(way_node >= 0)
    corridor, discs = corridor_zone(a, bypass, net, geoms, spec, target)
    lines = geoms[bypass] if bypass.size else None
    excluded = excluded_ways(ways, corridor, discs, spec.min_separation, lines)
    source = int(way_node[a])
    limit = min(spec.max_cost, Ways.BLOCKED / 2)
    bound = limit
    if spec.trench_cost > 0:
        rate = spec.trench_cost
        if 0 < ways.least_rate < rate:
            rate = ways.least_rate  # e.g. a duct: the same disc as a trench's first reach
        bound = min(limit, rate * FIRST_REACH_M)
    with ways.blocked(excluded) as matrix:
        while True:
            reach = _Reach(ways, matrix, source, bound)
            ends = _reached_nodes(snapped, way_node, reach, by_way)
            ends = ends[target(ends)]
            snap_cost = (way_dist[ends] + way_dist[a]) * spec.trench_cost
            total = reach.dist(way_node[ends]) + snap_cost
            within = int(np.count_nonzero(total <= bound))
            # The cheapest ends, in order (a full sort of every reached end is not needed).
            k = _ENDS_TRIED
            first = np.argpartition(total, k)[:k] if total.size > k else np.arange(total.size)
            order = first[np.lexsort((first, total[first]))]
            for j in order.tolist():
                if not np.isfinite(total[j]) or total[j] > bound:
                    break
                b = int(ends[j])
                stub_a = shapely.linestrings([net.node_xy[a], ways.node_xy[source]])
                stub_b = shapely.linestrings([ways.node_xy[way_node[b]], net.node_xy[b]])
                stubs = np.array([stub_a, stub_b], dtype=object)
                if too_close(stubs, corridor, discs, spec.min_separation).any():
                    continue
                edges = reach.path_edges(int(way_node[b]))
                return _loop_path(a, b, edges, stub_a, stub_b, float(total[j]), net, ways, way_dist)
            if bound >= limit or within >= k:
                break  # the limit reached, or the cheapest ends all tried
            bound = min(limit, bound * 4)
    if ends.size == 0 and not target(snapped).any():
        return NO_TARGET
    return NO_PATH


def _loop_path(a, b, edges, stub_a, stub_b, cost, net, ways, way_dist):
    parts = [stub_a] + list(ways.geometry[edges]) + [stub_b]
    parts = [p for p in parts if shapely.length(p) > 0]
    geometry = shapely.line_merge(shapely.multilinestrings(parts)) if parts else stub_a
    if shapely.get_type_id(geometry) == 1:
        start = shapely.get_coordinates(geometry)[0]
        if np.hypot(*(start - net.node_xy[a])) > 1e-6:
            geometry = shapely.reverse(geometry)  # drawn from the site outward
    length = float(ways.length[edges].sum() + way_dist[a] + way_dist[b])
    key = tuple(edges.tolist()) if edges.size else ("ends", min(a, b), max(a, b))
    return geometry, cost, length, b, key


def _path_edges(ways, pred, source, t):
    edges = []
    while t != source and t >= 0:
        p = int(pred[t])
        edges.append(ways.edge_between(p, t))
        t = p
    return np.asarray(edges[::-1], np.int64)


def bury_candidates(analysis: Analysis, lines, geometries, lengths, cost_per_m, names=None):
    """One candidate per selected line: bury it; secures what its failure cuts."""
    out = []
    for line in np.asarray(lines, np.int64).tolist():
        x = int(analysis.line_node[line])
        if x < 0:
            continue
        nodes = analysis.nodes_in(analysis.dominated_spans(x)[1:])
        premises = float(analysis.premises[nodes].sum())
        if premises <= 0:
            continue
        out.append(
            Candidate(
                kind="bury",
                target=str(names[line]) if names is not None else str(line),
                cost=float(lengths[line]) * cost_per_m,
                geometry=geometries[line],
                nodes=nodes,
                premises=premises,
                length=float(lengths[line]),
                source=line,
                lines=[line],
                groups=[],
            )
        )
    return out


def autonomy_candidates(analysis: Analysis, node, dark_h, prem_h, xy, cost, names=None):
    """One ``autonomy`` action per active site left dark (``dark_h`` > 0, e.g. Power
    resilience's pw_dark_h) and attached to the network (``node`` >= 0): enough battery or
    fuel that it is no longer dark. It secures, against the grid outage, the premises whose
    every path to a root runs through the site (its dominator subtree, its own included:
    Power resilience's pw_prem); ``prem_h`` (pw_prem_h) is the premise-hours it avoids. Its
    failures are not cable failures: ``lines`` stays None (no mp_eai)."""
    node = np.asarray(node, np.int64)
    dark_h = np.asarray(dark_h, float)
    prem_h = np.asarray(prem_h, float)
    xy = np.asarray(xy, float).reshape(-1, 2)
    if cost is None or not np.isfinite(cost) or cost < 0:
        raise InputError("COSTS: autonomy_site must be a finite amount, not negative.")
    found = []
    for i in np.flatnonzero((node >= 0) & (dark_h > 0)).tolist():
        x = int(node[i])
        nodes = analysis.nodes_in(analysis.dominated_spans(x))
        nodes = nodes[analysis.premises[nodes] > 0]
        site = shapely.Point(xy[i])
        ring = site.buffer(AUTONOMY_RING, quad_segs=4).exterior
        found.append(
            Candidate(
                kind="autonomy",
                target=str(names[i]) if names is not None else str(i),
                cost=float(cost),
                geometry=shapely.LineString(ring.coords),
                nodes=np.sort(nodes),
                premises=float(analysis.premises[nodes].sum()),
                source=i,
                detail=f"{dark_h[i]:g} h dark",
                prem_h=float(prem_h[i]),
                site=site,
            )
        )
    return found


def _dom_path(dom, x):
    path = [x]
    while path[-1] != dom.super_root and dom.idom[path[-1]] >= 0:
        path.append(int(dom.idom[path[-1]]))
    return path


def operator_candidates(
    model,
    analysis,
    network_geometries,
    geometries,
    costs,
    tolerance,
    max_snap,
    names=None,
    line_tier=None,
):
    """Operator's lines: hardened lines (it runs along network lines) or added links (its
    ends lie within ``max_snap`` of two network nodes). Anything else is refused. Its tier
    (with ``line_tier``): the most upstream of the lines it hardens or bypasses."""
    net = model.network
    n = net.n_nodes
    geometries = np.asarray(geometries, dtype=object)
    line_geoms = np.asarray(network_geometries, dtype=object)
    known = np.flatnonzero(np.isfinite(net.node_xy).all(axis=1))
    kd = cKDTree(net.node_xy[known]) if known.size else None
    ids, _, _ = net.edges()
    out = []
    for i, geom in enumerate(geometries.tolist()):
        name = str(names[i]) if names is not None else str(i)
        cost = costs[i]
        if cost is None or not np.isfinite(cost) or cost < 0:
            raise InputError(f"Candidate {name}: its cost must be a finite amount, not negative.")
        if geom is None or shapely.is_empty(geom):
            raise InputError(f"Candidate {name} has no geometry.")
        covered = _covered_lines(geom, line_geoms, ids, tolerance + 1.0)
        coords = shapely.get_coordinates(geom)
        a = b = -1
        if kd is not None:
            d, near = kd.query(np.r_[coords[:1], coords[-1:]])
            if (d <= max_snap).all():
                a, b = int(known[near[0]]), int(known[near[1]])
        lines = None
        bypassed: list = []
        if covered.size:
            lines = covered.tolist()
            bypassed = lines
            parts = [
                analysis.nodes_in(analysis.dominated_spans(int(analysis.line_node[c]))[1:])
                for c in covered.tolist()
                if analysis.line_node[c] >= 0
            ]
            detail = "harden"
        elif a >= 0 and a != b:
            pa, pb = _dom_path(analysis.dom, a), _dom_path(analysis.dom, b)
            common = set(pa) & set(pb)
            parts = []
            for path in (pa, pb):
                if analysis.dom.idom[path[0]] < 0 or path[0] in common:
                    continue
                meet = next(j for j, x in enumerate(path) if x in common)
                if meet >= 2:
                    # Secured from the elements between this end and where the two ends'
                    # paths meet: what stays joined to the end when any one of them fails.
                    between = path[1:meet]
                    chain_nodes = [x for x in between if x < n]
                    bypassed += [int(analysis.real_ids[x - n]) for x in between if x >= n]
                    parts.append(chain_secured(analysis, path[0], between[-1], chain_nodes))
            detail = "link"
        else:
            raise InputError(
                f"Candidate {name} does not touch the network: it runs along no network line "
                f"and its ends are not within MAX_SNAP ({max_snap:g} m) of two network nodes."
            )
        nodes_sec = np.unique(np.concatenate(parts)) if parts else np.zeros(0, np.int64)
        nodes_sec = nodes_sec[nodes_sec < n]
        out.append(
            Candidate(
                kind="candidate",
                target=name,
                cost=float(cost),
                geometry=geom,
                nodes=nodes_sec,
                premises=float(analysis.premises[nodes_sec].sum()),
                length=float(shapely.length(geom)),
                source=i,
                detail=detail,
                lines=lines,
                groups=[] if lines is not None else None,
                tier=_tier_of(line_tier, bypassed),
            )
        )
    return out


def _covered_lines(geom, line_geoms, ids, tolerance):
    """Placed lines whose both ends and middle lie within ``tolerance`` of ``geom``."""
    if ids.size == 0:
        return ids
    cand = line_geoms[ids]
    points = [
        shapely.get_point(shapely.line_merge(cand), 0),
        shapely.get_point(shapely.line_merge(cand), -1),
        shapely.line_interpolate_point(cand, 0.5, normalized=True),
    ]
    ok = np.ones(ids.size, bool)
    for p in points:
        ok &= shapely.dwithin(p, geom, tolerance) & ~shapely.is_missing(p)
    return ids[ok]


def match_lines(lines, others, values, tolerance=0.01):
    """``values`` of ``others`` carried onto ``lines`` where a line of ``others`` lies in the
    same place (same ends and length, within ``tolerance`` m); NaN elsewhere. Returns
    (values per line, how many lines found none)."""
    lines = np.asarray(lines, dtype=object)
    others = np.asarray(others, dtype=object)
    values = np.asarray(values, dtype=float)
    out = np.full(lines.size, np.nan)

    def key(geoms):
        """First and last coordinate and length of each geometry, rounded to tolerance."""
        keys = np.full((geoms.size, 5), np.nan)
        ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        if ok.any():
            coords, index = shapely.get_coordinates(geoms[ok], return_index=True)
            rows = np.arange(int(ok.sum()))
            keys[ok, :2] = coords[np.searchsorted(index, rows, side="left")]
            keys[ok, 2:4] = coords[np.searchsorted(index, rows, side="right") - 1]
            keys[ok, 4] = shapely.length(geoms[ok])
        return np.round(keys / tolerance)

    mine, theirs = key(lines), key(others)
    found = {}
    for i, row in enumerate(theirs.tolist()):
        if not any(v != v for v in row):
            found[tuple(row)] = values[i]
    missing = 0
    for i, row in enumerate(mine.tolist()):
        value = found.get(tuple(row))
        if value is None:
            missing += 1
        else:
            out[i] = value
    return out, missing


def expected_annual(analysis: Analysis, candidate: Candidate, line_aep) -> float:
    """Expected premises cut per year that ``candidate`` avoids: over the failures it
    removes, each one's annual probability times the premises it secures that this failure
    cuts (rare failures, one at a time). A line's probability is ``line_aep`` (e.g.
    returnperiods' rp_aep; NaN counts as 0: never failing); a group's, its likeliest
    member's. NaN when the candidate's failures are not known (an added link)."""
    if candidate.lines is None:
        return np.nan
    aep = np.nan_to_num(np.asarray(line_aep, dtype=float), nan=0.0)
    secured = np.asarray(candidate.nodes, np.int64)
    if secured.size == 0:
        return 0.0
    weight = analysis.premises[secured]
    total = 0.0
    for line in candidate.lines:
        x = int(analysis.line_node[line])
        if x < 0 or aep[line] <= 0:
            continue
        cut = analysis.in_spans(analysis.dominated_spans(x), secured)
        total += aep[line] * float(weight[cut].sum())
    for members in candidate.groups or []:
        p = float(aep[np.asarray(members, np.int64)].max()) if len(members) else 0.0
        if p > 0:
            cut = next((g["cut"] for g in analysis.groups if g["lines"] is members), None)
            if cut is not None:
                total += p * float(weight[cut[secured]].sum())
    return total


# How many segments (runs of lines, defeating groups) get a loop search at most, the
# collecte and transport tiers first (chosen from measurements: see the README).
DEFAULT_MAX_SEGMENT_LOOPS = 2000
# The cost items of COSTS (EUR): per metre of new trench, of cable in an existing duct, of
# buried span, and per active site given more back-up power (a placeholder amount: batteries
# and a fixed generator for a shelter; the operator's own figure replaces it).
COST_ITEMS = ("trench_m", "duct_m", "bury_m", "autonomy_site", "aerial_m")
DEFAULT_COSTS = {
    "trench_m": 100.0,
    "duct_m": 10.0,
    "bury_m": 120.0,
    "autonomy_site": 15000.0,
    # a cable hung on existing poles (CIVIL_AERIAL_EXPRESSION): dearer than a duct (pole
    # checks and reinforcement), far cheaper than a trench; a placeholder too
    "aerial_m": 20.0,
}
# Items that may be left out of COSTS: needed only with the input that uses them.
OPTIONAL_COST_ITEMS = ("autonomy_site", "aerial_m")
# Who carries out each kind of action (a default: the field stays editable). The batteries
# and the fixed generator of an active site are the operator's own equipment, inside its
# shelter: the operator, not the grid operator, extends them.
OWNERS = {
    "loop": "operator",
    "bury": "commune",
    "autonomy": "operator",
    "candidate": "operator",
}
# An autonomy action is drawn as a ring of this radius (m) around its site, so that ACTIONS
# stays one layer of lines.
AUTONOMY_RING = 25.0


def check_costs(costs) -> dict:
    """The cost table as {item: EUR}: every item given once, finite and not negative."""
    out = {}
    for item, value in costs:
        key = str(item).strip().lower()
        if key not in COST_ITEMS:
            raise InputError(
                f"COSTS: unknown item '{item}' (the items are {', '.join(COST_ITEMS)})."
            )
        if key in out:
            raise InputError(f"COSTS: item '{key}' is given twice.")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise InputError(f"COSTS: item '{key}' has no amount ('{value}').") from None
        if not np.isfinite(number) or number < 0:
            raise InputError(f"COSTS: item '{key}' must be a finite amount, not negative.")
        out[key] = number
    missing = [k for k in COST_ITEMS if k not in out and k not in OPTIONAL_COST_ITEMS]
    if missing:
        raise InputError(f"COSTS: no amount for {', '.join(missing)}.")
    return out


@dataclass
class PlanResult:
    """Every candidate (ranked), the plan (chosen ones in order), the portfolio, problems."""

    actions: "object"  # DataFrame: mp_* fields, geometry, source
    plan: "object"  # DataFrame: the PLAN table
    portfolio: object
    problems: list  # (site row, reason) for the sites left without a loop
    counts: dict


def mitigation_plan(
    model,
    network_geometries,
    costs: dict,
    budget: float,
    ways: Optional[Ways] = None,
    spec: Optional[LoopSpec] = None,
    site_names=None,
    line_names=None,
    bury_lines=None,
    candidates=None,
    candidate_costs=None,
    candidate_names=None,
    tolerance: float = 0.5,
    max_snap: float = 50.0,
    time_limit: Optional[float] = 60.0,
    line_aep=None,
    power=None,
    line_classes=None,
    site_roles=None,
    max_segment_loops: Optional[int] = DEFAULT_MAX_SEGMENT_LOOPS,
    progress=None,
    is_cancelled=None,
) -> PlanResult:
    """Candidates (loops, burials, autonomy, the operator's), the portfolio within
    ``budget``, ranks. ``power``: the active sites' power figures as a dict with ``node``,
    ``dark_h``, ``prem_h``, ``xy`` and ``names`` (Power resilience's OUTPUT), or None.

    Coverage is per premises and risk: a premises counts once in the portfolio when any
    chosen action secures it against cable failures (loops, burials, candidates: two loops
    securing it against different cable failures count once), and once more when an
    autonomy action secures it against the grid outage. Batteries do not replace a loop:
    the premises behind a bridge stay cut by the bridge's failure whatever power they have.
    PREMISES_SECURED is therefore a count of (premises, risk) pairs, at most twice the
    premises.

    Tiers (``line_classes``, ``site_roles``: as :func:`core.tiers.analyse_tiers` takes them)
    order the segment loops (collecte, transport, then distribution, each by the premises
    the segment's loss cuts) and give each action the tier of what it secures. At most
    ``max_segment_loops`` segments are searched (None: all); every site is."""
    import pandas as pd

    from .portfolio import choose_portfolio, plan_order, premises_groups

    monitor = as_monitor(progress, is_cancelled)
    if budget is None or not np.isfinite(budget) or budget < 0:
        raise InputError("BUDGET must be a finite amount, not negative.")
    geoms = np.asarray(network_geometries, dtype=object)
    analysis = analyse_failures(model)
    tiers = analyse_tiers(model, line_classes, site_roles, analysis.redundancy)
    line_tier = tiers.line_tier
    group_tiers(model, analysis, line_tier)
    monitor.report(0.1)
    found: List[Candidate] = []
    problems = []
    segment_problems: Dict[str, int] = {}
    searched = left_out = 0
    if ways is not None:
        spec = spec or LoopSpec()
        spec.trench_cost = costs["trench_m"]
        if not np.isfinite(spec.max_cost):
            spec.max_cost = float(budget)  # a loop dearer than the budget is never bought
        skip = set()
        if model.sites.node.size:
            loops, problems = loop_candidates(
                model,
                analysis,
                geoms,
                ways,
                spec,
                site_names=site_names,
                progress=monitor.slice(0.1, 0.3).report,
                is_cancelled=is_cancelled,
                line_tier=line_tier,
            )
            found += loops
            skip = site_chains(model, analysis)
        targets = segment_targets(model, analysis, line_tier, skip)
        searched = len(targets)
        if max_segment_loops is not None and searched > max_segment_loops:
            left_out = searched - int(max_segment_loops)
            searched = int(max_segment_loops)
            targets = targets[:searched]
        segment_loops, segment_problems = segment_loop_candidates(
            model,
            analysis,
            geoms,
            ways,
            spec,
            targets,
            line_names=line_names,
            skip=skip,
            progress=monitor.slice(0.3, 0.7).report,
            is_cancelled=is_cancelled,
        )
        found += segment_loops
    n_loops_found = len(found)
    found = merge_same_paths(found, analysis.premises)
    merged = n_loops_found - len(found)
    if bury_lines is not None:
        found += bury_candidates(
            analysis, bury_lines, geoms, shapely.length(geoms), costs["bury_m"], line_names
        )
    if candidates is not None and len(candidates):
        found += operator_candidates(
            model,
            analysis,
            geoms,
            candidates,
            candidate_costs,
            tolerance,
            max_snap,
            candidate_names,
            line_tier=line_tier,
        )
    for c in found:
        if c.kind == "bury":
            c.tier = _tier_of(line_tier, c.lines or [])
    if power is not None:
        if "autonomy_site" not in costs:
            raise InputError("COSTS: no amount for autonomy_site (needed with POWER).")
        found += autonomy_candidates(
            analysis,
            power["node"],
            power["dark_h"],
            power["prem_h"],
            power["xy"],
            costs["autonomy_site"],
            power.get("names"),
        )
    for c in found:
        if c.kind == "autonomy":
            c.tier = site_tier(tiers, model, int(power["node"][c.source]))
    monitor.report(0.75)
    cost = np.array([c.cost for c in found], dtype=float)
    # Each risk counts on its own copy of the nodes (ids offset by a multiple of the node
    # count): the cable failures of each tier, then the grid outage.
    n = analysis.premises.size
    covers, group_w = premises_groups(
        [risk_cover(c, n) for c in found], np.tile(analysis.premises, len(RISKS))
    )
    portfolio = choose_portfolio(cost, covers, group_w, budget, time_limit=time_limit)
    order, gains = plan_order(portfolio.chosen, cost, covers, group_w)
    monitor.report(0.95)
    rank = np.empty(len(found), np.int64)
    rank[order] = np.arange(1, len(found) + 1)
    prem = np.array([c.premises for c in found], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        eur_prem = np.where(prem > 0, cost / np.where(prem > 0, prem, 1), np.nan)
    actions = pd.DataFrame(
        {
            "mp_rank": rank,
            "mp_kind": [c.kind for c in found],
            "mp_target": [c.target for c in found],
            "mp_cost": cost,
            "mp_prem": prem,
            "mp_eur_prem": eur_prem,
            "mp_eai": np.array(
                [
                    np.nan if line_aep is None else expected_annual(analysis, c, line_aep)
                    for c in found
                ],
                dtype=float,
            ),
            "mp_prem_h": np.array([c.prem_h for c in found], dtype=float),
            "mp_owner": [OWNERS[c.kind] for c in found],
            "mp_tier": np.array([c.tier for c in found], dtype=object),
            "mp_chosen": portfolio.chosen.astype(np.int64),
            "length": [c.length for c in found],
            "detail": [c.detail for c in found],
            "source": [c.source for c in found],
            "geometry": np.array([c.geometry for c in found], dtype=object),
            "site": np.array([c.site for c in found], dtype=object),
        }
    )
    actions = actions.iloc[order].reset_index(drop=True)
    n_chosen = int(portfolio.chosen.sum())
    head = actions.iloc[:n_chosen]
    plan = pd.DataFrame(
        {
            "mp_rank": head["mp_rank"].to_numpy(np.int64),
            "mp_kind": head["mp_kind"].to_numpy(object),
            "mp_target": head["mp_target"].to_numpy(object),
            "mp_cost": head["mp_cost"].to_numpy(float),
            "mp_prem": head["mp_prem"].to_numpy(float),
            "mp_cum_cost": np.cumsum(head["mp_cost"].to_numpy(float)),
            "mp_cum_prem": np.cumsum(gains[:n_chosen]),
            # the tier of what each step secures, as in ACTIONS: the board reads the curve
            # by tier (collecte and transport first)
            "mp_tier": head["mp_tier"].to_numpy(object),
        }
    )
    counts = {
        "candidates": len(found),
        "loops": sum(c.kind == "loop" for c in found),
        "bury": sum(c.kind == "bury" for c in found),
        "operator": sum(c.kind == "candidate" for c in found),
        "autonomy": sum(c.kind == "autonomy" for c in found),
        "segment_loops": sum(
            c.kind == "loop" and c.detail.split(" ")[0] in ("segment", "group") for c in found
        ),
        "segments_searched": searched,
        "segments_left_out": left_out,
        "segment_problems": segment_problems,
        "merged": merged,
        "premises_secured": float(portfolio.value),
        "cost": float(portfolio.cost),
        "cheapest": float(cost.min()) if cost.size else np.nan,
    }
    monitor.report(1.0)
    return PlanResult(actions, plan, portfolio, problems, counts)


# The risks a premises is secured against, each counted once per premises: a cable failure
# of each tier (unknown: a tier the topology cannot tell), and the grid outage.
RISKS = TIERS + ("unknown", "grid")


def risk_cover(c: Candidate, n: int) -> np.ndarray:
    """The (node, risk) pairs ``c`` secures, as ids node + n * risk (see :data:`RISKS`)."""
    if c.cover is not None:
        return c.cover
    if c.kind == "autonomy":
        risk = RISKS.index("grid")
    else:
        risk = TIERS.index(c.tier) if c.tier in TIERS else RISKS.index("unknown")
    return np.asarray(c.nodes, np.int64) + n * risk


def site_tier(tiers, model, node: int) -> Optional[str]:
    """The tier of what an action at a site secures: an NRO or a root cuts a whole NRO when
    it fails, as a collecte failure does: collecte; another site, its own tier (the most
    upstream tier of its lines: transport for a cabinet)."""
    if node < 0:
        return None
    if node in set(tiers.nro_nodes.tolist()) or node in set(model.root_nodes.tolist()):
        return "collecte"
    return tiers.node_tier[node]


def as_multilines(geometries):
    """Every line as a MultiLineString (one output geometry type)."""
    out = np.empty(len(geometries), dtype=object)
    for i, g in enumerate(geometries):
        kind = shapely.get_type_id(g)
        out[i] = shapely.multilinestrings([g]) if kind == 1 else g
    return out
