"""Single points of failure, premises at risk, path diversity and shared-risk groups.

Counted from the roots (a super-root joined to every root), never from the largest
component. Every line is split into a line-node so that one dominator tree answers both
"what does this node cut" and "what does this line cut" in linear time.

Shared-risk groups: a group's lines split a DFS tree into pieces, and random XOR labels of
the cycles say which pieces stay joined (see :class:`_GroupCounter`). Cost: linear for the
tree, then O(k^2) per group of k lines, whatever the size of the network.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import graph
from .monitor import as_monitor


@dataclass
class RedundancyResult:
    """Per line, node and site results (rows in input order), groups table and summary."""

    lines: pd.DataFrame  # rd_bridge, rd_prem, rd_sites, rd_srlg_pr (NULL: line not placed)
    nodes: pd.DataFrame  # rd_bridge (cut node), rd_prem, rd_sites
    sites: pd.DataFrame  # rd_paths, rd_divers, rd_spof_n (NULL: site not attached)
    premises: pd.DataFrame  # rd_spof, rd_srlg (NULL: premises not attached or reaching no root)
    groups: pd.DataFrame  # group, lines, members, prem_cut, sites_cut, max_prem, max_sites...
    summary: dict


def join_by_group(values, groups, n_groups):
    """Per group, its values joined with ';' ('' for a group with none)."""
    order = np.argsort(groups, kind="stable")
    text = np.asarray(values)[order].astype(str).tolist()
    bounds = np.searchsorted(np.asarray(groups)[order], np.arange(n_groups + 1))
    return np.array(
        [";".join(text[a:b]) for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist())],
        dtype=object,
    )


def _demand(n, nodes, weights=None):
    ok = nodes >= 0
    w = np.ones(nodes.size) if weights is None else np.asarray(weights, dtype=float)
    return np.bincount(nodes[ok], weights=w[ok], minlength=n)


def _components(boundary):
    """Group pieces into connected components from their boundary labels (GF(2) algebra).

    A set of pieces has no remaining line leaving it exactly when the XOR of its boundary
    labels is 0, so the zero-sum sets are the unions of components (up to a 2^-64 chance):
    the components are the atoms of that null space. Returns a component key per piece.
    """
    basis = {}  # leading bit -> (value, combination of pieces)
    null = []
    for i, value in enumerate(boundary):
        x, combo = value, 1 << i
        while x:
            top = x.bit_length() - 1
            if top not in basis:
                basis[top] = (x, combo)
                break
            bx, bc = basis[top]
            x ^= bx
            combo ^= bc
        if x == 0:
            null.append(combo)
    return [tuple((vector >> i) & 1 for vector in null) for i in range(len(boundary))]


class _GroupCounter:
    """Cuts of whole shared-risk groups, on a DFS tree of the roots-merged graph.

    The group's tree lines split the tree into pieces (each a subtree minus the subtrees of
    the pieces below it); the XOR labels say which pieces stay joined by lines outside the
    group. The pieces not joined to the root piece are cut: signed preorder intervals.
    Cost per group: O(k^2) for k member lines, independent of the network size.
    """

    def __init__(self, n, u, v, roots, premises_w, sites_w):
        self.cuts = graph.rooted_cuts(n, u, v, roots)
        tree = self.cuts.tree
        self.pre, self.end, self.order = tree.pre, tree.end, tree.order
        self.size = self.order.size
        merged = self.cuts.merged
        # Premises at roots are never cut by line failures: they sit on the super-root.
        prem = np.bincount(merged, weights=np.append(premises_w, 0.0), minlength=n + 1)
        site = np.bincount(merged, weights=np.append(sites_w, 0.0), minlength=n + 1)
        self.prefix_prem = np.concatenate([[0.0], np.cumsum(prem[self.order])])
        self.prefix_site = np.concatenate([[0.0], np.cumsum(site[self.order])])
        cu, cv = self.cuts.u, self.cuts.v
        children = self.order[1:]
        child_of_edge = np.full(cu.size, -1, dtype=np.int64)
        child_of_edge[tree.parent_edge[children]] = children
        reached = (self.pre[cu] >= 0) & (self.pre[cv] >= 0) & (cu != cv)
        is_tree = child_of_edge >= 0
        # Per edge: kind, and either the child's subtree (tree lines) or the preorder of
        # both ends (other lines); as arrays for the groups of one tree line, as plain lists
        # for the per-group loop over the others.
        kind = np.where(~reached, 0, np.where(is_tree, 1, 2))
        a = np.where(is_tree, self.pre[np.maximum(child_of_edge, 0)], self.pre[cu])
        b = np.where(is_tree, self.end[np.maximum(child_of_edge, 0)], self.pre[cv])
        self._kinds, self._starts, self._stops = kind, a, b
        self._labels = self.cuts.label
        self._kind, self._a, self._b = kind.tolist(), a.tolist(), b.tolist()
        self._label = [int(x) for x in self.cuts.label.tolist()]

    def intervals(self, group_edges, group_of):
        """Signed preorder intervals (group, start, stop, sign) of what each group cuts."""
        order = np.argsort(group_of, kind="stable")
        edges = group_edges[order]
        groups = group_of[order]
        single, out = self._single_tree_line(edges, groups)
        keep = ~single[groups]
        edges, groups = edges[keep].tolist(), groups[keep]
        bounds = np.flatnonzero(np.diff(groups)) + 1
        starts = np.concatenate([[0], bounds]).tolist()
        stops = np.concatenate([bounds, [len(edges)]]).tolist()
        out_g, out_a, out_b, out_s = (list(column.tolist()) for column in out)
        for lo, hi in zip(starts, stops):
            if lo == hi:
                continue
            pieces = self._cut_pieces(edges[lo:hi])
            g = int(groups[lo])
            for a, b, sign in pieces:
                out_g.append(g)
                out_a.append(a)
                out_b.append(b)
                out_s.append(sign)
        as_int = np.asarray
        return (
            as_int(out_g, dtype=np.int64),
            as_int(out_a, dtype=np.int64),
            as_int(out_b, dtype=np.int64),
            as_int(out_s, dtype=np.float64),
        )

    def _single_tree_line(self, edges, groups):
        """:meth:`_cut_pieces` at once for every group with one tree line among its members
        (most groups: a route carrying the cables of one branch). Its subtree is the one
        piece besides the root piece; both pieces' boundary labels are the tree line's label
        XOR the labels of the group's other lines leaving the subtree (a line listed twice
        counts twice, as there), so the subtree is cut when that is 0. Returns which groups
        were answered (by group id) and their intervals (group, start, stop, sign)."""
        size = int(groups.max()) + 1 if groups.size else 0
        kind = self._kinds[edges]
        tree = kind == 1
        # distinct tree lines per group: a tree line listed twice is one piece
        pairs = np.unique(np.stack([groups[tree], edges[tree]]), axis=1)
        tops = np.bincount(pairs[0], minlength=size)
        single = tops == 1
        top_edge = np.full(size, -1, dtype=np.int64)
        top_edge[pairs[0][single[pairs[0]]]] = pairs[1][single[pairs[0]]]
        chosen = np.flatnonzero(single)
        start = self._starts[top_edge[chosen]]
        stop = self._stops[top_edge[chosen]]
        boundary = np.zeros(size, dtype=np.uint64)
        boundary[chosen] = self._labels[top_edge[chosen]]
        other = (kind == 2) & single[groups]
        rows = np.flatnonzero(other)
        g = groups[rows]
        e = edges[rows]
        lo, hi = self._starts[top_edge[g]], self._stops[top_edge[g]]
        p, q = self._starts[e], self._stops[e]  # the two ends' preorder
        crossing = ((lo <= p) & (p < hi)) != ((lo <= q) & (q < hi))
        graph.reduce_into(np.bitwise_xor, boundary, g[crossing], self._labels[e[crossing]])
        cut = boundary[chosen] == 0
        out = (
            chosen[cut],
            start[cut],
            stop[cut],
            np.ones(int(cut.sum()), dtype=np.float64),
        )
        return single, out

    def group_pieces(self, members):
        """How the group of DFS-tree lines ``members`` splits the tree: (spans, parent,
        component), or None when it holds no tree line. Piece 0 is the root piece; piece
        i+1 hangs from the tree line whose preorder span is spans[i] (sorted by start);
        parent[i] is the piece enclosing it; component[k] labels piece k, equal for pieces
        the lines outside the group keep joined (XOR labels)."""
        kind, label = self._kind, self._label
        tops = sorted({(self._a[e], self._b[e], label[e]) for e in members if kind[e] == 1})
        if not tops:
            return None
        spans = [(a, b) for a, b, _ in tops]
        starts = np.array([a for a, _ in spans], np.int64)

        def piece_of(position):
            # the innermost span holding the position: the last one starting at or before
            # it among those that hold it (spans are nested or apart)
            for i in range(int(np.searchsorted(starts, position, side="right")) - 1, -1, -1):
                if spans[i][0] <= position < spans[i][1]:
                    return i + 1
            return 0

        parent = [0] * len(spans)
        stack: list = []
        for i, (a, _b) in enumerate(spans):
            while stack and not (spans[stack[-1]][0] <= a < spans[stack[-1]][1]):
                stack.pop()
            parent[i] = stack[-1] + 1 if stack else 0
            stack.append(i)
        boundary = [0] * (len(spans) + 1)
        for i, (_, _, value) in enumerate(tops):
            boundary[i + 1] ^= value
            boundary[parent[i]] ^= value
        for e in members:
            if kind[e] == 2:
                p, q = piece_of(self._a[e]), piece_of(self._b[e])
                if p != q:
                    boundary[p] ^= label[e]
                    boundary[q] ^= label[e]
        return spans, parent, _components(boundary)

    def _cut_pieces(self, members):
        pieces = self.group_pieces(members)
        if pieces is None:
            return []
        spans, parent, component = pieces
        root = component[0]
        out = []
        for i, (a, b) in enumerate(spans):
            if component[i + 1] == root:
                continue
            out.append((a, b, 1.0))
        for i, (a, b) in enumerate(spans):
            # Remove a piece's subtree from its cut parent piece (the child is counted
            # on its own when it is cut too).
            if parent[i] != 0 and component[parent[i]] != root:
                out.append((a, b, -1.0))
        return out


def analyse_redundancy(model, progress=None, is_cancelled=None):
    """rd_* per line, node and site, the shared-risk groups table and the summary."""
    monitor = as_monitor(progress, is_cancelled)
    net = model.network
    n = net.n_nodes
    ids, u, v = net.edges()
    real = u != v  # self-loops never cut anything
    roots = model.root_nodes
    prem_w = _demand(n, model.premises.node, model.premises_count)
    site_w = _demand(n, model.sites.node)

    # Line-nodes n .. n+k-1 split every line, so line failures become node failures.
    k = int(real.sum())
    line_node = n + np.arange(k)
    hu = np.concatenate([u[real], line_node])
    hv = np.concatenate([line_node, v[real]])
    dom = graph.dominator_tree(n + k, hu, hv, roots)
    monitor.report(0.3)
    prem_cut = graph.dominated_totals(dom, prem_w)
    site_cut = graph.dominated_totals(dom, site_w)
    nodes_cut = graph.dominated_totals(dom, np.ones(n))
    monitor.report(0.4)

    m = net.u.size
    line_prem = np.full(m, np.nan)
    line_sites = np.full(m, np.nan)
    line_bridge = np.full(m, np.nan)
    line_prem[ids] = 0.0
    line_sites[ids] = 0.0
    line_bridge[ids] = 0.0
    real_ids = ids[real]
    line_prem[real_ids] = prem_cut[line_node]
    line_sites[real_ids] = site_cut[line_node]
    line_bridge[real_ids] = (nodes_cut[line_node] > 0).astype(float)
    reached = dom.idom[:n] >= 0
    nodes = pd.DataFrame(
        {
            "rd_bridge": (reached & (nodes_cut[:n] > 1)).astype(np.int64),
            "rd_prem": prem_cut[:n],
            "rd_sites": site_cut[:n],
        }
    )

    # Shared-risk groups.
    counter = _GroupCounter(n, u, v, roots, prem_w, site_w)
    edge_pos = np.full(m, -1, dtype=np.int64)
    edge_pos[ids] = np.arange(ids.size)
    g_edges = edge_pos[model.srlg_line]
    g_of = model.srlg_group
    ok = g_edges >= 0
    g_edges, g_of = g_edges[ok], g_of[ok]
    gi, ga, gb, gs = counter.intervals(g_edges, g_of)
    monitor.report(0.8)
    n_groups = model.srlg_names.size
    group_prem = np.bincount(
        gi, weights=gs * (counter.prefix_prem[gb] - counter.prefix_prem[ga]), minlength=n_groups
    )
    group_sites = np.bincount(
        gi, weights=gs * (counter.prefix_site[gb] - counter.prefix_site[ga]), minlength=n_groups
    )
    member_line = model.srlg_line
    member_prem = np.nan_to_num(line_prem[member_line])
    member_sites = np.nan_to_num(line_sites[member_line])
    max_prem = np.zeros(n_groups)
    max_sites = np.zeros(n_groups)
    graph.reduce_into(np.maximum, max_prem, model.srlg_group, member_prem)
    graph.reduce_into(np.maximum, max_sites, model.srlg_group, member_sites)
    members = np.bincount(model.srlg_group, minlength=n_groups)
    line_lists = join_by_group(member_line, model.srlg_group, n_groups)
    groups = pd.DataFrame(
        {
            "group": model.srlg_names,
            "lines": line_lists,
            "members": members,
            "prem_cut": group_prem,
            "sites_cut": group_sites,
            "max_prem": max_prem,
            "max_sites": max_sites,
            "defeats": ((group_prem > max_prem) | (group_sites > max_sites)).astype(np.int64),
        }
    )
    line_srlg = np.zeros(m)
    graph.reduce_into(np.maximum, line_srlg, member_line, group_prem[model.srlg_group])
    lines = pd.DataFrame(
        {
            "rd_bridge": line_bridge,
            "rd_prem": line_prem,
            "rd_sites": line_sites,
            "rd_srlg_pr": np.where(net.placed, line_srlg, np.nan),
        }
    )

    # Groups that cut each node: intervals within one group are disjoint after the union.
    group_cover = np.cumsum(
        np.bincount(ga, weights=gs, minlength=counter.size + 1)
        - np.bincount(gb, weights=gs, minlength=counter.size + 1)
    )[: counter.size]
    node_pos = counter.pre[counter.cuts.merged[:n]]
    groups_cutting = np.where(node_pos >= 0, group_cover[np.maximum(node_pos, 0)], 0)
    groups_cutting[counter.cuts.merged[:n] == n] = 0  # roots are not cut by lines

    sites = _site_table(model, dom, counter.cuts, groups_cutting, n)
    monitor.report(0.95)
    premises = _premises_table(model, dom, groups_cutting)
    summary = _summary(model, sites, groups, premises)
    monitor.report(1.0)
    return RedundancyResult(lines, nodes, sites, premises, groups, summary)


def _site_table(model, dom, cuts, groups_cutting, n):
    node = model.sites.node
    attached = node >= 0
    paths = graph.edge_paths_to_roots(cuts, node)
    is_line = np.zeros(dom.idom.size, dtype=np.int64)
    is_line[n:-1] = 1
    is_node = np.zeros(dom.idom.size, dtype=np.int64)
    is_node[:n] = 1
    line_doms = graph.count_dominators(dom, node, is_line)
    node_doms = graph.count_dominators(dom, node, is_node)
    group_doms = np.where(attached, groups_cutting[np.maximum(node, 0)], 0)
    divers = np.where(paths <= 1, 0, np.where((node_doms > 0) | (group_doms > 0), 1, 2))
    spof = line_doms + node_doms + group_doms
    unreached = attached & (paths == 0)
    spof[unreached] = 0
    table = pd.DataFrame(
        {
            "rd_paths": pd.array(np.where(attached, paths, 0), dtype="Int64"),
            "rd_divers": pd.array(divers, dtype="Int64"),
            "rd_spof_n": pd.array(spof, dtype="Int64"),
        }
    )
    table.loc[~attached, :] = pd.NA
    return table


def _premises_table(model, dom, groups_cutting):
    """Per premises: behind a single line or node (other than its own node), behind a group."""
    node = model.premises.node
    attached = node >= 0
    at = np.maximum(node, 0)
    reached = attached & (dom.idom[at] >= 0)
    spof = reached & (dom.idom[at] != dom.super_root)
    srlg = reached & (groups_cutting[at] > 0)
    table = pd.DataFrame(
        {
            "rd_spof": pd.array(spof.astype(np.int64), dtype="Int64"),
            "rd_srlg": pd.array(srlg.astype(np.int64), dtype="Int64"),
        }
    )
    table.loc[~reached, :] = pd.NA
    return table


def _summary(model, sites, groups, premises):
    counts = np.asarray(model.premises_count, dtype=float)
    attached = model.premises.node >= 0
    reached = premises["rd_spof"].notna().to_numpy()
    spof = premises["rd_spof"].fillna(0).to_numpy(dtype=bool)
    srlg = premises["rd_srlg"].fillna(0).to_numpy(dtype=bool)
    divers = sites["rd_divers"]
    return {
        "premises_total": float(counts.sum()),
        "premises_unattached": float(counts[~attached].sum()),
        "premises_no_root": float(counts[attached & ~reached].sum()),
        "premises_spof": float(counts[spof].sum()),
        "premises_spof_or_srlg": float(counts[spof | srlg].sum()),
        "sites_total": int(len(sites)),
        "sites_unattached": int(divers.isna().sum()),
        "sites_no_root": int((sites["rd_paths"] == 0).sum()),
        "sites_div0": int((divers == 0).sum()),
        "sites_div1": int((divers == 1).sum()),
        "sites_div2": int((divers == 2).sum()),
        "groups_total": int(len(groups)),
        "groups_defeating": int(groups["defeats"].sum()),
    }
