"""Crew access engine against networkx on random road graphs, and hand-computed cases."""

import networkx as nx
import numpy as np
import pytest
import shapely
from shapely import LineString, Point, Polygon, box

from fibre_resilience.core.access import crew_access, hazard_intervals
from fibre_resilience.core.errors import CancelledError, InputError
from fibre_resilience.core.raster_sampling import RasterGrid
from fibre_resilience.core.roads import build_road_network, road_attributes

REL = 1e-9


def _net(lines, speeds=None, directions=None, bridges=None):
    n = len(lines)
    att = road_attributes(
        n,
        speed=speeds if speeds is not None else [60.0] * n,
        direction=directions,
        bridge=bridges,
    )
    return build_road_network(lines, att)


# --- random grid-like road graphs -------------------------------------------------------


def _random_roads(rng, nx_=9, ny=8, spacing=100.0):
    """Jittered grid roads with a bend in each, random speeds, one-ways and digitising."""
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
            mid = (
                (a[0] + b[0]) / 2 + rng.uniform(-10, 10),
                (a[1] + b[1]) / 2 + rng.uniform(-10, 10),
            )
            coords = [a, mid, b] if rng.random() < 0.5 else [b, mid, a]
            lines.append(LineString(coords))
            speeds.append(rng.uniform(20, 90))
            dirs.append(rng.choice(["both", "both", "both", "forward", "backward"]))
    return lines, np.array(speeds), np.array(dirs, dtype=object)


def _dry_intervals(line, blocked_union, is_bridge):
    """Dry parts of a road as (start, end) positions, from shapely's difference."""
    if blocked_union is None or is_bridge:
        return [(0.0, line.length)]
    dry = line.difference(blocked_union)
    out = []
    for part in shapely.get_parts(dry):
        if part.is_empty or part.length == 0:
            continue
        a = line.project(Point(part.coords[0]))
        b = line.project(Point(part.coords[-1]))
        out.append((min(a, b), max(a, b)))
    return out


def _oracle(lines, speeds, dirs, bridges, blocked_union, stops):
    """networkx DiGraph of travel minutes; ``stops`` maps road -> [(position, name)]."""
    g = nx.DiGraph()

    def junction(pt):
        return ("J", round(pt[0], 6), round(pt[1], 6))

    def add(u, v, t, m):
        if not g.has_edge(u, v) or g[u][v]["t"] > t:
            g.add_edge(u, v, t=t, m=m)

    for r, line in enumerate(lines):
        g.add_nodes_from(name for _, name in stops.get(r, []))
        length = line.length
        v = speeds[r] / 3.6 * 60.0
        for a, b in _dry_intervals(line, blocked_union, bridges[r]):
            seq = [(a, junction(line.coords[0]) if a == 0 else ("C", r, a))]
            seq += sorted(p for p in stops.get(r, []) if a <= p[0] <= b)
            end = junction(line.coords[-1]) if abs(b - length) < 1e-9 else ("C", r, b)
            seq.append((b, end))
            for (p, u), (q, w) in zip(seq[:-1], seq[1:]):
                if dirs[r] != "backward":
                    add(u, w, (q - p) / v, q - p)
                if dirs[r] != "forward":
                    add(w, u, (q - p) / v, q - p)
    return g


def _oracle_times(g, depot_names, target_names):
    dist, paths = nx.multi_source_dijkstra(g, set(depot_names), weight="t")
    times, km, first = [], [], []
    for name in target_names:
        if name in dist:
            path = paths[name]
            times.append(dist[name])
            km.append(sum(g[a][b]["m"] for a, b in zip(path[:-1], path[1:])) / 1000.0)
            first.append(path[0])
        else:
            times.append(np.nan)
            km.append(np.nan)
            first.append(None)
    return np.array(times), np.array(km), first


