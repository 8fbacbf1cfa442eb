"""core.network: building the graph from lines, attaching points, reporting defects."""

import networkx as nx
import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon

from fibre_resilience.core.errors import InputError
from fibre_resilience.core.network import (
    attach_points,
    build_model,
    build_network,
    count_values,
    normalise_id,
    parse_groups,
)


def kinds(frame):
    return sorted(frame.kind.tolist())


def test_ends_within_tolerance_share_a_node():
    lines = [
        LineString([(0, 0), (10, 0)]),
        LineString([(10.3, 0.1), (20, 0)]),  # 0.32 m gap: snapped
        LineString([(20, 0), (20, 10)]),
    ]
    net = build_network(lines, tolerance=0.5)
    assert net.n_nodes == 4
    assert net.u.tolist() == [0, 1, 2] and net.v.tolist() == [1, 2, 3]
    assert net.defects.empty


def test_snapping_matches_a_brute_force_clustering():
    rng = np.random.default_rng(3)
    corners = rng.random((40, 2)) * 1000
    pairs = rng.integers(0, 40, (80, 2))
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    jitter = rng.normal(0, 0.05, (pairs.shape[0], 2, 2))
    coords = corners[pairs] + jitter
    net = build_network(shapely.linestrings(coords), tolerance=0.5)
    g = nx.Graph()
    g.add_nodes_from(range(40))
    g.add_edges_from(pairs.tolist())
    ours = nx.Graph()
    ours.add_edges_from(zip(net.u.tolist(), net.v.tolist()))
    expected = nx.Graph(g.edge_subgraph(g.edges))
    assert nx.is_isomorphic(ours, expected)
    assert net.n_nodes == len(set(pairs.ravel().tolist()))


def test_node_ids_build_the_graph_and_null_ids_are_reported():
    lines = [
        LineString([(0, 0), (100, 0)]),
        LineString([(100, 0), (200, 0)]),
        LineString([(200, 0), (300, 0)]),
    ]
    net = build_network(lines, from_ids=["A", 12.0, None], to_ids=["12", "B", "C"])
    assert net.node_ids.tolist() == ["A", "12", "B", "C"]
    assert net.u.tolist() == [0, 1, -1] and net.v.tolist() == [1, 2, 3]
    assert kinds(net.defects) == ["unplaced"]
    assert net.node_xy[1].tolist() == [100.0, 0.0]


def test_multipart_chain_is_merged_and_broken_one_is_reported():
    chain = MultiLineString([[(0, 0), (5, 0)], [(5, 0), (10, 0)]])
    broken = MultiLineString([[(0, 10), (5, 10)], [(6, 10), (10, 10)]])
    net = build_network([chain, broken, LineString([(10, 0), (10, 10)])], tolerance=0.5)
    assert net.u[0] != net.v[0]
    assert kinds(net.defects) == ["not_chain"]
    # The broken line keeps its outer ends: 10,0 -> 10,10 -> 0,10 is one path.
    assert net.n_nodes == 4


def test_curved_line_uses_its_end_points():
    arc = LineString([(0, 0), (5, 5), (10, 0)])
    net = build_network([arc, LineString([(10, 0), (20, 0)])])
    assert net.n_nodes == 3 and net.defects.empty


def test_shape_defects():
    lines = [
        LineString([(0, 0), (10, 0)]),
        LineString([(0, 0), (10, 0)]),  # duplicate
        LineString([(10, 0), (10, 0)]),  # zero length
        LineString([(10, 0), (15, 5), (10, 0.1)]),  # self-loop after snapping
        LineString([(0, 0), (5, -5), (10, 0)]),  # parallel but a different route: fine
        LineString([(12, 3), (30, 3)]),  # dangling end 2 m from line 0's end: near miss
        None,
    ]
    net = build_network(lines, tolerance=0.5, near_miss=5.0)
    got = {(row.kind, row.index) for row in net.defects.itertuples()}
    assert got == {
        ("duplicate", 1),
        ("zero_length", 2),
        ("self_loop", 3),
        ("near_miss", 5),
        ("unplaced", 6),
    }


def test_not_a_line_layer_and_empty_layer_are_errors():
    with pytest.raises(InputError, match="line layer"):
        build_network([Polygon([(0, 0), (1, 0), (1, 1)])])
    with pytest.raises(InputError, match="empty"):
        build_network([])
    with pytest.raises(InputError, match="FROM_FIELD and TO_FIELD"):
        build_network([LineString([(0, 0), (1, 0)])], from_ids=["a"])


