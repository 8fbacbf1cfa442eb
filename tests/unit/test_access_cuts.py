"""Roads cut at flood boundaries in bulk (issue 17) against the per-feature cut and shapely.

The bulk cut queries the roads' index once per flood zone and intersects each road with the
boundary segments it meets; the per-feature cut intersected each (road, zone) pair with the
zone's whole boundary. On zones with dense rings, holes, several parts and overlaps, and roads
that cross at a ring's vertex, end on a boundary, run along an edge or stay inside, both must
give the same cut positions, and the blocked length of every road must be shapely's length of
the road inside the zones.
"""

import numpy as np
import pytest
import shapely
from shapely import LineString, box

from fibre_resilience.core import access
from fibre_resilience.core.access import hazard_intervals, polygons_hit
from fibre_resilience.core.roads import build_road_network, road_attributes


def _zones(rng):
    """Dense round zones (one with a hole, one in two parts, two overlapping) and a box."""
    centres = rng.uniform(150, 850, size=(5, 2))
    discs = shapely.buffer(shapely.points(centres), rng.uniform(60, 160, 5), quad_segs=64)
    holed = shapely.difference(discs[0], shapely.buffer(shapely.points(centres[0]), 30))
    two_parts = shapely.multipolygons([discs[1], shapely.buffer(shapely.Point(60, 940), 40)])
    return np.array([holed, two_parts, discs[2], discs[3], discs[4], box(400, 400, 500, 500)])


def _roads(rng, zones):
    """A jittered grid with bends, and roads on the zones' edges and vertices."""
    lines = []
    for i in range(11):
        for j in range(11):
            a = np.array([i * 100.0, j * 100.0]) + rng.uniform(-20, 20, 2)
            for d in ((100.0, 0.0), (0.0, 100.0)):
                b = np.array([i * 100.0 + d[0], j * 100.0 + d[1]]) + rng.uniform(-20, 20, 2)
                mid = (a + b) / 2 + rng.uniform(-15, 15, 2)
                lines.append(LineString([a, mid, b]))
    ring = np.asarray(zones[2].exterior.coords)
    centre = ring.mean(axis=0)
    lines += [
        LineString([(400, 450), (500, 450)]),  # across the box, whole
        LineString([(380, 400), (520, 400)]),  # along the box's bottom edge and beyond
        LineString([(450, 300), (450, 400)]),  # ends on the box's edge
        LineString([(420, 420), (480, 480)]),  # inside the box
        LineString([centre, ring[10], ring[10] + (ring[10] - centre)]),  # through a vertex
        LineString([ring[40], ring[41], ring[42]]),  # along two edges of a dense ring
    ]
    return lines


def _network(lines):
    return build_road_network(lines, road_attributes(len(lines)))


def _per_feature_cuts(network, zones):
    """The cut of before issue 17: each (road, zone) pair with the zone's whole boundary."""
    positions = []
    for r, line in enumerate(network.lines):
        for zone in zones:
            if not line.intersects(zone):
                continue
            crossing = line.intersection(zone.boundary)
            for xy in shapely.get_coordinates(crossing):
                positions.append((r, line.project(shapely.Point(xy))))
    return np.unique(np.array(positions, dtype=float), axis=0)


@pytest.mark.parametrize("seed", range(4))
def test_bulk_cut_gives_the_per_feature_cut_positions(seed):
    rng = np.random.default_rng(seed)
    zones = _zones(rng)
    network = _network(_roads(rng, zones))
    lines, cut_line, cut_pos = access._polygon_cuts(network, zones)
    bulk = np.unique(np.c_[cut_line.astype(float), cut_pos], axis=0)
    expected = _per_feature_cuts(network, zones)
    assert bulk.shape[0] > 50
    np.testing.assert_array_equal(bulk, expected)
    meets = [r for r, line in enumerate(network.lines) if line.intersects(shapely.union_all(zones))]
    np.testing.assert_array_equal(lines, meets)


@pytest.mark.parametrize("seed", range(4))
def test_blocked_length_of_each_road_is_its_length_inside_the_zones(seed):
    rng = np.random.default_rng(seed)
    zones = _zones(rng)
    network = _network(_roads(rng, zones))
    line, start, end, factor = hazard_intervals(network, zones)
    blocked = np.bincount(line, weights=(end - start) * (factor == 0), minlength=line.max() + 1)
    inside = shapely.length(shapely.intersection(network.lines, shapely.union_all(zones)))
    # The last road lies on two edges of a ring: the middle of each piece is a rounding away
    # from the edge, either side (a tie as before issue 17, the same with either cut).
    np.testing.assert_allclose(blocked[:-1], inside[:-1], rtol=0, atol=1e-7)
    assert (blocked > 0).sum() > 20 and (blocked == 0).sum() > 20
    # every interval is one side of a boundary: consecutive ones on a line alternate
    same_line = line[1:] == line[:-1]
    assert np.all(factor[1:][same_line] != factor[:-1][same_line])


def test_each_road_meets_a_zone_boundary_segment_by_segment(monkeypatch):
    """The work grows with the roads near a boundary, not with roads x boundary vertices: no
    intersection is given more than one boundary segment (a zone of 4,000 vertices here)."""
    zone = shapely.buffer(shapely.Point(500, 500), 400, quad_segs=1000)
    assert shapely.get_num_coordinates(zone) > 4000
    network = _network(_roads(np.random.default_rng(0), np.array([zone] * 3)))
    sizes = []
    intersection = shapely.intersection

    def counted(a, b, **kwargs):
        sizes.append(shapely.get_num_coordinates(b))
        return intersection(a, b, **kwargs)

    monkeypatch.setattr(shapely, "intersection", counted)
    _, cut_line, _ = access._polygon_cuts(network, np.array([zone]))
    assert cut_line.size > 40
    assert max(np.max(s) for s in sizes) == 2


def test_polygons_hit_counts_boundaries_and_skips_empty_geometries():
    zones = np.array([box(0, 0, 10, 10), box(20, 0, 30, 10)])
    points = np.array(
        [
            shapely.Point(5, 5),  # inside
            shapely.Point(10, 3),  # on an edge
            shapely.Point(15, 5),  # between
            None,
            shapely.Point(),  # empty
            shapely.Point(30, 10),  # a corner of the second
        ],
        dtype=object,
    )
    np.testing.assert_array_equal(polygons_hit(zones, points), [0, 1, 5])
    assert polygons_hit(zones[:0], points).size == 0
    assert polygons_hit(zones, points[:0]).size == 0
