"""Road presets (speeds, one-way, bridges, drivability) and the road graph build."""

import networkx as nx
import numpy as np
import pytest
from scipy.sparse.csgraph import dijkstra
from shapely import LineString, MultiLineString, Point

from fibre_resilience.core.errors import InputError
from fibre_resilience.core.roads import (
    BACKWARD,
    BOTH,
    FORWARD,
    INVALID_SPEED,
    build_road_network,
    cut_pieces,
    parse_direction,
    parse_maxspeed,
    piece_coords,
    piece_graph,
    road_attributes,
)


def test_parse_maxspeed_as_osmnx_writes_it():
    values = [
        "50",
        "50 mph",
        "nan",
        None,
        float("nan"),
        "['70', '50']",
        "['130', '100']",
        "FR:urban",
        "FR:rural",
        "DE:zone30",
        "30;50",
        "signals",
        80,
        "none",
        "GB:nsl_single",
    ]
    got = parse_maxspeed(values)
    expect = [50, 80.4672, np.nan, np.nan, np.nan, 50, 100, 50, 80, 30, 30, np.nan, 80, np.nan]
    np.testing.assert_allclose(got[:-1], expect, rtol=1e-6)
    assert got[-1] == pytest.approx(96.56)


def test_parse_direction_words():
    values = ["yes", "-1", "no", None, "True", "1", 0, "reverse", "Sens direct", "Sens inverse"]
    values += ["Double sens", "Sans objet", "forward", "backward", "both", "sideways"]
    got = parse_direction(values).tolist()
    F, B, X = FORWARD, BACKWARD, BOTH
    assert got == [F, B, X, X, F, F, X, B, F, B, X, X, F, B, X, 2]


def test_osm_preset_speeds_exclusions_oneway_and_bridges():
    columns = {
        "highway": ["primary", "footway", "residential", "['secondary', 'tertiary']", "service"],
        "maxspeed": ["['70', '50']", "nan", None, "nan", "30"],
        "oneway": [1, 0, "-1", None, "no"],
        "junction": [None, None, None, "roundabout", None],
        "bridge": ["yes", "nan", "viaduct", "['yes', 'nan']", "no"],
        "access": [None, None, None, None, "no"],
    }
    att = road_attributes(5, columns, preset="osm", default_speed=40, direction=columns["oneway"])
    assert (road_attributes(5, columns, preset="osm").direction == BOTH).all()
    np.testing.assert_allclose(att.speed_kmh, [50, 40, 30, 50, 30])
    assert att.drivable.tolist() == [True, False, True, True, False]
    assert att.excluded == {"highway not drivable": 1, "access=no": 1}
    assert att.direction.tolist() == [FORWARD, BOTH, BACKWARD, FORWARD, BOTH]
    assert att.bridge.tolist() == [True, False, True, True, False]


def test_bdtopo_preset():
    columns = {
        "nature": ["Route à 1 chaussée", "Sentier", "Chemin", "Type autoroutier", "Bretelle"],
        "vitesse_moyenne_vl": [72, None, None, 0, "45"],
        "sens_de_circulation": ["Double sens", "Sans objet", "Sens direct", "Sens inverse", None],
        "position_par_rapport_au_sol": ["0", "0", "1", "0", "-1"],
    }
    att = road_attributes(5, columns, preset="bdtopo", direction=columns["sens_de_circulation"])
    np.testing.assert_allclose(att.speed_kmh[[0, 2, 4]], [72, 15, 45])
    assert att.drivable.tolist() == [True, False, True, False, True]
    assert att.excluded == {"nature not drivable": 1, "zero speed": 1}
    assert att.direction.tolist() == [BOTH, BOTH, FORWARD, BACKWARD, BOTH]
    assert att.bridge.tolist() == [False, False, True, False, False]


def test_speed_field_wins_then_preset_then_default():
    columns = {"highway": ["primary", "primary", None, "track"]}
    att = road_attributes(4, columns, preset="osm", speed=[90, None, None, -5], default_speed=33)
    np.testing.assert_allclose(att.speed_kmh, [90, 70, 33, 15])
    assert att.speed_defaulted == 1
    # a negative speed is no speed to trust: the road is excluded, with its reason
    assert att.drivable.tolist() == [True, True, True, False]
    assert att.excluded == {INVALID_SPEED: 1}


