"""Crew access under a hazard: nearest depot, normal and hazard travel times, routes, areas.

Roads are cut where the hazard starts and stops, so a road is impassable only on its
flooded part; depots and targets are snapped onto road pieces (the partial piece counts).
Travel goes FROM depots TO targets on the directed graph, one multi-source Dijkstra per
condition (``min_only=True`` gives the nearest depot of every node in one pass).

A depot inside the hazard (in a blocked polygon, or where the road it joins is impassable)
is flooded: it serves in normal conditions, not under the hazard.

Staging: a target the hazard cuts off (no route under the hazard, and either in the water
or reached in normal conditions) gets the *dry staging point*: of all the points on passable
road pieces that a crew can drive to under the hazard, the one nearest the target in a
straight line (ties: the earliest). ``dry_min`` is the hazard travel time from the best
depot to it, ``dry_m`` the straight-line distance left from it to the target.
"""

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Optional, Sequence, Union

import numpy as np
import pandas as pd
import shapely
from scipy.sparse.csgraph import dijkstra

from .errors import InputError
from .monitor import as_monitor
from .raster_sampling import RasterGrid, cut_segments
from .roads import (
    BACKWARD,
    FORWARD,
    Pieces,
    RoadNetwork,
    cut_pieces,
    piece_coords,
    piece_graph,
    run_starts,
)

CONDITIONS = ("normal", "hazard")
# Maps (N, 2) coordinates of the roads' CRS to the raster's CRS (None: the same CRS).
ToRaster = Optional[Callable[[np.ndarray], np.ndarray]]


@dataclass
class Snap:
    """Where points or shapes meet the network: line, position, distance, within reach."""

    line: np.ndarray
    pos: np.ndarray
    distance: np.ndarray
    ok: np.ndarray


@dataclass
class AccessResult:
    """Per target: depot (hazard), times (min), delay, reach, km; plus optional outputs.

    ``depot``/``depot_normal`` index the input depots (-1: none); times, ``delay`` and ``km``
    are NaN when there is no route. ``km`` is the length of the hazard-condition route.
    """

    depot: np.ndarray
    depot_normal: np.ndarray
    t0_min: np.ndarray
    t1_min: np.ndarray
    delay_min: np.ndarray
    reach: np.ndarray
    km: np.ndarray
    snap_m: np.ndarray
    snapped: np.ndarray
    depot_snapped: np.ndarray
    depot_snap_m: np.ndarray
    routes: Optional[np.ndarray] = None
    blocked_roads: Optional[pd.DataFrame] = None
    service_areas: Optional[pd.DataFrame] = None
    counts: Dict[str, float] = field(default_factory=dict)
    # Staging of the targets the hazard cuts off (see the module); NaN/None/-1 elsewhere.
    dry_min: Optional[np.ndarray] = None
    dry_m: Optional[np.ndarray] = None
    staging: Optional[np.ndarray] = None  # shapely points
    staging_depot: Optional[np.ndarray] = None
    depot_flooded: Optional[np.ndarray] = None  # per input depot: in the hazard, not used

    @property
    def unreachable_count(self) -> int:
        return int((~self.reach).sum())

    @property
    def mean_delay(self) -> float:
        both = np.isfinite(self.delay_min)
        return float(self.delay_min[both].mean()) if both.any() else float("nan")

    @property
    def worst_delay(self) -> float:
        both = np.isfinite(self.delay_min)
        return float(self.delay_min[both].max()) if both.any() else float("nan")


