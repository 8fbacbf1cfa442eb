"""Exposure of assets to zones and rasters: hand-computed cases and a brute-force oracle."""

import numpy as np
import pytest
import shapely
from shapely import LineString, MultiLineString, MultiPoint, Point, Polygon, box

from fibre_resilience.core.errors import CancelledError, InputError
from fibre_resilience.core.exposure import (
    LINE,
    NULL,
    POINT,
    POLYGON,
    HazardZones,
    RasterHazard,
    exposure,
    exposure_summary,
    representative_points,
)
from fibre_resilience.core.raster_sampling import RasterGrid


def arr(*geoms):
    return np.array(list(geoms), dtype=object)


def zones(geoms, levels, classes=None, values=None, buffer=0.0):
    return HazardZones(
        arr(*geoms),
        np.array(levels),
        None if classes is None else np.array(classes, dtype=object),
        None if values is None else np.array(values, dtype=float),
        buffer,
    )


def test_line_half_in_a_zone():
    result = exposure(arr(LineString([(0, 5), (20, 5)])), zones([box(10, 0, 30, 10)], [2]))
    assert result.level.tolist() == [2]
    assert result.length[0] == pytest.approx(10.0)
    assert result.share[0] == pytest.approx(0.5)
    assert np.isnan(result.area[0])
    assert result.kind.tolist() == [LINE]


def test_overlapping_zones_highest_level_and_no_double_count():
    z = zones(
        [box(0, 0, 12, 10), box(8, 0, 15, 10)],
        [1, 3],
        ["04Fai", "02Moy"],
        [0.4, 1.5],
    )
    result = exposure(arr(LineString([(-5, 5), (20, 5)])), z)
    assert result.level.tolist() == [3]
    assert result.class_.tolist() == ["02Moy"]
    assert result.value.tolist() == [1.5]
    assert result.length[0] == pytest.approx(15.0)  # 0..15, not 12 + 7
    assert result.share[0] == pytest.approx(15 / 25)


def test_diagonal_line_in_three_nested_zones():
    # Nested envelopes as in TRI scenarios: the union is the largest one.
    z = zones([box(0, 0, 10, 10), box(0, 0, 6, 6), box(0, 0, 3, 3)], [1, 3, 4])
    line = LineString([(0, 0), (20, 20)])
    result = exposure(arr(line), z)
    assert result.level.tolist() == [4]
    assert result.length[0] == pytest.approx(10 * np.sqrt(2), rel=1e-12)


def test_points_on_boundaries_and_outside():
    z = zones([box(0, 0, 10, 10)], [2], ["x"])
    result = exposure(arr(Point(10, 5), Point(0, 0), Point(5, 5), Point(10.001, 5)), z)
    assert result.level.tolist() == [2, 2, 2, 0]
    assert result.share.tolist() == [1.0, 1.0, 1.0, 0.0]
    assert np.isnan(result.length).all() and np.isnan(result.area).all()
    assert result.class_.tolist() == ["x", "x", "x", ""]


def test_polygon_asset_area_share_and_touching_line():
    z = zones([box(0, 0, 10, 10), box(5, 0, 20, 10)], [1, 2])
    polygon = box(8, 8, 12, 14)  # 4x6, 4x2 inside
    touching = LineString([(10, 10), (10, 20)])  # touches the zones' top edge only
    result = exposure(arr(polygon, touching), z)
    assert result.kind.tolist() == [POLYGON, LINE]
    assert result.area[0] == pytest.approx(8.0)
    assert result.share[0] == pytest.approx(8 / 24)
    assert result.level.tolist() == [2, 2]
    assert result.length[1] == pytest.approx(0.0)


def test_buffer_widens_zones_in_metres():
    line = LineString([(0, 13), (10, 13)])  # 3 m above the zone
    z_plain = zones([box(0, 0, 10, 10)], [2])
    z_buffered = zones([box(0, 0, 10, 10)], [2], buffer=5.0)
    assert exposure(arr(line), z_plain).level.tolist() == [0]
    result = exposure(arr(line), z_buffered)
    assert result.level.tolist() == [2]
    assert result.length[0] == pytest.approx(10.0)
    with pytest.raises(InputError, match="BUFFER"):
        exposure(arr(line), zones([box(0, 0, 1, 1)], [1], buffer=-1))


def test_multipart_assets():
    multi_line = MultiLineString([[(0, 5), (4, 5)], [(20, 5), (30, 5)]])
    multi_point = MultiPoint([(50, 50), (5, 5)])
    z = zones([box(0, 0, 10, 10)], [1])
    result = exposure(arr(multi_line, multi_point), z)
    assert result.level.tolist() == [1, 1]
    assert result.length[0] == pytest.approx(4.0)
    assert result.share[0] == pytest.approx(4 / 14)
    assert result.kind.tolist() == [LINE, POINT]


