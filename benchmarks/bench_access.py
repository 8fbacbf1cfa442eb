"""Crew access: our core against networkx on the same cut road graph (``make bench``).

1. A jittered grid of about 180,000 road edges (bent lines, random speeds, 10 % one-way),
   30 flood discs, 10 depots, 1,000 targets: ``crew_access`` (blocking, snapping, both
   conditions) against networkx ``multi_source_dijkstra`` per condition on the very pieces
   our core built; the times must agree.
2. The regional size: about 1,000,000 road edges and 100,000 targets, timed end to end
   (road attributes, graph build, blocking, snapping, both searches).

Usage: python benchmarks/bench_access.py [scale]   (scale 1 = the sizes above)
"""

import sys
import time
from pathlib import Path

import numpy as np
import shapely
from scipy.sparse.csgraph import dijkstra

if __package__ in (None, ""):
    _plugins = Path(__file__).resolve().parents[1] / ".build" / "plugins"
    _link = _plugins / "fibre_resilience"
    if not _link.exists():
        _plugins.mkdir(parents=True, exist_ok=True)
        _link.symlink_to(Path(__file__).resolve().parents[1], target_is_directory=True)
    sys.path.insert(0, str(_plugins))

from fibre_resilience.core.access import access_graphs, crew_access  # noqa: E402
from fibre_resilience.core.roads import (  # noqa: E402
    BACKWARD,
    FORWARD,
    build_road_network,
    piece_graph,
    road_attributes,
)

SPACING = 100.0


def grid_roads(n_edges: int, seed: int = 0):
    """A jittered grid with about ``n_edges`` bent road lines and OSM-like attributes."""
    rng = np.random.default_rng(seed)
    side = int(np.sqrt(n_edges / 2)) + 1
    i, j = np.meshgrid(np.arange(side), np.arange(side), indexing="ij")
    x = i * SPACING + rng.uniform(-20, 20, i.shape)
    y = j * SPACING + rng.uniform(-20, 20, i.shape)
    a_list, b_list = [], []
    for di, dj in ((1, 0), (0, 1)):
        a = (i[: side - di, : side - dj].ravel(), j[: side - di, : side - dj].ravel())
        a_list.append(a)
        b_list.append((a[0] + di, a[1] + dj))
    ai = np.concatenate([a[0] for a in a_list])
    aj = np.concatenate([a[1] for a in a_list])
    bi = np.concatenate([b[0] for b in b_list])
    bj = np.concatenate([b[1] for b in b_list])
    keep = rng.random(ai.size) < 0.97
    ai, aj, bi, bj = ai[keep], aj[keep], bi[keep], bj[keep]
    ax, ay, bx, by = x[ai, aj], y[ai, aj], x[bi, bj], y[bi, bj]
    mx = (ax + bx) / 2 + rng.uniform(-8, 8, ax.size)
    my = (ay + by) / 2 + rng.uniform(-8, 8, ax.size)
    coords = np.stack([np.c_[ax, ay], np.c_[mx, my], np.c_[bx, by]], axis=1).reshape(-1, 2)
    lines = shapely.linestrings(coords, indices=np.repeat(np.arange(ax.size), 3))
    n = lines.size
    classes = np.array(["primary", "secondary", "tertiary", "residential", "service"])
    highway = classes[rng.choice(5, n, p=[0.05, 0.1, 0.2, 0.5, 0.15])].astype(object)
    maxspeed = np.where(rng.random(n) < 0.3, "50", "nan").astype(object)
    oneway = np.where(rng.random(n) < 0.1, "yes", "no").astype(object)
    bridge = np.where(rng.random(n) < 0.01, "yes", None).astype(object)
    extent = side * SPACING
    return (
        lines,
        {"highway": highway, "maxspeed": maxspeed, "oneway": oneway, "bridge": bridge},
        extent,
    )


def scenario(n_edges: int, n_targets: int, n_depots: int = 10, seed: int = 0):
    lines, columns, extent = grid_roads(n_edges, seed)
    rng = np.random.default_rng(seed + 1)
    discs = shapely.buffer(
        shapely.points(rng.uniform(0, extent, (30, 2))), rng.uniform(0.02, 0.06, 30) * extent
    )
    depots = shapely.points(rng.uniform(0, extent, (n_depots, 2)))
    targets = shapely.points(rng.uniform(0, extent, (n_targets, 2)))
    return lines, columns, discs, depots, targets