def test_nan_and_infinite_speeds_exclude_their_roads_null_takes_the_default():
    speed = np.array([50.0, float("nan"), float("inf"), None, float("-inf"), 0.0], dtype=object)
    att = road_attributes(6, speed=speed, default_speed=30)
    assert att.drivable.tolist() == [True, False, False, True, False, False]
    assert att.excluded == {"zero speed": 1, INVALID_SPEED: 3}
    assert att.speed_kmh[0] == 50 and att.speed_kmh[3] == 30
    assert np.all(np.isfinite(att.speed_kmh))
    assert att.speed_defaulted == 1


def test_bad_preset_input():
    with pytest.raises(InputError, match="needs at least one of the fields"):
        road_attributes(2, {"name": ["a", "b"]}, preset="osm")
    with pytest.raises(InputError, match="Unknown speed preset"):
        road_attributes(2, preset="here")
    with pytest.raises(InputError, match="default speed"):
        road_attributes(2, default_speed=0)
    with pytest.raises(InputError, match="has 1 values for 2 roads"):
        road_attributes(2, {"highway": ["primary"]}, preset="osm")


def test_network_nodes_multipart_and_shared_vertices():
    lines = [
        LineString([(0, 0), (100, 0)]),
        LineString([(100.05, 0), (200, 0)]),  # within the tolerance of the first end
        MultiLineString([[(200, 0), (300, 0)], [(300, 0), (300, 100)]]),  # merges into one
        LineString([(150, -50), (150, 0), (150, 50)]),  # no shared vertex at (150, 0)
        LineString([(250, -50), (250, 50)]),
        LineString([(250, 50), (250, 0), (260, 0)]),  # shares (250, 0)? no: not a vertex
        None,
    ]
    att = road_attributes(7, speed=[60] * 7)
    net = build_road_network(lines, att, tolerance=0.1)
    assert net.skipped_geometry == 1
    assert net.lines.size == 6 and net.road.tolist() == [0, 1, 2, 3, 4, 5]
    assert net.end_node[0] == net.start_node[1]
    assert net.length[2] == pytest.approx(200)
    # Roads crossing without a shared vertex stay apart (bridges over roads).
    assert net.junction_line.size == 0
    # A raw OSM way crossing another at a shared interior vertex is joined there.
    lines2 = [LineString([(0, 0), (50, 0), (100, 0)]), LineString([(50, -50), (50, 0), (50, 50)])]
    net2 = build_road_network(lines2, road_attributes(2, speed=[60, 60]))
    assert sorted(net2.junction_line.tolist()) == [0, 1]
    assert net2.junction_pos.tolist() == [50.0, 50.0]
    assert net2.junction_node[0] == net2.junction_node[1]
    assert net2.n_nodes == 5


def test_piece_graph_matches_networkx_with_one_ways_and_parallel_roads():
    twin = LineString([(0, 0), (500, 1), (1000, 0)])
    lines = [
        LineString([(0, 0), (1000, 0)]),
        LineString([(0, 0), (0, 500), (1000, 500), (1000, 0)]),  # (1000, 500) is shared
        LineString([(1000, 0), (2000, 0)]),
        LineString([(2000, 0), (2000, 800), (1000, 800), (1000, 500)]),
        twin,  # parallel to road 0 and faster: the graph keeps it
    ]
    att = road_attributes(
        5,
        speed=[20, 120, 50, 80, 60],
        direction=["both", "both", "forward", "backward", "both"],
    )
    net = build_road_network(lines, att)
    pieces = cut_pieces(net, [2], [300.0])
    dist = dijkstra(piece_graph(net, pieces).matrix, directed=True)

    def t(metres, kmh):
        return metres / (kmh / 3.6 * 60)

    a, b, c, d, m = (0, 0), (1000, 0), (2000, 0), (1000, 500), (1300, 0)
    g = nx.DiGraph()
    both = [(a, b, min(t(1000, 20), t(twin.length, 60))), (a, d, t(1500, 120))]
    both += [(d, b, t(500, 120))]
    for u, v, w in both:
        g.add_edge(u, v, w=w)
        g.add_edge(v, u, w=w)
    g.add_edge(b, m, w=t(300, 50))
    g.add_edge(m, c, w=t(700, 50))
    g.add_edge(d, c, w=t(2100, 80))  # digitised c -> d, travelled backward
    node = {tuple(p): i for i, p in enumerate(np.round(net.node_xy, 6).tolist())}
    node[m] = int(pieces.cut_node[0])
    assert net.n_nodes == 4 and pieces.n_nodes == 5
    for s in g.nodes:
        lengths = nx.single_source_dijkstra_path_length(g, s, weight="w")
        for e in g.nodes:
            expect = lengths.get(e, np.inf)
            assert dist[node[s], node[e]] == pytest.approx(expect, rel=1e-12), (s, e)