def _line_key(network: RoadNetwork, line: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """A sortable "line + fraction" key of positions along lines."""
    span = np.maximum(network.length[line], 1e-300)
    return line + np.clip(pos / span, 0.0, 1.0) * 0.5


def factor_at(network: RoadNetwork, hazard: tuple, line: np.ndarray, pos: np.ndarray):
    """The hazard speed factor (0 = impassable) at positions along lines, from
    :func:`hazard_intervals`' result; a position on a boundary takes the interval after it."""
    keys = _line_key(network, hazard[0], hazard[1])
    where = np.searchsorted(keys, _line_key(network, line, pos), side="right") - 1
    return hazard[3][np.maximum(where, 0)]


def _intervals(network: RoadNetwork, lines: np.ndarray, cut_line, cut_pos):
    """Sorted intervals (line, start, end) of ``lines`` cut at the given positions."""
    n = lines.size
    line = np.r_[lines, lines, cut_line].astype(np.int64)
    pos = np.r_[np.zeros(n), network.length[lines], np.clip(cut_pos, 0, network.length[cut_line])]
    order = np.lexsort((pos, line))
    line, pos = line[order], pos[order]
    keep = run_starts(line, pos)
    line, pos = line[keep], pos[keep]
    same = line[1:] == line[:-1]
    return line[1:][same], pos[:-1][same], pos[1:][same]


def polygons_hit(
    polygons: np.ndarray, geometries: np.ndarray, tree: Optional[shapely.STRtree] = None
) -> np.ndarray:
    """Sorted indices of the ``geometries`` that meet (intersect) any of the ``polygons``.

    The index is built on the geometries and queried with each polygon, so GEOS prepares each
    polygon once and tests its many geometries against its own index; the other way round
    tests every geometry against a whole unprepared polygon, each time walking all of its
    vertices (a flood zone of the regional set has tens of thousands). Empty and missing
    geometries meet nothing. ``tree``: the geometries' index when there is one already.
    """
    polygons = np.asarray(polygons, dtype=object)
    geometries = np.asarray(geometries, dtype=object)
    if not polygons.size or not geometries.size:
        return np.zeros(0, np.int64)
    tree = shapely.STRtree(geometries) if tree is None else tree
    _, hit = tree.query(polygons, predicate="intersects")
    return np.unique(hit)


def _boundary_segments(polygons: np.ndarray) -> np.ndarray:
    """Every segment of the polygons' rings as a two-point line (the boundary in bulk)."""
    rings = shapely.get_parts(shapely.boundary(polygons))
    xy, ring = shapely.get_coordinates(rings, return_index=True)
    start = np.flatnonzero(ring[1:] == ring[:-1])
    return shapely.linestrings(np.stack([xy[start], xy[start + 1]], axis=1))


def _polygon_cuts(network: RoadNetwork, polygons: np.ndarray):
    """Lines touching the polygons and the positions where they cross a boundary.

    In bulk, once per flood zone: the lines a zone meets come from the lines' index queried
    with the prepared zone (:func:`polygons_hit`), and each of them is intersected only with
    the boundary segments it meets, not with the zone's whole boundary (every pair walked all
    of a large zone's vertices: 36 s on the regional set). A line meets the boundary where it
    meets one of its segments, and GEOS computes each crossing from the same pair of segments
    either way, so the points are the same.
    """
    lines = polygons_hit(polygons, network.lines, network.tree)  # the snaps' index
    segments = _boundary_segments(polygons)
    li, si = shapely.STRtree(segments).query(network.lines[lines], predicate="intersects")
    li = lines[li]
    crossing = shapely.intersection(network.lines[li], segments[si])
    xy, k = shapely.get_coordinates(crossing, return_index=True)
    cut_line = li[k]
    cut_pos = shapely.line_locate_point(network.lines[cut_line], shapely.points(xy))
    return lines, cut_line, cut_pos


def _raster_pieces(network: RoadNetwork, grid: RasterGrid, to_raster: ToRaster = None):
    """The lines cut at the raster's own cell edges, as exposure cuts them.

    Each line segment is brought to the raster's CRS by its end points (``to_raster``, None
    when the roads are in it already) and cut there at every cell edge it crosses; a cut at
    parameter t of a segment lies at the same t of the segment in the roads' CRS. Returns
    the cut positions (line, metres along it) and, per piece, its line, start position,
    "line + fraction" key and cell value (depth; NaN outside the grid and for nodata).
    """
    coords, owner, cum, _ = network.vertices
    xy = coords if to_raster is None else np.asarray(to_raster(coords), float).reshape(-1, 2)
    start = np.flatnonzero(owner[1:] == owner[:-1])  # segment: vertex start -> start + 1
    cut = cut_segments(grid, xy[start], xy[start + 1])
    seg_len = cum[start + 1] - cum[start]
    line = owner[start[cut.seg]].astype(np.int64)
    pos = np.minimum(cum[start[cut.seg]] + cut.t0 * seg_len[cut.seg], network.length[line])
    return line, pos, _line_key(network, line, pos), cut.value


def hazard_intervals(
    network: RoadNetwork,
    blocked: Optional[Sequence] = None,
    raster: Optional[RasterGrid] = None,
    max_depth: float = 0.3,
    depth_speed_factor: Optional[float] = None,
    keep_bridges: bool = True,
    raster_transform: ToRaster = None,
):
    """Road intervals with their hazard speed factor (0 = impassable, 1 = unaffected).

    Returns (line, start, end, factor) covering every line, consecutive intervals with the
    same factor merged. A line is blocked where it lies in a ``blocked`` polygon (its
    boundary counts) or over water deeper than ``max_depth``; shallower water multiplies the
    speed by ``depth_speed_factor`` when given. Bridges are exempt when ``keep_bridges``.
    The raster is read on its own cells: ``raster_transform`` maps the roads' coordinates
    to the raster's CRS (None when they share it), see ``_raster_pieces``.
    """
    n_lines = network.lines.shape[0]
    cand = [np.zeros(0, np.int64)]
    cuts_l, cuts_p = [np.zeros(0, np.int64)], [np.zeros(0)]
    polys = np.zeros(0, dtype=object)
    if blocked is not None:
        polys = np.asarray(blocked, dtype=object)
        polys = polys[~shapely.is_empty(polys) & (shapely.get_dimensions(polys) == 2)]
        polys = shapely.make_valid(polys)
        if polys.size:
            lines, cl, cp = _polygon_cuts(network, polys)
            cand.append(lines)
            cuts_l.append(cl)
            cuts_p.append(cp)
    if raster is not None:
        cell_line, cell_pos, cell_key, cell_depth = _raster_pieces(
            network, raster, raster_transform
        )
        cand.append(np.arange(n_lines))
        cuts_l.append(cell_line)
        cuts_p.append(cell_pos)
    lines = np.unique(np.concatenate(cand))
    if keep_bridges:
        lines = lines[~network.bridge[lines]]
    cut_l, cut_p = np.concatenate(cuts_l), np.concatenate(cuts_p)
    keep = np.isin(cut_l, lines)
    line, start, end = _intervals(network, lines, cut_l[keep], cut_p[keep])
    factor = np.ones(line.size)
    if line.size:
        if polys.size:
            mid = network.points_at(line, (start + end) / 2)
            factor[polygons_hit(polys, shapely.points(mid))] = 0.0
        if raster is not None:
            # The piece holding each interval's middle: intervals never straddle a cell edge.
            at = np.searchsorted(cell_key, _line_key(network, line, (start + end) / 2), "right")
            depth = np.full(line.size, np.nan)
            inside = at > 0
            inside[inside] = cell_line[at[inside] - 1] == line[inside]  # a line with no piece: dry
            depth[inside] = cell_depth[at[inside] - 1]
            wet = depth > 0
            if depth_speed_factor is not None:
                slow = float(depth_speed_factor)
                if not 0 < slow <= 1:
                    raise InputError("The depth speed factor must be in (0, 1].")
                factor = np.where(wet, np.minimum(factor, slow), factor)
            factor = np.where(depth > raster.at_precision(max_depth), 0.0, factor)
    # Untouched lines are one interval at full speed.
    rest = np.setdiff1d(np.arange(n_lines), lines)
    line = np.r_[line, rest]
    start = np.r_[start, np.zeros(rest.size)]
    end = np.r_[end, network.length[rest]]
    factor = np.r_[factor, np.ones(rest.size)]
    order = np.lexsort((start, line))
    line, start, end, factor = line[order], start[order], end[order], factor[order]
    # Merge neighbours on one line with the same factor: fewer nodes, same times.
    new = run_starts(line, factor)
    last = np.r_[np.flatnonzero(new)[1:] - 1, line.size - 1].astype(np.int64)[: int(new.sum())]
    return line[new], start[new], end[last], factor[new]


def snap_to_roads(
    network: RoadNetwork, geometries: Union[Sequence, np.ndarray], max_snap: float
) -> Snap:
    """Nearest point of each geometry's nearest road; ``ok`` where within ``max_snap``.

    A line or polygon is reached at its point nearest the network. Empty geometries do not
    snap (distance NaN); those farther than ``max_snap`` keep their distance, ``ok`` False.
    """
    geoms = np.asarray(geometries, dtype=object)
    n = geoms.shape[0]
    line = np.full(n, -1, np.int64)
    pos = np.zeros(n)
    distance = np.full(n, np.nan)
    valid = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if valid.any() and network.lines.size:
        tree = network.tree
        todo = np.flatnonzero(valid)
        # One open search: measured faster than a bounded one (GEOS 3.11, 1M roads) and it
        # gives the distance of those beyond max_snap too.
        (gi, li), dist = tree.query_nearest(geoms[todo], return_distance=True, all_matches=False)
        idx = todo[gi]
        near = shapely.get_point(shapely.shortest_line(network.lines[li], geoms[idx]), 0)
        line[idx] = li
        pos[idx] = shapely.line_locate_point(network.lines[li], near)
        distance[idx] = dist
    ok = (line >= 0) & (distance <= max_snap)
    return Snap(line=line, pos=pos, distance=distance, ok=ok)


def _tree_sum(pred: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Sum of ``value`` along each node's predecessor chain (pointer jumping, no loops)."""
    acc = value.copy()
    jump = np.where(pred >= 0, pred, np.arange(pred.size))
    acc[pred < 0] = 0.0
    while True:
        nxt = jump[jump]
        if np.array_equal(nxt, jump):
            return acc
        acc = acc + np.where(jump != np.arange(jump.size), acc[jump], 0.0)
        jump = nxt


def _edge_index(graph, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Stored-edge index of each (src, dst) pair of the graph."""
    n = graph.matrix.shape[0]
    return np.searchsorted(graph.keys, src.astype(np.int64) * n + dst)


def _route_steps(pred: np.ndarray, ends: np.ndarray):
    """Nodes entered along each route root -> end, all routes at once: (nodes, steps per route).

    Walks the predecessor tree one level per pass for every route together, so the Python
    loop runs as many times as the longest route has edges, not once per target.
    """
    depth = np.rint(_tree_sum(pred, (pred >= 0).astype(float))).astype(np.int64)
    count = depth[ends]
    slot = np.cumsum(count) - 1  # last step of each route, filled first
    nodes = np.empty(int(count.sum()), np.int64)
    cur = ends[count > 0]
    slot = slot[count > 0]
    while cur.size:
        nodes[slot] = cur
        cur, slot = pred[cur], slot - 1
        more = pred[cur] >= 0
        cur, slot = cur[more], slot[more]
    return nodes, count


def _routes(network, pieces, pred, in_piece, in_forward, target_node, reach):
    """Route lines (depot -> target) of the reached targets; None elsewhere.

    ``in_piece``/``in_forward``: the piece by which the tree enters each node and whether
    it is travelled along its digitised direction. Each tree piece is drawn once and shared
    by every route through it.
    """
    routes = np.full(target_node.size, None, dtype=object)
    done = np.flatnonzero(reach)
    steps, count = _route_steps(pred, target_node[done])
    done, count = done[count > 0], count[count > 0]
    if not done.size:
        return routes
    # The tree pieces the routes use, their coordinates once, oriented in travel order.
    used = np.zeros(pred.size, bool)
    used[steps] = True
    node = np.flatnonzero(used)
    block = np.full(pred.size, -1, np.int64)
    block[node] = np.arange(node.size)
    piece = in_piece[node]
    xy, part = piece_coords(network, pieces.line[piece], pieces.start[piece], pieces.end[piece])
    size = np.bincount(part, minlength=node.size)
    begin = np.r_[0, np.cumsum(size)[:-1]]
    idx = np.arange(part.size)
    rev = ~in_forward[node][part]
    idx[rev] = (2 * begin[part] + size[part] - 1 - idx)[rev]
    xy = xy[idx]
    # Each step copies its piece's block; later steps drop the joint shared with the last.
    b = block[steps]
    first = np.zeros(steps.size, bool)
    first[np.r_[0, np.cumsum(count)[:-1]]] = True
    skip = (~first).astype(np.int64)
    take = size[b] - skip
    out_begin = np.r_[0, np.cumsum(take)[:-1]]
    gather = np.repeat(begin[b] + skip - out_begin, take) + np.arange(int(take.sum()))
    owner = np.repeat(np.repeat(np.arange(done.size), count), take)
    routes[done] = shapely.linestrings(xy[gather], indices=owner)
    return routes


def _service_areas(network, pieces, factors, depot_nodes, depot_ids, minutes, monitor, flooded=()):
    """Per depot, condition and threshold: the road parts reachable within the minutes;
    the ``flooded`` depots (ids) have none under the hazard."""
    minutes = np.sort(np.asarray(minutes, float))
    rows, part_line, part_a, part_b, part_group = [], [], [], [], []
    base_speed = network.speed_kmh[pieces.line] / 3.6 * 60.0
    direction = network.direction[pieces.line]
    total = max(len(depot_nodes) * len(CONDITIONS), 1)
    step = 0
    for cond, factor in zip(CONDITIONS, factors):
        graph = piece_graph(network, pieces, factor)
        speed = base_speed * (1.0 if factor is None else factor)
        with np.errstate(divide="ignore"):
            w = np.where(speed > 0, pieces.length / np.where(speed > 0, speed, 1.0), np.inf)
        passable = np.isfinite(w) & (pieces.u != pieces.v)
        fwd_ok = passable & (direction != BACKWARD)
        bwd_ok = passable & (direction != FORWARD)
        for node, depot in zip(depot_nodes, depot_ids):
            if cond == "hazard" and int(depot) in flooded:
                step += 1
                continue
            dist = dijkstra(graph.matrix, directed=True, indices=int(node), limit=minutes[-1])
            for t in minutes:
                with np.errstate(invalid="ignore"):
                    fu = np.where(fwd_ok, np.clip((t - dist[pieces.u]) / w, 0, 1), 0.0)
                    fv = np.where(bwd_ok, np.clip((t - dist[pieces.v]) / w, 0, 1), 0.0)
                fu, fv = np.nan_to_num(fu), np.nan_to_num(fv)
                whole = fu + fv >= 1
                a_part = ~whole & (fu > 0)
                b_part = ~whole & (fv > 0)
                length = pieces.length
                lines_ = np.r_[pieces.line[whole], pieces.line[a_part], pieces.line[b_part]]
                a = np.r_[
                    pieces.start[whole],
                    pieces.start[a_part],
                    pieces.end[b_part] - fv[b_part] * length[b_part],
                ]
                b = np.r_[
                    pieces.end[whole],
                    pieces.start[a_part] + fu[a_part] * length[a_part],
                    pieces.end[b_part],
                ]
                group = len(rows)
                rows.append(
                    {
                        "depot": int(depot),
                        "condition": cond,
                        "minutes": float(t),
                        "km": float((b - a).sum() / 1000.0),
                    }
                )
                part_line.append(lines_)
                part_a.append(a)
                part_b.append(b)
                part_group.append(np.full(lines_.size, group))
            step += 1
            monitor.report(step / total)
    table = pd.DataFrame(rows, columns=["depot", "condition", "minutes", "km"])
    geoms = np.full(len(rows), None, dtype=object)
    if rows:
        line = np.concatenate(part_line)
        a, b = np.concatenate(part_a), np.concatenate(part_b)
        group = np.concatenate(part_group)
        xy, part = piece_coords(network, line, a, b)
        parts = shapely.linestrings(xy, indices=part)
        used = np.unique(group)
        geoms[used] = shapely.multilinestrings(parts, indices=np.searchsorted(used, group))
    table["geometry"] = geoms
    return table


@dataclass
class AccessGraphs:
    """The cut road pieces with the snapped depots and targets, and the hazard factors."""

    pieces: Pieces
    depot_snap: Snap
    target_snap: Snap
    depot_nodes: np.ndarray  # node of each snapped depot, in layer order
    target_nodes: np.ndarray  # node of each snapped target, in layer order
    hazard: Optional[tuple]  # hazard_intervals() result, None without a hazard
    factor: Optional[np.ndarray]  # hazard speed factor of each piece, None without a hazard


def access_graphs(
    network: RoadNetwork,
    depots: Union[Sequence, np.ndarray],
    targets: Union[Sequence, np.ndarray],
    blocked: Optional[Sequence] = None,
    raster: Optional[RasterGrid] = None,
    max_depth: float = 0.3,
    depth_speed_factor: Optional[float] = None,
    keep_bridges: bool = True,
    max_snap: float = 500.0,
    monitor=None,
    depot_names: Optional[Sequence] = None,
    raster_transform: ToRaster = None,
    intervals: Optional[tuple] = None,
) -> AccessGraphs:
    """Roads cut at the hazard's edges and at the snap points of depots and targets.

    ``intervals``: :func:`hazard_intervals`' result for these arguments when the caller has
    it already (it is not computed twice).
    """
    monitor = monitor or as_monitor()
    hz = intervals
    if hz is None and (blocked is not None or raster is not None):
        hz = hazard_intervals(
            network,
            blocked,
            raster,
            max_depth,
            depth_speed_factor,
            keep_bridges,
            raster_transform=raster_transform,
        )
    monitor.report(0.5)
    dsnap = snap_to_roads(network, depots, max_snap)
    if not dsnap.ok.any():
        nearest = np.nanmin(dsnap.distance) if np.isfinite(dsnap.distance).any() else np.nan
        names = [str(v) for v in (depot_names if depot_names is not None else range(len(depots)))]
        listed = ", ".join(
            f"{name} ({d:.0f} m)" if np.isfinite(d) else f"{name} (no geometry)"
            for name, d in zip(names[:5], dsnap.distance[:5])
        )
        more = f" and {len(names) - 5} more" if len(names) > 5 else ""
        raise InputError(
            f"No depot lies within {max_snap:g} m of a drivable road (nearest: {nearest:.0f} m): "
            f"{listed}{more}."
        )
    tsnap = snap_to_roads(network, targets, max_snap)
    monitor.report(0.75)
    cut_l = [dsnap.line[dsnap.ok], tsnap.line[tsnap.ok]]
    cut_p = [dsnap.pos[dsnap.ok], tsnap.pos[tsnap.ok]]
    if hz is not None:
        inner = hz[1] > 0
        cut_l.append(hz[0][inner])
        cut_p.append(hz[1][inner])
    n_d, n_t = int(dsnap.ok.sum()), int(tsnap.ok.sum())
    pieces = cut_pieces(network, np.concatenate(cut_l), np.concatenate(cut_p))
    factor = None
    if hz is not None:
        mid = _line_key(network, pieces.line, (pieces.start + pieces.end) / 2)
        keys = _line_key(network, hz[0], hz[1])
        factor = hz[3][np.searchsorted(keys, mid, side="right") - 1]
    monitor.report(1.0)
    return AccessGraphs(
        pieces=pieces,
        depot_snap=dsnap,
        target_snap=tsnap,
        depot_nodes=pieces.cut_node[:n_d],
        target_nodes=pieces.cut_node[n_d : n_d + n_t],
        hazard=hz,
        factor=factor,
    )


def _valid_polygons(blocked) -> np.ndarray:
    polys = np.asarray(blocked, dtype=object)
    polys = polys[~(shapely.is_missing(polys) | shapely.is_empty(polys))]
    return shapely.make_valid(polys) if polys.size else polys


def _factor_before(network: RoadNetwork, hazard: tuple, line: np.ndarray, pos: np.ndarray):
    """The hazard speed factor of the interval that ends at (or holds) a position, coming
    from the line's start: the other side of a boundary from :func:`factor_at`."""
    keys = _line_key(network, hazard[0], hazard[1])
    where = np.searchsorted(keys, _line_key(network, line, pos), side="left") - 1
    return hazard[3][np.maximum(where, 0)]


def impassable_at(network: RoadNetwork, hazard: tuple, line: np.ndarray, pos: np.ndarray):
    """True where no passable road leaves a point on the roads: impassable on both sides of
    it along its line, and, at a line's end, on every line meeting at that node. (A point on
    the boundary between a flooded and a dry piece can leave by the dry one.)"""
    line = np.asarray(line, np.int64)
    pos = np.asarray(pos, float)
    after = factor_at(network, hazard, line, pos) > 0
    before = _factor_before(network, hazard, line, pos) > 0
    length = network.length[line]
    at_start = pos <= 1e-9
    at_end = pos >= length - 1e-9
    dry = np.where(at_start, after, np.where(at_end, before, after | before))
    if np.any(at_start | at_end):
        # Each node is dry when one of the lines meeting there is passable at that end.
        lines = np.arange(network.length.size)
        first = factor_at(network, hazard, lines, np.zeros(lines.size)) > 0
        last = _factor_before(network, hazard, lines, network.length) > 0
        node_dry = np.zeros(network.n_nodes, dtype=bool)
        np.logical_or.at(node_dry, network.start_node, first)
        np.logical_or.at(node_dry, network.end_node, last)
        dry |= at_start & node_dry[network.start_node[line]]
        dry |= at_end & node_dry[network.end_node[line]]
    return ~dry


def flooded_depots(network: RoadNetwork, hazard, snap: Snap, depots, blocked=None) -> np.ndarray:
    """Per depot, True when it lies inside the hazard: in a ``blocked`` polygon (its boundary
    counts), or where it joins the roads no passable road leaves it (:func:`impassable_at`;
    ``hazard``: :func:`hazard_intervals`' result, None without one)."""
    depots = np.asarray(depots, dtype=object)
    flooded = np.zeros(depots.size, dtype=bool)
    if hazard is not None:
        at = np.flatnonzero(snap.line >= 0)
        flooded[at] = impassable_at(network, hazard, snap.line[at], snap.pos[at])
    if blocked is not None and len(blocked):
        polys = _valid_polygons(blocked)
        present = np.flatnonzero(~(shapely.is_missing(depots) | shapely.is_empty(depots)))
        if polys.size and present.size:
            flooded[present[polygons_hit(polys, depots[present])]] = True
    return flooded


def in_water(
    network: RoadNetwork,
    hazard,
    snap: Snap,
    targets,
    blocked=None,
    raster: Optional[RasterGrid] = None,
    max_depth: float = 0.3,
    raster_transform: ToRaster = None,
) -> np.ndarray:
    """Per target, True when it is inside the water: it meets a ``blocked`` polygon, its
    point (a point target itself, else a point on its surface) lies on a raster cell deeper
    than ``max_depth``, or it snaps onto an impassable road piece."""
    geoms = np.asarray(targets, dtype=object)
    wet = np.zeros(geoms.size, dtype=bool)
    present = np.flatnonzero(~(shapely.is_missing(geoms) | shapely.is_empty(geoms)))
    if hazard is not None:
        at = np.flatnonzero(snap.ok)
        wet[at] = factor_at(network, hazard, snap.line[at], snap.pos[at]) == 0
    if blocked is not None and len(blocked) and present.size:
        polys = _valid_polygons(blocked)
        if polys.size:
            wet[present[polygons_hit(polys, geoms[present])]] = True
    if raster is not None and present.size:
        xy = shapely.get_coordinates(shapely.point_on_surface(geoms[present]))
        if raster_transform is not None:
            xy = np.asarray(raster_transform(xy), float).reshape(-1, 2)
        col, row = raster.to_pixel(xy[:, 0], xy[:, 1])
        col, row = np.floor(col).astype(np.int64), np.floor(row).astype(np.int64)
        rows, cols = raster.shape
        inside = (col >= 0) & (col < cols) & (row >= 0) & (row < rows)
        cell = raster.array[row[inside], col[inside]]
        depth = cell.astype(float)
        if raster.nodata is not None and np.isfinite(raster.nodata):
            depth[cell == np.array(raster.nodata).astype(raster.array.dtype)] = np.nan
        deep = np.zeros(present.size, dtype=bool)
        with np.errstate(invalid="ignore"):
            deep[inside] = depth > raster.at_precision(max_depth)
        wet[present[deep]] = True
    return wet


STAGING_REACH = 1000.0  # metres: staging pieces are first looked for on roads this near


def _nearest_pieces(network, pieces, usable, geoms):
    """Every ``usable`` piece at the least distance from each of ``geoms``: (geometry index,
    piece, distance, nearest point on the piece, its fraction along the piece).

    Pieces are drawn and indexed only on the roads within STAGING_REACH of a target (a
    million pieces on the regional set otherwise); a target whose nearest piece there lies
    closer than that reach (less a metre for float noise) has it for sure, since every other
    piece lies on a road farther away. The others are looked for among all usable pieces.
    """
    bounds = shapely.bounds(geoms)
    boxes = shapely.box(
        bounds[:, 0] - STAGING_REACH,
        bounds[:, 1] - STAGING_REACH,
        bounds[:, 2] + STAGING_REACH,
        bounds[:, 3] + STAGING_REACH,
    )
    near_lines = np.zeros(network.lines.size, bool)
    near_lines[network.tree.query(boxes)[1]] = True
    found = []
    todo = np.arange(geoms.size)
    for candidates, final in ((usable[near_lines[pieces.line[usable]]], False), (usable, True)):
        if not todo.size:
            break
        if not candidates.size:
            continue
        xy, part = piece_coords(
            network, pieces.line[candidates], pieces.start[candidates], pieces.end[candidates]
        )
        lines = shapely.linestrings(xy, indices=part)
        # Every piece at the least distance: ties are broken by time by the caller.
        (ti, pi), d = shapely.STRtree(lines).query_nearest(
            geoms[todo], return_distance=True, all_matches=True
        )
        if not final:
            least = np.full(todo.size, np.inf)
            np.minimum.at(least, ti, d)
            sure = least < STAGING_REACH - 1.0
            keep = sure[ti]
            ti, pi, d = ti[keep], pi[keep], d[keep]
        near = shapely.get_point(shapely.shortest_line(lines[pi], geoms[todo[ti]]), 0)
        frac = shapely.line_locate_point(lines[pi], near, normalized=True)
        found.append((todo[ti], candidates[pi], d, near, frac))
        if not final:
            todo = todo[~sure]
    if not found:
        return (
            np.zeros(0, np.int64),
            np.zeros(0, np.int64),
            np.zeros(0),
            np.zeros(0, object),
            np.zeros(0),
        )
    return tuple(np.concatenate(parts) for parts in zip(*found))


def _staging(network, pieces, factor, dist, src, targets, need):
    """The dry staging point of the ``need`` targets (see the module): per target
    (time, distance, point, source node), NaN/None/-1 where no road is reachable."""
    n = need.size
    t_out, m_out = np.full(n, np.nan), np.full(n, np.nan)
    points = np.full(n, None, dtype=object)
    source = np.full(n, -1, np.int64)
    speed = network.speed_kmh[pieces.line] / 3.6 * 60.0
    if factor is not None:
        speed = speed * factor
    direction = network.direction[pieces.line]
    with np.errstate(divide="ignore", invalid="ignore"):
        minutes = np.where(speed > 0, pieces.length / np.where(speed > 0, speed, 1.0), np.inf)
    passable = (speed > 0) & (pieces.length > 0)
    from_u = passable & (direction != BACKWARD) & np.isfinite(dist[pieces.u])
    from_v = passable & (direction != FORWARD) & np.isfinite(dist[pieces.v])
    usable = np.flatnonzero(from_u | from_v)
    todo = np.flatnonzero(need)
    geoms = np.asarray(targets, dtype=object)
    todo = todo[~(shapely.is_missing(geoms[todo]) | shapely.is_empty(geoms[todo]))]
    if not usable.size or not todo.size:
        return t_out, m_out, points, source
    ti, piece, d, near, frac = _nearest_pieces(network, pieces, usable, geoms[todo])
    w = minutes[piece]
    t_u = np.where(from_u[piece], dist[pieces.u[piece]] + frac * w, np.inf)
    t_v = np.where(from_v[piece], dist[pieces.v[piece]] + (1.0 - frac) * w, np.inf)
    t = np.minimum(t_u, t_v)
    node = np.where(t_u <= t_v, pieces.u[piece], pieces.v[piece])
    # Per target: the least distance, then the least time, then the first piece (pieces
    # meeting at the nearest junction tie on both).
    order = np.lexsort((piece, t, np.round(d, 6), ti))  # distances equal to the micrometre tie
    best = order[run_starts(ti[order])]
    k = todo[ti[best]]
    t_out[k], m_out[k], points[k] = t[best], d[best], near[best]
    source[k] = src[node[best]]
    return t_out, m_out, points, source


def _stage(result, network, ag, targets, dist, src, node_depot, water):
    """Fill ``result``'s staging of the targets the hazard cuts off (see the module)."""
    n = result.reach.size
    result.dry_min, result.dry_m = np.full(n, np.nan), np.full(n, np.nan)
    result.staging = np.full(n, None, dtype=object)
    result.staging_depot = np.full(n, -1, np.int64)
    if water is None or n == 0:
        return
    wet = in_water(network, ag.hazard, ag.target_snap, targets, **water)
    need = ~result.reach & (wet | np.isfinite(result.t0_min))
    if not need.any():
        return
    t, m, points, node = _staging(network, ag.pieces, ag.factor, dist, src, targets, need)
    result.dry_min, result.dry_m, result.staging = t, m, points
    found = node >= 0
    result.staging_depot[found] = [node_depot[v] for v in node[found].tolist()]


def depot_target_minutes(
    network: RoadNetwork,
    depots: Union[Sequence, np.ndarray],
    targets: Union[Sequence, np.ndarray],
    blocked: Optional[Sequence] = None,
    raster: Optional[RasterGrid] = None,
    max_depth: float = 0.3,
    depth_speed_factor: Optional[float] = None,
    keep_bridges: bool = True,
    max_snap: float = 500.0,
    depot_names: Optional[Sequence] = None,
    raster_transform: ToRaster = None,
    intervals: Optional[tuple] = None,
    monitor=None,
):
    """Hazard travel minutes from every depot to every target, on the graph of
    :func:`crew_access` (same pieces, snaps and hazard): (minutes, flooded, snapped), the
    minutes (depots x targets) NaN where no road leads, from a flooded depot (see
    :func:`flooded_depots`) or for depots and targets beyond ``max_snap``."""
    monitor = monitor or as_monitor()
    depots = np.asarray(depots, dtype=object)
    targets = np.asarray(targets, dtype=object)
    ag = access_graphs(
        network,
        depots,
        targets,
        blocked,
        raster,
        max_depth,
        depth_speed_factor,
        keep_bridges,
        max_snap,
        monitor.slice(0.0, 0.5),
        depot_names,
        raster_transform,
        intervals,
    )
    flooded = np.zeros(depots.size, dtype=bool)
    if ag.hazard is not None:
        flooded = flooded_depots(network, ag.hazard, ag.depot_snap, depots, blocked)
    minutes = np.full((depots.size, targets.size), np.nan)
    depot_index = np.flatnonzero(ag.depot_snap.ok)
    use = ~flooded[depot_index]
    nodes = ag.depot_nodes[use]
    if nodes.size and ag.target_nodes.size:
        graph = piece_graph(network, ag.pieces, ag.factor)
        uniq, inverse = np.unique(nodes, return_inverse=True)
        at = np.empty((uniq.size, ag.target_nodes.size))
        for a in range(0, uniq.size, 8):  # a few depots at a time: a row per graph node
            dist = dijkstra(graph.matrix, directed=True, indices=uniq[a : a + 8])
            at[a : a + 8] = dist[:, ag.target_nodes]
            monitor.report(0.5 + 0.5 * min(a + 8, uniq.size) / uniq.size)
        at = at[inverse]
        ok = np.flatnonzero(ag.target_snap.ok)
        rows = depot_index[use]
        minutes[np.ix_(rows, ok)] = np.where(np.isfinite(at), at, np.nan)
    monitor.report(1.0)
    return minutes, flooded, ag.depot_snap.ok


def crew_access(
    network: RoadNetwork,
    depots: Sequence,
    targets: Sequence,
    blocked: Optional[Sequence] = None,
    raster: Optional[RasterGrid] = None,
    max_depth: float = 0.3,
    depth_speed_factor: Optional[float] = None,
    keep_bridges: bool = True,
    max_snap: float = 500.0,
    routes: bool = False,
    blocked_roads: bool = False,
    service_minutes: Optional[Sequence[float]] = None,
    progress=None,
    is_cancelled=None,
    depot_names: Optional[Sequence] = None,
    raster_transform: ToRaster = None,
    intervals: Optional[tuple] = None,
) -> AccessResult:
    """Nearest depot, normal and hazard travel minutes and route length of every target.

    ``depots`` are points, ``targets`` any geometries and ``blocked`` polygons, all in the
    roads' projected CRS (metres); ``raster`` is a water-depth grid (m) in its own CRS,
    reached from the roads' CRS by ``raster_transform`` (None: the roads' CRS); ``intervals``:
    their :func:`hazard_intervals` when already computed. Times count
    road travel from the depot's snap point to the target's snap point; the snap distance is
    reported apart.
    """
    monitor = as_monitor(progress, is_cancelled)
    if network.lines.size == 0:
        raise InputError("The roads layer has no drivable road.")
    depot_points = np.asarray(depots, dtype=object)
    target_geometries = np.asarray(targets, dtype=object)
    if depot_points.size == 0:
        raise InputError("The depots layer is empty.")
    hazard = blocked is not None or raster is not None
    ag = access_graphs(
        network,
        depot_points,
        target_geometries,
        blocked,
        raster,
        max_depth,
        depth_speed_factor,
        keep_bridges,
        max_snap,
        monitor.slice(0.0, 0.4),
        depot_names,
        raster_transform,
        intervals,
    )
    hz, dsnap, tsnap, pieces, factor1 = (
        ag.hazard,
        ag.depot_snap,
        ag.target_snap,
        ag.pieces,
        ag.factor,
    )
    depot_nodes, target_nodes = ag.depot_nodes, ag.target_nodes
    monitor.report(0.4)
    depot_index = np.flatnonzero(dsnap.ok)
    flooded = np.zeros(depot_points.size, dtype=bool)
    if hazard:
        flooded = flooded_depots(network, hz, dsnap, depot_points, blocked)
    n = target_geometries.shape[0]
    out: Dict[int, Any] = {}
    graph = None
    for k, factor in enumerate((None, factor1)):
        if k == 1 and not hazard:
            out[1] = out[0]
            continue
        # Several depots on one node: the first one in the layer stands for them. Under the
        # hazard the flooded depots are left out.
        use = np.ones(depot_index.size, bool) if k == 0 else ~flooded[depot_index]
        uniq_nodes, first = np.unique(depot_nodes[use], return_index=True)
        node_depot = dict(zip(uniq_nodes.tolist(), depot_index[use][first].tolist()))
        graph = piece_graph(network, pieces, factor, normal=graph)
        if uniq_nodes.size:
            dist, pred, src = dijkstra(
                graph.matrix,
                directed=True,
                indices=uniq_nodes,
                min_only=True,
                return_predecessors=True,
            )
        else:  # every depot flooded: nothing is reached under the hazard
            dist = np.full(pieces.n_nodes, np.inf)
            pred = np.full(pieces.n_nodes, -9999, np.int32)
            src = np.full(pieces.n_nodes, -9999, np.int32)
        has = pred >= 0
        e = _edge_index(graph, pred[has], np.flatnonzero(has))
        in_piece = np.full(pred.size, -1, np.int64)
        in_piece[has] = graph.piece[e]
        in_forward = np.zeros(pred.size, bool)
        in_forward[has] = graph.forward[e]
        step_m = np.zeros(pred.size)
        step_m[has] = pieces.length[in_piece[has]]
        metres = _tree_sum(pred, step_m)
        t = np.full(n, np.nan)
        depot = np.full(n, -1, np.int64)
        km = np.full(n, np.nan)
        tn = target_nodes
        reached = np.isfinite(dist[tn])
        ok_idx = np.flatnonzero(tsnap.ok)
        t[ok_idx[reached]] = dist[tn][reached]
        depot[ok_idx[reached]] = [node_depot[s] for s in src[tn][reached].tolist()]
        km[ok_idx[reached]] = metres[tn][reached] / 1000.0
        out[k] = (t, depot, km, (in_piece, in_forward), pred, (dist, src, node_depot))
        monitor.report(0.5 + 0.2 * k)
    t0, depot0 = out[0][:2]
    t1, depot1, km1, tree1, pred1, (dist1, src1, node_depot1) = out[1]
    reach = np.isfinite(t1)
    result = AccessResult(
        depot=depot1,
        depot_normal=depot0,
        t0_min=t0,
        t1_min=t1,
        delay_min=t1 - t0,
        reach=reach,
        km=km1,
        snap_m=tsnap.distance,
        snapped=tsnap.ok,
        depot_snapped=dsnap.ok,
        depot_snap_m=dsnap.distance,
        depot_flooded=flooded,
    )
    water = None
    if hazard:
        water = dict(
            blocked=blocked, raster=raster, max_depth=max_depth, raster_transform=raster_transform
        )
    _stage(result, network, ag, target_geometries, dist1, src1, node_depot1, water)
    if routes:
        node_all = np.full(n, -1, np.int64)
        node_all[tsnap.ok] = target_nodes
        in_piece, in_forward = tree1
        result.routes = _routes(network, pieces, pred1, in_piece, in_forward, node_all, reach)
    monitor.report(0.8)
    if blocked_roads:
        if hz is not None:
            shut = hz[3] == 0
            xy, part = piece_coords(network, hz[0][shut], hz[1][shut], hz[2][shut])
            geoms = shapely.linestrings(xy, indices=part) if part.size else np.zeros(0, object)
            result.blocked_roads = pd.DataFrame(
                {
                    "road": network.road[hz[0][shut]],
                    "length_m": hz[2][shut] - hz[1][shut],
                    "geometry": geoms,
                }
            )
        else:
            result.blocked_roads = pd.DataFrame({"road": [], "length_m": [], "geometry": []})
    if service_minutes:
        if any(not (m > 0) for m in service_minutes):
            raise InputError("Service-area times must be positive minutes.")
        area_nodes, area_first = np.unique(depot_nodes, return_index=True)
        result.service_areas = _service_areas(
            network,
            pieces,
            (None, factor1 if hazard else None),
            area_nodes,
            depot_index[area_first],
            service_minutes,
            monitor.slice(0.8, 1.0),
            set(np.flatnonzero(flooded).tolist()),
        )
    result.counts = {
        "roads_excluded": int(sum(network.attributes.excluded.values())),
        "depots_off_network": int((~dsnap.ok).sum()),
        "targets_off_network": int((~tsnap.ok).sum()),
        "unreachable": result.unreachable_count,
        "unreachable_normal": int((~np.isfinite(t0)).sum()),
        "depots_flooded": int(flooded.sum()),
        "staged": 0 if result.dry_min is None else int(np.isfinite(result.dry_min).sum()),
        "blocked_km": float(
            ((hz[2] - hz[1])[hz[3] == 0]).sum() / 1000.0 if hz is not None else 0.0
        ),
    }
    monitor.report(1.0)
    return result
