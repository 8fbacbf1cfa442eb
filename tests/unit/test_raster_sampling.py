"""Raster sampling: hand-computed pieces, nodata, edges, polygons, and a cell-box oracle."""

import math

import numpy as np
import pytest
import shapely
from shapely import LineString, MultiLineString, Point, Polygon, box

from fibre_resilience.core.errors import InputError
from fibre_resilience.core.raster_sampling import RasterGrid, sample_raster

NODATA = -9999.0
# 3×3 cells of 10 m, top-left corner (0, 30): row 0 is y 20–30, col 0 is x 0–10.
GT = (0.0, 10.0, 0.0, 30.0, 0.0, -10.0)
# The 9s are cells the diagonal test line never enters.
ARRAY = np.array(
    [
        [1.0, 9.0, 9.0],
        [0.0, 2.0, NODATA],
        [9.0, 9.0, 0.7],
    ]
)
THRESHOLDS = [0.5, 1.5]


def grid(array=ARRAY, gt=GT, nodata=NODATA):
    return RasterGrid(np.asarray(array, dtype=float), gt, nodata)


def sample(geoms, **kwargs):
    return sample_raster(np.array(geoms, dtype=object), grid(), THRESHOLDS, **kwargs)


def test_line_cut_at_every_cell_edge():
    # y = 25 - 2x/3 crosses x=7.5 (y=20), x=10, x=20, x=22.5 (y=10): five pieces, in cells
    # (r0,c0)=1, (r1,c0)=0, (r1,c1)=2, (r1,c2)=nodata, (r2,c2)=0.7.
    line = LineString([(0, 25), (30, 5)])
    result = sample([line])
    k = math.sqrt(13) / 3  # length per metre of x
    assert result.level.tolist() == [2]
    assert result.value[0] == 2.0
    assert result.length[0] == pytest.approx((7.5 + 10 + 7.5) * k, rel=1e-12)
    runs = sorted(result.pieces, key=lambda g: g.bounds[0])
    assert [tuple(np.round(g.bounds, 9)) for g in runs] == [
        (0.0, 20.0, 7.5, 25.0),
        (10.0, round(25 - 40 / 3, 9), 20.0, round(25 - 20 / 3, 9)),
        (22.5, 5.0, 30.0, 10.0),
    ]
    assert result.piece_asset.tolist() == [0, 0, 0]


def test_wet_stretches_by_segment_rank():
    # The first line's two segments: dry cell (1,0)=0, then (1,1)=2 from x=10 (t=0.5). The
    # multi-line's first part lies in the dry cell; its second part, segment rank 1, runs
    # through the wet cells (0,0)=1, (0,1)=9, (0,2)=9, cut at x=10 and x=20.
    dry_then_wet = LineString([(2, 15), (5, 15), (15, 15)])
    multi = MultiLineString([[(2, 12), (4, 12)], [(0, 25), (30, 25)]])
    result = sample([dry_then_wet, None, multi])
    assert result.segments.tolist() == [2, 0, 2]
    stretches = sorted(
        zip(result.wet_asset.tolist(), result.wet_segment.tolist(), result.wet_t0, result.wet_t1)
    )
    expected = [(0, 1, 0.5, 1.0), (2, 1, 0.0, 1 / 3), (2, 1, 1 / 3, 2 / 3), (2, 1, 2 / 3, 1.0)]
    assert [s[:2] for s in stretches] == [e[:2] for e in expected]
    np.testing.assert_allclose([s[2:] for s in stretches], [e[2:] for e in expected])


def test_line_through_cell_corners():
    result = sample([LineString([(0, 30), (30, 0)])])
    # Cells (0,0)=1, (1,1)=2, (2,2)=0.7: all wet.
    assert result.level.tolist() == [2]
    assert result.length[0] == pytest.approx(30 * math.sqrt(2))


def test_to_metric_measures_in_the_working_crs():
    def stretch(coords):
        return coords * np.array([2.0, 1.0])

    result = sample([LineString([(0, 25), (30, 5)])], to_metric=stretch)
    assert result.length[0] == pytest.approx(25 * math.sqrt(40) / 3, rel=1e-12)
    assert shapely.length(result.pieces).sum() == pytest.approx(result.length[0])


def test_line_with_many_vertices_inside_one_cell_and_outside_the_raster():
    inside = LineString([(1, 21), (2, 29), (9, 22)])
    outside = LineString([(-1000, -1000), (-500, -900)])
    crossing = LineString([(-100, 25), (130, 25)])  # runs past both sides of the raster
    result = sample([inside, outside, crossing])
    assert result.level.tolist() == [1, 0, 2]
    assert result.length[0] == pytest.approx(inside.length)
    assert np.isnan(result.value[1])
    assert result.length[2] == pytest.approx(30.0)  # row 0: 1, 9, 9, all wet
    assert result.value[2] == 9.0


