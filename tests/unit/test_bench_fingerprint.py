"""The benchmark's result fingerprint: blind to feature order and ids, not to any value."""

import pytest
from osgeo import ogr, osr

from fibre_resilience.benchmarks.fingerprint import differences, file_fingerprint

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
    layer = dataset.CreateLayer("lines", srs, ogr.wkbLineString)
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
