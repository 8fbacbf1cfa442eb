"""Dry staging points of the targets the hazard cuts off, and flooded depots, in crew_access.

Oracles: hand-computed cases (60 km/h = 1000 m per minute) and, on random road graphs, a
networkx graph of the dry road parts with a brute-force search of the nearest reachable
point over points every half metre along them.
"""

import networkx as nx
import numpy as np
import pytest
import shapely
from shapely import LineString, Point, box

from fibre_resilience.core.access import crew_access
from fibre_resilience.core.raster_sampling import RasterGrid
from fibre_resilience.core.roads import build_road_network, road_attributes


def _net(lines, speeds=None, directions=None):
    n = len(lines)
    att = road_attributes(
        n, speed=speeds if speeds is not None else [60.0] * n, direction=directions
    )
    return build_road_network(lines, att)


# --- hand cases -----------------------------------------------------------------------


def test_a_target_in_the_water_stages_at_the_last_dry_point():
    net = _net([LineString([(0, 0), (1000, 0)]), LineString([(1000, 0), (2000, 0)])])
    flood = [box(1200, -50, 1800, 50)]
    targets = [
        Point(500, 0),  # reached: no staging
        Point(1500, 0),  # in the water, on the road
        Point(1900, 0),  # dry, but cut off by the water (reached in normal conditions)
        Point(1500, 40),  # in the flood polygon, beyond MAX_SNAP
        Point(5000, 5000),  # dry, beyond MAX_SNAP: not a hazard matter
    ]
    res = crew_access(net, [Point(0, 0)], targets, blocked=flood, max_snap=10)
    assert res.reach.tolist() == [True, False, False, False, False]
    np.testing.assert_allclose(res.dry_min, [np.nan, 1.2, 1.2, 1.2, np.nan])
    np.testing.assert_allclose(res.dry_m, [np.nan, 300.0, 700.0, np.hypot(300, 40), np.nan])
    xy = [None if p is None else (p.x, p.y) for p in res.staging]
    assert xy[0] is None and xy[4] is None
    for got in xy[1:4]:
        assert got == pytest.approx((1200.0, 0.0))
    assert res.staging_depot.tolist() == [-1, 0, 0, 0, -1]
    assert res.counts["staged"] == 3


def test_without_a_hazard_nothing_is_staged():
    net = _net([LineString([(0, 0), (1000, 0)])])
    res = crew_access(net, [Point(0, 0)], [Point(500, 0), Point(5000, 0)], max_snap=10)
    assert np.isnan(res.dry_min).all() and np.isnan(res.dry_m).all()
    assert res.counts["staged"] == 0


def _tie_roads():
    # A straight road with a flood in its middle, and a long detour to its far side.
    return [
        LineString([(0, 0), (1000, 0)]),
        LineString([(0, 0), (0, 1000), (1000, 1000), (1000, 0)]),
    ]


@pytest.mark.parametrize("mirror", [False, True])
def test_equally_near_staging_points_go_to_the_earliest(mirror):
    lines = _tie_roads()
    depot, flood = Point(0, 0), [box(400, -50, 600, 50)]
    if mirror:  # the same case seen from the other end: the other point is the earlier one
        lines = [shapely.transform(g, lambda c: np.c_[1000 - c[:, 0], c[:, 1]]) for g in lines]
        flood = [box(400, -50, 600, 50)]
        depot = Point(1000, 0)
    net = _net(lines)
    res = crew_access(net, [depot], [Point(500, 0)], blocked=flood)
    assert not res.reach[0]
    assert res.dry_m[0] == pytest.approx(100.0)
    assert res.dry_min[0] == pytest.approx(0.4)  # not 3.4 by the detour
    near = 400.0 if not mirror else 600.0
    assert (res.staging[0].x, res.staging[0].y) == pytest.approx((near, 0.0))


