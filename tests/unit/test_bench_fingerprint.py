"""The benchmark's result fingerprint: blind to feature order and ids, not to any value."""

import numpy as np
import pytest
import shapely
from osgeo import ogr, osr

from fibre_resilience.benchmarks.fingerprint import (
    differences,
    file_fingerprint,
    tolerant_differences,
)

ROWS = [
    ("A", 1, 0.25, "LINESTRING (0 0, 10 0)"),
    ("B", None, 1.5, "LINESTRING (10 0, 10 5, 20 5)"),
    ("C", 3, None, "LINESTRING (20 5, 30 5)"),
]


def _write(path, rows):
    ogr.UseExceptions()
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    layer = dataset.CreateLayer("lines", srs, ogr.wkbUnknown)
    for name, kind in (("code", ogr.OFTString), ("count", ogr.OFTInteger), ("m", ogr.OFTReal)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    for code, count, m, wkt in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in (("code", code), ("count", count), ("m", m)):
            if value is None:
                feature.SetFieldNull(name)
            else:
                feature.SetField(name, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    dataset = None
    return file_fingerprint(path)["lines"]


def _changed(rows, index, column, value):
    rows = [list(r) for r in rows]
    rows[index][column] = value
    return [tuple(r) for r in rows]


def test_counts_and_sums_are_the_table_s(tmp_path):
    print_ = _write(tmp_path / "a.gpkg", ROWS)
    assert print_["count"] == 3
    assert print_["sums"] == {"count": 4.0, "m": 1.75}


def test_same_rows_in_another_order_give_the_same_fingerprint(tmp_path):
    first = _write(tmp_path / "a.gpkg", ROWS)
    assert differences(first, _write(tmp_path / "b.gpkg", ROWS[::-1])) == []


def test_a_difference_below_the_rounding_is_not_a_difference(tmp_path):
    first = _write(tmp_path / "a.gpkg", ROWS)
    again = _write(tmp_path / "b.gpkg", _changed(ROWS, 0, 2, 0.25 + 1e-10))
    assert differences(first, again) == []


@pytest.mark.parametrize(
    "column, value",
    [
        (0, "Z"),  # a text
        (1, 0),  # NULL became 0
        (2, 0.2501),  # a real beyond the rounding
        (3, "LINESTRING (10 0, 10 5.01, 20 5)"),  # a vertex moved by a centimetre
        (3, "LINESTRING (20 5, 10 5, 10 0)"),  # the same line the other way
    ],
)
def test_any_value_that_changes_changes_the_digest(tmp_path, column, value):
    first = _write(tmp_path / "a.gpkg", ROWS)
    changed = _write(tmp_path / "b.gpkg", _changed(ROWS, 1, column, value))
    found = differences(first, changed)
    assert "digest: was" in " ".join(found), found


# The tolerant fingerprint (what the scale-20 test compares on every lane): blind to float
# noise, feature order and polygon ring start; not to any change of a result.

POLYGON = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"


def _many(count=400, seed=1):
    """Rows with a real like a length and a line of two vertices each."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(count):
        x, y = 650000 + rng.uniform(0, 5e4), 7030000 + rng.uniform(0, 5e4)
        wkt = f"LINESTRING ({x} {y}, {x + rng.uniform(1, 300)} {y + rng.uniform(1, 300)})"
        measure = float(rng.uniform(0, 1e4))  # metres, minutes...
        rows.append((f"R{i:04d}", int(rng.integers(0, 5)), measure, wkt))
    return rows


def _noisy(rows, seed=2):
    """The same rows in another order, every real and coordinate off by float noise (a
    relative 1e-12 on the reals, a nanometre on the coordinates): what another GEOS, numpy or
    GDAL gives."""
    rng = np.random.default_rng(seed)
    out = []
    for code, count, measure, wkt in rows:
        noise = 1 + rng.uniform(-1e-12, 1e-12)
        measure = None if measure is None else measure * noise
        line = shapely.from_wkt(wkt)
        coords = shapely.get_coordinates(line) + rng.uniform(-1e-9, 1e-9, (2, 2))
        out.append((code, count, measure, shapely.to_wkt(shapely.linestrings(coords), 12)))
    return [out[i] for i in rng.permutation(len(out))]


def _tolerant(path, rows):
    _write(path, rows)
    return {"file": file_fingerprint(path, tolerant=True)}


def test_float_noise_and_order_are_not_differences(tmp_path):
    rows = _many()
    first = _tolerant(tmp_path / "a.gpkg", rows)
    assert tolerant_differences(first, _tolerant(tmp_path / "b.gpkg", _noisy(rows))) == []
    assert first["file"]["lines"]["count"] == 400 and sum(first["file"]["lines"]["rows"]) == 400


def test_the_exact_digest_sees_noise_at_a_rounding_boundary(tmp_path):
    """Why the tolerant fingerprint exists: a value whose last-bit noise crosses the rounding
    of the exact digest (0.1234565 rounds up or down) changes that digest."""
    rows = _changed(ROWS, 0, 2, 0.12345650000001)
    noisy = _changed(ROWS, 0, 2, 0.12345649999999)
    assert differences(_write(tmp_path / "a.gpkg", rows), _write(tmp_path / "b.gpkg", noisy))
    tolerant = _tolerant(tmp_path / "c.gpkg", rows), _tolerant(tmp_path / "d.gpkg", noisy)
    assert tolerant_differences(*tolerant) == []


def _swapped(rows, a, b):
    """Rows a and b exchange their reals."""
    rows = [list(r) for r in rows]
    rows[a][2], rows[b][2] = rows[b][2], rows[a][2]
    return [tuple(r) for r in rows]


def _moved(rows, index, dx):
    line = shapely.get_coordinates(shapely.from_wkt(rows[index][3]))
    line[1, 0] += dx
    return _changed(rows, index, 3, shapely.to_wkt(shapely.linestrings(line), 12))


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda r: _changed(r, 7, 2, r[7][2] + 1e-6), "lines/m/sum: bucket"),  # 6th decimal
        (lambda r: _swapped(r, 3, 4), "lines/m/weighted: bucket"),  # two values exchanged
        (lambda r: _moved(r, 9, 1e-3), "geometry/x: bucket"),  # a vertex moved by a millimetre
        (lambda r: _changed(r, 9, 3, _reversed(r[9][3])), "geometry/x_weighted"),  # the other way
        (lambda r: _changed(r, 5, 1, r[5][1] + 1), "digest"),  # an integer
        (lambda r: _changed(r, 5, 1, None), "digest"),  # an integer became NULL
        (lambda r: _changed(r, 5, 2, None), "digest"),  # a real became NULL
        (lambda r: _changed(r, 5, 0, "other"), "digest"),  # a text
        (lambda r: r[:-1], "count"),  # a row lost
    ],
)
def test_any_change_of_a_result_is_a_difference(tmp_path, change, where):
    rows = _many()
    first = _tolerant(tmp_path / "a.gpkg", rows)
    found = tolerant_differences(first, _tolerant(tmp_path / "b.gpkg", _noisy(change(rows))))
    assert where in " ".join(found), found


def _reversed(wkt):
    return shapely.to_wkt(shapely.reverse(shapely.from_wkt(wkt)), 12)


def test_polygons_compare_whatever_their_ring_start_and_orientation(tmp_path):
    """GEOS versions may start a ring elsewhere or turn it the other way: not a result."""
    rows = [("A", 1, 1.0, POLYGON)]
    other = [("A", 1, 1.0, "POLYGON ((10 10, 10 0, 0 0, 0 10, 10 10))")]
    moved = [("A", 1, 1.0, "POLYGON ((0 0, 10 0, 10 10.001, 0 10, 0 0))")]
    # float noise that breaks the tie between (0 0) and (0 10), where a ring may then start
    noisy = [("A", 1, 1.0, "POLYGON ((1e-9 10, 0 -1e-9, 10 0, 10 10, 1e-9 10))")]
    first = _tolerant(tmp_path / "a.gpkg", rows)
    assert tolerant_differences(first, _tolerant(tmp_path / "b.gpkg", other)) == []
    assert tolerant_differences(first, _tolerant(tmp_path / "d.gpkg", noisy)) == []
    assert tolerant_differences(first, _tolerant(tmp_path / "c.gpkg", moved))
