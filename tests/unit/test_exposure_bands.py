"""Exposed length per level band (``band_length``, SUMMARY ``band_m``) and the SUMMARY by an
asset field: hand-computed cases (the GEOS oracles per level are in test_exposure_oracle)."""

import numpy as np
import pytest
from shapely import LineString, MultiLineString, Point, Polygon, box

from fibre_resilience.core.errors import InputError
from fibre_resilience.core.exposure import (
    HazardZones,
    RasterHazard,
    exposure,
    exposure_summary,
    group_codes,
)
from fibre_resilience.core.raster_sampling import RasterGrid


def arr(*geoms):
    return np.array(list(geoms), dtype=object)


# --------------------------------------------------------------------------- by hand


def test_line_across_nested_zones_of_levels_1_2_3():
    # 1 over x 0–100, 2 over 20–80, 3 over 40–60 (nested): the line runs x -10 → 110.
    nested = HazardZones(
        arr(box(0, 0, 100, 10), box(20, 0, 80, 10), box(40, 0, 60, 10)), np.array([1, 2, 3])
    )
    lines = arr(
        LineString([(-10, 5), (110, 5)]),
        LineString([(50, 5), (50, 30)]),  # 5 m in level 3, from the middle up
        LineString([(30, 20), (30, 10), (45, 10)]),  # touches 2 at a point, then along the top
        LineString([(-10, 50), (110, 50)]),  # dry
        Point(50, 5),  # a point: no length, no band
        box(10, 2, 50, 8),  # a polygon: an area, no band
        None,
    )
    result = exposure(lines, nested)
    assert result.level.tolist() == [3, 3, 3, 0, 3, 3, 0]
    np.testing.assert_allclose(
        result.band_length[:4],
        [[40, 40, 20, 0], [0, 0, 5, 0], [0, 10, 5, 0], [0, 0, 0, 0]],
        atol=1e-9,
    )
    assert np.isnan(result.band_length[4:]).all()
    np.testing.assert_allclose(result.band_length[:4].sum(axis=1), result.length[:4], rtol=1e-12)
    assert result.length[0] == pytest.approx(100.0)


def test_overlapping_zones_and_holes_take_the_highest_level():
    # A level-3 ring with a hole over x 10–20, a level-1 zone filling the hole and beyond,
    # and a level-4 zone the line only touches at its end.
    ring = Polygon([(0, 0), (30, 0), (30, 10), (0, 10)], [[(10, 2), (20, 2), (20, 8), (10, 8)]])
    z = HazardZones(
        arr(ring, box(8, 0, 25, 10), box(40, 0, 50, 10)), np.array([3, 1, 4]), buffer=0.0
    )
    line = LineString([(-5, 5), (40, 5)])
    result = exposure(arr(line), z)
    assert result.level.tolist() == [4]  # the touch sets the level, not a band
    np.testing.assert_allclose(result.band_length[0], [10, 0, 20, 0], atol=1e-9)
    assert result.length[0] == pytest.approx(30.0)


def test_zone_and_raster_bands_take_the_higher_of_the_two():
    # Cells of 10 m over x 0–40, y 0–10: levels 1, 4, 0, 2 (thresholds 0.5;1;2;3).
    grid = RasterGrid(np.array([[0.6, 3.5, 0.0, 1.2]]), (0, 10, 0, 10, 0, -10), None)
    raster = RasterHazard(grid, [0.5, 1, 2, 3])
    z = HazardZones(arr(box(5, 0, 35, 10)), np.array([3]))
    line = LineString([(-5, 5), (45, 5)])
    both = exposure(arr(line), z, raster)
    # x 0–5 raster 1; 5–10 zone 3; 10–20 raster 4; 20–30 zone 3; 30–35 zone 3; 35–40 raster 2
    np.testing.assert_allclose(both.band_length[0], [5, 5, 20, 10], atol=1e-9)
    assert both.length[0] == pytest.approx(40.0)
    alone = exposure(arr(line), raster=raster)
    np.testing.assert_allclose(alone.band_length[0], [10, 10, 0, 10], atol=1e-9)
    assert alone.length[0] == pytest.approx(30.0)


# --------------------------------------------------------------------------- summary