def test_points_cells_edges_nodata_and_outside():
    points = [
        Point(5, 25),  # cell (0,0) = 1
        Point(10, 15),  # on the edge between (1,0)=0 and (1,1)=2 -> the cell to the right
        Point(25, 15),  # nodata
        Point(50, 50),  # outside
        Point(25, 5),  # 0.7
    ]
    result = sample(points)
    assert result.level.tolist() == [1, 2, 0, 0, 1]
    assert result.value[:2].tolist() == [1.0, 2.0]
    assert np.isnan(result.value[2]) and np.isnan(result.value[3])
    assert result.length.tolist() == [0] * 5 and result.area.tolist() == [0] * 5


def test_nan_cells_are_not_exposure():
    array = ARRAY.copy()
    array[0, 0] = np.nan
    result = sample_raster(
        np.array([Point(5, 25)], dtype=object), RasterGrid(array, GT, None), THRESHOLDS
    )
    assert result.level.tolist() == [0] and np.isnan(result.value[0])


def test_polygon_centres_and_exact_wet_area():
    # Covers the centres of (0,0)=1, (0,1)=9, (1,0)=0 and (1,1)=2.
    polygon = box(2, 12, 16, 28)
    # Covers the centre of (0,0)=1 only; clips (0,1)=9 without covering its centre.
    clipping = box(2, 22, 14, 28)
    result = sample([polygon, clipping])
    assert result.level.tolist() == [2, 1]
    assert result.value.tolist() == [9.0, 1.0]
    # Wet cells overlapped: (0,0) 8x8, (0,1) 6x8, (1,1) 6x8; (1,0) is dry.
    assert result.area[0] == pytest.approx(64 + 48 + 48)
    # Exact area even where the level comes from another cell: (0,0) 8x6 + (0,1) 4x6.
    assert result.area[1] == pytest.approx(48 + 24)


def test_small_polygon_takes_the_cell_of_its_representative_point():
    small = box(21, 1, 23, 3)  # inside cell (2,2)=0.7, covers no centre
    result = sample([small])
    assert result.level.tolist() == [1]
    assert result.value[0] == pytest.approx(0.7)
    assert result.area[0] == pytest.approx(4.0)


def test_multipart_null_and_empty():
    multi = MultiLineString([[(0, 25), (10, 25)], [(20, 5), (30, 5)]])
    result = sample([multi, None, LineString(), Polygon()])
    assert result.level.tolist() == [1, 0, 0, 0]
    assert result.length.tolist() == pytest.approx([20.0, 0, 0, 0])


def test_bad_raster():
    with pytest.raises(InputError, match="single band"):
        RasterGrid(np.zeros((2, 2, 2)), GT)
    with pytest.raises(InputError, match="degenerate"):
        RasterGrid(np.zeros((2, 2)), (0, 0, 0, 0, 0, 0))
    with pytest.raises(InputError, match="increase"):
        sample_raster(np.array([Point(1, 1)], dtype=object), grid(), "1;0.5")


def _cell_boxes(gt, shape):
    rows, cols = shape
    return {
        (r, c): box(
            gt[0] + c * gt[1], gt[3] + (r + 1) * gt[5], gt[0] + (c + 1) * gt[1], gt[3] + r * gt[5]
        )
        for r in range(rows)
        for c in range(cols)
    }


def test_random_lines_and_polygons_against_cell_boxes():
    """Oracle: every cell as a shapely box, measured one by one (no pixel arithmetic)."""
    rng = np.random.default_rng(7)
    shape = (12, 15)
    gt = (100.0, 7.0, 0.0, 500.0, 0.0, -5.0)
    array = rng.uniform(-1, 3, shape)
    array[rng.random(shape) < 0.15] = NODATA
    thresholds = [0.0, 1.0, 2.0]
    g = RasterGrid(array, gt, NODATA)
    cells = _cell_boxes(gt, shape)
    valid = {key: array[key] for key in cells if array[key] != NODATA}

    def level_of(v):
        return int(np.searchsorted(thresholds, v, side="right"))

    lines = [
        LineString(rng.uniform([90, 430], [215, 510], size=(rng.integers(2, 6), 2)))
        for _ in range(40)
    ]
    polygons = [
        shapely.buffer(Point(rng.uniform([100, 440], [205, 500])), rng.uniform(4, 20))
        for _ in range(15)
    ]
    result = sample_raster(np.array(lines + polygons, dtype=object), g, thresholds)
    for i, line in enumerate(lines):
        met = {k: v for k, v in valid.items() if line.intersection(cells[k]).length > 1e-9}
        wet = [cells[k] for k, v in met.items() if level_of(v) >= 1]
        expected_length = line.intersection(shapely.union_all(wet)).length if wet else 0.0
        assert result.length[i] == pytest.approx(expected_length, abs=1e-7)
        assert result.level[i] == max((level_of(v) for v in met.values()), default=0)
        if met:
            assert result.value[i] == pytest.approx(max(met.values()))
    for j, polygon in enumerate(polygons):
        i = len(lines) + j
        wet = [cells[k] for k, v in valid.items() if level_of(v) >= 1]
        expected_area = polygon.intersection(shapely.union_all(wet)).area
        assert result.area[i] == pytest.approx(expected_area, rel=1e-9, abs=1e-7)
        covered = [v for k, v in valid.items() if polygon.intersects(cells[k].centroid)]
        if covered:
            assert result.value[i] == pytest.approx(max(covered))