def test_points_attach_to_nearest_node_within_max_snap():
    net = build_network([LineString([(0, 0), (100, 0)])])
    att = attach_points(net, "sites", [Point(3, 4), Point(100, 60), None], max_snap=10)
    assert att.node.tolist() == [0, -1, -1]
    assert att.distance[0] == pytest.approx(5.0)
    assert kinds(att.defects) == ["beyond_snap", "no_geometry"]
    with pytest.raises(InputError, match="points"):
        attach_points(net, "sites", [LineString([(0, 0), (1, 1)])])


def test_points_attach_by_node_id_with_fallback_and_reports():
    lines = [LineString([(0, 0), (1, 0)])]
    net = build_network(lines, from_ids=[1], to_ids=[2])
    att = attach_points(
        net,
        "sites",
        [Point(0, 0), Point(1, 0), Point(0.2, 0), Point(5, 5)],
        node_ids=["2", 9, None, 2.0],
        max_snap=1,
    )
    assert att.node.tolist() == [1, -1, 0, 1]
    # the NULL id falls back on position, and says so
    assert kinds(att.defects) == ["duplicate_node_id", "null_node_id", "unknown_node"]
    no_ids = build_network(lines)
    with pytest.raises(InputError, match="node-id field"):
        attach_points(no_ids, "sites", node_ids=["a"])


def test_model_bad_inputs():
    lines = [LineString([(0, 0), (10, 0)])]
    with pytest.raises(InputError, match="roots layer is empty"):
        build_model(lines, roots=[])
    with pytest.raises(InputError, match="No root is on the network"):
        build_model(lines, roots=[Point(500, 500)], max_snap=10)
    with pytest.raises(InputError, match="one value per premises"):
        build_model(lines, roots=[Point(0, 0)], premises=[Point(1, 0)], premises_count=[1, 2])


def test_model_counts_components_and_null_counts():
    lines = [LineString([(0, 0), (10, 0)]), LineString([(50, 0), (60, 0)])]
    model = build_model(
        lines,
        roots=[Point(0, 0)],
        premises=[Point(10, 0), Point(60, 0), Point(10, 1)],
        premises_count=[3, None, -2],
        srlg=["r1;r2", "r2, r3"],
    )
    assert model.premises_count.tolist() == [3.0, 1.0, 0.0]
    assert model.nodes.rooted.tolist() == [1, 1, 0, 0]
    assert model.nodes.degree.tolist() == [1, 1, 1, 1]
    assert kinds(model.defects) == ["bad_count", "bad_count", "no_root"]
    assert model.srlg_names.tolist() == ["r1", "r2", "r3"]
    assert list(zip(model.srlg_line.tolist(), model.srlg_group.tolist())) == [
        (0, 0),
        (0, 1),
        (1, 1),
        (1, 2),
    ]


def test_infinite_and_nan_counts_are_reported_and_taken_as_one():
    counts, defects = count_values([2, float("inf"), float("nan"), float("-inf"), -1, "x"])
    assert counts.tolist() == [2.0, 1.0, 1.0, 1.0, 0.0, 1.0]
    assert sorted(defects["detail"].tolist()) == sorted(
        ["infinite count, taken as 1"] * 2
        + ["NULL count, taken as 1"] * 2
        + ["negative count -1, taken as 0"]
    )
    assert np.isfinite(counts).all()


def test_parse_groups_and_ids():
    line, group, names = parse_groups([None, "", "a; a ;b", "b"])
    assert names.tolist() == ["a", "b"]
    assert line.tolist() == [2, 2, 3] and group.tolist() == [0, 1, 1]
    assert normalise_id(12.0) == "12" and normalise_id(float("nan")) is None
    assert normalise_id(" x ") == "x" and normalise_id("NULL") is None


def test_a_line_without_geometry_placed_by_its_node_ids_is_no_geometry_not_zero_length():
    lines = [LineString([(0, 0), (100, 0)]), None, LineString([(500, 0), (500, 0)])]
    net = build_network(lines, from_ids=[1, 2, 3], to_ids=[2, 3, 4])
    defects = net.defects[net.defects.kind.isin(["no_geometry", "zero_length"])]
    assert sorted(zip(defects.kind, defects["index"])) == [("no_geometry", 1), ("zero_length", 2)]


def test_a_line_without_geometry_keeps_its_nodes_where_the_other_lines_put_them():
    """Node F is placed by line E-F; line F-G has no geometry: F must stay where it is, so
    that points near F still attach to it."""
    lines = [LineString([(0, 0), (100, 0)]), LineString([(100, 0), (200, 0)]), None]
    net = build_network(lines, from_ids=["R", "E", "F"], to_ids=["E", "F", "G"])
    f = list(net.node_ids).index("F")
    assert net.node_xy[f].tolist() == [200.0, 0.0]
    att = attach_points(net, "premises", [Point(205, 5)], max_snap=50)
    assert att.node.tolist() == [f]