def test_summary_band_m_by_level_and_by_group():
    nested = HazardZones(
        arr(box(0, 0, 100, 10), box(20, 0, 80, 10), box(40, 0, 60, 10)), np.array([1, 2, 3])
    )
    assets = arr(
        LineString([(-10, 5), (110, 5)]),  # 20 dry, bands 40/40/20, level 3, NRO 10
        LineString([(10, 5), (30, 5)]),  # bands 10/10, level 2, NRO 2
        LineString([(-10, 50), (10, 50)]),  # 20 dry, level 0, NRO NULL
        Point(50, 5),  # level 3, NRO 10: counted, no length
    )
    result = exposure(assets, nested)
    table = exposure_summary(result, assets, groups=[10, 2, None, 10])
    assert list(table.columns) == [
        "grp_value",
        "hz_level",
        "n_assets",
        "length_m",
        "band_m",
        "area_m2",
        "premises",
        "n_failed",
    ]
    assert table["grp_value"].tolist() == ["2"] * 5 + ["10"] * 5 + [None] * 5  # 2 before 10
    rows = {(r.grp_value, r.hz_level): r for r in table.itertuples()}
    assert [rows[("10", k)].band_m for k in range(5)] == pytest.approx([20, 40, 40, 20, 0])
    assert rows[("10", 3)].length_m == pytest.approx(100) and rows[("10", 3)].n_assets == 2
    assert [rows[("2", k)].band_m for k in range(5)] == pytest.approx([0, 10, 10, 0, 0])
    assert rows[(None, 0)].band_m == pytest.approx(20) and rows[(None, 0)].n_assets == 1
    # band_m adds up to the length of the lines; length_m (by the assets' level) unchanged.
    plain = exposure_summary(result, assets)
    assert plain["band_m"].sum() == pytest.approx(120 + 20 + 20)
    assert plain["band_m"].tolist() == pytest.approx([40, 50, 50, 20, 0])
    assert plain["length_m"].tolist() == pytest.approx([0, 0, 20, 100, 0])


def test_summary_by_aggregate_and_group_together():
    z = HazardZones(arr(box(0, 0, 100, 10)), np.array([2]))
    assets = arr(
        LineString([(0, 5), (20, 5)]),  # west, A
        LineString([(30, 5), (40, 5)]),  # west, B
        LineString([(60, 5), (90, 5)]),  # east, A
        LineString([(200, 5), (210, 5)]),  # in no polygon, NULL
    )
    result = exposure(assets, z)
    west, east, empty = box(-5, -5, 50, 10), box(50, -5, 100, 10), box(500, 500, 501, 501)
    table = exposure_summary(
        result,
        assets,
        aggregates=arr(west, east, empty),
        aggregate_names=["W", "E", "X"],
        groups=["A", "B", "A", None],
    )
    assert list(table.columns[:3]) == ["aggregate", "grp_value", "hz_level"]
    pairs = list(dict.fromkeys(zip(table["aggregate"], table["grp_value"])))
    assert pairs == [("W", "A"), ("W", "B"), ("E", "A"), (None, None)]  # X holds no asset
    rows = {(r.aggregate, r.grp_value, r.hz_level): r for r in table.itertuples()}
    assert rows[("W", "B", 2)].band_m == pytest.approx(10)
    assert rows[("E", "A", 2)].band_m == pytest.approx(30)
    assert rows[(None, None, 0)].band_m == pytest.approx(10)
    assert table["n_assets"].sum() == 4


def test_group_codes_sorting_and_nulls():
    assert group_codes([3, None, 10, 3]) == (["3", "10", None], pytest.approx([0, 2, 1, 0]))
    labels, codes = group_codes(["b", "a", "", None])
    assert labels == ["", "a", "b", None] and codes.tolist() == [2, 1, 0, 3]
    labels, codes = group_codes([1.5, float("nan"), None])  # NaN is NULL too
    assert labels == ["1.5", None] and codes.tolist() == [0, 1, 1]
    labels, codes = group_codes([2, "x"])  # mixed types: by their text
    assert labels == ["2", "x"] and codes.tolist() == [0, 1]
    with pytest.raises(InputError):
        exposure_summary(
            exposure(arr(Point(0, 0)), HazardZones(arr(box(0, 0, 1, 1)), [1])),
            arr(Point(0, 0)),
            groups=[1, 2],
        )


def test_multipart_lines_bands():
    z = HazardZones(arr(box(0, 0, 10, 10), box(20, 0, 30, 10)), np.array([4, 2]))
    line = MultiLineString([[(-5, 5), (5, 5)], [(15, 5), (25, 5)]])
    result = exposure(arr(line), z)
    np.testing.assert_allclose(result.band_length[0], [0, 5, 0, 5], atol=1e-9)