def test_a_one_way_road_is_not_driven_against_its_direction():
    # The stub east of the water is one-way eastwards (1000 -> 2000); the detour reaches its
    # far end, from which it cannot be driven back towards the water.
    lines = [
        LineString([(0, 0), (1000, 0)]),
        LineString([(1000, 0), (2000, 0)]),
        LineString([(0, 0), (0, 500), (2000, 500), (2000, 0)]),
    ]
    net = _net(lines, directions=["both", "forward", "both"])
    flood = [box(700, -50, 1200, 50)]
    res = crew_access(net, [Point(0, 0)], [Point(1150, 0)], blocked=flood)
    assert res.dry_m[0] == pytest.approx(450.0) and res.dry_min[0] == pytest.approx(0.7)
    two_way = crew_access(_net(lines), [Point(0, 0)], [Point(1150, 0)], blocked=flood)
    assert two_way.dry_m[0] == pytest.approx(50.0)  # then the stub's dry end is nearest
    assert two_way.dry_min[0] == pytest.approx(0.5 + 2.0 + 0.5 + 0.8)


def test_a_target_on_a_deep_raster_cell_is_in_the_water():
    """A target off the roads (beyond MAX_SNAP) on a cell deeper than MAX_DEPTH is staged."""
    net = _net([LineString([(0, 0), (1000, 0)])])
    depth = np.zeros((10, 10))
    depth[2:8, 6:9] = 2.0  # x 600-900, y 200-800 (cells of 100 m, top at y = 1000)
    raster = RasterGrid(depth, (0.0, 100.0, 0.0, 1000.0, 0.0, -100.0))
    targets = [Point(700, 500), Point(300, 500)]  # on deep water; on dry land
    res = crew_access(net, [Point(0, 0)], targets, raster=raster, max_depth=0.5, max_snap=100)
    assert res.reach.tolist() == [False, False]
    assert res.dry_m[0] == pytest.approx(500.0) and res.dry_min[0] == pytest.approx(0.7)
    assert np.isnan(res.dry_min[1])  # dry and off the network: not the hazard's doing


# --- flooded depots -----------------------------------------------------------------


def test_a_depot_inside_the_hazard_serves_in_normal_conditions_only():
    """Depot A stands in a flooded area but snaps onto a dry road; B is dry and farther."""
    net = _net([LineString([(0, 0), (2000, 0)])])
    flood = [box(0, 200, 200, 400)]
    depots = [Point(100, 300), Point(2000, 0)]
    res = crew_access(net, depots, [Point(500, 0)], blocked=flood, max_snap=500)
    assert res.depot_flooded.tolist() == [True, False]
    assert res.depot_normal.tolist() == [0] and res.t0_min[0] == pytest.approx(0.4)
    assert res.depot.tolist() == [1] and res.t1_min[0] == pytest.approx(1.5)
    assert res.counts["depots_flooded"] == 1
    areas = crew_access(
        net, depots, [Point(500, 0)], blocked=flood, max_snap=500, service_minutes=[1.0]
    ).service_areas
    rows = sorted(zip(areas["depot"], areas["condition"]))
    assert rows == [(0, "normal"), (1, "hazard"), (1, "normal")]  # none from A under water


def test_a_depot_whose_road_is_flooded_and_all_depots_flooded():
    net = _net([LineString([(0, 0), (2000, 0)])])
    flood = [box(-10, -10, 300, 10)]  # the road under the depot's point is under water
    res = crew_access(net, [Point(100, 200)], [Point(1000, 0)], blocked=flood, max_snap=500)
    assert res.depot_flooded.tolist() == [True]
    assert res.reach.tolist() == [False] and res.t0_min[0] == pytest.approx(0.9)
    assert np.isnan(res.dry_min[0])  # no depot under the hazard: no road is reachable


def test_a_depot_at_the_waters_edge_leaves_by_its_dry_side():
    """On a raster the road is cut at cell edges: a depot on the edge between a deep cell and
    a dry one, or at the end of a flooded road where a dry road starts, can still leave by
    road (before, the piece after the point decided alone); one in the middle of deep cells
    cannot."""
    net = _net([LineString([(0, 50), (600, 50)]), LineString([(600, 50), (1000, 50)])])
    depth = np.zeros((1, 10))
    depth[0, 4:6] = 2.0  # x 400-600 deep: the first road's last 200 m
    raster = RasterGrid(depth, (0.0, 100.0, 0.0, 100.0, 0.0, -100.0))
    depots = [Point(400, 50), Point(600, 50), Point(500, 50), Point(100, 50)]
    res = crew_access(net, depots, [Point(900, 50)], raster=raster, max_depth=0.5, max_snap=10)
    assert res.depot_flooded.tolist() == [False, False, True, False]
    # The depot at x = 600 is on the deep road's end and the dry road's start: it serves.
    assert res.depot.tolist() == [1] and res.t1_min[0] == pytest.approx(0.3)