def test_null_and_empty_geometries():
    z = zones([box(0, 0, 10, 10)], [3])
    result = exposure(arr(None, LineString(), Polygon(), Point(1, 1)), z)
    assert result.level.tolist() == [0, 0, 0, 3]
    assert result.kind.tolist() == [NULL, NULL, NULL, POINT]
    assert result.null_count == 3
    assert np.isnan(result.share[:3]).all() and np.isnan(result.length[:3]).all()


def test_invalid_null_and_level0_zones_are_repaired_or_counted():
    bowtie = Polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)])
    z = zones([bowtie, None, box(100, 100, 110, 110), LineString([(0, 0), (1, 1)])], [2, 1, 0, 1])
    line = LineString([(0, 5), (10, 5)])
    result = exposure(arr(line, Point(105, 105)), z)
    assert result.zones_repaired == 1
    assert result.zones_dropped == 2  # the null zone and the line
    assert result.zones_level0 == 1
    assert result.zones_used == 1
    # The repaired bow-tie is two triangles meeting at (5, 5): y=5 crosses both fully.
    assert result.level.tolist() == [2, 0]
    assert result.length[0] == pytest.approx(10.0)


def test_fail_level_and_bad_inputs():
    z = zones([box(0, 0, 10, 10), box(20, 0, 30, 10)], [2, 4])
    result = exposure(arr(Point(5, 5), Point(25, 5), Point(50, 5)), z, fail_level=3)
    assert result.failed.tolist() == [0, 1, 0]
    assert exposure(arr(Point(5, 5)), z, fail_level=2).failed.tolist() == [1]
    with pytest.raises(InputError, match="FAIL_LEVEL"):
        exposure(arr(Point(5, 5)), z, fail_level=0)
    with pytest.raises(InputError, match="Give a hazard"):
        exposure(arr(Point(5, 5)))
    with pytest.raises(InputError, match="one level"):
        exposure(arr(Point(5, 5)), HazardZones(arr(box(0, 0, 1, 1)), np.array([1, 2])))


# A 4×1 raster of 10 m cells from x=0 to 40, y 0–10: depths 0, 0.3, 1.2, nodata.
GRID = RasterGrid(np.array([[0.0, 0.3, 1.2, -1.0]]), (0, 10, 0, 10, 0, -10), -1.0)


def test_vector_and_raster_union_and_higher_level():
    z = zones([box(-5, 0, 15, 10)], [1], ["zone"], [0.1])
    raster = RasterHazard(GRID, [0.2, 1.0])  # wet: x 10–30 (levels 1, 2)
    line = LineString([(0, 5), (40, 5)])
    result = exposure(arr(line, Point(25, 5), Point(2, 5)), z, raster)
    assert result.level.tolist() == [2, 2, 1]
    assert result.class_.tolist() == ["raster", "raster", "zone"]
    assert result.value[0] == pytest.approx(1.2)
    assert result.value[2] == pytest.approx(0.1)  # the zone's value; raster cell 0 is 0
    assert result.length[0] == pytest.approx(30.0)  # 0–15 ∪ 10–30
    assert result.share[0] == pytest.approx(0.75)


def test_diagonal_vector_and_raster_overlap_not_double_counted():
    # Same exposed stretch from both sources on a diagonal: union must not add them.
    z = zones([box(10, -100, 30, 100)], [1])
    raster = RasterHazard(GRID, [0.2])
    line = LineString([(0, 0.3), (40, 9.7)])
    result = exposure(arr(line), z, raster)
    assert result.length[0] == pytest.approx(line.length / 2, rel=1e-9)


def test_raster_in_another_crs():
    # The raster CRS is the working CRS shifted by (1000, 2000); to_metric shifts back.
    shift = np.array([1000.0, 2000.0])
    gt = (1000.0, 10, 0, 2010.0, 0, -10)
    grid = RasterGrid(GRID.array, gt, -1.0)
    line = LineString([(0, 5), (40, 5)])
    raster = RasterHazard(
        grid,
        [0.2, 1.0],
        assets=arr(shapely.transform(line, lambda c: c + shift)),
        to_metric=lambda c: c - shift,
    )
    result = exposure(arr(line), None, raster)
    assert result.level.tolist() == [2]
    assert result.length[0] == pytest.approx(20.0)
    with pytest.raises(InputError, match="one to one"):
        exposure(arr(line, line), None, raster)


