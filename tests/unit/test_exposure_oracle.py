"""Exposed line lengths (stretches cut at zone edges) against GEOS overlays.

The oracle is the plain GEOS answer for one line at a time: the length of the line
intersected with the union of the zones it meets (and of the wet raster cells, as boxes).
For the level bands, the same per level k: the length inside the zones (and wet cells) of
level k or more, minus the one at k + 1 or more; it knows nothing of the stretches.
"""

import numpy as np
import pytest
import shapely
from shapely import LineString, MultiLineString, MultiPolygon, Point, Polygon, box

from fibre_resilience.core.exposure import (
    HazardZones,
    RasterHazard,
    box_pairs,
    edge_pairs,
    exposure,
    segments,
)
from fibre_resilience.core.raster_sampling import RasterGrid


def arr(*geoms):
    return np.array(list(geoms), dtype=object)


def line_segments(line):
    """The line's segments as 2-point lines, part after part (plain shapely, no numpy)."""
    parts = line.geoms if hasattr(line, "geoms") else [line]
    return [LineString(pair) for part in parts for pair in zip(part.coords, part.coords[1:])]


def oracle(lines, zone_geoms, zone_levels, extra=()):
    """Level and exposed length of each line, GEOS overlays one segment at a time.

    Per segment, so that a line running back over itself counts each pass, as its own
    length does (an overlay of the whole line would dissolve the passes into one).
    """
    levels, lengths = [], []
    for line in lines:
        hits = [i for i, z in enumerate(zone_geoms) if line.intersects(z)]
        levels.append(max((int(zone_levels[i]) for i in hits), default=0))
        covering = [zone_geoms[i] for i in hits] + [g for g in extra if line.intersects(g)]
        union = shapely.union_all(covering) if covering else None
        lengths.append(
            sum(s.intersection(union).length for s in line_segments(line)) if union else 0.0
        )
    return np.array(levels), np.array(lengths)


def band_oracle(lines, covers):
    """(lines, 4) lengths at exactly level 1–4; ``covers``: (geometry, level) pairs."""
    out = np.zeros((len(lines), 4))
    for i, line in enumerate(lines):
        above = []
        for k in range(1, 6):
            mine = [g for g, level in covers if level >= k and line.intersects(g)]
            union = shapely.union_all(mine) if mine else None
            above.append(
                sum(s.intersection(union).length for s in line_segments(line)) if union else 0.0
            )
        out[i] = np.array(above[:4]) - np.array(above[1:])
    return out


def grid_zones(rng, count=30):
    """Overlapping boxes with holes and multipolygons on a 10 m grid, and round blobs."""
    zones = []
    for _ in range(count):
        x0, y0 = rng.integers(0, 40, 2) * 10
        w, h = rng.integers(3, 20, 2) * 10
        outer = box(x0, y0, x0 + w, y0 + h)
        kind = rng.integers(0, 4)
        if kind == 0:  # a hole, also on the grid
            zones.append(
                Polygon(
                    outer.exterior.coords, [box(x0 + 10, y0 + 10, x0 + 20, y0 + 20).exterior.coords]
                )
            )
        elif kind == 1:  # two boxes sharing nothing
            zones.append(MultiPolygon([outer, box(x0 + w + 10, y0, x0 + w + 30, y0 + 20)]))
        elif kind == 2:  # a ring-shaped blob off the grid
            centre = Point(rng.uniform(0, 500, 2))
            r = rng.uniform(30, 120)
            zones.append(
                centre.buffer(r, quad_segs=5).difference(centre.buffer(r / 3, quad_segs=3))
            )
        else:
            zones.append(outer)
    return zones