def _random_case(seed, n_depots=3, n_targets=40):
    rng = np.random.default_rng(seed)
    lines, speeds, dirs = _random_roads(rng)
    bridges = rng.random(len(lines)) < 0.05
    stops, depots, targets, depot_names, target_names = {}, [], [], [], []
    picks = rng.choice(len(lines), size=n_depots + n_targets, replace=False)
    for k, r in enumerate(picks):
        p = float(rng.uniform(0.05, 0.95) * lines[r].length)
        name = ("D", k) if k < n_depots else ("T", k)
        stops.setdefault(int(r), []).append((p, name))
        pt = lines[r].interpolate(p)
        if k < n_depots:
            depots.append(pt)
            depot_names.append(name)
        else:
            targets.append(pt)
            target_names.append(name)
    centres = shapely.points(rng.uniform(0, 800, size=(4, 2)))
    polys = shapely.buffer(centres, rng.uniform(40, 140, size=4))
    return (lines, speeds, dirs, bridges, stops, depots, targets, depot_names, target_names, polys)


@pytest.mark.parametrize("seed", range(8))
def test_random_graphs_match_networkx(seed):
    lines, speeds, dirs, bridges, stops, depots, targets, dnames, tnames, polys = _random_case(seed)
    net = _net(lines, speeds, dirs, bridges)
    res = crew_access(net, depots, targets, blocked=polys, keep_bridges=True, max_snap=1.0)
    union = shapely.union_all(polys)
    nobridge = np.zeros(len(lines), bool)
    t0, _, first0 = _oracle_times(
        _oracle(lines, speeds, dirs, nobridge, None, stops), dnames, tnames
    )
    g1 = _oracle(lines, speeds, dirs, bridges, union, stops)
    t1, km1, first1 = _oracle_times(g1, dnames, tnames)
    assert np.array_equal(np.isfinite(res.t0_min), np.isfinite(t0))
    assert np.array_equal(res.reach, np.isfinite(t1))
    assert (~res.reach).any() and res.reach.any()  # the case exercises both outcomes
    np.testing.assert_allclose(res.t0_min, t0, rtol=REL)
    np.testing.assert_allclose(res.t1_min, t1, rtol=REL)
    np.testing.assert_allclose(res.km, km1, rtol=REL)
    np.testing.assert_allclose(res.delay_min, t1 - t0, rtol=1e-6, atol=1e-9)
    expect = [-1 if f is None else f[1] for f in first1]
    assert res.depot.tolist() == expect
    expect0 = [-1 if f is None else f[1] for f in first0]
    assert res.depot_normal.tolist() == expect0


@pytest.mark.parametrize("seed", range(4))
def test_random_graphs_raster_match_networkx(seed):
    """Raster cells deeper than MAX_DEPTH block like polygons of those cells."""
    lines, speeds, dirs, bridges, stops, depots, targets, dnames, tnames, _ = _random_case(
        100 + seed
    )
    rng = np.random.default_rng(seed)
    size, x0, y0 = 37.0, -60.0, 860.0
    depth = rng.uniform(0, 1.0, size=(26, 27)) * (rng.random((26, 27)) < 0.35)
    depth[0, 0] = -9999.0  # nodata is dry
    raster = RasterGrid(depth, (x0, size, 0, y0, 0, -size), nodata=-9999.0)
    net = _net(lines, speeds, dirs, bridges)
    res = crew_access(net, depots, targets, raster=raster, max_depth=0.5, keep_bridges=False)
    rows, cols = np.nonzero(depth > 0.5)
    cells = shapely.box(
        x0 + cols * size, y0 - (rows + 1) * size, x0 + (cols + 1) * size, y0 - rows * size
    )
    nobridge = np.zeros(len(lines), bool)
    g1 = _oracle(lines, speeds, dirs, nobridge, shapely.union_all(cells), stops)
    t1, km1, _ = _oracle_times(g1, dnames, tnames)
    assert np.array_equal(res.reach, np.isfinite(t1))
    np.testing.assert_allclose(res.t1_min, t1, rtol=REL)
    np.testing.assert_allclose(res.km, km1, rtol=REL)