def test_progress_and_cancel():
    z = zones([box(0, 0, 10, 10)], [1])
    seen = []
    exposure(arr(Point(1, 1), LineString([(0, 0), (5, 5)])), z, progress=seen.append)
    assert seen and seen[-1] == pytest.approx(1.0)
    assert all(b >= a - 1e-12 for a, b in zip(seen, seen[1:]))
    with pytest.raises(CancelledError):
        exposure(arr(Point(1, 1)), z, is_cancelled=lambda: True)


def test_summary_by_level_and_aggregate():
    z = zones([box(0, 0, 10, 10)], [3])
    assets = arr(
        LineString([(0, 5), (30, 5)]),  # exposed 10 m, mid-point (15, 5): west
        LineString([(40, 5), (60, 5)]),  # dry, mid-point (50, 5): east
        box(2, 2, 4, 4),  # exposed 4 m², west
        Point(100, 100),  # in no aggregate
        None,
    )
    result = exposure(assets, z)
    west, east = box(-10, -10, 45, 20), box(45, -10, 70, 20)
    table = exposure_summary(
        result, assets, np.array([10, 20, 5, 1, np.nan]), arr(west, east), ["W", "E"]
    )
    assert list(table.columns) == [
        "aggregate",
        "hz_level",
        "n_assets",
        "length_m",
        "band_m",
        "area_m2",
        "premises",
        "n_failed",
    ]
    assert len(table) == 15  # W, E, none × levels 0–4
    rows = {(r.aggregate, r.hz_level): r for r in table.itertuples()}
    assert rows[("W", 3)].n_assets == 2
    assert rows[("W", 3)].length_m == pytest.approx(10.0)
    assert rows[("W", 3)].area_m2 == pytest.approx(4.0)
    assert rows[("W", 3)].premises == 15 and rows[("W", 3)].n_failed == 2
    assert rows[("E", 0)].n_assets == 1 and rows[("E", 0)].premises == 20
    assert rows[(None, 0)].n_assets == 2 and rows[(None, 0)].premises == 1
    plain = exposure_summary(result, assets)
    assert plain["n_assets"].tolist() == [3, 0, 0, 2, 0]
    assert plain["premises"].isna().all()


def test_representative_points():
    points = representative_points(
        arr(LineString([(0, 0), (10, 0), (10, 30)]), box(0, 0, 2, 2), Point(3, 4), None)
    )
    assert points[0].equals(Point(10, 10))
    assert box(0, 0, 2, 2).contains(points[1])
    assert points[2].equals(Point(3, 4)) and points[3] is None


def _brute_force(asset, zone_geoms, zone_levels):
    """Per asset, per zone, with plain shapely calls: the oracle."""
    hits = [i for i, z in enumerate(zone_geoms) if asset.intersects(z)]
    level = max((zone_levels[i] for i in hits), default=0)
    exposed = asset.intersection(shapely.union_all([zone_geoms[i] for i in hits])) if hits else None
    length = exposed.length if exposed is not None else 0.0
    area = exposed.area if exposed is not None else 0.0
    return level, length, area


def test_random_assets_against_brute_force():
    rng = np.random.default_rng(42)
    zone_geoms = [
        shapely.buffer(Point(rng.uniform(0, 1000, 2)), rng.uniform(20, 150), quad_segs=6)
        for _ in range(40)
    ] + [box(*np.sort(rng.uniform(0, 1000, (2, 2)), axis=0).T.ravel()) for _ in range(10)]
    zone_levels = rng.integers(1, 5, len(zone_geoms))
    lines = [LineString(rng.uniform(0, 1000, (rng.integers(2, 8), 2))) for _ in range(150)]
    polygons = [
        shapely.buffer(Point(rng.uniform(0, 1000, 2)), rng.uniform(5, 60)) for _ in range(60)
    ]
    points = [Point(rng.uniform(0, 1000, 2)) for _ in range(150)]
    assets = arr(*(lines + polygons + points))
    result = exposure(assets, HazardZones(arr(*zone_geoms), zone_levels))
    assert result.level.max() >= 3 and (result.level == 0).any()
    for i, asset in enumerate(assets):
        level, length, area = _brute_force(asset, zone_geoms, zone_levels)
        assert result.level[i] == level
        if i < len(lines):
            assert result.length[i] == pytest.approx(length, abs=1e-4)  # 1 µm snap grid
        elif i < len(lines) + len(polygons):
            assert result.area[i] == pytest.approx(area, rel=1e-6, abs=1e-4)
