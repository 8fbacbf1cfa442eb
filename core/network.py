"""The network model: lines become graph edges, points attach to nodes, defects are reported.

Nodes come either from node ids per line (``from_ids``/``to_ids``, e.g. GraceTHD ``gt_nd1``/
``gt_nd2``) or from line ends clustered within ``tolerance`` metres. Roots, premises and
sites attach to a node through a node-id field or to the nearest node within ``max_snap``.
Whatever would make an analysis wrong is returned in ``defects`` (one row per problem, with a
``kind`` from :data:`DEFECT_KINDS`), never dropped silently.
"""

import math
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from .errors import InputError
from .graph import components
from .monitor import as_monitor

DEFECT_COLUMNS = ["kind", "layer", "index", "detail", "x", "y"]
DEFECT_KINDS = (
    "unplaced",  # a line whose ends cannot be placed (NULL id, no geometry)
    "not_chain",  # a multipart line whose parts do not form one chain
    "near_miss",  # a dangling end close to a line it is not snapped to
    "duplicate",  # a line with the same ends and shape as another
    "zero_length",
    "self_loop",
    "no_root",  # a connected part of the network that reaches no root
    "beyond_snap",  # a point farther than max_snap from every node
    "unknown_node",  # a node id that no line uses
    "no_geometry",  # a line placed only by its node ids, or a point with neither
    "null_node_id",  # a point whose node-id field is NULL: attached by position
    "bad_count",  # a NULL, NaN, infinite or negative premises count
    "duplicate_node_id",  # two points of one layer on the same node id
)
_LINE_TYPES = (1, 2, 5)  # LineString, LinearRing, MultiLineString
_POINT_TYPES = (0, 4)  # Point, MultiPoint
_NULL_TEXT = {None, "", "NULL", "null", "Null"}


def defects_frame(rows=None):
    """An empty or filled defects DataFrame with the standard columns."""
    return pd.DataFrame(rows or [], columns=DEFECT_COLUMNS)