# --- hand cases (60 km/h = 1000 m per minute) ------------------------------------------


def _half_flooded():
    main = [
        LineString([(0, 0), (1000, 0)]),
        LineString([(1000, 0), (1600, 0)]),
        LineString([(1600, 0), (2000, 0)]),
    ]
    detour = LineString([(1000, 0), (1000, 500), (1600, 500), (1600, 0)])
    return main + [detour]


def test_half_flooded_road_serves_its_dry_side():
    net = _net(_half_flooded())
    flood = [box(1200, -10, 1300, 10)]
    targets = [Point(1100, 2), Point(1250, 0), Point(1500, 0), Point(1900, 0)]
    res = crew_access(net, [Point(0, 0)], targets, blocked=flood)
    np.testing.assert_allclose(res.t0_min, [1.1, 1.25, 1.5, 1.9])
    # Dry side before the flood: unchanged; wet point: cut off; beyond: by the detour.
    np.testing.assert_allclose(res.t1_min, [1.1, np.nan, 2.7, 2.9])
    assert res.reach.tolist() == [True, False, True, True]
    np.testing.assert_allclose(res.delay_min, [0.0, np.nan, 1.2, 1.0], atol=1e-12)
    assert res.unreachable_count == 1
    assert res.worst_delay == pytest.approx(1.2)
    assert res.mean_delay == pytest.approx((0.0 + 1.2 + 1.0) / 3)
    np.testing.assert_allclose(res.km, [1.1, np.nan, 2.7, 2.9])


def test_bridge_stays_open_only_when_kept():
    lines = [LineString([(0, 0), (1000, 0)]), LineString([(1000, 0), (2000, 0)])]
    net = _net(lines, bridges=[0, 1])
    flood = [box(1200, -50, 1800, 50)]
    kept = crew_access(net, [Point(0, 0)], [Point(2000, 0)], blocked=flood, keep_bridges=True)
    shut = crew_access(net, [Point(0, 0)], [Point(2000, 0)], blocked=flood, keep_bridges=False)
    assert kept.reach.tolist() == [True] and kept.t1_min[0] == pytest.approx(2.0)
    assert shut.reach.tolist() == [False]


def test_one_way_street_forces_a_detour():
    # Direct road 0->1000 digitised from its end: one-way "forward" means 1000 -> 0 only.
    direct = LineString([(1000, 0), (0, 0)])
    detour = LineString([(0, 0), (0, 300), (1000, 300), (1000, 0)])
    net = _net([direct, detour], directions=["forward", "both"])
    there = crew_access(net, [Point(0, 0)], [Point(1000, 0)])
    back = crew_access(net, [Point(1000, 0)], [Point(0, 0)])
    assert there.t0_min[0] == pytest.approx(1.6)
    assert back.t0_min[0] == pytest.approx(1.0)
    # Explicit backward on a road digitised 0 -> 1000 says the same.
    net2 = _net([LineString([(0, 0), (1000, 0)]), detour], directions=["backward", None])
    assert crew_access(net2, [Point(0, 0)], [Point(1000, 0)]).t0_min[0] == pytest.approx(1.6)


def test_target_beyond_max_snap_is_unreachable_with_its_distance():
    net = _net([LineString([(0, 0), (1000, 0)])])
    res = crew_access(net, [Point(0, 0)], [Point(500, 80), Point(500, 800)], max_snap=100)
    assert res.snapped.tolist() == [True, False]
    np.testing.assert_allclose(res.snap_m, [80.0, 800.0])
    assert res.reach.tolist() == [True, False]
    assert np.isnan(res.t0_min[1]) and np.isnan(res.t1_min[1])
    assert res.counts["targets_off_network"] == 1