def random_lines(rng, count=200):
    """Diagonal, grid-aligned (along zone edges), multipart and duplicated-vertex lines."""
    lines = []
    for k in range(count):
        kind = k % 5
        if kind == 0:
            lines.append(LineString(rng.uniform(-20, 620, (rng.integers(2, 7), 2))))
        elif kind == 1:  # axis-aligned on grid coordinates: runs along zone edges
            x = rng.integers(0, 60) * 10.0
            y0, y1 = np.sort(rng.integers(0, 60, 2) * 10.0)
            y1 += 10
            if rng.random() < 0.5:
                lines.append(LineString([(x, y0), (x, y1)]))
            else:
                lines.append(LineString([(y0, x), (y1, x)]))
        elif kind == 2:  # grid staircase: vertices on zone corners and edges
            steps = rng.integers(-3, 4, (rng.integers(2, 6), 2)) * 10.0
            start = rng.integers(0, 50, 2) * 10.0
            lines.append(LineString(np.vstack([start, start + np.cumsum(steps, axis=0)])))
        elif kind == 3:  # consecutive duplicate vertices
            xy = rng.uniform(0, 600, (4, 2))
            lines.append(LineString(np.vstack([xy[:2], xy[1:2], xy[2:], xy[3:]])))
        else:
            parts = [
                rng.uniform(0, 600, (rng.integers(2, 5), 2)) for _ in range(rng.integers(2, 4))
            ]
            lines.append(MultiLineString(parts))
    return lines


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_lines_against_geos_overlay(seed):
    rng = np.random.default_rng(seed)
    zone_geoms = grid_zones(rng)
    zone_levels = rng.integers(1, 5, len(zone_geoms))
    lines = random_lines(rng)
    result = exposure(arr(*lines), HazardZones(arr(*zone_geoms), zone_levels))
    levels, lengths = oracle(lines, zone_geoms, zone_levels)
    assert (lengths > 0).sum() > 50 and (levels == 0).any()  # the draw does test something
    assert result.level.tolist() == levels.tolist()
    np.testing.assert_allclose(result.length, lengths, rtol=1e-6, atol=1e-9)


def test_lines_with_zones_and_raster_union():
    rng = np.random.default_rng(7)
    zone_geoms = grid_zones(rng, 15)
    zone_levels = rng.integers(1, 5, len(zone_geoms))
    lines = random_lines(rng, 150)
    # 20 m cells, about half of them wet, off the zones' 10 m grid: on a cell edge the
    # raster takes one side only, which a union of closed cell boxes would not.
    depth = rng.uniform(0, 1, (30, 30))
    x0, y0 = -3.7, 603.3
    grid = RasterGrid(depth, (x0, 20.0, 0.0, y0, 0.0, -20.0), None)
    rows, cols = np.nonzero(depth >= 0.5)
    wet_cells = [
        box(x0 + 20 * c, y0 - 20 * (r + 1), x0 + 20 * (c + 1), y0 - 20 * r)
        for r, c in zip(rows, cols)
    ]
    result = exposure(
        arr(*lines), HazardZones(arr(*zone_geoms), zone_levels), RasterHazard(grid, [0.5])
    )
    _, lengths = oracle(lines, zone_geoms, zone_levels, wet_cells)
    assert (lengths > 0).sum() > 100
    np.testing.assert_allclose(result.length, lengths, rtol=1e-6, atol=1e-6)


def test_raster_assets_with_other_vertices_fall_back_to_the_overlay():
    # The raster side sees densified lines: segments differ, so the union is geometric.
    zone = box(0, 0, 25, 10)
    grid = RasterGrid(np.array([[0.0, 0.0, 1.0, 1.0]]), (0, 10, 0, 10, 0, -10), None)
    lines = [LineString([(0, 5), (40, 5)]), LineString([(5, 2), (35, 8)])]
    raster = RasterHazard(grid, [0.5], assets=shapely.segmentize(arr(*lines), 3.0))
    result = exposure(arr(*lines), HazardZones(arr(zone), [2]), raster)
    _, lengths = oracle(lines, [zone], [2], [box(20, 0, 40, 10)])
    assert result.length[0] == pytest.approx(40.0)
    np.testing.assert_allclose(result.length, lengths, rtol=1e-9)


def test_a_line_back_over_itself_counts_each_pass():
    line = LineString([(0, 5), (20, 5), (5, 5)])  # 20 m out, 15 m back, all in the zone
    result = exposure(arr(line), HazardZones(arr(box(0, 0, 30, 10)), np.array([1])))
    assert result.length[0] == pytest.approx(35.0) and result.share[0] == pytest.approx(1.0)
    # A whole-line overlay dissolves the passes: 20 m, a share of 20/35.
    assert line.intersection(box(0, 0, 30, 10)).length == pytest.approx(20.0)


def test_lines_without_self_overlap_match_a_whole_line_overlay():
    rng = np.random.default_rng(11)
    zone_geoms = grid_zones(rng)
    lines = [
        g
        for g in random_lines(rng)
        if shapely.union_all(line_segments(g)).length == pytest.approx(g.length)
    ]
    result = exposure(arr(*lines), HazardZones(arr(*zone_geoms), np.ones(len(zone_geoms), int)))
    union = shapely.union_all(zone_geoms)
    expected = [line.intersection(union).length for line in lines]
    assert len(lines) > 150
    np.testing.assert_allclose(result.length, expected, rtol=1e-6, atol=1e-9)


