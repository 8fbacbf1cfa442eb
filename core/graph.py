"""Graph algorithms on edge arrays, in linear or n·log n time, without recursion.

A graph is ``n`` nodes and two arrays ``u``, ``v`` (edge ``i`` joins ``u[i]`` and ``v[i]``):
an undirected multigraph, parallel edges allowed, self-loops ignored. Everything rests on one
depth-first tree from scipy (a true DFS, so every non-tree edge joins a node to one of its
ancestors); Tarjan's low points are then range minima over the preorder, and the rest
(bridges, cut nodes, dominators, subtree sums, cut pairs) is array arithmetic on that tree.
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components, depth_first_order

# Random 64-bit labels detect 2-edge cuts (cut pairs); a fixed seed keeps results repeatable.
_LABEL_SEED = 20240611


@dataclass
class DfsTree:
    """A depth-first tree of the nodes reached from ``start``; unreached nodes hold -1."""

    order: np.ndarray  # reached nodes in preorder
    pre: np.ndarray  # preorder position of each node
    parent: np.ndarray  # parent node
    parent_edge: np.ndarray  # id of the tree edge to the parent
    end: np.ndarray  # subtree of node x = preorder positions [pre[x], end[x])
    low: np.ndarray  # smallest preorder reached from the subtree by one non-tree edge
    tree_edge: np.ndarray  # per edge: True when it is a tree edge


def _as_edges(u, v):
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    if u.shape != v.shape:
        raise ValueError("u and v must have the same length")
    return u, v


def adjacency(n, u, v):
    """Symmetric CSR adjacency (parallel edges merged, self-loops dropped)."""
    u, v = _as_edges(u, v)
    keep = u != v
    rows = np.concatenate([u[keep], v[keep]])
    cols = np.concatenate([v[keep], u[keep]])
    data = np.ones(rows.size, dtype=np.float64)
    matrix = sp.csr_matrix((data, (rows, cols)), shape=(n, n))
    matrix.sum_duplicates()
    return matrix


def _range_min(values, starts, stops):
    """min(values[starts[i]:stops[i]]) for every i (sparse table, one level kept at a time)."""
    out = np.empty(starts.size, dtype=values.dtype)
    lengths = stops - starts
    if starts.size == 0:
        return out
    levels = np.floor(np.log2(np.maximum(lengths, 1))).astype(np.int64)
    table = values.copy()
    for k in range(int(levels.max()) + 1):
        if k > 0:
            half = 1 << (k - 1)
            table = np.minimum(table[:-half], table[half:])
        pick = np.flatnonzero(levels == k)
        if pick.size:
            width = 1 << k
            out[pick] = np.minimum(table[starts[pick]], table[stops[pick] - width])
    return out


def reduce_into(ufunc, target, index, values):
    """``ufunc.at(target, index, values)`` through a sort and ``reduceat`` (ufunc.at is slow)."""
    index = np.asarray(index, dtype=np.int64)
    if index.size == 0:
        return target
    order = np.argsort(index, kind="stable")
    index = index[order]
    starts = np.flatnonzero(np.concatenate([[True], index[1:] != index[:-1]]))
    reduced = ufunc.reduceat(np.asarray(values)[order], starts)
    at = index[starts]
    target[at] = ufunc(target[at], reduced)
    return target


def _jump_to_fixed_point(pointer):
    """Follow ``pointer`` until every node reaches a fixed point (pointer jumping)."""
    pointer = pointer.copy()
    while True:
        nxt = pointer[pointer]
        if np.array_equal(nxt, pointer):
            return pointer
        pointer = nxt


def depth_first_tree(n, u, v, start):
    """The DFS tree from ``start`` with preorder, subtree ranges and low points."""
    u, v = _as_edges(u, v)
    order, pred = depth_first_order(adjacency(n, u, v), int(start), directed=True)
    order = order.astype(np.int64)
    pre = np.full(n, -1, dtype=np.int64)
    pre[order] = np.arange(order.size)
    parent = np.full(n, -1, dtype=np.int64)
    children = order[1:]
    parent[children] = pred[children]

    # The tree edge of a child: the lowest edge id joining it to its parent.
    lo = np.minimum(u, v)
    hi = np.maximum(u, v)
    keys = np.where(u != v, lo * n + hi, -1)
    by_key = np.argsort(keys, kind="stable")
    sorted_keys = keys[by_key]
    par = parent[children]
    child_keys = np.minimum(par, children) * n + np.maximum(par, children)
    parent_edge = np.full(n, -1, dtype=np.int64)
    parent_edge[children] = by_key[np.searchsorted(sorted_keys, child_keys)]
    tree_edge = np.zeros(u.size, dtype=bool)
    tree_edge[parent_edge[children]] = True

    # Subtree end: follow "last child" pointers down to a leaf.
    last_child = np.arange(n, dtype=np.int64)
    if children.size:
        by_parent = np.argsort(par, kind="stable")  # children stay in preorder per parent
        grouped = par[by_parent]
        is_last = np.ones(grouped.size, dtype=bool)
        is_last[:-1] = grouped[:-1] != grouped[1:]
        last_child[grouped[is_last]] = children[by_parent][is_last]
    leaf = _jump_to_fixed_point(last_child)
    end = np.full(n, -1, dtype=np.int64)
    end[order] = pre[leaf[order]] + 1

    # Low points: every non-tree edge joins a descendant to an ancestor.
    local_low = pre.copy()
    back = (~tree_edge) & (u != v) & (pre[u] >= 0) & (pre[v] >= 0)
    bu, bv = u[back], v[back]
    desc = np.where(pre[bu] > pre[bv], bu, bv)
    anc = np.where(pre[bu] > pre[bv], bv, bu)
    reduce_into(np.minimum, local_low, desc, pre[anc])
    low = np.full(n, -1, dtype=np.int64)
    low[order] = _range_min(local_low[order], pre[order], end[order])
    return DfsTree(order, pre, parent, parent_edge, end, low, tree_edge)


def components(n, u, v):
    """Connected component label of every node."""
    return connected_components(adjacency(n, u, v), directed=False)[1]


def bridges_and_cut_nodes(n, u, v):
    """(is_bridge per edge, is_cut_node per node) of the whole graph, every component."""
    u, v = _as_edges(u, v)
    labels = components(n, u, v)
    degree = np.bincount(np.concatenate([u[u != v], v[u != v]]), minlength=n)
    _, reps = np.unique(labels, return_index=True)
    reps = reps[degree[reps] > 0]
    # One DFS for all components: a chain of virtual nodes, one hooked to each component.
    k = reps.size
    chain = n + np.arange(k, dtype=np.int64)
    uu = np.concatenate([u, chain[:-1], chain])
    vv = np.concatenate([v, chain[1:], reps])
    if k == 0:
        return np.zeros(u.size, dtype=bool), np.zeros(n, dtype=bool)
    tree = depth_first_tree(n + k, uu, vv, n)
    children = tree.order[1:]
    par = tree.parent[children]
    real_child = children < n
    children, par = children[real_child], par[real_child]

    is_bridge = np.zeros(uu.size, dtype=bool)
    breaks = tree.low[children] >= tree.pre[children]
    is_bridge[tree.parent_edge[children[breaks]]] = True
    is_bridge = is_bridge[: u.size]

    is_cut = np.zeros(n + k, dtype=bool)
    inner = par < n  # parent is a real node; component tops are handled below
    heads = inner & (tree.low[children] >= tree.pre[par])
    is_cut[par[heads]] = True
    top_children = np.bincount(par[inner], minlength=n + k)
    is_cut[reps] = top_children[reps] >= 2
    return is_bridge, is_cut[:n]


@dataclass
class DominatorTree:
    """Immediate dominators from a super-root joined to every root.

    Node ``n`` (``super_root``) is the super-root; ``idom[x]`` is -1 when ``x`` reaches no root.
    """

    tree: DfsTree
    idom: np.ndarray
    super_root: int


def dominator_tree(n, u, v, roots):
    """Dominators of an undirected multigraph seen from all ``roots`` at once.

    A node x dominates y when every path from a root to y passes through x: x's failure cuts
    y from every root. In a DFS from the super-root, child c starts a new block under its
    parent p when low[c] >= pre[p]; then idom(c) = p, otherwise idom(c) = idom(p).
    """
    u, v = _as_edges(u, v)
    roots = np.unique(np.asarray(roots, dtype=np.int64))
    s = n
    uu = np.concatenate([u, np.full(roots.size, s, dtype=np.int64)])
    vv = np.concatenate([v, roots])
    tree = depth_first_tree(n + 1, uu, vv, s)
    children = tree.order[1:]
    par = tree.parent[children]
    jump = np.arange(n + 1, dtype=np.int64)
    new_block = tree.low[children] >= tree.pre[par]
    jump[children[~new_block]] = par[~new_block]
    top = _jump_to_fixed_point(jump)
    idom = np.full(n + 1, -1, dtype=np.int64)
    idom[children] = tree.parent[top[children]]
    idom[s] = s
    return DominatorTree(tree, idom, s)


def dominated_totals(dom, weights):
    """Per node: total weight of the nodes it dominates, itself included (0 if unreached)."""
    tree = dom.tree
    size = tree.pre.size
    given = np.asarray(weights, dtype=np.float64)
    weights = np.zeros(size)
    weights[: given.size] = given
    prefix = np.concatenate([[0.0], np.cumsum(weights[tree.order])])
    children = tree.order[1:]
    par = tree.parent[children]
    heads = children[dom.idom[children] == par]
    sub = prefix[tree.end[heads]] - prefix[tree.pre[heads]]
    totals = np.where(tree.pre >= 0, weights, 0.0)
    totals += np.bincount(dom.idom[heads], weights=sub, minlength=size)
    return totals


def count_dominators(dom, nodes, counted):
    """How many proper dominators of each of ``nodes`` are ``counted`` (super-root excluded)."""
    nodes = np.asarray(nodes, dtype=np.int64)
    counts = np.zeros(nodes.size, dtype=np.int64)
    current = np.where(nodes >= 0, dom.idom[np.maximum(nodes, 0)], -1)
    active = (current >= 0) & (current != dom.super_root)
    while active.any():
        idx = np.flatnonzero(active)
        counts[idx] += counted[current[idx]]
        current[idx] = dom.idom[current[idx]]
        active[idx] = current[idx] != dom.super_root
    return counts


@dataclass
class RootedCuts:
    """Edge cuts between nodes and the roots, on the graph with all roots merged into one.

    ``bridge[e]``: edge e alone separates something from every root. ``label[e]``: XOR of
    random labels of the cycles through e; two non-bridge edges with the same label form a cut
    pair (they fail together -> something is cut), up to a 2^-64 chance of a false match.
    """

    tree: DfsTree
    merged: np.ndarray  # node -> its node in the merged graph (roots -> super_root)
    u: np.ndarray
    v: np.ndarray
    bridge: np.ndarray
    label: np.ndarray
    super_root: int


def rooted_cuts(n, u, v, roots):
    """Bridges and cut-pair labels of the graph with every root merged into node ``n``."""
    u, v = _as_edges(u, v)
    merged = np.arange(n + 1, dtype=np.int64)
    merged[np.asarray(roots, dtype=np.int64)] = n
    cu, cv = merged[u], merged[v]
    tree = depth_first_tree(n + 1, cu, cv, n)
    pre, end = tree.pre, tree.end
    children = tree.order[1:]
    bridge = np.zeros(u.size, dtype=bool)
    bridge[tree.parent_edge[children[tree.low[children] >= pre[children]]]] = True

    rng = np.random.default_rng(_LABEL_SEED)
    label = np.zeros(u.size, dtype=np.uint64)
    back = (~tree.tree_edge) & (cu != cv) & (pre[cu] >= 0) & (pre[cv] >= 0)
    back_ids = np.flatnonzero(back)
    label[back_ids] = rng.integers(1, np.iinfo(np.uint64).max, back_ids.size, dtype=np.uint64)
    point = np.zeros(n + 1, dtype=np.uint64)
    ends = np.concatenate([cu[back_ids], cv[back_ids]])
    reduce_into(np.bitwise_xor, point, ends, np.concatenate([label[back_ids], label[back_ids]]))
    prefix = np.concatenate([[np.uint64(0)], np.bitwise_xor.accumulate(point[tree.order])])
    label[tree.parent_edge[children]] = prefix[end[children]] ^ prefix[pre[children]]
    return RootedCuts(tree, merged, cu, cv, bridge, label, n)


def edge_paths_to_roots(cuts, nodes, cap=3):
    """Edge-disjoint paths from each node to the roots, capped at ``cap`` (at most 3).

    0: reaches no root; 1: a single edge cuts it; 2: a pair of edges does; 3: neither.
    A node that is a root counts as ``cap``.
    """
    if cap < 1 or cap > 3:
        raise ValueError("cap must be 1, 2 or 3")
    tree = cuts.tree
    pre, end = tree.pre, tree.end
    size = tree.order.size
    nodes = np.asarray(nodes, dtype=np.int64)
    children = tree.order[1:]
    child_of_edge = np.full(cuts.u.size, -1, dtype=np.int64)
    child_of_edge[tree.parent_edge[children]] = children

    # Single edges: the subtree under every bridge.
    bridge_child = child_of_edge[cuts.bridge]
    single = _coverage(size, pre[bridge_child], end[bridge_child])

    # Cut pairs: tree members of a label class lie on one root path (DFS property).
    reached = (pre[cuts.u] >= 0) & (pre[cuts.v] >= 0) & (cuts.u != cuts.v)
    member = np.flatnonzero(reached & ~cuts.bridge & (cuts.label != 0))
    labels = cuts.label[member]
    uniq, inverse, counts = np.unique(labels, return_inverse=True, return_counts=True)
    in_class = counts[inverse] >= 2
    member, inverse = member[in_class], inverse[in_class]
    is_tree = cuts.tree.tree_edge[member]
    has_back = np.zeros(uniq.size, dtype=bool)
    has_back[inverse[~is_tree]] = True
    tree_members = member[is_tree]
    tree_class = inverse[is_tree]
    tree_child = child_of_edge[tree_members]
    top = np.full(uniq.size, np.iinfo(np.int64).max, dtype=np.int64)
    bottom = np.full(uniq.size, -1, dtype=np.int64)
    reduce_into(np.minimum, top, tree_class, pre[tree_child])
    reduce_into(np.maximum, bottom, tree_class, pre[tree_child])
    has_tree = bottom >= 0
    top_node = tree.order[top[has_tree]]
    bottom_node = tree.order[bottom[has_tree]]
    starts = [pre[top_node]]
    stops = [end[top_node]]
    signs = [np.ones(top_node.size)]
    whole = ~has_back[has_tree]
    starts.append(pre[bottom_node[whole]])
    stops.append(end[bottom_node[whole]])
    signs.append(-np.ones(int(whole.sum())))
    pair = _coverage(size, np.concatenate(starts), np.concatenate(stops), np.concatenate(signs))

    paths = np.zeros(nodes.size, dtype=np.int64)
    ok = nodes >= 0
    nodes = np.where(ok, cuts.merged[np.maximum(nodes, 0)], -1)
    is_root = nodes == cuts.super_root
    ok &= ~is_root
    paths[is_root] = cap
    pos = np.where(ok, pre[np.maximum(nodes, 0)], -1)
    ok &= pos >= 0
    p = pos[ok]
    result = np.full(p.size, 3, dtype=np.int64)
    result[pair[p] > 0] = 2
    result[single[p] > 0] = 1
    paths[ok] = np.minimum(result, cap)
    return paths


def _coverage(size, starts, stops, signs=None):
    """How many [start, stop) ranges (signed) cover each preorder position."""
    if signs is None:
        signs = np.ones(starts.size)
    diff = np.bincount(starts, weights=signs, minlength=size + 1)
    diff -= np.bincount(stops, weights=signs, minlength=size + 1)
    return np.cumsum(diff[:-1])