# --- random road graphs against networkx and a brute-force search -----------------


def _random_case(seed):
    rng = np.random.default_rng(seed)
    spacing, nx_, ny = 100.0, 8, 7
    xy = {
        (i, j): (i * spacing + rng.uniform(-15, 15), j * spacing + rng.uniform(-15, 15))
        for i in range(nx_)
        for j in range(ny)
    }
    lines, speeds, dirs = [], [], []
    for (i, j), a in xy.items():
        for di, dj in ((1, 0), (0, 1)):
            if (i + di, j + dj) not in xy or rng.random() < 0.1:
                continue
            b = xy[(i + di, j + dj)]
            mid = ((a[0] + b[0]) / 2 + rng.uniform(-10, 10), (a[1] + b[1]) / 2)
            lines.append(LineString([a, mid, b] if rng.random() < 0.5 else [b, mid, a]))
            speeds.append(rng.uniform(20, 90))
            dirs.append(str(rng.choice(["both", "both", "both", "forward", "backward"])))
    polys = shapely.buffer(shapely.points(rng.uniform(0, 700, size=(4, 2))), 90.0)
    union = shapely.union_all(polys)
    depots, depot_at = [], []
    while len(depots) < 3:
        r = int(rng.integers(len(lines)))
        p = float(rng.uniform(0.1, 0.9) * lines[r].length)
        pt = lines[r].interpolate(p)
        if not union.intersects(pt.buffer(1.0)):
            depots.append(pt)
            depot_at.append((r, p))
    targets = list(shapely.points(rng.uniform(-20, 720, size=(60, 2))))
    return lines, np.array(speeds), dirs, union, depots, depot_at, targets, polys


def _dry_graph(lines, speeds, dirs, union, depot_at):
    """networkx graph of the dry parts; per road its dry segments (road, a, b, p, q)."""
    g = nx.DiGraph()
    segments = []

    def junction(pt):
        return ("J", round(pt[0], 6), round(pt[1], 6))

    for r, line in enumerate(lines):
        v = speeds[r] / 3.6 * 60.0
        dry = line.difference(union)
        for part in shapely.get_parts(dry):
            if part.is_empty or part.length == 0:
                continue
            a = line.project(Point(part.coords[0]))
            b = line.project(Point(part.coords[-1]))
            a, b = min(a, b), max(a, b)
            seq = [(a, junction(line.coords[0]) if a == 0 else ("C", r, a))]
            seq += sorted((p, ("D", k)) for k, (rr, p) in enumerate(depot_at) if rr == r)
            end = junction(line.coords[-1]) if abs(b - line.length) < 1e-9 else ("C", r, b)
            seq.append((b, end))
            seq = [s for s in seq if a <= s[0] <= b]
            for (p, u), (q, w) in zip(seq[:-1], seq[1:]):
                g.add_nodes_from([u, w])
                if dirs[r] != "backward":
                    g.add_edge(u, w, t=(q - p) / v)
                if dirs[r] != "forward":
                    g.add_edge(w, u, t=(q - p) / v)
                segments.append((r, p, q, u, w, v))
    return g, segments


def _time_at(segment, dist, s, dirs):
    r, p, q, u, w, v = segment
    t = np.inf
    if dirs[r] != "backward" and u in dist:
        t = min(t, dist[u] + (s - p) / v)
    if dirs[r] != "forward" and w in dist:
        t = min(t, dist[w] + (q - s) / v)
    return t