def test_hand_cases():
    zone = Polygon([(0, 0), (30, 0), (30, 30), (0, 30)], [[(10, 10), (20, 10), (20, 20), (10, 20)]])
    z = HazardZones(arr(zone, box(40, 0, 50, 10), box(40, 0, 45, 5)), np.array([2, 1, 4]))
    lines = arr(
        LineString([(-5, 30), (35, 30)]),  # along the top edge: 30 m (boundary included)
        LineString([(30, 40), (30, 30), (40, 40)]),  # touches the corner only: length 0
        LineString([(-10, 15), (0, 15), (15, 15)]),  # vertex on the edge; crosses the hole
        LineString([(-10, 5), (-10, 5), (5, 5), (5, 5), (5, 5), (15, 5)]),  # duplicates
        LineString([(5, 15), (25, 15)]),  # through the hole: 5 + 5
        LineString([(35, 2), (55, 2)]),  # nested boxes of levels 1 and 4: 10 m, level 4
        LineString([(12, 12), (12, 12)]),  # zero length, in the hole: not exposed
        LineString([(10, 12), (10, 18)]),  # along the hole's edge: boundary included
    )
    result = exposure(lines, z)
    assert result.level.tolist() == [2, 2, 2, 2, 2, 4, 0, 2]
    np.testing.assert_allclose(result.length, [30, 0, 10, 15, 10, 10, 0, 6], atol=1e-12)


def test_segments_in_order_and_box_pairs_against_brute_force():
    lines = arr(
        MultiLineString([[(0, 0), (1, 0), (1, 1)], [(5, 5), (6, 6)]]),
        LineString([(2, 2), (3, 3)]),
    )
    owner, start, end = segments(lines)
    assert owner.tolist() == [0, 0, 0, 1]
    assert start.tolist() == [[0, 0], [1, 0], [5, 5], [2, 2]]
    assert end.tolist() == [[1, 0], [1, 1], [6, 6], [3, 3]]

    rng = np.random.default_rng(5)
    lo = rng.uniform(0, 100, (300, 2))
    size = rng.exponential(5, (300, 2)) * (rng.random((300, 1)) < 0.9)  # some flat boxes
    boxes = np.hstack([lo, lo + size])
    a, b = boxes[:120], boxes[120:]
    meet = (
        (a[:, None, 0] <= b[None, :, 2])
        & (b[None, :, 0] <= a[:, None, 2])
        & (a[:, None, 1] <= b[None, :, 3])
        & (b[None, :, 1] <= a[:, None, 3])
    )
    expected = sorted(zip(*np.nonzero(meet)))
    for cell in (None, 0.7, 3.0, 40.0, 500.0):
        i, j = box_pairs(a, b, cell)
        assert sorted(zip(i.tolist(), j.tolist())) == expected
    empty = box_pairs(a[:0], b)
    assert len(empty[0]) == 0 and len(empty[1]) == 0


def test_edge_pairs_against_brute_force():
    """Every segment–edge pair that GEOS says meets is paired; none whose boxes are apart."""
    rng = np.random.default_rng(11)
    rings = []
    for n_vertices in (3, 8, 9, 15, 16, 17, 40, 200):  # around chain lengths (EDGE_BLOCK)
        centre = rng.uniform(0, 100, 2)
        angles = np.sort(rng.uniform(0, 2 * np.pi, n_vertices))
        radius = rng.uniform(2, 20, n_vertices)
        ring = centre + radius[:, None] * np.stack([np.cos(angles), np.sin(angles)], axis=1)
        rings.append(np.vstack([ring, ring[:1]]))
    rings.append(np.array([[200, 200], [210, 200], [210, 210], [200, 210], [200, 200]], float))
    owner = np.concatenate([np.full(len(r) - 1, k) for k, r in enumerate(rings)])
    q0 = np.vstack([r[:-1] for r in rings])
    q1 = np.vstack([r[1:] for r in rings])
    p0 = rng.uniform(-10, 110, (400, 2))
    p1 = p0 + rng.normal(0, 15, (400, 2))
    # Touching cases: segments along edges, from a vertex, ending on an edge's mid-point.
    pick = rng.choice(len(q0), (3, 20), replace=False)
    p0[:20], p1[:20] = q0[pick[0]], q1[pick[0]]
    p0[20:40] = q0[pick[1]]
    p1[40:60] = (q0[pick[2]] + q1[pick[2]]) / 2
    # The square's box meets these segments' lines at one corner only.
    p0[60:62] = [[190, 200], [205, 215]]
    p1[60:62] = [[200, 200], [215, 205]]
    seg = shapely.linestrings(np.stack([p0, p1], axis=1))
    edge = shapely.linestrings(np.stack([q0, q1], axis=1))
    meets = shapely.intersects(seg[:, None], edge[None, :])
    s_lo, s_hi = np.minimum(p0, p1), np.maximum(p0, p1)
    e_lo, e_hi = np.minimum(q0, q1), np.maximum(q0, q1)
    boxes_meet = (
        (s_lo[:, None, 0] <= e_hi[None, :, 0])
        & (e_lo[None, :, 0] <= s_hi[:, None, 0])
        & (s_lo[:, None, 1] <= e_hi[None, :, 1])
        & (e_lo[None, :, 1] <= s_hi[:, None, 1])
    )
    assert meets.sum() > 100
    i, k = edge_pairs(p0, p1, owner, q0, q1)
    paired = np.zeros_like(meets)
    paired[i, k] = True
    assert len(set(zip(i.tolist(), k.tolist()))) == len(i)  # each pair once
    assert not (meets & ~paired).any()
    assert not (paired & ~boxes_meet).any()
    assert paired.sum() < boxes_meet.sum()  # the side test drops chains off the line
    none = edge_pairs(p0, p1, owner[:0], q0[:0], q1[:0])
    assert len(none[0]) == 0 and len(none[1]) == 0