def ours(lines, columns, discs, depots, targets):
    start = time.perf_counter()
    att = road_attributes(lines.size, columns, preset="osm")
    net = build_road_network(lines, att)
    built = time.perf_counter()
    res = crew_access(net, depots, targets, blocked=discs, max_snap=200.0)
    done = time.perf_counter()
    return net, res, built - start, done - built


def networkx_times(net, discs, depots, targets):
    """networkx multi-source Dijkstra per condition on the pieces our core cut."""
    import networkx as nx

    ag = access_graphs(net, depots, targets, blocked=discs, max_snap=200.0)
    p = ag.pieces
    speed = net.speed_kmh[p.line] / 3.6 * 60.0
    direction = net.direction[p.line]
    out, search, scipy_search, scipy_dijkstra = [], 0.0, 0.0, 0.0
    for factor in (None, ag.factor):
        f = np.ones(p.line.size) if factor is None else factor
        ok = f > 0
        minutes = np.where(ok, p.length / np.where(ok, speed * f, 1.0), np.inf)
        g = nx.DiGraph()
        g.add_nodes_from(range(p.n_nodes))
        for u, v, w, d, o in zip(
            p.u.tolist(), p.v.tolist(), minutes.tolist(), direction.tolist(), ok.tolist()
        ):
            if not o or u == v:
                continue
            for a, b, allowed in ((u, v, d != BACKWARD), (v, u, d != FORWARD)):
                if allowed and (not g.has_edge(a, b) or g[a][b]["weight"] > w):
                    g.add_edge(a, b, weight=w)
        start = time.perf_counter()
        dist = nx.multi_source_dijkstra_path_length(g, set(ag.depot_nodes.tolist()))
        search += time.perf_counter() - start
        start = time.perf_counter()
        matrix = piece_graph(net, p, factor).matrix
        built = time.perf_counter()
        dijkstra(matrix, indices=np.unique(ag.depot_nodes), min_only=True)
        scipy_search += time.perf_counter() - start
        scipy_dijkstra += time.perf_counter() - built
        times = np.full(targets.size, np.nan)
        ok_t = np.flatnonzero(ag.target_snap.ok)
        times[ok_t] = [dist.get(int(n), np.nan) for n in ag.target_nodes]
        out.append(times)
    return out, search, scipy_search, scipy_dijkstra


def main(scale: float = 1.0) -> None:
    n_edges, n_targets = int(180_000 * scale), int(1_000 * scale)
    lines, columns, discs, depots, targets = scenario(n_edges, n_targets)
    net, res, t_build, t_query = ours(lines, columns, discs, depots, targets)
    print(
        f"{lines.size:,} road edges, {depots.size} depots, {targets.size:,} targets, "
        f"{res.unreachable_count} unreachable under the flood"
    )
    (t0, t1), t_nx, t_scipy, t_dijkstra = networkx_times(net, discs, depots, targets)
    assert np.allclose(res.t0_min, t0, rtol=1e-9, equal_nan=True), "normal times differ"
    assert np.allclose(res.t1_min, t1, rtol=1e-9, equal_nan=True), "hazard times differ"
    print("  times identical to networkx (rtol 1e-9) in both conditions")
    print(f"  ours: graph build {t_build:.2f} s, blocking + snapping + 2 searches {t_query:.2f} s")
    print(f"  searches alone (graph + 2 multi-source Dijkstra): ours {t_scipy:.3f} s, ", end="")
    print(f"networkx {t_nx:.2f} s (graph not counted): {t_nx / t_scipy:.0f}x")
    print(f"  Dijkstra alone: ours {t_dijkstra:.3f} s, networkx {t_nx:.2f} s: ", end="")
    print(f"{t_nx / t_dijkstra:.0f}x")
    print(f"  networkx searches / our whole query: {t_nx / t_query:.1f}x")

    n_edges, n_targets = int(1_000_000 * scale), int(100_000 * scale)
    lines, columns, discs, depots, targets = scenario(n_edges, n_targets, seed=7)
    start = time.perf_counter()
    net, res, t_build, t_query = ours(lines, columns, discs, depots, targets)
    total = time.perf_counter() - start
    print(
        f"regional: {lines.size:,} road edges, {targets.size:,} targets: build {t_build:.1f} s, "
        f"query {t_query:.1f} s, total {total:.1f} s (target < 60 s: "
        f"{'met' if total < 60 else 'NOT met'}); {res.unreachable_count:,} unreachable"
    )


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)