def test_line_pieces_cover_each_line_once_with_their_cells_values():
    from fibre_resilience.core.raster_sampling import line_pieces

    # 3 x 2 cells of 10 m, top-left at (0, 20): row 0 is y 10-20, row 1 is y 0-10
    values = np.array([[1.0, 2.0, 3.0], [4.0, -9.0, 6.0]])
    grid = RasterGrid(values, (0.0, 10.0, 0.0, 20.0, 0.0, -10.0), nodata=-9.0)
    lines = np.array(
        [
            shapely.LineString([(5, 15), (25, 15)]),  # row 0: cells 1, 2, 3
            None,
            shapely.MultiLineString([[(5, 5), (15, 5)], [(35, 5), (45, 5)]]),  # row 1, off
        ],
        dtype=object,
    )
    line, length, value = line_pieces(lines, grid)
    got = sorted(zip(line.tolist(), np.round(length, 9).tolist(), value.tolist()), key=str)
    nan = float("nan")
    expected = [(0, 5.0, 1.0), (0, 10.0, 2.0), (0, 5.0, 3.0), (2, 5.0, 4.0)]
    expected += [(2, 5.0, nan), (2, 10.0, nan)]  # a nodata cell; a part outside the grid
    assert sorted(map(str, got)) == sorted(map(str, expected))
    for i in (0, 2):  # the pieces add up to the line's length
        assert length[line == i].sum() == pytest.approx(shapely.length(lines[i]))


def test_band_lengths_and_one_level_per_run():
    k = math.sqrt(13) / 3  # the diagonal line's length per metre of x
    result = sample([LineString([(0, 25), (30, 5)]), Point(15, 15), box(0, 0, 30, 30)])
    # Level 1 in cells (0,0)=1 and (2,2)=0.7 (7.5 m of x each), level 2 in (1,1)=2 (10 m).
    np.testing.assert_allclose(result.band_length[0], [15 * k, 10 * k, 0, 0], rtol=1e-12)
    assert result.band_length[0].sum() == pytest.approx(result.length[0], rel=1e-12)
    assert not result.band_length[1:].any()  # points and polygons: no length
    # Adjacent wet cells of levels 1 and 2 make two runs, each of one level.
    two = sample([LineString([(0, 25), (20, 25)])])
    lines = two.piece_asset == 0
    runs = sorted(zip(two.piece_level[lines].tolist(), shapely.length(two.pieces[lines])))
    assert runs == [(1, pytest.approx(10.0)), (2, pytest.approx(10.0))]
    assert sorted(two.wet_level.tolist()) == [1, 2]


def test_float32_cells_meet_thresholds_at_the_rasters_own_precision():
    """A float32 raster stores 0.01 as 0.00999999978: it still reaches a threshold of 0.01
    (and 0.3, stored as 0.300000012, reaches 0.3 without being above 0.3000001). Read at
    double precision, the first cell was level 0."""
    cells = np.array([[0.01, 0.3], [0.5, 0.2999]], dtype=np.float32)
    raster = RasterGrid(cells, (0.0, 10.0, 0.0, 20.0, 0.0, -10.0))
    points = shapely.points([5, 15, 5, 15], [15, 15, 5, 5])
    result = sample_raster(points, raster, "0.01;0.3;0.5;2")
    assert result.level.tolist() == [1, 2, 3, 1]
    # the same values in a float64 raster compare as written
    exact = sample_raster(points, RasterGrid(cells.astype(float), raster.geotransform), "0.01;0.3")
    assert exact.level.tolist() == [0, 2, 2, 1]
    lines = np.array([LineString([(0, 15), (10, 15)])])
    assert sample_raster(lines, raster, "0.01;0.3;0.5;2").level.tolist() == [1]