# --------------------------------------------------------------------------- level bands


def test_raster_in_another_crs_with_other_vertices_falls_back_to_overlays_per_level():
    # The raster side sees densified lines (other segments): GEOS unions, one per level.
    grid = RasterGrid(np.array([[0.0, 2.5, 0.7, 0.7]]), (0, 10, 0, 10, 0, -10), None)
    lines = [LineString([(0, 5), (40, 5)]), LineString([(5, 2), (35, 8)])]
    raster = RasterHazard(grid, [0.5, 2], assets=shapely.segmentize(arr(*lines), 3.0))
    z = HazardZones(arr(box(0, 0, 25, 10)), np.array([1]))
    result = exposure(arr(*lines), z, raster)
    covers = [(box(0, 0, 25, 10), 1), (box(10, 0, 20, 10), 2), (box(20, 0, 40, 10), 1)]
    np.testing.assert_allclose(result.band_length, band_oracle(lines, covers), atol=1e-9)
    np.testing.assert_allclose(result.band_length.sum(axis=1), result.length, rtol=1e-12)
    assert result.band_length[0].tolist() == pytest.approx([30.0, 10.0, 0.0, 0.0])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_lines_bands_against_geos_overlays_per_level(seed):
    rng = np.random.default_rng(seed)
    zone_geoms = grid_zones(rng)
    zone_levels = rng.integers(1, 5, len(zone_geoms))
    lines = random_lines(rng)
    result = exposure(arr(*lines), HazardZones(arr(*zone_geoms), zone_levels))
    expected = band_oracle(lines, list(zip(zone_geoms, zone_levels)))
    assert (expected > 0).sum(axis=0).min() > 10  # every band is tested
    np.testing.assert_allclose(result.band_length, expected, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(result.band_length.sum(axis=1), result.length, rtol=1e-12)


def test_random_lines_bands_with_zones_and_a_raster_of_four_levels():
    rng = np.random.default_rng(5)
    zone_geoms = grid_zones(rng, 15)
    zone_levels = rng.integers(1, 5, len(zone_geoms))
    lines = random_lines(rng, 150)
    depth = rng.uniform(0, 4, (30, 30))
    depth[rng.random((30, 30)) < 0.2] = -1.0  # nodata
    x0, y0 = -3.7, 603.3  # off the zones' grid
    grid = RasterGrid(depth, (x0, 20.0, 0.0, y0, 0.0, -20.0), -1.0)
    thresholds = [0.5, 1.5, 2.5, 3.5]
    cell_level = np.searchsorted(thresholds, depth, side="right")
    cells = [
        (box(x0 + 20 * c, y0 - 20 * (r + 1), x0 + 20 * (c + 1), y0 - 20 * r), cell_level[r, c])
        for r, c in zip(*np.nonzero((cell_level >= 1) & (depth != -1.0)))
    ]
    result = exposure(
        arr(*lines),
        HazardZones(arr(*zone_geoms), zone_levels),
        RasterHazard(grid, thresholds),
    )
    expected = band_oracle(lines, list(zip(zone_geoms, zone_levels)) + cells)
    assert (expected > 0).sum(axis=0).min() > 10
    # On a cell edge the raster takes one side only and the closed boxes both: a stretch
    # along an edge is the only difference, and these lines run along none (off-grid).
    np.testing.assert_allclose(result.band_length, expected, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(result.band_length.sum(axis=1), result.length, rtol=1e-12)