@pytest.mark.parametrize("seed", range(6))
def test_random_staging_matches_a_brute_force_search(seed):
    lines, speeds, dirs, union, depots, depot_at, targets, polys = _random_case(seed)
    net = _net(lines, speeds, np.array(dirs, dtype=object))
    res = crew_access(net, depots, targets, blocked=polys, max_snap=30.0)
    g, segments = _dry_graph(lines, speeds, dirs, union, depot_at)
    dist = nx.multi_source_dijkstra_path_length(g, {("D", k) for k in range(3)}, weight="t")
    # Every reachable point every half metre, with its time.
    pts, times, owner = [], [], []
    for k, seg in enumerate(segments):
        r, p, q = seg[:3]
        for s in np.r_[np.arange(p, q, 0.5), q]:
            t = _time_at(seg, dist, s, dirs)
            if np.isfinite(t):
                pts.append(lines[r].interpolate(s))
                times.append(t)
                owner.append(k)
    pts, times = np.array(pts, dtype=object), np.array(times)
    road_union = shapely.union_all(lines)
    staged = 0
    for i, target in enumerate(targets):
        near = shapely.get_point(shapely.shortest_line(road_union, target), 0)
        snapped = near.distance(target) <= 30.0
        wet = union.intersects(target) or (snapped and union.buffer(1e-6).covers(near))
        cut_off = not res.reach[i] and (wet or np.isfinite(res.t0_min[i]))
        if not cut_off:
            assert np.isnan(res.dry_min[i]) and np.isnan(res.dry_m[i]), i
            continue
        d = shapely.distance(pts, target)
        assert res.dry_m[i] == pytest.approx(d.min(), abs=0.05), i
        # Our point is on a dry reachable part, and its time is the oracle's time there.
        here = res.staging[i]
        assert here.distance(target) == pytest.approx(res.dry_m[i], abs=1e-6)
        t_here = min(
            _time_at(seg, dist, lines[seg[0]].project(here), dirs)
            for seg in segments
            if lines[seg[0]].distance(here) < 1e-6
            and seg[1] - 1e-6 <= lines[seg[0]].project(here) <= seg[2] + 1e-6
        )
        assert res.dry_min[i] == pytest.approx(t_here, rel=1e-6, abs=1e-9), i
        # No reachable point as near is reached earlier (ties by time).
        tied = d <= res.dry_m[i] + 1e-3
        assert res.dry_min[i] <= times[tied].min() + 0.5 / (20 / 3.6 * 60) + 1e-9, i
        staged += 1
    assert staged >= 3  # the case exercises staging


def test_staging_far_inside_a_wide_flood_matches_the_search_over_every_piece(monkeypatch):
    """Staging pieces are first looked for on the roads within STAGING_REACH of a target; a
    target deeper in the water than that is looked for among every piece. Both give what the
    search over every piece gives (STAGING_REACH beyond the territory)."""
    from fibre_resilience.core import access

    rng = np.random.default_rng(3)
    lines = []
    for i in range(41):  # a 4 km grid of 100 m roads, slightly bent
        for j in range(41):
            for a, b in (((i, j), (i + 1, j)), ((i, j), (i, j + 1))):
                if max(b) > 40:
                    continue
                mid = (np.add(a, b) * 50 + rng.uniform(-5, 5, 2)).tolist()
                lines.append(LineString([np.multiply(a, 100), mid, np.multiply(b, 100)]))
    net = _net(lines)
    flood = [box(550, 550, 3450, 3450)]  # 2.9 km wide: its centre is 1.45 km from dry roads
    # The roads near the last two hold dry pieces, but none as near the first two as the
    # edge right across from them (1,450 m, all beyond the reach of every target).
    targets = [Point(2000, 2000), Point(2030, 1890), Point(600, 3400), Point(3400, 600)]
    depots = [Point(0, 0), Point(4000, 4000)]

    def run():
        return crew_access(net, depots, targets, blocked=flood, max_snap=100)

    res = run()
    assert res.dry_m[0] == pytest.approx(1450.0, abs=10)  # found among every piece
    assert res.dry_m[1] == pytest.approx(1340.0, abs=10)
    assert res.dry_m[2] == pytest.approx(50.0, abs=10)  # found near
    assert np.isfinite(res.dry_m).all()
    monkeypatch.setattr(access, "STAGING_REACH", 1e9)
    everywhere = run()
    np.testing.assert_array_equal(res.dry_min, everywhere.dry_min)
    np.testing.assert_array_equal(res.dry_m, everywhere.dry_m)
    np.testing.assert_array_equal(res.staging_depot, everywhere.staging_depot)
    assert all(shapely.equals_exact(res.staging, everywhere.staging, 0))