def test_line_and_polygon_targets_reach_from_their_nearest_point():
    net = _net([LineString([(0, 0), (1000, 0)])])
    targets = [Polygon([(450, 20), (400, 60), (500, 60)]), LineString([(800, 30), (900, 10)])]
    res = crew_access(net, [Point(0, 0)], targets, max_snap=50)
    np.testing.assert_allclose(res.snap_m, [20.0, 10.0])
    np.testing.assert_allclose(res.t0_min, [0.45, 0.9])


def test_depot_in_a_disconnected_part_and_depots_off_network():
    lines = [LineString([(0, 0), (1000, 0)]), LineString([(5000, 0), (6000, 0)])]
    net = _net(lines)
    depots = [Point(0, 0), Point(6000, 0), Point(3000, 3000)]
    targets = [Point(600, 0), Point(5200, 0)]
    res = crew_access(net, depots, targets, max_snap=100)
    assert res.depot_snapped.tolist() == [True, True, False]
    assert res.depot.tolist() == [0, 1]
    np.testing.assert_allclose(res.t0_min, [0.6, 0.8])
    assert res.counts["depots_off_network"] == 1
    # With the isolated depot alone, the main road is unreachable even in normal times.
    alone = crew_access(net, [Point(6000, 0)], targets)
    assert alone.reach.tolist() == [False, True] and np.isnan(alone.t0_min[0])


def test_no_depot_on_network_and_empty_inputs():
    net = _net([LineString([(0, 0), (1000, 0)])])
    with pytest.raises(InputError, match="depot"):
        crew_access(net, [Point(0, 5000)], [Point(10, 0)], max_snap=100)
    with pytest.raises(InputError, match="empty"):
        crew_access(net, [], [Point(10, 0)])
    res = crew_access(net, [Point(0, 0)], [])
    assert res.t0_min.size == 0 and res.unreachable_count == 0 and np.isnan(res.mean_delay)
    empty = build_road_network([], road_attributes(0))
    with pytest.raises(InputError, match="drivable"):
        crew_access(empty, [Point(0, 0)], [Point(1, 0)])


def test_null_and_zero_speeds():
    lines = [
        LineString([(0, 0), (1000, 0)]),
        LineString([(1000, 0), (2000, 0)]),
        LineString([(2000, 0), (3000, 0)]),
    ]
    att = road_attributes(3, speed=[None, 0, 30], default_speed=60)
    assert att.excluded == {"zero speed": 1} and att.speed_defaulted == 1
    net = build_road_network(lines, att)
    res = crew_access(net, [Point(0, 0)], [Point(500, 0), Point(2500, 0)], max_snap=10)
    assert res.t0_min[0] == pytest.approx(0.5)  # NULL speed: the default 60 km/h
    assert not res.reach[1]  # the zero-speed road is not a road: the far part is cut off
    assert res.snapped[1]


def test_partial_pieces_count_from_snap_to_snap():
    lines = [LineString([(0, 0), (1000, 0)]), LineString([(1000, 0), (1000, 1000)])]
    net = _net(lines, speeds=[60, 30])
    res = crew_access(net, [Point(250, 3)], [Point(700, -4), Point(1003, 400), Point(100, 0)])
    # 450 m at 60; 750 m at 60 + 400 m at 30 (500 m/min); 150 m back at 60.
    np.testing.assert_allclose(res.t0_min, [0.45, 0.75 + 0.8, 0.15])
    np.testing.assert_allclose(res.km, [0.45, 1.15, 0.15])