def normalise_id(value):
    """A node id as text; None for NULL/empty. 12, 12.0 and '12' are the same id."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return str(int(value))
    text = str(value).strip()
    if text == "" or text.upper() == "NULL":
        return None
    return text


def normalise_ids(values):
    """:func:`normalise_id` over a whole column, fast for text and integer columns."""
    values = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) else values
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind == "integer" and values.dtype.kind in "iu":
        return values.astype(str).astype(object)
    if kind in ("string", "empty"):
        # A plain comprehension: several times faster than pandas' .str methods here.
        text = [v.strip() if isinstance(v, str) else None for v in values.tolist()]
        return np.array([None if t in _NULL_TEXT else t for t in text], dtype=object)
    return np.array([normalise_id(x) for x in values], dtype=object)


@dataclass
class Network:
    """Edges per input line (``-1`` ends when the line could not be placed)."""

    n_nodes: int
    u: np.ndarray
    v: np.ndarray
    node_xy: np.ndarray  # (n_nodes, 2), NaN when unknown
    node_ids: Optional[np.ndarray]  # node id text per node when built from ids
    length: np.ndarray
    defects: pd.DataFrame

    @property
    def placed(self):
        return (self.u >= 0) & (self.v >= 0)

    def edges(self):
        """(edge ids, u, v) of the placed lines: what the graph algorithms see."""
        ids = np.flatnonzero(self.placed)
        return ids, self.u[ids], self.v[ids]

    def degree(self):
        _, u, v = self.edges()
        return np.bincount(np.concatenate([u, v]), minlength=self.n_nodes)


def _check_lines(lines):
    lines = np.asarray(lines, dtype=object)
    if lines.size == 0:
        raise InputError("The network layer is empty: it needs at least one line.")
    types = shapely.get_type_id(lines)
    wrong = np.flatnonzero((types >= 0) & ~np.isin(types, _LINE_TYPES))
    if wrong.size:
        kind = shapely.get_type_id(lines[wrong[0]])
        raise InputError(
            f"The network must be a line layer: feature {int(wrong[0])} is not a line "
            f"(geometry type id {int(kind)})."
        )
    return lines, types


def _line_ends(lines, types, rows):
    """Start/end coordinates of each line, merging multipart lines into one chain."""
    m = lines.size
    start = np.full((m, 2), np.nan)
    end = np.full((m, 2), np.nan)
    has = (types >= 0) & ~shapely.is_empty(lines)
    multi = has & (types == 5)
    merged = lines.copy()
    not_chain = np.zeros(m, dtype=bool)
    if multi.any():
        merged[multi] = shapely.line_merge(lines[multi])
        not_chain[multi] = shapely.get_type_id(merged[multi]) != 1
    # The first and last coordinates of the (merged) line; for a broken multipart line these
    # are the start of its first part and the end of its last part.
    idx = np.flatnonzero(has)
    coords, owner = shapely.get_coordinates(merged[idx], return_index=True)
    first = np.searchsorted(owner, np.arange(idx.size), side="left")
    last = np.searchsorted(owner, np.arange(idx.size), side="right") - 1
    start[idx] = coords[first]
    end[idx] = coords[last]
    for i in np.flatnonzero(not_chain):
        rows.append(
            (
                "not_chain",
                "network",
                int(i),
                "parts do not form one chain; " "its first and last points are used",
                *start[i],
            )
        )
    return start, end, has


def _cluster_ends(start, end, has, tolerance):
    """Node per line end: ends within ``tolerance`` (single linkage) share a node."""
    m = start.shape[0]
    idx = np.flatnonzero(has)
    # Interleaved (start, end) per line: nodes are numbered in line order.
    points = np.stack([start[idx], end[idx]], axis=1).reshape(-1, 2)
    k = points.shape[0]
    if k == 0:
        return np.full(m, -1), np.full(m, -1), np.zeros((0, 2))
    pairs = cKDTree(points).query_pairs(r=tolerance, output_type="ndarray")
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(k, k))
    _, labels = connected_components(graph, directed=False)
    # Number the nodes by first appearance so the result does not depend on scipy's labels.
    _, first = np.unique(labels, return_index=True)
    rank = np.empty(first.size, dtype=np.int64)
    rank[np.argsort(first)] = np.arange(first.size)
    node = rank[labels]
    node_xy = points[np.sort(first)]
    u = np.full(m, -1, dtype=np.int64)
    v = np.full(m, -1, dtype=np.int64)
    u[idx] = node[0::2]
    v[idx] = node[1::2]
    return u, v, node_xy


def _nodes_from_ids(from_ids, to_ids, start, end, rows):
    m = start.shape[0]
    if len(from_ids) != m or len(to_ids) != m:
        raise InputError("FROM/TO node ids must be given for every line.")
    both = np.concatenate([normalise_ids(from_ids), normalise_ids(to_ids)])
    # Nodes numbered by first appearance (hashing; sorting a million ids costs seconds).
    codes, known = pd.factorize(pd.Series(both, dtype=object))
    known = [str(x) for x in known]
    u = codes[:m].astype(np.int64)
    v = codes[m:].astype(np.int64)
    node_xy = np.full((len(known), 2), np.nan)
    # A node's position: the first line end with a geometry that names it (reversed lines
    # keep it right); a line without geometry must not erase its nodes' positions.
    for ends, coords in ((v, end), (u, start)):
        ok = (ends >= 0) & np.isfinite(coords[:, 0])
        node_xy[ends[ok][::-1]] = coords[ok][::-1]
    for i in np.flatnonzero((u < 0) | (v < 0)):
        missing = "from" if u[i] < 0 else "to"
        rows.append(("unplaced", "network", int(i), f"NULL {missing} node id", *start[i]))
    return u, v, node_xy, np.array(known, dtype=object)


def _near_misses(lines, u, v, node_xy, degree, tolerance, near_miss, rows):
    """Dangling ends within ``near_miss`` of a line they are not joined to."""
    dangling = np.flatnonzero((degree == 1) & np.isfinite(node_xy[:, 0]))
    if dangling.size == 0 or near_miss <= tolerance:
        return
    points = shapely.points(node_xy[dangling])
    # Zero-length lines are reported on their own and have no usable distance.
    placed = np.flatnonzero((u >= 0) & (v >= 0) & (shapely.length(lines) > 0))
    tree = shapely.STRtree(lines[placed])
    p_idx, l_idx = tree.query(points, predicate="dwithin", distance=near_miss)
    l_idx = placed[l_idx]
    node = dangling[p_idx]
    keep = (u[l_idx] != node) & (v[l_idx] != node)
    p_idx, l_idx, node = p_idx[keep], l_idx[keep], node[keep]
    if node.size == 0:
        return
    dist = shapely.distance(points[p_idx], lines[l_idx])
    order = np.lexsort((l_idx, dist, node))
    node, l_idx, dist = node[order], l_idx[order], dist[order]
    first = np.ones(node.size, dtype=bool)
    first[1:] = node[1:] != node[:-1]
    # Report against the line that owns the dangling end.
    line_of = np.full(node_xy.shape[0], -1, dtype=np.int64)
    placed = np.flatnonzero(u >= 0)
    line_of[u[placed][::-1]] = placed[::-1]
    placed = np.flatnonzero(v >= 0)
    line_of[v[placed][::-1]] = placed[::-1]
    for n_, line, d in zip(node[first], l_idx[first], dist[first]):
        rows.append(
            (
                "near_miss",
                "network",
                int(line_of[n_]),
                f"end {d:.2f} m from line {int(line)}, not joined",
                *node_xy[n_],
            )
        )


def _shape_defects(lines, u, v, length, start, tolerance, rows, has):
    """Lines without geometry (placed by their node ids), zero-length lines, self-loops and
    duplicate lines."""
    placed = (u >= 0) & (v >= 0)
    for i in np.flatnonzero(placed & ~has):
        rows.append(
            ("no_geometry", "network", int(i), "no geometry: placed by its node ids", *start[i])
        )
    zero = placed & has & (length <= 0)
    for i in np.flatnonzero(zero):
        rows.append(("zero_length", "network", int(i), "line of length 0", *start[i]))
    for i in np.flatnonzero(placed & has & ~zero & (u == v)):
        rows.append(("self_loop", "network", int(i), "both ends on the same node", *start[i]))
    idx = np.flatnonzero(placed & (u != v))
    lo, hi = np.minimum(u[idx], v[idx]), np.maximum(u[idx], v[idx])
    order = np.lexsort((length[idx], hi, lo))
    idx, lo, hi = idx[order], lo[order], hi[order]
    same = (lo[1:] == lo[:-1]) & (hi[1:] == hi[:-1])
    a, b = idx[:-1][same], idx[1:][same]
    if a.size:
        close = shapely.hausdorff_distance(lines[a], lines[b]) <= tolerance
        for i, j in zip(a[close], b[close]):
            rows.append(("duplicate", "network", int(j), f"same as line {int(i)}", *start[j]))


def build_network(
    lines,
    from_ids=None,
    to_ids=None,
    tolerance=0.5,
    near_miss=None,
    progress=None,
    is_cancelled=None,
):
    """The network graph of ``lines`` (shapely lines, projected metres).

    ``from_ids``/``to_ids``: node ids per line (any type; NULL -> the line is ``unplaced``),
    otherwise ends within ``tolerance`` share a node. ``near_miss`` (default 10 x tolerance):
    dangling ends this close to another line are reported.
    """
    monitor = as_monitor(progress, is_cancelled)
    if tolerance < 0:
        raise InputError("TOLERANCE must be 0 or more metres.")
    near_miss = 10.0 * max(tolerance, 0.1) if near_miss is None else near_miss
    lines, types = _check_lines(lines)
    rows = []
    start, end, has = _line_ends(lines, types, rows)
    monitor.report(0.2)
    if (from_ids is None) != (to_ids is None):
        raise InputError("Give both FROM_FIELD and TO_FIELD, or neither.")
    if from_ids is not None:
        u, v, node_xy, node_ids = _nodes_from_ids(from_ids, to_ids, start, end, rows)
    else:
        u, v, node_xy = _cluster_ends(start, end, has, tolerance)
        node_ids = None
        for i in np.flatnonzero(~has):
            rows.append(("unplaced", "network", int(i), "no geometry", np.nan, np.nan))
    monitor.report(0.5)
    length = np.where(has, shapely.length(lines), 0.0)
    net = Network(int(node_xy.shape[0]), u, v, node_xy, node_ids, length, defects_frame())
    _shape_defects(lines, u, v, length, start, tolerance, rows, has)
    monitor.report(0.7)
    _near_misses(lines, u, v, node_xy, net.degree(), tolerance, near_miss, rows)
    monitor.report(1.0)
    net.defects = defects_frame(rows)
    return net


@dataclass
class Attachment:
    """The node of each point (``-1`` when not attached) and its distance to it (m)."""

    node: np.ndarray
    distance: np.ndarray
    defects: pd.DataFrame = field(default_factory=defects_frame)


def attach_points(network, layer, points=None, node_ids=None, max_snap=50.0):
    """Attach points to nodes: by node id when given, else to the nearest node in ``max_snap``.

    ``layer`` names the input in messages and defects ('roots', 'premises', 'sites').
    """
    count = len(points) if points is not None else len(node_ids) if node_ids is not None else 0
    node = np.full(count, -1, dtype=np.int64)
    distance = np.full(count, np.nan)
    rows = []
    to_snap = np.ones(count, dtype=bool)
    if node_ids is not None:
        if network.node_ids is None:
            raise InputError(
                f"A node-id field for {layer} needs a network built from node ids "
                "(FROM_FIELD and TO_FIELD)."
            )
        ids = normalise_ids(node_ids)
        named = np.flatnonzero(pd.notna(ids))
        to_snap[named] = False
        if points is not None:
            for i in np.flatnonzero(to_snap):
                rows.append(
                    (
                        "null_node_id",
                        layer,
                        int(i),
                        "NULL node id: attached by position",
                        np.nan,
                        np.nan,
                    )
                )
        found = pd.Index(network.node_ids).get_indexer(ids[named])
        for i in named[found < 0]:
            rows.append(
                ("unknown_node", layer, int(i), f"node id {ids[i]!r} is on no line", np.nan, np.nan)
            )
        node[named[found >= 0]] = found[found >= 0]
        distance[named[found >= 0]] = 0.0
        if layer == "sites":
            placed = named[found >= 0]
            first = pd.Series(placed).groupby(node[placed]).transform("first").to_numpy()
            for i, j in zip(placed[first != placed], first[first != placed]):
                rows.append(
                    (
                        "duplicate_node_id",
                        layer,
                        int(i),
                        f"node id {ids[i]!r} also used by feature {int(j)}",
                        *network.node_xy[node[i]],
                    )
                )
    if points is not None and to_snap.any():
        _snap(
            network,
            layer,
            np.asarray(points, dtype=object),
            to_snap,
            max_snap,
            node,
            distance,
            rows,
        )
    elif to_snap.any():
        for i in np.flatnonzero(to_snap):
            rows.append(("no_geometry", layer, int(i), "NULL node id", np.nan, np.nan))
    return Attachment(node, distance, defects_frame(rows))


def _snap(network, layer, points, to_snap, max_snap, node, distance, rows):
    types = shapely.get_type_id(points)
    wrong = np.flatnonzero(to_snap & (types >= 0) & ~np.isin(types, _POINT_TYPES))
    if wrong.size:
        raise InputError(f"The {layer} layer must hold points: feature {int(wrong[0])} does not.")
    has = to_snap & (types >= 0) & ~shapely.is_empty(points)
    for i in np.flatnonzero(to_snap & ~has):
        rows.append(("no_geometry", layer, int(i), "no geometry", np.nan, np.nan))
    idx = np.flatnonzero(has)
    known = np.flatnonzero(np.isfinite(network.node_xy[:, 0]))
    if idx.size == 0:
        return
    # A multipoint attaches by its first point.
    coords, owner = shapely.get_coordinates(points[idx], return_index=True)
    xy = coords[np.searchsorted(owner, np.arange(idx.size))]
    if known.size == 0:
        dist = np.full(idx.size, np.inf)
        nearest = np.zeros(idx.size, dtype=np.int64)
    else:
        dist, nearest = cKDTree(network.node_xy[known]).query(xy, k=1, workers=-1)
    close = dist <= max_snap
    node[idx[close]] = known[nearest[close]] if known.size else -1
    distance[idx] = dist
    for i, d, (x, y) in zip(idx[~close], dist[~close], xy[~close]):
        rows.append(("beyond_snap", layer, int(i), f"nearest node {d:.1f} m away", x, y))


def parse_groups(values):
    """Shared-risk groups per line from ``a;b,c`` text: (line index, group index, names)."""
    # A plain loop: pandas' split, explode and strip took 1 s for 515,704 regional routes.
    lines, parts = [], []
    for line, text in enumerate(normalise_ids(values).tolist()):
        if text is None:
            continue
        for part in text.replace(",", ";").split(";"):
            part = part.strip()
            if part:
                lines.append(line)
                parts.append(part)
    # Groups numbered by first appearance; one row per (line, group).
    codes, names = pd.factorize(np.array(parts, dtype=object))
    pairs = np.unique(np.column_stack([np.array(lines, dtype=np.int64), codes]), axis=0)
    pairs = pairs.reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1], np.asarray(names, dtype=object)


def count_values(values, layer="premises"):
    """Premises counts: NULL (or NaN, or not a number) -> 1, infinite -> 1 and negative
    -> 0, each reported as ``bad_count``."""
    numbers = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce")
    numbers = numbers.to_numpy(dtype=float, na_value=np.nan)
    rows = []
    for i in np.flatnonzero(np.isnan(numbers)):
        rows.append(("bad_count", layer, int(i), "NULL count, taken as 1", np.nan, np.nan))
    infinite = np.isinf(numbers)
    for i in np.flatnonzero(infinite):
        rows.append(("bad_count", layer, int(i), "infinite count, taken as 1", np.nan, np.nan))
    numbers[infinite] = np.nan  # taken as 1, as NULL
    for i in np.flatnonzero(numbers < 0):
        rows.append(
            (
                "bad_count",
                layer,
                int(i),
                f"negative count {numbers[i]:g}, taken as 0",
                np.nan,
                np.nan,
            )
        )
    counts = np.where(np.isnan(numbers), 1.0, np.maximum(numbers, 0.0))
    return counts, defects_frame(rows)


def node_table(network, root_nodes):
    """Per node: degree, component and whether the component holds a root; and no_root rows."""
    _, u, v = network.edges()
    comp = components(network.n_nodes, u, v)
    degree = network.degree()
    roots = np.asarray(root_nodes, dtype=np.int64)
    roots = roots[roots >= 0]
    rooted_comp = np.zeros(comp.max() + 1 if comp.size else 0, dtype=bool)
    rooted_comp[comp[roots]] = True
    rooted = rooted_comp[comp] if comp.size else np.zeros(0, dtype=bool)
    table = pd.DataFrame(
        {
            "node_id": network.node_ids
            if network.node_ids is not None
            else np.arange(network.n_nodes).astype(str),
            "degree": degree,
            "component": comp,
            "rooted": rooted.astype(np.int64),
            "x": network.node_xy[:, 0],
            "y": network.node_xy[:, 1],
        }
    )
    rows = []
    used = np.flatnonzero(degree > 0)
    sizes = np.bincount(comp)
    _, first = np.unique(comp[used], return_index=True)
    for n_ in used[first]:
        if not rooted[n_]:
            rows.append(
                (
                    "no_root",
                    "nodes",
                    int(n_),
                    f"component {int(comp[n_])} of "
                    f"{int(sizes[comp[n_]])} nodes reaches no root",
                    *network.node_xy[n_],
                )
            )
    return table, defects_frame(rows)


def _count(points, ids):
    if points is not None:
        return len(points)
    return len(ids) if ids is not None else 0


@dataclass
class NetworkModel:
    """The graph with its roots, premises, sites and shared-risk groups, and all defects."""

    network: Network
    roots: Attachment
    premises: Attachment
    premises_count: np.ndarray
    sites: Attachment
    srlg_line: np.ndarray  # (line, group) pairs
    srlg_group: np.ndarray
    srlg_names: np.ndarray
    nodes: pd.DataFrame
    defects: pd.DataFrame

    @property
    def root_nodes(self):
        return np.unique(self.roots.node[self.roots.node >= 0])


def build_model(
    lines,
    from_ids=None,
    to_ids=None,
    tolerance=0.5,
    roots=None,
    root_ids=None,
    premises=None,
    premises_ids=None,
    premises_count=None,
    sites=None,
    site_ids=None,
    max_snap=50.0,
    srlg=None,
    near_miss=None,
    progress=None,
    is_cancelled=None,
):
    """Build the network and attach roots, premises and sites (see :func:`build_network`).

    Raises :class:`InputError` when there are no roots or none of them is on the network.
    ``premises_count``: one value per premises point (default 1 each); ``srlg``: group text
    per line (``a;b``), or None.
    """
    monitor = as_monitor(progress, is_cancelled)
    if _count(roots, root_ids) == 0:
        raise InputError("The roots layer is empty: give at least one root (NRO or POP).")
    network = build_network(
        lines, from_ids, to_ids, tolerance, near_miss, progress=monitor.slice(0.0, 0.7).report
    )
    monitor.check()
    root_att = attach_points(network, "roots", roots, root_ids, max_snap)
    if not (root_att.node >= 0).any():
        raise InputError(
            f"No root is on the network: none lies within MAX_SNAP ({max_snap:g} m) of a "
            "network node or names a node id used by a line."
        )
    premises_att = attach_points(network, "premises", premises, premises_ids, max_snap)
    sites_att = attach_points(network, "sites", sites, site_ids, max_snap)
    monitor.report(0.85)
    frames = [network.defects, root_att.defects, premises_att.defects, sites_att.defects]
    n_premises = premises_att.node.size
    if premises_count is None:
        counts = np.ones(n_premises)
    else:
        if len(premises_count) != n_premises:
            raise InputError("PREMISES_COUNT must give one value per premises point.")
        counts, count_defects = count_values(premises_count)
        frames.append(count_defects)
    if srlg is not None:
        if len(srlg) != network.u.size:
            raise InputError("SRLG_FIELD must give one value per network line.")
        srlg_line, srlg_group, srlg_names = parse_groups(srlg)
    else:
        srlg_line = srlg_group = np.zeros(0, dtype=np.int64)
        srlg_names = np.zeros(0, dtype=object)
    nodes, component_defects = node_table(network, root_att.node)
    frames.append(component_defects)
    defects = (
        pd.concat([f for f in frames if len(f)], ignore_index=True)
        if any(len(f) for f in frames)
        else defects_frame()
    )
    monitor.report(1.0)
    return NetworkModel(
        network,
        root_att,
        premises_att,
        counts,
        sites_att,
        srlg_line,
        srlg_group,
        srlg_names,
        nodes,
        defects,
    )