def test_piece_coords_keep_curves():
    net = build_road_network(
        [LineString([(0, 0), (100, 0), (100, 100), (0, 100)])], road_attributes(1)
    )
    xy, own = piece_coords(net, np.array([0, 0]), np.array([50.0, 0.0]), np.array([250.0, 300.0]))
    assert own.tolist() == [0, 0, 0, 0, 1, 1, 1, 1]
    np.testing.assert_allclose(xy[:4], [(50, 0), (100, 0), (100, 100), (50, 100)])
    assert Point(*xy[-1]).equals(Point(0, 100))


def test_points_at_match_shapely_interpolation():
    rng = np.random.default_rng(5)
    lines = [
        LineString(np.cumsum(rng.uniform(-50, 50, (int(rng.integers(2, 9)), 2)), axis=0))
        for _ in range(40)
    ]
    net = build_road_network(lines, road_attributes(len(lines)))
    line = rng.integers(0, net.lines.size, 500)
    pos = rng.uniform(-0.2, 1.2, 500) * net.length[line]
    pos[:40] = 0.0
    pos[40:80] = net.length[line[40:80]]
    expect = [net.lines[k].interpolate(max(p, 0.0)) for k, p in zip(line, pos)]
    np.testing.assert_allclose(net.points_at(line, pos), [(p.x, p.y) for p in expect], atol=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_a_graph_with_closed_pieces_from_the_normal_one_is_the_same_graph(seed):
    """piece_graph(..., normal=) filters the normal graph's sorted edges instead of sorting
    again: the same graph, parallel roads included (the fastest one closed, the next kept)."""
    rng = np.random.default_rng(seed)
    nodes = rng.uniform(0, 1000, (30, 2))
    lines, speeds, directions = [], [], []
    for _ in range(120):
        a, b = rng.choice(30, 2, replace=False)
        bend = (nodes[a] + nodes[b]) / 2 + rng.uniform(-20, 20, 2)
        lines.append(LineString([nodes[a], bend, nodes[b]]))
        speeds.append(float(rng.choice([30, 50, 90])))  # ties between parallel roads too
        directions.append(rng.choice(["both", "both", "forward", "backward"]))
    lines.append(LineString([nodes[0], nodes[1]]))  # parallel twins, equally fast
    lines.append(LineString([nodes[0], nodes[1]]))
    speeds += [50.0, 50.0]
    directions += ["both", "both"]
    net = build_road_network(lines, road_attributes(len(lines), speed=speeds, direction=directions))
    pieces = cut_pieces(net, rng.integers(0, len(lines), 60), rng.uniform(0, 300, 60))
    normal = piece_graph(net, pieces)
    closed = (rng.random(pieces.line.size) < 0.3).astype(float)
    factor = 1.0 - closed
    for speed_factor in (factor, np.ones(pieces.line.size), np.zeros(pieces.line.size)):
        reused = piece_graph(net, pieces, speed_factor, normal=normal)
        sorted_again = piece_graph(net, pieces, speed_factor)
        assert reused.every is None
        for name in ("piece", "forward", "keys"):
            np.testing.assert_array_equal(getattr(reused, name), getattr(sorted_again, name))
        for name in ("indptr", "indices", "data"):
            a, b = getattr(reused.matrix, name), getattr(sorted_again.matrix, name)
            np.testing.assert_array_equal(a, b)
    slower = piece_graph(net, pieces, np.where(closed > 0, 0.0, 0.5), normal=normal)
    expected = piece_graph(net, pieces, np.where(closed > 0, 0.0, 0.5))
    np.testing.assert_array_equal(slower.matrix.data, expected.matrix.data)