def test_depth_raster_blocks_deep_cells_and_slows_shallow_ones():
    net = _net([LineString([(0, 50), (1000, 50)])])
    depth = np.zeros((1, 10))
    depth[0, 2] = 0.2  # shallow: half speed
    depth[0, 4] = 1.0  # deep: blocked
    raster = RasterGrid(depth, (0.0, 100.0, 0, 100.0, 0, -100.0))
    targets = [Point(150, 50), Point(350, 50), Point(450, 50), Point(550, 50)]
    res = crew_access(
        net,
        [Point(0, 50)],
        targets,
        raster=raster,
        max_depth=0.5,
        depth_speed_factor=0.5,
        blocked_roads=True,
    )
    np.testing.assert_allclose(res.t0_min, [0.15, 0.35, 0.45, 0.55])
    np.testing.assert_allclose(res.t1_min, [0.15, 0.45, np.nan, np.nan])
    assert res.blocked_roads["length_m"].tolist() == pytest.approx([100.0])
    assert shapely.equals(res.blocked_roads["geometry"][0], LineString([(400, 50), (500, 50)]))
    no_slow = crew_access(net, [Point(0, 50)], targets, raster=raster, max_depth=0.5)
    np.testing.assert_allclose(no_slow.t1_min, [0.15, 0.35, np.nan, np.nan])


def test_polygon_and_raster_hazards_combine():
    net = _net([LineString([(0, 50), (1000, 50)])])
    raster = RasterGrid(
        np.array([[0, 0, 0, 0, 0, 0, 0, 0, 2.0, 0]]), (0, 100.0, 0, 100.0, 0, -100.0)
    )
    intervals = hazard_intervals(net, [box(300, 0, 400, 100)], raster, max_depth=0.5)
    line, start, end, factor = intervals
    assert start.tolist() == [0, 300, 400, 800, 900]
    assert factor.tolist() == [1, 0, 1, 0, 1]


def test_routes_follow_the_roads_from_depot_to_target():
    net = _net(_half_flooded())
    res = crew_access(
        net,
        [Point(0, 0)],
        [Point(1500, 0), Point(1250, 0)],
        blocked=[box(1200, -10, 1300, 10)],
        routes=True,
    )
    route = res.routes[0]
    assert route.length == pytest.approx(res.km[0] * 1000)
    assert route.coords[0] == (0, 0) and route.coords[-1] == (1500, 0)
    assert shapely.equals(
        route,
        LineString([(0, 0), (1000, 0), (1000, 500), (1600, 500), (1600, 0), (1500, 0)]),
    )
    assert res.routes[1] is None


def test_service_areas_reach_the_right_length():
    lines = [LineString([(0, 0), (1000, 0)]), LineString([(1000, 0), (3000, 0)])]
    net = _net(lines, directions=["both", "forward"])
    res = crew_access(
        net,
        [Point(500, 0)],
        [Point(900, 0)],
        blocked=[box(1400, -5, 1500, 5)],
        service_minutes=[1.0, 2.0],
    )
    table = res.service_areas.set_index(["condition", "minutes"])
    # Normal, 1 min: 500 m back to 0 and 1000 m forward to 1500.
    assert table.loc[("normal", 1.0), "km"] == pytest.approx(1.5)
    assert table.loc[("normal", 2.0), "km"] == pytest.approx(0.5 + 2.0)
    assert table.loc[("hazard", 2.0), "km"] == pytest.approx(0.5 + 0.9)
    assert table.loc[("hazard", 2.0), "geometry"].length == pytest.approx(1400.0)


def test_service_areas_respect_one_way_roads():
    # One-way towards the depot: nothing of it is reachable from the depot.
    net = _net([LineString([(1000, 0), (0, 0)])], directions=["forward"])
    res = crew_access(net, [Point(0, 0)], [], service_minutes=[5.0])
    assert res.service_areas["km"].tolist() == [0.0, 0.0]


def test_cancel_stops_the_run():
    net = _net([LineString([(0, 0), (1000, 0)])])
    with pytest.raises(CancelledError):
        crew_access(net, [Point(0, 0)], [Point(1, 0)], is_cancelled=lambda: True)


@pytest.mark.parametrize("seed", range(4))
def test_random_routes_match_networkx_paths(seed):
    """Every route drawn at once follows the roads from its depot to its target, as long
    as the networkx path, without repeated joints."""
    lines, speeds, dirs, bridges, stops, depots, targets, dnames, tnames, polys = _random_case(seed)
    net = _net(lines, speeds, dirs, bridges)
    res = crew_access(net, depots, targets, blocked=polys, max_snap=1.0, routes=True)
    g1 = _oracle(lines, speeds, dirs, bridges, shapely.union_all(polys), stops)
    _, km1, first1 = _oracle_times(g1, dnames, tnames)
    roads = shapely.union_all(lines).buffer(1e-6)
    assert res.reach.sum() > 10
    for i in range(len(targets)):
        route = res.routes[i]
        if not np.isfinite(km1[i]):
            assert route is None
            continue
        assert route.length == pytest.approx(km1[i] * 1000.0, rel=1e-9)
        xy = np.asarray(route.coords)
        assert Point(xy[0]).distance(depots[first1[i][1]]) < 1e-6
        assert Point(xy[-1]).distance(targets[i]) < 1e-6
        assert (np.abs(np.diff(xy, axis=0)).sum(axis=1) > 0).all()
        assert roads.contains(route)


# --- the raster in its own CRS and at its own precision ---------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_a_raster_in_its_own_crs_is_cut_on_its_own_cells(seed):
    """Roads in metres, raster in kilometres from another origin (a CRS of its own): the
    roads are cut at the raster's cell edges, the same as cell boxes drawn in metres."""
    lines, speeds, dirs, bridges, stops, depots, targets, dnames, tnames, _ = _random_case(
        200 + seed
    )
    rng = np.random.default_rng(seed)
    origin = np.array([-5000.0, 3000.0])  # the raster CRS's origin, in road metres

    def to_raster(xy):
        return (np.asarray(xy, float) - origin) / 1000.0

    size, x0, y0 = 41.0, -55.0, 845.0  # one cell and the top-left corner, in road metres
    depth = rng.uniform(0, 1.0, size=(24, 25)) * (rng.random((24, 25)) < 0.35)
    depth[3, 3] = -9999.0  # nodata is dry
    (kx, ky) = to_raster([[x0, y0]])[0]
    raster = RasterGrid(depth, (kx, size / 1000, 0, ky, 0, -size / 1000), nodata=-9999.0)
    net = _net(lines, speeds, dirs, bridges)
    res = crew_access(
        net,
        depots,
        targets,
        raster=raster,
        max_depth=0.5,
        keep_bridges=False,
        raster_transform=to_raster,
    )
    rows, cols = np.nonzero(depth > 0.5)
    cells = shapely.box(
        x0 + cols * size, y0 - (rows + 1) * size, x0 + (cols + 1) * size, y0 - rows * size
    )
    nobridge = np.zeros(len(lines), bool)
    g1 = _oracle(lines, speeds, dirs, nobridge, shapely.union_all(cells), stops)
    t1, km1, _ = _oracle_times(g1, dnames, tnames)
    assert (~res.reach).any() and res.reach.any()
    assert np.array_equal(res.reach, np.isfinite(t1))
    np.testing.assert_allclose(res.t1_min, t1, rtol=REL)
    np.testing.assert_allclose(res.km, km1, rtol=REL)


@pytest.mark.parametrize(
    "dtype, cell, blocked",
    [
        (np.float32, 0.3, False),  # "0.3" as float32 is 0.300000012: not above 0.3
        (np.float64, 0.3, False),
        (np.float32, 0.31, True),
        (np.int16, 1, True),  # integer depths are compared as they are
        (np.int16, 0, False),
    ],
)
def test_depth_is_compared_at_the_rasters_precision(dtype, cell, blocked):
    net = _net([LineString([(0, 50), (300, 50)])])
    depth = np.array([[0, cell, 0]], dtype=dtype)
    raster = RasterGrid(depth, (0.0, 100.0, 0, 100.0, 0, -100.0))
    max_depth = 0.3 if np.issubdtype(dtype, np.floating) else 0.5
    _, start, _, factor = hazard_intervals(net, raster=raster, max_depth=max_depth)
    assert (0.0 in factor.tolist()) == blocked
    if blocked:
        assert start[factor == 0].tolist() == [100.0]
